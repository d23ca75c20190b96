"""The words every front end and the plan share: what may be done to a container or a stack,
how a stack may be named, and the size limits. api/, pages/, nlp/ and the service import these
instead of spelling them again.

    ContainerOp   start stop restart pause unpause kill remove   (+ logs: only a route action)
    StackOp       start stop restart pull redeploy remove
"""
from __future__ import annotations

import re
from typing import Literal, get_args

ContainerOp = Literal['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove']
ContainerAction = Literal['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove', 'logs']
StackOp = Literal['start', 'stop', 'restart', 'pull', 'redeploy', 'remove']

CONTAINER_OPS: tuple[str, ...] = get_args(ContainerOp)
CONTAINER_ACTIONS: tuple[str, ...] = get_args(ContainerAction)
STACK_OPS: tuple[str, ...] = get_args(StackOp)

STACK_NAME_PATTERN = r'[a-z0-9][a-z0-9_-]{0,62}'    # a compose project name, as Compose allows it
STACK_NAME = f'^{STACK_NAME_PATTERN}$'
STACK_NAME_RE = re.compile(STACK_NAME)

MAX_FEED = 5 << 20           # bytes of a template feed, fetched or uploaded
