"""NiceGUI adapter: one module per page, all built on :func:`pages.frame.frame`."""
from __future__ import annotations

import asyncio
import gc

from nicegui import app

from deployer.service import Deployer

from . import chat, container, dashboard, history, images, settings, stacks, swarm, templates, volumes

COLLECT_AFTER = 2.0  # seconds after the last page of a burst is deleted


def register(d: Deployer) -> None:
    dashboard.register(d)
    container.register(d)
    stacks.register(d)
    templates.register(d)
    images.register(d)
    volumes.register(d)
    swarm.register(d)
    history.register(d)
    chat.register(d)
    settings.register(d)
    app.on_delete(_collect_soon)


_pending: asyncio.TimerHandle | None = None


def _collect_soon() -> None:
    """A closed page leaves reference cycles (elements, handlers, its client) that Python's
    collector reaches only much later; collect once shortly after, so memory goes back down
    (bench/load.py: resident memory after 5 dashboards closed)."""
    global _pending
    if _pending is not None:
        _pending.cancel()
    _pending = asyncio.get_running_loop().call_later(COLLECT_AFTER, gc.collect)
