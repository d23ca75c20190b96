"""Issue 15: charts on the container page in a real Chromium — the last hour of CPU, memory,
network and block I/O, redrawn from the stats poller's samples."""
from __future__ import annotations

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
