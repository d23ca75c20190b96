"""Stacks: compose projects on the engine, deployed here or by ``docker compose``.

What a stack deployed here was deployed from lives in the data dir:

    config/stacks/<name>/compose.yaml    the document as given (parameters not filled in)
    config/stacks/<name>/deployer.yaml   template id, non-secret parameters, scale overrides
    config/stacks/<name>/files/…         the stack's other files (extends, include, env files,
                                         configs), also written into its project directory
    secrets/<name>.yaml                  secret parameters (mode 0600, never in config/)
    secrets/<name>/                      files for secrets and configs given inline
    projects/<name>/                     the project directory: relative paths resolve here

(see ``definition.py``). Over 400 lines on purpose: one class, the life of a stack (read, deploy,
drift, actions, remove) under one lock per stack; its parts share that lock and the engine
lookups, and splitting it would spread one invariant over several files.
"""
from __future__ import annotations

import builtins
import dataclasses
import functools
import posixpath
import shutil
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from .. import policy
from ..compose.loader import check_project_name, dependency_levels, load_project
from ..compose.model import Project, Service
from ..engine import Engine, summary_from_list
from ..errors import Conflict, DeployerError, Forbidden, InvalidInput, NotFound
from ..models import ContainerSummary, PortBinding, StackDetail, StackService, StackSummary
from ..secrets import MASK, SECRET_NAME
from ..store import atomic_write
from ..vocabulary import STACK_OPS
from . import check as preview
from . import spec
from .converge import Deployment, Progress, Result
from .definition import Definition, checked_files, is_secret_file, read_folder, write_folder
from .facts import EngineFacts

ACTIONS = STACK_OPS
ProgressFn = Callable[[Progress], None]


