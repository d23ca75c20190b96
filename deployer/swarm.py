"""Docker Swarm, on an engine that is a swarm manager: what ``docker node``, ``docker service`` and
``docker stack`` do, with the history, the configuration repository and the host policy.

    swarm = SwarmService(engine, recorder, policy=…, check_writable=…, allow_privileged=…, prefix='engines/x/')
    swarm.info()                              # active? a manager? how many nodes
    swarm.nodes()                             # role, availability, state, address, engine version, labels
    swarm.set_availability('dd-node-2', 'drain')
    swarm.join_tokens(reveal=False)           # masked unless revealed (a reveal is recorded)
    swarm.services(stack='shop'); swarm.tasks('shop_web')    # which node runs each task, in what state
    swarm.scale('shop_web', 5); swarm.update_image('shop_web', 'nginx:1.27'); swarm.rollback('shop_web')
    swarm.deploy_stack('shop', compose_text)  # as `docker stack deploy`: converges, waits, rolls back on failure
    swarm.stacks(); swarm.remove_stack('shop'); swarm.stack_revisions('shop'); swarm.deploy_revision('shop', rev)

A stack deployed here is committed as ``<prefix>swarm/<stack>/docker-compose.yml`` after it converged;
one made by ``docker stack deploy`` is found by its ``com.docker.stack.namespace`` labels and can be
scaled, updated, rolled back and removed the same way. Every change is a history record.
"""
from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from .compose import load_project
from .compose.loader import check_project_name
from .engine import Engine
from .errors import Conflict, DeployerError, Forbidden, InvalidInput, NotFound
from .operations import SYSTEM, Origin, Recorder
from .policy import HostPolicy, refusal
from .swarm_spec import CONTENT_HASH, NAMESPACE, SPEC_HASH, content_hash, read_host_file, spec_hash, stack_objects
from .versioning import Revision

AVAILABILITY = ('active', 'pause', 'drain')
LABEL_KEY = re.compile(r'^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$')
FILE = 'docker-compose.yml'
Progress = Callable[[str], None]


