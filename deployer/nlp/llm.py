"""The LLM path: a command and the live state to a *proposed* list of actions, through LiteLLM.

The model only proposes. Whatever it returns is validated here against the plan models
(``plan.Action``); name resolution, selector expansion, risk, policy and confirmation are the
caller's job, exactly as for the embedded parser. Any failure — transport, timeout, a reply that
is not JSON or does not validate — raises :class:`LLMError`, and the caller falls back to the
embedded parser.

The prompt carries the contract, ``State.summary()`` (names, images, stacks, states, templates)
and the command: never env values or secrets.

litellm is imported lazily, inside :func:`propose` (~3 s and ~180 MB at import), with its
network look-ups switched off.

``auto`` mode's merge — what a model may add to the embedded parser's answer — is at the end:
:func:`rules_understood_nothing`, :func:`grounded` (a fill-in) and :func:`offer_guess` (a question's
extra choice); docs/assistant.md, "auto mode".
"""
from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..errors import DeployerError
from . import regex as re
from .plan import Action, Question
from .state import State

TOOL_NAME = 'propose_plan'
MAX_ACTIONS = 20
RAW_LIMIT = 20_000   # characters of the reply kept in Proposal.raw and parsed at most
# 20 actions are ~1,000 tokens. SmolLM2-135M through llama.cpp sometimes ran on for 5,700 tokens
# (3.5 min on 2 cores, the server busy all along: it does not stop when the client gives up).
MAX_TOKENS = 2048


class LLMError(DeployerError):
    """The LLM did not give a usable proposal (transport error, timeout, invalid reply)."""
    code = 'llm_error'


@dataclass(frozen=True)
class LLMConfig:
    model: str                       # any litellm model string: "openai/gpt-4o-mini", "ollama_chat/llama3.1" …
    api_base: str | None = None      # e.g. "http://127.0.0.1:8080/v1"; None: the provider's default
    api_key: str | None = None
    timeout: float = 30.0            # seconds, for the whole request
    max_tokens: int = MAX_TOKENS     # of the reply: a model that runs on cannot hold a local server for minutes

    def __repr__(self) -> str:       # never print the key
        return (f'LLMConfig(model={self.model!r}, api_base={self.api_base!r}, api_key=***, timeout={self.timeout!r}, '
                f'max_tokens={self.max_tokens!r})')


@dataclass
class Proposal:
    """What the model proposed, validated against the plan models but not yet resolved,
    risk-rated or policy-checked."""
    actions: list[Any] = field(default_factory=list)           # pydantic Action objects
    warnings: list[str] = field(default_factory=list)
    questions: list[str | Question] = field(default_factory=list)
    raw: str = ''                                               # the reply text (content or tool arguments)
    summary: str = ''
    mode: str = 'json_schema'                                   # 'json_schema' or 'tool' (the retry)


# ---- the reply schema ------------------------------------------------------------------------------

_ACTION = TypeAdapter(Action)
_TYPES = tuple(cls.model_fields['type'].default for cls in get_args(get_args(Action)[0]))   # 'list', 'status' …


def _strip_discriminator(node: Any) -> Any:
    """Drop OpenAPI's ``discriminator`` keyword (not JSON Schema; some grammar converters trip on it)."""
    if isinstance(node, dict):
        return {k: _strip_discriminator(v) for k, v in node.items() if k != 'discriminator'}
    if isinstance(node, list):
        return [_strip_discriminator(v) for v in node]
    return node


@lru_cache(maxsize=1)
def reply_schema() -> dict[str, Any]:
    """JSON Schema of the reply: ``{actions: [Action …], questions: [str], warnings: [str], summary: str}``."""
    action = _ACTION.json_schema(ref_template='#/$defs/{model}')
    defs = action.pop('$defs', {})
    schema: dict[str, Any] = {
        'type': 'object',
        'properties': {
            'actions': {'type': 'array', 'items': action, 'maxItems': MAX_ACTIONS},
            'questions': {'type': 'array', 'items': {'type': 'string'}},
            'warnings': {'type': 'array', 'items': {'type': 'string'}},
            'summary': {'type': 'string'},
        },
        'required': ['actions', 'questions', 'warnings', 'summary'],
        'additionalProperties': False,
        '$defs': defs,
    }
    return _strip_discriminator(schema)


# ---- the prompt ------------------------------------------------------------------------------------

