"""The history store at 100,000 records: append latency, filtered page latency, reopening.

A ``History`` in a temporary dir is filled through its own ``append`` (the real write path:
every record an atomic, fsynced rewrite of the active segment, sealed every SEGMENT_SIZE) with
a realistic mix: 50 stacks, deploys, updates, scales, rollbacks, removals, container actions and
template imports from the UI, the REST API, natural language and the system, 10% of them
failed with an error, spread over 90 days. Then, at 100,000 records:

* append: ``--appends`` more appends (p50 / p95 / p99; every SEGMENT_SIZE-th one also seals a
  segment), target p99 < 5 ms;
* filtered pages: ``--pages`` first pages of 50 for each filter mix (a stack, an action, a
  source with failures, a time window, the rare stack + action + ok=false, …), the filter
  values rotating; and cursor walks 20 pages deep (each page timed); target p95 < 50 ms;
* reopening: close, open again and answer the first page (the index is read from the sealed
  segments' index files), median of 5; not gated;
* ``get(id)`` of random ids, for context.

No engine is needed.

    python -m bench.history [--records 100000] [--appends 2000] [--pages 200] [--keep DIR]
"""
from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from deployer.history import SEGMENT_SIZE, History

from .common import Stats, exit_cleanly_on_sigterm, percentile

RECORDS = 100_000
APPENDS = 2_000
PAGES = 200
DEPTH = 20                 # pages per cursor walk
PAGE_SIZE = 50
STACKS = 50
APPEND_TARGET_MS = 5.0     # p99
PAGE_TARGET_MS = 50.0      # p95, every filter mix
DAYS = 90
ACTIONS = (  # (action, weight, makes a commit)
    ('deploy', 22, True), ('redeploy', 8, False), ('scale', 8, True), ('rollback', 4, True), ('remove', 3, True),
    ('container.restart', 20, False), ('container.stop', 12, False), ('container.start', 12, False),
    ('pull', 5, False), ('template.import', 1, True), ('template.save', 1, True),
)
SOURCES = (('ui', 45), ('rest', 35), ('nl', 12), ('system', 8))
FAILURE_RATE = 0.10


def stack_names() -> list[str]:
    return [f'{word}-{n}' for n, word in zip(range(STACKS), ('blog', 'shop', 'wiki', 'mail', 'chat') * 10, strict=True)]


class Generator:
    """Realistic records, reproducible from the seed; times ascend over ``DAYS`` days."""

    def __init__(self, total: int, seed: int = 4) -> None:
        self.rng = random.Random(seed)
        self.stacks = stack_names()
        self.start = time.time() - DAYS * 86400
        self.step = DAYS * 86400 / max(total, 1)
        self.n = 0
        self.actions = [a for a, w, _ in ACTIONS for _ in range(w)]
        self.commits = {a for a, _, c in ACTIONS if c}
        self.sources = [s for s, w in SOURCES for _ in range(w)]

    def next(self) -> dict[str, Any]:
        rng, n = self.rng, self.n
        self.n += 1
        action, source = rng.choice(self.actions), rng.choice(self.sources)
        stack = rng.choice(self.stacks)
        failed = rng.random() < FAILURE_RATE
        target = stack if not action.startswith(('container.', 'template.')) else (
            f'{stack}-web-1' if action.startswith('container.') else 'https://example.com/templates.json')
        params: dict[str, Any] = {}
        if action == 'deploy':
            params = {'env': {'MODE': rng.choice(('prod', 'dev')), 'PORT': str(8000 + rng.randrange(1000))},
                      'template': rng.choice(('wordpress', 'ghost', 'nextcloud'))}
        elif action == 'scale':
            params = {'service': 'web', 'replicas': rng.randrange(0, 6)}
        elif action == 'rollback':
            params = {'to': f'{rng.getrandbits(160):040x}'}
        reason = {'ui': f'{action} button on the {stack} page', 'rest': f'POST /stacks/{stack}/action',
                  'nl': f'please {action.split(".")[-1]} {stack}', 'system': 'DockerDeployer itself'}[source]
        return {
            'source': source, 'actor': {'ui': 'browser session', 'rest': 'api token', 'nl': 'browser session',
                                        'system': 'system'}[source],
            'action': action, 'target': target, 'stack': None if action == 'template.import' else stack,
            'reason': reason, 'params': params, 'ok': not failed,
            'result': '' if failed else rng.choice(('1 created', '2 recreated, 1 unchanged', 'no change', 'running')),
            'error': f'service web: image {stack}:latest could not be pulled: timeout' if failed else None,
            'duration_ms': rng.uniform(5, 4000),
            'revision': f'{rng.getrandbits(160):040x}' if action in self.commits and not failed else None,
            'at': self.start + n * self.step + rng.uniform(0, self.step / 2),
        }


