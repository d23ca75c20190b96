"""The access token: from DEPLOYER_TOKEN, else generated once and kept in the data dir."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from .store import atomic_write

SESSION_COOKIE = 'dd_session'


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


class TokenAuth:
    """Constant-time checks of bearer tokens and of the session cookie derived from them."""

    def __init__(self, token: str) -> None:
        self._token = token.encode()
        self._session = hmac.new(self._token, b'dockerdeployer-session-v1', hashlib.sha256).hexdigest()

    def check_token(self, presented: str | None) -> bool:
        return bool(presented) and hmac.compare_digest(presented.encode(), self._token)

    def check_bearer(self, header: str | None) -> bool:
        scheme, _, value = (header or '').partition(' ')
        return scheme.lower() == 'bearer' and self.check_token(value.strip())

    @property
    def session_value(self) -> str:
        return self._session

    def check_session(self, cookie: str | None) -> bool:
        return bool(cookie) and hmac.compare_digest(cookie.encode(), self._session.encode())
