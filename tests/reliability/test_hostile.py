"""Hostile input (issue 6): YAML bombs and huge bodies, path traversal, names against Docker's
rules, the host-escape policy for compose documents, CSRF, the login rate limit and security headers.

Secrets (never in logs, history, git or API responses) are covered in tests/history/test_secrets.py.
"""
from __future__ import annotations

import secrets
import time

import httpx
import pytest

from devtools.apprun import running_app

COMPOSE_LABEL = 'com.docker.compose.project'
SECURITY_HEADERS = {'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin'}


def stack_name() -> str:
    return f'hostile-{secrets.token_hex(4)}'


def project_containers(docker_client, project: str) -> list:
    return docker_client.containers.list(all=True, filters={'label': f'{COMPOSE_LABEL}={project}'})


def error_code(response: httpx.Response) -> str:
    return response.json()['error']['code']


# --- YAML bombs and huge bodies ----------------------------------------------------------------

def billion_laughs(levels: int = 9) -> str:
    lines = ['x-a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels + 1):
        refs = ', '.join([f'*a{level - 1}'] * 9)
        lines.append(f'x-a{level}: &a{level} [{refs}]')
    lines.append(f'services:\n  app:\n    image: busybox\n    command: *a{levels}')
    return '\n'.join(lines) + '\n'


def deep_nesting(depth: int = 100) -> str:
    return 'services:\n  app:\n    image: busybox\n    labels:\n      x: ' + '[' * depth + ']' * depth + '\n'


@pytest.mark.parametrize('document', [billion_laughs(), deep_nesting()], ids=['billion-laughs-9', 'nesting-100'])
def test_yaml_bombs_are_refused_quickly(app_server, docker_client, document):
    name = stack_name()
    with app_server.client() as client:
        started = time.monotonic()
        response = client.post('/deploy', json={'stack': name, 'compose': document})
        elapsed = time.monotonic() - started
    assert response.status_code == 422, response.text
    assert error_code(response) == 'invalid_input'
    assert elapsed < 1.0, f'took {elapsed:.2f} s'
    assert project_containers(docker_client, name) == []


def test_nesting_as_json_mapping_is_refused(app_server):
    nested: dict = {}
    for _ in range(100):
        nested = {'x': nested}
    with app_server.client() as client:
        response = client.post('/deploy', json={'stack': stack_name(),
                                                'compose': {'services': {'app': {'image': 'busybox'}}, 'x-deep': nested}})
    assert response.status_code == 422, response.text


def test_two_mib_body_is_refused_with_413(app_server):
    body = b'{"stack": "big", "compose": "' + b'#' * (2 << 20) + b'"}'
    with app_server.client() as client:
        started = time.monotonic()
        sized = client.post('/deploy', content=body, headers={'content-type': 'application/json'})
        chunked = client.post('/deploy', content=iter([body[i:i + 65536] for i in range(0, len(body), 65536)]),
                              headers={'content-type': 'application/json'})
        elapsed = time.monotonic() - started
    for response in (sized, chunked):
        assert response.status_code == 413, response.text
        assert error_code(response) == 'too_large'
    assert elapsed < 2.0


# --- path traversal -----------------------------------------------------------------------------

TRAVERSALS = ['..%2f..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', '%2e%2e', '%2fetc%2fpasswd',
              'abc%00', '%00..%2fetc%2fpasswd', '..%5c..%5cetc%5cpasswd']


@pytest.mark.parametrize('ref', TRAVERSALS)
@pytest.mark.parametrize('template', ['/templates/{}', '/templates/{}/logo.svg', '/stacks/{}', '/stacks/{}/revisions',
                                      '/stacks/{}/diff', '/containers/{}', '/logs/{}'])
def test_traversal_in_path_is_refused(app_server, template, ref):
    with app_server.client() as client:
        response = client.get(template.format(ref))
    assert response.status_code in (404, 422), (response.status_code, response.text)
    assert 'root:' not in response.text


@pytest.mark.parametrize('ref', TRAVERSALS)
def test_traversal_in_changing_calls_is_refused(app_server, docker_client, ref):
    with app_server.client() as client:
        responses = [
            client.delete(f'/templates/{ref}'),
            client.post(f'/stacks/{ref}/action', json={'action': 'remove'}),
            client.post(f'/stacks/{ref}/rollback', json={}),
            client.post(f'/containers/{ref}/action', json={'action': 'logs'}),
        ]
    for response in responses:
        assert response.status_code in (404, 422), (response.request.url, response.status_code, response.text)
        assert 'root:' not in response.text


@pytest.mark.parametrize('bad', ['../etc/passwd', '/etc/passwd', 'a\x00b', '..', 'x/../../y'])
def test_traversal_in_body_ids_is_refused(app_server, bad):
    with app_server.client() as client:
        responses = [
            client.post('/templates/deploy', json={'template': bad}),
            client.post('/templates', json={'id': bad, 'stack': 'x', 'title': 't'}),
            client.post('/templates', json={'id': 'x', 'stack': bad, 'title': 't'}),
            client.post('/deploy', json={'stack': bad, 'compose': 'services: {a: {image: busybox}}'}),
        ]
    for response in responses:
        assert response.status_code == 422, (response.request.url, response.text)


def test_import_does_not_read_local_files(app_server):
    with app_server.client() as client:
        response = client.post('/templates/import', json={'url': 'file:///etc/passwd'})
    assert 400 <= response.status_code < 500, response.text
    assert 'root:' not in response.text


# --- names against Docker's rules --------------------------------------------------------------

@pytest.mark.parametrize('name', ['MyStack', 'my stack', 'a' * 64, '-leading', '_leading', 'dots.not.allowed', ''])
def test_stack_names_follow_compose_rules(app_server, docker_client, name):
    with app_server.client() as client:
        response = client.post('/deploy', json={'stack': name, 'compose': 'services: {a: {image: busybox}}'})
    assert response.status_code == 422, response.text
    if name:
        assert project_containers(docker_client, name) == []


def test_a_63_character_stack_name_is_valid(app_server):
    with app_server.client() as client:  # valid name, invalid document: the refusal is about the document
        response = client.post('/deploy', json={'stack': 'a' * 63, 'compose': 'services: {}\nnot_a_key: 1'})
    assert response.status_code == 422
    assert 'stack' not in response.json()['error']['message'].split(':')[0]


@pytest.mark.parametrize('service, container_name', [('../evil', None), ('bad name', None), ('UPPER!', None),
                                                     ('app', 'bad name'), ('app', '../escape'), ('app', '-x')])
def test_service_and_container_names_follow_docker_rules(app_server, docker_client, busybox_image,
                                                         service, container_name):
    name = stack_name()
    spec = {'image': busybox_image, 'command': ['true']}
    if container_name is not None:
        spec['container_name'] = container_name
    with app_server.client() as client:
        response = client.post('/deploy', json={'stack': name, 'compose': {'services': {service: spec}}, 'pull': 'never'})
    try:
        assert response.status_code == 422, response.text
    finally:
        leftover = project_containers(docker_client, name)
        for container in leftover:
            container.remove(force=True)
        if response.status_code < 300:
            with app_server.client() as client:
                client.post(f'/stacks/{name}/action', json={'action': 'remove'})
    assert leftover == []


# --- the host-escape policy for compose documents ----------------------------------------------

POLICY_CASES = {
    'privileged': ({'privileged': True}, 'privileged'),
    'pid-host': ({'pid': 'host'}, 'pid: host'),
    'network-host': ({'network_mode': 'host'}, 'network_mode: host'),
    'devices': ({'devices': ['/dev/null:/dev/x']}, 'devices'),
    'docker-socket': ({'volumes': ['/var/run/docker.sock:/var/run/docker.sock']}, 'engine socket'),
    'root-bind': ({'volumes': ['/:/host']}, "host's root"),
    'root-dot-bind': ({'volumes': ['/.:/host']}, "host's root"),
    'root-long-bind': ({'volumes': [{'type': 'bind', 'source': '//etc/..', 'target': '/host'}]}, "host's root"),
}


@pytest.mark.parametrize('case', POLICY_CASES, ids=list(POLICY_CASES))
def test_policy_blocks_host_escapes(app_server, docker_client, busybox_image, case):
    extra, finding = POLICY_CASES[case]
    name = stack_name()
    document = {'services': {'app': {'image': busybox_image, 'command': ['sleep', '60'], **extra}}}
    with app_server.client() as client:
        if client.get('/settings').json().get('allow_privileged'):
            pytest.fail('allow_privileged is on in the shared app: another test left it on')
        response = client.post('/deploy', json={'stack': name, 'compose': document, 'pull': 'never'})
        as_yaml = client.post('/deploy', json={'stack': name, 'compose': _yaml(document), 'pull': 'never'})
    for answer in (response, as_yaml):
        assert answer.status_code == 403, answer.text
        assert error_code(answer) == 'forbidden'
        assert finding in answer.json()['error']['message']
    assert project_containers(docker_client, name) == []


def _yaml(document: dict) -> str:
    import yaml
    return yaml.safe_dump(document)


# --- CSRF ----------------------------------------------------------------------------------------

def session_cookie(app_server) -> tuple[str, str]:
    """(cookie header value, Set-Cookie) from the token link."""
    response = httpx.get(f'{app_server.base_url}/?token={app_server.token}', follow_redirects=False)
    assert response.status_code == 303
    set_cookie = response.headers['set-cookie']
    return set_cookie.split(';', 1)[0], set_cookie


def test_session_cookie_is_httponly_and_samesite_lax(app_server):
    _, set_cookie = session_cookie(app_server)
    attributes = {part.strip().split('=')[0].lower(): part.strip() for part in set_cookie.split(';')[1:]}
    assert 'httponly' in attributes
    assert attributes.get('samesite', '').lower() == 'samesite=lax'
    assert attributes.get('path') == 'Path=/'


@pytest.mark.parametrize('content_type', ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x'])
def test_cross_site_form_posts_do_not_act(app_server, docker_client, busybox_image, make_container, content_type):
    cookie, _ = session_cookie(app_server)
    container = make_container(network_mode='none')  # no bridge needed to prove a stop did not happen
    name = stack_name()
    headers = {'cookie': cookie, 'content-type': content_type, 'origin': 'https://evil.example'}
    deploy = f'{{"stack": "{name}", "compose": "services: {{a: {{image: {busybox_image}}}}}", "pull": "never"}}'
    if content_type.startswith('application/x-www'):
        deploy = f'stack={name}&compose=services%3A+%7Ba%3A+%7Bimage%3A+busybox%7D%7D'
    with httpx.Client(base_url=app_server.base_url, timeout=10) as browser:
        responses = [
            browser.post('/deploy', content=deploy, headers=headers),
            browser.post(f'/containers/{container.id}/action', content='{"action": "stop"}', headers=headers),
            browser.post(f'/containers/{container.id}/action', content='action=stop', headers=headers),
        ]
    for response in responses:
        assert 400 <= response.status_code < 500, (response.status_code, response.text)
    container.reload()
    assert container.status == 'running'
    assert project_containers(docker_client, name) == []


# --- login rate limit -----------------------------------------------------------------------------

def test_login_attempts_are_rate_limited(docker_client, busybox_image):
    # a private app: the limit is per client address and would lock the shared app out for a minute
    with running_app(prefix='dd-private-') as app, httpx.Client(base_url=app.base_url, timeout=10) as anonymous:
        statuses = [anonymous.post('/login', data={'token': f'wrong-{i}', 'next': '/'}).status_code for i in range(11)]
        right = anonymous.post('/login', data={'token': app.token, 'next': '/'}, follow_redirects=False)
        api = anonymous.get('/containers', headers={'authorization': f'Bearer {app.token}'})
        with httpx.Client(base_url=app.base_url, timeout=10, transport=httpx.HTTPTransport(local_address='127.0.0.2')) as other:
            elsewhere = other.get('/containers', headers={'authorization': f'Bearer {app.token}'})
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429
    assert right.status_code == 429, 'the right token is refused too while blocked'
    assert 'set-cookie' not in right.headers
    for key, value in SECURITY_HEADERS.items():
        assert right.headers.get(key) == value
    # one limit for every way of presenting the token (form, bearer, link): blocked is blocked
    assert api.status_code == 429 and api.headers['retry-after']
    assert elsewhere.status_code == 200, 'another client address is not affected'


# --- security headers -----------------------------------------------------------------------------

def test_security_headers_everywhere(app_server):
    cookie, _ = session_cookie(app_server)
    with app_server.client() as client, httpx.Client(base_url=app_server.base_url, timeout=10) as anonymous:
        responses = {
            'api': client.get('/containers'),
            'openapi': client.get('/openapi.json'),
            'health': anonymous.get('/health'),
            'login page': anonymous.get('/login'),
            'ui page': anonymous.get('/', headers={'cookie': cookie, 'accept': 'text/html'}),
            'redirect': anonymous.get('/', headers={'accept': 'text/html'}),
            '401': anonymous.get('/containers'),
            '404': client.get('/no/such/path'),
            '404 engine': client.get('/containers/no-such-container-xyz'),
            '422': client.post('/deploy', json={'stack': 'BAD'}),
            '413': client.post('/deploy', content=b'x' * (2 << 20)),
        }
    for what, response in responses.items():
        for key, value in SECURITY_HEADERS.items():
            assert response.headers.get(key) == value, (what, response.status_code, key, dict(response.headers))
    assert responses['ui page'].status_code == 200
    assert responses['404'].status_code == 404 and responses['413'].status_code == 413
