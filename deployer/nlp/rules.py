"""The embedded parser: plain requests to action plans, offline, in well under a millisecond.

It reads what people type — verbs and their synonyms, typos, politeness, several requests in
one sentence, numbers, durations, ports, images, KEY=value pairs — and resolves every name
against the live state. It never guesses between equally good candidates (it asks) and never
invents a target. Shell syntax is never passed on: only the plain request before it is read.
"""
from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from .plan import (
    ContainerAction,
    DeployTemplateAction,
    HistoryAction,
    ListAction,
    LogsAction,
    PortMapping,
    PullAction,
    Question,
    RollbackAction,
    RunAction,
    ScaleAction,
    StackAction,
    StatusAction,
    VolumeMapping,
)
from .resolve import Resolution, close_enough, match_template, resolve
from .state import State

# ---- vocabulary -----------------------------------------------------------------------------------

PHRASES: list[tuple[str, str]] = [  # multi-word verbs first; matched on word boundaries
    ('roll back', 'rollback'), ('go back', 'rollback'), ('get rid of', 'remove'), ('tear down', 'remove'),
    ('take down', 'stop'), ('shut down', 'stop'), ('shut off', 'stop'), ('turn off', 'stop'), ('power off', 'stop'),
    ('bring down', 'stop'), ('spin down', 'stop'), ('bring up', 'start'), ('start up', 'start'), ('turn on', 'start'),
    ('power on', 'start'), ('fire up', 'start'), ('boot up', 'start'), ('spin up', 'up'), ('set up', 'deploy'),
    ('force kill', 'kill'), ('force stop', 'kill'), ('force remove', 'remove'), ('what changed', 'history'),
    ('who changed', 'history'), ('what happened', 'history'), ('how much', 'status'), ('how is', 'status'),
    ('how are', 'status'), ('is running', 'status'), ('wake up', 'start'), ('kick off', 'start'),
]
VERBS: dict[str, str] = {
    'restart': 'restart', 'reboot': 'restart', 'bounce': 'restart', 'recycle': 'restart', 'reload': 'restart',
    'reset': 'restart', 'cycle': 'restart',
    'start': 'start', 'boot': 'start', 'launch': 'up', 'resume': 'unpause', 'unpause': 'unpause', 'unfreeze': 'unpause',
    'thaw': 'unpause', 'continue': 'unpause',
    'stop': 'stop', 'halt': 'stop', 'shutdown': 'stop', 'end': 'stop',
    'pause': 'pause', 'freeze': 'pause', 'suspend': 'pause',
    'kill': 'kill', 'terminate': 'kill', 'sigkill': 'kill',
    'remove': 'remove', 'delete': 'remove', 'rm': 'remove', 'destroy': 'remove', 'nuke': 'remove', 'erase': 'remove',
    'purge': 'remove', 'uninstall': 'remove', 'drop': 'remove', 'trash': 'remove', 'del': 'remove',
    'logs': 'logs', 'log': 'logs', 'tail': 'logs', 'stream': 'logs', 'follow': 'logs', 'grep': 'logs',
    'list': 'list', 'ls': 'list', 'enumerate': 'list',
    'show': 'show', 'display': 'show', 'view': 'show', 'see': 'show', 'get': 'show', 'print': 'show',
    'check': 'status', 'inspect': 'status', 'describe': 'status', 'what': 'show', 'which': 'show', 'find': 'show',
    'status': 'status', 'stats': 'status', 'health': 'status', 'usage': 'status', 'monitor': 'status',
    'deploy': 'deploy', 'install': 'deploy', 'setup': 'deploy', 'provision': 'deploy', 'add': 'deploy',
    'need': 'wish', 'want': 'wish', 'give': 'wish', "what's": 'show', 'whats': 'show', 'wanna': 'wish',
    'run': 'run', 'mount': 'run', 'create': 'create', 'make': 'create', 'new': 'create', 'spawn': 'run', 'execute': 'run',
    'pull': 'pull', 'download': 'pull', 'fetch': 'pull', 'update': 'update', 'upgrade': 'update', 'refresh': 'update',
    'scale': 'scale', 'replicate': 'scale',
    'rollback': 'rollback', 'revert': 'rollback', 'undo': 'rollback', 'restore': 'rollback',
    'history': 'history', 'changes': 'history', 'changed': 'history', 'audit': 'history', 'revisions': 'history',
    'redeploy': 'redeploy', 're-deploy': 'redeploy', 'reapply': 'redeploy', 'rebuild': 'redeploy',
}
FUZZY_VERBS = [v for v in VERBS if len(v) >= 4]
FILLER = {'please', 'pls', 'plz', 'kindly', 'could', 'can', 'would', 'will', 'you', 'u', 'me', 'i', 'i\'d', 'we',
          'just', 'now', 'quickly', 'asap', 'hey', 'hi', 'hello', 'ok', 'okay', 'so', 'the', 'a', 'an', 'my', 'our',
          'some', 'thanks', 'thank', 'also', 'like', 'to', 'for', 'us', 'go', 'ahead', 'maybe', 'right', 'away', 'is',
          'are', 'be', 'it\'s', 'that', 'this', 'these', 'those', 'there', 'currently', 'should', 'do', 'does',
          'let\'s', 'lets', 'let', 'mind', 'gonna', 'wanna', 'real', 'quick', 'again', 'one', 'ones', 'using', 'up'}
