"""The text model of the embedded parser: the vocabulary it reads and one request's words.

* the vocabulary — verb phrases and verbs with their synonyms (``PHRASES``, ``VERBS``), filler words,
  kinds, container states, status/log/history words, grep stems, well-known images and their ports,
  duration units and number words;
* ``Clause`` — one request of a command, with its quoted strings, KEY=value pairs, volume and port
  mappings, image references, lower-cased words and numbers pulled out of the text;
* ``is_number`` and ``content_word`` — the small word tests the parser and its handlers share.
"""
from __future__ import annotations

import threading
from typing import Any

from . import regex as re
from .plan import PortMapping, VolumeMapping
from .resolve import close_enough

# ---- vocabulary -----------------------------------------------------------------------------------

PHRASES: list[tuple[str, str]] = [  # multi-word verbs first; matched on word boundaries
    ('power cycle', 'restart'), ('roll back', 'rollback'), ('go back', 'rollback'), ('get rid of', 'remove'),
    ('tear down', 'remove'), ('blow away', 'remove'), ('let me know if', 'status'), ('let me know whether', 'status'),
    ('carry on', 'unpause'),
    ('lemme know if', 'status'),
    ('lemme know whether', 'status'),
    ('take down', 'stop'), ('shut down', 'stop'), ('shut off', 'stop'), ('turn off', 'stop'), ('power off', 'stop'),
    ('bring down', 'stop'), ('spin down', 'stop'), ('bring up', 'start'), ('start up', 'start'), ('turn on', 'start'),
    ('power on', 'start'), ('fire up', 'start'), ('boot up', 'start'), ('spin up', 'up'), ('set up', 'deploy'),
    ('force kill', 'kill'), ('force stop', 'kill'), ('force remove', 'remove'), ('what changed', 'history'),
    ('who changed', 'history'), ('what happened', 'history'), ('change log', 'history'), ('change history', 'history'),
    ('how much', 'status'), ('how is', 'status'), ('take a look at', 'show'), ('have a look at', 'show'), ('look at', 'show'),
    ('check on', 'status'), ('pull up', 'show'), ('roll out', 'deploy'), ('back out', 'rollback'),
    ('throw away', 'remove'), ('who deployed', 'history'), ('who touched', 'history'), ('what went out', 'history'),
    ('anything went out', 'history'), ('how are', 'status'), ('is running', 'status'),
    ('wake up', 'start'), ('kick off', 'start'),
    ('pull the plug on', 'stop'), ('pull the plug', 'stop'), ('control if', 'status'),
    ('control whether', 'status'), ('put to sleep', 'pause'), ('on hold', 'pause'), ('on ice', 'stop'), ('back on', 'start'),
    # bedtime for a service: "the metrics stack can go to bed", "lights out for crm", "kill the lights on metrics"
    ('go to bed', 'stop'), ('go to sleep', 'stop'), ('lights out', 'stop'), ('kill the lights', 'stop'),
    ('switch off the lights', 'stop'), ('turn off the lights', 'stop'), ('call it a day', 'stop'), ('clock off', 'stop'),
    ('go dark', 'stop'),
    # a need said as a wish: "could use a blog", "would be nice to have a status page", "put up a wiki"
    ('could use', 'wish'), ('could really use', 'wish'), ('put up', 'deploy'), ('stand up', 'deploy'),
    # the buttons of a player: "hit play on x", "press play again"
    ('hit play', 'unpause'), ('press play', 'unpause'), ('click play', 'unpause'), ('push play', 'unpause'),
    ('hit resume', 'unpause'), ('press resume', 'unpause'), ('click resume', 'unpause'),
]
VERBS: dict[str, str] = {
    'restart': 'restart', 'reboot': 'restart', 'power-cycle': 'restart', 'powercycle': 'restart',
    'unstick': 'restart', 'unjam': 'restart', 'unwedge': 'restart',
    'bounce': 'restart', 'recycle': 'restart', 'reload': 'restart', 'relaunch': 'restart', 're-launch': 'restart',
    'reset': 'restart', 'cycle': 'restart',
    'start': 'start', 'boot': 'start', 'launch': 'up', 'resume': 'unpause', 'unpause': 'unpause', 'unfreeze': 'unpause',
    'thaw': 'unpause', 'continue': 'unpause',
    'stop': 'stop', 'halt': 'stop', 'shut': 'stop', 'shutdown': 'stop', 'end': 'stop', 'park': 'stop',
    'mothball': 'stop', 'bench': 'stop',
    'arrest': 'stop',   # French "arrêter", Italian "arrestare": "please arrest the docs"
    'pause': 'pause', 'freeze': 'pause', 'suspend': 'pause', 'hibernate': 'pause',
    'wake': 'start', 'awaken': 'start', 'revive': 'start', 'resurrect': 'start', 'reactivate': 'start', 'unpark': 'start',
    'quit': 'stop', 'deactivate': 'stop', 'unplug': 'stop', 'unsuspend': 'unpause', 'unhalt': 'start', 'respawn': 'restart',
    'kill': 'kill', 'terminate': 'kill', 'sigkill': 'kill',
    'remove': 'remove', 'delete': 'remove', 'prune': 'remove',
    'rm': 'remove', 'destroy': 'remove', 'nuke': 'remove', 'erase': 'remove', 'yank': 'remove', 'bin': 'remove',
    'purge': 'remove', 'uninstall': 'remove', 'drop': 'remove', 'trash': 'remove', 'del': 'remove',
    'logs': 'logs', 'log': 'logs', 'tail': 'logs', 'stream': 'logs', 'follow': 'logs', 'grep': 'logs',
    'list': 'list', 'ls': 'list', 'enumerate': 'list',
    'show': 'show', 'display': 'show', 'view': 'show', 'see': 'show', 'get': 'show', 'print': 'show',
    'tell': 'show', 'dump': 'show', 'send': 'show', 'watch': 'show',
    'check': 'status', 'inspect': 'status', 'confirm': 'status', 'verify': 'status',
    'describe': 'status', 'what': 'show', 'which': 'show', 'find': 'show',
    'analyse': 'show', 'analyze': 'show', 'examine': 'status', 'review': 'show', 'scan': 'show', 'investigate': 'show',
    'status': 'status', 'stats': 'status', 'health': 'status', 'usage': 'status', 'monitor': 'status',
    'deploy': 'deploy', 'install': 'deploy', 'setup': 'deploy', 'provision': 'deploy', 'add': 'deploy',
    'need': 'wish', 'needs': 'wish', 'wants': 'wish', 'want': 'wish', 'give': 'wish', "what's": 'show', 'whats': 'show',
    'wanna': 'wish',
    'run': 'run', 'mount': 'run', 'serve': 'run', 'create': 'create', 'make': 'create', 'new': 'create', 'spawn': 'run',
    'execute': 'run',
    'pull': 'pull', 'download': 'pull', 'pre-pull': 'pull', 'prepull': 'pull', 're-pull': 'pull', 'repull': 'pull',
    're-download': 'pull', 'redownload': 'pull', 'grab': 'pull', 'fetch': 'pull', 'prefetch': 'pull', 'pre-fetch': 'pull',
    'retrieve': 'pull', 'obtain': 'pull', 'pre-download': 'pull', 'predownload': 'pull', 're-fetch': 'pull', 'refetch': 'pull',
    'update': 'update', 'upgrade': 'update', 'refresh': 'update',
    'scale': 'scale', 'replicate': 'scale',
    'rollback': 'rollback', 'revert': 'rollback', 'undo': 'rollback', 'restore': 'rollback',
    'history': 'history', 'changes': 'history', 'changed': 'history', 'audit': 'history', 'revisions': 'history',
    'recreate': 'redeploy', 'ps': 'list', 'double': 'scale', 'triple': 'scale', 'halve': 'scale', 'kick': 'restart',
    'wipe': 'remove', 'scrap': 'remove', 'ditch': 'remove', 'retire': 'remove', 'decommission': 'remove',
    'axe': 'remove', 'zap': 'remove',
    'bump': 'scale', 'reduce': 'scale', 'increase': 'scale',
    'decrease': 'scale', 'shrink': 'scale', 'grow': 'scale',
    'redeploy': 'redeploy', 're-deploy': 'redeploy', 'throw': 'deploy', 'reapply': 'redeploy', 'rebuild': 'redeploy',
}
FUZZY_VERBS = [v for v in VERBS if len(v) >= 4]
# the words that point back at what was named before ("restart it", "their logs"); "him"/"her": things
# are people in some first languages
ANAPHORS = frozenset({'it', 'its', 'them', 'their', 'they', "it's", "they're", 'him', 'her'})
FILLER = {'please', 'pls', 'plz', 'kindly', 'could', 'can', 'would', 'will', 'you', 'u', 'me', 'i', 'i\'d', 'we',
          'just', 'now', 'quickly', 'asap', 'hey', 'hi', 'hello', 'ok', 'okay', 'so', 'the', 'a', 'an', 'my', 'our',
          'some', 'thanks', 'thank', 'also', 'like', 'to', 'for', 'us', 'go', 'ahead', 'maybe', 'right', 'away', 'is',
          'are', 'be', 'it\'s', 'that', 'this', 'these', 'those', 'there', 'currently', 'should', 'do', 'does',
          'let\'s', 'lets', 'let', 'mind', 'gonna', 'wanna', 'real', 'quick', 'again', 'one', 'ones', 'using', 'up',
          'bring', 'if', 'whether', 'docker', 'sudo', 'teh', 'yo', 'thx', 'ty', 'help', 'able', 'perhaps',
          'possibly', 'actually', 'really', 'um', 'oops', 'sorry'}
