"""Auth, bad input and every documented error of the REST API; the login link, security
headers and the offline API docs. Each error is JSON {"error": {"code", "message"}}."""

from __future__ import annotations

import secrets
from http.cookies import SimpleCookie

import docker.errors
import httpx
import pytest

from devtools.apprun import running_app

TEST_LABEL = 'dockerdeployer.test'
SECURITY_HEADERS = {'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY',
                    'referrer-policy': 'same-origin'}


@pytest.fixture(scope='module')
def api(app_server):
    with app_server.client() as client:
        yield client


@pytest.fixture
def anonymous(app_server):
    """A client without token or cookies (a fresh one per test: logins store cookies)."""
    with httpx.Client(base_url=app_server.base_url, timeout=10) as client:
        yield client


@pytest.fixture(scope='module')
def target(docker_client, busybox_image):
    """A running container that bad requests must leave alone."""
    container = docker_client.containers.run(busybox_image, ['sleep', '100000'], detach=True, init=True,
                                             name=f'ddtest-target-{secrets.token_hex(4)}',
                                             labels={TEST_LABEL: '1'})
    yield container
    try:
        container.remove(force=True)
    except docker.errors.NotFound:
        pass


def _error(response: httpx.Response, status: int, code: str) -> str:
    """Assert the documented error shape; returns the message."""
    assert response.status_code == status, response.text
    assert response.headers['content-type'].startswith('application/json')
    body = response.json()
    assert set(body) == {'error'}
    assert body['error']['code'] == code
    message = body['error']['message']
    assert isinstance(message, str) and message
    assert 'Traceback' not in response.text
    return message


# ---- 401 --------------------------------------------------------------------------------------

def test_health_needs_no_token(anonymous, docker_client):
    response = anonymous.get('/health')
    assert response.status_code == 200
    assert response.json()['ok'] is True
    assert response.json()['engine']['reachable'] is True
    assert response.json()['engine']['version'] == docker_client.version()['Version']


@pytest.mark.parametrize(('method', 'path'), [
    ('GET', '/containers'), ('GET', '/containers/whatever'), ('POST', '/containers/whatever/action'),
    ('GET', '/logs/whatever'), ('GET', '/logs/whatever?follow=true'), ('GET', '/status'), ('GET', '/events'),
    ('GET', '/openapi.json'), ('GET', '/docs'), ('GET', '/docs-static/swagger-ui-bundle.js'),
])
def test_every_route_but_health_needs_the_token(anonymous, method, path):
    response = anonymous.request(method, path, json={'action': 'stop'} if method == 'POST' else None)
    message = _error(response, 401, 'unauthorized')
    assert 'Bearer' in message
    assert response.headers['www-authenticate'] == 'Bearer'


@pytest.mark.parametrize('header', ['Bearer wrong-token', 'Bearer {token}x', 'Bearer {token_prefix}',
                                    'Basic {token}', '{token}', 'Bearer', ''])
def test_a_wrong_token_is_401(app_server, anonymous, target, header):
    value = header.format(token=app_server.token, token_prefix=app_server.token[:-1])
    response = anonymous.get('/containers', headers={'Authorization': value})
    _error(response, 401, 'unauthorized')
    response = anonymous.post(f'/containers/{target.id}/action', json={'action': 'stop', 'timeout': 1},
                              headers={'Authorization': value})
    _error(response, 401, 'unauthorized')
    target.reload()
    assert target.status == 'running'


def test_the_bearer_scheme_is_case_insensitive(app_server, anonymous):
    response = anonymous.get('/containers', headers={'Authorization': f'bearer {app_server.token}'})
    assert response.status_code == 200
    assert isinstance(response.json(), list)


