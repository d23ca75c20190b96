"""Cross-cutting HTTP: the token gate, body limits, security headers, error handlers,
the login page and the offline Swagger UI."""
from __future__ import annotations

import html
import time
import urllib.parse
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import FastAPI, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from deployer.auth import SESSION_COOKIE
from deployer.errors import DeployerError
from deployer.service import Deployer

from . import errors

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

API_PREFIXES = ('/health', '/containers', '/logs', '/status', '/events', '/openapi.json', '/docs',
                '/templates', '/stacks', '/deploy', '/nlp', '/history', '/settings', '/api')
PUBLIC = ('/health', '/login', '/_nicegui/', '/favicon.ico')
MAX_BODY = 1 << 20
SECURITY_HEADERS = [(b'x-content-type-options', b'nosniff'), (b'x-frame-options', b'DENY'),
                    (b'referrer-policy', b'no-referrer'), (b'cross-origin-opener-policy', b'same-origin')]


def is_api_path(path: str) -> bool:
    return any(path == p or path.startswith(p + '/') or path.startswith(p + '?') for p in API_PREFIXES)


class Gate:
    """ASGI middleware: nothing but public paths passes without the token or its session cookie."""

    def __init__(self, app: Callable[..., Awaitable[None]], deployer: Deployer) -> None:
        self.app = app
        self.auth = deployer.auth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope['type'] not in ('http', 'websocket'):
            return await self.app(scope, receive, send)
        path: str = scope['path']
        headers = Headers(scope=scope)
        if scope['type'] == 'http':
            length = headers.get('content-length')
            if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
                return await _send(scope, receive, send, errors.error_response(
                    413, 'too_large', f'request bodies are limited to {MAX_BODY // 1024} KiB'))
        cookie = _cookie(headers.get('cookie', ''), SESSION_COOKIE)
        authorized = (path.startswith(PUBLIC) or path == '/login' or self.auth.check_bearer(headers.get('authorization'))
                      or self.auth.check_session(cookie))
        if not authorized and scope['type'] == 'http' and scope.get('method') == 'GET':
            query = urllib.parse.parse_qs(scope.get('query_string', b'').decode('latin-1'))
            if self.auth.check_token((query.pop('token', ['']) or [''])[0]):
                clean = path + ('?' + urllib.parse.urlencode(query, doseq=True) if query else '')
                return await _send(scope, receive, send, _login_redirect(clean, self.auth.session_value, scope))
        if authorized:
            if scope['type'] == 'http' and 'content-length' not in headers and 'chunked' in headers.get('transfer-encoding', ''):
                body = await _read_limited(receive)
                if body is None:
                    return await _send(scope, receive, send, errors.error_response(
                        413, 'too_large', f'request bodies are limited to {MAX_BODY // 1024} KiB'))
                receive = _replay(body, receive)
            return await self.app(scope, receive, _with_headers(send))
        if scope['type'] == 'websocket':
            return await send({'type': 'websocket.close', 'code': 4401})
        if (scope.get('method') == 'GET' and 'text/html' in headers.get('accept', '')
                and not is_api_path(path)):
            target = '/login?' + urllib.parse.urlencode({'next': path})
            return await _send(scope, receive, send, RedirectResponse(target, status_code=303))
        response = errors.error_response(401, 'unauthorized', 'a valid token is required: send '
                                         '"Authorization: Bearer <token>" (the token is printed at startup)')
        response.headers['www-authenticate'] = 'Bearer'
        return await _send(scope, receive, send, response)


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
        if message['type'] == 'http.response.start':
            headers = MutableHeaders(scope=message)
            for key, value in SECURITY_HEADERS:
                if key.decode() not in headers:
                    headers.append(key.decode(), value.decode())
            headers.append('server-timing', f'app;dur={(time.perf_counter() - started) * 1000:.1f}')
        await send(message)
    return wrapped


async def _send(scope: Scope, receive: Receive, send: Send, response: Response) -> None:
    await response(scope, receive, _with_headers(send))


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(';'):
        key, _, value = part.strip().partition('=')
        if key == name:
            return value
    return None


