"""What a clause asks for: its verb (exact, inflected, phrasal, misspelt), whether it is a request or a
question, and whether a word names something that runs here."""
from __future__ import annotations

import functools

from . import regex as re
from .clause import (
    FILLER,
    FUZZY_VERBS,
    LOG_WORDS,
    PHRASES,
    STATES,
    VERBS,
    Clause,
)
from .lexicon import DICTIONARY
from .resolve import close_enough
from .state import State

SUBJECTS = frozenset({'we', 'they', 'i', 'people', 'users', 'everyone'})
NOT_A_REQUEST = ('what', 'which', 'new', 'get', 'add', 'make', 'mount', 'expose', 'publish', 'map', 'set', 'bind', 'serve')


def starts_request(word: str) -> bool:
    verb = VERBS.get(word) or VERBS.get(lemma(word) or '')
    return (verb is not None and verb not in ('deploy', 'up', 'wish') and word not in STATES
            and word not in NOT_A_REQUEST and (lemma(word) or word) not in NOT_A_REQUEST   # ", mounted read-only at …"
            ) or word in ('tell', 'show')


def request_verb(word: str) -> bool:
    """A request's verb in any form, a state word's too: "restarting", "deleted", "stopped" (which
    ``starts_request`` leaves out as the state it also names)."""
    return starts_request(word) or starts_request(lemma(word) or '')


NOT_VERBS = frozenset({'terminal', 'terminals', 'console', 'consoles', 'station', 'stats', 'status', 'started', 'stacks',
                       'starter', 'restore', 'reset', 'lunch', 'lunches', 'lunchtime', 'have'})
# ↑ words a typo match would misread ("terminal" is no "terminate", "lunch" no "launch", "have" no "halve")


@functools.lru_cache(maxsize=8192)   # a word's verb never changes: long messages ask for it over and over
def _verb_of(word: str) -> str | None:
    if word in VERBS:
        return VERBS[word]
    if len(word) >= 4 and word not in NOT_VERBS:
        for verb in FUZZY_VERBS:
            if close_enough(word, verb):
                return VERBS[verb]
    return None


# each phrase compiled once, in PHRASES's order (the first phrase found wins, not the leftmost), and one
# alternation of them all that tells at once whether a clause holds any
_PHRASE_PATTERNS = [(phrase, verb, re.compile(rf'\b{re.escape(phrase)}\b')) for phrase, verb in PHRASES]
_ANY_PHRASE = re.compile(r'\b(?:' + '|'.join(re.escape(phrase) for phrase, _ in PHRASES) + r')\b')


