"""Docker Swarm ``/ui/swarm?engine=<id>``, on an engine that manages a swarm: its nodes (drain, pause,
activate, labels), the join commands, the services with their tasks (scale, update, roll back, logs,
remove) and the stacks deployed as ``docker stack deploy`` does (deploy, revisions, remove).

Every change goes through :class:`deployer.swarm.SwarmService` with the UI as its origin, in a worker
thread; long ones show the lines the service reports. The tables are read again every few seconds
(the swarm has no event stream here), off the event loop, and sent only when something changed."""
from __future__ import annotations

import asyncio
import time
from typing import Any

from nicegui import run, ui

from deployer.errors import DeployerError
from deployer.operations import Origin
from deployer.service import Deployer
from deployer.swarm import NodeSummary, ServiceSummary, SwarmService, SwarmStack, TaskSummary
from deployer.versioning import Revision

from .dashboard import confirm
from .editor import CSS as EDITOR_CSS
from .engine_view import engine_picker
from .frame import attempt, frame, page, page_dialog, ui_origin
from .history import when
from .swarm_parts import (
    Operation,
    column,
    moment,
    outcome_text,
    plural,
    read,
    service_row,
    show_rows,
    state_text,
    whole,
)

REFRESH = 4.0       # seconds between two reads of the swarm (about a dozen engine round trips)
FOLLOW = 2.0        # seconds between two reads of a followed service's logs
LOG_TAIL = 200
EXAMPLE = '''services:
  app:
    image: busybox:latest
    command: ["sleep", "3600"]
    init: true
    deploy:
      replicas: 2
      endpoint_mode: dnsrr
'''


class Part:
    """One section of the page, sharing its swarm, its origin and its refresh."""

    def __init__(self, page: SwarmPage) -> None:
        self.page = page

    def swarm(self) -> SwarmService:   # in worker threads: d.swarm_on may make the service
        return self.page.swarm()

    def origin(self, what: str) -> Origin:
        return ui_origin(f'swarm page: {what}')


class NodeTable(Part):
    COLUMNS = [column('hostname', 'Node', sortable=True), column('role', 'Role'),
               column('availability', 'Availability'), column('state', 'State'), column('address', 'Address'),
               column('engine_version', 'Engine'), column('labels', 'Labels', 'id'),
               column('tasks', 'Running tasks', align='right'), column('actions', '', 'id')]
    SLOTS = {
        'hostname': r'''<span class="dd-mono" :data-testid="'node-' + props.row.hostname">
              {{ props.row.hostname }}</span>
            <q-badge v-if="props.row.leader" color="primary" class="q-ml-sm"
                     :data-testid="'node-leader-' + props.row.hostname">leader</q-badge>''',
        'role': r'''{{ props.row.role }}<span v-if="props.row.reachability === 'unreachable'"
            class="text-negative"> (unreachable)</span>''',
        'availability': r'''<q-badge :color="{active: 'positive', pause: 'warning'}[props.row.availability] || 'grey-7'"
            :data-testid="'node-availability-' + props.row.hostname">{{ props.row.availability }}</q-badge>''',
        'state': r'''<q-badge :color="{ready: 'positive', down: 'negative'}[props.row.state] || 'warning'"
            :data-testid="'node-state-' + props.row.hostname">{{ props.row.state }}</q-badge>''',
        'labels': r'''<q-chip v-for="(value, key) in props.row.labels" :key="key" dense square removable
                class="dd-mono text-xs" :data-testid="'node-label-' + props.row.hostname + '-' + key"
                @remove="() => $parent.$emit('unlabel', {node: props.row.id, hostname: props.row.hostname, key})">
              {{ key }}={{ value }}</q-chip>
            <q-btn flat dense round size="sm" icon="add" :data-testid="'node-label-add-' + props.row.hostname"
                   @click="() => $parent.$emit('label', props.row)"><q-tooltip>Add a label</q-tooltip></q-btn>''',
        'actions': r'''<q-btn v-for="[to, text, icon] in [['active', 'Activate', 'play_arrow'],
                                                  ['pause', 'Pause', 'pause'], ['drain', 'Drain', 'move_down']]"
                   :key="to" flat dense no-caps size="sm" :icon="icon" :label="text"
                   :disable="props.row.availability === to" :data-testid="'node-' + to + '-' + props.row.hostname"
                   @click="() => $parent.$emit('availability',
                                               {node: props.row.id, hostname: props.row.hostname, to})"/>''',
    }

    def __init__(self, page: SwarmPage) -> None:
        super().__init__(page)
        ui.label('Nodes').classes('text-lg font-medium')
        self.table = ui.table(columns=self.COLUMNS, rows=[], row_key='id').classes('w-full').props(
            'flat bordered dense data-testid=nodes-table')
        for name, html in self.SLOTS.items():
            self.table.add_slot(f'body-cell-{name}', f'<q-td :props="props">{html}</q-td>')
        self.table.on('availability', lambda e: self.set_availability(e.args))
        self.table.on('unlabel', lambda e: self.unlabel(e.args))
        self.table.on('label', lambda e: self.label(e.args))

    def show(self, nodes: list[NodeSummary]) -> None:
        show_rows(self.table, [n.to_dict() for n in nodes])

    async def set_availability(self, args: dict[str, str]) -> None:
        node, to = args['node'], args['to']
        await attempt(lambda: self.swarm().set_availability(node, to, origin=self.origin(f'node {to}')),
                      done=f'{args["hostname"]} is {to}')
        await self.page.refresh()

    async def unlabel(self, args: dict[str, str]) -> None:
        node, key = args['node'], args['key']
        await attempt(lambda: self.swarm().set_labels(node, remove=[key], origin=self.origin('remove a node label')),
                      done=f'label {key} removed from {args["hostname"]}')
        await self.page.refresh()

    async def label(self, row: dict[str, Any]) -> None:
        operation = Operation(f'Add a label to {row["hostname"]}', 'Add')
        with operation.fields, ui.row().classes('w-full gap-2 no-wrap'):
            key = ui.input('Key', placeholder='zone').props('outlined dense data-testid=label-key')
            value = ui.input('Value', placeholder='eu-1').props('outlined dense data-testid=label-value')
        node = row['id']
        await operation.run(lambda _: self.swarm().set_labels(node, add={(key.value or '').strip(): value.value or ''},
                                                              origin=self.origin('add a node label')),
                            done=lambda n: f'{n.hostname}: label {(key.value or "").strip()} set')
        await self.page.refresh()


