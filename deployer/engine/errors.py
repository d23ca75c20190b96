"""One translation of what the SDK raises into the service's errors (the only place that
knows docker's exception types)."""
from __future__ import annotations

import re

import docker
import docker.errors
import requests.exceptions

from ..errors import Conflict, DeployerError, EngineUnavailable, InvalidInput, NotFound

# how the engine says the object itself is missing ("No such container: x", "network x not found")
MISSING = re.compile(r'no such|not found', re.IGNORECASE)
HINT = ('Start the Docker engine (e.g. `sudo systemctl start docker`) or point DOCKER_HOST at one '
        'that runs; DockerDeployer reconnects by itself.')


def translate(exc: Exception, what: str = '') -> DeployerError:
    """Turn an SDK or transport exception into one of ours."""
    if isinstance(exc, DeployerError):
        return exc
    if isinstance(exc, docker.errors.InvalidArgument):
        return InvalidInput(str(exc))
    if isinstance(exc, docker.errors.NotFound):
        message = _explanation(exc)
        if what and not MISSING.search(message):
            # a 404 about something else, e.g. creating a network when no address pool is left
            return DeployerError(f'the Docker engine refused {what}: {message}')
        return NotFound(f'{what} not found' if what else message)
    if isinstance(exc, docker.errors.APIError):
        status = exc.status_code or 500
        message = _explanation(exc)
        if status == 409:
            return Conflict(message)
        if status in (400, 422):
            return InvalidInput(message)
        if status == 404:
            return NotFound(message)
        if any(text in message for text in ('is not paused', 'is not running', 'is already paused', 'is paused')):
            return Conflict(message)
        if 'Multiple IDs found' in message:
            return InvalidInput(f'{what or "the reference"} is ambiguous: {message}; give more of the id or the name')
        return DeployerError(f'the Docker engine refused: {message}')
    if isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                        docker.errors.DockerException, ConnectionError, FileNotFoundError)):
        return EngineUnavailable(f'The Docker engine is unreachable. {HINT}')
    return DeployerError(f'unexpected engine error: {type(exc).__name__}')


def _explanation(exc: docker.errors.APIError) -> str:
    text = exc.explanation
    if isinstance(text, bytes):
        text = text.decode('utf-8', 'replace')
    return str(text or exc).strip()
