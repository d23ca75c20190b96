"""The configuration repository: every change to what is deployed is a git commit.

    $DEPLOYER_DATA_DIR/config/           a git repository (made on first start)
        stacks/<name>/compose.yaml       the document as deployed (parameters not filled in)
        stacks/<name>/deployer.yaml      template id, non-secret parameters, scale
        templates/…                      the user's own and imported templates
        settings.yaml                    settings changed in the app

Commit messages say what changed, why (the command or API call) and from where, with git
trailers so the history can be read back by machines:

    deploy stack blog

    Reason: POST /templates/deploy
    Source: rest
    Actor: token

Secrets never enter this repository (they live in ``secrets/`` beside it). Works whatever the
default branch is called.
"""
from __future__ import annotations

import difflib
import functools
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import git

from .errors import DeployerError, InvalidInput, NotFound
from .text import one_line

AUTHOR = git.Actor('DockerDeployer', 'dockerdeployer@localhost')
_REVISION = re.compile(r'^[0-9a-f]{4,40}$')
_TRAILER = re.compile(r'^(Reason|Source|Actor): (.*)$', re.MULTILINE)


@dataclass(frozen=True)
class Revision:
    id: str                      # the full commit id
    short_id: str
    time: float
    summary: str
    reason: str
    source: str
    actor: str

    def to_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in ('id', 'short_id', 'time', 'summary', 'reason', 'source', 'actor')}


T = TypeVar('T')


def _locked(method: Callable[..., T]) -> Callable[..., T]:
    """Run a ConfigRepo method holding the repository's lock (see ``ConfigRepo.__init__``)."""
    @functools.wraps(method)
    def wrapper(self: ConfigRepo, *args: Any, **kwargs: Any) -> T:
        with self._lock:
            return method(self, *args, **kwargs)
    return wrapper


