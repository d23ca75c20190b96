"""Replica counts said as people say them, rewritten into the plain "scale x to N" the rules read: a count wanted
back ("the photo recognition can go back to 1 now", "back to just one shop website please"), a count said after
the request ("more photo servers please, 3 should do it"), a plural written with an apostrophe ("3 shop api's").
Each is one rewrite of the message's text (``rewrites.prepared`` calls ``counts_said``). A count said with a verb
of going down ("drop the worker down to zero") is a count too, never a removal or a stop.
"""
from __future__ import annotations

from collections.abc import Callable

from . import regex as re

_N = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a\s+single)"
_NOT_A_VERSION = r"(?![.:]\d)(?!\s+(?:version|revision|release|commit|deploy\w*|build|tag|config\w*|backup|snapshot)s?\b)"

# "can go back to 1 now", "should drop back down to two": a count, never a rollback (a version is said as one)
BACK_TO_COUNT = re.compile(r"\b(?:can|could|should|may|will|must)?\s*(?:go|come|drop|get|be|scale|shrink|fall)\s+back\s+"
                           rf"(?:down\s+)?to\s+(?:just\s+|only\s+)?(?P<n>{_N})\b{_NOT_A_VERSION}"
                           r"(?:\s+(?:replicas?|instances?|copies|containers?))?", re.IGNORECASE)
# "back to just one shop website please", "back down to 2 photo servers": said first, the thing after the count
BACK_FIRST = re.compile(rf"^\s*(?:and\s+|ok\s+|okay\s+|now\s+)?back\s+(?:down\s+)?to\s+(?:just\s+|only\s+)?(?P<n>{_N})\s+"
                        rf"(?!(?:version|revision|release|commit|deploy\w*|build|tag|backup|snapshot)s?\b)"
                        r"(?P<x>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,2}?)(?=\s*(?:[,.!;]|please\b|pls\b|$))", re.IGNORECASE)
# "more photo servers please, 3 should do it", "…, two is enough": the count the request is for
COUNT_AFTER = re.compile(rf"\s*[,;-]+\s*(?:i\s+think\s+|maybe\s+|probably\s+)?(?P<n>{_N})\s+(?:should|will|would|ought\s+to)\s+"
                         r"(?:do(?:\s+it|\s+the\s+trick)?|be\s+(?:enough|plenty|fine|ok|okay|good|sufficient))\b|"
                         rf"\s*[,;-]+\s*(?P<m>{_N})\s+(?:is|are)\s+(?:enough|plenty|fine|ok|okay|good|sufficient)\b",
                         re.IGNORECASE)
# "drop the billing worker down to zero", "bring the worker to 2", "take x down to 1": a count, never a removal or a stop
DOWN_TO = re.compile(r"(?:^|(?<=[,.;!?]\s)|(?<=\bthen\s)|(?<=\band\s))"
                     r"(?P<lead>\s*(?:please\s+|pls\s+|can\s+you\s+|could\s+you\s+)*)(?:drop|bring|take|cut|reduce|lower|trim|"
                     r"knock|dial|wind|shrink)\s+(?P<x>(?:the\s+)?[\w.-]+(?:\s+(?!down\b|back\b|up\b)[\w.-]+){0,2}?)\s+"
                     rf"(?:down\s+|back\s+|up\s+)?to\s+(?:just\s+|only\s+)?(?P<n>{_N}|zero|none){_NOT_A_VERSION}"
                     r"(?:\s+(?:replicas?|instances?|copies|containers?|workers?|of\s+them))?"
                     r"(?=\s*(?:$|[,.;!?])|\s+(?:please|pls|now|for|and|then|until|while|since|as|because)\b)", re.IGNORECASE)
# "can we go to 3 shop api's", "run 2 worker's": a plural written with an apostrophe after a count, not whose
COUNTED_APOSTROPHE = re.compile(r"\b((?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[\w-]+\s+){0,2}[a-z][\w-]*)'s"
                                r"(?=\s*(?:[.!?,;]|$|\s+(?:please|pls|instead|now|running|then|and|in|for|of)\b))",
                                re.IGNORECASE)


def _number(said: str) -> str:
    return '1' if said.lower().replace(' ', '') == 'asingle' else said


def counts_said(text: str, named: Callable[[str], bool]) -> str:
    """``text`` with each count said in these ways put as "scale … to N" (``named``: whether a word names something
    here; a count said with a verb of going down is one only of what it names)."""
    text = COUNTED_APOSTROPHE.sub(r'\1s', text)
    first = BACK_FIRST.match(text)
    if first:
        text = f'scale {first.group("x")} to {_number(first.group("n"))}{text[first.end():]}'
    text = BACK_TO_COUNT.sub(lambda m: f'scale to {_number(m.group("n"))}', text)
    text = DOWN_TO.sub(lambda m: f'{m.group("lead")}scale {m.group("x")} to '
                                 f'{"0" if m.group("n").lower() in ("zero", "none") else _number(m.group("n"))}'
                       if any(named(w) for w in m.group('x').lower().split()) else m.group(0), text)
    after = COUNT_AFTER.search(text)
    if after and re.search(r'\b(?:more|fewer|less|extra|additional|another|scale|replicas?|instances?|copies)\b',
                           text[:after.start()], re.IGNORECASE):
        before = re.sub(r'\s+(?:please|pls|plz)\s*$', '', text[:after.start()], flags=re.IGNORECASE)
        more = re.match(r'\s*(?:(?:some|a\s+few|a\s+couple)\s+)?(?:more|extra|additional)\s+(?=\S)', before, re.IGNORECASE)
        before = f'scale {before[more.end():]}' if more else before   # "more photo servers, 3 should do it": to 3 in all
        text = f'{before} to {_number(after.group("n") or after.group("m"))}{text[after.end():]}'
    return text
