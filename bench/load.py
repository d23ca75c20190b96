"""Load: many REST clients, log followers and browser (websocket) clients at once against the
running app and ~100 containers, counting every error, with the list latency and the app's
memory before and after (issue 6: zero errors, GET /containers p95 < 100 ms, RSS growth < 10 %).

    python -m bench.load [--write]            # 60 s, 50 REST clients, 10 followers, 5 browsers, 100 containers
    python -m bench.load --seconds 10 --clients 10 --followers 3 --browsers 1 --containers 20

A REST client is a loop: one request (list, list, inspect, status or history, at random), then a
pause of ``--think`` seconds on average (uniform between half and one and a half times it; 0 =
no pause, which measures saturation rather than latency). The reference is the engine's own API
under the same clients and followers (list, list, inspect, /info, list; log follows), run right
after the app's round on the same containers.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from .common import (
    ROOT,
    BenchError,
    app_server,
    engine_url,
    exit_cleanly_on_sigterm,
    percentile,
    workspace,
    write_doc_section,
)
from .startup import rss_mb

DOC = ROOT / 'docs' / 'benchmarks.md'
START, END = '<!-- bench:load:start -->', '<!-- bench:load:end -->'
WARM_UP_S, SETTLE_S = 5, 8

CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run']


@dataclass
class Tally:
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    list_ms: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)  # Server-Timing of the app's list responses
    probe_ms: list[float] = field(default_factory=list)  # the engine's own list, probed during the app's run
    lines: int = 0
    pages: int = 0
    pages_open_s: float = 0.0


APP_PATHS = {'list': '/containers', 'inspect': '/containers/{name}', 'status': '/status',
             'history': '/history?limit=20'}
ENGINE_PATHS = {'list': '/containers/json?all=1', 'inspect': '/containers/{name}/json', 'status': '/info',
                'history': '/containers/json?all=1'}  # the engine keeps no history: one more list


async def rest_client(client: httpx.AsyncClient, names: list[str], until: float, tally: Tally, *,
                      think: float, paths: dict[str, str]) -> None:
    while time.monotonic() < until:
        if think:
            await asyncio.sleep(random.uniform(think / 2, think * 1.5))
        kind = random.choice(('list', 'list', 'inspect', 'status', 'history'))
        path = paths[kind].format(name=random.choice(names))
        started = time.perf_counter()
        try:
            response = await client.get(path)
            if response.status_code != 200:
                tally.errors.append(f'{path}: {response.status_code} {response.text[:120]}')
        except httpx.HTTPError as exc:
            tally.errors.append(f'{path}: {type(exc).__name__} {exc}')
        else:
            if kind == 'list':
                tally.list_ms.append((time.perf_counter() - started) * 1000)
                timing = response.headers.get('server-timing', '')
                if timing.startswith('app;dur='):
                    tally.server_ms.append(float(timing[8:]))
        tally.requests += 1


async def follower(client: httpx.AsyncClient, name: str, until: float, tally: Tally, *, engine: bool) -> None:
    path = f'/containers/{name}/logs?follow=1&stdout=1&stderr=1&tail=5' if engine else f'/logs/{name}?follow=true&tail=5'
    try:
        async with client.stream('GET', path, timeout=None) as response:
            if response.status_code != 200:
                tally.errors.append(f'follow {name}: {response.status_code}')
                return
            async for line in response.aiter_lines():
                if engine or line.startswith('data:'):
                    tally.lines += 1
                if time.monotonic() >= until:
                    return
    except httpx.HTTPError as exc:
        tally.errors.append(f'follow {name}: {type(exc).__name__} {exc}')


def browsers(base_url: str, token: str, count: int, tally: Tally, ready: threading.Event,
             done: threading.Event) -> None:
    """Open ``count`` dashboards (then set ``ready``) and keep them open, checking they stay whole,
    until ``done``: the live table updates arrive over each page's websocket meanwhile."""
    from playwright.sync_api import sync_playwright
    try:
        with sync_playwright() as p:
            executable = '/usr/bin/chromium' if Path('/usr/bin/chromium').exists() else None
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                pages = []
                started = time.monotonic()
                for _ in range(count):
                    page = browser.new_page()
                    page.on('pageerror', lambda exc: tally.errors.append(f'page error: {exc}'))
                    page.goto(f'{base_url}/?token={token}')
                    try:
                        page.wait_for_selector('[data-testid=containers]', timeout=30000)
                    except Exception as exc:  # reported with what the page showed
                        text = ' '.join(page.inner_text('body').split())[:300] if page.locator('body').count() else ''
                        tally.errors.append(f'dashboard did not render ({type(exc).__name__}): url {page.url}, '
                                            f'title {page.title()!r}, text {text!r}')
                        continue
                    pages.append(page)
                    tally.pages += 1
                tally.pages_open_s = time.monotonic() - started
                ready.set()
                while not done.is_set():
                    for page in pages:
                        page.wait_for_timeout(250)
                        if page.locator('[data-testid=engine-state]').count() != 1:
                            tally.errors.append('a dashboard lost its header')
            finally:
                browser.close()
    finally:
        ready.set()


