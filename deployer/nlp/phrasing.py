# ruff: noqa: E501  (the phrasing patterns: one shape of sentence per line reads best)
"""How people phrase a request around its words, rewritten to the plain request before the parser reads it.

Each rule is a shape of sentence, not a sentence: ticket and runbook labels ("Action: stop x. Reason: …",
"Targets: a, b. Action: stop.", "[maintenance] …", "OPS-1423: …", "Change: crm backend replicas 1 -> 4"),
the passive voice ("metrics needs to be rolled back"), checks after a step ("… and confirm it came back
up", "verify everything in it is up"), English as a second language ("make stop x, after remove him",
"please to make rollback of metrics", "make go up again the x"), run-on chat ("restart x also whats the
status of y", "and btw …", "while ur at it …"), Compose command lines said in chat ("compose pull blog
then up -d", "docker compose -p chat up -d"), and events named only as a time ("after the deploy",
"after the host reboot") — which are not requests.
"""
from __future__ import annotations

from . import regex as re
from .clause import GREP_STEMS, PHRASES, PUT_ON_PORT, VERBS

IC = re.IGNORECASE

# ---- tickets and runbooks --------------------------------------------------------------------------------

TAG = re.compile(r'^\s*(?:\[[^\]]{1,40}\]\s*)+', IC)                                  # "[maintenance] stop x"
TICKET_ID = re.compile(r'^\s*[A-Z][A-Z0-9]{1,9}-\d{1,7}\s*[:\-]\s*')                  # "OPS-1423: start x"
REASON = re.compile(r'(?:^|[.;]\s*|\s+)(?:reason|why|because|context|note|justification|impact|requested\s+by|approved\s+by)\s*:\s*'
                    r'[^;]*?(?=[.;!?](?:\s|$)|$)', IC)   # to the end of its sentence: "Context: I moved the box. Start x"
DEPLOY_LOG = re.compile(r'\b(deploy(?:ment)?s?|release|rollout|change|audit)\s+(?:logs?|journal|record|trail)\b', IC)
LABEL = re.compile(r'(?:^|(?<=[.;]\s))\s*(?:action|task|change(?:\s+request)?|request|ticket|runbook|todo|to\s*do|step|op|operation|please\s+do)\s*:\s*', IC)
TARGETS_THEN_ACTION = re.compile(r'^\s*(?:targets?|affected|services?|containers?|scope|hosts?)\s*:\s*(?P<what>[^.;]+?)[.;]\s*'
                                 r'(?:(?:action|task|op|operation)\s*:\s*(?P<verb>[\w -]+?)\s*[.!]?\s*$|(?P<rest>.+)$)', IC)
ARROW_COUNT = re.compile(r'\b(?:replicas?|instances?|copies|containers?|scale)\s*:?\s*\d+\s*(?:->|→|=>|to)\s*(\d+)\b', IC)
COUNT_LINE = re.compile(r'^\s*(?P<what>[\w/ .-]+?)\s*:\s*(?P<n>\d+)\s+(?:replicas?|instances?|copies|containers?)\s*[.!]?\s*$', IC)

# ---- voice, checks, second-language forms, chat ----------------------------------------------------------

# The state a thing should end up in, said as a participle or an adjective ("restarted", "rolled back", "switched
# back off", "running again", "gone"), and the verb that gets it there (``wanted_verb``): "metrics needs to be
# rolled back", "a and b should both be off" (``OUGHT``, here) and "I need x to be running again" (rules.GOAL).
DONE = {'restarted': 'restart', 'rebooted': 'restart', 'bounced': 'restart', 'stopped': 'stop', 'started': 'start',
        'redeployed': 'redeploy', 'recreated': 'redeploy', 'rolled back': 'roll back', 'removed': 'remove',
        'deleted': 'remove', 'gone': 'remove', 'updated': 'update', 'upgraded': 'update', 'paused': 'pause',
        'unpaused': 'unpause', 'killed': 'kill', 'pulled': 'pull', 'running': 'start', 'up': 'start', 'online': 'start',
        'back': 'start', 'back up': 'start', 'running again': 'start', 'up again': 'start', 'down': 'stop', 'off': 'stop',
        'offline': 'stop', 'up to date': 'update', 'up-to-date': 'update'}
WANTED_STATE = (r"(?P<state>(?:brought|put|started|turned|switched|powered|taken|shut|woken|spun|fired|kicked|booted)\s+"
                r"(?:back\s+)?(?:up|on|off|down|online|offline)(?:\s+again)?|"
                + '|'.join(sorted((k.replace(' ', r'\s+') for k in DONE), key=len, reverse=True)) + r")\b(?!\s*(?:-|to)\s*date)"
                r"(?:\s+for\s+good)?")   # "up to date" is not "up"
# the things it is wanted of: "x", "the x stack", "both x and y", "x, y and z"
WANTED_OBJECT = (r"(?P<obj>(?:both\s+|all\s+of\s+)?(?:the\s+)?(?!(?:to|what|which|who|whatever|where)\b)[\w.-]+(?:\s+(?:stack|container|service|project))?"
                 r"(?:(?:\s*,\s*|\s+and\s+)(?:the\s+)?[\w.-]+(?:\s+(?:stack|container|service|project))?)*)")
MODAL = r"(?:needs|need|has|have|should|must|ought|(?:is|are|was|were)\s+(?:meant|supposed|expected))"   # what ought to be
# the things, then what ought to be of them: "x should", "a and b need to", "x is meant to"
OUGHT_HEAD = r"^(?P<lead>.*?\b)?" + WANTED_OBJECT + r"\s+" + MODAL + r"\s+(?:to\s+)?"
OUGHT = re.compile(OUGHT_HEAD +
                   r"(?:both\s+|all\s+)?(?:(?:be|get)\s+" + WANTED_STATE + r"|come\s+back\s+(?P<fresh>fresh|clean))(?!\s+\d)"
                   r"(?:\s*,?\s*(?:and|but)\s+(?:it|they)(?:\s+(?:is|are|was|were)\s*n[o']t|'s\s+not|'re\s+not|\s+isn't|\s+aren't|"
                   r"\s+wasn't|\s+weren't)\b)?", IC)   # "x is meant to be running and it isn't": said once
# what runs should be a newer build: "payments should be running the image we pushed this morning", "billing and payments
# should both be on this morning's images", "x needs to use the latest version": an update
TIMES_SAID = {'twice': 'double', 'double': 'double', 'three': 'triple', 'triple': 'triple', 'half': 'halve'}
NEW_BUILD = (r"(?:the\s+)?(?:(?:new(?:est|er)?|latest|fresh(?:est)?|updated|(?:this\s+morning|today|tonight|yesterday)'s|just[\s-]pushed)"
             r"\s+(?:images?|versions?|releases?|builds?|tags?)|images?\s+(?:we|i|they|you)\s+(?:just\s+)?(?:pushed|built|published|"
             r"released)\b[^,.;!?]*)")
NEWER_OUGHT = re.compile(OUGHT_HEAD + r"(?:both\s+|all\s+)?(?:be\s+)?"
                         r"(?:running|run|on|using|use|with)\s+" + NEW_BUILD, IC)
# a count it should run at: "sonarr should be at zero", "the web should run 3 copies", "x should have twice the capacity"
COUNT_OUGHT = re.compile(OUGHT_HEAD + r"(?:(?:be|stay)\s+(?:at|down\s+to|up\s+to)|"
                         r"run(?:\s+with)?|have)\s+(?P<n>\d{1,2}|zero|one|two|three|four|five|six|seven|eight|nine|ten)\b"
                         r"(?:\s+(?:replicas?|instances?|copies|containers?))?", IC)
TIMES_OUGHT = re.compile(OUGHT_HEAD + r"have\s+(?P<times>twice|double|three\s+times|"
                         r"triple|half)\s+(?:the|its|their)\s+(?:capacity|instances|replicas|copies|containers|size)\b"
                         r"(?:\s+(?:it|they)\s+(?:has|have)(?:\s+now)?)?", IC)
LAST_OF_LIST = re.compile(r"^(?P<first>.*(?:,|\band)\s+)(?P<last>\S+(?:\s+(?:stack|container|service|project))?)$", IC)


def wanted_verb(said: str) -> str:
    """The verb for a wanted state: "rolled back" is roll back, "switched back on" start, "gone" remove."""
    said = ' '.join(said.lower().split())
    particle = re.sub(r'\s+(?:again|for\s+good)$', '', said).split()[-1]   # "brought back up": the particle decides
    return DONE.get(said) or ('start' if particle in ('up', 'on', 'online') else 'stop')


def _ought(match: re.Match[str]) -> str:
    lead, obj = match.group('lead') or '', match.group('obj')
    verb = 'restart' if match.group('fresh') else wanted_verb(match.group('state'))   # "… should come back fresh"
    if re.search(r"\b(?:nothing|none|no|not|never|neither|nor)\b(?:\s+(?:of|in|from))?\s*$", lead, IC):
        return match.group(0)   # "nothing in chat should be running": the opposite (rules.NOT_RUNNING)
    last = LAST_OF_LIST.match(obj)
    if last and lead.split() and lead.split()[-1].lower() in VERBS:   # "stop web and crm needs to be redeployed": crm
        return f'{lead}{last.group("first")}{verb} {last.group("last")}'
    return f'{lead}{verb} {obj}'


# ---- outcomes said instead of operations ----------------------------------------------------------------

# one thing, said the way people name it: "the crm backend", "paperless's web part", "the immich machine learning thing"
_THING = r"(?P<x>(?!(?:me|us|you|him|her|them|it|this|that)\b)(?:the\s+|our\s+|my\s+)?[\w.'-]+(?:\s+(?!(?:a|an|to|from|as|so|because|keeps?|kept)\b)[\w.'-]+){0,3}?|it|them|that|this)"
# "give the crm backend a kick", "give mosquitto a nudge": a restart given; "the api could use a reboot": one it needs
A_RESTART = re.compile(r"\bgive\s+(?P<x>(?!(?:me|us)\b)\S+(?:\s+\S+){0,3}?)\s+a\s+(?:quick\s+|good\s+|little\s+|gentle\s+|swift\s+|"
                       r"fresh\s+)?(?:kick|nudge|bounce|restart|reboot|poke|jolt|kickstart|kick\s+in\s+the\s+pants)\b|"
                       r"\b(?:could\s+use|could\s+do\s+with|requires|wants)(?=\s+a\s+(?:quick\s+|good\s+|fresh\s+)?(?:restart|reboot)\b)", IC)
# "keep job-05 from running", "stop the mailer from sending anything": a stop
KEPT_FROM = re.compile(r"\b(?:keep|stop|prevent)\s+" + _THING + r"\s+from\s+(?:running|starting|sending|doing|working|"
                       r"processing|serving|talking|answering|mailing)\b", IC)
# "I want to see why the api keeps crashing", "understand why the ml thing died": what it logged
WHY_IT_FAILED = re.compile(r"\b(?:see|understand|find\s+out|figure\s+out|know|work\s+out|learn|look\s+into)\s+why\s+" + _THING +
                           r"\s+(?:keeps?\s+|kept\s+|has\s+been\s+|is\s+|was\s+)?(?:crash\w*|d(?:ie[sd]?|ying)|fail\w*|stopp?\w*|"
                           r"restart\w*|exit\w*|broke|breaks|went\s+down|goes\s+down|falls?\s+over|fell\s+over|errors?\s+out)\b", IC)
# "let me watch the mailer as it goes out", "I want to watch the api": its log, followed
WATCH = re.compile(r"\b(?:let\s+me|i\s+(?:want|need|would\s+like)\s+to|i'd\s+like\s+to)\s+(?:watch|follow|keep\s+an\s+eye\s+on|"
                   r"see\s+live\s+what|see\s+what\s+(?=\S+(?:\s+\S+)?\s+is\s+doing\s+live))\s+"
                   + _THING + r"(?:\s+is\s+doing(?:\s+live)?)?(?=\s+(?:as|while|when|live|for)\b|\s*[,.!?]|\s*$)", IC)
