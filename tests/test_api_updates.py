"""Issue 15, update checks, for real: a stack runs an image pulled from a registry on 127.0.0.1;
a new build is pushed under the same tag; the check compares what the container runs (its image's
digest) with what the registry serves now, says "update available", and the update pulls and
converges the stack — after which the container runs the new digest and the check is "up to date"."""
from __future__ import annotations

import secrets
import time

from deployer.service_updates import MIN_REFRESH_S

COMPOSE = '''services:
  app:
    image: {ref}
    command: ["sleep", "600"]
    init: true
'''


def _status(api, container: str, refresh: bool = True) -> dict:
    answer = api.get('/updates', params={'refresh': str(refresh).lower()})
    assert answer.status_code == 200, answer.text
    return next(u for u in answer.json() if u['container'] == container)


def test_an_update_is_seen_by_digest_then_applied_through_the_stack(app_server, local_registry, make_image,
                                                                      docker_client):
    repository = f'dd/update-{secrets.token_hex(3)}'
    first = make_image(f'dd-img-test/update-src:{secrets.token_hex(3)}', note='first', layer=True)
    ref = local_registry.push(docker_client, first, repository, '1')
    stack = f'upd-{secrets.token_hex(3)}'
    with app_server.client(timeout=120) as api:
        deployed = api.post('/deploy', json={'stack': stack, 'compose': COMPOSE.format(ref=ref)})
        assert deployed.status_code == 200, deployed.text
        try:
            container = f'{stack}-app-1'
            before = _status(api, container)
            assert before['status'] == 'up to date', before
            assert before['image'] == ref and before['stack'] == stack
            assert before['running'] == before['available'] and before['running'].startswith('sha256:')

            second = make_image(f'dd-img-test/update-src:{secrets.token_hex(3)}', note='second', layer=True)
            local_registry.push(docker_client, second, repository, '1')      # the same tag, a new build
            # pushing from this engine moved its digest reference to the new build; on a real host the image
            # a container runs keeps the digest it was pulled by: pull that one by digest to say so again
            docker_client.api.pull(f'{local_registry.host}/{repository}@{before["running"]}')
            cached = _status(api, container, refresh=False)                   # within the hour: the cached answer
            assert cached['status'] == 'up to date', (cached, docker_client.images.get(first).attrs['RepoDigests'])
            time.sleep(MIN_REFRESH_S + 0.1)                                  # a refresh sooner reuses the answer
            seen = _status(api, container)
            assert seen['status'] == 'update available' and seen['available'] != seen['running']
            asked = api.post('/nlp/run', json={'command': 'which containers have updates?'})   # the assistant reads it
            assert asked.status_code == 200, asked.text
            assert [r['name'] for r in asked.json()['results'][0]['data']['rows']] == [container]

            updated = api.post(f'/containers/{container}/update')
            assert updated.status_code == 200, updated.text
            assert docker_client.containers.get(container).image.id == second
            after = _status(api, container)
            assert after['status'] == 'up to date' and after['running'] == seen['available'], after
            actions = [r['action'] for r in api.get('/history', params={'stack': stack}).json()['records'][:2]]
            assert actions == ['redeploy', 'pull']
        finally:
            api.post(f'/stacks/{stack}/action', json={'action': 'remove'})


def test_what_cannot_be_compared_is_unknown_with_the_reason(app_server, make_container):
    container = make_container(command=['sleep', '300'])          # the test image is built here: no registry digest
    with app_server.client() as api:
        status = _status(api, container.name)
        assert status['status'] == 'unknown' and status['reason']
        refused = api.post(f'/containers/{container.name}/update')
        assert refused.status_code == 409 and 'not part of a stack' in refused.json()['error']['message']
