"""A live progress view of a stack operation: one row per service (pulling with a progress
bar, building, creating, starting, waiting for health, running, failed), then the outcome."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from nicegui import run, ui

from deployer.bus import call_soon
from deployer.errors import DeployerError
from deployer.stacks.converge import Progress

PHASES = {
    'pulling': ('cloud_download', 'primary'), 'building': ('construction', 'primary'),
    'creating': ('add_box', 'primary'), 'starting': ('play_arrow', 'primary'),
    'waiting': ('hourglass_top', 'warning'), 'running': ('check_circle', 'positive'),
    'unchanged': ('check_circle', 'positive'), 'removing': ('delete', 'grey'), 'stopping': ('stop', 'grey'),
    'failed': ('error', 'negative'), 'rolling-back': ('undo', 'warning'), 'done': ('done_all', 'positive'),
}


class ServiceRow:
    def __init__(self, service: str) -> None:
        self.layers: dict[str, tuple[int, int]] = {}
        with ui.row().classes('w-full items-center gap-3 no-wrap').props(f'data-testid=progress-{service}') as self.element:
            self.icon = ui.icon('schedule', color='grey').classes('text-xl')
            ui.label(service).classes('font-medium w-40 truncate')
            with ui.column().classes('grow gap-0'):
                self.text = ui.label('waiting to start').classes('text-sm text-grey-8')
                self.bar = ui.linear_progress(value=0, show_value=False).props('rounded size=6px')
                self.bar.visible = False

    def update(self, step: Progress) -> None:
        icon, color = PHASES.get(step.phase, ('info', 'grey'))
        self.icon.name = icon
        self.icon.props(f'color={color}')
        self.text.text = step.message or step.phase
        if step.phase == 'pulling' and step.layer and step.total:
            self.layers[step.layer] = (step.current or 0, step.total)
            done = sum(c for c, _ in self.layers.values())
            total = sum(t for _, t in self.layers.values())
            self.bar.visible = True
            self.bar.value = done / total if total else 0
            self.text.text = f'pulling: {done / 1e6:.1f} of {total / 1e6:.1f} MB'
        elif step.phase != 'pulling':
            self.bar.visible = False


class ProgressView:
    """Runs ``work(progress)`` in a thread and shows its progress; ``await view.run(...)``."""

    def __init__(self, services: list[str]) -> None:
        self._pending: list[Progress] = []   # touched on the loop only: steps arrive through bus.call_soon
        self._loop = asyncio.get_running_loop()
        self.rows: dict[str, ServiceRow] = {}
        with ui.column().classes('w-full gap-2') as self.container:
            for service in services:
                self.rows[service] = ServiceRow(service)
            self.summary = ui.label().classes('text-sm').props('data-testid=progress-summary')
            self.links = ui.row().classes('gap-2')
        self.timer = ui.timer(0.1, self._flush)

    def _report(self, step: Progress) -> None:  # called from the worker thread
        call_soon(self._loop, self._pending.append, step)

    def _flush(self) -> None:
        steps, self._pending = self._pending, []
        for step in steps:
            if step.service:
                if step.service not in self.rows:
                    with self.container:
                        row = self.rows[step.service] = ServiceRow(step.service)
                    row.element.move(self.container, target_index=len(self.rows) - 1)
                self.rows[step.service].update(step)
            else:
                self.summary.text = step.message

    async def run(self, work: Callable[[Callable[[Progress], None]], Any]) -> tuple[Any, DeployerError | None]:
        try:
            result = await run.io_bound(work, self._report)
        except DeployerError as exc:
            self._flush()
            self.summary.text = f'Failed: {exc.message}'
            self.summary.classes(replace='text-sm text-negative')
            return None, exc
        self._flush()
        return result, None

    def show_links(self, ports: list[tuple[str, str]]) -> None:
        with self.links:
            for label, url in ports:
                ui.link(label, url, new_tab=True).classes('text-primary').props('data-testid=progress-link')
