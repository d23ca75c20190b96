"""The embedded parser's handlers for requests that change what already runs.

``parse_lifecycle`` (start, stop, restart, pause, unpause, kill — of containers, selections or stacks),
``parse_remove``, ``parse_update`` (pull then redeploy), ``parse_scale``, ``parse_rollback`` and ``parse_redeploy``.
"""
from __future__ import annotations

from collections.abc import Callable

from ..text import count
from . import regex as re
from .clause import NUMBER_WORDS, STOPPED, Clause, is_number
from .deploying import image_word, parse_deploy, parse_pull, parse_run, versioned_image
from .plan import ContainerAction, Question, RollbackAction, ScaleAction, StackAction
from .resolve import ROLES, Resolution, match_template, resolve, service_word, stack_by_part, stack_service
from .run_settings import spoken_settings
from .state import Box, State
from .targets import Parsed, add_action, describe_selector, find_targets, names_in
from .template_params import stack_name_said


def parse_lifecycle(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
               previous: Resolution | None) -> Resolution | None:
    op = verb
    if verb == 'up':
        op = 'start'
    if verb in ('start', 'up', 'run') and clause.has('replicas', 'replica', 'instances', 'copies') \
            or verb == 'stop' and clause.has('replicas', 'replica'):   # "park the nextcloud app at zero replicas": a scale
        return parse_scale(clause, state, out, words, 'scale', previous)
    image = clause.images[0] if clause.images else image_word(words)
    bundle, score = match_template(words, clause.lower, state.templates) if verb in ('start', 'up') else ([], 0)
    parts = [p for p in bundle[0].split('-') if p in words] if bundle else []
    live = any(state.container(w) or w in state.services or w in state.stacks for w in parts)
    if len(parts) >= 2 and not clause.images and not clause.has('container', 'containers') and (
            not live or stack_name_said(clause)):
        return parse_deploy(clause, state, out, words, 'deploy', previous)   # "stand up prometheus+grafana as mon2": the template
    if (verb in ('start', 'up') and image and not any(state.container(w) for w in words)
            and (clause.env or clause.ports or versioned_image(clause, words) or spoken_settings(image, clause) != ({}, None)
                 or re.search(r'\b(?:on|at)\s+(?:port\s+)?\d{2,5}\b', clause.lower)
                 or re.search(r'\b(?:a|an|new|fresh)\s+[\w:./-]+\s+container', clause.lower))):
        return parse_run(clause, state, out, words, 'run', previous)
    if verb in ('start', 'up') and not any(state.container(w) or w in state.stacks for w in words):
        resolution = resolve(names_in(words), state) if names_in(words) else Resolution()
        if score >= 5 and not resolution.found and not resolution.ambiguous:   # "start redis" with two redis here: asked
            return parse_deploy(clause, state, out, words, 'deploy', previous)
    target = find_targets(clause, state, out, words, previous, verb=op)
    if target is None:
        return None
    if op in ('remove', 'kill') and _sweeps_the_host(clause, state, target, op, out.said):
        everything = len(state.containers) if op == 'remove' else sum(b.state == 'running' for b in state.containers)
        out.questions.append(Question(
            text=f'That would {op} every{" running" if op == "kill" else ""} container on this host ({everything}). '
                 f'Name the containers or the stack, or say it plainly, for example "{op} all containers".',
            choices=[f'{op} the stopped containers'] if op == 'remove' else []))
        return None
    boxes = [b for n in target.containers if (b := state.container(n)) is not None]
    if op == 'unpause' and (clause.has('play', 'resume', 'continue') or 'carry on' in clause.lower) and boxes and len(
            boxes) == len(target.containers) and all(b.state in STOPPED for b in boxes):
        op = 'start'   # "press play on x", "resume x" where x has stopped: nothing to unpause, it is started
    if target.stacks:   # containers and stacks named together: every one of them
        if target.containers:
            add_action(out, ContainerAction(op=op, targets=target.containers), f'{op} {", ".join(target.containers)}')
        for stack in target.stacks:
            _stack_op(out, state, op, stack)
        return target
    if target.stack and not target.containers:
        _stack_op(out, state, op, target.stack)
        return target
    if not target.containers:
        out.warnings.append(f'No container is {describe_selector(words)}: nothing to {op}.')
        return target
    if verb == 'unpause':
        paused = [n for n in target.containers if (b := state.container(n)) and b.state == 'paused']
        stopped = [n for n in target.containers if (b := state.container(n)) and b.state in STOPPED]
        if stopped and not paused and words and 'resume' in clause.words:
            op = 'start'
    if op == 'start' and AFRESH.search(clause.lower) and all(
            (b := state.container(n)) is not None and b.state == 'running' for n in target.containers):
        op = 'restart'   # "jellyfin froze, please revive it", "give x a fresh start": it runs, so a restart
    add_action(out, ContainerAction(op=op, targets=target.containers),
         f'{op} {", ".join(target.containers[:8])}{" …" if len(target.containers) > 8 else ""}')
    return target


