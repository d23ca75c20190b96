"""Natural language through the REST API of `python app.py` on the real engine: the plan contract
(../shared/docs/plan-contract.md), its JSON Schema, confirmation (409 with the plan echoed),
execution with history, edited and forged plans, shell syntax, the privilege policy, read-only
mode, running a container and deploying a template from a sentence.

Each test works on containers and stacks it makes under unique names and removes them; the
engine is shared, so nothing else is touched.
"""
from __future__ import annotations

import contextlib
import secrets
import time
from collections.abc import Iterator
from typing import Any

import docker
import docker.errors
import httpx
import jsonschema
import pytest

from devtools.apprun import AppProcess, free_port, running_app

PROJECT = 'com.docker.compose.project'
PLAN_FIELDS = {'command', 'engine', 'model', 'summary', 'actions', 'risk', 'needs_confirmation', 'warnings', 'questions'}


# ---- helpers ---------------------------------------------------------------------------------------------

@pytest.fixture(scope='module')
def read_only_app(app_server) -> Iterator[AppProcess]:
    with running_app(env={'DEPLOYER_READ_ONLY': '1'}, prefix='dd-nlapp-') as app:
        yield app


@pytest.fixture(scope='module')
def privileged_app(app_server) -> Iterator[AppProcess]:
    with running_app(env={'DEPLOYER_ALLOW_PRIVILEGED': '1'}, prefix='dd-nlapp-') as app:
        yield app


@pytest.fixture
def api(app_server) -> Iterator[httpx.Client]:
    with app_server.client(timeout=60) as client:
        yield client


@pytest.fixture
def box(make_container):
    """A running busybox container with a unique name that prints "line N" every 0.2 s."""
    return make_container(name=f'ddnl-{secrets.token_hex(4)}')


@pytest.fixture
def new_name(docker_client) -> Iterator[Any]:
    """new_name(prefix) -> a unique container name; a container of that name that a test made
    through the app is removed at the end."""
    names: list[str] = []

    def make(prefix: str) -> str:
        names.append(f'ddnl-{prefix}-{secrets.token_hex(4)}')
        return names[-1]
    yield make
    for name in names:
        with contextlib.suppress(docker.errors.NotFound):
            docker_client.containers.get(name).remove(force=True, v=True)


def started_at(client: docker.DockerClient, name: str) -> str:
    return client.containers.get(name).attrs['State']['StartedAt']


def parse(api: httpx.Client, command: str) -> dict[str, Any]:
    response = api.post('/nlp/parse', json={'command': command})
    assert response.status_code == 200, response.text
    return response.json()


def exists(client: docker.DockerClient, name: str) -> bool:
    try:
        client.containers.get(name)
        return True
    except docker.errors.NotFound:
        return False


# ---- the contract's shape ----------------------------------------------------------------------------------

def test_parse_answers_the_contract_shape(api, box):
    change = parse(api, f'restart {box.name} then show its last 20 log lines')
    assert PLAN_FIELDS <= set(change), sorted(PLAN_FIELDS - set(change))
    assert change['command'] == f'restart {box.name} then show its last 20 log lines'
    assert change['engine'] == 'rules' and change['model'] is None
    assert change['summary']
    assert change['actions'] == [
        {'type': 'container', 'op': 'restart', 'targets': [box.name]},
        {'type': 'logs', 'target': box.name, 'tail': 20, 'since': None, 'follow': False, 'grep': None}]
    assert change['risk'] == 'change' and change['needs_confirmation'] is True
    assert isinstance(change['warnings'], list) and change['questions'] == []

    read = parse(api, f'show the logs of {box.name}')
    assert [a['type'] for a in read['actions']] == ['logs']
    assert read['risk'] == 'read' and read['needs_confirmation'] is False

    destructive = parse(api, f'remove {box.name}')
    assert destructive['actions'] == [{'type': 'container', 'op': 'remove', 'targets': [box.name]}]
    assert destructive['risk'] == 'destructive' and destructive['needs_confirmation'] is True


