"""The first half of reading a message (``prepared``): the message made into one plain request before
its steps are looked for.

What people wrap a request in is taken off or said the plain way: abbreviations ("ctr"), template
names misspelt or said apart ("next cloud"), spelling slips of the words the parser keys on, numbers
in words ("eighty eighty"), self-corrections ("stop a - no, just b"), courtesy and fragments, names
listed as ranges ("web1 to web3") or shared nouns ("the dbs of shop and crm"), wishes for a template
("I need something to share files") and goals ("what I want is …"); the remarks and reasons around the
request are ``asides``'s (``without_comments``, used by steps). Nothing here resolves a target: names are only
recognised, so that a word that names something is never rewritten as a typo of another word.
"""
from __future__ import annotations

from functools import lru_cache

from . import kube, shorthand
from . import regex as re
from .asides import FILLERS_FIRST, LEAD_IN, QUICK_LEAD, live_named
from .clause import (
    ATTRIBUTES,
    FILLER,
    GREP_STEMS,
    HISTORY_WORDS,
    KINDS,
    KNOWN_IMAGES,
    LOG_WORDS,
    NUMBER_WORDS,
    QUESTION_STARTS,
    STATES,
    STATUS_WORDS,
    VERBS,
    Clause,
)
from .command_lines import other_tools
from .counts import counts_said
from .deploying import image_word
from .described import described
from .dictated import as_typed
from .everyday import SIGNED_IN_OUT, everyday
from .framing import unwrapped
from .images import PUBLISHED
from .intent import LIFECYCLE, READ_WISH, lemma, names_something, request_verb, starts_request
from .lexicon import COMMON, DICTIONARY
from .live import boxes_said, left_out, state_holds
from .nicknames import nicknamed
from .phrasing import SPOKEN_TENS, SPOKEN_UNITS, WANTED_OBJECT, WANTED_STATE, rewrite, same_as_before, wanted_verb
from .plan import Question
from .queries import (
    SORT_WORDS,
)
from .repair import corrected, withdrawn
from .resolve import ROLE_WORDS, close_enough, damerau, match_template, parts, resolve, service_word
from .state import State, TemplateInfo
from .targets import Parsed
from .told import (
    docker_status_said,
    down_then_fix_it,
    guess_then_it,
    image_first,
    image_then_it,
    name_aside,
    production_said,
    twin_named,
)

SPOKEN_SHORT = {'machine learning': 'ml', 'message queue': 'mq', 'data base': 'db'}


SHORT_WORDS = {'is', 'up', 'on', 'it', 'an', 'to', 'do', 'no', 'me', 'my', 'we', 'us', 'or', 'if', 'at', 'by', 'so', 'ok',
               'am', 'be', 'go', 'in', 'of', 'the', 'and', 'can', 'all', 'any', 'are', 'was', 'has', 'did', 'get', 'not',
               'now', 'off', 'out', 'pls', 'why', 'how', 'who', 'asap', 'fyi', 'btw', 'eta', 'rn', 'thx', 'ty'}


def spoken_apart(text: str, state: State) -> str:
    """Two words that are one name said apart ("next cloud", "sync thing", "shop staging"): the name;
    a name's initials in capitals ("restart HA": home-assistant) when exactly one name has them; the
    long form of a short name part ("the immich machine learning container": ml)."""
    for long, short in SPOKEN_SHORT.items():
        said = long.replace(' ', r'[\s-]')   # "machine learning", "machine-learning"
        if short in state.name_words and re.search(rf'\b{said}\b', text, re.IGNORECASE):
            text = re.sub(rf'\b{said}\b', short, text, flags=re.IGNORECASE)

    def end_said(match: re.Match[str]) -> str:   # "the billing front end": its front (or frontend) service, no "end"
        side = match.group(1).lower()
        return next((w for w in (f'{side}end', side) if w in state.name_words), f'{side}end')
    text = re.sub(r'\b(front|back)[\s-]end\b', end_said, text, flags=re.IGNORECASE)

    letters = [c for c in text if c.isalpha()]
    shouted = len(letters) > 6 and sum(c.isupper() for c in letters) > 0.6 * len(letters)   # "IS PAPERLESS-WEB-1 UP??"

    def initials(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        if state.container(word) is not None or word in state.stacks or word in state.name_words or shouted \
                or word in COMMON or word in SHORT_WORDS:
            return match.group(0)
        fits = [b.name for b in state.containers if len(parts := [p for p in re.split(r'[-_.]', b.name) if p.isalpha()]) > 1
                and ''.join(p[0] for p in parts) == word]
        return fits[0] if len(fits) == 1 else match.group(0)
    text = re.sub(r'(?<![\w-])[A-Z]{2,3}(?![\w-])', initials, text)   # capitals only: "ha" is a word
    tokens = text.split(' ')
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens):
            a = tokens[i].lower()
            b = re.match(r"[\w-]*", tokens[i + 1].lower())
            tail = tokens[i + 1][b.end():] if b else ''
            if a.isalpha() and b and b.group(0).isalpha() and len(a) > 2 and len(b.group(0)) > 2:
                joined = next((j for j in (a + b.group(0), f'{a}-{b.group(0)}')
                               if j in state.stacks or state.container(j) is not None
                               or '-' in j and j in {t.id for t in state.templates}), None)   # "node red
                if joined is None and not names_something(b.group(0), state):
                    # "the key cloak" (a part of auth-keycloak-1), "git tea" (gitea of stack git): one name word, said
                    # apart or as heard
                    heard = a + b.group(0)
                    fits = [w for w in state.name_words if w == heard] or [
                        w for w in state.name_words if len(heard) >= 6 and len(w) >= 5 and w.isalpha()
                        and re.sub(r'(.)\1', r'\1', heard) == re.sub(r'(.)\1', r'\1', w)]   # ("git tea": one t)
                    joined = fits[0] if len(fits) == 1 and (fits[0].startswith(a) or not names_something(a, state)) \
                        else None
                if joined is not None:
                    out.append(joined + tail)
                    i += 2
                    continue
        out.append(tokens[i])
        i += 1
    return ' '.join(out)


# ", the database name is app_prod": a setting given, not a remark
# a count said to be enough: "one is enough", "just two web in shop are plenty": that many replicas
_COUNT = r'(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)'
_ENOUGH = r'\s+(?:is|are|will\s+do|should\s+be|would\s+be)\s+(?:enough|plenty|fine|sufficient|ok|okay)\b'
ENOUGH_OF = re.compile(rf'^\s*(?:just\s+|only\s+)?{_COUNT}\s+(?P<what>[\w.-]+(?:\s+(?:in|of|for)\s+[\w.-]+)?){_ENOUGH}'
                       r'(?:\s*[,;.]?\s*(?:so\s+|please\s+|pls\s+)?(?:scale|bring|take)\s+(?:it|them)\s+down)?',
                       re.IGNORECASE)
RUN_TWICE = re.compile(r'\b(?:run|have|keep)\s+(?P<what>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,2}?)\s+(?P<n>twice|thrice)\b'
                       r'(?!\s+(?:a|per|every|each|in\s+a)\b)', re.IGNORECASE)
RUN_TIMES = re.compile(rf'\b(?:make|have|let|get)\s+(?P<what>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){{0,2}}?)\s+(?:run|running)\s+'
                       rf'{_COUNT}\s+'
                       r'(?:times|copies|instances|x)\b(?!\s+(?:a|per|every|each|in\s+a)\b)', re.IGNORECASE)
ENOUGH = re.compile(rf'\s*[,;.]?\s*(?:just\s+|only\s+)?(?<![\w.-]){_COUNT}{_ENOUGH}', re.IGNORECASE)   # not "tool-04 is fine"


# who may make an account, said as a sentence: "don't let strangers register", "nobody else should be able to
# sign up", "let anyone create an account"
_JOINING = r"(?:register|sign\s*up|create\s+(?:an?\s+|their\s+own\s+|new\s+)?accounts?|make\s+(?:an?\s+)?accounts?)" \
           r"(?:\s+(?:accounts?|themselves|on\s+(?:it|their\s+own)))?\b"
_PEOPLE = r"(?:any\s*(?:one|body)|strangers|randoms|random\s+people|people|the\s+public|new\s+(?:users|people)|others|" \
          r"every\s*(?:one|body)|just\s+anyone|outsiders|users)"
SIGNUPS_SAID = re.compile(rf"(?<!n't)(?<!\bnot)(?<!never)(?:\s*,?\s*\b(?:but|and|so)\s+|\s*[,.;]\s*|\s+)"
                          rf"(?:(?P<no>(?:do\s+not|don'?t|never)\s+(?:let|allow)\s+"
                          rf"{_PEOPLE}\s+(?:to\s+)?|(?:no\s*(?:one|body)|nobody)\s+(?:else\s+)?(?:should|can|may|must|will)\s+"
                          rf"(?:be\s+able\s+to\s+)?)|(?:let|allow)\s+{_PEOPLE}\s+(?:to\s+)?){_JOINING}", re.IGNORECASE)
ABBREVIATIONS = {'ctr': 'container', 'ctrs': 'containers', 'cntr': 'container', 'stk': 'stack', 'stks': 'stacks',
                 'img': 'image', 'imgs': 'images', 'vol': 'volume', 'vols': 'volumes', 'tpl': 'template', 'tpls': 'templates',
                 'tmpl': 'template', 'rs': 'restart', 'rstrt': 'restart', 'rst': 'restart', 'hist': 'history',
                 'mem': 'memory', 'repo': 'repository', 'repos': 'repositories', 'fr': '', 'repl': 'replicas',
                 'pls': 'please', 'plz': 'please', 'thx': 'thanks', 'chk': 'check', 'chck': 'check', 'chek': 'check',
                 'strt': 'start', 'lgs': 'logs', 'wats': "what's", 'wots': "what's", 'sth': 'something', 'smth': 'something',
                 'l8r': 'later', 'b4': 'before', 'upd8': 'update', 'updt': 'update', 'upd': 'update',
                 'stopthe': 'stop the', 'startthe': 'start the', 'restartthe': 'restart the', 'showme': 'show me',
                 'removethe': 'remove the', 'updatethe': 'update the',
                 'n': 'and', 'nd': 'and', 'u': 'you', 'ur': 'your', 'r': 'are', 'pl': 'please',
                 # everyday words typed in a hurry (a name here is never rewritten: see expand_abbreviations)
                 'wat': 'what', 'waht': 'what', 'whta': 'what', 'teh': 'the', 'hte': 'the', 'adn': 'and', 'nad': 'and',
                 'shwo': 'show', 'sohw': 'show', 'lgos': 'logs', 'logz': 'logs', 'serach': 'search', 'seach': 'search',
                 'searh': 'search', 'restrat': 'restart', 'resart': 'restart', 'stpo': 'stop', 'satrt': 'start',
                 'containr': 'container', 'contianer': 'container', 'conatiner': 'container', 'contaier': 'container'}


def template_spellings(text: str, state: State) -> str:
    """"wiki.js", "Pi-hole", "uptime-kuma": a template's name written with a dot, a dash or a space is its id,
    so that it is one thing in a list ("install gitea and wiki.js"); a name that runs here stays as it is."""
    ids = {re.sub(r'[^a-z0-9]', '', t.id): t.id for t in state.templates}

    def spelled(match: re.Match[str]) -> str:
        said = match.group(0)
        joined = re.sub(r'[^a-z0-9]', '', said.lower())
        if joined in ids and joined != said.lower() and not names_something(said.lower(), state):
            return ids[joined]
        return said
    return re.sub(r'(?<![\w./:-])[A-Za-z][A-Za-z0-9]*[.\-][A-Za-z0-9]+(?![\w/:-]|\.\w)', spelled, text)


def expand_abbreviations(text: str, state: State) -> str:
    """What people type in a hurry ("stk rs immich", "ctr ls", "img ls"); a word that names
    something here is left as it is."""
    def expand(match: re.Match[str]) -> str:
        word = match.group(0)
        lowered = word.lower()
        if lowered not in ABBREVIATIONS or names_something(lowered, state):
            return word
        return ABBREVIATIONS[lowered]
    return re.sub(r"(?<![\w/.:=-])[A-Za-z]+(?:8|4)?(?![\w/.:=-])", expand, text)   # ("upd8", "b4")


# the words of questions and attributes a typo of which is put right ("waht ports is x lisening on",
# "hows traefik doign"); verbs have their own fuzzy match, names the resolver's
SPELLED = sorted(QUESTION_STARTS | ATTRIBUTES | STATUS_WORDS | LOG_WORDS | {'what', 'doing', 'listening', 'running'}
                 | {'restart', 'start', 'stop', 'follow', 'tail', 'pull', 'list', 'show', 'remove', 'delete', 'deploy', 'pause',
                    'scale', 'update', 'stacks', 'stack', 'images', 'image', 'containers', 'container', 'volumes', 'networks',
                    'last', 'and', 'log', 'the', 'please', 'latest', 'recent', 'minutes', 'hours', 'lines'})


@lru_cache(maxsize=8)
def _catalog_words(templates: tuple[TemplateInfo, ...]) -> frozenset[str]:
    """Every word of the template catalog's ids, titles, tags and keywords (worked out once per catalog)."""
    return frozenset(w for t in templates
                     for w in re.findall(r'[a-z0-9]+', ' '.join((t.id, t.title, *t.tags, *t.keywords)).lower()))


def spelled(text: str, state: State) -> str:
    """Typos of question and attribute words, put right: a word known nowhere (not a verb, not a
    live name, not everyday English) that is one swap of two neighbouring letters from one of them,
    or — at 6 letters or more — that word with one letter left out."""
    known = state.name_words
    catalog = _catalog_words(state.templates)

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lowered = word.lower()
        if (len(lowered) < 3 or lowered in SPELLED or lowered in VERBS or lowered in FILLER or lowered in known
                or lowered in catalog   # "aws s3", "php": a word of the catalog is no typo of "was"
                or lowered in COMMON or lowered in KINDS or lowered in STATES or lowered in NUMBER_WORDS
                or lowered in _UNITS or lowered in SORT_WORDS or lowered in GREP_STEMS or lowered in HISTORY_WORDS
                or any(lowered.endswith(end) and lowered[:-len(end)] in VERBS for end in ('s', 'es', 'ed', 'd', 'ing'))
                or any(close_enough(lowered, name) for name in known if abs(len(name) - len(lowered)) <= 1)):
            return word
        short = lowered not in DICTIONARY and not (word[0].isupper() and match.start() > 0)   # not "Los Angeles"
        return _spelled_as(lowered, short) or word
    return re.sub(r"(?<![\w/.:=@'-])[A-Za-z]+(?![\w/.:=@'-])", fix, text)


@lru_cache(maxsize=8192)
def _spelled_as(lowered: str, short: bool) -> str | None:
    """The one word of SPELLED that ``lowered`` is a typo of, if there is exactly one."""
    fits = [w for w in SPELLED if len(w) >= len(lowered) >= 3 and (_swapped(lowered, w) or _undoubled(lowered, w) or (
            len(w) == len(lowered) + 1 and damerau(lowered, w, 1) == 1 and (len(lowered) >= 6 or (
                w[0] == lowered[0] and short))))]   # a letter left out: "recnt"; "shw" too when short
    return fits[0] if len(fits) == 1 else None


def _undoubled(word: str, known: str) -> bool:
    """``word`` is ``known`` with one of its doubled letters written once ("folow", "pul")."""
    return len(known) == len(word) + 1 and any(known[i] == known[i + 1] and known[:i] + known[i + 1:] == word
                                               for i in range(len(known) - 1))


def _swapped(word: str, known: str) -> bool:
    """``word`` is ``known`` with two neighbouring letters swapped ("waht", "doign")."""
    if len(word) != len(known) or word == known:
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, known, strict=True)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == known[diff[1]] and word[diff[1]] == known[diff[0]]


_UNITS = {word: value for word, value in {**SPOKEN_UNITS, **SPOKEN_TENS}.items() if word != 'oh'}


_NUMBER = '(?:' + '|'.join(sorted([*_UNITS, 'hundred', 'thousand'], key=len, reverse=True)) + ')'


_NUMBER_WORDS = rf'(?:{_NUMBER[3:-1]}|and|a)'


ORDINALS = {'first': 1, 'second': 2, 'third': 3, 'fourth': 4, 'fifth': 5, 'sixth': 6, 'seventh': 7, 'eighth': 8, 'ninth': 9,
            'tenth': 10}
NUMBERED_NAME = re.compile(r"\b(?:(?P<word>[a-z][a-z_-]*)\s+(?:(?:#|no\.|nr\.?|num(?:ber)?\.?)\s*(?P<n>[0-9]{1,3}|[a-z]+)|"
                           r"(?P<n3>one|two|three|four|five|six|seven|eight|nine|ten)\b(?!\s+[a-z]+s\b))|"
                           r"(?<=\bthe\s)(?P<n4>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+"
                           r"(?P<word4>[a-z][a-z_-]*)(?!\s+(?:one|ones|and|then)\b)|"
                           r"(?:instance|replica|copy|node|box|server|container|no\.|number|#)\s*(?P<n2>[0-9]{1,3}|[a-z]+)\s+"
                           r"of\s+(?:the\s+)?(?P<word2>[a-z][a-z_-]*))\b", re.IGNORECASE)


