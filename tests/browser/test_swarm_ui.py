"""Issue 17 in a real Chromium: the Swarm page on a real 3-node swarm (tests/conftest.py swarm_cluster).
The local engine, in no swarm, says so; the manager's nodes with the leader marked, a node drained
and activated again from the page (a history record from the UI), join tokens masked until revealed,
a stack deployed from the page's dialog, its tasks on the nodes, and the service scaled from the page.

The kernel here has no IPVS: the stack's service uses ``endpoint_mode: dnsrr`` (docs/swarm.md)."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser
ENGINE = 'swarm-ui'
STACK = 'uidemo'
SERVICE = f'{STACK}_app'
COMPOSE = '''services:
  app:
    image: {image}
    command: ["sleep", "3600"]
    init: true
    deploy:
      replicas: 2
      endpoint_mode: dnsrr
'''
CONVERGE = 90_000   # ms: a deploy or a scale waits until the tasks run


@pytest.fixture
def api(app_server, swarm_cluster):
    """The swarm's manager added as engine swarm-ui; afterwards the stack, the drain and the engine go."""
    manager = swarm_cluster.manager
    with app_server.client(timeout=120) as client:
        answer = client.post('/engines', json={'id': ENGINE, 'url': manager.url, 'ca': manager.ca,
                                               'cert': manager.cert, 'key': manager.key})
        assert answer.status_code == 200, answer.text
        try:
            yield client
        finally:
            client.delete(f'/swarm/stacks/{STACK}', params={'engine': ENGINE})
            client.patch('/nodes/dd-node-2', params={'engine': ENGINE}, json={'availability': 'active'})
            client.delete(f'/engines/{ENGINE}')


def _ui_records(api, action: str) -> list[dict]:
    rows = api.get('/history', params={'limit': 100}).json()
    rows = rows['records'] if isinstance(rows, dict) else rows
    return [r for r in rows if r['action'] == action and r['source'] == 'ui']


def finish(page: Page) -> None:
    """Click the dialog's action: the dialog closes once the change is done, or shows its error."""
    page.get_by_test_id('operation-go').click()
    page.wait_for_function('() => !document.querySelector("[data-testid=operation]")'
                           ' || document.querySelector("[data-testid=operation-outcome]").textContent.trim()',
                           timeout=CONVERGE)
    failed = page.get_by_test_id('operation-outcome')
    assert failed.count() == 0, failed.inner_text()


def test_the_swarm_page(page: Page, app_server, api, swarm_cluster, busybox_image) -> None:
    sign_in(page, app_server, '/ui/swarm')
    expect(page.get_by_test_id('swarm-problem')).to_contain_text('this engine is not part of a swarm')
    expect(page.get_by_test_id('nodes-table')).to_be_hidden()

    page.get_by_test_id('engine-picker').click()   # the host picker still works
    page.get_by_role('option', name=ENGINE, exact=True).click()
    expect(page).to_have_url(f'{app_server.base_url}/ui/swarm?engine={ENGINE}')
    expect(page.get_by_test_id('swarm-state')).to_have_text('active · manager · 3 nodes · 1 manager')
    for host in ('dd-node-1', 'dd-node-2', 'dd-node-3'):
        expect(page.get_by_test_id(f'node-{host}')).to_be_visible()
        expect(page.get_by_test_id(f'node-state-{host}')).to_have_text('ready')
    expect(page.get_by_test_id('node-leader-dd-node-1')).to_have_text('leader')
    expect(page.get_by_test_id('nodes-table').get_by_text('leader', exact=True)).to_have_count(1)

    page.get_by_test_id('node-drain-dd-node-2').click()
    expect(page.get_by_test_id('node-availability-dd-node-2')).to_have_text('drain')
    expect(page.get_by_test_id('node-drain-dd-node-2')).to_be_disabled()
    page.get_by_test_id('node-active-dd-node-2').click()
    expect(page.get_by_test_id('node-availability-dd-node-2')).to_have_text('active')
    assert [r['target'] for r in _ui_records(api, 'node.drain')] == ['dd-node-2']

    full = swarm_cluster.manager.client().swarm.attrs['JoinTokens']['Worker']
    worker = page.get_by_test_id('token-worker')
    expect(worker).to_contain_text('docker swarm join --token SWMTKN')
    expect(worker).to_contain_text('********')
    assert full not in worker.inner_text()
    page.get_by_test_id('tokens-reveal').click()
    expect(worker).to_have_text(f'docker swarm join --token {full} 10.215.0.21:2377')

    page.get_by_test_id('swarm-stack-deploy').click()
    page.get_by_test_id('swarm-stack-name').fill(STACK)
    page.locator('[data-testid=swarm-stack-compose] .cm-content').click()
    page.keyboard.press('Control+A')
    page.keyboard.press('Delete')
    page.keyboard.insert_text(COMPOSE.format(image=busybox_image))
    finish(page)
    expect(page.get_by_test_id(f'service-replicas-{SERVICE}')).to_have_text('2/2')
    expect(page.get_by_test_id(f'swarm-stack-{STACK}')).to_be_visible()
    page.get_by_test_id(f'service-expand-{SERVICE}').click()
    tasks = page.get_by_test_id(f'tasks-{SERVICE}').locator('tbody tr')
    expect(tasks).to_have_count(2)
    for row in tasks.all():
        expect(row).to_contain_text('running')
        expect(row).to_contain_text('dd-node-')

    page.get_by_test_id(f'service-scale-{SERVICE}').click()
    page.get_by_test_id('scale-replicas').fill('3')
    finish(page)
    expect(page.get_by_test_id(f'service-replicas-{SERVICE}')).to_have_text('3/3')
    expect(tasks).to_have_count(3)
