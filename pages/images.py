"""Images ``/ui/images``: what the host holds (tags, size, age, the containers using each),
pull by name with each layer's progress, remove behind a confirmation (refused while used
unless forced) and prune the dangling ones."""
from __future__ import annotations

import time
from typing import Any

from nicegui import run, ui

from deployer.errors import DeployerError
from deployer.service import Deployer
from deployer.service_images import ImageSummary, PullProgress

from .dashboard import confirm, human_bytes, short_duration
from .engine_view import engine_picker
from .frame import attempt, frame, page, page_dialog, ui_origin

COLUMNS = [
    {'name': 'tags', 'label': 'Image', 'field': 'tags', 'align': 'left', 'sortable': True},
    {'name': 'short_id', 'label': 'ID', 'field': 'short_id', 'align': 'left'},
    {'name': 'size', 'label': 'Size', 'field': 'size', 'sortable': True},
    {'name': 'created', 'label': 'Created', 'field': 'created', 'sortable': True},
    {'name': 'containers', 'label': 'Used by', 'field': 'containers', 'align': 'left'},
    {'name': 'actions', 'label': '', 'field': 'id'},
]


def row(image: ImageSummary, now: float) -> dict[str, Any]:
    return {'id': image.id, 'short_id': image.short_id, 'tags': ', '.join(image.tags) or '<none>',
            'dangling': image.dangling, 'size': image.size, 'size_text': human_bytes(image.size),
            'created': image.created, 'age': f'{short_duration(max(now - image.created, 0))} ago',
            'containers': ', '.join(image.containers) or '—', 'in_use': image.in_use,
            'ref': image.tags[0] if image.tags else image.id}


