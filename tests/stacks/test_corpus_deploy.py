"""The real-world corpus (../shared/corpus/awesome-compose, 39 files) deployed for real.

Every file validates. Every file that needs no build context and no special runtime is
deployed, one at a time, with stand-in images: each image it names is tagged onto a local
busybox-based image whose entrypoint serves HTTP on 80 and 8080 and ignores whatever command
the file gives. Each must come up, converge on a second deploy with zero recreations, carry
the Compose labels and be removed without leftovers. Files that ask for special runtime
(host network, the Docker socket, added capabilities) must be refused by policy, creating
nothing. Files with a `build:` are skipped: the corpus ships no build contexts.
"""
from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from deployer.compose import load_project
from deployer.errors import Forbidden, NotFound
from deployer.service import Deployer

from .conftest import NOTHING, leftovers, make_settings, project_containers

CORPUS = Path(__file__).resolve().parents[3] / 'shared' / 'corpus' / 'awesome-compose'
FILES = sorted(p for p in CORPUS.iterdir() if (p / 'compose.yaml').is_file()) if CORPUS.is_dir() else []

# Pinned outcomes: a change in the corpus or in the deployer shows up as a failing count.
EXPECTED_COUNTS = {'validated': 39, 'deployed': 8, 'refused by policy': 4, 'skipped': 27}
# file -> what the policy error must name
EXPECTED_REFUSED = {
    'pihole-cloudflared-DoH': 'service pihole, cap_add: adds capabilities beyond the defaults (NET_ADMIN)',
    'plex': "service plex, network_mode: uses the host's network namespace",
    'portainer': 'service portainer, volumes: mounts /var/run/docker.sock',
    'wireguard': 'service wireguard, cap_add: adds capabilities beyond the defaults (NET_ADMIN, SYS_MODULE)',
}
# (file, service) -> why the stand-in cannot pass the service's own health check
HEALTH_UNSATISFIABLE = {
    ('elasticsearch-logstash-kibana', 'elasticsearch'): 'its check runs curl, which the busybox stand-in lacks '
                                                        '(and nothing listens on 9200)',
}
# services that set `entrypoint:` would override the stand-in's; none of the deployable files does
EXPECTED_ENTRYPOINT_SKIPS: list[str] = []


def slug(folder: Path) -> str:
    return re.sub(r'[^a-z0-9_-]', '-', folder.name.lower())


def raw(folder: Path) -> dict:
    return yaml.safe_load((folder / 'compose.yaml').read_text())


def needs_build(folder: Path) -> bool:
    return any('build' in (s or {}) for s in raw(folder)['services'].values())


def special_runtime(folder: Path) -> list[str]:
    """What a file asks of the host, read from the YAML itself (not from deployer.policy)."""
    found = []
    for name, service in raw(folder)['services'].items():
        service = service or {}
        if service.get('privileged'):
            found.append(f'{name}: privileged')
        if service.get('network_mode') == 'host':
            found.append(f'{name}: host network')
        if service.get('cap_add'):
            found.append(f'{name}: cap_add')
        if any('docker.sock' in str(v) for v in service.get('volumes') or []):
            found.append(f'{name}: docker socket')
    return found


def sets_entrypoint(folder: Path) -> list[str]:
    return [name for name, s in raw(folder)['services'].items() if 'entrypoint' in (s or {})]


BUILD = [f for f in FILES if needs_build(f)]
SPECIAL = [f for f in FILES if f not in BUILD and special_runtime(f)]
ENTRYPOINT = [f for f in FILES if f not in BUILD and f not in SPECIAL and sets_entrypoint(f)]
DEPLOYABLE = [f for f in FILES if f not in BUILD and f not in SPECIAL and f not in ENTRYPOINT]


def test_corpus_counts(capsys):
    validated = []
    for folder in FILES:
        load_project((folder / 'compose.yaml').read_text(), name=slug(folder), working_dir=folder)
        validated.append(folder.name)
    counts = {'validated': len(validated), 'deployed': len(DEPLOYABLE), 'refused by policy': len(SPECIAL),
              'skipped': len(BUILD) + len(ENTRYPOINT)}
    with capsys.disabled():
        print(f'\nawesome-compose corpus: {len(FILES)} files: ' + ', '.join(f'{v} {k}' for k, v in counts.items())
              + f' ({len(BUILD)} need a build context, {len(ENTRYPOINT)} set an entrypoint)')
        print('  deployed: ' + ', '.join(f.name for f in DEPLOYABLE))
        print('  refused by policy: ' + ', '.join(f.name for f in SPECIAL))
        print('  health checks the stand-in cannot pass: ' + ', '.join(f'{f}/{s}' for f, s in HEALTH_UNSATISFIABLE))
    assert counts == EXPECTED_COUNTS
    assert sorted(f.name for f in SPECIAL) == sorted(EXPECTED_REFUSED)
    assert [f.name for f in ENTRYPOINT] == EXPECTED_ENTRYPOINT_SKIPS


def copy_into_project_dir(deployer, name: str, folder: Path) -> None:
    """Put the file's folder (its .env and relative paths) where the stack's project dir is."""
    shutil.copytree(folder, deployer.settings.data_dir / 'projects' / name, dirs_exist_ok=True)


