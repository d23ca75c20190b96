"""The template gallery ``/ui/templates``: searchable cards, a deploy dialog built from the
template's parameters, live progress per service, and Portainer feed import."""
from __future__ import annotations

from typing import Any

from fastapi import Request
from nicegui import events, run, ui

from deployer.compose.loader import check_project_name
from deployer.errors import DeployerError, InvalidInput
from deployer.fetch import DEADLINE
from deployer.service import Deployer
from deployer.stacks.check import StackCheck
from deployer.templates import Parameter, Template
from deployer.text import count

from .frame import frame, page, page_dialog, ui_origin
from .progress import ProgressView
from .stacks import port_links


class ParameterField:
    """One input built from a template parameter's type."""

    def __init__(self, d: Deployer, param: Parameter) -> None:
        self.param = param
        label = (param.label or param.name) + (' *' if param.required else '')
        hint = param.description or ''
        testid = f'data-testid=param-{param.name}'
        self.warning: ui.label | None = None
        if param.type == 'bool':
            self.element: Any = ui.switch(label, value=(param.default or '').lower() == 'true').props(testid)
        elif param.type == 'choice':
            self.element = ui.select(list(param.choices), label=label, value=param.default).props(
                f'outlined dense {testid}').classes('w-full')
        elif param.type in ('int', 'port'):
            self.element = ui.number(label, value=int(param.default) if param.default else None, format='%d',
                                     min=1 if param.type == 'port' else None,
                                     max=65535 if param.type == 'port' else None).props(
                f'outlined dense {testid}').classes('w-full')
            if param.type == 'port':
                self.warning = ui.label().classes('text-xs text-warning').props(f'data-testid=port-warning-{param.name}')
                self.element.on_value_change(lambda: self.check_port(d))
        else:
            secret = param.type == 'password' or param.secret
            placeholder = 'generated when left empty' if param.generate else ''
            self.element = ui.input(label, value=param.default or '', placeholder=placeholder,
                                    password=secret, password_toggle_button=secret).props(
                f'outlined dense {testid}').classes('w-full')
        if hint:
            self.element.tooltip(hint)

    async def check_port(self, d: Deployer) -> None:
        if self.warning is None:
            return
        value = self.element.value
        holder = None
        if isinstance(value, (int, float)) and 0 < int(value) < 65536:
            try:
                holder = await run.io_bound(d.port_in_use, int(value))
            except DeployerError:
                holder = None
        self.warning.text = f'⚠ port {int(value)} is already in use by {holder}' if holder else ''

    def value(self) -> Any:
        value = self.element.value
        if self.param.type in ('int', 'port'):
            return None if value is None else int(value)
        if isinstance(value, str) and value == '' and not self.param.required:
            return None
        return value


def name_problem(value: str | None) -> str | None:
    """Why the service would refuse this stack name (in its words), or None."""
    if not value:
        return 'a stack needs a name'
    try:
        check_project_name(value)
    except InvalidInput as exc:
        return exc.message
    return None


