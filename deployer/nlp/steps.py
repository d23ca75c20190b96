"""The second half of reading a message: where its steps begin and end, and in which order they run.

``marked`` rewrites the prepared request so that every step boundary is a "then": ranks ("a first,
b last"), numbered or bulleted steps, "before that", a step said as the condition of the next ("once
x is up, tail it"), waits and timers (warned about: steps run one after the other, never on a
clock), conditions ("if needed": warned about, the person decides when confirming) and the cut at
shell syntax, which never runs. ``split`` cuts the marked request into clauses: at "then", at "and"
where a new request starts, where one verb is shared by several objects, and puts options said
first and steps said "before"/"after" into their running order.
"""
from __future__ import annotations

from . import regex as re
from .asides import without_comments
from .clause import (
    LOG_WORDS,
    PHRASES,
    STATES,
    VERBS,
    Clause,
)
from .framing import versions_in_words
from .intent import LIFECYCLE, PHRASAL, READ_WISH, lemma, names_something, phrasal, starts_request
from .lexicon import DICTIONARY
from .live import boxes_said, left_out, named_boxes, state_holds
from .phrasing import WANTED_STATE, wanted_verb
from .resolve import ROLE_WORDS
from .rewrites import goals, numbers_in_words
from .run_settings import restart_in_words
from .state import State
from .targets import Parsed

SHELL = re.compile(r'&&|\|\||;|`|\$\(|\|\s*\w|>\s*\S|<\s*\S|\brm\s+-\w*[rf]|\bsudo\b|\bchmod\b|\bcurl\b.*\|')


ENDS_PIPE = re.compile(r'\s*\|\s*(head|tail)\s+(?:-n\s*|-)(\d{1,6})\s*$', re.IGNORECASE)   # "x logs | head -n 5"
GREP_PIPE = re.compile(r'\s*\|\s*grep\s+(?:-i\s+)?("[^"|;&`$]{1,80}"|\'[^\'|;&`$]{1,80}\'|[\w.:-]+)\s*$', re.IGNORECASE)


CLAUSE_SPLIT = re.compile(r'\s*(?:,\s*(?:and\s+)?then\b|\band then\b|\bthen\b|\bafter that\b|\bafterwards\b|'
                          r',?\s*(?:and\s+)?(?:finally|lastly|subsequently)\b|,?\s*followed by\b|,?\s*and next\b(?!\'s)|\.\s+|'
                          r'(?<=[?!])\s+|'
                          r',?\s*(?:and\s+)?follow(?:ed)?\s+(?:it\s+|that\s+)?up\s+with\b)\s*',
                          re.IGNORECASE)


WAIT = re.compile(r'(?:^\s*|,\s*|\s+)(?:and\s+)?(?:then\s+)?wait\b(?:\s+for\s+(?:it|them|that))?'
                  r'(?:\s+(?:a\s+)?(?:bit|moment|second|sec|few\s+seconds|minute|min))?\s*(?:,\s*)?(?=then\b|$)',
                  re.IGNORECASE)


# "wait 60 seconds", "give it 10 seconds", "sleep 10s", "with 10 seconds between them": the plan has no
# pause of its own — its steps run one after the other, each once the one before has finished
PAUSE = re.compile(r'(?:^\s*|,\s*|\s+)(?:and\s+)?(?:then\s+)?(?:wait(?:\s+for)?|sleep|pause\s+for|give\s+(?:it|them)|'
                   r'let\s+(?:it|them)\s+(?:rest|settle)\s+(?:for\s+)?)\s+(?:about\s+)?(?:\d+|an?|one|two|three|five|'
                   r'ten|thirty|sixty|a\s+few|a\s+couple(?:\s+of)?)\s*(?:seconds?|secs?|s|minutes?|mins?|m)\b'
                   r'(?:\s+before\s+(?=\w+ing\b))?\s*,?\s*(?:and\s+)?(?:then\b)?', re.IGNORECASE)


BETWEEN = re.compile(r'\s+(?:with|and\s+wait|waiting|leaving)\s+(?:about\s+)?(?:\d+|a\s+few)\s*(?:seconds?|secs?|s|minutes?|'
                     r'mins?|m)\s+(?:in\s+)?between(?:\s+(?:them|each|each\s+one|the\s+two))?\b', re.IGNORECASE)


# "and once it is down, start x", "once that is done redeploy it", "as soon as it is up show …"
ONCE = re.compile(r'(?:,\s*|\s+)(?:and\s+)?(?:once|when|as\s+soon\s+as|after)\s+(?:it|that|this|they|those|both|all)'
                  r'(?:\s+(?:is|are|has|have|was|were)|\'s|\'re)?(?:\s+(?:been|come|came|gone|got|fully))?\s+(?:back\s+)?'
                  r'(?:down|up|done|finished|stopped|started|running|ready|complete|completed|over|healthy|through|'
                  r'online|offline|back|off|on)\b\s*,?\s*(?:then\b)?', re.IGNORECASE)


# "unpause it in 1 minute": the plan has no timer either
LATER = re.compile(r'\s+(?:in|after)\s+(?:about\s+)?(?:\d+|an?|one|two|five|ten|a\s+few|a\s+couple(?:\s+of)?)\s*'
                   r'(?:seconds?|secs?|minutes?|mins?|hours?)\b(?=\s*(?:$|[,.;]|then\b|and\b))|'
                   r'(?:\s*,\s*|\s+)(?:and\s+|it\s+will\s+be\s+|it\'ll\s+be\s+)?back\s+(?:up\s+|online\s+)?in\s+(?:about\s+)?'
                   r'(?:\d+|an?|one|two|five|ten|a\s+few)\s*(?:seconds?|secs?|minutes?|mins?|m|hours?|h)?\b(?=\s*(?:$|[,.;!]))',
                   re.IGNORECASE)   # "take x down for maint, back in 20": said of later, no timer here


# a deadline says when, not what: "we need gitea reachable on 8088 by end of day"
DEADLINE = re.compile(r"\s+(?:by|before)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:day|week|month|sprint)|eod|eow|cob|tonight|"
                      r"tomorrow(?:\s+(?:morning|noon|evening))?|noon|lunch(?:time)?|the\s+weekend|(?:mon|tues|wednes|thurs|fri|"
                      r"satur|sun)day)\b", re.IGNORECASE)


# "stop mailer; start vpn": a semicolon before a request of ours is a separator; before a shell command, shell
DATA_TOO = re.compile(r"\s*,?\s*\b(?:and|with|plus|including)\s+(?:all\s+)?(?:of\s+)?(?:its|their|the)\s+(?:data|volumes?|files|"
                      r"storage|databases?\s+files)(?:\s+(?:too|as\s+well))?\b", re.IGNORECASE)
# the words that hand what follows to a container as its command ("… that runs", "inside it do", "with command")
COMMAND_GIVEN = re.compile(r"(?:\b(?:runs?|running|execute[sd]?|executing|exec|do|does|type|command|cmd|entrypoint|"
                           r"with)|\b(?:sh|bash|ash|zsh|dash)\s+-c)\s*[:=]?\s*[\"'`]?\s*$", re.IGNORECASE)
# a step that runs a new container: what follows its image is its command ("docker run alpine:3.20 sh -c …")
RUN_STEP = re.compile(r"\s*(?:(?:please|pls|now|just|and|then|can\s+you|could\s+you)\s+)*(?:docker\s+(?:container\s+)?)?"
                      r"run\s+(?:-\S+\s+(?:[\w.:/=-]+\s+)?)*[a-z0-9][\w./-]*(?::[\w.-]+)?\s", re.IGNORECASE)
SENTENCE_STARTS = {'the', 'a', 'an', 'we', 'i', 'they', 'he', 'she', 'it', 'its', "it's", 'this', 'that', 'our', 'my',
                   'their', 'his', 'her', 'there', 'because', 'since', 'as', 'so', 'but', 'also', 'otherwise', 'however'}
def _plain_after(rest: str) -> bool:
    """Whether what follows a "&&" is a plain request up to its end or the next shell syntax: a verb of this
    assistant ("tail logs"), or a docker command that is one ("docker logs -f x"); never a program ("rm -rf /")."""
    more = SHELL.search(rest)
    step = (rest[:more.start()] if more else rest).strip()
    first = step.split()[0].lower() if step.split() else ''
    return (first in VERBS and first not in SHELL_WORDS or first == 'tail') and not re.search(r'\s-{1,2}[a-z]', step) or bool(
        re.match(r'docker\s+(?:logs|ps|restart|stop|start|stats|inspect|top|pause|unpause)\b[^|&;`$<>]*$', step, re.IGNORECASE))


NAMES_AFTER_AND_AND = re.compile(r'\s*&&\s*(?=(?P<names>[\w.-]+(?:\s*(?:,|&&|\band\b)\s*[\w.-]+)*)\s*[.!]?\s*$)')
SHELL_WORDS = {'rm', 'sudo', 'curl', 'wget', 'sh', 'bash', 'zsh', 'reboot', 'shutdown', 'docker', 'chmod', 'chown', 'mkfs',
               'dd', 'cat', 'echo', 'eval', 'exec', 'kill', 'killall', 'pkill', 'python', 'perl', 'nc', 'mv', 'cp', 'halt',
               'poweroff', 'init', 'systemctl', 'service', 'apt', 'yum', 'crontab', 'export', 'source', 'exit'}
