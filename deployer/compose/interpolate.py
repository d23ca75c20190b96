"""Compose variable interpolation: ``$VAR``, ``${VAR}``, ``${VAR:-default}``, ``${VAR-default}``,
``${VAR:?error}``, ``${VAR?error}``, ``${VAR:+alt}``, ``${VAR+alt}`` and ``$$`` for a dollar sign."""
from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Mapping
from typing import Any

from ..errors import InvalidInput

_PATTERN = re.compile(r'''
    \$(?:
        (?P<escaped>\$) |
        (?P<named>[A-Za-z_][A-Za-z0-9_]*) |
        \{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>(?:[^{}]|\{[^{}]*\})*))?\} |
        (?P<invalid>)
    )''', re.VERBOSE)


def interpolate_text(text: str, env: Mapping[str, str], where: str, *, unset: list[str] | None = None,
                     lenient: bool = False) -> str:
    """``unset`` collects the variables used without a value and without a default (Compose
    warns about each and uses an empty string). ``lenient``: a ``$`` that starts no variable
    stays as it is (env files, where passwords hold dollar signs) instead of being an error."""
    def replace(match: re.Match[str]) -> str:
        if match.group('escaped') is not None:
            return '$'
        name = match.group('named') or match.group('braced')
        if name is None:
            if lenient:
                return '$'
            raise InvalidInput(f'{where}: invalid interpolation format in {text[:80]!r}')
        op, arg = match.group('op'), match.group('arg') or ''
        value = env.get(name)
        if op is None:
            if value is None and unset is not None:
                unset.append(name)
            return value or ''
        arg = interpolate_text(arg, env, where, unset=unset, lenient=lenient) if '$' in arg else arg
        empty_counts = op.startswith(':')
        missing = value is None or (empty_counts and value == '')
        kind = op[-1]
        if kind == '-':
            return arg if missing else (value or '')
        if kind == '+':
            return '' if missing else arg
        if missing:  # '?'
            raise InvalidInput(f'{where}: required variable {name} is missing a value'
                               + (f': {arg}' if arg else ''))
        return value or ''

    return _PATTERN.sub(replace, text)


def interpolate(value: Any, env: Mapping[str, str], path: str = '',
                unset: dict[str, list[str]] | None = None) -> Any:
    """Interpolate every string value (not keys) of a parsed compose document. ``unset``
    collects, by path, the variables that had no value there."""
    if isinstance(value, str):
        if '$' not in value:
            return value
        missing: list[str] = []
        text = interpolate_text(value, env, path or 'document', unset=missing)
        if missing and unset is not None:
            unset[path] = missing
        return text
    if isinstance(value, dict):
        return {key: interpolate(item, env, f'{path}.{key}' if path else str(key), unset)
                for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, env, f'{path}.{index}', unset) for index, item in enumerate(value)]
    return value


def parse_env_file(text: str, where: str = '.env', lookup: Mapping[str, str] | None = None) -> dict[str, str]:
    """``KEY=value`` lines; ``#`` comments, ``export`` prefixes and quotes as Compose reads them.
    Unquoted and double-quoted values expand ``${OTHER}`` (with its defaults) from ``lookup``
    first, then from the lines above; single-quoted values are taken as they are."""
    values: dict[str, str] = {}
    scope = ChainMap(dict(lookup or {}), values)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith('#'):
            continue
        if line.startswith('export '):
            line = line[7:].lstrip()
        key, sep, value = line.partition('=')
        key = key.strip()
        if not re.fullmatch(r'[A-Za-z_][A-Za-z0-9_.-]*', key):
            raise InvalidInput(f'{where} line {number}: {key[:40]!r} is not a variable name')
        if not sep:
            continue
        value = value.strip()
        quote = ''
        if len(value) >= 2 and value[0] == value[-1] and value[0] in '"\'':
            quote, value = value[0], value[1:-1]
            if quote == '"':
                value = value.replace('\\n', '\n').replace('\\"', '"')
        elif ' #' in value:
            value = value.split(' #', 1)[0].rstrip()
        if quote != "'" and '$' in value:
            value = interpolate_text(value, scope, f'{where} line {number}', lenient=True)
        values[key] = value
    return values