SWITCHED = re.compile(r"^\s*(?:(?:please|pls|plz)\s+)?(?:(?:you\s+can|can\s+you|could\s+you|i\s+want\s+that\s+you|"
                      r"i\s+(?:want|need)\s+you\s+to)\s+)?(?P<verb>open|close|activate|reactivate)\s+(?:again\s+)?(?:the\s+)?"
                      r"(?P<x>[\w.-]+)(?:\s+(?:container|stack|app|service))?\s*(?:again\s*)?(?:please|pls|plz|now)?\s*[.!?]*\s*$|"
                      r"^\s*(?:the\s+)?(?P<x2>[\w.-]+)(?:\s+(?:container|stack|app|service))?\s*,?\s*(?P<how>(?:go|goes|to|must\s+go|"
                      r"should\s+go|turn|switch)\s+)?(?P<way>on|off|up|down)\s*,?\s*(?:please|pls|plz|now)?\s*[.!]*\s*$",
                      re.IGNORECASE)
SWITCH_VERBS = {'open': 'start', 'activate': 'start', 'reactivate': 'start', 'close': 'stop', 'on': 'start', 'up': 'start',
                'off': 'stop', 'down': 'stop'}


def switched(text: str, state: State) -> str:
    """A whole message that names something here and a switch's word ("close jellyfin", "open the pihole",
    "jellyfin off please", "jellyfin go up"): said by many as its start or stop ("jellyfin up?" asks)."""
    said = SWITCHED.match(text)
    if not said:
        return text
    name = (said.group('x') or said.group('x2')).lower()
    way = (said.group('verb') or said.group('way')).lower()
    if state.container(name) is None and name not in state.stacks or way in ('up', 'down') and not said.group('how'):
        return text
    return f'{SWITCH_VERBS[way]} {name}'


def numbered_names(text: str, state: State) -> str:
    """A name's word and its number said apart ("web number one", "api no. 4", "instance 3 of cache", "web
    two", "the second web"): the name of the one container that is that word and that number; as said otherwise."""
    def named(match: re.Match[str]) -> str:
        word = (match.group('word') or match.group('word2') or match.group('word4')).lower()
        said = (match.group('n') or match.group('n2') or match.group('n3') or match.group('n4')).lower()
        number = int(said) if re.fullmatch(r'[0-9]+', said) else NUMBER_WORDS.get(said) or ORDINALS.get(said)
        if number is None or said == 'one' and match.group('n3') and re.search(r'\b(?:the|this|that|which)\s+$',
                                                                             match.string[:match.start()], re.IGNORECASE):
            return match.group(0)   # "the web one": the one that is web, no number
            return match.group(0)
        same = [b.name for b in state.containers if re.fullmatch(rf'{re.escape(word)}[-_]?0*{number}', b.name.lower())]
        return same[0] if len(same) == 1 else match.group(0)
    return NUMBERED_NAME.sub(named, NUMBERED_LIST.sub(lambda m: _numbered_list(m, state), ORDINAL_OF.sub(
        lambda m: _by_place(m, state), text)))


ORDINAL_OF = re.compile(r"\bthe\s+(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\s+"
                        r"(?:(?:one|container)\s+)?(?:of\s+(?:the|my|our|all|those|these)\s+(?:[a-z]+\s+(?=[a-z]+s\b))?)?"
                        r"(?P<word>[a-z][a-z_-]*)\b(?!\s+(?:one|ones|and|then)\b)", re.IGNORECASE)


def _by_place(match: re.Match[str], state: State) -> str:
    """"the last of the seven proxies", "the third of the caches", "the last worker": the container of that
    word with that number (the last: the highest); as said when there is no such numbered set."""
    said, place = match.group('word').lower(), match.group('ord').lower()
    forms = [said, said[:-1], said[:-2], said[:-3] + 'y'] if said.endswith('s') else [said]   # proxies: proxy
    numbered: dict[int, str] = {}
    for word in forms:
        numbered = numbered or {int(m.group(1)): b.name for b in state.containers
                                if (m := re.fullmatch(rf'{re.escape(word)}[-_]?(\d+)', b.name.lower()))}
    if len(numbered) < 2:
        return match.group(0)
    number = max(numbered) if place == 'last' else ORDINALS[place]
    return numbered.get(number, match.group(0))


NUMBERED_LIST = re.compile(r"\b(?P<word>[a-z][a-z_-]*?)s?\s+(?:#|no\.?\s*|nr\.?\s*|numbers?\s+)?"
                           r"(?P<nums>\d{1,3}(?:\s*(?:,|and|&|\s)\s*#?\d{1,3})+)\b(?!\s*(?:[:.]\d|%|[a-z]))", re.IGNORECASE)


def _numbered_list(match: re.Match[str], state: State) -> str:
    """"runners 2 3 and 5", "web 1, 2 and 4": the one container of that word and each number; as said when
    any of them is not exactly one container."""
    word = match.group('word').lower()
    names = []
    for number in re.findall(r'\d{1,3}', match.group('nums')):
        same = [b.name for b in state.containers if re.fullmatch(rf'{re.escape(word)}[-_]?0*{int(number)}', b.name.lower())]
        if len(same) != 1:
            return match.group(0)
        names.append(same[0])
    return ', '.join(names[:-1]) + f' and {names[-1]}'


def numbers_in_words(text: str) -> str:
    """"the last twenty five lines", "one hundred lines", "the last thirty minutes": digits, where a
    unit follows (so "the first one" and "a mysql" stay words)."""
    def value(match: re.Match[str]) -> str:
        total, current = 0, 0
        for word in re.split(r'[\s-]+', match.group(1).lower()):
            if word in ('and', ''):
                continue
            if word == 'a':
                current = 1
            elif word == 'hundred':
                current = max(current, 1) * 100
            elif word == 'thousand':
                total, current = (total + max(current, 1)) * 1000, 0
            else:
                current += _UNITS[word]
        return f'{total + current} '
    return re.sub(rf'\b((?:{_NUMBER_WORDS}[\s-]+)*{_NUMBER})\s+(?=(?:log\s+)?(?:lines?|minutes?|mins?|hours?|hrs?|'
                  rf'seconds?|secs?|days?|entries|things)\b)', value, text, flags=re.IGNORECASE)


GOAL = re.compile(r"^(?P<lead>.*?\b)?(?:what\s+i\s+(?:want|need)\s+is|"
                  r"i(?:\s+(?:just|also|still|really|urgently))?(?:\s+(?:need|want|would\s+like)|'d\s+like)|"
                  r"(?:we|they|he|she|(?:the\s+|our\s+|my\s+)?(?:boss|manager|client|customer|team|cto|ceo|lead|(?<!['’])\b(?!(?:don|doesn|didn|do|does|not|never|who|what)\b)"
                  r"[a-z]{2,}))\s+"
                  r"(?:(?:really|just|also|still|urgently)\s+)?(?:needs?|wants?|would\s+like|'d\s+like)|"
                  r"make\s+sure|ensure|"
                  r"please\s+make\s+sure)\s+(?:that\s+)?" + WANTED_OBJECT +
                  r"\s+(?:to\s+be\s+|is\s+|are\s+|be\s+|gets?\s+)?(?:both\s+)?" + WANTED_STATE, re.IGNORECASE)


WANTING = r"(?:i|we)\s+(?:really\s+)?(?:want|need|would\s+like|'d\s+like|wanna|wish)"


AS_IT_WAS = re.compile(WANTING + r"\s+(?:the\s+)?(?P<obj>[\w.-]+)(?:\s+stack)?\s+(?:back\s+)?(?:the\s+way|how|as)\s+it\s+"
                       r"(?:was|used\s+to\s+be)\b(?:\s+(?:yesterday|before|earlier|this\s+morning|last\s+\w+))?", re.IGNORECASE)


IMAGE_WANTED = re.compile(WANTING + r"\s+(?:the\s+|an?\s+)?(?P<image>[\w./-]+(?::[\w.-]+)?)\s+image\b(?!\s+(?:of|for|in|used))",
                          re.IGNORECASE)   # "I want the postgres:16.4 image on this machine": pull it


NEWEST = re.compile(WANTING + r"\s+(?:the\s+)?(?P<obj>[\w.-]+)(?:\s+stack)?\s+(?:on|running|with|to\s+run)\s+(?:the\s+)?"
                    r"(?:newest|latest|newer|most\s+recent)\s+(?:images?|versions?|release)\b", re.IGNORECASE)


WANT_TO = re.compile(WANTING + r"\s+to\s+(?=([\w-]+))", re.IGNORECASE)   # "I want to see which stacks exist"


NOT_RUNNING = re.compile(r"^(?:i\s+(?:don'?t|do\s+not)\s+want\s+(?P<obj>(?:the\s+)?[\w.-]+)\s+(?:running|up|on|sending|doing|"
                         r"processing|serving|mailing|touching)(?:\s+anymore)?|"
                         r"nothing\s+in\s+(?P<stack>[\w.-]+)\s+should\s+(?:be\s+)?(?:running|up|on))\b", re.IGNORECASE)


def goals(text: str) -> str:
    """Requests said as the state wanted: "I need duplicati to be running again" is start it, "I'd like
    the nextcloud stack gone" remove it, "I don't want tool-04 running anymore" stop it (the things first, "a and
    b should both be off": phrasing.OUGHT)."""
    text = GOAL.sub(lambda m: f'{m.group("lead") or ""}{wanted_verb(m.group("state"))} {m.group("obj")}', text, count=1)
    text = AS_IT_WAS.sub(lambda m: f'roll back {m.group("obj")}', text, count=1)
    text = IMAGE_WANTED.sub(lambda m: f'pull {m.group("image")}', text, count=1)
    text = NEWEST.sub(lambda m: f'update {m.group("obj")}', text, count=1)
    text = WANT_TO.sub(lambda m: '' if starts_request(m.group(1).lower()) else m.group(0), text)
    return NOT_RUNNING.sub(lambda m: f'stop {m.group("obj") or m.group("stack")}', text, count=1)


# a package for the host's own system: "install python3 on the server", "apt install htop on the box"
HOST_INSTALL = re.compile(r"^\s*(?:(?:please|pls|can\s+you|could\s+you|sudo)\s+)*(?:install|apt(?:-get)?\s+install|"
                          r"yum\s+install|dnf\s+install|brew\s+install|pip3?\s+install|npm\s+install(?:\s+-g)?|upgrade|"
                          r"update)\s+(?P<what>python[\d.]*|pip3?|node(?:js)?|npm|java|jdk|openjdk|ruby|php[\d.]*|perl|gcc|"
                          r"make|git|vim|nano|htop|curl|wget|tmux|zsh|ffmpeg|golang|go|rust|cargo|kernel|the\s+kernel|"
                          r"packages|updates|the\s+os|ubuntu|debian)\s+(?:on|onto|in|for)\s+(?:the|this|my|our)\s+"
                          r"(?:host|server|machine|box|system|os|vm|computer|nas)\b", re.IGNORECASE)


# a part of a stack left out, said as a request not to: "restart crm but don't touch the db", "restart the blog stack,
# just not its database": except it (when a stack is named before it and the part is something here or a role)
LEFT_ALONE = re.compile(r"\s*,?\s*\b(?:but|just|only)\s+(?:don'?t\s+touch|do\s+not\s+touch|not|leave\s+out|skip|without)\s+"
                        r"(?:the\s+|its\s+|their\s+)?(?P<what>[\w-]+)(?:\s+(?:alone|one|container))?\b(?=\s*(?:[.,;!]|$))",
                        re.IGNORECASE)


# the same verb said again, negated, on a part of what the request named: "restart the paperless stack, but don't restart
# the db", "restart everything in immich. don't restart immich-db-1": that part left out, never restarted as well
NOT_THE_SAME = re.compile(r"\s*(?:[,.;]\s*|\s-+\s*)?\b(?:but\s+)?(?:please\s+)?(?:don'?t|do\s+not|never)\s+(?P<verb>[a-z]+)\s+"
                          r"(?:the\s+|its\s+|their\s+)?(?P<what>[\w-]+)(?:\s+(?:one|container|service|alone|though|please))*"
                          r"\b(?=\s*(?:[.,;!]|$))", re.IGNORECASE)


def _not_the_same(match: re.Match[str], text: str, state: State) -> str:
    before = text[:match.start()].lower()
    verb = VERBS.get(match.group('verb').lower())
    said = {VERBS.get(w) for w in re.findall(r'[a-z]+', before)}
    if verb is None or verb not in said or not any(w in state.stacks or w in ('everything', 'all') for w in re.findall(
            r'[\w-]+', before)):
        return match.group(0)
    return _left_alone(match, text, state)


OTHERS_OF = re.compile(r"\bthe\s+(?:other|remaining)\s+(?P<kind>containers|services|ones)\s+(?P<of>of|in)\s+(?P<x>[\w-]+)"
                       r"(?P<rest>[^.;!?]*)", re.IGNORECASE)
SET_APART = re.compile(r"\b(?:apart\s+from|except(?:\s+for)?|other\s+than|besides|but\s+not)\s+(?:the\s+|its\s+)?"
                       r"(?P<what>[\w-]+)", re.IGNORECASE)


def the_others(text: str) -> str:
    """"the other containers of paperless except the db", "… apart from the db, which is fine. Restart the other
    containers of paperless": all the containers of it but the one set apart, said in the same clause or before."""
    def others(match: re.Match[str]) -> str:
        kept = f'all {match.group("kind")} {match.group("of")} {match.group("x")}{match.group("rest")}'
        if re.search(r'\bexcept\b', match.group('rest'), re.IGNORECASE):
            return kept
        apart = [m for m in SET_APART.finditer(text[:match.start()])]
        return f'{kept} except {apart[-1].group("what")}' if apart else match.group(0)
    return OTHERS_OF.sub(others, text)


# a thing said to be fine before the one that is not: "jellyfin is fine, it's home assistant that's misbehaving. restart
# that one", "not jellyfin, it's pihole that is broken" (what "that one" or "it" means next is the other)
CLEARED = re.compile(r"(?:^|(?<=[.;!?,]))\s*(?:but\s+|and\s+|so\s+)?(?:the\s+|my\s+|our\s+)?(?P<x>[\w.-]+(?:\s+[\w.-]+)?)\s+"
                     r"(?:is|are|seems|looks|'s)\s+(?:totally\s+|perfectly\s+|actually\s+|still\s+|really\s+)?(?:fine|ok|okay|"
                     r"alright|all\s+right|working(?:\s+fine)?|not\s+the\s+(?:problem|issue|culprit|one))\s*(?:[,;.!]+\s*|$)|"
                     r"^\s*(?:no,?\s+)?not\s+(?:the\s+)?(?P<y>[\w.-]+(?:\s+[\w.-]+)?)\s*[,;.]\s*(?=it'?s\s|it\s+is\s)",
                     re.IGNORECASE)


def cleared(text: str, state: State) -> str:
    """The message without what it says is fine, when it goes on to name something else."""
    def drop(match: re.Match[str]) -> str:
        said = (match.group('x') or match.group('y')).lower().split()
        rest = text[:match.start()] + ' ' + text[match.end():]
        if any(names_something(w, state) or names_something('-'.join(said), state) for w in said[-1:]) and any(
                names_something(w.lower(), state) and w.lower() not in said for w in re.findall(r'[\w.-]+', rest)):
            return ' '
        return match.group(0)
    return CLEARED.sub(drop, text).strip() or text


# one of two said to be the trouble, then a request about "it": "the blog db or the shop db, one of them is eating the
# disk, restart it", "either the blog db or the shop db is slow, restart it" (which one is asked, never both)
ONE_OF_TWO = re.compile(r"^\s*(?:(?P<either>either)\s+)?(?P<a>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?)\s+or\s+"
                        r"(?P<b>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?)(?:\s*,\s*|\s+)(?:(?:one\s+of\s+(?:them|the\s+two|those)|"
                        r"(?:i'?m\s+)?not\s+sure\s+which|whichever|either\s+one)\b|(?(either)(?:is|are|'s|keeps?|was)\b|(?!)))"
                        r"[^.;!?]*?[,.;!]\s*(?P<rest>[^.;!?]*\b(?:it|that\s+one|the\s+culprit)\b[^.;!?]*[.!?]*)\s*$",
                        re.IGNORECASE)


def one_of_two(text: str, state: State) -> str:
    """"A or B, one of them …, restart it": the request, said of "A or B"."""
    match = ONE_OF_TWO.match(text)
    if match is None or not all(any(names_something(w.lower(), state) or w.lower() in ROLE_WORDS
                                    for w in match.group(k).split()) for k in ('a', 'b')):
        return text
    return re.sub(r'\b(?:it|that\s+one|the\s+culprit)\b', f'{match.group("a")} or {match.group("b")}', match.group('rest'),
                  count=1, flags=re.IGNORECASE)


