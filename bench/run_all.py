"""Run issue 2's benchmarks in one go on one engine and write the figures to docs/benchmarks.md.

    python -m bench.run_all [--containers 200] [--lines 100000] [--no-write] [--json FILE]
    make bench        # the same through scripts/bench.sh, which finds or starts an engine

One app process, one set of containers: 200 created (not started) containers plus one that
printed 100,000 lines; all carry the label ``dockerdeployer.bench=1`` and are removed at the end,
also on failure or SIGTERM. Exit status: 0 when every target is met, 1 when one is missed,
2 when the benchmark could not run.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from pathlib import Path
from typing import Any

from . import containers_list, logs
from .common import (
    ROOT,
    BenchError,
    app_server,
    exit_cleanly_on_sigterm,
    machine_info,
    timed,
    workspace,
)

DOC = ROOT / 'docs' / 'benchmarks.md'
START = '<!-- bench:issue-2:start - written by `python -m bench.run_all`; edits inside are overwritten -->'
END = '<!-- bench:issue-2:end -->'
HEADER = '''# Benchmarks

Figures measured by `bench/` against a real Docker engine, each side by side with the engine's
own tools in one run on the same machine and engine: compare the ratios, not the absolute times.
Each section below is rewritten by the command it names; text outside the sections is kept.

Run them with `make bench` (`scripts/bench.sh`: it finds or starts an engine like `make test`
does, then runs `python -m bench.run_all`), or with `python -m bench.run_all` and `DOCKER_HOST`
set to an engine. `python -m bench.containers_list` and `python -m bench.logs` run one part and
only print. `run_all` exits 0 when every target is met, 1 when one is missed, 2 when it could not
run; `--no-write` leaves this file alone, `--json FILE` keeps the raw figures.

Within each round the sides run one after the other in a rotating order, so a machine busy with
other work slows every side alike; the load average is recorded with the figures, and p95 is
the first figure to suffer from it.
'''

METHOD = ('Method: the app runs as `python app.py` (its own data dir and token) on 127.0.0.1 and is '
          'called through httpx with its default headers (so it answers gzip-compressed, as to a '
          'browser) and `Authorization: Bearer`; the engine list is a raw HTTP GET on its socket through '
          'httpx too. The list containers are created, not started, with the label '
          '`dockerdeployer.bench=1`; the log container ran `seq 1 100000` and exited. `docker logs` is '
          "timed as a subprocess, its start-up included. Every side reads the whole body; each side's "
          'line count is checked. Everything created is removed at the end.')


def run(args: argparse.Namespace) -> dict[str, Any]:
    with workspace() as ws:
        info = machine_info(ws.client)
        leftovers = ws.others()
        if leftovers:
            print(f'bench: note: {leftovers} bench containers of other runs are on the engine '
                  '(remove them with: docker rm -f $(docker ps -aq --filter label=dockerdeployer.bench=1))',
                  file=sys.stderr)
        print(f'bench: creating {args.containers} containers and one that prints {args.lines:,} lines ...',
              file=sys.stderr)
        create_s, _ = timed(lambda: ws.create_containers(args.containers))
        log_cid = logs.make_container(ws, args.lines)
        with app_server() as app:
            print('bench: GET /containers ...', file=sys.stderr)
            listing = containers_list.measure(ws, app, rounds=args.list_rounds, warmup=args.list_warmup)
            print(containers_list.report(listing), file=sys.stderr)
            print('bench: GET /logs ...', file=sys.stderr)
            log_result = logs.measure(ws, app, log_cid, lines=args.lines, rounds=args.logs_rounds,
                                      warmup=args.logs_warmup)
            print(logs.report(log_result), file=sys.stderr)
        info['load_after'] = ' '.join(f'{x:.2f}' for x in os.getloadavg())
    return {
        'when': time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()),
        'command': command_line(), 'machine': info, 'create_s': create_s,
        'containers_list': listing, 'logs': log_result,
        'passed': listing['passed'] and log_result['passed'],
    }


def command_line() -> str:
    """The command as Markdown: the wrapper that found the engine (scripts/bench.sh) if any."""
    cmd = ' '.join(['python -m bench.run_all', *map(shlex.quote, sys.argv[1:])])
    via = os.environ.get('DD_BENCH_VIA')
    if via:
        return f'`{via}`, which finds or starts an engine and runs `{cmd}`'
    return f'`{cmd}`, with `DOCKER_HOST` set to the engine'


def _ms(st: dict[str, Any]) -> str:
    return f'{st["median_ms"]:,.1f} / {st["p95_ms"]:,.1f}'


def _verdict(ok: bool) -> str:
    return '**pass**' if ok else '**FAIL**'


def markdown(r: dict[str, Any]) -> str:
    m, cl, lg = r['machine'], r['containers_list'], r['logs']
    cs, ls = cl['stats'], lg['stats']
    cli = ls['docker logs']
    rows = [
        (f'| `GET /containers`, {cl["containers"]} containers | {_ms(cs["app"])} '
         f'| engine `GET /containers/json?all=1` | {_ms(cs["engine"])} | {cl["ratio"]:.2f} (time) '
         f'| ≤ {cl["target"]} | {_verdict(cl["passed"])} |'),
    ]
    for name, label in (('app json', '`GET /logs/{id}` (JSON)'), ('app text', '`GET /logs/{id}?format=text`')):
        st = ls[name]
        rows.append(f'| {label}, {lg["lines"]:,} lines | {_ms(st)}; {st["lines_per_s"]:,.0f} lines/s '
                    f'| `docker logs <id> > /dev/null` | {_ms(cli)}; {cli["lines_per_s"]:,.0f} lines/s '
                    f'| {st["ratio"]:.2f} (throughput) | ≥ {lg["target"]} | {_verdict(st["passed"])} |')
    context = [f'| list, {cl["containers"]} containers | {name} | {_ms(st)} |'
               for name, st in cs.items() if name not in ('app', 'engine')]
    context += [f'| logs, {lg["lines"]:,} lines | {name} | {_ms(st)}; {st["lines_per_s"]:,.0f} lines/s |'
                for name, st in ls.items() if name not in ('app json', 'app text', 'docker logs')]
    return '\n'.join([
        START,
        '## Issue 2: container list and logs against the engine',
        '',
        f'Run on {r["when"]} at commit `{m["commit"] or "?"}` with {r["command"]}.',
        '',
        (f'Machine: {m["nproc"]} CPUs ({m["cpu"] or "?"}), {m["memory"] or "?"} memory, kernel {m["kernel"]}; '
         f'Docker engine {m["engine"]} (API {m["api_version"]}), CLI {m["docker_cli"] or "?"}; '
         f'Python {m["python"]}; load average before / after: {m["load"]} / {m["load_after"]}.'),
        '',
        (f'Times are median / p95 in ms over {cl["rounds"]} rounds for the list (after {cl["warmup"]} '
         f'warm-up) and {lg["rounds"]} for the logs (after {lg["warmup"]}); the sides alternate within '
         'each round.'),
        '',
        '| measured | ours: median / p95 ms | reference | reference: median / p95 ms | ratio | target | result |',
        '|---|---|---|---|---|---|---|',
        *rows,
        '',
        'Measured in the same rounds, for context (not gated):',
        '',
        '| bench | side | median / p95 ms |',
        '|---|---|---|',
        *context,
        '',
        METHOD,
        END,
    ])


def write_doc(section: str, path: Path = DOC) -> None:
    text = path.read_text() if path.exists() else HEADER
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip('\n') + '\n\n' + section + '\n'
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix('.md.tmp')
    tmp.write_text(text)
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m bench.run_all', description=__doc__.split('\n')[0])
    parser.add_argument('--containers', type=int, default=containers_list.CONTAINERS)
    parser.add_argument('--list-rounds', type=int, default=containers_list.ROUNDS)
    parser.add_argument('--list-warmup', type=int, default=containers_list.WARMUP)
    parser.add_argument('--lines', type=int, default=logs.LINES)
    parser.add_argument('--logs-rounds', type=int, default=logs.ROUNDS)
    parser.add_argument('--logs-warmup', type=int, default=logs.WARMUP)
    parser.add_argument('--no-write', action='store_true', help=f'do not update {DOC.relative_to(ROOT)}')
    parser.add_argument('--json', type=Path, help='also write the raw results to this file')
    args = parser.parse_args(argv)
    if args.list_rounds < 30 or args.logs_rounds < 5:
        parser.error('use at least 30 list rounds and 5 log rounds')
    exit_cleanly_on_sigterm()
    started = time.monotonic()
    try:
        result = run(args)
    except BenchError as exc:
        print(f'bench: {exc}', file=sys.stderr)
        return 2
    section = markdown(result)
    if not args.no_write:
        write_doc(section)
        print(f'bench: wrote {DOC.relative_to(ROOT)}', file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    print(section)
    print(f'bench: done in {time.monotonic() - started:.0f} s; '
          f'{"all targets met" if result["passed"] else "a target was missed"}', file=sys.stderr)
    return 0 if result['passed'] else 1


if __name__ == '__main__':
    raise SystemExit(main())
