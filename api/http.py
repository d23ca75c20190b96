"""Cross-cutting HTTP: the front door (Host allow-list, trusted proxies, the token or session gate,
the Origin check, the limit on token guessing), body limits, security headers, error handlers and
the offline Swagger UI. Signing in and out is in ``signin``."""
from __future__ import annotations

import time
import urllib.parse
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from deployer.errors import DeployerError
from deployer.service import Deployer

from . import errors, signin
from .frontdoor import host_allowed, resolve_proxy, same_origin

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

API_PREFIXES = ('/health', '/containers', '/logs', '/status', '/events', '/openapi.json', '/docs',
                '/templates', '/stacks', '/deploy', '/nlp', '/history', '/settings', '/api')
# Matched exactly. The login page is self-contained; everything else (NiceGUI's assets, its
# websocket, uploads) is only for signed-in browsers, which send the session cookie with it.
PUBLIC = frozenset({'/health', '/login', '/logout', '/favicon.ico'})
SAFE_METHODS = frozenset({'GET', 'HEAD', 'OPTIONS'})
SWAGGER_UI = Path(__file__).parent / 'static' / 'swagger-ui'   # its README.md: version and licence
MAX_BODY = 1 << 20
# Referrer-Policy same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" on
# its own same-origin POSTs, which the Origin check could not tell from another site's.
SECURITY_HEADERS = [(b'x-content-type-options', b'nosniff'), (b'x-frame-options', b'DENY'),
                    (b'referrer-policy', b'same-origin'), (b'cross-origin-opener-policy', b'same-origin')]


def is_api_path(path: str) -> bool:
    return any(path == p or path.startswith(p + '/') or path.startswith(p + '?') for p in API_PREFIXES)


class Gate:
    """ASGI middleware, in this order: trusted-proxy headers resolved, the Host checked, the body
    size checked; then nothing but the public paths passes without the token (bearer header or
    sign-in link) or a live session cookie, failed token attempts are rate-limited per client
    address, and a request that rides on the session cookie must come from one of our own pages
    (Origin) when it can change something, is a websocket, or is a cross-origin read."""

    def __init__(self, app: Callable[..., Awaitable[None]], door: signin.FrontDoor) -> None:
        self.app = app
        self.door = door

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] not in ('http', 'websocket'):
            return await self.app(scope, receive, send)
        door = self.door
        resolve_proxy(scope, door.trusted_proxies)
        headers = Headers(scope=scope)
        path: str = scope['path']
        if not host_allowed(headers.get('host'), door.allowed_hosts):
            return await _deny(scope, receive, send, 400, 'bad_host', _bad_host(headers.get('host')))
        if scope['type'] == 'http':
            length = headers.get('content-length')
            if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
                return await _send(scope, receive, send, errors.error_response(
                    413, 'too_large', f'request bodies are limited to {MAX_BODY // 1024} KiB'))
        client = scope['client'][0] if scope.get('client') else '?'
        cookie = signin.session_cookie(headers.get('cookie'))
        session = cookie if door.sessions.valid(cookie) else None
        via = 'session' if session else None
        if path in PUBLIC:  # of these only sign-out acts on the session's authority (the Origin check below)
            via = 'session' if session and path == '/logout' else 'public'
        elif (presented := door.auth.bearer_value(headers.get('authorization'))) is not None:
            if wait := door.limiter.retry_after(client):
                return await _too_many(scope, receive, send, wait, api=True)
            if not door.auth.check_token(presented):
                door.limiter.fail(client)
                return await _unauthorized(scope, receive, send, 'the token is not right')
            via = 'bearer'
        elif scope['type'] == 'http' and scope.get('method') == 'GET':
            query = urllib.parse.parse_qs(scope.get('query_string', b'').decode('latin-1'), keep_blank_values=True)
            link_token = (query.pop('token', ['']) or [''])[0]
            if link_token:
                if wait := door.limiter.retry_after(client):
                    return await _too_many(scope, receive, send, wait, api=is_api_path(path))
                if door.auth.check_token(link_token):
                    clean = path + ('?' + urllib.parse.urlencode(query, doseq=True) if query else '')
                    return await _send(scope, receive, send, await door.sign_in(scope, clean, replacing=cookie))
                door.limiter.fail(client)
        if via is None:
            return await _unauthorized(scope, receive, send)
        if via == 'session' and (refusal := _cross_site(scope, headers)):
            return await _deny(scope, receive, send, 403, 'cross_origin', refusal)
        if scope['type'] == 'websocket' and session is not None and via == 'session':
            with door.socket(session, send):
                return await self.app(scope, receive, _with_headers(send))
        if scope['type'] == 'http' and 'content-length' not in headers and 'chunked' in headers.get('transfer-encoding', ''):
            body = await _read_limited(receive)
            if body is None:
                return await _send(scope, receive, send, errors.error_response(
                    413, 'too_large', f'request bodies are limited to {MAX_BODY // 1024} KiB'))
            receive = _replay(body, receive)
        return await self.app(scope, receive, _with_headers(send))


