"""The assistant in a real Chromium: a read request runs at once; a change waits for Run;
an ambiguous request asks, and the answer is a click."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_chat_plans_confirms_and_asks(page: Page, app_server, make_container, docker_client) -> None:
    first = make_container(name='chatdb-one', labels={'com.docker.compose.project': 'chatshop',
                                                       'com.docker.compose.service': 'db'})
    make_container(name='chatdb-two', labels={'com.docker.compose.project': 'chatblog',
                                              'com.docker.compose.service': 'db'})
    sign_in(page, app_server, '/ui/chat')
    chat = page.get_by_test_id('chat-input')

    chat.fill('list the containers of the chatshop stack')
    chat.press('Enter')
    card = page.get_by_test_id('plan-card').last
    expect(card.get_by_test_id('plan-risk')).to_have_text('read')
    expect(card.get_by_test_id('result-table')).to_contain_text('chatdb-one')  # ran at once, no button
    expect(card.get_by_test_id('plan-run')).to_have_count(0)

    started = first.attrs['State']['StartedAt']
    chat.fill('please bounce the chatshop database')
    chat.press('Enter')
    card = page.get_by_test_id('plan-card').last
    expect(card.get_by_test_id('plan-summary')).to_contain_text('Restart chatdb-one')
    expect(card.get_by_test_id('plan-risk')).to_have_text('change')
    first.reload()
    assert first.attrs['State']['StartedAt'] == started  # nothing ran before Run
    card.get_by_test_id('plan-run').click()
    expect(card.get_by_test_id('plan-status')).to_contain_text('Done', timeout=20000)
    first.reload()
    assert first.attrs['State']['StartedAt'] != started

    chat.fill('restart the db')
    chat.press('Enter')
    card = page.get_by_test_id('plan-card').last
    expect(card.get_by_test_id('plan-question')).to_contain_text('which one')
    card.get_by_test_id('plan-choice').filter(has_text='chatdb-two').click()
    answer = page.get_by_test_id('plan-card').last
    expect(answer.get_by_test_id('plan-summary')).to_contain_text('Restart chatdb-two')
    answer.get_by_test_id('plan-cancel').click()
    expect(answer.get_by_test_id('plan-status')).to_contain_text('nothing was done')

    chat.press('ArrowUp')
    expect(chat).to_have_value('restart chatdb-two')
