"""What deploying a document would do, before it is deployed: the problems the loader and the
host policy find (each at its line when the document says where), and per service what would
change against what runs now ("web: port 8080→80 becomes 8082→80; 1 container recreated").

The editor checks as the user types, and shows the changes before a save; the gallery and the
assistant use the same summary so that deploying onto an existing stack never replaces it
silently. Nothing here changes the engine or the stored configuration.
"""
from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..compose import yamlio
from ..compose.model import PortSpec, Project, Service
from ..errors import DeployerError
from ..policy import Finding
from ..secrets import MASK, SECRET_NAME
from ..text import count

ChangeKind = Literal['create', 'recreate', 'scale', 'start', 'unchanged', 'remove']


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the document: ``kind`` error (it cannot be deployed), policy (the
    host-access policy refuses it) or warning (it deploys; something is not applied)."""
    kind: Literal['error', 'policy', 'warning']
    message: str
    line: int | None = None


@dataclass(frozen=True)
class ServiceChange:
    service: str
    change: ChangeKind
    containers: int = 0                  # containers created, recreated or removed
    details: list[str] = field(default_factory=list)   # what differs: "port 8080→80 becomes 8082→80"


@dataclass(frozen=True)
class StackCheck:
    stack: str
    exists: bool
    valid: bool                          # no error and no policy refusal: a deploy may go ahead
    problems: list[Problem] = field(default_factory=list)
    changes: list[ServiceChange] = field(default_factory=list)
    summary: str = ''                    # one line: "update web1: web port 8080 → 8082, 1 container recreated"
    diff: str = ''                       # unified diff of the document and the environment (secrets masked)
    revision: str | None = None          # the stack's configuration revision the check was made against

    @property
    def changed(self) -> bool:
        return any(c.change != 'unchanged' for c in self.changes)


LINE = re.compile(r'\(line (\d+)\)|at line (\d+)|line (\d+):')


def problem_of(kind: Literal['error', 'policy', 'warning'], exc_or_text: DeployerError | str) -> Problem:
    """A loader message with the line it names (``(line 12)``, ``at line 3, column 5``)."""
    text = exc_or_text if isinstance(exc_or_text, str) else exc_or_text.message
    line = getattr(exc_or_text, 'line', None)
    if line is None and (match := LINE.search(text)):
        line = int(next(g for g in match.groups() if g))
    return Problem(kind, text, line)


def policy_problems(findings: Iterable[Finding], compose: str) -> list[Problem]:
    """Policy findings at the line of the key they are about."""
    try:
        document = yamlio.parse(compose)
    except DeployerError:
        document = yamlio.Document(None)
    problems = []
    for finding in findings:
        kind, _, name = finding.where.partition(' ')
        section = {'service': 'services', 'volume': 'volumes', 'secret': 'secrets', 'config': 'configs'}.get(kind, kind)
        path = f'{section}.{name}.{finding.key.split(".")[0]}' if section == 'services' else finding.key \
            if finding.key.startswith(f'{section}.') else f'{section}.{name}'
        problems.append(Problem('policy', f'{finding}. To allow it, {finding.allow}', document.line_of(path)))
    return problems


# ---- what changes ---------------------------------------------------------------------------------

def service_changes(new: Project, *, old: Project | None, running: Mapping[str, list[dict[str, Any]]],
                    in_sync: Mapping[str, bool]) -> list[ServiceChange]:
    """Per service: ``running`` maps service -> its containers (raw list entries), ``in_sync``
    says whether a service's containers already match the new configuration (its hash)."""
    changes = []
    for key, service in new.services.items():
        mine = running.get(key, [])
        before = old.services.get(key) if old else None
        details = describe(before, service) if before is not None else []
        if not mine:
            if service.replicas:
                changes.append(ServiceChange(key, 'create', service.replicas, details))
            else:
                changes.append(ServiceChange(key, 'unchanged', 0, ['scaled to 0']))
        elif not in_sync.get(key, False):
            changes.append(ServiceChange(key, 'recreate', service.replicas,
                                         details or ['its containers run another configuration']))
        elif len(mine) != service.replicas:
            changes.append(ServiceChange(key, 'scale', abs(service.replicas - len(mine)),
                                         [f'replicas {len(mine)} → {service.replicas}']))
        elif any(c.get('State') != 'running' for c in mine) and service.restart != 'no':
            changes.append(ServiceChange(key, 'start', sum(c.get('State') != 'running' for c in mine), ['stopped']))
        else:
            changes.append(ServiceChange(key, 'unchanged'))
    for key, containers in sorted(running.items()):
        if key not in new.services:
            changes.append(ServiceChange(key, 'remove', len(containers), ['not in the document any more']))
    return changes


