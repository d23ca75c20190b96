"""What a deploy may ask of the host. Privileged containers, the host's network or PID
namespace, devices, added capabilities, the Docker socket or ``/`` mounted: each of these
hands the container root on the host, so they are refused unless ``allow_privileged`` is on.
The same checks serve compose documents, templates and natural-language plans."""
from __future__ import annotations

import posixpath

from .compose.model import Project, Service
from .errors import Forbidden

DOCKER_SOCKETS = ('/var/run/docker.sock', '/run/docker.sock')
HOST_INTERNALS = ('/proc', '/sys', '/dev', '/var/lib/docker', '/boot')


def service_findings(service: Service) -> list[str]:
    found = []
    where = f'service {service.name}'
    if service.privileged:
        found.append(f'{where} runs privileged')
    if service.network_mode == 'host':
        found.append(f'{where} uses the host network')
    if service.pid == 'host':
        found.append(f"{where} shares the host's PID namespace")
    if service.devices:
        found.append(f'{where} maps host devices ({", ".join(service.devices[:3])})')
    if service.cap_add:
        found.append(f'{where} adds capabilities ({", ".join(service.cap_add)})')
    if any('unconfined' in opt for opt in service.security_opt):
        found.append(f'{where} turns off a security profile')
    for mount in service.mounts:
        if mount.type != 'bind' or not mount.source:
            continue
        source = host_path(mount.source)
        if source == '/':
            found.append(f'{where} mounts the host root /')
        elif source in DOCKER_SOCKETS or source.endswith('/docker.sock'):
            found.append(f'{where} mounts the Docker socket, which gives it control of the host')
        elif any(source == p or source.startswith(p + '/') for p in HOST_INTERNALS):
            found.append(f'{where} mounts {source}, which reaches into the host and its containers')
    return found


def host_path(source: str) -> str:
    """A bind source as the kernel resolves its spelling: ``/.``, ``/etc/..`` and ``//`` are ``/``."""
    path = posixpath.normpath(source)
    return '/' + path.lstrip('/') if path.startswith('/') else path


def project_findings(project: Project) -> list[str]:
    return [finding for service in project.services.values() for finding in service_findings(service)]


def enforce(project: Project, *, allow_privileged: bool) -> list[str]:
    """Raise :class:`Forbidden` for findings unless allowed; returns them as warnings otherwise."""
    findings = project_findings(project)
    if findings and not allow_privileged:
        raise Forbidden('refused by policy: ' + '; '.join(findings)
                        + ' (turn on allow_privileged, e.g. DEPLOYER_ALLOW_PRIVILEGED=1, to permit it)')
    return findings
