"""Fetch a document from a URL a user gave without letting that URL reach into the server's own
network (server-side request forgery).

    fetch(url, max_bytes=MAX, allow_private=False) -> bytes

- ``http`` and ``https`` only, and no user name or password in the URL;
- the host name is resolved once, and every address it resolves to must be allowed
  (:func:`classify`): public ones always, loopback and private ones (RFC 1918, CGNAT
  100.64/10, ULA fc00::/7) only with ``allow_private``, link-local (169.254.169.254 among
  them), unspecified, multicast and reserved ones never; an IPv4 address inside an IPv6 one
  (``::ffff:127.0.0.1``, NAT64, 6to4) counts as that IPv4 address;
- the connection goes to the very address that was checked, so a second DNS answer cannot
  swap it (DNS rebinding); the Host header, TLS SNI and certificate check use the name;
- redirects (at most :data:`MAX_REDIRECTS`) are followed here, each target checked like the first;
- one deadline covers everything (connect, TLS, each read: a server trickling bytes cannot
  stretch it), and the body is counted while it is read, whatever Content-Length says;
- whatever goes wrong once the address is allowed (refused, reset, timed out, TLS, not HTTP,
  not 200) gives one message, and not before :data:`FAILURE_FLOOR`: a closed port and a port
  speaking something else look the same, in words and in time.
"""
from __future__ import annotations

import functools
import http.client
import io
import ipaddress
import re
import socket
import ssl
import string
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .errors import Forbidden, InvalidInput

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Kind = Literal['public', 'private', 'forbidden']
Address = tuple[socket.AddressFamily, tuple[object, ...]]  # what socket.connect() takes, by family