# a start said as a new beginning: of what already runs, a restart
AFRESH = re.compile(r'\b(?:revive|resurrect|reanimate|fresh\s+start|'
                    r'start\s+(?:\w+\s+)?(?:over|afresh|fresh|anew|from\s+scratch))\b')
# a sweeping destructive request is planned only when said plainly: a plain verb, "containers" named, no joke
PLAIN_SWEEP = re.compile(r'\b(?:remove|delete|rm|kill|destroy|get\s+rid\s+of|nuke|wipe|purge|clear\s+out)\s+'
                         r'(?:(?:all|every|each)(?:\s+single)?\s+(?:one\s+)?(?:of\s+)?(?:the\s+|my\s+|our\s+|these\s+)?'
                         r'(?:\d+\s+|running\s+)?containers?|the\s+containers?,?\s+all\s+of\s+them)\b', re.IGNORECASE)
JOKING = re.compile(r'\b(?:lol|lmao|rofl|haha\w*|whatever|yeet|em)\b|😂|🤣|😈|💥|🔥', re.IGNORECASE)


def _sweeps_the_host(clause: Clause, state: State, target: Resolution, op: str, said: str) -> bool:
    """Whether a remove or kill would take every container here (every running one for a kill), said in
    passing ("nuke everything lol", "kill em all", "yeet all the containers"): such a request is asked about,
    never planned, unless it is said plainly ("remove all containers"). A state said ("the stopped ones")
    is a selection, not a sweep."""
    covered = set(target.containers) | {b.name for s in target.all_stacks for b in state.stacks.get(s, ())}
    every = {b.name for b in state.containers if op == 'remove' or b.state == 'running'}
    if len(every) < 3 or not every <= covered:
        return False
    if re.search(r'\b(?:stopped|exited|dead|created|paused|unhealthy|crashed|old|unused)\b', clause.lower):
        return False
    if not re.search(r'\b(?:all|every|everything|each|em|whatever|anything|lot)\b', said, re.IGNORECASE):
        return False   # "remove a, b and c": each named, whatever else runs here
    return not PLAIN_SWEEP.search(said) or bool(JOKING.search(said))


def stacks_of(target: Resolution, state: State) -> list[str]:
    """The stacks a resolution names, or the stacks its containers belong to."""
    found = list(target.all_stacks)
    for name in target.containers:
        box = state.container(name)
        if box is not None and box.stack and box.stack not in found:
            found.append(box.stack)
    return found


def _stack_op(out: Parsed, state: State, op: str, stack: str) -> None:
    if op in ('pause', 'unpause', 'kill') and stack not in state.stacks:  # deployed by this command
        out.warnings.append(f'Stack {stack} has no containers yet: nothing to {op}.')
    elif op in ('pause', 'unpause', 'kill'):
        names = [b.name for b in state.stacks[stack]]
        add_action(out, ContainerAction(op=op, targets=names), f'{op} every container of stack {stack}')
    else:
        add_action(out, StackAction(op=op, stack=stack), f'{op} stack {stack}')


def parse_remove(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
            previous: Resolution | None) -> Resolution | None:
    kept = KEEP_THEM.search(clause.raw)
    if kept:   # "delete the blog stack (keep the volumes, I'll drop them by hand later)": a removal keeps them anyway
        rest = Clause(clause.raw[:kept.start()] + ' ' + clause.raw[kept.end():])
        if not rest.has('image', 'images', 'volume', 'volumes', 'network', 'networks'):
            out.warnings.append(f'Volumes and images are kept: a removal leaves them ("{kept.group(0).strip(" ,()")}").')
            return parse_lifecycle(rest, state, out, [w for w in words if w in rest.words], 'remove', previous)
    if clause.has('image', 'images', 'volume', 'volumes', 'network', 'networks', '--volumes') or re.search(
            r'\b(?:system|builder|buildx|container|image|volume|network)\s+prune\b|\bprune\b', clause.raw, re.IGNORECASE):
        # "docker system prune -a --volumes": a sweep of what is not named, never read as names
        out.questions.append(Question(text='Removing images, volumes or networks is not something I do from a '
                                           'sentence yet: use the Docker CLI or the stack page.'))
        return None
    return parse_lifecycle(clause, state, out, words, 'remove', previous)


