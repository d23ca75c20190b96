"""What people wrap a request in, taken off before the request is read: a letter's greeting and
sign-off ("Dear admin, … Kind regards, Priya"), courteous frames ("I should be most grateful if you
could …"), the scope said twice ("only the db in immich, not the whole stack"), parameters said as
sentences of their own ("new postgres 16 container. call it dev-db-2. port 8222."), a wish said as
what should be ("a and b should both be off"), lists typed like a CLI ("web-1,db-1"), versions said in
words ("mysql five point seven") and the force of a kill ("force-kill x").

``unwrapped(text, names)`` returns the request itself; ``names(word)`` says whether a word names
something here (a greeting to a live name, "hey Traefik, …", is that name, not a greeting).
"""
from __future__ import annotations

from collections.abc import Callable

from . import regex as re
from .clause import KNOWN_IMAGES

PARAM_FRAGMENT = re.compile(r"^\s*(?:(?:oh|and|also|plus|with)[\s,]+)*(?:port|ports|name|named|call(?:ed)?\s+it|called|"
                            r"stack(?:\s+name)?|password|passwd|pw|root(?:\s+password)?|admin(?:\s+\w+)?|user(?:name)?|database|db|restart|"
                            r"put\s+it\s+on|on\s+port|expose|publish|version|tag|env|volume|mount|data|timezone|tz|map)\b",
                            re.IGNORECASE)
CREATING = re.compile(r"\b(?:new|run|deploy|install|spin\s+up|set\s+up|create|launch|want|need|provision)\b|"
                      r"^\s*[\w.:/-]+(?:\s+\d[\w.]*)?\s*[.:]", re.IGNORECASE)
ALL_SAID = re.compile(r"(?:^|(?<=[.!;]))\s*(?:that\s+is\s+all|that'?s\s+(?:all|it)|thanks?(?:\s+you)?|thx|cheers)\s*[.!]*\s*$",
                      re.IGNORECASE)


SCOPE_SAID = re.compile(r"\s*,?\s*(?:but\s+)?not\s+(?:the\s+)?(?:whole|entire|full|complete|rest\s+of\s+the)\s+"
                        r"(?:stack|thing|lot|"
                        r"project|app)\b|\s*,?\s*(?:and\s+)?(?:only|just)\s+(?:that|this)\s+(?:one|container)\b(?:\s+please)?|"
                        r"\s*(?:[,;-]+\s*|\s+)(?:and\s+|but\s+|please\s+)*(?:leave|keep)\s+the\s+rest(?:\s+of\s+(?:the\s+)?[\w.-]+)?"
                        r"(?:\s+(?:stack\s+)?(?:alone|as\s+it\s+is|as\s+is|running|be|untouched))?|"
                        r"\s*[,;-]+\s*(?:and\s+|but\s+)?(?:nothing|none)\s+(?:else|of\s+the\s+(?:others|rest))"
                        r"(?:\s+(?:in|of|from|on)\s+(?:the\s+)?[\w.-]+(?:\s+stack)?)?(?:\s+please)?(?=\s*[.!]*\s*$)",
                        re.IGNORECASE)   # "restart just alertmanager, nothing else in monitoring"
LETTER_FRAME = re.compile(r"^\s*(?:dear\s+(?P<dear>[\w.'-]+(?:\s+[\w.'-]+){0,2}?)(?=\s*[,:!])|"
                          r"(?:hi|hello|hey|greetings)\s+(?P<who>all|team|admin|folks|everyone|there|colleagues?|support|friends?|"
                          r"(?-i:[A-Z][a-zA-Z]+))|"
                          r"good\s+(?:morning|afternoon|evening)(?:\s+(?:all|team|everyone|(?-i:[A-Z][a-z]+)))?|team|hi|hello|hey)"
                          r"\s*[,:!]\s*", re.IGNORECASE)
SIGN_OFF = re.compile(r"[,.!]?\s*\b(?i:(?:kind|best|warm|warmest|many)\s+(?:regards|wishes|thanks)|regards|best|cheers|"
                      r"thanks(?:\s+a\s+lot|\s+so\s+much|\s+in\s+advance)?|thank\s+you(?:\s+(?:so\s+much|in\s+advance))?|"
                      r"all\s+the\s+best|yours(?:\s+(?:truly|sincerely))?|sincerely|with\s+thanks|ty|thx)\s*[,!.]?\s*"
                      r"(?:[-–—]\s*)?(?P<who>[A-Z][a-z]*\.?(?:\s+[A-Z][a-z]*\.?)?)?\s*[.!]?\s*$")
# a farewell after the request ("stop x, see you", "… thx bye", "restart it. have a nice evening"): after a pause only
FAREWELL = re.compile(r"(?:[,.!;]|\s[-–—])\s*(?:(?:ok(?:ay)?|thanks|thx|ty)\s*[,!.]?\s*)?"
                      r"(?:see\s+(?:you|ya|u)(?:\s+(?:later|soon|tomorrow))?|"
                      r"cya|bye(?:\s*bye)?|ttyl|talk\s+(?:to\s+(?:you|u)\s+)?(?:later|soon|tomorrow)|good\s*night|gn8?|"
                      r"have\s+a\s+(?:nice|good|great|lovely)\s+(?:day|evening|night|weekend|one))\s*[.!]*\s*(?:[:;]-?[)D])?\s*$",
                      re.IGNORECASE)
COURTEOUS = re.compile(r"^\s*(?:(?:i|we)(?:\s+(?:should|would)|'d|\s+'d)\s+be\s+(?:most\s+|very\s+|really\s+|so\s+)?"
                       r"(?:grateful|thankful|obliged)\s+"
                       r"if\s+you\s+(?:could|would|can|might)|(?:might|may|could)\s+i\s+ask\s+you\s+to|"
                       r"(?:i|we)(?:\s+would|'d)\s+(?:really\s+)?appreciate\s+(?:it\s+)?if\s+you\s+(?:could|would|can)|"
                       r"(?:i|we)\s+(?:was|were)\s+wondering\s+if\s+you\s+(?:could|would|can)|would\s+it\s+be\s+possible\s+(?:for\s+you\s+)?to)\s+",
                       re.IGNORECASE)


VERSION_WORDS = {'zero': 0, 'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6, 'seven': 7, 'eight': 8, 'nine': 9,
                 'ten': 10, 'eleven': 11, 'twelve': 12, 'thirteen': 13, 'fourteen': 14, 'fifteen': 15, 'sixteen': 16,
                 'seventeen': 17, 'eighteen': 18, 'nineteen': 19, 'twenty': 20}
SPOKEN_VERSION = re.compile(r"\b(?P<image>" + '|'.join(sorted(KNOWN_IMAGES, key=len, reverse=True)) + r")\s+(?:version\s+|v)?"
                            r"(?P<major>" + '|'.join(VERSION_WORDS) + r"|\d{1,3})(?:\s+(?:point|dot)\s+(?P<minor>"
                            + '|'.join(VERSION_WORDS) + r"|\d{1,2}))?\b", re.IGNORECASE)
SAID_VERSION = re.compile(r"\b(?P<image>" + '|'.join(sorted(KNOWN_IMAGES, key=len, reverse=True)) + r")\s+version\s+(?=\d)",
                          re.IGNORECASE)


def versions_in_words(text: str) -> str:
    """"mysql five point seven", "postgres sixteen", "mysql version 8.4": the image's version as it is written."""
    def written(match: re.Match[str]) -> str:
        def number(said: str) -> str:
            return said if said.isdigit() else str(VERSION_WORDS[said.lower()])
        minor = match.group('minor')
        if match.group('major').isdigit() and not minor or match.group('major').lower() == 'one' and not minor:
            return match.group(0)   # "the redis one" is a redis, not redis 1
        return f'{match.group("image")} {number(match.group("major"))}' + (f'.{number(minor)}' if minor else '')
    return SPOKEN_VERSION.sub(written, SAID_VERSION.sub(lambda m: f'{m.group("image")} ', text))


