"""Everyday ways of saying a request, made plain before the rest of ``rewrites.prepared`` reads it: a request
passed on from someone else ("Dave said to restart pihole"), causatives ("make the shop stack go down"), a stack
rolled out again, a thing wanted in the passive ("a blog is needed"), strong negations ("under no circumstances
start x"), an order said as "start with", symbols (↻), terse log requests ("logs x 200"), windows ("1h30m",
"1,5 hours"), ports said by their side or protocol ("port 3004 outside 3000 inside", "host 34198 udp to container
34197", "on 6343 (container port 6333)"), a symptom said before a request of its own in the passive, signing in and out
said with "log", stacks said by the number in their name ("is 481 up?"), tickets by number (never targets), a
terse scale ("paperless web to 2"), the old off-and-on treatment, "the one of x", "the api and the worker of 503",
"the stack" after one was named, and places ("at home", "on the GPU box"). Nothing here resolves a target beyond
looking names up.
"""
from __future__ import annotations

from . import regex as re
from .clause import KINDS, KNOWN_IMAGES, STATES, VERBS
from .intent import is_live, lemma, names_something
from .lexicon import COMMON, DICTIONARY
from .resolve import alternatives_to, close_enough, coded_stack, match_template, numbers_a_name, resolve
from .shorthand import ALERT
from .state import State

# a request passed on from someone else, said with who it comes from: "Tom says we don't need it anymore",
# "Dave said to restart pihole", "From Jane: please restart gitea", "Anna wants the logs of traefik". The words
# passed on are the user's request (or remark) as they are; who said them is no target.
_RELAYER = r"(?P<who>[A-Za-z][a-z]{1,14})"
RELAYED = re.compile(r"(?P<lead>^|(?<=[,.;:!?(])\s*|\s+[-–—]+\s+|\s+(?=(?:and|but|so|because|cause|as)\s))"
                     r"(?P<and>(?:and|but|so|because|cause|as)\s+)?"
                     r"(?:(?P<from>(?:(?:a|the)\s+)?(?:(?:message|note|text|e-?mail|request|ticket|instructions?)\s+)?"
                     r"(?:from|per|via)\s+|according\s+to\s+)" + _RELAYER + r"\s*[:,–—-]\s*"
                     r"|" + _RELAYER.replace('who', 'owner') + r"(?:'s|s')\s+(?:message|note|text|e-?mail|request|instructions?|"
                     r"words)\s*(?:says?\s*)?[:,–—-]\s*"
                     r"|" + _RELAYER.replace('who', 'writer') + r"\s*:\s*(?=[\"'“‘])"   # "Tom: 'scale photos server=2'"
                     r"|" + _RELAYER.replace('who', 'speaker') +
                     r"\s+(?P<verb>says?|said|thinks?|reckons?|mentioned|wrote|writes|"
                     r"suggests?|suggested|asks?|asked|told|tells?|wants?|wanted|would\s+like|'d\s+like)\b"
                     r"(?P<whom>\s+(?:me|us))?(?P<to>\s+to(?=\s+[a-z]))?(?:\s*[:,]|\s+that\b)?\s*)", re.IGNORECASE)
_NOT_A_PERSON = frozenset({'i', 'we', 'you', 'u', 'he', 'she', 'it', 'they', 'this', 'that', 'what', 'which', 'who', 'one',
                           'someone', 'somebody', 'everyone', 'everybody', 'anyone', 'anybody', 'nobody', 'noone', 'people',
                           'the', 'a', 'an', 'my', 'our', 'your', 'his', 'her', 'their', 'its', 'log', 'logs', 'error',
                           'errors', 'page', 'site', 'app', 'screen', 'message', 'alert', 'output', 'docker', 'here',
                           'there', 'now', 'then', 'also', 'just', 'please', 'pls', 'and', 'but', 'so', 'note', 'update'})


def _a_person(word: str, state: State) -> bool:
    """Whether ``word`` (as written) is someone's name: no name or word of this host, no known program, and
    capitalised or no everyday word ("jake says …", "Mark says …", never "nextcloud says" or "the page says")."""
    low = word.lower()
    if low in _NOT_A_PERSON or low in VERBS or names_something(low, state) or low in state.name_words \
            or low in KNOWN_IMAGES or any(low == t.id for t in state.templates) \
            or any(close_enough(low, known) for known in state.name_words if len(known) > 3):
        return False   # "Pihloe says …": a name of here, misspelt
    return word[0].isupper() or (low not in DICTIONARY and low not in COMMON)


# a request passed on in quotes, then asked to be done: "'redeploy the webshop stack' - can you do that please"
QUOTED_THEN_DONE = re.compile(r"^\s*(?:[^\"'“‘]{0,40}?\b(?:says?|said|wrote|writes|asks?|asked|wants?|wanted)\s*:?\s*)?"
                              r"[\"'“‘](?P<req>[^\"'”’]{3,200})[\"'”’]\s*[-–—,.:;!]*\s*"
                              r"(?:(?:so\s+|and\s+)?(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|just\s+)?do\s+(?:that|it|this|so)|(?:please\s+|pls\s+)?do\s+"
                              r"(?:that|it|this)|go\s+ahead)\b(?P<rest>.*)$", re.IGNORECASE)


ONLY_QUOTED = re.compile(r"^\s*[\"'“‘](?P<req>[^\"'”’]{3,200})[\"'”’]\s*[.!]*\s*$")


def _quoted_then_done(text: str) -> str:
    alone = ONLY_QUOTED.match(text)   # "Tom's message: 'run amir20/dozzle …'" (who said it left off): the request in the quotes
    if alone and (alone.group('req').split()[0].lower() in VERBS or lemma(alone.group('req').split()[0].lower())):
        return alone.group('req')
    said = QUOTED_THEN_DONE.match(text)
    first = said.group('req').split()[0].lower() if said else ''
    return f"{said.group('req')}{said.group('rest')}" if said and (first in VERBS or lemma(first)) else text


