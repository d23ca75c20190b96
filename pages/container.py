"""Container page ``/container/{ref}``: details, actions and a live log viewer."""
from __future__ import annotations

import asyncio
from typing import Any

from nicegui import run, ui

from deployer.errors import DeployerError, NotFound
from deployer.models import ContainerDetail, ContainerEvent, ContainerSummary
from deployer.service import Deployer
from deployer.service_exec import Shell

from .charts import charts
from .dashboard import ACTIONS, BUSY, BUSY_COLOR, HEALTH_COLORS, available_actions, confirm, state_color
from .frame import EventGate, frame, page, ui_origin
from .logview import LogSource, LogViewer


def details(c: ContainerDetail) -> None:
    fields: list[tuple[str, Any]] = [
        ('ID', c.id), ('Image', c.image), ('Status', c.status), ('Health', c.health or '—'),
        ('Created', c.created), ('Started', c.started_at or '—'), ('Stack / service', f'{c.stack or "—"} / {c.service or "—"}'),
        ('Command', ' '.join(c.entrypoint + c.command) or '—'),
        ('Restart policy', f'{c.restart_policy["name"]} (restarted {c.restart_count}×)'),
        ('Ports', ', '.join(f'{p.host_ip or ""}:{p.host_port}→{p.container_port}/{p.protocol}' if p.host_port
                            else f'{p.container_port}/{p.protocol}' for p in c.ports) or '—'),
        ('Networks', ', '.join(f'{n.name} ({n.ip_address or "no address"})' for n in c.networks) or '—'),
        ('Mounts', ', '.join(f'{m.source or m.name} → {m.destination}{" (ro)" if m.read_only else ""}'
                             for m in c.mounts) or '—'),
        ('Environment', ', '.join(c.env) or '—'),
        ('Labels', ', '.join(f'{k}={v}' for k, v in sorted(c.labels.items())) or '—'),
        ('User / working dir', f'{c.user or "default"} / {c.working_dir or "/"}'),
    ]
    with ui.grid(columns='auto 1fr').classes('gap-x-6 gap-y-1 text-sm'):
        for label, value in fields:
            ui.label(label).classes('text-grey')
            ui.label(str(value)).classes('dd-mono break-all')


def console(d: Deployer, cid: str, name: str, engine: str | None = None) -> None:
    """A shell in the container, opened on demand: typed keys go to it, its output to the terminal."""
    loop = asyncio.get_running_loop()
    shell: Shell | None = None
    with ui.row().classes('items-center gap-2'):
        connect = ui.button('Open a shell', icon='terminal').props('dense color=primary data-testid=console-open')
        close = ui.button('Close', icon='close').props('dense flat data-testid=console-close')
        state = ui.label('Not connected. Each session is recorded in the history (who, when — not what is typed).').classes(
            'text-sm text-grey').props('data-testid=console-state')
    close.set_visibility(False)
    terminal = ui.xterm({'cols': 120, 'rows': 30, 'convertEol': False, 'cursorBlink': True}).classes('w-full').props(
        'data-testid=console-terminal')

    def output(data: bytes) -> None:   # from the shell's reader thread
        loop.call_soon_threadsafe(terminal.write, data)

    closing = False

    def ended() -> None:
        loop.call_soon_threadsafe(lambda: finished('Closed.' if closing else 'The shell ended.'))

    def finished(text: str) -> None:
        if not terminal.is_deleted:
            state.text = text
            connect.set_visibility(True)
            close.set_visibility(False)

    async def open_shell() -> None:
        nonlocal shell, closing
        closing = False
        try:
            cols, rows = await terminal.get_columns(), await terminal.get_rows()
            shell = await run.io_bound(d.consoles_on(engine).open_shell, cid, cols=cols, rows=rows, on_output=output,
                                       on_close=ended, origin=ui_origin('console on the container page'))
        except DeployerError as exc:
            state.text = exc.message
            ui.notify(exc.message, type='negative')
            return
        state.text = f'Connected to {name}.'
        connect.set_visibility(False)
        close.set_visibility(True)
        terminal.run_terminal_method('focus')

    def close_shell() -> None:
        nonlocal closing
        closing = True
        if shell is not None:
            shell.close()
        finished('Closed.')

    connect.on_click(open_shell)
    close.on_click(close_shell)
    terminal.on_data(lambda e: shell.send(e.data) if shell is not None else None)
    terminal.on_resize(lambda e: shell.resize(cols=e.cols, rows=e.rows) if shell is not None else None)
    ui.context.client.on_delete(lambda: shell.close() if shell is not None else None)