@pytest.mark.parametrize('command', ['do something weird', 'Invalid command', 'blorp zzzq'])
def test_an_unknown_command_gives_no_actions_and_a_question(api, command):
    plan = parse(api, command)
    assert plan['actions'] == []
    assert plan['questions'] or plan['warnings'], plan
    assert plan['risk'] == 'read' and plan['needs_confirmation'] is False


def test_an_empty_command_is_invalid_input(api):
    response = api.post('/nlp/parse', json={'command': '   '})
    assert response.status_code == 422, response.text
    assert response.json()['error']['code'] == 'invalid_input'


def test_the_schema_validates_parsed_plans(api, box):
    response = api.get('/nlp/schema')
    assert response.status_code == 200
    schema = response.json()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for command in (f'restart {box.name} then show its last 20 log lines', 'list running containers', 'system status',
                    'deploy uptime kuma on port 3001', 'run redis:7 named sessions on port 6380', 'show history',
                    'do something weird'):
        plan = parse(api, command)
        errors = [e.message for e in validator.iter_errors(plan)]
        assert not errors, (command, errors)
    bad = {**parse(api, f'stop {box.name}'), 'risk': 'maybe'}
    assert list(validator.iter_errors(bad)), 'an invalid risk must not validate'
    shell = {'command': 'x', 'actions': [{'type': 'shell', 'command': 'rm -rf /'}]}
    assert list(validator.iter_errors(shell)), 'an unknown action type must not validate'


# ---- confirmation, execution, history ------------------------------------------------------------------------

def test_a_change_needs_confirmation_then_runs_and_is_recorded(api, box, docker_client):
    command = f'restart {box.name}'
    before = started_at(docker_client, box.name)
    response = api.post('/nlp/run', json={'command': command})
    assert response.status_code == 409, response.text
    body = response.json()
    assert body['error']['code'] == 'needs_confirmation'
    assert body['plan']['actions'] == [{'type': 'container', 'op': 'restart', 'targets': [box.name]}]
    assert body['plan']['needs_confirmation'] is True
    assert started_at(docker_client, box.name) == before, 'nothing may run without confirmation'

    response = api.post('/nlp/run', json={'command': command, 'confirm': True})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result['ok'] is True and [r['ok'] for r in result['results']] == [True], result
    assert result['history_id']
    after = started_at(docker_client, box.name)
    assert after != before, 'the container was not restarted'
    assert docker_client.containers.get(box.name).status == 'running'

    records = api.get('/history', params={'source': 'nl', 'limit': 50}).json()['records']
    mine = [r for r in records if r['reason'] == command]
    assert mine, f'no history record with source "nl" and reason {command!r}: {records[:3]}'
    assert all(r['source'] == 'nl' for r in mine)
    assert str(result['history_id']) in {str(r['id']) for r in mine}


def test_what_a_correction_takes_back_is_never_done(api, box, make_container, docker_client):
    """"stop a and b - wait, no, just a" on the real engine: a stops, b keeps running, and the plan
    said how the correction was read before it ran."""
    other = make_container(name=f'ddnl-{secrets.token_hex(4)}')
    command = f'stop {box.name} and {other.name} - wait, no, just {box.name}'
    plan = parse(api, command)
    assert plan['actions'] == [{'type': 'container', 'op': 'stop', 'targets': [box.name]}]
    assert plan['warnings'] == [f'You corrected yourself: read as "stop {box.name} and {other.name} except {other.name}".']
    ran = api.post('/nlp/run', json={'command': command, 'confirm': True})
    assert ran.status_code == 200 and ran.json()['ok'] is True, ran.text
    docker_client.containers.get(box.name).reload()
    assert docker_client.containers.get(box.name).status == 'exited'
    assert docker_client.containers.get(other.name).status == 'running'


