"""The shared page frame: header with the engine's state, dark mode and the outage banner."""
from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from nicegui import run, ui
from nicegui.client import ClientConnectionTimeout

from deployer.bus import Channel
from deployer.errors import DeployerError
from deployer.models import ContainerSummary, EngineState
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


class EventGate:
    """Subscribe now, handle once the page has read where things stand.

    A page subscribes before it reads its starting state, so no change falls in between; the
    events that arrive while it reads are kept and, once :meth:`open` is called, handed over in
    order after the state read (an event that came during the read is newer than what the read
    may have returned: applied before it, it would be overwritten and the page would show the
    older state until the next change). Subscribers run on the event loop, as the page does:
    no lock is needed between the two."""

    def __init__(self, channel: Channel[T], *, subscribe_with: Callable[..., Any] = subscribe) -> None:
        self._pending: list[Any] = []
        self._handler: Callable[[Any], None] | None = None
        subscribe_with(channel, self._take)

    def _take(self, event: Any) -> None:
        if self._handler is None:
            self._pending.append(event)
        else:
            self._handler(event)

    def open(self, handler: Callable[[Any], None]) -> None:
        pending, self._pending = self._pending, []
        for event in pending:
            handler(event)
        self._handler = handler


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


async def attempt(call: Callable[..., Any], *args: Any, done: str | Callable[[Any], str],
                  said: ui.label | None = None, **kwargs: Any) -> bool:
    """Run a change off the event loop and say what happened — ``done`` (or ``done(answer)``) — or
    what the service refused. With ``said``, the words also stay on the page in that label (a
    notification goes after a few seconds; a refusal should stay readable)."""
    try:
        answer = await run.io_bound(call, *args, **kwargs)
    except DeployerError as exc:
        ui.notify(exc.message, type='negative', multi_line=True)
        if said is not None:
            said.text = exc.message
            said.classes(replace='text-negative text-sm')
        return False
    words = done(answer) if callable(done) else done
    ui.notify(words, type='positive')
    if said is not None:
        said.text = words
        said.classes(replace='text-positive text-sm')
    return True


# How long a page may take to build before NiceGUI answers with an error page instead of the page
# (its default is 3 s). An engine that answers slowly, or a machine busy with something else, makes
# the page late, not broken.
PAGE_BUILD_SECONDS = 30.0


def page(path: str) -> ui.page:
    """``@ui.page`` for the app's pages: served late rather than as an error when building is slow."""
    return ui.page(path, response_timeout=PAGE_BUILD_SECONDS)


async def sent() -> bool:
    """Send the page as built so far and wait for its browser to connect, before something that may
    take a while (every engine's stacks): the header and the page's own controls show at once. False
    when no browser connects in time (a plain HTTP client fetched the page)."""
    try:
        await ui.context.client.connected(timeout=PAGE_BUILD_SECONDS)
    except ClientConnectionTimeout:
        return False
    return True


def ui_origin(what: str) -> Origin:
    """Who asked through the web UI, and from which control."""
    return Origin('ui', 'browser session', what)


NAV = [('Containers', '/'), ('Stacks', '/ui/stacks'), ('Templates', '/ui/templates'), ('Images', '/ui/images'),
       ('Volumes', '/ui/volumes'), ('Networks', '/ui/networks'), ('Swarm', '/ui/swarm'), ('History', '/ui/history'),
       ('Assistant', '/ui/chat'), ('Settings', '/ui/settings')]


def engine_text(state: EngineState) -> str:
    return f'Engine {state.version} · ' if state.reachable else ''


def health_text(containers: list[ContainerSummary]) -> str:
    """"5 running · 1 unhealthy · 1 restarting": running counts only containers with nothing
    known to be wrong."""
    running = sum(c.state == 'running' and c.problem is None for c in containers)
    problems = [(sum(c.problem == p for c in containers), p) for p in ('unhealthy', 'restarting')]
    return ' · '.join([f'{running} running'] + [f'{n} {p}' for n, p in problems if n])


