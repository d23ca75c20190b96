"""The embedded parser's handlers for requests that read: logs, lists, status and history.

``parse_logs`` (with ``_tail``, ``_since`` and ``_grep`` for "the last 50 lines", "since 10 minutes ago"
and "lines containing error"), ``parse_list``, ``parse_status`` and ``parse_history``.
"""
from __future__ import annotations

import shlex
from datetime import datetime, timedelta
from typing import Literal

from . import regex as re
from .clause import (
    ANAPHORS,
    FILLER,
    GREP_STEMS,
    HISTORY_WORDS,
    KINDS,
    NUMBER_WORDS,
    STATES,
    STATUS_WORDS,
    UNIT,
    Clause,
    content_word,
    is_number,
)
from .lexicon import everyday
from .plan import ConsoleAction, ExecAction, HistoryAction, ListAction, LogsAction, Question, StatusAction
from .resolve import Resolution, close_enough, numbers_a_name, one_stack, resolve, stack_by_part
from .state import State
from .targets import Parsed, add_action, find_targets, groups_of, names_in


def parse_logs(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
          previous: Resolution | None) -> Resolution | None:
    head = _head(clause)
    tail = None if head else _tail(clause)
    since = _since(clause)
    if since is None and clause.times and re.search(r'\b(?:since|after|from|starting)\s+(?:\w+\s+)?\d{4}-', clause.raw):
        since = clause.times[0]   # "logs of x since 2024-09-30T08:00:00": the service reads ISO 8601
    follow = bool(clause.has('stream', 'follow', 'following', 'live', 'tail', 'watch', 'realtime', 'continuously',
                             'tailing', 'watching')
                  and not (tail and clause.has('tail') and not clause.has('-f')))
    if clause.has('-f', '--follow', 'streaming') or re.search(r'\bkeep\s+(?:them|it|em|the\s+\w+)\s+(?:coming|flowing|rolling|'
                                                             r'streaming|going|open|running|live)\b|'
                                                r'\bas\s+(?:they|it)\s+(?:come|comes|happen|happens)\b|\bin\s+real[\s-]?time\b|'
                                                r'\breal[\s-]time\b', clause.lower):
        follow = True   # "jellyfin logs, keep them coming"
    grep = _grep(clause, state)
    skip = {'lines', 'line', 'logs', 'log', 'last', 'first', 'past', 'minutes', 'minute', 'hours', 'hour', 'seconds',
            'days', 'output', 'errors', 'warnings', 'error', 'warning', 'stream', 'follow', 'live', 'tail', 'since',
            'messages', 'contain', 'containing', 'matching', 'mentioning', 'about', 'find', 'search', 'grep', 'show',
            'what', 'says', 'saying', 'latest', 'recent', 'ago', 'in', 'of', 'from', 'for', 'with', 'within',
            'did', 'has', 'have', 'had', 'was', 'been', 'anything', 'something', 'print', 'printed', 'logged',
            'logging', 'say', 'said', 'wrote', 'write', 'written', 'during', 'over', 'day', 'week', 'weeks',
            'mins', 'min', 'secs', 'sec', 'hrs', 'hr', 'entries', 'tell', 'everything', 'today', 'yesterday',
            'watch', 'watching', 'keep', 'following', 'tailing', 'half', 'quarter', 'couple', 'few', 'final',
            'morning', 'midnight', 'noon', 'this', 'only', 'just', 'filter', 'filtered', 'mention', 'mentions',
            'starting', 'start', 'happens', 'happening', 'happen', 'as', 'it', 'real', 'time', 'realtime', 'that',
            'which', 'where', 'up', 'come', 'comes', 'appear', 'appears', 'after', 'onward', 'onwards', 'until', 'now',
            'newer', 'than', 'going', 'back', 'previous', 'together', 'both', 'complaining', 'complain', 'any',
            'there', 'were', 'thrown', 'throw', 'threw', 'those', 'ones', 'console', 'terminal', 'stdout', 'stderr',
            'worth', 'window', 'streaming', 'printing', 'outputting', 'overnight', 'tonight', 'night', 'evening',
            'afternoon', 'weekend', 'startup', 'start-up', 'boot', 'bootup', 'booting', 'responses', 'response', 'requests',
            'codes', 'code'}
    if grep:
        skip |= set(grep.lower().split()) | {f'{w}s' for w in grep.lower().split()} | set(GREP_STEMS)
    said_apart = {w for w in words if is_number(w) and w in state.name_words and str(tail) != w}   # "the 455 db": pr-455-db-1
    said_apart |= {w for i, w in enumerate(words) if i and is_number(w) and str(tail) != w
                   and numbers_a_name(words[i - 1], w, state)}   # "output of cron 4": cron-04
    named_here = {w for i, w in enumerate(words) if w in skip and i + 1 < len(words) and words[i + 1] in state.services
                  and stack_by_part(w, state) in state.stacks}   # "the search api logs": the search stack's api
    names = [w for w in words if (w not in skip or w in named_here) and (not is_number(w) or w in said_apart) and w not in UNIT
             and w not in NUMBER_WORDS
             and content_word(w) == w   # "lgos" is a typo of "logs", not a name
             and not re.fullmatch(r'\d+(?:s|m|h|d|w|k|min|mins|hrs?)|-n\d*|--tail(?:=?\d+)?|-f|--follow|--since|--timestamps|'
                                  r'-t|any', w)]
    target = find_targets(clause, state, out, names, previous, verb='show the logs of')
    if target is None:
        return None
    if target.stack and not target.containers and target.stack not in state.stacks:  # deployed by this same command
        out.warnings.append(f'Stack {target.stack} has no containers yet: ask for its logs once it is deployed.')
        return target
    containers = list(target.containers)
    for stack in target.all_stacks:
        main = _main_of(stack, state) if target.stack == stack and not WHOLE_STACK.search(clause.lower) else None
        containers += [b.name for b in state.stacks.get(stack, ()) if b.name not in containers and main in (None, b.name)]
    if len(containers) > 4 and target.via == 'selector' and not any(   # "logs of every shop container": that stack's
            stack in words and set(containers) <= {b.name for b in state.stacks[stack]} for stack in state.stacks):
        out.questions.append(Question(text='Logs of which container?', choices=[f'show logs of {c}' for c in containers[:6]]))
        return None
    own = _own_values(clause, state, containers, (tail, since, grep)) if len(containers) > 1 else {}
    for name in containers:
        tail, since, grep = own.get(name, (tail, since, grep))
        add_action(out, LogsAction(target=name, tail=tail, head=head, since=since, follow=follow and not head, grep=grep),
             f'{"follow" if follow and not head else "show"} the logs of {name}' + (f', last {tail} lines' if tail else '')
             + (f', first {head} lines' if head else '')
             + (f', since {since}' if since else '') + (f', lines containing "{grep}"' if grep else ''))
    return target


WHOLE_STACK = re.compile(r'\b(?:all|every|each|everything|whole|entire|complete|both|stack|containers|services)\b')


def _main_of(stack: str, state: State) -> str | None:
    """The container a stack is named after, when one alone runs its software ("the paperless logs": the webserver,
    whose image is paperless-ngx, not its redis or postgres); None when none or several do (shop's api and worker)."""
    brand = stack.split('-')[0]
    found = [b.name for b in state.stacks.get(stack, ()) if len(brand) >= 4 and brand in b.repo]
    return found[0] if len(found) == 1 else None


CONJUNCT = re.compile(r'\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+', re.IGNORECASE)


Values = tuple[int | None, str | None, str | None]   # one logs request's tail, since and grep