def test_a_command_in_a_container_asks_first_then_shows_its_output(api, box, docker_client):
    command = f'exec cat /etc/hostname in {box.name}'
    asked = api.post('/nlp/run', json={'command': command})
    assert asked.status_code == 409 and asked.json()['error']['code'] == 'needs_confirmation', asked.text
    assert asked.json()['plan']['actions'] == [{'type': 'exec', 'target': box.name, 'command': ['cat', '/etc/hostname']}]
    ran = api.post('/nlp/run', json={'command': command, 'confirm': True})
    assert ran.status_code == 200, ran.text
    result = ran.json()['results'][0]
    hostname = docker_client.containers.get(box.name).attrs['Config']['Hostname']
    assert result['ok'] and result['data']['lines'] == [hostname] and result['data']['exit_code'] == 0, result
    assert result['detail'] == f'cat /etc/hostname in {box.name}: exit code 0'
    record = api.get('/history', params={'action': 'container.exec'}).json()['records'][0]
    assert record['target'] == box.name and record['source'] == 'nl' and record['params']['command'] == 'cat /etc/hostname'

    piped = parse(api, f'docker exec {box.name} ls / | grep etc')   # the pipe is never run, and said so
    assert piped['actions'] == [{'type': 'exec', 'target': box.name, 'command': ['ls', '/']}]
    assert any('Shell syntax is never run' in w for w in piped['warnings'])


def test_a_shell_is_found_for_a_running_container_only(api, box, make_container):
    plan = parse(api, f'open a shell in {box.name}')
    assert plan['actions'] == [{'type': 'console', 'target': box.name}] and plan['needs_confirmation'] is True
    ran = api.post('/nlp/run', json={'command': f'open a shell in {box.name}', 'confirm': True})
    assert ran.status_code == 200, ran.text
    data = ran.json()['results'][0]['data']
    assert data['console'] == box.name and data['url'] == f'/container/{data["id"]}?tab=console'
    stopped = make_container(name=f'ddnl-{secrets.token_hex(4)}', start=False)
    refused = api.post('/nlp/run', json={'command': f'open a shell in {stopped.name}', 'confirm': True})
    assert refused.status_code == 200 and refused.json()['ok'] is False
    assert 'a shell opens only in a running container' in refused.json()['results'][0]['detail']


def test_a_read_plan_runs_without_confirmation_and_returns_data(api, box):
    time.sleep(0.5)  # a few lines printed
    response = api.post('/nlp/run', json={'command': f'show the last 3 log lines of {box.name}'})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result['ok'] is True
    lines = result['results'][0]['data']['lines']
    assert 1 <= len(lines) <= 3 and all('line ' in line for line in lines), lines

    response = api.post('/nlp/run', json={'command': 'list all containers'})
    assert response.status_code == 200, response.text
    rows = response.json()['results'][0]['data']['rows']
    assert box.name in {row['name'] for row in rows}

    repo = box.image.tags[0].split(':')[0].rsplit('/', 1)[-1]   # "which containers run busybox": by image
    response = api.post('/nlp/run', json={'command': f'which containers run {repo}?'})
    assert response.status_code == 200, response.text
    assert response.json()['plan']['actions'][0]['filters'] == {'image': repo}
    rows = response.json()['results'][0]['data']['rows']
    assert box.name in {row['name'] for row in rows}
    assert all(row['image'].split(':')[0].rsplit('/', 1)[-1] == repo for row in rows), rows


def test_the_first_lines_asked_are_the_first_lines_logged(api, box):
    """"the first 3 log lines of x": the oldest three lines, in order, not the last three."""
    time.sleep(1.2)   # more than three lines printed ("line 1", "line 2", …)
    response = api.post('/nlp/run', json={'command': f'show the first 3 log lines of {box.name}'})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body['plan']['actions'] == [{'type': 'logs', 'target': box.name, 'tail': None, 'head': 3, 'since': None,
                                        'follow': False, 'grep': None}]
    lines = body['results'][0]['data']['lines']
    assert [line.split()[-2:] for line in lines] == [['line', '1'], ['line', '2'], ['line', '3']], lines


