"""Never replace silently, in a real Chromium (issue 13): the gallery's dialog and the assistant
both say what deploying onto an existing stack changes, and ask, before it happens."""
from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import Page, expect

from devtools.apprun import free_port

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser
PROJECT = 'com.docker.compose.project'


def published(docker_client, stack: str) -> list[str]:
    return sorted({b['HostPort'] for c in docker_client.containers.list(filters={'label': f'{PROJECT}={stack}'})
                   for bindings in (c.ports or {}).values() for b in bindings or []})


def test_gallery_and_assistant_ask_before_updating_a_stack(page: Page, app_server, template_standin,
                                                          docker_client) -> None:
    stack = f'up-{secrets.token_hex(3)}'
    first, second, third = free_port(), free_port(), free_port()
    with app_server.client(timeout=180) as api:
        assert api.post('/templates/deploy', json={'template': 'redis', 'stack': stack,
                                                   'params': {'port': first}}).status_code == 200
    try:
        sign_in(page, app_server, '/ui/templates')
        page.get_by_test_id('template-search').fill('redis')
        page.get_by_test_id('deploy-redis').click()
        page.get_by_test_id('stack-name').fill(stack)
        page.get_by_test_id('param-port').fill(str(second))
        page.get_by_test_id('deploy').click()
        expect(page.get_by_test_id('update-summary')).to_have_text(
            f'update {stack}: redis (port {first}→6379 becomes {second}→6379): 1 container recreated')
        page.get_by_test_id('update-cancel').click()
        assert published(docker_client, stack) == [str(first)], 'cancelled, yet the stack changed'

        page.get_by_test_id('deploy').click()
        page.get_by_test_id('update-confirm').click()
        expect(page.get_by_test_id('progress-summary')).to_contain_text('deployed', timeout=60000)
        assert published(docker_client, stack) == [str(second)]
        expect(page.get_by_test_id('generated-password')).to_have_count(0)   # the password it had is kept

        page.goto(f'{app_server.base_url}/ui/chat')
        page.get_by_test_id('chat-input').fill(f'deploy redis as {stack} on port {third}')
        page.get_by_test_id('chat-input').press('Enter')
        card = page.get_by_test_id('plan-card').last
        expect(card.get_by_test_id('plan-prechecks')).to_contain_text(
            f'Stack {stack} exists, so this updates it: update {stack}: redis (port {second}→6379 becomes '
            f'{third}→6379): 1 container recreated.')
        assert published(docker_client, stack) == [str(second)]
    finally:
        with app_server.client(timeout=120) as api:
            api.post(f'/stacks/{stack}/action', json={'action': 'remove', 'volumes': True})
