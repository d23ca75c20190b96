"""OpenAPI fuzzing (issue 6): schemathesis against the running app's `/openapi.json`, every
operation, with the token (devtools/fuzz.py says how it stays away from what exists). Checks: no
5xx and every response conforms to the schema.

The run is bounded and repeatable (MAX_EXAMPLES per operation, derandomized, ~40 s in all);
`python -m bench.fuzz` is the long, seeded run.
"""
from __future__ import annotations

import pytest

from devtools.apprun import running_app
from devtools.fuzz import fuzz

MAX_EXAMPLES = 30   # the suite keeps under 20 minutes; `python -m bench.fuzz` runs 1,000 per operation


@pytest.fixture(scope='module')
def fuzz_app(docker_client, busybox_image):
    with running_app(prefix='dd-private-') as app:  # its own data dir: settings and history it writes stay there
        yield app


def test_api_fuzz(fuzz_app):
    report = fuzz(fuzz_app.base_url, fuzz_app.token, max_examples=MAX_EXAMPLES)
    print(f'fuzzed {len(report.operations)} operations, {report.calls} calls in {report.seconds:.1f} s: '
          f'{dict(sorted(report.statuses.items()))}')
    assert len(report.operations) >= 20, report.operations
    assert report.calls >= len(report.operations) * 10, report.calls
    assert not any(status >= 500 for status in report.statuses), report.statuses
    assert not report.failures, '\n\n'.join(report.failures)
