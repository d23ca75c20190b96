"""The history ``/ui/history``: a live timeline of operations with filters; each entry opens to
what it changed, with "roll back to here" behind a confirmation. Also the side-by-side diff
used by the stack page's revisions tab."""
from __future__ import annotations

import difflib
import time
from datetime import datetime
from typing import Any

from nicegui import run, ui

from deployer.errors import DeployerError
from deployer.history import Record
from deployer.service import Deployer

from .dashboard import confirm
from .frame import frame, page, page_dialog, subscribe, ui_origin
from .progress import ProgressView

SINCE = {'': 'Any time', '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days'}
SECONDS = {'1h': 3600, '24h': 86400, '7d': 7 * 86400, '30d': 30 * 86400}
SOURCES = {'': 'All sources', 'ui': 'Web UI', 'rest': 'REST API', 'nl': 'Natural language', 'system': 'System'}
STATUS = {'': 'Any result', 'ok': 'Succeeded', 'failed': 'Failed'}
PAGE = 30


def when(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).strftime('%Y-%m-%d %H:%M:%S')


def evidence(found: dict) -> None:
    """What the failing service said before the rollback removed it (a failed deploy's record)."""
    with ui.column().classes('w-full gap-1 mt-1').props('data-testid=record-evidence'):
        ui.label(f'{found.get("service")} was {found.get("state")} when the deploy failed').classes(
            'text-sm font-medium')
        for output in found.get('health') or []:
            ui.label(f'health check: {output}').classes('text-xs break-all')
        if found.get('logs'):
            ui.label('\n'.join(found['logs'])).classes('text-xs dd-mono whitespace-pre-wrap break-all rounded px-1').style(
                'background:rgba(127,127,127,.15)')


def unified(text: str) -> None:
    """A unified diff with added and removed lines in colour."""
    with ui.element('div').classes('dd-mono text-xs w-full overflow-auto rounded p-2 bg-grey-2').props(
            'data-testid=diff'):
        for line in text.splitlines() or ['(no change)']:
            color = ('text-positive' if line.startswith('+') and not line.startswith('+++') else
                     'text-negative' if line.startswith('-') and not line.startswith('---') else
                     'text-primary' if line.startswith('@@') else '')
            ui.label(line or ' ').classes(f'whitespace-pre {color}')


def side_by_side(changes: dict[str, tuple[str | None, str | None]], older: str, newer: str) -> None:
    """Each changed file as two columns (before | after); difflib escapes the text."""
    if not changes:
        ui.label('No difference between these revisions.').classes('text-grey')
    table = difflib.HtmlDiff(wrapcolumn=70)
    for file, (before, after) in changes.items():
        ui.label(file).classes('font-medium dd-mono text-sm')
        html = table.make_table((before or '').splitlines(), (after or '').splitlines(),
                                fromdesc=f'{older[:12]}' if before is not None else '(did not exist)',
                                todesc=f'{newer[:12]}' if after is not None else '(removed)', context=True, numlines=3)
        ui.html(html).classes('dd-diff w-full overflow-auto text-xs').props('data-testid=side-by-side')


DIFF_CSS = '''.dd-diff table.diff{font-family:ui-monospace,monospace;border-collapse:collapse;width:100%}
.dd-diff td{padding:0 4px;white-space:pre-wrap;word-break:break-all;vertical-align:top}
.dd-diff .diff_add{background:#d1fadf}.dd-diff .diff_chg{background:#fef3c7}.dd-diff .diff_sub{background:#fde2e1}
.dd-diff .diff_header{color:#888;text-align:right}.dd-diff td.diff_next{display:none}
.body--dark .dd-diff .diff_add{background:#14532d}.body--dark .dd-diff .diff_chg{background:#713f12}
.body--dark .dd-diff .diff_sub{background:#7f1d1d}'''


