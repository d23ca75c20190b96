"""Issue 15, charts: a running container's last hour from the one stats poller, on the real engine
(GET /containers/{id}/stats) — a busy container shows its CPU; nothing is asked of the engine per
viewer (the figures are the poller's own samples)."""
from __future__ import annotations

import time


def test_a_busy_container_has_its_cpu_in_the_series(app_server, make_container):
    busy = make_container(command=['sh', '-c', 'while :; do :; done'])
    with app_server.client() as api:
        deadline = time.monotonic() + 30
        while True:
            answer = api.get(f'/containers/{busy.name}/stats')
            assert answer.status_code == 200, answer.text
            series = answer.json()
            if len(series['t']) >= 3 or time.monotonic() > deadline:
                break
            time.sleep(1)
        assert series['container'] == busy.name and series['interval'] == 2.0
        assert len(series['t']) >= 3 and series['t'] == sorted(series['t'])
        assert max(series['cpu']) > 20.0                      # a busy loop takes a good share of a CPU
        assert all(len(series[k]) == len(series['t']) for k in ('memory', 'net_rx', 'net_tx', 'block_read'))
        recent = api.get(f'/containers/{busy.name}/stats', params={'seconds': 3}).json()
        assert 0 < len(recent['t']) < len(series['t']) + 2 and recent['t'][0] >= time.time() - 10
        assert api.get(f'/containers/{busy.name}/stats', params={'seconds': 0}).status_code == 422
        assert api.get('/containers/no-such-one/stats').status_code == 404
