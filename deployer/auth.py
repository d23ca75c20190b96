"""Who may come in: the access token (from DEPLOYER_TOKEN, else generated once and kept in the
data dir), the browser sessions handed out for it, and the limit on failed token attempts."""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import math
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from pathlib import Path

from .store import atomic_write

log = logging.getLogger(__name__)

SESSION_COOKIE = 'dd_session'
SESSION_LIFETIME = 30 * 24 * 3600.0   # seconds from sign-in; the cookie's Max-Age says the same
MAX_SESSIONS = 1000                   # beyond this, signing in ends the session that expires first


def load_or_create_token(data_dir: Path, configured: str | None) -> str:
    if configured:
        return configured
    path = data_dir / 'token'
    try:
        token = path.read_text().strip()
        if len(token) >= 16:
            return token
    except FileNotFoundError:
        pass
    token = secrets.token_urlsafe(24)
    atomic_write(path, token.encode(), mode=0o600)
    return token


class Sessions:
    """Browser sessions: a random id per sign-in, handed out as the cookie and never derived from the
    token. Only a keyed hash of each id is kept, in memory and in ``path`` (mode 0600), so sessions
    survive a restart, the file cannot be replayed as a cookie, and a new token (the hash key comes
    from it) ends them all. Each session expires ``lifetime`` seconds after sign-in."""

    def __init__(self, path: Path | None, key: bytes, *, lifetime: float = SESSION_LIFETIME,
                 limit: int = MAX_SESSIONS, clock: Callable[[], float] = time.time) -> None:
        self._path, self._key, self.lifetime, self._limit, self._clock = path, key, lifetime, limit, clock
        self._lock = threading.Lock()
        self._expires: dict[str, float] = self._load()

    def digest(self, session_id: str) -> str:
        return hmac.new(self._key, session_id.encode(), hashlib.sha256).hexdigest()

    def create(self, *, replacing: str | None = None) -> str:
        """A new session id; the session ``replacing`` names (the cookie sent at sign-in) ends."""
        session_id = secrets.token_urlsafe(32)
        now = self._clock()
        with self._lock:
            if replacing:
                self._expires.pop(self.digest(replacing), None)
            self._prune(now)
            while len(self._expires) >= self._limit:
                del self._expires[min(self._expires, key=self._expires.__getitem__)]
            self._expires[self.digest(session_id)] = now + self.lifetime
            self._save()
        return session_id

    def valid(self, session_id: str | None) -> bool:
        if not session_id or len(session_id) > 128:
            return False
        expires = self._expires.get(self.digest(session_id))
        return expires is not None and expires > self._clock()

    def end(self, session_id: str | None) -> bool:
        """End a session (sign-out); false when it was not one."""
        if not session_id or len(session_id) > 128:
            return False
        with self._lock:
            ended = self._expires.pop(self.digest(session_id), None) is not None
            if ended:
                self._save()
        return ended

    def __len__(self) -> int:
        with self._lock:
            return sum(1 for expires in self._expires.values() if expires > self._clock())

    def _prune(self, now: float) -> None:
        for digest in [d for d, expires in self._expires.items() if expires <= now]:
            del self._expires[digest]

    def _load(self) -> dict[str, float]:
        if self._path is None:
            return {}
        try:
            data = json.loads(self._path.read_text())
            sessions = {str(d): float(e) for d, e in data['sessions'].items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            log.warning('ignoring unreadable session file %s (%s): every browser signs in again', self._path, exc)
            return {}
        now = self._clock()
        return {d: e for d, e in sessions.items() if now < e <= now + self.lifetime}

    def _save(self) -> None:
        if self._path is not None:
            atomic_write(self._path, json.dumps({'version': 1, 'sessions': self._expires}).encode(), mode=0o600)


class AttemptLimiter:
    """At most ``attempts`` failed token attempts per client address in ``window`` seconds, by any
    route (login form, bearer header, sign-in link). Remembers at most ``max_clients`` addresses
    (the ones that failed longest ago are forgotten first), so many addresses cannot fill memory."""

    def __init__(self, attempts: int = 10, window: float = 60.0, *, max_clients: int = 4096,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.attempts, self.window, self.max_clients, self._clock = attempts, window, max_clients, clock
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def retry_after(self, client: str) -> int:
        """Seconds until ``client`` may try again; 0 when it is not blocked."""
        with self._lock:
            failures = self._failures.get(client)
            if failures is None:
                return 0
            now = self._clock()
            while failures and now - failures[0] >= self.window:
                failures.popleft()
            if not failures:
                del self._failures[client]
                return 0
            if len(failures) < self.attempts:
                return 0
            return max(1, math.ceil(self.window - (now - failures[0])))

    def fail(self, client: str) -> None:
        with self._lock:
            failures = self._failures.pop(client, None) or deque(maxlen=self.attempts)
            failures.append(self._clock())
            self._failures[client] = failures  # most recent failure last
            while len(self._failures) > self.max_clients:
                self._failures.popitem(last=False)

    def __len__(self) -> int:
        return len(self._failures)


class TokenAuth:
    """Constant-time checks of the token, and the sessions signed in with it."""

    def __init__(self, token: str, *, sessions_path: Path | None = None) -> None:
        self._token = token.encode()
        key = hmac.new(self._token, b'dockerdeployer-sessions-v2', hashlib.sha256).digest()
        self.sessions = Sessions(sessions_path, key)

    def check_token(self, presented: str | None) -> bool:
        return presented is not None and presented != '' and hmac.compare_digest(presented.encode(), self._token)

    @staticmethod
    def bearer_value(header: str | None) -> str | None:
        """The token an ``Authorization: Bearer <token>`` header presents, else ``None``."""
        scheme, _, value = (header or '').strip().partition(' ')
        if scheme.lower() != 'bearer':
            return None
        return value.strip() or None

    def check_bearer(self, header: str | None) -> bool:
        return self.check_token(self.bearer_value(header))
