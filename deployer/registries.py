"""Logins to private registries: kept in ``secrets/registries/logins.yaml`` (mode 0600, out of
the configuration repository), used by every pull and update check the app makes, never
returned.

    logins = RegistryLogins(data_dir / 'secrets', engine, recorder, secrets=secrets, check_writable=check)
    logins.save('ghcr.io', 'me', 'token')    # verified with the registry through the engine first
    logins.list()                            # -> [RegistryLogin(registry, username, saved_at)], no password
    logins.auth_for('ghcr.io/me/app:2')      # -> {'username', 'password', 'serveraddress'} or None
    logins.remove('ghcr.io')

A registry is named as Docker names it: the first part of an image reference when it has a dot
or a port or is ``localhost`` (``ghcr.io``, ``127.0.0.1:5000``), else Docker Hub (``docker.io``).
"""
from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from .engine import DOCKER_HUB, HUB_ALIASES, Engine, registry_of
from .errors import DeployerError, InvalidInput, NotFound
from .operations import SYSTEM, Origin, Recorder
from .secrets import Secrets

HUB_SERVER = 'https://index.docker.io/v1/'   # the address Docker Hub logins are kept under
_HOST = re.compile(r'^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$'
                   r'|^\[[0-9a-f:]+\](?::\d{1,5})?$')


@dataclass(frozen=True)
class RegistryLogin:
    registry: str
    username: str
    saved_at: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def registry_name(text: str) -> str:
    """A registry as typed (``https://ghcr.io/``, ``GHCR.io``, ``index.docker.io``) -> its name
    (``ghcr.io``, ``docker.io``); anything else is refused."""
    name = (text or '').strip().lower()
    name = re.sub(r'^[a-z][a-z0-9+.-]*://', '', name).rstrip('/')
    if name.endswith('/v1') or name.endswith('/v2'):
        name = name[:-3]
    if name in HUB_ALIASES:
        return DOCKER_HUB
    if not name or len(name) > 253 or not _HOST.match(name) or (':' in name and not name.startswith('[')
                                                                 and not 0 < int(name.rsplit(':', 1)[1]) < 65536):
        raise InvalidInput(f'{text[:80]!r} is not a registry: give its host name and port, like ghcr.io or '
                           '127.0.0.1:5000')
    if '.' not in name and ':' not in name and name != 'localhost':
        # Docker reads "name/app" as a Docker Hub repository: a login for "name" would never be used
        raise InvalidInput(f'{text[:80]!r} is not a registry Docker would pull from: a registry\'s name has a dot '
                           'or a port (ghcr.io, registry.local:5000) or is localhost')
    return name


