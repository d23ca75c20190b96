"""The assistant's checks and records through the REST API of `python app.py` on the real engine
(issue 13, "The assistant"): a plan with a failed step is recorded as failed; questions that
change nothing leave no history record; a plan that publishes a taken host port says who holds
it before anything runs; a destructive plan over several containers or stacks names each one
with its stack and runs only with the typed confirmation (the number of what it changes);
"what is using the most memory" comes back sorted by memory.

Containers and stacks are made here under names starting with `as-` and removed after.
"""
from __future__ import annotations

import secrets
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from deployer.nlp import rules
from deployer.nlp.plan import ContainerAction, StackAction, affected, plan_risk, type_to_confirm
from deployer.nlp.state import Box, State

PROJECT = 'com.docker.compose.project'
SERVICE = 'com.docker.compose.service'


@pytest.fixture
def api(app_server) -> Iterator[httpx.Client]:
    with app_server.client(timeout=60) as client:
        yield client


def tag() -> str:
    return secrets.token_hex(3)


def plan_of(api: httpx.Client, command: str) -> dict[str, Any]:
    response = api.post('/nlp/parse', json={'command': command})
    assert response.status_code == 200, response.text
    return response.json()


def nl_records(api: httpx.Client, reason: str) -> list[dict[str, Any]]:
    records = api.get('/history', params={'source': 'nl', 'limit': 200}).json()['records']
    return [r for r in records if r['reason'] == reason]


# ---- bugs: what the history holds ----------------------------------------------------------------------------

def test_a_plan_with_a_failed_step_is_recorded_as_failed(api, make_container):
    """Issue 13: a failed plan showed green in the history (its record said ok)."""
    stopped = make_container(name=f'as-stopped-{tag()}', start=False)
    plan = {'command': f'pause {stopped.name}', 'actions': [
        {'type': 'container', 'op': 'pause', 'targets': [stopped.name]}]}
    response = api.post('/deploy', json={'plan': plan, 'confirm': True})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result['ok'] is False and [r['ok'] for r in result['results']] == [False], result
    record = api.get(f'/history/{result["history_id"]}').json()
    assert record['action'] == 'plan'
    assert record['ok'] is False, record
    assert record['error'] and 'not running' in record['error'].lower(), record
    assert record['result'] == '0 of 1 actions done'
    assert api.get('/history', params={'ok': 'false', 'source': 'nl', 'limit': 50}).json()['records'][0]['id'] == \
        record['id']


def test_questions_that_change_nothing_leave_no_history_record(api, make_container):
    """Issue 13: every read-only question added a history record; the history is every operation,
    and a question is not one."""
    box = make_container(name=f'as-read-{tag()}')
    for command in (f'show the last 3 log lines of {box.name}', f'status of {box.name}', 'list running containers',
                    'what changed recently?'):
        response = api.post('/nlp/run', json={'command': command})
        assert response.status_code == 200, response.text
        result = response.json()
        assert result['ok'] is True, result
        assert result['history_id'] is None, (command, result)
        assert nl_records(api, command) == [], command
    # a plan that changes something is still recorded, reads in it included
    command = f'restart {box.name} then show its last 2 log lines'
    result = api.post('/nlp/run', json={'command': command, 'confirm': True}).json()
    assert result['ok'] is True and result['history_id'], result
    records = nl_records(api, command)
    assert sorted(r['action'] for r in records) == ['container.restart', 'plan'], records
    [record] = [r for r in records if r['action'] == 'plan']
    assert record['ok'] is True and record['params']['actions'] == ['container.restart', 'logs']
    assert str(record['id']) == str(result['history_id'])


# ---- pre-checks: a taken host port, named ------------------------------------------------------------------

