"""The compose editor: a stack's document and its environment, edited in the browser.

Used for a new stack (``/ui/new-stack``) and on the Compose tab of every stack deployed here.
As the user types, the document is checked (``Deployer.check_stack``) and the loader's and the
policy's messages appear at their lines; saving first shows what would change against what
runs (per service, and the diff), then deploys with the usual progress: versioned, recorded
and rolled back on failure. A save is made against the revision the editor opened: if the
stack changed since, the difference is shown instead of overwriting it. Secret values never
reach the browser: they are shown (and sent back) as the mask, which stands for the kept value.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable

from nicegui import events, run, ui

from deployer.compose.interpolate import parse_env_file
from deployer.compose.loader import parse_yaml
from deployer.errors import DeployerError, StackChanged
from deployer.models import StackDetail
from deployer.secrets import MASK, SECRET_NAME
from deployer.service import Deployer
from deployer.stacks.check import StackCheck
from deployer.vocabulary import STACK_NAME_RE

from .frame import page_dialog, ui_origin
from .progress import ProgressView

CHECK_AFTER = 0.4        # seconds of quiet typing before the document is checked
MAX_UPLOAD = 512 * 1024
CHANGE_ICONS = {'create': ('add_circle', 'positive'), 'recreate': ('autorenew', 'warning'),
                'scale': ('unfold_more', 'primary'), 'start': ('play_arrow', 'primary'),
                'unchanged': ('check', 'grey'), 'remove': ('remove_circle', 'negative')}
EXAMPLE = '''services:
  web:
    image: nginx:alpine
    ports:
      - "8080:80"
    restart: unless-stopped
'''
CSS = ('.dd-line-error{background:rgba(193,0,21,.12)}.dd-line-policy{background:rgba(242,192,55,.22)}'
       '.dd-line-warning{background:rgba(128,128,128,.12)}.dd-editor .cm-editor{max-height:60vh;min-height:14rem}')
GUARD = '''if (!window.ddGuard) { window.ddGuard = true;
  window.addEventListener('beforeunload', e => { if (window.ddDirty) { e.preventDefault(); e.returnValue = ''; } }); }'''


class EnvTable:
    """The stack's variables (``${VAR}`` in the document) as rows; secret-looking names are
    masked, and a kept secret shows as the mask until it is replaced."""

    def __init__(self, values: dict[str, str], on_change: Callable[[], None]) -> None:
        self.on_change = on_change
        self.rows: list[tuple[ui.input, ui.input]] = []
        with ui.column().classes('w-full gap-1').props('data-testid=env-table') as self.column:
            pass
        with ui.row().classes('gap-2'):
            ui.button('Add variable', icon='add', on_click=lambda: self.add('', '', focus=True)).props(
                'flat dense no-caps data-testid=env-add')
            ui.button('Paste a .env file', icon='content_paste', on_click=self.paste).props(
                'flat dense no-caps data-testid=env-paste')
        self.set(values)

    def set(self, values: dict[str, str]) -> None:
        self.column.clear()
        self.rows = []
        for key, value in values.items():
            self.add(key, value)

    def add(self, key: str, value: str, *, focus: bool = False) -> None:
        secret = bool(SECRET_NAME.search(key)) or value == MASK
        with self.column, ui.row().classes('w-full items-center gap-2 no-wrap') as row:
            name = ui.input(placeholder='NAME', value=key, on_change=self.on_change).props(
                f'dense outlined data-testid=env-key-{len(self.rows)}').classes('w-56 dd-mono')
            field = ui.input(placeholder='value', value=value, password=secret, password_toggle_button=secret,
                             on_change=self.on_change).props(
                f'dense outlined data-testid=env-value-{len(self.rows)}').classes('grow dd-mono')
            if value == MASK:
                field.tooltip('kept in the secrets store; type a new value to replace it')
            entry = (name, field)
            ui.button(icon='close', on_click=lambda: self.remove(row, entry)).props(
                'flat dense round size=sm').tooltip('Remove')
        self.rows.append(entry)
        if focus:
            name.run_method('focus')

    def remove(self, row: ui.row, entry: tuple[ui.input, ui.input]) -> None:
        self.rows.remove(entry)
        row.delete()
        self.on_change()

    def values(self) -> dict[str, str]:
        return {k.value.strip(): v.value or '' for k, v in self.rows if k.value and k.value.strip()}

    async def paste(self) -> None:
        with page_dialog() as dialog, ui.card().classes('w-[36rem] max-w-full'):
            ui.label('Paste a .env file').classes('text-lg font-medium')
            text = ui.textarea(placeholder='NAME=value').props('outlined autogrow data-testid=env-text').classes(
                'w-full dd-mono')
            error = ui.label().classes('text-negative text-sm')
            with ui.row().classes('w-full justify-end'):
                ui.button('Cancel', on_click=lambda: dialog.submit(None)).props('flat')
                ui.button('Add', on_click=lambda: self._parsed(text.value, error, dialog)).props(
                    'color=primary data-testid=env-text-add')
        values = await dialog
        dialog.delete()
        if values:
            self.merge(values)

    def _parsed(self, text: str, error: ui.label, dialog: ui.dialog) -> None:
        try:
            dialog.submit(parse_env_file(text or '', '.env'))
        except DeployerError as exc:
            error.text = exc.message

    def merge(self, values: dict[str, str]) -> None:
        current = self.values()
        current.update(values)
        self.set(current)
        self.on_change()


class StackEditor:
    """``detail`` None: a new stack (with a name field and an upload)."""

    def __init__(self, d: Deployer, detail: StackDetail | None, *, on_saved: Callable[[StackDetail], None]) -> None:
        self.d, self.on_saved = d, on_saved
        self.new = detail is None
        self.stack = detail.name if detail else None
        self.revision = detail.revision if detail else 'none'
        self.checked_at = 0.0
        self.changed_at: float | None = None
        self.checking = False
        self.dirty = False
        ui.add_css(CSS)
        ui.run_javascript(GUARD)
        with ui.column().classes('w-full gap-2 dd-editor'):
            with ui.row().classes('w-full items-center gap-2'):
                if self.new:
                    self.name = ui.input('Stack name', validation=_name_problem, on_change=self._touched).props(
                        'outlined dense data-testid=new-stack-name').classes('w-64')
                    ui.upload(label='Upload compose or .env', auto_upload=True, max_file_size=MAX_UPLOAD,
                              on_upload=self.upload).props('accept=".yml,.yaml,.env,text/*" flat bordered '
                                                           'data-testid=upload').classes('w-64')
                self.status = ui.label().classes('text-sm').props('data-testid=editor-status')
                ui.space()
                self.discard = ui.button('Discard changes', icon='undo', on_click=self.revert).props(
                    'flat dense no-caps data-testid=editor-discard')
                self.save = ui.button('Review and deploy' if self.new else 'Review and save', icon='rocket_launch',
                                      on_click=self.review).props('color=primary no-caps data-testid=editor-save')
            ui.label('compose.yaml').classes('text-sm text-grey dd-mono')
            self.editor = ui.codemirror(detail.compose or '' if detail else EXAMPLE, language='YAML',
                                        indent='  ', on_change=self._touched).classes('w-full border rounded').props(
                'data-testid=compose-editor')
            self.problems = ui.column().classes('w-full gap-1').props('data-testid=editor-problems')
            ui.label('Environment').classes('font-medium mt-2')
            ui.label('Values for ${NAME} in the document (a .env file). Secret-looking names are kept in the '
                     'secrets store, outside the versioned configuration.').classes('text-xs text-grey')
            self.env = EnvTable(_env_of(detail), self._touched)
        self.baseline = self._state()
        self._set_dirty(False)
        ui.timer(0.2, self._tick)

    # ---- editing state ----------------------------------------------------------------------
    def _state(self) -> tuple[str, str, tuple[tuple[str, str], ...]]:
        name = self.name.value.strip() if self.new else ''
        return name, self.editor.value, tuple(sorted(self.env.values().items()))

    def _touched(self, *_: object) -> None:
        self.changed_at = time.monotonic()
        self._set_dirty(self._state() != self.baseline)

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty or not hasattr(self, '_guard_sent'):
            self._guard_sent = True
            ui.run_javascript(f'window.ddDirty = {"true" if dirty else "false"}')
        self.dirty = dirty
        self.discard.set_enabled(dirty and not self.new)

    def revert(self) -> None:
        _, compose, env = self.baseline
        self.editor.value = compose
        self.env.set(dict(env))
        self._touched()

    async def upload(self, event: events.UploadEventArguments) -> None:
        name = event.file.name
        text = (await event.file.read()).decode(errors='replace')
        if name == '.env' or name.endswith('.env'):
            try:
                self.env.merge(parse_env_file(text, name))
            except DeployerError as exc:
                ui.notify(exc.message, type='negative')
        else:
            self.editor.value = text
            stem = re.sub(r'[^a-z0-9_-]', '-', name.rsplit('.', 1)[0].lower()).strip('-_')
            if self.new and not self.name.value and stem not in ('compose', 'docker-compose') and stem:
                self.name.value = stem[:63]
        self._touched()

    # ---- checking as you type -------------------------------------------------------------------
    async def _tick(self) -> None:
        if self.changed_at is None or self.checking or time.monotonic() - self.changed_at < CHECK_AFTER:
            return
        self.changed_at = None
        await self.check()

    def _stack_name(self) -> str | None:
        if not self.new:
            return self.stack
        name = self.name.value.strip()
        return name if STACK_NAME_RE.match(name) else None

    async def check(self) -> StackCheck | None:
        name = self._stack_name() or 'untitled'
        self.checking = True
        try:
            result = await run.io_bound(self.d.check_stack, name, self.editor.value, env=self.env.values())
        except DeployerError as exc:
            self._show_problems([('error', exc.message, None)])
            return None
        finally:
            self.checking = False
        self._show_problems([(p.kind, p.message, p.line) for p in result.problems])
        return result

    def _show_problems(self, problems: list[tuple[str, str, int | None]]) -> None:
        lines = self.editor.value.count('\n') + 1
        at = [(kind, message, line) for kind, message, line in problems if line and line <= lines]
        self.editor.decorations = [{'kind': 'line', 'line': line, 'class': f'dd-line-{kind}'}
                                   for kind, _, line in at]
        self.editor.line_tooltips = {line: message for _, message, line in reversed(at)}
        self.problems.clear()
        blocking = [p for p in problems if p[0] != 'warning']
        self.status.text = (f'{len(blocking)} problem{"s" if len(blocking) != 1 else ""}' if blocking
                            else 'valid' + (f' · {len(problems)} warnings' if problems else ''))
        self.status.classes(replace='text-sm ' + ('text-negative' if blocking else 'text-positive'))
        with self.problems:
            for kind, message, line in problems:
                icon, color = {'error': ('error', 'negative'), 'policy': ('gpp_bad', 'negative')}.get(
                    kind, ('warning', 'warning'))
                with ui.row().classes('items-start gap-2 no-wrap').props(f'data-testid=problem-{kind}'):
                    ui.icon(icon, color=color).classes('text-lg')
                    if line:
                        ui.button(f'line {line}', on_click=lambda n=line: self.editor.reveal_line(n)).props(
                            'flat dense no-caps size=sm').classes('dd-mono')
                    ui.label(('Refused by the host policy: ' if kind == 'policy' else '') + message).classes(
                        'text-sm break-words min-w-0')

    # ---- saving -------------------------------------------------------------------------------
    async def review(self) -> None:
        name = self._stack_name()
        if name is None:
            ui.notify('Give the stack a name first: ' + (_name_problem(self.name.value) or ''), type='warning')
            return
        result = await self.check()
        if result is None:
            return
        if not result.valid:
            ui.notify('Fix the problems shown under the document first', type='warning')
            return
        if self.new and result.exists:
            ui.notify(f'A stack named {name} exists already: open it to edit it, or choose another name',
                      type='warning')
            return
        with page_dialog() as dialog, ui.card().classes('w-[48rem] max-w-full'):
            ui.label(f'Deploy {name}?' if self.new else f'Save {name}?').classes('text-lg font-medium')
            ui.label(result.summary).classes('text-sm').props('data-testid=review-summary')
            for change in result.changes:
                icon, color = CHANGE_ICONS[change.change]
                with ui.row().classes('items-center gap-2 no-wrap').props(f'data-testid=review-{change.service}'):
                    ui.icon(icon, color=color)
                    ui.label(f'{change.service}: {change.change}').classes('font-medium')
                    ui.label('; '.join(change.details)).classes('text-sm text-grey-8')
            for problem in result.problems:
                ui.label(f'⚠ {problem.message}').classes('text-sm text-warning')
            if result.diff:
                with ui.expansion('Difference', icon='difference', value=not self.new).classes('w-full'):
                    ui.code(result.diff, language='diff').classes('w-full text-xs').props('data-testid=review-diff')
            with ui.row().classes('w-full justify-end'):
                ui.button('Keep editing', on_click=lambda: dialog.submit(False)).props('flat data-testid=review-cancel')
                ui.button('Deploy', icon='rocket_launch', on_click=lambda: dialog.submit(True)).props(
                    'color=primary data-testid=review-deploy')
        go = await dialog
        dialog.delete()
        if go:
            await self.deploy(name)

    async def deploy(self, name: str) -> None:
        services = list(_services_of(self.editor.value))
        with page_dialog().props('persistent') as dialog, ui.card().classes('w-[36rem] max-w-full'):
            ui.label(f'Deploying {name}').classes('text-lg font-medium')
            view = ProgressView(services, cancel=lambda: self.d.cancel_deploy(name))
            close = ui.button('Close', on_click=dialog.close).props('data-testid=progress-close')
            close.disable()
        dialog.open()
        compose, env, revision = self.editor.value, self.env.values(), self.revision
        outcome, error = await view.run(lambda progress: self.d.deploy_stack(
            name, compose, env=env, progress=progress, expect_revision=revision, origin=ui_origin('compose editor')))
        close.enable()
        if isinstance(error, StackChanged):
            dialog.delete()
            await self.changed_meanwhile(name, error)
            return
        if error is None:
            detail = outcome[0]
            view.summary.text = view.summary.text or 'deployed'
            self.revision = detail.revision
            self.editor.value = detail.compose or compose
            self.env.set(_env_of(detail))
            self.baseline = self._state()
            self._set_dirty(False)
        await dialog
        dialog.delete()
        if error is None:
            self.on_saved(outcome[0])

    async def changed_meanwhile(self, name: str, error: StackChanged) -> None:
        """Someone saved the stack since this editor opened it: show what they changed."""
        with page_dialog() as dialog, ui.card().classes('w-[48rem] max-w-full').props('data-testid=stack-changed'):
            ui.label(f'{name} changed since you opened it').classes('text-lg font-medium')
            ui.label('Your edits are not saved. This is what changed in the meantime:').classes('text-sm')
            ui.code(error.details.get('diff') or '(the stack was removed)', language='diff').classes(
                'w-full text-xs').props('data-testid=changed-diff')
            with ui.row().classes('w-full justify-end'):
                ui.button('Keep editing', on_click=lambda: dialog.submit('keep')).props('flat data-testid=changed-keep')
                ui.button('Load their version', on_click=lambda: dialog.submit('load')).props(
                    'outline data-testid=changed-load')
                ui.button('Save mine over it', on_click=lambda: dialog.submit('mine')).props(
                    'color=warning data-testid=changed-mine')
        answer = await dialog
        dialog.delete()
        if answer == 'load':
            try:
                detail = await run.io_bound(self.d.get_stack, name)
            except DeployerError as exc:
                ui.notify(exc.message, type='negative')
                return
            self.revision = detail.revision
            self.editor.value = detail.compose or ''
            self.env.set(_env_of(detail))
            self.baseline = self._state()
            self._touched()
        elif answer == 'mine':
            self.revision = error.details.get('current') or 'none'
            await self.review()


def _name_problem(value: str) -> str | None:
    value = (value or '').strip()
    if not value:
        return 'a name is needed'
    if not STACK_NAME_RE.match(value):
        return 'lowercase letters, digits, - and _, starting with a letter or digit (at most 63)'
    return None


def _env_of(detail: StackDetail | None) -> dict[str, str]:
    if detail is None:
        return {}
    return {**detail.params, **{k: MASK for k in detail.secret_params}}


def _services_of(text: str) -> list[str]:
    """The service names of a document, for the progress rows (best effort: the deploy checks it)."""
    try:
        data = parse_yaml(text)
        return [str(s) for s in (data.get('services') or {})] if isinstance(data, dict) else []
    except DeployerError:
        return []

