"""A compose project, normalized: every short form expanded, every duration in nanoseconds.

These are what the stack engine converges; ``loader.load_project`` makes them from YAML.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class PortSpec:
    target: int
    published: str | None = None     # a port or a range ("8000-8010"); None = not published
    host_ip: str = ''
    protocol: str = 'tcp'
    mode: str = 'ingress'            # Swarm: ingress (the routing mesh) or host (the node running the task)


@dataclass(frozen=True)
class MountSpec:
    type: str                        # volume | bind | tmpfs
    target: str
    source: str | None = None        # volume key (project-level name) or absolute host path (resolved)
    read_only: bool = False
    spelled: str | None = field(default=None, compare=False)   # a bind's source as spelled (before resolving)
    nocopy: bool = False
    create_host_path: bool = True
    tmpfs_size: int | None = None
    tmpfs_mode: int | None = None
    propagation: str | None = None   # a bind's mount propagation (rprivate when not given)


@dataclass(frozen=True)
class Healthcheck:
    test: list[str]
    interval: int | None = None      # nanoseconds
    timeout: int | None = None
    retries: int | None = None
    start_period: int | None = None
    disable: bool = False


@dataclass(frozen=True)
class Dependency:
    service: str
    condition: str = 'service_started'   # service_started | service_healthy | service_completed_successfully
    required: bool = True
    restart: bool = False


@dataclass(frozen=True)
class FileRef:
    """A secret or config mounted from a file."""
    name: str                        # project-level key
    target: str                      # path in the container
    uid: str | None = None
    gid: str | None = None
    mode: int | None = None


@dataclass(frozen=True)
class BuildSpec:
    context: str
    dockerfile: str | None = None
    args: dict[str, str] = field(default_factory=dict)
    target: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    no_cache: bool = False
    pull: bool = False
    cache_from: list[str] = field(default_factory=list)
    network: str | None = None
    shm_size: int | None = None
    extra_hosts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Endpoint:
    """How a service joins one network."""
    aliases: list[str] = field(default_factory=list)
    ipv4_address: str | None = None
    ipv6_address: str | None = None
    link_local_ips: list[str] = field(default_factory=list)
    mac_address: str | None = None
    driver_opts: dict[str, str] = field(default_factory=dict)
    priority: int = 0


@dataclass(frozen=True)
class Ulimit:
    name: str
    soft: int
    hard: int


@dataclass(frozen=True)
class DeploySpec:
    """Every field of ``deploy:``. One engine applies replicas, resource limits and
    reservations (memory, devices) and the restart policy's condition; the rest is kept for
    Swarm and reported as ignored (see ``Project.warnings``)."""
    mode: str = 'replicated'
    replicas: int | None = None
    labels: dict[str, str] = field(default_factory=dict)
    endpoint_mode: str | None = None
    placement: dict[str, Any] = field(default_factory=dict)          # constraints, preferences, max_replicas_per_node
    update_config: dict[str, Any] = field(default_factory=dict)
    rollback_config: dict[str, Any] = field(default_factory=dict)
    restart_policy: dict[str, Any] = field(default_factory=dict)     # condition, delay, max_attempts, window
    limits: dict[str, Any] = field(default_factory=dict)             # cpus, memory, pids
    reservations: dict[str, Any] = field(default_factory=dict)       # cpus, memory, devices, generic_resources


@dataclass(frozen=True)
class Service:
    name: str
    image: str | None
    build: BuildSpec | None = None
    pull_policy: str = 'missing'     # always | never | missing | build | if_not_present
    command: list[str] | None = None
    entrypoint: list[str] | None = None
    environment: dict[str, str] = field(default_factory=dict)
    ports: list[PortSpec] = field(default_factory=list)
    expose: list[str] = field(default_factory=list)
    mounts: list[MountSpec] = field(default_factory=list)
    networks: dict[str, Endpoint] = field(default_factory=dict)   # network key -> how it joins (primary first)
    network_mode: str | None = None
    depends_on: list[Dependency] = field(default_factory=list)
    healthcheck: Healthcheck | None = None
    restart: str = 'no'
    container_name: str | None = None
    hostname: str | None = None
    domainname: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    user: str | None = None
    working_dir: str | None = None
    cap_add: list[str] = field(default_factory=list)
    cap_drop: list[str] = field(default_factory=list)
    sysctls: dict[str, str] = field(default_factory=dict)
    stop_signal: str | None = None
    stop_grace_period: int | None = None       # seconds
    cpus: float | None = None
    mem_limit: int | None = None
    pids_limit: int | None = None
    replicas: int = 1
    secrets: list[FileRef] = field(default_factory=list)
    configs: list[FileRef] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)
    init: bool | None = None
    tmpfs: dict[str, str] = field(default_factory=dict)
    extra_hosts: list[str] = field(default_factory=list)
    logging: dict[str, Any] | None = None
    privileged: bool = False
    pid: str | None = None
    devices: list[str] = field(default_factory=list)
    stdin_open: bool = False
    tty: bool = False
    platform: str | None = None
    runtime: str | None = None
    dns: list[str] = field(default_factory=list)
    read_only: bool = False
    shm_size: int | None = None
    security_opt: list[str] = field(default_factory=list)
    ipc: str | None = None
    uts: str | None = None
    userns_mode: str | None = None
    cgroup: str | None = None
    cgroup_parent: str | None = None
    volumes_from: list[str] = field(default_factory=list)
    device_cgroup_rules: list[str] = field(default_factory=list)
    gpus: list[dict[str, Any]] | None = None    # device requests ("all" -> every GPU)
    use_api_socket: bool = False
    env_files: list[str] = field(default_factory=list)   # resolved paths that were read
    links: list[str] = field(default_factory=list)        # "service:alias" (alias defaults to the service)
    external_links: list[str] = field(default_factory=list)   # "container:alias"
    ulimits: list[Ulimit] = field(default_factory=list)
    memswap_limit: int | None = None
    mem_reservation: int | None = None
    mem_swappiness: int | None = None
    oom_kill_disable: bool = False
    oom_score_adj: int | None = None
    storage_opt: dict[str, str] = field(default_factory=dict)
    mac_address: str | None = None
    cpu_shares: int | None = None
    cpu_period: int | None = None
    cpu_quota: int | None = None
    cpu_rt_period: int | None = None
    cpu_rt_runtime: int | None = None
    cpuset: str | None = None
    blkio: dict[str, Any] = field(default_factory=dict)   # the engine's Blkio* fields
    dns_opt: list[str] = field(default_factory=list)
    dns_search: list[str] = field(default_factory=list)
    group_add: list[str] = field(default_factory=list)
    annotations: dict[str, str] = field(default_factory=dict)
    isolation: str | None = None
    deploy: DeploySpec | None = None

    @property
    def image_name(self) -> str:
        """The image to run: the given one, or the name a build gets."""
        return self.image or ''


@dataclass(frozen=True)
class NetworkSpec:
    key: str
    name: str                        # the engine's name: "<project>_<key>" unless external/name given
    external: bool = False
    driver: str | None = None
    driver_opts: dict[str, str] = field(default_factory=dict)
    internal: bool = False
    attachable: bool = False
    enable_ipv6: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    ipam: dict[str, Any] | None = None


@dataclass(frozen=True)
class VolumeSpec:
    key: str
    name: str
    external: bool = False
    driver: str | None = None
    driver_opts: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FileSpec:
    """A top-level secret or config: its content comes from a file or an environment value."""
    key: str
    file: str | None = None          # absolute path
    content: str | None = None


@dataclass(frozen=True)
class Project:
    name: str
    services: dict[str, Service]
    networks: dict[str, NetworkSpec]
    volumes: dict[str, VolumeSpec]
    secrets: dict[str, FileSpec]
    configs: dict[str, FileSpec]
    working_dir: str
    config_files: list[str]
    document: dict[str, Any]         # the interpolated document, as deployed
    disabled: list[str] = field(default_factory=list)   # services left out by profiles
    warnings: list[str] = field(default_factory=list)   # what was ignored or defaulted, as docker compose warns
    files: list[str] = field(default_factory=list)      # the stack's other files this project read
