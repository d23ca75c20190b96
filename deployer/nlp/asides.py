"""What people wrap a request in, taken off before its steps are read (``without_comments``, called by steps):
reasons ("because the backup runs"), what the team is busy with (", we make maintenance"), what happened
before (", I changed its config"), symptoms told (", the shop gets 502s"), remarks in brackets or after a
dash, lead-ins ("quick question: …"), fillers and others' plans. A part that asks for something, or names a
live thing the request did not, stays: a remark is only taken off when it tells and asks nothing.
"""
from __future__ import annotations

from . import regex as re
from .clause import FILLER, KINDS, LOG_WORDS, VERBS, Clause
from .deploying import image_word
from .described import GENERIC as GENERIC_WORDS
from .intent import LIFECYCLE, REQUESTING, clause_intent, lemma, names_something, starts_request
from .lexicon import COMMON
from .resolve import match_template, resolve
from .state import State
from .template_params import time_zone_said

REASON = re.compile(r"(?:\s+|\s*,\s*)(?:because|cause|cuz|coz|while|whilst|so\s+that|so|since)\s+(?:it|i|we|they|he|she|the|"
                    r"that|this|there|you|its|our|my|nobody|no\s+one|"
                    r"[\w.-]+(?=\s+(?:is\s+|are\s+)?[a-z]+(?:s|ing)\s+(?:its|their|the|a|an|my|our|some|all)\b))\b[^,;]*",
                    re.IGNORECASE)   # "… while duplicati does its thing": what goes on meanwhile
# ↑ to the end of the message: ended at its sentence's end, it read a removal where none was wanted (twice, in held-back
# cases; tried in two sessions)

SETTING_SAID = re.compile(r"\b(?:password|passwd|pw|user(?:name)?|login|database|db|schema|port|name|volume|tag|version|"
                          r"time\s*zone|tz|email|domain|url)\s+(?:is|(?:should|must|will|shall|has\s+to|have\s+to|needs?\s+to|ought\s+to)\s+be|=|:)\s+"
                          r"(?!(?:fine|ok|okay|good|enough|default|the\s+default|not|no|wrong|broken)\b)\S|"
                          r"\b(?:stack|project)\s+(?:is|should\s+be|must\s+be|will\s+be)\s+(?:called|named)\s+\S",
                          re.IGNORECASE)   # ", the stack is called press": a setting, no remark


# what the people are busy with, said as the reason: ", we make maintenance", ", we're doing an upgrade"
ACTIVITY = re.compile(r"\s*[,;.]\s*(?:because\s+|since\s+|as\s+)?(?:we|i)(?:'re|'m|\s+are|\s+am|\s+will|'ll)?\s+"
                      r"(?:make|do|doing|have|run|running|perform|performing|plan|planning)\s+(?:a\s+|an\s+|some\s+|the\s+|to\s+do\s+)?(?:\w+\s+)?"
                      r"(?:maintenance|migration|upgrade|backups?|tests?|testing|release|downtime|cleanup|clean-up|move)\b[^,;]*",
                      re.IGNORECASE)
# a habit told after the request: ", we only look at kuma anyway", ", nobody ever opens it": why, never a request
HABIT = re.compile(r"\s*[,;]\s*(?:since\s+|as\s+|because\s+|cause\s+|and\s+)?(?:we|i|they|nobody|no\s*one|everyone|everybody|"
                   r"people|users|the\s+kids)\s+(?:only|just|mostly|never|always|usually|rarely|hardly|barely|all|ever|both|each)\s+"
                   r"(?:ever\s+)?(?!(?:need|needs|want|wants|wanna|gotta|have|has|had|should|must|can|could|would|will|do)\b)"
                   r"[a-z]+\b[^,;.!?]*|"
                   r"\s*[,;]\s*(?:since\s+|as\s+|because\s+)?(?:we|i|they)\s+(?:don'?t|do\s+not|never)\s+(?:really\s+|even\s+)?"
                   r"(?:use|need|touch|look\s+at|care\s+about)\b[^,;.!?]*\banyway\b[^,;.!?]*", re.IGNORECASE)
# what the request frees, said after it: ", we need the ram for the modded launch" (never a target)
FREED_FOR = re.compile(r"\s*[,;]\s*(?:since\s+|as\s+|because\s+|cause\s+|so\s+)?(?:we|i)\s+(?:just\s+|really\s+)?(?:need|want|"
                       r"could\s+use)\s+(?:the\s+|some\s+|more\s+|all\s+the\s+|every\s+bit\s+of\s+(?:the\s+)?)?(?:ram|memory|cpu|vram|space|disk(?:\s+space)?|resources|room|"
                       r"headroom|bandwidth|port|ports|gpu)\s+(?:back\s+)?for\b[^,;.!?]*", re.IGNORECASE)
# "stop nextcloud for the db migration", "… during tonight's maintenance": what it is for, not what to do it to
OCCASION = (r"(?:migration|maintenance|upgrade|backup|release|move|cleanup|clean-up|downtime|outage|reboot|window|test|tests|"
            r"testing|audit|lab|demo|class|lecture|workshop|presentation|training|exercise|practical|exam)\b")
FOR_PURPOSE = re.compile(r"\s+(?:for|during|because\s+of|due\s+to|ahead\s+of|until\s+after|(?:as\s+)?per)\s+"
                         rf"(?:the|a|an|our|my|this|tonight's|today's|tomorrow's)\s+(?:[\w-]+\s+){{0,2}}?{OCCASION}|"
                         # what is being done meanwhile: "list networks and volumes, doing the ISO 27001 asset audit"
                         r"\s*,\s*(?:(?:we're|we\s+are|i'm|i\s+am)\s+)?(?:doing|running|preparing|prepping|working\s+on)\s+"
                         rf"(?:the|a|an|our|my|this)\s+(?:[\w-]+\s+){{0,3}}?{OCCASION}(?=\s*(?:[,.;!?]|$))|"
                         # an occasion: "4 bookings apps for mother's day weekend", "for the black friday sale", "for christmas"
                         r"\s+(?:for|during|over|ahead\s+of|until\s+after)\s+(?:the\s+|our\s+|this\s+|next\s+)?(?:[\w']+\s+){0,2}?"
                         r"(?:(?:mother'?s|father'?s|valentine'?s|boxing|new\s+year'?s|labou?r|memorial)\s+day(?:\s+weekend)?|"
                         r"christmas|xmas|easter|black\s+friday|cyber\s+monday|holidays?|(?:summer|winter|spring)\s+sale|"
                         r"(?:big\s+)?sale|campaign|launch|rush|peak\s+season)\b",
                         re.IGNORECASE)
