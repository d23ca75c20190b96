"""Dashboard ``/``: the live container table, driven by the event bus, never by polling the engine."""
from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from fastapi import Request
from nicegui import run, ui

from deployer.errors import DeployerError
from deployer.models import ContainerEvent, ContainerStats, ContainerSummary, EngineState
from deployer.service import Deployer
from deployer.service_updates import UpdateStatus
from deployer.text import count

from .frame import EventGate, frame, page, page_dialog, subscribe, ui_origin

STATE_COLORS = {'running': 'positive', 'paused': 'warning', 'exited': 'grey', 'dead': 'negative',
                'created': 'grey', 'restarting': 'warning', 'removing': 'grey'}
PROBLEM_COLORS = {'unhealthy': 'warning', 'restarting': 'warning', 'failed': 'negative'}
HEALTH_COLORS = {'healthy': 'positive', 'unhealthy': 'negative', 'starting': 'info'}
BUSY_COLOR = 'blue-grey'
FILTERS = {'all': 'All states', 'running': 'Running', 'paused': 'Paused', 'exited': 'Exited', 'created': 'Created'}

COLUMNS = [
    {'name': 'name', 'label': 'Name', 'field': 'name', 'sortable': True, 'align': 'left'},
    {'name': 'stack', 'label': 'Stack', 'field': 'stack', 'sortable': True, 'align': 'left'},
    {'name': 'image', 'label': 'Image', 'field': 'image', 'sortable': True, 'align': 'left'},
    {'name': 'state', 'label': 'State', 'field': 'state', 'sortable': True, 'align': 'left'},
    {'name': 'health', 'label': 'Health', 'field': 'health', 'align': 'left'},
    {'name': 'ports', 'label': 'Ports', 'field': 'ports', 'align': 'left'},
    {'name': 'uptime', 'label': 'Uptime / status', 'field': 'uptime', 'align': 'left'},
    {'name': 'cpu', 'label': 'CPU', 'field': 'cpu', 'sortable': True, 'align': 'right'},
    {'name': 'memory', 'label': 'Memory', 'field': 'memory', 'sortable': True, 'align': 'right'},
    {'name': 'actions', 'label': '', 'field': 'id', 'align': 'right'},
]

HOST_COLUMN = {'name': 'host', 'label': 'Host', 'field': 'engine', 'sortable': True, 'align': 'left'}
NAME_SLOT = r'''<q-td :props="props"><a :href="'/container/' + props.row.id + (props.row.engine === 'local' ? '' :
  '?engine=' + props.row.engine)" class="text-primary font-medium"
  :data-testid="'name-' + props.row.name">{{ props.row.name }}</a>
  <q-badge v-if="props.row.update" color="deep-orange" class="q-ml-xs" :data-testid="'update-' + props.row.name">update</q-badge>
  </q-td>'''
STATE_BADGE = r'''<q-badge :color="props.row.color" :data-testid="'state-' + props.row.name" class="q-mr-xs">
  <q-spinner v-if="props.row.busy" size="1em" class="q-mr-xs" />{{ props.row.state }}</q-badge>'''
HEALTH_BADGE = r'''<q-badge v-if="props.row.health" outline :color="props.row.health_color"
  :data-testid="'health-' + props.row.name" :label="props.row.health" />'''
ACTION_BUTTONS = r'''<q-btn v-for="a in props.row.actions" :key="a.action" flat dense round size="sm" :icon="a.icon"
    :color="a.color" :loading="props.row.busy === a.action" :disable="!!props.row.busy"
    :data-testid="a.action + '-' + props.row.name" :aria-label="a.label + ' ' + props.row.name"
    @click="$parent.$emit('act', {id: props.row.id, name: props.row.name, action: a.action})">
    <q-tooltip>{{ a.label }}</q-tooltip></q-btn>'''