def test_a_browser_without_token_gets_the_login_page_but_api_clients_get_json(anonymous):
    page = anonymous.get('/', headers={'Accept': 'text/html'})
    assert page.status_code == 303
    assert page.headers['location'] == '/login?next=%2F'
    login = anonymous.get('/login')
    assert login.status_code == 200
    assert 'name="token"' in login.text
    api = anonymous.get('/containers', headers={'Accept': 'text/html'})
    _error(api, 401, 'unauthorized')


# ---- the login link and the session cookie ----------------------------------------------------

def _session_cookie(response: httpx.Response):
    cookies = SimpleCookie()
    for header in response.headers.get_list('set-cookie'):
        cookies.load(header)
    return cookies.get('dd_session')


def test_token_link_logs_in_with_an_http_only_cookie(app_server, anonymous):
    response = anonymous.get('/', params={'token': app_server.token})
    assert response.status_code == 303
    assert response.headers['location'] == '/'
    cookie = _session_cookie(response)
    assert cookie is not None and cookie.value
    assert cookie['httponly'] is True
    assert cookie['path'] == '/'
    assert cookie['samesite'].lower() in ('lax', 'strict')
    assert app_server.token not in cookie.value

    with httpx.Client(base_url=app_server.base_url, timeout=10,
                      headers={'Cookie': f'dd_session={cookie.value}'}) as browser:
        listing = browser.get('/containers')
        assert listing.status_code == 200
        assert isinstance(listing.json(), list)
    _error(anonymous.get('/containers', headers={'Cookie': 'dd_session=forged'}), 401, 'unauthorized')


def test_token_link_keeps_the_other_query_parameters(app_server, anonymous):
    response = anonymous.get('/', params={'token': app_server.token, 'search': 'web'})
    assert response.status_code == 303
    assert response.headers['location'] == '/?search=web'


@pytest.mark.parametrize('raw_path', [b'//evil.example/', b'/%2F%2Fevil.example', b'/\\evil.example'])
def test_token_link_never_redirects_off_site(app_server, anonymous, raw_path):
    url = httpx.URL(app_server.base_url).copy_with(raw_path=raw_path + f'?token={app_server.token}'.encode())
    response = anonymous.get(url)
    assert response.status_code == 303
    location = response.headers['location']
    assert location.startswith('/') and not location.startswith(('//', '/\\'))


def test_a_wrong_token_link_sets_no_cookie(anonymous):
    response = anonymous.get('/', params={'token': 'wrong-token'}, headers={'Accept': 'text/html'})
    assert response.status_code == 303
    assert response.headers['location'].startswith('/login')
    assert _session_cookie(response) is None


def test_login_form(app_server, anonymous):
    wrong = anonymous.post('/login', data={'token': 'not-the-token', 'next': '/'})
    assert wrong.status_code == 401
    assert 'not right' in wrong.text
    assert _session_cookie(wrong) is None
    right = anonymous.post('/login', data={'token': app_server.token, 'next': '/containers'})
    assert right.status_code == 303
    assert right.headers['location'] == '/containers'
    assert _session_cookie(right) is not None
    elsewhere = anonymous.post('/login', data={'token': app_server.token, 'next': '//evil.example/'})
    assert elsewhere.headers['location'] == '/'


# ---- security headers -------------------------------------------------------------------------

@pytest.mark.parametrize(('path', 'authorized'), [('/health', False), ('/containers', False),
                                                  ('/containers', True), ('/no/such/api', True)])
def test_security_headers(app_server, anonymous, path, authorized):
    headers = {'Authorization': f'Bearer {app_server.token}'} if authorized else {}
    response = anonymous.get(path, headers=headers)
    for key, value in SECURITY_HEADERS.items():
        assert response.headers.get(key) == value, (key, response.status_code)


# ---- 404 --------------------------------------------------------------------------------------