# "what is it telling us?", "what's paperless saying": what it logs
TELLING = re.compile(r"\bwhat(?:'s|\s+is|\s+are)\s+" + _THING + r"\s+(?:telling|saying|complaining\s+about)(?:\s+(?:us|me))?\b|"
                     # "what has docs been up to in the last hour": what it did, in its log
                     r"\bwhat(?:'s|\s+has|\s+have)\s+" + _THING.replace('?P<x>', '?P<z>') + r"\s+been\s+(?:up\s+to|doing)\b|"
                     r"\b(?:(?:tell|show)\s+(?:me|us)\s+|see\s+)what\s+" + _THING.replace('?P<x>', '?P<y>') +
                     r"\s+(?:says|said|prints|printed|outputs|output|logs|logged|writes|wrote|spits\s+out|spat\s+out|"
                     r"throws|threw|complains\s+about)(?:\s+(?:now|then|afterwards|after(?:\s+that)?|on\s+start(?:up)?))?\b",
                     IC)
# "one more immich ml worker would help", "two more runners would do it": that many more
MORE_WOULD_HELP = re.compile(r"^(?P<lead>.*?)\b(?P<n>one|two|three|four|five|\d+)\s+more\s+(?P<x>[\w.' -]+?)\s+(?:would|will|could|"
                             r"might|should)\s+(?:help|do\s+it|do\s+the\s+trick|be\s+good|be\s+enough|fix\s+it|be\s+nice)\b", IC)

# "would restarting adminer help? do it", "would a redeploy of the blog fix it? go ahead": the operation asked about,
# then told to go ahead with. Asked alone, it stays a question
_DOING = {'restarting': 'restart', 'rebooting': 'restart', 'bouncing': 'restart', 'stopping': 'stop', 'starting': 'start',
          'redeploying': 'redeploy', 'recreating': 'redeploy', 'pulling': 'pull', 'updating': 'update', 'pausing': 'pause',
          'restart': 'restart', 'reboot': 'restart', 'bounce': 'restart', 'redeploy': 'redeploy', 'stop': 'stop',
          'start': 'start', 'update': 'update', 'pull': 'pull'}
HELP_THEN_GO = re.compile(r"^\s*(?:would|will|could|might|does|do\s+you\s+think)\s+(?:it\s+help\s+(?:to\s+|if\s+(?:i|we|you)\s+)|"
                          r"(?:an?\s+(?:quick\s+|fresh\s+|simple\s+)?)?)"
                          r"(?P<verb>restarting|rebooting|bouncing|stopping|starting|redeploying|recreating|pulling|updating|pausing|"
                          r"restart|reboot|bounce|redeploy|stop|start|update|pull)\s+(?:of\s+)?(?P<x>[^?.!,;]+?)"
                          r"(?:\s+(?:would|will|could|might))?(?:\s+(?:help|fix\s+(?:it|this|that|things)|work|do\s+the\s+trick|solve\s+(?:it|this)))?\s*\?+\s*"
                          r"(?:(?:ok|okay|then|if\s+so|yes|yeah|fine|alright)[,\s]+)*(?:please\s+|just\s+)?"
                          r"(?P<go>do\s+it|go\s+ahead|please\s+do|try\s+it|let'?s\s+(?:do\s+it|try)|go\s+for\s+it)\b"
                          r"(?:\s*(?:then|please|pls|now))?(?P<rest>.*)$", IC)


PROPOSED_OP = re.compile(r"^\s*(?:why\s+not|how\s+about|what\s+about)\s+(?:an?\s+)?(?:quick\s+)?(?:(?:just|simply)\s+)?"
                       r"(?P<verb>restart|reboot|bounce|redeploy|update|pull|stop|start)(?:ing)?\s+(?:of\s+)?(?P<x>[^?,;]+?)"
                       r"\s*\?*\s*$", IC)
# a question about doing something, then told to go ahead: the thing asked about, done
ASKED_THEN_GO = re.compile(r"^\s*(?P<q>[^?]{3,160}\?)\s*(?:(?:ok|okay|then|if\s+(?:so|yes|it\s+is|you\s+can|not)|yes|yeah|fine|"
                           r"alright|either\s+way|anyway)[,\s]+)*(?:please\s+|just\s+)?(?:do\s+it|go\s+ahead|please\s+do|go\s+for\s+it|"
                           r"do\s+so|do\s+that)(?:\s+for\s+me)?\b(?:\s*(?:then|please|pls|now|anyway))?(?P<rest>.*)$", IC)
ASKED_OP = re.compile(r"\b(?P<verb>restart|reboot|bounce|redeploy|stop|start|update|pull|pause|unpause)(?:ing|s)?\s+(?:of\s+)?"
                      r"(?P<x>(?!it\b|them\b)[^?,;]+?)(?=\s*(?:\?|$|\s(?:now|later|yet|first|safely|today|right\s+now|without)\b))", IC)


# what is no longer needed: "we don't need the crm anymore", "x was left over, we don't need it anymore", "proxy-05 and
# tool-05 are leftovers, we don't need either of them": a removal (destructive, so it is confirmed by typing)
NOT_NEEDED = re.compile(r"\b(?:we|i)\s+(?:don'?t|do\s+not|no\s+longer)\s+(?:really\s+)?(?:need|use)\s+"
                        r"(?P<x>(?:either|both|any|all)\s+of\s+(?:them|those|these)|it|them|that|this|(?:the\s+)?[\w.-]+"
                        r"(?:\s+(?:stack|container|app))?(?:\s*(?:,|and|or)\s+(?:the\s+)?[\w.-]+(?:\s+(?:stack|container|app))?)*)"
                        r"(?:\s+(?:anymore|any\s+more|no\s+more)\b|(?<=either of them)|(?<=either of those))"
                        r"(?=\s*[.!]*\s*(?:(?:please|pls|thanks?|thx)\s*[.!]*\s*)?$)", IC)   # all that is said: "…, so stop it" is a stop
NO_LONGER_NEEDED = re.compile(r"^(?P<x>(?:the\s+)?[\w.-]+(?:\s+(?:stack|container|app))?)\s+(?:is|are)\s+(?:no\s+longer\s+needed|"
                              r"not\s+needed\s+(?:anymore|any\s+more))\b(?=\s*[.!]*\s*$)", IC)

# "ci-runner can go", "the old backup container can go now", "we can lose the ci-runner container", "we can do without
# x": no longer wanted, a removal (destructive, so it is confirmed)
_SAID_AND_DONE = r"(?![^.!]*\?)(?=\s*[.!,;]|\s*$)"   # at the end of its sentence, which asks nothing
CAN_GO = re.compile(r"^\s*(?P<x>(?:the\s+)?[\w.-]+(?:\s+(?:container|stack|app|one))?)\s+can\s+go(?:\s+(?:now|away|for\s+good|too|"
                    r"as\s+well))*" + _SAID_AND_DONE + r"|"
                    r"\b(?:we|i)\s+can\s+(?:lose|do\s+without|live\s+without|drop)\s+(?P<y>(?:the\s+)?"
                    r"(?!(?:data|files|money|orders|customers|users|time|work|everything|it\b|them\b))[\w.-]+"
                    r"(?:\s+(?:container|stack|app|one))?)" + _SAID_AND_DONE, IC)


def outcomes(text: str) -> str:
    """What people want to happen, said as the outcome: the operation that gets there."""
    text = HELP_THEN_GO.sub(lambda m: f'{_DOING[m.group("verb").lower()]} {m.group("x")}{m.group("rest")}', text)
    text = PROPOSED_OP.sub(lambda m: f'{_DOING.get(m.group("verb").lower(), m.group("verb").lower())} {m.group("x")}',
                         text)   # "why not restart docs?", "what about a restart of docs?": proposed, so asked for
    asked = ASKED_THEN_GO.match(text)   # "is now a good time to restart docs? if yes do it", "how do I stop x? just do it"
    done = ASKED_OP.search(asked.group('q')) if asked else None
    if asked and done:
        text = f'{_DOING.get(done.group("verb").lower(), done.group("verb").lower())} {done.group("x")}{asked.group("rest")}'
    text = A_RESTART.sub(lambda m: f'restart {m.group("x")}' if m.group('x') else 'needs', text)
    text = KEPT_FROM.sub(lambda m: f'stop {m.group("x")}', text)
    text = WHY_IT_FAILED.sub(lambda m: f'show the logs of {m.group("x")}', text)
    text = WATCH.sub(lambda m: f'follow the logs of {m.group("x")}', text)
    text = TELLING.sub(lambda m: f'show the logs of {m.group("x") or m.group("y") or m.group("z")}', text)
    text = NOT_NEEDED.sub(lambda m: 'remove ' + re.sub(r'^(?:either|both|any|all)\s+of\s+', '', m.group('x')), text)
    text = NO_LONGER_NEEDED.sub(lambda m: f'remove {m.group("x")}', text)
    text = CAN_GO.sub(lambda m: f'remove {m.group("x") or m.group("y")}', text)
    return MORE_WOULD_HELP.sub(lambda m: f'{m.group("lead")}add {m.group("n")} more {m.group("x")}', text, count=1)


CHECK_AFTER = re.compile(r"\b(?:and\s+|then\s+|,\s*)+(?:please\s+)?(?:confirm|verify|double[\s-]?check|check|make\s+sure|"
                         r"ensure|see|tell\s+me|let\s+me\s+know)\s+(?:that\s+|whether\s+|if\s+)?"
                         r"(?P<what>it|they|everything(?:\s+in\s+it)?|all\s+of\s+(?:it|them)|both)\s+(?:is|are|came|comes|has|"
                         r"have|went|got|'s|is\s+no\s+longer|are\s+no\s+longer)?\b[^,;.]*", IC)
MAKE_VERB = re.compile(r"\b(?:please\s+to\s+|to\s+)?(?:make|do|perform|execute|trigger)\s+(?:a\s+|the\s+)?"
                       r"(rollback|roll\s*back|restart|redeploy|deploy|pull|update|upgrade|stop|start|pause|backup)\s+"
                       r"(?:of|on|for|to)\s+", IC)             # "please to make rollback of metrics"
MAKE_STOP = re.compile(r"\bmake\s+(?=(?:stop|start|restart|pause|unpause)\b)", IC)   # "first make stop x"
# "make the db off", "can you make backup again on?", "put x offline": the particle at the end decides
MAKE_OFF_ON = re.compile(r"\b(?:make|put)\s+(?P<x>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?)\s+(?:again\s+|back\s+)?"
                         r"(?P<p>off|on|online|offline)(?:\s+again)?(?=\s*(?:[,.!?;]|$)|\s+(?:please|pls|now|again)\b)", IC)
# "bring please syncthing again to run", "make x run again", "get x to work again": a start
TO_RUN = re.compile(r"\b(?:bring|make|get)\s+(?:please\s+)?(?P<x>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?)\s+(?:(?:again|back)\s+"
                    r"(?:to\s+)?(?:run|running|work|working|life)|(?:to\s+)?(?:run|work)\s+again)\b", IC)
# "give me the state of x", "tell me the condition of y": its status
# "kindly share the logs of x", "share its status with me": a read
SHARE_READ = re.compile(r"\bshare\s+(?=(?:with\s+(?:me|us)\s+)?(?:the\s+|its\s+|their\s+)?(?:last\s+\d+\s+)?(?:logs?|status|state|"
                        r"stats|history|output|errors?|lines)\b)", IC)
STATE_OF = re.compile(r"\b(?:give|tell|send|show)\s+(?:me|us)\s+(?:the\s+|a\s+)?(?:current\s+|actual\s+)?"
                      r"(?:state|condition|situation)\s+(?:of|from)\b", IC)