def _own_values(clause: Clause, state: State, containers: list[str], shared: Values) -> dict[str, Values]:
    """"the last 50 lines of a and the last 100 of b", "errors from a and warnings from b", "grep a for x and b
    for y": each part's own count, window or search word for the one it names (the part said first lends its
    verb to the parts after it: "grep … for y"). Empty when the parts do not each say their own; ``shared``
    is what the whole request says, kept where the parts agree."""
    parts = CONJUNCT.split(clause.raw)
    if len(parts) < 2:
        return {}
    head = re.match(r'^\s*(grep|search|scan|check|find|tail|follow|watch)\b', parts[0], re.IGNORECASE)
    values: dict[str, Values] = {}
    for part in parts:
        said = Clause(part)
        named = [n for n in containers if re.search(rf'(?<![\w-]){re.escape(n)}(?![\w-])', part, re.IGNORECASE)]
        if len(named) != 1:
            continue
        grep = _grep(said, state) or (_grep(Clause(f'{head.group(1)} {part}'), state) if head else None)
        values[named[0]] = (_tail(said), _since(said), grep)
    if len(values) != len(containers):
        return {}
    own = [k for k in range(3) if all(v[k] is not None for v in values.values()) and len({v[k] for v in values.values()}) > 1]
    if not own:   # "errors from a and b in the last hour": the values are the whole request's
        return {}
    return {name: tuple(v[k] if k in own else shared[k] for k in range(3)) for name, v in values.items()}  # type: ignore[misc]


def _head(clause: Clause) -> int | None:
    """The first lines asked for: "the first 20 lines", "head -n 5", "the earliest 10 entries"."""
    flag = re.search(r'\bhead\s+(?:-n\s*|-)?(\d+)\b', clause.lower)
    said = flag or re.search(r'\b(?:first|earliest|oldest|opening|top)\s+(\d+)\s+(?:log\s+)?(?:lines?|entries|rows|messages)\b',
                             clause.lower)
    return int(said.group(1)) if said and int(said.group(1)) > 0 else None


def _tail(clause: Clause) -> int | None:
    flag = re.search(r'(?:^|\s)(?:-n|--tail)[\s=]?(\d+)\b', clause.raw)
    if flag:
        return int(flag.group(1))
    thousands = re.search(r'\b(\d{1,3})k\s+(?:log\s+)?(?:lines?|entries|rows|messages)\b', clause.lower)
    if thousands:   # "the last 1k lines"
        return int(thousands.group(1)) * 1000
    if re.search(r'\b(?:final|last|latest|very\s+last|most\s+recent)\s+(?:log\s+)?(?:line|entry)\b(?!s)', clause.lower):
        return 1   # "just the final line of x"
    match = re.search(r'\b(?:last|latest|recent|tail|final|previous)\s+(\d+)\b'
                      r'(?!\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|'
                      r'days?|weeks?|[smhdw])\b)|\b(\d+)\s+(?:last\s+)?(?:lines?|entries|rows)\b', clause.lower)
    if match:
        return int(match.group(1) or match.group(2))
    return None


WINDOW_WORDS = {'half an hour': '30m', 'half hour': '30m', 'quarter of an hour': '15m', 'quarter hour': '15m',
                'an hour and a half': '90m', 'hour and a half': '90m', 'a couple of hours': '2h', 'couple of hours': '2h',
                'a couple of minutes': '2m', 'a few minutes': '5m', 'few minutes': '5m'}


PART_OF_DAY = re.compile(r'\b(?:since|after|from)\s+lunch(?:time)?\b|\bthis\s+(?:afternoon|evening)\b|\blast\s+night\b|'
                         r'\bovernight\b|\b(?:over|during|on|from)\s+the\s+weekend\b|\bthis\s+(?:past\s+)?weekend\b')


def _since(clause: Clause) -> str | None:
    flag = re.search(r'--since[\s=](\d+)([smhd])\b', clause.raw.lower())   # docker logs --since 2h
    if flag:
        return f'{flag.group(1)}{flag.group(2)}' if flag.group(2) != 'd' else f'{int(flag.group(1)) * 24}h'
    if clause.has('yesterday'):
        return '24h'
    clock = re.search(r'\b(?:since|after|from)\s+(?:(\d{1,2})(?::(\d{2}))?\s*([ap])?\.?m?\.?(?![\w:])|(noon))', clause.raw,
                      re.IGNORECASE)   # "since 10:30", "since 9am", "after 3 pm", "since noon": the engine's clock, the last one
    if clock and (clock.group(4) or clock.group(2) or clock.group(3)):
        hour = 12 if clock.group(4) else int(clock.group(1)) % 12 + (12 if (clock.group(3) or '').lower() == 'p' else 0) \
            if clock.group(3) else int(clock.group(1))
        minute = int(clock.group(2) or 0)
        if hour < 24 and minute < 60 and not (clock.group(3) and int(clock.group(1)) > 12):
            now = datetime.now()
            at = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
            at = at - timedelta(days=1) if at > now else at   # "since 10pm" just after midnight: last night
            return at.astimezone().isoformat(timespec='minutes')
    if clause.has('today') or re.search(r'\bsince\s+(?:this\s+)?morning\b|\bsince\s+midnight\b|\bthis\s+morning\b', clause.lower):
        return datetime.now().replace(hour=0, minute=0, second=0, microsecond=0).astimezone().isoformat(timespec='minutes')
    part = PART_OF_DAY.search(clause.lower)   # "since lunch", "last night", "over the weekend": from when that began
    if part:
        now = datetime.now()
        said = part.group(0)
        if 'weekend' in said:
            at = (now - timedelta(days=(now.weekday() - 5) % 7)).replace(hour=0, minute=0, second=0, microsecond=0)
        else:
            at = now.replace(hour=18 if re.search(r'night|evening|tonight', said) else 12, minute=0, second=0, microsecond=0)
            at = at - timedelta(days=1) if at > now or re.search(r'\blast\s+night|overnight', said) else at
        return at.astimezone().isoformat(timespec='minutes')
    for words, window in WINDOW_WORDS.items():   # "in the last half hour", "quarter of an hour"
        if re.search(rf'\b{words}\b', clause.lower):
            return window
    spelled = re.search(r'\b(?:last|past|previous|within|over)\s+(?:the\s+)?(?:last\s+)?(' + '|'.join(NUMBER_WORDS)
                        + r')\s+(seconds?|minutes?|hours?|days?|weeks?)\b', clause.lower)
    if spelled and NUMBER_WORDS[spelled.group(1)] > 0:   # "over the last two hours"
        count, unit = NUMBER_WORDS[spelled.group(1)], UNIT[spelled.group(2)]
        return f'{count * 7}d' if unit == 'w' else f'{count}{unit}' if unit != 'd' else f'{count * 24}h'
    match = re.search(r'\b(?:last|past|previous|since|within|over|newer\s+than|going\s+back|back|from)\s+(?:the\s+)?(?:last\s+)?'
                      r'(\d+|an?|one)?\s*'
                      r'(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|[smhdw])\b', clause.lower)
    if not match:
        match = re.search(r'\b(\d+)\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|[smhdw])\s+ago\b', clause.lower)
    if not match:   # "logs: x, window 15m", "a 2h window"
        match = re.search(r'\bwindow\s*(?:of\s+|[:=]\s*)?(\d+)\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|[smhd])\b|'
                          r'\b(\d+)\s*(minutes?|mins?|hours?|hrs?|days?|[smhd])\s+window\b', clause.lower)
        if match and match.group(3):
            count, unit = int(match.group(3)), UNIT.get(match.group(4), 'm')
            return f'{count}{unit}' if unit != 'd' else f'{count * 24}h'
    if not match:   # "a week worth of logs", "two days' worth", "3 hours of logs"
        match = re.search(r"\b(\d+|an?|one)\s+(minutes?|hours?|days?|weeks?)(?:'|'s)?\s+(?:worth\s+)?of\s+(?:\w+\s+)?"
                          r"(?:logs?|output|lines)\b", clause.lower)
    if not match:
        return None
    count_text = match.group(1) or '1'
    count = int(count_text) if is_number(count_text) else 1
    unit = UNIT.get(match.group(2), 'm')
    if unit == 'w':
        return f'{count * 7}d'
    return f'{count}{unit}' if unit != 'd' else f'{count * 24}h'


