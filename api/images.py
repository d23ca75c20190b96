"""REST routes for images: list, pull (JSON at the end, or per-layer progress as Server-Sent
Events for clients sending ``Accept: text/event-stream``), remove and prune."""
from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from deployer.service import Deployer
from deployer.service_images import PullProgress

from .common import ERRORS, json_response, origin
from .stacks import ENGINE, run_operation


class PullRequest(BaseModel):
    model_config = ConfigDict(extra='forbid')
    image: Annotated[str, Field(min_length=1, max_length=255, description='nginx:1.27, ghcr.io/owner/app:2 …')]


class ImageOut(BaseModel):
    id: str
    short_id: str
    tags: list[str]
    digests: list[str]
    size: int
    created: float
    dangling: bool
    containers: list[str]
    stacks: list[str]
    in_use: bool


class PullResult(BaseModel):
    image: str
    id: str
    digest: str | None
    layers: int
    status: str
    size: int


class RemoveResult(BaseModel):
    image: str
    untagged: list[str]
    deleted: list[str]


class PruneResult(BaseModel):
    deleted: list[str]
    space_reclaimed: int


def router(d: Deployer) -> APIRouter:
    r = APIRouter(tags=['images'])

    @r.get('/images', response_model=list[ImageOut], responses=ERRORS, summary='List images',
           description='Newest first, with the containers created from each (running or not) and their stacks. '
                       '`dangling=true` lists only the untagged ones, `unused=true` only those no container uses.')
    def list_images(dangling: bool = False, unused: bool = False, engine: ENGINE = None) -> Response:
        images = [i for i in d.images_on(engine).list_images() if (not dangling or i.dangling) and (not unused or not i.in_use)]
        return json_response([i.to_dict() for i in images])

    @r.get('/images/{ref:path}', response_model=ImageOut, responses=ERRORS, summary='One image by tag or id')
    def get_image(ref: str, engine: ENGINE = None) -> Response:
        return json_response(d.images_on(engine).get_image(ref).to_dict())

    @r.post('/images/pull', response_model=PullResult, responses=ERRORS, summary='Pull an image',
            description='Send `Accept: text/event-stream` to receive `progress` events while the layers arrive '
                        '(`{image, status, fraction, digest, layers: [{id, status, current, total}]}`), then '
                        '`result` or `error`. A pull that fails answers 424 `pull_failed` with the reason.')
    async def pull(body: PullRequest, request: Request, engine: ENGINE = None) -> Response:
        def work(progress: Callable[[PullProgress], None]) -> dict[str, Any]:
            return d.images_on(engine).pull(body.image, on_progress=progress, origin=origin(request))
        return await run_operation(request, work, encode=lambda p: p.to_dict())

    @r.delete('/images/{ref:path}', response_model=RemoveResult, responses=ERRORS, summary='Remove an image',
              description='Refused (409) while a container was created from it, unless `force=true`; removing one '
                          'tag of an image that has others only untags it.')
    def remove_image(ref: str, request: Request,
                     force: Annotated[bool, Query(description='remove even if containers use it')] = False,
                     engine: ENGINE = None) -> Response:
        return json_response(d.images_on(engine).remove(ref, force=force, origin=origin(request)))

    @r.post('/images/prune', response_model=PruneResult, responses=ERRORS, summary='Remove dangling images')
    def prune(request: Request, engine: ENGINE = None) -> Response:
        return json_response(d.images_on(engine).prune(origin=origin(request)))

    return r