def test_an_edited_plan_naming_a_missing_container_runs_nothing(api, box, docker_client):
    plan = parse(api, f'stop {box.name}')
    ghost = f'ddnl-ghost-{secrets.token_hex(4)}'
    plan['actions'][0]['targets'] = [ghost]
    response = api.post('/deploy', json={'plan': plan, 'confirm': True})
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        body = response.json()
        assert body['results'] == [] and any(ghost in w for w in body['plan']['warnings']), body
    assert docker_client.containers.get(box.name).status == 'running'

    # one real and one missing target: the whole action is left out, with a warning; the read still runs
    plan['actions'] = [{'type': 'container', 'op': 'stop', 'targets': [box.name, ghost]},
                       {'type': 'logs', 'target': box.name, 'tail': 2}]
    response = api.post('/deploy', json={'plan': plan, 'confirm': True})
    assert response.status_code == 200, response.text
    body = response.json()
    assert [a['type'] for a in body['plan']['actions']] == ['logs']
    assert any(ghost in w for w in body['plan']['warnings']), body['plan']['warnings']
    assert docker_client.containers.get(box.name).status == 'running'


def test_a_forged_read_risk_still_needs_confirmation(api, box, docker_client):
    forged = {'command': 'just looking', 'actions': [{'type': 'container', 'op': 'remove', 'targets': [box.name]}],
              'risk': 'read', 'needs_confirmation': False, 'summary': 'harmless'}
    response = api.post('/deploy', json={'plan': forged})
    assert response.status_code == 409, response.text
    echoed = response.json()['plan']
    assert echoed['risk'] == 'destructive' and echoed['needs_confirmation'] is True
    assert exists(docker_client, box.name)


def test_a_plan_that_is_not_a_plan_is_refused(api, box, docker_client):
    for plan in ({'command': 'x', 'actions': [{'type': 'shell', 'command': f'docker rm -f {box.name}'}]},
                 {'command': 'x', 'actions': [{'type': 'container', 'op': 'remove', 'targets': [f'{box.name}; rm -rf /']}]},
                 {'command': 'x', 'actions': [{'type': 'run', 'image': 'busybox', 'volumes': [{'source': '/', 'target': 'x'}]}]},
                 {'command': 'x', 'actions': [], 'sneaky': True}):
        response = api.post('/deploy', json={'plan': plan, 'confirm': True})
        assert response.status_code == 422, (plan, response.status_code, response.text)
    assert docker_client.containers.get(box.name).status == 'running'


# ---- shell syntax -----------------------------------------------------------------------------------------------

def test_shell_syntax_is_never_run(api, box, docker_client):
    plan = parse(api, f'restart {box.name}; rm -rf /')
    assert plan['actions'] == [{'type': 'container', 'op': 'restart', 'targets': [box.name]}]
    assert plan['warnings'], plan
    for command in (f'stop {box.name} && docker rm -f $(docker ps -aq)', f'restart {box.name} `docker kill {box.name}`',
                    f'show logs of {box.name} | sh'):
        other = parse(api, command)
        assert not any(a['type'] == 'run' or a.get('op') in ('remove', 'kill') for a in other['actions']), other
        assert other['warnings'], other
    before = started_at(docker_client, box.name)
    response = api.post('/nlp/run', json={'command': f'restart {box.name}; rm -rf /', 'confirm': True})
    assert response.status_code == 200, response.text
    assert len(response.json()['results']) == 1
    assert started_at(docker_client, box.name) != before
    assert docker_client.containers.get(box.name).status == 'running'


# ---- policy -------------------------------------------------------------------------------------------------------

def _run_plan(image: str, name: str, **fields: Any) -> dict[str, Any]:
    return {'command': f'run {name}', 'actions': [{'type': 'run', 'image': image, 'name': name, 'command': ['true'],
                                                   **fields}]}


POLICY_CASES = {
    'privileged': {'privileged': True},
    'root filesystem': {'volumes': [{'source': '/', 'target': '/host', 'read_only': True}]},
    'docker socket': {'volumes': [{'source': '/var/run/docker.sock', 'target': '/var/run/docker.sock'}]},
    'host network': {'network_mode': 'host'},
}


