"""The browser harness itself: a context that will not close does not hold up the run."""

from __future__ import annotations

import os
import signal
import time

from tests.conftest import _browser_processes


def test_a_context_that_does_not_close_takes_the_browser_with_it_and_the_next_one_works(_browsers) -> None:
    context = _browsers.get().new_context()
    page = context.new_page()
    page.set_content('<p id="x">before</p>')
    frozen = _browser_processes()
    assert frozen, 'no Chromium process found under this test process'
    for pid in frozen:
        os.kill(pid, signal.SIGSTOP)   # a browser that no longer answers, as in the CI hangs
    started = time.monotonic()
    _browsers.close_within(context, seconds=3)
    assert time.monotonic() - started < 20
    deadline = time.monotonic() + 10   # killed, they go as soon as the kernel has taken them down
    while any(os.path.exists(f'/proc/{pid}') and _state(pid) not in ('Z', 'X') for pid in frozen):
        assert time.monotonic() < deadline, [(pid, _state(pid)) for pid in frozen if os.path.exists(f'/proc/{pid}')]
        time.sleep(0.1)

    page = _browsers.get().new_context().new_page()
    page.set_content('<p id="x">after</p>')
    assert page.inner_text('#x') == 'after'
    _browsers.close_within(page.context)


def _state(pid: int) -> str:
    try:
        with open(f'/proc/{pid}/stat') as stat:
            return stat.read().rsplit(')', 1)[1].split()[0]
    except OSError:
        return 'Z'