KINDS = {'container': 'containers', 'containers': 'containers', 'stack': 'stacks', 'stacks': 'stacks',
         'template': 'templates', 'templates': 'templates', 'image': 'images', 'images': 'images',
         'volume': 'volumes', 'volumes': 'volumes', 'network': 'networks', 'networks': 'networks',
         'app': 'stacks', 'apps': 'stacks', 'project': 'stacks', 'projects': 'stacks', 'services': 'containers'}
STATES = {'running': 'running', 'up': 'running', 'active': 'running', 'started': 'running', 'live': 'running',
          'stopped': 'exited', 'exited': 'exited', 'dead': 'exited', 'down': 'exited', 'crashed': 'exited',
          'inactive': 'exited', 'paused': 'paused', 'frozen': 'paused', 'created': 'created'}
STATUS_WORDS = {'stats', 'statistics', 'status', 'memory', 'ram', 'cpu', 'usage', 'resources', 'health', 'healthy',
                'load', 'disk', 'doing', 'consuming', 'using', 'utilization', 'utilisation', 'performance', 'info'}
LOG_WORDS = {'logs', 'log', 'lines', 'line', 'output', 'stdout', 'stderr', 'messages', 'errors', 'warnings'}
HISTORY_WORDS = {'history', 'changes', 'changed', 'audit', 'revisions', 'happened', 'timeline', 'activity'}
ALL_WORDS = {'all', 'every', 'everything', 'each', 'entire', 'whole', 'any'}
GREP_STEMS = {'warnings': 'warn', 'warning': 'warn', 'warn': 'warn', 'errors': 'error', 'error': 'error',
              'exceptions': 'exception', 'exception': 'exception', 'failures': 'fail', 'failed': 'fail',
              'failure': 'fail', 'fails': 'fail', 'timeouts': 'timeout', 'crashes': 'crash', 'panics': 'panic'}
KNOWN_IMAGES = {'nginx': 80, 'httpd': 80, 'apache': 80, 'caddy': 80, 'redis': 6379, 'postgres': 5432, 'mysql': 3306,
                'mariadb': 3306, 'mongo': 27017, 'mongodb': 27017, 'busybox': None, 'alpine': None, 'ubuntu': None,
                'debian': None, 'node': 3000, 'python': None, 'traefik': 80, 'rabbitmq': 5672, 'memcached': 11211,
                'grafana': 3000, 'prometheus': 9090, 'adminer': 8080, 'whoami': 80, 'hello-world': None,
                'postgresql': 5432, 'elasticsearch': 9200, 'minio': 9000, 'registry': 5000, 'golang': None}
IMAGE_ALIASES = {'apache': 'httpd', 'mongodb': 'mongo', 'postgresql': 'postgres'}
SHELL = re.compile(r'&&|\|\||;|`|\$\(|\|\s*\w|>\s*\S|<\s*\S|\brm\s+-\w*[rf]|\bsudo\b|\bchmod\b|\bcurl\b.*\|')
CLAUSE_SPLIT = re.compile(r'\s*(?:,\s*(?:and\s+)?then\b|\band then\b|\bthen\b|\bafter that\b|\bafterwards\b|'
                          r'\balso\b(?=\s)|,\s*and\b|\.\s+)\s*', re.IGNORECASE)
DURATION = re.compile(r'\b(?:last|past|previous|since|in the last|within the last|from the last|over the last)?\s*'
                      r'(\d+|an?|one)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)\b',
                      re.IGNORECASE)
UNIT = {'s': 's', 'sec': 's', 'secs': 's', 'second': 's', 'seconds': 's', 'm': 'm', 'min': 'm', 'mins': 'm',
        'minute': 'm', 'minutes': 'm', 'h': 'h', 'hr': 'h', 'hrs': 'h', 'hour': 'h', 'hours': 'h', 'd': 'd', 'day': 'd',
        'days': 'd', 'w': 'w', 'week': 'w', 'weeks': 'w'}
NUMBER_WORDS = {'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6, 'seven': 7, 'eight': 8, 'nine': 9,
                'ten': 10, 'twenty': 20, 'fifty': 50, 'hundred': 100, 'a': 1, 'an': 1, 'single': 1, 'zero': 0}


