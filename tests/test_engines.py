"""Issue 16, several engines, for real: a second dockerd in a network namespace of its own, reached
over tcp:// with TLS client certificates the test made. Adding it is checked (bad or missing keys,
plain tcp://, ssh://, the wrong CA: refused, nothing kept); its containers are listed, acted on and
read with ?engine=; when its daemon stops, it says so at once and the local engine is untouched;
started again, it resumes without a restart of the app."""
from __future__ import annotations

import io
import secrets
import stat
import time

import pytest

from deployer.service_updates import MIN_REFRESH_S

ENGINE = 'edge-1'


def _engines(api) -> dict[str, dict]:
    answer = api.get('/engines')
    assert answer.status_code == 200, answer.text
    return {e['id']: e for e in answer.json()}


def _wait(check, timeout: float = 10, step: float = 0.1):
    deadline = time.monotonic() + timeout
    while not (result := check()) and time.monotonic() < deadline:
        time.sleep(step)
    return result


@pytest.fixture(scope='module')
def added(app_server, remote_engine):
    """The remote engine added to the app as edge-1 (removed at the end)."""
    with app_server.client(timeout=60) as api:
        answer = api.post('/engines', json={'id': ENGINE, 'url': remote_engine.url, 'ca': remote_engine.ca,
                                            'cert': remote_engine.cert, 'key': remote_engine.key})
        assert answer.status_code == 200, answer.text
        yield answer.json()
        api.delete(f'/engines/{ENGINE}')


def test_an_engine_is_added_only_when_it_answers_over_tls(app_server, remote_engine, tmp_path):
    other_ca = tmp_path / 'other'
    other_ca.mkdir()
    import subprocess
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', str(other_ca / 'k.pem'),
                    '-out', str(other_ca / 'ca.pem'), '-days', '1', '-subj', '/CN=not-the-engines-ca'],
                   check=True, capture_output=True)
    body = {'id': 'edge-x', 'url': remote_engine.url, 'ca': remote_engine.ca, 'cert': remote_engine.cert,
            'key': remote_engine.key}
    with app_server.client(timeout=60) as api:
        for changes, said in (({'ca': None, 'cert': None, 'key': None}, 'plain tcp:// gives anyone'),
                              ({'key': None}, 'TLS needs all three'),
                              ({'cert': 'not a certificate'}, 'is not PEM text'),
                              ({'url': 'ssh://me@10.214.1.2', 'ca': None, 'cert': None, 'key': None},
                               'needs the private key of the user'),
                              ({'url': 'ssh://me@10.214.1.2'}, 'takes a private key (key), not TLS certificates'),
                              ({'url': 'tcp://10.214.1.2'}, 'is not an engine address'),
                              ({'id': 'local'}, 'not local, all or default'),
                              ({'ca': (other_ca / 'ca.pem').read_text()}, 'did not answer, so it was not added')):
            answer = api.post('/engines', json={**body, **changes})
            assert answer.status_code == 422, (changes, answer.text)
            assert said in answer.json()['error']['message'], (changes, answer.text)
            assert remote_engine.key.split('\n')[1] not in answer.text
        assert list(_engines(api)) == ['local']
        assert not (app_server.data_dir / 'secrets' / 'engines' / 'edge-x').exists()
        assert api.get('/containers', params={'engine': 'edge-x'}).status_code == 404


def test_the_engine_added_is_listed_committed_and_its_keys_kept_apart(app_server, added, remote_engine):
    assert added['id'] == ENGINE and added['tls'] is True and added['version']
    with app_server.client() as api:
        engines = _wait(lambda: (e := _engines(api)) and e[ENGINE]['reachable'] and e)
        assert engines and engines['local']['default'] is True and engines[ENGINE]['default'] is False
        said = api.get('/engines').text + api.get('/history', params={'action': 'engine.add'}).text
        assert remote_engine.key.split('\n')[1] not in said and 'PRIVATE KEY' not in said
        record = api.get('/history', params={'action': 'engine.add'}).json()['records'][0]
        assert record['ok'] and record['target'] == ENGINE and record['revision']
    keys = app_server.data_dir / 'secrets' / 'engines' / ENGINE
    assert stat.S_IMODE((keys / 'key.pem').stat().st_mode) == 0o600
    config = (app_server.data_dir / 'config' / 'engines.yaml').read_text()
    assert remote_engine.url in config and 'PRIVATE' not in config