async def deploy_dialog(d: Deployer, template: Template, host: str) -> None:
    with page_dialog().props('persistent') as dialog, ui.card().classes('w-[40rem] max-w-full'):
        with ui.row().classes('items-center gap-3'):
            if template.logo:
                ui.image(f'/templates/{template.id}/logo.svg').classes('w-10 h-10')
            ui.label(f'Deploy {template.title}').classes('text-lg font-medium')
        ui.label(template.description).classes('text-sm text-grey-8')
        form = ui.column().classes('w-full gap-2')
        with form:
            stack = ui.input('Stack name', value=template.id.replace('.', '-')[:63], validation=name_problem).props(
                'outlined dense data-testid=stack-name').classes('w-full')
            fields = [ParameterField(d, p) for p in template.parameters]
        progress_box = ui.column().classes('w-full')
        secrets_box = ui.column().classes('w-full')
        with ui.row().classes('w-full justify-end'):
            cancel = ui.button('Cancel', on_click=lambda: dialog.submit(None)).props('flat data-testid=cancel')
            go = ui.button('Deploy', icon='rocket_launch').props('color=primary data-testid=deploy')
    stack.on_value_change(lambda: go.set_enabled(name_problem(stack.value) is None))   # the reason shows under the name
    go.set_enabled(stack.validate())
    for f in fields:
        if f.warning is not None:
            await f.check_port(d)

    async def deploy() -> None:
        params = {f.param.name: v for f in fields if (v := f.value()) is not None}
        missing = [f.param.label or f.param.name for f in fields if f.param.required and f.value() is None]
        if missing:
            ui.notify('Fill in: ' + ', '.join(missing), type='warning')
            return
        name = stack.value or None
        try:   # onto a stack that exists: say what the update changes, and ask
            check = await run.io_bound(lambda: d.check_template(template.id, stack=name, params=params))
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')
            return
        if check.exists and not await confirm_update(check):
            return
        form.set_visibility(False)
        go.disable()
        cancel.disable()
        progress_box.clear()   # a retry starts clean: not below the last attempt's rows and error
        with progress_box:
            view = ProgressView(list((template.compose.get('services') or {}).keys()),
                                cancel=lambda: d.cancel_deploy(check.stack))
        outcome, error = await view.run(lambda progress: d.deploy_template(
            template.id, stack=name, params=params, progress=progress, update=check.exists,
            origin=ui_origin(f'deploy dialog of template {template.id}')))
        cancel.enable()
        cancel.text = 'Close'
        if error is not None:
            form.set_visibility(True)
            go.enable()
            return
        detail, _, generated = outcome
        go.set_visibility(False)
        view.show_links(port_links(detail.ports, host))
        with secrets_box:
            ui.link(f'Open stack {detail.name} →', f'/ui/stacks/{detail.name}').props('data-testid=open-stack')
            if generated:
                ui.label('Generated values — shown only now, copy them somewhere safe:').classes('text-sm font-medium')
                for key, value in sorted(generated.items()):
                    with ui.row().classes('items-center gap-2'):
                        ui.label(key).classes('dd-mono text-sm w-40')
                        ui.label(value).classes('dd-mono text-sm').props(f'data-testid=generated-{key}')
                        ui.button(icon='content_copy', on_click=lambda v=value: ui.clipboard.write(v)).props(
                            'flat dense round size=sm').tooltip('Copy')

    go.on_click(deploy)
    await dialog
    dialog.delete()


async def confirm_update(check: StackCheck) -> bool:
    """A deploy onto a stack that exists updates it: never without saying what changes."""
    with page_dialog() as dialog, ui.card().classes('w-[40rem] max-w-full').props('data-testid=update-dialog'):
        ui.label(f'Stack {check.stack} exists: update it?').classes('text-lg font-medium')
        ui.label(check.summary if check.changed else f'{check.stack} already runs this: nothing changes.').classes(
            'text-sm').props('data-testid=update-summary')
        for change in check.changes:
            if change.change != 'unchanged':
                ui.label(f'{change.service}: {change.change} — {"; ".join(change.details)}').classes('text-sm text-grey-8')
        with ui.row().classes('w-full justify-end'):
            ui.button('Cancel', on_click=lambda: dialog.submit(False)).props('flat data-testid=update-cancel')
            ui.button('Update', on_click=lambda: dialog.submit(True)).props('color=warning data-testid=update-confirm')
    answer = bool(await dialog)
    dialog.delete()
    return answer