class Clause:
    """One request inside a command, with what was pulled out of its text."""

    def __init__(self, text: str) -> None:
        self.raw = text.strip()
        self.env: dict[str, str] = {}
        self.quoted: list[str] = []
        self.ports: list[PortMapping] = []
        self.volumes: list[VolumeMapping] = []
        self.images: list[str] = []
        self.numbers: list[int] = []
        text = self.raw
        for match in re.finditer(r'"([^"]{1,200})"|\'([^\']{1,200})\'', text):
            self.quoted.append(match.group(1) or match.group(2))
        text = re.sub(r'"[^"]*"|\'[^\']*\'', ' ', text)
        for key, value in re.findall(r'\b([A-Za-z_][A-Za-z0-9_]*)=(\S+)', text):
            self.env[key] = value
        text = re.sub(r'\b[A-Za-z_][A-Za-z0-9_]*=\S+', ' ', text)
        for source, target, mode in re.findall(r'(?:-v\s+)?(/[^\s:]*|~/?[^\s:]*|\.{1,2}/[^\s:]*):(/[^\s:]*)(?::(ro|rw))?', text):
            self.volumes.append(VolumeMapping(source=source or '/', target=target, read_only=mode == 'ro'))
        text = re.sub(r'(?:-v\s+)?(/[^\s:]*|~/?[^\s:]*|\.{1,2}/[^\s:]*):(/[^\s:]*)(?::(ro|rw))?', ' ', text)
        for host, container, protocol in re.findall(r'\b(\d{1,5}):(\d{1,5})(?:/(tcp|udp))?\b', text):
            self.ports.append(PortMapping(host=int(host), container=int(container), protocol=protocol or 'tcp'))
        text = re.sub(r'\b\d{1,5}:\d{1,5}(?:/(?:tcp|udp))?\b', ' ', text)
        for port in re.findall(r'\bports?\s*(?:number\s*)?(?:=|:)?\s*(\d{1,5})\b', text, re.IGNORECASE):
            self.ports.append(PortMapping(host=int(port)))
        self.port_words = re.sub(r'\bports?\s*(?:number\s*)?(?:=|:)?\s*\d{1,5}\b', ' ', text, flags=re.IGNORECASE)
        text = self.port_words
        self.images = [m for m in re.findall(r'\b([a-z0-9][a-z0-9._/-]*:[A-Za-z0-9][A-Za-z0-9._-]*)\b', text)]
        text = re.sub(r'\b[a-z0-9][a-z0-9._/-]*:[A-Za-z0-9][A-Za-z0-9._-]*\b', ' ', text)
        self.text = text
        self.lower = text.lower()
        self.words = [w.strip(".,!?()[]{}") for w in re.split(r'\s+', self.lower) if w.strip(".,!?()[]{}")]
        self.numbers = [int(w) for w in self.words if _is_number(w)]

    def has(self, *words: str) -> bool:
        return any(w in self.words for w in words)


# ---- parsing ---------------------------------------------------------------------------------------

class Parsed:
    def __init__(self) -> None:
        self.actions: list[Any] = []
        self.warnings: list[str] = []
        self.questions: list[Question] = []
        self.explanations: list[str] = []



def _is_number(word: str) -> bool:
    """ASCII digits a count or port can be: str.isdigit() also takes '¹' or '٣' (int() refuses
    them) and any length (int() refuses over 4,300 digits)."""
    return word.isascii() and word.isdigit() and len(word) <= 9

def parse(command: str, state: State) -> Parsed:
    out = Parsed()
    text = ' '.join(command.split())
    shell = SHELL.search(text)
    if shell:
        out.warnings.append('Shell syntax is never run: only the plain request before '
                            f'"{shell.group(0).strip()}" was read.')
        text = text[:shell.start()]
    clauses = [c for c in CLAUSE_SPLIT.split(text) if c and c.strip()]
    clauses = [piece for clause in clauses for piece in _split_on_and(clause)]
    last_target: Resolution | None = None
    for clause_text in clauses:
        clause = Clause(clause_text)
        if not clause.words and not clause.images:
            continue
        try:
            last_target = _parse_clause(clause, state, out, last_target)
        except ValidationError as exc:  # a value out of the plan's range ("the last 10^20 lines")
            error = exc.errors()[0]
            where = '.'.join(str(part) for part in error.get('loc', ()) if not isinstance(part, int))
            out.questions.append(Question(text=f'I cannot do "{clause_text.strip()[:80]}": '
                                               f'{where + " " if where else ""}{error.get("msg", "out of range").lower()}.'))
    if not out.actions and not out.questions:
        out.questions.append(Question(text='I did not understand that. Try for example "restart web", '
                                           '"show the logs of api", "deploy uptime kuma on port 3001" or "list stacks".',
                                      choices=['list containers', 'show stacks', 'list templates', 'system status']))
    return out


def _split_on_and(clause: str) -> list[str]:
    """"stop web and show its logs" is two requests; "restart api and cache" is one."""
    pieces = re.split(r'\s+and\s+(?=(?:please\s+|then\s+)?(\w+))', clause, flags=re.IGNORECASE)
    if len(pieces) == 1:
        return [clause]
    result, current = [], pieces[0]
    index = 1
    while index < len(pieces):
        lookahead, rest = pieces[index], pieces[index + 1]
        if lookahead.lower() in VERBS and VERBS[lookahead.lower()] not in ('deploy', 'up'):
            result.append(current)
            current = rest
        else:
            current = f'{current} and {rest}'
        index += 2
    result.append(current)
    return result


CONTENT = {'logs': 'logs', 'log': 'logs', 'status': 'status', 'stats': 'status', 'history': 'history',
           'memory': 'status', 'health': 'status', 'output': 'logs'}


def _content_word(word: str) -> str:
    """A typo of a word that says what is wanted ("lgos" -> "logs"), else the word."""
    if word in CONTENT or len(word) < 4:
        return word
    for known in CONTENT:
        if len(known) >= 4 and close_enough(word, known):
            return known
    return word


def _verb_of(word: str) -> str | None:
    if word in VERBS:
        return VERBS[word]
    if len(word) >= 4:
        for verb in FUZZY_VERBS:
            if close_enough(word, verb):
                return VERBS[verb]
    return None


def _intent(clause: Clause, state: State) -> tuple[str | None, set[int]]:
    """The request's verb and the word positions it used: phrases, then exact verbs, then typos
    of verbs — but a word that names something here ("shop") is never read as a typo ("stop")."""
    lowered = ' '.join(clause.words)
    for phrase, verb in PHRASES:
        match = re.search(rf'\b{re.escape(phrase)}\b', lowered)
        if match:
            start = len(lowered[:match.start()].split())
            return verb, set(range(start, start + len(phrase.split())))
    for index, word in enumerate(clause.words):
        if word in VERBS and not (word in FILLER and word not in VERBS):
            return VERBS[word], {index}
    for index, word in enumerate(clause.words):
        if word in FILLER or _names_something(word, state):
            continue
        verb = _verb_of(word)
        if verb:
            return verb, {index}
    return None, set()


