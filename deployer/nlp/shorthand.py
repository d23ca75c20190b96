# ruff: noqa: E501  (word tables)
"""Requests said in other words than English sentences: a few words of Spanish, German or French, and a
terse operator's shorthand.

``abroad`` reads the everyday verbs, courtesies and articles of Spanish, German and French requests ("reinicia
el contenedor adminer por favor", "Den stack nextcloud bitte stoppen", "supprime db-01 s'il te plaît") as
English; a verb said last (German) is put first. Only words that are no English word are read so ("para",
"lance", "pause" are left alone).

``terse`` reads shorthand: verbs cut to consonants ("rst", "stp", "strt", "lgs"), "w/" and "w/o", "exc.",
"→" between steps, "b4", "nvm" (a request taken back), and names with a wildcard ("web-*", "db-*") or a
range ("worker-01..03") as the live names they match.
"""
from __future__ import annotations

import fnmatch
import json
import unicodedata

from . import regex as re
from .clause import STOPPED, VERBS
from .state import State

IC = re.IGNORECASE

# whole phrases first (longest first), then words; each to its English
FOREIGN_PHRASES = {
    # courtesy and asides, said for nothing to be done
    "s'il te plaît": '', "s'il te plait": '', "s'il vous plaît": '', "s'il vous plait": '', 'por favor': '',
    'ya no lo uso': '', 'ya no la uso': '', 'brauche ich nicht mehr': '', "je n'en ai plus besoin": '',
    'muchas gracias': '', 'vielen dank': '', 'merci beaucoup': '',
    # verbs of more than one word
    'starte neu': 'restart', 'neu starten': 'restart', 'halte an': 'stop', 'zeig mir': 'show me', 'zeige mir': 'show me',
    'muéstrame': 'show me', 'muestrame': 'show me', 'montre-moi': 'show me', 'montre moi': 'show me',
    # articles and nouns around the name
    'el contenedor': 'the container', 'los contenedores': 'the containers', 'todos los contenedores': 'all containers',
    'el stack': 'the stack', 'la pila': 'the stack', 'todo el': 'all of', 'toda la': 'all of',
    'den container': 'the container', 'der container': 'the container', 'den stack': 'the stack', 'der stack': 'the stack',
    'alle container': 'all containers', 'le conteneur': 'the container', 'les conteneurs': 'the containers',
    'le stack': 'the stack', 'tout le': 'all of', 'les logs de': 'the logs of', 'les journaux de': 'the logs of',
    'los logs de': 'the logs of', 'los registros de': 'the logs of', 'die logs von': 'the logs of',
    'die logs': 'the logs', 'los logs': 'the logs', 'les logs': 'the logs',
}
FOREIGN_WORDS = {
    # Spanish
    'reinicia': 'restart', 'reiniciar': 'restart', 'reinicie': 'restart', 'reinícialo': 'restart it', 'reinicialo': 'restart it',
    'arranca': 'start', 'arrancar': 'start', 'arranque': 'start', 'inicia': 'start', 'iniciar': 'start', 'enciende': 'start',
    'detén': 'stop', 'deten': 'stop', 'detener': 'stop', 'detenga': 'stop', 'apaga': 'stop', 'apagar': 'stop',
    'borra': 'remove', 'borrar': 'remove', 'elimina': 'remove', 'eliminar': 'remove', 'pausa': 'pause', 'pausar': 'pause',
    'muestra': 'show', 'mostrar': 'show', 'porfa': '', 'gracias': '', 'oye': '', 'contenedor': 'container',
    'actualiza': 'update', 'actualizar': 'update', 'despliega': 'deploy', 'desplegar': 'deploy', 'instala': 'install',
    'instalar': 'install', 'estado': 'status',
    # Italian and Portuguese
    'riavvia': 'restart', 'riavviare': 'restart', 'avvia': 'start', 'ferma': 'stop', 'fermare': 'stop', 'mostrami': 'show me',
    'cancella': 'remove', 'inicie': 'start', 'pare': 'stop', 'mostre': 'show', 'mostra': 'show',
    'contenitore': 'container', 'grazie': '', 'obrigado': '', 'obrigada': '',
    'contenedores': 'containers', 'registros': 'logs',
    # German
    'neustarten': 'restart', 'neustart': 'restart', 'starten': 'start', 'starte': 'start', 'stoppen': 'stop',
    'stoppe': 'stop', 'anhalten': 'stop', 'beenden': 'stop', 'löschen': 'remove', 'lösch': 'remove', 'lösche': 'remove',
    'entfernen': 'remove', 'entferne': 'remove', 'pausieren': 'pause', 'zeig': 'show', 'zeige': 'show', 'zeigen': 'show',
    'bitte': '', 'danke': '',
    # French
    'redémarre': 'restart', 'redémarrer': 'restart', 'redemarre': 'restart', 'redemarrer': 'restart', 'relance': 'restart',
    'relancer': 'restart', 'démarre': 'start', 'démarrer': 'start', 'demarre': 'start', 'demarrer': 'start',
    'arrête': 'stop', 'arrêter': 'stop', 'arrete': 'stop', 'arreter': 'stop', 'supprime': 'remove', 'supprimer': 'remove',
    'efface': 'remove', 'montre': 'show', 'affiche': 'show', 'afficher': 'show', 'merci': '', 'svp': '',
    'conteneur': 'container', 'conteneurs': 'containers',
}
# small words, read only in a message already said in one of those languages (in English, "y" or "e" can be names)
FOREIGN_GLUE = {
    # windows: "de los últimos 5 minutos", "der letzten 10 Minuten", "des 20 dernières minutes"
    'de los últimos': 'in the last', 'de las últimas': 'in the last', 'de los ultimos': 'in the last',
    'de las ultimas': 'in the last', 'en los últimos': 'in the last', 'en las últimas': 'in the last',
    'der letzten': 'in the last', 'in den letzten': 'in the last', 'seit': 'since', 'des dernières': 'in the last',
    'des derniers': 'in the last', 'dans les dernières': 'in the last', 'depuis': 'since', 'desde': 'since',
    'degli ultimi': 'in the last', 'negli ultimi': 'in the last', 'dos últimos': 'in the last', 'nos últimos': 'in the last',
    'últimos': 'last', 'últimas': 'last', 'ultimos': 'last', 'ultimas': 'last', 'letzten': 'last', 'dernières': 'last',
    'derniers': 'last', 'ultimi': 'last',
    'minutos': 'minutes', 'minuten': 'minutes', 'minuti': 'minutes', 'horas': 'hours', 'stunden': 'hours', 'heures': 'hours',
    'ore': 'hours', 'líneas': 'lines', 'lineas': 'lines', 'zeilen': 'lines', 'lignes': 'lines', 'righe': 'lines',
    'linhas': 'lines',
    # joining words and pronouns
    'y': 'and', 'und': 'and', 'et': 'and', 'e': 'and', 'luego': 'then', 'después': 'then', 'despues': 'then',
    'dann': 'then', 'danach': 'then', 'puis': 'then', 'ensuite': 'then', 'poi': 'then', 'depois': 'then',
    'sus': 'its', 'su': 'its', 'seine': 'its', 'ihre': 'its', 'ses': 'its', 'i suoi': 'its', 'seus': 'its',
    'del': 'of the', 'des': 'of the', 'du': 'of the', 'de la': 'of the', 'della': 'of the', 'dello': 'of the',
    'von': 'of', 'vom': 'of the', 'di': 'of', 'de': 'of',
}
_GLUE = re.compile(r"(?<![\w'-])(?:" + '|'.join(re.escape(w) for w in sorted(FOREIGN_GLUE, key=len, reverse=True))
                   + r")(?![\w'-])", IC)