class JoinTokens(Part):
    ROLES = ('worker', 'manager')

    def __init__(self, page: SwarmPage) -> None:
        super().__init__(page)
        self.loaded = False
        self.revealed = False
        with ui.card().classes('w-full').props('flat bordered data-testid=join-tokens'):
            with ui.row().classes('w-full items-center gap-2'):
                ui.label('Join tokens').classes('text-lg font-medium')
                ui.label('run one of these on a Docker host to add it to this swarm').classes('text-sm text-grey')
                ui.space()
                self.toggle = ui.button('Reveal', icon='visibility', on_click=self.flip).props(
                    'outline dense no-caps data-testid=tokens-reveal')
            self.lines = {role: self._line(role) for role in self.ROLES}

    @staticmethod
    def _line(role: str) -> tuple[ui.label, ui.button]:
        with ui.row().classes('w-full items-center gap-2 no-wrap'):
            ui.label(role.capitalize()).classes('w-20 text-sm text-grey shrink-0')
            command = ui.label().classes('dd-mono text-xs break-all grow').props(f'data-testid=token-{role}')

            def copy() -> None:
                ui.clipboard.write(command.text)
                ui.notify(f'The {role} join command is copied', type='info')
            button = ui.button(icon='content_copy', on_click=copy).props(
                f'flat dense round data-testid=token-copy-{role}').tooltip('Copy (reveal the tokens first)')
        return command, button

    async def flip(self) -> None:
        await self.load(reveal=not self.revealed)

    async def load(self, *, reveal: bool) -> None:
        """The commands, masked unless ``reveal`` (a reveal is a history record)."""
        try:
            tokens = await run.io_bound(lambda: self.swarm().join_tokens(reveal=reveal,
                                                                          origin=self.origin('reveal join tokens')))
        except DeployerError as exc:
            ui.notify(exc.message, type='negative', multi_line=True)
            return
        if tokens is None:   # the app is stopping
            return
        self.loaded, self.revealed = True, reveal
        for role, (command, copy) in self.lines.items():
            command.text = tokens[role]['command']
            copy.set_enabled(reveal)
        self.toggle.text = 'Hide' if reveal else 'Reveal'
        self.toggle.props(f'icon={"visibility_off" if reveal else "visibility"}')


