"""The engine client: connection handling, containers, logs, events and stats streams.

Uses the SDK's low-level ``APIClient``: the high-level ``containers.list()`` inspects every
container (10x slower with hundreds of them). The client is made lazily and remade after
the engine went away, so the app starts and keeps answering while no engine runs.
"""
from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, TypeVar

import docker
import docker.errors
import docker.tls
import orjson
import requests.exceptions
import urllib3.exceptions

from ..errors import Conflict, DeployerError, EngineUnavailable, InvalidInput, NotFound
from .errors import HINT, translate
from .exec import ExecEngine
from .images import ImageEngine
from .stack import StackEngine

T = TypeVar('T')


class Engine(StackEngine, ImageEngine, ExecEngine):
    """A thread-safe handle on one Docker engine."""

    def __init__(self, base_url: str | None = None, *, timeout: int = 30,
                 tls: tuple[str, str, str] | None = None, ssh: tuple[str, str] | None = None) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.ssh = ssh   # ssh://: the paths of our known_hosts file and the private key (engine/ssh.py)
        # tcp:// with client certificates: the paths of the CA, the certificate and its key
        self.tls = docker.tls.TLSConfig(client_cert=(tls[1], tls[2]), ca_cert=tls[0], verify=True) if tls else None
        self._lock = threading.Lock()
        self._client: docker.APIClient | None = None
        self._version: str | None = None
        self._local = threading.local()
        self._connections: list[http.client.HTTPConnection] = []
        # the login sent with a pull or a registry question for an image reference (set by the
        # service from the kept registry logins; None: the engine's and the SDK's own)
        self.auth_for: Callable[[str], dict[str, str] | None] = lambda ref: None

    # ---- connection -------------------------------------------------------------------
    def client(self) -> docker.APIClient:
        with self._lock:
            if self._client is None:
                try:
                    client = self._over_ssh(None) if self.ssh else self._versioned(docker.APIClient(
                        base_url=self._url(), version=docker.constants.MINIMUM_DOCKER_API_VERSION if self.tls else 'auto',
                        timeout=self.timeout, max_pool_size=64, tls=self.tls or False))
                except Exception as exc:
                    raise translate(exc) from None
                self._client, self._version = client, client.api_version
            return self._client

    def _over_ssh(self, version: str | None) -> docker.APIClient:
        """A client whose requests go through an SSH session to the engine's host (engine/ssh.py)."""
        from .ssh import KeyedSSHAdapter  # paramiko: only for engines reached over ssh://
        assert self.ssh is not None and self.base_url is not None
        client = docker.APIClient(base_url='http+unix:///dev/null', version=version or
                                  docker.constants.MINIMUM_DOCKER_API_VERSION, timeout=self.timeout)
        adapter = KeyedSSHAdapter(self.base_url, known_hosts=self.ssh[0], key_file=self.ssh[1], timeout=self.timeout)
        client.mount('http+docker://ssh', adapter)
        client._custom_adapter = adapter
        client.base_url = 'http+docker://ssh'
        if version is None:
            client._version = client.version(api_version=False)['ApiVersion']
        return client

    def _versioned(self, client: docker.APIClient) -> docker.APIClient:
        """With TLS the version is asked once the client trusts only the engine's CA (below)."""
        if self.tls:
            self._trusting(client)
            client._version = client.version(api_version=False)['ApiVersion']
        return client

    def _trusting(self, client: docker.APIClient) -> docker.APIClient:
        """With TLS: the engine's own CA only. requests lets REQUESTS_CA_BUNDLE (set on many
        machines) replace a session's CA for every request (psf/requests#3829), and the engine's
        certificate then fails verification."""
        if self.tls:
            client.trust_env = False
        return client

    def stream_client(self) -> docker.APIClient:
        """A separate client for one long-lived stream (events, logs, stats)."""
        client = self.client()
        if self.ssh:
            return self._over_ssh(client.api_version)
        return self._trusting(docker.APIClient(base_url=self._url(), version=client.api_version,
                                               timeout=self.timeout, tls=self.tls or False))

    def reset(self) -> None:
        with self._lock:
            if self._client is not None:
                with contextlib.suppress(Exception):
                    self._client.close()
            self._client = None

    def close(self) -> None:
        """Close every connection this handle opened (the app is stopping)."""
        self.reset()
        with self._lock:
            connections, self._connections = self._connections, []
        for connection in connections:
            connection.close()

    def _url(self) -> str:
        if self.base_url:
            return self.base_url
        return docker.utils.utils.parse_host(None, None)

    def call(self, fn: Callable[[docker.APIClient], T], what: str = '') -> T:
        client = self.client()
        try:
            return fn(client)
        except (requests.exceptions.ConnectionError, ConnectionError) as exc:
            self.reset()
            raise translate(exc) from None
        except Exception as exc:
            raise translate(exc, what) from None

    # ---- reads ------------------------------------------------------------------------
    def version(self) -> dict[str, Any]:
        return self.call(lambda c: c.version())

    def info(self) -> dict[str, Any]:
        return self.call(lambda c: c.info())

    def disk_usage(self) -> dict[str, Any]:
        return self.call(lambda c: c.df())

    def list_raw(self, *, all: bool = True, filters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """The engine's plain list (no inspect per container), decoded with orjson."""
        params: dict[str, Any] = {'all': int(all)}
        if filters:
            params['filters'] = orjson.dumps(filters).decode()

        return self.get_json('/containers/json', params)

    def events_between(self, since_ns: int, until_ns: int) -> list[dict[str, Any]]:
        """Container events the engine recorded between two moments (epoch nanoseconds), at once."""
        body = self.get_bytes('/events', {'since': _seconds(since_ns), 'until': _seconds(until_ns),
                                          'filters': '{"type":["container"]}'})
        return [orjson.loads(line) for line in body.splitlines() if line.strip()]

    def get_json(self, path: str, params: dict[str, Any]) -> Any:
        body = self.get_bytes(path, params)
        if not body.strip():  # e.g. the stats of a container removed while the engine answered
            raise NotFound(f'the Docker engine answered {path} with nothing')
        return orjson.loads(body)

    def get_bytes(self, path: str, params: dict[str, Any]) -> bytes:
        """A plain GET on the engine's API. Over a unix socket it goes through a kept-alive
        ``http.client`` connection per thread (requests adds ~1 ms a call); otherwise through
        the SDK's session."""
        client = self.client()
        url = f'/v{client.api_version}{path}?{urllib.parse.urlencode(params)}'
        socket_path = self.socket_path()
        if socket_path is None:
            def fetch(c: docker.APIClient) -> bytes:
                response = c._get(c._url(path), params=params)
                c._raise_for_status(response)
                return response.content
            return self.call(fetch)
        for attempt in (1, 2):
            connection = self._local.__dict__.get('connection')
            if connection is None or self._local.__dict__.get('socket_path') != socket_path:
                connection = self._local.connection = _UnixConnection(socket_path, self.timeout)
                self._local.socket_path = socket_path
                with self._lock:
                    self._connections.append(connection)
            try:
                connection.request('GET', url, headers={'Host': 'docker'})
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                self._local.connection = None
                if attempt == 2 or isinstance(exc, (FileNotFoundError, ConnectionRefusedError)):
                    self.reset()
                    raise EngineUnavailable(f'The Docker engine is unreachable. {HINT}') from None
                continue  # a kept-alive connection the engine had closed: once more on a new one
            if response.status >= 400:
                message = (orjson.loads(body).get('message') if body.startswith(b'{') else body.decode(errors='replace'))
                raise {404: NotFound, 409: Conflict, 400: InvalidInput}.get(response.status, DeployerError)(
                    str(message or response.reason))
            return body
        raise AssertionError('unreachable')

    @property
    def is_local(self) -> bool:
        """Reached over a unix socket: the engine shares this machine's clock."""
        return self.socket_path() is not None

    def socket_path(self) -> str | None:
        """The engine's unix socket, when it is reached through one."""
        url = self._url()
        for prefix in ('unix://', 'http+unix://'):
            if url.startswith(prefix):
                return url[len(prefix):]
        return None

    def inspect(self, ref: str) -> dict[str, Any]:
        return self.call(lambda c: c.inspect_container(ref), f'container {ref!r}')

    def resolve(self, ref: str) -> dict[str, Any]:
        """Find one container by full id, unique id prefix or name; returns its inspect data."""
        ref = ref.strip()
        if not ref or len(ref) > 256 or '/' in ref.lstrip('/') or '\x00' in ref:
            raise InvalidInput(f'{ref[:60]!r} is not a container id or name')
        return self.inspect(ref)

    def logs(self, ref: str, *, tail: int | None = None, since: datetime | float | None = None,
             until: datetime | float | None = None, timestamps: bool = False) -> bytes:
        return self.call(lambda c: c.logs(ref, stream=False, timestamps=timestamps,
                                          tail='all' if tail is None else tail, since=since, until=until),
                         f'container {ref!r}')

    def follow_logs(self, ref: str, *, tail: int | None = None, since: datetime | float | None = None,
                    timestamps: bool = False) -> tuple[Iterator[bytes], Callable[[], None]]:
        """A blocking iterator of raw log chunks and a function that ends it from any thread."""
        client = self.stream_client()
        try:
            tty = bool(client.inspect_container(ref)['Config'].get('Tty'))
            response = client._get(client._url('/containers/{0}/logs', ref), stream=True, params={
                'stdout': 1, 'stderr': 1, 'follow': 1, 'timestamps': int(timestamps),
                'tail': 'all' if tail is None else tail,
                **({'since': since.timestamp() if isinstance(since, datetime) else since} if since else {}),
            })
            client._raise_for_status(response)
        except Exception as exc:
            client.close()
            raise translate(exc, f'container {ref!r}') from None
        if tty:
            chunks = client._stream_raw_result(response, chunk_size=65536, decode=False)
        elif self.socket_path() is None:   # TLS or SSH: the SDK polls the socket, which misses what TLS buffered
            chunks = _demultiplexed(response.raw)
        else:
            chunks = client._multiplexed_response_stream_helper(response)

        def close() -> None:
            # shut the socket down first: a reader blocked in recv() returns at once (closing the
            # response while another thread reads from it would wait for that read)
            with contextlib.suppress(Exception):
                _raw_socket(response).shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(Exception):
                response.close()
            with contextlib.suppress(Exception):
                client.close()

        return _safe_iter(chunks), close

    def events(self) -> tuple[Iterator[dict[str, Any]], Callable[[], None]]:
        client = self.stream_client()
        try:
            stream = client.events(decode=True, filters={'type': ['container']})
        except Exception as exc:
            client.close()
            raise translate(exc) from None

        def close() -> None:
            with contextlib.suppress(Exception):
                stream.close()
            with contextlib.suppress(Exception):
                client.close()

        return _safe_iter(stream), close

    # ---- changes ----------------------------------------------------------------------
    def start(self, ref: str) -> None:
        self.call(lambda c: c.start(ref), f'container {ref!r}')

    def stop(self, ref: str, *, timeout: int | None = None) -> None:
        self.call(lambda c: c.stop(ref, timeout=10 if timeout is None else timeout), f'container {ref!r}')

    def restart(self, ref: str, *, timeout: int | None = None) -> None:
        self.call(lambda c: c.restart(ref, timeout=10 if timeout is None else timeout), f'container {ref!r}')

    def pause(self, ref: str) -> None:
        self.call(lambda c: c.pause(ref), f'container {ref!r}')

    def unpause(self, ref: str) -> None:
        self.call(lambda c: c.unpause(ref), f'container {ref!r}')

    def kill(self, ref: str, *, signal: str | None = None) -> None:
        self.call(lambda c: c.kill(ref, signal=signal or 'SIGKILL'), f'container {ref!r}')

    def remove(self, ref: str, *, force: bool = False, volumes: bool = False) -> None:
        self.call(lambda c: c.remove_container(ref, force=force, v=volumes), f'container {ref!r}')


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float) -> None:
        super().__init__('docker', timeout=timeout)
        self.socket_path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.socket_path)
        except OSError:
            sock.close()
            raise
        self.sock = sock


