"""Issue 14's working tool: every evaluation case (the generated set and the people sets) parsed once and
kept as a snapshot, two snapshots compared case by case, and the held-back failures counted by kind.

Held-back sentences (split ``holdout``: the generated set's held-back patterns and the people sets' blind
halves) are never written into a snapshot and never printed: for them only the id, the category, the
verdict and the kind of failure are kept — the kind says what the plan got wrong (an empty plan, a
question where an action was expected, the wrong type of action, the right type on the wrong target, ...)
without the sentence.

    python -m devtools.nl_snap snap OUT.json          # ~60 s
    python -m devtools.nl_snap cmp OLD.json NEW.json   # gains and losses (sentences of tune/dev cases only)
    python -m devtools.nl_snap kinds SNAP.json [--split holdout] [--set cases]
    python -m devtools.nl_snap fails SNAP.json [--set people19]   # tune/dev failures with their problem
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bench.nl_eval import CASES, PEOPLE, EvalService, load, states
from bench.nlp import templates
from deployer.errors import DeployerError

SETS = ['cases', 'people', *(f'people{n}' for n in range(2, 31)), 'own']
HIDDEN = 'holdout'


def _path(name: str) -> Path:
    return CASES if name == 'cases' else PEOPLE.with_name(f'{name}.yaml')


def _shape(action: dict[str, Any]) -> str:
    return f'{action.get("type")}:{action.get("op") or ""}'.rstrip(':')


def _asked(question: Any) -> str:
    """The question's own template: what it quotes (words of the sentence) left out, its first words only."""
    text = question.get('text', '') if isinstance(question, dict) else str(question)
    text = re.sub(r'"[^"]*"|\'[^\']*\'|“[^”]*”', '…', text)
    return ' '.join(text.split()[:6])


def kind(case: dict[str, Any], plan: dict[str, Any] | None, problem: str | None) -> str:
    """What a failing plan got wrong, said without the sentence."""
    if plan is None:
        return 'raised'
    actions, questions = plan['actions'], plan['questions']
    if case.get('empty'):
        return 'expected nothing, got ' + ('+'.join(sorted({_shape(a) for a in actions})) or 'question')
    if case.get('ask'):
        return 'expected a question, got ' + ('+'.join(sorted({_shape(a) for a in actions})) or 'nothing')
    if problem and problem.startswith(('risk', 'expected warnings')) or problem and 'must not appear' in problem:
        return problem.split(':')[0][:40]
    expected = (case.get('any_of') or [case.get('expect') or []])[0]
    want = sorted(_shape(a) for a in expected)
    got = sorted(_shape(a) for a in actions)
    if not actions:
        return (f'question ({_asked(questions[0])}) for {"+".join(want)}' if questions
                else f'empty plan for {"+".join(want)}')
    if sorted(set(want)) != sorted(set(got)):
        return f'wrong type: {"+".join(want)} -> {"+".join(got)}'
    if len(want) != len(got):
        return f'{"missing" if len(got) < len(want) else "extra"} action: {"+".join(want)} -> {"+".join(got)}'
    keys = set()
    for e in expected:
        for a in actions:
            if _shape(a) == _shape(e):
                keys |= {k for k, v in e.items() if k not in ('type', 'op') and a.get(k) != v}
                if isinstance(e.get('params'), dict) and _shape(a) == _shape(e) and a.get('params') != e['params']:
                    keys |= {f'params.{k}{_how(e["params"], a.get("params") or {}, k)}'
                             for k in set(e['params']) | set(a.get('params') or {})
                             if (a.get('params') or {}).get(k) != e['params'].get(k)} - {'params'}
    return f'right type, differs in {",".join(sorted(keys)) or "?"}: {"+".join(want)}'


def _how(want: dict[str, Any], got: dict[str, Any], key: str) -> str:
    """How one parameter differs, without its value: left out, added, or another value."""
    return '(missing)' if key not in got else '(extra)' if key not in want else ''