class ServiceTable(Part):
    COLUMNS = [column('expand', '', 'id'), column('name', 'Service'), column('stack', 'Stack'),
               column('image', 'Image'), column('mode', 'Mode'), column('replicas', 'Running', 'running'),
               column('ports', 'Ports', 'ports_text'), column('update', 'Update', 'update_state'),
               column('actions', '', 'id')]
    ACTIONS = [('scale', 'unfold_more', 'Scale'), ('update', 'system_update_alt', 'Update image'),
               ('rollback', 'undo', 'Roll back'), ('logs', 'article', 'Logs'), ('remove', 'delete', 'Remove')]
    BODY = r'''
      <q-tr :props="props" :data-testid="'service-' + props.row.name">
        <q-td auto-width><q-btn flat dense round size="sm" :icon="props.expand ? 'expand_less' : 'expand_more'"
             :data-testid="'service-expand-' + props.row.name" @click="props.expand = !props.expand"/></q-td>
        <q-td key="name" :props="props"><span class="dd-mono">{{ props.row.name }}</span></q-td>
        <q-td key="stack" :props="props">{{ props.row.stack }}</q-td>
        <q-td key="image" :props="props"><span class="dd-mono text-xs">{{ props.row.image }}</span></q-td>
        <q-td key="mode" :props="props">{{ props.row.mode }}</q-td>
        <q-td key="replicas" :props="props">
          <q-badge :color="props.row.running >= props.row.desired ? 'positive' : 'warning'"
                   :data-testid="'service-replicas-' + props.row.name">
            {{ props.row.running }}/{{ props.row.desired }}</q-badge>
        </q-td>
        <q-td key="ports" :props="props">{{ props.row.ports_text }}</q-td>
        <q-td key="update" :props="props">{{ props.row.update_state || '—' }}
          <q-tooltip v-if="props.row.update_message">{{ props.row.update_message }}</q-tooltip></q-td>
        <q-td key="actions" :props="props">ACTIONS</q-td>
      </q-tr>
      <q-tr v-show="props.expand" :props="props">
        <q-td colspan="100%">
          <q-markup-table flat dense :data-testid="'tasks-' + props.row.name">
            <thead><tr><th class="text-left">Slot</th><th class="text-left">Node</th><th class="text-left">Desired</th>
              <th class="text-left">State</th><th class="text-left">Message</th></tr></thead>
            <tbody><tr v-for="t in props.row.tasks" :key="t.id">
              <td>{{ t.slot ?? '—' }}</td><td class="dd-mono">{{ t.node || '—' }}</td><td>{{ t.desired }}</td>
              <td><q-badge :color="{running: 'positive', failed: 'negative', rejected: 'negative'}[t.state]
                                   || 'grey-7'">
                {{ t.state }}</q-badge></td>
              <td :class="t.error ? 'text-negative' : ''">{{ t.error || t.message }}</td></tr></tbody>
          </q-markup-table>
        </q-td>
      </q-tr>'''
    BUTTON = r'''<q-btn flat dense round size="sm" icon="{icon}" :data-testid="'service-{action}-' + props.row.name"
        {extra} @click="() => $parent.$emit('act', {{action: '{action}', name: props.row.name}})">
        <q-tooltip>{text}</q-tooltip></q-btn>'''

    def __init__(self, page: SwarmPage) -> None:
        super().__init__(page)
        ui.label('Services').classes('text-lg font-medium')
        self.table = ui.table(columns=self.COLUMNS, rows=[], row_key='id').classes('w-full').props(
            'flat bordered dense data-testid=services-table')
        buttons = ''.join(self.BUTTON.format(action=action, icon=icon, text=text, extra={
            'scale': ':disable="props.row.mode === \'global\'"', 'remove': 'color="negative"'}.get(action, ''))
            for action, icon, text in self.ACTIONS)
        self.table.add_slot('body', self.BODY.replace('ACTIONS', buttons))
        self.table.on('act', lambda e: self.act(e.args['action'], e.args['name']))

    def show(self, services: list[ServiceSummary], tasks: list[TaskSummary]) -> None:
        show_rows(self.table, [service_row(s, tasks) for s in services])

    async def act(self, action: str, name: str) -> None:
        row = next((r for r in self.table.rows if r['name'] == name), None)
        if row is not None:
            await {'scale': self.scale, 'update': self.update_image, 'rollback': self.rollback, 'logs': self.logs,
                   'remove': self.remove}[action](row)

    async def scale(self, row: dict[str, Any]) -> None:
        name = row['name']
        operation = Operation(f'Scale {name}', 'Scale')
        with operation.fields:
            replicas = ui.number('Replicas', value=row['replicas'], min=0, max=1000, precision=0).props(
                'outlined dense data-testid=scale-replicas').classes('w-40')
        await operation.run(lambda progress: self.swarm().scale(
            name, whole(replicas.value, 'replicas'), origin=self.origin('scale'), progress=progress),
            done=lambda s: f'{s.name}: {s.running}/{s.desired} running')
        await self.page.refresh()

    async def update_image(self, row: dict[str, Any]) -> None:
        name = row['name']
        operation = Operation(f'Update {name} to another image', 'Update')
        with operation.fields:
            image = ui.input('Image', value=row['image']).props('outlined dense data-testid=update-image').classes(
                'w-full dd-mono')
            ui.label('A rolling update as the service\'s update_config says; a failed one is rolled back.').classes(
                'text-xs text-grey')
        await operation.run(lambda progress: self.swarm().update_image(
            name, (image.value or '').strip(), origin=self.origin('update image'), progress=progress),
            done=lambda s: f'{s.name} runs {s.image}')
        await self.page.refresh()

    async def rollback(self, row: dict[str, Any]) -> None:
        name = row['name']
        operation = Operation(f'Roll {name} back', 'Roll back')
        with operation.fields:
            ui.label('Back to the version it ran before its last change (docker service rollback).').classes('text-sm')
        await operation.run(lambda progress: self.swarm().rollback(name, origin=self.origin('rollback'),
                                                                   progress=progress),
                            done=lambda s: f'{s.name} rolled back: it runs {s.image}')
        await self.page.refresh()

    async def logs(self, row: dict[str, Any]) -> None:
        await ServiceLogs(self.page, row['name']).show()

    async def remove(self, row: dict[str, Any]) -> None:
        name = row['name']
        if await confirm(f'Remove service {name}?', 'Its tasks are stopped and removed on every node.'):
            await attempt(lambda: self.swarm().remove_service(name, origin=self.origin('remove service')),
                          done=f'Service {name} removed')
            await self.page.refresh()