def _names_something(word: str, state: State) -> bool:
    word = word[:-2] if word.endswith("'s") else word
    return (word in state.stacks or state.container(word) is not None
            or any(word == b.service or word == b.repo or word in b.name.split('-') for b in state.containers)
            or any(word == t.id for t in state.templates))


def _parse_clause(clause: Clause, state: State, out: Parsed, previous: Resolution | None) -> Resolution | None:
    verb, used = _intent(clause, state)
    rest = [w for i, w in enumerate(clause.words) if i not in used]
    words = [w for w in rest if w not in FILLER]
    # the content of the request can say more than its verb
    fuzzy_content = {_content_word(w) for w in words}
    if verb == 'wish':  # "I want …", "give me …": what follows decides
        if clause.has('replicas', 'replica', 'copies', 'instances') and clause.numbers:
            return _scale(clause, state, out, words, 'scale', previous)
        verb = (None if fuzzy_content & {'logs', 'status', 'history'} or set(words) & (LOG_WORDS | STATUS_WORDS)
                else 'deploy')
    if verb in (None, 'show', 'status', 'list'):
        words_and_fixes = set(words) | fuzzy_content
        if words_and_fixes & HISTORY_WORDS or 'history' in fuzzy_content or verb == 'history':
            verb = 'history'
        elif (set(clause.words) | fuzzy_content) & LOG_WORDS and not (set(words) & STATUS_WORDS - {'errors'}):
            verb = 'logs'
        elif (set(clause.words) | fuzzy_content) & STATUS_WORDS or verb == 'status':
            verb = 'status'
        elif (verb in ('show', 'list') and (set(words) & (set(KINDS) | set(STATES) | ALL_WORDS) or not words
                                           or verb == 'list' or clause.has('show', 'list', 'display')))or (
                verb is None and set(words) & set(KINDS)):
            verb = 'list'
        elif verb == 'show':
            verb = None  # "what is the meaning of life": nothing to list
    if verb in ('deploy', 'up', 'create', 'run') and (set(words) & HISTORY_WORDS):
        verb = 'history'
    if verb is None:
        return _template_or_nothing(clause, state, out, words)
    handler = HANDLERS.get(verb)
    if handler is None:
        return previous
    return handler(clause, state, out, words, verb, previous)


def _names(words: list[str], state: State | None = None) -> list[str]:
    services = {b.service for b in state.containers if b.service} if state is not None else set()
    return [w for w in words if (w not in KINDS or w in services) and w not in ALL_WORDS and w not in STATES
            and w not in ('and', 'or', 'of', 'in', 'on', 'from', 'with', 'its', 'their', 'it', 'them', 'named', 'called')]


def _targets(clause: Clause, state: State, out: Parsed, words: list[str], previous: Resolution | None, *,
             verb: str, prefer_stack: bool = False) -> Resolution | None:
    """Whom the request is about: selectors ("all running", "everything in crm"), names,
    or "it"/"its" for the previous request's target."""
    selected = _selector(clause, state, words)
    if selected is not None:
        return selected
    names = _names(words, state)
    if not names and (clause.has('it', 'its', 'them', 'their') or not names) and previous is not None and previous.found:
        return previous
    if clause.quoted:
        names = [q.lower() for q in clause.quoted] + names
    if not names:
        out.questions.append(Question(text=f'Which container or stack should I {verb}?',
                                      choices=[f'{verb} {b.name}' for b in state.containers[:6]]))
        return None
    resolution = resolve(names, state, prefer_stack=prefer_stack or clause.has('stack', 'project'))
    if resolution.ambiguous:
        kind = 'stacks' if resolution.via == 'stack' else 'containers'
        out.questions.append(Question(text=f'"{" ".join(names)}" fits several {kind}: which one?',
                                      choices=[f'{verb} {name}' for name in resolution.ambiguous]))
        return None
    if not resolution.found:
        unknown = ' '.join(resolution.unknown) or ' '.join(names)
        out.questions.append(Question(text=f'I found no container or stack called "{unknown}".',
                                      choices=[f'{verb} {b.name}' for b in _similar(unknown, state)]))
        return None
    return resolution


def _similar(text: str, state: State) -> list[Any]:
    return sorted(state.containers, key=lambda b: (text[:3] not in b.name, b.name))[:4]


def _selector(clause: Clause, state: State, words: list[str]) -> Resolution | None:
    wanted_state = next((STATES[w] for w in words if w in STATES and w not in ('up', 'down')), None)
    everything = bool(set(words) & ALL_WORDS) or clause.has('everything')
    stack_scope = next((w for w in words if w in state.stacks), None) if (everything or wanted_state) else None
    if not (everything or wanted_state) or (not everything and not clause.has('containers', 'ones', 'everything')
                                             and not stack_scope):
        return None
    boxes = [b for b in state.containers if (wanted_state is None or b.state == wanted_state)
             and (stack_scope is None or b.stack == stack_scope)]
    return Resolution(containers=[b.name for b in boxes], via='selector')


# ---- handlers ------------------------------------------------------------------------------------

