"""GET /containers, GET /containers/{id} and POST /containers/{id}/action against the real engine."""

from __future__ import annotations

import re
import secrets
import time
from datetime import datetime

import docker.errors
import docker.types
import pytest

TEST_LABEL = 'dockerdeployer.test'
STACK_LABEL = 'com.docker.compose.project'
SERVICE_LABEL = 'com.docker.compose.service'
TICKER = ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.2; done']


def _epoch(text: str) -> float:
    """Docker's RFC 3339 times carry nanoseconds; fromisoformat wants at most microseconds."""
    text = re.sub(r'(\.\d{6})\d+', r'\1', text).replace('Z', '+00:00')
    return datetime.fromisoformat(text).timestamp()


@pytest.fixture(scope='module')
def fleet(docker_client, busybox_image, tmp_path_factory):
    """Containers shared by the read-only tests of this module:
    web and db (one compose stack, running), idle (created) and done (exited)."""
    suffix = secrets.token_hex(4)
    stack = f'ddtest-stack-{suffix}'
    host_dir = tmp_path_factory.mktemp('bind')
    created = []

    def make(name, *, start=True, labels=None, **kw):
        container = docker_client.containers.create(
            busybox_image, kw.pop('command', TICKER), name=f'ddtest-{name}-{suffix}', init=True,
            labels={**(labels or {}), TEST_LABEL: '1'}, **kw)
        created.append(container)
        if start:
            container.start()
        return container

    try:
        web = make('web', labels={STACK_LABEL: stack, SERVICE_LABEL: 'web'},
                   ports={'80/tcp': ('127.0.0.1', None), '5353/udp': ('127.0.0.1', None)},
                   environment={'SECRET': 'hunter2', 'MODE': 'demo'},
                   volumes={str(host_dir): {'bind': '/host', 'mode': 'ro'}},
                   mounts=[docker.types.Mount('/data', None, type='volume')],
                   restart_policy={'Name': 'on-failure', 'MaximumRetryCount': 3})
        db = make('db', labels={STACK_LABEL: stack, SERVICE_LABEL: 'db'}, command=['sleep', '100000'],
                  healthcheck={'test': ['CMD', 'true'], 'interval': 200_000_000, 'timeout': 1_000_000_000})
        idle = make('idle', start=False)
        done = make('done', command=['sh', '-c', 'exit 3'])
        done.wait(timeout=10)
        for container in created:
            container.reload()
        yield {'stack': stack, 'web': web, 'db': db, 'idle': idle, 'done': done}
    finally:
        for container in created:
            try:
                container.remove(force=True, v=True)
            except docker.errors.NotFound:
                pass


@pytest.fixture(scope='module')
def api(app_server):
    with app_server.client() as client:
        yield client


def _list(api, **params) -> dict[str, dict]:
    response = api.get('/containers', params=params)
    assert response.status_code == 200, response.text
    return {row['id']: row for row in response.json()}


def _row_eventually(api, container_id: str, check, timeout: float = 5.0) -> dict:
    """The list row once ``check(row)`` holds (the watcher learns a start from the event stream)."""
    deadline = time.monotonic() + timeout
    while True:
        row = _list(api)[container_id]
        if check(row) or time.monotonic() > deadline:
            return row
        time.sleep(0.1)


# ---- GET /containers ------------------------------------------------------------------------

def test_list_shows_every_field_of_a_running_compose_service(api, fleet):
    web = fleet['web']
    row = _row_eventually(api, web.id, lambda r: r['started_at'] is not None)
    host_ports = {key: int(bindings[0]['HostPort']) for key, bindings in web.ports.items()}
    assert row['short_id'] == web.id[:12]
    assert row['name'] == web.name
    assert row['image'] == 'dockerdeployer-test/busybox:latest'
    assert row['state'] == 'running'
    assert row['status'].startswith('Up ')
    assert row['health'] is None
    assert abs(row['created'] - time.time()) < 120
    assert abs(_epoch(row['started_at']) - _epoch(web.attrs['State']['StartedAt'])) < 2
    assert row['ports'] == [
        {'container_port': 80, 'protocol': 'tcp', 'host_ip': '127.0.0.1', 'host_port': host_ports['80/tcp']},
        {'container_port': 5353, 'protocol': 'udp', 'host_ip': '127.0.0.1', 'host_port': host_ports['5353/udp']},
    ]
    assert row['stack'] == fleet['stack']
    assert row['service'] == 'web'
    assert row['labels'] == {STACK_LABEL: fleet['stack'], SERVICE_LABEL: 'web', TEST_LABEL: '1'}


