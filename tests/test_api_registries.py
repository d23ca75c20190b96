"""Issue 15, private registries: a login is kept per registry (checked with the registry through
the engine first), used by pulls, stack deploys and update checks, kept in the secrets folder
with mode 0600 and never returned — against a real registry on 127.0.0.1 that asks for a login
(Debian's docker-registry with htpasswd)."""
from __future__ import annotations

import json
import secrets
import stat
import time

import docker.errors
import pytest

from deployer.service_updates import MIN_REFRESH_S

COMPOSE = '''services:
  app:
    image: {ref}
    command: ["sleep", "600"]
    init: true
'''


def _everything_said(api, stack: str | None = None) -> str:
    """Every answer a client could read about logins, the history and the stack, as one text."""
    said = [api.get('/registries').text, api.get('/history', params={'limit': 200}).text]
    if stack:
        said += [api.get(f'/stacks/{stack}').text, api.get('/containers').text]
    return '\n'.join(said)


@pytest.fixture
def forget_logins(app_server):
    yield
    with app_server.client() as api:
        for login in api.get('/registries').json():
            api.delete(f'/registries/{login["registry"]}')


def test_a_login_the_registry_refuses_is_not_kept(app_server, private_registry, forget_logins):
    registry = private_registry.host
    with app_server.client(timeout=60) as api:
        refused = api.put(f'/registries/{registry}', json={'username': private_registry.login['username'],
                                                           'password': 'not-the-password'})
        assert refused.status_code == 422, refused.text
        message = refused.json()['error']['message']
        assert f'{registry} refused the login for deployer-ci' in message and 'not-the-password' not in message
        assert api.get('/registries').json() == []
        record = api.get('/history', params={'action': 'registry.login'}).json()['records'][0]
        assert record['ok'] is False and record['target'] == registry
        assert 'not-the-password' not in json.dumps(record)
    assert not (app_server.data_dir / 'secrets' / 'registries' / 'logins.yaml').exists()


@pytest.mark.parametrize('registry', ['justaname', 'a b', 'ghcr.io%2Fx', '127.0.0.1:70000'])
def test_a_name_docker_would_not_pull_from_is_refused(app_server, registry):
    with app_server.client() as api:
        answer = api.put(f'/registries/{registry}', json={'username': 'u', 'password': 'p'})
        assert answer.status_code == 422 and answer.json()['error']['code'] == 'invalid_input', answer.text
        assert api.get('/registries').json() == []


def test_a_kept_login_pulls_a_private_image_and_is_never_returned(app_server, private_registry, make_image,
                                                                   docker_client, forget_logins):
    login = private_registry.login
    source = make_image(f'dd-img-test/private:{secrets.token_hex(3)}', layer=True)
    ref = private_registry.push(docker_client, source, f'team/app-{secrets.token_hex(3)}', '1')
    docker_client.images.remove(ref)
    with app_server.client(timeout=60) as api:
        before = api.post('/images/pull', json={'image': ref})              # no login yet: refused, said why
        assert before.status_code == 424, before.text
        assert 'refused access' in before.json()['error']['message']

        kept = api.put(f'/registries/http://{private_registry.host}/', json=login)   # as pasted from a browser
        assert kept.status_code == 200, kept.text
        assert kept.json()['registry'] == private_registry.host and kept.json()['username'] == login['username']
        listed = api.get('/registries').json()
        assert [(r['registry'], r['username']) for r in listed] == [(private_registry.host, login['username'])]

        pulled = api.post('/images/pull', json={'image': ref})
        assert pulled.status_code == 200, pulled.text
        assert pulled.json()['status'] == 'pulled'
        assert docker_client.images.get(ref).id == pulled.json()['id']

        assert login['password'] not in _everything_said(api)
        record = api.get('/history', params={'action': 'registry.login'}).json()['records'][0]
        assert record['ok'] is True and record['params']['username'] == login['username']

        file = app_server.data_dir / 'secrets' / 'registries' / 'logins.yaml'
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        assert login['password'] in file.read_text()
        config = app_server.data_dir / 'config'
        assert not any(login['password'] in p.read_text(errors='ignore') for p in config.rglob('*') if p.is_file()
                       and '.git' not in p.parts)

        forgotten = api.delete(f'/registries/{private_registry.host}')
        assert forgotten.status_code == 200 and api.get('/registries').json() == []
        docker_client.images.remove(ref, force=True)
        after = api.post('/images/pull', json={'image': ref})                # forgotten: refused again
        assert after.status_code == 424, after.text
        assert api.delete(f'/registries/{private_registry.host}').status_code == 404
    with pytest.raises(docker.errors.ImageNotFound):
        docker_client.images.get(ref)


def test_a_stack_deploys_and_updates_from_a_private_registry(app_server, private_registry, make_image, docker_client,
                                                             forget_logins):
    login = private_registry.login
    repository = f'team/svc-{secrets.token_hex(3)}'
    first = make_image(f'dd-img-test/private-upd:{secrets.token_hex(3)}', note='first', layer=True)
    ref = private_registry.push(docker_client, first, repository, 'stable')
    docker_client.images.remove(ref)
    docker_client.images.remove(first, force=True)          # the deploy has to pull it, with the login
    stack = f'priv-{secrets.token_hex(3)}'
    with app_server.client(timeout=120) as api:
        refused = api.post('/deploy', json={'stack': stack, 'compose': COMPOSE.format(ref=ref)})   # no login yet
        assert refused.status_code == 409, refused.text
        assert f'keep a login for {private_registry.host}' in refused.json()['error']['message']
        assert not docker_client.containers.list(all=True, filters={'name': stack})
        assert api.put(f'/registries/{private_registry.host}', json=login).status_code == 200
        try:
            deployed = api.post('/deploy', json={'stack': stack, 'compose': COMPOSE.format(ref=ref)})
            assert deployed.status_code == 200, deployed.text
            container = f'{stack}-app-1'
            assert docker_client.containers.get(container).status == 'running'

            status = next(u for u in api.get('/updates', params={'refresh': 'true'}).json() if u['container'] == container)
            assert status['status'] == 'up to date', status     # the registry was asked with the login

            second = make_image(f'dd-img-test/private-upd:{secrets.token_hex(3)}', note='second', layer=True)
            private_registry.push(docker_client, second, repository, 'stable')
            docker_client.api.pull(f'{private_registry.host}/{repository}@{status["running"]}', auth_config=login)
            time.sleep(MIN_REFRESH_S + 0.1)
            seen = next(u for u in api.get('/updates', params={'refresh': 'true'}).json() if u['container'] == container)
            assert seen['status'] == 'update available', seen
            updated = api.post(f'/containers/{container}/update')
            assert updated.status_code == 200, updated.text
            assert docker_client.containers.get(container).image.id == second

            api.delete(f'/registries/{private_registry.host}')
            time.sleep(MIN_REFRESH_S + 0.1)
            unknown = next(u for u in api.get('/updates', params={'refresh': 'true'}).json() if u['container'] == container)
            assert unknown['status'] == 'unknown' and unknown['reason'], unknown   # no login: cannot ask, not an error
            assert login['password'] not in _everything_said(api, stack)
        finally:
            api.post(f'/stacks/{stack}/action', json={'action': 'remove'})