GREP_STOP = frozenset({'in', 'of', 'on', 'from', 'since', 'for', 'last', 'past', 'the', 'logs', 'log', 'lines', 'line',
                       'entries', 'entry', 'messages', 'message', 'events', 'event',
                       'and', 'then', 'but', 'please', 'pls', 'over', 'during', 'within', 'after', 'before', 'until',
                       'today', 'yesterday', 'only', 'too', 'also', 'ago', 'minutes', 'hours', 'mins', 'while', 'when',
                       'because', 'as', 'so', 'whilst', 'till', 'anywhere', 'somewhere', 'ever', 'lately', 'recently',
                       'yet', 'startup', 'boot',
                       'problems', 'problem', 'issues', 'issue', 'trouble', 'troubles'})   # "did x report any problems"


ORDINARY_LINES = frozenset({'new', 'newest', 'recent', 'latest', 'old', 'older', 'oldest', 'first', 'more', 'those', 'these',
                            'other', 'previous', 'next', 'same', 'full', 'raw', 'my', 'its', 'their', 'every', 'each',
                            'some', 'few', 'log', 'all', 'any', 'stdout', 'stderr', 'output'})
KIND_OF_LINES = re.compile(r'\b(?:show|find|list|get|any|see|are\s+there(?:\s+any)?)\s+(?:me\s+)?(?:the\s+|all\s+|any\s+)?'
                           r'([A-Za-z][\w.-]{1,30})\s+(?:messages?|lines?|entries|events|errors?|warnings?|exceptions?)\s+'
                           r'(?:in|from|of)\b', re.IGNORECASE)

# a kind of line asked about at the end of a logs request: "gitea logs, any OOM?"
ANY_OF_THEM = re.compile(r'[,;:]\s*(?:and\s+)?(?:any|some|seeing\s+any)\s+'
                         r'([A-Z0-9][A-Z0-9_.:/-]{1,30}|\d[\w.:/-]{1,30}?)(?-i:s)?\s*\?*\s*$|'
                         # "any OOMKilled in the shop db logs?", "any 'permission denied'?": the token, or a quoted phrase
                         r'^\s*(?:are\s+there\s+|were\s+there\s+)?any\s+([A-Z][A-Za-z0-9_.:/-]{2,30}|[A-Z0-9_]{3,30})\s+(?:in|from)\s+(?=.*\blogs?\b)|'
                         r'\bany\s+["\'](?P<quoted>[^"\']{2,60})["\']\s*\?*\s*$')
# ↑ a token as logs write it ("OOM", "SIGTERM", "5xx", "ECONNRESET"), not an everyday word ("any luck?")


# words that go on a logged phrase's first word ("connection refused", "out of memory", "disk full")
GREP_SECOND = frozenset({'refused', 'reset', 'closed', 'denied', 'failed', 'error', 'errors', 'timeout', 'timed', 'out', 'full',
                         'exceeded', 'unavailable', 'unreachable', 'lost', 'dropped', 'killed', 'found', 'memory', 'of'})
GREP_PHRASES = frozenset({'timed out', 'out of', 'of memory', 'not found'})


def _needle(first: str, after: str, state: State, *, loose: bool) -> str:
    """What to search the logs for, from its first word: the words that go on with it ("connection refused",
    "out of memory"), up to one that is no part of it; a single word is its stem ("errors" -> error)."""
    words = [first]
    for word in re.findall(r'[\w.:/-]+', after)[:2]:
        if word.lower() in GREP_STOP or is_number(word) or resolve([word.lower()], state).found or not (
                f'{words[-1]} {word}'.lower() in GREP_PHRASES or loose and word.lower() in GREP_SECOND):
            break
        words.append(word)
    return ' '.join(words) if len(words) > 1 else GREP_STEMS.get(first.lower(), first)


BAD_STUFF = re.compile(r"\b(?:just|only)\s+(?:the\s+)?(?:bad|scary|nasty|broken|failing|red)\s+(?:stuff|bits|parts|lines|ones|"
                       r"things|entries)\b", re.IGNORECASE)
SEARCHED_PAIR = re.compile(r'\b(?:grep|search|scan|look|looking|hunt|filter(?:ed)?|find|check)\b[^,;?!]*?\b(?:for|by|on|with)\s+'
                          r'(?:the\s+)?["\']?([a-z][\w.-]*=[\w.:/@-]*\w)', re.IGNORECASE)


def _phrase(words: list[str], state: State) -> list[str]:
    """The words of a searched phrase, up to one that says something else (a window, a number, a name)."""
    kept: list[str] = []
    for word in words:
        if kept and (word in GREP_STOP or is_number(word) or resolve([word], state).found):
            break
        kept.append(word)
    return kept


GREP_FLAGS = re.compile(r'(?P<grep>\bgrep\s+)(?:-(?:[iEFw]+|-ignore-case)\s+)+')
GREP_FIRST = re.compile(r'^\s*(?:please\s+)?grep\s+(?!for\b)["\']?(?P<x>[^\s"\']+)["\']?\s+(?:in|on|from|through|across)\b',
                        re.IGNORECASE)