# a verb of the writer's first language said in English: "close the jellyfin" (schließen, fermer), "eliminate the
# container", "actualize the images" (aktualisieren, actualizar); only as the request's own verb, never "close to 90%"
CALQUE = re.compile(r"(?:^\s*|(?<=[,;.!?]\s)|(?<=\bplease\s)|(?<=\bpls\s)|(?<=\bkindly\s)|(?<=\band\s)|(?<=\bthen\s))"
                    r"(?P<v>close|eliminate|actuali[sz]e)\s+"
                    r"(?=(?:the\s+|all\s+|both\s+)?[a-z])", IC)
CALQUES = {'close': 'stop', 'eliminate': 'remove', 'actualize': 'update', 'actualise': 'update'}
OUT_OF_PAUSE = re.compile(r"\b(?:take|bring|get)\s+(?P<x>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?)\s+out\s+of\s+(?:the\s+|its\s+)?pause\b", IC)
# "give me every container in staging", "give us the stopped ones": a list, never something new to deploy
GIVE_LIST = re.compile(r"\b(?:give|get|hand)\s+(?:me|us)\s+(?=(?:all|every|each|the|any)?\s*(?:of\s+the\s+)?(?:(?:running|stopped|exited|"
                       r"paused|unhealthy)\s+)?(?:containers?|stacks?|images?|volumes?|networks?|templates?|ones)\b)", IC)
# "hold off the billing worker for now": a pause of it; "hold off on mailer", "hold off for now": wait, nothing done
HOLD_OFF = re.compile(r"\bhold\s+off\s+(?!(?:on|with|until|till|for|a|doing|any|anything|everything|it|that|this)\b)"
                      r"(?=(?:the\s+)?[\w-])", IC)
# the biggest thing here, asked: "what's the biggest container we have?", "which is the heaviest app": by memory
BIGGEST = re.compile(r"\b(?P<q>what(?:'s|\s+is)|which(?:'s|\s+is)?)\s+(?:the\s+)?(?:biggest|largest|heaviest|hungriest|fattest)\s+"
                     r"(?:container|app|service|thing|one|box)\b", IC)
MAKE_GO = re.compile(r"\bmake\s+(?:it\s+)?go\s+(up|down)\b", IC)                      # "make go up again the x"
PLEASE_TO = re.compile(r"\bplease\s+to\s+", IC)
AFTER_THEN = re.compile(r"(?:[,;]|\band\b)\s*after(?:wards?)?\s*,?\s+(?=[a-z])", IC)     # "restart x and after show me the logs"
# the last step said as such: "…, and at the end start the worker again", "…, finally show me its logs"
AT_THE_END = re.compile(r"(?:\s*[,;]\s*|\s+)(?:and\s+)?(?:at\s+the\s+end|in\s+the\s+end|at\s+last|finally|lastly|to\s+finish)"
                        r"\s*,?\s+(?=[a-z])", IC)
RUN_ON = re.compile(r"\s*,?\s+(?:and\s+)?(?:also|btw|by\s+the\s+way|oh\s+and|plus|while\s+(?:you'?re|you\s+are|ur|your|u\s+r|u're)"
                    r"\s+at\s+it|and\s+also)\s*,?\s+(?=(?P<next>[\w']+))", IC)
QUESTION_WORDS = {'what', "what's", 'whats', 'which', 'how', "how's", 'hows', 'is', 'are', 'can', 'could', 'i', 'do', 'does',
                  'did', 'who', 'when', 'where', 'why', 'show', 'tell', 'give', 'please', 'pls', 'list'}
WRONG_WITH = re.compile(r"\b(?:what'?s|what\s+is|what\s+was|what\s+has\s+been)\s+(?:wrong|up|going\s+on)\s+with\s+|"
                        r"\bwhat\s+(?:went|goes|has\s+gone|had\s+gone|is\s+going|was\s+going)\s+wrong\s+with\s+", IC)   # "whats wrong with it": its logs
HAPPENED_LATELY = re.compile(r"^\s*what(?:'s|\s+has)?\s+(?:happened|been\s+happening|been\s+going\s+on|changed|been\s+done)\s+(?:to|with)\s+"
                             r"(?:the\s+)?(?P<what>[\w.-]+)(?:\s+stack)?\s+(?:lately|recently|this\s+week|today|these\s+days|"
                             r"in\s+the\s+last\s+(?:few\s+)?(?:days|weeks?|hours))\s*\??\s*$", IC)
# what people did, asked as a question about doers: "what did people do to nextcloud lately", "what has anyone changed
# on shop this week", "what were the last five things anyone did on here": the history (of that stack)
_DOERS = r"(?:people|anyone|anybody|someone|somebody|we|you|they|the\s+team|others|folks|the\s+others|everyone|my\s+\w+)"
DONE_TO = re.compile(r"^\s*what\s+(?:did|have|has|had)\s+" + _DOERS + r"\s+(?:do|done|did|change|changed|touch|touched)\s+"
                     r"(?:to|with|on|in)\s+(?:the\s+)?(?P<what>[\w.-]+)(?:\s+stack)?\b", IC)
THINGS_DONE = re.compile(r"^\s*(?:what\s+(?:were|are)\s+|show\s+(?:me\s+)?|list\s+|tell\s+me\s+)?(?:the\s+)?(?:last|latest|most\s+recent)\s+"
                         r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)?\s*(?:things|actions|operations|changes)\s+"
                         r"(?:that\s+)?" + _DOERS + r"\s+(?:did|done|made|ran|has\s+done|have\s+done)\b(?:\s+(?:on\s+here|here|"
                         r"on\s+this\s+(?:host|server|box|machine)))?\s*\??\s*$", IC)
# what someone else says we should have, then "can you install it": that thing, installed ("my son says we should get
# somewhere safe to keep all our passwords, can you install it", "a friend recommended we try jellyfin")
SUGGESTED = re.compile(r"^\s*(?:(?:my|our|a|the)\s+[\w-]+(?:\s+[\w-]+)?|(?:he|she|they|someone|somebody|people|everyone)"
                       r")\s+(?:says|said|thinks|thought|suggests|suggested|recommends|recommended|told\s+(?:me|us)|keeps\s+saying|"
                       r"reckons)\s+(?:that\s+)?(?:(?:we|i)\s+(?:should|could|ought\s+to|need\s+to|must|have\s+to)\s+|(?:we|i)\s+)?"
                       r"(?:get|have|install|set\s+up|use|try|add|put\s+up|deploy|run)\s+(?P<what>[^,.;!?]+?)"
                       r"(?:\s*[,.;]?\s*(?:(?:so\s+)?(?:can|could|would|will)\s+(?:you|u)|please|pls)\s+(?:please\s+)?"
                       r"(?:install|set\s+up|add|deploy|put\s+up|do|get|make)\s+(?:it|that|this|one|them)"
                       r"(?:\s+(?:for\s+(?:me|us)|please|pls))*)?\s*[.!?]*\s*$", IC)
# "could you put a little blog for grandma on the server": something new put on this host is installed
PUT_ON_HOST = re.compile(r"\bput\s+(?:up\s+)?(?P<what>(?:an?|some|one)\s+(?:[\w'-]+\s+){0,5}?[\w'-]+)\s+(?:on|onto)\s+"
                         r"(?:the|this|my|our)\s+(?:home\s+)?(?:server|box|machine|host|system|nas|pi)\b", IC)
PUT_FRESH = re.compile(r"\b(?:put|stick|throw|drop)\s+(?:up\s+|in\s+)?(?=(?:an?|one)\s+(?:fresh|new|clean|brand[\s-]+new)\s+[\w-]+)",
                       IC)   # a new one put somewhere is installed
WHAT_KILLED = re.compile(r"^\s*what\s+(?:killed|crashed|broke|took\s+down|happened\s+(?:to|with)|(?:happened|went\s+on|was\s+going\s+on|"
                         r"has\s+been\s+going\s+on|(?:is|'s)\s+going\s+on)\s+(?:in|inside|with)(?!\s+(?:the\s+)?(?:last|past|previous|"
                         r"recent|this|today|yesterday|here|general|there)\b))\s+", IC)   # "what happened in the backup container"
COMPOSE = re.compile(r"\b(?:docker[\s-])?compose\s+(?:-p|--project-name)\s+([\w.-]+)\s+(up|down|pull|restart|stop|start|ps|logs)\b",
                     IC)
# "analytics: compose down pls": the project said first, as a topic
COMPOSE_TOPIC = re.compile(r"^\s*(?P<x>[\w.-]+)\s*:\s*(?P<c>(?:docker[\s-])?compose\s+(?:up|down|pull|restart|stop|start|ps|logs)\b)",
                           IC)
# "compose logs -f redis, project nextcloud": the project said in words after the service
COMPOSE_PROJECT = re.compile(r"(?P<c>\b(?:docker[\s-])?compose\s+(?:up|down|pull|restart|stop|start|ps|logs)\b.*?)\s*,?\s+"
                             r"(?:(?:in|of|for)\s+)?(?:the\s+)?project\s+(?P<p>[\w.-]+)\s*$", IC)
COMPOSE_VERB = re.compile(r"\b(?:docker[\s-])?compose\s+(pull)\b", IC)
COMPOSE_FLAGS = re.compile(r"\s+(?:-d|--detach)(?=\s|$)")
# "docker port jellyfin", "docker top pihole", "docker container inspect x": what the status of it shows
DOCKER_LOOK = re.compile(r"\bdocker\s+(?:container\s+)?(?:port|top|inspect)(?:\s+--?[a-z][\w-]*)*\s+"
                         r"(?=[a-z0-9][\w.-]*\s*(?:[,.;!?]|$))", IC)
# "compose down paperless and up again": the stack made anew (down removes its containers, up creates them again);
# "compose up git -d --pull always": newer images first, then made anew
DOWN_UP = re.compile(r"\b(?:docker[\s-])?compose\s+down\s+(?P<x>[\w.-]+)(?:\s+-v)?\s*,?\s*(?:and|then|&&|;)\s+"
                     r"(?:(?:docker[\s-])?compose\s+)?up(?:\s+(?:-d|--detach|(?P=x)))*(?:\s+again)?\b", IC)
UP_PULLED = re.compile(r"\b(?:docker[\s-])?compose\s+up\s+(?P<x>[\w.-]+)(?:\s+(?:-d|--detach))*\s+--pull(?:\s*=\s*|\s+)always\b"
                       r"(?:\s+(?:-d|--detach))*", IC)
UP_AFTER = re.compile(r"\b(then|and)\s+up\b(?!\s+(?:to|by|again))", IC)   # "compose pull blog then up -d": up = redeploy

# ---- events named as a time, statements ------------------------------------------------------------------

EVENT = re.compile(r"\s*\b(?:after|before|following|during)\s+(?:the|my|our|its|their|this|that|last\s+night'?s|yesterday'?s)\s+"
                   r"(?:(?:host|server|machine|box|system|node|vm|kernel|last|latest|recent|big|new|os|power|network)\s+)?"
                   r"(?:deploy(?:ment)?|update|upgrade|restart|reboot|rollout|release|migration|outage|patch(?:ing)?)\b", IC)
NEWS = re.compile(r"^\s*(?:the\s+|an?\s+)?(?:new|newer|latest|updated)\s+(?P<what>[\w.-]+)(?:\s+images?|\s+versions?)?\s+(?:is|are)\s+"
                  r"(?:out|available|released|published|up|here)\s*,\s*", IC)   # "new metrics images are out, pull them"
NEWS_ASKED = re.compile(r"^\s*(?:is|are)\s+there\s+(?:an?\s+|any\s+)?(?:new|newer|updated|fresh)\s+(?P<what>[\w./-]+)\s+"
                        r"(?:images?|versions?|releases?)(?:\s+(?:out|available|yet))?\s*\??\s*[,.;]?\s*(?=\w)", IC)
