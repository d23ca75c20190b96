"""Secrets in a real Chromium: the assistant shows a generated password once; the container
page shows the command and labels masked; the stack page reveals the values only after a
confirmation, and the reveal is in the history."""
from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import Page, expect

from deployer.secrets import MASK
from devtools.apprun import free_port

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser
PROJECT = 'com.docker.compose.project'
TEMPLATE = '''id: {id}
title: Secret in a command ({id})
description: A cache whose generated password lands in its command and a label.
category: Databases
parameters:
  - {{name: port, label: Port, type: port, required: true}}
  - {{name: password, label: Password, type: password, generate: password}}
compose:
  services:
    cache:
      image: redis:7.4-alpine
      command: ["redis-server", "--requirepass", "${{password}}", "--appendonly", "yes"]
      labels:
        example.dsn: "redis://default:${{password}}@cache:6379/0"
      ports: ["${{port}}:6379"]
'''


def test_shown_once_masked_on_the_pages_and_revealed_on_purpose(page: Page, app_server, docker_client,
                                                                 template_standin) -> None:
    tag = secrets.token_hex(3)
    template_id = stack = f'tsu-{tag}'
    template_file = app_server.data_dir / 'config' / 'templates' / f'{template_id}.yaml'
    template_file.parent.mkdir(parents=True, exist_ok=True)
    template_file.write_text(TEMPLATE.format(id=template_id))
    try:
        # the assistant deploys it and shows the generated password, once, in its result card
        sign_in(page, app_server, '/ui/chat')
        page.get_by_test_id('chat-input').fill(f'deploy {template_id} as {stack} on port {free_port()}')
        page.get_by_test_id('chat-input').press('Enter')
        card = page.get_by_test_id('plan-card').last
        card.get_by_test_id('plan-run').click()
        expect(card.get_by_test_id('plan-status')).to_contain_text('Done', timeout=60000)
        password = card.get_by_test_id('generated-password').inner_text()
        [cache] = docker_client.containers.list(all=True, filters={'label': f'{PROJECT}={stack}'})
        assert len(password) == 24 and password in cache.attrs['Config']['Cmd']

        # the container page: the command and the label masked, the value nowhere on the page
        page.goto(f'{app_server.base_url}/container/{cache.id}')
        page.get_by_role('tab', name='Details').click()
        expect(page.get_by_text(f'redis-server --requirepass {MASK} --appendonly yes')).to_be_visible()
        expect(page.get_by_text(re.compile(re.escape(f'example.dsn=redis://default:{MASK}@cache')))).to_be_visible()
        assert password not in page.content()

        # the stack page: named only; Cancel reveals nothing, Reveal shows the value
        page.goto(f'{app_server.base_url}/ui/stacks/{stack}')
        page.get_by_role('tab', name='Compose').click()
        # the editor's environment table: the secret's row is a password field holding the mask
        expect(page.get_by_test_id('env-table').locator('input[type=password]')).to_have_value(MASK)
        assert password not in page.content()
        page.get_by_test_id('reveal-secrets').click()
        page.get_by_test_id('cancel').click()
        expect(page.get_by_test_id('secret-password')).to_have_count(0)
        page.get_by_test_id('reveal-secrets').click()
        page.get_by_test_id('confirm').click()
        expect(page.get_by_test_id('secret-password')).to_have_text(password)
        page.get_by_test_id('close-secrets').click()
        expect(page.get_by_test_id('secret-password')).to_have_count(0)

        with app_server.client() as api:
            [reveal] = api.get('/history', params={'stack': stack, 'action': 'secrets.reveal'}).json()['records']
        assert (reveal['source'], reveal['params'], reveal['reason']) == (
            'ui', {'names': ['password']}, 'reveal-secrets button on the stack page')
        assert password not in str(reveal)
    finally:
        with app_server.client() as api:
            api.post(f'/stacks/{stack}/action', json={'action': 'remove', 'volumes': True}, timeout=120)
        template_file.unlink(missing_ok=True)