def _grep(clause: Clause, state: State) -> str | None:
    if GREP_FLAGS.search(clause.raw):   # "x logs grep -i timeout": the word, the flags of grep's own left out
        return _grep(Clause(GREP_FLAGS.sub(r'\g<grep>', clause.raw)), state)
    leading = GREP_FIRST.match(clause.raw)   # "grep 502 in traefik logs from the last hour"
    if leading and leading.group('x').lower() not in GREP_STOP and not resolve([leading.group('x').lower()], state).found:
        return leading.group('x')
    pair = SEARCHED_PAIR.search(clause.raw)   # "grep for status=bounced": a field of the lines, never a setting
    if pair:
        return pair.group(1)
    if BAD_STUFF.search(clause.raw):   # "jellyfin logs, just the bad stuff": its errors
        return 'error'
    said = re.search(r'\b(?:log|logged|print|printed|throw|threw|thrown|spit|spat|report|reported|written|wrote)\s+'
                     r'(any\s+|some\s+)?["\']?([\w.:/-]+)', clause.raw, re.IGNORECASE)   # "did the web of shop log any refused"
    if said and not said.group(1) and not (re.match(r'\s*(?:did|has|have|does|do|was|were|is|whether|if)\b', clause.lower)
                                           and said.group(0).split()[0].lower() != 'report'):
        said = None   # "did cache-05 log OOMKilled in the last 2h": asked whether it did; not "print status of web"
    if said and said.group(2).lower() not in GREP_STOP | ORDINARY_LINES | {'lines', 'line', 'logs', 'output', 'messages',
                                                                          'anything', 'something', 'nothing', 'much', 'a',
                                                                          'an', 'it', 'that', 'to', 'at', 'out', 'mention',
                                                                          'mentions', 'say', 'says', 'contain', 'contains',
                                                                          'show', 'shows', 'include', 'includes'} \
            and not resolve([said.group(2).lower()], state).found:
        return _needle(said.group(2), clause.raw[said.end():], state, loose=said.group(1) is None)
    kind_only = re.search(r'\b(?:only|just)\s+(?:the\s+)?([a-z][\w.-]{1,30})\s+(?:errors?|warnings?|exceptions?|lines|entries|'
                          r'messages)\b', clause.raw, re.IGNORECASE)
    if kind_only and kind_only.group(1).lower() not in GREP_STOP | ORDINARY_LINES | set(GREP_STEMS) | {'last', 'latest', 'new'} \
            and not resolve([kind_only.group(1).lower()], state).found:   # "…, only the php errors": the lines with php
        return kind_only.group(1)
    only = re.search(r'\b(?:only\s+(?:the\s+)?(?:lines?|entries|ones|those|messages)|'
                     r'(?:any|the|all)\s+(?:lines?|entries|messages))\s+(?:with|containing|having|mentioning|that\s+(?:say|mention|contain|have))\s+(?:the\s+word\s+)?'
                     r'["\']?([\w.:/-]+)|\b(?:lines?|entries|messages)\b[^.?!]*?\b(?:that|which)\s+(?:say|says|mention|mentions|'
                     r'contain|contains|include|includes)\s+["\']?([\w.:/-]+)', clause.raw, re.IGNORECASE)
    needle = only and (only.group(1) or only.group(2))
    if needle and needle.lower() not in GREP_STOP and not resolve([needle.lower()], state).found:
        # "x logs since 2h ago, only lines with refused", "any lines with connection reset in x's logs?",
        # "find the lines in x's log that mention 502"; a word quoted is searched as it is ("containing 'failed'")
        if needle in clause.quoted or re.search(r'\bsays?\s+["\']?' + re.escape(needle), only.group(0), re.IGNORECASE) \
                and not needle.lower().endswith('s'):
            return needle   # "only the lines that say failed": the word as it is said, not its stem
        return _needle(needle, clause.raw[only.end():], state, loose=True)
    inside = re.search(r'\b(?:with|having|containing)\s+["\']?([\w.:/=-]+)["\']?\s+in\s+(?:them|it|the\s+lines?)\b', clause.raw,
                       re.IGNORECASE)
    if inside and not resolve([inside.group(1).lower()], state).found:   # "minio logs with AccessDenied in them"
        return inside.group(1)
    if clause.quoted:
        quoted = [q for q in clause.quoted if state.container(q) is None and q not in state.stacks]
        if quoted:
            return quoted[0]
    status = re.search(r'\b(?:for|with|of|any|only|just)\s+(?:the\s+)?(?:http\s+)?([1-5]\d\d)(?:s|\s+errors?|\s+responses?)\b',
                       clause.raw,
                       re.IGNORECASE)   # "the traefik logs for 502s in the last 30m": the lines with 502
    if status:
        return status.group(1)
    search = re.search(r'\b(?:search|grep|scan|check)\b.*?\b(?:for|about)\s+(?:the\s+)?'
                       r'(?:(?:lines?|entries|messages|anything|something)\s+(?:with|containing|mentioning|about|saying|'
                       r'that\s+(?:say|mention|contain|have))\s+(?:the\s+)?)?(?:(?:word|string|text|phrase|term)\s+)?'
                       r"([a-z0-9_.:/=-]+(?:'[a-z]+)?(?:\s+[a-z0-9_.:/=-]+(?:'[a-z]+)?){0,3})(?=\s*(?:[,;.!?]|$))?",
                       clause.lower)   # "search the blog-db-1 logs for fatal", "grep the smp logs for can't keep up"
    first = search.group(1).split()[0] if search else ''
    verb = search.group(0).split()[0] if search else ''
    if search and search.start() > 0 and resolve([verb], state).found:   # "logs from search kibana for the past hour":
        search = None                                                     # the stack named search, no search asked
    searched = search and resolve([w for w in re.findall(r'[\w.-]+', search.group(0)[len(verb):search.start(1) - search.start()])
                                   if w not in ('the', 'logs', 'log', 'for', 'about', 'of', 'in')], state).found
    if search and first not in GREP_STOP | {'a', 'an', 'errors', 'error'} and (not resolve([first], state).found or (
            searched and re.fullmatch(r'[a-z]*\d[\w.:=-]*', first))):   # "grep the traefik logs for c0312": an id in them
        if searched and resolve([first], state).found:
            return first
        kept = _phrase(search.group(1).split(), state)
        return ' '.join(kept) if len(kept) > 1 and ' '.join(kept) not in GREP_STEMS else GREP_STEMS.get(first, first)
    about = re.search(r'\b(?:anything|something|any\s+lines?|lines?|messages?)\s+'
                      r'(?:about|regarding|mentioning|containing|on|with)'
                      r'\s+(?:the\s+|an?\s+(?=\w+\s*[?.!]*\s*$))?'
                      r'(?:(?:word|string|text|id)\s+)?["\']?([\w./:#@-]*[\w/])', clause.raw)   # "… about /api"
    if about and about.group(1).lower() not in ('it', 'that', 'this', 'them') \
            and not resolve([about.group(1).lower()], state).found:
        return _needle(about.group(1), clause.raw[about.end():], state, loose=True)
    literal = re.search(r'\bthe\s+(?:word|string|phrase|text|term)\s+["\']?([\w.:/-]+)', clause.raw, re.IGNORECASE)
    if literal and not resolve([literal.group(1).lower()], state).found:   # "with the word warning in them": as said
        return literal.group(1)
    lowered = re.sub(r'\b(search|find)\s+(\w+)', lambda m: ' ' if m.group(2) in state.services and stack_by_part(
        m.group(1), state) in state.stacks else m.group(0), clause.lower)   # "the search api logs": a stack's api, no search
    match = re.search(r'\b(?:(?:where|when)\s+(?:it|the\s+logs?|they|its\s+logs?)\s+(?:says?|said|prints?|printed|mentions?)|'
                      r'log\s+says|containing|contain|contains|matching|mentioning|mention|mentions|that say|saying|'
                      r'grep\s+for|grep|'
                      r'search for|'
                      r'look for|looking for|hunting for|checking for|watching for|find|search|with the word|'
                      r'filter(?:ed)? (?:by|on|for))\s+'
                      r'(?:the\s+)?(?:word\s+)?([a-z0-9_.:/=-]+(?:\s+[a-z0-9_.:/=-]+){0,3})', lowered)
    if match:   # "filter for connection refused": the phrase, up to a word that says something else
        kept = _phrase(match.group(1).split(), state)
        phrase = ' '.join(kept)
        if len(kept) > 1 and phrase not in GREP_STEMS:
            return phrase
    for word in clause.words:
        if word in GREP_STEMS:
            return GREP_STEMS[word]
    asked = ANY_OF_THEM.search(clause.raw)   # "gitea logs, any OOM?", "x's log: any SIGTERMs?"
    token = next((g for g in asked.groups() if g), '') if asked else ''
    if token and token.lower() not in GREP_STOP | ORDINARY_LINES and not resolve([token.lower()], state).found:
        return token
    kind = KIND_OF_LINES.search(clause.raw)
    if kind and kind.group(1).lower() not in GREP_STOP | ORDINARY_LINES and not resolve([kind.group(1).lower()], state).found:
        return kind.group(1)   # "show OOM messages in the clickhouse logs", "any SIGTERM lines from web"
    first = match.group(1).split()[0] if match else ''
    if match and re.fullmatch(r'[1-5]\d\d', first) and re.match(r'(?:filter|contain|match|grep|mention)', match.group(0)) \
            and not re.fullmatch(r'(?:lines?|entries|min\w*|hours?|h|m|s|sec\w*|days?)', (match.group(1).split() + [''])[1]):
        return first   # "filter by 404", "lines matching 503": a status code, not a count
    if (match and first not in ('the', 'logs', 'log', 'lines', 'last', 'a', 'an', 'in', 'of')
            and not is_number(first) and not resolve([first], state).found):
        word = first
        return GREP_STEMS.get(word, word)
    return None