@dataclass(frozen=True)
class NodeSummary:
    id: str
    hostname: str
    role: str                    # manager | worker
    availability: str            # active | pause | drain
    state: str                   # ready | down | unknown | disconnected
    address: str
    engine_version: str
    labels: dict[str, str]
    leader: bool
    reachability: str | None     # a manager's: reachable | unreachable
    tasks: int = 0               # running tasks on it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ServiceSummary:
    id: str
    name: str
    stack: str | None
    image: str
    mode: str                    # replicated | global
    replicas: int | None         # desired (replicated)
    running: int
    desired: int                 # tasks that should run now
    ports: list[dict[str, Any]]
    update_state: str | None     # updating | completed | paused | rollback_started | rollback_completed …
    update_message: str | None
    created: str
    updated: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TaskSummary:
    id: str
    service: str
    slot: int | None
    node_id: str
    node: str                    # its hostname
    desired: str
    state: str
    message: str
    error: str | None
    container: str | None
    image: str
    updated: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SwarmStack:
    name: str
    services: int
    running: int
    desired: int
    managed: bool                # its compose file is kept here (deployed by us)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class StackOutcome:
    stack: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    revision: str | None = None
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class SwarmService:
    def __init__(self, engine: Engine, recorder: Recorder, *, policy: HostPolicy, check_writable: Callable[[str], None],
                 allow_privileged: Callable[[], bool], prefix: str = '', timeout: float = 180.0) -> None:
        self.engine = engine
        self.recorder = recorder
        self.policy = policy
        self._check_writable = check_writable
        self._allow_privileged = allow_privileged
        self.prefix = prefix            # where this engine's swarm stacks live in the configuration repository
        self.timeout = timeout          # how long a converge may take before it is rolled back
        self._deploying = threading.Lock()

    # ---- reads ----------------------------------------------------------------------------------
    def info(self) -> dict[str, Any]:
        swarm = self.engine.info().get('Swarm') or {}
        state = swarm.get('LocalNodeState') or 'inactive'
        return {'active': state == 'active', 'state': state, 'manager': bool(swarm.get('ControlAvailable')),
                'node_id': swarm.get('NodeID') or None, 'cluster_id': (swarm.get('Cluster') or {}).get('ID'),
                'nodes': swarm.get('Nodes'), 'managers': swarm.get('Managers'), 'error': swarm.get('Error') or None}

    def _manager(self) -> None:
        info = self.info()
        if not info['active']:
            raise Conflict('this engine is not part of a swarm (docker swarm init makes it a manager)')
        if not info['manager']:
            raise Conflict('this engine is a swarm worker: manage the swarm through one of its managers')

    def _call(self, fn: Callable[[Any], Any], what: str = '') -> Any:   # fn gets the engine's API client
        return self.engine.call(fn, what)

    def _api(self, method: str, *args: Any, what: str = '', **kwargs: Any) -> Any:
        """One APIClient method (the engine's errors translated)."""
        return self.engine.call(lambda c: getattr(c, method)(*args, **kwargs), what)

    def nodes(self) -> list[NodeSummary]:
        self._manager()
        raw = self._call(lambda c: c.nodes())
        running: dict[str, int] = {}
        for task in self._call(lambda c: c.tasks(filters={'desired-state': 'running'})):
            if (task.get('Status') or {}).get('State') == 'running':
                running[task.get('NodeID', '')] = running.get(task.get('NodeID', ''), 0) + 1
        return sorted((_node(n, running.get(n['ID'], 0)) for n in raw), key=lambda n: (n.role != 'manager', n.hostname))

    def _node_raw(self, ref: str) -> dict[str, Any]:
        """A node by id, id prefix or hostname."""
        self._manager()
        if not isinstance(ref, str) or not ref.strip() or len(ref) > 200:
            raise InvalidInput('a node is named by its id or hostname')
        nodes = self._call(lambda c: c.nodes())
        found = [n for n in nodes if n['ID'] == ref or (n.get('Description') or {}).get('Hostname') == ref]
        found = found or [n for n in nodes if len(ref) >= 4 and n['ID'].startswith(ref)]
        if len(found) != 1:
            raise NotFound(f'no swarm node {ref[:80]}' if not found else f'{ref[:80]} names several nodes: give its id')
        return found[0]

    def join_tokens(self, *, reveal: bool = False, origin: Origin = SYSTEM) -> dict[str, Any]:
        """The commands that join a node as a worker or a manager; the tokens masked unless ``reveal``
        (a reveal is a history record: whoever holds a token can join the swarm)."""
        self._manager()
        swarm = self._call(lambda c: c.inspect_swarm())
        tokens = swarm.get('JoinTokens') or {}
        info = self.engine.info().get('Swarm') or {}
        address = next((m.get('Addr') for m in info.get('RemoteManagers') or [] if m.get('NodeID') == info.get('NodeID')),
                       None) or f'{info.get("NodeAddr")}:2377'

        def shown(token: str) -> str:
            return token if reveal else token[:10] + '…' + '*' * 8 + token[-4:]
        if reveal:
            with self.recorder.operation('swarm.tokens.reveal', target='join tokens', origin=origin) as op:
                op.result = 'revealed'
        return {'address': address, 'revealed': reveal,
                **{role: {'token': shown(tokens.get(role.capitalize(), '')),
                          'command': f'docker swarm join --token {shown(tokens.get(role.capitalize(), ""))} {address}'}
                   for role in ('worker', 'manager')}}

    def services(self, *, stack: str | None = None) -> list[ServiceSummary]:
        self._manager()
        filters = {'label': f'{NAMESPACE}={stack}'} if stack else None
        raw = self._call(lambda c: c.services(filters=filters, status=True))
        return sorted((_service(s) for s in raw), key=lambda s: s.name)

    def _service_raw(self, ref: str) -> dict[str, Any]:
        self._manager()
        if not isinstance(ref, str) or not re.match(r'^[A-Za-z0-9][A-Za-z0-9_.-]{0,200}$', ref):
            raise InvalidInput('a service is named by its name or id')
        raw = self._call(lambda c: c.services(filters={'name': ref}))
        exact = [s for s in raw if s['Spec']['Name'] == ref or s['ID'] == ref]
        if not exact:
            exact = [s for s in self._call(lambda c: c.services()) if s['ID'].startswith(ref)] if len(ref) >= 6 else []
        if len(exact) != 1:
            raise NotFound(f'no swarm service {ref[:80]}')
        return exact[0]

    def service(self, ref: str) -> dict[str, Any]:
        """A service's summary, its spec (environment values left out) and its tasks."""
        raw = self._service_raw(ref)
        summary = _service(self._call(lambda c: c.services(filters={'id': raw['ID']}, status=True))[0]).to_dict()
        spec = raw['Spec']
        container = dict(spec['TaskTemplate'].get('ContainerSpec') or {})
        container['Env'] = [e.split('=', 1)[0] + '=…' for e in container.get('Env') or []]
        return {**summary, 'spec': {**spec, 'TaskTemplate': {**spec['TaskTemplate'], 'ContainerSpec': container}},
                'tasks': [t.to_dict() for t in self.tasks(raw['ID'])]}

    def tasks(self, service: str | None = None, *, node: str | None = None, all: bool = False) -> list[TaskSummary]:
        """Tasks (newest first per slot): by default those meant to run and the last failures."""
        self._manager()
        filters: dict[str, Any] = {}
        if service:
            filters['service'] = self._service_raw(service)['ID']
        if node:
            filters['node'] = self._node_raw(node)['ID']
        raw = self._call(lambda c: c.tasks(filters=filters))
        names = {n['ID']: (n.get('Description') or {}).get('Hostname', '') for n in self._call(lambda c: c.nodes())}
        services = {s['ID']: s['Spec']['Name'] for s in self._call(lambda c: c.services())}
        rows = [_task(t, names, services) for t in raw]
        rows.sort(key=lambda t: (t.service, t.slot or 0, t.updated), reverse=False)
        if not all:
            rows = [t for t in rows if t.desired == 'running' or t.state in ('failed', 'rejected')][-200:]
        return sorted(rows, key=lambda t: (t.service, t.slot or 0, t.desired != 'running', t.updated))

    def service_logs(self, service: str, *, tail: int | None = 200, since: float | None = None,
                     follow: bool = False) -> Iterator[dict[str, Any]]:
        """Every task's lines, each with its task and node: ``{'task', 'node', 'time', 'line'}``."""
        raw = self._service_raw(service)
        names = {n['ID']: (n.get('Description') or {}).get('Hostname', '') for n in self._call(lambda c: c.nodes())}
        tasks = {t['ID']: t.get('Slot') for t in self._call(lambda c: c.tasks(filters={'service': raw['ID']}))}
        kwargs: dict[str, Any] = {'details': True, 'follow': follow, 'stdout': True, 'stderr': True, 'timestamps': True,
                                  'tail': 'all' if tail is None else tail}
        if since is not None:
            kwargs['since'] = int(since)
        stream = self._call(lambda c: c.service_logs(raw['ID'], **kwargs))
        pending = b''
        for chunk in stream:
            pending += chunk
            *lines, pending = pending.split(b'\n')
            for line in lines:
                yield _log_line(line.decode('utf-8', 'replace'), raw['Spec']['Name'], names, tasks)
        if pending:
            yield _log_line(pending.decode('utf-8', 'replace'), raw['Spec']['Name'], names, tasks)

    # ---- nodes ----------------------------------------------------------------------------------
    def set_availability(self, node: str, availability: str, *, origin: Origin = SYSTEM) -> NodeSummary:
        """Drain (its tasks move to other nodes), pause (none new) or activate a node."""
        if availability not in AVAILABILITY:
            raise InvalidInput(f'availability must be one of {", ".join(AVAILABILITY)}')
        self._check_writable(f'node {availability}')
        raw = self._node_raw(node)
        name = (raw.get('Description') or {}).get('Hostname') or raw['ID']
        with self.recorder.operation(f'node.{availability}', target=name, origin=origin,
                                     params={'node': raw['ID']}) as op:
            spec = {**raw['Spec'], 'Availability': availability}
            self._call(lambda c: c.update_node(raw['ID'], raw['Version']['Index'], spec), f'node {name}')
            op.result = f'{name} is {availability}'
        return self._find_node(raw['ID'])

    def set_labels(self, node: str, *, add: dict[str, str] | None = None, remove: list[str] | None = None,
                   origin: Origin = SYSTEM) -> NodeSummary:
        """Labels that placement constraints and preferences read (``node.labels.<key>``)."""
        add, remove = dict(add or {}), list(remove or [])
        for key in [*add, *remove]:
            if not isinstance(key, str) or not LABEL_KEY.match(key):
                raise InvalidInput(f'label {str(key)[:80]!r}: letters, digits, "_", "." and "-" (up to 128)')
        if any(not isinstance(v, str) or len(v) > 1024 for v in add.values()):
            raise InvalidInput('a label value is text of up to 1024 characters')
        if not add and not remove:
            raise InvalidInput('give labels to add or to remove')
        self._check_writable('node labels')
        raw = self._node_raw(node)
        name = (raw.get('Description') or {}).get('Hostname') or raw['ID']
        with self.recorder.operation('node.labels', target=name, origin=origin,
                                     params={'node': raw['ID'], 'add': add, 'remove': remove}) as op:
            labels = {k: v for k, v in (raw['Spec'].get('Labels') or {}).items() if k not in remove} | add
            spec = {**raw['Spec'], 'Labels': labels}
            self._call(lambda c: c.update_node(raw['ID'], raw['Version']['Index'], spec), f'node {name}')
            op.result = ', '.join([*(f'{k}={v}' for k, v in add.items()), *(f'-{k}' for k in remove)])
        return self._find_node(raw['ID'])

    def _find_node(self, node_id: str) -> NodeSummary:
        return next(n for n in self.nodes() if n.id == node_id)

    # ---- services -------------------------------------------------------------------------------
    def scale(self, service: str, replicas: int, *, origin: Origin = SYSTEM, wait: bool = True,
              progress: Progress | None = None) -> ServiceSummary:
        if isinstance(replicas, bool) or not isinstance(replicas, int) or not 0 <= replicas <= 1000:
            raise InvalidInput('replicas must be a whole number from 0 to 1000')
        self._check_writable('service scale')
        raw = self._service_raw(service)
        name = raw['Spec']['Name']
        if 'Replicated' not in raw['Spec'].get('Mode', {}):
            raise Conflict(f'{name} is a global service: it runs one task on every node and has no replica count')
        with self.recorder.operation('service.scale', target=name, stack=_stack_of(raw), origin=origin,
                                     params={'replicas': replicas}) as op:
            spec = {**raw['Spec'], 'Mode': {'Replicated': {'Replicas': replicas}}}
            self._update(raw, spec)
            if wait:
                self._wait_running(name, progress)
            op.result = f'{name} scaled to {replicas}'
        return self._summary(name)

    def update_image(self, service: str, image: str, *, origin: Origin = SYSTEM, wait: bool = True,
                     progress: Progress | None = None) -> ServiceSummary:
        """A rolling update to another image, as the service's update_config says; a failed one is
        rolled back (by Swarm when its failure action is rollback, else here)."""
        if not isinstance(image, str) or not re.match(r'^[a-z0-9][a-z0-9._/:@-]{0,254}$', image):
            raise InvalidInput('an image reference like nginx:1.27 or ghcr.io/acme/app:2')
        self._check_writable('service update')
        raw = self._service_raw(service)
        name = raw['Spec']['Name']
        with self.recorder.operation('service.update', target=name, stack=_stack_of(raw), origin=origin,
                                     params={'image': image}) as op:
            spec = dict(raw['Spec'])
            task = dict(spec['TaskTemplate'])
            task['ContainerSpec'] = {**task['ContainerSpec'], 'Image': image}
            spec['TaskTemplate'] = task
            self._update(raw, spec)
            if wait:
                self._wait_update(name, progress)
            op.result = f'{name} runs {image}'
        return self._summary(name)

    def rollback(self, service: str, *, origin: Origin = SYSTEM, wait: bool = True,
                 progress: Progress | None = None) -> ServiceSummary:
        """Back to the service's previous spec (``docker service rollback``)."""
        self._check_writable('service rollback')
        raw = self._service_raw(service)
        name = raw['Spec']['Name']
        if not raw.get('PreviousSpec'):
            raise Conflict(f'{name} has no previous version to roll back to')
        with self.recorder.operation('service.rollback', target=name, stack=_stack_of(raw), origin=origin) as op:
            self._update(raw, raw['Spec'], rollback=True)
            if wait:
                self._wait_update(name, progress, rolling_back=True)
            op.result = f'{name} rolled back'
        return self._summary(name)

    def remove_service(self, service: str, *, origin: Origin = SYSTEM) -> None:
        self._check_writable('service remove')
        raw = self._service_raw(service)
        name = raw['Spec']['Name']
        with self.recorder.operation('service.remove', target=name, stack=_stack_of(raw), origin=origin) as op:
            self._call(lambda c: c.remove_service(raw['ID']), f'service {name}')
            op.result = 'removed'

    def _summary(self, name: str) -> ServiceSummary:
        return next(s for s in self.services() if s.name == name)

    def _update(self, raw: dict[str, Any], spec: dict[str, Any], *, rollback: bool = False) -> None:
        params: dict[str, Any] = {'version': raw['Version']['Index']}
        if rollback:
            params['rollback'] = 'previous'

        def update(c: Any) -> None:
            response = c._post_json(c._url('/services/{0}/update', raw['ID']), data=spec, params=params)
            c._raise_for_status(response)
        self._call(update, f'service {raw["Spec"]["Name"]}')

    def _create(self, spec: dict[str, Any]) -> str:
        def create(c: Any) -> str:
            result: dict[str, Any] = c._result(c._post_json(c._url('/services/create'), data=spec), True)
            return str(result['ID'])
        return str(self._call(create, f'service {spec["Name"]}'))

    # ---- waiting --------------------------------------------------------------------------------
    def _wait_running(self, name: str, progress: Progress | None, *, deadline: float | None = None) -> None:
        """Until every task meant to run is running; a task that keeps failing ends it."""
        deadline = deadline or time.monotonic() + self.timeout
        said = ''
        while True:
            raw = self._service_raw(name)
            tasks = self._api('tasks', filters={'service': raw['ID']})
            wanted = _wanted(raw, tasks)
            running = [t for t in tasks if t.get('DesiredState') == 'running' and t['Status'].get('State') == 'running']
            failed = [t for t in tasks if t['Status'].get('State') in ('failed', 'rejected')
                      and t.get('CreatedAt', '') >= raw.get('UpdatedAt', '')]   # since its last change
            line = f'{name}: {len(running)}/{wanted} running'
            if line != said and progress is not None:
                progress(line)
            said = line
            if len(running) >= wanted and all(t['Status'].get('State') == 'running' for t in tasks
                                               if t.get('DesiredState') == 'running'):
                return
            if len(failed) >= max(3, 2 * wanted):
                raise _failed(name, 'its tasks keep failing', failed)
            if time.monotonic() > deadline:
                raise _failed(name, f'not running after {self.timeout:.0f} s', failed)
            time.sleep(0.5)

    def _wait_update(self, name: str, progress: Progress | None, *, rolling_back: bool = False,
                     deadline: float | None = None) -> None:
        """Until the rolling update completed; a rolled-back or paused one is an error (a paused one is
        rolled back here first)."""
        deadline = deadline or time.monotonic() + self.timeout
        said = ''
        while True:
            raw = self._service_raw(name)
            status = raw.get('UpdateStatus') or {}
            state, message = status.get('State'), status.get('Message') or ''
            line = f'{name}: {state or "updating"}{" - " + message if message else ""}'
            if line != said and progress is not None:
                progress(line)
            said = line
            tasks = self._api('tasks', filters={'service': raw['ID']})
            failed = [t for t in tasks if t['Status'].get('State') in ('failed', 'rejected')
                      and t.get('CreatedAt', '') >= status.get('StartedAt', '')]   # this update's, not older ones
            if state == ('rollback_completed' if rolling_back else 'completed'):
                self._wait_running(name, progress, deadline=deadline)
                return
            if state is None and not rolling_back:
                self._wait_running(name, progress, deadline=deadline)   # nothing to roll (the same spec)
                return
            if not rolling_back and state in ('rollback_completed', 'rollback_paused'):
                with contextlib.suppress(DeployerError):   # said once it runs as before
                    self._wait_running(name, progress, deadline=time.monotonic() + self.timeout)
                raise _failed(name, f'the update failed and was rolled back ({message})', failed)
            if state in ('paused', 'rollback_paused'):
                if not rolling_back:
                    self._update(raw, raw['Spec'], rollback=True)
                    self._wait_update(name, progress, rolling_back=True, deadline=time.monotonic() + self.timeout)
                    raise _failed(name, f'the update failed and was rolled back ({message})', failed)
                raise _failed(name, f'the rollback paused ({message})', failed)
            if time.monotonic() > deadline:
                raise _failed(name, f'the update did not finish in {self.timeout:.0f} s', failed)
            time.sleep(0.5)

    # ---- stacks ---------------------------------------------------------------------------------
    def _path(self, stack: str) -> str:
        return f'{self.prefix}swarm/{stack}/{FILE}'

    def stack_file(self, stack: str) -> str | None:
        path = self.recorder.repo.path / self._path(stack)
        return path.read_text() if path.is_file() else None

    def stacks(self) -> list[SwarmStack]:
        rows: dict[str, list[ServiceSummary]] = {}
        for service in self.services():
            if service.stack:
                rows.setdefault(service.stack, []).append(service)
        folder = self.recorder.repo.path / f'{self.prefix}swarm'
        for kept in (p.parent.name for p in folder.glob(f'*/{FILE}')) if folder.is_dir() else ():
            rows.setdefault(kept, [])
        return [SwarmStack(name, len(services), sum(s.running for s in services), sum(s.desired for s in services),
                           self.stack_file(name) is not None) for name, services in sorted(rows.items())]

    def stack_revisions(self, stack: str) -> list[Revision]:
        check_project_name(stack)
        return self.recorder.repo.log(self._path(stack))

    def deploy_revision(self, stack: str, revision: str, *, origin: Origin = SYSTEM,
                        progress: Progress | None = None) -> StackOutcome:
        """The stack as its file was at ``revision`` ("roll back to here")."""
        check_project_name(stack)
        text = self.recorder.repo.read(revision, self._path(stack))
        if text is None:
            raise NotFound(f'swarm stack {stack} had no compose file at revision {revision[:12]}')
        return self.deploy_stack(stack, text, origin=origin, progress=progress,
                                 summary=f'roll swarm stack {stack} back to {revision[:12]}')

    def deploy_stack(self, stack: str, compose: str, *, origin: Origin = SYSTEM, progress: Progress | None = None,
                     summary: str | None = None) -> StackOutcome:
        """Create what is new, update what changed (rolling, as each service's update_config says),
        leave the rest untouched, remove services the file no longer has; wait until it runs. A
        failure rolls back what this deploy changed and keeps the previous file."""
        check_project_name(stack)
        if not isinstance(compose, str) or not compose.strip():
            raise InvalidInput('give the stack\'s compose document')
        if len(compose) > 1_000_000:
            raise InvalidInput('a compose document is at most 1 MB')
        self._check_writable('swarm stack deploy')
        self._manager()
        project = load_project(compose, name=stack, read_guard=self.policy.read_guard(
            stack, allow_privileged=self._allow_privileged()))
        found = self.policy.findings(project)
        if found and not self._allow_privileged():
            raise Forbidden(refusal(found))
        desired = stack_objects(project, read_file=read_host_file)
        warnings = [w for w in project.warnings if 'ignored on a single engine' not in w]
        if not self._deploying.acquire(blocking=False):
            raise Conflict('another swarm stack deploy is running on this engine; try again when it is done')
        try:
            with self.recorder.operation('swarm.stack.deploy', target=stack, stack=stack, origin=origin,
                                         params={'services': sorted(desired.services)}) as op:
                outcome = self._converge(stack, desired, progress)
                outcome.warnings = warnings
                path = self.recorder.repo.path / self._path(stack)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(compose)
                outcome.revision = op.commit(summary or f'deploy swarm stack {stack}', paths=[self._path(stack)])
                op.result = (f'{len(outcome.created)} created, {len(outcome.updated)} updated, '
                             f'{len(outcome.unchanged)} unchanged, {len(outcome.removed)} removed')
            return outcome
        finally:
            self._deploying.release()

    def _converge(self, stack: str, desired: Any, progress: Progress | None) -> StackOutcome:
        say = progress or (lambda line: None)
        outcome = StackOutcome(stack)
        current = {s['Spec']['Name']: s for s in self._call(lambda c: c.services(filters={'label': f'{NAMESPACE}={stack}'}))}
        made_networks: list[str] = []
        existing = {n['Name'] for n in self._call(lambda c: c.networks(filters={'label': f'{NAMESPACE}={stack}'}))}
        for name, net in desired.networks.items():
            if name not in existing:
                say(f'network {name}: creating')
                self._api('create_network', net['Name'], driver=net['Driver'], options=net['Options'] or None,
                          internal=net['Internal'], attachable=net['Attachable'], labels=net['Labels'], scope='swarm',
                          ipam=_ipam_config(net.get('IPAM')), what=f'network {name}')
                made_networks.append(name)
        self._objects(stack, 'secret', desired.secrets, desired.services, say)
        self._objects(stack, 'config', desired.configs, desired.services, say)
        created: list[str] = []
        updated: list[str] = []
        try:
            for name, spec in desired.services.items():
                old = current.get(name)
                if old is None:
                    say(f'{name}: creating')
                    self._create(spec)
                    created.append(name)
                elif (old['Spec'].get('Labels') or {}).get(SPEC_HASH) == spec['Labels'][SPEC_HASH]:
                    outcome.unchanged.append(name)
                else:
                    say(f'{name}: updating')
                    self._update(old, spec)
                    updated.append(name)
            deadline = time.monotonic() + self.timeout
            for name in created:
                self._wait_running(name, say, deadline=deadline)
            for name in updated:
                self._wait_update(name, say, deadline=deadline)
        except DeployerError as exc:
            self._undo(created, updated, made_networks, say)
            exc.message = f'{exc.message}; the stack was put back as it was'
            raise
        outcome.created, outcome.updated = created, updated
        for name, old in current.items():
            if name not in desired.services:
                say(f'{name}: removing')
                self._api('remove_service', old['ID'], what=f'service {name}')
                outcome.removed.append(name)
        self._prune(stack, desired)
        say(f'stack {stack}: converged')
        return outcome

    def _objects(self, stack: str, kind: str, wanted: dict[str, bytes], services: dict[str, dict[str, Any]],
                 say: Progress) -> None:
        """Secrets and configs cannot change: one whose content changed is made under a new name
        (``<stack>_<key>_<hash>``) and the services are pointed at it."""
        found = {o['Spec']['Name']: o for o in self._api(f'{kind}s', filters={'label': f'{NAMESPACE}={stack}'})}
        for name, data in wanted.items():
            digest = content_hash(data)
            same = next((n for n, o in found.items() if (o['Spec'].get('Labels') or {}).get(CONTENT_HASH) == digest
                         and (n == name or n.startswith(name + '_'))), None)
            target = same or (name if name not in found else f'{name}_{digest[:10]}')
            if same is None:
                say(f'{kind} {target}: creating')
                labels = {NAMESPACE: stack, CONTENT_HASH: digest}
                self._api(f'create_{kind}', target, data, labels=labels, what=f'{kind} {target}')
            object_id = next(o['ID'] for o in self._api(f'{kind}s', filters={'name': target}) if o['Spec']['Name'] == target)
            key = 'Secrets' if kind == 'secret' else 'Configs'
            for spec in services.values():
                for ref in spec['TaskTemplate']['ContainerSpec'].get(key) or []:
                    if ref.get(f'{kind.capitalize()}Name') == name:
                        ref[f'{kind.capitalize()}Name'] = target
                        ref[f'{kind.capitalize()}ID'] = object_id
        for spec in services.values():   # the names changed the specs: hash them again
            spec['Labels'][SPEC_HASH] = spec_hash(spec)

    def _prune(self, stack: str, desired: Any) -> None:
        """The stack's networks, secrets and configs nothing of it uses any more."""
        used_secrets = {r.get('SecretName') for s in desired.services.values()
                        for r in s['TaskTemplate']['ContainerSpec'].get('Secrets') or []}
        used_configs = {r.get('ConfigName') for s in desired.services.values()
                        for r in s['TaskTemplate']['ContainerSpec'].get('Configs') or []}
        for kind, used in (('secret', used_secrets), ('config', used_configs)):
            for obj in self._api(f'{kind}s', filters={'label': f'{NAMESPACE}={stack}'}):
                if obj['Spec']['Name'] not in used:
                    try:
                        self._api(f'remove_{kind}', obj['ID'])
                    except DeployerError:
                        pass   # still in use by a task that is going away: the next deploy removes it
        for net in self._call(lambda c: c.networks(filters={'label': f'{NAMESPACE}={stack}'})):
            if net['Name'] not in desired.networks:
                try:
                    self._api('remove_network', net['Id'])
                except DeployerError:
                    pass

    def _undo(self, created: list[str], updated: list[str], networks: list[str], say: Progress) -> None:
        for name in updated:
            try:
                raw = self._service_raw(name)
                state = (raw.get('UpdateStatus') or {}).get('State')
                if raw.get('PreviousSpec') and state not in ('rollback_completed', 'rollback_started'):
                    say(f'{name}: rolling back')
                    self._update(raw, raw['Spec'], rollback=True)
                    self._wait_update(name, say, rolling_back=True, deadline=time.monotonic() + self.timeout)
            except DeployerError as exc:
                say(f'{name}: the rollback failed: {exc.message}')
        for name in created:
            try:
                raw = self._service_raw(name)
                say(f'{name}: removing (it was new)')
                self._api('remove_service', raw['ID'])
            except DeployerError:
                pass
        for name in networks:
            for _ in range(20):   # a network is free once the removed tasks are gone
                try:
                    self._api('remove_network', name)
                    break
                except NotFound:
                    break
                except DeployerError:
                    time.sleep(0.5)

    def remove_stack(self, stack: str, *, origin: Origin = SYSTEM) -> list[str]:
        """Every service, network, secret and config of the stack (``docker stack rm``); its file goes
        from the configuration repository (its revisions stay)."""
        check_project_name(stack)
        self._check_writable('swarm stack remove')
        self._manager()
        services = self._call(lambda c: c.services(filters={'label': f'{NAMESPACE}={stack}'}))
        kept = self.recorder.repo.path / self._path(stack)
        if not services and not kept.exists():
            raise NotFound(f'no swarm stack {stack}')
        with self.recorder.operation('swarm.stack.remove', target=stack, stack=stack, origin=origin) as op:
            for service in services:
                self._api('remove_service', service['ID'], what=f'service {service["Spec"]["Name"]}')
            deadline = time.monotonic() + 60
            for kind in ('secret', 'config', 'network'):
                for obj in self._api(f'{kind}s', filters={'label': f'{NAMESPACE}={stack}'}):
                    ref = obj.get('ID') or obj.get('Id')
                    while True:
                        try:
                            self._api(f'remove_{kind}', ref)
                            break
                        except NotFound:
                            break
                        except DeployerError:
                            if time.monotonic() > deadline:
                                raise
                            time.sleep(0.5)   # its tasks are still stopping
            if kept.exists():
                kept.unlink()
                op.commit(f'remove swarm stack {stack}', paths=[self._path(stack)])
            op.result = f'{len(services)} services removed'
        return [s['Spec']['Name'] for s in services]


