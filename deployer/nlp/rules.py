"""The embedded parser: plain requests to action plans, offline, in well under a millisecond.

It reads what people type — verbs and their synonyms, typos, politeness, several requests in
one sentence, numbers, durations, ports, images, KEY=value pairs — and resolves every name
against the live state. It never guesses between equally good candidates (it asks) and never
invents a target. Shell syntax is never passed on: only the plain request before it is read.

This module is the entry point — ``parse(command, state) -> Parsed``: it cuts shell syntax off,
splits the command into clauses, finds each clause's verb (phrases, synonyms, typos) and hands the
clause to its handler. The rest of the parser lives beside it:

* ``clause`` — the vocabulary and the ``Clause`` text model (quotes, KEY=value, ports, volumes,
  images, words and numbers of one request);
* ``targets`` — the ``Parsed`` result, ``add_action`` and the resolution of whom a request is about;
* ``queries`` — logs, list, status and history;
* ``deploying`` — deploy a template, run a container, create, pull;
* ``lifecycle`` — start/stop/restart/pause/kill, remove, update, scale, rollback, redeploy;
* ``repair`` — self-corrections ("stop a and b - wait, no, just a"): what is taken back is never done;
* ``framing`` — what a request is wrapped in (letters, courtesy, fragments, versions in words).
"""
from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from .clause import (
    ALL_WORDS,
    ANAPHORS,
    ATTRIBUTES,
    FILLER,
    FUZZY_VERBS,
    GREP_STEMS,
    HISTORY_WORDS,
    KINDS,
    KNOWN_IMAGES,
    LOG_WORDS,
    NUMBER_WORDS,
    PHRASES,
    QUESTION_STARTS,
    STATES,
    STATUS_WORDS,
    VERBS,
    Clause,
    content_word,
)
from .deploying import (
    DESCRIBED,
    image_word,
    parse_create,
    parse_deploy,
    parse_pull,
    parse_run,
    port_said,
    restart_in_words,
    template_params,
    versioned_image,
)
from .described import GENERIC as GENERIC_WORDS
from .described import described
from .framing import unwrapped, versions_in_words
from .lexicon import COMMON
from .lifecycle import (
    counted_service,
    parse_lifecycle,
    parse_redeploy,
    parse_remove,
    parse_rollback,
    parse_scale,
    parse_update,
    scale_pairs,
)
from .phrasing import SPOKEN_TENS, SPOKEN_UNITS, WANTED_OBJECT, WANTED_STATE, rewrite, same_as_before, wanted_verb
from .plan import READ_TYPES, ContainerAction, DeployTemplateAction, ListAction, LogsAction, Question, StackAction, StatusAction
from .queries import (
    SORT_WORDS,
    asks_for_console,
    image_filters,
    parse_console,
    parse_exec,
    parse_history,
    parse_list,
    parse_logs,
    parse_status,
)
from .repair import corrected, withdrawn
from .resolve import Resolution, close_enough, damerau, match_template, one_stack, resolve, service_word
from .state import State
from .targets import Parsed, add_action, find_targets, names_in

__all__ = ['Clause', 'Parsed', 'parse']


SHELL = re.compile(r'&&|\|\||;|`|\$\(|\|\s*\w|>\s*\S|<\s*\S|\brm\s+-\w*[rf]|\bsudo\b|\bchmod\b|\bcurl\b.*\|')
GREP_PIPE = re.compile(r'\s*\|\s*grep\s+(?:-i\s+)?("[^"|;&`$]{1,80}"|\'[^\'|;&`$]{1,80}\'|[\w.:-]+)\s*$', re.IGNORECASE)
CLAUSE_SPLIT = re.compile(r'\s*(?:,\s*(?:and\s+)?then\b|\band then\b|\bthen\b|\bafter that\b|\bafterwards\b|'
                          r',?\s*(?:and\s+)?(?:finally|lastly|subsequently)\b|,?\s*followed by\b|,?\s*and next\b|\.\s+|'
                          r'(?<=[?!])\s+|'
                          r',?\s*(?:and\s+)?follow(?:ed)?\s+(?:it\s+|that\s+)?up\s+with\b)\s*',
                          re.IGNORECASE)
WAIT = re.compile(r'(?:,\s*|\s+)(?:and\s+)?(?:then\s+)?wait\b(?:\s+for\s+(?:it|them|that))?'
                  r'(?:\s+(?:a\s+)?(?:bit|moment|second|sec|few\s+seconds|minute|min))?\s*(?:,\s*)?(?=then\b|$)',
                  re.IGNORECASE)
# "wait 60 seconds", "give it 10 seconds", "sleep 10s", "with 10 seconds between them": the plan has no
# pause of its own — its steps run one after the other, each once the one before has finished
PAUSE = re.compile(r'(?:,\s*|\s+)(?:and\s+)?(?:then\s+)?(?:wait(?:\s+for)?|sleep|pause\s+for|give\s+(?:it|them)|'
                   r'let\s+(?:it|them)\s+(?:rest|settle)\s+(?:for\s+)?)\s+(?:about\s+)?(?:\d+|an?|one|two|three|five|'
                   r'ten|thirty|sixty|a\s+few|a\s+couple(?:\s+of)?)\s*(?:seconds?|secs?|s|minutes?|mins?|m)\b'
                   r'(?:\s+before\s+(?=\w+ing\b))?\s*,?\s*(?:and\s+)?(?:then\b)?', re.IGNORECASE)
BETWEEN = re.compile(r'\s+(?:with|and\s+wait|waiting|leaving)\s+(?:about\s+)?(?:\d+|a\s+few)\s*(?:seconds?|secs?|s|minutes?|'
                     r'mins?|m)\s+(?:in\s+)?between(?:\s+(?:them|each|each\s+one|the\s+two))?\b', re.IGNORECASE)
# "and once it is down, start x", "once that is done redeploy it", "as soon as it is up show …"
ONCE = re.compile(r'(?:,\s*|\s+)(?:and\s+)?(?:once|when|as\s+soon\s+as|after)\s+(?:it|that|this|they|those|both|all)'
                  r'(?:\s+(?:is|are|has|have|was|were)|\'s|\'re)?(?:\s+(?:been|come|came|gone|got|fully))?\s+(?:back\s+)?'
                  r'(?:down|up|done|finished|stopped|started|running|ready|complete|completed|over|healthy|through|'
                  r'online|offline|back|off|on)\b\s*,?\s*(?:then\b)?', re.IGNORECASE)
# "unpause it in 1 minute": the plan has no timer either
LATER = re.compile(r'\s+(?:in|after)\s+(?:about\s+)?(?:\d+|an?|one|two|five|ten|a\s+few|a\s+couple(?:\s+of)?)\s*'
                   r'(?:seconds?|secs?|minutes?|mins?|hours?)\b(?=\s*(?:$|[,.;]|then\b|and\b))|'
                   r'(?:\s*,\s*|\s+)(?:and\s+|it\s+will\s+be\s+|it\'ll\s+be\s+)?back\s+(?:up\s+|online\s+)?in\s+(?:about\s+)?'
                   r'(?:\d+|an?|one|two|five|ten|a\s+few)\s*(?:seconds?|secs?|minutes?|mins?|m|hours?|h)?\b(?=\s*(?:$|[,.;!]))',
                   re.IGNORECASE)   # "take x down for maint, back in 20": said of later, no timer here
# a deadline says when, not what: "we need gitea reachable on 8088 by end of day"
DEADLINE = re.compile(r"\s+(?:by|before)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:day|week|month|sprint)|eod|eow|cob|tonight|"
                      r"tomorrow(?:\s+(?:morning|noon|evening))?|noon|lunch(?:time)?|the\s+weekend|(?:mon|tues|wednes|thurs|fri|"
                      r"satur|sun)day)\b", re.IGNORECASE)
# "stop mailer; start vpn": a semicolon before a request of ours is a separator; before a shell command, shell
SHELL_WORDS = {'rm', 'sudo', 'curl', 'wget', 'sh', 'bash', 'zsh', 'reboot', 'shutdown', 'docker', 'chmod', 'chown', 'mkfs',
               'dd', 'cat', 'echo', 'eval', 'exec', 'kill', 'killall', 'pkill', 'python', 'perl', 'nc', 'mv', 'cp', 'halt',
               'poweroff', 'init', 'systemctl', 'service', 'apt', 'yum', 'crontab', 'export', 'source', 'exit'}
DONE_FIRST = re.compile(r"^\s*(?:once|when|after)\s+(?:you(?:'re|\s+are|'ve|\s+have)?\s+)?(?:done|finished|through)\s+"
                        r"(?=\w+ing\b)", re.IGNORECASE)
# numbered steps: "step 1: x; step 2: y", "1) x 2) y", "first x, second y"
# a step said to come before the one just said: "…, and before you do, check its status", "redeploy shop. before that,
# pull the new images", "…, but first show me its logs"
BEFORE_THAT = re.compile(r'\s*(?:[,.;]|\s[-–—]+)?\s*\b(?:(?:but|and)\s+)?(?:before\s+(?:(?:you|we)\s+(?:do|start|begin)'
                         r'(?:\s+(?:that|it|so|this))?|that|this|doing\s+(?:that|so|it|this)|anything\s+else)|but\s+first|'
                         r'but\s+before(?=\s*,?\s+[a-z]))'
                         r'\s*,?\s+(?P<step>[^,.;]+)', re.IGNORECASE)
NUMBERED = re.compile(r'(?:^|[\s,;]+)(?:step\s*\d{1,2}\s*[:.)-]|\(\s*\d{1,2}\s*\)|\d{1,2}\s*[).]|\d{1,2}\s*:(?!\d)|\d{1,2}/|'
                      r'[•·▪‣◦*](?=\s)|\(?[a-f]\)|'
                      r'(?:second|third|fourth|fifth)(?:ly)?\s*(?:[,:]|\s[-–—])?)(?=\s+[A-Za-z])', re.IGNORECASE)
# "stop jellyfin and after 5 seconds start it": a delay before the next step (the plan has no timer)
DELAY = re.compile(r'(?:\s*,\s*|\s+)(?:and\s+)?(?:then\s+)?(?:after|in)\s+(?:about\s+)?(?:\d+|an?|one|two|five|ten|a\s+few)\s*'
                   r'(?:seconds?|secs?|s|minutes?|mins?|m)\b\s*,?\s*(?:then\s+)?(?=(?:restart|start|stop|pause|unpause|kill|'
                   r'remove|show|check|redeploy|run|bring|turn|resume)\b)', re.IGNORECASE)
CONDITION = re.compile(r'\s*,?\s*\bif\s+(?:needed|necessary|required|need\s+be|so|you\s+(?:have\s+to|must|can)|'
                       r"(?:it|they)(?:'s|\s+is|\s+are|'re)\s+(?:not\s+)?(?:down|up|running|stopped|stuck|broken|unhealthy)|"
                       r'there\s+are\s+(?:any\s+)?(?:errors|problems|issues))\b', re.IGNORECASE)
IN_ORDER = re.compile(r',?\s*\b(?:one\s+after\s+(?:the\s+)?other|in\s+(?:that|this|the\s+same)\s+order|in\s+order|one\s+by\s+one|'
                      r'one\s+at\s+a\s+time|sequentially|consecutively)\b', re.IGNORECASE)


TAKEN_PORT = re.compile(r"(?:\b(?:the\s+)?port\s+)?(?<![\w:])\d{2,5}\s+(?:is|'s|are|was)\s+(?:already\s+)?(?:taken|busy|in\s+use|"
                        r"used|occupied|not\s+free|blocked|reserved)(?:\s+(?:here|already|on\s+this\s+\w+))?\b\s*[,;.]?\s*"
                        r"(?:(?:so|then|therefore)\s*,?\s*)?", re.IGNORECASE)


# targets ranked by the order they go in: "a first, b second and c last", "web first, api next"
RANKED = re.compile(r'\s+(?:first|second|third|fourth|fifth|next|last|after(?:wards)?)\b\s*(?:,\s*(?:and\s+)?|\s+and\s+|'
                    r'(?=\s*[.!]?\s*$))', re.IGNORECASE)
RANKED_FIRST = re.compile(r'\s[\w.-]+\s+first\s*,\s*(?:and\s+)?(?:then\s+)?[\w.-]+\s+(?:second|next|last|after)\b', re.IGNORECASE)


def _one_by_one(text: str) -> str:
    """"restart a, b and c in that order": each target its own step, in the order said."""
    def split(clause: str) -> str:
        if not IN_ORDER.search(clause):
            return clause
        return re.sub(r'\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*', ' then ', IN_ORDER.sub('', clause)).strip()
    return ', then '.join(split(c) for c in re.split(r'\s*,\s*then\s+|\s+then\s+', text))


BEFORE = re.compile(r'^(?P<first>.+?)\s+before\s+(?P<second>\w+ing\b.*)$', re.IGNORECASE)
BEFORE_YOU = re.compile(r'^(?P<first>.+?)\s+before\s+(?:you|we|u)\s+(?:go\s+(?:ahead\s+)?and\s+|do\s+|can\s+)?'
                        r'(?P<second>[\w-]+\b.*)$', re.IGNORECASE)
AFTER = re.compile(r'^(?P<first>.+?)\s+(?:after|once)\s+(?P<second>\w+ing\b.*)$', re.IGNORECASE)