KINDS = {'container': 'containers', 'containers': 'containers', 'stack': 'stacks', 'stacks': 'stacks',
         'template': 'templates', 'templates': 'templates', 'image': 'images', 'images': 'images',
         'volume': 'volumes', 'volumes': 'volumes', 'network': 'networks', 'networks': 'networks',
         'catalog': 'templates', 'catalogue': 'templates', 'gallery': 'templates',
         'app': 'stacks', 'apps': 'stacks', 'project': 'stacks', 'projects': 'stacks', 'services': 'containers'}
STATES = {'running': 'running', 'up': 'running', 'active': 'running', 'started': 'running', 'live': 'running',
          'stopped': 'exited', 'exited': 'exited', 'dead': 'exited', 'down': 'exited', 'crashed': 'exited',
          'inactive': 'exited', 'paused': 'paused', 'frozen': 'paused', 'created': 'created'}
STOPPED = ('exited', 'created', 'dead')   # the states of a container that is not running and could be started
PUT_ON_PORT = r'(?:put|run|bind|expose|publish|map)'   # the verbs of giving a container a port: "don't put it on 80"
STATUS_WORDS = {'stats', 'statistics', 'status', 'df', 'space', 'memory', 'ram', 'cpu', 'usage', 'resources', 'health', 'healthy',
                'load', 'disk', 'doing', 'consuming', 'using', 'utilization', 'utilisation', 'performance', 'info',
                'uptime', 'bandwidth', 'restarts', 'tag', 'version',
                # how a machine or a container copes: "how's the server holding up?", "is x stable?"
                'holding', 'pressure', 'overloaded', 'struggling', 'coping', 'strain', 'stable'}
LOG_WORDS = {'logs', 'log', 'lines', 'line', 'output', 'stdout', 'stderr', 'messages', 'errors', 'warnings', 'complaining',
             'logged', 'logging', 'printed', 'wrote', 'written', 'said', 'saying',
             'exceptions', 'timeouts', 'panics', 'tracebacks', 'stacktraces', 'throws', 'threw', 'thrown',
             'protocol', 'protocols'}   # "the protocol of wg-easy" (Protokoll, protocolo: a log)
HISTORY_WORDS = {'history', 'changes', 'changed', 'audit', 'revisions', 'happened', 'timeline', 'activity', 'change', 'touched',
                 'deployments', 'deploys', 'changelog', 'rollbacks', 'diff', 'diffs'}
# A question about one thing: its words that are not names ("what ports is web using", "is blog up?")
QUESTION_STARTS = {'is', 'are', 'was', 'were', 'does', 'do', 'did', 'has', 'have', 'what', "what's", 'whats', 'which',
                   'how', "how's", 'hows', 'when', 'where', 'who', 'why', 'can', 'could', 'tell', 'any', 'anything'}
ATTRIBUTES = {'up', 'down', 'running', 'healthy', 'unhealthy', 'alive', 'ok', 'fine', 'working', 'ports', 'port', 'ip',
              'ips', 'address', 'addresses', 'memory', 'ram', 'cpu', 'uptime', 'started', 'stopped', 'exposed', 'expose',
              'exposes', 'exposing', 'publish', 'publishes', 'published', 'listening', 'listen', 'listens', 'status',
              'health', 'image', 'version', 'state', 'long', 'much', 'many', 'been', 'use', 'uses', 'used', 'using',
              'consume', 'consumes', 'consuming', 'taking', 'take', 'takes', 'on', 'at', 'with', 'about', 'info',
              'details', 'detail', 'doing', 'happening', 'online', 'offline', 'reachable', 'responding', 'since',
              'restarting', 'restart-policy', 'policy', 'unless-stopped', 'on-failure', 'crashing', 'crashed', 'broken',
              'stats', 'there', 'it', 'its', 'tell', 'know', 'run',
              'runs', 'still', 'yet', 'currently', 'right', 'now', 'today', 'network', 'networks', 'mounts', 'volumes',
              'where', 'what', 'which', 'how', 'when', 'who', 'why', "what's", 'whats', "how's", 'hows', 'did', 'has',
              'have', 'was', 'were', 'need', 'needs', 'restart', 'restarted', 'crash', 'crashes', 'die', 'died',
              'fail', 'failed', 'fails', 'exit', 'exited', 'stop', 'start', 'go', 'went', 'gone', 'be', 'get', 'got',
              'again', 'ever', 'recently', 'lately', 'problem', 'problems', 'wrong', 'issue', 'issues', 'eating',
              'hogging', 'burning', 'chewing', 'not', "isn't", "aren't", "wasn't", 'no', 'longer', 'anymore',
              'times', 'often', 'count', 'last', 'reach', 'url', 'mem-wise', 'cpu-wise', 'tag', 'tags', 'name', 'traffic',
              'bandwidth', 'restarts', 'crash-looping', 'crashlooping', 'looping', 'oom-killed', 'oomkilled', 'oom',
              'killed', 'limit', 'built', 'from', 'confirm', 'io', 'throughput', 'latency'}
