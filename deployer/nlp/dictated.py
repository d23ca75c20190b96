"""A message dictated to a phone or typed with one thumb, written out as it would have been typed: words
heard rather than spelled ("jelly fin", "graph ana", "engine x", "post gress"), letters spelled out ("s m t p
relay"), symbols said as words ("louislam slash uptime kuma colon one", "python dash m http dot server"),
numbers read out ("worker oh seven", "port eight thousand eighty", "sleep three thousand six hundred"),
contractions without their apostrophe ("thats", "dont") and the fillers of speech ("um", "uh", "hey
assistant", "… and yeah thats it"). ``rewrites.prepared`` calls :func:`as_typed` first.

Only what cannot be meant otherwise is rewritten: a heard name becomes a name only when it sounds like
exactly one thing here (or a well-known program) and neither of its words names something by itself.
"""
from __future__ import annotations

import functools

from . import regex as re
from .clause import KNOWN_IMAGES
from .phrasing import SPOKEN_TENS, SPOKEN_UNITS
from .state import State

IC = re.IGNORECASE

# how people say the names of well-known programs out loud
PRONOUNCED = {'engine x': 'nginx', 'engine ex': 'nginx', 'my sequel': 'mysql', 'my s q l': 'mysql', 'sequel lite': 'sqlite',
              'post gress': 'postgres', 'post gres': 'postgres', 'postgres sequel': 'postgres', 'postgre sequel': 'postgres',
              'php my admin': 'phpmyadmin', 'maria db': 'mariadb', 'mongo db': 'mongo', 'busy box': 'busybox',
              'hello world': 'hello-world', 'pg admin': 'pgadmin', 'red is': 'redis', 'pie hole': 'pihole',
              'zig bee to mqtt': 'zigbee2mqtt', 'zigbee to mqtt': 'zigbee2mqtt', 'zig bee 2 mqtt': 'zigbee2mqtt'}
# (names that are two words run together, "next cloud", "word press", are heard by sound: see _heard)
# a slip of the thumb or of the dictation that is a verb of this assistant
HEARD_VERBS = {'paws': 'pause', 'pores': 'pause', 'un pause': 'unpause', 'un-pause': 'unpause', 're start': 'restart',
               're-start': 'restart', 're deploy': 'redeploy', 'tale': 'tail', 'role back': 'roll back',
               'rollback to': 'roll back to', 're boot': 'reboot'}
CONTRACTIONS = {'thats': "that's", 'whats': "what's", 'dont': "don't", 'doesnt': "doesn't", 'didnt': "didn't",
                'isnt': "isn't", 'arent': "aren't", 'wasnt': "wasn't", 'werent': "weren't", 'hasnt': "hasn't",
                'havent': "haven't", 'shouldnt': "shouldn't", 'wouldnt': "wouldn't", 'couldnt': "couldn't", 'im': "I'm",
                'ive': "I've", 'youre': "you're", 'theyre': "they're", 'theres': "there's", 'heres': "here's",
                'wheres': "where's", 'hows': "how's", 'whos': "who's", 'itll': "it'll", 'thatll': "that'll", 'cant': "can't",
                'wont': "won't"}
# "stop the uh portal stack": dropped; one that marks a correction ("…, hmm, leave x out", "web uh no api") stays
FILLERS = re.compile(r"(?<=[a-z0-9]\s)(?:um+|uh+|erm+|er|uhm+)\s+"
                     r"(?!(?:no|nope|actually|wait|sorry|i\s+mean|instead|make\s+that)\b)(?=[a-z])|"
                     r"^\s*(?:(?:hey|hi|ok(?:ay)?|alright)\s+)?(?:(?:assistant|deployer|computer|siri|google|alexa)\b[,.]?\s*)|"
                     r"^\s*(?:ok(?:ay)?|alright|right)\s+so\b[,.]?\s*|"
                     r"\s*,?\s*\b(?:and\s+|so\s+)?(?:uh\s+|um\s+)?(?:yeah\s+)?(?:that's|that\s+is)\s+(?:it|all)\b(?:\s+(?:for\s+now|thanks?|"
                     r"thank\s+you))?(?=\s*(?:[.!,]|$|don't|do\s+not|but|no\b))|"
                     r"\s*,?\s*\b(?:and|so)\s+yeah\b\s*[.!]*\s*$", IC)
