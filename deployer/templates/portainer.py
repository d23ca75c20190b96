"""Portainer app-template feeds (v1: a JSON list; v2 and v3: ``{"version", "templates"}``) as templates.

Container templates (type 1) become one-service compose documents: each published port and
each environment entry becomes a parameter (``preset`` ones stay fixed values), volumes become
named volumes or binds, and the privileged and network flags are carried over so that the
deploy policy sees them. Stack templates (types 2, 3 and edge 4) are imported when their
compose file is inline or a local file under ``base_dir``; otherwise they are listed as
unavailable. Nothing is ever fetched from the network here.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..compose.loader import parse_yaml
from ..errors import DeployerError, InvalidInput
from ..vocabulary import MAX_FEED
from .files import check_compose_document
from .model import Parameter, Template
from .variables import escape, is_secret, param_name, pass_through, rename

MAX_TEXT = 2000
WEB_PORTS = (80, 443, 8080, 8000, 8008, 8081, 8088, 8443, 8888, 3000, 5000, 9000, 9090, 9443)
RESTART = {'no', 'always', 'on-failure', 'unless-stopped'}
CATEGORY_MAP = {
    'cms': 'CMS', 'blog': 'CMS', 'marketing': 'CMS', 'database': 'Databases', 'monitoring': 'Monitoring',
    'log management': 'Monitoring', 'storage': 'Storage', 'filesystem': 'Storage', 'cloud': 'Storage',
    'backup': 'Storage', 'ftp': 'Storage', 'media': 'Media', 'video': 'Media', 'music': 'Media', 'photos': 'Media',
    'books': 'Media', 'downloaders': 'Media', 'cctv': 'Media', 'proxy': 'Networking', 'vpn': 'Networking',
    'dns': 'Networking', 'security': 'Security', 'homeautomation': 'Automation', 'messaging': 'Messaging',
    'messenger': 'Messaging', 'email': 'Messaging', 'webserver': 'Web servers', 'web': 'Web servers',
    'development': 'Development', 'continuous-integration': 'Development', 'tools': 'Development',
    'docker': 'Development', 'paas': 'Development', 'serverless': 'Development', 'productivity': 'Productivity',
    'project-management': 'Productivity', 'wiki': 'Productivity',
}
_PORT = re.compile(r'^(?:(?P<ip>[0-9.]+|\[[0-9a-fA-F:]+\]):)?(?:(?P<host>\d{1,5}):)?'
                   r'(?P<target>\d{1,5})(?:/(?P<proto>tcp|udp|sctp))?$')
_ENV_NAME = re.compile(r'^[A-Za-z_][A-Za-z0-9_.-]*$')


def parse_feed(data: bytes | str | Mapping[str, Any] | list[Any]) -> list[Any]:
    """The list of template entries in a feed of any of the three versions."""
    if isinstance(data, (bytes, str)):
        if len(data) > MAX_FEED:
            raise InvalidInput(f'the Portainer feed is over {MAX_FEED >> 20} MiB')
        try:
            data = json.loads(data)
        except ValueError as exc:
            raise InvalidInput(f'the Portainer feed is not valid JSON: {exc}') from None
    if isinstance(data, list):
        return data
    if isinstance(data, Mapping) and isinstance(data.get('templates'), list):
        version = str(data.get('version', '2'))
        if version.split('.')[0] not in ('1', '2', '3'):
            raise InvalidInput(f'Portainer template feed version {version!r} is not supported (1, 2 or 3 are)')
        return data['templates']
    raise InvalidInput('a Portainer feed is a JSON list of templates (v1) or {"version": ..., "templates": [...]}')


def import_portainer(data: bytes | str | Mapping[str, Any] | list[Any], *, base_dir: Path | None = None,
                     taken: Iterable[str] = ()) -> list[Template]:
    """Every entry of a feed as a template (``source='portainer'``); entries that cannot be
    used here come back with ``available=False`` and the reason."""
    used = set(taken)
    templates = []
    for index, entry in enumerate(parse_feed(data)):
        if not isinstance(entry, Mapping):
            continue
        title = str(entry.get('title') or entry.get('name') or f'template {index + 1}').strip()
        template_id = _unique_id(f'portainer-{_slug(title)[:50]}', used)
        used.add(template_id)
        templates.append(_convert(entry, template_id, title, base_dir))
    return templates


def _convert(entry: Mapping[str, Any], template_id: str, title: str, base_dir: Path | None) -> Template:
    categories = [str(c) for c in _list(entry.get('categories')) if isinstance(c, (str, int))]
    note = html.unescape(re.sub(r'<[^>]+>', '', str(entry.get('note') or '')))
    description = ' '.join(f'{entry.get("description") or ""} {note}'.split())[:MAX_TEXT]
    logo = entry.get('logo')
    base = Template(
        id=template_id, title=title[:200], description=description,
        category=next((CATEGORY_MAP[c.lower()] for c in categories if c.lower() in CATEGORY_MAP), 'Other'),
        tags=tuple(dict.fromkeys(c.lower() for c in categories)), keywords=(), logo=None, docs=None,
        parameters=(), compose={}, source='portainer',
        logo_url=logo if isinstance(logo, str) and logo.startswith(('http://', 'https://')) else None)
    kind = entry.get('type', 1 if entry.get('image') else 3)
    if isinstance(kind, str):
        kind = {'container': 1, 'swarm': 2, 'stack': 3, 'compose': 3, 'edge': 4}.get(kind, kind)
    if str(entry.get('platform') or '').lower() == 'windows':
        return _unavailable(base, 'a Windows container template: this service deploys Linux containers')
    try:
        if kind == 1:
            params, compose = _container(entry, title)
        elif kind in (2, 3, 4):
            text, location = _stack_file(entry, base_dir)
            if text is None:
                return _unavailable(base, f'compose file at {location} cannot be fetched here')
            params, compose = _stack(entry, text)
        else:
            return _unavailable(base, f'template type {kind!r} is not supported')
        template = replace(base, parameters=tuple(params), compose=compose)
        check_compose_document(template, template_id)
        return template
    except DeployerError as exc:
        return _unavailable(base, exc.message)


def _unavailable(template: Template, reason: str) -> Template:
    return replace(template, available=False, unavailable_reason=reason)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _slug(text: str) -> str:
    return re.sub(r'[^a-z0-9]+', '-', text.lower()).strip('-') or 'template'


def _unique_id(candidate: str, used: set[str]) -> str:
    candidate = candidate.rstrip('-')
    if candidate not in used:
        return candidate
    number = 2
    while f'{candidate}-{number}' in used:
        number += 1
    return f'{candidate}-{number}'


def _env_parameters(entry: Mapping[str, Any], taken: set[str]) -> tuple[list[Parameter], dict[str, str], dict[str, str]]:
    """Parameters, env name -> parameter name, and fixed (preset) env values."""
    params: list[Parameter] = []
    names: dict[str, str] = {}
    fixed: dict[str, str] = {}
    for index, env in enumerate(_list(entry.get('env'))):
        if not isinstance(env, Mapping):
            continue
        env_name = str(env.get('name') or '')
        if not _ENV_NAME.match(env_name):
            raise InvalidInput(f'env.{index}: {env_name[:40]!r} is not an environment variable name')
        if env_name in names or env_name in fixed:
            continue  # a feed that lists a variable twice: the first one counts
        default = env.get('default', env.get('set'))
        default = None if default is None or default == '' else str(default)
        if env.get('preset'):
            fixed[env_name] = default or ''
            continue
        name = param_name(env_name, taken)
        taken.add(name)
        label = str(env.get('label') or env_name)
        description = str(env.get('description') or '')
        select = env.get('select')
        if isinstance(select, list) and select:
            choices = tuple(str(s.get('value', '')) for s in select if isinstance(s, Mapping))
            chosen = next((str(s.get('value')) for s in select if isinstance(s, Mapping) and s.get('default')), choices[0])
            params.append(Parameter(name=name, type='choice', label=label, description=description, default=chosen,
                                    choices=choices))
        else:
            secret, generate = is_secret(env_name)
            params.append(Parameter(name=name, type='password' if secret else 'string', label=label,
                                    description=description, default=None if secret else default,
                                    generate=generate, secret=secret))
        names[env_name] = name
    return params, names, fixed


def _container(entry: Mapping[str, Any], title: str) -> tuple[list[Parameter], dict[str, Any]]:
    image = entry.get('image')
    if not isinstance(image, str) or not image.strip():
        raise InvalidInput('the container template names no image')
    taken: set[str] = {'port'}
    service: dict[str, Any] = {'image': escape(image.strip())}
    ports = [_port(str(p), i) for i, p in enumerate(_list(entry.get('ports')))]
    main = next((p for p in ports if p[3] == 'tcp' and p[2] in WEB_PORTS), next((p for p in ports if p[3] == 'tcp'), None))
    params: list[Parameter] = []
    published: list[str] = []
    host_ports: set[int] = set()
    for port in ports:
        ip, host, target, proto = port
        name = 'port' if port is main else param_name(f'port_{target}' + ('' if proto == 'tcp' else f'_{proto}'), taken)
        taken.add(name)
        default = host or (target if target >= 1024 else target + 8000)
        while default in host_ports and default < 65535:
            default += 1
        host_ports.add(default)
        params.append(Parameter(name=name, type='port', label=f'Host port for {target}/{proto}', default=str(default),
                                required=True, description=f'Host port published for the container port {target}/{proto}'))
        published.append(f'{ip + ":" if ip else ""}${{{name}}}:{target}/{proto}')
    env_params, names, fixed = _env_parameters(entry, taken)
    params.extend(env_params)
    environment = {env: f'${{{name}}}' for env, name in names.items()}
    environment.update({env: escape(value) for env, value in fixed.items()})
    if published:
        service['ports'] = published
    if environment:
        service['environment'] = environment
    volumes: dict[str, Any] = {}
    mounts = [_volume(v, volumes, i) for i, v in enumerate(_list(entry.get('volumes')))]
    if mounts:
        service['volumes'] = mounts
    if isinstance(entry.get('command'), str) and entry['command'].strip():
        service['command'] = escape(entry['command'])
    restart = str(entry.get('restart_policy') or 'unless-stopped')
    service['restart'] = restart if restart in RESTART else 'unless-stopped'
    if entry.get('privileged'):
        service['privileged'] = True
    if entry.get('interactive'):
        service['stdin_open'] = service['tty'] = True
    if isinstance(entry.get('hostname'), str) and entry['hostname']:
        service['hostname'] = escape(entry['hostname'])
    labels = {str(lb['name']): escape(lb.get('value', '')) for lb in _list(entry.get('labels'))
              if isinstance(lb, Mapping) and lb.get('name')}
    if labels:
        service['labels'] = labels
    compose: dict[str, Any] = {'services': {_slug(title)[:40].strip('-'): service}}
    network = str(entry.get('network') or '')
    if network in ('host', 'none'):
        service['network_mode'] = network
    elif network and network != 'bridge':
        service['networks'] = [network]
        compose['networks'] = {network: {'external': True}}
    if volumes:
        compose['volumes'] = volumes
    return params, compose


def _port(text: str, index: int) -> tuple[str, int | None, int, str]:
    match = _PORT.match(text.strip())
    if not match:
        raise InvalidInput(f'ports.{index}: {text[:40]!r} is not a port like "8080:80/tcp" or "80/tcp"')
    host = int(match['host']) if match['host'] else None
    target = int(match['target'])
    if not 0 < target < 65536 or (host is not None and not 0 < host < 65536):
        raise InvalidInput(f'ports.{index}: {text[:40]!r} is not between 1 and 65535')
    return match['ip'] or '', host, target, match['proto'] or 'tcp'


def _volume(spec: Any, volumes: dict[str, Any], index: int) -> str:
    if isinstance(spec, str):
        parts = spec.split(':')
        spec = {'container': parts[0]} if len(parts) == 1 else {
            'bind': parts[0], 'container': parts[1], 'readonly': len(parts) > 2 and 'ro' in parts[2].split(',')}
    if not isinstance(spec, Mapping) or not str(spec.get('container') or '').startswith('/'):
        raise InvalidInput(f'volumes.{index}: needs an absolute "container" path')
    bind = str(spec.get('bind') or '')
    read_only = bool(spec.get('readonly'))
    if re.search(r':(ro|rw)$', bind):   # "/etc/localtime:ro": feeds put the mode on the host side
        read_only = read_only or bind.endswith(':ro')
        bind = bind[:-3]
    mode = ':ro' if read_only else ''
    if bind.startswith(('/', '.', '~')):
        return f'{escape(bind)}:{escape(spec["container"])}{mode}'
    if bind and not re.fullmatch(r'[a-zA-Z0-9][a-zA-Z0-9_.-]*', bind):
        raise InvalidInput(f'volumes.{index}: {bind[:40]!r} is neither a host path nor a volume name')
    if bind:  # Portainer reads a bind that is not a path as a named volume
        volumes[bind] = {}
        return f'{bind}:{escape(spec["container"])}{mode}'
    name = _slug(spec['container'])[:60]
    while name in volumes:
        name += '-1'
    volumes[name] = {}
    return f'{name}:{escape(spec["container"])}{mode}'


def _stack_file(entry: Mapping[str, Any], base_dir: Path | None) -> tuple[str | None, str]:
    """The compose text when it can be read here, else ``None`` and where it lives."""
    inline = entry.get('compose')
    if isinstance(inline, Mapping):
        return json.dumps(inline), 'inline'
    if isinstance(inline, str):
        return inline, 'inline'
    repository: Mapping[str, Any] = entry['repository'] if isinstance(entry.get('repository'), Mapping) else {}
    stackfile = str(entry.get('stackfile') or repository.get('stackfile') or '')
    if '\n' in stackfile:
        return stackfile, 'inline'
    url = str(repository.get('url') or '').rstrip('/')
    location = stackfile if stackfile.startswith(('http://', 'https://')) or not url else f'{url}/{stackfile}'
    if not stackfile or stackfile.startswith(('http://', 'https://')) or base_dir is None:
        return None, location or 'an unknown place'
    root = Path(base_dir).resolve()
    path = (root / stackfile).resolve()
    if root not in path.parents or not path.is_file():
        return None, location
    return path.read_text(errors='replace'), str(path)


def _stack(entry: Mapping[str, Any], text: str) -> tuple[list[Parameter], dict[str, Any]]:
    document = parse_yaml(text, what='stack compose file')
    if not isinstance(document, dict):
        raise InvalidInput('the stack compose file is not a compose document')
    params, names, fixed = _env_parameters(entry, set())
    for env_name, value in fixed.items():  # Portainer puts presets in the stack's .env: keep them as defaults
        name = param_name(env_name, {p.name for p in params})
        params.append(Parameter(name=name, label=env_name, default=value or None))
        names[env_name] = name
    document = rename(document, names)
    for service in (document.get('services') or {}).values():
        if isinstance(service, dict) and service.get('environment') is not None:
            service['environment'] = pass_through(service['environment'], names)
    used = set(re.findall(r'\$\{([a-z][a-z0-9_]*)', json.dumps(document)))
    return [p for p in params if p.name in used], document
