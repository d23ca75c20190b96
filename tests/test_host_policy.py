"""The host-access policy (issue 10): hostile documents through every way in, harmless ones deployed.

Every hostile case is sent through REST (a mapping and YAML text), through an imported template
(a Portainer feed whose stack templates carry the documents inline) and, where it can be said
that way, through a plan, a sentence, an LLM's plan, a built-in template and a rollback. Each
must be refused with a message naming what it asked and leave nothing on the engine.
"""
from __future__ import annotations

import dataclasses
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docker
import docker.errors
import httpx
import pytest
import yaml

from deployer.errors import Forbidden
from deployer.service import Deployer
from deployer.settings import Settings
from devtools.apprun import AppProcess, running_app
from tests.nlp.fake_llm import FakeLLM, content
from tests.nlp.test_nlp_api import exists

LABEL = 'com.docker.compose.project'
NOTHING = {'containers': [], 'networks': [], 'volumes': []}


@dataclass(frozen=True)
class Host:
    """Paths of this machine the cases name."""
    image: str
    root: Path                 # the configured bind root (DEPLOYER_BIND_ROOTS)
    data_dir: Path             # the app's data dir
    engine_root: str           # the engine's data root
    socket: str                # the engine's unix socket
    foreign: str               # a container of no stack of ours


@pytest.fixture(scope='module')
def bind_root() -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix='dd-bindroot-'))
    (root / 'media').mkdir()
    (root / 'link-to-etc').symlink_to('/etc')
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope='module')
def policy_app(docker_client, busybox_image, bind_root) -> Iterator[AppProcess]:
    with running_app(env={'DEPLOYER_BIND_ROOTS': str(bind_root)}, prefix='dd-policy-') as app:
        yield app


@pytest.fixture(scope='module')
def foreign_container(docker_client, busybox_image) -> Iterator[str]:
    name = f'ddtest-foreign-{secrets.token_hex(4)}'
    container = docker_client.containers.run(busybox_image, ['sleep', '600'], name=name, detach=True, init=True,
                                             labels={'dockerdeployer.test': '1'})
    yield name
    container.remove(force=True)


@pytest.fixture(scope='module')
def host(policy_app, docker_client, busybox_image, bind_root, foreign_container) -> Host:
    docker_host = os.environ.get('DOCKER_HOST', 'unix:///var/run/docker.sock')
    socket = docker_host.split('://', 1)[1] if docker_host.startswith('unix://') else '/var/run/docker.sock'
    return Host(image=busybox_image, root=bind_root, data_dir=policy_app.data_dir,
                engine_root=docker_client.info()['DockerRootDir'], socket=socket, foreign=foreign_container)


def service(h: Host, **keys: Any) -> dict[str, Any]:
    return {'services': {'app': {'image': h.image, 'command': ['sleep', '60'], 'init': True, **keys}}}


def with_top(h: Host, section: str, top: dict[str, Any], **keys: Any) -> dict[str, Any]:
    return {**service(h, **keys), section: top}


def bind_volume(device: str, **extra: str) -> dict[str, Any]:
    return {'v': {'driver_opts': {'type': 'none', 'o': 'bind', 'device': device, **extra}}}


Case = Callable[[Host], tuple[dict[str, Any], str]]