ADDRESSED = re.compile(r"^\s*@[\w.-]+[,:]?\s+|(?<!\S)@(?:deployer|dockerdeployer|bot|assistant|dd)\b[,:]?", IC)
# "like" said as a filler before an amount: "a list of like all the stacks", "we need like four web servers"
LIKE = re.compile(r"(?<=\s)like\s+(?=(?:all|every|each|any|some|half|about|around|maybe|\d|one|two|three|four|five|six|seven|"
                  r"eight|nine|ten|twenty|thirty|fifty|a\s+(?:few|couple|dozen)|the\s+(?:last|past|first))\b)", IC)
SPELLED = re.compile(r"(?<![\w'-])(?:[b-hj-z]\s+){1,}[b-hj-z](?![\w'-])", IC)   # "s m t p": no "a" or "i", which are words
# symbols said as words, between the parts they join
COLON = re.compile(r"(?<=\w)\s+colon\s+(?=\w)", IC)
DOT = re.compile(r"(?<=[a-z])\s+dot\s+(?=[a-z])", IC)
FLAG = re.compile(r"(?<=\s)(?:dash\s+dash|double\s+dash)\s+(?=[a-z])|"
                  r"(?<=\s)(?:dash|hyphen)\s+(?=(?!(?:one|two|six|ten|oh)\b)[a-z]{1,3}\b)",
                  IC)   # "dash m", "dash rf"; "minus its server" is an exception, not a flag
DASH = re.compile(r"(?<=\w)\s+(?:dash|hyphen)\s+(?=\w)", IC)
UNDERSCORE = re.compile(r"(?<=\w)\s+underscore\s+(?=\w)", IC)
_UNIT = '|'.join(w for w in SPOKEN_UNITS if w != 'oh')
_TENS = '|'.join(SPOKEN_TENS)
_NUMBER_RUN = rf"(?:(?:{_UNIT}|{_TENS}|hundred|thousand)(?:[\s-]+(?:and\s+)?(?:{_UNIT}|{_TENS}|hundred|thousand))*)"
# a number read out where a number is certain: after a port, a version, "sleep", a flag, "map … to"
NUMBER_AFTER = re.compile(rf"(?P<w>\b(?:port|ports|version|tag|sleep|replicas|to|on|at|and|of)|(?<!\S)-[a-z])\s+"
                          rf"(?P<n>{_NUMBER_RUN})\b", IC)
BIG_NUMBER = re.compile(rf"\b(?P<n>(?:(?:{_UNIT}|{_TENS})[\s-]+)*(?:{_UNIT}|{_TENS})[\s-]+(?:hundred|thousand)"
                        rf"(?:[\s-]+(?:and\s+)?(?:{_UNIT}|{_TENS}|hundred|thousand))*)\b", IC)
PORT_READ_OUT = re.compile(rf"(?<=\bport\s)(?P<n>(?:(?:{_UNIT}|{_TENS}|oh)[\s-]+)*(?:{_UNIT}|{_TENS}))\b", IC)
DOTTED = re.compile(rf"\b(?:{_UNIT}|\d+)(?:\s+(?:point|dot)\s+(?:{_UNIT}|\d+))+\b", IC)   # "one point one point …"
OH_DIGIT = re.compile(rf"\b(?P<word>[a-z][\w]*)[\s-]+(?P<zero>oh|zero|o)[\s-]+(?P<d>{_UNIT}|\d)\b", IC)


