"""Converging a compose project on the engine, with progress and a rollback journal.

A deploy brings images (pull or build), networks and volumes, then walks the services in
dependency order, the services of one level in parallel: an unchanged container (same
config hash, same image) keeps running, a changed one is recreated, a missing one created.
Old containers are only stopped and renamed until the whole deploy has succeeded, so a
failure can put everything back exactly as it was; on success they, scaled-down replicas
and services that left the document are removed.

Over 400 lines on purpose: ``Deployment`` is one deploy and its rollback journal; every step
that changes the engine writes its undo into that journal, and keeping the steps beside the
journal is what makes "a failure puts everything back" checkable in one read.
"""
from __future__ import annotations

import functools
import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..compose.loader import dependency_levels
from ..compose.model import Dependency, Project, Service
from ..engine import Engine
from ..errors import DeployerError, DeployFailed, EngineUnavailable
from . import spec

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Progress:
    """One step of a deploy, for progress views: ``phase`` is one of pulling, building,
    creating, starting, waiting, running, unchanged, removing, failed, rolling-back, done."""
    stack: str
    phase: str
    message: str
    service: str | None = None
    layer: str | None = None
    current: int | None = None
    total: int | None = None
    time: float = field(default_factory=time.time)
    engine: str = 'local'              # the engine the operation runs on
    elapsed: float | None = None       # waiting: seconds so far
    health: str | None = None          # waiting: the last output of the awaited service's health check
    logs: list[str] | None = None      # waiting: the awaited service's last log lines


@dataclass
class Result:
    created: list[str] = field(default_factory=list)
    recreated: list[str] = field(default_factory=list)
    started: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pulled: list[str] = field(default_factory=list)
    built: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # what the engine could not apply (swarm-only fields …)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.recreated or self.started or self.removed)


ProgressFn = Callable[[Progress], None]
WATCH_EVERY = 1.0       # seconds between reports while waiting for a service
WATCH_LINES = 5         # log lines shown while waiting
EVIDENCE_LINES = 30     # log lines kept in the history record of a failed deploy


def _quiet(_: Progress) -> None:
    pass


