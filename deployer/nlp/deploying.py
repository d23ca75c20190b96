"""The embedded parser's handlers for requests that make something new: templates, containers, images.

``parse_deploy`` (a template, with its port and KEY=value parameters and stack name), ``parse_run`` (a
container from an image, with ports, variables, volumes, command and restart policy), ``parse_create``
(which of the two "create …" means), ``parse_pull``, and the helpers ``_stack_name``, ``image_word``
and ``_command``.
"""
from __future__ import annotations

import re
from typing import Any

from ..vocabulary import STACK_NAME_PATTERN, STACK_NAME_RE
from .clause import IMAGE_ALIASES, KNOWN_IMAGES, Clause
from .plan import DeployTemplateAction, PortMapping, PullAction, Question, RunAction, StackAction, VolumeMapping
from .resolve import Resolution, match_template
from .state import State
from .targets import Parsed, add_action, find_targets


def parse_deploy(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
            previous: Resolution | None) -> Resolution | None:
    templates, score = match_template(words, clause.lower, state.templates)
    if score < 5 or not templates:
        if verb in ('deploy', 'up') and (clause.images or image_word(words)):
            return parse_run(clause, state, out, words, 'run', previous)
        if verb in ('deploy',) and any(w in state.stacks for w in words):
            stack = next(w for w in words if w in state.stacks)
            add_action(out, StackAction(op='redeploy', stack=stack), f'redeploy stack {stack}')
            return Resolution(stack=stack)
        if verb in ('need', 'want', 'give') or verb == 'deploy' and not words:
            return previous
        out.questions.append(Question(text='Which template should I deploy? For example: '
                                           + ', '.join(t.id for t in state.templates[:8]),
                                      choices=[f'deploy {t.id}' for t in state.templates[:6]]))
        return None
    if len(templates) > 1:
        out.questions.append(Question(text='Several templates fit: which one?',
                                      choices=[f'deploy {t}' for t in templates[:6]]))
        return None
    template = next(t for t in state.templates if t.id == templates[0])
    params: dict[str, Any] = {}
    if clause.ports:
        port = clause.ports[0]
        if 'port' in template.params:
            params['port'] = port.host
        else:
            out.warnings.append(f'Template {template.id} has no port parameter; the port was not used.')
    for key, value in clause.env.items():
        if key.lower() in template.params:
            params[key.lower()] = value
        else:
            out.warnings.append(f'Template {template.id} has no parameter {key}; it was not used.')
    stack = _stack_name(clause)
    add_action(out, DeployTemplateAction(template=template.id, stack=stack, params=params),
         f'deploy the {template.title} template' + (f' as stack {stack}' if stack else '')
         + ''.join(f', {k} {v}' for k, v in params.items()))
    return Resolution(stack=stack or template.id)


def _stack_name(clause: Clause) -> str | None:
    match = re.search(rf'\b(?:as|named|called|name it|stack name)\s+({STACK_NAME_PATTERN})\b', clause.lower)
    if match and match.group(1) not in ('a', 'the', 'stack', 'an'):
        return match.group(1)
    if clause.quoted:
        candidate = clause.quoted[0].lower()
        if STACK_NAME_RE.match(candidate):
            return candidate
    return None


def image_word(words: list[str]) -> str | None:
    for word in words:
        if word in KNOWN_IMAGES:
            return IMAGE_ALIASES.get(word, word)
    return None


