"""Every operation leaves a trace: a history record, and a commit when the configuration changed.

    with recorder.operation('deploy', target='blog', stack='blog', origin=origin, params={...}) as op:
        ...                                   # the work; raise to record a failure
        op.commit('deploy stack blog', paths=['stacks/blog'])
        op.result = 'deployed: 2 created'

What is written is scrubbed first: names and reasons one-lined (:func:`deployer.text.one_line`),
known secret values and passwords typed into a command masked (:meth:`Secrets.scrub`), in
the history record, the commit message and the log.
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .errors import DeployerError
from .history import History, Record
from .secrets import Secrets
from .text import one_line
from .versioning import ConfigRepo

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Origin:
    """Who asked, from where, and with what words (the command or the API call)."""
    source: str = 'system'       # ui | rest | nl | system
    actor: str = 'system'
    reason: str = ''


SYSTEM = Origin('system', 'system', 'DockerDeployer itself')


@dataclass
class Operation:
    recorder: Recorder
    origin: Origin
    revision: str | None = None
    result: str = ''
    params: dict[str, Any] = field(default_factory=dict)
    record_id: int | None = None     # set once the history record is written

    def commit(self, summary: str, *, paths: list[str]) -> str | None:
        """Commit what changed under ``paths``; the commit message carries the origin."""
        scrub = self.recorder.scrub
        revision = self.recorder.repo.commit(scrub(summary), reason=scrub(self.origin.reason or summary),
                                             source=self.origin.source, actor=scrub(self.origin.actor), paths=paths)
        if revision is not None:
            self.revision = revision
        return revision


class Recorder:
    def __init__(self, repo: ConfigRepo, history: History, *, on_record: Callable[[Record], None] | None = None,
                 secrets: Secrets | None = None) -> None:
        self.repo = repo
        self.history = history
        self.on_record = on_record   # e.g. the event bus: pages show new records as they happen
        self.secrets = secrets

    def scrub(self, text: str, limit: int = 2000) -> str:
        """Words someone typed (a command, a reason), as a record or a commit message may hold
        them: one line, known secrets and passwords given in the text masked."""
        text = one_line(text, limit)
        return self.secrets.scrub(text) if self.secrets is not None else text

    def mask(self, text: str) -> str:
        """Text the app wrote (a result, an error): known secret values masked."""
        return self.secrets.mask(text) if self.secrets is not None else text

    def on_engine(self, engine: str) -> Recorder:
        """The same recorder whose records also say which engine they were on (``params.engine``)."""
        scoped = Recorder(self.repo, self.history, on_record=self.on_record, secrets=self.secrets)
        scoped._engine = engine
        return scoped

    _engine: str | None = None

    @contextmanager
    def operation(self, action: str, *, target: str, origin: Origin, stack: str | None = None,
                  params: dict[str, Any] | None = None) -> Iterator[Operation]:
        started = time.monotonic()
        op = Operation(self, origin, params={**(params or {}), **({'engine': self._engine} if self._engine else {})})
        try:
            yield op
        except DeployerError as exc:
            evidence = getattr(exc, 'evidence', None)
            if evidence:   # a failed deploy's log lines and health output: scrubbed before kept or shown
                exc.evidence = evidence = self.secrets.scrub_value(evidence) if self.secrets is not None else evidence  # type: ignore[attr-defined]
            self._append(op, action, target, stack, started, ok=False, error=exc.message, evidence=evidence or {})
            raise
        except Exception as exc:
            self._append(op, action, target, stack, started, ok=False, error=f'unexpected error: {type(exc).__name__}')
            raise
        self._append(op, action, target, stack, started, ok=True, error=None)

    def _append(self, op: Operation, action: str, target: str, stack: str | None, started: float, *, ok: bool,
                error: str | None, evidence: dict[str, Any] | None = None) -> None:
        target = self.mask(one_line(target, 500))
        params = self.secrets.scrub_value(op.params) if self.secrets is not None else op.params
        try:
            record = self.history.append(source=op.origin.source, actor=self.scrub(op.origin.actor, 200), action=action,
                                         target=target, stack=stack, reason=self.scrub(op.origin.reason), params=params,
                                         ok=ok, result=self.mask(op.result), error=self.mask(error) if error else None,
                                         duration_ms=(time.monotonic() - started) * 1000, revision=op.revision,
                                         evidence=evidence or {})
        except DeployerError as exc:  # the operation happened: losing its record must not undo it
            log.error('history record for %s %s lost: %s', action, target, self.mask(exc.message))
            return
        op.record_id = record.id
        if self.on_record is not None:
            self.on_record(record)
