"""REST routes for natural language: parse a command into a plan, run plans, the plan schema."""
from __future__ import annotations

import asyncio
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from deployer.nlp.plan import Plan, RunResult, schema
from deployer.service import Deployer

from .common import ERRORS, json_response, origin


class ParseRequest(BaseModel):
    model_config = ConfigDict(extra='forbid')
    command: Annotated[str, Field(min_length=1, max_length=2000)]
    mode: Literal['rules', 'llm', 'auto'] | None = None


class RunRequest(BaseModel):
    model_config = ConfigDict(extra='forbid')
    command: Annotated[str, Field(min_length=1, max_length=2000)]
    confirm: bool = False
    typed_confirmation: Annotated[str, Field(max_length=100)] | None = Field(
        None, description='for a destructive plan over several containers or stacks (its `type_to_confirm` is set): '
                          'that text, typed by the person who confirms — the number of containers and stacks it changes')


def run_plan_response(d: Deployer, plan: Plan | dict[str, Any], confirm: bool, request: Request,
                      typed_confirmation: str | None = None) -> Response:
    """Run a plan for a REST client: the typed confirmation comes beside ``confirm`` (``POST
    /nlp/run``, ``POST /deploy``) or inside the plan (``plan.typed_confirmation``)."""
    result = d.run_plan(plan, confirm=confirm, typed_confirmation=typed_confirmation, origin=nl_origin(request))
    return json_response(result.model_dump(mode='json'))


def nl_origin(request: Request) -> Any:
    base = origin(request)
    return type(base)('nl', 'api token', base.reason)


def router(d: Deployer) -> APIRouter:
    r = APIRouter(tags=['natural language'])

    @r.post('/nlp/parse', response_model=Plan, responses=ERRORS, summary='Turn a command into an action plan',
            description='Nothing runs. Names are resolved against the live state; ambiguous references come back '
                        'as `questions`; a command that is not understood gives no actions and a question.')
    async def parse(body: ParseRequest) -> Response:
        plan = await asyncio.to_thread(d.parse_command, body.command, mode=body.mode)
        return json_response(plan.model_dump(mode='json'))

    @r.post('/nlp/run', response_model=RunResult, responses={**ERRORS, 409: {'description': 'needs "confirm": true '
                                                                               '(and "typed_confirmation" when the plan '
                                                                               'says `type_to_confirm`); the plan is '
                                                                               'echoed back'}},
            summary='Parse and run a command in one call (plans that change things need "confirm": true)')
    async def run(body: RunRequest, request: Request) -> Response:
        def work() -> Response:
            plan = d.parse_command(body.command)
            if not plan.actions:
                return json_response(RunResult(ok=False, results=[], plan=plan).model_dump(mode='json'))
            return run_plan_response(d, plan, body.confirm, request, body.typed_confirmation)
        return await asyncio.to_thread(work)

    @r.get('/nlp/schema', summary='The JSON Schema of an action plan (from the models the code uses)')
    def plan_schema() -> Response:
        return json_response(schema())

    return r


class SettingsRequest(BaseModel):
    model_config = ConfigDict(extra='forbid')
    nlp_mode: Literal['rules', 'llm', 'auto'] | None = None
    llm_model: Annotated[str, Field(max_length=200)] | None = None
    llm_api_base: Annotated[str, Field(max_length=500)] | None = None
    llm_api_key: Annotated[str, Field(max_length=500)] | None = None
    llm_timeout: Annotated[float, Field(ge=1, le=300)] | None = None
    allow_privileged: bool | None = None


def settings_router(d: Deployer) -> APIRouter:
    r = APIRouter(tags=['settings'])

    @r.get('/settings', summary='The assistant and policy settings (the API key only as "set" or not)')
    def get_settings() -> Response:
        return json_response(d.nlp_settings())

    @r.put('/settings', summary='Change settings (committed to the configuration history; the key is kept secret)')
    def put_settings(body: SettingsRequest, request: Request) -> Response:
        return json_response(d.update_settings(body.model_dump(exclude_unset=True), origin=origin(request)))

    return r
