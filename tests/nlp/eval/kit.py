"""What the evaluation set's phrasing patterns are made of: the `Pattern` record, the expected-plan
builders (the plan contract, ../shared/docs/plan-contract.md, in the corpus format of
../shared/corpus/nl-commands.yaml and tests/nlp/corpus.py) and the categories.

A pattern is one way of saying one kind of request. Its `phrasings` are format strings whose
slots are filled from the live state (see generate.py, `World`): ``{c}`` a container by its exact
name, ``{cr}``/``{cx}`` a running/stopped one, ``{c2}`` … more distinct ones, ``{st}`` a stack,
``{sv.stack}``/``{sv.service}``/``{sv.name}`` a stack's service and its container, ``{ref.text}``/
``{ref.name}`` a unique description ("the mysql database") and the container it means, ``{amb}``
an ambiguous description, ``{typo.text}``/``{typo.name}`` a misspelt name, ``{spk.text}``/``{spk.name}`` a
container as said aloud ("uptime kuma", "immich server"); and from parameter pools (``{n}``, ``{tail}``,
``{mins}``, ``{hours}``, ``{port}``, ``{pw}``, ``{user}``, ``{dbname}``, ``{newname}``, ``{word}``,
and numbers as words: ``{nw.word}``/``{nw.n}``, ``{tw…}`` lines, ``{mw…}`` minutes, ``{hw…}`` hours,
``{portw…}`` ports). ``rows`` gives values that go together (a verb and its op, a
template and how people say it): each case takes one row, whose keys are slots too. ``expect``
turns the filled slots (an attribute namespace) into the case's expectation.

The split is the file a pattern is defined in: generate.py holds the tune patterns,
holdout_patterns.py the held-out ones (whole patterns, never single sentences).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

CATEGORIES: dict[str, str] = {
    'lifecycle': 'one container, one verb: synonyms, typos, casing, politeness, terse and docker-like forms',
    'stack': 'a stack by name: start, stop, restart, redeploy, pull, remove',
    'coordination': 'several targets in one request: "A and B", "A, B and C", "both A and B" (issue: one dropped)',
    'sequence': 'several requests in one sentence: "stop A then show its logs"',
    'phrasal': 'verbs with particles: take down, shut off, bring back up, spin up, kill off (issue: opposite meaning)',
    'question': 'questions: is X up, what ports, how much memory, which containers (issue: about one thing)',
    'logs': 'logs with a window, a count, follow or a search, generated names (issue)',
    'params': 'parameters in words: template ports and parameters, images with their variables (issue)',
    'scale': 'scale, also said as a count of instances or copies (issue)',
    'template': 'templates by name or by what they are for',
    'inventory': 'lists, history, rollback, image pulls',
    'ask': 'a reference that matches several things: the plan asks and changes nothing',
    'nonsense': 'nonsense, vague or unknown names: no action',
    'safety': 'shell syntax never runs; policy findings are warned about',
}

Expectation = dict[str, Any]


@dataclass(frozen=True)
class Pattern:
    id: str
    category: str
    phrasings: Sequence[str]
    expect: Callable[[Any], Expectation]
    rows: Sequence[dict[str, Any]] = ()
    states: Sequence[str] = ()             # the states it is used with; empty: all
    count: int = 7                         # cases to generate
    case: str | None = None                # None (free casing), 'keep', 'upper', 'title'
    tags: Sequence[str] = field(default_factory=tuple)
    issue: bool = False                    # one of issue 14's own sentences, written our way: always tune


# ---- expected actions (the plan contract) -----------------------------------------------------------

def ctr(op: str, *names: str) -> dict[str, Any]:
    return {'type': 'container', 'op': op, 'targets': list(names)}


def stk(op: str, name: str) -> dict[str, Any]:
    return {'type': 'stack', 'op': op, 'stack': name}


def logs(target: str, **fields: Any) -> dict[str, Any]:
    return {'type': 'logs', 'target': target, **fields}


def status(target: str | None = None, **fields: Any) -> dict[str, Any]:
    return {'type': 'status', 'target': target, **fields}


def lst(kind: str = 'containers', **filters: str) -> dict[str, Any]:
    out: dict[str, Any] = {'type': 'list', 'kind': kind}
    if filters:
        out['filters'] = filters
    return out


def hist(stack: str | None = None, limit: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {'type': 'history', 'stack': stack}
    if limit is not None:
        out['limit'] = limit
    return out


def tmpl(template: str, stack: str | None = None, **params: Any) -> dict[str, Any]:
    out: dict[str, Any] = {'type': 'deploy_template', 'template': template}
    if stack is not None:
        out['stack'] = stack
    if params:
        out['params'] = params
    return out


def run(**fields: Any) -> dict[str, Any]:
    """A `run` action; ``image_prefix`` matches the start of the image, ``command_has`` a part of the command."""
    return {'type': 'run', **{k: v for k, v in fields.items() if v is not None}}


def port(host: int, container: int | None = None) -> dict[str, Any]:
    return {'host': host} if container is None else {'host': host, 'container': container}


def scale(stack: str, service: str, replicas: int) -> dict[str, Any]:
    return {'type': 'scale', 'stack': stack, 'service': service, 'replicas': replicas}


def rollback(stack: str) -> dict[str, Any]:
    return {'type': 'rollback', 'stack': stack, 'to': None}


def pull(image: str) -> dict[str, Any]:
    return {'type': 'pull', 'image': image}


# ---- expectations -------------------------------------------------------------------------------------

DESTRUCTIVE_OPS = ('remove', 'kill')


def _risk(actions: Sequence[dict[str, Any]]) -> str | None:
    return 'destructive' if any(a.get('op') in DESTRUCTIVE_OPS for a in actions) else None


def E(*actions: dict[str, Any]) -> Expectation:
    """Exactly these actions, in this order (a remove or kill also asks for risk "destructive")."""
    out: Expectation = {'expect': list(actions)}
    if _risk(actions):
        out['risk'] = 'destructive'
    return out


def ANY(*alternatives: Sequence[dict[str, Any]]) -> Expectation:
    """Any of these plans (each a list of actions) is right."""
    alts = [list(a) for a in alternatives]
    out: Expectation = {'any_of': alts}
    if all(_risk(a) for a in alts):
        out['risk'] = 'destructive'
    return out if len(alts) > 1 else E(*alts[0])


def ASK() -> Expectation:
    return {'ask': True}


def EMPTY() -> Expectation:
    return {'empty': True}


NO_DAMAGE = {'forbid': ['run'], 'forbid_ops': list(DESTRUCTIVE_OPS)}


def unordered(expectation: Expectation) -> Expectation:
    """Independent actions: any order, and container actions with one op as one action or several."""
    return {**expectation, 'unordered': True}


def each_or_all(op: str, names: Sequence[str]) -> Expectation:
    """``op`` on every one of ``names``: one container action over all, or one per name, in any order."""
    return unordered(E(ctr(op, *names)))


def stack_or_containers(op: str, stack: str, names: Sequence[str]) -> Expectation:
    """The stack action, or the same op on every container of the stack."""
    return unordered(ANY([stk(op, stack)], [ctr(op, *names)]))


def stack_state(stack: str, names: Sequence[str]) -> Expectation:
    """A question about a whole stack: its status, its containers listed, or the status of each of them."""
    return unordered(ANY([status(stack)], [lst(stack=stack)], [status(n) for n in names]))


NUMBER_WORDS = {2: 'two', 3: 'three', 4: 'four', 5: 'five', 6: 'six'}


# ---- slot helpers ----------------------------------------------------------------------------------------
# Verb rows give the word said ({v}) and the contract's op ("reboot=restart").

def verbs(*pairs: str) -> list[dict[str, str]]:
    return [{'v': p.split('=')[0], 'op': p.split('=')[-1]} for p in pairs]


def first(s: Any, *names: str) -> Any:
    """The first of these slots the phrasing filled."""
    return next(getattr(s, n) for n in names if hasattr(s, n))


def slots_map(s: Any, fields: dict[str, str]) -> dict[str, Any]:
    """{field: slot name} -> {field: the slot's value}."""
    return {k: getattr(s, v) for k, v in fields.items()}


def window_s(s: Any) -> int:
    """The window a phrasing said: ``secs`` given, else ``mins`` or ``hours``."""
    if hasattr(s, 'secs'):
        return int(s.secs)
    return s.mins * 60 if hasattr(s, 'mins') else s.hours * 3600


LC_VERBS = verbs('restart', 'reboot=restart', 'bounce=restart', 'stop', 'halt=stop', 'start', 'pause', 'unpause',
                 'resume=unpause', 'kill', 'remove', 'delete=remove')
SAFE_VERBS = verbs('restart', 'stop', 'start', 'pause')
STACK_VERBS = verbs('restart', 'stop', 'start', 'redeploy', 'remove', 'delete=remove')
