"""FastAPI adapter: REST routes over :class:`deployer.service.Deployer`, one error handler,
the auth middleware and the offline API docs."""
from .http import install
from .routes import router

__all__ = ['install', 'router']
