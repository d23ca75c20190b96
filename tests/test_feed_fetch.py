"""Feed import by URL (issue 10): what deployer.fetch refuses and how, alone and through the app.

Real HTTP, no mocks: small servers on 127.0.0.1 in threads answer with raw bytes (a Portainer
feed from ../shared/corpus/portainer, read in place; a redirect; a trickle; an SSH banner) and
count the connections that reached them.
"""
from __future__ import annotations

import contextlib
import ipaddress
import shutil
import socket
import socketserver
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from deployer.errors import Forbidden, InvalidInput
from deployer.fetch import FAILURE_FLOOR, MAX_REDIRECTS, UNFETCHABLE, address_allowed, classify, fetch
from devtools.apprun import AppProcess, AppStartError, free_port, running_app

ROOT = Path(__file__).resolve().parent.parent
FEED = ROOT.parent / 'shared' / 'corpus' / 'portainer' / 'portainer-official-v3-templates.json'
MiB = 1 << 20


# ---- small servers -------------------------------------------------------------------------------

@dataclass
class Peer:
    """What a test server saw: every accepted connection, every request head, every TLS name."""
    host: str
    port: int = 0
    connections: int = 0
    requests: list[str] = field(default_factory=list)
    sni: list[str | None] = field(default_factory=list)
    sent: int = 0
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f'http://{self.host}:{self.port}'


Answer = Callable[[socket.socket, Peer], None]


@contextlib.contextmanager
def serve(answer: Answer, *, host: str = '127.0.0.1', tls: ssl.SSLContext | None = None) -> Iterator[Peer]:
    peer = Peer(host)

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            with peer.lock:
                peer.connections += 1
            conn = self.request
            try:
                with contextlib.suppress(OSError):  # the client hung up, the TLS handshake failed …
                    if tls is not None:
                        conn = tls.wrap_socket(conn, server_side=True)
                    answer(conn, peer)
            finally:
                if conn is not self.request:
                    conn.close()

    server = socketserver.ThreadingTCPServer((host, 0), Handler)
    server.daemon_threads = True
    peer.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={'poll_interval': 0.05}, daemon=True)
    thread.start()
    try:
        yield peer
    finally:
        peer.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def receive_head(conn: socket.socket, peer: Peer) -> str:
    data = b''
    while b'\r\n\r\n' not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    head = data.decode('latin-1')
    peer.requests.append(head)
    return head


def http(status: str = '200 OK', body: bytes = b'', headers: dict[str, str] | None = None) -> Answer:
    def answer(conn: socket.socket, peer: Peer) -> None:
        receive_head(conn, peer)
        fields = {'Content-Length': str(len(body)), 'Connection': 'close', **(headers or {})}
        conn.sendall(f'HTTP/1.1 {status}\r\n'.encode() + b''.join(f'{k}: {v}\r\n'.encode() for k, v in fields.items())
                     + b'\r\n' + body)
    return answer


def redirect(location: str) -> Answer:
    return http('302 Found', headers={'Location': location})


def trickle(head: bytes) -> Answer:
    """``head``, then one byte every 50 ms for as long as the client listens."""
    def answer(conn: socket.socket, peer: Peer) -> None:
        receive_head(conn, peer)
        conn.sendall(head)
        while not peer.stop.wait(0.05):
            conn.sendall(b'x')
            peer.sent += 1
    return answer


def endless(conn: socket.socket, peer: Peer) -> None:
    """A 200 with no Content-Length whose body never ends."""
    receive_head(conn, peer)
    conn.sendall(b'HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n')
    chunk = b' ' * 65536
    while not peer.stop.is_set():
        conn.sendall(chunk)
        peer.sent += len(chunk)


def ssh_banner(conn: socket.socket, peer: Peer) -> None:
    """An SSH server: it speaks first, then hangs up on what it does not understand."""
    conn.sendall(b'SSH-2.0-OpenSSH_9.6p1 Debian-3\r\n')
    conn.recv(4096)


def binary_greeting(conn: socket.socket, peer: Peer) -> None:
    """A database-like greeting without a line end, then the connection closes."""
    conn.sendall(b'\x4a\x00\x00\x00\x0a8.0.36\x00\x01\x02\x03')
    conn.recv(4096)