# what a new thing is for, said after it: "a mongo-express to look at their data", "a mailhog so I can catch test mails"
NEW_FOR = re.compile(r"\b(?P<keep>(?:a|an|another|new|second|some)\s+(?:[\w.-]+\s+){0,2}?[\w.-]+)\s+(?:to|so\s+(?:that\s+)?"
                     r"(?:i|we|they|you|he|she|people|the\s+\w+)\s+can)\s+(?:look|browse|see|view|check|poke|play|test|try|"
                     r"manage|store|keep|host|serve|share|catch|watch|monitor|track|edit|explore|read|query|inspect)\b[^,;.!?]*",
                     re.IGNORECASE)


def _names_its_image(said: str, state: State) -> bool:
    """Whether a new thing is named by its image or template ("a mongo-express"), not only by what it is ("a web ui")."""
    words = re.findall(r'[\w.-]+', said.lower())
    return image_word(words) is not None or match_template(words, said.lower(), state.templates)[1] >= 12


# after the request, what went before it or what is seen, told without a request: "… after the firewall change",
# ", docs gives a 404", ", orders not being picked up" (never a target, never a step)
AFTER_EVENT = re.compile(r"\s+(?:after|following|since)\s+(?:the|a|an|our|my|this|that|last\s+night's|yesterday's|today's|"
                         r"this\s+morning's)\s+(?:[\w-]+\s+){0,2}?(?:change|changes|incident|outage|power\s+cut|upgrade|"
                         r"cutover|switch|patch|patching|maintenance|migration|firmware\s+update)\b(?=\s*(?:[,.;!?]|$))",
                         re.IGNORECASE)
SEEN_AFTER = re.compile(r"\s*[,;]\s*(?:the\s+|our\s+|my\s+)?[\w-]+\s+(?:(?:gives?|giving|returns?|returning|throws?|throwing|"
                        r"serves?|serving|spits?\s+out|gets|(?:is\s+|'s\s+|are\s+)?(?:getting|seeing|hitting)|sees|hits)\s+(?:a\s+|an\s+|us\s+|me\s+|back\s+)?(?:\d{3}s?|errors?|blank\s+pages?|"
                        r"white\s+screens?)|(?:not|aren'?t|isn'?t|never|won'?t|don'?t|doesn'?t)\s+(?:being\s+|getting\s+)?"
                        r"(?:[a-z]{3,}ed(?:\s+up)?|going\s+out|arriving|coming\s+through|working|loading|sending|showing\s+up))\b"
                        r"[^,;.!?]*(?=\s*(?:[.!?]|$))", re.IGNORECASE)
# after a dash, what someone reported: " - practice manager says white screen since 9am", " - the client called
# about it": why, never a target (a name in it is still read where it asks for something)
REPORTED_AFTER = re.compile(r"\s+[-–—]+\s+(?:the\s+|our\s+|their\s+|his\s+|her\s+|my\s+)?(?:[\w'-]+\s+){0,2}?"
                            r"(?:says?|said|reports?|reported|mentions?|mentioned|claims?|complains?|complained|called|"
                            r"e-?mailed|wrote|noticed|flagged)\b[^.!?]*(?=[.!?]|$)", re.IGNORECASE)
# before a colon, what the request is about, naming nothing here: "mgmt approved suspension (both behind on invoices):
# stop the bakery's wordpress", "handover notes from the night shift: restart x"
CONTEXT_FIRST = re.compile(r"^(?P<ctx>[^:\n]{3,200}?):\s+(?=(?:(?:please|pls|can\s+you|could\s+you)\s+)*(?P<verb>[a-z]+)\b)",
                           re.IGNORECASE)
# after the request, what the person did, told without a subject: ", changed the wifi creds in secrets", ", just
# edited its config" (never a request, never a history read)
DID_BEFORE = re.compile(r"\s*[,;]\s*(?:(?:i|we)\s+)?(?:just\s+|already\s+)?(?:changed|edited|updated|tweaked|fixed|added|removed|"
                        r"replaced|rotated|renewed|swapped|moved|modified|bumped|rewrote|force-pushed|rebuilt)\s+(?:the|a|an|my|"
                        r"our|its|their|some|his|her)\b[^,;.!?]*(?=\s*(?:[.!?]|$))|"
                        # what the things asked about have had done: ", both got new images from the last CI run"
                        r"\s*[,;]\s*(?:both|they|all\s+of\s+them|each\s+of\s+them)\s+(?:(?:just|already|now)\s+)?(?:got|have|had|"
                        r"received|picked\s+up)\s+(?:new|fresh|updated|the\s+new)\b[^;.!?]*(?=\s*(?:[.!?]|$))", re.IGNORECASE)
# after the request, what the person is doing or not doing, or what the thing wrongly believes: ", I'm switching to
# the built-in energy dashboard", ", not using either this week", ", it thinks everything's down" (no target)
OWN_DOING = re.compile(r"\s*[,;]\s*(?:since\s+|as\s+|because\s+|cause\s+)?(?:(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:now\s+|just\s+|"
                       r"finally\s+|literally\s+)?(?:switching|moving|migrating|changing|replacing|using|trying|testing|swapping|"
                       r"uploading|copying|updating|editing|fixing|rebuilding|retraining|training|debugging|"
                       r"working|going\s+(?:to|with|back)|heading|leaving|done\s+with|off\s+to)|(?:(?:i'?m|we'?re|i\s+am|we\s+are)\s+)?"
                       r"not\s+(?:using|needing|touching|playing|watching|running)|(?:it|they|he|she)\s+(?:thinks?|believes?|"
                       r"claims?|insists?|reckons?)\b)\b[^,;.!?]*", re.IGNORECASE)
# a symptom told of something: "… is 502ing", "… is down", "… keeps timing out"
SYMPTOM = re.compile(r"\b(?:is|are|keeps?|'s|'re)\s+(?:\d{3}(?:ing|-ing)|down|broken|dead|erroring|failing|timing\s+out|"
                     r"not\s+loading|throwing\s+\d{3}s?|returning\s+\d{3}s?|giving\s+(?:a\s+|us\s+)?\d{3}s?)\b", re.IGNORECASE)
