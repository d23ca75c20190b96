"""One exception tree for the service; front ends render it in one place each. Each class
carries its code and the HTTP status the REST API answers with (read by api/errors.py).

    DeployerError               code 'error'               502
    ├── NotFound                code 'not_found'           404 (unknown container, log source …)
    ├── Conflict                code 'conflict'            409 (the engine refuses in this state)
    │   └── NeedsConfirmation   code 'needs_confirmation'  409 (a plan that changes things, unconfirmed)
    ├── InvalidInput            code 'invalid_input'       422 (bad parameters, bad settings)
    ├── Forbidden               code 'forbidden'           403 (read-only mode, policy)
    ├── EngineUnavailable       code 'engine_unavailable'  503 (the Docker engine does not answer)
    ├── DeployFailed            code 'deploy_failed'       409 (a stack did not come up; rolled back)
    └── PullFailed              code 'pull_failed'         424 (an image could not be pulled: registry, name)

Each error carries a message meant for the user, never a traceback. Engine errors are
translated into these in one place: ``deployer.engine.errors.translate``.
"""
from __future__ import annotations

from typing import Any


class DeployerError(Exception):
    code = 'error'
    status = 502

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DeployerError):
    code = 'not_found'
    status = 404


class Conflict(DeployerError):
    code = 'conflict'
    status = 409


class NeedsConfirmation(Conflict):
    """A plan that changes something was sent without ``confirm: true``; ``plan`` is the checked
    plan (an ``nlp.plan.Plan``), echoed back so the client can show it and confirm."""
    code = 'needs_confirmation'

    def __init__(self, plan: Any) -> None:
        super().__init__(f'this plan is "{plan.risk}": send it again with "confirm": true to run it')
        self.plan = plan


class StackChanged(Conflict):
    """A save made against an older revision of the stack's configuration: someone changed the
    stack since the editor opened it. ``details`` (revisions and the difference) go out with
    the error so the editor can show what changed instead of overwriting it."""
    code = 'stack_changed'

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.details = details


class StackExists(Conflict):
    """A template deployed onto a stack that exists, without asking to update it; ``details``
    say what the update would change."""
    code = 'stack_exists'

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.details = details


class HostKeyUnknown(Conflict):
    """An SSH host whose key nobody has confirmed yet: ``details`` carry its fingerprint; the
    client shows it to the user and sends it back (``host_key``) to trust it."""
    code = 'host_key_unknown'

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.details = details


class InvalidInput(DeployerError):
    code = 'invalid_input'
    status = 422


class Forbidden(DeployerError):
    code = 'forbidden'
    status = 403


class EngineUnavailable(DeployerError):
    code = 'engine_unavailable'
    status = 503


class DeployFailed(DeployerError):
    """A deploy that did not converge; ``service`` names the one that failed. Everything the
    deploy changed has been put back when this is raised."""
    code = 'deploy_failed'
    status = 409

    def __init__(self, message: str, *, service: str | None = None, detail: str | None = None,
                 evidence: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.service = service
        self.detail = detail            # the engine's own words, for "details" (the message is one plain sentence)
        self.evidence = evidence or {}  # the failing service's last log lines and health output, kept before rollback

    @property
    def details(self) -> dict[str, Any]:
        """What goes out with the error besides its message (REST, server-sent events)."""
        return {k: v for k, v in (('service', self.service), ('detail', self.detail), ('evidence', self.evidence)) if v}


class PullFailed(DeployerError):
    code = 'pull_failed'
    status = 424
