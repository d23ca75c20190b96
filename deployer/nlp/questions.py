"""Questions about the things here: "is blog up?", "what ports is web using", "are web and api healthy",
"which containers are unhealthy", "who listens on 443": the status of each thing named, or a list of the
containers a state or a port picks out. A question never changes anything."""
from __future__ import annotations

from . import regex as re
from .clause import (
    ALL_WORDS,
    ANAPHORS,
    ATTRIBUTES,
    FILLER,
    HISTORY_WORDS,
    KINDS,
    LOG_WORDS,
    QUESTION_STARTS,
    STATES,
    STATUS_WORDS,
    VERBS,
    Clause,
    content_word,
)
from .intent import names_something
from .plan import ListAction, StatusAction
from .queries import RESTART_LOOP, SORT_WORDS, image_filters, parse_history, parse_logs
from .resolve import ROLE_WORDS, Resolution, resolve
from .state import State
from .targets import Parsed, add_action, find_targets, names_in

HOST_WORDS = {'server', 'host', 'machine', 'box', 'system', 'docker', 'engine', 'node', 'homelab', 'nas', 'vps', 'overall'}
NEGATIONS = {'not', "isn't", "aren't", "wasn't", "weren't", 'no', 'never'}


def parse_question(clause: Clause, state: State, out: Parsed, words: list[str],
              previous: Resolution | None) -> Resolution | None | bool:   # False: not a question
    """A question about named things ("is blog up?", "what ports is web using", "are web and api
    healthy") is their status, one action per thing named. ``False``: not such a question."""
    question = clause.raw.rstrip().endswith('?') or (bool(clause.words) and clause.words[0] in QUESTION_STARTS)
    if not question or set(clause.words) & (LOG_WORDS | HISTORY_WORDS) or 'history' in {content_word(w) for w in words}:
        return False
    if clause.words[0] == 'why':   # "why did web-03 stop?": what it logged says why
        return parse_logs(clause, state, out, [w for w in words if w not in ATTRIBUTES], 'logs', previous)
    if clause.words[0] == 'when' and clause.has('restart', 'restarted', 'start', 'started', 'stop', 'stopped', 'crash',
                                                'crashed', 'die', 'died', 'exit', 'exited', 'boot', 'booted', 'reboot'):
        pass   # "when did docs last restart?": its status says when it started
    elif clause.words[0] == 'when' and (clause.has('deployed', 'changed', 'updated', 'modified', 'redeployed') or clause.has(
            'last') and not clause.has('thing', 'run', 'ran', 'work', 'worked', 'execute', 'executed', 'fire', 'fired')):
        return parse_history(clause, state, out, words, 'history', previous)   # "when was shop last deployed?"
    if clause.has('deploy', 'install') and clause.words[0] in ('what', 'which'):   # "what can I deploy?"
        add_action(out, ListAction(kind='templates'), 'list templates')
        return previous
    anything = {'anything', 'something', 'any', 'anyone', 'everything', 'all', 'nothing'}
    names = [w for w in names_in(words, state) if w not in ATTRIBUTES and w not in STATUS_WORDS
             and w not in SORT_WORDS and w not in anything and not w.isdigit()
             and not (w in VERBS and not names_something(w, state))]   # "can you check if x is running": not "check"
    if names and all(w in HOST_WORDS for w in names) and not any(state.container(w) or w in state.stacks for w in names):
        add_action(out, StatusAction(target=None), 'show the status of the engine, the host and every running container')
        return previous   # "how is the server doing overall?": the host, not a container with "server" in its name
    listing = (set(clause.words) & (ALL_WORDS | anything | {'containers', 'ones', 'what', 'which', 'who'})
               or clause.words[0] in ('what', 'which', "what's", 'whats'))
    port = re.search(r'\bports?\s+(\d{1,5})\b|\b(?:on|at|to)\s+(?:port\s+)?(\d{1,5})\b', clause.raw.lower())
    if not [n for n in names if not n.isdigit()] and port and (
            listing or clause.has('who', 'whos', 'listens', 'listening') or re.match(r"\s*who'?s\b", clause.lower)):
        number = port.group(1) or port.group(2)   # "which container is using port 8080", "who listens on 443"
        add_action(out, ListAction(kind='containers', filters={'port': number}), f'list containers on port {number}')
        return previous
    if not names and clause.has('ports') and listing and not set(clause.words) & ANAPHORS:   # "what ports are in use"
        add_action(out, ListAction(kind='containers', filters={'status': 'running'}), 'list running containers and their ports')
        return previous
    if not names and set(clause.words) & {'everything', 'anything', 'all', 'things', 'stuff'} and set(clause.words) & {
            'ok', 'okay', 'fine', 'good', 'alright', 'working', 'broken', 'wrong', 'problems', 'issues', 'healthy'} \
            and not state_filter(clause):   # "is everything ok", "anything broken?": the overview
        add_action(out, StatusAction(target=None), 'show the status of the engine, the host and every running container')
        return previous
    kinds = [KINDS[w] for w in clause.words if w in KINDS and KINDS[w] != 'containers']
    if kinds and not any(names_something(n, state) for n in names) and set(clause.words) & {
            'any', 'anything', 'what', 'which', 'how', 'many'}:
        filters = image_filters(clause) if kinds[0] == 'images' else {
            'unused': 'true'} if kinds[0] in ('volumes', 'networks') and image_filters(clause) else {}
        add_action(out, ListAction(kind=kinds[0], filters=filters),
                   f'list {kinds[0]}' + ''.join(f', {k}' for k in filters))   # "any images lying around?"
        return previous
    if not names and listing:   # "is anything down?", "which containers are unhealthy", "what isn't running?"
        filters = state_filter(clause)
        if filters:
            add_action(out, ListAction(kind='containers', filters=filters),
                       'list containers, ' + ', '.join(f'{k} {v}' for k, v in filters.items()))
            return previous
    if not names and previous is not None and previous.found and set(clause.words) & {'it', 'its', "it's", 'they', 'them',
                                                                                     "they're", 'those', 'these'}:
        names_of = [*previous.containers, *previous.all_stacks]   # "… and tell me if it's up"
        for name in names_of:
            add_action(out, StatusAction(target=name), f'show the status of {name}')
        return previous
    if not names or not any(names_something(w, state) or role_here(w, state) for w in names):
        return False
    filters = state_filter(clause)
    members = [n for n in names if n in state.stacks]
    if not filters and len(names) == 1 and members and clause.has('containers', 'services') and (
            clause.words[0] in ('which', 'what', 'list', 'containers', 'services')
            or clause.has('part', 'belong', 'belongs', 'have')):
        add_action(out, ListAction(kind='containers', filters={'stack': members[0]}),
                   f'list the containers of stack {members[0]}')   # "containers of shop?", "which containers are in shop?"
        return previous
    if filters and len(names) == 1 and set(clause.words) & {'containers', 'ones', 'any', 'all', 'some'}:
        group = resolve(names, state)   # "are any of the cache containers stopped?": the group, filtered
        if group.ambiguous or group.stack:
            filters = {**filters, **({'stack': group.stack} if group.stack else {'name': names[0]})}
            add_action(out, ListAction(kind='containers', filters=filters),
                       'list containers, ' + ', '.join(f'{k} {v}' for k, v in filters.items()))
            return previous
    exact = [n for n in names if state.container(n) is not None or n in state.stacks]
    if exact and len(exact) < len(names) and all(not resolve([n], state).found and not resolve([n], state).ambiguous
                                                 and not n.isdigit() and '-' not in n and not re.search(
                                                     rf'(?:\b(?:and|or|nor)\s+|,\s*){re.escape(n)}\b|\b{re.escape(n)}\s*(?:,|'
                                                     rf'\s(?:and|or)\s)', clause.lower) for n in names if n not in exact):
        names = exact   # "what's docker's health verdict on billing-worker-1": a question about the one it names exactly
    target = find_targets(clause, state, out, names, previous, verb='show the status of')
    if target is None:
        return None
    whole = next((s for s in members if target.containers and not target.all_stacks
                  and set(target.containers) == {b.name for b in state.stacks[s]}), None)
    if whole:   # "can i get the status of everything in mspx-monitoring": the stack's, not each of its containers
        target = Resolution(stack=whole, via='stack')
    for name in target.containers:
        add_action(out, StatusAction(target=name), f'show the status of {name}')
    for stack in target.all_stacks:
        add_action(out, StatusAction(target=stack), f'show the status of stack {stack}')
    return target


