"""Stacks ``/stacks`` and one stack ``/stacks/{name}``: services and their states, actions,
scaling, the compose document and the merged logs of all services."""
from __future__ import annotations

import asyncio
from typing import Any

from fastapi import Request
from nicegui import run, ui

from deployer.errors import DeployerError, NotFound
from deployer.models import ContainerEvent, PortBinding, StackDetail, StackSummary
from deployer.service import Deployer

from .charts import charts
from .dashboard import HEALTH_COLORS, confirm, state_color
from .editor import StackEditor
from .engine_view import engine_picker, on_engine
from .frame import attempt, frame, page, page_dialog, sent, subscribe, ui_origin
from .history import Revisions
from .logview import LogSource, LogViewer
from .progress import ProgressView

STACK_COLORS = {'running': 'positive', 'degraded': 'deep-orange', 'partial': 'warning', 'stopped': 'negative',
                'empty': 'grey'}
STACK_ACTIONS = [('start', 'play_arrow', 'positive'), ('stop', 'stop', 'negative'), ('restart', 'restart_alt', 'primary'),
                 ('pull', 'cloud_download', 'primary'), ('redeploy', 'sync', 'primary'), ('remove', 'delete', 'negative')]


def port_links(ports: list[PortBinding], host: str) -> list[tuple[str, str]]:
    links = []
    for p in ports:
        if p.host_port and p.protocol == 'tcp':
            shown = host if p.host_ip in (None, '', '0.0.0.0', '::') else p.host_ip
            links.append((f'{shown}:{p.host_port}', f'http://{shown}:{p.host_port}'))
    return links


async def run_stack_action(d: Deployer, name: str, action: str, services: list[str]) -> bool:
    """Ask when it matters, then run the action with a live progress dialog."""
    volumes = False
    if action == 'remove':
        with page_dialog() as dialog, ui.card():
            ui.label(f'Remove stack {name}?').classes('text-lg font-medium')
            ui.label('Its containers and networks are removed.').classes('text-sm')
            keep = ui.checkbox('Also remove its volumes (the data is lost)').props('data-testid=remove-volumes')
            with ui.row().classes('w-full justify-end'):
                ui.button('Cancel', on_click=lambda: dialog.submit(False)).props('flat data-testid=cancel')
                ui.button('Remove', on_click=lambda: dialog.submit(True)).props('color=negative data-testid=confirm')
        answer = await dialog
        volumes = bool(keep.value)
        dialog.delete()
        if not answer:
            return False
    with page_dialog().props('persistent') as dialog, ui.card().classes('w-[36rem]'):
        ui.label(f'{action.capitalize()} {name}').classes('text-lg font-medium')
        view = ProgressView(services, cancel=(lambda: d.cancel_deploy(name)) if action == 'redeploy' else None)
        close = ui.button('Close', on_click=dialog.close).props('data-testid=progress-close')
        close.disable()
    dialog.open()
    _, error = await view.run(lambda progress: d.stack_action(
        name, action, volumes=volumes, progress=progress, origin=ui_origin(f'{action} button on the stacks page')))
    if error is None:
        view.summary.text = view.summary.text or f'{action} done'
    if error is None and action == 'remove':  # nothing left to look at: the stack is gone
        dialog.delete()
        ui.notify(f'Stack {name} removed', type='positive')
        return True
    close.enable()
    await dialog
    dialog.delete()
    return error is None


QUICK_SECONDS = 2.0   # how long the stack list waits for every engine before showing those that answered