def _lifecycle(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
               previous: Resolution | None) -> Resolution | None:
    op = verb
    if verb == 'up':
        op = 'start'
    if verb in ('start', 'up', 'run') and clause.has('replicas', 'replica', 'instances', 'copies'):
        return _scale(clause, state, out, words, 'scale', previous)
    image = clause.images[0] if clause.images else _image_word(words)
    if (verb in ('start', 'up') and image and not any(state.container(w) for w in words)
            and (clause.env or clause.ports or re.search(r'\b(?:a|an|new|fresh)\s+[\w:.-]+\s+container', clause.lower))):
        return _run(clause, state, out, words, 'run', previous)
    if verb in ('start', 'up') and not any(state.container(w) or w in state.stacks for w in words):
        templates, score = match_template(words, clause.lower, state.templates)
        resolution = resolve(_names(words), state) if _names(words) else Resolution()
        if score >= 5 and not resolution.found:
            return _deploy(clause, state, out, words, 'deploy', previous)
    named_stacks = list(dict.fromkeys(w for w in words if w in state.stacks and state.container(w) is None))
    if len(named_stacks) > 1 and op in ('start', 'stop', 'restart', 'remove') and not _selector(clause, state, words):
        for stack in named_stacks:  # "stop the blog and the shop"
            _add(out, StackAction(op=op, stack=stack), f'{op} stack {stack}')
        return Resolution(stack=named_stacks[-1])
    target = _targets(clause, state, out, words, previous, verb=op)
    if target is None:
        return None
    if target.stack and not target.containers:
        if op in ('pause', 'unpause', 'kill'):
            names = [b.name for b in state.stacks[target.stack]]
            _add(out, ContainerAction(op=op, targets=names), f'{op} every container of stack {target.stack}')
        else:
            _add(out, StackAction(op=op, stack=target.stack), f'{op} stack {target.stack}')
        return target
    if not target.containers:
        out.warnings.append(f'No container is {_describe_selector(words)}: nothing to {op}.')
        return target
    if verb == 'unpause':
        paused = [n for n in target.containers if (b := state.container(n)) and b.state == 'paused']
        stopped = [n for n in target.containers if (b := state.container(n)) and b.state in ('exited', 'created')]
        if stopped and not paused and words and 'resume' in clause.words:
            op = 'start'
    _add(out, ContainerAction(op=op, targets=target.containers),
         f'{op} {", ".join(target.containers[:8])}{" …" if len(target.containers) > 8 else ""}')
    return target


def _describe_selector(words: list[str]) -> str:
    state = next((w for w in words if w in STATES), '')
    return state or 'selected'


def _remove(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
            previous: Resolution | None) -> Resolution | None:
    if clause.has('image', 'images', 'volume', 'volumes', 'network', 'networks'):
        out.questions.append(Question(text='Removing images, volumes or networks is not something I do from a '
                                           'sentence yet: use the Docker CLI or the stack page.'))
        return None
    return _lifecycle(clause, state, out, words, 'remove', previous)


def _logs(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
          previous: Resolution | None) -> Resolution | None:
    tail = _tail(clause)
    since = _since(clause)
    follow = bool(clause.has('stream', 'follow', 'following', 'live', 'tail', 'watch', 'realtime', 'continuously')
                  and not (tail and clause.has('tail') and not clause.has('-f')))
    if clause.has('-f'):
        follow = True
    grep = _grep(clause, state)
    skip = {'lines', 'line', 'logs', 'log', 'last', 'first', 'past', 'minutes', 'minute', 'hours', 'hour', 'seconds',
            'days', 'output', 'errors', 'warnings', 'error', 'warning', 'stream', 'follow', 'live', 'tail', 'since',
            'messages', 'contain', 'containing', 'matching', 'mentioning', 'about', 'find', 'search', 'grep', 'show',
            'what', 'says', 'saying', 'latest', 'recent', 'ago', 'in', 'of', 'from', 'for', 'with', 'within'}
    if grep:
        skip |= set(grep.lower().split())
    names = [w for w in words if w not in skip and not _is_number(w) and w not in UNIT and w not in NUMBER_WORDS
             and _content_word(w) == w]  # "lgos" is a typo of "logs", not a name
    target = _targets(clause, state, out, names, previous, verb='show the logs of')
    if target is None:
        return None
    containers = target.containers or ([b.name for b in state.stacks[target.stack]] if target.stack else [])
    if len(containers) > 4 and target.via == 'selector':
        out.questions.append(Question(text='Logs of which container?', choices=[f'show logs of {c}' for c in containers[:6]]))
        return None
    for name in containers:
        _add(out, LogsAction(target=name, tail=tail, since=since, follow=follow, grep=grep),
             f'{"follow" if follow else "show"} the logs of {name}' + (f', last {tail} lines' if tail else '')
             + (f', since {since}' if since else '') + (f', lines containing "{grep}"' if grep else ''))
    return target


def _tail(clause: Clause) -> int | None:
    match = re.search(r'\b(?:last|latest|recent|tail|first|final)\s+(\d+)\b(?!\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|'
                      r'days?|weeks?|[smhdw])\b)|\b(\d+)\s+(?:last\s+)?(?:lines?|entries|rows)\b', clause.lower)
    if match:
        return int(match.group(1) or match.group(2))
    return None


