"""GET /containers answers from the event-fed cache: changes made elsewhere and through the app show
at once (the list waits for every event received before the request), and status texts age."""
from __future__ import annotations

import re
import secrets
import time

import pytest

from tests.conftest import TEST_LABEL


@pytest.fixture(scope='module')
def api(app_server):
    with app_server.client() as client:
        yield client


def _rows(api) -> dict[str, dict]:
    response = api.get('/containers')
    assert response.status_code == 200, response.text
    return {row['id']: row for row in response.json()}


def test_containers_made_and_removed_elsewhere_show_in_the_very_next_list(api, docker_client, busybox_image):
    """No polling: 15 times, a container is created, started and removed with the Docker SDK and the
    list right after each step shows it."""
    for _ in range(15):
        container = docker_client.containers.create(busybox_image, ['sleep', '60'], init=True,
                                                    name=f'ddtest-cache-{secrets.token_hex(4)}',
                                                    labels={TEST_LABEL: '1'})
        try:
            assert _rows(api)[container.id]['state'] == 'created'
            container.start()
            row = _rows(api)[container.id]
            assert row['state'] == 'running' and row['status'].startswith('Up'), row
        finally:
            container.remove(force=True)
        assert container.id not in _rows(api)


def test_an_action_through_the_app_shows_in_the_next_list(api, make_container):
    container = make_container(command=['sleep', '60'])
    response = api.post(f'/containers/{container.id}/action', json={'action': 'stop', 'timeout': 1})
    assert response.status_code == 200, response.text
    row = _rows(api)[container.id]
    assert row['state'] == 'exited' and row['status'].startswith('Exited ('), row
    assert api.post(f'/containers/{container.id}/action', json={'action': 'start'}).status_code == 200
    assert _rows(api)[container.id]['state'] == 'running'
    assert api.post(f'/containers/{container.id}/action', json={'action': 'remove', 'force': True}).status_code == 200
    assert container.id not in _rows(api)


def test_status_texts_are_computed_when_asked_not_when_cached(api, make_container):
    container = make_container(command=['sleep', '60'])
    first = _rows(api)[container.id]['status']
    time.sleep(2.2)
    later = _rows(api)[container.id]['status']
    seconds = [int(m.group(1)) if (m := re.match(r'Up (\d+) seconds?', text)) else 0 for text in (first, later)]
    assert later != first and seconds[1] >= seconds[0] + 2, (first, later)


def test_filters_match_the_engines(api, docker_client, make_container):
    running = make_container(command=['sleep', '60'])
    created = make_container(command=['sleep', '60'], start=False)
    for params, engine_filter in (({'status': 'running'}, {'status': 'running'}),
                                  ({'status': 'created'}, {'status': 'created'}),
                                  ({'all': 'false'}, None)):
        ours = {row['id'] for row in api.get('/containers', params=params).json()}
        engine = {c.id for c in docker_client.containers.list(all=engine_filter is not None, filters=engine_filter or {})}
        assert ours == engine, params
    assert running.id in ours and created.id not in ours


def test_responses_say_how_long_the_app_took(api):
    timing = api.get('/containers').headers.get('server-timing', '')
    assert re.fullmatch(r'app;dur=\d+\.\d', timing), timing


def test_a_remote_engine_is_listed_by_the_engine_not_the_cache():
    """The events window is in this machine's time: over TCP the engine's clock may differ."""
    from deployer.bus import EventBus
    from deployer.engine import Engine
    from deployer.watcher import Watcher
    remote = Engine('tcp://127.0.0.1:9')
    local = Engine('unix:///run/some.sock')
    assert (remote.is_local, local.is_local) == (False, True)
    watcher = Watcher(remote, EventBus())
    watcher._warm = True  # as if connected: still no cache for a remote engine
    assert watcher.current() is None


def test_a_container_whose_engine_goes_away_is_kept_as_last_seen_not_dropped():
    """dockerd stopping sends its containers' "die" events and then no longer answers: the inspect after
    the event fails with the engine gone (a closed port here, through the real client), and the container
    stays, exited, as last seen — a dashboard marks its row "engine unreachable" instead of losing it."""
    from deployer.bus import EventBus
    from deployer.engine import Engine
    from deployer.models import ContainerSummary
    from deployer.watcher import Watcher
    bus = EventBus()
    seen = []
    bus.containers.subscribe(seen.append)
    watcher = Watcher(Engine('tcp://127.0.0.1:9'), bus, engine_id='edge')
    cid = 'a' * 64
    watcher.containers[cid] = ContainerSummary(cid, cid[:12], 'edge-app', 'busybox', 'running', 'Up 2 minutes', None,
                                               0.0, None, [], None, None, {}, engine='edge')
    watcher._handle({'Type': 'container', 'Action': 'die', 'id': cid, 'Actor': {'ID': cid, 'Attributes': {
        'name': 'edge-app', 'exitCode': '143'}}, 'time': time.time()})
    assert [(e.kind, e.container.state if e.container else None) for e in seen] == [('died', 'exited')]
    assert watcher.containers[cid].state == 'exited'
