"""Natural language (issue 5): corpus accuracy and parse latency.

* Corpus accuracy: every command of ../shared/corpus/nl-commands.yaml, checked by the same
  ``check()`` as the test suite (tests/nlp/corpus.py). Here it runs in-process, against a State
  built from the corpus's `state` (no engine): through the service's own ``parse_command``
  (the embedded parser, then the checks done in code: names, policy warnings, risk), with only
  the live-state snapshot replaced. tests/nlp/test_corpus.py runs the same corpus through
  ``POST /nlp/parse`` on the real engine; the two agree unless a foreign container changes a
  resolution there.
* The project's own evaluation set (tests/nlp/eval/, issue 14: phrasing patterns written like
  people type, split by whole pattern into tune and held back), through the same path; the held-back
  patterns, never looked at while tuning, are the figure that counts (target 97 %).
  ``python -m bench.nl_eval`` shows it by category.
* Parse latency, in-process: ``deployer.nlp.rules.parse`` over ``--parses`` commands (a
  realistic mix: lifecycle verbs and synonyms, typos, politeness, two requests in one sentence,
  logs with counts and durations, templates by keyword, run options, selectors, ambiguity,
  shell syntax, nonsense) against a State of 102 containers (10 compose stacks of 2-6
  services, 32 containers, and 70 plain containers) and the 22 built-in templates; target p99 < 20 ms. The
  service path (parser + checks) is timed in the same way for context.
* Parse latency over HTTP: ``POST /nlp/parse`` to ``python app.py`` with the same layout made on
  the engine (created, not started, labelled ``dockerdeployer.bench=1``, stacks as
  compose-labelled containers; names carry the run id), ``--http-parses`` requests; each one
  lists the engine's containers (the live state), so this is what a user waits for; target
  p99 < 20 ms. For context, the engine's own ``GET /containers/json?all=1`` (raw HTTP on its
  socket) is timed after every fourth request: the floor any parse of the live state pays.

    python -m bench.nlp [--parses 5000] [--http-parses 2000] [--no-http]
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from deployer.nlp import rules
from deployer.nlp.state import Box, State, TemplateInfo
from deployer.policy import HostPolicy
from deployer.service_nlp import AssistantService
from deployer.settings import Settings
from deployer.templates import Catalog

from .common import (
    ROOT,
    AppServer,
    EngineHTTP,
    Stats,
    Workspace,
    app_server,
    exit_cleanly_on_sigterm,
    percentile,
    workspace,
)

TARGET_MS = 20.0
ACCURACY_TARGET = 0.95
HOLDOUT_TARGET = 0.97   # issue 14: the evaluation set's held-back patterns
PARSES = 5000
HTTP_PARSES = 2000
WARMUP = 100
PROJECT = 'com.docker.compose.project'

STACKS: dict[str, dict[str, str]] = {
    'shop': {'web': 'nginx:1.27', 'api': 'acme/shop-api:2', 'db': 'postgres:16', 'cache': 'redis:7',
             'worker': 'acme/shop-worker:2', 'mailer': 'acme/mailer:1'},
    'blog': {'wordpress': 'wordpress:6.6-apache', 'db': 'mariadb:11.4'},
    'crm': {'frontend': 'acme/crm-ui:5', 'backend': 'acme/crm-api:5', 'db': 'mysql:8.0'},
    'wiki': {'app': 'requarks/wiki:2', 'db': 'postgres:15'},
    'auth': {'keycloak': 'quay.io/keycloak/keycloak:25.0', 'db': 'postgres:16'},
    'metrics': {'prometheus': 'prom/prometheus:v2.54.1', 'grafana': 'grafana/grafana:11.2.2',
                'alertmanager': 'prom/alertmanager:0.27', 'node': 'prom/node-exporter:1.8'},
    'git': {'gitea': 'gitea/gitea:1.22', 'db': 'postgres:16', 'runner': 'gitea/act_runner:0.2'},
    'media': {'jellyfin': 'jellyfin/jellyfin:10.9.11', 'sonarr': 'linuxserver/sonarr:4'},
    'chat': {'server': 'acme/chat:1', 'db': 'mongo:7.0', 'cache': 'redis:7', 'proxy': 'traefik:v3.1',
             'push': 'acme/push:1'},
    'search': {'api': 'acme/search:3', 'elastic': 'elasticsearch:8.15', 'kibana': 'kibana:8.15'},
}
PLAIN_KINDS = {'web': 'nginx:1.27', 'worker': 'acme/worker:1', 'cache': 'redis:7', 'job': 'acme/batch:4',
               'proxy': 'traefik:v3.1', 'api': 'acme/api:3', 'db': 'postgres:16', 'runner': 'acme/runner:2',
               'cron': 'acme/cron:1', 'tool': 'alpine:3.20'}
PLAIN_PER_KIND = 7
STATE_CYCLE = ('running',) * 7 + ('exited', 'exited', 'paused')


# ---- the states -------------------------------------------------------------------------------------------

def templates() -> list[TemplateInfo]:
    tmp = Path(tempfile.mkdtemp(prefix='dd-bench-nlp-'))
    try:
        catalog = Catalog(ROOT / 'templates', tmp)
        return [TemplateInfo.of(t) for t in catalog.list() if t.available]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def layout(suffix: str = '') -> list[Box]:
    """~100 containers: 10 stacks (32 ``<stack><suffix>-<service>-1``) and 70 plain ones."""
    boxes, i = [], 0
    for stack, services in STACKS.items():
        name = f'{stack}{suffix}'
        for service, image in services.items():
            boxes.append(Box(f'{name}-{service}-1', image, STATE_CYCLE[i % len(STATE_CYCLE)], name, service))
            i += 1
    for kind, image in PLAIN_KINDS.items():
        for n in range(1, PLAIN_PER_KIND + 1):
            boxes.append(Box(f'{kind}{n:02d}{suffix}', image, STATE_CYCLE[i % len(STATE_CYCLE)]))
            i += 1
    return boxes


def realistic_state(suffix: str = '') -> State:
    return State.build(layout(suffix), templates(), images=sorted({b.image for b in layout(suffix)}))


COMMANDS = [
    'restart {c}', 'bounce {c}', 'reboot the {s} {v}', 'restrat {c}', 'could you please restart {c} for me, thanks',
    'stop {c} then show me its logs', 'stop the {s} stack', 'take down the {s} stack', 'start {c}', 'spin up {c}',
    'show the last 50 lines of {c} logs', 'logs of {c} from the last 10 minutes', 'find errors in the {c} logs',
    'follow the logs of the {s} {v}', 'status of the {s} stack', 'how much memory is {c} using',
    'scale the {s} {v} to 3 replicas', 'rollback {s}', 'what changed in the {s} stack', 'redeploy the {s}',
    'restart the {s} {v} and {c}', 'pause {c}', 'kill {c}', 'remove {c}', 'update the images of {s}',
    'deploy uptime kuma on port 3001', 'I need a password manager', 'set up a git server',
    'deploy wordpress with mysql on port 8080', 'install grafana and prometheus', 'deploy vaultwarden as vault',
    'run redis:7 named sessions on port 6380', 'run postgres:16 with POSTGRES_PASSWORD=example',
    "create container with name 'test-app' and port 8080:80", 'pull nginx:1.27', 'list running containers',
    'show exited containers', 'show stacks', 'list templates', 'system status', 'show history',
    'stop all running containers', 'restart the database', 'show logs for the db', 'restart {c}; rm -rf /',
    'stop {c} && docker rm -f $(docker ps -aq)', 'do something weird', 'make me a sandwich',
]


def commands(state: State, count: int, seed: int = 5) -> list[str]:
    """``count`` commands from COMMANDS, filled with names of the state's containers and stacks."""
    rng = random.Random(seed)
    stacked = [b for b in state.containers if b.stack]
    out = []
    for i in range(count):
        pattern = COMMANDS[i % len(COMMANDS)]
        service = rng.choice(stacked)
        out.append(pattern.format(c=rng.choice(state.containers).name, s=service.stack, v=service.service))
    return out