def _cross_site(scope: Scope, headers: Headers) -> str | None:
    """Why a request carrying the session cookie is refused as coming from another site, or ``None``.

    A foreign ``Origin`` is refused on any request (browsers send one on a cross-origin read, e.g.
    a polling socket). Without an Origin, a websocket or a request that can change something must
    say ``Sec-Fetch-Site: same-origin``: browsers send Origin on every POST and websocket, so a
    request with neither is not from one of our pages (scripts use the bearer token)."""
    origin = headers.get('origin')
    host = headers.get('host', '')
    if origin is not None:
        if same_origin(origin, scope.get('scheme', 'http'), host):
            return None
        return (f'refused: this request came from another site (Origin {origin[:100]!r}, this server is '
                f'{_own_origin(scope, host)!r}); changes with the session cookie must come from this app\'s own pages. '
                'Behind a reverse proxy, set DEPLOYER_TRUSTED_PROXIES so the scheme and host it forwards are used.')
    if scope['type'] == 'http' and scope.get('method') in SAFE_METHODS:
        return None
    if headers.get('sec-fetch-site') == 'same-origin':
        return None
    return ('refused: a change sent with the session cookie must carry the Origin header of this app\'s own pages; '
            'scripts and API clients send "Authorization: Bearer <token>" instead')


def _own_origin(scope: Scope, host: str) -> str:
    scheme = {'ws': 'http', 'wss': 'https'}.get(scope.get('scheme', 'http'), scope.get('scheme', 'http'))
    return f'{scheme}://{host}'


def _bad_host(host: str | None) -> str:
    shown = repr(host[:100]) if host is not None else 'missing'
    return (f'the Host header ({shown}) is not a name this server answers to: localhost and IP addresses always are; '
            'add other names to DEPLOYER_ALLOWED_HOSTS (comma-separated)')


async def _deny(scope: Scope, receive: Receive, send: Send, status: int, code: str, message: str,
                headers: dict[str, str] | None = None) -> None:
    """A JSON error for a request, or the refusal of a websocket upgrade (with the same JSON body
    where the server supports denial responses)."""
    response = errors.error_response(status, code, message)
    response.headers.update(headers or {})
    if scope['type'] == 'websocket' and 'websocket.http.response' not in scope.get('extensions', {}):
        return await send({'type': 'websocket.close', 'code': 4000 + status})
    return await _send(scope, receive, send, response)


async def _unauthorized(scope: Scope, receive: Receive, send: Send, why: str = 'a valid token is required') -> None:
    headers = Headers(scope=scope)
    if (scope['type'] == 'http' and scope.get('method') == 'GET' and 'text/html' in headers.get('accept', '')
            and not is_api_path(scope['path'])):
        target = '/login?' + urllib.parse.urlencode({'next': scope['path']})
        return await _send(scope, receive, send, RedirectResponse(target, status_code=303))
    return await _deny(scope, receive, send, 401, 'unauthorized', f'{why}: send "Authorization: Bearer <token>" '
                       '(the token is printed at startup)', {'www-authenticate': 'Bearer'})


async def _too_many(scope: Scope, receive: Receive, send: Send, wait: int, *, api: bool) -> None:
    headers = {'retry-after': str(wait)}
    if api or scope['type'] == 'websocket':
        return await _deny(scope, receive, send, 429, 'too_many_requests', signin.too_many_message(wait), headers)
    return await _send(scope, receive, send, signin.login_page(scope['path'], signin.too_many_message(wait), 429, headers))


async def _read_limited(receive: Receive) -> bytes | None:
    """The whole body of a chunked request, or ``None`` once it exceeds MAX_BODY."""
    parts, size = [], 0
    while True:
        message = await receive()
        if message['type'] != 'http.request':
            return b''.join(parts)
        size += len(message.get('body', b''))
        if size > MAX_BODY:
            return None
        parts.append(message.get('body', b''))
        if not message.get('more_body'):
            return b''.join(parts)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> MutableMapping[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {'type': 'http.request', 'body': body, 'more_body': False}
        return await receive()
    return replay


def _with_headers(send: Send) -> Send:
    """Security headers on every response, and ``Server-Timing: app;dur=<ms>``: the time from the
    request reaching the app to its response starting (what a client waits beyond the network)."""
    started = time.perf_counter()

    async def wrapped(message: MutableMapping[str, Any]) -> None:
        if message['type'] in ('http.response.start', 'websocket.http.response.start'):
            headers = MutableHeaders(scope=message)
            for key, value in SECURITY_HEADERS:
                if key.decode() not in headers:
                    headers.append(key.decode(), value.decode())
            headers.append('server-timing', f'app;dur={(time.perf_counter() - started) * 1000:.1f}')
        await send(message)
    return wrapped


async def _send(scope: Scope, receive: Receive, send: Send, response: Response) -> None:
    await response(scope, receive, _with_headers(send))


def install(app: FastAPI, deployer: Deployer) -> None:
    """Wire middleware, error handlers, login and docs into the app (call once at startup)."""
    nicegui_404 = app.exception_handlers.get(404)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if (exc.status_code == 404 and nicegui_404 is not None and not is_api_path(request.url.path)
                and 'text/html' in request.headers.get('accept', '')):
            return await nicegui_404(request, exc)
        return errors.http_error_json(exc)

    app.add_exception_handler(DeployerError, errors.deployer_error)
    app.add_exception_handler(RequestValidationError, errors.validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(404, http_error)
    app.add_exception_handler(Exception, errors.unexpected_error)
    door = signin.FrontDoor(deployer)
    app.add_middleware(Gate, door=door)
    signin.install(app, door)

    # Swagger UI 5 (it reads OpenAPI 3.1, which the app serves), vendored so /docs works offline
    app.mount('/docs-static', StaticFiles(directory=SWAGGER_UI), name='docs-static')

    @app.get('/openapi.json', include_in_schema=False)
    def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get('/docs', include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url='/openapi.json', title='DockerDeployer API',
                                   swagger_js_url='/docs-static/swagger-ui-bundle.js',
                                   swagger_css_url='/docs-static/swagger-ui.css',
                                   swagger_favicon_url='/docs-static/favicon-32x32.png')

