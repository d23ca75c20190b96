"""Versioned configuration, history, rollback and drift through the real REST API (``python
app.py``), on the real engine, with the real git binary reading the configuration repository.

Stacks run the tests' busybox image (present locally, nothing is pulled); each test names its
stacks uniquely and removes them (by their compose project label) at the end.
"""
from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import docker
import docker.errors
import pytest

from deployer.service import Deployer
from deployer.settings import Settings

PROJECT = 'com.docker.compose.project'
SERVICE = 'com.docker.compose.service'
CONFIG_HASH = 'com.docker.compose.config-hash'
LOOP = "trap 'exit 0' TERM INT; while :; do sleep 1; done"


def compose(image: str, *, side: bool = True) -> str:
    """``app`` takes MODE from the deploy's env; ``side`` never changes."""
    text = f'''services:
  app:
    image: {image}
    init: true
    command: ["sh", "-c", "{LOOP}"]
    environment:
      MODE: ${{MODE}}
'''
    if side:
        text += f'''  side:
    image: {image}
    init: true
    command: ["sh", "-c", "{LOOP}"]
    environment:
      ROLE: side
'''
    return text


def remove_project(client: docker.DockerClient, name: str) -> None:
    label = {'label': f'{PROJECT}={name}'}
    for container in client.containers.list(all=True, sparse=True, filters=label):
        try:
            container.remove(force=True, v=True)
        except docker.errors.NotFound:
            pass
    for network in client.networks.list(filters=label):
        try:
            network.remove()
        except docker.errors.NotFound:
            pass
    for volume in client.volumes.list(filters=label):
        try:
            volume.remove(force=True)
        except docker.errors.NotFound:
            pass


def remove_stacks(docker_client, names: list[str], app_server=None) -> None:
    """Remove stacks: through the app when it made them (its definition and secrets go too),
    then whatever is left on the engine with their project label."""
    if app_server is not None:
        with app_server.client() as api:
            for name in names:
                api.post(f'/stacks/{name}/action', json={'action': 'remove', 'volumes': True}, timeout=120)
    for name in names:
        remove_project(docker_client, name)


@pytest.fixture
def stack_name(request, docker_client) -> Iterator[Callable[[], str]]:
    """stack_name() -> a unique name; every stack named so is removed at the end."""
    names: list[str] = []

    def new() -> str:
        names.append(f'th-{secrets.token_hex(5)}')
        return names[-1]

    yield new
    app = request.getfixturevalue('app_server') if 'app_server' in request.fixturenames else None
    remove_stacks(docker_client, names, app)


def containers(client: docker.DockerClient, stack: str, service: str | None = None) -> list:
    labels = [f'{PROJECT}={stack}'] + ([f'{SERVICE}={service}'] if service else [])
    return client.containers.list(all=True, filters={'label': labels})


def env_of(container) -> dict[str, str]:
    container.reload()
    return dict(item.split('=', 1) for item in container.attrs['Config']['Env'] or [])


def git(repo: Path, *args: str) -> str:
    return subprocess.run(['git', '-C', str(repo), *args], check=True, capture_output=True, text=True,
                          timeout=30).stdout


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, response.text[:2000]
    return response.json() if response.content else {}


def deploy(api, name: str, text: str, env: dict | None = None, **extra) -> dict:
    return ok(api.post('/deploy', json={'stack': name, 'compose': text, **({'env': env} if env else {}), **extra},
                       timeout=120))


def walk(api, **params) -> list[dict]:
    """Every record of GET /history with these filters, page by page."""
    records: list[dict] = []
    cursor = None
    while True:
        page = ok(api.get('/history', params={**params, **({'cursor': cursor} if cursor else {})}))
        records.extend(page['records'])
        if page['next_cursor'] is None:
            return records
        assert page['records'] and page['next_cursor'] == page['records'][-1]['id']
        cursor = page['next_cursor']
        assert len(records) < 100_000


