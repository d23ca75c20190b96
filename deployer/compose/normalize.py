"""One compose service, normalized: every short form expanded, sizes in bytes, durations in
nanoseconds, host paths resolved (see :func:`service`)."""
from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..errors import InvalidInput
from .interpolate import parse_env_file
from .model import (
    BuildSpec,
    Dependency,
    DeploySpec,
    Endpoint,
    FileRef,
    Healthcheck,
    MountSpec,
    PortSpec,
    Service,
    Ulimit,
)

CONTAINER_NAME = re.compile(r'^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$')
ReadGuard = Callable[[str, str], 'bool | None']

# ---- normalization -----------------------------------------------------------------------------

_DURATION = re.compile(r'(\d+(?:\.\d+)?)(us|ms|s|m|h)')
_UNITS = {'us': 1_000, 'ms': 1_000_000, 's': 1_000_000_000, 'm': 60_000_000_000, 'h': 3_600_000_000_000}
_SIZE = re.compile(r'^(\d+(?:\.\d+)?)\s*([bkmgt]?)b?$', re.IGNORECASE)


def duration_ns(value: Any, where: str) -> int:
    if isinstance(value, (int, float)):
        return int(value * 1_000_000_000)
    text = str(value).strip()
    parts = _DURATION.findall(text)
    if not parts or ''.join(n + u for n, u in parts) != text.replace(' ', ''):
        raise InvalidInput(f'{where}: {text[:30]!r} is not a duration like 30s, 1m30s or 500ms')
    return int(sum(float(n) * _UNITS[u] for n, u in parts))


def size_bytes(value: Any, where: str) -> int:
    if isinstance(value, int):
        return value
    match = _SIZE.match(str(value).strip())
    if not match:
        raise InvalidInput(f'{where}: {str(value)[:30]!r} is not a size like 512m or 1g')
    number, unit = match.groups()
    return int(float(number) * 1024 ** 'bkmgt'.index(unit.lower() or 'b'))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def mapping(value: Any, where: str, *, allow_none: bool = False) -> dict[str, str]:
    """Compose's "list or dict" of KEY=value pairs as a dict of strings."""
    if value is None:
        return {}
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for key, item in value.items():
            if item is None and not allow_none:
                item = ''
            out[str(key)] = item if item is None else _scalar(item)
        return out
    out = {}
    for item in value:
        key, sep, rest = str(item).partition('=')
        out[key] = rest if sep else (None if allow_none else '')  # type: ignore[assignment]
    return out


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return str(value)


