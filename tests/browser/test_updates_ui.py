"""Issue 15: "update available" on the dashboard in a real Chromium — a stack's image has a new
build under the same tag in the registry on 127.0.0.1; the updates dialog says so, the row gets a
badge, and the update pulls and converges the stack."""
from __future__ import annotations

import secrets
import time

import pytest
from playwright.sync_api import Page, expect

from deployer.service_updates import MIN_REFRESH_S

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser

COMPOSE = '''services:
  app:
    image: {ref}
    command: ["sleep", "600"]
    init: true
'''


def test_the_dashboard_shows_an_update_and_applies_it(page: Page, app_server, local_registry, make_image,
                                                     docker_client) -> None:
    repository = f'ui/update-{secrets.token_hex(3)}'
    ref = local_registry.push(docker_client, make_image(f'dd-img-ui/upd:{secrets.token_hex(3)}', layer=True), repository, '1')
    stack = f'uiupd-{secrets.token_hex(3)}'
    container = f'{stack}-app-1'
    with app_server.client(timeout=120) as api:
        assert api.post('/deploy', json={'stack': stack, 'compose': COMPOSE.format(ref=ref)}).status_code == 200
        try:
            running = docker_client.images.get(ref).attrs['RepoDigests'][0].split('@')[1]
            second = make_image(f'dd-img-ui/upd:{secrets.token_hex(3)}', layer=True)
            local_registry.push(docker_client, second, repository, '1')
            docker_client.api.pull(f'{local_registry.host}/{repository}@{running}')   # as on a host that never pushed
            time.sleep(MIN_REFRESH_S + 0.1)

            sign_in(page, app_server, '/')
            page.get_by_test_id('check-updates').click()
            row = page.get_by_test_id(f'update-row-{container}')
            expect(row).to_contain_text('update available', timeout=20000)
            page.get_by_test_id('updates-close').click()
            expect(page.get_by_test_id(f'update-{container}')).to_be_visible()      # the badge on its row

            page.get_by_test_id('check-updates').click()
            page.get_by_test_id(f'update-{container}-button').click()
            page.get_by_test_id('confirm').click()
            expect(page.get_by_test_id(f'update-row-{container}')).to_contain_text('up to date', timeout=60000)
            assert docker_client.containers.get(container).image.id == second
        finally:
            api.post(f'/stacks/{stack}/action', json={'action': 'remove'})


def test_the_stack_page_shows_what_the_last_check_found_and_updates(page: Page, app_server, local_registry,
                                                                    make_image, docker_client) -> None:
    repository = f'ui/stack-upd-{secrets.token_hex(3)}'
    ref = local_registry.push(docker_client, make_image(f'dd-img-ui/supd:{secrets.token_hex(3)}', layer=True),
                              repository, '1')
    stack = f'uisupd-{secrets.token_hex(3)}'
    container = f'{stack}-app-1'
    with app_server.client(timeout=120) as api:
        assert api.post('/deploy', json={'stack': stack, 'compose': COMPOSE.format(ref=ref)}).status_code == 200
        try:
            sign_in(page, app_server, f'/ui/stacks/{stack}')
            expect(page.get_by_test_id('stack-state')).to_have_text('running')
            page.get_by_test_id('stack-check-updates').click()                 # nothing newer yet
            expect(page.locator('.q-notification', has_text='Up to date')).to_be_visible(timeout=20000)
            expect(page.get_by_test_id('stack-updates')).to_be_hidden()
            expect(page.get_by_test_id(f'container-update-{container}')).to_have_count(0)

            running = docker_client.images.get(ref).attrs['RepoDigests'][0].split('@')[1]
            second = make_image(f'dd-img-ui/supd:{secrets.token_hex(3)}', layer=True)
            local_registry.push(docker_client, second, repository, '1')
            docker_client.api.pull(f'{local_registry.host}/{repository}@{running}')
            time.sleep(MIN_REFRESH_S + 0.1)
            seen = api.get('/updates', params={'refresh': 'true'}).json()      # a check made elsewhere …
            assert next(u for u in seen if u['container'] == container)['status'] == 'update available'
            page.reload()                                                      # … shows on the page
            expect(page.get_by_test_id(f'container-update-{container}')).to_have_text('update available')
            expect(page.get_by_test_id('stack-updates')).to_contain_text(f'Newer images: {container}')

            page.get_by_test_id('stack-update').click()
            page.get_by_test_id('confirm').click()
            expect(page.locator('.q-notification', has_text=f'Stack {stack} updated')).to_be_visible(timeout=60000)
            expect(page.get_by_test_id(f'container-update-{container}')).to_have_count(0)
            expect(page.get_by_test_id('stack-updates')).to_be_hidden()
            assert docker_client.containers.get(container).image.id == second
        finally:
            api.post(f'/stacks/{stack}/action', json={'action': 'remove'})
