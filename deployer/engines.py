"""Several Docker engines: the local one (``local``, always there, the default) and others reached
the way Docker itself reaches them — a remote engine endpoint, never an agent of ours.

    engines = EngineSet(local_node, config_dir=…, secrets_dir=…, recorder=…, bus=…, secrets=…, …)
    engines.add('edge-2', 'tcp://10.0.0.5:2376', ca=…, cert=…, key=…)   # asked first; kept only if it answers
    engines.node('edge-2').watcher.snapshot()                               # its own event-fed cache
    engines.list()                                                          # id, url, reachable, version …
    engines.remove('edge-2')

Each engine is an :class:`EngineNode`: its own client, watcher (event stream and container cache)
and stats poller, so one engine that stops answering slows and breaks nothing of the others; its
events go on the shared bus tagged with its id. What engines exist is configuration
(``engines.yaml`` in the configuration repository, committed); their TLS keys are secrets
(``secrets/engines/<id>/``, mode 0600, never returned).

Reached: ``tcp://host:port`` with TLS client certificates (a CA, a certificate and its key), or
plain ``tcp://`` only when asked for explicitly (anyone on that network then controls the engine);
``ssh://user@host`` with a private key, the host's key trusted on first use by the user (its
fingerprint is answered first, and sent back to trust it; engine/ssh.py); ``unix://`` sockets of
this machine.
"""
from __future__ import annotations

import builtins
import dataclasses
import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from .bus import EventBus
from .coalesce import FreshCall
from .engine import Engine, summary_from_list
from .errors import Conflict, DeployerError, HostKeyUnknown, InvalidInput, NotFound
from .models import ContainerSummary
from .operations import SYSTEM, Origin, Recorder
from .stats import StatsCollector
from .watcher import Watcher

T = TypeVar('T')

LOCAL = 'local'
ENGINE_ID = re.compile(r'^[a-z0-9][a-z0-9-]{0,30}$')
ALL = 'all'          # ?engine=all: every engine, where a route can say
RESERVED = frozenset({LOCAL, ALL, 'default'})
CONFIG_FILE = 'engines.yaml'
PEM = re.compile(r'-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----')
PRIVATE_KEY = re.compile(r'-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+?-----END [A-Z ]*PRIVATE KEY-----')
CONNECT_TIMEOUT = 10


@dataclass
class EngineNode:
    """One engine and what watches it."""
    id: str
    url: str
    engine: Engine
    watcher: Watcher
    stats: StatsCollector
    tls: bool = False
    bind_roots: tuple[str, ...] = ()
    listing: FreshCall[list[ContainerSummary]] = field(init=False)
    _made: dict[str, Any] = field(init=False, default_factory=dict)
    _made_lock: threading.RLock = field(init=False, default_factory=threading.RLock)   # a maker may ask for another kind

    def __post_init__(self) -> None:
        self.listing = FreshCall(self._list_all)

    def service(self, kind: str, make: Callable[[EngineNode], T]) -> T:
        """This engine's one ``kind`` of service (stacks, images, updates …), made by ``make`` the
        first time it is asked for; a node made again (the engine changed) makes its own."""
        with self._made_lock:
            made = self._made.get(kind)
            if made is None:
                made = self._made[kind] = make(self)
            return made

    def forget_services(self) -> None:
        """Its services are made again on the next ask (its bind roots changed)."""
        with self._made_lock:
            self._made.clear()

    def _list_all(self) -> list[ContainerSummary]:
        started = self.watcher.started_at
        rows = [summary_from_list(raw, started.get(raw['Id'])) for raw in self.engine.list_raw(all=True)]
        if self.id == LOCAL:
            return rows
        return [_tagged(row, self.id) for row in rows]

    def containers(self) -> list[ContainerSummary]:
        """Every container of this engine as of now: the event-fed cache when it can say (a remote
        engine's events carry its clock, not ours: its cache as the events left it), else its list."""
        rows = self.watcher.current()
        if rows is None and self.id != LOCAL and self.watcher.state.reachable and self.watcher.synced.is_set():
            rows = self.watcher.snapshot()
        if rows is None:
            rows = self.listing()
        return rows

    def describe(self, default: bool) -> dict[str, Any]:
        state = self.watcher.state
        return {'id': self.id, 'url': self.url, 'tls': self.tls, 'default': default, 'reachable': state.reachable,
                'version': state.version, 'error': None if state.reachable else state.error,
                'containers': state.containers_total, 'running': state.containers_running,
                'bind_roots': list(self.bind_roots)}

    def start(self) -> None:
        self.watcher.start()

    def close(self) -> None:
        self.watcher.stop()
        self.stats.close()
        self.engine.close()