class Stacks:
    def __init__(self, engine: Engine, *, data_dir: Path, allow_privileged: Callable[[], bool],
                 bind_roots: tuple[str, ...] = policy.DEFAULT_BIND_ROOTS, health_timeout: float = 300.0,
                 scope: str | None = None) -> None:
        """``scope``: another engine's stacks (``engines/<id>``): their definitions under
        config/engines/<id>/stacks, their secrets under secrets/engines/<id>/stacks."""
        self.engine = engine
        self.remote = scope is not None   # another machine's engine: its host files are read through it
        self.config_dir = data_dir / 'config' / (f'{scope}/stacks' if scope else 'stacks')
        self.secrets_dir = data_dir / 'secrets' / (f'{scope}/stacks' if scope else '')
        self.projects_dir = data_dir / 'projects' / (scope or '')
        self.allow_privileged = allow_privileged
        self.policy = policy.HostPolicy(stacks_dir=self.projects_dir, protected=(data_dir,), roots=bind_roots,
                                        facts=EngineFacts(engine))
        self.health_timeout = health_timeout
        self._locks: dict[str, threading.Lock] = {}
        self._cancels: dict[str, threading.Event] = {}   # stack -> the running deploy's cancel switch
        self._guard = threading.Lock()

    # ---- reading --------------------------------------------------------------------------------
    def list(self) -> builtins.list[StackSummary]:
        by_project = self._containers_by_project()
        names = set(by_project) | self._stored_names()
        return [self._summary(name, by_project.get(name, [])) for name in sorted(names)]

    def get(self, name: str) -> StackDetail:
        check_project_name(name)
        containers = self._containers_by_project({'label': [f'{spec.PROJECT}={name}']}).get(name, [])
        definition = self.definition(name)
        if not containers and definition is None:
            raise NotFound(f'stack {name!r} not found')
        summary = self._summary(name, containers, definition)
        wanted: dict[str, int] = {}
        images: dict[str, str] = {}
        disabled: builtins.list[str] = []
        compose_text = definition.compose if definition else self._foreign_compose(containers)
        refused = None
        if definition is not None:
            try:
                project = self.project(name, definition)
                wanted = {s.name: s.replicas for s in project.services.values()}
                wanted.update({s: 0 for s, n in definition.scale.items() if n == 0})   # scaled to 0: still listed
                images = {s.name: s.image or '' for s in project.services.values()}
                disabled = project.disabled
                if not self.allow_privileged():
                    found = self.policy.findings(project)
                    refused = policy.refusal(found) if found else None
            except Forbidden as exc:
                refused = exc.message
            except DeployerError:
                pass
        services: dict[str, builtins.list[ContainerSummary]] = {}
        for c in containers:
            services.setdefault(c.service or '', []).append(c)
        for service in wanted:
            services.setdefault(service, [])
        service_list = [StackService(name=s, image=images.get(s) or (cs[0].image if cs else ''),
                                     replicas=wanted.get(s, len(cs)), running=sum(c.state == 'running' for c in cs),
                                     containers=sorted(cs, key=lambda c: c.name))
                        for s, cs in sorted(services.items())]
        return StackDetail(**{f.name: getattr(summary, f.name) for f in dataclasses.fields(StackSummary)},
                           drift=self.drift(name, containers, definition) if definition is not None else None,
                           compose=compose_text, params=dict(definition.params) if definition else {},
                           secret_params=sorted(definition.secrets) if definition else [],
                           service_list=service_list, disabled_services=disabled, refused=refused)

    def definition(self, name: str) -> Definition | None:
        folder = self.config_dir / name
        try:
            compose = (folder / 'compose.yaml').read_text()
        except FileNotFoundError:
            return None
        meta = yaml.safe_load((folder / 'deployer.yaml').read_text()) if (folder / 'deployer.yaml').exists() else {}
        secret_file = self.secrets_dir / f'{name}.yaml'
        secrets = yaml.safe_load(secret_file.read_text()) if secret_file.exists() else {}
        meta = meta or {}
        files = {**read_folder(folder / 'files'), **read_folder(self.secrets_dir / f'{name}.files')}
        return Definition(compose=compose, template=meta.get('template'), params=dict(meta.get('params') or {}),
                          secrets=dict(secrets or {}), scale=dict(meta.get('scale') or {}),
                          profiles=list(meta.get('profiles') or []), files=files, working_dir=meta.get('working_dir'))

    # ---- deploying ------------------------------------------------------------------------------
    def deploy(self, name: str, compose: str | Mapping[str, Any], *, env: Mapping[str, str] | None = None,
               secrets: Mapping[str, str] | None = None, template: str | None = None,
               progress: ProgressFn | None = None, pull: str | None = None,
               files: Mapping[str, str] | None = None) -> tuple[StackDetail, Result]:
        """Validate, check policy, converge; store the definition only once the stack is up.
        ``files`` are the stack's other files (``None`` keeps the ones it has)."""
        return self.apply(name, self.definition_for(name, compose, env=env, secrets=secrets, template=template,
                                                    files=files), progress=progress, pull=pull)

    def definition_for(self, name: str, compose: str | Mapping[str, Any], *, env: Mapping[str, Any] | None = None,
                       secrets: Mapping[str, Any] | None = None, template: str | None = None,
                       files: Mapping[str, str] | None = None) -> Definition:
        """What a deploy of ``compose`` would keep as the stack's definition. An env or secret
        value given as the mask (``••••••``) stands for the value the stack has now: editors
        send secrets back masked, never in clear."""
        check_project_name(name)
        text = compose if isinstance(compose, str) else yaml.safe_dump(dict(compose), sort_keys=False)
        previous = self.definition(name)
        kept = previous.env if previous else {}
        env = {str(k): _unmasked(k, _env_value(k, v), kept) for k, v in (env or {}).items()}
        public = {k: v for k, v in env.items() if not SECRET_NAME.search(k)}
        hidden = {**{k: v for k, v in env.items() if SECRET_NAME.search(k)},
                  **{str(k): _unmasked(k, _env_value(k, v), kept) for k, v in (secrets or {}).items()}}
        return Definition(compose=text, template=template, params=public, secrets=hidden,
                          scale=dict(previous.scale) if previous and previous.compose == text else {},
                          profiles=previous.profiles if previous else [],
                          files=checked_files(files) if files is not None else dict(previous.files) if previous else {},
                          working_dir=previous.working_dir if previous else None)

    def check(self, name: str, definition: Definition) -> preview.StackCheck:
        """What deploying ``definition`` would do (see :mod:`.check`); changes nothing."""
        check_project_name(name)
        containers = self._containers_by_project({'label': [f'{spec.PROJECT}={name}']}).get(name, [])
        previous = self.definition(name)
        problems: builtins.list[preview.Problem] = []
        project = None
        try:
            project = self.project(name, definition)
        except Forbidden as exc:
            problems.append(preview.problem_of('policy', exc))
        except DeployerError as exc:
            problems.append(preview.problem_of('error', exc))
        changes: builtins.list[preview.ServiceChange] = []
        if project is not None:
            problems += [preview.problem_of('warning', w) for w in project.warnings]
            if not self.allow_privileged():
                problems += preview.policy_problems(self.policy.findings(project), definition.compose)
            try:
                old = self.project(name, previous) if previous else self._foreign_project(name) if containers else None
            except DeployerError:
                old = None
            running: dict[str, builtins.list[ContainerSummary]] = {}
            for c in containers:
                running.setdefault(c.service or '', []).append(c)
            in_sync = {key: self._in_sync(name, project, service, running.get(key, []), containers)
                       for key, service in project.services.items()}
            states = {key: [{'State': c.state} for c in mine] for key, mine in running.items()}
            changes = preview.service_changes(project, old=old, running=states, in_sync=in_sync)
        exists = bool(containers) or previous is not None
        before = previous.compose if previous else (self._foreign_compose(containers) or '') if containers else ''
        diff = preview.text_diff(before, definition.compose, name='compose.yaml')
        if previous is not None or definition.env:
            old_env = preview.env_lines(previous.env, previous.secrets) if previous else ''
            diff += preview.text_diff(old_env, preview.env_lines(definition.env, definition.secrets), name='environment')
        line = preview.summary(name, exists=exists, changes=changes) if project is not None else ''
        return preview.StackCheck(stack=name, exists=exists, valid=not any(p.kind != 'warning' for p in problems),
                                  problems=problems, changes=changes, diff=diff, summary=line)

    def _in_sync(self, name: str, project: Project, service: Service, mine: builtins.list[ContainerSummary],
                 containers: builtins.list[ContainerSummary]) -> bool:
        """Whether ``mine`` (the service's containers) run what ``project`` says: the config hash
        label, then what the engine reports (the label can be copied by hand)."""
        peers = {peer: found[0].id for _, peer in spec.peer_services(service)
                 if (found := [c for c in containers if c.service == peer])}
        body = spec.create_body(project, service, secrets_dir=self.secrets_dir / name, peers=peers)
        digest = spec.config_hash(project, service, body)
        return all(c.labels.get(spec.CONFIG_HASH) == digest and self._matches_body(c.id, body) for c in mine)

    def apply(self, name: str, definition: Definition, *, progress: ProgressFn | None = None,
              pull: str | None = None) -> tuple[StackDetail, Result]:
        """Converge the stack on ``definition`` and keep it as the stack's definition."""
        check_project_name(name)
        with self._lock(name):
            result = self._converge(name, definition, progress=progress, pull=pull)
            self._store(name, definition)
        return self.get(name), result

    def drift(self, name: str, containers: builtins.list[ContainerSummary], definition: Definition) -> dict[str, Any]:
        """Whether the containers still match the stored definition: per service ``in sync``,
        ``changed`` (created from another configuration, e.g. by hand), ``missing`` replicas,
        ``stopped``, or ``extra`` (a service the definition does not have)."""
        try:
            project = self.project(name, definition)
        except DeployerError as exc:
            return {'in_sync': False, 'services': {}, 'error': exc.message}
        by_service: dict[str, builtins.list[ContainerSummary]] = {}
        for c in containers:
            by_service.setdefault(c.service or '', []).append(c)
        services: dict[str, str] = {}
        for key, service in project.services.items():
            mine = by_service.pop(key, [])
            if not self._in_sync(name, project, service, mine, containers):
                services[key] = 'changed'
            elif len(mine) < service.replicas:
                services[key] = 'missing'
            elif any(c.state != 'running' for c in mine) and service.restart != 'no':
                services[key] = 'stopped'
            else:
                services[key] = 'in sync'
        for key in by_service:
            services[key] = 'extra'
        return {'in_sync': all(v == 'in sync' for v in services.values()), 'services': services}

    def _matches_body(self, container_id: str, body: dict[str, Any]) -> bool:
        """The label can be copied by hand: check what the container really runs with."""
        try:
            config = self.engine.inspect(container_id).get('Config') or {}
        except DeployerError:
            return False
        if config.get('Image') != body.get('Image'):
            return False
        if not set(body.get('Env') or []) <= set(config.get('Env') or []):
            return False
        for key in ('Cmd', 'Entrypoint'):
            if key in body and (config.get(key) or None) != (body[key] or None):
                return False
        return True

    def redeploy(self, name: str, *, progress: ProgressFn | None = None, pull: str | None = None) -> Result:
        definition = self.definition(name)
        with self._lock(name):
            if definition is not None:
                return self._converge(name, definition, progress=progress, pull=pull)
            project = self._foreign_project(name)
            self.policy.enforce(project, allow_privileged=self.allow_privileged())
            with self._cancellable(name) as cancel:
                return Deployment(self.engine, project, secrets_dir=self.secrets_dir / name, progress=progress,
                                  pull=pull, health_timeout=self.health_timeout, managed=False, cancel=cancel).run()

    def scale(self, name: str, service: str, replicas: int, *, progress: ProgressFn | None = None) -> Result:
        if not 0 <= replicas <= 100:
            raise InvalidInput('replicas must be between 0 and 100')
        with self._lock(name):
            definition = self.definition(name)
            if definition is None:
                raise Conflict(f'stack {name!r} was not deployed by DockerDeployer; scale it where it was made')
            as_written = self.project(name, dataclasses.replace(definition, scale={}))   # a service at 0 too
            if service not in as_written.services:
                raise NotFound(f'stack {name!r} has no service {service!r}')
            if as_written.services[service].container_name and replicas > 1:
                raise InvalidInput(f'service {service} has a fixed container_name and cannot run more than once')
            current = definition.scale.get(service, as_written.services[service].replicas)
            scaled = definition if replicas == current else \
                dataclasses.replace(definition, scale={**definition.scale, service: replicas})
            result = self._converge(name, scaled, progress=progress)   # also when unchanged: puts back what is missing
            if scaled is not definition:
                self._store(name, scaled)
        return result

    def _converge(self, name: str, definition: Definition, *, progress: ProgressFn | None,
                  pull: str | None = None) -> Result:
        project = self.project(name, definition)
        self.policy.enforce(project, allow_privileged=self.allow_privileged())
        (self.projects_dir / name).mkdir(parents=True, exist_ok=True)
        restore = self._write_project_files(name, definition.files)
        try:
            with self._cancellable(name) as cancel:
                result = Deployment(self.engine, project, secrets_dir=self.secrets_dir / name, progress=progress,
                                    pull=pull, health_timeout=self.health_timeout, cancel=cancel).run()
        except BaseException:
            restore()
            raise
        return result

    def _write_project_files(self, name: str, files: Mapping[str, str]) -> Callable[[], None]:
        """The stack's files written into its project directory (binds like ``./nginx.conf``
        find them there); returns what puts the previous contents back."""
        folder = self.projects_dir / name
        before: dict[Path, bytes | None] = {}
        for relative, text in files.items():
            path = folder / relative
            current = path.read_bytes() if path.is_file() else None
            if current == text.encode():
                continue
            before[path] = current
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, text.encode(), mode=0o600 if is_secret_file(relative) else 0o644)

        def restore() -> None:
            for path, content in before.items():
                if content is None:
                    path.unlink(missing_ok=True)
                else:
                    atomic_write(path, content, mode=0o600 if is_secret_file(path.name) else 0o644)
        return restore

    def project(self, name: str, definition: Definition) -> Project:
        """The project a definition describes, as a deploy loads it (scale overrides applied)."""
        working_dir = definition.working_dir or self.projects_dir / name
        project = load_project(definition.compose, name=name, env=definition.env, working_dir=working_dir,
                               config_files=[str(self.config_dir / name / 'compose.yaml')], profiles=definition.profiles,
                               read_guard=self.policy.read_guard(name, allow_privileged=self.allow_privileged()),
                               files=definition.files)
        if definition.scale:
            services = {key: dataclasses.replace(s, replicas=definition.scale.get(key, s.replicas))
                        for key, s in project.services.items()}
            services = {k: s for k, s in services.items() if s.replicas > 0 or k not in definition.scale}
            project = dataclasses.replace(project, services=services)
        return project

    # ---- operations -----------------------------------------------------------------------------
    def action(self, name: str, action: str, *, volumes: bool = False, timeout: int | None = None,
               progress: ProgressFn | None = None) -> Result | None:
        if action not in ACTIONS:
            raise InvalidInput(f'action must be one of {", ".join(ACTIONS)}, not {action[:40]!r}')
        check_project_name(name)
        if action == 'redeploy':
            return self.redeploy(name, progress=progress)
        containers = self._raw_containers(name)
        if not containers and self.definition(name) is None:
            raise NotFound(f'stack {name!r} not found')
        if action == 'remove':
            self.remove(name, volumes=volumes, progress=progress)
            return None
        with self._lock(name):
            if action == 'pull':
                return self._pull(name, containers, progress)
            ordered = self._start_order(name, containers)
            if action in ('stop', 'restart'):
                for raw in reversed(ordered):
                    if raw.get('State') in ('running', 'paused', 'restarting'):
                        _report(progress, name, 'stopping', raw)
                        self.engine.stop(raw['Id'], timeout=timeout)
            if action in ('start', 'restart'):
                for raw in ordered:
                    if action == 'restart' or raw.get('State') != 'running':
                        _report(progress, name, 'starting', raw)
                        self.engine.start(raw['Id'])
        return None

    def remove(self, name: str, *, volumes: bool = False, progress: ProgressFn | None = None) -> None:
        with self._lock(name):
            for raw in reversed(self._start_order(name, self._raw_containers(name))):
                _report(progress, name, 'removing', raw)
                self.engine.remove(raw['Id'], force=True, volumes=True)
            for network in self.engine.networks(labels=[f'{spec.PROJECT}={name}']):
                self.engine.remove_network(network['Id'])
            if volumes:
                for volume in self.engine.volumes(labels=[f'{spec.PROJECT}={name}']):
                    self.engine.remove_volume(volume['Name'], force=True)
            shutil.rmtree(self.config_dir / name, ignore_errors=True)
            shutil.rmtree(self.secrets_dir / name, ignore_errors=True)
            shutil.rmtree(self.secrets_dir / f'{name}.files', ignore_errors=True)
            (self.secrets_dir / f'{name}.yaml').unlink(missing_ok=True)

    def _pull(self, name: str, containers: builtins.list[dict[str, Any]], progress: ProgressFn | None) -> Result:
        definition = self.definition(name)
        images = ({s.image for s in self.project(name, definition).services.values() if s.image and not s.build}
                  if definition else {r.get('Image', '') for r in containers})
        result = Result()
        for image in sorted(i for i in images if i):
            before = self.engine.image_id(image)
            if progress:
                progress(Progress(name, 'pulling', f'pulling {image}'))
            self.engine.pull(image, functools.partial(_report_pull, progress, name))
            if self.engine.image_id(image) != before:
                result.pulled.append(image)
        return result

    # ---- helpers --------------------------------------------------------------------------------
    @contextmanager
    def _lock(self, name: str) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(name, threading.Lock())
        if not lock.acquire(blocking=False):
            raise Conflict(f'stack {name!r} is busy with another operation; try again when it has finished')
        try:
            yield
        finally:
            lock.release()

    @contextmanager
    def _cancellable(self, name: str) -> Iterator[threading.Event]:
        event = threading.Event()
        with self._guard:
            self._cancels[name] = event
        try:
            yield event
        finally:
            with self._guard:
                self._cancels.pop(name, None)

    def cancel(self, name: str) -> bool:
        """Stop the deploy running on ``name`` (it stops waiting and rolls back); False if none runs."""
        with self._guard:
            event = self._cancels.get(name)
        if event is None:
            return False
        event.set()
        return True

    def busy(self, name: str) -> bool:
        lock = self._locks.get(name)
        return bool(lock and lock.locked())

    def _store(self, name: str, definition: Definition) -> None:
        folder = self.config_dir / name
        atomic_write(folder / 'compose.yaml', definition.compose.encode(), mode=0o644)
        meta = {'template': definition.template, 'params': definition.params, 'scale': definition.scale,
                'profiles': definition.profiles, **({'working_dir': definition.working_dir} if definition.working_dir else {})}
        atomic_write(folder / 'deployer.yaml', yaml.safe_dump(meta, sort_keys=False).encode(), mode=0o644)
        kept_out = {k: v for k, v in definition.files.items() if is_secret_file(k)}
        write_folder(folder / 'files', {k: v for k, v in definition.files.items() if k not in kept_out}, mode=0o644)
        write_folder(self.secrets_dir / f'{name}.files', kept_out, mode=0o600)
        secret_file = self.secrets_dir / f'{name}.yaml'
        if definition.secrets:
            self.secrets_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write(secret_file, yaml.safe_dump(definition.secrets).encode(), mode=0o600)
        else:
            secret_file.unlink(missing_ok=True)

    def _stored_names(self) -> set[str]:
        if not self.config_dir.is_dir():
            return set()
        return {p.name for p in self.config_dir.iterdir() if (p / 'compose.yaml').is_file()}

    def _raw_containers(self, name: str) -> builtins.list[dict[str, Any]]:
        return [r for r in self.engine.list_raw(all=True, filters={'label': [f'{spec.PROJECT}={name}']})
                if (r.get('Labels') or {}).get(spec.ONEOFF, 'False') != 'True']

    def _containers_by_project(self, filters: dict[str, Any] | None = None) -> dict[str, builtins.list[ContainerSummary]]:
        grouped: dict[str, builtins.list[ContainerSummary]] = {}
        for raw in self.engine.list_raw(all=True, filters=filters or {'label': [spec.PROJECT]}):
            summary = summary_from_list(raw)
            if summary.stack and summary.labels.get(spec.ONEOFF, 'False') != 'True':
                grouped.setdefault(summary.stack, []).append(summary)
        return grouped

    def _summary(self, name: str, containers: builtins.list[ContainerSummary],
                 definition: Definition | None = None) -> StackSummary:
        """The stack's state: ``empty`` (no containers), ``degraded`` (a container is unhealthy or
        restarting, or exited with an error while others run), else ``running`` (all run),
        ``stopped`` (none runs) or ``partial``. A stack that is stopped as a whole is not degraded
        by the exit codes its containers stopped with."""
        definition = definition if definition is not None else self.definition(name)
        running = sum(c.state == 'running' for c in containers)
        up = any(c.state in ('running', 'restarting') for c in containers)
        problems = {c.name: problem for c in containers
                    if (problem := c.problem) is not None and (problem != 'failed' or up)}
        state = ('empty' if not containers else 'degraded' if problems else 'running' if running == len(containers)
                 else 'stopped' if running == 0 else 'partial')
        labels = containers[0].labels if containers else {}
        config_files = _config_files(labels)
        managed = definition is not None
        ports: builtins.list[PortBinding] = sorted({p for c in containers for p in c.ports if p.host_port},
                                          key=lambda p: (p.host_port or 0, p.protocol))
        return StackSummary(
            name=name, state=state, source='dockerdeployer' if managed else 'compose',
            services=len({c.service for c in containers}), containers=len(containers), running=running,
            template=definition.template if definition else None, working_dir=labels.get(spec.WORKING_DIR),
            config_files=config_files, redeployable=managed or any(Path(f).is_file() for f in config_files),
            ports=ports, problems=problems)

    def _start_order(self, name: str, containers: builtins.list[dict[str, Any]]) -> builtins.list[dict[str, Any]]:
        """Containers in dependency order, from the stored definition or, for a stack made
        elsewhere, from its compose file when it is readable."""
        definition = self.definition(name)
        order: dict[str, int] = {}
        try:
            project = self.project(name, definition) if definition is not None else self._foreign_project(name)
            levels = dependency_levels(project.services)
            order = {service: index for index, level in enumerate(levels) for service in level}
        except DeployerError:
            pass
        return sorted(containers, key=lambda r: (order.get((r.get('Labels') or {}).get(spec.SERVICE, ''), 99),
                                                 (r.get('Names') or [''])[0]))

    def _foreign_compose(self, containers: builtins.list[ContainerSummary]) -> str | None:
        files = _config_files(containers[0].labels) if containers else []
        found = self._host_files(containers[0], files[:1]) if files else {}
        return next(iter(found.values()), None)

    def _host_files(self, container: ContainerSummary, paths: builtins.list[str]) -> dict[str, str | None]:
        """Files of the engine's machine by absolute path (None: not there): ours for the local
        engine; another engine's through that engine (``read_host_files``), never our own disk."""
        if not self.remote:
            found: dict[str, str | None] = {}
            for path in paths:
                try:
                    found[path] = Path(path).read_text()
                except OSError:
                    found[path] = None
            return found
        image = self.engine.inspect(container.id).get('Image') or container.image
        by_folder: dict[str, builtins.list[str]] = {}
        for path in paths:
            by_folder.setdefault(posixpath.dirname(path), []).append(posixpath.basename(path))
        return {posixpath.join(folder, name): text for folder, names in by_folder.items()
                for name, text in self.engine.read_host_files(folder, names, image=image).items()}

    def foreign_files(self, name: str, compose: str, working_dir: str) -> dict[str, str]:
        """Another engine's compose project's own files, to adopt it: its ``.env`` and the env files
        its services name, read on that engine's machine (our disk is not that machine's). The
        local engine's are read from the folder when the stack is loaded, as Compose does."""
        if not self.remote:
            return {}
        wanted = {'.env'}
        data = yaml.safe_load(compose)
        for service in ((data or {}).get('services') or {}).values() if isinstance(data, dict) else ():
            env_files = (service or {}).get('env_file') if isinstance(service, dict) else None
            for entry in env_files if isinstance(env_files, list) else [env_files] if env_files else []:
                spelled = entry.get('path') if isinstance(entry, dict) else entry
                if not isinstance(spelled, str) or '$' in spelled:
                    continue
                relative = posixpath.normpath(spelled)
                if relative.startswith(('/', '../')) or relative == '..':
                    raise Conflict(f'stack {name!r} reads {spelled!r}, outside its folder {working_dir} on that engine\'s '
                                   'machine: adopting reads files from the project folder only; move it there first')
                wanted.add(relative)
        containers = self._containers_by_project({'label': [f'{spec.PROJECT}={name}']}).get(name, [])
        paths = {posixpath.join(working_dir, relative): relative for relative in sorted(wanted)}
        found = self._host_files(containers[0], list(paths)) if containers else {}
        return {paths[path]: text for path, text in found.items() if text is not None}

    def foreign_source(self, name: str) -> tuple[str, str]:
        """The compose document and folder of a stack made by ``docker compose`` (to adopt it)."""
        containers = self._containers_by_project({'label': [f'{spec.PROJECT}={name}']}).get(name, [])
        if not containers:
            raise NotFound(f'stack {name!r} not found')
        labels = containers[0].labels
        files = _config_files(labels)
        working_dir = labels.get(spec.WORKING_DIR) or ''
        if len(files) > 1:
            raise Conflict(f'stack {name!r} was made from {len(files)} compose files ({", ".join(files)}); '
                           'adopting takes a stack made from one file: merge them into one first')
        text = self._foreign_compose(containers)
        if text is None or not working_dir:
            raise Conflict(f'stack {name!r} was made elsewhere and its compose file '
                           f'({", ".join(files) or "unknown"}) cannot be read here, so it cannot be adopted')
        return text, working_dir

    def _foreign_project(self, name: str) -> Project:
        containers = self._containers_by_project({'label': [f'{spec.PROJECT}={name}']}).get(name, [])
        if not containers:
            raise NotFound(f'stack {name!r} not found')
        labels = containers[0].labels
        files = _config_files(labels)
        text = self._foreign_compose(containers)
        if text is None:
            raise Conflict(f'stack {name!r} was made elsewhere and its compose file '
                           f'({", ".join(files) or "unknown"}) cannot be read here, so it cannot be redeployed')
        return load_project(text, name=name, working_dir=labels.get(spec.WORKING_DIR) or None, config_files=files,
                            read_guard=self.policy.read_guard(name, allow_privileged=self.allow_privileged()))


