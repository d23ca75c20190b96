"""Interoperating with Debian's `docker-compose` (v1.29) on the same engine, both ways.

A stack made by docker-compose shows up here as a stack (source "compose"), can be stopped,
started and restarted, and redeployed from its compose file; a stack made here is seen by
`docker-compose ps`. v1 cannot work without a compose file (it has no `ls`), so it is
pointed at the file named by the stack's com.docker.compose.project.config_files label.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from devtools.compose_v1 import COMPOSE_V1, available, compose_v1

from .conftest import NOTHING, leftovers, project_containers, ts

pytestmark = pytest.mark.skipif(not available(), reason='Debian docker-compose (v1) is not installed')


def v1_document(image: str) -> str:
    # v1 refuses a top-level `name:`; `version:` is what v1 users write
    return f'''version: "3.8"
services:
  web:
    image: {image}
    command: ["httpd", "-f", "-p", "80"]
    init: true
    stop_grace_period: 1s
  worker:
    image: {image}
    command: ["sleep", "1000000"]
    init: true
    stop_grace_period: 1s
    depends_on: [web]
    volumes: [data:/data]
volumes:
  data:
'''



def ids_by_service(client, name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for c in project_containers(client, name):
        out.setdefault(c.labels['com.docker.compose.service'], []).append(c.id)
    return {k: sorted(v) for k, v in out.items()}


@pytest.fixture
def v1_stack(new_stack, busybox_image, tmp_path):
    """A stack brought up by docker-compose v1 with `-f <absolute path>`: (name, file)."""
    name = new_stack()
    file = tmp_path / 'docker-compose.yml'
    file.write_text(v1_document(busybox_image))
    compose_v1(name, 'up', '-d', cwd=tmp_path, file=file)
    return name, file


def test_a_v1_stack_shows_up_as_a_stack(app_server, v1_stack, docker_client):
    name, file = v1_stack
    with app_server.client() as http:
        listed = {s['name']: s for s in http.get('/stacks').json()}
        assert name in listed
        summary = listed[name]
        assert summary['source'] == 'compose'
        assert (summary['state'], summary['services'], summary['containers'], summary['running']) == (
            'running', 2, 2, 2)
        assert summary['config_files'] == [str(file)] and summary['working_dir'] == str(file.parent)
        assert summary['redeployable'] is True

        detail = http.get(f'/stacks/{name}').json()
        assert detail['compose'] == file.read_text()
        services = {s['name']: s for s in detail['service_list']}
        assert set(services) == {'web', 'worker'}
        for service in ('web', 'worker'):
            assert [c['name'] for c in services[service]['containers']] == [f'{name}_{service}_1']
            assert services[service]['running'] == 1
            assert all(c['service'] == service and c['stack'] == name for c in services[service]['containers'])


def test_start_stop_restart_a_v1_stack(app_server, v1_stack, docker_client, tmp_path):
    name, file = v1_stack
    ids = ids_by_service(docker_client, name)
    with app_server.client() as http:
        def act(action: str) -> None:
            response = http.post(f'/stacks/{name}/action', json={'action': action, 'timeout': 1})
            assert response.status_code == 200, f'{action}: {response.text}'

        act('stop')
        assert http.get(f'/stacks/{name}').json()['state'] == 'stopped'
        assert 'Exit' in compose_v1(name, 'ps', cwd=tmp_path, file=file)   # v1 sees the same
        act('start')
        assert http.get(f'/stacks/{name}').json()['state'] == 'running'
        web = ids['web'][0]
        started = docker_client.api.inspect_container(web)['State']['StartedAt']
        act('restart')
        assert http.get(f'/stacks/{name}').json()['state'] == 'running'
        assert docker_client.api.inspect_container(web)['State']['StartedAt'] != started
    assert ids_by_service(docker_client, name) == ids  # the same containers throughout


def test_starting_a_v1_stack_respects_its_depends_on(app_server, new_stack, docker_client, busybox_image,
                                                     tmp_path):
    """v1 writes no depends_on label; the order comes from the stack's readable compose file
    (here "alpha" needs "zulu", the reverse of the alphabetical order)."""
    name = new_stack()
    file = tmp_path / 'docker-compose.yml'
    file.write_text(f'''version: "3.8"
services:
  alpha:
    image: {busybox_image}
    command: ["sleep", "1000000"]
    init: true
    depends_on: [zulu]
  zulu:
    image: {busybox_image}
    command: ["sleep", "1000000"]
    init: true
''')
    compose_v1(name, 'up', '-d', cwd=tmp_path, file=file)
    ids = {s: cids[0] for s, cids in ids_by_service(docker_client, name).items()}
    with app_server.client() as http:
        for action in ('stop', 'start'):
            response = http.post(f'/stacks/{name}/action', json={'action': action, 'timeout': 1})
            assert response.status_code == 200, response.text
    started = {s: ts(docker_client.api.inspect_container(cid)['State']['StartedAt']) for s, cid in ids.items()}
    assert started['zulu'] < started['alpha'], 'alpha was started before zulu, which it depends on'


def test_a_v1_stack_is_redeployable_from_its_file(app_server, v1_stack, docker_client, tmp_path):
    name, file = v1_stack
    before = ids_by_service(docker_client, name)
    worker = docker_client.containers.get(before['worker'][0])
    assert worker.exec_run(['sh', '-c', 'echo from-v1 > /data/marker']).exit_code == 0
    with app_server.client() as http:
        response = http.post(f'/stacks/{name}/action', json={'action': 'redeploy'})
        assert response.status_code == 200, response.text
        result = response.json()['result']
        # v1's config hash is not ours: each service is recreated once, in our form
        assert len(result['recreated']) == 2 and not result['created']
        after = ids_by_service(docker_client, name)
        assert set(after) == {'web', 'worker'} and after != before
        for c in project_containers(docker_client, name):
            assert c.status == 'running'
            assert c.labels['com.docker.compose.version'] != '1.29.2'
        # the v1 network and volume were reused: the data is still there
        worker = docker_client.containers.get(after['worker'][0])
        assert worker.exec_run(['cat', '/data/marker']).output == b'from-v1\n'

        # converged: a second redeploy changes nothing
        response = http.post(f'/stacks/{name}/action', json={'action': 'redeploy'})
        assert response.status_code == 200, response.text
        result = response.json()['result']
        assert not result['created'] and not result['recreated'] and sorted(result['unchanged']) == sorted(
            after['web'] + after['worker'])

    # and v1 still sees the converged stack, and takes it down
    assert sorted(compose_v1(name, 'ps', '-q', cwd=tmp_path, file=file).split()) == sorted(
        after['web'] + after['worker'])
    compose_v1(name, 'down', '-v', '-t', '1', cwd=tmp_path, file=file)
    assert leftovers(docker_client, name) == NOTHING


def test_a_redeployed_v1_stack_is_still_a_compose_stack(app_server, v1_stack):
    """Redeploying a stack made by docker-compose does not make it ours: its definition is
    still the compose file, and scaling (which needs a stored definition) is still refused.
    The listing must say the same as the operations do."""
    name, _ = v1_stack
    with app_server.client() as http:
        assert http.post(f'/stacks/{name}/action', json={'action': 'redeploy'}).status_code == 200
        response = http.post(f'/stacks/{name}/scale', json={'service': 'web', 'replicas': 2})
        assert response.status_code == 409 and 'not deployed by DockerDeployer' in response.json()['error']['message']
        summary = next(s for s in http.get('/stacks').json() if s['name'] == name)
        assert summary['source'] == 'compose', summary


def test_a_v1_stack_brought_up_from_its_folder_is_redeployable(app_server, new_stack, docker_client,
                                                              busybox_image, tmp_path):
    """The usual way: `cd project && docker-compose up -d`. v1 then records the compose file
    relative to the project dir (config_files=docker-compose.yml), which must be resolved
    against the working_dir label, not the server's current directory."""
    name = new_stack()
    file = tmp_path / 'docker-compose.yml'
    file.write_text(v1_document(busybox_image))
    compose_v1(name, 'up', '-d', cwd=tmp_path)
    labels = project_containers(docker_client, name)[0].labels
    assert labels['com.docker.compose.project.config_files'] == 'docker-compose.yml'
    assert labels['com.docker.compose.project.working_dir'] == str(tmp_path)
    with app_server.client() as http:
        summary = next(s for s in http.get('/stacks').json() if s['name'] == name)
        assert summary['redeployable'] is True, summary
        assert http.get(f'/stacks/{name}').json()['compose'] == file.read_text()
        response = http.post(f'/stacks/{name}/action', json={'action': 'redeploy'})
        assert response.status_code == 200, response.text


