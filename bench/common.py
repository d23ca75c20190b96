"""What the benchmarks share: the engine, the busybox image, the app as a subprocess, the
containers they create (always removed), timing statistics and a description of the machine.

Nothing is mocked: a real engine (DOCKER_HOST, else the default socket) and ``python app.py``
started by devtools.apprun, as the tests start it.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import math
import os
import platform
import secrets
import signal
import statistics
import subprocess
import sys
import tarfile
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docker
import docker.errors
import httpx

from devtools.apprun import AppProcess, AppStartError, running_app
from devtools.apprun import free_port as free_port  # re-exported for the bench modules
from devtools.apprun import stop_process as stop_process

ROOT = Path(__file__).resolve().parent.parent
BUSYBOX_IMAGE = 'dockerdeployer-test/busybox:latest'  # the same image the tests build
BENCH_LABEL = 'dockerdeployer.bench'
RUN_LABEL = 'dockerdeployer.bench.run'
DEFAULT_ENGINE = 'unix:///var/run/docker.sock'


class BenchError(RuntimeError):
    """A benchmark cannot run (no engine, the app does not start …); the message says why."""


# --- timing ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Stats:
    """Summary of timings in seconds; ``p95`` interpolates linearly between ranks."""
    samples: tuple[float, ...]

    @property
    def n(self) -> int:
        return len(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    @property
    def min(self) -> float:
        return min(self.samples)

    def to_dict(self) -> dict[str, Any]:
        return {'n': self.n, 'median_ms': self.median * 1e3, 'p95_ms': self.p95 * 1e3,
                'min_ms': self.min * 1e3, 'max_ms': max(self.samples) * 1e3}


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        raise ValueError('no samples')
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def alternate(sides: dict[str, Callable[[], Any]], *, rounds: int, warmup: int,
              check: Callable[[str, Any], None] | None = None) -> dict[str, Stats]:
    """Run every side once per round, in an order that rotates each round (so neither side
    always runs on a cache the other just warmed); ``check`` sees each warm-up result."""
    names = list(sides)
    for _ in range(warmup):
        for name in names:
            result = sides[name]()
            if check:
                check(name, result)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for i in range(rounds):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            elapsed, _ = timed(sides[name])
            samples[name].append(elapsed)
    return {name: Stats(tuple(values)) for name, values in samples.items()}


# --- the engine -----------------------------------------------------------------------------

def engine_url() -> str:
    return os.environ.get('DOCKER_HOST') or DEFAULT_ENGINE


def docker_client() -> docker.DockerClient:
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', ResourceWarning)
        try:
            client = docker.DockerClient(base_url=engine_url(), version='auto', timeout=300, max_pool_size=32)
            client.ping()
        except Exception as exc:  # any failure means: no engine
            raise BenchError(f'no Docker engine answers at {engine_url()}: {exc}\n'
                             'Run scripts/bench.sh (make bench), which finds or starts one.') from None
    return client


class EngineHTTP:
    """The engine's HTTP API through httpx, the same client library that calls the app:
    the fairest reference for what our REST layer adds."""

    def __init__(self, url: str | None = None) -> None:
        url = url or engine_url()
        if url.startswith('unix://'):
            transport = httpx.HTTPTransport(uds=url[len('unix://'):])
            base = 'http://docker'
        elif url.startswith(('tcp://', 'http://')):
            transport, base = httpx.HTTPTransport(), 'http://' + url.split('://', 1)[1]
        else:
            raise BenchError(f'the raw reference needs a unix:// or tcp:// DOCKER_HOST, not {url!r}')
        self.http = httpx.Client(transport=transport, base_url=base, timeout=60)
        self.api_version = self.http.get('/version').raise_for_status().json()['ApiVersion']

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self.http.get(f'/v{self.api_version}{path}', params=params).raise_for_status()

    def close(self) -> None:
        self.http.close()


def busybox_path() -> Path:
    path = Path(os.environ.get('DD_BUSYBOX', '/bin/busybox'))
    if not path.is_file():
        raise BenchError(f'{path} not found: install busybox-static (or set DD_BUSYBOX)')
    return path


def ensure_busybox_image(client: docker.DockerClient) -> str:
    """The tests' 2 MB image FROM scratch with busybox; built locally when missing."""
    try:
        client.images.get(BUSYBOX_IMAGE)
        return BUSYBOX_IMAGE
    except docker.errors.ImageNotFound:
        pass
    dockerfile = (b'FROM scratch\nCOPY busybox /bin/busybox\n'
                  b'RUN ["/bin/busybox", "--install", "-s", "/bin"]\nCMD ["sh"]\n')
    context = io.BytesIO()
    with tarfile.open(fileobj=context, mode='w') as tar:
        for name, data, mode in (('Dockerfile', dockerfile, 0o644), ('busybox', busybox_path().read_bytes(), 0o755)):
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), mode, int(time.time())
            tar.addfile(info, io.BytesIO(data))
    context.seek(0)
    try:
        client.images.build(fileobj=context, custom_context=True, tag=BUSYBOX_IMAGE, rm=True, forcerm=True)
    except docker.errors.BuildError as exc:
        log = ''.join(str(chunk.get('stream', chunk)) for chunk in exc.build_log)
        raise BenchError(f'building {BUSYBOX_IMAGE} failed (is {busybox_path()} static?):\n{log}') from None
    return BUSYBOX_IMAGE