def fill(history: History, total: int, gen: Generator, log: Callable[[str], None] | None = None) -> float:
    started = time.perf_counter()
    for i in range(total):
        history.append(**gen.next())
        if log and (i + 1) % 20_000 == 0:
            log(f'bench: {i + 1:,} records in {time.perf_counter() - started:.0f} s')
    return time.perf_counter() - started


def filter_mixes(stacks: list[str]) -> dict[str, Callable[[int], dict[str, Any]]]:
    """name -> (round -> the query's filters); values rotate so no two rounds ask the same."""
    end = time.time()
    return {
        'newest page, no filter': lambda i: {},
        'stack': lambda i: {'stack': stacks[i % len(stacks)]},
        'action': lambda i: {'action': ('deploy', 'scale', 'container.restart', 'remove')[i % 4]},
        'source + ok=false': lambda i: {'source': ('ui', 'rest', 'nl', 'system')[i % 4], 'ok': False},
        'stack + time window (one week, 30-60 days ago)': lambda i: {
            'stack': stacks[i % len(stacks)], 'since': end - (60 - i % 30) * 86400, 'until': end - (53 - i % 30) * 86400},
        'rare: stack + action + ok=false': lambda i: {
            'stack': stacks[i % len(stacks)], 'action': ('rollback', 'remove', 'scale')[i % 3], 'ok': False},
        'rarer: action + source + ok=false': lambda i: {
            'action': ('template.import', 'template.save')[i % 2], 'source': ('system', 'nl')[i % 2], 'ok': False},
        'time window only (one day, 30-60 days ago)': lambda i: {
            'since': end - (60 - i % 30) * 86400, 'until': end - (59 - i % 30) * 86400},
        'nothing matches: a stack, since tomorrow': lambda i: {'stack': stacks[i % len(stacks)], 'since': end + 86400},
        'nothing matches: since tomorrow, no other filter': lambda i: {'since': end + 86400 + i},
    }


