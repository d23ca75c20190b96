"""The assistant in a real Chromium, issue 13's "The assistant": generated passwords shown once;
the deploy dialog's port pre-check; a destructive plan over several containers named by stack
and confirmed by typing its count; the input kept on screen, the conversation scrolled to the
newest answer and long logs collapsed; "what is using the most memory" sorted by memory; and two
bugs — a failed plan was green in the history, and every question added a history record.

Everything runs against the real engine; names made here start with `as-`.
"""
from __future__ import annotations

import re
import secrets
import time
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from devtools.apprun import free_port

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser
PROJECT = 'com.docker.compose.project'
SERVICE = 'com.docker.compose.service'
NEGATIVE = 'rgb(193, 0, 21)'   # Quasar's "negative"
HUNDRED_LINES = 'i=0; while [ $i -lt 100 ]; do i=$((i+1)); echo "line $i"; done; while :; do sleep 1; done'
HOG = 'x=$(head -c 40000000 /dev/zero | tr "\\0" a); while :; do sleep 1; done'   # holds 40 MB


def tag() -> str:
    return secrets.token_hex(3)


def ask(page: Page, command: str) -> Locator:
    """Type a command into the chat, press Enter; the answer's plan card."""
    before = page.get_by_test_id('plan-card').count()
    chat = page.get_by_test_id('chat-input')
    chat.fill(command)
    chat.press('Enter')
    expect(page.get_by_test_id('plan-card')).to_have_count(before + 1)
    return page.get_by_test_id('plan-card').nth(before)


def seen_by_app(app_server, *names: str) -> None:
    """The app's container cache has these (a person would not type faster than its events)."""
    with app_server.client() as api:
        listed = {c['name'] for c in api.get('/containers', params={'all': 'true'}).json()}
    assert set(names) <= listed, names


def remove_stack(app_server, stack: str) -> None:
    with app_server.client(timeout=120) as api:
        api.post(f'/stacks/{stack}/action', json={'action': 'remove', 'volumes': True})


# ---- 1. generated passwords: shown once ---------------------------------------------------------------------------

def test_generated_passwords_are_shown_once_with_a_copy_button(page: Page, app_server, template_standin,
                                                               docker_client) -> None:
    stack = f'as-red-{tag()}'
    page.context.grant_permissions(['clipboard-read', 'clipboard-write'])
    try:
        sign_in(page, app_server, '/ui/chat')
        card = ask(page, f'deploy redis as {stack} on port {free_port()}')
        card.get_by_test_id('plan-run').click()
        expect(card.get_by_test_id('plan-status')).to_contain_text('Done', timeout=90000)
        box = card.get_by_test_id('generated-values')
        expect(box.get_by_test_id('generated-note')).to_contain_text('shown once')
        expect(box).to_contain_text('not kept in the history or shown in any later answer')
        password = box.get_by_test_id('generated-password').inner_text()
        assert len(password) >= 16
        [redis] = docker_client.containers.list(filters={'label': f'{PROJECT}={stack}'})
        assert f'REDISCLI_AUTH={password}' in redis.attrs['Config']['Env']

        box.get_by_test_id('copy-password').click()
        expect(page.get_by_text('Copied')).to_be_visible()
        assert page.evaluate('navigator.clipboard.readText()') == password

        # later answers do not carry it: the stack's status, its history, the containers
        for command in (f'status of {stack}', f'show the history of {stack}', f'list the containers of {stack}'):
            answer = ask(page, command)
            expect(answer.get_by_test_id('plan-result').first).to_be_visible(timeout=20000)
            expect(answer).not_to_contain_text(password)
        assert page.content().count(password) == 1   # the first answer, only
        # hidden on purpose: gone from the page
        box.get_by_test_id('generated-hide').click()
        expect(card.get_by_test_id('generated-hidden')).to_be_visible()
        assert password not in page.content()
        # ... and never in the history
        page.goto(f'{app_server.base_url}/ui/history')
        expect(page.get_by_test_id('history').get_by_text(f'deploy {stack}')).to_be_visible()
        assert password not in page.content()
        with app_server.client() as api:
            assert password not in api.get('/history', params={'stack': stack}).text
            assert password not in api.get('/history', params={'source': 'nl', 'limit': 20}).text
    finally:
        remove_stack(app_server, stack)


# ---- 2. the deploy dialog's pre-check: a taken port, and who holds it -------------------------------------------------