class Offline(AssistantService):
    """The service's natural-language path with the live-state snapshot replaced by a given State:
    parse_command runs the embedded parser and every check done in code, no engine involved."""

    def __init__(self, state: State, data_dir: Path) -> None:   # no engine, no stores: parsing only
        self.settings = Settings(data_dir=data_dir)
        self._state = state
        # the host policy that checks `run` actions, without engine facts (no engine here)
        projects = data_dir / 'projects'
        self.stacks = SimpleNamespace(projects_dir=projects, policy=HostPolicy(
            stacks_dir=projects, protected=(data_dir,), roots=self.settings.bind_roots, facts=None))

    def nl_state(self, *, fresh: bool = True) -> State:
        return self._state

    def preference(self, key: str, default: Any = None) -> Any:
        return default

    def nlp_settings(self) -> dict[str, Any]:
        return {'mode': 'rules', 'model': None, 'api_base': None, 'api_key_set': False, 'timeout': 30.0,
                'allow_privileged': False}


def corpus_state(corpus: dict[str, Any], template_infos: list[TemplateInfo]) -> State:
    boxes = [Box(c['name'], c['image'], 'running' if c['running'] else 'exited') for c in corpus['state']['containers']]
    for stack, services in corpus['state']['stacks'].items():
        boxes += [Box(f'{stack}-{service}-1', image, 'running', stack, service) for service, image in services.items()]
    return State.build(boxes, template_infos)


