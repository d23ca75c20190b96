"""Running commands in a container: once (``POST /containers/{id}/exec``: output and exit code) or an
interactive shell with a TTY for the browser's console.

    consoles = ExecService(engine, recorder, check_writable=check)
    consoles.run('web', ['cat', '/etc/os-release'])      # {'exit_code': 0, 'output': '…', 'truncated': False}
    shell = consoles.open_shell('web', cols=120, rows=30, on_output=write)   # typed text: shell.send('ls\\r')
    shell.resize(cols=100, rows=40); shell.close()

Read-only mode refuses both. Each is a history record (who, from where, when, the command — never
the keystrokes of a shell session). The shell is the best the image has: bash, else sh, else ash.
"""
from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

from .engine import Engine
from .errors import Conflict, DeployerError, InvalidInput
from .operations import SYSTEM, Origin, Recorder

MAX_OUTPUT = 1_000_000          # bytes of a one-off command's output kept
MAX_TIMEOUT = 600
SHELL = ['/bin/sh', '-c', 'if [ -x /bin/bash ]; then exec /bin/bash; elif [ -x /bin/ash ]; then exec /bin/ash; '
                          'else exec /bin/sh; fi']
TERMINAL_ENV = 'TERM=xterm-256color'


class Shell:
    """One interactive shell in a container; output goes to ``on_output`` from a reader thread."""

    def __init__(self, engine: Engine, exec_id: str, sock: socket.socket, *, on_output: Callable[[bytes], None],
                 on_close: Callable[[], None] | None = None) -> None:
        self.engine = engine
        self.exec_id = exec_id
        self._sock = sock
        self._on_output = on_output
        self._on_close = on_close
        self._closed = threading.Event()
        self._reader = threading.Thread(target=self._read, name='console-read', daemon=True)
        self._reader.start()

    def _read(self) -> None:
        try:
            while not self._closed.is_set():
                data = self._sock.recv(65536)
                if not data:
                    break
                self._on_output(data)
        except OSError:
            pass
        finally:
            self._closed.set()
            if self._on_close is not None:
                with contextlib.suppress(Exception):
                    self._on_close()

    @property
    def closed(self) -> bool:
        return self._closed.is_set()

    def send(self, text: str) -> None:
        if not self.closed:
            with contextlib.suppress(OSError):
                self._sock.sendall(text.encode())

    def resize(self, *, cols: int, rows: int) -> None:
        if not self.closed and 0 < cols <= 1000 and 0 < rows <= 1000:
            with contextlib.suppress(DeployerError):
                self.engine.exec_resize(self.exec_id, rows=rows, cols=cols)

    def close(self) -> None:
        if self._closed.is_set():
            return
        with contextlib.suppress(OSError):
            self._sock.sendall(b'\x04')       # end of input: the shell exits
        self._closed.set()
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            self._sock.close()


class ExecService:
    def __init__(self, engine: Engine, recorder: Recorder, *, check_writable: Callable[[str], None]) -> None:
        self.engine = engine
        self.recorder = recorder
        self._check_writable = check_writable

    def _running(self, ref: str) -> tuple[str, str, str | None]:
        raw = self.engine.resolve(ref)
        name = raw.get('Name', '').lstrip('/')
        state = (raw.get('State') or {}).get('Status')
        if state != 'running':
            raise Conflict(f'container {name} is {state or "not running"}: a command runs only in a running container')
        stack = ((raw.get('Config') or {}).get('Labels') or {}).get('com.docker.compose.project')
        return raw['Id'], name, stack

    def run(self, ref: str, command: list[str] | str, *, user: str | None = None, workdir: str | None = None,
            timeout: float = 30, origin: Origin = SYSTEM) -> dict[str, Any]:
        """Run ``command`` (a list, or a string for ``sh -c``) and wait for it, at most ``timeout``
        seconds (it may go on in the container after that; the answer says so)."""
        argv = _argv(command)
        if not 0 < timeout <= MAX_TIMEOUT:
            raise InvalidInput(f'timeout must be between 1 and {MAX_TIMEOUT} seconds')
        self._check_writable('exec')
        cid, name, stack = self._running(ref)
        shown = ' '.join(argv)
        with self.recorder.operation('container.exec', target=name, stack=stack, origin=origin,
                                     params={'command': shown[:500]}) as op:
            exec_id = self.engine.exec_create(cid, argv, user=user, workdir=workdir)
            chunks: list[bytes] = []
            size, truncated, timed_out = 0, False, False
            deadline = time.monotonic() + timeout
            arriving: queue.Queue[bytes | None] = queue.Queue()

            def read() -> None:   # the engine's stream blocks until the command writes: read it aside
                try:
                    for piece in self.engine.exec_output(exec_id):
                        arriving.put(piece)
                finally:
                    arriving.put(None)
            threading.Thread(target=read, name='exec-read', daemon=True).start()
            while True:
                try:
                    chunk = arriving.get(timeout=max(deadline - time.monotonic(), 0.001))
                except queue.Empty:
                    timed_out = True
                    break
                if chunk is None:
                    break
                if size < MAX_OUTPUT:
                    chunks.append(chunk[:MAX_OUTPUT - size])
                    truncated = truncated or size + len(chunk) > MAX_OUTPUT
                size += len(chunk)
            info = self.engine.exec_inspect(exec_id)
            exit_code = None if info.get('Running') else info.get('ExitCode')
            op.result = 'still running after the timeout' if timed_out else f'exit code {exit_code}'
        return {'container': name, 'command': argv, 'exit_code': exit_code, 'output': b''.join(chunks).decode(
            errors='replace'), 'truncated': truncated, 'timed_out': timed_out}

    def open_shell(self, ref: str, *, cols: int = 120, rows: int = 30, on_output: Callable[[bytes], None],
                   on_close: Callable[[], None] | None = None, origin: Origin = SYSTEM) -> Shell:
        """An interactive shell with a TTY; its session is one history record (not its keystrokes)."""
        self._check_writable('console')
        cid, name, stack = self._running(ref)
        with self.recorder.operation('container.console', target=name, stack=stack, origin=origin,
                                     params={'command': 'interactive shell'}) as op:
            exec_id = self.engine.exec_create(cid, SHELL, tty=True, stdin=True, env=[TERMINAL_ENV])
            sock = self.engine.exec_socket(exec_id)
            shell = Shell(self.engine, exec_id, sock, on_output=on_output, on_close=on_close)
            shell.resize(cols=cols, rows=rows)
            op.result = 'opened'
        return shell


def _argv(command: list[str] | str) -> list[str]:
    if isinstance(command, str):
        if not command.strip():
            raise InvalidInput('the command is empty')
        return ['/bin/sh', '-c', command]
    if not command or not all(isinstance(a, str) for a in command) or not command[0]:
        raise InvalidInput('the command must be a non-empty list of strings, or a string for sh -c')
    if sum(len(a) for a in command) > 100_000:
        raise InvalidInput('the command is too long')
    return list(command)
