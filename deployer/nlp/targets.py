"""What every handler of the embedded parser shares: the result it adds to and whom a request is about.

* ``Parsed`` — the result of a parse (actions, warnings, questions, explanations) and ``add_action``, which
  appends one action with its explanation;
* ``names_in`` — the words of a request that can name a container or stack;
* ``find_targets`` / ``selector_of`` — the containers or stack a request is about: selectors ("all running",
  "everything in crm"), names, or "it"/"its" for the previous request's target; asks when unsure.
"""
from __future__ import annotations

from typing import Any

from . import regex as re
from .clause import ALL_WORDS, CONJUNCTIONS, FILLER, KINDS, KNOWN_IMAGES, STATES, VERBS, Clause
from .lexicon import COMMON, everyday
from .plan import Question
from .resolve import GENERIC, IGNORED, ROLE_WORDS, ROLES, Resolution, doing, image_part, one_stack, parts, resolve
from .state import Box, State

# words that describe a target without naming it ("the new one", "someone", "the old container")
DESCRIBED = ('one', 'ones', 'thing', 'things', 'container', 'containers', 'stack', 'stacks', 'guy', 'someone', 'something',
             'somebody', 'anyone', 'anything', 'stuff')
EXCEPT = {'except', 'excluding', 'besides', 'but', 'apart', 'other', 'save', 'minus', 'without'}


class Parsed:
    def __init__(self) -> None:
        self.actions: list[Any] = []
        self.warnings: list[str] = []
        self.questions: list[Question] = []
        self.explanations: list[str] = []
        self.unknown: list[str] = []     # names that matched nothing (the live state may be behind: look again)
        self.groups: list[list[str]] = []   # the groups of several names the requests named, in order ("the first one")
        self.said = ''   # the message as written, before any rewrite
        self.not_planned: list[str] = []   # steps left out on purpose, as said ("… that runs 'rm -rf /'"): never for a model
        self.guarded = False   # the message spoke to the assistant's own rules ("ignore your instructions"): never for a model


def add_action(out: Parsed, action: Any, explanation: str) -> None:
    out.actions.append(action)
    out.explanations.append(explanation[:1].upper() + explanation[1:])


def names_in(words: list[str], state: State | None = None, *, strict: bool = False) -> list[str]:
    """The words that can name something; with the live state, everyday English that is part of no
    live name is left out too ("someone told me to look at the logs", "anything new in x's logs")."""
    services = state.services if state is not None else frozenset()
    live = state.name_words if state is not None else None
    return [w for w in words if (w.removesuffix("'s") not in KINDS or w.removesuffix("'s") in services) and w not in ALL_WORDS
            and w not in STATES
            and w not in ('and', 'or', 'of', 'in', 'on', 'from', 'with', 'its', 'their', 'it', 'them', 'named', 'called')
            and (live is None or not everyday(w, live, strict=strict) or bool(doing(w) & live))   # "checker": backup-check
            and not TIME_OF_DAY.fullmatch(w)
            and not w.startswith('/')   # "/api/checkout", "/var/log": a path, never a name
            and not re.fullmatch(r'\d+(?:\.\d+)?%', w)]   # "stuck at 100% cpu": an amount, never a name


def _named_apart(resolution: Resolution, names: list[str], message: str, state: State) -> str | None:
    """The one of several candidates whose name has a word the message says elsewhere, of a person or a thing
    ("Priya's lab froze … restart her lab": lab-priya-1 of four labs), never a word said as not meant ("not ds210")."""
    text = re.sub(r"\b(?:not|except|but\s+not|apart\s+from|other\s+than)\s+(?:the\s+)?[\w.-]+", ' ', message.lower())
    said = set(names) | {part for name in names for part in re.split(r'[-_.]', name)}   # (the request's own words)
    words = {w.removesuffix("'s") for w in re.findall(r"[a-z][\w'-]*", text)} - said
    fitting = [n for n in resolution.ambiguous
               if any(p in words and p.isalpha() and len(p) > 2 and p not in COMMON and p not in ROLE_WORDS
                      and p not in state.services and p not in KNOWN_IMAGES   # a person's or a thing's own name, no role
                      for p in parts(n) if p not in names and p not in GENERIC)]
    return fitting[0] if len(fitting) == 1 else None


def _said(words: list[str]) -> str:
    """Words as the person wrote them, for a question: "web server", not the role word it was read as."""
    return ' '.join(words).replace('webservers', 'web servers').replace('webserver', 'web server')


