"""Kubernetes words on a Docker host: what someone used to ``kubectl`` types, said the way this host works.

A namespace is a stack, a pod a container, a deployment a stack's service; ``kubectl get pods -n shop`` is the
status of stack shop, ``rollout restart`` a restart, ``rollout undo`` a rollback, ``scale deploy web
--replicas=0 -n shop`` a scale of shop's web, ``logs -f x --tail=20`` the logs of x, ``delete pod x`` a restart
(its controller would make it again), ``describe`` and ``top`` a status. A ``kubectl`` command with no
equivalent here (``apply``, ``exec``, ``drain`` …) is said to have none, and nothing is planned.
"""
from __future__ import annotations

from typing import Any

from . import regex as re

IC = re.IGNORECASE

PREFIX = re.compile(r'^\s*(?:sudo\s+)?(?:kubectl|microk8s\s+kubectl|k3s\s+kubectl|(?:k|kc|kube)(?=\s+(?:get|logs|describe|'
                    r'rollout|scale|top|apply|exec|port-forward|drain|cordon|config)\b))\s+(?=[a-z-])',
                    IC)   # "k get pods"; not "k, run the backup"

# a kubectl line without its program: "get all -n shop", "get ns -o wide", "rollout restart deploy -n metrics"
BARE = re.compile(r'^\s*(?:get\s+(?:ns|namespaces?|pods?|po|all|deploy(?:ments?)?|svc)\b|'
                  r'rollout\s+(?:restart|undo|history|status)(?=\s+(?:deploy(?:ments?)?|sts|ds)\b|\s+-|\s*$|\s+[\w-]+/)|describe\s+(?:pod|po|deploy(?:ment)?|svc|ns)\b|top\s+pods?\b|'
                  r'(?:get|describe|scale|rollout|top|delete|logs)\s.*\s(?:-n|--namespace)[\s=][a-z][\w.-]*)', IC)
NAMESPACE_FLAG = re.compile(r'\s(?:-n|--namespace)(?:\s+|=)([a-z][\w.-]*)', IC)
NOISE = re.compile(r'\s(?:-o|--output)(?:\s+|=)\S+|'
                   r'\s(?:-A|--all-namespaces|-w|--watch|--wide|--show-labels|-it|-i|-t)(?=\s|$)', IC)
KINDS = r'(?:deploy(?:ments?)?|pods?|po|svc|services?|sts|statefulsets?|rs|replicasets?|ds|daemonsets?)'
SLASHED = re.compile(rf'\b{KINDS}/([\w.-]+)', IC)                       # "deploy/broker"
# the same in a sentence, not an image's path ("run services/app:1", "pull pods/tool"): a kind only kubectl says
KIND_SLASH_SAID = re.compile(rf'(?<![\w./-]){KINDS.replace("|services?", "")}/([\w.-]+)(?![\w.-]*[:/@])', IC)
# what follows one kubectl command: a filter of its output, or the next request
AFTER_COMMAND = re.compile(r'\s*\|\s*grep\b|\s*,\s*(?:and\s+)?then\b|\s*;\s*|\s+(?:and\s+)?then\b', IC)
KIND_THEN_NAME = re.compile(rf'^{KINDS}\s+(?!-)([\w.-]+)', IC)           # "deploy app …"
REPLICAS = re.compile(r'\s--replicas(?:\s+|=)(\d{1,3})\b', IC)
LOG_FLAGS = re.compile(r'\s(?:-f|--follow|--tail(?:\s+|=)(\d+)|--since(?:\s+|=)(\d+[smhd])|-p|--previous|'
                       r'--timestamps|-c\s+[\w.-]+|--all-containers)(?=\s|$)', IC)
NO_EQUIVALENT = {'apply', 'exec', 'port-forward', 'cordon', 'uncordon', 'drain', 'config', 'create', 'edit', 'patch', 'cp',
                 'attach', 'auth', 'taint', 'label', 'annotate', 'expose', 'run', 'set', 'proxy', 'replace', 'wait',
                 'debug', 'certificate', 'api-resources', 'cluster-info', 'version', 'explain', 'autoscale', 'kustomize'}