def parse(command: str, state: State) -> Parsed:
    out = Parsed()
    text = ' '.join(command.split())
    text = re.sub(r'\s+&\s+', ' and ', text)   # "stop x & show what's still up" (a shell's && stays: it is cut below)
    text = re.sub(r"\b(i|we)\s*['’]d\s+(like|love)\s+(?=(?:an?|some|one)\s)", r'\1 would \2 ', text,
                  flags=re.IGNORECASE)   # "I'd like a wordpress blog called x": a thing wanted
    text = re.sub(r"\b(?:that\s+|which\s+|where\s+)?(?:lets|let|allows?|where)\s+(?P<u>[\w.@-]+)\s+(?:to\s+|can\s+)?log\s*in\s+"
                  r"(?:with|using)\s+(?:the\s+)?(?:password|pw|pass)\s+", r'with user \g<u> password ', text,
                  flags=re.IGNORECASE)   # "a mysql 8 that lets wiki log in with the password x"
    text = re.sub(r'(?<![\w.:])(\d{2,5})\s*(?:->|→|=>)\s*(\d{1,5})\b', r'\1:\2', text)   # "9000->80": a port pair, no redirection
    text = re.sub(r'\b([a-z]+)\+([a-z]+)\b', lambda m: f'{m.group(1)} and {m.group(2)}' if m.group(1).lower() in VERBS
                  and m.group(2).lower() in VERBS else m.group(0), text, flags=re.IGNORECASE)   # "pull+redeploy auth"
    text = re.sub(r'\s*;\s*(?=(?:and\s+)?(?:set|with|using|env|environment|port|ports|name|named|call\s+it|password|user|'
                  r'volume|mount|restart\s+policy|expose|publish|map)\b)', ', ', text,
                  flags=re.IGNORECASE)   # "run nginx; set APP_ENV to x"
    text = re.sub(r'\baswell\b', 'as well', text, flags=re.IGNORECASE)
    text = re.sub(r'\s+as\s+well\b(?=\s*(?:$|[.!,;]))', ' too', text, flags=re.IGNORECASE)   # "… traefik as well": too
    text = re.sub(r'\b(?:and\s+)?(?:likewise|similarly|equally)\s+(?=[\w.-]+\s*(?:$|[.,;!]))', 'and ', text,
                  flags=re.IGNORECASE)   # "pause cache-03 and likewise search-1"
    text = _expand_abbreviations(text, state)
    text = _template_spellings(text, state)
    text = _spelled(text, state)
    text = re.sub(r"\b(can|could|would|will)\s+(?:someone|somebody|anyone|anybody|you\s+guys|y'all|ya)\b", r'\1 you', text,
                  flags=re.IGNORECASE)   # "can someone set up pihole for the team?": a request to us
    if same_as_before(text):
        out.questions.append(Question(text='Which request do you mean? I read each message on its own: say what to do.'))
        return out
    if len(re.findall(r"(?<![A-Za-z])'|'(?![A-Za-z])", text)) % 2:   # a stray quote ("stop the shop db' && …"): not a quote
        text = re.sub(r"(?<=\w)'(?=\s|$)|(?<=\s)'(?=\w)", '', text, count=1)
    if withdrawn(text):   # "remove mailer - wait, no": the whole request taken back, nothing is planned
        out.warnings.append(f'Not done, as asked: you took "{text.strip()[:80]}" back.')
        return out
    text, repaired = corrected(text, lambda word: _names_something(word, state))
    if repaired:   # "stop a and b - wait, no, just a": what the person took back is never done
        out.warnings.append(repaired)
    text = unwrapped(text, lambda word: _names_something(word, state))   # letters, courtesy, fragments, lists
    text = rewrite(_spoken_apart(text, state))   # "next cloud" is nextcloud before "next" can mean then
    text = described(text, state)   # "the ad blocker", "my media server": the software that runs here
    text = re.sub(r'(?<=[A-Za-z0-9])\s*:\s+(?=[A-Za-z])', ' : ', text)   # "keycloak: restart it": the name, not "keycloak:"
    text = _lists_of_names(_distributed(text, state), state)
    text = NOT_IN_PARENS.sub(lambda m: f' except {m.group("what")}' if _names_something(m.group('what').lower(), state)
                             else m.group(0), text)   # "restart shop (prod, not staging)"
    text = NOT_THIS.sub(lambda m: f' except {m.group("what")}' if _names_something(m.group('what').split()[-1].lower(), state)
                        else m.group(0), text)   # "restart web-01, not web-02": web-02 is left out, never added
    text = _wanted_template(text, state)
    text = re.sub(r'(?<![\w/])w/(?=\s)', 'with', text)   # "mysql w/ phpmyadmin"
    text = re.sub(r'[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]+', ' ', text)   # emoji say how, not what
    text = re.sub(r"\bunless\s+(?:i|we|you|u|someone|somebody)\s+(?:explicitly\s+|manually\s+|deliberately\s+)?stops?\s+"
                  r"(?:it|them)(?:\s+(?:myself|ourselves|by\s+hand|manually))?\b", 'unless-stopped', text,
                  flags=re.IGNORECASE)   # "a container that comes back on its own unless I stop it": a policy, no stop
    text = re.sub(r'\b(?:make|do)\s+(?:a\s+|the\s+)?(restart|redeploy|rollback|update|pull|stop|start|reboot)\s*'
                  r'(?=$|[,.;!]|\s+(?:then|and|after|afterwards|now|please|pls)\b)', r'\1 it', text,
                  flags=re.IGNORECASE)   # "pull the images of x and make redeploy after", "then make restart"
    text = re.sub(r'\b(give|show|send|tell)\s+(me\s+)?after\s+(?=(?:the|its|his|her|their)\b)', r'then \1 \2', text,
                  flags=re.IGNORECASE)   # "restart x and give me after the log": afterwards, said as "after"
    text = re.sub(r'^(\s*(?:please\s+)?[a-z]+(?:\s+me)?)\s+before\s+(?=(?:the|its|his|her|their)\b)', r'\1 ', text,
                  flags=re.IGNORECASE)   # "show me before the logs of x, then …": first, said as "before"
    text = re.sub(r'\b(?P<what>lines?|log\s+lines|entries|messages)\s+(?:that\s+|which\s+)?(?P<who>it|they|[\w.-]+)\s+'
                  r'(?:has\s+|have\s+)?(?:logged|printed|wrote|written|output|produced|emitted|spat\s+out|spit\s+out)\b',
                  r'\g<what> of \g<who>', text, flags=re.IGNORECASE)   # "the last 500 lines it logged": its logs
    text = re.sub(r'\blmk\b', 'let me know', text, flags=re.IGNORECASE)   # "bounce x then lmk if its up"
    text = re.sub(r'\b(?:lol|lmao|smh|rn|asap|tia|fyi|btw|imo|idk|ty|ppl\s+are\s+\w+)\b', ' ', text, flags=re.IGNORECASE)
    if RANKED_FIRST.search(text):   # "restart a first, b second and c last": each its own step, in that order
        text = re.sub(r'(?:\s+then)+\s*([.!]?)\s*$', r'\1', RANKED.sub(' then ', text)).strip()
    text = re.sub(r'(?<=\w)\s+(?:after|afterwards|after\s+that|afterward)\s*([.!]?)\s*$', r'\1', text,
                  flags=re.IGNORECASE)   # "kick x and send me the last 20 lines after"
    text = re.sub(r'^\s*for\s+(?:the|an?|our|my)\s+(?:\w+\s+){0,2}?\w+\s*,\s*'
                  r'(?=(?:please\s+)?(?:list|show|which|what|give|tell)\b)', '',
                  text, flags=re.IGNORECASE)   # "For the audit, list every image on this server"
    text = re.sub(r'\bback\s+to\s+life\b', 'back up', text, flags=re.IGNORECASE)   # "bring it back to life"
    text = re.sub(r'\b(?:on|in)\s+(?:this|the|my|our)\s+(?:own\s+|home\s+)?(?:box|server|machine|host|system)\b(?!\s+network)',
                  ' ', text,
                  flags=re.IGNORECASE)   # "list the images on this box"
    text = re.sub(r'\s+([?!])', r'\1', text)
    text = ' '.join(versions_in_words(_numbers_in_words(text)).split())
    taken_port = TAKEN_PORT.search(text)
    if taken_port:   # "port 3000 is taken so use 3003", "3001 is busy, so put node-red on 5050": not that port
        text = re.sub(r'\b(?:use|pick|take|choose|try)\s+(?:port\s+)?(\d{2,5})\b', r'on port \1', TAKEN_PORT.sub(' ', text),
                      flags=re.IGNORECASE)
    text = re.sub(r'\s+and\s+(?:then\s+)?(its|their)\s+(status|logs?|history|health|stats)\b', r', then show \1 \2', text,
                  flags=re.IGNORECASE)   # "jellyfin restarted and its status afterwards"
    text = _goals(text)
    text = re.sub(r"(?:^|(?<=[,.;]\s))\s*(?:i|we)\s+(?:think|guess|believe|suppose|reckon|figure)\s+(?:that\s+)?"
                  r"(?=(?:i|we|you|u)\s+(?:need|should|must|have\s+to|want|gotta|could|can|ought)\b)", '', text,
                  flags=re.IGNORECASE)   # "I think I need to start syncthing again": the request
    text = re.sub(r'\b(?:be\s+)?so\s+kind\s+(?:as\s+)?to\b|\s*,?\s*\bif\s+you\s+(?:would|could|can|may|please|don\'t\s+mind)\b',
                  ' ', text, flags=re.IGNORECASE)   # "would you be so kind as to show …, if you would"
    text = re.sub(r'^\s*(?:let\'?s\s+|please\s+)?(?:begin|start)\s+with\s+(?=(?:the\s+|a\s+look\s+at\s+)?(?:logs?|status|'
                  r'history|output)\b)', 'show ', text, flags=re.IGNORECASE)   # "begin with the logs of db-03, then …"
    text = BEFORE_THAT.sub(lambda m: f', then {_step_first(m.group("step"))}' if m.start() and _starts_request(
        re.sub(r'^(?:(?:please|pls|can\s+you|could\s+you|would\s+you|go\s+and)\s+)*', '', m.group('step').lower()).split()[0])
        else m.group(0), text)   # "stop x, but before you do, show me its status", "redeploy y. before that, pull …": that first
    text = re.sub(r'\s+(?:beforehand|before\s+that|before\s+(?:you\s+do|doing)\s+(?:it|so|that|this))\s*(?=$|[.!;,])', ' first',
                  text, flags=re.IGNORECASE)   # "roll metrics back, but show me its history beforehand"
    if not re.match(r'\s*(?:docker\s+(?:compose\s+)?)?exec', text, re.IGNORECASE):   # a command's pipe stays a pipe (cut below)
        text = GREP_PIPE.sub(r' containing \1', text)   # "docker logs web | grep fatal": a filter of the logs, not a pipe
    text = re.sub(r'\b(?:an?\s+)?(?:fresh|new|clean|newer|updated|current)\s+(?:copy|copies|version|download)\s+of\s+'
                  r'(?=(?:its|their|the|his|her)\b)', '', text, flags=re.IGNORECASE)   # "pull a fresh copy of its image"
    text = re.sub(r'\s+/\s+(?=([\w-]+))', lambda m: ', then ' if _starts_request(m.group(1).lower()) else m.group(0),
                  text)   # "stop tool-01 / pull its image / start it": one step after the other
    text = re.sub(r'\s+(?:->|→|=>)\s+(?=([\w-]+))', lambda m: ', then ' if _starts_request(m.group(1).lower()) else ' to ',
                  text)   # "rabbitmq -> stack team-wiki": to; "restart web -> show logs": then (never a redirection)
    text = NUMBERED.sub(lambda m: m.group(0) if re.search(r'\b(?:a|an|the|my|our)\s*$', text[:m.start()], re.IGNORECASE)
                        else ' then ' if m.start() else ' ', text).strip()   # "1) restart a 2) show its logs"; not "a second x"
    text = re.sub(r'\s*;\s*(?:and|also|plus)\s+(?=([A-Za-z][\w-]*))',
                  lambda m: '; ' if m.group(1).lower() in VERBS and m.group(1).lower() not in SHELL_WORDS else m.group(0),
                  text)   # "pause x; and restart traefik while you are at it"
    text = re.sub(r'\s*;\s*(?:please|pls|so|and)\s+(?=([A-Za-z][\w-]*))',
                  lambda m: ', then ' if m.group(1).lower() in VERBS and m.group(1).lower() not in SHELL_WORDS else m.group(0),
                  text)   # "I no longer use backup; please remove it"
    text = re.sub(r'\s*;\s*(?=(?:then\s+)?([A-Za-z][\w-]*))',
                  lambda m: ', then ' if (m.group(1).lower() in VERBS or m.group(1).lower() in ('then', 'wait'))
                  and m.group(1).lower() not in SHELL_WORDS else m.group(0), text)
    text = re.sub(r'\b(run|exec|type|with|using|command)\s+`([^`;&|$<>(){}\\]+)`|`([^`;&|$<>(){}\\]+)`(?=\s+(?:in|inside)\s)',
                  lambda m: f'{m.group(1)} "{m.group(2)}"' if m.group(1) else f'"{m.group(3)}"',
                  text)   # "run `cat /etc/os-release` in x": a quoted command, never a substitution
    text = re.sub(r'`([\w.-]+)`', lambda m: m.group(1) if _names_something(m.group(1).lower(), state) else m.group(0),
                  text)   # "restart `web`": a name written as code
    shell = SHELL.search(text)
    if shell:
        out.warnings.append('Shell syntax is never run: only the plain request before '
                            f'"{shell.group(0).strip()}" was read.')
        text = text[:shell.start()]
    text = re.sub(r'\s+(?:\+|plus)\s+', ' and ', text)   # "home-assistant: restart + tail 500", "start x plus show …"
    text = re.sub(r'\b(?:give\s+me|make|get\s+me|show\s+me|send\s+me|print)\s+(?:a|the)\s+list\s+of\b', 'list', text,
                  flags=re.IGNORECASE)   # "give me the list of stacks"
    text = re.sub(r'\s*,?\s*\bbut\s+(?:leave|keep|don\'?t\s+touch)\s+(?:the\s+)?(?P<what>[\w-]+(?:\s+[\w-]+)?)\s+'
                  r'(?:alone|as\s+it\s+is|untouched|running|be)\b', lambda m: f' except {m.group("what")}' if any(
                      _names_something(w.lower(), state) for w in m.group('what').split()) and re.search(
                      r'\b(?:all|every|each|whole|entire|everything)\b', text[:m.start()], re.IGNORECASE) else '', text,
                  flags=re.IGNORECASE)   # "restart all of immich but leave its redis alone": except it; "… but leave vpn alone"
    text = re.sub(r"\s+(?:that|which)?\s*(?:i|we)(?:\s+have|'ve|\s+already)?\s+(?:set\s+up|deployed|installed|made|created|added|"
                  r"started|downloaded|pulled|got|built)\b", '', text,
                  flags=re.IGNORECASE)   # "the nextcloud thing I set up is acting weird"
    text = _without_comments(text, state)
    text = re.sub(r'\b(?:go|come)\s+(?:ahead\s+)?and\s+(?=\w)', '', text, flags=re.IGNORECASE)   # "go and restart it"
    text = re.sub(r'\s+(?:for|until)\s+(?:a\s+(?:while|bit|moment|sec(?:ond)?)|now|tonight|today|tomorrow|'
                  r'(?:the|this)\s+(?:moment|time\s+being|night|weekend|evening))\b', '',
                  text,
                  flags=re.IGNORECASE)   # "put vpn to sleep for a while"
    text = re.sub(r'(?:^|,?\s+)(?:(?:and\s+)?(?:then\s+)?(?:do\s+)?the\s+same(?:\s+(?:question|thing))?\s+(?:for|with|to)|'
                  r'same(?:\s+(?:question|thing))?\s+(?:for|with))\s+',
                  lambda m: ' then same for ' if m.start() else 'same for ', text,
                  flags=re.IGNORECASE)   # "… and then the same for jellyfin": the request before, for jellyfin
    conditional = CONDITION.search(text)
    if conditional and re.search(r'\b(?:tell|let\s+me\s+know|check|see|know|ask|show|find\s+out|control|verify|confirm)'
                                 r'(?:\s+\w+)?\s*$',
                                 text[:conditional.start()], re.IGNORECASE):
        conditional = None   # "tell me if it's up": a question, not a condition
    if conditional:   # "restart it if needed": the plan runs what it says; the person decides when confirming
        out.warnings.append(f'The plan does not check "{conditional.group(0).strip(" ,")}": it does every step; '
                            'confirm only the ones you want.')
        text = text[:conditional.start()] + text[conditional.end():]
    text = IN_ORDER.sub(lambda m: ' ', _one_by_one(text))   # "restart a, b and c in that order"
    text = re.sub(r'\s+[-–—]+\s+', ', ', text)   # "mailer is hanging - can you reboot it?"
    text = WAIT.sub(' then ', text)   # "stop web, wait a bit, then start it": steps run one after the other anyway
    paused = PAUSE.search(text) or BETWEEN.search(text) or DELAY.search(text)
    if paused:
        span = re.search(r'\b(?:\d+\s*|(?:an?|one|two|three|five|ten|thirty|sixty|a few|a couple(?: of)?)\s+)'
                         r'(?:seconds?|secs?|s|minutes?|mins?|m|hours?|h)\b',
                         paused.group(0), re.IGNORECASE)
        out.warnings.append(f'The plan does not pause for a set time ({span.group(0) if span else "a wait"}): each step '
                            'runs once the one before it has finished.')
        text = DELAY.sub(' then ', BETWEEN.sub(' ', PAUSE.sub(' then ', text)))
    text = _conditions_as_steps(text, state)   # "once backup is started, tail 200 lines of it": start it, then …
    text = ONCE.sub(' then ', DONE_FIRST.sub('', text))   # "once it is down, start x": the steps run in order
    text = DEADLINE.sub('', text)
    later = LATER.search(text) if not set(text.lower().split()) & LOG_WORDS else None
    if later:
        out.warnings.append(f'The plan has no timer ({later.group(0).strip()}): each step runs once the one before it '
                            'has finished.')
        text = LATER.sub('', text)
    clauses = [c for c in CLAUSE_SPLIT.split(text) if c and c.strip()]
    clauses = [PERMISSION.sub(lambda m: m.group(0).rstrip('?'), c) if PERMISSION.match(c) else c
               for c in clauses]   # "would it be ok to have 4 of x running?": asked as a request, not about the state
    clauses = [piece for clause in clauses for piece in _split_on_and(clause)]
    clauses = [piece for clause in clauses for piece in _run_on(clause, state)]
    clauses = [piece for clause in clauses for piece in _in_order(clause, state)]
    clauses = _options_first(_shared_objects(_ordered(clauses)))
    last_target: Resolution | None = None
    previous_actions: list[Any] = []
    for number, clause_text in enumerate(clauses):
        backwards = REVERSED.search(clause_text)
        if backwards:   # "start them again the other way round": one step a target, the last named first
            clause_text = clauses[number] = (clause_text[:backwards.start()] + clause_text[backwards.end():]).strip()
        clause = Clause(clause_text)
        if not clause.words and not clause.images and not clause.ports:
            continue
        if (STATEMENT.match(clause_text) or NARRATED.match(clause_text)) and not REQUESTING.search(clause.lower):
            # "I shut ci-runner off by accident", "the chat deploy from this morning broke things"
            last_target = _spoken_of(clause, state) or last_target
            continue
        if SMALL_TALK.match(clause_text):   # "good morning! how are you today?"
            continue
        if NEGATED.match(clause_text):   # "don't restart web-01": a request not to do something does nothing
            out.warnings.append(f'Not done, as asked: "{clause_text.strip()[:80]}".')
            last_target = _spoken_of(clause, state) or last_target   # "don't delete x, just stop it": it is x
            continue
        same = SAME_FOR.match(clause_text)
        if same and previous_actions:   # "last 10 lines of a, and the same for b and c": a's request for b and c
            target = find_targets(Clause(same.group(1)), state, out, names_in(Clause(same.group(1)).words, state),
                                  last_target, verb='do the same for')
            if target is not None:
                _repeat_for(previous_actions, target, state, out)
                last_target = target
            continue
        before_count = len(out.actions)
        if number and _intent(clause, state)[0] is None and not _asks(clause):   # "restart web followed by api"
            before = Clause(clauses[number - 1])
            verb_word = next((w for w in before.words if VERBS.get(w) in LIFECYCLE), None)
            if verb_word and any(_names_something(w, state) for w in clause.words):
                clauses[number] = f'{verb_word} {clause_text}'   # the next bare name takes it too ("… then api then cache")
                context = one_stack(last_target, state)
                names = [w for w in names_in([w for w in clause.words if w not in FILLER], state) if w not in VERBS]
                if context and names and resolve(names, state).ambiguous and resolve([*names, context], state).containers:
                    clauses[number] += f' of {context}'   # "stop the crm frontend, then the backend, then the db"
                clause = Clause(clauses[number])
        following = Clause(clauses[number + 1]) if number + 1 < len(clauses) else None
        topic = _topic(clause, following, state)
        if topic is not None:   # "crm-backend-1 is stuck, restart it": says whom "it" is, asks for nothing
            last_target = topic
            continue
        window = WINDOW_ONLY.fullmatch(clause_text.strip())
        if window and out.actions and isinstance(out.actions[-1], LogsAction):   # "… crm logs? last 100 pls"
            out.actions[-1] = out.actions[-1].model_copy(update={'tail': int(window.group(1))})
            out.explanations[-1] = out.actions[-1].explain()
            continue
        if BACK_TO_IT.fullmatch(clause_text.strip()) and out.actions and out.actions[-1].type in READ_TYPES:
            continue   # "crm-db-1 been spitting exception lines all morning, show me those": that read, once
        narrowed = ONLY_THOSE.match(clause_text)
        if narrowed and out.actions and isinstance(out.actions[-1], LogsAction):   # "…, show only those with timeout"
            word = narrowed.group(1).lower()
            for index, action in enumerate(out.actions):
                if isinstance(action, LogsAction) and action.grep is None:
                    out.actions[index] = action.model_copy(update={'grep': GREP_STEMS.get(word, word)})
            continue
        if _more_params(clause, state, out):   # "deploy prometheus and grafana, keep 30 days of metrics"
            continue
        if SOMETHING_NEW.match(clause.lower):
            # "spin up something that does video calls": something new that no template is for; never a start of
            # whatever container a word of it happens to name
            out.questions.append(Question(text='What should I set up? Name a template or an image.',
                                          choices=[f'deploy {t.id}' for t in state.templates[:6]]))
            continue
        if LOG_WINDOW.search(clause.lower) and _intent(clause, state)[0] in (None, 'show', 'list') \
                and not set(clause.words) & LOG_WORDS \
                and not set(clause.words) & (STATUS_WORDS | HISTORY_WORDS | ATTRIBUTES | set(KINDS)) - WINDOW_WORDS \
                and len([w for w in clause.words if state.container(w) is not None or w in state.stacks]) == 1:
            clause = Clause(f'show the logs of {clause_text}')   # "shop-db-1: last 5 min", "gimme mailer last 500"
        earlier = EARLIER_VERSION.search(clause.lower)
        if earlier and not clause.has(*READ_WORDS) and _intent(clause, state)[0] in EARLIER_VERBS:
            named = [w for w in clause.words if w in state.stacks]
            if len(set(named)) == 1:   # "return nextcloud to the version of before", "put again the old version of shop"
                clause = Clause(f'roll back {named[0]}')
        pulled = _pulled_image(out, clauses[number - 1] if number else '')
        said_it = PULLED_IT.search(clause_text) if pulled else None
        if pulled and said_it and _intent(clause, state)[0] in ('run', 'up', 'start', 'create') and (
                said_it.group(1) or last_target is None):
            # "grab caddy:2.8 first, then start a container from it called scratch": a container of that image (but
            # "stop the worker, pull acme/worker:2, then start it again": the worker)
            clause = Clause(f'{clause_text[:said_it.start()]}{said_it.group(1) or ""}{pulled}{clause_text[said_it.end():]}')
        try:
            last_target = _parse_clause(clause, state, out, last_target)
            if backwards and len(out.actions) == before_count + 1:
                _in_reverse(out)
            previous_actions = out.actions[before_count:] or previous_actions
        except ValidationError as exc:  # a value out of the plan's range ("the last 10^20 lines")
            error = exc.errors()[0]
            where = '.'.join(str(part) for part in error.get('loc', ()) if not isinstance(part, int))
            out.questions.append(Question(text=f'I cannot do "{clause_text.strip()[:80]}": '
                                               f'{where + " " if where else ""}{error.get("msg", "out of range").lower()}.'))
    out.actions, out.explanations = _without_repeated_reads(out.actions, out.explanations)
    if not TWICE.search(text):
        out.actions, out.explanations = _without_repeated_steps(out.actions, out.explanations)
    if not out.actions and not out.questions and not any(w.startswith(('Not done, as asked', 'That is a question about'))
                                                         for w in out.warnings):
        out.questions.append(Question(text='I did not understand that. Try for example "restart web", '
                                           '"show the logs of api", "deploy uptime kuma on port 3001" or "list stacks".',
                                      choices=['list containers', 'show stacks', 'list templates', 'system status']))
    return out