# the volumes or images said only as what to keep: what a removal does anyway
KEEP_THEM = re.compile(r"\s*[(,]?\s*(?:but\s+|and\s+)?(?:please\s+)?(?:keep|keeping|leave|leaving|preserve|preserving|retain|"
                       r"without\s+(?:deleting|removing|touching|dropping)|(?:don'?t|do\s+not)\s+(?:delete|remove|touch|drop))\s+"
                       r"(?:the\s+|its\s+|their\s+|all\s+)*(?:named\s+)?(?:volumes?|images?|data)\b(?:\s+(?:alone|intact))?"
                       r"(?:[^)]*\))?", re.IGNORECASE)


def parse_update(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
            previous: Resolution | None) -> Resolution | None:
    stack_named = any(w in state.stacks for w in words)
    if (clause.has('image', 'images') or clause.images) and not (
            stack_named and re.search(r'\b(?:to|with|onto|on)\s+(?:the\s+)?(?:latest|newest|new|current)\s+images?\b',
                                      clause.lower)):
        return parse_pull(clause, state, out, words, 'pull', previous)   # "update the nginx image": a pull
    words = [w for w in words if w not in ('image', 'images', 'latest', 'newest', 'new', 'current')]
    target = find_targets(clause, state, out, words, previous, verb='update', prefer_stack=True)
    if target is None:
        return None
    for stack in stacks_of(target, state):
        add_action(out, StackAction(op='pull', stack=stack), f'pull the images of stack {stack}')
        add_action(out, StackAction(op='redeploy', stack=stack), f'redeploy stack {stack} with them')
    alone = [n for n in target.containers if (b := state.container(n)) is not None and not b.stack]
    if alone:   # "update pihole": no stack to converge — say so, and offer what can be done
        out.questions.append(Question(
            text=f'{", ".join(alone)} {"is" if len(alone) == 1 else "are"} not part of a stack, so there is nothing to '
                 'converge: its image can be pulled, then the container created again from it.',
            choices=[f'pull the image of {n}' for n in alone]))
    return target


