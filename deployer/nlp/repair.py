"""Self-repair: a person corrects what they said in the same message, and the correction wins.

People type the way they talk: "stop a and b - wait, no, just a", "pause mailer, no scratch that, pause web",
"restart x and y, actually leave y alone", "deploy ghost on 8443... actually make that 9443", "run it named
scratch - no wait, call it dev", "mysql 8 with root password abc, sorry, I mean xyz", "…, correction: database
wiki", "…, oh and use 8081 instead of 8443". What a correction takes back is never done: reading both halves
would act on the very target the person withdrew.

``corrected(text, names)`` rewrites the message into what was finally meant, before anything else reads it,
and says how it read it (the plan shows that line, so a wrong reading is visible before anything runs). A
correction is recognised by its marker ("wait, no", "sorry", "I meant", "scratch that", "correction:",
"make that", "or rather"; a weak marker such as "actually", "hmm" or "no" only together with the shape of a
correction) and by the shape of what follows it:

* leaving something out — "leave y alone", "not y", "skip y", "without y": the request before, except y;
* narrowing — "just a", "only a", "I meant a": the request before, on a alone (if a was not in it, a takes
  the place of the last thing named);
* a new request — "pause web": the last request before it is dropped, this one is read;
* a new value — "make that 9443", "call it dev", "I mean xyz", "database wiki", "use 8081 instead of 8443":
  the value it replaces is changed where it was said.

Anything else after a marker is not a correction ("restart x, actually restart y too" keeps both).
"""
from __future__ import annotations

from collections.abc import Callable

from . import regex as re
from .clause import VERBS

STRONG = r"(?:wait|no\s+wait|sorry|oops|my\s+bad|scratch\s+that|strike\s+that|correction|i\s+meant?|make\s+(?:that|it)|" \
         r"or\s+rather|rather|no\s+no|nah|on\s+second\s+thoughts?|second\s+thoughts?)"
WEAK = r"(?:no|nope|actually|hm+|um+|uh+|er+m?|oh|ah|well|ok|okay|instead)"
# the marker: after a comma, a dash, an ellipsis, a full stop or a semicolon, or a strong one unpunctuated ("stop x no
# wait restart it"); one or more marker words
MARK = re.compile(r"(?:\s*(?:,|;|\.{2,}|…|(?<=\s)[-–—]+|[.!?](?=\s))\s*|"
                  r"\s+(?=(?:no\s+wait|wait\s+no|no\s+no|scratch\s+that|strike\s+that|sorry\s+i\s+meant?|oops)\b))"
                  r"(?P<mark>(?:(?:" + STRONG + "|" + WEAK + r")\b[\s,:.!…-]*)+)", re.IGNORECASE)
BARE = re.compile(r"(?:\s*(?:\.{2,}|…|(?<=\s)[-–—]+)\s*)(?P<mark>)(?=(?:not|leave|skip|without)\s)",
                  re.IGNORECASE)   # "a, b and c... not c actually"
STRONG_RE = re.compile(r"\b" + STRONG + r"\b", re.IGNORECASE)
VALUE_MARK = re.compile(r"\b(?:make\s+(?:that|it)|i\s+meant?)\s*[,:]?\s*$", re.IGNORECASE)

NAME = r"(?:the\s+)?(?P<x>[\w.-]+(?:\s*(?:,|and|&)\s*(?:the\s+)?[\w.-]+)*)"
# the same, each name said in one or two words: "sorry, the shop worker"
NAMES = r"(?:the\s+)?(?P<x>[\w.-]+(?:\s+[\w.-]+)?(?:\s*(?:,|and|&)\s*(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?)*)"
LEAVE_OUT = re.compile(r"^(?:(?:and|but|just|please|pls)\s+)*(?:leave|keep|skip|spare|not|except|without|minus|"
                       r"don'?t\s+(?:touch|do|\w+))\s+" + NAME +
                       r"(?:\s+(?:alone|out(?:\s+of\s+it)?|be|as\s+(?:it\s+is|is)|running|untouched|off\s+the\s+list))?"
                       r"(?:\s+(?:actually|then|please|pls|though|after\s+all))?\s*[.!]*$", re.IGNORECASE)
