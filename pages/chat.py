"""The assistant ``/ui/chat``: a conversation where every request becomes a plan card —
summary, actions with a short explanation, risk, warnings, the deploy dialog's pre-checks,
questions with clickable answers, and Run / Edit / Cancel. Read-only plans run at once and
show their results inline. A destructive plan names everything it changes, by stack, and one
over several containers or stacks runs only once its count is typed. The input stays at the
bottom of the window and the conversation scrolls to the newest answer."""
from __future__ import annotations

import json
import threading
from typing import Any

from nicegui import run, ui

from deployer.errors import DeployerError, NeedsConfirmation
from deployer.nlp.plan import Affected, Plan, Question, RunResult
from deployer.operations import Origin
from deployer.service import Deployer
from deployer.stacks.converge import Progress
from deployer.text import count

from .container import console
from .frame import frame, page, page_dialog, subscribe
from .logview import LogSource, LogViewer

RISK_COLORS = {'read': 'positive', 'change': 'warning', 'destructive': 'negative'}
LONG = 20      # log answers longer than this are collapsed ...
PREVIEW = 10   # ... to their first lines, with "show all N lines"
CSS = '''.dd-chat-bar{position:sticky;bottom:0;z-index:5;background:#fff;padding:8px 0 4px}
.body--dark .dd-chat-bar{background:var(--q-dark-page)}
.dd-answer{scroll-margin-top:72px}
.dd-boxed{border:1px solid var(--q-warning);border-radius:6px;padding:6px 10px}
.dd-secret-box{border:1px solid var(--q-primary);border-radius:6px;padding:6px 10px}'''
SUGGESTIONS = ['list running containers', 'system status', 'show stacks', 'deploy uptime kuma on port 3001',
               'show the last 50 lines of the web logs', 'restart the blog database', 'what changed recently?']


class Chat:
    def __init__(self, d: Deployer) -> None:
        self.d = d
        self.sent: list[str] = []
        self.position = 0
        self.progress_sink: Any = None
        ui.add_css(CSS)
        self.log = ui.column().classes('w-full gap-3 pb-4').props('data-testid=chat-log')
        with self.log:
            with ui.chat_message(name='Assistant', sent=False):
                ui.label('Tell me what to do with your containers and stacks, in your own words. I show you the plan '
                         'first; nothing that changes anything runs before you say so.')
        with ui.row().classes('w-full gap-1').props('data-testid=suggestions'):
            for suggestion in SUGGESTIONS:
                ui.chip(suggestion, on_click=lambda s=suggestion: self.send(s)).props('clickable outline dense')
        with ui.row().classes('w-full items-center no-wrap gap-2 dd-chat-bar').props('data-testid=chat-bar'):
            self.input = ui.input(placeholder='e.g. "restart the blog database" — ↑ for earlier requests').props(
                'outlined dense autofocus data-testid=chat-input').classes('grow')
            ui.button(icon='send', on_click=lambda: self.send(self.input.value)).props(
                'round color=primary data-testid=chat-send')
        self.input.on('keydown.enter', lambda: self.send(self.input.value))
        self.input.on('keydown.up', lambda: self.recall(-1))
        self.input.on('keydown.down', lambda: self.recall(1))

    def recall(self, step: int) -> None:
        if not self.sent:
            return
        self.position = max(0, min(len(self.sent), self.position + step))
        self.input.value = self.sent[self.position] if self.position < len(self.sent) else ''

    async def send(self, text: str | None) -> None:
        command = (text or '').strip()
        if not command:
            return
        self.sent.append(command)
        self.position = len(self.sent)
        self.input.value = ''
        with self.log:
            self.reveal(ui.chat_message(command, name='You', sent=True).props('data-testid=chat-user'))
        try:
            plan = await run.io_bound(self.d.parse_command, command)
        except DeployerError as exc:
            with self.log:
                self.reveal(ui.chat_message(exc.message, name='Assistant', sent=False))
            return
        with self.log:
            self.reveal(PlanCard(self, plan).card)

    @staticmethod
    def reveal(element: ui.element) -> None:
        """Scroll to the newest answer: the end of the conversation, or the answer's start when it
        is taller than the window (a long table is read from its top)."""
        element.classes('dd-answer')
        ui.run_javascript(f'''setTimeout(() => {{
            const el = getHtmlElement({element.id});
            if (!el) return;
            if (el.getBoundingClientRect().height > window.innerHeight - 180) el.scrollIntoView({{block: 'start'}});
            else window.scrollTo({{top: document.documentElement.scrollHeight}});
        }}, 50)''')