def _tagged(row: ContainerSummary, engine: str) -> ContainerSummary:
    return dataclasses.replace(row, engine=engine)


class EngineSet:
    """The local engine and the configured others, by id."""

    def __init__(self, local: EngineNode, *, config_dir: Path, secrets_dir: Path, recorder: Recorder, bus: EventBus,
                 on_inspect: Callable[[dict[str, Any]], Any] | None, check_writable: Callable[[str], None],
                 stats_enabled: bool = True, auth_for: Callable[[str], dict[str, str] | None] | None = None) -> None:
        self.local = local
        self.config_dir = config_dir
        self.secrets_dir = secrets_dir / 'engines'
        self._recorder = recorder
        self._bus = bus
        self._on_inspect = on_inspect
        self._check_writable = check_writable
        self._stats_enabled = stats_enabled
        self._auth_for = auth_for   # the kept registry logins: every engine's pulls use them
        if auth_for is not None:
            local.engine.auth_for = auth_for
        self._lock = threading.Lock()
        self._nodes: dict[str, EngineNode] = {LOCAL: local}
        self._started = False
        for engine_id, entry in self._read().items():
            try:
                self._nodes[engine_id] = self._make(engine_id, entry)
            except DeployerError:
                continue   # its keys are gone: listed by nothing until it is added again

    # ---- reading ------------------------------------------------------------------------------
    def ids(self) -> list[str]:
        with self._lock:
            return list(self._nodes)

    def nodes(self) -> list[EngineNode]:
        with self._lock:
            return list(self._nodes.values())

    def node(self, engine_id: str | None) -> EngineNode:
        if engine_id in (None, '', LOCAL, 'default'):
            return self.local
        with self._lock:
            found = self._nodes.get(str(engine_id))
        if found is None:
            known = ', '.join(self.ids())
            raise NotFound(f'no engine called {str(engine_id)[:40]!r} (engines: {known})')
        return found

    def list(self) -> list[dict[str, Any]]:
        return [node.describe(default=node.id == LOCAL) for node in self.nodes()]

    # ---- changes ------------------------------------------------------------------------------
    def add(self, engine_id: str, url: str, *, ca: str | None = None, cert: str | None = None, key: str | None = None,
            allow_plain: bool = False, bind_roots: builtins.list[str] | None = None, host_key: str | None = None,
            origin: Origin = SYSTEM) -> dict[str, Any]:
        """Ask the engine first (its version, over TLS when keys are given); keep it only if it
        answers. Its keys go to the secrets folder, the rest to the configuration repository."""
        engine_id = (engine_id or '').strip().lower()
        if not ENGINE_ID.match(engine_id) or engine_id in RESERVED:
            raise InvalidInput('an engine id is 1 to 31 lower-case letters, digits and dashes, not local, all or default')
        url = (url or '').strip()
        tls = _check_url(url, ca=ca, cert=cert, key=key, allow_plain=allow_plain)
        roots = _check_roots(bind_roots or [])
        self._check_writable('engine add')
        with self._lock:
            if engine_id in self._nodes:
                raise Conflict(f'an engine called {engine_id} exists: remove it first to change it')
        seen = None
        if url.startswith('ssh://'):   # trust on first use, by the user: the fingerprint goes back and forth
            from .engine.ssh import host_key as ssh_host_key  # paramiko: only for ssh:// engines
            seen = ssh_host_key(url)
            if (host_key or '').strip() != seen.fingerprint:
                raise HostKeyUnknown(f'the SSH host key of {seen.host} is {seen.kind} {seen.fingerprint}: check it on '
                                     'that host (ssh-keygen -lf /etc/ssh/ssh_host_*.pub) and send it back as host_key '
                                     'to trust it', fingerprint=seen.fingerprint, key_type=seen.kind, host=seen.host)
        with self._recorder.operation('engine.add', target=engine_id, origin=origin,
                                      params={'url': url, 'tls': tls, 'bind_roots': roots,
                                              **({'host_key': seen.fingerprint} if seen else {})}) as op:
            folder = self.secrets_dir / engine_id
            if tls:
                _write_keys(folder, {'ca.pem': ca or '', 'cert.pem': cert or '', 'key.pem': key or ''})
            if seen is not None:
                _write_keys(folder, {'known_hosts': seen.line, 'id_key': key or ''})
            entry = {'url': url, 'tls': tls, 'bind_roots': roots}
            try:
                node = self._make(engine_id, entry)
                version = _ask(node.engine, url)
            except DeployerError:
                _forget_keys(folder)
                raise
            with self._lock:
                self._nodes[engine_id] = node
                self._write()
            op.commit(f'add engine {engine_id} ({url})', paths=[CONFIG_FILE])
            if self._started:
                node.start()
            op.result = f'engine {engine_id}: Docker {version.get("Version")}'
        return {**node.describe(default=False), 'reachable': True, 'error': None, 'version': version.get('Version')}

    def contexts(self) -> builtins.list[dict[str, Any]]:
        """The docker contexts of the user running the app (``docker context ls``: $DOCKER_CONFIG or
        ~/.docker), each with whether it can be imported here and why not."""
        found = []
        for name, endpoint, folder in _docker_contexts():
            url = str(endpoint.get('Host') or '')
            tls = all((folder / f).exists() for f in ('ca.pem', 'cert.pem', 'key.pem'))
            why = None
            if url.startswith('ssh://'):
                why = 'an ssh:// context keeps no key: add it by hand with the private key'
            elif url.startswith('tcp://') and not tls:
                why = 'plain tcp:// (no TLS keys in the context): add it by hand if you mean it'
            elif endpoint.get('SkipTLSVerify'):
                why = 'the context skips TLS verification'
            elif not url.startswith(('tcp://', 'unix://')):
                why = f'{url[:40]!r} is not an address reached here'
            engine_id = re.sub(r'[^a-z0-9-]+', '-', name.lower()).strip('-')[:31] or 'context'
            found.append({'name': name, 'url': url, 'tls': tls, 'id': engine_id, 'importable': why is None,
                          'why_not': why, 'added': any(n.url == url for n in self.nodes())})
        return found

    def import_context(self, name: str, *, engine_id: str | None = None, origin: Origin = SYSTEM) -> dict[str, Any]:
        """Add the engine of a docker context, with its TLS keys (asked first, like any engine)."""
        for context in self.contexts():
            if context['name'] == name:
                break
        else:
            raise NotFound(f'no docker context called {name[:60]!r} (docker context ls)')
        if not context['importable']:
            raise InvalidInput(f'docker context {name} cannot be imported: {context["why_not"]}')
        folder = next(f for n, _, f in _docker_contexts() if n == name)
        def pem(kind: str) -> str | None:
            return (folder / f'{kind}.pem').read_text() if context['tls'] else None
        return self.add(engine_id or context['id'], context['url'], ca=pem('ca'), cert=pem('cert'), key=pem('key'),
                        origin=origin)

    def set_bind_roots(self, engine_id: str, bind_roots: builtins.list[str], *, origin: Origin = SYSTEM) -> dict[str, Any]:
        """The folders on that engine's host that its stacks and volumes may bind-mount (checked as
        paths on that host); committed with the engine. The local engine's are DEPLOYER_BIND_ROOTS."""
        if engine_id in RESERVED:
            raise Conflict("the local engine's folders are DEPLOYER_BIND_ROOTS, set when DockerDeployer starts")
        node = self.node(engine_id)
        roots = _check_roots(bind_roots)
        if len(roots) > 20:
            raise InvalidInput('at most 20 folders')
        self._check_writable('engine bind roots')
        with self._recorder.operation('engine.bind_roots', target=node.id, origin=origin,
                                      params={'bind_roots': roots}) as op:
            with self._lock:
                node.bind_roots = tuple(roots)
                node.forget_services()   # its stacks' policy is made again with these
                self._write()
            allowed = ', '.join(roots) or "only its stacks' own folders"
            op.commit(f'engine {node.id} may bind: {allowed}', paths=[CONFIG_FILE])
            op.result = f'{len(roots)} folders'
        return node.describe(default=False)

    def remove(self, engine_id: str, *, origin: Origin = SYSTEM) -> None:
        if engine_id in RESERVED:
            raise Conflict('the local engine is always there: it cannot be removed')
        node = self.node(engine_id)
        self._check_writable('engine remove')
        with self._recorder.operation('engine.remove', target=node.id, origin=origin, params={'url': node.url}) as op:
            with self._lock:
                self._nodes.pop(node.id, None)
                self._write()
            op.commit(f'remove engine {node.id}', paths=[CONFIG_FILE])
            node.close()
            _forget_keys(self.secrets_dir / node.id)
            op.result = f'engine {node.id} forgotten (its containers keep running there)'

    def start(self) -> None:
        self._started = True
        for node in self.nodes():
            if node.id != LOCAL:
                node.start()

    def close(self) -> None:
        for node in self.nodes():
            if node.id != LOCAL:
                node.close()

    # ---- helpers ------------------------------------------------------------------------------
    def _make(self, engine_id: str, entry: dict[str, Any]) -> EngineNode:
        url, tls = str(entry['url']), bool(entry.get('tls'))
        config = None
        if tls:
            folder = self.secrets_dir / engine_id
            if not all((folder / name).exists() for name in ('ca.pem', 'cert.pem', 'key.pem')):
                raise DeployerError(f'the TLS keys of engine {engine_id} are missing from {folder}')
            config = (str(folder / 'ca.pem'), str(folder / 'cert.pem'), str(folder / 'key.pem'))
        ssh = None
        if url.startswith('ssh://'):
            folder = self.secrets_dir / engine_id
            if not all((folder / name).exists() for name in ('known_hosts', 'id_key')):
                raise DeployerError(f'the SSH keys of engine {engine_id} are missing from {folder}')
            ssh = (str(folder / 'known_hosts'), str(folder / 'id_key'))
        engine = Engine(url.replace('tcp://', 'https://', 1) if tls else url, tls=config, ssh=ssh,
                        timeout=CONNECT_TIMEOUT * 3)
        if self._auth_for is not None:
            engine.auth_for = self._auth_for
        stats = StatsCollector(engine)   # samples only what it is told to track: nothing when stats are off
        watcher = Watcher(engine, self._bus, on_running=stats.track if self._stats_enabled else None,
                          on_inspect=self._on_inspect, engine_id=engine_id)
        return EngineNode(engine_id, url, engine, watcher, stats, tls, tuple(entry.get('bind_roots') or ()))

    def _read(self) -> dict[str, dict[str, Any]]:
        path = self.config_dir / CONFIG_FILE
        try:
            data = yaml.safe_load(path.read_text()) or {}
        except FileNotFoundError:
            return {}
        except (OSError, yaml.YAMLError) as exc:
            raise DeployerError(f'{path} cannot be read ({type(exc).__name__}): fix or remove it') from None
        engines = data.get('engines') if isinstance(data, dict) else None
        return {str(k): v for k, v in (engines or {}).items()
                if isinstance(v, dict) and v.get('url') and ENGINE_ID.match(str(k)) and str(k) not in RESERVED}

    def _write(self) -> None:
        """The engines other than the local one (called with the lock held)."""
        engines = {node.id: {'url': node.url, 'tls': node.tls, 'bind_roots': list(node.bind_roots)}
                   for node in self._nodes.values() if node.id != LOCAL}
        path = self.config_dir / CONFIG_FILE
        temporary = path.with_name(f'.{CONFIG_FILE}.tmp')
        temporary.write_text('# the Docker engines DockerDeployer manages besides the local one (keys: secrets/engines)\n'
                             + yaml.safe_dump({'engines': engines}, sort_keys=True))
        os.replace(temporary, path)


