"""Issue 15, images: list, pull with per-layer progress (from a real registry on 127.0.0.1),
remove (refused while used), prune (dangling only) — through the REST API of the running app,
on the real engine. Every change is a history record; bad input changes nothing."""
from __future__ import annotations

import json
import secrets

import docker.errors
import pytest

from devtools.apprun import running_app


def _images(api, **params) -> dict[str, dict]:
    response = api.get('/images', params=params)
    assert response.status_code == 200, response.text
    return {image['id']: image for image in response.json()}


def _history(api, action: str) -> list[dict]:
    response = api.get('/history', params={'action': action})
    assert response.status_code == 200, response.text
    return response.json()['records']


def test_the_list_shows_tags_size_and_the_containers_that_use_each(app_server, make_image, make_container):
    tag = f'dd-img-test/listed:{secrets.token_hex(3)}'
    image_id = make_image(tag)
    container = make_container(image=tag, command=['sleep', '300'])
    with app_server.client() as api:
        image = _images(api)[image_id]
        assert image['tags'] == [tag]
        assert image['size'] > 1_000_000          # busybox-static is ~1-2 MB
        assert image['containers'] == [container.name] and image['in_use'] is True
        assert image['dangling'] is False
        assert image_id not in _images(api, unused='true')
        assert api.get(f'/images/{tag}').json()['id'] == image_id


def test_removing_an_image_in_use_is_refused_until_its_container_is_gone(app_server, make_image, make_container,
                                                                        docker_client):
    tag = f'dd-img-test/used:{secrets.token_hex(3)}'
    image_id = make_image(tag)
    container = make_container(image=tag, command=['sleep', '300'])
    with app_server.client() as api:
        refused = api.delete(f'/images/{tag}')
        assert refused.status_code == 409
        assert refused.json()['error']['code'] == 'conflict'
        assert container.name in refused.json()['error']['message']
        assert docker_client.images.get(tag).id == image_id          # nothing changed
        container.remove(force=True)
        removed = api.delete(f'/images/{tag}')
        assert removed.status_code == 200, removed.text
        assert removed.json()['untagged'] == [tag] and image_id in removed.json()['deleted']
        assert api.get(f'/images/{tag}').status_code == 404
        records = _history(api, 'image.remove')
        assert [(r['target'], r['ok']) for r in records[:2]] == [(tag, True), (tag, False)]


def test_removing_one_of_two_tags_only_untags(app_server, make_image, docker_client):
    first, second = f'dd-img-test/two:a{secrets.token_hex(3)}', f'dd-img-test/two:b{secrets.token_hex(3)}'
    image_id = make_image(first)
    docker_client.images.get(first).tag(*second.split(':'))
    with app_server.client() as api:
        answer = api.delete(f'/images/{second}')
        assert answer.status_code == 200, answer.text
        assert answer.json() == {'image': second, 'untagged': [second], 'deleted': []}
        assert _images(api)[image_id]['tags'] == [first]


def test_prune_removes_dangling_images_and_keeps_tagged_ones(app_server, make_image):
    tag = f'dd-img-test/pruned:{secrets.token_hex(3)}'
    old = make_image(tag, note='first build')
    new = make_image(tag, note='second build')    # takes the tag: the first build is left dangling
    with app_server.client() as api:
        before = _images(api)
        assert before[old]['dangling'] is True and before[old]['tags'] == []
        assert old in _images(api, dangling='true') and new not in _images(api, dangling='true')
        answer = api.post('/images/prune')
        assert answer.status_code == 200, answer.text
        assert old in answer.json()['deleted'] and answer.json()['space_reclaimed'] >= 0
        after = _images(api)
        assert old not in after and after[new]['tags'] == [tag]
        assert _history(api, 'image.prune')[0]['ok'] is True


def _sse(response) -> list[tuple[str, dict]]:
    events, name = [], None
    for line in response.iter_lines():
        if line.startswith('event: '):
            name = line.removeprefix('event: ')
        elif line.startswith('data: '):
            events.append((name, json.loads(line.removeprefix('data: '))))
    return events


