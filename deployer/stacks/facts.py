"""What the host policy looks up on the engine, read-only."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..engine import Engine
from ..errors import NotFound
from . import spec


class EngineFacts:
    """What the host policy looks up on the engine, read-only: where it keeps its state and
    socket, an existing volume's options, the stack a container belongs to."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._data_root: str | None = None

    def protected_paths(self) -> tuple[str, ...]:
        if self._data_root is None:  # fixed while the engine runs; asked once
            self._data_root = str(self.engine.info().get('DockerRootDir') or '')
        socket = self.engine.socket_path()
        return tuple(p for p in (self._data_root, socket and str(Path(socket).parent)) if p and p != '/')

    def volume(self, name: str) -> dict[str, Any] | None:
        return self.engine.inspect_volume(name)

    def container_project(self, ref: str) -> str | None:
        try:
            raw = self.engine.inspect(ref)
        except NotFound:
            return None
        return ((raw.get('Config') or {}).get('Labels') or {}).get(spec.PROJECT)
