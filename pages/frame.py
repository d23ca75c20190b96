"""The shared page frame: header with the engine's state, dark mode and the outage banner."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from nicegui import run, ui

from deployer.bus import Channel
from deployer.models import EngineState
from deployer.operations import Origin
from deployer.service import Deployer

T = TypeVar('T')


def subscribe(channel: Channel[T], handler: Callable[[T], None]) -> None:
    """Subscribe to one channel of the bus (``d.bus.containers`` …) for as long as the current
    page's client lives."""
    client = ui.context.client

    def guarded(event: T) -> None:
        if client.id in client.instances:  # the page may be gone between publish and dispatch
            with client:
                handler(event)

    client.on_delete(channel.subscribe(guarded))


def page_dialog() -> ui.dialog:
    """A dialog that belongs to the page, not to whatever element opened it: a live refresh
    that rebuilds a list must not take an open dialog (and its running operation) with it."""
    host = getattr(ui.context.client, 'dd_dialog_host', None)
    if host is None or host.is_deleted:
        with ui.context.client.layout:
            host = ui.element('div')
        ui.context.client.dd_dialog_host = host  # type: ignore[attr-defined]
    with host:
        return ui.dialog()


def ui_origin(what: str) -> Origin:
    """Who asked through the web UI, and from which control."""
    return Origin('ui', 'browser session', what)


def engine_text(state: EngineState) -> str:
    if not state.reachable:
        return 'Engine unreachable'
    return f'Engine {state.version} · {state.containers_running}/{state.containers_total} up'


@contextmanager
def frame(d: Deployer, title: str) -> Iterator[None]:
    ui.page_title(f'{title} · DockerDeployer')
    dark = ui.dark_mode(d.preference('dark'))
    ui.add_css('.dd-mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}')
    with ui.header().classes('items-center gap-4 px-4 py-2 bg-slate-800'):
        ui.icon('directions_boat').classes('text-2xl text-white')
        ui.link('DockerDeployer', '/').classes('text-lg font-bold text-white no-underline')
        ui.link('Containers', '/').classes('text-white')
        ui.link('Stacks', '/ui/stacks').classes('text-white')
        ui.link('Templates', '/ui/templates').classes('text-white')
        ui.link('History', '/ui/history').classes('text-white')
        ui.link('Assistant', '/ui/chat').classes('text-white')
        ui.link('Settings', '/ui/settings').classes('text-white')
        ui.space()
        engine = ui.label().classes('text-sm text-slate-200').props('data-testid=engine-state')

        async def toggle_dark() -> None:
            dark.value = {None: True, True: False, False: None}[dark.value]
            await run.io_bound(d.set_preference, 'dark', dark.value)
            dark_button.props(f'icon={_dark_icon(dark.value)}')

        dark_button = ui.button(icon=_dark_icon(dark.value), on_click=toggle_dark).props(
            'flat round color=white').tooltip('Light / dark / system theme')
        ui.link('API', '/docs', new_tab=True).classes('text-white text-sm')
        with ui.element('form').props('method=post action=/logout').classes('m-0'):  # a POST: checked for its Origin
            ui.button('Sign out').props('type=submit flat dense no-caps color=white data-testid=sign-out').classes('text-sm')
    banner = ui.label().classes('w-full bg-red-700 text-white px-4 py-2 rounded').props('data-testid=engine-banner')

    def show(state: EngineState) -> None:
        engine.text = engine_text(state)
        banner.text = f'⚠ Docker engine unreachable — {state.error or "reconnecting"}. Reconnecting by itself…'
        banner.visible = not state.reachable

    show(d.engine_state)
    subscribe(d.bus.engine, show)
    with ui.column().classes('w-full gap-4 p-4'):
        yield


def _dark_icon(value: bool | None) -> str:
    return {None: 'brightness_auto', True: 'dark_mode', False: 'light_mode'}[value]
