"""REST routes for engines: the local one and the remote ones added here (tcp:// with TLS client
certificates), each with its own watcher; their keys are kept in the secrets folder and never
returned."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from deployer.service import Deployer

from .common import ERRORS, json_response, origin

PEM_TEXT = Field(max_length=20_000, json_schema_extra={'writeOnly': True})


class EngineIn(BaseModel):
    model_config = ConfigDict(extra='forbid')
    id: Annotated[str, Field(min_length=1, max_length=31, pattern=r'^[a-z0-9][a-z0-9-]*$',
                             description='a short name: edge-2, nas, vps-1')]
    url: Annotated[str, Field(min_length=1, max_length=300, description='tcp://host:2376 (TLS) or unix:///path')]
    ca: Annotated[str | None, PEM_TEXT] = None
    cert: Annotated[str | None, PEM_TEXT] = None
    key: Annotated[str | None, PEM_TEXT] = None
    allow_plain: bool = Field(False, description='allow tcp:// without TLS (anyone on that network controls it)')
    host_key: Annotated[str | None, Field(max_length=100, description='ssh://: the fingerprint (SHA256:…) of the '
                                          'host key, as answered by a first try (409 host_key_unknown), to trust it')] = None
    bind_roots: list[Annotated[str, Field(max_length=400)]] = Field(
        default_factory=list, max_length=20, description="folders on that host that stacks may bind-mount")


class BindRoots(BaseModel):
    model_config = ConfigDict(extra='forbid')
    bind_roots: list[Annotated[str, Field(max_length=400)]] = Field(
        max_length=20, description="folders on that host that stacks and volumes may bind-mount (absolute, not /)")


class ContextImport(BaseModel):
    model_config = ConfigDict(extra='forbid')
    id: Annotated[str, Field(min_length=1, max_length=31, pattern=r'^[a-z0-9][a-z0-9-]*$')] | None = None


class EngineOut(BaseModel):
    id: str
    url: str
    tls: bool
    default: bool
    reachable: bool
    version: str | None
    error: str | None
    containers: int
    running: int
    bind_roots: list[str]


def router(d: Deployer) -> APIRouter:
    r = APIRouter(tags=['engines'])

    @r.get('/engines', response_model=list[EngineOut], responses=ERRORS, summary='The engines and whether they answer',
           description='`local` (the default) first. Every container route takes `?engine=<id>`.')
    def list_engines() -> Response:
        return json_response(d.engines.list())

    @r.post('/engines', response_model=EngineOut, responses=ERRORS, summary='Add an engine',
            description='The engine is asked for its version first (over TLS with the given CA, client certificate '
                        'and key); one that does not answer is not added (422). Plain tcp:// is refused unless '
                        '`allow_plain`. ssh://user@host takes the private key as `key`; the first try answers 409 '
                        '`host_key_unknown` with the host key\'s `fingerprint`: send it back as `host_key` to trust it. '
                        'Committed to the configuration repository '
                        '(`engines.yaml`); the keys go to the secrets folder.')
    def add_engine(body: EngineIn, request: Request) -> Response:
        return json_response(d.engines.add(body.id, body.url, ca=body.ca, cert=body.cert, key=body.key,
                                           allow_plain=body.allow_plain, bind_roots=body.bind_roots,
                                           host_key=body.host_key, origin=origin(request)))

    @r.get('/engines/contexts', responses=ERRORS, summary='The docker contexts that could be imported',
           description='`docker context ls` of the user running the app: name, address, TLS keys or not, whether it '
                       'can be imported (`why_not` otherwise: ssh://, plain tcp://, TLS verification skipped) and '
                       'whether an engine at that address is already here.')
    def list_contexts() -> Response:
        return json_response(d.engines.contexts())

    @r.post('/engines/contexts/{name}/import', response_model=EngineOut, responses=ERRORS,
            summary='Add the engine of a docker context (its TLS keys copied to the secrets folder)')
    def import_context(name: str, request: Request, body: ContextImport | None = None) -> Response:
        return json_response(d.engines.import_context(name, engine_id=body.id if body else None,
                                                      origin=origin(request)))

    @r.put('/engines/{engine_id}/bind_roots', response_model=EngineOut, responses=ERRORS,
           summary="Set the folders of that engine's host that stacks and volumes may bind-mount",
           description='Checked as paths on that host, not on this one; committed with the engine (engines.yaml). '
                       'The local engine\'s folders are DEPLOYER_BIND_ROOTS (409).')
    def set_bind_roots(engine_id: str, body: BindRoots, request: Request) -> Response:
        return json_response(d.engines.set_bind_roots(engine_id, body.bind_roots, origin=origin(request)))

    @r.delete('/engines/{engine_id}', responses=ERRORS, summary='Forget an engine (its containers keep running)')
    def remove_engine(engine_id: str, request: Request) -> Response:
        d.engines.remove(engine_id, origin=origin(request))
        return json_response({'id': engine_id, 'removed': True})

    return r
