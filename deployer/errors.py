"""One exception tree for the service; front ends render it in one place each.

    DeployerError               code 'error'
    ├── NotFound                code 'not_found'         (unknown container, log source …)
    ├── Conflict                code 'conflict'          (the engine refuses in this state)
    ├── InvalidInput            code 'invalid_input'     (bad parameters, bad settings)
    ├── Forbidden               code 'forbidden'         (read-only mode, policy)
    ├── EngineUnavailable       code 'engine_unavailable' (the Docker engine does not answer)
    ├── DeployFailed            code 'deploy_failed'     (a stack did not come up; rolled back)
    └── PullFailed              code 'pull_failed'       (an image could not be pulled: registry, name)

Each error carries a message meant for the user, never a traceback.
"""
from __future__ import annotations


class DeployerError(Exception):
    code = 'error'

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DeployerError):
    code = 'not_found'


class Conflict(DeployerError):
    code = 'conflict'


class InvalidInput(DeployerError):
    code = 'invalid_input'


class Forbidden(DeployerError):
    code = 'forbidden'


class EngineUnavailable(DeployerError):
    code = 'engine_unavailable'


class DeployFailed(DeployerError):
    """A deploy that did not converge; ``service`` names the one that failed. Everything the
    deploy changed has been put back when this is raised."""
    code = 'deploy_failed'

    def __init__(self, message: str, *, service: str | None = None) -> None:
        super().__init__(message)
        self.service = service


class PullFailed(DeployerError):
    code = 'pull_failed'
