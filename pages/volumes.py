"""Volumes ``/ui/volumes`` and networks ``/ui/networks``: what containers share. Volumes with their
size and users, create (a bind only inside the allowed folders), remove behind a confirmation,
prune the unused; networks with their subnets and containers, create, connect, disconnect, remove."""
from __future__ import annotations

from typing import Any

from nicegui import run, ui

from deployer.errors import DeployerError
from deployer.service import Deployer

from .dashboard import confirm, human_bytes
from .engine_view import engine_picker
from .frame import attempt, frame, page, page_dialog, ui_origin


class VolumeList:
    COLUMNS = [{'name': 'name', 'label': 'Volume', 'field': 'name', 'align': 'left', 'sortable': True},
               {'name': 'driver', 'label': 'Driver', 'field': 'driver', 'align': 'left'},
               {'name': 'size', 'label': 'Size', 'field': 'size_text'},
               {'name': 'stack', 'label': 'Stack', 'field': 'stack', 'align': 'left'},
               {'name': 'containers', 'label': 'Used by', 'field': 'containers', 'align': 'left'},
               {'name': 'actions', 'label': '', 'field': 'name'}]

    def __init__(self, d: Deployer, engine: str | None = None) -> None:
        self.d = d
        with ui.row().classes('w-full items-center gap-2'):
            ui.label('Volumes').classes('text-2xl font-medium')
            self.summary = ui.label().classes('text-sm text-grey').props('data-testid=volumes-summary')
            ui.space()
            self.svc = d.volumes_on(engine_picker(d, engine, '/ui/volumes'))   # another engine's, with ?engine=
            ui.button('New volume', icon='add', on_click=self.create).props('color=primary data-testid=volume-new')
            ui.button('Prune unused', icon='cleaning_services', on_click=self.prune).props(
                'outline color=negative data-testid=volumes-prune')
        self.table = ui.table(columns=self.COLUMNS, rows=[], row_key='name').classes('w-full').props(
            'flat bordered dense data-testid=volumes-table')
        self.table.add_slot('body-cell-name', r'''
            <q-td :props="props"><span class="dd-mono" :data-testid="'volume-' + props.row.name">{{ props.row.name }}</span>
              <q-badge v-if="!props.row.in_use" color="grey" class="q-ml-sm">unused</q-badge></q-td>''')
        self.table.add_slot('body-cell-actions', r'''
            <q-td :props="props">
              <q-btn flat dense round icon="delete" color="negative" :data-testid="'volume-remove-' + props.row.name"
                     @click="() => $parent.$emit('remove', props.row)"><q-tooltip>Remove</q-tooltip></q-btn>
            </q-td>''')
        self.table.on('remove', lambda e: self.remove(e.args))

    async def load(self) -> None:
        try:
            volumes = await run.io_bound(self.svc.list_volumes)
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')
            return
        self.table.rows = [{**v.to_dict(), 'size_text': human_bytes(v.size) if v.size is not None else '—',
                            'stack': v.stack or '—', 'containers': ', '.join(v.containers) or '—'} for v in volumes]
        self.table.update()
        unused = sum(not v.in_use for v in volumes)
        self.summary.text = (f'{len(volumes)} volume{"" if len(volumes) == 1 else "s"}'
                             + (f' · {unused} unused' if unused else ''))

    async def create(self) -> None:
        with page_dialog() as dialog, ui.card().classes('w-[32rem] max-w-full').props('data-testid=volume-dialog'):
            ui.label('New volume').classes('text-lg font-medium')
            name = ui.input('Name').props('outlined dense data-testid=volume-name').classes('w-full')
            device = ui.input('Bind a host folder (optional)', placeholder='/srv/media').props(
                'outlined dense data-testid=volume-device').classes('w-full')
            ui.label('A bind must be inside the folders stacks may use (DEPLOYER_BIND_ROOTS).').classes('text-xs text-grey')
            with ui.row().classes('w-full justify-end'):
                ui.button('Cancel', on_click=lambda: dialog.submit(None)).props('flat')
                ui.button('Create', on_click=lambda: dialog.submit((name.value, device.value))).props(
                    'color=primary data-testid=volume-create')
        answer = await dialog
        dialog.delete()
        if not answer:
            return
        volume, folder = (answer[0] or '').strip(), (answer[1] or '').strip()
        options = {'type': 'none', 'o': 'bind', 'device': folder} if folder else {}
        if await attempt(self.svc.create, volume, options=options, origin=ui_origin('volumes page: create'),
                          done=f'Volume {volume} created'):
            await self.load()

    async def remove(self, row: dict[str, Any]) -> None:
        if not await confirm(f'Remove volume {row["name"]}?',
                             'Its data is deleted for good.' if not row['in_use'] else
                             f'It is used by {row["containers"]}: the engine refuses until they are removed.'):
            return
        await attempt(self.svc.remove, row['name'], origin=ui_origin('volumes page: remove'),
                       done=f'Volume {row["name"]} removed')
        await self.load()

    async def prune(self) -> None:
        if not await confirm('Remove every unused volume?', 'Every volume no container uses, named ones included, '
                                                            'is deleted with its data.'):
            return
        await attempt(self.svc.prune, origin=ui_origin('volumes page: prune'), done='Unused volumes removed')
        await self.load()