# please and thanks in the writer's own language, said around an English request ("restart vault, grazie",
# "is adguard up? shukran", "bitte stop x"): courtesy, never a name
OWN_COURTESY = re.compile(r"(?:^|[,;.!?]?\s+)(?:grazie(?:\s+mille)?|merci(?:\s+beaucoup)?|danke(?:\s+sch[oö]n)?|vielen\s+dank|"
                          r"(?:muchas\s+)?gracias|obrigad[oa]|bitte(?:\s+sch[oö]n)?|por\s+favou?r|per\s+favore|"
                          r"s'il\s+(?:vous|te)\s+pla[iî]t|shukran|shukriya|kamsahamnida|gamsahamnida|arigat[oō]u?(?:\s+gozaimasu)?|"
                          r"xie\s*xie|xièxie|spasibo|dzi[eę]kuj[eę]|dzi[eę]ki|bedankt|dank\s*je(?:wel)?|kiitos|hvala|"
                          r"te[sş]ekk[uü]rler|te[sş]ekk[uü]r\s+ederim|dhanyavaa?d|dhanyawaa?d|prego|alstublieft|proszę|prosze|"
                          r"pozhaluysta|onegaishimasu)(?=\s*[,;.!?]*\s*$|\s*[,;.!]\s*|\s+(?=\w))[,;.!]*", re.IGNORECASE)


