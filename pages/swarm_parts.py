"""What the Swarm page (pages/swarm.py) is built from: a snapshot of the swarm read in one worker-thread
call, the texts and rows its tables show, and the dialog that runs one change with its progress."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from nicegui import run, ui

from deployer.bus import call_soon
from deployer.errors import DeployerError, InvalidInput
from deployer.swarm import NodeSummary, Progress, ServiceSummary, StackOutcome, SwarmService, SwarmStack, TaskSummary

from .frame import page_dialog


@dataclass(frozen=True)
class Snapshot:
    info: dict[str, Any]
    nodes: list[NodeSummary]
    services: list[ServiceSummary]
    tasks: list[TaskSummary]
    stacks: list[SwarmStack]


def read(swarm: SwarmService) -> Snapshot:
    """Where the swarm stands (blocking); a Conflict when the engine is no swarm manager."""
    return Snapshot(swarm.info(), swarm.nodes(), swarm.services(), swarm.tasks(), swarm.stacks())


def plural(count: int | None, noun: str) -> str:
    return f'{count or 0} {noun}{"" if count == 1 else "s"}'


def state_text(info: dict[str, Any]) -> str:
    role = 'manager' if info['manager'] else 'worker'
    return f'{info["state"]} · {role} · {plural(info["nodes"], "node")} · {plural(info["managers"], "manager")}'


def ports_text(ports: list[dict[str, Any]]) -> str:
    return ', '.join((f'{p["published"]}:' if p.get('published') else '') + f'{p["target"]}/{p["protocol"]}'
                     + (' (host)' if p.get('mode') == 'host' else '') for p in ports) or '—'


def service_row(service: ServiceSummary, tasks: list[TaskSummary]) -> dict[str, Any]:
    return {**service.to_dict(), 'stack': service.stack or '—', 'ports_text': ports_text(service.ports),
            'tasks': [t.to_dict() for t in tasks if t.service == service.name]}


def outcome_text(outcome: StackOutcome) -> str:
    done = (f'{outcome.stack}: {len(outcome.created)} created, {len(outcome.updated)} updated, '
            f'{len(outcome.unchanged)} unchanged, {len(outcome.removed)} removed')
    return '; '.join([done, *outcome.warnings])


def whole(value: float | None, what: str) -> int:
    if value is None or value != int(value):
        raise InvalidInput(f'{what}: a whole number')
    return int(value)


def moment(stamp: str) -> tuple[str, str]:
    """An RFC 3339 time in UTC as a key that sorts (its fraction of a second has no trailing zeros)."""
    seconds, _, fraction = stamp.partition('.')
    return seconds.rstrip('Z'), fraction.rstrip('Z').ljust(9, '0')


def column(name: str, label: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    return {'name': name, 'label': label, 'field': field or name, 'align': 'left', **extra}


def show_rows(table: ui.table, rows: list[dict[str, Any]]) -> None:
    """New rows only when they differ: an unchanged swarm sends nothing and nothing flickers."""
    if rows != table.rows:
        table.rows = rows
        table.update()


class Operation:
    """A dialog for one change: its inputs (built by the caller in ``fields``), then the progress
    lines the service reports from its thread and, in the same place, the error; it closes with a
    notification once the change is done."""

    def __init__(self, title: str, action: str, *, width: str = 'w-[36rem]') -> None:
        self._loop = asyncio.get_running_loop()
        self._lines: list[str] = []   # appended through call_soon: touched on the loop only
        with page_dialog().props('persistent') as self.dialog, ui.card().classes(f'{width} max-w-full').props(
                'data-testid=operation'):
            ui.label(title).classes('text-lg font-medium')
            self.fields = ui.column().classes('w-full gap-2')
            self.log = ui.log(max_lines=300).classes('w-full h-32 text-xs').props('data-testid=operation-log')
            self.log.visible = False
            self.outcome = ui.label().classes('text-sm text-negative break-words').props(
                'data-testid=operation-outcome')
            with ui.row().classes('w-full justify-end'):
                self.close = ui.button('Close', on_click=self.dialog.close).props(
                    'flat data-testid=operation-close')
                self.go = ui.button(action).props('color=primary no-caps data-testid=operation-go')
            ui.timer(0.1, self._flush)

    def _report(self, line: str) -> None:   # from the worker thread
        call_soon(self._loop, self._lines.append, line)

    def _flush(self) -> None:
        lines, self._lines = self._lines, []
        for line in lines:
            self.log.push(line)
        self.log.visible = self.log.visible or bool(lines)

    async def run(self, work: Callable[[Progress], Any], done: Callable[[Any], str]) -> None:
        """Opens; the action button runs ``work(progress)`` in a thread. Returns once the dialog is closed."""
        self.go.on_click(lambda: self._go(work, done))
        await self.dialog
        self.dialog.delete()

    async def _go(self, work: Callable[[Progress], Any], done: Callable[[Any], str]) -> None:
        self.outcome.text = ''
        for button in (self.go, self.close):
            button.disable()
        self.go.props('loading')
        try:
            answer = await run.io_bound(work, self._report)
        except DeployerError as exc:
            self.outcome.text = exc.message
            return
        finally:
            self._flush()
            self.go.props(remove='loading')
            for button in (self.go, self.close):
                button.enable()
        ui.notify(done(answer), type='positive', multi_line=True)
        self.dialog.close()
