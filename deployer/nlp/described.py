# ruff: noqa: E501  (word tables)
"""Things called by what they do: "the ad blocker", "the photo app", "my media server", "the thing
that blocks ads", "the documentation site".

People who did not set a host up name its software by its purpose. ``SOFTWARE`` is general knowledge
of well-known self-hosted software — what each is for, in the words people use — keyed by the
software's name as it appears in image names, container names and stack names. A description is
read as that software's name only when the live state runs it (a stack of that name, or containers
whose image or name is it); otherwise the words stay as they are (and may pick a template to deploy).
A description that fits several live things is left as the software's name, which the resolver then
asks about; a description whose words are themselves live names is never rewritten.
"""
from __future__ import annotations

from . import regex as re
from .resolve import parts
from .state import State

SOFTWARE: dict[str, tuple[str, ...]] = {
    'pihole': ('ad blocker', 'ad-blocker', 'adblocker', 'adblock', 'ad blocking', 'ads blocker', 'blocks ads', 'block ads', 'blocking ads', 'dns sinkhole', 'dns filter', 'dns blocker', 'ad filter', 'pi-hole', 'pi hole'),
    'adguard': ('ad blocker', 'ad-blocker', 'adblocker', 'adblock', 'ad blocking', 'blocks ads', 'block ads', 'dns filter'),
    'jellyfin': ('media server', 'movie server', 'movies server', 'streaming server', 'media streaming', 'streams movies', 'media center', 'media centre', 'media thing', 'media app', 'netflix'),
    'plex': ('media server', 'movie server', 'streaming server', 'media center', 'media centre'),
    'emby': ('media server', 'movie server', 'streaming server'),
    'immich': ('photo app', 'photos app', 'photo stack', 'photo backup', 'photos backup', 'photo server', 'photo thing', 'photo library', 'photo gallery', 'google photos'),
    'photoprism': ('photo app', 'photos app', 'photo library', 'photo gallery'),
    'paperless': ('document scanner', 'documents scanner', 'document manager', 'document management', 'document archive', 'documents app', 'document app', 'scanned documents', 'scanner app', 'ocr'),
    'nextcloud': ('own dropbox', 'our dropbox', 'my dropbox', 'dropbox', 'google drive', 'file sharing', 'file server', 'files app', 'cloud storage', 'private cloud', 'my cloud', 'our cloud', 'family cloud', 'home cloud'),
    'home-assistant': ('home automation', 'smart home', 'home assistant', 'house automation', 'lights app', 'automation server', 'home automation stuff', 'smart home stuff', 'home automation things', 'smart home things'),
    'mosquitto': ('mqtt broker', 'mqtt server', 'mqtt', 'message broker for the sensors', 'home automation stuff', 'smart home stuff', 'home automation things', 'smart home things'),
    'zigbee2mqtt': ('zigbee bridge', 'zigbee gateway', 'zigbee', 'z2m', 'home automation stuff', 'smart home stuff', 'home automation things', 'smart home things'),
    'syncthing': ('file sync', 'file syncing', 'sync app', 'sync tool', 'syncing app', 'folder sync'),
    'duplicati': ('backup app', 'backup tool', 'backup job', 'backup software'),
    'speedtest-tracker': ('speed test', 'speedtest', 'speed tester', 'speed tracker', 'internet speed', 'bandwidth test', 'bandwidth tester', 'connection speed'),
    'uptime-kuma': ('uptime monitor', 'uptime checker', 'status page', 'uptime thing', 'downtime alerts', 'website monitor', 'kuma'),
    'traefik': ('reverse proxy', 'edge router', 'load balancer', 'ssl proxy', 'https proxy'),
    'wireguard': ('vpn', 'vpn server', 'vpn tunnel'),
    'vaultwarden': ('password manager', 'passwords app', 'password vault', 'bitwarden'),
    'gitea': ('git server', 'git hosting', 'code hosting', 'github', 'gitlab'),
    'forgejo': ('git server', 'git hosting', 'code hosting', 'github', 'gitlab'),
    'gogs': ('git server', 'git hosting', 'code hosting', 'github'),
    'postfix': ('mail server', 'mail relay', 'smtp relay', 'smtp server', 'email server', 'mail sender', 'email sender'),
    'docker-mailserver': ('mail server', 'email server', 'smtp server', 'the email', 'the e-mail', 'our email', 'the emails'),
    'mailserver': ('mail server', 'email server', 'smtp server', 'the email', 'the e-mail', 'our email', 'the emails'),
    'mailcow': ('mail server', 'email server'),
    'stalwart': ('mail server', 'email server'),
    'maddy': ('mail server', 'email server'),
    'mailpit': ('mail catcher', 'fake smtp', 'test mail', 'mail testing', 'test inbox'),
    'mailhog': ('mail catcher', 'fake smtp', 'test mail', 'mail testing', 'test inbox'),
    'bookstack': ('the wiki', 'our wiki', 'my wiki', 'team wiki', 'knowledge base'),
    'dokuwiki': ('the wiki', 'our wiki', 'my wiki', 'team wiki'),
    'mediawiki': ('the wiki', 'our wiki', 'my wiki', 'team wiki'),
    'mattermost': ('team chat', 'chat server', 'chat app', 'slack'),
    'rocketchat': ('team chat', 'chat server', 'chat app', 'slack'),
    'woodpecker': ('build server', 'ci server', 'pipelines'),
    'jenkins': ('build server', 'ci server'),
    'grafana': ('dashboard app', 'the monitoring', 'our monitoring', 'my monitoring'),
    'prometheus': ('metrics server', 'metrics database', 'metrics collector', 'time series database', 'the monitoring',
                   'our monitoring', 'my monitoring'),
    'keycloak': ('single sign on', 'single sign-on', 'sso', 'login server', 'identity server', 'identity provider', 'auth server'),
    'minio': ('s3', 'object storage', 's3 storage', 'bucket storage'),
    'rabbitmq': ('message queue', 'message broker', 'queue server'),
    'wikijs': ('the wiki', 'our wiki', 'my wiki', 'team wiki', 'knowledge base'),
    'node-red': ('flow editor', 'node red'),
    'n8n': ('workflow automation', 'zapier'),
    'adminer': ('database admin', 'db admin', 'database gui', 'db gui', 'sql admin', 'database web ui', 'db web ui'),
    'phpmyadmin': ('mysql admin', 'database admin', 'db admin', 'mysql gui'),
    'pgadmin': ('postgres admin', 'database admin', 'db admin', 'postgres gui'),
    'mailer': ('mail server', 'mail sender', 'email sender', 'smtp relay', 'newsletter sender'),
    'docs': ('documentation site', 'documentation website', 'documentation server', 'docs site', 'docs website', 'help pages'),
    'ci-runner': ('ci runner', 'build runner', 'ci', 'build agent', 'pipeline runner'),
    'backup': ('backup job', 'backup container'),
    'calibre': ('ebook library', 'book library'),
    'audiobookshelf': (),
    'frigate': ('camera recorder', 'nvr', 'cctv'),
    'ntfy': ('push notifications',),
    'gotify': ('push notifications',),
    'freshrss': ('rss reader', 'feed reader'),
    'miniflux': ('rss reader', 'feed reader'),
    'mealie': ('recipe app', 'recipe manager'),
    'ollama': ('local llm', 'ai model', 'llm server', 'language model'),
    'qbittorrent': ('torrent client',),
    'transmission': ('torrent client',),
    'sonarr': ('tv downloader', 'series downloader'),
    'radarr': ('movie downloader', 'movies downloader'),
    'portainer': ('docker ui', 'container ui', 'docker dashboard'),
    'netdata': ('system monitor', 'host monitor', 'server monitor'),
    'watchtower': ('auto updater', 'auto-updater', 'image updater', 'automatic updates'),
    'searxng': ('search engine', 'private search', 'metasearch'),
    'code-server': ('vs code', 'vscode', 'code editor', 'web ide'),
    'mastodon': ('fediverse', 'social network'),
    'synapse': ('matrix', 'chat server'),
    'wordpress': ('wordpress site', 'wordpress blog'),
    'ghost': ('newsletter site', 'newsletter'),
    'alertmanager': ('alert manager', 'alert router', 'alerts router', 'alert routing', 'alerting', 'pager', 'paging'),
    'node-exporter': ('node exporter', 'host exporter', 'host metrics exporter', 'machine metrics'),
    'kibana': ('log viewer', 'logs viewer', 'log dashboard', 'logs dashboard', 'elk ui', 'elastic ui'),
    'elasticsearch': ('search index', 'search cluster', 'elastic', 'full text search', 'full-text search'),
    'clickhouse': ('analytics database', 'analytics db', 'olap database', 'column store', 'columnar database'),
    'shop': ('online store', 'online shop', 'webshop', 'web shop', 'e-shop', 'storefront', 'store front', 'ecommerce',
             'e-commerce', 'web store'),
    'crm': ('customer database', 'customer management', 'customer relationship', 'sales app', 'sales system', 'sales tool'),
    'billing': ('invoicing', 'invoice app', 'invoices app', 'billing system'),
    'payments': ('payment service', 'payment system', 'payments service', 'payment processing', 'payment processor'),
    'auth': ('login service', 'sign-in service', 'signin service', 'identity service'),
    'unifi': ('wifi controller', 'wi-fi controller', 'wifi thing', 'wifi manager', 'access point controller',
              'network controller'),
    'cups': ('print server', 'printing server', 'printer server', 'printing thing', 'printer thing', 'printing service',
             'the printers'),
    'roundcube': ('webmail', 'web mail', 'email website', 'mail website'),
    'invoiceninja': ('accounting app', 'accounting thing', 'invoicing app', 'accounts app'),
    'jupyterhub': ('notebook server', 'the notebooks', 'jupyter'),
    'mlflow': ('experiment tracker', 'experiment tracking', 'model registry'),
    'label-studio': ('labelling tool', 'labeling tool', 'annotation tool'),
    'overleaf': ('latex editor', 'paper editor'),
    'moodle': ('learning platform', 'virtual learning environment', 'vle', 'e-learning'),
    'kiwix': ('offline wikipedia', 'wikipedia copy'),
    'listmonk': ('newsletter sender', 'newsletter tool', 'mailing list'),
    'plausible': ('web analytics', 'site analytics', 'the analytics'),
    'meilisearch': ('search engine', 'site search'),
    'easyappointments': ('the bookings', 'our bookings', 'my bookings', 'booking system', 'appointment system',
                         'appointments system', 'online booking', 'online bookings', 'reservation system'),
    'cal.com': ('booking system', 'scheduling app'),
    'pos': ('the till', 'the tills', 'cash register', 'point of sale', 'till sync'),
    'imgproxy': ('image resizer', 'image proxy', 'thumbnail service'),
}

