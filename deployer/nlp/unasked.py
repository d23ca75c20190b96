"""Messages that speak of a change without asking for it.

"how would I scale x to 3?", "can I safely delete x?", "my colleague said to remove x, is that a good idea?",
"remind me to restart x tomorrow", "x was removed yesterday", "restart x tomorrow at 3am": the plan changes
nothing now. What the message names is read instead (its status), and a warning or a question says why and
how to have it done. Each check reads the whole message, after the plan for it was made, so no phrasing
of the request itself can walk around it.
"""
from __future__ import annotations

from typing import Any

from . import regex as re
from .clause import VERBS, Clause
from .intent import LIFECYCLE, PHRASAL, lemma, phrasal, request_verb
from .plan import READ_TYPES, Question, StatusAction
from .targets import Parsed

IC = re.IGNORECASE
_LEAD = r"^\s*(?:(?:so|ok|okay|hi|hey|hello|um+|quick\s+question|just\s+wondering|out\s+of\s+curiosity)[,!.:]?\s+)*"

# how a change is done, asked: "how would I scale x to 3?", "how does one restart x", "how to remove x safely"
HOW_DONE = re.compile(_LEAD + r"(?:how\s+(?:would|do|does|can|could|should|might|to)|(?:is\s+there|are\s+there|any)\s+"
                      r"(?:a\s+|some\s+|an?\s+(?:easy|safe|quick|clean|good)\s+)?ways?\s+to)\s+"
                      r"(?:(?:i|we|you|one|u|someone|people)\s+)?"
                      r"(?:(?:go\s+about|supposed\s+to|be\s+able\s+to|safely|properly|correctly|manually)\s+)*"
                      r"(?P<verb>[a-z-]+)\b[^?]*\?*\s*$", IC)
# is it safe: "can I safely delete x?", "would it be ok to kill x?", "is x safe to remove?"
SAFE_TO = re.compile(_LEAD + r"(?:(?:can|could|may)\s+(?:i|we)\s+(?:safely|just|really)\s+|(?:is|would|will)\s+it\s+be\s+"
                     r"(?:safe|ok(?:ay)?|fine|risky|dangerous|wise)\s+to\s+|is\s+it\s+(?:safe|risky|dangerous|wise)\s+to\s+)"
                     r"(?P<verb>[a-z-]+)\b[^?]*\?\s*$", IC)
SAFE_AFTER = re.compile(r"\b(?:is|are)\s+[\w.-]+(?:\s+[\w.-]+){0,2}\s+(?:safe|ok(?:ay)?|fine)\s+to\s+(?P<verb>[a-z-]+)\b"
                        r"[^?]*\?\s*$", IC)
# advice asked on a change someone else proposed: "… said to remove x, is that a good idea?", "should I, though?"
ADVICE = re.compile(r"[,;.:-]\s*(?:(?:but|so|and)\s+)?(?:is|would|was|will)\s+(?:that|this|it)\s+(?:be\s+)?(?:a\s+)?"
                    r"(?:really\s+)?"
                    r"(?:good|bad|smart|wise|safe|ok(?:ay)?|fine|sensible|necessary|needed|right|risky|dangerous|true|correct|"
                    r"(?:good|bad|smart|sound)\s+idea|idea|the\s+right\s+(?:call|thing|move))\b[^?]*\?+\s*$|"
                    r"[,;.:-]\s*(?:what\s+do\s+you\s+think|thoughts|should\s+(?:i|we)(?:\s+(?:do\s+(?:it|that)|though))?|"
                    r"do\s+you\s+(?:agree|recommend\s+(?:it|that)))\s*\?+\s*$", IC)
PROPOSED = re.compile(r"\b(?:said|says|say|told\s+(?:me|us)|suggested|suggests|recommended|recommends|wants?\s+(?:me|us)|"
                      r"asked\s+(?:me|us)|thinks?\s+(?:i|we)\s+should|proposed)\b", IC)
# advice asked on a change of one's own: "should I restart the api or not", "should we really delete x?"
SHOULD_I = re.compile(_LEAD + r"(?:so\s+)?should\s+(?:i|we)\s+(?:really\s+|maybe\s+|just\s+|even\s+|still\s+|better\s+)?"
                      r"(?P<verb>[a-z-]+)\b[^?]*(?:\?|\bor\s+not\b[^?]*)\s*$", IC)
