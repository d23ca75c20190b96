"""The template value types and the one place parameter values are checked, coerced and generated.

A template's compose document refers to its parameters with Compose interpolation
(``${port}``, ``${site_url:-http://localhost:${port}}``); :func:`resolve` turns what a caller
gives into the string environment that interpolation reads.
"""
from __future__ import annotations

import re
import secrets
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import InvalidInput

TYPES = ('string', 'int', 'port', 'password', 'bool', 'choice')
GENERATORS = ('password', 'hex')
SOURCES = ('builtin', 'user', 'portainer')
CATEGORIES = ('CMS', 'Development', 'Databases', 'Monitoring', 'Media', 'Networking', 'Security', 'Automation',
              'Storage', 'Messaging', 'Web servers', 'Productivity')
TEMPLATE_ID = re.compile(r'^[a-z0-9][a-z0-9._-]{0,62}$')
PARAM_NAME = re.compile(r'^[a-z][a-z0-9_]{0,62}$')
MAX_VALUE = 4096
PASSWORD_ALPHABET = string.ascii_letters + string.digits  # safe in URLs, shells and YAML
PASSWORD_LENGTH = 24
HEX_BYTES = 32
_TRUE = {'true', 'yes', 'on', '1'}
_FALSE = {'false', 'no', 'off', '0'}

Source = Literal['builtin', 'user', 'portainer']


@dataclass(frozen=True)
class Parameter:
    """One typed input of a template. ``secret`` values are never stored with the stack's
    versioned configuration; password parameters are secret unless they say otherwise."""
    name: str
    type: str = 'string'
    label: str = ''
    description: str = ''
    default: str | None = None
    required: bool = False
    generate: str | None = None
    secret: bool = False
    choices: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The YAML/JSON form, without the keys that hold their default value."""
        out: dict[str, Any] = {'name': self.name, 'label': self.label or self.name, 'type': self.type}
        if self.default is not None:
            out['default'] = int(self.default) if self.type in ('int', 'port') else (
                self.default == 'true' if self.type == 'bool' else self.default)
        if self.required:
            out['required'] = True
        if self.description:
            out['description'] = self.description
        if self.generate:
            out['generate'] = self.generate
        if self.secret != (self.type == 'password'):
            out['secret'] = self.secret
        if self.choices:
            out['choices'] = list(self.choices)
        return out


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    description: str
    category: str
    tags: tuple[str, ...]
    keywords: tuple[str, ...]
    logo: str | None            # SVG text
    docs: str | None
    parameters: tuple[Parameter, ...]
    compose: Mapping[str, Any]  # the Compose document with ${param} references; do not mutate
    source: Source = 'builtin'
    available: bool = True
    unavailable_reason: str | None = None
    logo_url: str | None = None  # a remote logo named by an imported feed (never fetched here)

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary for front ends (the compose document included)."""
        return {'id': self.id, 'title': self.title, 'description': self.description, 'category': self.category,
                'tags': list(self.tags), 'keywords': list(self.keywords), 'logo': self.logo, 'logo_url': self.logo_url,
                'docs': self.docs, 'parameters': [p.to_dict() | {'secret': p.secret} for p in self.parameters],
                'compose': self.compose, 'source': self.source, 'available': self.available,
                'unavailable_reason': self.unavailable_reason}


@dataclass(frozen=True)
class Rendered:
    """What a deploy needs: the compose document and the interpolation environment.

    ``env`` holds every parameter value as a string; ``secrets`` names the ones that must not
    be stored with the versioned configuration; ``public_params`` holds the others;
    ``generated`` names the values made here (show them to the user once)."""
    template: str
    compose: dict[str, Any]
    env: dict[str, str]
    secrets: tuple[str, ...]
    public_params: dict[str, str]
    generated: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportResult:
    imported: int
    unavailable: int
    templates: list[Template] = field(default_factory=list)


def generate_value(kind: str) -> str:
    if kind == 'hex':
        return secrets.token_hex(HEX_BYTES)
    while True:  # with lower case, upper case and digits, as picky images (SQL Server) want
        value = ''.join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        if not value.isalpha() and not value.isdigit() and not value.islower() and not value.isupper():
            return value


def coerce(param: Parameter, value: Any) -> str:
    """One value as the string the compose document receives; InvalidInput names the parameter
    and the type it expects."""
    expected = {'int': 'an integer', 'port': 'a port number (1-65535)', 'bool': 'true or false',
                'choice': f'one of {", ".join(param.choices)}'}.get(param.type, 'a string')
    where = f'parameter {param.name!r}'
    if param.type == 'bool':
        if isinstance(value, bool):
            return 'true' if value else 'false'
        text = str(value).strip().lower() if isinstance(value, (str, int)) else None
        if text in _TRUE or text in _FALSE:
            return 'true' if text in _TRUE else 'false'
        raise InvalidInput(f'{where} must be {expected}, not {_show(value)}')
    if param.type in ('int', 'port'):
        if isinstance(value, bool) or not isinstance(value, (int, str)) or not re.fullmatch(r'-?\d{1,12}', str(value).strip()):
            raise InvalidInput(f'{where} must be {expected}, not {_show(value)}')
        number = int(str(value).strip())
        if param.type == 'port' and not 1 <= number <= 65535:
            raise InvalidInput(f'{where} must be {expected}, not {number}')
        return str(number)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InvalidInput(f'{where} must be {expected}, not {_show(value)}')
    text = str(value)
    if '\x00' in text or len(text) > MAX_VALUE:
        raise InvalidInput(f'{where} must be {expected} without NUL characters, at most {MAX_VALUE} long')
    if param.type == 'choice' and text not in param.choices:
        raise InvalidInput(f'{where} must be {expected}, not {_show(value)}')
    return text


def _show(value: Any) -> str:
    return f'{type(value).__name__} {str(value)[:40]!r}' if not isinstance(value, str) else repr(value[:40])


def resolve(template: Template, given: Mapping[str, Any]) -> tuple[dict[str, str], tuple[str, ...]]:
    """All parameter values as strings (given, else default, else generated) and the names
    of the generated ones."""
    if not isinstance(given, Mapping):
        raise InvalidInput('params must be a mapping of parameter names to values')
    known = {p.name for p in template.parameters}
    unknown = sorted(str(k) for k in given if k not in known)
    if unknown:
        raise InvalidInput(f'unknown parameters for template {template.id!r}: {", ".join(unknown)}'
                           + (f' (it takes: {", ".join(sorted(known))})' if known else ' (it takes none)'))
    env: dict[str, str] = {}
    generated: list[str] = []
    for param in template.parameters:
        value = given.get(param.name)
        if value is None or value == '':
            if param.default is not None:
                value = param.default
            elif param.generate:
                value = generate_value(param.generate)
                generated.append(param.name)
            elif param.required:
                raise InvalidInput(f'parameter {param.name!r} ({param.label or param.name}) is required')
            else:
                value = ''
        env[param.name] = coerce(param, value) if value != '' else ''
    return env, tuple(generated)