def unwrapped(text: str, names: Callable[[str], bool]) -> str:
    """The request without what it was wrapped in (see the module's docstring)."""
    text = LETTER_FRAME.sub(lambda m: m.group(0) if names((m.group('who') or m.group('dear') or '').lower()) else '',
                            SIGN_OFF.sub(lambda m: m.group(0) if names((m.group('who') or '').lower()) else '',
                                         text))   # "Dear admin, … Kind regards, Priya": the message inside
    text = FAREWELL.sub('', text)   # "stop mailer, see you": the request
    text = OWN_COURTESY.sub(' ', text).strip()   # "restart the vault and the caddy, grazie": the request
    text = COURTEOUS.sub('', text)   # "I should be most grateful if you could stop x": the request
    text = re.sub(r"^\s*(?:(?:kindly|please|pls|could\s+you|can\s+you|would\s+you)\s+)*"
                  r"(?:tell\s+me|may\s+i\s+know|i'?d\s+like\s+to\s+know)\s+(?=(?:which|what|how|when|where|who)\b)", '', text,
                  flags=re.IGNORECASE)   # "kindly tell me which image vpn is built from": the question
    text = re.sub(r'\bpassword[- ]protected\s+', '', text, flags=re.IGNORECASE)   # "a password protected redis": no password yet
    text = re.sub(r'\b(docker\s+(?:container\s+)?rm)\s+(?:-f|--force)(?=\s+[\w.-]+(?:\s+[\w.-]+)*\s*$)', r'\1', text,
                  flags=re.IGNORECASE)   # "docker rm -f x": a removal (asked to confirm), not a shell's rm -f
    text = re.sub(r'(?<!\S)--(publish|env|volume|name|restart)=', lambda m: {'publish': '-p ', 'env': '-e ', 'volume': '-v '}.get(
        m.group(1).lower(), f'--{m.group(1)} '), text, flags=re.IGNORECASE)   # "--publish=5050:80" is "-p 5050:80"
    text = re.sub(r"(?:\b(?:its|the)\s+|(?<![\w/.-]))(?P<path>/[\w/.-]+)\s+(?:persisted|stored|kept|saved|mounted)\s+"
                  r"(?:to|on|in|into)\s+"
                  r"(?:the\s+)?(?:named\s+)?volume\s+(?!(?:called|named)\b)(?P<v>[A-Za-z][\w.-]*)\b|(?:\b(?:its|the)\s+|(?<![\w/.-]))(?P<path2>/[\w/.-]+)\s+(?:persisted|stored|kept|saved)\s+"
                  r"(?:to|on|in|into)\s+(?:the\s+)?(?!(?:an?|my|our|its)\s)(?P<v2>[A-Za-z][\w.-]*)\s+volume\b",
                  lambda m: f'-v {m.group("v") or m.group("v2")}:{m.group("path") or m.group("path2")}', text,
                  flags=re.IGNORECASE)   # "redis:7 with its /data persisted to volume cache-data"
    text = re.sub(r"\b(?:its\s+|the\s+)?data\s+(?:on|in|persisted\s+to|stored\s+(?:on|in)|kept\s+(?:on|in))\s+(?:the\s+)?"
                  r"(?:(?:named\s+)?volume\s+(?!(?:called|named)\b)(?P<v>[A-Za-z][\w.-]*)|(?!(?:an?|the|my|our|its)\s)"
                  r"(?P<v2>[A-Za-z][\w.-]*)\s+volume)\b",
                  lambda m: f'a volume called {m.group("v") or m.group("v2")}', text,
                  flags=re.IGNORECASE)   # "postgres 16, data on the pgdata volume"
    text = re.sub(r'\b(?:crank|turn|bump|dial)\s+(?P<what>[\w./-]+(?:\s+[\w./-]+)?)\s+up\s+to\s+(?P<n>\d{1,3})\b',
                  r'scale \g<what> to \g<n>', text, flags=re.IGNORECASE)   # "crank git-gitea up to 5"
    text = re.sub(r"\b((?:i|we)(?:'d|\s+would)?\s+(?:like|want|need))\s+to\s+have\s+", r'\1 ', text,
                  flags=re.IGNORECASE)   # "I'd like to have a reverse proxy running here"
    text = re.sub(r"^\s*what\s+(?:i|we)\s+(?:really\s+)?(?:need|want)\s+is\s+"
                  r"(?=[\w.-]+\s+(?:on|here|running|for)\b|[\w.-]+\s*[.!]*$)",
                  'I need ', text, flags=re.IGNORECASE)   # "what I need is vaultwarden on this box"
    text = SCOPE_SAID.sub('', text)   # "restart only the db in immich, not the whole stack": the db, as said
    text = fragments_joined(text)
    text = re.sub(r'(?<=[\w.-]),(?=[\w.-])', lambda m: ', ' if _comma_between_names(text, m.start(), names) else ',',
                  text)   # "pause web-1,db-1,vpn": a list said like a CLI
    text = re.sub(r'\b(?:force|forcibly|hard)[\s-]+(kill|stop|remove|delete|rm)\b|\b(kill)\s+-9\b', r'\1\2', text,
                  flags=re.IGNORECASE)   # "force-kill x", "hard kill x", "kill -9 x": the op itself
    text = re.sub(r'(?:(?<=\bit)|(?<=\bthem)|(?<=\bthat)|(?<=\bthis))\s+(?:as\s+well|aswell|too)(?=\s*(?:[.!,;]|$))|'
                  r'\b(?<=i\s)also\s+(?=need|want)|(?<=we\s)also\s+(?=need|want)',
                  '', text, flags=re.IGNORECASE)   # "remove it as well", "I also need its logs"
    return text


def fragments_joined(text: str) -> str:
    """"new postgres 16 container. call it dev-db-2. password x. port 8222.": the parameters said as
    sentences of their own belong to the request that creates something."""
    text = ALL_SAID.sub('', text)
    sentences = re.split(r'(?<=[.!])\s+(?=\S)', text)
    if len(sentences) < 2 or not CREATING.search(sentences[0]):
        return text
    joined = [sentences[0]]
    for sentence in sentences[1:]:
        if PARAM_FRAGMENT.match(sentence):
            joined[-1] = joined[-1].rstrip(' .!') + ', ' + sentence.rstrip(' .!')
        else:
            joined.append(sentence)
    return ' '.join(joined)


def _comma_between_names(text: str, at: int, names: Callable[[str], bool]) -> bool:
    left = re.search(r'[\w.-]+$', text[:at])
    right = re.match(r'[\w.-]+', text[at + 1:])
    return bool(left and right and names(left.group(0).lower())
                and names(right.group(0).lower()))