_SURELY_FOREIGN = re.compile(r"(?<![\w'-])(?:minutos|minuten|minuti|horas|stunden|heures|últimos|últimas|ultimos|ultimas|"
                             r"letzten|dernières|derniers|ultimi|líneas|lineas|zeilen|lignes|righe|linhas)(?![\w'-])", IC)
_FOREIGN = re.compile(r"(?<![\w'-])(?:" + '|'.join(re.escape(p) for p in sorted(FOREIGN_PHRASES, key=len, reverse=True))
                      + r")(?![\w'-])|(?<![\w'-])(?:" + '|'.join(re.escape(w) for w in sorted(FOREIGN_WORDS, key=len, reverse=True))
                      + r")(?![\w'-])", IC)
_LAST_VERB = re.compile(r'^(?P<rest>.+?)\s+(?P<verb>restart|start|stop|remove|pause)\s*[.!]?\s*$', IC)


def abroad(text: str) -> str:
    """``text`` with the Spanish, German and French words of a request said in English."""
    if not _FOREIGN.search(text) and not _SURELY_FOREIGN.search(text):
        return text
    text = re.sub(r'\bstart(?:e|en)?\s+(?P<what>[\w.-]+(?:\s+[\w.-]+)?)\s+neu\b', r'restart \g<what>', text,
                  flags=IC)   # "starte jellyfin neu": the separable verb neu starten
    said = _FOREIGN.sub(lambda m: FOREIGN_PHRASES.get(m.group(0).lower(), FOREIGN_WORDS.get(m.group(0).lower(), m.group(0))),
                        text)
    said = _GLUE.sub(lambda m: FOREIGN_GLUE[m.group(0).lower()], said)
    said = ' '.join(said.replace(' ,', ',').split()).strip(' ,')
    last = _LAST_VERB.match(said)
    if last and not re.match(r'\s*(?:restart|start|stop|remove|pause|show)\b', said, IC):
        said = f'{last.group("verb")} {last.group("rest")}'   # "den stack nextcloud bitte stoppen": the verb comes last
    return said


