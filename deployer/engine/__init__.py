"""The only package that imports docker: SDK calls in, our value types and errors out.

    client.py    Engine: the connection, containers, logs, events and stats streams
    stack.py     StackEngine: the calls the stack code makes, in the Engine API's JSON shapes
    images.py    ImageEngine: list, inspect, remove, prune images; what a registry serves for a tag
    convert.py   list/inspect JSON -> ContainerSummary, ContainerDetail (no engine calls)
    errors.py    translate(): every SDK and transport error -> the service's errors, once
"""
from __future__ import annotations

from .client import Engine
from .convert import (
    DOCKER_HUB,
    HUB_ALIASES,
    detail_from_inspect,
    human_duration,
    parse_exit_code,
    parse_health,
    pull_reason,
    registry_of,
    split_image,
    status_text,
    summary_from_inspect,
    summary_from_list,
)
from .errors import HINT, translate
from .stack import StackEngine

__all__ = ['DOCKER_HUB', 'HINT', 'HUB_ALIASES', 'Engine', 'StackEngine', 'detail_from_inspect', 'human_duration',
           'parse_exit_code', 'parse_health', 'pull_reason', 'registry_of', 'split_image', 'status_text',
           'summary_from_inspect', 'summary_from_list', 'translate']