def parse_scale(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
           previous: Resolution | None) -> Resolution | None:
    each = _each_counted(clause, state)
    if each:   # "scale immich ml to 4 and server to 2", "in shop: api x3, worker x4": each service its own count
        for stack, service, wanted in each:
            add_action(out, ScaleAction(stack=stack, service=service, replicas=wanted),
                       f'scale service {service} of stack {stack} to {wanted}')
        return Resolution(stack=each[0][0])
    pinned = scale_pairs(clause, state)   # "--scale web=5", "shop worker=5", "chat_server=2", "paperless/web"
    if len(pinned) > 1 and all(count is not None for _, _, count in pinned):   # "crm: backend=4, frontend=5 replicas"
        for stack, service, wanted in pinned:
            add_action(out, ScaleAction(stack=stack, service=service, replicas=wanted),
                       f'scale service {service} of stack {stack} to {wanted}')
        return Resolution(stack=pinned[0][0])
    words = [w for word in words for w in (stack_service(word, state) or [word])]
    cut = next((i for i, w in enumerate(words) if w in ('except', 'excluding', 'besides', 'without')), None)
    words = words[:cut]   # "scale the crm frontend to zero, but keep the backend as it is": the frontend alone
    replicas = pinned[0][2] if pinned and pinned[0][2] is not None else _replica_count(clause)
    relative = _relative(clause)
    names = [service_word(w, state) or w for w in names_in(words, state) if not is_number(w) and w not in NUMBER_WORDS
             and not TIMES.fullmatch(w) and w not in SCALE_WORDS]
    if pinned:
        names = [pinned[0][0], pinned[0][1]]
    several = _several_services(names, state) if replicas is not None and not pinned else None
    if several is not None:   # "three replicas apiece for shop api and worker": each service of that stack
        assert replicas is not None
        for each in several[1]:
            add_action(out, ScaleAction(stack=several[0], service=each, replicas=replicas),
                       f'scale service {each} of stack {several[0]} to {replicas}')
        return Resolution(stack=several[0])
    exact = next((b for b in state.containers if pinned and (b.stack, b.service) == pinned[0][:2]), None)
    target = Resolution(containers=[exact.name], via='pinned') if exact is not None else resolve(names, state)
    # ↑ "docker compose -p gitlab up -d --scale runner=4": that stack's service, even where a service is named as its stack
    if not names and not pinned and previous is not None and len(previous.containers) == 1 and not previous.all_stacks \
            and clause.has('it', 'its', 'that', 'this'):   # "restart shop api and then scale it to 4": that service
        target = Resolution(containers=list(previous.containers), via='context')
    if target.unknown and not pinned:   # "scale legacy-app web to 2": never the web of some other stack
        unknown = ' '.join(target.unknown)
        out.unknown.append(unknown)
        said = [n for n in names if n in state.services]
        out.questions.append(Question(text=f'I found no stack or service called "{unknown}".', choices=list(dict.fromkeys(
            f'scale {b.stack} {b.service} to {replicas}' for b in state.containers
            if b.stack and b.service and (b.service in said or not said)))[:6] if replicas is not None else []))
        return None
    if replicas is None and relative is None:   # "more git runners please": how many, with counts above the one now
        pairs = {(b.stack, b.service) for n in target.containers if (b := state.container(n)) and b.stack and b.service}
        if len(pairs) != 1:
            out.questions.append(Question(text='To how many replicas?'))
            return None
        stack, service = next(iter(pairs))
        now = sum(1 for b in state.containers if (b.stack, b.service) == (stack, service))
        out.questions.append(Question(text=f'To how many replicas? Service {service} of stack {stack} runs {now} now.',
                                      choices=[f'scale {stack} {service} to {n}'
                                               for n in dict.fromkeys((now + 1, now + 2, 2 * now)) if n > now]))
        return None
    def count_for(stack: str | None, service: str | None) -> int | None:   # (a choice's count, "double x" said of each)
        if replicas is not None or relative is None:
            return replicas
        return max(0, min(100, relative(sum(1 for b in state.containers if (b.stack, b.service) == (stack, service)))))
    box = state.container(target.containers[0]) if target.containers and len(target.containers) == 1 else None
    if box is None or not box.stack or not box.service:   # "scale api": the one stack service called api
        stacks = {w for w in names if w in state.stacks}
        services = {(b.stack, b.service): b for b in state.containers if b.stack and b.service in names
                    and (not stacks or b.stack in stacks)}
        if len(services) == 1 and box is not None:   # a container of that name outside a stack: ask
            (stack, service), = services
            out.questions.append(Question(text=f'{box.name} is not part of a stack, so it cannot be scaled; did you '
                                               f'mean service {service} of stack {stack}?',
                                          choices=[f'scale {stack} {service} to {count_for(stack, service)}']))
            return None
        box = next(iter(services.values())) if len(services) == 1 else box
    if box is not None and not box.stack and target.via == 'context':   # "restart traefik and then scale it to 3"
        out.questions.append(Question(text=f'{box.name} is not part of a stack, so it cannot be scaled: a stack\'s '
                                           'service can. Which one?',
                                      choices=[f'scale {b.stack} {b.service} to {count_for(b.stack, b.service)}'
                                               for b in state.containers if b.stack and b.service][:6]))
        return None
    whole = target.stack if box is None and target.stack in state.stacks else None
    if whole is not None:   # "bump the forum up to 4": a stack said whole scales its application, never its database
        apps = sorted({b.service for b in state.stacks[whole] if b.service and not _backing(b)})
        if len(apps) == 1 and not re.search(r'\b(?:stacks?|project|compose)\b', clause.lower):   # "the shop stack": the unit, ask
            box = next(b for b in state.stacks[whole] if b.service == apps[0])
        else:
            out.questions.append(Question(text=f'Which service of stack {whole} should I scale?',
                                          choices=[f'scale {whole} {service} to {count_for(whole, service)}'
                                                   for service in apps[:6]]))
            return None
    if box is None or not box.stack or not box.service:
        candidates = [b for b in state.containers if b.stack and b.service]
        out.questions.append(Question(text='Which service of which stack should I scale?',
                                      choices=[f'scale {b.stack} {b.service} to {count_for(b.stack, b.service)}'
                                               for b in candidates[:6]]))
        return None
    if relative is not None:   # "add two more crm backend instances", "double the paperless web"
        current = sum(1 for b in state.containers if b.stack == box.stack and b.service == box.service)
        replicas = max(0, min(100, relative(current)))
        if replicas == current:   # "halve" one replica: nothing would change
            out.questions.append(Question(
                text=f'Service {box.service} of stack {box.stack} runs {count(current, "replica")}; that change leaves '
                     'it as it is. To how many replicas?',
                choices=[f'scale {box.stack} {box.service} to {n}' for n in (current + 1, current + 2)]))
            return None
    assert replicas is not None
    add_action(out, ScaleAction(stack=box.stack, service=box.service, replicas=replicas),
         f'scale service {box.service} of stack {box.stack} to {replicas}')
    return target


BACKING = frozenset({'cron', 'backup', 'backups', 'migrate', 'migrations', 'init', 'setup', 'exporter', 'node-exporter'})


