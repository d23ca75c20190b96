"""The Compose Specification's JSON schema (Apache-2.0, licence beside it), checked against a
document; errors name their path."""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema

from ..errors import InvalidInput

SCHEMA_PATH = Path(__file__).with_name('compose-spec.json')


@functools.cache
def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(SCHEMA_PATH.read_text()))


def validate(document: Any, what: str = '') -> None:
    """Check a parsed document against the Compose Specification; errors name their path."""
    if not isinstance(document, dict):
        raise InvalidInput(f'{what}a compose document must be a mapping with a "services" key')
    errors = sorted(_validator().iter_errors(document), key=lambda e: (len(e.path), list(map(str, e.path))))
    if errors:
        error = errors[0]
        path = '.'.join(str(p) for p in error.absolute_path) or '(top level)'
        more = f' (and {len(errors) - 1} more problems)' if len(errors) > 1 else ''
        raise InvalidInput(f'{what}{path}: {_schema_message(error)}{more}')


def _schema_message(error: jsonschema.ValidationError) -> str:
    if error.validator == 'additionalProperties' and isinstance(error.instance, dict):
        allowed = set((error.schema or {}).get('properties') or {})
        extra = sorted(k for k in error.instance if k not in allowed and not str(k).startswith('x-'))
        if extra:
            return f'{extra[0]!r} is not a Compose key here' + (' (extension keys start with "x-")'
                                                                   if not error.path else '')
    return error.message
