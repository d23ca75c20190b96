"""The compose values of one service, each in its own parser: ports, mounts, sizes, durations,
extra hosts, ulimits, device requests, "list or dict" mappings. Errors name the document path.
"""
from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import InvalidInput
from .model import FileRef, MountSpec, PortSpec, Ulimit

_DURATION = re.compile(r'(\d+(?:\.\d+)?)(us|ms|s|m|h)')
_UNITS = {'us': 1_000, 'ms': 1_000_000, 's': 1_000_000_000, 'm': 60_000_000_000, 'h': 3_600_000_000_000}
_SIZE = re.compile(r'^(\d+(?:\.\d+)?)\s*([bkmgt]?)b?$', re.IGNORECASE)


def optional(raw: Mapping[str, Any], key: str, parse: Any, where: str) -> Any:
    """``raw[key]`` parsed (errors name ``where.key``), or None when the key is absent or null."""
    value = raw.get(key)
    return None if value is None else parse(value, f'{where}.{key}')


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


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def mapping(value: Any, where: str, *, allow_none: bool = False) -> dict[str, Any]:
    """Compose's "list or dict" of KEY=value pairs as a dict of strings."""
    if value is None:
        return {}
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if item is None and not allow_none:
                item = ''
            out[str(key)] = item if item is None else scalar(item)
        return out
    out = {}
    for item in value:
        key, sep, rest = str(item).partition('=')
        out[key] = rest if sep else (None if allow_none else '')
    return out


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return 'true' if value else 'false'
    return str(value)