def test_containers_of_each_engine_are_listed_acted_on_and_read(app_server, added, remote_engine, make_container,
                                                                 busybox_image):
    remote = remote_engine.client()
    name = f'dd-remote-{secrets.token_hex(3)}'
    there = remote.containers.run(busybox_image, ['sh', '-c', 'echo hello from edge; sleep 600'], name=name,
                                  detach=True, init=True)
    here = make_container(command=['sleep', '300'])
    try:
        with app_server.client(timeout=60) as api:
            def listed(engine: str) -> dict[str, dict]:
                return {c['name']: c for c in api.get('/containers', params={'engine': engine}).json()}
            remote_rows = _wait(lambda: name in (rows := listed(ENGINE)) and rows)
            assert remote_rows and remote_rows[name]['engine'] == ENGINE and remote_rows[name]['state'] == 'running'
            assert here.name not in remote_rows
            everything = listed('all')
            assert everything[name]['engine'] == ENGINE and everything[here.name]['engine'] == 'local'
            assert name not in listed('local')

            assert api.get(f'/containers/{name}').status_code == 404            # not on the local engine
            detail = api.get(f'/containers/{name}', params={'engine': ENGINE})
            assert detail.status_code == 200 and detail.json()['id'] == there.id
            lines = api.get(f'/logs/{name}', params={'engine': ENGINE}).json()['lines']
            assert lines == ['hello from edge']

            stopped = api.post(f'/containers/{name}/action', params={'engine': ENGINE}, json={'action': 'stop',
                                                                                               'timeout': 1})
            assert stopped.status_code == 200 and stopped.json()['state'] == 'exited', stopped.text
            there.reload()
            assert there.status == 'exited'
            record = api.get('/history', params={'action': 'container.stop'}).json()['records'][0]
            assert record['target'] == name and record['params']['engine'] == ENGINE
            assert _wait(lambda: listed(ENGINE)[name]['state'] == 'exited', timeout=5)   # its event reached the cache
    finally:
        there.remove(force=True)


def test_the_assistant_acts_on_the_engine_named(app_server, added, remote_engine, busybox_image, make_container):
    remote = remote_engine.client()
    name = f'dd-nl-{secrets.token_hex(3)}'
    there = remote.containers.run(busybox_image, ['sh', '-c', 'echo said on edge; sleep 600'], name=name, detach=True,
                                  init=True)
    twin = make_container(name=name + '-here', command=['sleep', '300'])   # a local look-alike stays untouched
    try:
        with app_server.client(timeout=60) as api:
            assert _wait(lambda: name in {c['name'] for c in api.get('/containers', params={'engine': ENGINE}).json()})
            plan = api.post('/nlp/parse', json={'command': f'restart {name} on {ENGINE}'}).json()
            assert plan['actions'] == [{'type': 'container', 'op': 'restart', 'targets': [name], 'host': ENGINE}], plan
            assert plan['summary'] == f'Restart {name} on {ENGINE}'
            before = there.attrs['State']['StartedAt']
            ran = api.post('/nlp/run', json={'command': f'restart {name} on {ENGINE}', 'confirm': True})
            assert ran.status_code == 200 and ran.json()['ok'], ran.text
            there.reload()
            assert there.attrs['State']['StartedAt'] != before and there.status == 'running'
            twin.reload()
            assert twin.status == 'running'

            logs = api.post('/nlp/run', json={'command': f'show the logs of {name} on the host {ENGINE}'}).json()
            assert logs['plan']['actions'][0]['host'] == ENGINE
            assert 'said on edge' in logs['results'][0]['data']['lines']

            said = api.post('/nlp/run', json={'command': f'exec hostname in {name} on {ENGINE}', 'confirm': True}).json()
            assert said['ok'] and said['plan']['actions'][0] == {'type': 'exec', 'target': name, 'command': ['hostname'],
                                                                 'host': ENGINE}, said
            assert said['results'][0]['data']['lines'] == [there.attrs['Config']['Hostname']]
            listed = api.post('/nlp/run', json={'command': f'list running containers on {ENGINE}'}).json()
            names = {r['name'] for r in listed['results'][0]['data']['rows']}
            assert name in names and twin.name not in names, names
            history = [r for r in api.get('/history').json()['records'] if r['target'] == name]
            assert {r['action'] for r in history} >= {'container.restart', 'container.exec'}, history
            assert all(r['params'].get('engine') == ENGINE for r in history), history
    finally:
        there.remove(force=True)


