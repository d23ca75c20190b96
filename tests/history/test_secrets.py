"""Secrets never leave ``secrets/``: not into git (its whole history), the history store, the
app's log or any API response (but the one deploy response that shows a generated value once),
through a template deploy with generated and given passwords and a compose deploy with
``secrets`` and a secret-looking env name, and through the changes, scale, rollback and
save-as-template that follow. The containers still get every value.
"""
from __future__ import annotations

import secrets
import subprocess
from pathlib import Path

import yaml

from devtools.apprun import free_port

from .test_versioning_api import LOOP, containers, env_of, ok, remove_stacks, walk


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(['git', '-C', str(repo), *args], check=True, capture_output=True, text=True,
                          timeout=60).stdout


def _compose(image: str) -> str:
    return f'''services:
  app:
    image: {image}
    init: true
    command: ["sh", "-c", "{LOOP}"]
    environment:
      MODE: ${{MODE}}
      DB_PASSWORD: ${{DB_PASSWORD}}
      GREETING: ${{GREETING}}
      API_TOKEN: ${{API_TOKEN}}
  other:
    image: {image}
    init: true
    command: ["sh", "-c", "{LOOP}"]
'''


def test_secrets_stay_out_of_git_history_logs_and_responses(app_server, docker_client, busybox_image,
                                                             template_standin):
    tag = secrets.token_hex(4)
    generated_stack, given_stack, compose_stack = f'ts-{tag}-gen', f'ts-{tag}-given', f'ts-{tag}-compose'
    template_id = f'ts-{tag}-saved'
    given_password = f'given-{secrets.token_hex(12)}'
    db_password, greeting, api_token = (f'{kind}-{secrets.token_hex(12)}' for kind in ('dbpw', 'greet', 'apitok'))
    bodies: list[str] = []   # every response body received

    def call(response, status: int = 200) -> dict:
        bodies.append(response.text)
        return ok(response, status)

    try:
        with app_server.client() as api:
            # a template with a generated secret (its value shown once: in this response only), and the
            # same template with the password given
            shown = api.post('/templates/deploy', json={'template': 'redis', 'stack': generated_stack,
                                                         'params': {'port': free_port()}}, timeout=180)
            out = ok(shown)
            assert out['generated'] == ['password'] and list(out['generated_values']) == ['password']
            out_generated = out['generated_values']['password']
            assert shown.text.count(out['generated_values']['password']) == 1
            out = call(api.post('/templates/deploy', json={
                'template': 'redis', 'stack': given_stack,
                'params': {'port': free_port(), 'password': given_password}}, timeout=180))
            assert out['generated'] == [] and out['generated_values'] == {}

            # a compose deploy: values marked secret (one with a plain name) and a secret-looking env name
            env = {'MODE': 'first', 'API_TOKEN': api_token}
            first = call(api.post('/deploy', json={'stack': compose_stack, 'compose': _compose(busybox_image),
                                                   'env': env, 'secrets': {'DB_PASSWORD': db_password,
                                                                           'GREETING': greeting}}, timeout=120))
            assert first['stack']['params'] == {'MODE': 'first'}
            assert first['stack']['secret_params'] == ['API_TOKEN', 'DB_PASSWORD', 'GREETING']
            call(api.post('/deploy', json={'stack': compose_stack, 'compose': _compose(busybox_image),
                                           'env': {**env, 'MODE': 'second'},
                                           'secrets': {'DB_PASSWORD': db_password, 'GREETING': greeting}}, timeout=120))
            call(api.post(f'/stacks/{compose_stack}/scale', json={'service': 'other', 'replicas': 2}, timeout=120))
            rolled = call(api.post(f'/stacks/{compose_stack}/rollback', timeout=120))
            # the rollback went back to before the scale; the secrets came along
            [app] = containers(docker_client, compose_stack, 'app')
            app_env = env_of(app)
            assert app_env['MODE'] == 'second' and rolled['rolled_back_to']
            rolled = call(api.post(f'/stacks/{compose_stack}/rollback', json={
                'to': call(api.get(f'/stacks/{compose_stack}/revisions'))[-1]['id']}, timeout=120))
            [app] = containers(docker_client, compose_stack, 'app')
            app_env = env_of(app)
            assert app_env['MODE'] == 'first'
            assert (app_env['DB_PASSWORD'], app_env['GREETING'], app_env['API_TOKEN']) == (db_password, greeting,
                                                                                          api_token)
            call(api.post('/templates', json={'id': template_id, 'stack': compose_stack, 'title': 'Saved in a test'}),
                 201)

            # the values, generated ones read from where they are kept
            secret_dir = app_server.data_dir / 'secrets'
            generated = yaml.safe_load((secret_dir / f'{generated_stack}.yaml').read_text())
            assert set(generated) == {'password'} and len(generated['password']) >= 16
            assert generated['password'] == out_generated
            assert yaml.safe_load((secret_dir / f'{given_stack}.yaml').read_text()) == {'password': given_password}
            assert yaml.safe_load((secret_dir / f'{compose_stack}.yaml').read_text()) == {
                'DB_PASSWORD': db_password, 'GREETING': greeting, 'API_TOKEN': api_token}
            for stack in (generated_stack, given_stack, compose_stack):
                assert (secret_dir / f'{stack}.yaml').stat().st_mode & 0o777 == 0o600, stack
            assert secret_dir.stat().st_mode & 0o077 == 0
            [redis] = containers(docker_client, generated_stack, 'redis')
            assert env_of(redis)['REDISCLI_AUTH'] == generated['password']   # the container has it
            [redis] = containers(docker_client, given_stack, 'redis')
            assert env_of(redis)['REDISCLI_AUTH'] == given_password
            values = {'generated password': generated['password'], 'given password': given_password,
                      'DB_PASSWORD': db_password, 'GREETING': greeting, 'API_TOKEN': api_token}

            # read everything the API shows about them
            call(api.get('/stacks'))
            for stack in (generated_stack, given_stack, compose_stack):
                detail = call(api.get(f'/stacks/{stack}'))
                assert detail['drift']['in_sync'] is True, detail['drift']
                for revision in call(api.get(f'/stacks/{stack}/revisions')):
                    call(api.get(f'/stacks/{stack}/diff', params={'to': revision['id']}))
                call(api.get(f'/stacks/{stack}/diff'))
                for record in walk(api, stack=stack, limit=2):
                    call(api.get(f'/history/{record["id"]}'))
                bodies.append(str(walk(api, stack=stack)))
            call(api.get('/history', params={'limit': 500}))
            call(api.get('/templates'))
            call(api.get('/templates/redis'))
            saved = call(api.get(f'/templates/{template_id}'))
            assert {'db_password', 'greeting', 'api_token'} <= {p['name'] for p in saved['parameters']}
            call(api.get('/containers', params={'stack': compose_stack}))
            records = walk(api, stack=compose_stack)
            assert [r['action'] for r in records] == ['template.save', 'rollback', 'rollback', 'scale', 'deploy',
                                                      'deploy']
            call(api.delete(f'/templates/{template_id}'), 204)

        # nowhere to be found
        config = app_server.data_dir / 'config'
        git_history = _git(config, 'log', '-p', '--all', '--format=%H%n%B')
        assert f'stacks/{compose_stack}/deployer.yaml' in git_history and 'DB_PASSWORD' in git_history
        history_files = {str(p): p.read_bytes().decode('utf-8', 'replace')
                         for p in (app_server.data_dir / 'history').rglob('*') if p.is_file()}
        assert history_files
        assert any(compose_stack in text for text in history_files.values())
        other_files = {str(p): p.read_bytes().decode('utf-8', 'replace') for p in app_server.data_dir.rglob('*')
                       if p.is_file() and secret_dir not in p.parents and (config / '.git') not in p.parents}
        log = app_server.log_path.read_text(errors='replace')
        places = {'git log -p --all': git_history, 'the app log': log, **history_files, **other_files,
                  **{f'API response {i}': body for i, body in enumerate(bodies)}}
        leaks = [f'{label} in {where}' for label, value in values.items() for where, text in places.items()
                 if value in text]
        assert not leaks, leaks
    finally:
        remove_stacks(docker_client, [generated_stack, given_stack, compose_stack], app_server)
        with app_server.client() as api:
            api.delete(f'/templates/{template_id}')