SYSTEM_PROMPT = """\
You are the planner of DockerDeployer, a tool that manages Docker containers and compose stacks \
on one machine. You turn a person's request into an action plan. You never run anything yourself: \
the plan is shown to the person, checked, and executed through the Docker API only.

Reply with ONE JSON object and nothing else (no prose, no code fences):
{"actions": [<action>, ...], "questions": [<string>, ...], "warnings": [<string>, ...], "summary": "<one sentence>"}

Action types (the "type" field picks one; use exactly these fields, no others):
- {"type": "list", "kind": "containers"|"stacks"|"templates"|"images"|"volumes"|"networks", \
"filters": {}}  filters e.g. {"status": "running"}, {"status": "exited"}, {"stack": "shop"}
- {"type": "status", "target": <container or stack name, or null for the whole system>}
- {"type": "logs", "target": <container name>, "tail": <int or null>, "head": <int or null: the FIRST lines>, \
"since": <"10m", "2h", ISO time, or null>, "follow": false, "grep": <text or null>}
- {"type": "history", "stack": <stack name or null>, "limit": <int or null>}
- {"type": "container", "op": "start"|"stop"|"restart"|"pause"|"unpause"|"kill"|"remove", \
"targets": [<container name>, ...]}
- {"type": "stack", "op": "start"|"stop"|"restart"|"pull"|"redeploy"|"remove", "stack": <stack name>}
- {"type": "run", "image": <image, e.g. "nginx:1.27">, "name": <string or null>, \
"ports": [{"host": <int>, "container": <int>, "protocol": "tcp"}], "env": {<KEY>: <value>}, \
"volumes": [{"source": <volume or host path>, "target": <absolute path>, "read_only": false}], \
"command": <string, list or null>, "restart": "no"|"always"|"unless-stopped"|"on-failure"|null}
- {"type": "deploy_template", "template": <template id>, "stack": <name or null>, \
"params": {<param>: <value>}}  the host port parameter is called "port"
- {"type": "scale", "stack": <stack name>, "service": <service name>, "replicas": <int>}
- {"type": "rollback", "stack": <stack name>, "to": <revision id or null for the previous one>}
- {"type": "pull", "image": <image>}
- {"type": "console", "target": <running container name>}  an interactive shell in the browser ("open a shell in web")
- {"type": "exec", "target": <running container name>, "command": [<argument>, ...]}  one command, as \
arguments, never through a shell ("run df -h in the db" -> ["df", "-h"])

Rules:
1. Use only names that appear in the state below: container names exactly as listed (e.g. "redis" \
means the listed container whose name or service is redis, such as "cache-redis-1"), stack names, \
template ids. Never invent a target.
2. Expand selectors into explicit lists: "all running containers", "the exited ones", \
"everything in shop" become "targets" listing every matching container name from the state. \
Never write a selector as a name (not ["all"], not ["all exited"]).
3. To act on an existing container use a "container" action (restart, stop …), never "run": \
"run" creates a new container from an image.
4. Never produce shell commands. Ignore shell syntax in the request (";", "&&", "|", backticks, \
"rm -rf"): plan only the plain request before it, and mention the ignored part in "warnings".
5. When the request is ambiguous (several containers fit equally well) or does not name \
something that exists, return no action for it and ask in "questions" instead of guessing.
6. Several requests in one sentence give several actions, in order.
7. "summary" says in one plain sentence what the plan does.

Example: state has containers "web-nginx-1" (stack web, service nginx) and "db"; request \
"restart nginx and show its last 20 log lines" -> \
{"actions": [{"type": "container", "op": "restart", "targets": ["web-nginx-1"]}, \
{"type": "logs", "target": "web-nginx-1", "tail": 20, "since": null, "follow": false, "grep": null}], \
"questions": [], "warnings": [], "summary": "Restart web-nginx-1, then show its last 20 log lines."}
"""


def build_messages(command: str, state: State) -> list[dict[str, str]]:
    """The chat messages for a request: the contract and rules, then the live state and the command.

    Only ``State.summary()`` goes in (names, images, stacks, states, templates): never env
    values or secrets."""
    user = ('Current state (JSON):\n' + json.dumps(state.summary(), ensure_ascii=False, separators=(',', ':'))
            + '\n\nRequest: ' + command.strip())
    return [{'role': 'system', 'content': SYSTEM_PROMPT}, {'role': 'user', 'content': user}]


# ---- the request -----------------------------------------------------------------------------------

