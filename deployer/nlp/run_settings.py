"""Settings a new container is given in words: variables under the image's documented names ("root password x",
"user and password both y"), where its data and config go ("storing images in /srv/registry"), and a restart policy
said as people say it ("keep it running", "unless I stop it").
"""
from __future__ import annotations

import functools
from collections.abc import Callable

from . import regex as re
from .clause import IMAGE_ALIASES, Clause
from .lexicon import COMMON
from .state import repository
from .template_params import PASSWORD, VALUE

# Where well-known images keep their data: "with a volume for its data" mounts there.
DATA_PATHS = {'navidrome': '/data', 'esphome': '/config', 'audiobookshelf': '/config', 'jellyseerr': '/app/config',
              'overseerr': '/app/config', 'pgadmin4': '/var/lib/pgadmin', 'photoprism': '/photoprism/storage',
              'zigbee2mqtt': '/app/data', 'mealie': '/app/data', 'adguardhome': '/opt/adguardhome/work',
              'homarr': '/app/data/configs', 'syncthing': '/var/syncthing', 'freshrss': '/var/www/FreshRSS/data',
              'ollama': '/root/.ollama', 'qdrant': '/qdrant/storage', 'open-webui': '/app/backend/data',
              'kavita': '/kavita/config', 'komga': '/config', 'linkding': '/etc/linkding/data',
              'changedetection.io': '/datastore', 'netdata': '/var/lib/netdata', 'verdaccio': '/verdaccio/storage',
              'nexus3': '/nexus-data',
              'postgres': '/var/lib/postgresql/data', 'mysql': '/var/lib/mysql', 'mariadb': '/var/lib/mysql',
              'mongo': '/data/db', 'redis': '/data', 'nginx': '/usr/share/nginx/html', 'httpd': '/usr/local/apache2/htdocs',
              'grafana': '/var/lib/grafana', 'prometheus': '/prometheus', 'minio': '/data', 'registry': '/var/lib/registry',
              'elasticsearch': '/usr/share/elasticsearch/data', 'rabbitmq': '/var/lib/rabbitmq', 'caddy': '/data',
              'memcached': None, 'clickhouse-server': '/var/lib/clickhouse', 'influxdb': '/var/lib/influxdb2',
              'minecraft-server': '/data', 'filebrowser': '/srv', 'jenkins': '/var/jenkins_home',
              'eclipse-mosquitto': '/mosquitto/data', 'uptime-kuma': '/app/data', 'vaultwarden': '/data', 'gitea': '/data',
              'n8n': '/home/node/.n8n', 'node-red': '/data', 'portainer-ce': '/data', 'meilisearch': '/meili_data',
              'ghost': '/var/lib/ghost/content', 'nextcloud': '/var/www/html',
              'wordpress': '/var/www/html', 'home-assistant': '/config', 'homeassistant': '/config', 'jellyfin': '/config',
              'code-server': '/home/coder', 'gotify': '/app/data', 'ntfy': '/var/cache/ntfy', 'loki': '/loki'}


# where well-known images read their configuration: "config from /srv/mosquitto/config"; linuxserver's images keep
# everything in /config
CONFIG_PATHS = {'eclipse-mosquitto': '/mosquitto/config', 'prometheus': '/etc/prometheus', 'traefik': '/etc/traefik',
                'nginx': '/etc/nginx/conf.d', 'caddy': '/etc/caddy', 'grafana': '/etc/grafana', 'loki': '/etc/loki',
                'home-assistant': '/config', 'homeassistant': '/config', 'jellyfin': '/config', 'pihole': '/etc/pihole'}


def image_home(image: str, config: bool) -> str | None:
    """Where a well-known image keeps its data (or, when ``config``, reads its configuration)."""
    path = repository(image)
    repo = IMAGE_ALIASES.get(path.rsplit('/', 1)[-1], path.rsplit('/', 1)[-1])
    if path.startswith(('linuxserver/', 'lscr.io/linuxserver/', 'ghcr.io/linuxserver/')):
        return '/config'
    return (CONFIG_PATHS.get(repo) if config else None) or DATA_PATHS.get(repo)


# a host folder said as where the new container keeps something: "world saved in /srv/mc", "persist to /srv/minio",
# "storing images in /srv/registry", "the datas go in /srv/pg", "config in /srv/heimdall", "config from /srv/x"
STORED_IN = re.compile(r"\b(?:(?P<what>data|datas|files|world|worlds|config|configs|configuration|conf|settings|home|images|"
                       r"media|uploads|state|storage|everything|stuff|db|database)\s+)?(?:(?:is|are|gets?|will\s+be|should\s+be|"
                       r"must\s+be)\s+)?(?P<verb>saved|stored|storing|stores|kept|keeps?|keeping|persist(?:s|ed|ing)?|go(?:es)?|"
                       r"going|live[sd]?|living|sits?|written|writes?|lands?)?\s*(?:in|into|to|under|at|from|on)\s+"
                       r"(?:the\s+(?:host\s+)?(?:folder|dir(?:ectory)?|path)\s+)?(?P<path>/[\w./-]*[\w/]|\.{1,2}/[\w./-]*|~/[\w./-]*)",
                       re.IGNORECASE)


# the role a host folder is given inside, said after it: "… /opt/site as the web root", "/srv/mongo to its data dir"
ROLE_OF_PATH = re.compile(r"^(?:\s+(?!(?:and|then|but)\b)[\w'-]+){0,3}?\s+(?:as|to|at|for|into|in)\s+(?:the\s+|its\s+|their\s+)?"
                          r"(?:(?:web|document|doc|site|html)\s*root|(?:data|database|db)(?:\s*(?:dir(?:ectory)?|folder|path|"
                          r"location))?|html\s+(?:dir(?:ectory)?|folder))\b", re.IGNORECASE)


# a folder of media said by what it holds: "music is in /mnt/music (read only please)", "mount my tv folder /mnt/tv",
# "downloads go to /mnt/storage/downloads": mounted where media apps look for it (/music, /tv, /downloads …)
MEDIA_KINDS = {'music': '/music', 'movies': '/movies', 'films': '/movies', 'tv': '/tv', 'shows': '/tv', 'series': '/tv',
               'downloads': '/downloads', 'books': '/books', 'ebooks': '/books', 'audiobooks': '/audiobooks',
               'podcasts': '/podcasts', 'photos': '/photos', 'pictures': '/photos', 'comics': '/comics', 'manga': '/manga',
               'media': '/media'}
MEDIA_FOLDER = re.compile(r"\b(?P<kind>music|movies|films|tv|shows|series|downloads|books|ebooks|audiobooks|podcasts|photos|"
                          r"pictures|comics|manga|media)(?:\s+(?:library|folder|collection|files|dir(?:ectory)?|shows))?\s+"
                          r"(?:(?:is|are|lives?|sits?|go(?:es)?|will\s+be|should\s+be)\s+)?(?:(?:in|at|under|on|to|from)\s+)?"
                          r"(?:the\s+(?:host\s+)?(?:folder|dir(?:ectory)?|path)\s+)?(?P<path>/[\w./-]*[\w/])"
                          r"(?P<ro>\s*[(,]?\s*(?:mounted\s+|as\s+)?(?:read[- ]?only|ro)\b)?", re.IGNORECASE)


def media_folders(text: str) -> list[tuple[str, str, bool]]:
    """(where in the container, the host folder, read-only) for each folder of media the text names."""
    return [(MEDIA_KINDS[m.group('kind').lower()], m.group('path'), bool(m.group('ro'))) for m in MEDIA_FOLDER.finditer(text)]


# a volume wished for with no name of its own: it is named after the container ("<name>-data")
ANY_VOLUME = re.compile(r"\b(?:an?|its\s+own|some)\s+(?:named\s+|docker\s+|persistent\s+|new\s+)*volume\b(?!\s*[/~.:])"
                        r"(?:\s+(?:for|at|on|to|in|mounted\s+(?:at|on|to))\s+(?P<target>/[\w./-]*))?", re.IGNORECASE)


# a folder of the host for the image's data: "keep its data in /srv/x", "data goes in /srv/x", "with its data stored
# under /srv/x", "/srv/x for the data"
_HOST_PATH = r'(?P<path>/[\w./-]*[\w/]|\.{1,2}/[\w./-]*|~/?[\w./-]*)'