# what is kept, then the request meant instead: "leave jellyfin alone and pause immich's ml thing instead"
LEAVE_THEN = re.compile(r"^(?:(?:and|but|just|please|pls|so)\s+)*(?:leave|keep)\s+(?P<x>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?)\s+"
                        r"(?:alone|running|be|as\s+it\s+is|up|untouched|on)\s*(?:,\s*|\s+)(?:and\s+|but\s+)?"
                        r"(?:(?:just|only|instead|then)\s+)*(?P<rest>[a-z][\w'-]*\b.*)$", re.IGNORECASE)
ONLY = re.compile(r"^(?:(?:and|but|please|pls)\s+)*(?:(?:just|only)\s+(?:do\s+)?|i\s+meant?\s+|make\s+(?:that|it)\s+)?"
                  + NAMES + r"(?:\s+(?:only|then|please|pls|instead))?\s*[.!]*$", re.IGNORECASE)
NAMING = re.compile(r"^(?:(?:and|but|please|pls|then)\s+)*(?:call|name)\s+it\s+(?P<value>[\w.-]+)\s*[.!]*$", re.IGNORECASE)
NAMED = re.compile(r"\b(?:named|called|call\s+it|name\s+it|name|as)\s+([\w.-]+)", re.IGNORECASE)
NUMBER = re.compile(r"^(?:(?:and|but|please|pls)\s+)*(?:use|take|try|put\s+it\s+on|on)?\s*(?:port\s+)?(?P<value>\d{1,5})"
                    r"(?:\s+instead)?\s*[.!]*$", re.IGNORECASE)
KEYED = re.compile(r"^(?P<key>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s*(?:[:=]|\s+is|\s+should\s+be)?\s+(?P<value>\S+?)\s*[.!]*$",
                   re.IGNORECASE)
TOKEN = re.compile(r"^(?P<value>[\w.@#%+!-]*[\d@#%+!._-][\w.@#%+!-]*)\s*[.!]*$")   # a value, not a word
INSTEAD = re.compile(r"(?:\s*,\s*|\s+)(?:(?:oh|and|but|actually|please|pls|so)[\s,]+)*(?:use|take|pick|go\s+with|make\s+it)\s+"
                     r"(?:port\s+)?(?P<new>[\w.-]+)\s+instead\s+of\s+(?:port\s+)?(?P<old>[\w.-]+)", re.IGNORECASE)
ADDITIVE = re.compile(r"\b(?:too|also|as\s+well|aswell|additionally|in\s+addition|and\s+then)\b", re.IGNORECASE)
BOUNDARY = re.compile(r"(?:^|,|;|\.\s|\bthen\b)\s*", re.IGNORECASE)
HEAD_END = re.compile(r"\s*(?:,\s*|;\s*|\.\s+|\s+)(?:(?:and\s+)?then|after\s+that|afterwards)\b|\s*[;]|\.\s+(?=\w)",
                      re.IGNORECASE)
# the words that take a whole request back, and those said on the way to them ("wait, no", "actually never mind")
CANCEL = r"(?:no|nope|nah|never\s*mind|nvm|cancel\s+(?:that|it)|forget\s+(?:it|that|about\s+it)|ignore\s+(?:that|it)|" \
         r"scratch\s+that|strike\s+that|do\s+not|don'?t)"
RETRACTED = re.compile(r"(?:\s*(?:,|;|\.{2,}|…|(?<=\s)[-–—]+|[.!?])\s*)"
                       r"(?:(?:oh|hmm+|um+|uh+|actually|wait|sorry|" + CANCEL + r")\b[\s,.!…-]*)*"
                       + CANCEL + r"(?:\s+wait)?[\s,.!…-]*$", re.IGNORECASE)
ON_SECOND_THOUGHT = re.compile(r"(?<=[,;.])\s*(?:actually|on\s+second\s+thought)\s*,?\s+(?=[a-z])", re.IGNORECASE)
READ_SAID = re.compile(r"^(?:the|its|their|his|her)\s+(?:\w+\s+)?(?:status|state|logs?|stats|history|health|ports?|"
                       r"uptime|memory|cpu)\b", re.IGNORECASE)
