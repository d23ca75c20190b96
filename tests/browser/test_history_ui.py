"""The history page and a stack's revisions in a real Chromium: see what changed, roll back."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .test_dashboard import click_until, sign_in

pytestmark = pytest.mark.browser

COMPOSE = '''services:
  web:
    image: {image}
    command: ["sh", "-c", "exec httpd -f -p 80"]
    init: true
    environment: {{MODE: {mode}}}
'''


def _mode(docker_client, stack: str) -> str:
    (container,) = docker_client.containers.list(filters={'label': f'com.docker.compose.project={stack}'})
    return next(e.split('=', 1)[1] for e in container.attrs['Config']['Env'] if e.startswith('MODE='))


def test_history_shows_the_change_and_rolls_back(page: Page, app_server, busybox_image, docker_client) -> None:
    stack = 'ui-history'
    with app_server.client() as api:
        for mode in ('one', 'two'):
            response = api.post('/deploy', json={'stack': stack, 'compose': COMPOSE.format(image=busybox_image, mode=mode)})
            assert response.status_code == 200, response.text
        first = api.get(f'/history?stack={stack}&action=deploy').json()['records'][-1]
        try:
            assert _mode(docker_client, stack) == 'two'
            sign_in(page, app_server, '/ui/history')
            page.get_by_test_id('history-stack').fill(stack)
            entry = page.get_by_test_id(f'history-{first["id"]}')
            expect(entry).to_be_visible()
            rollback = page.get_by_test_id(f'rollback-{first["id"]}')
            click_until(lambda: entry.get_by_text(f'deploy {stack}').click(), rollback)
            # a filter changed draws the list again: the entry the user opened stays open in the new list
            entry.evaluate("e => e.dataset.drawn = 'before'")
            page.get_by_test_id('history-action').fill('deploy')
            expect(page.locator(f'[data-testid="history-{first["id"]}"]:not([data-drawn])')).to_be_visible()
            expect(rollback).to_be_visible()
            page.get_by_test_id('history-action').fill('')

            def roll_back() -> None:   # the timeline is drawn again as records arrive: open the entry again if it closed
                if not rollback.is_visible():
                    entry.get_by_text(f'deploy {stack}').click()
                rollback.click(timeout=4000)
            click_until(roll_back, page.get_by_test_id('confirm'))
            page.get_by_test_id('confirm').click()
            expect(page.get_by_test_id('progress-summary')).to_contain_text('deployed', timeout=30000)
            page.get_by_test_id('progress-close').click()
            assert _mode(docker_client, stack) == 'one'
            # the rollback shows up at the top of the timeline, live
            expect(page.get_by_test_id('history').get_by_text(f'rollback {stack}')).to_be_visible()

            latest = api.get(f'/history?stack={stack}&action=rollback').json()['records'][0]
            assert latest['reason'] == 'roll back to here, history page'

            page.goto(f'{app_server.base_url}/ui/stacks/{stack}')
            page.get_by_test_id('revisions-tab').click()
            side = page.get_by_test_id('side-by-side')
            expect(side).to_contain_text('MODE: two')
            expect(side).to_contain_text('MODE: one')

            # a rollback started on the stack page says so in the history (issue 13: it said "history page")
            second = api.get(f'/stacks/{stack}/revisions').json()[1]
            page.get_by_test_id(f'revision-rollback-{second["short_id"]}').click()
            page.get_by_test_id('confirm').click()
            expect(page.get_by_test_id('progress-summary')).to_contain_text('deployed', timeout=30000)
            page.get_by_test_id('progress-close').click()
            latest = api.get(f'/history?stack={stack}&action=rollback').json()['records'][0]
            assert latest['reason'] == 'roll back to here, stack page'
        finally:
            api.post(f'/stacks/{stack}/action', json={'action': 'remove', 'volumes': True})