# news of a newer version, then a request about it: "a new immich release came out, please roll it out", "there is a
# security fix for nextcloud, please apply it", "immich is out of date, can you fix that?": that stack updated
_NEWER = (r"(?:(?:a|an|the)\s+)?(?:new|newer|latest|fresh)\s+(?:(?P<a>[\w.-]+)\s+)?(?:version|release|images?|update|patch|build)s?"
          r"(?:\s+(?:of|for)\s+(?P<b>[\w.-]+))?|(?:there\s+is|there's|we\s+have|got)\s+(?:an?\s+)?(?:security\s+)?"
          r"(?:fix|patch|update|advisory|upgrade)\s+(?:out\s+)?(?:for|on)\s+(?P<c>[\w.-]+)|(?P<d>[\w.-]+)(?:\s+stack)?\s+(?:is|are)\s+"
          r"(?:(?:quite|very|way|really|a\s+bit)\s+)?(?:out\s+of\s+date|outdated|behind|stale|on\s+old\s+(?:images|versions))")
NEWER_THEN_APPLY = re.compile(rf"^\s*(?:{_NEWER})\b[^.;,!?]*[.;,!?]\s*(?:so\s+|and\s+)?(?:(?:please|pls|can\s+you|could\s+you|"
                              r"would\s+you|kindly)\s+)*(?:apply|roll(?:\s+out)?|install|deploy|do|fix|get|put|bring(?:\s+in)?|take|push|ship)\s+"
                              r"(?:it|that|them|this|those|these)(?:\s+(?:out|in|on(?:\s+(?:the|this|our|my)\s+(?:server|box|host|"
                              r"machine))?|onto\s+(?:the|this|our|my)\s+(?:server|box|host|machine)|for\s+me|please|now|asap))*"
                              r"\s*[.!?]*\s*$", IC)
BUT_NOT = re.compile(r"\s*(?:,\s*(?:but\s+)?|\s+but\s+)(?=(?:don'?t|do\s+not|no\s+need\s+to)\b)"
                     r"(?!(?:don'?t|do\s+not)\s+(?:" + PUT_ON_PORT + r"|use)\s+(?:it\s+)?(?:on\s+|to\s+)?(?:port\s+)?\d)",
                     IC)   # "…, but don't x": its own (not "…, don't put it on port 80": a setting of it)
CACHED = re.compile(r"\b(?:make\s+sure|ensure|check\s+that)\s+(?:the\s+)?(?P<image>[\w./-]+:[\w.-]+|[\w./-]+\s+image)\s+(?:is|gets?)\s+"
                    r"(?:cached|present|available|pulled|downloaded|there)(?:\s+(?:locally|here|on\s+this\s+\w+))?", IC)
TOPIC_COLON = re.compile(r"(?<=[\w)])\s*:\s+(?=(?:what|how|which|did|does|when|why|is|are|has)\b[^.?!;]*"
                         r"\b(?:it|its|they|them|their)\b)", IC)   # "db in billing: what did it log …": a topic, then it
SAME_AS_BEFORE = re.compile(r"^\s*(?:do\s+)?(?:the\s+)?same\s+(?:thing\s+)?as\s+(?:last\s+time|before|yesterday|usual)\W*$", IC)

SLANG = {'yeet': 'remove', 'em': 'them', "'em": 'them', 'ur': 'your', 'pl0x': 'please'}


def _check_after(match: re.Match[str]) -> str:
    """"… and confirm it came back up": its status; "… make sure it comes back after a reboot" is a
    restart policy, left as it is."""
    if re.search(r'\b(?:reboots?|boots?|crash(?:es)?|dies|fails|restarts)\b', match.group(0), IC):
        return match.group(0)
    what = match.group('what').lower()
    return ', then show the status of ' + ('them' if what in ('they', 'both') or 'them' in what else 'it')


def _request_word(word: str) -> bool:
    return word.lower() in VERBS or any(p.split()[0] == word.lower() for p, _ in PHRASES)


def rewrite(text: str) -> str:
    """``text`` with the phrasing around its requests made plain; what it asks for is unchanged."""
    text = TAG.sub('', text)
    text = re.sub(r'\blog(?:ging)?[\s-]+level\b', 'log_level', text, flags=IC)   # a setting, never a request for logs
    text = re.sub(r'\b(debug|info|warn(?:ing)?|error|trace|verbose)\s+(?:level\s+)?logging\b',
                  lambda m: f'log_level {"debug" if m.group(1).lower() == "verbose" else m.group(1)}', text,
                  flags=IC)   # "traefik with debug logging": its log level
    text = re.sub(r"\b(containers?|ones)\s+(?:that|which)\s+(?:aren'?t|are\s+not|isn'?t|is\s+not|don'?t|do\s+not)\s+"
                  r"(?:part\s+of|in|belong\s+to|members?\s+of)\s+(?:a|any)\s+(?:stacks?|projects?|compose\s+projects?)\b|"
                  r"\b(containers?|ones)\s+(?:not\s+(?:part\s+of|in|belonging\s+to)|outside(?:\s+of)?|without)\s+"
                  r"(?:a|any)\s+(?:stacks?|projects?)\b",
                  lambda m: f'standalone {m.group(1) or m.group(2)}', text, flags=IC)   # "all containers not in a stack"
    text = re.sub(r'(?:^|(?<=[,;.]\s))(?P<x>[\w.-]+(?:\s+[\w.-]+)?)\s*:\s*(?P<n>\d{1,3})\s+(?=(?:replicas?|instances?|copies)\b)',
                  r'scale \g<x> to \g<n> ', text, flags=IC)   # "shop-staging api: 2 replicas please"
    text = NAME_THEN_SWITCH.sub(_switched, text)   # "nextcloud project: up", "jellyfin: off"
    text = re.sub(r"^\s*(?P<x>[\w.-]+(?:\s+[\w.-]+){0,2}?)\s*[,:]\s*(?:please\s+)?scale\s+(?:it\s+)?(?:(?:up|down)\s+)?to\s+",
                  r'scale \g<x> to ', text, flags=IC)   # "chat proxy, scale to 2"
    text = re.sub(r'\b(?:only\s+)?(?:that|this|the\s+same)\s+(?:service|app|application)\b(?!\s+(?:of|in|from)\b)', 'it', text,
                  flags=IC)   # "pull the new image for shop api, then redeploy only that service": it
    text = re.sub(r'\bctrl[-+ ]?z\b', 'pause', text, flags=IC)   # "ctrl-z the clickhouse container": paused, as a shell would
    text = re.sub(r"\b(?P<the>the\s+)?(?P<x>[\w-]+)\s+(?P<of>of|in|for)\s+(?P<a>[\w.-]+)\s+and\s+(?P=of)\s+(?P<b>[\w.-]+)",
                  lambda m: f"{m.group('the') or ''}{m.group('x')} {m.group('of')} {m.group('a')} and {m.group('the') or ''}"
                            f"{m.group('x')} {m.group('of')} {m.group('b')}", text, flags=IC)
    # ↑ "restart the api of shop and of shop-staging": the api of each
    text = re.sub(r"\b(?:show|tell)\s+(?:me\s+|us\s+)?what\s+(?P<x>[\w.-]+)\s+(?:runs|is\s+running)\b(?!\s+(?:on|at)\b)",
                  r'what does \g<x> run', text, flags=IC)   # "show what api-01 runs": its image, its status
    text = BACK_AS_IT_WAS.sub(lambda m: f'roll back {m.group("obj")}', text)   # "put chat back to how it was"
    text = ON_DISK.sub(lambda m: f'pull {m.group("image")}', text)   # "make sure the image behind x is on disk"
    text = OFF_AND_ON.sub(lambda m: f'restart {m.group("obj") or m.group("down")}',
                          text)   # "flip the db off then on", "take x down and back up": a restart
    text = CYCLE_EXPLAINED.sub('', text)   # "bounce x (stop then start)": how a restart goes, no second request
    text = STOP_START.sub('restart', text)   # "stop/start x", "give x a quick stop start", "pause-unpause x": a restart
    text = OFF_ON.sub('restart', text)   # "x: off/on please", "off and on x": a restart
    text = STOPPED_STARTED.sub('restarted', text)   # "x needs to be stopped and started again": one restart, no part lost
    text = CAUSATIVE.sub(_had_done, text)   # "have pihole restarted", "get the blog stack stopped": a request
    text = re.sub(r'\b(?:container|docker)\s+(images?)\b', r'\1', text, flags=IC)
    text = re.sub(r'\b([a-z0-9.]+)-(?:style|like|compatible|ish)\b', r'\1 like', text, flags=IC)   # "a netflix-style server"   # "all the container images I have"
    text = TICKET_ID.sub('', text)
    text = DEPLOY_LOG.sub(r'\1 history', text)   # "the deploy log for shop": its history, no redeploy and no logs
    targets = TARGETS_THEN_ACTION.match(text)
    if targets:
        if targets.group('verb'):
            text = f'{targets.group("verb")} {targets.group("what")}'
        else:   # "Affected: web-07 and cron-07. Please restart both." — whom "both" means
            text = f'{targets.group("what")} are affected, {targets.group("rest")}'
    text = REASON.sub('', text)
    text = LABEL.sub(' ', text).strip()
    count = COUNT_LINE.match(text)
    if count:   # "immich server: 4 replicas"
        text = f'scale {count.group("what")} to {count.group("n")}'
    text = ARROW_COUNT.sub(lambda m: f'replicas to {m.group(1)}', text)   # "crm backend replicas 1 -> 4"
    text = re.sub(r'(?<=\w)[.;]\s*$', '', text)
    text = CACHED.sub(lambda m: f'pull {m.group("image").split()[0]}', text)
    text = TOPIC_COLON.sub(', ', text)
    text = PLEASE_TO.sub('please ', text)
    text = MAKE_VERB.sub(lambda m: m.group(1).replace(' ', '') .replace('rollback', 'roll back') + ' ', text)
    text = MAKE_GO.sub(lambda m: f'bring {m.group(1)}', text)
    text = GIVE_LIST.sub('list ', text)
    text = HOLD_OFF.sub('pause ', text)
    text = BIGGEST.sub('which container uses the most memory', text)
    text = CALQUE.sub(lambda m: f'{CALQUES[m.group("v").lower()]} ', text)
    text = OUT_OF_PAUSE.sub(lambda m: f'unpause {m.group("x")}', text)
    text = MAKE_OFF_ON.sub(lambda m: f"{'stop' if m.group('p').lower() in ('off', 'offline') else 'start'} {m.group('x')}", text)
    text = TO_RUN.sub(lambda m: f'start {m.group("x")}', text)
    text = STATE_OF.sub('status of', text)
    text = re.sub(r'\b(ports?|memory|ram|disk|storage|network|health|uptime|version|image|traffic|space|restarts?)-wise\b', r'\1',
                  text, flags=IC)   # "what's x listening on, port-wise?"
    text = SHARE_READ.sub('show ', text)
    text = MAKE_STOP.sub('', text)
    text = re.sub(r"(?<![\w'-])(yeet|em|'em|ur)(?![\w'-])", lambda m: SLANG[m.group(1).lower()], text, flags=IC)
    text = _log_idioms(text)
    text = _order_words(text)
    text = _counts_and_ports(text)
    text = _asked_otherwise(text)
    text = COMPOSE_TOPIC.sub(lambda m: f'{m.group("c")} {m.group("x")}', text)
    text = COMPOSE_PROJECT.sub(lambda m: f'{m.group("c")} -p {m.group("p")}', text)
    text = COMPOSE.sub(lambda m: f'compose {m.group(2)} {m.group(1)}', text)
    text = re.sub(r"\b(?:docker[\s-])?compose\s+ls\b", 'list stacks', text, flags=IC)
    text = DOCKER_LOOK.sub('status of ', text)
    text = re.sub(r'^\s*docker\s+(?:container\s+)?(?:ps|ls)\s*$', 'list running containers', text,
                  flags=IC)   # "docker ps": what runs (with -a, every container)
    text = DOWN_UP.sub(lambda m: f'redeploy {m.group("x")}', text)
    text = UP_PULLED.sub(lambda m: f'update {m.group("x")}', text)
    text = COMPOSE_VERB.sub(lambda m: m.group(1), text)
    text = COMPOSE_FLAGS.sub('', text)
    text = UP_AFTER.sub(lambda m: f'{m.group(1)} redeploy it', text)
    text = outcomes(text)
    text = NEWER_OUGHT.sub(lambda m: f'{m.group("lead") or ""}update {m.group("obj")}', text, count=1)
    text = COUNT_OUGHT.sub(lambda m: f'{m.group("lead") or ""}scale {m.group("obj")} to {m.group("n")}', text, count=1)
    text = TIMES_OUGHT.sub(lambda m: f'{m.group("lead") or ""}{TIMES_SAID[m.group("times").lower().split()[0]]} '
                                     f'{m.group("obj")}', text, count=1)
    text = OUGHT.sub(_ought, text, count=1)
    text = CHECK_AFTER.sub(_check_after, text)
    text = AFTER_THEN.sub(', then ', text)
    text = AT_THE_END.sub(', then ', text)
    text = RUN_ON.sub(lambda m: ', then ' if (m.group('next').lower() in QUESTION_WORDS or _request_word(m.group('next')))
                      else m.group(0), text)
    text = WRONG_WITH.sub('show the logs of ', text)
    text = HAPPENED_LATELY.sub(r'show the history of \g<what>', text)   # what was done to it, not what it printed
    text = WHAT_KILLED.sub('show the logs of ', text)
    text = re.sub(r'\b(undo|revert|reverse)\s+what(?:ever)?\s+(?:happened|was\s+done|changed|(?:you|we|i|they|someone)\s+(?:just\s+)?'
                  r'(?:did|changed|deployed))\s+(?:to|on|with|in)\s+', r'\1 the last change to ', text,
                  flags=IC)   # "undo what happened to billing": its last change, no history read
    text = SUGGESTED.sub(lambda m: f'install {m.group("what")}', text)   # "my son says we should get x, can you install it"
    text = PUT_ON_HOST.sub(lambda m: f'install {m.group("what")}', text)   # "put a little blog for grandma on the server"
    text = PUT_FRESH.sub('install ', text)   # "wipe out metrics and put a fresh prometheus-grafana on port 3001"
    text = DONE_TO.sub(lambda m: f'show the history of {m.group("what")}', text)   # "what did people do to nextcloud"
    text = THINGS_DONE.sub(lambda m: f'show the last {m.group("n")} changes' if m.group('n') else 'show the history',
                           text)   # "what were the last five things anyone did on here"
    text = EVENT.sub('', text)
    news = NEWS.match(text) or NEWS_ASKED.match(text)
    if news:   # "new metrics images are out, pull them": them is what the news was about
        text = re.sub(r'\b(?:them|it|those|these)\b', news.group('what'), text[news.end():], count=1, flags=IC)
    text = re.sub(r'\b(pull|get|fetch|grab|download)\s+the\s+(?:new|newer|newest|latest|fresh|updated|current)\s+ones\b', 'pull them',
                  text, flags=IC)   # "the immich images are old. pull the new ones": them
    text = re.sub(r'\b(redeploy|recreate|restart|start|stop|update|deploy|remove|refresh|bounce)\s+the\s+(?:whole\s+|entire\s+)?stack'
                  r'(?=\s*(?:$|[.,;!?]|\s+(?:afterwards|after(?:\s+that)?|too|as\s+well|again|then|and|please|pls|now)\b))',
                  r'\1 it', text, flags=IC)   # "… and redeploy the stack": the one the message is about
    text = re.sub(r'^\s*(?:is|are)\s+there\s+(?:(?:a|an|any|some)\s+)?(stacks?|containers?|images?|volumes?|networks?)\s+(?:that|which)\s+'
                  r'(?:is|are)\b', lambda m: f'which {m.group(1).rstrip("s")}s are', text,
                  flags=IC)   # "is there a stack that is not fully up?": which stacks are
    newer = NEWER_THEN_APPLY.match(text)
    if newer:   # "a new immich release came out, please roll it out": immich updated
        what = next(newer.group(k) for k in 'abcd' if newer.group(k))
        if what.lower() not in ('the', 'this', 'that', 'a', 'an', 'security'):
            text = f'update {what}'
    text = BUT_NOT.sub('. ', text)
    return text