class ServiceLogs(Part):
    NARROW = 'white-space: nowrap; width: 1%'
    COLUMNS = [column('time', 'Time (UTC)', 'clock', style=NARROW), column('task', 'Task', style=NARROW),
               column('node', 'Node', style=NARROW), column('line', 'Line', style='white-space: pre-wrap')]

    def __init__(self, page: SwarmPage, service: str) -> None:
        super().__init__(page)
        self.service = service
        with page_dialog() as self.dialog, ui.card().classes('w-[72rem] max-w-full').props('data-testid=service-logs'):
            with ui.row().classes('w-full items-center gap-2'):
                ui.label(f'Logs of {service}').classes('text-lg font-medium')
                self.status = ui.label().classes('text-sm text-grey').props('data-testid=service-logs-status')
                ui.space()
                self.follow = ui.switch('Follow').props('data-testid=service-logs-follow').tooltip(
                    f'read the last {LOG_TAIL} lines again every {FOLLOW:.0f} s')
                ui.button(icon='refresh', on_click=self.load).props('flat round dense data-testid=service-logs-refresh')
                ui.button(icon='close', on_click=self.dialog.close).props(
                    'flat round dense data-testid=service-logs-close')
            self.table = ui.table(columns=self.COLUMNS, rows=[], row_key='key', pagination=0).classes(
                'w-full dd-mono text-xs').props('flat dense hide-bottom virtual-scroll data-testid=service-logs-table'
                                                ).style('max-height: 65vh')
            ui.timer(0.01, self.load, once=True)
            ui.timer(FOLLOW, lambda: self.follow.value and self.load(), immediate=False)

    async def show(self) -> None:
        await self.dialog
        self.dialog.delete()

    async def load(self) -> None:
        service = self.service
        try:
            lines = await run.io_bound(lambda: list(self.swarm().service_logs(service, tail=LOG_TAIL)))
        except DeployerError as exc:
            self.status.text = exc.message
            return
        lines = sorted(lines or [], key=lambda line: moment(line['time']))   # docker gives them task by task
        show_rows(self.table, [{**line, 'key': i, 'clock': line['time'][11:19]} for i, line in enumerate(lines)])
        if lines:
            self.table.run_method('scrollTo', len(lines) - 1)   # the newest line in view
        self.status.text = f'{plural(len(lines), "line")} · read at {time.strftime("%H:%M:%S")}'