@pytest.mark.parametrize(('method', 'path'), [
    ('GET', '/containers/{ref}'), ('POST', '/containers/{ref}/action'), ('GET', '/logs/{ref}'),
    ('GET', '/logs/{ref}?follow=true'),
])
@pytest.mark.parametrize('ref', ['ddtest-missing-{hex}', '00000000{hex}'])
def test_unknown_container_is_404(api, method, path, ref):
    ref = ref.format(hex=secrets.token_hex(4))
    response = api.request(method, path.format(ref=ref), json={'action': 'stop'} if method == 'POST' else None)
    message = _error(response, 404, 'not_found')
    assert ref in message


@pytest.mark.parametrize('path', ['/containers/abc/bogus', '/api/v2/containers', '/no-such-thing',
                                  '/status/extra', '/logs'])
def test_unknown_api_path_is_a_json_404(api, path):
    _error(api.get(path), 404, 'not_found')


def test_wrong_method_is_a_json_405(api):
    _error(api.delete('/containers'), 405, 'method_not_allowed')


# ---- 422 --------------------------------------------------------------------------------------

@pytest.mark.parametrize('body', [
    b'{"action": "stop"', b'', b'not json at all', b'["stop"]', b'"stop"', b'null',
    b'{}', b'{"action": "explode"}', b'{"action": 1}',
    b'{"action": "stop", "timeout": "abc"}', b'{"action": "stop", "timeout": -1}',
    b'{"action": "stop", "timeout": 999999}', b'{"action": "stop", "timeout": 1.5}',
    b'{"action": "remove", "force": "maybe"}', b'{"action": "logs", "tail": "many"}',
    b'{"action": "stop", "extra": true}', b'{"action": "kill", "signal": "rm -rf /"}',
    b'{"action": "kill", "signal": "SIGTERMSIGTERMSIGTERMSIGTERM"}',
])
def test_bad_action_bodies_are_422(api, target, body):
    response = api.post(f'/containers/{target.id}/action', content=body,
                        headers={'Content-Type': 'application/json'})
    _error(response, 422, 'invalid_input')
    target.reload()
    assert target.status == 'running'


@pytest.mark.parametrize(('path', 'params'), [
    ('/logs/{id}', {'since': 'yesterday'}), ('/logs/{id}', {'since': '0'}), ('/logs/{id}', {'since': '-5'}),
    ('/logs/{id}', {'until': 'soon'}), ('/logs/{id}', {'since': '1h', 'until': '2h'}),
    ('/logs/{id}', {'tail': '-1'}), ('/logs/{id}', {'tail': 'all'}), ('/logs/{id}', {'format': 'xml'}),
    ('/logs/{id}', {'follow': 'maybe'}), ('/logs/{id}', {'since': 'yesterday', 'follow': 'true'}),
    ('/logs/{id}', {'timestamps': 'sometimes'}),
    ('/containers', {'status': 'sleeping'}), ('/containers', {'all': 'maybe'}),
    ('/containers', {'stack': 'x' * 500}),
])
def test_bad_query_parameters_are_422(api, target, path, params):
    _error(api.get(path.format(id=target.id), params=params), 422, 'invalid_input')


@pytest.mark.parametrize('since', ['nan', 'inf', '1e20', '99999999999999999999'])
def test_out_of_range_times_are_422_not_an_engine_error(api, target, since):
    _error(api.get(f'/logs/{target.id}', params={'since': since}), 422, 'invalid_input')
    _error(api.get(f'/logs/{target.id}', params={'until': since}), 422, 'invalid_input')


@pytest.mark.parametrize('ref', ['%20', 'x' * 300])
def test_malformed_container_refs_are_422(api, ref):
    _error(api.get(f'/containers/{ref}'), 422, 'invalid_input')


# ---- 413 --------------------------------------------------------------------------------------

def _oversized() -> bytes:
    return b'{"action": "logs", "signal": "' + b'a' * (1 << 20) + b'"}'


def test_oversized_body_is_413(api, target):
    message = _error(api.post(f'/containers/{target.id}/action', content=_oversized(),
                              headers={'Content-Type': 'application/json'}), 413, 'too_large')
    assert 'KiB' in message or 'MiB' in message


