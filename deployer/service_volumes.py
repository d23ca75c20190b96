"""Volumes and networks: what containers share on the host.

    volumes = VolumeService(engine, recorder, policy=stacks.policy, check_writable=check)
    volumes.list_volumes()          # size (when the engine reports it), the containers and stack using each
    volumes.create('media', options={'type': 'none', 'o': 'bind', 'device': '/srv/media'})   # the host policy decides
    volumes.remove('media')         # Conflict while a container uses it
    volumes.prune()                 # every local volume no container uses

    networks = NetworkService(engine, recorder, check_writable=check)
    networks.list_networks()        # driver, subnets, the containers attached
    networks.create('backend', internal=True)
    networks.connect('backend', 'web')  /  networks.disconnect('backend', 'web')
    networks.remove('backend')      # Conflict while containers are attached; the engine's own ones never

Every change is an operation in the history (``volume.*``, ``network.*``) with who asked; read-only
mode refuses them; a name or option that cannot work is refused before the engine is asked.
"""
from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from .engine import Engine
from .errors import Conflict, DeployerError, Forbidden, InvalidInput, NotFound
from .models import STACK_LABEL
from .operations import SYSTEM, Origin, Recorder
from .policy import HostPolicy, refusal

NAME = re.compile(r'^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$')
PREDEFINED_NETWORKS = ('bridge', 'host', 'none')
VOLUME_LABEL = 'com.docker.compose.volume'
NETWORK_LABEL = 'com.docker.compose.network'


@dataclass(frozen=True)
class VolumeSummary:
    name: str
    driver: str
    mountpoint: str
    created: str | None
    stack: str | None            # the compose project that made it
    size: int | None             # bytes, when the engine reports it (local volumes)
    options: dict[str, str]
    containers: list[str]        # names of the containers mounting it, running or not

    @property
    def in_use(self) -> bool:
        return bool(self.containers)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), 'in_use': self.in_use}


@dataclass(frozen=True)
class NetworkSummary:
    id: str
    name: str
    driver: str
    scope: str
    internal: bool
    subnets: list[str]
    stack: str | None
    predefined: bool             # bridge, host, none: the engine's own
    containers: list[str]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_name(kind: str, name: str) -> str:
    if not isinstance(name, str) or not NAME.match(name):
        raise InvalidInput(f'{kind} name {str(name)[:80]!r}: use letters, digits, "_", "." or "-" (up to 128), '
                           'starting with a letter or digit')
    return name


def _containers(engine: Engine) -> list[dict[str, Any]]:
    return engine.list_raw(all=True)


def _name(container: dict[str, Any]) -> str:
    return ((container.get('Names') or ['/?'])[0]).lstrip('/')


class VolumeService:
    def __init__(self, engine: Engine, recorder: Recorder, *, policy: HostPolicy,
                 check_writable: Callable[[str], None], allow_privileged: Callable[[], bool]) -> None:
        self.engine = engine
        self.recorder = recorder
        self.policy = policy
        self._check_writable = check_writable
        self._allow_privileged = allow_privileged

    def list_volumes(self) -> list[VolumeSummary]:
        users: dict[str, list[str]] = {}
        for container in _containers(self.engine):
            for mount in container.get('Mounts') or []:
                if mount.get('Type') == 'volume' and mount.get('Name'):
                    users.setdefault(mount['Name'], []).append(_name(container))
        sizes = self._sizes()
        volumes = []
        for volume in self.engine.volumes():
            labels = volume.get('Labels') or {}
            volumes.append(VolumeSummary(
                name=volume['Name'], driver=volume.get('Driver') or 'local', mountpoint=volume.get('Mountpoint') or '',
                created=volume.get('CreatedAt'), stack=labels.get(STACK_LABEL), size=sizes.get(volume['Name']),
                options=dict(volume.get('Options') or {}), containers=sorted(users.get(volume['Name'], []))))
        return sorted(volumes, key=lambda v: v.name)

    def _sizes(self) -> dict[str, int]:
        """What ``docker system df -v`` says of each volume (-1, unknown, left out)."""
        try:
            usage = self.engine.disk_usage()
        except DeployerError:   # sizes are a courtesy: the list stands without them
            return {}
        sizes = {}
        for volume in usage.get('Volumes') or []:
            size = (volume.get('UsageData') or {}).get('Size')
            if isinstance(size, int) and size >= 0:
                sizes[volume['Name']] = size
        return sizes

    def create(self, name: str, *, driver: str = 'local', options: dict[str, str] | None = None,
               labels: dict[str, str] | None = None, origin: Origin = SYSTEM) -> VolumeSummary:
        """A named volume; bind and device options go through the host-access policy."""
        check_name('volume', name)
        self._check_writable('volume create')
        options = {str(k): str(v) for k, v in (options or {}).items()}
        found = self.policy.volume_findings(name, driver, options)
        if found and not self._allow_privileged():
            raise Forbidden(refusal(found))
        if self.engine.inspect_volume(name) is not None:
            raise Conflict(f'volume {name} exists already')
        with self.recorder.operation('volume.create', target=name, origin=origin,
                                     params={'driver': driver, **({'options': options} if options else {})}) as op:
            self.engine.create_volume(name, driver=driver, options=options, labels=dict(labels or {}))
            op.result = 'created'
        return next(v for v in self.list_volumes() if v.name == name)

    def remove(self, name: str, *, force: bool = False, origin: Origin = SYSTEM) -> dict[str, Any]:
        """Refused while a container mounts it (even stopped: its data would be gone under it)."""
        self._check_writable('volume remove')
        if self.engine.inspect_volume(name) is None:
            raise NotFound(f'volume {name!r} not found')
        users = sorted(_name(c) for c in _containers(self.engine)
                       if any(m.get('Type') == 'volume' and m.get('Name') == name for m in c.get('Mounts') or []))
        with self.recorder.operation('volume.remove', target=name, origin=origin,
                                     params={'force': True} if force else {}) as op:
            if users:
                raise Conflict(f'volume {name} is used by {", ".join(users[:5])}{" …" if len(users) > 5 else ""}; '
                               'remove those containers first')
            self.engine.remove_volume(name, force=force)
            op.result = 'removed'
        return {'volume': name, 'removed': True}

    def prune(self, *, origin: Origin = SYSTEM) -> dict[str, Any]:
        """Every local volume no container uses, named ones included (the engine's rule before 23.0)."""
        self._check_writable('volume prune')
        with self.recorder.operation('volume.prune', target='unused volumes', origin=origin) as op:
            answer = self.engine.prune_volumes()
            deleted = list(answer.get('VolumesDeleted') or [])
            reclaimed = int(answer.get('SpaceReclaimed') or 0)
            op.result = f'{len(deleted)} removed, {reclaimed} bytes reclaimed'
        return {'deleted': deleted, 'space_reclaimed': reclaimed}