def test_a_plan_on_a_taken_port_says_who_holds_it_before_run(page: Page, app_server, make_container,
                                                               docker_client) -> None:
    port = free_port()
    holder = make_container(name=f'as-holder-{tag()}', ports={'8080/tcp': port})
    stack = f'as-kuma-{tag()}'
    seen_by_app(app_server, holder.name)
    sign_in(page, app_server, '/ui/chat')
    card = ask(page, f'deploy uptime kuma as {stack} on port {port}')
    checks = card.get_by_test_id('plan-prechecks')
    expect(checks).to_contain_text('Before you run this')
    expect(checks.get_by_test_id('plan-precheck')).to_have_text(f'⚠ Port {port} is already in use by {holder.name}.')
    expect(card.get_by_test_id('plan-warning')).to_have_count(0)   # said once, in its box
    expect(card.get_by_test_id('plan-run')).to_be_enabled()        # a warning, as in the dialog: not a refusal
    card.get_by_test_id('plan-cancel').click()
    assert docker_client.containers.list(all=True, filters={'label': f'{PROJECT}={stack}'}) == []

    free = ask(page, f'deploy uptime kuma as {stack} on port {free_port()}')
    expect(free.get_by_test_id('plan-run')).to_be_visible()
    expect(free.get_by_test_id('plan-prechecks')).to_have_count(0)


# ---- 3. destructive over several: named by stack, the count typed ----------------------------------------------------

def test_a_destructive_plan_over_several_names_each_and_needs_the_count_typed(page: Page, app_server, make_container,
                                                                             docker_client) -> None:
    t = tag()
    stack = f'as-tcs-{t}'
    web, db = (make_container(name=f'as-tc-{s}-{t}', labels={PROJECT: stack, SERVICE: s}) for s in ('web', 'db'))
    loose = make_container(name=f'as-tc-loose-{t}')
    seen_by_app(app_server, web.name, db.name, loose.name)
    sign_in(page, app_server, '/ui/chat')
    card = ask(page, f'remove {web.name}, {db.name} and {loose.name}')
    expect(card.get_by_test_id('plan-risk')).to_have_text('destructive')
    affected = card.get_by_test_id('plan-affected')
    expect(affected).to_contain_text('This changes 3 containers:')
    expect(affected.get_by_test_id('plan-affected-group')).to_have_text(
        [f'stack {stack}: {web.name}, {db.name}', f'no stack: {loose.name}'])
    run = card.get_by_test_id('plan-run')
    typed = card.get_by_test_id('plan-typed')
    expect(card.get_by_text('Type 3 to confirm')).to_be_visible()
    expect(run).to_be_disabled()
    typed.fill('2')
    expect(run).to_be_disabled()
    typed.fill('3')
    expect(run).to_be_enabled()
    run.click()
    expect(card.get_by_test_id('plan-status')).to_contain_text('Done', timeout=30000)
    left = {c.name for c in docker_client.containers.list(all=True, filters={'name': 'as-tc-'})}
    assert not {web.name, db.name, loose.name} & left

    # one thing removed: a click is enough, as before
    single = make_container(name=f'as-tc-single-{t}')
    seen_by_app(app_server, single.name)
    one = ask(page, f'remove {single.name}')
    expect(one.get_by_test_id('plan-affected-group')).to_have_text([f'no stack: {single.name}'])
    expect(one.get_by_test_id('plan-typed')).to_have_count(0)
    expect(one.get_by_test_id('plan-run')).to_be_enabled()


# ---- 4. the input stays on screen, the newest answer is in view, long logs are collapsed -----------------------------

def test_input_stays_on_screen_answers_scroll_into_view_and_long_logs_collapse(page: Page, app_server,
                                                                               make_container) -> None:
    talker = make_container(name=f'as-logs-{tag()}', command=['sh', '-c', HUNDRED_LINES])
    seen_by_app(app_server, talker.name)
    page.set_viewport_size({'width': 1100, 'height': 650})
    sign_in(page, app_server, '/ui/chat')
    chat = page.get_by_test_id('chat-input')
    for _ in range(4):   # a conversation longer than the window
        card = ask(page, 'list all containers')
        expect(card.get_by_test_id('result-table')).to_be_visible()
    assert page.evaluate('document.documentElement.scrollHeight') > 2 * 650
    expect(chat).to_be_in_viewport()
    expect(page.get_by_test_id('plan-card').last.get_by_test_id('plan-summary')).to_be_in_viewport()

    card = ask(page, f'show the last 60 log lines of {talker.name}')
    preview = card.get_by_test_id('result-lines-preview')
    expect(preview).to_be_visible()
    expect(preview).to_contain_text('line 41')
    expect(preview).to_contain_text('line 50')
    assert 'line 51' not in preview.inner_text()   # the first 10 of the 60
    expect(card.get_by_test_id('result-lines')).to_be_hidden()
    expect(card.get_by_text('Show all 60 lines')).to_be_in_viewport()
    expect(chat).to_be_in_viewport()
    card.get_by_text('Show all 60 lines').click()
    expect(card.get_by_test_id('result-lines')).to_contain_text('line 100')
    expect(preview).to_be_hidden()
    expect(chat).to_be_in_viewport()

    short = ask(page, f'show the last 5 log lines of {talker.name}')
    expect(short.get_by_test_id('result-lines')).to_contain_text('line 100')
    expect(short.get_by_test_id('result-lines-all')).to_have_count(0)
    expect(short.get_by_test_id('plan-result')).to_be_in_viewport()
    page.mouse.wheel(0, -5000)   # scrolled back up: the input is still there to type into
    expect(page.get_by_test_id('plan-card').first).to_be_in_viewport()
    expect(chat).to_be_in_viewport()
    chat.fill('system status')
    chat.press('Enter')
    expect(page.get_by_test_id('plan-card').last.get_by_test_id('plan-summary')).to_be_in_viewport()


