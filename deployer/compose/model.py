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
    networks: dict[str, list[str]] = field(default_factory=dict)   # network key -> aliases
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
