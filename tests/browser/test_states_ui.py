"""Honest states in a real Chromium against the real engine (issue 13): unhealthy, restarting and
exited-with-error containers are not green, a stack with an unhealthy service is "degraded", the
header counts health, slow actions show that they are running, and phones get cards and a menu."""
from __future__ import annotations

import re
import secrets
import socket
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from .test_dashboard import show_only, sign_in

pytestmark = pytest.mark.browser

FAILING_CHECK = {'test': ['CMD', 'false'], 'interval': 1_000_000_000, 'retries': 1}
IGNORES_TERM = ['sh', '-c', 'trap "" TERM; while true; do sleep 1; done']
PHONE = {'width': 390, 'height': 844}


def color(name: str) -> re.Pattern[str]:
    """A Quasar badge's colour class (bg-warning; text-negative for an outlined one)."""
    return re.compile(rf'\b(bg|text)-{name}\b')


def inside_viewport(page: Page, element: Locator) -> None:
    deadline = time.monotonic() + 5
    while (box := element.bounding_box()) is None and time.monotonic() < deadline:
        page.wait_for_timeout(100)  # a live refresh (uptimes every 2 s) may have just replaced the row
    assert box is not None, f'{element} is not rendered'
    width = page.viewport_size['width'] if page.viewport_size else 0
    assert 0 <= box['x'] and box['x'] + box['width'] <= width, f'{element} sticks out: {box} (viewport {width} px)'


def busy(button: Locator) -> None:
    """A button showing that its action runs: a spinner in place of its icon, not clickable."""
    expect(button.locator('.q-spinner')).to_have_count(1)
    expect(button).to_be_disabled()


def no_horizontal_scroll(page: Page) -> None:
    assert page.evaluate('document.documentElement.scrollWidth') <= page.evaluate('window.innerWidth')


@pytest.fixture(scope='module')
def tag() -> str:
    return f'hs-{secrets.token_hex(3)}'


@pytest.fixture
def troubled(make_container, tag) -> dict[str, str]:
    """Four containers whose names start with the module's tag: fine, unhealthy, restarting, failed (exit 3)."""
    fine = make_container(name=f'{tag}-fine', command=['sleep', '100000'])
    sick = make_container(name=f'{tag}-sick', command=['sleep', '100000'], healthcheck=FAILING_CHECK)
    looping = make_container(name=f'{tag}-loop', command=['sh', '-c', 'exit 1'], restart_policy={'Name': 'always'})
    failed = make_container(name=f'{tag}-failed', command=['sh', '-c', 'exit 3'])
    return {'fine': fine.name, 'sick': sick.name, 'loop': looping.name, 'failed': failed.name}


SICK_STACK = '''services:
  web:
    image: {image}
    command: ["sleep", "100000"]
    init: true
    stop_grace_period: 1s
  sick:
    image: {image}
    command: ["sleep", "100000"]
    init: true
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD", "false"]
      interval: 1s
      retries: 1
'''


@pytest.fixture(scope='module')
def sick_stack(app_server, docker_client, busybox_image, tag) -> Iterator[str]:
    """A stack deployed through REST whose service ``sick`` fails its health check."""
    name = f'{tag}-stack'
    try:
        with app_server.client(timeout=60) as api:
            answer = api.post('/deploy', json={'stack': name, 'compose': SICK_STACK.format(image=busybox_image)})
            assert answer.status_code == 200, answer.text
        yield name
    finally:
        with app_server.client(timeout=60) as api:
            api.post(f'/stacks/{name}/action', json={'action': 'remove', 'volumes': True})
        for container in docker_client.containers.list(
                all=True, filters={'label': f'com.docker.compose.project={name}'}):  # if the app could not
            container.remove(force=True)


# ---- 1. states and health on the dashboard and the container page -----------------------------

