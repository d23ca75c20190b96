"""Steps of a message that only tell how things are or what happened, beside the request that asks for something:
a remark after it ("could you restart the immich server? the app can't connect"), background before it ("we're
doing an upgrade tonight. Stop mailer.", "FYI - we had to reboot the router"), someone's report ("someone said
the wiki is slow"). ``rules._plan`` plans nothing of their own for them.
"""
from __future__ import annotations

from . import regex as re
from .asides import TOLD, asks_for_something
from .clause import Clause
from .intent import REQUESTING, clause_intent, is_asking, request_verb
from .state import State

TOLD_PAST = {'stopped', 'crashed', 'failed', 'died', 'started', 'changed', 'complained', 'reported', 'worked', 'seemed',
             'looked', 'showed', 'returned', 'logged', 'timed', 'hanged', 'freezed', 'disconnected', 'dropped', 'refused'}
ADDED = re.compile(r"\b(?:too|also|as\s+well|either|aswell)\b")


def is_remark(clause: Clause, state: State) -> bool:
    """A step after a request that only tells how things are ("the mobile app can't connect", "my laptop
    isn't syncing anymore"): a subject and what it does, asking for nothing and adding nothing ("the db
    is stuck too" adds the db)."""
    told = TOLD.match(clause.raw)
    verb = told.group(0).split()[-1].lower() if told else ''
    if not told or verb.endswith('ed') and verb not in TOLD_PAST:   # "the logs of x filtered by error": a request
        return False
    return bool(clause_intent(clause, state)[0] is None and not is_asking(clause)
                and not REQUESTING.search(clause.lower) and not ADDED.search(clause.lower)
                and not asks_for_something(re.sub(r'\b\w+ed\b', '', clause.raw)))

TOLD_BY_SOMEONE = re.compile(r"^\s*(?:(?:so|ok|okay|well|hey|honestly|anyway|and|but|yesterday|today|earlier|this\s+morning|"
                             r"last\s+(?:night|week))[,!.]?\s+)*(?:something|everything|nothing|"
                             r"someone|somebody|most\s+(?:things|stuff)|a\s+few\s+things|things|people|users|nobody)\s+"
                             r"(?:\([^)]*\)\s*)?(?!(?:please|pls)\b)\w+|^\s*(?:and\s+)?that(?:'s|\s+is|\s+should\s+be)\s+(?:all|it|everything)\b",
                             re.IGNORECASE)

def only_tells(clause: Clause, state: State) -> bool:
    """A step that only tells how things are or what happened ("we're running low on disk and I suspect
    old images", "something feels off today", "we're doing maintenance tonight"): in a message that
    asks for something elsewhere, it plans nothing of its own."""
    lead = BACKGROUND.match(clause.raw)   # "Bit of background: I moved the server …"
    raw = clause.raw[lead.end():] if lead else clause.raw
    if raw != clause.raw or re.match(r'\s*[-:,]', raw):   # "FYI - we had to …" (a label stripped before)
        clause = Clause(re.sub(r'^[\s:,-]+', '', raw))
    if DONE_NOW.match(clause.raw):   # "the php.ini change on x is in place", "the new certs are live"
        return True
    said = TOLD.match(clause.raw)
    if said and said.group(0).split()[-1].lower().endswith('ed') and request_verb(said.group(0).split()[-1].lower()):
        return False   # "I need the images pulled and then the stack redeployed": a request in a participle
    said = said or TOLD_BY_SOMEONE.match(clause.raw)
    if not said or clause.raw.rstrip().endswith('?') or is_asking(clause) or REQUESTING.search(clause.lower):
        return False
    rest = clause.raw[said.end():]
    if WE_ARE_DOING.match(clause.raw):   # "we're doing an upgrade tonight": what we do, not what is asked
        return ':' not in rest
    done = re.sub(r"\b(?:had|needed|wanted|tried|used|got|was\s+able|were\s+able)\s+to\s+[\w'-]+", '', rest)
    if said.group(0).split()[-1].lower() in ('had', 'needed', 'wanted', 'tried', 'used', 'got'):
        done = re.sub(r"^\s*to\s+[\w'-]+", '', done)   # "we had | to reboot the router": what was done
    return ':' not in rest and not asks_for_something(re.sub(r'\b\w+ed\b', '', done))   # "… and had to unplug it"

RELATIVE = re.compile(r"^\s*(?:which|who)\s+(?:is|was|has|had|did|does|didn't|doesn't|hasn't|isn't|wasn't|never|still|"
                      r"just|also|always|keeps|kept|went|stays|came|seems|seemed|looks|looked|[a-z]+ed)\b", re.IGNORECASE)
BACKGROUND = re.compile(r"^\s*(?:(?:a\s+|some\s+|quick\s+|little\s+)*(?:bit\s+of\s+)?(?:background|context|backstory|fyi|"
                        r"for\s+context|for\s+background|for\s+the\s+record|heads[- ]up|side\s+note))\s*[:,-]+\s*", re.IGNORECASE)
WE_ARE_DOING = re.compile(r"^\s*(?:(?:so|ok|okay|well|hey|and|but)[,!.]?\s+)*(?:i|we)(?:'m|'re|\s+am|\s+are)\s+"
                          r"(?!going\b|gonna\b)\w+ing\b",
                          re.IGNORECASE)
# something of the person's own said to be done now: "php.ini change on the lawfirm nextcloud is in place"
DONE_NOW = re.compile(r"^\s*(?:(?:ok|so|fyi|right)[,:]?\s+)?(?:the\s+|my\s+|our\s+)?[\w.'/-]+(?:\s+[\w.'/-]+){0,6}?\s+"
                      r"(?:is|are|'s|has\s+been|have\s+been)\s+(?:now\s+|already\s+|finally\s+)?"
                      r"(?:in\s+place|done|live|applied|merged|finished|complete|completed|sorted|pushed|uploaded|committed)"
                      r"\s*[.!]*\s*$", re.IGNORECASE)
