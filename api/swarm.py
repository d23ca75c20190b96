"""REST routes for Docker Swarm, on an engine that is a swarm manager (``?engine=`` as elsewhere):
nodes, join tokens, services and their tasks, service logs, scale, rolling updates, rollbacks, and
stacks deployed as `docker stack deploy` does. Changes are history records; read-only mode refuses
them; an engine that is not a manager answers 409."""
from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from deployer.errors import InvalidInput, NotFound
from deployer.service import Deployer

from .common import ERRORS, json_response, origin, sse_event
from .stacks import ENGINE, run_operation

LABEL_KEY = Annotated[str, Field(min_length=1, max_length=128, pattern=r'^[A-Za-z0-9][A-Za-z0-9_.-]*$')]


class NodeOut(BaseModel):
    id: str
    hostname: str
    role: str
    availability: Literal['active', 'pause', 'drain']
    state: str
    address: str
    engine_version: str
    labels: dict[str, str]
    leader: bool
    reachability: str | None
    tasks: int


class NodeChange(BaseModel):
    model_config = ConfigDict(extra='forbid')
    availability: Literal['active', 'pause', 'drain'] | None = None
    add_labels: dict[LABEL_KEY, Annotated[str, Field(max_length=1024)]] = Field(default_factory=dict)
    remove_labels: list[LABEL_KEY] = Field(default_factory=list, max_length=100)


class ServiceOut(BaseModel):
    id: str
    name: str
    stack: str | None
    image: str
    mode: Literal['replicated', 'global']
    replicas: int | None
    running: int
    desired: int
    ports: list[dict[str, Any]]
    update_state: str | None
    update_message: str | None
    created: str
    updated: str


class TaskOut(BaseModel):
    id: str
    service: str
    slot: int | None
    node_id: str
    node: str
    desired: str
    state: str
    message: str
    error: str | None
    container: str | None
    image: str
    updated: str


class ScaleIn(BaseModel):
    model_config = ConfigDict(extra='forbid')
    replicas: Annotated[int, Field(ge=0, le=1000)]


class UpdateIn(BaseModel):
    model_config = ConfigDict(extra='forbid')
    image: Annotated[str, Field(min_length=1, max_length=255)]


class StackIn(BaseModel):
    model_config = ConfigDict(extra='forbid')
    compose: Annotated[str, Field(min_length=1, max_length=1_000_000)]


class RollbackIn(BaseModel):
    model_config = ConfigDict(extra='forbid')
    to: Annotated[str, Field(pattern=r'^[0-9a-f]{4,40}$')]


class StackOutcomeOut(BaseModel):
    stack: str
    created: list[str]
    updated: list[str]
    unchanged: list[str]
    removed: list[str]
    revision: str | None
    warnings: list[str]


def _message(line: str) -> dict[str, str]:
    return {'message': line}


