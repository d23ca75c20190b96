"""What every handler of the embedded parser shares: the result it adds to and whom a request is about.

* ``Parsed`` — the result of a parse (actions, warnings, questions, explanations) and ``add_action``, which
  appends one action with its explanation;
* ``names_in`` — the words of a request that can name a container or stack;
* ``find_targets`` / ``selector_of`` — the containers or stack a request is about: selectors ("all running",
  "everything in crm"), names, or "it"/"its" for the previous request's target; asks when unsure.
"""
from __future__ import annotations

from typing import Any

from .clause import ALL_WORDS, KINDS, STATES, Clause
from .plan import Question
from .resolve import Resolution, resolve
from .state import State


class Parsed:
    def __init__(self) -> None:
        self.actions: list[Any] = []
        self.warnings: list[str] = []
        self.questions: list[Question] = []
        self.explanations: list[str] = []


def add_action(out: Parsed, action: Any, explanation: str) -> None:
    out.actions.append(action)
    out.explanations.append(explanation[:1].upper() + explanation[1:])


def names_in(words: list[str], state: State | None = None) -> list[str]:
    services = {b.service for b in state.containers if b.service} if state is not None else set()
    return [w for w in words if (w not in KINDS or w in services) and w not in ALL_WORDS and w not in STATES
            and w not in ('and', 'or', 'of', 'in', 'on', 'from', 'with', 'its', 'their', 'it', 'them', 'named', 'called')]


def find_targets(clause: Clause, state: State, out: Parsed, words: list[str], previous: Resolution | None, *,
             verb: str, prefer_stack: bool = False) -> Resolution | None:
    """Whom the request is about: selectors ("all running", "everything in crm"), names,
    or "it"/"its" for the previous request's target."""
    selected = selector_of(clause, state, words)
    if selected is not None:
        return selected
    names = names_in(words, state)
    if not names and (clause.has('it', 'its', 'them', 'their') or not names) and previous is not None and previous.found:
        return previous
    if clause.quoted:
        names = [q.lower() for q in clause.quoted] + names
    if not names:
        out.questions.append(Question(text=f'Which container or stack should I {verb}?',
                                      choices=[f'{verb} {b.name}' for b in state.containers[:6]]))
        return None
    resolution = resolve(names, state, prefer_stack=prefer_stack or clause.has('stack', 'project'))
    if resolution.ambiguous:
        kind = 'stacks' if resolution.via == 'stack' else 'containers'
        out.questions.append(Question(text=f'"{" ".join(names)}" fits several {kind}: which one?',
                                      choices=[f'{verb} {name}' for name in resolution.ambiguous]))
        return None
    if not resolution.found:
        unknown = ' '.join(resolution.unknown) or ' '.join(names)
        out.questions.append(Question(text=f'I found no container or stack called "{unknown}".',
                                      choices=[f'{verb} {b.name}' for b in _similar(unknown, state)]))
        return None
    return resolution


def _similar(text: str, state: State) -> list[Any]:
    return sorted(state.containers, key=lambda b: (text[:3] not in b.name, b.name))[:4]


def selector_of(clause: Clause, state: State, words: list[str]) -> Resolution | None:
    wanted_state = next((STATES[w] for w in words if w in STATES and w not in ('up', 'down')), None)
    everything = bool(set(words) & ALL_WORDS) or clause.has('everything')
    stack_scope = next((w for w in words if w in state.stacks), None) if (everything or wanted_state) else None
    if not (everything or wanted_state) or (not everything and not clause.has('containers', 'ones', 'everything')
                                             and not stack_scope):
        return None
    boxes = [b for b in state.containers if (wanted_state is None or b.state == wanted_state)
             and (stack_scope is None or b.stack == stack_scope)]
    return Resolution(containers=[b.name for b in boxes], via='selector')


def describe_selector(words: list[str]) -> str:
    state = next((w for w in words if w in STATES), '')
    return state or 'selected'