# name -> (document, what the refusal must say). At least 40, each spelling the issue lists and more.
HOSTILE: dict[str, Case] = {
    # bind mounts, both syntaxes, every spelling
    'etc': lambda h: (service(h, volumes=['/etc:/host']), 'reaches /etc'),
    'etc-long': lambda h: (service(h, volumes=[{'type': 'bind', 'source': '/etc', 'target': '/host'}]), 'reaches /etc'),
    'etc-read-only': lambda h: (service(h, volumes=['/etc:/host:ro']), 'reaches /etc'),
    'root-home': lambda h: (service(h, volumes=['/root:/host']), 'reaches /root'),
    'tilde': lambda h: (service(h, volumes=['~:/host']), 'reaches ~'),
    'tilde-ssh': lambda h: (service(h, volumes=['~/.ssh:/keys:ro']), 'reaches ~/.ssh'),
    'run': lambda h: (service(h, volumes=['/run:/host']), 'reaches /run'),
    'var-run': lambda h: (service(h, volumes=['/var/run:/host']), 'reaches /var/run'),
    'dotdot-etc': lambda h: (service(h, volumes=['../../../../../../../../etc:/host']), '(resolved: /etc)'),
    'dotdot-root': lambda h: (service(h, volumes=['./../../../../../../../..:/host']), "host's root"),
    'root': lambda h: (service(h, volumes=['/:/host']), "host's root"),
    'root-dot': lambda h: (service(h, volumes=['/.:/host']), "host's root"),
    'root-long-dotdot': lambda h: (service(h, volumes=[{'type': 'bind', 'source': '//etc/..', 'target': '/h'}]),
                                   "host's root"),
    'proc': lambda h: (service(h, volumes=['/proc:/host/proc']), 'reaches /proc'),
    'dev': lambda h: (service(h, volumes=['/dev:/dev']), 'reaches /dev'),
    'socket-default': lambda h: (service(h, volumes=['/var/run/docker.sock:/var/run/docker.sock']), 'engine socket'),
    'socket-real': lambda h: (service(h, volumes=[f'{h.socket}:/var/run/docker.sock']), 'engine socket'),
    'socket-folder': lambda h: (service(h, volumes=[f'{os.path.dirname(h.socket)}:/engine']), 'keeps its state'),
    'engine-data-root': lambda h: (service(h, volumes=[f'{h.engine_root}:/data']), 'keeps its state'),
    'engine-volumes': lambda h: (service(h, volumes=[f'{h.engine_root}/volumes:/v']), 'is inside'),
    'app-data-dir': lambda h: (service(h, volumes=[f'{h.data_dir}:/dd']), 'keeps its state'),
    'app-token': lambda h: (service(h, volumes=[f'{h.data_dir}/token:/token:ro']), 'is inside'),
    'app-code': lambda h: (service(h, volumes=[f'{Path(__file__).resolve().parent.parent}:/code']), 'is inside'),
    'other-stack-folder': lambda h: (service(h, volumes=[f'{h.data_dir}/projects/blog:/blog']), 'is inside'),
    'symlink-under-root': lambda h: (service(h, volumes=[f'{h.root}/link-to-etc:/host']), '(resolved: /etc)'),
    'dotdot-out-of-root': lambda h: (service(h, volumes=[f'{h.root}/media/../../../etc:/host']), '(resolved: /etc)'),
    'localtime-writable': lambda h: (service(h, volumes=['/etc/localtime:/etc/localtime']), 'read-only'),
    'localtime-dotdot': lambda h: (service(h, volumes=['/etc/localtime/../shadow:/s:ro']), 'reaches /etc/localtime/..'),
    # named volumes that bind or mount from the host
    'volume-bind-root': lambda h: (with_top(h, 'volumes', bind_volume('/'), volumes=['v:/host']), "host's root"),
    'volume-bind-etc': lambda h: (with_top(h, 'volumes', bind_volume('/etc'), volumes=['v:/host']), 'reaches /etc'),
    'volume-rbind-root-home': lambda h: (with_top(h, 'volumes', {'v': {'driver_opts': {
        'type': 'none', 'o': 'rbind,ro', 'device': '/root'}}}, volumes=['v:/host']), 'reaches /root'),
    'volume-bind-relative': lambda h: (with_top(h, 'volumes', bind_volume('../../..'), volumes=['v:/host']),
                                       'absolute device path'),
    'volume-block-device': lambda h: (with_top(h, 'volumes', {'v': {'driver_opts': {
        'type': 'ext4', 'device': '/dev/sda1'}}}, volumes=['v:/host']), 'mounts /dev/sda1 as ext4'),
    'volume-overlay': lambda h: (with_top(h, 'volumes', {'v': {'driver_opts': {
        'type': 'overlay', 'o': 'lowerdir=/etc,upperdir=/tmp/u,workdir=/tmp/w', 'device': 'overlay'}}},
        volumes=['v:/host']), 'as overlay'),
    'volume-driver': lambda h: (with_top(h, 'volumes', {'v': {'driver': 'vieux/sshfs'}}, volumes=['v:/host']),
                                'volume driver vieux/sshfs'),
    # host files read through other keys
    'secret-shadow': lambda h: (with_top(h, 'secrets', {'s': {'file': '/etc/shadow'}}, secrets=['s']),
                                'secrets.s.file: reaches /etc/shadow'),
    'config-passwd': lambda h: (with_top(h, 'configs', {'c': {'file': '/etc/passwd'}}, configs=['c']),
                                'configs.c.file: reaches /etc/passwd'),
    'secret-dotdot': lambda h: (with_top(h, 'secrets', {'s': {'file': '../../../../../../etc/shadow'}}, secrets=['s']),
                                'secrets.s.file: reaches /etc/shadow'),
    'env-file': lambda h: (service(h, env_file='/etc/shadow'), 'env_file: reaches /etc/shadow'),
    'env-file-long': lambda h: (service(h, env_file=[{'path': '/root/.bashrc', 'required': False}]),
                                'env_file: reaches /root/.bashrc'),
    'build-context': lambda h: ({'services': {'app': {'build': {'context': '/etc'}}}}, 'build.context: reaches /etc'),
    'build-dockerfile': lambda h: ({'services': {'app': {'build': {'context': '.', 'dockerfile': '/etc/shadow'}}}},
                                   'build.dockerfile: reaches /etc/shadow'),
    # privileges, namespaces, profiles
    'privileged': lambda h: (service(h, privileged=True), 'runs privileged'),
    'seccomp-unconfined': lambda h: (service(h, security_opt=['seccomp=unconfined']), 'seccomp=unconfined'),
    'seccomp-profile': lambda h: (service(h, security_opt=['seccomp:/tmp/allow-everything.json']),
                                  'seccomp:/tmp/allow-everything.json'),
    'label-disable': lambda h: (service(h, security_opt=['label:disable']), 'label:disable'),
    'apparmor-unconfined': lambda h: (service(h, security_opt=['apparmor=unconfined']), 'apparmor=unconfined'),
    'systempaths': lambda h: (service(h, security_opt=['systempaths=unconfined']), 'systempaths=unconfined'),
    'pid-host': lambda h: (service(h, pid='host'), 'pid: host'),
    'pid-foreign': lambda h: (service(h, pid=f'container:{h.foreign}'), f'joins {h.foreign}, a container of another'),
    'network-host': lambda h: (service(h, network_mode='host'), 'network_mode: host'),
    'network-foreign': lambda h: (service(h, network_mode=f'container:{h.foreign}'), f'joins {h.foreign}'),
    'ipc-host': lambda h: (service(h, ipc='host'), 'ipc: host'),
    'ipc-foreign': lambda h: (service(h, ipc=f'container:{h.foreign}'), f'joins {h.foreign}'),
    'uts-host': lambda h: (service(h, uts='host'), 'uts: host'),
    'userns-host': lambda h: (service(h, userns_mode='host'), 'userns_mode: host'),
    'cgroup-host': lambda h: (service(h, cgroup='host'), 'cgroup: host'),
    'volumes-from-foreign': lambda h: (service(h, volumes_from=[f'container:{h.foreign}']),
                                       f'reads the volumes of {h.foreign}'),
    'use-api-socket': lambda h: (service(h, use_api_socket=True), 'use_api_socket'),
    'runtime': lambda h: (service(h, runtime='nvidia'), 'runtime nvidia'),
    'gpus': lambda h: (service(h, gpus='all'), "host's GPUs"),
    'devices': lambda h: (service(h, devices=['/dev/sda:/dev/sda']), 'maps host devices'),
    'device-cgroup-rules': lambda h: (service(h, device_cgroup_rules=['a *:* rwm']), 'device_cgroup_rules'),
    'sysctl-host-wide': lambda h: (service(h, sysctls={'kernel.core_pattern': '|/tmp/x'}), 'kernel.core_pattern'),
    'sysctl-vm': lambda h: (service(h, sysctls=['vm.overcommit_memory=1']), 'vm.overcommit_memory'),
    'cap-sys-admin': lambda h: (service(h, cap_add=['SYS_ADMIN']), 'beyond the defaults (SYS_ADMIN)'),
    'cap-all': lambda h: (service(h, cap_add=['ALL']), 'beyond the defaults (ALL)'),
    'cap-lowercase-prefixed': lambda h: (service(h, cap_add=['cap_sys_ptrace']), 'beyond the defaults (SYS_PTRACE)'),
    'cgroup-parent': lambda h: (service(h, cgroup_parent='/system.slice'), 'cgroup_parent'),
    'logging-syslog': lambda h: (service(h, logging={'driver': 'syslog', 'options': {
        'syslog-address': 'unix:///dev/log'}}), 'logs through syslog'),
}


