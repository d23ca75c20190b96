"""Settings ``/ui/settings``: how the assistant understands requests (rules, an LLM through
LiteLLM, or both), what deploys may ask of the host, and the logins kept for private registries."""
from __future__ import annotations

import time
from typing import Any

from nicegui import run, ui

from deployer.errors import DeployerError, HostKeyUnknown
from deployer.service import Deployer

from .frame import attempt, frame, page, page_dialog, ui_origin

MODES = {'rules': 'Embedded parser only (offline)', 'llm': 'LLM first, embedded parser as fallback',
         'auto': 'Embedded parser first, the LLM when it does not understand'}


def register(d: Deployer) -> None:
    @page('/ui/settings')
    async def settings_page() -> None:
        with frame(d, 'Settings'):
            current = await run.io_bound(d.nlp_settings)
            ui.label('Settings').classes('text-2xl font-medium')
            with ui.card().classes('w-full max-w-2xl').props('flat bordered'):
                ui.label('Assistant').classes('text-lg font-medium')
                mode = ui.select(MODES, value=current['mode'], label='How requests are understood').props(
                    'outlined dense data-testid=setting-mode').classes('w-full')
                model = ui.input('LiteLLM model', value=current['model'] or '',
                                 placeholder='ollama_chat/llama3.1, openai/gpt-4o-mini …').props(
                    'outlined dense data-testid=setting-model').classes('w-full')
                base = ui.input('API base (optional)', value=current['api_base'] or '',
                                placeholder='http://localhost:11434').props('outlined dense').classes('w-full')
                key = ui.input('API key (optional; kept in the secrets store, never shown again)', password=True,
                               placeholder='•••••• set' if current['api_key_set'] else '').props(
                    'outlined dense').classes('w-full')
                timeout = ui.number('Timeout (s)', value=current['timeout'], min=1, max=300).props('outlined dense')
                ui.label('The prompt carries names, images, stacks and states only — never environment values or '
                         'secrets. Whatever a model proposes is checked in code like any plan.').classes(
                    'text-xs text-grey')
            with ui.card().classes('w-full max-w-2xl').props('flat bordered'):
                ui.label('Policy').classes('text-lg font-medium')
                privileged = ui.switch('Allow privileged containers, host namespaces, devices, added capabilities, '
                                       'the Docker socket and host folders outside the allowed ones',
                                       value=current['allow_privileged']).props('data-testid=setting-privileged')
                if not current['privileged_permitted']:
                    privileged.props('disable')
                    ui.label('Only the operator can permit this: start DockerDeployer with '
                             'DEPLOYER_ALLOW_PRIVILEGED=1.').classes('text-xs text-grey').props(
                        'data-testid=privileged-locked')
                ui.label('Each of these gives a container control of the host. Stacks may always use their own '
                         'folder and these host folders: ' + (', '.join(current['bind_roots']) or 'none')
                         + ' (DEPLOYER_BIND_ROOTS).').classes('text-xs text-grey')

            async def save() -> None:
                changes = {'nlp_mode': mode.value, 'llm_model': model.value.strip(), 'llm_api_base': base.value.strip(),
                           'llm_timeout': float(timeout.value or 30), 'allow_privileged': bool(privileged.value)}
                if key.value:
                    changes['llm_api_key'] = key.value
                try:
                    await run.io_bound(d.update_settings, changes, origin=ui_origin('settings page'))
                except DeployerError as exc:
                    ui.notify(exc.message, type='negative')
                    return
                key.value = ''
                ui.notify('Saved', type='positive')

            ui.button('Save', icon='save', on_click=save).props('color=primary data-testid=settings-save')
            registry_logins(d)
            engines(d)


def registry_logins(d: Deployer) -> None:
    """The registries a login is kept for (user names only: a password is never sent back to a
    page), a form that keeps one once the registry accepts it, and a button that forgets one."""
    with ui.card().classes('w-full max-w-2xl').props('flat bordered data-testid=registry-logins'):
        ui.label('Registry logins').classes('text-lg font-medium')
        ui.label('Pulls, stack deploys and update checks log in to a registry a login is kept for. Kept in the '
                 'secrets folder, never in git, never shown again.').classes('text-xs text-grey')

        @ui.refreshable
        def listing() -> None:
            logins = d.registries.list()
            if not logins:
                ui.label('No logins kept: only public images can be pulled.').classes('text-sm text-grey').props(
                    'data-testid=registry-none')
            for login in logins:
                with ui.row().classes('w-full items-center gap-2 no-wrap').props(
                        f'data-testid=registry-{login.registry}'):
                    ui.icon('lock').classes('text-grey')
                    ui.label(login.registry).classes('font-medium dd-mono')
                    ui.label(f'as {login.username}').classes('text-sm')
                    ui.label(time.strftime('%Y-%m-%d %H:%M', time.localtime(login.saved_at))).classes(
                        'text-xs text-grey grow')
                    ui.button('Forget', icon='logout', on_click=lambda r=login.registry: forget(r)).props(
                        f'flat dense color=negative data-testid=registry-forget-{login.registry}')

        async def forget(registry: str) -> None:
            if await attempt(d.registries.remove, registry, done=f'Login for {registry} forgotten',
                             origin=ui_origin('settings page')):
                listing.refresh()

        async def keep() -> None:
            save.props('loading')
            outcome.text = f'Asking {registry.value.strip()} about the login…'
            outcome.classes(replace='text-grey-7 text-sm')
            try:
                kept = await attempt(d.registries.save, registry.value, user.value, password.value,
                                     done=lambda login: f'Login for {login.registry} kept (the registry accepted it)',
                                     said=outcome, origin=ui_origin('settings page'))
            finally:
                save.props(remove='loading')
            if kept:
                password.value = ''
                listing.refresh()

        listing()
        with ui.row().classes('w-full items-end gap-2'):
            registry = ui.input('Registry', placeholder='ghcr.io, registry.local:5000, docker.io').props(
                'outlined dense data-testid=registry-name').classes('grow')
            user = ui.input('User name').props('outlined dense data-testid=registry-user')
            password = ui.input('Password or token', password=True).props(
                'outlined dense data-testid=registry-password')
            save = ui.button('Log in', icon='login', on_click=keep).props('color=primary data-testid=registry-save')
        # what the last attempt came to: stays after the notification has gone
        outcome = ui.label().classes('text-sm').props('data-testid=registry-outcome')