@pytest.fixture
def home_deployer(monkeypatch, tmp_path) -> Iterator[Deployer]:
    """minecraft binds ~/minecraft_data: a home of its own, out of the real one, which the operator
    names as a bind root (DEPLOYER_BIND_ROOTS) as a self-hoster keeping data in their home would."""
    monkeypatch.setenv('HOME', str(tmp_path))
    data_dir = Path(tempfile.mkdtemp(prefix='dd-stacks-'))
    deployer = Deployer(make_settings(data_dir, DEPLOYER_HEALTH_TIMEOUT='60', DEPLOYER_BIND_ROOTS=str(tmp_path)))
    yield deployer
    deployer.close()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.mark.parametrize('folder', DEPLOYABLE, ids=[f.name for f in DEPLOYABLE])
def test_corpus_file_deploys_converges_and_is_removed(folder: Path, home_deployer, new_stack, docker_client,
                                                      stand_in, standin_image):
    deployer_service = home_deployer
    document = raw(folder)
    for service in document['services'].values():
        stand_in(service['image'], standin_image)
    fixed_names = [s['container_name'] for s in document['services'].values() if s.get('container_name')]
    taken = [n for n in fixed_names if docker_client.containers.list(all=True, sparse=True, filters={'name': f'^/{n}$'})]
    if taken:
        pytest.fail(f'{folder.name}: containers named {taken} already exist on this engine (not ours)', pytrace=False)

    name = new_stack(slug(folder)[:40])
    copy_into_project_dir(deployer_service, name, folder)
    text = (folder / 'compose.yaml').read_text()
    detail, first = deployer_service.deploy_stack(name, text)
    services = set(document['services'])
    assert detail.state == 'running'
    assert {s.name for s in detail.service_list} == services
    containers = project_containers(docker_client, name)
    assert len(containers) == len(services) and len(first.created) == len(services)
    assert {c.status for c in containers} == {'running'}

    for container in containers:
        labels = container.labels
        service = labels['com.docker.compose.service']
        assert labels['com.docker.compose.project'] == name
        assert service in services
        assert labels['com.docker.compose.container-number'] == '1'
        assert re.fullmatch(r'[0-9a-f]{64}', labels['com.docker.compose.config-hash'])
        assert labels['com.docker.compose.oneoff'] == 'False'
        expected_name = document['services'][service].get('container_name') or f'{name}-{service}-1'
        assert container.name == expected_name
        check = document['services'][service].get('healthcheck')
        if check:
            health = container.attrs['State']['Health']
            assert container.attrs['Config']['Healthcheck']['Test'] == check['test']
            if (folder.name, service) in HEALTH_UNSATISFIABLE:
                assert health['Status'] != 'healthy'
            else:  # pragma: no cover - no such service in the corpus today
                pytest.fail(f'{folder.name}/{service}: add the wait for a health check the stand-in can pass')
    for network in docker_client.networks.list(filters={'label': f'com.docker.compose.project={name}'}):
        assert network.name.startswith(f'{name}_')
    declared_volumes = {k for s in document['services'].values() for v in s.get('volumes') or []
                        for k in [str(v).split(':')[0]] if k in (document.get('volumes') or {})}
    volumes = {v.name for v in docker_client.volumes.list(filters={'label': f'com.docker.compose.project={name}'})}
    assert volumes == {f'{name}_{k}' for k in declared_volumes}

    # what runs is the stand-in, whatever command the file gives
    for container in containers:
        deadline = time.monotonic() + 5
        while b'standin up' not in container.logs() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert b'standin up' in container.logs(), container.name
    # variables come from the file's .env, as docker compose would read them
    if (folder / '.env').is_file():
        dot_env = dict(line.split('=', 1) for line in (folder / '.env').read_text().splitlines()
                       if '=' in line and not line.startswith('#'))
        seen = {e for c in containers for e in c.attrs['Config']['Env']}
        used = [f'{k}={v.split(" #")[0].strip()}' for k, v in dot_env.items() if v.strip()]
        assert any(e.split('=', 1)[1] in {u.split('=', 1)[1] for u in used} for e in seen), seen
    for container in containers:
        limits = ((document['services'][container.labels['com.docker.compose.service']].get('deploy') or {})
                  .get('resources') or {}).get('limits') or {}
        if 'memory' in limits:
            assert container.attrs['HostConfig']['Memory'] > 0

    # the stand-in answers HTTP on published ports that lead to its port 80 or 8080
    for container in containers:
        for target, bindings in (container.ports or {}).items():
            if target in ('80/tcp', '8080/tcp') and bindings:
                response = httpx.get(f'http://127.0.0.1:{bindings[0]["HostPort"]}/', timeout=5)
                assert response.status_code in (200, 403, 404), f'{container.name} {target}: {response.status_code}'

    _, second = deployer_service.deploy_stack(name, text)
    assert not second.created and not second.recreated and not second.started and not second.removed
    assert sorted(second.unchanged) == sorted(first.created)

    deployer_service.stack_action(name, 'remove', volumes=True)
    assert leftovers(docker_client, name) == NOTHING
    with pytest.raises(NotFound):
        deployer_service.get_stack(name)


@pytest.mark.parametrize('folder', SPECIAL, ids=[f.name for f in SPECIAL])
def test_corpus_file_with_special_runtime_is_refused_by_policy(folder: Path, deployer_service, new_stack,
                                                               docker_client):
    name = new_stack(slug(folder)[:40])
    copy_into_project_dir(deployer_service, name, folder)
    with pytest.raises(Forbidden) as info:
        deployer_service.deploy_stack(name, (folder / 'compose.yaml').read_text())
    assert info.value.message.startswith('refused by policy: ')
    assert EXPECTED_REFUSED[folder.name] in info.value.message
    assert leftovers(docker_client, name) == NOTHING
    with pytest.raises(NotFound):
        deployer_service.get_stack(name)
