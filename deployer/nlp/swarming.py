"""Requests about a Docker Swarm, read against what the swarm managers this app reaches have: their
nodes (by hostname) and services (by name, or by the part after ``<stack>_``).

    "drain node-2", "put dd-node-3 in maintenance", "bring node 2 back"      -> node (drain / active / pause)
    "scale web to 5", "run 3 replicas of the demo worker", "web to 2 copies"   -> service scale
    "update web to nginx:1.27", "roll back the api service"                   -> service update / rollback
    "where is the api running", "which nodes run web"                          -> tasks (read)
    "list the nodes", "show swarm services"                                    -> list nodes / services

A sentence is read here only when every clause of it is one of these and names what a swarm has;
anything else goes to the general rules. A name that fits several swarm services, or a swarm
service and a compose service of this engine, is asked about, never guessed.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import regex as re
from .clause import NUMBER_WORDS
from .plan import ListAction, NodeAction, Question, ServiceAction, TasksAction
from .state import State
from .targets import Parsed, add_action

IC = re.IGNORECASE


@dataclass(frozen=True)
class Swarm:
    """What one swarm manager reached by the app has."""
    host: str | None                             # the engine id (None: the local engine)
    services: tuple[tuple[str, str | None], ...]  # (service name, its stack)
    nodes: tuple[str, ...]                        # hostnames


NODE = r'(?:the\s+)?(?:(?:swarm\s+)?(?:node|host|machine|server|worker|manager)\s+)?(?P<node>[\w.-]+(?:\s+\d{1,3})?)(?:\s+node)?'
SERVICE = (r'(?:the\s+)?(?P<service>[\w.-]+(?:\s+(?!(?:up|down|to|service|running|run|on|tasks|deployed|placed|'
           r'scheduled|living|at)\b)[\w.-]+)?)(?:\s+service)?')
COUNT = r'(?P<count>\d{1,4}|' + '|'.join(NUMBER_WORDS) + r')'
NODE_OPS = [
    (re.compile(rf'^(?:please\s+)?(?:drain|evacuate|empty)\s+{NODE}$', IC), 'drain'),
    (re.compile(rf'^(?:please\s+)?(?:put|set|switch)\s+{NODE}\s+(?:in(?:to)?|to|on)\s+(?:drain|maintenance)(?:\s+mode)?$', IC),
     'drain'),
    (re.compile(rf'^(?:please\s+)?(?:move|get)\s+(?:all\s+|every\s+)?(?:the\s+)?(?:tasks|containers|services|everything|work)'
                rf'\s+(?:off|away\s+from)\s+{NODE}$', IC), 'drain'),
    (re.compile(rf'^(?:please\s+)?take\s+{NODE}\s+out\s+of\s+(?:the\s+)?(?:rotation|service|swarm|cluster)$', IC), 'drain'),
    (re.compile(rf'^(?:please\s+)?pause\s+(?:the\s+)?(?:scheduling\s+on\s+)?{NODE}$', IC), 'pause'),
    (re.compile(rf'^(?:please\s+)?stop\s+scheduling\s+(?:new\s+)?(?:tasks\s+|work\s+)?(?:on|to)\s+{NODE}$', IC), 'pause'),
    (re.compile(rf'^(?:please\s+)?(?:activate|reactivate|undrain|resume|unpause|enable)\s+{NODE}$', IC), 'active'),
    (re.compile(rf'^(?:please\s+)?(?:bring|put|take|set)\s+{NODE}\s+back(?:\s+(?:in(?:to)?|to)\s+(?:the\s+)?'
                r'(?:rotation|service|swarm|cluster|active))?$', IC), 'active'),
    (re.compile(rf'^(?:please\s+)?(?:set|make|mark)\s+{NODE}\s+(?:as\s+|to\s+)?(?P<op>active|drain|pause)$', IC), ''),
]
SCALE = [
    re.compile(rf'^(?:please\s+)?scale\s+(?:up\s+|down\s+|out\s+)?{SERVICE}\s+(?:up\s+|down\s+)?to\s+{COUNT}'
               r'(?:\s+(?:replicas?|copies|instances|tasks|containers))?$', IC),
    re.compile(rf'^(?:please\s+)?(?:run|have|keep|give\s+me)\s+{COUNT}\s+(?:replicas?|copies|instances|tasks)\s+of\s+{SERVICE}$',
               IC),
    re.compile(rf'^(?:please\s+)?(?:set\s+)?{SERVICE}\s+(?:to|=)\s+{COUNT}\s+(?:replicas?|copies|instances|tasks)$', IC),
]
UPDATE = re.compile(rf'^(?:please\s+)?(?:update|upgrade|roll\s+out|move)\s+{SERVICE}\s+to\s+(?:the\s+)?(?:image\s+)?'
                    r'(?P<image>[a-z0-9][a-z0-9._/-]*:[\w.-]+)$', IC)
ROLLBACK = re.compile(rf'^(?:please\s+)?(?:roll\s*back|rollback|revert|undo\s+the\s+(?:last\s+)?update\s+of)\s+{SERVICE}'
                      r'(?:\s+to\s+(?:its\s+|the\s+)?previous(?:\s+version)?)?$', IC)
WHERE = [
    re.compile(rf"^(?:where|on\s+which\s+nodes?|on\s+what\s+nodes?)\s+(?:is|are|does|do)\s+{SERVICE}"
               r"(?:'s\s+tasks)?(?:\s+(?:running|run|deployed|placed|scheduled|living|at))?\s*\??$", IC),
    re.compile(rf'^(?:which|what)\s+nodes?\s+(?:is|are|does|do)?\s*(?:runs?|running|hosts?|hosting|has|have)?\s*'
               rf"{SERVICE}(?:\s+(?:on|running|run))?\s*\??$", IC),
    re.compile(rf"^(?:show|list)\s+(?:me\s+)?(?:the\s+)?tasks\s+of\s+{SERVICE}\s*\??$", IC),
]
LIST = re.compile(r'^(?:please\s+)?(?:list|show(?:\s+me)?|what\s+are|which\s+are)\s+(?:all\s+)?(?:the\s+)?(?:swarm\s+)?'
                  r'(?P<kind>nodes|services)(?:\s+(?:of|in)\s+the\s+swarm)?(?:\s+are\s+there)?\s*\??$', IC)
SPLIT = re.compile(r'\s*(?:,\s*(?:and\s+)?then|\band\s+then|\bthen|;|\.\s+|,\s*and|\band)\s+', IC)


def parse(command: str, swarms: list[Swarm], state: State) -> Parsed | None:
    """The plan for a request about the swarm, or None when it is not (all) about one."""
    if not any(s.services or s.nodes for s in swarms):
        return None
    out = Parsed()
    for clause in [c.strip(' .!?') for c in SPLIT.split(command.strip()) if c.strip(' .!?')]:
        if not _clause(clause, swarms, state, out):
            return None
    return out if out.actions or out.questions else None


def _clause(text: str, swarms: list[Swarm], state: State, out: Parsed) -> bool:
    for pattern, op in NODE_OPS:
        found = pattern.match(text)
        if found:
            return _node(found.group('node'), op or found.group('op').lower(), swarms, out)
    for pattern in SCALE:
        found = pattern.match(text)
        if found:
            count = found.group('count').lower()
            replicas = int(count) if count.isdigit() else NUMBER_WORDS[count]
            return _service(found.group('service'), swarms, state, out, op='scale', replicas=replicas)
    found = UPDATE.match(text)
    if found:
        return _service(found.group('service'), swarms, state, out, op='update', image=found.group('image').lower())
    found = ROLLBACK.match(text)
    if found:
        return _service(found.group('service'), swarms, state, out, op='rollback')
    for pattern in WHERE:
        found = pattern.match(text)
        if found:
            return _service(found.group('service'), swarms, state, out, op='tasks')
    found = LIST.match(text)
    if found:
        nodes = found.group('kind').lower() == 'nodes'
        for swarm in swarms:
            add_action(out, ListAction(kind='nodes' if nodes else 'services', host=swarm.host),
                       f'list the swarm {"nodes" if nodes else "services"}')
        return True
    return False


def _node(said: str, op: str, swarms: list[Swarm], out: Parsed) -> bool:
    """A node by hostname, or by its last parts ("node-2", "node 2" for dd-node-2)."""
    name = re.sub(r'\s+', '-', said.strip().lower())
    fits = [(s, n) for s in swarms for n in s.nodes if n.lower() == name]
    fits = fits or [(s, n) for s in swarms for n in s.nodes if n.lower().endswith('-' + name) or len(name) >= 3
                    and not name.isdigit() and (n.lower().endswith(name) or n.lower().startswith(name + '-'))]
    if not fits:
        return False   # not a node: the general rules read it ("drain the queue" is not about a node)
    if len(fits) > 1:
        verb = {'drain': 'drain', 'pause': 'pause', 'active': 'activate'}[op]
        out.questions.append(Question(text=f'"{said}" fits several nodes: which one?',
                                      choices=[f'{verb} {n}' for _, n in fits[:6]]))
        return True
    swarm, node = fits[0]
    action = NodeAction(op=op, node=node, host=swarm.host)   # type: ignore[arg-type]
    add_action(out, action, action.explain())
    return True


def _service(said: str, swarms: list[Swarm], state: State, out: Parsed, *, op: str, replicas: int | None = None,
             image: str | None = None) -> bool:
    """A service by its name ("demo_web"), its short name ("web") or stack and short name ("the demo web")."""
    words = said.strip().lower().split()
    joined = '_'.join(words)
    fits = [(s, n) for s in swarms for n, _ in s.services if n.lower() == joined]
    fits = fits or [(s, n) for s in swarms for n, stack in s.services
                    if stack and n.lower() == f'{stack.lower()}_{words[-1]}' and (len(words) == 1 or words[0] == stack.lower())]
    if not fits:
        return False
    local = op == 'scale' and any(b.service == words[-1] for b in state.containers if b.stack) and len(words) == 1
    if len(fits) > 1 or local:   # "scale web to 5" with web in two swarm stacks, or in a compose stack here too
        choices = [f'scale {n} to {replicas}' if op == 'scale' else f'where is {n} running' for _, n in fits[:5]]
        if local:
            choices += [f'scale {b.stack} {b.service} to {replicas}' for b in state.containers
                        if b.stack and b.service == words[-1]][:3]
        out.questions.append(Question(text=f'"{said}" fits several services: which one?', choices=choices))
        return True
    swarm, name = fits[0]
    if op == 'tasks':
        tasks = TasksAction(service=name, host=swarm.host)
        add_action(out, tasks, tasks.explain())
    else:
        action = ServiceAction(op=op, service=name, replicas=replicas, image=image, host=swarm.host)   # type: ignore[arg-type]
        add_action(out, action, action.explain())
    return True
