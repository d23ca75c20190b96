"""NiceGUI adapter: one module per page, all built on :func:`pages.frame.frame`."""
from deployer.service import Deployer

from . import chat, container, dashboard, history, settings, stacks, templates


def register(d: Deployer) -> None:
    dashboard.register(d)
    container.register(d)
    stacks.register(d)
    templates.register(d)
    history.register(d)
    chat.register(d)
    settings.register(d)
