"""What the REST modules share: JSON and server-sent-event answers, the error responses the
OpenAPI document lists, who asked (``origin``), and heartbeats for long streams."""
from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

import orjson
from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel

from deployer.operations import Origin

HEARTBEAT = 15.0


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {'model': ErrorResponse, 'description': text} for status, text in
    ((401, 'missing or wrong token'), (404, 'unknown container'), (409, 'conflict with the container state'),
     (422, 'bad input'), (503, 'the Docker engine is unreachable'))
}


def origin(request: Request) -> Origin:
    """Who asked through REST: the token's holder, with the call as the reason."""
    return Origin('rest', 'api token', f'{request.method} {request.url.path}')


def json_response(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type='application/json')


def sse_event(event: str, data: Any) -> bytes:
    return f'event: {event}\ndata: {json.dumps(data, separators=(",", ":"))}\n\n'.encode()


async def with_heartbeat(source: AsyncIterator[Any], interval: float = HEARTBEAT) -> AsyncIterator[Any]:
    """Items of ``source``, with ``None`` whenever ``interval`` passes without one; the source
    is closed when the consumer leaves."""
    pending: asyncio.Future[Any] | None = None
    try:
        while True:
            if pending is None:
                pending = asyncio.ensure_future(anext(source))
            try:
                item = await asyncio.wait_for(asyncio.shield(pending), interval)
            except asyncio.TimeoutError:
                yield None
                continue
            except StopAsyncIteration:
                pending = None
                return
            pending = None
            yield item
    finally:
        if pending is not None and not pending.done():
            pending.cancel()
            with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
                await pending
        await source.aclose()  # type: ignore[attr-defined]
