"""Load: many REST clients, log followers and browser (websocket) clients at once against the
running app and ~100 containers, counting every error, with the list latency and the app's
memory before and after (issue 6: zero errors, GET /containers p95 < 100 ms, RSS growth < 10 %).

    python -m bench.load                      # 60 s, 50 REST clients, 10 followers, 5 browsers, 100 containers
    python -m bench.load --seconds 10 --clients 10 --followers 3 --browsers 1 --containers 20   # what CI runs
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from .common import app_server, percentile, workspace
from .startup import rss_mb

CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run']


@dataclass
class Tally:
    requests: int = 0
    errors: list[str] = field(default_factory=list)
    list_ms: list[float] = field(default_factory=list)
    lines: int = 0
    pages: int = 0


async def rest_client(client: httpx.AsyncClient, names: list[str], until: float, tally: Tally) -> None:
    while time.monotonic() < until:
        kind = random.choice(('list', 'list', 'inspect', 'status', 'history'))
        path = {'list': '/containers', 'inspect': f'/containers/{random.choice(names)}', 'status': '/status',
                'history': '/history?limit=20'}[kind]
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
        tally.requests += 1


async def follower(client: httpx.AsyncClient, name: str, until: float, tally: Tally) -> None:
    try:
        async with client.stream('GET', f'/logs/{name}?follow=true&tail=5', timeout=None) as response:
            if response.status_code != 200:
                tally.errors.append(f'follow {name}: {response.status_code}')
                return
            async for line in response.aiter_lines():
                if line.startswith('data:'):
                    tally.lines += 1
                if time.monotonic() >= until:
                    return
    except httpx.HTTPError as exc:
        tally.errors.append(f'follow {name}: {type(exc).__name__} {exc}')


def browsers(base_url: str, token: str, count: int, seconds: float, tally: Tally) -> None:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        executable = '/usr/bin/chromium' if Path('/usr/bin/chromium').exists() else None
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            pages = []
            for _ in range(count):
                page = browser.new_page()
                page.on('pageerror', lambda exc: tally.errors.append(f'page error: {exc}'))
                page.goto(f'{base_url}/?token={token}')
                page.wait_for_selector('[data-testid=containers]', timeout=15000)
                pages.append(page)
                tally.pages += 1
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                for page in pages:
                    page.wait_for_timeout(250)
                    if page.locator('[data-testid=engine-state]').count() != 1:
                        tally.errors.append('a dashboard lost its header')
        finally:
            browser.close()


async def drive(base_url: str, token: str, names: list[str], args: argparse.Namespace, tally: Tally) -> None:
    until = time.monotonic() + args.seconds
    headers = {'Authorization': f'Bearer {token}'}
    limits = httpx.Limits(max_connections=args.clients + args.followers + 10)
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30, limits=limits) as client:
        tasks = [rest_client(client, names, until, tally) for _ in range(args.clients)]
        tasks += [follower(client, names[i % len(names)], until, tally) for i in range(args.followers)]
        ui = asyncio.to_thread(browsers, base_url, token, args.browsers, args.seconds, tally) if args.browsers else None
        await asyncio.gather(*tasks, *([ui] if ui else []))


def start_containers(ws: Any, count: int) -> list[str]:
    """``count`` running containers that print a line every half second (removed with ``ws``)."""
    names = []
    for i in range(count):
        name = f'ddbench-{ws.run_id}-load-{i:03d}'
        cid = ws.api.create_container(ws.image, name=name, labels=ws.labels(), host_config=ws.api.create_host_config(
            init=True), command=['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "load $i"; sleep 0.5; done'])['Id']
        ws.api.start(cid)
        names.append(name)
    return names


def run(args: argparse.Namespace) -> dict[str, Any]:
    with workspace() as ws, app_server() as app:
        names = start_containers(ws, args.containers)
        for _ in range(3):  # warm up: the app's caches and the stats streams
            httpx.get(f'{app.base_url}/containers', headers={'Authorization': f'Bearer {app.token}'}, timeout=30)
        time.sleep(2)
        before = rss_mb(app.process.pid)
        tally = Tally()
        # a thread of its own: the caller may already run an event loop (Playwright's sync API does)
        with ThreadPoolExecutor(1) as pool:
            pool.submit(lambda: asyncio.run(drive(app.base_url, app.token, names, args, tally))).result()
        time.sleep(3)
        after = rss_mb(app.process.pid)
    growth = (after - before) / before * 100 if before else 0.0
    return {'seconds': args.seconds, 'clients': args.clients, 'followers': args.followers, 'browsers': args.browsers,
            'containers': args.containers, 'requests': tally.requests, 'errors': tally.errors[:20],
            'error_count': len(tally.errors), 'log_lines': tally.lines, 'pages': tally.pages,
            'list_p50_ms': percentile(tally.list_ms, 50) if tally.list_ms else None,
            'list_p95_ms': percentile(tally.list_ms, 95) if tally.list_ms else None,
            'rss_before_mb': round(before, 1), 'rss_after_mb': round(after, 1), 'rss_growth_pct': round(growth, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--seconds', type=float, default=60)
    parser.add_argument('--clients', type=int, default=50)
    parser.add_argument('--followers', type=int, default=10)
    parser.add_argument('--browsers', type=int, default=5)
    parser.add_argument('--containers', type=int, default=100)
    args = parser.parse_args(argv)
    result = run(args)
    print(json.dumps(result, indent=1))
    ok = (result['error_count'] == 0 and (result['list_p95_ms'] or 0) < 100 and result['rss_growth_pct'] < 10)
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
