"""What a message tells before (or beside) what it asks, read for whom the request is about: an image told of and
then put up as "it", a thing guessed at and then acted on as "it", a name said aside ("one of the workers,
worker-05, …"), a STATUS cell of `docker ps` copied into a sentence, "production" beside a stack that has a
staging twin. Each is one rewrite of the message's text (``rewrites.prepared`` calls them in order).
"""
from __future__ import annotations

from . import regex as re
from .clause import STOPPED
from .intent import names_something, starts_request
from .resolve import resolve
from .state import State

DOCKER_STATUS = re.compile(r"\b(?P<state>Exited|Restarting)\s*\(\d{1,3}\)(?:\s+(?:about\s+)?(?:an?|\d+)\s+(?:seconds?|"
                           r"minutes?|hours?|days?|weeks?)\s+ago)?", re.IGNORECASE)   # a STATUS cell of docker ps, copied
SEEN_IN_PS = re.compile(r"\s+(?:in|on|per|according\s+to)\s+(?:the\s+)?(?:output\s+of\s+)?(?:`)?(?:docker|podman)\s+"
                        r"(?:ps|container\s+ls)(?:\s+-a|\s+--all)?(?:`)?(?=[\s,.;!?]|$)", re.IGNORECASE)
APPOSITIVE_NAME = re.compile(r"\b(?:one\s+of\s+)?(?:the|our|my)\s+(?:[\w-]+\s+){0,3}?[\w-]+\s*,\s*(?P<name>[\w.-]+)\s*,(?=\s)",
                             re.IGNORECASE)
IMAGE_TOLD = re.compile(r"\b(?:an?|the|this|that)\s+(?:docker\s+|container\s+)?image\s*(?:called|named|:)?\s+"
                        r"(?P<image>[a-z0-9][\w.-]*(?:/[\w.-]+)+(?::[\w.-]+)?|[a-z0-9][\w.-]*:[\w.-]+)", re.IGNORECASE)
IT_PUT_UP = re.compile(r"^\s*(?:(?:please|pls|can\s+you|could\s+you|now|then)\s+)*(?:put|get|bring|set|start|run|launch|deploy|"
                       r"spin|fire|host)\s+(?:it|that|this)\s+(?:up\b|online\b|live\b|running\b|on\s+the\s+server\b)?\s*",
                       re.IGNORECASE)


def image_then_it(text: str) -> str:
    """An image told of in one sentence and put up as "it" in the next: "Our designer left us an image called
    acme/landing:latest. Put it online on port 8181, name it landing" runs that image there."""
    sentences = re.split(r'(?<=[.!?])\s+', text)
    for index in range(1, len(sentences)):
        told = IMAGE_TOLD.search(sentences[index - 1])
        put = IT_PUT_UP.match(sentences[index])
        if told and put and not starts_request(sentences[index - 1].split()[0].lower().strip(',')):
            sentences[index] = f'run {told.group("image")} {sentences[index][put.end():]}'
            return ' '.join(sentences[:index - 1] + sentences[index:])
    return text


IMAGE_FIRST = re.compile(r"^\s*(?:the\s+|that\s+|this\s+)?(?P<image>[a-z0-9][\w.-]*(?:/[\w.-]+)*(?::[\w.-]+)?)(?P<said>\s+image)?"
                         r"\s*(?:,|:|-+|–|—)\s*(?:(?:just|only|please|pls|then|and|so)\s+)*(?:(?:can|could|would)\s+you\s+)?"
                         r"(?:(?P<verb>pull|download|fetch|grab|prefetch|retrieve|get|remove|delete|rm)\s+(?:it|that|this)(?:\s+(?:down|in))?"
                         r"|(?P<only>pull|download|fetch)\s+only|only\s+(?P<only2>pull|download|fetch))\b", re.IGNORECASE)
ON_ITS_OWN = {'get': 'pull', 'grab': 'pull', 'rm': 'remove'}