def _raw_socket(response: Any) -> socket.socket:
    """The socket under a streamed SDK response (as docker-py's CancellableStream finds it)."""
    raw = response.raw._fp.fp.raw
    return getattr(raw, 'sock', None) or raw._sock


def _safe_iter(source: Iterator[T]) -> Iterator[T]:
    """End quietly when the stream's connection is closed under it (engine gone or cancelled)."""
    try:
        yield from source
    except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError, ValueError, AttributeError):
        return  # e.g. urllib3's ProtocolError when dockerd exits mid-stream (IncompleteRead)


def _seconds(ns: int) -> str:
    return f'{ns // 1_000_000_000}.{ns % 1_000_000_000:09d}'


def _demultiplexed(raw: Any) -> Iterator[bytes]:
    """The payloads of a multiplexed log stream (an 8-byte header: stream, 0, 0, 0, size; then the
    payload), read through the HTTP response itself. The SDK's helper polls the socket before each
    read: over TLS, a frame whose header and payload came in one record is half read, and the payload
    waits in the TLS buffer until the next record arrives — a log line stuck until the container
    writes another one."""
    def exactly(size: int) -> bytes | None:
        data = b''
        while len(data) < size:
            piece = raw.read(size - len(data), decode_content=False)
            if not piece:
                return None
            data += piece
        return data
    while (header := exactly(8)) is not None:
        size = int.from_bytes(header[4:8], 'big')
        payload = exactly(size) if size else b''
        if payload is None:
            return
        yield payload
