"""The compose editor in a real Chromium, on the real engine: a new stack typed in the browser
(problems at their line as you type, policy refusals, variables, what will be created), an
edit that shows its difference before saving, a save refused because someone changed the
stack meanwhile, the unsaved-edits guard, and adopting a stack made by docker-compose."""
from __future__ import annotations

import re
import secrets
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from devtools.apprun import free_port
from devtools.compose_v1 import compose_v1
from devtools.documents import web

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser
PROJECT = 'com.docker.compose.project'


def type_document(page: Page, text: str) -> None:
    """Replace the editor's document as a person would: select all, then type (insert) it."""
    page.locator('[data-testid=compose-editor] .cm-content').click()
    page.keyboard.press('Control+A')
    page.keyboard.press('Delete')
    page.keyboard.insert_text(text)


def document(page: Page) -> str:
    return page.locator('[data-testid=compose-editor] .cm-content').inner_text()


def published(docker_client, stack: str) -> list[str]:
    return sorted(binding['HostPort'] for c in docker_client.containers.list(filters={'label': f'{PROJECT}={stack}'})
                  for bindings in (c.ports or {}).values() for binding in bindings or [])


def remove(app_server, stack: str) -> None:
    with app_server.client() as api:
        api.post(f'/stacks/{stack}/action', json={'action': 'remove', 'volumes': True}, timeout=120)


def test_write_a_new_stack_in_the_browser(page: Page, app_server, busybox_image, docker_client) -> None:
    stack = f'ed-{secrets.token_hex(3)}'
    port = free_port()
    try:
        sign_in(page, app_server, '/ui/stacks')
        page.get_by_test_id('new-stack').click()
        expect(page).to_have_url(f'{app_server.base_url}/ui/new-stack')
        page.get_by_test_id('new-stack-name').fill('Bad Name')
        expect(page.get_by_text('lowercase letters, digits')).to_be_visible()
        page.get_by_test_id('new-stack-name').fill(stack)

        # a wrong value: the loader's message, at its line, as you type
        type_document(page, f'services:\n  web:\n    image: {busybox_image}\n    init: maybe\n')
        problem = page.get_by_test_id('problem-error')
        expect(problem).to_contain_text('line 4')
        expect(problem).to_contain_text('services.web.init')
        expect(page.locator('[data-testid=compose-editor] .cm-line.dd-line-error')).to_have_text('    init: maybe')
        expect(page.get_by_test_id('editor-status')).to_have_text('1 problem')

        # a host path the policy refuses: said in the editor, at the volume's line
        type_document(page, f'services:\n  web:\n    image: {busybox_image}\n    volumes:\n      - /etc:/host-etc\n')
        expect(page.get_by_test_id('problem-policy')).to_contain_text('Refused by the host policy')
        expect(page.get_by_test_id('problem-policy')).to_contain_text('line 4')
        page.get_by_test_id('editor-save').click()
        expect(page.get_by_text('Fix the problems shown under the document first')).to_be_visible()

        # a valid document with a variable from the environment table
        type_document(page, web(busybox_image, '${WEB_PORT}'))
        page.get_by_test_id('env-add').click()
        page.get_by_test_id('env-key-0').fill('WEB_PORT')
        page.get_by_test_id('env-value-0').fill(str(port))
        expect(page.get_by_test_id('editor-status')).to_have_text('valid')
        expect(page.get_by_test_id('problem-error')).to_have_count(0)

        page.get_by_test_id('editor-save').click()
        expect(page.get_by_test_id('review-summary')).to_have_text(f'new stack {stack}: 1 service, 1 container created')
        expect(page.get_by_test_id('review-web')).to_contain_text('web: create')
        page.get_by_test_id('review-deploy').click()
        expect(page.get_by_test_id('progress-summary')).to_contain_text('deployed', timeout=60000)
        assert published(docker_client, stack) == [str(port)]
        page.get_by_test_id('progress-close').click()
        expect(page).to_have_url(f'{app_server.base_url}/ui/stacks/{stack}')
        with app_server.client() as api:
            [record] = api.get('/history', params={'stack': stack, 'action': 'deploy'}).json()['records']
        assert (record['source'], record['reason'], record['ok']) == ('ui', 'compose editor', True) and record['revision']
    finally:
        remove(app_server, stack)


