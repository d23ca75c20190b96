"""Cold start and idle footprint: `python app.py` to its first HTTP 200, and its resident
memory once idle, with no LLM configured (issue 6 targets: < 2 s, < 150 MB).

    python -m bench.startup [--rounds 5]       # prints; --write adds the section to docs/benchmarks.md
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from .common import ROOT, engine_url, free_port, stop_process, write_doc_section

DOC = ROOT / 'docs' / 'benchmarks.md'
START, END = '<!-- bench:startup:start -->', '<!-- bench:startup:end -->'


def rss_mb(pid: int) -> float:
    for line in Path(f'/proc/{pid}/status').read_text().splitlines():
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
    return float('nan')


def one_start(idle: float) -> tuple[float, float]:
    data = Path(tempfile.mkdtemp(prefix='dd-startup-'))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ('PYTEST_CURRENT_TEST', 'DEPLOYER_LLM_MODEL')}
    env.update(DEPLOYER_HOST='127.0.0.1', DEPLOYER_PORT=str(port), DEPLOYER_DATA_DIR=str(data / 'data'),
               DEPLOYER_TOKEN='bench-startup-token', DOCKER_HOST=engine_url())
    started = time.perf_counter()
    with open(data / 'app.log', 'wb') as log:
        process = subprocess.Popen([sys.executable, 'app.py'], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        while True:
            try:
                if httpx.get(f'http://127.0.0.1:{port}/health', timeout=0.5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.perf_counter() - started > 30:
                raise RuntimeError(f'the app did not start: {(data / "app.log").read_text()[-2000:]}')
            time.sleep(0.01)
        first_200 = time.perf_counter() - started
        time.sleep(idle)
        return first_200, rss_mb(process.pid)
    finally:
        stop_process(process)
        shutil.rmtree(data, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--rounds', type=int, default=5)
    parser.add_argument('--idle', type=float, default=5.0, help='seconds idle before reading memory')
    parser.add_argument('--write', action='store_true')
    args = parser.parse_args(argv)
    results = [one_start(args.idle) for _ in range(args.rounds)]
    starts, memory = [r[0] for r in results], [r[1] for r in results]
    start_ok, memory_ok = statistics.median(starts) < 2.0, statistics.median(memory) < 150
    load = ' '.join(f'{x:.2f}' for x in os.getloadavg())
    lines = [
        START, '## Issue 6: cold start and idle memory', '',
        f'Run on {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())} with `python -m bench.startup --write` '
        f'({args.rounds} starts, memory read after {args.idle:.0f} s idle; no LLM configured; load average {load}).', '',
        '| measured | median | max | target | result |', '|---|---|---|---|---|',
        f'| `python app.py` to the first HTTP 200 | {statistics.median(starts) * 1000:.0f} ms | {max(starts) * 1000:.0f} ms '
        f'| < 2 s | **{"pass" if start_ok else "FAIL"}** |',
        f'| resident memory when idle | {statistics.median(memory):.0f} MB | {max(memory):.0f} MB | < 150 MB '
        f'| **{"pass" if memory_ok else "FAIL"}** |', '', END]
    section = '\n'.join(lines)
    print(section)
    if args.write:
        write_doc_section(section, DOC, start=START, end=END)
    return 0 if start_ok and memory_ok else 1


if __name__ == '__main__':
    sys.exit(main())