def feed_bytes() -> bytes:
    if not FEED.is_file():
        pytest.fail(f'{FEED} is missing: the Portainer test feeds live in ../shared/corpus/portainer', pytrace=False)
    return FEED.read_bytes()


# ---- the address rule ----------------------------------------------------------------------------

@pytest.mark.parametrize(('address', 'kind'), [
    ('93.184.215.14', 'public'), ('1.1.1.1', 'public'), ('2606:4700:4700::1111', 'public'),
    ('127.0.0.1', 'private'), ('127.255.0.9', 'private'), ('10.0.0.1', 'private'), ('172.16.5.4', 'private'),
    ('192.168.1.1', 'private'), ('100.64.0.1', 'private'), ('::1', 'private'), ('fd00::1', 'private'),
    ('::ffff:127.0.0.1', 'private'), ('::ffff:10.1.2.3', 'private'), ('64:ff9b::7f00:1', 'private'),
    ('2002:7f00:1::', 'private'),
    ('0.0.0.0', 'forbidden'), ('::', 'forbidden'), ('169.254.169.254', 'forbidden'), ('fe80::1', 'forbidden'),
    ('fe80::1%1', 'forbidden'), ('::ffff:169.254.169.254', 'forbidden'), ('224.0.0.1', 'forbidden'),
    ('239.255.255.250', 'forbidden'), ('ff02::1', 'forbidden'), ('240.0.0.1', 'forbidden'),
    ('255.255.255.255', 'forbidden'), ('192.0.2.1', 'forbidden'), ('fec0::1', 'forbidden'), ('::7f00:1', 'forbidden'),
    ('2001::1', 'forbidden'), ('::ffff:0.0.0.0', 'forbidden'),
])
def test_addresses_are_classified(address, kind):
    assert classify(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize('address', ['127.0.0.1', '10.0.0.1', '100.64.0.1', 'fd00::1', '::ffff:192.168.0.1'])
def test_private_addresses_only_with_the_setting(address):
    ip = ipaddress.ip_address(address)
    assert not address_allowed(ip) and address_allowed(ip, allow_private=True)


@pytest.mark.parametrize('address', ['169.254.169.254', 'fe80::1', '0.0.0.0', '224.0.0.1', '240.0.0.1', '::'])
def test_link_local_and_special_addresses_never(address):
    assert not address_allowed(ipaddress.ip_address(address), allow_private=True)


# ---- fetch, without the app ----------------------------------------------------------------------

def test_a_redirect_to_a_forbidden_address_is_checked_again():
    """127.0.0.2 stands in for a public server (the rule passed in allows it alone); it redirects
    to a server on 127.0.0.1, which must not be contacted."""
    only_the_first = {ipaddress.ip_address('127.0.0.2')}.__contains__
    with serve(http(body=b'[]')) as inner, serve(redirect(f'{inner.url}/feed.json'), host='127.0.0.2') as outer:
        with pytest.raises(Forbidden, match='redirects to an address that is not allowed.*private'):
            fetch(f'{outer.url}/feed.json', max_bytes=MiB, allow=only_the_first)
        assert len(outer.requests) == 1 and inner.connections == 0
        assert fetch(f'{outer.url}/feed.json', max_bytes=MiB, allow_private=True) == b'[]'  # allowed: followed
        assert inner.requests[0].startswith('GET /feed.json HTTP/1.1\r\n')


def test_redirects_stop_after_the_limit():
    with serve(redirect('/again')) as loop:
        with pytest.raises(InvalidInput, match=f'redirects more than {MAX_REDIRECTS} times'):
            fetch(loop.url, max_bytes=MiB, allow_private=True)
        assert len(loop.requests) == MAX_REDIRECTS + 1


@pytest.mark.parametrize('head', [
    b'HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n[',  # a body, one byte at a time
    b'HTTP/1.1 200 OK\r\nX-Slow: ',  # a header line that never ends
], ids=['body', 'headers'])
def test_a_trickling_server_hits_the_total_deadline(head):
    with serve(trickle(head)) as slow:
        started = time.monotonic()
        with pytest.raises(InvalidInput) as refused:
            fetch(f'{slow.url}/feed.json', max_bytes=MiB, allow_private=True, deadline=1.5)
        elapsed = time.monotonic() - started
    assert refused.value.message == UNFETCHABLE
    assert 1.5 <= elapsed < 2.5, elapsed  # one deadline for all reads, not one per read
    assert slow.sent >= 10  # it did keep sending


def test_a_body_over_the_cap_is_refused_without_reading_it_all():
    with serve(endless) as big:
        started = time.monotonic()
        with pytest.raises(InvalidInput, match=r'the feed is over 1 MiB'):
            fetch(big.url, max_bytes=MiB, allow_private=True)
        assert time.monotonic() - started < 5  # the body never ends: it was not read to the end


def test_a_declared_length_over_the_cap_is_refused_at_once():
    with serve(trickle(b'HTTP/1.1 200 OK\r\nContent-Length: 10737418240\r\n\r\n')) as huge:
        started = time.monotonic()
        with pytest.raises(InvalidInput, match=r'the feed is over 1 MiB'):
            fetch(huge.url, max_bytes=MiB, allow_private=True)
        assert time.monotonic() - started < 1


@pytest.fixture(scope='module')
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for the name ``localhost`` only (no IP address in it)."""
    if shutil.which('openssl') is None:
        pytest.skip('openssl is needed to make a test certificate')
    folder = tmp_path_factory.mktemp('tls')
    cert, key = folder / 'cert.pem', folder / 'key.pem'
    subprocess.run(['openssl', 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
                    '-nodes', '-keyout', str(key), '-out', str(cert), '-days', '1', '-subj', '/CN=localhost',
                    '-addext', 'subjectAltName=DNS:localhost'], check=True, capture_output=True, timeout=60)
    return cert, key


def test_https_goes_to_the_checked_address_with_the_name_for_sni_and_certificate(certificate):
    cert, key = certificate
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert, key)
    client_tls = ssl.create_default_context(cafile=str(cert))
    with serve(http(body=b'{"version": "3", "templates": []}'), tls=server_tls) as secure:
        server_tls.sni_callback = lambda _sock, name, _ctx: secure.sni.append(name)
        body = fetch(f'https://localhost:{secure.port}/feed.json', max_bytes=MiB, allow_private=True, tls=client_tls)
        assert body == b'{"version": "3", "templates": []}'
        assert secure.sni == ['localhost']
        assert f'\r\nHost: localhost:{secure.port}\r\n' in secure.requests[0]
        for url, context in ((f'https://127.0.0.1:{secure.port}/', client_tls),  # the name is not in the certificate
                             (f'https://localhost:{secure.port}/', None)):  # not signed by a trusted authority
            with pytest.raises(InvalidInput) as refused:
                fetch(url, max_bytes=MiB, allow_private=True, tls=context)
            assert refused.value.message == UNFETCHABLE
        assert len(secure.requests) == 1  # the refused handshakes never got as far as a request


# ---- through the app -----------------------------------------------------------------------------

def import_url(app: AppProcess, url: str) -> tuple[int, dict]:
    with app.client(timeout=40) as client:
        response = client.post('/templates/import', json={'url': url})
    return response.status_code, response.json()


@contextlib.contextmanager
def app_with(env: dict[str, str]) -> Iterator[AppProcess]:
    try:
        with running_app(env=env, prefix='dd-feeds-') as app:
            yield app
    except AppStartError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope='module')
def private_app(docker_client) -> Iterator[AppProcess]:
    with app_with({'DEPLOYER_FEEDS_ALLOW_PRIVATE': '1'}) as app:
        yield app


def test_a_loopback_feed_is_refused_by_default_and_never_contacted(app_server):
    with serve(http(body=feed_bytes())) as local:
        status, body = import_url(app_server, f'{local.url}/feed.json')
        assert local.connections == 0
    assert status == 403 and body['error']['code'] == 'forbidden'
    assert 'loopback or private address' in body['error']['message']
    assert 'DEPLOYER_FEEDS_ALLOW_PRIVATE=1' in body['error']['message']


@pytest.mark.parametrize(('url', 'status', 'words'), [
    ('http://localhost:{port}/feed.json', 403, 'loopback or private'),
    ('http://[::1]:{port}/feed.json', 403, 'loopback or private'),
    ('http://0.0.0.0:{port}/feed.json', 403, 'only public addresses'),
    ('http://[::]:{port}/feed.json', 403, 'only public addresses'),
    ('http://127.1:{port}/feed.json', 403, 'loopback or private'),
    ('http://2130706433:{port}/feed.json', 403, 'loopback or private'),
    ('http://0x7f.0.0.1:{port}/feed.json', 403, 'loopback or private'),
    ('http://[::ffff:127.0.0.1]:{port}/feed.json', 403, 'loopback or private'),
    ('http://169.254.169.254/latest/meta-data/', 403, 'only public addresses'),
    ('http://10.0.0.1/feed.json', 403, 'loopback or private'),
    ('file:///etc/passwd', 422, 'http:// or https://'),
    ('ftp://127.0.0.1:{port}/feed.json', 422, 'http:// or https://'),
    ('gopher://127.0.0.1:{port}/_GET%20/', 422, 'http:// or https://'),
    ('http://user:secret@127.0.0.1:{port}/feed.json', 422, 'without a user name or password'),
    ('http://127.0.0.1:{port}/feed json', 422, 'percent-encoded'),
    ('http://127.0.0.1:99999/feed.json', 422, 'malformed'),
])
def test_hostile_urls_are_refused_before_any_connection(app_server, url, status, words):
    with serve(http(body=feed_bytes())) as local:
        answer_status, body = import_url(app_server, url.format(port=local.port))
        assert local.connections == 0
    assert (answer_status, body['error']['code']) == (status, 'forbidden' if status == 403 else 'invalid_input')
    assert words in body['error']['message']


def test_with_the_setting_a_real_feed_on_loopback_imports(private_app):
    with serve(http(body=feed_bytes(), headers={'Content-Type': 'application/json'})) as local, \
            serve(redirect(f'{local.url}/feed.json')) as hop:
        status, body = import_url(private_app, f'{hop.url}/templates.json')
        assert len(hop.requests) == 1 and len(local.requests) == 1
        assert local.requests[0].startswith('GET /feed.json HTTP/1.1\r\n')
        assert f'\r\nHost: 127.0.0.1:{local.port}\r\n' in local.requests[0]
    assert status == 200, body
    assert body['imported'] > 30 and len(body['templates']) == body['imported'] + body['unavailable']
    with private_app.client() as client:
        listed = client.get('/templates').json()
    assert sum(t['source'] == 'portainer' for t in listed) == len(body['templates'])


@pytest.mark.parametrize('target', ['file:///etc/passwd', 'ftp://127.0.0.1/feed.json', 'gopher://127.0.0.1:70/_x'])
def test_redirect_targets_are_checked_again(private_app, target):
    with serve(redirect(target)) as hop:
        status, body = import_url(private_app, f'{hop.url}/feed.json')
        assert len(hop.requests) == 1
    assert (status, body['error']['code']) == (422, 'invalid_input')
    assert body['error']['message'].startswith('the feed redirects to an address that cannot be fetched')


def test_metadata_and_link_local_stay_refused_with_the_setting(private_app):
    status, body = import_url(private_app, 'http://169.254.169.254/latest/meta-data/')
    assert (status, body['error']['code']) == (403, 'forbidden')
    assert 'only public addresses' in body['error']['message']


def test_a_closed_port_and_a_port_speaking_something_else_look_the_same(private_app):
    answers = {}
    timings = {}
    with serve(ssh_banner) as ssh, serve(binary_greeting) as database, serve(http('404 Not Found')) as missing:
        for name, url in (('closed', f'http://127.0.0.1:{free_port()}/feed.json'),
                          ('ssh', f'{ssh.url}/feed.json'), ('binary', f'{database.url}/feed.json'),
                          ('not found', f'{missing.url}/feed.json')):
            started = time.monotonic()
            answers[name] = import_url(private_app, url)
            timings[name] = time.monotonic() - started
    assert all(answer == (422, {'error': {'code': 'invalid_input', 'message': UNFETCHABLE}})
               for answer in answers.values()), answers
    assert all(FAILURE_FLOOR <= seconds < FAILURE_FLOOR + 0.5 for seconds in timings.values()), timings


def test_read_only_refuses_before_connecting(docker_client):
    with app_with({'DEPLOYER_READ_ONLY': '1', 'DEPLOYER_FEEDS_ALLOW_PRIVATE': '1'}) as app, \
            serve(http(body=feed_bytes())) as local:
        status, body = import_url(app, f'{local.url}/feed.json')
        assert local.connections == 0
    assert (status, body['error']['code']) == (403, 'forbidden')
    assert 'read-only' in body['error']['message']