# ---- rows -------------------------------------------------------------------------------------------
def _node(raw: dict[str, Any], running: int) -> NodeSummary:
    spec, status, description = raw.get('Spec') or {}, raw.get('Status') or {}, raw.get('Description') or {}
    manager = raw.get('ManagerStatus') or {}
    return NodeSummary(id=raw['ID'], hostname=description.get('Hostname', ''), role=spec.get('Role', 'worker'),
                       availability=spec.get('Availability', 'active'), state=status.get('State', 'unknown'),
                       address=status.get('Addr', ''), engine_version=(description.get('Engine') or {}).get('EngineVersion', ''),
                       labels=dict(spec.get('Labels') or {}), leader=bool(manager.get('Leader')),
                       reachability=manager.get('Reachability'), tasks=running)


def _service(raw: dict[str, Any]) -> ServiceSummary:
    spec = raw['Spec']
    mode = spec.get('Mode') or {}
    status = raw.get('ServiceStatus') or {}
    update = raw.get('UpdateStatus') or {}
    ports = [{'target': p.get('TargetPort'), 'published': p.get('PublishedPort'), 'protocol': p.get('Protocol'),
              'mode': p.get('PublishMode')} for p in (raw.get('Endpoint') or {}).get('Ports') or
             (spec.get('EndpointSpec') or {}).get('Ports') or []]
    image = (spec['TaskTemplate'].get('ContainerSpec') or {}).get('Image', '')
    return ServiceSummary(id=raw['ID'], name=spec['Name'], stack=(spec.get('Labels') or {}).get(NAMESPACE),
                          image=image.split('@sha256:')[0], mode='global' if 'Global' in mode else 'replicated',
                          replicas=(mode.get('Replicated') or {}).get('Replicas'),
                          running=int(status.get('RunningTasks') or 0), desired=int(status.get('DesiredTasks') or 0),
                          ports=ports, update_state=update.get('State'), update_message=update.get('Message'),
                          created=raw.get('CreatedAt', ''), updated=raw.get('UpdatedAt', ''))


