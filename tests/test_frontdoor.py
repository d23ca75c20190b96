"""The front door (issue 10), against the real app over raw HTTP: the Host allow-list, trusted
proxies, the Origin check on cookie requests and on the websocket upgrade, token guessing, exact
public paths, sessions (random, rotated, ended, kept over a restart) and the cookie's attributes.

Clients connect from several loopback addresses (127.0.0.2 is the trusted proxy of the module's
app, 127.0.0.3 an untrusted one), so rate-limit tests never lock 127.0.0.1 out of the shared app.
"""
from __future__ import annotations

import base64
import dataclasses
import os
import secrets
import socket
import stat
import struct
from http.cookies import SimpleCookie

import httpx
import nicegui
import pytest

from api.frontdoor import host_allowed, same_origin
from deployer.auth import AttemptLimiter, Sessions
from deployer.errors import InvalidInput
from deployer.settings import Settings
from devtools.apprun import AppProcess, running_app

ALLOWED = 'deployer.example.test'
PROXY, STRANGER = '127.0.0.2', '127.0.0.3'
WS_PATH = '/_nicegui_ws/socket.io/?EIO=4&transport=websocket'


@pytest.fixture(scope='module')
def door(docker_client, busybox_image):
    with running_app(prefix='dd-door-', env={'DEPLOYER_ALLOWED_HOSTS': f'{ALLOWED},*.lan.example.test',
                                             'DEPLOYER_TRUSTED_PROXIES': PROXY}) as app:
        yield app


def client(app: AppProcess, source: str = '127.0.0.1', **kw) -> httpx.Client:
    return httpx.Client(base_url=app.base_url, timeout=10, transport=httpx.HTTPTransport(local_address=source), **kw)


def port(app: AppProcess) -> int:
    return int(app.base_url.rsplit(':', 1)[1])


def own_origin(app: AppProcess) -> str:
    return app.base_url


def error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers['content-type'].startswith('application/json')
    assert response.json()['error']['code'] == code
    return response.json()['error']['message']


def set_cookie(response: httpx.Response):
    cookies = SimpleCookie()
    for header in response.headers.get_list('set-cookie'):
        cookies.load(header)
    return cookies.get('dd_session')


def sign_in(app: AppProcess, source: str = '127.0.0.1', headers: dict | None = None) -> str:
    """A fresh session through the sign-in link; returns the cookie header value."""
    with client(app, source) as anonymous:
        response = anonymous.get('/', params={'token': app.token}, headers=headers or {})
    assert response.status_code == 303, response.text
    return f'dd_session={set_cookie(response).value}'


def raw(app: AppProcess, head: str, *, source: str = '127.0.0.1', read_frames: bool = False, timeout: float = 5
        ) -> tuple[int, dict[str, str], bytes, socket.socket | None]:
    """Send a hand-written request; (status, headers, body, the socket when it was upgraded and kept)."""
    sock = socket.create_connection(('127.0.0.1', port(app)), timeout=timeout, source_address=(source, 0))
    sock.sendall(head.replace('\n', '\r\n').encode() + b'\r\n\r\n')
    data = b''
    while b'\r\n\r\n' not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    header_block, _, body = data.partition(b'\r\n\r\n')
    lines = header_block.decode('latin-1').split('\r\n')
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(':') for line in lines[1:])}
    if status == 101 and read_frames:
        return status, headers, body, sock
    length = int(headers.get('content-length', '0'))
    while len(body) < length:
        chunk = sock.recv(4096)
        if not chunk:
            break
        body += chunk
    sock.close()
    return status, headers, body, None


def upgrade(app: AppProcess, headers: dict[str, str], *, source: str = '127.0.0.1', keep: bool = False):
    key = base64.b64encode(os.urandom(16)).decode()
    lines = [f'GET {WS_PATH} HTTP/1.1', 'Upgrade: websocket', 'Connection: Upgrade', f'Sec-WebSocket-Key: {key}',
             'Sec-WebSocket-Version: 13']
    headers = {'Host': f'127.0.0.1:{port(app)}', **headers}
    lines += [f'{name}: {value}' for name, value in headers.items() if value is not None]
    return raw(app, '\n'.join(lines), source=source, read_frames=keep)