# a condition on another thing in the middle: "check the status of the shop stack and if the cache is running, restart
# it" (checked on the live state: the step is planned on what the condition names, or left out and said)
MID_GUARD = re.compile(r"^(?P<before>\S.*?)\s*,?\s+(?:and\s+)?(?:then\s+)?if\s+(?:the\s+|its\s+)?(?P<x>[\w.-]+(?:\s+[\w.-]+)?)\s+"
                       r"(?:is|are)\s+(?:still\s+|already\s+|currently\s+)?(?P<neg>not\s+)?(?P<cond>running|up|down|stopped|dead|"
                       r"crashed|exited|started|online|offline)\s*,?\s*(?:then\s+)?(?P<rest>[a-z][\w'-]*\b[^.;!?]*)[.!]*$",
                       re.IGNORECASE)


def mid_guard(text: str, state: State, out: Parsed) -> str:
    """"… and if the cache is running, restart it": the step on the cache when it runs now, else its status and why."""
    match = MID_GUARD.match(text)
    if match is None or not (starts_request(match.group('rest').split()[0].lower())) or match.group('x').lower() in (
            'it', 'they', 'that', 'this'):
        return text
    said = match.group('x')
    if not any(names_something(w.lower(), state) or w.lower() in ROLE_WORDS for w in said.split()):
        return text
    before_names = [w for w in re.findall(r'[\w.-]+', match.group('before')) if w.lower() in state.stacks]
    boxes = boxes_said(' '.join([*before_names[-1:], said]), state) or boxes_said(said, state)
    holds = state_holds(boxes, match.group('cond').lower(), bool(match.group('neg'))) if boxes else None
    if holds is None:
        return text
    name = boxes[0].name if len(boxes) == 1 else said
    if holds:
        step = re.sub(r'\b(?:it|them)\b', name, match.group('rest'), count=1)
    else:
        step = left_out(match.group('rest'), name, match.group('cond').lower(), bool(match.group('neg')), boxes, out)
    return f'{match.group("before")}, then {step}'


# the parts of a stack in an order: "take the crm down in order: frontend first, backend next, database last", "stop
# the crm in this order: frontend, backend, db" -> one step per part, in that order
IN_ORDER_LIST = re.compile(r"^(?P<verb>(?:please\s+)?[a-z][\w-]*)\s+(?:the\s+)?(?P<x>[\w.-]+)(?:\s+stack)?"
                           r"(?P<particle>\s+(?:down|up|off))?"
                           r"\s+(?:in\s+(?:this|that|the\s+following|the\s+right)?\s*order|one\s+by\s+one|like\s+this)\s*:\s*"
                           r"(?P<items>[\w.-]+(?:\s+[\w.-]+)?(?:\s*(?:,|\band\b|\bthen\b|->|>)\s*(?:and\s+|then\s+)?[\w.-]+"
                           r"(?:\s+[\w.-]+)?)+)\s*[.!]*$", re.IGNORECASE)
ORDER_WORDS = {'first', 'next', 'second', 'then', 'after', 'afterwards', 'last', 'third', 'finally', 'lastly'}


def in_order_list(text: str, state: State) -> str:
    """"stop the crm in order: frontend first, backend next, database last": each part a step, in that order."""
    match = IN_ORDER_LIST.match(text)
    if match is None or match.group('x').lower() not in state.stacks:
        return text
    items = [' '.join(w for w in part.split() if w.lower() not in ORDER_WORDS)
             for part in re.split(r'\s*(?:,|\band\b|\bthen\b|->|>)\s*', match.group('items')) if part.strip()]
    if len(items) < 2 or not all(item and all(names_something(w.lower(), state) or w.lower() in ROLE_WORDS
                                              for w in item.split()) for item in items):
        return text
    particle = match.group('particle') or ''
    return ', then '.join(f'{match.group("verb")} {match.group("x")} {item}{particle}' for item in items)


# a state to make sure of: "make sure gitea is running", "ensure duplicati is stopped before the backup window" (the
# change only where the live state is not so already; else its status)
MAKE_SURE = re.compile(r"(?:^|(?<=[,.;]\s))(?:(?:please|pls|can\s+you|could\s+you)\s+)?(?:make\s+sure|ensure|see\s+to\s+it)\s+"
                       r"(?:that\s+)?(?:the\s+)?(?P<x>[\w.-]+(?:\s+[\w.-]+)?)\s+(?:is|are|stays?|remains?)\s+(?:still\s+)?"
                       r"(?P<cond>running|up|started|online|stopped|down|off|offline)\b", re.IGNORECASE)


def make_sure(text: str, state: State) -> str:
    """"make sure gitea is running": its status when it runs, else a start of it."""
    def checked(match: re.Match[str]) -> str:
        boxes = boxes_said(match.group('x'), state)
        cond = match.group('cond').lower()
        said = 'running' if cond in ('running', 'up', 'started', 'online') else 'stopped'
        holds = state_holds(boxes, said, False) if boxes else None
        if holds is None:
            return match.group(0)
        name = boxes[0].name if len(boxes) == 1 else match.group('x')
        return f'show the status of {name}' if holds else f'{"start" if said == "running" else "stop"} {name}'
    return MAKE_SURE.sub(checked, text)


# what to leave alone said first: "don't touch the db, but restart the rest of paperless" -> "restart the rest of
# paperless, but don't touch the db" (then read as every container of paperless except the db)
LEFT_FIRST = re.compile(r"^\s*(?:please\s+|pls\s+)?(?P<keep>(?:don'?t|do\s+not)\s+(?:touch|restart|stop)\s+(?:the\s+|its\s+)?"
                        r"[\w.-]+(?:\s+[\w.-]+)?|leave\s+(?:the\s+|its\s+)?[\w.-]+(?:\s+[\w.-]+)?\s+alone)(?:\s*[,;.]\s*|\s+)"
                        r"(?:but\s+|just\s+|only\s+|and\s+)*(?P<rest>(?:please\s+)?[a-z]+\b.*\b(?:rest|others?|remaining)\b.*)$",
                        re.IGNORECASE)
# "shut down immich. all of it except redis, that one i want to keep": the request, all of it but that one
ALL_BUT_AFTER = re.compile(r"^(?P<req>[^.;!?]+?)\s*[.;]\s+(?:but\s+)?(?:all\s+of\s+it|everything|the\s+whole\s+(?:thing|stack))"
                           r"\s+"
                           r"(?:except(?:\s+for)?|but|apart\s+from|besides|minus)\s+(?:the\s+|its\s+)?(?P<y>[\w.-]+)"
                           r"(?P<end>\s*(?:[,.;!].*)?)$", re.IGNORECASE)
# the ones in a state, said as a clause: "get rid of whatever is exited", "start whichever web boxes are down", "restart
# the workers that are not running" (a selection by state, as "all stopped web containers")
IN_A_STATE = re.compile(r"\b(?:(?P<any>whatever|whichever|anything|everything)|all(?:\s+the)?|any|the|those)\s+"
                        r"(?:(?P<x>[\w.-]+)\s+)??(?P<kind>boxes|containers|ctrs|ones|instances|nodes|things|machines|"
                        r"[\w.-]+s)?\s*(?:that\s+|which\s+)?(?:is|are|has|have)\s+(?:currently\s+|still\s+|now\s+)?"
                        r"(?P<st>exited|stopped|down|dead|crashed|not\s+running|not\s+up)\b(?!\s+(?:for|since|because))",
                        re.IGNORECASE)


def in_a_state(text: str, state: State) -> str:
    """"start whichever web boxes are down" -> "start all stopped web containers"."""
    def selection(match: re.Match[str]) -> str:
        kind, said = (match.group('kind') or '').lower(), (match.group('x') or '').lower()
        if not (match.group('any') or kind):
            return match.group(0)
        if kind and kind not in ('boxes', 'containers', 'ctrs', 'ones', 'instances', 'nodes', 'things', 'machines'):
            said, kind = (f'{said} {kind}'.strip() if said else kind), 'containers'
        if said and not all(names_something(w, state) or w in ROLE_WORDS or names_something(w.rstrip('s'), state)
                            or w.rstrip('s') in ROLE_WORDS for w in said.split()):
            return match.group(0)
        return f'all stopped {said + " " if said else ""}containers'
    return IN_A_STATE.sub(selection, text)


def _left_alone(match: re.Match[str], text: str, state: State) -> str:
    what = match.group('what').lower()
    if (names_something(what, state) or what in ROLE_WORDS) and any(
            w.lower() in state.stacks for w in re.findall(r'[\w-]+', text[:match.start()])):
        return f' except {match.group("what")}'
    return match.group(0)


CAN_I_INSTALL = re.compile(r"^\s*(?:so\s+|and\s+)?(?:can|could)\s+(?:i|we|you)\s+(?:install|deploy|set\s+up|add|run)\s+"
                           r"(?:apps?|applications?|things|stuff|software|programs?|services?|templates?)\b[^.?!]*[?.!]*",
                           re.IGNORECASE)
YOU_COULD_SET_UP = re.compile(r"^\s*(?:which|what)\s+(?:other\s+|else\s+|more\s+)?(?:(?:apps?|applications?|things|software|"
                              r"programs|services|tools)\s+)?(?:else\s+)?(?:could|can|would|do|might|should)\s+(?:you|we|i)\s+"
                              r"(?:\w+\s+)?(?:set\s*up|install|deploy|offer|run|host|put\s+up|add|get)\b[^.?!]*[?.!]*",
                              re.IGNORECASE)   # "which apps could you set up for me?", "what other apps could we add?"
NAMED_TEMPLATE = re.compile(r"\b(?P<article>the|an?)\s+(?P<id>[a-z][\w.-]*)\s+template\b", re.IGNORECASE)

ENVIRONMENTS = {'prod', 'production', 'staging', 'stage', 'dev', 'development', 'test', 'testing', 'qa', 'uat', 'live',
                'preprod', 'sandbox', 'demo'}
NOT_THAT_ONE = re.compile(r"\s*(?:,|--+|—|–|-)\s*(?:but\s+)?not\s+(?:the\s+)?(?P<what>[\w-]+)(?:\s+one)?"
                          r"(?:\s*[.!]*\s*$|\s*(?=[–—,;]\s|\s-+\s))", re.IGNORECASE)   # at the end, or an aside
AFTER_ALL = re.compile(r"\s*,?\s*\bafter\s+all\b(?!\s+(?:of\s+|the\s+|my\s+|our\s+|these\s+|those\s+)?(?:containers?|stacks?|"
                       r"services?|others?|ones?|instances?|replicas?|apps?|\d|[\w-]+\s+(?:containers?|stacks?|services?|are|is|have|"
                       r"has|were)\b))", re.IGNORECASE)


# words a spoken or chatty message starts with that ask for nothing: "okay so", "um", "uh so like", "right, well"
FROM_GALLERY = re.compile(r"\s+(?:(?:straight\s+)?from|out\s+of|off)\s+(?:the|your|our)\s+(?:app\s+|template\s+)?"
                          r"(?:gallery|catalog(?:ue)?|templates?|store|marketplace)\b", re.IGNORECASE)
# "quick check, is x healthy?", "quick question: what does y publish?": a lead-in before the question or request
# a path through a web UI's pages, as Portainer's users tell it: "Stacks > shop > Redeploy", "search → kibana → Scale → 5"
CRUMB = re.compile(r"\s*(?:>|→|->|»|=>)\s*")
UI_PAGE = re.compile(r"^\s*(?:(?:please|pls|can\s+you|could\s+you)\s+)?"
                     r"(?:open|go\s+to|switch\s+to|show\s+me|take\s+me\s+to|navigate\s+to)"
                     r"\s+(?:the\s+)?(?P<kind>containers|stacks|images|volumes|networks|templates|app\s+templates|history)"
                     r"\s+(?:tab|page|view|screen|section|list)\s*[.!]*\s*$", re.IGNORECASE)


# a row picked and a button pressed: "in the container list select x and click Stop", "check the box next to x then the
# Restart button", "open blog in the stacks list and click Start"
UI_CLICK = re.compile(r"^\s*(?:(?:in|on|from)\s+the\s+\w+\s+(?:list|page|tab|view)\s*,?\s*)?"
                      r"(?:select|tick|check\s+the\s+box\s+(?:next\s+to|for|of)|open|choose|pick|find)\s+(?:the\s+)?"
                      r"(?P<x>[\w.-]+)(?:\s+(?:stack|container))?(?:\s+(?:in|on)\s+the\s+\w+\s+(?:list|page|tab|view))?"
                      r"\s*(?:,\s*|\s+)(?:and\s+|then\s+|and\s+then\s+)?"
                      r"(?:(?:click|press|hit|tap)\s+(?:on\s+)?(?:the\s+)?['\"]?(?P<verb>[a-z]+)['\"]?(?:\s+button)?|"
                      r"(?:the\s+)?['\"]?(?P<verb2>[a-z]+)['\"]?\s+button)\b(?P<rest>.*)$", re.IGNORECASE)


LIST_WORDS = {'and', 'a', 'an', 'with', 'the', 'plus', 'new', 'my', 'our', 'one', 'some', 'stack', 'setup'}


def _template_said_alone(text: str, state: State) -> str:
    """A message without a verb that opens with nothing but what one template is, then its settings after a comma or
    a dash ("prometheus and grafana, keep the metrics a week", "a monitoring stack with grafana, 90 days of retention"):
    that template deployed. Not when the opening names something here, or the message asks or requests anything."""
    opening = re.match(r'\s*(?P<head>[^,;:(]+?)(?:\s*[,;:(]|\s+[-–—]\s)', text)
    said = re.findall(r"[\w'-]+", re.sub(r'\b(?:(?:stack|project)[ _-]?name|named|called|stack|project)\s*[:=]?\s*[\w.-]+', ' ',
                                         text.lower()))   # "…, stack name monitor": a name, whatever word it is
    if opening is None or not said or said[0] in QUESTION_STARTS or '?' in text or any(
            starts_request(w) and not w.endswith('ing') for w in said):
        return text
    head = opening.group('head').lower()
    words = re.findall(r"[\w.-]+", head)
    known = LIST_WORDS | {w for t in state.templates for w in (t.id, *parts(t.id), *re.findall(r'[a-z0-9]+', t.title.lower()),
                                                                *(k.lower() for k in t.keywords), *(g.lower() for g in t.tags))}
    if not words or any(w not in known or state.container(w) is not None or w in state.stacks for w in words):
        return text
    named = [w for w in words if w not in LIST_WORDS]
    if len(named) == 1 and named[0] in KNOWN_IMAGES:   # "new mysql, root password x": a container of the image, read as usual
        return text
    found, score = match_template(words, head, state.templates)
    return f'deploy {text}' if len(found) == 1 and score >= 6 else text


# the steps of a walk through the web UI, told in words: "containers page, tick x, hit Stop", "go to stacks, open
# payments, click 'Update the stack'", "stacks tab, search, press Start"
UI_WHERE = re.compile(r"^(?:(?:please|pls|first|then|and|so)\s+)*(?:(?:go|navigate|head|switch)\s+(?:over\s+)?to|open(?:\s+up)?|"
                      r"in|on|from|take\s+me\s+to|show\s+me)?\s*(?:the\s+)?(?P<kind>containers?|stacks?|images?|volumes?|"
                      r"networks?|templates?|app\s+templates|history)(?:\s+(?:tab|page|view|screen|section|list|menu))?"
                      r"(?:\s+(?:please|pls))?$", re.IGNORECASE)
UI_PICK = re.compile(r"^(?:(?:please|pls|then|and|so)\s+)*(?:select|tick|check|open|choose|pick|find|click\s+(?:on\s+)?|go\s+to|"
                     r"search\s+for)?\s*(?:the\s+)?(?:box\s+(?:next\s+to|for|of)\s+)?['\"]?(?P<x>[\w.-]+)['\"]?"
                     r"(?:\s+(?:stack|container|row|entry|one))?(?:\s+(?:in|on)\s+the\s+(?:\w+\s+)?(?:editor|list|page|tab|view))?$",
                     re.IGNORECASE)
UI_PRESS = re.compile(r"^(?:(?:please|pls|then|and|so|finally)\s+)*(?:click|press|hit|tap|push|use)\s+(?:on\s+)?(?:the\s+)?"
                      r"['\"“]?(?P<label>[a-z][\w ]{0,30}?)['\"”]?(?:\s+button)?(?P<rest>\s+without\s+.*|\s+(?:please|pls))?$",
                      re.IGNORECASE)
UI_LABELS = {'update the stack': 'redeploy', 'update': 'redeploy', 'resume': 'unpause', 'recreate': 'redeploy',
             'deploy the stack': 'redeploy', 'remove': 'remove', 'delete': 'remove', 'kill': 'kill'}


def _ui_walk(text: str) -> str | None:
    """The request a walk through the web UI's pages comes to: the page's kind, the row picked, the button
    pressed ("containers page, tick x, hit Stop" is "stop container x"); None when the text is no such walk."""
    steps = [s.strip(' .!') for s in re.split(r'\s*(?:,|;|\bthen\b|\band\s+then\b|\band\b)\s*', text) if s.strip(' .!')]
    if len(steps) < 2:
        return None
    kind, picked, verb = '', '', ''
    for number, step in enumerate(steps):
        where, press = UI_WHERE.match(step), UI_PRESS.match(step)
        if where and not picked and not verb:
            kind = where.group('kind').lower().rstrip('s')
            continue
        if press and not verb:
            label = re.sub(r'\s+(?:this|the)\s+(?:stack|container)$', '', press.group('label').lower().strip())
            verb = UI_LABELS.get(label) or UI_LABELS.get(label.split()[0]) or (
                label.split()[0] if starts_request(label.split()[0]) else '')
            if not verb or number != len(steps) - 1:
                return None
            continue
        pick = UI_PICK.match(step)
        if pick and not picked and not verb and (kind or number or re.match(r'\s*(?:select|tick|check|open|choose|pick)\b',
                                                                             step, re.IGNORECASE)):
            picked = pick.group('x')
            continue
        return None
    if not (kind and verb and picked) and not (verb and picked and number):
        return None
    return f"{verb} {kind + ' ' if kind in ('stack', 'container') else ''}{picked}"