# an operator's shorthand: verbs without their vowels, and symbols between requests
TERSE_VERBS = {'rst': 'restart', 'rstrt': 'restart', 'rstart': 'restart', 'stp': 'stop', 'strt': 'start', 'lgs': 'logs',
               'rmv': 'remove', 'upd': 'update', 'rdpl': 'redeploy', 'rdeploy': 'redeploy', 'dpl': 'deploy'}
# ("rm" stays as said: "rm -rf" is shell syntax, found and cut as such)
_TERSE = re.compile(r'(?<![\w./-])(?:' + '|'.join(sorted(TERSE_VERBS, key=len, reverse=True)) + r')(?![\w/-])', IC)
GLOB = re.compile(r'(?<![\w/.-])(?P<glob>[a-z0-9][\w.-]*\*[\w.*-]*|\*[\w.-]+)(?![\w/])', IC)
RANGE = re.compile(r'(?<![\w/.-])(?P<stem>[a-z][\w-]*?-)(?P<a>\d{1,3})\s*(?:\.\.|–|—)\s*(?:(?P=stem))?(?P<b>\d{1,3})(?![\w.-])', IC)
X_DIGITS = re.compile(r'(?<![\w/.-])(?P<stem>[a-z][\w-]*-)(?P<digits>\d*)(?P<x>x+|(?-i:N+|n))(?![\w/.-])', IC)   # "web-0x", "api-0N"
TAKEN_BACK = re.compile(r'^(?P<asked>.+?)[\s.,;!-]+(?:nvm|never\s*mind|nevermind|scratch\s+that|forget\s+(?:it|that))\b'
                        r'(?:[\s,]+nvm)*(?:[\s,.;!-]+(?P<then>.*))?$', IC)
KEEP_IT = re.compile(r'^\s*(?:(?:just\s+)?(?:keep|leave)\s+(?:it|them|that|those)(?:\s+(?:alone|be|running|as\s+is))?|'
                     r"don'?t|do\s+not|no|nothing)\s*[.!]*\s*$", IC)


