"""REST routes for stacks and compose deploys. Long operations answer JSON when they are done,
or, for clients sending ``Accept: text/event-stream``, stream their progress as Server-Sent
Events (``progress`` …, then ``result`` or ``error``)."""
from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from deployer.bus import call_soon
from deployer.errors import Conflict, DeployerError, DeployFailed, InvalidInput
from deployer.models import StackDetail, StackSummary
from deployer.service import Deployer
from deployer.stacks.converge import Progress, Result
from deployer.vocabulary import STACK_NAME, StackOp

from .common import ERRORS, json_response, origin, sse_event
from .nlp import run_plan_response


class DeployRequest(BaseModel):
    """Either a compose document (``stack`` + ``compose``) or an action plan (``plan`` + ``confirm``)."""
    model_config = ConfigDict(extra='forbid')
    stack: Annotated[str, Field(pattern=STACK_NAME, description='stack (compose project) name')] | None = None
    compose: Annotated[str, Field(max_length=512 * 1024)] | dict[str, Any] | None = Field(
        None, description='a compose document: YAML text or a mapping')
    plan: dict[str, Any] | None = Field(None, description='an action plan (see GET /nlp/schema), e.g. from POST /nlp/parse')
    confirm: bool = Field(False, description='required for plans whose risk is not "read"')
    typed_confirmation: Annotated[str, Field(max_length=100)] | None = Field(
        None, description='a destructive plan over several containers or stacks: the plan\'s `type_to_confirm` '
        '(also accepted inside the plan)')
    env: dict[str, str | int | float | bool] | None = Field(None, description='variables for ${...} interpolation')
    secrets: dict[str, str] | None = Field(None, description='variables kept out of the versioned configuration '
                                           'and the history (names that look secret are kept out anyway)')
    pull: Literal['always', 'never', 'missing'] | None = None
    files: dict[str, Annotated[str, Field(max_length=512 * 1024)]] | None = Field(
        None, max_length=32, description='the stack\'s other files by relative name (`base.yaml`, `db/compose.yaml`, '
        '`.env`, `nginx.conf`): what `extends.file`, `include` and `env_file` name, written into the stack\'s folder '
        'and versioned with its document; omitted: the stack keeps the files it has')
    expect_revision: Annotated[str, Field(pattern=r'^(none|[0-9a-f]{4,40})$')] | None = Field(
        None, description='save only over this revision of the stack (its `revision` from GET /stacks/{name} or '
        'the check); `none`: only if no such stack exists. Otherwise 409 `stack_changed` with the difference')


class CheckRequest(BaseModel):
    """A compose document to check as stack ``name`` would be deployed from it."""
    model_config = ConfigDict(extra='forbid')
    compose: Annotated[str, Field(max_length=512 * 1024)] | dict[str, Any]
    env: dict[str, str | int | float | bool] | None = None
    secrets: dict[str, str] | None = None
    files: dict[str, Annotated[str, Field(max_length=512 * 1024)]] | None = Field(None, max_length=32)


class StackActionRequest(BaseModel):
    model_config = ConfigDict(extra='forbid')
    action: StackOp
    volumes: bool = Field(False, description='with remove: also remove the named volumes')
    timeout: Annotated[int, Field(ge=0, le=3600)] | None = None


class ScaleRequest(BaseModel):
    model_config = ConfigDict(extra='forbid')
    service: Annotated[str, Field(min_length=1, max_length=200)]
    replicas: Annotated[int, Field(ge=0, le=100)]


class ProblemModel(BaseModel):
    kind: Literal['error', 'policy', 'warning']
    message: str
    line: int | None = None


class ServiceChangeModel(BaseModel):
    service: str
    change: Literal['create', 'recreate', 'scale', 'start', 'unchanged', 'remove']
    containers: int
    details: list[str]


class StackCheckModel(BaseModel):
    stack: str
    exists: bool
    valid: bool
    problems: list[ProblemModel]
    changes: list[ServiceChangeModel]
    summary: str
    diff: str
    revision: str | None = None


class DeployOutcome(BaseModel):
    stack: StackDetail | None
    result: dict[str, list[str]] | None = None


class RevealedSecrets(BaseModel):
    stack: str
    secrets: dict[str, str] = Field(description='name -> value')
    history_id: int | None = Field(None, description='the history record of this reveal')


