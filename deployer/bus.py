"""An in-process event bus with typed channels: producers publish from any thread, subscribers
run on the loop.

    bus.containers.subscribe(on_change)   # ContainerEvent only
    bus.engine.subscribe(on_state)        # EngineState only
    bus.progress.subscribe(on_step)       # Progress of stack operations
    bus.records.subscribe(on_record)      # history records as they are written
    bus.publish(event)                    # routed to its channel by its type

A page subscribes to the channels it shows, by name, in the manner of NiceGUI's ``Event[T]``
(this package does not import NiceGUI); each subscriber is called on the asyncio loop the bus
is bound to (or synchronously when none is bound, as in plain unit tests). A subscription ends
when its ``unsubscribe`` function is called, so pages and SSE clients clean up as they leave.
``prepare`` turns each event into what subscribers may see (the service masks secrets there),
once per event, in the publishing thread. Every event carries the engine it came from.
"""
from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any, Generic, TypeVar

from .history import Record
from .models import ContainerEvent, EngineState
from .stacks.converge import Progress

log = logging.getLogger(__name__)

T = TypeVar('T')
Subscriber = Callable[[Any], None]


def call_soon(loop: asyncio.AbstractEventLoop | None, fn: Callable[..., None], *args: Any) -> bool:
    """Run ``fn(*args)`` on ``loop`` from any thread (at once when already on it): the one bridge
    from worker threads to the event loop. False when the loop is gone."""
    if loop is None or loop.is_closed():
        return False
    try:
        running = asyncio.get_running_loop()
    except RuntimeError:
        running = None
    if running is loop:
        fn(*args)
        return True
    try:
        loop.call_soon_threadsafe(fn, *args)
    except RuntimeError:  # the loop closed between the check and the call
        return False
    return True


class Channel(Generic[T]):
    """One kind of event; its subscribers see nothing else."""

    def __init__(self, bus: EventBus, name: str, kind: type[T]) -> None:
        self.bus, self.name, self.kind = bus, name, kind
        self._subscribers: list[Callable[[T], None]] = []

    def subscribe(self, subscriber: Callable[[T], None]) -> Callable[[], None]:
        with self.bus._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self.bus._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)
        return unsubscribe

    def publish(self, event: T) -> None:
        self.bus.publish(event)

    def subscribers(self) -> list[Callable[[T], None]]:
        with self.bus._lock:
            return list(self._subscribers)


class EventBus:
    def __init__(self, *, prepare: Callable[[Any], Any] | None = None, engine: str = 'local') -> None:
        self._prepare = prepare
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self.engine_name = engine
        self.containers = Channel(self, 'containers', ContainerEvent)
        self.engine = Channel(self, 'engine', EngineState)
        self.progress = Channel(self, 'progress', Progress)
        self.records = Channel(self, 'records', Record)
        self._channels: dict[type, Channel[Any]] = {c.kind: c for c in (self.containers, self.engine, self.progress,
                                                                         self.records)}

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def channel(self, name: str) -> Channel[Any]:
        return next(c for c in self._channels.values() if c.name == name)

    def publish(self, event: Any) -> None:
        channel = self._channels.get(type(event))
        if channel is None:
            raise TypeError(f'no channel carries {type(event).__name__}')
        if self._prepare is not None:
            event = self._prepare(event)
        if self._loop is None or self._loop.is_closed():
            self._dispatch(channel, event)   # no loop (plain unit tests): deliver in this thread
        else:
            call_soon(self._loop, self._dispatch, channel, event)

    def _dispatch(self, channel: Channel[Any], event: Any) -> None:
        for subscriber in channel.subscribers():
            try:
                subscriber(event)
            except Exception:  # one broken subscriber must not starve the others
                log.exception('event subscriber failed')

    async def stream(self, *channels: Channel[Any], maxsize: int = 1000) -> AsyncIterator[Any]:
        """Iterate over the events of ``channels`` as they come; a consumer that falls behind by
        ``maxsize`` events loses the oldest ones rather than holding memory without bound."""
        queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=maxsize)

        def put(event: Any) -> None:
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)

        unsubscribes = [channel.subscribe(put) for channel in channels]
        try:
            while True:
                yield await queue.get()
        finally:
            for unsubscribe in unsubscribes:
                unsubscribe()