def _docker_contexts() -> builtins.list[tuple[str, dict[str, Any], Path]]:
    """(name, docker endpoint, its TLS folder) of each docker context, as the docker CLI keeps them:
    contexts/meta/<sha256 of the name>/meta.json and contexts/tls/<same>/docker/*.pem."""
    root = Path(os.environ.get('DOCKER_CONFIG') or Path.home() / '.docker') / 'contexts'
    found = []
    for meta in sorted((root / 'meta').glob('*/meta.json')) if (root / 'meta').is_dir() else []:
        try:
            data = json.loads(meta.read_text())
        except (OSError, ValueError):
            continue
        endpoint = (data.get('Endpoints') or {}).get('docker')
        if isinstance(data.get('Name'), str) and isinstance(endpoint, dict):
            found.append((data['Name'], endpoint, root / 'tls' / meta.parent.name / 'docker'))
    return found


def _check_url(url: str, *, ca: str | None, cert: str | None, key: str | None, allow_plain: bool) -> bool:
    """Is the address one we reach, and how: True for TLS. Refuses what would be unsafe unasked."""
    if url.startswith('ssh://'):
        if not re.fullmatch(r'ssh://[a-z_][a-z0-9_.-]{0,31}@[A-Za-z0-9.-]{1,253}(?::\d{1,5})?/?', url):
            raise InvalidInput(f'{url[:80]!r} is not ssh://user@host[:port]')
        if ca or cert:
            raise InvalidInput('an ssh:// engine takes a private key (key), not TLS certificates')
        if not (key and PRIVATE_KEY.search(key)) or len(key) > 20_000:
            raise InvalidInput('an ssh:// engine needs the private key of the user (key: -----BEGIN … PRIVATE KEY-----)')
        return False
    if url.startswith('unix://'):
        if any((ca, cert, key)):
            raise InvalidInput('a unix:// socket takes no TLS keys')
        if not re.fullmatch(r'unix:///[\w./-]{1,200}', url):
            raise InvalidInput(f'{url[:80]!r} is not a socket path like unix:///var/run/docker.sock')
        return False
    found = re.fullmatch(r'tcp://(?P<host>[A-Za-z0-9.-]{1,253}|\[[0-9a-fA-F:]+\]):(?P<port>\d{1,5})/?', url)
    if not found or not 0 < int(found.group('port')) < 65536:
        raise InvalidInput(f'{url[:80]!r} is not an engine address: tcp://host:port (2376 with TLS), '
                           'or unix:///path/to/docker.sock')
    given = [bool(v and v.strip()) for v in (ca, cert, key)]
    if any(given) and not all(given):
        raise InvalidInput('TLS needs all three: the CA certificate, the client certificate and its key')
    if all(given):
        for label, text in (('CA certificate', ca), ('client certificate', cert), ('key', key)):
            if not PEM.search(text or '') or len(text or '') > 20_000:
                raise InvalidInput(f'the {label} is not PEM text (-----BEGIN …-----)')
        return True
    if not allow_plain:
        raise InvalidInput('plain tcp:// gives anyone on that network full control of the engine: give its TLS '
                           'CA, client certificate and key, or allow plain tcp:// explicitly')
    return False


def _check_roots(roots: builtins.list[str]) -> builtins.list[str]:
    checked = []
    for root in roots:
        root = str(root).strip()
        if not root.startswith('/') or '..' in root.split('/') or len(root) > 400 or root == '/':
            raise InvalidInput(f'{root[:80]!r} is not a folder on that host for binds (an absolute path, not /)')
        checked.append(root.rstrip('/'))
    return checked


def _ask(engine: Engine, url: str) -> dict[str, Any]:
    try:
        return engine.version()
    except DeployerError as exc:
        engine.close()
        raise InvalidInput(f'the engine at {url} did not answer, so it was not added: {exc.message}') from None


def _write_keys(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    for name, text in files.items():
        descriptor = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, 'w') as handle:
            handle.write(text.strip() + '\n')


def _forget_keys(folder: Path) -> None:
    for name in ('ca.pem', 'cert.pem', 'key.pem', 'known_hosts', 'id_key'):
        (folder / name).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass
