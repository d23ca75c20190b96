"""Issue 15 at scale: 1,000 containers on the engine, 300 of them running.

1. ``GET /containers`` with 1,000 containers against the engine's own plain list (bench/containers_list.py's
   rounds; target: ratio of medians below 1.0 — ours is served from the event-fed cache);
2. the dashboard with 1,000 containers in Chromium: time from navigation to the table counting them all,
   and the app's resident memory after;
3. a storm: 200 containers created in ~10 s while a dashboard is open — for the last one, the time from the
   engine's create event to its row on the page (target: within 1 s);
4. the stats poller at 300 running containers: the app's CPU time over a minute with the poller on, against
   the same app with it off (DEPLOYER_NO_STATS=1), and what the hour of samples would take.

    python -m bench.scale [--containers 1000] [--running 300] [--storm 200] [--write]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from devtools.apprun import running_app

from . import containers_list
from .common import (
    ROOT,
    AppServer,
    Workspace,
    engine_url,
    exit_cleanly_on_sigterm,
    machine_info,
    timed,
    workspace,
    write_doc_section,
)

DOC = ROOT / 'docs' / 'benchmarks.md'
START = '<!-- bench:issue-15:start - written by `python -m bench.scale --write`; edits inside are overwritten -->'
END = '<!-- bench:issue-15:end -->'
CHROMIUM = '/usr/bin/chromium'


def _rss(pid: int) -> int:
    for line in Path(f'/proc/{pid}/status').read_text().splitlines():
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) * 1024
    return 0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def _app(stats: bool = True) -> Any:
    env = {'DOCKER_HOST': engine_url(), **({} if stats else {'DEPLOYER_NO_STATS': '1'})}
    return running_app(env=env, prefix='dd-bench-scale-', startup_timeout=60)


def _browser() -> Any:
    from playwright.sync_api import sync_playwright
    playwright = sync_playwright().start()
    executable = playwright.chromium.executable_path
    browser = playwright.chromium.launch(**({} if Path(executable).exists() else {
        'executable_path': CHROMIUM, 'args': ['--headless', '--no-sandbox', '--disable-gpu']}))
    return playwright, browser


def first_render(browser: Any, app: Any, total: int) -> tuple[Any, float, int]:
    """A signed-in page, then the time from navigating to the dashboard to its table counting all
    ``total`` containers, and the app's resident memory after: (page, seconds, bytes)."""
    page = browser.new_page(viewport={'width': 1280, 'height': 900})
    page.goto(f'{app.base_url}/?token={app.token}')
    started = time.perf_counter()
    page.goto(f'{app.base_url}/')
    page.wait_for_function(f"document.body.innerText.includes('{total:,} containers') || "
                           f"document.body.innerText.includes('{total} containers')", timeout=120_000)
    return page, time.perf_counter() - started, _rss(app.process.pid)


def dashboard(app: Any, total: int, storm: int, ws: Workspace) -> dict[str, Any]:
    manager, browser = _browser()
    try:
        page, first_render_s, rss_after_render = first_render(browser, app, total)
        # the storm: the page filters for the last container's name before it exists
        last = f'ddbench-{ws.run_id}-storm-{storm - 1:04d}'
        page.get_by_test_id('search').fill(last)
        page.wait_for_timeout(500)
        gap = 10.0 / storm
        created_at: dict[str, float] = {}

        def create(i: int) -> None:
            time.sleep(max(i * gap - (time.monotonic() - begin), 0))
            ws.api.create_container(ws.image, command=['true'], name=f'ddbench-{ws.run_id}-storm-{i:04d}',
                                    labels=ws.labels())
            created_at[str(i)] = time.monotonic()
        begin = time.monotonic()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(create, range(storm)))
        page.wait_for_selector(f'[data-testid="name-{last}"]', timeout=60_000)
        seen = time.monotonic()
        storm_s = time.monotonic() - begin
        return {'first_render_s': first_render_s, 'rss_after_render': rss_after_render, 'storm_created_s': storm_s,
                'last_row_after_create_s': seen - created_at[str(storm - 1)]}
    finally:
        browser.close()
        manager.stop()