def clause_intent(clause: Clause, state: State) -> tuple[str | None, set[int]]:
    """The request's verb and the word positions it used: phrases, then exact verbs, then typos
    of verbs — but a word that names something here ("shop") is never read as a typo ("stop")."""
    particle = phrasal(clause)
    if particle is not None:
        return particle
    lowered = ' '.join(clause.words)
    reading = bool(set(clause.words) & LOG_WORDS)
    for phrase, verb, pattern in _PHRASE_PATTERNS if _ANY_PHRASE.search(lowered) else ():
        match = pattern.search(lowered)
        before = lowered[:match.start()].split()[-1:] if match else []
        if phrase == 'is running' and before and before[0] in ('what', 'which', 'who', 'that', 'else'):
            continue   # "show me what is running": a list, not one thing's status
        if phrase == 'back on' and before and before[0] in BE:
            continue   # "ads are back on my phone": how things are, not "put it back on"
        if match and not (reading and phrase.startswith(('bring', 'pull'))):
            start = len(lowered[:match.start()].split())
            return verb, set(range(start, start + len(phrase.split())))
    causative = bool(set(clause.words) & CAUSATIVE) and (clause.words[0] not in ASKING or bool(REQUESTING.search(lowered)))
    def participle_ok(index: int, word: str) -> bool:   # "can be stopped", "get x stopped"; not "running containers"
        before = clause.words[index - 1] if index else ''
        if word.endswith('ing') and before in PROGRESSIVE and VERBS.get(lemma(word) or '') in ('deploy', 'create', 'run'):
            return False   # "nginx is throwing 502s": what it does, never "throw up" (deploy) a thing
        if word.endswith('ing') and before in REPEATEDLY:
            return False   # "jellyfin keeps restarting": what it does by itself, a symptom, never a restart asked for
        return word not in STATES or (causative and (before in ('be', 'been', 'being') or names_something(before, state)))
    given = {i for i, w in enumerate(clause.words) if i and clause.words[i - 1] in ('named', 'called')}   # "a stack named status"
    nouned = {i for i, w in enumerate(clause.words) if i and clause.words[i - 1] in ('every', 'each')}
    if nouned and not names_in_clause(clause, state):   # "mailer hangs on every send": a noun, no request
        nouned = set()   # (the names are looked at only where "every"/"each" is said: this runs for every clause)
    nouned |= {i for i, w in enumerate(clause.words) if w in NOT_A_REQUEST and i and clause.words[i - 1] in SUBJECTS
               }   # "…, we serve it over https": how it is used, told
    if clause.words[:1] in (['how'], ['what'], ['which']):   # "how many containers do we run for customer 142?": what is here
        nouned |= {i for i, w in enumerate(clause.words) if w == 'run' and i > 1 and clause.words[i - 1] in SUBJECTS
                   and clause.words[i - 2] in ('do', 'did', 'does')}
    inflected = [(index, base) for index, word in enumerate(clause.words)
                 if (base := lemma(word)) and VERBS[base] != 'wish' and participle_ok(index, word)
                 and not names_something(word, state) and index not in nouned and index not in given]
    for index, word in enumerate(clause.words):
        if word == 'new' and index and clause.words[index - 1] in DETERMINERS and clause.words[index + 1:index + 2] in (
                ['images'], ['image'], ['version'], ['versions'], ['release'], ['tag']):
            continue   # "for immich the new images pull": an adjective, not "new stack"
        if index in nouned or index in given:
            continue
        if word in VERBS and not (word in FILLER and word not in VERBS):
            objects = [(at, base) for at, base in inflected   # "we need monitoring": a thing wanted, not "monitor"
                       if not (at == index + 1 and clause.words[at].endswith('ing') and VERBS[word] == 'wish'
                               and VERBS[base] not in LIFECYCLE)]   # but "x and y both need starting": start them
            if VERBS[word] in ('show', 'wish') and causative and objects:   # "get cache restarted", "I want x stopped"
                at, base = objects[0]
                return VERBS[base], {index, at}
            if VERBS[word] in ('show', 'wish', 'create') and word in ('give', 'make', 'let', 'have', 'want', 'need', 'needs',
                                                                      'wants'):
                later = next((i for i in range(index + 1, len(clause.words)) if VERBS.get(clause.words[i]) in LIFECYCLE
                              and clause.words[i] not in STATES), None)
                if later is not None:   # "give worker-03 a restart", "make api-02 stop", "I want to restart web"
                    return VERBS[clause.words[later]], {index, later}
            if word in ('get', 'gets') and not reading:   # "could the shop worker get a restart": the restart, as a noun
                later = next((i for i in range(index + 1, len(clause.words)) if VERBS.get(clause.words[i]) in LIFECYCLE
                              and clause.words[i - 1] in ('a', 'an', 'quick', 'fresh', 'full', 'clean')), None)
                if later is not None:
                    return VERBS[clause.words[later]], {index, later}
            return VERBS[word], {index}
    for index, base in inflected:   # "restarting traefik", "the cache can be stopped now"
        return VERBS[base], {index}
    for index, word in enumerate(clause.words):
        if word in FILLER or word in STATES or names_something(word, state) or index in nouned:   # "paused" is a state
            continue
        if index and clause.words[index - 1] in VALUE_OF:   # "with database name shop": a value, no typo of "stop"
            continue
        if index and clause.words[index - 1] in NOUN_AFTER and word in DICTIONARY:
            continue   # "a dashboard for server metrics": a noun after "for", no typo of "serve"
        guessed = _verb_of(word)
        if guessed and word in DICTIONARY and (guessed in ('kill', 'remove') or not _typo_said(
                word, clause.words[index + 1:index + 3], state)):
            continue   # "how's the server doing": everyday English, no typo of "serve"; "bill customer 207" never "kill"
        if guessed:
            return guessed, {index}
    return None, set()


