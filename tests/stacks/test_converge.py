"""Converging stacks on the real engine: what changes is recreated, the rest keeps running;
scaling, stack actions, start order, dependency conditions, variables and secrets."""
from __future__ import annotations

import json
from pathlib import Path

import docker.errors
import pytest

from .conftest import NOTHING, PROJECT, leftovers, project_containers, ts

SLEEP = '["sleep", "1000000"]'


def by_service(client, name: str, *, running_only: bool = True) -> dict[str, list[str]]:
    """{service: [container ids ordered by container number]} for a stack, as the engine has it."""
    out: dict[str, list[tuple[int, str]]] = {}
    for c in project_containers(client, name):
        if running_only and c.status != 'running':
            continue
        labels = c.labels
        out.setdefault(labels['com.docker.compose.service'], []).append(
            (int(labels['com.docker.compose.container-number']), c.id))
    return {s: [cid for _, cid in sorted(items)] for s, items in out.items()}


def state(client, cid: str) -> dict:
    return client.api.inspect_container(cid)['State']



def env_of(client, cid: str) -> dict[str, str]:
    return dict(e.split('=', 1) for e in client.api.inspect_container(cid)['Config']['Env'])


def two_services(image: str, version: str) -> str:
    return f'''
services:
  web:
    image: {image}
    command: ["httpd", "-f", "-p", "80"]
    init: true
    stop_grace_period: 1s
  api:
    image: {image}
    command: {SLEEP}
    init: true
    stop_grace_period: 1s
    environment:
      VERSION: "{version}"
'''


# ---- converging --------------------------------------------------------------------------------

def test_changing_one_service_recreates_only_that_one(deployer_service, new_stack, docker_client, busybox_image):
    name = new_stack()
    _, first = deployer_service.deploy_stack(name, two_services(busybox_image, 'v1'))
    assert len(first.created) == 2 and not first.recreated
    before = by_service(docker_client, name)
    assert set(before) == {'web', 'api'}

    _, second = deployer_service.deploy_stack(name, two_services(busybox_image, 'v2'))
    after = by_service(docker_client, name)
    assert after['web'] == before['web'], 'the unchanged service was touched'
    assert after['api'] != before['api']
    assert second.recreated == after['api'] and second.unchanged == before['web']
    assert not second.created and not second.removed
    assert env_of(docker_client, after['api'][0])['VERSION'] == 'v2'
    with pytest.raises(docker.errors.NotFound):  # the replaced container is gone, not left aside
        docker_client.containers.get(before['api'][0])
    assert len(project_containers(docker_client, name)) == 2

    # the same document again: nothing at all changes
    _, third = deployer_service.deploy_stack(name, two_services(busybox_image, 'v2'))
    assert not third.changed and sorted(third.unchanged) == sorted(after['web'] + after['api'])


def test_removing_a_service_from_the_document_removes_its_containers(deployer_service, new_stack, docker_client,
                                                                     busybox_image):
    name = new_stack()
    deployer_service.deploy_stack(name, two_services(busybox_image, 'v1'))
    before = by_service(docker_client, name)
    only_web = f'services:\n  web:\n    image: {busybox_image}\n    command: ["httpd", "-f", "-p", "80"]\n' \
               '    init: true\n    stop_grace_period: 1s\n'
    _, result = deployer_service.deploy_stack(name, only_web)
    assert result.removed == before['api'] and result.unchanged == before['web']
    assert by_service(docker_client, name, running_only=False) == {'web': before['web']}
    detail = deployer_service.get_stack(name)
    assert [s.name for s in detail.service_list] == ['web']


