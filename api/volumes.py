"""REST routes for volumes and networks: list, create, remove, prune volumes; create, remove,
connect and disconnect networks. Changes are history records; read-only mode refuses them."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from deployer.service import Deployer

from .common import ERRORS, json_response, origin
from .stacks import ENGINE

NAME = Field(min_length=1, max_length=128, pattern=r'^[a-zA-Z0-9][a-zA-Z0-9_.-]*$')


class VolumeIn(BaseModel):
    model_config = ConfigDict(extra='forbid')
    name: Annotated[str, NAME]
    driver: Annotated[str, Field(max_length=64)] = 'local'
    options: dict[Annotated[str, Field(max_length=64)], Annotated[str, Field(max_length=4096)]] = Field(
        default_factory=dict, description='driver options; a bind (`type: none, o: bind, device: /path`) must be in '
                                          'an allowed folder (DEPLOYER_BIND_ROOTS)')
    labels: dict[Annotated[str, Field(max_length=256)], Annotated[str, Field(max_length=4096)]] = Field(default_factory=dict)


class VolumeOut(BaseModel):
    name: str
    driver: str
    mountpoint: str
    created: str | None
    stack: str | None
    size: int | None
    options: dict[str, str]
    containers: list[str]
    in_use: bool


class NetworkIn(BaseModel):
    model_config = ConfigDict(extra='forbid')
    name: Annotated[str, NAME]
    driver: Annotated[str, Field(max_length=32)] = 'bridge'
    internal: bool = False
    subnet: Annotated[str, Field(max_length=64)] | None = None


class NetworkOut(BaseModel):
    id: str
    name: str
    driver: str
    scope: str
    internal: bool
    subnets: list[str]
    stack: str | None
    predefined: bool
    containers: list[str]


class Attach(BaseModel):
    model_config = ConfigDict(extra='forbid')
    container: Annotated[str, Field(min_length=1, max_length=200)]
    force: bool = False


def router(d: Deployer) -> APIRouter:
    r = APIRouter()

    @r.get('/volumes', response_model=list[VolumeOut], responses=ERRORS, tags=['volumes'], summary='List volumes',
           description='With each volume\'s size where the engine reports it, the containers mounting it and its stack. '
                       '`unused=true` lists only those no container uses.')
    def list_volumes(unused: bool = False, engine: ENGINE = None) -> Response:
        return json_response([v.to_dict() for v in d.volumes_on(engine).list_volumes() if not unused or not v.in_use])

    @r.post('/volumes', response_model=VolumeOut, responses=ERRORS, tags=['volumes'], summary='Create a volume')
    def create_volume(body: VolumeIn, request: Request, engine: ENGINE = None) -> Response:
        return json_response(d.volumes_on(engine).create(body.name, driver=body.driver, options=body.options, labels=body.labels,
                                              origin=origin(request)).to_dict())

    @r.delete('/volumes/{name}', responses=ERRORS, tags=['volumes'], summary='Remove a volume',
              description='Refused (409) while a container, running or not, mounts it.')
    def remove_volume(name: str, request: Request, engine: ENGINE = None) -> Response:
        return json_response(d.volumes_on(engine).remove(name, origin=origin(request)))

    @r.post('/volumes/prune', responses=ERRORS, tags=['volumes'], summary='Remove every volume no container uses')
    def prune_volumes(request: Request, engine: ENGINE = None) -> Response:
        return json_response(d.volumes_on(engine).prune(origin=origin(request)))

    @r.get('/networks', response_model=list[NetworkOut], responses=ERRORS, tags=['networks'], summary='List networks')
    def list_networks(engine: ENGINE = None) -> Response:
        return json_response([n.to_dict() for n in d.networks_on(engine).list_networks()])

    @r.post('/networks', response_model=NetworkOut, responses=ERRORS, tags=['networks'], summary='Create a network')
    def create_network(body: NetworkIn, request: Request, engine: ENGINE = None) -> Response:
        return json_response(d.networks_on(engine).create(body.name, driver=body.driver, internal=body.internal,
                                                          subnet=body.subnet,
                                               origin=origin(request)).to_dict())

    @r.delete('/networks/{name}', responses=ERRORS, tags=['networks'], summary='Remove a network',
              description='Refused (409) while containers are attached, and for the engine\'s own (bridge, host, none).')
    def remove_network(name: str, request: Request, engine: ENGINE = None) -> Response:
        return json_response(d.networks_on(engine).remove(name, origin=origin(request)))

    @r.post('/networks/{name}/connect', response_model=NetworkOut, responses=ERRORS, tags=['networks'],
            summary='Attach a container to a network')
    def connect(name: str, body: Attach, request: Request, engine: ENGINE = None) -> Response:
        return json_response(d.networks_on(engine).connect(name, body.container, origin=origin(request)).to_dict())

    @r.post('/networks/{name}/disconnect', response_model=NetworkOut, responses=ERRORS, tags=['networks'],
            summary='Detach a container from a network')
    def disconnect(name: str, body: Attach, request: Request,
                   force: Annotated[bool, Query(description='also when the container is not running')] = False,
                     engine: ENGINE = None) -> Response:
        return json_response(d.networks_on(engine).disconnect(name, body.container, force=body.force or force,
                                                   origin=origin(request)).to_dict())

    return r