def _since(clause: Clause) -> str | None:
    match = re.search(r'\b(?:last|past|previous|since|within|over)\s+(?:the\s+)?(?:last\s+)?(\d+|an?|one)?\s*'
                      r'(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|[smhdw])\b', clause.lower)
    if not match:
        match = re.search(r'\b(\d+)\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b', clause.lower)
    if not match:
        return None
    count_text = match.group(1) or '1'
    count = int(count_text) if _is_number(count_text) else 1
    unit = UNIT.get(match.group(2), 'm')
    if unit == 'w':
        return f'{count * 7}d'
    return f'{count}{unit}' if unit != 'd' else f'{count * 24}h'


def _grep(clause: Clause, state: State) -> str | None:
    if clause.quoted:
        quoted = [q for q in clause.quoted if state.container(q) is None and q not in state.stacks]
        if quoted:
            return quoted[0]
    match = re.search(r'\b(?:containing|contain|contains|matching|mentioning|that say|saying|grep|grep for|search for|'
                      r'look for|find|search|with the word|filter(?:ed)? (?:by|on|for))\s+'
                      r'(?:the\s+)?(?:word\s+)?([a-z0-9_.:-]+)', clause.lower)
    for word in clause.words:
        if word in GREP_STEMS:
            return GREP_STEMS[word]
    if (match and match.group(1) not in ('the', 'logs', 'log', 'lines', 'last', 'a', 'an', 'in', 'of')
            and not _is_number(match.group(1)) and not resolve([match.group(1)], state).found):
        word = match.group(1)
        return GREP_STEMS.get(word, word)
    return None


def _list(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
          previous: Resolution | None) -> Resolution | None:
    kind = next((KINDS[w] for w in clause.words if w in KINDS), 'containers')
    filters: dict[str, str] = {}
    status = next((STATES[w] for w in words if w in STATES and w != 'up' or (w == 'up' and kind == 'containers')), None)
    if status and kind == 'containers' and not (set(words) & {'all', 'every'} and status == 'running' and False):
        filters['status'] = status
    stack = next((w[:-2] if w.endswith("'s") else w for w in words if (w[:-2] if w.endswith("'s") else w) in state.stacks),
                 None)
    if stack and kind in ('containers', 'stacks'):
        kind = 'containers'
        filters['stack'] = stack
    _add(out, ListAction(kind=kind, filters=filters),
         f'list {kind}' + ''.join(f', {k} {v}' for k, v in filters.items()))
    return previous


def _status(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
            previous: Resolution | None) -> Resolution | None:
    names = [w for w in _names(words, state) if w not in STATUS_WORDS and w not in {
        'system', 'host', 'server', 'overall', 'docker', 'engine', 'how', 'much', 'many', 'what', "what's", 'whats',
        'show', 'check', 'current', 'is', 'of', 'eating', 'hogging', 'taking', 'most', 'top', 'everything', 'all'}]
    if not names:
        if clause.has('it', 'its') and previous is not None and previous.found:
            target = previous.containers[0] if previous.containers else previous.stack
            _add(out, StatusAction(target=target), f'show the status of {target}')
            return previous
        _add(out, StatusAction(target=None), 'show the status of the engine, the host and every running container')
        return previous
    resolution = resolve(names, state, prefer_stack=clause.has('stack'))
    if resolution.ambiguous:
        out.questions.append(Question(text='Status of which one?', choices=[f'status of {n}' for n in resolution.ambiguous]))
        return None
    if not resolution.found:
        _add(out, StatusAction(target=None), 'show the status of the engine, the host and every running container')
        out.warnings.append(f'"{" ".join(names)}" matched nothing, so the whole system is shown.')
        return previous
    target = resolution.stack or resolution.containers[0]
    _add(out, StatusAction(target=target), f'show the status of {target}')
    return resolution


def _history(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
             previous: Resolution | None) -> Resolution | None:
    stack = next((w for w in (x[:-2] if x.endswith("'s") else x for x in words) if w in state.stacks), None)
    if stack is None:
        resolution = resolve([w for w in _names(words) if w not in HISTORY_WORDS], state) if _names(words) else None
        if resolution is not None and resolution.containers:
            box = state.container(resolution.containers[0])
            stack = box.stack if box else None
    limit = next((n for n in clause.numbers if 0 < n <= 500), None)
    _add(out, HistoryAction(stack=stack, limit=limit), 'show the history' + (f' of stack {stack}' if stack else ''))
    return previous


def _deploy(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
            previous: Resolution | None) -> Resolution | None:
    templates, score = match_template(words, clause.lower, state.templates)
    if score < 5 or not templates:
        if verb in ('deploy', 'up') and (clause.images or _image_word(words)):
            return _run(clause, state, out, words, 'run', previous)
        if verb in ('deploy',) and any(w in state.stacks for w in words):
            stack = next(w for w in words if w in state.stacks)
            _add(out, StackAction(op='redeploy', stack=stack), f'redeploy stack {stack}')
            return Resolution(stack=stack)
        if verb in ('need', 'want', 'give') or verb == 'deploy' and not words:
            return previous
        out.questions.append(Question(text='Which template should I deploy? For example: '
                                           + ', '.join(t.id for t in state.templates[:8]),
                                      choices=[f'deploy {t.id}' for t in state.templates[:6]]))
        return None
    if len(templates) > 1:
        out.questions.append(Question(text='Several templates fit: which one?',
                                      choices=[f'deploy {t}' for t in templates[:6]]))
        return None
    template = next(t for t in state.templates if t.id == templates[0])
    params: dict[str, Any] = {}
    if clause.ports:
        port = clause.ports[0]
        if 'port' in template.params:
            params['port'] = port.host
        else:
            out.warnings.append(f'Template {template.id} has no port parameter; the port was not used.')
    for key, value in clause.env.items():
        if key.lower() in template.params:
            params[key.lower()] = value
        else:
            out.warnings.append(f'Template {template.id} has no parameter {key}; it was not used.')
    stack = _stack_name(clause)
    _add(out, DeployTemplateAction(template=template.id, stack=stack, params=params),
         f'deploy the {template.title} template' + (f' as stack {stack}' if stack else '')
         + ''.join(f', {k} {v}' for k, v in params.items()))
    return Resolution(stack=stack or template.id)