CONJUNCTIONS = {'and', 'or', 'both', 'either', 'nor', 'neither'}
ALL_WORDS = {'all', 'every', 'everything', 'each', 'entire', 'whole', 'any'}
GREP_STEMS = {'warnings': 'warn', 'warning': 'warn', 'warn': 'warn', 'errors': 'error', 'error': 'error',
              'exceptions': 'exception', 'exception': 'exception', 'failures': 'fail', 'failed': 'fail',
              'failure': 'fail', 'fails': 'fail', 'timeouts': 'timeout', 'crashes': 'crash', 'panics': 'panic',
              'panic': 'panic', 'fatal': 'fatal', 'timeout': 'timeout', 'tracebacks': 'traceback',
              'traceback': 'traceback', 'stacktrace': 'stacktrace', 'stacktraces': 'stacktrace'}
KNOWN_IMAGES = {'nginx': 80, 'httpd': 80, 'apache': 80, 'caddy': 80, 'redis': 6379, 'postgres': 5432, 'mysql': 3306,
                'mariadb': 3306, 'mongo': 27017, 'mongodb': 27017, 'busybox': None, 'alpine': None, 'ubuntu': None,
                'debian': None, 'node': 3000, 'python': None, 'traefik': 80, 'rabbitmq': 5672, 'memcached': 11211,
                'grafana': 3000, 'prometheus': 9090, 'adminer': 8080, 'whoami': 80, 'hello-world': None,
                'postgresql': 5432, 'elasticsearch': 9200, 'minio': 9000, 'registry': 5000, 'golang': None,
                # more of Docker's official images, each with the port it listens on
                'influxdb': 8086, 'telegraf': None, 'haproxy': 80, 'tomcat': 8080, 'couchdb': 5984, 'cassandra': 9042,
                'neo4j': 7474, 'solr': 8983, 'zookeeper': 2181, 'nats': 4222, 'percona': 3306,
                'php': None, 'ruby': None, 'openjdk': None, 'eclipse-temurin': None, 'fedora': None, 'rockylinux': None}
IMAGE_ALIASES = {'apache': 'httpd', 'mongodb': 'mongo', 'postgresql': 'postgres', 'pg': 'postgres'}
DURATION = re.compile(r'\b(?:last|past|previous|since|in the last|within the last|from the last|over the last)?\s*'
                      r'(\d+|an?|one)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)\b',
                      re.IGNORECASE)
UNIT = {'s': 's', 'sec': 's', 'secs': 's', 'second': 's', 'seconds': 's', 'm': 'm', 'min': 'm', 'mins': 'm',
        'minute': 'm', 'minutes': 'm', 'h': 'h', 'hr': 'h', 'hrs': 'h', 'hour': 'h', 'hours': 'h', 'd': 'd', 'day': 'd',
        'days': 'd', 'w': 'w', 'week': 'w', 'weeks': 'w'}
NUMBER_WORDS = {'one': 1, 'two': 2, 'three': 3, 'four': 4, 'five': 5, 'six': 6, 'seven': 7, 'eight': 8, 'nine': 9,
                'ten': 10, 'twenty': 20, 'fifty': 50, 'hundred': 100, 'a': 1, 'an': 1, 'single': 1, 'zero': 0}


# a quote opens after a space or the start ("what's in cron-04's log" quotes nothing)
QUOTED = re.compile(r'(?<!\w)"([^"]{1,200})"(?!\w)|(?<!\w)\'([^\']{1,200})\'(?!\w)')
# an upper-case variable name given a value in words: at least one underscore, or 4+ capitals
QUOTED_SET = re.compile(r'\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{2,})(?:\s+(?:(?:is\s+)?set\s+to|=|as|to|of)\s+|=)(["\'])(.*?)\2')
# ↑ also KEY="a value with spaces" as a shell would take it (ES_JAVA_OPTS="-Xms512m -Xmx512m")
SET_TO = re.compile(r'\b([A-Z][A-Z0-9_]+)\s+(?:(?:is\s+)?set\s+to|with\s+(?:the\s+)?value|having\s+(?:the\s+)?value|'
                    r'(?:is\s+)?equals?(?:\s+to)?|(?:should|must|shall|will)\s+be(?:\s+set\s+to)?|needs\s+to\s+be)\s+'
                    r'(?!the\b|a\b|an\b)([^\s,;]+)')
# "where LOG_LEVEL is warn and TZ is Asia/Tokyo": variables in capitals, each said to be a value, after "where"/"with"
WHERE_IS = re.compile(r'\b(?:where|with|and|,)\s+([A-Z][A-Z0-9_]+)\s+is\s+(?!the\b|a\b|an\b|not\b)([^\s,;]+)')
# a time zone's own name is never an image ("n8n in Europe/Lisbon time"): the TZ variable
_ZONE = r'(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z_]+(?:/[A-Za-z_]+)?'
ZONE_NAME = re.compile(r'(?:,?\s*\b(?:our|my|the|its|their)\s+[\w-]+\s+(?:runs?|is|are|works?|lives?)\s+(?:on|in)\s+|'
                       rf'\b(?:in|on|at|using)\s+)(?<![\w/-])({_ZONE})\s+time\b')
# "timezone Europe/London", "time zone is UTC": the TZ variable
TIMEZONE = re.compile(r'\b(?:time\s*zone|tz)\s*(?:is\s+|=\s*|:\s*|of\s+|to\s+|set\s+to\s+|should\s+be\s+|in\s+)?'
                      rf'({_ZONE}|UTC|GMT)\b', re.IGNORECASE)
SET_VARIABLE = re.compile(r'(?:\b(?:env(?:ironment)?(?:\s+var(?:iable)?)?|-e|--env)\s+)?'
                          r'\b((?=[A-Z0-9_]*_)[A-Z][A-Z0-9_]{2,}|[A-Z]{4,}[A-Z0-9]*)\s+(?:(?:set\s+)?to|as|=|is|of|:)\s+'
                          r'(?!the\b|a\b|an\b)([^\s,;]+)'
                          r'|\b(?:env(?:ironment)?(?:\s+var(?:iable)?)?)\s+([A-Z][A-Z0-9_]{2,})\s+(?!to\b|as\b|is\b)([^\s,;=]+)')
ISO_TIME = re.compile(r'(?<![\w.:-])\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?\b')
# a time of day: "at 2:14am", "since 16:40", "after 22:00" — never a port mapping or an image ("2:14am")
CLOCK_TIME = re.compile(r'\b(?:[01]?\d|2[0-3]):[0-5]\d:[0-5]\d(?:[.,]\d+)?\b|'   # "03:12:44": a time
                        r'\b[\w-]+\.(?:py|js|ts|go|rb|java|rs|php|c|cc|cpp|h|sh|kt|scala|cs):\d+\b|'   # "taskinstance.py:441"
                        r'\b(?:[01]?\d|2[0-3]):[0-5]\d\s*(?:am|pm)\b|'
                        r'\b(?:at|since|from|until|till|after|before|by|around)\s+~?(?:[01]?\d|2[0-3]):[0-5]\d\b(?![:/.\w-])',
                        re.IGNORECASE)
