"""Issue 17, Docker Swarm, for real: a 3-node swarm of engines in network namespaces of their own
(tests/conftest.py swarm_cluster), its manager added to the app as an engine. Nodes, join tokens,
stacks deployed as services spread over the nodes, unchanged services left alone, drain, labels,
rolling updates with progress, a failed update rolled back, "roll back to here", a stack made by
`docker stack deploy`, the host policy, service logs, and a node whose daemon stops.

The kernel here has no IPVS: a service's virtual IP and the routing mesh do not work, so the
services use ``endpoint_mode: dnsrr`` (docs/swarm.md)."""
from __future__ import annotations

import json
import subprocess
import time

import pytest

ENGINE = 'swarm-1'
WEB = """
services:
  web:
    image: {image}
    command: ["sh", "-c", "mkdir -p /www && echo hello from $$(hostname) > /www/index.html && exec httpd -f -p 80 -h /www"]
    init: true
    environment:
      GREETING: {greeting}
    deploy:
      replicas: 3
      endpoint_mode: dnsrr
      placement:
        max_replicas_per_node: 1
      update_config: {{parallelism: 0, delay: 0s, monitor: 1s}}
      rollback_config: {{parallelism: 0, monitor: 1s}}
  worker:
    image: {image}
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do echo tick $$(hostname); sleep 1; done"]
    deploy:
      replicas: 3
      endpoint_mode: dnsrr
      restart_policy: {{condition: any, delay: 1s}}
      update_config: {{parallelism: 2, delay: 0s, monitor: 1s}}
      rollback_config: {{parallelism: 0, monitor: 1s}}
"""


def _wait(check, timeout: float = 30, step: float = 0.25):
    deadline = time.monotonic() + timeout
    while not (result := check()) and time.monotonic() < deadline:
        time.sleep(step)
    return result


@pytest.fixture(scope='module')
def api(app_server, swarm_cluster):
    """The swarm's manager added to the app as engine swarm-1."""
    manager = swarm_cluster.manager
    with app_server.client(timeout=180) as client:
        answer = client.post('/engines', json={'id': ENGINE, 'url': manager.url, 'ca': manager.ca,
                                               'cert': manager.cert, 'key': manager.key})
        assert answer.status_code == 200, answer.text
        yield client
        for stack in client.get('/swarm/stacks', params={'engine': ENGINE}).json():
            client.delete(f'/swarm/stacks/{stack["name"]}', params={'engine': ENGINE})
        client.delete(f'/engines/{ENGINE}')


@pytest.fixture(scope='module')
def demo(api, busybox_image):
    """Stack demo deployed once: web (3 replicas, at most one a node) and worker (3 replicas)."""
    answer = api.put('/swarm/stacks/demo', params={'engine': ENGINE},
                     json={'compose': WEB.format(image=busybox_image, greeting='hello')})
    assert answer.status_code == 200, answer.text
    return answer.json()


def _tasks(api, service: str) -> list[dict]:
    answer = api.get(f'/services/{service}/tasks', params={'engine': ENGINE})
    assert answer.status_code == 200, answer.text
    return answer.json()


def _running(api, service: str) -> list[dict]:
    return [t for t in _tasks(api, service) if t['desired'] == 'running' and t['state'] == 'running']


def _service(api, name: str) -> dict:
    answer = api.get(f'/services/{name}', params={'engine': ENGINE})
    assert answer.status_code == 200, answer.text
    return answer.json()


def _history(api, action: str) -> list[dict]:
    answer = api.get('/history', params={'limit': 200})
    assert answer.status_code == 200, answer.text
    rows = answer.json()
    rows = rows['records'] if isinstance(rows, dict) else rows
    return [r for r in rows if r['action'] == action]