RESTART_POLICY = re.compile(r"\brestart(?:\s+policy)?\s*(?:[:=]\s*|\s+)(?:always|unless[- ](?:stopped|i\s+stop\s+it)|"
                            r"on[- ]failure|no|never)\b|\bnever\s+restart(?:\s+it)?\b|"
                            r"\b(?:always|auto(?:matically)?)\s+restart\b|\brestart\s+policy\b", re.IGNORECASE)
CAPITAL_IMAGE = re.compile(r'(?<![\w./-])([A-Z][A-Za-z0-9._/-]*)(?=:(?:v?\d|latest\b|alpine\b|stable\b|lts\b|edge\b|slim\b))')

# "same fix as last time, restart", "as usual: restart it", "the usual drill, a restart": what was done before, said as
# a remark; the request around it decides (and the thing spoken of before it stays what "it" is)
AS_BEFORE = re.compile(r"(?:^|(?<=[.!?,;:]\s)|(?<=[.!?,;:]))\s*(?:(?:the\s+)?same\s+(?:fix|thing|drill|procedure|routine|deal|"
                       r"story|as)\s+(?:as\s+)?(?:last\s+time|before|yesterday|always|usual|last\s+week|the\s+other\s+day)|"
                       r"(?:just\s+)?(?:as|like)\s+(?:usual|always|last\s+time)|(?:the\s+)?usual\s+(?:fix|drill|routine|thing))"
                       r"(?:\s+(?:please|pls))?\s*[:,.;!-]+\s*(?=\S)", re.IGNORECASE)

# whose machine it is, said of the whole request ("on my friend's server", "on the office box", "on my homelab"): where it
# all runs, never a container called server
ON_WHOSE_BOX = re.compile(r"\s*,?\s+(?:on|at|in)\s+(?:(?:my|our|his|her|their)\s+(?:(?:friend|buddy|mate|dad|mum|mom|"
                          r"brother|sister|parents|client|boss|neighbou?r)'s\s+)?|[A-Z][a-z]+'s\s+|the\s+(?:office|home|work|main)\s+)"
                          r"(?:(?:own|home|office|work|main|new|old)\s+)?"
                          r"(?:server|box|machine|host|homelab|home\s+lab|nas|setup|mini\s+pc|pi|raspberry\s+pi)"
                          r"(?=\s*(?:[,.!?;]|$|\s+(?:please|pls|too|as\s+well|again|now|and|then)\b))", re.IGNORECASE)


# a word and, in parentheses after it, the image it stands for: "whoami (traefik/whoami)", "code-server from linuxserver
# (lscr.io/linuxserver/code-server)": the image, said exactly
IMAGE_IN_PARENS = re.compile(r"(?<![\w/.-])[\w.-]+(?:\s+(?:from|by|of)\s+[\w.-]+)?\s*\(\s*(?P<image>[a-z0-9][\w.-]*"
                             r"(?:/[\w.-]+)+(?::[\w.-]+)?)\s*\)", re.IGNORECASE)


# a count of a service said as a multiple: "2x prowlarr", "prowlarr x3", "3 x worker"
TIMES_SCALE = re.compile(r"^\s*(?:(?P<n>\d{1,2})\s*[x×]\s+(?:the\s+)?(?P<a>[a-z][\w.-]*)|(?:the\s+)?(?P<b>[a-z][\w.-]*)\s+[x×]\s*"
                         r"(?P<m>\d{1,2}))\s*(?:please|pls)?\s*[.!]*\s*$", re.IGNORECASE)

# more of a service, asked with no verb: "more git runners please", "more git runners, make it 3", "more workers: 4"
MORE_OF = re.compile(r"^\s*(?:(?:please|pls)\s+)?(?:some\s+|a\s+few\s+|a\s+couple\s+)?more\s+"
                     r"(?P<x>[a-z][\w.-]*(?:\s+[a-z][\w.-]*){0,2}?)"
                     r"(?:\s+(?:please|pls))?(?:\s*[,:;–—-]+\s*(?:[^,:;–—-]*?\s*[,:;–—-]+\s*)?(?:(?:make|bring|take)\s+(?:it|them|that)\s+"
                     r"(?:to\s+|up\s+to\s+)?)?(?P<n>\d{1,2})(?:\s+(?:total|in\s+total|please|pls))?)?\s*[.!]*\s*$", re.IGNORECASE)

# a quoted phrase looked for in something named: "any 'connection refused' in traefik since 10 minutes ago?", "find 'disk
# full' in docs from the past 3 days": the lines of its logs that say it, never a thing called so
QUOTED_IN = re.compile(r"^\s*(?:(?:please|pls|can\s+you|could\s+you)\s+)*(?:(?:are\s+there\s+)?any|find|look\s+for|search\s+for|"
                       r"grep(?:\s+for)?|check\s+for|see\s+if\s+there(?:'s|\s+is|\s+are)\s+any)?\s*(?P<q>[\"'][^\"']{2,60}[\"'])"
                       r"\s+(?:in|from|inside)\s+(?:the\s+)?(?P<x>[\w.-]+(?:\s+[\w.-]+)??)(?:'s)?(?:\s+logs?)?(?P<rest>(?:\s+(?:since|from|in|over|"
                       r"during|for|within|today|yesterday|last)\b.*)?\s*[?.!]*)$", re.IGNORECASE)


def _quoted_in(text: str, state: State) -> str:
    """A quoted phrase looked for in something that runs here: that thing's logs, containing the phrase."""
    said = QUOTED_IN.match(text)
    if not said or not all(names_something(w.lower(), state) for w in said.group('x').split()):
        return text
    return f"show the logs of {said.group('x')} containing {said.group('q')}{said.group('rest')}"


# a window said by an event, in a read: "errors from crm since the deploy" (it had redeployed crm), "logs since the
# restart"; and a span of hours ("from 9:00 to 10:00") where only a start can be kept
SINCE_EVENT = re.compile(r"\s*\b(?:since|after)\s+(?:the|our|its|their|my|last\s+night'?s|yesterday'?s|"
                         r"this\s+morning'?s|today'?s)\s+(?:last\s+|latest\s+|recent\s+|big\s+)?(?:re)?(?:deploy(?:ment)?|restart|update|upgrade|release|"
                         r"reboot|roll-?out|migration)s?\b", re.IGNORECASE)
HOURS_SPAN = re.compile(r"\b(?:from|between)\s+(?P<a>\d{1,2}(?::\d{2})?\s*(?:am|pm)?)\s*(?:to|until|till|and|-|–)\s*"
                        r"(?P<b>\d{1,2}(?::\d{2})?\s*(?:am|pm)?)(?=\s|[?.!,;]|$)", re.IGNORECASE)


def _read_windows(text: str, out: Parsed) -> str:
    """In a read of logs, a window said by an event or as a span of hours: never a request of the event's verb, never a
    port; the start of a span is kept and the plan says what was not."""
    if not set(re.findall(r"[a-z]+", text.lower())) & (LOG_WORDS | {'error', 'warning', 'printed', 'logged', 'said'}):
        return text
    event = SINCE_EVENT.search(text)
    if event:
        out.warnings.append(f'The window "{event.group(0).strip()}" was not read: logs are read by time, so say when '
                            '(for example "since 14:00" or "in the last hour").')
        text = text[:event.start()] + text[event.end():]
    span = HOURS_SPAN.search(text)
    if span:
        start, end = (re.sub(r'^(\d{1,2})\s*(am|pm)?$', r'\1:00 \2', s.strip()).strip()
                      for s in (span.group('a'), span.group('b')))
        half = re.search(r'am|pm', end, re.IGNORECASE)
        if half and not re.search(r'am|pm', start, re.IGNORECASE):   # "between 2 and 3 am": both in the morning
            start = f'{start} {half.group(0)}'
        out.warnings.append(f'Logs are read from a time on: from {start}, up to now (not only until {end}).')
        text = f'{text[:span.start()]}since {start}{text[span.end():]}'
    return text


AND_CO = re.compile(r"\b(?:the\s+)?(?P<x>[a-z0-9][\w.-]*(?:\s+[a-z0-9][\w.-]*)?)\s+(?:&|and)\s+"
                    r"(?:co\b\.?|company\b|friends\b|(?:all\s+)?(?:its|their)\s+"
                    r"(?:friends|buddies|pals|gang|crew|mates|helpers)\b|the\s+(?:rest\s+of\s+(?:the\s+|its\s+)?)?(?:gang|crew)\b)",
                    re.IGNORECASE)


def _and_co(text: str, state: State) -> str:
    """"jellyfin & co", "immich and its buddies": the thing with what runs beside it, its whole stack; a container of no
    stack is left as said (and asked about)."""
    def whole(m: re.Match[str]) -> str:
        lead, words = m.group(0)[:m.start('x') - m.start()], m.group('x').split()
        if len(words) == 2 and starts_request(words[0].lower()):   # "restart immich and its buddies": the verb stays
            lead, words = f'{lead}{words[0]} ', words[1:]
        for said in ([w.lower() for w in words], [words[-1].lower()]):   # "the shop db & co", "jellyfin & co"
            if len(said) == 1 and said[0] in state.stacks:
                return f'{lead}the {said[0]} stack'
            found = resolve(said, state)
            stacks = {b.stack for n in found.containers if (b := state.container(n)) is not None}
            if found.found and not found.ambiguous and len(stacks) == 1 and None not in stacks:
                return f'{lead}the {stacks.pop()} stack'
        return m.group(0)
    return AND_CO.sub(whole, text)


def _more_of(text: str, state: State) -> str:
    """More of a service that runs here, asked without a verb: scaled to the count said, else asked how many."""
    more = MORE_OF.match(text)
    if not more or not any(service_word(w.lower(), state) for w in more.group('x').split()):
        return text
    return f"scale {more.group('x')} to {more.group('n')}" if more.group('n') else f"scale {more.group('x')} up"


# where advice came from ("someone on reddit said", "a forum thread says", "the guide I follow says", "like the troubleshooting
# page says"): told, never a name. Advice to do something is the request ("a forum thread says to just restart x, so please
# do that": restart x); advice about how things are is a remark, left out
_SOURCE = (r"(?:(?:the|a|an|this|that|one|some|my|our|his|her)\s+(?:\w+\s+){0,3}?(?:guide|tutorial|video|youtuber|"
           r"forum(?:\s+(?:thread|post))?|thread|reddit(?:\s+(?:post|thread|comment))?|comment|post|docs|documentation|readme|wiki(?:\s+page)?|"
           r"troubleshooting(?:\s+(?:page|guide|section))?|faq|article|answer|walkthrough|how-?to|course)|someone|somebody|"
           r"a\s+(?:guy|friend|person|user|redditor|commenter)|people|everyone|chatgpt|reddit|the\s+internet)"
           r"(?:\s+(?:i(?:'m|\s+am|\s+was)?\s+(?:following|watched|read|used|found)|on|in|from|at)(?:\s+(?:the\s+)?"
           r"(?:reddit|forum|discord|youtube|github|stack\s*overflow|internet|r/[\w-]+|[\w-]+\s+(?:forum|discord|subreddit))))?")
ADVICE_TO = re.compile(r"(?:^|(?<=[.!?,;:]\s)|(?<=[.!?]))\s*(?:and\s+|so\s+|but\s+)?(?:according\s+to\s+" + _SOURCE +
                       r"\s*,?\s*(?:(?:i|we|you)\s+(?:should|need\s+to|have\s+to|must|can)\s+)?|" + _SOURCE +
                       r"\s+(?:says?|said|recommends?|recommended|suggests?|suggested|told\s+me|tells\s+me|mentions?|mentioned|"
                       r"claims?|claimed)\s+(?:that\s+)?(?:(?:i|we|you)\s+(?:should|need\s+to|have\s+to|must|can)\s+|to\s+))"
                       r"(?:just\s+|simply\s+)?(?=[a-z])", re.IGNORECASE)
ADVICE_ABOUT = re.compile(r"(?:(?<=[.!?,;:])|^)\s*(?:and\s+|but\s+|also\s+)?" + _SOURCE +
                          r"\s+(?:says?|said|recommends?|suggests?|claims?|mentioned|mentions|has|had|uses|used|puts|put|"
                          r"shows|showed)\s+(?:that\s+)?"
                          r"(?!to\b|(?:i|we|you)\s+(?:should|need|have|must|can)\b)|"
                          r"\s*,?\s*(?:just\s+)?(?:like|as)\s+" + _SOURCE +
                          r"\s+(?:says?|said|recommends?|suggests?|shows?|told\s+me)\b"
                          r"(?:\s+to)?", re.IGNORECASE)
DO_THAT = re.compile(r"\s*[,.;]?\s*(?:so\s+|and\s+)?(?:can\s+you\s+|could\s+you\s+)?(?:please\s+|pls\s+)?(?:do|try)\s+"
                     r"(?:that|it|this)(?:\s+(?:please|pls|for\s+me))?\s*[.!?]*\s*$", re.IGNORECASE)


def sources_said(text: str, state: State) -> str:
    """Advice said with where it came from: the advice as the request, its source and remarks about how things
    are left out (a source is no name: "someone on reddit said …" never asks which container "reddit" is). A source
    that names something here ("someone on the immich discord said to …") is kept: it says what the advice is about."""
    advised = ADVICE_TO.search(text)
    if advised and any(names_something(w, state) for w in re.findall(r"[\w.-]+", advised.group(0).lower())):
        return text
    if advised:
        rest = DO_THAT.sub('', text[advised.end():])   # "…, so please do that": the advice is what is asked
        text = text[:advised.start()] + (' ' if advised.start() else '') + rest
    left = ADVICE_ABOUT.sub(' ', text).strip(' ,;')
    return left if re.search(r'[a-z]', left, re.IGNORECASE) else text


def _container_said_alone(text: str, state: State) -> str:
    """A message without a verb that opens with an image and gives a restart policy or a mount, settings only a
    container has ("nginx:1.27-alpine on 9443, restart always, named sessions", "nginx on 9000, restart policy
    unless-stopped", "nginx with /srv/www as /usr/share/nginx/html"): a container of that image, run."""
    policy = RESTART_POLICY.search(text)
    if policy is None and '/' not in text:
        return text   # (a mount's target is a path: without one, no Clause is read)
    said_mounts = Clause(text) if policy is None else None
    if said_mounts is not None and not said_mounts.volumes and not any(target for _, target, _ in said_mounts.named_volumes):
        return text   # (or a mount: "nginx with volume site-content mounted to /usr/share/nginx/html")
    rest = text[:policy.start()] + ' ' + text[policy.end():] if policy else text
    said = re.findall(r"[\w.:/'-]+", rest.lower())
    head = [w for w in said if w not in ('one', 'a', 'an', 'new', 'fresh', 'single')][:2]
    tagged = re.fullmatch(r'([a-z0-9][\w./-]*):[\w.-]+', head[0]) if head else None   # "nginx:1.27-alpine"
    image = (image_word([tagged.group(1)]) if tagged else image_word(head)) if head else None
    if image is None or not head or said[0] in QUESTION_STARTS or '?' in text or any(
            starts_request(w) and not w.endswith(('ing', 'ed')) for w in said) or state.container(head[0]) is not None \
            or head[0] in state.stacks:
        return text
    return f'run {text}'


def breadcrumbs(text: str) -> str:
    """A UI path said as a request: its steps are the kind of thing, the names and the button ("Stacks > shop >
    Redeploy" is "redeploy stack shop", "search → kibana → Scale → 5" is "scale search kibana to 5"); a page
    opened is its list ("open the Images tab", "stacks tab please"); a row picked and a button pressed is that button's
    request ("containers page, tick x, hit Stop"). Anything else is left as it is (a shell's "> file" is cut later)."""
    page = UI_PAGE.match(text) or (UI_WHERE.match(text.strip(' .!')) if re.search(
        r'\b(?:tab|page|view|screen|section|list|menu)\b', text, re.IGNORECASE) else None)
    if page:
        kind = page.group('kind').split()[-1].lower()
        return f"list {kind if kind.endswith('s') or kind == 'history' else kind + 's'}"
    walk = _ui_walk(text)
    if walk:
        return walk
    click = UI_CLICK.match(text)
    if click and starts_request(verb := (click.group('verb') or click.group('verb2')).lower()):
        return f"{verb} {click.group('x')}{click.group('rest')}"
    steps = [s.strip(' .!') for s in CRUMB.split(text)]
    if len(steps) < 3 or any(not s or len(s.split()) > 3 or re.fullmatch(r'\d+', s) and i < 2 for i, s in enumerate(steps)):
        return text
    at = next((i for i, s in enumerate(steps) if i and starts_request(s.split()[0].lower())), None)
    if at is None or starts_request(steps[0].split()[0].lower()) or len(steps) > at + 2 or (
            len(steps) == at + 2 and not steps[-1].isdigit()):
        return text   # "stop x -> restart y -> start z": steps in order, each a request of its own
    kind = {'stacks': 'stack ', 'stack': 'stack ', 'containers': 'container ', 'container': 'container '}.get(
        steps[0].lower(), None)
    named = ' '.join(steps[1 if kind is not None else 0:at])
    rest = ' '.join(steps[at + 1:])
    return f"{steps[at].lower()} {kind or ''}{named}" + (f' to {rest}' if rest.isdigit() else f' {rest}' if rest else '')


