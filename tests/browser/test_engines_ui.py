"""Issue 16 in Chromium: an engine added on the settings page (its TLS keys pasted), the dashboard
with a host column and filter across both engines, an action on the other engine's container, and
that engine's outage told on its rows while the local ones carry on."""
from __future__ import annotations

import re
import secrets
import signal

import pytest
from playwright.sync_api import Page, expect

from .test_dashboard import click_until, sign_in

pytestmark = pytest.mark.browser

ENGINE = 'edge-ui'


def test_an_engine_added_in_the_browser_shows_on_the_dashboard(page: Page, app_server, remote_engine, make_container,
                                                               busybox_image) -> None:
    remote = remote_engine.client()
    there = remote.containers.run(busybox_image, ['sleep', '600'], name=f'dd-ui-remote-{secrets.token_hex(3)}',
                                  detach=True, init=True)
    here = make_container(command=['sleep', '300'])
    try:
        sign_in(page, app_server, '/ui/settings')
        page.get_by_test_id('engine-add').click()
        page.get_by_test_id('engine-id').fill(ENGINE)
        page.get_by_test_id('engine-url').fill(remote_engine.url)
        page.get_by_test_id('engine-ca').fill(remote_engine.ca)
        page.get_by_test_id('engine-cert').fill(remote_engine.cert)
        page.get_by_test_id('engine-key').fill(remote_engine.key)
        save = page.get_by_test_id('engine-save')
        added = page.locator('.q-notification', has_text=f'Engine {ENGINE} added: Docker')
        save.click()
        try:
            expect(added).to_be_visible(timeout=10000)
        except AssertionError:   # a click on Add now and then never reaches the server in CI (see the ssh test below):
            if save.is_visible():   # the form is still open, so clicked again, as a person would
                save.click()
        expect(added).to_be_visible(timeout=20000)
        expect(page.get_by_test_id(f'engine-state-{ENGINE}')).to_have_text('up', timeout=10000)
        assert 'PRIVATE KEY' not in page.content().split('engine-key')[0]   # the key is not shown back in the list

        page.goto(f'{app_server.base_url}/')
        table = page.get_by_test_id('containers')
        expect(table.locator('th', has_text='Host')).to_be_visible()
        expect(page.get_by_test_id(f'state-{there.name}')).to_have_text('running', timeout=10000)
        expect(page.get_by_test_id(f'state-{here.name}')).to_have_text('running')
        page.get_by_test_id('engine-filter').click()
        page.get_by_role('option', name=ENGINE, exact=True).click()
        expect(page.get_by_test_id(f'state-{here.name}')).to_have_count(0)    # only that host's rows
        expect(page.get_by_test_id(f'state-{there.name}')).to_be_visible()

        page.get_by_test_id(f'stop-{there.name}').click()                       # acts on that engine
        expect(page.get_by_test_id(f'state-{there.name}')).to_have_text('exited', timeout=20000)
        there.reload()
        assert there.status == 'exited'
        there.start()
        expect(page.get_by_test_id(f'state-{there.name}')).to_have_text('running', timeout=10000)   # its events

        page.get_by_test_id('engine-filter').click()
        page.get_by_role('option', name='All hosts').click()
        remote_engine.stop()
        try:
            expect(page.get_by_test_id(f'outage-{ENGINE}')).to_be_visible(timeout=3000)
            expect(page.get_by_test_id(f'state-{there.name}')).to_have_text('engine unreachable')
            expect(page.get_by_test_id(f'state-{here.name}')).to_have_text('running')
            page.get_by_test_id(f'stop-{here.name}').click()                    # the local engine carries on
            expect(page.get_by_test_id(f'state-{here.name}')).to_have_text('exited', timeout=20000)
            expect(page.get_by_test_id('engine-banner')).to_be_hidden()         # this host's engine is fine
        finally:
            remote_engine.start()
        expect(page.get_by_test_id(f'outage-{ENGINE}')).to_have_count(0, timeout=20000)
    finally:
        with app_server.client() as api:
            api.delete(f'/engines/{ENGINE}')
        there.remove(force=True)


def test_a_remote_containers_page_has_its_logs_charts_and_console(page: Page, app_server, remote_engine,
                                                                 busybox_image) -> None:
    remote = remote_engine.client()
    there = remote.containers.run(busybox_image, ['sh', '-c', 'echo hello from the edge; sleep 600'],
                                  name=f'dd-ui-rpage-{secrets.token_hex(3)}', detach=True, init=True)
    with app_server.client(timeout=60) as api:
        assert api.post('/engines', json={'id': 'edge-page', 'url': remote_engine.url, 'ca': remote_engine.ca,
                                          'cert': remote_engine.cert, 'key': remote_engine.key}).status_code == 200
        try:
            sign_in(page, app_server)
            page.goto(f'{app_server.base_url}/container/{there.name}?engine=edge-page')
            expect(page.get_by_test_id('remote-note')).to_contain_text('On engine edge-page')
            expect(page.get_by_test_id('detail-state')).to_have_text('running')
            expect(page.get_by_text('hello from the edge')).to_be_visible(timeout=15000)       # its log, followed
            page.get_by_test_id('charts-tab').click()
            expect(page.get_by_test_id('charts-note')).to_contain_text('samples, one every 2 s', timeout=20000)
            page.get_by_test_id('console-tab').click()
            page.get_by_test_id('console-open').click()
            expect(page.get_by_test_id('console-state')).to_contain_text(f'Connected to {there.name}')
            page.get_by_test_id('console-terminal').click()
            page.keyboard.type('echo edge-$((40+2))\n')
            expect(page.get_by_test_id('console-terminal')).to_contain_text('edge-42', timeout=10000)
            page.get_by_test_id('console-close').click()
        finally:
            api.delete('/engines/edge-page')
            there.remove(force=True)