# a button of the page asked about: "delete is greyed out for x, why", "the restart button does nothing on y"
UI_STATE = re.compile(r"(?:^|[\s\"'])(?P<verb>[a-z-]+)[\"']?\s+(?:button\s+|option\s+|action\s+|menu\s+item\s+)?"
                      r"(?:is|was|seems|looks|stays|appears)\s+(?:to\s+be\s+)?(?:still\s+|always\s+)?"
                      r"(?:greyed|grayed|disabled|missing|gone|broken|unavailable|hidden|blocked|inactive|not\s+(?:working|clickable|"
                      r"there|shown|available))\b|"
                      r"\bthe\s+(?P<verb2>[a-z-]+)\s+(?:button|option|menu\s+item|command|cmd)(?:\s+(?:for|of|on)\s+[\w.-]+"
                      r"(?:\s+[\w.-]+)?)?\s+(?:does|did|is|was|isn'?t|doesn'?t|won'?t|hangs|hung|fails|failed|times\s+out|"
                      r"timed\s+out|gets\s+stuck|got\s+stuck|never)\b|"
                      # "kill -9 doesn't work on worker": why a change does nothing, asked
                      r"(?:^|[.!?;,]\s*)(?P<verb3>[a-z]+)(?:\s+-[\w-]+)?\s+(?:doesn'?t|does\s+not|didn'?t|did\s+not)\s+"
                      r"(?:work|help|do\s+anything)\b", IC)
# the assistant's own replies, not a container: "stop telling me about grafana", "quit showing me the shop"
REPLIES = re.compile(_LEAD + r"(?:please\s+|pls\s+|can\s+you\s+|could\s+you\s+)?(?:stop|quit|cease|don'?t\s+keep)\s+"
                     r"(?P<verb>telling|asking|showing|sending|saying|bugging|spamming|notifying|alerting|reminding|bothering|"
                     r"pinging|nagging|warning|talking|mentioning|repeating|giving|suggesting|offering)\b", IC)
# a change already asked for, to be called off: "abort the restart of mailer", "cancel that redeploy"
CALLED_OFF = re.compile(r"\b(?:abort|cancel|call\s+off|scrap|scratch)\s+(?:the|that|this|my|your|any)\s+"
                        r"(?:pending\s+|planned\s+|running\s+|ongoing\s+|current\s+|last\s+|scheduled\s+)?"
                        r"(?P<verb>restart|reboot|redeploy|deploy(?:ment)?|update|upgrade|removal|deletion|pull|rollback|scaling|"
                        r"stop|start|shutdown|kill)\b(?!\s+(?:button|policy))", IC)
# a change's word as a noun: "restart count of mailer?", "the restart policy of x", "how many restart attempts"
AS_A_NOUN = re.compile(r"\b(?P<verb>restart|reboot)s?\s+(?:count|counter|number|policy|policies|history|times|attempts|rate|"
                       r"reason|settings?|behaviou?r)s?\b|"
                       # a word of the app's own: "the delete endpoint", "stop words", "the start page", "a kill switch"
                       r"\b(?P<verb2>delete|remove|stop|start|kill|update|restart|deploy)\s+(?:endpoints?|routes?|requests?|calls?|"
                       r"methods?|handlers?|queries|query|words?|page|menu|screen|switch|count|loss|sign|signs)(?![\w-])|"
                       # "the last redeploy of shop failed": a change that was, not one asked for
                       r"\b(?:last|previous|latest|recent|earlier|failed|yesterday'?s|this\s+morning'?s)\s+"
                       r"(?P<verb3>redeploy|deploy|restart|update|upgrade|rollback|pull|removal)\b", IC)
# a reminder or a schedule: "remind me to restart x", "set a reminder to …", "make a note to …"
REMINDER = re.compile(_LEAD + r"(?:(?:please|pls|can\s+you|could\s+you)\s+)*(?:remind\s+(?:me|us)|"
                      r"set\s+(?:up\s+)?a\s+reminder|make\s+a\s+note|add\s+a\s+(?:todo|to-do|reminder|task|note))\s+"
                      r"(?:to|that|about|for)\b", IC)
