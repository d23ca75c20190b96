"""Signing in and out in a real Chromium: the link starts a session whose websocket passes the
Origin check, and after sign-out the old cookie opens nothing."""
from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser


def test_sign_in_by_link_then_sign_out_ends_the_session(page: Page, browser: Browser, app_server) -> None:
    page.goto(f'{app_server.base_url}/?token={app_server.token}')
    expect(page).to_have_url(f'{app_server.base_url}/')
    expect(page.get_by_test_id('containers')).to_be_visible()
    expect(page.get_by_test_id('engine-state')).to_contain_text('Engine')
    # the page's websocket came through the Origin check: the server answers over it
    page.wait_for_function('window.socket && window.socket.connected && window.socket.io.engine.transport.name === "websocket"')
    cookies = page.context.cookies()
    session = next(c for c in cookies if c['name'] == 'dd_session')
    assert session['httpOnly'] and session['sameSite'] == 'Lax'
    assert app_server.token not in session['value']

    page.get_by_test_id('sign-out').click()
    expect(page).to_have_url(f'{app_server.base_url}/login')
    expect(page.get_by_label('token')).to_be_visible()
    assert not any(c['name'] == 'dd_session' for c in page.context.cookies())

    stale = browser.new_context()  # a browser that kept the old cookie
    try:
        stale.add_cookies(cookies)
        other = stale.new_page()
        other.goto(f'{app_server.base_url}/')
        expect(other).to_have_url(re.compile(r'/login\?next=%2F$'))
        expect(other.get_by_role('button', name='Sign in')).to_be_visible()
    finally:
        stale.close()
    response = httpx.get(f'{app_server.base_url}/containers', headers={'Cookie': f'dd_session={session["value"]}'})
    assert response.status_code == 401
    assert response.json()['error']['code'] == 'unauthorized'
