"""What the engine is asked to create for a compose service: the Engine API's create body,
the labels Compose v2 puts on containers, networks and volumes, and the config hash."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..compose.model import FileSpec, Project, Service

COMPOSE_VERSION = '2.20.0'   # what `docker compose ls` and friends read from our labels
PROJECT = 'com.docker.compose.project'
SERVICE = 'com.docker.compose.service'
NUMBER = 'com.docker.compose.container-number'
CONFIG_HASH = 'com.docker.compose.config-hash'
ONEOFF = 'com.docker.compose.oneoff'
WORKING_DIR = 'com.docker.compose.project.working_dir'
CONFIG_FILES = 'com.docker.compose.project.config_files'
VERSION = 'com.docker.compose.version'
DEPENDS_ON = 'com.docker.compose.depends_on'
IMAGE = 'com.docker.compose.image'
NETWORK = 'com.docker.compose.network'
VOLUME = 'com.docker.compose.volume'
MANAGED = 'dockerdeployer.managed'


def container_name(project: Project, service: Service, number: int) -> str:
    return service.container_name or f'{project.name}-{service.name}-{number}'


def project_labels(project: Project, *, managed: bool = True) -> dict[str, str]:
    labels = {PROJECT: project.name, VERSION: COMPOSE_VERSION}
    if managed:
        labels[MANAGED] = 'true'
    if project.working_dir:
        labels[WORKING_DIR] = project.working_dir
    if project.config_files:
        labels[CONFIG_FILES] = ','.join(project.config_files)
    return labels


def _restart_policy(restart: str) -> dict[str, Any]:
    name, _, count = restart.partition(':')
    if name == 'no':
        return {'Name': ''}
    return {'Name': name, 'MaximumRetryCount': int(count) if count else 0}


def _file_source(spec: FileSpec, secrets_dir: Path) -> str:
    return spec.file or str(secrets_dir / spec.key)


def peer_services(service: Service) -> list[tuple[str, str]]:
    """(key, service) for each service of the stack whose container this one joins or reads."""
    found = [(key, (mode or '')[8:]) for key, mode in (('network_mode', service.network_mode), ('pid', service.pid),
                                               ('ipc', service.ipc)) if (mode or '').startswith('service:')]
    found += [('volumes_from', v.split(':')[0]) for v in service.volumes_from if not v.startswith('container:')]
    return found


def _joined(mode: str | None, peers: Mapping[str, str]) -> str | None:
    if mode and mode.startswith('service:'):
        peer = peers.get(mode[8:])
        return f'container:{peer}' if peer else None
    return mode


def create_body(project: Project, service: Service, *, secrets_dir: Path,
                peers: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The create body without the per-container labels (number, hash). ``peers`` maps the
    services this one joins (``network_mode: service:db``, ``volumes_from`` …) to a container id."""
    peers = peers or {}
    exposed: dict[str, dict[str, Any]] = {}
    bindings: dict[str, list[dict[str, str]]] = {}
    for port in service.ports:
        key = f'{port.target}/{port.protocol}'
        exposed[key] = {}
        if port.published is not None or port.host_ip:
            bindings.setdefault(key, []).append({'HostIp': port.host_ip, 'HostPort': port.published or ''})
    for item in service.expose:
        number, _, protocol = item.partition('/')
        exposed.setdefault(f'{number}/{protocol or "tcp"}', {})
    mounts: list[dict[str, Any]] = []
    for mount in service.mounts:
        entry: dict[str, Any] = {'Type': mount.type, 'Target': mount.target, 'ReadOnly': mount.read_only}
        if mount.type == 'volume':
            if mount.source:
                entry['Source'] = project.volumes[mount.source].name
            if mount.nocopy:
                entry['VolumeOptions'] = {'NoCopy': True}
        elif mount.type == 'bind':
            entry['Source'] = mount.source
            if mount.propagation:
                entry['BindOptions'] = {'Propagation': mount.propagation}
        elif mount.type == 'tmpfs' and (mount.tmpfs_size or mount.tmpfs_mode is not None):
            entry['TmpfsOptions'] = {k: v for k, v in (('SizeBytes', mount.tmpfs_size), ('Mode', mount.tmpfs_mode))
                                     if v is not None}
        mounts.append(entry)
    for ref in service.secrets:
        mounts.append({'Type': 'bind', 'Source': _file_source(project.secrets[ref.name], secrets_dir),
                       'Target': ref.target, 'ReadOnly': True})
    for ref in service.configs:
        mounts.append({'Type': 'bind', 'Source': _file_source(project.configs[ref.name], secrets_dir),
                       'Target': ref.target, 'ReadOnly': True})
    host: dict[str, Any] = {
        'PortBindings': bindings, 'Mounts': mounts, 'RestartPolicy': _restart_policy(service.restart),
        'CapAdd': service.cap_add or None, 'CapDrop': service.cap_drop or None, 'Sysctls': service.sysctls or None,
        'Init': service.init, 'Tmpfs': service.tmpfs or None, 'ExtraHosts': service.extra_hosts or None,
        'Privileged': service.privileged, 'PidMode': service.pid or '', 'Dns': service.dns or None,
        'ReadonlyRootfs': service.read_only, 'SecurityOpt': service.security_opt or None,
        'Devices': [_device(d) for d in service.devices] or None,
    }
    for key, value in (('IpcMode', _joined(service.ipc, peers)), ('UTSMode', service.uts),
                       ('UsernsMode', service.userns_mode), ('CgroupnsMode', service.cgroup),
                       ('CgroupParent', service.cgroup_parent)):
        if value:
            host[key] = value
    if service.pid:
        host['PidMode'] = _joined(service.pid, peers) or ''
    if service.volumes_from:
        host['VolumesFrom'] = [_volumes_from(v, peers) for v in service.volumes_from]
    if service.device_cgroup_rules:
        host['DeviceCgroupRules'] = service.device_cgroup_rules
    if service.gpus:
        host['DeviceRequests'] = service.gpus
    if service.use_api_socket:
        mounts.append({'Type': 'bind', 'Source': '/var/run/docker.sock', 'Target': '/var/run/docker.sock',
                       'ReadOnly': False})
    if service.logging:
        host['LogConfig'] = {'Type': service.logging.get('driver', 'json-file'),
                             'Config': {k: str(v) for k, v in (service.logging.get('options') or {}).items()}}
    if service.cpus is not None:
        host['NanoCpus'] = int(service.cpus * 1e9)
    if service.mem_limit is not None:
        host['Memory'] = service.mem_limit
    if service.pids_limit is not None:
        host['PidsLimit'] = int(service.pids_limit)
    if service.shm_size is not None:
        host['ShmSize'] = service.shm_size
    if service.runtime:
        host['Runtime'] = service.runtime
    _resources(service, host)
    body: dict[str, Any] = {
        'Image': service.image, 'Env': [f'{k}={v}' for k, v in sorted(service.environment.items())],
        'Labels': {**service.labels}, 'ExposedPorts': exposed or None, 'Tty': service.tty,
        'OpenStdin': service.stdin_open, 'AttachStdin': False, 'HostConfig': host,
    }
    if service.command is not None:
        body['Cmd'] = service.command
    if service.entrypoint is not None:
        body['Entrypoint'] = service.entrypoint
    for key, value in (('Hostname', service.hostname), ('Domainname', service.domainname), ('User', service.user),
                       ('WorkingDir', service.working_dir), ('StopSignal', service.stop_signal)):
        if value:
            body[key] = value
    if service.stop_grace_period is not None:
        body['StopTimeout'] = service.stop_grace_period
    if service.healthcheck is not None:
        check = service.healthcheck
        body['Healthcheck'] = {'Test': ['NONE']} if check.disable else {
            'Test': check.test, 'Interval': check.interval or 0, 'Timeout': check.timeout or 0,
            'Retries': check.retries or 0, 'StartPeriod': check.start_period or 0}
    links = [_link(project, link) for link in service.links] + service.external_links
    if service.network_mode:
        host['NetworkMode'] = _joined(service.network_mode, peers) or service.network_mode
        if links:
            host['Links'] = links      # legacy links: only the default bridge has them
    elif service.networks:
        first = next(iter(service.networks))
        host['NetworkMode'] = project.networks[first].name
        endpoint = endpoint_config(service, first)
        if links:
            endpoint['Links'] = links
        body['NetworkingConfig'] = {'EndpointsConfig': {project.networks[first].name: endpoint}}
    mac = service.mac_address or (service.networks[next(iter(service.networks))].mac_address
                                  if service.networks else None)
    if mac:
        body['MacAddress'] = mac
    if service.platform:
        body['platform'] = service.platform  # a query parameter, split off when creating
    return body