def as_typed(text: str, state: State) -> str:
    """``text`` as typed, where it was dictated (see the module's docstring); a typed message is left as it is."""
    text = ADDRESSED.sub(' ', text)   # "@deployer restart api": who the chat message is for
    text = re.sub(r"(?<=\w)\s+(?:comma|full\s+stop)\s+(?=[a-z])", lambda m: ', ' if 'comma' in m.group(0).lower() else '. ',
                  text, flags=IC)   # "remove the portal stack comma yes im sure comma …" (a "period" may be a lesson)
    text = _contractions(text)
    text = FILLERS.sub(' ', text)
    text = LIKE.sub(lambda m: m.group(0) if re.search(r"\b(?:i|we|you|they|would|'d|do|don't|does|doesn't|did|didn't|"
                                                      r"really|also|just)\s*$", text[:m.start()], IC) else ' ', text)
    text = SPELLED.sub(lambda m: m.group(0).replace(' ', ''), text)   # "s m t p relay": smtp relay
    text = _symbols(text, frozenset([*(b.name.lower() for b in state.containers), *state.stacks]))
    text = _numbers(text, state)
    text = _heard(text, state)
    text = UNSAID_COMMA.sub(lambda m: m.group(0) if m.group('w').lower() in SUBJECTS else f'{m.group("w")},', text)
    text = SYMPTOM_AFTER.sub(lambda m: f'{m.group("w")},' if m.group('w').lower().strip('`') in ENDS_A_REQUEST or _live(
        m.group('w').lower().strip('`'), state) else m.group(0), text)   # "restart api-02 it's throwing 502s"
    return ' '.join(text.split())


# a request taken back in part, said without the comma before it: "restart traefik don't touch the mailer"
UNSAID_COMMA = re.compile(r"(?P<w>[a-z0-9][\w-]*)(?=\s+(?:don't|do\s+not|never)\s+(?:touch|restart|stop|start|remove|delete|kill|"
                          r"pause|deploy|redeploy|update|pull|scale|change|bounce)\b)", IC)
# what a thing is doing, told right after the request on it without a comma: why, not more of the request
SYMPTOM_AFTER = re.compile(r"(?P<w>[`\w.-]+)(?=\s+(?:it's|it\s+is|they're|they\s+are)\s+(?:\w+ing|down|broken|frozen|stuck|dead|"
                           r"not|been|still|already|eating|slow|hung|wedged|unresponsive|spamming)\b)", IC)
ENDS_A_REQUEST = frozenset({'again', 'now', 'please', 'pls', 'plz', 'asap', 'up', 'down', 'off', 'back', 'quickly'})


def _live(word: str, state: State) -> bool:
    return state.container(word) is not None or word in state.stacks


SUBJECTS = frozenset({'i', 'we', 'you', 'u', 'they', 'he', 'she', 'it', 'please', 'pls', 'and', 'but', 'just', 'so', 'still',
                      'also', 'then', 'why', 'who', 'that', 'which', 'people', 'users', 'someone'})


# "its" said for "it's": before what it is or does ("when its back up", "its frozen", "its been down")
# a word dictated letter by letter: "the shop a p i", "the d b", "its u i"
SPELLED_OUT = re.compile(r"(?<![\w'-])[a-z](?:\s[a-z]){1,3}(?![\w'-])", IC)
SPELLED_WORDS = frozenset({'api', 'db', 'ui', 'vpn', 'dns', 'smtp', 'mq', 'amqp', 'ssh', 'ci', 'cd', 'ml', 'ldap', 'sql'})
# "its" that starts a clause before a verb in -ing is "it's": ", i think its dropping clients" (not "its thing")
ITS_DOING = re.compile(r"((?:^|[,;.!?]\s*|\b(?:and|but|because|cause|cuz|coz|since|as|think|guess|suspect|reckon|now)\s+))its\s+"
                       r"(?=(?!thing|string|setting|ceiling|building|wedding|morning|evening|meeting|listing|ping)\w+ing\b)", IC)
