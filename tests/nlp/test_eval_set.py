"""The project's own natural-language evaluation set (tests/nlp/eval, issue 14): checks of the SET
(size, categories, the split by pattern, names that exist in each case's state, determinism), and
one floor for the embedded parser's accuracy on the tune split so a regression shows. The scores
themselves are `python -m bench.nl_eval`'s business (no engine needed for either).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pytest

from bench.nl_eval import evaluate, read_yaml
from bench.nlp import templates
from tests.nlp.eval import generate
from tests.nlp.eval.fresh2_patterns import FRESH2
from tests.nlp.eval.fresh3_patterns import FRESH3
from tests.nlp.eval.fresh4_patterns import FRESH4
from tests.nlp.eval.fresh5_patterns import FRESH5
from tests.nlp.eval.fresh6_patterns import FRESH6
from tests.nlp.eval.fresh7_patterns import FRESH7
from tests.nlp.eval.fresh8_patterns import FRESH8
from tests.nlp.eval.fresh9_patterns import FRESH9
from tests.nlp.eval.fresh10_patterns import FRESH10
from tests.nlp.eval.fresh11_patterns import FRESH11
from tests.nlp.eval.fresh_patterns import FRESH
from tests.nlp.eval.holdout2_patterns import HOLDOUT2
from tests.nlp.eval.holdout_patterns import HOLDOUT
from tests.nlp.eval.kit import CATEGORIES
from tests.nlp.eval.spent_patterns import SPENT

# The embedded parser's accuracy on the tune split when the set was made: 531/659 = 80.6%; after the
# issue 14 work 656/660 = 99.4%. Rounded down. Raise it as the parser improves; never lower it to
# make a change pass.
TUNE_FLOOR = 0.99
# Batches written after the parser had reached TUNE_FLOOR keep a floor of their own: what the parser
# scored on their tune part when they came in, raised as it improves (same rule: never lowered), until
# they reach TUNE_FLOOR and join the rest. n8 (several things at once) and n9 (finding things out)
# came in at 175/368 = 48%.
LATE_BATCHES = ('n8-', 'n9-')
LATE_FLOOR = 0.78
# Fresh batches, each written by a helper who read neither the parser nor the held-out patterns, each
# with its own floor:
# - t3 (fresh_patterns.py) came in at 366/492 = 74.4%, the held-out split's level; 454/492 = 92.3% after the
#   rules found on it (473/492 = 96.1% on 2026-12-04, late).
# - t4 (fresh2_patterns.py, 66 patterns) came in at 344/458 = 75.1%, measured with the parser of the commit that
#   added it, before any rule was written from it; every other pattern is held out (177/229 = 77.3% then), the
#   tune half (167/229 = 72.9% then; 217/229 = 94.8% after the rules found on it, while its held-out half went
#   to 179/229) is what this floor is about.
# - t5 (fresh3_patterns.py, 73 patterns, 2026-12-05) came in at 455/516 = 88.2% (held-out half 219/255 = 85.9%,
#   tune half 236/261 = 90.4%), split the same way.
# - t6 (fresh4_patterns.py, 83 patterns, later on 2026-12-05, after the rules found on t5) came in at 478/569 = 84.0%
#   (held-out half 235/280 = 83.9%, tune half 243/289 = 84.1%; 276/289 = 95.5% after the rules found on it, while its
#   held-out half stayed at 235/280), split the same way.
# - t9 (fresh7_patterns.py, 85 patterns, the next session: voice, phone, Kubernetes habits, a family admin, docker CLI
#   lines, undo) came in at 440/574 = 76.7% (held-out half 222/285, tune half 218/289), split the same way.
# - t10 (fresh8_patterns.py, 87 patterns, later that session: alerts before the ask, a student, a terse power user's
#   shorthand, templates in depth, negations and corrections, mixed languages) came in at 333/577 = 57.7% (held-out half
#   148/285, tune half 185/292), split the same way.
# - t11 (fresh9_patterns.py, 85 patterns, the session after: a small-business owner telling symptoms, an on-call SRE's
#   ordered steps, resources and performance, images and updates, polite e-mails and stories, typos and hostile text)
#   came in at 489/576 = 84.9% (held-out half 238/285, tune half 251/291; 288/291 after the rules found on it, while its
#   held-out half stayed at 238/285), split the same way.
# - t12 (fresh10_patterns.py, 83 patterns, the session after: a developer's docker/compose habits half in prose, template
#   parameters in words, non-native English, voice dictation, a cautious team lead's questions and conditions, hostile
#   and out-of-domain text) came in at 418/557 = 75.0% (held-out half 206/276, tune half 212/281), split the same way.
# - t13 (fresh11_patterns.py, 86 patterns, the next session: apps named by what they do or by nickname, phone slang,
#   Portainer clicks told in words, long stories with the request inside, comparative questions about the host, verbless
#   template lists and hostile text) came in at 403/550 = 73.3% (held-out half 204/272, tune half 199/278; 231/278
#   after the rules found on it, while its held-out half went to 209/272), split the same way.
FRESH_FLOORS = {'t3-': 0.95, 't4-': 0.93, 't5-': 0.95, 't6-': 0.93, 't7-': 0.95, 't8-': 0.93, 't9-': 0.94, 't10-': 0.96,
                't11-': 0.98, 't12-': 0.75, 't13-': 0.83}
FRESH_BATCHES = tuple(FRESH_FLOORS)

ACTION_FIELDS = {   # the plan contract's fields per action type, plus the checker's own keys
    'list': {'kind', 'filters'}, 'status': {'target', 'sort'},
    'logs': {'target', 'tail', 'since', 'since_s', 'follow', 'grep', 'grep_ci'}, 'history': {'stack', 'limit'},
    'container': {'op', 'targets'}, 'stack': {'op', 'stack'},
    'run': {'image', 'image_prefix', 'name', 'ports', 'env', 'volumes', 'command', 'command_has', 'restart'},
    'deploy_template': {'template', 'stack', 'params'}, 'scale': {'stack', 'service', 'replicas'},
    'rollback': {'stack', 'to'}, 'pull': {'image'},
}
CONTAINER_OPS = {'start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove'}
STACK_OPS = {'start', 'stop', 'restart', 'pull', 'redeploy', 'remove'}
EXPECTATION_KEYS = {'expect', 'any_of', 'ask', 'empty', 'forbid', 'forbid_ops', 'risk', 'warnings', 'unordered'}
ISSUE_CATEGORIES = {'coordination', 'phrasal', 'question', 'logs', 'params', 'scale', 'ask'}


@pytest.fixture(scope='module')
def data() -> dict[str, Any]:
    return read_yaml(generate.CASES)


@pytest.fixture(scope='module')
def cases(data: dict[str, Any]) -> list[dict[str, Any]]:
    return data['cases']


def test_the_committed_file_is_what_the_generator_makes() -> None:
    text = generate.render()
    assert text == generate.render(), 'generation is not deterministic'
    assert generate.CASES.read_text() == text, 'cases.yaml is stale: run python -m tests.nlp.eval.generate'


def test_size_ids_and_fields(cases: list[dict[str, Any]]) -> None:
    assert len(cases) >= 600
    ids = Counter(c['id'] for c in cases)
    assert not [i for i, n in ids.items() if n > 1], 'duplicate ids'
    for case in cases:
        assert list(case)[:6] == ['id', 'pattern', 'category', 'split', 'state', 'cmd'], case['id']
        assert set(case) - set(list(case)[:6]) <= EXPECTATION_KEYS, case['id']
        assert {'expect', 'any_of', 'ask', 'empty', 'forbid', 'warnings'} & set(case), f'{case["id"]}: nothing expected'
        assert case['cmd'].strip() == case['cmd'] and case['cmd'], case['id']
    commands = Counter((c['state'], c['cmd'].lower()) for c in cases)
    assert not [k for k, n in commands.items() if n > 1], 'a command twice in one state'


def test_every_category_is_present_in_both_splits(cases: list[dict[str, Any]]) -> None:
    seen = defaultdict(set)
    for case in cases:
        assert case['category'] in CATEGORIES, case['id']
        seen[case['category']].add(case['split'])
    assert set(seen) == set(CATEGORIES)
    assert all(splits >= {'tune', 'holdout'} for splits in seen.values()), dict(seen)


def test_the_split_is_by_whole_patterns_and_matches_the_files(cases: list[dict[str, Any]]) -> None:
    split_of: dict[str, set[str]] = defaultdict(set)
    for case in cases:
        split_of[case['pattern']].add(case['split'])
    assert all(len(s) == 1 for s in split_of.values()), 'a pattern in both splits'
    tune_ids = {p.id for p in [*generate.TUNE, *FRESH, *FRESH2[::2], *FRESH3[::2], *FRESH4[::2], *FRESH5[::2], *FRESH6[::2],
                          *FRESH7[::2], *FRESH8[::2], *FRESH9[::2], *FRESH10[::2],
                          *FRESH11[::2]]}
    holdout_ids = {p.id for p in [*HOLDOUT, *HOLDOUT2, *FRESH2[1::2], *FRESH3[1::2], *FRESH4[1::2], *FRESH5[1::2], *FRESH6[1::2],
                             *FRESH7[1::2], *FRESH8[1::2], *FRESH9[1::2], *FRESH10[1::2],
                             *FRESH11[1::2]]}
    spent_ids = {p.id for p in SPENT}
    assert not tune_ids & holdout_ids and not tune_ids & spent_ids and not spent_ids & holdout_ids
    assert {p for p, s in split_of.items() if s == {'holdout'}} == holdout_ids
    assert {p for p, s in split_of.items() if s == {'spent'}} == spent_ids
    assert {p for p, s in split_of.items() if s == {'tune'}} == tune_ids


def test_at_least_a_quarter_is_held_out(cases: list[dict[str, Any]]) -> None:
    patterns = {(c['pattern'], c['split']) for c in cases}
    held_patterns = sum(1 for _, s in patterns if s == 'holdout')
    held_cases = sum(1 for c in cases if c['split'] == 'holdout')
    assert held_patterns / len(patterns) >= 0.25, (held_patterns, len(patterns))
    assert held_cases / len(cases) >= 0.25, (held_cases, len(cases))


def test_the_issue_sentences_are_tune_and_cover_its_list(cases: list[dict[str, Any]]) -> None:
    issue = {p.id: p.category for p in generate.TUNE if p.issue}
    assert set(issue.values()) == ISSUE_CATEGORIES
    assert all(c['split'] == 'tune' for c in cases if c['pattern'] in issue)


def test_the_states(data: dict[str, Any]) -> None:
    states = data['states']
    assert len(states) >= 3
    sizes = {}
    for name, st in states.items():
        names = [c['name'] for c in st['containers']]
        names += [f'{stack}-{service}-1' for stack, services in st['stacks'].items() for service in services]
        assert len(names) == len(set(names)), name
        running = [c['name'] for c in st['containers'] if c['running']]
        running += [f'{stack}-{service}-1' for stack, services in st['stacks'].items() for service in services]
        assert sorted(st['running_all']) == sorted(running), name
        sizes[name] = len(names)
    assert max(sizes.values()) >= 100, sizes


def _actions(case: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for alt in (case.get('any_of') or [case.get('expect') or []]) for a in alt]


def test_every_expected_name_exists_in_its_state(data: dict[str, Any], cases: list[dict[str, Any]]) -> None:
    template_ids = {t.id for t in templates()}
    problems = []
    for case in cases:
        st = data['states'][case['state']]
        stacks = st['stacks']
        names = {c['name'] for c in st['containers']} | {f'{s}-{v}-1' for s, vs in stacks.items() for v in vs}

        def bad(what: str, case: dict[str, Any] = case) -> None:
            problems.append(f'{case["id"]}: {what}')
        for a in _actions(case):
            kind = a['type']
            if kind not in ACTION_FIELDS or set(a) - {'type'} - ACTION_FIELDS[kind]:
                bad(f'not a contract action: {a}')
                continue
            if kind == 'container':
                if a['op'] not in CONTAINER_OPS:
                    bad(f'op {a["op"]}')
                if a['targets'] != '$running_all' and (not a['targets'] or set(a['targets']) - names):
                    bad(f'targets {a["targets"]}')
            elif kind in ('logs', 'status') and a.get('target') is not None and a['target'] not in names | set(stacks):
                bad(f'target {a["target"]}')
            elif kind == 'stack' and (a['stack'] not in stacks or a['op'] not in STACK_OPS):
                bad(f'stack {a}')
            elif kind in ('history', 'rollback') and a.get('stack') is not None and a['stack'] not in stacks:
                bad(f'stack {a["stack"]}')
            elif kind == 'scale' and (a['stack'] not in stacks or a['service'] not in stacks[a['stack']]):
                bad(f'scale {a}')
            elif kind == 'list' and 'stack' in a.get('filters', {}) and a['filters']['stack'] not in set(stacks) | {
                    d.get('stack') for d in _actions(case) if d['type'] == 'deploy_template'}:   # or deployed by it
                bad(f'list {a}')
            elif kind == 'run' and a.get('name') in names:
                bad(f'run name {a["name"]} exists already')
            elif kind == 'deploy_template' and (a['template'] not in template_ids or a.get('stack') in stacks):
                bad(f'template {a}')
    assert not problems, '\n'.join(problems[:30])


def test_the_parser_keeps_its_floor_on_the_tune_split(data: dict[str, Any]) -> None:
    result = evaluate(data, split='tune', repeat=1)
    late = [r for r in result['results'] if r['pattern'].startswith(LATE_BATCHES)]
    rest = [r for r in result['results'] if not r['pattern'].startswith(LATE_BATCHES + FRESH_BATCHES)]
    fresh = [([r for r in result['results'] if r['pattern'].startswith(batch)], floor, f'tune accuracy of {batch[:-1]}')
             for batch, floor in FRESH_FLOORS.items()]
    for rows, floor, what in ((rest, TUNE_FLOOR, 'tune accuracy'), (late, LATE_FLOOR, 'tune accuracy of n8/n9'), *fresh):
        rate = sum(r['ok'] for r in rows) / len(rows)
        assert rate >= floor, (f'{what} {rate:.1%} fell below the floor {floor:.0%}: '
                               'python -m bench.nl_eval lists the failing tune sentences')
