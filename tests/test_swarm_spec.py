"""A compose file as swarm objects (deployer/swarm_spec.py), read as `docker stack deploy` reads it:
what each compose key becomes in the engine's service spec, what a swarm cannot run, and the hash
that lets an unchanged service be left alone. No engine: the specs are data (tests/test_swarm.py
deploys them for real)."""
from __future__ import annotations

import pytest

from deployer.compose import load_project
from deployer.errors import InvalidInput
from deployer.swarm_spec import NAMESPACE, SPEC_HASH, stack_objects

FILE = """
services:
  api:
    image: acme/api:2
    entrypoint: ["/init"]
    command: ["serve", "--port", "8080"]
    environment: {MODE: prod}
    init: true
    stop_grace_period: 20s
    healthcheck: {test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"], interval: 10s, retries: 3}
    ports:
      - {target: 8080, published: 18080, mode: host}
      - "9000:9000/udp"
    networks: [back]
    secrets: [db_password]
    configs: [{source: app_conf, target: /etc/app.conf}]
    deploy:
      replicas: 4
      labels: {tier: api}
      placement:
        constraints: ["node.role == worker"]
        preferences: [{spread: node.labels.zone}]
        max_replicas_per_node: 2
      resources:
        limits: {cpus: "0.5", memory: 256M, pids: 100}
        reservations: {memory: 64M}
      update_config: {parallelism: 2, delay: 5s, order: start-first}
      rollback_config: {parallelism: 0}
      restart_policy: {condition: on-failure, delay: 3s, max_attempts: 5}
  agent:
    image: acme/agent:1
    restart: "no"
    deploy: {mode: global, endpoint_mode: dnsrr}
networks:
  back: {driver_opts: {encrypted: "true"}}
secrets:
  db_password: {environment: DB_PASSWORD}
configs:
  app_conf: {content: "level=info"}
"""


@pytest.fixture(scope='module')
def objects():
    project = load_project(FILE, name='shop', env={'DB_PASSWORD': 's3cret'})
    return stack_objects(project)


def test_every_object_is_named_and_labelled_for_its_stack(objects) -> None:
    assert sorted(objects.services) == ['shop_agent', 'shop_api']
    assert sorted(objects.networks) == ['shop_back', 'shop_default']
    assert objects.networks['shop_back']['Driver'] == 'overlay' and objects.networks['shop_back']['Options'] == {
        'encrypted': 'true'}
    assert objects.secrets == {'shop_db_password': b's3cret'} and objects.configs == {'shop_app_conf': b'level=info'}
    for spec in objects.services.values():
        assert spec['Labels'][NAMESPACE] == 'shop' and spec['TaskTemplate']['ContainerSpec']['Labels'][NAMESPACE] == 'shop'


def test_the_service_spec_says_what_the_file_says(objects) -> None:
    api = objects.services['shop_api']
    container = api['TaskTemplate']['ContainerSpec']
    assert container['Command'] == ['/init'] and container['Args'] == ['serve', '--port', '8080']
    assert container['Env'] == ['MODE=prod'] and container['Init'] is True
    assert container['StopGracePeriod'] == 20_000_000_000
    assert container['Healthcheck']['Interval'] == 10_000_000_000 and container['Healthcheck']['Retries'] == 3
    secret = container['Secrets'][0]
    assert secret['SecretName'] == 'shop_db_password' and secret['File']['Name'] == 'db_password'
    assert container['Configs'][0]['File']['Name'] == '/etc/app.conf'
    task = api['TaskTemplate']
    assert task['Resources'] == {'Limits': {'NanoCPUs': 500_000_000, 'MemoryBytes': 256 * 2**20, 'Pids': 100},
                                 'Reservations': {'MemoryBytes': 64 * 2**20}}
    assert task['Placement'] == {'Constraints': ['node.role == worker'],
                                 'Preferences': [{'Spread': {'SpreadDescriptor': 'node.labels.zone'}}], 'MaxReplicas': 2}
    assert task['RestartPolicy'] == {'Condition': 'on-failure', 'Delay': 3_000_000_000, 'MaxAttempts': 5}
    assert task['Networks'] == [{'Target': 'shop_back', 'Aliases': ['api']}]
    assert api['Mode'] == {'Replicated': {'Replicas': 4}} and api['Labels']['tier'] == 'api'
    assert api['UpdateConfig'] == {'Parallelism': 2, 'FailureAction': 'rollback', 'Order': 'start-first',
                                   'Delay': 5_000_000_000, 'Monitor': 5_000_000_000}
    assert api['RollbackConfig']['Parallelism'] == 0 and api['RollbackConfig']['FailureAction'] == 'pause'
    assert api['EndpointSpec'] == {'Mode': 'vip', 'Ports': [
        {'Protocol': 'tcp', 'TargetPort': 8080, 'PublishedPort': 18080, 'PublishMode': 'host'},
        {'Protocol': 'udp', 'TargetPort': 9000, 'PublishedPort': 9000, 'PublishMode': 'ingress'}]}


def test_global_mode_dnsrr_and_restart_not_read_in_a_swarm(objects) -> None:
    agent = objects.services['shop_agent']
    assert agent['Mode'] == {'Global': {}} and agent['EndpointSpec']['Mode'] == 'dnsrr'
    assert agent['TaskTemplate']['RestartPolicy'] == {'Condition': 'any'}, '`restart:` is not read, as in docker stack deploy'
    assert agent['TaskTemplate']['Networks'][0]['Target'] == 'shop_default'


def test_an_unchanged_file_hashes_the_same_and_a_change_does_not() -> None:
    first = stack_objects(load_project(FILE, name='shop', env={'DB_PASSWORD': 'x'})).services
    again = stack_objects(load_project(FILE, name='shop', env={'DB_PASSWORD': 'x'})).services
    changed = stack_objects(load_project(FILE.replace('MODE: prod', 'MODE: staging'), name='shop',
                                         env={'DB_PASSWORD': 'x'})).services
    assert {k: v['Labels'][SPEC_HASH] for k, v in first.items()} == {k: v['Labels'][SPEC_HASH] for k, v in again.items()}
    assert changed['shop_api']['Labels'][SPEC_HASH] != first['shop_api']['Labels'][SPEC_HASH]
    assert changed['shop_agent']['Labels'][SPEC_HASH] == first['shop_agent']['Labels'][SPEC_HASH]


@pytest.mark.parametrize(('extra', 'said'), [
    ('    privileged: true\n', 'privileged'),
    ('    network_mode: host\n', 'network_mode'),
    ('    pid: host\n', 'pid'),
    ('    devices: ["/dev/fuse:/dev/fuse"]\n', 'devices'),
])
def test_what_a_swarm_service_cannot_have_is_refused_by_name(extra: str, said: str) -> None:
    project = load_project(f'services:\n  web:\n    image: nginx:1.27\n{extra}', name='x')
    with pytest.raises(InvalidInput) as refused:
        stack_objects(project)
    assert 'service web' in refused.value.message and said in refused.value.message


def test_dnsrr_cannot_publish_through_the_routing_mesh() -> None:
    project = load_project('services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n'
                           '    deploy: {endpoint_mode: dnsrr}\n', name='x')
    with pytest.raises(InvalidInput) as refused:
        stack_objects(project)
    assert 'mode: host' in refused.value.message
