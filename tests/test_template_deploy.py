"""Every built-in template deploys for real, with stand-in images, and is removed cleanly.

No registry is reachable here, so each image a template names is tagged onto a stand-in built
FROM the busybox test image. The stand-in ignores the command it is given (it serves HTTP and
waits), and the programs the templates' health checks call (pg_isready, mysqladmin, curl …)
are stubs that succeed: the templates' dependency order, health waits, parameters, volumes and
networks are what is tested, on the real engine and through the real REST API.
"""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from devtools.apprun import free_port

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted(p.stem for p in (ROOT / 'templates').glob('*.yaml'))


def _deploy_and_remove(api, docker_client, template_id: str) -> dict:
    detail = api.get(f'/templates/{template_id}').json()
    params = {p['name']: free_port() for p in detail['parameters'] if p['type'] == 'port'}
    stack = f'tt-{template_id}'[:63].replace('.', '-')
    response = api.post('/templates/deploy', json={'template': template_id, 'stack': stack, 'params': params},
                        timeout=240)
    outcome = {'template': template_id, 'status': response.status_code, 'body': response.json()}
    try:
        if response.status_code != 200:
            return outcome
        services = detail['compose']['services']
        containers = docker_client.containers.list(all=True, filters={'label': f'com.docker.compose.project={stack}'})
        outcome['running'] = sorted(c.labels['com.docker.compose.service'] for c in containers if c.status == 'running')
        outcome['services'] = sorted(services)
        outcome['healthy'] = all(c.attrs['State'].get('Health', {}).get('Status', 'healthy') in ('healthy', 'starting')
                                 for c in containers)
        published = {int(b['HostPort']) for c in containers
                     for bindings in (c.attrs['NetworkSettings']['Ports'] or {}).values() for b in bindings or []}
        outcome['ports_ok'] = set(params.values()) <= published  # the ports asked for are the ones published
    finally:
        removal = api.post(f'/stacks/{stack}/action', json={'action': 'remove', 'volumes': True}, timeout=120)
        outcome['removed'] = removal.status_code
        label = f'com.docker.compose.project={stack}'
        outcome['leftovers'] = (len(docker_client.containers.list(all=True, filters={'label': label}))
                                + len(docker_client.networks.list(filters={'label': label}))
                                + len(docker_client.volumes.list(filters={'label': label})))
    return outcome


def test_every_builtin_template_deploys_and_is_removed_cleanly(app_server, docker_client, template_standin):
    assert len(TEMPLATES) == 22
    with app_server.client() as api, ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(lambda t: _deploy_and_remove(api, docker_client, t), TEMPLATES))
    failures = [o for o in outcomes if o['status'] != 200]
    assert not failures, json.dumps(failures, indent=1)[:3000]
    for outcome in outcomes:
        assert outcome['running'] == outcome['services'], outcome
        assert outcome['healthy'], outcome
        assert outcome.get('ports_ok', True), outcome
        assert outcome['removed'] == 200, outcome
        assert outcome['leftovers'] == 0, outcome
        assert outcome['body']['stack']['template'] == outcome['template']