@dataclass
class Workspace:
    """The engine plus everything this run creates on it, removed by :meth:`close`.

    Every container gets the labels ``dockerdeployer.bench=1`` and ``dockerdeployer.bench.run=<id>``;
    cleanup removes by the run label, so even a container whose create call failed half-way goes."""
    client: docker.DockerClient
    image: str
    run_id: str = field(default_factory=lambda: secrets.token_hex(4))

    @property
    def api(self) -> docker.APIClient:
        return self.client.api

    def labels(self, **extra: str) -> dict[str, str]:
        return {BENCH_LABEL: '1', RUN_LABEL: self.run_id, **extra}

    def create_containers(self, count: int, *, threads: int = 8) -> list[str]:
        """``count`` created (not started) containers, made in parallel through the low-level API."""
        def create(i: int) -> str:
            return self.api.create_container(self.image, command=['true'], name=f'ddbench-{self.run_id}-{i:04d}',
                                             labels=self.labels())['Id']
        with ThreadPoolExecutor(threads) as pool:
            return list(pool.map(create, range(count)))

    def run_to_exit(self, command: list[str], *, name: str, timeout: float = 120) -> str:
        """Start a container with ``command``, wait until it exits with 0; returns its id."""
        cid = self.api.create_container(self.image, command=command, name=f'ddbench-{self.run_id}-{name}',
                                        labels=self.labels())['Id']
        self.api.start(cid)
        result = self.api.wait(cid, timeout=timeout)
        if result.get('StatusCode') != 0:
            raise BenchError(f'{command} exited with {result}')
        return cid

    def others(self) -> int:
        """Bench containers left over by other runs (e.g. one killed with SIGKILL)."""
        return sum(1 for c in self.api.containers(all=True, filters={'label': f'{BENCH_LABEL}=1'})
                   if c.get('Labels', {}).get(RUN_LABEL) != self.run_id)

    def close(self, *, patience: float = 60) -> None:
        """Remove this run's containers; waits up to ``patience`` s for an engine that went away."""
        deadline = time.monotonic() + patience
        while True:
            try:
                ids = [c['Id'] for c in self.api.containers(all=True, filters={'label': f'{RUN_LABEL}={self.run_id}'})]
                with ThreadPoolExecutor(8) as pool:
                    list(pool.map(self._remove, ids))
                return
            except docker.errors.DockerException as exc:  # requests' errors are not DockerExceptions
                error: Exception = exc
            except OSError as exc:  # requests.ConnectionError is an OSError
                error = exc
            if time.monotonic() > deadline:
                print(f'bench: could not remove the containers of run {self.run_id}: {error}\n'
                      f'  remove them with: docker rm -f $(docker ps -aq --filter label={RUN_LABEL}={self.run_id})',
                      file=sys.stderr)
                return
            time.sleep(1)

    def _remove(self, cid: str) -> None:
        with contextlib.suppress(docker.errors.NotFound):
            self.api.remove_container(cid, force=True, v=True)