SOMETHING_NEW = re.compile(r"^\s*(?:(?:please|pls|can\s+you|could\s+you)\s+)*(?:spin|stand|fire|set|put|bring|start|launch|"
                           r"deploy|install|run|get)\s+(?:up\s+)?(?:me\s+|us\s+)?(?:something|anything|some\s+(?:thing|tool|app)|"
                           r"an?\s+(?:new\s+)?(?:thing|tool|app|service|program|solution))\b")
EARLIER_VERSION = re.compile(r"\b(?:(?:the\s+)?(?:old|older|previous|precedent|prior|earlier|former|last\s+(?:good|working))\s+"
                             r"(?:version|revision|config(?:uration)?|state|deploy(?:ment)?|release)|(?:the\s+)?(?:version|state|"
                             r"config)\s+(?:of|from)\s+before|(?:like|as|how)\s+it\s+was(?:\s+before)?|of\s+before)\b")
EARLIER_VERBS = {None, 'wish', 'start', 'deploy', 'create', 'rollback', 'update', 'redeploy', 'show'}
READ_WORDS = ('show', 'list', 'what', 'which', 'see', 'diff', 'compare', 'history', 'changes', 'changed', 'view', 'display',
              'when', 'who', 'how')




PULLED_IT = re.compile(r'\b(from\s+|of\s+|using\s+|with\s+)?(?:it|that(?:\s+image)?|the\s+image|this\s+image)\b(?!\s*\')',
                       re.IGNORECASE)


def _pulled_image(out: Parsed, before: str) -> str | None:
    """The image the request just before pulled, when it was named there ("pull caddy:2.8"), not
    found as some container's image ("pull its image"): "it" in a run after it is that image."""
    earlier = out.actions[-1] if out.actions else None
    if earlier is None or earlier.type != 'pull' or not any(
            image == earlier.image or earlier.image.startswith(f'{image}:') for image in Clause(before).images):
        return None
    return str(earlier.image)


def _more_params(clause: Clause, state: State, out: Parsed) -> bool:
    """A clause after a template deploy that only gives more of its parameters ("…, keep 30 days of
    metrics", "…, admin user called ops"): they join that deploy."""
    earlier = out.actions[-1] if out.actions else None
    if not isinstance(earlier, DeployTemplateAction) or any(_names_something(w, state) for w in clause.words):
        return False
    template = next((t for t in state.templates if t.id == earlier.template), None)
    more = template_params(template, clause.raw) if template else {}
    port = port_said(clause, template, set(more.values())) if template and 'port' not in earlier.params else None
    if port is not None and 'port' in template.params:   # "WordPress pls. port 5050", "… It should listen on 3001."
        more['port'] = port
    if not more or set(more) <= set(earlier.params):
        return False
    out.actions[-1] = earlier.model_copy(update={'params': {**earlier.params, **more}})
    out.explanations[-1] = out.actions[-1].explain()
    return True


SPOKEN_SHORT = {'machine learning': 'ml', 'message queue': 'mq', 'data base': 'db'}


def _spoken_apart(text: str, state: State) -> str:
    """Two words that are one name said apart ("next cloud", "sync thing", "shop staging"): the name;
    a name's initials in capitals ("restart HA": home-assistant) when exactly one name has them; the
    long form of a short name part ("the immich machine learning container": ml)."""
    for long, short in SPOKEN_SHORT.items():
        if short in state.name_words and re.search(rf'\b{long}\b', text, re.IGNORECASE):
            text = re.sub(rf'\b{long}\b', short, text, flags=re.IGNORECASE)

    def initials(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        if state.container(word) is not None or word in state.stacks or word in state.name_words:
            return match.group(0)
        fits = [b.name for b in state.containers if len(parts := [p for p in re.split(r'[-_.]', b.name) if p.isalpha()]) > 1
                and ''.join(p[0] for p in parts) == word]
        return fits[0] if len(fits) == 1 else match.group(0)
    text = re.sub(r'(?<![\w-])[A-Z]{2,3}(?![\w-])', initials, text)   # capitals only: "ha" is a word
    tokens = text.split(' ')
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens):
            a = tokens[i].lower()
            b = re.match(r"[\w-]*", tokens[i + 1].lower())
            tail = tokens[i + 1][b.end():] if b else ''
            if a.isalpha() and b and b.group(0).isalpha() and len(a) > 2 and len(b.group(0)) > 2:
                joined = next((j for j in (a + b.group(0), f'{a}-{b.group(0)}')
                               if j in state.stacks or state.container(j) is not None
                               or '-' in j and j in {t.id for t in state.templates}), None)   # "node red
                if joined is not None:
                    out.append(joined + tail)
                    i += 2
                    continue
        out.append(tokens[i])
        i += 1
    return ' '.join(out)


REVERSED = re.compile(r'\s*,?\s*\b(?:(?:the\s+)?other\s+way\s+(?:a)?round|in\s+(?:the\s+)?(?:reverse|reversed|opposite)'
                      r'(?:\s+order)?|backwards)\b', re.IGNORECASE)


def _in_reverse(out: Parsed) -> None:
    """The last action on several containers as one step each, the last named first ("… then start
    them the other way round"); the order said is kept by _one_by_one before parsing."""
    action = out.actions[-1]
    targets = list(getattr(action, 'targets', None) or [])
    if not isinstance(action, ContainerAction) or len(targets) < 2:
        return
    out.actions.pop()
    out.explanations.pop()
    for target in reversed(targets):
        add_action(out, action.model_copy(update={'targets': [target]}), f'{action.op} {target}')


def _spoken_of(clause: Clause, state: State) -> Resolution | None:
    """Whom a clause that asks for nothing names, when it names one thing (what "it" means next)."""
    names = [w for w in names_in([w for w in clause.words if w not in FILLER], state) if _names_something(w, state)]
    spoken_of = resolve(names, state) if names else None
    return spoken_of if spoken_of is not None and spoken_of.found and not spoken_of.ambiguous else None


# why the person asks, not what: "because it is acting up", "while I take a snapshot", ", we are doing
# maintenance", ", the maintenance is over", ", it is not responding" — left out of the request
# a window or a count of log lines said without the word "logs": "x: last 5 min", "x since 4h ago", "x last 500"
LOG_WINDOW = re.compile(r"\b(?:last|past|previous|latest)\s+\d+\s*(?:lines?|entries|min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|"
                        r"sec(?:ond)?s?|[smhd])?\b(?!\s*(?:revisions?|versions?|changes|deploys?|releases?|updates?))|"
                        r"\bsince\s+(?:\d+\s*\w*\s+ago|\d+\s*[smhd]\b|yesterday|this\s+morning|noon|midnight)|"
                        r"\b\d+\s*(?:min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|[smhd])\s+ago\b")
WINDOW_WORDS = {'last', 'past', 'previous', 'latest', 'since', 'ago', 'min', 'mins', 'minutes', 'hours', 'lines'}
REASON = re.compile(r"(?:\s+|\s*,\s*)(?:because|cause|cuz|coz|while|whilst|so\s+that|so|since)\s+(?:it|i|we|they|he|she|the|"
                    r"that|this|there|you|its|our|my|nobody|no\s+one)\b[^,;]*", re.IGNORECASE)
# ", the database name is app_prod": a setting given, not a remark
SETTING_SAID = re.compile(r"\b(?:password|passwd|pw|user(?:name)?|login|database|db|schema|port|name|volume|tag|version|"
                          r"time\s*zone|tz|email|domain|url)\s+(?:is|should\s+be|must\s+be|will\s+be|shall\s+be|=|:)\s+"
                          r"(?!(?:fine|ok|okay|good|enough|default|the\s+default|not|no|wrong|broken)\b)\S", re.IGNORECASE)
REMARK = re.compile(r"\s*,\s*(?:we|i|it|they|he|she|this|that|there|the\s+[\w-]+\s+[\w-]+(?=\s+(?:is|are|was|were)\b)|"
                    r"[\w-]+(?=\s+(?:is|are|was|were)\s+(?:done|over|finished|complete|completed|fixed|resolved|back)\b)|"
                    r"(?:the\s+)?default\s+[\w-]+|(?:the\s+)?defaults|(?:any|whatever)\s+[\w-]+|"   # ", default port is fine"
                    r"the\s+[\w-]+|users?|ppl|people|customers|everyone|someone|"
                    r"something|nobody|prod|traffic|new\s+[\w-]+|(?:want|trying|watching|need)(?=\s+to\b)|"
                    r"(?:(?:last|the|this|that|my|our|latest|new)\s+){0,2}[\w-]+(?=\s+(?:broke|crashed|failed|died|hung|froze)\b)|"
                    r"[\w-]+(?=\s+(?:is|are)\s+(?:not\s+|no\s+longer\s+)?\w+ing\b))(?:'s|'re|'m|\s+r\b|"
                    r"\s+(?:to|seeing|complaining|saying|not|never|no\s+longer)\b|\s+(?:is|are|am|was|were|"
                    r"have|has|had|do|does|did|don't|doesn't|didn't|won't|can't|will|seems|looks|keeps|broke|crashed|"
                    r"failed|died|hung|froze)|\s+(?:just\s+|already\s+)?[a-z]{3,}ed)\b[^,;]*", re.IGNORECASE)


ABBREVIATIONS = {'ctr': 'container', 'ctrs': 'containers', 'cntr': 'container', 'stk': 'stack', 'stks': 'stacks',
                 'img': 'image', 'imgs': 'images', 'vol': 'volume', 'vols': 'volumes', 'tpl': 'template', 'tpls': 'templates',
                 'tmpl': 'template', 'rs': 'restart', 'rstrt': 'restart', 'rst': 'restart', 'hist': 'history',
                 'mem': 'memory', 'repl': 'replicas', 'pls': 'please', 'plz': 'please', 'thx': 'thanks',
                 'n': 'and', 'nd': 'and', 'u': 'you', 'ur': 'your', 'r': 'are', 'pl': 'please',
                 # everyday words typed in a hurry (a name here is never rewritten: see _expand_abbreviations)
                 'wat': 'what', 'waht': 'what', 'whta': 'what', 'teh': 'the', 'hte': 'the', 'adn': 'and', 'nad': 'and',
                 'shwo': 'show', 'sohw': 'show', 'lgos': 'logs', 'logz': 'logs', 'serach': 'search', 'seach': 'search',
                 'searh': 'search', 'restrat': 'restart', 'resart': 'restart', 'stpo': 'stop', 'satrt': 'start',
                 'containr': 'container', 'contianer': 'container', 'conatiner': 'container', 'contaier': 'container'}


def _template_spellings(text: str, state: State) -> str:
    """"wiki.js", "Pi-hole", "uptime-kuma": a template's name written with a dot, a dash or a space is its id,
    so that it is one thing in a list ("install gitea and wiki.js"); a name that runs here stays as it is."""
    ids = {re.sub(r'[^a-z0-9]', '', t.id): t.id for t in state.templates}

    def spelled(match: re.Match[str]) -> str:
        said = match.group(0)
        joined = re.sub(r'[^a-z0-9]', '', said.lower())
        if joined in ids and joined != said.lower() and not _names_something(said.lower(), state):
            return ids[joined]
        return said
    return re.sub(r'(?<![\w./:-])[A-Za-z][A-Za-z0-9]*[.\-][A-Za-z0-9]+(?![\w/:-]|\.\w)', spelled, text)


def _expand_abbreviations(text: str, state: State) -> str:
    """What people type in a hurry ("stk rs immich", "ctr ls", "img ls"); a word that names
    something here is left as it is."""
    def expand(match: re.Match[str]) -> str:
        word = match.group(0)
        lowered = word.lower()
        if lowered not in ABBREVIATIONS or _names_something(lowered, state):
            return word
        return ABBREVIATIONS[lowered]
    return re.sub(r"(?<![\w/.:=-])[A-Za-z]+(?![\w/.:=-])", expand, text)


# the words of questions and attributes a typo of which is put right ("waht ports is x lisening on",
# "hows traefik doign"); verbs have their own fuzzy match, names the resolver's
SPELLED = sorted(QUESTION_STARTS | ATTRIBUTES | STATUS_WORDS | LOG_WORDS | {'what', 'doing', 'listening', 'running'}
                 | {'restart', 'start', 'stop', 'follow', 'tail', 'pull', 'list', 'show', 'remove', 'delete', 'deploy', 'pause',
                    'scale', 'update', 'stacks', 'stack', 'images', 'image', 'containers', 'container', 'volumes', 'networks',
                    'last', 'and', 'log', 'the', 'please', 'latest', 'recent', 'minutes', 'hours', 'lines'})


def _spelled(text: str, state: State) -> str:
    """Typos of question and attribute words, put right: a word known nowhere (not a verb, not a
    live name, not everyday English) that is one swap of two neighbouring letters from one of them,
    or — at 6 letters or more — that word with one letter left out."""
    known = state.name_words

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lowered = word.lower()
        if (len(lowered) < 3 or lowered in SPELLED or lowered in VERBS or lowered in FILLER or lowered in known
                or lowered in COMMON or lowered in KINDS or lowered in STATES or lowered in NUMBER_WORDS
                or lowered in _UNITS or lowered in SORT_WORDS or lowered in GREP_STEMS or lowered in HISTORY_WORDS
                or any(lowered.endswith(end) and lowered[:-len(end)] in VERBS for end in ('s', 'es', 'ed', 'd', 'ing'))
                or any(close_enough(lowered, name) for name in known if abs(len(name) - len(lowered)) <= 1)):
            return word
        fits = [w for w in SPELLED if len(w) >= len(lowered) >= 3 and (_swapped(lowered, w) or _undoubled(lowered, w) or (
                len(lowered) >= 6 and len(w) == len(lowered) + 1 and damerau(lowered, w, 1) == 1))]   # a letter left out
        return fits[0] if len(fits) == 1 else word
    return re.sub(r"(?<![\w/.:=@'-])[A-Za-z]+(?![\w/.:=@'-])", fix, text)


def _undoubled(word: str, known: str) -> bool:
    """``word`` is ``known`` with one of its doubled letters written once ("folow", "pul")."""
    return len(known) == len(word) + 1 and any(known[i] == known[i + 1] and known[:i] + known[i + 1:] == word
                                               for i in range(len(known) - 1))


def _swapped(word: str, known: str) -> bool:
    """``word`` is ``known`` with two neighbouring letters swapped ("waht", "doign")."""
    if len(word) != len(known) or word == known:
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, known, strict=True)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == known[diff[1]] and word[diff[1]] == known[diff[0]]


_UNITS = {word: value for word, value in {**SPOKEN_UNITS, **SPOKEN_TENS}.items() if word != 'oh'}
_NUMBER = '(?:' + '|'.join(sorted([*_UNITS, 'hundred', 'thousand'], key=len, reverse=True)) + ')'
_NUMBER_WORDS = rf'(?:{_NUMBER[3:-1]}|and|a)'


def _numbers_in_words(text: str) -> str:
    """"the last twenty five lines", "one hundred lines", "the last thirty minutes": digits, where a
    unit follows (so "the first one" and "a mysql" stay words)."""
    def value(match: re.Match[str]) -> str:
        total, current = 0, 0
        for word in re.split(r'[\s-]+', match.group(1).lower()):
            if word in ('and', ''):
                continue
            if word == 'a':
                current = 1
            elif word == 'hundred':
                current = max(current, 1) * 100
            elif word == 'thousand':
                total, current = (total + max(current, 1)) * 1000, 0
            else:
                current += _UNITS[word]
        return f'{total + current} '
    return re.sub(rf'\b((?:{_NUMBER_WORDS}[\s-]+)*{_NUMBER})\s+(?=(?:log\s+)?(?:lines?|minutes?|mins?|hours?|hrs?|'
                  rf'seconds?|secs?|days?|entries|things)\b)', value, text, flags=re.IGNORECASE)


