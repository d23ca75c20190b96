"""The keys of issue 11 deployed on the real engine, asserting what the container really gets:
ulimits, a writable root from ``read_only: "false"``, links resolving by name, extends and
include across a stack's files (versioned and rolled back together), services sharing another's
namespace recreated with it, swarm-only fields reported, and a second deploy recreating nothing.
"""
from __future__ import annotations

import time

from .conftest import NOTHING, PROJECT, leftovers, project_containers

SLEEP = '["sleep", "1000000"]'


def containers(client, name: str) -> dict[str, object]:
    """{service: container} of a stack's first replicas."""
    return {c.labels['com.docker.compose.service']: c for c in project_containers(client, name)
            if c.labels.get('com.docker.compose.container-number') == '1'}


def logs_until(container, text: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        logs = container.logs().decode(errors='replace')
        if text in logs or time.monotonic() > deadline:
            return logs
        time.sleep(0.2)


def test_ulimits_read_only_from_a_variable_and_the_second_deploy_recreates_nothing(
        deployer_service, new_stack, docker_client, busybox_image):
    name = new_stack()
    doc = f'''
x-common: &common
  image: {busybox_image}
  init: yes
  stop_grace_period: 1s
services:
  app:
    <<: *common
    command: ["sh", "-c", "echo nofile=$$(ulimit -n); touch /probe && echo root=writable || echo root=readonly; sleep 1000000"]
    read_only: ${{RO}}
    tty: "false"
    ulimits:
      nofile: {{soft: 2048, hard: 4096}}
      nproc: 512
    mem_limit: 64m
    memswap_limit: 128m
    mem_reservation: 32m
    oom_score_adj: 300
    cpu_shares: 512
    pids_limit: 64
    extra_hosts:
      - "gateway.internal:host-gateway"
      - "nas=10.9.8.7"
    dns_search: example.internal
    group_add: ["1234"]
    deploy:
      placement:
        constraints: [node.role == manager]
'''
    _, result = deployer_service.deploy_stack(name, doc, env={'RO': 'false'})
    app = containers(docker_client, name)['app']
    host = docker_client.api.inspect_container(app.id)['HostConfig']
    assert sorted((u['Name'], u['Soft'], u['Hard']) for u in host['Ulimits']) == [('nofile', 2048, 4096),
                                                                                 ('nproc', 512, 512)]
    assert (host['ReadonlyRootfs'], host['Memory'], host['MemorySwap'], host['MemoryReservation']) == \
        (False, 64 << 20, 128 << 20, 32 << 20)
    assert (host['OomScoreAdj'], host['CpuShares'], host['PidsLimit']) == (300, 512, 64)
    assert host['ExtraHosts'] == ['gateway.internal:host-gateway', 'nas:10.9.8.7']
    assert (host['DnsSearch'], host['GroupAdd']) == (['example.internal'], ['1234'])
    logs = logs_until(app, 'root=')
    assert 'nofile=2048' in logs and 'root=writable' in logs, logs
    assert result.warnings == ['services.app.deploy: ignored on a single engine (Swarm only): placement']

    _, again = deployer_service.deploy_stack(name, doc, env={'RO': 'false'})
    assert (again.created, again.recreated, again.unchanged) == ([], [], [app.id])

    _, turned = deployer_service.deploy_stack(name, doc, env={'RO': 'yes'})
    assert len(turned.recreated) == 1
    app = containers(docker_client, name)['app']
    assert docker_client.api.inspect_container(app.id)['HostConfig']['ReadonlyRootfs'] is True
    assert 'root=readonly' in logs_until(app, 'root=')
    deployer_service.stack_action(name, 'remove', volumes=True)
    assert leftovers(docker_client, name) == NOTHING


def test_links_resolve_by_their_alias_inside_the_container(deployer_service, new_stack, docker_client, busybox_image):
    name = new_stack()
    doc = f'''
services:
  db:
    image: {busybox_image}
    command: ["sh", "-c", "mkdir -p /www && echo hello-from-db > /www/index.html && httpd -f -p 8080 -h /www"]
    init: true
  web:
    image: {busybox_image}
    links:
      - db:database
    command: ["sh", "-c", "for i in $$(seq 20); do wget -q -O- http://database:8080/ && break; sleep 0.5; done; sleep 1000000"]
    init: true
'''
    _, result = deployer_service.deploy_stack(name, doc)
    web = containers(docker_client, name)['web']
    assert 'hello-from-db' in logs_until(web, 'hello-from-db')
    endpoint = docker_client.api.inspect_container(web.id)['NetworkSettings']['Networks'][f'{name}_default']
    assert endpoint['Links'] == [f'{name}-db-1:database']
    _, again = deployer_service.deploy_stack(name, doc)
    assert (again.created, again.recreated) == ([], [])


def test_a_service_sharing_anothers_namespace_is_recreated_with_it(deployer_service, new_stack, docker_client,
                                                                 busybox_image):
    name = new_stack()

    def doc(version: str) -> str:
        return (f'services:\n  vpn:\n    image: {busybox_image}\n    command: {SLEEP}\n    init: true\n'
                f'    ipc: shareable\n    environment:\n      VERSION: "{version}"\n'
                f'  app:\n    image: {busybox_image}\n    command: {SLEEP}\n    init: true\n'
                f'    network_mode: service:vpn\n    ipc: service:vpn\n'
                f'  other:\n    image: {busybox_image}\n    command: {SLEEP}\n    init: true\n')
    deployer_service.deploy_stack(name, doc('1'))
    before = containers(docker_client, name)
    _, result = deployer_service.deploy_stack(name, doc('2'))
    after = containers(docker_client, name)
    assert after['other'].id == before['other'].id and result.unchanged == [before['other'].id]
    assert after['vpn'].id != before['vpn'].id and after['app'].id != before['app'].id
    host = docker_client.api.inspect_container(after['app'].id)['HostConfig']
    assert host['NetworkMode'] == f'container:{after["vpn"].id}' and host['IpcMode'] == f'container:{after["vpn"].id}'
    assert docker_client.api.inspect_container(after['app'].id)['State']['Running']


def test_extends_and_include_over_rest_versioned_and_rolled_back_together(app_server, new_stack, docker_client,
                                                                          busybox_image):
    name = new_stack()
    base = (f'services:\n  base:\n    image: {busybox_image}\n    command: {SLEEP}\n    init: true\n'
            '    environment:\n      TZ: UTC\n      LEVEL: info\n    labels:\n      tier: ${TIER:-app}\n')
    db = (f'services:\n  db:\n    image: {busybox_image}\n    command: {SLEEP}\n    init: true\n'
          '    environment:\n      DB_NAME: ${DB_NAME}\n')
    document = ('include:\n  - db/compose.yaml\nservices:\n  web:\n    extends:\n      file: common.yaml\n'
                '      service: base\n    environment:\n      LEVEL: debug\n    depends_on: [db]\n')
    files = {'common.yaml': base, 'db/compose.yaml': db, '.env': 'APP=wiki\nDB_NAME=${APP}_db\n'}
    with app_server.client() as http:
        response = http.post('/deploy', json={'stack': name, 'compose': document, 'files': files})
        assert response.status_code == 200, response.text
        found = containers(docker_client, name)
        assert sorted(found) == ['db', 'web']
        web_env = dict(e.split('=', 1) for e in docker_client.api.inspect_container(found['web'].id)['Config']['Env'])
        assert (web_env['TZ'], web_env['LEVEL']) == ('UTC', 'debug')
        assert found['web'].labels['tier'] == 'app'
        db_env = dict(e.split('=', 1) for e in docker_client.api.inspect_container(found['db'].id)['Config']['Env'])
        assert db_env['DB_NAME'] == 'wiki_db'
        # the files are part of the stack: versioned (the .env beside the secrets, not in git)
        config = app_server.data_dir / 'config' / 'stacks' / name
        assert (config / 'files' / 'common.yaml').read_text() == base
        assert (config / 'files' / 'db' / 'compose.yaml').read_text() == db
        assert not (config / 'files' / '.env').exists()
        assert (app_server.data_dir / 'secrets' / f'{name}.files' / '.env').stat().st_mode & 0o777 == 0o600
        assert (app_server.data_dir / 'projects' / name / 'common.yaml').read_text() == base

        changed = base.replace('LEVEL: info', 'LEVEL: info\n      EXTRA: "1"')
        response = http.post('/deploy', json={'stack': name, 'compose': document, 'files': {**files,
                                                                                          'common.yaml': changed}})
        assert response.status_code == 200, response.text
        assert len(response.json()['result']['recreated']) == 1          # web only: db is unchanged
        diff = http.get(f'/stacks/{name}/diff').json()['diff']
        assert '+      EXTRA: "1"' in diff and 'files/common.yaml' in diff

        response = http.post(f'/stacks/{name}/rollback', json={})
        assert response.status_code == 200, response.text
        web = containers(docker_client, name)['web']
        env = dict(e.split('=', 1) for e in docker_client.api.inspect_container(web.id)['Config']['Env'])
        assert 'EXTRA' not in env and env['LEVEL'] == 'debug'
        assert (config / 'files' / 'common.yaml').read_text() == base

        # a redeploy without "files" keeps the stack's files
        response = http.post('/deploy', json={'stack': name, 'compose': document})
        assert response.status_code == 200, response.text
        assert response.json()['result']['recreated'] == [] and response.json()['result']['created'] == []
        assert http.post(f'/stacks/{name}/action', json={'action': 'remove', 'volumes': True}).status_code == 200
    assert leftovers(docker_client, name) == NOTHING
    assert not (app_server.data_dir / 'secrets' / f'{name}.files').exists()


def test_bad_files_and_misreads_over_rest_are_422_and_change_nothing(app_server, new_stack, docker_client,
                                                                     busybox_image):
    name = new_stack()
    good = f'services:\n  web:\n    image: {busybox_image}\n    command: {SLEEP}\n'
    cases = [
        ({'compose': good, 'files': {'../escape.yaml': 'x'}}, 'is not valid'),
        ({'compose': good, 'files': {'compose.yaml': 'x'}}, 'send it as "compose"'),
        ({'compose': good + '    read_only: ${RO}\n', 'env': {'RO': 'nope'}}, "services.web.read_only: 'nope'"),
        ({'compose': good + '    volumes: ["${DATA}:/data"]\n'}, 'DATA is not set'),
        ({'compose': good + '    extends: {file: missing.yaml, service: x}\n'}, "'missing.yaml' is not one of"),
        ({'compose': good + '    image: again\n'}, "'image' twice"),
    ]
    with app_server.client() as http:
        for body, message in cases:
            response = http.post('/deploy', json={'stack': name, **body})
            assert response.status_code == 422, (body, response.text)
            assert message in response.json()['error']['message'], response.text
        assert http.get(f'/stacks/{name}').status_code == 404
    assert project_containers(docker_client, name) == []
    assert docker_client.networks.list(filters={'label': f'{PROJECT}={name}'}) == []