def _task(raw: dict[str, Any], nodes: dict[str, str], services: dict[str, str]) -> TaskSummary:
    status = raw.get('Status') or {}
    container = (status.get('ContainerStatus') or {}).get('ContainerID')
    image = ((raw.get('Spec') or {}).get('ContainerSpec') or {}).get('Image', '')
    return TaskSummary(id=raw['ID'], service=services.get(raw.get('ServiceID', ''), raw.get('ServiceID', '')),
                       slot=raw.get('Slot'), node_id=raw.get('NodeID', ''), node=nodes.get(raw.get('NodeID', ''), ''),
                       desired=raw.get('DesiredState', ''), state=status.get('State', ''),
                       message=status.get('Message', ''), error=status.get('Err'),
                       container=container[:12] if container else None, image=image.split('@sha256:')[0],
                       updated=raw.get('UpdatedAt', ''))


def _wanted(raw: dict[str, Any], tasks: list[dict[str, Any]]) -> int:
    """Replicated: its replicas; global: one a node it is meant to run on (a task each, made by the scheduler)."""
    mode = raw['Spec'].get('Mode') or {}
    if 'Replicated' in mode:
        return int(mode['Replicated'].get('Replicas', 1))
    return max(1, sum(1 for t in tasks if t.get('DesiredState') == 'running'))


