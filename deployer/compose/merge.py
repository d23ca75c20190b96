"""Several compose files as one project: ``extends``, top-level ``include`` and Compose's
merge rules.

A stack's files are a small virtual folder: the main document plus named files sent with it
(``base.yaml``, ``db/compose.yaml``, ``.env`` …). ``extends.file`` and ``include`` name files
of that folder only; nothing on the host is read for them. Relative paths in a file that lives
in a sub-folder are rebased onto the stack's folder, as Compose resolves them against the
including file's directory.

Merging follows the Compose Specification (and compose-go): mappings merge key by key, the
later file winning; ``command``, ``entrypoint`` and ``healthcheck.test`` are replaced;
environment, labels and other "list or dict" keys merge by name; volumes and devices by
target, secrets and configs by target, ports, capabilities, DNS settings and the like by value.
"""
from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import InvalidInput
from .yamlio import OVERRIDE, RESET

MAX_FILES = 32
MAX_INCLUDE_DEPTH = 8
MAX_EXTENDS = 32
FILE_NAME = re.compile(r'^(?!/)(?:[A-Za-z0-9_.@+-]+/)*[A-Za-z0-9_.@+-]+$')

# ---- file names ----------------------------------------------------------------------------------


def check_file_name(name: str) -> str:
    """A stack file's name as stored: relative, forward slashes, no ``.`` or ``..`` parts."""
    if not isinstance(name, str) or not FILE_NAME.match(name) or len(name) > 200 or \
            any(part in ('.', '..') for part in name.split('/')):
        raise InvalidInput(f'file name {str(name)[:80]!r} is not valid: use a relative path inside the stack '
                           '(letters, digits, "._-@+" and "/"), without "." or ".." parts')
    return name


def resolve_name(base_dir: str, reference: str, where: str) -> str:
    """The stack file that ``reference`` (relative to ``base_dir``, a folder of the stack) names."""
    if reference.startswith(('/', '~')):
        raise InvalidInput(f'{where}: {reference!r} is outside the stack; name one of the stack\'s files '
                           '(sent with the deploy in "files")')
    joined = posixpath.normpath(posixpath.join(base_dir, reference))
    if joined.startswith('../') or joined == '..':
        raise InvalidInput(f'{where}: {reference!r} is outside the stack\'s folder')
    return joined


# ---- merging -------------------------------------------------------------------------------------

_LIST_OR_DICT = {'environment', 'labels', 'sysctls', 'annotations', 'extra_hosts', 'storage_opt'}
_REPLACED = {'command', 'entrypoint'}
_BY_VALUE = {'cap_add', 'cap_drop', 'dns', 'dns_opt', 'dns_search', 'tmpfs', 'links', 'external_links', 'profiles',
             'expose', 'env_file', 'volumes_from', 'group_add', 'security_opt', 'device_cgroup_rules', 'ports',
             'post_start', 'pre_stop', 'label_file'}