# programs that are English words too: after ";" they stay a command ("restart x; touch /tmp/y"), never a sentence
COMMAND_WORDS = SHELL_WORDS | {
    'ls', 'find', 'touch', 'sleep', 'yes', 'mount', 'umount', 'tar', 'ssh', 'scp', 'make', 'watch', 'xargs', 'tee', 'truncate',
    'shred', 'nohup', 'chroot', 'nsenter', 'ln', 'printf', 'base64', 'openssl', 'iptables', 'ufw', 'passwd', 'su', 'useradd',
    'userdel', 'fdisk', 'parted', 'wipefs', 'git', 'pip', 'npm', 'node', 'ruby', 'php', 'set', 'unset', 'alias', 'history',
    'read', 'wait', 'test', 'true', 'false', 'env', 'time', 'at', 'ps', 'top', 'df', 'du', 'free', 'who', 'id', 'date',
    'head', 'tail', 'less', 'more', 'grep', 'sed', 'awk', 'sort', 'cut', 'cd', 'pwd'}
# after ";", a setting of what was asked ("; dns on 5353", "; admin password is x", "; port=8080"): words, never a program
SETTINGS_AFTER = re.compile(r'\s*;\s*(?=(?!(?:' + '|'.join(sorted(COMMAND_WORDS)) + r')\b)(?:[a-z][\w-]*\s+){0,3}'
                            r'(?:on|at|port|is|=|:)\s*[\w./:@+-]+\s*(?:[,.;]|$))', re.IGNORECASE)


DONE_FIRST = re.compile(r"^\s*(?:once|when|after)\s+(?:you(?:'re|\s+are|'ve|\s+have)?\s+)?(?:done|finished|through)\s+"
                        r"(?=\w+ing\b)", re.IGNORECASE)


# numbered steps: "step 1: x; step 2: y", "1) x 2) y", "first x, second y"
# a step said to come before the one just said: "…, and before you do, check its status", "redeploy shop. before that,
# pull the new images", "…, but first show me its logs"
BEFORE_THAT = re.compile(r'\s*(?:[,.;]|\s[-–—]+)?\s*\b(?:(?:but|and)\s+)?(?:before\s+(?:(?:you|we)\s+(?:do|start|begin)'
                         r'(?:\s+(?:that|it|so|this))?|that|this|doing\s+(?:that|so|it|this)|anything\s+else)|but\s+first|'
                         r'but\s+before(?=\s*,?\s+[a-z]))'
                         r'\s*,?\s+(?P<step>[^,.;]+)', re.IGNORECASE)


NUMBERED = re.compile(r'(?:^|[\s,;]+)(?:step\s*\d{1,2}\s*[:.)-]|\(\s*\d{1,2}\s*\)|\d{1,2}\s*[).]|\d{1,2}\s*:(?!\d)|\d{1,2}/|'
                      r'[•·▪‣◦*](?=\s)|\(?[a-f]\)|'
                      r'(?:second|third|fourth|fifth)(?:ly)?\s*(?:[,:]|\s[-–—])?)(?=\s+[A-Za-z])', re.IGNORECASE)


# "stop jellyfin and after 5 seconds start it": a delay before the next step (the plan has no timer)
DELAY = re.compile(r'(?:\s*,\s*|\s+)(?:and\s+)?(?:then\s+)?(?:after|in)\s+(?:about\s+)?(?:\d+|an?|one|two|five|ten|a\s+few)\s*'
                   r'(?:seconds?|secs?|s|minutes?|mins?|m)\b\s*,?\s*(?:then\s+)?(?=(?:restart|start|stop|pause|unpause|kill|'
                   r'remove|show|check|redeploy|run|bring|turn|resume)\b)', re.IGNORECASE)


CONDITION = re.compile(r'\s*,?\s*\bif\s+(?:needed|necessary|required|need\s+be|so|you\s+(?:have\s+to|must|can)|'
                       r"(?:it|they)(?:'s|\s+is|\s+are|'re)\s+(?:not\s+)?(?:already\s+|still\s+)?(?:down|up|running|stopped|stuck|"
                       r"broken|unhealthy|started|alive|online|offline|paused)|"
                       # "… if it isn't"
                       r"(?:it|they)\s*(?:isn'?t|aren'?t|is\s+not|are\s+not|'s\s+not|'re\s+not)(?=\s*(?:[.!?,;]|$))|"
                       r'there\s+are\s+(?:any\s+)?(?:errors|problems|issues))\b', re.IGNORECASE)


# a bare "why?" after a failure told: "grafana died again overnight, why?", "x keeps crashing. any idea why?"
WHY_AFTER_FAILURE = re.compile(r"\b(?:died|crashed|crashing|crashes|failed|failing|fails|broke|exited|went\s+down|is\s+down|"
                               r"keeps?\s+(?:dying|restarting|stopping|exiting)|stopped|restarted|restarting|oom(?:ed|-?killed)?|"
                               r"fell\s+over)\b[^,.;!?]{0,40}[,.;!]?\s*(?P<why>(?:but\s+|and\s+|so\s+)?(?:any\s+(?:idea|clue)\s+|"
                               r"do\s+you\s+know\s+|can\s+you\s+(?:tell|see)\s+(?:me\s+)?|wonder(?:ing)?\s+)?why(?:\s+(?:though|"
                               r"tho|is\s+that|did\s+(?:it|that)\s+happen|that\s+happened))?\s*\?*\s*)$", re.IGNORECASE)
# a question about whether something runs, then what to do on the answer: "is traefik running? if not start it"
RUN_STATE_ASKED = re.compile(r"^\s*(?:(?:and|so|but|ok|hey|also)[,\s]+)*(?:(?:is|are|was)\s+(?P<x>[^?]+?)|(?P<x2>[^?]+?)\s+"
                             r"(?:is|are|'s)|(?P<x3>[\w.-]+(?:\s+[\w.-]+)?))\s+(?:still\s+|currently\s+|even\s+|actually\s+|"
                             r"already\s+)?(?P<neg>not\s+)?(?P<cond>running|up|down|stopped|dead|alive|online|offline|started|"
                             r"crashed|exited|paused)\b(?:\s+(?:right\s+now|now|at\s+the\s+moment|again|still|yet|currently))?\s*\?+\s*$",
                             re.IGNORECASE)
ANSWERED = re.compile(r"\?\s*(?:and\s+)?if\s+(?P<a>so|yes|not|no|it\s+(?:is|does)n'?t|it\s+does|there\s+is(?:\s+one)?|"
                      r"they\s+do|it\s+is(?:\s+not)?|they\s+are(?:\s+not)?|they\s+aren'?t)\b", re.IGNORECASE)
# a condition on whether it runs: "if it's down", "if they're not running", "if it is stopped"
RUN_CONDITION = re.compile(r"\s*,?\s*\bif\s+(?:it|they)(?:'s|\s+is|\s+are|'re)\s+(?P<neg>not\s+)?(?:already\s+|still\s+)?"
                           r"(?P<cond>down|up|running|stopped|started|alive|online|offline|paused|dead|crashed|exited)\b",
                           re.IGNORECASE)
READS_ASKED = frozenset({'show', 'tail', 'list', 'display', 'print', 'give', 'get', 'grab', 'fetch', 'logs', 'check',
                         'tell', 'what', 'which', 'how'})   # a request that only reads
ASKED_THEN_IF_SO = re.compile(r"^\s*(?P<question>[^?]+\?+)\s*(?:and\s+)?if\s+(?:so|yes|not|no|it\s+(?:is|does)n'?t|it\s+does|"
                              r"there\s+is(?:\s+one)?|they\s+do|it\s+is)\s*[,:]?\s*(?:then\s+|please\s+|pls\s+|just\s+|why(?:\s+not)?\s*[,?]?\s+)*"
                              r"(?P<request>\w.*)$",
                              re.IGNORECASE)
IN_ORDER = re.compile(r',?\s*\b(?:one\s+after\s+(?:the\s+)?other|one\s+after\s+another|in\s+(?:that|this|the\s+same)\s+order|'
                      r'in\s+order|one\s+by\s+one|one\s+at\s+a\s+time|sequentially|consecutively|serially|in\s+(?:that\s+|this\s+)?sequence|'
                      r'in\s+turn|(?:one|1)\s+at\s+a\s+time|(?:but\s+)?not\s+(?:all\s+)?(?:at\s+the\s+same\s+time|at\s+once|'
                      r'in\s+parallel|simultaneously|together))\b', re.IGNORECASE)


TAKEN_PORT = re.compile(r"(?:(?:\b(?:the\s+)?port\s+)?(?<![\w:])\d{2,5}|\b(?:that|this|the)\s+(?:port|one))\s+"
                        r"(?:is|'s|are|was)\s+(?:already\s+)?(?:taken|busy|in\s+use|"
                        r"used|occupied|not\s+free|blocked|reserved)(?:\s+(?:here|already|on\s+this\s+\w+))?\b\s*[,;.]?\s*"
                        r"(?:(?:so|then|therefore)\s*,?\s*)?", re.IGNORECASE)


# targets ranked by the order they go in: "a first, b second and c last", "web first, api next"
RANKED = re.compile(r'\s+(?:first|second|third|fourth|fifth|next|last|after(?:wards)?)\b\s*(?:,\s*(?:and\s+)?|\s+and\s+|'
                    r'(?=\s*[.!]?\s*$))', re.IGNORECASE)


RANKED_FIRST = re.compile(r'\s[\w.-]+\s+first(?:\s*,\s*|\s+)(?:and\s+)?(?:then\s+)?[\w.-]+\s+(?:second|next|last|after)\b',
                          re.IGNORECASE)


RANKED_THEN_VERB = re.compile(r"^\s*(?P<first>first(?:ly)?\s*,?\s+)?(?P<items>[^:;–—]+?)\s*(?:[:;–—]|\s-|,)\s*"
                              r"(?:(?:please|pls|now|just)\s+)*"
                              r"(?P<verb>[a-z-]+)(?:\s+(?:them|those|these|both|all|all\s+of\s+them|each))?"
                              r"(?:\s*,?\s*(?:in\s+(?:that|this)\s+order|one\s+by\s+one|one\s+after\s+(?:the\s+)?other|"
                              r"in\s+sequence|like\s+that|please|pls))*\s*[.!]?\s*$", re.IGNORECASE)