NUMBERS = re.compile(r"(?<![\w.:/-])\d{1,5}(?![\w.:/-])")   # a count too: "2 replicas, no wait, 3"


def withdrawn(text: str) -> bool:
    """The message ends by taking the whole request back: "remove mailer - wait, no", "delete blog...
    actually no, do not", "stop traefik, never mind"."""
    return bool(RETRACTED.search(text)) and bool(re.search(r'\w', RETRACTED.sub('', text)))


def corrected(text: str, names: Callable[[str], bool]) -> tuple[str, str | None]:
    """The message as finally meant, and a line saying how a correction was read (None: no correction)."""
    original = text
    text = _instead(text)
    part = PART_SAID.search(text)
    if part and (without := _without_part(text[:part.start()], part.group('which').lower())) is not None:
        text = without + text[part.end():]   # "…, scratch the last one", ". forget the first part"
    for _ in range(4):   # "a and b - no, just a ... sorry, I meant c": each correction on what stands before it
        repaired = _first_repair(text, names)
        if repaired is None:
            break
        text = repaired
    said = text != original
    text = ON_SECOND_THOUGHT.sub(' ', text)   # "restart x, actually restart y too": no correction, one word less
    if not said:
        return text, None
    return text, f'You corrected yourself: read as "{" ".join(text.split())[:160]}".'


def _instead(text: str) -> str:
    """"…, oh and use 8081 instead of 8443": 8443 becomes 8081 where it was said."""
    match = INSTEAD.search(text)
    if not match:
        return text
    before, old, new = text[:match.start()], match.group('old'), match.group('new')
    said = list(re.finditer(rf"(?<![\w.-]){re.escape(old)}(?![\w-])", before, re.IGNORECASE))
    if not said:
        return text
    last = said[-1]
    return before[:last.start()] + new + before[last.end():] + text[match.end():]


def _first_repair(text: str, names: Callable[[str], bool]) -> str | None:
    for mark in [*MARK.finditer(text), *BARE.finditer(text)]:
        before = text[:mark.start()].rstrip(' ,.;-–—…')
        if not re.search(r'\w', before):
            continue   # "sorry, can you restart x": an apology, nothing to take back
        rest = text[mark.end():]
        cut = HEAD_END.search(rest)
        head, tail = (rest[:cut.start()], rest[cut.start():]) if cut else (rest, '')
        head = head.strip(' ,.;:!-–—…')
        strong = bool(STRONG_RE.search(mark.group('mark')))
        repaired = _repair(before, head, mark.group('mark'), strong, names)
        if repaired is not None:
            return repaired + tail
    return None