STATE_SLOT = f'<q-td :props="props">{STATE_BADGE}</q-td>'
HEALTH_SLOT = f'<q-td :props="props">{HEALTH_BADGE}</q-td>'
PORTS_SLOT = r'''<q-td :props="props"><template v-for="p in props.row.ports" :key="p.label">
  <a v-if="p.url" :href="p.url" target="_blank" rel="noopener" class="text-primary mr-2">{{ p.label }}</a>
  <span v-else class="mr-2 text-grey">{{ p.label }}</span></template></q-td>'''
ACTIONS_SLOT = f'<q-td :props="props" class="whitespace-nowrap">{ACTION_BUTTONS}</q-td>'
# under 600 px the table shows each row as a card (Quasar's grid mode): name, state, health and
# actions stay in view instead of being cut off after the image column
ITEM_SLOT = r'''<div class="q-pa-xs col-12"><q-card flat bordered :data-testid="'card-' + props.row.name">
  <div class="row items-center no-wrap q-px-sm q-pt-xs" style="gap: 6px">
    <q-checkbox dense v-model="props.selected" :aria-label="'select ' + props.row.name" />
    <a :href="'/container/' + props.row.id" class="text-primary font-medium ellipsis"
      :data-testid="'name-' + props.row.name">{{ props.row.name }}</a>
    <q-space />''' + STATE_BADGE + HEALTH_BADGE + r'''</div>
  <div class="text-caption text-grey q-px-sm ellipsis">
    {{ props.row.stack ? props.row.stack + ' · ' : '' }}{{ props.row.image }} · {{ props.row.uptime }}</div>
  <div class="row items-center no-wrap q-px-sm q-pb-xs">
    <div class="col ellipsis text-caption"><template v-for="p in props.row.ports" :key="p.label">
      <a v-if="p.url" :href="p.url" target="_blank" rel="noopener" class="text-primary q-mr-sm">{{ p.label }}</a>
      <span v-else class="q-mr-sm text-grey">{{ p.label }}</span></template></div>
    <div class="whitespace-nowrap">''' + ACTION_BUTTONS + '''</div></div>
</q-card></div>'''

ACTIONS = {
    'start': ('play_arrow', 'positive', 'Start'), 'stop': ('stop', 'negative', 'Stop'),
    'restart': ('restart_alt', 'primary', 'Restart'), 'pause': ('pause', 'warning', 'Pause'),
    'unpause': ('play_circle', 'warning', 'Resume'), 'remove': ('delete', 'negative', 'Remove'),
}
# while an action runs (a stop can take the container's whole stop timeout), and once it is done
BUSY = {'start': ('starting…', 'Started'), 'stop': ('stopping…', 'Stopped'), 'restart': ('restarting…', 'Restarted'),
        'pause': ('pausing…', 'Paused'), 'unpause': ('resuming…', 'Resumed'), 'remove': ('removing…', 'Removed')}


def state_color(state: str, problem: str | None) -> str:
    """Green only when nothing is known to be wrong: unhealthy and restarting are amber, an exit
    with an error code red, a clean exit grey."""
    return PROBLEM_COLORS[problem] if problem else STATE_COLORS.get(state, 'grey')


def available_actions(state: str) -> list[str]:
    if state == 'running':
        return ['stop', 'restart', 'pause', 'remove']
    if state == 'paused':
        return ['unpause', 'stop', 'remove']
    return ['start', 'remove']


def human_bytes(value: int) -> str:
    size = float(value)
    for unit in ('B', 'KiB', 'MiB', 'GiB'):
        if size < 1024 or unit == 'GiB':
            return f'{size:.0f} {unit}' if unit == 'B' else f'{size:.1f} {unit}'
        size /= 1024
    return f'{size:.1f} GiB'