def terse(text: str, state: State) -> tuple[str, bool]:
    """``text`` with shorthand said in words, and whether the request was taken back ("rm x nvm keep it")."""
    taken = TAKEN_BACK.match(text)
    if taken and (not (taken.group('then') or '').strip() or KEEP_IT.match(taken.group('then'))):
        return '', True   # "rm worker-01 nvm keep it": nothing (a correction after it is read by repair.corrected)
    text = re.sub(r'(?<![\w/])w/o\b', ' except ', text, flags=IC)
    text = re.sub(r'(?<![\w/])w/(?=\s)', ' with ', text, flags=IC)
    text = re.sub(r'(?<![\w/])exc\.?(?=\s)|(?<![\w/])excl\.?(?=\s)', ' except ', text, flags=IC)
    text = re.sub(r'(?<![\w/])b4(?![\w/])', 'before', text, flags=IC)
    text = re.sub(r'\bbut\s+(?=except\b)', '', text, flags=IC)   # "stp payments but w/o payments-db-1"
    text = re.sub(r'\bwith\s+(?:lgs|logs)\s+after\b', 'then show its logs', text, flags=IC)
    text = _TERSE.sub(lambda m: TERSE_VERBS[m.group(0).lower()], text) if _TERSE.search(text) else text
    arrow = r'\s*(?:→|->|=>|⇒)\s*'
    what_first = re.match(r'^(?P<what>[^→=>-]*?[\w*.-])' + arrow + r'(?P<verb>restart|stop|start|remove|pause|logs|update|redeploy)\b'
                          r'(?P<rest>.*)$', text, IC)
    if what_first and not any(w.lower() in VERBS for w in re.findall(r'[\w-]+', what_first.group('what'))):
        text = f'{what_first.group("verb")} {what_first.group("what").strip()}{what_first.group("rest")}'   # "db-* → stp"
    text = re.sub(r'(?<![\d\s])' + arrow + r'(?=(?:restart|stop|start|remove|pause|logs|update|redeploy|show|list|status)\b)',
                  ', then ', text, flags=IC)   # "stp web-03 → lgs web-03": one step, then the next
    text = RANGE.sub(lambda m: _range(m, state), text)
    text = GLOB.sub(lambda m: _glob(m.group('glob'), state, _state_said(m)), text)
    text = X_DIGITS.sub(lambda m: _xs(m, state), text)
    return ' '.join(text.split()), False


SYSTEMCTL = re.compile(r'^\s*(?:sudo\s+)?systemctl\s+(?:--?[\w-]+\s+)*(?P<verb>start|stop|restart|reload|reload-or-restart|'
                       r'try-restart|try-reload-or-restart|condrestart|force-reload|status|kill)\s+(?P<unit>[\w.@-]+?)'
                       r'(?:\.service)?(?=\s|$)(?P<rest>.*)$', IC)
SERVICE = re.compile(r'^\s*(?:sudo\s+)?service\s+(?P<unit>[\w.@-]+)\s+(?P<verb>start|stop|restart|reload|status)\b(?P<rest>.*)$', IC)
JOURNALCTL = re.compile(r'^\s*(?:sudo\s+)?journalctl\s+(?P<args>.+)$', IC)
SYSTEMD_VERBS = {'start': 'start', 'stop': 'stop', 'status': 'status of', 'kill': 'kill'}


def host_tools(text: str) -> str:
    """A host's service manager said to a container ("systemctl reload-or-restart docs", "service mailer restart",
    "journalctl -fu mailer -n 50"): the same request in words; anything else as it is."""
    said = SYSTEMCTL.match(text) or SERVICE.match(text)
    if said:
        verb = SYSTEMD_VERBS.get(said.group('verb').lower(), 'restart')   # reload, try-restart …: a restart is what runs
        return f"{verb} {said.group('unit')}{said.group('rest')}"
    journal = JOURNALCTL.match(text)
    if not journal:
        return text
    words = journal.group('args').split()
    unit, follow, tail, index = None, False, None, 0
    while index < len(words):
        word = words[index]
        if word.startswith('--unit='):
            unit = word.split('=', 1)[1]
        elif word in ('--unit', '-u') and index + 1 < len(words):
            unit, index = words[index + 1], index + 1
        elif word == '--follow':
            follow = True
        elif word.startswith('--lines=') and word.split('=', 1)[1].isdigit():
            tail = word.split('=', 1)[1]
        elif word in ('-n', '--lines') and index + 1 < len(words) and words[index + 1].isdigit():
            tail, index = words[index + 1], index + 1
        elif re.fullmatch(r'-[a-z]+', word):   # "-fu mailer": -f, then -u and its unit
            follow = follow or 'f' in word
            if word.endswith('u') and index + 1 < len(words):
                unit, index = words[index + 1], index + 1
        elif unit is None and not word.startswith('-'):
            unit = word
        index += 1
    if unit is None:
        return text
    unit = re.sub(r'\.service$', '', unit)
    return f'show the logs of {unit}' + (f' last {tail} lines' if tail else '') + (' and follow' if follow else '')