def test_the_assistant_deploys_a_template_and_runs_a_container_on_the_engine_named(
        app_server, added, remote_engine, busybox_image, template_standin, docker_client):
    remote = remote_engine.client()
    remote_engine.load('louislam/uptime-kuma:1', docker_client)          # the template's stand-in, over there
    kuma, box = f'nl-kuma-{secrets.token_hex(3)}', f'nl-box-{secrets.token_hex(3)}'
    with app_server.client(timeout=120) as api:
        try:
            command = f'deploy uptime kuma as {kuma} on port 3011 on {ENGINE}'
            plan = api.post('/nlp/parse', json={'command': command}).json()
            assert plan['actions'] == [{'type': 'deploy_template', 'template': 'uptime-kuma', 'stack': kuma,
                                        'params': {'port': 3011}, 'host': ENGINE}], plan
            ran = api.post('/nlp/run', json={'command': command, 'confirm': True}).json()
            assert ran['ok'], ran
            assert len(remote.containers.list(filters={'label': f'com.docker.compose.project={kuma}'})) == 1
            assert not docker_client.containers.list(all=True, filters={'label': f'com.docker.compose.project={kuma}'})
            assert kuma in {s['name'] for s in api.get('/stacks', params={'engine': ENGINE}).json()}

            run = api.post('/nlp/run', json={'command': f'run {busybox_image} named {box} on {ENGINE}',
                                             'confirm': True}).json()
            assert run['ok'] and run['plan']['actions'][0]['host'] == ENGINE, run
            assert remote.containers.get(box) and not docker_client.containers.list(all=True, filters={'name': box})
            refused = api.post('/nlp/parse', json={'command': f'run {busybox_image} with /etc mounted at /host on '
                                                              f'{ENGINE}'}).json()
            assert refused['refusals'], refused     # that engine's own bind roots: /etc is not one of them
        finally:
            api.post(f'/stacks/{kuma}/action', params={'engine': ENGINE}, json={'action': 'remove', 'volumes': True})
            for leftover in remote.containers.list(all=True, filters={'name': box}):
                leftover.remove(force=True)


def test_an_engine_that_stops_says_so_and_the_others_carry_on(app_server, added, remote_engine, make_container):
    here = make_container(command=['sleep', '300'])
    with app_server.client(timeout=60) as api:
        assert _wait(lambda: _engines(api)[ENGINE]['reachable'])
        remote_engine.stop()
        try:
            stopped_at = time.monotonic()
            down = _wait(lambda: not (e := _engines(api)[ENGINE])['reachable'] and e, timeout=10, step=0.05)
            took = time.monotonic() - stopped_at
            assert down and down['error'], down
            assert took < 2, f'the engine was seen gone after {took:.1f} s'
            started = time.monotonic()
            local = api.get('/containers')
            assert local.status_code == 200 and here.name in {c['name'] for c in local.json()}
            assert time.monotonic() - started < 1, 'the local engine waited on the one that is gone'
            gone = api.get('/containers', params={'engine': ENGINE})
            assert gone.status_code == 503 and f'engine {ENGINE} is unreachable' in gone.json()['error']['message']
            assert here.name in {c['name'] for c in api.get('/containers', params={'engine': 'all'}).json()}
        finally:
            remote_engine.start()
        back = _wait(lambda: _engines(api)[ENGINE]['reachable'], timeout=20)
        assert back, _engines(api)[ENGINE]
        assert api.get('/containers', params={'engine': ENGINE}).status_code == 200