# a change said as done, in the passive: "x was removed yesterday", "x got deleted, by whom?", "x seems to have been
# killed"; a request said as well ("x was stopped, start it again") is planned as said
DONE_BEFORE = re.compile(r"\b(?:was|were|got|gotten|has\s+been|have\s+been|had\s+been|(?:seems?|seemed|appears?|appeared|must|"
                         r"might|may)\s+(?:to\s+)?have\s+been|'s\s+been|'ve\s+been)\s+(?:\w+ly\s+|just\s+|already\s+|all\s+)?"
                         r"(?P<verb>[a-z]+ed|shut\s+down|taken\s+down|brought\s+down|torn\s+down|wiped)\b", IC)
REQUEST_SAID = re.compile(r"\b(?:please|pls|plz|can\s+(?:you|u)|could\s+(?:you|u)|would\s+(?:you|u)|"
                          r"(?:i|we)\s+(?:want|need|'d\s+like|would\s+like)|let'?s|needs?\s+to\s+be|has\s+to\s+be|"
                          r"should\s+be|must\s+be)\b", IC)
GO_BACK = re.compile(r"\b(?:go|step)\s+back\s+(?:to\b|(?:by\s+)?(?:one|a|1)\s+(?:version|revision|release|step)\b)|\bundo\s+"
                     r"(?:it|that|the\s+(?:last\s+)?(?:update|upgrade|change|deploy))\b", IC)   # "…, go back a version": asked
CHANGE_VERBS = set(LIFECYCLE) | {'remove', 'deploy', 'redeploy', 'rollback', 'run', 'create', 'up'}
# a request for a time to come: "restart x tomorrow at 3am", "scale the api to 4 next week", "stop x in two hours"
# ("stop it tonight", "died overnight", "traffic doubles tomorrow": now, or only told)
_WHEN = (r"(?:tomorrow(?:\s+(?:morning|night|evening|afternoon))?|next\s+(?:week|month|monday|tuesday|wednesday|thursday|friday|"
         r"saturday|sunday|weekend)|on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
         r"on\s+the\s+\d{1,2}(?:st|nd|rd|th)|"
         r"in\s+(?:an?|\d+|one|two|three|a\s+few|a\s+couple\s+of)\s+(?:hours?|days?|minutes?|mins?|weeks?)|"
         r"at\s+(?:midnight|noon|\d{1,2}(?::\d{2})?\s*(?:am|pm|h|o'?clock)|\d{1,2}:\d{2})|after\s+(?:business\s+|office\s+)?hours)")
LATER = re.compile(r"^\s*(?:(?:please|pls|can\s+you|could\s+you|would\s+you|kindly)\s+)*(?P<verb>[a-z-]+)\b[^,.;!?]*?\s"
                   r"(?<!\bfor\s)(?<!\bbefore\s)(?<!\bby\s)(?<!\buntil\s)(?<!\btill\s)"   # "pre-pull x for tomorrow": now
                   rf"(?P<when>{_WHEN}(?:\s*,?\s*{_WHEN})*)\s*(?:please|pls)?\s*[.!?]*\s*$", IC)


ASKED_FOR = {'get', 'set', 'setup', 'install', 'deploy', 'spin', 'put', 'stand', 'fire', 'bring', 'run', 'launch', 'create',
             'add', 'host'}   # "how do I get nextcloud": asked for it (rewrites' HOW_DO_I), not how it is done
LATER_TYPES = {'container', 'stack', 'scale', 'pull', 'rollback'}   # a new container's "every night" is its own setting


OWN_WORDS = {'advice', 'page', 'replies', 'called off', 'noun'}   # kinds said by a few words: a request beside them stands


def _asks_besides(rest: str) -> bool:
    """Whether the rest of the message says a change of its own ("restart mailer, the restart count is at 5")."""
    return any(VERBS.get(w) in CHANGE_VERBS or w in PHRASAL for w in re.findall(r"[a-z]+", rest.lower()))


