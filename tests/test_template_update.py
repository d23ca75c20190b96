"""A template deployed onto a stack that exists is never a silent replacement (issue 13): without
``update`` the answer says what the update would change; with it, the stack is updated and the
values it has for parameters not given — a generated password — stay the same."""
from __future__ import annotations

import secrets

from devtools.apprun import free_port

PROJECT = 'com.docker.compose.project'


def test_a_template_onto_an_existing_stack_asks_first_and_keeps_its_password(app_server, docker_client,
                                                                            template_standin):
    stack = f'tu-{secrets.token_hex(3)}'
    first, second = free_port(), free_port()
    with app_server.client(timeout=180) as api:
        try:
            made = api.post('/templates/deploy', json={'template': 'redis', 'stack': stack, 'params': {'port': first}})
            assert made.status_code == 200, made.text
            password = made.json()['generated_values']['password']
            [before] = docker_client.containers.list(filters={'label': f'{PROJECT}={stack}'})

            asked = api.post('/templates/deploy', json={'template': 'redis', 'stack': stack,
                                                        'params': {'port': second}})
            assert asked.status_code == 409, asked.text
            error = asked.json()['error']
            assert error['code'] == 'stack_exists'
            assert error['summary'] == f'update {stack}: redis (port {first}→6379 becomes {second}→6379): ' \
                                       '1 container recreated'
            assert [c['change'] for c in error['changes']] == ['recreate']
            assert password not in asked.text
            assert docker_client.containers.get(before.id).status == 'running', 'the refused deploy touched it'

            same = api.post('/templates/deploy', json={'template': 'redis', 'stack': stack, 'params': {'port': first}})
            assert same.status_code == 409 and 'nothing would change' in same.json()['error']['message']

            updated = api.post('/templates/deploy', json={'template': 'redis', 'stack': stack, 'update': True,
                                                          'params': {'port': second}})
            assert updated.status_code == 200, updated.text
            assert updated.json()['generated'] == []
            [after] = docker_client.containers.list(filters={'label': f'{PROJECT}={stack}'})
            assert after.id != before.id and password in after.attrs['Config']['Cmd']
            assert after.ports['6379/tcp'][0]['HostPort'] == str(second)
        finally:
            api.post(f'/stacks/{stack}/action', json={'action': 'remove', 'volumes': True})