def test_an_engine_is_forgotten_and_an_unknown_one_is_a_404(app_server, remote_engine):
    with app_server.client(timeout=60) as api:
        body = {'id': 'edge-9', 'url': remote_engine.url, 'ca': remote_engine.ca, 'cert': remote_engine.cert,
                'key': remote_engine.key}
        assert api.post('/engines', json=body).status_code == 200
        assert api.post('/engines', json=body).status_code == 409                       # one of that name exists
        assert api.delete('/engines/edge-9').status_code == 200
        assert 'edge-9' not in _engines(api)
        missing = api.get('/containers', params={'engine': 'edge-9'})
        assert missing.status_code == 404 and 'no engine called' in missing.json()['error']['message']
        assert api.delete('/engines/local').status_code == 409
    assert not (app_server.data_dir / 'secrets' / 'engines' / 'edge-9').exists()


def test_a_docker_context_is_imported_with_its_keys(app_server, remote_engine):
    """`docker context create` (the CLI keeps it in ~/.docker/contexts of the user the app runs as):
    the TLS one is listed as importable and imported; an ssh:// one is listed with why not."""
    import shutil
    import subprocess
    docker_cli = shutil.which('docker')
    assert docker_cli, 'the docker CLI comes with Debian docker.io'
    name, ssh_name = f'ddctx-{secrets.token_hex(3)}', f'ddctx-ssh-{secrets.token_hex(3)}'
    folder = remote_engine.folder
    subprocess.run([docker_cli, 'context', 'create', name, '--docker',
                    f'host={remote_engine.url},ca={folder / "ca.pem"},cert={folder / "cert.pem"},key={folder / "key.pem"}'],
                   check=True, capture_output=True)
    subprocess.run([docker_cli, 'context', 'create', ssh_name, '--docker', 'host=ssh://ops@10.214.1.2'],
                   check=True, capture_output=True)
    try:
        with app_server.client(timeout=60) as api:
            contexts = {c['name']: c for c in api.get('/engines/contexts').json()}
            assert contexts[name]['importable'] and contexts[name]['tls'] and contexts[name]['url'] == remote_engine.url
            assert not contexts[ssh_name]['importable'] and 'ssh://' in contexts[ssh_name]['why_not']
            refused = api.post(f'/engines/contexts/{ssh_name}/import')
            assert refused.status_code == 422 and 'cannot be imported' in refused.json()['error']['message']
            imported = api.post(f'/engines/contexts/{name}/import', json={'id': 'from-context'})
            assert imported.status_code == 200, imported.text
            assert imported.json()['id'] == 'from-context' and imported.json()['reachable'] is True
            assert _engines(api)['from-context']['url'] == remote_engine.url
            assert api.get('/engines/contexts').json() and next(
                c for c in api.get('/engines/contexts').json() if c['name'] == name)['added'] is True
            assert api.post('/engines/contexts/no-such-context/import').status_code == 404
            api.delete('/engines/from-context')
    finally:
        subprocess.run([docker_cli, 'context', 'rm', '-f', name, ssh_name], capture_output=True)


def test_a_remote_container_runs_commands_streams_its_log_and_is_charted(app_server, added, remote_engine,
                                                                           busybox_image):
    remote = remote_engine.client()
    name = f'dd-rx-{secrets.token_hex(3)}'
    there = remote.containers.run(busybox_image, ['sh', '-c', 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.3; '
                                                  'done'], name=name, detach=True, init=True)
    try:
        with app_server.client(timeout=60) as api:
            assert _wait(lambda: name in {c['name'] for c in api.get('/containers', params={'engine': ENGINE}).json()})
            ran = api.post(f'/containers/{name}/exec', params={'engine': ENGINE}, json={'command': ['cat', '/etc/hostname']})
            assert ran.status_code == 200 and ran.json()['output'].strip() == there.attrs['Config']['Hostname'], ran.text
            assert api.post(f'/containers/{name}/exec', json={'command': ['true']}).status_code == 404   # not local

            with api.stream('GET', f'/logs/{name}', params={'engine': ENGINE, 'follow': 'true', 'tail': 0}) as stream:
                assert stream.status_code == 200
                seen = []
                for line in stream.iter_lines():
                    if line.startswith('data:') and 'tick' in line:
                        seen.append(line)
                        if len(seen) == 2:
                            break
            assert len(seen) == 2

            quiet = remote.containers.run(busybox_image, ['sh', '-c', 'echo only once; sleep 600'],
                                          name=name + '-quiet', detach=True, init=True)
            try:   # one line, then nothing: it must come out at once, not with the next one (TLS buffering)
                time.sleep(0.5)
                started = time.monotonic()
                with api.stream('GET', f'/logs/{quiet.name}', params={'engine': ENGINE, 'follow': 'true'}) as stream:
                    line = next(line for line in stream.iter_lines() if 'only once' in line)
                assert line == 'data: only once' and time.monotonic() - started < 5
            finally:
                quiet.remove(force=True)

            series = _wait(lambda: (s := api.get(f'/containers/{name}/stats',
                                                  params={'engine': ENGINE}).json()) and len(s['t']) >= 2 and s,
                           timeout=20, step=0.5)
            assert series and series['container'] == name and len(series['memory']) == len(series['t'])
    finally:
        there.remove(force=True)


