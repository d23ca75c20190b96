"""From compose YAML to a :class:`Project`: parse safely, interpolate, validate against the
Compose Specification's JSON schema, refuse what we do not support, normalize.

    project = load_project(text, name='blog', env={'PORT': '8080'}, working_dir='/srv/blog')
"""
from __future__ import annotations

import functools
import json
import re
import shlex
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from ..errors import InvalidInput
from .interpolate import interpolate, parse_env_file
from .model import (
    BuildSpec,
    Dependency,
    FileRef,
    FileSpec,
    Healthcheck,
    MountSpec,
    NetworkSpec,
    PortSpec,
    Project,
    Service,
    VolumeSpec,
)

SCHEMA_PATH = Path(__file__).with_name('compose-spec.json')
MAX_DOCUMENT = 1 << 20          # bytes of YAML
MAX_NODES = 100_000             # after alias expansion: refuses "billion laughs"
MAX_DEPTH = 64
PROJECT_NAME = re.compile(r'^[a-z0-9][a-z0-9_-]{0,62}$')
CONTAINER_NAME = re.compile(r'^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$')

SUPPORTED_SERVICE_KEYS = {
    'image', 'build', 'pull_policy', 'command', 'entrypoint', 'environment', 'env_file', 'ports', 'expose',
    'volumes', 'networks', 'network_mode', 'depends_on', 'healthcheck', 'restart', 'container_name', 'hostname',
    'domainname', 'labels', 'user', 'working_dir', 'cap_add', 'cap_drop', 'sysctls', 'stop_signal',
    'stop_grace_period', 'deploy', 'scale', 'secrets', 'configs', 'profiles', 'init', 'tmpfs', 'extra_hosts',
    'logging', 'privileged', 'pid', 'devices', 'stdin_open', 'tty', 'platform', 'runtime', 'dns', 'read_only',
    'shm_size', 'security_opt', 'mem_limit', 'cpus', 'pids_limit', 'ipc', 'uts', 'userns_mode', 'cgroup',
    'cgroup_parent', 'volumes_from', 'device_cgroup_rules', 'gpus', 'use_api_socket',
}
SUPPORTED_DEPLOY_KEYS = {'replicas', 'resources'}
SUPPORTED_RESOURCE_KEYS = {'limits'}
SUPPORTED_LIMIT_KEYS = {'cpus', 'memory', 'pids'}
SUPPORTED_BUILD_KEYS = {'context', 'dockerfile', 'args', 'target', 'labels', 'no_cache', 'pull'}
SUPPORTED_TOP_KEYS = {'version', 'name', 'services', 'networks', 'volumes', 'secrets', 'configs'}
SUPPORTED_NETWORK_KEYS = {'driver', 'driver_opts', 'external', 'name', 'labels', 'internal', 'attachable',
                          'enable_ipv6', 'ipam'}
SUPPORTED_VOLUME_KEYS = {'driver', 'driver_opts', 'external', 'name', 'labels'}
SUPPORTED_FILE_KEYS = {'file', 'environment', 'name', 'content'}


ReadGuard = Callable[[str, str], 'bool | None']
"""Called with a resolved host path and where the document names it before the loader reads
that file (an ``env_file``); raises to refuse, returns False to leave the file unread (a check of
the document's shape only). The deploy policy provides one."""


# ---- parsing ------------------------------------------------------------------------------------

def parse_yaml(text: str, what: str = 'compose document') -> Any:
    if len(text.encode()) > MAX_DOCUMENT:
        raise InvalidInput(f'the {what} is over {MAX_DOCUMENT // 1024} KiB')
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, 'problem_mark', None)
        where = f' at line {mark.line + 1}, column {mark.column + 1}' if mark else ''
        problem = getattr(exc, 'problem', None) or str(exc).splitlines()[0]
        raise InvalidInput(f'the {what} is not valid YAML{where}: {problem}') from None
    check_size(data)
    return data


def check_size(data: Any) -> None:
    """Refuse documents that only aliases make huge ("billion laughs") or deeply nested.

    YAML aliases share objects, so the expanded size is counted once per object (memoized)."""
    sizes: dict[int, int] = {}

    def size(value: Any, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise InvalidInput(f'the document is nested deeper than {MAX_DEPTH} levels')
        if not isinstance(value, (dict, list)):
            return 1
        known = sizes.get(id(value))
        if known is not None:
            return known
        items = value.values() if isinstance(value, dict) else value
        total = 1 + sum(size(item, depth + 1) for item in items)
        if total > MAX_NODES:
            raise InvalidInput(f'the document is too large once its aliases are expanded (over {MAX_NODES:,} nodes)')
        sizes[id(value)] = total
        return total

    size(data, 0)


@functools.cache
def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(SCHEMA_PATH.read_text()))