def why_unasked(said: str, types: set[str]) -> tuple[str, str] | None:
    """(kind, words) when the message speaks of a change without asking for it now; None when it asks.
    ``types``: the types of the actions planned for it."""
    done = [m for m in DONE_BEFORE.finditer(said) if VERBS.get(lemma(m.group('verb').split()[0].lower()) or '') in CHANGE_VERBS
            or ' ' in m.group('verb') or m.group('verb').lower() == 'wiped']
    if done and not REQUEST_SAID.search(said) and not GO_BACK.search(DONE_BEFORE.sub(' ', said)) and not any(
            VERBS.get(w) in CHANGE_VERBS or w in PHRASAL for w in re.findall(r"[a-z]+", DONE_BEFORE.sub(' ', said.lower()))):
        return 'done', done[0].group(0)
    for kind, pattern in (('how', HOW_DONE), ('safe', SAFE_TO), ('safe', SAFE_AFTER), ('reminder', REMINDER),
                          ('advice', SHOULD_I), ('page', UI_STATE), ('replies', REPLIES), ('called off', CALLED_OFF),
                          ('noun', AS_A_NOUN)):
        found = pattern.search(said)
        verb = next((v for k, v in found.groupdict().items() if k.startswith('verb') and v), '').lower() \
            if found and 'verb' in pattern.groupindex else ''
        if found and (not verb or kind == 'replies' or verb.split()[0] not in ASKED_FOR and (
                request_verb(verb.split()[0]) or ' ' in verb or VERBS.get(verb.removesuffix('ment')) in CHANGE_VERBS)) and not (
                kind in OWN_WORDS and (_asks_besides(said[:found.start()] + ' ' + said[found.end():])
                                       or not types <= {'container', 'stack', *READ_TYPES})):
            return kind, found.group(0).strip(' ,;.:-?"\'')
    advice = ADVICE.search(said)
    if advice and (PROPOSED.search(said[:advice.start()]) or re.match(r'[,;.:-]\s*should', advice.group(0), IC)):
        return 'advice', advice.group(0).strip(' ,;.:-')
    later = LATER.match(said)
    if later and request_verb(later.group('verb').lower()) and types and types <= LATER_TYPES | set(READ_TYPES):
        return 'later', later.group('when')
    return None


def only_what_was_asked(out: Parsed, state_names: set[str]) -> None:
    """The plan of a message that asks for no change now: its reads kept, each change in it replaced by a
    read of the status of what that change named, and the reason said."""
    if all(a.type in READ_TYPES for a in out.actions):
        return
    found = why_unasked(out.said, {a.type for a in out.actions})
    if found is None:
        return
    kind, words = found
    kept, named = [], []
    for action, explanation in zip(out.actions, out.explanations, strict=False):
        if action.type in READ_TYPES:
            kept.append((action, explanation))
            continue
        for name in [*(getattr(action, 'targets', None) or []), getattr(action, 'stack', None), getattr(action, 'target', None)]:
            if name and name in state_names and name not in named:
                named.append(name)
    changes = [e for a, e in zip(out.actions, out.explanations, strict=False) if a.type not in READ_TYPES]
    reads = [StatusAction(target=name) for name in named if not any(
        a.type == 'status' and getattr(a, 'target', None) == name for a, _ in kept)]
    out.actions = [a for a, _ in kept] + reads
    out.explanations = [e for _, e in kept] + [a.explain() for a in reads]
    done = '; '.join(changes)
    if kind == 'later':
        out.questions.append(Question(text=f'I do not schedule changes for later ("{words}"): a plan runs as soon as '
                                           f'you confirm it. Should I do it now? ({done})',
                                      choices=[re.sub(r'\s+', ' ', out.said.replace(words, ' ')).strip(' ,.')]))
        return
    out.warnings.append({
        'how': f'That is a question about how to do it ("{words}"), so nothing is changed.',
        'safe': f'That is a question about whether it is safe ("{words}"), so nothing is changed.',
        'advice': f'That is a question about what to do ("{words}"), so nothing is changed.',
        'reminder': 'Not done: I do not keep reminders or schedules, and a plan runs as soon as it is confirmed.',
        'page': f'That is a question about why something does not work ("{words}"), so nothing is changed.',
        'replies': f'That is about my replies ("{words}"), not about a container, so nothing is changed.',
        'called off': f'Not done: a step already confirmed is not called off from the chat ("{words}"), and nothing new '
                      'is planned.',
        'noun': f'That asks about "{words}", not for a change, so nothing is changed.',
        'done': f'That tells what was done ("{words}"), so nothing is changed.',
    }[kind] + (' The status of what it names is below.' if named else '')
        + f' Ask for it as a request to have it planned ({done}).')


