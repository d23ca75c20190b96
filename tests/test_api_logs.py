"""GET /logs/{id}: tail, timestamps, grep, since/until, format=text and follow=true (SSE)."""

from __future__ import annotations

import os
import re
import secrets
import time
from datetime import datetime, timezone

import docker.errors
import pytest

TEST_LABEL = 'dockerdeployer.test'
EARLY = [f'early {i}' for i in range(1, 11)]
LATE = [f'late {i}' for i in range(1, 6)]
ALL = [*EARLY, 'ERROR disk full', 'warn: Disk almost full', *LATE]
STORY = ('for i in $(seq 1 10); do echo "early $i"; done; echo "ERROR disk full"; sleep 0.1; '
         'echo "warn: Disk almost full" >&2; sleep 1; for i in $(seq 1 5); do echo "late $i"; done; '
         'exec sleep 100000')
STAMP = re.compile(r'^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (.*)$')


def _epoch(stamp: str) -> float:
    stamp = re.sub(r'(\.\d{6})\d+', r'\1', stamp).replace('Z', '+00:00')
    return datetime.fromisoformat(stamp).timestamp()


@pytest.fixture(scope='module')
def story(docker_client, busybox_image):
    """A container that logs ten early lines, an error on stdout and a warning on stderr,
    pauses 1 s, logs five late lines and then stays up quietly."""
    container = docker_client.containers.create(busybox_image, ['sh', '-c', STORY], init=True,
                                                name=f'ddtest-story-{secrets.token_hex(4)}',
                                                labels={TEST_LABEL: '1'})
    try:
        container.start()
        deadline = time.monotonic() + 10
        while b'late 5\n' not in container.logs() and time.monotonic() < deadline:
            time.sleep(0.05)
        stamped = container.logs(timestamps=True).decode().splitlines()
        times = {STAMP.match(line).group(2): _epoch(STAMP.match(line).group(1)) for line in stamped}
        yield container, times
    finally:
        try:
            container.remove(force=True)
        except docker.errors.NotFound:
            pass


@pytest.fixture(scope='module')
def api(app_server):
    with app_server.client() as client:
        yield client


