"""Resolving what people call things ("the crm backend", "nginx", "wiki's database",
"a password manager") to real names in the live state. Ties are never broken by guessing:
they come back as ambiguous so the parser can ask."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from . import regex as re
from .lexicon import COMMON
from .state import Box, State, TemplateInfo

ROLES: dict[str, set[str]] = {
    'database': {'db', 'database', 'mysql', 'mariadb', 'postgres', 'postgresql', 'pg', 'mongo', 'mongodb', 'sql'},
    'web': {'web', 'nginx', 'httpd', 'apache', 'caddy', 'webserver', 'www', 'frontend'},
    # "the web server": what serves web pages (a service called web, or a web server's image), not any front end
    'webserver': {'web', 'nginx', 'httpd', 'apache', 'apache2', 'caddy', 'lighttpd', 'webserver', 'www'},
    'cache': {'cache', 'redis', 'memcached', 'valkey', 'keydb'},
    'queue': {'queue', 'rabbitmq', 'broker', 'mq', 'kafka', 'nats'},
    'proxy': {'proxy', 'traefik', 'haproxy', 'nginx', 'caddy'},
    'backend': {'backend', 'api', 'server', 'app'},
    'frontend': {'frontend', 'ui', 'web', 'client'},
    'ml': {'ml', 'machine-learning', 'inference'},   # "the photo recognition": immich's machine learning
}
ROLE_WORDS = {'database': 'database', 'databases': 'database', 'db': 'database', 'dbs': 'database',
              'webserver': 'webserver', 'webservers': 'webserver',
              'cache': 'cache', 'queue': 'queue', 'broker': 'queue', 'proxy': 'proxy',
              'backend': 'backend', 'frontend': 'frontend', 'ui': 'frontend', 'gui': 'frontend',
              'website': 'web', 'websites': 'web', 'recognition': 'ml'}
WHOLE_APP = {'website', 'websites'}   # "the blog's website" where no container serves pages alone: the blog


@functools.lru_cache(maxsize=65536)   # the same words meet the same verbs and names in message after message
def damerau(a: str, b: str, limit: int = 3) -> int:
    """Edit distance with transpositions ("restatr" -> "restart" is 1), or ``limit + 1`` as soon as
    it is sure to be more than ``limit`` (most words are nowhere near most names)."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            best = previous[j - 1] if ca == cb else previous[j - 1] + 1
            if previous[j] + 1 < best:
                best = previous[j] + 1
            if current[j - 1] + 1 < best:
                best = current[j - 1] + 1
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and previous2[j - 2] + 1 < best:
                best = previous2[j - 2] + 1
            current[j] = best
        if min(current) > limit and (i == 1 or min(previous) > limit):   # a transposition looks back two rows
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


TRAILING_NUMBER = re.compile(r'\d+$')


def close_enough(word: str, known: str) -> bool:
    """A typo of ``known``: one edit for words of 4+ letters, two for 8+."""
    if word == known:
        return True
    if len(known) < 4 or len(word) < 3:
        return False
    numbered, number = TRAILING_NUMBER.search(word), TRAILING_NUMBER.search(known)
    if numbered and number and numbered.group(0) != number.group(0):
        return False   # "web-011", "web-08" where web-01 … web-07 run: another number is another thing, never a typo
    allowed = 2 if len(known) >= 8 else 1
    return damerau(word, known, allowed) <= allowed


@functools.lru_cache(maxsize=4096)
def parts(name: str) -> tuple[str, ...]:
    """A name's parts: "shop-api-1" -> ("shop", "api", "1") (names are few and asked about often)."""
    return tuple(p for p in re.split(r'[-_.]', name.lower()) if p)


@dataclass
class Resolution:
    """Containers (or one stack) a phrase names; ``ambiguous`` lists equally good candidates."""
    containers: list[str] = field(default_factory=list)
    stack: str | None = None
    ambiguous: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)     # words that looked like names but match nothing
    via: str = ''                                         # how it matched (for explanations)
    stacks: list[str] = field(default_factory=list)       # "web and the blog": every stack named, with containers

    @property
    def found(self) -> bool:
        return bool(self.containers or self.stack or self.stacks)

    @property
    def all_stacks(self) -> list[str]:
        return self.stacks or ([self.stack] if self.stack else [])


def _score(box: Box, words: list[str], stack_words: set[str]) -> tuple[int, str]:
    """How well ``words`` describe ``box``: 100 exact name … 40 a typo of its name."""
    name = box.name.lower()
    best, how = 0, ''
    joined = '-'.join(words)
    in_stack = box.stack is not None and box.stack in stack_words
    if name in words or name == joined:   # below a stack's own service when a stack is named ("the shop api")
        return (100 if in_stack or not stack_words else 80), 'name'
    service = (box.service or '').lower()
    for word in words:
        score, label = _word_score(word, name, service, box.repo, in_stack, word in stack_words)
        if score > best:
            best, how = score, label
    matched_words = sum(1 for w in words if w in parts(name) or w == box.repo or w == (box.service or '')
                        or len(w) > 3 and w + 's' in parts(name) or image_part(w, box.repo)   # "the order consumer"
                        or bool(doing(w) & set(parts(name)))   # "the backup verifier": backup-verify
                        or (ROLE_WORDS.get(w) and (box.repo in ROLES[ROLE_WORDS[w]]
                                                    or (box.service or '') in ROLES[ROLE_WORDS[w]])))
    if best == 95 and matched_words > 1:   # "the gitlab runner" in stack gitlab (whose service gitlab is another one)
        return 96, how
    return (best + 3 * (matched_words - 1) if best and matched_words > 1 and best < 95 else best), how


