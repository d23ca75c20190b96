"""Pre-checks: what the gallery's deploy dialog tells you before you deploy, told about a plan
before you confirm it.

Each check looks at one action against the live state and answers plain sentences; the plan
shows them with its warnings (and in ``Plan.prechecks``). They never block a plan: the run
itself refuses what cannot be done. A new check is a function here, listed in ``CHECKS``.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import DeployerError

if TYPE_CHECKING:
    from ..templates import Catalog
    from .state import State


@dataclass(frozen=True)
class Context:
    state: State
    catalog: Catalog
    port_in_use: Callable[[int], str | None]   # the dialog's own check (Deployer.port_in_use): a name, or None
    check_template: Callable[..., Any] | None = None   # Deployer.check_template: what a template deploy would change


def published_ports(action: Any, catalog: Catalog) -> list[int]:
    """The host ports an action asks for: a ``run``'s ports, a template's port parameters (the
    value given, else the default), as the deploy dialog checks them."""
    if action.type == 'run':
        return [p.host for p in action.ports if p.host]
    if action.type != 'deploy_template':
        return []
    try:
        template = catalog.get(action.template)
    except DeployerError:
        return []
    ports = []
    for param in template.parameters:
        if param.type == 'port':
            try:
                ports.append(int(action.params.get(param.name, param.default)))
            except (TypeError, ValueError):
                continue
    return ports


def port_taken(action: Any, ctx: Context) -> list[str]:
    """A host port the action publishes that something else holds (a container of the stack
    being deployed again holds its own ports: that is no conflict)."""
    own = (action.stack or action.template.replace('.', '-')[:63]) if action.type == 'deploy_template' else None
    found = []
    for port in published_ports(action, ctx.catalog):
        try:
            holder = ctx.port_in_use(port) if 0 < port < 65536 else None
        except DeployerError:
            continue
        box = ctx.state.container(holder) if holder else None
        if holder and not (own and box is not None and box.stack == own):
            found.append(f'Port {port} is already in use by {holder}.')
    return found


def stack_exists(action: Any, ctx: Context) -> list[str]:
    """A template deployed onto a stack that exists updates it: say what that changes, as the
    gallery's dialog asks before it does so (never a silent replacement)."""
    if action.type != 'deploy_template' or ctx.check_template is None:
        return []
    name = action.stack or action.template.replace('.', '-')[:63]
    if name not in ctx.state.stacks:
        return []
    try:
        check = ctx.check_template(action.template, stack=name, params=dict(action.params))
    except DeployerError as exc:
        return [f'Stack {name} exists; checking the update failed: {exc.message}']
    if not check.changed:
        return [f'Stack {name} exists and already runs this: nothing changes.']
    return [f'Stack {name} exists, so this updates it: {check.summary}.']


CHECKS: tuple[Callable[[Any, Context], list[str]], ...] = (port_taken, stack_exists)


def run(actions: list[Any], ctx: Context) -> list[str]:
    found: list[str] = []
    for action in actions:
        for check in CHECKS:
            found += [message for message in check(action, ctx) if message not in found]
    return found