def _switched(match: re.Match[str]) -> str:
    """"nextcloud project: up" is a start, "jellyfin: off" a stop; "x: down" alone may tell how x is, so a
    stop only when a project or stack is said ("crm stack: down", as compose says it)."""
    said, kind = match.group('v').lower(), match.group('kind') or ''
    if said == 'down' and kind.lower() not in ('project', 'stack'):
        return match.group(0)
    return f"{'start' if said in ('up', 'on') else 'stop'} {match.group('x')}{' ' + kind if kind else ''}"


NAME_THEN_SWITCH = re.compile(r"^\s*(?P<x>[\w.-]+)(?:\s+(?P<kind>project|stack|container|service))?\s*(?::|\s[-–—]|=>|->)\s*"
                              r"(?P<v>up|down|on|off)\s*(?:please|pls|now)?\s*[.!]*\s*$", IC)
BACK_AS_IT_WAS = re.compile(r"\b(?:put|set|get|bring|take)\s+(?P<obj>(?:the\s+)?[\w.-]+)(?:\s+stack)?\s+back\s+(?:to\s+)?"
                            r"(?:(?:how|the\s+way|what|as)\s+it\s+(?:was|used\s+to\s+be)\b(?:\s+(?:before|yesterday|earlier))?|"
                            r"(?:yesterday's|last\s+\w+'s|this\s+morning's|the\s+(?:previous|last|old|earlier|prior)|"
                            r"an?\s+(?:earlier|older|previous))\s+(?:version|config(?:uration)?|state|revision|setup)\b)",
                            IC)   # "put the blog back to yesterday's version"
ON_DISK = re.compile(r"\b(?:make\s+sure|ensure|check\s+that)\s+(?P<image>(?:the\s+)?(?:[\w./:-]+\s+)?images?\b.*?)\s+"
                     r"(?:is|are)\s+(?:on\s+disk|downloaded|present|there|available\s+locally|local|pulled|cached)"
                     r"(?:\s+again)?\b", IC)
_DOWN, _UP = r"(?:stop|pause|halt|kill|shut\s*down)", r"(?:start|unpause|resume|restart)"
STOP_START = re.compile(rf"\b(?:{_DOWN}\s*(?:/|-|\s)\s*{_UP}|start\s*(?:/|-|\s)\s*stop)\b(?!\s*(?:and|then|,))", IC)
OFF_ON = re.compile(r"(?<!\bturn\s)(?<!\bswitch\s)(?<!\bpower\s)\boff\s*(?:/|-|&|\+|\band\b|\bthen\b)\s*(?:back\s+)?on\b"
                    r"(?:\s+again)?(?!\s+(?:the|a|an|my|our|port|\d))", IC)
STOPPED_STARTED = re.compile(r"\b(?:stopped|shut\s+down|halted|killed|taken\s+down|brought\s+down)\s*(?:,\s*|\s+)(?:and\s+|&\s+)?"
                             r"(?:then\s+)?(?:re)?started(?:\s+(?:again|back(?:\s+up)?|up))*\b", IC)
CAUSATIVE = re.compile(r"^(?P<lead>\s*(?:(?:please|pls|kindly|can\s+you|could\s+you|would\s+you|just)\s+)*)(?:have|get)\s+"
                       r"(?P<obj>(?!(?:me|us|a|an|to|any|all|you|we|they)\b)(?:the\s+)?(?:(?!been\b)[\w.-]+)"
                       r"(?:\s+(?!been\b)[\w.-]+){0,3}?)\s+"
                       r"(?P<done>[a-z]{3,}ed)\b(?P<rest>.*)$", IC)


def _had_done(match: re.Match[str]) -> str:
    done = match.group('done').lower()
    verb = next((stem for stem in (done[:-2], done[:-1], done[:-3]) if VERBS.get(stem) in LIFECYCLE_VERBS), None)
    if verb is None:
        return match.group(0)
    return f'{match.group("lead")}{verb} {match.group("obj")}{match.group("rest")}'


LIFECYCLE_VERBS = {'start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove', 'redeploy', 'pull', 'update', 'rollback'}
CYCLE_EXPLAINED = re.compile(rf"\s*[(\[]\s*(?:i\.e\.?,?\s*|=\s*|meaning\s+)?{_DOWN}\w*\s*(?:,|then|and(?:\s+then)?|&|\+|/|->)\s*"
                             rf"(?:back\s+)?{_UP}\w*(?:\s+(?:it|again))*\s*[)\]]", IC)
OFF_AND_ON = re.compile(r"\b(?:(?:flip|turn|switch|power|cycle|toggle)\s+(?P<obj>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,2}?)\s+"
                        r"off\s*,?\s*(?:and|then|&|n)\s+(?:back\s+)?on|(?:take|bring|put|knock)\s+"
                        r"(?P<down>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,2}?)\s+down\s*,?\s*(?:and|then|&|n)\s+(?:then\s+)?"
                        r"(?:back\s+)?up)(?:\s+again)?\b", IC)
SIGNATURE = re.compile(r"\s*(?:--+|—|–)?\s*(?:sent\s+from\s+my\s+\w+|sorry\s+(?:for|about)\s+(?:the\s+|any\s+)?(?:typos?|"
                       r"spelling|autocorrect))\b[^.;!?]*", IC)
AFTERTHOUGHT = re.compile(r"(?:\s+[-–—]+\s*|\s*[,;]+\s*|\s*\.\.\.\s*|\s*…\s*)(?:oh\s+|actually\s+|wait\s*,?\s+)?(?:(?:and|also|plus)\s+)?(?!(?:and|also|then|plus|but|or)\b)"
                          r"(?P<x>[\w.-]+)\s+(?:as\s+well|too|also)\b", IC)
IF_IT_WORKS = re.compile(r"(?:,|\.|;)?\s*(?:and\s*,?\s*)?(?:if|when|once|assuming|provided(?:\s+that)?)\s+(?:it|that|this|they|the\s+\w+)\s+"
                         r"(?:starts?|works?|comes?\s+up|came\s+up|is\s+up|goes\s+(?:fine|well|ok|okay|through)|went\s+(?:fine|well)|"
                         r"are\s+up|succeeds?|runs?|worked|started|is\s+running|are\s+running|(?:is|are)\s+(?:done|finished|complete|"
                         r"over|through))(?:\s+(?:again|back|now))?\s*,\s*",
                         IC)
AFTER_YOU = re.compile(r"^(?P<a>.+?)\s+(?:after|once|when)\s+you(?:'ve|\s+have)?\s+(?P<b>[a-z]+\s+(?:it|them))\s*[.!?]*$", IC)
GERUND_START = re.compile(r"\b(?:start(?:\s+off)?|begin)\s+by\s+(\w+?)(?:ing)\b", IC)


def _base_of(gerund_stem: str) -> str:
    """"stopp" -> stop, "restart" -> restart, "remov" -> remove (from a gerund without "ing")."""
    stem = gerund_stem.lower()
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in VERBS:
        return stem[:-1]
    return stem if stem in VERBS else stem + 'e' if stem + 'e' in VERBS else stem


def _base_verb(word: str) -> str:
    """"stopped" -> stop, "restarted" -> restart, "removing" -> remove; other words as they are."""
    lowered = word.lower()
    for ending in ('ed', 'ing'):
        if lowered.endswith(ending) and lowered not in VERBS:
            return _base_of(lowered[:-len(ending)])
    return word


SPOKEN_UNITS = {'zero': 0, 'oh': 0, 'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6, 'seven': 7, 'eight': 8,
                'nine': 9, 'ten': 10, 'eleven': 11, 'twelve': 12, 'thirteen': 13, 'fourteen': 14, 'fifteen': 15,
                'sixteen': 16, 'seventeen': 17, 'eighteen': 18, 'nineteen': 19}
