"""An in-process event bus: producers publish from any thread, subscribers run on the loop.

Subscribers are plain callables; each is called on the asyncio loop the bus is bound to
(or synchronously when none is bound, as in plain unit tests). A subscription ends when
its ``unsubscribe`` function is called, so pages and SSE clients clean up as they leave.
``prepare`` turns each event into what subscribers may see (the service masks secrets
there), once per event, in the publishing thread.
"""
from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

log = logging.getLogger(__name__)

Subscriber = Callable[[Any], None]


class EventBus:
    def __init__(self, *, prepare: Callable[[Any], Any] | None = None) -> None:
        self._prepare = prepare
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)
        return unsubscribe

    def publish(self, event: Any) -> None:
        if self._prepare is not None:
            event = self._prepare(event)
        loop = self._loop
        if loop is None or loop.is_closed():
            self._dispatch(event)
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._dispatch(event)
        else:
            try:
                loop.call_soon_threadsafe(self._dispatch, event)
            except RuntimeError:  # the loop closed between the check and the call
                pass

    def _dispatch(self, event: Any) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(event)
            except Exception:  # one broken subscriber must not starve the others
                log.exception('event subscriber failed')

    async def stream(self, *, maxsize: int = 1000) -> AsyncIterator[Any]:
        """Iterate over events as they come; a consumer that falls behind by ``maxsize``
        events loses the oldest ones rather than holding memory without bound."""
        queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=maxsize)

        def put(event: Any) -> None:
            if queue.full():
                queue.get_nowait()
            queue.put_nowait(event)

        unsubscribe = self.subscribe(put)
        try:
            while True:
                yield await queue.get()
        finally:
            unsubscribe()