def test_scale_up_to_3_and_back_to_1_over_rest(app_server, new_stack, docker_client, busybox_image):
    name = new_stack()
    doc = f'services:\n  web:\n    image: {busybox_image}\n    command: {SLEEP}\n    init: true\n'
    with app_server.client() as http:
        response = http.post('/deploy', json={'stack': name, 'compose': doc})
        assert response.status_code == 200, response.text
        original = by_service(docker_client, name)['web']
        assert len(original) == 1

        response = http.post(f'/stacks/{name}/scale', json={'service': 'web', 'replicas': 3})
        assert response.status_code == 200, response.text
        body = response.json()
        assert len(body['result']['created']) == 2 and body['result']['unchanged'] == original
        scaled = by_service(docker_client, name)['web']
        assert len(scaled) == 3 and scaled[0] == original[0]
        names = sorted(docker_client.containers.get(c).name for c in scaled)
        assert names == [f'{name}-web-1', f'{name}-web-2', f'{name}-web-3']
        web = next(s for s in http.get(f'/stacks/{name}').json()['service_list'] if s['name'] == 'web')
        assert (web['replicas'], web['running'], len(web['containers'])) == (3, 3, 3)

        # the scale is remembered: a redeploy keeps 3
        response = http.post(f'/stacks/{name}/action', json={'action': 'redeploy'})
        assert response.status_code == 200, response.text
        assert sorted(response.json()['result']['unchanged']) == sorted(scaled)

        response = http.post(f'/stacks/{name}/scale', json={'service': 'web', 'replicas': 1})
        assert response.status_code == 200, response.text
        assert sorted(response.json()['result']['removed']) == sorted(scaled[1:])
        assert by_service(docker_client, name, running_only=False) == {'web': original}

        response = http.post(f'/stacks/{name}/scale', json={'service': 'nope', 'replicas': 2})
        assert response.status_code == 404 and response.json()['error']['code'] == 'not_found'

        assert http.post(f'/stacks/{name}/action', json={'action': 'remove', 'volumes': True}).status_code == 200
    assert leftovers(docker_client, name) == NOTHING


def test_scale_to_zero_back_up_and_an_unchanged_scale_makes_no_revision(app_server, new_stack, docker_client,
                                                                         busybox_image):
    """Issue 13's bugs: scaling the only service to 0 failed with "max_workers must be greater
    than 0", a service at 0 could not be scaled up again, and 1 -> 1 made a new revision."""
    name = new_stack()
    doc = f'services:\n  web:\n    image: {busybox_image}\n    command: {SLEEP}\n    init: true\n'
    with app_server.client() as http:
        assert http.post('/deploy', json={'stack': name, 'compose': doc}).status_code == 200
        revisions = len(http.get(f'/stacks/{name}/revisions').json())

        response = http.post(f'/stacks/{name}/scale', json={'service': 'web', 'replicas': 1})
        assert response.status_code == 200, response.text
        assert response.json()['result']['created'] == [] and len(response.json()['result']['unchanged']) == 1
        assert len(http.get(f'/stacks/{name}/revisions').json()) == revisions      # nothing changed: no revision

        response = http.post(f'/stacks/{name}/scale', json={'service': 'web', 'replicas': 0})
        assert response.status_code == 200, response.text
        assert len(response.json()['result']['removed']) == 1
        assert by_service(docker_client, name, running_only=False) == {}
        web = next(s for s in http.get(f'/stacks/{name}').json()['service_list'] if s['name'] == 'web')
        assert (web['replicas'], web['running']) == (0, 0)

        response = http.post(f'/stacks/{name}/scale', json={'service': 'web', 'replicas': 2})
        assert response.status_code == 200, response.text
        assert len(by_service(docker_client, name)['web']) == 2
        assert len(http.get(f'/stacks/{name}/revisions').json()) == revisions + 2
        assert http.post(f'/stacks/{name}/action', json={'action': 'remove', 'volumes': True}).status_code == 200
    assert leftovers(docker_client, name) == NOTHING


