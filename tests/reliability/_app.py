"""A private `python app.py` for tests that must not disturb the shared app_server (settings the
fuzzer changes, the per-address login rate limit). Same start-up as tests/conftest.py's app_server."""
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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class PrivateApp:
    base_url: str
    token: str
    data_dir: Path
    log_path: Path

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, headers={'Authorization': f'Bearer {self.token}'}, timeout=10)


@contextlib.contextmanager
def private_app() -> Iterator[PrivateApp]:
    tmp = Path(tempfile.mkdtemp(prefix='dd-private-'))
    data_dir = tmp / 'data'
    data_dir.mkdir()
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    token = secrets.token_hex(16)
    env = {k: v for k, v in os.environ.items() if k != 'PYTEST_CURRENT_TEST'}
    env.update(DEPLOYER_HOST='127.0.0.1', DEPLOYER_PORT=str(port), DEPLOYER_DATA_DIR=str(data_dir),
               DEPLOYER_TOKEN=token, PYTHONUNBUFFERED='1')
    log_path = tmp / 'app.log'
    with open(log_path, 'wb') as log:  # a file, not a pipe: a full pipe blocks the server
        process = subprocess.Popen([sys.executable, 'app.py'], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT)
    app = PrivateApp(f'http://127.0.0.1:{port}', token, data_dir, log_path)
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise RuntimeError(f'app.py exited during startup:\n{log_path.read_text(errors="replace")}')
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f'{app.base_url}/health', timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f'app.py did not answer /health within 30 s:\n{log_path.read_text(errors="replace")}')
            time.sleep(0.2)
        yield app
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