UPDATES = re.compile(r'\b(?:updates?|newer\s+(?:images?|versions?)|outdated|out\s+of\s+date|behind)\b')


def image_filters(clause: Clause) -> dict[str, str]:
    """Which images a sentence means: dangling (untagged, "<none>") or unused (no container)."""
    if clause.has('dangling', 'untagged', '<none>', 'orphaned', 'orphan'):
        return {'dangling': 'true'}
    if clause.has('unused', 'unneeded', 'leftover', 'stale') or re.search(
            r"\b(?:not|n't|no\s+longer)\s+(?:being\s+)?used\b|\bnobody\s+uses\b|\bno\s+container\s+uses\b|"
            r"\blying\s+around\b", clause.lower):
        return {'unused': 'true'}
    return {}


# a container in a restart loop, which Docker calls "restarting": "keeps restarting", "crash looping", "flapping"
RESTART_LOOP = re.compile(r"\b(?:(?:are|is|keeps?|kept|stuck|been)\s+(?:on\s+)?(?:re-?starting|rebooting)|"
                          r"(?:re-?start|crash|boot|reboot)[- ]?loop\w*|crash-?looping|flapping|"
                          r"restarting\s+(?:over\s+and\s+over|again\s+and\s+again|"
                          r"constantly|all\s+the\s+time|nonstop|in\s+a\s+loop))\b")


def parse_list(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
          previous: Resolution | None) -> Resolution | None:
    kinds = [KINDS[w] for w in clause.words if w in KINDS]
    kind = kinds[0] if kinds else 'containers'
    if kind == 'stacks' and 'templates' in kinds and clause.has('app', 'apps'):   # "the app catalog": templates
        kinds, kind = [k for k in kinds if k != 'stacks'], 'templates'
    filters: dict[str, str] = {}
    named_stack = next((stack_by_part(w[:-2] if w.endswith("'s") else w, state) for w in words
                        if stack_by_part(w[:-2] if w.endswith("'s") else w, state) in state.stacks), None)
    if named_stack is None and (after_in := re.search(r'\b(?:in|of|from)\s+(?:the\s+)?([\w-]{4,})\b', clause.lower)):
        typed = [s for s in state.stacks if close_enough(after_in.group(1), s)]   # "list containers in metircs"
        named_stack = typed[0] if len(typed) == 1 and after_in.group(1) not in state.name_words else None
    if kind == 'stacks' and named_stack:   # "the stopped ones in the media stack": that stack's containers
        kind = 'containers'
    if kind == 'containers' and UPDATES.search(clause.lower):   # "which containers have updates", "any outdated containers?"
        filters['update'] = 'available'
    elif kind == 'containers':
        if clause.has('unhealthy', 'failing', 'sick'):
            filters['health'] = 'unhealthy'
        elif clause.has('healthy'):
            filters['health'] = 'healthy'
        status = 'restarting' if RESTART_LOOP.search(clause.lower) else next(
            (STATES[w] for w in clause.words if w in STATES), None)   # "which ones keep restarting": Docker's own state
        if status and set(clause.words) & {'not', "isn't", "aren't", 'no'}:
            status = {'running': 'exited', 'exited': 'running'}.get(status)
        if status and 'health' not in filters:
            filters['status'] = status
        for key in ('status', 'health'):   # docker ps --filter status=exited
            value = clause.env.get(key, '').lower()
            if value in STATES.values() or (key == 'health' and value in ('healthy', 'unhealthy', 'starting')):
                filters[key] = value
    if kind == 'images':   # "what images are unused", "any dangling images?"
        filters.update(image_filters(clause))
    elif kind in ('volumes', 'networks') and image_filters(clause):   # "which volumes are unused", "dangling volumes"
        # (a volume's "dangling" is Docker's word for one no container uses)
        filters['unused'] = 'true'
    stack = named_stack
    compose_ps = re.search(r'\bcompose\s+ps\b', clause.raw, re.IGNORECASE)   # "… and then docker compose ps": its project
    if stack is None and kind in ('containers', 'stacks') and previous is not None and (
            _refers_back(clause, previous) or compose_ps and previous.found):
        stack = one_stack(previous, state)   # "restart crm and after that list its containers"
    if stack and kind in ('containers', 'stacks'):
        kind = 'containers'
        filters['stack'] = stack
    add_action(out, ListAction(kind=kind, filters=filters),
         f'list {kind}' + ''.join(f', {k} {v}' for k, v in filters.items()))
    if kind == 'containers' and filters and set(filters) <= {'status', 'stack'}:   # "… and start those"
        listed = [b.name for b in state.containers if b.state == filters.get('status', b.state)
                  and (not filters.get('stack') or b.stack == filters['stack'])]
        previous = Resolution(containers=listed, via='selector') if listed else previous
    for other in dict.fromkeys(k for k in kinds if k != kind and not (k == 'stacks' and (filters.get('stack') or named_stack))):
        # "list the images the shop stack uses": the stack says whose, it is no second list
        more: dict[str, str] = {}
        state_word = next((STATES[w] for w in clause.words if w in STATES), None)
        if other == 'containers' and state_word:
            more['status'] = state_word
        add_action(out, ListAction(kind=other, filters=more),
                   f'list {other}' + ''.join(f', {k} {v}' for k, v in more.items()))
    return previous


SORT_WORDS = {'memory': 'memory', 'ram': 'memory', 'mem': 'memory', 'cpu': 'cpu', 'cpus': 'cpu', 'processor': 'cpu'}


def parse_status(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
            previous: Resolution | None) -> Resolution | None:
    names = [w for w in names_in(words, state) if w not in STATUS_WORDS and w not in SORT_WORDS and w not in {
        'system', 'host', 'server', 'overall', 'docker', 'engine', 'how', 'much', 'many', 'what', "what's", 'whats',
        'show', 'check', 'current', 'is', 'of', 'eating', 'hogging', 'taking', 'most', 'top', 'everything', 'all',
        'uses', 'use', 'consumers', 'consumer', 'hogs', 'hog', 'hungry', 'heaviest', 'highest', 'biggest', 'which',
        'sorted', 'sort', 'order', 'ordered', 'by', "who's", 'whos', 'who', 'things', 'stuff', 'going', 'details',
        'detail', 'about', 'information', 'describe'} and not (w.isdigit() and clause.has(
            'top', 'most', 'biggest', 'heaviest', 'highest', 'hogs', 'hog', 'consumers', 'memory', 'cpu', 'ram'))]   # top 3
    referred = find_targets(clause, state, out, names, previous, verb='show the status of') if set(clause.words) & {
        'both', 'two', 'three', 'first', 'other', 'those', 'them'} and previous is not None and previous.found else None
    if referred is not None and referred.via == 'reference':   # "check a and b, and tell me which of the two uses more"
        for target in [*referred.containers, *referred.all_stacks]:
            add_action(out, StatusAction(target=target), f'show the status of {target}')
        return referred
    bare = not [w for w in clause.words if w not in STATUS_WORDS and w not in FILLER   # "..., status pls"
                and not everyday(w, state.name_words) and w not in STATES
                and w not in ('check', 'show', 'me', 'the', 'a', 'then', 'and', 'tell', 'if', 'whether')]
    if previous is not None and previous.found and (bare or _refers_back(clause, previous)) and (
            not names or not resolve(names, state).found):   # "start x, then status", "… whether it came up"
        for target in [*previous.containers, *previous.all_stacks]:   # "start x and then check whether it came up"
            add_action(out, StatusAction(target=target), f'show the status of {target}')
        return previous
    if not names:
        sort = next((SORT_WORDS[w] for w in clause.words if w in SORT_WORDS), None)
        add_action(out, StatusAction(target=None, sort=sort),
                   'show the status of the engine, the host and every running container'
                   + (f', highest {"memory" if sort == "memory" else "CPU"} use first' if sort else ''))
        return previous
    if len([g for g in (names_in(group, state) for group in groups_of(clause, names)) if g]) > 1:
        several = find_targets(clause, state, out, names, previous, verb='show the status of')   # "status of a and b"
        if several is None:
            return None
        for target in [*several.containers, *several.all_stacks]:
            add_action(out, StatusAction(target=target), f'show the status of {target}')
        return several
    resolution = resolve(names, state, prefer_stack=clause.has('stack'))
    if resolution.ambiguous:
        out.questions.append(Question(text='Status of which one?', choices=[f'status of {n}' for n in resolution.ambiguous]))
        return None
    if not resolution.found:
        add_action(out, StatusAction(target=None), 'show the status of the engine, the host and every running container')
        out.warnings.append(f'"{" ".join(names)}" matched nothing, so the whole system is shown.')
        return previous
    target = resolution.stack or resolution.containers[0]
    add_action(out, StatusAction(target=target), f'show the status of {target}')
    return resolution