def router(d: Deployer) -> APIRouter:
    r = APIRouter(tags=['swarm'])

    @r.get('/swarm', responses=ERRORS, summary='Whether the engine is in a swarm, and a manager of it')
    def swarm_info(engine: ENGINE = None) -> Response:
        return json_response(d.swarm_on(engine).info())

    @r.get('/swarm/join-tokens', responses=ERRORS, summary='The commands that join a node (tokens masked)',
           description='`reveal=true` shows the tokens; the reveal is a history record.')
    def join_tokens(request: Request, reveal: bool = False, engine: ENGINE = None) -> Response:
        response = json_response(d.swarm_on(engine).join_tokens(reveal=reveal, origin=origin(request)))
        response.headers['cache-control'] = 'no-store'
        return response

    @r.get('/nodes', response_model=list[NodeOut], responses=ERRORS, summary='Swarm nodes',
           description='Role, availability, state, address, engine version, labels, leader, running tasks.')
    def list_nodes(engine: ENGINE = None) -> Response:
        return json_response([n.to_dict() for n in d.swarm_on(engine).nodes()])

    @r.patch('/nodes/{node}', response_model=NodeOut, responses=ERRORS, summary='Drain, pause or activate a node; '
             'add or remove its labels')
    def change_node(node: str, body: NodeChange, request: Request, engine: ENGINE = None) -> Response:
        swarm = d.swarm_on(engine)
        if body.availability is None and not body.add_labels and not body.remove_labels:
            raise InvalidInput('give an availability, labels to add or labels to remove')
        result = None
        if body.availability is not None:
            result = swarm.set_availability(node, body.availability, origin=origin(request))
        if body.add_labels or body.remove_labels:
            result = swarm.set_labels(node, add=body.add_labels, remove=body.remove_labels, origin=origin(request))
        assert result is not None
        return json_response(result.to_dict())

    @r.get('/nodes/{node}/tasks', response_model=list[TaskOut], responses=ERRORS, summary='The tasks on a node')
    def node_tasks(node: str, engine: ENGINE = None) -> Response:
        return json_response([t.to_dict() for t in d.swarm_on(engine).tasks(node=node)])

    @r.get('/services', response_model=list[ServiceOut], responses=ERRORS, summary='Swarm services',
           description='`stack=` keeps one stack\'s services.')
    def list_services(stack: Annotated[str | None, Query(max_length=64)] = None, engine: ENGINE = None) -> Response:
        return json_response([s.to_dict() for s in d.swarm_on(engine).services(stack=stack)])

    @r.get('/services/{service}', responses=ERRORS, summary='A service: its spec (environment values left out) and '
           'its tasks')
    def get_service(service: str, engine: ENGINE = None) -> Response:
        return json_response(d.swarm_on(engine).service(service))

    @r.get('/services/{service}/tasks', response_model=list[TaskOut], responses=ERRORS,
           summary='Which node runs each task of a service, and in what state')
    def service_tasks(service: str, all: bool = False, engine: ENGINE = None) -> Response:
        return json_response([t.to_dict() for t in d.swarm_on(engine).tasks(service, all=all)])

    @r.get('/services/{service}/logs', responses=ERRORS, summary='Every task\'s log lines, with task and node',
           description='JSON `{"lines": [{"time", "task", "node", "line"}]}`; with `follow=true` a Server-Sent '
                       'Events stream, one `line` event a line.')
    async def service_logs(service: str, tail: Annotated[int, Query(ge=0, le=100_000)] = 200,
                           since: Annotated[float | None, Query(ge=0)] = None, follow: bool = False,
                           engine: ENGINE = None) -> Response:
        swarm = d.swarm_on(engine)
        if follow:
            lines = swarm.service_logs(service, tail=tail, since=since, follow=True)
            first = await asyncio.to_thread(next, lines, None)   # errors (no such service …) before the 200

            def events() -> Iterator[bytes]:
                for line in itertools.chain([first] if first is not None else [], lines):
                    yield sse_event('line', line)
            return StreamingResponse(events(), media_type='text/event-stream',
                                     headers={'cache-control': 'no-cache', 'x-accel-buffering': 'no'})
        rows = await asyncio.to_thread(lambda: list(swarm.service_logs(service, tail=tail, since=since)))
        return json_response({'service': service, 'count': len(rows), 'lines': rows})

    def operation(request: Request, work: Callable[[Callable[[Any], None]], Any]) -> Any:
        return run_operation(request, work, encode=_message)

    @r.post('/services/{service}/scale', response_model=ServiceOut, responses=ERRORS, summary='Scale a service',
            description='Waits until the replicas run; `Accept: text/event-stream` streams the progress.')
    async def scale(service: str, body: ScaleIn, request: Request, engine: ENGINE = None) -> Response:
        swarm = d.swarm_on(engine)
        return await operation(request, lambda progress: swarm.scale(
            service, body.replicas, origin=origin(request), progress=progress).to_dict())

    @r.post('/services/{service}/update', response_model=ServiceOut, responses=ERRORS,
            summary='A rolling update to another image',
            description='As the service\'s update_config says; a failed update is rolled back and answered as an '
                        'error naming the tasks\' errors.')
    async def update(service: str, body: UpdateIn, request: Request, engine: ENGINE = None) -> Response:
        swarm = d.swarm_on(engine)
        return await operation(request, lambda progress: swarm.update_image(
            service, body.image, origin=origin(request), progress=progress).to_dict())

    @r.post('/services/{service}/rollback', response_model=ServiceOut, responses=ERRORS,
            summary='Back to the service\'s previous version')
    async def rollback(service: str, request: Request, engine: ENGINE = None) -> Response:
        swarm = d.swarm_on(engine)
        return await operation(request, lambda progress: swarm.rollback(
            service, origin=origin(request), progress=progress).to_dict())

    @r.delete('/services/{service}', status_code=204, responses=ERRORS, summary='Remove a service')
    def remove_service(service: str, request: Request, engine: ENGINE = None) -> Response:
        d.swarm_on(engine).remove_service(service, origin=origin(request))
        return Response(status_code=204)

    @r.get('/swarm/stacks', responses=ERRORS, summary='Swarm stacks',
           description='By their com.docker.stack.namespace labels (those made by `docker stack deploy` too); '
                       '`managed` when their compose file is kept here.')
    def list_stacks(engine: ENGINE = None) -> Response:
        return json_response([s.to_dict() for s in d.swarm_on(engine).stacks()])

    @r.get('/swarm/stacks/{stack}', responses=ERRORS, summary='A swarm stack: its services and compose file')
    def get_stack(stack: str, engine: ENGINE = None) -> Response:
        swarm = d.swarm_on(engine)
        services = [s.to_dict() for s in swarm.services(stack=stack)]
        compose = swarm.stack_file(stack)
        if not services and compose is None:
            raise NotFound(f'no swarm stack {stack}')
        return json_response({'stack': stack, 'services': services, 'compose': compose,
                              'revisions': [rev.to_dict() for rev in swarm.stack_revisions(stack)]})

    @r.put('/swarm/stacks/{stack}', response_model=StackOutcomeOut, responses=ERRORS,
           summary='Deploy a stack to the swarm (docker stack deploy)',
           description='Creates, updates (rolling) and removes services until the swarm runs the file; unchanged '
                       'services are left alone. A failure rolls back what this deploy changed. `Accept: '
                       'text/event-stream` streams the progress.')
    async def deploy_stack(stack: str, body: StackIn, request: Request, engine: ENGINE = None) -> Response:
        swarm = d.swarm_on(engine)
        return await operation(request, lambda progress: swarm.deploy_stack(
            stack, body.compose, origin=origin(request), progress=progress).to_dict())

    @r.post('/swarm/stacks/{stack}/rollback', response_model=StackOutcomeOut, responses=ERRORS,
            summary='Deploy the stack as it was at a revision ("roll back to here")')
    async def rollback_stack(stack: str, body: RollbackIn, request: Request, engine: ENGINE = None) -> Response:
        swarm = d.swarm_on(engine)
        return await operation(request, lambda progress: swarm.deploy_revision(
            stack, body.to, origin=origin(request), progress=progress).to_dict())

    @r.delete('/swarm/stacks/{stack}', responses=ERRORS, summary='Remove a swarm stack (docker stack rm)')
    def remove_stack(stack: str, request: Request, engine: ENGINE = None) -> Response:
        return json_response({'removed': d.swarm_on(engine).remove_stack(stack, origin=origin(request))})

    return r