def validate(document: Any) -> None:
    """Check a parsed document against the Compose Specification; errors name their path."""
    if not isinstance(document, dict):
        raise InvalidInput('a compose document must be a mapping with a "services" key')
    errors = sorted(_validator().iter_errors(document), key=lambda e: (len(e.path), list(map(str, e.path))))
    if errors:
        error = errors[0]
        path = '.'.join(str(p) for p in error.absolute_path) or '(top level)'
        more = f' (and {len(errors) - 1} more problems)' if len(errors) > 1 else ''
        raise InvalidInput(f'{path}: {error.message}{more}')


# ---- the whole pipeline ------------------------------------------------------------------------

def load_project(source: str | Mapping[str, Any], *, name: str, env: Mapping[str, str] | None = None,
                 working_dir: str | Path | None = None, config_files: list[str] | None = None,
                 profiles: list[str] | None = None, read_guard: ReadGuard | None = None) -> Project:
    """``read_guard`` checks every host file the document asks to read at load time (``env_file``);
    without one, only files inside ``working_dir`` are read."""
    check_project_name(name)
    workdir = Path(working_dir).resolve() if working_dir else None
    document = parse_yaml(source) if isinstance(source, str) else _plain(source)
    if not isinstance(document, dict):
        raise InvalidInput('a compose document must be a mapping with a "services" key')
    variables: dict[str, str] = {}
    if workdir and (workdir / '.env').is_file():
        variables.update(parse_env_file((workdir / '.env').read_text(), str(workdir / '.env')))
    variables.update(env or {})
    variables.setdefault('COMPOSE_PROJECT_NAME', name)
    document = interpolate(document, variables)
    validate(document)
    _check_supported(document)
    guard = read_guard or _inside(workdir)
    return _normalize(document, name=name, workdir=workdir, variables=variables,
                      config_files=config_files or [], profiles=set(profiles or []), read_guard=guard)


def _inside(workdir: Path | None) -> ReadGuard:
    def guard(path: str, where: str) -> None:
        if workdir is None or not Path(path).is_relative_to(workdir):
            raise InvalidInput(f'{where}: {path} is outside the project directory')
    return guard


def check_project_name(name: str) -> None:
    if not isinstance(name, str) or not PROJECT_NAME.match(name):
        raise InvalidInput(f'stack name {str(name)[:70]!r} is not valid: use lowercase letters, digits, '
                           '"-" and "_", starting with a letter or digit (at most 63 characters)')


def _plain(value: Any) -> Any:
    """A JSON-shaped copy of a mapping given by an API client (no YAML involved)."""
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError):
        raise InvalidInput('the compose document must be JSON-shaped data') from None


def _check_supported(document: dict[str, Any]) -> None:
    def refuse(path: str, keys: set[str]) -> None:
        bad = sorted(k for k in keys if not k.startswith('x-'))
        if bad:
            raise InvalidInput(f'{path}{bad[0]}: this compose key is not supported by DockerDeployer'
                               + (f' (also: {", ".join(bad[1:])})' if len(bad) > 1 else ''))

    refuse('', set(document) - SUPPORTED_TOP_KEYS)
    for name, service in (document.get('services') or {}).items():
        service = service or {}
        refuse(f'services.{name}.', set(service) - SUPPORTED_SERVICE_KEYS)
        deploy = service.get('deploy') or {}
        refuse(f'services.{name}.deploy.', set(deploy) - SUPPORTED_DEPLOY_KEYS)
        resources = deploy.get('resources') or {}
        refuse(f'services.{name}.deploy.resources.', set(resources) - SUPPORTED_RESOURCE_KEYS)
        refuse(f'services.{name}.deploy.resources.limits.', set(resources.get('limits') or {}) - SUPPORTED_LIMIT_KEYS)
        if isinstance(service.get('build'), dict):
            refuse(f'services.{name}.build.', set(service['build']) - SUPPORTED_BUILD_KEYS)
    for section, keys in (('networks', SUPPORTED_NETWORK_KEYS), ('volumes', SUPPORTED_VOLUME_KEYS),
                          ('secrets', SUPPORTED_FILE_KEYS), ('configs', SUPPORTED_FILE_KEYS)):
        for key, spec in (document.get(section) or {}).items():
            refuse(f'{section}.{key}.', set(spec or {}) - keys)


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