# the words of image names that say what any image is, never which software ("docker-mailserver", "minecraft-server")
IMAGE_PART_WORDS = frozenset({'docker', 'server', 'servers', 'app', 'apps', 'web', 'official', 'image', 'images', 'container',
                              'service', 'network', 'application', 'core', 'community', 'edition', 'base', 'alpine', 'slim'})


def image_part(word: str, repo: str) -> bool:
    """Whether ``word`` names the software of an image by a word of its name ("minecraft" of minecraft-server,
    "uptime" of uptime-kuma), never by a word any image has ("server", "docker")."""
    said = re.split(r'[-_]', repo)
    return len(word) > 3 and not word.isdigit() and word not in IMAGE_PART_WORDS and (
        word in said[:-1] or len(said) > 1 and word == said[-1] and len(word) > 4 and word not in COMMON)   # "mosquitto"


@functools.lru_cache(maxsize=4096)
def doing(word: str) -> frozenset[str]:
    """What a word for a doer does, as a name part would say it: "verifier" verify, "exporter" export, "scheduler"
    schedule, "runner" run, "collector" collect; empty for words that name no doer."""
    if len(word) < 6 or not word.isalpha() or word in ROLE_WORDS:
        return frozenset()
    if word.endswith('ier'):
        return frozenset({word[:-3] + 'y'})
    if not word.endswith(('er', 'or')):
        return frozenset()
    base = word[:-2]
    return frozenset({base, base + 'e'} | ({base[:-1]} if base[-1] == base[-2] else set()))


@functools.lru_cache(maxsize=65536)
def _word_score(word: str, name: str, service: str, repo: str, in_stack: bool, a_stack: bool) -> tuple[int, str]:
    """How well one word describes a container with this name, service and image (the best reading),
    kept once worked out: a message is matched against every container, word by word."""
    role = ROLE_WORDS.get(word)
    best, how = 0, ''
    candidates = [
        (95 if in_stack else 0, service and word == service and in_stack, 'stack service'),
        (90 if in_stack else 0, in_stack and word == repo and not a_stack, 'stack image'),
        (90 if in_stack and role else 0, role and (service in ROLES[role] or repo in ROLES[role]
                                                or any(p in ROLES[role] for p in parts(name))), 'stack role'),
        (70, word in parts(name) and len(word) > 2, 'name part'),
        (68, len(word) > 3 and word + 's' in parts(name) and word not in ROLE_WORDS, 'name part, said in the singular'),
        # ↑ "the order consumer": queue-orders-1 (its image consumer-orders), not queue-emails-1 (consumer-emails)
        (68, bool(doing(word) & set(parts(name))), 'name part, said as what does it'),   # "verifier": backup-verify
        (65, service and word == service, 'service'),
        (65, len(word) == 2 and word.isalpha() and word not in ROLE_WORDS and word in parts(name), 'short name part'),
        # ↑ "the mc server" with mc-creative, mc-modded and a stack's service mc: as good as that service, so asked
        (60, word == repo, 'image'),
        (55, word not in ROLE_WORDS and image_part(word, repo), 'image part'),   # "every minecraft server"
        (90 if in_stack and not a_stack else 0, len(word) >= 5 and word not in ROLE_WORDS and word != repo
         and repo.startswith(word) and 2 * len(word) >= len(repo), "stack image's start"),   # "the payments rabbit"
        (50, role and (repo in ROLES[role] or service in ROLES[role] or any(p in ROLES[role] for p in parts(name))),
         'role'),
        (42 - damerau(word, name, 2) if len(word) >= 4 and close_enough(word, name) else 0, True, 'typo'),
        (41 if len(word) >= 6 and re.fullmatch(r'[\w.]+-[a-z]{3,}', word) and re.search(r'-\d$', name)
         and damerau(word, name[:-2], 2) == 1 else 0, True, 'typo'),   # "crm-fronted": crm-frontend-1, said without its number
        # ↑ the closer typo first: "shop-wbe-1" is shop-web-1 (one letter swapped), not shop-db-1 (two)
        (35, len(word) >= 5 and word not in ROLE_WORDS and any(
            len(p) >= 5 and p != word and close_enough(word, p) for p in {*parts(name), repo, service}),
         'typo of a part'),   # "restart wordpess", "stop promethius": blog-wordpress-1, metrics-prometheus-1
        (30, len(word) >= 4 and word.isalpha() and word not in ROLE_WORDS and any(
            len(p) >= len(word) + 2 and p.startswith(word) for p in {*parts(name), repo}),
         'start of a name'),   # "jelly": jellyfin; "the payments rabbit": rabbitmq
        (90 if in_stack and not a_stack else 28, len(word) >= 3 and word.isalpha() and word not in ROLE_WORDS and any(
            len(p) >= len(word) + 4 and p.endswith(word) and p[:-len(word)].isalpha() for p in {service, repo}),
         'end of a name'),   # "the ds210 hub": its jupyterhub
    ]
    for score, matched, label in candidates:
        if matched and score > best:
            best, how = score, label
    return best, how