def _xs(match: re.Match[str], state: State) -> str:
    """"web-0x", "cache-xx": x for a digit, the live names so written (as said when none is)."""
    pattern = match.group('stem') + match.group('digits') + '[0-9]' * len(match.group('x'))
    return _glob(pattern, state, _state_said(match)) if any(fnmatch.fnmatch(b.name.lower(), pattern.lower())
                                                            for b in state.containers) else match.group(0)


STATE_BEFORE = re.compile(r'\b(?P<said>stopped|exited|dead|running|paused)\s+(?:ones\s+(?:of\s+)?(?:the\s+)?)?$', IC)
STATES_OF = {'stopped': STOPPED, 'exited': ('exited',), 'dead': ('dead',), 'running': ('running',),
             'paused': ('paused',)}


def _state_said(match: re.Match[str]) -> tuple[str, ...]:
    """The states a word said right before a pattern keeps: "all the stopped db-XX containers" are those stopped."""
    said = STATE_BEFORE.search(match.string[:match.start()])
    return STATES_OF[said.group('said').lower()] if said else ()


def _glob(pattern: str, state: State, states: tuple[str, ...] = ()) -> str:
    """The live names a wildcard matches ("web-*": web-01, web-02 …) in one of ``states`` when given, or the pattern
    when none does."""
    matched = [b.name for b in state.containers if fnmatch.fnmatch(b.name.lower(), pattern.lower())
               and (not states or b.state in states)]
    if not matched:
        return pattern
    return ', '.join(matched[:-1]) + f' and {matched[-1]}' if len(matched) > 1 else matched[0]


def _range(match: re.Match[str], state: State) -> str:
    """"worker-01..03": the live names in that range, said as a list; as said when one of them is not here."""
    stem, a, b = match.group('stem'), match.group('a'), match.group('b')
    low, high = int(a), int(b)
    if not 0 <= high - low <= 50:
        return match.group(0)
    names = [f'{stem}{str(n).zfill(len(a))}' for n in range(low, high + 1)]
    if not all(state.container(n.lower()) is not None for n in names):
        return match.group(0)
    return ', '.join(names[:-1]) + f' and {names[-1]}' if len(names) > 1 else names[0]


# an alert, a log line or a ticket pasted before the request: "[FIRING] ContainerUnhealthy container=auth-db-1 …
# restart it please", "[12:04:55] ci-runner: error: ECONNRESET. pull up ci-runner logs", "> WARN healthcheck failed
# for crm-db-1 (3/3 retries) restart crm-db-1 pls". What was pasted is read for whom "it" means, never as requests.
ALERT = re.compile(r'\[(?:FIRING|RESOLVED|ALERT|WARN(?:ING)?|ERROR|CRIT(?:ICAL)?|INFO|PROBLEM)\]|\b(?:PagerDuty|Alertmanager|'
                   r'Opsgenie|Nagios|Zabbix|Datadog|Sentry|Uptime\s*Kuma)\b.{0,40}?(?:says|alert|triggered|fired|:)|\bALERT\b|'
                   r'^\s*>\s*\S|\[\d{1,2}:\d\d(?::\d\d)?\]|\b(?:WARN|ERROR|CRIT|FATAL)\b|\balert\s+(?:fired|triggered)\b|'
                   r'(?i:\b(?:error|warning|alert)\s+(?:from|in)\s+(?:the\s+)?[\w\s]{1,20}?(?:log|logs|monitor|monitoring)\s*:|'
                   r'\bticket\s+(?:says|said|reads)\b)')
ASKED = re.compile(r"(?:(?:pls|please|plz|can\s+you|could\s+you|ok|so|now)\s+)*(?:restart|bounce|stop|start|kill|pull\s+up|show|"
                   r"gimme|give\s+me|get\s+me|check|redeploy|roll\s+back|rollback|pause|unpause|scale|tail|grab|fetch|"
                   r"look\s+at|send\s+me|what|is|are|why|how|logs?\s+of)\b", IC)


