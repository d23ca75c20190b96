"""The compose regression corpus (tests/compose_regression, run whole by bench/compose_corpus.py):
every case through the path ``POST /deploy`` takes before the engine (load with the stack's
files, policy, create requests) must end as its index says, none may crash; a sample of the
accepted ones is deployed for real, twice, and the second deploy must recreate nothing.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench import compose_corpus as corpus
from deployer.service import Deployer

from .conftest import NOTHING, leftovers

CASES = corpus.cases() if (corpus.CORPUS / 'cases.yaml').is_file() else []
# deployed in make test, one per kind of file (the whole corpus deploys in bench/compose_corpus.py):
# extends from another file, include, links, boolean strings, namespaces shared with a service,
# YAML anchors with .env chains, deploy resources
SAMPLE = ('15-mealie-extends-file', '30-outline-include', '56-mediawiki-memcached', '32-freshrss-boolean-strings',
          '25-changedetection-ipc', '39-mastodon-anchors', '28-syncthing-deploy-resources')


@pytest.fixture(scope='module')
def service() -> Iterator[Deployer]:
    with corpus.deployer() as deployer:
        yield deployer


def test_the_corpus_is_big_enough_and_has_a_holdout_half():
    assert len(CASES) >= 60
    assert sum(c.split == 'holdout' for c in CASES) >= 20
    assert sum(c.expect == 'refuse' for c in CASES) >= 10
    assert {c.name for c in CASES} >= set(SAMPLE)


@pytest.mark.parametrize('case', CASES, ids=[c.name for c in CASES])
def test_each_case_ends_as_expected(service, case):
    outcome = corpus.classify(service, case)
    assert outcome.result != 'crashed', outcome.message
    if case.expect == 'accept':
        assert outcome.result == 'accepted', outcome.message
    else:
        assert outcome.result == 'refused', f'{case.name} should be refused: {case.why}'
        if case.why.startswith('policy'):
            assert outcome.message.startswith('refused by policy'), outcome.message
        else:
            assert not outcome.message.startswith('refused by policy'), outcome.message


@pytest.mark.parametrize('case', [c for c in CASES if c.name in SAMPLE], ids=lambda c: c.name)
def test_a_sample_deploys_and_converges(service, docker_client, busybox_image, case):
    standin = corpus.ensure_standin(docker_client)
    verdict = corpus.deploy_twice(service, case, docker_client, standin)
    assert verdict == 'converged', verdict
    assert leftovers(docker_client, case.stack) == NOTHING