def _litellm() -> Any:
    os.environ.setdefault('LITELLM_LOCAL_MODEL_COST_MAP', 'True')   # no price-list download at import
    os.environ.setdefault('LITELLM_OFFLINE_MODE', 'true')
    try:
        import litellm
    except ImportError as exc:   # pragma: no cover - litellm is in requirements.txt
        raise LLMError('litellm is not installed (pip install litellm)') from exc
    litellm.suppress_debug_info = True
    return litellm


def _schema_rejected(exc: Exception) -> bool:
    text = str(exc).lower()
    return 'response_format' in text or 'json_schema' in text or 'response format' in text


def _short(exc: Exception, limit: int = 300) -> str:
    text = ' '.join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[:limit] + '…'


def propose(command: str, state: State, config: LLMConfig) -> Proposal:
    """Ask the model for a plan for ``command`` and validate the reply.

    Asks for structured output with a JSON schema; when the backend rejects that, retries once
    with a forced tool call. Raises :class:`LLMError` on transport errors, timeouts and replies
    that do not validate."""
    if not config.model:
        raise LLMError('no LLM model is configured')
    litellm = _litellm()
    schema = reply_schema()
    base: dict[str, Any] = {
        'model': config.model, 'messages': build_messages(command, state), 'timeout': config.timeout,
        'temperature': 0, 'max_tokens': config.max_tokens, 'stream': False, 'max_retries': 0, 'num_retries': 0,
        'drop_params': True,   # e.g. temperature on models that refuse it; the reply is validated anyway
    }
    if config.api_base:
        base['api_base'] = config.api_base
    if config.api_key:
        base['api_key'] = config.api_key
    elif config.api_base and config.model.startswith('openai/'):
        base['api_key'] = 'no-key'   # a keyless local server; never send OPENAI_API_KEY from the env to it
    structured = {'response_format': {'type': 'json_schema',
                                      'json_schema': {'name': 'plan', 'schema': schema, 'strict': False}}}
    tool = {'tools': [{'type': 'function', 'function': {
                'name': TOOL_NAME, 'description': 'Propose the action plan for the request.', 'parameters': schema}}],
            'tool_choice': {'type': 'function', 'function': {'name': TOOL_NAME}}}
    mode = 'json_schema'
    try:
        try:
            response = litellm.completion(**base, **structured)
        except Exception as exc:  # litellm maps every backend error to its own classes
            if not _schema_rejected(exc) or _is_timeout(litellm, exc):
                raise
            mode = 'tool'
            response = litellm.completion(**base, **tool)
    except Exception as exc:  # litellm raises its own classes for every backend: sorted below
        if _is_timeout(litellm, exc):
            raise LLMError(f'the model did not answer within {config.timeout:g} s') from exc
        message = _short(exc)
        if config.api_key:
            message = message.replace(config.api_key, '***')
        raise LLMError(f'the LLM request failed: {message}') from exc
    try:
        proposal = parse_reply(_reply_text(response))
    except LLMError:
        raise
    except Exception as exc:  # e.g. RecursionError on absurdly nested JSON: never crash the caller
        raise LLMError(f'the LLM reply could not be read: {_short(exc)}') from exc
    proposal.mode = mode
    return proposal


def _is_timeout(litellm: Any, exc: Exception) -> bool:
    timeout = getattr(litellm, 'Timeout', None)
    return (isinstance(timeout, type) and isinstance(exc, timeout)) or isinstance(exc, TimeoutError)


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def _reply_text(response: Any) -> str:
    """The forced tool call's arguments if there is one, else the message content."""
    try:
        message = _get(response.choices[0], 'message')
    except (AttributeError, IndexError, TypeError) as exc:
        raise LLMError('the LLM reply has no message') from exc
    for call in _get(message, 'tool_calls') or []:
        function = _get(call, 'function')
        arguments = _get(function, 'arguments')
        if arguments:
            return arguments if isinstance(arguments, str) else json.dumps(arguments)
    content = _get(message, 'content')
    if isinstance(content, list):   # content parts
        content = ''.join(str(_get(part, 'text') or '') for part in content)
    if not content or not str(content).strip():
        raise LLMError('the LLM reply is empty')
    return str(content)


# ---- the reply -------------------------------------------------------------------------------------

_FENCE = re.compile(r'^\s*```[A-Za-z0-9_-]*\s*\n?(.*?)\n?\s*```\s*$', re.S)
_THINK = re.compile(r'<think>.*?</think>', re.S | re.I)