class StackTable(Part):
    COLUMNS = [column('name', 'Stack', sortable=True), column('services', 'Services', align='right'),
               column('replicas', 'Running', 'running'), column('managed', 'Managed here'),
               column('actions', '', 'name')]
    SLOTS = {
        'name': r'''<span class="dd-mono" :data-testid="'swarm-stack-' + props.row.name">{{ props.row.name }}</span>''',
        'replicas': r'''<q-badge :color="props.row.running >= props.row.desired ? 'positive' : 'warning'"
            :data-testid="'swarm-stack-replicas-' + props.row.name">
            {{ props.row.running }}/{{ props.row.desired }}</q-badge>''',
        'managed': r'''{{ props.row.managed ? 'yes' : 'no' }}<q-tooltip>{{ props.row.managed
            ? 'its compose file is kept here, with its revisions'
            : 'made elsewhere (docker stack deploy)' }}</q-tooltip>''',
        'actions': r'''<q-btn v-if="props.row.managed" flat dense no-caps size="sm" icon="history" label="Revisions"
                   :data-testid="'swarm-stack-revisions-' + props.row.name"
                   @click="() => $parent.$emit('revisions', props.row.name)"/>
            <q-btn flat dense round size="sm" icon="delete" color="negative"
                   :data-testid="'swarm-stack-remove-' + props.row.name"
                   @click="() => $parent.$emit('remove', props.row.name)"><q-tooltip>Remove</q-tooltip></q-btn>''',
    }

    def __init__(self, page: SwarmPage) -> None:
        super().__init__(page)
        ui.add_css(EDITOR_CSS)   # the compose editor's height, as on the stack pages
        with ui.row().classes('w-full items-center'):
            ui.label('Stacks').classes('text-lg font-medium')
            ui.space()
            ui.button('Deploy stack', icon='rocket_launch', on_click=self.deploy).props(
                'color=primary no-caps data-testid=swarm-stack-deploy')
        self.table = ui.table(columns=self.COLUMNS, rows=[], row_key='name').classes('w-full').props(
            'flat bordered dense data-testid=swarm-stacks-table')
        for name, html in self.SLOTS.items():
            self.table.add_slot(f'body-cell-{name}', f'<q-td :props="props">{html}</q-td>')
        self.table.on('revisions', lambda e: self.revisions(e.args))
        self.table.on('remove', lambda e: self.remove(e.args))

    def show(self, stacks: list[SwarmStack]) -> None:
        show_rows(self.table, [s.to_dict() for s in stacks])

    async def deploy(self) -> None:
        operation = Operation('Deploy a stack to the swarm', 'Deploy', width='w-[48rem]')
        with operation.fields.classes('dd-editor'):
            name = ui.input('Stack name').props('outlined dense data-testid=swarm-stack-name').classes('w-64')
            compose = ui.codemirror(EXAMPLE, language='YAML', indent='  ').classes('w-full border rounded').props(
                'data-testid=swarm-stack-compose')
            ui.label('As docker stack deploy: services are created, updated (rolling) or removed until the swarm runs '
                     'the file; a failure puts back what this deploy changed.').classes('text-xs text-grey')
        await operation.run(lambda progress: self.swarm().deploy_stack(
            (name.value or '').strip(), compose.value, origin=self.origin('deploy stack'), progress=progress),
            done=outcome_text)
        await self.page.refresh()

    async def revisions(self, stack: str) -> None:
        try:
            revisions = await run.io_bound(lambda: self.swarm().stack_revisions(stack))
        except DeployerError as exc:
            ui.notify(exc.message, type='negative', multi_line=True)
            return
        with page_dialog() as dialog, ui.card().classes('w-[48rem] max-w-full').props('data-testid=swarm-revisions'):
            ui.label(f'Revisions of {stack}').classes('text-lg font-medium')
            for index, revision in enumerate(revisions or []):
                with ui.row().classes('w-full items-center gap-3 no-wrap').props(
                        f'data-testid=swarm-revision-{revision.short_id}'):
                    ui.label(revision.short_id).classes('dd-mono text-sm')
                    ui.label(revision.summary).classes('font-medium grow')
                    ui.label(f'{when(revision.time)} · {revision.source}').classes('text-sm text-grey')
                    if index == 0:
                        ui.badge('deployed').props('color=positive')
                    else:
                        ui.button('Deploy this revision', on_click=lambda r=revision: dialog.submit(r)).props(
                            f'flat dense no-caps data-testid=swarm-revision-deploy-{revision.short_id}')
            with ui.row().classes('w-full justify-end'):
                ui.button('Close', on_click=lambda: dialog.submit(None)).props('flat')
        chosen = await dialog
        dialog.delete()
        if chosen is not None:
            await self.roll_back(stack, chosen)

    async def roll_back(self, stack: str, revision: Revision) -> None:
        operation = Operation(f'Deploy {stack} as at {revision.short_id}', 'Deploy this revision')
        with operation.fields:
            ui.label(f'{revision.summary} ({when(revision.time)}): its compose file is deployed again, as a new '
                     'revision.').classes('text-sm')
        await operation.run(lambda progress: self.swarm().deploy_revision(
            stack, revision.id, origin=self.origin('deploy a revision'), progress=progress), done=outcome_text)
        await self.page.refresh()

    async def remove(self, stack: str) -> None:
        if await confirm(f'Remove stack {stack}?', 'Its services, networks, secrets and configs are removed from the '
                                                   'swarm; its revisions stay in the history.'):
            await attempt(lambda: self.swarm().remove_stack(stack, origin=self.origin('remove stack')),
                          done=lambda removed: f'Stack {stack} removed ({plural(len(removed), "service")})')
            await self.page.refresh()