def names_on_engine(client: docker.DockerClient, stack: str) -> dict[str, list[str]]:
    """What the engine holds for the stack: containers, networks and volumes with its label."""
    label = {'label': f'{LABEL}={stack}'}
    return {'containers': [c.name for c in client.containers.list(all=True, sparse=True, filters=label)],
            'networks': [n.name for n in client.networks.list(filters=label)],
            'volumes': [v.name for v in client.volumes.list(filters=label)]}


def refusal(response: httpx.Response) -> str:
    assert response.status_code == 403, response.text[:600]
    error = response.json()['error']
    assert error['code'] == 'forbidden', error
    assert error['message'].startswith('refused by policy: '), error['message']
    return error['message']


# ---- REST: a mapping and the same as YAML ---------------------------------------------------------

def test_the_table_is_large_enough():
    assert len(HOSTILE) >= 40


@pytest.mark.parametrize('case', list(HOSTILE))
def test_hostile_document_is_refused_over_rest(policy_app, host, docker_client, case):
    document, asks = HOSTILE[case](host)
    stack = f'hostile-{secrets.token_hex(4)}'
    with policy_app.client() as api:
        as_mapping = refusal(api.post('/deploy', json={'stack': stack, 'compose': document, 'pull': 'never'}))
        as_text = refusal(api.post('/deploy', json={'stack': stack, 'compose': yaml.safe_dump(document),
                                                    'pull': 'never'}))
        assert api.get(f'/stacks/{stack}').status_code == 404
    for message in (as_mapping, as_text):
        assert asks in message, message
        assert 'To allow it' in message and ('DEPLOYER_ALLOW_PRIVILEGED' in message)
    assert names_on_engine(docker_client, stack) == NOTHING
    assert not (policy_app.data_dir / 'projects' / stack).exists()