RANK_WORDS = r"(?:then|second(?:ly)?|third(?:ly)?|next|after\s+that|finally|last(?:ly)?|and\s+then|and|before|followed\s+by)"
ORDER_SAID = re.compile(r"\s(?:then|before|followed\s+by|and\s+after\s+that)\s", re.IGNORECASE)


def _ranked_then_verb(text: str) -> str:
    """"first a, then b, then c - restart them in that order", "first x, second y: stop", "a before b:
    restart both": the verb for each, in the order said."""
    said = RANKED_THEN_VERB.match(text)
    if not said or VERBS.get(said.group('verb').lower()) not in LIFECYCLE:
        return text
    if not said.group('first') and not ORDER_SAID.search(f" {said.group('items')} "):
        return text   # "a then b: restart both", "a before b - stop them": an order without "first"
    items = [i for i in re.split(rf'\s*,\s*(?:{RANK_WORDS}\s+)?|\s+{RANK_WORDS}\s+', said.group('items'), flags=re.IGNORECASE)
             if i.strip()]
    if len(items) < 2:
        return text
    verb = said.group('verb')
    return ' then '.join(f'{verb} {item.strip()}' for item in items)


def one_by_one(text: str) -> str:
    """"restart a, b and c in that order": each target its own step, in the order said."""
    def split(clause: str) -> str:
        if not IN_ORDER.search(clause):
            return clause
        return re.sub(r'\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*', ' then ', IN_ORDER.sub('', clause)).strip()
    return ', then '.join(split(c) for c in re.split(r'\s*,\s*then\s+|\s+then\s+', text))


BEFORE = re.compile(r'^(?P<first>.+?)\s+before\s+(?P<second>\w+ing\b.*)$', re.IGNORECASE)


BEFORE_YOU = re.compile(r'^(?P<first>.+?)\s+before\s+(?:you|we|u)\s+(?:go\s+(?:ahead\s+)?and\s+|do\s+|can\s+)?'
                        r'(?P<second>[\w-]+\b.*)$', re.IGNORECASE)


AFTER = re.compile(r'^(?P<first>.+?)\s+(?:after|once)\s+(?P<second>\w+ing\b.*)$', re.IGNORECASE)


# a read of logs said after "and" in a request for something else ("the status of a and the last 500 lines of b")
LOG_READ = re.compile(r'(?:the\s+|its\s+|their\s+)?(?:(?:last|first|latest|newest|past)\s+\d+\s+(?:lines?|entries|log\s+lines)|'
                      r'logs?)\s+(?:of|from|for|in)\s+\S', re.IGNORECASE)


# something left out of a whole said in other words: "…, db excluded", "the whole shop bar the db", "…, the db stays up"
LEFT_AS_IT_IS = re.compile(r"\s*[,;(]\s*(?:the\s+|its\s+)?(?P<x>[\w-]+(?:\s+[\w-]+)?)\s+"
                           r"(?:excluded|not\s+included|aside|left\s+out)\b\)?|"
                           r"\s+bar\s+(?:the\s+|its\s+)?(?P<y>[\w-]+)\b|"
                           r"\s*[,;(]\s*(?:but\s+)?(?:the\s+|its\s+)?(?P<z>[\w-]+(?:\s+[\w-]+)?)\s+(?:stays?|remains?|keeps?\s+running)"
                           r"(?:\s+(?:up|on|running|as\s+it\s+is|alone|put))?\b\)?", re.IGNORECASE)


# what the person keeps doing, said beside a request ("install a password manager, I keep forgetting the netflix one")
OWN_HABIT = re.compile(r"^\s*(?:i|we)\s+(?:keep|always|never|often|usually|sometimes|tend\s+to)\s+\w+", re.IGNORECASE)


# a request said as what something needs, after what was told
NEEDS_A = re.compile(r"(?:it|they|that|this|both)\s+(?:needs?|could\s+use|requires?|wants?)\s+(?:a\s+|another\s+)?"
                     r"(?:quick\s+|good\s+|fresh\s+)?(?:restart|reboot|redeploy|kick|bounce|update)\b", re.IGNORECASE)


def split_on_and(clause: str) -> list[str]:
    """"stop web and show its logs", "stop web, start docs" are two requests; "restart api and
    cache", "pause a, b, and c" one: "and", "also" or a comma start a request only before a verb."""
    pieces = re.split(r'(\s*,\s*(?:and\s+|but\s+)?(?:also\s+)?|\s+(?:and|but)\s+(?:also\s+)?|\s+also\s+)'
                      r'(?=(?:(?:please|then|so|can you|could you|would you mind|would you|will you|can u|maybe|just|kindly)\s+)*'
                      r'(\w+))', clause, flags=re.IGNORECASE)
    if len(pieces) == 1:
        return [clause]
    result, current = [], pieces[0]
    index = 1
    while index < len(pieces):
        joint, lookahead, rest = pieces[index], pieces[index + 1], pieces[index + 2]
        question = ',' in joint and lookahead.lower() in ('is', 'are', 'which', 'what', "what's", 'how', 'does', 'did', 'has',
                                                          'why', 'who', 'was', 'were')
        if (starts_request(lookahead.lower()) or question   # "I'm still learning, is my blog running?"
                or phrasal(Clause(rest)) is not None and lookahead.lower() in PHRASAL
                or any(re.match(rf'{re.escape(phrase)}\b', rest.lower()) for phrase, _ in PHRASES)
                or READ_WISH.match(rest)
                or LOG_READ.match(rest) and not set(re.findall(r"[\w']+", current.lower())) & LOG_WORDS
                or VERBS.get(lookahead.lower()) == 'deploy' and (   # "shut down auth and deploy minio as team-wiki"
                    phrasal(Clause(current)) is not None or any(VERBS.get(w) in LIFECYCLE
                                                               for w in re.findall(r"[\w-]+", current.lower()))
                    or any(VERBS.get(w) == 'run' for w in current.lower().split()[:3])   # "run a postgres …
                    and not re.match(r'\S+\s+(?:it|them|that|this|one|both)\b', rest, re.IGNORECASE))   # and deploy gitea"
                or VERBS.get(lookahead.lower()) == 'up' and re.match(r'\S+\s+(?:it|them|that|this)\b', rest, re.IGNORECASE)
                or ',' in joint and re.match(r'deploy\s+the\s+[\w-]+\s+template\b', rest, re.IGNORECASE)
                or ',' in joint and NEEDS_A.match(rest)   # "I changed the registry's htpasswd, it needs a restart"
                or ',' in joint and (OWN_HABIT.match(rest)
                                     or OWN_HABIT.match(current) and VERBS.get(lookahead.lower()) == 'deploy')) \
                and not _restart_policy(rest) and not _run_option(rest) \
                and not (lookahead.lower() in ('grep', 'filter', 'filtered', 'search', 'matching', 'containing') and set(
                    re.findall(r"[\w']+", current.lower())) & LOG_WORDS):   # "… and bring it back up"; "x logs, grep OCR"
            result.append(current)
            current = rest
        else:
            current = f'{current}{joint}{rest}'
        index += 3
    result.append(current)
    return result


RUN_ON_OBJECTS = {'it', 'them', 'logs', 'status', 'again', 'too', 'first'}


def run_on(clause: str, state: State) -> list[str]:
    """Requests typed one after the other with nothing between them: "stop a start b", "restart vpn show
    logs", "pull search redeploy it", "start ci-runner tail 200". A new request starts at a verb that
    follows what the request before it named (a live name or "it"), when the clause itself began with a verb."""
    tokens = clause.split()
    if len(tokens) < 4 or not starts_request(tokens[0].lower().strip(',.')) or VERBS.get(tokens[0].lower()) in ('run', 'exec'):
        return [clause]   # "run alpine and have it print env": what follows a run is its command
    for i in range(2, len(tokens) - 1):
        word, before = tokens[i].lower(), tokens[i - 1].lower().strip(',.!?')
        named = (names_something(before, state) and not starts_request(before)) or before in RUN_ON_OBJECTS
        named = named and tokens[i - 2].lower() not in ('have', 'let', 'make', 'get', 'tell', 'ask')   # "have it print env"
        named = named and not before.endswith(("'s", "\u2019s"))   # "list crm's history": its noun, no new request
        if named and word in VERBS and word not in LOG_WORDS | RUN_ON_OBJECTS and starts_request(word) \
                and not names_something(word, state) \
                and not _restart_policy(' '.join(tokens[i:])) and not _run_option(' '.join(tokens[i:])):
            return [' '.join(tokens[:i]), *run_on(' '.join(tokens[i:]), state)]
    return [clause]


def _run_option(text: str) -> bool:
    """", and create database app_prod": an option of the run request before it."""
    return bool(re.match(r'(?:create|add|set)\s+(?:a\s+|the\s+|an\s+)?(?:database|db|user|password|root\s+password|volume|'
                         r'schema)\b|(?:persist|store|keep|save|put|mount)\s+(?:its|their|the|all)?\s*(?:data|files|config|'
                         r'configuration|state|storage)\s+(?:to|in|on|at|under|into)\s+[/~.]', text.strip(),
                         re.IGNORECASE))   # "start a redis and persist its data to /opt/app"


def _restart_policy(text: str) -> bool:
    """", restart it if it crashes", ", restart always": the run request's restart policy, not a request."""
    lowered = text.lower()
    return bool(re.match(r'restart\w*(?:[\s_-]*policy)?\s*(?:[:=]\s*|\s+)(?:(?:it|them)\s+)?'
                         r'(?:policy|always|unless|on[- ]failure|no\b)', lowered)   # "restart: always", "restart_policy=no"
                or (lowered.startswith('restart') and restart_in_words(lowered)))