DATA_FOLDER = re.compile(r"\b(?:(?:keep|store|put|persist|save|write)(?:s|ing)?\s+(?:its|the|all|their|it's)\s+(?:own\s+)?"
                         r"(?:data(?:base)?(?:\s+files)?|db\s+files|files)|"
                         r"(?:(?:its|the|their)\s+)?(?:data(?:base)?(?:\s+files)?|db(?:\s+files)?|files)\s+"
                         r"(?:liv(?:e|es|ing)|go(?:es|ing)?|stay(?:s|ing)?|sit(?:s|ting)?|kept|stored|saved|persisted|"
                         r"(?:is|are)\s+(?:kept|stored|saved|persisted)|should\s+(?:go|live|stay|be\s+(?:kept|stored|saved)))|"
                         r"data\s+(?:stored|kept|saved)|data\s+(?:dir(?:ectory)?|folder)(?:\s+(?:is|at|=|:))?|"
                         r"(?<=,\s)data\s+(?:in|at|under)|"
                         r"with\s+(?:its|the|all|their)\s+data)\s+(?:in|under|at|on|to|into)?\s*"
                         + _HOST_PATH + r"|" + _HOST_PATH.replace('path', 'path2') + r"\s+(?:for|as)\s+(?:its|the)\s+data\b",
                         re.IGNORECASE)


# a folder whose files a web server is to serve: "nginx serving ./public", "serve /srv/www with nginx",
# "nginx with the html folder ./site"
CONTENT_PATH = re.compile(r'\b(?:serv(?:e|es|ing)(?:\s+(?:my|our|the|a)\s+(?:site|website|web\s*site|pages|content|files|folder|'
                          r'directory|dir))?'
                          r'(?:\s+(?:from|out\s+of))?|(?:html|content|static|site|web)\s+(?:folder|directory|dir|files)|'
                          r'files\s+(?:from|in)|from\s+(?:the\s+)?(?:folder|directory))\s+(?:the\s+)?(?:files?\s+(?:in|from)\s+)?'
                          r'(?P<path>/[\w./-]*|\.{1,2}/[\w./-]*|~/?[\w./-]*)', re.IGNORECASE)


DOC_ROOT = re.compile(r'(?P<path>/[\w./-]*|\.{1,2}/[\w./-]*|~/?[\w./-]*)\s+as\s+(?:the\s+|its\s+)?(?:document|doc|web|site)\s*'
                      r'root\b|'
                      r'\b(?:document|doc|web)\s*root\s+(?:is\s+|at\s+|in\s+|=\s*|:\s*)?'
                      r'(?P<path2>/[\w./-]*|\.{1,2}/[\w./-]*|~/?[\w./-]*)', re.IGNORECASE)


# The documented variables of well-known images: what "password", "user" and "database" mean for each.
IMAGE_VARIABLES: dict[str, dict[str, str]] = {
    'mysql': {'root password': 'MYSQL_ROOT_PASSWORD', 'password': 'MYSQL_PASSWORD', 'user': 'MYSQL_USER',
              'database': 'MYSQL_DATABASE'},
    'mariadb': {'root password': 'MARIADB_ROOT_PASSWORD', 'password': 'MARIADB_PASSWORD', 'user': 'MARIADB_USER',
                'database': 'MARIADB_DATABASE'},
    'postgres': {'root password': 'POSTGRES_PASSWORD', 'password': 'POSTGRES_PASSWORD', 'user': 'POSTGRES_USER',
                 'database': 'POSTGRES_DB'},
    'mongo': {'root password': 'MONGO_INITDB_ROOT_PASSWORD', 'password': 'MONGO_INITDB_ROOT_PASSWORD',
              'user': 'MONGO_INITDB_ROOT_USERNAME', 'database': 'MONGO_INITDB_DATABASE'},
    'grafana': {'root password': 'GF_SECURITY_ADMIN_PASSWORD', 'password': 'GF_SECURITY_ADMIN_PASSWORD',
                'user': 'GF_SECURITY_ADMIN_USER'},
    'rabbitmq': {'root password': 'RABBITMQ_DEFAULT_PASS', 'password': 'RABBITMQ_DEFAULT_PASS', 'user': 'RABBITMQ_DEFAULT_USER'},
    'minio': {'root password': 'MINIO_ROOT_PASSWORD', 'password': 'MINIO_ROOT_PASSWORD', 'user': 'MINIO_ROOT_USER'},
}


PAIR = re.compile(r'\b(?:admin|user|login|credentials|account)\s+([^\s/:,;]+)\s*[/:]\s*(?:(?:pass(?:word)?|passwd|pwd|pw)\s+)?'
                  r'([^\s,;)]+)', re.IGNORECASE)   # "root user bob / pass Tr0ub4dor": the word "pass" is no password


# key=value pairs people write in lower case: user=bob password=x database=shop root_password=y
GENERIC_KEYS = {'user': 'user', 'username': 'user', 'login': 'user', 'password': 'password', 'pass': 'password',
                'pw': 'password', 'database': 'database', 'db': 'database', 'dbname': 'database',
                'root_password': 'root password',
                'root_pass': 'root password', 'root_pw': 'root password', 'rootpassword': 'root password'}


SAME_LOGIN = re.compile(r'\b(?:user(?:name)?|login)\s+(?:and|&|\+)\s+' + PASSWORD + r'\s+(?:(?:are|is)\s+)?'
                        r'(?:both\s+(?:set\s+to\s+)?["\']?(?P<v1>[^\s,;"\']+)|(?:set\s+to\s+|=\s*|:\s*)?["\']?(?P<v2>[^\s,;"\']+)["\']?\s+both\b|'
                        r'(?:the\s+same|same)\s*[:,]?\s*["\']?(?P<v3>[^\s,;"\']+))', re.IGNORECASE)


OWNER = re.compile(r'\bowned\s+by\s+([^\s,;]+)', re.IGNORECASE)


SPOKEN = {
    'root password': re.compile(r'(?<![\w-])(?:(?:root|admin)\s*' + PASSWORD + r'|rootpw|rootpass|'
                                r'(?:password|pw)\s+(?:of|for)\s+(?:the\s+)?'
                                r'(?:root|admin)(?:\s+user)?)(?![\w-])\s*' + VALUE, re.IGNORECASE),
    'password': re.compile(r'(?<![\w-])(?<!root )(?<!admin )(?:' + PASSWORD + r'|requirepass)(?![\w-])'
                           r'(?!\s+(?:of|for)\s+(?:the\s+)?(?:root|admin))\s*' + VALUE,
                           re.IGNORECASE),
    'user': re.compile(r'(?<![\w-])(?:user(?:name)?|login)(?![\w-])\s*' + VALUE, re.IGNORECASE),
    'database': re.compile(r'(?<![\w-])(?:database|db)(?![\w-])(?!\s*(?:files?|folders?|dir(?:ectory)?|data|path|volume)\b)'
                           r'\s*(?:name(?:d)?|called)?\s*' + VALUE, re.IGNORECASE),
}


def _clean(value: str) -> str:
    """A value without the sentence's punctuation after it: "changeme42)" "hunter2,"."""
    value = value.rstrip(',;')
    if value.endswith(')') and '(' not in value:
        value = value[:-1]
    return value


FOR_APP = re.compile(r'\b(?:mysql|mariadb|postgres(?:ql)?|pg|mongo(?:db)?)[\w.:]*(?:\s+v?\d[\d.]*)?'
                     r'(?:\s+(?:container|db|database|instance|server))?\s+for\s+(?:the\s+|our\s+|my\s+)?([A-Za-z][\w-]*)\b(?!\s+(?:app|team|project)\b)',
                     re.IGNORECASE)