def describe(before: Service, after: Service) -> list[str]:
    """What differs between two versions of a service, in words; values of the environment are
    never shown (they may be secrets), only which variables changed."""
    details = []
    for f in dataclasses.fields(Service):
        old, new = getattr(before, f.name), getattr(after, f.name)
        if old == new or f.name == 'name':
            continue
        if f.name == 'ports':
            details.append(_ports(old, new))
        elif f.name == 'environment':
            details.append(_environment(old, new))
        elif f.name == 'replicas':
            details.append(f'replicas {old} → {new}')
        elif f.name == 'image':
            details.append(f'image {old} → {new}')
        elif isinstance(old, (str, int, float, bool)) and isinstance(new, (str, int, float, bool)) \
                and not SECRET_NAME.search(f.name):
            details.append(f'{f.name} {old} → {new}')
        else:
            details.append(f'{f.name} changed')
    return details


def _port(p: PortSpec) -> str:
    shown = f'{p.published}→{p.target}' if p.published else f'{p.target}'
    return shown + ('/udp' if p.protocol == 'udp' else '')


def _ports(old: list[PortSpec], new: list[PortSpec]) -> str:
    gone = [_port(p) for p in old if p not in new]
    added = [_port(p) for p in new if p not in old]
    if len(gone) == 1 and len(added) == 1:
        return f'port {gone[0]} becomes {added[0]}'
    parts = ([f'ports {", ".join(added)} added'] if added else []) + ([f'{", ".join(gone)} removed'] if gone else [])
    return '; '.join(parts) or 'ports reordered'


def _environment(old: Mapping[str, str], new: Mapping[str, str]) -> str:
    parts = [f'{", ".join(keys)} {label}' for label, keys in
             (('changed', sorted(k for k in set(old) & set(new) if old[k] != new[k])),
              ('added', sorted(set(new) - set(old))), ('removed', sorted(set(old) - set(new)))) if keys]
    return 'environment: ' + ', '.join(parts)


def summary(name: str, *, exists: bool, changes: list[ServiceChange]) -> str:
    """One line for dialogs and the assistant."""
    if not exists:
        made = sum(c.containers for c in changes if c.change == 'create')
        return f'new stack {name}: {count(len(changes), "service")}, {count(made, "container")} created'
    touched = [c for c in changes if c.change != 'unchanged']
    if not touched:
        return f'no change to {name}: every service already runs this configuration'
    parts = []
    for c in touched:
        what = {'create': 'created', 'recreate': 'recreated', 'scale': 'scaled', 'start': 'started',
                'remove': 'removed'}[c.change]
        detail = f' ({"; ".join(c.details)})' if c.details and c.change != 'remove' else ''
        parts.append(f'{c.service}{detail}: {count(c.containers, "container")} {what}')
    return f'update {name}: ' + ', '.join(parts)


def text_diff(old: str, new: str, *, name: str) -> str:
    return ''.join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        f'a/{name}', f'b/{name}'))


def env_lines(env: Mapping[str, str], secret_names: Iterable[str]) -> str:
    """The environment as ``.env`` lines, secret values masked: what a diff may show."""
    hidden = set(secret_names)
    return ''.join(f'{k}={MASK if k in hidden or SECRET_NAME.search(k) else v}\n' for k, v in sorted(env.items()))