def image_first(text: str) -> str:
    """An image named first, then what to do with "it": "the redis:7 image, pull it", "nginx:alpine — pull only"
    pull that image (a bare name stays a topic for the rules: "pihole, restart it" is about the container)."""
    match = IMAGE_FIRST.match(text)
    if match is None or not (match.group('said') or re.search(r'[:/]', match.group('image'))):
        return text
    verb = (match.group('verb') or match.group('only') or match.group('only2')).lower()
    verb = ON_ITS_OWN.get(verb, verb)
    image = f'the {match.group("image")} image' if verb in ('remove', 'delete') else match.group('image')
    return f'{verb} {image}{text[match.end():]}'


GUESSED = re.compile(r"^\s*(?:(?:and|but|so|well|hmm+|ok|okay)\s*,?\s+)?(?:(?:i|we)\s+(?:think|guess|suspect|believe|bet|"
                     r"reckon|assume)\s+(?:that\s+)?|(?:my\s+guess\s+is|the\s+(?:problem|culprit|issue)\s+(?:is|must\s+be|"
                     r"seems\s+to\s+be))\s+(?:that\s+)?|probably\s+|maybe\s+|must\s+be\s+)(?:it(?:'s|\s+is|\s+was|\s+must\s+be|"
                     r"\s+might\s+be|\s+could\s+be)\s+)?(?P<x>(?:the|our|my|their)\s+[\w' .-]+?|[\w.-]+)\s*(?:again)?\s*"
                     r"[.!]*\s*$",
                     re.IGNORECASE)


def guess_then_it(text: str, state: State) -> str:
    """A thing named as the likely culprit in one sentence and acted on as "it" in the next: "I think it's
    the shop's database. Could you restart it?" restarts the shop's database."""
    sentences = re.split(r'(?<=[.!?])\s+', text)
    for index in range(len(sentences) - 1):
        guess = GUESSED.match(sentences[index])
        after = sentences[index + 1]
        if guess is None or not re.search(r'\b(?:it|that)\b', after, re.IGNORECASE):
            continue
        thing = guess.group('x').strip()
        if not any(names_something(w.lower().removesuffix("'s"), state) for w in re.findall(r"[\w'.-]+", thing)):
            continue
        sentences[index + 1] = re.sub(r'\b(?:it|that)\b', thing, after, count=1, flags=re.IGNORECASE)
        return ' '.join(sentences[:index] + sentences[index + 1:])
    return text


PRODUCTION_ONE = re.compile(r"\s*[,–—-]\s*(?:the\s+)?(?:production|prod|live)(?:\s+one)?\b(?=\s*(?:[,–—-]|$|not\b))",
                            re.IGNORECASE)
PRODUCTION_AND_OTHER = re.compile(r"\s*[,(–—-]?\s*(?:both\s+)?(?:the\s+)?(?:production|prod|live)(?:\s+one)?\s+(?:and|&|\+)\s+"
                                  r"(?:the\s+)?(?:staging|stage|dev|test)(?:\s+ones?)?\b\)?", re.IGNORECASE)


def production_said(text: str, state: State) -> str:
    """Where a stack has a staging (dev, test …) twin: "the production one" said beside it is the stack
    itself, and "production and staging" said of it is both, already named."""
    if not any(s.endswith(('-staging', '-stage', '-dev', '-test')) for s in state.stacks) or any(
            w in state.name_words for w in ('production', 'prod', 'live')):
        return text
    return PRODUCTION_ONE.sub('', PRODUCTION_AND_OTHER.sub('', text))


STAGING_NAMES = ('staging', 'stg', 'stage')


def twin_named(text: str, state: State) -> str:
    """Where a stack is called just "staging" (or stg, stage), the one other stack it is a copy of (its
    services and more) is production: "the prod cms" is that stack's cms, "stg" is staging."""
    staging = next((s for s in STAGING_NAMES if s in state.stacks), None)
    if staging is None:
        return text
    services = {b.service for b in state.stacks[staging]}
    twins = [s for s, boxes in state.stacks.items() if s != staging and services <= {b.service for b in boxes}]
    if len(twins) == 1 and not any(w in state.name_words for w in ('prod', 'production', 'live')):
        text = re.sub(r'\b(?:prod|production)\b(?!\s*[-/])', twins[0], text, flags=re.IGNORECASE)
    return re.sub(r'\b(?:stg|stage)\b(?!\s*[-/])', staging, text, flags=re.IGNORECASE) if staging == 'staging' else text