NAMED_FLAG = re.compile(r'(?:(?:-v|--volume)[\s=]+)?(?<![\w/.~-])([A-Za-z0-9][A-Za-z0-9_.-]{0,63}):(/[^\s:,;]*)(?::(ro|rw))?'
                        r'(?![^\s,;])')   # "with volume kuma2-data:/app/data, restart on-failure": up to the comma
NAMED_SPOKEN = re.compile(r'(?:\b(?:(?:in|on|with|into|using|use|and|mount|mounting|attach|attaching|put|place|add|adding)\s+'
                          r'(?:an?\s+|the\s+)?|'
                          r'an?\s+)|'
                          r'(?<=[,:;])\s*(?:the\s+)?)'
                          r'(?:named\s+|docker\s+)?volume\s+(?!(?:ls|list|prune|rm|remove|inspect|create)\b)'
                          r'(?:called\s+|named\s+)?'
                          r'(?P<name>[A-Za-z0-9][A-Za-z0-9_.-]{0,63})(?:\s+(?:mounted\s+)?(?:at|on|to|in|into|as|for)\s+'
                          r'(?P<target>/[^\s:,;]*))?(?P<ro>\s+read[- ]?only|\s+\(?ro\)?)?', re.IGNORECASE)
# the volume's name before the word: "with the mongo-data volume on /data/db", "mount the pgdata volume at /var/lib/…"
NAMED_BEFORE = re.compile(r'\b(?:the|a|my|our|its|an)\s+(?!(?:named|docker|new|persistent|same|existing|other)\b)'
                          r'(?P<name>[A-Za-z0-9][A-Za-z0-9_.-]{0,63})\s+volume\s+(?:mounted\s+)?(?:at|on|to|in|into|as)\s+'
                          r'(?P<target>/[^\s:,;]*)(?P<ro>\s+read[- ]?only|\s+\(?ro\)?)?', re.IGNORECASE)
_PATH = r'(?<![\w.~/-])(?P<source>/[^\s:]*|~/?[^\s:]*|\.{1,2}/[^\s:]*)'   # not inside "filebrowser/filebrowser"
_AT = (r'(?P<ro1>\s+\(?read[- ]?only\)?)?(?:(?:\s+(?:into|in|inside)\s+(?:it|the\s+container))?'   # "… into it at /backups"
       r'\s+(?:at|to|on|into|as|in)\s+(?P<target>/[^\s:,;)]*))?'
       r'(?P<ro>,?\s+\(?read[- ]?only\)?|\s+\(?ro\)?)?')
# a host path and where it goes inside, joined by a word: "with the host folder /srv/site as /usr/share/nginx/html",
# "/tmp shared as /scratch", "volume: /srv/x -> /data", "mapping /var/log on the host to /logs in the container"
PATH_PAIR = re.compile(r'(?:\b(?:the\s+)?(?:host\s+)?(?:folder|directory|dir|path)\s+)?' + _PATH +
                       r'(?:\s+(?:on|from|of)\s+the\s+host)?(?:\s+(?:shared|mapped|exposed|available|visible|mounted))?'
                       r'\s*(?:\s(?:as|at|to|into|in)\s|->|→|=>)\s*(?:the\s+)?(?:container(?:\s+path)?\s+)?(?P<target>/[^\s:,;)]*)'
                       r'(?:\s+(?:in|inside)\s+(?:the\s+)?container)?(?P<ro>,?\s+\(?read[- ]?only\)?|\s+\(?ro\)?)?',
                       re.IGNORECASE)
MOUNTED = re.compile(_PATH + r'(?P<gap>(?:\s+(?!(?:and|then)\b)[\w:.-]+){0,3}?),?\s+'
                     r'(?:mounted|mount|bound|bind[- ]mounted|mapped|attached)'
                     r'(?P<ro0>\s+read[- ]?only|\s+\(?ro\)?)?' + _AT, re.IGNORECASE)
MOUNT = re.compile(r'(?:\b(?P<ro2>read[- ]?only)\s+)?\b(?:mount(?:ing)?|bind(?:ing)?)\s+(?:(?:the|my|our|your)\s+)?'
                   r"(?:[\w'-]+\s+){0,2}?"
                   r'(?:(?:host\s+)?(?:folder|directory|path|dir)\s+)?' + _PATH + _AT,
                   re.IGNORECASE)

# "with the models kept in /srv/ollama at /root/.ollama", "store its data in ./pg at /var/lib/postgresql/data": a bind
# mount said as where the data is kept (only with both paths: "keep the data in /srv/x" alone is the image's data path)
KEPT_AT = re.compile(r'\b(?:kept|stored|saved|persisted|lives?|living|keep|store|save|persist)(?:\s+(?!(?:and|then)\b)'
                     r'[\w.-]+){0,3}?\s+(?:in|on|under|into)\s+' + _PATH + r'(?P<ro1>\s+\(?read[- ]?only\)?)?\s+(?:at|as|on|to|'
                     r'mounted\s+(?:at|on|as)|inside\s+at)\s+(?P<target>/[^\s:,;)]*)'
                     r'(?P<ro>,?\s+\(?read[- ]?only\)?|\s+\(?ro\)?)?',
                     re.IGNORECASE)


# A port pair said with the side of each number: "port 80 inside mapped to 7000 outside", "container port 80
# should be 10080 on the host", "forward host 10080 to its 80", "8765 on the host going to 8080 in the container"
_HOST_SIDE = r"(?:host(?:\s+side)?(?:\s+port)?|outside|external(?:ly)?|public(?:ly)?|on\s+the\s+(?:host|machine|server|box)|" \
             r"(?:on\s+)?the\s+host(?:\s+side)?)"
_CONTAINER_SIDE = r"(?:(?:the\s+)?container(?:'s)?(?:\s+port)?|inside|internal(?:ly)?|in\s+the\s+container|its|" \
                  r"(?:on|in)\s+the\s+(?:container|app))"
_SIDE = rf"(?P<{{n}}_host>{_HOST_SIDE})|(?P<{{n}}_ctr>{_CONTAINER_SIDE})"
# after a number only what cannot be a noun it qualifies ("postgres 15 container on port 9000" is no pair)
_SIDE_AFTER = r"(?P<{n}_host>outside|external(?:ly)?|public(?:ly)?|on\s+the\s+(?:host|machine|server|box)(?:\s+side)?)|" \
              r"(?P<{n}_ctr>inside|internal(?:ly)?|(?:in|on)\s+the\s+(?:container|app))"
ROLE_PAIR = re.compile(
    r"(?:(?:" + _SIDE.format(n='ab') + r")\s+)?(?:port\s+)?(?<![\w.:-])(?P<a>\d{1,5})(?:/(?:tcp|udp))?(?:\s+(?:"
    + _SIDE_AFTER.format(n='aa')
    + r"))?\s*,?\s+(?:should\s+be|(?:is\s+)?mapped\s+to|maps\s+to|going\s+to|goes\s+to|becomes|to|->|→|=>|as|on|onto|at|"
    r"(?:pointing|pointed|points|routed|routing|forwarded|forwarding|sent|passed|passing)\s+(?:at|to|into|on))\s+"
    r"(?:(?:" + _SIDE.format(n='bb') + r")\s+)?(?:port\s+)?(?P<b>\d{1,5})(?:\s+(?:" + _SIDE_AFTER.format(n='ba') + r"))?\b",
    re.IGNORECASE)
