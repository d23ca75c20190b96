"""Templates without an engine: the built-in files, search, rendering, user templates and the
Portainer feeds in ../shared/corpus/portainer (read in place, never copied)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from deployer.compose import load_project
from deployer.errors import Conflict, InvalidInput, NotFound
from deployer.policy import HostPolicy
from deployer.templates import Catalog, Parameter, import_portainer, load_template_file

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = ROOT / 'templates'
FEEDS = ROOT.parent / 'shared' / 'corpus' / 'portainer'
EXPECTED_IDS = {
    'wordpress', 'lemp', 'ghost', 'nextcloud', 'gitea', 'postgres-pgadmin', 'mysql-phpmyadmin', 'mongo-express',
    'redis', 'nginx', 'traefik', 'prometheus-grafana', 'uptime-kuma', 'n8n', 'minio', 'jellyfin', 'pihole',
    'vaultwarden', 'node-red', 'rabbitmq', 'wikijs', 'keycloak',
}
CATEGORIES = {'CMS', 'Development', 'Databases', 'Monitoring', 'Media', 'Networking', 'Security', 'Automation',
              'Storage', 'Messaging', 'Web servers', 'Productivity'}
SECRET_ENV = re.compile(r'PASSWORD|SECRET|KEY', re.IGNORECASE)


@pytest.fixture(scope='module')
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """For tests that only read: validating the built-in files once is enough."""
    return Catalog(BUILTIN, tmp_path_factory.mktemp('user'))


@pytest.fixture
def user_catalog(tmp_path: Path) -> Catalog:
    return Catalog(BUILTIN, tmp_path / 'user')


def feed(name: str) -> bytes:
    path = FEEDS / name
    if not path.is_file():
        pytest.fail(f'{path} is missing: the Portainer test feeds live in ../shared/corpus/portainer', pytrace=False)
    return path.read_bytes()


# ---- the built-in templates ----------------------------------------------------------------------

def test_builtin_ids_are_exactly_the_expected_ones():
    assert {p.stem for p in BUILTIN.glob('*.yaml')} == EXPECTED_IDS


@pytest.mark.parametrize('template_id', sorted(EXPECTED_IDS))
def test_builtin_template_loads_and_renders_with_defaults(catalog, template_id, tmp_path):
    template = load_template_file(BUILTIN / f'{template_id}.yaml')
    assert template.id == template_id and template.available and template.source == 'builtin'
    assert template.category in CATEGORIES
    assert template.title and template.description and template.tags and template.keywords
    assert template.logo and template.logo.startswith('<svg') and template.docs.startswith('https://')
    rendered = catalog.render(template_id, {})
    project = load_project(rendered.compose, name=template_id, env=rendered.env)
    assert HostPolicy(stacks_dir=tmp_path).findings(project) == []  # nothing the deploy policy would refuse
    for service in project.services.values():
        assert ':' in service.image and not service.image.endswith(':latest'), service.image
        assert service.restart == 'unless-stopped', service.name
        assert service.healthcheck is not None and service.healthcheck.test, service.name
        assert all(mount.type == 'volume' for mount in service.mounts), service.name  # named volumes for data


@pytest.mark.parametrize('template_id', sorted(EXPECTED_IDS))
def test_builtin_template_publishes_its_port_parameter(catalog, template_id):
    port = catalog.get(template_id).parameter('port')
    assert port is not None and port.type == 'port' and port.default
    rendered = catalog.render(template_id, {'port': 23456})
    project = load_project(rendered.compose, name='t', env=rendered.env)
    published = [p.published for s in project.services.values() for p in s.ports]
    assert '23456' in published
    assert re.search(r'\$\{port\}:\d+', json.dumps(rendered.compose))


@pytest.mark.parametrize('template_id', sorted(EXPECTED_IDS))
def test_builtin_template_has_no_fixed_password(template_id):
    data = yaml.safe_load((BUILTIN / f'{template_id}.yaml').read_text())
    params = {p['name']: p for p in data['parameters']}
    for name, service in data['compose']['services'].items():
        environment = service.get('environment') or {}
        assert isinstance(environment, dict), f'{template_id}/{name}: use the mapping form'
        for key, value in environment.items():
            if SECRET_ENV.search(key):
                refs = re.findall(r'\$\{([a-z_0-9]+)', str(value))
                assert refs, f'{template_id}/{name}: {key} is a fixed value'
                assert all('default' not in params[r] for r in refs if params[r].get('type') == 'password')
    for param in params.values():
        if param.get('type') == 'password':
            assert 'default' not in param and param.get('generate'), f'{template_id}: {param["name"]}'


def test_categories_are_the_fixed_set(catalog):
    assert set(catalog.categories()) <= CATEGORIES
    assert [t.id for t in catalog.list(category='security')] == ['keycloak', 'vaultwarden']


# ---- search ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(('query', 'first'), [
    ('password manager', 'vaultwarden'), ('Password Manager', 'vaultwarden'), ('git', 'gitea'),
    ('git server', 'gitea'), ('status page', 'uptime-kuma'), ('uptime', 'uptime-kuma'),
    ('dashboard', 'prometheus-grafana'), ('metrics', 'prometheus-grafana'), ('s3', 'minio'),
    ('wiki', 'wikijs'), ('dns', 'pihole'), ('single sign-on', 'keycloak'), ('message broker', 'rabbitmq'),
    ('a media server for my films', 'jellyfin'),
])
def test_search_ranks_the_obvious_template_first(catalog, query, first):
    found = [t.id for t in catalog.list(q=query)]
    assert found and found[0] == first, found


def test_search_needs_every_word_to_match(catalog):
    assert [t.id for t in catalog.list(q='blog mysql')] == ['ghost']
    assert catalog.list(q='password zebra') == []
    assert len(catalog.list()) == len(catalog.list(q='  ')) == len(EXPECTED_IDS)


def test_title_and_tag_hits_rank_above_description_hits(catalog):
    found = [t.id for t in catalog.list(q='proxy')]
    assert found[0] == 'traefik' and {'keycloak', 'vaultwarden'} <= set(found[1:])


# ---- rendering ---------------------------------------------------------------------------------------

def test_render_coerces_values_and_splits_secrets(catalog):
    rendered = catalog.render('n8n', {'port': '5679', 'secure_cookie': True, 'timezone': 'Europe/Berlin'})
    assert rendered.env['port'] == '5679' and rendered.env['secure_cookie'] == 'true'
    assert rendered.secrets == ('encryption_key',) and rendered.generated == ('encryption_key',)
    assert 'encryption_key' not in rendered.public_params
    assert rendered.public_params == {'port': '5679', 'timezone': 'Europe/Berlin', 'secure_cookie': 'true'}
    assert catalog.render('n8n', {'secure_cookie': 'off'}).env['secure_cookie'] == 'false'
    rendered.compose['services'].clear()  # a copy: the template itself is untouched
    assert catalog.get('n8n').compose['services']


def test_given_secrets_are_kept(catalog):
    rendered = catalog.render('redis', {'password': 'my own secret'})
    assert rendered.env['password'] == 'my own secret' and rendered.generated == ()


def test_generated_secrets_are_long_and_differ_between_renders(catalog):
    first, second = catalog.render('wordpress', {}), catalog.render('wordpress', {})
    for name in ('db_password', 'db_root_password'):
        assert len(first.env[name]) >= 16 and first.env[name] != second.env[name]
        assert re.fullmatch(r'[A-Za-z0-9]+', first.env[name])
    assert first.env['db_password'] != first.env['db_root_password']
    key = catalog.render('vaultwarden', {}).env['admin_token']
    assert re.fullmatch(r'[0-9a-f]{64}', key)


@pytest.mark.parametrize(('params', 'words'), [
    ({'port': 'abc'}, ['port', 'port number']),
    ({'port': 70000}, ['port', '1-65535']),
    ({'port': 8080.5}, ['port', 'port number']),
    ({'port': True}, ['port', 'port number']),
    ({'secure_cookie': 'maybe'}, ['secure_cookie', 'true or false']),
    ({'timezone': ['UTC']}, ['timezone', 'a string']),
    ({'timezone': 'a\x00b'}, ['timezone', 'NUL']),
])
def test_render_names_the_parameter_and_the_type(catalog, params, words):
    with pytest.raises(InvalidInput) as info:
        catalog.render('n8n', params)
    assert all(word in info.value.message for word in words), info.value.message


def test_render_checks_choices(catalog):
    assert catalog.render('traefik', {'log_level': 'DEBUG'}).env['log_level'] == 'DEBUG'
    with pytest.raises(InvalidInput, match="'log_level' must be one of DEBUG, INFO, WARN, ERROR"):
        catalog.render('traefik', {'log_level': 'LOUD'})


def test_render_refuses_unknown_parameters(catalog):
    with pytest.raises(InvalidInput) as info:
        catalog.render('redis', {'port': 7000, 'pasword': 'x', 'colour': 'red'})
    assert 'colour, pasword' in info.value.message and 'redis' in info.value.message


def test_render_needs_required_values(user_catalog):
    catalog = user_catalog
    catalog.save_user_template('needs-token', title='Needs a token', description='', compose={
        'services': {'app': {'image': 'busybox:1.36', 'environment': {'API_TOKEN': '${API_TOKEN}'}}}})
    param = catalog.get('needs-token').parameter('api_token')
    assert param.required and param.secret and param.default is None and param.generate is None
    with pytest.raises(InvalidInput, match="'api_token'.*required"):
        catalog.render('needs-token', {})
    assert catalog.render('needs-token', {'api_token': 't0ken'}).env == {'api_token': 't0ken'}


@pytest.mark.parametrize('bad', ['../x', '../../etc/passwd', '/etc/passwd', 'a/b', 'a\x00b', 'Wordpress', '', '.x',
                                 'x' * 64, None, 5])
def test_ids_that_are_not_plain_names_are_refused(catalog, bad):
    with pytest.raises(InvalidInput, match='template id'):
        catalog.get(bad)
    with pytest.raises(InvalidInput, match='template id'):
        catalog.render(bad, {})
    with pytest.raises(InvalidInput, match='template id'):
        catalog.save_user_template(bad, title='x', description='', compose={'services': {'a': {'image': 'x:1'}}})


def test_unknown_template_is_not_found(catalog):
    with pytest.raises(NotFound, match='no-such-template'):
        catalog.get('no-such-template')


# ---- template files ----------------------------------------------------------------------------------

def write_template(folder: Path, **changes) -> Path:
    data = {'id': 'demo', 'title': 'Demo', 'description': 'd', 'category': 'Custom',
            'parameters': [{'name': 'port', 'type': 'port', 'default': 8080}],
            'compose': {'services': {'web': {'image': 'nginx:1.27-alpine', 'ports': ['${port}:80']}}}}
    data.update(changes)
    path = folder / f'{data["id"]}.yaml'
    path.write_text(yaml.safe_dump(data))
    return path


@pytest.mark.parametrize(('changes', 'message'), [
    ({'parameters': [{'name': 'port', 'type': 'port', 'default': 8080}, {'name': 'unused'}]}, "'unused' is never used"),
    ({'parameters': []}, r'\$\{port\} is not a parameter'),
    ({'parameters': [{'name': 'port', 'type': 'password', 'default': 'hunter2'}]}, 'cannot have a fixed default'),
    ({'parameters': [{'name': 'port', 'type': 'port', 'default': 'http'}]}, 'parameters.0 .port..default'),
    ({'parameters': [{'name': 'Port', 'type': 'port'}]}, 'lowercase identifier'),
    ({'parameters': [{'name': 'port', 'type': 'float'}]}, 'is not one of'),
    ({'parameters': [{'name': 'port', 'type': 'choice'}]}, 'needs a list of choices'),
    ({'parameters': [{'name': 'port', 'type': 'port', 'colour': 'red'}]}, 'unknown parameter key'),
    ({'compose': {'services': {'web': {'image': 'x:1', 'ports': ['${port}:80'], 'credential_spec': {}}}}}, 'credential_spec'),
    ({'logo': '<svg onload="alert(1)"></svg>'}, 'plain SVG'),
    ({'logo': '../secret.svg'}, 'not a file name'),
    ({'colour': 'red'}, 'unknown template key'),
])
def test_template_files_are_validated(tmp_path, changes, message):
    with pytest.raises(InvalidInput, match=message):
        load_template_file(write_template(tmp_path, **changes))


def test_template_file_name_must_match_its_id(tmp_path):
    path = write_template(tmp_path)
    path.rename(tmp_path / 'other.yaml')
    with pytest.raises(InvalidInput, match='must be named demo.yaml'):
        load_template_file(tmp_path / 'other.yaml')


def test_a_broken_user_template_is_listed_as_unavailable(tmp_path):
    user = tmp_path / 'user'
    user.mkdir()
    write_template(user, parameters=[])
    catalog = Catalog(BUILTIN, user)
    broken = catalog.get('demo')
    assert not broken.available and 'is not a parameter' in broken.unavailable_reason
    with pytest.raises(Conflict, match='cannot be deployed'):
        catalog.render('demo', {})
    assert len(catalog.list()) == len(EXPECTED_IDS) + 1


# ---- user templates -----------------------------------------------------------------------------------

def test_save_user_template_round_trip(tmp_path):
    catalog = Catalog(BUILTIN, tmp_path / 'user')
    saved = catalog.save_user_template(
        'my-blog', title='My blog', description='Our team blog', category='CMS', tags=['blog'],
        compose='services:\n  web:\n    image: nginx:1.27-alpine\n    ports: ["${port}:80"]\n'
                '    environment:\n      SECRET: ${secret}\n',
        parameters=[Parameter(name='port', type='port', default='8081', required=True),
                    {'name': 'secret', 'type': 'password', 'generate': 'hex'}])
    assert (tmp_path / 'user' / 'my-blog.yaml').is_file()
    again = Catalog(BUILTIN, tmp_path / 'user').get('my-blog')
    assert again == saved and again.source == 'user'
    assert again.parameter('secret').secret and again.parameter('port').default == '8081'
    assert [t.id for t in catalog.list(q='team blog')] == ['my-blog']
    rendered = catalog.render('my-blog', {})
    load_project(rendered.compose, name='my-blog', env=rendered.env)
    catalog.delete_user_template('my-blog')
    with pytest.raises(NotFound):
        catalog.get('my-blog')


def test_saving_a_stack_infers_parameters_without_storing_secrets(user_catalog, tmp_path):
    catalog = user_catalog
    compose = {'services': {'db': {'image': 'postgres:16-alpine', 'ports': ['${DB_PORT}:5432'],
                                   'environment': {'POSTGRES_PASSWORD': '${POSTGRES_PASSWORD}', 'TZ': '${TZ:-UTC}'}}}}
    saved = catalog.save_user_template('my-db', title='My DB', description='', compose=compose,
                                       defaults={'DB_PORT': '5433', 'POSTGRES_PASSWORD': 'not stored'})
    assert [(p.name, p.type, p.default) for p in saved.parameters] == [
        ('db_port', 'string', '5433'), ('postgres_password', 'password', None), ('tz', 'string', None)]
    assert saved.compose['services']['db']['environment']['POSTGRES_PASSWORD'] == '${postgres_password}'
    assert 'not stored' not in (tmp_path / 'user' / 'my-db.yaml').read_text()
    rendered = catalog.render('my-db', {})
    project = load_project(rendered.compose, name='my-db', env=rendered.env)
    assert project.services['db'].environment['TZ'] == 'UTC' and len(rendered.env['postgres_password']) >= 16


def test_user_templates_cannot_take_builtin_ids(catalog):
    with pytest.raises(Conflict, match='built-in'):
        catalog.save_user_template('wordpress', title='Mine', description='', compose={'services': {'a': {'image': 'x:1'}}})
    with pytest.raises(Conflict, match='built in'):
        catalog.delete_user_template('wordpress')


# ---- Portainer feeds -------------------------------------------------------------------------------------

# (file, container templates, of which Windows-only, stack templates): counted by reading the feeds
FEEDS_EXPECTED = [
    ('portainer-official-templates-2.0.json', 42, 2, 26),   # stacks: 11 swarm, 8 compose, 7 edge (all remote)
    ('portainer-official-v3-templates.json', 36, 2, 33),    # stacks: 11 swarm, 22 compose (all remote)
    ('selfhostedpro-portainer-v2.json', 101, 0, 4),
]


@pytest.mark.parametrize(('name', 'containers', 'windows', 'stacks'), FEEDS_EXPECTED)
def test_portainer_feed_counts(name, containers, windows, stacks):
    entries = json.loads(feed(name))['templates']
    assert sum(e['type'] == 1 for e in entries) == containers and len(entries) - containers == stacks
    templates = import_portainer(feed(name))
    assert len(templates) == len(entries) and len({t.id for t in templates}) == len(templates)
    assert all(t.id.startswith('portainer-') and t.source == 'portainer' for t in templates)
    available = [t for t in templates if t.available]
    assert len(available) == containers - windows
    reasons = [t.unavailable_reason for t in templates if not t.available]
    assert sum('cannot be fetched here' in r for r in reasons) == stacks
    assert sum('Windows' in r for r in reasons) == windows


@pytest.mark.parametrize(('name', 'containers', 'windows', 'stacks'), FEEDS_EXPECTED)
def test_every_imported_container_template_renders_and_loads(name, containers, windows, stacks):
    for template in import_portainer(feed(name)):
        if template.available:
            env = {p.name: p.default or '' for p in template.parameters}
            project = load_project(template.compose, name='t', env=env | {
                p.name: 'x' for p in template.parameters if p.type == 'password'})
            assert len(project.services) == 1, template.id


def test_v1_list_feed_imports_like_v2():
    entries = json.loads(feed('portainer-official-templates-2.0.json'))['templates']
    v1 = import_portainer(json.dumps(entries))
    v2 = import_portainer(feed('portainer-official-templates-2.0.json'))
    assert [(t.id, t.available) for t in v1] == [(t.id, t.available) for t in v2]


def test_container_template_conversion(tmp_path):
    templates = {t.title: t for t in import_portainer(feed('portainer-official-v3-templates.json'))}
    minio = templates['Minio']
    assert [p.name for p in minio.parameters] == ['port', 'port_9001', 'minio_root_user', 'minio_root_password']
    assert minio.parameter('minio_root_password').generate == 'password'
    service = minio.compose['services']['minio']
    assert service['ports'] == ['${port}:9000/tcp', '${port_9001}:9001/tcp']
    assert service['command'] == "server /data --console-address ':9001'"
    mysql = templates['MySQL'].compose['services']['mysql']
    assert mysql['environment']['MYSQL_ROOT_HOST'] == '%'  # preset: a fixed value, not a parameter
    select = {'name': 'EDITION', 'label': 'Edition', 'select': [
        {'text': 'Standard', 'value': 'standard'}, {'text': 'Edge', 'value': 'edge', 'default': True}]}
    [choice] = import_portainer([{'type': 1, 'title': 'Choice', 'image': 'busybox:1.36', 'env': [select]}])
    edition = choice.parameter('edition')
    assert edition.type == 'choice' and edition.choices == ('standard', 'edge') and edition.default == 'edge'
    # privileged and socket mounts are carried over for the policy to refuse
    catalog = Catalog(BUILTIN, tmp_path / 'user')
    catalog.import_feed(feed('portainer-official-v3-templates.json'), source_name='official v3')
    rendered = catalog.render('portainer-sematext-docker-agent', {})
    findings = [str(f) for f in HostPolicy(stacks_dir=tmp_path).findings(
        load_project(rendered.compose, name='t', env=rendered.env))]
    assert any('privileged' in f for f in findings) and any('engine socket' in f for f in findings), findings
    registry = catalog.render('portainer-registry', {'port': 5001})
    project = load_project(registry.compose, name='registry', env=registry.env)
    assert project.services['registry'].ports[0].published == '5001'
    assert [m.type for m in project.services['registry'].mounts] == ['volume']


def test_stack_templates_are_imported_when_their_file_is_readable(tmp_path):
    (tmp_path / 'stacks' / 'blog').mkdir(parents=True)
    (tmp_path / 'stacks' / 'blog' / 'docker-compose.yml').write_text(
        'services:\n  db:\n    image: mariadb:11.4\n    environment:\n'
        '      - MYSQL_ROOT_PASSWORD=${MYSQL_ROOT_PASSWORD}\n      - TZ\n    ports: ["${DB_PORT:-3306}:3306"]\n')
    repository = {'url': 'https://example.org/t', 'stackfile': 'stacks/blog/docker-compose.yml'}
    entries = [
        {'type': 3, 'title': 'Blog DB', 'repository': repository, 'env': [
            {'name': 'MYSQL_ROOT_PASSWORD'}, {'name': 'TZ', 'default': 'UTC'}, {'name': 'DB_PORT', 'default': '3307'}]},
        {'type': 3, 'title': 'Escape', 'repository': {'url': 'https://example.org/t', 'stackfile': '../../etc/passwd'}},
        {'type': 2, 'title': 'Inline', 'stackfile': 'services:\n  app:\n    image: busybox:1.36\n'},
        {'type': 3, 'title': 'Remote', 'stackfile': 'https://example.org/compose.yml'},
        {'type': 3, 'title': 'Blog DB', 'compose': {'services': {'web': {'image': 'nginx:1.27-alpine', 'privileged': True}}}},
    ]
    blog, escape, inline, remote, duplicate = import_portainer({'version': '3', 'templates': entries}, base_dir=tmp_path)
    assert blog.available and [p.name for p in blog.parameters] == ['mysql_root_password', 'tz', 'db_port']
    env = blog.compose['services']['db']['environment']
    assert env == ['MYSQL_ROOT_PASSWORD=${mysql_root_password}', 'TZ=${tz}']
    assert escape.unavailable_reason == 'compose file at https://example.org/t/../../etc/passwd cannot be fetched here'
    assert inline.available
    assert remote.unavailable_reason == 'compose file at https://example.org/compose.yml cannot be fetched here'
    assert duplicate.id == 'portainer-blog-db-2' and duplicate.compose['services']['web']['privileged'] is True
    catalog = Catalog(BUILTIN, tmp_path / 'user')
    catalog.import_feed({'version': '3', 'templates': entries}, source_name='mine', base_dir=tmp_path)
    rendered = catalog.render('portainer-blog-db', {})
    project = load_project(rendered.compose, name='blog', env=rendered.env)
    assert project.services['db'].environment['TZ'] == 'UTC' and project.services['db'].ports[0].published == '3307'
    assert rendered.secrets == ('mysql_root_password',) and len(rendered.env['mysql_root_password']) >= 16


def test_import_feed_persists_and_replaces_the_same_feed(tmp_path):
    catalog = Catalog(BUILTIN, tmp_path / 'user')
    result = catalog.import_feed(feed('selfhostedpro-portainer-v2.json'), source_name='selfhosted')
    assert (result.imported, result.unavailable, len(result.templates)) == (101, 4, 105)
    fresh = Catalog(BUILTIN, tmp_path / 'user')
    imported = [t for t in fresh.list() if t.source == 'portainer']
    assert len(imported) == 105 and len(fresh.list()) == len(EXPECTED_IDS) + 105
    assert all(fresh.get(t.id) == t for t in result.templates)  # the stored files read back the same
    assert [t.id for t in fresh.list(q='plex')][0] == 'portainer-plex'
    again = catalog.import_feed(feed('selfhostedpro-portainer-v2.json'), source_name='selfhosted')
    assert {t.id for t in again.templates} == {t.id for t in result.templates}
    assert len(list((tmp_path / 'user' / 'portainer').glob('*.yaml'))) == 105
    other = catalog.import_feed([{'type': 1, 'title': 'Nginx', 'image': 'nginx:1.27-alpine'}], source_name='other')
    [nginx] = other.templates  # unique beside the first feed's Nginx
    assert nginx.id == 'portainer-nginx-2' and catalog.get('portainer-nginx') != nginx
    assert len(catalog.list()) == len(EXPECTED_IDS) + 105 + 1


@pytest.mark.parametrize(('data', 'message'), [
    (b'{not json', 'not valid JSON'), ('{"version": "9", "templates": []}', "version '9'"),
    ('{"templates": 5}', 'Portainer feed is a JSON list'), ('"text"', 'Portainer feed is a JSON list'),
])
def test_bad_feeds_are_refused(data, message):
    with pytest.raises(InvalidInput, match=message):
        import_portainer(data)
