"""Reading compose YAML the way Compose does: YAML 1.2 scalars, merge keys, no duplicate keys,
bounded size, and the line of every key.

PyYAML implements YAML 1.1, where ``2222:22`` is the base-60 number 133342 and ``no`` is
``False``. Compose reads YAML 1.2 (through Go's yaml.v3), where both are strings. The loader
here keeps PyYAML's parser (libyaml when present) and swaps the implicit resolvers for those
of yaml.v3: booleans are only ``true``/``false`` (any of the three spellings), null is ``~``,
``null`` or empty, integers are decimal, ``0x``, ``0o``, ``0b`` or, as yaml.v3 keeps for
compatibility, ``0``-prefixed octal (file modes like ``0440``); ``_`` separators are dropped as
yaml.v3 does; there are no timestamps and no sexagesimal numbers.

    document = parse('services: {web: {image: nginx, ports: [8080:80]}}')
    document.data['services']['web']['ports'] == ['8080:80']
    document.lines['services.web.ports.0'] == 1
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import InvalidInput

MAX_DOCUMENT = 1 << 20          # bytes of YAML
MAX_NODES = 100_000             # after alias and merge expansion: refuses "billion laughs"
MAX_DEPTH = 64

_Base: type = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)
MERGE = 'tag:yaml.org,2002:merge'


class ComposeLoader(_Base):
    """A safe loader with YAML 1.2 (core schema, as yaml.v3 reads it) implicit resolvers."""

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}


def _resolver(tag: str, pattern: str, first: str) -> None:
    ComposeLoader.add_implicit_resolver(tag, re.compile(pattern, re.VERBOSE), list(first))


_resolver('tag:yaml.org,2002:bool', r'^(?:true|True|TRUE|false|False|FALSE)$', 'tTfF')
_resolver('tag:yaml.org,2002:null', r'^(?:~|null|Null|NULL|)$', '~nN')
ComposeLoader.add_implicit_resolver('tag:yaml.org,2002:null', re.compile(r'^$'), [''])
_resolver('tag:yaml.org,2002:int', r'''^[-+]?(?:
    [0-9][0-9_]*                 # decimal, and 0-prefixed octal (0440)
  | 0x[0-9a-fA-F_]+ | 0o[0-7_]+ | 0b[01_]+)$''', '-+0123456789')
_resolver('tag:yaml.org,2002:float', r'''^(?:
    [-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?
  | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN))$''', '-+.0123456789')
_resolver(MERGE, r'^<<$', '<')


def _construct_int(loader: yaml.constructor.SafeConstructor, node: Any) -> int | float:
    text = str(loader.construct_scalar(node)).replace('_', '')
    sign = -1 if text.startswith('-') else 1
    digits = text.lstrip('+-')
    if digits[:2] in ('0x', '0o', '0b'):
        return sign * int(digits, {'0x': 16, '0o': 8, '0b': 2}[digits[:2]])
    if len(digits) > 1 and digits[0] == '0':
        if all(c in '01234567' for c in digits):
            return sign * int(digits, 8)
        return sign * float(digits)   # "08": not octal; yaml.v3 falls back to a float
    return sign * int(digits)


ComposeLoader.add_constructor('tag:yaml.org,2002:int', _construct_int)

RESET = '__compose_reset__'
OVERRIDE = '__compose_override__'


def _construct_reset(loader: yaml.constructor.SafeConstructor, node: yaml.Node) -> dict[str, bool]:
    return {RESET: True}


def _construct_override(loader: yaml.constructor.SafeConstructor, node: Any) -> dict[str, Any]:
    if isinstance(node, yaml.MappingNode):
        return {OVERRIDE: loader.construct_mapping(node, deep=True)}
    if isinstance(node, yaml.SequenceNode):
        return {OVERRIDE: loader.construct_sequence(node, deep=True)}
    return {OVERRIDE: loader.construct_scalar(node)}


# Compose's merge tags: `!reset` drops what a base file set, `!override` replaces instead of merging
ComposeLoader.add_constructor('!reset', _construct_reset)
ComposeLoader.add_constructor('!override', _construct_override)


@dataclass
class Document:
    data: Any
    lines: dict[str, int] = field(default_factory=dict)   # "services.web.ports.0" -> 1-based line

    def line_of(self, path: str) -> int | None:
        """The line of ``path`` or of its nearest parent that has one."""
        parts = path.split('.')
        while parts:
            line = self.lines.get('.'.join(parts))
            if line is not None:
                return line
            parts.pop()
        return None


def parse(text: str, what: str = 'compose document') -> Document:
    if len(text.encode()) > MAX_DOCUMENT:
        raise InvalidInput(f'the {what} is over {MAX_DOCUMENT // 1024} KiB')
    loader = ComposeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(None)
        lines = _walk(node, what)
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, 'problem_mark', None)
        where = f' at line {mark.line + 1}, column {mark.column + 1}' if mark else ''
        problem = getattr(exc, 'problem', None) or str(exc).splitlines()[0]
        raise InvalidInput(f'the {what} is not valid YAML{where}: {problem}') from None
    except RecursionError:
        raise InvalidInput(f'the {what} is nested deeper than {MAX_DEPTH} levels') from None
    finally:
        loader.dispose()
    check_size(data)
    return Document(data, lines)


def _walk(root: yaml.Node, what: str) -> dict[str, int]:
    """Lines by path; refuses duplicate keys (Compose does), deep nesting and documents that
    aliases or merge keys make huge. Each node is walked once: an alias is not walked again."""
    lines: dict[str, int] = {}
    sizes: dict[int, int] = {}

    def walk(node: yaml.Node, path: str, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise InvalidInput(f'the {what} is nested deeper than {MAX_DEPTH} levels')
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 1     # a recursive alias counts once (construction refuses it later)
        total = 1
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key, value in node.value:
                if key.tag == MERGE:
                    if MERGE in seen:
                        raise InvalidInput(f'the {what} gives the merge key "<<" twice in one mapping (lines '
                                           f'{seen[MERGE]} and {key.start_mark.line + 1}); merge several with '
                                           '"<<: [*a, *b]"')
                    seen[MERGE] = key.start_mark.line + 1
                    total += walk(value, path, depth + 1)
                    continue
                label = key.value if isinstance(key, yaml.ScalarNode) else f'<{key.tag}>'
                line = key.start_mark.line + 1
                if isinstance(key, yaml.ScalarNode):
                    if label in seen:
                        raise InvalidInput(f'the {what} gives the key {label!r} twice in one mapping (lines '
                                           f'{seen[label]} and {line}); Compose refuses duplicate keys')
                    seen[label] = line
                child = f'{path}.{label}' if path else str(label)
                lines.setdefault(child, line)
                total += walk(value, child, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = f'{path}.{index}' if path else str(index)
                lines.setdefault(child, item.start_mark.line + 1)
                total += walk(item, child, depth + 1)
        if total > MAX_NODES:
            raise InvalidInput(f'the {what} is too large once its aliases are expanded (over {MAX_NODES:,} nodes)')
        sizes[id(node)] = total
        return total

    walk(root, '', 0)
    return lines


def check_size(data: Any) -> None:
    """Refuse data that only aliases make huge ("billion laughs") or deeply nested.

    YAML aliases share objects, so the expanded size is counted once per object (memoized)."""
    sizes: dict[int, int] = {}

    def size(value: Any, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise InvalidInput(f'the document is nested deeper than {MAX_DEPTH} levels')
        if not isinstance(value, (dict, list)):
            return 1
        known = sizes.get(id(value))
        if known is not None:
            return known
        items = value.values() if isinstance(value, dict) else value
        total = 1 + sum(size(item, depth + 1) for item in items)
        if total > MAX_NODES:
            raise InvalidInput(f'the document is too large once its aliases are expanded (over {MAX_NODES:,} nodes)')
        sizes[id(value)] = total
        return total

    size(data, 0)