RANGE = re.compile(r'\b([a-z][\w.-]*?)(\d+)\s+(?:through|thru|to|till|until|-|–|up\s+to(?:\s+and\s+including)?|'
                   r'to\s+and\s+including)\s+'
                   r'(?:(\1))?(\d+)\b', re.IGNORECASE)


SLASHED = re.compile(r'(?<![\w:/.@=-])([a-z][\w.-]*(?:/[a-z][\w.-]*)+)(?![\w:/-])', re.IGNORECASE)


def distributed(text: str, state: State) -> str:
    """One service said once for several stacks: "the shop and crm databases", "the api containers of
    payments and billing", "shop api+worker" — each stack's own ("the shop db and the crm db")."""
    if len(state.stacks) < 1:
        return text
    stacks = '|'.join(re.escape(s) for s in sorted(state.stacks, key=len, reverse=True))
    one = rf"(?:the\s+)?(?:{stacks})(?:'s)?"
    listed = rf"{one}(?:\s*,\s*{one})*\s*(?:,\s*)?(?:and|&|\+)\s+{one}"

    def owned(stack_words: str, service: str) -> str | None:
        names = re.findall(rf'(?<![\w-])(?:{stacks})(?![\w-])', stack_words.lower())
        singular = service[:-1] if service.endswith('s') and not service.endswith('ss') else service
        fitting = [resolve([n, singular], state) for n in names]
        if not all(r.containers for r in fitting):   # "the redis containers of a and b": a word that ends in s
            singular, fitting = service, [resolve([n, service], state) for n in names]
        if len(names) < 2 or not all(r.containers and len(r.containers) == 1 for r in fitting):
            return None
        return ' and '.join(f'the {n} {singular}' for n in names)

    def each_own(match: re.Match[str]) -> str:   # "the shop and crm databases", "the api containers of a and b"
        return owned(match.group('stacks'), match.group('service').lower()) or match.group(0)

    text = re.sub(rf"(?<![\w-])(?P<stacks>{listed})\s+(?P<service>[a-z]+)(?:\s+(?:containers?|services?))?(?![\w-])",
                  each_own, text, flags=re.IGNORECASE)
    text = re.sub(rf"(?<![\w-])(?:the\s+)?(?P<service>[a-z]+)(?:\s+(?:containers?|services?))?\s+(?:of|in|for|from)\s+"
                  rf"(?P<stacks>{listed})(?:\s+stacks?)?(?![\w-])", each_own, text, flags=re.IGNORECASE)
    return re.sub(r'(?<![\w-])([a-z][\w-]*)\+([a-z][\w-]*)(?![\w-])',   # "shop api+worker"; not "mysql+phpmyadmin"
                  lambda m: f'{m.group(1)} and {m.group(2)}' if service_word(m.group(1).lower(), state)
                  and service_word(m.group(2).lower(), state) else m.group(0), text, flags=re.IGNORECASE)


def lists_of_names(text: str, state: State) -> str:
    """Names said as a range or with slashes, written out: "proxy-05 through proxy-07" is proxy-05,
    proxy-06 and proxy-07 (those that exist); "stacks blog/crm/metrics", "the web/cache/worker
    containers of shop" are lists — but "paperless/web" stays a stack's service."""
    def expand(match: re.Match[str]) -> str:
        prefix, first, last = match.group(1), match.group(2), match.group(4)
        low, high = int(first), int(last)
        if not (state.container(f'{prefix}{first}') and state.container(f'{prefix}{last}')) or not 0 < high - low <= 50:
            return match.group(0)
        names = [n for i in range(low, high + 1) if state.container(n := f'{prefix}{i:0{len(first)}d}')]
        return ', '.join(names[:-1]) + f' and {names[-1]}'

    def split(match: re.Match[str]) -> str:
        parts = match.group(1).split('/')
        lowered = [p.lower() for p in parts]
        if len(parts) == 2 and lowered[0] in state.stacks and any(b.service == lowered[1] for b in state.stacks[lowered[0]]):
            return match.group(0)   # a stack's service
        if len(set(lowered)) < len(lowered):
            return match.group(0)   # "grafana/grafana": an image, never a list of one name twice
        if not all(p in state.stacks or state.container(p) or p in state.services or p in state.name_words
                   for p in lowered):
            return match.group(0)   # an image (traefik/whoami), a path, a ratio
        return ', '.join(parts[:-1]) + f' and {parts[-1]}'
    def shared(match: re.Match[str]) -> str:   # "the payments and billing apis": each stack's api
        stacks = [w.lower() for w in re.split(r'\s*,\s*|\s+and\s+', match.group('stacks'))]
        service = service_word(match.group('noun').lower(), state)
        if (len(stacks) < 2 or service is None or service == match.group('noun').lower()
                or not all(s in state.stacks and any(b.service == service for b in state.stacks[s]) for s in stacks)):
            return match.group(0)
        return ', '.join(f'{s} {service}' for s in stacks[:-1]) + f' and {stacks[-1]} {service}'
    text = SHARED_NOUN.sub(shared, text)

    def shared_of(match: re.Match[str]) -> str:   # "stop the api of payments, billing and analytics": each one's api
        stacks = [w.lower() for w in re.split(r'\s*,\s*(?:and\s+)?|\s+and\s+', match.group('stacks')) if w]
        service = service_word(match.group('noun').lower(), state)
        if (len(stacks) < 2 or service is None
                or not all(s in state.stacks and any(b.service == service for b in state.stacks[s]) for s in stacks)):
            return match.group(0)
        return ', '.join(f'{s} {service}' for s in stacks[:-1]) + f' and {stacks[-1]} {service}'
    text = SHARED_OF.sub(shared_of, text)
    text = re.sub(r'\bweb[\s-]+servers?\b', 'webserver', text,
                  flags=re.IGNORECASE)   # "the web server": what serves pages, one called web or another nginx
    return SLASHED.sub(split, RANGE.sub(expand, text))


SWEEPING = re.compile(r"\b(?:all|every\w*|each|whole|entire|rest|others?)\b", re.IGNORECASE)


def _nothing_to_leave_out(match: re.Match[str], text: str, state: State) -> bool:
    """"restart zigbee2mqtt (my home box, not the shop)" where nothing here is a shop, nor like one: nothing is
    left out of a request that names the one thing it acts on (but "everything, not the shop" keeps its doubt)."""
    what = match.group('what').lower().removeprefix('the ').strip()
    named = {w for w in re.findall(r'[\w.-]+', text[:match.start()].lower())
             if state.container(w) is not None or w in state.stacks}
    return len(named) == 1 and bool(re.fullmatch(r'[a-z][a-z-]*', what)) and not names_something(what, state) \
        and what not in ROLE_WORDS \
        and not any(close_enough(what, p) for name in [*state.stacks, *(b.name for b in state.containers)]
                    for p in [name, *parts(name)]) and not SWEEPING.search(text)


NOT_IN_PARENS = re.compile(r'\s*\((?:[^()]*?,\s*)?(?:but\s+)?not\s+(?:the\s+)?(?P<what>[\w.-]+)(?:\s+one)?\s*[!.]*\s*\)',
                           re.IGNORECASE)   # "(not staging)", "(NOT the staging one!!)"


NOT_THIS = re.compile(r'(?:\s*,\s*|\s+)(?:but\s+|and\s+|only\s+|just\s+)?not\s+'
                      r'(?P<what>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?)\s*[.!]*\s*$',
                      re.IGNORECASE)


SHARED_OF = re.compile(r'\bthe\s+(?P<noun>[\w-]+)\s+(?:of|in|for|from)\s+(?:the\s+)?'
                       r'(?P<stacks>[\w-]+(?:\s*,\s*[\w-]+)*\s*,?\s+and\s+(?:the\s+)?[\w-]+)(?:\s+stacks?)?\b', re.IGNORECASE)


SHARED_NOUN = re.compile(r'\b(?P<stacks>[\w-]+(?:\s*,\s*[\w-]+)*\s+and\s+[\w-]+)\s+(?P<noun>[\w-]+s)\b', re.IGNORECASE)


WANTED = re.compile(r"(?:\b(?:i|we|they)\s+(?:really\s+|just\s+|also\s+|still\s+)?)?"   # "I need a …": the subject too
                    r"\b(?:need|want|would\s+like|'d\s+like|get\s+(?:me|us)|could\s+use|looking\s+for|asking(?:\s+me)?\s+for|"
                    r"recommend|suggest)\s+(?:a|an|some)\s+(?:(?:good|new|simple|nice|decent|proper|small|free|self-?hosted|"
                    r"open[\s-]source|little|basic)\s+)?"
                    r"(?P<phrase>[a-z][\w.-]*(?:\s+[a-z][\w.-]*){0,2}?)(?=\s+(?:for|asap|please|pls|on|at|with|so|to|here)\b|"
                    r"\s*[,.!?]|\s*$)", re.IGNORECASE)


WISH = re.compile(r"(?:^|\b)(?:(?:okay|ok|so|well|hey|hi)[\s,]+)*"
                  r"(?:is\s+(?:it\s+)?possible\s+(?:to\s+)?(?:have|get|put|set\s+up|install|run)|"
                  r"can\s+(?:i|we|you)\s+(?:get|have|put|set\s+up|install)|could\s+(?:i|we|you)\s+(?:get|have|put|set\s+up|install)|"
                  r"(?:i|we)\s+(?:really\s+)?(?:need|want|would\s+like|'d\s+like)|(?:please\s+)?get\s+(?:us|me)|please\s+get|"
                  r"give\s+(?:us|me)|(?:please\s+)?(?:spin\s+up|stand\s+up|set\s+up|put\s+up|fire\s+up|bring\s+up|install|"
                  r"deploy|launch|provision|host)(?=\s+(?:something|an?\s+[\w\s-]{1,40}?\b(?:that|which|backed|behind)\b)))"
                  r"\s+(?:an?\s+|some\s+|our\s+own\s+|my\s+own\s+|one\s+|something\s+(?:that|to|for)\s+|"
                  r"something\s+)?(?P<phrase>[a-z][\w\s.'-]{2,80}?)(?=\s+(?:on|in|for)\s+(?:this|the|our|my|here)\b|\s+on\s+here\b|"
                  r"\s+(?:asap|please|pls|fr|thanks?|thank\s+you|can\s+you|could\s+you)\b|\s*[,.!?]|\s*$)", re.IGNORECASE)


SETTINGS_SAID = re.compile(r"\s+(?:(?:named|called|as|(?:deployed\s+|installed\s+|set\s+up\s+)?(?:under|with)\s+the\s+name)\s+"
                           r"(?=[\w-])|(?:on|at|listening\s+on)\s+(?:port\s+)?(?=\d)|"
                           r"(?:with|in)\s+(?:the\s+|a\s+)?(?=(?:port|password|admin|user|login|root)\b)|port\s+(?=\d))",
                           re.IGNORECASE)   # what a wished-for thing is given: its name, port, logins


WISH_SETTING = re.compile(r"\b(?:(?:on|at|listening\s+on)\s+(?:port\s+)?\d{2,5}|port\s+\d{2,5}|(?:named|called)\s+"
                          r"[a-z][\w-]*)\b(?![.:/]\w)|\b(?:at|on|under|as)\s+https?://[^\s,;]*[\w/]",
                          re.IGNORECASE)   # a port, a name or an address said after what a wish is for


PARAM_SAID = {'port', 'named', 'called', 'stack', 'database', 'db', 'reachable', 'version', 'tag'}


CREDENTIAL_GIVEN = re.compile(r'\b(?:password|passwd|pw|user(?:name)?|login)\s+(?:is\s+|=\s*|of\s+)?'
                              r'(?!managers?\b|vaults?\b|safe\b|store\b|storage\b|keeper\b|for\b|and\b)\S+', re.IGNORECASE)


HERE_WORDS = {'that', 'to', 'for', 'the', 'a', 'an', 'our', 'my', 'with', 'of', 'and', 'in', 'on', 'when', 'which', 'nice',
              'good', 'own', 'self-hosted', 'selfhosted', 'simple', 'new', 'some', 'all', 'us', 'me', 'we', 'i', 'it',
              'is', 'are', 'here', 'there'}


FOR_THAT = re.compile(r"\b(?:set\s+up|install|deploy|get\s+(?:us|me)|give\s+(?:us|me)|find)\s+(?:something|one|a\s+tool|an\s+app|"
                      r"a\s+solution|a\s+fix)\s+(?:for\s+(?:that|this|it)|to\s+(?:fix|solve|help\s+with)\s+(?:that|this|it))\b",
                      re.IGNORECASE)


# a template named first, with its settings and no verb: "traefik template with http on 8000, call it edge", "jellyfin
# template, media at /mnt/media, port 8097, stack jf-kids" (a deploy of it, confirmed as any plan)
TEMPLATE_FIRST = re.compile(r"^\s*(?:(?:a|an|the|one|new)\s+)?(?P<t>[\w.-]+)\s+template\s*(?=,|:|-+\s|with\b|on\b|at\b|"
                            r"as\b|for\b|please\b|pls\b)", re.IGNORECASE)


# software said by its name first, with its settings and no verb: "mailpit pls, smtp on 1025 web on 8025", "gotify for
# push notifications: …, port 8070", "open webui on port 3000" (a container of it, confirmed as any plan)
SOFTWARE_FIRST = re.compile(r"^\s*(?:(?:please|pls|plz)\s+)?(?:(?:an?|another|one|a\s+second)\s+)?"
                            r"(?P<w>[a-z][\w.-]*?(?:\s+(?!(?:pls|please|plz|for|on|at|with|from)\b)[a-z][\w-]*)?)(?:\.io)?\s*"
                            r"(?=(?:pls|please|plz|for|on|at|with|from)\b|[,:—–]|-\s)",
                            re.IGNORECASE)


def software_first(text: str, state: State) -> str:
    """"mailpit pls, smtp on 1025" -> "run mailpit pls, smtp on 1025" (never what a template is, or a part of one:
    "pgadmin on 8765" deploys postgres-pgadmin)."""
    match = SOFTWARE_FIRST.match(text)
    if match is None or '?' in text:
        return text
    said = '-'.join(match.group('w').lower().split())
    if said not in PUBLISHED or any(said == t.id or said in t.id.split('-') or said in t.tags for t in state.templates) \
            or names_something(said, state) or any(
            names_something(w, state) for w in match.group('w').lower().split()):
        return text
    return f'run {said} {text[match.end():].lstrip()}'


