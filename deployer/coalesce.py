"""Share one blocking call among the callers that ask at the same time, never serving stale data.

A caller never gets the result of a call that started before it asked: while a call runs, new
callers queue behind it and all of them share the next call. Under load the engine sees at
most one running and one queued call, however many callers there are.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar('T')


class _Flight(Generic[T]):
    __slots__ = ('done', 'value', 'error')

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: T | None = None
        self.error: BaseException | None = None

    def result(self) -> T:
        if self.error is not None:
            raise self.error
        return self.value  # type: ignore[return-value]


class FreshCall(Generic[T]):
    def __init__(self, fn: Callable[[], T]) -> None:
        self._fn = fn
        self._lock = threading.Lock()
        self._running: _Flight[T] | None = None
        self._queued: _Flight[T] | None = None

    def __call__(self) -> T:
        ahead: _Flight[T] | None = None
        with self._lock:
            if self._running is None:
                flight, lead = _Flight[T](), True
                self._running = flight
            elif self._queued is not None:
                flight, lead = self._queued, False
            else:
                flight, lead = _Flight[T](), True
                self._queued = flight
                ahead = self._running
        if not lead:
            flight.done.wait()
            return flight.result()
        if ahead is not None:
            ahead.done.wait()  # the running call hands over to us when it ends
        try:
            flight.value = self._fn()
        except BaseException as exc:  # every caller of this flight gets it
            flight.error = exc
        finally:
            with self._lock:
                self._running, self._queued = self._queued, None
            flight.done.set()
        return flight.result()