def _stack_of(raw: dict[str, Any]) -> str | None:
    return (raw['Spec'].get('Labels') or {}).get(NAMESPACE)


def _failed(name: str, why: str, failed: list[dict[str, Any]]) -> DeployerError:
    errors = sorted({(t['Status'].get('Err') or t['Status'].get('Message') or '') for t in failed} - {''})[:5]
    error = DeployerError(f'service {name}: {why}' + (f': {"; ".join(errors)}' if errors else ''))
    error.evidence = {'service': name, 'task_errors': errors}   # type: ignore[attr-defined]
    return error


def _log_line(text: str, service: str, nodes: dict[str, str], tasks: dict[str, int | None]) -> dict[str, Any]:
    """``<time> com.docker.swarm.node.id=…,com.docker.swarm.service.id=…,com.docker.swarm.task.id=… <line>``."""
    stamp, _, rest = text.partition(' ')
    details, _, line = rest.partition(' ') if rest.startswith('com.docker.swarm') else ('', '', rest)
    pairs = dict(p.split('=', 1) for p in details.split(',') if '=' in p)
    task = pairs.get('com.docker.swarm.task.id', '')
    slot = tasks.get(task)
    return {'time': stamp, 'node': nodes.get(pairs.get('com.docker.swarm.node.id', ''), ''),
            'task': f'{service}.{slot}' if slot is not None else task[:12], 'line': line}


def _ipam_config(ipam: dict[str, Any] | None) -> dict[str, Any] | None:
    """The engine's IPAM form (what docker.types.IPAMConfig serialises to)."""
    if not ipam:
        return None
    return {'Driver': ipam.get('Driver') or 'default', 'Options': {},
            'Config': [{k: v for k, v in (('Subnet', c.get('Subnet')), ('Gateway', c.get('Gateway')),
                                          ('IPRange', c.get('IPRange'))) if v} for c in ipam.get('Config') or []]}