ITS = re.compile(r"\bits\s+(?=(?:back|been|down|up|not|frozen|stuck|broken|dead|running|working|fine|ok|okay|done|over|gone|"
                 r"still|already|just|really|probably|always|never|getting|going|using|sending|eating|throwing|taking|"
                 r"hogging|totally|completely|super|so|too|very|all|in|on|off|out|a|an|the)\b)", IC)


def _contractions(text: str) -> str:
    def fixed(match: re.Match[str]) -> str:
        word = match.group(0)
        typed = CONTRACTIONS[word.lower()]
        return typed[0].upper() + typed[1:] if word[0].isupper() and typed[0] != 'I' else typed
    text = ITS.sub("it's ", text)
    text = re.sub(r"\bhow'?s\s+(?=(?:every\s*thing|things|it|the|my|our|this|that|[\w.-]+\s+(?:looking|doing|going)\b))",
                  'how is ', text, flags=IC)   # "how's everything looking on this box?"
    text = SPELLED_OUT.sub(lambda m: m.group(0).replace(' ', '') if m.group(0).replace(' ', '').lower() in SPELLED_WORDS
                           else m.group(0), text)   # "restart the shop a p i": the api, spelled as dictated
    text = ITS_DOING.sub(lambda m: f"{m.group(1)}it's ", text)
    return re.sub(r"(?<![\w'])(?:" + '|'.join(CONTRACTIONS) + r")(?![\w'])", fixed, text, flags=IC)


def _value(words: str) -> int:
    total, current = 0, 0
    for word in re.split(r'[\s-]+', words.lower()):
        if word in ('and', ''):
            continue
        if word == 'hundred':
            current = max(current, 1) * 100
        elif word == 'thousand':
            total, current = total + max(current, 1) * 1000, 0
        else:
            current += SPOKEN_UNITS.get(word, SPOKEN_TENS.get(word, 0))
    return total + current


def _read_out(words: str) -> int:
    """"eight thousand eighty" 8080, "three thousand and two" 3002, "eighty eighty" 8080, "eight oh eight eight"
    8088, "one eight eight four" 1884 (figures said one by one)."""
    tokens = [t for t in re.split(r'[\s-]+', words.lower()) if t and t != 'and']
    if 'hundred' in tokens or 'thousand' in tokens:
        return _value(words)
    groups: list[int] = []
    for token in tokens:
        value = SPOKEN_UNITS.get(token, SPOKEN_TENS.get(token, 0))
        if token in SPOKEN_UNITS and groups and groups[-1] % 10 == 0 and groups[-1] >= 20 and value < 10:
            groups[-1] += value   # "eighty four"
        else:
            groups.append(value)
    return int(''.join(str(g) for g in groups)) if groups else 0


def _numbers(text: str, state: State) -> str:
    def named(match: re.Match[str]) -> str:   # "worker oh seven": worker-07, when that is a name here
        digit = match.group('d')
        figure = digit if digit.isdigit() else str(SPOKEN_UNITS[digit.lower()])
        for name in (f'{match.group("word").lower()}-0{figure}', f'{match.group("word").lower()}0{figure}'):
            if state.container(name) is not None or name in state.stacks:
                return name
        return match.group(0)
    text = OH_DIGIT.sub(named, text)
    text = DOTTED.sub(lambda m: '.'.join(p if p.isdigit() else str(SPOKEN_UNITS[p.lower()])
                                         for p in re.split(r'\s+(?:point|dot)\s+', m.group(0), flags=IC)), text)
    text = BIG_NUMBER.sub(lambda m: str(_value(m.group('n'))), text)   # "three thousand six hundred"
    text = re.sub(rf"(?<=[\w]:)(?P<n>{_NUMBER_RUN})\b", lambda m: str(_read_out(m.group('n'))), text, flags=IC)   # "kuma:one"
    text = PORT_READ_OUT.sub(lambda m: str(_read_out(m.group('n'))), text)   # "port eight oh eight eight"
    return NUMBER_AFTER.sub(lambda m: f'{m.group("w")} {_read_out(m.group("n"))}' if _certain(m, text) else m.group(0),
                            text)