def wants_events(request: Request) -> bool:
    return 'text/event-stream' in request.headers.get('accept', '')


ENGINE = Annotated[str | None, Query(max_length=40, pattern=r'^[a-z0-9][a-z0-9-]{0,39}$',
                                    description='an engine id from GET /engines (default: the local one)')]


def outcome(d: Deployer, name: str, result: Result | None, engine: str | None = None) -> dict[str, Any]:
    try:
        stack: Any = d.stacks_on(engine).get_stack(name)
    except DeployerError:
        stack = None
    return {'stack': stack, 'result': dataclasses.asdict(result) if result is not None else None}


async def run_operation(request: Request, work: Callable[[Callable[[Any], None]], dict[str, Any]], *,
                        encode: Callable[[Any], Any] = dataclasses.asdict) -> Response:
    """Run a blocking operation in a thread; JSON at the end, or its progress as SSE (each
    progress step written by ``encode`` at the moment it is reported)."""
    if not wants_events(request):
        return json_response(await asyncio.to_thread(work, lambda _: None))
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[str, Any]] = asyncio.Queue()

    def progress(step: Any) -> None:
        call_soon(loop, queue.put_nowait, ('progress', encode(step)))

    async def runner() -> None:
        try:
            body = await asyncio.to_thread(work, progress)
            queue.put_nowait(('result', json.loads(json_response(body).body)))
        except DeployerError as exc:
            error: dict[str, Any] = {'code': exc.code, 'message': exc.message, 'status': exc.status}
            if isinstance(exc, DeployFailed):
                error.update(exc.details)
            queue.put_nowait(('error', {'error': error}))

    task = asyncio.ensure_future(runner())

    async def stream() -> AsyncIterator[bytes]:
        while True:
            event, data = await queue.get()
            yield sse_event(event, data)
            if event in ('result', 'error'):
                break
        await task  # the operation goes on even if the client left: its result is kept in the stack's state

    return StreamingResponse(stream(), media_type='text/event-stream', headers={'cache-control': 'no-cache'})