SPOKEN_TENS = {'twenty': 20, 'thirty': 30, 'forty': 40, 'fourty': 40, 'fifty': 50, 'sixty': 60, 'seventy': 70, 'eighty': 80, 'ninety': 90}
SPOKEN = '|'.join([*SPOKEN_UNITS, *SPOKEN_TENS, 'hundred', 'thousand'])
# "port eighty four forty three", "on eighty eighty eight", "at three thousand and one": a port number read out
SPOKEN_PORT = re.compile(rf'\b((?:port|on|at)\s+)((?:(?:{SPOKEN})(?:[\s-]+and)?[\s-]+)*(?:{SPOKEN}))\b', IC)
COUNTED_HISTORY = re.compile(r'\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+(?:most\s+recent|latest|newest|last)\s+'
                             r'(changes|deploys|deployments|operations|revisions|events|entries|commits)\b', IC)
SCALE_EACH = re.compile(r'\bscale\s+(?:the\s+)?(?P<a>[\w-]+)\s+and\s+(?:the\s+)?(?P<b>[\w-]+)\s+(?P<of>(?:of|in)\s+[\w-]+\s+)?'
                        r'(?:up\s+|down\s+)?to\s+(?P<n>\d+)(?:\s+(?:each|apiece|replicas\s+each|both))?', IC)
PLUS_IMAGE = re.compile(r',?\s*(?:plus|and\s+also|and|as\s+well\s+as)\s+(?=(?:an?\s+)?[a-z0-9.-]*[a-z][a-z0-9.-]*/[\w.-]+|'
                        r'(?:an?\s+)?[a-z0-9.-]*[a-z][a-z0-9.-]*:[\w.]+\b)', IC)   # an image; not "and 1025:1025", "and 53/udp"
NEWEST_IMAGE = re.compile(r'\b(?:get|grab|fetch|download)\s+(?:me\s+|us\s+)?(?:the\s+)?(?:newest|latest|most\s+recent|current)\s+'
                          r'(?:version\s+of\s+(?:the\s+)?)?(?P<img>[\w./:-]+)\s+image\b', IC)


def _spoken_number(words: str) -> int | None:
    """"eighty four forty three" -> 8443 (pairs said one after the other), "three thousand one" ->
    3001, "fifty fifty" -> 5050, "ten thousand eighty" -> 10080."""
    tokens = [t.lower() for t in re.split(r'[\s-]+', words) if t]
    if 'thousand' in tokens or 'hundred' in tokens:
        total, current = 0, 0
        for token in tokens:
            if token == 'and':   # "three thousand and one"
                continue
            if token == 'thousand':
                total, current = total + max(current, 1) * 1000, 0
            elif token == 'hundred':
                current = max(current, 1) * 100
            else:
                current += SPOKEN_UNITS.get(token, SPOKEN_TENS.get(token, 0))
        return total + current
    if 'and' in tokens:
        return None   # "on eighty and ninety": two numbers, not one read out in pairs
    groups: list[int] = []
    for token in tokens:
        if token in SPOKEN_UNITS and groups and groups[-1] % 10 == 0 and groups[-1] >= 20 and SPOKEN_UNITS[token] < 10:
            groups[-1] += SPOKEN_UNITS[token]   # "eighty four"
        else:
            groups.append(SPOKEN_UNITS.get(token, SPOKEN_TENS.get(token, 0)))
    return int(''.join(str(g) for g in groups)) if groups else None


def _counts_and_ports(text: str) -> str:
    """Numbers and counts said in other words: "port eighty four forty three", "the five most recent
    changes", "scale the ml and the server of immich to 5 each", "run postgres …, plus traefik/whoami …",
    "get me the newest traefik image"."""
    def port(match: re.Match[str]) -> str:
        value = _spoken_number(match.group(2))
        least = 1 if match.group(1).lower().startswith('port') else 10   # "on one" is no port; "port one" is
        return f'{match.group(1)}{value}' if value and least <= value < 65536 else match.group(0)
    text = SPOKEN_PORT.sub(port, text)
    def counted(match: re.Match[str]) -> str:
        word = match.group(1).lower()
        return f'last {SPOKEN_UNITS.get(word) or SPOKEN_TENS.get(word) or word} {match.group(2)}'
    text = COUNTED_HISTORY.sub(counted, text)
    text = SCALE_EACH.sub(lambda m: f'scale {m.group("a")} {m.group("of") or ""}to {m.group("n")}, then scale {m.group("b")} '
                                    f'{m.group("of") or ""}to {m.group("n")}', text)
    if re.match(r'\s*(?:please\s+)?(?:run|spin\s+up|launch|start\s+up)\b', text, IC):
        text = PLUS_IMAGE.sub(', then run ', text)
    return NEWEST_IMAGE.sub(lambda m: f'pull {m.group("img")}', text)


NAMES_THEN_VERB = re.compile(r"^\s*(?P<names>[\w.-]+(?:\s*,\s*[\w.-]+)*(?:,?\s+and\s+[\w.-]+)?)\s*:\s*(?P<verb>[a-z]+(?:\s+(?:up|down|off|on))?)"
                             r"\s+(?:all\s+(?:three|four|five|six|of\s+them)|them(?:\s+all)?|both(?:\s+of\s+them)?|each(?:\s+of\s+them)?|"
                             r"these|those)\s*[.!]?\s*$", IC)
ANY_UPDATES = re.compile(r"^\s*(?:which|what|any|are\s+there|is\s+there|do\s+(?:any|i\s+have|we\s+have)|does\s+anything|"
                         r"anything)\b(?:\s+(?:of\s+)?(?:my\s+|the\s+|our\s+)?(?:containers?|stacks?|services?|apps?|images?|"
                         r"things?))?\s+(?:have|has|with|got|need|needs|are|is)?\s*(?:an?\s+|any\s+)?(?:updates?(?:\s+available)?|"
                         r"newer\s+(?:images?|versions?)|outdated|out\s+of\s+date)(?:\s+available)?\s*[?.!]*\s*$|"
                         # "any updates for my containers?", "check for new images", "are there newer versions out?"
                         r"^\s*(?:(?:please|pls|can\s+you|could\s+you)\s+)?(?:any|are\s+there(?:\s+any)?|is\s+there\s+an?|"
                         r"check\s+(?:for|if\s+there\s+are)(?:\s+any)?|look\s+for(?:\s+any)?)\s+(?:new|newer)?\s*"
                         r"(?:updates?|images?|versions?|releases?)(?:\s+(?:available|out))?"
                         r"(?:\s+(?:for|on|of)\s+(?:my|the|our|any|all)\s+(?:containers?|stacks?|services?|apps?|images?))?"
                         r"\s*[?.!]*\s*$", IC)
PRUNED_AGAIN = re.compile(r"^\s*(?P<x>[\w.-]+)'s\s+image\s+(?:got|was|has\s+been)\s+(?:pruned|removed|deleted|wiped)\s*,\s*"
                          r"(?:can\s+you\s+|could\s+you\s+|please\s+)?(?:pull|re-?pull|fetch|download)\s+it(?:\s+again)?\b", IC)


HOW_TO_READ = re.compile(r"^\s*(?:(?:so|ok|okay|hi|hey|hello|um+)[,!.]?\s+)*how\s+(?:do|can|could|would|should|to)\s+"
                         r"(?:(?:i|we|you|one|u)\s+)?(?:read|see|view|check|look\s+at|get\s+at|find|open|access)\s+(?:the\s+)?"
                         r"(?P<what>logs?|status|history|output)\s+(?:of|for|from)\b", IC)
HOW_DO_I = re.compile(r"^\s*(?:(?:so|ok|okay|hi|hey|hello|um+)[,!.]?\s+)*how\s+(?:do|can|could|would|should|to)\s+"
                      r"(?:(?:i|we|you|one|u)\s+)?(?=(?:get|set\s*up|setup|install|deploy|spin\s+up|put)\s+"
                      r"(?!it\b|them\b|to\b|into\b|in\b|at\b|inside\b|through\b|there\b|access\b|back\s+to\b))", IC)


POSSIBLE = re.compile(r"^\s*(?:(?:is|it\s+is|it'?s|would\s+be|will\s+be)\s+)?(?:it\s+)?possible\s+(?:to\s+|for\s+you\s+to\s+|"
                      r"(?:an?|the|one)\s+)?(?:do\s+(?:an?\s+|the\s+)?)?(?P<verb>[a-z]+)\s+(?:of\s+|for\s+|on\s+)?", IC)
NEEDLE_IN_LOGS = re.compile(
    r"^\s*(?:(?:does|did|do|has|have|is|are|was|were)\s+(?:there\s+(?:been\s+)?)?(?:any\s+|an?\s+)?)"
    r"(?:(?:the\s+)?(?:word|string|text|phrase|message|error)\s+)?"
    r"(?P<needle>\"[^\"]+\"|'[^']+'|[\w.:/-]+(?:\s+[\w.:/-]+){0,2}?)\s+"
    r"(?:(?:ever\s+)?(?:show(?:ed|n|s)?\s+up|appear(?:ed|s)?|occur(?:red|s)?|c[ao]me?\s+up|turn(?:ed|s)?\s+up|"
    r"pop(?:ped|s)?\s+up|exist|exists)\s+)?(?:anywhere\s+|at\s+all\s+)?in\s+"
    r"(?P<logs>(?:the\s+)?(?:logs?|output)\s+(?:of|from|for)\s+\S+.*|[\w.-]+'s\s+(?:logs?|output).*|"
    r"(?:the\s+)?[\w.-]+\s+(?:logs?|output)\b.*)$", IC)
FORGOT = re.compile(r"^\s*(?:(?:sorry|oops|ugh|hmm+)[,!.]?\s+)?(?:i|we)\s+(?:forgot|forget|(?:don'?t|do\s+not|can'?t|cannot|"
                    r"no\s+longer)\s+(?:remember|recall|know)|lost\s+track\s+of|have\s+no\s+idea)\s+(?:about\s+)?"
                    r"(?=(?P<what>which|what|where|how|the|if|whether)\b)", IC)
# a later sentence that asks for something itself: what went before it is background
ASKED_LATER = re.compile(r"[.!?]\s+(?:(?:so|ok|okay|anyway)[,\s]+)?(?:could|can|would|will)\s+(?:you|u)\b|[.!?]\s+(?:please|pls)\b", IC)
DO_THAT_AFTER = re.compile(r"(?<=\w)\s*[,.;-]?\s*(?:(?:so\s+)?(?:can|could|would|will)\s+(?:you|u)|(?:please|pls)|is\s+that\s+possible|"
                           r"possible)\s*(?:(?:do|handle|manage|set\s+up|setup|sort\s+out|arrange)\s+(?:that|it|this|"
                           r"one)(?:\s+up)?(?:\s+for\s+(?:me|us))?)?\s*[?!.]*\s*$", IC)
TELL_ME_AFTER = re.compile(r"(?<=\w)\s*,\s*(?:(?:pls|please|can\s+you|could\s+you)\s+)?(?:tell|remind|show)\s+(?:me|us)"
                           r"(?:\s+(?:pls|please|again|quickly))?\s*[.!?]*\s*$", IC)