# a change said in a frame that does not ask for it, by its own verb: "the shop db must never be removed", "I don't
# want to remove adminer, just stop it", "I removed mailer yesterday by accident", "if the blog goes down again I'll
# delete it". Only that verb's changes are left out, and only when the message does not also ask for it plainly.
NOT_ASKED_FRAMES: tuple[re.Pattern[Any], ...] = (
    re.compile(r"\b(?:must|should|shall|may|can|could|will|is\s+to|are\s+to)(?:\s+not|n'?t|\s+never)\s+(?:ever\s+)?(?:be|get)\s+"
               r"(?:\w+ly\s+)?(?P<v>[a-z]+)\b", IC),
    re.compile(r"\b(?:i|we)\s+(?:really\s+|definitely\s+)?(?:don'?t|do\s+not|never)\s+want\s+(?:you\s+|anyone\s+|it\s+)?to\s+"
               r"(?:be\s+)?(?P<v>[a-z]+)\b", IC),
    re.compile(r"\b(?:i|we)\s+(?:\w+ly\s+|just\s+|already\s+|then\s+)?(?P<v>[a-z]{3,}ed|took|ran|shut|killed|nuked)\b"
               r"(?!\s+(?:to|you|that|if|whether)\b)", IC),
    re.compile(r"\b(?:i|we)(?:'ll|\s+will|\s+shall|'m\s+going\s+to|\s+am\s+going\s+to|'re\s+going\s+to|\s+are\s+going\s+to|"
               r"\s+might|\s+may|'d|\s+would)\s+(?:probably\s+|likely\s+|maybe\s+|just\s+|then\s+|simply\s+)?"
               r"(?:(?:need|have|want)\s+to\s+)?(?P<v>[a-z]+)\b", IC),   # "… I'll probably need to scale the api to 5"
    # "I'd rather not restart x during the day", "better not stop x", "nobody should stop x"
    re.compile(r"\b(?:(?:i|we)(?:'d|\s+would)\s+rather\s+not|(?:it'?s\s+)?(?:better|best)\s+not\s+to|(?:better|best)\s+not|"
               r"(?:nobody|no\s*one|no-one)\s+(?:should|must|may|can|shall|is\s+to|is\s+allowed\s+to|gets\s+to)\s+(?:ever\s+)?)"
               r"\s*(?P<v>[a-z]+)\b", IC),
    # told, not asked: "last time someone restarted x …", "x stops every night, why?", "after the upgrade, x got removed"
    re.compile(r"\b(?:someone|somebody|anyone|anybody|they|he|she)\s+(?:\w+ly\s+|just\s+|already\s+)?"
               r"(?P<v>[a-z]{3,}ed|took|killed)\b", IC),
    re.compile(r"\b[\w.-]*[a-z0-9]\s+(?:always\s+|often\s+|still\s+|sometimes\s+|randomly\s+|constantly\s+|never\s+|just\s+)?"
               r"(?P<v>stops|restarts|starts|pauses|crashes|dies|exits)\b(?!\s+(?:it|them|the|a|an|of|for|in)\b)", IC),
    re.compile(r"\b(?:was|were|got|gotten|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+|just\s+|already\s+|all\s+)?"
               r"(?P<v>[a-z]{3,}ed)\b", IC),
    # what something does, said of it ("the mailer drops mails", "it kills idle connections"): never a request
    re.compile(r"\b(?!(?:please|pls|plz|and|then|also|just|to|can|could|would|will|you|u|i|we|now)\b)[\w.-]*[a-z0-9]\s+"
               r"(?:\w+ly\s+|always\s+|often\s+|still\s+|sometimes\s+|just\s+|keeps?\s+on\s+)?"
               r"(?P<v>drops|kills|removes|deletes|wipes|purges|nukes|destroys)\b", IC),
    # what something did by itself: "overnight the nextcloud redis restarted twice", "mailer stopped again." (not "our lead
    # wants traefik and mailer restarted": a wish; not "everything that's stopped": a state)
    re.compile(r"(?:^|(?<=[.!?;,]))(?:(?!\b(?:wants?|wanted|needs?|needed|gets?|got|have|has|had|likes?|would|make|makes|let|"
               r"please|pls|should|must)\b)[^.!?;,])*?"
               r"(?P<told>\b(?!(?:i|we|you|u|please|pls|and|then|just|also|to|not|never|should|must|can|could|be|been|being|get|"
               r"gets|got|is|are|was|were|has|have|had|it|them|him|her|needs?|wants?|keep|stay|remain|that|which|what|who|s|"
               r"everything|anything|all|ones|those|already|still|now|currently|recently|been)\b)[\w.-]*[a-z0-9]\s+"
               r"(?:\w+ly\s+|just\s+|already\s+)?(?P<v>restarted|stopped|rebooted|exited|paused)\b)(?=\s+(?:twice|again|overnight|"
               r"last\s+night|yesterday|today|this\s+morning|on\s+its\s+own|by\s+itself|itself|\d+\s+times|a\s+few\s+times|"
               r"several\s+times|repeatedly|randomly|for\s+no|without|at\s+\d)\b|\s*[.,;!?]|\s*$)", IC),
    # what a change would do, said with the change as a gerund: "stopping x would break dns for everyone"
    re.compile(r"(?:^|[.!?;,]\s*)(?P<v>[a-z]+ing)\s+[^,.;!?]*?\s(?:would|will|could|might|may|can)\s+(?:\w+\s+)?"
               r"(?:break|kill|take\s+down|cause|mean|affect|hurt|stop|interrupt|disconnect|lose|delete|wipe|destroy|ruin|"
               r"be\s+(?:a\s+)?(?:bad|ok(?:ay)?|fine|safe|problem|issue|risky|dangerous|mistake|disaster))\b",
               IC),
)
# a change as a topic or a plan: "we need to talk about removing the blog", "removing x is on the agenda for friday",
# "restarting the shop fixed it last time"
TOPIC_FRAMES = (
    re.compile(r"\b(?:talk|talking|think|thinking|discuss|discussing|chat|chatting|meeting|debate|ask(?:ing)?)\s+"
               r"(?:with\s+\w+\s+)?about\s+(?P<v>[a-z]+ing)\b", IC),
    re.compile(r"(?:^|[.!?;,]\s*)(?P<v>[a-z]+ing)\s+[^,.;!?]*?\s(?:is|was|are|were)\s+(?:on\s+the\s+(?:agenda|list|roadmap|"
               r"table|todo|to-do)|planned|scheduled|next\s+(?:week|month)|due|pending|coming)\b", IC),
    re.compile(r"(?:^|[.!?;,]\s*)(?P<v>[a-z]+ing)\s+[^,.;!?]*?\s(?:fixed|helped|worked|solved|broke|did\s+(?:it|the\s+trick)|"
               r"didn'?t\s+(?:help|work|fix))\b", IC),
)
# "restart neither mailer nor traefik": the verb said of nothing
NEITHER = re.compile(r"\b(?P<v>[a-z]+)\s+(?:the\s+)?neither\b[^.!?]*\bnor\b", IC)
# "cancel the redeploy of shop, just restart the api", "abort the restart and stop it instead": called off for another
NOT_ASKED_FRAMES = (*NOT_ASKED_FRAMES, *TOPIC_FRAMES, AS_A_NOUN, NEITHER,
                    re.compile(CALLED_OFF.pattern + r"(?=[^.!?]*\b(?:instead|rather|just|only)\b)", IC))
