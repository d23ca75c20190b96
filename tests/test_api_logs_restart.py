"""GET /logs/{id}?follow=true across a container restart: the first line of the new run is never
skipped (``docker logs`` has it)."""
from __future__ import annotations

from tests.browser.test_logview_restart_ui import RUNS


def _data(lines, until: str) -> list[str]:
    seen = []
    for line in lines:
        if line == 'event: end':
            seen.append(line)
            break
        if line.startswith('data: '):
            seen.append(line.removeprefix('data: '))
            if until in line:
                break
    return seen


def test_following_across_a_restart_keeps_the_first_line(app_server, make_container):
    container = make_container(command=['sh', '-c', RUNS])
    with app_server.client(timeout=20) as client:
        with client.stream('GET', f'/logs/{container.id}', params={'follow': 'true'}) as response:
            assert response.status_code == 200
            lines = response.iter_lines()
            assert _data(lines, 'run 1 line 1')[-1] == 'run 1 line 1'
            container.restart(timeout=1)
            seen = _data(lines, 'run 2 line 1')
        run2 = [line for line in seen if 'run 2' in line]
        assert run2 == [] or run2[0] == 'FIRST of run 2', seen   # the stream ends with the run, or reads on whole
        if seen[-1] == 'event: end':   # follow again, as the end event invites: everything is there
            with client.stream('GET', f'/logs/{container.id}', params={'follow': 'true'}) as response:
                again = _data(response.iter_lines(), 'run 2 line 1')
            assert again.index('FIRST of run 2') == again.index('run 2 line 1') - 1, again
