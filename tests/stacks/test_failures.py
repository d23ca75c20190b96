"""Failure paths on the real engine: a failed deploy names the service and why, and leaves
the engine as it was (nothing at all for a new stack; the old containers for an existing one).
Policy refusals, bad documents and busy stacks through the REST API."""
from __future__ import annotations

import json
import secrets
import socket
import threading
import time

import pytest

from deployer.errors import DeployFailed, Forbidden, NotFound

from .conftest import NOTHING, leftovers, project_containers

SLEEP = '["sleep", "1000000"]'


def running_ids(client, name: str) -> dict[str, str]:
    return {c.labels['com.docker.compose.service']: c.id
            for c in project_containers(client, name) if c.status == 'running'}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def base(image: str, extra_web: str = '', more_services: str = '') -> str:
    """db (with a named volume) and web (depends on db); extra_web is indented under web."""
    web = ''.join(f'    {line}\n' for line in extra_web.strip('\n').splitlines())
    return (f'services:\n'
            f'  db:\n    image: {image}\n    command: {SLEEP}\n    init: true\n    stop_grace_period: 1s\n'
            f'    volumes: [data:/data]\n'
            f'  web:\n    image: {image}\n    command: ["httpd", "-f", "-p", "80"]\n    init: true\n'
            f'    stop_grace_period: 1s\n    depends_on: [db]\n{web}{more_services}'
            f'volumes:\n  data:\n')


# ---- missing image ------------------------------------------------------------------------------

def test_missing_image_fails_naming_the_service_and_leaves_nothing(deployer_service, new_stack, docker_client,
                                                                  busybox_image):
    name = new_stack()
    missing = f'dockerdeployer-test/missing-{secrets.token_hex(4)}:never'
    with pytest.raises(DeployFailed) as info:
        deployer_service.deploy_stack(name, base(busybox_image, more_services=(
            f'  broken:\n    image: {missing}\n    depends_on: [web]\n')))
    assert info.value.service == 'broken'
    assert 'service broken' in info.value.message and missing in info.value.message
    assert leftovers(docker_client, name) == NOTHING
    with pytest.raises(NotFound):
        deployer_service.get_stack(name)


def test_failed_redeploy_with_a_missing_image_keeps_the_old_containers(deployer_service, new_stack, docker_client,
                                                                      busybox_image):
    name = new_stack()
    deployer_service.deploy_stack(name, base(busybox_image))
    before = running_ids(docker_client, name)
    missing = f'dockerdeployer-test/missing-{secrets.token_hex(4)}:never'
    with pytest.raises(DeployFailed) as info:
        deployer_service.deploy_stack(name, base(busybox_image).replace(
            f'  web:\n    image: {busybox_image}', f'  web:\n    image: {missing}'))
    assert info.value.service == 'web' and missing in info.value.message
    assert running_ids(docker_client, name) == before
    assert len(project_containers(docker_client, name)) == 2
    # what is stored is still the document that runs
    assert busybox_image in deployer_service.get_stack(name).compose
    assert missing not in deployer_service.get_stack(name).compose


# ---- taken port -----------------------------------------------------------------------------------

def test_taken_port_rolls_back_a_new_stack(deployer_service, new_stack, docker_client, busybox_image, taken_port):
    name = new_stack()
    with pytest.raises(DeployFailed) as info:
        deployer_service.deploy_stack(name, base(busybox_image, f'ports: ["127.0.0.1:{taken_port}:80"]'))
    assert info.value.service == 'web'
    assert 'service web' in info.value.message and 'in use' in info.value.message
    assert str(taken_port) in info.value.message
    # db had been created and started before web failed: it is gone again, network and volume too
    assert leftovers(docker_client, name) == NOTHING
    with pytest.raises(NotFound):
        deployer_service.get_stack(name)


