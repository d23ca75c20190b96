"""The only module that imports docker: SDK calls in, our value types and errors out.

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
import orjson
import requests.exceptions
import urllib3.exceptions

from .errors import Conflict, DeployerError, EngineUnavailable, InvalidInput, NotFound, PullFailed
from .models import (
    SERVICE_LABEL,
    STACK_LABEL,
    ContainerDetail,
    ContainerSummary,
    Mount,
    NetworkAttachment,
    PortBinding,
)

T = TypeVar('T')

HINT = ('Start the Docker engine (e.g. `sudo systemctl start docker`) or point DOCKER_HOST at one '
        'that runs; DockerDeployer reconnects by itself.')


def translate(exc: Exception, what: str = '') -> DeployerError:
    """Turn an SDK or transport exception into one of ours."""
    if isinstance(exc, DeployerError):
        return exc
    if isinstance(exc, docker.errors.InvalidArgument):
        return InvalidInput(str(exc))
    if isinstance(exc, docker.errors.NotFound):
        return NotFound(f'{what or "object"} not found' if what else _explanation(exc))
    if isinstance(exc, docker.errors.APIError):
        status = exc.status_code or 500
        message = _explanation(exc)
        if status == 409:
            return Conflict(message)
        if status in (400, 422):
            return InvalidInput(message)
        if status == 404:
            return NotFound(message)
        if any(text in message for text in ('is not paused', 'is not running', 'is already paused', 'is paused')):
            return Conflict(message)
        if 'Multiple IDs found' in message:
            return InvalidInput(f'{what or "the reference"} is ambiguous: {message}; give more of the id or the name')
        return DeployerError(f'the Docker engine refused: {message}')
    if isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                        docker.errors.DockerException, ConnectionError, FileNotFoundError)):
        return EngineUnavailable(f'The Docker engine is unreachable. {HINT}')
    return DeployerError(f'unexpected engine error: {type(exc).__name__}')


def _explanation(exc: docker.errors.APIError) -> str:
    text = exc.explanation
    if isinstance(text, bytes):
        text = text.decode('utf-8', 'replace')
    return str(text or exc).strip()


def parse_health(status_text: str) -> str | None:
    if '(healthy)' in status_text:
        return 'healthy'
    if '(unhealthy)' in status_text:
        return 'unhealthy'
    if '(health: starting)' in status_text:
        return 'starting'
    return None


def _ports_from_list(raw: list[dict[str, Any]] | None) -> list[PortBinding]:
    ports = {
        PortBinding(container_port=int(p['PrivatePort']), protocol=p.get('Type', 'tcp'),
                    host_ip=p.get('IP') if p.get('PublicPort') else None,
                    host_port=int(p['PublicPort']) if p.get('PublicPort') else None)
        for p in raw or []
    }
    # the engine lists a port published on all interfaces twice, for IPv4 and IPv6: keep one
    ports -= {p for p in ports
              if p.host_ip == '::' and PortBinding(p.container_port, p.protocol, '0.0.0.0', p.host_port) in ports}
    return sorted(ports, key=lambda p: (p.container_port, p.protocol, p.host_ip or '', p.host_port or 0))


def _ports_from_inspect(raw: dict[str, list[dict[str, str]] | None] | None) -> list[PortBinding]:
    ports: list[PortBinding] = []
    for key, bindings in (raw or {}).items():
        number, _, protocol = key.partition('/')
        if not bindings:
            ports.append(PortBinding(container_port=int(number), protocol=protocol or 'tcp'))
        for b in bindings or []:
            ports.append(PortBinding(container_port=int(number), protocol=protocol or 'tcp',
                                     host_ip=b.get('HostIp') or None,
                                     host_port=int(b['HostPort']) if b.get('HostPort') else None))
    return sorted(ports, key=lambda p: (p.container_port, p.protocol, p.host_ip or '', p.host_port or 0))


def summary_from_list(raw: dict[str, Any], started_at: str | None = None) -> ContainerSummary:
    labels = raw.get('Labels') or {}
    names = raw.get('Names') or ['/' + raw['Id'][:12]]
    status = raw.get('Status', '')
    return ContainerSummary(
        id=raw['Id'], short_id=raw['Id'][:12], name=names[0].lstrip('/'), image=raw.get('Image', ''),
        state=raw.get('State', 'unknown'), status=status, health=parse_health(status),
        created=float(raw.get('Created', 0)), started_at=started_at,
        ports=_ports_from_list(raw.get('Ports')), stack=labels.get(STACK_LABEL),
        service=labels.get(SERVICE_LABEL), labels=labels,
    )


def human_duration(seconds: float) -> str:
    """Docker's wording for how long ago or for how long (``docker ps`` STATUS)."""
    if seconds < 1:
        return 'Less than a second'
    if seconds < 60:
        return '1 second' if int(seconds) == 1 else f'{int(seconds)} seconds'
    minutes = seconds / 60
    if minutes < 1.5:
        return 'About a minute'
    if minutes < 60:
        return f'{round(minutes)} minutes'
    hours = minutes / 60
    if hours < 1.5:
        return 'About an hour'
    if hours < 48:
        return f'{round(hours)} hours'
    days = hours / 24
    if days < 14:
        return f'{int(days)} days'
    if days < 60:
        return f'{int(days // 7)} weeks'
    if days < 730:
        return f'{int(days // 30)} months'
    return f'{int(days // 365)} years'