def _backing(box: Box) -> bool:
    """Whether a stack's container backs its application rather than being it: a database, a cache, a queue, a
    scheduled job ("scale the forum" scales flarum, not its db or redis)."""
    said = {(box.service or '').lower(), box.repo}
    return bool(said & (ROLES['database'] | ROLES['cache'] | ROLES['queue'] | BACKING)) or any(
        w in ROLES['database'] | ROLES['cache'] | ROLES['queue'] for w in (box.service or '').lower().split('-'))


def _several_services(names: list[str], state: State) -> tuple[str, list[str]] | None:
    """One stack and two or more of its services named, nothing else: (stack, services)."""
    stacks = {n for n in names if n in state.stacks}
    if len(stacks) != 1:
        return None
    stack = next(iter(stacks))
    own = {b.service for b in state.stacks[stack]}
    services = [n for n in dict.fromkeys(names) if n != stack and n in own]
    rest = [n for n in names if n != stack and n not in own and n not in ('both', 'each', 'apiece', 'all', 'and', 'the')]
    return (stack, services) if len(services) > 1 and not rest else None


SCALE_WORDS = {'replicas', 'replica', 'instances', 'instance', 'copies', 'copy', 'times', 'x', 'out', 'down', 'up', 'run',
               'service', 'make', 'have', 'keep', 'want', 'need', 'to', 'with', 'more', 'fewer', 'less', 'by', 'double',
               'triple', 'halve', 'half', 'twice', 'as', 'many', 'much', 'add', 'extra', 'additional', 'another', 'back',
               'single', 'only', 'just', 'enough', 'containers', 'container', 'total', 'altogether', 'in', 'of', 'for',
               'at', 'scale', 'set', 'number', 'count', 'please', 'bump', 'reduce', 'increase', 'decrease', 'shrink',
               'grow', 'drop'}
TIMES = re.compile(r'[x×]\d{1,3}|\d{1,3}[x×]')


ORDINALS = {'second': 2, 'third': 3, 'fourth': 4, 'fifth': 5, 'sixth': 6, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, '6th': 6}
# "a second api", "a second superset app container": what the ordinal counts, and the word after it
ORDINAL_ONE = re.compile(r'\ban?\s+(?P<n>' + '|'.join(ORDINALS) + r')\s+(?P<what>[\w-]+)(?:\s+(?P<then>[\w-]+))?')


NOW_COUNT = re.compile(r'\b(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?:just\s+|only\s+|the\s+)?(?:\d{1,3}|'
                       + '|'.join(w for w in NUMBER_WORDS if w not in ('a', 'an')) + r')\b(?:\s+(?:now|today|currently))?')


def _replica_count(clause: Clause) -> int | None:
    """The count a scale request asks for: the last number ("to 5", "x3", "3x"), else a number word
    ("to one", "a single instance", "three replicas"), else an ordinal ("give payments a second api")."""
    counted = re.search(r'\b(\d{1,3}|' + '|'.join(w for w in NUMBER_WORDS if w not in ('a', 'an')) +
                        r')\s+(?:more\s+)?(?:copies|instances|replicas|containers)\b', clause.lower)
    if counted:   # "run two copies of its ml instead of just one": the count said with the noun
        word = counted.group(1)
        return int(word) if is_number(word) else NUMBER_WORDS[word]
    now = NOW_COUNT.search(clause.lower)   # "four of them instead of one": one is how many run now
    said = NOW_COUNT.sub(' ', clause.lower).split() if now else clause.words
    numbers = [int(w.strip('x×')) for w in said if TIMES.fullmatch(w)] + [
        int(w) for w in said if w.isdigit() and 0 <= int(w) <= 100]
    if numbers:
        return numbers[-1]
    spoken = [NUMBER_WORDS[w] for w in said if w in NUMBER_WORDS and w not in ('a', 'an')]
    if spoken:
        return spoken[-1]
    ordinal = ORDINAL_ONE.search(clause.lower)
    return ORDINALS[ordinal.group('n')] if ordinal else None


COUNT_GLUE = {'to', 'at', 'should', 'run', 'runs', 'running', 'be', 'with', 'have', 'has', 'get', 'gets', 'needs', 'need',
              'replicas', 'replica', 'instances', 'instance', 'copies', 'copy', 'containers', 'of', 'on', 'x', '=', ':'}