def test_pull_from_a_registry_reports_each_layer_then_the_image(app_server, local_registry, make_image, docker_client):
    source = make_image(f'dd-img-test/pushed:{secrets.token_hex(3)}', layer=True)
    ref = local_registry.push(docker_client, source, f'dd/pull-{secrets.token_hex(3)}', '1.0')
    docker_client.images.remove(ref)
    docker_client.images.remove(source, force=True)            # the engine holds no layer of it any more
    with app_server.client(timeout=60) as api:
        with api.stream('POST', '/images/pull', json={'image': ref}, headers={'accept': 'text/event-stream'}) as stream:
            assert stream.status_code == 200
            events = _sse(stream)
        kinds = [kind for kind, _ in events]
        assert kinds[-1] == 'result' and 'progress' in kinds
        progress = [data for kind, data in events if kind == 'progress']
        layers = {layer['id']: layer for step in progress for layer in step['layers']}
        assert any(layer['total'] and layer['total'] > 100_000 for layer in layers.values())   # its own layer, downloaded
        assert all(layer['status'] in ('Pull complete', 'Already exists') for layer in progress[-1]['layers'])
        assert progress[-1]['finished'] is True and progress[-1]['fraction'] == 1.0
        result = events[-1][1]
        assert result['image'] == ref and result['status'] == 'pulled' and result['layers'] >= 1
        assert result['digest'].startswith('sha256:')
        assert docker_client.images.get(ref).id == result['id']
        again = api.post('/images/pull', json={'image': ref})      # already here: said so, nothing pulled
        assert again.status_code == 200 and again.json()['status'] == 'up to date'
        assert [r['target'] for r in _history(api, 'image.pull')[:2]] == [ref, ref]
    docker_client.images.remove(ref, force=True)


def test_a_pull_that_fails_says_why_and_changes_nothing(app_server, local_registry, docker_client):
    missing = f'{local_registry.host}/dd/missing:{secrets.token_hex(3)}'
    with app_server.client(timeout=60) as api:
        answer = api.post('/images/pull', json={'image': missing})
        assert answer.status_code == 424
        error = answer.json()['error']
        assert error['code'] == 'pull_failed' and 'no such image or tag' in error['message']
        with pytest.raises(docker.errors.ImageNotFound):
            docker_client.images.get(missing)
        assert _history(api, 'image.pull')[0]['ok'] is False


@pytest.mark.parametrize('ref', ['', 'UPPER/case', 'nginx:', 'a b', 'x' * 300, 'nginx:1.27; rm -rf /', '../etc'])
def test_a_bad_reference_is_refused_before_the_engine_is_asked(app_server, ref):
    with app_server.client() as api:
        answer = api.post('/images/pull', json={'image': ref})
        assert answer.status_code == 422, answer.text
        assert answer.json()['error']['code'] == 'invalid_input'


def test_read_only_refuses_every_change_to_images(docker_client, make_image):
    tag = f'dd-img-test/ro:{secrets.token_hex(3)}'
    image_id = make_image(tag)
    with running_app(env={'DEPLOYER_READ_ONLY': '1'}, prefix='dd-ro-images-') as app, app.client() as api:
        assert tag in _images(api)[image_id]['tags']                  # reading is allowed
        for response in (api.post('/images/pull', json={'image': tag}), api.delete(f'/images/{tag}'),
                         api.post('/images/prune')):
            assert response.status_code == 403 and response.json()['error']['code'] == 'forbidden'
    assert docker_client.images.get(tag).id == image_id


def test_the_assistant_lists_the_images_of_one_software(app_server, make_image):
    suffix = secrets.token_hex(3)
    wanted, other = f'dd-img-test/ref{suffix}:1', f'dd-img-test/other{suffix}:1'
    wanted_id, other_id = make_image(wanted), make_image(other, note='another build')
    with app_server.client() as api:
        asked = api.post('/nlp/run', json={'command': f'which dd-img-test/ref{suffix} images do we have?'})
        assert asked.status_code == 200, asked.text
        assert asked.json()['plan']['actions'] == [{'type': 'list', 'kind': 'images', 'filters': {
            'reference': f'dd-img-test/ref{suffix}'}}]
        rows = asked.json()['results'][0]['data']['rows']
        assert [r['tags'] for r in rows] == [[wanted]]
        assert {wanted_id, other_id} <= set(_images(api))   # both are here: the answer is the one asked about