def pasted(text: str, state: State) -> str:
    """The request after an alert, log line or ticket pasted before it; "it" there is the one thing the paste names."""
    if not ALERT.search(text):
        return text
    cuts = [m.end() for m in re.finditer(r'[.!?]\s+|\s+--+\s+|\s+[—–]\s+|\)\s+', text)]
    start = next((c for c in cuts if ASKED.match(text[c:])), None)
    if start is None:
        return text
    head, ask = text[:start], text[start:]
    named = list(dict.fromkeys(w.lower() for w in re.findall(r'[A-Za-z0-9][\w.-]*[A-Za-z0-9]', head)
                               if state.container(w.lower()) is not None or w.lower() in state.stacks))
    if len(named) == 1 and not any(state.container(w.lower()) is not None or w.lower() in state.stacks
                                   for w in re.findall(r'[\w.-]+', ask)):
        ask = re.sub(r'\b(?:it|this\s+one|that\s+one|the\s+container|this\s+container)\b', named[0], ask, count=1, flags=IC)
    return ask


# a request typed under what was pasted (an alert, `docker ps` lines, a JSON object): the last line asks, the paste
# above it says whom ("restart", "start both", "start the exited ones", "start that one")
BACK_REFERENCE = re.compile(r"\b(?:it|this\s+one|that\s+one|this|that|them|both(?:\s+of\s+them)?|those|these|all\s+of\s+them|"
                            r"the\s+(?:exited|stopped|dead|down)\s+ones?)\b", IC)
LABELLED = re.compile(r'\b(?:container|container_name|name|instance_name|service_name)\s*[=:]\s*"?([\w.-]+)', IC)
ASKS_TO_APPLY = re.compile(r"^\s*(?:(?:please|pls|just|ok|so|now|then)\s+)*(?:do\s+(?:this|that|it)|apply(?:\s+(?:this|that|it))?|"
                           r"run\s+(?:this|that)|execute(?:\s+(?:this|that|it))?|go(?:\s+ahead)?)\s*(?:please|pls|now)?[.!]*\s*$", IC)


INVISIBLE = re.compile('[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]')
SPACED_OUT = re.compile(r'(?<![\w-])(?:[A-Za-z0-9]\s){3,}[A-Za-z0-9](?![\w-])')   # "r e s t a r t   j e l l y f i n"
FENCE = re.compile(r'^\s*(?:```|~~~)[\w-]*\s*$')
QUOTE_HEADER = re.compile(r'^\s*(?:>\s*)*(?:on\s.{3,80}\swrote|(?:-+\s*)?(?:forwarded|original)\s+message(?:\s*-+)?|'
                          r'forwarded\s+from\s+.{1,60}|from:\s.{1,80}|sent:\s.{1,80}|subject:\s*)\s*:?\s*$', IC)
# the user's own words beside a quoted e-mail that ask for what it asks: "yes please do what Dana asks", "please action"
ENDORSED = re.compile(r'(?:(?:yes|ok|okay)\s*,?\s*)?(?:please\s+|pls\s+|can\s+you\s+|could\s+you\s+)?(?:(?:do|handle)\s+'
                      r'(?:what|as)\s+[\w-]+\s+(?:asks?|says?|wants?|requested|requests?)|action\s+(?:this|it|that|asap|please)|'
                      r'please\s+action(?:\s+(?:this|it|asap))?|do\s+(?:it|that|this|so)|go\s+ahead|as\s+requested)'
                      r'(?:\s+(?:please|pls|asap|thanks?|thank\s+you))*', IC)
DO_THESE = re.compile(r'^\s*(?:(?:ok|so|and|then|now)\s+)?(?:please\s+|pls\s+|can\s+you\s+|could\s+you\s+)?(?:do|run|apply|execute|'
                      r'follow|perform)\s+(?:the|these|this|that|those|it|them|all)(?:\s+[\w-]+){0,2}?'
                      r'(?:\s+(?:please|pls|for\s+me|now|thanks?))*\s*[.!?]*\s*$', IC)
LIST_MARK = re.compile(r'^\s*(?:\d{1,2}[.)]|[-*•])\s+')