def snapshot(names: list[str]) -> dict[str, Any]:
    from tests.nlp.corpus import check
    out: dict[str, Any] = {}
    tmp = Path(tempfile.mkdtemp(prefix='dd-nl-snap-'))
    infos = templates()
    try:
        for name in names:
            data = load(_path(name))
            services = {s: EvalService(st, tmp) for s, st in states(data, infos).items()}
            for case in data['cases']:
                plan, problem = None, None
                try:
                    plan = services[case['state']].parse_command(case['cmd'], mode='rules').model_dump(mode='json')
                except (DeployerError, ValidationError) as exc:
                    problem = f'raised {type(exc).__name__}'
                if plan is not None:
                    problem = check(case, plan, data['states'][case['state']]['running_all'])
                row = {'set': name, 'split': case['split'], 'category': case.get('category', ''),
                       'pattern': case['pattern'], 'ok': problem is None}
                if problem is not None:
                    row['kind'] = kind(case, plan, problem)
                if case['split'] != HIDDEN:
                    row['cmd'] = case['cmd']
                    row['state'] = case['state']
                    if problem is not None:
                        row['problem'] = problem[:600]
                out[f'{name}/{case["id"]}'] = row
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _totals(snap: dict[str, Any]) -> Counter[tuple[str, str]]:
    c: Counter[tuple[str, str]] = Counter()
    for r in snap.values():
        c[(r['set'], r['split'])] += r['ok']
    return c


def compare(old: dict[str, Any], new: dict[str, Any]) -> None:
    a, b = _totals(old), _totals(new)
    for key in sorted(set(a) | set(b)):
        if a[key] != b[key]:
            print(f'{key[0]:>9} {key[1]:<8} {a[key]} -> {b[key]} ({b[key] - a[key]:+d})')
    for verdict, label in ((True, 'GAINED'), (False, 'LOST')):
        rows = [(k, r) for k, r in new.items() if k in old and old[k]['ok'] != r['ok'] and r['ok'] == verdict]
        for k, r in rows:
            text = '' if r['split'] == HIDDEN else f'  {r["cmd"]!r}'
            was = old[k].get('kind', '') if verdict else r.get('kind', '')
            print(f'{label} {k} [{r["split"]}/{r["category"]}] {was}{text}')


def kinds(snap: dict[str, Any], split: str, only: str | None) -> None:
    rows = [r for r in snap.values() if not r['ok'] and r['split'] == split and (only is None or r['set'] == only)]
    print(f'{len(rows)} failing ({split}{", " + only if only else ""})')
    for (k, n) in Counter(r['kind'] for r in rows).most_common():
        print(f'{n:5}  {k}')
    print()
    for (k, n) in Counter((r['category'], r['kind']) for r in rows).most_common(60):
        print(f'{n:5}  {k[0]:<14} {k[1]}')
    pats = Counter(r['pattern'] for r in rows)
    print(f'\n{len(pats)} patterns fail; most: ' + ', '.join(f'{p} {n}' for p, n in pats.most_common(30)))


def fails(snap: dict[str, Any], only: str | None, category: str | None) -> None:
    for k, r in snap.items():
        if r['ok'] or r['split'] == HIDDEN or (only and r['set'] != only) or (category and r['category'] != category):
            continue
        print(f'{k} @{r["state"]} [{r["category"]}] {r["cmd"]!r}\n    {r["kind"]} | {r.get("problem", "")[:300]}')


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog='python -m devtools.nl_snap')
    sub = p.add_subparsers(dest='cmd', required=True)
    s = sub.add_parser('snap')
    s.add_argument('out', type=Path)
    s.add_argument('--sets', nargs='*', default=SETS)
    c = sub.add_parser('cmp')
    c.add_argument('old', type=Path)
    c.add_argument('new', type=Path)
    k = sub.add_parser('kinds')
    k.add_argument('snap', type=Path)
    k.add_argument('--split', default=HIDDEN)
    k.add_argument('--set')
    f = sub.add_parser('fails')
    f.add_argument('snap', type=Path)
    f.add_argument('--set')
    f.add_argument('--category')
    args = p.parse_args(argv)
    if args.cmd == 'snap':
        args.out.write_text(json.dumps(snapshot(args.sets)))
        snap = json.loads(args.out.read_text())
        for (name, split), n in sorted(_totals(snap).items()):
            total = sum(1 for r in snap.values() if r['set'] == name and r['split'] == split)
            print(f'{name:>9} {split:<8} {n}/{total}')
    elif args.cmd == 'cmp':
        compare(json.loads(args.old.read_text()), json.loads(args.new.read_text()))
    elif args.cmd == 'kinds':
        kinds(json.loads(args.snap.read_text()), args.split, args.set)
    else:
        fails(json.loads(args.snap.read_text()), args.set, args.category)
    return 0


if __name__ == '__main__':
    sys.exit(main())