def test_taken_port_on_redeploy_puts_the_old_containers_back(deployer_service, new_stack, docker_client,
                                                            busybox_image, taken_port):
    name = new_stack()
    port = free_port()
    deployer_service.deploy_stack(name, base(busybox_image, f'ports: ["127.0.0.1:{port}:80"]'))
    before = running_ids(docker_client, name)
    names = {c.id: c.name for c in project_containers(docker_client, name)}
    with pytest.raises(DeployFailed) as info:
        deployer_service.deploy_stack(name, base(busybox_image, f'ports: ["127.0.0.1:{taken_port}:80"]'))
    assert info.value.service == 'web' and 'in use' in info.value.message
    assert running_ids(docker_client, name) == before
    assert {c.id: c.name for c in project_containers(docker_client, name)} == names  # renamed back
    web = docker_client.containers.get(before['web'])
    assert web.ports == {'80/tcp': [{'HostIp': '127.0.0.1', 'HostPort': str(port)}]}
    # and it still serves on its old port
    with socket.create_connection(('127.0.0.1', port), timeout=5) as conn:
        conn.sendall(b'GET / HTTP/1.0\r\n\r\n')
        assert conn.recv(12).startswith(b'HTTP/1.')
    # a deploy of the running document afterwards changes nothing
    _, result = deployer_service.deploy_stack(name, base(busybox_image, f'ports: ["127.0.0.1:{port}:80"]'))
    assert not result.changed


# ---- a dependency that never gets healthy ----------------------------------------------------

UNHEALTHY = '''
services:
  db:
    image: {image}
    command: {sleep}
    init: true
    healthcheck:
      test: ["CMD", "false"]
      interval: 1s
      timeout: 1s
      retries: 2
      {extra}
  web:
    image: {image}
    command: {sleep}
    init: true
    depends_on:
      db:
        condition: service_healthy
'''


def test_unhealthy_dependency_rolls_back_naming_it(deployer_service, new_stack, docker_client, busybox_image):
    name = new_stack()
    started = time.monotonic()
    with pytest.raises(DeployFailed) as info:
        deployer_service.deploy_stack(name, UNHEALTHY.format(image=busybox_image, sleep=SLEEP, extra=''))
    assert time.monotonic() - started < 20
    assert info.value.service == 'db'
    assert 'db' in info.value.message and 'unhealthy' in info.value.message
    assert leftovers(docker_client, name) == NOTHING


def test_dependency_not_healthy_in_time_rolls_back_naming_it(deployer_service, new_stack, docker_client,
                                                             busybox_image):
    deployer_service.stacks.health_timeout = 3
    name = new_stack()
    # within its start period a failing check leaves the container "starting", never unhealthy
    document = UNHEALTHY.format(image=busybox_image, sleep=SLEEP, extra='start_period: 60s')
    started = time.monotonic()
    with pytest.raises(DeployFailed) as info:
        deployer_service.deploy_stack(name, document)
    assert 3 <= time.monotonic() - started < 15
    assert info.value.service == 'db'
    assert 'db' in info.value.message and 'within 3 s' in info.value.message
    assert leftovers(docker_client, name) == NOTHING


def test_depending_on_health_without_a_healthcheck_is_an_error(deployer_service, new_stack, docker_client,
                                                               busybox_image):
    name = new_stack()
    document = base(busybox_image).replace('depends_on: [db]', 'depends_on: {db: {condition: service_healthy}}')
    with pytest.raises(DeployFailed) as info:
        deployer_service.deploy_stack(name, document)
    assert info.value.service == 'db' and 'no healthcheck' in info.value.message
    assert leftovers(docker_client, name) == NOTHING


# ---- policy -----------------------------------------------------------------------------------------

POLICY_CASES = [
    pytest.param('privileged: true', 'runs privileged', id='privileged'),
    pytest.param('volumes: ["/var/run/docker.sock:/var/run/docker.sock"]', 'engine socket', id='docker-socket'),
    pytest.param('network_mode: host', 'network_mode: host', id='host-network'),
    pytest.param('cap_add: [SYS_ADMIN]', 'adds capabilities beyond the defaults (SYS_ADMIN)', id='cap-add'),
    pytest.param('volumes: ["/:/host"]', "host's root /", id='host-root'),
]


@pytest.mark.parametrize(('setting', 'finding'), POLICY_CASES)
def test_policy_refuses_over_rest_and_creates_nothing(app_server, new_stack, docker_client, busybox_image,
                                                      setting: str, finding: str):
    name = new_stack()
    with app_server.client() as http:
        response = http.post('/deploy', json={'stack': name, 'compose': base(busybox_image, setting)})
        assert response.status_code == 403, response.text
        error = response.json()['error']
        assert error['code'] == 'forbidden'
        assert finding in error['message'] and 'service web' in error['message']
        assert http.get(f'/stacks/{name}').status_code == 404
    assert leftovers(docker_client, name) == NOTHING