GOAL = re.compile(r"^(?P<lead>.*?\b)?(?:what\s+i\s+(?:want|need)\s+is|i(?:\s+(?:need|want|would\s+like)|'d\s+like)|"
                  r"(?:we|they|he|she|(?:the\s+|our\s+|my\s+)?(?:boss|manager|client|customer|team|cto|ceo|lead|(?<!['’])\b(?!(?:don|doesn|didn|do|does|not|never|who|what)\b)"
                  r"[a-z]{2,}))\s+"
                  r"(?:really\s+)?(?:needs?|wants?|would\s+like|'d\s+like)|"
                  r"make\s+sure|ensure|"
                  r"please\s+make\s+sure)\s+(?:that\s+)?" + WANTED_OBJECT +
                  r"\s+(?:to\s+be\s+|is\s+|are\s+|be\s+|gets?\s+)?(?:both\s+)?" + WANTED_STATE, re.IGNORECASE)
WANTING = r"(?:i|we)\s+(?:really\s+)?(?:want|need|would\s+like|'d\s+like|wanna|wish)"
AS_IT_WAS = re.compile(WANTING + r"\s+(?:the\s+)?(?P<obj>[\w.-]+)(?:\s+stack)?\s+(?:back\s+)?(?:the\s+way|how|as)\s+it\s+"
                       r"(?:was|used\s+to\s+be)\b(?:\s+(?:yesterday|before|earlier|this\s+morning|last\s+\w+))?", re.IGNORECASE)
IMAGE_WANTED = re.compile(WANTING + r"\s+(?:the\s+|an?\s+)?(?P<image>[\w./-]+(?::[\w.-]+)?)\s+image\b(?!\s+(?:of|for|in|used))",
                          re.IGNORECASE)   # "I want the postgres:16.4 image on this machine": pull it
NEWEST = re.compile(WANTING + r"\s+(?:the\s+)?(?P<obj>[\w.-]+)(?:\s+stack)?\s+(?:on|running|with|to\s+run)\s+(?:the\s+)?"
                    r"(?:newest|latest|newer|most\s+recent)\s+(?:images?|versions?|release)\b", re.IGNORECASE)
WANT_TO = re.compile(WANTING + r"\s+to\s+(?=([\w-]+))", re.IGNORECASE)   # "I want to see which stacks exist"
NOT_RUNNING = re.compile(r"^(?:i\s+(?:don'?t|do\s+not)\s+want\s+(?P<obj>[\w.-]+)\s+(?:running|up|on)(?:\s+anymore)?|"
                         r"nothing\s+in\s+(?P<stack>[\w.-]+)\s+should\s+(?:be\s+)?(?:running|up|on))\b", re.IGNORECASE)


def _goals(text: str) -> str:
    """Requests said as the state wanted: "I need duplicati to be running again" is start it, "I'd like
    the nextcloud stack gone" remove it, "I don't want tool-04 running anymore" stop it (the things first, "a and
    b should both be off": phrasing.OUGHT)."""
    text = GOAL.sub(lambda m: f'{m.group("lead") or ""}{wanted_verb(m.group("state"))} {m.group("obj")}', text, count=1)
    text = AS_IT_WAS.sub(lambda m: f'roll back {m.group("obj")}', text, count=1)
    text = IMAGE_WANTED.sub(lambda m: f'pull {m.group("image")}', text, count=1)
    text = NEWEST.sub(lambda m: f'update {m.group("obj")}', text, count=1)
    text = WANT_TO.sub(lambda m: '' if _starts_request(m.group(1).lower()) else m.group(0), text)
    return NOT_RUNNING.sub(lambda m: f'stop {m.group("obj") or m.group("stack")}', text, count=1)


def _without_comments(text: str, state: State) -> str:
    """The request without the reasons people give for it (kept: a remark that itself asks for
    something, such as ", it needs a restart")."""
    if re.search(r'\b(?:since|while)\b', text, re.IGNORECASE) and set(text.lower().split()) & LOG_WORDS:
        return text   # "logs since the restart": a window, not a reason
    text = REASON.sub(lambda m: m.group(0) if re.search(r'\d|\bport\b', m.group(0)) else '',
                      text)   # kept: "so I can reach it on 3001"
    text = REMARK.sub(lambda m: m.group(0) if _asks_for_something(m.group(0)) or re.search(r'(?<![\w])/\w|\d', m.group(0))
                      or SETTING_SAID.search(m.group(0)) or any(
        _names_something(w, state) for w in re.findall(r"[\w.-]+", m.group(0).lower())) else '', text)   # kept: what it names
    return _without_asides(text, state)


ASIDE_KEEPS = re.compile(r'[\d"\'=@/:]|\b(?:port|ports|and|then|also|plus|or|but|all|both|every|each|them|those|these|too|'
                         r'except|not|without|only|first|last|lines?|logs?|named|called|as|image|tag|version|replicas?|'
                         r'copies|instances|password|passwd|pw|pass|user|username|root|database|db|env|environment|volume|'
                         r'mount|restart|restarts|timezone|tz|admin|email|key|secret|token|network|memory|cpu|limit|'
                         r'followed|afterwards|after|before|next|\w+ing\s+(?:it|them|that))\b',
                         re.IGNORECASE)
# a part that tells how things are: a subject, then what it does or did ("the web page says …",
# "the lights stopped responding", "my laptop isn't syncing", "I'll bring it back later")
TOLD = re.compile(r"^\s*(?:(?:the|my|our|his|her|their|all|some)\s+(?:[\w-]+\s+){0,3}?|(?:i|we|they|he|she|it)\s+|"
                  r"(?:both|these|those)(?:\s+of\s+them)?\s+(?=(?:show|give|return|throw|fail|say|keep|are|were)\b)|"
                  r"(?:i|we|they|he|she|it)(?='))(?:'ll|'m|'re|'ve|'s|is|are|was|were|am|has|have|had|says|said|keeps|kept|"
                  r"shows|showed|seems|seemed|looks|looked|can't|cant|cannot|won't|wont|doesn't|doesnt|don't|dont|didn't|"
                  r"isn't|aren't|wasn't|will|would|gets|got|show|give|return|throw|fail|say|keep|[a-z]+ed)\b", re.IGNORECASE)
WANT_TO_KNOW = re.compile(r"^\s*(?:(?:i|we)\s+(?:want|need|would\s+like|'d\s+like|wanna|have)\s+to\s+|(?:to|so\s+i\s+can)\s+)"
                          r"(?:know|see|understand|find\s+out|figure\s+out|learn|check)\s+(?:why|what|how|if|whether|when)\b",
                          re.IGNORECASE)
ADVERBS = {'force', 'forcefully', 'forcibly', 'hard', 'just', 'then', 'now', 'also', 'quickly', 'immediately', 'please',
           'pls', 'and', 'really', 'properly', 'gently', 'safely', 'cleanly', 'finally', 'lastly', 'subsequently', 'later',
           'eventually', 'afterwards', 'next', 'secondly', 'thirdly'}   # "…, finally start it again": a step all the same


def _without_asides(text: str, state: State) -> str:
    """A lifecycle request on something that is here, then a comma and words that ask for nothing
    and name nothing ("restart pihole pls, dns is super slow since lunch", "stop immich, photos
    import can wait", "start ci-runner, need one build today"), or that tells how things are ("…, the
    web page says too many connections", "…, I'll bring it back later"): that part says why, it is left out."""
    parts = re.split(r'(\s*,\s*)', text)
    if len(parts) < 3:
        return text
    kept = [parts[0]]
    for separator, part in zip(parts[1::2], parts[2::2], strict=False):
        before = ''.join(kept).lower()
        words = re.findall(r"[\w'-]+", part.lower())
        if WANT_TO_KNOW.match(part) and _intent(Clause(before), state)[0] is not None:
            continue   # "show me syncthing's logs, I want to know why it stopped": why the request, not another one
        if (TOLD.match(part) and not part.rstrip().endswith('?') and not REQUESTING.search(part.lower())
                and not re.search(r'\b(?:password|passwd|pw|user|username|root|database|db|port|named|called)\b|[=:"]', part)
                and not SETTING_SAID.search(part)
                and not _asks_for_something(re.sub(r'\b\w+ed\b', '', part))
                and not any(w in state.name_words and w not in GENERIC_WORDS or VERBS.get(w) in LIFECYCLE for w in words)
                and _intent(Clause(before), state)[0] is not None):
            continue   # "…, the web page says too many connections", "…, I'll bring it back later": how things are
        first = next((w for w in words if w not in ADVERBS and (w not in FILLER or w in VERBS and w not in (
            'is', 'are', 'be', 'do', 'does'))), '')
        asks = VERBS.get(first) not in (None, 'wish') or bool(lemma(first)) and not first.endswith(('ed', 'ing', 's'))
        if (words and _intent(Clause(before), state)[0] in LIFECYCLE and not asks and not ASIDE_KEEPS.search(part)
                and not any(_names_something(w, state) for w in words)
                and any(_names_something(w, state) for w in re.findall(r"[\w.-]+", before))):
            continue
        kept.extend((separator, part))
    return ''.join(kept)


AUXILIARIES = re.compile(r"'s|'re|'m|\b(?:is|are|am|was|were|have|has|had|do|does|did|don't|doesn't|didn't|won't|can't|will|"
                         r"seems|looks|keeps)\b", re.IGNORECASE)


def _asks_for_something(remark: str) -> bool:
    """Whether what a remark says of its subject asks for something (", it needs a restart"), not
    only describes it (", the upgrade is over")."""
    verb = AUXILIARIES.search(remark)
    predicate = remark[verb.end():] if verb else remark
    if re.search(r"\bnot\b|n't\b|\bno\s+longer\b|\bnever\b", predicate, re.IGNORECASE):
        return False   # ", they are not responding to stop": says what they do not do
    return any((_starts_request(w) and not w.endswith('ing')) or lemma(w) in LIFECYCLE
               for w in re.findall(r"[\w'-]+", predicate.lower()))   # ", we're seeing timeouts": describes


ONLY_THOSE = re.compile(r'^\s*(?:and\s+)?(?:show|give|keep|list|display|print)?\s*(?:me\s+)?(?:only\s+)?(?:just\s+)?'
                        r'(?:those|the\s+ones|ones|lines|the\s+lines|entries)\s+(?:with|containing|that\s+contain|matching|'
                        r'mentioning|that\s+mention|about)\s+["\']?([\w.:-]+)["\']?\s*$', re.IGNORECASE)


STATEMENT = re.compile(r"^\s*(?:(?:hi|hello|hey|um+|oops|sorry|ok|okay|well|so)[,!.]?\s+)*(?:i|we)(?:'m|'ve|'ll|"
                       r"\s+(?:am|have|had|was|were|think|guess|believe|changed|made|froze|shut|set|did|just|accidentally|already|broke|"
                       r"will|won't|don't|do\s+not|didn't|haven't|can't|am\s+not|no\s+longer))\b(?!\s+(?:like|love|want|need)\b)",
                       re.IGNORECASE)
NARRATED = re.compile(r"^\s*(?:the|my|our|this|that|last\s+night's|yesterday's|today's)\b[^,;?]*?\b(?:broke|crashed|failed|died|"
                      r"hung|froze|went\s+down|stopped\s+working|is\s+broken|are\s+broken|messed\s+up)\b", re.IGNORECASE)
DEFINITION = re.compile(r"^\s*(?:(?:hi|hello|hey)[!,.]?\s+)?(?:i'm\s+new[^,]*,\s*)?what\s+(?:means|is|are|does)\s+"
                        r"(?:a|an|the)?\s*(?:container|stack|image|volume|template|docker|compose|network)s?\b(?:\s+mean)?\s*(?:exactly)?\s*\??\s*$",
                        re.IGNORECASE)
SMALL_TALK = re.compile(r"^\s*(?:good\s+(?:morning|evening|afternoon)|hi|hello|hey)?[!,. ]*how\s+are\s+you\b|"
                        r"^\s*(?:thanks|thank\s+you|thx|cheers|ok|okay|cool|great|nice)[!. ]*$", re.IGNORECASE)
NEGATED = re.compile(r"^\s*(?:(?:but|and|please|just|so)\s+)*(?:don'?t|do\s+not|never|no\s+need\s+to|please\s+don'?t)\s+"
                     r"(?:(?:you\s+)?(?:ever\s+)?)?[\w-]+", re.IGNORECASE)
SAME_FOR = re.compile(r'^\s*(?:same\s+for|(?:those|the\s+ones|the\s+same)\s+(?:of|for))\s+(.+?)'
                      r'(?:\s+(?:over|for|in|with)\s+the\s+same\s+\w+)?\s*$', re.IGNORECASE)


def _repeat_for(actions: list[Any], target: Resolution, state: State, out: Parsed) -> None:
    """The request before, for other targets ("… and the same for pihole and nextcloud-db-1")."""
    names = [*target.containers, *target.all_stacks]
    for action in actions:
        for name in names:
            if isinstance(action, LogsAction | StatusAction):
                copy = action.model_copy(update={'target': name})
            elif isinstance(action, ContainerAction) and name in target.containers:
                copy = action.model_copy(update={'targets': [name]})
            elif isinstance(action, StackAction) and name in target.all_stacks:
                copy = action.model_copy(update={'stack': name})
            else:
                continue
            add_action(out, copy, copy.explain())


def _without_repeated_reads(actions: list[Any], explanations: list[str]) -> tuple[list[Any], list[str]]:
    """A read asked for twice is shown once ("is mailer ok? I haven't checked on it in a while"); the
    logs of one container asked for and then narrowed ("… look at the logs, could you show me the last
    10 lines?") are one read with every detail said."""
    kept: list[Any] = []
    notes: list[str] = []
    for index, action in enumerate(actions):
        since_change = kept[max((i + 1 for i, k in enumerate(kept) if k.type not in READ_TYPES), default=0):]
        if action.type in READ_TYPES and any(action == earlier for earlier in since_change):
            continue   # (a read again after a change is a new read: "check x, restart it, check it again")
        if isinstance(action, LogsAction) and kept and isinstance(kept[-1], LogsAction) \
                and kept[-1].target == action.target:
            merged = _merged_logs(kept[-1], action)
            if merged is not None:
                kept[-1] = merged
                notes[-1] = merged.explain()
                continue
        kept.append(action)
        notes.append(explanations[index] if index < len(explanations) else action.explain())
    return kept, notes


def _merged_logs(first: LogsAction, second: LogsAction) -> LogsAction | None:
    """One logs read with what both say, or None when they say different things (two windows)."""
    fields: dict[str, Any] = {}
    for name in ('tail', 'since', 'grep'):
        a, b = getattr(first, name), getattr(second, name)
        if a is not None and b is not None and a != b:
            return None
        fields[name] = a if a is not None else b
    return first.model_copy(update={**fields, 'follow': first.follow or second.follow})


# a clause that only narrows the logs asked for just before ("can someone pull up x logs? last 20 pls")
WINDOW_ONLY = re.compile(r"(?:(?:and|but|just|only|the|then|pls|please|plz)\s+)*(?:last|past|latest|newest|most\s+recent)\s+"
                         r"(\d{1,7})(?:\s+(?:lines?|entries|rows|messages))?(?:\s+(?:please|pls|plz|only|thx|thanks|ty))*"
                         r"[\s.!?]*", re.IGNORECASE)
# a clause that asks to see what the read before it shows ("…, show me those", "and send them")
BACK_TO_IT = re.compile(r"(?:(?:and|then|just|pls|please|plz|can\s+you|could\s+you)\s+)*(?:show|give|send|get|pull\s+up)\s+"
                        r"(?:me\s+|us\s+)?(?:those|them|these|that|it)(?:\s+(?:please|pls|plz|lines|ones|to\s+me))*[\s.!?]*",
                        re.IGNORECASE)
TWICE = re.compile(r'\b(?:again|twice|two\s+times|2x)\b', re.IGNORECASE)


RANGE = re.compile(r'\b([a-z][\w.-]*?)(\d+)\s+(?:through|thru|to|till|until|-|–)\s+(?:(\1))?(\d+)\b', re.IGNORECASE)
SLASHED = re.compile(r'(?<![\w:/.-])([a-z][\w.-]*(?:/[a-z][\w.-]*)+)(?![\w:/-])', re.IGNORECASE)


def _distributed(text: str, state: State) -> str:
    """One service said once for several stacks: "the shop and crm databases", "the api containers of
    payments and billing", "shop api+worker" — each stack's own ("the shop db and the crm db")."""
    if len(state.stacks) < 1:
        return text
    stacks = '|'.join(re.escape(s) for s in sorted(state.stacks, key=len, reverse=True))
    one = rf"(?:the\s+)?(?:{stacks})(?:'s)?"
    listed = rf"{one}(?:\s*,\s*{one})*\s*(?:,\s*)?(?:and|&|\+)\s+{one}"

    def owned(stack_words: str, service: str) -> str | None:
        names = re.findall(rf'(?<![\w-])(?:{stacks})(?![\w-])', stack_words.lower())
        singular = service[:-1] if service.endswith('s') and not service.endswith('ss') else service
        fitting = [resolve([n, singular], state) for n in names]
        if len(names) < 2 or not all(r.containers and len(r.containers) == 1 for r in fitting):
            return None
        return ' and '.join(f'the {n} {singular}' for n in names)

    def each_own(match: re.Match[str]) -> str:   # "the shop and crm databases", "the api containers of a and b"
        return owned(match.group('stacks'), match.group('service').lower()) or match.group(0)

    text = re.sub(rf"(?<![\w-])(?P<stacks>{listed})\s+(?P<service>[a-z]+)(?:\s+(?:containers?|services?))?(?![\w-])",
                  each_own, text, flags=re.IGNORECASE)
    text = re.sub(rf"(?<![\w-])(?:the\s+)?(?P<service>[a-z]+)(?:\s+(?:containers?|services?))?\s+(?:of|in|for|from)\s+"
                  rf"(?P<stacks>{listed})(?:\s+stacks?)?(?![\w-])", each_own, text, flags=re.IGNORECASE)
    return re.sub(r'(?<![\w-])([a-z][\w-]*)\+([a-z][\w-]*)(?![\w-])',   # "shop api+worker"; not "mysql+phpmyadmin"
                  lambda m: f'{m.group(1)} and {m.group(2)}' if service_word(m.group(1).lower(), state)
                  and service_word(m.group(2).lower(), state) else m.group(0), text, flags=re.IGNORECASE)


