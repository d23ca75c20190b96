"""Shared fixtures: a real Docker engine, a local busybox image, the app as a subprocess, a browser.

Nothing here is mocked. Tests only ever remove containers they created themselves
(`make_container`); other containers and images on the engine are left alone.
"""

from __future__ import annotations

import gc
import io
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import tarfile
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docker
import docker.errors
import pytest
import yaml

from devtools.apprun import AppStartError, free_port, running_app

ROOT = Path(__file__).resolve().parent.parent
BUSYBOX_IMAGE = 'dockerdeployer-test/busybox:latest'
TEST_LABEL = 'dockerdeployer.test'
DEFAULT_COMMAND = ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "line $i"; sleep 0.2; done']
BROWSER_TESTS = ROOT / 'tests' / 'browser'
OUTAGE_TESTS = ROOT / 'tests' / 'reliability' / 'test_outage.py'
DEBIAN_CHROMIUM = '/usr/bin/chromium'
CHROMIUM_ARGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
]


# --- ordering: browser tests last ------------------------------------------------------------

def _is_browser_test(item: pytest.Item) -> bool:
    return item.get_closest_marker('browser') is not None or BROWSER_TESTS in Path(item.path).parents


def _is_outage_test(item: pytest.Item) -> bool:
    return Path(item.path) == OUTAGE_TESTS


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Playwright's sync API breaks async tests that run after it: run browser tests at the end,
    and the engine-outage tests (they stop and start the engine) after everything else."""
    items.sort(key=lambda item: (_is_outage_test(item), _is_browser_test(item)))  # stable within groups


# --- Docker -----------------------------------------------------------------------------------

@pytest.fixture(scope='session')
def docker_client():
    error = None
    with warnings.catch_warnings():
        # a failed connection attempt leaves an unclosed socket behind in docker-py
        warnings.simplefilter('ignore', ResourceWarning)
        try:
            client = docker.from_env()
            client.ping()
        except Exception as exc:  # noqa: BLE001 - any failure means: no engine
            error = str(exc)
        gc.collect()
    if error is not None:
        pytest.fail(
            f'No Docker engine answers (DOCKER_HOST={os.environ.get("DOCKER_HOST", "<unset>")}): {error}\n'
            'Run the tests through `make test` (scripts/test.sh), which finds or starts an engine.',
            pytrace=False,
        )
    yield client
    client.close()


def _busybox_path() -> Path:
    path = Path(os.environ.get('DD_BUSYBOX', '/bin/busybox'))
    if not path.is_file():
        pytest.fail(f'{path} not found: install busybox-static (or set DD_BUSYBOX)', pytrace=False)
    return path


@pytest.fixture(scope='session')
def busybox_image(docker_client) -> str:
    """A 2 MB image FROM scratch with busybox's applets (sh, httpd, nc, wget ...); built locally."""
    try:
        docker_client.images.get(BUSYBOX_IMAGE)
        return BUSYBOX_IMAGE
    except docker.errors.ImageNotFound:
        pass
    dockerfile = (
        b'FROM scratch\n'
        b'COPY busybox /bin/busybox\n'
        b'RUN ["/bin/busybox", "--install", "-s", "/bin"]\n'
        b'CMD ["sh"]\n'
    )
    busybox = _busybox_path().read_bytes()
    context = io.BytesIO()
    with tarfile.open(fileobj=context, mode='w') as tar:
        for name, data, mode in (('Dockerfile', dockerfile, 0o644), ('busybox', busybox, 0o755)):
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), mode, int(time.time())
            tar.addfile(info, io.BytesIO(data))
    context.seek(0)
    try:
        docker_client.images.build(fileobj=context, custom_context=True, tag=BUSYBOX_IMAGE, rm=True, forcerm=True)
    except docker.errors.BuildError as exc:
        log = ''.join(str(chunk.get('stream', chunk)) for chunk in exc.build_log)
        pytest.fail(f'building {BUSYBOX_IMAGE} failed (is {_busybox_path()} static?):\n{log}', pytrace=False)
    return BUSYBOX_IMAGE


@pytest.fixture
def make_container(docker_client, busybox_image):
    """Factory: make_container(command=None, name=None, ports=None, labels=None, start=True, **kw).

    Containers run the busybox image with init=True (fast stop) and the label dockerdeployer.test=1.
    The default command prints "line N" every 0.2 s. Everything created is removed afterwards.
    """
    created = []

    def factory(command=None, name=None, ports=None, labels=None, start=True, **kw):
        kw.setdefault('image', busybox_image)
        kw.setdefault('init', True)
        container = docker_client.containers.create(
            command=DEFAULT_COMMAND if command is None else command,
            name=name or f'ddtest-{secrets.token_hex(6)}',
            ports=ports,
            labels={**(labels or {}), TEST_LABEL: '1'},
            **kw,
        )
        created.append(container)
        if start:
            container.start()
            container.reload()  # fills in .status, .ports, ...
        return container

    yield factory

    for container in created:
        try:
            container.remove(force=True, v=True)
        except docker.errors.NotFound:
            pass


