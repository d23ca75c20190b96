"""The operation history (audit log): one record per operation, in TinyDB, fast at 100,000.

TinyDB rewrites its whole file on every write, so records live in segments of
``SEGMENT_SIZE``: only the small newest segment is rewritten by an append (atomically, with
fsync: an acknowledged record survives a crash). A sealed segment also gets an index file of
the fields filters use, so queries scan a compact in-memory index and read whole records only
for the page they return.

    history/seg-000001.json           TinyDB file, records 1..250 (sealed): the record of truth
    history/seg-000001.records.jsonl  the same records, one JSON line each (a read copy)
    history/seg-000001.index.json     [[id, time, stack, action, source, ok, offset, length], ...]
    history/seg-000002.json           the newest segment, appended to
"""
from __future__ import annotations

import bisect
import json
import re
import threading
import time
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from .errors import InvalidInput, NotFound
from .store import AtomicJSONStorage, atomic_write

SEGMENT_SIZE = 250
CACHED_SEGMENTS = 8
_SEGMENT = re.compile(r'^seg-(\d{6})\.json$')
SOURCES = ('ui', 'rest', 'nl', 'system')


@dataclass(frozen=True)
class Record:
    id: int
    time: float
    source: str                  # ui | rest | nl | system
    actor: str                   # who: a session, a token, the scheduler …
    action: str                  # deploy, redeploy, rollback, remove, scale, start …, template.import …
    target: str                  # what: a stack, a container, a template
    stack: str | None = None
    reason: str = ''             # the command or API call that asked
    params: dict[str, Any] = field(default_factory=dict)   # never secrets
    ok: bool = True
    result: str = ''
    error: str | None = None
    duration_ms: float = 0.0
    revision: str | None = None  # the config commit this operation made, if any
    evidence: dict[str, Any] = field(default_factory=dict)   # a failed deploy: the failing service's state,
    #                              health check outputs and last log lines (scrubbed), read before the rollback

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Page:
    records: list[Record]
    next_cursor: int | None      # pass as ``cursor`` for the next (older) page