def _config_files(labels: Mapping[str, str]) -> builtins.list[str]:
    """The compose files a project was made from; relative ones (``cd proj && docker-compose
    up``) are relative to the project's working dir, never to ours."""
    working_dir = labels.get(spec.WORKING_DIR) or ''
    files = []
    for file in (f.strip() for f in labels.get(spec.CONFIG_FILES, '').split(',')):
        if not file:
            continue
        if not Path(file).is_absolute():
            if not working_dir:
                continue
            file = str(Path(working_dir) / file)
        files.append(file)
    return files


def _env_value(key: Any, value: Any) -> str:
    if not isinstance(value, (str, int, float, bool)):
        raise InvalidInput(f'env {str(key)[:40]}: values must be strings, numbers or booleans')
    return ('true' if value else 'false') if isinstance(value, bool) else str(value)


def _unmasked(key: Any, value: str, kept: Mapping[str, str]) -> str:
    if value != MASK:
        return value
    if str(key) not in kept:
        raise InvalidInput(f'env {str(key)[:40]}: "{MASK}" stands for the value the stack has now, '
                           'but it has none: type the value')
    return kept[str(key)]


def _report_pull(progress: ProgressFn | None, stack: str, event: dict[str, Any]) -> None:
    if progress:
        detail = event.get('progressDetail') or {}
        progress(Progress(stack, 'pulling', event.get('status', ''), layer=event.get('id'), current=detail.get('current'),
                          total=detail.get('total')))


def _report(progress: ProgressFn | None, stack: str, phase: str, raw: dict[str, Any]) -> None:
    if progress:
        name = (raw.get('Names') or ['/' + raw['Id'][:12]])[0].lstrip('/')
        progress(Progress(stack, phase, f'{phase} {name}', service=(raw.get('Labels') or {}).get(spec.SERVICE)))