def test_nodes_and_join_tokens_masked_until_revealed(api, swarm_cluster):
    nodes = api.get('/nodes', params={'engine': ENGINE})
    assert nodes.status_code == 200, nodes.text
    rows = {n['hostname']: n for n in nodes.json()}
    assert sorted(rows) == ['dd-node-1', 'dd-node-2', 'dd-node-3']
    assert rows['dd-node-1']['role'] == 'manager' and rows['dd-node-1']['leader'] is True
    assert {rows[h]['role'] for h in ('dd-node-2', 'dd-node-3')} == {'worker'}
    assert all(n['state'] == 'ready' and n['availability'] == 'active' and n['engine_version'] for n in rows.values())
    assert rows['dd-node-2']['address'] == '10.215.0.22'

    masked = api.get('/swarm/join-tokens', params={'engine': ENGINE}).json()
    assert masked['address'] == '10.215.0.21:2377'
    assert '*' in masked['worker']['token'] and masked['worker']['command'].startswith('docker swarm join --token ')
    full = swarm_cluster.manager.client().swarm.attrs['JoinTokens']['Worker']
    assert full not in json.dumps(masked)
    revealed = api.get('/swarm/join-tokens', params={'engine': ENGINE, 'reveal': 'true'})
    assert revealed.json()['worker']['token'] == full
    assert revealed.headers['cache-control'] == 'no-store'
    assert _history(api, 'swarm.tokens.reveal'), 'a reveal is recorded'


def test_an_engine_outside_a_swarm_and_unknown_names_are_clear_errors(api):
    outside = api.get('/nodes')   # the local engine is in no swarm
    assert outside.status_code == 409
    assert 'not part of a swarm' in outside.json()['error']['message']
    missing = api.get('/services/no-such-service/tasks', params={'engine': ENGINE})
    assert missing.status_code == 404 and 'no swarm service' in missing.json()['error']['message']
    bad = api.post('/services/demo_web/scale', params={'engine': ENGINE}, json={'replicas': -1})
    assert bad.status_code == 422
    node = api.patch('/nodes/dd-node-9', params={'engine': ENGINE}, json={'availability': 'drain'})
    assert node.status_code == 404


def test_a_stack_runs_as_services_spread_over_the_nodes(api, demo, swarm_cluster):
    assert sorted(demo['created']) == ['demo_web', 'demo_worker'] and demo['revision']
    services = {s['name']: s for s in api.get('/services', params={'engine': ENGINE, 'stack': 'demo'}).json()}
    assert services['demo_web']['running'] == 3 and services['demo_web']['replicas'] == 3
    assert services['demo_worker']['running'] == 3 and services['demo_web']['stack'] == 'demo'
    web = _running(api, 'demo_web')
    assert sorted(t['node'] for t in web) == ['dd-node-1', 'dd-node-2', 'dd-node-3'], 'one web task on each node'
    labels = swarm_cluster.manager.client().services.get('demo_web').attrs['Spec']['Labels']
    assert labels['com.docker.stack.namespace'] == 'demo'
    networks = swarm_cluster.manager.client().networks.list(names=['demo_default'])
    assert networks and networks[0].attrs['Driver'] == 'overlay'
    # the overlay network carries traffic between tasks on different nodes (dnsrr: the name is every task)
    worker = next(t for t in _running(api, 'demo_worker'))
    node = next(n for n in swarm_cluster.nodes if n.hostname == worker['node'])
    container = node.client().containers.get(worker['container'])
    seen = {container.exec_run(['wget', '-qO-', 'http://web/']).output.decode().strip() for _ in range(12)}
    assert len(seen) >= 2 and all(line.startswith('hello from ') for line in seen), seen

    stacks = {s['name']: s for s in api.get('/swarm/stacks', params={'engine': ENGINE}).json()}
    assert stacks['demo']['managed'] is True and stacks['demo']['running'] == 6
    detail = api.get('/swarm/stacks/demo', params={'engine': ENGINE}).json()
    assert 'max_replicas_per_node' in detail['compose'] and len(detail['revisions']) == 1
    deployed = _history(api, 'swarm.stack.deploy')
    assert deployed and deployed[0]['ok'] and deployed[0]['params'].get('engine') == ENGINE


