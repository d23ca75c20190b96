"""From compose YAML to a :class:`Project`: parse safely, interpolate, validate against the
Compose Specification's JSON schema, refuse what we do not support, normalize.

    project = load_project(text, name='blog', env={'PORT': '8080'}, working_dir='/srv/blog')
"""
from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import InvalidInput
from ..vocabulary import STACK_NAME_RE
from . import merge, normalize, yamlio
from .fields import host_path, mapping, number_problem
from .interpolate import parse_env_file
from .model import (
    FileSpec,
    NetworkSpec,
    Project,
    Service,
    VolumeSpec,
)
from .sources import Sources

CONTAINER_NAME = re.compile(r'^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$')

SUPPORTED_SERVICE_KEYS = {
    'image', 'build', 'pull_policy', 'pull_refresh_after', 'command', 'entrypoint', 'environment', 'env_file',
    'ports', 'expose', 'volumes', 'networks', 'network_mode', 'depends_on', 'healthcheck', 'restart',
    'container_name', 'hostname', 'domainname', 'labels', 'label_file', 'annotations', 'user', 'working_dir',
    'cap_add', 'cap_drop', 'sysctls', 'stop_signal', 'stop_grace_period', 'deploy', 'scale', 'secrets', 'configs',
    'profiles', 'init', 'tmpfs', 'extra_hosts', 'logging', 'privileged', 'pid', 'devices', 'stdin_open', 'tty',
    'platform', 'runtime', 'dns', 'dns_opt', 'dns_search', 'read_only', 'shm_size', 'security_opt', 'mem_limit',
    'mem_reservation', 'mem_swappiness', 'memswap_limit', 'oom_kill_disable', 'oom_score_adj', 'cpus',
    'cpu_shares', 'cpu_period', 'cpu_quota', 'cpu_rt_period', 'cpu_rt_runtime', 'cpuset', 'blkio_config',
    'pids_limit', 'ipc', 'uts', 'userns_mode', 'cgroup', 'cgroup_parent', 'volumes_from', 'device_cgroup_rules',
    'gpus', 'use_api_socket', 'links', 'external_links', 'ulimits', 'storage_opt', 'mac_address', 'group_add',
    'isolation', 'attach', 'develop', 'extends',
}
# why the rest of the Compose Specification's service keys are refused (docs/compose.md has the table)
REFUSED_SERVICE_KEYS = {
    'credential_spec': 'it configures Windows containers (gMSA); this engine runs Linux containers',
    'provider': 'provider services are run by Compose plugins, not by the engine',
    'models': 'AI models are served by Docker Model Runner, which is not part of the engine',
    'post_start': 'lifecycle hooks are not run yet',
    'pre_stop': 'lifecycle hooks are not run yet',
    'cpu_count': 'it applies to Windows containers only',
    'cpu_percent': 'it applies to Windows containers only',
}
SUPPORTED_BUILD_KEYS = {'context', 'dockerfile', 'args', 'target', 'labels', 'no_cache', 'pull', 'cache_from', 'network',
                        'shm_size', 'extra_hosts'}
SUPPORTED_TOP_KEYS = {'version', 'name', 'include', 'services', 'networks', 'volumes', 'secrets', 'configs'}
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
    """YAML 1.2 as Compose reads it (see :mod:`.yamlio`)."""
    return yamlio.parse(text, what).data


# ---- the whole pipeline ------------------------------------------------------------------------

