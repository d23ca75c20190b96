"""FastAPI adapter: REST routes over :class:`deployer.service.Deployer`, one error handler,
the auth middleware and the offline API docs."""
from fastapi import APIRouter

from deployer.service import Deployer

from . import engines, history, images, nlp, registries, routes, stacks, swarm, templates, volumes
from .http import install


def router(d: Deployer) -> APIRouter:
    combined = APIRouter()
    combined.include_router(routes.router(d))
    combined.include_router(stacks.router(d))
    combined.include_router(templates.router(d))
    combined.include_router(history.router(d))
    combined.include_router(images.router(d))
    combined.include_router(volumes.router(d))
    combined.include_router(registries.router(d))
    combined.include_router(engines.router(d))
    combined.include_router(swarm.router(d))
    combined.include_router(nlp.router(d))
    combined.include_router(nlp.settings_router(d))
    return combined


__all__ = ['install', 'router']