assert all(isinstance(v, tuple) for v in SOFTWARE.values())

# what a thing is about, said with a head noun: "the photo app", "my media server", "the backup job"
TOPICS: dict[str, tuple[str, ...]] = {
    'jellyfin': ('media', 'movie', 'movies', 'film', 'films', 'tv', 'streaming', 'video', 'videos'),
    'plex': ('media', 'movie', 'movies', 'film', 'films', 'tv', 'streaming'),
    'emby': ('media', 'movie', 'movies', 'streaming'),
    'immich': ('photo', 'photos', 'picture', 'pictures', 'image backup'),
    'photoprism': ('photo', 'photos', 'picture', 'pictures'),
    'paperless': ('document', 'documents', 'scan', 'scans', 'scanner', 'paperwork', 'receipt', 'receipts', 'letter', 'letters'),
    'pihole': ('ad', 'ads', 'advert', 'adverts', 'advertising', 'tracker', 'trackers'),
    'uptime-kuma': ('uptime', 'downtime', 'outage', 'outages', 'website', 'websites'),
    'nextcloud': ('file', 'files', 'cloud', 'dropbox'),
    'home-assistant': ('home automation', 'smart home', 'automation', 'lights'),
    'syncthing': ('sync', 'syncing'),
    'duplicati': ('backup', 'backups'),
    'vaultwarden': ('password', 'passwords'),
    'gitea': ('git', 'code'),
    'forgejo': ('git', 'code'),
    'gogs': ('git',),
    'postfix': ('mail', 'email', 'e-mail', 'smtp'),
    'docker-mailserver': ('mail', 'email', 'e-mail', 'smtp'),
    'mailserver': ('mail', 'email', 'e-mail'),
    'bookstack': ('wiki', 'knowledge'),
    'mattermost': ('chat',),
    'rocketchat': ('chat',),
    'grafana': ('dashboard', 'dashboards', 'graph', 'graphs', 'chart', 'charts', 'monitoring'),
    'prometheus': ('metrics', 'monitoring'),
    'mailer': ('mail', 'email', 'e-mail', 'newsletter', 'smtp'),
    'docs': ('documentation', 'docs', 'help'),
    'calibre': ('ebook', 'ebooks', 'book', 'books'),
    'audiobookshelf': ('audiobook', 'audiobooks', 'podcast', 'podcasts'),
    'frigate': ('camera', 'cameras', 'cctv'),
    'mealie': ('recipe', 'recipes'),
    'wikijs': ('wiki', 'knowledge'),
    'wordpress': ('wordpress',),
    'qbittorrent': ('torrent', 'download', 'downloads'),
    'alertmanager': ('alert', 'alerts', 'alerting', 'paging'),
    'shop': ('store', 'shopping', 'ecommerce', 'e-commerce'),
    'crm': ('customer', 'customers', 'sales'),
    'billing': ('invoice', 'invoices', 'invoicing'),
    'payments': ('payment', 'payments'),
    'easyappointments': ('booking', 'bookings', 'appointment', 'appointments', 'reservation', 'reservations'),
    'pos': ('till', 'tills', 'checkout counter'),
}
HEADS = ('app', 'application', 'server', 'service', 'stack', 'thing', 'container', 'tool', 'site', 'website', 'web site',
         'page', 'system', 'program', 'software', 'box', 'instance', 'one', 'stuff', 'setup', 'manager', 'library', 'job',
         'router', 'cloud')
