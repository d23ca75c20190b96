"""Signing in and out of the browser UI: the login form, the session cookie (a fresh random session
at every sign-in), sign-out (which also closes the websockets the session opened) and the limit on
failed token attempts that the gate shares."""
from __future__ import annotations

import html
from collections.abc import Awaitable, Callable, Iterator, MutableMapping
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from deployer.auth import SESSION_COOKIE, AttemptLimiter
from deployer.service import Deployer

Scope = MutableMapping[str, Any]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

PAGE = '''<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>DockerDeployer · {title}</title>
<style>body{{font-family:system-ui,sans-serif;background:#0f172a;color:#e2e8f0;display:grid;place-items:center;
min-height:100vh;margin:0}}form{{background:#1e293b;padding:2rem;border-radius:12px;width:min(92vw,380px);
box-shadow:0 10px 30px #0008}}h1{{font-size:1.3rem;margin:0 0 .3rem}}p{{color:#94a3b8;font-size:.9rem}}
input{{width:100%;box-sizing:border-box;padding:.6rem;border-radius:8px;border:1px solid #475569;background:#0f172a;
color:inherit;font-size:1rem}}button{{margin-top:1rem;width:100%;padding:.6rem;border:0;border-radius:8px;
background:#2563eb;color:white;font-size:1rem;cursor:pointer}}.err{{color:#f87171}}</style></head><body>
{form}</body></html>'''
LOGIN_FORM = '''<form method="post" action="/login"><h1>DockerDeployer</h1>
<p>Paste the access token printed when the server started (or stored in the data dir's <code>token</code> file).</p>
{error}<input type="password" name="token" placeholder="token" autofocus autocomplete="current-password" aria-label="token">
<input type="hidden" name="next" value="{next}"><button type="submit">Sign in</button></form>'''
LOGOUT_FORM = '''<form method="post" action="/logout"><h1>DockerDeployer</h1>
<p>Sign out of this browser? The session ends on the server too.</p><button type="submit">Sign out</button></form>'''


def login_page(next: str = '/', error: str = '', status_code: int = 200, headers: dict[str, str] | None = None
               ) -> HTMLResponse:
    form = LOGIN_FORM.format(error=f'<p class="err">{html.escape(error)}</p>' if error else '', next=html.escape(next))
    return HTMLResponse(PAGE.format(title='sign in', form=form), status_code=status_code, headers=headers)


def session_cookie(cookie_header: str | None) -> str | None:
    """The session cookie's value (the first one, as the gate reads it)."""
    for part in (cookie_header or '').split(';'):
        key, _, value = part.strip().partition('=')
        if key == SESSION_COOKIE:
            return value
    return None


def too_many_message(seconds: int) -> str:
    return f'Too many failed token attempts from this address; try again in {seconds} s.'


class FrontDoor:
    """What the gate and the sign-in routes share: the token and sessions, the attempt limiter,
    the Host allow-list, the trusted proxies and the websockets each session has open."""

    def __init__(self, deployer: Deployer) -> None:
        self.auth = deployer.auth
        self.sessions = deployer.auth.sessions
        self.limiter = AttemptLimiter()
        # the name the server was told to listen on (DEPLOYER_HOST) is one its sign-in link uses
        self.allowed_hosts = (*deployer.settings.allowed_hosts, deployer.settings.host.lower())
        self.trusted_proxies = deployer.settings.trusted_proxies
        self._sockets: dict[str, set[Send]] = {}

    async def sign_in(self, scope: Scope, target: str, *, replacing: str | None) -> Response:
        """A redirect to ``target`` (on this site only) that sets a new session cookie; the session
        the request's old cookie named, if any, ends."""
        if not target.startswith('/') or target.startswith(('//', '/\\')):
            target = '/'
        if replacing:
            await self.sign_out(replacing)
        session = await run_in_threadpool(self.sessions.create)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite='lax', secure=scope.get('scheme') == 'https',
                            max_age=int(self.sessions.lifetime), path='/')
        return response

    async def sign_out(self, session: str | None) -> None:
        """End the session and close every websocket it opened."""
        if not session or not await run_in_threadpool(self.sessions.end, session):
            return
        for send in self._sockets.pop(self.sessions.digest(session), set()):
            try:
                await send({'type': 'websocket.close', 'code': 4401, 'reason': 'signed out'})
            except Exception:  # the socket may be closing already; it is gone either way
                pass

    @contextmanager
    def socket(self, session: str, send: Send) -> Iterator[None]:
        """Remember an open websocket of ``session`` for as long as it lasts."""
        digest = self.sessions.digest(session)
        self._sockets.setdefault(digest, set()).add(send)
        try:
            yield
        finally:
            sockets = self._sockets.get(digest)
            if sockets is not None:
                sockets.discard(send)
                if not sockets:
                    del self._sockets[digest]


def install(app: FastAPI, door: FrontDoor) -> None:
    """``GET``/``POST /login`` and ``GET``/``POST /logout`` (the gate lets them through unsigned)."""

    @app.get('/login', include_in_schema=False)
    def login_form(next: str = '/') -> HTMLResponse:
        return login_page(next)

    @app.post('/login', include_in_schema=False)
    async def login(request: Request, token: str = Form(''), next: str = Form('/')) -> Response:
        client = request.client.host if request.client else '?'
        wait = door.limiter.retry_after(client)
        if wait:
            return login_page(next, too_many_message(wait), 429, {'retry-after': str(wait)})
        if not door.auth.check_token(token.strip()):
            door.limiter.fail(client)
            return login_page(next, 'That token is not right.', 401)
        return await door.sign_in(request.scope, next, replacing=session_cookie(request.headers.get('cookie')))

    @app.get('/logout', include_in_schema=False)
    def logout_form() -> HTMLResponse:
        # a confirmation, not the sign-out itself: a link from another site cannot end a session
        return HTMLResponse(PAGE.format(title='sign out', form=LOGOUT_FORM))

    @app.post('/logout', include_in_schema=False)
    async def logout(request: Request) -> Response:
        # the gate has checked the Origin of a request that carries a live session cookie
        await door.sign_out(session_cookie(request.headers.get('cookie')))
        response = RedirectResponse('/login', status_code=303)
        response.delete_cookie(SESSION_COOKIE, path='/', httponly=True, samesite='lax')
        return response