async def rollback_dialog(d: Deployer, stack: str, revision: str, *, where: str) -> bool:
    """``where``: the page the rollback was started on, as the history record says."""
    if not await confirm(f'Roll stack {stack} back to {revision[:12]}?',
                         'Its configuration at that revision is deployed again (unchanged services keep running) '
                         'and recorded as a new revision; nothing is rewritten.'):
        return False
    with page_dialog().props('persistent') as dialog, ui.card().classes('w-[36rem]'):
        ui.label(f'Rolling {stack} back to {revision[:12]}').classes('text-lg font-medium')
        view = ProgressView([], cancel=lambda: d.cancel_deploy(stack))
        close = ui.button('Close', on_click=dialog.close).props('data-testid=progress-close')
        close.disable()
    dialog.open()
    _, error = await view.run(lambda progress: d.rollback_stack(
        stack, to=revision, progress=progress, origin=ui_origin(f'roll back to here, {where}')))
    close.enable()
    await dialog
    dialog.delete()
    return error is None


class Timeline:
    def __init__(self, d: Deployer) -> None:
        self.d = d
        self.cursor: int | None = None
        self.opened: set[str] = set()   # entries the user opened stay open when the list is drawn again
        self.drawn = 0                  # which reload may draw: a filter typed fast starts several
        ui.add_css(DIFF_CSS)
        with ui.row().classes('w-full items-center gap-2'):
            ui.label('History').classes('text-2xl font-medium')
            self.stack = ui.input(placeholder='Stack', on_change=self.reload).props(
                'dense outlined clearable data-testid=history-stack').classes('w-40')
            self.action = ui.input(placeholder='Action (deploy, rollback…)', on_change=self.reload).props(
                'dense outlined clearable data-testid=history-action').classes('w-52')
            self.source = ui.select(SOURCES, value='', on_change=self.reload).props(
                'dense outlined data-testid=history-source').classes('w-44')
            self.status = ui.select(STATUS, value='', on_change=self.reload).props(
                'dense outlined data-testid=history-status').classes('w-36')
            self.since = ui.select(SINCE, value='', on_change=self.reload).props(
                'dense outlined data-testid=history-since').classes('w-40')
        self.list = ui.column().classes('w-full gap-1').props('data-testid=history')
        self.more = ui.button('Older entries', on_click=self.load_more).props('flat data-testid=history-more')

    def filters(self) -> dict[str, Any]:
        return {'stack': (self.stack.value or '').strip() or None, 'action': (self.action.value or '').strip() or None,
                'source': self.source.value or None, 'ok': {'ok': True, 'failed': False}.get(self.status.value),
                'since': time.time() - SECONDS[self.since.value] if self.since.value else None}

    async def reload(self) -> None:
        self.drawn += 1
        await self.load_more(again=True)

    async def load_more(self, *, again: bool = False) -> None:
        """``again``: draw the list anew with the filters as they are now. Only what the latest reload
        started draws: a reload started by an earlier keystroke that answers late cannot draw over it."""
        drawing = self.drawn
        try:
            found = await run.io_bound(self.d.history_page, **self.filters(), cursor=None if again else self.cursor,
                                       limit=PAGE)
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')
            return
        if drawing != self.drawn:
            return
        if again:
            self.cursor = None
            self.list.clear()
        with self.list:
            if not found.records and self.cursor is None:
                ui.label('Nothing recorded yet that matches.').classes('text-grey')
            for record in found.records:
                self.entry(record)
        self.cursor = found.next_cursor
        self.more.visible = found.next_cursor is not None

    def matches(self, record: Record) -> bool:
        f = self.filters()
        return ((f['stack'] is None or record.stack == f['stack']) and (f['action'] is None or record.action == f['action'])
                and (f['source'] is None or record.source == f['source']) and (f['ok'] is None or record.ok == f['ok']))

    def on_event(self, event: Record) -> None:
        if self.matches(event):
            with self.list:
                self.entry(event).move(self.list, target_index=0)

    def entry(self, record: Record) -> ui.expansion:
        icon = 'check_circle' if record.ok else 'error'
        title = f'{record.action} {record.target}'
        caption = f'{when(record.time)} · {SOURCES.get(record.source, record.source)} · {record.reason or record.actor}'
        with ui.expansion(title, caption=caption, icon=icon).classes('w-full').props(
                f'dense header-class="{"text-negative" if not record.ok else ""}" data-testid=history-{record.id}') as box:
            with ui.grid(columns='auto 1fr').classes('gap-x-4 text-sm'):
                for label, value in (('Result', record.error or record.result or '—'), ('Took', f'{record.duration_ms:.0f} ms'),
                                     ('Who', record.actor), ('Why', record.reason or '—'),
                                     ('Parameters', ', '.join(f'{k}={v}' for k, v in record.params.items()) or '—'),
                                     ('Revision', record.revision[:12] if record.revision else '— (no configuration change)')):
                    ui.label(label).classes('text-grey')
                    ui.label(str(value)).classes('break-all')
            if record.evidence:
                evidence(record.evidence)
            details = ui.column().classes('w-full')
            box.on_value_change(lambda e, r=record, target=details:
                                self.open(r, target) if e.value else self.opened.discard(r.id))
        if record.id in self.opened:
            box.value = True
        return box

    async def open(self, record: Record, target: ui.column) -> None:
        self.opened.add(record.id)
        if not record.revision or not record.stack or target.default_slot.children:
            return
        try:
            diff = await run.io_bound(lambda: self.d.stack_diff(record.stack, newer=record.revision,
                                                                older=self.d.revision_parent(record.revision)))
        except DeployerError as exc:
            with target:
                ui.label(exc.message).classes('text-grey text-sm')
            return
        with target:
            unified(diff['diff'])
            if record.action != 'remove' and record.ok:
                ui.button('Roll back to here', icon='history',
                          on_click=lambda: self.roll_back(record)).props(f'outline dense data-testid=rollback-{record.id}')

    async def roll_back(self, record: Record) -> None:
        assert record.stack and record.revision
        if await rollback_dialog(self.d, record.stack, record.revision, where='history page'):
            ui.notify(f'{record.stack} is back at {record.revision[:12]}', type='positive')