# --- the app as a subprocess ------------------------------------------------------------------

@pytest.fixture(scope='session')
def app_server(docker_client, busybox_image):
    """`python app.py` on a free 127.0.0.1 port with its own data dir and API token
    (a devtools.apprun.AppProcess: base_url, token, data_dir, log_path, process, client(), log_tail()).

    Depends on busybox_image so that even a fresh engine holds an image when the app starts.
    """
    try:
        with running_app(prefix='dd-app-') as server:
            yield server
    except AppStartError as exc:
        pytest.fail(str(exc), pytrace=False)


# --- Playwright -------------------------------------------------------------------------------

@pytest.fixture(scope='session')
def browser_type_launch_args(browser_type_launch_args, browser_type):
    """Use Playwright's own browser when installed, else Debian's /usr/bin/chromium."""
    if browser_type.name != 'chromium' or Path(browser_type.executable_path).exists():
        return browser_type_launch_args
    if not Path(DEBIAN_CHROMIUM).exists():
        pytest.fail("No Chromium: run 'apt-get install chromium' or '.venv/bin/playwright install chromium'",
                    pytrace=False)
    return {**browser_type_launch_args, 'executable_path': DEBIAN_CHROMIUM, 'args': CHROMIUM_ARGS}



# A browser context that does not close: twice in CI (never locally) a test passed and then
# pytest-playwright's BrowserContext.close() never returned, until pytest-timeout failed the test
# 300 s later. Contexts are closed here instead, under a watchdog: one that has not closed within
# CONTEXT_CLOSE_S takes the browser with it (its processes are killed, which makes the pending
# call return), the next test gets a new browser, and the log says so.
CONTEXT_CLOSE_S = 10


def _browser_processes() -> list[int]:
    """Chromium processes started by this test process (through Playwright's driver)."""
    children: dict[int, list[int]] = {}
    for stat in Path('/proc').glob('[0-9]*/stat'):
        try:
            parent = int(stat.read_text().rsplit(')', 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, todo = [], [os.getpid()]
    while todo:
        for pid in children.get(todo.pop(), []):
            todo.append(pid)
            try:
                name = Path(f'/proc/{pid}/comm').read_text().strip()
            except OSError:
                continue
            if name.startswith(('chrom', 'headless')):
                found.append(pid)
    return found


class _Browsers:
    """The session's browser, launched again when the last one had to be killed."""

    def __init__(self, launch) -> None:
        self.launch = launch
        self.current = None

    def get(self):
        if self.current is None or not self.current.is_connected():
            self.current = self.launch()
        return self.current

    def close_within(self, context, seconds: float = CONTEXT_CLOSE_S) -> None:
        from playwright.sync_api import Error as PlaywrightError

        def kill() -> None:
            print(f'\nbrowser: a context did not close within {seconds:.0f} s; killing the browser, '
                  'the next test gets a new one', flush=True)
            for pid in _browser_processes():
                try:
                    os.kill(pid, 9)
                except ProcessLookupError:
                    pass
        watchdog = threading.Timer(seconds, kill)
        watchdog.daemon = True
        watchdog.start()
        try:
            context.close()
        except PlaywrightError:
            if not watchdog.finished.is_set() and self.current is not None and self.current.is_connected():
                raise
        finally:
            watchdog.cancel()


@pytest.fixture(scope='session')
def _browsers(launch_browser) -> Iterator[_Browsers]:
    browsers = _Browsers(launch_browser)
    yield browsers
    if browsers.current is not None and browsers.current.is_connected():
        browsers.current.close()


@pytest.fixture
def browser(_browsers):
    """Overrides pytest-playwright's: the session's browser, new if the last one was killed."""
    return _browsers.get()


@pytest.fixture
def new_context(_browsers, browser, browser_context_args, request):
    """Overrides pytest-playwright's: the same contexts, closed under the watchdog above."""
    arguments = dict(browser_context_args)
    marker = next(request.node.iter_markers('browser_context_args'), None)
    arguments.update(marker.kwargs if marker else {})
    contexts = []

    def make(**kwargs):
        context = browser.new_context(**arguments, **kwargs)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        _browsers.close_within(context)


# --- stand-ins for the built-in templates' images ---------------------------------------------

STANDIN = 'dockerdeployer-test/template-standin:latest'
ENTRY = ("trap 'exit 0' TERM INT; httpd -p 80 -h /www; echo standin up; "
         'while :; do sleep 1; done')
BUSYBOX_APPLETS = {'sh', 'wget', 'test', 'true', 'false', 'nc', 'cat', 'echo'}


def _documents() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text()) for p in sorted((ROOT / 'templates').glob('*.yaml'))}


