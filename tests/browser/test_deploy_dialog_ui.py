"""The template deploy dialog in a real Chromium, on the real engine with stand-in images (issue 13):
Deploy refuses a stack name the service would refuse, a retry starts from a clean progress view,
and rows that never finished do not keep a spinner or an hourglass once the deploy has failed."""
from __future__ import annotations

import re
import socket
import time

import pytest
from playwright.sync_api import Locator, Page, expect

from devtools.apprun import free_port

from .test_dashboard import click_until, sign_in

pytestmark = pytest.mark.browser

PROJECT = 'com.docker.compose.project'
BUSY = {'hourglass_top', 'schedule', 'cloud_download', 'construction', 'add_box', 'play_arrow'}


@pytest.fixture
def remove_stacks(app_server, docker_client):
    """Names of stacks a test deploys; removed (with volumes) afterwards, whatever happened."""
    names: list[str] = []
    yield names
    with app_server.client(timeout=60) as client:
        for name in names:
            client.post(f'/stacks/{name}/action', json={'action': 'remove', 'volumes': True})
    for name in names:
        for container in docker_client.containers.list(all=True, filters={'label': f'{PROJECT}={name}'}):
            container.remove(force=True, v=True)


def open_dialog(page: Page, app_server, template: str) -> None:
    sign_in(page, app_server, '/ui/templates')
    page.get_by_test_id('template-search').fill(template)
    # the list is drawn again as the search applies: a click on the card it replaces is lost
    click_until(page.get_by_test_id(f'deploy-{template}').click, page.get_by_test_id('stack-name'), timeout=4000)


def icon(row: Locator) -> str:
    return row.locator('.q-icon').first.inner_text().strip()


def test_deploy_is_disabled_while_the_stack_name_is_invalid(page: Page, app_server, template_standin) -> None:
    open_dialog(page, app_server, 'nginx')
    name, deploy = page.get_by_test_id('stack-name'), page.get_by_test_id('deploy')
    expect(deploy).to_be_enabled()
    for bad in ('Bx Shop', 'bx shop', '-bx', 'bx.shop', 'b' * 64):
        name.fill(bad)
        expect(deploy).to_be_disabled()
        expect(page.get_by_text(re.compile(re.escape(f'stack name {bad!r} is not valid')))).to_be_visible()
    name.fill('')
    expect(deploy).to_be_disabled()
    expect(page.get_by_text('a stack needs a name')).to_be_visible()
    name.fill('bx-shop_2')
    expect(deploy).to_be_enabled()
    expect(page.get_by_text('is not valid')).to_have_count(0)
    page.get_by_test_id('cancel').click()


def test_a_retry_starts_from_a_clean_progress_view(page: Page, app_server, template_standin, docker_client,
                                                   remove_stacks) -> None:
    stack = 'bx-retry'
    remove_stacks.append(stack)
    with socket.socket() as holder:
        holder.bind(('0.0.0.0', 0))
        holder.listen()
        taken = holder.getsockname()[1]
        open_dialog(page, app_server, 'nginx')
        page.get_by_test_id('stack-name').fill(stack)
        page.get_by_test_id('param-port').fill(str(taken))
        page.get_by_test_id('deploy').click()
        expect(page.get_by_test_id('progress-summary')).to_contain_text('Failed', timeout=60000)
        expect(page.get_by_test_id('progress-nginx')).to_have_count(1)

    page.get_by_test_id('param-port').fill(str(free_port()))
    page.get_by_test_id('deploy').click()
    expect(page.get_by_test_id('progress-summary')).to_contain_text('deployed', timeout=60000)
    expect(page.get_by_test_id('progress-summary')).to_have_count(1)   # not the first attempt's too
    expect(page.get_by_text('Failed')).to_have_count(0)
    expect(page.get_by_test_id('progress-nginx')).to_have_count(1)
    expect(page.get_by_test_id('progress-nginx')).to_contain_text('running')
    assert [c.status for c in docker_client.containers.list(filters={'label': f'{PROJECT}={stack}'})] == ['running']


def test_rows_of_a_failed_deploy_stop_waiting(page: Page, app_server, template_standin, docker_client,
                                              remove_stacks) -> None:
    """WordPress waits for its database to be healthy (checked every 10 s); the database stops
    meanwhile: the deploy fails, and the WordPress row must say it stopped, not wait on."""
    stack = 'bx-wait'
    remove_stacks.append(stack)
    open_dialog(page, app_server, 'wordpress')
    page.get_by_test_id('stack-name').fill(stack)
    page.get_by_test_id('param-port').fill(str(free_port()))
    page.get_by_test_id('deploy').click()
    wordpress, db = page.get_by_test_id('progress-wordpress'), page.get_by_test_id('progress-db')
    expect(wordpress).to_contain_text('waiting for db', timeout=60000)
    assert icon(wordpress) == 'hourglass_top'
    deadline = time.monotonic() + 10
    while not (dbs := docker_client.containers.list(filters={'label': [f'{PROJECT}={stack}',
                                                                       'com.docker.compose.service=db']})):
        assert time.monotonic() < deadline, 'no db container'
        time.sleep(0.1)
    dbs[0].stop(timeout=1)

    expect(page.get_by_test_id('progress-summary')).to_contain_text('Failed', timeout=30000)
    expect(db).to_contain_text(re.compile(r'service db (is unhealthy|exited)'))   # a stopped check says unhealthy
    assert icon(db) == 'error'
    expect(wordpress).to_contain_text('stopped')
    expect(wordpress).not_to_contain_text('waiting')
    assert icon(wordpress) not in BUSY, icon(wordpress)
