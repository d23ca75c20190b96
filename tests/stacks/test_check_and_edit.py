"""Checking a document before it is deployed, saving only over what was seen, masked secrets
sent back, and adopting a stack made by docker-compose — the service and REST side of the
compose editor, on the real engine."""
from __future__ import annotations

from pathlib import Path

import pytest

from deployer.errors import StackChanged
from deployer.secrets import MASK
from devtools.compose_v1 import compose_v1
from devtools.documents import web

from .conftest import project_containers

SLEEP = '["sleep", "1000000"]'


def web_and_db(image: str, port: int, *, db_version: str = '1') -> str:
    return web(image, port, db=f'''  db:
    image: {image}
    command: {SLEEP}
    init: true
    stop_grace_period: 1s
    environment:
      DB_VERSION: "{db_version}"
      DB_PASSWORD: ${{DB_PASSWORD}}
''')


def test_a_new_stack_check_names_what_would_be_created(deployer_service, new_stack, busybox_image, docker_client):
    name = new_stack()
    check = deployer_service.check_stack(name, web_and_db(busybox_image, 18431), env={'DB_PASSWORD': 'pw-new-1'})
    assert check.valid and not check.exists and check.revision is None
    assert check.summary == f'new stack {name}: 2 services, 2 containers created'
    assert [(c.service, c.change, c.containers) for c in check.changes] == [('web', 'create', 1), ('db', 'create', 1)]
    assert 'pw-new-1' not in check.diff and f'DB_PASSWORD={MASK}' in check.diff
    assert project_containers(docker_client, name) == [], 'a check deployed something'


def test_errors_and_policy_refusals_come_at_their_line(deployer_service, new_stack, busybox_image):
    name = new_stack()
    broken = deployer_service.check_stack(name, 'services:\n  web:\n    image: x\n    ports: [\n')
    assert not broken.valid and broken.problems[0].kind == 'error' and broken.problems[0].line is not None
    assert 'not valid YAML' in broken.problems[0].message

    wrong = deployer_service.check_stack(name, f'services:\n  web:\n    image: {busybox_image}\n    init: maybe\n')
    assert not wrong.valid
    assert (wrong.problems[0].kind, wrong.problems[0].line) == ('error', 4)
    assert 'services.web.init' in wrong.problems[0].message

    refused = deployer_service.check_stack(
        name, f'services:\n  web:\n    image: {busybox_image}\n    volumes:\n      - /etc:/host-etc\n')
    assert not refused.valid
    [problem] = refused.problems
    assert problem.kind == 'policy' and problem.line == 4 and '/etc' in problem.message


def test_an_update_check_says_what_changes_and_saving_over_an_old_revision_is_refused(
        deployer_service, new_stack, busybox_image, docker_client):
    name = new_stack()
    detail, _ = deployer_service.deploy_stack(name, web_and_db(busybox_image, 18432), env={'DB_PASSWORD': 'pw-a-1'})
    opened = detail.revision
    assert opened and deployer_service.get_stack(name).revision == opened

    same = deployer_service.check_stack(name, web_and_db(busybox_image, 18432), env={'DB_PASSWORD': MASK})
    assert same.valid and not same.changed and same.summary.startswith(f'no change to {name}')

    moved = deployer_service.check_stack(name, web_and_db(busybox_image, 18433), env={'DB_PASSWORD': MASK})
    assert moved.summary == f'update {name}: web (port 18432→80 becomes 18433→80): 1 container recreated'
    web = next(c for c in moved.changes if c.service == 'web')
    assert web.change == 'recreate' and web.containers == 1 and any('18433' in d for d in web.details)
    assert next(c for c in moved.changes if c.service == 'db').change == 'unchanged'
    assert '-      - "127.0.0.1:18432:80"' in moved.diff and '+      - "127.0.0.1:18433:80"' in moved.diff

    # someone else saves in between: a save made against the opened revision is refused with the difference
    deployer_service.deploy_stack(name, web_and_db(busybox_image, 18432, db_version='2'), env={'DB_PASSWORD': MASK})
    with pytest.raises(StackChanged) as refused:
        deployer_service.deploy_stack(name, web_and_db(busybox_image, 18433), env={'DB_PASSWORD': MASK},
                                      expect_revision=opened)
    assert refused.value.details['expected'] == opened and '+      DB_VERSION: "2"' in refused.value.details['diff']
    ports = {c.labels['com.docker.compose.service']: c.ports for c in project_containers(docker_client, name)}
    assert '80/tcp' in ports['web'] and ports['web']['80/tcp'][0]['HostPort'] == '18432', 'the refused save changed it'

    # the masked password stood for the kept one: the db still runs with it
    db = next(c for c in project_containers(docker_client, name) if c.labels['com.docker.compose.service'] == 'db')
    assert 'DB_PASSWORD=pw-a-1' in db.attrs['Config']['Env']

    current = deployer_service.get_stack(name).revision
    deployer_service.deploy_stack(name, web_and_db(busybox_image, 18433), env={'DB_PASSWORD': MASK},
                                  expect_revision=current)
    with pytest.raises(StackChanged, match='exists already'):
        deployer_service.deploy_stack(name, web_and_db(busybox_image, 18434), expect_revision='none')