def relayed(text: str, state: State) -> str:
    """The request without who passed it on (see RELAYED)."""
    def plain(m: re.Match[str]) -> str:
        who = m.group('who') or m.group('owner') or m.group('speaker') or m.group('writer')
        if not _a_person(who, state):
            return m.group(0)
        lead = m.group('lead') + (m.group('and') or '')
        verb = (m.group('verb') or '').lower()
        to = 'to ' if m.group('to') else ''
        if verb in ('wants', 'want', 'wanted', 'would like', "'d like") and not m.group('whom'):
            return f'{lead}I {"would like" if "like" in verb else "want"} {to}'
        if verb.startswith('ask') and not (m.group('whom') and to) or verb.startswith(('tell', 'told')) and not m.group('whom'):
            return m.group(0)   # "Tom asked about x", "Tom told Sam": nothing passed on to us
        return lead + ' ' * bool(lead.strip() and not lead.endswith(' '))
    return RELAYED.sub(plain, text)


# signing in and out, said with "log": never the logs ("they both logged everybody out", "nobody can log in since the update")
SIGNED_IN_OUT = re.compile(r"(?:(?<=\bcan't\s)|(?<=\bcannot\s)|(?<=\bcant\s)|(?<=\bcouldn't\s)|(?<=\bunable\sto\s)|"
                           r"(?<=\bnot\s)|(?<=\bto\s)|(?<=\bcan\s)|(?<=\bcould\s))log\s*(?P<dir>in|on|out|off)\b|"
                           r"\blog(?:ged|s|ging)\s+(?P<obj>(?:(?:me|us|you|him|her|them|everyone|everybody|people|users|all\s+users|"
                           r"(?:all\s+)?(?:the\s+)?(?:staff|users|customers|admins?))\s+))?(?P<dir2>out|off)\b",
                           re.IGNORECASE)


# a request of its own in the passive, after a comma: "scanning broke, paperless's web part needs a restart"
NEEDS_DOING = re.compile(r"(?<=\w)\s*,\s*(?!(?:and|but|so|then|it|they|this|that|which|who)\b)"
                         r"(?P<x>[\w.'-]+(?:\s+[\w.'-]+){0,3}?\s+(?:needs|need|could\s+use|requires)\s+(?:a\s+|another\s+)?"
                         r"(?:quick\s+|good\s+|fresh\s+)?(?:restart|reboot|redeploy|kick|bounce|update)\b)", re.IGNORECASE)


def _names_only(text: str, state: State) -> bool:
    """Whether ``text`` only lists things here ("web-01, web-02 and web-03 need a restart" is one request)."""
    words = re.findall(r"[\w.'-]+", text.lower())
    return bool(words) and all(names_something(w, state) or w in ('and', 'the', 'both', 'also', 'plus', 'or') for w in words)


def _names_any(text: str, state: State) -> bool:
    return any(names_something(w, state) for w in re.findall(r"[\w.-]*\w", text.lower()))


STOPPED_WORKING = re.compile(r"\b(?:stopped|quit|ceased)\s+(?:working|responding|syncing|loading|sending|receiving|"
                             r"printing|updating|connecting|running\s+properly|doing\s+(?:its|their)\s+(?:thing|job))\b",
                             re.IGNORECASE)
# a negation said strongly, or a request said not to be one: "under no circumstances start x", "Not that I'm asking
# you to stop traefik - I'm asking you to restart it"
STRONG_NO = re.compile(r"\b(?:under\s+no\s+circumstances?|in\s+no\s+case|by\s+no\s+means|on\s+no\s+account|never\s+ever|"
                       r"not\s+that\s+i'?m\s+asking\s+(?:you\s+)?to|i'?m\s+not\s+asking\s+(?:you\s+)?to|i\s+am\s+not\s+asking\s+"
                       r"(?:you\s+)?to|not\s+that\s+i\s+want\s+(?:you\s+)?to|(?:no\s+matter\s+what|whatever\s+you\s+do)\s*,?\s*"
                       r"(?:do\s+not|don'?t|never))(?:\s+(?:should|shall|will|must)\s+you)?\s+(?:ever\s+)?", re.IGNORECASE)
SYMBOL_VERBS = {'↻': 'restart', '⟳': 'restart', '🔄': 'restart', '🔁': 'restart', '⏹': 'stop', '⏸': 'pause', '▶': 'start'}
SYMBOL_VERB = re.compile('[' + ''.join(SYMBOL_VERBS) + '][\ufe0f]?')
HOURS_MINUTES = re.compile(r'\b(\d{1,2})\s*h(?:ours?|rs?)?\s*(?:and\s+)?(\d{1,2})\s*m(?:in(?:ute)?s?)?\b', re.IGNORECASE)
TERSE_TAIL = re.compile(r'^\s*(?:logs?|tail)\s+(?P<x>[a-z][\w.-]*)\s+(?:-n\s*)?(?P<n>\d{1,5})\s*[.!]*\s*$', re.IGNORECASE)
# a port pair said by its sides: "port 3004 outside 3000 inside", "port host 8095 container 80", "80 inside and 8080 outside"
SIDES_SAID = re.compile(r'\b(?:ports?\s+)?(?:host\s+(?:port\s+)?(?P<h>\d{2,5})|'
                        r'(?P<h_>\d{2,5})\s+(?:outside|on\s+the\s+host|host(?:\s+side)?|on\s+(?:my|our|the\s+host|this)\s+side|'
                        r'on\s+the\s+(?:server|box|machine|outside)|externally))'
                        r'\s*,?\s*(?:and\s+|to\s+|->\s*)?(?:container\s+(?:port\s+)?(?P<c>\d{2,5})|(?P<c_>\d{2,5})\s+'
                        r'(?:inside|in\s+the\s+container|container(?:\s+side)?|internally|in\s+it|on\s+the\s+inside))\b|'
                        r'\b(?:ports?\s+)?(?P<c2>\d{2,5})\s+inside\s*,?\s*(?:and\s+)?(?P<h2>\d{2,5})\s+outside\b', re.IGNORECASE)
# a port's protocol said in words: "host 34198 udp to container 34197", "udp 9988 (container 9987)", "port 5353 udp",
# "9988/udp": the compact form the port reader knows (34198:34197/udp)
_PORT = r'(?:port\s+)?(?<![:\d./-])(?P<{}>\d{{2,5}})(?![:\d])'
PROTOCOL_SAID = re.compile(
    r'(?:\bhost\s+)?' + _PORT.format('h1') + r'\s*/?\s*(?P<p1>udp|tcp)\s+(?:to|->|→|=>|into|on)\s+(?:the\s+)?(?:container\s+)?'
    + _PORT.format('c1') + r'(?:\s+(?:inside|in\s+the\s+container))?\b|'
    r'\b(?P<p2>udp|tcp)\s+(?:host\s+)?' + _PORT.format('h2') + r'(?:\s*(?:to|->|→|=>)\s+(?:the\s+)?(?:container\s+)?'
    + _PORT.format('c2') + r'\b|\s*\(\s*(?:container|inside)\s+(?:port\s+)?(?P<c3>\d{2,5})\s*\)|\b)|'
    r'\b' + _PORT.format('h4') + r'\s*(?:/\s*|\s+)(?P<p4>udp|tcp)\b(?!\s*(?:to|->|→|=>|into|and|as)\b)', re.IGNORECASE)