@pytest.mark.parametrize('case', sorted(POLICY_CASES))
def test_policy_refuses_dangerous_runs(api, busybox_image, docker_client, new_name, case):
    name = new_name('pol')
    plan = _run_plan(busybox_image, name, **POLICY_CASES[case])
    checked = api.post('/deploy', json={'plan': plan})
    assert checked.status_code == 409, checked.text
    assert any('policy' in w for w in checked.json()['plan']['warnings']), checked.json()['plan']
    response = api.post('/deploy', json={'plan': plan, 'confirm': True})
    assert response.status_code == 403, response.text
    assert response.json()['error']['code'] == 'forbidden'
    assert not exists(docker_client, name)


@pytest.mark.parametrize('source', ['/.', '/etc/..', '//', '/var/run/../run/docker.sock'])
def test_policy_sees_through_path_spellings(api, busybox_image, docker_client, new_name, source):
    """`/.` and `/etc/..` are the host's root to the engine (it cleans bind paths): the policy
    must see that too, or a plan mounts / without allow_privileged."""
    name = new_name('pol')
    plan = _run_plan(busybox_image, name, volumes=[{'source': source, 'target': '/host', 'read_only': True}])
    response = api.post('/deploy', json={'plan': plan, 'confirm': True})
    assert response.status_code == 403, (source, response.status_code, response.text[:500])
    assert not exists(docker_client, name)


def test_policy_applies_to_sentences_too(api, docker_client, new_name):
    name = new_name('pol')
    plan = parse(api, f'run busybox privileged named {name}')
    assert plan['warnings'], plan
    response = api.post('/nlp/run', json={'command': f'run busybox privileged named {name}', 'confirm': True})
    assert response.status_code == 403, response.text
    assert not exists(docker_client, name)
    plan = parse(api, 'mount the entire filesystem into a busybox container')
    assert any('policy' in w for w in plan['warnings']), plan


def test_policy_allows_when_allow_privileged_is_on(privileged_app, busybox_image, docker_client, new_name):
    name = new_name('priv')
    plan = _run_plan(busybox_image, name, **POLICY_CASES['root filesystem'])
    with privileged_app.client(timeout=60) as api:
        response = api.post('/deploy', json={'plan': plan, 'confirm': True})
    assert response.status_code == 200, response.text
    assert response.json()['ok'] is True, response.json()
    assert exists(docker_client, name)


# ---- read-only mode --------------------------------------------------------------------------------------------------

def test_read_only_mode_refuses_changes_and_answers_reads(read_only_app, box, docker_client):
    before = started_at(docker_client, box.name)
    with read_only_app.client(timeout=60) as api:
        plan = parse(api, f'restart {box.name}')
        assert plan['actions'] and any('read-only' in w for w in plan['warnings']), plan
        response = api.post('/nlp/run', json={'command': f'restart {box.name}', 'confirm': True})
        assert response.status_code == 403, response.text
        response = api.post('/deploy', json={'plan': plan, 'confirm': True})
        assert response.status_code == 403, response.text
        assert started_at(docker_client, box.name) == before
        response = api.post('/nlp/run', json={'command': 'list running containers'})
        assert response.status_code == 200, response.text
        assert box.name in {row['name'] for row in response.json()['results'][0]['data']['rows']}
        response = api.post('/nlp/run', json={'command': f'show the last 2 log lines of {box.name}'})
        assert response.status_code == 200, response.text
        assert response.json()['results'][0]['data']['lines']
        for command in (f'exec touch /tmp/x in {box.name}', f'open a shell in {box.name}'):   # a shell can change anything
            response = api.post('/nlp/run', json={'command': command, 'confirm': True})
            assert response.status_code == 403 and response.json()['error']['code'] == 'forbidden', response.text
    assert docker_client.containers.get(box.name).exec_run(['test', '-e', '/tmp/x']).exit_code == 1


# ---- run and deploy from a sentence ------------------------------------------------------------------------------------