def _stack_name(clause: Clause) -> str | None:
    match = re.search(r'\b(?:as|named|called|name it|stack name)\s+([a-z0-9][a-z0-9_-]{0,62})\b', clause.lower)
    if match and match.group(1) not in ('a', 'the', 'stack', 'an'):
        return match.group(1)
    if clause.quoted:
        candidate = clause.quoted[0].lower()
        if re.fullmatch(r'[a-z0-9][a-z0-9_-]{0,62}', candidate):
            return candidate
    return None


def _image_word(words: list[str]) -> str | None:
    for word in words:
        if word in KNOWN_IMAGES:
            return IMAGE_ALIASES.get(word, word)
    return None


def _run(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
         previous: Resolution | None) -> Resolution | None:
    image = clause.images[0] if clause.images else _image_word(words)
    name_match = re.search(r'\b(?:named|called|name|as)\s+([A-Za-z0-9][A-Za-z0-9_.-]{0,127})\b', clause.text)
    name = clause.quoted[0] if clause.quoted and re.fullmatch(r'[A-Za-z0-9][A-Za-z0-9_.-]{0,127}', clause.quoted[0]) else (
        name_match.group(1) if name_match and name_match.group(1).lower() not in ('a', 'the', 'an') else None)
    privileged = bool(re.search(r'\bprivileged\b|\bfull access\b|\broot access\b', clause.lower))
    host_network = bool(re.search(r'\bhost network(ing)?\b|\bnetwork(?:_mode)?\s*(?:=|:)?\s*host\b', clause.lower))
    volumes = list(clause.volumes)
    if re.search(r'\b(entire|whole|root|host)\s+(file\s*system|filesystem|disk|drive)\b|\bmount\s+/\s', clause.lower + ' '):
        volumes.append(VolumeMapping(source='/', target='/host'))
    if re.search(r'\bdocker\s*socket\b|docker\.sock', clause.lower):
        volumes.append(VolumeMapping(source='/var/run/docker.sock', target='/var/run/docker.sock'))
    ports = []
    for port in clause.ports:
        container_port = port.container or KNOWN_IMAGES.get((image or '').split(':')[0].rsplit('/', 1)[-1]) or port.host
        ports.append(PortMapping(host=port.host, container=container_port, protocol=port.protocol))
    if image is None:
        if ports and all(p.container in (80, 443, 8080) for p in ports):
            image = 'nginx:alpine'
            out.warnings.append('No image was named: nginx:alpine is proposed for a web port; edit the plan to change it.')
        else:
            asks = [what for what, wanted in (('privileged mode', privileged), ("the host's network", host_network),
                                              ("the host's filesystem or Docker socket",
                                               any(v.source == '/' or v.source.endswith('docker.sock') for v in volumes)))
                    if wanted]
            if asks:
                out.warnings.append(f'A container with {" and ".join(asks)} controls the host: the policy refuses it '
                                    'unless allow_privileged is on.')
            out.questions.append(Question(text='Which image should the container run (for example nginx, redis:7, '
                                               'postgres:16)?'))
            return previous
    command = _command(clause)
    restart = next((p for p in ('unless-stopped', 'on-failure', 'always') if p in clause.lower), None)
    if restart is None and re.search(r'\brestart(?:s)?\s+(?:policy\s+)?no\b', clause.lower):
        restart = 'no'
    action = RunAction(image=image, name=name, ports=ports, env=dict(clause.env), volumes=volumes, command=command,
                       restart=restart, privileged=privileged, network_mode='host' if host_network else None)
    _add(out, action, f'run a new container from {image}' + (f' named {name}' if name else '')
         + ''.join(f', port {p.host}→{p.container}' for p in ports) + (f', {len(action.env)} variables' if action.env else ''))
    return Resolution(containers=[name] if name else [])


def _command(clause: Clause) -> list[str] | None:
    match = re.search(r'\b(?:command|running|that runs|to run|executing)\s+(.+)$', clause.raw, re.IGNORECASE)
    if match and clause.quoted:
        return clause.quoted[-1].split() if len(clause.quoted) > 0 and clause.quoted[-1] in match.group(1) else None
    return None


def _pull(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
          previous: Resolution | None) -> Resolution | None:
    image = clause.images[0] if clause.images else None
    stack = next((w for w in words if w in state.stacks), None)
    if image is None and stack:
        _add(out, StackAction(op='pull', stack=stack), f'pull the images of stack {stack}')
        return Resolution(stack=stack)
    image = image or _image_word(words)
    if image is None:
        target = _targets(clause, state, out, words, previous, verb='pull the image of')
        if target is None:
            return None
        if target.stack:
            _add(out, StackAction(op='pull', stack=target.stack), f'pull the images of stack {target.stack}')
            return target
        images = sorted({b.image for n in target.containers if (b := state.container(n))})
        for img in images:
            _add(out, PullAction(image=img), f'pull {img}')
        return target
    _add(out, PullAction(image=image), f'pull {image}')
    return previous