def short_duration(seconds: float) -> str:
    """A compact uptime for the dashboard ("2d 3h"); the engine's wording ("Up 5 minutes") is
    deployer.engine.human_duration."""
    seconds = max(int(seconds), 0)
    for unit, size in (('d', 86400), ('h', 3600), ('m', 60)):
        if seconds >= size:
            rest = seconds % size
            sub = {'d': ('h', 3600), 'h': ('m', 60), 'm': ('s', 1)}[unit]
            return f'{seconds // size}{unit} {rest // sub[1]}{sub[0]}'
    return f'{seconds}s'


def uptime(c: ContainerSummary, now: float) -> str:
    if c.state == 'running' and c.started_at:
        try:
            started = datetime.fromisoformat(c.started_at.replace('Z', '+00:00')[:26] + '+00:00'
                                             if '.' in c.started_at else c.started_at.replace('Z', '+00:00'))
            return 'up ' + short_duration(now - started.timestamp())
        except ValueError:
            pass
    return c.status


def row(c: ContainerSummary, stats: ContainerStats | None, host: str, now: float,
        busy: str | None = None, unreachable: bool = False) -> dict[str, Any]:
    ports = []
    for p in c.ports:
        if p.host_port:
            shown = host if p.host_ip in (None, '0.0.0.0', '::') else p.host_ip
            ports.append({'label': f'{p.host_port}→{p.container_port}/{p.protocol}',
                          'url': f'http://{shown}:{p.host_port}' if p.protocol == 'tcp' else None})
        else:
            ports.append({'label': f'{p.container_port}/{p.protocol}', 'url': None})
    running = c.state == 'running' and stats is not None
    return {
        'id': c.id, 'name': c.name, 'stack': c.stack or '', 'image': c.image,
        'state': BUSY[busy][0] if busy else c.state, 'busy': busy or '',
        'color': BUSY_COLOR if busy else state_color(c.state, c.problem),
        'health': c.health or '', 'health_color': HEALTH_COLORS.get(c.health or '', 'grey'), 'ports': ports,
        'uptime': uptime(c, now), 'cpu': f'{stats.cpu_percent:.1f} %' if running and stats else '',
        'memory': human_bytes(stats.memory_usage) if running and stats else '',
        'actions': [] if unreachable else [{'action': a, 'icon': ACTIONS[a][0], 'color': ACTIONS[a][1],
                                           'label': ACTIONS[a][2]} for a in available_actions(c.state)],
        'engine': c.engine,
        **({'state': 'engine unreachable', 'color': 'grey', 'uptime': f'as last seen: {c.status}', 'cpu': '',
            'memory': ''} if unreachable else {}),
    }


def totals_text(totals: dict[str, Any]) -> str:
    """"CPU 112.4 % of 2 CPUs · memory 1.2 GiB of 23.5 GiB": what the running containers use
    together (100 % is one CPU, as `docker stats` counts), against the engine's machine."""
    if not totals['running']:
        return ''
    cpus, total = totals['cpus'], totals['memory_total']
    cpu = f'CPU {totals["cpu_percent"]:.1f} %' + (f' of {count(cpus, "CPU")}' if cpus else '')
    memory = f'memory {human_bytes(totals["memory_usage"])}' + (f' of {human_bytes(total)}' if total else '')
    waiting = totals['running'] - totals['measured']
    return f'{cpu} · {memory}' + (f' ({waiting} not measured yet)' if waiting > 0 else '')