def test_list_shows_created_and_exited_containers_without_ports_or_stack(api, fleet):
    rows = _list(api)
    idle, done = rows[fleet['idle'].id], rows[fleet['done'].id]
    assert (idle['state'], idle['status'], idle['started_at'], idle['ports']) == ('created', 'Created', None, [])
    assert (done['state'], done['ports'], done['stack'], done['service']) == ('exited', [], None, None)
    assert done['status'].startswith('Exited (3)')


def test_list_reports_health_from_the_healthcheck(api, fleet):
    row = _row_eventually(api, fleet['db'].id, lambda r: r['health'] == 'healthy')
    assert row['health'] == 'healthy'
    assert '(healthy)' in row['status']


def test_list_filters_by_stack(api, fleet):
    rows = _list(api, stack=fleet['stack'])
    assert set(rows) == {fleet['web'].id, fleet['db'].id}
    assert {row['service'] for row in rows.values()} == {'web', 'db'}
    assert _list(api, stack=f'no-such-stack-{secrets.token_hex(4)}') == {}


@pytest.mark.parametrize(('status', 'member', 'strangers'), [
    ('running', 'web', ('idle', 'done')),
    ('created', 'idle', ('web', 'done')),
    ('exited', 'done', ('web', 'idle')),
])
def test_list_filters_by_status(api, fleet, status, member, strangers):
    rows = _list(api, status=status)
    assert fleet[member].id in rows
    assert not {fleet[name].id for name in strangers} & set(rows)
    assert {row['state'] for row in rows.values()} == {status}


def test_list_all_false_shows_only_running_containers(api, fleet):
    everything = _list(api)
    running = _list(api, all='false')
    assert {fleet['web'].id, fleet['db'].id} <= set(running)
    assert fleet['idle'].id not in running and fleet['done'].id not in running
    assert {fleet['idle'].id, fleet['done'].id} <= set(everything)
    assert {row['state'] for row in running.values()} == {'running'}


# ---- GET /containers/{id} ----------------------------------------------------------------------

@pytest.mark.parametrize('ref', ['full id', 'prefix', 'name'])
def test_detail_by_full_id_prefix_or_name(api, fleet, ref):
    web = fleet['web']
    key = {'full id': web.id, 'prefix': web.id[:16], 'name': web.name}[ref]
    response = api.get(f'/containers/{key}')
    assert response.status_code == 200, response.text
    detail = response.json()
    assert detail['id'] == web.id
    assert detail['name'] == web.name
    assert detail['state'] == 'running'
    assert detail['image'] == 'dockerdeployer-test/busybox:latest'
    assert detail['image_id'] == web.attrs['Image']
    assert (detail['stack'], detail['service']) == (fleet['stack'], 'web')


def test_detail_lists_env_names_but_never_their_values(api, fleet):
    response = api.get(f'/containers/{fleet["web"].id}')
    assert response.status_code == 200
    assert {'SECRET', 'MODE', 'PATH'} <= set(response.json()['env'])
    assert 'hunter2' not in response.text
    assert 'demo' not in response.json()['env']


def test_detail_shows_mounts_networks_restart_policy_and_command(api, fleet):
    web = fleet['web']
    detail = api.get(f'/containers/{web.name}').json()
    mounts = {m['destination']: m for m in detail['mounts']}
    assert set(mounts) == {'/host', '/data'}
    assert (mounts['/host']['type'], mounts['/host']['read_only']) == ('bind', True)
    assert (mounts['/data']['type'], mounts['/data']['read_only']) == ('volume', False)
    assert mounts['/data']['name']
    networks = {n['name']: n for n in detail['networks']}
    assert networks['bridge']['ip_address'] == web.attrs['NetworkSettings']['Networks']['bridge']['IPAddress']
    assert detail['restart_policy'] == {'name': 'on-failure', 'maximum_retry_count': 3}
    assert detail['command'] == TICKER
    assert abs(_epoch(detail['started_at']) - _epoch(web.attrs['State']['StartedAt'])) < 0.001
    assert detail['exit_code'] is None and detail['finished_at'] is None
    assert {p['container_port'] for p in detail['ports']} == {80, 5353}


def test_detail_of_an_exited_container_has_its_exit_code(api, fleet):
    detail = api.get(f'/containers/{fleet["done"].id}').json()
    assert (detail['state'], detail['exit_code'], detail['status']) == ('exited', 3, 'Exited (3)')
    assert detail['finished_at'] is not None


# ---- POST /containers/{id}/action ---------------------------------------------------------------

def _act(api, ref: str, action: str, **body) -> dict:
    response = api.post(f'/containers/{ref}/action', json={'action': action, **body})
    assert response.status_code == 200, response.text
    return response.json()


def _engine_state(container) -> str:
    container.reload()
    return container.status


