"""Typed values after interpolation, as Compose casts them.

``read_only: ${RO}`` is a string once interpolated; Compose turns the strings at known paths
into booleans, numbers and file modes before it validates the document. A boolean accepts
``true/false``, ``yes/no``, ``y/n`` and ``on/off`` in any case, nothing else: ``bool("false")``
must never make a read-only container.

    cast({'services': {'web': {'read_only': 'false'}}})  ->  {'services': {'web': {'read_only': False}}}
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import InvalidInput

Caster = Callable[[str, str], Any]
_TRUE = {'true', 'yes', 'y', 'on'}
_FALSE = {'false', 'no', 'n', 'off'}


def to_bool(text: str, where: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise InvalidInput(f'{where}: {text[:40]!r} is not a boolean (use true or false; yes/no and on/off also work)')


def to_int(text: str, where: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput(f'{where}: {text[:40]!r} is not a whole number') from None


def to_float(text: str, where: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        raise InvalidInput(f'{where}: {text[:40]!r} is not a number') from None


def to_mode(text: str, where: str) -> int:
    """A file mode: octal digits, as in ``0440`` or ``440``."""
    try:
        return int(text.strip().removeprefix('0o'), 8)
    except ValueError:
        raise InvalidInput(f'{where}: {text[:40]!r} is not a file mode like 0440') from None


_SERVICE = {
    'init': to_bool, 'privileged': to_bool, 'read_only': to_bool, 'stdin_open': to_bool, 'tty': to_bool,
    'oom_kill_disable': to_bool, 'use_api_socket': to_bool, 'attach': to_bool,
    'scale': to_int, 'pids_limit': to_int, 'oom_score_adj': to_int, 'cpu_shares': to_int, 'cpu_period': to_int,
    'cpu_quota': to_int, 'cpu_count': to_int, 'cpu_percent': to_int, 'mem_swappiness': to_int, 'cpus': to_float,
    'healthcheck.retries': to_int, 'healthcheck.disable': to_bool,
    'ports.*.target': to_int,
    'volumes.*.read_only': to_bool, 'volumes.*.volume.nocopy': to_bool, 'volumes.*.bind.create_host_path': to_bool,
    'secrets.*.mode': to_mode, 'configs.*.mode': to_mode,
    'ulimits.*': to_int, 'ulimits.*.soft': to_int, 'ulimits.*.hard': to_int,
    'depends_on.*.required': to_bool, 'depends_on.*.restart': to_bool, 'env_file.*.required': to_bool,
    'build.no_cache': to_bool, 'build.pull': to_bool, 'build.privileged': to_bool,
    'deploy.replicas': to_int, 'deploy.restart_policy.max_attempts': to_int,
    'deploy.update_config.parallelism': to_int, 'deploy.update_config.max_failure_ratio': to_float,
    'deploy.rollback_config.parallelism': to_int, 'deploy.rollback_config.max_failure_ratio': to_float,
    'deploy.placement.max_replicas_per_node': to_int, 'deploy.resources.limits.cpus': to_float,
    'deploy.resources.limits.pids': to_int, 'deploy.resources.reservations.cpus': to_float,
    'blkio_config.weight': to_int,
}
_TOP = {'networks.*.external': to_bool, 'networks.*.internal': to_bool, 'networks.*.attachable': to_bool,
        'networks.*.enable_ipv6': to_bool, 'volumes.*.external': to_bool, 'secrets.*.external': to_bool,
        'configs.*.external': to_bool}


def _trie(paths: dict[str, Caster]) -> dict[str, Any]:
    """Paths as nested dicts; ``'*'`` matches any key or index, ``''`` holds the caster."""
    root: dict[str, Any] = {}
    for path, caster in paths.items():
        node = root
        for part in path.split('.'):
            node = node.setdefault(part, {})
        node[''] = caster
    return root


_CASTS = _trie({**{f'services.*.{k}': v for k, v in _SERVICE.items()}, **_TOP})


def cast(document: Any) -> Any:
    """A copy of the document with the strings at typed paths converted; errors name the path."""
    return _walk(document, _CASTS, '')


def _walk(value: Any, node: dict[str, Any], path: str) -> Any:
    caster = node.get('')
    if caster is not None and isinstance(value, str):
        return caster(value, path)
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            child = node.get(str(key)) or node.get('*')
            out[key] = _walk(item, child, f'{path}.{key}' if path else str(key)) if child else item
        return out
    if isinstance(value, list):
        child = node.get('*')
        return [_walk(item, child, f'{path}.{i}') for i, item in enumerate(value)] if child else value
    return value