def _asked_otherwise(text: str) -> str:
    """Requests put in other shapes: "chat, billing, auth: pull all three", "with password x and
    database y, spin up a postgres 16", "run redis, pinned to 7.2", "whatever is running", "the commit
    log for x", "what have we got on this server?", "what apps do you know how to set up?", "x's image
    got pruned, pull it again"."""
    text = re.sub(r"\b(i|we)\s*(?:'d|’d|\s+would)\s+(?:really\s+)?(?:like|love|want|enjoy|appreciate)\b(?!\s+(?:it|that)\b)",
                  r'\1 would like', text, flags=IC)   # "I'd love something to keep passwords safe"
    text = re.sub(r"\b(?:it\s*(?:'d|’d|\s+would)|would|it'?s|it\s+is)\s+(?:be\s+)?(?:really\s+|so\s+)?(?:nice|great|cool|good|"
                  r"handy|useful|lovely|awesome)\s+to\s+have\b", 'we would like', text, flags=IC)   # "would be nice to have x"
    text = DO_THAT_AFTER.sub(' please', text)   # "…, can you set that up?": the request already said, asked for
    how = HOW_DO_I.match(text)
    if how:   # "how do i get n8n running here?": what it takes, shown as a plan to confirm, not a question about n8n
        text = re.sub(r'\?\s*$', '', text[how.end():])
    text = HOW_TO_READ.sub(lambda m: f'show the {m.group("what")} of', text)   # "how do I read the logs of x?": them
    possible = POSSIBLE.match(text)
    if possible and possible.group('verb').lower() in VERBS and VERBS[possible.group('verb').lower()] != 'wish':
        text = possible.group('verb') + ' ' + text[possible.end():].rstrip(' ?')   # "is possible restart of x?"
    found = NEEDLE_IN_LOGS.match(text)
    if found:   # "does OOMKilled show up anywhere in the logs of x": x's logs, the lines with it
        needle = found.group('needle').strip('"\'')
        needle = GREP_STEMS.get(needle.lower(), needle)   # "errors": the lines with "error"
        text = f'show {found.group("logs").rstrip(" ?!.")} containing "{needle}"'
    text = re.sub(r"\bwhat'?s\s+up\s+with\b", 'what is the status of', text, flags=IC)   # "what's up with the mailer"
    text = re.sub(r"^\s*(?P<x>[\w.-]+(?:\s+[\w.-]+)?)\s+(?:been\s+)?(?:up|running|alive|online)\s+(?:for\s+)?how\s+long\s*\??\s*$",
                  r'how long has \g<x> been up', text, flags=IC)   # "shop-staging web been up how long"
    text = re.sub(r"^\s*since\s+when\s+(?:is|are|has|have|was)\s+(?P<x>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?)\s+(?:been\s+)?"
                  r"(?P<s>down|up|running|stopped|dead|offline|online|broken|unhealthy|paused|restarting|crashing)\b",
                  r'how long has \g<x> been \g<s>', text, flags=IC)   # "since when is backup down"
    text = re.sub(r'\b(?:web\s+address|web\s+url|url|link|address)\s+(?:for|of|to)\b', 'address of', text,
                  flags=IC)   # "what is the web address for gitea?": where it is reached
    ago = re.search(r'\b(?:about\s+|around\s+|roughly\s+|~)?(\d+|an?|one|two|three|four|five|six|ten|twelve)\s+'
                    r'(minutes?|mins?|hours?|hrs?|days?)\s+ago\b', text, IC)
    if ago:   # "something broke about 6 hours ago in api-05, pull up its logs from then": since then
        text = re.sub(r'\b(?:from|since|around|after)\s+then\b|\bfrom\s+that\s+(?:time|point|moment)\b',
                      f'since {ago.group(1)} {ago.group(2)} ago', text, flags=IC)
    text = re.sub(r"^\s*(?:(?:i'?m\s+|i\s+am\s+)?not\s+sure|no\s+idea|dunno|(?:i\s+)?(?:don'?t|do\s+not)\s+know)\s+(?:what|why|how)\s+"
                  r"(?:happened|is\s+going\s+on|'s\s+going\s+on|went\s+wrong|broke)\s*[,.;:-]?\s*(?:but|and|so)?\s*(?=\S)", '', text,
                  flags=IC)   # "not sure what happened but backup stopped answering. give it a restart": no history question
    text = re.sub(r"\b(?:could|can|should|would)\s+(?P<x>(?:the\s+)?[\w' .-]+?)\s+(?:run|be\s+running)\s+(?:in|as|with)\s+"
                  r"(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:copies|instances|replicas)\b",
                  r'scale \g<x> to \g<n>', text, flags=IC)   # "could the staging shop's API run in two copies?"
    text = re.sub(r"\b(?:show|tell|let)\s+(?:me|us)\s+(?:know\s+)?(?:what|why)\s+(?:went\s+wrong|(?:it|that|this)\s+(?:broke|failed|"
                  r"crashed|died|stopped)|the\s+(?:problem|error|issue)\s+(?:is|was))\b(?:\s+with\b)?",
                  'show the logs of', text, flags=IC)   # "restart it and show me what went wrong": what it logged
    text = re.sub(r'\bshow the logs of(?=\s*[?.!]*\s*$)', 'show its logs', text, flags=IC)
    if not ASKED_LATER.search(text):   # "I don't know what's running … Could you list the stacks?": background to that
        text = FORGOT.sub(lambda m: 'what is ' if m.group('what').lower() == 'the' else '', text)   # "I forgot which port …"
    text = TELL_ME_AFTER.sub('', text)   # "which port does mailer use, tell me": the question already said
    names = NAMES_THEN_VERB.match(text)
    if names:
        listed = [n.strip() for n in re.split(r'\s*,\s*|\s+and\s+', names.group('names')) if n.strip()]
        text = f'{names.group("verb")} ' + (', '.join(listed[:-1]) + f' and {listed[-1]}' if len(listed) > 1 else listed[0])
    settings = re.match(r'^\s*(with\s+[^,]+?)\s*,\s*(?P<rest>.+)$', text, IC)
    if settings and re.search(r'\b(?:password|user|database|db|port|env|variable|volume)\b', settings.group(1), IC):
        text = f'{settings.group("rest")} {settings.group(1)}'
    text = re.sub(r'\b(?:pinned|locked|fixed)\s+(?:to|at)\s+(?:version\s+|tag\s+)?v?(\d[\w.-]*)', r'version \1', text, flags=IC)
    text = re.sub(r'\b(?:whatever|everything\s+that)\s+(?:is|\'s)\s+(running|up|stopped|paused)\b', r'all \1 containers', text,
                  flags=IC)
    text = re.sub(r'\b(?:commit|git|change)\s+log\b', 'history', text, flags=IC)
    text = re.sub(r"(?<!images)(?<!image)(?<!volumes)(?<!volume)\s+(?:lying|sitting|hanging)\s+around\b", '', text, flags=IC)
    text = re.sub(r"^\s*what(?:'s|\s+is|\s+have\s+(?:we|i|you)\s+got|\s+do\s+(?:we|i)\s+have)\s+(running\s+)?(?:on|in)\s+"
                  r"(?:this|the|my|our)\s+(?:server|box|machine|host)\s*\W*$",
                  lambda m: 'list running containers' if m.group(1) else 'list containers', text, flags=IC)
    text = re.sub(r'\b(?:apps?|things|stuff|software|services)\s+(?:do\s+)?you\s+(?:know\s+how\s+to|can|could)\s+'
                  r'(?:set\s+up|install|deploy)\b', 'templates', text, flags=IC)
    text = ANY_UPDATES.sub('list containers with updates', text)
    text = re.sub(r"^\s*(?:which|what|any|are\s+there(?:\s+any)?|show(?:\s+me)?|list)\s+(?:the\s+)?(?:outdated|out[\s-]of[\s-]date)\s+"
                  r"(?:containers?|stacks?|services?|apps?|images?)\s*[?.!]*\s*$", 'list containers with updates', text, flags=IC)
    text = re.sub(r"^\s*(?:(?:which|what|the|all|any)\s+)?(?:containers?|services?)\s+(?:are\s+|is\s+)?(?:of|in|from|inside|"
                  r"(?:a\s+)?part\s+of|belong(?:ing|s)?\s+to|make\s+up)\s+(?=(?:the\s+)?[\w.-]+(?:\s+stack)?\s*\W*$)",
                  'list the containers of ', text, flags=IC)   # "containers of shop?", "which containers are part of shop"
    text = re.sub(r"^\s*(?:(?:any|all|the)\s+)?(images|volumes|networks|containers|stacks|templates)\s+(?:on\s+(?:the\s+)?(?:disk|"
                  r"this\s+(?:machine|host|box|server))|here|present|available|around|we\s+have|i\s+have|in\s+stock)\s*\W*$",
                  r'list \1', text, flags=IC)   # "images on disk?"
    text = re.sub(r"\b(?:get|have)\s+(?P<x>(?![a-z]+ed\b)[\w.-]+)\s+(?:back\s+)?(?:up|running|going|online|started)"
                  r"(?:\s+again)?(?:\s+(?:here|on\s+(?:this|the|my|our)\s+(?:machine|server|box|host)))?"
                  r"(?=\s*$|\s*[.,;!?]|\s+(?:and|then|please|pls|now|asap|on\s+(?:port\s+)?\d+)\b)", r'bring up \g<x>', text,
                  flags=IC)   # "get worker-06 up again", "… to get pgadmin running here on port 8088?"; not "get picked up"
    text = re.sub(r"^\s*(?:please\s+)?(?:have|keep)\s+(?=(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:of\s+)?\S+.*?"
                  r"\s(?:running|up|going)\b)", 'I want ', text, flags=IC)   # "have three of metrics's grafana running": scale
    text = re.sub(r"\b(?:get|put|have)\s+(?:the\s+)?(?P<image>[\w./-]+:[\w.-]+|[\w./-]+)\s+image\s+(?:onto|on(?:\s+to)?|to)\s+"
                  r"(?:this|the|my|our)\s+(?:machine|host|box|server|disk)\b", r'pull \g<image>', text,
                  flags=IC)   # "get the x image onto this machine"
    text = re.sub(r"\b(?:make\s+sure|ensure|check\s+that)\s+(?:the\s+)?(?:image\s+)?(?P<image>[\w./-]+:[\w.-]+)(?:\s+image)?\s+is\s+"
                  r"(?:on|present\s+on|available\s+on|downloaded\s+(?:on|to)|pulled\s+(?:on|to)|there\s+on)\s+(?:this|the|my|our)\s+"
                  r"(?:machine|host|box|server|disk)\b", r'pull \g<image>', text, flags=IC)   # "make sure alpine:3.20 is on this machine"
    text = re.sub(r"\s*,?\s*\bwithout\s+(?:restarting|redeploying|recreating|touching|stopping)\s+(?:anything|any\s+containers?|"
                  r"the\s+containers?|them|it|the\s+stack)\b", ' only', text, flags=IC)   # "update the images of x without restarting"
    text = re.sub(r"^\s*(?:do\s+you\s+have|is\s+there|have\s+you\s+got|got)\s+(?:a|any)\s+template\s+(?:for|with)\s+(?P<x>[^?]+?)\s*\?\s*"
                  r"(?:if\s+(?:so|yes|you\s+do)|yes)\s*,?\s*(?:(?:please|pls|just|then)\s+)*(?:deploy|install|set\s+up|run)\s+it\b",
                  r'deploy \g<x>', text, flags=IC)   # "do you have a template for phpmyadmin? if so deploy it"
    text = re.sub(r"^\s*(?:how|what)\s+about\s+(?P<x>[^?,]+?)\s*[?,]\s*(?:(?:please|pls|just|can\s+you|could\s+you|go\s+ahead\s+and)\s+)*"
                  r"(?:set\s+it\s+up|install\s+it|deploy\s+it|spin\s+it\s+up)\b", r'deploy \g<x>', text,
                  flags=IC)   # "how about Pi-hole? set it up on 9443"
    text = re.sub(r"(?:(?<=[,.;:])|(?<=\s-)|(?<=\s–))\s*(?:so\s+|then\s+|just\s+|please\s+)*(?:use|take|pick|try)\s+(?:port\s+)?(\d{2,5})\b"
                  r"(?!\s*(?:replicas?|copies|instances|lines|mb|gb|%|seconds?|minutes?))", r' port \1', text,
                  flags=IC)   # "Deploy WordPress - the default port clashes, use 5050"
    text = re.sub(r"\bat\s+https?://(?:localhost|[a-z][\w-]*|\d{1,3}(?:\.\d{1,3}){3}):(\d{2,5})/?(?=\s|$|[,.;!?])", r'on port \1', text,
                  flags=IC)   # "pgadmin at http://myserver:3001": the port
    text = re.sub(r"\s*,?\s*\b(?:incl(?:\.|uding)?|even)\s+(?:the\s+)?(?:exited|stopped|dead)(?:\s+ones)?\b", '', text,
                  flags=IC)   # "list all containers incl. exited": all of them
    return PRUNED_AGAIN.sub(lambda m: f'pull the image of {m.group("x")}', text)


