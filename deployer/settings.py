"""Typed settings read from the ``DEPLOYER_*`` environment, with no I/O at import."""
from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InvalidInput
from .policy import DEFAULT_BIND_ROOTS, bind_roots_from_env

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_HOST_NAME = re.compile(r'(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?')


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
    allow_privileged: bool = False   # the operator's ceiling: PUT /settings may switch it off, never above it
    bind_roots: tuple[str, ...] = DEFAULT_BIND_ROOTS   # host folders stacks may bind besides their own
    templates_dir: Path = field(default_factory=lambda: Path(__file__).resolve().parent.parent / 'templates')
    health_timeout: float = 300.0
    allowed_hosts: tuple[str, ...] = ()   # Host names answered besides localhost and IP literals
    trusted_proxies: tuple[IPNetwork, ...] = ()   # peers whose X-Forwarded-* headers are believed
    feeds_allow_private: bool = False   # feed import by URL may reach loopback and private addresses
    nlp_mode: str = 'rules'             # the assistant's defaults; the settings page may override them
    llm_model: str | None = None
    llm_api_base: str | None = None
    llm_api_key: str | None = None
    llm_timeout: float = 30.0

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
            bind_roots=bind_roots_from_env(env.get('DEPLOYER_BIND_ROOTS')),
            health_timeout=_seconds(env.get('DEPLOYER_HEALTH_TIMEOUT'), 300.0, 'DEPLOYER_HEALTH_TIMEOUT'),
            allowed_hosts=_host_names(env.get('DEPLOYER_ALLOWED_HOSTS')),
            trusted_proxies=_networks(env.get('DEPLOYER_TRUSTED_PROXIES')),
            feeds_allow_private=_flag(env.get('DEPLOYER_FEEDS_ALLOW_PRIVATE')),
            nlp_mode=env.get('DEPLOYER_NLP_MODE') or 'rules', llm_model=env.get('DEPLOYER_LLM_MODEL') or None,
            llm_api_base=env.get('DEPLOYER_LLM_API_BASE') or None, llm_api_key=env.get('DEPLOYER_LLM_API_KEY') or None,
            llm_timeout=_seconds(env.get('DEPLOYER_LLM_TIMEOUT'), 30.0, 'DEPLOYER_LLM_TIMEOUT'),
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


def _host_names(value: str | None) -> tuple[str, ...]:
    """DEPLOYER_ALLOWED_HOSTS: comma-separated names, ``*.example.org`` for any name under it."""
    names = []
    for item in (value or '').split(','):
        name = item.strip().lower().rstrip('.')
        if not name:
            continue
        if not _HOST_NAME.fullmatch(name) or len(name) > 253:
            raise InvalidInput(f'DEPLOYER_ALLOWED_HOSTS takes host names (e.g. deployer.example.org or *.example.org), '
                               f'without scheme or port, not {item.strip()!r}')
        names.append(name)
    return tuple(names)


def _networks(value: str | None) -> tuple[IPNetwork, ...]:
    """DEPLOYER_TRUSTED_PROXIES: comma-separated IP addresses or CIDR networks."""
    networks = []
    for item in (value or '').split(','):
        if item.strip():
            try:
                networks.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError:
                raise InvalidInput('DEPLOYER_TRUSTED_PROXIES takes IP addresses or networks (e.g. 127.0.0.1 or '
                                   f'10.0.0.0/8), not {item.strip()!r}') from None
    return tuple(networks)