def _epoch(text: str | None) -> float | None:
    if not text or text.startswith('0001-'):
        return None
    try:
        head, _, rest = text.rstrip('Z').partition('.')
        fraction = float('0.' + ''.join(ch for ch in rest if ch in '0123456789')[:6]) if rest else 0.0
        return datetime.fromisoformat(head + '+00:00').timestamp() + fraction
    except ValueError:
        return None


def status_text(state: dict[str, Any], now: float) -> str:
    status = state.get('Status', 'unknown')
    started, finished = _epoch(state.get('StartedAt')), _epoch(state.get('FinishedAt'))
    health = (state.get('Health') or {}).get('Status')
    if status in ('running', 'paused'):
        text = f'Up {human_duration(now - started)}' if started else 'Up'
        if status == 'paused':
            return text + ' (Paused)'
        return text + {'healthy': ' (healthy)', 'unhealthy': ' (unhealthy)', 'starting': ' (health: starting)'}.get(
            health or '', '')
    if status == 'restarting':
        return f'Restarting ({state.get("ExitCode", 0)}) {human_duration(now - (finished or now))} ago'
    if status == 'exited':
        return f'Exited ({state.get("ExitCode", 0)}) {human_duration(now - (finished or now))} ago'
    return {'created': 'Created', 'dead': 'Dead', 'removing': 'Removal In Progress'}.get(status, status.capitalize())


def summary_from_inspect(raw: dict[str, Any], now: float) -> ContainerSummary:
    """A list-style summary from inspect data, which is current the moment an event arrives
    (the engine's list can still show the state from before the event)."""
    config, state = raw.get('Config') or {}, raw.get('State') or {}
    labels = config.get('Labels') or {}
    ports = _ports_from_inspect((raw.get('NetworkSettings') or {}).get('Ports')
                                or {k: None for k in (config.get('ExposedPorts') or {})})
    ports = [p for p in ports if not (p.host_ip == '::' and
                                      PortBinding(p.container_port, p.protocol, '0.0.0.0', p.host_port) in ports)]
    status = status_text(state, now)
    return ContainerSummary(
        id=raw['Id'], short_id=raw['Id'][:12], name=raw.get('Name', '').lstrip('/'), image=config.get('Image', ''),
        state=state.get('Status', 'unknown'), status=status, health=parse_health(status),
        created=_epoch(raw.get('Created')) or 0.0, started_at=_time_or_none(state.get('StartedAt')),
        ports=ports, stack=labels.get(STACK_LABEL), service=labels.get(SERVICE_LABEL), labels=labels)


def _time_or_none(text: str | None) -> str | None:
    return None if not text or text.startswith('0001-') else text


