"""Images: what the host holds, pulls with per-layer progress, removal and pruning.

    images = ImageService(engine, recorder, check_writable=check)
    images.list_images()                               # -> list[ImageSummary], newest first
    images.pull('nginx:1.27', on_progress=print)       # PullProgress snapshots while layers arrive
    images.remove('nginx:1.27')                        # Conflict while a container uses it
    images.prune()                                     # dangling images only

Every change is an operation in the history (``image.pull``, ``image.remove``, ``image.prune``)
with who asked; read-only mode refuses them. A pull reports each layer's state and bytes, and a
fraction over the layers whose size the registry announced.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from .engine import Engine, split_image
from .errors import Conflict, InvalidInput, NotFound
from .models import STACK_LABEL
from .operations import SYSTEM, Origin, Recorder

# the reference grammar of the distribution project, simplified: [host[:port]/]path[:tag][@digest]
REFERENCE = re.compile(r'^(?:(?P<host>[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d{1,5})?)/)?'
                       r'(?P<path>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)'
                       r'(?::(?P<tag>[\w][\w.-]{0,127}))?(?:@(?P<digest>sha256:[a-f0-9]{64}))?$')
PROGRESS_EVERY_S = 0.1


@dataclass(frozen=True)
class ImageSummary:
    id: str                     # sha256:…
    short_id: str               # the 12 hex characters people see
    tags: list[str]             # repo:tag, empty for a dangling image
    digests: list[str]          # repo@sha256:… as pulled from a registry
    size: int                   # bytes
    created: float              # epoch seconds
    dangling: bool              # no tag: left behind by a newer pull or build of the same tag
    containers: list[str]       # names of the containers created from it, running or not
    stacks: list[str]           # the stacks those containers belong to

    @property
    def in_use(self) -> bool:
        return bool(self.containers)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), 'in_use': self.in_use}


@dataclass
class LayerProgress:
    id: str
    status: str = ''
    current: int = 0
    total: int | None = None

    @property
    def done(self) -> bool:
        return self.status.lower() in ('pull complete', 'already exists', 'download complete') or \
            self.status.lower().startswith('pull complete')


@dataclass
class PullProgress:
    """What a pull has done so far: each layer, and over all of them a fraction (None until
    the registry has announced a size)."""
    image: str
    status: str = 'starting'
    layers: dict[str, LayerProgress] = field(default_factory=dict)
    digest: str | None = None
    finished: bool = False

    def take(self, event: dict[str, Any]) -> None:
        status = str(event.get('status') or '')
        layer_id = event.get('id')
        if status.startswith('Digest: '):
            self.digest = status.removeprefix('Digest: ').strip()
        if layer_id and not status.startswith(('Pulling from', 'Digest', 'Status')) and re.fullmatch(r'[0-9a-f]{6,64}',
                                                                                                    str(layer_id)):
            layer = self.layers.setdefault(layer_id, LayerProgress(layer_id))
            layer.status = status
            detail = event.get('progressDetail') or {}
            if detail.get('total'):
                layer.total = int(detail['total'])
            if detail.get('current') is not None and status.startswith('Downloading'):
                layer.current = int(detail['current'])
            if layer.done and layer.total:
                layer.current = layer.total
        elif status:
            self.status = status

    @property
    def fraction(self) -> float | None:
        """Over the layers: a finished one counts whole, one downloading its bytes so far."""
        if self.finished:
            return 1.0
        if not self.layers:
            return None
        parts = [1.0 if layer.done else (min(layer.current / layer.total, 1.0) if layer.total else 0.0)
                 for layer in self.layers.values()]
        return sum(parts) / len(parts)

    def to_dict(self) -> dict[str, Any]:
        return {'image': self.image, 'status': self.status, 'fraction': self.fraction, 'digest': self.digest,
                'finished': self.finished,
                'layers': [{'id': layer.id, 'status': layer.status, 'current': layer.current, 'total': layer.total}
                           for layer in self.layers.values()]}


def check_reference(ref: str) -> str:
    """``ref`` as given, or InvalidInput saying what an image reference looks like."""
    ref = (ref or '').strip()
    if not ref or len(ref) > 255 or not REFERENCE.match(ref):
        raise InvalidInput(f'{ref[:80]!r} is not an image reference like nginx:1.27, '
                           'ghcr.io/owner/app:2 or registry.local:5000/team/app@sha256:…')
    return ref


class ImageService:
    def __init__(self, engine: Engine, recorder: Recorder, *, check_writable: Callable[[str], None]) -> None:
        self.engine = engine
        self.recorder = recorder
        self._check_writable = check_writable

    # ---- reading ----------------------------------------------------------------------------------
    def list_images(self) -> list[ImageSummary]:
        """Every image, newest first, with the containers created from it (one list call each)."""
        raw = self.engine.images()
        users = self._users()
        summaries = []
        for image in raw:
            image_id = image.get('Id') or ''
            tags = [t for t in image.get('RepoTags') or [] if t != '<none>:<none>']
            digests = [d for d in image.get('RepoDigests') or [] if d != '<none>@<none>']
            using = users.get(image_id, [])
            summaries.append(ImageSummary(
                id=image_id, short_id=image_id.removeprefix('sha256:')[:12], tags=sorted(tags), digests=sorted(digests),
                size=int(image.get('Size') or 0), created=float(image.get('Created') or 0), dangling=not tags,
                containers=sorted(name for name, _ in using), stacks=sorted({stack for _, stack in using if stack})))
        return sorted(summaries, key=lambda s: (-s.created, s.tags[:1]))

    def get_image(self, ref: str) -> ImageSummary:
        wanted = self.engine.inspect_image(ref)['Id']
        for summary in self.list_images():
            if summary.id == wanted:
                return summary
        raise NotFound(f'image {ref!r} not found')

    def _users(self) -> dict[str, list[tuple[str, str | None]]]:
        """Image id -> (container name, stack) of every container, running or not."""
        users: dict[str, list[tuple[str, str | None]]] = {}
        for container in self.engine.list_raw(all=True):
            name = ((container.get('Names') or ['/?'])[0]).lstrip('/')
            stack = (container.get('Labels') or {}).get(STACK_LABEL)
            users.setdefault(container.get('ImageID') or '', []).append((name, stack))
        return users

    # ---- changes ----------------------------------------------------------------------------------
    def pull(self, ref: str, *, on_progress: Callable[[PullProgress], None] | None = None,
             origin: Origin = SYSTEM) -> dict[str, Any]:
        """Pull ``ref`` (``:latest`` when no tag is given); progress snapshots at most every 0.1 s
        and once at the end. Returns the image's id, digest and layer count."""
        ref = check_reference(ref)
        self._check_writable('image pull')
        repository, tag = split_image(ref)
        full = f'{repository}@{tag}' if tag.startswith('sha256:') else f'{repository}:{tag}'
        progress = PullProgress(full)
        last = 0.0

        def event(item: dict[str, Any]) -> None:
            nonlocal last
            progress.take(item)
            now = time.monotonic()
            if on_progress is not None and now - last >= PROGRESS_EVERY_S:
                last = now
                on_progress(progress)
        with self.recorder.operation('image.pull', target=full, origin=origin) as op:
            before = self.engine.find_image(full)
            self.engine.pull(full, event)   # a failure says why, for a person (engine.convert.pull_reason)
            image = self.engine.inspect_image(full)
            progress.finished = True
            progress.status = 'up to date' if before and before['Id'] == image['Id'] else 'pulled'
            if on_progress is not None:
                on_progress(progress)
            op.result = f'{progress.status}: {image["Id"][7:19]}'
        return {'image': full, 'id': image['Id'], 'digest': progress.digest, 'layers': len(progress.layers),
                'status': progress.status, 'size': int(image.get('Size') or 0)}

    def remove(self, ref: str, *, force: bool = False, origin: Origin = SYSTEM) -> dict[str, Any]:
        """Remove an image by tag or id. An image a container was created from is refused unless
        ``force``; a tag of an image that has other tags only loses that tag."""
        self._check_writable('image remove')
        image = self.engine.inspect_image(ref)
        users = [name for name, _ in self._users().get(image['Id'], [])]
        with self.recorder.operation('image.remove', target=ref, origin=origin, params={'force': force} if force else {}) \
                as op:
            if users and not force:
                names = ', '.join(sorted(users)[:5]) + (' …' if len(users) > 5 else '')
                raise Conflict(f'image {ref} is used by {len(users)} container{"s" if len(users) != 1 else ""} '
                               f'({names}); remove them first, or force the removal')
            answer = self.engine.remove_image(ref, force=force)
            untagged = [a['Untagged'] for a in answer if 'Untagged' in a]
            deleted = [a['Deleted'] for a in answer if 'Deleted' in a]
            op.result = f'{len(untagged)} untagged, {len(deleted)} deleted'
        return {'image': ref, 'untagged': untagged, 'deleted': deleted}

    def prune(self, *, origin: Origin = SYSTEM) -> dict[str, Any]:
        """Remove the dangling images (no tag, no container)."""
        self._check_writable('image prune')
        with self.recorder.operation('image.prune', target='dangling images', origin=origin) as op:
            answer = self.engine.prune_images(dangling_only=True)
            deleted = [a['Deleted'] for a in answer.get('ImagesDeleted') or [] if 'Deleted' in a]
            reclaimed = int(answer.get('SpaceReclaimed') or 0)
            op.result = f'{len(deleted)} deleted, {reclaimed} bytes reclaimed'
        return {'deleted': deleted, 'space_reclaimed': reclaimed}
