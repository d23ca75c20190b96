"""DockerDeployer: one process serving the web UI and the REST API over one service.

    python app.py     # DEPLOYER_HOST, DEPLOYER_PORT, DEPLOYER_DATA_DIR, DEPLOYER_TOKEN, DOCKER_HOST
"""
from __future__ import annotations

import asyncio
import socket
import sys

from nicegui import app, ui
from nicegui.server import Server
from starlette.middleware.gzip import GZipMiddleware

import api
import pages
from deployer.errors import DeployerError
from deployer.secrets import guard_logging
from deployer.service import Deployer
from deployer.settings import Settings


def main() -> None:
    try:
        settings = Settings.from_env()
    except DeployerError as exc:
        sys.exit(f'dockerdeployer: {exc.message}')
    taken = port_taken(settings.host, settings.port)
    if taken:  # before anything starts: a link printed now would lead to whatever else listens there
        sys.exit(f'dockerdeployer: cannot listen on {settings.host}:{settings.port} ({taken}): another program uses '
                 'that port. Stop it, or start DockerDeployer on another port with DEPLOYER_PORT=…')
    # The event loop serves every request and page; worker threads (engine calls, JSON) share the
    # interpreter lock with it. A 1 ms switch interval (default 5 ms) hands the lock back to the loop
    # sooner: under 50 concurrent clients the list's p95 went from 383 to 139 ms (bench/load.py, 5 dashboards).
    sys.setswitchinterval(0.001)
    deployer = Deployer(settings)
    guard_logging(deployer.secrets)  # every log line: names one-lined, known secrets masked
    app.title, app.version = 'DockerDeployer', '0.1.0'
    api.install(app, deployer)
    app.include_router(api.router(deployer))
    pages.register(deployer)
    app.on_startup(lambda: deployer.start(asyncio.get_running_loop()))
    app.on_startup(lambda: asyncio.get_running_loop().create_task(announce(settings, deployer.token)))
    app.on_shutdown(deployer.close)
    ui.run(host=settings.host, port=settings.port, title='DockerDeployer', reload=False, show=False,
           show_welcome_message=False, favicon='🐳', dark=None, uvicorn_logging_level='warning',
           gzip_middleware_factory=lambda inner: GZipMiddleware(inner, minimum_size=500, compresslevel=1),
           # uvicorn would believe X-Forwarded-For/-Proto from 127.0.0.1 (its default): the gate decides
           # instead, from DEPLOYER_TRUSTED_PROXIES (api/frontdoor.py)
           proxy_headers=False,
           # uvicorn closes an idle connection after 5 s; a REST client that waits about that long
           # between calls (polling every 5 s) then races the close and sees 'Server disconnected'.
           # 75 s outlasts the 60 s idle timeout of the usual reverse proxies in front of us.
           timeout_keep_alive=75)


def port_taken(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be listened on (as the server will bind it), or None."""
    family = socket.AF_INET6 if ':' in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as uvicorn does
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


async def announce(settings: Settings, token: str) -> None:
    """Print where to open the app once the server really listens."""
    while not getattr(Server.instance, 'started', False):
        await asyncio.sleep(0.05)
    host = 'localhost' if settings.host in ('0.0.0.0', '::') else settings.host
    print(f'DockerDeployer is listening on http://{settings.host}:{settings.port}\n'
          f'Open it (this link signs you in): http://{host}:{settings.port}/?token={token}', flush=True)


if __name__ in {'__main__', '__mp_main__'}:
    main()