# the past of verbs without "-ed", for a remark told as what happened: ", we blew through the disk quota again"
IRREGULAR_PAST = ('blew|went|got|lost|spent|forgot|left|found|saw|told|sent|wrote|fell|gave|kept|paid|'   # not let, shut, hit
                  'thought|brought|bought|caught|chose|drove|froze|grew|knew|meant|sold|shot|shook|spoke|stole|stuck|'
                  'threw|woke|won|tore|ate|came|began|forgot|overslept|upgraded|rebuilt')
# a remark on what the thing asked about does to another: ", it's hammering the db", ", they keep flooding the queue"
IT_DOES_HARM = re.compile(r"\s*,\s*(?:it|they|this|that)(?:'s|'re|\s+is|\s+are|\s+keeps?|\s+has\s+been|\s+was)\s+(?:just\s+|"
                          r"totally\s+|constantly\s+|really\s+)?(?!(?:going|getting|being)\b)[a-z]{3,}ing\s+(?:the|our|my|all|every)\b",
                          re.IGNORECASE)
REMARK = re.compile(r"\s*,\s*(?:we|i|it|they|he|she|this|that|there|the\s+[\w-]+\s+[\w-]+(?=\s+(?:is|are|was|were|has|have|"
                    r"hasn'?t|haven'?t|isn'?t|wasn'?t|doesn'?t|didn'?t|won'?t|keeps)\b)|"
                    r"[\w-]+(?=\s+(?:is|are|was|were)\s+(?:done|over|finished|complete|completed|fixed|resolved|back)\b)|"
                    r"(?:[\w-]+\s+)?[\w-]+(?=\s+(?:is|are|was|were)\s+(?:still\s+|now\s+|totally\s+|completely\s+|kinda\s+)?(?:stuck|broken|dead|"
                    # ", jellyfin is stuck on the old version"
                    r"slow|frozen|hung|outdated|behind|unresponsive|flaky|sluggish|laggy)\b)|"
                    r"(?:the\s+)?default\s+[\w-]+|(?:the\s+)?defaults|(?:any|whatever)\s+[\w-]+|"   # ", default port is fine"
                    r"(?:my|our|their|his|her)\s+(?:[\w'-]+\s+){0,2}?[\w'-]+(?=\s+(?:won'?t|doesn'?t|don'?t|can'?t|isn'?t|"
                    r"aren'?t|keeps?)\s)|"   # ", my bank's site won't load"
                    r"the\s+[\w-]+|users?|ppl|people|customers|everyone|someone|"
                    r"something|nobody|prod|traffic|new\s+[\w-]+|(?:want|trying|watching|need)(?=\s+to\b)|"
                    r"(?:(?:last|the|this|that|my|our|latest|new)\s+){0,2}[\w-]+(?=\s+(?:broke|crashed|failed|died|hung|froze)\b)|"
                    r"(?!(?:what|which|who|how|where|when|why)\b)[\w-]+(?=\s+(?:is|are)\s+(?:not\s+|no\s+longer\s+)?\w+ing\b)|"
                    r"(?!(?:what|which|who|how|where|when|why|this|has|is|was|does)\b)[a-z][\w-]*s(?=\s+(?:haven'?t|have\s+not|"
                    r"aren'?t|are\s+not|weren'?t|didn'?t|don'?t)\s+(?:been\s+)?\w))"   # ", backups haven't run since tuesday"
                    r"(?:'s|'re|'m|\s+r\b|"
                    r"\s+(?:to|seeing|complaining|saying|not|never|no\s+longer)\b|\s+(?:is|are|am|was|were|"
                    r"(?:need|want|have|wanna|gotta)\s+to\s+(?:look|check|see|inspect|debug|investigate|dig|read|figure|find|test|try|poke)|"
                    r"have|has|had|do|does|did|don't|doesn't|didn't|won't|can't|hasn't|haven't|isn't|wasn't|will|seems|looks|keeps|broke|crashed|"
                    r"failed|died|hung|froze)|\s+(?:just\s+|already\s+)?(?:[a-z]{3,}ed|" + IRREGULAR_PAST + r"))\b[^,;]*",
                    re.IGNORECASE)


# what is said not to be needed after a request: ", no backup needed", "- no need for a backup", ", backups not required"
NOT_NEEDED = re.compile(r"\s*(?:[,;]|\s[-–—]+)\s*(?:and\s+)?(?:(?:there(?:'s|\s+is)\s+)?no\s+(?:[\w-]+\s+){1,2}?"
                        r"(?:needed|required|necessary|wanted)|no\s+need\s+(?:for|of)\s+(?:a\s+|an\s+|the\s+|any\s+)?[\w-]+(?:\s+[\w-]+)?|"
                        r"(?:the\s+)?[\w-]+s?\s+(?:are|is)\s+not\s+(?:needed|required|necessary))\b"
                        r"(?:\s+(?:today|tonight|now|anymore|any\s+more|this\s+time|for\s+now))?(?=\s*(?:[.!,;]|$))",
                        re.IGNORECASE)


# after a dash, a remark that asks for nothing: " - only one of them fits in RAM this afternoon", " - CI just pushed
# a new image with the fix" (a name in it that asks for something, or that was not named before, keeps it)
DASH_REMARK = re.compile(r"\s+[-–—]+\s+(?:(?:the\s+|our\s+|my\s+)?(?!(?:who|what|when|which|where|how|why|as|if|it|i|we|you)\b)"
                         r"[\w-]+\s+(?:just\s+|already\s+|finally\s+)?(?:[a-z]{3,}ed|" + IRREGULAR_PAST + r")\b|"
                         r"only\s+one\s+of\s+(?:them|the\s+two)\b)[^.!?,;]*(?=[.!?]|$)", re.IGNORECASE)
# a remark in brackets that tells what happened or why: "(restart didn't clear the model cache last time)"
WINDOW_RESTATED = re.compile(r"\s*\((?:so|i\.?e\.?,?|that\s+is|that'?s|=|meaning|basically|roughly|about)?\s*(?:since|from|after|"
                             r"around|back\s+to)\s+[^()]{3,80}\)", re.IGNORECASE)
TOLD_IN_BRACKETS = re.compile(r"\s*\((?P<inside>[^()]{6,140})\)")
_TOLD = re.compile(r"\b(?:didn'?t|doesn'?t|wasn'?t|isn'?t|won'?t|couldn'?t|last\s+time|because|since|so\s+that|as\s+usual|again|"
                   r"yesterday|earlier|[a-z]{3,}ed)\b", re.IGNORECASE)