class History:
    """Thread-safe; one writer at a time (appends are serialized behind one lock)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._lock = threading.RLock()
        self._index: list[tuple[int, float, str | None, str, str, bool]] | None = None
        self._by: dict[tuple[int, Any], list[int]] = {}   # (column, value) -> ids, ascending
        self._offsets: dict[int, tuple[int, int]] = {}     # id -> (offset, length) in its sealed segment
        self._cache: OrderedDict[int, dict[int, dict[str, Any]]] = OrderedDict()
        self._active: TinyDB | None = None
        self._active_number = 0
        self._active_count = 0

    # ---- writing ----------------------------------------------------------------------------
    def append(self, *, source: str, actor: str, action: str, target: str, stack: str | None = None,
               reason: str = '', params: dict[str, Any] | None = None, ok: bool = True, result: str = '',
               error: str | None = None, duration_ms: float = 0.0, revision: str | None = None,
               at: float | None = None, evidence: dict[str, Any] | None = None) -> Record:
        if source not in SOURCES:
            raise InvalidInput(f'source must be one of {", ".join(SOURCES)}')
        with self._lock:
            index = self._load_index()
            record = Record(id=(index[-1][0] + 1) if index else 1, time=time.time() if at is None else at,
                            source=source, actor=actor, action=action, target=target, stack=stack, reason=reason[:2000],
                            params=dict(params or {}), ok=ok, result=result[:2000], error=(error or None) and error[:2000],
                            duration_ms=round(duration_ms, 3), revision=revision, evidence=dict(evidence or {}))
            if self._active is None or self._active_count >= SEGMENT_SIZE:
                self._seal_and_open()
            assert self._active is not None
            self._active.insert(record.to_dict())  # atomic rewrite of the small active segment
            self._active_count += 1
            row = (record.id, record.time, record.stack, record.action, record.source, record.ok)
            index.append(row)
            self._add_to_indexes(row)
            self._cache.pop(self._active_number, None)
            return record

    def _seal_and_open(self) -> None:
        if self._active is not None:
            self._seal(self._active_number, self._read_segment(self._active_number))
            self._active.close()
            self._active_number += 1
        else:
            self._active_number = self._newest_number() or 1
        self._active = TinyDB(self._path(self._active_number), storage=AtomicJSONStorage)
        self._active_count = len(self._active)
        if self._active_count >= SEGMENT_SIZE:  # a full segment left by a crash before sealing
            self._seal_and_open()

    # ---- reading ----------------------------------------------------------------------------
    def get(self, record_id: int) -> Record:
        with self._lock:
            index = self._load_index()
            if not index or not 1 <= record_id <= index[-1][0]:
                raise NotFound(f'no history record {record_id}')
            try:
                data = self._record(record_id)
            except KeyError:
                raise NotFound(f'no history record {record_id}') from None
        return Record(**data)

    def query(self, *, stack: str | None = None, action: str | None = None, source: str | None = None,
              ok: bool | None = None, since: float | None = None, until: float | None = None,
              cursor: int | None = None, limit: int = 50) -> Page:
        """Newest first; ``cursor`` is the id to continue below (from ``next_cursor``)."""
        if not 1 <= limit <= 500:
            raise InvalidInput('limit must be between 1 and 500')
        with self._lock:
            index = self._load_index()
            first = index[0][0] if index else 1
            # walk the shortest list of candidate ids that the filters allow
            lists = [self._by.get((column, value), []) for column, value in ((2, stack), (3, action), (4, source), (5, ok))
                     if value is not None]
            candidates: list[int] = min(lists, key=len) if lists else [row[0] for row in index]
            position = len(candidates) if cursor is None else _bisect(candidates, cursor)
            chosen: list[int] = []
            more = False
            for rid in reversed(candidates[:position]):
                _, when, row_stack, row_action, row_source, row_ok = index[rid - first]
                if ((since is not None and when < since) or (until is not None and when > until)
                        or (stack is not None and row_stack != stack) or (action is not None and row_action != action)
                        or (source is not None and row_source != source) or (ok is not None and row_ok != ok)):
                    continue
                if len(chosen) == limit:
                    more = True
                    break
                chosen.append(rid)
            records = [Record(**self._record(rid)) for rid in chosen]
        return Page(records=records, next_cursor=chosen[-1] if more and chosen else None)

    def count(self) -> int:
        with self._lock:
            return len(self._load_index())

    def close(self) -> None:
        with self._lock:
            if self._active is not None:
                self._active.close()
                self._active = None

    # ---- segments and the index ----------------------------------------------------------
    @staticmethod
    def _segment_of(record_id: int) -> int:
        return (record_id - 1) // SEGMENT_SIZE + 1

    def _path(self, number: int) -> Path:
        return self.folder / f'seg-{number:06d}.json'

    def _index_path(self, number: int) -> Path:
        return self.folder / f'seg-{number:06d}.index.json'

    def _lines_path(self, number: int) -> Path:
        return self.folder / f'seg-{number:06d}.records.jsonl'

    def _numbers(self) -> list[int]:
        return sorted(int(m.group(1)) for p in self.folder.iterdir() if (m := _SEGMENT.match(p.name)))

    def _newest_number(self) -> int:
        numbers = self._numbers()
        return numbers[-1] if numbers else 0

    def _load_index(self) -> list[tuple[int, float, str | None, str, str, bool]]:
        if self._index is not None:
            return self._index
        rows: list[tuple[int, float, str | None, str, str, bool]] = []
        numbers = self._numbers()
        self._offsets = {}
        for number in numbers:
            index_path = self._index_path(number)
            if number != numbers[-1] and not (index_path.exists() and self._lines_path(number).exists()):
                self._seal(number, self._read_segment(number))  # sealed, but a crash lost its read copy
            if number != numbers[-1]:
                for row in json.loads(index_path.read_text()):
                    rows.append((row[0], row[1], row[2], row[3], row[4], row[5]))
                    self._offsets[row[0]] = (row[6], row[7])
                continue
            for data in sorted(self._read_segment(number).values(), key=lambda r: r['id']):
                rows.append((data['id'], data['time'], data.get('stack'), data['action'], data['source'], data['ok']))
        self._index = rows
        self._by = {}
        for row in rows:
            self._add_to_indexes(row)
        if numbers:
            self._active_number = numbers[-1]
            self._active = TinyDB(self._path(self._active_number), storage=AtomicJSONStorage)
            self._active_count = len(self._active)
        return rows

    def _seal(self, number: int, records: dict[int, dict[str, Any]]) -> None:
        """Write a sealed segment's read copy (one JSON line per record) and its index rows
        with each line's offset, so reading a record later is one seek and one small parse."""
        lines, rows, offset = [], [], 0
        for rid in sorted(records):
            data = records[rid]
            line = json.dumps(data, separators=(',', ':')).encode() + b'\n'
            rows.append([rid, data['time'], data.get('stack'), data['action'], data['source'], data['ok'], offset, len(line)])
            lines.append(line)
            offset += len(line)
        atomic_write(self._lines_path(number), b''.join(lines), mode=0o600)
        atomic_write(self._index_path(number), json.dumps(rows).encode(), mode=0o600)  # written last: marks it sealed
        for row in rows:
            self._offsets[row[0]] = (row[6], row[7])

    def _record(self, rid: int) -> dict[str, Any]:
        number = self._segment_of(rid)
        located = self._offsets.get(rid)
        if located is None or number == self._active_number:
            return self._segment(number)[rid]
        with open(self._lines_path(number), 'rb') as handle:
            handle.seek(located[0])
            return json.loads(handle.read(located[1]))

    def _add_to_indexes(self, row: tuple[int, float, str | None, str, str, bool]) -> None:
        for column in (2, 3, 4, 5):
            self._by.setdefault((column, row[column]), []).append(row[0])

    def _read_segment(self, number: int) -> dict[int, dict[str, Any]]:
        path = self._path(number)
        try:
            raw = json.loads(path.read_text() or '{}')
        except FileNotFoundError:
            return {}
        return {doc['id']: doc for doc in (raw.get('_default') or {}).values()}

    def _segment(self, number: int) -> dict[int, dict[str, Any]]:
        cached = self._cache.get(number)
        if cached is None:
            cached = self._read_segment(number)
            self._cache[number] = cached
            while len(self._cache) > CACHED_SEGMENTS:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(number)
        return cached


def _bisect(ids: list[int], cursor: int) -> int:
    """How many of the ascending ``ids`` are below ``cursor``."""
    return bisect.bisect_left(ids, cursor)
