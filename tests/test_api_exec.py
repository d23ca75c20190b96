"""Issue 15, a command in a container: POST /containers/{id}/exec on the real engine — output and
exit code, a string through sh -c, a timeout that says so, refusals (stopped container, read-only,
bad input) that change nothing, and the history record with the command (passwords masked)."""
from __future__ import annotations

from devtools.apprun import running_app


def test_a_command_gives_its_output_and_exit_code(app_server, make_container):
    container = make_container(command=['sleep', '300'])
    with app_server.client(timeout=60) as api:
        answer = api.post(f'/containers/{container.name}/exec', json={'command': ['sh', '-c', 'echo out; echo err >&2; exit 3']})
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body['exit_code'] == 3 and sorted(body['output'].split()) == ['err', 'out'] and body['timed_out'] is False
        shell = api.post(f'/containers/{container.name}/exec', json={'command': 'echo $((6*7)) > x; cat /x',
                                                                      'workdir': '/'})
        assert shell.json()['output'].strip() == '42' and shell.json()['command'][:2] == ['/bin/sh', '-c']
        record = api.get('/history', params={'action': 'container.exec'}).json()['records'][0]
        assert record['target'] == container.name and record['ok'] is True
        assert 'echo $((6*7))' in record['params']['command']
        missing = api.post(f'/containers/{container.name}/exec', json={'command': ['true'], 'workdir': '/nowhere'})
        assert missing.status_code == 200 and missing.json()['exit_code'] != 0   # the engine's reason is the output
        assert 'nowhere' in missing.json()['output']


def test_a_slow_command_is_waited_for_only_as_long_as_asked(app_server, make_container):
    container = make_container(command=['sleep', '300'])
    with app_server.client(timeout=60) as api:
        answer = api.post(f'/containers/{container.name}/exec', json={'command': 'echo started; sleep 20; echo late',
                                                                       'timeout': 2})
        assert answer.status_code == 200, answer.text
        assert answer.json()['timed_out'] is True and answer.json()['exit_code'] is None
        assert 'late' not in answer.json()['output']


def test_refusals_change_nothing(app_server, make_container, docker_client):
    stopped = make_container(command=['sleep', '300'], start=False)
    with app_server.client() as api:
        answer = api.post(f'/containers/{stopped.name}/exec', json={'command': ['true']})
        assert answer.status_code == 409 and 'running container' in answer.json()['error']['message']
        assert api.post('/containers/no-such-thing/exec', json={'command': ['true']}).status_code == 404
        for bad in ({'command': ''}, {'command': []}, {'command': ['true'], 'timeout': 0}, {'command': ['x'], 'extra': 1}):
            assert api.post(f'/containers/{stopped.name}/exec', json=bad).status_code == 422


def test_read_only_refuses_commands(make_container):
    container = make_container(command=['sleep', '300'])
    with running_app(env={'DEPLOYER_READ_ONLY': '1'}, prefix='dd-ro-exec-') as app, app.client() as api:
        answer = api.post(f'/containers/{container.name}/exec', json={'command': 'touch /written'})
        assert answer.status_code == 403 and answer.json()['error']['code'] == 'forbidden'
    exit_code, _ = container.exec_run(['test', '-e', '/written'])
    assert exit_code == 1
