"""Secrets: what counts as one, and the one place they are masked.

A secret is a value kept in a stack's secrets file (``secrets/<stack>.yaml``: generated
template passwords, secret template parameters, values sent as ``secrets`` or under a
secret-looking env name, and literals lifted out of a compose document), or the value of a
container's environment variable whose name looks secret. Generated values are shown once,
by whoever deployed them; after that every answer goes through :class:`Secrets`:

    secrets = Secrets(data_dir / 'secrets')     # reads every stack's secrets file
    secrets.mask('redis-server --requirepass s3cr3tValue')   -> 'redis-server --requirepass ••••••'
    secrets.summary(container)                  # labels masked (the same object when none hold one)
    with secrets.pending('blog', values): ...   # known before the deploy creates containers
    secrets.scrub('run redis with REDIS_PASSWORD=hunter2')   -> '… REDIS_PASSWORD=••••••'

Masking is by value: every occurrence of a known value of at least ``MIN_LENGTH``
characters, wherever it appears (a command, a label, a compose document, a history record).
:meth:`Secrets.scrub` also masks what looks like a password typed into free text
(``KEY=value`` with a secret-looking key, ``password s3cret``, ``--requirepass s3cret``).
"""
from __future__ import annotations

import dataclasses
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from .history import Record
from .models import ContainerDetail, ContainerEvent, ContainerSummary, StackDetail, StackService
from .stacks.converge import Progress
from .text import one_line

MASK = '••••••'
MIN_LENGTH = 4          # shorter values would mask ordinary words; they are still kept out of git and history
SECRET_NAME = re.compile(r'PASS|SECRET|TOKEN|KEY|PRIVATE|CREDENTIAL|AUTH', re.IGNORECASE)
FLAGS = frozenset({'', 'true', 'false', 'yes', 'no', 'on', 'off', '0', '1', 'none', 'null'})
_ASSIGNED = re.compile(r'''(?P<name>[A-Za-z_][A-Za-z0-9_.-]*)(?P<sep>\s*[=:]\s*)(?P<value>"[^"]*"|'[^']*'|[^\s,;]+)''')
_FLAG = re.compile(r'''(?<![\w-])(?P<name>--?[A-Za-z0-9-]*(?:pass|secret|token|key|auth)[A-Za-z0-9-]*)(?P<sep>=|\s+)'''
                   r'''(?P<value>"[^"]*"|'[^']*'|[^\s,;]+)''', re.IGNORECASE)
_PHRASE = re.compile(r'''\b(?P<name>passwords?|passwd|passphrase|pass|pwd|secret|token|api[ _-]?key)'''
                     r'''(?P<sep>\s+(?:is|to|as|of)\s+|\s+)(?P<value>"[^"]*"|'[^']*'|[^\s,;]+)''', re.IGNORECASE)
_URL = re.compile(r'(?P<name>\b[a-z][a-z0-9+.-]*://[^:/\s@]+)(?P<sep>:)(?P<value>[^@\s/]+)(?=@)', re.IGNORECASE)
_NOT_A_VALUE = frozenset({'and', 'or', 'with', 'for', 'the', 'a', 'an', 'on', 'in', 'at', 'to', 'of', 'from',
                          'then', 'please', 'but', 'generated', 'random', 'new', 'that', 'which', 'it', 'is',
                          'field', 'parameter', 'must', 'was', 'will', 'be', 'required', 'missing', 'empty',
                          'not', 'set', 'blank', MASK})

log = logging.getLogger(__name__)


def looks_secret(name: str) -> bool:
    """Does a variable's name say it holds a secret? (``*_FILE`` names hold a path to one.)"""
    return bool(SECRET_NAME.search(name)) and not name.upper().endswith('_FILE')


def secret_env(env: Iterable[str]) -> dict[str, str]:
    """The ``KEY=value`` items of a container's environment whose names look secret."""
    found = {}
    for item in env:
        key, sep, value = str(item).partition('=')
        if sep and looks_secret(key) and value.strip().lower() not in FLAGS:
            found[key] = value
    return found