def test_an_ssh_engine_asks_to_trust_its_host_key_in_the_browser(page: Page, app_server, remote_engine) -> None:
    sign_in(page, app_server, '/ui/settings')
    page.get_by_test_id('engine-add').click()
    page.get_by_test_id('engine-id').fill('edge-ssh-ui')
    page.get_by_test_id('engine-url').fill(remote_engine.ssh_url)
    page.get_by_test_id('engine-key').fill(remote_engine.ssh_key)
    save = page.get_by_test_id('engine-save')
    dialog = page.get_by_test_id('host-key-dialog')
    # a click on Add now and then never reaches the server in CI (no event, no log line): clicked again,
    # as a person would, when no dialog came within 8 s (the host key is read in milliseconds)
    click_until(save.click, dialog.get_by_test_id('host-key-fingerprint'), timeout=8000)
    expect(dialog.get_by_test_id('host-key-fingerprint')).to_contain_text(remote_engine.ssh_fingerprint)
    dialog.get_by_test_id('host-key-cancel').click()                        # not trusted: nothing added
    expect(page.get_by_test_id('engine-edge-ssh-ui')).to_have_count(0)
    click_until(save.click, page.get_by_test_id('host-key-trust'), timeout=8000)
    page.get_by_test_id('host-key-trust').click()
    try:
        expect(page.locator('.q-notification', has_text='Engine edge-ssh-ui added: Docker')).to_be_visible(timeout=20000)
        expect(page.get_by_test_id('engine-state-edge-ssh-ui')).to_have_text('up', timeout=10000)
    finally:
        with app_server.client() as api:
            api.delete('/engines/edge-ssh-ui')


def test_another_engines_stack_is_listed_and_has_its_page(page: Page, app_server, remote_engine, busybox_image) -> None:
    stack = f'uistk-{secrets.token_hex(3)}'
    compose = {'services': {'app': {'image': busybox_image, 'command': ['sh', '-c', 'echo stack on the edge; sleep 600'],
                                    'init': True}}}
    with app_server.client(timeout=120) as api:
        assert api.post('/engines', json={'id': 'edge-stk', 'url': remote_engine.url, 'ca': remote_engine.ca,
                                          'cert': remote_engine.cert, 'key': remote_engine.key}).status_code == 200
        try:
            assert api.post('/deploy', params={'engine': 'edge-stk'},
                            json={'stack': stack, 'compose': compose}).status_code == 200
            sign_in(page, app_server, '/ui/stacks')
            expect(page.get_by_test_id(f'stack-host-{stack}')).to_have_text('edge-stk')
            expect(page.get_by_test_id(f'stack-state-{stack}')).to_have_text('running')
            page.get_by_role('link', name=stack, exact=True).click()
            expect(page).to_have_url(re.compile(rf'/ui/stacks/{stack}\?engine=edge-stk$'))
            expect(page.get_by_test_id('stack-state')).to_have_text('running')
            expect(page.get_by_test_id('stack-check-updates')).to_be_visible()   # asked through that engine
            page.get_by_role('tab', name='Logs').click()
            expect(page.get_by_text('stack on the edge')).to_be_visible(timeout=15000)   # followed on that engine
            page.get_by_test_id('stack-stop').click()
            page.get_by_test_id('progress-close').click(timeout=60000)
            expect(page.get_by_test_id('stack-state')).to_have_text('stopped', timeout=20000)
            remote = remote_engine.client()
            assert all(c.status == 'exited' for c in remote.containers.list(
                all=True, filters={'label': f'com.docker.compose.project={stack}'}))
        finally:
            api.post(f'/stacks/{stack}/action', params={'engine': 'edge-stk'}, json={'action': 'remove'})
            api.delete('/engines/edge-stk')