def _certain(match: re.Match[str], text: str) -> bool:
    """A number read out after a word that takes one ("to eighty", "version seven", "-c three"): not "one"
    alone ("to one of them"), never before a noun it counts ("on two workers")."""
    if match.group('n').lower() == 'one' or re.match(r'\s+(?!(?:to|into|inside|on|outside|and|with|in|for)\b)[a-z]',
                                                     text[match.end():], IC):
        return False
    word = match.group('w').lower()
    return word not in ('to', 'on', 'at', 'and', 'of') or bool(re.search(
        r'\b(?:port|ports|map|mapped|publish|expose|version|tag)\b[^,.;]*$|^\s*(?:please\s+)?scale\b[^.;]*$',
        text[:match.start()], IC))   # "map port 8080 to eighty", "scale files app to two and moodle web to three"


def _symbols(text: str, names: frozenset[str] = frozenset()) -> str:
    """Symbols said as words; ``names``: the live names, so that "web dash db" stays a name's dash."""
    text = DOT.sub('.', text)
    def flag(match: re.Match[str]) -> str:   # "web dash db": a name's dash, where the joined words begin a name here
        if len(match.group(0).split()) > 1:
            return '--'
        before = re.search(r'([a-z][\w-]*)\s*$', text[:match.start()], IC)
        after = re.match(r'[a-z]+', text[match.end():], IC)
        joined = f'{before.group(1)}-{after.group(0)}'.lower() if before and after else ''
        return match.group(0) if joined and any(n.startswith(joined) for n in names) else '-'
    text = FLAG.sub(flag, text)
    text = UNDERSCORE.sub('_', text)
    text = COLON.sub(':', text)
    text = DASH.sub('-', text)

    def slash(match: re.Match[str]) -> str:   # "at slash srv": " /srv"; "restic slash restic": "restic/restic"
        before = text[:match.start()].rsplit(None, 1)[-1].lower() if text[:match.start()].strip() else ''
        words = match.group('words')
        if re.match(r'(?:' + STOPS + r')\b', words, IC):   # "with slash mounted at …": the root, then the words
            return (' /' if not before or before in PATH_BEFORE else '/') + ' ' + words
        part = '-'.join(words.split()) if re.fullmatch(r'[a-z][a-z0-9]*(?:\s+[a-z][a-z0-9]*){1,2}', words, IC) and re.match(
            r'(?::|\s+(?:' + STOPS + r')\b|\s*[,.;]|\s*$)', text[match.end():], IC) else words
        return (' /' if not before or before in PATH_BEFORE else '/') + part   # "louislam slash uptime kuma colon 1"
    text = re.sub(r"(?<=\s)slash(?=\s*(?:[.!?,;]|$))", '/', text, flags=IC)   # "rm -rf slash": the root
    return re.sub(r"\s*\bslash\s+(?P<words>[\w.~-]+(?:\s+(?!(?:" + STOPS + r"|slash)\b)[a-z][a-z0-9]*){0,2})", slash, text,
                  flags=IC)


# after these a dictated slash starts a path; after a name it joins ("restic slash restic")
PATH_BEFORE = frozenset({'at', 'to', 'in', 'on', 'from', 'into', 'under', 'mount', 'mounted', 'with', 'of', 'is', 'the', 'as',
                         'folder', 'directory', 'path', 'dir', 'and', 'inside', 'onto', 'bind', 'volume'})
STOPS = ('on|for|with|called|named|as|and|in|at|to|the|port|image|container|mounted|read|so|please|version|tag|from|into|'
         'then|because|but|or|call|name|running|that|which|using|mapping|map|publish|expose|restart|listening')