class NetworkService:
    def __init__(self, engine: Engine, recorder: Recorder, *, check_writable: Callable[[str], None]) -> None:
        self.engine = engine
        self.recorder = recorder
        self._check_writable = check_writable

    def list_networks(self) -> list[NetworkSummary]:
        attached: dict[str, list[str]] = {}
        for container in _containers(self.engine):
            for network in ((container.get('NetworkSettings') or {}).get('Networks') or {}):
                attached.setdefault(network, []).append(_name(container))
        networks = []
        for network in self.engine.networks():
            labels = network.get('Labels') or {}
            subnets = [c['Subnet'] for c in ((network.get('IPAM') or {}).get('Config') or []) if c.get('Subnet')]
            networks.append(NetworkSummary(
                id=network['Id'], name=network['Name'], driver=network.get('Driver') or '', scope=network.get('Scope') or '',
                internal=bool(network.get('Internal')), subnets=subnets, stack=labels.get(STACK_LABEL),
                predefined=network['Name'] in PREDEFINED_NETWORKS, containers=sorted(attached.get(network['Name'], []))))
        return sorted(networks, key=lambda n: (not n.predefined, n.name))

    def _get(self, name: str) -> NetworkSummary:
        for network in self.list_networks():
            if name in (network.name, network.id) or (len(name) >= 6 and network.id.startswith(name)):
                return network
        raise NotFound(f'network {name!r} not found')

    def create(self, name: str, *, driver: str = 'bridge', internal: bool = False, subnet: str | None = None,
               origin: Origin = SYSTEM) -> NetworkSummary:
        check_name('network', name)
        if driver not in ('bridge', 'macvlan', 'ipvlan', 'overlay'):
            raise InvalidInput(f'driver {driver[:40]!r}: one of bridge, macvlan, ipvlan, overlay')
        ipam = None
        if subnet:
            try:
                ipam = {'config': [{'subnet': str(ipaddress.ip_network(subnet, strict=True))}]}
            except ValueError as exc:
                raise InvalidInput(f'subnet {subnet[:60]!r}: {exc}') from None
        self._check_writable('network create')
        if self.engine.inspect_network(name) is not None:
            raise Conflict(f'network {name} exists already')
        with self.recorder.operation('network.create', target=name, origin=origin,
                                     params={'driver': driver, 'internal': internal, **({'subnet': subnet} if subnet else {})}) \
                as op:
            self.engine.create_network(name, driver=driver, options={}, labels={}, internal=internal, attachable=True,
                                       enable_ipv6=False, ipam=ipam)
            op.result = 'created'
        return self._get(name)

    def remove(self, name: str, *, origin: Origin = SYSTEM) -> dict[str, Any]:
        self._check_writable('network remove')
        network = self._get(name)
        with self.recorder.operation('network.remove', target=network.name, origin=origin) as op:
            if network.predefined:
                raise Conflict(f'network {network.name} is the engine\'s own and cannot be removed')
            if network.containers:
                raise Conflict(f'network {network.name} has containers attached ({", ".join(network.containers[:5])}); '
                               'disconnect them first')
            self.engine.remove_network(network.id)
            op.result = 'removed'
        return {'network': network.name, 'removed': True}

    def connect(self, name: str, container: str, *, origin: Origin = SYSTEM) -> NetworkSummary:
        self._check_writable('network connect')
        network = self._get(name)
        target = _name(self._container(container))
        with self.recorder.operation('network.connect', target=f'{network.name} {target}', origin=origin) as op:
            if network.name in ('host', 'none'):
                raise Conflict(f'a container joins the {network.name} network only when it is created')
            if target in network.containers:
                raise Conflict(f'{target} is attached to {network.name} already')
            self.engine.connect(network.id, target)
            op.result = 'connected'
        return self._get(network.name)

    def disconnect(self, name: str, container: str, *, force: bool = False, origin: Origin = SYSTEM) -> NetworkSummary:
        self._check_writable('network disconnect')
        network = self._get(name)
        target = _name(self._container(container))
        with self.recorder.operation('network.disconnect', target=f'{network.name} {target}', origin=origin,
                                     params={'force': True} if force else {}) as op:
            if target not in network.containers:
                raise Conflict(f'{target} is not attached to {network.name}')
            self.engine.disconnect(network.id, target, force=force)
            op.result = 'disconnected'
        return self._get(network.name)

    def _container(self, ref: str) -> dict[str, Any]:
        raw = self.engine.resolve(ref)
        return {'Names': [raw.get('Name', '/' + ref)]}