def parse_history(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
             previous: Resolution | None) -> Resolution | None:
    stack = next((w for w in (stack_by_part(x[:-2] if x.endswith("'s") else x, state) for x in words) if w in state.stacks),
                 None)
    if stack is None:
        resolution = resolve([w for w in names_in(words) if w not in HISTORY_WORDS], state) if names_in(words) else None
        if resolution is not None and resolution.containers:
            box = state.container(resolution.containers[0])
            stack = box.stack if box else None
    after = {m.group(1) for m in re.finditer(r"\b(?:of|on|to|for|in|with|about)\s+(?:the\s+)?([\w.-]+)", clause.lower)}
    said = [w for w in names_in(words, state) if w in after and w not in HISTORY_WORDS and w not in HISTORY_NOISE
            and not w.isdigit() and w not in NUMBER_WORDS and not re.fullmatch(r'\d+[smhdw]|\d{4}-\d\d-\d\d', w)]
    if stack is None and said and not (previous is not None and previous.found and _refers_back(clause, previous)):
        found = resolve(said, state)
        if not found.found and not found.ambiguous:
            out.unknown.append(' '.join(said))   # "what changed on teamspeak this week?": never the history of all
            out.questions.append(Question(text=f'I found no stack or container called "{" ".join(said)}".',
                                          choices=[f'show the history of {s}' for s in list(state.stacks)[:4]]))
            return None
    if stack is None and previous is not None and (_refers_back(clause, previous) or (
            previous.found and len([w for w in clause.words if w not in HISTORY_WORDS and w not in (
                'need', 'the', 'show', 'me', 'its', 'and', 'please', 'want', 'see')]) == 0)):   # "… need the history"
        stack = one_stack(previous, state)   # "redeploy metrics and then show me its history"
    limit = next((n for n in clause.numbers if 0 < n <= 500), None) or next(   # "the previous three deployments"
        (NUMBER_WORDS[w] for w in clause.words if w in NUMBER_WORDS and w not in ('a', 'an') and 0 < NUMBER_WORDS[w] <= 500),
        None)
    add_action(out, HistoryAction(stack=stack, limit=limit), 'show the history' + (f' of stack {stack}' if stack else ''))
    return Resolution(stack=stack, via='history') if stack else previous


# words a history request says besides a name: "what changed on the host this week", "deploys by the team in may"
HISTORY_NOISE = frozenset({'week', 'weeks', 'month', 'months', 'day', 'days', 'hour', 'hours', 'minute', 'minutes', 'year',
                           'deploy', 'deploys', 'deployed', 'deployment', 'deployments', 'stack', 'stacks', 'host', 'server',
                           'box', 'machine', 'recent', 'recently', 'lately', 'ago', 'past', 'since', 'yesterday', 'today',
                           'tonight', 'weekend', 'audit', 'log', 'logs', 'record', 'records', 'operations', 'operation',
                           'actions', 'action', 'things', 'thing', 'everything', 'anything', 'all', 'who', 'whom', 'by',
                           'did', 'done', 'made', 'make', 'ran', 'run', 'revision', 'revisions', 'version', 'versions',
                           'rollback', 'rollbacks', 'rolled', 'update', 'updates', 'updated', 'config', 'configuration',
                           'file', 'files', 'compose', 'commit', 'commits', 'git', 'trail', 'list', 'show', 'monday',
                           'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
                           'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
                           'december', 'morning', 'afternoon', 'evening', 'night', 'overnight', 'team', 'people', 'anyone',
                           'someone', 'somebody', 'anybody', 'everyone', 'person', 'user', 'users', 'admin', 'me', 'us',
                           'here', 'there', 'system', 'docker', 'containers', 'container', 'app', 'apps', 'timeline',
                           'entries', 'entry', 'events', 'event', 'most', 'latest', 'newest', 'oldest', 'first', 'full',
                           'complete', 'entire', 'whole', 'please', 'pls', 'the', 'a', 'an', 'of', 'on', 'in', 'to', 'for',
                           'this', 'that', 'these', 'those', 'last', 'previous', 'prior', 'before', 'after', 'between',
                           'what', 'which', 'when', 'where', 'how', 'why', "what's", 'whats', 'was', 'were', 'has', 'have'})


def _refers_back(clause: Clause, previous: Resolution | None) -> bool:
    """"… its containers", "whether it came up": about what the request before named."""
    return previous is not None and previous.found and clause.has(*ANAPHORS)


# "open a shell in web", "give me a terminal on the db", "exec into grafana", "ssh into nextcloud's app",
# "docker exec -it web sh", "I need a bash prompt inside the proxy": a console, not what a console printed
SHELLS = r'(?:shell|terminal|console|bash|zsh|ash|sh|tty|prompt|command[- ]line|cli|repl)'
CONSOLE = re.compile(
    r'\b(?:open|opening|get|give|start|launch|spawn|drop|want|need|bring\s+up|pop)\b(?:\s+[\w\'-]+){0,3}?\s+'
    r'(?:an?\s+|the\s+)?(?:interactive\s+|root\s+|live\s+)?' + SHELLS + r'\b(?!\s*(?:output|logs?|scripts?|history))'
    r'|\b(?:exec|ssh|shell|bash)\s+(?:in)?to\b|\bexec\s+-it\b|\bexec\s+(?:in|on)\b'
    r'|\b(?:drop|put|get|take|let|throw)\s+(?:me|us)\s+(?:in)?to\b'    # "drop me into the keycloak container"
    r'|\b(?:attach|connect|hook\s+up)\s+(?:me\s+|us\s+)?(?:an?\s+|the\s+)?(?:interactive\s+)?(?:terminal|shell|console|tty|session)'
    r'\s+(?:to|on|in|with)\b'
    r'|^(?:an?\s+)?(?:interactive\s+|root\s+)?' + SHELLS + r'\s+(?:in|into|on|for)\b', re.IGNORECASE)