def test_deploying_the_same_file_again_touches_nothing(api, demo, busybox_image):
    before = {name: _service(api, name)['updated'] for name in ('demo_web', 'demo_worker')}
    again = api.put('/swarm/stacks/demo', params={'engine': ENGINE},
                    json={'compose': WEB.format(image=busybox_image, greeting='hello')})
    assert again.status_code == 200, again.text
    assert sorted(again.json()['unchanged']) == ['demo_web', 'demo_worker'] and again.json()['revision'] is None
    assert {name: _service(api, name)['updated'] for name in before} == before


def test_draining_a_node_moves_its_tasks_and_labels_are_kept(api, demo):
    assert any(t['node'] == 'dd-node-2' for t in _running(api, 'demo_worker'))
    drained = api.patch('/nodes/dd-node-2', params={'engine': ENGINE}, json={'availability': 'drain'})
    assert drained.status_code == 200 and drained.json()['availability'] == 'drain'
    try:
        moved = _wait(lambda: (rows := _running(api, 'demo_worker')) and len(rows) == 3
                      and all(t['node'] != 'dd-node-2' for t in rows), timeout=60)
        assert moved, [(t['slot'], t['node'], t['desired'], t['state'], t['message']) for t in _tasks(api, 'demo_worker')]
    finally:
        activated = api.patch('/nodes/dd-node-2', params={'engine': ENGINE}, json={'availability': 'active'})
        assert activated.json()['availability'] == 'active'
    assert _history(api, 'node.drain') and _history(api, 'node.active')
    labelled = api.patch('/nodes/dd-node-3', params={'engine': ENGINE}, json={'add_labels': {'zone': 'b'}})
    assert labelled.json()['labels'] == {'zone': 'b'}
    unlabelled = api.patch('/nodes/dd-node-3', params={'engine': ENGINE}, json={'remove_labels': ['zone']})
    assert unlabelled.json()['labels'] == {}


def test_service_logs_come_from_every_task_with_its_node(api, demo):
    answer = _wait(lambda: (a := api.get('/services/demo_worker/logs', params={'engine': ENGINE, 'tail': 3}))
                   and len({line['node'] for line in a.json()['lines']}) >= 2 and a)
    assert answer, 'lines from tasks on at least two nodes'
    lines = answer.json()['lines']
    assert all(line['line'].startswith('tick ') and line['task'].startswith('demo_worker.') for line in lines)
    events = []
    with api.stream('GET', '/services/demo_worker/logs', params={'engine': ENGINE, 'tail': 0, 'follow': 'true'}) as live:
        assert live.headers['content-type'].startswith('text/event-stream')
        for text in live.iter_lines():
            if text.startswith('data: '):
                events.append(json.loads(text[6:]))
            if len(events) == 3:
                break
    assert all(e['line'].startswith('tick ') and e['node'].startswith('dd-node-') for e in events), 'new lines, live'


def test_scale_then_a_rolling_update_with_progress_and_a_rollback(api, demo, busybox_image):
    scaled = api.post('/services/demo_worker/scale', params={'engine': ENGINE}, json={'replicas': 4})
    assert scaled.status_code == 200, scaled.text
    assert scaled.json()['running'] == 4 and len(_running(api, 'demo_worker')) == 4

    v2 = busybox_image.rsplit(':', 1)[0] + ':v2'
    with api.stream('POST', '/services/demo_worker/update', params={'engine': ENGINE}, json={'image': v2},
                    headers={'accept': 'text/event-stream'}) as stream:
        body = ''.join(stream.iter_text())
    assert 'event: progress' in body and 'updating' in body and 'event: result' in body, body[-800:]
    assert all(t['image'] == v2 for t in _running(api, 'demo_worker'))
    back = api.post('/services/demo_worker/rollback', params={'engine': ENGINE})
    assert back.status_code == 200, back.text
    assert back.json()['image'] == busybox_image
    assert _wait(lambda: all(t['image'] == busybox_image for t in _running(api, 'demo_worker')))
    assert _history(api, 'service.update') and _history(api, 'service.rollback')