class StackList:
    def __init__(self, d: Deployer, host: str) -> None:
        self.d, self.host = d, host
        self.dirty = self.asking = False
        with ui.row().classes('w-full items-center'):
            ui.label('Stacks').classes('text-2xl font-medium')
            ui.space()
            ui.link('Deploy from a template →', '/ui/templates').classes('text-primary')
            ui.button('New stack', icon='add', on_click=lambda: ui.navigate.to('/ui/new-stack')).props(
                'color=primary no-caps data-testid=new-stack')
        self.grid = ui.column().classes('w-full gap-2').props('data-testid=stacks')
        with self.grid:
            ui.label('Asking the engine for its stacks…').classes('text-grey')
        ui.timer(0.5, lambda: self.dirty and self.refresh_soon())

    async def refresh_soon(self) -> None:
        if not self.asking:   # one round of questions at a time: a slow engine does not pile them up
            self.dirty = False
            await self.refresh()

    async def refresh(self) -> None:
        """Every engine's stacks, asked all at once. What came back within QUICK_SECONDS shows then,
        an engine still answering says so, and the list is shown again when the last one answers."""
        engines = self.d.engines.ids()

        async def listed(engine: str) -> list[StackSummary] | DeployerError:
            try:
                return await run.io_bound(on_engine(self.d, engine).list_stacks)
            except DeployerError as exc:
                return exc

        self.asking = True
        try:
            asked = {engine: asyncio.ensure_future(listed(engine)) for engine in engines}
            _, pending = await asyncio.wait(asked.values(), timeout=QUICK_SECONDS)
            if pending:
                self.show(engines, asked)
                await asyncio.wait(pending)
            self.show(engines, asked)
        finally:
            self.asking = False

    def show(self, engines: list[str], asked: dict[str, asyncio.Future[list[StackSummary] | DeployerError]]) -> None:
        stacks: list[tuple[str, StackSummary]] = []
        notes: list[tuple[str, str]] = []
        for engine, answer in asked.items():
            if not answer.done():
                notes.append(('stacks-engine-waiting', f'⏳ Engine {engine} has not answered yet…'))
            elif isinstance(result := answer.result(), DeployerError):
                if engine == 'local':
                    ui.notify(result.message, type='negative')
                    return
                notes.append(('stacks-engine-down', f'⚠ Engine {engine}: {result.message}'))
            else:
                stacks += [(engine, s) for s in result]
        self.grid.clear()
        with self.grid:
            for testid, note in notes:
                ui.label(note).classes('text-sm text-warning').props(f'data-testid={testid}')
            if not stacks and not any(testid == 'stacks-engine-waiting' for testid, _ in notes):
                ui.label('No stacks yet. Write one with "New stack" (type, paste or upload a compose file), deploy '
                         'one from the template gallery, or with POST /deploy or docker compose — they all show up '
                         'here.').classes('text-grey')
            for engine, stack in stacks:
                self.card(stack, engine if len(engines) > 1 else None)

    def card(self, stack: StackSummary, engine: str | None = None) -> None:
        remote = engine not in (None, 'local')
        with ui.card().classes('w-full').props(f'flat bordered data-testid=stack-{stack.name}'):
            with ui.row().classes('w-full items-center gap-3'):
                ui.link(stack.name, f'/ui/stacks/{stack.name}' + (f'?engine={engine}' if remote else '')).classes(
                    'text-lg font-medium text-primary')
                if engine is not None:
                    ui.badge(engine, color='blue-grey').props(f'outline data-testid=stack-host-{stack.name}')
                badge = ui.badge(stack.state, color=STACK_COLORS.get(stack.state, 'grey')).props(
                    f'data-testid=stack-state-{stack.name}')
                if stack.problems:  # which containers make it degraded
                    badge.tooltip(', '.join(f'{n} {p}' for n, p in sorted(stack.problems.items())))
                ui.label(f'{stack.running}/{stack.containers} running · {stack.services} services').classes('text-sm')
                ui.label(f'template {stack.template}' if stack.template else f'made by {stack.source}').classes(
                    'text-sm text-grey')
                for label, url in port_links(stack.ports, self.host):
                    ui.link(label, url, new_tab=True).classes('text-sm')
                ui.space()
                for action, icon, color in STACK_ACTIONS:
                    if action == 'redeploy' and not stack.redeployable:
                        continue
                    ui.button(icon=icon, on_click=lambda a=action, s=stack: self.act(s, a, engine)).props(
                        f'flat round dense color={color} data-testid=stack-{action}-{stack.name}').tooltip(action.capitalize())

    async def act(self, stack: StackSummary, action: str, engine: str | None = None) -> None:
        await run_stack_action(on_engine(self.d, engine), stack.name, action, [])
        await self.refresh()

    def on_event(self, event: ContainerEvent) -> None:
        if (event.container and event.container.stack) or event.kind == 'removed':
            self.dirty = True


