"""Background resource figures for every running container, read by one poller.

Every ``interval`` seconds a pool reads a one-shot stats sample of each running container
(``stream=0&one-shot=1``) and CPU % comes from the previous sample. Not an open stream and a
thread per container: with 100 containers, 100 threads parsing streams contended for the
interpreter lock and made every request of the app slower (bench/load.py). The pool's threads
only wait on the engine, which takes ~0.7 s to answer one sample on Debian's 20.10: a pool of
four read 300 containers once in ~50 s (bench/scale.py found no figures after a minute), so it
grows with the containers, up to 64 threads, and a round of 300 takes ~3 s.
"""
from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from array import array
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
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


def io_counters(sample: dict[str, Any]) -> tuple[int, int, int, int]:
    """Cumulative network received/sent and block read/written bytes of one sample."""
    rx = tx = 0
    for network in (sample.get('networks') or {}).values():
        rx += int(network.get('rx_bytes') or 0)
        tx += int(network.get('tx_bytes') or 0)
    read = written = 0
    for entry in ((sample.get('blkio_stats') or {}).get('io_service_bytes_recursive') or []):
        op = str(entry.get('op', '')).lower()
        if op == 'read':
            read += int(entry.get('value') or 0)
        elif op == 'write':
            written += int(entry.get('value') or 0)
    return rx, tx, read, written


SERIES = ('cpu', 'memory', 'net_rx', 'net_tx', 'block_read', 'block_write')   # %, bytes, bytes/s …


class Ring:
    """The last ``size`` samples of one container in compact arrays (float32 figures, float64
    times): 6 × 4 + 8 = 32 bytes a sample, ~58 KB for an hour at one sample every 2 s."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.times = array('d', bytes(8 * size))
        self.values = {name: array('f', bytes(4 * size)) for name in SERIES}
        self.count = 0          # samples written so far (the next slot is count % size)

    def add(self, when: float, figures: dict[str, float]) -> None:
        slot = self.count % self.size
        self.times[slot] = when
        for name in SERIES:
            self.values[name][slot] = figures.get(name, 0.0)
        self.count += 1

    def since(self, start: float) -> dict[str, list[float]]:
        n = min(self.count, self.size)
        order = [(self.count - n + i) % self.size for i in range(n)]
        kept = [i for i in order if self.times[i] >= start]
        return {'t': [self.times[i] for i in kept], **{name: [round(self.values[name][i], 3) for i in kept]
                                                     for name in SERIES}}


class StatsCollector:
    def __init__(self, engine: Engine, *, on_sample: Callable[[str, ContainerStats], None] | None = None,
                 interval: float = 2.0, workers: int = 64, keep_s: float = 3600.0) -> None:
        self.engine = engine
        self.on_sample = on_sample
        self.interval = interval
        self.workers = workers
        self.keep_s = keep_s
        self._rings: dict[str, Ring] = {}   # the last hour of each running container, from these same samples
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
            for cid in [c for c in self._rings if c not in running]:
                self._rings.pop(cid, None)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name='stats', daemon=True)
                self._thread.start()
        if new:
            self._wake.set()

    def latest(self) -> dict[str, ContainerStats]:
        with self._lock:
            return dict(self._latest)

    def series(self, cid: str, seconds: float = 3600.0) -> dict[str, list[float]]:
        """A running container's figures over the last ``seconds`` (at most the hour kept): times,
        CPU %, memory bytes, and network and block bytes per second. No engine call."""
        with self._lock:
            ring = self._rings.get(cid)
            if ring is None:
                return {'t': [], **{name: [] for name in SERIES}}
            return ring.since(time.time() - seconds)

    def memory_bytes(self) -> int:
        """What the kept samples take (the arrays, not Python's bookkeeping around them)."""
        with self._lock:
            return sum(r.times.itemsize * r.size + sum(v.itemsize * r.size for v in r.values.values())
                       for r in self._rings.values())

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
        rates = _rates(previous, sample)
        with self._lock:
            if cid not in self._tracked:
                return
            self._latest[cid] = figures
            ring = self._rings.get(cid)
            if ring is None:
                ring = self._rings[cid] = Ring(max(int(self.keep_s / self.interval), 1))
            ring.add(figures.read_at, {'cpu': figures.cpu_percent, 'memory': float(figures.memory_usage), **rates})
        if self.on_sample:
            self.on_sample(cid, figures)


def _rates(previous: dict[str, Any], sample: dict[str, Any]) -> dict[str, float]:
    """Network and block bytes per second between two samples (0 across a counter reset)."""
    seconds = _read_time(sample) - _read_time(previous)
    if seconds <= 0:
        return {}
    before, now = io_counters(previous), io_counters(sample)
    return {name: max(b - a, 0) / seconds for name, a, b in zip(('net_rx', 'net_tx', 'block_read', 'block_write'),
                                                                   before, now, strict=True)}


def _read_time(sample: dict[str, Any]) -> float:
    text = str(sample.get('read') or '')
    try:   # "2026-12-03T16:45:01.123456789Z": seconds since the epoch, nanoseconds cut to micro
        head, _, fraction = text.rstrip('Z').partition('.')
        moment = datetime.strptime(head, '%Y-%m-%dT%H:%M:%S').replace(tzinfo=timezone.utc)
        return moment.timestamp() + float(f'0.{fraction[:6] or 0}')
    except ValueError:
        return 0.0


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
