"""Fixtures for the stack tests: stand-in images, an in-process Deployer, stack clean-up.

Nothing is mocked: stacks are deployed on the real engine (DOCKER_HOST). Only what these
tests created is removed: the stacks they named (by their compose project label) and the
image tags they added.
"""
from __future__ import annotations

import os
import secrets
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import docker
import docker.errors
import pytest

from deployer.service import Deployer
from deployer.settings import Settings
from devtools.standin import build_standin

PROJECT = 'com.docker.compose.project'
STANDIN_IMAGE = 'dockerdeployer-test/standin:latest'


def split_ref(ref: str) -> tuple[str, str]:
    """'wordpress:6.6-apache' -> ('wordpress', '6.6-apache'); 'host:5000/x' -> ('host:5000/x', 'latest')."""
    name, _, tag = ref.rpartition(':')
    if not name or '/' in tag:
        return ref, 'latest'
    return name, tag


def _image_id(client: docker.DockerClient, ref: str) -> str | None:
    try:
        return client.images.get(ref).id
    except docker.errors.ImageNotFound:
        return None


@pytest.fixture(scope='session')
def standin_image(docker_client, busybox_image) -> str:
    """FROM the busybox image, with an entrypoint that ignores whatever command it is given."""
    return build_standin(docker_client, busybox_image, STANDIN_IMAGE)


@pytest.fixture(scope='session')
def stand_in(docker_client, busybox_image) -> Iterator[Callable[..., str]]:
    """stand_in('wordpress:6.6-apache', image=None) tags a local image (the busybox image by
    default) under that name, so deploys use it without pulling. At the end of the session
    each tag it added is taken off again, or pointed back at what it named before."""
    added: dict[str, str | None] = {}   # ref -> the image id it named before (None: nothing)

    def tag(ref: str, image: str | None = None) -> str:
        source = docker_client.images.get(image or busybox_image)
        before = _image_id(docker_client, ref)
        if before != source.id:
            added.setdefault(ref, before)
            repo, version = split_ref(ref)
            source.tag(repo, version)
        return ref

    yield tag

    for ref, before in added.items():
        try:
            if before is None:
                docker_client.images.remove(ref, noprune=True)
            else:
                docker_client.images.get(before).tag(*split_ref(ref))
        except docker.errors.APIError:
            pass


@pytest.fixture
def taken_port():
    """A port on 127.0.0.1 held by a plain listening socket for the whole test."""
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        sock.listen()
        yield sock.getsockname()[1]


def make_settings(data_dir: Path, **extra: str) -> Settings:
    env = {'DEPLOYER_DATA_DIR': str(data_dir), 'DEPLOYER_NO_STATS': '1', **extra}
    if os.environ.get('DOCKER_HOST'):
        env['DOCKER_HOST'] = os.environ['DOCKER_HOST']
    return Settings.from_env(env)


@pytest.fixture
def deployer_service() -> Iterator[Deployer]:
    """An in-process Deployer with its own data dir (not started: no event watching)."""
    data_dir = Path(tempfile.mkdtemp(prefix='dd-stacks-'))
    deployer = Deployer(make_settings(data_dir, DEPLOYER_HEALTH_TIMEOUT='60'))
    yield deployer
    deployer.close()
    shutil.rmtree(data_dir, ignore_errors=True)


def remove_project(client: docker.DockerClient, name: str) -> None:
    """Remove every container, network and volume labelled with compose project ``name``."""
    label = {'label': f'{PROJECT}={name}'}
    for container in client.containers.list(all=True, sparse=True, filters=label):
        try:
            container.remove(force=True, v=True)
        except docker.errors.NotFound:
            pass
    for network in client.networks.list(filters=label):
        try:
            network.remove()
        except docker.errors.NotFound:
            pass
    for volume in client.volumes.list(filters=label):
        try:
            volume.remove(force=True)
        except docker.errors.NotFound:
            pass


def leftovers(client: docker.DockerClient, name: str) -> dict[str, list[str]]:
    """What the engine still holds with the compose project label ``name``."""
    label = {'label': f'{PROJECT}={name}'}
    return {
        'containers': [c.id[:12] for c in client.containers.list(all=True, sparse=True, filters=label)],
        'networks': [n.name for n in client.networks.list(filters=label)],
        'volumes': [v.name for v in client.volumes.list(filters=label)],
    }


NOTHING = {'containers': [], 'networks': [], 'volumes': []}


@pytest.fixture
def new_stack(docker_client) -> Iterator[Callable[[], str]]:
    """new_stack(suffix='') -> a unique stack name "t-<hex>[-suffix]"; every stack named so (or
    registered with new_stack.track(name)) is removed with its volumes at teardown, whoever
    deployed it."""
    names: list[str] = []

    def new(suffix: str = '') -> str:
        name = f't-{secrets.token_hex(5)}' + (f'-{suffix}' if suffix else '')
        names.append(name)
        return name

    def track(name: str) -> str:
        names.append(name)
        return name

    new.track = track  # type: ignore[attr-defined]
    yield new
    for name in names:
        remove_project(docker_client, name)


def ts(text: str) -> float:
    """An engine timestamp ("2024-05-01T10:00:00.12345Z": Go trims trailing zeros, so the
    strings do not sort) as seconds since the epoch."""
    whole, _, fraction = text.rstrip('Z').partition('.')
    return datetime.fromisoformat(whole).replace(tzinfo=timezone.utc).timestamp() + float(f'0.{fraction or 0}')


def project_containers(client: docker.DockerClient, name: str, service: str | None = None) -> list:
    labels = [f'{PROJECT}={name}']
    if service:
        labels.append(f'com.docker.compose.service={service}')
    # ignore_removed: a container can go between the engine's list and docker-py's inspect of it
    return client.containers.list(all=True, filters={'label': labels}, ignore_removed=True)