# kinds of object this host has no equivalent of (get, describe or delete them plans nothing)
NO_KIND_HERE = frozenset({'ingress', 'ingresses', 'ing', 'secret', 'secrets', 'configmap', 'configmaps', 'cm', 'node', 'nodes',
                          'no', 'events', 'event', 'ev', 'crd', 'crds', 'hpa', 'cronjob', 'cronjobs', 'cj', 'job', 'jobs',
                          'sa', 'serviceaccount', 'serviceaccounts', 'role', 'roles', 'rolebinding', 'rolebindings',
                          'clusterrole', 'clusterroles', 'networkpolicy', 'networkpolicies', 'netpol', 'storageclass',
                          'storageclasses', 'sc', 'endpoints', 'ep', 'lease', 'leases'})
# the same words said in a sentence: "what's running in the git namespace", "rollout restart every deployment in
# immich", "restart all pods in namespace analytics", "undo the last rollout in nextcloud"
SAID: tuple[tuple[re.Pattern[str], Any], ...] = (
    (re.compile(r'\b(?:do\s+)?(?:an?\s+)?rollout\s+restart(?:\s+(?:of|on))?\b', IC), 'restart'),
    (re.compile(r'\b(?:do\s+)?(?:an?\s+)?rollout\s+undo(?:\s+(?:of|on))?\b|\bundo\s+the\s+(?:last\s+)?rollout(?:\s+(?:of|on|in))?\b',
                IC), 'roll back'),
    (re.compile(r'\b(?:show\s+(?:me\s+)?)?(?:the\s+)?rollout\s+history(?:\s+(?:of|for|in))?\b', IC), 'show the history of'),
    (re.compile(r'\bin\s+(?:the\s+)?namespace\s+([\w.-]+)', IC), r'in the \1 stack'),
    (re.compile(r'\b(every|each)\s+pods?\b|(?<=restart\s)(every|each)\s+deployments?\b', IC),
     lambda m: f'{m.group(1) or m.group(2)} container'),   # not "a record of all deployments": those are deploys
    (re.compile(r'\b(all(?:\s+the)?)\s+pods\b|(?<=restart\s)(all(?:\s+the)?)\s+deployments\b', IC),
     lambda m: f'{m.group(1) or m.group(2)} containers'),
    (re.compile(r'(?<!pid\s)(?<!ipc\s)(?<!uts\s)(?<!user\s)(?<!network\s)(?<!net\s)(?<!mount\s)(?<!host\s)(?<!host\'s\s)'
                r'\bnamespaces\b', IC), 'stacks'),   # not the kernel's: "the host's pid namespace"
    (re.compile(r'(?<!pid\s)(?<!ipc\s)(?<!uts\s)(?<!user\s)(?<!network\s)(?<!net\s)(?<!mount\s)(?<!host\s)(?<!host\'s\s)'
                r'\bnamespace\b', IC), 'stack'),
    (re.compile(r'\bpods\b', IC), 'containers'),
    (re.compile(r'\bpod\b', IC), 'container'),
)


def said_plainly(text: str) -> tuple[str, str | None]:
    """``text`` in this host's words, and a note when a kubectl command has no equivalent here (then the text
    is not to be planned)."""
    prefix = PREFIX.match(text)
    if prefix or BARE.match(text):
        line = text[prefix.end():] if prefix else text
        after = AFTER_COMMAND.search(line)   # "kubectl logs x --tail 100, then restart it", "kubectl logs x | grep FATAL"
        said, note = _command(line[:after.start()] if after else line)
        return (f'{said}{line[after.start():]}' if after and said else said), note
    text = KIND_SLASH_SAID.sub(r'\1', text)   # "restart svc/api-02", "logs of deploy/broker": the thing named after it
    if not re.search(r'\b(?:namespaces?|pods?|rollout|deployments?)\b', text, IC):
        return text, None
    for pattern, plain in SAID:
        text = pattern.sub(plain, text)
    return text, None