def test_oversized_chunked_body_is_413(api, target):
    """Without a Content-Length header (chunked transfer) the limit must hold just the same."""
    body = _oversized()

    def chunks():
        for start in range(0, len(body), 65536):
            yield body[start:start + 65536]

    response = api.post(f'/containers/{target.id}/action', content=chunks(),
                        headers={'Content-Type': 'application/json'})
    _error(response, 413, 'too_large')


# ---- 503: no engine ---------------------------------------------------------------------------

@pytest.fixture(scope='module')
def engineless():
    """A second app whose DOCKER_HOST points at a socket nobody listens on."""
    with running_app(env={'DOCKER_HOST': 'unix:///nonexistent.sock'}, prefix='dd-engineless-') as app, \
            app.client() as client:
        yield client


def test_health_without_engine_says_unreachable(engineless):
    response = engineless.get('/health')
    assert response.status_code == 200
    body = response.json()
    assert body['ok'] is False
    assert body['engine']['reachable'] is False


@pytest.mark.parametrize(('method', 'path'), [
    ('GET', '/containers'), ('GET', '/containers/web'), ('POST', '/containers/web/action'), ('GET', '/logs/web'),
    ('GET', '/logs/web?follow=true'), ('GET', '/status'),
])
def test_without_engine_the_api_answers_503_with_a_fix(engineless, method, path):
    response = engineless.request(method, path, json={'action': 'stop'} if method == 'POST' else None)
    message = _error(response, 503, 'engine_unavailable')
    assert 'DOCKER_HOST' in message
    assert 'start' in message.lower()


def test_without_engine_events_report_the_engine_unreachable(engineless):
    with engineless.stream('GET', '/events') as response:
        assert response.status_code == 200
        lines = response.iter_lines()
        assert next(lines) == 'event: engine'
        data = next(lines)
    assert data.startswith('data: ')
    assert '"reachable":false' in data.replace(' ', '')


# ---- docs -------------------------------------------------------------------------------------

def test_docs_render_from_local_assets(api):
    page = api.get('/docs')
    assert page.status_code == 200
    assert page.headers['content-type'].startswith('text/html')
    assert '/docs-static/swagger-ui-bundle.js' in page.text
    assert '/openapi.json' in page.text
    assert 'cdn.jsdelivr.net' not in page.text and 'unpkg.com' not in page.text
    bundle = api.get('/docs-static/swagger-ui-bundle.js')
    assert bundle.status_code == 200
    assert 'javascript' in bundle.headers['content-type']
    assert len(bundle.content) > 100_000
    assert api.get('/docs-static/swagger-ui.css').status_code == 200


def test_openapi_describes_the_api(api):
    response = api.get('/openapi.json')
    assert response.status_code == 200
    spec = response.json()
    assert {'/health', '/containers', '/containers/{container_id}', '/containers/{container_id}/action',
            '/logs/{container_id}', '/status', '/events'} <= set(spec['paths'])
    assert spec['info']['title'] == 'DockerDeployer'
    action = spec['paths']['/containers/{container_id}/action']['post']
    assert {'401', '404', '409', '422', '503'} <= set(action['responses'])


def test_a_connection_left_idle_for_longer_than_five_seconds_is_still_served(app_server):
    """A REST client polling every few seconds keeps its connection: uvicorn's own 5 s keep-alive
    made the server close it just as the client sent its next request ('Server disconnected')."""
    import http.client
    import time
    host, port = app_server.base_url.removeprefix('http://').split(':')
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request('GET', '/health')
        first = connection.getresponse()
        assert first.status == 200 and b'"ok":true' in first.read()
        sock = connection.sock
        time.sleep(6.5)
        connection.request('GET', '/health')       # on the same socket: a closed one raises RemoteDisconnected
        again = connection.getresponse()
        assert connection.sock is sock and again.status == 200 and b'"ok":true' in again.read()
    finally:
        connection.close()