# settings of a well-known image said in words, each the variable its documentation names
WORDED: dict[str, tuple[tuple[re.Pattern[str], str, Callable[[re.Match[str]], str]], ...]] = {
    'minecraft-server': (   # itzg/minecraft-server
        (re.compile(r'\baccept(?:s|ing|ed)?\s+(?:the\s+)?eula\b|\beula\s*(?:is\s+)?(?:accepted|yes|true|agreed|ok)\b', re.I),
         'EULA', lambda m: 'TRUE'),
        (re.compile(r'\b(peaceful|easy|normal|hard)\s+difficulty\b|\bdifficulty\s*(?:set\s+to\s+|of\s+|=\s*|:\s*|is\s+)?'
                    r'(peaceful|easy|normal|hard)\b', re.I), 'DIFFICULTY', lambda m: (m.group(1) or m.group(2)).lower()),
        (re.compile(r'\b(creative|survival|adventure|spectator)\s+(?:game\s*)?mode\b|'
                    r'\b(?:game\s*)?mode\s*(?:set\s+to\s+|=\s*|:\s*|is\s+)?(creative|survival|adventure|spectator)\b', re.I),
         'MODE', lambda m: (m.group(1) or m.group(2)).lower()),
        (re.compile(r'\b(?:minecraft\s+|mc\s+|game\s+)?version\s+(1\.\d{1,2}(?:\.\d{1,2})?)\b|\bon\s+(1\.\d{1,2}(?:\.\d{1,2})?)\b',
                    re.I), 'VERSION', lambda m: m.group(1) or m.group(2)),
        (re.compile(r'\b(paper|forge|neoforge|fabric|spigot|bukkit|purpur|quilt|vanilla)\b(?:\s+(?:server|type|build))?', re.I),
         'TYPE', lambda m: m.group(1).upper()),
        (re.compile(r'\b(\d{1,2})\s*(?:g|gb|gigs?|gigabytes?)\b(?:\s+(?:of\s+)?(?:ram|memory))?', re.I), 'MEMORY',
         lambda m: f'{m.group(1)}G'),
        (re.compile(r'\bmax(?:imum)?\s+(?:of\s+)?(\d{1,3})\s+players\b|\b(\d{1,3})\s+players\s+max\b|'
                    r'\bmax[_ ]players\s*[=:]?\s*(\d{1,3})\b', re.I),
         'MAX_PLAYERS', lambda m: m.group(1) or m.group(2) or m.group(3)),
    ),
}


NO_VALUE = frozenset({'and', 'with', 'the', 'a', 'for', 'on', 'port', 'i', 'we', 'you', 'they', 'it', 'that', 'which', 'where',
                      'so', 'to', 'in', 'at', 'from', 'of', 'is'})


def spoken_settings(image: str, clause: Clause) -> tuple[dict[str, str], list[str] | None]:
    """Variables (and for Redis the command) a request gives in words for a well-known image:
    "mysql 8 with root password x and database shop" -> MYSQL_ROOT_PASSWORD, MYSQL_DATABASE; "difficulty hard,
    accept the eula" -> DIFFICULTY, EULA for itzg/minecraft-server. Read once per text: deciding that a clause is a
    new container asks for them before ``parse_run`` uses them."""
    env, command = _spoken_settings(image, clause.raw, tuple(clause.env.items()))
    return dict(env), (list(command) if command else None)