def test_stop_and_start(api, make_container):
    container = make_container()
    stopped = _act(api, container.id, 'stop', timeout=1)
    assert (stopped['id'], stopped['action'], stopped['state']) == (container.id, 'stop', 'exited')
    assert stopped['container']['state'] == 'exited'
    assert _engine_state(container) == 'exited'
    assert _list(api)[container.id]['state'] == 'exited'

    started = _act(api, container.name, 'start')
    assert (started['id'], started['state'], started['container']['state']) == (container.id, 'running', 'running')
    assert _engine_state(container) == 'running'


def test_restart_starts_the_container_again(api, make_container):
    container = make_container()
    before = _epoch(container.attrs['State']['StartedAt'])
    result = _act(api, container.id[:12], 'restart', timeout=1)
    assert (result['state'], result['container']['state']) == ('running', 'running')
    assert _engine_state(container) == 'running'
    detail = api.get(f'/containers/{container.id}').json()
    assert _epoch(detail['started_at']) > before


def test_pause_and_unpause(api, make_container):
    container = make_container()
    paused = _act(api, container.id, 'pause')
    assert (paused['state'], paused['container']['state']) == ('paused', 'paused')
    assert _engine_state(container) == 'paused'
    assert container.id in _list(api, status='paused')

    resumed = _act(api, container.id, 'unpause')
    assert (resumed['state'], resumed['container']['state']) == ('running', 'running')
    assert _engine_state(container) == 'running'


def test_kill_with_and_without_a_signal(api, make_container):
    container = make_container(command=['sleep', '100000'])
    result = _act(api, container.id, 'kill')
    assert result['state'] == 'exited'
    assert _engine_state(container) == 'exited'
    assert container.attrs['State']['ExitCode'] == 137  # SIGKILL by default

    _act(api, container.id, 'start')
    result = _act(api, container.id, 'kill', signal='SIGTERM')  # init passes it on: sleep ends
    deadline = time.monotonic() + 5
    while _engine_state(container) != 'exited' and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _engine_state(container) == 'exited'
    assert container.attrs['State']['ExitCode'] == 143


def test_logs_action_returns_the_last_lines(api, make_container):
    container = make_container(command=['sh', '-c', 'for i in 1 2 3 4 5; do echo "row $i"; done; sleep 100000'])
    deadline = time.monotonic() + 5
    while b'row 5' not in container.logs() and time.monotonic() < deadline:
        time.sleep(0.05)
    result = _act(api, container.id, 'logs', tail=2)
    assert (result['action'], result['state'], result['lines']) == ('logs', 'running', ['row 4', 'row 5'])
    by_name = _act(api, container.name, 'logs')
    assert by_name['lines'] == [f'row {i}' for i in range(1, 6)]
    assert by_name['id'] == container.id  # like every other action: the id, not the name asked for
    assert _engine_state(container) == 'running'


def test_remove_running_needs_force(api, make_container, docker_client):
    container = make_container()
    response = api.post(f'/containers/{container.id}/action', json={'action': 'remove'})
    assert response.status_code == 409
    assert response.json()['error']['code'] == 'conflict'
    assert response.json()['error']['message']
    assert _engine_state(container) == 'running'

    result = _act(api, container.id, 'remove', force=True)
    assert (result['state'], result['container']) == ('removed', None)
    with pytest.raises(docker.errors.NotFound):
        docker_client.containers.get(container.id)
    assert container.id not in _list(api)
    gone = api.get(f'/containers/{container.id}')
    assert gone.status_code == 404
    assert gone.json()['error']['code'] == 'not_found'


def test_remove_stopped_container_without_force(api, make_container, docker_client):
    container = make_container(start=False)
    result = _act(api, container.name, 'remove')
    assert result['state'] == 'removed'
    assert result['id'] == container.id  # like every other action: the id, not the name asked for
    with pytest.raises(docker.errors.NotFound):
        docker_client.containers.get(container.id)


def test_start_of_a_running_container_keeps_it_running(api, make_container):
    container = make_container()
    assert _act(api, container.id, 'start')['state'] == 'running'
    assert _engine_state(container) == 'running'


@pytest.mark.parametrize(('name', 'action', 'state'), [
    ('done', 'pause', 'exited'), ('done', 'kill', 'exited'), ('web', 'unpause', 'running'),
])
def test_action_that_does_not_fit_the_state_is_409(api, fleet, name, action, state):
    container = fleet[name]
    response = api.post(f'/containers/{container.id}/action', json={'action': action})
    assert response.status_code == 409, response.text
    assert response.json()['error']['code'] == 'conflict'
    assert 'not' in response.json()['error']['message']
    assert _engine_state(container) == state