# ---- 5. "what is using the most memory" ---------------------------------------------------------------------------------

def _mib(text: str) -> float:
    return float(text.replace('MiB', '').strip())


def test_the_most_memory_is_first(page: Page, app_server, make_container) -> None:
    hog = make_container(name=f'as-hog-{tag()}', command=['sh', '-c', HOG])
    small = make_container(name=f'as-small-{tag()}')
    deadline = time.monotonic() + 30
    with app_server.client() as api:   # the figures are sampled every 2 s
        while True:
            figures = {c['name']: c for c in api.get('/status').json()['containers']}
            if small.name in figures and figures.get(hog.name, {}).get('memory_usage', 0) > 30 * 2**20:
                break
            assert time.monotonic() < deadline, figures.get(hog.name)
            time.sleep(0.5)
    sign_in(page, app_server, '/ui/chat')
    card = ask(page, 'what is using the most memory?')
    expect(card.get_by_test_id('plan-action-0')).to_contain_text('highest memory use first')
    expect(card.get_by_test_id('result-sort')).to_have_text('Highest memory use first')
    table = card.get_by_test_id('result-table')
    expect(table.get_by_text(hog.name)).to_be_visible()
    rows: list[dict[str, Any]] = [
        {'name': r.locator('td').nth(0).inner_text(), 'memory': _mib(r.locator('td').nth(2).inner_text())}
        for r in table.locator('tbody tr').all()]
    memory = [r['memory'] for r in rows]
    assert memory == sorted(memory, reverse=True), rows
    assert rows[0]['memory'] >= 30
    names = [r['name'] for r in rows]
    assert small.name not in names or names.index(hog.name) < names.index(small.name)

    card = ask(page, 'which container uses the most cpu')
    expect(card.get_by_test_id('result-sort')).to_have_text('Highest CPU use first')
    cpu = [float(r.locator('td').nth(1).inner_text().replace('%', '')) for r in
           card.get_by_test_id('result-table').locator('tbody tr').all()]
    assert cpu == sorted(cpu, reverse=True), cpu


# ---- 6. bugs: a failed plan was green in the history; every question was recorded -------------------------------------

def history_entry(page: Page, app_server, reason: str, action: str = 'plan') -> Locator:
    with app_server.client() as api:
        records = api.get('/history', params={'source': 'nl', 'action': action, 'limit': 50}).json()['records']
    [record] = [r for r in records if r['reason'] == reason]
    page.goto(f'{app_server.base_url}/ui/history')
    entry = page.get_by_test_id(f'history-{record["id"]}')
    expect(entry).to_be_visible()
    return entry


def test_a_failed_plan_is_red_in_the_history(page: Page, app_server, make_container) -> None:
    stopped = make_container(name=f'as-stopped-{tag()}', start=False)
    seen_by_app(app_server, stopped.name)
    sign_in(page, app_server, '/ui/chat')
    command = f'pause {stopped.name}'
    card = ask(page, command)
    card.get_by_test_id('plan-run').click()
    expect(card.get_by_test_id('plan-status')).to_contain_text('Stopped after 0 of 1 actions', timeout=20000)

    entry = history_entry(page, app_server, command)
    header = entry.locator('.q-item').first
    expect(header).to_contain_text(f'plan Pause {stopped.name}')
    expect(header.locator('.q-icon').first).to_have_text('error')
    expect(header).to_have_css('color', NEGATIVE)
    header.click()
    expect(entry).to_contain_text('step 1 of 1 failed')
    page.get_by_test_id('history-status').click()
    page.get_by_role('option', name='Failed').click()
    expect(page.get_by_test_id('history').get_by_text(f'plan Pause {stopped.name}')).to_be_visible()


def test_questions_that_change_nothing_are_not_in_the_history(page: Page, app_server, make_container) -> None:
    box = make_container(name=f'as-quiet-{tag()}')
    seen_by_app(app_server, box.name)
    sign_in(page, app_server, '/ui/chat')
    for command in (f'show the last 3 log lines of {box.name}', f'status of {box.name}'):
        answer = ask(page, command)
        expect(answer.get_by_test_id('plan-status')).to_contain_text('Done', timeout=20000)
    restart = ask(page, f'restart {box.name}')
    restart.get_by_test_id('plan-run').click()
    expect(restart.get_by_test_id('plan-status')).to_contain_text('Done', timeout=30000)

    page.goto(f'{app_server.base_url}/ui/history')
    timeline = page.get_by_test_id('history')
    expect(timeline.get_by_text(f'plan Restart {box.name}')).to_be_visible()   # a change is an operation
    expect(timeline.get_by_text(re.compile(f'^plan .*{box.name}'))).to_have_count(1)   # the questions are not
    expect(timeline.get_by_text(f'container.restart {box.name}')).to_be_visible()
