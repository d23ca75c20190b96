"""Generated secrets are shown once, then masked everywhere; a reveal is deliberate and
recorded; passwords typed into a command or a compose document stay out of history records,
commit messages and the log; names in commit messages are one line.

Real app (``python app.py``), real engine, stand-in images; each test names its stacks uniquely
and removes them at the end.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from pathlib import Path

import docker.errors
import httpx
import yaml

from deployer.secrets import MASK
from devtools.apprun import free_port

from .test_versioning_api import containers, env_of, git, ok, remove_stacks, walk

TEMPLATE = '''id: {id}
title: Secret in a command ({id})
description: A cache whose generated password lands in its command, a label and its environment.
category: Databases
parameters:
  - name: port
    label: Port
    type: port
    required: true
  - name: password
    label: Password
    type: password
    generate: password
compose:
  services:
    cache:
      image: redis:7.4-alpine
      command: ["redis-server", "--requirepass", "${{password}}", "--appendonly", "yes"]
      labels:
        example.dsn: "redis://default:${{password}}@cache:6379/0"
        example.tier: cache
      environment:
        REDISCLI_AUTH: ${{password}}
      ports:
        - "${{port}}:6379"
'''


@contextlib.asynccontextmanager
async def _event_stream(app_server):
    """Everything ``GET /events`` sends while the block runs, as text (``chunks``)."""
    chunks: list[str] = []
    headers = {'Authorization': f'Bearer {app_server.token}'}
    async with httpx.AsyncClient(base_url=app_server.base_url, headers=headers, timeout=10) as client, \
            client.stream('GET', '/events') as response:
        assert response.status_code == 200

        async def read() -> None:
            async for text in response.aiter_text():
                chunks.append(text)

        task = asyncio.create_task(read())
        try:
            yield chunks
        finally:
            await asyncio.sleep(1.0)  # the last events on their way
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


async def test_a_generated_password_is_shown_once_then_masked_everywhere(app_server, docker_client, template_standin):
    tag = secrets.token_hex(4)
    template_id, stack = f'tsm-{tag}', f'tsm-{tag}'
    (app_server.data_dir / 'config' / 'templates').mkdir(parents=True, exist_ok=True)
    template_file = app_server.data_dir / 'config' / 'templates' / f'{template_id}.yaml'
    template_file.write_text(TEMPLATE.format(id=template_id))
    bodies: dict[str, str] = {}   # every later answer: what it was, its text

    def get(api: httpx.Client, path: str, **params) -> dict:
        response = api.get(path, params=params)
        bodies[f'GET {path} {params or ""}'] = response.text
        return ok(response)

    try:
        async with _event_stream(app_server) as events:
            def work() -> tuple[str, httpx.Response]:
                with app_server.client(timeout=180) as api:
                    shown = api.post('/templates/deploy', json={'template': template_id, 'stack': stack,
                                                                'params': {'port': free_port()}})
                    ok(shown)
                    [cache] = containers(docker_client, stack, 'cache')
                    ok(api.post(f'/containers/{cache.id}/action', json={'action': 'restart', 'timeout': 1}))
                    return cache.id, shown
            cid, shown = await asyncio.to_thread(work)
        password = shown.json()['generated_values']['password']

        # shown once: in the deploy answer, and only as the generated value (its stack is masked)
        assert shown.json()['generated'] == ['password'] and len(password) == 24
        assert shown.text.count(password) == 1
        assert MASK in json.dumps(shown.json()['stack'], ensure_ascii=False)
        # the container really runs with it
        [cache] = containers(docker_client, stack, 'cache')
        assert password in cache.attrs['Config']['Cmd'] and env_of(cache)['REDISCLI_AUTH'] == password
        assert cache.labels['example.dsn'] == f'redis://default:{password}@cache:6379/0'

        # then masked: the list rows (labels), the detail (command, labels, env names), the stack, the history
        with app_server.client() as api:
            [row] = get(api, '/containers', stack=stack)
            assert row['labels']['example.dsn'] == f'redis://default:{MASK}@cache:6379/0'
            assert row['labels']['example.tier'] == 'cache'
            get(api, '/containers')
            detail = get(api, f'/containers/{cid}')
            assert detail['command'] == ['redis-server', '--requirepass', MASK, '--appendonly', 'yes']
            assert detail['labels']['example.dsn'] == f'redis://default:{MASK}@cache:6379/0'
            assert 'REDISCLI_AUTH' in detail['env']
            restarted = api.post(f'/containers/{cid}/action', json={'action': 'restart', 'timeout': 1})
            bodies['POST restart'] = restarted.text
            assert ok(restarted)['container']['labels']['example.dsn'].endswith(f':{MASK}@cache:6379/0')
            stack_detail = get(api, f'/stacks/{stack}')
            assert stack_detail['secret_params'] == ['password'] and 'password' not in stack_detail['params']
            assert '${password}' in stack_detail['compose']
            [service] = stack_detail['service_list']
            assert service['containers'][0]['labels']['example.dsn'].endswith(f':{MASK}@cache:6379/0')
            get(api, '/stacks')
            records = walk(api, stack=stack)
            bodies['GET /history (all pages)'] = json.dumps(records)
            assert [r['action'] for r in records] == ['container.restart', 'container.restart', 'deploy']
            for record in records:
                get(api, f'/history/{record["id"]}')
            get(api, f'/stacks/{stack}/diff')
            ran = api.post('/nlp/run', json={'command': f'status of {cache.name}', 'confirm': True})
            bodies['POST /nlp/run status'] = ran.text
            assert ok(ran)['results'][0]['data']['container']['command'][2] == MASK

            # a deliberate reveal: the values, and a history record naming who and which (never the values)
            revealed = api.post(f'/stacks/{stack}/secrets/reveal')
            assert ok(revealed) == {'stack': stack, 'secrets': {'password': password},
                                    'history_id': revealed.json()['history_id']}
            assert revealed.headers['cache-control'] == 'no-store'
            record = get(api, f'/history/{revealed.json()["history_id"]}')
            assert (record['action'], record['target'], record['params']) == ('secrets.reveal', stack,
                                                                              {'names': ['password']})
            assert (record['source'], record['actor'], record['reason']) == (
                'rest', 'api token', f'POST /stacks/{stack}/secrets/reveal')
            assert api.post('/stacks/no-such-stack/secrets/reveal').status_code == 404

        events_text = ''.join(events)
        mine = [e for e in (json.loads(line[6:]) for line in events_text.splitlines() if line.startswith('data: '))
                if e.get('id') == cid and e.get('container')]
        assert {e['kind'] for e in mine} >= {'created', 'started'}   # the stack's events came, masked
        assert {e['container']['labels']['example.dsn'] for e in mine} == {f'redis://default:{MASK}@cache:6379/0'}
        git_history = git(app_server.data_dir / 'config', 'log', '-p', '--all', '--format=%H%n%B')
        places = {'GET /events': events_text, 'git log -p': git_history,
                  'the app log': app_server.log_path.read_text(errors='replace'), **bodies}
        assert [where for where, text in places.items() if password in text] == []
        assert all(MASK in bodies[k] for k in (f'GET /containers {{\'stack\': \'{stack}\'}}', f'GET /containers/{cid} ',
                                               f'GET /stacks/{stack} '))
    finally:
        remove_stacks(docker_client, [stack], app_server)
        template_file.unlink(missing_ok=True)


async def test_passwords_typed_into_commands_and_documents_stay_out_of_records_commits_and_logs(
        app_server, docker_client, busybox_image, template_standin):
    tag = secrets.token_hex(4)
    typed_env, typed_param, typed_phrase, literal, env_value = (
        f'{kind}-{tag}-{secrets.token_hex(6)}' for kind in ('runpw', 'parampw', 'phrasepw', 'literal', 'envpw'))
    run_name, template_stack, compose_stack = f'tsr-{tag}', f'tsr-{tag}-redis', f'tsr-{tag}-compose'
    phrase_stack = f'tsr-{tag}-phrase'
    config = app_server.data_dir / 'config'

    def work() -> dict:
        with app_server.client(timeout=180) as api:
            # the assistant: a container with a password in its env, a template with a password parameter
            ran = ok(api.post('/nlp/run', json={'command': f'run {busybox_image} named {run_name} with '
                                                           f'REDIS_PASSWORD={typed_env}', 'confirm': True}))
            assert ran['ok'], ran
            deployed = ok(api.post('/nlp/run', json={
                'command': f'deploy redis as {template_stack} on port {free_port()} with password={typed_param}',
                'confirm': True}))
            assert deployed['ok'], deployed
            # said in words: the parser does not take it as the parameter (a password is generated),
            # but the command as recorded must not carry it either
            phrased = ok(api.post('/nlp/run', json={
                'command': f'deploy redis as {phrase_stack} on port {free_port()} with password {typed_phrase}',
                'confirm': True}))
            assert phrased['ok'], phrased
            # a compose document with a literal under a secret-looking key, and a secret env value
            document = f'''services:
  app:
    image: {busybox_image}
    init: true
    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]
    environment:
      MYSQL_ROOT_PASSWORD: {literal}
      DB_PASSWORD: ${{DB_PASSWORD}}
      MODE: ${{MODE:-one}}
    healthcheck:
      test: ["CMD-SHELL", "test -n {literal}"]
      interval: 2s
'''
            first = ok(api.post('/deploy', json={'stack': compose_stack, 'compose': document,
                                                 'env': {'DB_PASSWORD': env_value}}))
            again = ok(api.post('/deploy', json={'stack': compose_stack, 'compose': document,
                                                 'env': {'DB_PASSWORD': env_value}}))
            redeployed = ok(api.post(f'/stacks/{compose_stack}/action', json={'action': 'redeploy'}))
            changed = ok(api.post('/deploy', json={'stack': compose_stack, 'compose': document,
                                                   'env': {'DB_PASSWORD': env_value, 'MODE': 'two'}}))
            rolled = ok(api.post(f'/stacks/{compose_stack}/rollback'))
            detail = ok(api.get(f'/stacks/{compose_stack}'))
            return {'records': walk(api), 'first': first, 'again': again, 'redeployed': redeployed, 'changed': changed,
                    'rolled': rolled, 'detail': detail, 'run_detail': ok(api.get(f'/containers/{run_name}'))}

    try:
        seen = await asyncio.to_thread(work)
        [app] = containers(docker_client, compose_stack, 'app')
        env = env_of(app)
        # the containers get every value
        assert (env['MYSQL_ROOT_PASSWORD'], env['DB_PASSWORD'], env['MODE']) == (literal, env_value, 'one')
        assert f'REDIS_PASSWORD={typed_env}' in docker_client.containers.get(run_name).attrs['Config']['Env']
        [redis] = containers(docker_client, template_stack, 'redis')
        assert env_of(redis)['REDISCLI_AUTH'] == typed_param
        # the literal left the document: a reference in git and on the stack page, the value in the secrets file
        committed = (config / 'stacks' / compose_stack / 'compose.yaml').read_text()
        assert literal not in committed and '${APP_MYSQL_ROOT_PASSWORD}' in committed
        assert 'test -n ${APP_MYSQL_ROOT_PASSWORD}' in committed   # the same literal elsewhere in the document too
        kept = yaml.safe_load((app_server.data_dir / 'secrets' / f'{compose_stack}.yaml').read_text())
        assert kept == {'APP_MYSQL_ROOT_PASSWORD': literal, 'DB_PASSWORD': env_value}
        assert seen['detail']['secret_params'] == ['APP_MYSQL_ROOT_PASSWORD', 'DB_PASSWORD']
        assert seen['detail']['drift']['in_sync'] is True
        # ... and it round-trips: the same document again and a redeploy change nothing; a rollback keeps it
        assert len(seen['again']['result']['unchanged']) == 1 and seen['again']['result']['recreated'] == []
        assert seen['redeployed']['result']['recreated'] == []
        assert len(seen['changed']['result']['recreated']) == 1 and len(seen['rolled']['result']['recreated']) == 1
        assert 'REDIS_PASSWORD' in seen['run_detail']['env'] and not any('=' in n for n in seen['run_detail']['env'])

        # the records say what was masked
        records = seen['records']
        plans = [r for r in records if r['action'] == 'plan']
        assert any(f'REDIS_PASSWORD={MASK}' in r['reason'] for r in plans)
        assert any(f'password={MASK}' in r['reason'] for r in plans)
        assert any(f'with password {MASK}' in r['reason'] for r in plans)
        [deploy_record] = [r for r in records if r['stack'] == compose_stack and r['action'] == 'deploy'][-1:]
        assert deploy_record['params']['env'] == {'DB_PASSWORD': MASK}
        assert deploy_record['params']['secrets'] == ['APP_MYSQL_ROOT_PASSWORD', 'DB_PASSWORD']
        template_commit = git(config, 'log', '-1', '--format=%B', '--', f'stacks/{template_stack}')
        assert f'password={MASK}' in template_commit

        # nowhere else to be found
        history_files = {str(p): p.read_bytes().decode('utf-8', 'replace')
                         for p in (app_server.data_dir / 'history').rglob('*') if p.is_file()}
        places = {'git log -p --all': git(config, 'log', '-p', '--all', '--format=%H%n%B'),
                  'the app log': app_server.log_path.read_text(errors='replace'),
                  'GET /history': json.dumps(records), **history_files}
        values = {'typed env': typed_env, 'typed parameter': typed_param, 'typed in words': typed_phrase,
                  'compose literal': literal, 'env value': env_value}
        leaks = [f'{label} in {where}' for label, value in values.items() for where, text in places.items()
                 if value in text]
        assert not leaks, leaks
    finally:
        remove_stacks(docker_client, [template_stack, phrase_stack, compose_stack], app_server)
        with contextlib.suppress(docker.errors.NotFound):
            docker_client.containers.get(run_name).remove(force=True)


def test_names_in_commit_messages_and_records_are_one_line_without_control_characters(app_server):
    hostile = 'feed\nReason: forged\nActor: someone else\x1b[31m red\x1b[0m \u202eexe.txt\x00\x7f'
    feed = [{'type': 1, 'title': f'One-line {secrets.token_hex(3)}', 'image': 'busybox:1.36'}]
    with app_server.client() as api:
        ok(api.post('/templates/import', json={'content': feed, 'name': hostile}))
        [record] = ok(api.get('/history', params={'action': 'template.import', 'limit': 1}))['records']
    message = git(Path(app_server.data_dir) / 'config', 'log', '-1', '--format=%B', '--', 'templates')
    first, *rest = message.strip().split('\n')
    assert first == 'import templates from feed Reason: forged Actor: someone else red exe.txt'
    assert [line for line in rest if line.startswith('Reason:')] == ['Reason: POST /templates/import']
    assert [line for line in rest if line.startswith('Actor:')] == ['Actor: api token']
    assert record['target'] == 'feed Reason: forged Actor: someone else red exe.txt'
    assert not any(c in message + record['target'] for c in '\x1b\u202e\x00\x7f')
