"""The assistant's swarm requests (deployer/nlp/swarming.py) against a swarm's nodes and services
built here: nodes by hostname or its last parts, services by name, short name or stack and name;
what names nothing in the swarm is left to the general rules, what fits several is asked."""
from __future__ import annotations

from typing import Any

import pytest

from deployer.nlp import swarming
from deployer.nlp.state import Box, State

SWARM = swarming.Swarm('prod', services=(('shop_web', 'shop'), ('shop_api', 'shop'), ('shop_worker', 'shop'),
                                         ('blog_web', 'blog'), ('monitor', None)),
                       nodes=('mgr-1', 'node-2', 'node-3'))
LOCAL = State.build([Box('crm-worker-1', 'acme/worker:1', 'running', 'crm', 'worker')], [])


def plan(command: str, state: State = State()) -> tuple[list[dict[str, Any]], list[str]] | None:
    parsed = swarming.parse(command, [SWARM], state)
    if parsed is None:
        return None
    return [a.model_dump(mode='json') for a in parsed.actions], [q.text for q in parsed.questions]


@pytest.mark.parametrize(('command', 'op', 'node'), [
    ('drain node-2', 'drain', 'node-2'),
    ('please drain the node node 3', 'drain', 'node-3'),
    ('put node-3 into maintenance mode', 'drain', 'node-3'),
    ('move all tasks off mgr-1', 'drain', 'mgr-1'),
    ('take node-2 out of rotation', 'drain', 'node-2'),
    ('stop scheduling new tasks on node-2', 'pause', 'node-2'),
    ('pause node 3', 'pause', 'node-3'),
    ('bring node-2 back into rotation', 'active', 'node-2'),
    ('reactivate node-3', 'active', 'node-3'),
    ('set node-2 to active', 'active', 'node-2'),
    ('drain mgr', 'drain', 'mgr-1'),
])
def test_node_availability(command: str, op: str, node: str) -> None:
    assert plan(command) == ([{'type': 'node', 'op': op, 'node': node, 'host': 'prod'}], [])


@pytest.mark.parametrize(('command', 'service', 'replicas'), [
    ('scale api to 5', 'shop_api', 5),
    ('scale the shop worker to three', 'shop_worker', 3),
    ('scale shop_web up to 6 replicas', 'shop_web', 6),
    ('run 4 copies of the api service', 'shop_api', 4),
    ('monitor to 2 replicas', 'monitor', 2),
    ('scale down the blog web to 1', 'blog_web', 1),
])
def test_service_scale(command: str, service: str, replicas: int) -> None:
    assert plan(command) == ([{'type': 'service', 'op': 'scale', 'service': service, 'replicas': replicas,
                               'image': None, 'host': 'prod'}], [])


@pytest.mark.parametrize(('command', 'service'), [
    ('where is the api running', 'shop_api'),
    ('where are the shop workers?', None),   # "workers": not a service name said as such — left to the rules
    ('which nodes run blog_web?', 'blog_web'),
    ('on which node is monitor running?', 'monitor'),
    ('show the tasks of shop_api', 'shop_api'),
])
def test_where_a_service_runs(command: str, service: str | None) -> None:
    answer = plan(command)
    if service is None:
        assert answer is None
    else:
        assert answer == ([{'type': 'tasks', 'service': service, 'host': 'prod'}], [])


def test_a_rolling_update_and_a_rollback() -> None:
    assert plan('update the api to acme/api:2.1') == ([{'type': 'service', 'op': 'update', 'service': 'shop_api',
                                                       'replicas': None, 'image': 'acme/api:2.1', 'host': 'prod'}], [])
    assert plan('roll back the shop web service') == ([{'type': 'service', 'op': 'rollback', 'service': 'shop_web',
                                                       'replicas': None, 'image': None, 'host': 'prod'}], [])


def test_names_that_fit_several_are_asked_about() -> None:
    actions, questions = plan('scale web to 3') or ([], [])
    assert actions == [] and questions == ['"web" fits several services: which one?']
    actions, questions = plan('scale worker to 2', LOCAL) or ([], [])   # a compose service of this engine too
    assert actions == [] and questions, 'never a guess between the swarm and this engine'
    actions, questions = plan('drain node') or ([], [])
    assert actions == [] and questions == ['"node" fits several nodes: which one?']


@pytest.mark.parametrize('command', ['drain node-7', 'drain the queue', 'restart web', 'scale crm worker to 2',
                                     'drain node-2 and restart web', 'list containers'])
def test_what_is_not_about_the_swarm_goes_to_the_rules(command: str) -> None:
    assert plan(command) is None


def test_lists_and_several_requests() -> None:
    assert plan('list the nodes') == ([{'type': 'list', 'kind': 'nodes', 'filters': {}, 'host': 'prod'}], [])
    actions, _ = plan('drain node-2, then scale api to 6') or ([], [])
    assert [a['type'] for a in actions] == ['node', 'service']


def test_no_swarm_no_answer() -> None:
    assert swarming.parse('drain node-2', [], State()) is None
