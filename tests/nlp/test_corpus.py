"""The public command corpus (../shared/corpus/nl-commands.yaml) through the real HTTP path.

The corpus `state` is made on the REAL engine: containers with exactly its names, from the
busybox test image tagged with the corpus image names (nginx:1.27, acme/api:3 …; each tag is
taken off again, or pointed back at what it named before, at the end), running or created and
stopped as listed, and its stacks as compose-labelled containers `<stack>-<service>-1`. Every
command goes through `POST /nlp/parse` of `python app.py` (the session's `app_server`) and is
checked by tests/nlp/corpus.py; at least 95% must pass, and every failure is printed with its plan.

The engine is shared: other containers may exist while this runs, and the app sees them all.
A container or stack of another owner under one of the corpus names is a hard error (the test
cannot run: it never touches what it did not create). For "$running_all" (e.g. "Stop all
running containers"), the plan must name every running container the app could see at parse
time: the corpus's `running_all` (all of which must be among them) plus any other running
container, listed through the SDK just before and after the parse (a plan matching either
snapshot passes). Foreign containers are listed in the failure message, since a foreign
container could also change how a name resolves.
"""
from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from typing import Any

import docker
import docker.errors
import pytest

from .corpus import check, load

CORPUS_LABEL = 'dockerdeployer.test.corpus'
TEST_LABEL = 'dockerdeployer.test'
PROJECT = 'com.docker.compose.project'
COMMAND = ['sh', '-c', "trap 'exit 0' TERM; i=0; while :; do i=$((i+1)); echo \"line $i WARN sample\"; sleep 1; done"]
PASS_RATE = 0.95
STALE_S = 600   # no run of this test lasts this long: older corpus containers are leftovers
DESTRUCTIVE_OPS = ('remove', 'kill')


def _split(ref: str) -> tuple[str, str]:
    name, _, tag = ref.rpartition(':')
    return (name, tag) if name and '/' not in tag else (ref, 'latest')


def _image_id(client: docker.DockerClient, ref: str) -> str | None:
    try:
        return client.images.get(ref).id
    except docker.errors.ImageNotFound:
        return None


def _created(container: Any) -> float:
    """The container's creation time in seconds since the epoch (the engine gives nanoseconds)."""
    whole, _, fraction = container.attrs['Created'].rstrip('Z').partition('.')
    return datetime.fromisoformat(whole).replace(tzinfo=timezone.utc).timestamp() + float(f'0.{fraction or 0}')


def _wanted(corpus: dict[str, Any]) -> list[dict[str, Any]]:
    """Every container the corpus state names: name, image, running, labels."""
    state = corpus['state']
    out = [{'name': c['name'], 'image': c['image'], 'running': c['running'], 'labels': {}}
           for c in state['containers']]
    for stack, services in state['stacks'].items():
        for service, image in services.items():
            out.append({'name': f'{stack}-{service}-1', 'image': image, 'running': True, 'labels': {
                PROJECT: stack, 'com.docker.compose.service': service, 'com.docker.compose.container-number': '1',
                'com.docker.compose.oneoff': 'False'}})
    return out


@pytest.fixture(scope='module')
def corpus_state(docker_client, busybox_image) -> Iterator[dict[str, Any]]:
    corpus = load()
    wanted = _wanted(corpus)
    run_id = secrets.token_hex(4)
    # a leftover of an earlier run of this test (killed before its teardown, so older than any
    # run lasts) is ours to remove; anything else under a corpus name, a younger run of this test
    # included, belongs to someone else: stop here, loudly
    for c in docker_client.containers.list(all=True, filters={'label': CORPUS_LABEL}):
        if time.time() - _created(c) > STALE_S:
            c.remove(force=True)
    taken = []
    for spec in wanted:
        try:
            other = docker_client.containers.get(spec['name'])
            taken.append(f'{spec["name"]} ({other.short_id}, {other.status}'
                         + (', another run of this test' if CORPUS_LABEL in other.labels else '') + ')')
        except docker.errors.NotFound:
            pass
    for stack in corpus['state']['stacks']:
        taken += [f'{c.name} (compose project {stack})'
                  for c in docker_client.containers.list(all=True, filters={'label': f'{PROJECT}={stack}'})]
    if taken:
        pytest.fail('the corpus state cannot be made: the engine already holds containers of another owner '
                    f'under its names: {", ".join(taken)}', pytrace=False)

    source = docker_client.images.get(busybox_image)
    previous: dict[str, str | None] = {}
    created: list[Any] = []
    try:
        for ref in sorted({spec['image'] for spec in wanted}):
            before = _image_id(docker_client, ref)
            if before != source.id:
                previous[ref] = before
                source.tag(*_split(ref))

        def make(spec: dict[str, Any]) -> Any:
            container = docker_client.containers.create(
                spec['image'], command=COMMAND, name=spec['name'], init=True,
                labels={**spec['labels'], TEST_LABEL: '1', CORPUS_LABEL: run_id})
            created.append(container)
            container.start()
            if not spec['running']:
                container.stop(timeout=5)
            return container

        with ThreadPoolExecutor(6) as pool:
            list(pool.map(make, wanted))
        states = {c.name: c.status for c in docker_client.containers.list(
            all=True, filters={'label': f'{CORPUS_LABEL}={run_id}'})}
        for spec in wanted:
            assert (states.get(spec['name']) == 'running') == spec['running'], (spec['name'], states)
        yield corpus
    finally:
        for container in created:
            try:
                container.remove(force=True)
            except docker.errors.NotFound:
                pass
        for ref, before in previous.items():  # put every name back as it was
            try:
                if before is None:
                    docker_client.images.remove(ref, noprune=True)
                else:
                    docker_client.images.get(before).tag(*_split(ref))
            except docker.errors.APIError:
                pass