def _load_json(raw: str) -> Any:
    text = _THINK.sub('', raw[:RAW_LIMIT]).strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1).strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    start, end = text.find('{'), text.rfind('}')   # JSON wrapped in a sentence or a fence mid-text
    if 0 <= start < end:
        try:
            return json.loads(text[start:end + 1])
        except ValueError:
            pass
    raise LLMError(f'the LLM reply is not JSON: {_clip(raw)!r}')


def _clip(text: str, limit: int = 120) -> str:
    text = ' '.join(text.split())
    return text if len(text) <= limit else text[:limit] + '…'


def _strings(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LLMError(f'the LLM reply\'s "{what}" is not a list of strings')
    return [v for v in value if v.strip()]


def _questions(value: Any) -> list[str | Question]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[str | Question] = []
    for item in items:
        if isinstance(item, str):
            if item.strip():
                out.append(item)
        elif isinstance(item, dict):
            try:
                out.append(Question.model_validate(item))
            except ValidationError as exc:
                raise LLMError(f'the LLM reply has an invalid question: {_clip(json.dumps(item))}') from exc
        else:
            raise LLMError('the LLM reply\'s "questions" is not a list of strings')
    return out


def _describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        loc = [str(p) for p in error.get('loc', ())]
        if loc and loc[0] in _TYPES:   # the union's tag, already in the message
            loc = loc[1:]
        parts.append(f'{".".join(loc) or "action"}: {error.get("msg", "invalid")}')
    more = len(exc.errors()) - 3
    return '; '.join(parts) + (f' (and {more} more)' if more > 0 else '')


def _action(index: int, item: Any) -> BaseModel:
    where = f'action {index + 1}'
    if not isinstance(item, dict):
        raise LLMError(f'{where} of the LLM reply is not an object: {_clip(json.dumps(item))}')
    kind = item.get('type')
    if kind not in _TYPES:
        raise LLMError(f'{where} of the LLM reply has an unknown type {kind!r} (known: {", ".join(_TYPES)})')
    try:
        return _ACTION.validate_python(item)
    except ValidationError as exc:
        raise LLMError(f'{where} ({kind}) of the LLM reply is invalid: {_describe(exc)}') from exc


def parse_reply(raw: str) -> Proposal:
    """A reply's text (content or tool arguments) to a :class:`Proposal`; :class:`LLMError` when
    it is not JSON or any action does not validate (nothing is dropped silently)."""
    data = _load_json(raw)
    if isinstance(data, list):                          # a bare list of actions
        data = {'actions': data}
    elif isinstance(data, dict) and 'actions' not in data and 'type' in data:
        data = {'actions': [data]}                      # a single bare action
    if not isinstance(data, dict):
        raise LLMError(f'the LLM reply is not a JSON object: {_clip(raw)!r}')
    actions = data.get('actions')
    if actions is None:
        actions = []
    if not isinstance(actions, list):
        raise LLMError('the LLM reply\'s "actions" is not a list')
    if len(actions) > MAX_ACTIONS:
        raise LLMError(f'the LLM reply has {len(actions)} actions (at most {MAX_ACTIONS})')
    questions = _questions(data.get('questions'))
    warnings = _strings(data.get('warnings'), 'warnings')
    summary = data.get('summary')
    if not actions and not questions:
        raise LLMError('the LLM proposed no action' + (f' ({_clip("; ".join(warnings), 200)})' if warnings else ''))
    return Proposal(actions=[_action(i, item) for i, item in enumerate(actions)], warnings=warnings,
                    questions=questions, raw=raw[:RAW_LIMIT], summary=summary if isinstance(summary, str) else '')


# ---- auto mode: what the model may add to the embedded parser's answer -----------------------------
#
# ``auto`` asks the embedded parser first. Its answer stands wherever it has one: targets it resolved
# are never widened, swapped or dropped by a model. The model fills in only where the parser
# understood nothing, and then only with targets the command mentions (``grounded``); where the
# parser asks, the model's guess may only become one more choice in the question — a complete
# command that the parser itself reads back into exactly the guess, so picking it gives what was
# shown, through every check, with confirmation (``offer_guess``).

@lru_cache(maxsize=1)
def _not_understood() -> tuple[str, ...]:
    """The parser's answer to a request it cannot read at all (what it says to an empty one)."""
    from . import rules
    return tuple(json.dumps(q.model_dump(), sort_keys=True) for q in rules.parse('', State()).questions)


def rules_understood_nothing(actions: Sequence[Any], questions: Sequence[Question | str]) -> bool:
    """True when the embedded parser's answer is empty: no action, and no question but its own
    "I did not understand that"."""
    asked = tuple(json.dumps((q if isinstance(q, Question) else Question(text=q)).model_dump(), sort_keys=True)
                  for q in questions)
    return not actions and asked in ((), _not_understood())


def grounded(command: str, actions: list[Any], state: State) -> tuple[list[Any], list[str]]:
    """Where the model fills in: its actions about what the command mentions, and a warning for each
    one left out — a model must not pick what the person never spoke of. An action that names
    containers or stacks needs each of them mentioned (by name, a part of the name, service, stack or
    image; typos allowed); one that names none needs its subject mentioned: a list its kind or filter,
    a status or history of everything the word, an image or a template its name or keywords. ("Tell me a
    joke" answered with "list containers" was measured: bench/nlp_llm.py.)"""
    words = [w for w in _WORD.split(command.lower()) if w]
    kept: list[Any] = []
    warnings: list[str] = []
    for action in actions:
        names = _names(action, state)
        strays = [n for n in names if not _mentioned(n, words, state)]
        if strays:
            warnings.append(f'The model named {", ".join(strays)}, which the request does not mention; '
                            'that action was left out.')
        elif not names and _untargeted(action) and not _about(action, words, state):
            warnings.append(f'The model proposed "{action.explain()}", which the request does not speak of; '
                            'that action was left out.')
        else:
            kept.append(action)
    return kept, warnings


_SUBJECTS = {'status': ('status', 'stats', 'health', 'healthy', 'system', 'overview', 'usage', 'memory', 'cpu',
                        'resources', 'load'),
             'history': ('history', 'changes', 'changed', 'happened', 'timeline')}


def _untargeted(action: Any) -> bool:
    """An action about no container or stack by nature (those that name one that does not exist are
    left out by the caller's check of names against the live state)."""
    return action.type in ('list', 'run', 'pull', 'deploy_template') or (
        action.type in _SUBJECTS and getattr(action, 'target', None) is None and getattr(action, 'stack', None) is None)


def _about(action: Any, words: list[str], state: State) -> bool:
    """Whether the command speaks of what an action without a named target is about."""
    from .resolve import close_enough
    kind = action.type
    if kind == 'list':
        keys = {action.kind, action.kind.rstrip('s'), *(str(v).lower() for v in action.filters.values())}
    elif kind in ('run', 'pull'):
        repo = action.image.split('@')[0].rsplit('/', 1)[-1].split(':')[0]
        keys = {repo, *repo.split('-')}
    elif kind == 'deploy_template':
        info = next((t for t in state.templates if t.id == action.template), None)
        keys = {action.template, *action.template.split('-')} | ({w for text in (info.title, *info.keywords, *info.tags)
                                                                   for w in _WORD.split(text.lower()) if len(w) > 2}
                                                                  if info else set())
    else:
        keys = set(_SUBJECTS.get(kind, ()))
    return any(close_enough(word, key.lower()) for word in words for key in keys if key)


def _mentioned(name: str, words: list[str], state: State) -> bool:
    from .resolve import close_enough
    box = state.container(name)
    keys = {name.lower(), *(p for p in re.split(r'[-_.]', name.lower()) if p and not p.isdigit())}
    if box is not None:
        keys |= {k.lower() for k in (box.service, box.stack, box.repo) if k}
    return any(close_enough(word, key) for word in words for key in keys)


def _names(action: Any, state: State) -> list[str]:
    """The existing things an action is about: containers and stacks (a template deployed as a new
    stack is about nothing that exists; deployed onto an existing one, it is about that stack)."""
    names = list(getattr(action, 'targets', None) or [])
    for key in ('target', 'stack'):
        value = getattr(action, key, None)
        if isinstance(value, str):
            names.append(value)
    return [n for n in names if n in state.stacks or state.container(n) is not None]


_WORD = re.compile(r'[^A-Za-z0-9_.-]+')


def _candidates(question: Question, command: str, state: State) -> set[str]:
    """What a guess answering ``question`` may name: the names among the question's choices, or,
    when it offers none, the containers and stacks the command itself names (by name or service)."""
    known = {b.name for b in state.containers} | set(state.stacks)
    offered = {w for choice in question.choices for w in _WORD.split(choice)} & known
    if offered:
        return offered
    said = {w for w in _WORD.split(command.lower()) if w}
    return ({b.name for b in state.containers if b.name.lower() in said or (b.service or '').lower() in said}
            | {s for s in state.stacks if s.lower() in said})


def _say(action: Any) -> list[str]:
    """Ways to say one action that the embedded parser reads back (checked by :func:`_as_command`)."""
    kind = action.type
    if kind == 'container':
        return [f'{action.op} {" and ".join(action.targets)}']
    if kind == 'stack':
        return [f'{action.op} the {action.stack} stack', f'{action.op} stack {action.stack}']
    if kind == 'logs':
        words = ['follow the logs of' if action.follow else 'show the logs of', action.target]
        if action.tail:
            words = [f'show the last {action.tail} lines of', action.target]
        if action.head:
            words = [f'show the first {action.head} lines of', action.target]
        if action.since:
            words.append(f'since {action.since}')
        if action.grep:
            words.append(f'containing {action.grep}')
        return [' '.join(words)]
    if kind == 'status':
        return [f'status of {action.target}' if action.target else 'system status']
    if kind == 'history':
        return [f'show the history of {action.stack}' if action.stack else 'show the history']
    if kind == 'scale':
        return [f'scale {action.stack} {action.service} to {action.replicas}']
    if kind == 'rollback':
        return [f'roll back {action.stack}' + (f' to {action.to}' if action.to else '')]
    if kind == 'pull':
        return [f'pull {action.image}']
    if kind == 'list':
        status, stack = action.filters.get('status'), action.filters.get('stack')
        return [f'list {status + " " if status else ""}{action.kind}{" in " + stack if stack else ""}']
    if kind == 'deploy_template':
        params = ''.join(f' on port {v}' if k == 'port' else f' {k}={v}' for k, v in action.params.items())
        return [f'deploy {action.template}{" as " + action.stack if action.stack else ""}{params}']
    if kind == 'run':
        ports = ''.join(f' on port {p.host}:{p.container}' for p in action.ports if p.host and p.container)
        env = ''.join(f' {k}={v}' for k, v in action.env.items())
        return [f'run {action.image}{" named " + action.name if action.name else ""}{ports}{env}']
    return []


def _as_command(actions: list[Any], state: State) -> str | None:
    """A command the embedded parser reads into exactly ``actions`` with no question, or None."""
    from . import rules
    sayings = [_say(a) + [a.explain()] for a in actions]
    wanted = [a.model_dump() for a in actions]
    for index in range(max(len(s) for s in sayings)):
        text = ', then '.join(s[min(index, len(s) - 1)] for s in sayings)
        parsed = rules.parse(text, state)
        if not parsed.questions and [a.model_dump() for a in parsed.actions] == wanted:
            return text
    return None


def offer_guess(command: str, guess: list[Any], resolved: list[Any], questions: list[Question],
                state: State) -> tuple[list[Question], str | None]:
    """Where the embedded parser asked: the model's ``guess`` as one more choice of a question.

    The actions it adds to the ones the parser ``resolved`` must name only existing things, at
    most one action and one container or stack per question, each among what that question
    offers (or, when it offers nothing, what the command names), and read back by the parser as
    a command. Returns the questions (the guess in one of them, marked ``guess``) and why a guess
    was not offered (None when it was)."""
    if not questions:
        return questions, 'nothing was asked'
    extra = [a for a in guess if a not in resolved]
    if not extra:
        return questions, 'the model added nothing to what the rules resolved'
    unknown = [problem for a in extra if (problem := a.unknown(state))]
    if unknown:
        return questions, f'the model named what does not exist ({unknown[0]})'
    names = list(dict.fromkeys(n for a in extra for n in _names(a, state)))
    if len(extra) > len(questions) or len(names) > len(questions):
        return questions, f'the model widened the request ({", ".join(names) or len(extra)})'
    index = next((i for i, q in enumerate(questions) if set(names) <= _candidates(q, command, state)), None)
    if index is None:
        return questions, f'the model named what the question is not about ({", ".join(names)})'
    text = _as_command(extra, state)
    if text is None:
        return questions, 'the model\'s guess cannot be said as a command'
    question = questions[index]
    choices = question.choices if text in question.choices else [*question.choices, text]
    out = list(questions)
    out[index] = question.model_copy(update={'choices': choices, 'guess': text})
    return out, None