@contextlib.contextmanager
def workspace() -> Iterator[Workspace]:
    client = docker_client()
    try:
        ws = Workspace(client, ensure_busybox_image(client))
        try:
            yield ws
        finally:
            ws.close()
    finally:
        client.close()


# --- the app as a subprocess ----------------------------------------------------------------

class AppServer(AppProcess):
    """The app as the benchmarks see it: its clients wait up to 60 s."""

    def client(self, timeout: float = 60, **kw: Any) -> httpx.Client:
        return super().client(timeout=timeout, **kw)


@contextlib.contextmanager
def app_server(startup_timeout: float = 30) -> Iterator[AppServer]:
    """`python app.py` on a free 127.0.0.1 port with its own data dir and token, on engine_url(); stopped after."""
    with contextlib.ExitStack() as stack:
        try:
            app = stack.enter_context(running_app(env={'DOCKER_HOST': engine_url()}, prefix='dd-bench-',
                                                  startup_timeout=startup_timeout))
        except AppStartError as exc:
            raise BenchError(str(exc)) from exc
        yield AppServer(app.base_url, app.token, app.data_dir, app.log_path, app.process)


# --- the run --------------------------------------------------------------------------------

def exit_cleanly_on_sigterm() -> None:
    """SIGTERM/SIGHUP raise SystemExit, so ``finally`` blocks remove what the run created."""
    def handler(signum: int, _frame: Any) -> None:
        raise SystemExit(128 + signum)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, handler)


def machine_info(client: docker.DockerClient) -> dict[str, Any]:
    version = client.version()
    cpu = ''
    with contextlib.suppress(OSError):
        for line in Path('/proc/cpuinfo').read_text().splitlines():
            if line.startswith('model name'):
                cpu = line.split(':', 1)[1].strip()
                break
    memory = ''
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path('/proc/meminfo').read_text().split('\n', 1)[0].split()[1])
        memory = f'{kib / 2**20:.0f} GiB'
    cli = ''
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        cli = subprocess.run(['docker', 'version', '--format', '{{.Client.Version}}'], check=False, capture_output=True,
                             text=True, timeout=20, env={**os.environ, 'DOCKER_HOST': engine_url()}).stdout.strip()
    commit = ''
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], check=False, cwd=ROOT, capture_output=True,
                                text=True, timeout=10).stdout.strip()
    return {
        'nproc': len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count(),
        'cpu': cpu, 'memory': memory, 'kernel': platform.release(),
        'engine': version.get('Version'), 'api_version': version.get('ApiVersion'),
        'docker_cli': cli, 'python': platform.python_version(), 'commit': commit,
        'load': ' '.join(f'{x:.2f}' for x in os.getloadavg()),
    }


def write_doc_section(section: str, path: Path, *, start: str, end: str, header: str = '# Benchmarks\n') -> None:
    """Replace the text between ``start`` and ``end`` markers in ``path`` (append when missing), atomically."""
    text = path.read_text() if path.exists() else header
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip('\n') + '\n\n' + section + '\n'
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix('.md.tmp')
    tmp.write_text(text)
    tmp.replace(path)


def bench_main(parser: argparse.ArgumentParser, argv: list[str] | None, run: Callable[[argparse.Namespace], Any],
               markdown: Callable[[Any], str], *, doc: Path, start: str, end: str) -> int:
    """What a bench's ``main`` does: parse, run, print its section and, with ``--write``, put it in ``doc``
    between its ``start`` and ``end`` markers."""
    parser.add_argument('--write', action='store_true', help=f'write the section into {doc.relative_to(ROOT)}')
    args = parser.parse_args(argv)
    exit_cleanly_on_sigterm()
    text = markdown(run(args))
    print(text)
    if args.write:
        write_doc_section(f'{start}\n{text}{end}', doc, start=start, end=end)
    return 0