def _mapping(value: Any, where: str, *, allow_none: bool = False) -> dict[str, str]:
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


def _mounts(values: list[Any], where: str, workdir: Path | None, volumes: dict[str, Any]) -> list[MountSpec]:
    mounts: list[MountSpec] = []
    for index, value in enumerate(values):
        at = f'{where}.volumes.{index}'
        if isinstance(value, dict):
            kind = value['type']
            source = value.get('source')
            spelled = source if kind == 'bind' else None
            if kind == 'bind' and source:
                source = _host_path(source, workdir, at)
            elif kind == 'volume' and source and source not in volumes:
                raise InvalidInput(f'{at}: volume {source!r} is not declared under the top-level "volumes"')
            if kind not in ('volume', 'bind', 'tmpfs'):
                raise InvalidInput(f'{at}: mount type {kind!r} is not supported (use volume, bind or tmpfs)')
            mounts.append(MountSpec(
                type=kind, target=value['target'], source=source, read_only=bool(value.get('read_only')), spelled=spelled,
                nocopy=bool((value.get('volume') or {}).get('nocopy')),
                create_host_path=bool((value.get('bind') or {}).get('create_host_path', True)),
                tmpfs_size=size_bytes(tmpfs_size, at) if (tmpfs_size := (value.get('tmpfs') or {}).get('size')) else None))
            continue
        parts = str(value).split(':')
        if len(parts) == 1:
            mounts.append(MountSpec(type='volume', target=parts[0]))
            continue
        source, target = parts[0], parts[1]
        mode = parts[2] if len(parts) > 2 else ''
        read_only = 'ro' in mode.split(',')
        if source.startswith(('.', '/', '~')):
            mounts.append(MountSpec(type='bind', target=target, source=_host_path(source, workdir, at), read_only=read_only,
                                    spelled=source))
        else:
            if source not in volumes:
                raise InvalidInput(f'{at}: volume {source!r} is not declared under the top-level "volumes"')
            mounts.append(MountSpec(type='volume', target=target, source=source, read_only=read_only))
    return mounts


def _host_path(source: str, workdir: Path | None, where: str) -> str:
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