class PlanCard:
    def __init__(self, chat: Chat, plan: Plan) -> None:
        self.chat, self.d, self.plan = chat, chat.d, plan
        self.steps: list[str] = []
        self.lock = threading.Lock()
        with ui.card().classes('w-full max-w-3xl').props('flat bordered data-testid=plan-card') as self.card:
            self.body = ui.column().classes('w-full gap-1')
            self.render()

    def render(self) -> None:
        plan = self.plan
        self.typed: ui.input | None = None
        self.body.clear()
        with self.body:
            with ui.row().classes('w-full items-center gap-2'):
                ui.label(plan.summary or 'Nothing to do').classes('font-medium').props('data-testid=plan-summary')
                ui.space()
                if plan.actions:
                    ui.badge(plan.risk, color=RISK_COLORS[plan.risk]).props('data-testid=plan-risk')
                ui.label('rules' if plan.engine == 'rules' else f'LLM {plan.model or ""}').classes('text-xs text-grey')
            for index, explanation in enumerate(plan.explanations):
                with ui.row().classes('items-start gap-2 no-wrap'):
                    ui.icon('chevron_right', size='xs').classes('mt-1')
                    ui.label(explanation).classes('text-sm').props(f'data-testid=plan-action-{index}')
            for warning in plan.warnings:
                if warning not in plan.prechecks:   # those have their own box below
                    ui.label(f'⚠ {warning}').classes('text-sm text-warning').props('data-testid=plan-warning')
            if plan.prechecks:   # what the gallery's deploy dialog would say (a port taken, and by whom)
                with ui.column().classes('w-full gap-0 dd-boxed').props('data-testid=plan-prechecks'):
                    ui.label('Before you run this').classes('text-sm font-medium')
                    for check in plan.prechecks:
                        ui.label(f'⚠ {check}').classes('text-sm text-warning').props('data-testid=plan-precheck')
            if plan.risk == 'destructive' and plan.affected:
                show_affected(plan.affected)
            for question in plan.questions:
                text = question.text if isinstance(question, Question) else str(question)
                choices = question.choices if isinstance(question, Question) else []
                ui.label(text).classes('text-sm').props('data-testid=plan-question')
                if choices:
                    with ui.row().classes('gap-1'):
                        for choice in choices:
                            ui.chip(choice, on_click=lambda c=choice: self.chat.send(c)).props(
                                'clickable dense color=primary text-color=white data-testid=plan-choice')
            self.buttons = ui.row().classes('gap-2 mt-1')
            self.status = ui.label().classes('text-sm text-grey').props('data-testid=plan-status')
            self.results = ui.column().classes('w-full gap-2')
        if not plan.actions:
            return
        if plan.risk == 'read' and not plan.questions:
            ui.timer(0.01, self.execute, once=True)  # read-only: run at once
            return
        with self.buttons:
            if plan.type_to_confirm:   # as one types a repository's name to delete it
                self.typed = ui.input(f'Type {plan.type_to_confirm} to confirm').props(
                    'outlined dense data-testid=plan-typed').classes('w-44')
            go = ui.button('Run', icon='play_arrow', on_click=self.execute).props(
                f'color={"negative" if plan.risk == "destructive" else "primary"} data-testid=plan-run')
            if self.typed is not None:
                wanted = plan.type_to_confirm

                def typed_right(value: str | None) -> bool:
                    return (value or '').strip() == wanted
                go.bind_enabled_from(self.typed, 'value', backward=typed_right)
            ui.button('Edit', icon='edit', on_click=self.edit).props('outline data-testid=plan-edit')
            ui.button('Cancel', on_click=self.cancel).props('flat data-testid=plan-cancel')

    def cancel(self) -> None:
        self.buttons.clear()
        self.status.text = 'Cancelled: nothing was done.'

    async def edit(self) -> None:
        with page_dialog() as dialog, ui.card().classes('w-[44rem] max-w-full'):
            ui.label('Edit the plan').classes('text-lg font-medium')
            ui.label('Change targets, parameters or remove actions; it is checked again before it can run.').classes(
                'text-sm text-grey')
            editor = ui.textarea(value=json.dumps([a.model_dump() for a in self.plan.actions], indent=2)).props(
                'outlined autogrow data-testid=plan-json').classes('w-full dd-mono text-xs')
            with ui.row().classes('w-full justify-end'):
                ui.button('Cancel', on_click=lambda: dialog.submit(None)).props('flat')
                ui.button('Check', on_click=lambda: dialog.submit(editor.value)).props('color=primary data-testid=plan-check')
        text = await dialog
        dialog.delete()
        if text is None:
            return
        try:
            actions = json.loads(text)
            plan = await run.io_bound(self.d.check_plan, {**self.plan.model_dump(), 'actions': actions})
        except (ValueError, DeployerError) as exc:
            ui.notify(getattr(exc, 'message', None) or f'not valid JSON: {exc}', type='negative')
            return
        self.plan = plan
        self.render()

    async def execute(self) -> None:
        self.buttons.clear()
        self.status.text = 'Running…'
        self.chat.progress_sink = self.on_progress
        origin = Origin('nl', 'browser session', self.plan.command)
        typed = self.typed.value if self.typed is not None else None
        try:
            result: RunResult = await run.io_bound(self.d.run_plan, self.plan, confirm=True, typed_confirmation=typed,
                                                   origin=origin)
        except NeedsConfirmation as exc:   # what it changes is not what was confirmed any more: show it again
            self.plan = exc.plan
            self.render()
            self.status.text = f'Not run: {exc.message}'
            self.status.classes(replace='text-sm text-negative')
            return
        except DeployerError as exc:
            self.status.text = f'Not run: {exc.message}'
            self.status.classes(replace='text-sm text-negative')
            return
        finally:
            self.chat.progress_sink = None
        done = sum(r.ok for r in result.results)
        self.status.text = ('Done.' if result.ok else f'Stopped after {done} of {len(self.plan.actions)} actions.') + (
            f' Revision {result.revision[:12]}.' if result.revision else '')
        self.status.classes(replace='text-sm ' + ('text-positive' if result.ok else 'text-negative'))
        with self.results:
            for item in result.results:
                await show_result(self.d, self.plan.actions[item.index], item.ok, item.detail, item.data)
        self.chat.reveal(self.card)

    def on_progress(self, step: Progress) -> None:
        self.status.text = f'Running… {step.service + ": " if step.service else ""}{step.message}'


