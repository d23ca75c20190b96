"""FreshCall: concurrent callers share engine calls, and nobody gets data older than their question."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from deployer.coalesce import FreshCall


class SlowCounter:
    """A call that takes a while and returns (its number, when it started)."""

    def __init__(self, seconds: float = 0.05) -> None:
        self.seconds = seconds
        self.calls = 0
        self.running = 0
        self.most_at_once = 0
        self.lock = threading.Lock()

    def __call__(self) -> tuple[int, float]:
        started = time.monotonic()
        with self.lock:
            self.calls += 1
            number = self.calls
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        time.sleep(self.seconds)
        with self.lock:
            self.running -= 1
        return number, started


def test_many_callers_at_once_share_at_most_two_calls_at_a_time() -> None:
    fn = SlowCounter()
    call = FreshCall(fn)
    with ThreadPoolExecutor(40) as pool:
        results = list(pool.map(lambda _: call(), range(200)))
    assert fn.most_at_once == 1, 'calls overlapped'
    assert fn.calls < 60, f'{fn.calls} calls for 200 callers: they were not shared'
    assert len(results) == 200


def test_no_caller_gets_a_call_that_started_before_it_asked() -> None:
    fn = SlowCounter(0.02)
    call = FreshCall(fn)
    stale = []

    def ask() -> None:
        asked = time.monotonic()
        _, started = call()
        if started < asked:
            stale.append(asked - started)

    with ThreadPoolExecutor(30) as pool:
        for future in [pool.submit(ask) for _ in range(300)]:
            future.result()
    assert not stale, f'{len(stale)} callers got a result fetched before they asked'


def test_one_caller_alone_gets_a_fresh_call_every_time() -> None:
    fn = SlowCounter(0)
    call = FreshCall(fn)
    assert [call()[0] for _ in range(3)] == [1, 2, 3]


def test_an_error_reaches_every_caller_of_that_call_and_the_next_call_runs_again() -> None:
    attempts = []

    def failing() -> int:
        attempts.append(1)
        time.sleep(0.3)  # long enough for all ten callers to join the first two calls
        if len(attempts) <= 2:
            raise ConnectionError('engine gone')
        return len(attempts)

    call = FreshCall(failing)
    errors = []

    def ask() -> None:
        try:
            call()
        except ConnectionError as exc:
            errors.append(str(exc))

    threads = [threading.Thread(target=ask) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == ['engine gone'] * 10
    assert call() == 3
    assert call() == 4  # a new call, not a remembered value
