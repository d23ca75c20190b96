"""The public command corpus (../shared/corpus/nl-commands.yaml) and how a plan is checked
against one of its cases (the rules are in the corpus file's header). The project's own
evaluation set (tests/nlp/eval/cases.yaml) is checked by the same ``check``, with three more
expectation keys: ``since_s`` (the `since` duration in seconds), ``command_has`` (a part of a run
command) and, for a case, ``unordered: true`` (actions in any order, and container actions with
the same op may be one or several: "restart a and b" is one action on both or one per name)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).resolve().parents[2].parent / 'shared' / 'corpus' / 'nl-commands.yaml'


def load() -> dict[str, Any]:
    return yaml.safe_load(CORPUS.read_text())


_UNITS = {'s': 1, 'm': 60, 'h': 3600, 'd': 86400, 'w': 604800}
_DURATION = re.compile(r'(\d+(?:\.\d+)?)\s*([smhdw])')


def duration_s(value: Any) -> float | None:
    """A `since` duration in seconds ("10m", "1h30m", "90s", "1.5h", 600), None for anything else
    (an ISO time, garbage)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value or '').strip().lower()
    if text.isdigit():
        return float(text)
    parts = _DURATION.findall(text)
    if not parts or _DURATION.sub('', text).strip():
        return None
    return sum(float(n) * _UNITS[u] for n, u in parts)


def _matches(expected: dict[str, Any], action: dict[str, Any], running_all: list[str]) -> bool:
    for key, value in expected.items():
        if key == 'since_s':     # the eval set (tests/nlp/eval): `since` as a duration, compared in seconds
            got = duration_s(action.get('since'))
            if got is None or abs(got - float(value)) > 0.5:
                return False
        elif key == 'command_has':   # a part of the run command (a list is joined with spaces)
            command = action.get('command')
            text = ' '.join(command) if isinstance(command, list) else str(command or '')
            if value not in text:
                return False
        elif key == 'image_prefix':
            if not str(action.get('image', '')).startswith(value):
                return False
        elif key == 'grep_ci':
            if value.lower() not in str(action.get('grep') or '').lower():
                return False
        elif key == 'targets':
            wanted = running_all if value == '$running_all' else value
            if set(action.get('targets') or []) != set(wanted):
                return False
        elif key in ('ports', 'volumes'):   # each one as an action: the fields it names (read_only unsaid: not checked)
            got = action.get(key) or []
            if len(got) != len(value) or any(not _matches(e, g, running_all) for e, g in zip(value, got, strict=False)):
                return False
        elif key in ('filters', 'params', 'env'):
            got = action.get(key) or {}
            if any(str(got.get(k)) != str(v) for k, v in value.items()):
                return False
        elif action.get(key) != value:
            return False
    return True


def _grouped(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Container actions with the same op merged into one (their targets united, in order); the rest as they are."""
    merged: dict[Any, dict[str, Any]] = {}
    rest = []
    for action in actions:
        if action.get('type') == 'container' and isinstance(action.get('targets'), list):
            into = merged.setdefault(action.get('op'), {**action, 'targets': []})
            into['targets'] += [t for t in action['targets'] if t not in into['targets']]
        else:
            rest.append(action)
    return [*merged.values(), *rest]


def _same(expected: list[dict[str, Any]], actions: list[dict[str, Any]], running_all: list[str], unordered: bool) -> bool:
    if unordered:   # the eval set: what is done counts, not the order or the grouping of the actions
        expected, actions = _grouped(expected), _grouped(actions)

        def assign(i: int, free: frozenset[int]) -> bool:   # each expected action to its own actual one
            return i == len(expected) or any(_matches(expected[i], actions[j], running_all) and assign(i + 1, free - {j})
                                             for j in free)
        return len(expected) == len(actions) and assign(0, frozenset(range(len(actions))))
    return len(expected) == len(actions) and all(_matches(e, a, running_all) for e, a in zip(expected, actions, strict=True))


def check(case: dict[str, Any], plan: dict[str, Any], running_all: list[str]) -> str | None:
    """``None`` when the plan satisfies the case, else what is wrong."""
    actions = plan['actions']
    changes = [a for a in actions if a['type'] not in ('list', 'status', 'logs', 'history')]
    if case.get('empty') and actions:
        return f'expected no actions, got {actions}'
    if case.get('ask') and (not plan['questions'] or changes):
        return f'expected a question and no change, got {actions} / {plan["questions"]}'
    if case.get('warnings') and not plan['warnings']:
        return 'expected warnings'
    for forbidden in case.get('forbid', []):
        if any(a['type'] == forbidden for a in actions):
            return f'{forbidden} must not appear: {actions}'
    for op in case.get('forbid_ops', []):
        if any(a.get('op') == op for a in actions):
            return f'op {op} must not appear: {actions}'
    if 'risk' in case and plan['risk'] != case['risk']:
        return f'risk {plan["risk"]} != {case["risk"]}'
    alternatives = case.get('any_of') or ([case['expect']] if 'expect' in case else [])
    if not alternatives:
        return None
    for expected in alternatives:
        if _same(expected, actions, running_all, bool(case.get('unordered'))):
            return None
    return f'expected {alternatives[0]}, got {actions} (questions: {plan["questions"]})'
