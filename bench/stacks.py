"""`POST /deploy` of a 3- and a 6-service stack against `docker-compose up -d` (Debian's v1).

Both sides deploy the very same compose file (same bytes) with stand-in images: the tests'
busybox image tagged as ``ddbench/<service>:<run id>`` (present, so neither side pulls). Each
service runs a long-lived busybox program (``httpd -f``, ``sleep``) under ``init: true`` so it
starts at once and stops fast; depends_on is the plain list form (start order only, which
both sides honour alike: no health waits); there are custom networks (one service on two),
named volumes and ports published on 127.0.0.1 high ports.

Per size, every round runs both sides one after the other, in an order that rotates each
round, each side on its own project name so they never meet:

* compose: ``docker-compose -p <p> -f <file> up -d`` with nothing existing (timed: cold), then
  the same command again ``--noop`` times with the stack running (timed: no-op), then
  ``down -v`` (untimed);
* ours: ``POST /deploy {"stack", "compose": <the file's text>}`` with the token, the whole
  HTTP call (it returns once every container is started), cold, then the same request again
  ``--noop`` times (no-op), then ``POST /stacks/<p>/action {"action": "remove", "volumes": true}``
  (untimed).

Checked (untimed) every time: after a cold deploy both sides run as many containers with as
many networks and volumes; a no-op changed nothing (ours reports every container unchanged,
compose's container ids stay the same); after the teardown nothing of the project is left.
Targets: ratio of cold medians ours / compose <= 0.6, and our no-op median < 150 ms.

For context (not gated), the same rounds also time ``docker-compose config -q`` (compose's
start-up and parsing, no engine call) and the *engine floor*: the engine calls no cold deploy
can avoid, made directly through docker-py's low-level client in this process (create the
networks and the volumes, then level by level of the dependency order create, connect and start
the containers, a level's containers in parallel), with the very create bodies ours sends
(``deployer.stacks.spec``) and nothing else: no app, no parsing, no inspecting. Ours minus the
floor is what the app adds; floor / compose is the best ratio those calls in that order allow.

    python -m bench.stacks [--sizes 3,6] [--rounds 7] [--warmup 1] [--noop 3]
"""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docker.errors
import httpx
import yaml

from deployer.compose.loader import dependency_levels, load_project
from deployer.stacks import spec

from .common import (
    BENCH_LABEL,
    RUN_LABEL,
    AppServer,
    BenchError,
    Stats,
    Workspace,
    app_server,
    engine_url,
    exit_cleanly_on_sigterm,
    free_port,
    timed,
    workspace,
)

TARGET = 0.6            # ours / compose, cold deploy, ratio of medians
NOOP_TARGET_MS = 150.0  # our no-op redeploy, median
SIZES = (3, 6)
ROUNDS = 7
WARMUP = 1
NOOP = 3
IMAGE_REPO = 'ddbench'
PROJECT_LABEL = 'com.docker.compose.project'
COMPOSE_SIDE, OURS_SIDE, FLOOR_SIDE = 'compose', 'ours', 'floor'
KEYS = {  # stats key -> what the table calls it
    'compose cold': '`docker-compose up -d`, cold',
    'ours cold': '`POST /deploy`, cold',
    'compose no-op': '`docker-compose up -d`, no-op',
    'ours no-op': '`POST /deploy`, no-op',
    'compose config': '`docker-compose config -q`',
    'floor cold': 'engine floor, cold',
}


def compose_binary() -> str:
    path = os.environ.get('DD_COMPOSE') or shutil.which('docker-compose') or '/usr/bin/docker-compose'
    if not os.access(path, os.X_OK):
        raise BenchError(f'{path} not found: install Debian\'s docker-compose (v1), or set DD_COMPOSE')
    return path


# --- the compose files -------------------------------------------------------------------------

def _service(image: str, command: str, *, networks: list[str], depends_on: list[str] | None = None,
             ports: list[str] | None = None, volumes: list[str] | None = None,
             environment: dict[str, str] | None = None, labels: dict[str, str]) -> dict[str, Any]:
    body: dict[str, Any] = {'image': image, 'command': command, 'init': True}
    if environment:
        body['environment'] = environment
    if depends_on:
        body['depends_on'] = depends_on
    if ports:
        body['ports'] = ports
    if volumes:
        body['volumes'] = volumes
    body['networks'] = networks
    body['labels'] = dict(labels)  # a copy each: no YAML anchors in the file
    return body


