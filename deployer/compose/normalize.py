"""One compose service, normalized: every short form expanded, sizes in bytes, durations in
nanoseconds, host paths resolved (see :func:`service`)."""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..errors import InvalidInput
from . import fields
from .interpolate import parse_env_file
from .model import (
    BuildSpec,
    Dependency,
    DeploySpec,
    Endpoint,
    Healthcheck,
    Service,
)

CONTAINER_NAME = re.compile(r'^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$')
ReadGuard = Callable[[str, str], 'bool | None']

# ---- normalization -----------------------------------------------------------------------------

class Context:
    """What normalizing a service needs from its project."""

    def __init__(self, *, project: str, workdir: Path | None, doc: dict[str, Any], variables: Mapping[str, str],
                 read_guard: ReadGuard, files: Mapping[str, str], unset: Mapping[str, list[str]]) -> None:
        self.project = project
        self.workdir = workdir
        self.doc = doc
        self.variables = variables
        self.read_guard = read_guard
        self.files = files
        self.unset = unset
        self.warnings: list[str] = []
        self.read: set[str] = set()
        self.served: set[str] = set()   # paths answered from the stack's own files: not read from the host

    def read_file(self, spelled: str, where: str, *, required: bool = True) -> tuple[str, str | None] | None:
        """(resolved path, text) of a KEY=value file a service names; the stack's own files first,
        then the disk (through the read guard). None when the guard leaves the file unread; text
        None for a missing optional file."""
        path = fields.host_path(spelled, self.workdir, where)
        if self.workdir is not None and Path(path).is_relative_to(self.workdir):
            relative = Path(path).relative_to(self.workdir).as_posix()
            if relative in self.files:
                self.read.add(relative)
                self.served.add(path)
                return path, self.files[relative]
        if self.read_guard(path, where) is False:
            return None
        if not Path(path).is_file():
            if required:
                raise InvalidInput(f'{where}: {spelled!r} does not exist')
            return path, None
        return path, Path(path).read_text()


