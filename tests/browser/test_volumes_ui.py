"""Issue 15: the volumes and networks pages in a real Chromium — create, see who uses what,
connect and disconnect a container, remove behind a confirmation."""
from __future__ import annotations

import secrets

import docker.errors
import pytest
from playwright.sync_api import Page, expect

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_create_use_and_remove_a_volume(page: Page, app_server, make_container, docker_client) -> None:
    name = f'dd-vol-ui-{secrets.token_hex(3)}'
    sign_in(page, app_server, '/ui/volumes')
    page.get_by_test_id('volume-new').click()
    page.get_by_test_id('volume-name').fill(name)
    page.get_by_test_id('volume-create').click()
    expect(page.get_by_test_id(f'volume-{name}')).to_be_visible()
    assert docker_client.volumes.get(name).name == name

    # a bind outside the allowed folders is refused, and says so
    page.get_by_test_id('volume-new').click()
    page.get_by_test_id('volume-name').fill(f'{name}-etc')
    page.get_by_test_id('volume-device').fill('/etc')
    page.get_by_test_id('volume-create').click()
    expect(page.get_by_text('refused by policy').first).to_be_visible()
    with pytest.raises(docker.errors.NotFound):
        docker_client.volumes.get(f'{name}-etc')

    container = make_container(command=['sleep', '300'], volumes={name: {'bind': '/data'}})
    page.reload()
    row = page.get_by_test_id('volumes-table').locator('tr', has=page.get_by_test_id(f'volume-{name}'))
    expect(row).to_contain_text(container.name)
    container.remove(force=True)
    page.reload()
    page.get_by_test_id(f'volume-remove-{name}').click()
    page.get_by_test_id('confirm').click()
    expect(page.get_by_test_id(f'volume-{name}')).to_have_count(0)
    with pytest.raises(docker.errors.NotFound):
        docker_client.volumes.get(name)


def test_create_connect_disconnect_and_remove_a_network(page: Page, app_server, make_container, docker_client) -> None:
    name = f'dd-net-ui-{secrets.token_hex(3)}'
    container = make_container(command=['sleep', '300'])
    sign_in(page, app_server, '/ui/networks')
    expect(page.get_by_test_id('network-bridge')).to_be_visible()
    expect(page.get_by_test_id('network-remove-bridge')).to_have_count(0)   # the engine's own stay
    page.get_by_test_id('network-new').click()
    page.get_by_test_id('network-name').fill(name)
    page.get_by_test_id('network-create').click()
    expect(page.get_by_test_id(f'network-{name}')).to_be_visible()

    page.get_by_test_id(f'network-connect-{name}').click()
    page.get_by_test_id('attach-container').click()
    page.get_by_role('option', name=container.name).click()
    page.get_by_test_id('attach-confirm').click()
    row = page.get_by_test_id('networks-table').locator('tr', has=page.get_by_test_id(f'network-{name}'))
    expect(row).to_contain_text(container.name)
    container.reload()
    assert name in container.attrs['NetworkSettings']['Networks']

    page.get_by_test_id(f'network-disconnect-{name}').click()
    page.get_by_test_id('attach-container').click()
    page.get_by_role('option', name=container.name).click()
    page.get_by_test_id('attach-confirm').click()
    expect(row).not_to_contain_text(container.name)

    page.get_by_test_id(f'network-remove-{name}').click()
    page.get_by_test_id('confirm').click()
    expect(page.get_by_test_id(f'network-{name}')).to_have_count(0)
    with pytest.raises(docker.errors.NotFound):
        docker_client.networks.get(name)
