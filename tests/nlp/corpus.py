"""The public command corpus (../shared/corpus/nl-commands.yaml) and how a plan is checked
against one of its cases (the rules are in the corpus file's header)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).resolve().parents[2].parent / 'shared' / 'corpus' / 'nl-commands.yaml'


def load() -> dict[str, Any]:
    return yaml.safe_load(CORPUS.read_text())


def _matches(expected: dict[str, Any], action: dict[str, Any], running_all: list[str]) -> bool:
    for key, value in expected.items():
        if key == 'image_prefix':
            if not str(action.get('image', '')).startswith(value):
                return False
        elif key == 'grep_ci':
            if value.lower() not in str(action.get('grep') or '').lower():
                return False
        elif key == 'targets':
            wanted = running_all if value == '$running_all' else value
            if set(action.get('targets') or []) != set(wanted):
                return False
        elif key == 'ports':
            got = action.get('ports') or []
            if len(got) != len(value) or any(not _matches(e, g, running_all) for e, g in zip(value, got, strict=False)):
                return False
        elif key in ('filters', 'params', 'env'):
            got = action.get(key) or {}
            if any(str(got.get(k)) != str(v) for k, v in value.items()):
                return False
        elif action.get(key) != value:
            return False
    return True


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
        if len(expected) == len(actions) and all(_matches(e, a, running_all) for e, a in zip(expected, actions, strict=True)):
            return None
    return f'expected {alternatives[0]}, got {actions} (questions: {plan["questions"]})'