def _lists_of_names(text: str, state: State) -> str:
    """Names said as a range or with slashes, written out: "proxy-05 through proxy-07" is proxy-05,
    proxy-06 and proxy-07 (those that exist); "stacks blog/crm/metrics", "the web/cache/worker
    containers of shop" are lists — but "paperless/web" stays a stack's service."""
    def expand(match: re.Match[str]) -> str:
        prefix, first, last = match.group(1), match.group(2), match.group(4)
        low, high = int(first), int(last)
        if not (state.container(f'{prefix}{first}') and state.container(f'{prefix}{last}')) or not 0 < high - low <= 50:
            return match.group(0)
        names = [n for i in range(low, high + 1) if state.container(n := f'{prefix}{i:0{len(first)}d}')]
        return ', '.join(names[:-1]) + f' and {names[-1]}'

    def split(match: re.Match[str]) -> str:
        parts = match.group(1).split('/')
        lowered = [p.lower() for p in parts]
        if len(parts) == 2 and lowered[0] in state.stacks and any(b.service == lowered[1] for b in state.stacks[lowered[0]]):
            return match.group(0)   # a stack's service
        if len(set(lowered)) < len(lowered):
            return match.group(0)   # "grafana/grafana": an image, never a list of one name twice
        if not all(p in state.stacks or state.container(p) or p in state.services or p in state.name_words
                   for p in lowered):
            return match.group(0)   # an image (traefik/whoami), a path, a ratio
        return ', '.join(parts[:-1]) + f' and {parts[-1]}'
    def shared(match: re.Match[str]) -> str:   # "the payments and billing apis": each stack's api
        stacks = [w.lower() for w in re.split(r'\s*,\s*|\s+and\s+', match.group('stacks'))]
        service = service_word(match.group('noun').lower(), state)
        if (len(stacks) < 2 or service is None or service == match.group('noun').lower()
                or not all(s in state.stacks and any(b.service == service for b in state.stacks[s]) for s in stacks)):
            return match.group(0)
        return ', '.join(f'{s} {service}' for s in stacks[:-1]) + f' and {stacks[-1]} {service}'
    text = SHARED_NOUN.sub(shared, text)

    def shared_of(match: re.Match[str]) -> str:   # "stop the api of payments, billing and analytics": each one's api
        stacks = [w.lower() for w in re.split(r'\s*,\s*(?:and\s+)?|\s+and\s+', match.group('stacks')) if w]
        service = service_word(match.group('noun').lower(), state)
        if (len(stacks) < 2 or service is None
                or not all(s in state.stacks and any(b.service == service for b in state.stacks[s]) for s in stacks)):
            return match.group(0)
        return ', '.join(f'{s} {service}' for s in stacks[:-1]) + f' and {stacks[-1]} {service}'
    text = SHARED_OF.sub(shared_of, text)
    if state.container('web') is None and 'web' not in state.services:   # "the web server": the role, unless one is web
        text = re.sub(r'\bweb[\s-]+servers?\b', 'webserver', text, flags=re.IGNORECASE)
    return SLASHED.sub(split, RANGE.sub(expand, text))


NOT_IN_PARENS = re.compile(r'\s*\((?:[^()]*?,\s*)?(?:but\s+)?not\s+(?:the\s+)?(?P<what>[\w.-]+)\s*\)', re.IGNORECASE)
NOT_THIS = re.compile(r'(?:\s*,\s*|\s+)(?:but\s+|and\s+)?not\s+(?P<what>(?:the\s+)?[\w.-]+(?:\s+[\w.-]+)?)\s*[.!]?\s*$',
                      re.IGNORECASE)
SHARED_OF = re.compile(r'\bthe\s+(?P<noun>[\w-]+)\s+(?:of|in|for|from)\s+(?:the\s+)?'
                       r'(?P<stacks>[\w-]+(?:\s*,\s*[\w-]+)*\s*,?\s+and\s+(?:the\s+)?[\w-]+)(?:\s+stacks?)?\b', re.IGNORECASE)
SHARED_NOUN = re.compile(r'\b(?P<stacks>[\w-]+(?:\s*,\s*[\w-]+)*\s+and\s+[\w-]+)\s+(?P<noun>[\w-]+s)\b', re.IGNORECASE)
WANTED = re.compile(r"\b(?:need|want|would\s+like|'d\s+like|get\s+(?:me|us)|could\s+use|looking\s+for|asking(?:\s+me)?\s+for|"
                    r"recommend|suggest)\s+(?:a|an|some)\s+(?:(?:good|new|simple|nice|decent|proper|small|free|self-?hosted|"
                    r"open[\s-]source|little|basic)\s+)?"
                    r"(?P<phrase>[a-z][\w.-]*(?:\s+[a-z][\w.-]*){0,2}?)(?=\s+(?:for|asap|please|pls|on|at|with|so|to|here)\b|"
                    r"\s*[,.!?]|\s*$)", re.IGNORECASE)


WISH = re.compile(r"(?:^|\b)(?:(?:okay|ok|so|well|hey|hi)[\s,]+)*"
                  r"(?:is\s+(?:it\s+)?possible\s+(?:to\s+)?(?:have|get|put|set\s+up|install|run)|"
                  r"can\s+(?:i|we|you)\s+(?:get|have|put|set\s+up|install)|could\s+(?:i|we|you)\s+(?:get|have|put|set\s+up|install)|"
                  r"(?:i|we)\s+(?:really\s+)?(?:need|want|would\s+like|'d\s+like)|(?:please\s+)?get\s+(?:us|me)|please\s+get|"
                  r"give\s+(?:us|me)|(?:please\s+)?(?:spin\s+up|stand\s+up|set\s+up|put\s+up|fire\s+up|bring\s+up|install|"
                  r"deploy|launch|provision|host)(?=\s+(?:something|an?\s+[\w\s-]{1,40}?\b(?:that|which|backed|behind)\b)))"
                  r"\s+(?:an?\s+|some\s+|our\s+own\s+|my\s+own\s+|one\s+|something\s+(?:that|to|for)\s+|"
                  r"something\s+)?(?P<phrase>[a-z][\w\s.'-]{2,80}?)(?=\s+(?:on|in|for)\s+(?:this|the|our|my|here)\b|\s+on\s+here\b|"
                  r"\s+(?:asap|please|pls|fr|thanks?|thank\s+you|can\s+you|could\s+you)\b|\s*[,.!?]|\s*$)", re.IGNORECASE)
SETTINGS_SAID = re.compile(r"\s+(?:(?:named|called|as)\s+(?=[\w-])|(?:on|at|listening\s+on)\s+(?:port\s+)?(?=\d)|"
                           r"(?:with|in)\s+(?:the\s+|a\s+)?(?=(?:port|password|admin|user|login|root)\b)|port\s+(?=\d))",
                           re.IGNORECASE)   # what a wished-for thing is given: its name, port, logins
PARAM_SAID = {'port', 'named', 'called', 'stack', 'database', 'db', 'reachable', 'version', 'tag'}
CREDENTIAL_GIVEN = re.compile(r'\b(?:password|passwd|pw|user(?:name)?|login)\s+(?:is\s+|=\s*|of\s+)?'
                              r'(?!managers?\b|vaults?\b|safe\b|store\b|storage\b|keeper\b|for\b|and\b)\S+', re.IGNORECASE)
HERE_WORDS = {'that', 'to', 'for', 'the', 'a', 'an', 'our', 'my', 'with', 'of', 'and', 'in', 'on', 'when', 'which', 'nice',
              'good', 'own', 'self-hosted', 'selfhosted', 'simple', 'new', 'some', 'all', 'us', 'me', 'we', 'i', 'it',
              'is', 'are', 'here', 'there'}
FOR_THAT = re.compile(r"\b(?:set\s+up|install|deploy|get\s+(?:us|me)|give\s+(?:us|me)|find)\s+(?:something|one|a\s+tool|an\s+app|"
                      r"a\s+solution|a\s+fix)\s+(?:for\s+(?:that|this|it)|to\s+(?:fix|solve|help\s+with)\s+(?:that|this|it))\b",
                      re.IGNORECASE)


def _wanted_template(text: str, state: State) -> str:
    """"we need a status page asap", "we need a blog for the new project, deploy one": something new
    (a, an) that is what a template is for — a keyword of exactly one template — is that template."""
    def fit(match: re.Match[str]) -> str:
        phrase = ' '.join(match.group('phrase').lower().split())
        found = [t for t in state.templates if phrase in (t.id, t.title.lower()) or phrase in (k.lower() for k in t.keywords)]
        if len(found) != 1:
            return match.group(0)
        return f'deploy the {found[0].id} template'
    text = WANTED.sub(fit, text, count=1)
    wish = WISH.search(text) if 'template' not in text else None
    if wish:   # "is it possible to have monitoring with nice graphs on our home server?", "can i get one login for all our apps"
        phrase = wish.group('phrase')
        given = SETTINGS_SAID.search(phrase)   # "a ghost blog named sso", "node-red on port 5050": the thing, then its settings
        if given and given.start() > 0:
            wish = WISH.search(text[:wish.start('phrase') + given.start()].rstrip() + ' .')
            settings = phrase[given.start():]
        else:
            settings = ''
    if wish:
        template_ids = {t.id for t in state.templates}   # "traefik" is an image and a template of that name
        said = [w for w in re.findall(r"[a-z0-9][\w.-]*", wish.group('phrase').lower()) if w not in HERE_WORDS]
        head = re.split(r'\b(?:that|which|who|when|whether|where|backed|behind|using|powered|built)\b',
                        wish.group('phrase').lower())[0]
        described = set(said) - set(re.findall(r"[a-z0-9][\w.-]*", head))   # "an app that checks … when one is down"
        if re.search(r'\bsomething\s+(?:that|which|to|for)\s*$', wish.group(0)[:wish.start('phrase') - wish.start()]):
            described = set(said)   # "something that stops ads": all of it says what it is for
        if re.match(r'\s*to\s', wish.group('phrase')):
            described = set()   # "I want to see which stacks exist": a request, not a thing
        # "a ghost blog named sso": after "a" and a template's name, "blog" describes it (the stack blog is "the blog")
        described_by = re.search(r'\b(?:an?|some|one|another)\s+$', wish.group(0)[:wish.start('phrase') - wish.start()]) \
            and bool(said) and said[0] in template_ids
        plain = not any((state.container(w) is not None or w in state.stacks) and not (described_by and w not in template_ids)
                        or any(c.isdigit() for c in w)
                        or w not in described and (w in KNOWN_IMAGES and w not in template_ids or w in LOG_WORDS or w in STATES
                                                   or VERBS.get(lemma(w) or '') in LIFECYCLE or w in PARAM_SAID)
                        for w in said)
        plain = plain and not CREDENTIAL_GIVEN.search(wish.group('phrase')) and not set(said) & {'container', 'image'}
        if said and plain:   # only what a template is for: versions, ports, settings and requests go the usual way
            found, score = match_template(said, wish.group(0).lower(), state.templates)
            if len(found) == 1 and score >= 6:
                tail = text[wish.end():] if not settings else text[text.find(settings, wish.start()) + len(settings):]
                rest = re.sub(r'^[^,;]*?(?:[?.!]+[^\w,;]*$|(?=[,;]))', '', tail)   # "… on the server?": said
                rest = re.sub(r'^[,;\s]*(?:(?:can|could|would)\s+you\s+(?:do\s+that|do\s+it|help)[?.!\s]*)?$', '', rest)
                rest = re.sub(r'^\s*\?+\s+(?=\w)', '. ', rest)   # "Could I get vaultwarden? Port 9000 …": asked as a wish
                text = text[:wish.start()] + f'deploy the {found[0]} template' + (f' {settings}' if settings else '') + rest
    for_that = FOR_THAT.search(text)
    if for_that and 'template' not in text:   # "we keep losing track of our passwords, set up something for that"
        said = re.findall(r"[a-z0-9][\w.-]*", text[:for_that.start()].lower())
        found, score = match_template(said, text[:for_that.start()].lower(), state.templates)
        if len(found) == 1 and score >= 3:
            text = f'deploy the {found[0]} template'
    if 'template' in text:   # "…, deploy one": that one
        text = re.sub(r",?\s*(?:and\s+|so\s+)?(?:(?:can|could|would)\s+you\s+)?(?:please\s+)?(?:deploy|set\s+up|install|set)\s+"
                      r"(?:one|it)(?:\s+up)?\b(?:\s+(?:for\s+(?:me|us)|please|pls))?[\s.!?]*(?:thanks?(?:\s+a\s+lot)?|thx|ty)?[\s.!?]*$",
                      '', text, flags=re.IGNORECASE)
    return text


