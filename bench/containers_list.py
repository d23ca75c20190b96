"""`GET /containers` against the engine's own plain list, with 200 containers on the engine.

Reference: a raw ``GET /containers/json?all=1`` on the engine's socket through httpx, the same
HTTP client that calls the app over TCP with the token, both with httpx's default headers (so
the app's answer is gzip-compressed, as a browser's would be; the engine never compresses). Both
read the whole body; JSON decoding on the client is left out of the timing on both sides. For
context only, the same rounds also time the app without compression (``Accept-Encoding:
identity``), docker-py's ``APIClient.containers`` and ``docker ps -a``. Target: ratio of medians
(app / engine) <= 1.3.

    python -m bench.containers_list [--containers 200] [--rounds 40] [--warmup 5]
"""
from __future__ import annotations

import argparse
import os
import subprocess
from typing import Any

from .common import (
    AppServer,
    EngineHTTP,
    Workspace,
    alternate,
    app_server,
    engine_url,
    exit_cleanly_on_sigterm,
    workspace,
)

TARGET = 1.3
CONTAINERS = 200
ROUNDS = 40
WARMUP = 5
IDENTITY = {'accept-encoding': 'identity'}  # httpx asks for gzip by default, like browsers do


def measure(ws: Workspace, app: AppServer, *, rounds: int = ROUNDS, warmup: int = WARMUP,
            context: bool = True) -> dict[str, Any]:
    engine = EngineHTTP()
    http = app.client()
    cli_env = {**os.environ, 'DOCKER_HOST': engine_url()}
    sizes: dict[str, int] = {}
    try:
        sides = {
            'engine': lambda: engine.get('/containers/json', all=1).content,
            'app': lambda: http.get('/containers').raise_for_status().content,
        }
        if context:
            sides['app (identity)'] = lambda: http.get('/containers', headers=IDENTITY).raise_for_status().content
            sides['docker-py'] = lambda: ws.api.containers(all=True)
            sides['docker ps -a'] = lambda: subprocess.run(['docker', 'ps', '-a', '--no-trunc'], env=cli_env, check=True,
                                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def check(name: str, result: Any) -> None:
            if isinstance(result, bytes):
                sizes[name] = len(result)
        stats = alternate(sides, rounds=rounds, warmup=warmup, check=check)
        listed_engine = engine.get('/containers/json', all=1).json()
        listed_app = http.get('/containers').raise_for_status().json()
    finally:
        http.close()
        engine.close()
    if {c['Id'] for c in listed_engine} != {c['id'] for c in listed_app}:
        raise AssertionError('GET /containers and the engine list different containers')
    ratio = stats['app'].median / stats['engine'].median
    return {
        'containers': len(listed_engine),
        'bench_containers': sum(1 for c in listed_app if c['labels'].get('dockerdeployer.bench.run') == ws.run_id),
        'rounds': rounds, 'warmup': warmup, 'body_bytes': sizes,
        'stats': {name: s.to_dict() for name, s in stats.items()},
        'ratio': ratio, 'ratio_p95': stats['app'].p95 / stats['engine'].p95,
        'target': TARGET, 'passed': ratio <= TARGET,
    }


def report(result: dict[str, Any]) -> str:
    s = result['stats']
    lines = [(f'GET /containers, {result["containers"]} containers, {result["rounds"]} rounds '
              f'(+{result["warmup"]} warm-up)')]
    for name, st in s.items():
        lines.append(f'  {name:<16} median {st["median_ms"]:8.2f} ms   p95 {st["p95_ms"]:8.2f} ms')
    lines.append(f'  ratio app/engine {result["ratio"]:.2f} (target <= {result["target"]}): '
                 f'{"PASS" if result["passed"] else "FAIL"}')
    return '\n'.join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m bench.containers_list', description=__doc__.split('\n')[0])
    parser.add_argument('--containers', type=int, default=CONTAINERS)
    parser.add_argument('--rounds', type=int, default=ROUNDS)
    parser.add_argument('--warmup', type=int, default=WARMUP)
    args = parser.parse_args(argv)
    exit_cleanly_on_sigterm()
    with workspace() as ws:
        ws.create_containers(args.containers)
        with app_server() as app:
            result = measure(ws, app, rounds=args.rounds, warmup=args.warmup)
    print(report(result))
    return 0 if result['passed'] else 1


if __name__ == '__main__':
    raise SystemExit(main())
