"""Short names people give the software they run: "bounce jf", "redeploy NC", "is hass healthy?", "the WP db".

Two sources:

* the community's own short names (``KNOWN``: "jf" is jellyfin, "hass" home assistant, "z2m" zigbee2mqtt),
  read as the software's name, which the resolver then finds among what runs (or an image runs:
  "pg 16 with password x");
* a name's initials, worked out from the live names themselves (and read as that live name): the parts of a name written apart
  ("home-assistant" -> "ha", "node-red" -> "nr") or two English words written together ("jellyfin" ->
  jelly+fin -> "jf", "nextcloud" -> "nc", "keycloak" -> "kc", "wordpress" -> "wp").

A short name is read so only where it names nothing itself, is no everyday word (unless written in
capitals: "HA", "NC"), and stands for exactly one live thing.
"""
from __future__ import annotations

import functools

from . import regex as re
from .clause import KNOWN_IMAGES
from .described import live_name
from .intent import VALUE_OF
from .lexicon import COMMON, DICTIONARY
from .state import State

KNOWN = {
    'jf': 'jellyfin', 'hass': 'home-assistant', 'ha': 'home-assistant', 'nc': 'nextcloud', 'ph': 'pihole',
    'pi-hole': 'pihole', 'vw': 'vaultwarden', 'bw': 'vaultwarden', 'z2m': 'zigbee2mqtt', 'npm': 'nginx-proxy-manager',
    'kuma': 'uptime-kuma', 'qbit': 'qbittorrent', 'qbt': 'qbittorrent', 'sab': 'sabnzbd', 'agh': 'adguardhome',
    'wg': 'wireguard', 'cf': 'cloudflared', 'pg': 'postgres', 'es': 'elasticsearch', 'ak': 'authentik',
    'pf': 'portainer', 'gf': 'grafana', 'prom': 'prometheus',
}

# capitals that are words, units and protocols of their own ("restart it at 9 AM", "the UI", "PM me")
NOT_SHORT = frozenset("""
am pm ok it us id ip os pc tv db ui io vm hi no on or in is at to up go me an as be by do if of so we he my ms mb gb kb
ls ps rm cp mv cd df du
tb hr api url cpu ram ssh dns ssl tls vpn sso tcp udp http aws eu uk usa ci cd qa dev env tz utc gpu nas lan wan
""".split())

_WORD = re.compile(r"(?<![\w./:@=$-])([A-Za-z][A-Za-z0-9]{1,3}|pi-hole)(?![\w/:@=-]|\.\w)")


def nicknamed(text: str, state: State) -> str:
    """``text`` with each short name of something here replaced by its live name."""
    short = _initials(tuple(b.name for b in state.containers), tuple(state.stacks), tuple(state.services))
    if not short and not any(w.lower() in KNOWN for w in re.findall(r'[\w-]+', text)):
        return text

    def named(match: re.Match[str]) -> str:
        word = match.group(1)
        lowered = word.lower()
        if lowered in NOT_SHORT or lowered in state.name_words or any(t.id == lowered for t in state.templates):
            return word
        if (lowered in DICTIONARY or lowered in COMMON) and not (word.isupper() and len(word) > 1):
            return word   # "ha ha", "es" in a Spanish sentence; "HA" is home assistant
        if text[:match.start()].split()[-1:] and text[:match.start()].split()[-1].lower().strip(':=,') in VALUE_OF:
            return word   # "database nc, user nc": values given, not names said
        software = KNOWN.get(lowered)
        if software is not None and (live_name(software, state) is not None or software in KNOWN_IMAGES):
            return software   # the resolver finds the live one; "pg 16 with password x" runs postgres ("for HA": no hass here)
        return short.get(lowered, word)
    return _WORD.sub(named, text)


@functools.lru_cache(maxsize=64)
def _initials(containers: tuple[str, ...], stacks: tuple[str, ...], services: tuple[str, ...]) -> dict[str, str]:
    """Each initials that stand for exactly one live name: a stack, a stack's service ("auth-keycloak-1"'s
    keycloak), or a container whose name is words (never a generated "shop-api-1")."""
    found: dict[str, set[str]] = {}
    for name in {*containers, *stacks, *services}:
        words = [w for w in re.split(r'[-_.]', name.lower()) if w]
        if not words or not all(w.isalpha() for w in words):
            continue
        for said in (_two_words(words[0]) if len(words) == 1 else [words]):
            if 2 <= len(said) <= 3:
                found.setdefault(''.join(w[0] for w in said), set()).add(name)
    return {initials: next(iter(names)) for initials, names in found.items() if len(names) == 1}


def _two_words(word: str) -> list[list[str]]:
    """A name that is two English words written together, as those words ("jellyfin" -> jelly, fin); each way
    of reading it ("teamspeak" -> team speak, teams peak: "ts" and "tp")."""
    if len(word) < 6 or word in DICTIONARY:
        return [[word]]
    return [[word[:i], word[i:]] for i in range(2, len(word) - 1) if word[:i] in DICTIONARY and word[i:] in DICTIONARY
            and len(word[i:]) >= 3] or [[word]]