def service(name: str, raw: dict[str, Any], ctx: Context) -> Service:
    where = f'services.{name}'
    environment: dict[str, str] = {}
    env_files: list[str] = []
    for env_file in fields.as_list(raw.get('env_file')):
        spelled = env_file if isinstance(env_file, str) else env_file.get('path')
        required = True if isinstance(env_file, str) else env_file.get('required', True) is not False
        found = ctx.read_file(spelled, f'{where}.env_file', required=required)
        if found is None:
            continue
        path, text = found
        if path not in ctx.served:   # a host file the policy checks; the stack's own files are not the host's
            env_files.append(path)
        if text is not None:
            environment.update(parse_env_file(text, spelled, lookup=ctx.variables))
    for key, value in fields.mapping(raw.get('environment'), f'{where}.environment', allow_none=True).items():
        if value is None:
            if key in ctx.variables:
                environment[key] = ctx.variables[key]
        else:
            environment[key] = value
    labels: dict[str, str] = {}
    for spelled in fields.as_list(raw.get('label_file')):
        found = ctx.read_file(spelled, f'{where}.label_file')
        if found is not None:
            labels.update(parse_env_file(found[1] or '', spelled))
    labels.update(fields.mapping(raw.get('labels'), f'{where}.labels'))
    build_spec = _build(raw.get('build'), where, ctx.workdir)
    if raw.get('container_name') is not None and not CONTAINER_NAME.match(str(raw['container_name'])):
        raise InvalidInput(f'{where}.container_name: {str(raw["container_name"])[:70]!r} is not a valid container name '
                           '(letters, digits, "_", "." and "-", starting with a letter or digit)')
    image = raw.get('image') or (f'{ctx.project}-{name}' if build_spec else None)
    if not image:
        raise InvalidInput(f'{where}: needs an "image" or a "build"')
    deploy = _deploy(raw.get('deploy'), where, ctx)
    replicas = _replicas(raw, deploy, where)
    if raw.get('container_name') and replicas > 1:
        raise InvalidInput(f'{where}: container_name cannot be used with more than one replica')
    limits = deploy.limits if deploy else {}
    reservations = deploy.reservations if deploy else {}
    stop_grace = raw.get('stop_grace_period')
    tmpfs: dict[str, str] = {}
    for item in fields.as_list(raw.get('tmpfs')):
        path, _, options = str(item).partition(':')
        tmpfs[path] = options
    restart = str(raw.get('restart', 'no'))
    if deploy and deploy.restart_policy:   # docker compose lets deploy.restart_policy win
        restart = _restart_from_policy(deploy.restart_policy)
    if raw.get('develop'):
        ctx.warnings.append(f'{where}.develop: watch rules are for "docker compose watch"; ignored here')
    if (raw.get('healthcheck') or {}).get('start_interval'):
        ctx.warnings.append(f'{where}.healthcheck.start_interval: needs Docker 25 or newer; ignored')
    pull_policy = str(raw.get('pull_policy', 'missing'))
    if pull_policy in ('refresh', 'daily', 'weekly') or pull_policy.startswith('every_'):
        ctx.warnings.append(f'{where}.pull_policy: {pull_policy!r} is applied as "missing" (pulled when absent; '
                            'the stack\'s Pull action fetches newer images)')
        pull_policy = 'missing'
    _same_limits(raw, limits, where)
    memory = limits.get('memory', raw.get('mem_limit'))
    cpus = limits.get('cpus', raw.get('cpus'))
    pids = limits.get('pids', raw.get('pids_limit'))
    reservation = reservations.get('memory', raw.get('mem_reservation'))
    return Service(
        name=name, image=image, build=build_spec, pull_policy=pull_policy,
        command=fields.command(raw.get('command')), entrypoint=fields.command(raw.get('entrypoint')),
        environment=environment, ports=fields.ports(raw.get('ports') or [], where),
        expose=[str(e) for e in raw.get('expose') or []],
        mounts=fields.mounts(raw.get('volumes') or [], where, ctx.workdir, ctx.doc.get('volumes') or {}, ctx.unset),
        networks=_networks(raw, where, ctx.doc.get('networks') or {}), network_mode=raw.get('network_mode'),
        depends_on=_depends_on(raw.get('depends_on')), healthcheck=_healthcheck(raw.get('healthcheck'), where),
        restart=restart, container_name=raw.get('container_name'),
        hostname=raw.get('hostname'), domainname=raw.get('domainname'), labels=labels, user=fields.opt_str(raw.get('user')),
        working_dir=raw.get('working_dir'), cap_add=list(raw.get('cap_add') or []),
        cap_drop=list(raw.get('cap_drop') or []), sysctls=fields.mapping(raw.get('sysctls'), f'{where}.sysctls'),
        stop_signal=raw.get('stop_signal'),
        stop_grace_period=(fields.duration_ns(stop_grace, f'{where}.stop_grace_period') // 1_000_000_000
                           if stop_grace is not None else None),
        cpus=fields.number(cpus, f'{where}.deploy.resources.limits.cpus') if cpus is not None else None,
        mem_limit=fields.size_bytes(memory, f'{where}.deploy.resources.limits.memory') if memory is not None else None,
        pids_limit=fields.whole(pids, f'{where}.deploy.resources.limits.pids') if pids is not None else None,
        replicas=replicas,
        secrets=fields.file_refs(raw.get('secrets') or [], where, ctx.doc.get('secrets') or {}, 'secrets'),
        configs=fields.file_refs(raw.get('configs') or [], where, ctx.doc.get('configs') or {}, 'configs'),
        profiles=list(raw.get('profiles') or []), init=raw.get('init'), tmpfs=tmpfs,
        extra_hosts=fields.extra_hosts(raw.get('extra_hosts'), where),
        logging=raw.get('logging'), privileged=bool(raw.get('privileged')), pid=raw.get('pid'),
        devices=[d if isinstance(d, str) else ':'.join(str(x) for x in (d['source'], d.get('target') or d['source'],
                                                                       d.get('permissions') or 'rwm'))
                 for d in raw.get('devices') or []],
        stdin_open=bool(raw.get('stdin_open')), tty=bool(raw.get('tty')), platform=raw.get('platform'),
        runtime=raw.get('runtime'), dns=[str(x) for x in fields.as_list(raw.get('dns'))], read_only=bool(raw.get('read_only')),
        shm_size=fields.optional(raw, 'shm_size', fields.size_bytes, where),
        security_opt=[str(o) for o in raw.get('security_opt') or []],
        ipc=fields.opt_str(raw.get('ipc')), uts=fields.opt_str(raw.get('uts')),
        userns_mode=fields.opt_str(raw.get('userns_mode')),
        cgroup=fields.opt_str(raw.get('cgroup')), cgroup_parent=fields.opt_str(raw.get('cgroup_parent')),
        volumes_from=[str(v) for v in raw.get('volumes_from') or []],
        device_cgroup_rules=[str(r) for r in raw.get('device_cgroup_rules') or []],
        gpus=fields.device_requests(raw.get('gpus'), reservations.get('devices'), where),
        use_api_socket=bool(raw.get('use_api_socket')), env_files=env_files,
        links=[fields.link(str(item)) for item in raw.get('links') or []],
        external_links=[fields.link(str(item)) for item in raw.get('external_links') or []],
        ulimits=fields.ulimits(raw.get('ulimits'), where),
        memswap_limit=fields.swap(raw.get('memswap_limit'), f'{where}.memswap_limit'),
        mem_reservation=fields.size_bytes(reservation, f'{where}.mem_reservation') if reservation is not None else None,
        mem_swappiness=fields.optional(raw, 'mem_swappiness', fields.whole, where),
        oom_kill_disable=bool(raw.get('oom_kill_disable')),
        oom_score_adj=fields.optional(raw, 'oom_score_adj', fields.whole, where),
        storage_opt=fields.mapping(raw.get('storage_opt'), f'{where}.storage_opt'),
        mac_address=fields.opt_str(raw.get('mac_address')),
        cpu_shares=fields.optional(raw, 'cpu_shares', fields.whole, where),
        cpu_period=fields.optional(raw, 'cpu_period', fields.whole, where),
        cpu_quota=fields.optional(raw, 'cpu_quota', fields.whole, where),
        cpu_rt_period=fields.micros(raw.get('cpu_rt_period'), f'{where}.cpu_rt_period'),
        cpu_rt_runtime=fields.micros(raw.get('cpu_rt_runtime'), f'{where}.cpu_rt_runtime'),
        cpuset=fields.opt_str(raw.get('cpuset')), blkio=fields.blkio(raw.get('blkio_config'), where),
        dns_opt=[str(x) for x in raw.get('dns_opt') or []],
        dns_search=[str(x) for x in fields.as_list(raw.get('dns_search'))],
        group_add=[str(g) for g in raw.get('group_add') or []],
        annotations=fields.mapping(raw.get('annotations'), f'{where}.annotations'),
        isolation=fields.opt_str(raw.get('isolation')),
        deploy=deploy,
    )