# ---- measuring ----------------------------------------------------------------------------------------------

def _stats(samples: list[float]) -> dict[str, Any]:
    st = Stats(tuple(samples)).to_dict()
    st['p99_ms'] = percentile(samples, 99) * 1e3
    return st


def accuracy() -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from tests.nlp.corpus import CORPUS, check, load  # the test suite's own check
    corpus = load()
    tmp = Path(tempfile.mkdtemp(prefix='dd-bench-nlp-'))
    try:
        service = Offline(corpus_state(corpus, templates()), tmp)
        failures = []
        for case in corpus['cases']:
            plan = service.parse_command(case['cmd'], mode='rules').model_dump(mode='json')
            problem = check(case, plan, corpus['running_all'])
            if problem:
                failures.append({'command': case['cmd'], 'problem': problem[:300]})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    total = len(corpus['cases'])
    rate = (total - len(failures)) / total
    return {'corpus': str(CORPUS.relative_to(ROOT.parent)) if CORPUS.is_relative_to(ROOT.parent) else str(CORPUS),
            'total': total, 'passed_cases': total - len(failures), 'rate': rate, 'failures': failures,
            'target': ACCURACY_TARGET, 'passed': rate >= ACCURACY_TARGET}


def eval_set() -> dict[str, Any]:
    """The project's own evaluation set (tests/nlp/eval/, issue 14) through the same service path,
    by split: the held-back patterns are the figure that counts (target HOLDOUT_TARGET); the spent ones
    (held back until 2026-12-04, read since) are reported beside them."""
    from . import nl_eval
    r = nl_eval.evaluate(nl_eval.load(), mode='rules')
    holdout = r['splits']['holdout']
    return {'cases': r['cases'], 'patterns': r['patterns'], 'splits': r['splits'], 'target': HOLDOUT_TARGET,
            'passed': holdout['rate'] >= HOLDOUT_TARGET}


def in_process(parses: int = PARSES, warmup: int = WARMUP) -> dict[str, Any]:
    state = realistic_state()
    work = commands(state, parses)
    for command in work[:warmup]:
        rules.parse(command, state)
    samples = []
    for command in work:
        t = time.perf_counter()
        rules.parse(command, state)
        samples.append(time.perf_counter() - t)
    tmp = Path(tempfile.mkdtemp(prefix='dd-bench-nlp-'))
    try:
        service = Offline(state, tmp)
        service_samples = []
        for command in work:
            t = time.perf_counter()
            service.parse_command(command, mode='rules')
            service_samples.append(time.perf_counter() - t)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    stats = _stats(samples)
    return {'parses': parses, 'distinct': len(COMMANDS), 'containers': len(state.containers),
            'stacks': len(state.stacks), 'templates': len(state.templates), 'stats': stats,
            'service': _stats(service_samples), 'target_ms': TARGET_MS, 'passed': stats['p99_ms'] < TARGET_MS}


def make_layout(ws: Workspace) -> State:
    """The realistic layout on the engine: created (not started) containers with the bench labels;
    stacks carry the compose labels. Removed with the workspace."""
    suffix = ws.run_id[:4]
    boxes = layout(suffix)

    def create(box: Box) -> str:
        labels = ws.labels()
        if box.stack:
            labels.update({PROJECT: box.stack, 'com.docker.compose.service': box.service or '',
                           'com.docker.compose.container-number': '1', 'com.docker.compose.oneoff': 'False'})
        return ws.api.create_container(ws.image, command=['true'], name=box.name, labels=labels)['Id']
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(create, boxes))
    return State.build([Box(b.name, ws.image, 'created', b.stack, b.service) for b in boxes], templates())