# a sentence about some later time or not now: every change in it ("we should delete x at some point",
# "maybe remove x later, not now")
SOMEDAY = re.compile(r"\b(?:at\s+some\s+point|eventually|some\s*day|one\s+day|some\s*time(?:\s+soon)?|in\s+the\s+future|"
                     r"later\s+on|down\s+the\s+(?:road|line)|not\s+(?:now|yet|today|right\s+now|at\s+the\s+moment))\b", IC)
# said as the time of another step ("once billing has been redeployed", "if it starts", "while x restarts"): a step
WHEN_BEFORE = re.compile(r"\b(?:if|when|whenever|once|while|until|till|after|before|unless|as\s+soon\s+as)\s+(?:the\s+)?"
                         r"(?:[\w.-]+\s+){0,2}$", IC)
NOT_A_CHANGE_OF_MINE = {'wanted', 'needed', 'hoped', 'asked', 'expected', 'requested', 'preferred', 'liked', 'loved', 'decided',
                        'planned', 'meant', 'intended', 'tried', 'noticed', 'checked', 'realised', 'realized', 'changed',
                        'configured', 'edited', 'updated', 'installed', 'deployed', 'added', 'set'}


def _op_of(word: str) -> str | None:
    word = word.lower()
    if word in NOT_A_CHANGE_OF_MINE:
        return None
    verb = VERBS.get(word) or VERBS.get(lemma(word) or '')
    if verb is None and word.endswith('ed'):
        verb = VERBS.get(word[:-1]) or VERBS.get(word[:-2])
    return verb if verb in CHANGE_VERBS else None