def _command(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return shlex.split(value)
        except ValueError as exc:
            raise InvalidInput(f'command {value[:60]!r}: {exc}') from None
    return [str(v) for v in value]


def _ports(values: list[Any], where: str) -> list[PortSpec]:
    ports: list[PortSpec] = []
    for index, value in enumerate(values):
        at = f'{where}.ports.{index}'
        if isinstance(value, dict):
            ports.append(PortSpec(target=_int(value['target'], f'{at}.target'), published=_opt_str(value.get('published')),
                                  host_ip=value.get('host_ip', ''), protocol=value.get('protocol', 'tcp')))
            continue
        text = str(value)
        text, _, protocol = text.partition('/')
        host_ip = ''
        if text.startswith('['):
            host_ip, _, text = text[1:].partition(']')
            text = text.lstrip(':')
        parts = text.split(':')
        if len(parts) == 3:
            host_ip, published, target = parts
        elif len(parts) == 2:
            published, target = parts
        elif len(parts) == 1:
            published, target = '', parts[0]
        else:
            raise InvalidInput(f'{at}: {value!r} is not a port mapping like "8080:80" or "127.0.0.1:8080:80/udp"')
        targets = _port_range(target, at)
        publishes = _port_range(published, at) if published else []
        if publishes and len(publishes) not in (1, len(targets)) and len(targets) != 1:
            raise InvalidInput(f'{at}: the host range and the container range differ in length')
        for i, port in enumerate(targets):
            if not publishes:
                host = None
            elif len(targets) == 1:
                host = published
            else:
                host = str(publishes[i]) if len(publishes) > 1 else str(publishes[0])
            ports.append(PortSpec(target=port, published=host, host_ip=host_ip, protocol=protocol or 'tcp'))
    return ports


def _port_range(text: str, where: str) -> list[int]:
    first, _, last = text.partition('-')
    try:
        start, end = int(first), int(last or first)
    except ValueError:
        raise InvalidInput(f'{where}: {text!r} is not a port or range') from None
    if not (0 < start <= end < 65536) or end - start > 1000:
        raise InvalidInput(f'{where}: {text!r} is not a port between 1 and 65535')
    return list(range(start, end + 1))


def _opt_str(value: Any) -> str | None:
    return None if value is None or value == '' else str(value)


_PROPAGATION = {'shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'}
_MOUNT_MODES = {'ro', 'rw', 'z', 'Z', 'nocopy', 'consistent', 'cached', 'delegated', *_PROPAGATION}


def _mounts(values: list[Any], where: str, workdir: Path | None, volumes: dict[str, Any],
            unset: Mapping[str, list[str]]) -> list[MountSpec]:
    mounts: list[MountSpec] = []
    for index, value in enumerate(values):
        at = f'{where}.volumes.{index}'
        if isinstance(value, dict):
            kind = value['type']
            source = value.get('source')
            if kind in ('bind', 'volume') and 'source' in value and not source:
                raise InvalidInput(f'{at}.source: {_empty_because(unset, where)}')
            spelled = source if kind == 'bind' else None
            if kind == 'bind' and source:
                source = host_path(source, workdir, at)
            elif kind == 'volume' and source and source not in volumes:
                raise InvalidInput(f'{at}: volume {source!r} is not declared under the top-level "volumes"')
            if kind not in ('volume', 'bind', 'tmpfs'):
                raise InvalidInput(f'{at}: mount type {kind!r} is not supported (use volume, bind or tmpfs)')
            if kind == 'bind' and not source:
                raise InvalidInput(f'{at}: a bind mount needs a source')
            if (value.get('volume') or {}).get('subpath'):
                raise InvalidInput(f'{at}.volume.subpath: mounting part of a volume needs Docker 26 or newer; '
                                   'not supported here')
            tmpfs = value.get('tmpfs') or {}
            mode = tmpfs.get('mode')
            mounts.append(MountSpec(
                type=kind, target=value['target'], source=source, read_only=bool(value.get('read_only')), spelled=spelled,
                nocopy=bool((value.get('volume') or {}).get('nocopy')),
                create_host_path=kind != 'bind' or bool((value.get('bind') or {}).get('create_host_path', False)),
                tmpfs_size=size_bytes(tmpfs['size'], f'{at}.tmpfs.size') if tmpfs.get('size') else None,
                tmpfs_mode=(int(str(mode), 8) if isinstance(mode, str) else mode) if mode is not None else None,
                propagation=(value.get('bind') or {}).get('propagation')))
            continue
        text = str(value)
        parts = text.split(':')
        if len(parts) == 1:
            mounts.append(MountSpec(type='volume', target=parts[0]))
            continue
        if len(parts) > 3 or not parts[1]:
            raise InvalidInput(f'{at}: {text[:80]!r} is not a mount like "./data:/data", "data:/data:ro" or "/data"')
        source, target = parts[0], parts[1]
        if not source:
            raise InvalidInput(f'{at}: the host side of {text[:80]!r} is {_empty_because(unset, where)}')
        modes = [m for m in (parts[2].split(',') if len(parts) > 2 else []) if m]
        unknown = [m for m in modes if m not in _MOUNT_MODES]
        if unknown:
            raise InvalidInput(f'{at}: {unknown[0]!r} is not a mount option (ro, rw, z, Z, nocopy or a propagation '
                               'mode like rshared)')
        read_only = 'ro' in modes
        propagation = next((m for m in modes if m in _PROPAGATION), None)
        if source.startswith(('.', '/', '~')):
            mounts.append(MountSpec(type='bind', target=target, source=host_path(source, workdir, at), read_only=read_only,
                                    spelled=source, propagation=propagation))
        else:
            if source not in volumes:
                raise InvalidInput(f'{at}: volume {source!r} is not declared under the top-level "volumes"')
            mounts.append(MountSpec(type='volume', target=target, source=source, read_only=read_only,
                                    nocopy='nocopy' in modes))
    return mounts


def _empty_because(unset: Mapping[str, list[str]], where: str) -> str:
    names = sorted({n for path, found in unset.items() if path.startswith(f'{where}.volumes') for n in found})
    if names:
        return ('empty because variable ' + ', '.join(names) + (' is' if len(names) == 1 else ' are')
                + ' not set (give it a value, e.g. in the stack\'s .env, or a default with ${VAR:-value})')
    return 'empty after interpolation (a variable in it has an empty value)'


def host_path(source: str, workdir: Path | None, where: str) -> str:
    path = Path(source).expanduser()
    if not path.is_absolute():
        if workdir is None:
            raise InvalidInput(f'{where}: the relative path {source!r} needs a project directory')
        path = workdir / path
    return str(Path(path).resolve())


def _file_refs(values: list[Any], where: str, known: dict[str, Any], kind: str) -> list[FileRef]:
    refs = []
    for value in values:
        spec = value if isinstance(value, dict) else {'source': value}
        source = spec['source']
        if source not in known:
            raise InvalidInput(f'{where}.{kind}: {source!r} is not declared under the top-level "{kind}"')
        default = f'/run/secrets/{source}' if kind == 'secrets' else f'/{source}'
        target = spec.get('target') or default
        if kind == 'secrets' and not target.startswith('/'):
            target = f'/run/secrets/{target}'
        mode = spec.get('mode')
        refs.append(FileRef(name=source, target=target, uid=_opt_str(spec.get('uid')), gid=_opt_str(spec.get('gid')),
                            mode=int(str(mode), 8) if isinstance(mode, str) else mode))
    return refs


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

    def read_file(self, spelled: str, where: str, *, required: bool = True) -> tuple[str, str | None] | None:
        """(resolved path, text) of a KEY=value file a service names; the stack's own files first,
        then the disk (through the read guard). None when the guard leaves the file unread; text
        None for a missing optional file."""
        path = host_path(spelled, self.workdir, where)
        if self.workdir is not None and Path(path).is_relative_to(self.workdir):
            relative = Path(path).relative_to(self.workdir).as_posix()
            if relative in self.files:
                self.read.add(relative)
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
    for env_file in _as_list(raw.get('env_file')):
        spelled = env_file if isinstance(env_file, str) else env_file.get('path')
        required = True if isinstance(env_file, str) else env_file.get('required', True) is not False
        found = ctx.read_file(spelled, f'{where}.env_file', required=required)
        if found is None:
            continue
        path, text = found
        env_files.append(path)
        if text is not None:
            environment.update(parse_env_file(text, spelled, lookup=ctx.variables))
    for key, value in mapping(raw.get('environment'), f'{where}.environment', allow_none=True).items():
        if value is None:
            if key in ctx.variables:
                environment[key] = ctx.variables[key]
        else:
            environment[key] = value
    labels: dict[str, str] = {}
    for spelled in _as_list(raw.get('label_file')):
        found = ctx.read_file(spelled, f'{where}.label_file')
        if found is not None:
            labels.update(parse_env_file(found[1] or '', spelled))
    labels.update(mapping(raw.get('labels'), f'{where}.labels'))
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
    for item in _as_list(raw.get('tmpfs')):
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
        command=_command(raw.get('command')), entrypoint=_command(raw.get('entrypoint')),
        environment=environment, ports=_ports(raw.get('ports') or [], where),
        expose=[str(e) for e in raw.get('expose') or []],
        mounts=_mounts(raw.get('volumes') or [], where, ctx.workdir, ctx.doc.get('volumes') or {}, ctx.unset),
        networks=_networks(raw, where, ctx.doc.get('networks') or {}), network_mode=raw.get('network_mode'),
        depends_on=_depends_on(raw.get('depends_on')), healthcheck=_healthcheck(raw.get('healthcheck'), where),
        restart=restart, container_name=raw.get('container_name'),
        hostname=raw.get('hostname'), domainname=raw.get('domainname'), labels=labels, user=_opt_str(raw.get('user')),
        working_dir=raw.get('working_dir'), cap_add=list(raw.get('cap_add') or []),
        cap_drop=list(raw.get('cap_drop') or []), sysctls=mapping(raw.get('sysctls'), f'{where}.sysctls'),
        stop_signal=raw.get('stop_signal'),
        stop_grace_period=(duration_ns(stop_grace, f'{where}.stop_grace_period') // 1_000_000_000
                           if stop_grace is not None else None),
        cpus=_float(cpus, f'{where}.deploy.resources.limits.cpus') if cpus is not None else None,
        mem_limit=size_bytes(memory, f'{where}.deploy.resources.limits.memory') if memory is not None else None,
        pids_limit=_int(pids, f'{where}.deploy.resources.limits.pids') if pids is not None else None,
        replicas=replicas,
        secrets=_file_refs(raw.get('secrets') or [], where, ctx.doc.get('secrets') or {}, 'secrets'),
        configs=_file_refs(raw.get('configs') or [], where, ctx.doc.get('configs') or {}, 'configs'),
        profiles=list(raw.get('profiles') or []), init=raw.get('init'), tmpfs=tmpfs,
        extra_hosts=_extra_hosts(raw.get('extra_hosts'), where),
        logging=raw.get('logging'), privileged=bool(raw.get('privileged')), pid=raw.get('pid'),
        devices=[d if isinstance(d, str) else ':'.join(str(x) for x in (d['source'], d.get('target') or d['source'],
                                                                       d.get('permissions') or 'rwm'))
                 for d in raw.get('devices') or []],
        stdin_open=bool(raw.get('stdin_open')), tty=bool(raw.get('tty')), platform=raw.get('platform'),
        runtime=raw.get('runtime'), dns=[str(x) for x in _as_list(raw.get('dns'))], read_only=bool(raw.get('read_only')),
        shm_size=size_bytes(raw['shm_size'], f'{where}.shm_size') if raw.get('shm_size') is not None else None,
        security_opt=[str(o) for o in raw.get('security_opt') or []],
        ipc=_opt_str(raw.get('ipc')), uts=_opt_str(raw.get('uts')), userns_mode=_opt_str(raw.get('userns_mode')),
        cgroup=_opt_str(raw.get('cgroup')), cgroup_parent=_opt_str(raw.get('cgroup_parent')),
        volumes_from=[str(v) for v in raw.get('volumes_from') or []],
        device_cgroup_rules=[str(r) for r in raw.get('device_cgroup_rules') or []],
        gpus=_device_requests(raw.get('gpus'), reservations.get('devices'), where),
        use_api_socket=bool(raw.get('use_api_socket')), env_files=env_files,
        links=[_link(str(item)) for item in raw.get('links') or []],
        external_links=[_link(str(item)) for item in raw.get('external_links') or []],
        ulimits=_ulimits(raw.get('ulimits'), where),
        memswap_limit=_swap(raw.get('memswap_limit'), f'{where}.memswap_limit'),
        mem_reservation=size_bytes(reservation, f'{where}.mem_reservation') if reservation is not None else None,
        mem_swappiness=_int(raw['mem_swappiness'], f'{where}.mem_swappiness') if raw.get('mem_swappiness') is not None
        else None,
        oom_kill_disable=bool(raw.get('oom_kill_disable')),
        oom_score_adj=_int(raw['oom_score_adj'], f'{where}.oom_score_adj') if raw.get('oom_score_adj') is not None
        else None,
        storage_opt=mapping(raw.get('storage_opt'), f'{where}.storage_opt'), mac_address=_opt_str(raw.get('mac_address')),
        cpu_shares=_int(raw['cpu_shares'], f'{where}.cpu_shares') if raw.get('cpu_shares') is not None else None,
        cpu_period=_int(raw['cpu_period'], f'{where}.cpu_period') if raw.get('cpu_period') is not None else None,
        cpu_quota=_int(raw['cpu_quota'], f'{where}.cpu_quota') if raw.get('cpu_quota') is not None else None,
        cpu_rt_period=_micros(raw.get('cpu_rt_period'), f'{where}.cpu_rt_period'),
        cpu_rt_runtime=_micros(raw.get('cpu_rt_runtime'), f'{where}.cpu_rt_runtime'),
        cpuset=_opt_str(raw.get('cpuset')), blkio=_blkio(raw.get('blkio_config'), where),
        dns_opt=[str(x) for x in raw.get('dns_opt') or []], dns_search=[str(x) for x in _as_list(raw.get('dns_search'))],
        group_add=[str(g) for g in raw.get('group_add') or []],
        annotations=mapping(raw.get('annotations'), f'{where}.annotations'), isolation=_opt_str(raw.get('isolation')),
        deploy=deploy,
    )