def _repair(before: str, head: str, mark: str, strong: bool, names: Callable[[str], bool]) -> str | None:
    if not head or ADDITIVE.search(head):
        return None
    part = PART_TAKEN_BACK.match(head)
    if part:   # "stop mailer and restart vpn - actually, never mind the second part": the first alone
        return _without_part(before, part.group('which').lower())
    kept_then = LEAVE_THEN.match(head)
    if kept_then and VERBS.get(kept_then.group('rest').split()[0].lower()) and (
            kept_then.group('x').lower() in ('it', 'them', 'that', 'those') or _all_names(kept_then.group('x'), names)):
        # "pause jellyfin... actually no, leave jellyfin alone and pause immich's ml instead", "stop job-04 - hm, on second
        # thought leave it running and just show me its logs": the step before is taken back for what was kept
        start = len(_without_last_request(before))
        named = [w for w in re.findall(r"[\w.-]+", before[start:]) if names(w.lower()) and not VERBS.get(w.lower())]
        kept = {w.lower() for w in re.findall(r"[\w.-]+", kept_then.group('x'))} - {'the', 'it', 'them', 'that', 'those'}
        request = kept_then.group('rest')
        if named and re.match(r'(?:it|them|that|those)$', kept_then.group('x'), re.IGNORECASE):
            request = re.sub(r"\bits\b", f"{named[-1]}'s", re.sub(r'\b(?:it|them)\b', named[-1], request, count=1), count=1)
        gone = not kept or {w.lower() for w in named} <= kept
        earlier = before[:start] if gone else f'{before} except {kept_then.group("x")}'
        return f'{earlier.rstrip(" ,.;")}, then {request}' if earlier.strip(' ,.;') else request
    leave = LEAVE_OUT.match(head)
    if leave and _all_names(leave.group('x'), names):
        return f'{before} except {leave.group("x")}'
    naming = NAMING.match(head)
    if naming and (strong or NAMED.search(before)):
        value = naming.group('value')
        if NAMED.search(before):
            last = list(NAMED.finditer(before))[-1]
            return before[:last.start(1)] + value + before[last.end(1):]
        return f'{before} named {value}'
    number = NUMBER.match(re.sub(r'\s*,?\s+(?:and\s+)?not\s+(?:port\s+)?\d{1,5}\s*[.!]*$', '', head, flags=re.IGNORECASE))
    # ↑ "on port 8181? sorry, 8182, not 8181": the number it replaces, said again
    if number and (strong or re.search(r'\binstead\b', head + mark, re.IGNORECASE)):
        said = list(NUMBERS.finditer(before))
        if said:
            last = said[-1]
            return before[:last.start()] + number.group('value') + before[last.end():]
    head = re.sub(r'\s+i\s+mean(?:t)?\s*[.!]*$', '', head, flags=re.IGNORECASE)   # "no, paperless-broker-1 I mean"
    unsaid = re.search(r'\s*,?\s+(?:and\s+)?not\s+(?:to\s+)?(?P<v>[a-z]+)\s*[.!]*$', head, re.IGNORECASE)
    if unsaid and VERBS.get(unsaid.group('v').lower()) and re.search(rf"\b{unsaid.group('v')}\b", before, re.IGNORECASE):
        head = head[:unsaid.start()].strip(' ,')   # "kill mailer - sorry, stop, not kill": the verb it replaces, said again
    taken_back = re.search(r'\s*,?\s+(?:and\s+)?not\s+(?:the\s+)?(?P<x>[\w.-]+)\s*$', head)
    if taken_back and names(taken_back.group('x').lower()) and re.search(
            rf"(?<![\w.-]){re.escape(taken_back.group('x'))}(?![\w-])", before, re.IGNORECASE):
        head = head[:taken_back.start()]   # "make that api-07, not media-radarr-1": the name it replaces, said again
    denied = re.search(r'\b(?:no|nope|nah)\b\s*[,.!…]|\bno\s+(?:wait|sorry)\b', mark, re.IGNORECASE)
    hesitated = bool(re.search(r'\b(?:er+m?|uh+|um+)\b', mark, re.IGNORECASE)) and not re.match(
        r'\s*(?:and|plus|also|as\s+well)\b', head, re.IGNORECASE)   # "the crm, err, the blog"; not "the crm, um, and the blog"
    own = re.match(r'^(?:(?:and|but|please|pls)\s+)*(?:(?:just|only)\s+)?(?:its|their)\s+', head, re.IGNORECASE)
    head = re.sub(r'(?<=\w)\s+one\s*([.!]*)$', r'\1', head)   # "no actually just the wordpress one": the wordpress
    only = ONLY.match(head[:own.start()] + 'the ' + head[own.end():] if own else head)
    if only and _all_names(only.group('x'), names) and (strong or re.match(r'\s*(?:just|only)\b', head, re.IGNORECASE)
                                                         or re.search(r'\b(?:no|nope|nah|actually)\b', mark, re.IGNORECASE)
                                                         or hesitated):
        # "restart jellyfin... actually syncthing": syncthing; "redeploy the crm, err, the blog": the blog
        whole = re.search(r'\b(?:the\s+)?(?:whole|entire|full)\s+(?P<s>[\w.-]+)\s+stack\b', before, re.IGNORECASE)
        if whole and re.match(r'\s*(?:just|only)\b', head, re.IGNORECASE):   # "restart the whole blog stack.. no actually
            return before[:whole.start()] + f'{whole.group("s")} {only.group("x")}' + before[whole.end():]   # just the wordpress"
        return _narrowed(before, only.group('x'), names, own=own is not None)   # "restart the shop, no, just its api"
    words = head.lower().split()
    if len(words) > 1 and words[0] in ('first', 'firstly'):
        words, head = words[1:], head.split(None, 1)[1]   # "start x.. no wait. first stop the crm and then remove it"
    narrowed = bool(words) and words[0] in ('just', 'only') and len(words) > 1 and bool(VERBS.get(words[1]))
    if narrowed:
        words, head = words[1:], head.split(None, 1)[1]   # "…, no, just show the logs": the request is "show the logs"
    if words and VERBS.get(words[0]) and (strong or hesitated or denied and (len(words) > 1 or narrowed)):   # "…, no restart"
        if any(names(w.strip('.,!?')) for w in words[1:]):   # "pause mailer, no scratch that, pause web"
            return _without_last_request(before) + head
        if len(words) >= 2 and words[1] in ('it', 'them', 'that', 'those') and (len(words) == 2 or all(
                w.endswith('ly') or w in ('instead', 'please', 'pls', 'now') for w in words[2:])):
            # "stop x; scratch that, restart it", "kill the vpn, er, stop it gracefully"
            start = len(_without_last_request(before))
            verb = re.match(r"[\w'-]+", before[start:])
            if verb and start < len(before):
                return before[:start] + head.split()[0] + before[start + verb.end():]
        start = len(_without_last_request(before))
        named = [w for w in re.findall(r"[\w.-]+", before[start:]) if names(w.lower()) and not VERBS.get(w.lower())]
        if start < len(before) and named and not any(names(w.strip('.,!?')) for w in words[1:]) and not re.search(
                r'\bagain\b', head, re.IGNORECASE):   # (but "stop x, wait, start it again": one after the other)
            # "open a shell in jellyfin… no, just show the logs": the new request, on what the one it replaces named
            return f'{before[:start]}{head}{" of" if len(words) > 1 else ""} {" and ".join(dict.fromkeys(named))}'
    if strong and READ_SAID.match(head):   # "show the logs of x. scratch that, the status (of x)": the status
        start = len(_without_last_request(before))
        named = [w for w in re.findall(r"[\w.-]+", before[start:]) if names(w.lower()) and not VERBS.get(w.lower())]
        if any(names(w.strip('.,!?').lower()) for w in words[1:]) or not named:
            return f'{before[:start]}show {head}'
        return f'{before[:start]}show {head} of {" and ".join(dict.fromkeys(named))}'
    if strong:
        keyed = KEYED.match(head)
        if keyed and not names(keyed.group('value').lower()):
            key = re.escape(keyed.group('key'))
            said = list(re.finditer(rf"\b{key}\s*(?:[:=]|\s+is|\s+of)?\s+(?P<old>[^\s,;]+)", before, re.IGNORECASE))
            if said:
                last = said[-1]
                return before[:last.start('old')] + keyed.group('value') + before[last.end('old'):]
        token = TOKEN.match(head)
        if token and VALUE_MARK.search(mark) or token and re.search(r'\bi\s+meant?\b', mark, re.IGNORECASE):
            last_word = re.search(r'(?P<old>[^\s,;]+)\s*$', before)
            if last_word and not names(last_word.group('old').lower()) and TOKEN.match(last_word.group('old')):   # a value
                # replaced by a value: "on 8080 - make it 8081"; never a word ("builds are queueing - make it 3")
                return before[:last_word.start('old')] + token.group('value')
    return None


