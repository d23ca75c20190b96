"""GET /status (engine, host and live per-container figures) and GET /events (SSE)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time

import httpx


def _status(api) -> tuple[dict, float]:
    started = time.monotonic()
    response = api.get('/status')
    elapsed = time.monotonic() - started
    assert response.status_code == 200, response.text
    return response.json(), elapsed


def test_status_reports_engine_host_and_running_containers(app_server, make_container, docker_client):
    containers = [make_container() for _ in range(3)]
    ids = {c.id for c in containers}
    with app_server.client() as api:
        deadline = time.monotonic() + 5  # the figures come from stats streams opened in the background
        while True:
            status, elapsed = _status(api)
            figures = {row['id']: row for row in status['containers']}
            if (ids <= set(figures) and status['engine']['disk_usage'] is not None) or time.monotonic() > deadline:
                break
            time.sleep(0.2)

    version, info = docker_client.version(), docker_client.info()
    engine = status['engine']
    assert (engine['version'], engine['api_version']) == (version['Version'], version['ApiVersion'])
    assert (engine['os'], engine['storage_driver']) == (info['OperatingSystem'], info['Driver'])
    counts = engine['containers']
    assert counts['running'] >= 3
    assert counts['total'] == counts['running'] + counts['paused'] + counts['stopped']
    assert engine['images'] >= 1
    assert engine['disk_usage']['images'] > 0

    host = status['host']
    assert host['cpus'] == os.cpu_count()
    assert len(host['load']) == 3
    assert host['memory']['total'] > host['memory']['used'] > 0
    assert host['disk']['total'] > host['disk']['free'] > 0
    assert host['disk']['path'] == str(app_server.data_dir)

    assert ids <= set(figures), f'no figures for {ids - set(figures)} after 5 s'
    for container in containers:
        row = figures[container.id]
        assert row['name'] == container.name
        assert row['cpu_percent'] >= 0
        assert 0 < row['memory_usage'] < row['memory_limit']
        assert 0 <= row['memory_percent'] <= 100
        assert abs(row['read_at'] - time.time()) < 10
    assert elapsed < 1.0  # answered from the background figures, not from a fresh stats call

    totals = status['totals']   # what the running containers use together, against the engine's machine
    assert (totals['cpus'], totals['memory_total']) == (info['NCPU'], info['MemTotal'])
    assert totals['measured'] == len(status['containers']) <= totals['running'] == counts['running']
    assert totals['memory_usage'] == sum(row['memory_usage'] for row in status['containers'])
    assert abs(totals['cpu_percent'] - sum(row['cpu_percent'] for row in status['containers'])) < 0.05


def test_status_drops_a_container_once_it_stops(app_server, make_container):
    container = make_container()
    with app_server.client() as api:
        deadline = time.monotonic() + 5
        while container.id not in {row['id'] for row in _status(api)[0]['containers']}:
            assert time.monotonic() < deadline, 'the running container never got figures'
            time.sleep(0.2)
        container.stop(timeout=1)
        deadline = time.monotonic() + 3
        while container.id in {row['id'] for row in _status(api)[0]['containers']}:
            assert time.monotonic() < deadline, 'the stopped container still has figures'
            time.sleep(0.1)


# ---- GET /events ------------------------------------------------------------------------------

class EventReader:
    """Reads an SSE response in a task; ``expect`` waits for one container event."""

    def __init__(self, response: httpx.Response) -> None:
        self.queue: asyncio.Queue[tuple[str, dict]] = asyncio.Queue()
        self.seen: list[dict] = []
        self.task = asyncio.create_task(self._read(response))

    async def _read(self, response: httpx.Response) -> None:
        kind = 'message'
        async for line in response.aiter_lines():
            if line.startswith('event: '):
                kind = line.removeprefix('event: ')
            elif line.startswith('data: '):
                await self.queue.put((kind, json.loads(line.removeprefix('data: '))))

    async def next(self, timeout: float) -> tuple[str, dict]:
        return await asyncio.wait_for(self.queue.get(), timeout)

    async def expect(self, kind: str, container_id: str, *, since: float, within: float = 1.0) -> dict:
        """The next ``kind`` event of this container, arriving at most ``within`` s after ``since``."""
        while True:
            remaining = since + within - time.monotonic()
            try:
                event_type, data = await self.next(max(remaining, 0.001))
            except asyncio.TimeoutError:
                raise AssertionError(f'no {kind!r} event within {within} s; saw {self.kinds(container_id)}') from None
            if event_type == 'container' and data['id'] == container_id:
                self.seen.append(data)
                if data['kind'] == kind:
                    return data

    def kinds(self, container_id: str) -> list[str]:
        return [e['kind'] for e in self.seen if e['id'] == container_id]

    async def close(self) -> None:
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task


async def _timed(fn, *args, **kwargs):
    """Run a blocking SDK or HTTP call off the loop; returns its result and when it returned."""
    result = await asyncio.to_thread(fn, *args, **kwargs)
    return result, time.monotonic()


@contextlib.asynccontextmanager
async def _events(app_server):
    headers = {'Authorization': f'Bearer {app_server.token}'}
    async with httpx.AsyncClient(base_url=app_server.base_url, headers=headers, timeout=10) as client, \
            client.stream('GET', '/events') as response:
        assert response.status_code == 200
        assert response.headers['content-type'].startswith('text/event-stream')
        reader = EventReader(response)
        try:
            event_type, engine = await reader.next(timeout=5)
            assert event_type == 'engine'  # the stream opens with the engine's state
            assert engine['reachable'] is True
            yield reader
        finally:
            await reader.close()


async def test_events_stream_container_changes_as_they_happen(app_server, make_container):
    async with _events(app_server) as reader:
        container, at = await _timed(make_container, start=False)
        created = await reader.expect('created', container.id, since=at)
        assert created['name'] == container.name
        assert created['container']['state'] == 'created'

        _, at = await _timed(container.start)
        started = await reader.expect('started', container.id, since=at)
        assert started['container']['state'] == 'running'
        assert abs(started['time'] - time.time()) < 5

        _, at = await _timed(container.stop, timeout=1)
        died = await reader.expect('died', container.id, since=at)
        assert died['exit_code'] == 143  # SIGTERM, passed on by init
        stopped = await reader.expect('stopped', container.id, since=at)
        assert stopped['container']['state'] == 'exited'

        _, at = await _timed(container.remove)
        removed = await reader.expect('removed', container.id, since=at)
        assert removed['container'] is None
        assert removed['name'] == container.name

    wanted = ('created', 'started', 'died', 'stopped', 'removed')
    assert [k for k in reader.kinds(container.id) if k in wanted] == list(wanted)


async def test_pause_and_unpause_events_carry_the_new_state(app_server, make_container):
    """What the dashboard shows comes from these events: a paused container must not read 'running'."""
    container = make_container()
    headers = {'Authorization': f'Bearer {app_server.token}'}
    async with _events(app_server) as reader:
        with httpx.Client(base_url=app_server.base_url, headers=headers, timeout=10) as api:
            for _ in range(3):
                for action, kind, state in (('pause', 'paused', 'paused'), ('unpause', 'unpaused', 'running')):
                    response, at = await _timed(api.post, f'/containers/{container.id}/action',
                                                json={'action': action})
                    assert response.status_code == 200
                    assert response.json()['state'] == state
                    event = await reader.expect(kind, container.id, since=at)
                    assert event['container']['state'] == state, f'{kind} event says {event["container"]["state"]}'
    assert [k for k in reader.kinds(container.id) if k in ('paused', 'unpaused')] == ['paused', 'unpaused'] * 3


async def test_a_container_that_exits_by_itself_is_reported_exited(app_server, make_container):
    """No `stop` event follows when a process ends on its own: the `died` event must say so."""
    async with _events(app_server) as reader:
        container, at = await _timed(make_container, command=['sh', '-c', 'sleep 0.3; exit 3'])
        await reader.expect('started', container.id, since=at, within=2)
        died = await reader.expect('died', container.id, since=at, within=3)
    assert died['exit_code'] == 3
    assert died['container']['state'] == 'exited', 'the dashboard would keep showing it as running'