def _update(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
            previous: Resolution | None) -> Resolution | None:
    if clause.has('image', 'images') or clause.images:
        return _pull(clause, state, out, words, 'pull', previous)
    target = _targets(clause, state, out, words, previous, verb='update', prefer_stack=True)
    if target is None:
        return None
    stack = target.stack or next((state.container(n).stack for n in target.containers if state.container(n)), None)
    if stack:
        _add(out, StackAction(op='pull', stack=stack), f'pull the images of stack {stack}')
        _add(out, StackAction(op='redeploy', stack=stack), f'redeploy stack {stack} with them')
    return target


def _scale(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
           previous: Resolution | None) -> Resolution | None:
    replicas = next((n for n in reversed(clause.numbers) if 0 <= n <= 100), None)
    if replicas is None:
        replicas = next((NUMBER_WORDS[w] for w in words if w in NUMBER_WORDS and w not in ('a', 'an')), None)
    names = [w for w in _names(words) if not _is_number(w) and w not in NUMBER_WORDS and w not in
             ('replicas', 'replica', 'instances', 'instance', 'copies', 'copy', 'times', 'x', 'out', 'down', 'up')]
    target = resolve(names, state)
    if replicas is None:
        out.questions.append(Question(text='To how many replicas?'))
        return None
    box = state.container(target.containers[0]) if target.containers and len(target.containers) == 1 else None
    if box is None or not box.stack or not box.service:
        candidates = [b for b in state.containers if b.stack and b.service]
        out.questions.append(Question(text='Which service of which stack should I scale?',
                                      choices=[f'scale {b.stack} {b.service} to {replicas}' for b in candidates[:6]]))
        return None
    _add(out, ScaleAction(stack=box.stack, service=box.service, replicas=replicas),
         f'scale service {box.service} of stack {box.stack} to {replicas}')
    return target


def _rollback(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
              previous: Resolution | None) -> Resolution | None:
    target = _targets(clause, state, out, [w for w in words if not re.fullmatch(r'[0-9a-f]{7,40}', w)], previous,
                      verb='roll back', prefer_stack=True)
    if target is None:
        return None
    stack = target.stack or next((state.container(n).stack for n in target.containers if state.container(n)), None)
    if not stack:
        out.questions.append(Question(text='Only stacks have revisions to roll back to: which stack?',
                                      choices=[f'rollback {s}' for s in list(state.stacks)[:6]]))
        return None
    revision = next((w for w in clause.words if re.fullmatch(r'[0-9a-f]{7,40}', w)), None)
    _add(out, RollbackAction(stack=stack, to=revision),
         f'roll stack {stack} back to ' + (revision or 'its previous revision'))
    return Resolution(stack=stack)


def _redeploy(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
              previous: Resolution | None) -> Resolution | None:
    target = _targets(clause, state, out, words, previous, verb='redeploy', prefer_stack=True)
    if target is None:
        return None
    stack = target.stack or next((state.container(n).stack for n in target.containers if state.container(n)), None)
    if stack is None:
        out.questions.append(Question(text='Only stacks can be redeployed: which stack?',
                                      choices=[f'redeploy {s}' for s in list(state.stacks)[:6]]))
        return None
    _add(out, StackAction(op='redeploy', stack=stack), f'redeploy stack {stack}')
    return target


def _create(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
            previous: Resolution | None) -> Resolution | None:
    templates, score = match_template(words, clause.lower, state.templates)
    image = clause.images[0] if clause.images else _image_word(words)
    if clause.has('stack', 'stacks') and score >= 5 or (score >= 12 and not clause.has('container') and image is None):
        return _deploy(clause, state, out, words, 'deploy', previous)
    if image or clause.ports or clause.has('container'):
        return _run(clause, state, out, words, 'run', previous)
    return _deploy(clause, state, out, words, 'deploy', previous)


def _template_or_nothing(clause: Clause, state: State, out: Parsed, words: list[str]) -> Resolution | None:
    """No verb: a bare template name is a wish to deploy it; a bare container name, its status."""
    resolution = resolve(_names(words), state) if _names(words) else Resolution()
    if resolution.containers and len(resolution.containers) == 1 and resolution.via == 'name':
        _add(out, StatusAction(target=resolution.containers[0]), f'show the status of {resolution.containers[0]}')
        return resolution
    templates, score = match_template(words, clause.lower, state.templates)
    if score >= 12 and len(templates) == 1:
        return _deploy(clause, state, out, words, 'deploy', None)
    return None


def _add(out: Parsed, action: Any, explanation: str) -> None:
    out.actions.append(action)
    out.explanations.append(explanation[:1].upper() + explanation[1:])


HANDLERS = {
    'start': _lifecycle, 'stop': _lifecycle, 'restart': _lifecycle, 'pause': _lifecycle, 'unpause': _lifecycle,
    'kill': _lifecycle, 'up': _lifecycle, 'remove': _remove, 'logs': _logs, 'list': _list, 'show': _list,
    'status': _status, 'history': _history, 'deploy': _deploy, 'run': _run, 'create': _create, 'pull': _pull,
    'update': _update, 'scale': _scale, 'rollback': _rollback, 'redeploy': _redeploy,
}