def _secure(scope: Scope) -> bool:
    return scope.get('scheme') == 'https'


def _login_redirect(target: str, session: str, scope: Scope) -> Response:
    if not target.startswith('/') or target.startswith('//'):
        target = '/'
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite='lax', secure=_secure(scope),
                        max_age=30 * 24 * 3600, path='/')
    return response


class LoginLimiter:
    """At most ``attempts`` failed logins per client address in ``window`` seconds."""

    def __init__(self, attempts: int = 10, window: float = 60.0) -> None:
        self.attempts, self.window = attempts, window
        self._failures: dict[str, deque[float]] = defaultdict(deque)

    def blocked(self, client: str) -> bool:
        failures = self._failures[client]
        now = time.monotonic()
        while failures and now - failures[0] > self.window:
            failures.popleft()
        return len(failures) >= self.attempts

    def fail(self, client: str) -> None:
        self._failures[client].append(time.monotonic())


LOGIN_PAGE = '''<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>DockerDeployer · sign in</title>
<style>body{{font-family:system-ui,sans-serif;background:#0f172a;color:#e2e8f0;display:grid;place-items:center;
min-height:100vh;margin:0}}form{{background:#1e293b;padding:2rem;border-radius:12px;width:min(92vw,380px);
box-shadow:0 10px 30px #0008}}h1{{font-size:1.3rem;margin:0 0 .3rem}}p{{color:#94a3b8;font-size:.9rem}}
input{{width:100%;box-sizing:border-box;padding:.6rem;border-radius:8px;border:1px solid #475569;background:#0f172a;
color:inherit;font-size:1rem}}button{{margin-top:1rem;width:100%;padding:.6rem;border:0;border-radius:8px;
background:#2563eb;color:white;font-size:1rem;cursor:pointer}}.err{{color:#f87171}}</style></head><body>
<form method="post" action="/login"><h1>DockerDeployer</h1>
<p>Paste the access token printed when the server started (or stored in the data dir's <code>token</code> file).</p>
{error}<input type="password" name="token" placeholder="token" autofocus autocomplete="current-password" aria-label="token">
<input type="hidden" name="next" value="{next}"><button type="submit">Sign in</button></form></body></html>'''


def install(app: FastAPI, deployer: Deployer) -> None:
    """Wire middleware, error handlers, login and docs into the app (call once at startup)."""
    limiter = LoginLimiter()
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
    app.add_middleware(Gate, deployer=deployer)

    @app.get('/login', include_in_schema=False)
    def login_page(next: str = '/') -> HTMLResponse:
        return HTMLResponse(LOGIN_PAGE.format(error='', next=html.escape(next)))

    @app.post('/login', include_in_schema=False)
    def login(request: Request, token: str = Form(''), next: str = Form('/')) -> Response:
        client = request.client.host if request.client else '?'
        if limiter.blocked(client):
            return HTMLResponse(LOGIN_PAGE.format(error='<p class="err">Too many attempts; wait a minute.</p>',
                                                  next=html.escape(next)), status_code=429)
        if not deployer.auth.check_token(token.strip()):
            limiter.fail(client)
            return HTMLResponse(LOGIN_PAGE.format(error='<p class="err">That token is not right.</p>',
                                                  next=html.escape(next)), status_code=401)
        return _login_redirect(next, deployer.auth.session_value, request.scope)

    @app.get('/logout', include_in_schema=False)
    def logout() -> Response:
        response = RedirectResponse('/login', status_code=303)
        response.delete_cookie(SESSION_COOKIE, path='/')
        return response

    import swagger_ui_bundle  # the Swagger UI assets, served locally so /docs works offline

    app.mount('/docs-static', StaticFiles(directory=str(swagger_ui_bundle.swagger_ui_path)), name='docs-static')

    @app.get('/openapi.json', include_in_schema=False)
    def openapi() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get('/docs', include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url='/openapi.json', title='DockerDeployer API',
                                   swagger_js_url='/docs-static/swagger-ui-bundle.js',
                                   swagger_css_url='/docs-static/swagger-ui.css',
                                   swagger_favicon_url='/docs-static/favicon-32x32.png')

