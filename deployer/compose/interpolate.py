"""Compose variable interpolation: ``$VAR``, ``${VAR}``, ``${VAR:-default}``, ``${VAR-default}``,
``${VAR:?error}``, ``${VAR?error}``, ``${VAR:+alt}``, ``${VAR+alt}`` and ``$$`` for a dollar sign."""
from __future__ import annotations

import re
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


def interpolate_text(text: str, env: Mapping[str, str], where: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group('escaped') is not None:
            return '$'
        name = match.group('named') or match.group('braced')
        if name is None:
            raise InvalidInput(f'{where}: invalid interpolation format in {text[:80]!r}')
        op, arg = match.group('op'), match.group('arg') or ''
        value = env.get(name)
        if op is None:
            return value or ''
        arg = interpolate_text(arg, env, where) if '$' in arg else arg
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


def interpolate(value: Any, env: Mapping[str, str], path: str = '') -> Any:
    """Interpolate every string value (not keys) of a parsed compose document."""
    if isinstance(value, str):
        return interpolate_text(value, env, path or 'document') if '$' in value else value
    if isinstance(value, dict):
        return {key: interpolate(item, env, f'{path}.{key}' if path else str(key)) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate(item, env, f'{path}.{index}') for index, item in enumerate(value)]
    return value


def parse_env_file(text: str, where: str = '.env') -> dict[str, str]:
    """``KEY=value`` lines; ``#`` comments, ``export`` prefixes and quotes as Compose reads them."""
    values: dict[str, str] = {}
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
        if len(value) >= 2 and value[0] == value[-1] and value[0] in '"\'':
            quote, value = value[0], value[1:-1]
            if quote == '"':
                value = value.replace('\\n', '\n').replace('\\"', '"')
        elif ' #' in value:
            value = value.split(' #', 1)[0].rstrip()
        values[key] = value
    return values