def wanted_template(text: str, state: State) -> str:
    """"we need a status page asap", "we need a blog for the new project, deploy one": something new
    (a, an) that is what a template is for — a keyword of exactly one template — is that template."""
    def fit(match: re.Match[str]) -> str:
        phrase = ' '.join(match.group('phrase').lower().split())
        found = [t for t in state.templates if phrase in (t.id, t.title.lower()) or phrase in (k.lower() for k in t.keywords)]
        if len(found) != 1:
            return match.group(0)
        return f'deploy the {found[0].id} template'
    text = software_first(text, state)
    first = TEMPLATE_FIRST.match(text)
    if first and '?' not in text and first.group('t').lower() in {t.id for t in state.templates} and not re.search(
            r"\b(?:what|which|how|why|does|do|explain|describe|tell|about|difference|vs|versus|better|instead|or)\b",
            text[first.end():], re.IGNORECASE):
        return f'deploy {text.strip()}'
    text = WANTED.sub(fit, text, count=1)
    wish = WISH.search(text) if 'template' not in text else None
    if wish:   # "is it possible to have monitoring with nice graphs on our home server?", "can i get one login for all our apps"
        phrase = wish.group('phrase')
        given = SETTINGS_SAID.search(phrase)   # "a ghost blog named sso", "node-red on port 5050": the thing, then its settings
        if given and given.start() > 0:
            wish = WISH.search(text[:wish.start('phrase') + given.start()].rstrip() + ' .')
            settings = phrase[given.start():]
        else:
            settings = ''
    if wish:
        template_ids = {t.id for t in state.templates}   # "traefik" is an image and a template of that name
        said = [w for w in re.findall(r"[a-z0-9][\w.-]*", wish.group('phrase').lower()) if w not in HERE_WORDS]
        head = re.split(r'\b(?:that|which|who|when|whether|where|backed|behind|using|powered|built)\b',
                        wish.group('phrase').lower())[0]
        described = set(said) - set(re.findall(r"[a-z0-9][\w.-]*", head))   # "an app that checks … when one is down"
        if re.search(r'\bsomething\s+(?:that|which|to|for)\s*$', wish.group(0)[:wish.start('phrase') - wish.start()]):
            described = set(said)   # "something that stops ads": all of it says what it is for
        if re.match(r'\s*to\s', wish.group('phrase')):
            described = set()   # "I want to see which stacks exist": a request, not a thing
        # "a ghost blog named sso": after "a" and a template's name, "blog" describes it (the stack blog is "the blog")
        described_by = re.search(r'\b(?:an?|some|one|another)\s+$', wish.group(0)[:wish.start('phrase') - wish.start()]) \
            and bool(said) and said[0] in template_ids
        plain = not any((state.container(w) is not None or w in state.stacks) and not (described_by and w not in template_ids)
                        or any(c.isdigit() for c in w)
                        or w not in described and (w in KNOWN_IMAGES and w not in template_ids or w in LOG_WORDS or w in STATES
                                                   or VERBS.get(lemma(w) or w) in LIFECYCLE or w in PARAM_SAID)
                        for w in said)
        plain = plain and not CREDENTIAL_GIVEN.search(wish.group('phrase')) and not set(said) & {'container', 'image'}
        if said and plain:   # only what a template is for: versions, ports, settings and requests go the usual way
            found, score = match_template(said, wish.group(0).lower(), state.templates)
            if len(found) == 1 and score >= 6:
                tail = text[wish.end():] if not settings else text[text.find(settings, wish.start()) + len(settings):]
                said_rest = re.match(r'[^,;]*?(?:[?.!]+[^\w,;]*$|(?=[,;]))', tail)   # "… on the server?": said
                rest = tail[said_rest.end():] if said_rest else tail
                # but not a port or a name in it ("a WordPress site for my daughter's project on port 8181?",
                # "something that warns me when a site is down. Use port 3002, …")
                rest = ''.join(f' {m.group(0)}' for m in WISH_SETTING.finditer(said_rest.group(0) if said_rest else '')) + rest
                rest = re.sub(r'^[,;\s]*(?:(?:can|could|would)\s+you\s+(?:do\s+that|do\s+it|help)[?.!\s]*)?$', '', rest)
                rest = re.sub(r'^\s*\?+\s+(?=\w)', '. ', rest)   # "Could I get vaultwarden? Port 9000 …": asked as a wish
                text = text[:wish.start()] + f'deploy the {found[0]} template' + (f' {settings}' if settings else '') + rest
    for_that = FOR_THAT.search(text)
    if for_that and 'template' not in text:   # "we keep losing track of our passwords, set up something for that"
        said = re.findall(r"[a-z0-9][\w.-]*", text[:for_that.start()].lower())
        found, score = match_template(said, text[:for_that.start()].lower(), state.templates)
        if len(found) == 1 and score >= 3:
            text = f'deploy the {found[0]} template'
    if 'template' in text:   # "…, deploy one": that one
        text = re.sub(r",?\s*(?:and\s+|so\s+)?(?:(?:can|could|would)\s+you\s+)?(?:please\s+)?(?:deploy|set\s+up|install|set)\s+"
                      r"(?:one|it)(?:\s+up)?\b(?:\s+(?:for\s+(?:me|us)|please|pls))?[\s.!?]*(?:thanks?(?:\s+a\s+lot)?|thx|ty)?[\s.!?]*$",
                      '', text, flags=re.IGNORECASE)
    return text


NOT_A_BUT_A = re.compile(r"^\s*(?:no,?\s+)?not\s+(?:a|an)\s+[\w-]+\s*[,;:]\s*(?:but\s+|just\s+)?(?:a|an)\s+"
                         r"(?:(?:plain|simple|normal|regular|quick|soft|gentle|proper|full|real)\s+)?(?P<verb>[\w-]+)\s+"
                         r"(?:of\s+|for\s+|on\s+)?(?P<rest>\S.*)$", re.IGNORECASE)
GET_IMAGE = re.compile(r"\b(?:get|grab|fetch|obtain|retrieve|bring\s+in|pull\s+in|pull\s+down|"
                       r"make\s+sure\s+(?:we|i)\s+(?:have|got)|check\s+for|look\s+for)\s+"
                       r"(?:me\s+|us\s+)?(?P<the>(?:a|an|the|any)\s+)?"
                       r"(?:(?P<adj>fresh|new|newer|newest|latest|updated|current|recent)\s+(?:(?:copy|version)\s+of\s+(?:the\s+)?)?)?"
                       r"(?P<what>[\w./:-]+)\s+(?P<image>images?)\b", re.IGNORECASE)
UP_TO_DATE = re.compile(r"\b(?:bring|get|move|put|take|set)\s+(?P<x>(?:the\s+)?[\w.-]+(?:\s+stack)?)\s+"
                        r"(?:up\s+to|to|on(?:to)?)\s+"
                        r"(?:(?:date|speed)\b|(?:the\s+)?(?:latest|newest|most\s+recent|current|last)\b(?:\s+(?:version|release|"
                        r"image|images|tag|build))?)|\b(?:bring|get)\s+(?P<y>(?:the\s+)?[\w.-]+(?:\s+stack)?)\s+up-to-date\b",
                        re.IGNORECASE)
APPOSITIVE = re.compile(r"([\w.-]+)\s*\(\s*(?:the|a|an|our|my|your|its|which|that|aka|i\.e\.|ie|it's|it\s+is)\s[^()]{0,80}\)",
                        re.IGNORECASE)
DECIDED = re.compile(r"(^|[.!?;,]\s*|\s)(?:(?:so|and|then)\s+)?(?:we|i|the\s+team|everyone|they|management|the\s+boss)"
                     r"(?:'ve|\s+have|\s+has|\s+all)?\s+(?:agreed|decided|concluded|settled\s+on|voted)\s+(?:that\s+we\s+should\s+|"
                     r"to\s+)(?=(\w+))", re.IGNORECASE)
FOLLOWING_EVENT = re.compile(r"(^|[.!?;,]\s*)following\s+(?=(?:the|this|that|our|my|your|today'?s|yesterday'?s|last|"
                             r"a|an)\b)(?![^,.;]*\blogs?\b)(?=[^,.;]*,)", re.IGNORECASE)

# "after the review restart x", "once x is up restart y", "after restarting x show its logs": a lead word, an event or
# a step said first, then the request, with no comma between them
EVENT_FIRST = re.compile(r"(^|[.!?;]\s*)(?:right\s+|just\s+)?(?:after|following|once|before|as\s+soon\s+as)\s+", re.IGNORECASE)
# an operation of ours still to come, said as a noun: "before the redeploy of x, pull its images" is "before redeploying x"
OP_COMING = re.compile(r"(?P<lead>(?:^|[.!?;]\s*)(?:right\s+|just\s+)?(?:before|b4)\s+)(?:the|a|its|their)\s+"
                       r"(?P<op>redeploy|restart|update|upgrade|rebuild)\s+of\s+(?=[\w.-]+)", re.IGNORECASE)
GERUND = {'redeploy': 'redeploying', 'restart': 'restarting', 'update': 'updating', 'upgrade': 'upgrading',
          'rebuild': 'rebuilding'}
_SUBJECTS = frozenset({'you', 'we', 'i', 'u', 'they', 'someone', 'somebody'})
_BECOMES = frozenset({'is', 'are', 'was', 'were', 'has', 'have', 'gets', 'got', 'comes', 'goes', 'finishes', 'finished'})
_DETERMINERS = frozenset({'the', 'this', 'that', 'our', 'my', 'your', 'a', 'an', "today's", "yesterday's", 'last', 'next', 'to',
                          'and', 'or', 'its', 'their'})


def event_first(text: str, state: State) -> str:
    """The comma a spoken or hurried sentence leaves out between what comes first and the request:
    "after the review restart x" (an event, no step), "once x is up restart y" and "after restarting x
    show its logs" (a step of its own, then the request). A noun event that names something here is left
    as said ("after pihole restart jellyfin")."""
    text = OP_COMING.sub(lambda m: f"{m.group('lead').replace('b4', 'before')}{GERUND[m.group('op').lower()]} ",
                         text)   # "before the redeploy of x, …": "before redeploying x, …"
    lead = EVENT_FIRST.search(text)
    if not lead or re.search(r'[,;:]|\bthen\b', re.split(r'[.!?]\s', text[lead.end():])[0]):   # (up to the sentence's end)
        return text
    words = text[lead.end():].split()
    said = [w.lower().strip('.!?') for w in words]
    own = next((i for i, w in enumerate(said[:6]) if w in _BECOMES or (request_verb(w) and (
        i == 0 or said[i - 1] in _SUBJECTS or (w.endswith('s') and said[i - 1] not in _DETERMINERS)))),
        None)   # the event's own verb: "restarting x", "you restart x", "x is up", "the backup runs"
    for j in range(1 if own is None else own + 1, min(len(said) - 1, 9)):
        if said[j - 1] not in _DETERMINERS and said[j - 1] not in _SUBJECTS and (
                starts_request(said[j]) and not starts_request(said[j + 1]) or READ_WISH.match(' '.join(words[j:]))):
            if own is None and any(w.removesuffix("'s") in state.name_words for w in said[:j]):
                return text
            return f"{text[:lead.end()]}{' '.join(words[:j])}, {' '.join(words[j:])}"
    return text


SAID_FIRST = re.compile(r"^\s*(?P<x>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}?)\s*[,:]\s*"
                        r"(?P<verb>is|are|was|were|does|do|did|has|have)\s+"
                        r"(?P<it>it|they|that|this)\b(?P<rest>[^,.;!?]*\??)\s*$", re.IGNORECASE)


def _said_first(text: str, state: State) -> str:
    """"jellyfin, is it restarting all the time?", "the crm db: does it have a healthcheck?": the question about
    the thing named first (a name of something here), asked of it."""
    said = SAID_FIRST.match(text)
    if said is None or not any(names_something(w, state) for w in re.findall(r"[\w.-]+", said.group('x').lower())):
        return text
    return f"{said.group('verb')} {said.group('x')}{said.group('rest')}"


def _the_stacks_one(text: str, state: State) -> str:
    """"restart every database: the shop one, the crm one and the blog one", "both redis, the nextcloud one and the
    immich one": "one" after a stack's name is the kind of thing said before it, in that stack."""
    def kind(match: re.Match[str]) -> str:
        if match.group('stack').lower() not in state.stacks:
            return match.group(0)
        said = re.findall(r"[a-z][\w-]*", text[:match.start()].lower())
        noun = next((w for w in reversed(said) if w in ROLE_WORDS or service_word(w, state)), None)
        if noun is None:
            return match.group(0)
        single = noun[:-1] if noun.endswith('s') and (noun[:-1] in ROLE_WORDS or service_word(noun[:-1], state)) else noun
        return f"{match.group('the')}{match.group('stack')} {single}"
    return re.sub(r"(?P<the>\bthe\s+)(?P<stack>[\w.-]+)\s+one\b", kind, text, flags=re.IGNORECASE)


# a question, then one about the logs of what it named, after a comma
LOGS_ASKED_AFTER = re.compile(r"^(?P<q>(?:yo\s+|hey\s+|so\s+)?(?:what|how|is|are|was|were|why)\b[^,?.]{3,60}),\s*(?:and\s+)?"
                              r"(?=(?:anything|any\s+\w+|something)\s+(?:\w+\s+){0,2}?in\s+(?:the|its|their|his|her)\s+logs?\b)",
                              re.IGNORECASE)
ASKED_WHY = re.compile(r"^\s*(?:(?:hey|so|ok|okay|yo)[,!]?\s+)?(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:please\s+|pls\s+)?"
                       r"(?:see|check|tell\s+me|find\s+out|figure\s+out|work\s+out|look\s+into|investigate)\s+why\b",
                       re.IGNORECASE)
# punctuation said aloud to a dictation app: "status of x question mark then restart it period"
SPOKEN_MARK = re.compile(r"\s*\b(?P<mark>question\s+mark|exclamation\s+(?:mark|point)|(?:period|full\s+stop|comma|new\s+line|"
                         r"newline|semicolon)(?=\s*$|\s+(?:then|and|next|also|after|afterwards|now|please|pls|restart|stop|start|"
                         r"show|check|remove|delete|deploy|list|pull|scale|roll|give|tell|what|is|are|can|could|how|and)\b))",
                         re.IGNORECASE)
MARKS = {'question': '?', 'exclamation': '!', 'period': '.', 'full': '.', 'comma': ',', 'new': '.', 'newline': '.',
         'semicolon': ';'}


SWITCHED_STATE = re.compile(r"\b(are|is|were|was)\s+(?:turned|switched|powered)\s+(off|on)\b(?!\s+(?:and|again|by)\b)",
                            re.IGNORECASE)
PHRASAL_THEN = re.compile(r"^(?P<lead>\s*(?:please\s+|pls\s+|can\s+you\s+|could\s+you\s+)*)"
                          r"(?:take|shut|knock|switch|turn|power|bring|spin|fire)\s+(?P<x>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,2}?)\s+(?P<p>down|off|up|on)\b"
                          r"(?=\s*,?\s*(?:and\s+)?then\s+(?:the\s+)?[\w.-]+\s*(?:[,.;-]|$|then\b))", re.IGNORECASE)
PLAIN_OF = {'down': 'stop', 'off': 'stop', 'up': 'start', 'on': 'start'}
# one phrasal verb, two objects, opposite particles: "bring the crm down and the blog up", "turn vpn off and traefik on"
_OBJECT = r'(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?'
PHRASAL_GAPPED = re.compile(r"\b(?:take|shut|switch|turn|power|bring|spin|fire|flip|put)\s+(?P<x>" + _OBJECT + r")\s+"
                            r"(?P<p>down|off|up|on)\s*(?:,\s*)?(?P<join>(?:and|but|while|then|,)\s+(?:(?:then|also)\s+)?)"
                            r"(?P<y>(?!(?:back|again|it|them|right|straight|all|everything)\b)" + _OBJECT + r")\s+"
                            r"(?P<q>down|off|up|on)\b", re.IGNORECASE)


def _phrasal_gapped(match: re.Match[str], state: State) -> str:
    said, again = PLAIN_OF[match.group('p').lower()], PLAIN_OF[match.group('q').lower()]
    if said == again or not all(names_something(w, state) or w in ('the', 'stack', 'container', 'service') for g in ('x', 'y')
                                for w in match.group(g).lower().split()):
        return match.group(0)   # "shut the vpn off and leave traefik on": only the vpn is named by the verb
    return f"{said} {match.group('x')} {match.group('join')}{again} {match.group('y')}"
WORDS_HYPHENATED = re.compile(r'(?<![\w./-])[A-Za-z]{2,}(?:-[A-Za-z]{2,}){2,}(?![\w./-])'
                              r'(?=\s+(?:thing|app|tool|one|service|stuff|program|software|system|box|gadget|widget)\b)',
                              re.IGNORECASE)   # (a name given stays one)


# what the person will do themselves, said first: "before I delete the old 455 db, dump me its last 30 lines", "once we
# redeploy 481 ourselves, show me its status" — never a step of the plan; what it names is what "it" means after it
OWN_STEP_FIRST = re.compile(r"^\s*(?:(?:ok|so|and)\s+)?(?P<when>before|after|once|when|until|till)\s+(?:i|we)\s+"
                            r"(?:(?:have|will|'ll|"
                            r"can|could|go\s+and|get\s+to|actually|finally)\s+)?(?P<verb>[a-z]+)\s+(?P<obj>[^,;.]+?)\s*"
                            r"(?:(?:myself|ourselves|by\s+hand|manually)\s*)?[,;]\s*(?P<rest>\S.*)$", re.IGNORECASE)


def _own_step_first(text: str, state: State) -> str:
    """The request after the person's own step said first (see OWN_STEP_FIRST), "it" there being what the step named."""
    said = OWN_STEP_FIRST.match(text)
    if said is None or not VERBS.get(lemma(said.group('verb').lower()) or said.group('verb').lower()):
        return text
    rest = said.group('rest')
    found = resolve([w for w in re.findall(r"[\w.-]+", said.group('obj').lower()) if w not in ('the', 'old', 'new', 'a', 'an')],
                    state)
    named = set(found.containers) or ({found.stack} if found.stack else set())
    if len(named) == 1 and not live_named(rest, state):
        rest = re.sub(r"\b(?:its|it's)\b", f"{next(iter(named))}'s", rest, count=1, flags=re.IGNORECASE)
        rest = re.sub(r"\b(?:it|them|that)\b", next(iter(named)), rest, count=1, flags=re.IGNORECASE)
    return rest


ADDRESS = re.compile(r'\bhttps?://(?!localhost\b|127\.0\.0\.1\b|0\.0\.0\.0\b)[^\s,;\'"<>]*[^\s,;.!?)\'"<>]', re.IGNORECASE)


NAME_SETTING = re.compile(r'\b(?P<key>(?:container[_-]?|stack[_-]?|project[_-]?|host)?name|stack|project)\s*[:=]\s*'
                          r'(?P<value>[a-z][\w.-]*[a-z0-9])(?=[\s,;]|$)', re.IGNORECASE)


