"""Template files: YAML in, a validated :class:`Template` out, and back.

Checks every file the same way, built-in or not: the metadata, each parameter (a default of
the right type, no fixed default for a secret), that parameters and ``${...}`` references in
the compose document match one to one, and that the compose document rendered with the
defaults passes :func:`deployer.compose.load_project`.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from ..compose.loader import load_project, parse_yaml
from ..errors import InvalidInput
from .model import GENERATORS, PARAM_NAME, TEMPLATE_ID, TYPES, Parameter, Source, Template, coerce, resolve
from .variables import references

SHAPE_CHECK_DIR = Path('/nonexistent/dockerdeployer-template-check')   # where a template's ./paths resolve when checked

MAX_FILE = 1 << 20
TOP_KEYS = {'id', 'title', 'description', 'category', 'tags', 'keywords', 'logo', 'docs', 'parameters', 'compose',
            'available', 'unavailable_reason', 'feed', 'logo_url'}
PARAM_KEYS = {'name', 'label', 'type', 'default', 'required', 'description', 'generate', 'secret', 'choices'}
LOGO_FILE = re.compile(r'^[a-z0-9][a-z0-9._-]{0,80}\.svg$')
UNSAFE_SVG = re.compile(r'<\s*script|javascript:|\son[a-z]+\s*=|<\s*foreignObject', re.IGNORECASE)
PLACEHOLDERS = {'string': 'x', 'password': 'x', 'int': '1', 'port': '8080', 'bool': 'true'}
IMPLICIT_VARIABLES = {'COMPOSE_PROJECT_NAME'}


def check_id(template_id: Any) -> str:
    if not isinstance(template_id, str) or not TEMPLATE_ID.match(template_id):
        raise InvalidInput(f'template id {str(template_id)[:70]!r} is not valid: use lowercase letters, digits, '
                           '".", "-" and "_", starting with a letter or digit (at most 63 characters)')
    return template_id


def parse_parameter(raw: Any, where: str) -> Parameter:
    if not isinstance(raw, Mapping):
        raise InvalidInput(f'{where}: a parameter must be a mapping with a name and a type')
    extra = sorted(set(raw) - PARAM_KEYS)
    if extra:
        raise InvalidInput(f'{where}.{extra[0]}: unknown parameter key (use {", ".join(sorted(PARAM_KEYS))})')
    name = raw.get('name')
    if not isinstance(name, str) or not PARAM_NAME.match(name):
        raise InvalidInput(f'{where}.name: {str(name)[:40]!r} is not a lowercase identifier like db_password')
    where = f'{where} ({name})'
    kind = raw.get('type', 'string')
    if kind not in TYPES:
        raise InvalidInput(f'{where}.type: {kind!r} is not one of {", ".join(TYPES)}')
    generate = raw.get('generate')
    if generate is not None and generate not in GENERATORS:
        raise InvalidInput(f'{where}.generate: {generate!r} is not one of {", ".join(GENERATORS)}')
    if generate and kind not in ('password', 'string'):
        raise InvalidInput(f'{where}.generate: only string and password parameters can be generated')
    choices = raw.get('choices') or []
    if kind == 'choice' and (not isinstance(choices, list) or not choices):
        raise InvalidInput(f'{where}.choices: a choice parameter needs a list of choices')
    if choices and kind != 'choice':
        raise InvalidInput(f'{where}.choices: only choice parameters have choices')
    secret = raw.get('secret', kind == 'password' or generate is not None)
    for key in ('required', 'secret'):
        if not isinstance(raw.get(key, False), bool):
            raise InvalidInput(f'{where}.{key}: must be true or false')
    for key in ('label', 'description'):
        if not isinstance(raw.get(key, ''), str):
            raise InvalidInput(f'{where}.{key}: must be a string')
    param = Parameter(name=name, type=kind, label=raw.get('label') or name, description=raw.get('description') or '',
                      required=bool(raw.get('required', False)), generate=generate, secret=secret,
                      choices=tuple(str(c) for c in choices))
    default = raw.get('default')
    if default is not None:
        if secret:
            raise InvalidInput(f'{where}.default: a secret parameter cannot have a fixed default; '
                               'use "generate: password" or "generate: hex"')
        try:
            param = replace(param, default=coerce(param, default))
        except InvalidInput as exc:
            raise InvalidInput(f'{where}.default: {exc.message}') from None
    return param


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise InvalidInput(f'{where}: must be a list of words')
    return tuple(str(v) for v in value)


def _logo(value: Any, base: Path | None, where: str) -> str | None:
    if value is None or value == '':
        return None
    if not isinstance(value, str):
        raise InvalidInput(f'{where}: must be a file name in logos/ or inline <svg> text')
    text = value.strip()
    if not text.startswith('<'):
        if base is None:
            raise InvalidInput(f'{where}: give the logo as inline <svg> text')
        if not LOGO_FILE.match(text):
            raise InvalidInput(f'{where}: {text[:60]!r} is not a file name like wordpress.svg in logos/')
        try:
            text = (base / 'logos' / text).read_text()
        except OSError:
            raise InvalidInput(f'{where}: logos/{value} does not exist') from None
    if not text.lstrip().startswith(('<svg', '<?xml')) or UNSAFE_SVG.search(text) or len(text) > 64 * 1024:
        raise InvalidInput(f'{where}: the logo must be plain SVG (no scripts or event handlers, at most 64 KiB)')
    return text


def parse_template(data: Any, *, source: Source = 'builtin', base: Path | None = None, where: str = 'template',
                   check_compose: bool = True) -> Template:
    """A :class:`Template` from a parsed template document; InvalidInput names the bad path."""
    if not isinstance(data, Mapping):
        raise InvalidInput(f'{where}: a template must be a mapping with id, title and compose')
    extra = sorted(set(data) - TOP_KEYS)
    if extra:
        raise InvalidInput(f'{where}.{extra[0]}: unknown template key (use {", ".join(sorted(TOP_KEYS))})')
    template_id = check_id(data.get('id'))
    where = f'{where} {template_id}' if where == 'template' else where
    for key in ('title', 'description', 'category', 'docs', 'unavailable_reason', 'logo_url'):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise InvalidInput(f'{where}.{key}: must be a string')
    if not data.get('title'):
        raise InvalidInput(f'{where}.title: a template needs a title')
    docs = data.get('docs')
    if docs and not re.match(r'^https?://', docs):
        raise InvalidInput(f'{where}.docs: {docs[:60]!r} is not an http(s) URL')
    raw_params = data.get('parameters') or []
    if not isinstance(raw_params, list):
        raise InvalidInput(f'{where}.parameters: must be a list')
    params = tuple(parse_parameter(raw, f'{where}.parameters.{i}') for i, raw in enumerate(raw_params))
    names = [p.name for p in params]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InvalidInput(f'{where}.parameters: {duplicates[0]!r} is declared twice')
    available = data.get('available', True)
    compose = data.get('compose')
    if isinstance(compose, str):
        compose = parse_yaml(compose)
    if available and not isinstance(compose, dict):
        raise InvalidInput(f'{where}.compose: must be a compose document (a mapping with "services")')
    template = Template(
        id=template_id, title=data['title'], description=data.get('description') or '',
        category=data.get('category') or 'Custom', tags=_strings(data.get('tags'), f'{where}.tags'),
        keywords=_strings(data.get('keywords'), f'{where}.keywords'), logo=_logo(data.get('logo'), base, f'{where}.logo'),
        docs=docs or None, parameters=params, compose=compose if isinstance(compose, dict) else {}, source=source,
        available=bool(available), unavailable_reason=None if available else (data.get('unavailable_reason') or 'unavailable'),
        logo_url=data.get('logo_url'))
    if check_compose and template.available:
        check_compose_document(template, where)
    return template


def check_compose_document(template: Template, where: str) -> None:
    """Parameters and references match; the document rendered with defaults loads."""
    used = references(template.compose)
    declared = {p.name for p in template.parameters}
    unused = sorted(declared - set(used))
    if unused:
        raise InvalidInput(f'{where}.parameters: {unused[0]!r} is never used in the compose document as ${{{unused[0]}}}')
    undeclared = sorted(n for n, fallback in used.items()
                        if n not in declared and not fallback and n not in IMPLICIT_VARIABLES)
    if undeclared:
        raise InvalidInput(f'{where}.compose: ${{{undeclared[0]}}} is not a parameter of the template')
    stand_ins = {p.name: p.default if p.default is not None else (p.choices[0] if p.choices else PLACEHOLDERS[p.type])
                 for p in template.parameters if p.required and p.default is None and not p.generate}
    env, _ = resolve(template, stand_ins)
    try:
        # the document's shape only: relative paths resolve in a stand-in folder and no host file is
        # read; what the deploy may read and mount is the host policy's decision when it is deployed
        load_project(template.compose, name='t', env=env, working_dir=SHAPE_CHECK_DIR, read_guard=lambda *_: False)
    except InvalidInput as exc:
        raise InvalidInput(f'{where}.compose: {exc.message}') from None


def load_template_file(path: Path, *, source: Source = 'builtin') -> Template:
    """Read and validate one template file; its name must be ``<id>.yaml``."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f'{path.name}: cannot be read ({exc.strerror})') from None
    if len(raw) > MAX_FILE:
        raise InvalidInput(f'{path.name}: over {MAX_FILE // 1024} KiB')
    data = parse_yaml(raw.decode('utf-8', errors='replace'), what=f'template file {path.name}')
    template = parse_template(data, source=source, base=path.parent, where=path.name)
    if path.stem != template.id:
        raise InvalidInput(f'{path.name}: the file of template {template.id!r} must be named {template.id}.yaml')
    return template


def dump_template(template: Template, **extra: Any) -> bytes:
    """The YAML form of a template (with inline SVG logo), as :func:`load_template_file` reads it."""
    data: dict[str, Any] = {'id': template.id, 'title': template.title, 'description': template.description,
                            'category': template.category, 'tags': list(template.tags),
                            'keywords': list(template.keywords)}
    for key in ('logo', 'logo_url', 'docs'):
        if getattr(template, key):
            data[key] = getattr(template, key)
    data['parameters'] = [p.to_dict() for p in template.parameters]
    if not template.available:
        data['available'] = False
        data['unavailable_reason'] = template.unavailable_reason
    data.update({k: v for k, v in extra.items() if v is not None})
    data['compose'] = dict(template.compose)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120).encode()
