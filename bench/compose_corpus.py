"""The compose regression corpus (tests/compose_regression): every case through the loader, the
host-access policy and the create request, then, for the accepted ones, a real deploy twice.

Each case is a folder: ``compose.yaml`` plus the stack's other files (``.env``, files that
``extends``/``include``/``env_file`` name), as a client would send them to ``POST /deploy``.
``cases.yaml`` says what should happen (accept, or refuse and why: Compose itself or our
policy) and which half the case is in: *tune* cases were looked at while the loader was written,
*holdout* cases were not.

Classification (no engine changes): the same path ``POST /deploy`` takes in-process (load with
the stack's files and variables, policy with privileged mode off, the create request of every
service). A case is accepted, refused (a DeployerError: reasons grouped by their first words) or
crashed (any other exception: always a defect).

Deploy (``--deploy``): every accepted case, one at a time, with stand-in images (each image it
names tagged onto the tests' busybox stand-in, which ignores its command and serves HTTP on 80
and 8080), published ports moved to 127.0.0.1 on ports the engine picks, then the same deploy
again, which must recreate nothing, then removal. A case whose service cannot run on the
stand-in (a health check it cannot pass, an entrypoint it overrides, a build) is reported as
such, not as a deployer failure.

    python -m bench.compose_corpus [--deploy] [--split tune|holdout|all] [--write]
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docker.errors
import yaml

from deployer.compose.yamlio import OVERRIDE, RESET, parse
from deployer.errors import DeployerError
from deployer.service import Deployer
from deployer.settings import Settings
from deployer.stacks import spec
from deployer.stacks.definition import Definition
from devtools.standin import build_standin

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / 'tests' / 'compose_regression'
DOC = ROOT / 'docs' / 'benchmarks.md'
START, END = '<!-- bench:compose-corpus:start -->', '<!-- bench:compose-corpus:end -->'
STANDIN = 'dockerdeployer-bench/standin:latest'


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    split: str
    expect: str
    why: str
    env: dict[str, str]
    keys: list[str]

    @property
    def compose(self) -> str:
        return (self.folder / 'compose.yaml').read_text()

    @property
    def files(self) -> dict[str, str]:
        main = self.folder / 'compose.yaml'
        return {p.relative_to(self.folder).as_posix(): p.read_text() for p in sorted(self.folder.rglob('*'))
                if p.is_file() and p != main}

    @property
    def stack(self) -> str:
        return 'rc-' + ''.join(c if c.isalnum() else '-' for c in self.name.lower())[:50].strip('-')


@dataclass
class Outcome:
    case: Case
    result: str                   # accepted | refused | crashed
    message: str = ''
    warnings: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)

    @property
    def as_expected(self) -> bool:
        return (self.result == 'accepted') == (self.case.expect == 'accept') and self.result != 'crashed'


def cases(split: str = 'all') -> list[Case]:
    index = yaml.safe_load((CORPUS / 'cases.yaml').read_text()) or {}
    found = []
    for name, meta in sorted(index.items()):
        meta = meta or {}
        if split != 'all' and meta.get('split') != split:
            continue
        found.append(Case(name=name, folder=CORPUS / 'cases' / name, split=str(meta.get('split', 'tune')),
                          expect=str(meta.get('expect', 'accept')), why=str(meta.get('why') or ''),
                          env={str(k): str(v) for k, v in (meta.get('env') or {}).items()},
                          keys=[str(k) for k in meta.get('keys') or []]))
    return found


@contextmanager
def deployer(**extra: str) -> Iterator[Deployer]:
    data_dir = Path(tempfile.mkdtemp(prefix='dd-corpus-'))
    service = Deployer(Settings.from_env({'DEPLOYER_DATA_DIR': str(data_dir), 'DEPLOYER_NO_STATS': '1',
                                          'DEPLOYER_HEALTH_TIMEOUT': '20',
                                          **({'DOCKER_HOST': os.environ['DOCKER_HOST']} if 'DOCKER_HOST' in os.environ
                                             else {}), **extra}))
    try:
        yield service
    finally:
        service.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def classify(service: Deployer, case: Case) -> Outcome:
    """What ``POST /deploy`` would answer before touching the engine."""
    stacks = service.stacks
    try:
        files = dict(case.files)
        definition = Definition(compose=case.compose, params=case.env, files=files)
        project = stacks.project(case.stack, definition)   # the deploy path, minus the engine
        stacks.policy.enforce(project, allow_privileged=False)
        for item in project.services.values():
            spec.create_body(project, item, secrets_dir=stacks.secrets_dir / case.stack)
    except DeployerError as exc:
        return Outcome(case, 'refused', exc.message)
    except Exception:  # a crash is what this run looks for
        return Outcome(case, 'crashed', traceback.format_exc(limit=4))
    return Outcome(case, 'accepted', warnings=list(project.warnings),
                   images=sorted({s.image for s in project.services.values() if s.image}))


def reason(message: str) -> str:
    """A refusal grouped by what it is about."""
    if message.startswith('refused by policy'):
        key = message.split(', ', 1)[1].split(':', 1)[0] if ', ' in message else 'policy'
        return f'policy: {key}'
    head = message.split(': ', 1)
    rest = head[1] if len(head) > 1 else head[0]
    for words, group in (('does not exist', 'a name that does not exist'), ('twice', 'duplicate key'),
                         ('is missing a value', 'required variable missing'), ('not a port', 'invalid port'),
                         ('more than one replica', 'container_name with replicas'),
                         ('is not a Compose key', 'unknown key'), ('not supported', 'unsupported key'),
                         ('is not a boolean', 'not a boolean'), ('cycle', 'cycle')):
        if words in rest:
            return f'compose: {group}'
    return 'compose: ' + rest[:50]


# ---- deploying ------------------------------------------------------------------------------------

def localized(text: str) -> str:
    """The document with every published port moved to 127.0.0.1 on a port the engine picks."""
    data = parse(text).data
    if not isinstance(data, dict) or not isinstance(data.get('services'), dict):
        return text
    for item in data['services'].values():
        if not isinstance(item, dict) or not isinstance(item.get('ports'), list) or not item['ports']:
            continue
        ports = []
        for port in item['ports']:
            if isinstance(port, dict):
                ports.append({k: v for k, v in port.items() if k != 'published'} | {'host_ip': '127.0.0.1'})
                continue
            text_port = str(port)
            body, slash, protocol = text_port.partition('/')
            target = body.rsplit(':', 1)[-1] if not body.endswith(']') else body
            ports.append(f'127.0.0.1::{target}' + (f'/{protocol}' if slash else ''))
        item['ports'] = ports
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False)


class _Dumper(yaml.SafeDumper):
    """Writes Compose's !reset and !override marks back as tags."""


