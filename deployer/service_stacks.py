"""Stacks, templates, versions and the history: the service behind the facade's stack calls.

``Deployer`` builds one :class:`StackService` with what it needs and hands its methods out as
its own (``d.deploy_stack`` is ``StackService.deploy_stack``): REST route or page -> here ->
``stacks.manager.Stacks`` -> ``stacks.converge.Deployment`` -> ``engine``.

Every change goes through :class:`deployer.operations.Recorder`: a history record for each
operation, and a commit in the configuration repository whenever what is deployed changed.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import yaml

from .bus import EventBus
from .compose.loader import check_project_name, parse_yaml
from .errors import Conflict, DeployerError, NotFound, StackChanged, StackExists
from .fetch import DEADLINE, fetch
from .history import History, Page, Record
from .models import StackDetail, StackSummary
from .operations import SYSTEM, Origin, Recorder
from .secrets import MASK, SECRET_NAME, Secrets, lift_literals
from .settings import Settings
from .stacks.check import StackCheck
from .stacks.converge import Progress, Result
from .stacks.definition import Definition, is_secret_file
from .stacks.manager import Stacks
from .templates import Catalog, ImportResult, Template
from .versioning import ConfigRepo, Revision
from .vocabulary import MAX_FEED

ProgressFn = Callable[[Progress], None]


class StackService:
    def __init__(self, *, stacks: Stacks, catalog: Catalog, repo: ConfigRepo, history: History, recorder: Recorder,
                 bus: EventBus, settings: Settings, secrets: Secrets, check_writable: Callable[[str], None],
                 prefix: str = 'stacks') -> None:
        self.prefix = prefix   # where its stacks are in the configuration repository (engines/<id>/stacks elsewhere)
        self.stacks = stacks
        self.catalog = catalog
        self.repo = repo
        self.history = history
        self.recorder = recorder
        self.bus = bus
        self.settings = settings
        self.secrets = secrets
        self._check_writable = check_writable   # raises Forbidden in read-only mode

    # ---- stacks ---------------------------------------------------------------------------------
    def list_stacks(self) -> list[StackSummary]:
        return self.stacks.list()

    def get_stack(self, name: str) -> StackDetail:
        """The stack as shown: secret parameters named only, secrets masked in its document and
        its containers' labels; ``revision`` is its configuration's latest revision (send it
        back as ``expect_revision`` to save only over what you saw)."""
        detail = self.stacks.get(name)
        return dataclasses.replace(self.secrets.stack(detail), revision=self._revision(name))

    def _revision(self, name: str) -> str | None:
        latest = self.repo.log(f'{self.prefix}/{name}', limit=1)
        return latest[0].id if latest else None

    def check_stack(self, name: str, compose: str | dict[str, Any], *, env: dict[str, Any] | None = None,
                    secrets: dict[str, str] | None = None, files: dict[str, str] | None = None) -> StackCheck:
        """What ``deploy_stack`` with these arguments would do, without doing it: the problems
        (at their lines), the changes per service, one summary line and the diff (secrets
        masked). Allowed read-only; nothing is recorded."""
        compose, lifted = _lift(compose, taken={*map(str, env or {}), *map(str, secrets or {})})
        definition = self.stacks.definition_for(name, compose, env=env, secrets={**(secrets or {}), **lifted},
                                                files=files)
        with self.secrets.pending(definition.secrets.values()):
            check = self.stacks.check(name, definition)
            return dataclasses.replace(check, diff=self.secrets.mask(check.diff), summary=self.secrets.mask(check.summary),
                                       revision=self._revision(name))

    def _expect(self, name: str, expected: str | None) -> None:
        """Refuse a save made against another revision than the stack's latest (``'none'``: the
        stack must not exist yet), with the difference, instead of overwriting it."""
        if expected is None:
            return
        current = self._revision(name)
        if expected == 'none':
            if current is not None or self.stacks.definition(name) is not None:
                raise StackChanged(f'a stack named {name!r} exists already: open it to edit it, or choose another name',
                                   current=current)
            if any(s.name == name for s in self.stacks.list()):
                raise StackChanged(f'a stack named {name!r} runs already (made by docker compose): open it to '
                                   'adopt it, or choose another name', current=None)
            return
        if current != expected:
            try:
                diff = self.secrets.mask(self.repo.diff(f'{self.prefix}/{name}', expected, current)) if current else ''
            except DeployerError:
                diff = ''
            now = 'it was removed' if current is None else f'now at revision {current[:12]}'
            raise StackChanged(f'stack {name!r} changed since you opened it ({now}); review the difference before '
                               'saving', expected=expected, current=current, diff=diff)

    def deploy_stack(self, name: str, compose: str | dict[str, Any], *, env: dict[str, Any] | None = None,
                     secrets: dict[str, str] | None = None, template: str | None = None,
                     progress: ProgressFn | None = None, pull: str | None = None,
                     origin: Origin = SYSTEM, files: dict[str, str] | None = None,
                     expect_revision: str | None = None) -> tuple[StackDetail, Result]:
        """Deploy (or converge) a compose document as stack ``name`` (with its other ``files``:
        ``extends``/``include`` targets, env files, configs; ``None`` keeps the ones it has);
        progress goes to the
        callback and to the bus. Values in ``secrets``, env values with secret-looking names and
        literals under secret-looking ``environment`` keys of the document (replaced there by a
        ``${VAR}`` reference, see :func:`deployer.secrets.lift_literals`) are kept in the
        stack's secrets file: out of the configuration repository and the history.
        ``expect_revision`` (from ``get_stack`` or ``check_stack``; ``'none'`` for a new stack)
        refuses to save over a stack that changed since (:class:`StackChanged`)."""
        self._check_writable('deploy')
        self._expect(name, expect_revision)
        compose, lifted = _lift(compose, taken={*map(str, env or {}), *map(str, secrets or {})})
        secrets = {**(secrets or {}), **lifted} if lifted else secrets
        hidden_env = {str(k): v for k, v in (env or {}).items() if SECRET_NAME.search(str(k))}
        public = {k: v for k, v in (env or {}).items() if not SECRET_NAME.search(str(k))}
        kept = sorted({*hidden_env, *(secrets or {})})
        params = {'env': {**public, **{k: MASK for k in hidden_env}}, **({'secrets': kept} if kept else {}),
                  **({'template': template} if template else {})}
        values = [str(v) for v in (*hidden_env.values(), *(secrets or {}).values())]
        with self.secrets.pending(values), \
                self.recorder.operation('deploy', target=name, stack=name, origin=origin, params=params) as op:
            existed = self.stacks.definition(name) is not None
            detail, result = self.stacks.deploy(name, compose, env=env, secrets=secrets, template=template,
                                                progress=self._progress(progress), pull=pull, files=files)
            op.commit(f'{"update" if existed else "deploy"} stack {name}', paths=[f'{self.prefix}/{name}'])
            op.result = _summary(result)
        return dataclasses.replace(self.secrets.stack(detail), revision=self._revision(name)), result

    def adopt_stack(self, name: str, *, progress: ProgressFn | None = None,
                    origin: Origin = SYSTEM) -> tuple[StackDetail, Result]:
        """Take over a stack made by ``docker compose``: its compose file becomes the stack's
        versioned document, relative paths keep resolving in its own folder (and its ``.env``
        there keeps applying), and the stack is converged on it: containers created by Compose
        are recreated under this app's labels. From then on it is edited, versioned and rolled
        back here."""
        self._check_writable('adopt')
        if self.stacks.definition(name) is not None:
            raise Conflict(f'stack {name!r} is managed here already')
        compose, working_dir = self.stacks.foreign_source(name)
        files = self.stacks.foreign_files(name, compose, working_dir)   # another engine's: read on its machine
        with self.recorder.operation('deploy', target=name, stack=name, origin=origin,
                                     params={'adopted_from': working_dir}) as op:
            definition = Definition(compose=compose, working_dir=working_dir, files=files)
            detail, result = self.stacks.apply(name, definition, progress=self._progress(progress))
            op.commit(f'adopt stack {name} from {working_dir}', paths=[f'{self.prefix}/{name}'])
            op.result = _summary(result)
        return dataclasses.replace(self.secrets.stack(detail), revision=self._revision(name)), result

    def stack_action(self, name: str, action: str, *, volumes: bool = False, timeout: int | None = None,
                     progress: ProgressFn | None = None, origin: Origin = SYSTEM) -> Result | None:
        self._check_writable(action)
        params = {'volumes': volumes} if action == 'remove' else {}
        with self.recorder.operation(action, target=name, stack=name, origin=origin, params=params) as op:
            result = self.stacks.action(name, action, volumes=volumes, timeout=timeout, progress=self._progress(progress))
            if action == 'remove':
                self.secrets.reload()
                op.commit(f'remove stack {name}' + (' and its volumes' if volumes else ''), paths=[f'{self.prefix}/{name}'])
            op.result = _summary(result) if result is not None else f'{action} done'
        return result

    def cancel_deploy(self, name: str) -> bool:
        """Stop a deploy, redeploy, rollback or scale that is running on ``name``: it stops
        waiting, puts back what it changed and fails with "cancelled" (its history record says
        so). False when nothing is running there."""
        check_project_name(name)
        self._check_writable('cancel')
        return self.stacks.cancel(name)

    def scale_stack(self, name: str, service: str, replicas: int, *, progress: ProgressFn | None = None,
                    origin: Origin = SYSTEM) -> Result:
        self._check_writable('scale')
        with self.recorder.operation('scale', target=name, stack=name, origin=origin,
                                     params={'service': service, 'replicas': replicas}) as op:
            result = self.stacks.scale(name, service, replicas, progress=self._progress(progress))
            op.commit(f'scale {service} of stack {name} to {replicas}', paths=[f'{self.prefix}/{name}'])
            op.result = _summary(result)
        return result

    # ---- versions ---------------------------------------------------------------------------------
    def stack_revisions(self, name: str, *, limit: int = 100) -> list[Revision]:
        check_project_name(name)
        revisions = self.repo.log(f'{self.prefix}/{name}', limit=limit)
        if not revisions:
            self.stacks.get(name)  # NotFound for unknown stacks
        mask = self.secrets.mask   # messages are scrubbed when written; older ones are masked as shown
        return [dataclasses.replace(r, summary=mask(r.summary), reason=mask(r.reason)) for r in revisions]

    def stack_diff(self, name: str, *, older: str | None = None, newer: str | None = None) -> dict[str, Any]:
        """A unified diff of the stack's configuration; by default its last change."""
        check_project_name(name)
        revisions = self.repo.log(f'{self.prefix}/{name}', limit=1000)
        if not revisions:
            raise NotFound(f'stack {name!r} has no versioned configuration')
        newer_id = self.repo.resolve(newer) if newer else revisions[0].id
        if older:
            older_id = self.repo.resolve(older)
        else:
            position = next((i for i, r in enumerate(revisions) if r.id == newer_id), None)
            if position is None or position + 1 >= len(revisions):
                older_id = self._parent(newer_id)
            else:
                older_id = revisions[position + 1].id
        return {'stack': name, 'from': older_id, 'to': newer_id,
                'diff': self.secrets.mask(self.repo.diff(f'{self.prefix}/{name}', older_id, newer_id))}

    def stack_changes(self, name: str, *, older: str, newer: str) -> dict[str, tuple[str | None, str | None]]:
        """Each file of the stack's configuration that differs between two revisions (for
        side-by-side views): ``{file: (before, after)}``."""
        check_project_name(name)
        mask = self.secrets.mask
        return {file: (before and mask(before), after and mask(after))
                for file, (before, after) in self.repo.changes(f'{self.prefix}/{name}', older, newer).items()}

    def revision_parent(self, revision: str) -> str:
        return self._parent(self.repo.resolve(revision))

    def _parent(self, revision: str) -> str:
        return self.repo.parent(revision)

    def rollback_stack(self, name: str, *, to: str | None = None, progress: ProgressFn | None = None,
                       origin: Origin = SYSTEM) -> tuple[StackDetail, Result, str]:
        """Converge the stack on an earlier revision of its configuration (default: the one
        before the latest) and commit that as a new revision: history is never rewritten."""
        check_project_name(name)
        self._check_writable('rollback')
        revisions = self.repo.log(f'{self.prefix}/{name}', limit=1000)
        if not revisions:
            raise NotFound(f'stack {name!r} has no versioned configuration to roll back to')
        if to is None:
            if len(revisions) < 2:
                raise Conflict(f'stack {name!r} has only one revision: there is nothing earlier to go back to')
            target = revisions[1].id
        else:
            target = self.repo.resolve(to)
        compose = self.repo.read(target, f'{self.prefix}/{name}/compose.yaml')
        if compose is None:
            raise Conflict(f'stack {name!r} did not exist at revision {target[:12]}')
        meta = yaml.safe_load(self.repo.read(target, f'{self.prefix}/{name}/deployer.yaml') or '') or {}
        current = self.stacks.definition(name)
        definition = Definition(compose=compose, template=meta.get('template'), params=dict(meta.get('params') or {}),
                                secrets=dict(current.secrets) if current else {}, scale=dict(meta.get('scale') or {}),
                                profiles=list(meta.get('profiles') or []),
                                files={**self.repo.read_tree(target, f'{self.prefix}/{name}/files'),
                                       **{k: v for k, v in (current.files if current else {}).items()
                                          if is_secret_file(k)}})
        with self.recorder.operation('rollback', target=name, stack=name, origin=origin,
                                     params={'to': target}) as op:
            detail, result = self.stacks.apply(name, definition, progress=self._progress(progress))
            op.commit(f'rollback stack {name} to {target[:12]}', paths=[f'{self.prefix}/{name}'])
            op.result = _summary(result)
        return self.secrets.stack(detail), result, target

    def reveal_secrets(self, name: str, *, origin: Origin = SYSTEM) -> tuple[dict[str, str], int | None]:
        """The values of a stack's secrets, for the operator who asks on purpose: each reveal is a
        history record (who, which stack, which names; never the values). Allowed read-only
        (nothing changes). Returns the values and the record's id."""
        check_project_name(name)
        definition = self.stacks.definition(name)
        if definition is None:
            self.stacks.get(name)  # NotFound for unknown stacks
            raise Conflict(f'stack {name!r} was not deployed here: it has no secrets kept here')
        values = {key: str(value) for key, value in sorted(definition.secrets.items())}
        with self.recorder.operation('secrets.reveal', target=name, stack=name, origin=origin,
                                     params={'names': sorted(values)}) as op:
            op.result = f'{len(values)} secret values shown' if values else 'the stack has no secrets'
        return values, op.record_id

    def history_page(self, **filters: Any) -> Page:
        page = self.history.query(**filters)
        return Page(records=[self.secrets.record(r) for r in page.records], next_cursor=page.next_cursor)

    def history_record(self, record_id: int) -> Record:
        return self.secrets.record(self.history.get(record_id))

    # ---- templates ------------------------------------------------------------------------------
    def list_templates(self, *, q: str | None = None, category: str | None = None) -> list[Template]:
        return self.catalog.list(q, category)

    def get_template(self, template_id: str) -> Template:
        return self.catalog.get(template_id)

    def deploy_template(self, template_id: str, *, stack: str | None = None, params: dict[str, Any] | None = None,
                        progress: ProgressFn | None = None, origin: Origin = SYSTEM,
                        update: bool = False) -> tuple[StackDetail, Result, dict[str, str]]:
        """Deploy a template as a stack; returns the stack, what changed and the values that
        were generated here (secrets: show them to the user once, they are not returned again).
        Onto a stack that exists, only with ``update`` (else :class:`StackExists` with what the
        update would change): never a silent replacement. An update keeps the values the stack
        has for the parameters not given (a generated password stays the same)."""
        self._check_writable('deploy')
        name = stack or template_id.replace('.', '-')[:63]
        rendered = self.catalog.render(template_id, self._kept_params(template_id, name, params))
        secrets = {key: rendered.env[key] for key in rendered.secrets if key in rendered.env}
        if not update and self._exists(name):
            check = self.check_stack(name, rendered.compose, env=rendered.public_params, secrets=secrets)
            raise StackExists(f'stack {name!r} exists: deploying {template_id} onto it would {check.summary}'
                              if check.changed else f'stack {name!r} exists and already runs this: nothing would change',
                              summary=check.summary, changes=[dataclasses.asdict(c) for c in check.changes])
        detail, result = self.deploy_stack(name, rendered.compose, env=rendered.public_params, secrets=secrets,
                                           template=rendered.template, progress=progress, origin=origin)
        return detail, result, {key: rendered.env[key] for key in rendered.generated}

    def check_template(self, template_id: str, *, stack: str | None = None,
                       params: dict[str, Any] | None = None) -> StackCheck:
        """What ``deploy_template`` would do (for the dialog's and the assistant's question)."""
        name = stack or template_id.replace('.', '-')[:63]
        rendered = self.catalog.render(template_id, self._kept_params(template_id, name, params))
        secrets = {key: rendered.env[key] for key in rendered.secrets if key in rendered.env}
        return self.check_stack(name, rendered.compose, env=rendered.public_params, secrets=secrets)

    def _exists(self, name: str) -> bool:
        check_project_name(name)
        return self.stacks.definition(name) is not None or any(s.name == name for s in self.stacks.list())

    def _kept_params(self, template_id: str, name: str, params: dict[str, Any] | None) -> dict[str, Any]:
        """``params`` with the values the stack (deployed from this template) has for the ones not given."""
        given = {k: v for k, v in (params or {}).items() if v not in (None, '')}
        check_project_name(name)
        definition = self.stacks.definition(name)
        if definition is None or definition.template != template_id:
            return given
        names = {p.name for p in self.catalog.get(template_id).parameters}
        return {**{k: v for k, v in definition.env.items() if k in names}, **given}

    def import_templates(self, data: bytes | str | dict[str, Any] | list[Any], *, source_name: str,
                         origin: Origin = SYSTEM) -> ImportResult:
        self._check_writable('import templates')
        with self.recorder.operation('template.import', target=source_name[:200], origin=origin) as op:
            result = self.catalog.import_feed(data, source_name=source_name)
            op.commit(f'import templates from {source_name[:200]}', paths=['templates'])
            op.result = f'{result.imported} imported, {result.unavailable} unavailable'
        return result

    def import_templates_from_url(self, url: str, *, deadline: float = DEADLINE, origin: Origin = SYSTEM) -> ImportResult:
        """Fetch a Portainer feed over http(s) (at most 5 MiB, within ``deadline`` seconds) and
        import it. Only public addresses are fetched unless the operator allows private ones
        (DEPLOYER_FEEDS_ALLOW_PRIVATE); see :mod:`deployer.fetch`. Nothing is fetched read-only."""
        self._check_writable('import templates')
        data = fetch(url, max_bytes=MAX_FEED, allow_private=self.settings.feeds_allow_private, deadline=deadline)
        return self.import_templates(data, source_name=url, origin=origin)

    def save_stack_as_template(self, stack: str, *, template_id: str, title: str, description: str = '',
                               category: str = 'Custom', origin: Origin = SYSTEM) -> Template:
        """Keep a deployed stack's compose document as a template of the user's own; its
        non-secret parameters become the defaults (secrets never do)."""
        self._check_writable('save template')
        definition = self.stacks.definition(stack)
        if definition is None:
            raise NotFound(f'stack {stack!r} was not deployed here, so its document is not known')
        with self.recorder.operation('template.save', target=template_id, stack=stack, origin=origin) as op:
            template = self.catalog.save_user_template(
                template_id, title=title, description=description or f'Saved from {stack}', compose=definition.compose,
                category=category, defaults=definition.params)
            op.commit(f'save stack {stack} as template {template_id}', paths=['templates'])
        return template

    def delete_template(self, template_id: str, *, origin: Origin = SYSTEM) -> None:
        self._check_writable('delete template')
        with self.recorder.operation('template.delete', target=template_id, origin=origin) as op:
            self.catalog.delete_user_template(template_id)
            op.commit(f'delete template {template_id}', paths=['templates'])

    def _progress(self, progress: ProgressFn | None) -> ProgressFn:
        def report(step: Progress) -> None:
            step = self.secrets.event(step)  # what the caller's progress view shows is masked too
            self.bus.publish(step)
            if progress is not None:
                progress(step)
        return report


def _summary(result: Result) -> str:
    parts = [f'{len(v)} {k}' for k, v in dataclasses.asdict(result).items() if v]
    return ', '.join(parts) or 'no change'


def _lift(compose: str | dict[str, Any], *, taken: set[str]) -> tuple[str | dict[str, Any], dict[str, str]]:
    """The document with literal secrets lifted out (as given when there are none, so its text
    and comments are kept), and the lifted values."""
    try:
        document = parse_yaml(compose) if isinstance(compose, str) else compose
    except DeployerError:
        return compose, {}  # the deploy itself says what is wrong with it
    if not isinstance(document, dict):
        return compose, {}
    rewritten, lifted = lift_literals(document, taken)
    return (rewritten, lifted) if lifted else (compose, {})