HOST_SIDE = re.compile(r"\bhost\s+side\s+(?:port\s+)?(\d{1,5})\b|"
                       r"\bmap\s+(?:port\s+)?(?=\d)(\d{1,5})(?:\s+to\s+the\s+host)?\b(?!\s*(?:to|->|:))|"
                       r"(?<![\w:])(\d{1,5})\s+on\s+the\s+host\b", re.IGNORECASE)


# the two sides said apart, each with its own number: "outside port 8222, inside port 80", "host port 8088, container port 80"
SIDES_APART = re.compile(r"\b(?:(?P<first_host>outside|external|public|host(?:\s+side)?)|(?P<first_ctr>inside|internal|container"
                         r"(?:\s+side)?))\s+port\s+(?:is\s+|=\s*|:\s*)?(?P<a>\d{1,5})\s*(?:,|;|\band\b|\bwith\b|\()\s*(?:the\s+)?"
                         r"(?(first_host)(?:inside|internal|container(?:\s+side)?)|(?:outside|external|public|host(?:\s+side)?))\s+"
                         r"port\s+(?:is\s+|=\s*|:\s*)?(?P<b>\d{1,5})\b", re.IGNORECASE)
OUTSIDE_IS = re.compile(r"\bport\s+(?:of|on|at)\s+(?:the\s+)?(?:outside|host|machine|server)\s+(?:is|=|:|should\s+be)\s*"
                        r"(\d{1,5})\b",
                        re.IGNORECASE)   # "the port of outside is 8081" (a second language's word order)
RESPECTIVELY = re.compile(r"\b(?P<h1>\d{1,5})\s+and\s+(?P<h2>\d{1,5})\s*,?\s*(?:(?:going|mapped|mapping|forwarded|routed|"
                          r"pointing)\s+)?to\s+(?:ports?\s+)?(?P<c1>\d{1,5})\s+and\s+(?P<c2>\d{1,5})\s*,?\s+respectively\b",
                          re.IGNORECASE)


# "publish port 80 on 8088", "publishing 80 on 9443 and 443 on 9444": container ports, each on its host port
_PAIR_ON = r'(?:port\s+)?(\d{1,5})(?:/(?:tcp|udp))?\s+(?:on|as|at)\s+(?:the\s+)?(?:host\s+)?(?:port\s+)?(\d{1,5})\b'
PAIR_ON = re.compile(_PAIR_ON, re.IGNORECASE)
PUBLISHED_ON = re.compile(r'\b(?:publish|expos|map)\w*\s+(?:the\s+|its\s+|their\s+)?(?:container\s+)?' + _PAIR_ON
                          + r'(?:\s*(?:,|\band\b)\s*(?:the\s+)?(?:container\s+)?' + _PAIR_ON + ')*', re.IGNORECASE)


# a pair said without the side of either number: "with port 80 on 8080" (80 in the container, on the host's 8080),
# "port 80 mapped to 8080"; where the verb does not say which is which, a port under 1024 beside one above is the
# container's (a host port an image listens on is rarely the high one: "port 8443 forwarded to 443")
UNSIDED_PAIR = re.compile(r'(?<![\w-])port\s+(?P<a>\d{1,5})(?:/(?:tcp|udp))?\s+(?:(?P<on>on|as|at|(?:published|exposed|shown)\s+'
                          r'(?:on|as|at))|(?:is\s+)?(?:mapped|forwarded|routed|bound|going)\s+(?:to|on|onto))\s+(?:port\s+)?'
                          r'(?P<b>\d{1,5})\b(?!\s*(?:\.\d|:))', re.IGNORECASE)


def _mapping(**fields: Any) -> PortMapping:
    """A port mapping as said, checked later: a number out of 1-65535 is kept aside to be asked about
    ("run nginx on port 70000"), never a mapping of the plan."""
    said = PortMapping.model_construct(**fields)
    return said if _out_of_range(said) is not None else PortMapping(**fields)


def _out_of_range(mapping: PortMapping) -> int | None:
    """The side of a mapping that is no port number, if one is."""
    return next((side for side in (mapping.host, mapping.container) if side is not None and not 1 <= side <= 65535), None)


# a port said with more digits than any port has: "on port 123456", "-p 1234567:80"
TOO_LONG_PORT = re.compile(r'(?:\bports?\s*(?:number\s*)?(?:=|:)?\s*|(?<![\w-])-p\s*)(\d{6,})(?::\d+)?\b|'
                           r'\b(?:on|at)\s+(?:localhost:|host\s+)?(6553[6-9]|655[4-9]\d|65[6-9]\d\d|6[6-9]\d{3}|[7-9]\d{4}|\d{6,7})\b'
                           r'(?!\s*(?:replicas?|copies|instances|lines|entries|times|[smhd]\b|sec|min|hour|day|%|mb|gb|kb|bytes))',
                           re.IGNORECASE)


def _unsided(match: re.Match[str]) -> PortMapping:
    """The mapping an UNSIDED_PAIR means: "on"/"as" puts the first in the container; else the low port is its."""
    a, b = int(match.group('a')), int(match.group('b'))
    if not match.group('on') and b < 1024 <= a:
        return _mapping(host=a, container=b)
    if min(a, b) >= 1024 and re.search(r'\b(?:going|forwarded|routed)\b', match.group(0), re.IGNORECASE):
        return _mapping(host=a, container=b)   # "port 3003 going to 3000": what comes in on the host goes to the container
    return _mapping(host=b, container=a)


def _role(match: re.Match[str], number: str) -> str | None:
    """The side said next to one number of a ROLE_PAIR ('a' or 'b'): 'host', 'container' or None."""
    for key in (number + 'b', number + 'a'):   # the words before it, then those after it
        if match.group(f'{key}_host'):
            return 'host'
        if match.group(f'{key}_ctr'):
            return 'container'
    return None


# the words before a user and its password said as one ("login bob:s3cret"), which is no image and tag
LOGIN_BEFORE = re.compile(r'\b(?:login|logins|creds|credentials|account|admin|user(?:name)?|root)\s*(?:is\s+|[:=]\s*)?$',
                          re.IGNORECASE)


