"""Failures you can read (issue 13): while a deploy waits for a service, its progress says how
long, what the health check answers and what the service logs; a Cancel stops the wait and
rolls back; a failed deploy keeps the failing service's last log lines and health output
(secrets scrubbed) in its history record, read before the rollback removes the container;
engine errors are one plain sentence with the engine's words as details."""
from __future__ import annotations

import re
import threading
import time

import pytest

from deployer.errors import DeployFailed
from deployer.secrets import MASK
from deployer.stacks.converge import Progress
from devtools.documents import failing_db

from .conftest import NOTHING, leftovers


def test_a_failed_deploy_keeps_the_failing_services_log_and_health_output(deployer_service, new_stack, docker_client,
                                                                         busybox_image):
    name = new_stack()
    password = 'pw-evidence-7731'
    with pytest.raises(DeployFailed) as info:
        deployer_service.deploy_stack(name, failing_db(busybox_image, 2),
                                      env={'DB_PASSWORD': password})
    assert leftovers(docker_client, name) == NOTHING
    assert info.value.message == 'service db is unhealthy: its health check failed 2 times in a row'
    evidence = info.value.evidence
    assert evidence['service'] == 'db' and evidence['state'].endswith('unhealthy')
    assert evidence['health'] and all(out == 'checking the db socket' for out in evidence['health'])
    assert 'db-booting' in evidence['logs'] and f'password is {MASK}' in evidence['logs']
    assert password not in str(evidence)

    [record] = deployer_service.history_page(stack=name).records
    assert not record.ok and record.evidence['logs'] == evidence['logs']
    assert record.evidence['health'][-1] == 'checking the db socket'
    assert password not in str(record.to_dict())


def test_waiting_reports_time_health_output_and_log_tail(deployer_service, new_stack, busybox_image):
    name = new_stack()
    steps: list[Progress] = []
    document = f'''
services:
  db:
    image: {busybox_image}
    command: ["sh", "-c", "echo warming up the cache; sleep 3; touch /ready; sleep 1000000"]
    init: true
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD-SHELL", "test -f /ready && echo ready || (echo not ready yet; exit 1)"]
      interval: 1s
      retries: 30
  web:
    image: {busybox_image}
    command: ["sleep", "1000000"]
    init: true
    stop_grace_period: 1s
    depends_on:
      db:
        condition: service_healthy
'''
    deployer_service.deploy_stack(name, document, progress=steps.append)
    waits = [s for s in steps if s.phase == 'waiting' and s.elapsed is not None]
    assert len(waits) >= 2, [s.message for s in steps]
    assert re.fullmatch(r'web: waiting for db to be healthy \(\d+ s of at most \d+ s\)', waits[-1].message)
    assert waits[-1].elapsed >= waits[0].elapsed + 0.9
    assert any(s.health == 'not ready yet' for s in waits)
    # the log tail, once the service has printed its line (on a loaded machine the first wait can come before it)
    assert waits[-1].logs and waits[-1].logs[0] == 'warming up the cache', [s.logs for s in waits]
    assert all(s.logs[0] == 'warming up the cache' for s in waits if s.logs), [s.logs for s in waits]


def test_cancel_stops_the_wait_and_rolls_back(deployer_service, new_stack, docker_client, busybox_image):
    name = new_stack()
    seen = threading.Event()

    def progress(step: Progress) -> None:
        if step.phase == 'waiting' and step.elapsed is not None:
            seen.set()
    failure: list[BaseException] = []

    def deploy() -> None:
        try:
            deployer_service.deploy_stack(name, failing_db(busybox_image, 1000),
                                          env={'DB_PASSWORD': 'x-1'}, progress=progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            failure.append(exc)
    assert deployer_service.cancel_deploy(name) is False   # nothing runs yet
    worker = threading.Thread(target=deploy)
    worker.start()
    assert seen.wait(60), 'the deploy never reported waiting'
    started = time.monotonic()
    assert deployer_service.cancel_deploy(name) is True
    worker.join(60)
    assert time.monotonic() - started < 15
    [error] = failure
    assert isinstance(error, DeployFailed) and error.message.startswith('cancelled')
    assert leftovers(docker_client, name) == NOTHING
    [record] = deployer_service.history_page(stack=name).records
    assert not record.ok and record.error.startswith('cancelled')


def test_engine_errors_read_as_one_sentence_with_details(deployer_service, new_stack, busybox_image, taken_port):
    name = new_stack()
    with pytest.raises(DeployFailed) as info:
        deployer_service.deploy_stack(name, f'services:\n  web:\n    image: {busybox_image}\n    command: ["sleep", "9"]\n'
                                            f'    ports: ["127.0.0.1:{taken_port}:80"]\n')
    assert info.value.message == (f'service web: port {taken_port} is already in use on the host (another container '
                                  'or program holds it): choose another port')
    assert info.value.detail and 'already' in info.value.detail.lower()
    assert not re.search(r'[0-9a-f]{64}', info.value.detail), 'a 64-character id in the details'


def test_cancel_over_rest_without_a_running_deploy_is_a_conflict(app_server, new_stack):
    with app_server.client() as api:
        answer = api.post(f'/stacks/{new_stack()}/cancel')
    assert answer.status_code == 409 and answer.json()['error']['message'].startswith('nothing is running on stack')