def over_http(ws: Workspace, app: AppServer, parses: int = HTTP_PARSES, warmup: int = WARMUP) -> dict[str, Any]:
    state = make_layout(ws)
    work = commands(state, parses, seed=9)
    probe = state.containers[-1].name
    with app.client() as http:
        plan = http.post('/nlp/parse', json={'command': f'restart {probe}'}).raise_for_status().json()
        if [a.get('targets') for a in plan['actions']] != [[probe]]:
            raise AssertionError(f'the app does not see the layout: "restart {probe}" gave {plan}')
        engine_containers = len(ws.api.containers(all=True))
        for command in work[:warmup]:
            http.post('/nlp/parse', json={'command': command}).raise_for_status()
        engine = EngineHTTP()
        samples, engine_samples = [], []
        try:
            for i, command in enumerate(work):
                t = time.perf_counter()
                http.post('/nlp/parse', json={'command': command}).raise_for_status()
                samples.append(time.perf_counter() - t)
                if i % 4 == 3:
                    t = time.perf_counter()
                    engine.get('/containers/json', all=1)
                    engine_samples.append(time.perf_counter() - t)
        finally:
            engine.close()
    stats = _stats(samples)
    return {'parses': parses, 'layout': len(state.containers), 'engine_containers': engine_containers,
            'stacks': len(state.stacks), 'stats': stats, 'engine_list': _stats(engine_samples),
            'target_ms': TARGET_MS, 'passed': stats['p99_ms'] < TARGET_MS}


def measure(ws: Workspace | None, app: AppServer | None, *, parses: int = PARSES, http_parses: int = HTTP_PARSES,
            log: Any = print) -> dict[str, Any]:
    log('bench: natural language: corpus accuracy ...')
    out: dict[str, Any] = {'accuracy': accuracy()}
    log('bench: natural language: the evaluation set (tune and held-back patterns) ...')
    out['eval'] = eval_set()
    log(f'bench: natural language: {parses:,} in-process parses ...')
    out['in_process'] = in_process(parses)
    if ws is not None and app is not None:
        log(f'bench: natural language: {http_parses:,} POST /nlp/parse ...')
        out['http'] = over_http(ws, app, http_parses)
    out['passed'] = all(out[k]['passed'] for k in ('accuracy', 'eval', 'in_process', 'http') if k in out)
    return out


def report(r: dict[str, Any]) -> str:
    a, p = r['accuracy'], r['in_process']

    def row(name: str, st: dict[str, Any]) -> str:
        return (f'  {name:<58} p50 {st["median_ms"]:7.3f} ms   p95 {st["p95_ms"]:7.3f} ms   '
                f'p99 {st["p99_ms"]:7.3f} ms   n {st["n"]}')
    lines = [f'natural language: corpus {a["passed_cases"]}/{a["total"]} ({a["rate"]:.1%}, target '
             f'{a["target"]:.0%}): {"PASS" if a["passed"] else "FAIL"}']
    lines += [f'    failed: {f["command"]!r}: {f["problem"]}' for f in a['failures']]
    if 'eval' in r:
        e = r['eval']
        lines.append(f'natural language: evaluation set, {e["cases"]} commands of {e["patterns"]} patterns: '
                     + ', '.join(f'{name} {v["passed"]}/{v["total"]} ({v["rate"]:.1%})' for name, v in e['splits'].items())
                     + f'; held back target {e["target"]:.0%}: {"PASS" if e["passed"] else "FAIL"}')
    lines.append(row(f'rules.parse, {p["containers"]} containers / {p["stacks"]} stacks', p['stats'])
                 + f'  {"PASS" if p["passed"] else "FAIL"} (p99 < {p["target_ms"]:.0f} ms)')
    lines.append(row('service parse_command (parser + checks), in-process', p['service']))
    if 'http' in r:
        h = r['http']
        lines.append(row(f'POST /nlp/parse, {h["engine_containers"]} containers on the engine', h['stats'])
                     + f'  {"PASS" if h["passed"] else "FAIL"} (p99 < {h["target_ms"]:.0f} ms)')
        lines.append(row('engine GET /containers/json?all=1 (context)', h['engine_list']))
    return '\n'.join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='python -m bench.nlp', description=__doc__.split('\n')[0])
    parser.add_argument('--parses', type=int, default=PARSES, help='timed in-process parses (at least 2,000)')
    parser.add_argument('--http-parses', type=int, default=HTTP_PARSES, help='timed POST /nlp/parse (at least 2,000)')
    parser.add_argument('--no-http', action='store_true', help='in-process only: no engine, no app')
    args = parser.parse_args(argv)
    if args.parses < 2000 or args.http_parses < 2000:
        parser.error('use at least 2,000 parses of each kind')
    exit_cleanly_on_sigterm()
    log = lambda line: print(line, file=sys.stderr)  # noqa: E731
    if args.no_http:
        result = measure(None, None, parses=args.parses, log=log)
    else:
        with workspace() as ws, app_server() as app:
            result = measure(ws, app, parses=args.parses, http_parses=args.http_parses, log=log)
    print(report(result))
    return 0 if result['passed'] else 1


if __name__ == '__main__':
    raise SystemExit(main())
