"""The engine calls for images: list, inspect, remove, prune and what a registry serves for a tag."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import docker

from ..errors import NotFound


class ImageEngine:
    """Image calls, in the Engine API's own JSON shapes. Mixed into :class:`Engine`."""

    call: Callable[..., Any]
    auth_for: Callable[[str], dict[str, str] | None]

    def images(self) -> list[dict[str, Any]]:
        """Every image (not intermediate layers): Id, RepoTags, RepoDigests, Created, Size, Labels."""
        return self.call(lambda c: c.images(all=False))

    def inspect_image(self, ref: str) -> dict[str, Any]:
        return self.call(lambda c: c.inspect_image(ref), f'image {ref!r}')

    def find_image(self, ref: str) -> dict[str, Any] | None:
        try:
            return self.inspect_image(ref)
        except NotFound:
            return None

    def remove_image(self, ref: str, *, force: bool = False) -> list[dict[str, str]]:
        """The engine's answer: one ``{"Untagged": …}`` or ``{"Deleted": …}`` per change."""
        def remove(c: docker.APIClient) -> list[dict[str, str]]:
            response = c._delete(c._url('/images/{0}', ref), params={'force': force, 'noprune': False})
            return c._result(response, True) or []
        return self.call(remove, f'image {ref!r}')

    def prune_images(self, *, dangling_only: bool = True) -> dict[str, Any]:
        """``{"ImagesDeleted": [...], "SpaceReclaimed": n}``."""
        return self.call(lambda c: c.prune_images(filters={'dangling': dangling_only}))

    def registry_digest(self, ref: str) -> str | None:
        """The digest the registry serves now for ``ref`` (its manifest list or manifest), or None
        when the registry answers that it has no such tag. Unreachable registries raise."""
        try:
            answer = self.call(lambda c: c.inspect_distribution(ref, auth_config=self.auth_for(ref)), f'image {ref!r}')
        except NotFound:
            return None
        return (answer.get('Descriptor') or {}).get('digest')

    def tag_image(self, ref: str, repository: str, tag: str) -> None:
        self.call(lambda c: c.tag(ref, repository, tag=tag), f'image {ref!r}')
