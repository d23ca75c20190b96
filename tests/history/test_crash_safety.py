"""Crash safety, for real: a subprocess writes history records, Store values and config commits
in a loop and is killed with SIGKILL at random moments, many times over the same data dir.

After every kill the parent checks what a restarted app would find: every TinyDB file parses,
the history holds every record the child acknowledged (at most one more: the one being written
when it died), the configuration repository passes ``git fsck`` and holds every acknowledged
commit, and the Store reads. The next child then carries on in the same data dir, so a crash
that leaves anything in the way (a stale lock, a torn file) shows up as a child that cannot
write.
"""
from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deployer.history import SEGMENT_SIZE, History
from deployer.store import Store
from deployer.versioning import ConfigRepo

ROOT = Path(__file__).resolve().parent.parent.parent
KILLS = 24
SEGMENT = re.compile(r'^seg-\d{6}\.json$')
BUDGET_S = 40.0

CHILD = r'''
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from deployer.history import History
from deployer.store import Store
from deployer.versioning import ConfigRepo

data, run = Path(sys.argv[2]), int(sys.argv[3])
history = History(data / 'history')
store = Store(data / 'state.json')
repo = ConfigRepo(data / 'config')
print('READY', flush=True)
i = 0
while True:
    i += 1
    record = history.append(source='system', actor=f'run-{run}', action='tick', target=f'x{i % 5}',
                            stack=f's{i % 3}', params={'run': run, 'i': i, 'pad': 'p' * (i % 60)})
    print(f'H {record.id} {i}', flush=True)
    store.set('last', record.id)
    store.set(f'run-{run}', i)
    print(f'S {record.id} {i}', flush=True)
    if i % 3 == 0:
        folder = data / 'config' / 'stacks' / f's{i % 4}'
        folder.mkdir(parents=True, exist_ok=True)
        (folder / 'compose.yaml').write_text(f'# run {run}, write {i}\nservices: {{}}\n')
        (folder / 'deployer.yaml').write_text(f'params:\n  i: "{i}"\n')
        try:
            sha = repo.commit(f'tick {run}.{i}', reason='crash test', source='system', actor='test', paths=['stacks'])
        except Exception as exc:  # reported to the parent; the history and Store writes go on
            print('E', ' '.join(f'{type(exc).__name__}: {exc}'.split())[:400], flush=True)
        else:
            print(f'C {sha} {i}', flush=True)
'''


def _acknowledged(out: Path) -> tuple[list[int], list[int], list[str], bool, list[str]]:
    """History ids, Store ids, commits and commit errors the child printed (a torn last line
    is ignored)."""
    ids, stored, commits, ready, errors = [], [], [], False, []
    for line in out.read_text().splitlines():
        parts = line.split()
        if line.startswith('E '):
            errors.append(line[2:])
        elif parts == ['READY']:
            ready = True
        elif len(parts) == 3 and parts[0] == 'H':
            ids.append(int(parts[1]))
        elif len(parts) == 3 and parts[0] == 'S':
            stored.append(int(parts[1]))
        elif len(parts) == 3 and parts[0] == 'C' and len(parts[1]) == 40:
            commits.append(parts[1])
    return ids, stored, commits, ready, errors


def _locks(repo: Path) -> list[str]:
    return sorted(str(p.relative_to(repo)) for p in (repo / '.git').rglob('*.lock'))


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(['git', '-C', str(repo), *args], check=True, capture_output=True, text=True,
                          timeout=30).stdout