def test_deploy_change_redeploy_diff_and_roll_back(app_server, docker_client, busybox_image, stack_name):
    name = stack_name()
    text = compose(busybox_image)
    with app_server.client() as api:
        first = deploy(api, name, text, {'MODE': 'one'})
        assert sorted(first['result']['created']) and first['stack']['params'] == {'MODE': 'one'}
        [app_one] = containers(docker_client, name, 'app')
        [side] = containers(docker_client, name, 'side')
        assert env_of(app_one)['MODE'] == 'one'

        second = deploy(api, name, text, {'MODE': 'two'})
        [app_two] = containers(docker_client, name, 'app')
        assert app_two.id != app_one.id and env_of(app_two)['MODE'] == 'two'
        assert [c.id for c in containers(docker_client, name, 'side')] == [side.id], 'an unchanged service was touched'
        assert second['stack']['params'] == {'MODE': 'two'}

        revisions = ok(api.get(f'/stacks/{name}/revisions'))
        assert [r['summary'] for r in revisions] == [f'update stack {name}', f'deploy stack {name}']
        for revision in revisions:
            assert revision['reason'] == 'POST /deploy' and revision['source'] == 'rest'
            assert revision['actor'] and len(revision['id']) == 40 and revision['short_id'] == revision['id'][:12]
            assert revision['time'] > time.time() - 600
        newest, oldest = revisions[0]['id'], revisions[1]['id']

        diff = ok(api.get(f'/stacks/{name}/diff'))
        assert (diff['from'], diff['to']) == (oldest, newest)
        removed = [line for line in diff['diff'].splitlines() if line.startswith('-') and not line.startswith('---')]
        added = [line for line in diff['diff'].splitlines() if line.startswith('+') and not line.startswith('+++')]
        assert any('one' in line and 'MODE' in line for line in removed), diff['diff']
        assert any('two' in line and 'MODE' in line for line in added), diff['diff']
        assert f'a/stacks/{name}/deployer.yaml' in diff['diff']
        assert 'compose.yaml' not in diff['diff']  # the document did not change, only the parameter
        backwards = ok(api.get(f'/stacks/{name}/diff', params={'from': newest[:12], 'to': oldest[:8]}))
        assert (backwards['from'], backwards['to']) == (newest, oldest)
        assert any(line.startswith('-') and 'two' in line for line in backwards['diff'].splitlines())
        assert any(line.startswith('+') and 'one' in line for line in backwards['diff'].splitlines())

        # roll back to the previous revision: the running container gets MODE=one again
        rolled = ok(api.post(f'/stacks/{name}/rollback', timeout=120))
        assert rolled['rolled_back_to'] == oldest
        [app_back] = containers(docker_client, name, 'app')
        assert env_of(app_back)['MODE'] == 'one'
        assert app_back.id not in (app_one.id, app_two.id)
        assert [c.id for c in containers(docker_client, name, 'side')] == [side.id], 'rollback touched side'
        assert rolled['result']['unchanged'] == [side.id] and len(rolled['result']['recreated']) == 1, rolled['result']
        revisions = ok(api.get(f'/stacks/{name}/revisions'))
        assert len(revisions) == 3
        assert revisions[0]['summary'] == f'rollback stack {name} to {oldest[:12]}'
        assert revisions[0]['reason'] == f'POST /stacks/{name}/rollback' and revisions[0]['source'] == 'rest'
        assert [r['id'] for r in revisions[1:]] == [newest, oldest], 'history was rewritten'
        detail = ok(api.get(f'/stacks/{name}'))
        assert detail['params'] == {'MODE': 'one'}
        assert detail['drift']['in_sync'] is True, detail['drift']
        # the rollback's diff is the reverse of the change
        undo = ok(api.get(f'/stacks/{name}/diff'))
        assert undo['from'] == newest and any(line.startswith('+') and 'one' in line for line in undo['diff'].splitlines())

        # roll back with an explicit revision: to the MODE=two one
        again = ok(api.post(f'/stacks/{name}/rollback', json={'to': newest[:10]}, timeout=120))
        assert again['rolled_back_to'] == newest
        [app_again] = containers(docker_client, name, 'app')
        assert env_of(app_again)['MODE'] == 'two'
        assert [c.id for c in containers(docker_client, name, 'side')] == [side.id]
        revisions = ok(api.get(f'/stacks/{name}/revisions'))
        assert revisions[0]['summary'] == f'rollback stack {name} to {newest[:12]}' and len(revisions) == 4

        # a revision that does not exist, or is no revision at all
        assert api.post(f'/stacks/{name}/rollback', json={'to': 'deadbeef' * 5}).status_code == 404
        assert api.post(f'/stacks/{name}/rollback', json={'to': 'not-a-sha'}).status_code == 422
        assert api.get(f'/stacks/{name}/diff', params={'from': 'abcdef1234'}).status_code == 404

        # scale and remove are commits too
        ok(api.post(f'/stacks/{name}/scale', json={'service': 'side', 'replicas': 2}, timeout=120))
        assert len(containers(docker_client, name, 'side')) == 2
        ok(api.post(f'/stacks/{name}/action', json={'action': 'remove'}, timeout=120))
        assert containers(docker_client, name) == []
        revisions = ok(api.get(f'/stacks/{name}/revisions'))
        summaries = [r['summary'] for r in revisions]
        assert summaries[:2] == [f'remove stack {name}', f'scale side of stack {name} to 2']
        assert len(summaries) == 6
        assert revisions[0]['reason'] == f'POST /stacks/{name}/action'
        assert revisions[1]['reason'] == f'POST /stacks/{name}/scale'

        # `git log -- stacks/<name>` is the stack's history, read by the real git binary
        config = app_server.data_dir / 'config'
        log = git(config, 'log', '--format=%H %s', '--', f'stacks/{name}').splitlines()
        assert [line.split(' ', 1)[1] for line in log] == summaries
        assert [line.split(' ', 1)[0] for line in log] == [r['id'] for r in revisions]
        body = git(config, 'log', '-1', '--format=%B', revisions[2]['id'])
        assert 'Reason: POST /stacks/' in body and 'Source: rest' in body and 'Actor: ' in body
        assert not (config / 'stacks' / name).exists()
        assert git(config, 'status', '--porcelain', '--', f'stacks/{name}').strip() == ''
        # the removed stack's last configuration can still be read from git
        shown = git(config, 'show', f'{revisions[1]["id"]}:stacks/{name}/deployer.yaml')
        assert 'MODE: two' in shown and 'side: 2' in shown

        # and every one of these operations is in the history, with its revision
        records = walk(api, stack=name)
        assert [r['action'] for r in records] == ['remove', 'scale', 'rollback', 'rollback', 'deploy', 'deploy']
        assert [r['revision'] for r in records] == [r['id'] for r in revisions]
        assert all(r['ok'] and r['source'] == 'rest' and r['target'] == name for r in records)
        assert records[-1]['params']['env'] == {'MODE': 'one'} and records[-2]['params']['env'] == {'MODE': 'two'}
        assert records[3]['params']['to'] == oldest and records[2]['params']['to'] == newest
        assert records[1]['params'] == {'service': 'side', 'replicas': 2}
        assert all(r['duration_ms'] > 0 for r in records)