class StackPage:
    def __init__(self, d: Deployer, stack: StackDetail, host: str) -> None:
        self.d, self.name, self.host = d, stack.name, host
        self.engine: str | None = getattr(d, 'engine_id', None)   # another engine's stack (pages/engine_view.py)
        self.stack = stack   # what is shown: replaced at each reload
        self.dirty = False
        self.typed: dict[str, int] = {}   # replicas typed but not yet applied, per service
        with ui.row().classes('w-full items-center gap-3'):
            ui.label(stack.name).classes('text-2xl font-medium')
            self.badge = ui.badge(stack.state, color=STACK_COLORS.get(stack.state, 'grey')).props('data-testid=stack-state')
            self.caption = ui.label().classes('text-sm text-grey')
            ui.space()
            for action, icon, color in STACK_ACTIONS:
                if action == 'redeploy' and not stack.redeployable:
                    continue
                ui.button(action.capitalize(), icon=icon, on_click=lambda a=action: self.act(a)).props(
                    f'outline dense color={color} data-testid=stack-{action}')
            if stack.source == 'dockerdeployer':
                ui.button('Save as template', icon='bookmark_add', on_click=self.save_as_template).props(
                    'outline dense data-testid=save-template')
            self.check_button = ui.button('Check for updates', icon='system_update', on_click=self.check_updates).props(
                'outline dense data-testid=stack-check-updates')
        self.updates = ui.row().classes('w-full items-center gap-2 p-2 rounded bg-orange-1 text-orange-10').props(
            'data-testid=stack-updates')
        if stack.refused:
            with ui.row().classes('w-full items-start gap-2 p-3 rounded bg-red-1 text-red-10').props(
                    'data-testid=stack-refused'):
                ui.icon('gpp_bad', color='negative').classes('text-xl')
                ui.label('The host policy refuses this stack as configured, so redeploy and rollback to this '
                         f'configuration will fail. Its containers keep running as they are. {stack.refused}').classes(
                    'text-sm')
        with ui.tabs().classes('max-w-full') as tabs:
            services_tab = ui.tab('Services')
            logs_tab = ui.tab('Logs')
            compose_tab = ui.tab('Compose')
            revisions_tab = ui.tab('Revisions').props('data-testid=revisions-tab')
            charts_tab = ui.tab('Charts').props('data-testid=charts-tab')
        with ui.tab_panels(tabs, value=services_tab).classes('w-full'):
            with ui.tab_panel(services_tab):
                self.services = ui.column().classes('w-full gap-3')
            with ui.tab_panel(logs_tab):
                sources = [LogSource(c.id, c.service or c.name, self.engine) for s in stack.service_list
                           for c in s.containers]
                self.viewer = LogViewer(d, sources, f'{stack.name}.log') if sources else None
                if not sources:
                    ui.label('No containers yet.').classes('text-grey')
            with ui.tab_panel(compose_tab):
                self.compose_panel(stack)
            with ui.tab_panel(revisions_tab):
                self.revisions = Revisions(d, stack.name) if stack.source == 'dockerdeployer' else None
                if self.revisions is None:
                    ui.label('Stacks made elsewhere have no revisions here.').classes('text-grey')
            with ui.tab_panel(charts_tab):
                charts(self.d, lambda: [(c.id, c.name) for s in self.stack.service_list for c in s.containers
                                        if c.state == 'running'])
        tabs.on_value_change(self.tab_opened)
        self.show(stack)
        ui.timer(0.3, lambda: self.dirty and self.reload())

    async def tab_opened(self, event: Any) -> None:
        if event.value == 'Revisions' and self.revisions:
            await self.revisions.load()
        elif event.value == 'Logs' and self.viewer is not None:
            # a tab panel is in the page only while it is open: what was written before it opened is
            # drawn again once its log box is there (a line printed at start was lost otherwise)
            ui.timer(0.15, self.viewer.rerender, once=True)

    def compose_panel(self, stack: StackDetail) -> None:
        """Stacks deployed here: the editor. Stacks made elsewhere: their file, read-only, and
        an "adopt" action that makes them editable here."""
        if stack.drift is not None and not stack.drift.get('in_sync', True):
            changed = ', '.join(f'{k} ({v})' for k, v in stack.drift.get('services', {}).items() if v != 'in sync')
            ui.label(f'⚠ The running containers differ from this configuration: {changed}. Save (or redeploy) to '
                     'bring them back in line.').classes('text-warning text-sm').props('data-testid=drift')
        if stack.source == 'dockerdeployer':
            StackEditor(self.d, stack, on_saved=lambda _: self.reload_soon())
            if stack.secret_params:
                ui.button('Reveal secrets', icon='visibility', on_click=self.reveal_secrets).props(
                    'outline dense color=warning data-testid=reveal-secrets')
            return
        with ui.row().classes('w-full items-center gap-2 p-2 rounded bg-blue-1 text-blue-10').props(
                'data-testid=foreign-notice'):
            ui.icon('info')
            ui.label('Made by docker compose: read-only here. Adopt it to edit, version and roll it back here '
                     '(its containers are recreated from the same file).').classes('text-sm grow')
            if stack.compose:
                ui.button('Adopt', icon='move_down', on_click=self.adopt).props('color=primary no-caps data-testid=adopt')
        if stack.compose:
            ui.code(stack.compose, language='yaml').classes('w-full').props('data-testid=compose')
        else:
            ui.label('The compose file of this stack is not readable here.').classes('text-grey')

    def reload_soon(self) -> None:
        self.dirty = True

    async def adopt(self) -> None:
        try:
            detail = await run.io_bound(self.d.get_stack, self.name)
            check = await run.io_bound(self.d.check_stack, self.name, detail.compose or '')
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')
            return
        with page_dialog() as dialog, ui.card().classes('w-[40rem] max-w-full'):
            ui.label(f'Adopt {self.name}?').classes('text-lg font-medium')
            ui.label(f'Its compose file ({", ".join(detail.config_files)}) becomes its versioned document here; '
                     'relative paths keep pointing into its folder. ' + check.summary).classes('text-sm').props(
                'data-testid=adopt-summary')
            for problem in check.problems:
                ui.label(('Refused by the host policy: ' if problem.kind == 'policy' else '') + problem.message).classes(
                    'text-sm ' + ('text-negative' if problem.kind != 'warning' else 'text-warning'))
            with ui.row().classes('w-full justify-end'):
                ui.button('Cancel', on_click=lambda: dialog.submit(False)).props('flat')
                adopt = ui.button('Adopt', on_click=lambda: dialog.submit(True)).props('color=primary data-testid=confirm')
                adopt.set_enabled(check.valid)
        answer = await dialog
        dialog.delete()
        if not answer:
            return
        with page_dialog().props('persistent') as dialog, ui.card().classes('w-[36rem] max-w-full'):
            ui.label(f'Adopting {self.name}').classes('text-lg font-medium')
            view = ProgressView([s.service for s in check.changes], cancel=lambda: self.d.cancel_deploy(self.name))
            close = ui.button('Close', on_click=dialog.close).props('data-testid=progress-close')
            close.disable()
        dialog.open()
        _, error = await view.run(lambda progress: self.d.adopt_stack(
            self.name, progress=progress, origin=ui_origin('adopt button on the stack page')))
        if error is None:
            view.summary.text = view.summary.text or 'adopted'
        close.enable()
        await dialog
        dialog.delete()
        if error is None:
            ui.navigate.reload()

    def show(self, stack: StackDetail) -> None:
        self.stack = stack
        known = self.d.updates_on(self.engine).known()
        newer = [c.name for s in stack.service_list for c in s.containers
                 if (status := known.get(c.name)) is not None and status.status == 'update available']
        self.show_updates(newer)
        self.badge.text = stack.state
        self.badge.props(f'color={STACK_COLORS.get(stack.state, "grey")}')
        self.caption.text = (f'{stack.running}/{stack.containers} running · made by {stack.source}'
                             + (f' · template {stack.template}' if stack.template else ''))
        self.services.clear()
        with self.services:
            for service in stack.service_list:
                with ui.card().classes('w-full').props(f'flat bordered data-testid=service-{service.name}'):
                    with ui.row().classes('w-full items-center gap-3'):
                        ui.label(service.name).classes('text-lg font-medium')
                        ui.label(service.image).classes('dd-mono text-sm text-grey')
                        ui.label(f'{service.running}/{service.replicas} running').props(
                            f'data-testid=service-running-{service.name}')
                        ui.space()
                        if stack.source == 'dockerdeployer':
                            self.scale_controls(service.name, service.replicas)
                    for c in service.containers:
                        with ui.row().classes('items-center gap-3 pl-2'):
                            ui.badge(c.state, color=state_color(c.state, c.problem)).props(
                                f'data-testid=container-state-{c.name}')
                            if c.health:
                                ui.badge(c.health, color=HEALTH_COLORS.get(c.health, 'grey')).props(
                                    f'outline data-testid=container-health-{c.name}')
                            ui.link(c.name, f'/container/{c.id}' + (f'?engine={self.engine}' if self.engine else '')
                                    ).classes('dd-mono text-sm')
                            if c.name in newer:
                                ui.badge('update available', color='deep-orange').props(
                                    f'outline data-testid=container-update-{c.name}')
                            ui.label(c.status).classes('text-sm text-grey')
                            for label, url in port_links(c.ports, self.host):
                                ui.link(label, url, new_tab=True).classes('text-sm')
            if stack.disabled_services:
                ui.label('Not started (profiles): ' + ', '.join(stack.disabled_services)).classes('text-sm text-grey')

    def show_updates(self, newer: list[str]) -> None:
        """The containers whose registry serves something newer for their tag (the last check's
        answer, whoever asked), and the update: the stack's images pulled, then converged."""
        self.updates.clear()
        self.updates.set_visibility(bool(newer))
        if not newer:
            return
        with self.updates:
            ui.icon('system_update')
            ui.label(f'Newer images: {", ".join(newer)}. Updating pulls them and converges the stack '
                     '(a revision, recorded; a failure rolls back).').classes('text-sm grow')
            ui.button('Update', icon='upgrade', on_click=lambda: self.update(newer[0])).props(
                'dense color=deep-orange data-testid=stack-update')

    async def check_updates(self) -> None:
        self.check_button.props('loading')
        try:
            statuses = await run.io_bound(lambda: self.d.check_updates(engine=self.engine, refresh=True))
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')
            return
        finally:
            self.check_button.props(remove='loading')
        mine = [s for s in statuses if s.stack == self.name]
        newer = [s.container for s in mine if s.status == 'update available']
        unknown = [s for s in mine if s.status == 'unknown']
        ui.notify(f'{len(newer)} of {len(mine)} with a newer image' if newer else
                  'Up to date' if not unknown else
                  f'Not known for {", ".join(s.container for s in unknown)}: {unknown[0].reason}',
                  type='warning' if newer else 'positive' if not unknown else 'info', multi_line=True)
        self.show(self.stack)

    async def update(self, container: str) -> None:
        if not await confirm(f'Update stack {self.name}?', 'Its images are pulled and the stack converged: the '
                             'services with a newer image are recreated; a failure rolls back.'):
            return
        self.updates.clear()
        with self.updates:
            ui.spinner()
            ui.label(f'Updating {self.name} …').classes('text-sm')
        if await attempt(self.d.updates_on(self.engine).update, container, done=f'Stack {self.name} updated',
                         origin=ui_origin('update button on the stack page')):
            await self.reload()
        else:
            self.show(self.stack)

    async def reveal_secrets(self) -> None:
        """Show the stack's secret values after a confirmation; the reveal is a history record."""
        with page_dialog() as dialog, ui.card().classes('w-[32rem]'):
            ui.label(f'Reveal the secrets of {self.name}?').classes('text-lg font-medium')
            ui.label('Their values are shown in this dialog. The reveal is recorded in the history (who and '
                     'which names, never the values).').classes('text-sm')
            with ui.row().classes('w-full justify-end'):
                ui.button('Cancel', on_click=lambda: dialog.submit(False)).props('flat data-testid=cancel')
                ui.button('Reveal', on_click=lambda: dialog.submit(True)).props('color=warning data-testid=confirm')
        answer = await dialog
        dialog.delete()
        if not answer:
            return
        try:
            values, _ = await run.io_bound(self.d.reveal_secrets, self.name,
                                           origin=ui_origin('reveal-secrets button on the stack page'))
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')
            return
        with page_dialog() as shown, ui.card().classes('w-[36rem] max-w-full'):
            ui.label(f'Secrets of {self.name}').classes('text-lg font-medium')
            for key, value in values.items():
                with ui.row().classes('items-center gap-2 no-wrap'):
                    ui.label(key).classes('dd-mono text-sm w-48')
                    ui.label(value).classes('dd-mono text-sm break-all').props(f'data-testid=secret-{key}')
                    ui.button(icon='content_copy', on_click=lambda v=value: ui.clipboard.write(v)).props(
                        'flat dense round size=sm').tooltip('Copy')
            if not values:
                ui.label('This stack has no secrets.').classes('text-grey')
            with ui.row().classes('w-full justify-end'):
                ui.button('Close', on_click=shown.close).props('data-testid=close-secrets')
        await shown
        shown.delete()  # the values leave the page with the dialog

    async def save_as_template(self) -> None:
        with page_dialog() as dialog, ui.card().classes('w-[32rem]'):
            ui.label('Save as a template of your own').classes('text-lg font-medium')
            ident = ui.input('Template id', value=f'my-{self.name}').props(
                'outlined dense data-testid=template-id').classes('w-full')
            title = ui.input('Title', value=self.name).props('outlined dense data-testid=template-title').classes('w-full')
            text = ui.textarea('Description').props('outlined dense').classes('w-full')
            ui.label('Non-secret parameters become defaults; secrets are never saved.').classes('text-xs text-grey')
            with ui.row().classes('w-full justify-end'):
                ui.button('Cancel', on_click=dialog.close).props('flat')
                ui.button('Save', on_click=lambda: dialog.submit(True)).props('color=primary data-testid=save')
        if await dialog:
            try:
                template = await run.io_bound(self.d.save_stack_as_template, self.name, template_id=ident.value.strip(),
                                              title=title.value.strip() or self.name, description=text.value or '',
                                              origin=ui_origin('save-as-template dialog'))
            except DeployerError as exc:
                ui.notify(exc.message, type='negative')
            else:
                ui.notify(f'Saved as template {template.id}', type='positive')
        dialog.delete()

    def scale_controls(self, service: str, replicas: int) -> None:
        """A live refresh rebuilds these: a number being typed is kept until it is used."""
        number = ui.number('Replicas', value=self.typed.get(service, replicas), min=0, max=100, step=1, format='%d',
                           on_change=lambda e: self.typed.__setitem__(service, int(e.value or 0))).props(
            f'dense outlined data-testid=replicas-{service}').classes('w-28')
        ui.button('Scale', on_click=lambda: self.scale(service, int(number.value or 0))).props(
            f'dense outline data-testid=scale-{service}')

    async def reload(self) -> None:
        self.dirty = False
        try:
            self.show(await run.io_bound(self.d.get_stack, self.name))
        except NotFound:
            ui.navigate.to('/ui/stacks')
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')

    async def act(self, action: str) -> None:
        done = await run_stack_action(self.d, self.name, action, [])
        if action == 'remove' and done:
            ui.navigate.to('/ui/stacks')
        else:
            await self.reload()

    async def scale(self, service: str, replicas: int) -> None:
        self.typed.pop(service, None)
        with page_dialog().props('persistent') as dialog, ui.card().classes('w-[36rem]'):
            ui.label(f'Scale {service} to {replicas}').classes('text-lg font-medium')
            view = ProgressView([service], cancel=lambda: self.d.cancel_deploy(self.name))
            close = ui.button('Close', on_click=dialog.close).props('data-testid=progress-close')
            close.disable()
        dialog.open()
        await view.run(lambda progress: self.d.scale_stack(
            self.name, service, replicas, progress=progress, origin=ui_origin('scale control on the stack page')))
        close.enable()
        await dialog
        dialog.delete()
        await self.reload()

    def on_event(self, event: ContainerEvent) -> None:
        stack = event.container.stack if event.container else None
        if event.engine != (self.engine or 'local'):
            return
        if stack == self.name or event.kind == 'removed':
            self.dirty = True
            if event.kind == 'started' and self.viewer is not None:
                self.viewer.restart_if_idle(event.id)


