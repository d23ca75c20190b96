"""What the parser resolves names against: a snapshot of the live state (names, images,
stacks, states, templates — never env values or secrets)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from . import regex as re


def repository(image: str) -> str:
    """An image reference without its digest and tag ("ghcr.io/a/b:1.2@sha256:…" -> "ghcr.io/a/b"; a registry's port stays)."""
    image = image.split('@', 1)[0]
    return image.rsplit(':', 1)[0] if ':' in image.rsplit('/', 1)[-1] else image


@dataclass(frozen=True)
class Box:
    """One container as the parser sees it."""
    name: str
    image: str              # as the container was created, e.g. "nginx:1.27"
    state: str              # running, exited, paused, created …
    stack: str | None = None
    service: str | None = None

    @functools.cached_property
    def repo(self) -> str:
        """The image's last path part without tag: "docker.io/library/nginx:1.27" -> "nginx"."""
        name = self.image.split('@', 1)[0]
        if ':' in name.rsplit('/', 1)[-1]:
            name = name.rsplit(':', 1)[0]
        return name.rsplit('/', 1)[-1].lower()


@dataclass(frozen=True)
class TemplateInfo:
    id: str
    title: str
    tags: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    description: str = ''
    params: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()                  # what the form calls each parameter ("Dashboard port")
    choices: tuple[tuple[str, ...], ...] = ()     # each parameter's allowed values, () when free
    descriptions: tuple[str, ...] = ()            # each parameter's help text ("Access key of the root account")
    image_ports: tuple[tuple[str, int], ...] = ()  # (image repo, the port it listens on) from its compose file
    env_params: tuple[tuple[str, str], ...] = ()   # (variable, the parameter that sets it): MINIO_ROOT_USER -> root_user

    @classmethod
    def of(cls, template: Any) -> TemplateInfo:
        """From a catalog template (anything with id, title, tags, keywords, description, parameters)."""
        parameters = tuple(template.parameters)
        return cls(template.id, template.title, tuple(template.tags), tuple(template.keywords), template.description,
                   tuple(p.name for p in parameters), tuple(p.label for p in parameters),
                   tuple(tuple(p.choices) for p in parameters), tuple(p.description for p in parameters),
                   _image_ports(getattr(template, 'compose', None) or {}),
                   _env_params(getattr(template, 'compose', None) or {}, {p.name for p in parameters}))

    def label(self, name: str) -> str:
        return self.labels[self.params.index(name)] if name in self.params and len(self.labels) == len(self.params) else ''

    def description_of(self, name: str) -> str:
        return (self.descriptions[self.params.index(name)]
                if name in self.params and len(self.descriptions) == len(self.params) else '')

    def allowed(self, name: str) -> tuple[str, ...]:
        return self.choices[self.params.index(name)] if name in self.params and len(self.choices) == len(self.params) else ()


def _image_ports(compose: Any) -> tuple[tuple[str, int], ...]:
    """What port each image of a template's compose file listens on: the container side of a port
    published as a parameter ("${port}:3001" -> louislam/uptime-kuma listens on 3001)."""
    found: list[tuple[str, int]] = []
    for service in (compose.get('services') or {}).values() if isinstance(compose, dict) else ():
        image = str(service.get('image') or '') if isinstance(service, dict) else ''
        repo = repository(image)
        for port in service.get('ports') or [] if image else []:
            published = re.fullmatch(r'(?:[\d.]+:)?\$\{\w*port\}:(\d{1,5})(?:/tcp)?', str(port))
            if published:
                found.append((repo.lower(), int(published.group(1))))
                break
    return tuple(found)


def _env_params(compose: Any, names: set[str]) -> tuple[tuple[str, str], ...]:
    """Which parameter sets each variable of a template's compose file, when the variable is that parameter
    and nothing else ("MINIO_ROOT_USER: ${root_user}"): what people who know the image call the setting."""
    found: dict[str, str] = {}
    for service in (compose.get('services') or {}).values() if isinstance(compose, dict) else ():
        environment = service.get('environment') if isinstance(service, dict) else None
        pairs = (environment.items() if isinstance(environment, dict)
                 else (str(e).partition('=')[::2] for e in environment) if isinstance(environment, list) else ())
        for variable, value in pairs:
            said = re.fullmatch(r'\$\{(\w+)(?::?-[^}]*)?\}', str(value).strip())
            if said and said.group(1) in names:
                found.setdefault(str(variable), said.group(1))
    return tuple(found.items())


@dataclass(frozen=True)
class State:
    containers: tuple[Box, ...] = ()
    templates: tuple[TemplateInfo, ...] = ()
    images: tuple[str, ...] = ()
    stacks: dict[str, tuple[Box, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, containers: list[Box], templates: list[TemplateInfo], images: list[str] | None = None,
              extra_stacks: list[str] | None = None) -> State:
        stacks: dict[str, list[Box]] = {name: [] for name in extra_stacks or []}
        for box in containers:
            if box.stack:
                stacks.setdefault(box.stack, []).append(box)
        return cls(tuple(containers), tuple(templates), tuple(images or ()),
                   {k: tuple(sorted(v, key=lambda b: b.name)) for k, v in stacks.items()})

    @functools.cached_property
    def _by_name(self) -> dict[str, Box]:
        index: dict[str, Box] = {}
        for box in self.containers:
            index.setdefault(box.name, box)
        return index

    @functools.cached_property
    def services(self) -> frozenset[str]:
        """The service names of the stacks' containers."""
        return frozenset(b.service for b in self.containers if b.stack and b.service)

    @functools.cached_property
    def joined_names(self) -> frozenset[str]:
        """The names of two or more words that services and images have here ("machine-learning", "nginx-proxy-manager")."""
        counts: dict[str, int] = {}
        for b in self.containers:
            for n in {(b.service or '').lower(), b.repo}:
                if '-' in n or '_' in n:   # "act runner": gitea/act_runner
                    counts[n] = counts.get(n, 0) + 1
        templates = {t.id for t in self.templates}   # "node red" is also a template's name: left to what reads templates
        return frozenset(n for n, c in counts.items() if c == 1 and n not in templates)   # one container's alone

    @functools.cached_property
    def name_words(self) -> frozenset[str]:
        """Every word a live name is made of: container, stack, service and template names, their
        parts ("shop-api-1" -> shop, api, 1) and image repos."""
        words: set[str] = set()
        for name in [*(b.name for b in self.containers), *self.stacks, *self.services, *(t.id for t in self.templates),
                     *(b.repo for b in self.containers)]:
            lowered = name.lower()
            words.add(lowered)
            words.update(p for p in re.split(r'[-_.]', lowered) if p)
        return frozenset(words)

    def container(self, name: str) -> Box | None:
        return self._by_name.get(name)

    def image_port(self, image: str) -> int | None:
        """The port an image listens on, as a template that runs it publishes it."""
        repo = repository(image.lower())
        return next((port for t in self.templates for known, port in t.image_ports
                     if known == repo or known.rsplit('/', 1)[-1] == repo.rsplit('/', 1)[-1]), None)

    def summary(self) -> dict[str, Any]:
        """For an LLM prompt: names, images, stacks and states only."""
        return {
            'containers': [{'name': b.name, 'image': b.image, 'state': b.state,
                            **({'stack': b.stack, 'service': b.service} if b.stack else {})} for b in self.containers],
            'stacks': {name: [b.service or b.name for b in boxes] for name, boxes in self.stacks.items()},
            'templates': [{'id': t.id, 'title': t.title, 'params': list(t.params)} for t in self.templates],
        }