class Deployment:
    def __init__(self, engine: Engine, project: Project, *, secrets_dir: Path, progress: ProgressFn | None = None,
                 pull: str | None = None, health_timeout: float = 300.0, remove_orphans: bool = True,
                 managed: bool = True, cancel: threading.Event | None = None) -> None:
        self.engine = engine
        self.project = project
        self.secrets_dir = secrets_dir
        self.progress = progress or _quiet
        self.pull = pull                      # None: each service's pull_policy; 'always'; 'never'
        self.health_timeout = health_timeout
        self.remove_orphans = remove_orphans
        self.managed = managed                # False: redeploying a stack made by docker compose
        self.result = Result(warnings=list(project.warnings))
        self._undo: list[tuple[str, Callable[[], None]]] = []
        self._commit: list[tuple[str, Callable[[], None]]] = []
        self._lock = threading.Lock()
        self._images: dict[str, str] = {}
        self._running: dict[str, list[str]] = {}   # service -> container ids, once up
        self._started: dict[str, list[str]] = {}   # service -> containers this deploy created or started
        self.cancel = cancel or threading.Event()   # set from another thread: stop waiting and roll back

    # ---- the whole deploy --------------------------------------------------------------------
    def run(self) -> Result:
        name = self.project.name
        try:
            existing = self._existing()
            self._prepare_images()
            self._write_files()
            self._ensure_networks()
            self._ensure_volumes()
            for level in dependency_levels(self.project.services):
                if len(level) == 1:
                    self._converge_service(self.project.services[level[0]], existing.get(level[0], []))
                else:
                    with ThreadPoolExecutor(max_workers=min(8, len(level))) as pool:
                        futures = [pool.submit(self._converge_service, self.project.services[s], existing.get(s, []))
                                   for s in level]
                        errors = [f.exception() for f in futures]
                    for error in errors:
                        if error is not None:
                            raise error
            if self.remove_orphans:
                for service, containers in existing.items():
                    if service not in self.project.services:
                        for raw in containers:
                            self._retire(raw, service, reason='removed from the stack')
        except Exception as exc:
            if not isinstance(exc, EngineUnavailable) and not self._engine_answers():
                exc = EngineUnavailable('The Docker engine went away during the deploy; what it changed is put back '
                                        'as far as the engine allows. Start the engine and deploy again.')
            if isinstance(exc, EngineUnavailable):
                self.progress(Progress(name, 'failed', exc.message))
                self._rollback()
                raise exc from None
            failure = exc if isinstance(exc, DeployFailed) else DeployFailed(
                exc.message if isinstance(exc, DeployerError) else f'unexpected error: {type(exc).__name__}: {exc}')
            if not isinstance(exc, DeployerError):
                log.exception('stack %s: deploy failed unexpectedly', name)
            if failure.service and not failure.evidence:   # read it now: the rollback removes the containers
                failure.evidence = self._evidence(failure.service)
            self.progress(Progress(name, 'failed', failure.message, service=failure.service))
            self._rollback()
            raise failure from None
        for label, action in self._commit:
            try:
                action()
            except DeployerError as exc:
                log.warning('stack %s: %s failed after a successful deploy: %s', name, label, exc.message)
        self.progress(Progress(name, 'done', self._summary()))
        return self.result

    def _engine_answers(self) -> bool:
        try:
            self.engine.version()
        except DeployerError:
            return False
        return True

    def _summary(self) -> str:
        r = self.result
        parts = [f'{len(v)} {k}' for k, v in (('created', r.created), ('recreated', r.recreated), ('started', r.started),
                                              ('unchanged', r.unchanged), ('removed', r.removed)) if v]
        summary = 'deployed: ' + (', '.join(parts) or 'nothing to do')
        if r.warnings:
            summary += f' — {len(r.warnings)} warning{"s" if len(r.warnings) > 1 else ""}: ' + '; '.join(r.warnings)
        return summary

    def _existing(self) -> dict[str, list[dict[str, Any]]]:
        by_service: dict[str, list[dict[str, Any]]] = {}
        for raw in self.engine.list_raw(all=True, filters={'label': [f'{spec.PROJECT}={self.project.name}']}):
            labels = raw.get('Labels') or {}
            if labels.get(spec.ONEOFF, 'False') == 'True':
                continue
            by_service.setdefault(labels.get(spec.SERVICE, ''), []).append(raw)
        for containers in by_service.values():
            containers.sort(key=lambda r: int((r.get('Labels') or {}).get(spec.NUMBER) or 0))
        return by_service

    def _journal(self, label: str, undo: Callable[[], None]) -> None:
        with self._lock:
            self._undo.append((label, undo))

    def _after(self, label: str, action: Callable[[], None]) -> None:
        with self._lock:
            self._commit.append((label, action))

    def _rollback(self) -> None:
        if not self._undo:
            return
        self.progress(Progress(self.project.name, 'rolling-back', f'putting back {len(self._undo)} changes'))
        for label, undo in reversed(self._undo):
            try:
                undo()
            except DeployerError as exc:
                log.warning('stack %s: rollback step %s failed: %s', self.project.name, label, exc.message)
        self._undo.clear()

    # ---- images ---------------------------------------------------------------------------------
    def _prepare_images(self) -> None:
        def prepare(service: Service) -> None:
            try:
                self._prepare_image(service)
            except DeployFailed:
                raise
            except DeployerError as exc:
                raise DeployFailed(f'service {service.name}: {exc.message}', service=service.name) from None

        services = list(self.project.services.values())
        with ThreadPoolExecutor(max_workers=max(1, min(4, len(services)))) as pool:   # none: a stack scaled to 0
            errors = [f.exception() for f in [pool.submit(prepare, s) for s in services]]
        for error in errors:
            if error is not None:
                raise error

    def _prepare_image(self, service: Service) -> None:
        image = service.image or ''
        present = self.engine.image_id(image)
        policy = self.pull or service.pull_policy
        if service.build is not None and (policy == 'build' or present is None or self.pull == 'build'):
            self._build(service)
        elif policy == 'always' or (present is None and policy in ('missing', 'if_not_present', 'build')):
            self._pull(service, image, present)
        elif present is None:
            raise DeployFailed(f'service {service.name}: image {image} is not present and pull_policy is {policy}',
                               service=service.name)
        image_id = self.engine.image_id(image)
        if image_id is None:
            raise DeployFailed(f'service {service.name}: image {image} is not available', service=service.name)
        self._images[service.name] = image_id

    def _pull(self, service: Service, image: str, present: str | None) -> None:
        stack = self.project.name
        self.progress(Progress(stack, 'pulling', f'pulling {image}', service=service.name))

        def report(event: dict[str, Any]) -> None:
            detail = event.get('progressDetail') or {}
            self.progress(Progress(stack, 'pulling', event.get('status', ''), service=service.name,
                                   layer=event.get('id'), current=detail.get('current'), total=detail.get('total')))
        try:
            self.engine.pull(image, report)
        except DeployerError as exc:
            if present is not None:  # 'always' with a local copy: keep going with what we have
                self.progress(Progress(stack, 'pulling', f'pull failed, using the local image: {exc.message}',
                                       service=service.name))
                return
            raise DeployFailed(f'service {service.name}: image {image} could not be pulled: {exc.message}',
                               service=service.name) from None
        self.result.pulled.append(service.name)

    def _build(self, service: Service) -> None:
        build = service.build
        assert build is not None
        stack = self.project.name
        self.progress(Progress(stack, 'building', f'building {service.image} from {build.context}', service=service.name))
        try:
            self.engine.build(context=build.context, tag=service.image or '', dockerfile=build.dockerfile,
                              args=build.args, target=build.target,
                              labels={**build.labels, spec.PROJECT: stack, spec.SERVICE: service.name},
                              no_cache=build.no_cache, pull=build.pull, cache_from=build.cache_from,
                              network=build.network, shm_size=build.shm_size, extra_hosts=build.extra_hosts,
                              progress=lambda line: self.progress(Progress(stack, 'building', line, service=service.name)))
        except DeployerError as exc:
            raise DeployFailed(f'service {service.name}: build failed: {exc.message}', service=service.name) from None
        self.result.built.append(service.name)

    # ---- files, networks, volumes ------------------------------------------------------------
    def _write_files(self) -> None:
        """Files for secrets and configs given inline or from the environment. They are bind-mounted
        as they are, so they get the mode, owner and group the service asks for (default 0444:
        a service that does not run as root must read them); the folder above is 0700."""
        refs = [ref for service in self.project.services.values() for ref in [*service.secrets, *service.configs]]
        for section in (self.project.secrets, self.project.configs):
            for key, file_spec in section.items():
                if file_spec.content is None:
                    if file_spec.file and not os.path.isfile(file_spec.file):
                        raise DeployFailed(f'{key}: the file {file_spec.file} does not exist')
                    continue
                created_dir = not self.secrets_dir.exists()
                self.secrets_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
                self.secrets_dir.chmod(0o700)
                wanted = next((ref for ref in refs if ref.name == key), None)
                path = self.secrets_dir / key
                before = path.read_bytes() if path.exists() else None
                before_mode = path.stat().st_mode & 0o777 if before is not None else 0o444
                if before == file_spec.content.encode():
                    continue
                self._journal(f'restore {path}', functools.partial(_restore, path, before, before_mode, created_dir))
                path.unlink(missing_ok=True)
                path.write_text(file_spec.content)
                path.chmod(wanted.mode if wanted is not None and wanted.mode is not None else 0o444)
                if wanted is not None and (wanted.uid or wanted.gid):
                    os.chown(path, int(wanted.uid) if wanted.uid else -1, int(wanted.gid) if wanted.gid else -1)

    def _ensure_networks(self) -> None:
        def create(network: Any, key: str) -> None:
            self.engine.create_network(network.name, driver=network.driver, options=network.driver_opts,
                                       labels={**network.labels, spec.PROJECT: self.project.name, spec.NETWORK: key,
                                               spec.VERSION: spec.COMPOSE_VERSION},
                                       internal=network.internal, attachable=network.attachable,
                                       enable_ipv6=network.enable_ipv6, ipam=network.ipam)
        self._ensure('network', {key for s in self.project.services.values() for key in s.networks},
                     self.project.networks, self.engine.inspect_network, create, self.engine.remove_network)

    def _ensure_volumes(self) -> None:
        def create(volume: Any, key: str) -> None:
            self.engine.create_volume(volume.name, driver=volume.driver, options=volume.driver_opts,
                                      labels={**volume.labels, spec.PROJECT: self.project.name, spec.VOLUME: key,
                                              spec.VERSION: spec.COMPOSE_VERSION})
        self._ensure('volume', {m.source for s in self.project.services.values() for m in s.mounts
                                if m.type == 'volume' and m.source},
                     self.project.volumes, self.engine.inspect_volume, create,
                     lambda name: self.engine.remove_volume(name, force=True))

    def _ensure(self, kind: str, used: set[str], declared: dict[str, Any], inspect: Callable[[str], Any],
                create: Callable[[Any, str], None], remove: Callable[[str], None]) -> None:
        """Create the networks or volumes the services use and the engine lacks (never an external
        one), each journalled so a failed deploy removes it again."""
        for key in sorted(used):
            item = declared[key]
            if inspect(item.name) is not None:
                continue
            if item.external:
                raise DeployFailed(f'{kind} {item.name} is declared external but does not exist')
            create(item, key)
            self._journal(f'remove {kind} {item.name}', functools.partial(remove, item.name))

    # ---- services -------------------------------------------------------------------------------
    def _check_cancel(self) -> None:
        if self.cancel.is_set():
            raise DeployFailed('cancelled: the deploy was stopped on request and what it changed is put back')

    def _evidence(self, service: str) -> dict[str, Any]:
        """What the failing service said: its state, health check outputs and last log lines."""
        ids = self._started.get(service) or self._running.get(service) or []
        if not ids:
            return {}
        try:
            state = self.engine.inspect(ids[-1]).get('State') or {}
            lines = self.engine.logs(ids[-1], tail=EVIDENCE_LINES).decode(errors='replace').splitlines()
        except DeployerError:
            return {}
        health = [str(h.get('Output') or '').strip()[:500] for h in ((state.get('Health') or {}).get('Log') or [])[-3:]]
        status = state.get('Status') or 'unknown'
        if status in ('exited', 'dead'):
            status += f' (exit code {state.get("ExitCode")})'
        if (state.get('Health') or {}).get('Status'):
            status += f', {state["Health"]["Status"]}'
        return {'service': service, 'state': status, 'health': [h for h in health if h],
                'logs': [line[:500] for line in lines[-EVIDENCE_LINES:]]}

    def _converge_service(self, service: Service, existing: list[dict[str, Any]]) -> None:
        self._check_cancel()
        try:
            for dependency in service.depends_on:
                if dependency.service in self.project.services:
                    self._wait_for(service, dependency)
            self._converge_containers(service, existing)
        except DeployFailed:
            raise
        except DeployerError as exc:
            raise DeployFailed(f'service {service.name}: {_explain(exc.message)}', service=service.name,
                               detail=_shorten_ids(exc.message)) from None

    def _converge_containers(self, service: Service, existing: list[dict[str, Any]]) -> None:
        stack = self.project.name
        peers: dict[str, str] = {}
        for key, peer in spec.peer_services(service):
            running = self._running.get(peer) or []
            if not running:
                raise DeployFailed(f'service {service.name}: {key} service {peer} is not running', service=service.name)
            peers[peer] = running[0]
        body = spec.create_body(self.project, service, secrets_dir=self.secrets_dir, peers=peers)
        digest = spec.config_hash(self.project, service, body)
        image_id = self._images[service.name]
        by_number = {int((r.get('Labels') or {}).get(spec.NUMBER) or 0): r for r in existing}
        ids: list[str] = []
        for number in range(1, service.replicas + 1):
            raw = by_number.pop(number, None)
            label = f'{service.name}' + (f' #{number}' if service.replicas > 1 else '')
            if raw is not None and _hash_of(raw) == digest and raw.get('ImageID') == image_id:
                if raw.get('State') == 'running':
                    self.progress(Progress(stack, 'unchanged', f'{label}: unchanged, running', service=service.name))
                    self.result.unchanged.append(raw['Id'])
                else:
                    self._start_existing(service, raw, label)
                ids.append(raw['Id'])
                continue
            if raw is not None:
                self._set_aside(service, raw, label)
            ids.append(self._create(service, body, digest, image_id, number, label, recreate=raw is not None))
        for raw in by_number.values():  # scaled down
            self._retire(raw, service.name, reason='scaled down')
        with self._lock:
            self._running[service.name] = ids
        self.progress(Progress(stack, 'running', f'{service.name}: running', service=service.name))

    def _start_existing(self, service: Service, raw: dict[str, Any], label: str) -> None:
        self.progress(Progress(self.project.name, 'starting', f'{label}: starting', service=service.name))
        self.engine.start(raw['Id'])
        self._started.setdefault(service.name, []).append(raw['Id'])
        self._journal(f'stop {raw["Id"][:12]}', lambda: self.engine.stop(raw['Id'], timeout=service.stop_grace_period))
        self.result.started.append(raw['Id'])

    def _set_aside(self, service: Service, raw: dict[str, Any], label: str) -> None:
        """Stop the old container and rename it out of the way; removed only once the deploy succeeded."""
        cid, name, was_running = raw['Id'], (raw.get('Names') or ['/' + raw['Id'][:12]])[0].lstrip('/'), \
            raw.get('State') == 'running'
        self.progress(Progress(self.project.name, 'removing', f'{label}: changed, replacing {name}', service=service.name))
        if was_running:
            self.engine.stop(cid, timeout=service.stop_grace_period)
        aside = f'{name}_old_{uuid.uuid4().hex[:8]}'
        self.engine.rename(cid, aside)

        def undo() -> None:
            self.engine.rename(cid, name)
            if was_running:
                self.engine.start(cid)
        self._journal(f'restore {name}', undo)
        self._after(f'remove old {name}', lambda: self.engine.remove(cid, force=True))

    def _create(self, service: Service, body: dict[str, Any], digest: str, image_id: str, number: int, label: str,
                *, recreate: bool) -> str:
        stack = self.project.name
        name = spec.container_name(self.project, service, number)
        labels = {**body['Labels'], **spec.project_labels(self.project, managed=self.managed), spec.SERVICE: service.name,
                  spec.NUMBER: str(number), spec.CONFIG_HASH: digest, spec.ONEOFF: 'False', spec.IMAGE: image_id,
                  spec.DEPENDS_ON: ','.join(f'{d.service}:{d.condition}:{str(d.restart).lower()}' for d in service.depends_on)}
        self.progress(Progress(stack, 'creating', f'{label}: creating {name}', service=service.name))
        for mount in service.mounts:
            if mount.type == 'bind' and mount.source and mount.create_host_path and not os.path.exists(mount.source):
                os.makedirs(mount.source, exist_ok=True)
        cid = self.engine.create_container(name, {**body, 'Labels': labels})
        self._journal(f'remove {name}', lambda: self.engine.remove(cid, force=True, volumes=True))
        for key in list(service.networks)[1:]:
            self.engine.connect(self.project.networks[key].name, cid, spec.endpoint_config(service, key))
        self.progress(Progress(stack, 'starting', f'{label}: starting {name}', service=service.name))
        with self._lock:
            self._started.setdefault(service.name, []).append(cid)
        self.engine.start(cid)
        (self.result.recreated if recreate else self.result.created).append(cid)
        return cid

    def _retire(self, raw: dict[str, Any], service: str, *, reason: str) -> None:
        cid, was_running = raw['Id'], raw.get('State') == 'running'
        name = (raw.get('Names') or ['/' + cid[:12]])[0].lstrip('/')
        self.progress(Progress(self.project.name, 'removing', f'{name}: {reason}', service=service))
        if was_running:
            self.engine.stop(cid, timeout=10)
            self._journal(f'start {name}', lambda: self.engine.start(cid))
        self._after(f'remove {name}', lambda: self.engine.remove(cid, force=True))
        self.result.removed.append(cid)

    # ---- dependency conditions -------------------------------------------------------------
    def _wait_for(self, service: Service, dependency: Dependency) -> None:
        if dependency.condition == 'service_started':
            return
        stack = self.project.name
        target = self.project.services[dependency.service]
        ids = self._running.get(dependency.service) or []
        if not ids:
            return
        check = target.healthcheck
        if dependency.condition == 'service_healthy' and (check is None or check.disable):
            raw_health = (self.engine.inspect(ids[0]).get('State') or {}).get('Health')
            if raw_health is None:
                raise DeployFailed(f'service {dependency.service} has no healthcheck, but {service.name} waits '
                                   'for it to be healthy', service=dependency.service)
        timeout = self._timeout_for(target)
        waiting = 'healthy' if dependency.condition == 'service_healthy' else 'completed'
        self.progress(Progress(stack, 'waiting', f'{service.name}: waiting for {dependency.service} to be {waiting}',
                               service=service.name))
        started = time.monotonic()
        deadline, shown = started + timeout, 0.0
        while True:
            self._check_cancel()
            state = self.engine.inspect(ids[0]).get('State') or {}
            status = state.get('Status')
            if dependency.condition == 'service_healthy':
                health = (state.get('Health') or {}).get('Status')
                if health == 'healthy':
                    return
                if health == 'unhealthy':
                    raise DeployFailed(f'service {dependency.service} is unhealthy: its health check failed '
                                       f'{_failing_streak(state)} times in a row', service=dependency.service,
                                       evidence=self._evidence(dependency.service))
                if status in ('exited', 'dead'):
                    raise DeployFailed(f'service {dependency.service} stopped (exit code {state.get("ExitCode")}) '
                                       'before becoming healthy', service=dependency.service,
                                       evidence=self._evidence(dependency.service))
            else:
                if status in ('exited', 'dead'):
                    if state.get('ExitCode') == 0:
                        return
                    raise DeployFailed(f'service {dependency.service} did not complete successfully (exit code '
                                       f'{state.get("ExitCode")})', service=dependency.service,
                                       evidence=self._evidence(dependency.service))
            now = time.monotonic()
            if now > deadline:
                raise DeployFailed(f'service {dependency.service} was not {waiting} within {timeout:.0f} s',
                                   service=dependency.service, evidence=self._evidence(dependency.service))
            if now - shown >= WATCH_EVERY:   # what the user watches: time, the health check's words, the log
                shown = now
                self._report_wait(service, dependency.service, ids[0], state, waiting, now - started, timeout)
            self.cancel.wait(0.2)

    def _report_wait(self, service: Service, awaited: str, cid: str, state: dict[str, Any], waiting: str,
                     elapsed: float, timeout: float) -> None:
        checks = (state.get('Health') or {}).get('Log') or []
        health = str(checks[-1].get('Output') or '').strip()[:500] if checks else None
        try:
            lines = self.engine.logs(cid, tail=WATCH_LINES).decode(errors='replace').splitlines()
        except DeployerError:
            lines = []
        self.progress(Progress(self.project.name, 'waiting',
                               f'{service.name}: waiting for {awaited} to be {waiting} ({elapsed:.0f} s of at most '
                               f'{timeout:.0f} s)', service=service.name, elapsed=round(elapsed, 1),
                               health=health or None, logs=[line[:300] for line in lines[-WATCH_LINES:]]))

    def _timeout_for(self, service: Service) -> float:
        check = service.healthcheck
        if check is None or check.disable:
            return self.health_timeout
        interval = (check.interval or 30_000_000_000) / 1e9
        single = (check.timeout or 30_000_000_000) / 1e9
        start = (check.start_period or 0) / 1e9
        natural = start + (interval + single) * ((check.retries or 3) + 1) + 5
        return min(natural, self.health_timeout)


