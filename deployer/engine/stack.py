"""The engine calls the stack code needs, in the Engine API's own JSON shapes."""
from __future__ import annotations

import contextlib
import io
import tarfile
from collections.abc import Callable
from typing import Any

import docker

from ..errors import DeployerError, EngineUnavailable, InvalidInput, NotFound, PullFailed
from .convert import pull_reason, split_image


class StackEngine:
    """Engine calls the stack code needs, in the Engine API's own JSON shapes (create bodies,
    network and volume specs). Mixed into :class:`Engine`; kept apart for readability."""

    call: Callable[..., Any]
    auth_for: Callable[[str], dict[str, str] | None]

    def create_container(self, name: str, body: dict[str, Any]) -> str:
        body = dict(body)
        params = {'name': name}
        if body.get('platform'):
            params['platform'] = body.pop('platform')

        def create(c: docker.APIClient) -> str:
            response = c._post_json(c._url('/containers/create'), data=body, params=params)
            return c._result(response, True)['Id']
        return self.call(create, f'container {name!r}')

    def read_host_files(self, folder: str, names: list[str], *, image: str,
                        max_bytes: int = 512 * 1024) -> dict[str, str | None]:
        """Text files of ``folder`` on the engine's own machine (another host's compose project), read
        through a container that is never started: ``folder`` bind-mounted read-only, each file
        copied out of it (``GET /containers/{id}/archive``). ``image`` is any image that engine has
        (the project's own): nothing in it runs. None for a file that is not there."""
        body = {'Image': image, 'Cmd': ['true'], 'Entrypoint': [], 'NetworkDisabled': True,
                'Labels': {'dockerdeployer.helper': 'read-host-files'},
                'HostConfig': {'Binds': [f'{folder}:/dd-host-folder:ro'], 'NetworkMode': 'none'}}

        def create(c: docker.APIClient) -> str:
            return c._result(c._post_json(c._url('/containers/create'), data=body), True)['Id']
        helper = self.call(create, f'a reader of {folder!r}')
        try:
            return {name: self._read_one(helper, f'/dd-host-folder/{name}', max_bytes) for name in names}
        finally:
            with contextlib.suppress(DeployerError):
                self.call(lambda c: c.remove_container(helper, force=True), 'the reader container')

    def _read_one(self, container: str, path: str, max_bytes: int) -> str | None:
        def fetch(c: docker.APIClient) -> bytes | None:
            response = c._get(c._url('/containers/{0}/archive', container), params={'path': path}, stream=True)
            if response.status_code == 404:
                return None
            c._raise_for_status(response)
            data = b''
            for chunk in response.iter_content(65536):
                data += chunk
                if len(data) > max_bytes + 4096:   # a tar header and padding around the file
                    raise InvalidInput(f'{path.rsplit("/", 1)[-1]} is larger than {max_bytes // 1024} KiB')
            return data
        data = self.call(fetch, f'file {path!r}')
        if data is None:
            return None
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            member = next((m for m in tar.getmembers() if m.isfile()), None)
            if member is None:
                raise InvalidInput(f'{path.rsplit("/", 1)[-1]} is not a file')
            handle = tar.extractfile(member)
            raw = handle.read() if handle is not None else b''
        try:
            return raw.decode()
        except UnicodeDecodeError:
            raise InvalidInput(f'{path.rsplit("/", 1)[-1]} is not a text file') from None

    def rename(self, ref: str, name: str) -> None:
        self.call(lambda c: c.rename(ref, name), f'container {ref!r}')

    def connect(self, network: str, container: str, endpoint: dict[str, Any] | None = None) -> None:
        """Join ``container`` to ``network`` with an EndpointConfig (aliases, IPAMConfig …)."""
        def connect(c: docker.APIClient) -> None:
            response = c._post_json(c._url('/networks/{0}/connect', network),
                                    data={'Container': container, 'EndpointConfig': endpoint or {}})
            c._raise_for_status(response)
        self.call(connect, f'network {network!r}')

    def networks(self, *, labels: list[str] | None = None, names: list[str] | None = None) -> list[dict[str, Any]]:
        filters: dict[str, Any] = {}
        if labels:
            filters['label'] = labels
        if names:
            filters['name'] = names
        return self.call(lambda c: c.networks(filters=filters or None))

    def inspect_network(self, name: str) -> dict[str, Any] | None:
        try:
            return self.call(lambda c: c.inspect_network(name), f'network {name!r}')
        except NotFound:
            return None

    def create_network(self, name: str, *, driver: str | None, options: dict[str, str], labels: dict[str, str],
                       internal: bool, attachable: bool, enable_ipv6: bool, ipam: dict[str, Any] | None) -> str:
        def create(c: docker.APIClient) -> str:
            body: dict[str, Any] = {'Name': name, 'CheckDuplicate': True, 'Driver': driver or 'bridge',
                                    'Options': options, 'Labels': labels, 'Internal': internal,
                                    'Attachable': attachable, 'EnableIPv6': enable_ipv6}
            if ipam:
                body['IPAM'] = {'Driver': ipam.get('driver', 'default'), 'Options': ipam.get('options') or {},
                                'Config': [{k.capitalize() if k != 'ip_range' else 'IPRange': v for k, v in cfg.items()}
                                           for cfg in ipam.get('config') or []]}
            return c._result(c._post_json(c._url('/networks/create'), data=body), True)['Id']
        return self.call(create, f'network {name!r}')

    def disconnect(self, network: str, container: str, *, force: bool = False) -> None:
        self.call(lambda c: c.disconnect_container_from_network(container, network, force=force), f'network {network!r}')

    def prune_volumes(self) -> dict[str, Any]:
        """``{"VolumesDeleted": [...], "SpaceReclaimed": n}``: every local volume no container uses."""
        return self.call(lambda c: c.prune_volumes())

    def remove_network(self, name: str) -> None:
        self.call(lambda c: c.remove_network(name), f'network {name!r}')

    def volumes(self, *, labels: list[str] | None = None) -> list[dict[str, Any]]:
        filters = {'label': labels} if labels else None
        return self.call(lambda c: c.volumes(filters=filters)).get('Volumes') or []

    def inspect_volume(self, name: str) -> dict[str, Any] | None:
        try:
            return self.call(lambda c: c.inspect_volume(name), f'volume {name!r}')
        except NotFound:
            return None

    def create_volume(self, name: str, *, driver: str | None, options: dict[str, str], labels: dict[str, str]) -> None:
        self.call(lambda c: c.create_volume(name, driver=driver or 'local', driver_opts=options or None,
                                            labels=labels or None), f'volume {name!r}')

    def remove_volume(self, name: str, *, force: bool = False) -> None:
        self.call(lambda c: c.remove_volume(name, force=force), f'volume {name!r}')

    def image_id(self, ref: str) -> str | None:
        try:
            return self.call(lambda c: c.inspect_image(ref), f'image {ref!r}')['Id']
        except NotFound:
            return None

    def pull(self, ref: str, progress: Callable[[dict[str, Any]], None]) -> None:
        repository, tag = split_image(ref)

        def pull(c: docker.APIClient) -> None:
            for event in c.pull(repository, tag=tag, stream=True, decode=True, auth_config=self.auth_for(ref)):
                if 'error' in event:
                    raise PullFailed(pull_reason(str(event['error']), ref))
                progress(event)
        try:
            self.call(pull, f'image {ref!r}')
        except (EngineUnavailable, PullFailed):
            raise
        except DeployerError as exc:
            raise PullFailed(pull_reason(exc.message, ref)) from None

    def build(self, *, context: str, tag: str, dockerfile: str | None, args: dict[str, str], target: str | None,
              labels: dict[str, str], no_cache: bool, pull: bool, progress: Callable[[str], None],
              cache_from: list[str] | None = None, network: str | None = None, shm_size: int | None = None,
              extra_hosts: list[str] | None = None) -> None:
        hosts = dict(h.split(':', 1) for h in extra_hosts or []) or None

        def build(c: docker.APIClient) -> None:
            for event in c.build(path=context, tag=tag, dockerfile=dockerfile, buildargs=args or None, target=target,
                                 labels=labels or None, nocache=no_cache, pull=pull, rm=True, forcerm=True, decode=True,
                                 cache_from=cache_from or None, network_mode=network, shmsize=shm_size,
                                 extra_hosts=hosts):
                if 'error' in event:
                    raise DeployerError(str(event['error']).strip())
                text = event.get('stream') or event.get('status')
                if text and text.strip():
                    progress(text.rstrip())
        self.call(build, f'build context {context!r}')