def _represent_dict(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.Node:
    if set(value) == {RESET}:
        return dumper.represent_scalar('!reset', '')
    if set(value) == {OVERRIDE}:
        inner = dumper.represent_data(value[OVERRIDE])
        inner.tag = '!override'
        return inner
    return dumper.represent_dict(value)


_Dumper.add_representer(dict, _represent_dict)


def ensure_standin(client: Any) -> str:
    """The stand-in (devtools/standin.py) FROM the tests' busybox image."""
    from .common import ensure_busybox_image
    return build_standin(client, ensure_busybox_image(client), STANDIN)


# engine answers that come from this machine or the stand-in, not from the deployer or the file
ENVIRONMENT = {
    'may not raise this limit': "ulimits above the engine's own hard limit (here nofile 20000, memlock 8 MiB)",
    'storage-opt is supported only': 'storage_opt needs overlay on xfs with pquota',
    'unable to find user': 'the stand-in image has no /etc/passwd for a user name',
    'bind source path does not exist': 'a host folder the file names (create_host_path: false) is not on this machine',
    'was not healthy within': "a health check the stand-in cannot pass (it runs the real image's tools)",
}


def stand_in_reason(case: Case) -> str | None:
    """Why the stand-in image cannot run a case's services as written, if it cannot."""
    text = case.compose + ''.join(case.files.values())
    if 'entrypoint:' in text:
        return 'sets an entrypoint (the stand-in ignores commands, not entrypoints)'
    if 'build:' in text:
        return 'builds an image'
    return None


def deploy_twice(service: Deployer, case: Case, client: Any, standin: str) -> str:
    """'converged', or why not."""
    outcome = classify(service, case)
    added = []      # only tags this run added are taken off again: other tests and runs keep theirs
    for image in outcome.images:
        repo, _, tag = image.rpartition(':')
        if not repo or '/' in tag:
            repo, tag = image, 'latest'
        try:
            client.images.get(image)
        except docker.errors.ImageNotFound:
            client.images.get(standin).tag(repo, tag)
            added.append(image)
    files = {name: (localized(text) if name.endswith(('.yaml', '.yml')) else text) for name, text in case.files.items()}
    try:
        service.deploy_stack(case.stack, localized(case.compose), env=case.env, files=files)
        _, again = service.deploy_stack(case.stack, localized(case.compose), env=case.env, files=files)
        if again.created or again.recreated:
            return f'NOT CONVERGED: second deploy created {len(again.created)}, recreated {len(again.recreated)}'
        return 'converged'
    except DeployerError as exc:
        for words, limit in ENVIRONMENT.items():
            if words in exc.message:
                return f'environment: {limit}'
        return f'deploy failed: {exc.message[:400]}'
    finally:
        try:
            service.stack_action(case.stack, 'remove', volumes=True)
        except DeployerError:
            pass
        for image in added:
            try:
                client.images.remove(image, noprune=True)
            except docker.errors.APIError:
                pass


# ---- report ---------------------------------------------------------------------------------------

def summarize(outcomes: list[Outcome], deployed: dict[str, str] | None = None) -> str:
    lines = []
    for split in ('tune', 'holdout', 'blind'):
        part = [o for o in outcomes if o.case.split == split]
        if not part:
            continue
        counts = Counter(o.result for o in part)
        expected = sum(o.as_expected for o in part)
        lines.append(f'- **{split}** ({len(part)} cases): {counts["accepted"]} accepted, {counts["refused"]} refused, '
                     f'{counts["crashed"]} crashed; {expected}/{len(part)} as expected')
        reasons = Counter(reason(o.message) for o in part if o.result == 'refused')
        if reasons:
            lines.append('  - refusals: ' + '; '.join(f'{r} ({n})' for r, n in sorted(reasons.items())))
        wrong = [o for o in part if not o.as_expected]
        for o in wrong:
            lines.append(f'  - not as expected: `{o.case.name}` ({o.case.expect}, got {o.result}): '
                         f'{o.message.splitlines()[0][:160] if o.message else ""}')
        if deployed:
            mine = {o.case.name: deployed[o.case.name] for o in part if o.case.name in deployed}
            done = Counter('converged' if v == 'converged' else 'stand-in' if v.startswith('skipped') else
                           'environment' if v.startswith('environment') else 'failed' for v in mine.values())
            lines.append(f'  - deployed twice: {done["converged"]} converged with nothing recreated, '
                         f'{done["failed"]} failed, {done["environment"]} stopped by this machine\'s engine or the '
                         f'stand-in image, {done["stand-in"]} not runnable on the stand-in')
            for name, verdict in sorted(mine.items()):
                if verdict != 'converged':
                    lines.append(f'    - `{name}`: {verdict}')
    return '\n'.join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--split', choices=('tune', 'holdout', 'blind', 'all'), default='all')
    parser.add_argument('--deploy', action='store_true', help='also deploy every accepted case twice')
    parser.add_argument('--write', action='store_true', help='write the summary to docs/benchmarks.md')
    args = parser.parse_args(argv)
    selected = cases(args.split)
    with deployer() as service:
        outcomes = [classify(service, case) for case in selected]
        deployed: dict[str, str] = {}
        if args.deploy:
            from .common import docker_client
            client = docker_client()
            standin = ensure_standin(client)
            for outcome in outcomes:
                if outcome.result != 'accepted':
                    continue
                why = stand_in_reason(outcome.case)
                deployed[outcome.case.name] = f'skipped: {why}' if why else deploy_twice(service, outcome.case,
                                                                                          client, standin)
                print(f'{outcome.case.name}: {deployed[outcome.case.name]}', flush=True)
    summary = summarize(outcomes, deployed or None)
    print(summary)
    if args.write:
        from .common import write_doc_section
        write_doc_section(f'{START}\n## Issue 11: compose regression corpus\n\n`python -m bench.compose_corpus'
                          f'{" --deploy" if args.deploy else ""}` over {len(selected)} cases '
                          f'(tests/compose_regression; tune: looked at while the loader was written, holdout: not):'
                          f'\n\n{summary}\n{END}', DOC, start=START, end=END)
    crashed = [o for o in outcomes if o.result == 'crashed']
    for o in crashed:
        print(f'CRASH {o.case.name}:\n{o.message}', file=sys.stderr)
    return 1 if crashed or any(v.startswith('NOT CONVERGED') for v in deployed.values()) else 0


if __name__ == '__main__':
    sys.exit(main())