def _build(build: Any, where: str, workdir: Path | None) -> BuildSpec | None:
    if build is None:
        return None
    spec = {'context': build} if isinstance(build, str) else dict(build)
    return BuildSpec(context=fields.host_path(spec.get('context', '.'), workdir, f'{where}.build'),
                     dockerfile=spec.get('dockerfile'), args=fields.mapping(spec.get('args'), f'{where}.build.args'),
                     target=spec.get('target'), labels=fields.mapping(spec.get('labels'), f'{where}.build.labels'),
                     no_cache=bool(spec.get('no_cache')), pull=bool(spec.get('pull')),
                     cache_from=[str(c) for c in spec.get('cache_from') or []], network=fields.opt_str(spec.get('network')),
                     shm_size=fields.size_bytes(spec['shm_size'], f'{where}.build.shm_size') if spec.get('shm_size') else None,
                     extra_hosts=fields.extra_hosts(spec.get('extra_hosts'), f'{where}.build'))


def _networks(raw: dict[str, Any], where: str, declared: Mapping[str, Any]) -> dict[str, Endpoint]:
    """Network key -> endpoint, the primary (highest ``priority``, then as written) first."""
    given = raw.get('networks')
    if raw.get('network_mode') is not None:
        if given:
            raise InvalidInput(f'{where}: network_mode and networks cannot both be set (a service joins another\'s '
                               'network namespace or networks of its own)')
        return {}
    if given is None:
        return {'default': Endpoint()}
    items = given.items() if isinstance(given, dict) else ((n, None) for n in given)
    endpoints: list[tuple[str, Endpoint]] = []
    for key, spec in items:
        if key != 'default' and key not in declared:
            raise InvalidInput(f'{where}.networks: network {key!r} is not declared under the top-level "networks"')
        spec = spec or {}
        endpoints.append((key, Endpoint(
            aliases=[str(a) for a in spec.get('aliases') or []], ipv4_address=fields.opt_str(spec.get('ipv4_address')),
            ipv6_address=fields.opt_str(spec.get('ipv6_address')),
            link_local_ips=[str(i) for i in spec.get('link_local_ips') or []],
            mac_address=fields.opt_str(spec.get('mac_address')),
            driver_opts={str(k): str(v) for k, v in (spec.get('driver_opts') or {}).items()},
            priority=int(spec.get('priority') or 0))))
    endpoints.sort(key=lambda item: -item[1].priority)
    return dict(endpoints)


def _depends_on(depends: Any) -> list[Dependency]:
    if isinstance(depends, dict):
        return [Dependency(service=k, condition=(v or {}).get('condition', 'service_started'),
                           required=(v or {}).get('required', True) is not False,
                           restart=bool((v or {}).get('restart', False)))
                for k, v in depends.items()]
    return [Dependency(service=str(k)) for k in depends or []]