class Clause:
    """One request inside a command, with what was pulled out of its text.

    Reading a text takes some 150 pattern passes, and reading one message makes a Clause of the same
    text many times over, so what a text gave is kept while one message is read (``Clause.new_message()``
    starts again: nothing carries over from one message to the next, and each thread keeps its own),
    and each new Clause gets its own copies of it."""

    _kept = threading.local()

    @classmethod
    def new_message(cls) -> None:
        cls._kept.read = {}

    def __init__(self, text: str) -> None:
        read: dict[str, dict[str, Any]] | None = getattr(Clause._kept, 'read', None)
        known = read.get(text) if read is not None else None
        if known is None:
            self._read(text)
            if read is not None and len(read) < 512:
                read[text] = _copied(vars(self))
        else:
            self.__dict__.update(_copied(known))

    def _read(self, text: str) -> None:
        self.raw = text.strip()
        self.env: dict[str, str] = {}
        self.quoted: list[str] = []
        self.ports: list[PortMapping] = []
        self.volumes: list[VolumeMapping] = []
        self.images: list[str] = []
        self.numbers: list[int] = []
        text = self.raw
        self.times = [m.group(0) for m in ISO_TIME.finditer(text)]   # "since 2024-09-30T08:00:00": a time, no port
        text = ISO_TIME.sub(' ', text)
        text = CLOCK_TIME.sub(' ', text)
        text = re.sub(r'(?<![=\w"\'])[a-z][a-z0-9+.-]*://(?:\d{1,3}(?:\.\d{1,3}){3}|[\w-]+(?:\.[\w-]+)+)(?::\d{1,5})?[^\s,;]*',
                      ' ', text, flags=re.IGNORECASE)   # "talking to my ollama at http://192.168.1.20:11434": no port of it
        for key, _, value in QUOTED_SET.findall(text):   # "GF_SECURITY_ADMIN_PASSWORD set to 'gr@fana/1'": kept whole
            self.env[key] = value
        text = QUOTED_SET.sub(' ', text)
        for match in QUOTED.finditer(text):
            self.quoted.append(match.group(1) or match.group(2))
        text = QUOTED.sub(' ', text)
        text = re.sub(r'--name[=\s]+([\w.-]+)', r' named \1 ', text)   # docker run --name=x
        text = re.sub(r'--restart[=\s]+([\w-]+)', r' restart \1 ', text)   # --restart=always
        text = re.sub(r'\b(which|that|who|and|it)\s+(?:will\s+|should\s+|must\s+|shall\s+|can\s+)?(?:auto-?)?restart(?:s|ing)?\b'
                      r'(?=\s+(?:it|him|her|them)?sel(?:f|ves)\b|[^.,;]{0,30}?\b(?:automatically|when|if|whenever|in\s+case|'
                      r'on\s+(?:failure|crash|error))\b)', r'\1 restart-policy', text,
                      flags=re.IGNORECASE)   # "a redis container which restart himself when crash": how it runs
        text = re.sub(r'\brestart\s+policy\b(?:\s*(?:is|=|:|of|set\s+to|to|should\s+be)\b)?|\brestart(?:s|ing)?\s*[=:]?\s*'
                      r'(?=(?:always|unless[- ]stopped|on[- ]failure)\b)', ' restart-policy ', text,
                      flags=re.IGNORECASE)   # "restart policy unless-stopped": how it runs, no restart
        settings = r'(?<![\w-])(?<!-e\s)(?<!--env\s)(?<!--env=)'   # a setting said as key=value, not a variable (-e name=x)
        text = re.sub(settings + r'(?:image|img)\s*=\s*(?=[a-z0-9])', ' ', text)   # "image=nodered/node-red:4.0": the image
        text = re.sub(settings + r'(?:container[_-]?)?name\s*=\s*(?=[a-z0-9])', ' named ', text)  # name=, container_name=
        text = re.sub(settings + r'(?:ports?|publish)\s*=\s*(?=\d)', ' port ', text)   # "port=1881:1880"
        text = re.sub(r'(?<![\w-])(-e|--env)[=\s]+(?=[A-Za-z_][A-Za-z0-9_]*=)', ' ', text)   # -e KEY=value
        text = re.sub(r'(?<![\w-])--(net|network|pid|ipc|uts)[=\s]+(\S+)', r' \1 \2 ', text)   # --net=host: not a variable
        text = re.sub(r'(?i)\b(stack\s+|container[_-]?)?name\s*:\s*(?=[\w.-])',
                      lambda m: 'stack named ' if (m.group(1) or '').startswith('stack') else 'named ', text)
        for key, value in SET_TO.findall(text):   # "TZ set to Europe/Berlin", "GREETING with the value hello"
            self.env[key] = _value(value)
        text = SET_TO.sub(' ', text)
        if re.search(r'\bwhere\b', text):
            for key, value in WHERE_IS.findall(text):   # "where LOG_LEVEL is warn and TZ is Asia/Tokyo"
                self.env[key] = _value(value)
            text = WHERE_IS.sub(' ', text)
        zone = TIMEZONE.search(text) or ZONE_NAME.search(text)
        if zone and 'TZ' not in {k.upper() for k in self.env}:   # "timezone Europe/London", "… run on Europe/Berlin time"
            self.env['TZ'] = zone.group(1)
            text = text[:zone.start()] + ' ' + text[zone.end():]
        if re.search(r'\benv(?:ironment)?(?:\s+var(?:iable)?s?)?\b', text, re.IGNORECASE):   # "the env vars A x, B y and C z"
            for key, value in re.findall(r'\b([A-Z][A-Z0-9]*_[A-Z0-9_]+|[A-Z][A-Z0-9]+(?=\s+[^\s,;=]+\s*(?:,|and\b|$)))\s+'
                                         r'(?!to\b|as\b|is\b|set\b)([^\s,;=]+)', text):
                self.env[key] = _value(value)
            text = re.sub(r'\b(?:[A-Z][A-Z0-9]*_[A-Z0-9_]+|[A-Z][A-Z0-9]+(?=\s+[^\s,;=]+\s*(?:,|and\b|$)))\s+'
                          r'(?!to\b|as\b|is\b|set\b)[^\s,;=]+', ' ', text)
        for key, value, bare_key, bare_value in SET_VARIABLE.findall(text):   # "set POSTGRES_USER to shop", "env FOO bar"
            self.env[key or bare_key] = _value(value or bare_value)
        text = SET_VARIABLE.sub(' ', text)
        bare = r'\b([A-Z][A-Z0-9]*_[A-Z0-9_]+)\s+(?!(?:to|as|is|set|and|with|on|in|for|of|the|a|an)\b)([^\s,;=]+)'
        for key, value in re.findall(bare, text):   # "with POSTGRES_PASSWORD correct-horse and POSTGRES_DB wiki"
            self.env.setdefault(key, _value(value))
        text = re.sub(bare, ' ', text)
        for key, value in re.findall(r'(?<![\w.-])([A-Za-z_][A-Za-z0-9_]*)=(\S+)', text):
            self.env[key] = _value(value)
        text = re.sub(r'\b[A-Za-z_][A-Za-z0-9_]*=\S+', ' ', text)
        bind = r'(?:-v\s+)?(/[^\s:]*|~/?[^\s:]*|\.{1,2}/[^\s:]*):(/[^\s:,;]*)(?::(ro|rw))?'   # up to a comma
        for source, target, mode in re.findall(bind, text):
            self.volumes.append(VolumeMapping(source=source or '/', target=target, read_only=mode == 'ro'))
        text = re.sub(bind, ' ', text)
        self.named_volumes: list[tuple[str, str | None, bool]] = []   # (volume, where or None, read-only)
        for name, target, mode in NAMED_FLAG.findall(text):   # -v pgdata:/var/lib/postgresql/data
            if not target.startswith('//'):   # "https://blog.example.org" is an address (its words are no names either)
                self.named_volumes.append((name, target, mode == 'ro'))
        text = NAMED_FLAG.sub(' ', text)
        for match in NAMED_SPOKEN.finditer(text):   # "a named volume edge on /data/db", "keep its data in a volume called x"
            if match.group('name').lower() not in ('a', 'the', 'for', 'with', 'and', 'mounted', 'at', 'on', 'called', 'named'):
                self.named_volumes.append((match.group('name'), match.group('target'), bool(match.group('ro'))))
        text = NAMED_SPOKEN.sub(lambda m: ' ' if m.group('name').lower() not in ('a', 'the', 'for', 'with', 'and') else
                                m.group(0), text)
        for match in NAMED_BEFORE.finditer(text):
            self.named_volumes.append((match.group('name'), match.group('target'), bool(match.group('ro'))))
        text = NAMED_BEFORE.sub(' ', text)
        for spelled in (KEPT_AT, MOUNTED, MOUNT, PATH_PAIR):  # "with /etc mounted at /host", "mount ~/data into /data ro"
            for match in spelled.finditer(text):
                source, target = match.group('source'), match.group('target')
                read_only = any(match.groupdict().get(g) for g in ('ro', 'ro0', 'ro1', 'ro2'))
                self.volumes.append(VolumeMapping(source=source, target=target or ('/host' if source == '/' else
                                                                                   '/' + source.lstrip('~./') or '/host'),
                                                  read_only=read_only))
            text = spelled.sub(_keep_gap, text)
        spelled_ports = r'\bhost\s+port\s+(\d{1,5})\s+(?:to|on|->|→)\s+(?:the\s+)?container(?:\s+port)?\s+(\d{1,5})\b'
        for host, container in re.findall(spelled_ports, text, re.IGNORECASE):   # "mapping host port 10080 to container port 80"
            self.ports.append(_mapping(host=int(host), container=int(container)))
        text = re.sub(spelled_ports, ' ', text, flags=re.IGNORECASE)
        for match in ROLE_PAIR.finditer(text):   # "port 80 inside mapped to 7000 outside", "forward host 10080 to its 80"
            first, second = _role(match, 'a'), _role(match, 'b')
            if 'host' in (first, second) or 'container' in (first, second):
                host, container = ((match.group('a'), match.group('b')) if first == 'host' or second == 'container'
                                   else (match.group('b'), match.group('a')))
                self.ports.append(_mapping(host=int(host), container=int(container)))
        text = ROLE_PAIR.sub(lambda m: ' ' if {_role(m, 'a'), _role(m, 'b')} - {None} else m.group(0), text)
        for match in HOST_SIDE.finditer(text):   # "(host side 7000)", "map 5432 to the host", "7000 on the host"
            self.ports.append(_mapping(host=int(next(g for g in match.groups() if g))))
        text = HOST_SIDE.sub(' ', text)
        for match in RESPECTIVELY.finditer(text):   # "expose 9000 and 9444, going to 80 and 443 respectively"
            self.ports += [_mapping(host=int(match.group(h)), container=int(match.group(c))) for h, c in (('h1', 'c1'),
                                                                                                        ('h2', 'c2'))]
        text = RESPECTIVELY.sub(' ', text)
        for match in SIDES_APART.finditer(text):   # "outside port 8222, inside port 80", "container port 80, host port 8088"
            host, container = (match.group('a'), match.group('b')) if match.group('first_host') else (match.group('b'),
                                                                                                        match.group('a'))
            self.ports.append(_mapping(host=int(host), container=int(container)))
        text = SIDES_APART.sub(' ', text)
        for host in OUTSIDE_IS.findall(text):   # "the port of outside is 8081"
            self.ports.append(_mapping(host=int(host)))
        text = OUTSIDE_IS.sub(' ', text)
        for match in PUBLISHED_ON.finditer(text):   # "publish port 80 on 8088", "publishing 80 on 9443 and 443 on 9444"
            self.ports += [_mapping(host=int(host), container=int(container))
                           for container, host in PAIR_ON.findall(match.group(0))]
        text = PUBLISHED_ON.sub(' ', text)
        self.ports += [_unsided(match) for match in UNSIDED_PAIR.finditer(text)]   # "with port 80 on 8080"
        text = UNSIDED_PAIR.sub(' ', text)
        port_to = (r'\b(?:ports?|host(?:\s+port)?|map(?:ping|ped|s)?|forward(?:ing|ed|s)?|rout(?:e|ing|ed))\s+(?:host\s+)?'
                   r'(?:port\s+)?(\d{1,5})\s+(?:to|->|→|onto)\s+(?:the\s+)?(?:container(?:\'s)?\s+)?'
                   r'(?:port\s+)?(\d{1,5})\b')
        port_to += r'|(?:^|(?<=[,;]))\s*(\d{2,5})\s+(?:to|->|→)\s+(\d{2,5})(?=\s*(?:[,;]|$))'   # "…, 8443 to 8080, …"
        for host, container, bare_host, bare_container in re.findall(port_to, text, re.IGNORECASE):   # "port 8443 to 443"
            host, container = host or bare_host, container or bare_container
            self.ports.append(_mapping(host=int(host), container=int(container)))
        text = re.sub(port_to, ' ', text, flags=re.IGNORECASE)
        bound = r'(?<!//)\b(\d{1,3}(?:\.\d{1,3}){3}|localhost):(\d{1,5}):(\d{1,5})(?:/(tcp|udp))?\b'   # (not in a URL)
        for address, host, container, protocol in re.findall(bound, text):   # -p 127.0.0.1:8080:80
            self.ports.append(_mapping(host=int(host), container=int(container), protocol=protocol or 'tcp',
                                          host_ip='127.0.0.1' if address == 'localhost' else address))
        text = re.sub(bound, ' ', text)
        on_address = (r'(?<!//)\b(\d{1,3}(?:\.\d{1,3}){3}|localhost):(\d{1,5})(?!\s*:\d)(?:/(tcp|udp))?\b'
                      r'(?:\s+(?:to|->|→|=>|mapped\s+to|forwarded\s+to|into)\s+(?:the\s+container(?:\'s)?\s+)?(?:port\s+)?(\d{1,5})\b)?')
        for address, host, protocol, inside in re.findall(on_address, text):   # "publish it on 127.0.0.1:5433 only",
            self.ports.append(_mapping(host=int(host), container=int(inside) if inside else None,   # "…:8027 to 8025"
                                       protocol=protocol or 'tcp', host_ip='127.0.0.1' if address == 'localhost' else address))
        text = re.sub(on_address, ' ', text)
        address = r'(\d{1,3}(?:\.\d{1,3}){3}|localhost)'
        local_only = (rf'\b(?:only\s+)?(?:on|at)\s+{address}\s+(?:port\s+)?(\d{{1,5}})\b|'
                      rf'\bport\s+(\d{{1,5}})\s+(?:only\s+)?(?:on|at)\s+{address}\b')
        for at, host, port, at_after in re.findall(local_only, text, re.IGNORECASE):   # "only on localhost port 27017"
            at = at or at_after   # "port 8080 on 127.0.0.1"
            self.ports.append(_mapping(host=int(host or port), host_ip='127.0.0.1' if at.lower() == 'localhost' else at))
        text = re.sub(local_only, ' ', text, flags=re.IGNORECASE)
        for more in re.findall(r'\bports\s+((?:\d{1,5}\s*(?:,|and|&)\s*)+\d{1,5})\b', text, re.IGNORECASE):
            self.ports += [_mapping(host=int(n)) for n in re.findall(r'\d{1,5}', more)]   # "ports 80 and 443"
        text = re.sub(r'\bports\s+(?:\d{1,5}\s*(?:,|and|&)\s*)+\d{1,5}\b', ' ', text, flags=re.IGNORECASE)
        for host, container, protocol in re.findall(r'\b(\d{1,5}):(\d{1,5})(?:/(tcp|udp))?\b', text):
            self.ports.append(_mapping(host=int(host), container=int(container), protocol=protocol or 'tcp'))
        text = re.sub(r'\b\d{1,5}:\d{1,5}(?:/(?:tcp|udp))?\b', ' ', text)
        for port in re.findall(r'\bports?\s*(?:number\s*)?(?:=|:)?\s*(\d{1,5})\b', text, re.IGNORECASE):
            self.ports.append(_mapping(host=int(port)))
        self.port_words = re.sub(r'\bports?\s*(?:number\s*)?(?:=|:)?\s*\d{1,5}\b', ' ', text, flags=re.IGNORECASE)
        self.bad_ports = [bad for bad in map(_out_of_range, self.ports) if bad is not None] + [
            int(a or b) for a, b in TOO_LONG_PORT.findall(text)]
        self.ports = [p for p in self.ports if _out_of_range(p) is None]
        text = self.port_words
        text = re.sub(r'\b(?:localhost|127\.0\.0\.1|0\.0\.0\.0):(\d{1,5})\b', r'\1', text)   # "on localhost:8080": a port
        pinned = re.findall(r'\b([a-z0-9][a-z0-9._/-]*(?::[\w.-]+)?@sha256:[0-9a-f]{6,64})\b', text)   # "app@sha256:4f6b…"
        text = re.sub(r'\b[a-z0-9][a-z0-9._/-]*(?::[\w.-]+)?@sha256:[0-9a-f]{6,64}\b', ' ', text)
        tagged = [m for m in re.finditer(r'(?<![/.])\b([a-z0-9][a-z0-9._/-]*:[A-Za-z0-9][A-Za-z0-9._-]*)\b', text)
                  if not LOGIN_BEFORE.search(text[:m.start()])]   # not "http://blog.lan:2368", nor "login bob:s3cret"
        self.images = pinned + [m.group(1) for m in tagged]
        for m in reversed(tagged):
            text = f'{text[:m.start()]} {text[m.end():]}'
        text = re.sub(r'\s*&\s*|\s+(?:as well as|plus|along with|together with|alongside(?: of)?|in addition to)\s+', ' and ',
                      text, flags=re.IGNORECASE)
        text = re.sub(r'--filter\s+', ' ', text)
        text = compose_verbs(text)
        self.text = text
        self.lower = text.lower()
        tokens = [t for t in re.split(r'\s+', self.lower) if t.strip(".,!?()[]{}")]
        self.words = [t.strip(".,!?()[]{}") for t in tokens]
        self.breaks = {i for i, t in enumerate(tokens) if t.rstrip(')]}').endswith((',', ';', '/'))}  # "web, api and db"
        self.numbers = [int(w) for w in self.words if is_number(w)]

    def has(self, *words: str) -> bool:
        return any(w in self.words for w in words)