def stack_document(size: int, *, tag: str, ports: list[int], labels: dict[str, str]) -> str:
    """The compose file of a ``size``-service stack (3 or 6), as YAML text.

    3: web -> api -> db; 6: proxy -> web -> api -> (db, cache), worker -> (db, cache).
    Networks front and back (api on both), named volumes for db (and cache), ports on 127.0.0.1."""
    if size not in (3, 6):
        raise ValueError('size must be 3 or 6')

    def image(service: str) -> str:
        return f'{IMAGE_REPO}/{service}:{tag}'
    http = 'httpd -f -p'
    services: dict[str, Any] = {}
    if size == 6:
        services['proxy'] = _service(image('proxy'), f'{http} 8081', networks=['front'], depends_on=['web', 'api'],
                                     ports=[f'127.0.0.1:{ports[2]}:8081'], labels=labels)
    services['web'] = _service(image('web'), f'{http} 80', networks=['front'], depends_on=['api'],
                               ports=[f'127.0.0.1:{ports[0]}:80'], labels=labels)
    services['api'] = _service(image('api'), f'{http} 8080', networks=['front', 'back'],
                               depends_on=['db', 'cache'] if size == 6 else ['db'],
                               ports=[f'127.0.0.1:{ports[1]}:8080'],
                               environment={'DB_HOST': 'db', 'API_MODE': 'bench'}, labels=labels)
    if size == 6:
        services['worker'] = _service(image('worker'), 'sleep 86400', networks=['back'],
                                      depends_on=['db', 'cache'], environment={'QUEUE': 'cache'}, labels=labels)
        services['cache'] = _service(image('cache'), f'{http} 6379', networks=['back'],
                                     volumes=['cache-data:/data'], labels=labels)
    services['db'] = _service(image('db'), f'{http} 5432', networks=['back'], volumes=['db-data:/var/lib/db'],
                              environment={'DB_NAME': 'app'}, labels=labels)
    document = {
        'services': services,
        'networks': {'front': {}, 'back': {}},
        'volumes': {'db-data': {}, **({'cache-data': {}} if size == 6 else {})},
    }
    return yaml.safe_dump(document, sort_keys=False, default_flow_style=False)


# --- the engine objects of a project -------------------------------------------------------------

@dataclass(frozen=True)
class Footprint:
    containers: int
    running: int
    networks: int
    volumes: int
    ids: frozenset[str]

    @property
    def empty(self) -> bool:
        return not (self.containers or self.networks or self.volumes)


def footprint(ws: Workspace, project: str) -> Footprint:
    flt = {'label': f'{PROJECT_LABEL}={project}'}
    containers = ws.api.containers(all=True, filters=flt)
    return Footprint(containers=len(containers), running=sum(c.get('State') == 'running' for c in containers),
                     networks=len(ws.api.networks(filters=flt)),
                     volumes=len(ws.api.volumes(filters=flt).get('Volumes') or []),
                     ids=frozenset(c['Id'] for c in containers))


def remove_project(ws: Workspace, project: str) -> int:
    """Remove every container, network and volume of ``project``; returns how many there were."""
    flt = {'label': f'{PROJECT_LABEL}={project}'}
    count = 0
    for c in ws.api.containers(all=True, filters=flt):
        with contextlib.suppress(docker.errors.NotFound):
            ws.api.remove_container(c['Id'], force=True, v=True)
            count += 1
    for n in ws.api.networks(filters=flt):
        with contextlib.suppress(docker.errors.NotFound):
            ws.api.remove_network(n['Id'])
            count += 1
    for v in ws.api.volumes(filters=flt).get('Volumes') or []:
        with contextlib.suppress(docker.errors.NotFound):
            ws.api.remove_volume(v['Name'], force=True)
            count += 1
    return count