# ---- imported templates: a Portainer feed carrying every document --------------------------------

@pytest.fixture(scope='module')
def imported(policy_app, host) -> dict[str, str]:
    """case -> template id, imported from one feed of stack templates with inline compose files."""
    entries = [{'type': 3, 'title': f'Hostile {case}', 'description': case, 'compose': HOSTILE[case](host)[0]}
               for case in HOSTILE]
    entries.append({'type': 1, 'title': 'Hostile container', 'image': host.image, 'privileged': True,
                    'network': 'host', 'volumes': [{'container': '/host', 'bind': '/etc'}]})
    with policy_app.client() as api:
        response = api.post('/templates/import', json={'content': json.dumps({'version': '2', 'templates': entries}),
                                                       'name': 'hostile feed'})
        assert response.status_code == 200, response.text[:500]
        listed = api.get('/templates', params={'q': 'hostile'}).json()
    rows = listed if isinstance(listed, list) else listed.get('templates', [])
    by_title = {t['title']: t['id'] for t in rows}
    return {case: by_title[f'Hostile {case}'] for case in HOSTILE} | {'container': by_title['Hostile container']}


@pytest.mark.parametrize('case', list(HOSTILE))
def test_hostile_document_is_refused_as_an_imported_template(policy_app, host, imported, docker_client, case):
    _, asks = HOSTILE[case](host)
    stack = f'hostile-{secrets.token_hex(4)}'
    with policy_app.client() as api:
        message = refusal(api.post('/templates/deploy', json={'template': imported[case], 'stack': stack}))
    assert asks in message, message
    assert names_on_engine(docker_client, stack) == NOTHING


def test_a_portainer_container_template_with_host_access_is_refused(policy_app, imported, docker_client):
    stack = f'hostile-{secrets.token_hex(4)}'
    with policy_app.client() as api:
        message = refusal(api.post('/templates/deploy', json={'template': imported['container'], 'stack': stack}))
    assert 'runs privileged' in message and 'network_mode: host' in message and 'reaches /etc' in message, message
    assert names_on_engine(docker_client, stack) == NOTHING