class NetworkList:
    COLUMNS = [{'name': 'name', 'label': 'Network', 'field': 'name', 'align': 'left', 'sortable': True},
               {'name': 'driver', 'label': 'Driver', 'field': 'driver', 'align': 'left'},
               {'name': 'subnets', 'label': 'Subnet', 'field': 'subnets', 'align': 'left'},
               {'name': 'stack', 'label': 'Stack', 'field': 'stack', 'align': 'left'},
               {'name': 'containers', 'label': 'Containers', 'field': 'containers', 'align': 'left'},
               {'name': 'actions', 'label': '', 'field': 'name'}]

    def __init__(self, d: Deployer, engine: str | None = None) -> None:
        self.d = d
        with ui.row().classes('w-full items-center gap-2'):
            ui.label('Networks').classes('text-2xl font-medium')
            ui.space()
            self.engine = engine_picker(d, engine, '/ui/networks')
            self.svc = d.networks_on(self.engine)   # another engine's, with ?engine=
            ui.button('New network', icon='add', on_click=self.create).props('color=primary data-testid=network-new')
        self.table = ui.table(columns=self.COLUMNS, rows=[], row_key='name').classes('w-full').props(
            'flat bordered dense data-testid=networks-table')
        self.table.add_slot('body-cell-name', r'''
            <q-td :props="props"><span class="dd-mono" :data-testid="'network-' + props.row.name">{{ props.row.name }}</span>
              <q-badge v-if="props.row.internal" color="orange" class="q-ml-sm">internal</q-badge></q-td>''')
        self.table.add_slot('body-cell-actions', r'''
            <q-td :props="props">
              <q-btn v-if="!props.row.predefined" flat dense round icon="link" :data-testid="'network-connect-' + props.row.name"
                     @click="() => $parent.$emit('connect', props.row)"><q-tooltip>Connect a container</q-tooltip></q-btn>
              <q-btn v-if="!props.row.predefined && props.row.attached.length" flat dense round icon="link_off"
                     :data-testid="'network-disconnect-' + props.row.name"
                     @click="() => $parent.$emit('disconnect', props.row)"><q-tooltip>Disconnect</q-tooltip></q-btn>
              <q-btn v-if="!props.row.predefined" flat dense round icon="delete" color="negative"
                     :data-testid="'network-remove-' + props.row.name"
                     @click="() => $parent.$emit('remove', props.row)"><q-tooltip>Remove</q-tooltip></q-btn>
            </q-td>''')
        self.table.on('connect', lambda e: self.attach(e.args, connect=True))
        self.table.on('disconnect', lambda e: self.attach(e.args, connect=False))
        self.table.on('remove', lambda e: self.remove(e.args))

    async def load(self) -> None:
        try:
            networks = await run.io_bound(self.svc.list_networks)
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')
            return
        self.table.rows = [{**n.to_dict(), 'attached': n.containers, 'subnets': ', '.join(n.subnets) or '—',
                            'stack': n.stack or '—', 'containers': ', '.join(n.containers) or '—'} for n in networks]
        self.table.update()

    async def create(self) -> None:
        with page_dialog() as dialog, ui.card().classes('w-[32rem] max-w-full').props('data-testid=network-dialog'):
            ui.label('New network').classes('text-lg font-medium')
            name = ui.input('Name').props('outlined dense data-testid=network-name').classes('w-full')
            subnet = ui.input('Subnet (optional)', placeholder='10.20.0.0/24').props(
                'outlined dense data-testid=network-subnet').classes('w-full')
            internal = ui.switch('Internal (no way out to other networks)').props('data-testid=network-internal')
            with ui.row().classes('w-full justify-end'):
                ui.button('Cancel', on_click=lambda: dialog.submit(None)).props('flat')
                ui.button('Create', on_click=lambda: dialog.submit((name.value, subnet.value, internal.value))).props(
                    'color=primary data-testid=network-create')
        answer = await dialog
        dialog.delete()
        if not answer:
            return
        network = (answer[0] or '').strip()
        if await attempt(self.svc.create, network, subnet=(answer[1] or '').strip() or None,
                          internal=bool(answer[2]), origin=ui_origin('networks page: create'),
                          done=f'Network {network} created'):
            await self.load()

    async def attach(self, row: dict[str, Any], *, connect: bool) -> None:
        if connect:
            containers = await run.io_bound(lambda: self.d.list_containers(engine=self.engine))
            choices = sorted(c.name for c in containers if c.name not in row['attached'])
        else:
            choices = list(row['attached'])
        verb = 'Connect' if connect else 'Disconnect'
        with page_dialog() as dialog, ui.card().classes('w-[32rem] max-w-full').props('data-testid=attach-dialog'):
            ui.label(f'{verb} a container {"to" if connect else "from"} {row["name"]}').classes('text-lg font-medium')
            picked = ui.select(choices, label='Container', with_input=True).props(
                'outlined dense data-testid=attach-container').classes('w-full')
            with ui.row().classes('w-full justify-end'):
                ui.button('Cancel', on_click=lambda: dialog.submit(None)).props('flat')
                ui.button(verb, on_click=lambda: dialog.submit(picked.value)).props('color=primary data-testid=attach-confirm')
        container = await dialog
        dialog.delete()
        if not container:
            return
        call = self.svc.connect if connect else self.svc.disconnect
        await attempt(call, row['name'], container, origin=ui_origin(f'networks page: {verb.lower()}'),
                       done=f'{container} {"connected to" if connect else "disconnected from"} {row["name"]}')
        await self.load()

    async def remove(self, row: dict[str, Any]) -> None:
        if not await confirm(f'Remove network {row["name"]}?', 'Containers attached to it must be disconnected first.'):
            return
        await attempt(self.svc.remove, row['name'], origin=ui_origin('networks page: remove'),
                       done=f'Network {row["name"]} removed')
        await self.load()


def register(d: Deployer) -> None:
    @page('/ui/volumes')
    async def volumes_page(engine: str | None = None) -> None:
        with frame(d, 'Volumes'):
            listing = VolumeList(d, engine)
            await listing.load()

    @page('/ui/networks')
    async def networks_page(engine: str | None = None) -> None:
        with frame(d, 'Networks'):
            listing = NetworkList(d, engine)
            await listing.load()