@dataclass
class Scratch:
    """What this benchmark makes besides containers: image tags, project names, a directory.
    :meth:`close` removes all of it (the projects' containers, networks and volumes included)."""
    ws: Workspace
    directory: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix='dd-bench-stacks-')))
    tags: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)

    def tag(self, services: list[str]) -> str:
        tag = self.ws.run_id
        image = self.ws.client.images.get(self.ws.image)
        for service in services:
            ref = f'{IMAGE_REPO}/{service}:{tag}'
            if ref not in self.tags:
                image.tag(f'{IMAGE_REPO}/{service}', tag)
                self.tags.append(ref)
        return tag

    def project(self, name: str) -> str:
        project = f'ddbench-{self.ws.run_id}-{name}'
        self.projects.append(project)
        return project

    def close(self) -> None:
        for project in self.projects:
            try:
                remove_project(self.ws, project)
            except (docker.errors.DockerException, OSError) as exc:
                print(f'bench: could not remove project {project}: {exc}\n  remove it with: docker rm -f $(docker ps '
                      f'-aq --filter label={PROJECT_LABEL}={project}); the same for its networks and volumes',
                      file=sys.stderr)
        for ref in self.tags:
            with contextlib.suppress(docker.errors.DockerException, OSError):
                self.ws.api.remove_image(ref, noprune=True)
        shutil.rmtree(self.directory, ignore_errors=True)


@contextlib.contextmanager
def scratch(ws: Workspace) -> Iterator[Scratch]:
    s = Scratch(ws)
    try:
        yield s
    finally:
        s.close()


# --- the two sides ------------------------------------------------------------------------------

class ComposeSide:
    def __init__(self, file: Path, project: str) -> None:
        self.file, self.project = file, project
        self.binary = compose_binary()
        self.env = {**os.environ, 'DOCKER_HOST': engine_url()}

    def run(self, *args: str) -> None:
        cmd = [self.binary, '-p', self.project, '-f', str(self.file), *args]
        done = subprocess.run(cmd, cwd=self.file.parent, env=self.env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, check=False, timeout=300)
        if done.returncode != 0:
            tail = '\n'.join((done.stderr or done.stdout).splitlines()[-15:])
            raise BenchError(f'{" ".join(cmd[1:])} exited with {done.returncode}:\n{tail}')

    def up(self) -> None:
        self.run('up', '-d')

    def down(self) -> None:
        self.run('down', '-v', '--timeout', '5')

    def config(self) -> None:
        self.run('config', '-q')


class OursSide:
    def __init__(self, http: httpx.Client, text: str, project: str) -> None:
        self.http, self.text, self.project = http, text, project

    def up(self) -> dict[str, Any]:
        response = self.http.post('/deploy', json={'stack': self.project, 'compose': self.text}, timeout=300)
        if response.status_code != 200:
            raise BenchError(f'POST /deploy {self.project}: {response.status_code} {response.text[:2000]}')
        return response.json()

    def down(self) -> None:
        response = self.http.post(f'/stacks/{self.project}/action', json={'action': 'remove', 'volumes': True},
                                  timeout=300)
        if response.status_code != 200:
            raise BenchError(f'removing stack {self.project}: {response.status_code} {response.text[:2000]}')


class FloorSide:
    """The engine calls of a cold deploy and nothing else (see the module's doc)."""

    def __init__(self, ws: Workspace, text: str, project: str, working_dir: Path) -> None:
        self.api, self.project = ws.api, project
        self.model = load_project(text, name=project, working_dir=working_dir)
        self.levels = dependency_levels(self.model.services)
        self.secrets_dir = working_dir / 'secrets'

    def up(self) -> None:
        p, api = self.model, self.api
        used = {key for s in p.services.values() for key in s.networks}
        for key in sorted(used):
            api.create_network(p.networks[key].name, driver='bridge', check_duplicate=True,
                               labels={spec.PROJECT: p.name, spec.NETWORK: key})
        used = {m.source for s in p.services.values() for m in s.mounts if m.type == 'volume' and m.source}
        for key in sorted(used):
            api.create_volume(p.volumes[key].name, labels={spec.PROJECT: p.name, spec.VOLUME: key})

        def create_and_start(name: str) -> None:
            service = p.services[name]
            body = spec.create_body(p, service, secrets_dir=self.secrets_dir)
            labels = {**body['Labels'], spec.PROJECT: p.name, spec.SERVICE: name, spec.NUMBER: '1'}
            cid = api.create_container_from_config({**body, 'Labels': labels}, spec.container_name(p, service, 1))['Id']
            for key, endpoint in list(service.networks.items())[1:]:
                api.connect_container_to_network(cid, p.networks[key].name, aliases=[name, *endpoint.aliases])
            api.start(cid)
        with ThreadPoolExecutor(max_workers=8) as pool:
            for level in self.levels:
                list(pool.map(create_and_start, level))


# --- measuring -----------------------------------------------------------------------------------