def _each_counted(clause: Clause, state: State) -> list[tuple[str, str, int]]:
    """Two or more services, each with its own count: (stack, service, count) for each. The services are of the one
    stack named, or, with no stack named, each of the one stack that has it ("scale the grafana to 3 and the influx
    to 2", "scale prowlarr to 0 and radarr to 0")."""
    words = clause.words
    stacks = {w.removesuffix("'s") for w in words if w.removesuffix("'s") in state.stacks}
    if len(stacks) > 1:
        return _each_stack_counted(words, state)
    stack = next(iter(stacks), None)

    def owner(service: str | None) -> str | None:
        if not service:
            return None
        if stack is not None:
            return stack if any(b.service == service for b in state.stacks[stack]) else None
        owners = {b.stack for b in state.containers if b.service == service and b.stack}
        return next(iter(owners)) if len(owners) == 1 else None

    def number(word: str) -> int | None:
        said = word.strip('x×') if TIMES.fullmatch(word) else word
        return int(said) if is_number(said) and 0 <= int(said) <= 100 else None
    found: dict[tuple[str, str], int] = {}
    for index, word in enumerate(words):
        service = service_word(word, state) or _start_of_service(word, state)   # "the influx": influxdb
        home = owner(service) if word != stack else None
        if home is None or service is None:
            continue
        before = number(words[index - 1]) if index and not TIMES.fullmatch(words[index - 1]) else None
        after = None
        for later in words[index + 1:index + 5]:
            if number(later) is not None:
                after = number(later)
                break
            if later not in COUNT_GLUE:
                break
        value = before if before is not None else after
        if value is not None and (home, service) not in found:
            found[(home, service)] = value
    counts = sum(1 for w in words if number(w) is not None)
    if len(found) < 2 or len(set(found.values())) < 2 and counts < len(found) and not re.search(r'\bx\d|\d\s*x\b',
                                                                                                   clause.lower):
        return []
    return [(home, service, n) for (home, service), n in found.items()]


def _each_stack_counted(words: list[str], state: State) -> list[tuple[str, str, int]]:
    """Several stacks, each named with a count of one service ("bring 503's worker count back to one and main's to
    two": the same service of each when only the first says it)."""
    found: dict[tuple[str, str], int] = {}
    stack: str | None = None
    service: str | None = None
    for word in words:
        said = word.removesuffix("'s")
        if said in state.stacks:
            stack = said
        elif (named := service_word(said, state)) is not None:
            service = named
        elif is_number(word) or word in NUMBER_WORDS and word not in ('a', 'an'):
            count = int(word) if is_number(word) else NUMBER_WORDS.get(word)
            if stack and service and isinstance(count, int) and 0 <= count <= 100 and (stack, service) not in found \
                    and any(b.service == service for b in state.stacks[stack]):
                found[(stack, service)] = count
    return [(s, v, n) for (s, v), n in found.items()] if len(found) > 1 else []


def _start_of_service(word: str, state: State) -> str | None:
    """The one stack service whose name this word starts ("influx" of influxdb), none for a short or common word."""
    if len(word) < 4 or not word.isalpha() or word in SCALE_WORDS or word in state.stacks:
        return None
    found = {s for s in state.services if s.startswith(word) and len(s) >= len(word) + 2}
    return next(iter(found)) if len(found) == 1 else None


def scale_pairs(clause: Clause, state: State) -> list[tuple[str, str, int | None]]:
    """Compose and Swarm ways of saying a count: "--scale web=5", "chat_server=2", "nextcloud/app
    replicas=4", "scale shop worker=5": (stack, service, replicas)."""
    stacks = [w for w in clause.words if w in state.stacks]
    found: list[tuple[str, str, int | None]] = []
    for key, value in clause.env.items():
        count = int(value) if is_number(value) and int(value) <= 100 else None
        key = key.lower()
        path = stack_service(key, state)
        if path:
            found.append((path[0], path[1], count))
            continue
        if key in ('replicas', 'scale', 'instances', 'count'):
            paths = [p for w in clause.words if (p := stack_service(w, state))]
            if paths:
                found.append((paths[0][0], paths[0][1], count))
            continue
        service = service_word(key, state)
        owners = sorted({b.stack for b in state.containers if b.service == service and b.stack
                         and (not stacks or b.stack in stacks)})
        if service and len(owners) == 1:
            found.append((owners[0], service, count))
    return found


# what else a number in a request counts: log lines, time, sizes
COUNTS_OF_OTHER = {'line', 'lines', 'entries', 'entry', 'rows', 'messages', 'second', 'seconds', 'sec', 'secs', 'minute',
                   'minutes', 'min', 'mins', 'hour', 'hours', 'h', 'm', 's', 'hr', 'hrs', 'day', 'days', 'week', 'weeks', 'mb',
                   'gb', 'kb', 'percent', '%', 'ms', 'times', 'cpus', 'cores'}