class ImageList:
    def __init__(self, d: Deployer, engine: str | None = None) -> None:
        self.d = d
        self.images: list[ImageSummary] = []
        with ui.row().classes('w-full items-center gap-2'):
            ui.label('Images').classes('text-2xl font-medium')
            self.summary = ui.label().classes('text-sm text-grey').props('data-testid=images-summary')
            ui.space()
            self.svc = d.images_on(engine_picker(d, engine, '/ui/images'))   # another engine's, with ?engine=
            self.search = ui.input(placeholder='Filter by name').props('dense outlined clearable data-testid=images-filter')
            self.unused = ui.switch('Unused only').props('data-testid=images-unused')
            ui.button('Prune dangling', icon='cleaning_services', on_click=self.prune).props(
                'outline color=negative data-testid=images-prune')
        with ui.row().classes('w-full items-center gap-2'):
            self.ref = ui.input('Pull an image', placeholder='nginx:1.27, ghcr.io/owner/app:2').props(
                'dense outlined data-testid=pull-ref').classes('w-96').on('keydown.enter', self.pull)
            ui.button('Pull', icon='download', on_click=self.pull).props('color=primary data-testid=pull-button')
        self.table = ui.table(columns=COLUMNS, rows=[], row_key='id', pagination={'rowsPerPage': 50, 'sortBy': 'created',
                                                                                  'descending': True}).classes('w-full')
        self.table.props('flat bordered dense data-testid=images-table')
        self.table.add_slot('body-cell-tags', r'''
            <q-td :props="props">
              <span class="dd-mono" :data-testid="'image-' + props.row.short_id">{{ props.row.tags }}</span>
              <q-badge v-if="props.row.dangling" color="grey" class="q-ml-sm">dangling</q-badge>
            </q-td>''')
        self.table.add_slot('body-cell-size', '<q-td :props="props">{{ props.row.size_text }}</q-td>')
        self.table.add_slot('body-cell-created', '<q-td :props="props">{{ props.row.age }}</q-td>')
        self.table.add_slot('body-cell-actions', r'''
            <q-td :props="props">
              <q-btn flat dense round icon="delete" color="negative" :data-testid="'remove-' + props.row.short_id"
                     @click="() => $parent.$emit('remove', props.row)"><q-tooltip>Remove</q-tooltip></q-btn>
            </q-td>''')
        self.table.on('remove', lambda e: self.remove(e.args))
        self.search.on_value_change(lambda _: self.show())
        self.unused.on_value_change(lambda _: self.show())

    async def load(self) -> None:
        try:
            self.images = await run.io_bound(self.svc.list_images)
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')
            return
        self.show()

    def show(self) -> None:
        needle = (self.search.value or '').strip().lower()
        now = time.time()
        shown = [i for i in self.images if (not self.unused.value or not i.in_use)
                 and (not needle or needle in ' '.join(i.tags).lower() or needle in i.short_id)]
        self.table.rows = [row(i, now) for i in shown]
        self.table.update()
        dangling = [i for i in self.images if i.dangling]
        count = len(self.images)
        self.summary.text = (f'{count} image{"" if count == 1 else "s"} · {human_bytes(sum(i.size for i in self.images))}'
                             + (f' · {len(dangling)} dangling' if dangling else ''))

    async def pull(self) -> None:
        ref = (self.ref.value or '').strip()
        if not ref:
            ui.notify('Type an image name first, like nginx:1.27', type='warning')
            return
        latest: dict[str, Any] = {}

        def on_progress(step: PullProgress) -> None:   # in a worker thread: the timer below draws it
            latest['step'] = step.to_dict()

        with page_dialog() as dialog, ui.card().classes('w-[40rem] max-w-full').props('data-testid=pull-dialog'):
            ui.label(f'Pulling {ref}').classes('text-lg font-medium')
            status = ui.label('starting').classes('text-sm text-grey').props('data-testid=pull-status')
            overall = ui.linear_progress(value=0, show_value=False).props('data-testid=pull-progress')
            layers = ui.column().classes('w-full gap-1').props('data-testid=pull-layers')
            close = ui.button('Close', on_click=dialog.close).props('flat data-testid=pull-close')
            close.set_visibility(False)
        drawn: dict[str, tuple[ui.label, ui.linear_progress]] = {}

        def draw() -> None:
            step = latest.get('step')
            if not step or latest.get('ended'):   # a tick that comes after the last words never writes over them
                return
            status.text = step['status']
            overall.value = step['fraction'] or 0
            for layer in step['layers']:
                if layer['id'] not in drawn:
                    with layers, ui.row().classes('w-full items-center gap-2 no-wrap').props(
                            f'data-testid=layer-{layer["id"]}'):
                        ui.label(layer['id']).classes('dd-mono text-xs w-28')
                        bar = ui.linear_progress(value=0, show_value=False).classes('grow')
                        text = ui.label().classes('text-xs w-40')
                    drawn[layer['id']] = (text, bar)
                text, bar = drawn[layer['id']]
                text.text = layer['status'] + (f' {human_bytes(layer["current"])}/{human_bytes(layer["total"])}'
                                               if layer['total'] and layer['current'] < layer['total'] else '')
                bar.value = 1.0 if layer['status'].lower().startswith(('pull complete', 'already exists')) else (
                    layer['current'] / layer['total'] if layer['total'] else 0)
        timer = ui.timer(0.1, draw)
        dialog.open()
        try:
            result = await run.io_bound(self.svc.pull, ref, on_progress=on_progress,
                                        origin=ui_origin('images page: pull'))
        except DeployerError as exc:
            timer.cancel()
            latest['ended'] = True
            status.text = exc.message
            status.classes('text-negative').props('data-testid=pull-error')
            ui.notify(exc.message, type='negative')
        else:
            timer.cancel()
            draw()
            latest['ended'] = True
            status.text = f'{result["status"]}: {result["image"]} ({human_bytes(result["size"])})'
            overall.value = 1
            self.ref.value = ''
            await self.load()
        finally:
            timer.cancel()
            close.set_visibility(True)

    async def remove(self, item: dict[str, Any]) -> None:
        ref = item['ref']
        used = item['in_use']
        text = (f'{ref} is used by {item["containers"]}: removing it anyway untags it, and the engine refuses while '
                'one of them runs.' if used else f'Remove {ref} from this host? Pulling it again brings it back.')
        if not await confirm(f'Remove {ref}?', text):
            return
        await attempt(self.svc.remove, ref, force=used, origin=ui_origin('images page: remove'),
                      done=lambda a: f'{ref}: {len(a["untagged"])} untagged, {len(a["deleted"])} layers deleted')
        await self.load()

    async def prune(self) -> None:
        dangling = [i for i in self.images if i.dangling]
        if not dangling:
            ui.notify('No dangling images to prune', type='info')
            return
        if not await confirm('Prune dangling images?',
                             f'{len(dangling)} untagged images ({human_bytes(sum(i.size for i in dangling))}) no '
                             'container uses will be removed.'):
            return
        await attempt(self.svc.prune, origin=ui_origin('images page: prune'),
                      done=lambda a: f'{len(a["deleted"])} images removed, {human_bytes(a["space_reclaimed"])} reclaimed')
        await self.load()


def register(d: Deployer) -> None:
    @page('/ui/images')
    async def images_page(engine: str | None = None) -> None:
        with frame(d, 'Images'):
            listing = ImageList(d, engine)
            await listing.load()