def measure_size(ws: Workspace, app: AppServer, sc: Scratch, size: int, *, rounds: int = ROUNDS,
                 warmup: int = WARMUP, noop: int = NOOP) -> dict[str, Any]:
    services = ['web', 'api', 'db'] if size == 3 else ['proxy', 'web', 'api', 'worker', 'cache', 'db']
    tag = sc.tag(services)
    ports = [free_port() for _ in range(3)]
    text = stack_document(size, tag=tag, ports=ports, labels={BENCH_LABEL: '1', RUN_LABEL: ws.run_id})
    file = sc.directory / f'stack{size}' / 'docker-compose.yml'
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text)
    compose = ComposeSide(file, sc.project(f'compose{size}'))
    http = app.client()
    ours = OursSide(http, file.read_text(), sc.project(f'ours{size}'))
    floor = FloorSide(ws, file.read_text(), sc.project(f'floor{size}'), file.parent)
    samples: dict[str, list[float]] = {key: [] for key in KEYS}
    made: dict[str, Footprint] = {}

    def expect_up(side: str, project: str) -> Footprint:
        fp = footprint(ws, project)
        if fp.running != size or fp.containers != size:
            raise AssertionError(f'{side}: {fp.running} of {fp.containers} containers running, expected {size}')
        made[side] = fp
        return fp

    def expect_gone(side: str, project: str) -> None:
        fp = footprint(ws, project)
        if not fp.empty:
            raise AssertionError(f'{side}: left {fp} after its teardown')

    def compose_round(record: bool) -> None:
        elapsed, _ = timed(compose.up)
        before = expect_up(COMPOSE_SIDE, compose.project)
        if record:
            samples['compose cold'].append(elapsed)
        for _ in range(noop):
            elapsed, _ = timed(compose.up)
            if footprint(ws, compose.project).ids != before.ids:
                raise AssertionError('compose: a no-op up -d replaced containers')
            if record:
                samples['compose no-op'].append(elapsed)
        elapsed, _ = timed(compose.config)
        if record:
            samples['compose config'].append(elapsed)
        compose.down()
        expect_gone(COMPOSE_SIDE, compose.project)

    def ours_round(record: bool) -> None:
        elapsed, body = timed(ours.up)
        created = (body.get('result') or {}).get('created') or []
        if len(created) != size:
            raise AssertionError(f'ours: cold deploy created {len(created)} containers, expected {size}: {body}')
        before = expect_up(OURS_SIDE, ours.project)
        if record:
            samples['ours cold'].append(elapsed)
        for _ in range(noop):
            elapsed, body = timed(ours.up)
            result = body.get('result') or {}
            if len(result.get('unchanged') or []) != size or any(result.get(k) for k in ('created', 'recreated',
                                                                                          'started', 'removed')):
                raise AssertionError(f'ours: the no-op deploy changed something: {result}')
            if footprint(ws, ours.project).ids != before.ids:
                raise AssertionError('ours: a no-op deploy replaced containers')
            if record:
                samples['ours no-op'].append(elapsed)
        ours.down()
        expect_gone(OURS_SIDE, ours.project)

    def floor_round(record: bool) -> None:
        elapsed, _ = timed(floor.up)
        expect_up(FLOOR_SIDE, floor.project)
        if record:
            samples['floor cold'].append(elapsed)
        remove_project(ws, floor.project)
        expect_gone(FLOOR_SIDE, floor.project)

    sides: list[Callable[[bool], None]] = [compose_round, ours_round, floor_round]
    try:
        for i in range(warmup + rounds):
            shift = i % len(sides)
            for side in sides[shift:] + sides[:shift]:
                side(i >= warmup)
            if i == 0:
                shapes = {side: (fp.containers, fp.networks, fp.volumes) for side, fp in made.items()}
                if len(set(shapes.values())) != 1:
                    raise AssertionError(f'the sides made different things (containers, networks, volumes): {shapes}')
    finally:
        http.close()
    stats = {key: Stats(tuple(values)) for key, values in samples.items()}
    ratio = stats['ours cold'].median / stats['compose cold'].median
    noop_ms = stats['ours no-op'].median * 1e3
    fp = made[OURS_SIDE]
    return {
        'services': size, 'rounds': rounds, 'warmup': warmup, 'noop_per_round': noop,
        'made': {'containers': fp.containers, 'networks': fp.networks, 'volumes': fp.volumes},
        'stats': {key: s.to_dict() for key, s in stats.items()},
        'ratio': ratio, 'ratio_p95': stats['ours cold'].p95 / stats['compose cold'].p95,
        'noop_ms': noop_ms, 'noop_vs_compose': stats['ours no-op'].median / stats['compose no-op'].median,
        'floor_ratio': stats['floor cold'].median / stats['compose cold'].median,
        'app_over_floor_ms': (stats['ours cold'].median - stats['floor cold'].median) * 1e3,
        'passed_cold': ratio <= TARGET, 'passed_noop': noop_ms < NOOP_TARGET_MS,
    }