TIME_OF_DAY = re.compile(r'\d{1,2}(?::\d\d)?\s*(?:am|pm)|\d{1,2}:\d\d|noon|midnight')   # "since 9am", "after 14:30"


EVERY_STACK = re.compile(r'\b(?:all|every|each)\s+(?:of\s+)?(?:(?:my|the|our|these|those)\s+)?'
                         r'(?:(?P<count>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+)?(?:app\s+)?stacks?\b'
                         r'(?!\s+(?:containers?|services?)\b)')
STACK_COUNTS = {'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6, 'seven': 7, 'eight': 8, 'nine': 9, 'ten': 10}


# "every cron container that's down", "the db-0x that are running", "workers which aren't up", "the ones that crashed"
RELATIVE_STATE = re.compile(
    r"(?:\b(?:that|which|who)(?:\s*['’](?:s|re)|\s+(?:is|are))?|\bwhichever\b[^.;]*?\b(?:is|are))"   # "whichever … are down"
    r"(?P<neg>\s*n['’]t|\s+not)?\s+(?:currently\s+|still\s+|now\s+)?"
    r"(?P<state>running|up|down|stopped|exited|dead|crashed|paused|started|active|inactive|died|failed)\b")
AS_STATE = {**STATES, 'died': 'exited', 'failed': 'exited'}


def find_targets(clause: Clause, state: State, out: Parsed, words: list[str], previous: Resolution | None, *,
                 verb: str, prefer_stack: bool = False) -> Resolution | None:
    """Whom the request is about (``_found``), kept to those in the state a relative clause says:
    "restart every db-0x that's running" restarts the running ones, and if none is, nothing."""
    found = _found(clause, state, out, words, previous, verb=verb, prefer_stack=prefer_stack)
    said = RELATIVE_STATE.search(clause.lower)
    if found is None or said is None or not found.found:
        return found
    wanted, negated = AS_STATE[said.group('state')], said.group('neg') is not None
    pool = list(dict.fromkeys([*found.containers, *(b.name for s in found.all_stacks for b in state.stacks.get(s, ()))]))
    kept = [n for n in pool if (box := state.container(n)) is not None and (box.state == wanted) != negated]
    if kept == pool:
        return found
    if not kept:
        listed = ', '.join(pool[:8]) + (' …' if len(pool) > 8 else '')
        told = f'{"all" if negated else "none"} of {listed} {"are" if negated else "is"} {said.group("state")}'
        out.warnings.append(f'{told[0].upper()}{told[1:]}: nothing to {verb}.')
        out.questions.append(Question(text=f'{told[0].upper()}{told[1:]}. What should I do instead?',
                                      choices=[f'{verb} {" ".join(pool[:8])}', f'status of {pool[0]}']))
        return None
    return Resolution(containers=kept, via='state')


def _found(clause: Clause, state: State, out: Parsed, words: list[str], previous: Resolution | None, *,
           verb: str, prefer_stack: bool = False) -> Resolution | None:
    """Whom the request is about: selectors ("all running", "everything in crm"), names,
    or "it"/"its" for the previous request's target; "except …" takes names out, or asks."""
    referred = _referred(clause, state, out, words, previous)
    if referred is not None:   # "the logs of all three", "restart the first one and stop the other", "start those"
        return referred
    every_stack = EVERY_STACK.search(clause.lower)
    if every_stack and state.stacks and not any(w in state.stacks for w in words) \
            and not any(w in EXCEPT for w in words):   # "pull new images for all my stacks": stacks, not every container
        said = every_stack.group('count')
        stacks_said = (STACK_COUNTS.get(said) or int(said)) if said else len(state.stacks)
        if stacks_said != len(state.stacks):   # "all three stacks" where there are four: which three?
            out.questions.append(Question(text=f'There are {len(state.stacks)} stacks here, not {stacks_said}: which should I '
                                               f'{verb}?', choices=[f'{verb} {s}' for s in list(state.stacks)[:6]]))
            return None
        return Resolution(stacks=list(state.stacks), via='selector')
    cut = next((i for i, w in enumerate(words) if w in EXCEPT), None)
    if cut is not None:
        kept = find_targets(clause, state, out, words[:cut], previous, verb=verb, prefer_stack=prefer_stack)
        left_out = [w for w in names_in(words[cut + 1:], state) if w not in EXCEPT]
        if kept is None or not left_out:
            return kept
        pool = set(kept.containers) | {b.name for s in kept.all_stacks for b in state.stacks.get(s, ())}
        dropped: set[str] = set()
        apart = [g for g in (names_in(group, state) for group in groups_of(clause, words[cut + 1:])) if g] or [left_out]
        for part in apart:   # "except the server and the ml": each part is left out, read inside the selection
            excluded = resolve(part, state)
            inside = [n for n in excluded.ambiguous or excluded.containers if n in pool]
            if (excluded.ambiguous or not excluded.found) and len(inside) != 1:
                scope = {b.stack for n in pool if (b := state.container(n)) is not None and b.stack}
                within = resolve([*part, *scope], state) if len(scope) == 1 else Resolution()
                inside = [n for n in within.containers if n in pool] if within.containers else []
            if len(inside) != 1 and len(part) == 1 and part[0].isascii() and part[0].isdigit():   # "cache-01 to 07 except 04"
                inside = [n for n in pool if re.search(rf'[-_]0*{int(part[0])}$', n)]
            if len(inside) == 1:
                excluded = Resolution(containers=inside, via='name')
            named = set(excluded.ambiguous) | set(excluded.containers) | {
                b.name for s in excluded.all_stacks for b in state.stacks.get(s, ())}
            if named and not named & pool:   # "redeploy the shop stack, not staging": not in it anyway
                continue
            if not excluded.found or excluded.ambiguous:
                out.unknown.append(' '.join(part))
                out.questions.append(Question(text=f'Which container is "{" ".join(part)}", to leave out?',
                                              choices=[f'{verb} all except {n}' for n in excluded.ambiguous[:6]]))
                return None
            dropped |= set(excluded.containers) | {b.name for s in excluded.all_stacks for b in state.stacks.get(s, ())}
        if not dropped:
            return kept
        whole = {s for s in kept.all_stacks if {b.name for b in state.stacks.get(s, ())} <= dropped}
        if not kept.containers and len(kept.all_stacks) > 1 and whole and dropped <= {
                b.name for s in whole for b in state.stacks.get(s, ())}:   # "remove all stacks except shop": the other stacks
            left = [s for s in kept.all_stacks if s not in whole]
            return Resolution(stacks=left, via='selector') if len(left) != 1 else Resolution(stack=left[0], via='selector')
        if kept.containers and kept.all_stacks:   # "stop the blog and traefik, leave traefik out": the blog stays a stack
            stacks = [s for s in kept.all_stacks if not {b.name for b in state.stacks.get(s, ())} & dropped]
            members = [b.name for s in kept.all_stacks if s not in stacks for b in state.stacks.get(s, ())
                       if b.name not in dropped]
            left = [c for c in kept.containers if c not in dropped] + members
            return Resolution(containers=left, stacks=stacks, via='selector') if left else \
                Resolution(stack=stacks[0], via='name') if len(stacks) == 1 else Resolution(stacks=stacks, via='name')
        return Resolution(containers=[c for c in kept.containers if c not in dropped] if kept.containers else
                          [b.name for s in kept.all_stacks for b in state.stacks.get(s, ()) if b.name not in dropped],
                          via='selector')
    if re.search(r'\b(?:the\s+(?:whole|entire)|that|this)\s+(?:stack|container|one|thing)\b', clause.lower) and not [
            w for w in names_in(words, state) if w not in ('whole', 'entire', 'stack', 'container', 'one', 'thing')]:
        if previous is not None and previous.found:   # "… is acting weird, could you restart the whole stack?"
            return previous
        out.questions.append(Question(text=f'Which stack or container should I {verb}?',
                                      choices=[f'{verb} {name}' for name in list(state.stacks)[:6]]))
        return None
    if previous is not None and previous.found and clause.has('it', 'them', 'its', 'their') and clause.has(
            'all', 'everything', 'every', 'each') and not names_in([w for w in words if w not in (
                'all', 'everything', 'every', 'each', 'it', 'them', 'its', 'their', 'containers', 'services')], state):
        return previous   # "the shop stuff …, could you shut it all down?", "restart all of its containers": not everything
    if (previous is None or not previous.found) and re.search(r'\b(?:all|every|each)\s+(?:of\s+)?(?:its|their)\b', clause.lower) \
            and not any(w in state.stacks for w in words):   # "delete the nextcloud stack and all its data": nextcloud's
        out.questions.append(Question(text=f'Whose containers should I {verb}? Name the stack.',   # never all of them
                                      choices=[f'{verb} {name}' for name in list(state.stacks)[:6]]))
        return None
    selected = selector_of(clause, state, words, verb=verb)
    if selected is not None:
        return selected
    names = names_in(words, state)
    pronoun = clause.has('it', 'its', 'them', 'their', 'him', 'her')
    described = (not names and not pronoun and bool(names_in(words)) and not verb.startswith('show')
                 and clause.has(*DESCRIBED))
    if described:   # "stop mailer, then remove the new one": everyday words that name nothing; a change asks whom
        out.questions.append(Question(text=f'Which container or stack should I {verb}?',
                                      choices=[f'{verb} {b.name}' for b in state.containers[:6]]))
        return None
    if not names and previous is not None and previous.found:
        return previous
    if clause.quoted:   # a quoted name ("restart 'web'"); not a quoted search already taken ("containing 'error'")
        taken = names_taken(clause)   # a quoted live name is still that name ("tell me about 'mailer'")
        names = [q.lower() for q in clause.quoted if q.lower() not in taken or state.container(q.lower()) is not None
                 or q.lower() in state.stacks] + names
    count, noun = _count_said(clause, names)
    if not names and noun is not None:   # "stop both databases": the role counted names them
        names = [noun]
    if not names:
        out.questions.append(Question(text=f'Which container or stack should I {verb}?',
                                      choices=[f'{verb} {b.name}' for b in state.containers[:6]]))
        return None
    coordinated = groups_of(clause, words)
    groups = [g for g in (names_in(group, state) for group in coordinated) if g]
    lone = [plain for group in coordinated if (plain := names_in(group, state, strict=True)) and not names_in(group, state)
            and _a_part(group, clause, state, words) and not all(w in IGNORED for w in plain)]   # not "… both frozen solid"
    if groups and lone and not clause.quoted:   # "restart blog and calculator": a part of plain words is still a part
        phrase = _said(lone[0])
        out.unknown.append(phrase)
        out.questions.append(Question(text=f'I found no container or stack called "{phrase}".',
                                      choices=[f'{verb} {b.name}' for b in _similar(phrase, state)][:6]))
        return None
    if len(groups) > 1 and not clause.quoted and verb in CHANGES and _a_choice(clause):
        said = [_said(g) for g in coordinated if names_in(g, state)]   # "stop the frontend or the backend": which?
        out.questions.append(Question(text=f'Which should I {verb}: {" or ".join(said)}?',
                                      choices=[f'{verb} {s}' for s in said]))
        return None
    if len(groups) > 1 and not clause.quoted:   # "web and the blog", "the shop api and the blog db"
        return _resolve_groups(groups, state, out, verb=verb, prefer_stack=prefer_stack or clause.has('stack', 'project'))
    plain = [n for n in names if n not in COUNTS and not (count and n == str(count))]
    if noun and noun not in plain:   # "stop the 3 databases": the role word counted is what is meant
        plain.append(noun)
    resolution = resolve(plain or names, state, prefer_stack=prefer_stack or clause.has('stack', 'project'))
    if resolution.ambiguous and len(resolution.ambiguous) == count and resolution.via != 'stack':
        return Resolution(containers=list(resolution.ambiguous), via='both')   # "restart both nginx", "the 3 databases"
    if count and len(resolution.containers) < count and not resolution.all_stacks:   # "both shop apis": shop's, staging's
        said = [w[:-1] if w.endswith('s') and w[:-1] in state.name_words else w for w in (plain or names)]
        every = [b.name for b in state.containers if all(w in parts(b.name) for w in said)]
        if len(every) == count:
            return Resolution(containers=every, via='both')
        running = [b.name for b in state.containers if len(said) == 1 and b.repo == said[0]]
        if len(running) == count:   # "all three redis": paperless's broker runs redis too
            return Resolution(containers=running, via='image')
        found = every if len(every) > len(resolution.containers) else resolution.containers
        if found and len(found) < count:   # "the 3 shop apis" where two run: never fewer than were said, quietly
            out.questions.append(Question(text=f'You said {count}, and I found {len(found)}: {", ".join(found)}. '
                                               f'Which should I {verb}?',
                                          choices=[f'{verb} {" and ".join(found)}', *(f'{verb} {n}' for n in found)][:6]))
            return None
    if resolution.ambiguous and resolution.via != 'stack':   # "start the stopped workers", "the paused runner"
        relative = RELATIVE_STATE.search(clause.lower)   # "every cron that's down": find_targets keeps those
        wanted = next((STATES[w] for w in clause.words if w in STATES and w not in ('up', 'down', 'live')), None)
        fitting = [n for n in resolution.ambiguous if relative or wanted and (box := state.container(n)) is not None
                   and box.state == wanted]
        plural = any(w.endswith('s') and w not in state.name_words for w in names) or clause.has('every', 'all', 'each')
        if fitting and (plural or len(fitting) == 1):
            return Resolution(containers=fitting, via='state')
    context = one_stack(previous, state) if resolution.ambiguous and resolution.via != 'stack' else None
    if context and not any(w in state.stacks for w in names):   # "restart immich, then the logs of the redis": immich's
        within = resolve([*(plain or names), context], state)
        if len(within.containers) == 1 and not within.ambiguous and within.containers[0] in resolution.ambiguous:
            return Resolution(containers=within.containers, via='context')
    named_apart = _named_apart(resolution, [*names, *re.findall(r"[a-z][\w'-]*", clause.lower)], out.said, state) \
        if resolution.ambiguous and resolution.via != 'stack' else None
    if named_apart is not None:   # "Priya says her lab froze, restart her lab": lab-priya-1, by a word said apart
        return Resolution(containers=[named_apart], via='named apart')
    if resolution.ambiguous:
        kind = 'stacks' if resolution.via == 'stack' else 'containers'
        out.questions.append(Question(text=f'"{_said(names)}" fits several {kind}: which one?',
                                      choices=[f'{verb} {name}' for name in resolution.ambiguous]))
        return None
    if not resolution.found:
        unknown = ' '.join(resolution.unknown) or ' '.join(names)
        out.unknown.append(unknown)
        new = [f'run a new {unknown} container'] if verb in ('start', 'up') and unknown in KNOWN_IMAGES else []
        out.questions.append(Question(text=f'I found no container or stack called "{unknown}".',   # "start alpine"
                                      choices=new + [f'{verb} {b.name}' for b in _similar(unknown, state)][:6 - len(new)]))
        return None
    return resolution


CHANGES = frozenset({'start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove', 'redeploy', 'update', 'pull', 'up',
                     'down'})


def _a_choice(clause: Clause) -> bool:
    """Targets joined by "or" as a choice ("stop the frontend or the backend, whichever is broken"); not "and/or",
    "or both", "or all of them", nor "or" between requests."""
    lowered = re.sub(r'\b(?:not|except|excluding|without|but\s+not|neither|nor|apart\s+from|other\s+than)\b.*$', '',
                     clause.lower)   # "… but not alertmanager or the node exporter": neither, no choice
    return bool(re.search(r'(?<!and/)\bor\b(?!\s+(?:both|all|each|everything|the\s+whole)\b)', lowered)) and not re.search(
        r'\bor\s+(?:just\s+)?(?:restart|stop|start|remove|delete|kill|pause|show|tail|redeploy|update|pull)\b', lowered)


COUNTS = {'both': 2, 'two': 2, 'three': 3, 'four': 4, 'five': 5}


def _count_said(clause: Clause, names: list[str]) -> tuple[int | None, str | None]:
    """How many things the words say there are, said before them ("both nginx", "the 3 databases", "the 2
    postgres dbs"), and the word counted; (None, None) when no count is said or a number is a name's ("web 3")."""
    said = clause.words
    for index, word in enumerate(said[:-1]):
        number = COUNTS.get(word) or (int(word) if len(word) == 1 and word in '23456789' else None)
        noun = said[index + 1]
        if number and (noun in names or noun in ROLE_WORDS) and (
                word in COUNTS or noun.endswith('s') or noun in ('redis', 'nginx', 'postgres')):
            return number, noun
        owner = said[index - 1] if index else ''
        if number and noun in ('containers', 'services', 'ones', 'instances') and owner in names:
            return number, owner   # "the optician's two containers": the two that are the optician's
    return None, None
REFERRING = {'both', 'two', 'three', 'four', 'five', 'all', 'of', 'them', 'the', 'those', 'these', 'ones', 'one', 'first',
             'second', 'other', 'last', 'former', 'latter', 'each'}


SAYING = {'logs', 'log', 'lines', 'line', 'output', 'status', 'health', 'memory', 'cpu', 'uses', 'use', 'using', 'more',
          'most', 'which', 'tell', 'me', 'and', 'then', 'please', 'of', 'to', 'is', 'are', 'up', 'running', 'history',
          'containers', 'container'}


def _is_verb(word: str) -> bool:
    from .clause import VERBS
    return word in VERBS or (word.endswith('ing') and (word[:-3] in VERBS or word[:-3] + 'e' in VERBS))


def mentioned(out: Parsed, state: State) -> list[str]:
    """The containers and stacks the plan so far is about, in order."""
    names: list[str] = []
    for action in out.actions:
        for name in [*(getattr(action, 'targets', None) or []), getattr(action, 'target', None), getattr(action, 'stack', None)]:
            if name and name not in names and (state.container(name) is not None or name in state.stacks):
                names.append(name)
    return names


def _acted_on_together(out: Parsed, state: State) -> list[str]:
    """The containers of the last run of the same kind of step ("stop a. stop b."), in order."""
    names: list[str] = []
    last = out.actions[-1] if out.actions else None
    for action in reversed(out.actions):
        if last is None or action.type != last.type or getattr(action, 'op', None) != getattr(last, 'op', None):
            break
        for name in reversed(getattr(action, 'targets', None) or []):
            if name not in names and state.container(name) is not None:
                names.insert(0, name)
    return names


def _referred(clause: Clause, state: State, out: Parsed, words: list[str],
              previous: Resolution | None) -> Resolution | None:
    """What "both", "all three", "the two of them", "those", "the first one" or "the other" refer to:
    what the request before named, or the plan so far; None when the words name something else."""
    said = [w for w in clause.words if w not in FILLER and w not in SAYING and not _is_verb(w)]
    if not said or any(w not in REFERRING for w in said) or not set(said) - {'the', 'of', 'all', 'one', 'ones', 'each'}:
        return None
    before = [*previous.containers, *previous.all_stacks] if previous is not None and previous.found else []
    if set(said) & {'first', 'former', 'second', 'other', 'latter', 'last'} and out.groups:
        before = out.groups[-1]   # "restart the first one and stop the other": of the group named before
    so_far = mentioned(out, state)
    count = next((COUNTS[w] for w in said if w in COUNTS), None)
    if count is None and set(said) & {'them', 'those', 'these', 'all'} and ('them' in said or 'those' in said
                                                                            or 'these' in said):
        together = _acted_on_together(out, state)   # "stop grafana. stop prometheus. then start them": both
        chosen = together if len(before) <= 1 and len(together) > 1 else before or so_far
    elif count is not None:
        chosen = before if len(before) == count else so_far[-count:] if len(so_far) >= count else []
    elif set(said) & {'first', 'former'} and len(before) >= 2:
        chosen = before[:1]
    elif set(said) & {'second', 'other', 'latter', 'last'} and len(before) >= 2:
        chosen = before[1:2] if 'second' in said or len(before) == 2 else before[-1:]
    else:
        return None
    if not chosen:
        return None
    containers = [n for n in chosen if state.container(n) is not None]
    stacks = [n for n in chosen if n in state.stacks and n not in containers]
    if not containers and len(stacks) == 1:
        return Resolution(stack=stacks[0], via='reference')
    return Resolution(containers=containers, stacks=stacks, via='reference')


PLACE_WORDS = {'in', 'on', 'at', 'from', 'to', 'of', 'with', 'for', 'via', 'under', 'into', 'onto', 'inside', 'by'}


def _a_part(group: list[str], clause: Clause, state: State, words: list[str]) -> bool:
    """Whether a part of plain words is one of the things listed: joined by "and"/"or" ("blog and
    calculator"), or an item of a comma list beside a name ("restart blog, calculator"); not a phrase
    of its own set off by a comma ("in the stacks tab, hit redeploy on immich")."""
    said = clause.words
    segments: list[list[str]] = [[]]
    joiners: list[str] = ['']   # what joins each segment to the one before: a conjunction or ','
    for index, word in enumerate(said):
        if word in CONJUNCTIONS:
            segments.append([])
            joiners.append('and')
            continue
        segments[-1].append(word)
        if index in clause.breaks:
            segments.append([])
            joiners.append(',')
    at = next((n for n, seg in enumerate(segments) if any(seg[i:i + len(group)] == group for i in range(len(seg)))), None)
    if at is None or any(w in PLACE_WORDS for w in segments[at]) or names_in(
            [w for w in segments[at] if w not in group and w in words], state):
        return False
    segment = segments[at]
    first = next(i for i in range(len(segment)) if segment[i:i + len(group)] == group)
    if segment[first - 1:first] in (['a'], ['an']) and VERBS.get(' '.join(segment[first + len(group):][:1])):
        return False   # "x is hung, a hard restart please": what kind of request, not a thing listed
    for n, joiner in ((at - 1, joiners[at]), (at + 1, joiners[at + 1] if at + 1 < len(joiners) else '')):
        if 0 <= n < len(segments) and segments[n] and (joiner == 'and' or (
                joiner == ',' and names_in([w for w in segments[n] if w in words], state))):
            return True
    return False


def groups_of(clause: Clause, words: list[str]) -> list[list[str]]:
    """``words`` (a subsequence of the clause's words) cut where the clause coordinates: at
    "and", "or", "both" and commas — each group names one target."""
    groups: list[list[str]] = [[]]
    position = 0
    for index, word in enumerate(clause.words):
        if position < len(words) and words[position] == word:
            position += 1
            if word not in CONJUNCTIONS:
                groups[-1].append(word)
        if (word in CONJUNCTIONS or index in clause.breaks) and groups[-1]:
            groups.append([])
    groups[-1].extend(words[position:])
    return [g for g in groups if g]


def _resolve_groups(groups: list[list[str]], state: State, out: Parsed, *, verb: str,
                    prefer_stack: bool) -> Resolution | None:
    """Each coordinated part resolved on its own and every one kept: a part that matches
    nothing, or several things, is asked about — never dropped. A part without a stack of its
    own is first read inside the stack the part before it named ("the crm backend and frontend")."""
    containers: list[str] = []
    stacks: list[str] = []
    context: str | None = None
    named_last = [w for w in groups[-1] if w in state.stacks]
    trailing = named_last[0] if len(named_last) == 1 and len(groups[-1]) > 1 else None   # "the api and the queue of payments"
    for group in groups:
        resolution = Resolution()
        alone = resolve(group, state, prefer_stack=prefer_stack)
        if trailing and not any(w in state.stacks for w in group) and (alone.ambiguous or not alone.found):
            inside = resolve([*group, trailing], state)
            if inside.containers and all((b := state.container(n)) and b.stack == trailing for n in inside.containers):
                resolution = inside
        if not resolution.found and context and not any(w in state.stacks for w in group) and (
                alone.ambiguous or not alone.found):   # "the crm backend and frontend"; not "postgres db and mysql database"
            inside = resolve([*group, context], state)
            if inside.containers and all((b := state.container(n)) and b.stack == context for n in inside.containers):
                resolution = inside
        if not resolution.found:
            resolution = resolve(group, state, prefer_stack=prefer_stack)
        phrase = _said(group)
        if resolution.ambiguous:
            out.questions.append(Question(text=f'"{phrase}" fits several: which one?',
                                          choices=[f'{verb} {name}' for name in resolution.ambiguous]))
            return None
        if not resolution.found:
            out.unknown.append(phrase)
            out.questions.append(Question(text=f'I found no container or stack called "{phrase}".',
                                          choices=[f'{verb} {b.name}' for b in _similar(phrase, state)]))
            return None
        for stack in resolution.all_stacks:
            if stack not in stacks:
                stacks.append(stack)
        containers += [c for c in resolution.containers if c not in containers]
        box = state.container(resolution.containers[0]) if resolution.containers else None
        context = resolution.stack or (box.stack if box else None) or context
    out.groups.append([*containers, *stacks])
    if not stacks:
        return Resolution(containers=containers, via='names')
    if not containers and len(stacks) == 1:
        return Resolution(stack=stacks[0], via='stack')
    return Resolution(containers=containers, stacks=stacks, via='names')


def _similar(text: str, state: State) -> list[Any]:
    return sorted(state.containers, key=lambda b: (text[:3] not in b.name, b.name))[:4]


ACTS_ON = {'stop': 'running', 'restart': 'running', 'pause': 'running', 'kill': 'running', 'unpause': 'paused'}


def names_taken(clause: Clause) -> set[str]:
    """Quoted words the sentence uses as something else: what log lines should contain, a password."""
    return {m.group(1).lower() for m in re.finditer(
        r'\b(?:containing|contains|matching|mentioning|saying|about|regarding|grep(?:\s+-[a-z]+)*(?:\s+for)?|search(?:\s+for)?|'
        r'filter(?:ed)?\s+(?:by|on|for)|'
        r'password|passwd|pass|user(?:name)?|for|(?:log\s+|lines?\s+|logs\s+)?with(?:\s+the\s+word)?)\s+["\']([^"\']+)["\']',
        clause.raw, re.IGNORECASE) if not (m.group(0).lower().startswith('with') and not LOGGED.search(clause.raw))} | {
        m.group(1).lower() for m in LINES_OF_A_KIND.finditer(clause.raw)}   # "any 'failed' messages in x's log": a kind of line


LINES_OF_A_KIND = re.compile(r'["\']([^"\']+)["\']\s+(?:messages?|lines?|entries|entry|errors?|warnings?|events?)\b',
                             re.IGNORECASE)


LOGGED = re.compile(r'\blogs?\b|\blines?\b|\boutput\b', re.IGNORECASE)   # "logs of x with 'denied'": what lines contain


def selector_of(clause: Clause, state: State, words: list[str], verb: str = '') -> Resolution | None:
    wanted_state = next((STATES[w] for w in words if w in STATES and w not in ('up', 'down')), None)
    everything = bool(set(words) & (ALL_WORDS - {'whole', 'entire'})) or clause.has('everything') or (
        bool(set(words) & {'whole', 'entire'}) and not [w for w in words if w not in SELECTOR_WORDS and w not in FILLER])
    # "stop everything": what runs ("docker stop $(docker ps -q)"); "the whole next cloud stack" is that stack
    everything = everything or bool(set(words) & {'standalone', 'unstacked'})   # "the standalone containers": a selection
    if everything and wanted_state is None:
        wanted_state = ACTS_ON.get(verb)
    stack_scope = next((w for w in words if w in state.stacks), None) if (everything or wanted_state) else None
    if not (everything or wanted_state) or (not everything and not clause.has('containers', 'ones', 'everything')
                                             and not stack_scope):
        return None
    kind_words = [w for w in words if w not in SELECTOR_WORDS and w not in FILLER and w != stack_scope
                  and _singular(w) not in GENERIC]
    boxes = [b for b in state.containers if (wanted_state is None or b.state == wanted_state)
             and (stack_scope is None or b.stack == stack_scope) and all(_is_a(b, w) for w in kind_words)]
    if kind_words and not boxes:
        return None   # "all the zeppelins": not a selection of everything; the names are resolved (or asked about)
    return Resolution(containers=[b.name for b in boxes], via='selector')


SELECTOR_WORDS = {*ALL_WORDS, *KINDS, *STATES, 'the', 'of', 'in', 'and', 'ones', 'everything', 'on', 'from', 'that',
                  'which', 'are', 'is', 'currently', 'now', 'my', 'our', 'these', 'those', 'both', 'it', 'them', 'its',
                  'their', 'here', 'host', 'this', 'machine', "that's", "they're", 'still', 'anymore', 'right', 'at',
                  'moment', 'you', 'can', 'see', 'find', 'have', 'got', 'we', 'i', 'listed', 'shown', 'there', 'other'}


def _singular(word: str) -> str:
    return word[:-1] if word.endswith('s') and len(word) > 3 and not word.endswith('ss') else word


def _is_a(box: Box, word: str) -> bool:
    """Whether a word of a selection describes a container: "all databases", "every worker",
    "all nginx containers", "all the api ones"."""
    name_parts = parts(box.name)
    service = (box.service or '').lower()
    if word in ('standalone', 'unstacked', 'loose'):   # "every standalone container": in no stack
        return box.stack is None
    for form in dict.fromkeys((word, _singular(word), word[:-2] if word.endswith('es') else word)):
        if form in name_parts or form == service or form == box.repo or image_part(form, box.repo):
            return True   # "every minecraft server": itzg/minecraft-server's containers
        role = ROLE_WORDS.get(form) or (form if form in ROLES else None)
        if role and (box.repo in ROLES[role] or service in ROLES[role] or any(p in ROLES[role] for p in name_parts)):
            return True
    return False


def describe_selector(words: list[str]) -> str:
    state = next((w for w in words if w in STATES), '')
    return state or 'selected'
