"""Running a plan: each action through the service, never through a shell.

A failed action stops the plan; the actions before it stay done and the result says which ran.
"""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from ..compose.loader import load_project
from ..compose.model import Project
from ..engine import Engine
from ..engines import EngineSet
from ..errors import Conflict, DeployerError, InvalidInput
from ..models import ContainerDetail, ContainerSummary, StackDetail, StackSummary
from ..operations import Origin, Recorder
from ..service_exec import ExecService
from ..service_images import ImageService
from ..service_updates import UpdateService
from ..service_volumes import NetworkService, VolumeService
from ..stacks.manager import Stacks
from ..swarm import SwarmService
from . import regex as re
from .plan import (
    ActionResult,
    ConsoleAction,
    ContainerAction,
    DeployTemplateAction,
    ExecAction,
    HistoryAction,
    ListAction,
    LogsAction,
    NodeAction,
    PullAction,
    RollbackAction,
    RunAction,
    ScaleAction,
    ServiceAction,
    StackAction,
    StatusAction,
    TasksAction,
)
from .state import repository


class Operations(Protocol):
    """What a plan may do: the service facade's operations, each with its own checks and history
    record (``deployer.service.Deployer`` provides them)."""
    @property
    def engine(self) -> Engine: ...
    @property
    def stacks(self) -> Stacks: ...
    @property
    def recorder(self) -> Recorder: ...
    @property
    def images(self) -> ImageService: ...
    @property
    def volumes(self) -> VolumeService: ...
    @property
    def updates(self) -> UpdateService: ...
    @property
    def networks(self) -> NetworkService: ...
    @property
    def consoles(self) -> ExecService: ...
    @property
    def engines(self) -> EngineSet: ...
    @property
    def stacks_on(self) -> Callable[[str | None], Any]: ...
    @property
    def images_on(self) -> Callable[[str | None], ImageService]: ...
    @property
    def consoles_on(self) -> Callable[[str | None], ExecService]: ...
    @property
    def volumes_on(self) -> Callable[[str | None], VolumeService]: ...
    @property
    def networks_on(self) -> Callable[[str | None], NetworkService]: ...
    @property
    def swarm_on(self) -> Callable[[str | None], SwarmService]: ...

    @property
    def status(self) -> Callable[[], dict[str, Any]]: ...
    @property
    def list_containers(self) -> Callable[..., list[ContainerSummary]]: ...
    @property
    def get_container(self) -> Callable[..., ContainerDetail]: ...
    @property
    def summary(self) -> Callable[[str], ContainerSummary]: ...
    @property
    def logs(self) -> Callable[..., list[str]]: ...
    @property
    def container_action(self) -> Callable[..., Any]: ...
    @property
    def list_stacks(self) -> Callable[[], list[StackSummary]]: ...
    @property
    def get_stack(self) -> Callable[[str], StackDetail]: ...
    @property
    def stack_action(self) -> Callable[..., Any]: ...
    @property
    def scale_stack(self) -> Callable[..., Any]: ...
    @property
    def rollback_stack(self) -> Callable[..., Any]: ...
    @property
    def deploy_template(self) -> Callable[..., Any]: ...
    @property
    def check_template(self) -> Callable[..., Any]: ...
    @property
    def list_templates(self) -> Callable[..., list[Any]]: ...
    @property
    def history_page(self) -> Callable[..., Any]: ...
    @property
    def engine_listing(self) -> Callable[[str], list[dict[str, Any]]]: ...
    @property
    def run_container(self) -> Callable[..., str]: ...
    @property
    def port_in_use(self) -> Callable[[int], str | None]: ...


def run_actions(d: Operations, actions: list[Any], *, origin: Origin, allow_privileged: bool) -> list[ActionResult]:
    results = []
    for index, action in enumerate(actions):
        try:
            detail, data = _run_one(d, action, origin=origin, allow_privileged=allow_privileged)
        except DeployerError as exc:
            results.append(ActionResult(index=index, ok=False, detail=exc.message))
            break
        results.append(ActionResult(index=index, ok=True, detail=detail, data=data))
    return results


Runner = Callable[..., tuple[str, Any]]


