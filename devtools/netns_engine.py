"""A second Docker engine for tests and benchmarks, in a network namespace of its own, reached over
tcp:// with TLS client certificates made here — the way a remote Docker host is reached.

    with netns_engine(1, image='dockerdeployer-test/busybox:latest') as remote:
        remote.url            # tcp://10.214.1.2:2376
        remote.ca, remote.cert, remote.key       # PEM texts for POST /engines
        remote.client()       # a docker.DockerClient for it
        remote.stop(); remote.start()            # its daemon, under a running app

Each engine gets ``ip netns`` ``ddeng<n>`` and a veth pair (10.214.<n>.1 here, .2 there); its
dockerd is started with ``nsenter --net=…`` (``ip netns exec`` remounts /sys and dockerd then
fails on cgroups) — never a second dockerd in this machine's own namespace, which would delete
the main engine's docker0. Its bridges live in that namespace and go with it. Root only.

With ``bridge`` (and an ``address`` on that bridge's /24) the veth joins a host bridge instead, so
engines reach each other at layer 2 (devtools/swarm_cluster.py); with ``hostname`` the daemon gets a
UTS namespace and hostname of its own (Swarm names nodes by hostname).
"""
from __future__ import annotations

import contextlib
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import docker
import docker.tls

PORT = 2376
SSHD = '/usr/sbin/sshd'


def _run(*command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=check, timeout=60)


