"""Background resource figures for every running container, read by one poller.

Every ``interval`` seconds a small pool reads a one-shot stats sample of each running
container (``stream=0&one-shot=1``: the engine answers at once instead of sampling for a
second) and CPU % comes from the previous sample. One thread and a pool of four, not an
open stream and a thread per container: with 100 containers, 100 threads contending for
the interpreter lock made every request of the app slower (bench/load.py).
"""
from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
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
    def __init__(self, engine: Engine, *, on_sample: Callable[[str, ContainerStats], None] | None = None,
                 interval: float = 2.0, workers: int = 4) -> None:
        self.engine = engine
        self.on_sample = on_sample
        self.interval = interval
        self.workers = workers
        self._latest: dict[str, ContainerStats] = {}
        self._previous: dict[str, dict[str, Any]] = {}
        self._tracked: set[str] = set()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._closed = False
        self._thread: threading.Thread | None = None

    def track(self, running: set[str]) -> None:
        """Sample exactly these containers from now on (new ones at once)."""
        with self._lock:
            if self._closed:
                return
            new = bool(running - self._tracked)
            self._tracked = set(running)
            for cid in [c for c in self._latest if c not in running]:
                self._latest.pop(cid, None)
            for cid in [c for c in self._previous if c not in running]:
                self._previous.pop(cid, None)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name='stats', daemon=True)
                self._thread.start()
        if new:
            self._wake.set()

    def latest(self) -> dict[str, ContainerStats]:
        with self._lock:
            return dict(self._latest)

    def close(self) -> None:
        with self._lock:
            self._closed = True
        self._wake.set()

    def _run(self) -> None:
        with ThreadPoolExecutor(self.workers, thread_name_prefix='stats-read') as pool:
            while True:
                with self._lock:
                    if self._closed:
                        return
                    tracked = list(self._tracked)
                started = time.monotonic()
                try:
                    for cid, sample in zip(tracked, pool.map(self._read, tracked), strict=True):
                        if sample is not None:
                            self._take(cid, sample)
                except Exception:  # never let the only poller die
                    log.exception('reading container stats failed')
                self._wake.wait(max(self.interval - (time.monotonic() - started), 0.05))
                self._wake.clear()

    def _read(self, cid: str) -> dict[str, Any] | None:
        try:
            return self.engine.get_json(f'/containers/{cid}/stats', {'stream': 0, 'one-shot': 1})
        except DeployerError:  # stopped or removed meanwhile, or the engine is gone: next round
            return None

    def _take(self, cid: str, sample: dict[str, Any]) -> None:
        with self._lock:
            if cid not in self._tracked:
                return
            previous = self._previous.get(cid)
            self._previous[cid] = sample
        if previous is None:
            return  # the first sample has no previous one to compare with
        figures = compute({**sample, 'precpu_stats': previous.get('cpu_stats') or {}})
        if figures is None:
            return
        with self._lock:
            if cid not in self._tracked:
                return
            self._latest[cid] = figures
        if self.on_sample:
            self.on_sample(cid, figures)


def host_figures(path: Path) -> dict[str, Any]:
    memory: dict[str, int] = {}
    try:
        with open('/proc/meminfo') as handle:
            for line in handle:
                key, _, rest = line.partition(':')
                if key in ('MemTotal', 'MemAvailable'):
                    memory[key] = int(rest.split()[0]) * 1024
    except OSError:
        pass
    disk = shutil.disk_usage(path)
    total, available = memory.get('MemTotal', 0), memory.get('MemAvailable', 0)
    return {
        'cpus': os.cpu_count(), 'load': list(os.getloadavg()),
        'memory': {'total': total, 'available': available, 'used': total - available},
        'disk': {'path': str(path), 'total': disk.total, 'used': disk.used, 'free': disk.free},
    }
