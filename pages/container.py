"""Container page ``/container/{ref}``: details, actions and a live log viewer."""
from __future__ import annotations

import asyncio
import json
from collections import deque
from typing import Any

from nicegui import background_tasks, run, ui

from deployer.errors import DeployerError, NotFound
from deployer.models import ContainerDetail, ContainerEvent
from deployer.service import Deployer

from .ansi import to_html
from .dashboard import ACTIONS, STATE_COLORS, available_actions, confirm
from .frame import frame, subscribe

MAX_LINES = 1000
TAILS = [100, 500, 1000, 5000]
LOG_JS = '''<script>
window.ddLog = {
  append(id, html, max, follow) {
    const el = getHtmlElement(id); if (!el) return;
    el.insertAdjacentHTML('beforeend', html);
    let extra = el.childElementCount - max;
    while (extra-- > 0) el.firstElementChild.remove();
    if (follow) el.scrollTop = el.scrollHeight;
  },
  replace(id, html, follow) {
    const el = getHtmlElement(id); if (!el) return;
    el.innerHTML = html;
    if (follow) el.scrollTop = el.scrollHeight;
  },
};
</script>'''


class LogViewer:
    """Streams a container's log over the websocket in batches flushed every 100 ms."""

    def __init__(self, d: Deployer, cid: str, name: str) -> None:
        self.d, self.cid, self.name = d, cid, name
        self.lines: deque[str] = deque(maxlen=MAX_LINES)
        self.pending: list[str] = []
        self.skipped = 0
        self.task: asyncio.Task[None] | None = None
        ui.add_body_html(LOG_JS)
        with ui.row().classes('w-full items-center gap-3'):
            self.follow = ui.switch('Follow', value=True, on_change=self._follow_changed).props('data-testid=log-follow')
            self.tail = ui.select(TAILS, value=100, label='Tail', on_change=lambda: self.start(self.tail.value)).props(
                'dense outlined data-testid=log-tail').classes('w-28')
            self.search = ui.input(placeholder='Highlight…', on_change=self.rerender).props(
                'dense outlined clearable data-testid=log-search').classes('w-60')
            ui.button('Download', icon='download', on_click=self.download).props('outline dense data-testid=log-download')
            ui.button('Clear', icon='clear_all', on_click=self.clear).props('flat dense')
            self.status = ui.label().classes('text-sm text-grey').props('data-testid=log-status')
        self.box = ui.element('div').classes(
            'dd-mono w-full text-xs leading-5 p-2 rounded overflow-auto whitespace-pre-wrap break-all '
            'bg-gray-950 text-gray-100').style('height: 60vh; background:#0b1020').props('data-testid=log-view')
        ui.timer(0.1, self.flush)
        ui.context.client.on_delete(self.stop)
        self.start(100)

    def start(self, tail: int) -> None:
        self.stop()
        self.lines.clear()
        self.pending.clear()
        ui.run_javascript(f'ddLog.replace({self.box.id}, "", true)')
        self.task = background_tasks.create(self.consume(tail), name=f'log-view-{self.cid[:12]}')

    def stop(self) -> None:
        if self.task and not self.task.done():
            self.task.cancel()

    def restart_if_idle(self) -> None:
        if self.task is None or self.task.done():
            self.task = background_tasks.create(self.consume(0), name=f'log-view-{self.cid[:12]}')

    async def consume(self, tail: int) -> None:
        self.status.text = 'following'
        try:
            async for batch in self.d.follow_logs(self.cid, tail=tail):
                self.pending.extend(batch)
                if len(self.pending) > MAX_LINES:
                    self.skipped += len(self.pending) - MAX_LINES
                    del self.pending[:-MAX_LINES]
        except DeployerError as exc:
            self.status.text = exc.message
            return
        self.status.text = 'the container is not running; the log continues when it starts again'

    def flush(self) -> None:
        if not self.follow.value or not self.pending:
            return
        batch, self.pending = self.pending, []
        self.lines.extend(batch)
        html = ''.join(to_html(line, self.search.value or '') for line in batch[-MAX_LINES:])
        if self.skipped:
            self.status.text = f'following ({self.skipped} lines skipped to keep up)'
        ui.run_javascript(f'ddLog.append({self.box.id}, {json.dumps(html)}, {MAX_LINES}, true)')

    def rerender(self) -> None:
        html = ''.join(to_html(line, self.search.value or '') for line in self.lines)
        ui.run_javascript(f'ddLog.replace({self.box.id}, {json.dumps(html)}, {str(self.follow.value).lower()})')

    def _follow_changed(self) -> None:
        self.status.text = 'following' if self.follow.value else 'paused (new lines are kept)'

    def clear(self) -> None:
        self.lines.clear()
        ui.run_javascript(f'ddLog.replace({self.box.id}, "", true)')

    async def download(self) -> None:
        try:
            data = await run.io_bound(self.d.log_bytes, self.cid, timestamps=True)
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')
            return
        ui.download.content(data, f'{self.name}.log', 'text/plain')