DO_IT = re.compile(r"\b(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|just\s+)?do\s+(?:it|that|this|so)|"
                   r"(?:please\s+|just\s+)?(?:do|go\s+ahead\s+and\s+do)\s+(?:it|that)\s+(?:now|please|for\s+me)|"
                   r"go\s+ahead)\b", IC)


def _change_op(action: Any) -> str | None:
    """The verb a change is said by: a container's or a stack's op (a count or a rollback is never left out here)."""
    return str(action.op) if action.type in ('container', 'stack') else None


def refused(out: Parsed) -> None:
    """Leave out the changes whose verb the message says only in a frame that does not ask for it."""
    if not any(_change_op(a) for a in out.actions):
        return   # nothing that could be left out: no frame to look for (most messages)
    said = out.said or ''
    spans, ops = [], set()
    for frame in NOT_ASKED_FRAMES:
        for found in frame.finditer(said):
            op = _op_of(next((v for k, v in found.groupdict().items() if k.startswith('v') and v), ''))
            if op is not None and not WHEN_BEFORE.search(said[:found.start()]):
                ops.add(op)
                spans.append(found.span('told') if 'told' in frame.groupindex else found.span())
    for sentence in re.finditer(r"[^.!?;]+", said):
        if SOMEDAY.search(sentence.group(0)):
            for word in re.finditer(r"[a-z]+", sentence.group(0).lower()):
                op = _op_of(word.group(0))
                if op is not None:
                    ops.add(op)
                    spans.append(sentence.span())
    if not ops:
        return
    rest = said
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + ' ' + rest[end:]
    asked = {VERBS.get(w) for w in re.findall(r"[a-z]+", rest.lower())}   # "I restarted it, restart it again": asked
    for piece in re.split(r'[,;.!?]', rest):   # "spin the exam portal back up, the resit starts at 11": asked, by a particle
        said_so = phrasal(Clause(piece)) if piece.strip() else None
        if said_so is not None:
            asked.add('start' if said_so[0] == 'up' else said_so[0])
    if DO_IT.search(rest):   # "I'll need to restart the api, can you do it now?": asked after all
        return
    left_out = {op for op in ops if op not in asked}
    kept = [(a, e) for a, e in zip(out.actions, out.explanations, strict=False) if _change_op(a) not in left_out]
    if len(kept) == len(out.actions):
        return
    dropped = [e for a, e in zip(out.actions, out.explanations, strict=False) if (a, e) not in kept]
    out.actions, out.explanations = [a for a, _ in kept], [e for _, e in kept]
    out.warnings.append('Not done, as asked: the message says it only as something not to do, already done or for '
                        f'you to do later ({"; ".join(dropped)}). Ask for it as a request to have it planned.')