def shared_objects(clauses: list[str]) -> list[str]:
    """"pull and redeploy immich", "stop and then start x": a lone verb takes the object of the request after it."""
    shared = list(clauses)
    for index in range(len(shared) - 2, -1, -1):
        head = re.sub(r'(?:\s*,|\s+and)+$', '', shared[index].strip())   # "stop and | then start x": the "and" is no object
        words = re.sub(r'^(?:(?:please|pls|plz|kindly|just|then|now|first|(?:can|could|would|will)\s+(?:you|u))\s+)+', '',
                       head.lower()).split()   # "please stop and start x": the courtesy is no object
        words = words[:-1] if words[-1:] == ['first'] else words   # "pull first and redeploy after for crm"
        after = re.sub(r'^(?:(?:and\s+)?then|afterwards|after\s+that|next)\s+', '', shared[index + 1].strip(),
                       flags=re.IGNORECASE).split()
        if after and re.fullmatch(r'[a-z-]+[,:]', after[0].lower()):   # "redeploy, for crm", "redeploy: crm"
            after[0] = after[0][:-1]
        if len(after) > 2 and starts_request(after[0].lower()) and after[1].lower().rstrip(',:') in (
                'after', 'afterwards', 'later', 'next', 'too', 'for', '-', '–', ''):   # "… redeploy - crm": the object at the end
            after = [after[0], *re.sub(r'^(?:(?:after(?:wards)?|later|next|too)[,:]?\s+)?(?:[-–:]\s+)?(?:for\s+)?', '',
                                       ' '.join(after[1:]), flags=re.IGNORECASE).split()]
            shared[index + 1] = ' '.join(after)
        between = index > 0 and len(shared[index - 1].split()) > 1 and after[0].lower() in _READS   # "pull crm, redeploy,
        if len(words) == 1 and starts_request(words[0]) and len(after) > 1 and starts_request(after[0].lower()) and (
                after[1].lower() not in ('me', 'us') or words == head.lower().split()) and not between:   # then show logs of x"
            thing = re.sub(r'^(?:me\s+|us\s+)?(?:the\s+)?(?:logs?|status|state|output|health)\s+(?:of|for|from|on)\s+', '',
                           ' '.join(after[1:]), flags=re.IGNORECASE) if after[0].lower() in _READS else ' '.join(after[1:])
            shared[index] = f'{head} {thing}'   # "restart, then check the status of mailer": mailer restarted
    return shared


_READS = frozenset({'show', 'check', 'tail', 'list', 'print', 'display', 'give', 'get', 'view', 'see', 'logs', 'status',
                    'follow'})
RUNS = re.compile(r'^\s*(?:(?:please|pls|then)\s+)?(?:run|start|launch|spin\s+up|fire\s+up|create)\b', re.IGNORECASE)


def options_first(clauses: list[str]) -> list[str]:
    """"mount ~/data into /data and run alpine", "publish 8080 and run nginx": the options said
    first belong to the run request after them; a mount said after it ("start mariadb and attach the volume x to
    /var/lib/mysql") to the one before."""
    merged: list[str] = []
    for clause in clauses:
        if merged and re.match(r'^\s*(?:mount|bind|publish|expose|map)\b', merged[-1], re.IGNORECASE) and RUNS.match(clause):
            merged[-1] = f'{clause} {merged[-1]}'
        elif merged and re.match(r'^\s*(?:and\s+)?(?:then\s+)?(?:(?:mount|attach|bind)\b.*|(?:put|place|add|give\s+it)\s+'
                                 r'(?:the\s+|a\s+)?(?:named\s+)?volume\b.*)\s(?:to|on|at|as|into)\s+/', clause,
                                 re.IGNORECASE) and RUNS.match(merged[-1]):
            merged[-1] = f'{merged[-1]} with {clause}'   # "start mariadb and attach the volume maria to /var/lib/mysql"
        else:
            merged.append(clause)
    return merged


AFTER_YOU = re.compile(r"^(?P<first>.+?)\s+(?:after|once|when)\s+(?:you|we|u)(?:'ve|\s+have|\s+had|'d)?\s+"
                       r"(?:(?:done|finished)\s+(?:the\s+)?)?(?P<verb>[a-z]+)\s+(?P<rest>.+)$", re.IGNORECASE)


def _named_in(moved: str, other: str, state: State) -> str:
    """A step moved before the one it was said after speaks of that one's thing: "redeploy media after
    pulling its images" pulls media's images, "status after starting it" starts what the status is of."""
    names = [w for w in re.findall(r"[\w.-]+", other.lower()) if names_something(w, state) and w not in VERBS]
    if len(names) != 1 or not re.search(r"\b(?:its?|them|their)\b", moved, re.IGNORECASE):
        return moved
    moved = re.sub(r"\b(?:its|their)\s+(images?|logs?|status|history)\b", rf'the \1 of {names[0]}', moved, flags=re.IGNORECASE)
    return re.sub(r"\b(?:it|them)\b", names[0], moved, flags=re.IGNORECASE)


_WHEN = r'(?:after|once|when|as\s+soon\s+as)'


_BECOMES = r"(?:is|has|'s|has\s+been|have\s+been|is\s+fully|gets?|got|was|were|are)"


LEADING_DONE = re.compile(rf"^\s*{_WHEN}\s+(?P<x>[\w.-]+(?:\s+stack)?)\s+{_BECOMES}\s+{WANTED_STATE}\s*,\s*(?P<rest>.+)$",
                          re.IGNORECASE)   # "once backup is started, tail 200 lines of it"


TRAILING_DONE = re.compile(rf"^(?P<first>.+?)\s+{_WHEN}\s+(?P<x>[\w.-]+(?:\s+stack)?)\s+{_BECOMES}\s+{WANTED_STATE}"
                           r"\s*(?P<end>[.!]?)\s*$", re.IGNORECASE)   # "restart api-07 once billing has been redeployed"


LEADING_DO = re.compile(rf"^\s*{_WHEN}\s+(?:(?:you|we|u)(?:'ve|\s+have)?\s+)?(?P<verb>[a-z-]+)\s+(?P<x>[^,]+?)\s*,\s*"
                        r"(?P<rest>.+)$", re.IGNORECASE)   # "after you restart nextcloud-db-1, show me its logs"


LEADING_DOING = re.compile(r"^\s*(?:after|once)\s+(?P<verb>[a-z]+ing)\s+(?P<x>[\w.-]+)\s+(?P<rest>(?:i|we)\s+(?:want|need|"
                           r"would\s+like)\s+to\s+(?:know|see|check)\b.+)$",
                           re.IGNORECASE)   # "After restarting x I want to know whether it is up"


# "if backup is not running, start it": a guard on the step, which the plan needs no check for (starting what
# runs, or stopping what is stopped, changes nothing); the step, on that name
GUARD = re.compile(r"^\s*(?:if|in\s+case|should)\s+(?:the\s+|my\s+|our\s+)?(?P<x>[\w.-]+)\s+"
                   r"(?:(?P<neg0>isn'?t|is\s+not|wasn'?t|was\s+not)|is|was|be|seems?|looks?|happens\s+to\s+be|ever\s+(?:is|goes))\s+"
                   r"(?:still\s+|already\s+|(?P<neg>not\s+)|currently\s+)*"
                   r"(?P<cond>running|up|down|stopped|dead|crashed|exited|paused|started|offline|online|hung|stuck)\s*"
                   r"(?:,\s*|;\s*|\s+then\s+|\s+)(?:then\s+)?(?P<rest>\S.*?)"
                   # "…, otherwise leave it be": what the condition not holding means, said
                   r"(?:\s*[,;.]?\s*(?:otherwise|else|if\s+not)\s*,?\s*(?:just\s+)?(?:leave\s+it(?:\s+(?:be|alone))?|do\s+nothing|"
                   r"don'?t\s+(?:touch|do)\s+(?:it|anything)|skip\s+it|nothing)\s*[.!]*)?$", re.IGNORECASE)
# a step asked only if the one before it does not work ("…, and if that doesn't help, redeploy it")
IF_IT_FAILS = re.compile(r"\s*[,;.]?\s*(?:and\s+|or\s+)?(?:only\s+)?(?:if|in\s+case|should)\s+(?:that|this|it|the\s+restart|"
                         r"the\s+\w+ing)\s+(?:still\s+)?(?:doesn['’]?t|does\s+not|didn['’]?t|won['’]?t|fails?\s+to|"
                         r"can['’]?t|cannot)\s+(?:help|work|fix\s+(?:it|that|this|things)|do\s+(?:it|the\s+trick)|"
                         r"solve\s+(?:it|that|this))|\s*[,;.]?\s*(?:and\s+|or\s+)?(?:if|in\s+case|should)\s+(?:that|this|it)\s+"
                         r"(?:still\s+)?fails|\s*[,;.]?\s*(?:and\s+)?(?:if|in\s+case)\s+(?:it|that)\s+(?:is|'s)\s+still\s+"
                         r"(?:broken|down|failing|slow|stuck)", re.IGNORECASE)
IF_IT_FAILS = re.compile('(?:' + IF_IT_FAILS.pattern + ')' + r"\s*,?\s*(?:then\s+)?(?:just\s+|please\s+)?(?P<rest>[^.!?;]*)",
                         re.IGNORECASE)
def on_name(request: str, name: str) -> str:
    """A request said of "it" (or "them") after the clause that named it, made to say the name."""
    if name.lower() in request.lower():
        return request
    return re.sub(r'\b(?:it|them)\b', name, request, count=1, flags=re.IGNORECASE)