def test_a_stack_made_here_is_listed_by_v1(app_server, new_stack, docker_client, busybox_image, tmp_path):
    """v1 has no `ls` and needs a compose file even for `ps`: without one it says "Can't find
    a suitable configuration file"; with the file from the stack's config_files label it
    lists the containers (it selects them by the project and service labels)."""
    name = new_stack()
    document = v1_document(busybox_image).replace('version: "3.8"\n', '').replace(
        'worker:\n', 'worker:\n    deploy: {replicas: 2}\n')
    with app_server.client() as http:
        response = http.post('/deploy', json={'stack': name, 'compose': document})
        assert response.status_code == 200, response.text
        stack = response.json()['stack']
    config_file = Path(stack['config_files'][0])
    assert config_file.is_file()
    ids = ids_by_service(docker_client, name)
    assert len(ids['worker']) == 2

    without_file = subprocess.run([shutil.which('docker-compose') or COMPOSE_V1, '-p', name, 'ps'], cwd=tmp_path,
                                  capture_output=True, text=True, timeout=60)
    assert without_file.returncode != 0 and 'configuration file' in without_file.stderr

    listed = compose_v1(name, 'ps', cwd=tmp_path, file=config_file)
    for number in (1, 2):
        assert f'{name}-worker-{number}' in listed
    assert f'{name}-web-1' in listed and listed.count(' Up ') == 3
    assert sorted(compose_v1(name, 'ps', '-q', cwd=tmp_path, file=config_file).split()) == sorted(
        ids['web'] + ids['worker'])
    assert set(compose_v1(name, 'ps', '--services', cwd=tmp_path, file=config_file).split()) == {'web', 'worker'}
    with app_server.client() as http:
        assert http.post(f'/stacks/{name}/action', json={'action': 'remove', 'volumes': True}).status_code == 200
    assert leftovers(docker_client, name) == NOTHING
