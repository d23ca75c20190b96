"""Debian's docker-compose (v1), for tests that make stacks the way people outside this app do."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

COMPOSE_V1 = '/usr/bin/docker-compose'


def available() -> bool:
    return Path(COMPOSE_V1).exists() or shutil.which('docker-compose') is not None


def compose_v1(project: str, *args: str, cwd: Path, file: Path | None = None, check: bool = True,
               env: dict[str, str] | None = None) -> str:
    """Run ``docker-compose -p project [-f file] args…`` in ``cwd``; its output (raises on failure
    when ``check``); ``env`` adds to the environment (DOCKER_HOST … for another engine)."""
    command = [shutil.which('docker-compose') or COMPOSE_V1, '-p', project]
    if file is not None:
        command += ['-f', str(file)]
    done = subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, timeout=60,
                          env={**os.environ, 'COMPOSE_INTERACTIVE_NO_CLI': '1', **(env or {})})
    if check and done.returncode != 0:
        raise AssertionError(f'docker-compose {" ".join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}')
    return done.stdout
