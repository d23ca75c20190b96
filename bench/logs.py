"""`GET /logs/{id}` of 100,000 lines against `docker logs <id> > /dev/null`.

One busybox container runs ``seq 1 100000`` and exits. Reference: the docker CLI, timed as a
subprocess (its start-up included, as a user pays it). Ours: ``GET /logs/{id}`` over HTTP with
the token and httpx's default headers (gzip accepted), whole body read, both as the default JSON
and as ``format=text``. docker-py's ``APIClient.logs()`` (one bulk read, demultiplexed in Python)
is timed in the same rounds for context. Throughput = lines / s; target: ours / CLI >= 0.8
(ratio of median throughputs).

    python -m bench.logs [--lines 100000] [--rounds 7] [--warmup 1]
"""
from __future__ import annotations

import argparse
import os
import subprocess
from typing import Any

from .common import (
    AppServer,
    Workspace,
    alternate,
    app_server,
    engine_url,
    exit_cleanly_on_sigterm,
    workspace,
)

TARGET = 0.8
LINES = 100_000
ROUNDS = 7
WARMUP = 1
GATED = ('app json', 'app text')


def make_container(ws: Workspace, lines: int = LINES) -> str:
    return ws.run_to_exit(['seq', '1', str(lines)], name=f'logs-{lines}')


def measure(ws: Workspace, app: AppServer, cid: str, *, lines: int = LINES, rounds: int = ROUNDS,
            warmup: int = WARMUP, context: bool = True) -> dict[str, Any]:
    cli = ['docker', 'logs', cid]
    cli_env = {**os.environ, 'DOCKER_HOST': engine_url()}
    http = app.client()
    try:
        sides = {
            'docker logs': lambda: subprocess.run(cli, env=cli_env, check=True, stdout=subprocess.DEVNULL,
                                                  stderr=subprocess.DEVNULL),
            'app json': lambda: http.get(f'/logs/{cid}').raise_for_status().content,
            'app text': lambda: http.get(f'/logs/{cid}', params={'format': 'text'}).raise_for_status().content,
        }
        if context:
            sides['docker-py logs()'] = lambda: ws.api.logs(cid)
        sizes: dict[str, int] = {}

        def check(name: str, result: Any) -> None:
            if isinstance(result, bytes):
                sizes[name] = len(result)
        stats = alternate(sides, rounds=rounds, warmup=warmup, check=check)
        cli_lines = subprocess.run(cli, env=cli_env, check=True, capture_output=True).stdout.count(b'\n')
        json_body = http.get(f'/logs/{cid}').raise_for_status().json()
        text_lines = http.get(f'/logs/{cid}', params={'format': 'text'}).raise_for_status().content.count(b'\n')
    finally:
        http.close()
    counts = {'docker logs': cli_lines, 'app json': json_body['count'], 'app text': text_lines}
    if set(counts.values()) != {lines} or json_body['lines'][-1] != str(lines):
        raise AssertionError(f'expected {lines} lines from every side, got {counts}')
    cli_median = stats['docker logs'].median
    rows = {}
    for name, st in stats.items():
        rows[name] = {**st.to_dict(), 'lines_per_s': lines / st.median, 'ratio': cli_median / st.median}
        if name in GATED:
            rows[name]['passed'] = rows[name]['ratio'] >= TARGET
    return {
        'lines': lines, 'rounds': rounds, 'warmup': warmup, 'body_bytes': sizes, 'stats': rows,
        'target': TARGET, 'passed': all(rows[name]['passed'] for name in GATED),
    }


def report(result: dict[str, Any]) -> str:
    lines = [f'GET /logs, {result["lines"]:,} lines, {result["rounds"]} rounds (+{result["warmup"]} warm-up)']
    for name, st in result['stats'].items():
        verdict = '' if 'passed' not in st else f'  {"PASS" if st["passed"] else "FAIL"} (target >= {result["target"]})'
        lines.append(f'  {name:<16} median {st["median_ms"]:8.1f} ms   p95 {st["p95_ms"]:8.1f} ms   '
                     f'{st["lines_per_s"]:>10,.0f} lines/s   ratio {st["ratio"]:.2f}{verdict}')
    return '\n'.join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m bench.logs', description=__doc__.split('\n')[0])
    parser.add_argument('--lines', type=int, default=LINES)
    parser.add_argument('--rounds', type=int, default=ROUNDS)
    parser.add_argument('--warmup', type=int, default=WARMUP)
    args = parser.parse_args(argv)
    exit_cleanly_on_sigterm()
    with workspace() as ws:
        cid = make_container(ws, args.lines)
        with app_server() as app:
            result = measure(ws, app, cid, lines=args.lines, rounds=args.rounds, warmup=args.warmup)
    print(report(result))
    return 0 if result['passed'] else 1


if __name__ == '__main__':
    raise SystemExit(main())