async def drive(base_url: str, token: str, names: list[str], args: argparse.Namespace, tally: Tally) -> None:
    """The browsers open their dashboards first; then the measured window: REST clients and log
    followers for ``args.seconds`` while the dashboards stay open and live."""
    ready, done = threading.Event(), threading.Event()
    ui = asyncio.create_task(asyncio.to_thread(browsers, base_url, token, args.browsers, tally, ready, done)
                             ) if args.browsers else None
    if ui is not None:
        await asyncio.to_thread(ready.wait)
    until = time.monotonic() + args.seconds
    headers = {'Authorization': f'Bearer {token}'}
    limits = httpx.Limits(max_connections=args.clients + args.followers + 10)
    try:
        async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30, limits=limits) as client:
            tasks = [rest_client(client, names, until, tally, think=args.think, paths=APP_PATHS)
                     for _ in range(args.clients)]
            tasks += [follower(client, names[i % len(names)], until, tally, engine=False)
                      for i in range(args.followers)]
            await asyncio.gather(*tasks, probe_engine(until, tally))
    finally:
        done.set()
        if ui is not None:
            await ui


async def probe_engine(until: float, tally: Tally) -> None:
    """The engine's own list, four times a second from the same process during the app's run: what
    the engine itself answers under exactly this machine load (the floor for anything that asks it)."""
    url = engine_url()
    if not url.startswith('unix://'):
        return
    transport = httpx.AsyncHTTPTransport(uds=url.removeprefix('unix://'))
    async with httpx.AsyncClient(base_url='http://docker', transport=transport, timeout=30) as client:
        while time.monotonic() < until:
            await asyncio.sleep(0.25)
            started = time.perf_counter()
            try:
                response = await client.get(ENGINE_PATHS['list'])
            except httpx.HTTPError as exc:
                tally.errors.append(f'engine probe: {type(exc).__name__} {exc}')
                continue
            if response.status_code == 200:
                tally.probe_ms.append((time.perf_counter() - started) * 1000)


async def drive_engine(names: list[str], args: argparse.Namespace, tally: Tally) -> None:
    """The same clients and followers against the engine's own API (the reference)."""
    url = engine_url()
    if not url.startswith('unix://'):
        raise BenchError(f'the reference run needs a unix-socket DOCKER_HOST, not {url}')
    until = time.monotonic() + args.seconds
    limits = httpx.Limits(max_connections=args.clients + args.followers + 10)
    transport = httpx.AsyncHTTPTransport(uds=url.removeprefix('unix://'), limits=limits)
    async with httpx.AsyncClient(base_url='http://docker', transport=transport, timeout=30) as client:
        tasks = [rest_client(client, names, until, tally, think=args.think, paths=ENGINE_PATHS)
                 for _ in range(args.clients)]
        tasks += [follower(client, names[i % len(names)], until, tally, engine=True) for i in range(args.followers)]
        await asyncio.gather(*tasks)


def start_containers(ws: Any, count: int, talkers: int) -> list[str]:
    """``count`` running containers (removed with ``ws``): the first ``talkers`` print a line every
    half second (the followers read them), the others idle like most services on a host."""
    names = []
    for i in range(count):
        name = f'ddbench-{ws.run_id}-load-{i:03d}'
        command = (['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "load $i"; sleep 0.5; done'] if i < talkers
                   else ['sleep', '86400'])
        cid = ws.api.create_container(ws.image, name=name, labels=ws.labels(), command=command,
                                      host_config=ws.api.create_host_config(init=True))['Id']
        ws.api.start(cid)
        names.append(name)
    return names