QUICK_LEAD = re.compile(r"^\s*(?:a\s+|one\s+)?quick\s+(?:check|question|one|q)\s*[:,.!-]+\s*(?=(?:is|are|does|do|did|has|have|"
                        r"what|what's|whats|how|how's|which|when|where|why|who|can|could|would|will|please|pls|restart|stop|"
                        r"start|show|list|check|tell)\b)", re.IGNORECASE)
# a sentence's lead-in that only announces it: "Weird thing, x isn't running", "Heads up: …", "Small issue - …"
LEAD_IN = re.compile(r"(?:^|(?<=[.!?]\s))\s*(?:(?:(?:a|one|another|the)\s+)?(?:weird|funny|strange|odd|quick|small|minor|random|"
                     r"annoying|little|another)\s+(?:thing|one|issue|problem|note)|heads[\s-]+up|so\s+yeah|anyway|anyways)"
                     r"\s*[:,.!-]+\s*", re.IGNORECASE)
FILLERS_FIRST = re.compile(r"^\s*(?:(?:okay|ok|k|um+|uh+|erm?|hmm+|well|right|alright|yeah|yep|so|like|oh|ah)\b[\s,.!…-]*)+"
                           r"(?=\S)", re.IGNORECASE)


# "… so it needs a restart I guess": the request itself, said as what follows, not a reason
NEEDS_IT = re.compile(r"^\s*,?\s*so\s+(?:it|they|that|this|[\w.-]+)\s+(?:needs?|requires?|wants?|should\s+get|could\s+use|"
                      r"must\s+get)\s+(?:an?\s+|another\s+)?(?:quick\s+|fresh\s+)?(?:restart|reboot|redeploy|update|pull|kick|"
                      r"bounce)\b", re.IGNORECASE)


def without_comments(text: str, state: State) -> str:
    """The request without the reasons people give for it (kept: a remark that itself asks for
    something, such as ", it needs a restart")."""
    text = WINDOW_RESTATED.sub(lambda m: '' if re.search(r'\b(?:last|past|previous)\s+(?:\d+|an?|one|few|couple)\b|\bsince\b',
                                                        text[:m.start()], re.IGNORECASE) else m.group(0),
                               text)   # "logs of x from the last 14 hours (so since the price import)": the window again
    if re.search(r'\b(?:since|while)\b', text, re.IGNORECASE) and set(text.lower().split()) & LOG_WORDS:
        return text   # "logs since the restart": a window, not a reason
    whole = text

    def reason(m: re.Match[str]) -> str:   # kept: "so I can reach it on 3001"; "… so it needs a restart": the request;
        said = m.group(0)                  # "the kids are away so nobody needs jellyfin, stop it": whom "it" means
        if NEEDS_IT.match(said):
            return '. ' + re.sub(r'^\s*,?\s*so\s+', '', said)
        if re.search(r'\d|\bport\b', _unnamed(said, state)) or time_zone_said(said):
            return said   # a number of its own: a setting ("zigbee2mqtt" is a name)
        named = live_named(said, state)
        return said if named and not live_named(whole[:m.start()] + whole[m.end():], state) else ''
    text = REASON.sub(reason, text)
    text = NOT_NEEDED.sub('', text)   # "remove the crm stack, no backup needed": nothing to do, and never the backup
    text = ACTIVITY.sub('', text)   # "stop the shop stack, we make maintenance": why, not what
    text = HABIT.sub('', text)
    text = FREED_FOR.sub('', text)
    text = FOR_PURPOSE.sub('', text)
    text = NEW_FOR.sub(lambda m: m.group('keep') if _names_its_image(m.group('keep'), state) and not re.search(
        r'\d|\bport\b', m.group(0)) else m.group(0), text)   # (not "a web ui to manage mongo": what it is for says which)
    text = AFTER_EVENT.sub('', text)
    text = TOLD_IN_BRACKETS.sub(lambda m: m.group(0) if not _TOLD.search(m.group('inside')) or live_named(
        m.group('inside'), state) or re.search(r'[\d=:/]|\bport\b', m.group('inside')) else '', text)
    text = DASH_REMARK.sub(lambda m: m.group(0) if asks_for_something(m.group(0)) or (
        live_named(m.group(0), state) - live_named(text[:m.start()], state) and not _TOLD.search(m.group(0)))
        or re.search(r'(?<![\w.-])\d', _unnamed(m.group(0), state)) else '', text)
    text = OWN_DOING.sub('', text)   # (up to the next comma: a request after it is its own)
    text = DID_BEFORE.sub(lambda m: '' if re.match(r'\s*[,;]\s*(?:both|they|all|each)\b', m.group(0), re.IGNORECASE)
                          else m.group(0) if asks_for_something(m.group(0).split(None, 2)[-1])
                          or live_named(m.group(0), state) - live_named(text[:m.start()], state) else '',
                          text)   # (what it did is no request)
    text = REPORTED_AFTER.sub(lambda m: m.group(0) if asks_for_something(m.group(0)) else '', text)
    context = CONTEXT_FIRST.match(text)
    if context and starts_request(context.group('verb').lower()) and not live_named(context.group('ctx'), state) and not any(
            starts_request(w) for w in re.findall(r"[a-z]+", context.group('ctx').lower())[:1]):
        text = text[context.end():]   # what the request is about, told before a colon
    text = SEEN_AFTER.sub(lambda m: m.group(0) if asks_for_something(m.group(0)) else '', text)
    def remark(m: re.Match[str]) -> str:   # kept: what it asks or names, unless told as done ("…, we replaced it with web-07")
        said = m.group(0)
        if SETTING_SAID.search(said) or time_zone_said(said):
            return said
        if NARRATED_REMARK.match(said):   # up to its sentence's end: what follows it is said apart
            end = re.search(r'[.!?](?=\s)', said)
            return said[end.start():] if end else ''
        if asks_for_something(said) or re.search(r"(?<![\w])/\w|(?<![\w-])(?!(?:19|20)\d\d\b)\d+(?![\w'%])",
                                                 HTTP_STATUS.sub(' ', _unnamed(said, state))):
            return said   # a setting in it is kept; not a year, "380k", "3's disk"
        if SYMPTOM.search(said) and not re.search(r'\b(?:too|also|as\s+well|either)\b', said, re.IGNORECASE):
            return ''   # "restart traefik, the blog is 502ing": why traefik, not the blog as well
        if IT_DOES_HARM.match(said) and not re.search(r'\b(?:too|also|as\s+well|either)\b', said, re.IGNORECASE):
            return ''   # "scale billing worker to 0, it's hammering the db": what it does to the db, why; not the db too
        named = live_named(said, state)
        before = live_named(text[:m.start()], state)
        before |= {box.name for stack in before & set(state.stacks) for box in state.stacks[stack]}
        return said if named and not named <= before else ''   # ", SSO is 502ing": why; "stop search, kibana eats it all"
    text = DEPENDS_ON_IT.sub(lambda m: m.group(0) if re.search(r'(?<![\w.-])\d|\bport\b', m.group(0)) else '',
                             text)   # a number of its own is a setting ("z2m" is no number)
    text = REMARK.sub(remark, text)
    text = NEWS_AFTER.sub(lambda m: m.group(0) if live_named(m.group(0), state) or SETTING_SAID.search(m.group(0)) else '',
                          text)   # (not ", the password has to be x": a setting)
    text = DONE_BEFORE.sub(lambda m: m.group(0) if live_named(m.group(0), state) else '', text)
    text = SITUATION.sub('', text)   # ", users get 502 on the sync client", "… its throwing 502s": what happens
    text = OTHERS_WANT.sub(lambda m: m.group(0) if starts_request(m.group('verb').lower()) or not (
        text[:m.start()] + text[m.end():]).strip(' .!?,;') or any(names_something(w, state) for w in re.findall(
            r"[\w.-]+", m.group(0).lower())) or match_template(re.findall(r"[\w.-]+", m.group(0).lower()), m.group(0).lower(),
                                                               state.templates)[1] >= 5
        else '', text)   # (what it names may be what "it" is: "the team wants to try a wiki")
    later = THEIRS_LATER.search(text)
    if later and (text[:later.start()] + text[later.end():]).strip(' .!?,;'):   # "…; the developers want to step into it later"
        text = text[:later.start()] + text[later.end():]
    seen = SEEN_ERRORS.search(text)
    if seen and (text[:seen.start()] + text[seen.end():]).strip(' .!?,;') and not live_named(seen.group(0), state):
        # "is x ok? getting 502s from the proxy"; kept where it names what "it" is ("timeouts on x. restart it")
        text = text[:seen.start()] + text[seen.end():]
    text = re.sub(r"(?<=\w)(\s*[,;]\s*(?:and\s+|but\s+)?)(?=(?:will|gonna)\s+[a-z]+\b)", r"\1I ", text,
                  flags=re.IGNORECASE)   # "stop mailer, will restart traefik later": the person's own plan, said so
    text = OWN_LATER_DAY.sub(lambda m: '' if (text[:m.start()] + text[m.end():]).strip(' .!?,;') and re.search(
        r"\b(?:it|them|that|this|everything)\b", m.group(0), re.IGNORECASE) and not live_named(m.group(0), state)
        else m.group(0), text)   # "…: stop it. we start it again on the 2nd": theirs to do then, of what was named before
    text = OWN_LATER.sub(lambda m: m.group(0) if any(names_something(w, state) for w in re.findall(
        r"[\w.-]+", m.group(0).lower())) else '', text)   # ", will start later myself": theirs to do, of what was named before
    return _without_asides(text, state)


