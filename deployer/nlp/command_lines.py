"""Command lines of other tools said inside a sentence, rewritten into the plain words the rules read: the same
command of another engine ("podman stop cron-03", "nerdctl restart x"), every container at once ("podman start
--all"), a signal ("kill -9 x", "send SIGTERM to x"), an orchestrator's words ("ECS: set the desired count of
x to 2", "roll the gitlab deployment"). Each is one rewrite of the message's text (``rewrites.prepared`` calls
``other_tools``); kubectl's own words are ``kube.said_plainly``'s.
"""
from __future__ import annotations

from . import regex as re
from .intent import names_something
from .state import State

OTHER_ENGINE = re.compile(r'(?:(?<=^)|(?<=^sudo )|(?<=&& )|(?<=; ))(?:podman|nerdctl)\s+(?=[a-z])', re.IGNORECASE)
PODMAN = re.compile(r'\s*(?:sudo\s+)?podman\b', re.IGNORECASE)
EVERY_ONE = re.compile(r'^\s*(?:sudo\s+)?docker\s+(?:container\s+)?(?P<verb>start|stop|restart|pause|unpause|kill)\s+'
                       r'(?:--all|-a)(?=\s*$)', re.IGNORECASE)
ALL_OF = {'start': 'stopped ', 'unpause': 'paused ', 'stop': 'running ', 'restart': '', 'pause': 'running ', 'kill': 'running '}
SIGNAL = re.compile(r'\bkill\s+-(?:9|kill|s\s+kill|sigkill)\b|\bsend\s+(?:a\s+)?(?:sig)?(?:kill|term)\s+'
                    r'(?:signal\s+)?to\b|\bhard[- ]stop\b|\bforce[- ]kill\b', re.IGNORECASE)
ORCHESTRATOR_LEAD = re.compile(r'^\s*(?:ecs|aws|fargate|nomad|k8s|kubernetes)\s*[:,-]\s*', re.IGNORECASE)   # where, said first
DESIRED_COUNT = re.compile(r'\bdesired\s+(?:count|capacity|number\s+of\s+(?:tasks|replicas|instances|copies))\b|'
                           r'\btask\s+count\b', re.IGNORECASE)
FILTER = re.compile(r'(?<![\w-])(?:--filter[=\s]+|-f\s+)?(?:label=com\.docker\.compose\.)?'
                    r'(?P<key>stack|project|container|service|name)'
                    r'\s*[=:]\s*(?P<x>[a-z0-9][\w.-]*)(?=[\s,;.!?]|$)', re.IGNORECASE)
MAKES_NEW = re.compile(r'\b(?:deploy|run|install|create|launch|spin|set\s+up|add|new|rename)\b', re.IGNORECASE)
ROLLED = re.compile(r'^\s*(?:please\s+)?roll\s+(?!back\b|out\b|over\b)(?:the\s+)?(?P<x>[\w.-]+)'
                    r'(?:\s+(?P<kind>deployment|deploy|pods|stack|containers))?\s*[.!]*\s*$', re.IGNORECASE)


def other_tools(text: str, state: State) -> str:
    """The message with each other tool's command line said in the words the rules read."""
    podman = PODMAN.match(text) is not None
    text = OTHER_ENGINE.sub('docker ', text)   # "podman stop cron-03 cron-04": the same command line
    if podman or '--all' in text:   # "podman start --all" (podman's -a too; docker start -a attaches): every one it can
        text = EVERY_ONE.sub(lambda m: f'{m.group("verb")} all {ALL_OF[m.group("verb").lower()]}containers', text)
    text = SIGNAL.sub(lambda m: 'stop' if 'term' in m.group(0).lower() else 'kill', text)   # "kill -9 x", "send SIGKILL to x"
    text = ORCHESTRATOR_LEAD.sub('', text)   # "ECS: …", "nomad - …": the request after it
    if not MAKES_NEW.search(text) and len(re.findall(r'(?<![\w.=-])[a-z_]+=', text, re.IGNORECASE)) < 2:
        # "restart stack=shop", "logs --filter name=shop-web-1": a filter is the thing it names (not an alert's labels)
        text = FILTER.sub(lambda m: m.group(0) if not names_something(m.group('x').lower(), state) else (
            f'stack {m.group("x")}' if m.group('key').lower() in ('stack', 'project') and m.group('x').lower() in state.stacks
            else m.group('x')), text)
    text = DESIRED_COUNT.sub('replicas', text)   # "set desired count of the gitlab runner service to 2"
    return ROLLED.sub(lambda m: m.group(0) if not names_something(m.group('x').lower(), state) else f'restart {m.group("x")}' + (
        ' stack' if m.group('kind') and m.group('x').lower() in state.stacks else ''),
                      text)   # "roll the gitlab deployment": a rolling restart (of the stack)