def router(d: Deployer) -> APIRouter:
    r = APIRouter(tags=['stacks'])

    @r.get('/stacks', response_model=list[StackSummary], responses=ERRORS, summary='All compose stacks on the engine')
    def list_stacks(engine: ENGINE = None) -> Response:
        return json_response(d.stacks_on(engine).list_stacks())

    @r.get('/stacks/{name}', response_model=StackDetail, responses=ERRORS,
           summary='One stack: services, containers, compose document, parameters')
    def get_stack(name: str, engine: ENGINE = None) -> Response:
        return json_response(d.stacks_on(engine).get_stack(name))

    @r.post('/deploy', response_model=DeployOutcome, responses=ERRORS,
            summary='Deploy a compose document as a stack (converging: unchanged services keep running)',
            description='Send `Accept: text/event-stream` to receive `progress` events (per service: pulling with '
                        'bytes per layer, creating, starting, waiting, running) and then `result` or `error`.')
    async def deploy(body: DeployRequest, request: Request, engine: ENGINE = None) -> Response:
        if body.plan is not None:
            if body.stack is not None or body.compose is not None:
                raise InvalidInput('send either a plan or a stack with its compose document, not both')
            plan = body.plan
            return await asyncio.to_thread(run_plan_response, d, plan, body.confirm, request, body.typed_confirmation)
        if body.stack is None or body.compose is None:
            raise InvalidInput('a deploy needs "stack" and "compose" (or a "plan")')
        stack_name, document = body.stack, body.compose

        def work(progress: Callable[[Progress], None]) -> dict[str, Any]:
            stack, result = d.stacks_on(engine).deploy_stack(stack_name, document, env=body.env, secrets=body.secrets,
                                           progress=progress, pull=body.pull, origin=origin(request), files=body.files,
                                           expect_revision=body.expect_revision)
            return {'stack': stack, 'result': dataclasses.asdict(result)}
        return await run_operation(request, work)

    @r.post('/stacks/{name}/check', response_model=StackCheckModel, responses=ERRORS,
            summary='What deploying a document as this stack would do, without doing it',
            description='The problems the loader and the host policy find (`kind` error, policy or warning, each with '
                        'its `line` where the document says where), per service what would change against what runs '
                        '(create, recreate, scale, start, unchanged, remove, with the differences in words), one '
                        '`summary` line and a unified `diff` of the document and the environment (secrets masked). '
                        '`valid` is false when a deploy would be refused. Changes nothing; allowed read-only. An env '
                        'or secret value sent as `••••••` stands for the value the stack has now.')
    async def check_stack(name: str, body: CheckRequest, engine: ENGINE = None) -> Response:
        return json_response(await asyncio.to_thread(d.stacks_on(engine).check_stack, name, body.compose, env=body.env,
                                                     secrets=body.secrets, files=body.files))

    @r.post('/stacks/{name}/adopt', response_model=DeployOutcome, responses=ERRORS,
            summary='Take over a stack made by docker compose: edited, versioned and rolled back here from now on',
            description='Its compose file becomes the versioned document; relative paths keep resolving in its '
                        'folder. Its containers are recreated under this app\'s labels (see the check first). On '
                        'another engine (`engine=`) its compose file, `.env` and env files are read on that '
                        'engine\'s machine, through that engine.')
    async def adopt_stack(name: str, request: Request, engine: ENGINE = None) -> Response:
        def work(progress: Callable[[Progress], None]) -> dict[str, Any]:
            stack, result = d.stacks_on(engine).adopt_stack(name, progress=progress, origin=origin(request))
            return {'stack': stack, 'result': dataclasses.asdict(result)}
        return await run_operation(request, work)

    @r.post('/stacks/{name}/cancel', responses=ERRORS,
            summary='Stop the deploy running on this stack: it stops waiting and rolls back',
            description='For a deploy, redeploy, rollback or scale in progress (from any client). Answers '
                        '`{"cancelled": true}`; 409 when nothing is running on the stack. The operation itself then '
                        'fails with "cancelled" and puts back what it changed; its history record says so.')
    def cancel(name: str, engine: ENGINE = None) -> Response:
        if not d.stacks_on(engine).cancel_deploy(name):
            raise Conflict(f'nothing is running on stack {name!r}')
        return json_response({'cancelled': True})

    @r.post('/stacks/{name}/action', response_model=DeployOutcome, responses=ERRORS,
            summary='start, stop, restart, pull, redeploy or remove a stack')
    async def stack_action(name: str, body: StackActionRequest, request: Request, engine: ENGINE = None) -> Response:
        def work(progress: Callable[[Progress], None]) -> dict[str, Any]:
            result = d.stacks_on(engine).stack_action(name, body.action, volumes=body.volumes, timeout=body.timeout,
                                                      progress=progress, origin=origin(request))
            if body.action == 'remove':
                return {'stack': None, 'result': None, 'removed': True}
            return outcome(d, name, result, engine)
        return await run_operation(request, work)

    @r.post('/stacks/{name}/secrets/reveal', response_model=RevealedSecrets, responses=ERRORS,
            summary="Show a stack's secret values, on purpose (recorded in the history)",
            description='Every other answer masks secrets (`••••••`). This one returns the values kept in the '
                        "stack's secrets store (generated passwords, secret parameters, secret env values); each "
                        'call is a history record `secrets.reveal` naming who asked and which names, never the '
                        'values. Allowed in read-only mode (nothing changes). 409 for a stack not deployed here.')
    def reveal_secrets(name: str, request: Request, engine: ENGINE = None) -> Response:
        values, record_id = d.stacks_on(engine).reveal_secrets(name, origin=origin(request))
        response = json_response({'stack': name, 'secrets': values, 'history_id': record_id})
        response.headers['cache-control'] = 'no-store'
        return response

    @r.post('/stacks/{name}/scale', response_model=DeployOutcome, responses=ERRORS,
            summary='Run a number of replicas of one service')
    async def scale(name: str, body: ScaleRequest, request: Request, engine: ENGINE = None) -> Response:
        def work(progress: Callable[[Progress], None]) -> dict[str, Any]:
            return outcome(d, name, d.stacks_on(engine).scale_stack(name, body.service, body.replicas, progress=progress,
                                                                    origin=origin(request)), engine)
        return await run_operation(request, work)

    return r
