"""`python app.py` as a subprocess on a free 127.0.0.1 port: how tests and benchmarks start it.

    with running_app() as app:              # own data dir and API token, stopped and removed after
        app.client().get('/containers')

The app inherits this process's environment (DOCKER_HOST …) plus ``env``; its output goes to a
file, never a pipe (a full pipe blocks the server). Startup waits for ``GET /health`` to answer
200 and, when given, for ``ready(health_json)`` to be true.
"""
from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent


class AppStartError(RuntimeError):
    """app.py exited or did not answer during startup; the message carries its log."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


@dataclass
class AppProcess:
    base_url: str
    token: str
    data_dir: Path
    log_path: Path
    process: subprocess.Popen[bytes]

    def client(self, timeout: float = 10, **kw: Any) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, headers={'Authorization': f'Bearer {self.token}'},
                            timeout=timeout, **kw)

    def log_tail(self, lines: int = 60) -> str:
        try:
            return '\n'.join(self.log_path.read_text(errors='replace').splitlines()[-lines:])
        except OSError:
            return '<no log>'


def stop_process(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextlib.contextmanager
def running_app(*, env: dict[str, str] | None = None, prefix: str = 'dd-app-', startup_timeout: float = 30,
                ready: Callable[[dict[str, Any]], bool] | None = None) -> Iterator[AppProcess]:
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    data_dir = tmp / 'data'
    data_dir.mkdir()
    port, token = free_port(), secrets.token_hex(16)
    full_env = {k: v for k, v in os.environ.items() if k != 'PYTEST_CURRENT_TEST'}
    full_env.update(DEPLOYER_HOST='127.0.0.1', DEPLOYER_PORT=str(port), DEPLOYER_DATA_DIR=str(data_dir),
                    DEPLOYER_TOKEN=token, PYTHONUNBUFFERED='1')
    full_env.update(env or {})
    log_path = tmp / 'app.log'
    with open(log_path, 'wb') as log:
        process = subprocess.Popen([sys.executable, 'app.py'], cwd=ROOT, env=full_env, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT)
    app = AppProcess(f'http://127.0.0.1:{port}', token, data_dir, log_path, process)
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if process.poll() is not None:
                raise AppStartError(f'app.py exited with code {process.returncode} during startup '
                                    f'(log: {log_path}):\n{app.log_tail()}')
            with contextlib.suppress(httpx.HTTPError, ValueError):
                health = httpx.get(f'{app.base_url}/health', timeout=2)
                if health.status_code == 200 and (ready is None or ready(health.json())):
                    break
            if time.monotonic() > deadline:
                raise AppStartError(f'app.py was not ready within {startup_timeout:.0f} s '
                                    f'(log: {log_path}):\n{app.log_tail()}')
            time.sleep(0.2)
        yield app
    finally:
        stop_process(process)
        shutil.rmtree(tmp, ignore_errors=True)