def _running(client: docker.DockerClient) -> set[str]:
    """Names of the running containers on the engine (all owners)."""
    return {raw['Names'][0].lstrip('/') for raw in client.api.containers() if raw.get('Names')}


def _destructive(plan: dict[str, Any]) -> bool:
    """What makes a plan destructive whatever the plan says of itself."""
    touched = sum(len(a.get('targets') or []) for a in plan['actions'] if a['type'] == 'container')
    return touched >= 3 or any((a['type'] == 'container' and a['op'] in DESTRUCTIVE_OPS)
                               or (a['type'] == 'stack' and a['op'] == 'remove') for a in plan['actions'])


def test_corpus_through_http(corpus_state, app_server, docker_client):
    corpus = corpus_state
    cases = corpus['cases']
    corpus_running = set(corpus['running_all'])
    corpus_names = {spec['name'] for spec in _wanted(corpus)}
    failures: list[str] = []
    unconfirmed: list[str] = []
    inconsistent: list[str] = []
    foreign: set[str] = set()
    with app_server.client() as api:
        for case in cases:
            before = _running(docker_client)
            response = api.post('/nlp/parse', json={'command': case['cmd']})
            after = _running(docker_client)
            assert response.status_code == 200, (case['cmd'], response.status_code, response.text)
            plan = response.json()
            assert corpus_running <= before and corpus_running <= after, \
                f'corpus containers stopped running: {sorted(corpus_running - (before & after))}'
            foreign |= (before | after) - corpus_names
            problem = check(case, plan, sorted(before))
            if problem is not None and before != after:
                problem = check(case, plan, sorted(after))
            if problem is not None:
                failures.append(f'- {case["cmd"]!r}: {problem}\n    plan: {_short(plan)}')
            if plan['needs_confirmation'] != (plan['risk'] != 'read'):
                inconsistent.append(f'{case["cmd"]!r}: risk {plan["risk"]}, needs_confirmation '
                                    f'{plan["needs_confirmation"]}')
            if (_destructive(plan) or case.get('risk') == 'destructive' or plan['risk'] == 'destructive') and not (
                    plan['risk'] == 'destructive' and plan['needs_confirmation']):
                unconfirmed.append(f'{case["cmd"]!r}: risk {plan["risk"]}, needs_confirmation '
                                   f'{plan["needs_confirmation"]}, actions {plan["actions"]}')
    passed = len(cases) - len(failures)
    rate = passed / len(cases)
    report = (f'corpus: {passed}/{len(cases)} passed ({rate:.1%}, required {PASS_RATE:.0%}) through POST /nlp/parse'
              + (f'\nforeign containers on the engine during the run: {sorted(foreign)}' if foreign else '')
              + ('\n' + '\n'.join(failures) if failures else ''))
    print(report)
    assert not unconfirmed, 'destructive plans without confirmation:\n' + '\n'.join(unconfirmed)
    assert not inconsistent, 'needs_confirmation must be exactly risk != "read":\n' + '\n'.join(inconsistent)
    assert rate >= PASS_RATE, report


def _short(plan: dict[str, Any]) -> str:
    keep = {k: plan[k] for k in ('actions', 'risk', 'needs_confirmation', 'warnings') if plan.get(k)}
    keep['questions'] = [q['text'] if isinstance(q, dict) else q for q in plan.get('questions') or []]
    return str(keep)[:800]