def test_stack_actions_over_rest(app_server, new_stack, docker_client, busybox_image):
    name = new_stack()
    doc = f'''
services:
  web:
    image: {busybox_image}
    command: {SLEEP}
    init: true
    stop_grace_period: 1s
    volumes: [data:/data]
  worker:
    image: {busybox_image}
    command: {SLEEP}
    init: true
    stop_grace_period: 1s
volumes:
  data:
'''
    volume = f'{name}_data'
    with app_server.client() as http:
        def act(action: str, **extra) -> dict:
            response = http.post(f'/stacks/{name}/action', json={'action': action, **extra})
            assert response.status_code == 200, f'{action}: {response.text}'
            return response.json()

        def stack_state() -> str:
            return http.get(f'/stacks/{name}').json()['state']

        assert http.post('/deploy', json={'stack': name, 'compose': doc}).status_code == 200
        ids = by_service(docker_client, name)
        web = ids['web'][0]
        docker_client.containers.get(web).exec_run(['sh', '-c', 'echo kept > /data/marker'])

        act('stop')
        assert stack_state() == 'stopped'
        assert {c.status for c in project_containers(docker_client, name)} == {'exited'}

        act('start')
        assert stack_state() == 'running' and by_service(docker_client, name) == ids

        started = state(docker_client, web)['StartedAt']
        act('restart')
        assert stack_state() == 'running' and by_service(docker_client, name) == ids
        assert state(docker_client, web)['StartedAt'] != started

        act('stop')
        body = act('redeploy')   # brings the stopped stack back without recreating anything
        assert sorted(body['result']['started']) == sorted(ids['web'] + ids['worker'])
        assert not body['result']['created'] and not body['result']['recreated']
        assert body['stack']['state'] == 'running'

        act('remove', volumes=False)
        assert http.get(f'/stacks/{name}').status_code == 404
        assert not project_containers(docker_client, name)
        assert docker_client.volumes.get(volume).attrs['Labels'][PROJECT] == name  # kept

        # deployed again, the data in the kept volume is still there
        assert http.post('/deploy', json={'stack': name, 'compose': doc}).status_code == 200
        web = by_service(docker_client, name)['web'][0]
        assert docker_client.containers.get(web).exec_run(['cat', '/data/marker']).output == b'kept\n'

        act('remove', volumes=True)
        with pytest.raises(docker.errors.NotFound):
            docker_client.volumes.get(volume)
        assert leftovers(docker_client, name) == NOTHING

        response = http.post(f'/stacks/{name}/action', json={'action': 'start'})
        assert response.status_code == 404 and response.json()['error']['code'] == 'not_found'


def test_deploy_progress_as_server_sent_events(app_server, new_stack, docker_client, busybox_image):
    name = new_stack()
    with app_server.client() as http:
        with http.stream('POST', '/deploy', json={'stack': name, 'compose': two_services(busybox_image, 'v1')},
                         headers={'Accept': 'text/event-stream'}) as response:
            assert response.status_code == 200
            assert response.headers['content-type'].startswith('text/event-stream')
            events = [(block.split('\n')[0].removeprefix('event: '),
                       json.loads(block.split('\n')[1].removeprefix('data: ')))
                      for block in response.read().decode().strip().split('\n\n')]
    kinds = [kind for kind, _ in events]
    assert kinds[-1] == 'result' and set(kinds[:-1]) == {'progress'}
    phases = [(data['phase'], data['service']) for kind, data in events if kind == 'progress']
    for service in ('web', 'api'):
        assert ('creating', service) in phases and ('starting', service) in phases and ('running', service) in phases
    assert phases[-1][0] == 'done'
    assert len(events[-1][1]['result']['created']) == 2
    assert set(by_service(docker_client, name)) == {'web', 'api'}


# ---- order and dependency conditions -------------------------------------------------------------

def test_start_order_respects_depends_on(deployer_service, new_stack, docker_client, busybox_image):
    name = new_stack()
    doc = f'''
services:
  c:
    image: {busybox_image}
    command: {SLEEP}
    init: true
    depends_on: [b]
  b:
    image: {busybox_image}
    command: {SLEEP}
    init: true
    depends_on:
      a:
        condition: service_started
  a:
    image: {busybox_image}
    command: {SLEEP}
    init: true
'''
    deployer_service.deploy_stack(name, doc)
    ids = {s: cids[0] for s, cids in by_service(docker_client, name).items()}

    def times(key: str) -> list[float]:
        return [ts(state(docker_client, ids[s])[key]) for s in ('a', 'b', 'c')]

    started = times('StartedAt')
    assert started == sorted(started), f'start order was not a, b, c: {started}'
    deployer_service.stack_action(name, 'stop', timeout=1)
    finished = times('FinishedAt')
    assert finished == sorted(finished, reverse=True), f'stop order was not c, b, a: {finished}'
    deployer_service.stack_action(name, 'start')
    started = times('StartedAt')
    assert started == sorted(started), f'start order was not a, b, c: {started}'


def test_service_healthy_waits_for_the_health_check(deployer_service, new_stack, docker_client, busybox_image):
    name = new_stack()
    doc = f'''
services:
  db:
    image: {busybox_image}
    command: ["sh", "-c", "sleep 2; touch /ready; exec sleep 1000000"]
    init: true
    healthcheck:
      test: ["CMD-SHELL", "test -f /ready"]
      interval: 500ms
      timeout: 2s
      retries: 20
  web:
    image: {busybox_image}
    command: {SLEEP}
    init: true
    depends_on:
      db:
        condition: service_healthy
'''
    steps = []
    deployer_service.deploy_stack(name, doc, progress=steps.append)
    ids = {s: cids[0] for s, cids in by_service(docker_client, name).items()}
    db, web = state(docker_client, ids['db']), state(docker_client, ids['web'])
    assert db['Health']['Status'] == 'healthy'
    # db only gets healthy 2 s after it started
    assert ts(web['StartedAt']) >= ts(db['StartedAt']) + 2, 'web started before db was healthy'
    assert any(s.phase == 'waiting' and s.service == 'web' and 'db' in s.message for s in steps)