class Secrets:
    """The known secret values; thread-safe (lookups read one immutable snapshot)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._stacks: dict[str, frozenset[str]] = {}
        self._pending: dict[object, frozenset[str]] = {}
        self._groups: dict[str, frozenset[str]] = {}   # values kept elsewhere (registry logins)
        self._extras: dict[str, tuple[str, ...]] = {}   # container id -> its own secret env values
        self._known: tuple[re.Pattern[str] | None, int] = (None, 0)   # the pattern and its version, swapped as one
        self._memo: dict[int, tuple[dict[str, str], int, tuple[str, ...], dict[str, str]]] = {}
        self.reload()

    # ---- what is known ----------------------------------------------------------------------
    def reload(self) -> None:
        """Read every stack's secrets file again (after a deploy, a removal)."""
        stacks: dict[str, frozenset[str]] = {}
        files = [*self.folder.glob('*.yaml'), *self.folder.glob('engines/*/stacks/*.yaml')] if self.folder.is_dir() else []
        for path in sorted(files):
            try:
                data = yaml.safe_load(path.read_text()) or {}
            except (OSError, yaml.YAMLError) as exc:
                log.warning('secrets file %s unreadable: %s', path.name, type(exc).__name__)
                continue
            if isinstance(data, dict):
                stacks[path.stem] = frozenset(str(v) for v in data.values() if v is not None)
        with self._lock:
            self._stacks = stacks
            self._rebuild()

    def set_group(self, name: str, values: Iterable[str]) -> None:
        """Mask ``values`` too, from now on, in place of what ``name`` said before."""
        with self._lock:
            self._groups[name] = frozenset(str(v) for v in values)
            self._rebuild()

    @contextmanager
    def pending(self, values: Iterable[str]) -> Iterator[None]:
        """Treat ``values`` as known while the block runs (a deploy: its containers' events
        are published before the stack's secrets file is written); then read the files again."""
        token = object()
        with self._lock:
            self._pending[token] = frozenset(str(v) for v in values)
            self._rebuild()
        try:
            yield
        finally:
            with self._lock:
                del self._pending[token]
            self.reload()

    def learn(self, raw: Mapping[str, Any]) -> tuple[str, ...]:
        """Remember a container's own secret env values (from its inspect data); returns them."""
        env = ((raw.get('Config') or {}).get('Env')) or []
        values = tuple(sorted({v for v in secret_env(env).values() if len(v) >= MIN_LENGTH}, key=len, reverse=True))
        cid = raw.get('Id')
        if cid:
            if values:
                self._extras[cid] = values
            else:
                self._extras.pop(cid, None)
        return values

    def forget(self, container_id: str) -> None:
        self._extras.pop(container_id, None)

    def _rebuild(self) -> None:
        values = {v for group in (*self._stacks.values(), *self._pending.values(), *self._groups.values()) for v in group
                  if len(v) >= MIN_LENGTH}
        self._known = (_trie_pattern(values) if values else None, self._known[1] + 1)
        self._memo = {}

    # ---- masking text ---------------------------------------------------------------------------
    def mask(self, text: str, extra: Iterable[str] = ()) -> str:
        """``text`` with every known value (and each of ``extra``) replaced by the mask."""
        if not text:
            return text
        pattern = self._known[0]
        if pattern is not None and pattern.search(text):
            text = pattern.sub(MASK, text)
        for value in extra:
            if len(value) >= MIN_LENGTH and value in text:
                text = text.replace(value, MASK)
        return text

    def scrub(self, text: str, extra: Iterable[str] = ()) -> str:
        """Free text someone typed (a command, a reason): known values masked, and what looks
        like a password given in it — ``DB_PASSWORD=x``, ``--requirepass x``, ``password x``."""
        if not text:
            return text
        text = _ASSIGNED.sub(lambda m: _hide(m) if looks_secret(m.group('name')) else m.group(), text)
        text = _FLAG.sub(_hide, text)
        text = _PHRASE.sub(_hide, text)
        text = _URL.sub(_hide, text)
        return self.mask(text, extra)

    def scrub_value(self, value: Any, extra: Iterable[str] = ()) -> Any:
        """A history record's params: strings scrubbed, values under secret-looking keys masked."""
        extra = tuple(extra)
        if isinstance(value, str):
            return self.scrub(value, extra)
        if isinstance(value, dict):
            return {k: (MASK if isinstance(v, str) and v and looks_secret(str(k)) and v != MASK
                        else self.scrub_value(v, extra)) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.scrub_value(v, extra) for v in value]
        return value

    def _deep(self, value: Any, extra: tuple[str, ...] = ()) -> Any:
        if isinstance(value, str):
            return self.mask(value, extra)
        if isinstance(value, dict):
            return {k: self._deep(v, extra) for k, v in value.items()}
        if isinstance(value, list):
            return [self._deep(v, extra) for v in value]
        return value

    # ---- masking models -------------------------------------------------------------------------
    def labels(self, labels: dict[str, str], extra: tuple[str, ...] = ()) -> dict[str, str]:
        """The same dict when no value holds a secret, else a masked copy.

        The container list answers from the watcher's cache, whose summaries keep their labels
        dict until the container changes: the answer is remembered per dict (and per set of
        known values), so a list of 200 containers costs 200 look-ups, not 200 searches
        (a search over a container's labels: ~10 µs with 120 known values)."""
        pattern, version = self._known
        if not labels or (pattern is None and not extra):
            return labels
        memo = self._memo.get(id(labels))
        if memo is not None and memo[0] is labels and memo[1] == version and memo[2] == extra:
            return memo[3]
        joined = '\n'.join(labels.values())
        masked = labels
        if (pattern is not None and pattern.search(joined)) or any(v in joined for v in extra):
            masked = {k: self.mask(v, extra) for k, v in labels.items()}
        if len(self._memo) > 20_000:
            self._memo = {}
        self._memo[id(labels)] = (labels, version, extra, masked)
        return masked

    def summary(self, c: ContainerSummary) -> ContainerSummary:
        labels = self.labels(c.labels, self._extras.get(c.id, ()))
        return c if labels is c.labels else dataclasses.replace(c, labels=labels)

    def detail(self, c: ContainerDetail) -> ContainerDetail:
        extra = self._extras.get(c.id, ())
        return dataclasses.replace(c, labels=self.labels(c.labels, extra),
                                   command=[self.mask(a, extra) for a in c.command],
                                   entrypoint=[self.mask(a, extra) for a in c.entrypoint])

    def stack(self, s: StackDetail) -> StackDetail:
        services = [StackService(name=x.name, image=x.image, replicas=x.replicas, running=x.running,
                                 containers=[self.summary(c) for c in x.containers]) for x in s.service_list]
        return dataclasses.replace(s, compose=self.mask(s.compose) if s.compose else s.compose,
                                   params={k: self.mask(v) for k, v in s.params.items()}, service_list=services)

    def record(self, r: Record) -> Record:
        """A history record as shown (records are scrubbed when written; this catches values
        that became known later)."""
        if self._known[0] is None:
            return r
        return dataclasses.replace(r, target=self.mask(r.target), reason=self.mask(r.reason), params=self._deep(r.params),
                                   result=self.mask(r.result), error=self.mask(r.error) if r.error else r.error)

    def event(self, event: Any) -> Any:
        """Whatever goes on the event bus, as subscribers (pages, ``GET /events``) may see it."""
        if isinstance(event, ContainerEvent):
            if event.container is None:
                return event
            masked = self.summary(event.container)
            return event if masked is event.container else dataclasses.replace(event, container=masked)
        if isinstance(event, Record):
            return self.record(event)
        if isinstance(event, Progress) and self._known[0] is not None:
            return dataclasses.replace(event, message=self.mask(event.message),
                                       health=self.mask(event.health) if event.health else event.health,
                                       logs=[self.mask(line) for line in event.logs] if event.logs else event.logs)
        return event


