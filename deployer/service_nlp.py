"""The assistant behind the facade's natural-language calls: parse a command into a plan,
check any plan (however it was made), run it after confirmation.

Risk, name resolution, policy and confirmation are computed here, in code, for every plan:
a plan from an LLM or edited by a client gets exactly the same checks as one from the
embedded parser.
"""
from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import yaml
from pydantic import TypeAdapter, ValidationError

from .engine import Engine
from .engines import LOCAL
from .errors import DeployerError, Forbidden, InvalidInput, NeedsConfirmation
from .nlp import execute, prechecks, rules, shorthand, swarming
from .nlp.plan import READ_TYPES, Action, Plan, Question, RunResult, action_risk, affected, plan_risk, type_to_confirm
from .nlp.state import Box, State, TemplateInfo
from .operations import Origin, Recorder
from .policy import refusal
from .secrets import SECRET_NAME, Secrets
from .settings import Settings
from .stacks.manager import Stacks
from .store import atomic_write
from .templates import Catalog
from .text import count
from .versioning import ConfigRepo

if TYPE_CHECKING:
    from .watcher import Watcher

_ACTIONS = TypeAdapter(list[Action])
MODES = ('rules', 'llm', 'auto')


class Preferences(Protocol):
    """The app's stored preferences (``Deployer.preference``/``set_preference``) and the
    privileged switch they hold under the operator's ceiling."""

    def preference(self, key: str, default: Any = None) -> Any: ...

    def set_preference(self, key: str, value: Any) -> None: ...

    def privileged_allowed(self) -> bool: ...


MAX_ACTIONS = 20   # Plan.actions' own limit


def _reachable(engines: Any) -> tuple[str, ...]:
    """The engines a parse can ask now: when this changes, what was read of the swarms is read again."""
    return tuple(sorted(n.id for n in engines.nodes() if n.watcher.state.reachable))


SWARM_TTL = 5.0   # seconds after which a parse has the swarms read again (in the background)


