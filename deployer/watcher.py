"""The one consumer of the engine's event stream: a live container cache and engine state.

It runs in a thread, publishes :class:`ContainerEvent` and :class:`EngineState` on the bus,
and reconnects by itself when the engine goes away; after a reconnect it compares the
engine's list with what it knew and publishes the differences, so subscribers never
need to poll.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from .bus import EventBus
from .engine import Engine, summary_from_inspect, summary_from_list
from .errors import DeployerError
from .models import ContainerEvent, ContainerSummary, EngineState

log = logging.getLogger(__name__)

KINDS = {
    'create': 'created', 'start': 'started', 'stop': 'stopped', 'die': 'died', 'kill': 'killed',
    'pause': 'paused', 'unpause': 'unpaused', 'restart': 'restarted', 'rename': 'renamed',
    'destroy': 'removed', 'oom': 'oom', 'health_status': 'health',
}


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat().replace('+00:00', 'Z')


class Watcher:
    def __init__(self, engine: Engine, bus: EventBus, *,
                 on_running: Callable[[set[str]], None] | None = None,
                 retry_delay: float = 0.5, max_retry_delay: float = 2.0) -> None:
        self.engine = engine
        self.bus = bus
        self.on_running = on_running
        self.retry_delay = retry_delay
        self.max_retry_delay = max_retry_delay
        self.containers: dict[str, ContainerSummary] = {}
        self.started_at: dict[str, str] = {}
        self.state = EngineState(reachable=False, error='not connected yet')
        self.synced = threading.Event()
        self._stop = threading.Event()
        self._close_stream: Callable[[], None] | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name='docker-events', daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._close_stream:
            self._close_stream()
        if self._thread:
            self._thread.join(timeout=5)

    # ---- the loop -------------------------------------------------------------------------
    def _run(self) -> None:
        delay = self.retry_delay
        while not self._stop.is_set():
            try:
                version = self.engine.version()
                stream, self._close_stream = self.engine.events()  # subscribe first, then list: no gap
                self._sync(version)
                delay = self.retry_delay
                for raw in stream:
                    if self._stop.is_set():
                        break
                    self._handle(raw)
            except DeployerError as exc:
                log.debug('engine stream: %s', exc.message)
            except Exception:  # never let the only watcher thread die
                log.exception('docker event watcher failed; reconnecting')
            finally:
                if self._close_stream:
                    self._close_stream()
                    self._close_stream = None
            if self._stop.is_set():
                break
            self.engine.reset()
            self._set_state(EngineState(reachable=False, error='The Docker engine is unreachable; reconnecting.'))
            self.synced.set()
            self._stop.wait(delay)
            delay = min(delay * 2, self.max_retry_delay)

    def _sync(self, version: dict[str, Any]) -> None:
        fresh = {raw['Id']: raw for raw in self.engine.list_raw(all=True)}
        for cid, raw in fresh.items():
            if raw.get('State') == 'running' and cid not in self.started_at:
                try:
                    started = (self.engine.inspect(cid).get('State') or {}).get('StartedAt')
                except DeployerError:
                    started = None
                if started:
                    self.started_at[cid] = started
        now = time.time()
        with self._lock:
            old = dict(self.containers)
            self.containers = {cid: summary_from_list(raw, self.started_at.get(cid)) for cid, raw in fresh.items()}
            new = dict(self.containers)
        self._set_state(EngineState(reachable=True, version=version.get('Version'),
                                    api_version=version.get('ApiVersion')))
        self.synced.set()
        for cid, summary in new.items():
            before = old.get(cid)
            if before is None:
                self.bus.publish(ContainerEvent('created', cid, summary.name, now, summary))
            elif (before.state, before.health) != (summary.state, summary.health):
                kind = {'running': 'started', 'paused': 'paused'}.get(summary.state, 'stopped')
                self.bus.publish(ContainerEvent(kind, cid, summary.name, now, summary, summary.health))
        for cid, summary in old.items():
            if cid not in new:
                self.bus.publish(ContainerEvent('removed', cid, summary.name, now))
        self._running_changed()

    def _handle(self, raw: dict[str, Any]) -> None:
        action = raw.get('Action') or raw.get('status') or ''
        verb, _, detail = action.partition(':')
        kind = KINDS.get(verb)
        cid = raw.get('id') or (raw.get('Actor') or {}).get('ID')
        if kind is None or not cid:
            return
        attributes = (raw.get('Actor') or {}).get('Attributes') or {}
        when = raw.get('timeNano', 0) / 1e9 or raw.get('time') or time.time()
        if kind == 'started':
            self.started_at[cid] = _iso(when)
        summary: ContainerSummary | None = None
        if kind == 'removed':
            with self._lock:
                self.containers.pop(cid, None)
            self.started_at.pop(cid, None)
        else:
            try:
                summary = summary_from_inspect(self.engine.inspect(cid), time.time())
            except DeployerError:  # removed meanwhile; its destroy event follows
                summary = None
            if summary is not None:
                if summary.started_at:
                    self.started_at[cid] = summary.started_at
                with self._lock:
                    self.containers[cid] = summary
        exit_code = attributes.get('exitCode')
        event = ContainerEvent(kind, cid, attributes.get('name') or (summary.name if summary else cid[:12]), when,
                               summary, detail.strip() or None if kind == 'health' else (summary.health if summary else None),
                               int(exit_code) if exit_code not in (None, '') else None)
        self._refresh_counts()
        self.bus.publish(event)
        if kind in ('started', 'died', 'stopped', 'removed', 'paused', 'unpaused', 'killed'):
            self._running_changed()

    # ---- helpers -----------------------------------------------------------------------------
    def _set_state(self, state: EngineState) -> None:
        with self._lock:
            total = len(self.containers) if state.reachable else self.state.containers_total
            running = (sum(c.state == 'running' for c in self.containers.values()) if state.reachable
                       else self.state.containers_running)
        state = EngineState(state.reachable, state.version, state.api_version, state.error, total, running)
        changed = state != self.state
        self.state = state
        if changed:
            self.bus.publish(state)

    def _refresh_counts(self) -> None:
        if self.state.reachable:
            self._set_state(self.state)

    def _running_changed(self) -> None:
        if self.on_running:
            with self._lock:
                running = {cid for cid, c in self.containers.items() if c.state == 'running'}
            self.on_running(running)

    def snapshot(self) -> list[ContainerSummary]:
        with self._lock:
            return list(self.containers.values())