# what else needs the thing the request is about, said after it: "restart the shop api, the worker needs it",
# "…; nextcloud and gitea depend on it": why, never a target ("…, the worker needs it too" stays: it asks for that too)
DEPENDS_ON_IT = re.compile(r"\s*[,;.?!]\s*(?:since\s+|as\s+)?(?:(?:the|our|my|both|all)\s+)?"
                           r"(?!(?:i|we|you|u|it|they|this|that|what|which|who|please|pls|then|and|but|so)\b)[\w.-]+"
                           r"(?:\s+(?:and|&)\s+(?:the\s+)?[\w.-]+|\s+[\w.-]+)?\s+"
                           r"(?:(?:still\s+|really\s+)?(?:needs?|depends?\s+on|rel(?:y|ies)\s+on|uses?|talks?\s+to|connects?\s+to|"
                           r"calls?|reads?\s+from|writes?\s+to)|(?:is|are|keeps?)\s+waiting\s+(?:for|on)|waits?\s+(?:for|on)|"
                           r"(?:can'?t|cannot|can\s+not|couldn'?t)\s+(?:reach|see|find|connect\s+to|talk\s+to|get\s+to))\s+"
                           r"(?:it|them|that\s+one|those)\b(?!\s+(?:too|as\s+well|also|either|[a-z]+ed|up|down|back\s+up)\b)[^,;.!?]*",
                           re.IGNORECASE)


# before a request, what is done now: "ok the workflow is fixed, you can unpause n8n", "the migration is over; start x"
DONE_BEFORE = re.compile(r"^\s*(?:(?:ok|okay|so|alright|good|great)[,!\s]+)?(?:the\s+|our\s+|my\s+)?[\w-]+(?:\s+[\w-]+)?\s+"
                         r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:now\s+)?(?:done|over|finished|complete|completed|fixed|resolved|"
                         r"sorted(?:\s+out)?|ready)\s*[,;.!]\s*(?=\w)", re.IGNORECASE)


# after a request, what someone or something else is about to do or did not do: ", last night's dump didn't happen",
# ", QA is about to run the signup flow", ", accounting needs an invoice from 2021 out of it": news, never a request
NEWS_AFTER = re.compile(r"\s*,\s*(?:(?:last\s+night's|yesterday's|today's|this\s+morning's|the|our|my|their|his|her)\s+)?"
                        r"(?!(?:what|which|who|how|where|when|why|it|this|that|please|pls|then|and|but|so|also|i|we|you|u)\b)"
                        r"[a-z][\w-]*\s+(?:is\s+about\s+to|are\s+about\s+to|needs|wants|didn'?t|doesn'?t|won'?t|has\s+to|"
                        r"have\s+to)\b[^,;]*", re.IGNORECASE)


HTTP_STATUS = re.compile(r'\b[1-5]\d\d(?:s|ing|ed|\s+errors?)?\b', re.IGNORECASE)   # "502ing", "getting 404s"