@functools.lru_cache(maxsize=64)
def _vocabulary(names: tuple[str, ...]) -> dict[str, str]:
    """Every name that can be heard, by how it sounds (see :func:`sounds`)."""
    heard: dict[str, set[str]] = {}
    for name in names:
        if len(name) >= 5 and not name.isdigit():
            heard.setdefault(sounds(name), set()).add(name)
    return {key: next(iter(found)) for key, found in heard.items() if len(found) == 1 and len(key) >= 3}


def sounds(word: str) -> str:
    """How a word sounds, roughly: its consonants, each once ("jelly fin" and "jellyfin" are both jlfn,
    "graph ana" and "grafana" grfn, "engine x" and "nginx" ngnks)."""
    word = word.lower().replace('2', 'to').replace('4', 'for')
    word = re.sub(r'[^a-z]', '', word)
    for said, written in (('ph', 'f'), ('ck', 'k'), ('x', 'ks'), ('q', 'k'), ('c(?=[eiy])', 's'), ('c', 'k'), ('z', 's')):
        word = re.sub(said, written, word)
    word = re.sub(r'[aeiouyw]', '', word)
    return re.sub(r'(.)\1+', r'\1', word)


def _heard(text: str, state: State) -> str:
    for verb, typed in HEARD_VERBS.items():
        text = re.sub(r"(?<![\w-])" + r'[ -]'.join(map(re.escape, verb.split())) + r"(?![\w-])", typed, text, flags=IC)
    for spoken, name in sorted(PRONOUNCED.items(), key=lambda item: -len(item[0])):
        text = re.sub(rf"(?<![\w-]){spoken.replace(' ', r'[ -]')}(?![\w-])", name, text, flags=IC)
    parts = {p for b in state.containers for p in re.split(r'[-_.]', b.name.lower())}
    words = state.name_words | set(KNOWN_IMAGES)
    names = tuple(sorted(w for w in {*words, *(b.name.lower() for b in state.containers), *state.stacks}
                         if re.fullmatch(r'[a-z][a-z0-9-]*', w)))
    heard = _vocabulary(names)
    tokens = text.split(' ')
    out: list[str] = []
    i = 0
    while i < len(tokens):
        joined = None
        for width in (4, 3, 2):
            said = [t.lower().rstrip(',.!?;:') for t in tokens[i:i + width]]
            if len(said) < width or not all(s.isalpha() and len(s) >= 2 for s in said) or any(
                    t.lower().rstrip(',.!?;:') != t.lower() for t in tokens[i:i + width - 1]):
                continue   # words as typed, none ending a phrase before the last ("ready, so" is no redis)
            key = sounds(''.join(said))
            if len(key) < 4 or any(s in words or s in parts for s in said) or any(s in COMMON_SAID for s in said[1:]) or (
                    said[0] in COMMON_SAID and len(key) < 5):
                continue   # a short sound, a word that names something by itself, a request's word ("duplicate it")
            found = heard.get(key)
            if found and (found[0] != said[0][0] or abs(len(''.join(said)) - len(found)) > 3):
                found = None   # it starts as it sounds, and is about as long
            if found:
                joined = found + re.sub(r"^[\w]*", '', tokens[i + width - 1])   # its punctuation kept
                break
        if joined is not None:
            out.append(joined)
            i += width
        else:
            out.append(tokens[i])
            i += 1
    return ' '.join(out)


# words of a request: never part of a heard name ("stop all" is no stall, "show logs" no sholgs)
COMMON_SAID = frozenset("""
the a an and or but then to of in on at for with from by is are was be it its this that these those them they we you i
me my our your all any some every each both one two three four five six seven eight nine ten no not yes please pls
restart start stop kill pause unpause remove delete deploy redeploy pull scale run show list logs log tail status
check up down off back out over again now just only also too can could would should will shall may might must do does
did have has had get got give let make set see look tell what which who how when where why there here new old last
first next more less much many other same time times minutes hours days lines port ports image images container
containers stack stacks service services template templates thing things app apps server box web db api
""".split())