def details(c: ContainerDetail) -> None:
    fields: list[tuple[str, Any]] = [
        ('ID', c.id), ('Image', c.image), ('Status', c.status), ('Health', c.health or '—'),
        ('Created', c.created), ('Started', c.started_at or '—'), ('Stack / service', f'{c.stack or "—"} / {c.service or "—"}'),
        ('Command', ' '.join(c.entrypoint + c.command) or '—'),
        ('Restart policy', f'{c.restart_policy["name"]} (restarted {c.restart_count}×)'),
        ('Ports', ', '.join(f'{p.host_ip or ""}:{p.host_port}→{p.container_port}/{p.protocol}' if p.host_port
                            else f'{p.container_port}/{p.protocol}' for p in c.ports) or '—'),
        ('Networks', ', '.join(f'{n.name} ({n.ip_address or "no address"})' for n in c.networks) or '—'),
        ('Mounts', ', '.join(f'{m.source or m.name} → {m.destination}{" (ro)" if m.read_only else ""}'
                             for m in c.mounts) or '—'),
        ('Environment', ', '.join(c.env) or '—'),
        ('User / working dir', f'{c.user or "default"} / {c.working_dir or "/"}'),
    ]
    with ui.grid(columns='auto 1fr').classes('gap-x-6 gap-y-1 text-sm'):
        for label, value in fields:
            ui.label(label).classes('text-grey')
            ui.label(str(value)).classes('dd-mono break-all')


def register(d: Deployer) -> None:
    @ui.page('/container/{ref}')
    async def container_page(ref: str) -> None:
        with frame(d, ref):
            try:
                detail = await run.io_bound(d.get_container, ref)
            except NotFound:
                ui.label(f'No container called {ref!r}.').classes('text-lg')
                ui.link('Back to the containers', '/')
                return
            except DeployerError as exc:
                ui.label(exc.message).classes('text-lg text-negative')
                return
            cid, name = detail.id, detail.name
            with ui.row().classes('items-center gap-3'):
                ui.label(name).classes('text-2xl font-medium')
                badge = ui.badge(detail.state, color=STATE_COLORS.get(detail.state, 'grey')).props('data-testid=detail-state')
                buttons = ui.row().classes('gap-1')

            async def act(action: str) -> None:
                if action == 'remove':
                    if not await confirm(f'Remove container {name}?', 'This cannot be undone.'):
                        return
                try:
                    await run.io_bound(d.container_action, cid, action, force=action == 'remove')
                except DeployerError as exc:
                    ui.notify(f'{action}: {exc.message}', type='negative')
                    return
                if action == 'remove':
                    ui.navigate.to('/')

            def show_actions(state: str) -> None:
                badge.text = state
                badge.props(f'color={STATE_COLORS.get(state, "grey")}')
                buttons.clear()
                with buttons:
                    for action in available_actions(state):
                        icon, color, label = ACTIONS[action]
                        ui.button(label, icon=icon, on_click=lambda a=action: act(a)).props(
                            f'dense outline color={color} data-testid=detail-{action}')

            show_actions(detail.state)
            with ui.tabs() as tabs:
                logs_tab = ui.tab('Logs')
                details_tab = ui.tab('Details')
            with ui.tab_panels(tabs, value=logs_tab).classes('w-full'):
                with ui.tab_panel(logs_tab):
                    viewer = LogViewer(d, cid, name)
                with ui.tab_panel(details_tab):
                    details(detail)

            def on_event(event: Any) -> None:
                if isinstance(event, ContainerEvent) and event.id == cid:
                    if event.kind == 'removed':
                        show_actions('removed')
                        buttons.clear()
                    elif event.container is not None:
                        show_actions(event.container.state)
                        if event.kind == 'started':
                            viewer.restart_if_idle()

            subscribe(d, on_event)