def _unnamed(text: str, state: State) -> str:
    """``text`` without the words that name something here (their digits are no setting: "zigbee2mqtt", "web-01")."""
    return re.sub(r"[\w.-]*\w", lambda m: ' ' if names_something(m.group(0).lower(), state) else m.group(0), text)


def live_named(text: str, state: State) -> set[str]:
    """The live containers and stacks the words of ``text`` name."""
    found: set[str] = set()
    for word in re.findall(r"[\w.-]*\w", re.sub(r"\b(?:its|their)\s+[\w.-]+", ' ', text.lower())):   # "its queue": a part of it
        if names_something(word, state):
            resolution = resolve([word], state)
            found |= set(resolution.containers) | set(resolution.all_stacks) | set(resolution.ambiguous) or {word}
    return found


# a remark told by its subject, done or going on: what it names is what happened, never more to act on
NARRATED_REMARK = re.compile(r"\s*,\s*(?:(?:we|i|they|he|she|it|someone|somebody)\s+(?:have\s+|had\s+|just\s+|already\s+|"
                             r"recently\s+)?(?:(?!need|want)[a-z]{3,}ed|are\s+(?:\w+ing)|were|was|did|didn't|hasn't|haven't|"
                             r"moved|ran|took|broke|made|put|set|built|swapped|" + IRREGULAR_PAST
                             + r")|the\s+[\w-]+(?:\s+[\w-]+)?\s+"
                             r"(?:hasn'?t|haven'?t|didn'?t|wasn'?t|has\s+not|did\s+not|was\s+not))\b", re.IGNORECASE)
# what people or a time window are doing, said after the request: never a target or an option of it
SITUATION = re.compile(r"(?<=\w)\s*,\s*(?:(?:our|the|my|some|all|many|most)\s+)?(?:(?:users?|customers?|clients?|people|ppl|"
                       r"everyone|everybody|staff|visitors?|colleagues?|devs|folks)\s+(?:get|gets|are\s+getting|keep\s+getting|"
                       r"see|sees|report|reported|complain|complained|can'?t|cannot|hit|hitting|getting)|(?:[\w-]+\s+)?"
                       r"(?:window|maintenance|deploy|release|migration|meeting|demo|call|cutover)\s+(?:starts|begins|opens|"
                       r"ends|closes|is\s+(?:now|over|starting|done))|(?:[\w-]+\s+)?(?:moves?|moving|migrates?|migrating|"
                       r"goes|going)\s+to\s+(?:k8s|kubernetes|the\s+cloud|aws|azure|gcp|a\s+new\s+\w+))\b[^,;.!?]*|"
                       r"(?<=[\w`'\"])\s*,?\s+its\s+(?:been\s+|just\s+|still\s+|constantly\s+|always\s+|randomly\s+)?"
                       r"(?:throwing|crashing|failing|returning|giving|eating|hanging|timing|spamming|erroring|dying|choking|"
                       r"leaking|acting|getting|flapping|looping|down|dead|broken|stuck|slow|not)\b[^,;.!?]*|"
                       # how a list is to look: "running containers, just the names"
                       r"(?<=\w)\s*,\s*(?:just|only)\s+(?:the\s+)?names(?:\s+please|\s+pls)?(?=\s*[.!?]*\s*$)",
                       re.IGNORECASE)

# what someone else wants to do themselves, told in a sentence of its own: "the PM wants to click through it before
# the demo" (never a request; "the team wants x restarted" is one, read elsewhere)
OTHERS_WANT = re.compile(r"(?:(?<=[.!?;])|^)\s*(?:the|our|my|his|her|their)\s+[\w-]+(?:\s+[\w-]+)?\s+"
                         r"(?:wants?|needs?|would\s+like|"
                         r"plans?|is\s+going|are\s+going|is\s+about|are\s+about)\s+to\s+(?P<verb>[a-z]+)\b[^.!?]*[.!?]*",
                         re.IGNORECASE)
# what others mean to do with it later, told in a sentence of its own: never a request
THEIRS_LATER = re.compile(r"(?:(?<=[.!?;])|^)\s*(?:the|our|my|his|her|their)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:(?:wants?|plans?|"
                          r"intends?|are\s+going|is\s+going|would\s+like)\s+to|will|'ll)\s+[^.!?]*?\b(?:later|tomorrow|afterwards|next\s+week|"
                          r"eventually|at\s+some\s+point)\b[^.!?]*[.!?]*", re.IGNORECASE)
# a sentence of errors seen, beside a request or a question: what happens, never a request of its own
SEEN_ERRORS = re.compile(r"(?:(?<=[.?!])|^)\s*(?:(?:and\s+|but\s+)?(?:i'?m|we'?re|i\s+am|we\s+are|i\s+keep|we\s+keep|still|"
                         r"now)\s+)*"
                         r"(?:getting|seeing|hitting|receiving)\s+(?:\w+\s+){0,3}?(?:[1-5]\d\d(?:s|\s+errors?)?|errors?|"
                         r"timeouts?|exceptions?|warnings?|failures?)\b[^.!?]*[.!?]*", re.IGNORECASE)
# a sentence of the person's own plan for a later day: "we start it again on the 2nd", "I'll bring it back next week"
_LATER_DAY = (r"(?:on\s+the\s+\d{1,2}(?:st|nd|rd|th)|on\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|next\s+(?:week|month|year|"
              r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)|tomorrow|after\s+the\s+(?:holidays|weekend|break|summer)|"
              r"in\s+(?:january|february|march|april|may|june|july|august|september|october|november|december))")
OWN_LATER_DAY = re.compile(r"(?:(?<=[.!?;])|^)\s*(?:(?:and|but|so)\s+)?(?:we|i)"
                           r"(?:'ll|\s+will|\s+can|\s+plan\s+to|\s+want\s+to)?\s+"
                           r"(?!(?:need|want|would|'d)\b)[a-z]+\b[^.!?]*?\b" + _LATER_DAY + r"\b[^.!?]*[.!?]*", re.IGNORECASE)
# what the person will do themselves, after the request: ", will start later myself", ", I'll bring it back tomorrow"
OWN_LATER = re.compile(r"(?<=\w)\s*,\s*(?:and\s+|but\s+)?(?:(?:i|we)(?:'ll|\s+will|\s+am\s+going\s+to|'m\s+going\s+to)|will|"
                       r"gonna)\s+(?:\w+\s+){0,4}?(?:myself|ourselves|later|tomorrow|afterwards)\b[^,;.!?]*", re.IGNORECASE)