for _software, _topics in TOPICS.items():
    SOFTWARE[_software] = (*SOFTWARE.get(_software, ()), *(f'{t} {h}' for t in _topics for h in HEADS))

# a word for a part of an app, and the service names that part goes by ("the bookings database": its db)
ROLE_NAMES = {'database': ('db', 'database', 'mysql', 'mariadb', 'postgres'), 'db': ('db', 'database'),
              'cache': ('redis', 'cache'), 'redis': ('redis',), 'app': ('app',), 'worker': ('worker',), 'web': ('web',)}
HEAD_WORDS = frozenset(w for h in HEADS for w in h.split()) | {'server', 'agent', 'sync', 'service'}
GENERIC = {*(w for h in HEADS for w in h.split()), 'web', 'broker', 'manager', 'admin', 'runner', 'ui', 'db', 'database'}

# the phrases, longest first, each with the software it may stand for
PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(sorted(
    {phrase: tuple(k for k, ps in SOFTWARE.items() if phrase in ps) for ps in SOFTWARE.values() for phrase in ps}.items(),
    key=lambda item: -len(item[0])))
PATTERN = re.compile(r"(?<![\w-])(?:the\s+(?:thing|app|one|stuff|service|program|tool|software)\s+(?:that|which)\s+)?"
                     r"(?P<phrase>" + '|'.join(re.escape(p) for p, _ in PHRASES) + r")(?:(?<=app)s|(?<=server)s)?(?![\w-])",
                     re.IGNORECASE)   # (and "4 bookings apps": a count of that app)