# ---- built-in templates (a templates folder as shipped with the app) --------------------------------

def test_hostile_builtin_templates_are_refused(host, docker_client, tmp_path):
    builtin = tmp_path / 'templates'
    builtin.mkdir()
    cases = ['volume-bind-root', 'secret-shadow', 'tilde', 'cap-sys-admin', 'ipc-host']
    for case in cases:
        template = {'id': case, 'title': case, 'description': 'hostile', 'category': 'Other', 'tags': ['x'],
                    'compose': HOSTILE[case](host)[0]}
        (builtin / f'{case}.yaml').write_text(yaml.safe_dump(template))
    data = tmp_path / 'data'
    settings = Settings.from_env({'DEPLOYER_DATA_DIR': str(data), 'DEPLOYER_NO_STATS': '1',
                                  **({'DOCKER_HOST': os.environ['DOCKER_HOST']} if 'DOCKER_HOST' in os.environ else {})})
    d = Deployer(dataclasses.replace(settings, templates_dir=builtin))
    try:
        for case in cases:
            stack = f'hostile-{secrets.token_hex(4)}'
            assert d.get_template(case).available, d.get_template(case)
            with pytest.raises(Forbidden) as refused:
                d.deploy_template(case, stack=stack)
            assert HOSTILE[case](host)[1] in refused.value.message, refused.value.message
            assert names_on_engine(docker_client, stack) == NOTHING
    finally:
        d.close()


# ---- plans: POST /deploy with a plan, sentences, an LLM's plan --------------------------------------

PLAN_SOURCES = ['/etc', '/root', '~', '~/.ssh', '/run', '/var/run/docker.sock', '../../../../../../etc', '/.',
                '/etc/..', '//', '/proc', 'SOCKET_FOLDER', 'ENGINE_ROOT', 'DATA_DIR', 'ROOT/link-to-etc']


def _source(h: Host, source: str) -> str:
    return {'SOCKET_FOLDER': os.path.dirname(h.socket), 'ENGINE_ROOT': h.engine_root, 'DATA_DIR': str(h.data_dir),
            }.get(source, source.replace('ROOT', str(h.root)))


@pytest.mark.parametrize('source', PLAN_SOURCES)
def test_a_plan_binding_the_host_is_refused(policy_app, host, docker_client, source):
    name = f'hostile-run-{secrets.token_hex(4)}'
    plan = {'command': f'run {name}', 'actions': [{'type': 'run', 'image': host.image, 'name': name,
                                                   'command': ['true'], 'volumes': [
                                                       {'source': _source(host, source), 'target': '/host'}]}]}
    with policy_app.client(timeout=60) as api:
        checked = api.post('/deploy', json={'plan': plan})
        assert checked.status_code == 409, checked.text
        warnings = checked.json()['plan']['warnings']
        assert any(w.startswith('Refused by policy: service main, volumes: ') for w in warnings), warnings
        message = refusal(api.post('/deploy', json={'plan': plan, 'confirm': True}))
    assert 'volumes: ' in message
    assert not exists(docker_client, name)


@pytest.mark.parametrize(('sentence', 'asks'), [
    ('run nginx with /etc mounted', 'reaches /etc'),
    ('run busybox with /root mounted at /host read-only', 'reaches /root'),
    ('run busybox -v ~/.ssh:/keys', 'reaches ~/.ssh'),
    ('run busybox with /var/run/docker.sock mounted', 'engine socket'),
    ('run busybox with ../../../../../../etc mounted at /x', '(resolved: /etc)'),
    ('run busybox privileged', 'runs privileged'),
    ('run busybox on the host network', 'network_mode: host'),
    ('mount the entire filesystem into a busybox container', "host's root"),
])
def test_a_sentence_asking_for_the_host_is_refused(policy_app, docker_client, sentence, asks):
    name = f'hostile-nl-{secrets.token_hex(4)}'
    command = f'{sentence} named {name}'
    with policy_app.client(timeout=60) as api:
        plan = api.post('/nlp/parse', json={'command': command}).json()
        assert plan['actions'] and plan['actions'][0]['type'] == 'run', plan
        assert any(w.startswith('Refused by policy') and asks in w for w in plan['warnings']), plan['warnings']
        message = api.post('/nlp/run', json={'command': command, 'confirm': True})
        assert message.status_code == 403, message.text
        assert asks in message.json()['error']['message']
    assert not exists(docker_client, name)