def test_service_completed_successfully_waits_for_a_one_shot(deployer_service, new_stack, docker_client,
                                                             busybox_image):
    name = new_stack()
    doc = f'''
services:
  migrate:
    image: {busybox_image}
    command: ["sh", "-c", "sleep 1; echo migrated"]
  web:
    image: {busybox_image}
    command: {SLEEP}
    init: true
    depends_on:
      migrate:
        condition: service_completed_successfully
'''
    deployer_service.deploy_stack(name, doc)
    ids = {s: cids[0] for s, cids in by_service(docker_client, name, running_only=False).items()}
    migrate, web = state(docker_client, ids['migrate']), state(docker_client, ids['web'])
    assert (migrate['Status'], migrate['ExitCode']) == ('exited', 0)
    assert web['Status'] == 'running'
    assert ts(web['StartedAt']) > ts(migrate['FinishedAt']), 'web started before the one-shot finished'
    assert docker_client.containers.get(ids['migrate']).logs() == b'migrated\n'


# ---- variables and secrets ------------------------------------------------------------------------

def test_env_interpolation_and_where_the_values_are_kept(deployer_service, new_stack, docker_client,
                                                         busybox_image):
    name = new_stack()
    doc = f'''
services:
  web:
    image: {busybox_image}
    command: {SLEEP}
    init: true
    environment:
      GREETING: "${{GREETING:-nobody home}}"
      DB_PASSWORD: "${{DB_PASSWORD:?set a password}}"
      TIER: "${{TIER-default}}"
    labels:
      tier: "${{TIER-default}}"
'''
    detail, _ = deployer_service.deploy_stack(name, doc, env={'GREETING': 'hello', 'DB_PASSWORD': 's3cret', 'TIER': ''})
    cid = by_service(docker_client, name)['web'][0]
    env = env_of(docker_client, cid)
    assert (env['GREETING'], env['DB_PASSWORD'], env['TIER']) == ('hello', 's3cret', '')
    assert docker_client.containers.get(cid).labels['tier'] == ''
    # secret-looking variables are not shown as parameters
    assert detail.params == {'GREETING': 'hello', 'TIER': ''}
    assert detail.secret_params == ['DB_PASSWORD']
    # the stored variables are used again on redeploy: nothing changes
    result = deployer_service.stack_action(name, 'redeploy')
    assert result is not None and not result.changed and result.unchanged == [cid]


def test_a_secret_from_a_file_is_mounted(deployer_service, new_stack, docker_client, busybox_image,
                                         tmp_path: Path):
    name = new_stack()
    secret_file = deployer_service.stacks.projects_dir / name / 'db_password.txt'   # the stack's own folder
    secret_file.parent.mkdir(parents=True)
    secret_file.write_text('correct horse battery staple\n')
    doc = f'''
services:
  app:
    image: {busybox_image}
    command: {SLEEP}
    init: true
    secrets: [db_password]
    configs:
      - source: app_conf
        target: /etc/app.conf
secrets:
  db_password:
    file: {secret_file}
configs:
  app_conf:
    content: "level=debug"
'''
    deployer_service.deploy_stack(name, doc)
    container = docker_client.containers.get(by_service(docker_client, name)['app'][0])
    assert container.exec_run(['cat', '/run/secrets/db_password']).output == b'correct horse battery staple\n'
    assert container.exec_run(['cat', '/etc/app.conf']).output == b'level=debug'
    mount = next(m for m in container.attrs['Mounts'] if m['Destination'] == '/run/secrets/db_password')
    assert mount['RW'] is False
    # writing to the secret from inside fails: it is read-only
    assert container.exec_run(['sh', '-c', 'echo x > /run/secrets/db_password']).exit_code != 0

    # a changed secret file recreates the service that uses it, and the new value is seen
    secret_file.write_text('new password\n')
    _, result = deployer_service.deploy_stack(name, doc)
    assert len(result.recreated) == 1
    container = docker_client.containers.get(result.recreated[0])
    assert container.exec_run(['cat', '/run/secrets/db_password']).output == b'new password\n'
