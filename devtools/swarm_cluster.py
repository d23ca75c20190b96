"""A real Docker Swarm of several engines on this machine, for tests and benchmarks: each node is a
devtools/netns_engine.py engine (network namespace ``ddeng<n>``, tcp:// with TLS) whose veth joins
one host bridge, so nodes reach each other and this host at layer 2 on one /24.

    with swarm_cluster(3, image='dockerdeployer-test/busybox:latest', source=local) as swarm:
        swarm.manager.client().services.create(...)
        swarm.nodes[2].stop(); swarm.nodes[2].start()      # a node's daemon goes down and rejoins
        swarm.load(other_image, local)                    # into every node

Bridge ``ddswbr0`` is 10.215.0.1; node n (namespace ``ddeng<n>``, from 21 on) is 10.215.0.<n>, its
dockerd in a UTS namespace of its own with hostname ``dd-node-<k>``. The host's bridge-nf-call-iptables
sends bridged frames through iptables' FORWARD, whose policy the main engine sets to DROP, so a
FORWARD rule accepts ddswbr0 → ddswbr0 while the cluster lives. Overlay networks take /24s from
10.216.0.0/16. Root only.

``python -m devtools.swarm_cluster`` checks and times it. Measured here (2 cores, docker.io 20.10, a kernel
without IPVS): ready with two images in 4-5 s, gone in 4-6 s. Overlay traffic between nodes, ``tasks.<service>``
and ``endpoint_mode: dnsrr`` work; a service's virtual IP and ingress-mode published ports (the routing mesh)
do not — both need IPVS; a ``mode: host`` published port answers at the address of each node running a task.
A node whose daemon stops is Down after 11-15 s, and Ready again within a second of its daemon answering.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import docker
from docker.types import EndpointSpec, ServiceMode

from devtools.netns_engine import NetnsEngine, _run

BRIDGE = 'ddswbr0'
SUBNET = '10.215.0'           # a /24: the bridge .1, node n .n
FIRST_INDEX = 21              # namespaces ddeng21, ddeng22, ...: clear of tests (1) and bench (7, 8)
OVERLAY_POOL = '10.216.0.0/16'
LOCK = Path(tempfile.gettempdir()) / 'dd-swarm-cluster.lock'
HEARTBEAT_NS = 1_000_000_000  # the dispatcher's heartbeat (Docker's default is 5 s): tests see a node go down sooner
FORWARD_RULE = ('-i', BRIDGE, '-o', BRIDGE, '-m', 'comment', '--comment', 'dd-swarm-cluster', '-j', 'ACCEPT')
T = TypeVar('T')


def _parallel(fn: Callable[[NetnsEngine], T], nodes: Iterable[NetnsEngine]) -> list[T]:
    nodes = list(nodes)
    with ThreadPoolExecutor(max(1, len(nodes))) as pool:
        return list(pool.map(fn, nodes))


def wait_for(predicate: Callable[[], Any], timeout: float, what: str, step: float = 0.25) -> float:
    """Poll until ``predicate()`` is truthy; the seconds it took (errors count as not yet)."""
    started = time.monotonic()
    while True:
        with contextlib.suppress(Exception):
            if predicate():
                return time.monotonic() - started
        if time.monotonic() - started > timeout:
            raise TimeoutError(f'{what}: not after {timeout:.0f} s')
        time.sleep(step)


@dataclass
class SwarmCluster:
    nodes: list[NetnsEngine]
    join_tokens: dict[str, str] = field(default_factory=dict)   # 'Worker' and 'Manager'

    @property
    def manager(self) -> NetnsEngine:
        """Node 1, where the swarm was made: always a manager."""
        return self.nodes[0]

    def node_states(self) -> dict[str, str]:
        """hostname → 'ready', 'down', … as the manager sees them."""
        return {n.attrs['Description']['Hostname']: n.attrs['Status']['State']
                for n in self.manager.client(timeout=10).nodes.list()}

    def wait_ready(self, timeout: float = 60) -> float:
        def ready() -> bool:
            states = self.node_states()
            return len(states) == len(self.nodes) and set(states.values()) == {'ready'}
        return wait_for(ready, timeout, 'all nodes ready')

    def form(self, managers: int) -> None:
        """Init on node 1, then join the others: the first ``managers`` as managers (one by one, as Raft
        wants), the rest as workers."""
        first = self.manager
        client = first.client()
        client.swarm.init(advertise_addr=first.address, listen_addr=f'{first.address}:2377',
                          default_addr_pool=[OVERLAY_POOL], subnet_size=24,
                          dispatcher_heartbeat_period=HEARTBEAT_NS)   # a stopped node is Down in seconds, not 15
        client.swarm.reload()
        self.join_tokens = client.swarm.attrs['JoinTokens']

        def join(node: NetnsEngine, role: str) -> None:
            node.client().swarm.join([f'{first.address}:2377'], self.join_tokens[role],
                                     listen_addr=f'{node.address}:2377', advertise_addr=node.address)
        for node in self.nodes[1:managers]:
            join(node, 'Manager')
        _parallel(lambda node: join(node, 'Worker'), self.nodes[max(1, managers):])
        self.wait_ready()

    def load(self, image: str, source: docker.DockerClient) -> None:
        """Copy an image into every node (saved once from ``source``, loaded in parallel)."""
        data = b''.join(source.images.get(image).save(named=image))
        _parallel(lambda node: node.client(timeout=300).images.load(data), self.nodes)

    def close(self) -> None:
        """Leave the swarm (workers, then node 1) and stop every daemon: a daemon still in a swarm waits on its
        peers when it stops (managers that had lost their leader took seconds)."""
        def leave(node: NetnsEngine) -> None:
            if node.process is not None and node.process.poll() is None:
                with contextlib.suppress(Exception):
                    node.client(timeout=30).swarm.leave(force=True)
        _parallel(leave, self.nodes[1:])
        leave(self.manager)
        _parallel(lambda node: node.stop(), self.nodes)


def _reap(folder: Path) -> None:
    """What a daemon killed with SIGKILL leaves (NetnsEngine.stop's last resort): its containerd and shims
    with their containers, which would keep mounts and namespaces alive, and the mounts under ``folder``."""
    def descendants(pid: str) -> list[str]:
        children = ' '.join(c.read_text() for c in Path(f'/proc/{pid}/task').glob('*/children')).split()
        return [pid, *(d for child in children for d in descendants(child))]
    owned = []
    for cmdline in Path('/proc').glob('[0-9]*/cmdline'):
        with contextlib.suppress(OSError):
            if str(folder).encode() in cmdline.read_bytes() and cmdline.parent.name != str(os.getpid()):
                owned.append(cmdline.parent.name)
    for victim in {d for pid in owned for d in descendants(pid)}:
        with contextlib.suppress(OSError):
            os.kill(int(victim), signal.SIGKILL)
    mounts = [line.split()[4] for line in Path('/proc/self/mountinfo').read_text().splitlines()]
    for mount in sorted((m for m in mounts if m.startswith(f'{folder}/')), key=len, reverse=True):
        _run('umount', '-l', mount, check=False)


def _network_down() -> None:
    while _run('iptables', '-D', 'FORWARD', *FORWARD_RULE, check=False).returncode == 0:
        pass
    _run('ip', 'link', 'del', BRIDGE, check=False)


def _network_up() -> None:
    _network_down()   # what a killed run left
    _run('ip', 'link', 'add', BRIDGE, 'type', 'bridge')
    _run('ip', 'addr', 'add', f'{SUBNET}.1/24', 'dev', BRIDGE)
    _run('ip', 'link', 'set', BRIDGE, 'up')
    _run('iptables', '-I', 'FORWARD', '1', *FORWARD_RULE)


@contextlib.contextmanager
def swarm_cluster(nodes: int = 3, *, image: str | None = None, source: docker.DockerClient | None = None,
                  managers: int = 1) -> Iterator[SwarmCluster]:
    """A swarm of ``nodes`` engines, all Ready, ``image`` loaded into each from ``source``; everything it
    made (daemons, namespaces, veths, bridge, iptables rule, folders) is gone after."""
    missing = [tool for tool in ('nsenter', 'unshare', 'ip', 'iptables', 'openssl') if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(f'a swarm cluster needs {", ".join(missing)} (util-linux, iproute2, iptables, openssl)')
    lock = LOCK.open('w')
    fcntl.flock(lock, fcntl.LOCK_EX)   # one swarm at a time on this machine: its namespaces and bridge have fixed names
    folder = Path(tempfile.mkdtemp(prefix='dd-swarm-'))
    cluster = SwarmCluster([NetnsEngine(FIRST_INDEX + k, folder / f'node{k + 1}', address=f'{SUBNET}.{FIRST_INDEX + k}',
                                        bridge=BRIDGE, hostname=f'dd-node-{k + 1}') for k in range(nodes)])

    def boot(node: NetnsEngine) -> None:
        node.folder.mkdir()
        node.prepare()
        node.start()
    try:
        _network_up()
        _parallel(boot, cluster.nodes)
        cluster.form(managers)
        if image and source is not None:
            cluster.load(image, source)
        yield cluster
    finally:
        cluster.close()
        for node in cluster.nodes:
            node.teardown_network()
        _network_down()
        _reap(folder)
        shutil.rmtree(folder, ignore_errors=True)
        lock.close()   # releases the lock


# ---- `python -m devtools.swarm_cluster`: make one, check what Swarm does on it, time it ------------------

NETWORK = 'ddsw-net'
# busybox-static's `wget -T` crashes (SIGSEGV): nc -w gives the timeout; nslookup lists what a name resolves to
SHELL_TOOLS = ('get() { printf "GET /etc/hostname HTTP/1.0\\r\\n\\r\\n" | nc -w 3 "$1" 80 2>&1 | tail -n 1; }; '
               'ips() { nslookup "$1" | awk \'$1 == "Address:" && $2 !~ /:53$/ {print $2}\' | xargs; }; ')
PROBE = (SHELL_TOOLS + 'echo "VIP: web is $(ips web): $(get web) / $(get web)"; echo "tasks.web is $(ips tasks.web)"; '
         'for ip in $(ips tasks.web); do echo "  $ip: $(get $ip)"; done; '
         'echo "dnsrr: rr is $(ips rr)"; for ip in $(ips rr); do echo "  $ip: $(get $ip)"; done')
SERVICES: dict[str, dict[str, Any]] = {
    'web': {'networks': [NETWORK], 'maxreplicas': 1},   # on two different nodes
    'rr': {'networks': [NETWORK], 'endpoint_spec': EndpointSpec(mode='dnsrr')},
    'ingress-publish': {'endpoint_spec': EndpointSpec(ports={18080: 80})},
    'host-publish': {'endpoint_spec': EndpointSpec(ports={18081: (80, 'tcp', 'host')})},
}


def _http(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=3) as answer:
            return str(answer.read().decode().strip())
    except OSError as exc:
        return f'fail ({getattr(exc, "reason", exc)})'


class _Checks:
    """Point by point, each result a printed line: what works on this kernel, and how long things take."""

    def __init__(self, swarm: SwarmCluster, busybox: str, standin: str) -> None:
        self.swarm, self.busybox, self.standin = swarm, busybox, standin
        self.api = swarm.manager.client()
        self.hostnames = {n.id: n.attrs['Description']['Hostname'] for n in self.api.nodes.list()}

    def running(self, service: str) -> list[str]:
        """The hostnames of a service's running tasks."""
        tasks = self.api.services.get(service).tasks({'desired-state': 'running'})
        return sorted(self.hostnames[t['NodeID']] for t in tasks if t['Status']['State'] == 'running')

    def run(self) -> Iterator[tuple[str, Any]]:
        yield 'nodes', self.swarm.node_states()
        self.api.networks.create(NETWORK, driver='overlay', attachable=True)
        for name, kw in SERVICES.items():
            self.api.services.create(self.standin, name=name, mode=ServiceMode('replicated', 2), **kw)
        took = wait_for(lambda: all(len(self.running(name)) == 2 for name in SERVICES), 60, 'services running')
        yield '4 services x 2 replicas running after s', round(took, 1)
        yield 'web tasks on', self.running('web')
        for node in self.swarm.nodes:   # a container on each node, on the overlay, to every task
            out = node.client().containers.run(self.busybox, ['sh', '-c', PROBE], network=NETWORK, init=True,
                                               remove=True)
            yield f'from a container on {node.hostname}', out.decode().strip().splitlines()
        yield from self.published()
        yield from self.drain()
        yield from self.node_down()

    def published(self) -> Iterator[tuple[str, Any]]:
        for name, port in (('ingress-publish', 18080), ('host-publish', 18081)):
            def answers(port: int = port) -> bool:
                return any(not _http(f'http://{n.address}:{port}/etc/hostname').startswith('fail')
                           for n in self.swarm.nodes)
            with contextlib.suppress(TimeoutError):   # give a slow routing mesh its time; it may never come
                wait_for(answers, 10, name)
            yield f'{name} tasks on', self.running(name)
            yield f'{name} :{port} from the host', {
                n.hostname: _http(f'http://{n.address}:{port}/etc/hostname') for n in self.swarm.nodes}

    def drain(self) -> Iterator[tuple[str, Any]]:
        node = next(n for n in self.api.nodes.list()
                    if n.attrs['Spec']['Role'] == 'worker' and self.hostnames[n.id] in self.running('web'))
        name = self.hostnames[node.id]
        node.update(dict(node.attrs['Spec'], Availability='drain'))

        def moved() -> bool:
            tasks = self.running('web')
            return len(tasks) == 2 and name not in tasks
        yield f'drain {name}: web off it after s', round(wait_for(moved, 60, 'web off the drained node'), 1)
        yield 'web tasks after the drain', self.running('web')
        node.reload()
        node.update(dict(node.attrs['Spec'], Availability='active'))

    def node_down(self) -> Iterator[tuple[str, Any]]:
        node = self.swarm.nodes[-1]
        name = str(node.hostname)
        node.stop()
        took = wait_for(lambda: self.swarm.node_states()[name] == 'down', 120, 'node down', step=0.1)
        yield f'{name} dockerd stopped: Down after s', round(took, 1)
        started = time.monotonic()
        node.start()
        wait_for(lambda: self.swarm.node_states()[name] == 'ready', 120, 'node ready again', step=0.1)
        yield f'{name} dockerd started: Ready after s (daemon start included)', round(time.monotonic() - started, 1)
        yield 'nodes at the end', self.swarm.node_states()


def main() -> None:
    from bench.common import docker_client, ensure_busybox_image
    from devtools.standin import build_standin

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # so that the cluster's teardown runs
    local = docker_client()
    busybox = ensure_busybox_image(local)
    standin = build_standin(local, busybox, 'dockerdeployer-test/standin:latest')
    started = time.perf_counter()
    with swarm_cluster(3, image=standin, source=local) as swarm:
        swarm.load(busybox, local)
        print(f'setup (nothing to 3 nodes Ready, 2 images loaded): {time.perf_counter() - started:.1f} s', flush=True)
        for key, value in _Checks(swarm, busybox, standin).run():
            print(f'{key}: {value}', flush=True)
        stopping = time.perf_counter()
    print(f'teardown: {time.perf_counter() - stopping:.1f} s')


if __name__ == '__main__':
    main()