def _run_and_kill(data: Path, run: int, rng: random.Random) -> tuple[Path, str]:
    out, err = data.parent / f'child-{run}.out', data.parent / f'child-{run}.err'
    with open(out, 'wb') as stdout, open(err, 'wb') as stderr:
        child = subprocess.Popen([sys.executable, '-c', CHILD, str(ROOT), str(data), str(run)],
                                 stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        if run % 5 == 4:
            time.sleep(rng.uniform(0.0, 0.4))   # sometimes during start-up: opening, resealing, git init
        else:
            deadline = time.monotonic() + 15
            while 'READY' not in out.read_text() and child.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(rng.uniform(0.01, 0.45))  # in the middle of the write loop
        died = child.poll()
        if died is not None:
            pytest.fail(f'child {run} stopped by itself with code {died} before it was killed:\n{err.read_text()[-3000:]}')
        os.killpg(child.pid, signal.SIGKILL)     # the child and any git it is running
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    return out, err.read_text()


def _check_tinydb_files(data: Path) -> None:
    files = [*(p for p in sorted((data / 'history').iterdir()) if SEGMENT.match(p.name)), data / 'state.json']
    for path in files:
        if path.exists():
            text = path.read_text()
            if text.strip():
                document = json.loads(text)  # raises on a torn file
                assert isinstance(document, dict), path
    for path in (data / 'history').glob('seg-*.index.json'):
        json.loads(path.read_text())
    for path in (data / 'history').glob('seg-*.records.jsonl'):
        for line in path.read_text().splitlines():
            json.loads(line)


def test_sigkill_during_writes_loses_no_acknowledged_record(tmp_path):
    data = tmp_path / 'data'
    data.mkdir()
    rng = random.Random(int(os.environ.get('DD_CRASH_SEED', '0')) or time.time_ns())
    started = time.monotonic()
    known = 0                    # the history's record count after the previous kill
    all_acknowledged: set[int] = set()
    all_commits: list[str] = []
    extras = 0
    kills = 0
    commit_errors: list[tuple[int, str, list[str]]] = []   # (run, first error, lock files then)
    while kills < KILLS:
        out, _ = _run_and_kill(data, kills, rng)
        kills += 1
        ids, stored, commits, ready, errors = _acknowledged(out)
        if errors:
            commit_errors.append((kills - 1, errors[0], _locks(data / 'config')))
        _check_tinydb_files(data)

        history = History(data / 'history')
        try:
            count = history.count()
            present = set(range(1, count + 1))
            assert set(ids) <= present, f'run {kills - 1}: acknowledged records lost: {sorted(set(ids) - present)[:10]}'
            assert ids == list(range(known + 1, known + 1 + len(ids))), f'run {kills - 1}: ids not consecutive'
            new = count - known
            assert len(ids) <= new <= len(ids) + 1, f'run {kills - 1}: {len(ids)} acknowledged, {new} new records'
            extras += new - len(ids)
            for rid in ids[-3:] + list(range(known + len(ids) + 1, count + 1)):
                record = history.get(rid)
                assert record.actor == f'run-{kills - 1}' and record.params['run'] == kills - 1, record
            if count:
                newest = history.query(limit=1).records[0]
                assert newest.id == count
            known = count
        finally:
            history.close()
        all_acknowledged.update(ids)

        repo = ConfigRepo(data / 'config')
        repo.check()                               # git fsck --no-dangling
        log = _git(data / 'config', 'log', '--format=%H')
        reachable = set(log.split())
        missing = [sha for sha in commits if sha not in reachable]
        assert not missing, f'run {kills - 1}: acknowledged commits not in the history: {missing}'
        all_commits.extend(commits)
        assert len(repo.log()) >= 1

        store = Store(data / 'state.json')
        try:
            last = store.get('last')
            if stored:
                assert last is not None and stored[-1] <= last <= known, (stored[-1], last, known)
        finally:
            store.close()
        assert ready or kills % 5 == 0 or ids == []
        if time.monotonic() - started > BUDGET_S:
            break
    assert kills >= 20, f'only {kills} kills in {BUDGET_S:.0f} s'
    assert len(all_acknowledged) >= 50, 'the children barely wrote anything: the test proves little'
    assert extras <= kills

    # everything still works after the last crash: appends continue, commits land, the Store writes
    history = History(data / 'history')
    try:
        record = history.append(source='system', actor='parent', action='check', target='after')
        assert record.id == known + 1
        ids_walked = []
        cursor = None
        while True:
            page = history.query(cursor=cursor, limit=500)
            ids_walked.extend(r.id for r in page.records)
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        assert ids_walked == list(range(known + 1, 0, -1))
        if known > SEGMENT_SIZE:
            assert (data / 'history' / 'seg-000001.index.json').exists()
    finally:
        history.close()
    store = Store(data / 'state.json')
    store.set('after', 1)
    store.close()
    assert Store(data / 'state.json').get('after') == 1

    # and the configuration repository still takes commits: a crash must not leave it locked
    assert not commit_errors, (
        f'{len(commit_errors)} of {kills} children could not commit after an earlier child was killed; the first: '
        f'run {commit_errors[0][0]}: {commit_errors[0][1]} (lock files left: {commit_errors[0][2]})')
    repo = ConfigRepo(data / 'config')
    (data / 'config' / 'stacks' / 'after').mkdir(parents=True, exist_ok=True)
    (data / 'config' / 'stacks' / 'after' / 'compose.yaml').write_text('services: {}\n')
    sha = repo.commit('after the crashes', reason='test', source='system', actor='test', paths=['stacks'])
    assert sha is not None and repo.head == sha
    repo.check()
    assert _git(data / 'config', 'status', '--porcelain').strip() == ''
    reachable = set(_git(data / 'config', 'log', '--format=%H').split())
    assert set(all_commits) <= reachable


def test_stale_temp_files_do_not_break_opening(tmp_path):
    """A crash between writing a temp file and renaming it leaves ``.<name>.<random>.tmp``."""
    data = tmp_path / 'data'
    history = History(data / 'history')
    for i in range(SEGMENT_SIZE + 5):
        history.append(source='rest', actor='a', action='deploy', target=f't{i}', stack='blog')
    history.close()
    store = Store(data / 'state.json')
    store.set('k', 'v')
    store.close()
    stale = [
        data / 'history' / '.seg-000002.json.x1y2z3.tmp',
        data / 'history' / '.seg-000001.index.json.a1b2c3.tmp',
        data / 'history' / '.seg-000003.json.q9w8e7.tmp',       # a segment that never came to be
        data / 'history' / 'seg-000009.json.tmp',
        data / '.state.json.p0o9i8.tmp',
    ]
    for i, path in enumerate(stale):
        path.write_bytes(b'{"_default": {"1": {"id": 99' if i % 2 else b'')   # torn or empty
    history = History(data / 'history')
    assert history.count() == SEGMENT_SIZE + 5
    assert history.get(SEGMENT_SIZE + 5).target == f't{SEGMENT_SIZE + 4}'
    assert [r.id for r in history.query(stack='blog', limit=2).records] == [SEGMENT_SIZE + 5, SEGMENT_SIZE + 4]
    record = history.append(source='ui', actor='b', action='scale', target='blog', stack='blog')
    assert record.id == SEGMENT_SIZE + 6
    history.close()
    assert History(data / 'history').get(SEGMENT_SIZE + 6) == record
    assert Store(data / 'state.json').get('k') == 'v'
