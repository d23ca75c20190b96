"""The template catalog: built-in templates, the user's own and imported Portainer feeds.

    builtin_dir/<id>.yaml            shipped with the app (logos in builtin_dir/logos/)
    user_dir/<id>.yaml               saved by the user (source 'user')
    user_dir/portainer/<id>.yaml     imported from Portainer feeds (source 'portainer')

Files are re-read only when they change. A file that does not validate is listed as
unavailable with the reason instead of breaking the catalog.
"""
from __future__ import annotations

import builtins
import copy
import json
import os
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from ..compose.loader import parse_yaml
from ..errors import Conflict, InvalidInput, NotFound
from ..store import atomic_write
from .files import check_id, dump_template, load_template_file, parse_template
from .model import TEMPLATE_ID, ImportResult, Parameter, Rendered, Source, Template, resolve
from .portainer import import_portainer
from .search import search
from .variables import infer_parameters

PORTAINER_DIR = 'portainer'


MEMO_S = 2.0   # how long a scan of the template folders is reused at most


class Catalog:
    """Lists, searches, renders and stores templates; safe to share between threads."""

    def __init__(self, builtin_dir: Path, user_dir: Path) -> None:
        self.builtin_dir = Path(builtin_dir)
        self.user_dir = Path(user_dir)
        self._lock = threading.Lock()
        self._files: dict[Path, tuple[tuple[int, int], Template]] = {}
        # the last scan, reused while the folders' mtimes stay and for at most MEMO_S (a file edited
        # in place by hand changes no folder); every write of this process drops it
        self._memo: tuple[tuple[tuple[int, frozenset[str]], ...], float, dict[str, Template]] | None = None

    # ---- reading --------------------------------------------------------------------------------
    def list(self, q: str | None = None, category: str | None = None) -> builtins.list[Template]:
        """Templates matching the search words (all of them, anywhere; best matches first) and
        the category (case-insensitive)."""
        templates = list(self._all().values())
        if category:
            templates = [t for t in templates if t.category.lower() == category.strip().lower()]
        return search(templates, q)

    def get(self, template_id: str) -> Template:
        check_id(template_id)
        template = self._all().get(template_id)
        if template is None:
            raise NotFound(f'no template {template_id!r}')
        return template

    def categories(self) -> builtins.list[str]:
        return sorted({t.category for t in self._all().values()}, key=str.lower)

    def render(self, template_id: str, params: Mapping[str, Any] | None = None) -> Rendered:
        """The compose document and its interpolation environment for a deploy.

        Missing values take their default or are generated (``generate``); unknown names,
        missing required values and values of the wrong type raise InvalidInput."""
        template = self.get(template_id)
        if not template.available:
            raise Conflict(f'template {template_id!r} cannot be deployed: {template.unavailable_reason}')
        env, generated = resolve(template, params or {})
        secret = tuple(p.name for p in template.parameters if p.secret)
        return Rendered(template=template.id, compose=copy.deepcopy(dict(template.compose)), env=env, secrets=secret,
                        public_params={k: v for k, v in env.items() if k not in secret}, generated=generated)

    # ---- writing --------------------------------------------------------------------------------
    def save_user_template(self, template_id: str, *, title: str, description: str,
                           compose: str | Mapping[str, Any], parameters: Sequence[Parameter | Mapping[str, Any]] | None = None,
                           category: str = 'Custom', tags: Sequence[str] = (), keywords: Sequence[str] = (),
                           logo: str | None = None, docs: str | None = None,
                           defaults: Mapping[str, Any] | None = None) -> Template:
        """Validate and store a template of the user's own (replacing one of the same id).

        Without ``parameters``, every ``${VAR}`` of the compose document becomes one (named
        as a lowercase identifier, the document rewritten to match), with its default taken
        from ``defaults``; secrets (passwords, tokens, keys) never get a stored default."""
        check_id(template_id)
        builtin = self._scan(self.builtin_dir, 'builtin')
        imported = self._scan(self.user_dir / PORTAINER_DIR, 'portainer')
        if template_id in builtin or template_id in imported:
            where = 'a built-in template' if template_id in builtin else 'an imported template'
            raise Conflict(f'template id {template_id!r} is taken by {where}: choose another')
        document = parse_yaml(compose) if isinstance(compose, str) else _plain(compose)
        if not isinstance(document, dict):
            raise InvalidInput('compose: must be a compose document (a mapping with "services")')
        if parameters is None:
            params, document = infer_parameters(document, defaults or {})
            raw_params = [p.to_dict() | {'secret': p.secret} for p in params]
        else:
            raw_params = [p.to_dict() | {'secret': p.secret} if isinstance(p, Parameter) else dict(p) for p in parameters]
        data = {'id': template_id, 'title': title, 'description': description, 'category': category or 'Custom',
                'tags': list(tags), 'keywords': list(keywords), 'logo': logo, 'docs': docs,
                'parameters': raw_params, 'compose': document}
        template = parse_template(data, source='user', where=f'template {template_id}')
        self._write(self.user_dir / f'{template_id}.yaml', template, dump_template(template))
        return template

    def delete_user_template(self, template_id: str) -> None:
        """Remove a template the user saved or imported; built-in ones cannot be removed."""
        template = self.get(template_id)
        if template.source == 'builtin':
            raise Conflict(f'template {template_id!r} is built in and cannot be removed')
        folder = self.user_dir / PORTAINER_DIR if template.source == 'portainer' else self.user_dir
        (folder / f'{template_id}.yaml').unlink(missing_ok=True)
        self._memo = None

    def import_feed(self, data: bytes | str | Mapping[str, Any] | builtins.list[Any], *, source_name: str,
                    base_dir: Path | None = None) -> ImportResult:
        """Import a Portainer feed and keep it under ``user_dir/portainer/``. Importing a feed
        of the same ``source_name`` again replaces what it imported before."""
        if not isinstance(source_name, str) or not source_name.strip() or len(source_name) > 500:
            raise InvalidInput('source_name: name the feed (its URL or file name), at most 500 characters')
        folder = self.user_dir / PORTAINER_DIR
        previous = [path for path in sorted(folder.glob('*.yaml')) if _feed_of(path) == source_name]
        with self._lock:
            taken = set(self._all_unlocked()) - {p.stem for p in previous}
        templates = [replace(t, source='portainer') for t in import_portainer(data, base_dir=base_dir, taken=taken)]
        for path in previous:
            path.unlink(missing_ok=True)
        self._memo = None
        for template in templates:
            self._write(folder / f'{template.id}.yaml', template, dump_template(template, feed=source_name))
        imported = sum(t.available for t in templates)
        return ImportResult(imported=imported, unavailable=len(templates) - imported, templates=templates)

    # ---- files ----------------------------------------------------------------------------------
    def _write(self, path: Path, template: Template, data: bytes) -> None:
        """Store a validated template and remember it, so that it is not parsed again."""
        atomic_write(path, data, mode=0o644)
        stat = path.stat()
        with self._lock:
            self._files[path] = ((stat.st_mtime_ns, stat.st_size), template)
            self._memo = None

    def _all(self) -> dict[str, Template]:
        with self._lock:
            return self._all_unlocked()

    def _all_unlocked(self) -> dict[str, Template]:
        folders: tuple[tuple[Path, Source], ...] = (
            (self.user_dir / PORTAINER_DIR, 'portainer'), (self.user_dir, 'user'), (self.builtin_dir, 'builtin'))
        key = tuple(_folder_key(folder) for folder, _ in folders)
        now = time.monotonic()
        if self._memo is not None and self._memo[0] == key and now - self._memo[1] < MEMO_S:
            return dict(self._memo[2])
        found: dict[str, Template] = {}
        for folder, source in folders:  # later ones win: a built-in id cannot be shadowed
            found.update(self._scan_unlocked(folder, source))
        self._memo = (key, now, found)
        return dict(found)

    def _scan(self, folder: Path, source: Source) -> dict[str, Template]:
        with self._lock:
            return self._scan_unlocked(folder, source)

    def _scan_unlocked(self, folder: Path, source: Source) -> dict[str, Template]:
        found: dict[str, Template] = {}
        seen: set[Path] = set()
        for path in sorted(folder.glob('*.yaml')) if folder.is_dir() else []:
            if not TEMPLATE_ID.match(path.stem):
                continue
            seen.add(path)
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            key = (stat.st_mtime_ns, stat.st_size)
            cached = self._files.get(path)
            if cached is None or cached[0] != key:
                cached = (key, _load(path, source))
                self._files[path] = cached
            found[cached[1].id] = cached[1]
        for path in [p for p in self._files if p.parent == folder and p not in seen]:
            del self._files[path]
        return found


def _folder_key(folder: Path) -> tuple[int, frozenset[str]]:
    """A folder's mtime and names: a file added or removed changes it even within one mtime tick."""
    try:
        return folder.stat().st_mtime_ns, frozenset(os.listdir(folder))
    except OSError:
        return -1, frozenset()


def _load(path: Path, source: Source) -> Template:
    try:
        return load_template_file(path, source=source)
    except InvalidInput as exc:
        return Template(id=path.stem, title=path.stem, description='', category='Custom', tags=(), keywords=(),
                        logo=None, docs=None, parameters=(), compose={}, source=source, available=False,
                        unavailable_reason=f'the template file does not load: {exc.message}')


def _feed_of(path: Path) -> str | None:
    try:
        data = yaml.load(path.read_text(), Loader=getattr(yaml, 'CSafeLoader', yaml.SafeLoader))
    except (OSError, yaml.YAMLError):
        return None
    return data.get('feed') if isinstance(data, dict) else None


def _plain(value: Any) -> Any:
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError):
        raise InvalidInput('compose: must be JSON-shaped data') from None