def resolve(words: list[str], state: State, *, prefer_stack: bool = False) -> Resolution:
    """Resolve a phrase (already split into lower-case words, fillers removed)."""
    words = [_singular(w[:-2] if w.endswith("'s") else w, state) for w in words]
    words = [part for w in words for part in (stack_service(w, state) or [w])]   # "crm/db", "metrics/grafana"
    words = _joined_stacks(words, state)   # "the shop staging api": stack shop-staging's api
    words = numbered(words, state)   # "web 1", "api #4", "cache no. 3": web-01, api-04, cache-03
    words = [_coded(w, state) for w in words]   # "the 124 stack", "customer 311", "c311": the one stack coded so
    words = [_padded(w, state) for w in words]   # "worker-3" is worker-03
    words = _stack_by_its_app(words, state)   # "the wordpress database": the database of wordpress's stack
    words = _production(words, state)   # "the shop api, the production one": shop's, not shop-staging's
    words = [stack_by_part(w, state) for w in words]   # "billing" where the stack is billing-v2
    stacks = {w for w in words if w in state.stacks}
    said = [w for w in words if w not in IGNORED and w not in GENERIC]
    if prefer_stack and len(stacks) == 1 and not [w for w in said if w not in stacks]:
        return Resolution(stack=next(iter(stacks)), via='stack')   # "the homeassistant stack": not its service homeassistant
    if prefer_stack and not stacks and said:   # "nuke the staging stack": the one stack whose name has those words
        named = [s for s in state.stacks if all(w in parts(s) for w in said)]
        if len(named) == 1:
            return Resolution(stack=named[0], via='stack')
        holders = {b.stack for b in state.containers if b.stack and all(w in (b.service, b.repo) for w in said)}
        if len(holders) == 1 and len(said) == 1 and state.container(said[0]) is None:   # "the koha stack": the stack koha is in
            return Resolution(stack=holders.pop(), via='stack of its service')
    apart = _each_alone(said, state)
    if apart:   # "restart sonarr radarr prowlarr qbittorrent": four things named in a row, each one alone, none dropped
        return Resolution(containers=apart, via='names in a row')
    stack_typos = {s for s in state.stacks for w in words if len(w) >= 4 and close_enough(w, s) and w not in state.stacks}
    exact = [w for w in words if state.container(w) is not None]
    if exact and any(b.service in words for s in stacks for b in state.stacks.get(s, ())):
        exact = []   # "the shop api": the api service of stack shop, not a container that is called api
    if len(exact) == 1 and set(words) & OLD_SAID and (copy := _old_copy_of(exact[0], state)) is not None:
        return Resolution(containers=[copy], via='its old copy')   # "start the old pihole": pihole-v5, stopped, not pihole
    doers = [w for w in said if w not in exact and doing(w)]
    fuller = [b.name for b in state.containers if len(exact) == 1 and doers and b.name != exact[0]
              and exact[0] in parts(b.name) and all(doing(w) & set(parts(b.name)) for w in doers)]
    if len(fuller) == 1:   # "start the backup checker" beside backup and backup-check: the one that checks it
        return Resolution(containers=fuller, via='name part, said as what does it')
    if exact:
        strays = [w for i, w in enumerate(words) if w not in exact and not _known_word(w, state)
                  and (re.search(r'[\d_.-]', w) or (i + 1 < len(words) and words[i + 1] in exact))]
        if strays:  # "restart the shop api" without a shop: do not quietly drop "shop" (a word before the name)
            return Resolution(unknown=strays, ambiguous=[], via='stray')
        return Resolution(containers=list(dict.fromkeys(exact)), via='name')
    if said and not stacks and any(ROLE_WORDS.get(w) == 'database' for w in said) and all(
            ROLE_WORDS.get(w) == 'database' or w == 'sql' for w in said):   # "restart the database" with six of them
        playing = sorted(b.name for b in state.containers if (b.service or '') in ROLES['database'] or any(
            r in b.repo for r in ('postgres', 'mariadb', 'mysql', 'mongo')))
        if len(playing) > 1 and set(said) & {b.service for b in state.containers if b.name in playing}:
            return Resolution(ambiguous=playing, via='role')   # one is called so, the others are databases as much
    if any(w in ROLE_WORDS for w in words):   # "the database server": the role, not a container called *-server-*
        words = [w for w in words if w not in GENERIC]
    scored = [(score, how, box) for box in state.containers for score, how in [_score(box, words, stacks)] if score]
    if stacks and not any(score >= 90 for score, _, _ in scored):   # "the db in the immich stack": the service
        strays = [w for w in words if w not in stacks and w not in IGNORED and w not in GENERIC and w not in WHOLE_APP
                  and any(w == b.repo or w == (b.service or '') or w in ROLE_WORDS for b in state.containers)]
        if len(stacks) == 1 and strays:   # "the crm redis" where crm has none: not the whole stack, silently
            return Resolution(unknown=strays, ambiguous=[], via='stray')
        if len(stacks) == 1:
            return Resolution(stack=next(iter(stacks)), via='stack')
        return Resolution(ambiguous=sorted(stacks), via='stack')
    if not scored:
        if stack_typos and len(stack_typos) == 1:
            return Resolution(stack=next(iter(stack_typos)), via='stack typo')
        return Resolution(unknown=[w for w in words if w not in IGNORED])
    top = max(score for score, _, _ in scored)
    best = sorted({box.name for score, _, box in scored if score == top})
    how = next(h for s, h, _ in scored if s == top)
    strays = [w for w in words if re.search(r'[a-z]', w) and re.search(r'[\d_.-]', w) and not _known_word(w, state)
              and not _near_a_name(w, state) and any(not _known_word(part, state) and not _near_a_name(part, state)
                      for part in re.split(r'[\d_.-]+', w) if len(part) > 2)]
    if strays:   # "restart legacy-app web": a name said that is nowhere here, so not shop's web in its place
        return Resolution(unknown=strays, ambiguous=[], via='stray')
    kinds = a_kind_said(words, state)
    if kinds:   # "the printer server", "the game server": a kind of server this host has none of, never immich's server
        return Resolution(unknown=kinds, ambiguous=[], via='stray')
    if len(best) == 1:
        return Resolution(containers=best, via=how)
    together = {box.stack if (box := state.container(n)) is not None else None for n in best}
    if how == 'image' and len(together) == 1 and (stack := together.pop()) is not None:
        return Resolution(stack=stack, via='stack of its software')   # "restart nextcloud": its app and cron, the files stack
    said = [w for w in words if w not in IGNORED and w not in GENERIC]
    homes = {box.stack for n in best if (box := state.container(n)) is not None}
    if len(homes) == 1 and (home := next(iter(homes))) is not None and said and all(w in parts(home) for w in said) \
            and set(best) == {b.name for b in state.stacks.get(home, ())} \
            and not any(w in (b.service, b.repo) for b in state.stacks[home] for w in said):   # (not "odoo": its service)
        return Resolution(stack=home, via='stack by its words')   # "is the dental wp up?": stack c0142-dental-wp
    extra = {n: set(_extra_parts(n, said)) for n in best}
    plain = [n for n in best if all(m == n or extra[n] < extra[m] and extra[m] - extra[n] <= LEFTOVER for m in best)]
    if len(plain) == 1:   # "the physio n8n": c0388-physio-n8n, not its -old copy; "the webhook": payment-webhook's
        return Resolution(containers=plain, via=how)
    covering = [n for n in best if len(said) > 1 and (box := state.container(n)) is not None and all(
        w in parts(n) or w in re.split(r'[/:_.-]+', box.image.lower()) for w in said)]
    if len(covering) == 1:   # "gitea runner": git-runner-1 runs gitea's runner; the other runners and gitea fit one word each
        return Resolution(containers=covering, via=how)
    shared = [w for w in said if any(w in parts(n) for n in best)]
    copies = [n for n in best if _a_copy(n, extra[n], best, state)] if shared and all(
        w in parts(n) for n in best for w in shared) else []   # by the name they share, not their image ("the mysql")
    if copies and len(best) - len(copies) == 1 and not set(words) & OLD_SAID:   # "geoserver": gis-geoserver-1, not
        return Resolution(containers=[n for n in best if n not in copies], via=how)   # the stopped geoserver-old
    if len(copies) == 1 and set(words) & OLD_SAID:   # "the old geoserver"
        return Resolution(containers=copies, via=how)
    return Resolution(ambiguous=best, via=how)


