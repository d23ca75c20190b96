"""The facade every front end calls: containers, logs, status and the live event bus.

    d = Deployer(Settings.from_env())
    d.start(loop)                     # begins watching the engine's events
    d.list_containers(stack='blog')   # -> list[ContainerSummary]
    d.container_action('web', 'restart')
    async for lines in d.follow_logs('web'): ...
    d.bus.subscribe(callback)         # ContainerEvent / EngineState as they happen

Blocking methods are plain functions: front ends call them off the event loop.
"""
from __future__ import annotations

import asyncio
import contextlib
import re
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, TypeVar

from .auth import TokenAuth, load_or_create_token
from .bus import EventBus
from .coalesce import FreshCall
from .engine import Engine, detail_from_inspect
from .engine import summary_from_list as _summary
from .engines import ALL, LOCAL, EngineNode, EngineSet
from .errors import Conflict, DeployerError, EngineUnavailable, Forbidden, InvalidInput, NotFound
from .history import History
from .logs import grep, parse_time, pump_logs, split_lines
from .models import STACK_LABEL, ActionOutcome, ContainerDetail, ContainerSummary, EngineState, LogGap
from .operations import SYSTEM, Origin, Recorder
from .registries import RegistryLogins
from .secrets import Secrets
from .service_exec import ExecService
from .service_images import ImageService
from .service_nlp import AssistantService
from .service_stacks import StackService
from .service_updates import UpdateService, UpdateStatus
from .service_volumes import NetworkService, VolumeService
from .settings import Settings
from .stacks.manager import Stacks
from .stats import StatsCollector, host_figures
from .store import Store
from .swarm import SwarmService
from .templates import Catalog
from .versioning import ConfigRepo
from .vocabulary import CONTAINER_ACTIONS
from .watcher import Watcher

T = TypeVar('T')

ACTIONS = CONTAINER_ACTIONS
STATES = ('created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead')
_SIGNAL = re.compile(r'^(SIG)?[A-Z][A-Z0-9+-]{0,15}$|^[0-9]{1,2}$')
_MAX_TAIL = 1_000_000