def test_a_stack_is_deployed_versioned_and_removed_on_another_engine(app_server, added, remote_engine, busybox_image,
                                                                     docker_client):
    stack = f'edge-stack-{secrets.token_hex(3)}'
    password = f'Pw-{secrets.token_hex(6)}'
    compose = {'services': {
        'web': {'image': busybox_image, 'command': ['sh', '-c', 'echo up; sleep 600'], 'init': True,
                'environment': {'APP_PASSWORD': '${APP_PASSWORD}'}, 'volumes': ['data:/data']},
        'worker': {'image': busybox_image, 'command': ['sleep', '600'], 'init': True}},
        'volumes': {'data': {}}}
    remote = remote_engine.client()
    with app_server.client(timeout=120) as api:
        deployed = api.post('/deploy', params={'engine': ENGINE},
                            json={'stack': stack, 'compose': compose, 'secrets': {'APP_PASSWORD': password}})
        assert deployed.status_code == 200, deployed.text
        try:
            there = {c.name: c for c in remote.containers.list(filters={'label': f'com.docker.compose.project={stack}'})}
            assert set(there) == {f'{stack}-web-1', f'{stack}-worker-1'}
            assert all(c.status == 'running' for c in there.values())
            assert not docker_client.containers.list(all=True, filters={'label': f'com.docker.compose.project={stack}'})
            assert f'APP_PASSWORD={password}' in there[f'{stack}-web-1'].attrs['Config']['Env']
            assert remote.volumes.get(f'{stack}_data')

            assert stack in {s['name'] for s in api.get('/stacks', params={'engine': ENGINE}).json()}
            assert stack not in {s['name'] for s in api.get('/stacks').json()}
            record = api.get('/history', params={'stack': stack}).json()['records'][0]
            assert record['action'] == 'deploy' and record['params']['engine'] == ENGINE, record
            detail = api.get(f'/stacks/{stack}', params={'engine': ENGINE})
            assert detail.status_code == 200 and detail.json()['running'] == 2 and detail.json()['revision']
            assert password not in detail.text
            assert api.get(f'/stacks/{stack}').status_code == 404                      # not a local stack
            versioned = app_server.data_dir / 'config' / 'engines' / ENGINE / 'stacks' / stack / 'compose.yaml'
            assert versioned.exists() and password not in versioned.read_text()
            kept = app_server.data_dir / 'secrets' / 'engines' / ENGINE / 'stacks' / f'{stack}.yaml'
            assert password in kept.read_text()
            assert password not in api.get('/containers', params={'engine': ENGINE}).text   # masked everywhere

            stopped = api.post(f'/stacks/{stack}/action', params={'engine': ENGINE}, json={'action': 'stop'})
            assert stopped.status_code == 200, stopped.text
            assert all(c.status == 'exited' for c in remote.containers.list(
                all=True, filters={'label': f'com.docker.compose.project={stack}'}))
            asked = api.post('/nlp/run', json={'command': f'start the {stack} stack on {ENGINE}', 'confirm': True})
            assert asked.status_code == 200 and asked.json()['ok'], asked.text     # the assistant, on that engine
            assert asked.json()['plan']['actions'] == [{'type': 'stack', 'op': 'start', 'stack': stack, 'host': ENGINE}]
            assert all(c.status == 'running' for c in remote.containers.list(
                all=True, filters={'label': f'com.docker.compose.project={stack}'}))
        finally:
            removed = api.post(f'/stacks/{stack}/action', params={'engine': ENGINE}, json={'action': 'remove',
                                                                                            'volumes': True})
        assert removed.status_code == 200, removed.text
        assert not remote.containers.list(all=True, filters={'label': f'com.docker.compose.project={stack}'})
        assert api.get(f'/stacks/{stack}', params={'engine': ENGINE}).status_code == 404


