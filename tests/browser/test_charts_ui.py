"""Issue 15: charts on the container page in a real Chromium — the last hour of CPU, memory,
network and block I/O, redrawn from the stats poller's samples."""
from __future__ import annotations

import re
import secrets
import time

import pytest
from playwright.sync_api import Page, expect

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_the_charts_fill_as_samples_arrive(page: Page, app_server, make_container) -> None:
    busy = make_container(command=['sh', '-c', 'while :; do :; done'])
    sign_in(page, app_server, f'/container/{busy.name}')
    page.get_by_test_id('charts-tab').click()
    for key in ('cpu', 'memory', 'net_rx', 'block_read'):
        expect(page.get_by_test_id(f'chart-{key}').locator('canvas')).to_have_count(1)
    expect(page.get_by_test_id('charts-note')).to_contain_text('samples, one every 2 s', timeout=20000)


def test_the_dashboard_says_what_the_containers_use_together(page: Page, app_server, make_container,
                                                             docker_client) -> None:
    """A container spinning a CPU shows in the totals above the list: at least half a CPU, out of
    the engine's CPUs, and memory out of its machine's."""
    make_container(command=['sh', '-c', 'while :; do :; done'])
    cpus = docker_client.info()['NCPU']
    sign_in(page, app_server)
    totals = page.get_by_test_id('host-totals')
    expect(totals).to_contain_text(re.compile(rf'^CPU \d+\.\d % of {cpus} CPUs? · memory [\d.]+ \w?B of [\d.]+ GiB'))

    def cpu() -> float:
        found = re.match(r'CPU (\d+\.\d) %', totals.inner_text())
        return float(found.group(1)) if found else 0.0
    deadline = time.monotonic() + 20        # the poller's first two samples give the first CPU figure
    while cpu() < 50 and time.monotonic() < deadline:
        page.wait_for_timeout(500)
    assert cpu() >= 50, totals.inner_text()


def test_a_stack_page_charts_each_running_container(page: Page, app_server, busybox_image) -> None:
    stack = f'uicharts-{secrets.token_hex(3)}'
    document = {'services': {name: {'image': busybox_image, 'command': ['sleep', '600'], 'init': True}
                             for name in ('web', 'worker')}}
    with app_server.client(timeout=120) as api:
        assert api.post('/deploy', json={'stack': stack, 'compose': document}).status_code == 200
        try:
            sign_in(page, app_server, f'/ui/stacks/{stack}')
            page.get_by_test_id('charts-tab').click()
            for key in ('cpu', 'memory', 'net_rx', 'block_read'):
                expect(page.get_by_test_id(f'chart-{key}').locator('canvas')).to_have_count(1)
            expect(page.get_by_test_id('charts-note')).to_contain_text(re.compile(r'\d+ samples of 2 containers'),
                                                                        timeout=20000)
        finally:
            api.post(f'/stacks/{stack}/action', json={'action': 'remove'})
