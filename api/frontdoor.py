"""The front door's checks on a request, before anything asks who is calling: which proxy may speak
for the client, which Host names this server answers to, and whether a browser request comes from
one of our own pages (its Origin).

    resolve_proxy(scope, trusted)   # X-Forwarded-For/-Proto/-Host, only from a trusted peer
    host_allowed('deployer.lan:8080', allowed=('deployer.lan',))
    same_origin('http://localhost:8080', 'http', 'localhost:8080')

Uvicorn is started with ``proxy_headers=False`` (app.py): these functions are the one place that
decides what the client address and scheme are.
"""
from __future__ import annotations

import ipaddress
import re
import urllib.parse
from collections.abc import Iterable, MutableMapping
from typing import Any

from deployer.settings import IPNetwork

Scope = MutableMapping[str, Any]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_LABEL = r'[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?'
_NAME = re.compile(rf'({_LABEL}\.)*{_LABEL}')
_PORT = re.compile(r'[0-9]{1,5}')
DEFAULT_PORTS = {'http': 80, 'https': 443}


def split_host(value: str) -> tuple[str, int | None] | None:
    """``name[:port]``, ``a.b.c.d[:port]`` or ``[v6][:port]`` → (lower-case host, port); ``None``
    when the value is not a well-formed Host header."""
    value = value.strip().lower()
    if value.startswith('['):
        host, bracket, rest = value[1:].partition(']')
        if not bracket or _ip(host) is None or ':' not in host:
            return None
    else:
        host, colon, port = value.partition(':')
        rest = colon + port
        host = host[:-1] if host.endswith('.') else host
        if not _NAME.fullmatch(host) or len(host) > 253:
            return None
    if not rest:
        return host, None
    if not rest.startswith(':') or not _PORT.fullmatch(rest[1:]) or not 0 < int(rest[1:]) < 65536:
        return None
    return host, int(rest[1:])


def host_allowed(value: str | None, allowed: Iterable[str]) -> bool:
    """Localhost names and IP literals always; other names only when listed (``*.x`` for names under x)."""
    parts = split_host(value or '')
    if parts is None:
        return False
    host = parts[0]
    if host == 'localhost' or host.endswith('.localhost') or _ip(host) is not None:
        return True
    return any(host == name or (name.startswith('*.') and host.endswith(name[1:])) for name in allowed)


def same_origin(origin: str, scheme: str, host: str) -> bool:
    """Whether a browser's ``Origin`` header names this server as the request reached it
    (``scheme`` http/https or ws/wss, ``host`` the Host header)."""
    scheme = {'ws': 'http', 'wss': 'https'}.get(scheme, scheme)
    target = split_host(host)
    try:
        parsed = urllib.parse.urlsplit(origin.strip())
        port = parsed.port
    except ValueError:
        return False
    if target is None or parsed.scheme not in DEFAULT_PORTS or parsed.path or parsed.query or parsed.username:
        return False
    hostname = (parsed.hostname or '').removesuffix('.')
    return ((parsed.scheme, hostname, port or DEFAULT_PORTS[parsed.scheme])
            == (scheme, target[0], target[1] or DEFAULT_PORTS.get(scheme)))


def resolve_proxy(scope: Scope, trusted: tuple[IPNetwork, ...]) -> None:
    """Believe ``X-Forwarded-For``, ``-Proto`` and ``-Host`` only when the direct peer is a trusted
    proxy: then the client address, scheme and Host header of ``scope`` become what the proxy says.
    From anyone else every ``X-Forwarded-*`` and ``Forwarded`` header is removed, so nothing further
    in (NiceGUI reads ``X-Forwarded-Prefix``) acts on it."""
    headers: list[tuple[bytes, bytes]] = scope['headers']
    if not any(_is_forwarded(name) for name, _ in headers):
        return
    client = scope.get('client')
    if not _trusted(_ip(client[0]) if client else None, trusted):
        scope['headers'] = [(name, value) for name, value in headers if not _is_forwarded(name)]
        return
    address = client[0] if client else ''
    for entry in reversed(_values(headers, b'x-forwarded-for')):  # nearest hop last
        ip = _ip(entry)
        if ip is None:
            break
        address = str(ip)
        if not _trusted(ip, trusted):
            break  # the first address no trusted proxy vouches for: the client
    scope['client'] = (address, 0)
    protos = _values(headers, b'x-forwarded-proto')
    if protos and protos[-1].lower() in DEFAULT_PORTS:
        proto = protos[-1].lower()
        scope['scheme'] = proto.replace('http', 'ws') if scope['type'] == 'websocket' else proto
    forwarded_hosts = _values(headers, b'x-forwarded-host')
    if forwarded_hosts and split_host(forwarded_hosts[-1]) is not None:
        scope['headers'] = [(n, v) for n, v in headers if n != b'host'] + [(b'host', forwarded_hosts[-1].encode('latin-1'))]


def _is_forwarded(name: bytes) -> bool:
    return name.startswith(b'x-forwarded-') or name == b'forwarded'


def _values(headers: list[tuple[bytes, bytes]], name: bytes) -> list[str]:
    joined = ','.join(value.decode('latin-1') for key, value in headers if key == name)
    return [part.strip() for part in joined.split(',') if part.strip()]


def _ip(value: str) -> IPAddress | None:
    value = value.strip()
    if value.startswith('[') and ']' in value:  # "[v6]" or "[v6]:port"
        value = value[1:value.index(']')]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(ip: IPAddress | None, trusted: tuple[IPNetwork, ...]) -> bool:
    if ip is None:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip.version == network.version and ip in network for network in trusted)
