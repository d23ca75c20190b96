"""The engine's JSON (list and inspect answers) as our value types; no engine calls here."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ..models import (
    SERVICE_LABEL,
    STACK_LABEL,
    ContainerDetail,
    ContainerSummary,
    Mount,
    NetworkAttachment,
    PortBinding,
)


def parse_health(status_text: str) -> str | None:
    if '(healthy)' in status_text:
        return 'healthy'
    if '(unhealthy)' in status_text:
        return 'unhealthy'
    if '(health: starting)' in status_text:
        return 'starting'
    return None


_EXIT_CODE = re.compile(r'^(?:Exited|Restarting) \((-?\d+)\)')


def parse_exit_code(status_text: str) -> int | None:
    """The code in "Exited (3) 2 minutes ago" or "Restarting (1) 1 second ago"; None otherwise."""
    found = _EXIT_CODE.match(status_text)
    return int(found.group(1)) if found else None


def _ports_from_list(raw: list[dict[str, Any]] | None) -> list[PortBinding]:
    ports = {
        PortBinding(container_port=int(p['PrivatePort']), protocol=p.get('Type', 'tcp'),
                    host_ip=p.get('IP') if p.get('PublicPort') else None,
                    host_port=int(p['PublicPort']) if p.get('PublicPort') else None)
        for p in raw or []
    }
    # the engine lists a port published on all interfaces twice, for IPv4 and IPv6: keep one
    ports -= {p for p in ports
              if p.host_ip == '::' and PortBinding(p.container_port, p.protocol, '0.0.0.0', p.host_port) in ports}
    return sorted(ports, key=lambda p: (p.container_port, p.protocol, p.host_ip or '', p.host_port or 0))


def _ports_from_inspect(raw: dict[str, list[dict[str, str]] | None] | None) -> list[PortBinding]:
    ports: list[PortBinding] = []
    for key, bindings in (raw or {}).items():
        number, _, protocol = key.partition('/')
        if not bindings:
            ports.append(PortBinding(container_port=int(number), protocol=protocol or 'tcp'))
        for b in bindings or []:
            ports.append(PortBinding(container_port=int(number), protocol=protocol or 'tcp',
                                     host_ip=b.get('HostIp') or None,
                                     host_port=int(b['HostPort']) if b.get('HostPort') else None))
    return sorted(ports, key=lambda p: (p.container_port, p.protocol, p.host_ip or '', p.host_port or 0))


def summary_from_list(raw: dict[str, Any], started_at: str | None = None) -> ContainerSummary:
    labels = raw.get('Labels') or {}
    names = raw.get('Names') or ['/' + raw['Id'][:12]]
    status = raw.get('Status', '')
    return ContainerSummary(
        id=raw['Id'], short_id=raw['Id'][:12], name=names[0].lstrip('/'), image=raw.get('Image', ''),
        state=raw.get('State', 'unknown'), status=status, health=parse_health(status),
        created=float(raw.get('Created', 0)), started_at=started_at,
        ports=_ports_from_list(raw.get('Ports')), stack=labels.get(STACK_LABEL),
        service=labels.get(SERVICE_LABEL), labels=labels, exit_code=parse_exit_code(status),
    )


def human_duration(seconds: float) -> str:
    """Docker's wording for how long ago or for how long (``docker ps`` STATUS)."""
    if seconds < 1:
        return 'Less than a second'
    if seconds < 60:
        return '1 second' if int(seconds) == 1 else f'{int(seconds)} seconds'
    minutes = seconds / 60
    if minutes < 1.5:
        return 'About a minute'
    if minutes < 60:
        return f'{round(minutes)} minutes'
    hours = minutes / 60
    if hours < 1.5:
        return 'About an hour'
    if hours < 48:
        return f'{round(hours)} hours'
    days = hours / 24
    if days < 14:
        return f'{int(days)} days'
    if days < 60:
        return f'{int(days // 7)} weeks'
    if days < 730:
        return f'{int(days // 30)} months'
    return f'{int(days // 365)} years'


def _epoch(text: str | None) -> float | None:
    if not text or text.startswith('0001-'):
        return None
    try:
        head, _, rest = text.rstrip('Z').partition('.')
        fraction = float('0.' + ''.join(ch for ch in rest if ch in '0123456789')[:6]) if rest else 0.0
        return datetime.fromisoformat(head + '+00:00').timestamp() + fraction
    except ValueError:
        return None


def status_text(state: dict[str, Any], now: float) -> str:
    status = state.get('Status', 'unknown')
    started, finished = _epoch(state.get('StartedAt')), _epoch(state.get('FinishedAt'))
    health = (state.get('Health') or {}).get('Status')
    if status in ('running', 'paused'):
        text = f'Up {human_duration(now - started)}' if started else 'Up'
        if status == 'paused':
            return text + ' (Paused)'
        return text + {'healthy': ' (healthy)', 'unhealthy': ' (unhealthy)', 'starting': ' (health: starting)'}.get(
            health or '', '')
    if status == 'restarting':
        return f'Restarting ({state.get("ExitCode", 0)}) {human_duration(now - (finished or now))} ago'
    if status == 'exited':
        return f'Exited ({state.get("ExitCode", 0)}) {human_duration(now - (finished or now))} ago'
    return {'created': 'Created', 'dead': 'Dead', 'removing': 'Removal In Progress'}.get(status, status.capitalize())


