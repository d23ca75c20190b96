"""Issue 15, volumes and networks through the REST API of the running app, on the real engine:
list with who uses what, create (a bind volume only inside the allowed folders), remove (refused
while used), prune, connect and disconnect. Every change is a history record; bad input changes
nothing; read-only refuses."""
from __future__ import annotations

import secrets

import docker.errors
import pytest

from devtools.apprun import running_app


def _history(api, action: str) -> list[dict]:
    response = api.get('/history', params={'action': action})
    assert response.status_code == 200, response.text
    return response.json()['records']


def _volumes(api, **params) -> dict[str, dict]:
    response = api.get('/volumes', params=params)
    assert response.status_code == 200, response.text
    return {v['name']: v for v in response.json()}


def _networks(api) -> dict[str, dict]:
    response = api.get('/networks')
    assert response.status_code == 200, response.text
    return {n['name']: n for n in response.json()}


def test_a_volume_is_created_listed_with_its_users_and_removed_once_unused(app_server, make_container, docker_client):
    name = f'dd-vol-{secrets.token_hex(3)}'
    with app_server.client() as api:
        created = api.post('/volumes', json={'name': name, 'labels': {'team': 'ops'}})
        assert created.status_code == 200, created.text
        assert created.json()['driver'] == 'local' and created.json()['in_use'] is False
        container = make_container(command=['sh', '-c', 'echo hi > /data/f; sleep 300'], volumes={name: {'bind': '/data'}})
        listed = _volumes(api)[name]
        assert listed['containers'] == [container.name] and listed['in_use'] is True
        assert name not in _volumes(api, unused='true')
        refused = api.delete(f'/volumes/{name}')
        assert refused.status_code == 409 and container.name in refused.json()['error']['message']
        assert docker_client.volumes.get(name).name == name           # still there
        container.remove(force=True)
        removed = api.delete(f'/volumes/{name}')
        assert removed.status_code == 200, removed.text
        with pytest.raises(docker.errors.NotFound):
            docker_client.volumes.get(name)
        assert [r['ok'] for r in _history(api, 'volume.remove')[:2]] == [True, False]
        assert _history(api, 'volume.create')[0]['target'] == name
        again = api.delete(f'/volumes/{name}')
        assert again.status_code == 404


def test_a_bind_volume_outside_the_allowed_folders_is_refused(app_server, docker_client):
    name = f'dd-vol-bind-{secrets.token_hex(3)}'
    with app_server.client() as api:
        for device in ('/etc', '/', '/var/run/docker.sock'):
            refused = api.post('/volumes', json={'name': name, 'options': {'type': 'none', 'o': 'bind', 'device': device}})
            assert refused.status_code == 403, refused.text
            assert refused.json()['error']['code'] == 'forbidden' and 'refused by policy' in refused.json()['error']['message']
        with pytest.raises(docker.errors.NotFound):
            docker_client.volumes.get(name)
        for bad in ({'name': '../x'}, {'name': ''}, {'name': 'a b'}, {'name': 'x', 'extra': 1}):
            assert api.post('/volumes', json=bad).status_code == 422


def test_prune_removes_unused_volumes_and_keeps_used_ones(app_server, make_container, docker_client):
    unused, used = f'dd-vol-unused-{secrets.token_hex(3)}', f'dd-vol-used-{secrets.token_hex(3)}'
    docker_client.volumes.create(unused)
    docker_client.volumes.create(used)
    container = make_container(command=['sleep', '300'], volumes={used: {'bind': '/data'}})
    with app_server.client() as api:
        answer = api.post('/volumes/prune')
        assert answer.status_code == 200, answer.text
        assert unused in answer.json()['deleted'] and used not in answer.json()['deleted']
        names = _volumes(api)
        assert unused not in names and names[used]['containers'] == [container.name]
    container.remove(force=True)
    docker_client.volumes.get(used).remove()


def test_a_network_is_created_connected_disconnected_and_removed(app_server, make_container, docker_client):
    name = f'dd-net-{secrets.token_hex(3)}'
    container = make_container(command=['sleep', '300'])
    with app_server.client() as api:
        created = api.post('/networks', json={'name': name, 'internal': True, 'subnet': '10.213.250.0/24'})
        assert created.status_code == 200, created.text
        assert created.json()['subnets'] == ['10.213.250.0/24'] and created.json()['internal'] is True
        connected = api.post(f'/networks/{name}/connect', json={'container': container.name})
        assert connected.status_code == 200, connected.text
        assert connected.json()['containers'] == [container.name]
        container.reload()
        assert name in container.attrs['NetworkSettings']['Networks']
        refused = api.delete(f'/networks/{name}')
        assert refused.status_code == 409 and container.name in refused.json()['error']['message']
        twice = api.post(f'/networks/{name}/connect', json={'container': container.name})
        assert twice.status_code == 409
        disconnected = api.post(f'/networks/{name}/disconnect', json={'container': container.name})
        assert disconnected.status_code == 200 and disconnected.json()['containers'] == []
        removed = api.delete(f'/networks/{name}')
        assert removed.status_code == 200, removed.text
        assert name not in _networks(api)
        with pytest.raises(docker.errors.NotFound):
            docker_client.networks.get(name)
        records = [r for r in api.get('/history', params={'limit': 50}).json()['records'] if r['target'].startswith(name)]
        assert [(r['action'], r['ok']) for r in records[:6]] == [
            ('network.remove', True), ('network.disconnect', True), ('network.connect', False),
            ('network.remove', False), ('network.connect', True), ('network.create', True)]


def test_the_engines_own_networks_stay_and_bad_input_changes_nothing(app_server):
    with app_server.client() as api:
        networks = _networks(api)
        assert networks['bridge']['predefined'] is True
        for own in ('bridge', 'host', 'none'):
            answer = api.delete(f'/networks/{own}')
            assert answer.status_code == 409 and 'engine' in answer.json()['error']['message']
        before = set(_networks(api))
        for bad in ({'name': 'x', 'subnet': '10.0.0.1/33'}, {'name': 'x', 'driver': 'weird'}, {'name': '-x'}):
            answer = api.post('/networks', json=bad)
            assert answer.status_code == 422, answer.text
        assert set(_networks(api)) == before
        assert api.post('/networks/nope-none/connect', json={'container': 'x'}).status_code == 404


def test_read_only_refuses_changes_to_volumes_and_networks(docker_client):
    with running_app(env={'DEPLOYER_READ_ONLY': '1'}, prefix='dd-ro-vol-') as app, app.client() as api:
        assert api.get('/volumes').status_code == 200 and api.get('/networks').status_code == 200
        for response in (api.post('/volumes', json={'name': 'dd-ro-v'}), api.post('/volumes/prune'),
                         api.post('/networks', json={'name': 'dd-ro-n'})):
            assert response.status_code == 403 and response.json()['error']['code'] == 'forbidden'
    with pytest.raises(docker.errors.NotFound):
        docker_client.volumes.get('dd-ro-v')
    with pytest.raises(docker.errors.NotFound):
        docker_client.networks.get('dd-ro-n')
