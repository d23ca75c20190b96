"""What the host policy looks like in the browser: a stack the policy now refuses says so on its
page, and privileged mode cannot be switched on where the operator did not permit it."""
from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import Page, expect

from devtools.apprun import running_app

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_a_stack_the_policy_refuses_now_says_so_on_its_page(page: Page, docker_client, busybox_image) -> None:
    stack = f'ui-priv-{secrets.token_hex(3)}'
    document = {'services': {'app': {'image': busybox_image, 'command': ['sleep', '600'], 'init': True,
                                     'cap_add': ['NET_ADMIN']}}}
    with running_app(env={'DEPLOYER_ALLOW_PRIVILEGED': '1'}, prefix='dd-priv-ui-') as app, \
            app.client(timeout=120) as api:
        try:
            assert api.post('/deploy', json={'stack': stack, 'compose': document}).status_code == 200
            sign_in(page, app, f'/ui/stacks/{stack}')
            expect(page.get_by_test_id('stack-state')).to_have_text('running')
            expect(page.get_by_test_id('stack-refused')).to_have_count(0)   # allowed while privileged mode is on

            assert api.put('/settings', json={'allow_privileged': False}).status_code == 200
            page.reload()
            notice = page.get_by_test_id('stack-refused')
            expect(notice).to_contain_text('The host policy refuses this stack')
            expect(notice).to_contain_text('cap_add: adds capabilities beyond the defaults (NET_ADMIN)')
            expect(page.get_by_test_id('stack-state')).to_have_text('running')   # left running as it is
        finally:
            api.put('/settings', json={'allow_privileged': True})
            api.post(f'/stacks/{stack}/action', json={'action': 'remove', 'volumes': True})


def test_the_privileged_switch_is_locked_without_the_operator(page: Page, app_server) -> None:
    sign_in(page, app_server, '/ui/settings')
    expect(page.get_by_test_id('privileged-locked')).to_contain_text('DEPLOYER_ALLOW_PRIVILEGED=1')
    expect(page.get_by_test_id('setting-privileged')).to_have_class(re.compile('disabled'))
