"""REST routes for registry logins: list (never a password), keep one (checked with the registry
first), forget one. Pulls, stack deploys and update checks use the login kept for an image's
registry."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from deployer.service import Deployer

from .common import ERRORS, json_response, origin


class LoginIn(BaseModel):
    model_config = ConfigDict(extra='forbid')
    username: Annotated[str, Field(min_length=1, max_length=255)]
    password: Annotated[str, Field(min_length=1, max_length=4096, description='a password or an access token',
                                   json_schema_extra={'writeOnly': True})]
    verify: bool = Field(True, description='ask the registry first and keep the login only if it accepts it')


class LoginOut(BaseModel):
    registry: str
    username: str
    saved_at: float


def router(d: Deployer) -> APIRouter:
    r = APIRouter(tags=['registries'])

    @r.get('/registries', response_model=list[LoginOut], responses=ERRORS, summary='Registry logins',
           description='The registries a login is kept for and its user name; passwords are never returned.')
    def list_logins() -> Response:
        return json_response([login.to_dict() for login in d.registries.list()])

    @r.put('/registries/{registry:path}', response_model=LoginOut, responses=ERRORS, summary='Keep a registry login',
           description='`registry` as Docker names it: `ghcr.io`, `127.0.0.1:5000`, `docker.io` for Docker Hub. '
                       'The registry is asked through the engine first; a login it refuses answers 422 and '
                       'nothing is kept. Kept in the secrets folder (mode 0600), never in git or the history.')
    def save_login(registry: str, body: LoginIn, request: Request) -> Response:
        return json_response(d.registries.save(registry, body.username, body.password, verify=body.verify,
                                                origin=origin(request)).to_dict())

    @r.delete('/registries/{registry:path}', responses=ERRORS, summary='Forget a registry login')
    def remove_login(registry: str, request: Request) -> Response:
        d.registries.remove(registry, origin=origin(request))
        return json_response({'registry': registry, 'removed': True})

    return r