def _protocol_port(m: re.Match[str]) -> str:
    host = m.group('h1') or m.group('h2') or m.group('h4')
    inside = m.group('c1') or m.group('c2') or m.group('c3') or host
    return f'{host}:{inside}/{(m.group("p1") or m.group("p2") or m.group("p4")).lower()}'


# causing a thing to change state: "make the shop stack go down", "make mailer come back up"
MADE_TO = re.compile(r"\bmake\s+(?P<x>(?:the\s+|our\s+|my\s+)?[\w.-]+(?:\s+stack)?)\s+(?:go|come)\s+"
                     r"(?P<p>down|offline|up|online|back(?:\s+up|\s+online)?)\b", re.IGNORECASE)
ROLLED_OUT_AGAIN = re.compile(r"\broll\s+(?:out\s+(?P<y>(?:the\s+)?[\w.-]+)|(?P<x>(?:the\s+)?[\w.-]+)\s+out)\s+"
                              r"(?:again|once\s+more|one\s+more\s+time|a\s+second\s+time)\b", re.IGNORECASE)
# a thing wanted, said in the passive or as a suggestion: "a blog is needed for the team", "let's have vaultwarden"
NEEDED_THING = re.compile(r"^\s*(?:(?:so|ok|okay|hi|hey)[,\s]+)?(?P<what>(?:an?|some)\s+[\w.-]+(?:\s+[\w.-]+)?)\s+"
                          r"(?:is|are)\s+(?:really\s+|urgently\s+)?(?:needed|required|wanted)\b|"
                          r"^\s*let(?:'s|s|\s+us)\s+have\s+(?P<what2>(?![\d]|one\b|two\b|three\b|four\b|five\b))",
                          re.IGNORECASE)
LAST_CHANGE_OF = re.compile(r"\b(?P<the>(?:the|our|that)\s+(?:last|latest|recent|newest))\s+(?P<x>[\w.-]+)\s+"
                            r"(?P<n>update|upgrade|deploy|deployment|release|rollout)\b", re.IGNORECASE)


# how something looks, told of it: "x and y both show offline in discord", "the bot shows as red", "it appears
# disconnected": a state seen, never the verb "show"
SHOWS_AS = re.compile(r"(?<=[\w'])(?<!^show)(?<!\bplease)(?<!\bpls)(?<!\byou)(?<!\bme)\s+"
                      r"(?:both\s+|all\s+|still\s+|now\s+|just\s+)*"
                      r"(?:shows?|showing|appears?|appearing)\s+(?:up\s+)?(?:as\s+)?(?=(?:offline|online|down|red|green|yellow|"
                      r"unhealthy|healthy|dead|disconnected|stopped|exited|unavailable|errored|broken|grey|gray|inactive|"
                      r"unreachable)\b)", re.IGNORECASE)


# what something is compared with: "nicer than node red", "more reliable than duplicati", "compared to plex"
COMPARED = re.compile(r"(?P<adj>\b(?:(?!(?:other|rather|later|never|ever|over|under|after|either|neither|whether|together|"
                      r"sooner|longer|fewer|lower|higher|greater|larger|bigger|smaller|older|newer)\b)[a-z]{2,}er|better|worse|"
                      r"more\s+(?:reliable|stable|modern|polished|friendly|useful|powerful)))\s+than\s+(?!\d)"
                      r"(?:the\s+|our\s+|my\s+)?[\w.-]+(?:\s+(?!(?:for|and|but|so|then|on|in|with|at|to)\b)[\w-]+)?",
                      re.IGNORECASE)


# a ticket, incident or change said by its number: "per ticket #4471", "(ticket #4530)", "re INC-2291", "CHG-0419":
# where the request comes from, never a target or a count
TICKET = re.compile(r"\s*\(?(?:\b(?:as\s+)?(?:per|re:?|see|in|from|under|for|approved\s+in|via)\s+)?"
                    r"(?:(?:the\s+)?(?:\b[A-Z]{2,5}\s+)?"
                    r"(?:ticket|incident|change|case|issue|request|jira|rfc|cr|sr|escalation)\s*(?:no\.?|number)?\s*#?\s*\d{2,}\b|"
                    r"#\d{4,}\b|\b[A-Z]{2,6}-\d{2,6}\b)\s*\)?(?=\s|[,.;:!?]|$)")


# a stack said by the number in its name ("is 481 up?", "PR 503's worker", "#492", "customer 311", "c311"): its name,
# where nothing else reads the number (a port after "on" in a run, a count, a window, a tail)
CODED = re.compile(r"(?:(?<=[\s(,:;])|^)(?P<lead>(?:(?:customer|cust|client|tenant|pull\s+request|pr|mr)\s*[#-]?\s*)|#)?"
                   r"(?P<letters>[a-z]{1,3}(?=\d))?(?P<n>\d{2,6})(?P<poss>'s)?(?![\w./%-]|:\d)"
                   r"(?!\s*(?:lines?|minutes?|mins?|hours?|hrs?|seconds?|secs?|days?|weeks?|replicas?|copies|instances|"
                   r"containers?|times|x|gb|mb|ms|am|pm)\b)", re.IGNORECASE)
_CODED_AFTER = frozenset({'the', 'of', 'in', 'on', 'is', 'are', 'was',
                          'restart', 'stop', 'start', 'redeploy', 'deploy', 'remove', 'delete', 'pause', 'unpause', 'kill',
                          'update', 'pull', 'scale', 'logs', 'status', 'show', 'check', 'bounce', 'nuke', 'list', 'tail',
                          'rollback', 'roll', 'back', 'inspect', 'please', 'pls', 'then', 'also'})