def role_here(word: str, state: State) -> bool:
    """A word for what a container does ("the database", "the web server") that something here does."""
    if word not in ROLE_WORDS:
        return False
    found = resolve([word], state)
    return bool(found.found or found.ambiguous)


OPPOSITE = {'running': 'exited', 'exited': 'running'}


def state_filter(clause: Clause) -> dict[str, str]:
    """The state or health a question asks about, negation included ("what isn't running")."""
    if clause.has('unhealthy', 'failing', 'sick'):
        return {'health': 'unhealthy'}
    if RESTART_LOOP.search(clause.lower):   # "anything in a restart loop?", "which ones are flapping"
        return {'status': 'restarting'}
    if clause.has('crash', 'crashed', 'die', 'died', 'fail', 'failed', 'exit', 'exited', 'stopped', 'dead'):
        return {'status': 'exited'}   # "did anything crash today?"
    if clause.has('healthy'):
        return {'health': 'healthy'}
    wanted = next((STATES[w] for w in clause.words if w in STATES), None)
    if wanted and set(clause.words) & NEGATIONS:
        wanted = OPPOSITE.get(wanted)
    return {'status': wanted} if wanted else {}


def status_of_named(clause: Clause, state: State, out: Parsed, words: list[str],
                     previous: Resolution | None) -> Resolution | None:
    """A question that fits no other reading: the status of what it names that exists, else nothing."""
    names = [w for w in names_in(words, state) if w not in ATTRIBUTES and w not in FILLER and w not in STATUS_WORDS
             and not w.isdigit()]
    target = resolve(names, state) if names else Resolution()   # typos too: "jelyfin - up or down?"
    if not target.found or target.ambiguous:
        return previous
    for name in [*target.containers, *target.all_stacks]:
        add_action(out, StatusAction(target=name), f'show the status of {name}')
    return target


