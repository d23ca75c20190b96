"""OpenAPI fuzzing of a running app with schemathesis: every operation, valid and invalid inputs,
checking that nothing answers 5xx and every response matches the schema. Used by the bounded test
(tests/reliability/test_fuzz.py) and the long run (bench/fuzz.py).

What keeps the fuzzer from touching what exists on a shared engine:
- path parameters of operations that change things (POST/PUT/DELETE) are prefixed with `fuzz-zz-`,
  which is neither a hex id prefix nor a name anything else uses: those calls answer 404;
- PUT /settings may switch the assistant to an LLM: its API base is pointed at a closed local port
  so later /nlp calls fail fast instead of waiting on a random host;
- GET /events streams forever and is excluded; GET /logs/{id} runs with follow=false (a follow
  stream lasts as long as the container).
POST /deploy keeps its random documents: they fail validation (422).

schemathesis' own pytest loader (`from_fixture`) does not work with pytest 9 (it reads
`request.node._nodeid`), so each operation's strategy is run with Hypothesis directly.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import response_schema_conformance

SAFE_PREFIX = 'fuzz-zz-'
CLOSED_PORT_URL = 'http://127.0.0.1:9/v1'
EXCLUDED = {('GET', '/events')}  # a Server-Sent-Events stream that never ends


@dataclass
class FuzzReport:
    operations: list[str] = field(default_factory=list)
    calls: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


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


def fuzz(base_url: str, token: str, *, max_examples: int, seed: int | None = None) -> FuzzReport:
    """Fuzz every operation of ``base_url``'s OpenAPI schema; ``seed`` None = derandomized (repeatable)."""
    headers = {'Authorization': f'Bearer {token}'}
    schema = schemathesis.openapi.from_url(f'{base_url}/openapi.json', headers=headers, timeout=10)
    schema.config.update(base_url=base_url)
    report = FuzzReport()
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        name = f'{operation.method.upper()} {operation.path}'
        if (operation.method.upper(), operation.path) in EXCLUDED:
            continue
        report.operations.append(name)
        strategy = st.one_of(operation.as_strategy(GenerationMode.POSITIVE),
                             operation.as_strategy(GenerationMode.NEGATIVE))

        @settings(max_examples=max_examples, deadline=None, derandomize=seed is None, database=None,
                  suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
        @given(case=strategy)
        def run(case) -> None:
            make_safe(case)
            response = case.call(headers=headers, timeout=20)
            report.calls += 1
            report.statuses[response.status_code] = report.statuses.get(response.status_code, 0) + 1
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

        if seed is not None:
            run = hypothesis_seed(seed)(run)
        try:
            run()
        except (Exception, FailureGroup) as exc:  # collect all failures, then report them
            report.failures.append(f'{name}:\n{exc}')
    report.seconds = time.monotonic() - started
    return report
