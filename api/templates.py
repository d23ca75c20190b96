"""REST routes for the template catalog: search, details, deploy, import, save, delete."""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from deployer.service import Deployer
from deployer.stacks.converge import Progress
from deployer.vocabulary import STACK_NAME

from .common import ERRORS, ErrorResponse, json_response, origin
from .stacks import ENGINE, run_operation

TEMPLATE_ID = r'^[a-z0-9][a-z0-9._-]{0,62}$'


class TemplateDeployRequest(BaseModel):
    model_config = ConfigDict(extra='forbid')
    template: Annotated[str, Field(pattern=TEMPLATE_ID)]
    stack: Annotated[str, Field(pattern=STACK_NAME)] | None = Field(None, description='default: the template id')
    params: dict[str, str | int | float | bool] = Field(default_factory=dict)
    update: bool = Field(False, description='deploy onto a stack that exists (it is updated: parameters not given '
                         'keep the values it has). Without it: 409 `stack_exists` with the `summary` and `changes` '
                         'that update would make')


class ImportRequest(BaseModel):
    model_config = ConfigDict(extra='forbid')
    url: Annotated[str, Field(max_length=2000)] | None = Field(None, description='a Portainer feed (v1 list, v2, v3)')
    content: Annotated[str, Field(max_length=1024 * 1024)] | dict[str, Any] | list[Any] | None = Field(
        None, description='the feed itself, e.g. an uploaded file')
    name: Annotated[str, Field(max_length=500)] | None = Field(None, description='a name for an uploaded feed')

    @model_validator(mode='after')
    def one_source(self) -> ImportRequest:
        if (self.url is None) == (self.content is None):
            raise ValueError('give either url or content')
        return self


class SaveTemplateRequest(BaseModel):
    model_config = ConfigDict(extra='forbid')
    id: Annotated[str, Field(pattern=TEMPLATE_ID)]
    stack: Annotated[str, Field(pattern=STACK_NAME)]
    title: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(max_length=2000)] = ''
    category: Annotated[str, Field(max_length=60)] = 'Custom'


def summary(template: Any) -> dict[str, Any]:
    data = template.to_dict()
    data.pop('compose', None)
    data.pop('logo', None)
    data['logo_path'] = f'/templates/{template.id}/logo.svg' if template.logo else None
    return data


def router(d: Deployer) -> APIRouter:
    r = APIRouter(tags=['templates'])

    @r.get('/templates', responses=ERRORS, summary='Search the template catalog',
           description='`q`: words that must all match (id, title, tags, keywords, description); `category`.')
    def list_templates(q: Annotated[str | None, Query(max_length=200)] = None,
                       category: Annotated[str | None, Query(max_length=60)] = None) -> Response:
        return json_response([summary(t) for t in d.list_templates(q=q, category=category)])

    @r.get('/templates/{template_id}', responses=ERRORS, summary='One template with its parameters and compose document')
    def get_template(template_id: str) -> Response:
        template = d.get_template(template_id)
        return json_response(summary(template) | {'compose': template.compose})

    @r.get('/templates/{template_id}/logo.svg', include_in_schema=False)
    def logo(template_id: str) -> Response:
        template = d.get_template(template_id)
        if not template.logo:
            return Response(status_code=404)
        return Response(template.logo, media_type='image/svg+xml', headers={
            'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'cache-control': 'max-age=300'})

    @r.post('/templates/deploy', responses=ERRORS, summary='Deploy a template as a stack',
            description='Parameters are checked against their types; secrets not given are generated. Their '
                        'names are listed in `generated` and their values in `generated_values`: **shown once, in '
                        'this response only** (copy them now). Afterwards every answer masks them (`••••••`), '
                        'and `POST /stacks/{name}/secrets/reveal` shows them again on purpose, recorded in the '
                        'history. Send `Accept: text/event-stream` for progress events (the values come in the '
                        '`result` event).')
    async def deploy(body: TemplateDeployRequest, request: Request, engine: ENGINE = None) -> Response:
        def work(progress: Callable[[Progress], None]) -> dict[str, Any]:
            stack, result, generated = d.stacks_on(engine).deploy_template(body.template, stack=body.stack, params=body.params,
                                                         progress=progress, origin=origin(request), update=body.update)
            return {'stack': stack, 'result': dataclasses.asdict(result), 'generated': sorted(generated),
                    'generated_values': dict(sorted(generated.items()))}
        return await run_operation(request, work)

    @r.post('/templates/import', summary='Import a Portainer template feed (URL or content)',
            responses={**ERRORS, 403: {'model': ErrorResponse, 'description': 'read-only, or a feed address not allowed'}},
            description='`url`: fetched over http(s) from public addresses only (loopback and private ones '
                        'with DEPLOYER_FEEDS_ALLOW_PRIVATE=1), redirects re-checked, within 20 s and 5 MiB. '
                        'A refused address answers 403 `forbidden`; a bad URL or a feed that could not be '
                        'fetched or read answers 422 `invalid_input`.')
    def import_feed(body: ImportRequest, request: Request) -> Response:
        if body.url is not None:
            result = d.import_templates_from_url(body.url, origin=origin(request))
        else:
            assert body.content is not None
            result = d.import_templates(body.content, source_name=body.name or 'uploaded feed', origin=origin(request))
        return json_response({'imported': result.imported, 'unavailable': result.unavailable,
                      'templates': [summary(t) for t in result.templates]})

    @r.post('/templates', responses=ERRORS, status_code=201, summary='Save a deployed stack as a template of your own')
    def save(body: SaveTemplateRequest, request: Request, engine: ENGINE = None) -> Response:
        template = d.stacks_on(engine).save_stack_as_template(body.stack, template_id=body.id, title=body.title,
                                            description=body.description, category=body.category, origin=origin(request))
        return json_response(summary(template), status=201)

    @r.delete('/templates/{template_id}', responses=ERRORS, status_code=204,
              summary='Delete a template you saved or imported')
    def delete(template_id: str, request: Request) -> Response:
        d.delete_template(template_id, origin=origin(request))
        return Response(status_code=204)

    return r
