"""The dashboard and container page in a real Chromium against the real app and engine."""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = pytest.mark.browser


def sign_in(page: Page, app_server, path: str = '/') -> None:
    page.goto(f'{app_server.base_url}{path}?token={app_server.token}')
    expect(page).to_have_url(f'{app_server.base_url}{path}')  # the token is gone from the address bar
    # the first page of a session on a machine busy with the rest of the suite: more than the 5 s default, and as
    # long as the app itself lets a page take before it is served late (pages/frame.py, PAGE_BUILD_SECONDS: 30 s;
    # the clean-clone CI at 0bbe7c9 once saw /ui/stacks not drawn after 20 s, near the suite's end)
    header = page.get_by_test_id('engine-state')
    try:
        expect(header).to_contain_text('Engine', timeout=30000)
    except AssertionError:
        # twice in ~50 clean-clone runs (69d0976) a first page stayed undrawn past 30 s near the suite's end and
        # the same test passed alone at once: say what was on the screen, then do what a person does, reload
        shown = page.locator('body').inner_text(timeout=5000)[:400]
        print(f'sign_in: {path} not drawn after 30 s; the page showed: {shown!r}; reloading')
        page.reload()
        expect(header).to_contain_text('Engine', timeout=30000)
    # and connected: NiceGUI holds a click made before its websocket's handshake back until it is done
    page.wait_for_function('window.did_handshake === true', timeout=20000)


def click_until(click: Callable[[], None], shown: Locator, *, tries: int = 3, timeout: float = 5000) -> None:
    """``click()`` until ``shown`` is visible: a list drawn again as it updates replaces the element a
    click landed on, and that click is lost (a person clicks again too)."""
    for attempt in range(tries):
        try:   # the element clicked can be replaced while the click waits for it (a playwright TimeoutError)
            click()
            expect(shown).to_be_visible(timeout=timeout)
            return
        except (AssertionError, PlaywrightTimeoutError):
            if attempt == tries - 1:
                raise


def show_only(page: Page, name: str) -> None:
    """Filter the table to one container (other tests or a benchmark may have hundreds)."""
    page.get_by_test_id('search').fill(name)


def test_login_form_and_token_link(page: Page, app_server) -> None:
    page.goto(f'{app_server.base_url}/')
    expect(page).to_have_url(re.compile(r'/login\?next=%2F$'))
    page.get_by_label('token').fill('wrong-token-value')
    page.get_by_role('button', name='Sign in').click()
    expect(page.get_by_text('That token is not right.')).to_be_visible()
    page.get_by_label('token').fill(app_server.token)
    page.get_by_role('button', name='Sign in').click()
    expect(page).to_have_url(f'{app_server.base_url}/')
    expect(page.get_by_test_id('containers')).to_be_visible()


def test_new_container_appears_live_and_stops_from_ui(page: Page, app_server, make_container) -> None:
    sign_in(page, app_server)
    expect(page.get_by_test_id('containers')).to_be_visible()
    name = f'ddtest-live-{time.time_ns() % 10**9}'
    show_only(page, name)
    page.wait_for_timeout(300)  # the page has subscribed to the bus
    started = time.monotonic()
    container = make_container(name=name)
    row_link = page.get_by_test_id(f'name-{container.name}')
    expect(row_link).to_be_visible(timeout=1000)
    appeared = time.monotonic() - started
    assert appeared < 1.5, f'row appeared after {appeared:.2f} s'
    expect(page.get_by_test_id(f'state-{container.name}')).to_have_text('running', timeout=1000)

    page.get_by_test_id(f'stop-{container.name}').click()
    expect(page.get_by_test_id(f'state-{container.name}')).to_have_text('exited', timeout=15000)
    container.reload()
    assert container.status == 'exited'


def test_container_stopped_from_terminal_changes_row(page: Page, app_server, make_container) -> None:
    container = make_container()
    sign_in(page, app_server)
    show_only(page, container.name)
    expect(page.get_by_test_id(f'state-{container.name}')).to_have_text('running')
    container.stop(timeout=1)
    expect(page.get_by_test_id(f'state-{container.name}')).to_have_text('exited', timeout=1000)
    container.remove()
    expect(page.get_by_test_id(f'name-{container.name}')).to_have_count(0, timeout=1000)