@dataclass
class NetnsEngine:
    index: int
    folder: Path
    namespace: str = field(init=False)
    address: str = ''   # default 10.214.<index>.2, on a /24 of its own
    process: subprocess.Popen[bytes] | None = None
    sshd: subprocess.Popen[bytes] | None = None
    bridge: str | None = None
    hostname: str | None = None

    def __post_init__(self) -> None:
        self.namespace = f'ddeng{self.index}'
        self.address = self.address or f'10.214.{self.index}.2'

    @property
    def url(self) -> str:
        return f'tcp://{self.address}:{PORT}'

    def _pem(self, name: str) -> str:
        return (self.folder / name).read_text()   # PEM and OpenSSH key texts

    @property
    def ca(self) -> str:
        return self._pem('ca.pem')

    @property
    def cert(self) -> str:
        return self._pem('cert.pem')

    @property
    def key(self) -> str:
        return self._pem('key.pem')

    # ---- ssh:// (Debian's openssh-server in the same namespace; `docker system dial-stdio` there) ------
    @property
    def ssh_url(self) -> str:
        return f'ssh://root@{self.address}'

    @property
    def ssh_key(self) -> str:
        return self._pem('client_key')

    @property
    def ssh_fingerprint(self) -> str:
        out = _run('ssh-keygen', '-l', '-E', 'sha256', '-f', str(self.folder / 'host_key.pub')).stdout
        return out.split()[1]

    def start_sshd(self) -> None:
        f = self.folder
        for name in ('host_key', 'client_key'):
            if not (f / name).exists():
                _run('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', str(f / name))
        (f / 'authorized_keys').write_text((f / 'client_key.pub').read_text())
        (f / 'authorized_keys').chmod(0o600)
        (f / 'sshd_config').write_text(
            f'Port 22\nListenAddress {self.address}\nHostKey {f}/host_key\nAuthorizedKeysFile {f}/authorized_keys\n'
            'PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n'
            f'UsePAM no\nStrictModes no\nPidFile {f}/sshd.pid\nSetEnv DOCKER_HOST=unix://{f}/docker.sock\n')
        Path('/run/sshd').mkdir(exist_ok=True)   # privilege separation
        log = (f / 'sshd.log').open('ab')
        self.sshd = subprocess.Popen(['nsenter', f'--net=/run/netns/{self.namespace}', SSHD, '-D', '-e', '-f',
                                      str(f / 'sshd_config')], stdin=subprocess.DEVNULL, stdout=log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = time.monotonic() + 10
        while 'Server listening' not in (f / 'sshd.log').read_text():
            if self.sshd.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError('sshd in the namespace did not start:\n' + (f / 'sshd.log').read_text()[-2000:])
            time.sleep(0.1)

    def stop_sshd(self) -> None:
        if self.sshd is not None and self.sshd.poll() is None:
            self.sshd.terminate()
            self.sshd.wait(timeout=10)

    def client(self, timeout: int = 60) -> docker.DockerClient:
        tls = docker.tls.TLSConfig(client_cert=(str(self.folder / 'cert.pem'), str(self.folder / 'key.pem')),
                                   ca_cert=str(self.folder / 'ca.pem'), verify=True)
        client = docker.DockerClient(base_url=self.url, tls=tls, timeout=timeout, version='1.41')
        client.api.trust_env = False   # REQUESTS_CA_BUNDLE would replace the engine's CA (psf/requests#3829)
        return client

    # ---- the network namespace and the keys ---------------------------------------------------------
    def prepare(self) -> None:
        self.teardown_network()
        host_if, ns_if = f'ddh{self.index}', f'ddn{self.index}'
        _run('ip', 'netns', 'add', self.namespace)
        _run('ip', 'link', 'add', host_if, 'type', 'veth', 'peer', 'name', ns_if)
        _run('ip', 'link', 'set', ns_if, 'netns', self.namespace)
        if self.bridge is None:
            _run('ip', 'addr', 'add', f'10.214.{self.index}.1/24', 'dev', host_if)
        else:
            _run('ip', 'link', 'set', host_if, 'master', self.bridge)
        _run('ip', 'link', 'set', host_if, 'up')
        inside = ('ip', 'netns', 'exec', self.namespace)
        _run(*inside, 'ip', 'addr', 'add', f'{self.address}/24', 'dev', ns_if)
        _run(*inside, 'ip', 'link', 'set', ns_if, 'up')
        _run(*inside, 'ip', 'link', 'set', 'lo', 'up')
        self._keys()

    def _keys(self) -> None:
        """A CA, the engine's certificate (for its address) and a client certificate, by openssl."""
        f = self.folder

        def ssl(*args: str) -> None:
            _run('openssl', *args)
        ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', str(f / 'ca-key.pem'), '-out', str(f / 'ca.pem'),
            '-days', '2', '-subj', f'/CN=dd-test-ca-{self.index}')
        for who, usage, extra in (('server', 'serverAuth', f'subjectAltName=IP:{self.address}\n'),
                                  ('client', 'clientAuth', '')):
            key = f / ('server-key.pem' if who == 'server' else 'key.pem')
            pem = f / ('server.pem' if who == 'server' else 'cert.pem')
            (f / f'{who}.ext').write_text(f'{extra}extendedKeyUsage={usage}\n')
            ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', str(key), '-out', str(f / f'{who}.csr'),
                '-subj', f'/CN=dd-test-{who}')
            ssl('x509', '-req', '-in', str(f / f'{who}.csr'), '-CA', str(f / 'ca.pem'), '-CAkey', str(f / 'ca-key.pem'),
                '-CAcreateserial', '-out', str(pem), '-days', '2', '-extfile', str(f / f'{who}.ext'))

    def teardown_network(self) -> None:
        _run('ip', 'netns', 'del', self.namespace, check=False)
        _run('ip', 'link', 'del', f'ddh{self.index}', check=False)

    # ---- the daemon -----------------------------------------------------------------------------------
    def start(self, timeout: float = 60) -> None:
        f = self.folder
        dockerd = ['dockerd', '--data-root', str(f / 'data'), '--exec-root', str(f / 'exec'), '--pidfile',
                   str(f / 'docker.pid'), '-H', f'unix://{f}/docker.sock', '-H', f'tcp://{self.address}:{PORT}',
                   '--tlsverify', '--tlscacert', str(f / 'ca.pem'), '--tlscert', str(f / 'server.pem'),
                   '--tlskey', str(f / 'server-key.pem')]
        if self.hostname:   # unshare and sh exec: the process is still dockerd's
            dockerd = ['unshare', '--uts', 'sh', '-c', 'hostname "$0" && exec "$@"', self.hostname, *dockerd]
        log = (f / 'dockerd.log').open('ab')
        self.process = subprocess.Popen(['nsenter', f'--net=/run/netns/{self.namespace}', *dockerd],
                                        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.client(timeout=5).ping()
                return
            except Exception:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f'dockerd in {self.namespace} did not start:\n'
                                       + (f / 'dockerd.log').read_text()[-3000:]) from None
                time.sleep(0.2)

    def stop(self) -> None:
        """Stop the daemon (its containers stop with it)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def load(self, image: str, source: docker.DockerClient) -> None:
        """Copy an image from another engine (docker save | docker load): no registry needed."""
        data = b"".join(source.images.get(image).save(named=image))   # under this tag
        self.client().images.load(data)


@contextlib.contextmanager
def netns_engine(index: int, *, image: str | None = None, source: docker.DockerClient | None = None,
                 ssh: bool = False) -> Iterator[NetnsEngine]:
    if shutil.which('nsenter') is None or shutil.which('openssl') is None or shutil.which('ip') is None:
        raise RuntimeError('a second engine needs nsenter, ip and openssl (util-linux, iproute2, openssl)')
    folder = Path(tempfile.mkdtemp(prefix=f'dd-netns-engine{index}-'))
    engine = NetnsEngine(index, folder)
    try:
        engine.prepare()
        engine.start()
        if image and source is not None:
            engine.load(image, source)
        if ssh:
            engine.start_sshd()
        yield engine
    finally:
        engine.stop_sshd()
        with contextlib.suppress(Exception):
            if engine.process is not None and engine.process.poll() is None:
                client = engine.client(timeout=10)
                for container in client.containers.list(all=True):
                    container.remove(force=True)
        engine.stop()
        engine.teardown_network()
        shutil.rmtree(folder, ignore_errors=True)
