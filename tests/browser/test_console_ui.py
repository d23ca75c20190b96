"""Issue 15: the console on the container page in a real Chromium — a shell with a TTY: what is
typed runs in the container and its output shows in the terminal; the session is in the history."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_a_shell_in_the_browser(page: Page, app_server, make_container) -> None:
    container = make_container(command=['sleep', '300'])
    sign_in(page, app_server, f'/container/{container.name}')
    page.get_by_test_id('console-tab').click()
    page.get_by_test_id('console-open').click()
    expect(page.get_by_test_id('console-state')).to_contain_text(f'Connected to {container.name}')
    terminal = page.get_by_test_id('console-terminal')
    terminal.click()
    page.keyboard.type('echo dd-$((40+2)) > /typed; cat /typed\n')
    expect(terminal).to_contain_text('dd-42', timeout=10000)
    exit_code, output = container.exec_run(['cat', '/typed'])
    assert (exit_code, output.strip()) == (0, b'dd-42')
    page.get_by_test_id('console-close').click()
    expect(page.get_by_test_id('console-state')).to_contain_text('Closed')
    with app_server.client() as api:
        record = api.get('/history', params={'action': 'container.console'}).json()['records'][0]
    assert record['target'] == container.name and record['source'] == 'ui'
    assert 'dd-' not in str(record)   # the keystrokes are not recorded