def names_in_clause(clause: Clause, state: State) -> bool:
    """Whether any word of the clause names something here."""
    return any(names_something(w, state) for w in clause.words)


def _typo_said(word: str, after: list[str], state: State) -> bool:
    """Whether an English word that is one typo away from a verb is that verb all the same: a slip at
    its end ("instal gitea", "stopp"), or the verb's place before what it acts on ("pls stoop shop-db-1",
    "sart cron-5")."""
    if any(verb.startswith(word) or word == verb + verb[-1] for verb in FUZZY_VERBS if close_enough(word, verb)):
        return True
    if after and not any(c.isalnum() for c in after[0]):
        return False   # "our own git server: gitea, …": a noun before a colon
    thing = [w for w in after if w not in DETERMINERS][:1]
    return bool(thing) and (names_something(thing[0], state) or not thing[0].isalpha() or any(
        thing[0] in t.id.split('-') for t in state.templates))


REPEATEDLY = frozenset({'keeps', 'keep', 'kept', 'constantly', 'randomly', 'repeatedly', 'continuously'})
BE = frozenset({'is', 'are', 'was', 'were', "it's", "they're", 'been', 'be', "'re", "isn't", "aren't"})
NOUN_AFTER = frozenset({'a', 'an', 'the', 'for', 'of', 'my', 'our', 'your', 'their', 'its', 'this', 'each', 'every', 'per',
                        'some'})
DETERMINERS = frozenset({'the', 'its', 'their', 'my', 'our', 'his', 'her', 'your'})
PROGRESSIVE = frozenset({'is', 'are', 'was', 'were', "it's", 'its', "he's", "she's", "they're", 'keeps', 'keep', 'kept', 'been',
                         'still', 'constantly', 'randomly'})
VALUE_OF = frozenset({'name', 'named', 'called', 'password', 'passwd', 'pw', 'user', 'username', 'login', 'database', 'db',
                      'schema', 'tag', 'version', 'domain', 'email', 'url', 'as'})   # the word after it is a value
LIFECYCLE = {'start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove', 'redeploy', 'update', 'pull', 'scale'}


CAUSATIVE = {'get', 'have', 'want', 'need', 'needs', 'be', 'should', 'must', 'can', 'could', 'please', 'wants', 'wanted',
             'needed', 'asks', 'asked', 'likes', 'like', 'prefer', 'prefers'}


def lemma(word: str) -> str | None:
    """The verb an inflected form stands for: restarting, restarted, stopping, paused, removed …"""
    for ending, adds in (('ing', ('', 'e')), ('ed', ('', 'e')), ('s', ('',))):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[:-len(ending)]
            for add in adds:
                if stem + add in VERBS and stem + add not in FILLER:
                    return stem + add
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in VERBS:   # stopping, stopped
                return stem[:-1]
    return None