def parse_run(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
         previous: Resolution | None) -> Resolution | None:
    image = clause.images[0] if clause.images else image_word(words)
    name_match = re.search(r'\b(?:named|called|name|as)\s+([A-Za-z0-9][A-Za-z0-9_.-]{0,127})\b', clause.text)
    name = clause.quoted[0] if clause.quoted and re.fullmatch(r'[A-Za-z0-9][A-Za-z0-9_.-]{0,127}', clause.quoted[0]) else (
        name_match.group(1) if name_match and name_match.group(1).lower() not in ('a', 'the', 'an') else None)
    privileged = bool(re.search(r'\bprivileged\b|\bfull access\b|\broot access\b', clause.lower))
    host_network = bool(re.search(r'\bhost network(ing)?\b|\bnetwork(?:_mode)?\s*(?:=|:)?\s*host\b', clause.lower))
    volumes = list(clause.volumes)
    if re.search(r'\b(entire|whole|root|host)\s+(file\s*system|filesystem|disk|drive)\b|\bmount\s+/\s', clause.lower + ' '):
        if not any(v.source == '/' for v in volumes):
            volumes.append(VolumeMapping(source='/', target='/host'))
    if re.search(r'\bdocker\s*socket\b|docker\.sock', clause.lower):
        volumes.append(VolumeMapping(source='/var/run/docker.sock', target='/var/run/docker.sock'))
    ports = []
    for port in clause.ports:
        container_port = port.container or KNOWN_IMAGES.get((image or '').split(':')[0].rsplit('/', 1)[-1]) or port.host
        ports.append(PortMapping(host=port.host, container=container_port, protocol=port.protocol))
    if image is None:
        if ports and all(p.container in (80, 443, 8080) for p in ports):
            image = 'nginx:alpine'
            out.warnings.append('No image was named: nginx:alpine is proposed for a web port; edit the plan to change it.')
        else:
            asks = [what for what, wanted in (('privileged mode', privileged), ("the host's network", host_network),
                                              ("the host's filesystem or Docker socket",
                                               any(v.source == '/' or v.source.endswith('docker.sock') for v in volumes)))
                    if wanted]
            if asks:
                out.warnings.append(f'A container with {" and ".join(asks)} controls the host: the policy refuses it '
                                    'unless allow_privileged is on.')
            out.questions.append(Question(text='Which image should the container run (for example nginx, redis:7, '
                                               'postgres:16)?'))
            return previous
    command = _command(clause)
    restart = next((p for p in ('unless-stopped', 'on-failure', 'always') if p in clause.lower), None)
    if restart is None and re.search(r'\brestart(?:s)?\s+(?:policy\s+)?no\b', clause.lower):
        restart = 'no'
    action = RunAction(image=image, name=name, ports=ports, env=dict(clause.env), volumes=volumes, command=command,
                       restart=restart, privileged=privileged, network_mode='host' if host_network else None)
    add_action(out, action, f'run a new container from {image}' + (f' named {name}' if name else '')
         + ''.join(f', port {p.host}→{p.container}' for p in ports) + (f', {len(action.env)} variables' if action.env else ''))
    return Resolution(containers=[name] if name else [])


def _command(clause: Clause) -> list[str] | None:
    match = re.search(r'\b(?:command|running|that runs|to run|executing)\s+(.+)$', clause.raw, re.IGNORECASE)
    if match and clause.quoted:
        return clause.quoted[-1].split() if len(clause.quoted) > 0 and clause.quoted[-1] in match.group(1) else None
    return None


def parse_pull(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
          previous: Resolution | None) -> Resolution | None:
    image = clause.images[0] if clause.images else None
    stack = next((w for w in words if w in state.stacks), None)
    if image is None and stack:
        add_action(out, StackAction(op='pull', stack=stack), f'pull the images of stack {stack}')
        return Resolution(stack=stack)
    image = image or image_word(words)
    if image is None:
        target = find_targets(clause, state, out, words, previous, verb='pull the image of')
        if target is None:
            return None
        if target.stack:
            add_action(out, StackAction(op='pull', stack=target.stack), f'pull the images of stack {target.stack}')
            return target
        images = sorted({b.image for n in target.containers if (b := state.container(n))})
        for img in images:
            add_action(out, PullAction(image=img), f'pull {img}')
        return target
    add_action(out, PullAction(image=image), f'pull {image}')
    return previous


def parse_create(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
            previous: Resolution | None) -> Resolution | None:
    templates, score = match_template(words, clause.lower, state.templates)
    image = clause.images[0] if clause.images else image_word(words)
    if clause.has('stack', 'stacks') and score >= 5 or (score >= 12 and not clause.has('container') and image is None):
        return parse_deploy(clause, state, out, words, 'deploy', previous)
    if image or clause.ports or clause.has('container'):
        return parse_run(clause, state, out, words, 'run', previous)
    return parse_deploy(clause, state, out, words, 'deploy', previous)