# a question about what a change would do, not the change: "if I deleted x, would anything else break?", "what would
# happen if we stopped y?", "what breaks if I remove z"
HYPOTHETICAL = re.compile(r"^\s*(?:(?:hmm+|so|ok|quick\s+question|just\s+wondering|out\s+of\s+curiosity)[,:]?\s+)*"
                          r"(?:what\s+(?:happens|would\s+happen|will\s+happen|breaks|would\s+break|goes\s+wrong)\s+)?"
                          r"if\s+(?:i|we|you|someone|somebody)\s+(?:were\s+to\s+|was\s+to\s+|did\s+|just\s+|ever\s+)?"
                          r"(?P<verb>[a-z]+)\s+(?P<x>[^,?;]+?)\s*(?:,\s*|\s+)(?:then\s+)?(?:would|will|could|does|do|is|are|can|"
                          r"might)\b[^?]*\?+\s*$|"
                          r"^\s*what\s+(?:happens|would\s+happen|will\s+happen|breaks|would\s+break|goes\s+wrong)\s+if\s+"
                          r"(?:i|we|you|someone|somebody)\s+(?:were\s+to\s+|was\s+to\s+|did\s+|just\s+)?"
                          r"(?P<verb2>[a-z]+)\s+(?P<x2>[^,?;]+?)\s*\?*\s*$", re.IGNORECASE)

# "if the mailer stops, will emails queue up?", "if shop-db restarts we can lose data": what would follow from something
# happening to x (x the subject, not the user), asked or worried about; never a request to make it happen. Its consequence
# is no request ("if the mailer stops, restart it", "…, can you restart it" are asked for)
IF_IT_HAPPENS = re.compile(r"^\s*(?:(?:but|and|so|hmm+|ok|also|btw)[,:]?\s+)*(?:if|when|whenever|once|in\s+case|should)\s+"
                           r"(?P<x>(?!(?:i|we|you|someone|somebody)\b)(?:the\s+|our\s+|my\s+)?[\w.-]+(?:\s+[\w.-]+)?)\s+"
                           r"(?:ever\s+|suddenly\s+|accidentally\s+)?"
                           r"(?P<what>restarts|stops|crashes|dies|goes\s+down|goes\s+away|gets\s+(?:restarted|stopped|removed|deleted|"
                           r"killed|updated|recreated)|is\s+(?:restarted|stopped|removed|deleted|killed|updated|recreated|down)|"
                           r"fails|updates|is\s+updated)(?:\s+(?:during|in|at|on|over|after|before|while|by)\s+"
                           r"(?:the\s+|a\s+|this\s+|next\s+)?[\w-]+(?:\s+[\w-]+)?)?"   # "… goes down during the sale"
                           r"\s*(?:again\s*|ever\s+again\s*)?,?\s*(?:then\s+)?(?:please\s+)?"
                           r"(?:(?!(?:can|could|would|will)\s+(?:you|u)\b)(?:would|will|could|does|do|is|are|can|might|may)\b|"
                           r"(?:tell|notify|alert|ping|email|e-mail|text|message|warn|page)\s+(?:me|us)\b|let\s+(?:me|us)\s+know\b|"
                           r"(?:we|i|it|they|everything|nothing|anything|emails|mails|customers|users|people|orders|data|jobs|"
                           r"sessions|the\s+\w+)\s+(?:would|will|could|can|might|may|lose|loses|get|gets|break|breaks|go|goes|fail|"
                           r"fails|stop|stops|pile|piles|queue|queues)\b|(?:we|i)'(?:ll|d)\s+(?:probably\s+|likely\s+|maybe\s+|then\s+)?(?:need|have)\s+to\b)[^.!]*$",
                           re.IGNORECASE)


def hypothetical(command: str, out: Parsed) -> str:
    """A question about what a change would do ("if I deleted x, would anything break?"): the status of what
    it names, with a warning that nothing is changed; any other message as it is."""
    asked = HYPOTHETICAL.match(command)
    happens = IF_IT_HAPPENS.match(command) if asked is None else None
    if happens is not None:
        what = ' '.join(happens.group('what').lower().split())
        out.warnings.append(f'Nothing is changed: that is about what follows if {happens.group("x")} {what}. Its status '
                            'is below; say it as a request when you want something done.')
        return f'status of {happens.group("x")}'
    if asked is None:
        return command
    verb, subject = asked.group('verb') or asked.group('verb2'), asked.group('x') or asked.group('x2')
    if not request_verb(verb.lower()):
        return command
    out.warnings.append(f'Nothing is changed: that is a question about what would happen if you {verb.lower()} '
                        f'{subject}. Its status is below; say it as a request when you want it done.')
    return f'status of {subject}'