def register(d: Deployer) -> None:
    @page('/ui/stacks')
    async def stacks_page(request: Request) -> None:
        with frame(d, 'Stacks'):
            stacks = StackList(d, request.url.hostname or 'localhost')
            subscribe(d.bus.containers, stacks.on_event)
            if await sent():
                await stacks.refresh()

    @page('/ui/new-stack')
    async def new_stack_page(engine: str | None = None) -> None:
        with frame(d, 'New stack'):
            with ui.row().classes('w-full items-center gap-2'):
                ui.label('New stack').classes('text-2xl font-medium')
                ui.space()
                engine = engine_picker(d, engine, '/ui/new-stack')   # deployed on that engine, with ?engine=
            ui.label('Type, paste or upload a compose file; it is checked as you type. Deploying shows what will be '
                     'created first.').classes('text-sm text-grey')
            try:
                view = on_engine(d, engine)
            except DeployerError as exc:
                ui.label(exc.message).classes('text-lg')
                return
            at = f'?engine={engine}' if engine else ''
            StackEditor(view, None, on_saved=lambda detail: ui.navigate.to(f'/ui/stacks/{detail.name}{at}'))

    @page('/ui/stacks/{name}')
    async def stack_page(name: str, request: Request, engine: str | None = None) -> None:
        with frame(d, name):
            try:
                view = on_engine(d, engine)   # another engine's stack: its operations go there
            except DeployerError as exc:
                ui.label(exc.message).classes('text-lg')
                return
            try:
                stack = await run.io_bound(view.get_stack, name)
            except DeployerError as exc:
                ui.label(exc.message).classes('text-lg')
                ui.link('All stacks', '/ui/stacks')
                return
            shown = StackPage(view, stack, request.url.hostname or 'localhost')
            subscribe(d.bus.containers, shown.on_event)
