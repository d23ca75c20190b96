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
LOG_BOX = 'background:rgba(127,127,127,.15)'   # readable in light and dark mode
FINISHED = frozenset({'running', 'unchanged', 'failed', 'done', 'stopped'})   # a row's last phase
STOPPED = ('do_not_disturb_on', 'grey')   # a row the failed operation left unfinished


class ServiceRow:
    def __init__(self, service: str) -> None:
        self.layers: dict[str, tuple[int, int]] = {}
        self.phase = 'queued'
        with ui.row().classes('w-full items-center gap-3 no-wrap').props(f'data-testid=progress-{service}') as self.element:
            self.icon = ui.icon('schedule', color='grey').classes('text-xl')
            ui.label(service).classes('font-medium w-40 break-all')
            with ui.column().classes('grow gap-0'):
                self.text = ui.label('waiting to start').classes('text-sm text-grey-8')
                self.bar = ui.linear_progress(value=0, show_value=False).props('rounded size=6px')
                self.bar.visible = False
                with ui.column().classes('w-full gap-0') as self.watch:   # waiting: what the awaited service says
                    self.health = ui.label().classes('text-xs text-grey-8 break-all').props(
                        f'data-testid=progress-health-{service}')
                    self.logs = ui.label().classes('text-xs dd-mono whitespace-pre-wrap break-all rounded px-1').style(
                        LOG_BOX).props(f'data-testid=progress-logs-{service}')
                self.watch.visible = False

    def update(self, step: Progress) -> None:
        self.phase = step.phase
        self.watch.visible = step.phase == 'waiting' and bool(step.health or step.logs)
        if self.watch.visible:
            self.health.text = f'health check: {step.health}' if step.health else ''
            self.health.visible = bool(step.health)
            self.logs.text = '\n'.join(step.logs or [])
            self.logs.visible = bool(step.logs)
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

    def stop(self) -> None:
        """The operation failed before this row finished: it waits (or works) no longer."""
        if self.phase not in FINISHED:
            self.icon.name, color = STOPPED
            self.icon.props(f'color={color}')
            self.text.text = ('not started' if self.phase == 'queued' else 'stopped') + ': the operation failed'
            self.bar.visible = False
            self.phase = 'stopped'


class ProgressView:
    """Runs ``work(progress)`` in a thread and shows its progress; ``await view.run(...)``."""

    def __init__(self, services: list[str], *, cancel: Callable[[], bool] | None = None) -> None:
        """``cancel`` (blocking, run in a thread) stops the operation; a Cancel button shows while it runs."""
        self._pending: list[Progress] = []   # touched on the loop only: steps arrive through bus.call_soon
        self._loop = asyncio.get_running_loop()
        self.rows: dict[str, ServiceRow] = {}
        with ui.column().classes('w-full gap-2') as self.container:
            for service in services:
                self.rows[service] = ServiceRow(service)
            self.summary = ui.label().classes('text-sm').props('data-testid=progress-summary')
            self.details = ui.column().classes('w-full gap-1')
            self.links = ui.row().classes('gap-2')
            self.cancel_button: ui.button | None = None
            if cancel is not None:
                stop = cancel
                self.cancel_button = ui.button('Cancel', icon='cancel', on_click=lambda: self._cancel(stop)).props(
                    'outline dense color=negative no-caps data-testid=progress-cancel')
        self.timer = ui.timer(0.1, self._flush)

    async def _cancel(self, cancel: Callable[[], bool]) -> None:
        assert self.cancel_button is not None
        self.cancel_button.props('loading')
        self.cancel_button.disable()
        try:
            stopped = await run.io_bound(cancel)
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')
            return
        if not stopped:
            ui.notify('Nothing to cancel: the operation has finished', type='info')

    def _failed(self, exc: DeployerError) -> None:
        """The error as one sentence, and on demand what the engine and the failing service said."""
        self.summary.text = f'Failed: {exc.message}'
        self.summary.classes(replace='text-sm text-negative')
        detail, evidence = getattr(exc, 'detail', None), getattr(exc, 'evidence', None) or {}
        if not detail and not evidence:
            return
        with self.details, ui.expansion('Details', icon='description').classes('w-full text-sm').props(
                'dense data-testid=progress-details'):
            if detail:
                ui.label(f'The engine said: {detail}').classes('text-xs break-all')
            if evidence:
                ui.label(f'{evidence.get("service")}: {evidence.get("state")}').classes('text-xs font-medium')
                for output in evidence.get('health') or []:
                    ui.label(f'health check: {output}').classes('text-xs break-all')
                if evidence.get('logs'):
                    ui.label('Its last log lines (kept in the history record):').classes('text-xs text-grey-8')
                    ui.label('\n'.join(evidence['logs'])).classes(
                        'text-xs dd-mono whitespace-pre-wrap break-all rounded px-1').style(LOG_BOX).props(
                        'data-testid=progress-evidence-logs')

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
            for row in self.rows.values():
                row.stop()
            self._failed(exc)
            return None, exc
        finally:
            if self.cancel_button is not None:
                self.cancel_button.delete()
                self.cancel_button = None
        self._flush()
        return result, None

    def show_links(self, ports: list[tuple[str, str]]) -> None:
        with self.links:
            for label, url in ports:
                ui.link(label, url, new_tab=True).classes('text-primary').props('data-testid=progress-link')