CONSOLE_WORDS = frozenset({'attach', 'connect', 'hook',
                           'shell', 'terminal', 'console', 'bash', 'zsh', 'ash', 'sh', 'tty', 'prompt', 'command', 'line',
                           'command-line', 'cli', 'repl', 'interactive', 'root', 'live', 'open', 'opening', 'get', 'give',
                           'start', 'launch', 'spawn', 'drop', 'want', 'need', 'bring', 'up', 'pop', 'into', 'inside',
                           'exec', 'ssh', '-it', '-i', '-t', 'session', 'in', 'on', 'to', 'for', 'as', 'docker', 'me',
                           'a', 'an', 'the', 'container', 'so', 'can', 'poke', 'around', 'look', 'debug', 'i'})


def asks_for_console(clause: Clause) -> bool:
    return bool(CONSOLE.search(clause.lower)) and not (set(clause.words) & {'logs', 'log', 'output', 'printed', 'print'})


def parse_console(clause: Clause, state: State, out: Parsed, words: list[str], verb: str,
                  previous: Resolution | None) -> Resolution | None:
    """A shell in one running container: a stack or a name that matches several asks which one."""
    names = [w for w in names_in(words, state) if w not in CONSOLE_WORDS]
    target = find_targets(clause, state, out, names, previous, verb='open a shell in')
    if target is None:
        return None
    containers = list(target.containers)
    for stack in target.all_stacks:
        containers += [b.name for b in state.stacks.get(stack, ()) if b.name not in containers]
    if not containers:
        out.questions.append(Question(text='A shell in which container?', choices=[
            f'open a shell in {b.name}' for b in state.containers if b.state == 'running'][:6]))
        return None
    if len(containers) > 1:
        out.questions.append(Question(text='A shell in which container?',
                                      choices=[f'open a shell in {c}' for c in containers[:6]]))
        return None
    add_action(out, ConsoleAction(target=containers[0]), f'open a shell in {containers[0]}')
    return target


# "exec ls -la /data in web", "execute uptime on pihole", "run 'df -h' in the db", "docker exec -it web cat /etc/hosts":
# one command, as arguments (the shell syntax that would make it a script is cut off before: rules.SHELL)
EXEC = re.compile(r'^(?:please\s+|can\s+you\s+|could\s+you\s+)?(?:docker\s+(?:compose\s+)?)?(?P<verb>exec(?:ute)?|run)\s+'
                  r'(?:(?:-[a-z]+|--[a-z][\w-]*)\s+)*(?P<rest>.+?)\s*$', re.IGNORECASE)
WHERE = re.compile(r'^(?P<command>.+?)\s+(?:in|on|inside|within)\s+(?:the\s+)?(?P<target>[\w./-]+(?:\s+[\w./-]+)?)'
                   r'(?:\s+container)?\s*[?.!]?$', re.IGNORECASE)
QUOTED_COMMAND = re.compile(r'^["\'](?P<command>[^"\']+)["\']')
WHERE_FIRST = re.compile(r'^(?:in|inside|within)\s+(?:the\s+)?(?P<target>[\w./-]+)(?:\s+container)?\s*[:,]\s*'
                         r'(?P<command>\S.*)$', re.IGNORECASE)   # "exec in tool-01: ls -la"
IN_FIRST = re.compile(r'^(?:in|inside|within)\s+(?:the\s+)?(?P<target>[\w./-]+(?:\s+[\w./-]+)?)(?:\s+container)?\s*,?\s+'
                      r'(?:please\s+)?(?:run|exec(?:ute)?)\s+(?P<command>\S.*)$', re.IGNORECASE)   # "in the immich db run psql …"
# commands people run in a container by their own name: "cat /etc/hosts in adminer", "df -h in the db" (not
# words that mean something here already: logs, top, ps, kill …)
TOOLS = re.compile(r'^(?P<rest>(?:cat|ls|ps|df|du|env|printenv|whoami|uname|hostname|id|free|nslookup|dig|curl|wget|ping|'
                   r'netstat|ss|pwd|nproc|ifconfig|ip|mount|which|stat|head|wc|lsblk|psql|mysql|redis-cli|mongosh|'
                   r'php|python3?|node|nginx|sh|bash|ash)\b.+?)\s*$', re.IGNORECASE)


# a directory's content asked for: "what's in /etc/nginx/conf.d in the docs container" is ls there
LISTING = re.compile(r"^(?:what'?s|what\s+is|what\s+files\s+are|which\s+files\s+are|list\s+(?:the\s+)?(?:files|contents?)|"
                     r"show\s+(?:me\s+)?(?:the\s+)?(?:files|contents?))\s+(?:(?:in|of|under|inside)\s+)?(?P<path>/[\w./@-]*)\s+"
                     r"(?:in|on|inside)\s+(?:the\s+)?(?P<target>[\w.-]+)(?:\s+container)?\s*\??$", re.IGNORECASE)
# a command named inside prose about one container: "check disk usage inside db-02 with df -h", "the mysql
# version in crm-db-1 (mysql --version)", "check tool-03: cat /etc/os-release"
_TOOL_WORDS = TOOLS.pattern[len('^(?P<rest>'):TOOLS.pattern.index(r'\b.+?)')]
EMBEDDED = re.compile(rf'\((?P<paren>{_TOOL_WORDS}\b[^()]*)\)\s*[?.!]?\s*$|'
                      rf'(?:\s(?:with|using|via|by\s+running|running|run)|:)\s+(?P<tail>{_TOOL_WORDS}\b.*?)\s*[?.!]?\s*$',
                      re.IGNORECASE)


# the host itself as the place of a shell or a command: "open a shell on the host", "ssh into the server", "run df -h on
# the docker host", "I need root on the box": never a container's console, and nothing here opens one on the host
HOST_PLACE = re.compile(r"\b(?:on|in|into|to|onto|inside|at)\s+(?:the\s+|this\s+|our\s+|my\s+|that\s+)?"
                        r"(?:docker\s+|underlying\s+|physical\s+|actual\s+|real\s+|main\s+|bare[- ]?metal\s+|linux\s+)?"
                        r"(?P<place>host|server|machine|box|vm|node|hypervisor|os|hardware|computer|nas)\b"
                        r"(?!\s*(?:container|service|stack|[\w-]*\d))|"
                        r"\bthe\s+host\s+itself\b|\bhost(?:'s)?\s+(?:shell|terminal|os|itself)\b", re.IGNORECASE)
HOST_COMMAND = re.compile(r"^(?:please\s+|can\s+you\s+|could\s+you\s+)?(?:(?:exec(?:ute)?|ssh)\b|run\s+(?:sudo\s+)?"
                          r"(?:df|du|ls|free|uname|uptime|whoami|lsblk|ifconfig|ip|mount|hostname|reboot|shutdown|apt(?:-get)?|"
                          r"systemctl|journalctl|dmesg|top|htop|sudo)(?![\w:/.-]))", re.IGNORECASE)


def on_the_host(clause: Clause, state: State, said: str) -> bool:
    """Whether the step asks for a shell or a command on the host itself: the message (``said``, as written: the
    rewrites drop "on the host") names the host as the place, the step names nothing here, and the word is no container
    or stack here. Then nothing is planned and a warning says why."""
    place = HOST_PLACE.search(said)
    if place is None or re.search(r'\bports?\b', said, re.IGNORECASE) or not (
            asks_for_console(clause) or HOST_COMMAND.match(clause.raw)):   # "port 8081 on my machine": a mapping
        return False
    word = (place.group('place') or 'host').lower()
    said_command = re.match(r'^(?:please\s+|can\s+you\s+|could\s+you\s+)?(?:exec(?:ute)?|run)\s+(?:sudo\s+)?([\w.-]+)',
                            clause.raw, re.IGNORECASE)
    tools = set(_TOOL_WORDS.split('|')) | ({said_command.group(1).lower()} if said_command else set())
    return state.container(word) is None and word not in state.stacks and not any(
        w.removesuffix("'s") in state.name_words for w in names_in(clause.words, state) if w != word and w not in tools)