def prepared(command: str, state: State, out: Parsed) -> str | None:
    """The message made plain (``_prepared``) with each web address and each name given as a setting kept as it
    was said: a rewrite reads words, and neither "http://journal.lan" nor "stack=journal" holds a word of a
    request ("journal" is logs elsewhere). Meanwhile an address is read as an address of its shape (a dotted name
    or not, its port), and a name as a new name of no meaning."""
    addresses = ADDRESS.findall(command)
    masks = []
    for n, address in enumerate(addresses):   # its port stays in sight: "pgadmin at http://myserver:3001"
        host, port = re.match(r'https?://([^/:]*)(:\d{1,5})?', address, re.IGNORECASE).groups('')  # type: ignore[union-attr]
        masks.append(f'{address.split("//")[0]}//addr{n}q{".invalid" if "." in host else ""}{port}')   # of the same shape
        command = command.replace(address, masks[-1], 1)
    names: list[str] = []

    def masked(m: re.Match[str]) -> str:   # the one that names something here stays in sight: "logs stack=shop"
        if names_something(m.group('value').lower(), state) or '=' not in m.group(0) and (starts_request(
                m.group('value').lower()) or not re.search(r'(?:^|[,;(]|\bwith|\band)\s*$', command[:m.start()], re.IGNORECASE)):
            return m.group(0)   # (nor "nextcloud project: up": a thing said, then its request after a colon)
        names.append(m.group('value'))
        return m.group(0)[:m.start('value') - m.start()] + f'nm{len(names) - 1}q'
    command = NAME_SETTING.sub(masked, command)
    text = _prepared(command, state, out)
    for mask, said in [*zip(masks, addresses, strict=True), *((f'nm{n}q', name) for n, name in enumerate(names))]:
        text = text.replace(mask, said, 1) if text is not None else None
    return text