def test_policy_refuses_in_process_too(deployer_service, new_stack, docker_client, busybox_image):
    name = new_stack()
    with pytest.raises(Forbidden) as info:
        deployer_service.deploy_stack(name, base(busybox_image, 'privileged: true'))
    assert 'refused by policy' in info.value.message
    assert leftovers(docker_client, name) == NOTHING


# ---- bad documents and requests over REST ---------------------------------------------------------

BAD_DOCUMENTS = [
    pytest.param('services:\n  web:\n    image: x\n    credential_spec: {file: spec.json}\n', 'services.web.credential_spec',
                 id='unsupported'),
    pytest.param('services:\n  web:\n    image: x\n    ports: {}\n', 'services.web.ports', id='schema'),
    pytest.param({'services': {'web': {'image': 'x', 'ports': 'eighty'}}}, 'services.web.ports', id='schema-mapping'),
    pytest.param('services:\n  web:\n    image: x\n    volumes: ["data:/d"]\n', 'services.web.volumes.0',
                 id='undeclared-volume'),
    pytest.param('services:\n  web:\n    image: ${IMAGE:?pick an image}\n', 'services.web.image', id='required-var'),
    pytest.param('services:\n  web:\n    image: [x\n', 'not valid YAML at line', id='yaml'),
    pytest.param('services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n',
                 'cycle', id='cycle'),
    pytest.param('services:\n  web:\n    image: x\n    deploy: {replicas: two}\n', 'services.web',
                 id='non-numeric-replicas'),
]


@pytest.mark.parametrize(('compose', 'where'), BAD_DOCUMENTS)
def test_bad_documents_are_422_naming_the_path(app_server, new_stack, docker_client, compose, where: str):
    name = new_stack()
    with app_server.client() as http:
        response = http.post('/deploy', json={'stack': name, 'compose': compose})
    assert response.status_code == 422, response.text
    error = response.json()['error']
    assert error['code'] == 'invalid_input' and where in error['message'], error
    assert leftovers(docker_client, name) == NOTHING


@pytest.mark.parametrize(('body', 'where'), [
    pytest.param({'stack': 'Bad Name', 'compose': 'services: {}'}, 'stack', id='stack-name'),
    pytest.param({'stack': 'ok', 'compose': 'services: {}', 'colour': 'red'}, 'colour', id='extra-field'),
    pytest.param({'stack': 'ok'}, 'compose', id='no-compose'),
])
def test_bad_deploy_requests_are_422(app_server, body: dict, where: str):
    with app_server.client() as http:
        response = http.post('/deploy', json=body)
    assert response.status_code == 422
    assert response.json()['error']['code'] == 'invalid_input' and where in response.json()['error']['message']


def test_unknown_stack_is_404(app_server):
    with app_server.client() as http:
        assert http.get('/stacks/t-never-deployed').status_code == 404
        response = http.post('/stacks/t-never-deployed/action', json={'action': 'stop'})
        assert response.status_code == 404 and response.json()['error']['code'] == 'not_found'
        assert http.post('/stacks/t-never-deployed/action', json={'action': 'explode'}).status_code == 422


def test_a_failed_deploy_over_rest_names_the_service(app_server, new_stack, docker_client, busybox_image,
                                                      taken_port):
    name = new_stack()
    with app_server.client() as http:
        response = http.post('/deploy', json={'stack': name, 'compose': base(
            busybox_image, f'ports: ["127.0.0.1:{taken_port}:80"]')})
    assert response.status_code == 409, response.text
    error = response.json()['error']
    assert error['code'] == 'deploy_failed' and 'service web' in error['message'] and 'in use' in error['message']
    assert leftovers(docker_client, name) == NOTHING


# ---- busy -------------------------------------------------------------------------------------------