def register(d: Deployer) -> None:
    @page('/container/{ref}')
    async def container_page(ref: str, tab: str | None = None, engine: str | None = None) -> None:
        with frame(d, ref):
            gate = EventGate(d.bus.containers)  # before the read: a change made during it is shown after it
            remote = engine not in (None, '', 'local')
            try:
                detail = await run.io_bound(lambda: d.get_container(ref, engine=engine))
            except NotFound:
                ui.label(f'No container called {ref!r}.').classes('text-lg')
                ui.link('Back to the containers', '/')
                return
            except DeployerError as exc:
                ui.label(exc.message).classes('text-lg text-negative')
                return
            cid, name = detail.id, detail.name
            current: ContainerDetail | ContainerSummary | None = detail  # None once removed
            busy: str | None = None  # the action running now
            with ui.row().classes('items-center gap-3'):
                ui.label(name).classes('text-2xl font-medium break-all')
                badge = ui.badge().props('data-testid=detail-state')
                health = ui.badge().props('outline data-testid=detail-health')
                buttons = ui.row().classes('gap-1')

            async def act(action: str) -> None:
                nonlocal busy
                if busy is not None:
                    return
                if action == 'remove':
                    if not await confirm(f'Remove container {name}?', 'This cannot be undone.'):
                        return
                busy = action
                show()
                try:
                    await run.io_bound(d.container_action, cid, action, force=action == 'remove', engine=engine,
                                       origin=ui_origin(f'{action} button on the container page'))
                except DeployerError as exc:
                    ui.notify(f'{action} {name}: {exc.message}', type='negative')
                    return
                finally:
                    busy = None
                    show()
                ui.notify(f'{BUSY[action][1]} {name}', type='positive')
                if action == 'remove':
                    ui.navigate.to('/')

            def show() -> None:
                """The state, health and actions of what is known now; while an action runs, its
                button spins, the others wait and the state says what is happening."""
                c = current
                state = c.state if c is not None else 'removed'
                badge.text = BUSY[busy][0] if busy else state
                badge.props(f'color={BUSY_COLOR if busy else state_color(state, c.problem if c else None)}')
                health.text = (c.health or '') if c is not None else ''
                health.props(f'color={HEALTH_COLORS.get(health.text, "grey")}')
                health.visible = bool(health.text)
                buttons.clear()
                if c is None:
                    return
                with buttons:
                    for action in available_actions(state):
                        icon, color, label = ACTIONS[action]
                        button = ui.button(label, icon=icon, on_click=lambda a=action: act(a)).props(
                            f'dense outline color={color} data-testid=detail-{action}')
                        if busy == action:
                            button.props('loading')
                        if busy is not None:
                            button.disable()

            show()
            with ui.tabs() as tabs:
                logs_tab = ui.tab('Logs')
                details_tab = ui.tab('Details')
                charts_tab = ui.tab('Charts').props('data-testid=charts-tab')
                console_tab = ui.tab('Console').props('data-testid=console-tab')
            chosen = {'details': details_tab, 'charts': charts_tab, 'console': console_tab}.get((tab or '').lower(), logs_tab)
            if remote:
                ui.label(f'On engine {engine}.').classes('text-sm text-grey').props('data-testid=remote-note')
            with ui.tab_panels(tabs, value=chosen).classes('w-full'):
                with ui.tab_panel(logs_tab):
                    viewer = LogViewer(d, [LogSource(cid, engine=engine if remote else None)], f'{name}.log')
                with ui.tab_panel(details_tab):
                    details(detail)
                with ui.tab_panel(charts_tab):
                    charts(d, lambda: [(cid, name)])
                with ui.tab_panel(console_tab):
                    console(d, cid, name, engine if remote else None)

            def on_event(event: ContainerEvent) -> None:
                nonlocal current
                if event.id == cid:
                    if event.kind == 'removed':
                        current = None
                        show()
                    elif event.container is not None:
                        current = event.container
                        show()
                        if event.kind == 'started':
                            viewer.restart_if_idle(cid)

            gate.open(on_event)
