"""Compose variables and template parameters: names, secrecy, rewriting references."""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .model import PARAM_NAME, Parameter

_REFERENCE = re.compile(r'\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?|([A-Za-z_][A-Za-z0-9_]*))')
_SECRET_WORDS = {'PASSWORD', 'PASSWD', 'PASS', 'PWD', 'SECRET', 'TOKEN', 'KEY', 'APIKEY'}


def escape(value: Any) -> str:
    """A literal for a compose document: ``$`` must not start an interpolation."""
    return str(value).replace('$', '$$')


def param_name(env_name: str, taken: set[str]) -> str:
    name = re.sub(r'[^a-z0-9_]+', '_', env_name.lower()).strip('_')[:56] or 'value'
    if not name[0].isalpha() or name in taken:
        name = f'env_{name}'
    while name in taken:
        name += '_'
    return name


def is_secret(env_name: str) -> tuple[bool, str | None]:
    """Is the variable a secret, and should its value be generated?"""
    words = re.split(r'[^A-Z0-9]+', env_name.upper())
    if any(w in ('PASSWORD', 'PASSWD', 'PASS', 'PWD') or w.endswith('PASSWORD') for w in words):
        return True, 'password'
    if any(w == 'SECRET' or w.endswith('SECRET') for w in words):
        return True, 'hex'
    return any(w in _SECRET_WORDS or w.endswith(('TOKEN', 'APIKEY')) for w in words), None


def rename(value: Any, names: Mapping[str, str]) -> Any:
    """Rewrite ``${VAR...}`` and ``$VAR`` into ``${param...}`` for the feed's variables."""
    def replace(match: re.Match[str]) -> str:
        if match.group(0) == '$$':
            return '$$'
        name = match.group(1) or match.group(2)
        if name not in names:
            return match.group(0)
        return f'${{{names[name]}' if match.group(1) else f'${{{names[name]}}}'

    if isinstance(value, str):
        return re.sub(r'\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*)', replace, value)
    if isinstance(value, dict):
        return {k: rename(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [rename(v, names) for v in value]
    return value


def pass_through(environment: Any, names: Mapping[str, str]) -> Any:
    """``environment: [VAR]`` takes VAR from the project's variables: point it at the parameter."""
    if isinstance(environment, dict):
        return {k: f'${{{names[k]}}}' if v is None and k in names else v for k, v in environment.items()}
    if isinstance(environment, list):
        return [f'{item}=${{{names[item]}}}' if isinstance(item, str) and item in names else item for item in environment]
    return environment


def references(value: Any) -> dict[str, bool]:
    """Variable names used by a compose document's values -> whether every use has a fallback."""
    found: dict[str, bool] = {}

    def scan(item: Any) -> None:
        if isinstance(item, str):
            for match in _REFERENCE.finditer(item):
                name = match.group(1) or match.group(3)
                if name:
                    op = match.group(2) or ''
                    found[name] = found.get(name, True) and op.endswith(('-', '+'))
        elif isinstance(item, dict):
            for child in item.values():
                scan(child)
        elif isinstance(item, list):
            for child in item:
                scan(child)

    scan(value)
    return found


def infer_parameters(document: dict[str, Any], defaults: Mapping[str, Any]) -> tuple[list[Parameter], dict[str, Any]]:
    """Parameters for every variable a compose document uses, named as lowercase identifiers
    (the document is rewritten to match); secrets get no default and, for passwords, a
    generated value."""
    params: list[Parameter] = []
    names: dict[str, str] = {}
    for variable in references(document):
        taken = set(names.values())
        name = variable if PARAM_NAME.match(variable) and variable not in taken else param_name(variable, taken)
        names[variable] = name
        secret, generate = is_secret(variable)
        default = defaults.get(variable, defaults.get(name))
        if secret:  # never a stored default: generated when it is a password, asked for otherwise
            params.append(Parameter(name=name, type='password', label=variable, generate=generate,
                                    required=generate is None, secret=True))
        else:
            params.append(Parameter(name=name, label=variable, default=None if default is None else str(default)))
    return params, rename(document, {k: v for k, v in names.items() if k != v})
