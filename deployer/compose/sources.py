"""The stack's compose files, each read as Compose reads one — parsed, interpolated, cast,
validated — then ``extends`` and ``include`` resolved across them (see :mod:`.merge`)."""
from __future__ import annotations

import posixpath
from collections.abc import Mapping
from typing import Any

from ..errors import InvalidInput
from . import merge, yamlio
from .casts import cast
from .interpolate import interpolate, parse_env_file
from .schema import validate

MAIN_FILE = 'compose.yaml'


class Sources:
    """The stack's compose files, each read as Compose reads one: parsed, interpolated, cast,
    validated; then ``extends`` and ``include`` resolved across them."""

    def __init__(self, files: Mapping[str, str], variables: Mapping[str, str]) -> None:
        self.files = files
        self.variables = variables
        self.unset: dict[str, list[str]] = {}     # path -> variables that had no value there
        self.origin: dict[str, str] = {}          # service -> the included file that defined it
        self.read: set[str] = set()
        self._cache: dict[str, dict[str, Any]] = {}
        self._stack: list[str] = []

    def main(self, data: dict[str, Any]) -> dict[str, Any]:
        document = self._prepare(data, MAIN_FILE, self.variables, '', track=True)
        return merge.strip(self._resolve(document, MAIN_FILE, self.variables))

    def _prepare(self, data: Any, name: str, variables: Mapping[str, str], what: str, *,
                 track: bool = False) -> dict[str, Any]:
        unset: dict[str, list[str]] = {}
        try:
            document = cast(interpolate(data, variables, unset=unset))
        except InvalidInput as exc:
            raise InvalidInput(f'{what}{exc.message}') from None
        for path, names in unset.items():
            self.unset.setdefault(path if track else f'{name}:{path}', names)
        validate(merge.strip(document), what)
        return document

    def text(self, name: str, where: str) -> str:
        if name not in self.files:
            raise InvalidInput(f'{where}: {name!r} is not one of the stack\'s files'
                               + (f' (it has: {", ".join(sorted(self.files))})' if self.files else
                                  ' (send it with the deploy in "files")'))
        self.read.add(name)
        return self.files[name]

    def load(self, name: str, where: str, variables: Mapping[str, str] | None = None) -> dict[str, Any]:
        variables = self.variables if variables is None else variables
        key = name if variables is self.variables else None
        if key is None or key not in self._cache:
            if name in self._stack or len(self._stack) >= merge.MAX_INCLUDE_DEPTH:
                raise InvalidInput(f'{where}: {name} is included or extended in a cycle: '
                                   f'{" -> ".join([*self._stack, name])}')
            data = yamlio.parse(self.text(name, where), name).data
            if not isinstance(data, dict):
                raise InvalidInput(f'{name}: a compose file must be a mapping')
            self._stack.append(name)
            try:
                document = self._resolve(self._prepare(data, name, variables, f'{name}: '), name, variables)
            finally:
                self._stack.pop()
            if key is None:
                return document
            self._cache[key] = document
        return self._cache[key]

    def _resolve(self, document: dict[str, Any], name: str, variables: Mapping[str, str]) -> dict[str, Any]:
        document = merge.apply_extends(document, name=name, load=lambda n, w: self.load(n, w, variables))
        return merge.apply_include(document, name=name, load_included=self._included)

    def _included(self, paths: list[str], directory: str | None, env_files: list[str], where: str) -> dict[str, Any]:
        defaults: dict[str, str] = {}
        folder = directory if directory is not None else posixpath.dirname(paths[0])
        for env_name in env_files or ([f'{folder}/.env'] if folder and f'{folder}/.env' in self.files else []):
            defaults.update(parse_env_file(self.text(env_name, f'{where}.env_file'), env_name, lookup=self.variables))
        variables = {**defaults, **self.variables}
        merged: dict[str, Any] = {}
        for path in paths:
            merged = merge.merge_documents(merged, self.load(path, where, variables)) if merged else \
                self.load(path, where, variables)
        for service in merged.get('services') or {}:
            self.origin.setdefault(service, paths[0])
        return merge.rebase_document(merged, '' if folder in ('', '.') else folder)

    def warnings(self) -> list[str]:
        names = sorted({n for names in self.unset.values() for n in names})
        return [f'variable {n} is not set: an empty string is used' for n in names]