def _service(name: str, raw: dict[str, Any], *, project: str, workdir: Path | None, doc: dict[str, Any],
             variables: Mapping[str, str], read_guard: ReadGuard) -> Service:
    where = f'services.{name}'
    environment: dict[str, str] = {}
    env_files: list[str] = []
    for env_file in _as_list(raw.get('env_file')):
        path_text = env_file if isinstance(env_file, str) else env_file.get('path')
        required = True if isinstance(env_file, str) else env_file.get('required', True)
        path = Path(_host_path(path_text, workdir, f'{where}.env_file'))
        if read_guard(str(path), f'{where}.env_file') is False:
            continue
        env_files.append(str(path))
        if not path.is_file():
            if required:
                raise InvalidInput(f'{where}.env_file: {path_text!r} does not exist')
            continue
        environment.update(parse_env_file(path.read_text(), str(path)))
    for key, value in _mapping(raw.get('environment'), f'{where}.environment', allow_none=True).items():
        if value is None:
            if key in variables:
                environment[key] = variables[key]
        else:
            environment[key] = value
    build = raw.get('build')
    build_spec = None
    if build is not None:
        spec = {'context': build} if isinstance(build, str) else dict(build)
        context = spec.get('context', '.')
        build_spec = BuildSpec(context=_host_path(context, workdir, f'{where}.build'), dockerfile=spec.get('dockerfile'),
                               args=_mapping(spec.get('args'), f'{where}.build.args'), target=spec.get('target'),
                               labels=_mapping(spec.get('labels'), f'{where}.build.labels'),
                               no_cache=bool(spec.get('no_cache')), pull=bool(spec.get('pull')))
    if raw.get('container_name') is not None and not CONTAINER_NAME.match(str(raw['container_name'])):
        raise InvalidInput(f'{where}.container_name: {str(raw["container_name"])[:70]!r} is not a valid container name '
                           '(letters, digits, "_", "." and "-", starting with a letter or digit)')
    image = raw.get('image') or (f'{project}-{name}' if build_spec else None)
    if not image:
        raise InvalidInput(f'{where}: needs an "image" or a "build"')
    networks_raw = raw.get('networks')
    networks: dict[str, list[str]] = {}
    declared = doc.get('networks') or {}
    if raw.get('network_mode') is None:
        if networks_raw is None:
            networks = {'default': []}
        else:
            items = networks_raw.items() if isinstance(networks_raw, dict) else ((n, None) for n in networks_raw)
            for key, spec in items:
                if key != 'default' and key not in declared:
                    raise InvalidInput(f'{where}.networks: network {key!r} is not declared under the top-level "networks"')
                networks[key] = list((spec or {}).get('aliases') or [])
    depends = raw.get('depends_on') or []
    if isinstance(depends, dict):
        dependencies = [Dependency(service=k, condition=(v or {}).get('condition', 'service_started'),
                                   required=(v or {}).get('required', True), restart=(v or {}).get('restart', False))
                        for k, v in depends.items()]
    else:
        dependencies = [Dependency(service=k) for k in depends]
    health = raw.get('healthcheck')
    healthcheck = None
    if health is not None:
        test = health.get('test')
        if isinstance(test, str):
            test = ['CMD-SHELL', test]
        disable = bool(health.get('disable')) or (test or [None])[0] == 'NONE'
        healthcheck = Healthcheck(
            test=[str(t) for t in test or []], disable=disable,
            interval=duration_ns(health['interval'], f'{where}.healthcheck.interval') if 'interval' in health else None,
            timeout=duration_ns(health['timeout'], f'{where}.healthcheck.timeout') if 'timeout' in health else None,
            retries=_int(health['retries'], f'{where}.healthcheck.retries') if 'retries' in health else None,
            start_period=(duration_ns(health['start_period'], f'{where}.healthcheck.start_period')
                          if 'start_period' in health else None))
    deploy = raw.get('deploy') or {}
    limits = (deploy.get('resources') or {}).get('limits') or {}
    replicas = _int(deploy.get('replicas', raw.get('scale', 1)),
                    f'{where}.deploy.replicas' if 'replicas' in deploy else f'{where}.scale')
    if raw.get('container_name') and replicas > 1:
        raise InvalidInput(f'{where}: container_name cannot be used with more than one replica')
    stop_grace = raw.get('stop_grace_period')
    tmpfs_raw = raw.get('tmpfs')
    tmpfs: dict[str, str] = {}
    for item in _as_list(tmpfs_raw):
        path, _, options = str(item).partition(':')
        tmpfs[path] = options
    extra = raw.get('extra_hosts') or []
    extra_hosts = ([f'{k}:{v}' for k, v in extra.items()] if isinstance(extra, dict)
                   else [str(e).replace('=', ':', 1) for e in extra])
    restart = str(raw.get('restart', 'no'))
    return Service(
        name=name, image=image, build=build_spec, pull_policy=str(raw.get('pull_policy', 'missing')),
        command=_command(raw.get('command')), entrypoint=_command(raw.get('entrypoint')),
        environment=environment, ports=_ports(raw.get('ports') or [], where),
        expose=[str(e) for e in raw.get('expose') or []],
        mounts=_mounts(raw.get('volumes') or [], where, workdir, doc.get('volumes') or {}),
        networks=networks, network_mode=raw.get('network_mode'), depends_on=dependencies,
        healthcheck=healthcheck, restart=restart, container_name=raw.get('container_name'),
        hostname=raw.get('hostname'), domainname=raw.get('domainname'),
        labels=_mapping(raw.get('labels'), f'{where}.labels'), user=_opt_str(raw.get('user')),
        working_dir=raw.get('working_dir'), cap_add=list(raw.get('cap_add') or []),
        cap_drop=list(raw.get('cap_drop') or []), sysctls=_mapping(raw.get('sysctls'), f'{where}.sysctls'),
        stop_signal=raw.get('stop_signal'),
        stop_grace_period=(duration_ns(stop_grace, f'{where}.stop_grace_period') // 1_000_000_000
                           if stop_grace is not None else None),
        cpus=(_float(limits.get('cpus', raw.get('cpus')), f'{where}.deploy.resources.limits.cpus')
              if limits.get('cpus', raw.get('cpus')) is not None else None),
        mem_limit=(size_bytes(limits.get('memory', raw.get('mem_limit')), f'{where}.deploy.resources.limits.memory')
                   if limits.get('memory', raw.get('mem_limit')) is not None else None),
        pids_limit=(_int(limits.get('pids', raw.get('pids_limit')), f'{where}.deploy.resources.limits.pids')
                    if limits.get('pids', raw.get('pids_limit')) is not None else None),
        replicas=replicas,
        secrets=_file_refs(raw.get('secrets') or [], where, doc.get('secrets') or {}, 'secrets'),
        configs=_file_refs(raw.get('configs') or [], where, doc.get('configs') or {}, 'configs'),
        profiles=list(raw.get('profiles') or []), init=raw.get('init'), tmpfs=tmpfs, extra_hosts=extra_hosts,
        logging=raw.get('logging'), privileged=bool(raw.get('privileged')), pid=raw.get('pid'),
        devices=[d if isinstance(d, str) else f'{d["source"]}:{d["target"]}' for d in raw.get('devices') or []],
        stdin_open=bool(raw.get('stdin_open')), tty=bool(raw.get('tty')), platform=raw.get('platform'),
        runtime=raw.get('runtime'), dns=[str(x) for x in _as_list(raw.get('dns'))], read_only=bool(raw.get('read_only')),
        shm_size=size_bytes(raw['shm_size'], f'{where}.shm_size') if raw.get('shm_size') is not None else None,
        security_opt=[str(o) for o in raw.get('security_opt') or []],
        ipc=_opt_str(raw.get('ipc')), uts=_opt_str(raw.get('uts')), userns_mode=_opt_str(raw.get('userns_mode')),
        cgroup=_opt_str(raw.get('cgroup')), cgroup_parent=_opt_str(raw.get('cgroup_parent')),
        volumes_from=[str(v) for v in raw.get('volumes_from') or []],
        device_cgroup_rules=[str(r) for r in raw.get('device_cgroup_rules') or []],
        gpus=_gpus(raw.get('gpus'), where), use_api_socket=bool(raw.get('use_api_socket')), env_files=env_files,
    )