def test_a_stack_on_another_engine_scales_rolls_back_and_a_template_deploys_there(app_server, added, remote_engine,
                                                                                    busybox_image, template_standin,
                                                                                    docker_client):
    stack = f'edge-scale-{secrets.token_hex(3)}'
    compose = {'services': {'app': {'image': busybox_image, 'command': ['sleep', '600'], 'init': True}}}
    remote = remote_engine.client()

    def running() -> int:
        return len(remote.containers.list(filters={'label': f'com.docker.compose.project={stack}'}))
    with app_server.client(timeout=120) as api:
        assert api.post('/deploy', params={'engine': ENGINE}, json={'stack': stack, 'compose': compose}).status_code == 200
        try:
            scaled = api.post(f'/stacks/{stack}/scale', params={'engine': ENGINE}, json={'service': 'app', 'replicas': 2})
            assert scaled.status_code == 200, scaled.text
            assert running() == 2
            revisions = api.get(f'/stacks/{stack}/revisions', params={'engine': ENGINE}).json()
            assert len(revisions) == 2
            local = api.get(f'/stacks/{stack}/revisions')                    # the local engine has no such stack
            assert local.status_code == 404 and 'not found' in local.json()['error']['message'], local.text
            rolled = api.post(f'/stacks/{stack}/rollback', params={'engine': ENGINE})
            assert rolled.status_code == 200, rolled.text
            assert running() == 1
        finally:
            api.post(f'/stacks/{stack}/action', params={'engine': ENGINE}, json={'action': 'remove'})

        remote_engine.load('louislam/uptime-kuma:1', docker_client)          # the template's stand-in, over there
        kuma = f'edge-kuma-{secrets.token_hex(3)}'
        deployed = api.post('/templates/deploy', params={'engine': ENGINE},
                            json={'template': 'uptime-kuma', 'stack': kuma, 'params': {'port': 3001}})
        try:
            assert deployed.status_code == 200, deployed.text
            assert len(remote.containers.list(filters={'label': f'com.docker.compose.project={kuma}'})) == 1
            assert not docker_client.containers.list(all=True, filters={'label': f'com.docker.compose.project={kuma}'})
        finally:
            api.post(f'/stacks/{kuma}/action', params={'engine': ENGINE}, json={'action': 'remove', 'volumes': True})


def test_images_volumes_and_networks_of_another_engine(app_server, added, remote_engine, busybox_image, docker_client):
    remote = remote_engine.client()
    volume, network = f'edge-vol-{secrets.token_hex(3)}', f'edge-net-{secrets.token_hex(3)}'
    with app_server.client(timeout=60) as api:
        images = api.get('/images', params={'engine': ENGINE}).json()
        assert any(busybox_image in i['tags'] for i in images)
        assert {i['id'] for i in images} == {i.id for i in remote.images.list()}

        created = api.post('/volumes', params={'engine': ENGINE}, json={'name': volume})
        assert created.status_code == 200, created.text
        assert remote.volumes.get(volume) and volume not in {v.name for v in docker_client.volumes.list()}
        assert volume in {v['name'] for v in api.get('/volumes', params={'engine': ENGINE}).json()}
        refused = api.post('/volumes', params={'engine': ENGINE},   # a bind outside that engine's bind roots
                           json={'name': volume + '-b', 'options': {'type': 'none', 'o': 'bind', 'device': '/etc'}})
        assert refused.status_code == 403, refused.text
        assert api.delete(f'/volumes/{volume}', params={'engine': ENGINE}).status_code == 200
        assert volume not in {v.name for v in remote.volumes.list()}

        made = api.post('/networks', params={'engine': ENGINE}, json={'name': network})
        assert made.status_code == 200, made.text
        assert remote.networks.get(network) and not docker_client.networks.list(names=[network])
        assert api.delete(f'/networks/{network}', params={'engine': ENGINE}).status_code == 200
        assert not remote.networks.list(names=[network])


