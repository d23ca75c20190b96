"""The API documentation at /docs in a real Chromium: it renders the app's OpenAPI 3.1 document
from the app's own assets (no internet)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser


def test_api_link_shows_every_operation_offline(page: Page, app_server) -> None:
    outside = []
    page.context.on('request', lambda request: outside.append(request.url)
                    if not request.url.startswith(app_server.base_url) else None)
    sign_in(page, app_server)
    with page.context.expect_page() as opened:
        page.get_by_role('link', name='API', exact=True).click()
    docs = opened.value
    expect(docs).to_have_url(f'{app_server.base_url}/docs')
    expect(docs.get_by_text('DockerDeployer', exact=False).first).to_be_visible(timeout=15000)
    expect(docs.locator('.opblock-summary-path', has_text=re.compile(r'^/containers$')).first).to_be_visible()
    expect(docs.locator('.opblock-summary-path', has_text='/logs/{container_id}').first).to_be_visible()
    expect(docs.get_by_text('Unable to render this definition')).to_have_count(0)
    expect(docs.get_by_text('OAS 3.1')).to_be_visible()   # the version badge beside the title
    assert outside == [], f'/docs fetched from outside the app: {outside}'

