"""OpenAPI fuzzing (issue 6): schemathesis against the running app's `/openapi.json`, every
operation, with the token. Checks: no 5xx and every response conforms to the schema.

The run is bounded (MAX_EXAMPLES per operation, ~60 s in all); `bench/` is the place for a long run.

The fuzzer gets its own app process (own data dir, so settings, templates and history it writes stay
there) on the shared engine. What keeps it from touching what other tests made:
- path parameters of operations that change things (POST/PUT/DELETE) are prefixed with `fuzz-zz-`,
  which is neither a hex id prefix nor a name anything else uses: those calls answer 404;
- PUT /settings may switch the assistant to an LLM: its API base is pointed at a closed local port
  so later /nlp calls fail fast instead of waiting on a random host;
- GET /events streams forever and is excluded; GET /logs/{id} runs with follow=false (a follow
  stream lasts as long as the container).
POST /deploy keeps its random documents: they fail validation (422).
"""
from __future__ import annotations

import time

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

from devtools.apprun import running_app

MAX_EXAMPLES = 60
SAFE_PREFIX = 'fuzz-zz-'
CLOSED_PORT_URL = 'http://127.0.0.1:9/v1'


@pytest.fixture(scope='module')
def fuzz_app(docker_client, busybox_image):
    with running_app(prefix='dd-private-') as app:
        yield app


@pytest.fixture(scope='module')
def api_schema(fuzz_app):
    schema = schemathesis.openapi.from_url(f'{fuzz_app.base_url}/openapi.json',
                                           headers={'Authorization': f'Bearer {fuzz_app.token}'}, timeout=10)
    schema.config.update(base_url=fuzz_app.base_url)
    return schema


# GET /events is a Server-Sent-Events stream that never ends: fuzzing it would only wait for a timeout.
EXCLUDED = {('GET', '/events')}


def make_safe(case) -> None:
    """Keep a fuzzed call away from things that exist (see the module docstring)."""
    method = case.method.upper()
    if method != 'GET' and case.path_parameters:
        case.path_parameters = {key: SAFE_PREFIX + str(value) if isinstance(value, str) else value
                                for key, value in case.path_parameters.items()}
    if case.path.startswith('/logs/') and isinstance(case.query, dict):
        case.query['follow'] = 'false'
    if method == 'PUT' and case.path == '/settings' and isinstance(case.body, dict):
        if 'llm_api_base' in case.body or case.body.get('nlp_mode') in ('llm', 'auto'):
            case.body['llm_api_base'] = CLOSED_PORT_URL
        if 'llm_timeout' in case.body:
            case.body['llm_timeout'] = 1


def test_api_fuzz(api_schema, fuzz_app):
    """Every operation, valid and invalid inputs (schemathesis' positive and negative modes).

    schemathesis' own pytest loader (`from_fixture`) does not work with pytest 9 (it reads
    `request.node._nodeid`), so each operation's strategy is run with Hypothesis directly.
    """
    headers = {'Authorization': f'Bearer {fuzz_app.token}'}
    failures: list[str] = []
    operations = []
    started = time.monotonic()
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in EXCLUDED:
            continue
        operations.append(f'{operation.method.upper()} {operation.path}')
        strategy = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                             operation.as_strategy(GenerationMode.NEGATIVE))

        @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
        @given(case=strategy)
        def run(case) -> None:
            make_safe(case)
            case.call_and_validate(headers=headers, timeout=20,
                                   checks=[not_a_server_error, response_schema_conformance])

        try:
            run()
        except (Exception, FailureGroup) as exc:  # noqa: BLE001 - collect all failures, then report them
            failures.append(f'{operation.method.upper()} {operation.path}:\n{exc}')
    elapsed = time.monotonic() - started
    print(f'fuzzed {len(operations)} operations x {MAX_EXAMPLES} examples in {elapsed:.1f} s')
    assert len(operations) >= 20, operations
    assert not failures, '\n\n'.join(failures)