def _stacks_by_number(text: str, state: State) -> str:
    """``text`` with each stack said by its number written as its name (see CODED)."""
    if not state.stacks or not re.search(r'\d\d', text):
        return text
    running_something = re.search(r'\b(?:run|deploy|install|spin\s+up|set\s+up|publish|expose|map)\b', text, re.IGNORECASE)

    def named(m: re.Match[str]) -> str:
        lead = (m.group('lead') or '').strip().lower().rstrip('#- ').strip()
        letters = (m.group('letters') or '').lower() or ('pr' if lead in ('pr', 'pull request') else '')
        stack = coded_stack(m.group('n').lstrip('0'), letters if letters and lead not in ('customer', 'cust', 'client',
                                                                                        'tenant') else '', state)
        if stack is None or m.group('n').lstrip('0') not in [p.lstrip('0') for p in stack.split('-') if p.isdigit()]:
            return m.group(0)   # (a code with letters, "c0311", is read by the resolver where a name is looked for)
        before = text[:m.start()].split()[-1:] or ['']
        word = before[0].lower().strip(',:;(')
        if not m.group('lead') and not m.group('letters') and not m.group('poss') and (word not in _CODED_AFTER and m.start() > 0
                                                               or word == 'on' and running_something):
            return m.group(0)
        return stack + (m.group('poss') or '')
    return CODED.sub(named, text)


# a restart said as the old trick: "give adminer the old off-and-on treatment", "do the on-off thing on x"
_OFF_ON = (r"(?:the\s+|an?\s+)?(?:good\s+)?(?:old\s+|classic\s+|quick\s+|usual\s+)?"
           r"(?:off[- ]and[- ]on(?:[- ]again)?|on[- ]and[- ]off|"
           r"off[- ]on|on[- ]off|turn[- ]it[- ]off[- ]and[- ]on(?:[- ]again)?)(?:\s+(?:treatment|trick|routine|thing|again))?")
OFF_AND_ON = re.compile(r"\b(?:give|do)\s+(?P<x>(?:the\s+)?[\w.'-]+(?:\s+[\w.-]+){0,2}?)\s+" + _OFF_ON + r"|"
                        r"\b(?:give|do|try)\s+" + _OFF_ON + r"\s+(?:on|to|with|for)\s+(?P<y>(?:the\s+)?[\w.-]+(?:\s+stack)?)",
                        re.IGNORECASE)


TERSE_SCALE = re.compile(r"^\W*(?P<stack>[\w.-]+?)(?:'s)?\s+(?P<service>[\w.-]+?)s?\s+(?:to|=|->|→|at)\s+"
                         r"(?P<n>\d{1,3}|zero|one|two|three|four|five|six|seven|eight|nine|ten)"
                         r"(?:\s+(?:replicas?|instances?|copies|containers?))?\s*(?:please|pls)?\s*[.!]*\s*$", re.IGNORECASE)


def _terse_scale(text: str, state: State) -> str:
    """A stack's service and a count, with no verb ("paperless web to 2"): a scale of that service."""
    said = TERSE_SCALE.match(text)
    if said is None:
        return text
    stack, service = said.group('stack').lower(), said.group('service').lower()
    if stack in state.stacks and any(b.service == service for b in state.stacks[stack]):
        return f'scale {stack} {service} to {said.group("n")}'
    return text


# the port inside, said aside after the one outside: "on 6343 (container port 6333)", "port 3100 (inside it's 8080)",
# "on 3002, it listens on 3001" (after "udp"/"tcp", PROTOCOL_SAID reads it)
_INSIDE_WORDS = (r"(?:the\s+)?(?:container(?:'s)?(?:\s+port)?|inside(?:\s+it'?s)?|internal(?:ly)?(?:\s+port)?|it\s+listens\s+on|"
                 r"listening\s+on|target(?:\s+port)?|in\s+the\s+container)")
INSIDE_ASIDE = re.compile(r"(?<!udp\s)(?<!tcp\s)\b(?P<h>\d{2,5})\s*(?:\(\s*" + _INSIDE_WORDS + r"\s*:?\s*(?:is\s+|it'?s\s+)?"
                          r"(?:port\s+)?(?P<c>\d{2,5})\s*\)|\s*,?\s+(?:it|which|that)\s+listens\s+on\s+(?:port\s+)?"
                          r"(?P<c2>\d{2,5})\b)", re.IGNORECASE)
# where a new container sits: "a second superset app container behind traefik" (no image to run)
BEHIND = re.compile(r"\b(?P<head>containers?|instances?|replicas?)\s+behind\s+(?:the\s+|our\s+)?(?:reverse[- ]\s*)?[\w.-]+"
                    r"(?:\s+proxy)?(?=\s*(?:[,.;!?]|$))", re.IGNORECASE)


# "the redis of nextcloud and the one of immich": the same role, of the second
THE_ONE_OF = re.compile(r"(?P<head>\bthe\s+(?P<role>[\w-]+)\s+(?:of|in|for|from|on)\s+[\w.'-]+\s+(?:and|&|plus)\s+)the\s+one\s+"
                        r"(?P<prep>of|in|for|from|on)\s+", re.IGNORECASE)
SHARED_OWNER = re.compile(r"\bthe\s+(?P<a>[\w-]+)\s+(?:and|&)\s+the\s+(?P<b>[\w-]+)\s+(?P<prep>of|in|on|from)\s+(?P<s>[\w.-]+)",
                          re.IGNORECASE)


def _shared_owner(text: str, state: State) -> str:
    """"the api and the worker of 503": each a service of that one stack."""
    def both(m: re.Match[str]) -> str:
        stack = m.group('s').lower()
        own = {b.service for b in state.stacks.get(stack, ())}
        if m.group('a').lower() in own and m.group('b').lower() in own:
            return f"the {m.group('a')} {m.group('prep')} {stack} and the {m.group('b')} {m.group('prep')} {stack}"
        return m.group(0)
    return SHARED_OWNER.sub(both, text)


def _the_stack(text: str, state: State) -> str:
    """"the stack" said after one stack was named: that stack ("redeploy 481 and then the status of the stack")."""
    named = [m for m in re.finditer(r"[\w.-]+", text) if m.group(0).lower() in state.stacks]
    if len({m.group(0).lower() for m in named}) != 1:
        return text
    first = named[0]
    rest = re.sub(r"(?<!\b(?:name|call)\s)\b(?:the|that|this)\s+stack\b(?!\s+(?:called|named)\b)", f"{first.group(0)} stack",
                  text[first.end():], flags=re.IGNORECASE)
    return text[:first.end()] + rest