def close_code(sock: socket.socket, timeout: float = 10) -> int:
    """Read server frames until the close frame; its status code."""
    sock.settimeout(timeout)
    buffer = b''

    def take(n: int) -> bytes:
        nonlocal buffer
        while len(buffer) < n:
            chunk = sock.recv(4096)
            if not chunk:
                raise ConnectionError('closed without a close frame')
            buffer += chunk
        out, buffer = buffer[:n], buffer[n:]
        return out

    while True:
        first, second = take(2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack('!H', take(2))[0]
        elif length == 127:
            length = struct.unpack('!Q', take(8))[0]
        payload = take(length)
        if first & 0x0F == 0x8:
            return struct.unpack('!H', payload[:2])[0]


# ---- Host -------------------------------------------------------------------------------------

@pytest.mark.parametrize('host', ['localhost', 'localhost:8080', 'app.localhost', 'LOCALHOST.', '127.0.0.1',
                                  '127.0.0.1:{port}', '10.1.2.3:80', '[::1]', '[::1]:{port}', ALLOWED,
                                  f'{ALLOWED.upper()}:443', 'box.lan.example.test'])
def test_localhost_ip_literals_and_listed_names_pass(door, host):
    with client(door) as anonymous:
        assert anonymous.get('/health', headers={'Host': host.format(port=port(door))}).status_code == 200


@pytest.mark.parametrize('host', ['evil.example', 'evil.example:{port}', 'localhost.evil.example', f'{ALLOWED}.evil.example',
                                  f'evil{ALLOWED}', '127.0.0.1.nip.io', 'lan.example.test', '::1', '[127.0.0.1]', '2130706433',
                                  'localhost:99999', 'localhost:x', 'a b'])
@pytest.mark.parametrize('path', ['/health', '/login', '/containers', '/?token={token}'])
def test_a_foreign_host_is_refused_before_anything_else(door, host, path):
    with client(door) as anonymous:
        response = anonymous.get(path.format(token=door.token), headers={'Host': host.format(port=port(door)),
                                                                          'Authorization': f'Bearer {door.token}'})
    message = error(response, 400, 'bad_host')
    assert 'DEPLOYER_ALLOWED_HOSTS' in message
    assert set_cookie(response) is None


def test_a_request_without_host_is_refused(door):
    status, _, body, _ = raw(door, 'GET /health HTTP/1.0')
    assert status == 400 and b'bad_host' in body


def test_a_websocket_with_a_foreign_host_is_refused(door):
    cookie = sign_in(door)
    status, _, body, _ = upgrade(door, {'Host': 'evil.example', 'Origin': 'http://evil.example', 'Cookie': cookie})
    assert status == 400
    assert b'"bad_host"' in body


# ---- trusted proxies --------------------------------------------------------------------------

def test_forwarded_host_and_scheme_count_only_from_a_trusted_proxy(door):
    with client(door, PROXY) as proxy, client(door, STRANGER) as stranger:
        error(proxy.get('/health', headers={'X-Forwarded-Host': 'evil.example'}), 400, 'bad_host')
        assert proxy.get('/health', headers={'Host': 'evil.example', 'X-Forwarded-Host': ALLOWED}).status_code == 200
        assert stranger.get('/health', headers={'X-Forwarded-Host': 'evil.example'}).status_code == 200
        error(stranger.get('/health', headers={'Host': 'evil.example', 'X-Forwarded-Host': ALLOWED}), 400, 'bad_host')

        secure = proxy.get('/', params={'token': door.token}, headers={'X-Forwarded-Proto': 'https'})
        assert set_cookie(secure)['secure'] is True
        plain = stranger.get('/', params={'token': door.token}, headers={'X-Forwarded-Proto': 'https'})
        assert set_cookie(plain)['secure'] == ''
    with client(door) as local:  # 127.0.0.1: the peer uvicorn would have believed by default
        plain = local.get('/', params={'token': door.token}, headers={'X-Forwarded-Proto': 'https'})
        assert set_cookie(plain)['secure'] == ''


def test_the_origin_is_judged_by_the_scheme_and_host_the_trusted_proxy_forwards(door):
    cookie = sign_in(door, PROXY, {'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': ALLOWED})
    behind = {'Cookie': cookie, 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': ALLOWED}
    with client(door, PROXY) as proxy:
        assert proxy.post('/nlp/parse', json={'command': 'list containers'},
                          headers={**behind, 'Origin': f'https://{ALLOWED}'}).status_code == 200
        error(proxy.post('/nlp/parse', json={'command': 'list containers'},
                         headers={**behind, 'Origin': f'http://{ALLOWED}'}), 403, 'cross_origin')
    status, _, _, _ = upgrade(door, {**behind, 'Origin': f'https://{ALLOWED}'}, source=PROXY)
    assert status == 101


# ---- token guessing ---------------------------------------------------------------------------

def test_bearer_guesses_are_limited_per_client_address(door):
    guesser, bystander = {'X-Forwarded-For': '203.0.113.7'}, {'X-Forwarded-For': '198.51.100.9'}
    with client(door, PROXY) as proxy:
        for _ in range(9):
            error(proxy.get('/containers', headers={**guesser, 'Authorization': 'Bearer guess'}), 401, 'unauthorized')
        assert proxy.get('/containers', headers={**bystander, 'Authorization': f'Bearer {door.token}'}).status_code == 200
        error(proxy.get('/containers', headers={**guesser, 'Authorization': 'Bearer guess'}), 401, 'unauthorized')
        blocked = proxy.get('/containers', headers={**guesser, 'Authorization': f'Bearer {door.token}'})
        message = error(blocked, 429, 'too_many_requests')
        assert 'try again' in message
        assert 0 < int(blocked.headers['retry-after']) <= 60
        assert proxy.get('/containers', headers={**bystander, 'Authorization': f'Bearer {door.token}'}).status_code == 200
        # the blocked address cannot sign in by link or form either; a session it already has keeps working
        link = proxy.get('/', params={'token': door.token}, headers={**guesser, 'Accept': 'text/html'})
        assert link.status_code == 429 and 'try again' in link.text and set_cookie(link) is None
        form = proxy.post('/login', data={'token': door.token, 'next': '/'}, headers=guesser)
        assert form.status_code == 429 and set_cookie(form) is None
    with client(door, STRANGER) as other:  # the forged header from an untrusted peer names nobody
        assert other.get('/containers', headers={**guesser, 'Authorization': f'Bearer {door.token}'}).status_code == 200


def test_link_and_form_failures_count_together(door):
    guesser = {'X-Forwarded-For': '203.0.113.20'}
    with client(door, PROXY) as proxy:
        for i in range(5):
            assert proxy.get('/', params={'token': f'guess-{i}'}, headers={**guesser, 'Accept': 'text/html'}).status_code == 303
            assert proxy.post('/login', data={'token': f'guess-{i}', 'next': '/'}, headers=guesser).status_code == 401
        api_link = proxy.get('/containers', params={'token': door.token}, headers=guesser)
        error(api_link, 429, 'too_many_requests')
        assert api_link.headers['retry-after']


def test_forged_forwarded_for_does_not_escape_the_limit(busybox_image):
    # a private app: this locks out 127.0.0.1, the address uvicorn trusts X-Forwarded-For from by default
    with running_app(prefix='dd-door-private-') as app, client(app) as forger:
        statuses = [forger.get('/containers', headers={'Authorization': 'Bearer guess',
                                                       'X-Forwarded-For': f'203.0.113.{i}'}).status_code for i in range(11)]
        right = forger.get('/containers', headers={'Authorization': f'Bearer {app.token}', 'X-Forwarded-For': '192.0.2.1'})
    assert statuses == [401] * 10 + [429]
    error(right, 429, 'too_many_requests')


def test_the_limiter_forgets_the_oldest_addresses_first():
    limiter = AttemptLimiter(attempts=3, window=60, max_clients=100)
    for _ in range(3):
        limiter.fail('198.51.100.1')
    assert limiter.retry_after('198.51.100.1') > 0
    assert limiter.retry_after('198.51.100.2') == 0
    for i in range(10_000):
        limiter.fail(f'10.{i // 65536}.{i // 256 % 256}.{i % 256}')
    assert len(limiter) == 100
    assert limiter.retry_after('198.51.100.1') == 0  # forgotten: memory stays bounded


# ---- public paths -----------------------------------------------------------------------------

@pytest.mark.parametrize(('method', 'raw_path'), [
    ('GET', '/healthXYZ'), ('GET', '/health/'), ('GET', '/login/../containers'), ('GET', '/loginx'),
    ('GET', '/favicon.ico/../containers'), ('GET', f'/_nicegui/{nicegui.__version__}/static/nicegui.js'),
    ('GET', '/_nicegui/anything'), ('POST', '/_nicegui/client/abc/upload/123'),
    ('GET', '/_nicegui_ws/socket.io/?EIO=4&transport=polling'),
])
def test_only_the_exact_public_paths_pass_unsigned(door, method, raw_path):
    status, headers, body, _ = raw(door, f'{method} {raw_path} HTTP/1.1\nHost: 127.0.0.1\nContent-Length: 0\nConnection: close')
    assert status == 401, body
    assert b'"unauthorized"' in body


def test_the_public_paths_and_the_signed_in_ui(door):
    with client(door) as anonymous:
        assert anonymous.get('/health').status_code == 200
        login = anonymous.get('/login')
        assert login.status_code == 200 and 'name="token"' in login.text and '/_nicegui' not in login.text
        assert anonymous.get('/favicon.ico').status_code == 200
        cookie = sign_in(door)
        page = anonymous.get('/', headers={'Cookie': cookie, 'Accept': 'text/html'})
        assert page.status_code == 200
        asset = f'/_nicegui/{nicegui.__version__}/static/nicegui.js'
        assert asset in page.text
        assert anonymous.get(asset, headers={'Cookie': cookie}).status_code == 200


# ---- Origin -----------------------------------------------------------------------------------

@pytest.mark.parametrize('headers', [
    {'Origin': 'https://evil.example'}, {'Origin': 'null'}, {'Origin': 'http://127.0.0.1:1'},
    {'Origin': 'https://127.0.0.1:{port}'}, {'Origin': 'http://localhost:{port}'}, {},
    {'Sec-Fetch-Site': 'cross-site'}, {'Sec-Fetch-Site': 'same-site'}, {'Sec-Fetch-Site': 'none'},
])
def test_a_cookie_change_from_elsewhere_is_refused_and_does_nothing(door, make_container, headers):
    container = make_container(network_mode='none')
    headers = {k: v.format(port=port(door)) for k, v in headers.items()}
    with client(door) as browser:
        response = browser.post(f'/containers/{container.id}/action', json={'action': 'stop', 'timeout': 1},
                                headers={'Cookie': sign_in(door), **headers})
    message = error(response, 403, 'cross_origin')
    assert ('another site' in message) if 'Origin' in headers else ('Bearer' in message)
    container.reload()
    assert container.status == 'running'


@pytest.mark.parametrize('headers', [{'Origin': '{origin}'}, {'Sec-Fetch-Site': 'same-origin'},
                                     {'Origin': '{origin}', 'Sec-Fetch-Site': 'same-origin'}])
def test_a_cookie_change_from_our_own_page_passes(door, headers):
    headers = {k: v.format(origin=own_origin(door)) for k, v in headers.items()}
    with client(door) as browser:
        response = browser.post('/nlp/parse', json={'command': 'list containers'}, headers={'Cookie': sign_in(door), **headers})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize('origin', [None, 'https://evil.example'])
def test_bearer_clients_are_not_asked_for_an_origin(door, origin):
    with door.client() as api:
        response = api.post('/nlp/parse', json={'command': 'list containers'}, headers={'Origin': origin} if origin else {})
    assert response.status_code == 200, response.text


def test_a_cross_origin_read_with_the_cookie_is_refused(door):
    cookie = sign_in(door)
    with client(door) as browser:
        error(browser.get('/containers', headers={'Cookie': cookie, 'Origin': 'http://localhost:9999'}), 403, 'cross_origin')
        assert browser.get('/containers', headers={'Cookie': cookie}).status_code == 200


@pytest.mark.parametrize(('headers', 'status', 'code'), [
    ({'Origin': '{origin}'}, 101, None),
    ({'Origin': 'https://evil.example'}, 403, 'cross_origin'),
    ({'Origin': 'http://127.0.0.1.evil.example'}, 403, 'cross_origin'),
    ({'Origin': 'null'}, 403, 'cross_origin'),
    ({}, 403, 'cross_origin'),
])
def test_the_websocket_upgrade_checks_the_origin(door, headers, status, code):
    headers = {k: v.format(origin=own_origin(door)) for k, v in headers.items()}
    got, _, body, _ = upgrade(door, {'Cookie': sign_in(door), **headers})
    assert got == status, body
    if code:
        assert f'"{code}"'.encode() in body


def test_the_websocket_needs_a_session_or_the_token(door):
    status, _, body, _ = upgrade(door, {'Origin': own_origin(door)})
    assert status == 401 and b'"unauthorized"' in body
    status, _, body, _ = upgrade(door, {'Origin': own_origin(door), 'Cookie': 'dd_session=forged'})
    assert status == 401
    status, _, _, _ = upgrade(door, {'Authorization': f'Bearer {door.token}'})
    assert status == 101


# ---- sessions ---------------------------------------------------------------------------------

def test_every_sign_in_is_a_new_random_session_and_replaces_the_one_it_was_sent_with(door):
    first, second = sign_in(door), sign_in(door)
    assert first != second and door.token not in first
    with client(door) as browser:
        assert browser.get('/containers', headers={'Cookie': first}).status_code == 200
        assert browser.get('/containers', headers={'Cookie': second}).status_code == 200
        rotated = browser.get('/', params={'token': door.token}, headers={'Cookie': first})
        assert f'dd_session={set_cookie(rotated).value}' not in (first, second)
        error(browser.get('/containers', headers={'Cookie': first}), 401, 'unauthorized')
        assert browser.post('/login', data={'token': door.token, 'next': '/'}, headers={'Cookie': second,
                            'Origin': own_origin(door)}).status_code == 303
        error(browser.get('/containers', headers={'Cookie': second}), 401, 'unauthorized')


def test_the_cookie_is_http_only_lax_and_lives_as_long_as_the_session(door):
    with client(door) as anonymous:
        cookie = set_cookie(anonymous.get('/', params={'token': door.token}))
    assert cookie['httponly'] is True
    assert cookie['samesite'].lower() == 'lax'
    assert cookie['path'] == '/'
    assert int(cookie['max-age']) == 30 * 24 * 3600


def test_sign_out_ends_the_session_everywhere(door):
    cookie = sign_in(door)
    status, _, _, sock = upgrade(door, {'Cookie': cookie, 'Origin': own_origin(door)}, keep=True)
    assert status == 101 and sock is not None
    with sock, client(door) as browser:
        assert browser.get('/logout', headers={'Cookie': cookie}).status_code == 200  # a confirmation page only
        assert browser.get('/containers', headers={'Cookie': cookie}).status_code == 200
        error(browser.post('/logout', headers={'Cookie': cookie, 'Origin': 'https://evil.example'}), 403, 'cross_origin')
        assert browser.get('/containers', headers={'Cookie': cookie}).status_code == 200

        out = browser.post('/logout', headers={'Cookie': cookie, 'Origin': own_origin(door)})
        assert out.status_code == 303 and out.headers['location'] == '/login'
        assert set_cookie(out)['max-age'] == '0'
        assert close_code(sock) == 4401  # the open websocket is closed too
        error(browser.get('/containers', headers={'Cookie': cookie}), 401, 'unauthorized')
        page = browser.get('/', headers={'Cookie': cookie, 'Accept': 'text/html'})
        assert page.status_code == 303 and page.headers['location'].startswith('/login')
    status, _, _, _ = upgrade(door, {'Cookie': cookie, 'Origin': own_origin(door)})
    assert status == 401


def test_sessions_survive_a_restart_and_end_with_a_new_token(tmp_path, busybox_image):
    data_dir, token = tmp_path / 'data', secrets.token_hex(16)
    env = {'DEPLOYER_DATA_DIR': str(data_dir), 'DEPLOYER_TOKEN': token}
    with running_app(prefix='dd-door-restart-', env=env) as app:
        cookie = sign_in(dataclasses.replace(app, token=token))  # the app runs with our token, not its own
    stored = data_dir / 'sessions.json'
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert cookie.split('=', 1)[1] not in stored.read_text()  # only a keyed hash of the id is kept
    with running_app(prefix='dd-door-restart-', env=env) as app, client(app) as browser:
        assert browser.get('/containers', headers={'Cookie': cookie}).status_code == 200
    with running_app(prefix='dd-door-restart-', env={**env, 'DEPLOYER_TOKEN': secrets.token_hex(16)}) as app, \
            client(app) as browser:
        error(browser.get('/containers', headers={'Cookie': cookie}), 401, 'unauthorized')


def test_sessions_expire_and_stay_bounded(tmp_path):
    now = [1_000_000.0]
    sessions = Sessions(tmp_path / 'sessions.json', b'k' * 32, lifetime=3600, limit=5, clock=lambda: now[0])
    first = sessions.create()
    now[0] += 3599
    assert sessions.valid(first)
    now[0] += 2
    assert not sessions.valid(first)
    assert not Sessions(tmp_path / 'sessions.json', b'k' * 32, lifetime=3600, clock=lambda: now[0]).valid(first)
    ids = [sessions.create() for _ in range(8)]
    assert len(sessions) == 5 and all(sessions.valid(i) for i in ids[-5:]) and not sessions.valid(ids[0])
    assert not sessions.valid('x' * 10_000) and not sessions.end(None)


# ---- settings ---------------------------------------------------------------------------------

def test_front_door_settings():
    settings = Settings.from_env({'DEPLOYER_ALLOWED_HOSTS': ' Deployer.Example.test., *.lan ,',
                                  'DEPLOYER_TRUSTED_PROXIES': '10.0.0.0/8, ::1'})
    assert settings.allowed_hosts == ('deployer.example.test', '*.lan')
    assert [str(n) for n in settings.trusted_proxies] == ['10.0.0.0/8', '::1/128']
    assert Settings.from_env({}).allowed_hosts == () and Settings.from_env({}).trusted_proxies == ()
    for env in ({'DEPLOYER_ALLOWED_HOSTS': 'https://x.example'}, {'DEPLOYER_ALLOWED_HOSTS': 'x.example:8080'},
                {'DEPLOYER_TRUSTED_PROXIES': 'proxy.lan'}):
        with pytest.raises(InvalidInput, match=next(iter(env))):
            Settings.from_env(env)
    assert host_allowed('x.lan:80', ('*.lan',)) and not host_allowed('lan', ('*.lan',))
    assert same_origin('http://[::1]:8080', 'ws', '[::1]:8080') and not same_origin('http://[::1]:8080/', 'http', '[::1]:8081')
