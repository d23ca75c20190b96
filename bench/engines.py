"""Issue 16 across engines: the local engine and two more in network namespaces of their own (tcp://
with TLS, devtools/netns_engine.py), ``--per-engine`` containers on each (300: 900 in all).

1. ``GET /containers?engine=all`` (every engine's containers, each from its own event-fed cache)
   against the sum of the three engines' own lists (``GET /containers/json?all=1`` on each, one after
   the other — what a client asking each engine would wait);
2. the dashboard in Chromium with all of them: time from navigation to the table counting them all,
   and the app's resident memory after.

    python -m bench.engines [--per-engine 300] [--rounds 30] [--write]      (root: it makes network namespaces)
"""
from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from devtools.apprun import running_app
from devtools.netns_engine import NetnsEngine, netns_engine

from .common import ROOT, alternate, bench_main, engine_url, machine_info, workspace
from .scale import _browser, first_render

DOC = ROOT / 'docs' / 'benchmarks.md'
START = '<!-- bench:issue-16:start - written by `python -m bench.engines --write`; edits inside are overwritten -->'
END = '<!-- bench:issue-16:end -->'


def _fill(client: Any, image: str, count: int, prefix: str) -> float:
    api = client.api if hasattr(client, 'api') else client
    started = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: api.create_container(image, command=['true'], name=f'{prefix}-{i:04d}',
                                                     labels={'dockerdeployer.bench': '1'}), range(count)))
    return time.perf_counter() - started


def run(args: argparse.Namespace) -> dict[str, Any]:
    with workspace() as ws, netns_engine(7, image=ws.image, source=ws.client) as second, \
            netns_engine(8, image=ws.image, source=ws.client) as third:
        info = machine_info(ws.client)
        remotes: list[NetnsEngine] = [second, third]
        print(f'bench: {args.per_engine} containers on each of 3 engines ...', file=sys.stderr)
        started = time.perf_counter()
        ws.create_containers(args.per_engine)
        for r in remotes:
            _fill(r.client(), ws.image, args.per_engine, f'ddbench-e{r.index}')
        create_s = time.perf_counter() - started
        clients = [ws.api, *(r.client().api for r in remotes)]
        totals = [len(c.containers(all=True)) for c in clients]
        with running_app(env={'DOCKER_HOST': engine_url()}, prefix='dd-bench-engines-', startup_timeout=60) as app, \
                app.client(timeout=120) as http:
            for r in remotes:
                answer = http.post('/engines', json={'id': f'bench-{r.index}', 'url': r.url, 'ca': r.ca,
                                                     'cert': r.cert, 'key': r.key})
                if answer.status_code != 200:
                    raise RuntimeError(f'adding engine {r.url}: {answer.text}')
            deadline = time.monotonic() + 120
            while len(http.get('/containers', params={'engine': 'all'}).json()) < sum(totals):
                if time.monotonic() > deadline:
                    raise RuntimeError('the app did not list every engine\'s containers within 120 s')
                time.sleep(0.5)

            def ours() -> None:
                answer = http.get('/containers', params={'engine': 'all'})
                if answer.status_code != 200 or len(answer.json()) != sum(totals):
                    raise RuntimeError(f'GET /containers?engine=all: {answer.status_code}, {len(answer.json())} rows')

            def engines() -> None:
                for client in clients:
                    client.containers(all=True)
            listing = alternate({'ours': ours, 'engines': engines}, rounds=args.rounds, warmup=3)
            page = dashboard(app, sum(totals))
    return {'machine': info, 'per_engine': args.per_engine, 'totals': totals, 'create_s': create_s,
            'list': {k: v.to_dict() for k, v in listing.items()}, 'page': page, 'rounds': args.rounds}


def dashboard(app: Any, total: int) -> dict[str, Any]:
    manager, browser = _browser()
    try:
        _, seconds, rss = first_render(browser, app, total)
        return {'first_render_s': seconds, 'rss_after_render': rss}
    finally:
        browser.close()
        manager.stop()


def markdown(r: dict[str, Any]) -> str:
    m, ours, theirs, page = r['machine'], r['list']['ours'], r['list']['engines'], r['page']
    ratio = ours['median_ms'] / theirs['median_ms'] if theirs['median_ms'] else float('nan')
    mine = f"`GET /containers?engine=all` {ours['median_ms']:.1f} ms (p95 {ours['p95_ms']:.1f})"
    reference = (f"the three engines' own `GET /containers/json?all=1`, one after the other: "
                 f"{theirs['median_ms']:.1f} ms (p95 {theirs['p95_ms']:.1f})")
    return f"""## Issue 16: several engines (`python -m bench.engines --write`)

Three engines: the local one and two dockerd in network namespaces of their own, reached over
tcp:// with TLS (devtools/netns_engine.py); {r['per_engine']} containers on each
({sum(r['totals'])} in all). {m.get('nproc')} CPUs ({m.get('cpu')}), Docker {m.get('engine')}, commit
{m.get('commit')}, creating them took {r['create_s']:.0f} s.

| measure | DockerDeployer | reference | ratio |
|---|---|---|---|
| list every engine's containers, median of {r['rounds']} | {mine} | {reference} | {ratio:.2f} |
| dashboard first render with all {sum(r['totals'])} rows | {page['first_render_s']:.2f} s | | |
| app memory after it | {page['rss_after_render'] / 2**20:.0f} MiB | | |

Ours is served from each engine's event-fed cache (no engine call per request); the engines'
lists each read their containers from disk-backed state.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--per-engine', type=int, default=300)
    parser.add_argument('--rounds', type=int, default=30)
    return bench_main(parser, argv, run, markdown, doc=DOC, start=START, end=END)


if __name__ == '__main__':
    sys.exit(main())