@functools.lru_cache(maxsize=256)
def _spoken_settings(image: str, raw: str, said_env: tuple[tuple[str, str], ...]) -> tuple[dict[str, str], list[str] | None]:
    repo = image.split(':')[0].rsplit('/', 1)[-1]
    if repo in WORDED:
        return {key: value(m) for pattern, key, value in WORDED[repo] if (m := pattern.search(raw))}, None
    found: dict[str, str] = {}
    for what, pattern in SPOKEN.items():
        match = pattern.search(raw)
        if match:
            value = _clean(next(g for g in match.groups() if g))
            if value.lower() not in NO_VALUE:   # "a database I can poke at": no name
                found[what] = value
    bare_root = re.search(r'(?:^|[,;]|\band\b|\bwith\b)\s*root\s+(?!(?:user|login|account|access|password|passwd|pass|pwd|pw|'
                          r'is|should|to|of|be|volume|dir|folder|path|fs|filesystem)\b)([^\s,;]+)', raw, re.IGNORECASE)
    if bare_root and 'root password' not in found:   # "user admin2/hunter2, root s3cret": the root password
        found['root password'] = _clean(bare_root.group(1))
    for key, value in said_env:   # user=admin2 password=pa55word
        if key.lower() in GENERIC_KEYS and key.lower() == key:
            found[GENERIC_KEYS[key.lower()]] = value
    bare_pair = re.search(r'(?:^|\s)(?:mongo|mongodb|mysql|mariadb|postgres|pg)[\w.:]*\s+([A-Za-z][\w.-]*)/([^\s,;/]+)(?:\s|$)',
                          raw, re.IGNORECASE)   # "mongo7 wiki/correct-horse"
    if bare_pair and repo in IMAGE_VARIABLES:
        found['user'], found['password'] = bare_pair.group(1), bare_pair.group(2)
    pair = PAIR.search(raw)   # "with admin wiki / correct-horse", "root login app:letmein77"
    if pair:
        found['user'], found['password'] = pair.group(1), _clean(pair.group(2))
        found.pop('root password', None) if re.search(r'\b(?:root|admin)\s+(?:login|user|account)', raw, re.I) else None
    same = SAME_LOGIN.search(raw)   # "user and password both postgres": the one value for each
    if same:
        found['user'] = found['password'] = _clean(same.group('v1') or same.group('v2') or same.group('v3'))
        found.pop('root password', None)
    owner = OWNER.search(raw)   # "a postgres database called wiki owned by app"
    if owner:
        found['user'] = owner.group(1)
    purpose = FOR_APP.search(raw)   # "mysql 8 for shop: user bob …": the database of the shop
    if purpose and 'database' not in found and purpose.group(1).lower() not in COMMON:
        found['database'] = purpose.group(1)
    if repo == 'redis':
        password = found.get('password') or found.get('root password')
        return {}, (['redis-server', '--requirepass', password] if password else None)
    names = IMAGE_VARIABLES.get(repo)
    if names is None or not found:
        return {}, None
    if 'password' in found and 'user' not in found and 'root password' not in found:
        found['root password'] = found.pop('password')   # a password without a user is the root one
    return {names[what]: value for what, value in found.items() if what in names}, None


ENV_LIST = re.compile(r'\b(?:env(?:ironment)?(?:\s+var(?:iable)?s?)?|variables?|vars)\s*(?::|=)?\s*'
                      r'(?P<pairs>[A-Z][A-Z0-9_]*\s+[^\s,;=]+(?:\s*(?:,|;|\band\b)\s*[A-Z][A-Z0-9_]*\s+[^\s,;=]+)*)')


# a variable named in capitals and its value, said without "=": "WEBPASSWORD piholes", "PUID 1000", "APP_MODE prod"
BARE_VARIABLE = re.compile(r'(?<![\w=$-])(?P<key>(?i:puid|pgid|umask)(?=\s+\d)|(?-i:[A-Z][A-Z0-9]*_[A-Z0-9_]+|EULA|'
                           r'[A-Z]{2,}(?:PASSWORD|PASS|USER|TOKEN|SECRET|KEY|MODE|HOST|URL|LEVEL|NAME|DIR|PATH)))\s+(?!(?:and|with|on|as|at|to|for|named|'
                           r'called|port|ports|is|=)\b)(?P<value>[^\s,;=()]+)', re.IGNORECASE)


def env_in_words(text: str) -> dict[str, str]:
    """"with these env vars: PUID 1000, PGID 1000, TZ UTC": names in capitals, each with its value."""
    found = ENV_LIST.search(text)
    if not found:
        return {m.group('key').upper() if m.group('key').lower() in ('puid', 'pgid', 'umask') else m.group('key'):
                m.group('value') for m in BARE_VARIABLE.finditer(text)}   # "puid 1000 pgid 100" as typed
    pairs = re.findall(r'([A-Z][A-Z0-9_]*)\s+([^\s,;=]+)', found.group('pairs'))
    return {key: value for key, value in pairs if key not in ('AND', 'WITH')}


_FAILS = r"(?:crash\w*|fail\w*|falls?|die|dies|died|breaks?|goes?\s+down|go\s+down|exit\w*\s+with\s+an?\s+error|errors?|" \
         r"(?:has\s+|there\s+is\s+|any\s+|a\s+)?(?:problems?|issues?|trouble))\b"


