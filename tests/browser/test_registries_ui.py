"""Registry logins on the settings page, in Chromium against a registry on 127.0.0.1 that asks
for a login: a refused login says why and is not listed, an accepted one is listed by user name
only (the password field empties and the page never holds the password), and Forget removes it."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_a_login_is_kept_listed_without_its_password_and_forgotten(page: Page, app_server, private_registry) -> None:
    host, login = private_registry.host, private_registry.login
    sign_in(page, app_server, '/ui/settings')
    card = page.get_by_test_id('registry-logins')
    expect(card.get_by_test_id('registry-none')).to_be_visible()

    page.get_by_test_id('registry-name').fill(host)
    page.get_by_test_id('registry-user').fill(login['username'])
    page.get_by_test_id('registry-password').fill('wrong-password')
    page.get_by_test_id('registry-save').click()
    # the refusal stays under the form after its notification has gone
    outcome = card.get_by_test_id('registry-outcome')
    expect(outcome).to_contain_text(f'{host} refused the login for {login["username"]}', timeout=20000)
    expect(outcome).to_have_class(re.compile('text-negative'))
    expect(card.get_by_test_id(f'registry-{host}')).to_have_count(0)

    page.get_by_test_id('registry-password').fill(login['password'])
    page.get_by_test_id('registry-save').click()
    expect(outcome).to_have_text(f'Login for {host} kept (the registry accepted it)', timeout=20000)
    expect(outcome).to_have_class(re.compile('text-positive'))
    row = card.get_by_test_id(f'registry-{host}')
    expect(row).to_contain_text(f'as {login["username"]}')
    expect(page.get_by_test_id('registry-password')).to_have_value('')
    page.reload()
    expect(card.get_by_test_id(f'registry-{host}')).to_contain_text(login['username'])
    assert login['password'] not in page.content()

    page.get_by_test_id(f'registry-forget-{host}').click()
    expect(page.locator('.q-notification', has_text=f'Login for {host} forgotten')).to_be_visible()
    expect(card.get_by_test_id(f'registry-{host}')).to_have_count(0)
    expect(card.get_by_test_id('registry-none')).to_be_visible()
