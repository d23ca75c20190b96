"""Engines reached over ssh://user@host, as the docker CLI reaches them: an SSH session to the host
runs ``docker system dial-stdio`` there and the API goes through it (paramiko, the Docker SDK's own
SSH transport). Unlike the SDK's default, the host keys and the private key are ours: a
known_hosts file and a key kept per engine in the secrets folder, and a host whose key is not in
it is refused (paramiko.RejectPolicy) — trust on first use is asked of the user, with the key's
fingerprint, before the key is written (:func:`host_key`).
"""
from __future__ import annotations

import base64
import hashlib
import socket
import urllib.parse
from dataclasses import dataclass
from typing import Any

import paramiko
from docker.transport.sshconn import SSHHTTPAdapter

from ..errors import InvalidInput


@dataclass(frozen=True)
class HostKey:
    host: str           # as known_hosts names it: host, or [host]:port
    kind: str           # ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa …
    base64: str
    fingerprint: str    # SHA256:… as ssh prints it

    @property
    def line(self) -> str:
        return f'{self.host} {self.kind} {self.base64}\n'


def known_name(host: str, port: int) -> str:
    return host if port == 22 else f'[{host}]:{port}'


def host_key(url: str, timeout: float = 10) -> HostKey:
    """The key the SSH server at ``url`` presents (nothing is authenticated, nothing trusted)."""
    parts = urllib.parse.urlparse(url)
    if not parts.hostname:
        raise InvalidInput(f'{url[:80]!r} is not ssh://user@host[:port]')
    port = parts.port or 22
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout) as sock:
            transport = paramiko.Transport(sock)
            try:
                transport.start_client(timeout=timeout)
                key = transport.get_remote_server_key()
            finally:
                transport.close()
    except (OSError, paramiko.SSHException) as exc:
        raise InvalidInput(f'no SSH server answered at {parts.hostname}:{port}: {exc}') from None
    digest = base64.b64encode(hashlib.sha256(key.asbytes()).digest()).decode().rstrip('=')
    return HostKey(known_name(parts.hostname, port), key.get_name(), key.get_base64(), f'SHA256:{digest}')


class KeyedSSHAdapter(SSHHTTPAdapter):
    """The SDK's SSH adapter with our known_hosts and private key, and nothing of ~/.ssh."""

    def __init__(self, base_url: str, *, known_hosts: str, key_file: str, timeout: int = 60, **kw: Any) -> None:
        self._known_hosts, self._key_file = known_hosts, key_file
        super().__init__(base_url, timeout, **kw)

    def _create_paramiko_client(self, base_url: str) -> None:
        parts = urllib.parse.urlparse(base_url)
        self.ssh_client = paramiko.SSHClient()
        self.ssh_client.load_host_keys(self._known_hosts)
        self.ssh_client.set_missing_host_key_policy(paramiko.RejectPolicy())
        self.ssh_params = {'hostname': parts.hostname, 'port': parts.port or 22, 'username': parts.username or 'root',
                           'key_filename': self._key_file, 'look_for_keys': False, 'allow_agent': False,
                           'timeout': 10, 'banner_timeout': 10, 'auth_timeout': 10}