# Phrasal verbs: the particle decides the meaning and may stand after the object ("take the
# blog down", "bring shop back up", "shut the cache off"). verb -> particle -> meaning.
PHRASAL: dict[str, dict[str, str]] = {
    'take': {'down': 'stop', 'offline': 'stop', 'off': 'stop', 'hold': 'unpause'},
    'shut': {'down': 'stop', 'off': 'stop'},
    'turn': {'off': 'stop', 'on': 'start', 'down': 'stop', 'up': 'start', 'offline': 'stop', 'online': 'start'},
    'switch': {'off': 'stop', 'on': 'start', 'offline': 'stop', 'online': 'start'},
    'power': {'off': 'stop', 'down': 'stop', 'on': 'start', 'up': 'start'},
    'bring': {'up': 'start', 'online': 'start', 'back': 'start', 'down': 'stop', 'offline': 'stop'},
    'spin': {'up': 'up', 'down': 'stop'},
    'fire': {'up': 'start', 'back': 'start'},
    'boot': {'up': 'start', 'back': 'start'},
    'start': {'up': 'start', 'back': 'start', 'over': 'restart'},
    'roll': {'back': 'rollback'},
    'flip': {'off': 'stop', 'on': 'start'},
    'cut': {'off': 'stop'},
    'let': {'rest': 'stop', 'run': 'start', 'sleep': 'stop'},   # "let the backup run again", "let crm sleep"
    'give': {'rest': 'stop', 'break': 'stop'},   # "give the shop stack a rest"
    'wind': {'down': 'stop'},
    'kill': {'off': 'kill'},
    'put': {'online': 'start', 'offline': 'stop', 'back': 'start', 'sleep': 'stop', 'hold': 'pause', 'pause': 'pause',
            'out': 'stop', 'down': 'stop', 'off': 'stop'},   # "put out the vpn", "put the paperless down for the night"
    'place': {'hold': 'pause'},
    'crank': {'up': 'start'},
    'clear': {'out': 'remove', 'away': 'remove'},
    'sweep': {'away': 'remove', 'out': 'remove'},
    'get': {'running': 'start', 'online': 'start', 'back': 'start', 'going': 'start'},
    'set': {'up': 'deploy', 'going': 'start', 'running': 'start'},
    'tear': {'down': 'remove', 'out': 'remove'},
    'rip': {'out': 'remove'},   # "rip out the blog", "rip the crm stack out"
    'pull': {'offline': 'stop'},   # "pull the blog offline"; "pull down the images" is a download
    'wake': {'up': 'start'},
    'finish': {'off': 'kill'},
    'throw': {'away': 'remove', 'out': 'remove'},
    'clean': {'up': 'remove'},
    'tidy': {'up': 'remove', 'away': 'remove'},   # "tidy up the stopped containers"
    'close': {'down': 'stop'},
    'stand': {'up': 'start', 'down': 'stop'},
    'knock': {'out': 'stop', 'down': 'stop', 'off': 'stop', 'offline': 'stop', 'over': 'stop'},
    'wipe': {'out': 'remove', 'away': 'remove'},
}


PARTICIPLES = {'brought': 'bring', 'took': 'take', 'taken': 'take', 'spun': 'spin', 'woken': 'wake', 'woke': 'wake',
               'stood': 'stand', 'thrown': 'throw', 'torn': 'tear', 'wound': 'wind', 'got': 'get', 'gotten': 'get'}


def _phrasal_base(word: str) -> str:
    """The verb of a phrasal verb's participle: "brought" bring, "turned" turn, "switched" switch, "wiped" wipe."""
    if word in PARTICIPLES:
        return PARTICIPLES[word]
    for stem in (word[:-2], word[:-1], word[:-3]) if word.endswith('ed') else ():
        if stem in PHRASAL:   # turned, wiped (wipe+d), flipped (flip+ped)
            return stem
    return word


PARTICLE_REACH = 5   # words between the verb and its particle ("bring the crm frontend back up")