BY_PHRASE = dict(PHRASES)


def _one_stack(names: set[str], state: State) -> str | None:
    """The stack that every one of ``names`` is (or is part of), when there is one: "the monitoring stack"
    where its prometheus and its grafana are both in metrics."""
    stacks = {n if n in state.stacks else (box.stack if (box := state.container(n)) is not None else None) for n in names}
    return stacks.pop() if len(stacks) == 1 and None not in stacks else None


def live_name(software: str, state: State) -> str | None:
    """The live name ``software`` stands for here: a stack of that name, the one container whose
    image or name it is (or the one stack all of them are in); the software's own name when several
    unrelated containers run it (the resolver asks); None when nothing here runs it."""
    if software in state.stacks:
        return software
    runs = [b for b in state.containers
            if b.name == software or b.repo == software or b.repo.startswith(software + '-') or software in parts(b.name)
            or b.repo.endswith('-' + software)]   # "eclipse-mosquitto": mosquitto
    if not runs:
        return None
    if len(runs) == 1:
        return runs[0].name
    stacks = {b.stack for b in runs}
    if len(stacks) == 1 and None not in stacks:
        return next(iter(stacks))
    return software


WISH = re.compile(r"\b(?:deploy|install|set\s*up|setup|spin\s+up|create|add|need|want|wish|like|get\s+(?:me|us)|"
                  r"give\s+(?:me|us)|own|style|alternative|similar|another|second|new|fresh|extra|instead\s+of)\b",
                  re.IGNORECASE)