def test_history_filters_pages_failures_and_container_actions(app_server, docker_client, busybox_image, stack_name):
    name, broken = stack_name(), stack_name()
    started = time.time()
    with app_server.client() as api:
        deploy(api, name, compose(busybox_image, side=False), {'MODE': 'a'})
        [app] = containers(docker_client, name, 'app')
        for action in ('stop', 'start', 'restart'):
            ok(api.post(f'/containers/{app.id}/action', json={'action': action, 'timeout': 2}, timeout=60))
        refused = api.post(f'/containers/{app.name}/action', json={'action': 'unpause'})
        assert refused.status_code == 409
        deploy(api, name, compose(busybox_image, side=False), {'MODE': 'b'})

        missing = f'dockerdeployer-test/missing-{secrets.token_hex(4)}:none'
        failed = api.post('/deploy', json={'stack': broken, 'compose': f'services:\n  web:\n    image: {missing}\n',
                                           'pull': 'never'}, timeout=120)
        assert failed.status_code == 409, failed.text
        until = time.time()

        # the failed deploy is recorded with ok=false and its error
        [failure] = walk(api, stack=broken)
        assert failure['ok'] is False and failure['action'] == 'deploy' and failure['revision'] is None
        assert missing in failure['error'] and failure['error'] == failed.json()['error']['message']
        assert failure['source'] == 'rest' and failure['reason'] == 'POST /deploy'
        assert api.get(f'/stacks/{broken}/revisions').status_code == 404   # nothing was committed
        assert not (app_server.data_dir / 'config' / 'stacks' / broken).exists()

        # container actions through the API are recorded with their call
        mine = walk(api, stack=name)
        assert [r['action'] for r in mine] == ['deploy', 'container.unpause', 'container.restart', 'container.start',
                                               'container.stop', 'deploy']
        for record, ref in zip(mine[1:5], (app.name, app.id, app.id, app.id), strict=True):
            assert record['source'] == 'rest', record
            assert record['reason'] == f'POST /containers/{ref}/action', record
            assert record['target'] == app.name and record['stack'] == name
        assert mine[1]['ok'] is False and 'not paused' in mine[1]['error']
        assert mine[2]['ok'] and mine[2]['params'] == {'timeout': 2} and mine[2]['result'] == 'running'
        assert mine[4]['result'] == 'exited'

        # each filter, alone and combined, against what was recorded
        for params, expected in (
            ({'stack': name, 'action': 'deploy'}, [mine[0], mine[5]]),
            ({'stack': name, 'action': 'container.stop'}, [mine[4]]),
            ({'stack': name, 'ok': 'false'}, [mine[1]]),
            ({'stack': name, 'ok': 'true', 'action': 'deploy', 'source': 'rest'}, [mine[0], mine[5]]),
            ({'stack': name, 'source': 'ui'}, []),
            ({'stack': broken, 'ok': 'false', 'action': 'deploy'}, [failure]),
            ({'stack': name, 'since': str(mine[2]['time'])}, mine[:3]),
            ({'stack': name, 'until': str(mine[3]['time'])}, mine[3:]),
            ({'stack': name, 'since': str(mine[4]['time']), 'until': str(mine[1]['time'])}, mine[1:5]),
            ({'stack': name, 'since': str(until + 3600)}, []),
        ):
            assert walk(api, **params) == expected, params
            if len(expected) > 1:
                assert walk(api, limit=1, **params) == expected, params
        assert walk(api, stack=name, since='1h') == mine
        everything = walk(api, since=str(started - 1), limit=500)
        assert [r['id'] for r in everything] == sorted((r['id'] for r in everything), reverse=True)
        assert {r['id'] for r in mine + [failure]} <= {r['id'] for r in everything}
        rest_failures = walk(api, source='rest', ok='false', since=str(started - 1))
        assert {mine[1]['id'], failure['id']} <= {r['id'] for r in rest_failures}
        assert all(not r['ok'] and r['source'] == 'rest' for r in rest_failures)

        # cursor pages: each record exactly once, newest first, whatever the page size
        for limit in (1, 2, 3, 50):
            assert walk(api, stack=name, limit=limit) == mine
        first_page = ok(api.get('/history', params={'stack': name, 'limit': 4}))
        assert first_page['records'] == mine[:4] and first_page['next_cursor'] == mine[3]['id']
        rest = ok(api.get('/history', params={'stack': name, 'limit': 4, 'cursor': first_page['next_cursor']}))
        assert rest['records'] == mine[4:] and rest['next_cursor'] is None

        # one record; errors
        assert ok(api.get(f'/history/{failure["id"]}')) == failure
        assert ok(api.get(f'/history/{mine[2]["id"]}')) == mine[2]
        assert api.get('/history/999999999').status_code == 404
        for params in ({'source': 'web'}, {'limit': 0}, {'limit': 501}, {'cursor': 0}, {'since': 'yesterday'},
                       {'ok': 'maybe'}):
            response = api.get('/history', params=params)
            assert response.status_code == 422, (params, response.text)
            assert response.json()['error']['code'] == 'invalid_input'