def typed_plainly(command: str) -> str:
    """The message as plain text, whatever it was typed or pasted with: full-width letters and other compatibility
    forms as their plain letters, invisible characters (zero-width spaces) gone, words spelled out letter by letter
    joined ("r e s t a r t   j e l l y f i n"), the quote marks and headers of a quoted e-mail and the fences and
    numbering of a pasted code block taken off, each of its lines a step of its own."""
    text = INVISIBLE.sub('', unicodedata.normalize('NFKC', command))
    text = SPACED_OUT.sub(lambda m: m.group(0).replace(' ', ''), text)
    if '\n' not in text:
        return text
    lines = text.splitlines()
    quoted = sum(1 for line in lines if line.lstrip().startswith('>'))
    fenced = [i for i, line in enumerate(lines) if FENCE.match(line)]
    own = ' '.join(line for line in lines if not line.lstrip().startswith('>'))
    if quoted and not (ENDORSED.search(own) and '?' not in own):
        quoted = 0   # "> @bot … remove immich\nis this legit?": a quote asked about, never done
    if not quoted and len(fenced) < 2:
        return text
    inside = set(range(fenced[0] + 1, fenced[1])) if len(fenced) >= 2 else set()
    kept = []
    for i, line in enumerate(lines):
        if i in fenced[:2] or quoted and (QUOTE_HEADER.match(line) or ENDORSED.fullmatch(line.strip(' .!'))):
            continue
        line = re.sub(r'^\s*(?:>\s*)+', '', line) if quoted else line
        if i in inside:
            line = LIST_MARK.sub('', line)
        elif inside and (line.rstrip().endswith(':') or DO_THESE.match(line)):
            continue   # "from our runbook:", "do the runbook please": what the block is, not one more step
        if line.strip():
            kept.append(line.strip().rstrip(';'))
    return ', then\n'.join(kept) if inside else '\n'.join(kept)


def pasted_lines(command: str, state: State) -> str:
    """A message of several lines whose last line is the request: that request, said of what the lines above it
    name when it names nothing itself. A JSON object that says an action (``{"action": "restart", "container":
    "x"}``, ``{"stack": "shop", "service": "api", "replicas": 3}``) with "apply"/"do this" is that action."""
    said = _json_said(command, state)
    if said is not None:
        return said
    lines = [line.strip() for line in command.splitlines() if line.strip()]
    if len(lines) < 2:
        return command
    ask = re.sub(r'^\s*>+\s*', '', lines[-1])
    words = re.findall(r"[\w'-]+", ask.lower())
    if not words or not (words[0] in VERBS or words[0] in ('please', 'pls', 'can', 'could', 'just', 'ok', 'so', 'now', 'why',
                                                          'what', 'is', 'are', 'how')):
        return command
    if any(state.container(w) is not None or w in state.stacks for w in re.findall(r'[\w.-]+', ask.lower())):
        return ask   # "🔴 Down: Jellyfin (http://…) - timeout\n\nrestart jellyfin please": the request names its target
    paste = '\n'.join(lines[:-1])
    named = _named_in_paste(paste, state, exited=bool(re.search(r'\b(?:exited|stopped|dead|down)\b', ask, IC)))
    if not named:
        return command
    listed = ' and '.join(named)
    if BACK_REFERENCE.search(ask):
        return BACK_REFERENCE.sub(listed, ask, count=1)
    if len(words) <= 2 and words[0] in VERBS:   # "restart", "start both": said of what was pasted
        return f'{ask} {listed}'
    return command


def _named_in_paste(paste: str, state: State, *, exited: bool) -> list[str]:
    """The live containers a paste names: by a label (container=x), in the NAMES column of `docker ps` rows (those
    that exited, when asked so), or anywhere in it."""
    def live(word: str) -> bool:
        return state.container(word.lower()) is not None
    labelled = [w.lower() for w in LABELLED.findall(paste) if live(w)]
    if labelled:
        return list(dict.fromkeys(labelled))
    rows = [(name, line) for line in paste.splitlines() if (cells := line.split())
            and (name := next((c for c in (cells[-1], cells[0]) if live(c)), None))]   # NAMES last (docker ps) or first
    if rows:
        return list(dict.fromkeys(name.lower() for name, line in rows if not exited or 'exited' in line.lower()))
    return list(dict.fromkeys(w.lower() for w in re.findall(r'[A-Za-z0-9][\w.-]*[A-Za-z0-9]', paste) if live(w)))