def conditions_as_steps(text: str, state: State, out: Parsed) -> str:
    """A step said as the condition of the next one is a step of its own, first: "once backup is
    started, tail 200 lines of it", "when x has stopped, remove it", "after you restart x, show its
    logs", "restart api-07 once billing has been redeployed" (the plan runs its steps in order; it
    never waits for something nobody does). A condition on what is true now ("if the blog is down, start
    it") is checked on the live state: where it does not hold, the step is left out and said."""
    def verb_of(said: str) -> str | None:
        return wanted_verb(' '.join(said.lower().split()))

    def named(x: str) -> bool:
        return names_something(x.lower().split()[0], state)
    guard = GUARD.match(text)
    if guard and named(guard.group('x')) and (starts_request(guard.group('rest').split()[0].lower())
                                              or wanted_verb(guard.group('rest').lower())):
        name = guard.group('x').lower()
        negated = bool(guard.group('neg0') or guard.group('neg'))
        boxes = named_boxes(name, state)
        if state_holds(boxes, guard.group('cond').lower(), negated) is False:   # checked now, on the live state
            return left_out(guard.group('rest'), name, guard.group('cond').lower(), negated, boxes, out)
        return on_name(guard.group('rest'), guard.group('x'))
    leading = LEADING_DONE.match(text)
    if leading and named(leading.group('x')) and verb_of(leading.group('state')):
        return f'{verb_of(leading.group("state"))} {leading.group("x")}, then {leading.group("rest")}'
    trailing = TRAILING_DONE.match(text)
    if trailing and named(trailing.group('x')) and verb_of(trailing.group('state')) and starts_request(
            trailing.group('first').split()[0].lower()):
        return f'{verb_of(trailing.group("state"))} {trailing.group("x")}, then {trailing.group("first")}{trailing.group("end")}'
    doing = LEADING_DOING.match(text)
    if doing and lemma(doing.group('verb').lower()) and named(doing.group('x')):
        asked = re.sub(r'^(?:i|we)\s+(?:want|need|would\s+like)\s+to\s+(?:know|see|check)\s+(?:whether|if)?', 'check if',
                       doing.group('rest'), flags=re.IGNORECASE)
        return f'{lemma(doing.group("verb").lower())} {doing.group("x")}, then {asked}'
    do = LEADING_DO.match(text)
    if do and starts_request(do.group('verb').lower()) and not do.group('verb').lower().endswith('ing') \
            and any(names_something(w.lower(), state) for w in do.group('x').split()):
        return f'{do.group("verb")} {do.group("x")}, then {do.group("rest")}'
    return text


def step_first(step: str) -> str:
    """"show me its logs so I can keep them" said to come first: "show me its logs first so I can
    keep them" (the reason stays after the step, "first" with the step)."""
    why = re.search(r'\s+(?:so\b|because\b|since\b|as\s+(?:i|we)\b|in\s+case\b)', step, re.IGNORECASE)
    return f'{step[:why.start()]} first{step[why.start():]}' if why else f'{step} first'


ORDER_PAIR = re.compile(r"^(?P<verb>[\w-]+)\s+(?P<first>[\w.-]+)\s*,?\s+(?:and\s+)?(?:only\s+)?(?:before|then|later|after\s+that|"
                        r"afterwards|(?:when|once)\s+(?:that\s+is\s+|it\s+is\s+|it's\s+)?(?:done|up|back|finished))\s*,?\s+"
                        r"(?P<second>[\w.-]+)\s*[.!]?\s*$", re.IGNORECASE)
ORDER_PAIR_AFTER = re.compile(r"^(?P<verb>[\w-]+)\s+(?P<first>[\w.-]+)\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?P<second>[\w.-]+)\s+"
                              r"(?:afterwards|after(?:\s+that)?|later|second|next|last)\s*[.!]?\s*$", re.IGNORECASE)


def in_order(clause: str, state: State) -> list[str]:
    """"start db-07 after stopping git-db-1": the stop first; "restart web before showing its
    logs": the restart first; a leading "after …ing" keeps its place (a leading "before …ing" is
    moved after the next request by ``ordered``)."""
    text = re.sub(r'^\s*(?:after|once)\s+(?=\w+ing\b)', '', clause, flags=re.IGNORECASE)
    text = re.sub(r'^\s*(?:first(?:ly)?|initially|to\s+start\s+with|to\s+begin\s+with)\s*,?\s+'
                  r'(?!\d+\s+(?:log\s+)?(?:lines?|entries)\b)', '', text, flags=re.IGNORECASE)   # (not "first 20 lines of x")
    match = AFTER.match(text)
    if match and lemma(match.group('second').split()[0].lower()):
        return [_named_in(_base(match.group('second')), match.group('first'), state), match.group('first')]
    match = AFTER_YOU.match(text)   # "list what runs once you have stopped shop-api-1"
    if match and ((lemma(match.group('verb').lower()) or match.group('verb').lower()) in LIFECYCLE | {'deploy', 'up'} or (
            VERBS.get(match.group('verb').lower()) in ('show', 'status', 'logs') and re.match(
                r'(?:(?:the|its|their)\s+)?(?:logs?|status|health)\b', match.group('rest'), re.IGNORECASE))):
        # "restart it after you check logs": the read first
        verb = lemma(match.group('verb').lower()) or match.group('verb').lower()
        return [_named_in(f'{verb} {match.group("rest")}', match.group('first'), state), match.group('first')]
    match = re.match(r'^(?P<verb>[\w-]+)\s+(?P<first>.+?)\s+(?:after|once)\s+(?:the\s+)?(?P<second>[\w-]+)\s*$', text,
                     re.IGNORECASE)
    if match and starts_request(match.group('verb').lower()) and not match.group('second').lower().endswith('ing') \
            and match.group('second').lower() not in ('that', 'this', 'it', 'them', 'reboot', 'boot', 'restart'):
        return [f'{match.group("verb")} {match.group("second")}', f'{match.group("verb")} {match.group("first")}']
    match = ORDER_PAIR.match(text) or ORDER_PAIR_AFTER.match(text)
    if match and starts_request(match.group('verb').lower()) and VERBS.get(match.group('verb').lower()) in LIFECYCLE and all(
            names_something(match.group(k).lower(), state) for k in ('first', 'second')):
        # "restart a before b", "start a, and b afterwards", "stop a, when done b", "restart a, b second"
        return [f'{match.group("verb")} {match.group("first")}', f'{match.group("verb")} {match.group("second")}']
    match = BEFORE.match(text)
    if match and lemma(match.group('second').split()[0].lower()):
        return [match.group('first'), _base(match.group('second'))]
    match = BEFORE_YOU.match(text)   # "show me its logs before you go and restart it"
    if match and starts_request(match.group('second').split()[0].lower()):
        return [match.group('first'), match.group('second')]
    return [_base(text)]


def _base(clause: str) -> str:
    """"showing its logs" -> "show its logs": a request that starts with a gerund."""
    first, _, rest = clause.strip().partition(' ')
    if first.lower() in STATES and re.match(r'(?:containers|ctrs|stacks|services|ones)\b', rest, re.IGNORECASE):
        return clause   # "running containers?": a state, not a request to run
    base = lemma(first.lower()) if first.lower().endswith('ing') else None
    return f'{base} {rest}' if base else clause


LEADING_BEFORE = re.compile(r"^\s*before\s+(?:(?:you|we|u)(?:'ve|\s+have)?\s+(?:go\s+(?:ahead\s+)?and\s+|do\s+|can\s+)?)?"
                            r"(?P<verb>[\w-]+)\s", re.IGNORECASE)   # "before restarting x, …", "before you restart x, …"


BARE_READ = r"\s*(?:pull|grab|fetch|show|get|check|tail|send)\s+(?:me\s+)?(?:the\s+)?(?:new|newest|latest|updated|last)?\s*" \
            r"(?:\d+\s+)?(?:images?|logs?|log\s+lines|lines|status|history)\s*"


def ordered(clauses: list[str]) -> list[str]:
    """"before restarting web, show its logs": the logs first."""
    result = list(clauses)
    for index in range(len(result) - 1):
        leading = LEADING_BEFORE.match(result[index])
        if leading and (lemma(leading.group('verb').lower()) or leading.group('verb').lower() in VERBS):
            moved = _base(result[index][leading.start('verb'):])
            thing = ' '.join(moved.split()[1:])   # "its logs" in the request now first means that thing's logs
            first = result[index + 1]
            if thing and re.search(r'\bits\b', first, re.IGNORECASE):   # "show me its last 20 lines": …of that thing
                first = re.sub(r'\s*[.!]?\s*$', f' of {thing}', re.sub(r'\bits\b', 'the', first, flags=re.IGNORECASE))
            if thing and not re.search(r'\b(?:its?|them|their|of)\b', result[index + 1], re.IGNORECASE) and re.fullmatch(
                    BARE_READ, first, re.IGNORECASE):
                first = f'{first} of {thing}'   # "before restarting shop, pull the new images": shop's
            result[index], result[index + 1] = re.sub(r'\bit\b', thing, first) if thing else first, moved
    for index in range(1, len(result)):   # "stop shop-api-1, but grab its last 100 log lines first"
        if re.search(r'\s+first\s*[.!]?\s*$', result[index], re.IGNORECASE):
            earlier = result[index - 1]
            thing = ' '.join(earlier.split()[1:])
            moved = re.sub(r'\s+first\s*[.!]?\s*$', '', result[index], flags=re.IGNORECASE)
            if thing and not re.search(r'\b(?:its?|them|their)\b', moved, re.IGNORECASE) and re.fullmatch(
                    BARE_READ, moved, re.IGNORECASE):
                moved = f'{moved} of {thing}'   # "redeploy shop, but before that pull the new images": shop's
            moved = re.sub(r'\bit\b', thing, re.sub(r'\bits\b', f"{thing}'s", moved, flags=re.IGNORECASE),
                           flags=re.IGNORECASE) if thing else moved   # "…, but before show me the logs of it"
            result[index - 1], result[index] = moved, earlier
    return result


PERMISSION = re.compile(r"^\s*(?:(?:would|will|could)\s+it\s+be|is\s+it)\s+(?:ok|okay|fine|alright|possible)\s+(?:to|if)\b.*\?$",
                        re.IGNORECASE)