PURPOSE_BEFORE = re.compile(r"\w\s+for\s+(?:the\s+|my\s+|our\s+)?$", re.IGNORECASE)
DEFINITE = re.compile(r"\b(?:the|my|our|your|his|her|their|this|that|its)\s+$", re.IGNORECASE)


SEARCHED_FOR = re.compile(r"\b(?:grep(?:\s+-i)?|containing|matching|mentioning|search(?:ing)?\s+(?:\S+\s+){0,4}?for|"
                          r"filter(?:ed)?\s+(?:by|for|on))\s*['\"]?$", re.IGNORECASE)
NAMING = re.compile(r"\b(?:named|called|call\s+it|name\s+it|as|stack\s+name|--stack|stack\s*=)\s*$", re.IGNORECASE)


# "the thing that sends our emails", "the app which plays the movies", "the thing the kids watch movies on", "the
# place we keep the scanned letters": a thing named by what it does to what (a relative clause, "that" or not)
_HEAD = r"(?:thing|app|application|one|container|service|program|tool|software|box|server|stuff|bit|place|site|page|cloud)"
_END = (r"(?=\s+(?:up|down|running|ok|okay|alive|working|again|and|then|please|pls|now|is|are|was|isn'?t|aren'?t|wasn'?t|"
        r"has|keeps|from|taking|using|use|uses|broken|for\s+tonight)\b|\s*[?,.!;]|\s*$)")
DOES_TO = re.compile(r"\b(?:the|my|our|that)\s+(?:\w+\s+)?" + _HEAD + r"\s+(?:(?:that|which|who|where|for)\s+|"
                     r"(?=(?:we|i|you|they|he|she|(?:the|my|our)\s+(?!and\b|or\b)\w+)\s+(?!is\b|are\b|was\b)\w+))"
                     r"(?P<does>(?:[\w'-]+\s+){0,5}?[\w'-]+)" + _END, re.IGNORECASE)
# "the document scanning thing", "the computer backup program": the topic said before the head noun
TOPIC_FIRST = re.compile(r"\b(?:the|my|our|that)\s+(?P<does>(?:[\w'-]+\s+){1,3}?)" + _HEAD + r"s?\b", re.IGNORECASE)
TOPIC_OF: dict[str, set[str]] = {}
for _software, _topics in TOPICS.items():
    for _topic in _topics:
        TOPIC_OF.setdefault(_topic, set()).add(_software)


def _stems(word: str) -> set[str]:
    """A word and the forms a topic may be written in: "scanned"/"scanning" -> "scan", "ads" -> "ad"."""
    forms = {word}
    if word.endswith('s') and len(word) > 3:
        forms.add(word[:-1])
    for ending in ('ing', 'ed'):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[:-len(ending)]
            forms |= {stem, stem + 'e'} | ({stem[:-1]} if len(stem) > 2 and stem[-1] == stem[-2] else set())
    return forms


def _does_to(text: str, state: State) -> str:
    """Each "thing that <does> <something>" (or "<topic> thing") whose words name the topic of exactly one
    software: its live name ("is the thing that sends our emails up?" -> "is mailer up?")."""
    def named(match: re.Match[str]) -> str:
        words = re.findall(r"[a-z]+", match.group('does').lower())
        if any(w in state.name_words and w not in GENERIC and live_name(w, state) is not None for w in words):
            return match.group(0)   # "the shop web app": named already
        softwares = {software for w in words for form in _stems(w) for software in TOPIC_OF.get(form, ())}
        names = {n for software in softwares if (n := live_name(software, state)) is not None}
        if not names and softwares and match.re is DOES_TO:   # "the app which keeps my passwords" where none runs
            return sorted(softwares)[0]
        if len(names) != 1:
            return match.group(0)
        found = next(iter(names))
        head = match.group(0).lower().split()[-1].rstrip('s') if match.re is TOPIC_FIRST else ''
        if found in state.stacks and head and any(b.service == head for b in state.stacks[found]):
            return f'{found} {head}'   # "3 instances of the photo server": the photos stack's server, not all of it
        return found
    return TOPIC_FIRST.sub(named, DOES_TO.sub(named, text))