DEADLINE = 20.0
MAX_REDIRECTS = 5
FAILURE_FLOOR = 1.0  # refused (~0 ms) and a quick non-HTTP answer (a few ms) both take this long
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PRIVATE = tuple(ipaddress.ip_network(net) for net in (
    '127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '::1/128', 'fc00::/7'))
NAT64 = ipaddress.ip_network('64:ff9b::/96')
UNFETCHABLE = 'the feed could not be fetched: no successful HTTP or HTTPS answer came from that address'
PRIVATE_HINT = 'set DEPLOYER_FEEDS_ALLOW_PRIVATE=1 to allow feeds from loopback and private addresses'
_CONTROL = re.compile(r'[\x00-\x20\x7f]')


class _NoFeed(Exception):
    """The peer answered, but not with a feed (a status other than 200, a cut-off body)."""


def classify(address: IPAddress) -> Kind:
    """``'public'``, ``'private'`` (loopback, RFC 1918, CGNAT, ULA) or ``'forbidden'`` (link-local,
    unspecified, multicast, reserved, documentation …)."""
    address = _embedded_ipv4(address) or address
    if any(address in network for network in PRIVATE):
        return 'private'
    special = (address.is_multicast or address.is_reserved or address.is_link_local or address.is_unspecified
               or getattr(address, 'is_site_local', False))
    return 'public' if address.is_global and not special else 'forbidden'


def address_allowed(address: IPAddress, *, allow_private: bool = False) -> bool:
    kind = classify(address)
    return kind == 'public' or (kind == 'private' and allow_private)


def fetch(url: str, *, max_bytes: int, allow_private: bool = False, deadline: float = DEADLINE,
          allow: Callable[[IPAddress], bool] | None = None, tls: ssl.SSLContext | None = None) -> bytes:
    """The body of a 200 answer at ``url``, at most ``max_bytes``. ``allow`` replaces the address
    rule (default: :func:`address_allowed`); ``tls`` the certificate store (default: the system's)."""
    allow = allow or functools.partial(address_allowed, allow_private=allow_private)
    started = time.monotonic()
    give_up = started + deadline
    target = _Target.parse(url)
    for hop in range(MAX_REDIRECTS + 1):
        addresses = _resolve(target, allow, redirected=hop > 0)
        try:
            status, location, body = _exchange(target, addresses, give_up=give_up, max_bytes=max_bytes,
                                               context=tls or ssl.create_default_context())
            if status == 200:
                return body
            if status not in REDIRECTS or not location:
                raise _NoFeed(status)
        except (OSError, http.client.HTTPException, _NoFeed):
            time.sleep(max(0.0, started + FAILURE_FLOOR - time.monotonic()))
            raise InvalidInput(UNFETCHABLE) from None
        try:
            target = _Target.parse(urllib.parse.urljoin(target.url, location))
        except InvalidInput:
            raise InvalidInput('the feed redirects to an address that cannot be fetched: only http and https '
                               'addresses without a user name or password can') from None
    raise InvalidInput(f'the feed redirects more than {MAX_REDIRECTS} times')


@dataclass(frozen=True)
class _Target:
    url: str
    scheme: str
    host: str  # ASCII (IDNA), without brackets
    port: int
    path: str  # path and query

    @classmethod
    def parse(cls, url: str) -> _Target:
        problem = 'url must be an http:// or https:// address of a template feed'
        try:
            parts = urllib.parse.urlsplit(url)
            port = parts.port
            host = parts.hostname or ''
            host = host if host.isascii() else host.encode('idna').decode('ascii')
        except (ValueError, UnicodeError):
            raise InvalidInput(f'{problem}; this one is malformed') from None
        if parts.scheme.lower() not in ('http', 'https') or not host:
            raise InvalidInput(problem)
        if parts.username is not None or parts.password is not None:
            raise InvalidInput(f'{problem}, without a user name or password in it')
        if _CONTROL.search(url):
            raise InvalidInput(f'{problem}; spaces and control characters must be percent-encoded')
        scheme = parts.scheme.lower()
        path = urllib.parse.quote((parts.path or '/') + (f'?{parts.query}' if parts.query else ''),
                                  safe=string.punctuation)  # only what is not ASCII gets encoded
        return cls(url, scheme, host, port or (443 if scheme == 'https' else 80), path)

    @property
    def host_header(self) -> str:
        host = f'[{self.host}]' if ':' in self.host else self.host
        return host if self.port == (443 if self.scheme == 'https' else 80) else f'{host}:{self.port}'


def _resolve(target: _Target, allow: Callable[[IPAddress], bool], *, redirected: bool) -> list[Address]:
    """Look the host up once; every address must be allowed, else none is used."""
    try:
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise InvalidInput(f'the feed host {target.host!r} could not be resolved' if not redirected else
                           'the feed redirects to a host name that could not be resolved') from None
    addresses = [(family, sockaddr) for family, _, _, _, sockaddr in infos if family in (socket.AF_INET, socket.AF_INET6)]
    refused = [ip for ip in (ipaddress.ip_address(str(sockaddr[0])) for _, sockaddr in addresses) if not allow(ip)]
    if refused or not addresses:
        where = 'the feed redirects to an address that' if redirected else f'the feed address {target.host!r}'
        if any(classify(ip) == 'private' for ip in refused):
            raise Forbidden(f'{where} is not allowed: it is a loopback or private address ({PRIVATE_HINT})')
        raise Forbidden(f'{where} is not allowed: only public addresses are (not link-local, unspecified, '
                        'multicast or reserved ones)')
    return addresses  # type: ignore[return-value]  # getaddrinfo gives (host, port[, flow, scope]) for IP families


def _exchange(target: _Target, addresses: list[Address], *, give_up: float, max_bytes: int,
              context: ssl.SSLContext) -> tuple[int, str | None, bytes]:
    """One GET over a connection to one of ``addresses``: the status, the Location and the body of a 200."""
    sock = _connect(addresses, give_up)
    try:
        if target.scheme == 'https':
            sock.settimeout(_remaining(give_up))
            sock = context.wrap_socket(sock, server_hostname=target.host)
        connection = http.client.HTTPConnection(target.host, target.port)
        connection.sock = _DeadlineSocket(sock, give_up)  # already connected: never connect() again
        connection.request('GET', target.path, headers={
            'Host': target.host_header, 'Accept': 'application/json', 'User-Agent': 'DockerDeployer',
            'Connection': 'close'})
        with connection.getresponse() as response:
            if response.status != 200:
                return response.status, response.getheader('Location'), b''
            if response.length is not None and response.length > max_bytes:
                raise _too_large(max_bytes)
            body = bytearray()
            while chunk := response.read(64 * 1024):
                body += chunk
                if len(body) > max_bytes:
                    raise _too_large(max_bytes)
            if response.length:  # the peer closed before Content-Length bytes came
                raise _NoFeed('cut off')
            return 200, None, bytes(body)
    finally:
        sock.close()


def _connect(addresses: list[Address], give_up: float) -> socket.socket:
    error: OSError = OSError('no address')
    for family, sockaddr in addresses:
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.settimeout(_remaining(give_up))
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error


def _remaining(give_up: float) -> float:
    remaining = give_up - time.monotonic()
    if remaining <= 0:
        raise TimeoutError('the deadline passed')
    return remaining


def _too_large(max_bytes: int) -> InvalidInput:
    return InvalidInput(f'the feed is over {max_bytes / (1 << 20):g} MiB')


class _DeadlineSocket:
    """What http.client uses of a connected socket (sendall, makefile, close), every send and
    receive bounded by the one deadline. Closing is left to whoever connected it."""

    def __init__(self, sock: socket.socket, give_up: float) -> None:
        self._sock, self._give_up = sock, give_up

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(_remaining(self._give_up))
        self._sock.sendall(data)

    def recv_into(self, buffer: memoryview) -> int:
        self._sock.settimeout(_remaining(self._give_up))
        return self._sock.recv_into(buffer)

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(_Reader(self))

    def close(self) -> None:
        pass


class _Reader(io.RawIOBase):
    def __init__(self, sock: _DeadlineSocket) -> None:
        self._sock = sock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]  # a socket reads into a memoryview
        return self._sock.recv_into(buffer)


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for: mapped (::ffff:a.b.c.d), 6to4 or NAT64."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped or address.sixtofour:
        return address.ipv4_mapped or address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF)
    return None