class AssistantService:
    """The assistant: commands to plans (embedded parser or an LLM), plans checked against the
    live state and the policy, plans run through ``ops`` (the operations the assistant may use,
    :class:`deployer.nlp.execute.Operations`) — never a shell, never the engine directly."""

    def __init__(self, *, settings: Settings, engine: Engine, catalog: Catalog, recorder: Recorder, stacks: Stacks,
                 secrets: Secrets, repo: ConfigRepo, preferences: Preferences, ops: execute.Operations,
                 check_writable: Callable[[str], None], watcher: Watcher | None = None) -> None:
        self.settings = settings
        self.engine = engine
        self.catalog = catalog
        self.recorder = recorder
        self.stacks = stacks
        self.secrets = secrets
        self.repo = repo
        self.preferences = preferences
        self.ops = ops
        self.watcher = watcher
        self._check_writable = check_writable
        self._swarm_cache: dict[str | None, tuple[float, list[swarming.Swarm], tuple[str, ...]]] = {}
        self._swarm_reading: set[str | None] = set()   # hosts whose swarms a thread is reading now

    def preference(self, key: str, default: Any = None) -> Any:
        return self.preferences.preference(key, default)

    # ---- settings -------------------------------------------------------------------------------
    def nlp_settings(self) -> dict[str, Any]:
        settings = self.settings
        return {
            'mode': self.preference('nlp_mode') or settings.nlp_mode,
            'model': self.preference('llm_model') or settings.llm_model,
            'api_base': self.preference('llm_api_base') or settings.llm_api_base,
            'api_key_set': bool(self.preference('llm_api_key') or settings.llm_api_key),
            'timeout': float(self.preference('llm_timeout') or settings.llm_timeout),
            'allow_privileged': self.preferences.privileged_allowed(),
            'privileged_permitted': self.settings.allow_privileged,   # the operator's ceiling, set at start
            'bind_roots': list(self.settings.bind_roots),
        }

    def update_settings(self, changes: dict[str, Any], *, origin: Origin) -> dict[str, Any]:
        """Change the assistant's settings; the non-secret ones are committed to the configuration
        repository (``settings.yaml``), the API key is kept in the secrets store only."""
        allowed = {'nlp_mode': str, 'llm_model': str, 'llm_api_base': str, 'llm_api_key': str, 'llm_timeout': float,
                   'allow_privileged': bool}
        unknown = sorted(set(changes) - set(allowed))
        if unknown:
            raise InvalidInput(f'unknown settings: {", ".join(unknown)}')
        self._check_writable('change settings')
        if changes.get('allow_privileged') and not self.settings.allow_privileged:
            raise Forbidden('privileged mode can only be allowed by the operator: start DockerDeployer with '
                            'DEPLOYER_ALLOW_PRIVILEGED=1; the settings can then switch it off and on again')
        if changes.get('nlp_mode') is not None and changes['nlp_mode'] not in MODES:
            raise InvalidInput(f'nlp_mode must be one of {", ".join(MODES)}')
        if changes.get('llm_timeout') is not None and not 1 <= float(changes['llm_timeout']) <= 300:
            raise InvalidInput('llm_timeout must be between 1 and 300 seconds')
        for key, kind in allowed.items():
            if key in changes and changes[key] is not None and not isinstance(changes[key], (kind, int) if kind is float
                                                                            else kind):
                raise InvalidInput(f'{key} must be a {kind.__name__}')
        public = {k: v for k, v in changes.items() if k != 'llm_api_key'}
        with self.recorder.operation('settings', target='settings', origin=origin,
                                     params={**public, **({'llm_api_key': '(changed)'} if 'llm_api_key' in changes else {})}
                                     ) as op:
            for key, value in changes.items():
                self.preferences.set_preference(key, value if value != '' else None)
            current = {k: self.preference(k) for k in allowed if k != 'llm_api_key'}
            atomic_write(self.settings.data_dir / 'config' / 'settings.yaml',
                         yaml.safe_dump({k: v for k, v in current.items() if v is not None}, sort_keys=True).encode(),
                         mode=0o644)
            op.commit('change settings: ' + ', '.join(sorted(changes)), paths=['settings.yaml'])
        return self.nlp_settings()

    # ---- state ----------------------------------------------------------------------------------
    def nl_state(self, *, fresh: bool = True, host: str | None = None) -> State:
        """Names, images, stacks and states to resolve against: from the engine, or (``fresh=False``)
        from the watcher's event-fed cache, which saves an engine round trip per parse. ``host``:
        another engine's containers (no templates or stored stacks: those are the local engine's)."""
        templates = [TemplateInfo.of(t) for t in self.catalog.list() if t.available]
        if host:   # its containers; what it is asked to deploy is recognised (and said not to be built there yet)
            rows = self.ops.engines.node(host).containers()
            return State.build([Box(c.name, c.image, c.state, c.stack, c.service) for c in rows], templates)
        watcher = self.watcher
        if not fresh and watcher is not None and watcher.state.reachable and watcher.synced.is_set():
            containers = watcher.snapshot()       # the event-fed cache is current
        else:
            containers = self.ops.list_containers(all=True)
        boxes = [Box(c.name, c.image, c.state, c.stack, c.service) for c in containers]
        stored = [p.name for p in (self.settings.data_dir / 'config' / 'stacks').glob('*') if p.is_dir()]
        return State.build(boxes, templates, extra_stacks=stored)

    # ---- parsing --------------------------------------------------------------------------------
    def parse_command(self, command: str, *, mode: str | None = None) -> Plan:
        command = shorthand.typed_plainly(command or '')   # before spaces are collapsed: "r e s t a r t   t r a e f i k"
        command = '\n'.join(' '.join(line.split()) for line in command.splitlines() if line.strip())   # lines kept
        if not command:
            raise InvalidInput('command: say what you want done, e.g. "restart web"')
        if len(command) > 2000:
            raise InvalidInput('command: at most 2,000 characters')
        settings = self.nlp_settings()
        mode = mode or settings['mode']
        if mode not in MODES:
            raise InvalidInput(f'mode must be one of {", ".join(MODES)}')
        host, said = self._host_in(command)
        about_swarm = self._about_swarm(command, said, host)
        if about_swarm is not None:
            return about_swarm
        if host is not None:   # "restart nginx on edge-2": that engine's containers, that engine's actions
            return self._on_host(command, said, host)
        state = self.nl_state(fresh=False)
        parsed = rules.parse(command, state)
        if parsed.unknown or not parsed.actions:   # a swarm service or node made since what was kept?
            about_swarm = self._about_swarm(command, said, host, fresh=True)
            if about_swarm is not None:
                return about_swarm
        if parsed.unknown:  # a name the cache has not seen yet (created a moment ago)? look again on the engine
            state = self.nl_state(fresh=True)
            parsed = rules.parse(command, state)
        # auto: the rules' answer stands wherever they have one (docs/assistant.md, "auto mode")
        if mode == 'rules' or parsed.guarded or (mode == 'auto' and parsed.actions and not parsed.questions):
            return self._finish(command, parsed.actions, state, engine='rules', warnings=parsed.warnings,
                                questions=parsed.questions, explanations=parsed.explanations)
        if not settings['model']:
            return self._finish(command, parsed.actions, state, engine='rules', questions=parsed.questions,
                                explanations=parsed.explanations,
                                warnings=[*parsed.warnings, 'No LLM is configured (DEPLOYER_LLM_MODEL or the settings '
                                          'page): the embedded parser answered.'])
        from .nlp import llm  # only when an LLM is asked for: litellm is heavy
        config = llm.LLMConfig(model=settings['model'], api_base=settings['api_base'],
                               api_key=self.preference('llm_api_key') or self.settings.llm_api_key,
                               timeout=settings['timeout'])
        try:
            proposal = llm.propose(command, state, config)
        except DeployerError as exc:
            return self._finish(command, parsed.actions, state, engine='rules', questions=parsed.questions,
                                explanations=parsed.explanations,
                                warnings=[*parsed.warnings, f'The LLM did not answer usefully ({exc.message}); the '
                                          'embedded parser answered instead.'])
        if mode == 'auto' and not llm.rules_understood_nothing(parsed.actions, parsed.questions):
            # the rules asked: their answer stands; the model's guess may only be one more choice
            questions, _ = llm.offer_guess(command, proposal.actions, parsed.actions, parsed.questions, state)
            return self._finish(command, parsed.actions, state, engine='rules', warnings=parsed.warnings,
                                questions=questions, explanations=parsed.explanations)
        actions, warnings = list(proposal.actions), list(proposal.warnings)
        if mode == 'auto':   # the rules understood nothing: the model fills in, with what the command mentions
            actions, strays = llm.grounded(command, actions, state)
            if strays and not actions:
                return self._finish(command, parsed.actions, state, engine='rules', questions=parsed.questions,
                                    explanations=parsed.explanations, warnings=[*parsed.warnings, *strays])
            warnings = [*parsed.warnings, *strays, *warnings]
        return self._finish(command, actions, state, engine='llm', model=settings['model'], warnings=warnings,
                            questions=[Question(text=q) if isinstance(q, str) else q for q in proposal.questions])

    def _about_swarm(self, command: str, said: str, host: str | None, *, fresh: bool = False) -> Plan | None:
        """"drain node-2", "scale web to 5", "where is the api running": the swarm's plan, when the
        swarms have what the command names (``fresh``: read them again first, if what was kept is old)."""
        engines = getattr(getattr(self, 'ops', None), 'engines', None)
        if engines is None:
            return None
        cached = self._swarm_cache.get(host)
        if fresh and (cached is None or time.monotonic() - cached[0] < SWARM_TTL):
            return None   # what was kept is current: a second look would find the same
        swarms = self._read_swarms(engines, host) if fresh else self._swarms(host)
        if not swarms:
            return None
        state = self.nl_state(fresh=False) if host is None else State()
        plan = swarming.parse(said if host else command, swarms, state)
        if plan is None:
            return None
        return self._finish(command, plan.actions, state, engine='rules', warnings=plan.warnings,
                            questions=plan.questions, explanations=plan.explanations)

    def _swarms(self, host: str | None) -> list[swarming.Swarm]:
        """The nodes and services of every swarm a reachable engine manages (or only ``host``'s). The
        first parse reads them; after that a parse takes what was read and, once it is older than a few
        seconds, has it read again in the background: a parse never waits on the swarm's managers."""
        engines = self.ops.engines
        cached = self._swarm_cache.get(host)
        if cached is None or cached[2] != _reachable(engines):   # first parse, or an engine came, went or came back
            return self._read_swarms(engines, host)
        if time.monotonic() - cached[0] >= SWARM_TTL and host not in self._swarm_reading:
            self._swarm_reading.add(host)
            threading.Thread(target=self._read_swarms, args=(engines, host), name='nlp-swarms', daemon=True).start()
        return cached[1]

    def _read_swarms(self, engines: Any, host: str | None) -> list[swarming.Swarm]:
        found: list[swarming.Swarm] = []
        clusters: set[str] = set()   # two managers of one swarm added as engines: it is read once
        try:
            for node in engines.nodes():
                if (host is not None and node.id != host) or not node.watcher.state.reachable:
                    continue
                try:
                    swarm = self.ops.swarm_on(node.id)
                    info = swarm.info()
                    if not info['manager'] or info['cluster_id'] in clusters:
                        continue
                    clusters.add(info['cluster_id'])
                    found.append(swarming.Swarm(None if node.id == LOCAL else node.id,
                                                tuple((s.name, s.stack) for s in swarm.services()),
                                                tuple(n.hostname for n in swarm.nodes())))
                except DeployerError:
                    continue
            self._swarm_cache[host] = (time.monotonic(), found, _reachable(engines))
        finally:
            self._swarm_reading.discard(host)
        return found

    def _host_in(self, command: str) -> tuple[str | None, str]:
        """An engine named in the request ("… on edge-2", "on the host edge-2", "on edge-2's engine"),
        and the request without it. Only the ids of engines that exist are looked for."""
        engines = getattr(getattr(self, 'ops', None), 'engines', None)
        others = [e for e in (engines.ids() if engines is not None else []) if e != 'local']
        for engine in sorted(others, key=len, reverse=True):
            found = re.search(rf"\s*,?\s*\b(?:on|at|from|in)\s+(?:the\s+)?(?:(?:host|engine|server|machine|node|box)\s+)?"
                              rf"{re.escape(engine)}(?:'s)?(?:\s+(?:host|engine|server|machine|node|box))?\b", command,
                              re.IGNORECASE)
            if found:
                return engine, (command[:found.start()] + ' ' + command[found.end():]).strip()
        return None, command

    def _on_host(self, command: str, said: str, host: str) -> Plan:
        try:
            state = self.nl_state(host=host)
        except DeployerError as exc:
            return self._finish(command, [], State.build([], []), engine='rules',
                                warnings=[f'Engine {host} cannot be asked: {exc.message}'])
        parsed = rules.parse(said, state)
        kept, warnings = [], list(parsed.warnings)
        for action in parsed.actions:
            if 'host' in type(action).model_fields:   # every action that changes or reads one engine
                kept.append(action.model_copy(update={'host': host}))
            else:
                warnings.append(f'"{action.explain()}" is about this app (its history, the template gallery), not '
                                f'about engine {host}: it was left out.')
        return self._finish(command, kept, state, engine='rules', warnings=warnings, questions=parsed.questions,
                            host=host)

    def check_plan(self, plan: Plan | dict[str, Any]) -> Plan:
        """Validate a plan from anywhere (a client's edit, an LLM) against the models and the
        live state, and compute its risk, warnings and explanations again."""
        if isinstance(plan, dict):
            try:
                plan = Plan.model_validate(plan)
            except ValidationError as exc:
                first = exc.errors()[0]
                raise InvalidInput(f'plan.{".".join(str(p) for p in first["loc"])}: {first["msg"]}') from None
        return self._finish(plan.command, list(plan.actions), self.nl_state(), engine=plan.engine, model=plan.model,
                            warnings=[w for w in plan.warnings  # what is computed again is not kept twice
                                      if w not in plan.refusals and w not in plan.prechecks
                                      and not w.startswith(('Refused by policy', 'Unknown'))],
                            questions=[])

    def _finish(self, command: str, actions: list[Any], state: State, *, engine: str, model: str | None = None,
                warnings: list[str] | None = None, questions: list[Any] | None = None,
                explanations: list[str] | None = None, host: str | None = None) -> Plan:
        warnings = list(warnings or [])
        questions = list(questions or [])
        refusals: list[str] = []
        kept: list[Any] = []
        hosts: dict[str, State] = {host: state} if host else {}
        for action in actions:
            where = getattr(action, 'host', None)
            if where and where not in hosts:
                try:
                    hosts[where] = self.nl_state(host=where)
                except DeployerError as exc:
                    warnings.append(f'Engine {where} cannot be asked ({exc.message}); that action was left out.')
                    continue
            problem = action.unknown(hosts[where] if where else state)
            if problem:
                warnings.append(f'Unknown: {problem}; that action was left out.')
                continue
            kept.append(action)
        if engine == 'llm' and len(kept) < len(actions) and not kept and not questions:
            questions.append(Question(text='The model named things that do not exist here. Could you say it differently?'))
        for action in kept:
            if action.type == 'run':
                stacks = self.ops.stacks_on(action.host).stacks if action.host else self.stacks   # that host's policy
                try:
                    findings = stacks.policy.findings(execute.run_project(action, stacks.projects_dir))
                except DeployerError as exc:
                    warnings.append(f'This container cannot be created: {exc.message}')
                    continue
                for finding in findings:
                    message = f'Refused by policy: {finding}. To allow it, {finding.allow}.'
                    if message not in refusals:
                        refusals.append(message)
        warnings += refusals   # shown with the other warnings; decisions read ``refusals``
        checks = self._prechecks(kept, state)
        warnings += [c for c in checks if c not in warnings]
        if self.settings.read_only and any(a.type not in READ_TYPES for a in kept):
            warnings.append('DockerDeployer runs read-only: the changes in this plan will be refused.')
        if len(kept) > MAX_ACTIONS:   # "show me all the container images I have downloaded" once made 37 pulls
            questions.append(Question(text=f'That would be {len(kept)} steps; a plan holds at most {MAX_ACTIONS}. '
                                           'Could you ask for fewer things at once?'))
            kept, explanations = [], None
        risk = plan_risk(kept)
        if explanations is None or len(explanations) != len(actions) or len(kept) != len(actions):
            explanations = [a.explain() for a in kept]
        steps = [e if i == 0 else e[:1].lower() + e[1:] for i, e in enumerate(explanations)]
        summary = '; then '.join(steps) if steps else ('Nothing to do' if not questions else 'A question first')
        changed = affected(kept, state)
        return Plan(command=command, engine=engine, model=model, summary=summary, actions=kept, risk=risk,  # type: ignore[arg-type]
                    needs_confirmation=risk != 'read', warnings=warnings, refusals=refusals, questions=questions,
                    explanations=explanations, prechecks=checks, affected=changed,
                    type_to_confirm=type_to_confirm(risk, changed))

    def _prechecks(self, actions: list[Any], state: State) -> list[str]:
        """What the gallery's deploy dialog checks (a host port taken, and by whom), for a plan."""
        ops = getattr(self, 'ops', None)   # a parse-only subclass (bench/nlp.py's Offline) has no operations
        if ops is None:
            return []
        return prechecks.run(actions, prechecks.Context(state=state, catalog=self.catalog, port_in_use=ops.port_in_use,
                                                        check_template=ops.check_template))

    # ---- running --------------------------------------------------------------------------------
    def run_plan(self, plan: Plan | dict[str, Any], *, confirm: bool = False, typed_confirmation: str | None = None,
                 origin: Origin | None = None) -> RunResult:
        """Run a plan after checking it again. A plan that changes things needs ``confirm``; a
        destructive one over several containers or stacks also the text its ``type_to_confirm``
        says (``typed_confirmation``, or the plan's own field as a client sends it), checked
        against the plan as it is now. Only plans that change something leave a history record:
        a question is not an operation."""
        if typed_confirmation is None:
            typed_confirmation = plan.typed_confirmation if isinstance(plan, Plan) else (
                plan.get('typed_confirmation') if isinstance(plan, dict) else None)
        checked = self.check_plan(plan)
        if checked.needs_confirmation and not confirm or (
                checked.type_to_confirm and (typed_confirmation or '').strip() != checked.type_to_confirm):
            exc = NeedsConfirmation(checked)
            if checked.type_to_confirm:
                exc.message = (f'this plan is "{checked.risk}" and changes {_affected_text(checked)}: send it again '
                               f'with "confirm": true and "typed_confirmation": "{checked.type_to_confirm}" '
                               f'(the number of containers and stacks it changes) to run it')
            raise exc
        if not checked.actions:
            raise InvalidInput('the plan has no actions to run' + (f': {checked.questions[0]}' if checked.questions else ''))
        changes = [a for a in checked.actions if a.type not in READ_TYPES]
        if changes:
            self._check_writable('run a plan that changes things')
        else:   # a question changes nothing: no history record (docs/assistant.md, "What the history holds")
            results = execute.run_actions(self.ops, checked.actions, origin=origin or Origin('nl', 'assistant', ''),
                                          allow_privileged=False)
            return RunResult(ok=all(r.ok for r in results) and len(results) == len(checked.actions), results=results,
                             plan=checked)
        allow = bool(self.nlp_settings()['allow_privileged'])
        if checked.refusals and not allow:
            raise Forbidden(refusal([finding for action in checked.actions if action.type == 'run' for finding in
                                     self.stacks.policy.findings(execute.run_project(action, self.stacks.projects_dir))]))
        # the command's words are the reason, whoever sent it; passwords typed into it are masked
        # in every record and commit message it reaches (and known as secrets while it runs)
        typed = _typed_secrets(checked.actions, self.catalog)
        command = self.secrets.scrub(checked.command, typed)
        origin = Origin('nl', (origin.actor if origin else 'assistant'), command)
        started_revision = self.repo.head
        with self.secrets.pending(typed), contextlib.suppress(_PlanFailed), self.recorder.operation(
                'plan', target=self.secrets.scrub(checked.summary[:200], typed), origin=origin,
                params={'actions': [a.type + (f'.{a.op}' if hasattr(a, 'op') else '')
                                    for a in checked.actions], 'risk': checked.risk}) as op:
            results = execute.run_actions(self.ops, checked.actions, origin=origin, allow_privileged=allow)
            ok = all(r.ok for r in results) and len(results) == len(checked.actions)
            op.result = f'{sum(r.ok for r in results)} of {len(checked.actions)} actions done'
            revision = self.repo.head if self.repo.head != started_revision else None
            op.revision = revision
            if not ok:   # the record says failed (red in the history), with the step's own message
                failed = next(r for r in results if not r.ok)
                raise _PlanFailed(f'step {failed.index + 1} of {len(checked.actions)} failed: {failed.detail}')
        return RunResult(ok=ok, results=results, revision=revision,
                         history_id=str(op.record_id) if op.record_id is not None else None, plan=checked)

    # ---- what the actions need ----------------------------------------------------------------------
    def engine_listing(self, kind: str) -> list[dict[str, Any]]:
        if kind == 'images':
            return [{'tags': i.get('RepoTags') or [], 'id': i['Id'][7:19], 'size': i.get('Size'),
                     'created': i.get('Created')} for i in self.engine.call(lambda c: c.images())]
        if kind == 'volumes':
            return [{'name': v['Name'], 'driver': v.get('Driver'), 'stack': (v.get('Labels') or {}).get(
                'com.docker.compose.project')} for v in self.engine.volumes()]
        if kind == 'networks':
            return [{'name': n['Name'], 'driver': n.get('Driver'), 'scope': n.get('Scope')} for n in self.engine.networks()]
        raise InvalidInput(f'cannot list {kind!r}')

    def run_container(self, *, image: str, name: str | None, ports: list[dict[str, Any]], env: dict[str, str],
                      mounts: list[dict[str, Any]], command: list[str] | None, restart: str | None,
                      privileged: bool, network_mode: str | None, pid: str | None = None,
                      host: str | None = None) -> str:
        """Create and start a plain container (on engine ``host``; None: the local one); ``mounts`` as
        the engine takes them, already checked by the host policy (see ``nlp.execute.run_container``)."""
        engine = self.ops.engines.node(host).engine if host else self.engine
        if engine.image_id(image) is None:
            engine.pull(image, lambda _: None)
        bindings: dict[str, list[dict[str, str]]] = {}
        for port in ports:
            key = f'{port.get("container") or port.get("host")}/{port.get("protocol") or "tcp"}'
            bindings.setdefault(key, []).append({'HostIp': port.get('host_ip') or '', 'HostPort': str(port.get('host') or '')})
        body: dict[str, Any] = {
            'Image': image, 'Env': [f'{k}={v}' for k, v in env.items()], 'ExposedPorts': {k: {} for k in bindings},
            'Labels': {'dockerdeployer.created-by': 'assistant'},
            'HostConfig': {'PortBindings': bindings, 'Mounts': mounts, 'Privileged': privileged,
                           'RestartPolicy': {'Name': restart if restart and restart != 'no' else ''},
                           **({'NetworkMode': network_mode} if network_mode else {}),
                           **({'PidMode': pid} if pid else {})},
        }
        if command:
            body['Cmd'] = command
        name = name or f'{image.split("/")[-1].split(":")[0]}-{int(time.time()) % 100000}'
        container_id = engine.create_container(name, body)
        try:
            engine.start(container_id)
        except DeployerError:
            engine.remove(container_id, force=True)
            raise
        return container_id