def detail_from_inspect(raw: dict[str, Any]) -> ContainerDetail:
    config = raw.get('Config') or {}
    state = raw.get('State') or {}
    host = raw.get('HostConfig') or {}
    labels = config.get('Labels') or {}
    health = (state.get('Health') or {}).get('Status')
    mounts = [Mount(type=m.get('Type', 'volume'), source=m.get('Source') or None,
                    destination=m.get('Destination', ''), read_only=not m.get('RW', True),
                    name=m.get('Name')) for m in raw.get('Mounts') or []]
    networks = [NetworkAttachment(name=name, ip_address=(n or {}).get('IPAddress') or None,
                                  aliases=list((n or {}).get('Aliases') or []))
                for name, n in ((raw.get('NetworkSettings') or {}).get('Networks') or {}).items()]
    policy = host.get('RestartPolicy') or {}
    return ContainerDetail(
        id=raw['Id'], short_id=raw['Id'][:12], name=raw.get('Name', '').lstrip('/'),
        image=config.get('Image', ''), image_id=raw.get('Image', ''),
        state=state.get('Status', 'unknown'), status=_status_text(state), health=health,
        created=raw.get('Created', ''), started_at=_time_or_none(state.get('StartedAt')),
        finished_at=_time_or_none(state.get('FinishedAt')),
        exit_code=state.get('ExitCode') if state.get('Status') in ('exited', 'dead') else None,
        restart_count=int(raw.get('RestartCount') or 0),
        ports=_ports_from_inspect((raw.get('NetworkSettings') or {}).get('Ports')
                                  or {k: None for k in (config.get('ExposedPorts') or {})}),
        stack=labels.get(STACK_LABEL), service=labels.get(SERVICE_LABEL), labels=labels,
        env=[item.partition('=')[0] for item in config.get('Env') or []],
        mounts=mounts, networks=networks,
        restart_policy={'name': policy.get('Name') or 'no', 'maximum_retry_count': policy.get('MaximumRetryCount', 0)},
        command=list(config.get('Cmd') or []), entrypoint=list(config.get('Entrypoint') or []),
        hostname=config.get('Hostname', ''), working_dir=config.get('WorkingDir', ''),
        user=config.get('User', ''), privileged=bool(host.get('Privileged')),
    )


def _status_text(state: dict[str, Any]) -> str:
    status = state.get('Status', 'unknown')
    if status == 'exited':
        return f'Exited ({state.get("ExitCode", 0)})'
    return status.capitalize()