def endpoint_config(service: Service, key: str) -> dict[str, Any]:
    """How the service's containers join network ``key``: the service name and aliases, fixed
    addresses, driver options."""
    endpoint = service.networks[key]
    config: dict[str, Any] = {'Aliases': [service.name, *endpoint.aliases]}
    addresses: dict[str, Any] = {k: v for k, v in (('IPv4Address', endpoint.ipv4_address),
                                                   ('IPv6Address', endpoint.ipv6_address)) if v}
    if endpoint.link_local_ips:
        addresses['LinkLocalIPs'] = endpoint.link_local_ips
    if addresses:
        config['IPAMConfig'] = addresses
    if endpoint.driver_opts:
        config['DriverOpts'] = endpoint.driver_opts
    return config


def _link(project: Project, link: str) -> str:
    """``service:alias`` as ``container:alias`` (the service's first container)."""
    target, _, alias = link.partition(':')
    peer = project.services.get(target)
    name = container_name(project, peer, 1) if peer is not None else target
    return f'{name}:{alias or target}'


def _resources(service: Service, host: dict[str, Any]) -> None:
    """Limits, reservations, OOM and scheduling settings, ulimits and the like, as the engine's
    HostConfig fields (only those the file sets)."""
    for key, value in (('MemorySwap', service.memswap_limit), ('MemoryReservation', service.mem_reservation),
                       ('MemorySwappiness', service.mem_swappiness), ('OomScoreAdj', service.oom_score_adj),
                       ('CpuShares', service.cpu_shares), ('CpuPeriod', service.cpu_period),
                       ('CpuQuota', service.cpu_quota), ('CpuRealtimePeriod', service.cpu_rt_period),
                       ('CpuRealtimeRuntime', service.cpu_rt_runtime), ('CpusetCpus', service.cpuset),
                       ('Isolation', service.isolation)):
        if value is not None:
            host[key] = value
    if service.oom_kill_disable:
        host['OomKillDisable'] = True
    if service.ulimits:
        host['Ulimits'] = [{'Name': u.name, 'Soft': u.soft, 'Hard': u.hard} for u in service.ulimits]
    if service.storage_opt:
        host['StorageOpt'] = service.storage_opt
    if service.dns_opt:
        host['DnsOptions'] = service.dns_opt
    if service.dns_search:
        host['DnsSearch'] = service.dns_search
    if service.group_add:
        host['GroupAdd'] = service.group_add
    if service.annotations:
        host['Annotations'] = service.annotations
    host.update(service.blkio)