class Deployer:
    def __init__(self, settings: Settings, *, engine: Engine | None = None) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.token = load_or_create_token(settings.data_dir, settings.token)
        self.auth = TokenAuth(self.token, sessions_path=settings.data_dir / 'sessions.json')
        self.store = Store(settings.data_dir / 'state.json')
        self.engine = engine or Engine(settings.docker_host)
        self.secrets = Secrets(settings.data_dir / 'secrets')   # what every answer masks
        self.bus = EventBus(prepare=self.secrets.event)
        self.stats = StatsCollector(self.engine)
        self._container_list = FreshCall(self._list_all)
        self._engine_info = FreshCall(self.engine.info)
        self.watcher = Watcher(self.engine, self.bus, on_running=self.stats.track if settings.stats else None,
                               on_inspect=self.secrets.learn)
        self.stacks = Stacks(self.engine, data_dir=settings.data_dir, health_timeout=settings.health_timeout,
                             allow_privileged=self.privileged_allowed, bind_roots=settings.bind_roots)
        self.repo = ConfigRepo(settings.data_dir / 'config')
        self.history = History(settings.data_dir / 'history')
        self.recorder = Recorder(self.repo, self.history, on_record=self.bus.publish, secrets=self.secrets)
        self.registries = RegistryLogins(settings.data_dir / 'secrets', self.engine, self.recorder, secrets=self.secrets,
                                         check_writable=self._check_writable)
        # several engines (issue 16): the local one and the configured others, each with its own watcher
        self.local_node = EngineNode(LOCAL, settings.docker_host or 'the local socket', self.engine, self.watcher,
                                     self.stats)
        self.engines = EngineSet(self.local_node, config_dir=settings.data_dir / 'config',
                                 secrets_dir=settings.data_dir / 'secrets', recorder=self.recorder, bus=self.bus,
                                 on_inspect=self.secrets.learn, check_writable=self._check_writable,
                                 stats_enabled=settings.stats, auth_for=self.registries.auth_for)
        self.catalog = Catalog(settings.templates_dir, settings.data_dir / 'config' / 'templates')
        self.images = ImageService(self.engine, self.recorder, check_writable=self._check_writable)
        self.volumes = VolumeService(self.engine, self.recorder, policy=self.stacks.policy,
                                     check_writable=self._check_writable, allow_privileged=self.privileged_allowed)
        self.networks = NetworkService(self.engine, self.recorder, check_writable=self._check_writable)
        self.consoles = ExecService(self.engine, self.recorder, check_writable=self._check_writable)
        self.updates = UpdateService(self.engine, stack_action=lambda *a, **k: self.stack_action(*a, **k),
                                     check_writable=self._check_writable)
        self._disk: tuple[float, dict[str, Any] | None] = (0.0, None)
        self._disk_lock = threading.Lock()
        self._sizes: tuple[float, dict[str, Any] | None] = (0.0, None)   # the engine's info, for host_totals

        # stacks, templates, versions and history: StackService (service_stacks.py)
        self.stack_service = StackService(stacks=self.stacks, catalog=self.catalog, repo=self.repo,
                                          history=self.history, recorder=self.recorder, bus=self.bus,
                                          settings=settings, secrets=self.secrets, check_writable=self._check_writable)
        s = self.stack_service
        self.list_stacks, self.get_stack, self.deploy_stack = s.list_stacks, s.get_stack, s.deploy_stack
        self.stack_action, self.scale_stack, self.rollback_stack = s.stack_action, s.scale_stack, s.rollback_stack
        self.stack_revisions, self.stack_diff, self.stack_changes = s.stack_revisions, s.stack_diff, s.stack_changes
        self.revision_parent, self.reveal_secrets = s.revision_parent, s.reveal_secrets
        self.check_stack, self.adopt_stack, self.cancel_deploy = s.check_stack, s.adopt_stack, s.cancel_deploy
        self.check_template = s.check_template
        self.history_page, self.history_record = s.history_page, s.history_record
        self.list_templates, self.get_template, self.deploy_template = s.list_templates, s.get_template, s.deploy_template
        self.import_templates, self.import_templates_from_url = s.import_templates, s.import_templates_from_url
        self.save_stack_as_template, self.delete_template = s.save_stack_as_template, s.delete_template

        # the assistant: AssistantService (service_nlp.py), running plans through this facade's operations
        self.assistant = AssistantService(settings=settings, engine=self.engine, catalog=self.catalog,
                                          recorder=self.recorder, stacks=self.stacks, secrets=self.secrets,
                                          repo=self.repo, preferences=self, ops=self, watcher=self.watcher,
                                          check_writable=self._check_writable)
        a = self.assistant
        self.nlp_settings, self.update_settings, self.nl_state = a.nlp_settings, a.update_settings, a.nl_state
        self.parse_command, self.check_plan, self.run_plan = a.parse_command, a.check_plan, a.run_plan
        self.engine_listing, self.run_container = a.engine_listing, a.run_container

    # ---- lifecycle ------------------------------------------------------------------------
    def start(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        if loop is not None:
            self.bus.bind(loop)
        self.watcher.start()
        self.engines.start()
        threading.Thread(target=self._refresh_disk_usage, name='disk-usage', daemon=True).start()

    def close(self) -> None:
        self.engines.close()
        self.watcher.stop()
        self.stats.close()
        self.store.close()
        self.history.close()
        self.engine.close()

    # ---- engine -----------------------------------------------------------------------------
    @property
    def engine_state(self) -> EngineState:
        return self.watcher.state

    def health(self) -> dict[str, Any]:
        try:
            version = self.engine.version()
        except DeployerError as exc:
            return {'ok': False, 'engine': {'reachable': False, 'version': None, 'error': exc.message}}
        return {'ok': True, 'engine': {'reachable': True, 'version': version.get('Version'),
                                       'api_version': version.get('ApiVersion')}}

    # ---- containers -------------------------------------------------------------------------
    def list_containers(self, *, all: bool = True, status: str | None = None,
                        stack: str | None = None, engine: str | None = None) -> list[ContainerSummary]:
        """Every container as of the call: from the event-fed cache once every event received before
        the call is applied (:meth:`Watcher.current`), else the engine's list, which callers at the
        same moment share (never one fetched before they asked). ``engine``: one engine's id (default:
        the local one) or ``all`` — every engine that answers (GET /engines says which do not)."""
        if status and status not in STATES:
            raise InvalidInput(f'status must be one of {", ".join(STATES)}, not {status[:40]!r}')
        if engine in (None, '', LOCAL, 'default'):
            rows = self.watcher.current()
            if rows is None:
                rows = self._container_list()
        elif engine == ALL:
            rows = []
            for node in self.engines.nodes():
                try:
                    rows += node.containers()
                except EngineUnavailable:
                    continue
        else:
            node = self.engines.node(engine)
            try:
                rows = node.containers()
            except EngineUnavailable as exc:
                raise EngineUnavailable(f'engine {node.id} is unreachable: {exc.message}') from None
        if status:
            rows = [c for c in rows if c.state == status]
        elif not all:  # like the engine's list without all=1
            rows = [c for c in rows if c.state in ('running', 'paused', 'restarting')]
        if stack:
            rows = [c for c in rows if c.stack == stack]
        return [self.secrets.summary(c) for c in rows]  # a new list: the fetched one is shared

    def _list_all(self) -> list[ContainerSummary]:
        started = self.watcher.started_at
        return [_summary(raw, started.get(raw['Id'])) for raw in self.engine.list_raw(all=True)]

    def get_container(self, ref: str, *, engine: str | None = None) -> ContainerDetail:
        """Env names without values; command, entrypoint and labels with secrets masked."""
        raw = self._engine(engine).resolve(ref)
        self.secrets.learn(raw)
        return self.secrets.detail(detail_from_inspect(raw))

    def summary(self, container_id: str) -> ContainerSummary:
        rows = self.engine.list_raw(all=True, filters={'id': [container_id]})
        rows = [r for r in rows if r['Id'] == container_id]
        if not rows:
            raise NotFound(f'container {container_id[:12]!r} not found')
        return self.secrets.summary(_summary(rows[0], self.watcher.started_at.get(container_id)))

    def container_action(self, ref: str, action: str, *, timeout: int | None = None, force: bool = False,
                         signal: str | None = None, tail: int | None = None, origin: Origin = SYSTEM,
                         engine: str | None = None) -> ActionOutcome:
        """Run one action on a container found by id, id prefix or name (on ``engine``: default the
        local one)."""
        node = self.engines.node(engine)   # the local node holds this facade's own engine and watcher
        return self._container_action(node.engine, node.watcher, ref, action, timeout=timeout, force=force,
                                      signal=signal, tail=tail, origin=origin,
                                      engine=None if node.id == LOCAL else node.id)

    def stacks_on(self, engine: str | None) -> StackService:
        """The stacks of ``engine`` (default: the local one). Another engine's stacks are versioned
        under engines/<id>/stacks in the configuration repository, their secrets under
        secrets/engines/<id>/stacks, and checked by a host policy with that engine's bind roots."""
        def make(node: EngineNode) -> StackService:
            stacks = Stacks(node.engine, data_dir=self.settings.data_dir, health_timeout=self.settings.health_timeout,
                            allow_privileged=self.privileged_allowed, bind_roots=node.bind_roots,
                            scope=f'engines/{node.id}')
            return StackService(stacks=stacks, catalog=self.catalog, repo=self.repo, history=self.history,
                                recorder=self.recorder.on_engine(node.id), bus=self.bus, settings=self.settings,
                                secrets=self.secrets, check_writable=self._check_writable,
                                prefix=f'engines/{node.id}/stacks')
        return self._on(engine, self.stack_service, 'stacks', make)

    def images_on(self, engine: str | None) -> ImageService:
        """The images of ``engine`` (default: the local one); pulls there use the kept registry logins."""
        return self._on(engine, self.images, 'images', lambda node: ImageService(
            node.engine, self.recorder.on_engine(node.id), check_writable=self._check_writable))

    def volumes_on(self, engine: str | None) -> VolumeService:
        """The volumes of ``engine``; a bind volume is checked against that engine's bind roots."""
        return self._on(engine, self.volumes, 'volumes', lambda node: VolumeService(
            node.engine, self.recorder.on_engine(node.id), policy=self.stacks_on(node.id).stacks.policy,
            check_writable=self._check_writable, allow_privileged=self.privileged_allowed))

    def networks_on(self, engine: str | None) -> NetworkService:
        return self._on(engine, self.networks, 'networks', lambda node: NetworkService(
            node.engine, self.recorder.on_engine(node.id), check_writable=self._check_writable))

    def consoles_on(self, engine: str | None) -> ExecService:
        """Commands and shells in the containers of ``engine`` (default: the local one)."""
        return self._on(engine, self.consoles, 'consoles', lambda node: ExecService(
            node.engine, self.recorder.on_engine(node.id), check_writable=self._check_writable))

    def updates_on(self, engine: str | None) -> UpdateService:
        """Update checks of ``engine``'s running containers; an update converges that engine's stack."""
        return self._on(engine, self.updates, 'updates', lambda node: UpdateService(
            node.engine, stack_action=self.stacks_on(node.id).stack_action, check_writable=self._check_writable,
            engine_id=node.id))

    def swarm_on(self, engine: str | None) -> SwarmService:
        """The swarm ``engine`` manages (default: the local engine): nodes, services, tasks, swarm stacks.
        Its stacks are versioned under [engines/<id>/]swarm/ and checked by that engine's host policy."""
        def make(node: EngineNode) -> SwarmService:
            return SwarmService(node.engine, self.recorder if node.id == LOCAL else self.recorder.on_engine(node.id),
                                policy=self.stacks_on(node.id).stacks.policy, check_writable=self._check_writable,
                                allow_privileged=self.privileged_allowed,
                                prefix='' if node.id == LOCAL else f'engines/{node.id}/')
        return self.engines.node(engine).service('swarm', make)

    def check_updates(self, *, engine: str | None = None, refresh: bool = False) -> list[UpdateStatus]:
        """Update checks of one engine, or with ``engine='all'`` of every reachable one (one that
        cannot be reached is left out: the dashboard says it is down)."""
        if engine != ALL:
            return self.updates_on(engine).check(refresh=refresh)
        statuses: list[UpdateStatus] = []
        for node in self.engines.nodes():
            if node.id == LOCAL or node.watcher.state.reachable:
                try:
                    statuses += self.updates_on(node.id).check(refresh=refresh)
                except EngineUnavailable:
                    continue
        statuses.sort(key=lambda s: (s.status != 'update available', s.engine or '', s.container))
        return statuses

    def known_updates(self) -> dict[tuple[str, str], UpdateStatus]:
        """What the last checks said, per (engine id, container name), over every engine."""
        return {(node.id, name): status for node in self.engines.nodes()
                for name, status in self.updates_on(node.id).known().items()}

    def _on(self, engine: str | None, local: T, kind: str, make: Callable[[EngineNode], T]) -> T:
        node = self.engines.node(engine)
        return local if node.id == LOCAL else node.service(kind, make)

    def series(self, container_id: str, seconds: float = 3600.0) -> dict[str, list[float]]:
        """A running container's last ``seconds`` of figures from whichever engine's poller samples it."""
        for node in self.engines.nodes():
            data = node.stats.series(container_id, seconds)
            if data['t']:
                break
        return data

    def _engine(self, engine: str | None) -> Engine:
        return self.engines.node(engine).engine

    def _container_action(self, client: Engine, watcher: Watcher, ref: str, action: str, *, timeout: int | None,
                          force: bool, signal: str | None, tail: int | None, origin: Origin,
                          engine: str | None) -> ActionOutcome:
        if action not in ACTIONS:
            raise InvalidInput(f'action must be one of {", ".join(ACTIONS)}, not {action[:40]!r}')
        if action != 'logs':
            self._check_writable(action)
        if timeout is not None and not 0 <= timeout <= 3600:
            raise InvalidInput('timeout must be between 0 and 3600 seconds')
        if signal is not None and not _SIGNAL.match(signal):
            raise InvalidInput(f'{signal[:20]!r} is not a signal name (like SIGTERM) or number')
        _check_tail(tail)
        raw = client.resolve(ref)
        cid, state = raw['Id'], (raw.get('State') or {}).get('Status')
        name = raw.get('Name', '').lstrip('/')
        if action == 'logs':
            lines = split_lines(client.logs(cid, tail=100 if tail is None else tail))
            return ActionOutcome(cid, action, state or 'unknown', lines=lines)
        stack = ((raw.get('Config') or {}).get('Labels') or {}).get(STACK_LABEL)
        params = {k: v for k, v in (('timeout', timeout), ('force', force or None), ('signal', signal), ('engine', engine))
                  if v is not None}
        with self.recorder.operation(f'container.{action}', target=name, stack=stack, origin=origin, params=params) as op:
            wrong = {'pause': state != 'running' and 'it is not running',
                     'unpause': state != 'paused' and 'it is not paused',
                     'kill': state not in ('running', 'paused', 'restarting') and 'it is not running'}.get(action)
            if wrong:
                raise Conflict(f'cannot {action} container {name}: {wrong}')
            if action == 'start':
                client.start(cid)
            elif action == 'stop':
                client.stop(cid, timeout=timeout)
            elif action == 'restart':
                client.restart(cid, timeout=timeout)
            elif action == 'pause':
                client.pause(cid)
            elif action == 'unpause':
                client.unpause(cid)
            elif action == 'kill':
                client.kill(cid, signal=signal)
            elif action == 'remove':
                client.remove(cid, force=force)
                watcher.forget(cid)
                self.secrets.forget(cid)
                op.result = 'removed'
                return ActionOutcome(cid, action, 'removed')
            container = watcher.note(client.inspect(cid))  # the list shows it at once
            op.result = container.state
        return ActionOutcome(cid, action, container.state, container=self.secrets.summary(container))

    def container_series(self, ref: str, seconds: float = 3600.0, *, engine: str | None = None) -> dict[str, Any]:
        """The last ``seconds`` (at most an hour) of a running container's CPU, memory, network
        and block I/O, from its engine's stats poller's memory: no engine call per viewer."""
        if not 0 < seconds <= 3600:
            raise InvalidInput('seconds must be between 1 and 3600')
        node = self.engines.node(engine)
        raw = node.engine.resolve(ref)
        return {'container': raw.get('Name', '').lstrip('/'), 'interval': node.stats.interval,
                **node.stats.series(raw['Id'], seconds)}

    def _check_writable(self, action: str) -> None:
        if self.settings.read_only:
            raise Forbidden(f'DockerDeployer runs read-only (DEPLOYER_READ_ONLY); {action!r} is refused')

    # ---- logs ---------------------------------------------------------------------------------
    def logs(self, ref: str, *, tail: int | None = None, since: str | float | None = None,
             until: str | float | None = None, timestamps: bool = False,
             grep_for: str | None = None, engine: str | None = None) -> list[str]:
        return grep(split_lines(self.log_bytes(ref, tail=tail, since=since, until=until, timestamps=timestamps,
                                               engine=engine)), grep_for)

    def log_bytes(self, ref: str, *, tail: int | None = None, since: str | float | None = None,
                  until: str | float | None = None, timestamps: bool = False, engine: str | None = None) -> bytes:
        _check_tail(tail)
        since_s, until_s = parse_time(since, name='since'), parse_time(until, name='until')
        if since_s and until_s and until_s < since_s:
            raise InvalidInput('until must not be before since')
        client = self._engine(engine)
        cid = client.resolve(ref)['Id']
        return client.logs(cid, tail=tail, since=since_s, until=until_s, timestamps=timestamps)

    async def follow_logs(self, ref: str, *, tail: int | None = 100, since: str | float | None = None,
                          timestamps: bool = False, grep_for: str | None = None,
                          resume: bool = True, engine: str | None = None) -> AsyncIterator[list[str] | LogGap]:
        """Yield batches of new lines until the container stops or the consumer leaves.

        The first batch is always empty and comes as soon as the stream is open, so callers
        see errors (unknown container …) before they commit to a response.
        The engine is read in bulk in a thread; whatever arrived while the consumer was busy
        comes as one batch, so a fast writer cannot flood a slow page.
        When the engine goes away (and ``resume``), a :class:`LogGap` says so, the follow waits
        for the engine, says it is back and reads on from the moment the stream broke: lines
        the container wrote meanwhile are not lost (with live-restore it keeps running)."""
        _check_tail(tail)
        since_s = parse_time(since, name='since')
        node = self.engines.node(engine)
        client, watcher = node.engine, node.watcher
        cid = (await asyncio.to_thread(client.resolve, ref))['Id']
        opened: tuple[Iterator[bytes], Callable[[], None]] | None = await asyncio.to_thread(
            client.follow_logs, cid, tail=tail, since=since_s, timestamps=timestamps)
        yield []  # the stream is open: callers may now report success
        while opened is not None:
            async with contextlib.aclosing(pump_logs(cid, *opened)) as batches:
                async for batch in batches:
                    batch = grep(batch, grep_for)
                    if batch:
                        yield batch
            broke_at = time.time()
            if not resume:
                return
            try:
                running = bool(((await asyncio.to_thread(client.inspect, cid)).get('State') or {}).get('Running'))
            except NotFound:
                return
            except EngineUnavailable:
                yield LogGap(False, 'The Docker engine is unreachable; the log continues when it is back.')
                opened = await self._reopen_logs_when_back(client, watcher, cid, broke_at, timestamps)
                if opened is None:
                    return
                yield LogGap(True, 'The Docker engine is back; following again.')
                continue
            if not running:
                return
            await asyncio.sleep(1)  # the stream ended under a running container: read on, gently
            try:
                opened = await asyncio.to_thread(client.follow_logs, cid, tail=None, since=broke_at,
                                                 timestamps=timestamps)
            except DeployerError:
                return

    async def _reopen_logs_when_back(self, client: Engine, watcher: Watcher, cid: str, since: float,
                                     timestamps: bool) -> tuple[Iterator[bytes], Callable[[], None]] | None:
        """Wait for the engine, then open the container's log from ``since``; None once it is gone."""
        while True:
            await asyncio.sleep(0.25)
            if not watcher.state.reachable:
                continue
            try:
                return await asyncio.to_thread(client.follow_logs, cid, tail=None, since=since,
                                               timestamps=timestamps)
            except NotFound:
                return None
            except EngineUnavailable:  # not quite back yet
                continue

    # ---- status ---------------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        info = self._engine_info()  # shared by callers at the same moment, like the container list
        state = self.watcher.state
        version = ({'Version': state.version, 'ApiVersion': state.api_version} if state.reachable and state.version
                   else self.engine.version())
        stats = self.stats.latest()
        names = {c.id: c.name for c in self.watcher.snapshot()}
        return {
            'engine': {
                'version': version.get('Version'), 'api_version': version.get('ApiVersion'),
                'os': info.get('OperatingSystem'), 'kernel': info.get('KernelVersion'),
                'storage_driver': info.get('Driver'),
                'containers': {'total': info.get('Containers', 0), 'running': info.get('ContainersRunning', 0),
                               'paused': info.get('ContainersPaused', 0), 'stopped': info.get('ContainersStopped', 0)},
                'images': info.get('Images', 0),
                'disk_usage': self._disk_usage(),
            },
            'host': host_figures(self.settings.data_dir),
            'totals': self.host_totals(),
            'containers': [{'id': cid, 'name': names.get(cid, cid[:12]), **figures.to_dict()}
                           for cid, figures in sorted(stats.items(), key=lambda kv: names.get(kv[0], kv[0]))],
        }

    def host_totals(self) -> dict[str, Any]:
        """What the running containers use together, against what the engine's machine has: CPU %
        summed over the containers (100 % = one CPU) and memory in bytes, from the poller's latest
        samples (no engine call); the machine's CPUs and memory from the engine's info, read at
        most once a minute (for a remote engine these are its machine's, not this one's)."""
        read_at, info = self._sizes
        if info is None:
            info = self._read_sizes()
        elif time.monotonic() - read_at > 60:   # a page refreshing on the event loop does not wait for it
            self._sizes = (time.monotonic(), info)
            threading.Thread(target=self._read_sizes, name='engine-sizes', daemon=True).start()
        stats = self.stats.latest()
        running = {c.id for c in self.watcher.snapshot() if c.state == 'running'}
        measured = [figures for cid, figures in stats.items() if cid in running]
        return {'cpus': int(info.get('NCPU') or 0), 'memory_total': int(info.get('MemTotal') or 0),
                'cpu_percent': round(sum(f.cpu_percent for f in measured), 2),
                'memory_usage': sum(f.memory_usage for f in measured),
                'running': len(running), 'measured': len(measured)}

    def _read_sizes(self) -> dict[str, Any]:
        try:
            info = self._engine_info()
        except DeployerError:
            info = self._sizes[1] or {}
        self._sizes = (time.monotonic(), info)
        return info

    def _disk_usage(self) -> dict[str, Any] | None:
        read_at, figures = self._disk
        if time.time() - read_at > 60:
            threading.Thread(target=self._refresh_disk_usage, name='disk-usage', daemon=True).start()
        return figures

    def _refresh_disk_usage(self) -> None:
        if not self._disk_lock.acquire(blocking=False):
            return
        try:
            raw = self.engine.disk_usage()
        except DeployerError:
            return
        finally:
            self._disk_lock.release()
        figures = {
            'images': sum(i.get('Size', 0) for i in raw.get('Images') or []),
            'containers': sum(c.get('SizeRw', 0) or 0 for c in raw.get('Containers') or []),
            'volumes': sum(max((v.get('UsageData') or {}).get('Size', 0), 0) for v in raw.get('Volumes') or []),
            'build_cache': sum(b.get('Size', 0) for b in raw.get('BuildCache') or []),
            'layers': raw.get('LayersSize', 0),
        }
        self._disk = (time.time(), figures)

    def port_in_use(self, port: int) -> str | None:
        """Who holds a host port: a container's name, 'another program', or None when free."""
        if not 0 < port < 65536:
            raise InvalidInput('port must be between 1 and 65535')
        for c in self.watcher.snapshot():
            if c.state == 'running' and any(p.host_port == port for p in c.ports):
                return c.name
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(('0.0.0.0', port))
            except OSError:
                return 'another program'
        return None

    # ---- preferences -----------------------------------------------------------------------------
    def privileged_allowed(self) -> bool:
        """Privileged mode is the operator's (DEPLOYER_ALLOW_PRIVILEGED); the settings can only
        switch it off and back on within that."""
        return self.settings.allow_privileged and bool(self.preference('allow_privileged', True))

    def preference(self, key: str, default: Any = None) -> Any:
        return self.store.get(f'pref.{key}', default)

    def set_preference(self, key: str, value: Any) -> None:
        self.store.set(f'pref.{key}', value)


def _check_tail(tail: int | None) -> None:
    if tail is not None and not 0 <= tail <= _MAX_TAIL:
        raise InvalidInput(f'tail must be between 0 and {_MAX_TAIL}')
