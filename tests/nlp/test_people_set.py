"""tests/nlp/eval/people.yaml and people2..30.yaml: everyday commands written apart from the
parser by thirty helpers that did not read it (see their headers), each split dev/blind by a fixed rule. The
dev half keeps a floor so a regression shows; the blind half is scored by ``python -m bench.nl_eval --people``
(``--people2`` … ``--people30``) and never tuned on, so it has no floor here."""
from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from bench.nl_eval import PEOPLE, evaluate, load

DEV_FLOOR = {'people': 0.97, 'people2': 0.96, 'people3': 0.80,   # people3's dev half: 77.8% when it came
             'people4': 0.92, 'people5': 0.86,   # 87.9% and 80.8% when they came (2026-12-04, evening)
             'people6': 0.85,   # dev 87.1%, blind 87.6% when it came (2026-12-06)
             'people7': 0.80,   # dev 83.3%, blind 79.5% when it came (2026-12-06); 84.8%/81.4% read with volumes as ports
             'people8': 0.72,   # dev 74.8%, blind 73.3% when it came (2026-12-06)
             'people9': 0.86,   # dev 89.5%, blind 83.8% when it came (2026-12-06, tenth session)
             'people10': 0.82,   # dev 84.8%, blind 85.7% when it came (2026-12-06, tenth session)
             'people11': 0.83,   # dev 86.2%, blind 84.3% when it came (2026-12-06, tenth session)
             'people12': 0.81,   # dev 84.3%, blind 83.8% when it came (2026-12-06, tenth session)
             'people13': 0.88,   # dev 85.2%, blind 88.6% when it came (2026-12-06, eleventh session; own state agency)
             'people14': 0.82,   # dev 75.7%, blind 81.4% when it came (non-native English; own state clinic)
             'people15': 0.88,   # dev 84.8%, blind 82.9% when it came (team leads' questions; own state saas)
             'people16': 0.78,   # dev 69.5%, blind 68.1% when it came (goals and outcomes, not operations)
             'people17': 0.83,   # dev 68.6%, blind 67.1% when it came (twelfth session: dictated to a phone; own state school)
             'people18': 0.90,   # dev 85.7%, blind 79.5% when it came (on-call chat-ops; own state newsroom)
             'people19': 0.74,   # dev 76.2%, blind 81.0% when it came (words of other tools: kubectl, compose; state lab)
             'people20': 0.62,   # dev 63.8%, blind 71.9% when it came (non-technical owners and staff; state bakery)
             'people21': 0.77,   # dev 77.1%, blind 76.2% when it came (thirteenth session: game servers, Discord; state guild)
             'people22': 0.83,   # dev 84.8%, blind 78.6% when it came (hostile and tricky forms; state studio)
             'people23': 0.81,   # dev 83.8%, blind 81.0% when it came (fourteenth session: home automation; state smarthome)
             'people24': 0.75,   # dev 77.1%, blind 77.6% when it came (managed-service technicians' tickets; state msp)
             'people25': 0.78,   # dev 80.0%, blind 83.3% when it came (a data and ML team; state mlops)
             'people26': 0.74,   # dev 76.7%, blind 76.2% when it came (pull-request previews; state previews)
             'people27': 0.76,   # dev 78.1%, blind 81.9% when it came (fifteenth session: teachers' labs; state classroom)
             'people28': 0.75,   # dev 77.6%, blind 76.7% when it came (an online shop's owner, developer, support; state shop)
             'people29': 0.70,   # dev 71.9%, blind 80.0% when it came (seventeenth session: newcomers following guides; firstlab)
             'people30': 0.81}   # dev 83.3%, blind 78.1% when it came (a town hall's IT person and colleagues; state townhall)
KEYS = {'expect', 'any_of', 'ask', 'empty'}
SETS = [PEOPLE, *(PEOPLE.with_name(f'people{n}.yaml') for n in range(2, 31))]


@pytest.fixture(scope='module', params=SETS, ids=[p.stem for p in SETS])
def data(request: pytest.FixtureRequest) -> dict[str, Any]:
    return {**load(request.param), 'name': request.param.stem}


def test_every_case_has_one_expectation_a_known_state_and_a_split(data: dict[str, Any]) -> None:
    cases = data['cases']
    assert len(cases) >= 400 and len({c['id'] for c in cases}) == len(cases)
    assert all(len(KEYS & set(c)) == 1 for c in cases), [c['id'] for c in cases if len(KEYS & set(c)) != 1][:5]
    assert {c['state'] for c in cases} == set(data['states'])
    splits = Counter(c['split'] for c in cases)
    assert set(splits) == {'tune', 'holdout'} and abs(splits['tune'] - splits['holdout']) <= len(cases) * 0.1


def test_the_parser_keeps_its_floor_on_the_dev_half(data: dict[str, Any]) -> None:
    result = evaluate(data, split='tune', repeat=1)
    rows = result['results']
    rate = sum(r['ok'] for r in rows) / len(rows)
    floor = DEV_FLOOR[data['name']]
    assert rate >= floor, (f'dev accuracy {rate:.1%} fell below {floor:.0%}: '
                               'python -m bench.nl_eval --people lists the failing dev sentences')


def test_the_engineers_own_sets_keep_their_dev_floor() -> None:
    """own.yaml: the engineer's own small sets against the held-back failure kinds (not blind: see its header).
    Its dev half keeps a floor; its blind half is reported in docs/benchmarks.md, never tuned on."""
    data = load(PEOPLE.with_name('own.yaml'))
    assert len(data['cases']) >= 200 and {c['split'] for c in data['cases']} == {'tune', 'holdout'}
    rows = evaluate(data, split='tune', repeat=1)['results']
    rate = sum(r['ok'] for r in rows) / len(rows)
    assert rate >= 0.93, (f'own.yaml dev accuracy {rate:.1%} fell below 93% '
                          '(python -m bench.nl_eval --cases tests/nlp/eval/own.yaml lists the failing dev sentences)')


@pytest.mark.parametrize('name, floor', [
    ('fresh22', 0.88),   # the twenty-second session's three blind sets: 83.6% on arrival
    ('fresh23', 0.85),   # the twenty-third session's: 76.1% on arrival
    ('fresh24', 0.93),   # the twenty-fourth session's: 87.6% on arrival
    ('fresh25', 0.68),   # the same session's second three: 60.6% on arrival (new containers of unknown images: 20.9%)
])
def test_the_fresh_sets_keep_their_floor(name: str, floor: float) -> None:
    """fresh22.yaml … fresh25.yaml: 330 commands each that three helpers wrote blind, read and fixed from since."""
    data = load(PEOPLE.with_name(f'{name}.yaml'))
    assert len(data['cases']) == 330 and {c['split'] for c in data['cases']} == {'tune'}
    rows = evaluate(data, split='tune', repeat=1)['results']
    rate = sum(r['ok'] for r in rows) / len(rows)
    assert rate >= floor, (f'{name}.yaml accuracy {rate:.1%} fell below {floor:.0%} '
                           f'(python -m bench.nl_eval --cases tests/nlp/eval/{name}.yaml lists the failing sentences)')