def _all_names(said: str, names: Callable[[str], bool]) -> bool:
    parts = [p for p in re.split(r'\s*(?:,|\band\b|&)\s*(?:the\s+)?', said.strip()) if p]
    return bool(parts) and all(all(names(w) for w in p.lower().split()) for p in parts)   # "vpn", "shop worker"


def _narrowed(before: str, only: str, names: Callable[[str], bool], *, own: bool = False) -> str:
    """The request before on ``only``: the other things it named left out, or ``only`` in place of the last one
    (the part of it, when ``own``: "restart the shop, no wait, just its api" is the shop's api)."""
    kept = {p.lower() for p in re.split(r'\s*(?:,|\band\b|&)\s*(?:the\s+)?', only.strip()) if p}
    named = [m for m in re.finditer(r"[\w.-]+", before) if names(m.group(0).lower())]
    if own and named:
        return f'{before[:named[-1].start()]}{named[-1].group(0)} {only}{before[named[-1].end():]}'
    said = {m.group(0).lower() for m in named}
    if kept <= said:
        dropped = [m.group(0) for m in named if m.group(0).lower() not in kept and not VERBS.get(m.group(0).lower())]
        return f'{before} except {" and ".join(dict.fromkeys(dropped))}' if dropped else before
    if named and any(' ' in k for k in kept):   # "the shop api and docs - sorry, the shop worker and docs": a new list
        return before[:named[0].start()] + only + before[named[-1].end():]
    inside = {n for n in said if any(k in re.split(r'[-_.]', n) for k in kept)}
    if inside and inside != said:   # "remove api-03 and db-01. Actually, only the api": the one that is an api
        dropped = [m.group(0) for m in named if m.group(0).lower() not in inside and not VERBS.get(m.group(0).lower())]
        return f'{before} except {" and ".join(dict.fromkeys(dropped))}' if dropped else before
    if not named:
        return f'{before} {only}'
    first = last = named[-1]
    for earlier in reversed(named[:-1]):   # "restart the shop api - sorry, the shop worker": the whole name said before
        if len(only.split()) == 1 or before[earlier.end():first.start()].strip():
            break
        first = earlier
    return before[:first.start()] + only + before[last.end():]


