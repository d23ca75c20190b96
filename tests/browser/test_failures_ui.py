"""Failures you can read, in a real Chromium on the real engine: while a deploy waits for a
service the dialog shows the time, the health check's output and the service's log; Cancel
stops the wait and rolls back; a failed deploy says one sentence, shows what the failing
service logged (secrets masked) and keeps it in the history record after the rollback."""
from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import Page, expect

from deployer.secrets import MASK
from devtools.documents import failing_db

from .test_dashboard import sign_in
from .test_editor_ui import type_document

pytestmark = pytest.mark.browser
PROJECT = 'com.docker.compose.project'



@pytest.fixture
def stack(app_server):
    """A new stack name; whatever the test leaves (a deploy still waiting) is cancelled and removed."""
    name = f'fx-{secrets.token_hex(3)}'
    yield name
    with app_server.client(timeout=120) as api:
        api.post(f'/stacks/{name}/cancel')
        api.post(f'/stacks/{name}/action', json={'action': 'remove', 'volumes': True})


def deploy_new(page: Page, app_server, stack: str, document: str, password: str) -> None:
    sign_in(page, app_server, '/ui/new-stack')
    page.get_by_test_id('new-stack-name').fill(stack)
    type_document(page, document)
    page.get_by_test_id('env-add').click()
    page.get_by_test_id('env-key-0').fill('DB_PASSWORD')
    page.get_by_test_id('env-value-0').fill(password)
    expect(page.get_by_test_id('editor-status')).to_have_text('valid')
    page.get_by_test_id('editor-save').click()
    page.get_by_test_id('review-deploy').click()


def test_waiting_shows_time_health_and_log_and_cancel_rolls_back(page: Page, app_server, busybox_image,
                                                                docker_client, stack) -> None:
    password = f'pw-{secrets.token_hex(6)}'
    deploy_new(page, app_server, stack, failing_db(busybox_image, 1000), password)
    row = page.get_by_test_id('progress-web')
    expect(row).to_contain_text(re.compile(r'waiting for db to be healthy \(\d+ s of at most \d+ s\)'), timeout=60000)
    expect(page.get_by_test_id('progress-health-web')).to_have_text('health check: checking the db socket')
    expect(page.get_by_test_id('progress-logs-web')).to_contain_text('db-booting')
    expect(page.get_by_test_id('progress-logs-web')).to_contain_text(f'password is {MASK}')
    assert password not in page.locator('.q-dialog').inner_text()   # (the editor behind it holds what was typed)

    page.get_by_test_id('progress-cancel').click()
    expect(page.get_by_test_id('progress-summary')).to_contain_text('Failed: cancelled', timeout=30000)
    expect(page.get_by_test_id('progress-cancel')).to_have_count(0)
    expect(row).not_to_contain_text('waiting for db')
    assert docker_client.containers.list(all=True, filters={'label': f'{PROJECT}={stack}'}) == []


def test_a_failed_deploy_keeps_what_the_service_said(page: Page, app_server, busybox_image, docker_client,
                                                     stack) -> None:
    password = f'pw-{secrets.token_hex(6)}'
    deploy_new(page, app_server, stack, failing_db(busybox_image, 2), password)
    expect(page.get_by_test_id('progress-summary')).to_have_text(
        'Failed: service db is unhealthy: its health check failed 2 times in a row', timeout=60000)
    page.get_by_test_id('progress-details').click()
    expect(page.get_by_test_id('progress-evidence-logs')).to_contain_text('db-booting')
    expect(page.get_by_test_id('progress-evidence-logs')).to_contain_text(f'password is {MASK}')
    assert password not in page.locator('.q-dialog').inner_text()
    assert docker_client.containers.list(all=True, filters={'label': f'{PROJECT}={stack}'}) == []

    # after the rollback, the history record still has it
    with app_server.client() as api:
        [record] = api.get('/history', params={'stack': stack}).json()['records']
    assert not record['ok'] and 'db-booting' in record['evidence']['logs']
    page.goto(f'{app_server.base_url}/ui/history')
    page.get_by_test_id(f'history-{record["id"]}').click()
    evidence = page.get_by_test_id(f'history-{record["id"]}').get_by_test_id('record-evidence')
    expect(evidence).to_contain_text('db was running, unhealthy when the deploy failed')
    expect(evidence).to_contain_text('health check: checking the db socket')
    expect(evidence).to_contain_text('db-booting')
    assert password not in page.content()