def _gpus(value: Any, where: str) -> list[dict[str, Any]] | None:
    """``gpus: all`` or a list of device requests, as the engine's ``DeviceRequests``."""
    if value is None:
        return None
    if value == 'all':
        return [{'Driver': '', 'Count': -1, 'Capabilities': [['gpu']]}]
    requests = []
    for item in _as_list(value):
        if not isinstance(item, dict):
            raise InvalidInput(f'{where}.gpus: use "all" or a list of device requests')
        count = item.get('count')
        requests.append({'Driver': str(item.get('driver') or ''),
                         'Count': -1 if count in (None, 'all') else _int(count, f'{where}.gpus.count'),
                         'DeviceIDs': [str(d) for d in item.get('device_ids') or []] or None,
                         'Capabilities': [[str(c) for c in item.get('capabilities') or ['gpu']]],
                         'Options': {str(k): str(v) for k, v in (item.get('options') or {}).items()} or None})
    return requests


def _normalize(doc: dict[str, Any], *, name: str, workdir: Path | None, variables: Mapping[str, str],
               config_files: list[str], profiles: set[str], read_guard: ReadGuard) -> Project:
    raw_services = doc.get('services') or {}
    if not raw_services:
        raise InvalidInput('services: a stack needs at least one service')
    services: dict[str, Service] = {}
    disabled: list[str] = []
    for key, raw in raw_services.items():
        try:
            service = _service(key, raw or {}, project=name, workdir=workdir, doc=doc, variables=variables,
                               read_guard=read_guard)
        except (ValueError, TypeError) as exc:  # e.g. "three" where a number belongs: the schema lets strings by
            raise InvalidInput(f'services.{key}: {_number_problem(exc)}') from None
        if service.profiles and not profiles.intersection(service.profiles):
            disabled.append(key)
            continue
        services[key] = service
    for service in services.values():
        for dep in service.depends_on:
            if dep.service not in services and dep.required:
                known = dep.service in raw_services
                raise InvalidInput(f'services.{service.name}.depends_on: service {dep.service!r} '
                                   + ('is not enabled by the active profiles' if known else 'does not exist'))
        for key, mode in (('network_mode', service.network_mode), ('pid', service.pid), ('ipc', service.ipc)):
            if mode and mode.startswith('service:') and mode[8:] not in services:
                raise InvalidInput(f'services.{service.name}.{key}: service {mode[8:]!r} does not exist')
        for source in service.volumes_from:
            peer = source.split(':')[0] if not source.startswith('container:') else None
            if peer is not None and peer not in services:
                raise InvalidInput(f'services.{service.name}.volumes_from: service {peer!r} does not exist '
                                   '(another stack\'s container is named as "container:<name>")')
    _check_cycles(services)
    networks: dict[str, NetworkSpec] = {}
    used_networks = {n for s in services.values() for n in s.networks}
    declared_networks = dict(doc.get('networks') or {})
    if 'default' in used_networks:
        declared_networks.setdefault('default', {})
    for key, spec in declared_networks.items():
        spec = spec or {}
        external = spec.get('external')
        external_flag = bool(external) if not isinstance(external, dict) else True
        engine_name = spec.get('name') or (external.get('name') if isinstance(external, dict) else None) or \
            (key if external_flag else f'{name}_{key}')
        networks[key] = NetworkSpec(key=key, name=engine_name, external=external_flag, driver=spec.get('driver'),
                                    driver_opts=_mapping(spec.get('driver_opts'), f'networks.{key}.driver_opts'),
                                    internal=bool(spec.get('internal')), attachable=bool(spec.get('attachable')),
                                    enable_ipv6=bool(spec.get('enable_ipv6')),
                                    labels=_mapping(spec.get('labels'), f'networks.{key}.labels'), ipam=spec.get('ipam'))
    volumes: dict[str, VolumeSpec] = {}
    for key, spec in (doc.get('volumes') or {}).items():
        spec = spec or {}
        external = spec.get('external')
        external_flag = bool(external) if not isinstance(external, dict) else True
        engine_name = spec.get('name') or (external.get('name') if isinstance(external, dict) else None) or \
            (key if external_flag else f'{name}_{key}')
        volumes[key] = VolumeSpec(key=key, name=engine_name, external=external_flag, driver=spec.get('driver'),
                                  driver_opts=_mapping(spec.get('driver_opts'), f'volumes.{key}.driver_opts'),
                                  labels=_mapping(spec.get('labels'), f'volumes.{key}.labels'))
    files: dict[str, dict[str, FileSpec]] = {}
    for section in ('secrets', 'configs'):
        files[section] = {}
        for key, spec in (doc.get(section) or {}).items():
            spec = spec or {}
            if spec.get('file'):
                path = _host_path(spec['file'], workdir, f'{section}.{key}.file')
                files[section][key] = FileSpec(key=key, file=path)
            elif spec.get('environment'):
                if spec['environment'] not in variables:
                    raise InvalidInput(f'{section}.{key}.environment: variable {spec["environment"]!r} has no value')
                files[section][key] = FileSpec(key=key, content=variables[spec['environment']])
            elif spec.get('content') is not None:
                files[section][key] = FileSpec(key=key, content=str(spec['content']))
            else:
                raise InvalidInput(f'{section}.{key}: only secrets and configs from a file, an environment '
                                   'variable or inline content are supported')
    return Project(name=name, services=services, networks=networks, volumes=volumes, secrets=files['secrets'],
                   configs=files['configs'], working_dir=str(workdir) if workdir else '', config_files=config_files,
                   document=doc, disabled=disabled)


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


