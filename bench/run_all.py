"""Run the benchmarks in one go on one engine and write the figures to docs/benchmarks.md.

    python -m bench.run_all [--only all|stacks|issue2|history|nlp|compose|editor] [--containers 200] [--lines 100000]
                            [--stack-rounds 7] [--history-records 100000] [--nlp-parses 5000]
                            [--no-write] [--json FILE]
    make bench        # the same through scripts/bench.sh, which finds or starts an engine

First the stacks (issue 3: a 3- and a 6-service stack deployed by ``POST /deploy`` against
``docker-compose up -d``), with an app process of their own; then issue 2's list and logs with
another one, on 200 created (not started) containers plus one that printed 100,000 lines; last
the history store (issue 4: append and filtered page latency at 100,000 records, no engine call);
then natural language (issue 5: corpus accuracy, parse latency in-process and over HTTP with an
app of its own); the compose regression corpus (issue 11, bench/compose_corpus.py); last the
compose editor's check as you type (issue 13, bench/editor_check.py).
Everything created carries the label ``dockerdeployer.bench=1`` (stacks: their own project
names) and is removed at the end, also on failure or SIGTERM. Each part rewrites its own
section of the document; ``--only`` runs (and rewrites) one. Exit status: 0 when every target
is met, 1 when one is missed, 2 when the benchmark could not run.
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

from . import compose_corpus, containers_list, editor_check, logs, stacks
from . import history as history_bench
from . import nlp as nlp_bench
from .common import (
    ROOT,
    BenchError,
    Workspace,
    app_server,
    exit_cleanly_on_sigterm,
    machine_info,
    timed,
    workspace,
    write_doc_section,
)

DOC = ROOT / 'docs' / 'benchmarks.md'
START = '<!-- bench:issue-2:start - written by `python -m bench.run_all`; edits inside are overwritten -->'
END = '<!-- bench:issue-2:end -->'
STACKS_START = '<!-- bench:issue-3:start - written by `python -m bench.run_all`; edits inside are overwritten -->'
STACKS_END = '<!-- bench:issue-3:end -->'
HISTORY_START = '<!-- bench:issue-4:start - written by `python -m bench.run_all`; edits inside are overwritten -->'
HISTORY_END = '<!-- bench:issue-4:end -->'
NLP_START = '<!-- bench:issue-5:start - written by `python -m bench.run_all`; edits inside are overwritten -->'
NLP_END = '<!-- bench:issue-5:end -->'
PARTS = ('stacks', 'issue2', 'history', 'nlp', 'compose', 'editor')
HEADER = '''# Benchmarks

Figures measured by `bench/` against a real Docker engine, each side by side with the engine's
own tools in one run on the same machine and engine: compare the ratios, not the absolute times.
Each section below is rewritten by the command it names; text outside the sections is kept.

Run them with `make bench` (`scripts/bench.sh`: it finds or starts an engine like `make test`
does, then runs `python -m bench.run_all`), or with `python -m bench.run_all` and `DOCKER_HOST`
set to an engine. `python -m bench.containers_list`, `python -m bench.logs`,
`python -m bench.stacks`, `python -m bench.history` and `python -m bench.nlp` run one part and
only print; `python -m bench.run_all --only stacks` (or `issue2`, `history`, `nlp`) runs one part
and rewrites only its section. `run_all` exits 0 when every target is met, 1 when one is missed, 2 when it could
not run; `--no-write` leaves this file alone, `--json FILE` keeps the raw figures.

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


STACKS_METHOD = (
    'Method: both sides deploy the same compose file, byte for byte (written by `bench/stacks.py`, '
    '`stack_document()`): 3 services web → api → db, or 6: proxy → web → api → (db, cache) and worker → '
    '(db, cache); networks `front` and `back` (api on both), a named volume for db (and cache), ports '
    'published on 127.0.0.1 high ports (2 or 3), `init: true`, `depends_on` in the plain list form (start '
    'order only: neither side waits for health). Images are stand-ins: the tests\' busybox image tagged '
    '`ddbench/<service>:<run id>`, present, so nothing is pulled; each runs `httpd -f` or `sleep`. Compose is '
    "Debian's v1 `/usr/bin/docker-compose -p <project> -f <file> up -d`, timed as a subprocess (its Python "
    'start-up included, as a user pays it; `docker-compose config -q` shows that fixed part). Ours is the '
    'whole `POST /deploy {"stack", "compose": <the file\'s text>}` call to `python app.py` over HTTP with '
    '`Authorization: Bearer`, which answers once every container is started. Cold: nothing of the project '
    'exists; no-op: the same command or request again with the stack running. After every round each side '
    'removes its stack untimed (`down -v`; `POST /stacks/<name>/action {"action": "remove", "volumes": '
    'true}`). Checked untimed: after a cold deploy both sides made as many running containers, networks and '
    'volumes; a no-op replaced no container (ours reports each one unchanged); after a removal nothing of the '
    'project is left. The two sides use different project names and never run at the same time. The engine '
    'floor is a third side in the cold rounds: the calls no cold deploy can avoid, made directly through '
    "docker-py's low-level client inside the benchmark process (create the networks and the volume(s), then, "
    'level by level of the dependency order, create, connect and start the containers, a level in parallel) '
    'with the very create bodies ours sends, and nothing else: no app, no parsing, no inspecting. Floor / '
    'compose is the best ratio that any deploy making those calls in that order can reach on this engine.')


def _note_leftovers(ws: Workspace) -> None:
    leftovers = ws.others()
    if leftovers:
        print(f'bench: note: {leftovers} bench containers of other runs are on the engine '
              '(remove them with: docker rm -f $(docker ps -aq --filter label=dockerdeployer.bench=1))',
              file=sys.stderr)


def run(args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {'when': time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()), 'command': command_line()}
    with workspace() as ws:
        info = machine_info(ws.client)
        out['machine'] = info
        _note_leftovers(ws)
        if 'stacks' in args.parts:
            # the app stops before the scratch goes: nothing it might still be doing survives the cleanup
            with stacks.scratch(ws) as sc, app_server() as app:
                out['stacks'] = stacks.measure(ws, app, sc, sizes=stacks.SIZES, rounds=args.stack_rounds,
                                               warmup=args.stack_warmup, noop=args.stack_noop,
                                               log=lambda line: print(line, file=sys.stderr))
            print(stacks.report(out['stacks']), file=sys.stderr)
            info['load_after_stacks'] = _load()
        if 'issue2' in args.parts:
            out.update(run_issue2(args, ws))
        if 'history' in args.parts:
            info['load_before_history'] = _load()
            out['history'] = history_bench.measure(records=args.history_records, appends=args.history_appends,
                                                   pages=args.history_pages,
                                                   log=lambda line: print(line, file=sys.stderr))
            print(history_bench.report(out['history']), file=sys.stderr)
        if 'nlp' in args.parts:
            info['load_before_nlp'] = _load()
            with app_server() as app:
                out['nlp'] = nlp_bench.measure(ws, app, parses=args.nlp_parses, http_parses=args.nlp_http_parses,
                                               log=lambda line: print(line, file=sys.stderr))
            print(nlp_bench.report(out['nlp']), file=sys.stderr)
        if 'compose' in args.parts:   # issue 11: the regression corpus, every accepted case deployed twice
            code = compose_corpus.main(['--deploy', *([] if args.no_write else ['--write'])])
            out['compose'] = {'passed': code == 0}
        if 'editor' in args.parts:   # issue 13: the editor's check as you type, against docker-compose config
            code = editor_check.main([] if args.no_write else ['--write'])
            out['editor'] = {'passed': code == 0}
        info['load_after'] = _load()
    parts = ('stacks', 'containers_list', 'logs', 'history', 'nlp', 'compose', 'editor')
    out['passed'] = all(out[part]['passed'] for part in parts if part in out)
    return out


def _load() -> str:
    return ' '.join(f'{x:.2f}' for x in os.getloadavg())


def run_issue2(args: argparse.Namespace, ws: Workspace) -> dict[str, Any]:
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
    return {'create_s': create_s, 'containers_list': listing, 'logs': log_result}


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


def _machine(m: dict[str, Any], before: str, after: str) -> str:
    return (f'Machine: {m["nproc"]} CPUs ({m["cpu"] or "?"}), {m["memory"] or "?"} memory, kernel {m["kernel"]}; '
            f'Docker engine {m["engine"]} (API {m["api_version"]}), CLI {m["docker_cli"] or "?"}; '
            f'Python {m["python"]}; load average before / after: {before} / {after}.')


def markdown_stacks(r: dict[str, Any]) -> str:
    m, st = r['machine'], r['stacks']
    rows, context = [], []
    for size, s in st['sizes'].items():
        x = s['stats']
        rows.append(f'| `POST /deploy`, {size} services, cold | {_ms(x["ours cold"])} | `docker-compose up -d`, cold '
                    f'| {_ms(x["compose cold"])} | {s["ratio"]:.2f} (time) | ≤ {st["target"]} '
                    f'| {_verdict(s["passed_cold"])} |')
        rows.append(f'| `POST /deploy`, {size} services, no-op | {_ms(x["ours no-op"])} '
                    f'| `docker-compose up -d`, no-op | {_ms(x["compose no-op"])} | {s["noop_vs_compose"]:.2f} (time) '
                    f'| median < {st["noop_target_ms"]:.0f} ms | {_verdict(s["passed_noop"])} |')
        context.append(f'| {size} services | `docker-compose -f <file> config -q` (start-up and parsing, no engine '
                       f'call) | {_ms(x["compose config"])} |')
        context.append(f'| {size} services | engine floor, cold (the create and start calls alone, see below): '
                       f'{s["floor_ratio"]:.2f} of compose; ours is {s["app_over_floor_ms"]:+,.0f} ms from it '
                       f'| {_ms(x["floor cold"])} |')
    first = next(iter(st['sizes'].values()))
    made = '; '.join(f'{size} services: {stacks.shape(s["made"])}' for size, s in st['sizes'].items())
    return '\n'.join([
        STACKS_START,
        '## Issue 3: deploying a stack against `docker-compose up -d`',
        '',
        f'Run on {r["when"]} at commit `{m["commit"] or "?"}` with {r["command"]}.',
        '',
        _machine(m, m['load'], m.get('load_after_stacks', m.get('load_after', '?'))) +
        f' docker-compose {st["compose_version"]} (Debian\'s v1).',
        '',
        (f'Times are median / p95 in ms over {first["rounds"]} rounds per size (after {first["warmup"]} '
         f'warm-up): one cold deploy per side and round, and {first["noop_per_round"]} no-op deploys after it '
         f'({first["rounds"] * first["noop_per_round"]} samples); the sides alternate within each round. '
         f'Each side made: {made}.'),
        '',
        '| measured | ours: median / p95 ms | reference | reference: median / p95 ms | ratio | target | result |',
        '|---|---|---|---|---|---|---|',
        *rows,
        '',
        'Measured in the same rounds, for context (not gated):',
        '',
        '| stack | measured | median / p95 ms |',
        '|---|---|---|',
        *context,
        '',
        STACKS_METHOD,
        STACKS_END,
    ])


HISTORY_METHOD = (
    'Method: `bench/history.py` fills a `History` (`deployer/history.py`) in a temporary dir through its own '
    '`append()`, the write path the app uses (each record an atomic, fsynced rewrite of the small active '
    'TinyDB segment; every {segment}th append also seals a segment: its read copy and index file), with '
    '{records:,} records of a realistic mix: {stacks} stacks, deploys, redeploys, scales, rollbacks, removals, '
    'container actions, pulls and template imports from the UI (45%), the REST API (35%), natural language '
    '(12%) and the system (8%), 10% of them failed with an error, their times spread over 90 days. At that '
    'size it times {appends:,} more appends, then {pages} first pages of {page_size} per filter mix (the '
    'filter values rotate: a different stack, action or window each time) and cursor walks 20 pages deep, '
    'each page timed; `get(id)` of random ids and reopening (close, open, answer the first page: the index '
    'is read back from the sealed segments\' index files) are measured for context. Everything runs in one '
    'process on the local disk; nothing is cached between the fill and the measurements but what the store '
    'itself keeps in memory.')


def markdown_history(r: dict[str, Any]) -> str:
    m, h = r['machine'], r['history']

    def ms(st: dict[str, Any]) -> str:
        return f'{st["median_ms"]:,.2f} / {st["p95_ms"]:,.2f} / {st["p99_ms"]:,.2f}'
    rows = [f'| `append()` at {h["records"]:,} records | {ms(h["append"])} | p99 < {h["append_target_ms"]:.0f} ms '
            f'| {_verdict(h["passed_append"])} |']
    for name, st in h['page'].items():
        rows.append(f'| a page of {h["page_size"]}, {name}: {st["mean_records"]:.0f} records found on average | {ms(st)} '
                    f'| p95 < {h["page_target_ms"]:.0f} ms | {_verdict(st["p95_ms"] < h["page_target_ms"])} |')
    context = [f'| `get(id)`, random ids | {ms(h["get"])} |',
               f'| reopen: open the folder and answer a first page | {ms(h["reopen"])} |']
    return '\n'.join([
        HISTORY_START,
        '## Issue 4: the history store at 100,000 records',
        '',
        f'Run on {r["when"]} at commit `{m["commit"] or "?"}` with {r["command"]}; '
        f'`python -m bench.history` runs the same and only prints.',
        '',
        _machine(m, m.get('load_before_history', m['load']), m['load_after']) +
        f' The store\'s files are on {h["filesystem"]}.',
        '',
        (f'{h["records"]:,} records filled through `append()` in {h["fill_s"]:,.0f} s '
         f'({h["fill_per_record_ms"]:.2f} ms per record on average, sealing included); {h["files"]} files, '
         f'{h["disk_bytes"] / 2**20:,.1f} MiB on disk (segments of {h["segment_size"]}). Times are '
         f'p50 / p95 / p99 in ms.'),
        '',
        '| measured | p50 / p95 / p99 ms | target | result |',
        '|---|---|---|---|',
        *rows,
        '',
        'Measured in the same run, for context (not gated):',
        '',
        '| measured | p50 / p95 / p99 ms |',
        '|---|---|',
        *context,
        '',
        HISTORY_METHOD.format(segment=h['segment_size'], records=h['records'], stacks=h['stacks'],
                              appends=h['appends'], pages=h['pages'], page_size=h['page_size']),
        HISTORY_END,
    ])


NLP_METHOD = (
    'Method: `bench/nlp.py`. Accuracy: every command of the public corpus (`{corpus}`) is checked by the '
    "test suite's own `check()` (`tests/nlp/corpus.py`), in-process: the service's `parse_command` (the "
    'embedded parser, then the checks done in code: names, policy warnings, risk) against a State built from '
    "the corpus's `state`, with only the live-state snapshot replaced (no engine); `tests/nlp/test_corpus.py` "
    'runs the same corpus through `POST /nlp/parse` on the real engine. In-process latency: '
    '`deployer.nlp.rules.parse` timed one call at a time with `perf_counter`, over a mix of {distinct} '
    'sentence patterns (lifecycle verbs and synonyms, typos, politeness, two requests in one sentence, logs '
    'with counts and durations, templates by keyword, run options, selectors, ambiguity, shell syntax, '
    'nonsense) filled with random names of a State of {containers} containers ({stacks} compose stacks of 2-6 '
    'services and plain containers, 70% running) and the {templates} built-in templates. HTTP latency: the '
    'same layout is made on the engine (created, not started, label `dockerdeployer.bench=1`, stacks as '
    'compose-labelled containers, names carrying the run id; removed at the end) and `POST /nlp/parse` is '
    'called on `python app.py` through httpx with `Authorization: Bearer`, one request at a time; every parse '
    "lists the engine's containers (the live state) and the template catalog, so the engine list (timed raw "
    'after every fourth request) is part of what a user waits for. Other containers on the engine are listed '
    'too: their count is given.')


def _fraction(v: dict[str, Any]) -> str:
    return f'{v["passed"]} / {v["total"]} = {v["rate"]:.1%}'


def markdown_nlp(r: dict[str, Any]) -> str:
    m, n = r['machine'], r['nlp']
    a, p = n['accuracy'], n['in_process']

    def ms(st: dict[str, Any]) -> str:
        return f'{st["median_ms"]:,.2f} / {st["p95_ms"]:,.2f} / {st["p99_ms"]:,.2f}'
    rows = [f'| corpus accuracy, {a["total"]} commands | {a["passed_cases"]} / {a["total"]} = {a["rate"]:.1%} '
            f'| ≥ {a["target"]:.0%} | {_verdict(a["passed"])} |',
            *([f'| evaluation set (tests/nlp/eval/), {n["eval"]["cases"]} commands of {n["eval"]["patterns"]} patterns: '
               f'held-back patterns | {_fraction(n["eval"]["splits"]["holdout"])} (tune '
               f'{_fraction(n["eval"]["splits"]["tune"])}) | ≥ {n["eval"]["target"]:.0%} | '
               f'{_verdict(n["eval"]["passed"])} |'] if 'eval' in n else []),
            f'| `rules.parse` in-process, {p["parses"]:,} parses, {p["containers"]} containers / {p["stacks"]} stacks '
            f'/ {p["templates"]} templates | {ms(p["stats"])} | p99 < {p["target_ms"]:.0f} ms | {_verdict(p["passed"])} |']
    context = [f'| service `parse_command` in-process (parser + checks in code), same commands | {ms(p["service"])} |']
    if 'http' in n:
        h = n['http']
        rows.append(f'| `POST /nlp/parse` over HTTP, {h["parses"]:,} parses, {h["engine_containers"]} containers on '
                    f'the engine ({h["layout"]} of the layout) | {ms(h["stats"])} | p99 < {h["target_ms"]:.0f} ms '
                    f'| {_verdict(h["passed"])} |')
        context.append(f'| engine `GET /containers/json?all=1`, raw, {h["engine_containers"]} containers | '
                       f'{ms(h["engine_list"])} |')
    failed = ''.join(f'\n- `{f["command"]}`: {f["problem"]}' for f in a['failures'])
    return '\n'.join([
        NLP_START,
        '## Issue 5: natural language — corpus accuracy and parse latency',
        '',
        f'Run on {r["when"]} at commit `{m["commit"] or "?"}` with {r["command"]}; '
        '`python -m bench.nlp` runs the same and only prints.',
        '',
        _machine(m, m.get('load_before_nlp', m['load']), m['load_after']),
        '',
        'Times are p50 / p95 / p99 in ms.',
        '',
        '| measured | result | target | verdict |',
        '|---|---|---|---|',
        *rows,
        '',
        'Measured in the same run, for context (not gated):',
        '',
        '| measured | p50 / p95 / p99 ms |',
        '|---|---|',
        *context,
        '',
        ('Corpus commands that failed:' + failed) if failed else 'Every corpus command passed.',
        '',
        NLP_METHOD.format(corpus=a['corpus'], distinct=p['distinct'], containers=p['containers'], stacks=p['stacks'],
                          templates=p['templates']),
        NLP_END,
    ])


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
        _machine(m, m.get('load_after_stacks', m['load']), m['load_after']),
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


def write_doc(section: str, path: Path = DOC, *, start: str = START, end: str = END) -> None:
    write_doc_section(section, path, start=start, end=end, header=HEADER)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m bench.run_all', description=__doc__.split('\n')[0])
    parser.add_argument('--containers', type=int, default=containers_list.CONTAINERS)
    parser.add_argument('--list-rounds', type=int, default=containers_list.ROUNDS)
    parser.add_argument('--list-warmup', type=int, default=containers_list.WARMUP)
    parser.add_argument('--lines', type=int, default=logs.LINES)
    parser.add_argument('--logs-rounds', type=int, default=logs.ROUNDS)
    parser.add_argument('--logs-warmup', type=int, default=logs.WARMUP)
    parser.add_argument('--stack-rounds', type=int, default=stacks.ROUNDS)
    parser.add_argument('--stack-warmup', type=int, default=stacks.WARMUP)
    parser.add_argument('--stack-noop', type=int, default=stacks.NOOP, help='no-op deploys per stack round and side')
    parser.add_argument('--history-records', type=int, default=history_bench.RECORDS)
    parser.add_argument('--history-appends', type=int, default=history_bench.APPENDS)
    parser.add_argument('--history-pages', type=int, default=history_bench.PAGES, help='timed pages per filter mix')
    parser.add_argument('--nlp-parses', type=int, default=nlp_bench.PARSES, help='timed in-process parses')
    parser.add_argument('--nlp-http-parses', type=int, default=nlp_bench.HTTP_PARSES, help='timed POST /nlp/parse')
    parser.add_argument('--only', choices=('all', *PARTS), default='all', help='run (and rewrite) one part only')
    parser.add_argument('--no-write', action='store_true', help=f'do not update {DOC.relative_to(ROOT)}')
    parser.add_argument('--json', type=Path, help='also write the raw results to this file')
    args = parser.parse_args(argv)
    if args.list_rounds < 30 or args.logs_rounds < 5:
        parser.error('use at least 30 list rounds and 5 log rounds')
    if args.stack_rounds < 5 or args.stack_noop < 1:
        parser.error('use at least 5 stack rounds and 1 no-op deploy per round')
    if args.history_appends < 1000 or args.history_pages < 20 or args.history_records < 1:
        parser.error('use at least 1,000 history appends, 20 pages per filter mix and one record')
    if args.nlp_parses < 2000 or args.nlp_http_parses < 2000:
        parser.error('use at least 2,000 in-process and 2,000 HTTP parses')
    args.parts = PARTS if args.only == 'all' else (args.only,)
    exit_cleanly_on_sigterm()
    started = time.monotonic()
    try:
        result = run(args)
    except BenchError as exc:
        print(f'bench: {exc}', file=sys.stderr)
        return 2
    sections = []  # in the document's order: a section without its markers yet is appended
    if 'containers_list' in result:
        sections.append((markdown(result), START, END))
    if 'stacks' in result:
        sections.append((markdown_stacks(result), STACKS_START, STACKS_END))
    if 'history' in result:
        sections.append((markdown_history(result), HISTORY_START, HISTORY_END))
    if 'nlp' in result:
        sections.append((markdown_nlp(result), NLP_START, NLP_END))
    for section, start, end in sections:
        if not args.no_write:
            write_doc(section, start=start, end=end)
    if sections and not args.no_write:
        print(f'bench: wrote {DOC.relative_to(ROOT)}', file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    print('\n\n'.join(section for section, _, _ in sections))
    print(f'bench: done in {time.monotonic() - started:.0f} s; '
          f'{"all targets met" if result["passed"] else "a target was missed"}', file=sys.stderr)
    return 0 if result['passed'] else 1


if __name__ == '__main__':
    raise SystemExit(main())