RESTART_IN_WORDS = [   # what people say instead of a restart policy
    ('no', re.compile(r"\b(?:never|don'?t|do\s+not|not|no)\s+(?:auto(?:matically)?[- ]?)?restart|\bno\s+auto[- ]?restart|"
                      r"\bwithout\s+(?:auto(?:matic)?[- ]?)?restart")),
    ('unless-stopped', re.compile(r"\bunless\s+(?:i|you|we|someone|somebody)\s+(?:explicitly\s+|manually\s+)?stop|"
                                  r"\buntil\s+(?:i|you|we)\s+(?:explicitly\s+|manually\s+)?stop")),
    # "restart in case of failure", "when it fails it restart"
    ('on-failure', re.compile(r"\b(?:restart\w*|come\w*\s+back|bring\w*\s+(?:it\s+)?back|start\w*\s+again)\b[^.]*?\b(?:if|when|"
                              r"whenever|after|on|in\s+case(?:\s+of)?)\s+(?:it\s+|a\s+|he\s+|she\s+|they\s+|this\s+)?"
                              + _FAILS + r"|"
                              r"\b(?:if|when|whenever|in\s+case)\s+(?:it\s+|he\s+|she\s+|they\s+)?" + _FAILS
                              + r"[^.]*?\b(?:restart\w*|start\w*\s+again|come\w*\s+back)\b")),
    ('unless-stopped', re.compile(r"\bauto(?:matic(?:ally)?)?[- ]?restart\w*|"
                                  r"\brestart\w*\s+(?:auto(?:matic(?:ally)?)?\b(?!\s+(?:every|each|always|forever))|"
                                  r"on\s+its\s+own|by\s+itself|(?:it|him|her|them)?\s*sel(?:f|ves)|"
                                  r"alone(?!\s+(?:after|on|across)\s+(?:a\s+|every\s+)?(?:re)?boot))|\bautomatically\s+restart")),
    ('always', re.compile(r"\b(?:comes?|coming|starts?|be|get\w*)\s+(?:back\s+)?(?:up\s+)?(?:again\s+)?(?:after|on|across)\s+"
                          r"(?:a\s+|every\s+|each\s+)?(?:reboot|restart|boot)|\bsurvives?\s+(?:a\s+)?(?:reboots?|restarts?)|"
                          r"\brestart\w*\s+(?:alone\s+|itself\s+|by\s+itself\s+|on\s+its\s+own\s+)?(?:after|on|across)\s+"
                          r"(?:a\s+|every\s+|each\s+)?(?:re)?boot|"
                          r"\balways\s+(?:be\s+)?(?:running|up|on)|\bstart\w*\s+(?:on|at|with)\s+boot|\bkeep\s+it\s+(?:always\s+)?"
                          r"running\s+(?:forever|always)|\balways\s+restarts?\b|"
                          r"\brestart\w*\s+(?:\w+\s+){0,2}?(?:every\s*time|each\s+time|no\s+matter\s+what|forever|whenever\s+it\s+stops?|"
                          r"in\s+(?:every|any|all)\s+cases?)")),
]


def restart_said(lower: str, setting: str = '', *, always_alone: bool = False) -> str | None:
    """The restart policy a clause (lowercased) asks for: named ("restart unless stopped", a ``restart=`` setting's
    value) or said in words ("comes back after a reboot"); None when it says none. "always" counts alone only in a
    run's own clause (``always_alone``: "run nginx, always"); elsewhere it must be said of restarting ("I always
    forget the port" is no policy). A run's policy, a later sentence's and a template's warning read it here."""
    named = re.sub(r'\bunless\s+stopped\b', 'unless-stopped', re.sub(r'\bon\s+failure\b', 'on-failure',
                                                                  f'{lower} {setting.lower()}'))
    always = 'always' in named if always_alone else bool(
        re.search(r'\brestart\w*(?:[-_]?policy)?\s*[:=]?\s*always\b|\balways\s+restart', named))
    policy = next((p for p in ('unless-stopped', 'on-failure') if p in named), None) or ('always' if always else None) \
        or restart_in_words(lower)
    if policy is None and re.search(r'\brestart(?:s|-policy)?\s+(?:policy\s+)?no\b', lower):
        policy = 'no'
    return policy


def restart_in_words(text: str) -> str | None:
    text = text.replace('restart-policy', 'restart')   # (a clause's words: "which restart-policy himself when crash")
    return next((policy for policy, pattern in RESTART_IN_WORDS if pattern.search(text)), None)