class Revisions:
    """A stack's revisions: pick two, see them side by side; roll back to one."""

    def __init__(self, d: Deployer, stack: str) -> None:
        self.d, self.stack = d, stack
        ui.add_css(DIFF_CSS)
        self.list = ui.column().classes('w-full gap-1')
        with ui.row().classes('items-center gap-2'):
            self.older = ui.select({}, label='From').props('dense outlined data-testid=revision-from').classes('w-72')
            self.newer = ui.select({}, label='To').props('dense outlined data-testid=revision-to').classes('w-72')
            ui.button('Compare', icon='compare', on_click=self.compare).props('outline dense data-testid=compare')
        self.view = ui.column().classes('w-full')

    async def load(self) -> None:
        try:
            revisions = await run.io_bound(self.d.stack_revisions, self.stack)
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')
            return
        options = {r.id: f'{r.short_id} · {r.summary} · {when(r.time)}' for r in revisions}
        self.older.options, self.newer.options = options, options
        self.newer.value = revisions[0].id if revisions else None
        self.older.value = revisions[1].id if len(revisions) > 1 else None
        self.older.update()
        self.newer.update()
        self.list.clear()
        with self.list:
            for index, revision in enumerate(revisions):
                with ui.row().classes('w-full items-center gap-3').props(f'data-testid=revision-{revision.short_id}'):
                    ui.label(revision.short_id).classes('dd-mono text-sm')
                    ui.label(revision.summary).classes('font-medium')
                    ui.label(f'{when(revision.time)} · {revision.source} · {revision.reason}').classes('text-sm text-grey')
                    ui.space()
                    if index > 0 and not revision.summary.startswith('remove'):
                        ui.button('Roll back to here', on_click=lambda r=revision: self.roll_back(r.id)).props(
                            f'flat dense data-testid=revision-rollback-{revision.short_id}')
        if self.older.value and self.newer.value:
            await self.compare()

    async def compare(self) -> None:
        if not self.older.value or not self.newer.value:
            return
        try:
            changes = await run.io_bound(self.d.stack_changes, self.stack, older=self.older.value, newer=self.newer.value)
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')
            return
        self.view.clear()
        with self.view:
            side_by_side(changes, self.older.value, self.newer.value)

    async def roll_back(self, revision: str) -> None:
        if await rollback_dialog(self.d, self.stack, revision, where='stack page'):
            await self.load()


def register(d: Deployer) -> None:
    @page('/ui/history')
    async def history_page() -> None:
        with frame(d, 'History'):
            timeline = Timeline(d)
            subscribe(d.bus.records, timeline.on_event)
            await timeline.reload()