async def show_result(d: Deployer, action: Any, ok: bool, detail: str, data: Any) -> None:
    ui.label(('✓ ' if ok else '✗ ') + detail).classes('text-sm ' + ('' if ok else 'text-negative')).props(
        'data-testid=plan-result')
    if not ok or data is None:
        return
    if isinstance(data, dict) and data.get('console'):   # "open a shell in web": the console, here
        ui.link(f'Open it on the page of {data["console"]}', data['url']).classes('text-sm').props(
            'data-testid=result-console-link')
        console(d, data['id'], data['console'])
    elif isinstance(data, dict) and 'exit_code' in data:   # "run df -h in the db": what it printed
        show_lines(data['lines'] or ['(no output)'])
    elif isinstance(data, dict) and data.get('generated_values'):
        show_generated(data['generated_values'])
    elif isinstance(data, dict) and 'rows' in data and data['rows']:
        rows = data['rows']
        columns = [{'name': k, 'label': k, 'field': k, 'align': 'left'} for k in rows[0] if k not in ('ports', 'labels')]
        flat = [{k: (', '.join(map(str, v)) if isinstance(v, list) else v) for k, v in r.items()} for r in rows]
        ui.table(columns=columns, rows=flat, pagination=10).props('dense flat bordered data-testid=result-table').classes(
            'w-full')
    elif isinstance(data, dict) and 'lines' in data:
        if getattr(action, 'follow', False):
            container = await run.io_bound(d.get_container, action.target)
            LogViewer(d, [LogSource(container.id)], f'{container.name}.log')
        else:
            show_lines(data['lines'])
    elif isinstance(data, dict) and 'records' in data:
        for record in data['records'][:20]:
            ui.label(f'{record["action"]} {record["target"]} · {record["reason"] or record["source"]} · '
                     + ('ok' if record['ok'] else f'failed: {record["error"]}')).classes('text-sm')
    elif isinstance(data, dict) and 'containers' in data and isinstance(data['containers'], list) and data['containers'] \
            and 'cpu_percent' in data['containers'][0]:
        engine = data['engine']
        ui.label(f'Engine {engine["version"]}: {engine["containers"]["running"]} running, '
                 f'{engine["containers"]["stopped"]} stopped, {engine["images"]} images').classes('text-sm')
        if data.get('sort'):   # the rows come in that order; the table keeps it (no column sorting)
            ui.label(f'Highest {"memory" if data["sort"] == "memory" else "CPU"} use first').classes(
                'text-sm text-grey').props('data-testid=result-sort')
        rows = [{'name': c['name'], 'cpu': f'{c["cpu_percent"]:.1f} %', 'memory': f'{c["memory_usage"] / 2**20:.1f} MiB'}
                for c in data['containers']]
        ui.table(columns=[{'name': k, 'label': k, 'field': k, 'align': 'left'} for k in ('name', 'cpu', 'memory')],
                 rows=rows, pagination=10).props('dense flat bordered data-testid=result-table').classes('w-full')