def _lines(api, ref: str, **params) -> list[str]:
    response = api.get(f'/logs/{ref}', params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body['count'] == len(body['lines'])
    return body['lines']


def test_all_lines_of_stdout_and_stderr_in_order(api, story):
    container, _ = story
    assert _lines(api, container.id) == ALL
    assert _lines(api, container.name) == ALL


@pytest.mark.parametrize(('tail', 'expected'), [(3, LATE[-3:]), (1, LATE[-1:]), (0, []), (1000, ALL)])
def test_tail(api, story, tail, expected):
    assert _lines(api, story[0].id, tail=tail) == expected


def test_timestamps_prefix_every_line(api, story):
    container, times = story
    lines = _lines(api, container.id, timestamps='true', tail=5)
    matches = [STAMP.match(line) for line in lines]
    assert all(matches), lines
    assert [m.group(2) for m in matches] == LATE
    assert [_epoch(m.group(1)) for m in matches] == [times[text] for text in LATE]
    assert abs(_epoch(matches[0].group(1)) - time.time()) < 60


def test_grep_is_case_insensitive_and_applies_after_tail(api, story):
    container, _ = story
    assert _lines(api, container.id, grep='error') == ['ERROR disk full']
    assert _lines(api, container.id, grep='DISK') == ['ERROR disk full', 'warn: Disk almost full']
    assert _lines(api, container.id, grep='early', tail=5) == []
    assert _lines(api, container.id, grep='no such text') == []


def test_since_and_until_as_epoch_seconds(api, story):
    container, times = story
    assert times['late 1'] - times['early 10'] > 0.8  # the pause between the two parts
    between = (times['warn: Disk almost full'] + times['late 1']) / 2
    assert _lines(api, container.id, since=f'{between:.6f}') == LATE
    assert _lines(api, container.id, until=f'{between:.6f}') == ALL[:-len(LATE)]
    assert _lines(api, container.id, since=f'{times["early 1"] - 5:.3f}', until=f'{between:.3f}',
                  grep='early') == EARLY


def test_since_and_until_as_iso_times(api, story):
    container, times = story
    between = (times['warn: Disk almost full'] + times['late 1']) / 2
    iso = datetime.fromtimestamp(between, tz=timezone.utc).isoformat().replace('+00:00', 'Z')
    assert _lines(api, container.id, since=iso) == LATE
    assert _lines(api, container.id, until=iso) == ALL[:-len(LATE)]


def test_since_and_until_as_durations_ago(api, story):
    container, _ = story
    assert _lines(api, container.id, since='1h') == ALL
    assert _lines(api, container.id, since='1h30m') == ALL
    assert _lines(api, container.id, until='1h') == []


def test_format_text_is_plain_text(api, story):
    container, _ = story
    response = api.get(f'/logs/{container.id}', params={'format': 'text'})
    assert response.status_code == 200
    assert response.headers['content-type'].startswith('text/plain')
    assert response.text == '\n'.join(ALL) + '\n'

    grepped = api.get(f'/logs/{container.id}', params={'format': 'text', 'grep': 'LATE', 'tail': 2})
    assert grepped.status_code == 200
    assert grepped.text == 'late 4\nlate 5\n'

    empty = api.get(f'/logs/{container.id}', params={'format': 'text', 'tail': 0})
    assert (empty.status_code, empty.text) == (200, '')


# ---- follow=true: Server-Sent Events ----------------------------------------------------------

def _number(line: str) -> int:
    assert line.startswith('data: line '), line
    return int(line.removeprefix('data: line '))


def test_follow_streams_new_lines_until_the_container_stops(app_server, make_container):
    container = make_container()  # prints "line N" every 0.2 s
    deadline = time.monotonic() + 10
    while b'line 3\n' not in container.logs() and time.monotonic() < deadline:
        time.sleep(0.05)
    numbers: list[int] = []
    with app_server.client() as client, client.stream(
            'GET', f'/logs/{container.id}', params={'follow': 'true', 'tail': 2}) as response:
        assert response.status_code == 200
        assert response.headers['content-type'].startswith('text/event-stream')
        lines = response.iter_lines()
        opened = time.monotonic()
        for line in lines:
            if line.startswith('data: '):
                numbers.append(_number(line))
                if len(numbers) == 6:
                    break
        assert time.monotonic() - opened < 3  # new lines arrive live, five of them in about a second

        container.stop(timeout=1)
        stopped = time.monotonic()
        ended = False
        for line in lines:
            if line.startswith('data: '):
                numbers.append(_number(line))
            elif line == 'event: end':
                ended = True
                break
        assert ended
        assert time.monotonic() - stopped < 3
    assert numbers[0] > 1  # tail=2: the stream began near the end, not at line 1
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_follow_of_an_exited_container_sends_its_lines_and_ends(app_server, make_container):
    container = make_container(command=['sh', '-c', 'echo alpha; echo beta; echo alphabet'])
    container.wait(timeout=10)
    with app_server.client() as client, client.stream(
            'GET', f'/logs/{container.name}', params={'follow': 'true', 'grep': 'ALPHA'}) as response:
        assert response.status_code == 200
        events = [line for line in response.iter_lines() if line]
    assert events == ['data: alpha', 'data: alphabet', 'event: end', 'data: {}']


def _open_files(pid: int) -> int:
    return len(os.listdir(f'/proc/{pid}/fd'))


def test_a_client_that_leaves_releases_the_engine_log_stream(app_server, make_container):
    """Each follower holds a connection to the engine (and a thread): they must go when the
    client goes, not when the container stops some day. Other containers starting or stopping
    on the same engine change the count too (stats streams): this runs on a quiet engine."""
    container = make_container()  # prints "line N" every 0.2 s, for as long as it runs

    def follow_one_line() -> None:
        with app_server.client() as client, client.stream(
                'GET', f'/logs/{container.id}', params={'follow': 'true', 'tail': 0}) as response:
            assert response.status_code == 200
            assert next(line for line in response.iter_lines() if line).startswith('data: line ')

    pid = app_server.process.pid
    follow_one_line()  # warms up the pools and the container's stats stream
    time.sleep(0.5)
    baseline = _open_files(pid)
    for _ in range(12):
        follow_one_line()
    deadline = time.monotonic() + 3
    while _open_files(pid) > baseline + 6 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _open_files(pid) <= baseline + 6, (
        f'{_open_files(pid) - baseline} more open files in the app 3 s after 12 followers left')