def _build(build: Any, where: str, workdir: Path | None) -> BuildSpec | None:
    if build is None:
        return None
    spec = {'context': build} if isinstance(build, str) else dict(build)
    return BuildSpec(context=host_path(spec.get('context', '.'), workdir, f'{where}.build'),
                     dockerfile=spec.get('dockerfile'), args=mapping(spec.get('args'), f'{where}.build.args'),
                     target=spec.get('target'), labels=mapping(spec.get('labels'), f'{where}.build.labels'),
                     no_cache=bool(spec.get('no_cache')), pull=bool(spec.get('pull')),
                     cache_from=[str(c) for c in spec.get('cache_from') or []], network=_opt_str(spec.get('network')),
                     shm_size=size_bytes(spec['shm_size'], f'{where}.build.shm_size') if spec.get('shm_size') else None,
                     extra_hosts=_extra_hosts(spec.get('extra_hosts'), f'{where}.build'))


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
            aliases=[str(a) for a in spec.get('aliases') or []], ipv4_address=_opt_str(spec.get('ipv4_address')),
            ipv6_address=_opt_str(spec.get('ipv6_address')),
            link_local_ips=[str(i) for i in spec.get('link_local_ips') or []],
            mac_address=_opt_str(spec.get('mac_address')),
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
        interval=duration_ns(health['interval'], f'{at}.interval') if 'interval' in health else None,
        timeout=duration_ns(health['timeout'], f'{at}.timeout') if 'timeout' in health else None,
        retries=_int(health['retries'], f'{at}.retries') if 'retries' in health else None,
        start_period=duration_ns(health['start_period'], f'{at}.start_period') if 'start_period' in health else None)