def test_an_llm_plan_asking_for_the_host_is_refused(host, docker_client):
    name = f'hostile-llm-{secrets.token_hex(4)}'
    proposal = {'summary': 'run it', 'actions': [{'type': 'run', 'image': 'busybox', 'name': name,
                                                  'volumes': [{'source': '/etc', 'target': '/host'}],
                                                  'pid': 'host'}], 'questions': [], 'warnings': []}
    with FakeLLM() as llm, running_app(env={'DEPLOYER_NLP_MODE': 'llm', 'DEPLOYER_LLM_MODEL': 'openai/fake',
                                            'DEPLOYER_LLM_API_BASE': llm.base_url, 'DEPLOYER_LLM_API_KEY': 'sk-test'},
                                       prefix='dd-policy-llm-') as app, app.client(timeout=60) as api:
        llm.push(content(proposal), content(proposal))
        plan = api.post('/nlp/parse', json={'command': 'give busybox the host'}).json()
        assert plan['engine'] == 'llm', plan
        assert any('reaches /etc' in w for w in plan['warnings']) and any('pid: host' in w for w in plan['warnings'])
        response = api.post('/nlp/run', json={'command': 'give busybox the host', 'confirm': True})
        message = refusal(response)
        assert 'reaches /etc' in message and 'pid: host' in message
    assert not exists(docker_client, name)


def test_an_existing_volume_that_binds_the_host_is_refused(policy_app, host, docker_client):
    """An external volume made elsewhere with bind options: the policy reads its options from the engine."""
    volume = docker_client.volumes.create(f'hostile-ext-{secrets.token_hex(4)}', driver='local',
                                          driver_opts={'type': 'none', 'o': 'bind', 'device': '/etc'})
    stack = f'hostile-{secrets.token_hex(4)}'
    try:
        document = with_top(host, 'volumes', {'v': {'external': True, 'name': volume.name}}, volumes=['v:/host'])
        with policy_app.client() as api:
            message = refusal(api.post('/deploy', json={'stack': stack, 'compose': document}))
        assert f'the existing volume {volume.name}' in message and 'reaches /etc' in message, message
        assert names_on_engine(docker_client, stack) == NOTHING
    finally:
        volume.remove(force=True)


# ---- harmless documents deploy ------------------------------------------------------------------------

HARMLESS: dict[str, Callable[[Host], dict[str, Any]]] = {
    'relative-data': lambda h: service(h, volumes=['./data:/data', './conf/app.conf:/etc/app.conf:ro']),
    'named-volumes': lambda h: with_top(h, 'volumes', {'db': {}, 'cache': {'driver': 'local'}},
                                        volumes=['db:/var/lib/db', {'type': 'volume', 'source': 'cache',
                                                                    'target': '/cache'}]),
    'localtime': lambda h: service(h, volumes=['/etc/localtime:/etc/localtime:ro']),
    'cap-drop-all-add-defaults': lambda h: service(h, cap_drop=['ALL'], cap_add=['CHOWN', 'SETUID', 'SETGID',
                                                                                 'cap_dac_override']),
    'under-a-bind-root': lambda h: service(h, volumes=[f'{h.root}/media:/media:ro', f'{h.root}/new-folder:/new']),
    'bind-volume-under-root': lambda h: with_top(h, 'volumes', bind_volume(f'{h.root}/media'), volumes=['v:/media']),
    'tmpfs-volume': lambda h: with_top(h, 'volumes', {'v': {'driver_opts': {'type': 'tmpfs', 'device': 'tmpfs',
                                                                            'o': 'size=1m'}}}, volumes=['v:/t']),
    'namespaced-sysctls-and-no-new-privileges': lambda h: service(
        h, sysctls={'net.core.somaxconn': '1024', 'net.ipv4.tcp_syncookies': '0'},
        security_opt=['no-new-privileges:true']),
    'same-stack-namespaces': lambda h: {'services': {
        'db': {'image': h.image, 'command': ['sleep', '60'], 'init': True, 'ipc': 'shareable',
               'volumes': ['/data']},
        'side': {'image': h.image, 'command': ['sleep', '60'], 'init': True, 'network_mode': 'service:db',
                 'ipc': 'service:db', 'volumes_from': ['db:ro']}}},
    'secret-in-stack-folder': lambda h: with_top(h, 'secrets', {'s': {'file': './secret.txt'}}, secrets=['s']),
}