def counted_service(clause: Clause, state: State) -> bool:
    """A count next to a service ("4 workers in shop", "2 more shop workers", "one extra billing
    worker instance", "make it three replicas for paperless/web"): a scale request."""
    words = clause.words
    for index, word in enumerate(words):
        if not (is_number(word) or (word in NUMBER_WORDS and word not in ('a', 'an', 'zero')) or TIMES.fullmatch(word)):
            continue
        if is_number(word) and int(word) > 100 and index and words[index - 1] in ('on', 'port', 'at'):
            continue   # "a ghost blog on 2370, db password x": a port, never a count of the blog's db
        if words[index + 1:index + 2] and words[index + 1] in COUNTS_OF_OTHER:
            continue   # "the last 20 lines of paperless web": lines, not replicas
        if TIMES.fullmatch(word) and any(service_word(w, state) or stack_service(w, state)
                                         for w in words[max(0, index - 3):index]):
            return True   # "shop worker x3", "paperless.web x2"
        if words[index + 1:index + 2] == ['of'] and word not in ('one', '1') and not set(words[index:]) & {
                'is', 'are', 'was', 'were', 'seem', 'seems', 'keep', 'keeps', 'look', 'looks', 'all', 'those', 'these'}:
            found = resolve(names_in([w for w in words[index + 2:] if w not in ('running', 'up', 'please', 'pls')], state),
                            state)   # "can we have 3 of the shop website running": that stack's app, three times
            if found.stack and not found.ambiguous and not found.unknown:
                return True
        near = words[index + 1:index + 5]
        if near and (box := state.container(near[0])) is not None and box.stack and box.service and re.search(
                rf'\b{re.escape(words[index])}\s+(?:the\s+)?{re.escape(near[0])}s?\b', clause.lower):
            return True   # "4 bookings apps" (said of the one container of that app): four of its service
        if any(service_word(w, state) or stack_service(w, state) for w in near if w not in state.stacks) and (
                any(stack_by_part(w, state) in state.stacks for w in words) or any(stack_service(w, state) for w in words)
                or set(near) & {'more', 'extra', 'additional', 'fewer', 'less'} or index + 1 < len(words)
                and words[index + 1].endswith('s') and service_word(words[index + 1], state)
                or any(w.endswith('s') and w not in state.name_words and service_word(w, state) for w in near[:3])
                or set(near[1:3]) & {'containers', 'instances', 'copies', 'replicas'}):
            return True   # "3 woodpecker agents", "make it 2 mattermost containers"
    return False


def _relative(clause: Clause) -> Callable[[int], int] | None:
    """A change of the replica count said relative to what runs: N more, N fewer, double, by N."""
    def count(word: str) -> int | None:
        return int(word) if is_number(word) else NUMBER_WORDS.get(word)
    def shift(n: int) -> Callable[[int], int]:
        return lambda current: current + n
    more = re.search(r'\b(\w+)\s+(?:more|extra|additional)\b', clause.lower) or (
        re.search(r'\b(another)\b(?:\s+(\w+))?', clause.lower))
    step = ((more.lastindex == 2 and count(more.group(2)) or 1) if more.group(1) == 'another'   # "another two workers"
            else count(more.group(1))) if more else None
    if step is not None:
        return shift(step)
    fewer = re.search(r'\b(\w+)\s+(?:fewer|less)\b', clause.lower)
    step = count(fewer.group(1)) if fewer else None
    if step is not None:
        return shift(-step)
    added = re.search(r'\badd\s+(an?|one|two|three|four|five|\d{1,2})\s+(?:more\s+|extra\s+)?(?:replicas?|cop(?:y|ies)|'
                      r'instances?|containers?)\b', clause.lower)   # "add a replica to the shop api"
    if added:
        return shift(1 if added.group(1) in ('a', 'an') else count(added.group(1)) or 1)
    plus = re.search(r'(?:^|\s)([+-])(\d{1,2})\b', clause.lower)   # "scale payments api +1"
    if plus:
        return shift(int(plus.group(2)) if plus.group(1) == '+' else -int(plus.group(2)))
    by = re.search(r'\bby\s+(\w+)\b(?!\s*(?:%|percent|times))', clause.lower)   # "scale up the shop worker by 2"
    step = count(by.group(1)) if by else None
    if by and step is not None:
        if set(clause.words) & {'up', 'increase', 'raise', 'grow', 'bump', 'add', 'upscale', 'increment'}:
            return shift(step)
        if set(clause.words) & {'down', 'reduce', 'decrease', 'shrink', 'cut', 'lower', 'downscale', 'decrement', 'trim'}:
            return shift(-step)
    for word, factor in (('double', 2.0), ('triple', 3.0), ('halve', 0.5), ('half', 0.5), ('twice', 2.0)):
        if clause.has(word):
            return lambda current: max(1, int(current * factor))
    return None