def _volumes_from(source: str, peers: Mapping[str, str]) -> str:
    """``db``, ``db:ro`` or ``container:name:ro`` as the engine's ``VolumesFrom`` entry."""
    if source.startswith('container:'):
        return source[len('container:'):]
    peer, _, mode = source.partition(':')
    return peers.get(peer, peer) + (f':{mode}' if mode else '')


def _device(text: str) -> dict[str, str]:
    parts = text.split(':')
    return {'PathOnHost': parts[0], 'PathInContainer': parts[1] if len(parts) > 1 else parts[0],
            'CgroupPermissions': parts[2] if len(parts) > 2 else 'rwm'}


def config_hash(project: Project, service: Service, body: dict[str, Any]) -> str:
    """Changes whenever what the container would be created with changes: its create body,
    the networks it joins and the content of its secret and config files."""
    files = []
    for ref in [*service.secrets, *service.configs]:
        spec = project.secrets.get(ref.name) or project.configs.get(ref.name)
        if spec is not None:
            content = spec.content if spec.content is not None else _read(spec.file)
            files.append((ref.name, hashlib.sha256(content.encode()).hexdigest()))
    extra_networks = {project.networks[k].name: _hashed(endpoint_config(service, k)) for k in list(service.networks)[1:]}
    payload = json.dumps({'body': body, 'networks': extra_networks, 'files': files}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _hashed(endpoint: dict[str, Any]) -> Any:
    """An extra network's part of the hash; only aliases hash as they always did (a list), so an
    upgrade recreates nothing."""
    return endpoint['Aliases'][1:] if set(endpoint) == {'Aliases'} else endpoint


def _read(path: str | None) -> str:
    try:
        return Path(path or '').read_text(errors='replace')
    except OSError:
        return ''
