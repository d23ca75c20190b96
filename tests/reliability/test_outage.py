"""Engine outage, for real: the engine `make test` started is stopped and started again under a running app.

`scripts/test.sh` starts a private dockerd with `--live-restore` (containers keep running while it
is down) and exports DD_ENGINE_DIR. These tests find that dockerd by its socket, stop it with
SIGTERM while the app is (a) idle, (b) following logs, (c) deploying a stack, and start it again
with the same command line. They check that requests answer 503 with a clear message within 2 s,
the UI shows the banner, a deploy in flight fails with a history record, and that after the engine
is back — without restarting the app — health, events, the live table and the very same log stream
carry on, with the lines written during the outage.

They run last (tests/conftest.py) and always leave the engine running. They are skipped when the
engine is not one the test command started (an engine of the machine is never stopped): set
DD_ENGINE_RESTARTABLE=1 to allow it for a private engine you started yourself with --live-restore.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import docker
import httpx
import pytest
from playwright.sync_api import Page, expect

from devtools.apprun import AppProcess, AppStartError, running_app
from tests.conftest import DEFAULT_COMMAND, TEST_LABEL

PROJECT = 'com.docker.compose.project'


# --- the suite's engine -------------------------------------------------------------------------

def _dockerd_state(pid: int) -> str | None:
    """'R', 'S', 'Z' … for a dockerd process, None when pid is not (or no longer) a dockerd."""
    try:
        stat = Path(f'/proc/{pid}/stat').read_text()
    except OSError:
        return None
    match = re.match(r'\d+ \((.*)\) (\S)', stat)
    return match.group(2) if match and match.group(1) == 'dockerd' else None


@dataclass
class SuiteEngine:
    """The dockerd behind DOCKER_HOST: stopped with SIGTERM, started again with its own command line."""
    url: str
    argv: list[str]
    pid: int
    log_path: Path

    @classmethod
    def find(cls, url: str) -> SuiteEngine | None:
        path = url.removeprefix('unix://')
        for entry in Path('/proc').iterdir():
            if not entry.name.isdigit() or _dockerd_state(int(entry.name)) in (None, 'Z'):
                continue
            try:
                argv = (entry / 'cmdline').read_bytes().rstrip(b'\0').decode().split('\0')
            except OSError:
                continue
            if any(arg in (url, path) or arg.endswith('=' + url) for arg in argv):
                pidfile = next((argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == '--pidfile'), None)
                folder = os.environ.get('DD_ENGINE_DIR') or (Path(pidfile).parent if pidfile else tempfile.gettempdir())
                return cls(url, argv, int(entry.name), Path(folder) / 'dockerd.log')
        return None

    def answers(self) -> bool:
        try:
            with contextlib.closing(docker.APIClient(base_url=self.url, timeout=2)) as client:
                return bool(client.ping())
        except Exception:  # noqa: BLE001 - any failure means: not answering
            return False

    def stop(self, timeout: float = 30) -> float:
        started = time.monotonic()
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        while _dockerd_state(self.pid) not in (None, 'Z'):
            if time.monotonic() - started > timeout:
                os.kill(self.pid, signal.SIGKILL)
            time.sleep(0.05)
        return time.monotonic() - started

    def start(self, timeout: float = 60) -> float:
        """Start it again (detached: `setsid -f`, so it is nobody's child here) and wait for a ping."""
        started = time.monotonic()
        with open(self.log_path, 'ab') as log:
            subprocess.run(['setsid', '-f', *self.argv], stdin=subprocess.DEVNULL, stdout=log,
                           stderr=subprocess.STDOUT, check=True)
        while not self.answers():
            if time.monotonic() - started > timeout:
                raise AssertionError(f'the engine did not answer within {timeout} s of starting again '
                                     f'(log: {self.log_path})')
            time.sleep(0.05)
        found = SuiteEngine.find(self.url)
        assert found is not None, 'the engine answers but its dockerd process was not found'
        self.pid = found.pid
        return time.monotonic() - started


@pytest.fixture(scope='module')
def engine(docker_client) -> Iterator[SuiteEngine]:
    url = os.environ.get('DOCKER_HOST', '')
    if not (os.environ.get('DD_ENGINE_DIR') or os.environ.get('DD_ENGINE_RESTARTABLE') == '1'):
        pytest.skip('the engine was not started by the test command (DD_ENGINE_DIR is empty): it is not '
                    'stopped here; set DD_ENGINE_RESTARTABLE=1 to allow it')
    if os.geteuid() != 0 or not url.startswith('unix://'):
        pytest.skip('restarting the engine needs root and a unix-socket DOCKER_HOST')
    if not docker_client.info().get('LiveRestoreEnabled'):
        pytest.skip('the engine runs without --live-restore: stopping it would stop every container')
    found = SuiteEngine.find(url)
    if found is None:
        pytest.skip(f'no dockerd process listens at {url}')
    try:
        yield found
    finally:
        if not found.answers():  # a failed test left it stopped: later tests need it
            found.start()


@pytest.fixture(autouse=True)
def engine_answers_after(engine: SuiteEngine) -> Iterator[None]:
    """A test that fails mid-outage must not take the engine away from the tests after it."""
    yield
    if not engine.answers():
        engine.start()


@pytest.fixture(scope='module')
def app(engine: SuiteEngine) -> Iterator[AppProcess]:
    try:
        with running_app(prefix='dd-outage-', ready=lambda health: health['engine']['reachable']) as app:
            yield app
    except AppStartError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture
def fresh_docker(engine: SuiteEngine) -> Iterator[docker.DockerClient]:
    """A client without kept-alive connections from before a restart."""
    client = docker.DockerClient(base_url=engine.url, timeout=30)
    try:
        yield client
    finally:
        client.close()


# --- helpers ------------------------------------------------------------------------------------

def _wait_for(predicate: Callable[[], object], timeout: float, interval: float = 0.05) -> float | None:
    """Poll until predicate() is true; the seconds it took, or None on timeout."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        with contextlib.suppress(httpx.HTTPError, docker.errors.DockerException):
            if predicate():
                return time.monotonic() - started
        time.sleep(interval)
    return None


class SSEReader:
    """Reads an SSE response in a thread; records (monotonic time, event, data) and when it ended."""

    def __init__(self, client: httpx.Client, url: str) -> None:
        self.events: list[tuple[float, str, str]] = []
        self.ended_at: float | None = None
        self.status: int | None = None
        self.opened = threading.Event()
        self._client, self._url = client, url
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        with contextlib.suppress(httpx.HTTPError):
            with self._client.stream('GET', self._url, timeout=httpx.Timeout(10, read=60)) as response:
                self.status = response.status_code
                self.opened.set()
                event = 'message'
                for line in response.iter_lines():
                    if line.startswith('event:'):
                        event = line[6:].strip()
                    elif line.startswith('data:'):
                        self.events.append((time.monotonic(), event, line[5:].strip()))
                        event = 'message'
        self.ended_at = time.monotonic()
        self.opened.set()

    def of(self, kind: str) -> list[tuple[float, dict | str]]:
        return [(t, json.loads(data) if kind != 'message' else data) for t, k, data in list(self.events) if k == kind]

    def first_after(self, kind: str, moment: float, match: Callable[[dict], bool]) -> float | None:
        return next((t for t, data in self.of(kind) if t >= moment and match(data)), None)


def _is_503(app: AppProcess) -> bool:
    with app.client(timeout=2) as c:
        return c.get('/containers').status_code == 503


def _reachable(app: AppProcess) -> bool:
    return httpx.get(f'{app.base_url}/health', timeout=2).json()['engine']['reachable']


def _stop_engine(engine: SuiteEngine, app: AppProcess, figures: dict[str, float], label: str) -> None:
    """Stop the engine; assert the API answers 503 `engine_unavailable` within 2 s of it exiting."""
    engine.stop()
    exited = time.monotonic()
    took = _wait_for(lambda: _is_503(app), timeout=2)
    assert took is not None, f'{label}: GET /containers did not answer 503 within 2 s\n{app.log_tail()}'
    figures[f'{label}: 503 after the engine exited (s)'] = time.monotonic() - exited
    with app.client() as c:
        error = c.get('/containers').json()['error']
    assert error['code'] == 'engine_unavailable', error
    assert 'unreachable' in error['message'].lower(), error


def _start_engine(engine: SuiteEngine, app: AppProcess, figures: dict[str, float], label: str) -> None:
    engine.start()
    took = _wait_for(lambda: _reachable(app), timeout=5)
    assert took is not None, f'{label}: /health not reachable within 5 s of the engine answering\n{app.log_tail()}'
    figures[f'{label}: /health reachable after the engine answered (s)'] = took


def _report(figures: dict[str, float]) -> None:
    print('\noutage figures:', json.dumps({k: round(v, 3) for k, v in figures.items()}, indent=1))


# --- (a) idle -----------------------------------------------------------------------------------

def test_idle_outage_answers_503_then_recovers(engine: SuiteEngine, app: AppProcess) -> None:
    figures: dict[str, float] = {}
    with app.client() as api:
        before = api.get('/containers')
        assert before.status_code == 200, before.text
        events = SSEReader(api, '/events')
        assert events.opened.wait(10) and events.status == 200, events.status

        _stop_engine(engine, app, figures, 'a')
        health = httpx.get(f'{app.base_url}/health', timeout=5).json()
        assert health['ok'] is False and health['engine']['reachable'] is False, health
        assert _wait_for(lambda: events.first_after('engine', 0, lambda e: not e['reachable']), 2), \
            f'/events did not report the engine unreachable: {events.events[-5:]}'
        for path in ('/status', '/stacks', '/containers/ddtest-any-name', '/logs/ddtest-any-name'):
            response = api.get(path)
            assert response.status_code == 503, (path, response.status_code, response.text[:200])
            assert response.json()['error']['code'] == 'engine_unavailable'

        _start_engine(engine, app, figures, 'a')
        back = time.monotonic()
        assert _wait_for(lambda: events.first_after('engine', back - 5, lambda e: e['reachable']), 5), \
            f'/events did not report the engine back: {events.events[-5:]}'
        after = api.get('/containers')
        assert after.status_code == 200, after.text
        assert {c['id'] for c in before.json()} <= {c['id'] for c in after.json()}, 'containers lost their ids'
        assert events.ended_at is None, 'the /events stream ended during the outage'
    assert app.process.poll() is None, 'the app exited'
    _report(figures)


# --- (b) following logs -------------------------------------------------------------------------

def test_a_followed_log_survives_the_outage(engine: SuiteEngine, app: AppProcess, make_container) -> None:
    figures: dict[str, float] = {}
    container = make_container()  # prints "line N" every 0.2 s
    with app.client() as api:
        follower = SSEReader(api, f'/logs/{container.id}?follow=true&tail=0')
        assert follower.opened.wait(10) and follower.status == 200, follower.status
        assert _wait_for(lambda: len(follower.of('message')) >= 3, 5), 'no log lines before the outage'

        stopping = time.monotonic()
        _stop_engine(engine, app, figures, 'b')
        gone = _wait_for(lambda: follower.first_after('engine', stopping, lambda e: not e['reachable']), 3)
        assert gone is not None, f'the log stream did not say the engine is gone: {follower.events[-3:]}'
        assert follower.ended_at is None, 'the log stream ended instead of waiting for the engine'
        with app.client() as c:
            again = c.get(f'/logs/{container.id}')
        assert again.status_code == 503 and again.json()['error']['code'] == 'engine_unavailable', again.text
        lines_before = len(follower.of('message'))
        time.sleep(1.0)  # the container keeps writing while the engine is down (live-restore)

        _start_engine(engine, app, figures, 'b')
        back = time.monotonic()
        resumed = _wait_for(lambda: follower.first_after('engine', back - 5, lambda e: e['reachable']), 5)
        assert resumed is not None, f'the log stream did not say the engine is back\n{app.log_tail()}'
        assert _wait_for(lambda: len(follower.of('message')) >= lines_before + 10, 5), \
            f'no new lines on the same stream after the engine came back: {follower.events[-5:]}'
        figures['b: stream said "back" after the engine answered (s)'] = resumed

    numbers = [int(text.split()[-1]) for _, text in follower.of('message') if re.fullmatch(r'line \d+', text)]
    assert len(numbers) == len(set(numbers)), f'lines repeated across the outage: {numbers}'
    assert numbers == sorted(numbers), f'lines out of order across the outage: {numbers}'
    missing = sorted(set(range(numbers[0], numbers[-1] + 1)) - set(numbers))
    assert not missing, f'lines lost across the outage: {missing}'
    figures['b: lines received'] = len(numbers)
    _report(figures)


# --- (c) deploying ------------------------------------------------------------------------------

# `setup` takes 5 s, and `web` waits for it to complete: the engine is stopped during that wait.
# (Not a health check: Debian's dockerd 20.10 does not run health checks again for containers it
# restored with --live-restore, so a waited-for health check would never pass after the restart.)
STACK = """
services:
  setup:
    image: {image}
    init: true
    network_mode: none
    command: ["sh", "-c", "sleep 5"]
  web:
    image: {image}
    init: true
    network_mode: none
    command: ["sh", "-c", "while :; do sleep 1; done"]
    depends_on:
      setup:
        condition: service_completed_successfully
"""


def test_a_deploy_in_flight_fails_with_a_record(engine: SuiteEngine, app: AppProcess, busybox_image: str,
                                                 fresh_docker: docker.DockerClient) -> None:
    figures: dict[str, float] = {}
    stack = f'ddout{secrets.token_hex(3)}'
    compose = STACK.format(image=busybox_image)
    outcome: dict[str, object] = {}

    def deploy() -> None:
        with app.client(timeout=60) as c:
            response = c.post('/deploy', json={'stack': stack, 'compose': compose})
        outcome.update(status=response.status_code, body=response.json(), done=time.monotonic())

    thread = threading.Thread(target=deploy, daemon=True)
    thread.start()
    label = {'label': f'{PROJECT}={stack}'}
    try:
        assert _wait_for(lambda: fresh_docker.containers.list(filters=label), 10, interval=0.1), \
            f'the deploy never started setup\n{app.log_tail()}'
        time.sleep(1.0)
        assert 'done' not in outcome, f'the deploy finished before the outage: {outcome}'
        stopping = time.monotonic()
        _stop_engine(engine, app, figures, 'c')
        thread.join(timeout=15)
        assert not thread.is_alive(), f'POST /deploy still hanging 15 s after the engine stopped\n{app.log_tail()}'
        figures['c: deploy answered after SIGTERM (s)'] = outcome['done'] - stopping
        assert outcome['status'] == 503, outcome
        error = outcome['body']['error']
        assert error['code'] == 'engine_unavailable' and 'engine went away' in error['message'], error
        with app.client() as c:
            records = c.get('/history', params={'stack': stack}).json()['records']
        failed = [r for r in records if r['action'] == 'deploy' and r['ok'] is False]
        assert failed, f'no failed deploy record for {stack}: {records}'
        assert 'engine went away' in (failed[0].get('error') or ''), failed[0]

        _start_engine(engine, app, figures, 'c')
        # nothing lost: the same document deploys once the engine is back, without restarting the app
        with app.client(timeout=120) as c:
            again = c.post('/deploy', json={'stack': stack, 'compose': compose})
        assert again.status_code == 200, again.text
        states = {c.labels['com.docker.compose.service']: c.status
                  for c in fresh_docker.containers.list(all=True, filters=label)}
        assert states == {'setup': 'exited', 'web': 'running'}, states
    finally:
        thread.join(timeout=15)
        if not engine.answers():
            engine.start()
        with contextlib.closing(docker.DockerClient(base_url=engine.url, timeout=30)) as client:
            for container in client.containers.list(all=True, filters=label):
                container.remove(force=True, v=True)
            for network in client.networks.list(filters=label):
                network.remove()
    _report(figures)


# --- the UI -------------------------------------------------------------------------------------

@pytest.mark.browser
def test_the_banner_and_the_live_table_follow_the_engine(engine: SuiteEngine, app: AppProcess, page: Page,
                                                         busybox_image: str) -> None:
    """The banner shows while the engine is down and hides once it is back; the live table then
    picks up a new container (the app is not restarted)."""
    page.goto(f'{app.base_url}/?token={app.token}')
    expect(page).to_have_url(f'{app.base_url}/')
    banner = page.get_by_test_id('engine-banner')
    expect(banner).to_be_hidden()

    engine.stop()
    exited = time.monotonic()
    expect(banner).to_be_visible(timeout=3000)
    shown = time.monotonic() - exited
    expect(banner).to_contain_text('unreachable')

    engine.start()
    back = time.monotonic()
    expect(banner).to_be_hidden(timeout=5000)
    hidden = time.monotonic() - back

    name = f'ddtest-banner-{secrets.token_hex(4)}'
    page.get_by_test_id('search').fill(name)
    with contextlib.closing(docker.DockerClient(base_url=engine.url, timeout=30)) as client:
        container = client.containers.run(busybox_image, DEFAULT_COMMAND, detach=True, init=True, name=name,
                                          labels={TEST_LABEL: '1'})
        try:
            created = time.monotonic()
            expect(page.get_by_test_id(f'name-{name}')).to_be_visible(timeout=3000)
            row = time.monotonic() - created
        finally:
            container.remove(force=True)
    print(f'\nbanner shown {shown:.2f} s after the engine exited, hidden {hidden:.2f} s after it answered, '
          f'new row {row:.2f} s after the container was created')