def docker_status_said(text: str) -> str:
    """"proxy-05 has been Exited (1) since yesterday": exited; "… shows Exited (0) in docker ps -a, docker start it": where it
    was seen is no request of its own."""
    text = DOCKER_STATUS.sub(lambda m: m.group('state').lower(), text)
    return SEEN_IN_PS.sub('', text) if DOCKER_STATUS.search(text) or re.search(r'\b(?:exited|restarting|created|dead)\b', text,
                                                                            re.IGNORECASE) else text


def name_aside(text: str, state: State) -> str:
    """"One of the background workers, worker-05, seems stuck": worker-05 (a live name said between commas); "both
    nightly jobs didn't run (the price-import and the sitemap one)": the things named in the brackets."""
    text = APPOSITIVE_NAME.sub(lambda m: m.group('name') if state.container(m.group('name').lower()) is not None
                               or m.group('name').lower() in state.stacks else m.group(0), text)

    def listed(match: re.Match[str]) -> str:
        words = [w for w in re.findall(r"[\w.-]+", match.group('names').lower()) if w not in LISTING_WORDS]
        if len(words) < 2 or not all(names_something(w, state) for w in words) or any(
                names_something(w, state) for w in re.findall(r"[\w.-]+", match.group('said').lower())):
            return match.group(0)
        return f'{match.group("names")}{" " + match.group("pred") if match.group("pred") else ""}'
    return NAMES_IN_BRACKETS.sub(listed, text)


# "both nightly jobs (the price-import and the sitemap one)", "both nightly jobs didn't run (the price import and the
# sitemap one)": a description (and what it did), then what it is, named in brackets
NAMES_IN_BRACKETS = re.compile(r"(?P<said>\b(?:both|all|the|my|our|these|those|two|three)\s+(?:(?:of\s+)?(?:the|our|my)\s+)?"
                               r"(?:[\w-]+\s+){0,3}?[\w-]+?)(?:\s+(?P<pred>(?:didn'?t|did\s+not|never|haven'?t|have\s+not|are|were|"
                               r"failed|stopped|crashed|died)\b[^().,;!?]{0,40}?))?\s*\((?P<names>[^()]{3,120})\)",
                               re.IGNORECASE)
LISTING_WORDS = frozenset({'the', 'and', 'one', 'ones', 'both', 'plus', 'also', 'container', 'containers', 'stack', 'stacks',
                           'job', 'jobs', 'or'})


# something told to be down, then "fix it": what is stopped is started ("speedtest tracker isn't running, fix it")
DOWN_FIX_IT = re.compile(r"^\s*(?:(?:hey|hi|so|ok|okay|well)\s*,?\s+)?(?:the\s+|my\s+|our\s+)?"
                         r"(?P<x>[\w.-]+(?:\s+[\w.-]+){0,2}?)(?:\s+"
                         r"(?:container|stack|app|service))?\s+(?:isn'?t\s+(?:running|up|working|starting)|is\s+not\s+(?:running|up)|"
                         r"aren'?t\s+(?:running|up)|(?:is|are|went|has\s+gone|was)\s+(?:down|stopped|dead|offline|exited)|"
                         r"(?:has\s+|have\s+)?(?:stopped|died|crashed|exited)|won'?t\s+start|is\s+not\s+starting)\b[^.;!?,]*"
                         r"[,.;!-]+\s*(?:(?:please|pls|can\s+you|could\s+you|just|so|now)\s+)*(?:fix|sort|repair|deal\s+with|handle)"
                         r"\s+(?:it|that|this|them)(?:\s+out)?(?:\s+(?:please|pls|for\s+me))?\s*[.!?]*\s*$", re.IGNORECASE)


def down_then_fix_it(text: str, state: State) -> str:
    """"speedtest tracker isn't running, fix it", "duplicati crashed - sort it out": started, when what it names is stopped
    (all of it); anything running stays a question about its state."""
    told = DOWN_FIX_IT.match(text)
    if not told:
        return text
    found = resolve(told.group('x').lower().split(), state)
    boxes = [b for b in state.containers if b.name in found.containers or found.stack and b.stack == found.stack]
    if boxes and all(b.state in STOPPED for b in boxes):
        return f'start {told.group("x")}'
    return text