def _each_alone(said: list[str], state: State) -> list[str] | None:
    """Words said in a row that each name one container by themselves, a different one each ("sonarr radarr
    prowlarr" for arr-sonarr-1, arr-radarr-1, arr-prowlarr-1): those containers; None when any word names
    nothing alone, a stack or several things, or two words name the same one ("jellyfin jellyfin")."""
    if len(said) < 2 or any(w in state.stacks or w.isdigit() or w in ROLE_WORDS or w in PLAIN_ROLES or w in PICKING
                            or w in LEFTOVER or w in OLD_SAID for w in said):
        return None
    found = []
    for word in said:
        alone = resolve([word], state)
        if len(alone.containers) != 1 or alone.ambiguous or alone.unknown or alone.stack or alone.via not in ('name',
                                                                                                            'name part'):
            return None
        found.append(alone.containers[0])
    return found if len(set(found)) == len(found) else None


PLAIN_ROLES = frozenset({'web', 'api', 'worker', 'workers', 'redis', 'admin', 'manager', 'runner', 'main', 'app', 'www', 'cron',
                         'jobs', 'job', 'scheduler', 'server', 'ml', 'search', 'mail', 'smtp'})


# what a name adds to say it is a leftover copy of another ("c0388-physio-n8n-old"): the plain one is meant
LEFTOVER = frozenset({'old', 'legacy', 'backup', 'bak', 'copy', 'tmp', 'temp', 'previous', 'prev', 'archive', 'archived',
                      'retired', 'disabled', 'deprecated', 'orig', 'original', 'clone'})