class ConfigRepo:
    """One writer at a time; reads are safe from any thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # GitPython's persistent `git cat-file` processes serve one caller at a time: two threads reading
        # objects at once (a commit's diff and a revision lookup) waited on each other for ever, and every
        # later deploy waited behind them. Every use of the repository goes through this lock.
        self._lock = threading.RLock()
        path.mkdir(parents=True, exist_ok=True)
        self._repo = git.Repo(path) if (path / '.git').exists() else git.Repo.init(path)
        _clear_stale_locks(path / '.git')  # a crash mid-commit leaves them; we are the only writer
        if not self._repo.head.is_valid():  # new, or `git init -b trunk` by hand: start on whatever HEAD names
            readme = path / 'README.md'
            if not readme.exists():
                readme.write_text('# DockerDeployer configuration\n\nEvery change made through DockerDeployer is a '
                                  'commit here.\nSecrets are not in this repository.\n')
            self._repo.git.add('--all')
            self._repo.index.commit('start the configuration history', author=AUTHOR, committer=AUTHOR)

    # ---- writing --------------------------------------------------------------------------------
    def commit(self, summary: str, *, reason: str, source: str, actor: str, paths: list[str] | None = None) -> str | None:
        """Commit what changed under ``paths`` (default: everything); returns the new commit id,
        or ``None`` when nothing changed."""
        message = (f'{one_line(summary, 300)}\n\nReason: {one_line(reason)}\nSource: {one_line(source, 40)}\n'
                   f'Actor: {one_line(actor, 200)}\n')
        with self._lock:
            repo = self._repo
            # a path that neither exists nor was ever committed has nothing to record (and git refuses it)
            targets = [p for p in (paths or ['.']) if (self.path / p).exists() or repo.git.ls_files('--', p)]
            if not targets:
                return None
            try:
                repo.git.add('--all', '--', *targets)
                if not repo.index.diff('HEAD', paths=list[str | os.PathLike[str]](targets)):
                    return None
                commit = repo.index.commit(message, author=AUTHOR, committer=AUTHOR)
            except (git.GitCommandError, OSError, ValueError) as exc:
                _clear_stale_locks(self.path / '.git')
                raise DeployerError(f'the change was made but could not be committed to the configuration '
                                    f'history: {str(exc).strip()[:200]}') from None
            return commit.hexsha

    # ---- reading --------------------------------------------------------------------------------
    @_locked
    def log(self, path: str | None = None, *, limit: int = 100) -> list[Revision]:
        try:
            commits = list(self._repo.iter_commits(paths=path, max_count=limit) if path
                           else self._repo.iter_commits(max_count=limit))
        except (git.GitCommandError, ValueError):
            return []
        return [_revision(c) for c in commits]

    @_locked
    def resolve(self, revision: str) -> str:
        if not isinstance(revision, str) or not _REVISION.match(revision):
            raise InvalidInput('a revision is a commit id (4 to 40 hex digits)')
        try:
            return self._repo.commit(revision).hexsha
        except (git.BadName, ValueError, git.GitCommandError):
            raise NotFound(f'no revision {revision}') from None

    @_locked
    def read(self, revision: str, path: str) -> str | None:
        """A file's text as of a revision, or ``None`` if it did not exist then."""
        commit = self._repo.commit(self.resolve(revision))
        try:
            blob = commit.tree / path
        except KeyError:
            return None
        return blob.data_stream.read().decode('utf-8', 'replace')

    @_locked
    def read_tree(self, revision: str, path: str) -> dict[str, str]:
        """Every file under ``path`` as of a revision: {path relative to ``path``: text}."""
        commit = self._repo.commit(self.resolve(revision))
        prefix = path.rstrip('/') + '/'
        return {file[len(prefix):]: _text(commit, file) or '' for file in _files(commit, path) if file.startswith(prefix)}

    @_locked
    def changes(self, path: str, older: str, newer: str) -> dict[str, tuple[str | None, str | None]]:
        """Each file under ``path`` that differs between two revisions: (before, after) texts,
        ``None`` where the file did not exist."""
        old_commit, new_commit = (self._repo.commit(self.resolve(r)) for r in (older, newer))
        files = sorted(set(_files(old_commit, path)) | set(_files(new_commit, path)))
        pairs = {file: (_text(old_commit, file), _text(new_commit, file)) for file in files}
        return {file: pair for file, pair in pairs.items() if pair[0] != pair[1]}

    @_locked
    def diff(self, path: str, older: str, newer: str) -> str:
        """A unified diff of everything under ``path`` between two revisions."""
        old_id, new_id = self.resolve(older), self.resolve(newer)
        chunks: list[str] = []
        for file, (before, after) in self.changes(path, old_id, new_id).items():
            chunks.extend(difflib.unified_diff(
                (before or '').splitlines(keepends=True), (after or '').splitlines(keepends=True),
                fromfile=f'a/{file}' if before is not None else '/dev/null',
                tofile=f'b/{file}' if after is not None else '/dev/null',
                fromfiledate=old_id[:12], tofiledate=new_id[:12]))
        return ''.join(chunk if chunk.endswith('\n') else chunk + '\n\\ No newline at end of file\n' for chunk in chunks)

    @_locked
    def parent(self, revision: str) -> str:
        """The revision before ``revision`` (itself for the first one)."""
        parents = self._repo.commit(self.resolve(revision)).parents
        return parents[0].hexsha if parents else self.resolve(revision)

    @property
    def head(self) -> str | None:
        with self._lock:
            try:
                return self._repo.head.commit.hexsha
            except ValueError:
                return None

    @_locked
    def check(self) -> None:
        """Raise if the repository is not readable (used at start and by crash tests)."""
        try:
            self._repo.git.fsck('--no-dangling')
        except git.GitCommandError as exc:
            raise DeployerError(f'the configuration repository is damaged: {exc.stderr.strip()[:200]}') from None


def _clear_stale_locks(git_dir: Path) -> None:
    for lock in [git_dir / 'index.lock', git_dir / 'HEAD.lock', *git_dir.glob('refs/**/*.lock'),
                 *git_dir.glob('logs/**/*.lock')]:
        lock.unlink(missing_ok=True)


def _revision(commit: git.Commit) -> Revision:
    message = commit.message if isinstance(commit.message, str) else commit.message.decode()
    trailers = dict(_TRAILER.findall(message))
    return Revision(id=commit.hexsha, short_id=commit.hexsha[:12], time=float(commit.committed_date),
                    summary=message.split('\n', 1)[0], reason=trailers.get('Reason', ''),
                    source=trailers.get('Source', ''), actor=trailers.get('Actor', ''))


def _files(commit: git.Commit, path: str) -> list[str]:
    try:
        tree = commit.tree / path
    except KeyError:
        return []
    if tree.type == 'blob':
        return [path]
    return [str(item.path) for item in tree.traverse() if getattr(item, 'type', None) == 'blob']  # type: ignore[union-attr]


def _text(commit: git.Commit, file: str) -> str | None:
    try:
        return (commit.tree / file).data_stream.read().decode('utf-8', 'replace')
    except KeyError:
        return None