def _number_problem(exc: Exception) -> str:
    text = str(exc)
    match = re.search(r"'([^']*)'", text)
    return f'{match.group(1)!r} is not a number' if match else f'a value has the wrong type ({text[:80]})'


def _check_cycles(services: dict[str, Service]) -> None:
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        if state.get(name) == 2:
            return
        if state.get(name) == 1:
            cycle = trail[trail.index(name):] + [name]
            raise InvalidInput(f'services: depends_on forms a cycle: {" -> ".join(cycle)}')
        state[name] = 1
        for dep in services[name].depends_on:
            if dep.service in services:
                visit(dep.service, trail + [name])
        state[name] = 2

    for name in services:
        visit(name, [])


def requirements(service: Service, services: dict[str, Service]) -> set[str]:
    """The services that must run before this one: its dependencies and a network_mode peer."""
    needed = {d.service for d in service.depends_on if d.service in services}
    for mode in (service.network_mode, service.pid, service.ipc):
        if (mode or '').startswith('service:'):
            needed.add(mode[8:])
    needed.update(v.split(':')[0] for v in service.volumes_from if not v.startswith('container:'))
    return needed & set(services)


def dependency_levels(services: dict[str, Service]) -> list[list[str]]:
    """Services grouped so that each group needs only earlier groups (the start order)."""
    remaining = {name: requirements(service, services) for name, service in services.items()}
    done: set[str] = set()
    levels: list[list[str]] = []
    while remaining:
        ready = sorted(name for name, needed in remaining.items() if needed <= done)
        if not ready:
            raise InvalidInput('services: depends_on forms a cycle')
        levels.append(ready)
        done.update(ready)
        for name in ready:
            del remaining[name]
    return levels