OLD_SAID = frozenset({'old', 'older', 'legacy', 'previous', 'prev', 'former', 'retired', 'outdated'})
VERSION_PART = re.compile(r'v\d+(?:\.\d+)*|\d{4}')


def _a_copy(name: str, extra: set[str], among: list[str], state: State) -> bool:
    """Whether a container is a leftover copy among others that fit as well: its name says so ("-old", "-legacy"),
    or it carries a version ("pihole-v5") and is stopped while another that fits runs."""
    if extra & LEFTOVER:
        return True
    box = state.container(name)
    return bool(box is not None and box.state != 'running' and any(VERSION_PART.fullmatch(p) for p in extra) and any(
        (other := state.container(m)) is not None and other.state == 'running' for m in among if m != name))


def _old_copy_of(name: str, state: State) -> str | None:
    """The one leftover copy of a container, by its name ("pihole-v5", "pihole-old", "old-pihole"), or None."""
    found = [b.name for b in state.containers if b.name != name and name in (parts(b.name)[0], parts(b.name)[-1])
             and (extra := set(parts(b.name)) - set(parts(name))) and _a_copy(b.name, extra, [name], state)]
    return found[0] if len(found) == 1 else None


def _extra_parts(name: str, said: list[str]) -> list[str]:
    """The words of a name that were not said, beside its numbers and codes ("1", "c0388")."""
    return [p for p in parts(name) if p not in said and not p.isdigit() and not CODE_PART.fullmatch(p)]


def _unpadded(name: str) -> str:
    return re.sub(r'\d+', lambda m: str(int(m.group(0))), name)


def _padded(word: str, state: State) -> str:
    """A name said without its numbers' leading zeros ("worker-3", "web-1" for worker-03, web-01): the one
    name it can be; the word as it is when it names something itself or fits no name or several."""
    if not re.search(r'\d', word) or state.container(word) is not None or word in state.stacks:
        return word
    same = {b.name for b in state.containers if _unpadded(b.name.lower()) == _unpadded(word)}
    return same.pop() if len(same) == 1 else word


NUMBER_SIGNS = {'#', 'no', 'no.', 'nr', 'nr.', 'num', 'number'}


CODE_PART = re.compile(r'(?P<letters>[a-z]{1,3})(?P<number>\d{2,6})')


def _coded(word: str, state: State) -> str:
    """A stack said by the number of the code in its name ("124", "c124", "c0124" for c0124-notary-paperless): that
    stack, when one stack alone has that code; the word as it is otherwise (a count, a port, a name)."""
    said = re.fullmatch(r'#?(?P<letters>[a-z]{0,3})(?P<number>\d{2,6})', word)
    if said is None or word in state.stacks or state.container(word) is not None or word in state.name_words:
        return word
    number = said.group('number').lstrip('0')
    return coded_stack(number, said.group('letters'), state) or word


@functools.lru_cache(maxsize=4096)
def _codes(stacks: tuple[str, ...]) -> dict[tuple[str, str], set[str]]:
    """Each stack under the codes in its name: ("c", "124") for c0124-notary, ("pr", "481") and ("", "481") for pr-481."""
    found: dict[tuple[str, str], set[str]] = {}
    for stack in stacks:
        words = stack.split('-')
        for index, part in enumerate(words):
            code = CODE_PART.fullmatch(part)
            if code:
                found.setdefault((code.group('letters'), code.group('number').lstrip('0')), set()).add(stack)
            elif part.isdigit() and len(part) >= 2 and index and words[index - 1].isalpha():
                found.setdefault((words[index - 1], part.lstrip('0')), set()).add(stack)   # pr-481: "pr 481", "481"
    return found


def coded_stack(number: str, letters: str, state: State) -> str | None:
    """The one stack whose name carries this number (with these letters, if said), or None."""
    codes = _codes(tuple(state.stacks))
    found = set().union(*(stacks for (have, n), stacks in codes.items() if n == number and (not letters or have == letters)))
    return next(iter(found)) if len(found) == 1 else None


def numbers_a_name(word: str, number: str, state: State) -> bool:
    """Whether a word and the number said after it name one container together ("cron 4": cron-04)."""
    return numbered([word, number], state) != [word, number]


