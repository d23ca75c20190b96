"""The compose loader on its own: YAML in, a normalized Project (or an error naming the path) out.

No engine is needed: these are plain unit tests of deployer.compose.load_project.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from deployer.compose import load_project
from deployer.compose.loader import dependency_levels
from deployer.compose.model import Dependency, MountSpec, PortSpec
from deployer.errors import InvalidInput

CORPUS = Path(__file__).resolve().parents[3] / 'shared' / 'corpus' / 'awesome-compose'
CORPUS_DIRS = sorted(p for p in CORPUS.iterdir() if (p / 'compose.yaml').is_file()) if CORPUS.is_dir() else []


def project_name(folder: Path) -> str:
    return re.sub(r'[^a-z0-9_-]', '-', folder.name.lower())


def load(text: str, **kw):
    kw.setdefault('name', 'demo')
    return load_project(text, **kw)


def refused(text: str, **kw) -> str:
    with pytest.raises(InvalidInput) as info:
        load(text, **kw)
    return info.value.message


def by_path(cases: list[tuple[str, str]]) -> list:
    """(document, path) cases, each named by its path."""
    return [pytest.param(document, path, id=path) for document, path in cases]


def web(extra: str = '', top: str = '') -> str:
    """A one-service document; ``extra`` is indented under services.web."""
    lines = ''.join(f'    {line}\n' for line in extra.strip('\n').splitlines()) if extra else ''
    return f'services:\n  web:\n    image: busybox\n{lines}{top}'


# ---- the corpus ------------------------------------------------------------------------------

def test_the_corpus_has_39_files():
    assert len(CORPUS_DIRS) == 39, f'expected the 39 awesome-compose files in {CORPUS}'


@pytest.mark.parametrize('folder', CORPUS_DIRS, ids=[p.name for p in CORPUS_DIRS])
def test_every_corpus_file_validates(folder: Path):
    project = load_project((folder / 'compose.yaml').read_text(), name=project_name(folder), working_dir=folder)
    assert project.services, folder.name
    for service in project.services.values():
        assert service.image, f'{folder.name}: service {service.name} has no image'
    # the start order covers every service exactly once
    levels = dependency_levels(project.services)
    assert sorted(s for level in levels for s in level) == sorted(project.services)


# ---- unsupported keys and schema errors -----------------------------------------------------------

@pytest.mark.parametrize(('document', 'path'), by_path([
    (web('credential_spec:\n  file: spec.json'), 'services.web.credential_spec'),
    (web('post_start:\n  - command: ["touch", "/x"]'), 'services.web.post_start'),
    (web('provider:\n  type: model'), 'services.web.provider'),
    (web('build:\n  context: .\n  ssh: [default]'), 'services.web.build.ssh'),
]))
def test_unsupported_keys_are_refused_by_their_path(document: str, path: str):
    message = refused(document, working_dir='/')
    assert message.startswith(f'{path}:'), message
    assert 'not supported' in message


def test_x_extension_keys_are_allowed():
    project = load(web('x-note: anything'))
    assert project.services['web'].image == 'busybox'


@pytest.mark.parametrize(('document', 'path'), by_path([
    (web('ports: {}'), 'services.web.ports'),
    (web('restart: [always]'), 'services.web.restart'),
    (web('environment: 5'), 'services.web.environment'),
    ('services:\n  web:\n    image: busybox\n    flavour: vanilla\n', 'services.web'),
    (web('', top='networks:\n  front:\n    colour: red\n'), 'networks.front'),
    ('services: [web]\n', 'services'),
]))
def test_schema_errors_name_their_path(document: str, path: str):
    message = refused(document)
    assert message.startswith(f'{path}:'), message


@pytest.mark.parametrize(('document', 'path'), by_path([
    (web('healthcheck:\n  test: ["CMD", "true"]\n  retries: many'), 'services.web.healthcheck.retries'),
    (web('scale: lots'), 'services.web.scale'),
    (web('deploy:\n  replicas: two'), 'services.web.deploy.replicas'),
    (web('ports:\n  - target: http'), 'services.web.ports'),
    (web('deploy:\n  resources:\n    limits:\n      cpus: half'), 'services.web.deploy.resources.limits.cpus'),
]))
def test_non_numeric_strings_where_numbers_belong_are_input_errors(document: str, path: str):
    """The schema lets strings through (for interpolation); the loader must still refuse them
    as bad input naming the path, not crash with a ValueError (a 500 through the API)."""
    try:
        message = refused(document)
    except ValueError as exc:  # pragma: no cover - the bug this test pins
        pytest.fail(f'load_project raised ValueError instead of InvalidInput: {exc}', pytrace=False)
    assert path.rsplit('.', 1)[0] in message, message


def test_invalid_yaml_names_the_line():
    message = refused('services:\n  web:\n    image: [busybox\n')
    assert 'not valid YAML' in message and 'line' in message


def test_not_a_mapping_is_refused():
    assert 'mapping' in refused('- just\n- a list\n')


def test_empty_services_are_refused():
    assert refused('services: {}\n').startswith('services')


def test_a_service_needs_an_image_or_a_build():
    assert refused('services:\n  web:\n    command: ["true"]\n').startswith('services.web')


@pytest.mark.parametrize('name', ['Upper', '-lead', 'has space', 'x' * 64, ''])
def test_bad_project_names_are_refused(name: str):
    assert 'stack name' in refused(web(), name=name)


# ---- interpolation --------------------------------------------------------------------------------

def env_of(value: str, env: dict[str, str] | None = None, **kw) -> str:
    project = load(web(f'environment:\n  V: "{value}"'), env=env, **kw)
    return project.services['web'].environment['V']


@pytest.mark.parametrize(('value', 'env', 'expected'), [
    ('${A}', {'A': 'set'}, 'set'),
    ('${A}', {}, ''),
    ('$A/x', {'A': 'bare'}, 'bare/x'),
    ('${A:-d}', {}, 'd'),
    ('${A:-d}', {'A': ''}, 'd'),
    ('${A:-d}', {'A': 'v'}, 'v'),
    ('${A-d}', {}, 'd'),
    ('${A-d}', {'A': ''}, ''),
    ('${A-d}', {'A': 'v'}, 'v'),
    ('${A:+x}', {'A': 'v'}, 'x'),
    ('${A:+x}', {'A': ''}, ''),
    ('${A:+x}', {}, ''),
    ('${A+x}', {'A': ''}, 'x'),
    ('${A:-${B}}', {'B': 'nested'}, 'nested'),
    ('cost: $$5 and $${A}', {'A': 'no'}, 'cost: $5 and ${A}'),
    ('${A:?must be set}', {'A': 'ok'}, 'ok'),
])
def test_interpolation(value: str, env: dict[str, str], expected: str):
    assert env_of(value, env) == expected


@pytest.mark.parametrize(('value', 'env'), [('${A:?must be set}', {}), ('${A:?must be set}', {'A': ''}),
                                            ('${A?must be set}', {})])
def test_required_variable_error_names_it(value: str, env: dict[str, str]):
    message = refused(web(f'environment:\n  V: "{value}"'), env=env)
    assert 'A' in re.findall(r'\b[A-Z]\b', message), message
    assert 'must be set' in message
    assert message.startswith('services.web.environment.V'), message


def test_interpolation_reaches_image_and_ports():
    project = load('services:\n  web:\n    image: "nginx:${TAG:-1.27}"\n    ports: ["${PORT}:80"]\n',
                   env={'PORT': '8088'})
    assert project.services['web'].image == 'nginx:1.27'
    assert project.services['web'].ports == [PortSpec(target=80, published='8088')]


def test_invalid_interpolation_is_refused_with_the_path():
    message = refused(web('environment:\n  V: "${A"'))
    assert message.startswith('services.web.environment.V') and 'interpolation' in message


def test_dot_env_in_the_working_dir_is_read(tmp_path: Path):
    (tmp_path / '.env').write_text('# a comment\nA=from-dot-env\nexport B="quoted value"\nC=plain # trailing\n'
                                   "D='single'\n")
    project = load(web('environment:\n  A: ${A}\n  B: ${B}\n  C: ${C}\n  D: ${D}'), working_dir=tmp_path)
    assert project.services['web'].environment == {'A': 'from-dot-env', 'B': 'quoted value', 'C': 'plain',
                                                   'D': 'single'}
    # variables given by the caller win over .env
    assert env_of('${A}', {'A': 'caller'}, working_dir=tmp_path) == 'caller'


def test_env_file_and_pass_through_environment(tmp_path: Path):
    (tmp_path / 'web.env').write_text('FROM_FILE=1\nOVERRIDDEN=file\n')
    project = load(web('env_file: web.env\nenvironment:\n  - OVERRIDDEN=inline\n  - PASSED\n  - UNSET'),
                   env={'PASSED': 'through'}, working_dir=tmp_path)
    assert project.services['web'].environment == {'FROM_FILE': '1', 'OVERRIDDEN': 'inline', 'PASSED': 'through'}
    assert refused(web('env_file: missing.env'), working_dir=tmp_path).startswith('services.web.env_file')


def test_compose_project_name_is_available():
    assert env_of('${COMPOSE_PROJECT_NAME}') == 'demo'


# ---- ports ------------------------------------------------------------------------------------------

def test_port_forms():
    project = load(web('ports:\n'
                       '  - "80"\n'
                       '  - "8080:81"\n'
                       '  - "127.0.0.1:8081:82"\n'
                       '  - "8000-8002:9000-9002"\n'
                       '  - "53:53/udp"\n'
                       '  - "[::1]:8082:83"\n'
                       '  - "127.0.0.1::84"\n'
                       '  - target: 85\n'
                       '    published: "8085"\n'
                       '    host_ip: 127.0.0.1\n'
                       '    protocol: udp\n'
                       '  - target: 86\n'
                       'expose: ["3000", "4000/udp"]'))
    service = project.services['web']
    assert service.ports == [
        PortSpec(80),
        PortSpec(81, '8080'),
        PortSpec(82, '8081', '127.0.0.1'),
        PortSpec(9000, '8000'), PortSpec(9001, '8001'), PortSpec(9002, '8002'),
        PortSpec(53, '53', '', 'udp'),
        PortSpec(83, '8082', '::1'),
        PortSpec(84, None, '127.0.0.1'),
        PortSpec(85, '8085', '127.0.0.1', 'udp'),
        PortSpec(86),
    ]
    assert service.expose == ['3000', '4000/udp']


@pytest.mark.parametrize('port', ['"8000-8002:9000-9001"', '"70000:80"', '"http:80"'])
def test_bad_ports_are_refused_with_the_path(port: str):
    assert refused(web(f'ports: [{port}]')).startswith('services.web.ports')


# ---- volumes ----------------------------------------------------------------------------------------

def test_volume_forms(tmp_path: Path):
    project = load(web('volumes:\n'
                       '  - data:/var/lib/data\n'
                       '  - ./site:/usr/share/site\n'
                       '  - /etc/hosts:/etc/outer-hosts:ro\n'
                       '  - /cache\n'
                       '  - type: volume\n'
                       '    source: data\n'
                       '    target: /ro-data\n'
                       '    read_only: true\n'
                       '  - type: bind\n'
                       '    source: ./conf\n'
                       '    target: /conf\n'
                       '  - type: tmpfs\n'
                       '    target: /scratch\n'
                       '    tmpfs:\n'
                       '      size: 1m',
                       top='volumes:\n  data:\n'), working_dir=tmp_path)
    assert project.services['web'].mounts == [
        MountSpec('volume', '/var/lib/data', 'data'),
        MountSpec('bind', '/usr/share/site', str(tmp_path / 'site')),
        MountSpec('bind', '/etc/outer-hosts', '/etc/hosts', read_only=True),
        MountSpec('volume', '/cache'),
        MountSpec('volume', '/ro-data', 'data', read_only=True),
        MountSpec('bind', '/conf', str(tmp_path / 'conf'), create_host_path=False),   # long syntax: as in Compose
        MountSpec('tmpfs', '/scratch', tmpfs_size=1024 * 1024),
    ]
    assert project.volumes['data'].name == 'demo_data'


def test_external_and_named_volumes():
    project = load(web('volumes: ["a:/a", "b:/b"]', top='volumes:\n  a:\n    external: true\n  b:\n    name: fixed\n'))
    assert (project.volumes['a'].name, project.volumes['a'].external) == ('a', True)
    assert project.volumes['b'].name == 'fixed'


def test_undeclared_volume_is_refused_with_the_path():
    assert refused(web('volumes: ["data:/d"]')).startswith('services.web.volumes.0')


def test_relative_bind_needs_a_working_dir():
    assert refused(web('volumes: ["./x:/x"]')).startswith('services.web.volumes.0')


# ---- networks ---------------------------------------------------------------------------------------

def test_networks_default_custom_and_aliases():
    project = load('services:\n'
                   '  web:\n    image: a\n'
                   '  api:\n    image: a\n    networks:\n      back:\n        aliases: [backend]\n      front:\n'
                   'networks:\n  back:\n  front:\n    name: shared-front\n')
    assert {k: e.aliases for k, e in project.services['web'].networks.items()} == {'default': []}
    assert {k: e.aliases for k, e in project.services['api'].networks.items()} == {'back': ['backend'], 'front': []}
    assert {k: n.name for k, n in project.networks.items()} == {'back': 'demo_back', 'front': 'shared-front',
                                                                'default': 'demo_default'}
    assert refused(web('networks: [nowhere]')).startswith('services.web.networks')


# ---- depends_on, cycles, profiles ----------------------------------------------------------------

def test_depends_on_list_and_long_form():
    project = load('services:\n'
                   '  db:\n    image: a\n'
                   '  cache:\n    image: a\n'
                   '  migrate:\n    image: a\n'
                   '  web:\n    image: a\n    depends_on: [db, cache]\n'
                   '  worker:\n    image: a\n    depends_on:\n'
                   '      db:\n        condition: service_healthy\n'
                   '      migrate:\n        condition: service_completed_successfully\n        restart: true\n')
    assert project.services['web'].depends_on == [Dependency('db'), Dependency('cache')]
    assert project.services['worker'].depends_on == [
        Dependency('db', 'service_healthy'), Dependency('migrate', 'service_completed_successfully', restart=True)]
    assert dependency_levels(project.services) == [['cache', 'db', 'migrate'], ['web', 'worker']]


def test_depends_on_an_unknown_service_is_refused():
    message = refused(web('depends_on: [ghost]'))
    assert message.startswith('services.web.depends_on') and 'ghost' in message


def test_a_cycle_is_refused():
    message = refused('services:\n'
                      '  a:\n    image: x\n    depends_on: [b]\n'
                      '  b:\n    image: x\n    depends_on: [c]\n'
                      '  c:\n    image: x\n    depends_on: [a]\n')
    assert 'cycle' in message
    assert {'a', 'b', 'c'} <= set(re.findall(r'\b[abc]\b', message))


def test_a_self_dependency_is_refused():
    assert 'cycle' in refused(web('depends_on: [web]'))


def test_profiles_disable_services():
    document = ('services:\n'
                '  web:\n    image: a\n'
                '  debug:\n    image: a\n    profiles: [debug]\n'
                '  tools:\n    image: a\n    profiles: [tools, debug]\n')
    project = load(document)
    assert list(project.services) == ['web']
    assert project.disabled == ['debug', 'tools']
    project = load(document, profiles=['tools'])
    assert list(project.services) == ['web', 'tools'] and project.disabled == ['debug']


def test_depending_on_a_disabled_service_is_refused():
    message = refused('services:\n'
                      '  web:\n    image: a\n    depends_on: [debug]\n'
                      '  debug:\n    image: a\n    profiles: [debug]\n')
    assert message.startswith('services.web.depends_on') and 'profile' in message


# ---- the common rest ------------------------------------------------------------------------------

def test_common_service_keys_are_normalized(tmp_path: Path):
    (tmp_path / 'token.txt').write_text('s3cret')
    project = load(web('command: sh -c "echo hi"\n'
                       'entrypoint: ["/bin/sh"]\n'
                       'healthcheck:\n  test: wget -q -O- localhost\n  interval: 1m30s\n  timeout: 500ms\n'
                       '  retries: 3\n  start_period: 2s\n'
                       'restart: unless-stopped\n'
                       'stop_grace_period: 1m\n'
                       'deploy:\n  replicas: 2\n  resources:\n    limits:\n      cpus: "0.5"\n      memory: 512m\n'
                       'labels: [a=b]\n'
                       'secrets: [token]\n'
                       'init: true\n'
                       'tmpfs: /run:size=1m\n'
                       'extra_hosts: ["db.local:10.0.0.5"]\n'
                       'sysctls: {net.core.somaxconn: 1024}',
                       top='secrets:\n  token:\n    file: ./token.txt\n'), working_dir=tmp_path)
    service = project.services['web']
    assert service.command == ['sh', '-c', 'echo hi']
    assert service.entrypoint == ['/bin/sh']
    check = service.healthcheck
    assert check is not None and check.test == ['CMD-SHELL', 'wget -q -O- localhost']
    assert (check.interval, check.timeout, check.retries, check.start_period) == (
        90_000_000_000, 500_000_000, 3, 2_000_000_000)
    assert service.restart == 'unless-stopped' and service.stop_grace_period == 60
    assert (service.replicas, service.cpus, service.mem_limit) == (2, 0.5, 512 * 1024 * 1024)
    assert service.labels == {'a': 'b'}
    assert [(s.name, s.target) for s in service.secrets] == [('token', '/run/secrets/token')]
    assert project.secrets['token'].file == str(tmp_path / 'token.txt')
    assert service.init is True and service.tmpfs == {'/run': 'size=1m'}
    assert service.extra_hosts == ['db.local:10.0.0.5'] and service.sysctls == {'net.core.somaxconn': '1024'}


def test_container_name_with_replicas_is_refused():
    assert refused(web('container_name: fixed\ndeploy:\n  replicas: 2')).startswith('services.web')


# ---- hostile documents -----------------------------------------------------------------------------

def test_a_yaml_bomb_is_refused_fast():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord('a') + i - 1), chr(ord('a') + i)
        lines.append(f'{cur}: &{cur} [' + ','.join([f'*{prev}'] * 9) + ']')
    lines.append('services:\n  web:\n    image: busybox\n    labels:\n      x: *j')
    started = time.monotonic()
    message = refused('\n'.join(lines) + '\n')
    assert time.monotonic() - started < 1.0
    assert 'too large' in message


@pytest.mark.parametrize('style', ['flow', 'block'])
def test_100_levels_of_nesting_are_refused_fast(style: str):
    if style == 'flow':
        deep = '[' * 100 + ']' * 100
        document = web(f'labels:\n  x: {deep}')
    else:
        deep = ''.join(f'{"  " * i}k{i}:\n' for i in range(100)) + '  ' * 100 + 'v: 1\n'
        document = 'services:\n  web:\n    image: busybox\nx-deep:\n' + ''.join(f'  {line}\n' for line in deep.splitlines())
    started = time.monotonic()
    message = refused(document)
    assert time.monotonic() - started < 1.0
    assert 'nested deeper' in message


def test_an_oversized_document_is_refused():
    assert 'KiB' in refused(web() + '# ' + 'x' * (1 << 20) + '\n')
