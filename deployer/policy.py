"""What a deploy may ask of the host: one allow-list, applied to every way a deploy comes in
(REST compose documents, built-in and imported templates, the assistant's plans, rollbacks).

A container may read the host only inside

- its stack's own folder in the data dir (``projects/<stack>``: where ``./data`` resolves),
- the roots the operator names (``DEPLOYER_BIND_ROOTS``, default ``/srv:/mnt:/media:/opt``),
- a few harmless files, read-only (``/etc/localtime``, ``/etc/timezone``),

and never the engine's socket folder, the engine's data root or DockerDeployer's own data dir,
whichever root they sit under. Paths are checked as the kernel would see them (``..``, ``~`` and
symlinks resolved) before anything is created. Namespaces, capabilities, devices, security
profiles, runtimes, sysctls and logging drivers are held to the same kind of list: what is not
in :data:`RULES` as allowed needs privileged mode, which only the operator can permit
(``DEPLOYER_ALLOW_PRIVILEGED``). Every refusal names the service, the key, what it asked and
how to allow it.

    policy = HostPolicy(stacks_dir=data / 'projects', protected=(data,), roots=roots, facts=engine_facts)
    policy.enforce(project, allow_privileged=False)     # raises Forbidden naming every finding
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from .compose.model import MountSpec, Project, Service, VolumeSpec
from .errors import Forbidden, InvalidInput

DEFAULT_BIND_ROOTS = ('/srv', '/mnt', '/media', '/opt')
HARMLESS_FILES = ('/etc/localtime', '/etc/timezone')          # matched as spelled, read-only only
ENGINE_SOCKETS = ('/var/run/docker.sock', '/run/docker.sock')
SOCKET_NAMES = ('docker.sock', 'containerd.sock', 'podman.sock', 'dockershim.sock')
# What a container gets anyway (the engine's default set): adding one back after cap_drop ALL lowers privilege.
DEFAULT_CAPABILITIES = frozenset({
    'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
    'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'})
NAMESPACED_SYSCTLS = ('net.', 'kernel.shm', 'kernel.msg', 'fs.mqueue.')   # plus kernel.sem exactly
RUNTIMES = frozenset({'runc', 'io.containerd.runc.v2', 'runsc'})
LOG_DRIVERS = frozenset({'json-file', 'local', 'journald', 'none'})
NETWORK_SHARES = frozenset({'nfs', 'nfs4', 'cifs', 'smb3'})     # local-driver volumes reading a remote share

# The table the docs print: key -> what is allowed without privileged mode.
RULES: tuple[tuple[str, str], ...] = (
    ('volumes (bind)', 'the stack folder, DEPLOYER_BIND_ROOTS, /etc/localtime and /etc/timezone read-only; '
                       'never the engine socket folder, the engine data root or the data dir'),
    ('volumes (top level)', 'the local driver: no options, tmpfs, a bind of an allowed folder, or an NFS/CIFS share'),
    ('secrets/configs file, env_file, build context and dockerfile', 'files the bind rules allow'),
    ('privileged, devices, gpus, device_cgroup_rules, use_api_socket, cgroup_parent', 'never'),
    ('network_mode, pid, ipc', 'not host; service:<same stack>; container:<same stack>'),
    ('uts, userns_mode, cgroup', 'not host'),
    ('volumes_from', 'services of the same stack, or container:<same stack>'),
    ('cap_add', 'the default capabilities only (' + ', '.join(sorted(DEFAULT_CAPABILITIES)) + ')'),
    ('security_opt', 'no-new-privileges, apparmor=docker-default'),
    ('sysctls', 'namespaced ones: net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*'),
    ('runtime', ', '.join(sorted(RUNTIMES))),
    ('logging.driver', ', '.join(sorted(LOG_DRIVERS))),
)

# DockerDeployer's own code and the Python it runs on: a container that could write there would run
# its code as DockerDeployer the next time it starts.
INSTALLATION = (Path(__file__).resolve().parent.parent, Path(os.path.realpath(sys.prefix)))

PRIVILEGED = 'turn on privileged mode (start DockerDeployer with DEPLOYER_ALLOW_PRIVILEGED=1)'
ROOTS = 'add a folder that holds it to DEPLOYER_BIND_ROOTS, or ' + PRIVILEGED


@dataclass(frozen=True)
class Finding:
    """One thing a document asks that the policy does not allow."""
    where: str          # 'service web' or 'volume data'
    key: str            # the compose key: volumes, security_opt, secrets.cert.file …
    asks: str           # what it asks, with the path or value
    allow: str = PRIVILEGED

    def __str__(self) -> str:
        return f'{self.where}, {self.key}: {self.asks}'


class EngineFacts(Protocol):
    """Read-only look-ups the policy needs from the engine."""

    def protected_paths(self) -> tuple[str, ...]: ...          # the socket's folder, the data root
    def volume(self, name: str) -> dict[str, Any] | None: ...   # an existing volume's Driver and Options
    def container_project(self, ref: str) -> str | None: ...   # the compose project a container belongs to


def bind_roots_from_env(value: str | None) -> tuple[str, ...]:
    """``DEPLOYER_BIND_ROOTS``: colon-separated absolute folders; unset means the defaults, empty none."""
    if value is None:
        return DEFAULT_BIND_ROOTS
    roots = tuple(part.strip() for part in value.split(':') if part.strip())
    bad = [r for r in roots if not r.startswith('/')]
    if bad:
        raise InvalidInput(f'DEPLOYER_BIND_ROOTS takes absolute folders separated by ":", not {bad[0]!r}')
    return roots


def _real(path: str | Path) -> Path:
    return Path(os.path.realpath(os.path.expanduser(str(path))))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@dataclass
class HostPolicy:
    stacks_dir: Path                                   # each stack's own folder is stacks_dir/<name>
    protected: tuple[Path, ...] = ()                   # DockerDeployer's data dir and the like
    roots: tuple[str, ...] = DEFAULT_BIND_ROOTS
    facts: EngineFacts | None = None
    _resolved_roots: tuple[Path, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        self._resolved_roots = tuple(_real(r) for r in self.roots)

    # ---- the whole check --------------------------------------------------------------------
    def enforce(self, project: Project, *, allow_privileged: bool) -> list[Finding]:
        """Raise :class:`Forbidden` naming every finding unless privileged mode is allowed;
        in privileged mode the findings are returned (as warnings)."""
        found = self.findings(project)
        if found and not allow_privileged:
            raise Forbidden(refusal(found))
        return found

    def findings(self, project: Project) -> list[Finding]:
        own = self.stack_folder(project.name)
        found: list[Finding] = []
        for service in project.services.values():
            found.extend(self._service(project, service, own))
        for key, volume in project.volumes.items():
            found.extend(self._volume(project, key, volume, own))
        for section, files in (('secrets', project.secrets), ('configs', project.configs)):
            for key, spec in files.items():
                if spec.file:
                    problem = self.read_problem(spec.file, own)
                    if problem:
                        found.append(Finding(f'{section[:-1]} {key}', f'{section}.{key}.file', problem[0], problem[1]))
        return found

    def volume_findings(self, name: str, driver: str | None, options: dict[str, str]) -> list[Finding]:
        """A volume created on its own (the volumes page, ``POST /volumes``): the rules a stack's
        volume follows, without a stack folder of its own — a bind device must be in an allowed root."""
        return list(self._volume_options(f'volume {name}', 'driver_opts', driver, options, None))

    def stack_folder(self, stack: str) -> Path:
        return _real(self.stacks_dir) / stack

    # ---- paths --------------------------------------------------------------------------------
    def read_problem(self, source: str, own: Path | None, *, spelled: str | None = None,
                     read_only: bool = True) -> tuple[str, str] | None:
        """Why a host path may not be read (or bound), with how to allow it; None when it may."""
        if spelled is not None and spelled.rstrip('/') in HARMLESS_FILES:
            return None if read_only else (f'mounts {spelled} writable; mount it read-only (:ro)', PRIVILEGED)
        path = _real(source)
        if path == Path('/'):
            return f"mounts the host's root {spelled or source}", PRIVILEGED
        shown = f'{spelled or source}' + (f' (resolved: {path})' if str(path) != (spelled or source) else '')
        if path.name in SOCKET_NAMES or str(path) in ENGINE_SOCKETS:
            return f'mounts {shown}, a container engine socket, which controls the host', PRIVILEGED
        if own is not None and _within(path, own):
            return None
        for folder in self._protected():
            if _within(path, folder) or _within(folder, path):
                what = 'holds' if _within(folder, path) and folder != path else 'is inside'
                return (f'reaches {shown}, which {what} {folder}: the engine or DockerDeployer keeps '
                        'its state, code or control socket there', PRIVILEGED)
        if any(_within(path, root) for root in self._resolved_roots):
            return None
        allowed = [f'the stack folder {own}'] if own is not None else []
        where = ', '.join([*allowed, *self.roots]) or 'none'
        return f'reaches {shown}, outside the folders a stack may use ({where})', ROOTS

    def read_guard(self, stack: str, *, allow_privileged: bool) -> Callable[[str, str], None]:
        """For the loader: refuse reading a file (``env_file``) the policy does not allow."""
        own = self.stack_folder(stack)

        def guard(path: str, where: str) -> None:
            problem = None if allow_privileged else self.read_problem(path, own)
            if problem:
                service, _, key = where.partition('.')[2].rpartition('.')
                raise Forbidden(refusal([Finding(f'service {service}', key, problem[0], problem[1])]))
        return guard

    def _protected(self) -> Iterator[Path]:
        yield from (_real(p) for p in self.protected)
        yield from INSTALLATION
        for socket in ENGINE_SOCKETS:
            if os.path.exists(socket):
                yield _folder_of(socket)
        if self.facts is not None:
            yield from (_real(p) for p in self.facts.protected_paths() if p)

    # ---- services -----------------------------------------------------------------------------
    def _service(self, project: Project, service: Service, own: Path) -> Iterator[Finding]:
        at = f'service {service.name}'
        if service.privileged:
            yield Finding(at, 'privileged', 'runs privileged, with every capability and device of the host')
        for key, mode in (('network_mode', service.network_mode), ('pid', service.pid), ('ipc', service.ipc)):
            problem = self._namespace(project, key, mode)
            if problem:
                yield Finding(at, key, problem)
        for key, mode in (('uts', service.uts), ('userns_mode', service.userns_mode), ('cgroup', service.cgroup)):
            if (mode or '').lower() == 'host':
                yield Finding(at, key, f"shares the host's {key.split('_')[0]} namespace ({key}: host)")
        for source in service.volumes_from:
            if source.startswith('container:'):
                name = source[len('container:'):].split(':')[0]
                if self._project_of(name) != project.name:
                    yield Finding(at, 'volumes_from', f'reads the volumes of {name}, a container of another stack')
        if service.devices:
            yield Finding(at, 'devices', f'maps host devices ({", ".join(service.devices[:3])})')
        if service.device_cgroup_rules:
            yield Finding(at, 'device_cgroup_rules', f'opens host devices ({", ".join(service.device_cgroup_rules[:3])})')
        if service.gpus:
            yield Finding(at, 'gpus', "uses the host's GPUs")
        if service.use_api_socket:
            yield Finding(at, 'use_api_socket', 'mounts the engine socket, which controls the host')
        if service.cgroup_parent:
            yield Finding(at, 'cgroup_parent', f'places itself in the host cgroup {service.cgroup_parent}')
        if service.oom_score_adj is not None and service.oom_score_adj < 0:
            yield Finding(at, 'oom_score_adj', f'asks the kernel to kill host processes before it when memory runs out '
                          f'({service.oom_score_adj})')
        if service.oom_kill_disable:
            yield Finding(at, 'oom_kill_disable', 'turns off the kernel\'s out-of-memory killer for the container')
        if service.cpu_rt_runtime or service.cpu_rt_period:
            yield Finding(at, 'cpu_rt_runtime', 'asks for real-time CPU scheduling, which can starve the host')
        if service.isolation and service.isolation != 'default':
            yield Finding(at, 'isolation', f'asks for the isolation technology {service.isolation}')
        added = sorted({_capability(c) for c in service.cap_add} - DEFAULT_CAPABILITIES)
        if added:
            yield Finding(at, 'cap_add', f'adds capabilities beyond the defaults ({", ".join(added)})')
        for option in service.security_opt:
            if not _harmless_security_opt(option):
                yield Finding(at, 'security_opt', f'changes a security profile ({option})')
        for name in service.sysctls:
            if not (name.startswith(NAMESPACED_SYSCTLS) or name == 'kernel.sem'):
                yield Finding(at, 'sysctls', f'sets the host-wide kernel setting {name}')
        if service.runtime and service.runtime not in RUNTIMES:
            yield Finding(at, 'runtime', f'runs under the runtime {service.runtime}')
        driver = (service.logging or {}).get('driver')
        if driver and driver not in LOG_DRIVERS:
            yield Finding(at, 'logging.driver', f'logs through {driver}, which the engine itself connects to')
        for mount in service.mounts:
            yield from self._mount(at, mount, own)
        for path in service.env_files:
            unreadable = self.read_problem(path, own)
            if unreadable:
                yield Finding(at, 'env_file', unreadable[0], unreadable[1])
        if service.build is not None and (service.build.network or '').lower() == 'host':
            yield Finding(at, 'build.network', "builds in the host's network namespace (network: host)")
        if service.build is not None:
            unreadable = self.read_problem(service.build.context, own)
            if unreadable:
                yield Finding(at, 'build.context', unreadable[0], unreadable[1])
            elif service.build.dockerfile:
                dockerfile = Path(service.build.context) / service.build.dockerfile
                unreadable = self.read_problem(str(dockerfile), own)
                if unreadable:
                    yield Finding(at, 'build.dockerfile', unreadable[0], unreadable[1])

    def _mount(self, at: str, mount: MountSpec, own: Path) -> Iterator[Finding]:
        if mount.type != 'bind' or not mount.source:
            return
        problem = self.read_problem(mount.source, own, spelled=mount.spelled, read_only=mount.read_only)
        if problem:
            yield Finding(at, 'volumes', f'{problem[0]} (mounted at {mount.target})', problem[1])

    def _namespace(self, project: Project, key: str, mode: str | None) -> str | None:
        if not mode:
            return None
        if mode.lower() == 'host':
            return f"uses the host's {'network' if key == 'network_mode' else key} namespace ({key}: host)"
        if mode.startswith('container:'):
            name = mode[len('container:'):]
            if self._project_of(name) != project.name:
                return f'joins {name}, a container of another stack ({key}: {mode})'
        return None

    def _project_of(self, container: str) -> str | None:
        return self.facts.container_project(container) if self.facts is not None else None

    # ---- volumes ------------------------------------------------------------------------------
    def _volume(self, project: Project, key: str, volume: VolumeSpec, own: Path) -> Iterator[Finding]:
        at = f'volume {key}'
        existing = self.facts.volume(volume.name) if self.facts is not None else None
        seen: list[tuple[str, str | None, dict[str, str]]] = []
        if not volume.external:
            seen.append((f'volumes.{key}', volume.driver, volume.driver_opts))
        if existing is not None:
            seen.append((f'volumes.{key} (the existing volume {volume.name})', existing.get('Driver'),
                         dict(existing.get('Options') or {})))
        for where, driver, options in seen:
            yield from self._volume_options(at, where, driver, options, own)

    def _volume_options(self, at: str, where: str, driver: str | None, options: dict[str, str],
                        own: Path | None) -> Iterator[Finding]:
        if driver not in (None, '', 'local'):
            yield Finding(at, f'{where}.driver', f'uses the volume driver {driver}, which can reach outside the engine')
            return
        kind = str(options.get('type') or '').lower()
        flags = {f.strip() for f in str(options.get('o') or '').split(',')}
        device = options.get('device')
        if not options or kind == 'tmpfs':
            return
        if 'bind' in flags or 'rbind' in flags or kind == 'none':
            if not device or not str(device).startswith('/'):
                yield Finding(at, f'{where}.driver_opts', f'binds {device!r}: a bind volume needs an absolute device path')
                return
            problem = self.read_problem(str(device), own)
            if problem:
                yield Finding(at, f'{where}.driver_opts.device', problem[0], problem[1])
            return
        if kind in NETWORK_SHARES and not str(device or '').startswith('/'):
            return
        yield Finding(at, f'{where}.driver_opts', f'mounts {device or "a device"} as {kind or "a filesystem"} on the host')


def refusal(found: Iterable[Finding]) -> str:
    found = list(found)
    ways = []
    for finding in found:
        if finding.allow not in ways:
            ways.append(finding.allow)
    return ('refused by policy: ' + '; '.join(str(f) for f in found)
            + '. To allow it, ' + ' — or, for the rest, '.join(ways))


def _folder_of(socket: str) -> Path:
    """The folder holding an engine socket (the socket itself when it sits in ``/``)."""
    path = _real(socket)
    return path.parent if path.parent != Path('/') else path


def _capability(name: str) -> str:
    name = name.strip().upper()
    return name[4:] if name.startswith('CAP_') else name


def _harmless_security_opt(option: str) -> bool:
    text = option.strip().lower().replace('=', ':')
    return text in ('no-new-privileges', 'no-new-privileges:true', 'no-new-privileges:false',
                    'apparmor:docker-default')