def _healthcheck(health: Any, where: str) -> Healthcheck | None:
    if health is None:
        return None
    test = health.get('test')
    if isinstance(test, str):
        test = ['CMD-SHELL', test]
    disable = bool(health.get('disable')) or (test or [None])[0] == 'NONE'
    at = f'{where}.healthcheck'
    return Healthcheck(
        test=[str(t) for t in test or []], disable=disable,
        interval=fields.duration_ns(health['interval'], f'{at}.interval') if 'interval' in health else None,
        timeout=fields.duration_ns(health['timeout'], f'{at}.timeout') if 'timeout' in health else None,
        retries=fields.whole(health['retries'], f'{at}.retries') if 'retries' in health else None,
        start_period=fields.duration_ns(health['start_period'], f'{at}.start_period') if 'start_period' in health else None)


_SWARM_ONLY = ('endpoint_mode', 'placement', 'update_config', 'rollback_config', 'labels')


def _deploy(raw: Any, where: str, ctx: Context) -> DeploySpec | None:
    """``deploy:`` kept whole; what one engine cannot apply is reported, as docker compose does."""
    if not raw:
        return None
    at = f'{where}.deploy'
    resources = raw.get('resources') or {}
    spec = DeploySpec(
        mode=str(raw.get('mode') or 'replicated'),
        replicas=fields.whole(raw['replicas'], f'{at}.replicas') if raw.get('replicas') is not None else None,
        labels=fields.mapping(raw.get('labels'), f'{at}.labels'), endpoint_mode=fields.opt_str(raw.get('endpoint_mode')),
        placement=dict(raw.get('placement') or {}), update_config=dict(raw.get('update_config') or {}),
        rollback_config=dict(raw.get('rollback_config') or {}), restart_policy=dict(raw.get('restart_policy') or {}),
        limits=dict(resources.get('limits') or {}), reservations=dict(resources.get('reservations') or {}))
    ignored = [key for key in _SWARM_ONLY if raw.get(key)]
    ignored += [f'restart_policy.{k}' for k in ('delay', 'window') if k in spec.restart_policy]
    ignored += [f'resources.reservations.{k}' for k in ('cpus', 'generic_resources') if k in spec.reservations]
    if spec.mode not in ('replicated', 'global'):
        raise InvalidInput(f'{at}.mode: {spec.mode!r} is not supported on one engine (replicated or global)')
    if spec.mode == 'global':
        ignored.append('mode: global (one container on one engine)')
    if ignored:
        ctx.warnings.append(f'{at}: ignored on a single engine (Swarm only): {", ".join(ignored)}')
    condition = spec.restart_policy.get('condition', 'any')
    if condition not in ('none', 'no', 'on-failure', 'any', 'always', 'unless-stopped'):
        raise InvalidInput(f'{at}.restart_policy.condition: {condition!r} is not one of none, on-failure, any')
    return spec


def _same_limits(raw: Mapping[str, Any], limits: Mapping[str, Any], where: str) -> None:
    """A limit given both as a service key and under deploy.resources.limits must agree (Compose
    refuses distinct values)."""
    for key, limit, read in (('mem_limit', 'memory', fields.size_bytes), ('cpus', 'cpus', fields.number),
                             ('pids_limit', 'pids', fields.whole)):
        if raw.get(key) is None or limits.get(limit) is None:
            continue
        if read(raw[key], f'{where}.{key}') != read(limits[limit], f'{where}.deploy.resources.limits.{limit}'):
            raise InvalidInput(f'{where}: {key} ({raw[key]}) and deploy.resources.limits.{limit} ({limits[limit]}) '
                               'disagree; give one of them')


def _replicas(raw: dict[str, Any], deploy: DeploySpec | None, where: str) -> int:
    scale = fields.optional(raw, 'scale', fields.whole, where)
    wanted = deploy.replicas if deploy else None
    if deploy and deploy.mode == 'global':
        wanted = 1
    if scale is not None and wanted is not None and scale != wanted:
        raise InvalidInput(f'{where}: scale ({scale}) and deploy.replicas ({wanted}) disagree; give one of them')
    replicas = wanted if wanted is not None else scale if scale is not None else 1
    if replicas < 0:
        raise InvalidInput(f'{where}.deploy.replicas: {replicas} is below zero')
    return replicas


def _restart_from_policy(policy: Mapping[str, Any]) -> str:
    condition = str(policy.get('condition', 'any'))
    if condition in ('none', 'no'):
        return 'no'
    if condition == 'on-failure':
        attempts = policy.get('max_attempts')
        return f'on-failure:{int(attempts)}' if attempts else 'on-failure'
    return 'unless-stopped' if condition == 'unless-stopped' else 'always'