def _replace_by_hand(docker_client, image: str, like, *, env: list[str], labels: dict[str, str] | None = None):
    """Remove a stack's container and ``docker run`` another in its place, with the same name and
    compose labels (or the ``labels`` given) but its own env."""
    like.reload()
    name, labels = like.name, dict(like.labels) if labels is None else labels
    like.remove(force=True)
    return docker_client.containers.run(image, command=['sh', '-c', LOOP], name=name, labels=labels,
                                        environment=env, init=True, detach=True)


def test_drift_says_changed_missing_or_extra_and_a_redeploy_fixes_it(app_server, docker_client, busybox_image,
                                                                     stack_name):
    name = stack_name()
    with app_server.client() as api:
        deploy(api, name, compose(busybox_image), {'MODE': 'one'})
        drift = ok(api.get(f'/stacks/{name}'))['drift']
        assert drift == {'in_sync': True, 'services': {'app': 'in sync', 'side': 'in sync'}}

        # app replaced by hand with the compose labels but no config hash label
        [app] = containers(docker_client, name, 'app')
        labels = {k: v for k, v in app.labels.items() if k != CONFIG_HASH}
        _replace_by_hand(docker_client, busybox_image, app, env=['MODE=by-hand'], labels=labels)
        drift = ok(api.get(f'/stacks/{name}'))['drift']
        assert drift == {'in_sync': False, 'services': {'app': 'changed', 'side': 'in sync'}}, drift

        # a redeploy puts it right
        redeployed = ok(api.post(f'/stacks/{name}/action', json={'action': 'redeploy'}, timeout=120))
        assert redeployed['stack']['drift'] == {'in_sync': True, 'services': {'app': 'in sync', 'side': 'in sync'}}
        [app] = containers(docker_client, name, 'app')
        assert env_of(app)['MODE'] == 'one'

        # app replaced with a hash label of another configuration; side removed by hand
        [app] = containers(docker_client, name, 'app')
        _replace_by_hand(docker_client, busybox_image, app, env=['MODE=one'], labels={**app.labels, CONFIG_HASH: '0' * 64})
        for container in containers(docker_client, name, 'side'):
            container.remove(force=True)
        drift = ok(api.get(f'/stacks/{name}'))['drift']
        assert drift == {'in_sync': False, 'services': {'app': 'changed', 'side': 'missing'}}, drift

        # an extra service nobody deployed, with the stack's label
        extra = docker_client.containers.run(busybox_image, command=['sh', '-c', LOOP], name=f'{name}-extra-1',
                                             labels={PROJECT: name, SERVICE: 'extra'}, init=True, detach=True)
        drift = ok(api.get(f'/stacks/{name}'))['drift']
        assert drift['services'] == {'app': 'changed', 'side': 'missing', 'extra': 'extra'}, drift

        # a deploy of the same configuration fixes app and side, and removes the orphan
        again = deploy(api, name, compose(busybox_image), {'MODE': 'one'})
        assert again['stack']['drift'] == {'in_sync': True, 'services': {'app': 'in sync', 'side': 'in sync'}}
        [app] = containers(docker_client, name, 'app')
        assert env_of(app)['MODE'] == 'one' and app.labels[CONFIG_HASH] != '0' * 64
        assert len(containers(docker_client, name, 'side')) == 1
        try:
            extra.reload()
            leftover = extra.status
        except docker.errors.NotFound:
            leftover = None
        assert leftover is None, 'the orphan container was not removed'
        assert ok(api.get(f'/stacks/{name}'))['drift']['in_sync'] is True

        # the redeploys are recorded; only the first deploy changed the configuration (one commit)
        records = walk(api, stack=name)
        assert [r['action'] for r in records] == ['deploy', 'redeploy', 'deploy']
        assert records[0]['revision'] is None and records[1]['revision'] is None and records[2]['revision']
        assert len(ok(api.get(f'/stacks/{name}/revisions'))) == 1