def test_an_engine_over_ssh_is_trusted_on_first_use_then_works(app_server, remote_engine, busybox_image):
    """ssh://root@host with a private key: the first try answers the host key's fingerprint (nothing
    kept); sent back, the host key is kept in a known_hosts of our own and the engine works like any
    other; a wrong fingerprint is refused."""
    engine = 'edge-ssh'
    body = {'id': engine, 'url': remote_engine.ssh_url, 'key': remote_engine.ssh_key}
    with app_server.client(timeout=60) as api:
        first = api.post('/engines', json=body)
        assert first.status_code == 409, first.text
        error = first.json()['error']
        assert error['code'] == 'host_key_unknown' and error['fingerprint'] == remote_engine.ssh_fingerprint
        assert engine not in _engines(api)
        wrong = api.post('/engines', json={**body, 'host_key': 'SHA256:' + 'A' * 43})
        assert wrong.status_code == 409 and engine not in _engines(api)

        added = api.post('/engines', json={**body, 'host_key': error['fingerprint']})
        assert added.status_code == 200, added.text
        try:
            assert added.json()['reachable'] is True and added.json()['version']
            keys = app_server.data_dir / 'secrets' / 'engines' / engine
            assert remote_engine.ssh_fingerprint and (keys / 'known_hosts').read_text().startswith(remote_engine.address)
            assert stat.S_IMODE((keys / 'id_key').stat().st_mode) == 0o600
            assert 'PRIVATE KEY' not in api.get('/engines').text + api.get('/history', params={'action': 'engine.add'}).text
            name = f'dd-ssh-{secrets.token_hex(3)}'
            there = remote_engine.client().containers.run(busybox_image, ['sh', '-c', 'echo over ssh; sleep 600'],
                                                          name=name, detach=True, init=True)
            try:
                assert _wait(lambda: name in {c['name'] for c in api.get('/containers', params={'engine': engine}).json()})
                assert api.get(f'/logs/{name}', params={'engine': engine}).json()['lines'] == ['over ssh']
                stopped = api.post(f'/containers/{name}/action', params={'engine': engine},
                                   json={'action': 'stop', 'timeout': 1})
                assert stopped.status_code == 200 and stopped.json()['state'] == 'exited', stopped.text
            finally:
                there.remove(force=True)
        finally:
            api.delete(f'/engines/{engine}')


def test_updates_on_another_engine_are_checked_there_and_applied_to_its_stack(app_server, added, remote_engine,
                                                                               busybox_image, tmp_path):
    """A registry that only the remote engine reaches (127.0.0.1 of its namespace): the update check
    asks it through that engine, and the update pulls and converges the stack over there."""
    from tests.conftest import running_registry
    remote = remote_engine.client()
    stack = f'edge-upd-{secrets.token_hex(3)}'
    (tmp_path / 'registry').mkdir()
    with running_registry(tmp_path / 'registry', netns=remote_engine.namespace) as registry:
        ref = registry.push(remote, busybox_image, 'edge/app', '1')
        compose = {'services': {'app': {'image': ref, 'command': ['sleep', '600'], 'init': True}}}
        with app_server.client(timeout=120) as api:
            assert api.post('/deploy', params={'engine': ENGINE}, json={'stack': stack, 'compose': compose}
                            ).status_code == 200
            try:
                name = f'{stack}-app-1'
                first = remote.containers.get(name).image.id

                def status(engine: str) -> dict:
                    answer = api.get('/updates', params={'engine': engine, 'refresh': True})
                    assert answer.status_code == 200, answer.text
                    return {(u['engine'], u['container']): u for u in answer.json()}[(ENGINE, name)]
                assert status('all')['status'] == 'up to date'
                asked = time.monotonic()
                assert name not in {u['container'] for u in api.get('/updates').json()}   # not the local engine's

                newer, _ = remote.images.build(fileobj=io.BytesIO(f'FROM {ref}\nLABEL v=2\n'.encode()), tag=ref)
                for line in remote.images.push(ref.rsplit(':', 1)[0], tag='1', stream=True, decode=True):
                    assert 'error' not in line, line
                time.sleep(max(0.0, MIN_REFRESH_S - (time.monotonic() - asked)))   # a refresh sooner reuses the answer
                seen = status(ENGINE)
                assert seen['status'] == 'update available', seen
                assert seen['available'] != seen['running']

                wrong = api.post(f'/containers/{name}/update')                   # not a local container
                assert wrong.status_code == 404, wrong.text
                updated = api.post(f'/containers/{name}/update', params={'engine': ENGINE})
                assert updated.status_code == 200, updated.text
                assert updated.json() == {'container': name, 'stack': stack, 'updated': True, 'engine': ENGINE}
                now = remote.containers.get(name)
                assert now.image.id == newer.id != first and now.status == 'running'
                assert status(ENGINE)['status'] == 'up to date'
                records = api.get('/history', params={'stack': stack}).json()['records']
                assert [r['action'] for r in records[:2]] == ['redeploy', 'pull'], records[:2]
                assert all(r['params'].get('engine') == ENGINE for r in records[:2])
            finally:
                api.post(f'/stacks/{stack}/action', params={'engine': ENGINE}, json={'action': 'remove'})