# what a rollback goes back to, said instead of naming the stack again (which the request before it named)
EARLIER_ONE = re.compile(r'\bto\s+(?:the\s+|its\s+|their\s+)?(?:previous|prior|earlier|older|old|'
                         r'last(?:\s+(?:good|working|known))?)\s+'
                         r'(?:one|version|revision|release|deploy(?:ment)?|state|build|config(?:uration)?)\b|'
                         # "show the last 5 changes to metrics and then undo the latest one": that stack's last change
                         r'\b(?:undo|revert|roll\s+back)\s+(?:the\s+|that\s+)?(?:latest|last|most\s+recent|newest)\s+'
                         r'(?:one|change|deploy(?:ment)?|revision|commit)\b')
VERSION_WORDS = {'previous', 'prior', 'earlier', 'older', 'old', 'last', 'latest', 'newest', 'most', 'recent', 'change', 'commit',
                 'good', 'working', 'one', 'version', 'revision',
                 'release', 'deploy', 'deployment', 'state', 'build', 'config', 'configuration', 'to', 'the', 'its', 'their'}


# further back than one revision, or a revision by its number: "two versions ago", "back 3 deploys", "revision 3"
_COUNT = r'(?:[2-9]|1\d|two|three|four|five|six|seven|eight|nine|ten|a\s+couple\s+of|a\s+few|several)'
FURTHER_BACK = re.compile(rf'\b{_COUNT}\s+(?:versions?|revisions?|deploys?|deployments?|releases?|commits?|changes?|steps?)'
                          r'(?:\s+(?:ago|back|before|earlier))?\b|'
                          r'\b(?:revision|version|rev|release)\s+(?:number\s+|no\.?\s*|#\s*)?v?\d{1,4}(?:\.\d+)*\b')


def _revision_id(word: str) -> bool:
    """A revision's id as people copy it: 7 to 40 hex digits, or a shorter one of letters and digits ("a1b2c3")."""
    return bool(re.fullmatch(r'[0-9a-f]{7,40}', word) or re.fullmatch(r'(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{4,6}', word))


def parse_rollback(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
              previous: Resolution | None) -> Resolution | None:
    words = [w for w in words if not _revision_id(w)]
    if previous is not None and EARLIER_ONE.search(clause.lower) and not names_in(
            [w for w in words if w not in VERSION_WORDS], state):   # "show crm's history and roll back to the previous one"
        words = [*(w for w in words if w not in VERSION_WORDS), 'it']
    target = find_targets(clause, state, out, words, previous, verb='roll back', prefer_stack=True)
    if target is None:
        return None
    several = stacks_of(target, state)
    if len(several) > 1 and not any(_revision_id(w) for w in clause.words) and not FURTHER_BACK.search(clause.lower):
        for stack in several:   # "roll back both nextcloud and paperless": each to its previous revision
            add_action(out, RollbackAction(stack=stack), f'roll stack {stack} back to its previous revision')
        return target
    stack = target.stack or next((state.container(n).stack for n in target.containers if state.container(n)), None)
    if not stack:
        out.questions.append(Question(text='Only stacks have revisions to roll back to: which stack?',
                                      choices=[f'rollback {s}' for s in list(state.stacks)[:6]]))
        return None
    revision = next((w for w in clause.words if _revision_id(w)), None)
    further = FURTHER_BACK.search(clause.lower)
    if revision is None and further:   # "revert shop to two versions ago", "rollback shop to revision 3": never one back
        out.questions.append(Question(text=f'Which revision of {stack} ("{further.group(0)}")? A rollback goes to one revision, '
                                           'named by its id in the stack\'s history, or to the one before the current.',
                                      choices=[f'show the history of {stack}', f'roll {stack} back to its previous revision']))
        return None
    add_action(out, RollbackAction(stack=stack, to=revision),
         f'roll stack {stack} back to ' + (revision or 'its previous revision'))
    return Resolution(stack=stack)


def parse_redeploy(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
              previous: Resolution | None) -> Resolution | None:
    target = find_targets(clause, state, out, words, previous, verb='redeploy', prefer_stack=True)
    if target is None:
        return None
    stacks = stacks_of(target, state)
    if not stacks:
        out.questions.append(Question(text='Only stacks can be redeployed: which stack?',
                                      choices=[f'redeploy {s}' for s in list(state.stacks)[:6]]))
        return None
    for stack in stacks:
        add_action(out, StackAction(op='redeploy', stack=stack), f'redeploy stack {stack}')
    return target