ASIDE_KEEPS = re.compile(r'[\d"\'=@/:]|\b(?:port|ports|and|then|also|plus|or|but|all|both|every|each|them|those|these|too|'
                         r'except|not|without|only|first|last|lines?|logs?|named|called|as|image|tag|version|replicas?|'
                         r'copies|instances|password|passwd|pw|pass|user|username|root|database|db|env|environment|volume|'
                         r'call\s+(?:it|the\s+(?:container|new\s+one))|name\s+(?:it|the\s+container)|'
                         r'mount|restart|restarts|timezone|tz|admin|email|key|secret|token|network|memory|cpu|limit|'
                         r'followed|afterwards|after|before|next|\w+ing\s+(?:it|them|that)|(?:one|1)\s+at\s+a\s+time|'
                         r'at\s+(?:the\s+same\s+time|once)|in\s+parallel|simultaneously|sequentially|in\s+(?:that\s+)?order)\b',
                         re.IGNORECASE)


# a part that tells how things are: a subject, then what it does or did ("the web page says …",
# "the lights stopped responding", "my laptop isn't syncing", "I'll bring it back later")
TOLD = re.compile(r"^\s*(?:(?:the|my|our|his|her|their|its|all|some|an?)\s+(?:[\w'-]+\s+){0,5}?|(?:i|we|they|he|she|it)\s+"
                  r"(?:(?:both|all|just|still|also|always|really|suddenly)\s+)?|"
                  r"(?:both|these|those)(?:\s+of\s+them)?\s+(?=(?:show|give|return|throw|fail|say|keep|are|were|[a-z]+ed|dead|down|stuck|"
                  r"toast|slow|laggy|wonky|janky|flaky|busted|broken)\b)|"
                  r"(?:i|we|they|he|she|it)(?=')|"
                  r"(?:nobody|no\s+one|noone|everyone|everybody|people|ppl)\s*(?:(?:just|still|really)\s+)?|"
                  r"(?!(?:what|who|which|where|how|why|that|this|there|here|it|i|you|we|they|please|pls)\b)[a-z][a-z-]{1,20}\s+"
                  r"(?=(?:can't|cant|cannot|couldn't|won't|wont|doesn't|doesnt|don't|dont|didn't|didnt)\b)|"   # "sales can't …"
                  r"[a-z][\w-]*\s+(?=(?:says|said|reports|reported|claims|thinks|wrote|writes|mailed|told\s+\w+)\b)|"
                  r"(?!(?:what|who|which|where|how|that|this|there|here|let|it)\b)[a-z][a-z]{1,14}(?='s\s+(?:online|on|here|back|"
                  r"away|off|gone|playing|waiting|asleep|done|finished|busy|home)\b))"
                  r"(?:'ll|'m|'re|'ve|'s|is|are|was|were|am|has|have|had|says|said|keeps|kept|"
                  r"shows|showed|seems|seemed|looks|looked|can't|cant|cannot|won't|wont|doesn't|doesnt|don't|dont|didn't|make|makes|"
                  r"eats|uses|takes|causes|stops|crashes|dies|restarts|hangs|freezes|fails|breaks|goes|runs|"
                  r"isn't|aren't|wasn't|will|would|gets|got|show|give|return|throw|fail|say|keep|[a-z]+ed|"
                  r"starts|begins|needs|wants|happens|ends|expects|requires|complains|reports|claims|thinks|wrote|writes|"
                  r"mailed|lives|belongs|means|sees|tells|told|"
                  # any verb said of one ("the auditor arrives at 10", "the app works again"), before what goes with a verb
                  r"(?!(?:lines|logs|entries|errors|containers|stacks|services|images|volumes|networks|ports|replicas|"
                  r"minutes|mins|hours|hrs|days|weeks|months|seconds|secs|files|users|requests|changes|messages|events|"
                  r"details|settings|stats|metrics|updates|versions|workers|nodes|tasks|things|ones|parts|jobs|sites)\b)"
                  r"[a-z]{2,}[^\Ws]s(?=\s+(?:at|to|on|in|the|a|an|my|our|his|her|their|that|it|them|again|up|down|out|for|"
                  r"with|from|every|since|before|after|about|me|us)\b)|"
                  + IRREGULAR_PAST + r")\b", re.IGNORECASE)


LATER_BY_ME = re.compile(r"^\s*(?:(?:and|but|so)\s+)?(?:i|we)(?:'ll|\s+will|\s+shall|'m\s+going\s+to|\s+am\s+going\s+to|"
                         r"\s+are\s+going\s+to|'re\s+going\s+to|\s+can|\s+might|\s+may)\b(?!.*\b(?:need|want)\b)", re.IGNORECASE)
OWN_TASK = re.compile(r"^\s*(?:(?:and|but|so|cause|because|as)\s+)?(?:i|we)(?:\s+(?:need|have|got|want)\s+to|\s+gotta|"
                      r"'m\s+(?:about|going)\s+to|\s+am\s+(?:about|going)\s+to|'re\s+(?:about|going)\s+to|"
                      r"\s+are\s+(?:about|going)\s+to|'m\s+gonna|\s+(?:am|are)\s+gonna|'re\s+gonna)\s+(?P<verb>[a-z]+)\b",
                      re.IGNORECASE)
WANT_TO_KNOW = re.compile(r"^\s*(?:(?:i|we)\s+(?:want|need|would\s+like|'d\s+like|wanna|have)\s+to\s+|(?:to|so\s+i\s+can)\s+)"
                          r"(?:know|see|understand|find\s+out|figure\s+out|learn|check)\s+(?:why|what|how|if|whether|when)\b",
                          re.IGNORECASE)


ADVERBS = {'force', 'forcefully', 'forcibly', 'hard', 'just', 'then', 'now', 'also', 'quickly', 'immediately', 'please',
           'pls', 'and', 'really', 'properly', 'gently', 'safely', 'cleanly', 'finally', 'lastly', 'subsequently', 'later',
           'eventually', 'afterwards', 'next', 'secondly', 'thirdly'}   # "…, finally start it again": a step all the same


NEGATED_END = re.compile(r"(?:n't|n’t|\bcannot|\bcant|\bwont|\bdont|\bdoesnt|\bdidnt)\s*$", re.IGNORECASE)