def _restore(path: Path, content: bytes | None, mode: int, remove_dir: bool) -> None:
    """Undo a secret or config file write: put the old content back (in place: a container
    started again during the rollback has this very file mounted), or remove what was new."""
    if content is not None:
        path.write_bytes(content)
        path.chmod(mode)
        return
    path.unlink(missing_ok=True)
    if remove_dir:
        try:
            path.parent.rmdir()
        except OSError:
            pass


def _failing_streak(state: dict[str, Any]) -> int:
    return int((state.get('Health') or {}).get('FailingStreak') or 1)


def _shorten_ids(message: str) -> str:
    """The engine's message with 64-hex ids cut to the 12 characters ``docker ps`` shows."""
    return re.sub(r'\b([0-9a-f]{12})[0-9a-f]{52}\b', r'\1', message)


def _hash_of(raw: dict[str, Any]) -> str | None:
    return (raw.get('Labels') or {}).get(spec.CONFIG_HASH)


_RLIMITS = {0: 'cpu', 1: 'fsize', 2: 'data', 3: 'stack', 4: 'core', 5: 'rss', 6: 'nproc', 7: 'nofile', 8: 'memlock',
            9: 'as', 10: 'locks', 11: 'sigpending', 12: 'msgqueue', 13: 'nice', 14: 'rtprio', 15: 'rttime'}


