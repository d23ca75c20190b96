"""A compose project as Docker Swarm objects, the way ``docker stack deploy`` makes them: a service
``<stack>_<service>`` per compose service, overlay networks ``<stack>_<network>``, secrets and configs
``<stack>_<key>``, everything labelled ``com.docker.stack.namespace=<stack>``.

    desired = stack_objects(project)        # StackObjects: networks, secrets, configs, services (engine specs)
    desired.services['shop_web']            # {'Name': 'shop_web', 'TaskTemplate': {...}, 'Mode': {...}, ...}

Each service spec carries ``io.dockerdeployer.spec``, a hash of the rest of it: a service whose hash
is unchanged is left alone on a converge (no task restarts), the way ``docker stack deploy`` leaves an
unchanged service. What Swarm cannot run (privileged, host network or pid, devices, builds …) is
refused here with the service it concerns, before anything is made.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .compose import Project, Service
from .compose.fields import duration_ns, number, size_bytes
from .errors import InvalidInput

NAMESPACE = 'com.docker.stack.namespace'
STACK_IMAGE = 'com.docker.stack.image'
SPEC_HASH = 'io.dockerdeployer.spec'
CONTENT_HASH = 'io.dockerdeployer.content'
RESTART = {'no': 'none', 'none': 'none', 'always': 'any', 'any': 'any', 'unless-stopped': 'any', 'on-failure': 'on-failure'}


@dataclass
class StackObjects:
    networks: dict[str, dict[str, Any]] = field(default_factory=dict)   # engine name -> create arguments
    secrets: dict[str, bytes] = field(default_factory=dict)             # engine name -> content
    configs: dict[str, bytes] = field(default_factory=dict)
    services: dict[str, dict[str, Any]] = field(default_factory=dict)   # engine name -> service spec


def spec_hash(spec: dict[str, Any]) -> str:
    body = json.dumps({k: v for k, v in spec.items() if k != 'Labels'} | {
        'Labels': {k: v for k, v in (spec.get('Labels') or {}).items() if k != SPEC_HASH}}, sort_keys=True)
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def unsupported(service: Service) -> list[str]:
    """What a Swarm service cannot be given, in compose words."""
    said = []
    for key, present in (('build', service.build is not None and not service.image), ('privileged', service.privileged),
                         ('devices', bool(service.devices)), ('pid', service.pid is not None),
                         ('ipc', service.ipc is not None), ('network_mode', service.network_mode is not None),
                         ('volumes_from', bool(service.volumes_from)), ('links', bool(service.links)),
                         ('cgroup_parent', service.cgroup_parent is not None), ('userns_mode', bool(service.userns_mode)),
                         ('gpus', bool(service.gpus)), ('use_api_socket', service.use_api_socket)):
        if present:
            said.append(key)
    return said


def stack_objects(project: Project, read_file: Any = None) -> StackObjects:
    """The engine objects of a stack. ``read_file(path) -> bytes`` reads a secret's or config's file
    (after the host policy allowed it)."""
    stack = project.name
    labels = {NAMESPACE: stack}
    out = StackObjects()
    problems = [f'service {name}: {", ".join(keys)}' for name, svc in project.services.items()
                if (keys := unsupported(svc))]
    if problems:
        raise InvalidInput('Swarm services cannot have these (they are for one engine, not a swarm): '
                           + '; '.join(problems))
    used_networks = {key for svc in project.services.values() for key in (list(svc.networks) or ['default'])}
    for key, net in project.networks.items():
        if key not in used_networks or net.external:
            continue
        driver = net.driver or 'overlay'
        out.networks[net.name] = {'Name': net.name, 'Driver': driver, 'Internal': net.internal,
                                  'Attachable': net.attachable, 'Options': dict(net.driver_opts),
                                  'Labels': {**net.labels, **labels}, **({'IPAM': _ipam(net.ipam)} if net.ipam else {})}
    if 'default' in used_networks and 'default' not in project.networks:
        name = f'{stack}_default'
        out.networks[name] = {'Name': name, 'Driver': 'overlay', 'Internal': False, 'Attachable': False, 'Options': {},
                              'Labels': dict(labels)}
    for section, target in (('secrets', out.secrets), ('configs', out.configs)):
        for key, spec in getattr(project, section).items():
            if spec.content is not None:
                data = spec.content.encode()
            elif spec.file and read_file is not None:
                data = read_file(spec.file)
            else:
                raise InvalidInput(f'{section}.{key}: give its content (environment) or a file of the stack')
            target[f'{stack}_{key}'] = data
    for key, svc in project.services.items():
        out.services[f'{stack}_{key}'] = _service(project, key, svc, out)
    return out


def _ipam(ipam: dict[str, Any]) -> dict[str, Any]:
    configs = [{'Subnet': c.get('subnet'), **({'Gateway': c['gateway']} if c.get('gateway') else {}),
                **({'IPRange': c['ip_range']} if c.get('ip_range') else {})} for c in ipam.get('config') or []]
    return {'Driver': ipam.get('driver') or 'default', 'Config': configs}


def _service(project: Project, key: str, svc: Service, objects: StackObjects) -> dict[str, Any]:
    stack = project.name
    deploy = svc.deploy
    where = f'services.{key}.deploy'
    container: dict[str, Any] = {
        'Image': svc.image, 'Labels': {**svc.labels, NAMESPACE: stack},
        'Env': [f'{k}={v}' for k, v in sorted(svc.environment.items())],
        'Mounts': [_mount(stack, project, m) for m in svc.mounts],
    }
    if svc.entrypoint is not None:
        container['Command'] = list(svc.entrypoint)
    if svc.command is not None:
        container['Args'] = list(svc.command)
    for field_name, value in (('Dir', svc.working_dir), ('User', svc.user), ('Hostname', svc.hostname),
                              ('StopSignal', svc.stop_signal), ('Init', svc.init), ('Isolation', svc.isolation)):
        if value is not None:
            container[field_name] = value
    if svc.stop_grace_period is not None:
        container['StopGracePeriod'] = svc.stop_grace_period * 1_000_000_000
    if svc.tty:
        container['TTY'] = True
    if svc.stdin_open:
        container['OpenStdin'] = True
    if svc.read_only:
        container['ReadOnly'] = True
    if svc.sysctls:
        container['Sysctls'] = dict(svc.sysctls)
    if svc.cap_add:
        container['CapabilityAdd'] = list(svc.cap_add)
    if svc.cap_drop:
        container['CapabilityDrop'] = list(svc.cap_drop)
    if svc.extra_hosts:
        container['Hosts'] = [' '.join(reversed(h.replace('=', ':', 1).split(':', 1))) for h in svc.extra_hosts]
    if svc.dns or svc.dns_search or svc.dns_opt:
        container['DNSConfig'] = {'Nameservers': list(svc.dns), 'Search': list(svc.dns_search),
                                  'Options': list(svc.dns_opt)}
    if svc.ulimits:
        container['Ulimits'] = [{'Name': u.name, 'Soft': u.soft, 'Hard': u.hard} for u in svc.ulimits]
    if svc.healthcheck is not None:
        check = svc.healthcheck
        container['Healthcheck'] = {'Test': ['NONE'] if check.disable else list(check.test),
                                    **{name: value for name, value in (('Interval', check.interval), ('Timeout', check.timeout),
                                                                       ('Retries', check.retries),
                                                                       ('StartPeriod', check.start_period)) if value}}
    for ref_key, refs, names in (('Secrets', svc.secrets, objects.secrets), ('Configs', svc.configs, objects.configs)):
        if refs:
            container[ref_key] = [{'File': {'Name': ref.target.rsplit('/', 1)[-1] if ref_key == 'Secrets' else ref.target,
                                            'UID': ref.uid or '0', 'GID': ref.gid or '0',
                                            'Mode': ref.mode if ref.mode is not None else 0o444},
                                   f'{ref_key[:-1]}Name': f'{stack}_{ref.name}'} for ref in refs]
            missing = [ref.name for ref in refs if f'{stack}_{ref.name}' not in names]
            if missing:
                raise InvalidInput(f'services.{key}.{ref_key.lower()}: {", ".join(missing)} is not defined at the top level')
    task: dict[str, Any] = {'ContainerSpec': container, 'ForceUpdate': 0}
    resources = _resources(svc, deploy, where)
    if resources:
        task['Resources'] = resources
    policy = dict(deploy.restart_policy) if deploy and deploy.restart_policy else None
    condition = RESTART.get(str(policy.get('condition', 'any')) if policy else 'any', 'any')   # `restart:` is not
    # read in a swarm (as docker stack deploy): a task that stops is replaced, and a drained node's tasks move
    restart: dict[str, Any] = {'Condition': condition}
    if policy:
        for name, out_name in (('delay', 'Delay'), ('window', 'Window')):
            if policy.get(name) is not None:
                restart[out_name] = duration_ns(policy[name], f'{where}.restart_policy.{name}')
        if policy.get('max_attempts') is not None:
            restart['MaxAttempts'] = int(policy['max_attempts'])
    task['RestartPolicy'] = restart
    placement = _placement(deploy.placement if deploy else {}, where)
    if placement:
        task['Placement'] = placement
    networks = list(svc.networks) or ['default']
    task['Networks'] = [{'Target': _network_name(project, n),
                         'Aliases': [key, *(svc.networks[n].aliases if n in svc.networks else [])]} for n in networks]
    if svc.logging:
        task['LogDriver'] = {'Name': svc.logging.get('driver') or 'json-file', 'Options': dict(svc.logging.get('options') or {})}
    global_mode = deploy is not None and deploy.mode == 'global'
    spec: dict[str, Any] = {
        'Name': f'{stack}_{key}',
        'Labels': {**(deploy.labels if deploy else {}), NAMESPACE: stack, STACK_IMAGE: svc.image or ''},
        'TaskTemplate': task,
        'Mode': {'Global': {}} if global_mode else {'Replicated': {'Replicas': svc.replicas}},
        'UpdateConfig': _update_config(deploy.update_config if deploy else {}, f'{where}.update_config'),
        'RollbackConfig': _update_config(deploy.rollback_config if deploy else {}, f'{where}.rollback_config',
                                         rollback=True),
        'EndpointSpec': {'Mode': (deploy.endpoint_mode if deploy and deploy.endpoint_mode else 'vip'),
                         'Ports': [{'Protocol': p.protocol, 'TargetPort': p.target,
                                    **({'PublishedPort': int(p.published)} if p.published else {}),
                                    'PublishMode': p.mode} for p in svc.ports]},
    }
    if spec['EndpointSpec']['Mode'] not in ('vip', 'dnsrr'):
        raise InvalidInput(f'{where}.endpoint_mode: {spec["EndpointSpec"]["Mode"]!r} is not vip or dnsrr')
    if spec['EndpointSpec']['Mode'] == 'dnsrr' and any(p.mode == 'ingress' and p.published for p in svc.ports):
        raise InvalidInput(f'services.{key}: endpoint_mode dnsrr cannot publish ports through the routing mesh; '
                           'publish them with mode: host')
    spec['Labels'][SPEC_HASH] = spec_hash(spec)
    return spec


def _network_name(project: Project, key: str) -> str:
    net = project.networks.get(key)
    return net.name if net is not None else f'{project.name}_{key}'


def _mount(stack: str, project: Project, mount: Any) -> dict[str, Any]:
    out: dict[str, Any] = {'Type': mount.type, 'Target': mount.target, 'ReadOnly': mount.read_only}
    if mount.type == 'volume':
        volume = project.volumes.get(mount.source or '')
        if volume is None and mount.source:
            raise InvalidInput(f'volume {mount.source} is not defined at the top level')
        if volume is not None:
            out['Source'] = volume.name
            options: dict[str, Any] = {'Labels': {**volume.labels, NAMESPACE: stack}}
            if volume.driver:
                options['DriverConfig'] = {'Name': volume.driver, 'Options': dict(volume.driver_opts)}
            if mount.nocopy:
                options['NoCopy'] = True
            out['VolumeOptions'] = options
    elif mount.type == 'bind':
        out['Source'] = mount.source
        if mount.propagation:
            out['BindOptions'] = {'Propagation': mount.propagation}
    elif mount.type == 'tmpfs':
        tmpfs = {k: v for k, v in (('SizeBytes', mount.tmpfs_size), ('Mode', mount.tmpfs_mode)) if v is not None}
        if tmpfs:
            out['TmpfsOptions'] = tmpfs
    return out


def _resources(svc: Service, deploy: Any, where: str) -> dict[str, Any]:
    limits: dict[str, Any] = {}
    reservations: dict[str, Any] = {}
    raw_limits = dict(deploy.limits) if deploy else {}
    cpus = raw_limits.get('cpus', svc.cpus)
    if cpus is not None:
        limits['NanoCPUs'] = int(number(cpus, f'{where}.resources.limits.cpus') * 1e9)
    memory = raw_limits.get('memory')
    if memory is not None or svc.mem_limit is not None:
        limits['MemoryBytes'] = size_bytes(memory, f'{where}.resources.limits.memory') if memory is not None else svc.mem_limit
    pids = raw_limits.get('pids', svc.pids_limit)
    if pids is not None:
        limits['Pids'] = int(pids)
    raw_reservations = dict(deploy.reservations) if deploy else {}
    if raw_reservations.get('cpus') is not None:
        reservations['NanoCPUs'] = int(number(raw_reservations['cpus'], f'{where}.resources.reservations.cpus') * 1e9)
    if raw_reservations.get('memory') is not None:
        reservations['MemoryBytes'] = size_bytes(raw_reservations['memory'], f'{where}.resources.reservations.memory')
    return {k: v for k, v in (('Limits', limits), ('Reservations', reservations)) if v}


def _placement(placement: dict[str, Any], where: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    constraints = placement.get('constraints') or []
    if not isinstance(constraints, list) or not all(isinstance(c, str) for c in constraints):
        raise InvalidInput(f'{where}.placement.constraints: a list like ["node.role==manager"]')
    if constraints:
        out['Constraints'] = list(constraints)
    preferences = []
    for index, preference in enumerate(placement.get('preferences') or []):
        spread = preference.get('spread') if isinstance(preference, dict) else None
        if not isinstance(spread, str):
            raise InvalidInput(f'{where}.placement.preferences.{index}: a spread like {{spread: node.labels.zone}}')
        preferences.append({'Spread': {'SpreadDescriptor': spread}})
    if preferences:
        out['Preferences'] = preferences
    if placement.get('max_replicas_per_node') is not None:
        out['MaxReplicas'] = int(placement['max_replicas_per_node'])
    return out


def _update_config(raw: dict[str, Any], where: str, *, rollback: bool = False) -> dict[str, Any]:
    """Swarm's defaults, except that a failed update rolls back unless the file says otherwise."""
    out: dict[str, Any] = {'Parallelism': int(raw.get('parallelism', 1)),
                           'FailureAction': str(raw.get('failure_action') or ('pause' if rollback else 'rollback')),
                           'Order': str(raw.get('order') or 'stop-first')}
    if out['FailureAction'] not in (('pause', 'continue') if rollback else ('pause', 'continue', 'rollback')):
        raise InvalidInput(f'{where}.failure_action: {out["FailureAction"][:20]!r} is not pause, continue or rollback')
    if out['Order'] not in ('stop-first', 'start-first'):
        raise InvalidInput(f'{where}.order: {out["Order"][:20]!r} is not stop-first or start-first')
    for name, out_name in (('delay', 'Delay'), ('monitor', 'Monitor')):
        if raw.get(name) is not None:
            out[out_name] = duration_ns(raw[name], f'{where}.{name}')
    out.setdefault('Monitor', 5_000_000_000)
    if raw.get('max_failure_ratio') is not None:
        out['MaxFailureRatio'] = float(raw['max_failure_ratio'])
    return out


def read_host_file(path: str) -> bytes:
    """A secret's or config's file, read after the host policy allowed its path (at most 500 KB, as Swarm)."""
    data = Path(path).read_bytes()
    if len(data) > 500 * 1024:
        raise InvalidInput(f'{path}: a secret or config is at most 500 KB')
    return data