def show_generated(values: dict[str, str]) -> None:
    """Generated values, shown once — here, as in the gallery's deploy dialog — with copy buttons;
    afterwards they are masked everywhere (the stack page can reveal them on purpose)."""
    with ui.column().classes('w-full gap-1 dd-secret-box').props('data-testid=generated-values') as box:
        ui.label('Generated values — shown once, only now: copy them somewhere safe.').classes(
            'text-sm font-medium').props('data-testid=generated-note')
        for key, value in sorted(values.items()):
            with ui.row().classes('items-center gap-2 no-wrap'):
                ui.label(key).classes('dd-mono text-sm w-40')
                ui.label(value).classes('dd-mono text-sm break-all').props(f'data-testid=generated-{key}')
                ui.button(icon='content_copy', on_click=lambda v=value: copy(v)).props(
                    f'flat dense round size=sm data-testid=copy-{key}').tooltip('Copy')
        ui.label('They are not kept in the history or shown in any later answer; the stack page can reveal them '
                 'on purpose.').classes('text-xs text-grey')

        def hide() -> None:
            box.clear()
            with box:
                ui.label('Generated values hidden. The stack page can reveal them on purpose.').classes(
                    'text-sm text-grey').props('data-testid=generated-hidden')
        ui.button('Hide them', icon='visibility_off', on_click=hide).props('flat dense data-testid=generated-hide')


def copy(value: str) -> None:
    ui.clipboard.write(value)
    ui.notify('Copied', type='positive', timeout=1500)


def show_lines(lines: list[str]) -> None:
    """Log lines; a long answer collapsed to its first lines, with "show all N lines"."""
    if len(lines) <= LONG:
        ui.code('\n'.join(lines) or '(no lines)', language='text').classes('w-full text-xs').props(
            'data-testid=result-lines')
        return
    preview = ui.code('\n'.join(lines[:PREVIEW]) + '\n…', language='text').classes('w-full text-xs').props(
        'data-testid=result-lines-preview')
    with ui.expansion(f'Show all {len(lines)} lines', icon='unfold_more').classes('w-full').props(
            'dense data-testid=result-lines-all') as everything:
        ui.code('\n'.join(lines), language='text').classes('w-full text-xs').props('data-testid=result-lines')
    everything.on_value_change(lambda e: preview.set_visibility(not e.value))


def show_affected(affected: list[Affected]) -> None:
    """Everything a destructive plan changes, by stack: "stack shop: shop-web-1, shop-db-1"."""
    groups: dict[str | None, list[Affected]] = {}
    for item in affected:
        groups.setdefault(item.stack, []).append(item)
    boxes = sum(a.kind == 'container' for a in affected)
    stacks = len(affected) - boxes
    what = ' and '.join(part for part in (count(boxes, 'container') if boxes else '',
                                          count(stacks, 'stack') + ' without containers' if stacks else '') if part)
    with ui.column().classes('w-full gap-0 dd-boxed').props('data-testid=plan-affected'):
        ui.label(f'This changes {what}:').classes('text-sm font-medium')
        for stack, items in groups.items():
            names = ', '.join(a.name if a.kind == 'container' else '(no containers)' for a in items)
            ui.label(f'stack {stack}: {names}' if stack else f'no stack: {names}').classes('text-sm dd-mono').props(
                'data-testid=plan-affected-group')


def register(d: Deployer) -> None:
    @page('/ui/chat')
    async def chat_page() -> None:
        with frame(d, 'Assistant'):
            chat = Chat(d)

            def on_event(event: Progress) -> None:
                if chat.progress_sink is not None:
                    chat.progress_sink(event)

            subscribe(d.bus.progress, on_event)