@pytest.fixture
def busybox_latest(docker_client, busybox_image) -> Iterator[str]:
    """`busybox:latest` for a sentence that names busybox: the test image tagged so only when the
    engine has no busybox:latest (no registry here); the tag is taken off again after."""
    try:
        docker_client.images.get('busybox:latest')
        added = False
    except docker.errors.ImageNotFound:
        docker_client.images.get(busybox_image).tag('busybox', 'latest')
        added = True
    yield 'busybox:latest'
    if added:
        with contextlib.suppress(docker.errors.APIError):
            docker_client.images.remove('busybox:latest', noprune=True)


def test_run_from_a_sentence_creates_a_running_container(api, busybox_latest, docker_client, new_name):
    name = new_name('run')
    command = f"run busybox named {name} with the command 'sleep 60'"
    plan = parse(api, command)
    assert [(a['type'], a['image'].split(':')[0], a['name']) for a in plan['actions']] == [('run', 'busybox', name)]
    assert plan['needs_confirmation'] is True
    assert api.post('/nlp/run', json={'command': command}).status_code == 409
    assert not exists(docker_client, name)
    response = api.post('/nlp/run', json={'command': command, 'confirm': True})
    assert response.status_code == 200, response.text
    assert response.json()['ok'] is True, response.json()
    container = docker_client.containers.get(name)
    assert container.status == 'running', container.status
    assert container.attrs['Config']['Cmd'] == ['sleep', '60']


def test_deploy_template_from_a_sentence(api, template_standin, docker_client):
    stack = f'nlt-{secrets.token_hex(3)}'
    port = free_port()
    command = f'deploy uptime kuma as {stack} on port {port}'
    try:
        plan = parse(api, command)
        assert plan['actions'] == [{'type': 'deploy_template', 'template': 'uptime-kuma', 'stack': stack,
                                    'params': {'port': port}}], plan
        response = api.post('/nlp/run', json={'command': command, 'confirm': True}, timeout=180)
        assert response.status_code == 200, response.text
        result = response.json()
        assert result['ok'] is True, result
        containers = docker_client.containers.list(filters={'label': f'{PROJECT}={stack}'})
        assert [c.status for c in containers] == ['running'], containers
        published = {b['HostPort'] for c in containers for bs in (c.attrs['NetworkSettings']['Ports'] or {}).values()
                     for b in bs or []}
        assert str(port) in published, published
        records = api.get('/history', params={'source': 'nl', 'limit': 50}).json()['records']
        assert any(r['reason'] == command for r in records)
    finally:
        removal = api.post(f'/stacks/{stack}/action', json={'action': 'remove', 'volumes': True}, timeout=120)
        label = {'label': f'{PROJECT}={stack}'}
        for container in docker_client.containers.list(all=True, filters=label):
            container.remove(force=True, v=True)
        for network in docker_client.networks.list(filters=label):
            with contextlib.suppress(docker.errors.APIError):
                network.remove()
        for volume in docker_client.volumes.list(filters=label):
            with contextlib.suppress(docker.errors.APIError):
                volume.remove(force=True)
    assert removal.status_code in (200, 404), removal.text


def test_a_port_bound_to_an_address_is_published_there_and_found_by_port(api, busybox_latest, docker_client, new_name):
    """"docker run -p 127.0.0.1:N:80 …" publishes on that address only (not on every interface), and
    "which container is using port N" lists just the container that publishes it."""
    name, port = new_name('bound'), free_port()
    command = f"docker run -d -p 127.0.0.1:{port}:80 --name {name} busybox sleep 60"
    response = api.post('/nlp/run', json={'command': command, 'confirm': True})
    assert response.status_code == 200, response.text
    assert response.json()['ok'] is True, response.json()
    bindings = docker_client.containers.get(name).attrs['HostConfig']['PortBindings']
    assert bindings == {'80/tcp': [{'HostIp': '127.0.0.1', 'HostPort': str(port)}]}
    answer = api.post('/nlp/run', json={'command': f'which container is using port {port}?'})
    assert answer.status_code == 200, answer.text
    rows = answer.json()['results'][0]['data']['rows']
    assert [r['name'] for r in rows] == [name], answer.json()