def _health_commands(documents: dict[str, dict]) -> set[str]:
    commands = set()
    for document in documents.values():
        for service in (document['compose'].get('services') or {}).values():
            test = (service.get('healthcheck') or {}).get('test') or []
            if isinstance(test, list) and test and test[0] == 'CMD':
                commands.add(test[1])
            elif isinstance(test, list) and test and test[0] == 'CMD-SHELL':
                commands.add(test[1].split()[0])
    return {c for c in commands if re.fullmatch(r'[\w.-]+', c)} - BUSYBOX_APPLETS


@pytest.fixture(scope='session')
def template_standin(docker_client, busybox_image):
    """Every image the built-in templates name, tagged onto a stand-in that ignores its command,
    serves HTTP on 80 and whose health-check programs (pg_isready, curl …) succeed. Each name
    is put back as it was at the end."""
    documents = _documents()
    stubs = sorted(_health_commands(documents) | {'wget', 'curl'})
    lines = [f'FROM {busybox_image}', 'RUN ["/bin/sh", "-c", "mkdir -p /www /usr/local/bin && echo ok > /www/index.html"]']
    for command in stubs:
        lines.append(f'RUN ["/bin/sh", "-c", "printf \'#!/bin/sh\\\\nexit 0\\\\n\' > /usr/local/bin/{command} '
                     f'&& chmod +x /usr/local/bin/{command}"]')
    lines += ['ENV PATH=/usr/local/bin:/bin', f'ENTRYPOINT {json.dumps(["/bin/sh", "-c", ENTRY, "--"])}']
    dockerfile = '\n'.join(lines).encode()
    context = io.BytesIO()
    with tarfile.open(fileobj=context, mode='w') as tar:
        info = tarfile.TarInfo('Dockerfile')
        info.size, info.mtime = len(dockerfile), int(time.time())
        tar.addfile(info, io.BytesIO(dockerfile))
    context.seek(0)
    image, _ = docker_client.images.build(fileobj=context, custom_context=True, tag=STANDIN, rm=True, forcerm=True)
    previous: dict[str, str | None] = {}   # ref -> the image it named before we tagged it
    for document in documents.values():
        for service in document['compose']['services'].values():
            ref = service['image']
            name, _, tag = ref.rpartition(':')
            try:
                before = docker_client.images.get(ref).id
            except docker.errors.ImageNotFound:
                before = None
            if before != image.id and ref not in previous:
                previous[ref] = before
                image.tag(name, tag)
    yield image
    for ref, before in previous.items():  # put every name back as it was
        name, _, tag = ref.rpartition(':')
        try:
            if before is None:
                docker_client.images.remove(ref, noprune=True)
            else:
                docker_client.images.get(before).tag(name, tag)
        except docker.errors.APIError:
            pass


# --- a registry on 127.0.0.1 (Debian's docker-registry) and images built for a test -----------

@dataclass
class Registry:
    host: str                 # 127.0.0.1:PORT — the engine treats 127.0.0.0/8 as an insecure registry
    storage: Path
    process: subprocess.Popen[bytes]
    login: dict[str, str] | None = None   # {'username', 'password'} of a registry that asks for one

    def push(self, docker_client, image: str, repository: str, tag: str) -> str:
        """Tag ``image`` as host/repository:tag, push it, return that reference."""
        ref = f'{self.host}/{repository}'
        docker_client.images.get(image).tag(ref, tag=tag)
        for line in docker_client.images.push(ref, tag=tag, stream=True, decode=True, auth_config=self.login):
            if 'error' in line:
                raise AssertionError(f'push {ref}:{tag} failed: {line["error"]}')
        return f'{ref}:{tag}'