class StackEngine:
    """Engine calls the stack code needs, in the Engine API's own JSON shapes (create bodies,
    network and volume specs). Mixed into :class:`Engine`; kept apart for readability."""

    call: Callable[..., Any]

    def create_container(self, name: str, body: dict[str, Any]) -> str:
        body = dict(body)
        params = {'name': name}
        if body.get('platform'):
            params['platform'] = body.pop('platform')

        def create(c: docker.APIClient) -> str:
            response = c._post_json(c._url('/containers/create'), data=body, params=params)
            return c._result(response, True)['Id']
        return self.call(create, f'container {name!r}')

    def rename(self, ref: str, name: str) -> None:
        self.call(lambda c: c.rename(ref, name), f'container {ref!r}')

    def connect(self, network: str, container: str, endpoint: dict[str, Any] | None = None) -> None:
        """Join ``container`` to ``network`` with an EndpointConfig (aliases, IPAMConfig …)."""
        def connect(c: docker.APIClient) -> None:
            response = c._post_json(c._url('/networks/{0}/connect', network),
                                    data={'Container': container, 'EndpointConfig': endpoint or {}})
            c._raise_for_status(response)
        self.call(connect, f'network {network!r}')

    def networks(self, *, labels: list[str] | None = None, names: list[str] | None = None) -> list[dict[str, Any]]:
        filters: dict[str, Any] = {}
        if labels:
            filters['label'] = labels
        if names:
            filters['name'] = names
        return self.call(lambda c: c.networks(filters=filters or None))

    def inspect_network(self, name: str) -> dict[str, Any] | None:
        try:
            return self.call(lambda c: c.inspect_network(name), f'network {name!r}')
        except NotFound:
            return None

    def create_network(self, name: str, *, driver: str | None, options: dict[str, str], labels: dict[str, str],
                       internal: bool, attachable: bool, enable_ipv6: bool, ipam: dict[str, Any] | None) -> str:
        def create(c: docker.APIClient) -> str:
            body: dict[str, Any] = {'Name': name, 'CheckDuplicate': True, 'Driver': driver or 'bridge',
                                    'Options': options, 'Labels': labels, 'Internal': internal,
                                    'Attachable': attachable, 'EnableIPv6': enable_ipv6}
            if ipam:
                body['IPAM'] = {'Driver': ipam.get('driver', 'default'), 'Options': ipam.get('options') or {},
                                'Config': [{k.capitalize() if k != 'ip_range' else 'IPRange': v for k, v in cfg.items()}
                                           for cfg in ipam.get('config') or []]}
            return c._result(c._post_json(c._url('/networks/create'), data=body), True)['Id']
        return self.call(create, f'network {name!r}')

    def remove_network(self, name: str) -> None:
        self.call(lambda c: c.remove_network(name), f'network {name!r}')

    def volumes(self, *, labels: list[str] | None = None) -> list[dict[str, Any]]:
        filters = {'label': labels} if labels else None
        return self.call(lambda c: c.volumes(filters=filters)).get('Volumes') or []

    def inspect_volume(self, name: str) -> dict[str, Any] | None:
        try:
            return self.call(lambda c: c.inspect_volume(name), f'volume {name!r}')
        except NotFound:
            return None

    def create_volume(self, name: str, *, driver: str | None, options: dict[str, str], labels: dict[str, str]) -> None:
        self.call(lambda c: c.create_volume(name, driver=driver or 'local', driver_opts=options or None,
                                            labels=labels or None), f'volume {name!r}')

    def remove_volume(self, name: str, *, force: bool = False) -> None:
        self.call(lambda c: c.remove_volume(name, force=force), f'volume {name!r}')

    def image_id(self, ref: str) -> str | None:
        try:
            return self.call(lambda c: c.inspect_image(ref), f'image {ref!r}')['Id']
        except NotFound:
            return None

    def pull(self, ref: str, progress: Callable[[dict[str, Any]], None]) -> None:
        repository, tag = split_image(ref)

        def pull(c: docker.APIClient) -> None:
            for event in c.pull(repository, tag=tag, stream=True, decode=True):
                if 'error' in event:
                    raise PullFailed(f'pulling {ref} failed: {event["error"]}')
                progress(event)
        try:
            self.call(pull, f'image {ref!r}')
        except (EngineUnavailable, PullFailed):
            raise
        except DeployerError as exc:
            raise PullFailed(f'pulling {ref} failed: {exc.message}') from None

    def build(self, *, context: str, tag: str, dockerfile: str | None, args: dict[str, str], target: str | None,
              labels: dict[str, str], no_cache: bool, pull: bool, progress: Callable[[str], None],
              cache_from: list[str] | None = None, network: str | None = None, shm_size: int | None = None,
              extra_hosts: list[str] | None = None) -> None:
        hosts = dict(h.split(':', 1) for h in extra_hosts or []) or None

        def build(c: docker.APIClient) -> None:
            for event in c.build(path=context, tag=tag, dockerfile=dockerfile, buildargs=args or None, target=target,
                                 labels=labels or None, nocache=no_cache, pull=pull, rm=True, forcerm=True, decode=True,
                                 cache_from=cache_from or None, network_mode=network, shmsize=shm_size,
                                 extra_hosts=hosts):
                if 'error' in event:
                    raise DeployerError(str(event['error']).strip())
                text = event.get('stream') or event.get('status')
                if text and text.strip():
                    progress(text.rstrip())
        self.call(build, f'build context {context!r}')



class Engine(StackEngine):
    """A thread-safe handle on one Docker engine."""

    def __init__(self, base_url: str | None = None, *, timeout: int = 30) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self._lock = threading.Lock()
        self._client: docker.APIClient | None = None
        self._version: str | None = None
        self._local = threading.local()
        self._connections: list[http.client.HTTPConnection] = []

    # ---- connection -------------------------------------------------------------------
    def client(self) -> docker.APIClient:
        with self._lock:
            if self._client is None:
                try:
                    client = docker.APIClient(base_url=self._url(), version='auto', timeout=self.timeout,
                                              max_pool_size=64)
                except Exception as exc:
                    raise translate(exc) from None
                self._client, self._version = client, client.api_version
            return self._client

    def stream_client(self) -> docker.APIClient:
        """A separate client for one long-lived stream (events, logs, stats)."""
        client = self.client()
        return docker.APIClient(base_url=self._url(), version=client.api_version, timeout=self.timeout)

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
        return orjson.loads(self.get_bytes(path, params))

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
        chunks = (client._stream_raw_result(response, chunk_size=65536, decode=False) if tty
                  else client._multiplexed_response_stream_helper(response))

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


def split_image(ref: str) -> tuple[str, str]:
    """'nginx:1.25' -> ('nginx', '1.25'); 'host:5000/app' -> ('host:5000/app', 'latest'); digests kept."""
    if '@' in ref:
        repository, _, digest = ref.partition('@')
        return repository, digest
    name, _, tag = ref.rpartition(':')
    if not name or '/' in tag:
        return ref, 'latest'
    return name, tag
