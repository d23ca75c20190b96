"""TinyDB files written atomically (temp file, fsync, rename) behind one lock.

A crash at any moment leaves either the old or the new file, never a torn one.
"""
from __future__ import annotations

import copy
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import Storage


def atomic_write(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f'.{path.name}.', suffix='.tmp')
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, 'wb') as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class AtomicJSONStorage(Storage):
    """TinyDB storage that never leaves a half-written file behind.

    The file is ours alone, so what was last read or written is kept and not parsed again:
    an insert costs one serialization and one atomic write, not a read of the whole file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._data: dict[str, dict[str, Any]] | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._data is None:
            try:
                text = self.path.read_bytes()
            except FileNotFoundError:
                return None
            self._data = json.loads(text) if text.strip() else None
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        try:
            atomic_write(self.path, json.dumps(data, separators=(',', ':')).encode())
        except BaseException:
            self._data = None  # TinyDB may have changed the cached data in place: read it again
            raise
        self._data = data

    def close(self) -> None:
        pass


class Store:
    """The app's small key-value state (preferences, settings) in one TinyDB file.

    This process is the file's only writer, so reads come from a copy kept in memory (a parse
    reads half a dozen preferences: reading the file for each cost ~1 ms); every write goes to the
    file first, atomically, and only then to the copy."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = TinyDB(path, storage=AtomicJSONStorage)
        self._table = self._db.table('state')
        self._values: dict[str, Any] | None = None

    def get(self, key: str, default: Any = None) -> Any:
        with self._lock:
            if self._values is None:
                self._values = {doc['key']: doc['value'] for doc in self._table.all() if 'key' in doc}
            value = self._values.get(key, default)
        return copy.deepcopy(value) if isinstance(value, (dict, list)) else value

    def set(self, key: str, value: Any) -> None:
        with self._lock:
            self._table.upsert({'key': key, 'value': value}, Query().key == key)
            if self._values is not None:
                self._values[key] = copy.deepcopy(value)

    def close(self) -> None:
        with self._lock:
            self._db.close()