def test_drift_sees_a_container_replaced_by_hand_with_every_label_but_other_env(app_server, docker_client,
                                                                               busybox_image, stack_name):
    """Someone recreated the container with every label it had (config hash included) but other
    env: what runs no longer matches the committed configuration."""
    name = stack_name()
    with app_server.client() as api:
        deploy(api, name, compose(busybox_image, side=False), {'MODE': 'one'})
        [app] = containers(docker_client, name, 'app')
        _replace_by_hand(docker_client, busybox_image, app, env=['MODE=by-hand'])
        [replaced] = containers(docker_client, name, 'app')
        assert env_of(replaced)['MODE'] == 'by-hand'
        drift = ok(api.get(f'/stacks/{name}'))['drift']
        assert drift == {'in_sync': False, 'services': {'app': 'changed'}}, drift


# ---- a configuration repository whose default branch is not master ----------------------------

def _settings(data_dir: Path) -> Settings:
    env = {'DEPLOYER_DATA_DIR': str(data_dir), 'DEPLOYER_NO_STATS': '1', 'DEPLOYER_HEALTH_TIMEOUT': '60'}
    if os.environ.get('DOCKER_HOST'):
        env['DOCKER_HOST'] = os.environ['DOCKER_HOST']
    return Settings.from_env(env)