def marked(text: str, state: State, out: Parsed) -> str:
    """The request with the boundaries of its steps marked ("then"), in the order they are to run: ranks,
    numbers, "before that", conditions, waits; shell syntax cut off; reasons and remarks left out. What
    the plan will not do as said (a timer, a condition) is a warning in ``out``."""
    text = _ranked_then_verb(text)   # "first a, then b, then c - restart them in that order"
    if RANKED_FIRST.search(text):   # "restart a first, b second and c last": each its own step, in that order
        text = re.sub(r'(?:\s+then)+\s*([.!]?)\s*$', r'\1', RANKED.sub(' then ', text)).strip()
    pair = ORDER_PAIR_AFTER.match(text)
    if pair and VERBS.get(pair.group('verb').lower()) in LIFECYCLE and all(
            names_something(pair.group(k).lower(), state) for k in ('first', 'second')):   # "start a, and b afterwards"
        text = f'{pair.group("verb")} {pair.group("first")}, then {pair.group("verb")} {pair.group("second")}'
    text = re.sub(r'(?<=\w)\s+(?:after|afterwards|after\s+that|afterward)\s*([.!]?)\s*$', r'\1', text,
                  flags=re.IGNORECASE)   # "kick x and send me the last 20 lines after"
    text = re.sub(r'^\s*for\s+(?:the|an?|our|my)\s+(?:\w+\s+){0,2}?\w+\s*,\s*'
                  r'(?=(?:please\s+)?(?:list|show|which|what|give|tell)\b)', '',
                  text, flags=re.IGNORECASE)   # "For the audit, list every image on this server"
    text = re.sub(r'\bback\s+to\s+life\b', 'back up', text, flags=re.IGNORECASE)   # "bring it back to life"
    text = re.sub(r'\b(?:get|download)\s+(?:me\s+|us\s+)?(?:the\s+)?(latest|newest|new|fresh|freshest|updated|current)\s+'
                  r'(?=images?\s+(?:for|of|from)\s)', r'pull the \1 ', text,
                  flags=re.IGNORECASE)   # "get the latest images for the immich stack": a pull, not a list
    text = re.sub(r'\b(?:on|in)\s+(?:this|the|my|our)\s+(?:own\s+|home\s+)?(?:box|server|machine|host|system)\b'
                  r'(?!\'?s?\s+(?:network|pid|ipc|uts|process))',
                  ' ', text,
                  flags=re.IGNORECASE)   # "list the images on this box"
    text = re.sub(r'\s+([?!])', r'\1', text)
    text = ' '.join(versions_in_words(numbers_in_words(text)).split())
    taken_port = TAKEN_PORT.search(text)
    if taken_port:   # "port 3000 is taken so use 3003", "3001 is busy, so put node-red on 5050": not that port
        text = re.sub(r'\b(?:use|pick|take|choose|try)\s+(?:port\s+)?(\d{2,5})\b', r'on port \1', TAKEN_PORT.sub(' ', text),
                      flags=re.IGNORECASE)
    text = re.sub(r'\s+and\s+(?:then\s+)?(its|their)\s+(status|logs?|history|health|stats)\b', r', then show \1 \2', text,
                  flags=re.IGNORECASE)   # "jellyfin restarted and its status afterwards"
    text = re.sub(r"(?:^|(?<=[,.;]\s))\s*(?:i|we)\s+(?:think|guess|believe|suppose|reckon|figure)\s+(?:that\s+)?"
                  r"(?=(?:i|we|you|u)\s+(?:need|should|must|have\s+to|want|gotta|could|can|ought)\b)", '', text,
                  flags=re.IGNORECASE)   # "I think I need to start syncthing again": the request
    text = re.sub(r"(?<=\w)\s+so\s+(?=(?:please|pls|plz|kindly|can\s+you|could\s+you|would\s+you)\b)", ', so ', text,
                  flags=re.IGNORECASE)   # "I'm swapping a disk in an hour so please shut down the databases": the request
    asked_why = WHY_AFTER_FAILURE.search(text)
    if asked_why and any(names_something(w.lower(), state) for w in re.findall(r'[\w.-]+', text[:asked_why.start()])):
        # "grafana died again overnight, why?": what it printed
        text = text[:asked_why.start('why')].rstrip(' ,.;!') + ', show its logs'
    text = re.sub(r"(?<=[,;]\s)\s*(?:i|we)\s+(?:think|guess|believe|suppose|reckon|suspect|feel\s+like)\s+(?:that\s+)?"
                  r"(?=(?:it'?s|it\s+is|it|they'?re|they|he|she)\s+(?!(?:the|a|an|my|our|your|their|its|his|her|this|that)\b))",
                  '', text,
                  flags=re.IGNORECASE)   # "mosquitto last 100 lines pls, i think its dropping clients": a remark about it
    text = re.sub(r"\s*,?\s*\b(?:i|we)\s+(?:think|guess|believe|suppose|reckon|figure)\s*([.!?]*)\s*$", r"\1", text,
                  flags=re.IGNORECASE)   # "… so it needs a restart I guess"
    text = goals(text)
    text = re.sub(r"\s*,?\s*\bif\s+you(?:'d|\s+would|\s+could)?\s+be\s+so\s+kind\b|\s*,?\s*\b(?:if\s+(?:at\s+all\s+)?possible|"
                  r"at\s+your\s+(?:earliest\s+)?convenience|when(?:ever)?\s+you\s+(?:can|get\s+(?:a|the)\s+(?:moment|chance|minute)))"
                  r"(?=\s*(?:[.!?,;]|$))", '', text, flags=re.IGNORECASE)   # "…, if you'd be so kind.", "… when you can"
    text = re.sub(r'\b(?:be\s+)?so\s+kind\s+(?:as\s+)?to\b|\s*,?\s*\bif\s+you\s+(?:would|could|can|may|please|don\'t\s+mind)\b',
                  ' ', text, flags=re.IGNORECASE)   # "would you be so kind as to show …, if you would"
    text = re.sub(r'^\s*(?:let\'?s\s+|please\s+)?(?:begin|start)\s+with\s+(?=(?:the\s+|a\s+look\s+at\s+)?(?:logs?|status|'
                  r'history|output)\b)', 'show ', text, flags=re.IGNORECASE)   # "begin with the logs of db-03, then …"
    text = BEFORE_THAT.sub(lambda m: f', then {step_first(m.group("step"))}' if m.start() and starts_request(
        re.sub(r'^(?:(?:please|pls|can\s+you|could\s+you|would\s+you|go\s+and)\s+)*', '', m.group('step').lower()).split()[0])
        else m.group(0), text)   # "stop x, but before you do, show me its status", "redeploy y. before that, pull …": that first
    text = re.sub(r'\s+(?:beforehand|before\s+that|before\s+(?:you\s+do|doing)\s+(?:it|so|that|this))\s*(?=$|[.!;,])', ' first',
                  text, flags=re.IGNORECASE)   # "roll metrics back, but show me its history beforehand"
    if not re.match(r'\s*(?:docker\s+(?:compose\s+)?)?exec', text, re.IGNORECASE):   # a command's pipe stays a pipe (cut below)
        text = GREP_PIPE.sub(r' containing \1', text)   # "docker logs web | grep fatal": a filter of the logs, not a pipe
        text = ENDS_PIPE.sub(lambda m: f' {"first" if m.group(1).lower() == "head" else "last"} {m.group(2)} lines', text)
    text = re.sub(r'\b(?:an?\s+)?(?:fresh|new|clean|newer|updated|current)\s+(?:copy|copies|version|download)\s+of\s+'
                  r'(?=(?:its|their|the|his|her)\b)', '', text, flags=re.IGNORECASE)   # "pull a fresh copy of its image"
    text = re.sub(r'\s+/\s+(?=([\w-]+))', lambda m: ', then ' if starts_request(m.group(1).lower()) else m.group(0),
                  text)   # "stop tool-01 / pull its image / start it": one step after the other
    text = re.sub(r'\s+(?:->|→|=>)\s+(?=([\w-]+))', lambda m: ', then ' if starts_request(m.group(1).lower()) else ' to ',
                  text)   # "rabbitmq -> stack team-wiki": to; "restart web -> show logs": then (never a redirection)
    text = NUMBERED.sub(lambda m: m.group(0) if re.search(r'\b(?:a|an|the|my|our)\s*$', text[:m.start()], re.IGNORECASE)
                        else ' then ' if m.start() else ' ', text).strip()   # "1) restart a 2) show its logs"; not "a second x"
    text = SETTINGS_AFTER.sub(', ', text)   # "deploy pihole; dns on 5353, web on 8089": its settings, no shell
    text = re.sub(r'\s*;\s*(?:and|also|plus)\s+(?=([A-Za-z][\w-]*))',
                  lambda m: '; ' if m.group(1).lower() in VERBS and m.group(1).lower() not in SHELL_WORDS else m.group(0),
                  text)   # "pause x; and restart traefik while you are at it"
    text = re.sub(r'\s*;\s*(?:please|pls|so|and)\s+(?=([A-Za-z][\w-]*))',
                  lambda m: ', then ' if m.group(1).lower() in VERBS and m.group(1).lower() not in SHELL_WORDS else m.group(0),
                  text)   # "I no longer use backup; please remove it"
    text = re.sub(r'\s*;\s*,?\s*(?=(?:then|when|once|after|afterwards|as\s+soon\s+as|next|finally|lastly|last|later|subsequently|'
                  r'second(?:ly)?|third(?:ly)?|at\s+the\s+end|in\s+the\s+end|to\s+finish|before\s+(?:that|you|we|doing))\b)',
                  ', ', text,
                  flags=re.IGNORECASE)   # "restart a first; when it is back, restart b": the next step, said by its time
    text = re.sub(r"\s*;\s*(?=(?:do\s+not|don'?t|never|but|except|leave|keep|not|no|just|only)\b)", '. ', text,
                  flags=re.IGNORECASE)   # "restart the other containers of x; do not restart the database": words, no shell
    text = re.sub(r'\s*;\s*(?=(?:then\s+)?([A-Za-z][\w-]*))',
                  lambda m: ', then ' if (m.group(1).lower() in VERBS or m.group(1).lower() in ('then', 'wait'))
                  and m.group(1).lower() not in SHELL_WORDS else '. ' if m.group(1).lower() in SENTENCE_STARTS
                  else m.group(0), text)   # "…; the developers want …": a new sentence, no shell
    text = re.sub(r"\s*;\s*(?=([A-Za-z][a-z']*)(?:\s+[A-Za-z][\w']*){2}(?:\s|[,.!?]|$))",
                  lambda m: '. ' if m.group(1).lower() in DICTIONARY and m.group(1).lower() not in COMMAND_WORDS else m.group(0),
                  text)   # "no one looks at metrics; switch it off until further notice": English words, no command
    text = re.sub(r'\b(run|exec|type|with|using|command|does|do|runs|executes)\s+`([^`;&|$<>(){}\\]+\s[^`;&|$<>(){}\\]*)`|'
                  r'`([^`;&|$<>(){}\\]+)`(?=\s+(?:in|inside)\s)',
                  lambda m: f'{m.group(1)} "{m.group(2)}"' if m.group(1) else f'"{m.group(3)}"',
                  text)   # "run `cat /etc/os-release` in x": a quoted command, never a substitution
    text = re.sub(r'`([\w.-]+)`', lambda m: m.group(1) if names_something(m.group(1).lower(), state) else m.group(0),
                  text)   # "restart `web`": a name written as code
    text = re.sub(r'(?<=\brun\s)`([a-z0-9][\w.-]*(?:/[\w.-]+)*(?::[\w.-]+)?)`', lambda m: m.group(1) if re.search(
        r'[a-z][\w.-]*[/:]', m.group(1)) else m.group(0), text)   # "run `ghcr.io/x/bazarr:1.4` …": an image as code
    text = re.sub(r'`(?!(?:' + '|'.join(sorted(SHELL_WORDS)) + r')\b)([\w./:@=-]+(?:\s+[\w./:@=-]+)+)`', r'"\1"',
                  text)   # "`sleep 3600`", "`docker compose ps`" no; words written as code are words, quoted
    # "docker logs x 2>&1 | grep -i panic": the logs, all of them
    text = re.sub(r'\s+2>&1(?=\s*(?:\|\s*grep\b|containing\b|$))', '', text)
    text = NAMES_AFTER_AND_AND.sub(lambda m: ' and ' if all(names_something(w.lower(), state) for w in re.findall(
        r'[\w.-]+', m.group('names')) if w.lower() != 'and') and not SHELL.search(text[:m.start()].replace('&&', ' and '))
        else m.group(0), text)   # "restart immich-server-1 && immich-ml-1": names only, one more target
    text = re.sub(r'\s*&&\s*', lambda m: ', then ' if _plain_after(text[m.end():]) and not SHELL.search(text[:m.start()])
                  else m.group(0), text)   # "restart api && tail logs": two plain requests in a chat, one after the other
    shell = SHELL.search(text)
    if shell:
        before = text[:shell.start()]
        quoted = re.search(r'(?:^|\s)[\'"`][^\'"`]*$', before)   # cut inside a quoted command: "with command 'ls; rm …'"
        given_to = COMMAND_GIVEN.search(before[:quoted.start() + 1] if quoted else before)
        steps = list(CLAUSE_SPLIT.finditer(before))
        run_step = RUN_STEP.match(before[steps[-1].end() if steps else 0:])
        if run_step and not given_to:   # "docker run alpine sh -c '…'", "run ubuntu and have it do cat … > /dev/tcp/…":
            given_to = run_step          # what follows the image is its command, shell syntax and all
        if given_to:   # "start an alpine container that runs 'rm -rf /'": that step is its command, so not that step
            steps = list(CLAUSE_SPLIT.finditer(before[:given_to.start()]))
            step = text[steps[-1].end() if steps else 0:].strip(' ,')   # as said, shell syntax and all
            before = before[:steps[-1].start()] if steps else ''
            out.not_planned.append(step)
            out.warnings.append(f'Not planned: "{step if len(step) <= 90 else step[:89] + "…"}" — its command is shell '
                                f'syntax ("{shell.group(0).strip()}"), and shell syntax is never run.')
        else:
            out.warnings.append('Shell syntax is never run: only the plain request before '
                                f'"{shell.group(0).strip()}" was read.')
        text = before
    text = re.sub(r'\s+(?:\+|plus)\s+', ' and ', text)   # "home-assistant: restart + tail 500", "start x plus show …"
    text = re.sub(r'\b(?:give\s+me|make|get\s+me|show\s+me|send\s+me|print)\s+(?:a|the)\s+list\s+of\b', 'list', text,
                  flags=re.IGNORECASE)   # "give me the list of stacks"
    text = re.sub(r'\s*(?:[,;(]|\s-+)?\s*\b(?:(?:but|and|while|just)\s+)?(?:please\s+)?(?:leave|keep|don\'?t\s+touch)\s+'
                  r'(?:the\s+)?(?P<what>[\w-]+(?:\s+[\w-]+)?)\s+'
                  r'(?:alone|as\s+it\s+is|untouched|running|be|up|on|online|going|alive|out(?:\s+of\s+(?:it|this|that|them))?)\b'
                  r'|\s*,?\s*\bbut\s+(?:please\s+)?keep\s+(?:the\s+)?(?P<kept>[\w-]+)(?=\s*(?:[.!;]|$))',
                  lambda m: f' except {m.group("what") or m.group("kept")}' if any(
                      names_something(w.lower(), state) or w.lower() in ROLE_WORDS
                      for w in (m.group('what') or m.group('kept')).split()) and (re.search(
                      r'\b(?:all|every|each|whole|entire|everything|standalone)\b', text[:m.start()], re.IGNORECASE) or any(
                      w.lower() in state.stacks for w in re.findall(r'[\w-]+', text[:m.start()]))) else '', text,
                  flags=re.IGNORECASE)   # "restart all of immich but leave its redis alone": except it; "… but leave vpn alone";
    # "scale staging api to 0 … but keep the db": said to leave it be
    whole = re.search(r'\b(?:all|every|each|whole|entire|everything|standalone)\b', text, re.IGNORECASE) or any(
        w.lower() in state.stacks for w in re.findall(r'[\w-]+', text))
    if whole:   # "restart the shop, db excluded", "restart the whole shop bar the db", "…, the db stays up": all but it
        text = LEFT_AS_IT_IS.sub(lambda m: f' except {m.group("x") or m.group("y") or m.group("z")}' if any(
            names_something(w.lower(), state) or w.lower() in ROLE_WORDS
            for w in (m.group('x') or m.group('y') or m.group('z')).split()) else m.group(0), text)
    text = re.sub(r"\s+(?:that|which)?\s*(?:i|we)(?:\s+have|'ve|\s+already)?\s+(?:set\s+up|deployed|installed|made|created|added|"
                  r"started|downloaded|pulled|got|built)\b", '', text,
                  flags=re.IGNORECASE)   # "the nextcloud thing I set up is acting weird"
    text = re.sub(r"(?<=\w),\s*(?:who|whom)\s+[^,.;!?]+,\s*", ' ', text,
                  flags=re.IGNORECASE)   # "My nephew, who set all of this up, is on holiday": about the nephew, no question
    text = without_comments(text, state)
    text = re.sub(r'\b(?:go|come)\s+(?:ahead\s+)?and\s+(?=\w)', '', text, flags=re.IGNORECASE)   # "go and restart it"
    text = re.sub(r'\s+(?:for|until)\s+(?:a\s+(?:while|bit|moment|sec(?:ond)?)|now|tonight|today|tomorrow|'
                  r'(?:the|this)\s+(?:moment|time\s+being|night|weekend|evening))\b', '',
                  text,
                  flags=re.IGNORECASE)   # "put vpn to sleep for a while"
    text = re.sub(r'(?:^|,?\s+)(?:(?:and\s+)?(?:then\s+)?(?:do\s+)?the\s+same(?:\s+(?:question|thing))?\s+(?:for|with|to)|'
                  r'same(?:\s+(?:question|thing))?\s+(?:for|with))\s+',
                  lambda m: ' then same for ' if m.start() else 'same for ', text,
                  flags=re.IGNORECASE)   # "… and then the same for jellyfin": the request before, for jellyfin
    text = re.sub(r"^(?P<q>[^?]+\?+)\s*(?P<req>[^?.]+?)\s*,?\s+if\s+(?P<a>so|not|yes|no)\s*[.!]*\s*$",
                  lambda m: f'{m.group("q")} if {m.group("a")}, {m.group("req")}' if starts_request(
                      m.group('req').split()[0].lower()) else m.group(0), text,
                  flags=re.IGNORECASE)   # "is x down? start it if so": the answer said after the request
    asked = ASKED_THEN_IF_SO.match(text)
    state_asked = RUN_STATE_ASKED.match(re.split(r'(?<=[.!])\s+', asked.group('question'))[-1]) if asked else None
    answer = ANSWERED.search(text) if state_asked else None
    asked_of = (state_asked.group('x') or state_asked.group('x2') or state_asked.group('x3')) if state_asked else ''
    boxes = boxes_said(asked_of, state) if state_asked and answer else []
    holds = state_holds(boxes, state_asked.group('cond').lower(), bool(state_asked.group('neg'))) \
        if state_asked and boxes else None
    if asked and state_asked and answer and holds is not None and (starts_request(asked.group('request').split()[0].lower())
                                                                   or wanted_verb(asked.group('request').lower())) \
            and asked.group('request').split()[0].lower() not in READS_ASKED:   # (a read is shown either way)
        # "is traefik running? if not start it": asked of what runs now, so checked now
        name = asked_of.strip()
        denied = bool(re.search(r"\b(?:not|no)\b|n'?t\b", answer.group('a'), re.IGNORECASE))   # "if not", "if it isn't"
        request, *rest = re.split(r'(?<=[.!?])[,\s]+(?:then\s+)?', re.sub(r'\b(?:him|her)\b', 'it', asked.group('request'),
                                                                           flags=re.IGNORECASE), maxsplit=1)
        after = rest[0] if rest else ''
        if holds != denied:   # (what the next sentence asks stays: "… if not start it. also tail prometheus")
            text = on_name(request, name)
        else:
            negated = bool(state_asked.group('neg')) != denied
            text = left_out(request, name, state_asked.group('cond').lower(), negated, boxes, out)
        text = f'{text}. {after}' if after.strip() else text
    elif asked and starts_request(asked.group('request').split()[0].lower()):
        # "is there a newer immich? if so, update it": the request, on what the question named (the plan is confirmed)
        names = [w for w in re.findall(r"[\w.-]+", asked.group('question')) if names_something(w.lower(), state)]
        request = on_name(asked.group('request'), names[0]) if len(names) == 1 else asked.group('request')
        kind = re.search(r'\b(?:any\s+)?(?P<st>stopped|exited|dead|crashed|paused|down)\s+(?:containers|ones|ctrs)\b',
                         asked.group('question'), re.IGNORECASE)
        selected = bool(kind and not names and re.search(r'\b(?:them|those)\b', request, re.IGNORECASE))
        if kind and selected:
            # "are there stopped containers? if yes start them": those, whichever they are now
            said = 'paused' if kind.group('st').lower() == 'paused' else 'stopped'
            request = re.sub(r'\b(?:them|those)\b', f'all {said} containers', request, count=1, flags=re.IGNORECASE)
        if request.split()[0].lower() in READS_ASKED:   # "is jellyfin up? if it is, show me the last 20 lines": both
            text = f'{asked.group("question")} {request}'   # are reads, so the question is answered too
        else:   # (a selection by state answers the question: its targets are the ones that are so now)
            if not selected:
                out.warnings.append(f'The plan does not answer "{asked.group("question").strip()}": it does the step; '
                                    'confirm it only if you want it.')
            text = request
    conditional = CONDITION.search(text)
    if conditional and re.search(r'\b(?:tell|let\s+me\s+know|check|see|know|ask|show|find\s+out|control|verify|confirm)'
                                 r'(?:\s+\w+)?\s*$',
                                 text[:conditional.start()], re.IGNORECASE):
        conditional = None   # "tell me if it's up": a question, not a condition
    on_state = RUN_CONDITION.match(conditional.group(0)) if conditional else None
    if conditional and on_state:   # "check pihole and if it's down start it", "restart cache-02 if it's down": checked now
        before, after = text[:conditional.start()], text[conditional.end():].strip(' ,')
        after = re.sub(r'^(?:then|please|pls|just)\s+', '', after, flags=re.IGNORECASE)
        governed, kept = (after, re.sub(r'\s*,?\s*\b(?:and|then)\s*$', '', before, flags=re.IGNORECASE)) \
            if after and starts_request(after.split()[0].lower()) else (before, '')
        names = [w for w in re.findall(r'[\w.-]+', before) if names_something(w.lower(), state)]
        boxes = boxes_said(' '.join(names), state) if names else []
        holds = state_holds(boxes, on_state.group('cond').lower(), bool(on_state.group('neg'))) if boxes else None
        if holds is True:
            text = f'{kept}, then {on_name(governed, names[-1])}' if kept and governed is after else \
                text[:conditional.start()] + text[conditional.end():]
            conditional = None
        elif holds is False:
            left = left_out(governed, ' '.join(names), on_state.group('cond').lower(), bool(on_state.group('neg')), boxes,
                             out)
            text = kept if kept and any(w.lower() in READS_ASKED | {'status'} for w in kept.split()) else \
                f'{kept}, then {left}' if kept else left
            conditional = None
    if conditional:   # "restart it if needed": the plan runs what it says; the person decides when confirming
        out.warnings.append(f'The plan does not check "{conditional.group(0).strip(" ,")}": it does every step; '
                            'confirm only the ones you want.')
        text = text[:conditional.start()] + text[conditional.end():]
    between = BETWEEN.search(text)   # "restart a and b with 10 seconds between them": one after the other, each a step
    text = IN_ORDER.sub(lambda m: ' ', one_by_one(BETWEEN.sub(' one by one', text) if between else text))
    text = re.sub(r'\s+[-–—]+\s+', ', ', text)   # "mailer is hanging - can you reboot it?"
    text = re.sub(r"\s*[,.;!-]*\s*\b(?:(?:yes|yeah|yep|ok|okay)\s*,?\s*)?(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:very\s+|totally\s+|"
                  r"really\s+|absolutely\s+|100%\s+|quite\s+)?(?:sure|certain)\b[.!]*\s*$", '', text,
                  flags=re.IGNORECASE)   # "…, yes I'm sure": the plan is still confirmed on its own, not by words
    data_too = DATA_TOO.search(text)
    if data_too and re.search(r'\b(?:delete|remove|rm|nuke|destroy|wipe|purge|drop|get\s+rid\s+of|uninstall)\b', text,
                              re.IGNORECASE):   # "delete the nextcloud stack and all its data": the plan says what stays
        out.warnings.append('Named volumes are kept: removing a stack or a container here leaves the volumes that '
                            'hold its data. Delete them on the Volumes page once you are sure.')
        text = text[:data_too.start()] + text[data_too.end():]
    text = re.sub(r'^\s*(?:wait|hold\s+on|hang\s+on)\s*[,.!:]\s*(?:(?:no|actually|sorry)\s*[,.!:]?\s*)?', '', text,
                  flags=re.IGNORECASE)   # "wait, no, restart payments": a correction with nothing said before it
    text = WAIT.sub(' then ', text)   # "stop web, wait a bit, then start it": steps run one after the other anyway
    paused = PAUSE.search(text) or between or DELAY.search(text)
    if paused:
        span = re.search(r'\b(?:\d+\s*|(?:an?|one|two|three|five|ten|thirty|sixty|a few|a couple(?: of)?)\s+)'
                         r'(?:seconds?|secs?|s|minutes?|mins?|m|hours?|h)\b',
                         paused.group(0), re.IGNORECASE)
        out.warnings.append(f'The plan does not pause for a set time ({span.group(0) if span else "a wait"}): each step '
                            'runs once the one before it has finished.')
        text = DELAY.sub(' then ', BETWEEN.sub(' ', PAUSE.sub(' then ', text)))
    outcome = IF_IT_FAILS.search(text)
    if outcome and outcome.start() > 0:   # "restart metrics, and if that doesn't help, redeploy it": the first only
        out.warnings.append(f'Not planned: "{outcome.group("rest").strip()}" was asked only if what comes before it does '
                            'not help, which shows only once it has run. Ask for it then.')
        text = text[:outcome.start()] + text[outcome.end():]
    text = conditions_as_steps(text, state, out)   # "once backup is started, tail 200 lines of it": start it, then …
    text = ONCE.sub(' then ', DONE_FIRST.sub('', text))   # "once it is down, start x": the steps run in order
    text = DEADLINE.sub('', text)
    later = LATER.search(text) if not set(text.lower().split()) & LOG_WORDS else None
    if later:
        out.warnings.append(f'The plan has no timer ({later.group(0).strip()}): each step runs once the one before it '
                            'has finished.')
        text = LATER.sub('', text)
    return text