@contextmanager
def running_registry(folder: Path, login: dict[str, str] | None = None, *,
                     netns: str | None = None) -> Iterator[Registry]:
    """A real registry (Distribution 2.8, Debian's docker-registry) on a free 127.0.0.1 port with
    its own storage; with ``login`` it asks for that user name and password (htpasswd, bcrypt);
    with ``netns`` on 127.0.0.1 of that network namespace (for the engine that lives there).
    scripts/test.sh installs it."""
    binary = shutil.which('docker-registry')
    if binary is None:
        pytest.fail("No docker-registry: run 'apt-get install docker-registry' (scripts/test.sh does, as root)",
                    pytrace=False)
    port = free_port()
    config: dict[str, Any] = {
        'version': 0.1, 'log': {'level': 'warn'},
        'storage': {'filesystem': {'rootdirectory': str(folder / 'data')}, 'delete': {'enabled': True}},
        'http': {'addr': f'127.0.0.1:{port}'}}
    if login is not None:
        import bcrypt
        hashed = bcrypt.hashpw(login['password'].encode(), bcrypt.gensalt(rounds=5)).decode()
        (folder / 'htpasswd').write_text(f'{login["username"]}:{hashed}\n')
        config['auth'] = {'htpasswd': {'realm': 'dockerdeployer-tests', 'path': str(folder / 'htpasswd')}}
    (folder / 'config.yml').write_text(yaml.safe_dump(config))
    log = (folder / 'registry.log').open('wb')
    inside = ['nsenter', f'--net=/run/netns/{netns}'] if netns else []
    process = subprocess.Popen([*inside, binary, 'serve', str(folder / 'config.yml')], stdout=log,
                               stderr=subprocess.STDOUT)

    def answers() -> bool:
        if netns:
            return subprocess.run([*inside, 'bash', '-c', f'echo > /dev/tcp/127.0.0.1/{port}'],
                                  capture_output=True).returncode == 0
        try:
            with socket.create_connection(('127.0.0.1', port), timeout=1):
                return True
        except OSError:
            return False
    deadline = time.monotonic() + 20
    while not answers():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f'docker-registry did not start:\n{(folder / "registry.log").read_text()[-2000:]}',
                        pytrace=False)
        time.sleep(0.1)
    try:
        yield Registry(f'127.0.0.1:{port}', folder / 'data', process, login)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope='session')
def local_registry(tmp_path_factory) -> Iterator[Registry]:
    """An open registry on 127.0.0.1 (see :func:`running_registry`)."""
    with running_registry(tmp_path_factory.mktemp('registry')) as registry:
        yield registry


@pytest.fixture(scope='session')
def private_registry(tmp_path_factory) -> Iterator[Registry]:
    """A registry on 127.0.0.1 that serves nothing without its login (``registry.login``)."""
    login = {'username': 'deployer-ci', 'password': f'Reg-{secrets.token_hex(8)}'}
    with running_registry(tmp_path_factory.mktemp('private-registry'), login) as registry:
        yield registry


@pytest.fixture
def make_image(docker_client, busybox_image):
    """Factory: make_image(tag, note=None, layer=False) builds a tiny image FROM the busybox test
    image (a label makes each build its own image; ``layer`` adds a layer of its own, which a pull
    then has to download) and tags it; every image made is removed afterwards."""
    made: list[str] = []

    def factory(tag: str, note: str | None = None, layer: bool = False) -> str:
        note = note or secrets.token_hex(6)
        dockerfile = f'FROM {busybox_image}\nLABEL dockerdeployer.test.note="{note}"\n'
        if layer:
            dockerfile += f'RUN ["/bin/sh", "-c", "head -c 300000 /dev/urandom > /noise; echo {note} > /note"]\n'
        image, _ = docker_client.images.build(fileobj=io.BytesIO(dockerfile.encode()), tag=tag, rm=True, forcerm=True)
        made.append(image.id)
        return image.id

    yield factory
    for image_id in reversed(made):
        try:
            docker_client.images.remove(image_id, force=True)
        except docker.errors.APIError:
            pass


# --- a second engine, in its own network namespace, over tcp:// with TLS (issue 16) ---------------

@pytest.fixture(scope='session')
def remote_engine(docker_client, busybox_image):
    """A dockerd in network namespace ddeng1 at tcp://10.214.1.2:2376 with TLS client certificates
    and at ssh://root@10.214.1.2 through Debian's sshd in the same namespace (devtools/netns_engine.py),
    holding the busybox test image."""
    from devtools.netns_engine import netns_engine
    try:
        with netns_engine(1, image=busybox_image, source=docker_client, ssh=True) as remote:
            yield remote
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)


# --- a 3-node Docker Swarm, each node a dockerd in a network namespace of its own (issue 17) -----

@pytest.fixture(scope='session')
def swarm_cluster(docker_client, busybox_image):
    """Three engines (dd-node-1 manager, dd-node-2 and -3 workers) at tcp://10.215.0.21-23:2376 with
    TLS, joined in one swarm (devtools/swarm_cluster.py), each holding the busybox test image also
    tagged ``:v2`` (a second version to roll out without a registry)."""
    from devtools.swarm_cluster import swarm_cluster as make_swarm
    try:
        with make_swarm(3, image=busybox_image, source=docker_client) as swarm:
            repository = busybox_image.rsplit(':', 1)[0]
            for node in swarm.nodes:
                node.client().images.get(busybox_image).tag(repository, 'v2')
            yield swarm
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