def as_dict(value: Any, separator: str = '=') -> dict[str, Any]:
    """A "list or dict" value as a dict (``KEY=value`` items; a bare ``KEY`` maps to None)."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return dict(value)
    out: dict[str, Any] = {}
    for item in value if isinstance(value, list) else [value]:
        key, sep, rest = str(item).partition(separator)
        out[key] = rest if sep else None
    return out


def _extra_hosts(value: Any) -> dict[str, Any]:
    if isinstance(value, dict) or value is None:
        return dict(value or {})
    out: dict[str, Any] = {}
    for item in value:
        text = str(item)
        host, sep, address = text.partition('=')
        if not sep:
            host, _, address = text.partition(':')
        out[host] = address
    return out


def _mount_target(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get('target') or item.get('source') or '')
    parts = str(item).split(':')
    return parts[1] if len(parts) > 1 else parts[0]


def _file_target(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get('target') or item.get('source') or '')
    return str(item)


def _keyed(base: list[Any], override: list[Any], key: Callable[[Any], str]) -> list[Any]:
    merged: dict[str, Any] = {}
    for item in [*base, *override]:
        merged[key(item)] = item
    return list(merged.values())


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def is_reset(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {RESET}


def is_override(value: Any) -> bool:
    return isinstance(value, dict) and set(value) == {OVERRIDE}


def strip(value: Any) -> Any:
    """A document without ``!reset``/``!override`` marks: reset entries gone, overrides unwrapped."""
    if is_override(value):
        return strip(value[OVERRIDE])
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if not is_reset(v)}
    if isinstance(value, list):
        return [strip(v) for v in value if not is_reset(v)]
    return value


def merge_service(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """One service definition over another, by Compose's merge rules."""
    out = dict(base)
    for key, value in override.items():
        if is_reset(value):
            out.pop(key, None)
        elif is_override(value):
            out[key] = value[OVERRIDE]
        elif key not in out or out[key] is None or value is None:
            out[key] = value
        elif key in _REPLACED:
            out[key] = value
        elif key == 'extra_hosts':
            out[key] = {**_extra_hosts(out[key]), **_extra_hosts(value)}
        elif key in _LIST_OR_DICT:
            out[key] = {**as_dict(out[key]), **as_dict(value)}
        elif key in ('volumes', 'devices'):
            out[key] = _keyed(_as_list(out[key]), _as_list(value), _mount_target)
        elif key in ('secrets', 'configs'):
            out[key] = _keyed(_as_list(out[key]), _as_list(value), _file_target)
        elif key in _BY_VALUE:
            out[key] = _keyed(_as_list(out[key]), _as_list(value), lambda item: repr(item))
        elif key in ('depends_on', 'networks'):
            out[key] = _deep({k: v for k, v in _named(out[key]).items()}, _named(value))
        elif key == 'build':
            out[key] = _deep(_build(out[key]), _build(value))
        elif key == 'logging':
            out[key] = _logging(out[key], value)
        elif key == 'healthcheck' and isinstance(value, dict) and isinstance(out[key], dict):
            out[key] = {**out[key], **value}
        elif key == 'ulimits' and isinstance(value, dict) and isinstance(out[key], dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = _deep(out[key], value)
    return out


def _named(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return dict(value)
    return {str(item): None for item in _as_list(value)}


def _build(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        out = dict(value)
        for key in ('args', 'labels'):
            if key in out:
                out[key] = as_dict(out[key])
        return out
    return {'context': value}


def _logging(base: Any, override: Any) -> Any:
    if not isinstance(base, dict) or not isinstance(override, dict):
        return override
    if override.get('driver') not in (None, base.get('driver')):
        return override
    return {**base, **override, 'options': {**(base.get('options') or {}), **(override.get('options') or {})}}


def _deep(base: Any, override: Any) -> Any:
    if is_override(override):
        return override[OVERRIDE]
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for key, value in override.items():
            if is_reset(value):
                out.pop(key, None)
            else:
                out[key] = _deep(out[key], value) if key in out else value
        return out
    return override


def merge_documents(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """A compose file over another (``include: {path: [a, b]}``, like ``-f a -f b``)."""
    out = dict(base)
    for key, value in override.items():
        if key == 'services' and isinstance(value, dict) and isinstance(out.get(key), dict):
            services = dict(out[key])
            for name, service in value.items():
                services[name] = merge_service(services.get(name) or {}, service or {}) if name in services \
                    else service
            out[key] = services
        else:
            out[key] = _deep(out.get(key), value) if key in out else value
    return out


# ---- paths in files from a sub-folder ------------------------------------------------------------

def _rebase_path(path: Any, folder: str) -> Any:
    if not folder or not isinstance(path, str) or path.startswith(('/', '~')) or not path:
        return path
    return './' + posixpath.normpath(posixpath.join(folder, path))


def rebase_service(service: dict[str, Any], folder: str) -> dict[str, Any]:
    """Relative host paths of a service defined in ``folder``, made relative to the stack's folder."""
    if not folder:
        return service
    out = dict(service)
    if isinstance(out.get('build'), str):
        out['build'] = _rebase_path(out['build'], folder)
    elif isinstance(out.get('build'), dict):
        out['build'] = {**out['build'], 'context': _rebase_path(out['build'].get('context', '.'), folder)}
    if 'env_file' in out:
        out['env_file'] = [_rebase_path(e, folder) if isinstance(e, str) else {**e, 'path': _rebase_path(e.get('path'), folder)}
                           for e in _as_list(out['env_file'])]
    volumes = []
    for item in _as_list(out.get('volumes')):
        if isinstance(item, dict):
            if item.get('type') == 'bind':
                item = {**item, 'source': _rebase_path(item.get('source'), folder)}
        else:
            source, sep, rest = str(item).partition(':')
            if sep and source.startswith('.'):
                item = f'{_rebase_path(source, folder)}:{rest}'
        volumes.append(item)
    if 'volumes' in out:
        out['volumes'] = volumes
    return out


def rebase_document(document: dict[str, Any], folder: str) -> dict[str, Any]:
    if not folder:
        return document
    out = dict(document)
    out['services'] = {name: rebase_service(dict(service or {}), folder)
                       for name, service in (document.get('services') or {}).items()}
    for section in ('secrets', 'configs'):
        if isinstance(document.get(section), dict):
            out[section] = {key: ({**spec, 'file': _rebase_path(spec['file'], folder)}
                                  if isinstance(spec, dict) and spec.get('file') else spec)
                            for key, spec in document[section].items()}
    return out


# ---- extends ---------------------------------------------------------------------------------------

FileLoader = Callable[[str, str], dict[str, Any]]
"""Called with a stack file's name and where the document names it; returns that file's
document, parsed, interpolated and validated (its paths still relative to its own folder)."""


def apply_extends(document: dict[str, Any], *, name: str, load: FileLoader) -> dict[str, Any]:
    """Every ``extends`` of ``document`` (the stack file ``name``) resolved and merged."""
    services = document.get('services') or {}
    if not any(isinstance(s, dict) and 'extends' in s for s in services.values()):
        return document
    resolved = {key: _extended(key, name, document, load, trail=[]) if isinstance(s, dict) and 'extends' in s else s
                for key, s in services.items()}
    return {**document, 'services': resolved}


def _extended(service: str, file: str, document: dict[str, Any], load: FileLoader, trail: list[str]) -> dict[str, Any]:
    where = f'services.{service}.extends'
    marker = f'{file}:{service}'
    if marker in trail:
        raise InvalidInput(f'{where}: extends forms a cycle: {" -> ".join([*trail, marker])}')
    if len(trail) >= MAX_EXTENDS:
        raise InvalidInput(f'{where}: extends is chained more than {MAX_EXTENDS} deep')
    raw = dict((document.get('services') or {}).get(service) or {})
    spec = raw.pop('extends', None)
    if spec is None:
        return raw
    spec = {'service': spec} if isinstance(spec, str) else dict(spec)
    base_file = file
    base_doc = document
    if spec.get('file'):
        base_file = resolve_name(posixpath.dirname(file), str(spec['file']), f'{where}.file')
        base_doc = load(base_file, f'{where}.file')
    base_name = str(spec['service'])
    if base_name not in (base_doc.get('services') or {}):
        raise InvalidInput(f'{where}: service {base_name!r} does not exist'
                           + (f' in {base_file}' if base_file != file else ''))
    base = _extended(base_name, base_file, base_doc, load, [*trail, marker])
    folder = posixpath.relpath(posixpath.dirname(base_file) or '.', posixpath.dirname(file) or '.')
    base = rebase_service(base, '' if folder == '.' else folder)
    return merge_service(base, raw)


# ---- include --------------------------------------------------------------------------------------

SECTIONS = ('services', 'networks', 'volumes', 'secrets', 'configs')


def apply_include(document: dict[str, Any], *, name: str,
                  load_included: Callable[[list[str], str | None, list[str], str], dict[str, Any]]) -> dict[str, Any]:
    """Top-level ``include`` entries loaded (``load_included(paths, project_directory, env_files,
    where)`` returns the included model, rebased) and added; a name both define is an error, as
    in Compose."""
    entries = document.get('include')
    if not entries:
        return document
    out = {key: value for key, value in document.items() if key != 'include'}
    base_dir = posixpath.dirname(name)
    for index, entry in enumerate(entries):
        where = f'include.{index}'
        spec = {'path': entry} if isinstance(entry, str) else dict(entry)
        paths = [resolve_name(base_dir, str(p), f'{where}.path') for p in _as_list(spec.get('path'))]
        if not paths:
            raise InvalidInput(f'{where}: needs a path')
        directory = spec.get('project_directory')
        directory = resolve_name(base_dir, str(directory), f'{where}.project_directory') if directory else None
        env_files = [resolve_name(base_dir, str(p), f'{where}.env_file') for p in _as_list(spec.get('env_file'))]
        included = load_included(paths, directory, env_files, where)
        for section in SECTIONS:
            theirs = included.get(section) or {}
            if not theirs:
                continue
            mine = dict(out.get(section) or {})
            for key, value in theirs.items():
                if key in mine and (section == 'services' or mine[key] != value):
                    raise InvalidInput(f'{where}: {section}.{key} from {", ".join(paths)} conflicts with '
                                       f'{section}.{key} of {name}')
                mine[key] = value
            out[section] = mine
    return out