def _json_said(command: str, state: State) -> str | None:
    found = re.search(r'\{.*\}', command, re.DOTALL)
    if found is None or not ASKS_TO_APPLY.match(re.sub(r'^[\s—–-]+', '', command[found.end():])) or command[:found.start()].strip():
        return None
    try:
        fields = json.loads(found.group(0))
    except ValueError:
        return None
    if not isinstance(fields, dict):
        return None
    op = str(fields.get('action') or fields.get('op') or '').lower()
    targets = fields.get('targets') or fields.get('containers') or [fields.get('container') or fields.get('target')]
    names = [str(t).lower() for t in targets if t and (state.container(str(t).lower()) is not None or str(t).lower() in state.stacks)]
    if fields.get('stack') and fields.get('service') and isinstance(fields.get('replicas'), int):
        return f"scale {fields['stack']} {fields['service']} to {fields['replicas']}"
    if op in VERBS and names:
        return f"{op} {' and '.join(names)}"
    return None


# the words of graphical tools (Docker Desktop, Portainer, NAS app screens): buttons, tabs, filters, the app store
BUTTON_VERBS = {'play': 'resume', 'start': 'start', 'stop': 'stop', 'square': 'stop', 'restart': 'restart', 'circular arrow': 'restart',
                'bin': 'remove', 'trash': 'remove', 'trash can': 'remove', 'delete': 'remove', 'remove': 'remove',
                'pause': 'pause', 'resume': 'unpause', 'kill': 'kill'}
PRESSED = re.compile(r"\b(?:click(?:ed)?|hit|press|tap|push|use)\s+(?:on\s+)?(?:the\s+)?(?P<b>play|start|stop|square|restart|"
                     r"circular\s+arrow|bin|trash(?:\s+can)?|delete|remove|pause|resume|kill)(?:\s+(?:button|icon))?"
                     r"(?:\s+(?:on|for|of|next\s+to|beside)(?=\s))?", IC)
APP_STORE = re.compile(r"\b(?:the\s+)?(?:app\s*store|app\s+list|apps?\s+catalog(?:ue)?|community\s+apps|app\s+gallery|"
                       r"ready-made\s+apps)\b", IC)
AUTO_REFRESH = re.compile(r"\b(?:with\s+)?auto-?\s?refresh(?:\s+(?:on|enabled|turned\s+on))?\b", IC)
TAB_FILTER = re.compile(r"^\s*(?:the\s+)?(?P<kind>containers|stacks|images|volumes|networks)\s+(?:tab|view)\s*"
                        r"(?:,?\s*filter(?:ed)?\s*(?:by|on|:|to)?\s*|(?=[.!?]*\s*$))", IC)


THINGS_DONE = re.compile(r"\b(?:things|actions|operations|steps)\s+(?:(?:that\s+)?(?:were|was|have\s+been|got)\s+)?(?:done|made|"
                         r"applied|performed|run)\s+(?:to|on|with|in)\b", IC)   # "the last 5 things done to x": changes


def gui_words(text: str) -> str:
    """What is said in the words of a graphical tool, said as a request: "click the play button on syncthing"
    (resume it: started when it has stopped), "the bin icon next to x" (remove x), "what's in the app store" (the templates), "logs of x
    with auto-refresh on" (followed), "Containers tab, filter: running" (the running containers)."""
    text = THINGS_DONE.sub('changes to', text)
    text = PRESSED.sub(lambda m: f'{BUTTON_VERBS[" ".join(m.group("b").lower().split())]}', text)
    text = APP_STORE.sub('the templates', text)
    text = AUTO_REFRESH.sub('and follow', text)
    return TAB_FILTER.sub(lambda m: f'list {m.group("kind").lower()} ', text)


NAME_HAS = re.compile(r"\b(?:every|all|each)\s+(?:of\s+)?(?:the\s+)?(?:containers?|ones?)\s+(?:with|having|that\s+ha(?:ve|s)|whose\s+"
                      r"names?\s+(?:contains?|includes?|ha(?:ve|s)))\s+[\"'`]?(?P<part>[\w.-]+)[\"'`]?(?:\s+in\s+(?:the|their|its)\s+"
                      r"names?)?", IC)


def name_has(text: str, state: State) -> str:
    """"every container with 'immich' in the name", "all containers whose name contains web": those names."""
    def listed(match: re.Match[str]) -> str:
        if not re.search(r'\bnames?\b', match.group(0), IC):
            return match.group(0)   # "every container with a volume": no name said
        said = _glob(f'*{match.group("part").lower()}*', state)
        return said if '*' not in said else match.group(0)
    return NAME_HAS.sub(listed, text)