def test_a_failed_update_is_rolled_back_and_the_file_is_not_kept(api, demo, busybox_image):
    revisions = len(api.get('/swarm/stacks/demo', params={'engine': ENGINE}).json()['revisions'])
    before = _service(api, 'demo_web')['spec']['TaskTemplate']['ContainerSpec']['Args']
    broken = WEB.format(image=busybox_image, greeting='hello').replace(
        'exec httpd -f -p 80 -h /www', 'exit 3')
    answer = api.put('/swarm/stacks/demo', params={'engine': ENGINE}, json={'compose': broken})
    assert answer.status_code >= 400, answer.text
    message = answer.json()['error']['message']
    assert 'demo_web' in message and 'rolled back' in message and 'exit' in message, message
    web = _service(api, 'demo_web')
    assert web['spec']['TaskTemplate']['ContainerSpec']['Args'] == before
    assert _wait(lambda: len(_running(api, 'demo_web')) == 3)
    detail = api.get('/swarm/stacks/demo', params={'engine': ENGINE}).json()
    assert len(detail['revisions']) == revisions and 'exit 3' not in detail['compose']
    failed = _history(api, 'swarm.stack.deploy')[0]
    assert failed['ok'] is False and 'rolled back' in failed['error']


def test_a_stack_goes_back_to_an_earlier_revision(api, demo, busybox_image):
    first = api.get('/swarm/stacks/demo', params={'engine': ENGINE}).json()['revisions'][-1]['id']
    changed = api.put('/swarm/stacks/demo', params={'engine': ENGINE},
                      json={'compose': WEB.format(image=busybox_image, greeting='bonjour')})
    assert changed.status_code == 200, changed.text
    assert changed.json()['updated'] == ['demo_web'] and changed.json()['unchanged'] == ['demo_worker']
    client_env = _service(api, 'demo_web')['spec']['TaskTemplate']['ContainerSpec']['Env']
    assert client_env == ['GREETING=…'], 'values are not shown'
    back = api.post('/swarm/stacks/demo/rollback', params={'engine': ENGINE}, json={'to': first})
    assert back.status_code == 200, back.text
    assert 'GREETING: hello' in api.get('/swarm/stacks/demo', params={'engine': ENGINE}).json()['compose']


def test_the_host_policy_applies_to_services(api, busybox_image):
    bind = (f'services:\n  snoop:\n    image: {busybox_image}\n    volumes: ["/etc:/host-etc"]\n'
            '    deploy: {endpoint_mode: dnsrr}\n')
    refused = api.put('/swarm/stacks/snoop', params={'engine': ENGINE}, json={'compose': bind})
    assert refused.status_code == 403 and '/etc' in refused.json()['error']['message']
    privileged = f'services:\n  root:\n    image: {busybox_image}\n    privileged: true\n'
    answer = api.put('/swarm/stacks/snoop', params={'engine': ENGINE}, json={'compose': privileged})
    assert answer.status_code in (403, 422) and 'privileged' in answer.json()['error']['message']
    assert not api.get('/services', params={'engine': ENGINE, 'stack': 'snoop'}).json()