def phrasal(clause: Clause) -> tuple[str, set[int]] | None:
    """A verb with its particle, next to it or after the object: the meaning and the positions."""
    words = clause.words
    for index, word in enumerate(words):
        meanings = PHRASAL.get(word)
        if meanings is None and set(words[max(0, index - 3):index]) & {'be', 'get', 'been', 'being'}:
            meanings = PHRASAL.get(_phrasal_base(word))   # "can the blog stack be brought down?"
        if not meanings or (index and words[index - 1] in ('to', 'the', 'a') and word in ('set', 'get', 'put')):
            continue
        found = [(j, words[j]) for j in range(index + 1, min(len(words), index + 2 + PARTICLE_REACH))
                 if words[j] in meanings and not (word == 'get' and j == index + 1)]   # "get running containers"
        if set(words) & LOG_WORDS and word in ('bring', 'pull', 'get'):   # "bring up the logs of web": a read
            continue
        found = [(j, p) for j, p in found if not (p == 'on' and j > found[0][0] and j + 1 < len(words) and words[j + 1] in (
            'the', 'a', 'an', 'my', 'our', 'their', 'his', 'her', 'this', 'that', 'these', 'those', 'its'))]   # a place:
        if not found:   # "switch off the lights on the blog stack" is no "off and on"
            continue
        particles = [p for _, p in found]
        held = next((j for j in range(index + 1, min(len(words), index + 2 + PARTICLE_REACH)) if words[j] in ('hold', 'pause')
                     and j and words[j - 1] in ('off', 'on')), None)
        if held is not None and words[held - 1] == 'off':   # "take web off hold": the opposite of "put web on hold"
            return 'unpause', {index, held - 1, held}
        if 'off' in particles and 'on' in particles[particles.index('off'):]:   # "turn it off and (back) on again"
            last = max(j for j, _ in found)
            return 'restart', {index, *(j for j, _ in found),
                               *(j for j in range(index, last + 2) if j < len(words) and words[j] in ('back', 'again', 'and'))}
        again = [j for j in range(found[0][0] + 1, min(len(words), found[0][0] + 2 + PARTICLE_REACH))
                 if words[j] in ('up', 'online') and words[j - 1] in ('back', 'again', 'and', 'then')
                 and (words + [''])[j + 1] not in LATER_ON]   # not "down for maintenance, back up in ~1h"
        if particles[0] in ('down', 'offline') and meanings[particles[0]] == 'stop' and (again or 'up' in particles):
            last = max([j for j, _ in found] + again)   # "bring docs down and back up", "take x offline and back online"
            return 'restart', {index, *(j for j, _ in found), *again,
                               *(j for j in range(index, last + 1) if words[j] in ('back', 'again', 'and'))}
        # the last particle of the span decides ("back up", "back online"); "back" alone is a return
        position, particle = next(((j, p) for j, p in reversed(found) if p != 'back'), found[-1])
        used = {index, *(j for j, _ in found), *(j for j in range(index, position) if words[j] in ('back', 'again'))}
        return meanings[particle], used
    return None


LATER_ON = frozenset({'in', 'at', 'after', 'by', 'later', 'tomorrow', 'around', 'before', 'once', 'when', 'until'})


def is_live(word: str, state: State) -> bool:
    """The word names a stack, a container or a part of one here (not a template)."""
    return (word in state.stacks or state.container(word) is not None
            or any(word == b.service or word == b.repo or word in b.name.split('-') for b in state.containers))


def names_something(word: str, state: State) -> bool:
    word = word[:-2] if word.endswith("'s") else word
    return is_live(word, state) or any(word == t.id for t in state.templates)


ASKING = {'is', 'are', 'was', 'were', 'has', 'have', 'did', 'does', 'isn\'t', 'aren\'t', 'hasn\'t', 'didn\'t'}