def _in_own_loop(coroutine_fn, *args: Any) -> None:
    """A thread of its own: the caller may already run an event loop (Playwright's sync API does)."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(lambda: asyncio.run(coroutine_fn(*args))).result()


def run(args: argparse.Namespace) -> dict[str, Any]:
    reference = Tally()
    with workspace() as ws, app_server() as app:
        names = start_containers(ws, args.containers, max(args.followers, 1))
        # warm up: a short round with one dashboard, so what is built once (page code, the stats
        # poller, caches) is in the baseline and the growth below is what the load itself left behind
        warm = argparse.Namespace(seconds=WARM_UP_S, clients=min(args.clients, 5), followers=min(args.followers, 1),
                                  browsers=min(args.browsers, 1), think=args.think)
        warm_tally = Tally()
        _in_own_loop(drive, app.base_url, app.token, names, warm, warm_tally)
        time.sleep(SETTLE_S)
        before = rss_mb(app.process.pid)
        tally = Tally()
        _in_own_loop(drive, app.base_url, app.token, names, args, tally)
        time.sleep(SETTLE_S)  # the browsers are gone: NiceGUI drops their pages after its reconnect timeout (3 s)
        after = rss_mb(app.process.pid)
        if getattr(args, 'reference', False):
            _in_own_loop(drive_engine, names, args, reference)
        tally.errors[:0] = [f'warm-up: {error}' for error in warm_tally.errors]
        log_tail = app.log_tail(60) if tally.errors else ''
    growth = (after - before) / before * 100 if before else 0.0
    result = {'seconds': args.seconds, 'clients': args.clients, 'followers': args.followers, 'browsers': args.browsers,
              'containers': args.containers, 'think_s': args.think, 'requests': tally.requests,
              'requests_per_s': round(tally.requests / args.seconds, 1), 'errors': tally.errors[:20],
              'error_count': len(tally.errors), 'log_lines': tally.lines, 'pages': tally.pages,
              'pages_open_s': round(tally.pages_open_s, 1),
              'list_p50_ms': _p(tally.list_ms, 50), 'list_p95_ms': _p(tally.list_ms, 95),
              'list_p99_ms': _p(tally.list_ms, 99), 'list_count': len(tally.list_ms),
              'server_p50_ms': _p(tally.server_ms, 50), 'server_p95_ms': _p(tally.server_ms, 95),
              'server_p99_ms': _p(tally.server_ms, 99),
              'probe_p50_ms': _p(tally.probe_ms, 50), 'probe_p95_ms': _p(tally.probe_ms, 95),
              'probe_p99_ms': _p(tally.probe_ms, 99),
              'rss_before_mb': round(before, 1), 'rss_after_mb': round(after, 1), 'rss_growth_pct': round(growth, 1),
              'app_log_tail': log_tail}
    if getattr(args, 'reference', False):
        result['engine'] = {'requests': reference.requests, 'error_count': len(reference.errors),
                            'errors': reference.errors[:5], 'log_lines': reference.lines,
                            'list_p50_ms': _p(reference.list_ms, 50), 'list_p95_ms': _p(reference.list_ms, 95),
                            'list_p99_ms': _p(reference.list_ms, 99)}
    return result


def _p(values: list[float], q: float) -> float | None:
    return round(percentile(values, q), 1) if values else None


def passed(result: dict[str, Any]) -> bool:
    return result['error_count'] == 0 and (result['list_p95_ms'] or 0) < 100 and result['rss_growth_pct'] < 10


def section(result: dict[str, Any], command: str) -> str:
    r, e = result, result.get('engine') or {}
    verdict = lambda ok: '**pass**' if ok else '**FAIL**'  # noqa: E731
    load = ' '.join(f'{x:.2f}' for x in os.getloadavg())
    lines = [
        START, '## Issue 6: load', '',
        f'Run on {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())} with `{command}`: {r["seconds"]:.0f} s, '
        f'{r["clients"]} REST clients (think time {r["think_s"]} s on average), {r["followers"]} log followers, '
        f'{r["browsers"]} browsers on the dashboard (websocket), {r["containers"]} running containers '
        f'({max(r["followers"], 1)} of them print a line every 0.5 s and are followed, the others idle; load '
        f'average after the run {load}).', '',
        '| measured | app | engine API (reference) | target | result |', '|---|---|---|---|---|',
        f'| errors | {r["error_count"]} of {r["requests"]} requests | {e.get("error_count", "–")} of '
        f'{e.get("requests", "–")} | 0 | {verdict(r["error_count"] == 0)} |',
        f'| `GET /containers` p50 / p95 / p99 | {r["list_p50_ms"]} / {r["list_p95_ms"]} / {r["list_p99_ms"]} ms '
        f'| {e.get("list_p50_ms", "–")} / {e.get("list_p95_ms", "–")} / {e.get("list_p99_ms", "–")} ms '
        f'| p95 < 100 ms | {verdict((r["list_p95_ms"] or 0) < 100)} |',
        f'| the same lists inside the app (`Server-Timing`) p50 / p95 / p99 | {r["server_p50_ms"]} / '
        f'{r["server_p95_ms"]} / {r["server_p99_ms"]} ms | | | |',
        f'| the engine\'s own list probed during the app\'s run, p50 / p95 / p99 | | {r["probe_p50_ms"]} / '
        f'{r["probe_p95_ms"]} / {r["probe_p99_ms"]} ms | | |',
        f'| requests per second | {r["requests_per_s"]} | | | |',
        f'| {r["pages"]} dashboards opened, one after the other, before the window | {r["pages_open_s"]} s | | | |',
        f'| log lines delivered to the followers | {r["log_lines"]} | {e.get("log_lines", "–")} | | |',
        f'| resident memory before → after (+{SETTLE_S} s) | {r["rss_before_mb"]} → {r["rss_after_mb"]} MB '
        f'({r["rss_growth_pct"]:+.1f} %) | | < 10 % | {verdict(r["rss_growth_pct"] < 10)} |', '',
        METHOD, END]
    return '\n'.join(lines)


METHOD = ('Method: `bench/load.py`. One `python app.py` (own data dir) on the engine; the REST clients and '
          'followers are httpx asyncio tasks in one process, the browsers one headless Chromium with one page '
          'each, all on the same 2-core machine as the app and the engine. A REST client loops: think, then one '
          'of list, list, inspect, status, history. The engine reference runs the same clients against the '
          'engine\'s socket (list, list, inspect, `/info`, list) and the same follows, without browsers. '
          f'Memory: VmRSS of the app {SETTLE_S} s after a {WARM_UP_S} s warm-up round (5 clients, 1 follower, '
          f'1 dashboard), and {SETTLE_S} s after the run. `Server-Timing`: the app\'s own time per request, from '
          'its authentication middleware to the response start; the difference to what clients measure is '
          'queueing on this saturated machine (the load generator, 5 Chromium pages, the engine and the app '
          'share 2 cores). The engine probe lists the engine\'s containers four times a second from the load '
          'generator during the app\'s run: the engine\'s own answer under the same load.')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--seconds', type=float, default=60)
    parser.add_argument('--clients', type=int, default=50)
    parser.add_argument('--followers', type=int, default=10)
    parser.add_argument('--browsers', type=int, default=5)
    parser.add_argument('--containers', type=int, default=100)
    parser.add_argument('--think', type=float, default=0.5, help='mean pause between a client\'s requests (s)')
    parser.add_argument('--no-reference', dest='reference', action='store_false',
                        help='skip the run against the engine\'s own API')
    parser.add_argument('--write', action='store_true', help=f'write the section into {DOC.relative_to(ROOT)}')
    args = parser.parse_args(argv)
    exit_cleanly_on_sigterm()
    result = run(args)
    print(json.dumps(result, indent=1))
    text = section(result, 'python -m bench.load ' + ' '.join(argv if argv is not None else sys.argv[1:]))
    print(text)
    if args.write:
        write_doc_section(text, DOC, start=START, end=END)
    return 0 if passed(result) else 1


if __name__ == '__main__':
    sys.exit(main())