def _trie_pattern(values: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of ``values``, built as a trie (``ab(?:c|d)``): the engine tries
    only the branches that start with the character at hand. A plain alternation of 120
    random tokens takes 25 µs to search 600 characters, the trie 10 µs. The longest value
    wins where one is a prefix of another."""
    trie: dict[str, Any] = {}
    for value in values:
        node = trie
        for char in value:
            node = node.setdefault(char, {})
        node[''] = {}

    def build(node: dict[str, Any]) -> str:
        branches = []
        for char, child in sorted(node.items()):
            if not char:
                continue
            chain = [char]
            while len(child) == 1 and '' not in child:  # a run without branches: one literal (no deep recursion)
                [(char, child)] = child.items()
                chain.append(char)
            branches.append(re.escape(''.join(chain)) + build(child))
        if not branches:
            return ''
        body = branches[0] if len(branches) == 1 else '(?:' + '|'.join(branches) + ')'
        return f'(?:{body})?' if '' in node else body

    return re.compile(build(trie))


def _hide(match: re.Match[str]) -> str:
    value = match.group('value')
    if value.strip('"\'').lower() in _NOT_A_VALUE or value == MASK:
        return match.group()
    return f'{match.group("name")}{match.group("sep")}{MASK}'


# ---- literals in compose documents ---------------------------------------------------------------

def lift_literals(document: Mapping[str, Any], taken: Iterable[str] = ()) -> tuple[dict[str, Any], dict[str, str]]:
    """Literal values under secret-looking ``environment`` keys, moved out of a compose
    document: each becomes a ``${VAR}`` reference (also where the same literal appears in
    other plain strings of the document) and is returned as ``{VAR: value}`` for the stack's
    secrets file. Interpolation gives the containers exactly the same values. Flags
    (``true``, ``yes``, ``1`` …), ``*_FILE`` names and values with ``$`` are left alone."""
    services = document.get('services')
    if not isinstance(services, Mapping):
        return dict(document), {}
    used = {str(t) for t in taken}
    by_value: dict[str, str] = {}        # literal -> VAR
    lifted: dict[str, str] = {}
    new_services: dict[str, Any] = {}
    for service_name, service in services.items():
        if not isinstance(service, Mapping) or 'environment' not in service:
            new_services[service_name] = service
            continue

        def lift(key: str, value: Any, service_name: str = str(service_name)) -> Any:
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                return value
            text = str(value)
            if not looks_secret(key) or text.strip().lower() in FLAGS or '$' in text:
                return value
            if text not in by_value:
                var = re.sub(r'[^A-Z0-9_]+', '_', f'{service_name}_{key}'.upper()).strip('_') or 'SECRET'
                var = var if var[0].isalpha() else f'S_{var}'
                while var in used:
                    var += '_'
                used.add(var)
                by_value[text] = var
                lifted[var] = text
            return '${' + by_value[text] + '}'

        environment = service['environment']
        if isinstance(environment, Mapping):
            environment = {k: lift(str(k), v) for k, v in environment.items()}
        elif isinstance(environment, list):
            environment = [f'{k}={lift(k, v)}' if sep and isinstance(item, str) else item
                           for item in environment for k, sep, v in [str(item).partition('=')]]
        new_services[service_name] = {**service, 'environment': environment}
    if not lifted:
        return dict(document), {}
    long_values = sorted((v for v in by_value if len(v) >= 6), key=len, reverse=True)

    def replace(value: Any) -> Any:
        if isinstance(value, str):
            if '$' in value:  # references and escapes: left exactly as written
                return value
            for literal in long_values:
                value = value.replace(literal, '${' + by_value[literal] + '}')
            return value
        if isinstance(value, Mapping):
            return {k: replace(v) for k, v in value.items()}
        if isinstance(value, list):
            return [replace(v) for v in value]
        return value

    rewritten = replace({**document, 'services': new_services}) if long_values else {**document, 'services': new_services}
    return rewritten, lifted


# ---- logs -----------------------------------------------------------------------------------------

def guard_logging(secrets: Secrets) -> None:
    """Every log record of the process: string arguments one-lined, known secrets masked
    (message, arguments and a traceback's text)."""
    previous: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            if isinstance(record.msg, str):
                record.msg = secrets.mask(record.msg)
            if isinstance(record.args, tuple):
                record.args = tuple(secrets.mask(one_line(a, 2000)) if isinstance(a, str) else a for a in record.args)
            if record.exc_info and record.exc_info[1] is not None:
                record.exc_text = secrets.mask(logging.Formatter().formatException(record.exc_info))
        except Exception:  # logging must never fail because of the guard
            pass
        return record

    logging.setLogRecordFactory(factory)