def _command(line: str) -> tuple[str, str | None]:
    """One kubectl command line (its program left off) as a request."""
    line = ' ' + ' '.join(line.split())
    namespace = NAMESPACE_FLAG.search(line)
    line = NOISE.sub('', NAMESPACE_FLAG.sub('', line))
    words = line.split()
    if not words:
        return line.strip(), None
    verb = words[0].lower()
    if verb in NO_EQUIVALENT:
        return '', (f'"kubectl {verb}" has no equivalent on this Docker host: nothing was planned. Stacks are changed '
                    'through their compose files (the stack page), containers by name ("restart x", "open a shell in x").')
    rest = ' '.join(words[1:])
    replicas = REPLICAS.search(' ' + rest)
    rest = REPLICAS.sub('', ' ' + rest).strip()
    flags = [m for m in LOG_FLAGS.finditer(' ' + rest)]
    rest = LOG_FLAGS.sub('', ' ' + rest).strip()
    if verb == 'rollout' and rest:
        verb, rest = f'rollout {rest.split()[0].lower()}', ' '.join(rest.split()[1:])
    slashed = SLASHED.search(rest)
    named = slashed or KIND_THEN_NAME.match(rest)
    name = named.group(1) if named else next((w for w in rest.split() if not re.fullmatch(KINDS + r'|all|ns|namespaces?', w, IC)),
                                             None)
    ns = namespace.group(1) if namespace else None
    target = (f'{ns} {name}' if ns and name and not name.lower().startswith(ns.lower() + '-') else name) or (
        f'the {ns} stack' if ns else None)
    kind = rest.split()[0].lower().split('/')[0] if rest.split() else ''
    if verb in ('get', 'describe', 'delete') and kind in NO_KIND_HERE:
        return '', (f'"kubectl {verb} {kind}" has no equivalent on this Docker host: nothing was planned. Volumes, '
                    'networks and images have their own pages; settings live in each stack\'s compose file.')
    if verb == 'get':
        if re.match(r'(?:ns|namespaces?)\b', rest, IC) or re.fullmatch(r'deploy(?:ments?)?', rest, IC):
            return 'list stacks', None
        if re.match(r'(?:pvc?|persistentvolume(?:claim)?s?)\b', rest, IC):
            return 'list volumes', None
        return (f'show the status of {target}' if target else 'list containers'), None
    if verb in ('describe', 'top'):
        return (f'show the status of {target}' if target else 'show the system status'), None
    if verb == 'logs' and target:
        tail = next((m.group(1) for m in flags if m.group(1)), None)
        since = next((m.group(2) for m in flags if m.group(2)), None)
        follow = any(m.group(0).strip() in ('-f', '--follow') for m in flags)
        return (f'show the logs of {target}' + (f' last {tail} lines' if tail else '') + (f' since {since}' if since else '')
                + (' and follow them' if follow else '')), None
    if verb == 'scale' and target and replicas:
        return f'scale {target} to {replicas.group(1)}', None
    if verb == 'delete' and target and re.match(r'(?:pods?|po)\b', rest, IC):
        return f'restart {target}', None   # a pod deleted is made again by its controller: here, a restart
    if verb == 'delete' and (re.match(r'(?:pvc?|persistentvolume(?:claim)?s?)\b', rest, IC) or '--all' in line):
        return '', ('"kubectl delete" of volumes or of everything has no equivalent here: nothing was planned. Remove a '
                    'stack by name ("remove the crm stack"), and its volumes with it only when you say so.')
    plain = {'rollout restart': 'restart', 'rollout undo': 'roll back', 'rollout history': 'show the history of',
             'rollout status': 'show the status of', 'delete': 'remove', 'restart': 'restart', 'stop': 'stop',
             'start': 'start'}.get(verb)
    if plain and target:
        return f'{plain} {target}', None
    return line.strip(), None