def _prepared(command: str, state: State, out: Parsed) -> str | None:
    """The message as one plain request: spacing, abbreviations, spellings, self-corrections, courtesy,
    names said apart, lists of names, templates wished for. None when there is nothing to plan (the
    message repeats an earlier one, or takes itself back): ``out`` then says why."""
    text = re.sub(r'\band\s*/\s*or\b', 'and', ' '.join(command.split()), flags=re.IGNORECASE)   # "x and/or y": both
    if re.search(r'\blogs?\b', text, re.IGNORECASE):   # "a log check on both sides", "logs of x before restart and after"
        text = re.sub(r'\b(?:on\s+)?(?:both|either)\s+sides?(?:\s+of\s+(?:it|the\s+\w+))?', 'before and after', text,
                      flags=re.IGNORECASE)
        text = re.sub(r'\bbefore\s+(?:the\s+|a\s+|you\s+)?(?P<verb>restart|redeploy|update|rollback|stop|start|upgrade|'
                      r'recreate)(?:ing)?\s+and\s+(?:again\s+)?after\b', r'before and after you \g<verb> it', text,
                      flags=re.IGNORECASE)   # the change is asked too
        text = re.sub(r'\s+with\s+(?:a\s+)?(?:quick\s+)?logs?\s+(?:check|look|peek|glance|snapshot|dump|read)s?\b',
                      ' and show its logs', text, flags=re.IGNORECASE)   # "restart x with a log check before and after"
    text = SPOKEN_MARK.sub(lambda m: MARKS[m.group('mark').lower().split()[0]], text)   # dictated: "… question mark then …"
    text = LOGS_ASKED_AFTER.sub(r'\g<q>? ', text)   # "what's up with jellyfin, anything weird in the logs?": two questions
    text = re.sub(r'\b(?:once\s+more|one\s+more\s+time)\b', 'again', text, flags=re.IGNORECASE)   # "restart docs once more"
    text = ASKED_WHY.sub('why', text)   # "can you see why x keeps dropping devices", "tell me why x is down": why
    text = as_typed(text, state)   # dictated: "restart jelly fin", "worker oh seven", "louislam slash uptime kuma"
    text = everyday(text, state)   # said as people say it: relayed, causatives, ports by side, strong negations …
    text = WORDS_HYPHENATED.sub(lambda m: m.group(0) if names_something(m.group(0).lower(), state) or any(
        p not in DICTIONARY and p not in COMMON for p in m.group(0).lower().split('-')) else m.group(0).replace('-', ' '),
        text)   # "the block-the-adverts thing": words, hyphenated into a name for what it does
    text = re.sub(r'\bget\s+rid\s+of\b', 'remove', text, flags=re.IGNORECASE)   # "get rid of all the stopped containers"
    text = re.sub(r'\b(?:nuke|tear\s+down|wipe|blow\s+away|trash|kill)\s+and\s+(?:pave|rebuild|recreate|re-create|redeploy|'
                  r'start\s+(?:over|fresh|again))\b', 'redeploy', text, flags=re.IGNORECASE)   # "nuke and pave the blog"
    text = SWITCHED_STATE.sub(lambda m: f'{m.group(1)} stopped' if m.group(2).lower() == 'off' else f'{m.group(1)} running',
                              text)   # "which things are turned off at the moment?"
    text = re.sub(r'\b(down|off|offline)\s*,?\s*(?:and\s+)?then\s+(?:back\s+)?(up|on|online)\b', r'\1 and back \2', text,
                  flags=re.IGNORECASE)   # "take pihole down then up": one restart, the split at "then" never loses the "up"
    text = re.sub(r'\b(?:the\s+)?(?:whole|entire|complete|full)\s+stack(?=\s*(?:[.,;!?]|$|please\b|pls\b|again\b|now\b|too\b))',
                  'the stack', text, flags=re.IGNORECASE)   # "paperless not work, make restart of whole stack": its own
    text = PHRASAL_GAPPED.sub(lambda m: _phrasal_gapped(m, state), text)
    text = PHRASAL_THEN.sub(lambda m: f'{m.group("lead")}{PLAIN_OF[m.group("p").lower()]} {m.group("x")}',
                            text)   # "take the api down, then the worker, then redis": one verb for every step after it
    text = other_tools(text, state)   # "podman stop x", "kill -9 x", "ECS: set desired count …", "roll the x deployment"
    text, no_equivalent = kube.said_plainly(text)   # "kubectl get pods -n shop", "restart all pods in namespace x"
    if no_equivalent:
        out.warnings.append(no_equivalent)
        return None
    text = QUICK_LEAD.sub('', text)
    text = LEAD_IN.sub(' ', text).strip()   # "Weird thing, worker-01 isn't running anymore": the lead-in says nothing
    text = breadcrumbs(text)   # "Stacks > shop > Redeploy", "open the Images tab"
    text = shorthand.gui_words(text)   # "click the play button on syncthing", "what's in the app store"
    text = shorthand.name_has(text, state)   # "every container with 'immich' in the name"
    text = docker_status_said(text)   # "has been Exited (1) since yesterday": exited
    text = image_first(text)   # "the redis:7 image, pull it", "nginx:alpine — pull only"
    text = image_then_it(text)   # "… left us an image called acme/landing:2. Put it online on 8181": run it
    text = down_then_fix_it(text, state)   # "speedtest tracker isn't running, fix it": started
    text = guess_then_it(text, state)   # "I think it's the shop's database. Could you restart it": the shop's database
    text = nicknamed(text, state)   # "bounce jf", "redeploy NC", "is hass healthy?"
    text = re.sub(r"(?<![\w])[\"'“‘]([\w.-]+)[\"'”’](?![\w])", lambda m: m.group(1) if any(
        t.id == m.group(1).lower() for t in state.templates) else m.group(0), text)   # "install 'n8n' from the templates"
    gallery = FROM_GALLERY.search(text)
    said = re.findall(r"[\w'-]+", text.lower())
    start = re.match(r"\s*(?:(?:please|pls|can\s+you|could\s+you)\s+)*(?:spin\s+up|start(?:\s+up)?|fire\s+up|launch|bring\s+up|"
                     r"set\s+up|get|add|run)\s+", text, re.IGNORECASE) if gallery else None
    if gallery and start:   # "spin up home assistant from the gallery": a new one of that template, never the one here
        text = 'deploy ' + text[start.end():gallery.start()] + text[gallery.end():]
    elif gallery and said and said[0] not in QUESTION_STARTS and not any(starts_request(w) for w in said):
        # "the ad blocker from the gallery: dns on 5354": that template, deployed (a new one)
        text = 'deploy ' + text[:gallery.start()] + text[gallery.end():]
    text = FILLERS_FIRST.sub('', text) or text   # "okay so I want …", "um so like restart x": said, not asked
    text = CAPITAL_IMAGE.sub(lambda m: m.group(1).lower() if image_word([m.group(1).lower()]) else m.group(1),
                             text)   # "Nginx:1.27-alpine on 9443": an image's name is lower case
    text = re.sub(r'(?<![\w/.:-])(portainer|gitlab|mattermost)\s+(?:ce|community(?:\s+edition)?)(?![\w/.:-])', r'\1', text,
                  flags=re.IGNORECASE)   # "run portainer ce on 9443": the community edition is the image everyone means
    text = _template_said_alone(text, state)   # "prometheus and grafana, keep the metrics a week": deploy it
    text = _container_said_alone(text, state)   # "nginx on 9000, restart policy unless-stopped, named test-app": run it
    text = AFTER_ALL.sub('', text)   # "start mailer after all": an idiom, never every container
    text = AS_BEFORE.sub(' ', text).strip()   # "x is acting up again. same fix as last time, restart": restart (x)
    text = ON_WHOSE_BOX.sub('', text)   # "scale immich ml to 2 on my buddy's server": where, said of the whole request
    text = IMAGE_IN_PARENS.sub(lambda m: m.group('image'), text)   # "run whoami (traefik/whoami)": the image said exactly
    text = _more_of(text, state)   # "more git runners please, builds are queueing - make it 3"
    text = _and_co(text, state)   # "restart immich-server-1 & co": its whole stack
    text = _quoted_in(text, state)   # "any 'connection refused' in traefik since 10 minutes ago?"
    text = _read_windows(text, out)   # "errors from crm since the deploy", "mailer's output from 9:00 to 10:00"
    text = re.sub(r"\b(?:say|said|log|logged|print|printed|write|wrote|complain|complained|mention|mentioned)\s+(?:anything\s+)?"
                  r"about\s+(?=[\"']?[\w.:/-])", 'log anything mentioning ', text,
                  flags=re.IGNORECASE)   # "what did traefik say about tls": the lines that mention it
    text = re.sub(r"\b(logs?)\s+(\d{1,3}\s*(?:m|h|d|min|mins|hrs?))\b(?!\s*(?:ago|lines?))", r'\1 last \2', text,
                  flags=re.IGNORECASE)   # "mailer logs 2h grep smtp": a window right after the word logs
    text = TIMES_SCALE.sub(lambda m: f'scale {m.group("a") or m.group("b")} to {m.group("n") or m.group("m")}'
                           if service_word((m.group("a") or m.group("b")).lower(), state) else m.group(0), text)   # "2x prowlarr"
    text = sources_said(text, state)   # "someone on reddit said it's fine to …", "a forum thread says to restart x, so do that"
    text = APPOSITIVE.sub(lambda m: m.group(1) if names_something(m.group(1).lower(), state) and not any(
        names_something(w, state) or w in ENVIRONMENTS or w in ('one', 'not', 'only', 'but', 'except')
        for w in re.findall(r"[\w.-]+", m.group(0)[len(m.group(1)):].lower())) else m.group(0),
        text)   # "get syncthing (the file sync between our laptops) going again": what it is
    text = name_aside(text, state)   # "one of the background workers, worker-05, seems stuck": worker-05
    text = _the_stacks_one(text, state)   # "every database: the shop one, the crm one": each stack's database
    text = _said_first(text, state)   # "the home assistant container, is it healthy?": is the home assistant container …
    contrast = NOT_A_BUT_A.match(text)
    if contrast and starts_request(contrast.group('verb').lower()):   # "not a redeploy, a plain restart of x": the restart
        text = f"{contrast.group('verb')} {contrast.group('rest')}"
    text = GET_IMAGE.sub(lambda m: m.group(0) if m.group('what').lower() in ('new', 'newer', 'latest', 'updated', 'any', 'some')
                         and re.match(r'\s*(?:[?.!,;]|$)', m.string[m.end():])
                         else f'pull {m.group("the") or ""}{m.group("adj") + " " if m.group("adj") else ""}'
                              f'{m.group("what")} {m.group("image")}', text)   # "get a fresh prometheus image": a pull
    # (not "check for new images" said of nothing: an update check; "… new images for the shop" pulls the shop's)
    text = UP_TO_DATE.sub(lambda m: f'update {m.group("x") or m.group("y")}',
                          text)   # "bring crm up to date" (it started crm), "… up to the newest version"
    text = FOLLOWING_EVENT.sub(r'\1after ', text)   # "following this morning's incident review, restart x": no log follow
    text = DECIDED.sub(lambda m: m.group(1) if starts_request(m.group(2).lower()) else m.group(0),
                       text)   # "we agreed to restart search", "the team has decided to stop x": the request
    text = _own_step_first(text, state)   # "before I delete the old db, dump me its last 30 lines": theirs, then ours
    text = event_first(text, state)   # "after the review restart x": the event, then x
    text = re.sub(r'\b(?:go|step)\s+back\s+(?:by\s+)?(?:one|a|1|a\s+single)\s+'
                  r'(?:version|revision|release|deploy(?:ment)?|step)\b|'
                  r'\bgo\s+back\s+to\s+(?:the\s+)?(?:previous|prior|last\s+(?:good|working)|earlier|older|old)\s+'
                  r'(?:version|revision|release|deploy(?:ment)?|one)\b', 'roll it back', text,
                  flags=re.IGNORECASE)   # "paperless got a bad update, go back one version"
    text = re.sub(r'\b(?:take|bring|put|move|set|send|turn)\s+(?P<x>(?:the\s+|our\s+|my\s+)?[\w.-]+(?:\s+stack)?)\s+back\s+'
                  r'(?:by\s+)?(?:one|1|a\s+single|a)\s+(?:version|revision|release|deploy(?:ment)?|step)\b', r'roll back \g<x>',
                  text, flags=re.IGNORECASE)   # "take the CRM back one version": a rollback, never a start
    text = re.sub(r'\b(back)\s+(?:by\s+)?(?:one|1|a\s+single)\s+(?:version|revision|release|deploy(?:ment)?|step)\b', r'\1', text,
                  flags=re.IGNORECASE)   # "roll it back one version": the previous revision
    capability = CAN_I_INSTALL.match(text) or YOU_COULD_SET_UP.match(text)
    if capability:   # "can I install apps with one click?": what can be installed, not an install
        text = 'list templates' + text[capability.end():]
    missing = NAMED_TEMPLATE.search(text)
    if missing and not any(t.id == missing.group('id').lower() for t in state.templates) and (
            missing.group('article').lower() == 'the' or not match_template([missing.group('id').lower()],
                                                                           missing.group('id').lower(), state.templates)[1]):
        # "the gitlab template"; "an mlflow template" (not "a wiki template": what wikijs is)
        out.questions.append(Question(
            text=f'There is no {missing.group("id")} template here.' + (f' {", ".join(alike)} fits what it does.' if (
                alike := match_template([missing.group('id').lower()], f'{missing.group("id").lower()} alternative',
                                       state.templates)[0][:2]) else ''),
            choices=[f'deploy {t}' for t in alike] + ['list templates']))
        return None   # "set up the gitlab template": never another one in its place
    text = shorthand.pasted(text, state)   # "[FIRING] ContainerUnhealthy container=auth-db-1. restart it please"
    on_host = HOST_INSTALL.match(text)
    if on_host and not any(t.id == on_host.group('what').lower() for t in state.templates):
        what = on_host.group('what')   # "install python3 on the server": a package of the host, not a container
        out.warnings.append(f'Installing {what} on the host itself is not something I do: I run containers and stacks. '
                            f'To run it in a container, say for example "run {what.lower().rstrip("0123456789.")} ..." '
                            'or pick a template.')
        return None
    text = counts_said(text, lambda word: names_something(word, state) or bool(service_word(word, state))
                       )   # "can go back to 1 now", "more photo servers please, 3 should do it", "3 shop api's"
    text = re.sub(r'\s+&\s+', ' and ', text)   # "stop x & show what's still up" (a shell's && stays: it is cut below)
    text = re.sub(r"\b(i|we)\s*['’]d\s+(like|love)\s+(?=(?:an?|some|one)\s)", r'\1 would \2 ', text,
                  flags=re.IGNORECASE)   # "I'd like a wordpress blog called x": a thing wanted
    text = re.sub(r"\b(?:that\s+|which\s+|where\s+)?(?:lets|let|allows?|where)\s+(?P<u>[\w.@-]+)\s+(?:to\s+|can\s+)?log\s*in\s+"
                  r"(?:with|using)\s+(?:the\s+)?(?:password|pw|pass)\s+", r'with user \g<u> password ', text,
                  flags=re.IGNORECASE)   # "a mysql 8 that lets wiki log in with the password x"
    text = re.sub(r'(?<![\w.:])(\d{2,5})\s*(?:->|→|=>)\s*(\d{1,5})\b', r'\1:\2', text)   # "9000->80": a port pair, no redirection
    text = re.sub(r'(?<=[\w.~/-])\s*(?:->|→|=>)\s*(?=/[\w.])', ' as ', text)   # "volume db_data -> /var/lib/mysql": a mount
    text = shorthand.abroad(text)   # "reinicia el contenedor adminer por favor", "Den stack nextcloud bitte stoppen"
    text = shorthand.host_tools(text)   # "systemctl reload-or-restart docs", "journalctl -fu mailer"
    text, taken_back = shorthand.terse(text, state)   # "rst web-* asap", "stp shop w/o shop-worker-1", "db-* → stp"
    if taken_back:   # "rm worker-01 nvm keep it"
        out.warnings.append(f'Not done, as asked: you took "{command.strip()[:80]}" back.')
        return None
    text = re.sub(r'\b([a-z]+)\+([a-z]+)\b', lambda m: f'{m.group(1)} and {m.group(2)}' if m.group(1).lower() in VERBS
                  and m.group(2).lower() in VERBS else m.group(0), text, flags=re.IGNORECASE)   # "pull+redeploy auth"
    text = re.sub(r'\s*;\s*(?=(?:and\s+)?(?:set|with|using|env|environment|port|ports|name|named|call|password|passwd|'
                  r'user|username|volume|mount|restart\s+policy|expose|publish|map|give\s+(?:it|the)|make\s+(?:it|the)|'
                  r'(?:the\s+|its\s+|an?\s+)?(?:admin|root|web|ssh|http|db|database|initial)\s+\w+|'
                  r'[A-Z][A-Z0-9]*_[A-Z0-9_]+\s*(?:=|:|is\b|should\b|to\b))\b)', ', ', text,
                  flags=re.IGNORECASE)   # "run nginx; set APP_ENV to x", "…; admin password = x", "…; POSTGRES_DB is y"
    text = re.sub(r'\b(?:set\s+|change\s+)?(?:the\s+)?(?:replicas?|copies|instances|replica\s+count)\s+(?:for|of)\s+'
                  r'(?:the\s+)?([\w.-]+(?:\s+[\w.-]+)?)\s*(?:[:=]|\bto\b)\s*(\d{1,3})\b', r'scale \1 to \2', text,
                  flags=re.IGNORECASE)   # "set the replicas for metrics prometheus: 5"
    text = re.sub(r"^\s*(?:so\s+|ok\s+|okay\s+)?(?:my|our|the)\s+(?:goal|plan|aim|idea|objective|target|wish)\s+"
                  r"(?:here\s+|today\s+)?is\s+(?:to\s+)?(?=have|get|run|set\s+up|deploy|install|put)\b", 'I want to ', text,
                  flags=re.IGNORECASE)   # "my goal is to have keycloak on port 8222": a wish
    text = re.sub(r'(?<![\w-])(?:oh|ah|uh)(?:(?=\s+(?:and|also|btw|plus)\b)|[,!](?=\s))\s*',
                  lambda m: m.group(0) if names_something(m.group(0).strip(' ,!.').lower(), state)
                  else ', ' if m.start() else '', text,
                  flags=re.IGNORECASE)   # "redeploy x - oh and also …", "restart x oh and what stacks do i have"
    text = re.sub(r'\b(?:and\s+)?after\s+(?:that\s+)?to\s+(?=[a-z])', 'then ', text,
                  flags=re.IGNORECASE)   # "first stop mosquitto and after to delete it"
    text = re.sub(r'^(\s*(?:please|pls|can\s+you|could\s+you)\s+)first(?:ly)?\s*,?\s+(?=([a-z]+))',
                  lambda m: m.group(1) if m.group(2).lower() in VERBS else m.group(0), text,
                  flags=re.IGNORECASE)   # "please first stop x, then …": the order is that of the sentence
    text = re.sub(r'^\s*sudo\s+(?=(?:docker|podman|docker-compose)\b)', '', text,
                  flags=re.IGNORECASE)   # "sudo docker stop traefik": a command pasted as typed (never run: a plan is made)
    text = re.sub(r'(?<=\bscale\b)(.{1,40}?\bto\s+\d{1,2})\s+(?:nodes|pods|boxes)\b', r'\1 replicas', text,
                  flags=re.IGNORECASE)   # "scale elastic to 3 nodes": a count of its containers
    text = re.sub(r'\b(?:an?\s+)?(second|third|fourth|fifth)\s+(?=(?:[\w.-]+\s+){0,2}(?:replicas?|copy|copies|instances?)\b)',
                  lambda m: {'second': '2 ', 'third': '3 ', 'fourth': '4 ', 'fifth': '5 '}[m.group(1).lower()], text,
                  flags=re.IGNORECASE)   # "a second grafana replica for metrics": two of them
    text = re.sub(r'\bgo\s+back\s+to\s+(?:what\s+(?:we|i|it)\s+(?:had|was|used)|how\s+it\s+was|the\s+way\s+it\s+was)'
                  r'(?:\s+(?:before|earlier|yesterday))?', 'roll it back', text,
                  flags=re.IGNORECASE)   # "the last deploy of x broke everything, go back to what we had before"
    text = re.sub(r'\b(?:app|apps|application|stack|compose)\s+(templates?|recipes?)\b', r'\1', text,
                  flags=re.IGNORECASE)   # "which app templates can I pick from?": the templates
    text = re.sub(r'\b(?:put|set\s+up|run|start|bring\s+up)\s+(?P<x>(?:an?\s+)?[\w.-]+(?:\s+[\w.-]+){0,2}?)\s+in\s+'
                  r'(?:its|their|his|her)\s+'
                  r'(?:place|stead)\b', r'deploy \g<x>', text,
                  flags=re.IGNORECASE)   # "remove backup and put node-red in its place on port 5050"
    text = re.sub(r'^\s*(?P<opts>(?:on|at|with|named|called|using|listening\s+on)\s[^,;.]+?)\s*[,;]\s*(?:and\s+)?(?:then\s+)?'
                  r'(?P<req>(?:please\s+|pls\s+|can\s+you\s+|could\s+you\s+)*(?:run|start|deploy|launch|spin\s+up|create|'
                  r'set\s+up|install)\s+[^,;]+?)\s*[.!?]*$', r'\g<req> \g<opts>', text,
                  flags=re.IGNORECASE)   # "on port 8222 and named edge, please run httpd": the settings said first
    text = ENOUGH_OF.sub(r'scale \g<what> to \g<n>', text)   # "just one web in shop-staging is enough, scale it down"
    text = RUN_TIMES.sub(r'scale \g<what> to \g<n>', text)   # "make the crm frontend run 2 times": that many at once
    text = RUN_TWICE.sub(lambda m: m.group(0) if not service_word(m.group('what').split()[-1].lower(), state) else
                         f"scale {m.group('what')} to {2 if m.group('n').lower() == 'twice' else 3}",
                         text)   # "run the analytics API twice": two of it at once
    text = ENOUGH.sub(r' down to \g<n>', text)   # "drop the extra immich server replicas, one is enough"
    text = SIGNUPS_SAID.sub(lambda m: ' with sign-ups off' if m.group('no') else ' with sign-ups on',
                            text)   # "… but don't let strangers register accounts": a setting, not a request not to
    text = re.sub(r'\baswell\b', 'as well', text, flags=re.IGNORECASE)
    text = re.sub(r'\s+as\s+well\b(?=\s*(?:$|[.!,;]))', ' too', text, flags=re.IGNORECASE)   # "… traefik as well": too
    text = re.sub(r'\b(?:and\s+)?(?:likewise|similarly|equally)\s+(?=[\w.-]+\s*(?:$|[.,;!]))', 'and ', text,
                  flags=re.IGNORECASE)   # "pause cache-03 and likewise search-1"
    text = expand_abbreviations(text, state)
    text = template_spellings(text, state)
    text = spelled(text, state)
    text = switched(text, state)   # "close jellyfin", "jellyfin off please", "jellyfin go up": stop, start
    text = numbered_names(text, state)   # "web number one", "api no. 4", "instance 3 of cache": web-01, api-04, cache-03
    text = re.sub(r"\b(can|could|would|will)\s+(?:someone|somebody|anyone|anybody|you\s+guys|y'all|ya)\b", r'\1 you', text,
                  flags=re.IGNORECASE)   # "can someone set up pihole for the team?": a request to us
    if same_as_before(text):
        out.questions.append(Question(text='Which request do you mean? I read each message on its own: say what to do.'))
        return None
    if len(re.findall(r"(?<![A-Za-z])'|'(?![A-Za-z])", text)) % 2:   # a stray quote ("stop the shop db' && …"): not a quote
        text = re.sub(r"(?<=\w)'(?=\s|$)|(?<=\s)'(?=\w)", '', text, count=1)
    if withdrawn(text):   # "remove mailer - wait, no": the whole request taken back, nothing is planned
        out.warnings.append(f'Not done, as asked: you took "{text.strip()[:80]}" back.')
        return None
    text, repaired = corrected(text, lambda word: names_something(word, state))
    if repaired:   # "stop a and b - wait, no, just a": what the person took back is never done
        out.warnings.append(repaired)
    text = unwrapped(text, lambda word: names_something(word, state))   # letters, courtesy, fragments, lists
    text = make_sure(text, state)
    text = mid_guard(text, state, out)
    text = in_order_list(text, state)
    text = LEFT_FIRST.sub(lambda m: f'{m.group("rest").rstrip(" .!")} but {m.group("keep")}', text)
    text = ALL_BUT_AFTER.sub(lambda m: f'{m.group("req")} except {m.group("y")}{m.group("end")}', text)
    text = re.sub(r'\bthe\s+(?:rest|remaining\s+(?:containers|ones|services))\s+of\s+(?:the\s+)?(?=[\w.-]+)', '', text,
                  flags=re.IGNORECASE) if re.search(r"\b(?:don'?t|do\s+not|leave|except|but\s+not)\b", text, re.IGNORECASE) \
        else text   # "restart the rest of paperless, but don't touch the db": paperless but the db
    text = LEFT_ALONE.sub(lambda m: _left_alone(m, text, state), text)   # "restart crm but don't touch the db"
    text = NOT_THE_SAME.sub(lambda m: _not_the_same(m, text, state), text)   # "restart shop, but don't restart the db"
    text = in_a_state(text, state)   # "get rid of whatever is exited": every exited container
    text = one_of_two(text, state)   # "the blog db or the shop db, one of them is eating the disk, restart it": which?
    text = cleared(text, state)   # "jellyfin is fine, it's home assistant that's misbehaving": about home assistant
    text = the_others(text)   # "x is fine apart from the db … restart the other containers of x": all of x but the db
    text = production_said(text, state)   # "shop - the production one, not staging": shop's own
    text = twin_named(text, state)   # "the prod cms" where "staging" copies the site stack: site's cms
    text = NOT_THAT_ONE.sub(lambda m: f' except {m.group("what")}' if names_something(m.group('what').lower(), state)
                            or m.group('what').lower() in ROLE_WORDS or any(
                                m.group('what').lower() in parts(s) for s in state.stacks)
                            else '' if m.group('what').lower() in ENVIRONMENTS or _nothing_to_leave_out(m, text, state)
                            else m.group(0), text)   # "restart the shop api, not the staging one"; "… -- NOT prod": none is
    text = rewrite(spoken_apart(text, state))   # "next cloud" is nextcloud before "next" can mean then
    text = described(text, state)   # "the ad blocker", "my media server": the software that runs here
    text = re.sub(r'(?<![\w.-])([\w.-]+)\s*\(\s*\1\s*\)', r'\1', text, flags=re.IGNORECASE)   # "the recipe app (mealie)": once
    text = re.sub(r'(?<=[A-Za-z0-9])\s*:\s+(?=[A-Za-z])', ' : ', text)   # "keycloak: restart it": the name, not "keycloak:"
    text = lists_of_names(distributed(text, state), state)
    text = NOT_IN_PARENS.sub(lambda m: f' except {m.group("what")}' if names_something(m.group('what').lower(), state)
                             else '' if _nothing_to_leave_out(m, text, state)
                             else m.group(0), text)   # "restart shop (prod, not staging)"; "(my home box, not the shop)"
    text = NOT_THIS.sub(lambda m: f' except {m.group("what")}' if names_something(m.group('what').split()[-1].lower(), state)
                        else m.group(0), text)   # "restart web-01, not web-02": web-02 is left out, never added
    text = wanted_template(text, state)
    text = re.sub(r'(?<![\w/])w/(?=\s)', 'with', text)   # "mysql w/ phpmyadmin"
    text = re.sub(r'[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]+', ' ', text)   # emoji say how, not what
    text = re.sub(r"\bunless\s+(?:i|we|you|u|someone|somebody)\s+(?:explicitly\s+|manually\s+|deliberately\s+)?stops?\s+"
                  r"(?:it|them)(?:\s+(?:myself|ourselves|by\s+hand|manually))?\b", 'unless-stopped', text,
                  flags=re.IGNORECASE)   # "a container that comes back on its own unless I stop it": a policy, no stop
    text = re.sub(r'\b(?:make|do)\s+(?:a\s+|the\s+)?(restart|redeploy|rollback|update|pull|stop|start|reboot)\s*'
                  r'(?=$|[,.;!]|\s+(?:then|and|after|afterwards|now|please|pls)\b)', r'\1 it', text,
                  flags=re.IGNORECASE)   # "pull the images of x and make redeploy after", "then make restart"
    text = re.sub(r'\b(give|show|send|tell)\s+(me\s+)?after\s+(?=(?:the|its|his|her|their)\b)', r'then \1 \2', text,
                  flags=re.IGNORECASE)   # "restart x and give me after the log": afterwards, said as "after"
    text = re.sub(r'^(\s*(?:please\s+)?[a-z]+(?:\s+me)?)\s+before\s+(?=(?:the|its|his|her|their)\b)', r'\1 ', text,
                  flags=re.IGNORECASE)   # "show me before the logs of x, then …": first, said as "before"
    text = re.sub(r'\b(?P<what>lines?|log\s+lines|entries|messages)\s+(?:that\s+|which\s+)?(?P<who>it|they|[\w.-]+)\s+'
                  r'(?:has\s+|have\s+)?(?:logged|printed|wrote|written|output|produced|emitted|spat\s+out|spit\s+out)\b',
                  r'\g<what> of \g<who>', text, flags=re.IGNORECASE)   # "the last 500 lines it logged": its logs
    text = re.sub(r'\bonce\s*,?\s*(?:and\s+|but\s+)?not\s+(?:twice|two\s+times|again|more(?:\s+than\s+(?:once|that))?)\b',
                  'once', text, flags=re.IGNORECASE)   # "restart jellyfin once, not twice": how often, no name left out
    if re.search(r'\blogs?\b', text, re.IGNORECASE):   # "grab x's logs, bounce it, then grab them again": the logs again
        text = re.sub(r'(?<=[,;]\s)(?P<then>(?:and\s+)?(?:then\s+)?)(?:grab|get|fetch|capture|pull|take|dump|collect|save)\s+'
                      r'(?:them|those|these|it|that)?\s*again\b', r'\g<then>show its logs again', text, flags=re.IGNORECASE)
        text = re.sub(r'(?<=\sthen\s)(?:grab|get|fetch|capture|pull|take|dump|collect|save)\s+(?:them|those|these|it|that)?\s*'
                      r'again\b', 'show its logs again', text, flags=re.IGNORECASE)
    text = re.sub(r'(?:\s*[,;-]\s*|\s+)(?:(?:but\s+|and\s+)?(?:do|run)\s+(?:it|this|that|them)\s+)?once\s*,?\s*(?:and\s+|but\s+)?'
                  r'not\s+(?:once\s+)?(?:per|for\s+(?:each|every)|each|every|one\s+by\s+one|separately|individually)\s*'
                  r'(?:single\s+)?(?:service|container|replica|instance|one|app|part|image)?s?\b', ' once', text,
                  flags=re.IGNORECASE)   # "pull x then redeploy it - do it once, not per service": once, for the whole
    text = re.sub(r'(?:\s*[,;]\s*|\s+)(?:but\s+|and\s+)?(?:just|only)\s+(?:the\s+)?once\b(?!\s+(?:it|they|that|this|you|we|i|the|'
                  r'[\w.-]+\s+(?:is|are|has|have|was)\b))', '', text,
                  flags=re.IGNORECASE)   # "…, only once please": one time, a plain request
    text = SIGNED_IN_OUT.sub(lambda m: f'signed {m.group("obj") or ""}{m.group("dir") or m.group("dir2")}',
                             text)   # "it logged everyone out": signed out
    text = re.sub(r'\blmk\b', 'let me know', text, flags=re.IGNORECASE)   # "bounce x then lmk if its up"
    text = re.sub(r'\s*\b(?:lol|lmao|haha+)\b[\s,.!]*(?=(?P<next>[a-z]+))', lambda m: '. ' if starts_request(
        m.group('next').lower()) else ' ', text, flags=re.IGNORECASE)   # "i don't use immich anymore lol remove the stack"
    text = re.sub(r'\b(?:lol|lmao|smh|rn|asap|tia|fyi|btw|imo|idk|ty|ppl\s+are\s+\w+)\b', ' ', text, flags=re.IGNORECASE)
    return re.sub(r'\s+[-–—]+\s*$', '', text)   # "… vpn - thanks": the dash before the thanks said nothing
