"""REST routes (paths as in the original spec). Blocking service calls run in plain ``def``
routes, which FastAPI runs in its thread pool, so the event loop stays free."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from deployer.models import ContainerDetail, ContainerEvent, ContainerSummary, EngineState, LogGap
from deployer.service import Deployer
from deployer.vocabulary import ContainerAction

from .common import ERRORS, json_response, origin, sse_event, with_heartbeat


class ActionRequest(BaseModel):
    model_config = ConfigDict(extra='forbid')
    action: ContainerAction
    timeout: Annotated[int, Field(ge=0, le=3600)] | None = None
    force: bool = False
    signal: Annotated[str, Field(max_length=20)] | None = None
    tail: Annotated[int, Field(ge=0, le=1_000_000)] | None = None


class EngineHealth(BaseModel):
    reachable: bool
    version: str | None = None
    api_version: str | None = None
    error: str | None = None


class Health(BaseModel):
    ok: bool
    engine: EngineHealth


class ActionResult(BaseModel):
    id: str
    action: str
    state: str
    container: ContainerSummary | None = None
    lines: list[str] | None = None


class ExecRequest(BaseModel):
    model_config = ConfigDict(extra='forbid')
    command: Annotated[str, Field(min_length=1, max_length=100_000)] | Annotated[
        list[Annotated[str, Field(max_length=100_000)]], Field(min_length=1, max_length=1000)] = Field(
        description='a list (run as is) or a string (run with sh -c)')
    user: Annotated[str, Field(max_length=100)] | None = None
    workdir: Annotated[str, Field(max_length=4096)] | None = None
    timeout: Annotated[float, Field(gt=0, le=600)] = 30


class ExecResult(BaseModel):
    container: str
    command: list[str]
    exit_code: int | None
    output: str
    truncated: bool
    timed_out: bool


class LogLines(BaseModel):
    container: str
    count: int
    lines: list[str]


ENGINE = Annotated[str | None, Query(max_length=40, pattern=r'^[a-z0-9][a-z0-9-]{0,39}$',
                                    description='an engine id from GET /engines (default: the local one)')]


def router(d: Deployer) -> APIRouter:
    r = APIRouter()

    @r.get('/health', response_model=Health, tags=['engine'], summary='Liveness and engine reachability (no auth)')
    def health() -> dict[str, Any]:
        return d.health()

    @r.get('/containers', response_model=list[ContainerSummary], responses=ERRORS, tags=['containers'],
           summary='List containers')
    def list_containers(all: bool = True,
                        status: Annotated[str | None, Query(max_length=20, description='running, exited …')] = None,
                        stack: Annotated[str | None, Query(max_length=200, description='compose project name')] = None,
                        engine: Annotated[str | None, Query(max_length=40, pattern=r'^[a-z0-9][a-z0-9-]{0,39}$',
                                                            description='an engine id from GET /engines, or `all` '
                                                                        '(every engine that answers; each row says '
                                                                        'its `engine`); default: the local one')] = None,
                        ) -> Response:
        return json_response(d.list_containers(all=all, status=status, stack=stack, engine=engine))  # orjson: dataclasses

    @r.get('/containers/{container_id}', response_model=ContainerDetail, responses=ERRORS, tags=['containers'],
           summary='Inspect a container by id, unique id prefix or name')
    def get_container(container_id: str, engine: ENGINE = None) -> Response:
        return json_response(d.get_container(container_id, engine=engine))

    @r.post('/containers/{container_id}/action', response_model=ActionResult, responses=ERRORS,
            tags=['containers'], summary='Start, stop, restart, pause, unpause, kill, remove or read logs')
    def container_action(container_id: str, body: ActionRequest, request: Request, engine: ENGINE = None) -> Response:
        return json_response(d.container_action(container_id, body.action, timeout=body.timeout, force=body.force,
                                                signal=body.signal, tail=body.tail, origin=origin(request),
                                                engine=engine))

    @r.post('/containers/{container_id}/exec', response_model=ExecResult, responses=ERRORS, tags=['containers'],
            summary='Run a command in a running container and wait for its output and exit code',
            description='At most `timeout` seconds are waited (the command may go on in the container; '
                        '`timed_out` says so); output beyond 1 MB is cut (`truncated`). Read-only mode refuses it; '
                        'every run is a history record with the command (passwords in it masked).')
    def exec_command(container_id: str, body: ExecRequest, request: Request, engine: ENGINE = None) -> Response:
        return json_response(d.consoles_on(engine).run(container_id, body.command, user=body.user,
                                                       workdir=body.workdir, timeout=body.timeout,
                                                       origin=origin(request)))

    @r.get('/containers/{container_id}/stats', responses=ERRORS, tags=['containers'],
           summary="A running container's CPU, memory, network and block I/O over the last hour",
           description='From the single stats poller\'s memory (one sample every 2 s, an hour kept): `t` epoch '
                       'seconds, `cpu` %, `memory` bytes, `net_rx`/`net_tx`/`block_read`/`block_write` bytes per second.')
    def container_stats(container_id: str, seconds: Annotated[float, Query(gt=0, le=3600)] = 3600,
                        engine: ENGINE = None) -> Response:
        return json_response(d.container_series(container_id, seconds, engine=engine))

    @r.get('/updates', responses=ERRORS, tags=['containers'], summary='Which running containers have an update',
           description='For each running container: the digest it runs against what the registry serves now for the '
                       'tag it was created from — `up to date`, `update available` or `unknown` with `reason` (built '
                       'here, registry unreachable …). Registry answers are cached for an hour; `refresh=true` asks '
                       'again (answers younger than 5 s are reused). `engine=all` checks every reachable engine; '
                       'each answer names its `engine` (null: the local one).')
    def updates(refresh: bool = False, engine: ENGINE = None) -> Response:
        return json_response([u.to_dict() for u in d.check_updates(engine=engine, refresh=refresh)])

    @r.post('/containers/{container_id}/update', responses=ERRORS, tags=['containers'],
            summary="Update a container's stack: pull its images, then converge it (recorded, rolled back on failure)")
    def update_container(container_id: str, request: Request, engine: ENGINE = None) -> Response:
        return json_response(d.updates_on(engine).update(container_id, origin=origin(request)))

    @r.get('/logs/{container_id}', response_model=LogLines, responses=ERRORS, tags=['logs'],
           summary='Read logs; with follow=true, stream new lines as Server-Sent Events',
           description='`since`/`until` take epoch seconds, ISO 8601 or a duration ago like `10m`. '
                       '`format=text` returns plain text. With `follow=true` each line is one SSE '
                       '`data:` message, and an `end` event closes the stream when the container stops. '
                       'The stream survives an engine outage: an `engine` event `{"reachable": false}` '
                       'says the engine is gone, `{"reachable": true}` that it is back, and the lines '
                       'written in between follow.')
    async def logs(container_id: str, request: Request,
                   tail: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
                   since: Annotated[str | None, Query(max_length=40)] = None,
                   until: Annotated[str | None, Query(max_length=40)] = None,
                   timestamps: bool = False,
                   grep: Annotated[str | None, Query(max_length=200)] = None,
                   follow: bool = False,
                   format: Literal['json', 'text'] = 'json',
                   engine: ENGINE = None) -> Response:
        if follow:
            stream = d.follow_logs(container_id, tail=tail, since=since, timestamps=timestamps, grep_for=grep,
                                   engine=engine)
            await anext(stream)  # opens the stream: errors (unknown container …) come before the 200
            return StreamingResponse(_log_events(stream), media_type='text/event-stream',
                                     headers={'cache-control': 'no-cache', 'x-accel-buffering': 'no'})
        if format == 'text' and not grep:
            data = await asyncio.to_thread(d.log_bytes, container_id, tail=tail, since=since, until=until,
                                           timestamps=timestamps, engine=engine)
            return Response(data, media_type='text/plain; charset=utf-8')
        lines = await asyncio.to_thread(d.logs, container_id, tail=tail, since=since, until=until,
                                        timestamps=timestamps, grep_for=grep, engine=engine)
        if format == 'text':
            return Response('\n'.join(lines) + ('\n' if lines else ''), media_type='text/plain; charset=utf-8')
        return json_response({'container': container_id, 'count': len(lines), 'lines': lines})

    @r.get('/status', responses=ERRORS, tags=['engine'],
           summary='Engine, host and per-container resource figures')
    def status() -> Response:
        return json_response(d.status())

    @r.get('/events', tags=['engine'], summary='Server-Sent Events of container and engine changes',
           description='Event types: `container` (kind: created, started, stopped, died, killed, paused, '
                       'unpaused, restarted, renamed, health, removed, oom) and `engine` (reachable or not).')
    async def events(request: Request) -> StreamingResponse:
        async def stream() -> AsyncIterator[bytes]:
            yield sse_event('engine', d.engine_state.to_dict())
            async for event in with_heartbeat(d.bus.stream(d.bus.containers, d.bus.engine)):
                if event is None:
                    yield b': keep-alive\n\n'
                elif isinstance(event, ContainerEvent):
                    yield sse_event('container', event.to_dict())
                elif isinstance(event, EngineState):
                    yield sse_event('engine', event.to_dict())
        return StreamingResponse(stream(), media_type='text/event-stream',
                                 headers={'cache-control': 'no-cache', 'x-accel-buffering': 'no'})

    return r


async def _log_events(stream: AsyncIterator[list[str] | LogGap]) -> AsyncIterator[bytes]:
    async for batch in with_heartbeat(stream):
        if batch is None:
            yield b': keep-alive\n\n'
        elif isinstance(batch, LogGap):
            yield sse_event('engine', batch.to_dict())
        elif batch:
            yield ''.join(f'data: {line}\n\n' for line in batch).encode()
    yield b'event: end\ndata: {}\n\n'