def test_edit_shows_the_difference_then_saves_and_guards_unsaved_edits(page: Page, app_server, busybox_image,
                                                                       docker_client) -> None:
    stack = f'ed-{secrets.token_hex(3)}'
    before, after = free_port(), free_port()
    with app_server.client() as api:
        deployed = api.post('/deploy', json={'stack': stack, 'compose': web(busybox_image, str(before))}, timeout=120)
        assert deployed.status_code == 200, deployed.text
    try:
        sign_in(page, app_server, f'/ui/stacks/{stack}')
        page.get_by_role('tab', name='Compose').click()
        expect(page.get_by_test_id('editor-status')).to_have_text('')
        assert f'127.0.0.1:{before}:80' in document(page)
        type_document(page, web(busybox_image, str(after)))
        expect(page.get_by_test_id('editor-status')).to_have_text('valid')

        # leaving with unsaved edits asks (and staying keeps them)
        asked: list[str] = []

        def dismiss(dialog) -> None:
            asked.append(dialog.type)
            dialog.dismiss()
        page.on('dialog', dismiss)
        page.get_by_test_id('nav').get_by_text('History').click()
        page.wait_for_timeout(500)
        assert asked == ['beforeunload']
        expect(page).to_have_url(f'{app_server.base_url}/ui/stacks/{stack}')
        page.remove_listener('dialog', dismiss)

        page.get_by_test_id('editor-save').click()
        expect(page.get_by_test_id('review-summary')).to_have_text(
            f'update {stack}: web (port {before}→80 becomes {after}→80): 1 container recreated')
        expect(page.get_by_test_id('review-diff')).to_contain_text(f'+      - "127.0.0.1:{after}:80"')
        page.get_by_test_id('review-deploy').click()
        expect(page.get_by_test_id('progress-summary')).to_contain_text('deployed', timeout=60000)
        page.get_by_test_id('progress-close').click()
        assert published(docker_client, stack) == [str(after)]

        # saved: leaving does not ask any more
        page.get_by_test_id('nav').get_by_text('History').click()
        expect(page).to_have_url(f'{app_server.base_url}/ui/history')
    finally:
        remove(app_server, stack)


def test_a_save_over_a_stack_changed_meanwhile_shows_that_change(page: Page, app_server, busybox_image,
                                                                docker_client) -> None:
    stack = f'ed-{secrets.token_hex(3)}'
    first, theirs, mine = free_port(), free_port(), free_port()
    with app_server.client() as api:
        assert api.post('/deploy', json={'stack': stack, 'compose': web(busybox_image, str(first))},
                        timeout=120).status_code == 200
    try:
        sign_in(page, app_server, f'/ui/stacks/{stack}')
        page.get_by_role('tab', name='Compose').click()
        expect(page.get_by_test_id('compose-editor')).to_be_visible()
        with app_server.client() as api:   # someone else saves while the editor is open
            assert api.post('/deploy', json={'stack': stack, 'compose': web(busybox_image, str(theirs))},
                            timeout=120).status_code == 200
        type_document(page, web(busybox_image, str(mine)))
        expect(page.get_by_test_id('editor-status')).to_have_text('valid')
        page.get_by_test_id('editor-save').click()
        page.get_by_test_id('review-deploy').click()
        expect(page.get_by_test_id('stack-changed')).to_contain_text(f'{stack} changed since you opened it',
                                                                     timeout=30000)
        expect(page.get_by_test_id('changed-diff')).to_contain_text(f'+      - "127.0.0.1:{theirs}:80"')
        assert published(docker_client, stack) == [str(theirs)], 'the refused save changed the stack'
        page.get_by_test_id('changed-load').click()
        expect(page.locator('[data-testid=compose-editor] .cm-content')).to_contain_text(f'127.0.0.1:{theirs}:80')
    finally:
        remove(app_server, stack)


def test_adopt_a_stack_made_by_docker_compose(page: Page, app_server, busybox_image, docker_client,
                                              tmp_path: Path) -> None:
    stack = f'ed-{secrets.token_hex(3)}'
    folder = tmp_path / stack
    folder.mkdir()
    (folder / 'docker-compose.yml').write_text(f'version: "3.8"\nservices:\n  app:\n    image: {busybox_image}\n'
                                               '    command: ["sleep", "1000000"]\n    init: true\n')
    compose_v1(stack, 'up', '-d', cwd=folder)
    try:
        sign_in(page, app_server, f'/ui/stacks/{stack}')
        page.get_by_role('tab', name='Compose').click()
        expect(page.get_by_test_id('foreign-notice')).to_contain_text('read-only')
        expect(page.get_by_test_id('compose-editor')).to_have_count(0)
        page.get_by_test_id('adopt').click()
        expect(page.get_by_test_id('adopt-summary')).to_contain_text(f'update {stack}: app')
        page.get_by_test_id('confirm').click()
        expect(page.get_by_test_id('progress-summary')).to_contain_text(re.compile('deployed|adopted'), timeout=60000)
        page.get_by_test_id('progress-close').click()
        page.get_by_role('tab', name='Compose').click()
        expect(page.get_by_test_id('compose-editor')).to_be_visible()
        with app_server.client() as api:
            assert api.get(f'/stacks/{stack}').json()['source'] == 'dockerdeployer'
    finally:
        remove(app_server, stack)