def refuse_host_shell(state: State, out: Parsed) -> None:
    running = next((b.name for b in state.containers if b.state == 'running'), 'web')
    out.warnings.append('Not done: a shell or a command on the host itself. I act on Docker only; a console opens a '
                        f'shell inside one container (for example "open a shell in {running}").')


CHANGES = {'restart', 'stop', 'start', 'kill', 'remove', 'delete', 'rm', 'deploy', 'redeploy', 'scale', 'pause', 'unpause',
           'update', 'pull', 'rollback', 'down', 'up', 'recreate', 'rebuild', 'upgrade', 'create', 'reboot', 'bounce'}


def _embedded_command(clause: Clause, state: State, previous: Resolution | None) -> Clause | None:
    """The same request written as "exec <command> in <container>", when the prose around a named
    command names exactly one running container (and nothing is run otherwise)."""
    listing = LISTING.match(clause.raw)
    if listing:
        return Clause(f'exec ls -la {listing.group("path")} in {listing.group("target")}')
    found = EMBEDDED.search(clause.raw)
    if not found or not any(a in (found.group('paren') or found.group('tail')) for a in (' -', '/', ' --')):
        return None   # a tool's name alone ("with mysql") is not a command
    prose = clause.raw[:found.start()].lower().split()
    if set(prose) & CHANGES:   # "restart db-02 with bash -x": a restart, never a command instead
        return None
    names = [w for w in names_in(prose, state) if w in state.name_words]   # "check disk usage inside db-02": db-02
    target = resolve(names, state) if names else previous if set(prose) & {'it', 'its', 'there'} else None
    if target is None or len(target.containers) != 1 or target.ambiguous or target.stack:
        return None
    box = state.container(target.containers[0])
    if box is None or box.state != 'running':
        return None
    return Clause(f'exec {found.group("paren") or found.group("tail")} in {box.name}')


def parse_exec(clause: Clause, state: State, out: Parsed, previous: Resolution | None) -> Resolution | None | Literal[False]:
    """One command in one running container, or False when the clause is not that."""
    first = IN_FIRST.match(clause.raw)
    if first:   # "in the immich db run psql -U postgres": the same as "run psql -U postgres in the immich db"
        clause = Clause(f'exec {first.group("command")} in {first.group("target")}')
    elif not EXEC.match(clause.raw):   # not TOOLS: "which nginx version is in web (nginx -v)" is not `which`
        clause = _embedded_command(clause, state, previous) or clause
    found = EXEC.match(clause.raw)
    if found and re.search(r'\s-(?:it|ti|i\s+-t|t\s+-i)\b', clause.raw) and re.search(
            r'\b(?:ba|z|a)?sh\s*$', clause.raw):   # "docker exec -it web bash": a shell to type into
        return False
    tool = TOOLS.match(clause.raw) if not found else None
    if tool and re.match(r'(?:which|free|id|head|ip|mount|stat|node|ps)\s', clause.raw, re.IGNORECASE) and re.search(
            r"\b(?:are|is|was|were|do|does|did|have|has|can|should)\b|\?\s*$", clause.raw, re.IGNORECASE):
        tool = None   # "which tables are in the crm database?": a question in English, no `which` to run
    if not found and not tool:
        return False
    rest, verb = (found.group('rest'), found.group('verb').lower()) if found else (tool.group('rest'), 'run')
    quoted = QUOTED_COMMAND.match(rest)
    where = WHERE.match(rest) or WHERE_FIRST.match(rest)
    if quoted and where:
        command, target = quoted.group('command'), where.group('target')
    elif where and (verb != 'run' or _runs_in_existing(where.group('command'), where.group('target'), state)):
        command, target = where.group('command'), where.group('target')
    elif verb != 'run' and ' ' in rest and state.container(rest.split()[0]) is not None:
        target, command = rest.split(None, 1)   # docker exec web ls /
    elif verb != 'run' and not asks_for_console(clause) and not re.match(r'(?:in|into|inside)\b', rest, re.IGNORECASE):
        out.questions.append(Question(text=f'Run {rest.split()[0][:40]} in which container?', choices=[
            f'exec {rest[:80]} in {b.name}' for b in state.containers if b.state == 'running'][:6]))
        return None   # "exec ls": a command, but in which container
    else:
        return False   # "run nginx on port 8080": a new container, not a command
    command = command.strip()
    if len(command) > 1 and command[0] == command[-1] and command[0] in '"\'':   # the whole command quoted
        command = command[1:-1]
    try:
        argv = shlex.split(command)
    except ValueError:
        return False
    if not argv or any(len(a) > 1000 for a in argv) or len(argv) > 50:
        return False
    secret = next((a for a in argv if SECRET_FILE.search(a)), None)
    if secret is not None:   # "cat /etc/shadow inside caddy": what it prints comes back into the chat
        out.questions.append(Question(text=f'Not planned: {argv[0]} would print a secret ({secret}) into the chat, where '
                                           'secrets are never shown. Open a console on the container if you need it.'))
        return None
    names = [w for w in names_in(target.lower().replace('/', ' / ').split(), state) if w not in ('container', '/')]
    if names in ([], ['it']) and previous is not None and previous.found:   # "restart web, then exec ls in it"
        resolution = previous
    else:   # the target only: a quoted command is not a name
        resolution = resolve(names or target.lower().split(), state)
    if not resolution.found and not resolution.ambiguous:
        out.unknown.append(target)
        out.questions.append(Question(text=f'I found no container called "{target}" to run {argv[0]} in.', choices=[]))
        return None
    containers = (list(resolution.ambiguous) or list(resolution.containers)
                  or [b.name for s in resolution.all_stacks for b in state.stacks.get(s, ())])
    if len(containers) != 1:
        out.questions.append(Question(text=f'Run {argv[0]} in which container?',
                                      choices=[f'exec {command} in {c}' for c in containers[:6]]))
        return None
    add_action(out, ExecAction(target=containers[0], command=argv), f'run {" ".join(argv)} in {containers[0]}')
    return resolution


# files whose content is a secret: password hashes, private keys, credentials, a compose project's .env
SECRET_FILE = re.compile(r'(?:^|/)(?:g?shadow|id_(?:rsa|ed25519|ecdsa|dsa)|\.env|\.netrc|\.pgpass|\.git-credentials|'
                         r'credentials|master\.key)$|^/etc/ssl/private/|^/run/secrets/|/\.ssh/|\.(?:pem|key|p12|pfx|jks)$|'
                         r'/\.docker/config\.json$|^/proc/[\w]+/environ$', re.IGNORECASE)


def _runs_in_existing(command: str, target: str, state: State) -> bool:
    """"run ls -la /config in home-assistant": a command when what follows "in" is one running
    container by name and the command is not a description of a new one ("run a redis in …")."""
    first = command.split()[0].lower()
    if first in ('a', 'an', 'the', 'new', 'another', 'one') or re.search(r'\b(?:container|image|port|named|called)\b',
                                                                          command, re.IGNORECASE):
        return False
    names = [w for w in names_in(target.lower().split(), state) if w != 'container']
    found = resolve(names, state) if names else None
    return found is not None and len(found.containers) == 1 and not found.ambiguous and not found.stack and (
        (box := state.container(found.containers[0])) is not None and box.state == 'running')
