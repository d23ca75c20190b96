"""A stack's state tells the truth about its services (issue 13): one that is unhealthy, restarting
or exited with an error while the stack runs makes it "degraded", in the service and over REST;
running, partial, stopped and empty keep their meaning otherwise."""
from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from deployer.engine import parse_exit_code
from deployer.models import StackDetail, container_problem

SLEEP = '["sleep", "100000"]'


def service(name: str, image: str, *extra: str, command: str = SLEEP) -> str:
    lines = [f'  {name}:', f'    image: {image}', f'    command: {command}', '    init: true',
             '    stop_grace_period: 1s', *(f'    {line}' for line in extra)]
    return '\n'.join(lines) + '\n'


def document(*services: str) -> str:
    return 'services:\n' + ''.join(services)


FAILING_CHECK = ('healthcheck:', '  test: ["CMD", "false"]', '  interval: 1s', '  retries: 1')
PASSING_CHECK = ('healthcheck:', '  test: ["CMD", "true"]', '  interval: 1s', '  retries: 1')


def eventually(read: Callable[[], StackDetail], done: Callable[[StackDetail], bool], timeout: float = 20) -> StackDetail:
    deadline = time.monotonic() + timeout
    while not done(stack := read()) and time.monotonic() < deadline:
        time.sleep(0.3)
    return stack


# ---- the words, without an engine ---------------------------------------------------------------

@pytest.mark.parametrize(('status', 'code'), [
    ('Exited (3) 2 minutes ago', 3), ('Exited (0) Less than a second ago', 0), ('Restarting (1) 1 second ago', 1),
    ('Exited (137) About an hour ago', 137), ('Up 3 minutes (unhealthy)', None), ('Created', None), ('Dead', None),
    ('Up 2 seconds (Paused)', None), ('', None)])
def test_exit_code_from_the_engines_status_text(status: str, code: int | None) -> None:
    assert parse_exit_code(status) == code


@pytest.mark.parametrize(('state', 'health', 'exit_code', 'problem'), [
    ('running', None, None, None), ('running', 'healthy', None, None), ('running', 'starting', None, None),
    ('running', 'unhealthy', None, 'unhealthy'), ('restarting', None, 1, 'restarting'),
    ('exited', None, 0, None), ('exited', None, 3, 'failed'), ('dead', None, None, 'failed'),
    ('paused', 'unhealthy', None, None), ('created', None, None, None)])
def test_what_is_wrong_with_a_container(state: str, health: str | None, exit_code: int | None,
                                        problem: str | None) -> None:
    assert container_problem(state, health, exit_code) == problem


# ---- on the engine ------------------------------------------------------------------------------

def test_unhealthy_restarting_and_failed_services_make_a_stack_degraded(deployer_service, new_stack, busybox_image):
    name = new_stack('degraded')
    deployer_service.deploy_stack(name, document(
        service('web', busybox_image),
        service('sick', busybox_image, *FAILING_CHECK),
        service('crashed', busybox_image, command='["sh", "-c", "exit 3"]'),
        service('looping', busybox_image, 'restart: always', command='["sh", "-c", "exit 1"]')))
    wanted = {f'{name}-sick-1': 'unhealthy', f'{name}-crashed-1': 'failed', f'{name}-looping-1': 'restarting'}
    stack = eventually(lambda: deployer_service.get_stack(name), lambda s: s.problems == wanted)
    assert (stack.state, stack.problems) == ('degraded', wanted)
    listed = {s.name: s for s in deployer_service.list_stacks()}[name]
    assert listed.state == 'degraded'
    containers = {c.name: c for s in stack.service_list for c in s.containers}
    assert containers[f'{name}-crashed-1'].exit_code == 3
    assert containers[f'{name}-sick-1'].health == 'unhealthy'
    assert containers[f'{name}-web-1'].problem is None


def test_a_healthy_stack_runs_and_a_finished_one_shot_leaves_it_partial(deployer_service, new_stack, busybox_image):
    name = new_stack('fine')
    deployer_service.deploy_stack(name, document(
        service('web', busybox_image, *PASSING_CHECK),
        service('once', busybox_image, command='["true"]')))
    stack = eventually(lambda: deployer_service.get_stack(name),
                       lambda s: s.running == 1 and all(c.health != 'starting' for x in s.service_list for c in x.containers))
    assert (stack.state, stack.problems) == ('partial', {})  # exit 0 is no error
    assert [c.health for c in stack.service_list[1].containers] == ['healthy']


def test_a_stack_stopped_as_a_whole_is_stopped_not_degraded(deployer_service, new_stack, busybox_image):
    name = new_stack('stopped')
    # no init and no TERM handler: sleep as PID 1 ignores the stop signal and is killed (exit 137)
    deployer_service.deploy_stack(name, 'services:\n  web:\n    image: ' + busybox_image
                                  + '\n    command: ["sleep", "100000"]\n    stop_grace_period: 1s\n')
    assert deployer_service.get_stack(name).state == 'running'
    deployer_service.stack_action(name, 'stop')
    stack = deployer_service.get_stack(name)
    assert [c.exit_code for s in stack.service_list for c in s.containers] == [137]
    assert (stack.state, stack.problems) == ('stopped', {})


def test_rest_shows_the_degraded_state(app_server, new_stack, busybox_image):
    name = new_stack('rest')
    with app_server.client(timeout=60) as api:
        answer = api.post('/deploy', json={'stack': name, 'compose': document(
            service('web', busybox_image), service('sick', busybox_image, *FAILING_CHECK))})
        assert answer.status_code == 200, answer.text
        deadline = time.monotonic() + 20
        while (one := api.get(f'/stacks/{name}').json())['state'] != 'degraded' and time.monotonic() < deadline:
            time.sleep(0.3)
        assert (one['state'], one['problems']) == ('degraded', {f'{name}-sick-1': 'unhealthy'})
        listed = {s['name']: s for s in api.get('/stacks').json()}[name]
        assert (listed['state'], listed['problems']) == ('degraded', {f'{name}-sick-1': 'unhealthy'})
        sick = next(s for s in one['service_list'] if s['name'] == 'sick')['containers'][0]
        assert (sick['state'], sick['health'], sick['exit_code']) == ('running', 'unhealthy', None)
        schema = api.get('/openapi.json').json()['components']['schemas']
        assert 'problems' in schema['StackSummary']['properties']