def described(text: str, state: State) -> str:
    """``text`` with each description of live software replaced by its live name. In a request for
    something new ("set up a media server", "our own dropbox") only a description said as a thing
    already here ("the media server", "my photo app") is read so: the rest may pick a template."""
    wish = WISH.search(text) is not None

    def named(match: re.Match[str]) -> str:
        phrase = match.group('phrase').lower()
        if text[:match.start()].count('"') % 2 or text[:match.start()].count('`') % 2:
            return match.group(0)   # 'run "npm ci" in it': words of a command said in quotes are the command's
        if NAMING.search(text[:match.start()]) or SEARCHED_FOR.search(text[:match.start()]):   # "grep OCR": a word looked for   # "a ghost blog named sso": the name it is given, not the sso here
            return match.group(0)
        if wish and not (match.group(0).lower() != phrase or DEFINITE.search(text[:match.start()])):
            return match.group(0)
        before = text[:match.start()]
        if re.search(r'\b(?:next\s+to|beside|behind|near|under(?:neath)?|on\s+top\s+of|in\s+front\s+of)\s+$', before,
                     re.IGNORECASE):
            return match.group(0)   # "the coffee machine next to the till is leaking": a place in the room, no software
        if PURPOSE_BEFORE.search(before) and (wish or any(
                re.search(r'\b' + re.escape(t.id).replace(r'\-', '[ -]?') + r'\b', before, re.IGNORECASE) for t in state.templates)):
            return match.group(0)   # "node red for my home automation": what a new one is for, not the one here
        if phrase.replace(' ', '-') in state.stacks or state.container(phrase.replace(' ', '-')) is not None or any(
                w in state.stacks or state.container(w) is not None for w in phrase.split()):
            return match.group(0)   # "the ci agent" where ci is a stack here: that stack's, never a ci runner elsewhere;
            # "the website stack" where a stack is called website: that stack, never the website monitor
        names = {n for software in BY_PHRASE[phrase] if (n := live_name(software, state)) is not None}
        if phrase.endswith(' stack'):   # "the git stack": the stack its git server is in
            names = {box.stack if (box := state.container(n)) is not None and box.stack else n for n in names}
        own = {p for software in BY_PHRASE[phrase] for p in parts(software)}   # "the smart home app": home-assistant's word
        if any(w in state.name_words and w not in GENERIC and w not in own for w in re.findall(r'[a-z0-9]+', phrase)):
            return match.group(0)   # "docs", "backup", "vpn" here are names already ("server" or "app" alone are not)
        if not names and not wish and (match.group(0).lower() != phrase or DEFINITE.search(text[:match.start()])) and any(
                w in state.name_words for w in phrase.split()):   # "the photo app" would otherwise be nextcloud's app
            return BY_PHRASE[phrase][0]   # "restart the photo app" where none runs: asked about, not another app
        if 1 < len(names) <= 3 and not _one_stack(names, state) and all(
                state.container(n) is not None or n in state.stacks for n in names):
            if re.search(r'\b(?:all|every|each|both)\s+(?:of\s+)?(?:the\s+|our\s+|my\s+)?$', before, re.IGNORECASE) or re.search(
                    r'\s(?:stuff|things)$', phrase):   # "restart all the home automation stuff": each of them
                return ' and '.join(sorted(names))
            return ' or '.join(sorted(names))   # "the mail server" where two run: which one, asked with their names
        found = next(iter(names)) if len(names) == 1 else _one_stack(names, state)
        home = box.stack if found and (box := state.container(found)) is not None else None
        after = re.match(r'\s+([\w-]+)', text[match.end():])
        if home and phrase.split()[0] in ('the', 'our', 'my') and not set(phrase.split()) & HEAD_WORDS and (
                re.search(r'[^s]s$', phrase) or after and any(after.group(1).lower() in (b.service, *ROLE_NAMES.get(
                    after.group(1).lower(), ())) for b in state.stacks[home])
                or re.search(r'\b(?:belongs?|belonging|part)\s+(?:to|of)\s+$', text[:match.start()], re.IGNORECASE)):
            return home   # "the bookings", "the wiki database", "what belongs to the wiki": the whole app, its stack
            return home
        head = phrase.split()[-1]
        if found in state.stacks and any(b.service == head for b in state.stacks[found]):
            return f'{found} {head}'   # "3 instances of the photo server": the server of the photos stack, not all of it
        return found or match.group(0)
    return PATTERN.sub(named, _does_to(text, state))