class ContainerTable:
    def __init__(self, d: Deployer, host: str) -> None:
        self.d = d
        self.host = host
        self.containers: dict[str, ContainerSummary] = {}
        self.busy: dict[str, str] = {}  # container id -> the action running on it
        self.state_filter = 'all'
        self.engine_filter = 'all'
        self.several = len(d.engines.ids()) > 1   # a host column and filter only where there are several
        self.down: dict[str, str] = {}   # engine id -> why it does not answer (its rows: as last seen)
        # containers with an update, from the last check (this page's, another's, the API's or the assistant's)
        self.updatable = {key for key, s in d.known_updates().items() if s.status == 'update available'}
        with ui.row().classes('w-full items-center gap-2'):
            self.search = ui.input(placeholder='Search name, image, stack…', on_change=self.refresh).props(
                'clearable dense outlined data-testid=search').classes('w-72 max-w-full')
            ui.select(FILTERS, value='all', on_change=lambda e: self.set_filter(e.value)).props(
                'dense outlined data-testid=state-filter').classes('w-40')
            if self.several:
                ui.select({'all': 'All hosts', **{e: e for e in d.engines.ids()}}, value='all',
                          on_change=lambda e: self.set_engine(e.value)).props(
                    'dense outlined data-testid=engine-filter').classes('w-40')
            ui.space()
            ui.button('Updates', icon='system_update', on_click=self.show_updates).props(
                'dense outline data-testid=check-updates')
            self.bulk = ui.row().classes('gap-1')
            with self.bulk:
                for action in ('start', 'stop', 'restart', 'remove'):
                    ui.button(ACTIONS[action][2], icon=ACTIONS[action][0],
                              on_click=lambda a=action: self.bulk_action(a)).props(
                        f'dense outline color={ACTIONS[action][1]} data-testid=bulk-{action}')
        with ui.row().classes('w-full items-center gap-x-4 gap-y-0'):
            self.count = ui.label().classes('text-sm text-grey')
            ui.space()
            self.totals = ui.label().classes('text-sm text-grey').props('data-testid=host-totals')
        self.outage = ui.column().classes('w-full gap-1')
        self.table = ui.table(columns=[COLUMNS[0], HOST_COLUMN, *COLUMNS[1:]] if self.several else COLUMNS, rows=[], row_key='id', selection='multiple',
                              pagination={'rowsPerPage': 50, 'sortBy': 'name'}).classes('w-full').props(
            'flat bordered dense data-testid=containers')
        # Quasar's Screen is reactive: crossing 600 px switches between the table and the cards
        self.table.props(':grid="Quasar.Screen.lt.sm"')
        self.table.add_slot('body-cell-name', NAME_SLOT)
        self.table.add_slot('body-cell-state', STATE_SLOT)
        self.table.add_slot('body-cell-health', HEALTH_SLOT)
        self.table.add_slot('item', ITEM_SLOT)
        self.table.add_slot('body-cell-ports', PORTS_SLOT)
        self.table.add_slot('body-cell-actions', ACTIONS_SLOT)
        self.table.on('act', lambda e: self.act(e.args['id'], e.args['name'], e.args['action']))
        self.dirty = False
        ui.timer(0.1, lambda: self.dirty and self.refresh())  # a burst of events costs one update

    async def show_updates(self) -> None:
        """Ask the registries what they serve now for each running container's tag; offer to update
        the stacks of those that have something newer."""
        with page_dialog() as dialog, ui.card().classes('w-[48rem] max-w-full').props('data-testid=updates-dialog'):
            ui.label('Updates').classes('text-lg font-medium')
            body = ui.column().classes('w-full gap-1')
            with body:
                ui.spinner()
                ui.label('Asking the registries …').classes('text-sm text-grey')
            ui.button('Close', on_click=dialog.close).props('flat data-testid=updates-close')
        dialog.open()

        async def fill(refresh: bool) -> None:
            try:
                statuses = await run.io_bound(lambda: self.d.check_updates(engine='all', refresh=refresh))
            except DeployerError as exc:
                body.clear()
                with body:
                    ui.label(exc.message).classes('text-negative')
                return
            self.updatable = {(s.engine or 'local', s.container) for s in statuses if s.status == 'update available'}
            self.refresh()
            body.clear()
            with body:
                if not statuses:
                    ui.label('No running containers.').classes('text-sm text-grey')
                for status in statuses:
                    at = f'-{status.engine}' if status.engine else ''   # another engine's: its id in the test ids
                    with ui.row().classes('w-full items-center gap-2 no-wrap').props(
                            f'data-testid=update-row-{status.container}{at}'):
                        ui.badge(status.status, color={'update available': 'deep-orange', 'up to date': 'positive'}.get(
                            status.status, 'grey'))
                        ui.label(status.container).classes('font-medium')
                        if status.engine:
                            ui.badge(status.engine, color='blue-grey').props('outline')
                        ui.label(status.image).classes('dd-mono text-xs text-grey grow break-all')
                        if status.status == 'unknown' and status.reason:
                            ui.label(status.reason).classes('text-xs text-grey')
                        if status.status == 'update available' and status.stack:
                            ui.button('Update', on_click=lambda s=status: update(s)).props(
                                f'dense color=deep-orange data-testid=update-{status.container}{at}-button')

        async def update(status: UpdateStatus) -> None:
            container, stack = status.container, status.stack
            where = f' on {status.engine}' if status.engine else ''
            if not await confirm(f'Update stack {stack}{where}?', f'Its images are pulled and the stack converged: '
                                 f'{container} and any other service with a newer image are recreated; a failure '
                                 'rolls back.'):
                return
            try:
                await run.io_bound(self.d.updates_on(status.engine).update, container,
                                   origin=ui_origin('updates dialog on the dashboard'))
            except DeployerError as exc:
                ui.notify(exc.message, type='negative', multi_line=True)
                return
            ui.notify(f'Stack {stack} updated', type='positive')
            await fill(True)
        await fill(True)

    def load(self, containers: list[ContainerSummary]) -> None:
        self.containers = {c.id: c for c in containers}
        self.refresh()

    def on_event(self, event: ContainerEvent) -> None:
        if event.kind == 'removed' or event.container is None:
            if self.containers.pop(event.id, None) is None:
                return
        else:
            self.containers[event.id] = event.container
        self.dirty = True

    def set_filter(self, value: str) -> None:
        self.state_filter = value
        self.refresh()

    def set_engine(self, value: str) -> None:
        self.engine_filter = value
        self.refresh()

    def on_engine(self, state: EngineState) -> None:
        """Another engine went away or came back: its rows say so (the frame's banner is this host's)."""
        if state.engine == 'local':
            return
        if state.reachable:
            self.down.pop(state.engine, None)
        else:
            self.down[state.engine] = state.error or 'unreachable'
        self.show_outages()
        self.dirty = True

    def show_outages(self) -> None:
        self.outage.clear()
        with self.outage:
            for engine, error in sorted(self.down.items()):
                ui.label(f'⚠ Engine {engine} does not answer ({error}): its containers are shown as last seen; '
                         'they update when it is back.').classes('w-full text-sm px-3 py-1 rounded bg-orange-1 '
                                                                 'text-orange-10').props(f'data-testid=outage-{engine}')

    def matches(self, c: ContainerSummary) -> bool:
        if self.state_filter not in ('all', c.state) or self.engine_filter not in ('all', c.engine):
            return False
        needle = (self.search.value or '').strip().lower()
        return not needle or any(needle in (text or '').lower() for text in (c.name, c.image, c.stack, c.service, c.id[:12]))

    def refresh(self) -> None:
        self.dirty = False
        stats = self.d.stats.latest() if not self.several else {
            cid: figures for node in self.d.engines.nodes() for cid, figures in node.stats.latest().items()}
        now = time.time()
        shown = [c for c in self.containers.values() if self.matches(c)]
        # a tuple: NiceGUI would wrap a list and every row dict in observables (the largest part of a
        # refresh with 100 rows, on the event loop every request shares); rows are only ever replaced
        rows = tuple({**row(c, stats.get(c.id), self.host, now, self.busy.get(c.id), c.engine in self.down),
                      'update': (c.engine, c.name) in self.updatable} for c in shown)
        if rows != self.table.rows:
            self.table.rows = rows  # type: ignore[assignment]
            self.table.update()
        running = sum(c.state == 'running' for c in self.containers.values())
        troubled = sum(c.problem in ('unhealthy', 'restarting') for c in self.containers.values())
        self.count.text = (f'{count(len(self.containers), "container")}, {running} running'
                           + (f' · {troubled} unhealthy or restarting' if troubled else '')
                           + (f' · {len(shown)} shown' if len(shown) != len(self.containers) else ''))
        self.totals.text = totals_text(self.d.host_totals())

    async def act(self, cid: str, name: str, action: str) -> None:
        if action == 'remove' and not await confirm(f'Remove container {name}?',
                                                    'It is stopped first; its anonymous volumes stay.'):
            return
        await self.run_action(cid, name, action)

    async def run_action(self, cid: str, name: str, action: str, *, notify: bool = True) -> bool:
        """Run one action with its row busy ("stopping…", a spinning button) until the engine
        answers, then say how it went."""
        if cid in self.busy:
            return False
        self.busy[cid] = action
        self.refresh()
        try:
            engine = self.containers[cid].engine if cid in self.containers else None
            await run.io_bound(self.d.container_action, cid, action, force=action == 'remove', engine=engine,
                               origin=ui_origin(f'{action} button on the dashboard'))
        except DeployerError as exc:
            ui.notify(f'{action} {name}: {exc.message}', type='negative')
            return False
        finally:
            self.busy.pop(cid, None)
            self.refresh()
        if notify:
            ui.notify(f'{BUSY[action][1]} {name}', type='positive')
        return True

    async def bulk_action(self, action: str) -> None:
        chosen = [(r['id'], r['name']) for r in self.table.selected]
        if not chosen:
            ui.notify('Select containers first', type='info')
            return
        if action == 'remove' and not await confirm(f'Remove {count(len(chosen), "container")}?',
                                                    ', '.join(n for _, n in chosen[:10])):
            return
        done = [await self.run_action(cid, name, action, notify=False) for cid, name in chosen]
        ui.notify(f'{action}: {sum(done)} of {len(chosen)} done', type='positive' if all(done) else 'warning')
        self.table.selected = []
        self.table.update()


