"""The one consumer of the engine's event stream: a live container cache and engine state.

It runs in a thread, publishes :class:`ContainerEvent` and :class:`EngineState` on the bus,
and reconnects by itself when the engine goes away; after a reconnect it compares the
engine's list with what it knew and publishes the differences, so subscribers never
need to poll.

The cache also answers ``GET /containers`` (:meth:`Watcher.current`): a reader thread takes
events off the stream and counts them, the watcher thread applies them; a caller waits until
every event received before it asked has been applied, and status texts ("Up 5 minutes") are
computed at read time from each container's state.
"""
from __future__ import annotations

import dataclasses
import logging
import queue
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from .bus import EventBus
from .engine import Engine, parse_health, status_text, summary_from_inspect, summary_from_list
from .errors import DeployerError, NotFound
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
                 on_inspect: Callable[[dict[str, Any]], Any] | None = None,
                 retry_delay: float = 0.5, max_retry_delay: float = 2.0, engine_id: str = 'local') -> None:
        self.engine = engine
        self.engine_id = engine_id   # put on every summary and event of this engine
        self.bus = bus
        self.on_running = on_running
        self.on_inspect = on_inspect  # sees every container's inspect data first (secrets learn its env)
        self.retry_delay = retry_delay
        self.max_retry_delay = max_retry_delay
        self.containers: dict[str, ContainerSummary] = {}
        self.started_at: dict[str, str] = {}
        self.state = EngineState(reachable=False, error='not connected yet', engine=engine_id)
        self.synced = threading.Event()
        self.states: dict[str, dict[str, Any]] = {}  # State of every container once warm: status texts
        self._warm = False  # every container's state known and the event stream open
        self._received = 0  # events taken off the stream (reader thread)
        self._applied = 0  # events applied to the cache (watcher thread)
        self._seen_nano = 0  # the time of the newest event taken off the stream
        self._progress = threading.Condition()
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
                subscribed = time.time_ns()
                stream, self._close_stream = self.engine.events()  # subscribe first, then list: no gap
                with self._progress:
                    self._seen_nano = subscribed
                events: queue.Queue[dict[str, Any] | None] = queue.Queue()
                threading.Thread(target=self._read, args=(stream, events), name='docker-events-reader',
                                 daemon=True).start()
                self._sync(version)
                self._warm_up()
                delay = self.retry_delay
                while (raw := events.get()) is not None and not self._stop.is_set():
                    try:
                        self._handle(raw)
                    finally:
                        with self._progress:
                            self._applied += 1
                            self._progress.notify_all()
            except DeployerError as exc:
                log.debug('engine stream: %s', exc.message)
            except Exception:  # never let the only watcher thread die
                log.exception('docker event watcher failed; reconnecting')
            finally:
                with self._progress:
                    self._warm = False
                    self._progress.notify_all()
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

    def _read(self, stream: Any, events: queue.Queue[dict[str, Any] | None]) -> None:
        """Take events off the stream as they come and count them (see :meth:`current`)."""
        try:
            for raw in stream:
                with self._progress:
                    self._received += 1
                    self._seen_nano = max(self._seen_nano, int(raw.get('timeNano') or 0))
                    self._progress.notify_all()
                events.put(raw)
        finally:
            with self._progress:
                self._warm = False
                self._progress.notify_all()
            events.put(None)

    def _warm_up(self) -> None:
        """Read every container's state once, so status texts can be computed at read time."""
        states = {}
        for cid in list(self.containers):
            try:
                raw = self.engine.inspect(cid)
                if self.on_inspect:
                    self.on_inspect(raw)
                states[cid] = _state(raw)
            except DeployerError:  # removed meanwhile: its destroy event follows
                continue
        with self._lock:
            self.states = states
        with self._progress:
            self._warm = True

    def current(self, timeout: float = 1.0) -> list[ContainerSummary] | None:
        """Every container as of now, from the cache; None when the cache cannot say (not connected,
        not warm yet, or the events up to now did not arrive and apply within ``timeout``).

        The engine delivers events to subscribers a moment after the change it reports, so a
        change made just before this call may still be on its way: the engine is asked which
        events it recorded since the newest one received (a cheap call, no container lists),
        and the cache is used once those have arrived and every received event is applied."""
        if not self.engine.is_local:
            # the events window is given in this machine's time; a remote engine's clock may differ
            # (and the engine waits for an `until` in its future), so remote lists go to the engine
            return None
        with self._progress:
            if not self._warm:
                return None
            since = self._seen_nano
        try:
            recorded = self.engine.events_between(since, time.time_ns())
        except DeployerError:
            return None  # the caller asks the engine itself and reports what it says
        newest = max((int(e.get('timeNano') or 0) for e in recorded), default=0)
        deadline = time.monotonic() + timeout
        with self._progress:
            if not self._progress.wait_for(lambda: not self._warm or self._seen_nano >= newest, timeout):
                return None
            target = self._received
            left = max(deadline - time.monotonic(), 0)
            if not self._progress.wait_for(lambda: not self._warm or self._applied >= target, left):
                return None
            if not self._warm:
                return None
        now = time.time()
        with self._lock:
            pairs = [(c, self.states.get(cid)) for cid, c in self.containers.items()]
        return [c if state is None else _with_status(c, status_text(state, now)) for c, state in pairs]

    def note(self, raw: dict[str, Any]) -> ContainerSummary:
        """Write-through: the app changed this container and read its inspect data; the cache
        shows it now, not only once the event arrives."""
        if self.on_inspect:
            self.on_inspect(raw)
        summary = self._tag(summary_from_inspect(raw, time.time()))
        with self._lock:
            self.containers[raw['Id']] = summary
            self.states[raw['Id']] = _state(raw)
        if summary.started_at:
            self.started_at[raw['Id']] = summary.started_at
        return summary

    def forget(self, cid: str) -> None:
        with self._lock:
            self.containers.pop(cid, None)
            self.states.pop(cid, None)

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
            self.containers = {cid: self._tag(summary_from_list(raw, self.started_at.get(cid))) for cid, raw in fresh.items()}
            new = dict(self.containers)
            self.states = {cid: state for cid, state in self.states.items() if cid in new}
        self._set_state(EngineState(reachable=True, version=version.get('Version'),
                                    api_version=version.get('ApiVersion')))
        self.synced.set()
        for cid, summary in new.items():
            before = old.get(cid)
            if before is None:
                self._publish(ContainerEvent('created', cid, summary.name, now, summary))
            elif (before.state, before.health) != (summary.state, summary.health):
                kind = {'running': 'started', 'paused': 'paused'}.get(summary.state, 'stopped')
                self._publish(ContainerEvent(kind, cid, summary.name, now, summary, summary.health))
        for cid, summary in old.items():
            if cid not in new:
                self._publish(ContainerEvent('removed', cid, summary.name, now))
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
            self.forget(cid)
            self.started_at.pop(cid, None)
        else:
            try:
                summary = self.note(self.engine.inspect(cid))
            except NotFound:  # removed meanwhile; its destroy event follows
                summary = None
            except DeployerError:  # the engine is going away (its containers die as dockerd stops): as last seen
                summary = self._as_told(cid, kind)
        exit_code = attributes.get('exitCode')
        event = ContainerEvent(kind, cid, attributes.get('name') or (summary.name if summary else cid[:12]), when,
                               summary, detail.strip() or None if kind == 'health' else (summary.health if summary else None),
                               int(exit_code) if exit_code not in (None, '') else None)
        self._refresh_counts()
        self._publish(event)
        if kind in ('started', 'died', 'stopped', 'removed', 'paused', 'unpaused', 'killed'):
            self._running_changed()

    # ---- helpers -----------------------------------------------------------------------------
    def _as_told(self, cid: str, kind: str) -> ContainerSummary | None:
        """The container as last seen, with the state its event tells, when the engine cannot be asked: a
        dashboard keeps its row (marked as its engine's outage says) instead of dropping it as removed."""
        with self._lock:
            known = self.containers.get(cid)
            if known is None:
                return None
            state = {'died': 'exited', 'stopped': 'exited', 'paused': 'paused', 'unpaused': 'running',
                     'started': 'running'}.get(kind, known.state)
            self.containers[cid] = dataclasses.replace(known, state=state)
            return self.containers[cid]

    def _tag(self, summary: ContainerSummary) -> ContainerSummary:
        return summary if self.engine_id == 'local' else dataclasses.replace(summary, engine=self.engine_id)

    def _publish(self, event: ContainerEvent) -> None:
        self.bus.publish(event if self.engine_id == 'local' else dataclasses.replace(event, engine=self.engine_id))

    def _set_state(self, state: EngineState) -> None:
        with self._lock:
            total = len(self.containers) if state.reachable else self.state.containers_total
            running = (sum(c.state == 'running' for c in self.containers.values()) if state.reachable
                       else self.state.containers_running)
        state = EngineState(state.reachable, state.version, state.api_version, state.error, total, running,
                            self.engine_id)
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


def _state(raw: dict[str, Any]) -> dict[str, Any]:
    state = raw.get('State') or {}
    return {key: state.get(key) for key in ('Status', 'StartedAt', 'FinishedAt', 'ExitCode', 'Health')}


def _with_status(summary: ContainerSummary, status: str) -> ContainerSummary:
    if status == summary.status:
        return summary
    return dataclasses.replace(summary, status=status, health=parse_health(status))