def _dockerd() -> int | None:
    """The local dockerd's pid, when the engine runs on this machine (its CPU is the poller's other cost)."""
    for entry in Path('/proc').iterdir():
        if entry.name.isdigit():
            try:
                if (entry / 'comm').read_text().strip() == 'dockerd':
                    return int(entry.name)
            except OSError:
                continue
    return None


def poller(running: int, seconds: float, probe: str) -> dict[str, Any]:
    result: dict[str, Any] = {}
    engine_pid = _dockerd()
    for label, stats in (('on', True), ('off', False)):
        with _app(stats) as app:
            time.sleep(10)   # the first rounds (and the app's start) out of the way
            before, t0 = _cpu_seconds(app.process.pid), time.monotonic()
            engine_before = _cpu_seconds(engine_pid) if engine_pid else 0.0
            time.sleep(seconds)
            elapsed = time.monotonic() - t0
            used = _cpu_seconds(app.process.pid) - before
            result[label] = {'cpu_s': used, 'cpu_percent': used / elapsed * 100, 'rss': _rss(app.process.pid),
                             'engine_percent': ((_cpu_seconds(engine_pid) - engine_before) / elapsed * 100)
                             if engine_pid else None}
            if stats:
                with app.client() as api:
                    series = api.get(f'/containers/{probe}/stats', params={'seconds': seconds}).json()
                    status = api.get('/status').json()
                result['samples_per_container'] = len(series['t'])
                result['sampled'] = len(status.get('containers') or [])
    # an hour of samples: 1,800 per container, 32 bytes each (6 float32 figures and a float64 time)
    result['hour_bytes'] = running * 1800 * 32
    return result


def run(args: argparse.Namespace) -> dict[str, Any]:
    with workspace() as ws:
        info = machine_info(ws.client)
        print(f'bench: creating {args.containers} containers, {args.running} of them running ...', file=sys.stderr)
        create_s, ids = timed(lambda: ws.create_containers(args.containers - args.running))

        def start(i: int) -> None:
            cid = ws.api.create_container(ws.image, command=['sleep', '3600'], name=f'ddbench-{ws.run_id}-run-{i:04d}',
                                          labels=ws.labels(), host_config=ws.api.create_host_config(init=True))['Id']
            ws.api.start(cid)
        start_s, _ = timed(lambda: list(ThreadPoolExecutor(8).map(start, range(args.running))))
        total = len(ws.api.containers(all=True))
        print(f'bench: {total} containers on the engine; GET /containers ...', file=sys.stderr)
        with _app() as app:
            server = AppServer(app.base_url, app.token, app.data_dir, app.log_path, app.process)
            time.sleep(5)
            listing = containers_list.measure(ws, server, rounds=args.rounds, warmup=5, context=False)
            print('bench: the dashboard and the storm ...', file=sys.stderr)
            page = dashboard(app, total, args.storm, ws)
        print(f'bench: the stats poller at {args.running} running containers ...', file=sys.stderr)
        stats = poller(args.running, args.seconds, f'ddbench-{ws.run_id}-run-0000')
    return {'machine': info, 'containers': total, 'running': args.running, 'create_s': create_s, 'start_s': start_s,
            'list': listing, 'page': page, 'poller': stats, 'storm': args.storm, 'seconds': args.seconds}


