"""The short load run CI can afford (the full one is `python -m bench.load`): REST clients,
log followers and a browser at once, with zero errors and bounded memory growth. Latency
targets are measured by the benchmark, not asserted here."""
from __future__ import annotations

import argparse

import pytest

from bench.load import run

pytestmark = pytest.mark.browser  # it drives a Chromium: run with the browser tests, last


def test_short_load_has_no_errors(docker_client, busybox_image) -> None:
    result = run(argparse.Namespace(seconds=8, clients=8, followers=3, browsers=1, containers=12, think=0.1,
                                    reference=False))
    assert result['error_count'] == 0, (result['errors'], result['app_log_tail'])
    assert result['requests'] > 50, result
    assert result['log_lines'] > 0, 'the log followers received nothing'
    assert result['pages'] == 1
    assert result['rss_growth_pct'] < 50, result