class RegistryLogins:
    """The saved logins; thread-safe. The file is read once and written whole on each change
    (to a temporary file renamed over it: a crash leaves the old or the new one, never half)."""

    def __init__(self, folder: Path, engine: Engine, recorder: Recorder, *, secrets: Secrets,
                 check_writable: Callable[[str], None]) -> None:
        self.path = folder / 'registries' / 'logins.yaml'
        self.engine = engine
        self._recorder = recorder
        self._secrets = secrets
        self._check_writable = check_writable
        self._lock = threading.Lock()
        self._logins: dict[str, dict[str, Any]] = self._read()
        self._publish()

    # ---- reading ------------------------------------------------------------------------------
    def list(self) -> list[RegistryLogin]:
        with self._lock:
            return [RegistryLogin(name, str(entry['username']), float(entry.get('saved_at') or 0))
                    for name, entry in sorted(self._logins.items())]

    def auth_for(self, ref: str) -> dict[str, str] | None:
        """What the engine is sent to pull ``ref`` (or to ask its registry about it), or None
        when no login is saved for its registry."""
        name = registry_of(ref)
        with self._lock:
            entry = self._logins.get(name)
        if entry is None:
            return None
        return {'username': str(entry['username']), 'password': str(entry['password']),
                'serveraddress': HUB_SERVER if name == DOCKER_HUB else name}

    # ---- changes ------------------------------------------------------------------------------
    def save(self, registry: str, username: str, password: str, *, verify: bool = True,
             origin: Origin = SYSTEM) -> RegistryLogin:
        """Keep a login for ``registry`` (replacing the one kept); with ``verify`` the registry is
        asked first, through the engine, and a login it refuses is not kept."""
        name = registry_name(registry)
        username = (username or '').strip()
        if not username or len(username) > 255 or any(ch in username for ch in '\r\n\x00'):
            raise InvalidInput('a registry login needs a user name (one line, at most 255 characters)')
        if not password or len(password) > 4096 or any(ch in password for ch in '\r\n\x00'):
            raise InvalidInput('a registry login needs a password or access token (one line)')
        self._check_writable('registry login')
        with self._recorder.operation('registry.login', target=name, origin=origin,
                                      params={'username': username, 'verified': verify}) as op:
            if verify:
                self._verify(name, username, password)
            saved_at = time.time()
            entry = {'username': username, 'password': password, 'saved_at': saved_at}
            with self._lock:
                logins = {**self._logins, name: entry}
                self._write(logins)
                self._logins = logins
            self._publish()
            op.result = f'login for {name} kept' + (' (checked with the registry)' if verify else ' (not checked)')
        return RegistryLogin(name, username, saved_at)

    def remove(self, registry: str, *, origin: Origin = SYSTEM) -> None:
        name = registry_name(registry)
        self._check_writable('registry logout')
        with self._lock:
            known = name in self._logins
        if not known:
            raise NotFound(f'no login is kept for {name}')
        with self._recorder.operation('registry.logout', target=name, origin=origin) as op:
            with self._lock:
                logins = {k: v for k, v in self._logins.items() if k != name}
                self._write(logins)
                self._logins = logins
            self._publish()
            op.result = f'login for {name} forgotten'

    # ---- helpers ------------------------------------------------------------------------------
    def _verify(self, name: str, username: str, password: str) -> None:
        server = HUB_SERVER if name == DOCKER_HUB else name
        try:
            # a plain POST /auth: the SDK's login() would also keep the login in the client's memory
            self.engine.call(lambda c: c._result(c._post_json(c._url('/auth'), data={
                'username': username, 'password': password, 'serveraddress': server}), json=True),
                f'registry {name!r}')
        except DeployerError as exc:
            message = exc.message.replace(password, '••••••') if len(password) >= 4 else exc.message
            lowered = message.lower()
            if any(word in lowered for word in ('401', 'unauthorized', 'incorrect', 'denied', 'authentication')):
                raise InvalidInput(f'{name} refused the login for {username}: check the user name and password '
                                   f'({message})') from None
            raise InvalidInput(f'{name} could not be asked about the login ({message}); nothing was kept') from None

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            data = yaml.safe_load(self.path.read_text()) or {}
        except FileNotFoundError:
            return {}
        except (OSError, yaml.YAMLError) as exc:
            raise DeployerError(f'the registry logins in {self.path} cannot be read ({type(exc).__name__}); '
                                'fix or remove the file') from None
        if not isinstance(data, dict):
            return {}
        return {str(k): v for k, v in data.items()
                if isinstance(v, dict) and v.get('username') and v.get('password')}

    def _write(self, logins: dict[str, dict[str, Any]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = self.path.with_name(f'.{self.path.name}.{os.getpid()}.tmp')
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, 'w') as handle:
            handle.write('# registry logins kept by DockerDeployer: never returned by the app, never in git\n')
            yaml.safe_dump(logins, handle, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)

    def _publish(self) -> None:
        """Passwords are masked wherever they would show (an engine error that quotes one …)."""
        with self._lock:
            values = [str(entry['password']) for entry in self._logins.values()]
        self._secrets.set_group('registry logins', values)