def engines(d: Deployer) -> None:
    """The engines: the local one and those reached over tcp:// with TLS (their keys are never sent
    back to a page), a form that adds one once it answers, and a button that forgets one."""
    with ui.card().classes('w-full max-w-2xl').props('flat bordered data-testid=engines'):
        ui.label('Engines').classes('text-lg font-medium')
        ui.label('Other Docker hosts, reached the way Docker reaches them: tcp:// with TLS client certificates '
                 '(dockerd --tlsverify) or ssh://user@host with a key (its host key shown for you to trust). '
                 'Each has its own watcher; the dashboard shows them all with a host column. '
                 'Added only once the engine answers; the keys stay in the secrets folder.').classes('text-xs text-grey')

        @ui.refreshable
        def listing() -> None:
            for engine in d.engines.list():
                with ui.row().classes('w-full items-center gap-2 no-wrap').props(f'data-testid=engine-{engine["id"]}'):
                    ui.badge('up' if engine['reachable'] else 'down',
                             color='positive' if engine['reachable'] else 'negative').props(
                        f'data-testid=engine-state-{engine["id"]}')
                    ui.label(engine['id']).classes('font-medium')
                    ui.label(engine['url']).classes('dd-mono text-xs text-grey grow break-all')
                    ui.label(f'Docker {engine["version"]}' if engine['version'] else (engine['error'] or '')).classes(
                        'text-xs')
                    if not engine['default']:
                        ui.button('Folders', icon='folder_shared', on_click=lambda e=engine: folders(e)).props(
                            f'flat dense data-testid=engine-folders-{engine["id"]}').tooltip(
                            'Folders on that host that stacks may bind-mount: ' + (', '.join(engine['bind_roots'])
                                                                                  or 'none'))
                        ui.button('Forget', icon='link_off', on_click=lambda e=engine['id']: forget(e)).props(
                            f'flat dense color=negative data-testid=engine-forget-{engine["id"]}')

        async def folders(engine: dict[str, Any]) -> None:
            """The folders of that engine's host its stacks and volumes may bind (checked as that host's paths)."""
            with page_dialog() as dialog, ui.card().classes('w-[32rem] max-w-full').props('data-testid=folders-dialog'):
                ui.label(f'Folders on {engine["id"]} that stacks may bind-mount').classes('text-lg font-medium')
                ui.label('One absolute path per line, as it is on that host (not on this one). Besides these, a '
                         'stack binds only inside its own folder.').classes('text-sm text-grey')
                text = ui.textarea(value='\n'.join(engine['bind_roots'])).props(
                    'outlined dense data-testid=folders-text').classes('w-full dd-mono')
                with ui.row().classes('w-full justify-end'):
                    ui.button('Cancel', on_click=lambda: dialog.submit(None)).props('flat')
                    ui.button('Save', on_click=lambda: dialog.submit(text.value or '')).props(
                        'color=primary data-testid=folders-save')
            answer = await dialog
            dialog.delete()
            if answer is None:
                return
            roots = [line.strip() for line in answer.splitlines() if line.strip()]
            if await attempt(d.engines.set_bind_roots, engine['id'], roots, origin=ui_origin('settings page'),
                             done=f'Folders of {engine["id"]} saved'):
                listing.refresh()

        async def forget(engine: str) -> None:
            if await attempt(d.engines.remove, engine, done=f'Engine {engine} forgotten (its containers keep running)',
                             origin=ui_origin('settings page')):
                listing.refresh()

        async def add(host_key: str | None = None) -> None:
            try:
                added = await run.io_bound(d.engines.add, ident.value, url.value, ca=ca.value or None,
                                           cert=cert.value or None, key=key.value or None, allow_plain=bool(plain.value),
                                           bind_roots=[r.strip() for r in (roots.value or '').splitlines() if r.strip()],
                                           host_key=host_key, origin=ui_origin('settings page'))
            except HostKeyUnknown as exc:   # ssh://: the user decides whether this host key is the host's
                if await trust(exc.details):
                    await add(exc.details['fingerprint'])
                return
            except DeployerError as exc:
                ui.notify(exc.message, type='negative', multi_line=True)
                return
            ui.notify(f'Engine {added["id"]} added: Docker {added["version"]}', type='positive')
            for field in (ident, url, ca, cert, key, roots):
                field.value = ''
            listing.refresh()

        async def trust(details: dict[str, str]) -> bool:
            with page_dialog() as dialog, ui.card().classes('w-[36rem] max-w-full').props('data-testid=host-key-dialog'):
                ui.label(f'Trust the SSH host key of {details["host"]}?').classes('text-lg font-medium')
                ui.label(f'{details["key_type"]} {details["fingerprint"]}').classes('dd-mono text-sm break-all').props(
                    'data-testid=host-key-fingerprint')
                ui.label('Compare it with what the host says (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on '
                         'it). Once trusted, a different key from that host is refused.').classes('text-sm text-grey')
                with ui.row().classes('w-full justify-end'):
                    ui.button('Cancel', on_click=lambda: dialog.submit(False)).props('flat data-testid=host-key-cancel')
                    ui.button('Trust and add', on_click=lambda: dialog.submit(True)).props(
                        'color=primary data-testid=host-key-trust')
            answer = await dialog
            dialog.delete()
            return bool(answer)

        def seen() -> list[tuple[Any, ...]]:   # what a row shows
            return [tuple(e[k] for k in ('id', 'url', 'reachable', 'version', 'error', 'bind_roots'))
                    for e in d.engines.list()]
        shown = [seen()]

        def changed() -> None:   # up or down, as the watchers see it: rebuilt only when a row changed (a rebuild
            now = seen()         # under a click would take the clicked button, and its dialog, with it)
            if now != shown[0]:
                shown[0] = now
                listing.refresh()

        listing()
        ui.timer(2.0, changed)
        with ui.expansion('Add an engine', icon='add').classes('w-full').props('data-testid=engine-add'):
            with ui.row().classes('w-full gap-2'):
                ident = ui.input('Id', placeholder='edge-2').props('outlined dense data-testid=engine-id')
                url = ui.input('Address', placeholder='tcp://10.0.0.5:2376 or ssh://user@host').props(
                    'outlined dense data-testid=engine-url').classes('grow')
            ca = ui.textarea('CA certificate (PEM)').props('outlined dense data-testid=engine-ca').classes('w-full')
            cert = ui.textarea('Client certificate (PEM)').props('outlined dense data-testid=engine-cert').classes(
                'w-full')
            key = ui.textarea('Client key (PEM), or the SSH private key for ssh://').props(
                'outlined dense data-testid=engine-key').classes('w-full')
            roots = ui.textarea('Folders on that host that stacks may bind-mount (one per line)').props(
                'outlined dense data-testid=engine-roots').classes('w-full')
            plain = ui.checkbox('Allow plain tcp:// without TLS (anyone on that network controls the engine)')
            ui.button('Add', icon='add_link', on_click=add).props('color=primary data-testid=engine-save')