def test_a_plan_that_publishes_a_taken_port_names_the_holder_before_it_runs(api, make_container):
    from devtools.apprun import free_port
    port = free_port()
    holder = make_container(name=f'as-holder-{tag()}', ports={'8080/tcp': port})
    assert holder.name in {c['name'] for c in api.get('/containers').json()}   # the app has seen it (its cache)
    stack = f'as-kuma-{tag()}'
    plan = plan_of(api, f'deploy uptime kuma as {stack} on port {port}')
    assert [a['type'] for a in plan['actions']] == ['deploy_template'] and plan['needs_confirmation'], plan
    message = f'Port {port} is already in use by {holder.name}.'
    assert plan['prechecks'] == [message] and message in plan['warnings'], plan
    ran = plan_of(api, f'run busybox named as-run-{tag()} on port {port}')
    assert f'Port {port} is already in use by {holder.name}.' in ran['prechecks'], ran

    # something that is not a container: "another program", as the gallery says
    other = free_port()
    with socket.socket() as sock:
        sock.bind(('0.0.0.0', other))
        sock.listen()
        plan = plan_of(api, f'deploy uptime kuma as {stack} on port {other}')
    assert plan['prechecks'] == [f'Port {other} is already in use by another program.'], plan

    # a free port: nothing to say; the checked plan (POST /deploy) says it once, not twice
    free = free_port()
    assert plan_of(api, f'deploy uptime kuma as {stack} on port {free}')['prechecks'] == []
    taken = plan_of(api, f'deploy uptime kuma as {stack} on port {port}')
    echoed = api.post('/deploy', json={'plan': taken}).json()['plan']
    assert echoed['warnings'].count(message) == 1 and echoed['prechecks'] == [message], echoed


# ---- destructive plans over several targets: named, and a typed confirmation ---------------------------------------

@pytest.fixture
def three(make_container):
    """Two containers of the stack as-tcs-…, one without a stack."""
    t = tag()
    stack = f'as-tcs-{t}'
    shop = [make_container(name=f'as-tc-{s}-{t}', labels={PROJECT: stack, SERVICE: s}) for s in ('web', 'db')]
    loose = make_container(name=f'as-tc-loose-{t}')
    return stack, shop, loose


def test_a_destructive_plan_over_several_names_them_and_needs_the_typed_count(api, three, docker_client):
    stack, (web, db), loose = three
    command = f'remove {web.name}, {db.name} and {loose.name}'
    plan = plan_of(api, command)
    assert plan['risk'] == 'destructive' and plan['type_to_confirm'] == '3', plan
    assert plan['affected'] == [{'name': web.name, 'kind': 'container', 'stack': stack},
                                {'name': db.name, 'kind': 'container', 'stack': stack},
                                {'name': loose.name, 'kind': 'container', 'stack': None}]

    # confirm alone is not enough; a wrong count neither; the answer names each one with its stack
    for body in ({'command': command, 'confirm': True}, {'command': command, 'confirm': True, 'typed_confirmation': '2'},
                 {'command': command, 'typed_confirmation': '3'}):
        response = api.post('/nlp/run', json=body)
        assert response.status_code == 409, response.text
        error = response.json()['error']
        assert error['code'] == 'needs_confirmation'
        assert f'{web.name} of stack {stack}' in error['message'] and loose.name in error['message'], error
        assert '"typed_confirmation": "3"' in error['message'], error
    assert {c.name for c in docker_client.containers.list(all=True, filters={'name': 'as-tc-'})} >= {
        web.name, db.name, loose.name}

    # POST /deploy: the typed text travels beside confirm, or in the plan
    assert api.post('/deploy', json={'plan': plan, 'confirm': True}).status_code == 409
    assert api.post('/deploy', json={'plan': plan, 'confirm': True, 'typed_confirmation': '2'}).status_code == 409
    response = api.post('/deploy', json={'plan': plan, 'confirm': True, 'typed_confirmation': '3'})
    assert response.status_code == 200, response.text
    assert response.json()['ok'] is True, response.json()
    left = {c.name for c in docker_client.containers.list(all=True)}
    assert not {web.name, db.name, loose.name} & left


def test_typed_confirmation_through_nlp_run_and_what_needs_none(api, three, docker_client):
    stack, (web, db), loose = three
    # a whole stack counts by its containers
    plan = plan_of(api, f'remove the stack {stack}')
    assert plan['actions'] == [{'type': 'stack', 'op': 'remove', 'stack': stack}], plan
    assert plan['type_to_confirm'] == '2' and {a['name'] for a in plan['affected']} == {web.name, db.name}

    # several containers, not destructive: a click (confirm) is enough, as before
    two = plan_of(api, f'restart {web.name} and {db.name}')
    assert two['risk'] == 'change' and two['type_to_confirm'] is None, two
    # one container removed: destructive, but one thing — confirm is enough (unchanged)
    one = api.post('/nlp/run', json={'command': f'remove {loose.name}', 'confirm': True})
    assert one.status_code == 200 and one.json()['ok'] is True, one.text

    command = f'stop {web.name} and {db.name} then kill {web.name}'
    plan = plan_of(api, command)
    assert plan['risk'] == 'destructive' and plan['type_to_confirm'] == '2', plan
    response = api.post('/nlp/run', json={'command': command, 'confirm': True, 'typed_confirmation': ' 2 '})
    assert response.status_code == 200, response.text
    assert {docker_client.containers.get(c.name).status for c in (web, db)} == {'exited'}


