"""Conditions on what runs, checked on the live state when the plan is made: "if the blog is down, start it", "is
traefik running? if not start it", "check pihole and if it's down start it". Where a condition does not hold, the
step is left out and the plan says why (with the status of what it names)."""
from __future__ import annotations

from . import regex as re
from .resolve import resolve
from .state import Box, State
from .targets import Parsed

RUNNING_SAID = {'running', 'up', 'started', 'online', 'alive'}
DOWN_SAID = {'down', 'stopped', 'dead', 'crashed', 'exited', 'offline'}


def named_boxes(name: str, state: State) -> list[Box]:
    """The containers of the stack or the container called exactly ``name`` (a stack first)."""
    return list(state.stacks.get(name, ())) or [b for b in (state.container(name),) if b is not None]


def boxes_said(said: str, state: State) -> list[Box]:
    """The containers a phrase names ("traefik", "the crm db", a stack's every container); [] when it names none
    or several that nothing tells apart."""
    words = [w for w in re.findall(r"[\w.-]+", said.lower()) if w not in ('the', 'my', 'our', 'your', 'container', 'stack')]
    if not words:
        return []
    joined = '-'.join(words)
    if joined in state.stacks:
        return list(state.stacks[joined])
    box = state.container(joined)
    if box is not None:
        return [box]
    found = resolve(words, state)
    if not found.found or found.ambiguous:
        return []
    return [b for b in (state.container(c) for c in found.containers) if b is not None] or [
        b for stack in found.all_stacks for b in state.stacks.get(stack, ())]


def state_holds(boxes: list[Box], said: str, negated: bool) -> bool | None:
    """Whether "it is <said>" (or "not <said>") holds now for ``boxes`` (None: not something the live state tells)."""
    if not boxes or said not in RUNNING_SAID | DOWN_SAID | {'paused'}:
        return None
    if said == 'paused':
        holds = any(b.state == 'paused' for b in boxes)
    elif said in RUNNING_SAID:
        holds = all(b.state == 'running' for b in boxes)
    else:
        holds = any(b.state != 'running' for b in boxes)
    return holds != negated


def left_out(request: str, name: str, said: str, negated: bool, boxes: list[Box], out: Parsed) -> str:
    """A request asked only if ``name`` is (not) ``said``, where it is not: the status instead, and why."""
    condition = f'{name} is {"not " if negated else ""}{said}'
    now = 'running' if all(b.state == 'running' for b in boxes) else 'paused' if any(
        b.state == 'paused' for b in boxes) else 'not running'
    out.warnings.append(f'Not planned: "{request.strip(" ,.")}" was asked only if {condition}, and it is {now} now; here '
                        'is its status.')
    return f'status of {name}'