@contextmanager
def frame(d: Deployer, title: str) -> Iterator[None]:
    ui.page_title(f'{title} · DockerDeployer')
    dark = ui.dark_mode(d.preference('dark'))
    ui.add_css('.dd-mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace}'
               '@media (max-width:599.98px){.dd-header{gap:8px!important;padding-left:8px!important;'
               'padding-right:8px!important}}')
    # under 600 px (Quasar's lt-sm / gt-xs classes) the navigation, API and sign-out go behind a
    # menu button and the engine's version and the app's name give way to the health counts
    with ui.header().classes('dd-header items-center gap-4 px-4 py-2 bg-slate-800 no-wrap'):
        with ui.button(icon='menu').props('flat round dense color=white aria-label=Menu data-testid=nav-menu').classes(
                'lt-sm'):
            with ui.menu().props('data-testid=nav-menu-list'), ui.column().classes('gap-0 py-1'):
                for label, url in NAV:
                    ui.link(label, url).classes('px-4 py-2 w-full no-underline text-inherit').props(
                        f'data-testid=menu-{label.lower()}')
                ui.link('API', '/docs', new_tab=True).classes('px-4 py-2 w-full no-underline text-inherit')
                with ui.element('form').props('method=post action=/logout').classes('m-0 px-2'):
                    ui.button('Sign out').props('type=submit flat dense no-caps data-testid=menu-sign-out')
        ui.icon('directions_boat').classes('text-2xl text-white')
        ui.link('DockerDeployer', '/').classes('text-lg font-bold text-white no-underline whitespace-nowrap gt-xs')
        with ui.row().classes('gt-xs items-center gap-4').props('data-testid=nav'):
            for label, url in NAV:
                ui.link(label, url).classes('text-white')
        ui.space()
        with ui.element('div').classes('text-sm text-slate-200 text-right min-w-0').props('data-testid=engine-state'):
            engine = ui.label().classes('inline gt-xs')
            health = ui.label().classes('inline').props('data-testid=engine-health')

        async def toggle_dark() -> None:
            dark.value = {None: True, True: False, False: None}[dark.value]
            await run.io_bound(d.set_preference, 'dark', dark.value)
            dark_button.props(f'icon={_dark_icon(dark.value)}')

        dark_button = ui.button(icon=_dark_icon(dark.value), on_click=toggle_dark).props(
            'flat round color=white').tooltip('Light / dark / system theme')
        ui.link('API', '/docs', new_tab=True).classes('text-white text-sm gt-xs')
        with ui.element('form').props('method=post action=/logout').classes('m-0 gt-xs'):  # a POST: checked for its Origin
            ui.button('Sign out').props('type=submit flat dense no-caps color=white data-testid=sign-out').classes('text-sm')
    banner = ui.label().classes('w-full bg-red-700 text-white px-4 py-2 rounded').props('data-testid=engine-banner')

    client = ui.context.client
    recount = False

    def count_health() -> None:  # from the watcher's cache, in memory
        nonlocal recount
        recount = False
        health.text = health_text(d.watcher.snapshot()) if d.engine_state.reachable else 'Engine unreachable'

    def container_changed(_: object) -> None:
        """A burst of events costs one count, half a second later. (Not a ui.timer: a timer in
        the frame would make NiceGUI answer before an async page is built, without the HTML it
        adds after its first await.)"""
        nonlocal recount
        if not recount:
            recount = True
            asyncio.get_running_loop().call_later(0.5, recount_later)

    def recount_later() -> None:
        if client.id in client.instances:
            with client:
                count_health()

    def show(state: EngineState) -> None:
        if state.engine != 'local':   # another engine's outage is told on its rows, not as this host's
            return
        engine.text = engine_text(state)
        count_health()
        banner.text = f'⚠ Docker engine unreachable — {state.error or "reconnecting"}. Reconnecting by itself…'
        banner.visible = not state.reachable

    show(d.engine_state)
    subscribe(d.bus.engine, show)
    subscribe(d.bus.containers, container_changed)  # health changes move no engine-wide count
    with ui.column().classes('w-full gap-4 p-4'):
        yield


def _dark_icon(value: bool | None) -> str:
    return {None: 'brightness_auto', True: 'dark_mode', False: 'light_mode'}[value]
