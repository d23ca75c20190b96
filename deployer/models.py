"""Our own frozen value types; the SDK's raw dicts never leave ``deployer/engine/``."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

STACK_LABEL = 'com.docker.compose.project'
SERVICE_LABEL = 'com.docker.compose.service'


@dataclass(frozen=True)
class PortBinding:
    container_port: int
    protocol: str
    host_ip: str | None = None
    host_port: int | None = None


def container_problem(state: str, health: str | None, exit_code: int | None) -> str | None:
    """What is wrong with a container, if anything: ``unhealthy`` (running, failing its health
    check), ``restarting`` (it keeps exiting and the engine starts it again) or ``failed``
    (exited with a code other than 0, or dead). ``None``: nothing known to be wrong."""
    if state == 'restarting':
        return 'restarting'
    if state == 'running' and health == 'unhealthy':
        return 'unhealthy'
    if state == 'dead' or (state == 'exited' and exit_code):
        return 'failed'
    return None


@dataclass(frozen=True)
class ContainerSummary:
    id: str
    short_id: str
    name: str
    image: str
    state: str
    status: str
    health: str | None
    created: float
    started_at: str | None
    ports: list[PortBinding]
    stack: str | None
    service: str | None
    labels: dict[str, str]
    exit_code: int | None = None       # exited or restarting: the code it last exited with
    engine: str = 'local'              # the engine it runs on (issue 16: several engines)

    @property
    def problem(self) -> str | None:
        """unhealthy | restarting | failed, or None (see :func:`container_problem`)."""
        return container_problem(self.state, self.health, self.exit_code)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ActionOutcome:
    """What a container action did: the container's id and state after it (``removed`` once
    gone), its summary, or the log lines for ``logs``."""
    id: str
    action: str
    state: str
    container: ContainerSummary | None = None
    lines: list[str] | None = None


@dataclass(frozen=True)
class Mount:
    type: str
    source: str | None
    destination: str
    read_only: bool
    name: str | None = None


@dataclass(frozen=True)
class NetworkAttachment:
    name: str
    ip_address: str | None
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ContainerDetail:
    id: str
    short_id: str
    name: str
    image: str
    image_id: str
    state: str
    status: str
    health: str | None
    created: str
    started_at: str | None
    finished_at: str | None
    exit_code: int | None
    restart_count: int
    ports: list[PortBinding]
    stack: str | None
    service: str | None
    labels: dict[str, str]
    env: list[str]
    mounts: list[Mount]
    networks: list[NetworkAttachment]
    restart_policy: dict[str, Any]
    command: list[str]
    entrypoint: list[str]
    hostname: str
    working_dir: str
    user: str
    privileged: bool

    @property
    def problem(self) -> str | None:
        """unhealthy | restarting | failed, or None (see :func:`container_problem`)."""
        return container_problem(self.state, self.health, self.exit_code)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ContainerStats:
    cpu_percent: float
    memory_usage: int
    memory_limit: int
    memory_percent: float
    read_at: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ContainerEvent:
    """A container change as the service saw it on the engine's event stream.

    ``kind`` is one of created, started, stopped, died, paused, unpaused, restarted,
    renamed, health, removed, oom; ``container`` is the container's summary after the
    change (``None`` once removed).
    """
    kind: str
    id: str
    name: str
    time: float
    container: ContainerSummary | None = None
    health: str | None = None
    exit_code: int | None = None
    engine: str = 'local'              # the engine it came from

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class EngineState:
    reachable: bool
    version: str | None = None
    api_version: str | None = None
    error: str | None = None
    containers_total: int = 0
    containers_running: int = 0
    engine: str = 'local'              # the engine it describes

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class LogGap:
    """In a followed log: the engine went away (``reachable`` false) or came back (true).

    A follow survives an engine outage: it waits, then reads on from where the outage began."""
    reachable: bool
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class StackService:
    name: str
    image: str
    replicas: int                      # wanted (from the compose document), or what runs for foreign stacks
    running: int
    containers: list[ContainerSummary]


@dataclass(frozen=True)
class StackSummary:
    """A compose project on the engine, whoever made it (``source``: dockerdeployer or compose)."""
    name: str
    state: str                         # running | degraded | partial | stopped | empty (see Stacks._summary)
    source: str
    services: int
    containers: int
    running: int
    template: str | None = None
    working_dir: str | None = None
    config_files: list[str] = field(default_factory=list)
    redeployable: bool = False
    ports: list[PortBinding] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)  # container name -> unhealthy | restarting | failed

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class StackDetail(StackSummary):
    compose: str | None = None         # the document as stored (parameters not filled in)
    params: dict[str, str] = field(default_factory=dict)   # non-secret parameters and env
    secret_params: list[str] = field(default_factory=list)  # names only
    service_list: list[StackService] = field(default_factory=list)
    disabled_services: list[str] = field(default_factory=list)
    drift: dict[str, Any] | None = None    # stacks deployed here: do the containers match the definition?
    refused: str | None = None             # the host policy refuses its definition now: why (redeploy fails)
    revision: str | None = None            # its configuration's latest revision (deployed here), for expect_revision