def _order_words(text: str) -> str:
    """Steps said in order with other words: "start by stopping x, next start y, and finish with a
    list …", "restart x, but first show its logs", "show x's logs after you restart it", "try starting
    x, and if it starts, tail its logs", "…; also …", "pause x - oh and mailer as well"."""
    text = SIGNATURE.sub('', text)
    text = AFTERTHOUGHT.sub(lambda m: f' and {m.group("x")}', text)
    text = GERUND_START.sub(lambda m: _base_of(m.group(1)), text)
    text = re.sub(r"\btry(?:\s+to)?\s+(\w+?)ing\b", lambda m: _base_of(m.group(1)), text, flags=IC)
    text = re.sub(r"\s+next\s+to\s+(?:it|them)\b", ' ', text, flags=IC)   # "a redis named n8n-cache next to it": a place
    if re.search(r"\b(?:logs?|status|state|stats|health|memory|cpu|compare)\b", text, IC):
        text = re.sub(r"\s+next\s+to\s+(?!that\b|this\b)", ' and ', text, flags=IC)   # "the logs of a next to b's": both
    text = re.sub(r",?\s*\b(?:next(?!\s+to\s+the\s+[\w-]+\s+(?:is|are|was|were|has)\b)|then\s+next|secondly|thirdly)\s*,?\s+"
                  r"(?=[a-z])", ', then ', text, flags=IC)   # "…, next restart y", "next to that, start z": one more step
    text = re.sub(r"\b(?:and\s+)?(?:finish|end)\s+(?:off\s+|up\s+)?(?:with|by)\s+(?:a\s+|the\s+)?", ' then ', text, flags=IC)
    text = re.sub(r";\s*(?:and\s+)?also\s+", '; ', text, flags=IC)
    text = re.sub(r"(?:\s*[-–—]+)?,?\s*\bbut\s+(?:first|before\s+(?:that|this|it|doing\s+(?:that|so)))\s*,?\s+(?P<x>[^,.;!?]+)",
                  lambda m: f', but {m.group("x")} first', text, flags=IC)
    steps = iter(range(100))
    text = re.sub(r"(?:\s*[;,.]\s*|\s+(?:and\s+)?)?\b(?:step|stage)\s+(?:one|two|three|four|five|\d+)\s*[:.,)-]?\s+",
                  lambda m: ', then ' if next(steps) else ' ', text, flags=IC)
    text = re.sub(r"(?:\s*[-–—]+)?,?\s*\b(?:and\s+)?(?:meanwhile|in\s+the\s+meantime|at\s+the\s+same\s+time|in\s+parallel)\s*,?\s+",
                  ', then ', text,
                  flags=IC)
    text = IF_IT_WORKS.sub(', then ', text)
    after = AFTER_YOU.match(text.strip())
    if after:   # "show me duplicati's logs after you restart it", "delete x after you have stopped it": that first
        first = after.group('a')
        thing = (re.search(r"([\w.-]+)'s\b", first) or re.search(r'\b(?:of|for|on)\s+([\w.-]+)', first)
                 or re.search(r'^\s*(?:please\s+)?\w+\s+(?:the\s+)?(?!(?:it|them|all|every|everything)\b)([\w.-]+)', first))
        if thing:
            verb, _, rest = after.group('b').partition(' ')
            done_first = f'{_base_verb(verb)} ' + re.sub(r'\b(?:it|them)\b', thing.group(1), rest)
            text = f'{done_first}, then {first}'
    return text


LOG_NOUNS = r'(?:lines|rows|records|entries|messages|log\s+lines)'


def _log_idioms(text: str) -> str:
    """Logs said in other words: "the tail end / bottom of x's output", "the last 50 rows", "x's 25
    newest messages", "the journal of x", "keep watching x", "keep an eye on x's log", "as new lines
    come in", "a week of x logs", "find every exception from x"."""
    text = re.sub(r'(?<![\w.=-])(?<!\bnamed\s)(?<!\bcalled\s)(?<!\bas\s)(?<!\bname\s)(?<!\bstack\s)journal(?![\w-]|\s+(?:idea|site|app|blog|'
                  r'project|platform|thing)\b)', 'logs', text, flags=IC)   # not "maple-journal", "the journal idea", "a blog named journal"
    text = re.sub(r"\bpull\s+up\s+(?=(?:the\s+|its\s+|their\s+|[\w.-]+'s\s+)?(?:last\s+\d+\s+|latest\s+)?(?:\w+\s+)?"
                  r"(?:logs?|lines|output|status|history)\b)", 'show ', text, flags=IC)   # "pull up its last 50 log lines"
    text = re.sub(r'\b(?:bottom|final|newest|latest|most\s+recent)\s+(\d+)\s+' + LOG_NOUNS, r'last \1 lines', text, flags=IC)
    text = re.sub(r'\b(\d+)\s+(?:newest|latest|last|final|most\s+recent)\s+' + LOG_NOUNS, r'last \1 lines', text, flags=IC)
    text = re.sub(r'\b(last|first)\s+(\d+)\s+(?:rows|records|entries|messages)\b', r'\1 \2 lines', text, flags=IC)
    text = re.sub(r'\b(last|first)\s+(\d+)\s+(of|from)\s+(?!(?:the\s+)?(?:stacks?|containers?|images?|deploy|changes|history)\b)',
                  r'\1 \2 lines \3 ', text, flags=IC)   # "last 500 of crm-backend-1 and vpn"
    text = re.sub(r"\bthe\s+(?:tail\s+end|bottom|very\s+end|end)\s+of\b", 'the last lines of', text, flags=IC)
    text = re.sub(r"\b(?:watch|monitor|keep\s+(?:an\s+eye\s+on|watching))\s+(?!for\b|out\b)(?P<x>[\w.-]+?)(?:'s)?"
                  r"(?:\s+(?:logs?|output))?\s+for\s+(?:any\s+)?(?!(?:me|us|you|him|her|them|now|a|an|the|some|bit|while|today|tonight|minutes?|hours?|"
                  r"days?)\b)(?P<y>[\w./:-]+?)(?:\s+(?:lines?|messages?|errors?))?\b(?=\s|[.!?,]|$)",
                  r'follow the logs of \g<x> containing \g<y>', text, flags=IC)   # "watch db-06 for fatal lines"
    text = re.sub(r"\b(?P<how>watch|look|keep\s+an\s+eye)(?P<out>\s+out)?\s+for\s+(?:any\s+)?(?P<y>\"[^\"]+\"|'[^']+'|[\w./:-]+?)"
                  r"(?:\s+(?:lines?|messages?))?\s+(?:from|in|on|by)\s+(?:the\s+)?(?P<x>[\w.-]+?)(?:'s)?(?:\s+(?:logs?|output))?"
                  r"(?=\s|[.!?,]|$)", lambda m: f'{"show" if m.group("how").lower() == "look" and not m.group("out") else "follow"} the logs of '
                  f'{m.group("x")} containing {m.group("y")}', text, flags=IC)   # "keep an eye out for fatal in x's output"
    text = re.sub(r"\bkeep\s+(?:watching|an\s+eye\s+on|following|tailing|streaming)\b", 'follow', text, flags=IC)
    text = re.sub(r"\b(?:(?:i|we)\s+(?:want|need|would\s+like)\s+(?:to\s+)?see\s+|show\s+(?:me\s+)?)?what\s+(?:the\s+)?"
                  r"(?P<x>[\w.-]+)\s+(?:is|was|has\s+been|keeps|kept)\s+(?:writing|printing|logging|saying|outputting|"
                  r"spitting\s+out|spewing)\b", r'show the logs of \g<x>', text, flags=IC)   # "i want see what traefik is writing"
    text = re.sub(r"\s*,?\s*(?:starting|beginning)\s+(?:from|with|at)\s+(?:the\s+)?(last|previous|latest)\s+(\d+)\s+(lines?|entries)\b",
                  r', last \2 lines', text, flags=IC)   # "live logs for docs, starting from the last 10 lines"
    text = re.sub(r"^\s*(?P<w>(?:from|in|during|over|within|for)\s+the\s+(?:last|past|previous)\s+[^,.;?!]{1,30}?)\s*,\s*"
                  r"(?P<rest>[^,;]+?)\s*(?P<end>[?.!]*)\s*$", r'\g<rest> \g<w>\g<end>', text,
                  flags=IC)   # "In the past 2 hours, what did x log": the window belongs to the request after it
    text = re.sub(r"\b(?:leave|keep)\s+(?:the\s+)?([\w.-]+(?:'s)?)\s+(?:output|logs?)\s+(?:scrolling|running|open|up)\b",
                  r'follow \1 logs', text, flags=IC)   # "keep the x logs open for me"
    text = re.sub(r"\bwatch\s+(?:the\s+)?([\w.-]+)\s+(?:live|in\s+real[- ]?time|as\s+it\s+happens)\b", r'follow the logs of \1',
                  text, flags=IC)   # "watch auth-db-1 live"
    text = re.sub(r"\b(?:stream|follow|tail|watch)\s+(?:the\s+)?([\w.-]+?)(?:'s)?(?:\s+logs?)?\s*,?\s*(?:but|and)\s+(?:show|start\s+"
                  r"with|begin\s+with|include|give\s+me)\s+(?:me\s+)?(?:the\s+)?(?:previous|last|latest|recent)\s+(\d+)\s+"
                  r"(?:lines|entries)(?:\s+first)?\b", r'follow the logs of \1, last \2 lines', text,
                  flags=IC)   # "stream x but show the previous 100 lines first": docker logs -f --tail 100
    text = re.sub(r"(?:\s+and)?\s+(?:show|print|give)?\s*(?:me\s+)?(?:the\s+)?new\s+lines\s+as\s+they\s+(?:come\s+in|arrive|appear)\b|"
                  r"\bas\s+(?:they|new\s+lines)\s+(?:come\s+in|arrive|appear)\b|\bin\s+direct\b|\bscrolling\b", ' live ', text,
                  flags=IC)
    text = re.sub(r"\bstay\s+on\b", 'follow', text, flags=IC)
    text = re.sub(r'\b(?:find|search(?:\s+for)?|look\s+for|grep|get|show)\s+(?:me\s+)?(?:any\s+|the\s+|every\s+|all\s+)?'
                  r'(exceptions?|errors?|warnings?|timeouts?|panics?|failures?)\s+(?:from|in|of|by)\s+(?!the\s+logs?\b)',
                  r'show the \1 lines in the logs of ', text, flags=IC)
    text = re.sub(r"(?:^|(?<=[,;.]\s)|(?<=\bthen\s)|(?<=\band\s)|(?<=\bplease\s)|(?<=\bpls\s)|(?<=\byou\s))"
                  r"(?:search|scan|look)\s+(?:through\s+|in\s+|at\s+)?(?!(?:the\s+)?(?:templates?|catalog|images?|stacks?|"
                  r"containers?|volumes?|networks?|history)\b)(?=(?:the\s+)?[\w.-]+(?:'s)?(?:\s+(?:logs?|output))?\s+for\s)",
                  'grep ', text, flags=IC)   # "search traefik for refused": its logs
    text = re.sub(r'\ba\s+(week|day)\s+of\b', lambda m: 'the last 7 days of' if m.group(1).lower() == 'week' else
                  'the last 1 day of', text, flags=IC)
    return re.sub(r'\b(?:every|each|all(?:\s+the)?)\s+(exceptions?|errors?|warnings?|timeouts?|panics?|failures?)\b', r'\1', text,
                  flags=IC)


def same_as_before(text: str) -> bool:
    """"same as last time": this parser reads one message and keeps no earlier ones."""
    return bool(SAME_AS_BEFORE.match(text))