def _run_one(d: Operations, action: Any, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    runner = RUNNERS.get(action.type)
    if runner is None:
        raise InvalidInput(f'unknown action type {action.type!r}')
    return runner(d, action, origin=origin, allow_privileged=allow_privileged)


def _run_list(d: Operations, action: ListAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    return _list(d, action)


def _run_status(d: Operations, action: StatusAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    if action.target is None and action.host:   # "what runs on edge-2": that engine's running containers
        rows = [dataclasses.asdict(c) for c in d.list_containers(all=False, engine=action.host)]
        return f'{len(rows)} containers run on {action.host}', {'containers': rows, 'host': action.host}
    if action.target is None:
        status = d.status()
        if action.sort is None:
            return f'{len(status["containers"])} containers report figures', status
        key = 'memory_usage' if action.sort == 'memory' else 'cpu_percent'
        status['containers'] = sorted(status['containers'], key=lambda c: c.get(key) or 0, reverse=True)
        status['sort'] = action.sort
        top = status['containers'][0] if status['containers'] else None
        most = (f'; most {"memory" if action.sort == "memory" else "CPU"}: {top["name"]} ('
                + (f'{top["memory_usage"] / 2**20:.1f} MiB' if action.sort == 'memory' else f'{top["cpu_percent"]:.1f} %')
                + ')') if top else ''
        return f'{len(status["containers"])} containers report figures{most}', status
    stacks = d.stacks_on(action.host) if action.host else d
    if action.target in {s.name for s in stacks.list_stacks()}:
        stack = stacks.get_stack(action.target)
        return f'stack {stack.name}: {stack.running}/{stack.containers} running', dataclasses.asdict(stack)
    detail = d.get_container(action.target, engine=action.host)
    figures = None if action.host else next((c for c in d.status()['containers'] if c['id'] == detail.id), None)
    return f'{detail.name}: {detail.status}', {'container': dataclasses.asdict(detail), 'stats': figures}


def _run_logs(d: Operations, action: LogsAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    tail = None if action.head or action.since else 100 if action.tail is None else action.tail
    lines = d.logs(action.target, tail=tail, since=action.since, grep_for=action.grep, engine=action.host)
    lines = lines[:action.head] if action.head else lines   # "the first 20 lines": from the start of what was kept
    note = ' (following them is live in the chat and at GET /logs/…?follow=true)' if action.follow else ''
    return f'{len(lines)} lines from {action.target}{note}', {'lines': lines[-2000:]}


def _run_history(d: Operations, action: HistoryAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    page = d.history_page(stack=action.stack, limit=action.limit or 20)
    return f'{len(page.records)} operations', {'records': [r.to_dict() for r in page.records]}


def _run_container(d: Operations, action: ContainerAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    states = []
    for target in action.targets:
        outcome = d.container_action(target, action.op, force=action.op == 'remove', origin=origin, engine=action.host)
        states.append({'name': target, 'state': outcome.state})
    return f'{action.op}: ' + ', '.join(f'{s["name"]} {s["state"]}' for s in states), {'containers': states}


def _run_stack(d: Operations, action: StackAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    result = (d.stacks_on(action.host).stack_action(action.stack, action.op, origin=origin) if action.host
              else d.stack_action(action.stack, action.op, origin=origin))
    return f'{action.op} stack {action.stack}: done', dataclasses.asdict(result) if result else None


def _run_deploy_template(d: Operations, action: DeployTemplateAction, *, origin: Origin,
                         allow_privileged: bool) -> tuple[str, Any]:
    stacks = d.stacks_on(action.host) if action.host else d   # "deploy gitea on edge-2": that engine's stacks
    detail, result, generated = stacks.deploy_template(action.template, stack=action.stack, params=dict(action.params),
                                                       update=True,   # the plan said what the update changes (prechecks)
                                                       origin=origin)
    ports = [f'{p.host_ip or "0.0.0.0"}:{p.host_port}' for p in detail.ports]
    where = f' on {action.host}' if action.host else ''
    # the generated values are shown once, in this result (the chat card, the /nlp/run answer), never again
    return (f'deployed {action.template} as {detail.name}{where}: {detail.running}/{detail.containers} running'
            + (f', on {", ".join(ports)}' if ports else '')), {'stack': detail.name, 'generated': sorted(generated),
                                                               'generated_values': dict(sorted(generated.items())),
                                                               'ports': ports, 'host': action.host}


def _run_scale(d: Operations, action: ScaleAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    (d.stacks_on(action.host) if action.host else d).scale_stack(action.stack, action.service, action.replicas,
                                                                 origin=origin)
    return f'{action.service} of {action.stack} runs {action.replicas} replicas', None


def _run_rollback(d: Operations, action: RollbackAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    detail, _, target = d.rollback_stack(action.stack, to=action.to, origin=origin)
    return f'{detail.name} is back at revision {target[:12]}', {'revision': target}


def _run_pull(d: Operations, action: PullAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    result = d.images_on(action.host).pull(action.image, origin=origin)
    return f'{result["status"]}: {result["image"]}', result


def _run_run(d: Operations, action: RunAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    return run_container(d, action, origin=origin, allow_privileged=allow_privileged)


def _run_console(d: Operations, action: ConsoleAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    """Where the shell is: the container must run; the shell itself starts when it is opened."""
    container = d.get_container(action.target, engine=action.host)
    if container.state != 'running':
        raise Conflict(f'{container.name} is {container.state}: a shell opens only in a running container '
                       f'(start {container.name} first)')
    return (f'A shell in {container.name}: open it below or on its page',
            {'console': container.name, 'id': container.id, 'host': action.host,
             'url': f'/container/{container.id}?tab=console' + (f'&engine={action.host}' if action.host else ''),
             'exec': f'/containers/{container.id}/exec' + (f'?engine={action.host}' if action.host else '')})


def _run_exec(d: Operations, action: ExecAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    result = d.consoles_on(action.host).run(action.target, action.command, origin=origin)
    said = ('still running after 30 s' if result['timed_out'] else f'exit code {result["exit_code"]}')
    return (f'{" ".join(action.command)} in {result["container"]}: {said}',
            {**result, 'lines': result['output'].splitlines()})


def _run_node(d: Operations, action: NodeAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    node = d.swarm_on(action.host).set_availability(action.node, action.op, origin=origin)
    return f'{node.hostname} is {node.availability}', node.to_dict()


def _run_service(d: Operations, action: ServiceAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    swarm = d.swarm_on(action.host)
    if action.op == 'scale':
        if action.replicas is None:
            raise InvalidInput('scale needs a number of replicas')
        service = swarm.scale(action.service, action.replicas, origin=origin)
        return f'{service.name} runs {service.running} of {service.replicas} replicas', service.to_dict()
    if action.op == 'update':
        if action.image is None:
            raise InvalidInput('an update needs the image to roll out')
        service = swarm.update_image(action.service, action.image, origin=origin)
        return f'{service.name} runs {service.image}', service.to_dict()
    service = swarm.rollback(action.service, origin=origin)
    return f'{service.name} is back at its previous version ({service.image})', service.to_dict()


def _run_tasks(d: Operations, action: TasksAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    rows = [t.to_dict() for t in d.swarm_on(action.host).tasks(action.service)]
    running = sorted({t['node'] for t in rows if t['state'] == 'running'})
    return (f'{action.service} runs on {", ".join(running)}' if running else f'no task of {action.service} runs now',
            {'rows': rows})


# one runner per action type: adding an action is its class in plan.py and its runner here
RUNNERS: dict[str, Runner] = {
    'list': _run_list,
    'status': _run_status,
    'logs': _run_logs,
    'history': _run_history,
    'container': _run_container,
    'stack': _run_stack,
    'deploy_template': _run_deploy_template,
    'scale': _run_scale,
    'rollback': _run_rollback,
    'pull': _run_pull,
    'run': _run_run,
    'console': _run_console,
    'exec': _run_exec,
    'node': _run_node,
    'service': _run_service,
    'tasks': _run_tasks,
}

def _of_image(image: str, wanted: str) -> bool:
    """docker ps --filter ancestor=…, by name: "postgres" is postgres:16 and library/postgres, not pgadmin."""
    repo = repository(image)
    wanted = wanted.lower()
    return repo.lower() == wanted or repo.lower().rsplit('/', 1)[-1] == wanted.rsplit('/', 1)[-1] and (
        '/' not in wanted or repo.lower().endswith(wanted))


def _list(d: Operations, action: Any) -> tuple[str, Any]:
    kind, filters = action.kind, action.filters
    if kind == 'containers':
        port = int(filters['port']) if str(filters.get('port', '')).isdigit() else None
        rows = [dataclasses.asdict(c) for c in d.list_containers(status=filters.get('status'), stack=filters.get('stack'),
                                                                 engine=action.host)
                if (not filters.get('health') or c.health == filters['health'])
                and (not filters.get('name') or filters['name'].lower() in c.name.lower())
                and (not filters.get('image') or _of_image(c.image, filters['image']))
                and (port is None or any(port in (p.host_port, p.container_port) for p in c.ports))]
        rows = [{k: r[k] for k in ('name', 'image', 'state', 'health', 'status', 'stack', 'service', 'ports')} for r in rows]
        if filters.get('update'):   # "which containers have updates": what the registries serve now, by digest
            newer = {u.container: u for u in d.updates.check() if u.status == 'update available'}
            rows = [{**r, 'available': newer[r['name']].available} for r in rows if r['name'] in newer]
    elif kind == 'stacks':
        rows = [{k: v for k, v in dataclasses.asdict(s).items() if k in ('name', 'state', 'source', 'services',
                                                                          'containers', 'running', 'template')}
                for s in (d.stacks_on(action.host) if action.host else d).list_stacks()]
    elif kind == 'templates':
        rows = [{'id': t.id, 'title': t.title, 'category': t.category} for t in d.list_templates(q=filters.get('q'))]
    elif kind == 'images':   # "what images are unused", "any dangling images?"
        rows = [{'tags': i.tags, 'id': i.short_id, 'size': i.size, 'created': i.created, 'dangling': i.dangling,
                 'containers': i.containers} for i in d.images_on(action.host).list_images()
                if (not filters.get('dangling') or i.dangling) and (not filters.get('unused') or not i.in_use)
                and (not filters.get('reference') or any(_of_repository(t, filters['reference']) for t in i.tags))]
    elif kind == 'volumes':   # "which volumes are unused"
        rows = [{'name': v.name, 'driver': v.driver, 'size': v.size, 'stack': v.stack, 'containers': v.containers}
                for v in d.volumes_on(action.host).list_volumes() if not filters.get('unused') or not v.in_use]
    elif kind in ('nodes', 'services'):   # a swarm's ("list the nodes")
        swarm = d.swarm_on(action.host)
        rows = [r.to_dict() for r in (swarm.nodes() if kind == 'nodes' else swarm.services())]
    elif kind == 'networks':
        rows = [{'name': n.name, 'driver': n.driver, 'subnets': n.subnets, 'stack': n.stack, 'containers': n.containers}
                for n in d.networks_on(action.host).list_networks() if not filters.get('unused') or not n.containers]
    else:
        rows = d.engine_listing(kind)
    return f'{len(rows)} {kind}', {'rows': rows}


def run_project(action: RunAction, projects_dir: Path) -> Project:
    """A ``run`` action as a one-service compose project, so that the loader resolves its paths and
    the host policy checks it exactly as it checks stacks. Relative paths resolve in the
    container's own folder, ``projects/<name>``."""
    name = re.sub(r'[^a-z0-9_-]+', '-', (action.name or action.image.split('/')[-1].split(':')[0]).lower()).strip('-_')
    name = (name or 'container')[:63]
    volumes: list[dict[str, Any]] = []
    named: dict[str, Any] = {}
    for v in action.volumes:
        bind = v.source.startswith(('/', '.', '~'))
        volumes.append({'type': 'bind' if bind else 'volume', 'source': v.source, 'target': v.target,
                        'read_only': v.read_only})
        if not bind:
            named[v.source] = {'name': v.source}
    service: dict[str, Any] = {'image': action.image, 'volumes': volumes, 'privileged': action.privileged}
    for key, value in (('network_mode', action.network_mode), ('pid', action.pid)):
        if value:
            service[key] = value
    return load_project({'services': {'main': service}, 'volumes': named}, name=name, working_dir=projects_dir / name)


def run_container(d: Operations, action: RunAction, *, origin: Origin, allow_privileged: bool) -> tuple[str, Any]:
    """A plain container (no stack) from a ``run`` action, checked by the same policy as stacks;
    it is created with the paths the policy checked."""
    stacks = d.stacks_on(action.host).stacks if action.host else d.stacks   # that engine's host policy and folders
    project = run_project(action, stacks.projects_dir)
    stacks.policy.enforce(project, allow_privileged=allow_privileged)
    service = project.services['main']
    mounts = []
    for m in service.mounts:
        if m.type == 'bind' and m.source and not action.host and not os.path.exists(m.source):
            os.makedirs(m.source, exist_ok=True)   # on this machine only: another host's folders are that host's
        mounts.append({'Type': m.type, 'Target': m.target, 'ReadOnly': m.read_only,
                       'Source': project.volumes[m.source].name if m.type == 'volume' and m.source else m.source})
    command = action.command.split() if isinstance(action.command, str) else action.command
    with d.recorder.operation('container.run', target=action.name or action.image, origin=origin,
                              params={'image': action.image, 'ports': [p.model_dump() for p in action.ports],
                                      'env': sorted(action.env), **({'engine': action.host} if action.host else {})}) as op:
        container_id = d.run_container(image=action.image, name=action.name, ports=[p.model_dump() for p in action.ports],
                                       env=dict(action.env), mounts=mounts, command=command, restart=action.restart,
                                       privileged=action.privileged, network_mode=action.network_mode, pid=action.pid,
                                       host=action.host)
        summary = d.get_container(container_id, engine=action.host)
        op.result = summary.state
    where = f' on {action.host}' if action.host else ''
    return (f'{summary.name} runs {action.image}{where} ({summary.state})',
            {'id': container_id, 'name': summary.name, 'host': action.host})


def _of_repository(tag: str, reference: str) -> bool:
    """Whether an image's tag is of that software: "postgres" is postgres:16 and docker.io/library/postgres:15, not
    postgres-exporter; "grafana/grafana" is grafana/grafana:11."""
    repo = repository(tag)
    return repo == reference or repo.endswith('/' + reference) or repo.rsplit('/', 1)[-1] == reference
