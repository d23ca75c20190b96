"""Starting the app: the sign-in link is printed only once the server listens; a taken port ends
start-up at once with a clear message and a non-zero exit, printing no link."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time

from devtools.apprun import ROOT, free_port, running_app


def test_the_link_is_printed_once_the_server_listens():
    with running_app() as app:
        deadline = time.monotonic() + 10
        while 'signs you in' not in app.log_tail() and time.monotonic() < deadline:
            time.sleep(0.1)
        log = app.log_tail()
        assert f'DockerDeployer is listening on {app.base_url}' in log
        assert f'{app.base_url}/?token={app.token}' in log


def test_a_taken_port_exits_with_a_clear_message_and_no_link():
    port = free_port()
    with socket.socket() as holder, tempfile.TemporaryDirectory() as data_dir:
        holder.bind(('127.0.0.1', port))
        holder.listen()
        env = {**os.environ, 'DEPLOYER_HOST': '127.0.0.1', 'DEPLOYER_PORT': str(port), 'DEPLOYER_DATA_DIR': data_dir,
               'DEPLOYER_TOKEN': 'x' * 32}
        env.pop('PYTEST_CURRENT_TEST', None)
        done = subprocess.run([sys.executable, 'app.py'], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert f'cannot listen on 127.0.0.1:{port}' in done.stderr and 'DEPLOYER_PORT' in done.stderr
    assert 'token=' not in done.stdout + done.stderr