def numbered(words: list[str], state: State) -> list[str]:
    """A name's word and its number said apart ("web 1", "api #4", "cache number 3"): the one container
    whose name is that word and that number, zeros or not; the words as they are otherwise."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word, j = words[i], i + 1
        while j < len(words) and words[j] in NUMBER_SIGNS:
            j += 1
        number = words[j].lstrip('#') if j < len(words) else ''
        if re.fullmatch(r'[a-z][a-z_-]*', word) and re.fullmatch(r'[0-9]{1,3}', number):
            same = {b.name for b in state.containers
                    if re.fullmatch(rf'{re.escape(word)}[-_]?0*{int(number)}', b.name.lower())}
            if len(same) == 1:
                out.append(same.pop())
                i = j + 1
                continue
        glued = re.fullmatch(r'([a-z][a-z_]*[a-z])0*([0-9]{1,3})', word)   # "web3": web-03, said without its dash
        if glued and state.container(word) is None:
            same = {b.name for b in state.containers
                    if re.fullmatch(rf'{re.escape(glued.group(1))}[-_]0*{int(glued.group(2))}', b.name.lower())}
            if len(same) == 1:
                out.append(same.pop())
                i += 1
                continue
        out.append(word)
        i += 1
    return out


PRODUCTION = {'production', 'prod', 'live', 'prd'}
OTHER_ENVIRONMENTS = ('staging', 'stage', 'dev', 'test', 'qa', 'uat', 'preprod', 'sandbox', 'demo')


def _production(words: list[str], state: State) -> list[str]:
    """"production" said of a stack that has a staging (or dev, test …) twin and no name of its own with
    that word: the stack without the suffix, so the word itself names nothing more."""
    said = [w for w in words if w in PRODUCTION]
    if not said or any(w in state.name_words for w in said):
        return words
    twinned = [s for s in state.stacks if any(f'{s}-{env}' in state.stacks or f'{env}-{s}' in state.stacks
                                              for env in OTHER_ENVIRONMENTS)]
    return [w for w in words if w not in PRODUCTION] if twinned else words


def _stack_by_its_app(words: list[str], state: State) -> list[str]:
    """A stack said by its app beside a role the app does not play ("the wordpress database", "keycloak's
    db"): the role's container of that stack, so the app's word stands for its stack."""
    roles = [ROLE_WORDS[w] for w in words if w in ROLE_WORDS]
    if not roles or any(w in state.stacks for w in words):
        return words
    out = []
    for word in words:
        if word in ROLE_WORDS or word in GENERIC or word in IGNORED:   # "the database server": a head noun, no app
            out.append(word)
            continue
        homes = {b.stack for b in state.containers if b.stack and word in (b.service, b.repo)}
        if len(homes) == 1:
            home = next(iter(homes))
            app = [b for b in state.stacks[home] if word in (b.service, b.repo)]
            plays = any(b.repo in ROLES[r] or (b.service or '') in ROLES[r] for b in app for r in roles)
            others = [b for b in state.stacks[home] if b not in app and any(
                b.repo in ROLES[r] or (b.service or '') in ROLES[r] for r in roles)]
            if not plays and others:
                out.append(home)
                continue
        out.append(word)
    return out


def stack_by_part(word: str, state: State) -> str:
    """A word that is one part of exactly one stack's name and nothing else here ("billing" for billing-v2,
    "staging" for beacon-staging): that stack; never a role or a service's name ("db" of "media-db")."""
    if len(word) < 3 or word in state.stacks or state.container(word) is not None or word in ROLE_WORDS \
            or not re.fullmatch(r'[a-z][a-z0-9]*', word):
        return word
    named = [s for s in state.stacks if '-' in s and word in parts(s)] or [
        s for s in state.stacks if len(word) >= 4 and '-' not in s and (s == word + 's' or len(s) >= len(word) + 3 and
                                                                           s.endswith(word))]   # "shop": webshop; photos
    if len(named) != 1 or any(word in parts(b.name) for b in state.containers if b.stack != named[0]) \
            or any(word == b.service for b in state.containers):
        return word
    return named[0]


def _joined_stacks(words: list[str], state: State) -> list[str]:
    """Words said apart that together are a stack's or a container's name ("shop staging" for
    shop-staging, "next cloud" for nextcloud, "sync thing" for syncthing), or a service's or an image's
    ("the immich machine learning", "nginx proxy manager")."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in (3, 2):
            part = words[i:i + size]
            flipped = '-'.join(reversed(part)) if size == 2 else ''   # "the staging shop": shop-staging
            joined = next((j for j in ('-'.join(part), ''.join(part), flipped)
                           if j and (j in state.stacks or state.container(j))), None) or next(
                (j for j in ('-'.join(part), '_'.join(part)) if len(part) == size and part[0] not in state.stacks
                 and j in state.joined_names),
                None)
            if len(part) == size and joined is not None:
                out.append(joined)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


def service_word(word: str, state: State) -> str | None:
    """The stack service a word names, plurals included ("workers" -> worker, "apis" -> api)."""
    for candidate in (word, word[:-1] if word.endswith('s') else '', word[:-2] if word.endswith('es') else ''):
        if candidate and candidate in state.services:
            return candidate
    return None


def stack_service(word: str, state: State) -> list[str] | None:
    """"crm/db", "chat_server", "shop.api", "paperless/webs": a stack and one of its services written
    as one word (not when a container is called so)."""
    if state.container(word) is not None:
        return None
    for separator in ('/', '_', '.', ':'):
        stack, _, service = word.partition(separator)
        service = service_word(service, state) or service if service else service
        if service and stack in state.stacks and any(b.service == service for b in state.stacks[stack]):
            return [stack, service]
    return None


def one_stack(target: Resolution | None, state: State) -> str | None:
    """The one stack a target is, or whose containers it names; None for none or several."""
    if target is None:
        return None
    stacks = set(target.all_stacks) | {b.stack for n in target.containers if (b := state.container(n)) and b.stack}
    return next(iter(stacks)) if len(stacks) == 1 else None


def _singular(word: str, state: State) -> str:
    """"workers" -> "worker" when a stack has a worker service and nothing is called "workers"."""
    if not word.endswith('s') or len(word) < 4 or word in state.stacks or state.container(word) is not None:
        return word
    return service_word(word, state) or (word[:-1] if word[:-1] in state.name_words and not word.endswith('ss') else word)


IGNORED = {'container', 'containers', 'stack', 'stacks', 'service', 'services', 'app', 'one', 'thing', 'it', 'them', 'setup',
           'server', 'srv', 'instance', 'box', 'process', 'daemon', 'node', 'and', 'or', 'both',
           # what people say about a thing, not its name ("syncthing needs a restart", "mailer is stuck")
           'needs', 'need', 'stuck', 'hanging', 'hung', 'frozen', 'broken', 'unresponsive', 'misbehaving', 'acting',
           'dying', 'crashing', 'flapping', 'crashlooping', 'solid', 'completely', 'totally', 'dead',
           'weird', 'slow', 'not', 'instead', "isn't", "don't", 'dont', "doesn't", 'should', "shouldn't", 'right', 'anymore',
           'seems', 'looks', 'currently', 'away', 'wants', 'is', 'now', 'again', 'more', 'instances', 'copies'}
GENERIC = {'server', 'service', 'container', 'instance', 'box', 'thing', 'one', 'app'}


# words before a head noun that pick one of several, not a kind of thing ("the main db", "the old server")
PICKING = {'main', 'primary', 'secondary', 'new', 'old', 'big', 'small', 'little', 'other', 'same', 'live', 'prod',
           'production', 'staging', 'stage', 'dev', 'development', 'test', 'testing', 'local', 'current', 'real', 'actual',
           'only', 'first', 'second', 'third', 'last', 'next', 'previous', 'default', 'usual', 'good', 'bad', 'public',
           'private', 'internal', 'external', 'front', 'back', 'remote', 'master', 'replica', 'shared', 'single', 'own',
           'top', 'fast', 'dead', 'sick', 'poor', 'home', 'house', 'family', 'office', 'company', 'team', 'work', 'central',
           'core', 'whole', 'entire', 'original', 'leader', 'standby', 'backup', 'spare', 'extra', 'temp', 'demo', 'beta'}
KIND_HEADS = {'server', 'servers', 'db', 'database', 'databases', 'instance', 'box', 'webserver', 'cache',
              'queue', 'broker', 'proxy'}
ADJECTIVE = re.compile(r'(?:y|ing|ed|ful|ous|ive|al|ic|less|able|ible|ish|ent|ant|est|ier)$')


def a_kind_said(words: list[str], state: State) -> list[str]:
    """"printer server" in "the printer server isn't working": kinds of things said that nothing here is."""
    return [f'{w} {words[i + 1]}' for i, w in enumerate(words[:-1]) if _a_kind_of(w, words[i + 1], state)]


def _a_kind_of(word: str, head: str, state: State) -> bool:
    """Whether ``word`` before ``head`` ("printer" in "the printer server") says a kind of ``head`` that
    nothing here is: a plain noun that is no name, no part of one, no image, no role and no misspelling of them."""
    return (head in KIND_HEADS and word.isalpha() and word not in COMMON and len(word) > 3 and word not in PICKING
            and word not in IGNORED
            and not ADJECTIVE.search(word) and not _known_word(word, state) and not _near_a_name(word, state)
            and word not in state.name_words)


def _near_a_name(word: str, state: State) -> bool:
    """Whether a word is a misspelling of a name or of a part of one ("wrker", "kumma", "asistant")."""
    return any(close_enough(word, known) for known in (*state.stacks, *state.services, *state.name_words) if len(known) > 3)


def _known_word(word: str, state: State) -> bool:
    """Whether a word means something here: a name, a part of one, a service, an image, a role."""
    if word in IGNORED or word in ROLE_WORDS or word in state.stacks or len(word) <= 2:
        return True
    return any(word == b.service or word == b.repo or word in parts(b.name) for b in state.containers)


def match_template(words: list[str], text: str, templates: tuple[TemplateInfo, ...]) -> tuple[list[str], int]:
    """Templates that fit the words, best first, with the best score (0: none fits).
    Returns several ids when they tie."""
    scores: dict[str, int] = {}
    weak: dict[str, int] = {}   # hits on a head noun only ("page"), which lose a tie
    text = text.replace('webserver', 'web server')   # the role word the rewrite made of "web server"
    significant = [w for w in words if len(w) > 1 and w not in TEMPLATE_STOP and not w.startswith(('/', '~'))]   # no path
    roles = {a or b for a, b in re.findall(r'\b(admin|administrator|root|superuser)\s*:?\s+(?:user(?:name)?|password|passwd|pass|'
                                           r'pw|login|account|e-?mail)\b|\b(?:user(?:name)?|password|passwd|pass|pw|login)\s+'
                                           r'(?:of|for)\s+(?:the\s+)?(admin|administrator|root|superuser)\b', text.lower())}
    significant = [w for w in significant if w not in roles]   # "grafana, admin user x, admin password y": whose login
    for template in templates:
        features = _features(template)
        score = 0
        for word in significant:
            points, is_weak = features.scored(word)
            score += points
            weak[template.id] = weak.get(template.id, 0) + is_weak
        for keyword in template.keywords:  # whole phrases people use: "password manager", "single sign-on"
            if len(keyword.split()) > 1 and keyword.lower() in text:
                score += 6
            elif keyword.lower() in {f'{a} alternative' for a in features.alternatives if ' ' in a} and re.search(
                    rf'\b{re.escape(keyword.lower()[:-12])}\b', text):   # "our own version of aws s3"
                score += 8
        if score:
            scores[template.id] = score
    if not scores:
        return [], 0
    top = max(scores.values())
    best = [t for t, s in scores.items() if s == top]
    fewest = min(weak.get(t, 0) for t in best)   # "a page with graphs": the graphs decide, not the page
    return sorted(t for t in best if weak.get(t, 0) == fewest), top


@dataclass
class _TemplateWords:
    """What a template's id, title, tags, keywords and description offer to the words of a request,
    with each word's points (and whether it hit only a head noun) kept once worked out."""
    tid: str
    id_parts: set[str]
    title_words: set[str]
    tags: set[str]
    keyword_text: str
    description: set[str]
    alternatives: set[str]
    memo: dict[str, tuple[int, bool]] = field(default_factory=dict)

    def scored(self, word: str) -> tuple[int, bool]:
        if word not in self.memo:
            if len(self.memo) >= 4096:   # words come from what people type: kept bounded
                self.memo.clear()
            self.memo[word] = self._score(word)
        return self.memo[word]

    def _score(self, word: str) -> tuple[int, bool]:
        forms = {word, _one_of(word)}
        tid = self.tid
        if word == tid or word == tid.replace('-', ''):
            return 12, False
        if word in self.alternatives:   # "something like github", "bitwarden but self-hosted"
            return 8, False
        if word in self.id_parts:   # one everyday word of a two-word id ("node" of node-red) names it only with more
            return (4, False) if len(self.id_parts) > 1 and word in EVERYDAY_PARTS else (6, False)
        if forms & self.title_words:
            return 5, False
        if forms & self.tags:
            return 3, False
        if any(re.search(rf'\b{re.escape(form)}\b', self.keyword_text) for form in forms):
            return 3, word in WEAK_WORDS
        if forms & self.description and len(word) > 3:
            return 1, False
        if (len(word) >= 5 or len(word) == 4 < len(tid) and word[0] == tid[0] and word[-1] == tid[-1]) and close_enough(
                word, tid):
            return 10, False  # a typo of the whole id ("vaultwardn"; "mnio", "gost": short, so its ends as written)
        if len(word) >= 5 and any(close_enough(word, p) for p in self.id_parts):
            return 4, False
        return 0, False


EVERYDAY_PARTS = frozenset({'node', 'red', 'home', 'express', 'server', 'code', 'my', 'admin', 'uptime', 'assistant', 'speed',
                            'test', 'tracker', 'web', 'app', 'stack', 'light', 'box'})


@functools.lru_cache(maxsize=256)
def _features(template: TemplateInfo) -> _TemplateWords:
    tid = template.id.lower()
    return _TemplateWords(
        tid=tid, id_parts=set(parts(tid)), title_words=set(re.findall(r'[a-z0-9]+', template.title.lower())),
        tags={t.lower() for t in template.tags}, keyword_text=' '.join(template.keywords).lower(),
        description=set(re.findall(r'[a-z0-9]+', template.description.lower())),
        alternatives={k.lower().rsplit(' ', 1)[0] for k in template.keywords if k.lower().endswith(' alternative')})


def alternatives_to(templates: tuple[TemplateInfo, ...]) -> set[str]:
    """What the templates are alternatives to ("dropbox" of "dropbox alternative"), as the template scoring reads it."""
    return {name for template in templates for name in _features(template).alternatives}


def _one_of(word: str) -> str:
    """A plural's singular, as template words are written ("passwords" -> "password")."""
    return word[:-1] if word.endswith('s') and not word.endswith('ss') and len(word) > 3 else word


TEMPLATE_STOP = {'with', 'and', 'on', 'port', 'stack', 'server', 'container', 'app', 'application', 'the', 'a', 'an',
                 'for', 'me', 'my', 'new', 'instance', 'some', 'self', 'hosted', 'selfhosted', 'using', 'of', 'to',
                 'in', 'as', 'named', 'called', 'up', 'set', 'setup', 'deploy', 'install', 'create', 'need', 'want',
                 'please', 'i', 'we', 'give', 'get', 'add', 'spin', 'launch', 'web', 'ui'}
WEAK_WORDS = {'page', 'pages'}   # a head noun: "a page with graphs" is about the graphs, "a status page" about status