def measure(*, records: int = RECORDS, appends: int = APPENDS, pages: int = PAGES, folder: Path | None = None,
            log: Callable[[str], None] | None = None) -> dict[str, Any]:
    with _folder(folder) as path:
        gen = Generator(records + appends)
        history = History(path)
        if log:
            log(f'bench: filling a history with {records:,} records through append() ...')
        fill_s = fill(history, records, gen, log)
        assert history.count() == records

        samples: list[float] = []
        for _ in range(appends):
            data = gen.next()
            t = time.perf_counter()
            history.append(**data)
            samples.append(time.perf_counter() - t)
        total = records + appends
        assert history.count() == total
        append = _stats(samples)

        stacks = stack_names()
        page_stats: dict[str, dict[str, Any]] = {}
        for name, make in filter_mixes(stacks).items():
            times, found = [], 0
            for i in range(pages):
                filters = make(i)
                t = time.perf_counter()
                page = history.query(limit=PAGE_SIZE, **filters)
                times.append(time.perf_counter() - t)
                found += len(page.records)
            page_stats[name] = {**_stats(times), 'mean_records': found / pages}

        walk_times: list[float] = []
        walked = 0
        for i in range(max(1, pages // DEPTH)):
            filters = {'stack': stacks[i % len(stacks)]} if i % 2 else {}
            cursor = None
            for _ in range(DEPTH):
                t = time.perf_counter()
                page = history.query(limit=PAGE_SIZE, cursor=cursor, **filters)
                walk_times.append(time.perf_counter() - t)
                walked += len(page.records)
                cursor = page.next_cursor
                if cursor is None:
                    break
        page_stats[f'cursor walks, {DEPTH} pages deep (no filter / a stack)'] = {
            **_stats(walk_times), 'mean_records': walked / len(walk_times)}

        rng = random.Random(7)
        gets = []
        for _ in range(pages):
            rid = rng.randrange(1, total + 1)
            t = time.perf_counter()
            history.get(rid)
            gets.append(time.perf_counter() - t)

        reopen = []
        history.close()
        for _ in range(5):
            t = time.perf_counter()
            history = History(path)
            history.query(limit=PAGE_SIZE, stack=stacks[0])
            reopen.append(time.perf_counter() - t)
            assert history.count() == total
            history.close()
        size = sum(p.stat().st_size for p in path.iterdir())
        files = len(list(path.iterdir()))
        filesystem = _filesystem(path)

    page_p95 = max(s['p95_ms'] for s in page_stats.values())
    return {
        'records': records, 'appends': appends, 'pages': pages, 'page_size': PAGE_SIZE, 'stacks': STACKS,
        'segment_size': SEGMENT_SIZE, 'fill_s': fill_s, 'fill_per_record_ms': fill_s / records * 1e3,
        'append': append, 'page': page_stats, 'get': _stats(gets), 'reopen': _stats(reopen),
        'disk_bytes': size, 'files': files, 'filesystem': filesystem,
        'append_target_ms': APPEND_TARGET_MS, 'page_target_ms': PAGE_TARGET_MS, 'page_worst_p95_ms': page_p95,
        'passed_append': append['p99_ms'] < APPEND_TARGET_MS, 'passed_page': page_p95 < PAGE_TARGET_MS,
        'passed': append['p99_ms'] < APPEND_TARGET_MS and page_p95 < PAGE_TARGET_MS,
    }


def _stats(samples: list[float]) -> dict[str, Any]:
    st = Stats(tuple(samples)).to_dict()
    st['p99_ms'] = percentile(samples, 99) * 1e3
    return st


@contextlib.contextmanager
def _folder(folder: Path | None) -> Iterator[Path]:
    if folder is not None:
        if folder.exists() and any(folder.iterdir()):
            raise SystemExit(f'bench: {folder} is not empty')
        yield folder
        return
    tmp = Path(tempfile.mkdtemp(prefix='dd-bench-history-'))
    try:
        yield tmp / 'history'
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _filesystem(path: Path) -> str:
    """The type of the file system holding ``path`` (fsync cost depends on it)."""
    best, kind = '', '?'
    with contextlib.suppress(OSError):
        real = os.path.realpath(path)
        for line in Path('/proc/mounts').read_text().splitlines():
            parts = line.split()
            if len(parts) > 2 and (real == parts[1] or real.startswith(parts[1].rstrip('/') + '/')) and \
                    len(parts[1]) > len(best):
                best, kind = parts[1], parts[2]
    return kind


def report(r: dict[str, Any]) -> str:
    def row(name: str, st: dict[str, Any]) -> str:
        return (f'  {name:<60} p50 {st["median_ms"]:7.2f} ms   p95 {st["p95_ms"]:7.2f} ms   '
                f'p99 {st["p99_ms"]:7.2f} ms   n {st["n"]}')
    lines = [f'history: {r["records"]:,} records filled through append() in {r["fill_s"]:.0f} s '
             f'({r["fill_per_record_ms"]:.2f} ms each), {r["files"]} files, {r["disk_bytes"] / 2**20:.1f} MiB '
             f'on {r["filesystem"]}',
             row(f'append at {r["records"]:,}', r['append'])]
    lines += [row(f'page: {name}', st) for name, st in r['page'].items()]
    lines += [row('get(id), random ids', r['get']), row('reopen + first page', r['reopen'])]
    lines.append(f'  append p99 {r["append"]["p99_ms"]:.2f} ms (target < {r["append_target_ms"]:.0f} ms): '
                 f'{"PASS" if r["passed_append"] else "FAIL"}')
    lines.append(f'  filtered page, worst p95 {r["page_worst_p95_ms"]:.2f} ms (target < {r["page_target_ms"]:.0f} ms): '
                 f'{"PASS" if r["passed_page"] else "FAIL"}')
    return '\n'.join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m bench.history', description=__doc__.split('\n')[0])
    parser.add_argument('--records', type=int, default=RECORDS)
    parser.add_argument('--appends', type=int, default=APPENDS, help='timed appends at the full size (at least 1,000)')
    parser.add_argument('--pages', type=int, default=PAGES, help='timed pages per filter mix')
    parser.add_argument('--keep', type=Path, help='fill this (empty or new) folder and keep it')
    args = parser.parse_args(argv)
    if args.appends < 1000 or args.pages < 20 or args.records < 1:
        parser.error('use at least 1,000 appends, 20 pages per mix and one record')
    exit_cleanly_on_sigterm()
    result = measure(records=args.records, appends=args.appends, pages=args.pages, folder=args.keep,
                     log=lambda line: print(line, file=sys.stderr))
    print(report(result))
    return 0 if result['passed'] else 1


if __name__ == '__main__':
    raise SystemExit(main())
