"""The configuration repository under concurrent use, as the app uses it: several deploys commit
while pages and API calls read revisions. GitPython's persistent `git cat-file` processes serve one
caller at a time; two threads reading objects at once once waited on each other for ever (CI hung
in the parallel template deploys, every later request timing out)."""
from __future__ import annotations

import threading
import time

from deployer.versioning import ConfigRepo

WRITERS, READERS, ROUNDS = 4, 4, 15


def test_commits_and_reads_from_many_threads_finish(tmp_path):
    repo = ConfigRepo(tmp_path / 'config')
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(ROUNDS):
                folder = tmp_path / 'config' / 'stacks' / f's{n}'
                folder.mkdir(parents=True, exist_ok=True)
                (folder / 'compose.yaml').write_text(f'services: {{web: {{image: "nginx:{i}"}}}}\n')
                repo.commit(f'deploy s{n} #{i}', reason='test', source='rest', actor='test', paths=[f'stacks/s{n}'])
        except BaseException as exc:   # noqa: BLE001 - reported by the test below
            errors.append(exc)

    def read() -> None:
        try:
            for _ in range(ROUNDS * 2):
                for revision in repo.log(limit=5):
                    repo.read(revision.id, 'README.md')
                    repo.parent(revision.id)
                _ = repo.head
        except BaseException as exc:   # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    threads += [threading.Thread(target=read) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 120
    for thread in threads:
        thread.join(timeout=max(deadline - time.monotonic(), 0.1))
    assert not [t for t in threads if t.is_alive()], 'the repository deadlocked under concurrent use'
    assert not errors, errors
    assert len(repo.log(limit=1000)) == WRITERS * ROUNDS + 1     # every commit, and the first one