# a shell holding 40 MB in a variable (a loop, not a last command the shell would exec into, freeing it)
HOG = 'x=$(head -c 40000000 /dev/zero | tr "\\0" a); while :; do sleep 1; done'


# ---- "what is using the most memory" --------------------------------------------------------------------------

def test_the_most_memory_comes_first(api, make_container):
    hog = make_container(name=f'as-hog-{tag()}', command=['sh', '-c', HOG])
    small = make_container(name=f'as-small-{tag()}')
    deadline = time.monotonic() + 30
    while True:
        result = api.post('/nlp/run', json={'command': 'what is using the most memory'}).json()
        figures = {c['name']: c for c in result['results'][0]['data']['containers']}
        if hog.name in figures and small.name in figures and figures[hog.name]['memory_usage'] > 30 * 2**20:
            break
        assert time.monotonic() < deadline, f'no memory figures for {hog.name}: {figures.get(hog.name)}'
        time.sleep(1)
    assert result['plan']['actions'] == [{'type': 'status', 'target': None, 'sort': 'memory'}]
    rows = result['results'][0]['data']['containers']
    memory = [r['memory_usage'] for r in rows]
    assert memory == sorted(memory, reverse=True), memory
    assert [r['name'] for r in rows].index(hog.name) < [r['name'] for r in rows].index(small.name)
    assert 'most memory: ' in result['results'][0]['detail']

    result = api.post('/nlp/run', json={'command': 'which container uses the most cpu?'}).json()
    assert result['plan']['actions'] == [{'type': 'status', 'target': None, 'sort': 'cpu'}]
    cpu = [r['cpu_percent'] for r in result['results'][0]['data']['containers']]
    assert cpu == sorted(cpu, reverse=True), cpu
    # the whole system without a measure stays by name
    result = api.post('/nlp/run', json={'command': 'system status'}).json()
    assert result['plan']['actions'] == [{'type': 'status', 'target': None, 'sort': None}]


# ---- the same, without an engine: the parser and the plan's own rules --------------------------------------------------

STATE = State.build([Box('shop-web-1', 'nginx', 'running', 'shop', 'web'), Box('shop-db-1', 'postgres', 'running', 'shop', 'db'),
                     Box('cache', 'redis', 'running')], [], extra_stacks=['empty'])


@pytest.mark.parametrize(('command', 'sort'), [
    ('what is using the most memory', 'memory'), ('what is eating all the ram?', 'memory'),
    ('top memory consumers', 'memory'), ('which container uses the most cpu', 'cpu'),
    ('what uses the most CPU?', 'cpu'), ('system status', None), ('how is the system doing', None)])
def test_resource_questions_sort_by_what_they_ask(command, sort):
    parsed = rules.parse(command, STATE)
    assert [a.model_dump() for a in parsed.actions] == [{'type': 'status', 'target': None, 'sort': sort}], parsed
    assert not parsed.warnings and not parsed.questions


def test_what_a_plan_changes_and_what_to_type():
    actions = [ContainerAction(op='remove', targets=['cache', 'shop-web-1']), StackAction(op='remove', stack='shop'),
               StackAction(op='remove', stack='empty')]
    changed = affected(actions, STATE)
    assert [(a.name, a.kind, a.stack) for a in changed] == [
        ('cache', 'container', None), ('shop-web-1', 'container', 'shop'), ('shop-db-1', 'container', 'shop'),
        ('empty', 'stack', 'empty')]
    assert type_to_confirm(plan_risk(actions), changed) == '4'
    one = [ContainerAction(op='remove', targets=['cache'])]
    assert type_to_confirm(plan_risk(one), affected(one, STATE)) is None           # one thing: a click
    two = [ContainerAction(op='restart', targets=['cache', 'shop-db-1'])]
    assert type_to_confirm(plan_risk(two), affected(two, STATE)) is None           # not destructive: a click