async def import_dialog(d: Deployer, on_done: Any) -> None:
    with page_dialog() as dialog, ui.card().classes('w-[36rem] max-w-full'):
        ui.label('Import a Portainer template feed').classes('text-lg font-medium')
        ui.label('v1, v2 or v3 feeds: container templates become one-service templates; stack templates '
                 'are imported when their compose file can be read.').classes('text-sm text-grey-8')
        url = ui.input('Feed URL', placeholder='https://…/templates.json').props(
            'outlined dense data-testid=feed-url').classes('w-full')
        uploaded: dict[str, Any] = {}

        async def on_upload(event: events.UploadEventArguments) -> None:
            uploaded['name'] = event.file.name
            uploaded['data'] = await event.file.read()

        ui.upload(label='…or a feed file', auto_upload=True, on_upload=on_upload, max_file_size=5 * 1024 * 1024).props(
            'accept=.json flat bordered').classes('w-full')
        result = ui.label().classes('text-sm').props('data-testid=import-result')

        async def run_import() -> None:
            try:
                if uploaded:
                    outcome = await run.io_bound(d.import_templates, uploaded['data'], source_name=uploaded['name'],
                                                 origin=ui_origin('import dialog'))
                elif url.value:
                    result.text = f'Fetching the feed (at most {DEADLINE:g} s)…'
                    result.classes(replace='text-sm text-grey-8')
                    outcome = await run.io_bound(d.import_templates_from_url, url.value.strip(),
                                                 origin=ui_origin('import dialog'))
                else:
                    ui.notify('Give a URL or a file', type='warning')
                    return
            except DeployerError as exc:
                result.text = exc.message
                result.classes(replace='text-sm text-negative')
                return
            result.text = f'{count(outcome.imported, "template")} imported, {outcome.unavailable} listed as unavailable'
            result.classes(replace='text-sm text-positive')
            await on_done()

        with ui.row().classes('w-full justify-end'):
            ui.button('Close', on_click=dialog.close).props('flat')
            ui.button('Import', icon='download', on_click=run_import).props('color=primary data-testid=import')
    dialog.open()
    await dialog
    dialog.delete()


class Gallery:
    def __init__(self, d: Deployer, host: str) -> None:
        self.d, self.host = d, host
        with ui.row().classes('w-full items-center gap-2'):
            ui.label('Templates').classes('text-2xl font-medium')
            self.search = ui.input(placeholder='Search: "password manager", "git", "monitoring"…',
                                   on_change=self.refresh).props(
                'outlined dense clearable data-testid=template-search').classes('w-96')
            self.category = ui.select({'': 'All categories'}, value='', on_change=self.refresh).props(
                'outlined dense data-testid=template-category').classes('w-48')
            ui.space()
            ui.button('Import feed', icon='download', on_click=lambda: import_dialog(d, self.refresh)).props(
                'outline data-testid=open-import')
        self.count = ui.label().classes('text-sm text-grey')
        self.grid = ui.element('div').classes('w-full grid gap-3').style(
            'grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr))').props('data-testid=templates')

    async def refresh(self) -> None:
        try:
            templates = await run.io_bound(self.d.list_templates, q=self.search.value or None,
                                           category=self.category.value or None)
            categories = await run.io_bound(self.d.catalog.categories)
        except DeployerError as exc:
            ui.notify(exc.message, type='negative')
            return
        self.category.options = {'': 'All categories', **{c: c for c in categories}}
        self.category.update()
        self.count.text = count(len(templates), 'template')
        self.grid.clear()
        with self.grid:
            for template in templates:
                self.card(template)

    def card(self, template: Template) -> None:
        with ui.card().classes('gap-2' + ('' if template.available else ' opacity-60')).props(
                f'flat bordered data-testid=template-{template.id}'):
            with ui.row().classes('items-center gap-3 no-wrap'):
                if template.logo:
                    ui.image(f'/templates/{template.id}/logo.svg').classes('w-10 h-10 shrink-0')
                else:
                    ui.icon('widgets', size='2.5rem', color='grey')
                with ui.column().classes('gap-0'):
                    ui.label(template.title).classes('font-medium')
                    ui.label(template.category + ('' if template.source == 'builtin' else f' · {template.source}')).classes(
                        'text-xs text-grey')
            ui.label(template.description).classes('text-sm text-grey-8 line-clamp-3')
            if template.available:
                with ui.row().classes('w-full items-center'):
                    if template.docs:
                        ui.link('Docs', template.docs, new_tab=True).classes('text-sm')
                    ui.space()
                    ui.button('Deploy', on_click=lambda t=template: deploy_dialog(self.d, t, self.host)).props(
                        f'dense color=primary data-testid=deploy-{template.id}')
            else:
                ui.label(template.unavailable_reason or 'unavailable').classes('text-xs text-negative')


def register(d: Deployer) -> None:
    @page('/ui/templates')
    async def templates_page(request: Request) -> None:
        with frame(d, 'Templates'):
            gallery = Gallery(d, request.url.hostname or 'localhost')
            await gallery.refresh()


