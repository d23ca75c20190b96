"""Compose files as people write them (issue 11), on the loader alone: YAML 1.2 scalars, the
casts Compose applies after interpolation, .env expansion, the keys real files use, extends and
include across a stack's files, and errors that name their path and line.

What the engine makes of these keys is in test_compose_keys_deploy.py (real deploys).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from deployer.compose.loader import dependency_levels
from deployer.compose.yamlio import parse
from deployer.errors import InvalidInput
from deployer.stacks import spec

from .test_compose_loader import load, refused


def web(body: str, *, image: str = 'nginx:1.27', top: str = '') -> str:
    indented = ''.join(f'    {line}\n' for line in body.splitlines())
    return f'{top}services:\n  web:\n    image: {image}\n{indented}'


def body(text: str, service: str = 'web', **kw) -> dict:
    project = load(text, **kw)
    return spec.create_body(project, project.services[service], secrets_dir=Path('/nonexistent'))


# ---- YAML 1.2 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(('port', 'published', 'target'), [
    ('2222:22', '2222', 22), ('22:22', '22', 22), ('1:59', '1', 59), ('59:59', '59', 59), ('8080:80', '8080', 80)])
def test_unquoted_port_pairs_are_strings_not_base_60_numbers(port, published, target):
    project = load(web(f'ports:\n  - {port}'))
    assert [(p.published, p.target) for p in project.services['web'].ports] == [(published, target)]


def test_yaml_1_1_words_stay_strings():
    project = load(web('environment:\n  SIGNUPS_ALLOWED: no\n  DEBUG: off\n  CACHE: on\n  ANSWER: yes\n'
                       '  REAL_FLAG: true\nuser: 1000:1000'))
    service = project.services['web']
    assert service.environment == {'SIGNUPS_ALLOWED': 'no', 'DEBUG': 'off', 'CACHE': 'on', 'ANSWER': 'yes',
                                   'REAL_FLAG': 'true'}
    assert service.user == '1000:1000'


def test_numbers_as_yaml_v3_reads_them():
    data = parse('a: 0440\nb: 0o17\nc: 0x1F\nd: 1_000\ne: 1e3\nf: 2024-01-01\ng: ~\nh: 08\n').data
    assert data == {'a': 0o440, 'b': 15, 'c': 31, 'd': 1000, 'e': 1000.0, 'f': '2024-01-01', 'g': None, 'h': 8.0}


def test_octal_file_mode_and_merge_keys_are_kept():
    project = load('x-base: &base\n  restart: unless-stopped\n  environment:\n    TZ: UTC\n'
                   'services:\n  web:\n    <<: *base\n    image: nginx\n    configs:\n      - source: token\n'
                   '        mode: 0440\nconfigs:\n  token:\n    content: abc\n')
    service = project.services['web']
    assert service.restart == 'unless-stopped' and service.environment == {'TZ': 'UTC'}
    assert service.configs[0].mode == 0o440


def test_a_duplicate_key_is_refused_with_both_lines():
    message = refused('services:\n  web:\n    image: nginx\n    ports: ["80:80"]\n    image: httpd\n')
    assert "'image' twice" in message and 'lines 3 and 5' in message


def test_errors_name_the_line_of_the_key():
    message = refused('services:\n  web:\n    image: nginx\n\n    restart: sometimes\n    read_only: maybe\n')
    assert message.startswith("services.web.read_only: 'maybe' is not a boolean") and message.endswith('(line 6)')


def test_alias_bombs_and_merge_bombs_are_refused():
    laughs = 'a: &a [x,x,x,x,x,x,x,x,x]\n' + ''.join(
        f'{chr(98 + i)}: &{chr(98 + i)} [' + ','.join(['*' + chr(97 + i)] * 9) + ']\n' for i in range(8))
    assert 'too large once its aliases are expanded' in refused(laughs)
    merges = 'a: &a {k0: 1, k1: 2}\n' + ''.join(
        f'b{i}: &b{i} {{<<: [' + ','.join(['*' + ('a' if i == 0 else f'b{i - 1}')] * 9) + ']}\n' for i in range(8))
    assert 'too large once its aliases are expanded' in refused(merges)


# ---- booleans and numbers after interpolation ----------------------------------------------------

@pytest.mark.parametrize('key', ['read_only', 'privileged', 'tty', 'stdin_open', 'init'])
@pytest.mark.parametrize(('text', 'expected'), [
    ('false', False), ('FALSE', False), ('no', False), ('Off', False), ('n', False),
    ('true', True), ('Yes', True), ('ON', True), ('y', True)])
def test_boolean_keys_take_what_compose_takes_from_a_variable(key, text, expected):
    project = load(web(f'{key}: ${{FLAG}}'), env={'FLAG': text})
    assert getattr(project.services['web'], key) is expected


@pytest.mark.parametrize('key', ['read_only', 'privileged', 'tty', 'init', 'oom_kill_disable'])
def test_a_boolean_key_with_another_word_is_422_naming_the_path(key):
    message = refused(web(f'{key}: ${{FLAG}}'), env={'FLAG': 'sometimes'})
    assert message.startswith(f"services.web.{key}: 'sometimes' is not a boolean")


def test_network_and_volume_flags_and_mount_flags_are_cast():
    project = load('services:\n  web:\n    image: nginx\n    networks: [back]\n    volumes:\n'
                   '      - type: volume\n        source: data\n        target: /data\n        read_only: "${RO}"\n'
                   '        volume:\n          nocopy: "yes"\n'
                   'networks:\n  back:\n    internal: "${INTERNAL}"\n    attachable: "off"\n'
                   'volumes:\n  data:\n    external: "no"\n', env={'RO': 'false', 'INTERNAL': 'on'})
    mount = project.services['web'].mounts[0]
    assert (mount.read_only, mount.nocopy) == (False, True)
    assert (project.networks['back'].internal, project.networks['back'].attachable) == (True, False)
    assert project.volumes['data'].external is False


def test_numbers_from_variables():
    project = load(web('deploy:\n  replicas: ${N}\nhealthcheck:\n  test: ["CMD", "true"]\n  retries: "${R}"\n'
                       'pids_limit: "200"\noom_score_adj: "${OOM}"'), env={'N': '2', 'R': '5', 'OOM': '300'})
    service = project.services['web']
    assert (service.replicas, service.healthcheck.retries, service.pids_limit, service.oom_score_adj) == (2, 5, 200, 300)
    assert refused(web('deploy:\n  replicas: ${N}'), env={'N': 'two'}).startswith(
        "services.web.deploy.replicas: 'two' is not a whole number")


# ---- .env and variables -------------------------------------------------------------------------------

def test_dotenv_values_expand_other_values_and_the_given_environment(tmp_path):
    (tmp_path / '.env').write_text('APP=wiki\nDATA=/srv/${APP}\nURL="http://${HOST:-localhost}:${PORT}"\n'
                                   "LITERAL='${APP}'\nPASSWORD=pa$$word$\n")
    project = load(web('environment:\n  DATA: ${DATA}\n  URL: ${URL}\n  LITERAL: ${LITERAL}\n  PASSWORD: ${PASSWORD}'),
                   working_dir=tmp_path, env={'PORT': '8080'})
    assert project.services['web'].environment == {'DATA': '/srv/wiki', 'URL': 'http://localhost:8080',
                                                   'LITERAL': '${APP}', 'PASSWORD': 'pa$word$'}


def test_dotenv_as_a_stack_file_and_the_given_environment_wins():
    project = load(web('environment:\n  DATA: ${DATA}'), files={'.env': 'ROOT=/srv\nDATA=${ROOT}/app\n'},
                   env={'ROOT': '/mnt'})
    assert project.services['web'].environment == {'DATA': '/mnt/app'}


def test_an_empty_volume_source_names_the_variable():
    message = refused(web('volumes:\n  - ${DATA_DIR}:/data'))
    assert message.startswith('services.web.volumes.0: the host side') and 'DATA_DIR is not set' in message
    message = refused(web('volumes:\n  - type: bind\n    source: ${CONF}\n    target: /conf'))
    assert message.startswith('services.web.volumes.0.source:') and 'CONF is not set' in message


def test_unset_variables_are_warnings_of_the_project():
    project = load(web('environment:\n  A: ${NOT_SET}\n  B: ${ALSO_NOT:-fine}'))
    assert project.warnings == ['variable NOT_SET is not set: an empty string is used']


# ---- keys real files use --------------------------------------------------------------------------------

def test_links_with_aliases_and_external_links():
    created = body('services:\n  web:\n    image: nginx\n    links: [db:database, cache]\n'
                   '    external_links: [shared-proxy:proxy]\n  db:\n    image: postgres\n  cache:\n    image: redis\n')
    endpoint = created['NetworkingConfig']['EndpointsConfig']['demo_default']
    assert endpoint['Links'] == ['demo-db-1:database', 'demo-cache-1:cache', 'shared-proxy:proxy']
    project = load('services:\n  web:\n    image: nginx\n    links: [db]\n  db:\n    image: postgres\n')
    assert dependency_levels(project.services) == [['db'], ['web']]
    assert refused(web('links: [nowhere]')).startswith("services.web.links: service 'nowhere' does not exist")


def test_ulimits_both_forms_and_resource_keys_reach_the_create_request():
    created = body(web('ulimits:\n  nproc: 65535\n  nofile:\n    soft: 20000\n    hard: 40000\n  memlock: -1\n'
                       'mem_limit: 1g\nmemswap_limit: 2g\nmem_reservation: 256m\nmem_swappiness: 10\n'
                       'oom_score_adj: 200\ncpu_shares: 512\ncpuset: "0"\ncpu_period: 100000\ncpu_quota: 50000\n'
                       'pids_limit: 100\nshm_size: 64m\nstorage_opt:\n  size: 1G\nmac_address: "02:42:ac:11:00:02"\n'
                       'group_add: [audio, "1001"]\ndns: 1.1.1.1\ndns_search: example.org\ndns_opt: [use-vc]\n'
                       'blkio_config:\n  weight: 300\n  device_read_bps:\n    - path: /dev/sda\n      rate: 12mb'))
    host = created['HostConfig']
    assert host['Ulimits'] == [{'Name': 'memlock', 'Soft': -1, 'Hard': -1}, {'Name': 'nofile', 'Soft': 20000, 'Hard': 40000},
                               {'Name': 'nproc', 'Soft': 65535, 'Hard': 65535}]
    assert (host['Memory'], host['MemorySwap'], host['MemoryReservation'], host['MemorySwappiness']) == \
        (1 << 30, 2 << 30, 256 << 20, 10)
    assert (host['OomScoreAdj'], host['CpuShares'], host['CpusetCpus'], host['CpuPeriod'], host['CpuQuota']) == \
        (200, 512, '0', 100000, 50000)
    assert (host['PidsLimit'], host['ShmSize'], host['StorageOpt']) == (100, 64 << 20, {'size': '1G'})
    assert (host['GroupAdd'], host['Dns'], host['DnsSearch'], host['DnsOptions']) == \
        (['audio', '1001'], ['1.1.1.1'], ['example.org'], ['use-vc'])
    assert host['BlkioWeight'] == 300 and host['BlkioDeviceReadBps'] == [{'Path': '/dev/sda', 'Rate': 12 << 20}]
    assert created['MacAddress'] == '02:42:ac:11:00:02'


def test_memswap_unlimited_and_a_soft_limit_above_the_hard_one():
    assert body(web('mem_limit: 1g\nmemswap_limit: -1'))['HostConfig']['MemorySwap'] == -1
    assert 'soft limit (10) is above the hard limit (5)' in refused(web('ulimits:\n  nofile: {soft: 10, hard: 5}'))


def test_extra_hosts_in_both_forms():
    listed = load(web('extra_hosts:\n  - "host.docker.internal:host-gateway"\n  - "db=10.0.0.5"\n  - "v6=[::1]"'))
    mapped = load(web('extra_hosts:\n  nas: 192.168.1.10\n  multi: ["10.0.0.1", "10.0.0.2"]'))
    assert listed.services['web'].extra_hosts == ['host.docker.internal:host-gateway', 'db:10.0.0.5', 'v6:::1']
    assert mapped.services['web'].extra_hosts == ['nas:192.168.1.10', 'multi:10.0.0.1', 'multi:10.0.0.2']


def test_gpus_and_reserved_devices_become_device_requests():
    host = body(web('gpus: all'))['HostConfig']
    assert host['DeviceRequests'] == [{'Driver': '', 'Count': -1, 'Capabilities': [['gpu']]}]
    host = body(web('deploy:\n  resources:\n    reservations:\n      devices:\n        - driver: nvidia\n'
                    '          count: 1\n          capabilities: [gpu, utility]'))['HostConfig']
    assert host['DeviceRequests'] == [{'Driver': 'nvidia', 'Count': 1, 'DeviceIDs': None,
                                       'Capabilities': [['gpu', 'utility']], 'Options': None}]


def test_deploy_is_kept_whole_and_swarm_only_fields_are_warnings():
    project = load(web('deploy:\n  mode: replicated\n  replicas: 2\n  labels: [traefik.enable=true]\n'
                       '  endpoint_mode: dnsrr\n  placement:\n    constraints: [node.role == manager]\n'
                       '  update_config:\n    parallelism: 1\n    delay: 10s\n  rollback_config:\n    parallelism: 1\n'
                       '  restart_policy:\n    condition: on-failure\n    max_attempts: 3\n    delay: 5s\n'
                       '  resources:\n    limits: {cpus: "0.5", memory: 256M, pids: 64}\n'
                       '    reservations: {cpus: "0.25", memory: 64M}'))
    service = project.services['web']
    assert (service.replicas, service.cpus, service.mem_limit, service.pids_limit, service.mem_reservation) == \
        (2, 0.5, 256 << 20, 64, 64 << 20)
    assert service.restart == 'on-failure:3'
    assert service.deploy.placement == {'constraints': ['node.role == manager']}
    assert service.deploy.update_config == {'parallelism': 1, 'delay': '10s'}
    assert service.deploy.labels == {'traefik.enable': 'true'}
    assert project.warnings == ['services.web.deploy: ignored on a single engine (Swarm only): endpoint_mode, '
                                'placement, update_config, rollback_config, labels, restart_policy.delay, '
                                'resources.reservations.cpus']


def test_scale_and_replicas_must_agree_and_global_runs_one():
    assert 'disagree' in refused(web('scale: 2\ndeploy:\n  replicas: 3'))
    project = load(web('deploy:\n  mode: global'))
    assert project.services['web'].replicas == 1 and 'mode: global' in project.warnings[0]


@pytest.mark.parametrize(('key', 'value', 'engine_key', 'expected'), [
    ('ipc', 'shareable', 'IpcMode', 'shareable'), ('userns_mode', 'private', 'UsernsMode', 'private'),
    ('cgroup', 'private', 'CgroupnsMode', 'private')])
def test_namespace_keys_reach_the_create_request(key, value, engine_key, expected):
    assert body(web(f'{key}: {value}'))['HostConfig'][engine_key] == expected


def test_per_network_addresses_and_priority():
    project = load('services:\n  web:\n    image: nginx\n    networks:\n      front:\n        aliases: [www]\n'
                   '      back:\n        ipv4_address: 172.28.5.10\n        priority: 100\n'
                   'networks:\n  front:\n  back:\n    ipam:\n      config:\n        - subnet: 172.28.0.0/16\n')
    service = project.services['web']
    assert list(service.networks) == ['back', 'front']   # the highest priority is the primary network
    created = spec.create_body(project, service, secrets_dir=Path('/x'))
    assert created['NetworkingConfig']['EndpointsConfig'] == {
        'demo_back': {'Aliases': ['web'], 'IPAMConfig': {'IPv4Address': '172.28.5.10'}}}


def test_bind_options_and_mount_modes():
    project = load(web('volumes:\n  - ./data:/data:rw,rshared\n  - ./cache:/cache:z\n  - type: bind\n'
                       '    source: ./conf\n    target: /conf\n    bind:\n      propagation: rslave\n'
                       '  - type: tmpfs\n    target: /run\n    tmpfs:\n      size: 64m\n      mode: 01777'),
                   working_dir='/srv/demo')
    mounts = project.services['web'].mounts
    assert [m.propagation for m in mounts] == ['rshared', None, 'rslave', None]
    assert (mounts[3].tmpfs_size, mounts[3].tmpfs_mode) == (64 << 20, 0o1777)
    assert "'rx' is not a mount option" in refused(web('volumes:\n  - ./data:/data:rx'), working_dir='/srv/demo')


@pytest.mark.parametrize(('key', 'value', 'why'), [
    ('credential_spec', '{file: x.json}', 'Windows'), ('post_start', '[{command: [id]}]', 'hooks'),
    ('models', '[llm]', 'Model Runner'), ('cpu_count', '2', 'Windows')])
def test_keys_still_refused_say_why(key, value, why):
    message = refused(web(f'{key}: {value}'))
    assert message.startswith(f'services.web.{key}: this compose key is not supported') and why in message


def test_develop_and_pull_policy_daily_are_accepted_with_warnings():
    project = load(web('pull_policy: daily\ndevelop:\n  watch:\n    - path: ./src\n      action: sync\n'
                       '      target: /app'))
    assert project.services['web'].pull_policy == 'missing'
    assert any('develop' in w for w in project.warnings) and any('daily' in w for w in project.warnings)


# ---- extends and include -----------------------------------------------------------------------------

COMMON = ('services:\n  base:\n    image: busybox\n    restart: unless-stopped\n    environment:\n      TZ: UTC\n'
          '      LEVEL: info\n    volumes: ["./shared:/shared", "./conf:/etc/app"]\n    ports: ["8080:80"]\n'
          '    command: ["sleep", "1"]\n')


def test_extends_in_the_same_file_merges_by_compose_rules():
    project = load('services:\n  base:\n    image: busybox\n    environment: [A=1, B=2]\n    labels: {x: "1"}\n'
                   '    command: ["base"]\n    cap_drop: [NET_RAW]\n'
                   '  app:\n    extends: base\n    environment: {B: "3", C: "4"}\n    command: ["app"]\n'
                   '    cap_drop: [MKNOD]\n')
    app = project.services['app']
    assert app.image == 'busybox' and app.environment == {'A': '1', 'B': '3', 'C': '4'}
    assert app.labels == {'x': '1'} and app.command == ['app'] and app.cap_drop == ['NET_RAW', 'MKNOD']


def test_extends_from_another_file_rebases_its_paths_and_overrides_by_target():
    project = load('services:\n  app:\n    extends:\n      file: common/base.yaml\n      service: base\n'
                   '    environment:\n      LEVEL: debug\n    volumes: ["./mine:/etc/app"]\n',
                   files={'common/base.yaml': COMMON}, working_dir='/srv/stack')
    app = project.services['app']
    assert app.image == 'busybox' and app.restart == 'unless-stopped'
    assert app.environment == {'TZ': 'UTC', 'LEVEL': 'debug'}
    assert sorted((m.target, m.source) for m in app.mounts) == [('/etc/app', '/srv/stack/mine'),
                                                                 ('/shared', '/srv/stack/common/shared')]
    assert project.files == ['common/base.yaml']


def test_extends_errors():
    assert "service 'nope' does not exist" in refused('services:\n  app:\n    image: a\n    extends: nope\n')
    assert 'cycle' in refused('services:\n  a:\n    image: x\n    extends: b\n  b:\n    image: x\n    extends: a\n')
    assert "'base.yaml' is not one of the stack's files" in refused(
        'services:\n  a:\n    extends: {file: base.yaml, service: x}\n')
    assert 'outside the stack' in refused('services:\n  a:\n    extends: {file: /etc/compose.yaml, service: x}\n')
    assert "outside the stack's folder" in refused('services:\n  a:\n    extends: {file: ../x.yaml, service: x}\n')


def test_include_adds_the_other_files_resources_with_their_own_env():
    project = load('include:\n  - db/compose.yaml\nservices:\n  app:\n    image: nginx\n    depends_on: [db]\n',
                   files={'db/compose.yaml': 'services:\n  db:\n    image: postgres:${PG_VERSION}\n'
                                             '    volumes: [pgdata:/var/lib/postgresql/data, ./init:/initdb]\n'
                                             'volumes:\n  pgdata:\n',
                          'db/.env': 'PG_VERSION=16\n'}, working_dir='/srv/stack')
    db = project.services['db']
    assert db.image == 'postgres:16' and set(project.volumes) == {'pgdata'}
    assert [m.source for m in db.mounts] == ['pgdata', '/srv/stack/db/init']
    assert sorted(project.files) == ['db/.env', 'db/compose.yaml']


def test_include_conflicts_and_cycles_are_refused():
    message = refused('include: [other.yaml]\nservices:\n  app:\n    image: a\n',
                      files={'other.yaml': 'services:\n  app:\n    image: b\n'})
    assert 'services.app from other.yaml conflicts with services.app of compose.yaml' in message
    message = refused('include: [a.yaml]\nservices:\n  app:\n    image: a\n',
                      files={'a.yaml': 'include: [b.yaml]\nservices:\n  x:\n    image: a\n',
                             'b.yaml': 'include: [a.yaml]\nservices:\n  y:\n    image: a\n'})
    assert 'cycle' in message


def test_an_error_in_an_included_file_names_that_file():
    message = refused('include: [db.yaml]\nservices:\n  app:\n    image: a\n',
                      files={'db.yaml': 'services:\n  db:\n    image: postgres\n    read_only: perhaps\n'})
    assert message.startswith("db.yaml: services.db.read_only: 'perhaps' is not a boolean"), message


def test_stack_file_names_are_checked():
    for bad in ('/etc/passwd', '../x.yaml', 'a/../../b', 'a//b', ''):
        with pytest.raises(InvalidInput):
            load(web(''), files={bad: 'x'})


def test_reset_and_override_tags_in_an_extending_service():
    project = load('services:\n  app:\n    extends: {file: base.yaml, service: base}\n    ports: !reset []\n'
                   '    environment: !override\n      ONLY: "1"\n    command: !reset null\n',
                   files={'base.yaml': 'services:\n  base:\n    image: nginx\n    ports: ["80:80"]\n'
                                       '    environment: {A: "1", B: "2"}\n    command: ["x"]\n'})
    app = project.services['app']
    assert (app.ports, app.environment, app.command) == ([], {'ONLY': '1'}, None)
    assert load(web('ports: !reset ["80:80"]')).services['web'].ports == []


def test_long_chains_are_errors_or_fine_never_a_crash():
    chain = 'services:\n' + ''.join(f'  s{i}:\n    extends: s{i + 1}\n' for i in range(200)) + '  s200:\n    image: x\n'
    assert 'extends is chained more than 32 deep' in refused(chain)
    needs = 'services:\n' + ''.join(f'  s{i}:\n    image: x\n    depends_on: [s{i + 1}]\n' for i in range(1500))
    assert len(load(needs + '  s1500:\n    image: x\n').services) == 1501
    looped = 'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    links: [c]\n' \
             '  c:\n    image: x\n    network_mode: service:a\n'
    assert 'forms a cycle: a -> b -> c -> a' in refused(looped)


def test_what_compose_finds_inconsistent_is_refused():
    assert 'mem_limit (256m) and deploy.resources.limits.memory (512M) disagree' in refused(
        web('mem_limit: 256m\ndeploy:\n  resources:\n    limits:\n      memory: 512M'))
    same = load(web('mem_limit: 64m\ncpus: 0.25\ndeploy:\n  resources:\n    limits:\n      memory: 64M\n'
                    "      cpus: '0.25'"))
    assert (same.services['web'].mem_limit, same.services['web'].cpus) == (64 << 20, 0.25)
    assert 'network_mode and networks cannot both be set' in refused(
        'services:\n  vpn:\n    image: a\n  web:\n    image: b\n    network_mode: service:vpn\n    networks: [default]\n')
    assert 'merge key "<<" twice' in refused('x-a: &a {image: a}\nx-b: &b {restart: always}\n'
                                              'services:\n  web:\n    <<: *a\n    <<: *b\n')
