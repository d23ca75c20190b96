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
    assert counts['total'] >= counts['running'] + counts['paused'] + counts['stopped'] - 5  # others may race
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


async def test_events_stream_container_changes_as_they_happen(app_server, make_container):
    headers = {'Authorization': f'Bearer {app_server.token}'}
    async with httpx.AsyncClient(base_url=app_server.base_url, headers=headers, timeout=10) as client, \
            client.stream('GET', '/events') as response:
        assert response.status_code == 200
        assert response.headers['content-type'].startswith('text/event-stream')
        reader = EventReader(response)
        try:
            event_type, engine = await reader.next(timeout=5)
            assert event_type == 'engine'
            assert engine['reachable'] is True

            container, at = await _timed(make_container, start=False)
            created = await reader.expect('created', container.id, since=at)
            assert created['name'] == container.name
            assert created['container']['state'] == 'created'

            _, at = await _timed(container.start)
            started = await reader.expect('started', container.id, since=at)
            assert started['container']['state'] == 'running'
            assert abs(started['time'] - time.time()) < 5

            with httpx.Client(base_url=app_server.base_url, headers=headers, timeout=10) as api:
                response_pause, at = await _timed(api.post, f'/containers/{container.id}/action',
                                                  json={'action': 'pause'})
                assert response_pause.status_code == 200
                paused = await reader.expect('paused', container.id, since=at)
                assert paused['container']['state'] == 'paused'
                response_unpause, at = await _timed(api.post, f'/containers/{container.id}/action',
                                                    json={'action': 'unpause'})
                assert response_unpause.status_code == 200
                await reader.expect('unpaused', container.id, since=at)

            _, at = await _timed(container.stop, timeout=1)
            died = await reader.expect('died', container.id, since=at)
            assert died['exit_code'] == 143  # SIGTERM, passed on by init
            stopped = await reader.expect('stopped', container.id, since=at)
            assert stopped['container']['state'] == 'exited'

            _, at = await _timed(container.remove)
            removed = await reader.expect('removed', container.id, since=at)
            assert removed['container'] is None
            assert removed['name'] == container.name
        finally:
            await reader.close()

    wanted = ('created', 'started', 'paused', 'unpaused', 'died', 'stopped', 'removed')
    assert [k for k in reader.kinds(container.id) if k in wanted] == list(wanted)