def test_a_mask_for_a_value_the_stack_does_not_have_is_refused(deployer_service, new_stack, busybox_image):
    name = new_stack()
    from deployer.errors import InvalidInput
    with pytest.raises(InvalidInput, match='stands for the value the stack has now'):
        deployer_service.deploy_stack(name, web_and_db(busybox_image, 18435), env={'DB_PASSWORD': MASK})


def test_check_and_expect_revision_over_rest(app_server, new_stack, busybox_image):
    name = new_stack()
    with app_server.client(timeout=120) as client:
        answer = client.post(f'/stacks/{name}/check', json={'compose': 'services:\n  web:\n    image: [1\n'})
        assert answer.status_code == 200
        body = answer.json()
        assert body['valid'] is False and body['problems'][0]['kind'] == 'error' and body['problems'][0]['line']

        document = web_and_db(busybox_image, 18436)
        deployed = client.post('/deploy', json={'stack': name, 'compose': document, 'env': {'DB_PASSWORD': 'pw-r-1'},
                                                'expect_revision': 'none'})
        assert deployed.status_code == 200, deployed.text
        revision = deployed.json()['stack']['revision']
        assert revision and client.get(f'/stacks/{name}').json()['revision'] == revision

        changed = client.post(f'/stacks/{name}/check', json={'compose': document.replace('DB_VERSION: "1"',
                                                                                            'DB_VERSION: "3"'),
                                                             'env': {'DB_PASSWORD': MASK}}).json()
        assert changed['valid'] and changed['revision'] == revision
        assert [(c['service'], c['change']) for c in changed['changes']] == [('web', 'unchanged'), ('db', 'recreate')]
        assert changed['changes'][1]['details'] == ['environment: DB_VERSION changed']

        stale = client.post('/deploy', json={'stack': name, 'compose': document, 'expect_revision': '0123456789ab',
                                             'env': {'DB_PASSWORD': MASK}})
        assert stale.status_code == 409 and stale.json()['error']['code'] == 'stack_changed'
        assert stale.json()['error']['current'] == revision
        again = client.post('/deploy', json={'stack': name, 'compose': document, 'expect_revision': 'none'})
        assert again.status_code == 409 and 'exists already' in again.json()['error']['message']


def test_adopting_a_stack_made_by_docker_compose(deployer_service, new_stack, busybox_image, docker_client,
                                                 tmp_path: Path):
    name = new_stack()
    folder = tmp_path / 'proj'
    folder.mkdir()
    (folder / '.env').write_text('GREETING=hello-from-env\n')
    (folder / 'docker-compose.yml').write_text(f'''version: "3.8"
services:
  app:
    image: {busybox_image}
    command: ["sleep", "1000000"]
    init: true
    stop_grace_period: 1s
    environment:
      GREETING: ${{GREETING}}
''')
    compose_v1(name, 'up', '-d', cwd=folder)
    assert deployer_service.get_stack(name).source == 'compose'

    preview = deployer_service.check_stack(name, (folder / 'docker-compose.yml').read_text())
    assert preview.exists and [c.service for c in preview.changes] == ['app']

    detail, result = deployer_service.adopt_stack(name)
    assert detail.source == 'dockerdeployer' and detail.revision and result.recreated
    [app] = project_containers(docker_client, name)
    assert 'GREETING=hello-from-env' in app.attrs['Config']['Env'], 'the .env in its own folder stopped applying'
    assert [r.summary for r in deployer_service.stack_revisions(name)][0].startswith(f'adopt stack {name}')
    with pytest.raises(Exception, match='managed here already'):
        deployer_service.adopt_stack(name)