def test_unhealthy_restarting_and_failed_are_not_green(page: Page, app_server, troubled, tag) -> None:
    sign_in(page, app_server)
    show_only(page, tag)
    state, health = (lambda n: page.get_by_test_id(f'state-{n}')), (lambda n: page.get_by_test_id(f'health-{n}'))

    expect(state(troubled['fine'])).to_have_text('running')
    expect(state(troubled['fine'])).to_have_class(color('positive'))
    expect(health(troubled['fine'])).to_have_count(0)  # no health check: no health shown

    expect(health(troubled['sick'])).to_have_text('unhealthy', timeout=10000)
    expect(health(troubled['sick'])).to_have_class(color('negative'))
    expect(state(troubled['sick'])).to_have_text('running')
    expect(state(troubled['sick'])).to_have_class(color('warning'))  # up, but not green

    expect(state(troubled['loop'])).to_have_text('restarting', timeout=15000)
    expect(state(troubled['loop'])).to_have_class(color('warning'))

    expect(state(troubled['failed'])).to_have_text('exited')
    expect(state(troubled['failed'])).to_have_class(color('negative'))
    expect(page.get_by_test_id('containers')).to_contain_text('Exited (3)')

    # the header counts health, not only what is up
    expect(page.get_by_test_id('engine-health')).to_contain_text(re.compile(r'\d+ running · \d+ unhealthy'))

    page.get_by_test_id(f'name-{troubled["sick"]}').click()
    expect(page.get_by_test_id('detail-state')).to_have_text('running')
    expect(page.get_by_test_id('detail-state')).to_have_class(color('warning'))
    expect(page.get_by_test_id('detail-health')).to_have_text('unhealthy')


def test_the_header_counts_an_unhealthy_container(page: Page, app_server, make_container, tag) -> None:
    sign_in(page, app_server)
    header = page.get_by_test_id('engine-health')
    expect(header).to_have_text(re.compile(r'^\d+ running( · \d+ unhealthy)?( · \d+ restarting)?$'))

    def unhealthy() -> int:
        found = re.search(r'(\d+) unhealthy', header.inner_text())
        return int(found.group(1)) if found else 0

    before = unhealthy()  # other tests may run containers on this engine: count the change
    make_container(name=f'{tag}-counted', command=['sleep', '100000'], healthcheck=FAILING_CHECK)
    expect(header).to_contain_text(re.compile(rf'\b{before + 1} unhealthy'), timeout=10000)


# ---- 2. a stack with an unhealthy service is degraded -------------------------------------------

def test_stack_with_an_unhealthy_service_is_degraded(page: Page, app_server, sick_stack) -> None:
    with app_server.client() as api:
        deadline = time.monotonic() + 15
        while (stack := api.get(f'/stacks/{sick_stack}').json())['state'] != 'degraded' and time.monotonic() < deadline:
            time.sleep(0.3)
        assert stack['state'] == 'degraded', stack
        assert stack['problems'] == {f'{sick_stack}-sick-1': 'unhealthy'}
        listed = {s['name']: s for s in api.get('/stacks').json()}
        assert listed[sick_stack]['state'] == 'degraded'

    sign_in(page, app_server, '/ui/stacks')
    badge = page.get_by_test_id(f'stack-state-{sick_stack}')
    expect(badge).to_have_text('degraded')
    expect(badge).to_have_class(color('deep-orange'))

    page.get_by_role('link', name=sick_stack, exact=True).click()
    expect(page.get_by_test_id('stack-state')).to_have_text('degraded')
    sick, web = f'{sick_stack}-sick-1', f'{sick_stack}-web-1'
    expect(page.get_by_test_id(f'container-state-{sick}')).to_have_class(color('warning'))
    expect(page.get_by_test_id(f'container-health-{sick}')).to_have_text('unhealthy')
    expect(page.get_by_test_id(f'container-state-{web}')).to_have_class(color('positive'))
    expect(page.get_by_test_id(f'container-health-{web}')).to_have_count(0)


# ---- 3. slow actions say that they are running, then how they went ------------------------------

def test_slow_stop_shows_a_busy_button_then_the_result(page: Page, app_server, make_container, tag) -> None:
    on_dashboard = make_container(name=f'{tag}-slow-a', command=IGNORES_TERM)
    on_its_page = make_container(name=f'{tag}-slow-b', command=IGNORES_TERM)
    sign_in(page, app_server)
    show_only(page, tag)
    detail = page.context.new_page()
    detail.goto(f'{app_server.base_url}/container/{on_its_page.id}')
    expect(detail.get_by_test_id('detail-state')).to_have_text('running')
    expect(page.get_by_test_id(f'state-{on_dashboard.name}')).to_have_text('running')

    started = time.monotonic()
    page.bring_to_front()  # a click waits for animation frames, which a tab in the background does not get
    page.get_by_test_id(f'stop-{on_dashboard.name}').click()
    detail.bring_to_front()
    detail.get_by_test_id('detail-stop').click()
    # the containers ignore SIGTERM: the engine waits 10 s before it kills them
    expect(page.get_by_test_id(f'state-{on_dashboard.name}')).to_have_text('stopping…')
    busy(page.get_by_test_id(f'stop-{on_dashboard.name}'))
    expect(page.get_by_test_id(f'restart-{on_dashboard.name}')).to_be_disabled()
    expect(detail.get_by_test_id('detail-state')).to_have_text('stopping…')
    busy(detail.get_by_test_id('detail-stop'))
    expect(detail.get_by_test_id('detail-restart')).to_be_disabled()
    assert time.monotonic() - started < 5, 'the busy state must show at once, not when the stop is done'

    expect(page.locator('.q-notification', has_text=f'Stopped {on_dashboard.name}')).to_be_visible(timeout=20000)
    assert time.monotonic() - started > 8, 'the result is told once the stop is done'
    expect(page.get_by_test_id(f'state-{on_dashboard.name}')).to_have_text('exited')
    expect(detail.locator('.q-notification', has_text=f'Stopped {on_its_page.name}')).to_be_visible(timeout=20000)
    expect(detail.get_by_test_id('detail-state')).to_have_text('exited')
    expect(detail.get_by_test_id('detail-start')).to_be_enabled()


