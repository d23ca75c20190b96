"""The log viewer across a container restart, in a real Chromium: every line of the new run is
shown, the first one included (``docker logs`` has it)."""
from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .test_dashboard import sign_in

pytestmark = pytest.mark.browser

# Counts its runs in its own filesystem (kept across restarts); the first line of a run is written
# at once, the next ones after a pause, so a viewer that re-attaches "from now" misses the first.
RUNS = ('n=$(cat /runs 2>/dev/null || echo 0); n=$((n+1)); echo $n > /runs; echo "FIRST of run $n"; '
        'sleep 1; i=0; while true; do i=$((i+1)); echo "run $n line $i"; sleep 0.2; done')


@pytest.mark.parametrize('how', ['restart', 'stop-then-start'])
def test_first_line_after_a_restart_is_shown(page: Page, app_server, make_container, how: str) -> None:
    container = make_container(command=['sh', '-c', RUNS])
    sign_in(page, app_server, f'/container/{container.id}')
    view = page.get_by_test_id('log-view')
    expect(view).to_contain_text('run 1 line 2')
    if how == 'restart':
        container.restart(timeout=1)
    else:
        container.stop(timeout=1)
        expect(page.get_by_test_id('log-status')).to_contain_text('not running')
        container.start()
    expect(view).to_contain_text('run 2 line 2', timeout=10000)
    assert b'FIRST of run 2\n' in container.logs()
    expect(view).to_contain_text('FIRST of run 2')
    text = view.inner_text()
    assert text.count('FIRST of run 1') == 1 and text.count('FIRST of run 2') == 1, text  # nothing twice
    assert text.index('run 1 line 2') < text.index('FIRST of run 2') < text.index('run 2 line 1')