def load_project(source: str | Mapping[str, Any], *, name: str, env: Mapping[str, str] | None = None,
                 working_dir: str | Path | None = None, config_files: list[str] | None = None,
                 profiles: list[str] | None = None, read_guard: ReadGuard | None = None,
                 files: Mapping[str, str] | None = None) -> Project:
    """``read_guard`` checks every host file the document asks to read at load time (``env_file``);
    without one, only files inside ``working_dir`` are read. ``files`` are the stack's other
    files by relative name (``base.yaml``, ``db/compose.yaml``, ``.env``): ``extends``,
    ``include`` and ``env_file`` read them there before looking on disk."""
    check_project_name(name)
    workdir = Path(working_dir).resolve() if working_dir else None
    files = {merge.check_file_name(k): v for k, v in (files or {}).items()}
    if len(files) > merge.MAX_FILES:
        raise InvalidInput(f'a stack has at most {merge.MAX_FILES} files besides its compose document')
    parsed = yamlio.parse(source) if isinstance(source, str) else yamlio.Document(_plain(source))
    if not isinstance(parsed.data, dict):
        raise InvalidInput('a compose document must be a mapping with a "services" key')
    sources: Sources | None = None
    try:
        variables: dict[str, str] = {}
        if '.env' in files:
            variables.update(parse_env_file(files['.env'], '.env', lookup=env))
        elif workdir and (workdir / '.env').is_file():
            variables.update(parse_env_file((workdir / '.env').read_text(), str(workdir / '.env'), lookup=env))
        variables.update(env or {})
        variables.setdefault('COMPOSE_PROJECT_NAME', name)
        sources = Sources(files, variables)
        document = sources.main(parsed.data)
        _check_supported(document)
        guard = read_guard or _inside(workdir)
        project = _normalize(document, name=name, workdir=workdir, variables=variables,
                             config_files=config_files or [], profiles=set(profiles or []), read_guard=guard,
                             stack_files=files, unset=sources.unset)
    except InvalidInput as exc:
        raise _located(exc, parsed, sources.origin if sources else {}) from None
    warnings = [*sources.warnings(), *project.warnings]
    return dataclasses.replace(project, warnings=warnings, files=sorted(sources.read | set(project.files)))


def _located(exc: InvalidInput, parsed: yamlio.Document, origin: Mapping[str, str]) -> InvalidInput:
    """The error with the line of the key it names (main document) or the file it came from."""
    match = re.match(r'([A-Za-z0-9_.@-]+):', exc.message)
    if match is None or getattr(exc, 'line', None) is not None:
        return exc
    path = match.group(1)
    parts = path.split('.')
    if len(parts) >= 2 and parts[0] == 'services' and parts[1] in origin:
        located = InvalidInput(f'{exc.message} (in {origin[parts[1]]})')
    else:
        line = parsed.line_of(path) if (len(parts) < 2 or '.'.join(parts[:2]) in parsed.lines) else None
        if line is None:
            return exc
        located = InvalidInput(f'{exc.message} (line {line})')
        located.line = line  # type: ignore[attr-defined]
    located.path = path  # type: ignore[attr-defined]
    return located


def _inside(workdir: Path | None) -> ReadGuard:
    def guard(path: str, where: str) -> None:
        if workdir is None or not Path(path).is_relative_to(workdir):
            raise InvalidInput(f'{where}: {path} is outside the project directory')
    return guard


def check_project_name(name: str) -> None:
    if not isinstance(name, str) or not STACK_NAME_RE.match(name):
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
            reason = REFUSED_SERVICE_KEYS.get(bad[0]) if path.count('.') == 2 else None
            raise InvalidInput(f'{path}{bad[0]}: this compose key is not supported by DockerDeployer'
                               + (f': {reason}' if reason else '')
                               + (f' (also: {", ".join(bad[1:])})' if len(bad) > 1 else ''))

    refuse('', set(document) - SUPPORTED_TOP_KEYS)
    for name, service in (document.get('services') or {}).items():
        service = service or {}
        refuse(f'services.{name}.', set(service) - SUPPORTED_SERVICE_KEYS)
        if isinstance(service.get('build'), dict):
            refuse(f'services.{name}.build.', set(service['build']) - SUPPORTED_BUILD_KEYS)
    for section, keys in (('networks', SUPPORTED_NETWORK_KEYS), ('volumes', SUPPORTED_VOLUME_KEYS),
                          ('secrets', SUPPORTED_FILE_KEYS), ('configs', SUPPORTED_FILE_KEYS)):
        for key, spec in (document.get(section) or {}).items():
            refuse(f'{section}.{key}.', set(spec or {}) - keys)