def summary_from_inspect(raw: dict[str, Any], now: float) -> ContainerSummary:
    """A list-style summary from inspect data, which is current the moment an event arrives
    (the engine's list can still show the state from before the event)."""
    config, state = raw.get('Config') or {}, raw.get('State') or {}
    labels = config.get('Labels') or {}
    ports = _ports_from_inspect((raw.get('NetworkSettings') or {}).get('Ports')
                                or {k: None for k in (config.get('ExposedPorts') or {})})
    ports = [p for p in ports if not (p.host_ip == '::' and
                                      PortBinding(p.container_port, p.protocol, '0.0.0.0', p.host_port) in ports)]
    status = status_text(state, now)
    return ContainerSummary(
        id=raw['Id'], short_id=raw['Id'][:12], name=raw.get('Name', '').lstrip('/'), image=config.get('Image', ''),
        state=state.get('Status', 'unknown'), status=status, health=parse_health(status),
        created=_epoch(raw.get('Created')) or 0.0, started_at=_time_or_none(state.get('StartedAt')),
        ports=ports, stack=labels.get(STACK_LABEL), service=labels.get(SERVICE_LABEL), labels=labels,
        exit_code=int(state.get('ExitCode') or 0) if state.get('Status') in ('exited', 'restarting', 'dead') else None)


def _time_or_none(text: str | None) -> str | None:
    return None if not text or text.startswith('0001-') else text


def detail_from_inspect(raw: dict[str, Any]) -> ContainerDetail:
    config = raw.get('Config') or {}
    state = raw.get('State') or {}
    host = raw.get('HostConfig') or {}
    labels = config.get('Labels') or {}
    health = (state.get('Health') or {}).get('Status')
    mounts = [Mount(type=m.get('Type', 'volume'), source=m.get('Source') or None,
                    destination=m.get('Destination', ''), read_only=not m.get('RW', True),
                    name=m.get('Name')) for m in raw.get('Mounts') or []]
    networks = [NetworkAttachment(name=name, ip_address=(n or {}).get('IPAddress') or None,
                                  aliases=list((n or {}).get('Aliases') or []))
                for name, n in ((raw.get('NetworkSettings') or {}).get('Networks') or {}).items()]
    policy = host.get('RestartPolicy') or {}
    return ContainerDetail(
        id=raw['Id'], short_id=raw['Id'][:12], name=raw.get('Name', '').lstrip('/'),
        image=config.get('Image', ''), image_id=raw.get('Image', ''),
        state=state.get('Status', 'unknown'), status=_status_text(state), health=health,
        created=raw.get('Created', ''), started_at=_time_or_none(state.get('StartedAt')),
        finished_at=_time_or_none(state.get('FinishedAt')),
        exit_code=state.get('ExitCode') if state.get('Status') in ('exited', 'dead') else None,
        restart_count=int(raw.get('RestartCount') or 0),
        ports=_ports_from_inspect((raw.get('NetworkSettings') or {}).get('Ports')
                                  or {k: None for k in (config.get('ExposedPorts') or {})}),
        stack=labels.get(STACK_LABEL), service=labels.get(SERVICE_LABEL), labels=labels,
        env=[item.partition('=')[0] for item in config.get('Env') or []],
        mounts=mounts, networks=networks,
        restart_policy={'name': policy.get('Name') or 'no', 'maximum_retry_count': policy.get('MaximumRetryCount', 0)},
        command=list(config.get('Cmd') or []), entrypoint=list(config.get('Entrypoint') or []),
        hostname=config.get('Hostname', ''), working_dir=config.get('WorkingDir', ''),
        user=config.get('User', ''), privileged=bool(host.get('Privileged')),
    )


def _status_text(state: dict[str, Any]) -> str:
    status = state.get('Status', 'unknown')
    if status == 'exited':
        return f'Exited ({state.get("ExitCode", 0)})'
    return status.capitalize()


DOCKER_HUB = 'docker.io'
HUB_ALIASES = frozenset({'docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com'})


def registry_of(ref: str) -> str:
    """The registry an image reference is pulled from: ``ghcr.io/me/app:2`` -> ``ghcr.io``,
    ``nginx`` and ``me/app`` -> ``docker.io``."""
    first, slash, _ = ref.partition('/')
    if slash and ('.' in first or ':' in first or first == 'localhost'):
        return DOCKER_HUB if first.lower() in HUB_ALIASES else first.lower()
    return DOCKER_HUB


def split_image(ref: str) -> tuple[str, str]:
    """'nginx:1.25' -> ('nginx', '1.25'); 'host:5000/app' -> ('host:5000/app', 'latest'); digests kept."""
    if '@' in ref:
        repository, _, digest = ref.partition('@')
        return repository, digest
    name, _, tag = ref.rpartition(':')
    if not name or '/' in tag:
        return ref, 'latest'
    return name, tag


def pull_reason(message: str, ref: str) -> str:
    """The engine's pull error, said for a person: no such image or tag, no access, no network."""
    lowered = message.lower()
    if 'manifest unknown' in lowered or 'not found' in lowered:
        return f'{ref}: the registry has no such image or tag ({message})'
    if any(word in lowered for word in ('unauthorized', 'denied', 'authentication required', 'no basic auth',
                                         'credentials', ' 401')):
        return (f'{ref}: the registry refused access — keep a login for {registry_of(ref)} (Settings, Registry '
                f'logins) or check the name ({message})')
    if 'no such host' in lowered or 'connection refused' in lowered or 'timeout' in lowered or 'dial tcp' in lowered:
        return f'{ref}: the registry cannot be reached from the Docker engine ({message})'
    return f'pulling {ref} failed: {message}'