def test_a_failed_action_tells_the_engines_reason(page: Page, app_server, make_container, tag) -> None:
    with socket.socket() as holder:
        holder.bind(('0.0.0.0', 0))
        holder.listen()
        port = holder.getsockname()[1]
        blocked = make_container(name=f'{tag}-blocked', command=['sleep', '100000'], ports={'80/tcp': port},
                                 start=False)
        sign_in(page, app_server, f'/container/{blocked.id}')
        page.get_by_test_id('detail-start').click()
        note = page.locator('.q-notification', has_text=f'start {blocked.name}:')
        expect(note).to_be_visible(timeout=15000)
        expect(note).to_contain_text(str(port))
        expect(page.get_by_test_id('detail-state')).to_have_text(re.compile('created|exited'))
        expect(page.get_by_test_id('detail-start')).to_be_enabled()


# ---- 4. small screens --------------------------------------------------------------------------

def test_phone_width_shows_cards_and_a_menu(page: Page, app_server, troubled, sick_stack, tag) -> None:
    page.set_viewport_size(PHONE)
    sign_in(page, app_server)
    show_only(page, tag)
    expect(page.get_by_test_id('nav')).to_be_hidden()
    menu = page.get_by_test_id('nav-menu')
    expect(menu).to_be_visible()
    inside_viewport(page, menu)

    sick = troubled['sick']
    card = page.get_by_test_id(f'card-{sick}')
    expect(card).to_be_visible()
    expect(page.get_by_test_id(f'health-{sick}')).to_have_text('unhealthy', timeout=10000)
    for element in (page.get_by_test_id(f'name-{sick}'), page.get_by_test_id(f'state-{sick}'),
                    page.get_by_test_id(f'health-{sick}'), page.get_by_test_id(f'stop-{sick}'),
                    page.get_by_test_id(f'remove-{sick}'), page.get_by_test_id('engine-health')):
        expect(element).to_be_visible()
        inside_viewport(page, element)
    expect(page.get_by_test_id(f'state-{troubled["failed"]}')).to_have_class(color('negative'))
    no_horizontal_scroll(page)

    # an action works from a card
    page.get_by_test_id(f'remove-{troubled["failed"]}').click()
    page.get_by_test_id('confirm').click()
    expect(page.get_by_test_id(f'card-{troubled["failed"]}')).to_have_count(0, timeout=10000)
    # and a card can be selected for the bulk actions
    page.get_by_role('checkbox', name=f'select {troubled["fine"]}').click()
    page.get_by_test_id('bulk-stop').click()
    expect(page.locator('.q-notification', has_text='stop: 1 of 1 done')).to_be_visible(timeout=15000)
    expect(page.get_by_test_id(f'state-{troubled["fine"]}')).to_have_text('exited')

    menu.click()
    expect(page.get_by_test_id('menu-stacks')).to_be_visible()
    inside_viewport(page, page.get_by_test_id('menu-sign-out'))
    page.get_by_test_id('menu-stacks').click()
    expect(page).to_have_url(f'{app_server.base_url}/ui/stacks')
    badge = page.get_by_test_id(f'stack-state-{sick_stack}')
    expect(badge).to_have_text('degraded', timeout=15000)
    for element in (page.get_by_role('link', name=sick_stack, exact=True), badge,
                    page.get_by_test_id(f'stack-stop-{sick_stack}'), page.get_by_test_id(f'stack-remove-{sick_stack}')):
        inside_viewport(page, element)
    no_horizontal_scroll(page)

    page.set_viewport_size({'width': 1280, 'height': 800})  # back to a desktop: the table and the links
    page.goto(f'{app_server.base_url}/')
    expect(page.get_by_test_id('nav')).to_be_visible()
    expect(page.get_by_test_id('nav-menu')).to_be_hidden()