def _without_repeated_steps(actions: list[Any], explanations: list[str]) -> tuple[list[Any], list[str]]:
    """Steps said twice in a row are done once: "I need to update metrics - could you pull the new
    images and then redeploy it?" is pull, redeploy — not pull, redeploy, pull, redeploy. (Said on
    purpose — "again", "twice" — they are kept; the caller checks.)"""
    index = 0
    while index < len(actions):
        for size in range(1, (len(actions) - index) // 2 + 1):
            if actions[index:index + size] == actions[index + size:index + 2 * size]:
                del actions[index + size:index + 2 * size]
                del explanations[index + size:index + 2 * size]
                break
        else:
            index += 1
    return actions, explanations


THAT_ONE = re.compile(r'\b(?:the\s+(?:whole|entire)|that|this)\s+(?:stack|container|one|thing)\b')


# a statement about something: its subject, then what it does or did ("ci-runner wont start", "shop-db-1
# stopped answering health checks", "immich-db-1 is spamming my logs", "mailer hung hard and wont stop")
DESCRIBES = re.compile(r"^\s*(?:(?:hi|hey|hello|so|ok|um+|ugh|ok\s+so)[,!.]?\s+)*(?P<subject>(?:the\s+|my\s+|our\s+)?"
                       r"(?:(?:last|latest|new|newest|recent|current)\s+)?[\w.-]+"
                       r"(?:\s+(?:stack|container|service|app|one|thing|deploy|deployment|update|release|version|image|images))?)"
                       r"\s+(?:is|are|was|were|has|have|had|keeps|kept|broke|caused|killed|took|brought|"
                       r"won'?t|wont|can'?t|cant|cannot|doesn'?t|doesnt|don'?t|dont|isn'?t|isnt|aren'?t|didn'?t|stopped|"
                       r"started|hung|crashed|died|went|seems|looks|been|just|randomly|suddenly|still|again|not|no\s+longer|"
                       r"throws|threw|spits|spat|eats|ate)\b", re.IGNORECASE)


def _topic(clause: Clause, following: Clause | None, state: State) -> Resolution | None:
    """A clause that only names something ("syncthing is down", "I don't need traefik right now")
    before a request about "it": the thing it names, else None."""
    bare = [w for w in clause.words if w not in FILLER]
    if following is not None and bare and all(_names_something(w, state) for w in bare) and _intent(following, state)[0] \
            in LIFECYCLE | {'logs', 'status', 'history', 'update', 'pull', 'rollback', 'redeploy'} and not [
            w for w in names_in(following.words, state) if _names_something(w, state)]:
        resolution = resolve(bare, state)   # "mailer? pause it", "Docs - restart": the name says whom the request is about
        if resolution.found and not resolution.ambiguous:
            return resolution
    if clause.raw.rstrip().endswith('?'):   # "mailer ok? it feels slow": a question of its own, not what "it" is
        return None
    refers = (set(following.words) & ANAPHORS or THAT_ONE.search(following.lower)) if following is not None else False
    described = DESCRIBES.match(clause.raw) if following is None or not BACK_TO_IT.fullmatch(following.raw.strip()) else None
    if following is not None and not refers and described and not [
            w for w in names_in(following.words, state) if _names_something(w, state)]:
        refers = True   # "jellyfin is not work, please restart": the request names nothing, so it is about jellyfin
    if following is None or not refers or _intent(following, state)[0] is None:
        return None
    if described:   # "ci-runner wont start, …", "x is spamming my logs, stop it": what it says of x asks nothing
        names = [w for w in names_in(Clause(described.group('subject')).words, state) if _names_something(w, state)]
        resolution = resolve(names, state) if names else Resolution()
        if resolution.found and not resolution.ambiguous:
            return resolution
    if any(w in VERBS and VERBS[w] != 'wish' for w in clause.words) or set(clause.words) & LOG_WORDS:
        return None   # "show the logs of x and then restart it": a request of its own, not a topic
    if (_phrasal(clause) is not None or any(w not in STATES and lemma(w) in LIFECYCLE for w in clause.words)
            or _intent(clause, state)[0] in LIFECYCLE | {'rollback', 'logs', 'history'}):   # "roll back crm and then …"
        return None   # "take mailer down then bring it back up", "after the blog restarts, show its logs"
    names = [w for w in names_in([w for w in clause.words if w not in FILLER], state)
             if _names_something(w, state) and w not in ATTRIBUTES]
    resolution = resolve(names, state) if names else Resolution()
    return resolution if resolution.found and not resolution.ambiguous else None


# "… and give me the last 20 lines of it": a read asked for as a wish starts a request of its own
READ_WISH = re.compile(r'(?:give|get|send)\s+(?:me|us)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|a\s+)?(?:last|latest|first|'
                       r'recent|current|full|\d+|logs?|lines?|status|history|list|stats|output|health)\b', re.IGNORECASE)


def _split_on_and(clause: str) -> list[str]:
    """"stop web and show its logs", "stop web, start docs" are two requests; "restart api and
    cache", "pause a, b, and c" one: "and", "also" or a comma start a request only before a verb."""
    pieces = re.split(r'(\s*,\s*(?:and\s+|but\s+)?(?:also\s+)?|\s+(?:and|but)\s+(?:also\s+)?|\s+also\s+)'
                      r'(?=(?:(?:please|then|so|can you|could you|would you mind|would you|will you|can u|maybe|just|kindly)\s+)*'
                      r'(\w+))', clause, flags=re.IGNORECASE)
    if len(pieces) == 1:
        return [clause]
    result, current = [], pieces[0]
    index = 1
    while index < len(pieces):
        joint, lookahead, rest = pieces[index], pieces[index + 1], pieces[index + 2]
        question = ',' in joint and lookahead.lower() in ('is', 'are', 'which', 'what', "what's", 'how', 'does', 'did', 'has')
        if (_starts_request(lookahead.lower()) or question   # "I'm still learning, is my blog running?"
                or _phrasal(Clause(rest)) is not None and lookahead.lower() in PHRASAL
                or any(re.match(rf'{re.escape(phrase)}\b', rest.lower()) for phrase, _ in PHRASES)
                or READ_WISH.match(rest)
                or VERBS.get(lookahead.lower()) == 'up' and re.match(r'\S+\s+(?:it|them|that|this)\b', rest, re.IGNORECASE)
                or ',' in joint and re.match(r'deploy\s+the\s+[\w-]+\s+template\b', rest, re.IGNORECASE)) \
                and not _restart_policy(rest) and not _run_option(rest):   # "… and bring it back up"
            result.append(current)
            current = rest
        else:
            current = f'{current}{joint}{rest}'
        index += 3
    result.append(current)
    return result


RUN_ON_OBJECTS = {'it', 'them', 'logs', 'status', 'again', 'too', 'first'}


def _run_on(clause: str, state: State) -> list[str]:
    """Requests typed one after the other with nothing between them: "stop a start b", "restart vpn show
    logs", "pull search redeploy it", "start ci-runner tail 200". A new request starts at a verb that
    follows what the request before it named (a live name or "it"), when the clause itself began with a verb."""
    tokens = clause.split()
    if len(tokens) < 4 or not _starts_request(tokens[0].lower().strip(',.')) or VERBS.get(tokens[0].lower()) in ('run', 'exec'):
        return [clause]   # "run alpine and have it print env": what follows a run is its command
    for i in range(2, len(tokens) - 1):
        word, before = tokens[i].lower(), tokens[i - 1].lower().strip(',.!?')
        named = (_names_something(before, state) and not _starts_request(before)) or before in RUN_ON_OBJECTS
        named = named and tokens[i - 2].lower() not in ('have', 'let', 'make', 'get', 'tell', 'ask')   # "have it print env"
        if named and word in VERBS and word not in LOG_WORDS | RUN_ON_OBJECTS and _starts_request(word) \
                and not _names_something(word, state) \
                and not _restart_policy(' '.join(tokens[i:])) and not _run_option(' '.join(tokens[i:])):
            return [' '.join(tokens[:i]), *_run_on(' '.join(tokens[i:]), state)]
    return [clause]


def _run_option(text: str) -> bool:
    """", and create database app_prod": an option of the run request before it."""
    return bool(re.match(r'(?:create|add|set)\s+(?:a\s+|the\s+|an\s+)?(?:database|db|user|password|root\s+password|volume|'
                         r'schema)\b', text.strip(), re.IGNORECASE))


def _restart_policy(text: str) -> bool:
    """", restart it if it crashes", ", restart always": the run request's restart policy, not a request."""
    lowered = text.lower()
    return bool(re.match(r'restart\w*\s+(?:(?:it|them)\s+)?(?:policy|always|unless|on[- ]failure|no\b)', lowered)
                or (lowered.startswith('restart') and restart_in_words(lowered)))


NOT_A_REQUEST = ('what', 'which', 'new', 'get', 'add', 'make', 'mount', 'expose', 'publish', 'map', 'set', 'bind', 'serve')


def _starts_request(word: str) -> bool:
    verb = VERBS.get(word) or VERBS.get(lemma(word) or '')
    return (verb is not None and verb not in ('deploy', 'up', 'wish') and word not in STATES
            and word not in NOT_A_REQUEST and (lemma(word) or word) not in NOT_A_REQUEST   # ", mounted read-only at …"
            ) or word in ('tell', 'show')


def _shared_objects(clauses: list[str]) -> list[str]:
    """"pull and redeploy immich": a lone verb takes the object of the request after it."""
    shared = list(clauses)
    for index in range(len(shared) - 2, -1, -1):
        words = shared[index].strip().lower().split()
        after = shared[index + 1].strip().split()
        if len(words) == 1 and _starts_request(words[0]) and len(after) > 1 and _starts_request(after[0].lower()):
            shared[index] = f'{shared[index].strip()} {" ".join(after[1:])}'
    return shared


def _options_first(clauses: list[str]) -> list[str]:
    """"mount ~/data into /data and run alpine", "publish 8080 and run nginx": the options said
    first belong to the run request after them."""
    merged: list[str] = []
    for clause in clauses:
        if merged and re.match(r'^\s*(?:mount|bind|publish|expose|map)\b', merged[-1], re.IGNORECASE) and re.match(
                r'^\s*(?:(?:please|then)\s+)?(?:run|start|launch|spin\s+up|fire\s+up|create)\b', clause, re.IGNORECASE):
            merged[-1] = f'{clause} {merged[-1]}'
        else:
            merged.append(clause)
    return merged


AFTER_YOU = re.compile(r"^(?P<first>.+?)\s+(?:after|once|when)\s+(?:you|we|u)(?:'ve|\s+have|\s+had|'d)?\s+"
                       r"(?:(?:done|finished)\s+(?:the\s+)?)?(?P<verb>[a-z]+)\s+(?P<rest>.+)$", re.IGNORECASE)


def _named_in(moved: str, other: str, state: State) -> str:
    """A step moved before the one it was said after speaks of that one's thing: "redeploy media after
    pulling its images" pulls media's images, "status after starting it" starts what the status is of."""
    names = [w for w in re.findall(r"[\w.-]+", other.lower()) if _names_something(w, state) and w not in VERBS]
    if len(names) != 1 or not re.search(r"\b(?:its?|them|their)\b", moved, re.IGNORECASE):
        return moved
    moved = re.sub(r"\b(?:its|their)\s+(images?|logs?|status|history)\b", rf'the \1 of {names[0]}', moved, flags=re.IGNORECASE)
    return re.sub(r"\b(?:it|them)\b", names[0], moved, flags=re.IGNORECASE)


_WHEN = r'(?:after|once|when|as\s+soon\s+as)'
_BECOMES = r"(?:is|has|'s|has\s+been|have\s+been|is\s+fully|gets?|got|was|were|are)"
LEADING_DONE = re.compile(rf"^\s*{_WHEN}\s+(?P<x>[\w.-]+(?:\s+stack)?)\s+{_BECOMES}\s+{WANTED_STATE}\s*,\s*(?P<rest>.+)$",
                          re.IGNORECASE)   # "once backup is started, tail 200 lines of it"
TRAILING_DONE = re.compile(rf"^(?P<first>.+?)\s+{_WHEN}\s+(?P<x>[\w.-]+(?:\s+stack)?)\s+{_BECOMES}\s+{WANTED_STATE}"
                           r"\s*(?P<end>[.!]?)\s*$", re.IGNORECASE)   # "restart api-07 once billing has been redeployed"
LEADING_DO = re.compile(rf"^\s*{_WHEN}\s+(?:(?:you|we|u)(?:'ve|\s+have)?\s+)?(?P<verb>[a-z-]+)\s+(?P<x>[^,]+?)\s*,\s*"
                        r"(?P<rest>.+)$", re.IGNORECASE)   # "after you restart nextcloud-db-1, show me its logs"
LEADING_DOING = re.compile(r"^\s*(?:after|once)\s+(?P<verb>[a-z]+ing)\s+(?P<x>[\w.-]+)\s+(?P<rest>(?:i|we)\s+(?:want|need|"
                           r"would\s+like)\s+to\s+(?:know|see|check)\b.+)$",
                           re.IGNORECASE)   # "After restarting x I want to know whether it is up"


def _conditions_as_steps(text: str, state: State) -> str:
    """A step said as the condition of the next one is a step of its own, first: "once backup is
    started, tail 200 lines of it", "when x has stopped, remove it", "after you restart x, show its
    logs", "restart api-07 once billing has been redeployed" (the plan runs its steps in order; it
    never waits for something nobody does)."""
    def verb_of(said: str) -> str | None:
        return wanted_verb(' '.join(said.lower().split()))

    def named(x: str) -> bool:
        return _names_something(x.lower().split()[0], state)
    leading = LEADING_DONE.match(text)
    if leading and named(leading.group('x')) and verb_of(leading.group('state')):
        return f'{verb_of(leading.group("state"))} {leading.group("x")}, then {leading.group("rest")}'
    trailing = TRAILING_DONE.match(text)
    if trailing and named(trailing.group('x')) and verb_of(trailing.group('state')) and _starts_request(
            trailing.group('first').split()[0].lower()):
        return f'{verb_of(trailing.group("state"))} {trailing.group("x")}, then {trailing.group("first")}{trailing.group("end")}'
    doing = LEADING_DOING.match(text)
    if doing and lemma(doing.group('verb').lower()) and named(doing.group('x')):
        asked = re.sub(r'^(?:i|we)\s+(?:want|need|would\s+like)\s+to\s+(?:know|see|check)\s+(?:whether|if)?', 'check if',
                       doing.group('rest'), flags=re.IGNORECASE)
        return f'{lemma(doing.group("verb").lower())} {doing.group("x")}, then {asked}'
    do = LEADING_DO.match(text)
    if do and _starts_request(do.group('verb').lower()) and not do.group('verb').lower().endswith('ing') \
            and any(_names_something(w.lower(), state) for w in do.group('x').split()):
        return f'{do.group("verb")} {do.group("x")}, then {do.group("rest")}'
    return text


def _step_first(step: str) -> str:
    """"show me its logs so I can keep them" said to come first: "show me its logs first so I can
    keep them" (the reason stays after the step, "first" with the step)."""
    why = re.search(r'\s+(?:so\b|because\b|since\b|as\s+(?:i|we)\b|in\s+case\b)', step, re.IGNORECASE)
    return f'{step[:why.start()]} first{step[why.start():]}' if why else f'{step} first'


def _in_order(clause: str, state: State) -> list[str]:
    """"start db-07 after stopping git-db-1": the stop first; "restart web before showing its
    logs": the restart first; a leading "after …ing" keeps its place (a leading "before …ing" is
    moved after the next request by ``_ordered``)."""
    text = re.sub(r'^\s*(?:after|once)\s+(?=\w+ing\b)', '', clause, flags=re.IGNORECASE)
    text = re.sub(r'^\s*(?:first(?:ly)?|initially|to\s+start\s+with|to\s+begin\s+with)\s*,?\s+', '', text, flags=re.IGNORECASE)
    match = AFTER.match(text)
    if match and lemma(match.group('second').split()[0].lower()):
        return [_named_in(_base(match.group('second')), match.group('first'), state), match.group('first')]
    match = AFTER_YOU.match(text)   # "list what runs once you have stopped shop-api-1"
    if match and (lemma(match.group('verb').lower()) or match.group('verb').lower()) in LIFECYCLE | {'deploy', 'up'}:
        verb = lemma(match.group('verb').lower()) or match.group('verb').lower()
        return [_named_in(f'{verb} {match.group("rest")}', match.group('first'), state), match.group('first')]
    match = re.match(r'^(?P<verb>[\w-]+)\s+(?P<first>.+?)\s+(?:after|once)\s+(?:the\s+)?(?P<second>[\w-]+)\s*$', text,
                     re.IGNORECASE)
    if match and _starts_request(match.group('verb').lower()) and not match.group('second').lower().endswith('ing') \
            and match.group('second').lower() not in ('that', 'this', 'it', 'them', 'reboot', 'boot', 'restart'):
        return [f'{match.group("verb")} {match.group("second")}', f'{match.group("verb")} {match.group("first")}']
    match = BEFORE.match(text)
    if match and lemma(match.group('second').split()[0].lower()):
        return [match.group('first'), _base(match.group('second'))]
    match = BEFORE_YOU.match(text)   # "show me its logs before you go and restart it"
    if match and _starts_request(match.group('second').split()[0].lower()):
        return [match.group('first'), match.group('second')]
    return [_base(text)]


def _base(clause: str) -> str:
    """"showing its logs" -> "show its logs": a request that starts with a gerund."""
    first, _, rest = clause.strip().partition(' ')
    if first.lower() in STATES and re.match(r'(?:containers|ctrs|stacks|services|ones)\b', rest, re.IGNORECASE):
        return clause   # "running containers?": a state, not a request to run
    base = lemma(first.lower()) if first.lower().endswith('ing') else None
    return f'{base} {rest}' if base else clause


LEADING_BEFORE = re.compile(r"^\s*before\s+(?:(?:you|we|u)(?:'ve|\s+have)?\s+(?:go\s+(?:ahead\s+)?and\s+|do\s+|can\s+)?)?"
                            r"(?P<verb>[\w-]+)\s", re.IGNORECASE)   # "before restarting x, …", "before you restart x, …"
BARE_READ = r"\s*(?:pull|grab|fetch|show|get|check|tail|send)\s+(?:me\s+)?(?:the\s+)?(?:new|newest|latest|updated|last)?\s*" \
            r"(?:\d+\s+)?(?:images?|logs?|log\s+lines|lines|status|history)\s*"


def _ordered(clauses: list[str]) -> list[str]:
    """"before restarting web, show its logs": the logs first."""
    result = list(clauses)
    for index in range(len(result) - 1):
        leading = LEADING_BEFORE.match(result[index])
        if leading and (lemma(leading.group('verb').lower()) or leading.group('verb').lower() in VERBS):
            moved = _base(result[index][leading.start('verb'):])
            thing = ' '.join(moved.split()[1:])   # "its logs" in the request now first means that thing's logs
            first = result[index + 1]
            if thing and re.search(r'\bits\b', first, re.IGNORECASE):   # "show me its last 20 lines": …of that thing
                first = re.sub(r'\s*[.!]?\s*$', f' of {thing}', re.sub(r'\bits\b', 'the', first, flags=re.IGNORECASE))
            if thing and not re.search(r'\b(?:its?|them|their|of)\b', result[index + 1], re.IGNORECASE) and re.fullmatch(
                    BARE_READ, first, re.IGNORECASE):
                first = f'{first} of {thing}'   # "before restarting shop, pull the new images": shop's
            result[index], result[index + 1] = re.sub(r'\bit\b', thing, first) if thing else first, moved
    for index in range(1, len(result)):   # "stop shop-api-1, but grab its last 100 log lines first"
        if re.search(r'\s+first\s*[.!]?\s*$', result[index], re.IGNORECASE):
            earlier = result[index - 1]
            thing = ' '.join(earlier.split()[1:])
            moved = re.sub(r'\s+first\s*[.!]?\s*$', '', result[index], flags=re.IGNORECASE)
            if thing and not re.search(r'\b(?:its?|them|their)\b', moved, re.IGNORECASE) and re.fullmatch(
                    BARE_READ, moved, re.IGNORECASE):
                moved = f'{moved} of {thing}'   # "redeploy shop, but before that pull the new images": shop's
            moved = re.sub(r'\bit\b', thing, re.sub(r'\bits\b', f"{thing}'s", moved, flags=re.IGNORECASE),
                           flags=re.IGNORECASE) if thing else moved   # "…, but before show me the logs of it"
            result[index - 1], result[index] = moved, earlier
    return result


NOT_VERBS = frozenset({'terminal', 'terminals', 'console', 'consoles', 'station', 'stats', 'status', 'started', 'stacks',
                       'starter', 'restore', 'reset'})   # words a typo match would misread ("terminal" is no "terminate")


def _verb_of(word: str) -> str | None:
    if word in VERBS:
        return VERBS[word]
    if len(word) >= 4 and word not in NOT_VERBS:
        for verb in FUZZY_VERBS:
            if close_enough(word, verb):
                return VERBS[verb]
    return None


def _intent(clause: Clause, state: State) -> tuple[str | None, set[int]]:
    """The request's verb and the word positions it used: phrases, then exact verbs, then typos
    of verbs — but a word that names something here ("shop") is never read as a typo ("stop")."""
    phrasal = _phrasal(clause)
    if phrasal is not None:
        return phrasal
    lowered = ' '.join(clause.words)
    reading = bool(set(clause.words) & LOG_WORDS)
    for phrase, verb in PHRASES:
        match = re.search(rf'\b{re.escape(phrase)}\b', lowered)
        before = lowered[:match.start()].split()[-1:] if match else []
        if phrase == 'is running' and before and before[0] in ('what', 'which', 'who', 'that', 'else'):
            continue   # "show me what is running": a list, not one thing's status
        if match and not (reading and phrase.startswith(('bring', 'pull'))):
            start = len(lowered[:match.start()].split())
            return verb, set(range(start, start + len(phrase.split())))
    causative = bool(set(clause.words) & CAUSATIVE) and clause.words[0] not in ASKING
    def participle_ok(index: int, word: str) -> bool:   # "can be stopped", "get x stopped"; not "running containers"
        before = clause.words[index - 1] if index else ''
        return word not in STATES or (causative and (before in ('be', 'been', 'being') or _names_something(before, state)))
    inflected = [(index, base) for index, word in enumerate(clause.words)
                 if (base := lemma(word)) and VERBS[base] != 'wish' and participle_ok(index, word)
                 and not _names_something(word, state)]
    for index, word in enumerate(clause.words):
        if word in VERBS and not (word in FILLER and word not in VERBS):
            if VERBS[word] in ('show', 'wish') and causative and inflected:   # "get cache restarted", "I want x stopped"
                at, base = inflected[0]
                return VERBS[base], {index, at}
            if VERBS[word] in ('show', 'wish', 'create') and word in ('give', 'make', 'let', 'have', 'want', 'need', 'needs',
                                                                      'wants'):
                later = next((i for i in range(index + 1, len(clause.words)) if VERBS.get(clause.words[i]) in LIFECYCLE
                              and clause.words[i] not in STATES), None)
                if later is not None:   # "give worker-03 a restart", "make api-02 stop", "I want to restart web"
                    return VERBS[clause.words[later]], {index, later}
            return VERBS[word], {index}
    for index, base in inflected:   # "restarting traefik", "the cache can be stopped now"
        return VERBS[base], {index}
    for index, word in enumerate(clause.words):
        if word in FILLER or word in STATES or _names_something(word, state):   # "paused" is a state, not "pause"
            continue
        verb = _verb_of(word)
        if verb:
            return verb, {index}
    return None, set()


LIFECYCLE = {'start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove', 'redeploy', 'update', 'pull', 'scale'}
CAUSATIVE = {'get', 'have', 'want', 'need', 'needs', 'be', 'should', 'must', 'can', 'could', 'please', 'wants', 'wanted',
             'needed', 'asks', 'asked', 'likes', 'like', 'prefer', 'prefers'}


def lemma(word: str) -> str | None:
    """The verb an inflected form stands for: restarting, restarted, stopping, paused, removed …"""
    for ending, adds in (('ing', ('', 'e')), ('ed', ('', 'e')), ('s', ('',))):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[:-len(ending)]
            for add in adds:
                if stem + add in VERBS and stem + add not in FILLER:
                    return stem + add
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in VERBS:   # stopping, stopped
                return stem[:-1]
    return None


# Phrasal verbs: the particle decides the meaning and may stand after the object ("take the
# blog down", "bring shop back up", "shut the cache off"). verb -> particle -> meaning.
PHRASAL: dict[str, dict[str, str]] = {
    'take': {'down': 'stop', 'offline': 'stop', 'off': 'stop', 'hold': 'unpause'},
    'shut': {'down': 'stop', 'off': 'stop'},
    'turn': {'off': 'stop', 'on': 'start', 'down': 'stop', 'up': 'start', 'offline': 'stop', 'online': 'start'},
    'switch': {'off': 'stop', 'on': 'start', 'offline': 'stop', 'online': 'start'},
    'power': {'off': 'stop', 'down': 'stop', 'on': 'start', 'up': 'start'},
    'bring': {'up': 'start', 'online': 'start', 'back': 'start', 'down': 'stop', 'offline': 'stop'},
    'spin': {'up': 'up', 'down': 'stop'},
    'fire': {'up': 'start', 'back': 'start'},
    'boot': {'up': 'start', 'back': 'start'},
    'start': {'up': 'start', 'back': 'start', 'over': 'restart'},
    'roll': {'back': 'rollback'},
    'flip': {'off': 'stop', 'on': 'start'},
    'cut': {'off': 'stop'},
    'let': {'rest': 'stop'},
    'wind': {'down': 'stop'},
    'kill': {'off': 'kill'},
    'put': {'online': 'start', 'offline': 'stop', 'back': 'start', 'sleep': 'stop', 'hold': 'pause', 'pause': 'pause'},
    'place': {'hold': 'pause'},
    'crank': {'up': 'start'},
    'clear': {'out': 'remove', 'away': 'remove'},
    'sweep': {'away': 'remove', 'out': 'remove'},
    'get': {'running': 'start', 'online': 'start', 'back': 'start', 'going': 'start'},
    'set': {'up': 'deploy', 'going': 'start', 'running': 'start'},
    'tear': {'down': 'remove'},
    'wake': {'up': 'start'},
    'finish': {'off': 'kill'},
    'throw': {'away': 'remove', 'out': 'remove'},
    'clean': {'up': 'remove'},
    'close': {'down': 'stop'},
    'stand': {'up': 'start', 'down': 'stop'},
    'knock': {'out': 'stop', 'down': 'stop', 'off': 'stop', 'offline': 'stop'},
    'wipe': {'out': 'remove', 'away': 'remove'},
}
PARTICLE_REACH = 5   # words between the verb and its particle ("bring the crm frontend back up")


def _phrasal(clause: Clause) -> tuple[str, set[int]] | None:
    """A verb with its particle, next to it or after the object: the meaning and the positions."""
    words = clause.words
    for index, word in enumerate(words):
        meanings = PHRASAL.get(word)
        if not meanings or (index and words[index - 1] in ('to', 'the', 'a') and word in ('set', 'get', 'put')):
            continue
        found = [(j, words[j]) for j in range(index + 1, min(len(words), index + 2 + PARTICLE_REACH))
                 if words[j] in meanings and not (word == 'get' and j == index + 1)]   # "get running containers"
        if set(words) & LOG_WORDS and word in ('bring', 'pull', 'get'):   # "bring up the logs of web": a read
            continue
        if not found:
            continue
        particles = [p for _, p in found]
        held = next((j for j in range(index + 1, min(len(words), index + 2 + PARTICLE_REACH)) if words[j] in ('hold', 'pause')
                     and j and words[j - 1] in ('off', 'on')), None)
        if held is not None and words[held - 1] == 'off':   # "take web off hold": the opposite of "put web on hold"
            return 'unpause', {index, held - 1, held}
        if 'off' in particles and 'on' in particles[particles.index('off'):]:   # "turn it off and (back) on again"
            last = max(j for j, _ in found)
            return 'restart', {index, *(j for j, _ in found),
                               *(j for j in range(index, last + 2) if j < len(words) and words[j] in ('back', 'again', 'and'))}
        if 'down' in particles and 'up' in particles[particles.index('down'):]:   # "bring docs down and back up"
            last = max(j for j, _ in found)
            return 'restart', {index, *(j for j, _ in found),
                               *(j for j in range(index, last + 1) if words[j] in ('back', 'again', 'and'))}
        # the last particle of the span decides ("back up", "back online"); "back" alone is a return
        position, particle = next(((j, p) for j, p in reversed(found) if p != 'back'), found[-1])
        used = {index, *(j for j, _ in found), *(j for j in range(index, position) if words[j] in ('back', 'again'))}
        return meanings[particle], used
    return None


def _live(word: str, state: State) -> bool:
    """The word names a stack, a container or a part of one here (not a template)."""
    return (word in state.stacks or state.container(word) is not None
            or any(word == b.service or word == b.repo or word in b.name.split('-') for b in state.containers))


def _names_something(word: str, state: State) -> bool:
    word = word[:-2] if word.endswith("'s") else word
    return _live(word, state) or any(word == t.id for t in state.templates)


NAMED_LIKE = re.compile(r'\b(?:containers?|ones)\s+(?:with|that\s+have|having|which\s+have|have)\s+'
                        r'(?P<part>["\']?[\w.-]+["\']?)\s+'
                        r'in\s+(?:the|their|its)\s+names?\b|\b(?:containers?|ones)\s+(?:whose|with\s+a)\s+names?\s+'
                        r'(?:contains?|has|have|includes?|with)\s+(?P<part2>["\']?[\w.-]+["\']?)', re.IGNORECASE)
PORT_USER = re.compile(r"^\s*(?:who|what|which(?:\s+(?:containers?|one|app|service))?)(?:'s|s|\s+is|\s+are)?\s+(?:using|on|"
                       r"listening\s+(?:on|to)|bound\s+to|holding|taking|occupying|publishing|exposing|behind)\s+"
                       r"(?:port\s+|:)?(\d{1,5})\b", re.IGNORECASE)
WHO_DID = re.compile(r"^\s*(?:and\s+)?who\s+(?:(?:last|just|recently)\s+)?(?:[a-z]+ed|did|ran|broke|took|made|touched|"
                     r"changed|rolled|tore|shut|upgraded|pulled)\b", re.IGNORECASE)
LISTED = re.compile(r'^(?:(?:any|all|the|only|just)\s+)*(?P<state>running|up|active|stopped|exited|dead|down|crashed|'
                    r'paused|created|unhealthy|healthy)\s+(?:containers|ctrs)\s*[?.!]*$', re.IGNORECASE)


HOST_WORDS = {'server', 'host', 'machine', 'box', 'system', 'docker', 'engine', 'node', 'homelab', 'nas', 'vps', 'overall'}
NEGATIONS = {'not', "isn't", "aren't", "wasn't", "weren't", 'no', 'never'}


# An inventory said without a verb: only kinds, states and the words around them ("stopped ones pls",
# "containers that aren't running", "how many stacks are there", "what's deployed here, container-wise?")
INVENTORY_NOUNS = {*KINDS, 'ones', 'things', 'stuff', 'ctrs', 'deployed', 'installed', 'deployments'}
INVENTORY_GLUE = {*FILLER, *ALL_WORDS, *NEGATIONS, 'what', "what's", 'whats', 'which', 'how', 'many', 'here', 'got',
                  'have', 'has', 'exist', 'exists', 'existing', 'on', 'in', 'at', 'of', 'and', 'wise', 'only', 'still', 'right',
                  'yet', 'currently', 'moment', 'atm', 'overall', 'total', 'count', 'number', 'where', 'who', 'we', "we've",
                  "i've", 'now', 'or', 'else', 'other', 'host', 'server', 'machine', 'box', 'system', 'thx', 'are', 'were'}


def _inventory(clause: Clause, state: State) -> bool:
    if re.search(r'[\d"\'=:/@]', clause.raw.replace("'s", '').replace("'t", '')):
        return False   # a port, a number, a value or an image: more than an inventory
    words = [w for w in clause.words if w not in ('container-wise', 'stack-wise')]
    nouns = [w for w in words if w in INVENTORY_NOUNS or w in STATES or w in ('healthy', 'unhealthy')]
    if not nouns or any(w not in INVENTORY_GLUE and w not in INVENTORY_NOUNS and w not in STATES
                        and w not in ('healthy', 'unhealthy') for w in words):
        return False
    return not any(_live(w, state) for w in words if w not in KINDS and w not in STATES)


IMAGE_USER = re.compile(r"^\s*(?:(?:which|what|list|show|give|any|all|are\s+there\s+any|do\s+(?:i|we)\s+have\s+any)\s+(?:me\s+)?"
                        r"(?:the\s+|of\s+the\s+)?(?:containers?|ones|services|apps|things|stuff)?|(?:the\s+)?containers?)\s*"
                        r"(?:that\s+|which\s+|are\s+|is\s+)?(?:use|uses|using|run|runs|running|are\s+running|are\s+using|"
                        r"based\s+on|built\s+(?:on|from)|made\s+from|from|of)\s+(?:the\s+)?(?:image\s+)?"
                        r"(?P<image>[a-z0-9][\w./-]*)(?:\s+(?:image|containers?))?\s*[?.!]*$", re.IGNORECASE)


HISTORY_SAID = re.compile(r"\b(?:last|latest|recent|previous|past|few|\d+|two|three|four|five|ten)\s+(?:\w+\s+)?"
                          r"(?:deploys|deployments|releases|rollouts|redeploys)\b|"
                          r"\b(?:log|record|list|trail)\s+of\s+(?:the\s+|all\s+)?(?:deploys|deployments|changes|rollbacks)\b|"
                          r"\b(?:things?|stuff|what)\s+(?:that\s+|which\s+)?(?:was|were|got|has\s+been|have\s+been)\s+"
                          r"(?:deployed|redeployed|rolled\s+(?:out|back)|changed)\b|"
                          r"\b(?:what|which|when)\s+(?:did\s+(?:we|i|you|they|someone|somebody|anyone)\s+(?:last\s+)?"
                          r"(?:deploy|redeploy|roll\s+out|change|touch)|went\s+out)\b|"
                          r"\bwhat\s+went\s+out\b")
OVERVIEW = re.compile(r"\b(?:overview|summary|rundown|run-down|big\s+picture|health\s+check|status\s+report|sitrep|"
                      r"how\s+(?:is|are)\s+(?:things|we|everything)\s+(?:looking|doing|going))\b")
TEMPLATE_FOR = re.compile(r"\b(?:templates?|recipes?|one-click\s+apps?)\s+(?:for|with|of|about|that\s+(?:does|gives))\s+"
                          r"(?:an?\s+|the\s+|some\s+)?(?P<q>[a-z][\w-]+)")
IMAGE_KIND = re.compile(r"^\s*(?:(?:do|have)\s+(?:i|we|you)\s+(?:have|got)|are\s+there|is\s+there|list|show(?:\s+me)?|any|"
                        r"how\s+many)\s+(?:any\s+|all\s+|the\s+|my\s+|our\s+|an?\s+)?(?P<image>[a-z0-9][\w./-]*)\s+"
                        r"(?:containers?|instances?)(?:\s+(?:here|running|at\s+all|anywhere|(?:have|do)\s+(?:i|we)\s+(?:got|have)|"
                        r"(?:i|we)\s+(?:have|got|run)))?\s*[?.!]*$", re.IGNORECASE)


def _image_here(image: str, state: State) -> bool:
    """An image some container here runs ("postgres", "nginx", "grafana/grafana"), not a word."""
    repo = image.rsplit('/', 1)[-1]
    return any(b.repo == repo for b in state.containers) and repo not in COMMON and image not in state.stacks


def _parse_clause(clause: Clause, state: State, out: Parsed, previous: Resolution | None) -> Resolution | None:
    if _inventory(clause, state):   # "stopped ones pls", "how many containers are there"
        return parse_list(clause, state, out, [w for w in clause.words if w not in FILLER], 'list', previous)
    by_name = NAMED_LIKE.search(clause.raw)
    # "containers with redis in the name", "which containers have 'db' in their names"
    if by_name and _intent(clause, state)[0] in (None, 'list', 'show', 'status'):
        part = (by_name.group('part') or by_name.group('part2')).strip('"\'').lower()
        add_action(out, ListAction(kind='containers', filters={'name': part}), f'list containers named like {part}')
        return previous
    if HISTORY_SAID.search(clause.lower) and not _new_container(clause, clause.words, state):
        # "the last three deploys", "log of deploys to crm", "what did we deploy yesterday": what was done
        return parse_history(clause, state, out, [w for w in clause.words if w not in FILLER], 'history', previous)
    if OVERVIEW.search(clause.lower) and not any(_live(w, state) or w in KINDS for w in clause.words):
        if out.actions and isinstance(out.actions[-1], ListAction):   # "show me all the containers? I'd like an overview"
            return previous
        add_action(out, StatusAction(target=None), 'show the status of the engine, the host and every running container')
        return previous
    catalog = TEMPLATE_FOR.search(clause.lower)
    if catalog and (clause.words[0] in QUESTION_STARTS
                    or clause.words[0] in ('any', 'list', 'show', 'search', 'find', 'look', 'templates', 'template')):
        wanted = catalog.group('q')   # "do we have a template for wikis": the catalog, searched
        wanted = wanted[:-1] if wanted.endswith('s') and not wanted.endswith('ss') and len(wanted) > 3 else wanted
        add_action(out, ListAction(kind='templates', filters={'q': wanted}), f'list templates about {wanted}')
        return previous
    by_image = IMAGE_USER.match(clause.raw) or IMAGE_KIND.match(clause.raw)
    if by_image and _image_here(by_image.group('image').lower(), state):   # "which containers run postgres"
        image = by_image.group('image').lower()
        add_action(out, ListAction(kind='containers', filters={'image': image}), f'list containers of image {image}')
        return previous
    on_port = PORT_USER.match(clause.raw)
    if on_port:   # "who's using port 443", "what is listening on 8080"
        add_action(out, ListAction(kind='containers', filters={'port': on_port.group(1)}),
                   f'list containers on port {on_port.group(1)}')
        return previous
    listed = LISTED.match(clause.raw)
    if listed:   # "running containers?", "unhealthy containers": a list, said as its noun
        word = listed.group('state').lower()
        filters = {'health': word} if word in ('healthy', 'unhealthy') else {'status': STATES[word]}
        add_action(out, ListAction(kind='containers', filters=filters), f'list {word} containers')
        return previous
    verb, used = _intent(clause, state)
    if WHO_DID.match(clause.raw):   # "who restarted crm recently?": what was done and by whom, the history
        verb, used = 'history', set()
    asking = _asks(clause)
    if verb not in READS and asking:
        verb, used = None, set()   # "is web restarting?", "when was shop last deployed?": a question changes nothing
    if clause.words and clause.words[0] == 'why':   # "why did web-03 stop?": what it logged says why
        return parse_logs(clause, state, out, [w for w in clause.words if w not in ATTRIBUTES and w not in FILLER],
                          'logs', previous)
    if (clause.words and clause.words[0] in QUESTION_STARTS
            and (clause.has('print', 'printed', 'say', 'said', 'write', 'wrote', 'output', 'log', 'logged', 'complaining',
                            'thrown', 'throw', 'threw', 'throwing', 'logging')
                 or (set(clause.words) & set(GREP_STEMS) and not set(clause.words) & STATUS_WORDS))):
        verb = 'logs'   # "what did the blog db print since 10 minutes ago", "were there any timeouts in web's log?"
    if verb == 'pull' and set(clause.words) & LOG_WORDS - {'said'}:   # "grab the logs of web", "fetch its output"
        verb = 'logs'
    rest = [w for i, w in enumerate(clause.words) if i not in used]
    words = [w for w in rest if w not in FILLER]
    ran = parse_exec(clause, state, out, previous)   # "exec ls /data in web", "run 'df -h' in the db"
    if ran is not False:
        return ran
    if asks_for_console(clause):   # "open a shell in web", "exec into the db"
        return parse_console(clause, state, out, [w for w in clause.words if w not in FILLER], 'console', previous)
    # the content of the request can say more than its verb
    fuzzy_content = {content_word(w) for w in words}
    if verb == 'wish':  # "I want …", "give me …": what follows decides
        if clause.has('replicas', 'replica', 'copies', 'instances') and clause.numbers:
            return parse_scale(clause, state, out, words, 'scale', previous)
        if set(clause.words) & {'networks', 'volumes', 'images', 'stacks', 'templates'} and not any(
                _names_something(w, state) for w in words) and match_template(words, clause.lower, state.templates)[1] < 12:
            return parse_list(clause, state, out, words, 'list', previous)   # "give me the docker networks"
        verb = (None if fuzzy_content & {'logs', 'status', 'history'} or set(words) & (LOG_WORDS | STATUS_WORDS)
                else 'deploy')
    durations = re.findall(r'\b\d+\s*(?:days?|weeks?|hours?|hrs?|minutes?|mins?|months?|years?|[dwhm])\b', clause.lower)
    counted = (clause.numbers if len(durations) < len(clause.numbers) else []) or set(clause.words) & (
        set(NUMBER_WORDS) - {'a', 'an'}) or re.search(
        r'\ban?\s+(?:single\s+|extra\s+|new\s+)?(?:replica|copy|instance)\b', clause.lower)   # not "a message queue"
    if (re.search(r'\b(?:down|up|back)\s+to\s+(?:just\s+|only\s+)?(?:\d+|one|two|three|four|five|a\s+single)\b', clause.lower)
            or re.search(r'\b(?:drop|reduce|lower|cut|dial|set|put)\s+(?:the\s+)?[\w/.-]+(?:\s+[\w/.-]+){0,3}?\s+(?:back\s+)?'
                         r'(?:down\s+)?to\s+(?:just\s+|only\s+)?(?:\d{1,3}|one|two|three|four|five|a\s+single)\b(?!\s*[:.]\d)',
                         clause.lower)) \
            and any(service_word(w, state) for w in clause.words) and verb not in ('logs', 'history'):
        return parse_scale(clause, state, out, words, 'scale', previous)   # "bring the billing worker back down to just one"
    more = re.search(r'\b\w+\s+(?:more|extra|additional)\b|\banother\b|\b(?:half|twice)\s+as\s+many\b',
                     clause.lower) and any(
        service_word(w, state) for w in clause.words)   # "one more wordpress for the blog"
    service_named = any(b.service in clause.words for b in state.containers if b.stack)
    if verb in ('up', 'start') and match_template(words, clause.lower, state.templates)[1] >= 12 and (verb == 'up' and any(
            not _names_something(w, state) and w not in FILLER and w not in KINDS and w not in ('with', 'on', 'and', 'a', 'an')
            and not w.isdigit()
            for w in words) or bool(words) and words[0] in {t.id for t in state.templates} and not _live(words[0], state)):
        # "spin up postgres with pgadmin on :5050": the template, not the postgres that runs; "bring up minio": none runs
        return parse_deploy(clause, state, out, words, 'deploy', previous)
    if verb in (None, 'run', 'create', 'deploy', 'up', 'start', 'wish', 'show', 'list') and not asking and not versioned_image(
            clause, words) and (
            (clause.has('replicas', 'replica', 'copies', 'instances') and counted) or more
            or (counted and service_named and set(clause.words) & {'need', 'want', 'have', 'keep'})   # "I need 4 …"
            or counted_service(clause, state) or scale_pairs(clause, state)):   # "4 workers in shop", "web=5"
        return parse_scale(clause, state, out, words, 'scale', previous)   # "run 3 instances of the shop web service"
    if verb == 'show' and re.search(r'\b(?:get|give|find)\s+(?:me\s+|us\s+)?(?:a|an)\b', clause.lower) and not any(
            _names_something(w, state) for w in words) and match_template(words, clause.lower, state.templates)[1] >= 5:
        return parse_deploy(clause, state, out, words, 'deploy', previous)   # "can I get a wiki"
    if asking and clause.has('install', 'deploy', 'setup') and set(clause.words) & {'what', 'which', "what's", 'whats', 'any'}:
        add_action(out, ListAction(kind='templates'), 'list templates')   # "what apps are there that I could install?"
        return previous
    if DEFINITION.match(clause.raw):   # "what is a container exactly?": not a request
        out.warnings.append('That is a question about Docker itself; I can list, start, stop, deploy and explain what '
                            'runs here.')
        return previous
    if (verb is None or verb == 'status' and re.search(r'\b(?:on|at)\s+(?:port\s+)?\d{2,5}\b', clause.lower)) \
            and not asking and words and not any(_live(w, state) for w in words) and match_template(
            [w for w in clause.words if w not in FILLER], clause.lower, state.templates)[1] >= 12:
        # "uptime monitor on 3011 please", "a website monitor on 3012": a template, not a status
        return _template_or_nothing(clause, state, out, words)
    if verb in (None, 'show', 'status', 'list'):
        words_and_fixes = set(words) | fuzzy_content
        if words_and_fixes & HISTORY_WORDS or 'history' in fuzzy_content or verb == 'history':
            verb = 'history'
        elif (set(clause.words) | fuzzy_content) & LOG_WORDS and not (set(words) & STATUS_WORDS - {'errors'}):
            verb = 'logs'
        elif (set(clause.words) | fuzzy_content) & STATUS_WORDS or verb == 'status':
            verb = 'status'
        elif verb == 'show' and not set(words) & (set(KINDS) | set(STATES) | ALL_WORDS) and clause.has(
                'details', 'detail', 'info', 'information', 'everything') and any(_names_something(w, state) for w in words):
            verb = 'status'   # "show me details about zigbee2mqtt"
        elif (verb in ('show', 'list') and (set(words) & (set(KINDS) | set(STATES) | ALL_WORDS) or not words
                                           or verb == 'list' or clause.has('show', 'list', 'display')))or (
                verb is None and set(words) & set(KINDS) and match_template(words, clause.lower, state.templates)[1] < 12
                and all(w in KINDS or w in STATES or w in ALL_WORDS or w in FILLER or w in ('of', 'in', 'on', 'what', 'which')
                        or _names_something(w, state) for w in words)):   # "the container oldjenkins": not a list
            verb = 'list'
        elif verb == 'show':
            verb = None  # "what is the meaning of life": nothing to list
    if verb in ('deploy', 'up', 'create', 'run') and (set(words) & HISTORY_WORDS):
        verb = 'history'
    if verb in (None, 'list') and not asking and (image_word(words) or clause.images) and (
            clause.words[0] in ('a', 'an', 'one', 'new') or versioned_image(clause, words)
            or '/' in (image_word(words) or '') and words and words[0] == image_word(words)
            or len([p for p in clause.ports if p.container]) > 1 or any(p.container for p in clause.ports)
            and words and words[0] == image_word(words)):   # "httpd on host port 8088, container port 80"
        return parse_run(clause, state, out, words, 'run', previous)   # "a redis 7 container …", "mysql:8 container, …"
    if verb == 'restart' and (clause.images or image_word(words)) and not any(_names_something(w, state) for w in words) \
            and re.search(r'\brestarts?\s+(?:always|unless|on[- ]failure)|\balways\s+restarts?\b', clause.lower):
        return parse_run(clause, state, out, words, 'run', previous)   # "a nginx container that always restarts"
    if verb in ('start', 'up') and _new_container(clause, words, state):   # "start a caddy named edge", "fire up httpd"
        return parse_run(clause, state, out, words, 'run', previous)
    if verb in (None, 'show', 'status', 'list'):
        answered = _question(clause, state, out, words, previous)
        if not isinstance(answered, bool):
            return answered
    if verb is None and asking:   # "what image is traefik running": about what runs, never a new one
        return _status_of_named(clause, state, out, words, previous)
    if verb is None:
        return _template_or_nothing(clause, state, out, words)
    handler = HANDLERS.get(verb)
    if handler is None:
        return previous
    return handler(clause, state, out, words, verb, previous)


def _new_container(clause: Clause, words: list[str], state: State) -> bool:
    """A start request for a container that does not exist yet: an image is named ("a caddy",
    "apache httpd", "redis:7") and no word of it names anything that runs here."""
    image = clause.images[0] if clause.images else image_word(words)
    if image is None or any(_names_something(w, state) for w in words):
        return False
    return bool(clause.images) or clause.has('a', 'an', 'new', 'fresh', 'another') or bool(
        re.search(r'\b(?:named|called|name\s+it|call\s+it|under\s+the\s+name)\b', clause.lower))


ASKING = {'is', 'are', 'was', 'were', 'has', 'have', 'did', 'does', 'isn\'t', 'aren\'t', 'hasn\'t', 'didn\'t'}
READS = {None, 'show', 'status', 'list', 'logs', 'history'}


def _question(clause: Clause, state: State, out: Parsed, words: list[str],
              previous: Resolution | None) -> Resolution | None | bool:   # False: not a question
    """A question about named things ("is blog up?", "what ports is web using", "are web and api
    healthy") is their status, one action per thing named. ``False``: not such a question."""
    question = clause.raw.rstrip().endswith('?') or (bool(clause.words) and clause.words[0] in QUESTION_STARTS)
    if not question or set(clause.words) & (LOG_WORDS | HISTORY_WORDS) or 'history' in {content_word(w) for w in words}:
        return False
    if clause.words[0] == 'why':   # "why did web-03 stop?": what it logged says why
        return parse_logs(clause, state, out, [w for w in words if w not in ATTRIBUTES], 'logs', previous)
    if clause.words[0] == 'when' and clause.has('restart', 'restarted', 'start', 'started', 'stop', 'stopped', 'crash',
                                                'crashed', 'die', 'died', 'exit', 'exited', 'boot', 'booted', 'reboot'):
        pass   # "when did docs last restart?": its status says when it started
    elif clause.words[0] == 'when' and clause.has('deployed', 'changed', 'updated', 'modified', 'redeployed', 'last'):
        return parse_history(clause, state, out, words, 'history', previous)   # "when was shop last deployed?"
    if clause.has('deploy', 'install') and clause.words[0] in ('what', 'which'):   # "what can I deploy?"
        add_action(out, ListAction(kind='templates'), 'list templates')
        return previous
    anything = {'anything', 'something', 'any', 'anyone', 'everything', 'all', 'nothing'}
    names = [w for w in names_in(words, state) if w not in ATTRIBUTES and w not in STATUS_WORDS
             and w not in SORT_WORDS and w not in anything and not w.isdigit()]
    if names and all(w in HOST_WORDS for w in names) and not any(state.container(w) or w in state.stacks for w in names):
        add_action(out, StatusAction(target=None), 'show the status of the engine, the host and every running container')
        return previous   # "how is the server doing overall?": the host, not a container with "server" in its name
    listing = (set(clause.words) & (ALL_WORDS | anything | {'containers', 'ones', 'what', 'which', 'who'})
               or clause.words[0] in ('what', 'which', "what's", 'whats'))
    port = re.search(r'\bports?\s+(\d{1,5})\b|\b(?:on|at|to)\s+(?:port\s+)?(\d{1,5})\b', clause.raw.lower())
    if not [n for n in names if not n.isdigit()] and port and (
            listing or clause.has('who', 'whos', 'listens', 'listening') or re.match(r"\s*who'?s\b", clause.lower)):
        number = port.group(1) or port.group(2)   # "which container is using port 8080", "who listens on 443"
        add_action(out, ListAction(kind='containers', filters={'port': number}), f'list containers on port {number}')
        return previous
    if not names and clause.has('ports') and listing and not set(clause.words) & ANAPHORS:   # "what ports are in use"
        add_action(out, ListAction(kind='containers', filters={'status': 'running'}), 'list running containers and their ports')
        return previous
    if not names and set(clause.words) & {'everything', 'anything', 'all', 'things', 'stuff'} and set(clause.words) & {
            'ok', 'okay', 'fine', 'good', 'alright', 'working', 'broken', 'wrong', 'problems', 'issues', 'healthy'} \
            and not _state_filter(clause):   # "is everything ok", "anything broken?": the overview
        add_action(out, StatusAction(target=None), 'show the status of the engine, the host and every running container')
        return previous
    kinds = [KINDS[w] for w in clause.words if w in KINDS and KINDS[w] != 'containers']
    if kinds and not any(_names_something(n, state) for n in names) and set(clause.words) & {
            'any', 'anything', 'what', 'which', 'how', 'many'}:
        filters = image_filters(clause) if kinds[0] == 'images' else {
            'unused': 'true'} if kinds[0] in ('volumes', 'networks') and image_filters(clause).get('unused') else {}
        add_action(out, ListAction(kind=kinds[0], filters=filters),
                   f'list {kinds[0]}' + ''.join(f', {k}' for k in filters))   # "any images lying around?"
        return previous
    if not names and listing:   # "is anything down?", "which containers are unhealthy", "what isn't running?"
        filters = _state_filter(clause)
        if filters:
            add_action(out, ListAction(kind='containers', filters=filters),
                       'list containers, ' + ', '.join(f'{k} {v}' for k, v in filters.items()))
            return previous
    if not names and previous is not None and previous.found and set(clause.words) & {'it', 'its', "it's", 'they', 'them',
                                                                                     "they're", 'those', 'these'}:
        names_of = [*previous.containers, *previous.all_stacks]   # "… and tell me if it's up"
        for name in names_of:
            add_action(out, StatusAction(target=name), f'show the status of {name}')
        return previous
    if not names or not any(_names_something(w, state) for w in names):
        return False
    filters = _state_filter(clause)
    members = [n for n in names if n in state.stacks]
    if not filters and len(names) == 1 and members and clause.has('containers', 'services') and (
            clause.words[0] in ('which', 'what', 'list', 'containers', 'services')
            or clause.has('part', 'belong', 'belongs', 'have')):
        add_action(out, ListAction(kind='containers', filters={'stack': members[0]}),
                   f'list the containers of stack {members[0]}')   # "containers of shop?", "which containers are in shop?"
        return previous
    if filters and len(names) == 1 and set(clause.words) & {'containers', 'ones', 'any', 'all', 'some'}:
        group = resolve(names, state)   # "are any of the cache containers stopped?": the group, filtered
        if group.ambiguous or group.stack:
            filters = {**filters, **({'stack': group.stack} if group.stack else {'name': names[0]})}
            add_action(out, ListAction(kind='containers', filters=filters),
                       'list containers, ' + ', '.join(f'{k} {v}' for k, v in filters.items()))
            return previous
    target = find_targets(clause, state, out, names, previous, verb='show the status of')
    if target is None:
        return None
    for name in target.containers:
        add_action(out, StatusAction(target=name), f'show the status of {name}')
    for stack in target.all_stacks:
        add_action(out, StatusAction(target=stack), f'show the status of stack {stack}')
    return target


OPPOSITE = {'running': 'exited', 'exited': 'running'}


PERMISSION = re.compile(r"^\s*(?:(?:would|will|could)\s+it\s+be|is\s+it)\s+(?:ok|okay|fine|alright|possible)\s+(?:to|if)\b.*\?$",
                        re.IGNORECASE)
REQUESTING = re.compile(r"\b(?:can|could|would|will)\s+(?:you|u)\b|\bplease\b|\bpls\b|\bcan\s+i\b|"
                        r"\b(?:can|could)\s+we\b|\bis\s+(?:it\s+)?possible\s+to\b|\b(?:would|will|could)\s+it\s+be\s+possible\b|\bis\s+(?:that|this|it)\s+possible\b|\byou\s+can\b|"
                        r"\bwould\s+you\s+mind\b|\bi(?:\s+(?:want|need|would\s+like)|\s*['’]d\s+like)\b")


HEDGES = {'maybe', 'perhaps', 'possibly', 'just', 'please', 'pls', 'so', 'ok', 'okay', 'then', 'and', 'also'}


def _asks(clause: Clause) -> bool:
    """A question, not a request: "is web restarting?", "when was shop deployed?" — but "can you
    restart web?" is a request."""
    first = next((w for w in clause.words if w not in HEDGES), '')   # "maybe restart it?": a request
    asking = first in ASKING or first in ('when', 'where', 'who', 'why', 'what', 'which', 'how', "what's", 'whats')
    imperative = VERBS.get(first) in LIFECYCLE   # "restart web?" is a request said with a question mark
    return (asking or (clause.raw.rstrip().endswith('?') and not imperative)) and not REQUESTING.search(clause.lower)


def _state_filter(clause: Clause) -> dict[str, str]:
    """The state or health a question asks about, negation included ("what isn't running")."""
    if clause.has('unhealthy', 'failing', 'sick'):
        return {'health': 'unhealthy'}
    if clause.has('crash', 'crashed', 'die', 'died', 'fail', 'failed', 'exit', 'exited', 'stopped', 'dead'):
        return {'status': 'exited'}   # "did anything crash today?"
    if clause.has('healthy'):
        return {'health': 'healthy'}
    wanted = next((STATES[w] for w in clause.words if w in STATES), None)
    if wanted and set(clause.words) & NEGATIONS:
        wanted = OPPOSITE.get(wanted)
    return {'status': wanted} if wanted else {}


def _status_of_named(clause: Clause, state: State, out: Parsed, words: list[str],
                     previous: Resolution | None) -> Resolution | None:
    """A question that fits no other reading: the status of what it names that exists, else nothing."""
    names = [w for w in names_in(words, state) if w not in ATTRIBUTES and w not in FILLER and w not in STATUS_WORDS
             and not w.isdigit()]
    target = resolve(names, state) if names else Resolution()   # typos too: "jelyfin - up or down?"
    if not target.found or target.ambiguous:
        return previous
    for name in [*target.containers, *target.all_stacks]:
        add_action(out, StatusAction(target=name), f'show the status of {name}')
    return target


def _template_or_nothing(clause: Clause, state: State, out: Parsed, words: list[str]) -> Resolution | None:
    """No verb: a bare template name is a wish to deploy it; a bare container name, its status."""
    resolution = resolve(names_in(words), state) if names_in(words) else Resolution()
    if resolution.containers and len(resolution.containers) == 1 and resolution.via == 'name':
        add_action(out, StatusAction(target=resolution.containers[0]), f'show the status of {resolution.containers[0]}')
        return resolution
    asked_for = re.match(r'\s*(?:(?:hi|hey|ok|okay|so)[,\s]+)*(?:an?|some|one|my\s+own|our\s+own)\s', clause.lower)
    ported = re.search(r'\b(?:on|at)\s+(?:port\s+)?\d{2,5}\b|\bport\s+\d{2,5}\b|https?://', clause.raw.lower())
    head = clause.lower.split(',')[0]   # "netflix at home on port 8097, the movies are in /mnt/media": asked, then told
    if any(w in state.stacks or state.container(w) is not None for w in words) and not (asked_for and ported):
        if words == [resolution.stack] and resolution.stack:   # "nextcloud" alone: how it is
            add_action(out, StatusAction(target=resolution.stack), f'show the status of stack {resolution.stack}')
        return resolution if resolution.found and not resolution.ambiguous else None   # "the nextcloud thing is acting weird"
    if STATEMENT_VERB.search(head if ported else clause.lower):   # "the redis cache is slow": a statement, no wish
        return None
    templates, score = match_template(words, clause.lower, state.templates)
    if len(templates) > 1 and score >= 12:   # "node-red on 1890 plus n8n on 5690": each with its own port
        return parse_deploy(clause, state, out, words, 'deploy', None)
    if len(templates) == 1 and (score >= 12 or score >= 5 and (DESCRIBED.search(clause.lower) or asked_for or ported)):
        # "like zapier but self-hosted", "a wiki for the team please, port 3033"
        return parse_deploy(clause, state, out, words, 'deploy', None)
    return None


STATEMENT_VERB = re.compile(r"\b(?:is|are|was|were|seems?|looks?|keeps?|has|have|had|been|isn't|aren't|wasn't|won't|wont|"
                            r"doesn't|doesnt|don't|didn't|can't|cant|feels?)\b")


HANDLERS = {
    **dict.fromkeys(('start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'up'), parse_lifecycle),
    'remove': parse_remove, 'logs': parse_logs, 'list': parse_list, 'show': parse_list, 'status': parse_status,
    'history': parse_history, 'deploy': parse_deploy, 'run': parse_run, 'create': parse_create, 'pull': parse_pull,
    'update': parse_update, 'scale': parse_scale, 'rollback': parse_rollback, 'redeploy': parse_redeploy,
}
