"""Typed settings read from the ``DEPLOYER_*`` environment, with no I/O at import."""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InvalidInput


def _flag(value: str | None) -> bool:
    return (value or '').strip().lower() in {'1', 'true', 'yes', 'on'}


@dataclass(frozen=True)
class Settings:
    host: str = '127.0.0.1'
    port: int = 8080
    data_dir: Path = field(default_factory=lambda: Path.home() / '.dockerdeployer')
    token: str | None = None
    docker_host: str | None = None
    read_only: bool = False
    stats: bool = True
    allow_privileged: bool = False
    templates_dir: Path = field(default_factory=lambda: Path(__file__).resolve().parent.parent / 'templates')
    health_timeout: float = 300.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        port_text = env.get('DEPLOYER_PORT', '8080')
        try:
            port = int(port_text)
        except ValueError:
            raise InvalidInput(f'DEPLOYER_PORT must be a number, not {port_text!r}') from None
        if not 0 < port < 65536:
            raise InvalidInput(f'DEPLOYER_PORT must be between 1 and 65535, not {port}')
        token = env.get('DEPLOYER_TOKEN') or None
        if token is not None and len(token) < 8:
            raise InvalidInput('DEPLOYER_TOKEN must be at least 8 characters long')
        data_dir = env.get('DEPLOYER_DATA_DIR')
        return cls(
            host=env.get('DEPLOYER_HOST', '127.0.0.1'),
            port=port,
            data_dir=Path(data_dir).expanduser() if data_dir else Path.home() / '.dockerdeployer',
            token=token,
            docker_host=env.get('DOCKER_HOST') or None,
            read_only=_flag(env.get('DEPLOYER_READ_ONLY')),
            stats=not _flag(env.get('DEPLOYER_NO_STATS')),
            allow_privileged=_flag(env.get('DEPLOYER_ALLOW_PRIVILEGED')),
            health_timeout=_seconds(env.get('DEPLOYER_HEALTH_TIMEOUT'), 300.0, 'DEPLOYER_HEALTH_TIMEOUT'),
        )


def _seconds(value: str | None, default: float, name: str) -> float:
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        raise InvalidInput(f'{name} must be a number of seconds, not {value!r}') from None
    if not 0 < seconds <= 3600:
        raise InvalidInput(f'{name} must be between 0 and 3600 seconds')
    return seconds