def measure(ws: Workspace, app: AppServer, sc: Scratch, *, sizes: tuple[int, ...] = SIZES, rounds: int = ROUNDS,
            warmup: int = WARMUP, noop: int = NOOP, log: Callable[[str], None] | None = None) -> dict[str, Any]:
    version = subprocess.run([compose_binary(), 'version', '--short'], capture_output=True, text=True,
                             check=False).stdout.strip()
    results: dict[str, Any] = {}
    for size in sizes:
        if log:
            log(f'bench: {size}-service stack: docker-compose up -d vs POST /deploy, {rounds} rounds '
                f'(+{warmup} warm-up), {noop} no-op deploys per round ...')
        results[str(size)] = measure_size(ws, app, sc, size, rounds=rounds, warmup=warmup, noop=noop)
    return {
        'compose_version': version, 'sizes': results, 'target': TARGET, 'noop_target_ms': NOOP_TARGET_MS,
        'passed': all(r['passed_cold'] and r['passed_noop'] for r in results.values()),
    }


def report(result: dict[str, Any]) -> str:
    lines = []
    for size, r in result['sizes'].items():
        made = r['made']
        lines.append(f'{size}-service stack ({shape(made)}), {r["rounds"]} rounds (+{r["warmup"]} warm-up), '
                     f'{r["noop_per_round"]} no-op deploys per round; docker-compose {result["compose_version"]}')
        for key, st in r['stats'].items():
            lines.append(f'  {key:<16} median {st["median_ms"]:8.1f} ms   p95 {st["p95_ms"]:8.1f} ms   n {st["n"]}')
        lines.append(f'  cold: ours/compose {r["ratio"]:.2f} (target <= {result["target"]}): '
                     f'{"PASS" if r["passed_cold"] else "FAIL"}')
        lines.append(f'  no-op: ours {r["noop_ms"]:.1f} ms (target < {result["noop_target_ms"]:.0f} ms): '
                     f'{"PASS" if r["passed_noop"] else "FAIL"}')
        lines.append(f'  engine floor / compose {r["floor_ratio"]:.2f}; ours - floor {r["app_over_floor_ms"]:+.0f} ms')
    return '\n'.join(lines)


def shape(made: dict[str, int]) -> str:
    def plural(n: int, word: str) -> str:
        return f'{n} {word}' + ('' if n == 1 else 's')
    return ', '.join((plural(made['containers'], 'container'), plural(made['networks'], 'network'),
                      plural(made['volumes'], 'volume')))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m bench.stacks', description=__doc__.split('\n')[0])
    parser.add_argument('--sizes', default=','.join(map(str, SIZES)), help='stack sizes: 3, 6 or 3,6')
    parser.add_argument('--rounds', type=int, default=ROUNDS)
    parser.add_argument('--warmup', type=int, default=WARMUP)
    parser.add_argument('--noop', type=int, default=NOOP, help='no-op deploys per round and side')
    args = parser.parse_args(argv)
    sizes = parse_sizes(parser, args.sizes)
    exit_cleanly_on_sigterm()
    try:
        # the app stops before the scratch goes: nothing it might still be doing survives the cleanup
        with workspace() as ws, scratch(ws) as sc, app_server() as app:
            result = measure(ws, app, sc, sizes=sizes, rounds=args.rounds, warmup=args.warmup, noop=args.noop,
                             log=lambda line: print(line, file=sys.stderr))
    except BenchError as exc:
        print(f'bench: {exc}', file=sys.stderr)
        return 2
    print(report(result))
    return 0 if result['passed'] else 1


def parse_sizes(parser: argparse.ArgumentParser, text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(s) for s in text.split(',') if s.strip())
    except ValueError:
        sizes = ()
    if not sizes or any(s not in (3, 6) for s in sizes):
        parser.error('--sizes takes 3, 6 or 3,6')
    return sizes


if __name__ == '__main__':
    raise SystemExit(main())