# a step said not to be taken, as "without" and its -ing form: "pull the images of x without redeploying"
UNDONE = {'redeploying': 'redeploy', 're-deploying': 'redeploy', 'restarting': 'restart', 'recreating': 'recreate',
          'stopping': 'stop', 'removing': 'remove', 'deleting': 'delete', 'starting': 'start',
          'rebooting': 'reboot', 'rolling': 'roll', 'bouncing': 'bounce'}
WITHOUT_DOING = re.compile(r"\s*,?\s*\b(?:but\s+)?without\s+(?:actually\s+)?(?P<doing>" + '|'.join(UNDONE) + r")\b"
                           r"(?:\s+(?:it|them|anything|the\s+stack|the\s+containers?))?(?=\s*(?:[,.;!?]|$))", re.IGNORECASE)


# a template suggested rather than asked for: "what about a vaultwarden on 8226 …?", "how about minio for the backups",
# "ghost for my travel blog, maybe on 2376?", "a gitea for the interns would be great, on 3013?"
SUGGESTED = re.compile(r"^\s*(?:(?:so|and|ok|okay|hmm|then)[,\s]+)?(?:what|how)\s+about\s+(?P<rest>.+)$|"
                       r"^\s*(?P<wish>(?:an?\s+|some\s+)?[\w.+ -]{2,40}?\s+(?:for|so)\s+[^?!.]*?)\s*"
                       r"(?:would\s+be\s+(?:great|nice|good|handy|useful|awesome|cool|lovely|perfect)\s*,?\s*)?(?P<port>,?\s*(?:maybe\s+|"
                       r"perhaps\s+|probably\s+|ideally\s+)?(?:on|at)\s+(?:port\s+)?\d{2,5})\s*\?+\s*$", re.IGNORECASE)


def _suggested_template(text: str, state: State) -> str:
    """A template suggested ("what about a vaultwarden on 8226?", "ghost for my blog, maybe on 2376?"): a wish for it,
    when the words before "for" name one template (never a question about something that runs here)."""
    said = SUGGESTED.match(text)
    if not said:
        return text
    rest = said.group('rest') or said.group('wish')
    doing = re.match(r'(?P<g>[a-z]+ing)\b', rest.lower()) if said.group('rest') else None
    gerund = doing.group('g') if doing else ''
    base = next((b for b in (gerund[:-3], gerund[:-4], gerund[:-3] + 'e') if b in VERBS), None) if doing else None
    if base and doing:   # "how about restarting mailer?": that request, suggested
        return base + rest[doing.end():].rstrip(' ?')
    operation = re.match(r'(?:an?\s+)?(?:quick\s+)?(?P<op>restart|reboot|redeploy|bounce|update|stop|start)\s+(?:of\s+)?'
                         r'(?P<x>.+)$', rest.strip(' ?'), re.IGNORECASE) if said.group('rest') else None
    if operation:   # "what about a restart of traefik?": that request, suggested (never a new traefik)
        return f'{operation.group("op")} {operation.group("x")}'
    head = re.split(r'\s+(?:for|so|on|at|to)\s+', rest.strip(' ?'), maxsplit=1)[0]
    words = re.findall(r"[\w.+-]+", head.lower())
    ids, score = match_template([w for w in words if w not in ('a', 'an', 'some', 'the')], head.lower(), state.templates)
    if len(ids) != 1 or score < 12 and not set(ids[0].split('-')) <= set(words) or is_live(
            head.lower().removeprefix('the ').strip(), state):   # (every word of its name: "uptime kuma", "node red")
        return text
    if said.group('rest'):
        return 'deploy ' + re.sub(r'\?+\s*$', '', rest)
    return f"deploy {said.group('wish')} {said.group('port').strip(' ,')}"


# the image a container here runs, named by the container: "same image as lab-priya-1", "shop-api-1's image",
# "the image of the shop api", "the image the crm backend uses"
IMAGE_OF = re.compile(r"\b(?:the\s+)?same\s+image\s+as\s+(?:the\s+)?(?P<a>[\w.-]+(?:\s+[\w.-]+){0,2}?)"
                      r"(?=\s*(?:[,;.!?]|$|\s+(?:as|named|called|on|with|and|but|call|name)\b))|"
                      r"(?P<pre>\b(?:run|start|launch|use|using|pull|from|with|create|up)\s+)(?:the\s+(?P<b2>[\w.-]+\s+[\w.-]+)|"
                      r"(?P<b>[\w.-]+))'s\s+image\b|"
                      r"\bthe\s+image\s+(?:of|from)\s+(?:the\s+)?(?P<c>[\w.-]+(?:\s+[\w.-]+){0,2}?)(?=\s*(?:[,;.!?]|$|\s+(?:as|named|"
                      r"called|on|with|and|but|call|name)\b))", re.IGNORECASE)


def _image_of(text: str, state: State) -> str:
    """``text`` with an image named by the container that runs it ("same image as lab-priya-1") said as that image."""
    if not re.search(r'\b(?:run|start|launch|create|spin|fire|pull|new|another|second|copy|clone|make)\b', text, re.IGNORECASE):
        return text   # "what's mailer's image?": asked about, no image to use

    def image(m: re.Match[str]) -> str:
        said = (m.group('a') or m.group('b') or m.group('b2') or m.group('c')).lower()
        found = resolve([w for w in said.split() if w not in ('the', 'container', 'one')], state)
        box = state.container(found.containers[0]) if len(found.containers) == 1 and not found.ambiguous else None
        return f'{m.group("pre") or ""}the image {box.image}' if box is not None else m.group(0)
    return IMAGE_OF.sub(image, text)


