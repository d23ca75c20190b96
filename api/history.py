"""REST routes for the history (audit log), a stack's revisions, diffs and rollback."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from deployer.logs import parse_time
from deployer.service import Deployer
from deployer.stacks.converge import Progress

from .common import ERRORS, json_response, origin
from .stacks import ENGINE, run_operation


class RollbackRequest(BaseModel):
    model_config = ConfigDict(extra='forbid')
    to: Annotated[str, Field(pattern=r'^[0-9a-f]{4,40}$')] | None = Field(
        None, description='a revision id from GET /stacks/{name}/revisions (default: the one before the latest)')


def router(d: Deployer) -> APIRouter:
    r = APIRouter(tags=['history'])

    @r.get('/history', responses=ERRORS, summary='Operations, newest first, with filters and cursor pagination',
           description='Pass `next_cursor` from a page as `cursor` for the next (older) page. `since`/`until` '
                       'take epoch seconds, ISO 8601 or a duration ago like `2h`.')
    def history(stack: Annotated[str | None, Query(max_length=63)] = None,
                action: Annotated[str | None, Query(max_length=60)] = None,
                source: Literal['ui', 'rest', 'nl', 'system'] | None = None,
                ok: bool | None = None,
                since: Annotated[str | None, Query(max_length=40)] = None,
                until: Annotated[str | None, Query(max_length=40)] = None,
                cursor: Annotated[int | None, Query(ge=1)] = None,
                limit: Annotated[int, Query(ge=1, le=500)] = 50) -> Response:
        page = d.history_page(stack=stack, action=action, source=source, ok=ok,
                              since=parse_time(since, name='since'), until=parse_time(until, name='until'),
                              cursor=cursor, limit=limit)
        return json_response({'records': page.records, 'next_cursor': page.next_cursor})

    @r.get('/history/{record_id}', responses=ERRORS, summary='One history record')
    def record(record_id: int) -> Response:
        return json_response(d.history_record(record_id))

    @r.get('/stacks/{name}/revisions', responses=ERRORS, tags=['stacks'],
           summary="The stack's configuration revisions (git commits), newest first")
    def revisions(name: str, limit: Annotated[int, Query(ge=1, le=1000)] = 100, engine: ENGINE = None) -> Response:
        return json_response([rev.to_dict() for rev in d.stacks_on(engine).stack_revisions(name, limit=limit)])

    @r.get('/stacks/{name}/diff', responses=ERRORS, tags=['stacks'],
           summary='A unified diff between two revisions of the stack (default: its last change)')
    def diff(name: str, request: Request,
             older: Annotated[str | None, Query(alias='from', pattern=r'^[0-9a-f]{4,40}$')] = None,
             newer: Annotated[str | None, Query(alias='to', pattern=r'^[0-9a-f]{4,40}$')] = None,
             engine: ENGINE = None) -> Response:
        return json_response(d.stacks_on(engine).stack_diff(name, older=older, newer=newer))

    @r.post('/stacks/{name}/rollback', responses=ERRORS, tags=['stacks'],
            summary='Redeploy an earlier revision (converging) and record it as a new revision')
    async def rollback(name: str, request: Request, body: RollbackRequest | None = None,
                       engine: ENGINE = None) -> Response:
        def work(progress: Callable[[Progress], None]) -> dict[str, Any]:
            stack, result, target = d.stacks_on(engine).rollback_stack(name, to=body.to if body else None, progress=progress,
                                                     origin=origin(request))
            return {'stack': stack, 'result': dataclasses.asdict(result), 'rolled_back_to': target}
        return await run_operation(request, work)

    return r
