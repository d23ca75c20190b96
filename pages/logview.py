"""A live log viewer over the websocket: one container or several (a stack's merged logs)."""
from __future__ import annotations

import asyncio
import json
import time
from collections import deque
from dataclasses import dataclass

from nicegui import background_tasks, run, ui

from deployer.errors import DeployerError
from deployer.logs import resume_point
from deployer.models import LogGap
from deployer.service import Deployer

from .ansi import to_html

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


@dataclass(frozen=True)
class LogSource:
    container_id: str
    label: str = ''            # prefixed to each line when several containers share the view
    engine: str | None = None  # the engine it runs on (None: the local one)


class LogViewer:
    """Streams container logs over the websocket in batches flushed every 100 ms."""

    def __init__(self, d: Deployer, sources: list[LogSource], filename: str) -> None:
        self.d, self.sources, self.filename = d, sources, filename
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self.followed_until: dict[str, float] = {}   # container id -> when its follow ended with the run
        self.lines: deque[str] = deque(maxlen=MAX_LINES)
        self.pending: list[str] = []
        self.skipped = 0
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
        for source in self.sources:
            self.tasks[source.container_id] = background_tasks.create(
                self.consume(source, tail), name=f'log-view-{source.container_id[:12]}')

    def stop(self) -> None:
        for task in self.tasks.values():
            if not task.done():
                task.cancel()

    def restart_if_idle(self, container_id: str) -> None:
        """Follow again once a stopped container runs again: the whole new run, not "from now"
        (by the time its start event is here, the run has written its first lines)."""
        task = self.tasks.get(container_id)
        source = next((s for s in self.sources if s.container_id == container_id), None)
        if source is not None and (task is None or task.done()):
            self.tasks[container_id] = background_tasks.create(self.consume(source, MAX_LINES, resume=True),
                                                               name=f'log-view-{container_id[:12]}')

    async def consume(self, source: LogSource, tail: int, *, resume: bool = False) -> None:
        self.status.text = 'following'
        prefix = f'{source.label} | ' if source.label else ''
        try:
            since = await self._new_run_began(source.container_id) if resume else None
            async for batch in self.d.follow_logs(source.container_id, tail=tail, since=since, engine=source.engine):
                if isinstance(batch, LogGap):
                    self.status.text = batch.message if not batch.reachable else 'following'
                    continue
                self.pending.extend([prefix + line for line in batch] if prefix else batch)
                if len(self.pending) > MAX_LINES:
                    self.skipped += len(self.pending) - MAX_LINES
                    del self.pending[:-MAX_LINES]
        except DeployerError as exc:
            self.status.text = exc.message
            return
        self.followed_until[source.container_id] = time.time()
        if all(task.done() or task is asyncio.current_task() for task in self.tasks.values()):
            self.status.text = ('the container is not running; the log continues when it starts again'
                                if len(self.sources) == 1 else 'no container is running; the logs continue when they start')

    async def _new_run_began(self, container_id: str) -> float | None:
        detail = await run.io_bound(self.d.get_container, container_id)   # None only while the app shuts down
        return resume_point(started_at=detail.started_at if detail else None,
                            finished_at=detail.finished_at if detail else None,
                            followed_until=self.followed_until.get(container_id))

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
        parts = []
        for source in self.sources:
            try:
                data = await run.io_bound(self.d.log_bytes, source.container_id, timestamps=True)
            except DeployerError as exc:
                ui.notify(exc.message, type='negative')
                return
            if source.label:
                data = b''.join(source.label.encode() + b' | ' + line + b'\n' for line in data.splitlines())
            parts.append(data)
        ui.download.content(b''.join(parts), self.filename, 'text/plain')