STATED_COLON = re.compile(r"^(?P<said>\S+(?:\s+\S+)*?\s+(?:is|are|was|were|seems?|looks?|keeps?|has|have|got|went)\b[^:]*?)"
                          r"\s*:\s+(?P<asked>\S.*)$", re.IGNORECASE)


def said_then_asked(clause: str) -> list[str]:
    """What is the matter, then the request: "uptime-kuma is wedged: kill it" (the request is never
    lost in the statement before it)."""
    match = STATED_COLON.match(clause) if ':' in clause else None   # most clauses have no colon: no regex scan
    if match and starts_request(match.group('asked').split()[0].lower().strip(',.')):
        return [match.group('said'), match.group('asked')]
    return [clause]


def _or_joined(clauses: list[str]) -> list[str]:
    """"stop the frontend... or the backend": a part that begins with "or" is a choice inside the one before it."""
    joined: list[str] = []
    for clause in clauses:
        if joined and re.match(r'\s*or\s+(?:the\s+)?[\w.-]+\s*(?:,|$)', clause, re.IGNORECASE):
            joined[-1] = f"{joined[-1].rstrip(' .…')} {clause.strip()}"
        else:
            joined.append(clause)
    return joined


def split(text: str, state: State) -> list[str]:
    """The marked request cut into its clauses, one request each, in the order they run."""
    clauses = [c for c in CLAUSE_SPLIT.split(text) if c and c.strip()]
    clauses = _or_joined(clauses)
    clauses = [piece for clause in clauses for piece in said_then_asked(clause)]
    clauses = [PERMISSION.sub(lambda m: m.group(0).rstrip('?'), c) if PERMISSION.match(c) else c
               for c in clauses]   # "would it be ok to have 4 of x running?": asked as a request, not about the state
    clauses = [piece for clause in clauses for piece in split_on_and(clause)]
    clauses = [piece for clause in clauses for piece in run_on(clause, state)]
    clauses = [piece for clause in clauses for piece in in_order(clause, state)]
    clauses = options_first(shared_objects(ordered(clauses)))
    return clauses