class _PlanFailed(DeployerError):
    """Raised inside a plan's record when one of its steps failed, so that the record says
    failed; the caller gets the run's result, not this error."""


def _affected_text(plan: Plan) -> str:
    """"3 containers (web-1 of stack shop, db-1 of stack shop, cache)" and any stacks without containers."""
    boxes = [f'{a.name} of stack {a.stack}' if a.stack else a.name for a in plan.affected if a.kind == 'container']
    empty = [a.name for a in plan.affected if a.kind == 'stack']
    parts = ([f'{count(len(boxes), "container")} ({", ".join(boxes)})'] if boxes else []) + (
        [f'{count(len(empty), "stack")} without containers ({", ".join(empty)})'] if empty else [])
    return ' and '.join(parts)


def _typed_secrets(actions: list[Any], catalog: Catalog) -> list[str]:
    """Values a plan carries that are secrets: a template's secret parameters, a container's
    env values with secret-looking names."""
    values: list[str] = []
    for action in actions:
        if action.type == 'deploy_template':
            try:
                template = catalog.get(action.template)
            except DeployerError:
                continue
            secret = {p.name for p in template.parameters if p.secret}
            values += [str(v) for k, v in action.params.items() if k in secret or SECRET_NAME.search(k)]
        elif action.type == 'run':
            values += [v for k, v in action.env.items() if SECRET_NAME.search(k)]
    return [v for v in values if v]


__all__ = ['AssistantService', 'Preferences', 'action_risk']