# a request hedged or asked as a chance: "any chance you could bounce cache-03?", "I think docs needs a restart"
HEDGED = re.compile(r"(?:^|(?<=[.!?;]\s))\s*(?:(?:hi|hey|so|ok|okay)[,\s]+)?"
                    r"(?:i\s+(?:was|am|'m)\s+(?:just\s+)?(?:wondering|hoping)|i\s+wonder(?:ed)?)\s+"
                    r"(?:(?:whether|if|that)\s+)?(?:(?:it\s+)?(?:would|could|might)\s+be\s+(?:at\s+all\s+)?(?:possible|ok(?:ay)?|"
                    r"feasible)\s+(?:for\s+(?:you|u)\s+)?to\s+|(?:you|u)\s+(?:could|can|would|might)\s+(?:possibly\s+|kindly\s+)?)"
                    r"(?=[a-z])|"
                    r"^\s*(?:(?:hi|hey|so|ok|okay)[,\s]+)?(?:is\s+there\s+)?any\s+chance\s+"
                    r"(?:(?:you|u)\s+(?:could|can|would|might)\s+|(?:of\s+)?(?:you\s+)?(?:to\s+)?)(?=[a-z])|"
                    r"^\s*(?:i\s+(?:think|guess|believe|reckon|suspect)|probably|maybe)\s+(?:that\s+)?(?=[\w.'-]+(?:\s+[\w.'-]+){0,3}?\s+"
                    r"(?:needs|wants|could\s+use|could\s+do\s+with|requires|should\s+get)\s+(?:a\s+|another\s+)?"
                    r"(?:quick\s+|good\s+|fresh\s+)?(?:restart|reboot|redeploy|kick|bounce)\b)", re.IGNORECASE)


# what is being done elsewhere, said first as an -ing form: "Finally ditching lastpass - put vaultwarden on 8765"
GERUND_FIRST = re.compile(r"^\s*(?:(?:finally|so|just|now|slowly|currently|also)\s+)?(?P<v>[a-z]+ing)\s+(?:off\s+|away\s+from\s+|"
                          r"from\s+)?(?:our\s+|my\s+|the\s+)?(?P<x>[\w.-]+)\s*[-–—:;,.!]+\s+(?P<rest>(?P<next>[a-z]+)\b.*)$",
                          re.IGNORECASE)


ASKING_FIRST = ('please', 'pls', 'can', 'could', 'put', 'get', 'give', 'let')   # a request's first word, not a verb's
LEAVING = frozenset({'move', 'migrate', 'switch', 'leave', 'replace', 'retire', 'quit', 'abandon', 'cancel'})


# a paid service left, for one of our own: "stop paying for dropbox", "ditch google drive for something self hosted",
# "we're sick of paying for statuspage.io", "replace 1password with something we run", "get us off github"
LEFT_SERVICE = re.compile(r"^(?P<lead>.*?)\b(?:(?P<paid>(?:stop|quit)\s+paying\s+for|"
                          r"(?:sick|tired)\s+of\s+(?:paying\s+for|using)|"
                          r"pay(?:ing)?\s+(?:way\s+)?(?:too\s+much|so\s+much|a\s+lot)\s+for)|ditch(?:ing)?|replac(?:e|ing)|"
                          r"get(?:ting)?\s+(?:us\s+|me\s+)?off(?:\s+of)?|mov(?:e|ing)\s+(?:us\s+|me\s+)?(?:off(?:\s+of)?|away\s+from)|"
                          r"leav(?:e|ing)|cancel(?:l?ing)?|quit(?:ting)?|drop(?:ping)?)\s+(?:our\s+|my\s+|the\s+)?"
                          r"(?P<x>[a-z0-9][\w.]*(?:\s+(?!(?:for|with|and|to|by|subscription|account|plan)\b)[a-z0-9][\w.]*)?)"
                          r"(?P<rest>.*)$", re.IGNORECASE)
_OURS = r"(?:self[- ]?hosted|we\s+(?:run|host|own)|of\s+our\s+own|ourselves|in[- ]house|at\s+home|on\s+(?:our|my)\s+(?:own\s+)?" \
        r"(?:server|box|hardware|nas|machine))"
SOMETHING_OURS = re.compile(r"^(?:\s+(?:subscription|account|plan|license|licence)s?)?"
                            r"(?:\s*[,.;!-]+\s*|\s+(?:for|with|and|to|by)\s+)?"
                            r"(?:(?:set\s+up|host|run|deploy|get|use|install|give\s+(?:us|me))\s+)?(?:an?\s+|some\s+)?"
                            r"(?:(?:something|alternative|one|our\s+own|my\s+own|self[- ]?host\w*)"
                            r"(?:\s+(?:else|instead|of\s+our\s+own))?"
                            rf"(?:\s+(?:that\s+)?{_OURS})?|{_OURS})?"
                            r"(?:\s+(?:instead|please|pls|asap|now|here))*\s*[.!]*\s*$", re.IGNORECASE)


def _left_for_our_own(text: str, state: State) -> str:
    """A paid service said to be left, where a template is an alternative to it and nothing here has its name:
    one of our own set up in its place ("stop paying for dropbox" is a dropbox alternative)."""
    left = LEFT_SERVICE.match(text)
    if not left:
        return text
    instead = re.match(r'\s+(?:for|with|to|by)\s+(?:an?\s+|the\s+)?(?P<new>(?P<id>[a-z][\w-]*)\b.*)$', left.group('rest'),
                       re.IGNORECASE)
    if instead and not names_something(left.group('x').lower(), state) and instead.group('id').lower() in {
            t.id for t in state.templates}:   # "ditch dropbox for nextcloud on port 8090": that template, as said
        return f"set up {instead.group('new')}"
    if not SOMETHING_OURS.match(left.group('rest')) or not left.group('paid') and not re.search(
            r'\b(?:something|alternative|one|own|self[- ]?host\w*|instead|host|run|we|in[- ]house|at\s+home)\b',
            left.group('rest'), re.IGNORECASE):   # "cancel zapier" alone asks for nothing of ours; "stop paying for zapier" does
        return text
    alternatives = alternatives_to(state.templates)
    said = left.group('x').lower().split()
    for words in (said, said[:1]):
        name = re.sub(r'\.(?:io|com|app|net|org|co)$', '', ' '.join(words))
        if name in alternatives and not names_something(name, state):
            return f'set up a {name} alternative'
    return text


def _gerund_first(text: str, state: State) -> str:
    """A change of something that is not here, said as what one is doing ("moving off heroku, deploy n8n"),
    before a request: why, not a step."""
    said = GERUND_FIRST.match(text)
    verb = lemma(said.group('v').lower()) if said else None
    if not said or not (VERBS.get(verb or '') in ('remove', 'stop') or verb in LEAVING) \
            or names_something(said.group('x').lower(), state) or said.group('x').lower() in {*KINDS, *STATES} \
            or said.group('next').lower() not in {*VERBS, *ASKING_FIRST}:
        return text
    return said.group('rest')


