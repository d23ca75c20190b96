"""Update checks: does the registry now serve something else for the tag a running container was
created from? The comparison is of digests — what the container runs (its image's repo digests)
against what the registry serves for that tag now — never of local tags.

    updates = UpdateService(engine, stack_action=d.stack_action, check_writable=check)
    updates.check()                  # -> [UpdateStatus]: 'up to date', 'update available' or 'unknown' (+ why)
    updates.update('blog-web-1')     # its stack: pull, then converge (versioned, recorded, rolled back on failure)

Registry answers are cached (an hour; a refresh asked for sooner than 5 s after the last one
reuses it) and a registry that cannot be reached makes the status "unknown", never an error.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any

from .engine import Engine, split_image
from .errors import Conflict, DeployerError
from .models import STACK_LABEL
from .operations import SYSTEM, Origin

CACHE_S = 3600.0
MIN_REFRESH_S = 5.0    # a refresh sooner than this after the last question reuses its answer
SERVICE_LABEL = 'com.docker.compose.service'


@dataclass(frozen=True)
class UpdateStatus:
    container: str
    stack: str | None
    service: str | None
    image: str                   # the reference the container was created from
    status: str                  # 'up to date' | 'update available' | 'unknown'
    running: str | None          # the digest the container runs
    available: str | None        # the digest the registry serves for the tag now
    reason: str | None           # why unknown
    checked_at: float
    engine: str | None = None    # None: the local engine

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class UpdateService:
    def __init__(self, engine: Engine, *, stack_action: Callable[..., Any], check_writable: Callable[[str], None],
                 engine_id: str | None = None) -> None:
        self.engine = engine
        self.engine_id = engine_id   # said in each status; None for the local engine
        self._stack_action = stack_action
        self._check_writable = check_writable
        self._lock = threading.Lock()
        self._registry: dict[str, tuple[float, str | None, str | None]] = {}   # ref -> (when, digest, why not)
        self._last: dict[str, UpdateStatus] = {}   # container name -> what the last check said

    def check(self, *, refresh: bool = False) -> list[UpdateStatus]:
        running = self.engine.list_raw(all=False)
        for container in running:   # the list says the image id once the tag moved on: the reference it was created from
            if not _pullable(container.get('Image') or ''):
                try:
                    container['Image'] = (self.engine.inspect(container['Id']).get('Config') or {}).get('Image') or ''
                except DeployerError:
                    continue
        refs = sorted({c.get('Image') or '' for c in running if _pullable(c.get('Image') or '')})
        with ThreadPoolExecutor(max_workers=4, thread_name_prefix='update-check') as pool:
            answers = dict(zip(refs, pool.map(lambda r: self._available(r, refresh=refresh), refs), strict=True))
        images: dict[str, dict[str, Any] | None] = {}
        statuses = []
        for container in running:
            ref = container.get('Image') or ''
            labels = container.get('Labels') or {}
            name = ((container.get('Names') or ['/?'])[0]).lstrip('/')
            image_id = container.get('ImageID') or ''
            if image_id not in images:
                images[image_id] = self.engine.find_image(image_id) if image_id else None
            repository = split_image(ref)[0] if _pullable(ref) else ''
            digests = {d.split('@', 1)[1] for d in (images[image_id] or {}).get('RepoDigests') or []
                       if '@' in d and _same_repository(d.split('@', 1)[0], repository)}
            when, available, why = answers.get(ref, (time.time(), None, 'created from an image id, not a tag'))
            if not digests:
                status, why = 'unknown', why or 'built or loaded here: no registry digest to compare'
            elif available is None:
                status = 'unknown'
            else:
                status = 'up to date' if available in digests else 'update available'
                why = None
            statuses.append(UpdateStatus(container=name, stack=labels.get(STACK_LABEL), service=labels.get(SERVICE_LABEL),
                                         image=ref, status=status, running=min(digests) if digests else None,
                                         available=available, reason=why, checked_at=when,
                                         engine=self.engine_id))
        statuses.sort(key=lambda s: (s.status != 'update available', s.container))
        with self._lock:
            self._last = {s.container: s for s in statuses}
        return statuses

    def known(self) -> dict[str, UpdateStatus]:
        """What the last check found, per container name, without asking anyone (the pages' badges)."""
        with self._lock:
            return dict(self._last)

    def _available(self, ref: str, *, refresh: bool) -> tuple[float, str | None, str | None]:
        now = time.time()
        with self._lock:
            cached = self._registry.get(ref)
        if cached is not None and (now - cached[0] < (MIN_REFRESH_S if refresh else CACHE_S)):
            return cached
        try:
            digest = self.engine.registry_digest(ref)
            answer = (now, digest, None if digest else 'the registry has no such tag')
        except DeployerError as exc:
            answer = (now, None, f'the registry could not be asked: {exc.message}'[:300])
        with self._lock:
            self._registry[ref] = answer
        return answer

    def update(self, container: str, *, origin: Origin = SYSTEM) -> dict[str, Any]:
        """Pull the images of the container's stack, then converge it: the stack's own update, so it
        is a revision and history records and a failure rolls back."""
        self._check_writable('update')
        raw = self.engine.resolve(container)
        stack = ((raw.get('Config') or {}).get('Labels') or {}).get(STACK_LABEL)
        name = raw.get('Name', '').lstrip('/')
        if not stack:
            raise Conflict(f'{name} is not part of a stack: pull its image and create it again, or deploy it as a '
                           'stack to update it from here')
        self._stack_action(stack, 'pull', origin=origin)
        self._stack_action(stack, 'redeploy', origin=origin)
        with self._lock:   # what was asked about this stack's images is stale now
            self._registry = {k: v for k, v in self._registry.items() if k != raw.get('Config', {}).get('Image')}
            self._last = {k: v for k, v in self._last.items() if v.stack != stack}
        return {'container': name, 'stack': stack, 'updated': True, 'engine': self.engine_id}


def _pullable(ref: str) -> bool:
    return bool(ref) and not ref.startswith('sha256:')


def _same_repository(a: str, b: str) -> bool:
    """"docker.io/library/nginx" and "nginx" are one repository."""
    def plain(name: str) -> str:
        for prefix in ('docker.io/library/', 'docker.io/', 'index.docker.io/library/', 'index.docker.io/'):
            if name.startswith(prefix):
                return name[len(prefix):]
        return name
    return plain(a) == plain(b) or plain(a) == f'library/{plain(b)}' or plain(b) == f'library/{plain(a)}'
