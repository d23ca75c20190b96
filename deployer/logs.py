"""Log lines: splitting raw engine output and reading the times people write."""
from __future__ import annotations

import asyncio
import math
import re
import threading
from collections.abc import AsyncGenerator, Callable, Iterator
from datetime import datetime, timezone

from .bus import call_soon
from .errors import InvalidInput

MAX_TIME = 253402300799.0  # 9999-12-31T23:59:59Z
_DURATION = re.compile(r'^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$')
_FRACTION = re.compile(r'(?<=:\d\d)\.(\d+)')  # the engine writes up to 9 digits, Python 3.10 reads 3 or 6


def parse_time(value: str | float | int | None, *, now: float | None = None, name: str = 'time') -> float | None:
    """Epoch seconds from an epoch number, an ISO 8601 time or a duration ago (``10m``, ``1h30m``)."""
    if value is None or value == '':
        return None
    if isinstance(value, (int, float)):
        seconds = float(value)
    else:
        text = value.strip()
        try:
            seconds = float(text)
        except ValueError:
            match = _DURATION.match(text)
            if match and any(match.groups()):
                days, hours, minutes, secs = (float(g or 0) for g in match.groups())
                base = datetime.now(timezone.utc).timestamp() if now is None else now
                seconds = base - (days * 86400 + hours * 3600 + minutes * 60 + secs)
            else:
                try:
                    parsed = datetime.fromisoformat(_FRACTION.sub(lambda m: '.' + m[1][:6].ljust(6, '0'),
                                                                  text.replace('Z', '+00:00')))
                except ValueError:
                    raise InvalidInput(f'{name} must be epoch seconds, an ISO 8601 time or a duration '
                                       f'like 10m or 2h, not {text[:40]!r}') from None
                if parsed.tzinfo is None:
                    parsed = parsed.replace(tzinfo=timezone.utc)
                seconds = parsed.timestamp()
    if not math.isfinite(seconds) or seconds <= 0 or seconds > MAX_TIME:
        raise InvalidInput(f'{name} must be a time between 1970 and 9999')
    return seconds


def resume_point(*, started_at: str | None, finished_at: str | None, followed_until: float | None) -> float | None:
    """Where to read a container's log from once it runs again, so the new run shows whole: the
    earlier of when our last follow ended and when the previous run ended (``FinishedAt``, which a
    running container keeps from its last run; on the engine's clock, which stamps the lines).
    Never the new run's ``StartedAt``: the engine records it after the process has begun, and its
    first line came up to 3 ms before it (measured, busybox ``echo``). ``None``: from the start."""
    candidates = [followed_until] if followed_until else []
    try:
        started, finished = parse_time(started_at), parse_time(finished_at)
    except InvalidInput:   # the engine's zero time (0001-01-01): never started or never finished
        started = finished = None
    if started and finished and finished < started:   # running again; else this run has ended too
        candidates.append(finished)
    return min(candidates, default=None)


def split_lines(data: bytes) -> list[str]:
    text = data.decode('utf-8', 'replace')
    if not text:
        return []
    lines = text.split('\n')
    if lines[-1] == '':
        lines.pop()
    return [line[:-1] if line.endswith('\r') else line for line in lines]


def grep(lines: list[str], pattern: str | None) -> list[str]:
    if not pattern:
        return lines
    needle = pattern.lower()
    return [line for line in lines if needle in line.lower()]


class LineSplitter:
    """Feeds of raw chunks in, whole lines out; a chunk from the engine is not a line."""

    def __init__(self) -> None:
        self._rest = b''

    def feed(self, chunk: bytes) -> list[str]:
        data = self._rest + chunk
        cut = data.rfind(b'\n')
        if cut < 0:
            self._rest = data
            return []
        self._rest = data[cut + 1:]
        return split_lines(data[:cut + 1])

    def flush(self) -> list[str]:
        rest, self._rest = self._rest, b''
        return split_lines(rest)


async def pump_logs(cid: str, stream: Iterator[bytes], close: Callable[[], None]) -> AsyncGenerator[list[str], None]:
    """Batches of whole lines from one engine log stream, read in a thread, until it ends."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[list[str] | None] = asyncio.Queue()

    def hand_over(item: list[str] | None) -> None:
        if not call_soon(loop, queue.put_nowait, item):  # the loop is gone
            close()

    def pump() -> None:
        splitter = LineSplitter()
        try:
            for chunk in stream:
                lines = splitter.feed(chunk)
                if lines:
                    hand_over(lines)
            rest = splitter.flush()
            if rest:
                hand_over(rest)
        finally:  # whatever ends the stream, the reader must hear of it
            hand_over(None)

    threading.Thread(target=pump, name=f'logs-{cid[:12]}', daemon=True).start()
    try:
        ended = False
        while not ended:
            item = await queue.get()
            if item is None:
                break
            batch = item
            while not queue.empty():
                more = queue.get_nowait()
                if more is None:
                    ended = True
                    break
                batch.extend(more)
            yield batch
    finally:
        # never on the loop: closing waits for the reader thread, which the shutdown frees
        threading.Thread(target=close, name=f'logs-close-{cid[:12]}', daemon=True).start()
