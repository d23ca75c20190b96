"""The engine calls for running a command in a container: once, with its output and exit code, or
as an interactive shell with a TTY over the engine's hijacked connection."""
from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import docker


class ExecEngine:
    """Exec calls. Mixed into :class:`Engine`."""

    call: Callable[..., Any]
    stream_client: Callable[[], docker.APIClient]

    def exec_create(self, ref: str, command: list[str], *, tty: bool = False, stdin: bool = False,
                    user: str | None = None, workdir: str | None = None, env: list[str] | None = None) -> str:
        return self.call(lambda c: c.exec_create(ref, command, stdout=True, stderr=True, stdin=stdin, tty=tty,
                                                 user=user or '', workdir=workdir, environment=env),
                         f'container {ref!r}')['Id']

    def exec_output(self, exec_id: str) -> Any:
        """The command's output as it comes: chunks of bytes (stdout and stderr together)."""
        return self.call(lambda c: c.exec_start(exec_id, stream=True, demux=False))

    def exec_socket(self, exec_id: str) -> socket.socket:
        """A raw socket to an interactive exec started with a TTY: what is sent is typed, what is
        received is the terminal's output."""
        client = self.stream_client()
        response = client.exec_start(exec_id, tty=True, socket=True)
        sock = getattr(response, '_sock', response)
        sock.settimeout(None)
        return sock

    def exec_resize(self, exec_id: str, *, rows: int, cols: int) -> None:
        self.call(lambda c: c.exec_resize(exec_id, height=rows, width=cols))

    def exec_inspect(self, exec_id: str) -> dict[str, Any]:
        return self.call(lambda c: c.exec_inspect(exec_id))