_SWARM_ONLY = ('endpoint_mode', 'placement', 'update_config', 'rollback_config', 'labels')


def _deploy(raw: Any, where: str, ctx: Context) -> DeploySpec | None:
    """``deploy:`` kept whole; what one engine cannot apply is reported, as docker compose does."""
    if not raw:
        return None
    at = f'{where}.deploy'
    resources = raw.get('resources') or {}
    spec = DeploySpec(
        mode=str(raw.get('mode') or 'replicated'),
        replicas=_int(raw['replicas'], f'{at}.replicas') if raw.get('replicas') is not None else None,
        labels=mapping(raw.get('labels'), f'{at}.labels'), endpoint_mode=_opt_str(raw.get('endpoint_mode')),
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
    for key, limit, read in (('mem_limit', 'memory', size_bytes), ('cpus', 'cpus', _float), ('pids_limit', 'pids', _int)):
        if raw.get(key) is None or limits.get(limit) is None:
            continue
        if read(raw[key], f'{where}.{key}') != read(limits[limit], f'{where}.deploy.resources.limits.{limit}'):
            raise InvalidInput(f'{where}: {key} ({raw[key]}) and deploy.resources.limits.{limit} ({limits[limit]}) '
                               'disagree; give one of them')


def _replicas(raw: dict[str, Any], deploy: DeploySpec | None, where: str) -> int:
    scale = _int(raw['scale'], f'{where}.scale') if raw.get('scale') is not None else None
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


def _link(text: str) -> str:
    """``db`` or ``db:database`` as ``target:alias``."""
    target, _, alias = text.partition(':')
    return f'{target}:{alias or target}'


def _ulimits(raw: Any, where: str) -> list[Ulimit]:
    limits = []
    for name, value in sorted((raw or {}).items()):
        at = f'{where}.ulimits.{name}'
        if isinstance(value, dict):
            soft, hard = _int(value['soft'], f'{at}.soft'), _int(value['hard'], f'{at}.hard')
            if soft > hard and hard != -1:
                raise InvalidInput(f'{at}: the soft limit ({soft}) is above the hard limit ({hard})')
        else:
            soft = hard = _int(value, at)
        limits.append(Ulimit(name=str(name), soft=soft, hard=hard))
    return limits


def _swap(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if value in (-1, '-1'):
        return -1
    return size_bytes(value, where)


def _micros(value: Any, where: str) -> int | None:
    """Microseconds, given as a number or a duration (``400ms``)."""
    if value is None:
        return None
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        return int(value)
    return duration_ns(value, where) // 1000


def _blkio(raw: Any, where: str) -> dict[str, Any]:
    if not raw:
        return {}
    out: dict[str, Any] = {}
    if raw.get('weight') is not None:
        out['BlkioWeight'] = _int(raw['weight'], f'{where}.blkio_config.weight')
    if raw.get('weight_device'):
        out['BlkioWeightDevice'] = [{'Path': d['path'], 'Weight': _int(d['weight'], f'{where}.blkio_config.weight_device')}
                                    for d in raw['weight_device']]
    for key, engine in (('device_read_bps', 'BlkioDeviceReadBps'), ('device_write_bps', 'BlkioDeviceWriteBps')):
        if raw.get(key):
            out[engine] = [{'Path': d['path'], 'Rate': size_bytes(d['rate'], f'{where}.blkio_config.{key}')}
                           for d in raw[key]]
    for key, engine in (('device_read_iops', 'BlkioDeviceReadIOps'), ('device_write_iops', 'BlkioDeviceWriteIOps')):
        if raw.get(key):
            out[engine] = [{'Path': d['path'], 'Rate': _int(d['rate'], f'{where}.blkio_config.{key}')} for d in raw[key]]
    return out


def _extra_hosts(raw: Any, where: str) -> list[str]:
    """Both forms (``host:ip``/``host=ip`` items, or a mapping, values possibly lists) as the
    engine's ``host:ip`` entries; IPv6 brackets are dropped."""
    pairs: list[tuple[str, str]] = []
    if isinstance(raw, dict):
        for host, value in raw.items():
            pairs += [(str(host), str(v)) for v in _as_list(value)]
    else:
        for item in raw or []:
            text = str(item)
            host, sep, address = text.partition('=')
            if not sep:
                host, sep, address = text.partition(':')
            if not sep or not host or not address:
                raise InvalidInput(f'{where}.extra_hosts: {text[:60]!r} is not "host:address" or "host=address"')
            pairs.append((host, address))
    return [f'{host}:{address.strip("[]")}' for host, address in pairs]


def _device_requests(gpus: Any, reserved: Any, where: str) -> list[dict[str, Any]] | None:
    """``gpus`` (``all`` or a list) and ``deploy.resources.reservations.devices`` as the engine's
    ``DeviceRequests``."""
    if gpus is None and not reserved:
        return None
    requests = []
    if gpus == 'all':
        requests.append({'Driver': '', 'Count': -1, 'Capabilities': [['gpu']]})
    elif gpus is not None:
        for item in _as_list(gpus):
            if not isinstance(item, dict):
                raise InvalidInput(f'{where}.gpus: use "all" or a list of device requests')
            requests.append(_device_request(item, f'{where}.gpus', ['gpu']))
    for item in _as_list(reserved):
        requests.append(_device_request(item, f'{where}.deploy.resources.reservations.devices', []))
    return requests


def _device_request(item: Mapping[str, Any], where: str, default_caps: list[str]) -> dict[str, Any]:
    count = item.get('count')
    ids = [str(d) for d in item.get('device_ids') or []]
    return {'Driver': str(item.get('driver') or ''),
            'Count': 0 if ids and count is None else -1 if count in (None, 'all') else _int(count, f'{where}.count'),
            'DeviceIDs': ids or None,
            'Capabilities': [[str(c) for c in item.get('capabilities') or default_caps]],
            'Options': {str(k): str(v) for k, v in (item.get('options') or {}).items()} or None}


def _int(value: Any, where: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidInput(f'{where}: {value!r} is not a whole number') from None


def _float(value: Any, where: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InvalidInput(f'{where}: {value!r} is not a number') from None


def number_problem(exc: Exception) -> str:
    text = str(exc)
    match = re.search(r"'([^']*)'", text)
    return f'{match.group(1)!r} is not a number' if match else f'a value has the wrong type ({text[:80]})'