async def confirm(title: str, text: str) -> bool:
    with page_dialog() as dialog, ui.card():
        ui.label(title).classes('text-lg font-medium')
        ui.label(text).classes('text-sm text-grey')
        with ui.row().classes('w-full justify-end'):
            ui.button('Cancel', on_click=lambda: dialog.submit(False)).props('flat data-testid=cancel')
            ui.button('Confirm', on_click=lambda: dialog.submit(True)).props('color=negative data-testid=confirm')
    result = await dialog
    dialog.delete()
    return bool(result)


def every_container(d: Deployer) -> list[ContainerSummary]:
    """Every engine's containers; an engine that does not answer: as its watcher last saw them."""
    rows = d.list_containers(engine='all')
    answered = {c.engine for c in rows}
    for node in d.engines.nodes():
        if node.id not in answered and not node.watcher.state.reachable:
            rows += node.watcher.snapshot()
    return rows


def register(d: Deployer) -> None:
    @page('/')
    async def dashboard(request: Request) -> None:
        with frame(d, 'Containers'):
            table = ContainerTable(d, request.url.hostname or 'localhost')
            gate = EventGate(d.bus.containers)  # subscribe before listing: no change falls in between
            subscribe(d.bus.engine, table.on_engine)
            try:
                table.load(await run.io_bound(every_container, d) if table.several
                           else await run.io_bound(d.list_containers))
            except DeployerError as exc:
                ui.notify(exc.message, type='negative')
            table.down = {n.id: n.watcher.state.error or 'unreachable' for n in d.engines.nodes()
                          if n.id != 'local' and not n.watcher.state.reachable}
            table.show_outages()
            gate.open(table.on_event)
            ui.timer(2.0, table.refresh)  # figures and uptimes from memory, not from the engine