def markdown(r: dict[str, Any]) -> str:
    m, listing, page, poller_ = r['machine'], r['list'], r['page'], r['poller']
    app, engine = listing['stats']['app'], listing['stats']['engine']
    ratio = app['median_ms'] / engine['median_ms'] if engine['median_ms'] else float('inf')
    on, off = poller_['on'], poller_['off']
    verdict = lambda ok: '**pass**' if ok else '**miss**'   # noqa: E731
    return '\n'.join([
        START, '## Issue 15: 1,000 containers', '',
        f'Run on {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())} at commit `{m["commit"]}` with '
        f'`python -m bench.scale --write`. Machine: {m["nproc"]} CPUs, {m["memory"]}; Docker engine {m["engine"]}; '
        f'Python {m["python"]}; load before: {m["load"]}.', '',
        f'{r["containers"]} containers on the engine, {r["running"]} of them running (`sleep`), the rest created.', '',
        '| measured | ours | reference | result |', '|---|---|---|---|',
        f'| `GET /containers`, {r["containers"]} containers, median / p95 | {app["median_ms"]:.1f} / '
        f'{app["p95_ms"]:.1f} ms | engine `GET /containers/json?all=1`: {engine["median_ms"]:.1f} / '
        f'{engine["p95_ms"]:.1f} ms | ratio {ratio:.2f} (target < 1.0): {verdict(ratio < 1.0)} |',
        f'| dashboard first render, {r["containers"]} containers (navigation to the table counting them all) | '
        f'{page["first_render_s"]:.2f} s | — | app memory after: {page["rss_after_render"] / 2**20:.0f} MiB |',
        f'| storm: {r["storm"]} containers created in {page["storm_created_s"]:.1f} s, the last one\'s row on an open '
        f'dashboard after its create | {page["last_row_after_create_s"]:.2f} s | target ≤ 1 s | '
        f'{verdict(page["last_row_after_create_s"] <= 1.0)} |',
        f'| stats poller at {r["running"]} running containers: the app\'s CPU over {r["seconds"]:.0f} s | '
        f'{on["cpu_percent"]:.1f} % of one CPU (poller on) | {off["cpu_percent"]:.1f} % (poller off, DEPLOYER_NO_STATS=1) | '
        f'the poller costs {on["cpu_percent"] - off["cpu_percent"]:.1f} points in the app; RSS {on["rss"] / 2**20:.0f} / '
        f'{off["rss"] / 2**20:.0f} MiB |',
        f'| the same minute: samples the poller took | {poller_["samples_per_container"]} per container '
        f'({poller_["samples_per_container"] / (r["seconds"] / 2) * 100:.0f} % of one every 2 s), '
        f'{poller_["sampled"]} containers with figures | — | the engine answering them: '
        + (f'dockerd {on["engine_percent"]:.0f} % of one CPU with the poller, {off["engine_percent"]:.0f} % without |'
           if on['engine_percent'] is not None else 'dockerd not on this machine |'),
        f'| an hour of samples for {r["running"]} containers (charts) | {poller_["hour_bytes"] / 2**20:.1f} MiB of '
        f'arrays (1,800 samples × 32 bytes each) | — | bounded by design |', '',
        'Method: containers are made through the low-level API with the label `dockerdeployer.bench=1` and removed at the '
        'end. The list is bench/containers_list.py\'s rounds (httpx, the app gzip-compressed as to a browser, the '
        'engine\'s raw list on its socket). The page is Chromium through Playwright; the storm creates one container '
        'every 10/storm s from 8 threads while the page filters for the last name. The poller is measured from '
        '/proc/<pid>/stat of `python app.py` over the same minute with the poller on and then off.',
        END])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--containers', type=int, default=1000)
    parser.add_argument('--running', type=int, default=300)
    parser.add_argument('--storm', type=int, default=200)
    parser.add_argument('--rounds', type=int, default=20)
    parser.add_argument('--seconds', type=float, default=60.0)
    parser.add_argument('--write', action='store_true')
    args = parser.parse_args(argv)
    exit_cleanly_on_sigterm()
    result = run(args)
    text = markdown(result)
    print(text)
    if args.write:
        write_doc_section(text, DOC, start=START, end=END)
    return 0


if __name__ == '__main__':
    sys.exit(main())
