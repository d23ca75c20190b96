"""The test fixtures themselves, against the real engine."""

import time

import httpx


def test_busybox_image_runs_echo(docker_client, busybox_image):
    container = docker_client.containers.run(busybox_image, ['echo', 'hello'], detach=True,
                                             labels={'dockerdeployer.test': '1'})
    try:
        assert container.wait(timeout=30)['StatusCode'] == 0
        assert container.logs() == b'hello\n'
    finally:
        container.remove(force=True)


def test_make_container_default_command_logs_numbered_lines(make_container):
    container = make_container()
    assert container.status == 'running'
    assert container.name.startswith('ddtest-')
    assert container.labels['dockerdeployer.test'] == '1'
    deadline = time.monotonic() + 10
    while b'line 3\n' not in container.logs() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert container.logs().startswith(b'line 1\nline 2\nline 3\n')
    started = time.monotonic()
    container.stop(timeout=10)
    assert time.monotonic() - started < 3  # init=True: the shell loop stops on SIGTERM at once


def test_make_container_publishes_httpd_on_localhost(make_container):
    container = make_container(command=['httpd', '-f', '-p', '80', '-h', '/'],
                               ports={'80/tcp': ('127.0.0.1', None)})
    binding = container.ports['80/tcp'][0]
    assert binding['HostIp'] == '127.0.0.1'
    url = f'http://127.0.0.1:{binding["HostPort"]}/etc/hostname'
    deadline = time.monotonic() + 10
    while True:
        try:
            response = httpx.get(url, timeout=2)
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    assert response.status_code == 200
    assert response.text.strip() == container.id[:12]