# how long, said as what someone will find out first: "stop backup until we figure out what changed"
UNTIL_KNOWN = re.compile(r"\s*,?\s*\b(?:until|till|til|untill)\s+(?:we|i|you|they|someone|somebody|"
                         r"(?:the|our|my|their)(?:\s+[\w-]+){1,3}?)\s+"
                         r"(?:have\s+|has\s+|had\s+|'ve\s+|can\s+|could\s+|manage\s+to\s+)?(?:figure\w*|find\w*|found|knows?|"
                         r"fix\w*|sort\w*|understand\w*|investigate\w*|hear\w*|decide\w*|look\w*\s+(?:into|at)|work\w*\s+out|"
                         r"get\s+to\s+the\s+bottom|"
                         r"check\w*|see|saw|are\s+sure|'re\s+sure|am\s+sure|is\s+sure)\b[^.;!?]*|"
                         # what we will have done first: "pause it until we've put it behind the vpn"
                         r"\s*,?\s*\b(?:until|till|til|untill)\s+(?:we|i)\s*(?:'ve|'d|\s+have|\s+had|\s+can|\s+could)\s+"
                         r"(?!to\b)[a-z]+\b[^.;!?]*", re.IGNORECASE)
# a list that is a thing of the world, not a request to list: "a static site for our price list"
A_LIST_THING = re.compile(r"\b(?P<d>the|our|my|a|an|their|your|his|her)\s+(?P<n>(?!(?:container|stack|image|volume|network|full|"
                          r"complete|whole|entire|running|stopped|current|same|short|long|new|last|template|meantime|meanwhile)s?\b)"
                          r"[a-z]+)\s+list\b(?!\s+(?:my|our|the|all|every|any|each|of|what|which|its|their|them|it)\b)",
                          re.IGNORECASE)


BETTER_BEFORE = re.compile(r"\b(?:was|were|worked|ran|looked|used\s+to\s+be)\s+(?:\w+\s+)?(?:better|fine|ok|okay|good|great|"
                           r"faster|working)\s+(?:before|yesterday|last\s+(?:week|night)|earlier)\b", re.IGNORECASE)
# a template said with the one it is not: "deploy gitea, not gitlab", "ghost rather than wordpress", "not nextcloud, minio"
NOT_THAT = re.compile(r"(?:\s*[,;:-]\s*|\s+)(?:and\s+|but\s+|just\s+)?(?:not|rather\s+than|instead\s+of)\s+(?:the\s+|a\s+|an\s+)?"
                      r"(?P<x>[\w.-]+(?:\s+[\w.-]+)?)(?:\s+(?:one|template))?(?=\s*(?:[,.;!?]|$))|"
                      r"^\s*(?:no|not)\s+(?:the\s+|a\s+|an\s+)?(?P<x2>[\w.-]+(?:\s+[\w.-]+)?)\s*[,;:-]\s*", re.IGNORECASE)


def _not_that_template(text: str, state: State) -> str:
    """A template said beside the one it is not: the one not wanted is left out of the choice (it had made the
    choice a question between both, or deployed both)."""
    said = NOT_THAT.search(text)
    if said is None:
        return text
    other = (said.group('x') or said.group('x2')).lower()
    rest = (text[:said.start()] + ' ' + text[said.end():]).strip()
    rest_words = re.findall(r"[a-z0-9][\w.-]*", rest.lower())
    other_words = re.findall(r"[a-z0-9][\w.-]*", other)
    wanted, score = match_template(rest_words, rest.lower(), state.templates)
    unwanted, other_score = match_template(other_words, other, state.templates)
    if len(wanted) != 1 or score < 6 or other_score < 6 or wanted[0] in unwanted or any(
            state.container(w) is not None or w in state.stacks for w in other_words):
        return text
    return rest