REQUESTING = re.compile(r"\b(?:can|could|would|will)\s+(?:you|u)\b|\bplease\b|\bpls\b|\bcan\s+i\b|"
                        r"\b(?:can|could)\s+we\b|\bis\s+(?:it\s+)?possible\s+to\b|\b(?:would|will|could)\s+it\s+be\s+possible\b|\bis\s+(?:that|this|it)\s+possible\b|\byou\s+can\b|"
                        r"^\s*(?!(?:what|which|who|how|why|when|where|is|are|was|has|have|did|does)\b)[\w.-]+(?:\s+[\w.-]+){0,2}\s+"
                        r"(?:could|can)\s+(?:be|get)\s+(?:re)?\w+ed\b|"   # "(any chance) docs could be restarted?"
                        r"\bany\s+objections?\s+to\b|\btoo\s+much\s+to\s+ask\b|^\s*think\s+you\s+(?:could|can)\b|"
                        r"\bcould(?:n'?t)?\s+you\s*\?*\s*$|\b(?:is\s+there\s+)?any\s*way\s+(?:to|you\s+could)\b|"
                        r"\bis\s+there\s+a\s+way\s+to\b|\bwould\s+\w+ing\s+.{1,40}\s+be\s+(?:ok|okay|fine|alright)\b|"
                        r"\bwould\s+you\s+mind\b|\bare\s+you\s+able\s+to\b|\bany\s+chance\b|^\s*mind\s+\w+ing\b|"
                        r"^\s*(?:why\s+not|how\s+about|what\s+about)\s+(?:an?\s+)?(?:\w+ing|restart|reboot|redeploy|bounce)\b|"
                        r"\bwould\s+an?\s+(?:quick\s+)?(?:restart|reboot|redeploy|bounce)\s+of\s+.{1,40}\s+be\s+(?:ok|okay|fine|alright)\b|\bi(?:\s+(?:want|need|would\s+like)|\s*['’]d\s+like)\b|"
                        r"\bis\s+it\s+possible\s+for\b|"   # "is it possible for x to be stopped?"
                        r"^\s*(?:can|could|may)\s+(?!i\b|we\b|you\b|u\b)[\w.-]+(?:\s+[\w.-]+){0,3}?\s+(?:be|get)\s+"
                        r"(?:\w+ed|brought|taken|shut|put|spun|woken|rebuilt|built|thrown)\b|"   # "can x be restarted?"
                        r"^\s*(?:can|could|may)\s+(?!i\b|we\b|you\b|u\b)[\w.-]+(?:\s+[\w.-]+){0,3}?\s+(?:get|have)\s+(?:an?\s+)?"
                        r"(?:quick\s+|fresh\s+|full\s+|little\s+)?(?:restart|reboot|redeploy|update|upgrade|bounce|kick|refresh|"
                        r"rollback|roll\s*back)\b")   # "could orders-sync get a restart?"


HEDGES = {'maybe', 'perhaps', 'possibly', 'just', 'please', 'pls', 'so', 'ok', 'okay', 'then', 'and', 'also'}


def is_asking(clause: Clause) -> bool:
    """A question, not a request: "is web restarting?", "when was shop deployed?" — but "can you
    restart web?" is a request."""
    first = next((w for w in clause.words if w not in HEDGES), '')   # "maybe restart it?": a request
    asking = first in ASKING or first in ('when', 'where', 'who', 'why', 'what', 'which', 'how', "what's", 'whats')
    imperative = VERBS.get(first) in LIFECYCLE or (   # "restart web?" is a request said with a question mark
        first in PHRASAL and phrasal(clause) is not None)   # "… and then bring it back up?" too
    return (asking or (clause.raw.rstrip().endswith('?') and not imperative)) and not REQUESTING.search(clause.lower)


# "… and give me the last 20 lines of it": a read asked for as a wish starts a request of its own
READ_WISH = re.compile(r'(?:give|get|send)\s+(?:me|us)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|a\s+)?(?:last|latest|first|'
                       r'recent|current|full|\d+|logs?|lines?|status|history|list|stats|output|health|'
                       r"(?:[\w.-]+(?:'s)?\s+){1,2}(?:status|logs?|stats|health|output|history|uptime))\b",
                       re.IGNORECASE)   # "… and give me the monitoring status"
