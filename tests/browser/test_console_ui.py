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


def test_the_assistant_opens_a_shell_in_the_chat(page: Page, app_server, make_container) -> None:
    """"open a shell in x": a plan to confirm, then the console right in the chat; "run … in x": the
    command's output in the chat."""
    container = make_container(command=['sleep', '300'])
    sign_in(page, app_server, '/ui/chat')
    chat = page.get_by_test_id('chat-input')
    chat.fill(f'open a shell in {container.name}')
    chat.press('Enter')
    card = page.get_by_test_id('plan-card').last
    expect(card.get_by_test_id('plan-summary')).to_contain_text(f'Open a shell in {container.name}')
    expect(card.get_by_test_id('console-open')).to_have_count(0)          # nothing opens before Run
    card.get_by_test_id('plan-run').click()
    expect(card.get_by_test_id('result-console-link')).to_have_attribute('href', f'/container/{container.id}?tab=console')
    card.get_by_test_id('console-open').click()
    expect(card.get_by_test_id('console-state')).to_contain_text(f'Connected to {container.name}')
    card.get_by_test_id('console-terminal').click()
    page.keyboard.type('echo chat-$((6*7))\n')
    expect(card.get_by_test_id('console-terminal')).to_contain_text('chat-42', timeout=10000)
    card.get_by_test_id('console-close').click()

    chat.fill(f'run "cat /etc/hostname" in {container.name}')
    chat.press('Enter')
    card = page.get_by_test_id('plan-card').last
    expect(card.get_by_test_id('plan-risk')).to_have_text('change')
    card.get_by_test_id('plan-run').click()
    expect(card.get_by_test_id('plan-result')).to_contain_text('cat /etc/hostname in')
    expect(card).to_contain_text(container.attrs['Config']['Hostname'])

    page.goto(f'{app_server.base_url}/container/{container.id}?tab=console')   # the link opens the Console tab
    expect(page.get_by_test_id('console-open')).to_be_visible()