@pytest.fixture
def data_dir() -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix='dd-trunk-'))
    yield path / 'data'
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.parametrize('first_commit', [False, True], ids=['empty-trunk', 'trunk-with-a-commit'])
def test_commits_land_on_whatever_the_default_branch_is(data_dir, docker_client, busybox_image, stack_name,
                                                        first_commit):
    """The user made the repository with ``git init -b trunk`` before DockerDeployer first started."""
    config = data_dir / 'config'
    config.mkdir(parents=True)
    git(config, 'init', '-q', '-b', 'trunk')
    if first_commit:
        (config / 'NOTES.md').write_text('mine\n')
        git(config, 'add', 'NOTES.md')
        git(config, '-c', 'user.name=me', '-c', 'user.email=me@example.com', 'commit', '-q', '-m', 'my notes')
    name = stack_name()
    deployer = Deployer(_settings(data_dir))
    try:
        deployer.deploy_stack(name, compose(busybox_image, side=False), env={'MODE': 'one'})
        deployer.deploy_stack(name, compose(busybox_image, side=False), env={'MODE': 'two'})
        revisions = deployer.stack_revisions(name)
        assert [r.summary for r in revisions] == [f'update stack {name}', f'deploy stack {name}']
        deployer.rollback_stack(name)
        [app] = containers(docker_client, name, 'app')
        assert env_of(app)['MODE'] == 'one'
    finally:
        deployer.close()
    assert git(config, 'symbolic-ref', '--short', 'HEAD').strip() == 'trunk'
    assert git(config, 'branch', '--format=%(refname:short)').split() == ['trunk']
    log = git(config, 'log', '--format=%s', 'trunk', '--', f'stacks/{name}').splitlines()
    assert log == [f'rollback stack {name} to {revisions[1].id[:12]}', f'update stack {name}', f'deploy stack {name}']
    if first_commit:
        assert git(config, 'log', '--format=%s', 'trunk').splitlines()[-1] == 'my notes'
    git(config, 'fsck', '--no-dangling')
