"""The long OpenAPI fuzz run (issue 6): schemathesis against `python app.py` with many examples per
operation and a random seed (the test suite runs a short, derandomized one), then the figures.

    python -m bench.fuzz [--examples 1000] [--seed N] [--write]

Exit status 0 when no call answered 5xx or broke the schema, 1 otherwise. --write puts the section
into docs/benchmarks.md. The app has its own data dir; see devtools/fuzz.py for what keeps the
fuzzer away from containers and stacks that exist on the engine.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time

from devtools.fuzz import fuzz

from .common import ROOT, app_server, exit_cleanly_on_sigterm, write_doc_section

DOC = ROOT / 'docs' / 'benchmarks.md'
START, END = '<!-- bench:fuzz:start -->', '<!-- bench:fuzz:end -->'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--examples', type=int, default=1000, help='examples per operation')
    parser.add_argument('--seed', type=int, default=None, help='Hypothesis seed (default: a random one, printed)')
    parser.add_argument('--write', action='store_true', help=f'write the section into {DOC.relative_to(ROOT)}')
    args = parser.parse_args(argv)
    exit_cleanly_on_sigterm()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    with app_server() as app:
        report = fuzz(app.base_url, app.token, max_examples=args.examples, seed=seed)
        alive = app.process.poll() is None
    server_errors = sum(n for status, n in report.statuses.items() if status >= 500)
    ok = not report.failures and not server_errors and alive
    command = 'python -m bench.fuzz ' + ' '.join(argv if argv is not None else sys.argv[1:])
    lines = [
        START, '## Issue 6: long OpenAPI fuzz run', '',
        f'Run on {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())} with `{command.strip()}` (seed {seed}): '
        f'{len(report.operations)} operations (all but `GET /events`), up to {args.examples} examples each '
        f'(schemathesis positive and negative generation), **{report.calls} calls in {report.seconds:.0f} s**.', '',
        '| measured | result |', '|---|---|',
        f'| responses by status | {", ".join(f"{s}: {n}" for s, n in sorted(report.statuses.items()))} |',
        f'| 5xx responses | {server_errors} |',
        f'| schema violations and other failures | {len(report.failures)} |',
        f'| app still running afterwards | {"yes" if alive else "NO"} |',
        f'| result | **{"pass" if ok else "FAIL"}** |', '',
        'Method: `bench/fuzz.py` with `devtools/fuzz.py` (the same code as `tests/reliability/test_fuzz.py`, '
        'which runs 60 derandomized examples per operation in `make test`). Checks: `not_a_server_error`, '
        '`response_schema_conformance`.', END]
    section = '\n'.join(lines)
    print(section)
    if report.failures:
        print('\n\n'.join(report.failures[:10]), file=sys.stderr)
    print(json.dumps({'operations': len(report.operations), 'calls': report.calls, 'statuses': report.statuses}))
    if args.write:
        write_doc_section(section, DOC, start=START, end=END)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