def command(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return shlex.split(value)
        except ValueError as exc:
            raise InvalidInput(f'command {value[:60]!r}: {exc}') from None
    return [str(v) for v in value]


def ports(values: list[Any], where: str) -> list[PortSpec]:
    ports: list[PortSpec] = []
    for index, value in enumerate(values):
        at = f'{where}.ports.{index}'
        if isinstance(value, dict):
            mode = str(value.get('mode') or 'ingress')
            if mode not in ('ingress', 'host'):
                raise InvalidInput(f'{at}.mode: {mode[:20]!r} is not ingress or host')
            ports.append(PortSpec(target=whole(value['target'], f'{at}.target'), published=opt_str(value.get('published')),
                                  host_ip=value.get('host_ip', ''), protocol=value.get('protocol', 'tcp'), mode=mode))
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
        targets = port_range(target, at)
        publishes = port_range(published, at) if published else []
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


def port_range(text: str, where: str) -> list[int]:
    first, _, last = text.partition('-')
    try:
        start, end = int(first), int(last or first)
    except ValueError:
        raise InvalidInput(f'{where}: {text!r} is not a port or range') from None
    if not (0 < start <= end < 65536) or end - start > 1000:
        raise InvalidInput(f'{where}: {text!r} is not a port between 1 and 65535')
    return list(range(start, end + 1))


def opt_str(value: Any) -> str | None:
    return None if value is None or value == '' else str(value)


_PROPAGATION = {'shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'}
_MOUNT_MODES = {'ro', 'rw', 'z', 'Z', 'nocopy', 'consistent', 'cached', 'delegated', *_PROPAGATION}


def mounts(values: list[Any], where: str, workdir: Path | None, volumes: dict[str, Any],
            unset: Mapping[str, list[str]]) -> list[MountSpec]:
    mounts: list[MountSpec] = []
    for index, value in enumerate(values):
        at = f'{where}.volumes.{index}'
        if isinstance(value, dict):
            kind = value['type']
            source = value.get('source')
            if kind in ('bind', 'volume') and 'source' in value and not source:
                raise InvalidInput(f'{at}.source: {empty_because(unset, where)}')
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
            raise InvalidInput(f'{at}: the host side of {text[:80]!r} is {empty_because(unset, where)}')
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


def empty_because(unset: Mapping[str, list[str]], where: str) -> str:
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


def file_refs(values: list[Any], where: str, known: dict[str, Any], kind: str) -> list[FileRef]:
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
        refs.append(FileRef(name=source, target=target, uid=opt_str(spec.get('uid')), gid=opt_str(spec.get('gid')),
                            mode=int(str(mode), 8) if isinstance(mode, str) else mode))
    return refs


def link(text: str) -> str:
    """``db`` or ``db:database`` as ``target:alias``."""
    target, _, alias = text.partition(':')
    return f'{target}:{alias or target}'


def ulimits(raw: Any, where: str) -> list[Ulimit]:
    limits = []
    for name, value in sorted((raw or {}).items()):
        at = f'{where}.ulimits.{name}'
        if isinstance(value, dict):
            soft, hard = whole(value['soft'], f'{at}.soft'), whole(value['hard'], f'{at}.hard')
            if soft > hard and hard != -1:
                raise InvalidInput(f'{at}: the soft limit ({soft}) is above the hard limit ({hard})')
        else:
            soft = hard = whole(value, at)
        limits.append(Ulimit(name=str(name), soft=soft, hard=hard))
    return limits


def swap(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if value in (-1, '-1'):
        return -1
    return size_bytes(value, where)


def micros(value: Any, where: str) -> int | None:
    """Microseconds, given as a number or a duration (``400ms``)."""
    if value is None:
        return None
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        return int(value)
    return duration_ns(value, where) // 1000


def blkio(raw: Any, where: str) -> dict[str, Any]:
    if not raw:
        return {}
    out: dict[str, Any] = {}
    if raw.get('weight') is not None:
        out['BlkioWeight'] = whole(raw['weight'], f'{where}.blkio_config.weight')
    if raw.get('weight_device'):
        out['BlkioWeightDevice'] = [{'Path': d['path'], 'Weight': whole(d['weight'], f'{where}.blkio_config.weight_device')}
                                    for d in raw['weight_device']]
    for key, engine in (('device_read_bps', 'BlkioDeviceReadBps'), ('device_write_bps', 'BlkioDeviceWriteBps')):
        if raw.get(key):
            out[engine] = [{'Path': d['path'], 'Rate': size_bytes(d['rate'], f'{where}.blkio_config.{key}')}
                           for d in raw[key]]
    for key, engine in (('device_read_iops', 'BlkioDeviceReadIOps'), ('device_write_iops', 'BlkioDeviceWriteIOps')):
        if raw.get(key):
            out[engine] = [{'Path': d['path'], 'Rate': whole(d['rate'], f'{where}.blkio_config.{key}')} for d in raw[key]]
    return out


def extra_hosts(raw: Any, where: str) -> list[str]:
    """Both forms (``host:ip``/``host=ip`` items, or a mapping, values possibly lists) as the
    engine's ``host:ip`` entries; IPv6 brackets are dropped."""
    pairs: list[tuple[str, str]] = []
    if isinstance(raw, dict):
        for host, value in raw.items():
            pairs += [(str(host), str(v)) for v in as_list(value)]
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


def device_requests(gpus: Any, reserved: Any, where: str) -> list[dict[str, Any]] | None:
    """``gpus`` (``all`` or a list) and ``deploy.resources.reservations.devices`` as the engine's
    ``DeviceRequests``."""
    if gpus is None and not reserved:
        return None
    requests = []
    if gpus == 'all':
        requests.append({'Driver': '', 'Count': -1, 'Capabilities': [['gpu']]})
    elif gpus is not None:
        for item in as_list(gpus):
            if not isinstance(item, dict):
                raise InvalidInput(f'{where}.gpus: use "all" or a list of device requests')
            requests.append(device_request(item, f'{where}.gpus', ['gpu']))
    for item in as_list(reserved):
        requests.append(device_request(item, f'{where}.deploy.resources.reservations.devices', []))
    return requests


def device_request(item: Mapping[str, Any], where: str, default_caps: list[str]) -> dict[str, Any]:
    count = item.get('count')
    ids = [str(d) for d in item.get('device_ids') or []]
    return {'Driver': str(item.get('driver') or ''),
            'Count': 0 if ids and count is None else -1 if count in (None, 'all') else whole(count, f'{where}.count'),
            'DeviceIDs': ids or None,
            'Capabilities': [[str(c) for c in item.get('capabilities') or default_caps]],
            'Options': {str(k): str(v) for k, v in (item.get('options') or {}).items()} or None}


def whole(value: Any, where: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidInput(f'{where}: {value!r} is not a whole number') from None


def number(value: Any, where: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InvalidInput(f'{where}: {value!r} is not a number') from None


def number_problem(exc: Exception) -> str:
    text = str(exc)
    match = re.search(r"'([^']*)'", text)
    return f'{match.group(1)!r} is not a number' if match else f'a value has the wrong type ({text[:80]})'