PART_TAKEN_BACK = re.compile(r"^(?:(?:and|but|oh|just|please)\s+)*(?:never\s*mind|nvm|forget(?:\s+about)?|scratch|skip|drop|"
                             r"cancel|ignore|don'?t\s+do|leave\s+out)\s+(?:the\s+)?(?P<which>first|second|third|last|other|"
                             r"latter|former|1st|2nd|3rd)\s+(?:part|one|bit|step|thing|request|half|command|bit)\b[^.!?]*[.!]*$",
                             re.IGNORECASE)
PART_SAID = re.compile(r"(?:\s*[,;.!?…]|\s+[-–—]+)\s*(?:(?:actually|oh|wait|sorry|hmm+|no|ok|okay)\s*[,.!]?\s*)*"
                       + PART_TAKEN_BACK.pattern[1:-1] + r"(?=\s*$|\s*[.!?]\s)", re.IGNORECASE)
PART_INDEX = {'first': 0, '1st': 0, 'former': 0, 'second': 1, '2nd': 1, 'third': 2, '3rd': 2, 'last': -1, 'latter': -1,
              'other': -1}
REQUEST_START = re.compile(r"(?:^|,|;|\.\s|\bthen\b|\band\b)\s*(?:then\s+|also\s+|please\s+)*", re.IGNORECASE)


def _without_part(before: str, which: str) -> str | None:
    """``before`` without its first, second … or last request (each begins with a verb)."""
    starts = sorted({m.start() if m.start() else 0 for m in REQUEST_START.finditer(before)
                     if (word := re.match(r"[\w'-]+", before[m.end():])) and VERBS.get(word.group(0).lower())})
    if len(starts) < 2:
        return None
    spans = [before[a:b] for a, b in zip(starts, [*starts[1:], len(before)], strict=True)]
    index = PART_INDEX[which]
    if index >= len(spans):
        return None
    kept = [s for i, s in enumerate(spans) if i != index % len(spans)]
    return re.sub(r'^\s*(?:,|;|\.|then\b|and\b)\s*', '', ''.join(kept).strip(), flags=re.IGNORECASE)


def _without_last_request(before: str) -> str:
    """What stands before the last request in ``before`` (which a new request replaces)."""
    starts = [m.end() for m in BOUNDARY.finditer(before)
              if (word := re.match(r"[\w'-]+", before[m.end():])) and VERBS.get(word.group(0).lower())]
    return before[:starts[-1]] if starts else ''
