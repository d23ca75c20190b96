"""How fast the compose editor answers as you type, side by side with Compose's own check.

Over the compose regression corpus (tests/compose_regression: real-world files, each with its
other files and variables), each document is checked three ways:

- **in-process** ``Deployer.check_stack`` (what the editor calls after 0.4 s of quiet typing):
  loader, host policy, what changes against the engine's containers, the diff;
- **REST** ``POST /stacks/{name}/check`` on a running ``app.py`` (the same, plus HTTP and JSON);
- **reference** Debian's ``docker-compose -f compose.yaml config -q`` (v1: parse, interpolate
  and validate only), in a folder holding the case's files.

Each side runs each case ``--rounds`` times (median per case); the table gives the median and
p95 over the cases, and how often the check's verdict (valid or not) matches what the corpus
expects, per split (tune / holdout / blind).

    python -m bench.editor_check [--rounds 3] [--write]
"""
from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from devtools.compose_v1 import COMPOSE_V1, available

from .common import ROOT, Stats, running_app, timed, write_doc_section
from .compose_corpus import Case, cases, deployer

DOC = ROOT / 'docs' / 'benchmarks.md'
START, END = '<!-- bench:editor-check:start -->', '<!-- bench:editor-check:end -->'


def compose_config(case: Case) -> tuple[float, bool]:
    """Seconds and verdict of ``docker-compose config -q`` on the case's files."""
    folder = Path(tempfile.mkdtemp(prefix='dd-check-'))
    try:
        (folder / 'compose.yaml').write_text(case.compose)
        for name, text in case.files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
        command = [shutil.which('docker-compose') or COMPOSE_V1, '-p', case.stack, '-f', 'compose.yaml', 'config', '-q']
        seconds, done = timed(lambda: subprocess.run(command, cwd=folder, capture_output=True, timeout=60,
                                                     env={**os.environ, **case.env}))
        return seconds, done.returncode == 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--write', action='store_true', help='write the results into docs/benchmarks.md')
    args = parser.parse_args(argv)
    corpus = cases()
    ours: dict[str, list[float]] = {'in-process': [], 'REST': [], 'docker-compose config': []}
    verdicts: dict[str, list[bool]] = {}
    v1_agrees = v1_total = 0
    with deployer() as service, running_app(prefix='dd-bench-check-') as app, app.client(timeout=60) as api:
        for case in corpus:
            runs = []
            for _ in range(args.rounds):
                seconds, check = timed(functools.partial(service.check_stack, case.stack, case.compose,
                                                         env=case.env, files=case.files))
                runs.append(seconds)
            ours['in-process'].append(statistics.median(runs))
            verdicts.setdefault(case.split, []).append(check.valid == (case.expect == 'accept'))
            body = {'compose': case.compose, 'env': case.env, 'files': case.files}
            runs = []
            for _ in range(args.rounds):
                seconds, answer = timed(functools.partial(api.post, f'/stacks/{case.stack}/check', json=body))
                if answer.status_code != 200:
                    raise SystemExit(f'{case.name}: {answer.status_code} {answer.text[:300]}')
                runs.append(seconds)
            ours['REST'].append(statistics.median(runs))
            if available():
                runs = []
                for _ in range(args.rounds):
                    seconds, valid = compose_config(case)
                    runs.append(seconds)
                ours['docker-compose config'].append(statistics.median(runs))
                v1_total += 1
                v1_agrees += valid == check.valid
    lines = [f'{START}', '## Issue 13: the compose editor\'s check, as you type',
             '', f'`python -m bench.editor_check --rounds {args.rounds}` over the {len(corpus)} documents of the compose '
             'regression corpus (median of the rounds per document; the table: over the documents). The editor '
             'checks after 0.4 s without typing, so a message appears about 0.4 s + the check after the last key.',
             '', '| check | median | p95 | max |', '|---|---|---|---|']
    for side, samples in ours.items():
        if samples:
            stats = Stats(tuple(samples))
            lines.append(f'| {side} | {stats.median * 1e3:.1f} ms | {stats.p95 * 1e3:.1f} ms | '
                         f'{max(samples) * 1e3:.1f} ms |')
    lines += ['', 'The check\'s verdict (deployable or not) against what the corpus expects: '
              + ', '.join(f'{split} {sum(v)}/{len(v)}' for split, v in sorted(verdicts.items()))
              + ' (holdout and blind were not looked at while the check was written).']
    if v1_total:
        lines.append(f'docker-compose v1 reaches the same verdict on {v1_agrees}/{v1_total}: it checks the file only, '
                     'not the host policy; v1 reads a file without `version:` (most of today\'s files) as the old '
                     'version-1 format, and predates parts of the Compose Specification (`include`, `!reset`, '
                     'some long syntaxes), so it refuses those. It is the reference for time, not for verdicts.')
    lines.append(END)
    section = '\n'.join(lines)
    print(section)
    if args.write:
        write_doc_section(section, DOC, start=START, end=END)
    return 0


if __name__ == '__main__':
    sys.exit(main())