class SwarmPage:
    def __init__(self, d: Deployer, engine: str | None) -> None:
        self.d = d
        self.client = ui.context.client
        self.reading = asyncio.Lock()
        with ui.row().classes('w-full items-center gap-2'):
            ui.label('Swarm').classes('text-2xl font-medium')
            self.state = ui.label().classes('text-sm text-grey').props('data-testid=swarm-state')
            ui.space()
            self.engine = engine_picker(d, engine, '/ui/swarm')   # another engine's, with ?engine=
        with ui.row().classes('items-center gap-2 no-wrap').props('data-testid=swarm-problem') as self.problem:
            ui.icon('info', color='warning').classes('text-2xl')
            self.why = ui.label().classes('text-base')
        self.problem.visible = False
        with ui.column().classes('w-full gap-4') as self.body:
            self.nodes = NodeTable(self)
            self.tokens = JoinTokens(self)
            self.services = ServiceTable(self)
            self.stacks = StackTable(self)
        self.body.visible = False
        ui.timer(REFRESH, self.tick)   # first once the browser is connected; ends with the page

    def swarm(self) -> SwarmService:
        return self.d.swarm_on(self.engine)

    async def tick(self) -> None:
        if self.client.has_socket_connection:   # no engine round trips while the browser is away
            await self.refresh()

    async def refresh(self) -> None:
        """Read the swarm again (after a read already running: the change may have come after it)."""
        async with self.reading:
            try:
                snapshot = await run.io_bound(lambda: read(self.swarm()))
            except DeployerError as exc:
                self.why.text, self.problem.visible, self.body.visible = exc.message, True, False
                self.state.text = ''
                return
            if snapshot is None:   # the app is stopping
                return
            self.state.text = state_text(snapshot.info)
            self.problem.visible, self.body.visible = False, True
            self.nodes.show(snapshot.nodes)
            self.services.show(snapshot.services, snapshot.tasks)
            self.stacks.show(snapshot.stacks)
            if not self.tokens.loaded:
                await self.tokens.load(reveal=False)


def register(d: Deployer) -> None:
    @page('/ui/swarm')
    def swarm_page(engine: str | None = None) -> None:
        with frame(d, 'Swarm'):
            SwarmPage(d, engine)