def _explain(message: str) -> str:
    """One plain sentence for what the engine said (its own words go to ``detail``)."""
    lowered = message.lower()
    rlimit = re.search(r'error setting rlimit type (\d+): operation not permitted', lowered)
    if rlimit:
        name = _RLIMITS.get(int(rlimit.group(1)), f'type {rlimit.group(1)}')
        return (f'ulimits.{name}: the engine may not raise this limit above its own hard limit (lower the value in '
                'the file or raise the engine\'s limit)')
    if 'port is already allocated' in lowered or 'address already in use' in lowered:
        port = re.search(r'(?:bind for|listen \w+)\s+\S*:(\d+)', lowered) or re.search(r':(\d+)\b', lowered)
        which = f'port {port.group(1)} is' if port else 'a published port is'
        return f'{which} already in use on the host (another container or program holds it): choose another port'
    if 'no such image' in lowered or 'pull access denied' in lowered or 'manifest unknown' in lowered:
        image = re.search(r'(?:no such image|pull access denied for|manifest for)\W+([\w./:@-]+)', message, re.I)
        return f'{_named("image", image)} could not be found here or pulled'
    if 'conflict' in lowered and 'already in use by container' in lowered:
        taken = re.search(r'container name "?/?([\w.-]+)"?', message)
        return f'{_named("container name", taken)} is taken by another container: remove it or choose another'
    if 'no such file or directory' in lowered and 'mount' in lowered:
        return 'a bind mount\'s host path does not exist (create it, or use create_host_path)'
    if 'executable file not found' in lowered or 'no such file or directory: unknown' in lowered:
        exe = re.search(r'exec: "([^"]+)"', message)
        return f'{_named("command", exe)} does not exist in the image'
    return _shorten_ids(message)


def _named(what: str, match: re.Match[str] | None) -> str:
    return f'the {what} {match.group(1)}' if match else f'the {what}'
