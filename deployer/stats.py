"""Background resource figures: one open stats stream per running container.

A single engine stats call takes 1-2 s (the engine samples once a second), so the figures
are read continuously in threads and ``latest()`` answers at once.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from .engine import Engine
from .errors import DeployerError
from .models import ContainerStats

log = logging.getLogger(__name__)


def compute(sample: dict[str, Any]) -> ContainerStats | None:
    cpu, pre = sample.get('cpu_stats') or {}, sample.get('precpu_stats') or {}
    memory = sample.get('memory_stats') or {}
    try:
        cpu_delta = cpu['cpu_usage']['total_usage'] - pre['cpu_usage']['total_usage']
        system_delta = cpu['system_cpu_usage'] - pre['system_cpu_usage']
    except (KeyError, TypeError):
        return None  # the first sample has no previous one to compare with
    cpus = cpu.get('online_cpus') or len(cpu['cpu_usage'].get('percpu_usage') or []) or 1
    cpu_percent = cpu_delta / system_delta * cpus * 100.0 if system_delta > 0 and cpu_delta >= 0 else 0.0
    details = memory.get('stats') or {}
    cache = details.get('inactive_file', details.get('total_inactive_file', details.get('cache', 0)))
    usage = max(int(memory.get('usage', 0)) - int(cache or 0), 0)
    limit = int(memory.get('limit', 0))
    return ContainerStats(cpu_percent=round(cpu_percent, 2), memory_usage=usage, memory_limit=limit,
                          memory_percent=round(usage / limit * 100.0, 2) if limit else 0.0, read_at=time.time())


class StatsCollector:
    def __init__(self, engine: Engine, *, on_sample: Callable[[str, ContainerStats], None] | None = None) -> None:
        self.engine = engine
        self.on_sample = on_sample
        self._latest: dict[str, ContainerStats] = {}
        self._streams: dict[str, Callable[[], None] | None] = {}
        self._lock = threading.Lock()
        self._closed = False

    def track(self, running: set[str]) -> None:
        """Follow exactly these containers: open streams for new ones, close the others."""
        with self._lock:
            if self._closed:
                return
            gone = [cid for cid in self._streams if cid not in running]
            new = [cid for cid in running if cid not in self._streams]
            closers = [self._streams.pop(cid) for cid in gone]
            for cid in gone:
                self._latest.pop(cid, None)
            for cid in new:
                self._streams[cid] = None
        for close in closers:
            if close:
                close()
        for cid in new:
            threading.Thread(target=self._follow, args=(cid,), name=f'stats-{cid[:12]}', daemon=True).start()

    def latest(self) -> dict[str, ContainerStats]:
        with self._lock:
            return dict(self._latest)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            closers = list(self._streams.values())
            self._streams.clear()
        for close in closers:
            if close:
                close()

    def _follow(self, cid: str) -> None:
        try:
            stream, close = self.engine.stats(cid)
        except DeployerError:
            with self._lock:
                self._streams.pop(cid, None)
            return
        with self._lock:
            if cid not in self._streams:  # stopped tracking while we connected
                close()
                return
            self._streams[cid] = close
        for sample in stream:
            figures = compute(sample)
            if figures is None:
                continue
            with self._lock:
                if cid not in self._streams:
                    break
                self._latest[cid] = figures
            if self.on_sample:
                self.on_sample(cid, figures)
        close()
        with self._lock:
            if self._streams.get(cid) is close:
                self._streams.pop(cid, None)
                self._latest.pop(cid, None)