def everyday(text: str, state: State) -> str:
    """``text`` with the everyday forms above said plainly."""
    text = UNTIL_KNOWN.sub('', text)   # "stop backup until we figure out what changed": stop backup
    text = _not_that_template(text, state)   # "deploy gitea, not gitlab": gitea
    if BETTER_BEFORE.search(text):   # "the shop was better before, put it back": its earlier revision, not a start
        text = re.sub(r"\bput\s+(it|them|the\s+[\w.-]+|[\w.-]+)\s+back\b(?!\s+(?:up|on|online|together))", r'roll \1 back', text,
                      flags=re.IGNORECASE)
    text = A_LIST_THING.sub(lambda m: m.group(0) if names_something(m.group('n').lower(), state) or m.group('n').lower() in KINDS
                            else f"{m.group('d')} {m.group('n')} roster", text)   # "the price list" is no list of containers
    text = _gerund_first(text, state)   # "Finally ditching lastpass - put vaultwarden on 8765": vaultwarden on 8765
    text = _left_for_our_own(text, state)   # "stop paying for dropbox", "ditch google drive for something self hosted"
    if not ALERT.search(text):   # (a pasted alert keeps its ticket: shorthand.pasted reads it whole)
        text = TICKET.sub(lambda m: m.group(0) if names_something(m.group(0).strip(' ()').lower(), state) else ' ', text)
        text = re.sub(r'^\s*[:>–—-]+\s*', '', text)   # "INC-6020: the last deploy …"
    text = _stacks_by_number(text, state)   # "is 481 up?", "PR 503's worker", "customer 311": the stack so numbered
    text = HEDGED.sub('', text)   # "any chance you could bounce cache-03?": the request itself
    text = _suggested_template(text, state)   # "what about a vaultwarden on 8226?", "ghost for my blog, maybe on 2376?"
    text = _image_of(text, state)   # "run the same image as lab-priya-1, call it lab-priya-2": that container's image
    text = WITHOUT_DOING.sub(lambda m: f", don't {UNDONE[m.group('doing').lower()]}",
                             text)   # "update the images of search without redeploying": a step not to take
    text = _quoted_then_done(relayed(text, state))   # "From Tom: 'redeploy x' - can you do that",
    # "Dave said to restart pihole", "From Jane: restart gitea", "…, Tom says we don't need it"
    text = MADE_TO.sub(lambda m: f'{"stop" if m.group("p").lower() in ("down", "offline") else "start"} {m.group("x")}'
                       if _names_any(m.group('x'), state) else m.group(0), text)   # "make the shop stack go down": stop it
    text = re.sub(r"\b(?:make|let)\s+(?:me|us)\s+(?:see|look\s+at|view|read|check|have\s+a\s+look\s+at)(?=\s+(?:the|its|their|"
                  r"his|her|all)\b)", 'show me', text,
                  flags=re.IGNORECASE)   # "make me see the logs of pihole": show them, never make a pihole
    text = ROLLED_OUT_AGAIN.sub(lambda m: f'redeploy {m.group("x") or m.group("y")}' if is_live(
        (m.group('x') or m.group('y')).lower().removeprefix('the '), state) else m.group(0),
        text)   # "roll the blog out again": a redeploy, no new blog
    text = re.sub(r"^(\s*(?:(?:please|pls|can\s+you|could\s+you)\s+)*)host\s+(?=(?:an?|some|our|my|me\s+an?|us\s+an?)\s)",
                  r'\1deploy ', text, flags=re.IGNORECASE)   # "host a ghost blog on 2369"
    if not re.match(r"\s*(?:which|what|how|are|is|did|does|do|any|who|when|where|why)\b", text, re.IGNORECASE):
        text = STOPPED_WORKING.sub('broke', text)   # "scanning stopped working, …": a symptom, never the state "stopped"
    text = NEEDS_DOING.sub(lambda m: m.group(0) if _names_only(re.split(r'[.!?;]', text[:m.start()])[-1], state)
                           else f'. {m.group("x")}', text)   # "scanning broke, paperless's web part needs a restart"
    text = re.sub(r"\b(using|eating|chewing|taking|sucking|gobbling|burning|hogging)\s+up\b", r'\1', text,
                  flags=re.IGNORECASE)   # "what's using up all the memory": no "up" of a state
    text = re.sub(r"\b(?P<on>on|in)\s+(?:the|our|my)\s+[\w-]+\s+(?:box|host|machine|vm|nas|server)(?=\s*(?:[?.!,;]|$))",
                  lambda m: m.group(0) if any(names_something(w, state) for w in re.findall(r"[\w.-]+", m.group(0).lower()))
                  else f"{m.group('on')} this server", text, flags=re.IGNORECASE)   # "on the GPU box": this host, no name
    if state.container('home') is None and 'home' not in state.stacks:   # "dns is being weird at home": a place, no name
        text = re.sub(r'\b(?:at|from|for)\s+(?:my\s+|our\s+)?home\b(?!\s*(?:-|assistant|page|lab|server|dir|folder))', ' ',
                      text, flags=re.IGNORECASE)
    text = THE_ONE_OF.sub(lambda m: f"{m.group('head')}the {m.group('role')} {m.group('prep')} ",
                          text)   # "the redis of nextcloud and the one of immich"
    text = _shared_owner(text, state)   # "the api and the worker of 503": both of 503
    text = _the_stack(text, state)   # "redeploy 481 and … the status of the stack": 481's
    text = _terse_scale(text, state)   # "paperless web to 2", "MR 230's worker to 3": a scale said without its verb
    text = OFF_AND_ON.sub(lambda m: f'restart {m.group("x") or m.group("y")}', text)   # "give adminer the off-and-on treatment"
    text = SHOWS_AS.sub(' are ', text)   # "music bot and modmail both show offline": how they look, never a list
    if '?' not in text:   # "install n8n, see if it's nicer than node red": no target ("is x faster than y?": both asked about)
        text = COMPARED.sub(lambda m: m.group('adj'), text)
    text = STRONG_NO.sub("don't ", text)   # "under no circumstances start x", "not that I'm asking you to stop x"
    text = re.sub(r"\b(?:and\s+)?i'?m\s+asking\s+(?:you\s+)?to\s+(?=[a-z])", '', text, flags=re.IGNORECASE)
    text = re.sub(r"(?:^|(?<=[.!?,;]\s))(?:let'?s\s+|please\s+)?start\s+with\s+(?=(?:the\s+)?[\w.-]+)", 'first ', text,
                  flags=re.IGNORECASE)   # "Start with rosewood and inkwell, then do the rest": an order, never a start
    text = SYMBOL_VERB.sub(lambda m: f' {SYMBOL_VERBS[m.group(0)[0]]} ', text)   # "inkwell ↻"
    text = HOURS_MINUTES.sub(lambda m: f'{int(m.group(1)) * 60 + int(m.group(2))}m', text)   # "since 1h30m": 90m
    text = TERSE_TAIL.sub(lambda m: m.group(0) if numbers_a_name(m.group('x').lower(), m.group('n'), state)
                          else f'last {m.group("n")} lines of logs of {m.group("x")}',
                          text)   # "logs portainer 200" (not "logs cron 4": cron-04)
    text = SIDES_SAID.sub(lambda m: f'{m.group("h") or m.group("h_") or m.group("h2")}:'
                                    f'{m.group("c") or m.group("c_") or m.group("c2")}',
                          text)   # "port 3004 outside 3000 inside", "port host 8095 container 80": 3004:3000
    text = re.sub(r'\b(\d{1,2})[.,]5\s*(hours?|hrs?|h)\b', lambda m: f'{int(m.group(1)) * 60 + 30} minutes', text,
                  flags=re.IGNORECASE)   # "since 1,5 hours": 90 minutes
    text = re.sub(r'\b(\d{2,5})\s*\(\s*(\d{2,5})\s+(?:inside|internally|in\s+the\s+container|container[- ]side)\s*\)', r'\1:\2',
                  text, flags=re.IGNORECASE)   # "on port 1884 (1883 inside)": 1884:1883
    text = INSIDE_ASIDE.sub(lambda m: f"{m.group('h')}:{m.group('c') or m.group('c2')}",
                            text)   # "on 6343 (container port 6333)", "on 3002, it listens on 3001"
    text = BEHIND.sub(r'\g<head>', text)   # "a second superset app container behind traefik": where it sits
    text = PROTOCOL_SAID.sub(_protocol_port, text)   # "host 34198 udp to container 34197": 34198:34197/udp
    text = NEEDED_THING.sub(lambda m: f'I need {m.group("what") or m.group("what2")} '.replace('  ', ' '),
                            text)   # "a blog is needed for the team", "let's have vaultwarden"
    # "the last shop update broke things": the last update of shop
    text = LAST_CHANGE_OF.sub(lambda m: f'{m.group("the")} {m.group("n")} of {m.group("x")}'
                              if m.group('x').lower() in state.stacks else m.group(0), text)
    text = re.sub(r'\b(the\s+following(?:\s+(?:containers|stacks|ones|services))?)\s*[-–—]+\s*', r'\1: ', text,
                  flags=re.IGNORECASE)   # "start the following - a, b, c - thanks": a list, as after a colon
    return text
