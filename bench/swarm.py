"""Issue 17, Docker Swarm: a 3-node swarm of engines in network namespaces (devtools/swarm_cluster.py),
DockerDeployer's swarm service (in-process, over tcp:// with TLS, as the app reaches a manager) side by
side with the ``docker`` CLI on the same manager.

1. deploy a stack of ``--services`` services × 3 replicas from nothing until every task runs:
   ``SwarmService.deploy_stack`` (it waits) against ``docker stack deploy`` and polling the tasks until
   they all run (the 20.10 CLI does not wait);
2. deploy the same file again: ours leaves unchanged services alone; the CLI sends every spec again;
3. scale one service 3 → 6 and wait: ``SwarmService.scale`` against ``docker service scale`` (it waits);
4. remove the stack until its tasks are gone: ``remove_stack`` against ``docker stack rm`` and polling.

Rounds alternate which side goes first.

    python -m bench.swarm [--services 5] [--rounds 5] [--write]      (root: it makes network namespaces)
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from deployer.engine import Engine
from deployer.history import History
from deployer.operations import Recorder
from deployer.policy import HostPolicy
from deployer.swarm import SwarmService
from deployer.versioning import ConfigRepo
from devtools.netns_engine import NetnsEngine
from devtools.swarm_cluster import swarm_cluster

from .common import ROOT, Stats, bench_main, docker_client, ensure_busybox_image, machine_info

DOC = ROOT / 'docs' / 'benchmarks.md'
START = '<!-- bench:issue-17:start - written by `python -m bench.swarm --write`; edits inside are overwritten -->'
END = '<!-- bench:issue-17:end -->'


def compose(image: str, services: int) -> str:
    body = ''.join(f'  s{i}:\n    image: {image}\n    command: ["sleep", "3600"]\n    init: true\n'
                   f'    deploy: {{replicas: 3, endpoint_mode: dnsrr}}\n' for i in range(services))
    return f'version: "3.8"\nservices:\n{body}'


class Cli:
    def __init__(self, manager: NetnsEngine) -> None:
        f = manager.folder
        self.base = ['docker', '-H', manager.url, '--tlsverify', '--tlscacert', str(f / 'ca.pem'), '--tlscert',
                     str(f / 'cert.pem'), '--tlskey', str(f / 'key.pem')]

    def __call__(self, *args: str) -> str:
        done = subprocess.run([*self.base, *args], capture_output=True, text=True, timeout=300)
        if done.returncode:
            raise RuntimeError(f'docker {" ".join(args)}: {done.stderr.strip()[:300]}')
        return done.stdout


def _until(check: Any, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError('the swarm did not converge in time')
        time.sleep(0.25)


def _all_running(engine: Engine, stack: str, expected: int) -> bool:
    tasks = engine.call(lambda c: c.tasks(filters={'label': f'com.docker.stack.namespace={stack}',
                                                   'desired-state': 'running'}))
    return sum(1 for t in tasks if t['Status']['State'] == 'running') == expected


def _gone(engine: Engine, stack: str) -> bool:
    return not engine.call(lambda c: c.containers(filters={'label': f'com.docker.stack.namespace={stack}'})) and not \
        engine.call(lambda c: c.tasks(filters={'label': f'com.docker.stack.namespace={stack}', 'desired-state': 'running'}))


def run(args: argparse.Namespace) -> dict[str, Any]:
    local = docker_client()
    image = ensure_busybox_image(local)
    results: dict[str, dict[str, list[float]]] = {k: {'ours': [], 'cli': []} for k in ('deploy', 'again', 'scale', 'remove')}
    setup = time.perf_counter()
    with swarm_cluster(3, image=image, source=local) as swarm, tempfile.TemporaryDirectory() as tmp:
        made_s = time.perf_counter() - setup
        manager = swarm.manager
        engine = Engine(manager.url, tls=(str(manager.folder / 'ca.pem'), str(manager.folder / 'cert.pem'),
                                          str(manager.folder / 'key.pem')))
        data = Path(tmp)
        ours = SwarmService(engine, Recorder(ConfigRepo(data / 'config'), History(data / 'history')),
                            policy=HostPolicy(stacks_dir=data / 'stacks'), check_writable=lambda _: None,
                            allow_privileged=lambda: False)
        cli = Cli(manager)
        text = compose(image, args.services)
        (data / 'stack.yml').write_text(text)
        expected = 3 * args.services
        for round_ in range(args.rounds):
            for side in (('ours', 'cli') if round_ % 2 == 0 else ('cli', 'ours')):
                stack = f'b{round_}{side}'
                times = _one(side, stack, ours, cli, engine, text, data / 'stack.yml', expected)
                for key, seconds in times.items():
                    results[key][side].append(seconds)
        engine.close()
    return {'machine': machine_info(local), 'services': args.services, 'rounds': args.rounds, 'setup_s': made_s,
            'results': {k: {side: Stats(tuple(s)).to_dict() for side, s in v.items()} for k, v in results.items()}}


def _one(side: str, stack: str, ours: SwarmService, cli: Cli, engine: Engine, text: str, path: Path,
         expected: int) -> dict[str, float]:
    times: dict[str, float] = {}
    started = time.perf_counter()
    if side == 'ours':
        ours.deploy_stack(stack, text)
    else:
        cli('stack', 'deploy', '-c', str(path), stack)
        _until(lambda: _all_running(engine, stack, expected))
    times['deploy'] = time.perf_counter() - started
    started = time.perf_counter()
    if side == 'ours':
        ours.deploy_stack(stack, text)
    else:
        cli('stack', 'deploy', '-c', str(path), stack)
    times['again'] = time.perf_counter() - started
    started = time.perf_counter()
    if side == 'ours':
        ours.scale(f'{stack}_s0', 6)
    else:
        cli('service', 'scale', f'{stack}_s0=6')
    times['scale'] = time.perf_counter() - started
    started = time.perf_counter()
    if side == 'ours':
        ours.remove_stack(stack)
    else:
        cli('stack', 'rm', stack)
    _until(lambda: _gone(engine, stack))
    times['remove'] = time.perf_counter() - started
    return times


def markdown(r: dict[str, Any]) -> str:
    m, res = r['machine'], r['results']
    labels = {'deploy': f"deploy {r['services']} services × 3 replicas, until every task runs",
              'again': 'deploy the same file again', 'scale': 'scale one service 3 → 6, waited',
              'remove': 'remove the stack, until its tasks are gone'}
    references = {'deploy': '`docker stack deploy` + polling the tasks', 'again': '`docker stack deploy` again',
                  'scale': '`docker service scale` (waits)', 'remove': '`docker stack rm` + polling'}
    rows = []
    for key, label in labels.items():
        ours, cli = res[key]['ours'], res[key]['cli']
        ratio = ours['median_ms'] / cli['median_ms'] if cli['median_ms'] else float('nan')
        rows.append(f"| {label} | {ours['median_ms'] / 1000:.2f} s (p95 {ours['p95_ms'] / 1000:.2f}) | "
                    f"{references[key]}: {cli['median_ms'] / 1000:.2f} s (p95 {cli['p95_ms'] / 1000:.2f}) | {ratio:.2f} |")
    return f"""## Issue 17: Docker Swarm (`python -m bench.swarm --write`)

A 3-node swarm of dockerd in network namespaces of their own (devtools/swarm_cluster.py), made and
ready in {r['setup_s']:.1f} s; DockerDeployer's swarm service reaches the manager over tcp:// with TLS, as
the `docker` CLI beside it does. {m.get('nproc')} CPUs ({m.get('cpu')}), Docker {m.get('engine')}, commit
{m.get('commit')}, medians of {r['rounds']} rounds (the side that goes first alternates).

| measure | DockerDeployer | reference | ratio |
|---|---|---|---|
{chr(10).join(rows)}

Deploying again, ours compares each service's spec hash and sends nothing for an unchanged one;
`docker stack deploy` sends every service's spec again (unchanged specs restart no task either).
`docker service scale` waits until the service has stayed converged for 5 s (its progress monitor);
ours returns once every replica runs.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--services', type=int, default=5)
    parser.add_argument('--rounds', type=int, default=5)
    return bench_main(parser, argv, run, markdown, doc=DOC, start=START, end=END)


if __name__ == '__main__':
    sys.exit(main())