def test_a_stack_made_by_docker_stack_deploy_shows_up_and_is_managed(api, swarm_cluster, busybox_image, tmp_path):
    manager = swarm_cluster.manager
    compose = tmp_path / 'cli.yml'
    compose.write_text(f'version: "3.8"\nservices:\n  app:\n    image: {busybox_image}\n    command: ["sleep", "3600"]\n'
                       '    deploy: {replicas: 1, endpoint_mode: dnsrr}\n')
    cli = ['docker', '-H', manager.url, '--tlsverify', '--tlscacert', str(manager.folder / 'ca.pem'),
           '--tlscert', str(manager.folder / 'cert.pem'), '--tlskey', str(manager.folder / 'key.pem')]
    made = subprocess.run([*cli, 'stack', 'deploy', '-c', str(compose), 'climade'], capture_output=True, text=True,
                          timeout=60)
    assert made.returncode == 0, made.stderr
    stacks = {s['name']: s for s in api.get('/swarm/stacks', params={'engine': ENGINE}).json()}
    assert 'climade' in stacks and stacks['climade']['managed'] is False
    scaled = api.post('/services/climade_app/scale', params={'engine': ENGINE}, json={'replicas': 2})
    assert scaled.status_code == 200 and scaled.json()['running'] == 2
    removed = api.delete('/swarm/stacks/climade', params={'engine': ENGINE})
    assert removed.json() == {'removed': ['climade_app']}
    listed = subprocess.run([*cli, 'stack', 'ls'], capture_output=True, text=True, timeout=60)
    assert 'climade' not in listed.stdout


def test_the_assistant_drains_scales_and_says_where_a_service_runs(api, demo):
    plan = api.post('/nlp/parse', json={'command': 'drain node-2'}).json()
    assert [a for a in plan['actions']] == [{'type': 'node', 'op': 'drain', 'node': 'dd-node-2', 'host': ENGINE}]
    assert plan['risk'] == 'change' and plan['needs_confirmation'] is True
    unconfirmed = api.post('/nlp/run', json={'command': 'drain node-2'})
    assert unconfirmed.status_code == 409
    assert {n['hostname']: n for n in api.get('/nodes', params={'engine': ENGINE}).json()}['dd-node-2'][
        'availability'] == 'active', 'nothing ran without a confirmation'
    drained = api.post('/nlp/run', json={'command': 'drain node-2', 'confirm': True})
    assert drained.status_code == 200 and drained.json()['ok'], drained.text
    assert drained.json()['results'][0]['detail'] == 'dd-node-2 is drain'
    back = api.post('/nlp/run', json={'command': 'bring node 2 back', 'confirm': True})
    assert back.json()['results'][0]['detail'] == 'dd-node-2 is active'

    scaled = api.post('/nlp/run', json={'command': 'scale the demo worker to 5', 'confirm': True})
    assert scaled.status_code == 200 and scaled.json()['ok'], scaled.text
    assert len(_running(api, 'demo_worker')) == 5
    assert _wait(lambda: len(_running(api, 'demo_web')) == 3), 'web is back on dd-node-2 once it is active'
    where = api.post('/nlp/run', json={'command': 'where is the web running?'}).json()
    assert where['ok'] and where['results'][0]['detail'] == 'demo_web runs on dd-node-1, dd-node-2, dd-node-3', where
    assert {row['node'] for row in where['results'][0]['data']['rows']} == {'dd-node-1', 'dd-node-2', 'dd-node-3'}
    unknown = api.post('/nlp/parse', json={'command': 'drain node-7'}).json()
    assert not any(a['type'] == 'node' for a in unknown['actions']), 'no node-7: never a guess'


def test_a_node_whose_daemon_stops_is_reported_down_and_the_rest_carry_on(api, demo, swarm_cluster):
    node = next(n for n in swarm_cluster.nodes if n.hostname == 'dd-node-3')
    node.stop()
    try:
        down = _wait(lambda: {n['hostname']: n['state'] for n in api.get('/nodes', params={'engine': ENGINE}).json()}
                     .get('dd-node-3') == 'down', timeout=60, step=1)
        assert down, 'the node is reported down'
        replicas = _service(api, 'demo_worker')['replicas']
        worker = _wait(lambda: (rows := _running(api, 'demo_worker')) and len(rows) == replicas
                       and all(t['node'] != 'dd-node-3' for t in rows), timeout=60, step=1)
        assert worker, 'its tasks run on the other nodes'
        assert api.get('/services', params={'engine': ENGINE}).status_code == 200
    finally:
        node.start()
    assert _wait(lambda: {n['hostname']: n['state'] for n in api.get('/nodes', params={'engine': ENGINE}).json()}
                 .get('dd-node-3') == 'ready', timeout=60, step=1)
