"""Action plans: the binding plan contract (the team's plan-contract.md) as pydantic models.

A plan is data. Whoever proposes it (the embedded parser or an LLM), risk, confirmation,
name resolution and policy are computed here in code, and it runs only through the service.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..vocabulary import STACK_NAME, ContainerOp, StackOp

if TYPE_CHECKING:
    from .state import State

Risk = Literal['read', 'change', 'destructive']

NAME = r'^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$'
STACK = STACK_NAME
MANY = 3   # a plan that touches this many containers or more counts as destructive

# beyond the contract: the Docker engine an action runs on ("restart nginx on edge-2"), an id from GET /engines;
# null is the local one. Not called "engine": a plan's "engine" names who made it (rules or llm).
HOST = Annotated[Annotated[str, Field(pattern=r'^[a-z0-9][a-z0-9-]{0,30}$')] | None,
                 Field(exclude_if=lambda v: v is None)]   # absent from plans on the local engine, as before


class _Action(BaseModel):
    """An action says what it risks, explains itself in one sentence and names what the live
    state lacks for it; ``nlp/execute.py`` has one runner per action type."""
    model_config = ConfigDict(extra='forbid')

    def risk(self) -> Risk:
        return 'change'

    def explain(self) -> str:
        raise NotImplementedError

    def unknown(self, state: State) -> str | None:
        """What this action names that the live state does not have, or None."""
        return None


class _ReadAction(_Action):
    def risk(self) -> Risk:
        return 'read'


class ListAction(_ReadAction):
    type: Literal['list'] = 'list'
    kind: Literal['containers', 'stacks', 'templates', 'images', 'volumes', 'networks', 'nodes', 'services'] = 'containers'
    filters: dict[str, str] = Field(default_factory=dict)
    host: HOST = None

    def explain(self) -> str:
        return (f'List {self.kind}' + ''.join(f', {k}' if v == 'true' else f', {k} {v}' for k, v in self.filters.items())
                + (f' on {self.host}' if self.host else ''))


class StatusAction(_ReadAction):
    type: Literal['status'] = 'status'
    target: Annotated[str, Field(pattern=NAME)] | None = None
    sort: Literal['memory', 'cpu'] | None = None   # beyond the contract: "what uses the most memory"
    host: HOST = None

    def explain(self) -> str:
        return f'Show the status of {self.target or "the system"}' + (
            f', highest {"memory" if self.sort == "memory" else "CPU"} use first' if self.sort else '') + (
            f' on {self.host}' if self.host else '')

    def unknown(self, state: State) -> str | None:
        if self.target is not None and state.container(self.target) is None and self.target not in state.stacks:
            return f'nothing called {self.target}'
        return None


class LogsAction(_ReadAction):
    type: Literal['logs'] = 'logs'
    target: Annotated[str, Field(pattern=NAME)]
    tail: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    head: Annotated[int | None, Field(ge=1, le=1_000_000, exclude_if=lambda v: v is None)] = None   # the first lines instead
    since: Annotated[str, Field(max_length=40)] | None = None
    follow: bool = False
    grep: Annotated[str, Field(max_length=200)] | None = None
    host: HOST = None

    def explain(self) -> str:
        return (f'Show the logs of {self.target}' + (f' on {self.host}' if self.host else '')
                + (f' (last {self.tail} lines)' if self.tail else '') + (f' (first {self.head} lines)' if self.head else ''))

    def unknown(self, state: State) -> str | None:
        return f'no container {self.target}' if state.container(self.target) is None else None


class HistoryAction(_ReadAction):
    type: Literal['history'] = 'history'
    stack: Annotated[str, Field(pattern=STACK)] | None = None
    limit: Annotated[int, Field(ge=1, le=500)] | None = None

    def explain(self) -> str:
        return 'Show the history' + (f' of {self.stack}' if self.stack else '')

    def unknown(self, state: State) -> str | None:
        return f'no stack {self.stack}' if self.stack is not None and self.stack not in state.stacks else None


class ContainerAction(_Action):
    type: Literal['container'] = 'container'
    op: ContainerOp
    targets: Annotated[list[Annotated[str, Field(pattern=NAME)]], Field(min_length=1, max_length=500)]
    host: HOST = None

    def risk(self) -> Risk:
        return 'destructive' if self.op in ('remove', 'kill') or len(self.targets) >= MANY else 'change'

    def explain(self) -> str:
        return f'{self.op.capitalize()} {", ".join(self.targets)}' + (f' on {self.host}' if self.host else '')

    def unknown(self, state: State) -> str | None:
        missing = [t for t in self.targets if state.container(t) is None]
        return f'no container {", ".join(missing)}' if missing else None


class StackAction(_Action):
    type: Literal['stack'] = 'stack'
    op: StackOp
    stack: Annotated[str, Field(pattern=STACK)]
    host: HOST = None

    def risk(self) -> Risk:
        return 'destructive' if self.op == 'remove' else 'change'

    def explain(self) -> str:
        return f'{self.op.capitalize()} stack {self.stack}' + (f' on {self.host}' if self.host else '')

    def unknown(self, state: State) -> str | None:
        return f'no stack {self.stack}' if self.stack not in state.stacks else None


class PortMapping(BaseModel):
    model_config = ConfigDict(extra='forbid')

    host: Annotated[int, Field(ge=1, le=65535)] | None = None
    container: Annotated[int, Field(ge=1, le=65535)] | None = None
    protocol: Literal['tcp', 'udp'] = 'tcp'
    # the host address to publish on (127.0.0.1: this machine only); None: every address
    host_ip: Annotated[str, Field(pattern=r'^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]{2,39})$')] | None = None


class VolumeMapping(BaseModel):
    model_config = ConfigDict(extra='forbid')

    source: Annotated[str, Field(min_length=1, max_length=500)]
    target: Annotated[str, Field(pattern=r'^/', max_length=500)]
    read_only: bool = False


class RunAction(_Action):
    type: Literal['run'] = 'run'
    image: Annotated[str, Field(pattern=r'^[a-z0-9][a-z0-9._/:@-]{0,254}$')]
    name: Annotated[str, Field(pattern=NAME)] | None = None
    ports: list[PortMapping] = Field(default_factory=list)
    env: dict[Annotated[str, Field(pattern=r'^[A-Za-z_][A-Za-z0-9_]*$')], str] = Field(default_factory=dict)
    volumes: list[VolumeMapping] = Field(default_factory=list)
    command: Annotated[str, Field(max_length=2000)] | list[Annotated[str, Field(max_length=2000)]] | None = None
    restart: Literal['no', 'always', 'unless-stopped', 'on-failure'] | None = None
    privileged: bool = False          # optional fields beyond the contract: policy looks at them
    network_mode: Literal['host', 'none', 'bridge'] | None = None
    pid: Literal['host'] | None = None
    host: HOST = None

    def explain(self) -> str:
        return (f'Run a new container from {self.image}' + (f' named {self.name}' if self.name else '')
                + (f' on {self.host}' if self.host else ''))


class DeployTemplateAction(_Action):
    type: Literal['deploy_template'] = 'deploy_template'
    template: Annotated[str, Field(pattern=r'^[a-z0-9][a-z0-9._-]{0,62}$')]
    stack: Annotated[str, Field(pattern=STACK)] | None = None
    params: dict[str, str | int | float | bool] = Field(default_factory=dict)
    host: HOST = None

    def explain(self) -> str:
        return (f'Deploy template {self.template}' + (f' as {self.stack}' if self.stack else '')
                + (f' on {self.host}' if self.host else ''))

    def unknown(self, state: State) -> str | None:
        return f'no template {self.template}' if self.template not in {t.id for t in state.templates} else None


class ScaleAction(_Action):
    type: Literal['scale'] = 'scale'
    stack: Annotated[str, Field(pattern=STACK)]
    service: Annotated[str, Field(pattern=NAME)]
    replicas: Annotated[int, Field(ge=0, le=100)]
    host: HOST = None

    def explain(self) -> str:
        return f'Scale {self.service} of {self.stack} to {self.replicas}' + (f' on {self.host}' if self.host else '')

    def unknown(self, state: State) -> str | None:
        if self.stack not in state.stacks:
            return f'no stack {self.stack}'
        if self.service not in {b.service for b in state.stacks.get(self.stack, ())}:
            return f'no service {self.service} in stack {self.stack}'
        return None


class RollbackAction(_Action):
    type: Literal['rollback'] = 'rollback'
    stack: Annotated[str, Field(pattern=STACK)]
    to: Annotated[str, Field(pattern=r'^[0-9a-f]{4,40}$')] | None = None

    def explain(self) -> str:
        return f'Roll {self.stack} back to {self.to or "its previous revision"}'

    def unknown(self, state: State) -> str | None:
        return f'no stack {self.stack}' if self.stack not in state.stacks else None


class PullAction(_Action):
    type: Literal['pull'] = 'pull'
    image: Annotated[str, Field(pattern=r'^[a-z0-9][a-z0-9._/:@-]{0,254}$')]
    host: HOST = None

    def explain(self) -> str:
        return f'Pull {self.image}' + (f' on {self.host}' if self.host else '')


class ConsoleAction(_Action):
    """Beyond the contract: a shell in a running container, in the browser. Running the plan opens
    nothing by itself: it answers where the console is (the chat shows it in place, the container
    page has it as a tab) and a shell starts when the person opens it — a session the history
    records. Counted as a change: what is typed into a shell can change anything in the container."""
    type: Literal['console'] = 'console'
    target: Annotated[str, Field(pattern=NAME)]
    host: HOST = None

    def explain(self) -> str:
        return f'Open a shell in {self.target}' + (f' on {self.host}' if self.host else '')

    def unknown(self, state: State) -> str | None:
        return f'no container {self.target}' if state.container(self.target) is None else None


class ExecAction(_Action):
    """Beyond the contract: one command in a running container, given to the engine as a list of
    arguments (never to a shell: no pipes, no redirections), its output and exit code shown.
    A change: a command can change anything in the container."""
    type: Literal['exec'] = 'exec'
    target: Annotated[str, Field(pattern=NAME)]
    command: Annotated[list[Annotated[str, Field(min_length=1, max_length=1000)]], Field(min_length=1, max_length=50)]
    host: HOST = None

    def explain(self) -> str:
        return f'Run {" ".join(self.command)} in {self.target}' + (f' on {self.host}' if self.host else '')

    def unknown(self, state: State) -> str | None:
        return f'no container {self.target}' if state.container(self.target) is None else None


class NodeAction(_Action):
    """Beyond the contract: a swarm node's availability — drain (its tasks move to other nodes), pause
    (no new tasks) or active — on the swarm that engine ``host`` manages."""
    type: Literal['node'] = 'node'
    op: Literal['drain', 'pause', 'active']
    node: Annotated[str, Field(pattern=NAME)]
    host: HOST = None

    def explain(self) -> str:
        what = {'drain': 'Drain node {} (its tasks move to the other nodes)', 'pause': 'Pause node {} (no new tasks)',
                'active': 'Make node {} active again'}[self.op]
        return what.format(self.node) + (f' on {self.host}' if self.host else '')


class ServiceAction(_Action):
    """Beyond the contract: a swarm service scaled, updated to another image (rolling) or rolled back."""
    type: Literal['service'] = 'service'
    op: Literal['scale', 'update', 'rollback']
    service: Annotated[str, Field(pattern=NAME)]
    replicas: Annotated[int, Field(ge=0, le=1000)] | None = None
    image: Annotated[str, Field(pattern=r'^[a-z0-9][a-z0-9._/:@-]{0,254}$')] | None = None
    host: HOST = None

    def explain(self) -> str:
        on = f' on {self.host}' if self.host else ''
        if self.op == 'scale':
            return f'Scale service {self.service} to {self.replicas} replicas{on}'
        if self.op == 'update':
            return f'Update service {self.service} to {self.image} (rolling){on}'
        return f'Roll service {self.service} back to its previous version{on}'


class TasksAction(_ReadAction):
    """Beyond the contract: which node runs each task of a swarm service ("where is the api running")."""
    type: Literal['tasks'] = 'tasks'
    service: Annotated[str, Field(pattern=NAME)]
    host: HOST = None

    def explain(self) -> str:
        return f'Show where the tasks of {self.service} run' + (f' on {self.host}' if self.host else '')


Action = Annotated[ListAction | StatusAction | LogsAction | HistoryAction | ContainerAction | StackAction | RunAction
                   | DeployTemplateAction | ScaleAction | RollbackAction | PullAction | ConsoleAction | ExecAction
                   | NodeAction | ServiceAction | TasksAction,
                   Field(discriminator='type')]
READ_TYPES = ('list', 'status', 'logs', 'history', 'tasks')


class Question(BaseModel):
    """What the parser needs to know; ``choices`` are complete commands the user can pick.

    ``guess`` (beyond the contract, ``auto`` mode): the choice an LLM proposed, also listed in
    ``choices`` — only ever a choice to pick, never an action of the plan that asks."""
    model_config = ConfigDict(extra='forbid')
    text: str
    choices: list[str] = Field(default_factory=list)
    guess: str | None = None


class Affected(BaseModel):
    """A container (or a stack without containers) that a plan changes, with its stack."""
    model_config = ConfigDict(extra='forbid')
    name: str
    kind: Literal['container', 'stack'] = 'container'
    stack: str | None = None


def affected(actions: list[Any], state: State) -> list[Affected]:
    """Every container the plan's container and stack actions change (a stack's by its
    containers; a stack that has none counts as itself), each once, in the order named."""
    out: dict[str, Affected] = {}
    for action in actions:
        if action.type == 'container':
            for name in action.targets:
                box = state.container(name)
                out.setdefault(name, Affected(name=name, stack=box.stack if box else None))
        elif action.type == 'stack':
            boxes = state.stacks.get(action.stack, ())
            for box in boxes:
                out.setdefault(box.name, Affected(name=box.name, stack=action.stack))
            if not boxes:
                out.setdefault(f'stack {action.stack}', Affected(name=action.stack, kind='stack', stack=action.stack))
    return list(out.values())


def type_to_confirm(risk: Risk, changed: list[Affected]) -> str | None:
    """What a person types to confirm a destructive plan over several containers or stacks (as
    one types a repository's name to delete it): how many it changes. None: a click is enough."""
    return str(len(changed)) if risk == 'destructive' and len(changed) >= 2 else None


class Plan(BaseModel):
    model_config = ConfigDict(extra='forbid')
    command: Annotated[str, Field(max_length=2000)]
    engine: Literal['rules', 'llm'] = 'rules'
    model: str | None = None
    summary: str = ''
    actions: list[Action] = Field(default_factory=list, max_length=20)
    risk: Literal['read', 'change', 'destructive'] = 'read'
    needs_confirmation: bool = False
    warnings: list[str] = Field(default_factory=list)
    refusals: list[str] = Field(default_factory=list)   # what the host policy refuses (also in warnings)
    questions: list[Question | str] = Field(default_factory=list)
    explanations: list[str] = Field(default_factory=list)   # one plain sentence per action
    # beyond the contract, computed in code like risk (what a client sends is computed again):
    prechecks: list[str] = Field(default_factory=list)   # what the gallery's dialog would warn of (also in warnings)
    affected: list[Affected] = Field(default_factory=list)   # the containers/stacks it changes, with their stacks
    type_to_confirm: str | None = None   # destructive over several: the text to type (and send) to confirm
    # sent by a client: what the person typed (POST /deploy; POST /nlp/run has it beside "confirm")
    typed_confirmation: Annotated[str, Field(max_length=100)] | None = None


class ActionResult(BaseModel):
    index: int
    ok: bool
    detail: str
    data: Any = None


class RunResult(BaseModel):
    ok: bool
    results: list[ActionResult]
    revision: str | None = None
    history_id: str | None = None
    plan: Plan | None = None


def action_risk(action: Any) -> Risk:
    return action.risk()


def plan_risk(actions: list[Any]) -> Risk:
    order = {'read': 0, 'change': 1, 'destructive': 2}
    touched = sum(len(a.targets) for a in actions if a.type == 'container')
    risks = [action_risk(a) for a in actions] + (['destructive'] if touched >= MANY else [])
    return max(risks, key=order.__getitem__, default='read')


def schema() -> dict[str, Any]:
    """The JSON Schema of a plan (``GET /nlp/schema``), from the very models the code uses."""
    return Plan.model_json_schema()
