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