def test_another_engine_in_the_images_new_stack_and_folders_pages(page: Page, app_server, remote_engine,
                                                                   busybox_image, docker_client, tmp_path) -> None:
    """The images page and the compose editor on another engine (its picker, ?engine=), and the
    folders that engine's stacks may bind, set on the settings page."""
    from .test_editor_ui import type_document
    remote = remote_engine.client()
    stack = f'uinew-{secrets.token_hex(3)}'
    tag = f'dd-only-there:{secrets.token_hex(3)}'
    folder = str(tmp_path / 'edge-data')   # that host's folder (the same disk here: a namespace shares it)
    remote.images.get(busybox_image).tag(tag)                 # an image only that engine has
    with app_server.client(timeout=120) as api:
        assert api.post('/engines', json={'id': 'edge-pg', 'url': remote_engine.url, 'ca': remote_engine.ca,
                                          'cert': remote_engine.cert, 'key': remote_engine.key}).status_code == 200
        try:
            sign_in(page, app_server, '/ui/images')
            expect(page.get_by_test_id('images-table')).to_be_visible()
            expect(page.get_by_text(tag)).to_have_count(0)                   # the local engine's images
            page.get_by_test_id('engine-picker').click()
            page.get_by_role('option', name='edge-pg', exact=True).click()
            expect(page).to_have_url(re.compile(r'/ui/images\?engine=edge-pg$'))
            expect(page.get_by_text(tag)).to_be_visible(timeout=10000)

            page.goto(f'{app_server.base_url}/ui/new-stack?engine=edge-pg')
            page.get_by_test_id('new-stack-name').fill(stack)
            type_document(page, f'services:\n  app:\n    image: {busybox_image}\n    command: ["sleep", "600"]\n'
                                f'    init: true\n    volumes:\n      - {folder}:/data\n')
            expect(page.get_by_test_id('problem-policy')).to_contain_text('Refused by the host policy')  # not yet allowed

            page.goto(f'{app_server.base_url}/ui/settings')
            page.get_by_test_id('engine-folders-edge-pg').click()
            page.get_by_test_id('folders-text').fill(folder)
            page.get_by_test_id('folders-save').click()
            expect(page.locator('.q-notification', has_text='Folders of edge-pg saved')).to_be_visible()
            assert {e['id']: e for e in api.get('/engines').json()}['edge-pg']['bind_roots'] == [folder]

            page.goto(f'{app_server.base_url}/ui/new-stack?engine=edge-pg')
            page.get_by_test_id('new-stack-name').fill(stack)
            type_document(page, f'services:\n  app:\n    image: {busybox_image}\n    command: ["sleep", "600"]\n'
                                f'    init: true\n    volumes:\n      - {folder}:/data\n')
            expect(page.get_by_test_id('editor-status')).to_have_text('valid', timeout=10000)
            page.get_by_test_id('editor-save').click()
            page.get_by_test_id('review-deploy').click()
            expect(page.get_by_test_id('progress-summary')).to_contain_text('deployed', timeout=60000)
            page.get_by_test_id('progress-close').click()
            expect(page).to_have_url(re.compile(rf'/ui/stacks/{stack}\?engine=edge-pg$'))
            assert len(remote.containers.list(filters={'label': f'com.docker.compose.project={stack}'})) == 1
            assert not docker_client.containers.list(all=True, filters={'label': f'com.docker.compose.project={stack}'})
        finally:
            api.post(f'/stacks/{stack}/action', params={'engine': 'edge-pg'}, json={'action': 'remove'})
            api.delete('/engines/edge-pg')
            remote.images.remove(tag)


def test_an_engine_that_stops_answering_does_not_hold_up_the_stacks_page(page: Page, app_server, remote_engine,
                                                                         busybox_image) -> None:
    """A remote engine that hangs (its dockerd frozen: the connection opens, nothing comes back)
    while the local engine answers: the page and the local stacks show at once, that engine is
    told as still answering, then as failing when its time is up."""
    stack = f'uihere-{secrets.token_hex(3)}'
    compose = {'services': {'app': {'image': busybox_image, 'command': ['sleep', '600'], 'init': True}}}
    with app_server.client(timeout=120) as api:
        assert api.post('/deploy', json={'stack': stack, 'compose': compose}).status_code == 200
        assert api.post('/engines', json={'id': 'edge-slow', 'url': remote_engine.url, 'ca': remote_engine.ca,
                                          'cert': remote_engine.cert, 'key': remote_engine.key}).status_code == 200
        remote_engine.process.send_signal(signal.SIGSTOP)
        try:
            sign_in(page, app_server, '/ui/stacks')
            waiting = page.get_by_test_id('stacks-engine-waiting')
            expect(waiting).to_have_text('⏳ Engine edge-slow has not answered yet…')
            expect(page.get_by_test_id(f'stack-state-{stack}')).to_have_text('running')
            expect(waiting).to_be_visible()   # the local stack came while the other engine was still asked
            down = page.get_by_test_id('stacks-engine-down')
            expect(down).to_contain_text('⚠ Engine edge-slow:', timeout=60000)
            expect(waiting).to_have_count(0)
            expect(page.get_by_test_id(f'stack-state-{stack}')).to_have_text('running')
        finally:
            remote_engine.process.send_signal(signal.SIGCONT)
            api.delete('/engines/edge-slow')
            api.post(f'/stacks/{stack}/action', json={'action': 'remove'})