def test_busy_stack_is_409(app_server, new_stack, docker_client, busybox_image):
    name = new_stack()
    fast = f'services:\n  web:\n    image: {busybox_image}\n    command: {SLEEP}\n    init: true\n'
    slow = f'''
services:
  db:
    image: {busybox_image}
    command: ["sh", "-c", "sleep 3; touch /ready; exec sleep 1000000"]
    init: true
    healthcheck: {{test: ["CMD", "test", "-f", "/ready"], interval: 500ms, retries: 30}}
  web:
    image: {busybox_image}
    command: {SLEEP}
    init: true
    depends_on: {{db: {{condition: service_healthy}}}}
'''
    with app_server.client() as http:
        assert http.post('/deploy', json={'stack': name, 'compose': fast}).status_code == 200
    first: dict = {}

    def deploy() -> None:
        with app_server.client() as http:
            http.timeout = 60
            first['response'] = http.post('/deploy', json={'stack': name, 'compose': slow})

    thread = threading.Thread(target=deploy)
    thread.start()
    try:
        deadline = time.monotonic() + 10   # the slow deploy has begun once db exists
        while 'db' not in running_ids(docker_client, name) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert 'db' in running_ids(docker_client, name), 'the slow deploy did not start'
        with app_server.client() as http:
            for method, path, body in (('POST', '/deploy', {'stack': name, 'compose': slow}),
                                       ('POST', f'/stacks/{name}/action', {'action': 'stop'}),
                                       ('POST', f'/stacks/{name}/scale', {'service': 'web', 'replicas': 2})):
                response = http.request(method, path, json=body)
                assert response.status_code == 409, f'{path}: {response.text}'
                error = response.json()['error']
                assert error['code'] == 'conflict' and 'busy' in error['message']
    finally:
        thread.join(60)
    assert first['response'].status_code == 200, first['response'].text
    assert set(running_ids(docker_client, name)) == {'db', 'web'}


def test_a_failed_deploy_streams_its_rollback_and_error(app_server, new_stack, docker_client, busybox_image,
                                                         taken_port):
    name = new_stack()
    body = {'stack': name, 'compose': base(busybox_image, f'ports: ["127.0.0.1:{taken_port}:80"]')}
    with app_server.client() as http:
        with http.stream('POST', '/deploy', json=body, headers={'Accept': 'text/event-stream'}) as response:
            assert response.status_code == 200
            blocks = response.read().decode().strip().split('\n\n')
    events = [(b.split('\n')[0].removeprefix('event: '), json.loads(b.split('\n')[1].removeprefix('data: ')))
              for b in blocks]
    assert events[-1][0] == 'error'
    error = events[-1][1]['error']
    assert (error['code'], error['status'], error['service']) == ('deploy_failed', 409, 'web')
    assert 'in use' in error['message']
    phases = [data['phase'] for kind, data in events if kind == 'progress']
    assert 'failed' in phases and 'rolling-back' in phases
    assert phases.index('failed') < phases.index('rolling-back')
    assert leftovers(docker_client, name) == NOTHING


# ---- secrets on failure ------------------------------------------------------------------------------

SECRET_DOC = '''
services:
  app:
    image: {image}
    command: ["httpd", "-f", "-p", "80"]
    init: true
    stop_grace_period: 1s
    ports: ["127.0.0.1:{port}:80"]
    secrets: [api_token]
secrets:
  api_token:
    environment: API_TOKEN
'''


def test_a_failed_first_deploy_leaves_no_secret_files(deployer_service, new_stack, docker_client, busybox_image,
                                                      taken_port):
    name = new_stack()
    with pytest.raises(DeployFailed):
        deployer_service.deploy_stack(name, SECRET_DOC.format(image=busybox_image, port=taken_port),
                                      env={'API_TOKEN': 'never-deployed-secret'})
    assert leftovers(docker_client, name) == NOTHING
    data_dir = deployer_service.settings.data_dir
    left = [str(p.relative_to(data_dir)) for p in data_dir.rglob('*')
            if p.is_file() and 'never-deployed-secret' in p.read_text(errors='replace')]
    assert left == [], f'a failed deploy left its secret on disk: {left}'


def test_a_failed_redeploy_keeps_the_old_secret_value(deployer_service, new_stack, docker_client, busybox_image,
                                                      taken_port):
    name = new_stack()
    deployer_service.deploy_stack(name, SECRET_DOC.format(image=busybox_image, port=free_port()),
                                  env={'API_TOKEN': 'old-value'})
    old = running_ids(docker_client, name)['app']
    read = ['cat', '/run/secrets/api_token']
    assert docker_client.containers.get(old).exec_run(read).output == b'old-value'
    with pytest.raises(DeployFailed):
        deployer_service.deploy_stack(name, SECRET_DOC.format(image=busybox_image, port=taken_port),
                                      env={'API_TOKEN': 'new-value'})
    assert running_ids(docker_client, name) == {'app': old}
    # the stack is "back as it was": the running container still sees the old secret
    assert docker_client.containers.get(old).exec_run(read).output == b'old-value'
