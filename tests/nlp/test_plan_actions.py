"""Plan actions carry their behaviour (issue 12): each says its risk, explains itself and names
what the live state lacks for it; nlp/execute.py has one runner per action type; a plan carries
what the policy refuses in a typed field beside its warnings."""
from __future__ import annotations

import typing

from deployer.nlp import execute
from deployer.nlp import plan as plan_module
from deployer.nlp.plan import (
    Action,
    ContainerAction,
    DeployTemplateAction,
    LogsAction,
    Plan,
    RunAction,
    ScaleAction,
    StackAction,
    StatusAction,
    plan_risk,
)
from deployer.nlp.state import Box, State, TemplateInfo

STATE = State.build([Box('web', 'nginx', 'running'), Box('blog-db-1', 'mariadb', 'running', 'blog', 'db')],
                    [TemplateInfo('ghost', 'Ghost', (), (), '', ())])


def action_classes() -> list[type]:
    union = typing.get_args(typing.get_args(Action)[0])
    return list(union)


def test_every_action_type_has_a_runner_and_an_explanation():
    kinds = {cls.model_fields['type'].default for cls in action_classes()}
    assert kinds == set(execute.RUNNERS)
    for cls in action_classes():   # each explains itself: none falls back to the base class
        assert cls.explain is not plan_module._Action.explain, cls.__name__


def test_actions_explain_themselves_and_name_what_is_missing():
    assert ContainerAction(op='restart', targets=['web']).explain() == 'Restart web'
    assert ContainerAction(op='stop', targets=['web', 'nope']).unknown(STATE) == 'no container nope'
    assert StackAction(op='redeploy', stack='blog').unknown(STATE) is None
    assert StackAction(op='redeploy', stack='shop').unknown(STATE) == 'no stack shop'
    assert ScaleAction(stack='blog', service='web', replicas=2).unknown(STATE) == 'no service web in stack blog'
    assert DeployTemplateAction(template='wiki').unknown(STATE) == 'no template wiki'
    assert LogsAction(target='web', tail=5).explain() == 'Show the logs of web (last 5 lines)'
    assert StatusAction(target='ghost-town').unknown(STATE) == 'nothing called ghost-town'
    assert RunAction(image='nginx', name='edge').explain() == 'Run a new container from nginx named edge'


def test_risk_comes_from_the_actions():
    assert plan_risk([StatusAction()]) == 'read'
    assert plan_risk([ContainerAction(op='restart', targets=['web'])]) == 'change'
    assert plan_risk([StackAction(op='remove', stack='blog')]) == 'destructive'
    assert plan_risk([ContainerAction(op='stop', targets=['a', 'b', 'c'])]) == 'destructive'


def test_a_plan_has_a_typed_refusals_field():
    schema = Plan.model_json_schema()
    assert schema['properties']['refusals'] == {'items': {'type': 'string'}, 'title': 'Refusals', 'type': 'array'}
    assert Plan(command='x').refusals == []