def _copied(attributes: dict[str, Any]) -> dict[str, Any]:
    """A Clause's attributes with lists, dicts and sets of their own (what is in them is never changed)."""
    return {key: type(value)(value) if isinstance(value, (list, dict, set)) else value for key, value in attributes.items()}


def _value(text: str) -> str:
    """A value as typed, without the punctuation of the sentence around it ("hunter2," "pw)")."""
    text = text.rstrip(',;')
    if text.endswith(')') and '(' not in text:
        text = text[:-1]
    return text.rstrip('.') if len(text) > 1 and not text.endswith('..') else text


def _keep_gap(match: re.Match[str]) -> str:
    """A mount said around other words ("/srv/www with nginx, mounted at …") leaves those words."""
    return f' {match.groupdict().get("gap") or ""} '


def compose_verbs(text: str) -> str:
    """"docker compose -p shop down", "docker-compose restart blog": Compose's verbs on a project
    ("down" removes its containers and networks, as our stack remove does)."""
    text = re.sub(r'\b(?:up\s+(?:-d\s+|--detach\s+)?)?--scale\b', 'scale', text, flags=re.IGNORECASE)   # up -d --scale web=5
    text = re.sub(r'\bup\s+(?:(?:-d|--detach)\s+)?(?P<p>[\w.-]+)\s+(?:(?:-d|--detach)\s+)?scale\b', r'scale \g<p>', text,
                  flags=re.IGNORECASE)   # "compose -p gitlab up -d --scale runner=4" (the project said before "up")
    text = re.sub(r'\bdocker\s+service\s+scale\b', 'scale', text, flags=re.IGNORECASE)   # Swarm: docker service scale x_y=2
    text = re.sub(r'^\s*stack\s+up\b(.*)--force-recreate', r'redeploy\1', text, flags=re.IGNORECASE)   # stk up x --force-recreate
    stripped = re.sub(r'^\s*(?:docker[- ])?compose\b(?:\s+-p)?|\bdocker[- ]compose\b(?:\s+-p)?', ' ', text, flags=re.IGNORECASE)
    if not stripped.strip():
        stripped = text
    if stripped != text:
        stripped = re.sub(r'\bdown\b', 'remove', stripped, count=1, flags=re.IGNORECASE)
        stripped = re.sub(r'^\s*(?:ls|list)\s*$', 'list stacks', stripped, flags=re.IGNORECASE)   # docker compose ls
        stripped = re.sub(r'^\s*up\b(.*)--force-recreate', r'redeploy\1', stripped, flags=re.IGNORECASE)
        stripped = re.sub(r'^\s*up\b', 'start', stripped, flags=re.IGNORECASE)   # docker compose up x: its containers run
    return re.sub(r'\s+--(?:force-recreate|remove-orphans|detach|no-deps|build|wait|quiet-pull|no-recreate|renew-anon-volumes|'
                  r'always-recreate-deps)\b', ' ', stripped, flags=re.IGNORECASE)   # Compose's flags, read already


def is_number(word: str) -> bool:
    """ASCII digits a count or port can be: str.isdigit() also takes '¹' or '٣' (int() refuses
    them) and any length (int() refuses over 4,300 digits)."""
    return word.isascii() and word.isdigit() and len(word) <= 9


CONTENT = {'logs': 'logs', 'log': 'logs', 'status': 'status', 'stats': 'status', 'history': 'history',
           'memory': 'status', 'health': 'status', 'output': 'logs'}


def content_word(word: str) -> str:
    """A typo of a word that says what is wanted ("lgos" -> "logs"), else the word."""
    if word in CONTENT or len(word) < 4:
        return word
    for known in CONTENT:
        if len(known) >= 4 and close_enough(word, known):
            return known
    return word