def test_a_compose_project_on_another_engine_is_adopted_from_its_files_there(app_server, added, remote_engine,
                                                                             busybox_image, tmp_path):
    """A project made by docker-compose on the remote engine: adopting it reads its compose file,
    .env and env files through that engine (a container that never starts copies them out), never
    from this machine's disk as if it were that host's."""
    from devtools.compose_v1 import compose_v1
    remote = remote_engine.client()
    name = f'edge-legacy-{secrets.token_hex(3)}'
    folder = tmp_path / 'legacy'
    folder.mkdir()
    (folder / '.env').write_text('GREETING=hello-from-env\n')
    (folder / 'app.env').write_text('MODE=from-env-file\n')
    (folder / 'docker-compose.yml').write_text(
        f'services:\n  app:\n    image: {busybox_image}\n    command: ["sleep", "600"]\n    init: true\n'
        '    env_file: app.env\n    environment:\n      GREETING: ${GREETING}\n')
    over_tls = {'DOCKER_HOST': remote_engine.url, 'DOCKER_TLS_VERIFY': '1', 'DOCKER_CERT_PATH': str(remote_engine.folder),
                'REQUESTS_CA_BUNDLE': str(remote_engine.folder / 'ca.pem')}   # it would replace the engine's CA
    compose_v1(name, 'up', '-d', cwd=folder, env=over_tls)
    since = int(time.time()) - 1
    with app_server.client(timeout=120) as api:
        try:
            listed = {s['name']: s for s in api.get('/stacks', params={'engine': ENGINE}).json()}
            assert listed[name]['source'] == 'compose'
            assert api.post(f'/stacks/{name}/adopt').status_code == 404           # the local engine has no such project
            adopted = api.post(f'/stacks/{name}/adopt', params={'engine': ENGINE})
            assert adopted.status_code == 200, adopted.text
            assert api.get(f'/stacks/{name}', params={'engine': ENGINE}).json()['source'] == 'dockerdeployer'
            [app] = remote.containers.list(filters={'label': f'com.docker.compose.project={name}'})
            env = app.attrs['Config']['Env']
            assert 'GREETING=hello-from-env' in env and 'MODE=from-env-file' in env, env
            kept = app_server.data_dir / 'secrets' / 'engines' / ENGINE / 'stacks' / f'{name}.files'
            assert (kept / '.env').read_text() == 'GREETING=hello-from-env\n'      # env files: kept as secrets
            readers = [e for e in remote.events(since=since, until=int(time.time()) + 1, decode=True,
                                                filters={'type': 'container', 'label': 'dockerdeployer.helper'})]
            assert {e['Action'] for e in readers} >= {'create', 'destroy'}, readers   # read over there, then removed
            assert not remote.containers.list(all=True, filters={'label': 'dockerdeployer.helper'})
            record = api.get('/history', params={'stack': name}).json()['records'][0]
            assert record['params'] == {'adopted_from': str(folder), 'engine': ENGINE}, record
        finally:
            api.post(f'/stacks/{name}/action', params={'engine': ENGINE}, json={'action': 'remove'})