def _normalize(doc: dict[str, Any], *, name: str, workdir: Path | None, variables: Mapping[str, str],
               config_files: list[str], profiles: set[str], read_guard: ReadGuard, stack_files: Mapping[str, str],
               unset: Mapping[str, list[str]]) -> Project:
    raw_services = doc.get('services') or {}
    if not raw_services:
        raise InvalidInput('services: a stack needs at least one service')
    services: dict[str, Service] = {}
    disabled: list[str] = []
    ctx = normalize.Context(project=name, workdir=workdir, doc=doc, variables=variables, read_guard=read_guard,
                            files=stack_files, unset=unset)
    for key, raw in raw_services.items():
        try:
            service = normalize.service(key, raw or {}, ctx)
        except (ValueError, TypeError) as exc:  # e.g. "three" where a number belongs: the schema lets strings by
            raise InvalidInput(f'services.{key}: {number_problem(exc)}') from None
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
        for link in service.links:
            if link.split(':')[0] not in services:
                raise InvalidInput(f'services.{service.name}.links: service {link.split(":")[0]!r} does not exist '
                                   '(a container outside the stack goes under external_links)')
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
                                    driver_opts=mapping(spec.get('driver_opts'), f'networks.{key}.driver_opts'),
                                    internal=bool(spec.get('internal')), attachable=bool(spec.get('attachable')),
                                    enable_ipv6=bool(spec.get('enable_ipv6')),
                                    labels=mapping(spec.get('labels'), f'networks.{key}.labels'), ipam=spec.get('ipam'))
    volumes: dict[str, VolumeSpec] = {}
    for key, spec in (doc.get('volumes') or {}).items():
        spec = spec or {}
        external = spec.get('external')
        external_flag = bool(external) if not isinstance(external, dict) else True
        engine_name = spec.get('name') or (external.get('name') if isinstance(external, dict) else None) or \
            (key if external_flag else f'{name}_{key}')
        volumes[key] = VolumeSpec(key=key, name=engine_name, external=external_flag, driver=spec.get('driver'),
                                  driver_opts=mapping(spec.get('driver_opts'), f'volumes.{key}.driver_opts'),
                                  labels=mapping(spec.get('labels'), f'volumes.{key}.labels'))
    files: dict[str, dict[str, FileSpec]] = {}
    for section in ('secrets', 'configs'):
        files[section] = {}
        for key, spec in (doc.get(section) or {}).items():
            spec = spec or {}
            if spec.get('file'):
                path = host_path(spec['file'], workdir, f'{section}.{key}.file')
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
                   document=doc, disabled=disabled, warnings=ctx.warnings, files=sorted(ctx.read))


def _check_cycles(services: dict[str, Service]) -> None:
    """Refuse a cycle in what services need before them, naming it (iterative: a chain of
    thousands of services must not exhaust the stack)."""
    state: dict[str, int] = {}
    for root in services:
        if state.get(root):
            continue
        trail: list[str] = []
        stack: list[tuple[str, Iterator[str]]] = []
        state[root] = 1
        trail.append(root)
        stack.append((root, iter(sorted(requirements(services[root], services)))))
        while stack:
            name, pending = stack[-1]
            needed = next(pending, None)
            if needed is None:
                state[name] = 2
                stack.pop()
                trail.pop()
            elif state.get(needed) == 1:
                cycle = trail[trail.index(needed):] + [needed]
                raise InvalidInput(f'services: depends_on (or links, network_mode, volumes_from) forms a cycle: '
                                   f'{" -> ".join(cycle)}')
            elif not state.get(needed):
                state[needed] = 1
                trail.append(needed)
                stack.append((needed, iter(sorted(requirements(services[needed], services)))))


def requirements(service: Service, services: dict[str, Service]) -> set[str]:
    """The services that must run before this one: its dependencies and a network_mode peer."""
    needed = {d.service for d in service.depends_on if d.service in services}
    for mode in (service.network_mode, service.pid, service.ipc):
        if (mode or '').startswith('service:'):
            needed.add((mode or '')[8:])
    needed.update(v.split(':')[0] for v in service.volumes_from if not v.startswith('container:'))
    needed.update(link.split(':')[0] for link in service.links)   # Compose starts linked services first
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