@pytest.mark.parametrize('case', list(HARMLESS))
def test_harmless_document_deploys(policy_app, host, docker_client, case):
    stack = f'harmless-{secrets.token_hex(4)}'
    folder = policy_app.data_dir / 'projects' / stack
    folder.mkdir(parents=True)
    (folder / 'secret.txt').write_text('s3cret\n')
    (folder / 'conf').mkdir()
    (folder / 'conf' / 'app.conf').write_text('level=info\n')
    try:
        with policy_app.client(timeout=120) as api:
            response = api.post('/deploy', json={'stack': stack, 'compose': HARMLESS[case](host)})
            assert response.status_code == 200, response.text[:800]
            detail = api.get(f'/stacks/{stack}').json()
            assert detail['state'] == 'running', detail
            assert detail['refused'] is None
        containers = docker_client.containers.list(all=True, filters={'label': f'{LABEL}={stack}'})
        assert containers and {c.status for c in containers} == {'running'}
    finally:
        with policy_app.client(timeout=120) as api:
            api.post(f'/stacks/{stack}/action', json={'action': 'remove', 'volumes': True})
    assert names_on_engine(docker_client, stack) == NOTHING


# ---- privileged mode is the operator's ------------------------------------------------------------------

def test_settings_cannot_turn_on_what_the_operator_did_not_allow(policy_app):
    with policy_app.client() as api:
        response = api.put('/settings', json={'allow_privileged': True})
        assert response.status_code == 403, response.text
        assert 'DEPLOYER_ALLOW_PRIVILEGED=1' in response.json()['error']['message']
        settings = api.get('/settings').json()
    assert settings['allow_privileged'] is False and settings['privileged_permitted'] is False


def test_a_stack_the_policy_now_refuses_is_shown_and_cannot_be_redeployed(docker_client, busybox_image):
    stack = f'priv-{secrets.token_hex(4)}'
    document = {'services': {'app': {'image': busybox_image, 'command': ['sleep', '600'], 'init': True,
                                     'cap_add': ['NET_ADMIN']}}}
    with running_app(env={'DEPLOYER_ALLOW_PRIVILEGED': '1'}, prefix='dd-priv-') as app, \
            app.client(timeout=120) as api:
        try:
            assert api.get('/settings').json()['allow_privileged'] is True
            first = api.post('/deploy', json={'stack': stack, 'compose': document})
            assert first.status_code == 200, first.text
            assert api.put('/settings', json={'allow_privileged': False}).status_code == 200
            detail = api.get(f'/stacks/{stack}').json()
            assert detail['state'] == 'running'  # left running as it is
            assert 'cap_add: adds capabilities beyond the defaults (NET_ADMIN)' in detail['refused'], detail
            redeploy = refusal(api.post(f'/stacks/{stack}/action', json={'action': 'redeploy'}))
            assert 'NET_ADMIN' in redeploy
            changed = {'services': {'app': {**document['services']['app'], 'command': ['sleep', '601']}}}
            changed['services']['app'].pop('cap_add')
            assert api.post('/deploy', json={'stack': stack, 'compose': changed}).status_code == 200
            rollback = refusal(api.post(f'/stacks/{stack}/rollback', json={}))
            assert 'NET_ADMIN' in rollback
            assert api.get(f'/stacks/{stack}').json()['refused'] is None   # the current revision is allowed
            assert api.put('/settings', json={'allow_privileged': True}).status_code == 200
            assert api.post(f'/stacks/{stack}/rollback', json={}).status_code == 200
        finally:
            api.put('/settings', json={'allow_privileged': True})
            api.post(f'/stacks/{stack}/action', json={'action': 'remove', 'volumes': True})
    assert names_on_engine(docker_client, stack) == NOTHING