def _without_asides(text: str, state: State) -> str:
    """A lifecycle request on something that is here, then a comma and words that ask for nothing
    and name nothing ("restart pihole pls, dns is super slow since lunch", "stop immich, photos
    import can wait", "start ci-runner, need one build today"), or that tells how things are ("…, the
    web page says too many connections", "…, I'll bring it back later"): that part says why, it is left out."""
    parts = re.split(r'(\s*,\s*|\s+[-–—]+\s+)', text)   # (and after a dash: "restart x - the resit starts at 11")
    if len(parts) < 3:
        return text
    kept = [parts[0]]
    for index, (separator, part) in enumerate(zip(parts[1::2], parts[2::2], strict=False)):
        before = ''.join(kept).lower()
        words = re.findall(r"[\w'-]+", part.lower())
        if WANT_TO_KNOW.match(part) and clause_intent(Clause(before), state)[0] is not None:
            continue   # "show me syncthing's logs, I want to know why it stopped": why the request, not another one
        dash = not separator.strip().startswith(',') and (part.rstrip().endswith('?') or bool(REQUESTING.search(
            part.lower())))   # after a dash, a request of its own: "oops, I shut x off - could you switch it back on?"
        if LATER_BY_ME.match(part) and not REQUESTING.search(part.lower()) and clause_intent(Clause(before), state)[0] \
                and not re.search(r'\d|\bports?\b', part):   # (not "- I will browse to it on port 9443": a setting)
            continue   # "stop my nextcloud for now, i'll start it later": what the person will do, not a step
        task = OWN_TASK.match(part)
        if task and not starts_request(task.group('verb').lower()) and task.group('verb').lower() not in VERBS \
                and not re.search(r'[\d=:/]|\bports?\b', part) and not SETTING_SAID.search(part) \
                and clause_intent(Clause(before), state)[0]:
            continue   # "pause valheim, i need to copy the world file": what the person does meanwhile, not a step
        told = TOLD.match(part)
        reported = re.match(r"\s*(?:the\s+)?[\w.-]+\s+(?:says|said|shows|showed|reports|reported|throws|threw|logs|logged|prints|"
                            r"printed)\s*:?\s*[\"'“][^\"'”]+[\"'”]\s*[.!]*\s*$", part, re.IGNORECASE)
        if reported and clause_intent(Clause(before), state)[0] is not None:
            continue   # "restart the blog stack, wordpress says 'Error establishing …'": what it says is why
        if (told and not part.rstrip().endswith('?') and not REQUESTING.search(part.lower())
                and not re.search(r'\b(?:password|passwd|pw|user|username|root|database|db|port|named|called|privileged|gpus?)\b|'
                                  r'[=:"]|'
                                  r'(?<![\w.])(?:/[\w.-]|~/)', part)   # "…, my movies are in /data/media": a setting
                and not SETTING_SAID.search(part) and not time_zone_said(part)   # "…, we are on Berlin time": a setting
                and (NEGATED_END.search(told.group(0))   # "accounting can't send invoices": what cannot be done
                     or not asks_for_something(re.sub(r'\b\w+ed\b', '', part[told.end():])))   # "both show 502": says
                and not any(w in state.name_words and w not in GENERIC_WORDS or VERBS.get(w) in LIFECYCLE
                            for w in (words if _about_a_thing_here(told.group(0), state) and not re.match(
                                r'\s*(?:its|their)\b', part, re.IGNORECASE) else []))   # "its queue": a part of it
                and clause_intent(Clause(before), state)[0] is not None):
            continue   # "…, the web page says too many connections", "…, I'll bring it back later": how things are
        first = next((w for w in words if w not in ADVERBS and (w not in FILLER or w in VERBS and w not in (
            'is', 'are', 'be', 'do', 'does'))), '')
        asks = VERBS.get(first) not in (None, 'wish') or bool(lemma(first)) and not first.endswith(('ed', 'ing', 's')) or \
            bool(re.match(r"\s*(?:roll|bring|spin|turn|fire|power|put|take|set)\s+(?:it|them|that|this|[\w.-]+\s+)?\s*"
                          r"(?:back|up|down|on|off|out)\b", part, re.IGNORECASE))   # "…, roll it back": a request
        after = parts[2 * index + 4] if 2 * index + 4 < len(parts) else ''
        listed = len(words) <= 3 and any(names_something(w, state) for w in re.findall(r"[\w.-]+", after.lower())[:3]) or (
            len(words) == 1 and not after and index and words[0] not in COMMON and words[0] not in FILLER)
        if (words and not dash and clause_intent(Clause(before), state)[0] in LIFECYCLE and not asks
                and not ASIDE_KEEPS.search(part) and not re.search(r'(?<![\w-])--?[a-z]', part)   # "…, (-js)": a flag
                and not listed   # "restart jellyfin, calculator, syncthing", "… a, b, toaster": a list item, kept
                and not any(names_something(w, state) for w in words)
                and any(names_something(w, state) for w in re.findall(r"[\w.-]+", before))):
            continue
        kept.extend((separator, part))
    return ''.join(kept)


def _about_a_thing_here(told: str, state: State) -> bool:
    """Whether a remark's subject is something here, or may be ("the db", "mailer", "it"), rather than
    something else a name only describes ("my zigbee devices", "the mobile app users")."""
    subject = re.findall(r"[\w.'-]+", told.lower())[:-1]
    head = subject[-1] if subject else ''
    return not head or head in ('i', 'we', 'they', 'he', 'she', 'it', 'both', 'these', 'those', 'all', 'some') or head in (
        state.name_words | state.services | set(state.stacks)) or head in GENERIC_WORDS or head in KINDS


AUXILIARIES = re.compile(r"'s|'re|'m|\b(?:is|are|am|was|were|have|has|had|do|does|did|don't|doesn't|didn't|won't|can't|will|"
                         r"seems|looks|keeps)\b", re.IGNORECASE)


def asks_for_something(remark: str) -> bool:
    """Whether what a remark says of its subject asks for something (", it needs a restart"), not
    only describes it (", the upgrade is over")."""
    verb = AUXILIARIES.search(remark)
    predicate = remark[verb.end():] if verb else remark
    if re.search(r"\bnot\b|n't\b|\bno\s+longer\b|\bnever\b", predicate, re.IGNORECASE):
        return False   # ", they are not responding to stop": says what they do not do
    return any((starts_request(w) and not w.endswith('ing')) or lemma(w) in LIFECYCLE
               for w in re.findall(r"[\w'-]+", predicate.lower()))   # ", we're seeing timeouts": describes
