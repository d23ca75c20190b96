"""The service as a page about one engine sees it: the stack operations go to that engine's stacks
(``Deployer.stacks_on``), logs and containers are read there; everything else is the service's own.
Lets the stack pages (written against the local engine) show another engine's stacks unchanged."""
from __future__ import annotations

import functools
from typing import Any

from nicegui import ui

from deployer.service import Deployer

STACK_OPERATIONS = frozenset({
    'list_stacks', 'get_stack', 'check_stack', 'deploy_stack', 'stack_action', 'scale_stack', 'rollback_stack',
    'stack_revisions', 'stack_diff', 'stack_changes', 'revision_parent', 'reveal_secrets', 'cancel_deploy',
    'adopt_stack', 'save_stack_as_template', 'check_template', 'deploy_template'})
ON_ENGINE = frozenset({'follow_logs', 'get_container', 'logs', 'container_action'})


class OnEngine:
    def __init__(self, d: Deployer, engine: str) -> None:
        self._d, self.engine_id = d, engine
        self._stacks = d.stacks_on(engine)

    def __getattr__(self, name: str) -> Any:
        if name in STACK_OPERATIONS:
            return getattr(self._stacks, name)
        if name in ON_ENGINE:
            return functools.partial(getattr(self._d, name), engine=self.engine_id)
        return getattr(self._d, name)


def on_engine(d: Deployer, engine: str | None) -> Any:
    """``d`` itself for the local engine (a single host sees no change), else a view on ``engine``."""
    return d if engine in (None, '', 'local') else OnEngine(d, engine)


def engine_picker(d: Deployer, engine: str | None, path: str) -> str | None:
    """Where there are several engines, a select of them that opens ``path`` on the one chosen
    (``?engine=<id>``); the engine the page shows: None for the local one, else its id (an unknown
    id is a 404 from the service when the page reads it)."""
    ids = d.engines.ids()
    shown = engine if engine not in (None, '', 'local') else None
    if len(ids) > 1:
        ui.select({i: ('this host (local)' if i == 'local' else i) for i in ids}, value=shown or 'local', label='Host',
                  on_change=lambda e: ui.navigate.to(path if e.value == 'local' else f'{path}?engine={e.value}')).props(
            'dense outlined options-dense data-testid=engine-picker').classes('w-48')
    return shown