def test_remove_asks_for_confirmation(page: Page, app_server, make_container, docker_client) -> None:
    container = make_container()
    sign_in(page, app_server)
    show_only(page, container.name)
    page.get_by_test_id(f'remove-{container.name}').click()
    page.get_by_test_id('cancel').click()
    expect(page.get_by_test_id(f'name-{container.name}')).to_be_visible()
    page.get_by_test_id(f'remove-{container.name}').click()
    page.get_by_test_id('confirm').click()
    expect(page.get_by_test_id(f'name-{container.name}')).to_have_count(0, timeout=5000)
    assert container.id not in {c.id for c in docker_client.containers.list(all=True)}


def test_log_view_streams_lines(page: Page, app_server, make_container) -> None:
    container = make_container(command=['sh', '-c', 'i=0; while true; do i=$((i+1)); '
                                        r'printf "\033[31mred\033[0m line %s\n" $i; sleep 0.1; done'])
    sign_in(page, app_server)
    show_only(page, container.name)
    page.get_by_test_id(f'name-{container.name}').click()
    expect(page).to_have_url(f'{app_server.base_url}/container/{container.id}')
    view = page.get_by_test_id('log-view')
    expect(view).to_contain_text('red line 1')
    first = _last_number(view.inner_text())
    page.wait_for_timeout(1000)
    later = _last_number(view.inner_text())
    assert later >= first + 5, f'lines did not keep streaming: {first} -> {later}'
    # ANSI colours are rendered, not shown as escape codes
    red = view.locator('span', has_text='red').first
    expect(red).to_have_css('color', 'rgb(205, 49, 49)')
    assert '\x1b' not in view.inner_text() and '[31m' not in view.inner_text()
    # search highlighting
    page.get_by_test_id('log-search').fill('line 2')
    expect(view.locator('mark').first).to_contain_text('line 2')
    # pause keeps the view still
    page.get_by_test_id('log-follow').click()
    page.wait_for_timeout(300)
    frozen = view.inner_text()
    page.wait_for_timeout(700)
    assert view.inner_text() == frozen


def _last_number(text: str) -> int:
    numbers = re.findall(r'line (\d+)', text)
    assert numbers, f'no log lines in {text[:200]!r}'
    return int(numbers[-1])


def test_log_view_keeps_up_with_2000_lines_per_second(page: Page, app_server, make_container) -> None:
    container = make_container(command=['sh', '-c', 'i=0; while true; do j=0; while [ $j -lt 200 ]; do '
                                        'i=$((i+1)); j=$((j+1)); echo "fast $i"; done; sleep 0.1; done'])
    sign_in(page, app_server, f'/container/{container.id}')
    view = page.get_by_test_id('log-view')
    expect(view).to_contain_text('fast ')
    page.wait_for_timeout(3000)
    shown = [int(n) for n in re.findall(r'fast (\d+)', view.inner_text())]
    written = int(container.logs(tail=1).decode().split()[-1])
    assert len(shown) <= 1000, 'the view must trim to its last 1,000 lines'
    assert written - shown[-1] < 1500, f'view lags {written - shown[-1]} lines behind the container'
    assert written > 4000, f'the container wrote only {written} lines in ~3 s'
    # the page still answers at once
    started = time.monotonic()
    page.get_by_test_id('log-follow').click()
    expect(page.get_by_test_id('log-status')).to_contain_text('paused', timeout=1000)
    assert time.monotonic() - started < 1.0


def test_log_download(page: Page, app_server, make_container) -> None:
    container = make_container(command=['sh', '-c', 'echo first; echo second; sleep 1000'])
    sign_in(page, app_server, f'/container/{container.id}')
    expect(page.get_by_test_id('log-view')).to_contain_text('second')
    with page.expect_download() as download_info:
        page.get_by_test_id('log-download').click()
    download = download_info.value
    assert download.suggested_filename == f'{container.name}.log'
    text = Path(download.path()).read_text()
    assert 'first' in text and 'second' in text


def test_dark_mode_toggle_is_remembered(page: Page, app_server) -> None:
    sign_in(page, app_server)
    body = page.locator('body')
    toggle = page.get_by_role('button').filter(has=page.locator('i', has_text=re.compile('brightness_auto|dark_mode|light_mode')))
    for _ in range(3):
        if 'body--dark' in (body.get_attribute('class') or ''):
            break
        toggle.click()
        page.wait_for_timeout(200)
    expect(body).to_have_class(re.compile('body--dark'))
    page.reload()
    expect(body).to_have_class(re.compile('body--dark'))
