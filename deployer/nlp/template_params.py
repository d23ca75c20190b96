"""Settings said for a template, in words or as name=value: its port, logins, passwords, domains, time zone, switches,
and the name of the new stack.

``template_params`` reads a clause against a template's parameters; ``port_said`` the host port of its web UI;
``stack_name_said`` the stack's name; ``time_zone_said`` a time zone said as a city or region.
"""
from __future__ import annotations

import functools
import zoneinfo
from typing import Any

from ..vocabulary import STACK_NAME_PATTERN, STACK_NAME_RE
from . import regex as re
from .clause import Clause
from .state import TemplateInfo

STACK_KEY = re.compile(r'(?:stack|project)(?:[_-]?name)?|name', re.IGNORECASE)   # a setting that names the new stack


def typed_value(name: str, value: str) -> Any:
    """A parameter said as name=value, as the template reads it: a switch is true or false, a port a number."""
    if name.endswith(BOOLEAN_END) or name.startswith('secure_'):
        said = value.lower()
        return True if said in ('true', 'yes', 'on', '1') else False if said in ('false', 'no', 'off', '0') else value
    if name.endswith('port') and value.isascii() and value.isdigit():
        return int(value)
    return value


def port_said(clause: Clause, template: TemplateInfo, taken: set[Any]) -> int | None:
    """The host port a clause gives a template's web port: "port 8080", "8080:80", "on 3001", "listen on
    3001", "at :5050", "localhost:3300" (not one a named parameter took, nor a count of replicas)."""
    local = re.search(r'(?:\blocalhost|127\.0\.0\.1|(?<![\w:]))\s?:(\d{2,5})\b', clause.raw)   # "at :5050", "localhost:3300"
    if local and 'port' in template.params and int(local.group(1)) not in taken:
        return int(local.group(1))
    mapped = [p for p in clause.ports if p.host not in taken]
    if mapped:
        return mapped[0].host
    flag = re.search(r'(?<![\w-])(?:-p|--port|--publish)(?:\s*=\s*|\s+)(\d{2,5})\b(?!:)', clause.lower)
    if flag and 'port' in template.params and int(flag.group(1)) not in taken:   # "install postgres-pgadmin -p 9000"
        return int(flag.group(1))
    bare = next((m for m in re.finditer(r'\b(?:on|at|to|using)\s+(?:localhost:|host\s+)?(\d{2,5})\b'
                                        r'(?!\s*(?:replicas?|copies|instances)|\.\d)', clause.port_words.lower())
                 if int(m.group(1)) not in taken), None)
    if bare and 0 < int(bare.group(1)) < 65536 and 'port' in template.params:
        return int(bare.group(1))
    numbers = [m for m in re.finditer(r'(?<![\w.:/@-])(?:@\s*)?(\d{2,5})(?![\w.:/%-])', clause.raw)
               if not _NOT_A_PORT_AFTER.match(clause.raw[m.end():])]
    if len(numbers) == 1 and 'port' in template.params and int(numbers[0].group(1)) not in taken and (
            1024 <= int(numbers[0].group(1)) < 65536 and not 1950 <= int(numbers[0].group(1)) < 2100
            or numbers[0].group(0).startswith('@')):   # (not a year: "the 2024 edition")
        return int(numbers[0].group(1))   # "wikijs, 3002", "wikijs @ 3002": the one number said, a port's size
    return None


def stack_name_said(clause: Clause) -> str | None:
    flag = re.search(rf'(?<![\w-])(?:--stack|--project-name|--name)(?:\s*=\s*|\s+)({STACK_NAME_PATTERN})\b', clause.lower)
    if flag:   # "deploy keycloak --stack notes": said like a command line
        return flag.group(1)
    for key, value in clause.env.items():   # "template postgres-pgadmin port=8222 stack=home-git", "stack_name=x"
        if STACK_KEY.fullmatch(key) and STACK_NAME_RE.match(value.lower()):
            return value.lower()
    text = re.sub(r'\b(?:database|db|user|schema|volume|login|admin)\s+(?:named|called)\s+\S+', ' ',
                  settings_first(clause.lower))
    for match in re.finditer(rf'(?:(?:->|→|\binto|\bin|\bto|\bon|\bas|\bcall)\s+(?:a\s+|the\s+)?(?:new\s+)?(?:stack|project)'
                             rf'(?:\s+called|\s+named)?|'   # first: "as stack x" is x, not a stack called "stack"
                             rf'\b(?:as|named|called|name it|call it|under(?! (?:the|a|an|my|our|load|\d)\b)|'
                             rf'(?:stack|project)[ _-]?name(?:\s+(?:use|is|be|should\s+be|will\s+be))?|'
                             rf'(?:under|with) the (?:stack |project )?name(?! of)|(?:name|call) the (?:stack|project)|'
                             rf'give (?:to )?the (?:stack|project) the name|'
                             rf'create (?:the |a )?(?:new )?stack|(?:^|\ba\s+)new stack))(?:\s*:)?\s+({STACK_NAME_PATTERN})\b',
                             text):
        if match.group(1) not in ('a', 'the', 'stack', 'project', 'name', 'an', 'new', 'our', 'my', 'your', 'their', 'its',
                                  'his', 'her', 'this', 'that', 'it', 'admin', 'administrator', 'root', 'superuser') \
                and not re.match(r'[.@:/]\w', text[match.end():]):
            # "as a new stack called x": x; not "as our reverse proxy", nor "reachable as cloud.example.org"
            return match.group(1)
    named = re.search(rf'\b(?:the\s+)?name\s+of\s+(?:the\s+)?stack\s+(?:is\s+|as\s+)?({STACK_NAME_PATTERN})\b|'
                      rf'\binto\s+(?!a\b|the\b|an\b|my\b)({STACK_NAME_PATTERN})\b(?!\s+stack)|'   # "into home-git"
                      rf'\bthe\s+(?:stack|project)(?:\s+name)?\s+(?:(?:is|should\s+be|must\s+be|will\s+be)(?:\s+(?:called|named))?|(?:must|should)\s+(?:have|get)'
                      rf'\s+the\s+name|gets\s+the\s+name)\s+({STACK_NAME_PATTERN})\b|'   # "the stack must have the name press"
                      rf'\bas\s+(?:the|a)\s+({STACK_NAME_PATTERN})\s+(?:stack|project)\b|'   # "as the status stack"
                      rf'(?<![\w-])({STACK_NAME_PATTERN})\s+as\s+(?:the\s+)?(?:stack|project)(?:\'s)?\s+name\b', text)
    if named and next(g for g in named.groups() if g) not in ('a', 'the', 'an', 'it', 'this', 'that', 'my', 'our', 'new'):
        return next(g for g in named.groups() if g)   # "with press as stack name"
    placed = re.search(rf'^\s*(?:(?:please|pls|can\s+you|could\s+you)\s+)*(?:put|place|drop|install|deploy|set\s+up)\b.*?\bin\s+'
                       rf'(?!(?:a|an|the|my|our|docker|here|there|it|background|one|port|production|prod)\b)'
                       rf'({STACK_NAME_PATTERN})(?:\s+stack)?\s*(?:please|pls)?\s*[.!]?\s*$', text)
    if placed:   # "put mongo express in sso": the stack it goes in
        return placed.group(1)
    listed = re.search(rf'(?:^|[,;:(]\s*|\s[-–—]+\s*)stack\s*[:=]?\s+(?!name\b)({STACK_NAME_PATTERN})\s*(?=[,;:)]|$)',
                       text)
    if listed:   # "provision uptime kuma, stack home-git, port 8081": a field of a list
        return listed.group(1)
    fresh = re.search(rf'\b(?:new|create\s+(?:the|a))\s+({STACK_NAME_PATTERN})\s+stack\b',
                      text)   # "new files2 stack from the vaultwarden template", "create the home-git stack using ghost"
    if fresh and fresh.group(1) not in ('a', 'the', 'an'):
        return fresh.group(1)
    if clause.quoted:
        candidate = clause.quoted[0]
        if STACK_NAME_RE.match(candidate.lower()) and not a_value(candidate, clause):   # not "password is 'letmein'"
            return candidate.lower()
    return None


# What people call the parts of a template parameter's name ("admin_user" is "admin login bob")
PARAM_WORDS = {'db': r'(?:db|database|mysql|postgres|sql)', 'user': r'(?:user(?:[\s_-]?name)?|login|account)',
               'password': r'(?:password|passwd|pass|pwd|pw)', 'admin': r'(?:admin(?:istrator)?)', 'root': r'(?:root|superuser)',
               'web': r'(?:web|ui|http)', 'email': r'(?:e-?mail|mail)', 'dir': r'(?:dir(?:ectory)?|folder|path)',
               'url': r'(?:url|address)', 'signups': r'(?:sign[- ]?ups?|registrations?|new\s+users)',
               'timezone': r'(?:time[- ]?zone|tz)', 'domains': r'(?:domains?|hosts?)', 'level': r'(?:level|verbosity)',
               'management': r'(?:management|mgmt|manager)'}


BOOLEAN_END = ('allowed', 'enabled', 'cookie')


ROLES = (('admin', 'root', 'web', 'ui'), ('db', 'database', 'mysql', 'postgres'))   # whose login a parameter is


OFF = re.compile(r'\b(?:off|disabled?|no|false|closed|forbidden|not\s+allowed|without|disallow\w*|turn\w*\s+off)\b')


ON = re.compile(r'\b(?:on|enabled?|yes|true|open|allowed|allow\w*|with)\b')


_STOP_VALUES = {'and', 'with', 'the', 'a', 'an', 'on', 'port', 'as', 'for', 'to', 'is', 'of', 'user', 'password', 'pass',
                'email', 'e-mail', 'mail', 'address',
                'login', 'name', 'called', 'named', 'database', 'db', 'at', 'in', 'him', 'her', 'them', 'his', 'its',
                'their', 'rows', 'tables', 'columns', 'records',
                'exposed', 'published', 'mapped', 'reachable', 'available', 'listening', 'running', 'served', 'itself',
                'that', 'which', 'where', 'so', 'i', 'we', 'you', 'it', 'they', 'or', 'but', 'too', 'also', 'please',
                'one', 'ones', 'template', 'thing', 'not', 'instead', 'rather', 'instance', 'instances', 'container',
                'containers', 'image', 'service', 'stack', 'server', 'setup'}   # "deploy the mysql one": no user "one"


def _phrase(tokens: list[str]) -> str:
    words = [PARAM_WORDS.get(t, re.escape(t)) for t in tokens if t != 'name']
    if tokens[0] == 'db' and tokens[-1] == 'name':   # "database orders"; "mysql rows" names no database
        words[0] = r'(?:(?:mysql|postgres|sql)[\s_-]*)?(?:db|database)'
    spoken = r'[\s_-]*'.join(words)
    return spoken + (r'(?:[\s_-]*name)?(?:\s+(?:named|called))?' if tokens[-1] == 'name' else '')


PASSWORD = r'(?:pass(?:word|wort|wd|owrd)?|pas+word|pwd|pw)'   # as typed: "pasword", "passwort", "passwd"


_PAIRED = r'(?:\s*/\s*|:(?!\d+\b))'   # "alice/s3cret", "alice:s3cret" (not a port: "admin:8080")


PAIR_BEFORE = re.compile(r'\b(?P<role>admin|root|web|ui|dashboard)(?:\s+(?:login|creds|credentials|user|account))?\s+'
                         r'(?P<u>[\w.@-]+)' + _PAIRED + r'(?P<p>[^\s,;)/]+)(?![^\s,;)/])(?!\s+' + PASSWORD + r'\b)',
                         re.IGNORECASE)


# ↑ not "root user minioadmin / root password x": there "root" begins the next setting
# a login and its password said bare, with no word before them: "keycloak on 8181, admin/admin123"
BARE_LOGIN = re.compile(r'(?<![\w/.:@-])(?P<u>admin|root|administrator|superuser|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*/\s*'
                        r'(?P<p>[^\s,;)/]+)(?![\w/])', re.IGNORECASE)


ROLE_LOGIN_WITH = re.compile(r'\b(?:(?P<role>admin|root|web|ui|db|dashboard)\s+)?(?:login|user(?:name)?|account)\s+(?:is\s+)?'
                             r'(?P<u>[\w.@-]+),?\s+(?:with|and)\s+(?:the\s+|a\s+)?' + PASSWORD + r'\s+(?:is\s+)?'
                             r'(?P<p>[^\s,;)]+)', re.IGNORECASE)


PAIR_AFTER = re.compile(r'(?<![\w/])(?P<u>[\w.@-]+)\s*/\s*(?P<p>[^\s,;)/]+)\s+as\s+(?:the\s+)?(?P<role>admin|root)'
                        r'(?:\s+(?:login|creds|credentials|user|account))?\b', re.IGNORECASE)


# a user and password said as one pair after the word for a login: "grafana login wiki / changeme42", "creds bob/pw1"
AS_THE_ADMIN = re.compile(r'(?<![\w/.@-])(?P<u>[a-z][\w.@-]*)\s+as\s+(?:the\s+)?(?:admin|administrator|root|superuser)'
                          r'(?:\s+(?:login|user|account|name))?\b(?!\s*(?:password|/))', re.IGNORECASE)


LOGIN_PAIR = re.compile(r'(?:\b(?P<role>[\w-]*admin|web\s+ui|web|ui|root|db|database)\s+)?\b(?:login|logins|creds|credentials|'
                        r'account)\s+(?:is\s+|of\s+)?'
                        r'(?P<u>[\w.@-]+)' + _PAIRED + r'(?P<p>[^\s,;)/]+)', re.IGNORECASE)


# "app as the root user and changeme42 as root password": the value first, then what it is
VALUE_AS = re.compile(r'(?<![\w/])(?<!/\s)(?P<v>(?!(?:it|that|this|me|us|same|well|one|a|an|the)\b)[^\s,;]+)\s+as\s+'
                      r'(?:the\s+|its\s+|my\s+)?'
                      r'(?P<s>(?:(?:root|admin|web|db|database|initial)\s+)?(?:user(?:name)?|login|password|passwd|pw|e-?mail)|'
                      r'(?:database|db)(?:\s+name)?|port)\b', re.IGNORECASE)


EMAIL = re.compile(r'(?<![\w.+-])[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+(?![\w-])', re.IGNORECASE)


# a host name said bare: letters in its last label, never an address's domain, a file name or an image path
HOST_NAME = re.compile(r'(?<![\w@./:-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?!(?:ya?ml|json|conf|txt|env|sh|py|log|tar|gz|'
                       r'zip|sql|ini|toml)\b)[a-z]{2,12}(?![\w@/:-]|\.\w)', re.IGNORECASE)


def settings_first(text: str) -> str:
    return VALUE_AS.sub(r'\g<s> \g<v>', text)


def _other_roles(name: str) -> str:
    """Lookbehinds that keep a parameter of one role from what is said of another: a db_password is never read
    from "admin password x" (but minio's root_password is, root and admin being one role)."""
    role = name.split('_')[0]
    return ''.join(rf'(?<!{r}\s)' for r in next((f for f in ROLES if role not in f), ()))


def template_params(template: TemplateInfo, text: str) -> dict[str, Any]:
    """A template's parameters given in words: "admin login bob and password x", "database orders,
    db user app", "ssh on 2222", "sign-ups turned off". Longer phrases are read first and a part of the
    sentence gives one value; a name said without its first word ("password" for admin_password) is
    the first such parameter not given yet; then what the template's form calls a parameter ("Dashboard
    port": "dashboard 8090"). A value said in other case than one of the parameter's choices is that choice."""
    names, own = template.params, template.id
    text = re.sub(r'\(\s*((?:password|passwd|pw|pass|user(?:name)?|login)\b[^()]*?)\s*\)', r' \1 ', settings_first(text),
                  flags=re.IGNORECASE)   # "(password xK9mq2z)": said in brackets, the value without them
    text = re.sub(r'\b(?P<what>password|passwd|pw|pass|user(?:name)?|login|port)\s+(?:of|for)\s+(?:the\s+)?'
                  r'(?P<whose>admin(?:istrator)?|db|database|root|superuser|web\s+ui|dashboard)(?:\s+(?:user|login|account))?\b',
                  r'\g<whose> \g<what>', text, flags=re.IGNORECASE)   # "the password of the db is x": the db password
    if 'db_root_password' in names:   # "db root wp_root": the database's root password
        text = re.sub(r'\b(?:db|database|mysql|mariadb)\s+root\s+(?!(?:user|login|account|password|passwd|pass|pw|pwd|is)\b)'
                      r'(?=\S)', 'db root password ', text, flags=re.IGNORECASE)
    if 'db_port' in names:   # "mysql exposed on 3307": the database's own port
        text = re.sub(r'\b(?:mysql|mariadb|postgres(?:ql)?|the\s+(?:database|db))\s+(?:itself\s+)?(?:port\s+)?(?:(?:is\s+)?'
                      r'(?:exposed|published|reachable|available|mapped)\s+)?(?:on|at)\s+(?:port\s+)?(?=\d{2,5}\b)', 'db port ',
                      text, flags=re.IGNORECASE)
    if 'db_user' in names:   # "a db called app_prod owned by bob": the database's user
        text = re.sub(r'\bowned\s+by\s+(?:the\s+|a\s+)?(?:(?:db|database|postgres|mysql)\s+)?(?:user|role|account|login)?\s*'
                      r'(?:(?:named|called)\s+)?(?=[\w.@-])', 'db user ', text, flags=re.IGNORECASE)
    def with_password(m: re.Match[str]) -> str:   # "web login admin with password x": the web UI's password too
        role = (m.group('role') or ('admin' if '@' in m.group('u') else '')).lower()   # an e-mail: the UI's login
        return f"{role} user {m.group('u')} {role} password {m.group('p')}".strip() if role else m.group(0)
    text = ROLE_LOGIN_WITH.sub(with_password, text)
    admin_role = next((n.split('_')[0] for n in names if n.endswith('_password') and n.split('_')[0] in ('admin', 'root')), None)
    if admin_role:   # "keycloak on 8181, admin/admin123": its administrator's login
        text = BARE_LOGIN.sub(lambda m: m.group(0) if re.search(r'\b(?:login|logins|user|account|creds|credentials|web|ui|admin|'
                                                                r'root|db|database)\s*$', text[:m.start()], re.IGNORECASE)
                              else f"{admin_role} user {m.group('u')} {admin_role} password {m.group('p')}", text)
    text = PAIR_AFTER.sub(r'\g<role> user \g<u> \g<role> password \g<p>', PAIR_BEFORE.sub(
        r'\g<role> user \g<u> \g<role> password \g<p>', text))   # "admin alice/s3cret", "alice/s3cret as the admin login"
    def login(m: re.Match[str]) -> str:   # "grafana login wiki / changeme42"; "pgadmin login me@x.org / pw": the admin's
        said = (m.group('role') or '').lower()
        role = 'admin ' if said.endswith('admin') else 'web ' if said.startswith(('web', 'ui')) else 'db ' if said in (
            'db', 'database') else 'root ' if said == 'root' else 'admin ' if '@' in m.group('u') else ''   # an e-mail: the UI's
        return f"{role}password {m.group('p')} {role}user {m.group('u')}"   # password first: "user admin password x" is
    text = LOGIN_PAIR.sub(login, text)                                          # no admin password
    user = next((n for n in ('admin_user', 'root_user', 'web_user') if n in names), None)
    if user:   # "minio - bob as the admin": bob is the template's administrator (minio's root user)
        text = AS_THE_ADMIN.sub(lambda m: f"{user.replace('_', ' ')} {m.group('u')}", text)
    params: dict[str, Any] = {}
    taken: list[tuple[int, int]] = []
    candidates = [n for n in names if n != 'port']

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    def read(name: str, spoken: str) -> bool:
        if name.endswith(BOOLEAN_END) or name.startswith('secure_'):
            subject = [t for t in name.split('_') if t not in BOOLEAN_END]
            for match in re.finditer(rf'(?<![\w-])(?:\w+\s+){{0,4}}{_phrase(subject)}(?:\s+\w+){{0,3}}', text, re.IGNORECASE):
                if free(match.span()):
                    said = match.group(0).lower()
                    flag = False if OFF.search(said) else True if ON.search(said) else None
                    if flag is not None:
                        params[name] = flag
                        taken.append(match.span())
                        return True
            return False
        if name.endswith('_port'):   # "ssh on 2222" as well as "ssh port 2222" (not "grafana + prometheus on 3000")
            subject = name.split('_')[:-1]
            optional = '?' if not set(subject) & set(own.split('-')) else ''
            spoken = _phrase(subject) + rf'(?:[\s_-]*port){optional}(?:\s+(?:on|at))?(?:\s+port)?'
            if not optional and len(re.findall(r'\b(?:on|at)\s+(?:port\s+)?\d{2,5}\b', text, re.IGNORECASE)) > 1:
                # "…, grafana on 3003, prometheus on 9091": a part of its own names its port, among ports said apart
                alone = rf"(?:(?<=[,;]\s)|(?<=[,;])){_phrase(subject)}\s+(?:on|at)(?:\s+port)?(?=\s*\d+\s*(?:[,;]|$))"
                spoken = rf"(?:{alone}|{spoken})"
            if not optional:   # "prometheus itself on 9091"; "grafana+prometheus …, and prometheus on 9095": the part
                again = [m.start() for m in re.finditer(rf'(?<![\w-]){_phrase(subject)}(?![\w])', text, re.IGNORECASE)]
                part = rf"{_phrase(subject)}(?:\s+(?:itself|alone|by\s+itself))?(?:[\s_-]*port)?\s+(?:on|at)(?:\s+port)?"
                itself = rf"{_phrase(subject)}\s+(?:itself|alone|by\s+itself)\s+(?:port\s+)?(?:on|at)(?:\s+port)?"
                spoken = rf"(?:{spoken}|{itself})"
                later = re.search(rf'(?<![\w-]){part}\s*(\d{{2,5}})\b', text[again[1]:], re.IGNORECASE) if len(
                    again) > 1 else None   # the part named again after the template was named: that part's own port
                span = (again[1] + later.start(), again[1] + later.end()) if later else (0, 0)
                if later and free(span):
                    params[name] = int(later.group(1))
                    taken.append(span)
                    return True
        for match in re.finditer(rf'(?<![\w/.-]){spoken}(?![\w/-])\s*' + VALUE, text, re.IGNORECASE):   # (not in a path)
            value = next((g for g in match.groups() if g), '')
            if (name.endswith('port') and not value.isdigit()) or not re.match(r'[\w/]', value) or name.endswith(
                    'port') and re.match(r'\.\d', text[match.end():]):   # "on 127.0.0.1" is no port 127
                continue
            if (name.endswith(('_dir', '_path', '_folder')) and not re.match(r'[/~.]|[\w.-]+/', value)
                    or name.endswith('email') and '@' not in value
                    or name.endswith('port') and int(value) < 100 and not re.search(r'\b(?:on|at|port)\s*[=:]?\s*\d+$',
                                                                                   match.group(0), re.IGNORECASE)
                    or re.match(r'\s+(?:page|panel|ui|gui|interface|console)\b', text[match.end():], re.IGNORECASE)
                    or value.lower() in ('ui', 'gui', 'page', 'panel', 'interface', 'console')
                    or name.endswith(('_name', '_user', 'user')) and re.fullmatch(r'\d+(?:\.\d+)*', value)
                    or name.endswith('user') and '@' in value and any(n.endswith('email') for n in candidates)):
                continue   # "a media server" is no media folder "server"; "a web admin page" no web user "admin"
            if value and value.lower() not in _STOP_VALUES and free(match.span()):
                params[name] = int(value) if name.endswith('port') and value.isdigit() else value
                taken.append(match.span())
                return True
        return False

    for name in sorted(candidates, key=lambda n: -len(n.split('_'))):   # "db root password" before "password"
        read(name, _phrase(name.split('_')))
    for name in sorted(candidates, key=lambda n: -len(n.split('_'))):   # "password x" for admin_password
        tokens = name.split('_')
        if (name not in params and len(tokens) > 1 and tokens[-1] not in BOOLEAN_END
                and set(tokens[1:]) - {'name', 'port'}):
            read(name, _other_roles(name) + _phrase(tokens[1:]))   # "admin password x" is no db_password
    for name in candidates:   # "admin bob" for admin_user, "media at /srv/media" for media_dir
        tokens = name.split('_')
        if name not in params and len(tokens) > 1 and tokens[-1] in ('user', 'email', 'dir', 'path', 'folder', 'url'):
            read(name, _phrase(tokens[:-1]))
    urls = [n for n in candidates if (n.endswith('_url') or n in ('domain', 'domains', 'trusted_domains')) and n not in params]
    link = re.search(r'\bhttps?://(?!localhost\b|127\.0\.0\.1\b)[^\s,;]+', text)
    if urls and link:   # "set up vaultwarden for https://vault.example.org"
        params[urls[0]] = link.group(0).rstrip('.)')
    elif urls and urls[0] != 'trusted_domains':   # "vaultwarden at vault.example.org": its HTTPS address
        bare = re.search(r'\b(?:at|on|for|under|as|domain|url|address)\s+(?:https?://)?(' + HOST_NAME.pattern + r')', text,
                         re.IGNORECASE)
        if bare and not EMAIL.search(bare.group(1)):
            params[urls[0]] = f'https://{bare.group(1).lower()}'
    addresses = [n for n in candidates if n.endswith('_address') and n not in params]
    ips = set(re.findall(r'(?<![\w.:/])(\d{1,3}(?:\.\d{1,3}){3})(?![\w.])', text))
    if len(addresses) == 1 and len(ips) == 1:   # "traefik, dashboard only on 127.0.0.1": the one address said
        params[addresses[0]] = ips.pop()
    elif len(addresses) == 1 and re.search(r'\b(?:only\s+)?(?:on|to|at)\s+(?:the\s+)?(?:localhost|loopback)\b(?!:)', text,
                                           re.IGNORECASE):   # "… with the dashboard only on localhost"
        params[addresses[0]] = '127.0.0.1'
    hosts = [n for n in candidates if n.endswith(('domains', 'hostnames'))
             and (n not in params or str(params[n]).lower() in text.lower() and ' ' not in str(params[n]))]
    named_hosts = list(dict.fromkeys(h.lower() for h in HOST_NAME.findall(text)))
    if hosts and named_hosts and (hosts[0] not in params or str(params[hosts[0]]).lower() in named_hosts):
        params[hosts[0]] = ' '.join(named_hosts)   # "nextcloud, reachable as cloud.example.org and nc.lan": every name
    emails = [n for n in candidates if n.endswith('email') and n not in params]
    address = EMAIL.search(text)
    if len(emails) == 1 and address and address.group(0) not in params.values():   # "pgadmin login dba@home.lan"
        params[emails[0]] = address.group(0)
    if 'retention' in candidates and ('retention' not in params or str(params['retention']).isdigit()):
        text = re.sub(r'\b(?:a|an|one)\s+(week|day|hour)\b', lambda m: {'week': '7 days', 'day': '1 day', 'hour': '1 hour'}[
            m.group(1).lower()], text, flags=re.IGNORECASE)   # "keep the metrics a week"
        # "keeping metrics for 30 days"; "retention 30 days", which the reading above took without its unit
        kept = (re.search(r'\b(?:keep\w*|retain\w*|stor\w*)\s+(?:the\s+)?(?:\w+\s+)?for\s+(\d+)\s*(days?|d|weeks?|w|hours?|h)\b',
                          text, re.IGNORECASE)   # "keeping metrics for 30 days"; "keep 30 days of metrics", "30 days retention"
                or re.search(r'\b(?:keep\w*|retain\w*|stor\w*|with)\s+(\d+)\s*(days?|d|weeks?|w|hours?|h)\s+(?:of\s+\w+|'
                             r'retention|history)\b', text, re.IGNORECASE)
                or re.search(r'\b(\d+)\s*(days?|d|weeks?|w|hours?|h)\s+(?:of\s+)?retention\b', text, re.IGNORECASE))
        durations = list(re.finditer(r'\b(\d+)\s*(days?|d|weeks?|w|hours?|h)\b', text, re.IGNORECASE))
        if not kept and len(durations) == 1:   # "retention 14 days", "throw samples away after 7 days": the one duration
            kept = durations[0]
        if kept:
            params['retention'] = f'{kept.group(1)}{kept.group(2)[0].lower()}'
    zones = [n for n in candidates if n in ('timezone', 'tz', 'time_zone') and n not in params]
    zone = time_zone_said(text) if zones else None
    if zones and zone:   # "both in Europe/Berlin time", "we're on Lisbon time": a value only a time zone looks like
        params[zones[0]] = zone
    paths = [n for n in candidates if n.endswith(('_dir', '_path', '_folder')) and n not in params]
    found = re.findall(r'(?<![\w.])(/[\w.@%+-]+(?:/[\w.@%+-]+)*|~/[\w./@%+-]*)', text)
    if len(paths) == 1 and len(found) == 1:   # "deploy jellyfin and point it to /mnt/movies"
        params[paths[0]] = found[0]
    for name, choices in zip(names, template.choices, strict=False):   # "only error logs", "debug logging": log_level
        subject = '|'.join(re.escape(t) for t in name.split('_') if len(t) > 2 and t not in own.split('-'))
        if name in params or not choices or not subject:
            continue
        for choice in choices:
            if re.search(rf'(?<![\w-]){re.escape(str(choice))}(?:\s+\w+){{0,2}}?\s+(?:{subject})\w*|'
                         rf'\b(?:{subject})\w*(?:\s+\w+){{0,2}}?\s+{re.escape(str(choice))}(?![\w-])', text, re.IGNORECASE):
                params[name] = choice
                break
    for name in names:   # what the form calls it: "dashboard 8090" (Dashboard port), "access key ops" (Access key)
        labels = list(_said_as(template, name))
        labels += [s[:-1] for s in labels if len(s) > 1 and s[-1] in ('ui', 'gui', 'interface', 'page', 'panel', 'console')
                   and (name == 'port' or name.endswith('_port'))]   # "mgmt 15674": the management UI's port
        for said in labels:
            if name in params:
                break
            if name == 'port' or name.endswith('_port'):
                read_port = re.search(rf'(?<![\w-]){_phrase(said)}(?:\s+(?:interface|ui|gui|page|panel|console|dashboard))?'
                                      rf'(?:[\s_-]*port)?(?:\s+(?:\w+\s+){{0,4}}?(?:on|at))?'
                                      r'(?:\s+port)?\s*[=:]?\s*(\d{2,5})\b(?!\.\d)', text, re.IGNORECASE)
                if read_port and free(read_port.span()) and int(read_port.group(1)) not in {
                        v for k, v in params.items() if k.endswith('port')}:
                    params[name] = int(read_port.group(1))
                    taken.append(read_port.span())
            elif not name.endswith(BOOLEAN_END):   # (a db's "password" is not the admin's: "admin password x")
                read(name, _other_roles(name) + _phrase(said))
    _ports_described(template, text, params)
    for name in [n for n in ('timezone', 'tz', 'time_zone') if n in params]:
        zone = time_zone_said(text)
        if zone and params[name] != zone:   # "timezone New York" read as "New", "tz chicago", "europe/paris"
            params[name] = zone
    for name, value in list(params.items()):
        allowed = template.allowed(name)
        if isinstance(value, str) and allowed and value not in allowed:
            fits = [c for c in allowed if c.lower() == value.lower()]
            if fits:   # "log level debug": DEBUG
                params[name] = fits[0]
    return params


_NOT_DESCRIPTIVE = frozenset({'host', 'port', 'ports', 'for', 'the', 'and', 'of', 'on', 'to', 'e', 'g', 'a', 'an', 'your', 'its',
                              'by', 'at', 'over', 'with', 'empty', 'means', 'number', 'is', 'it', 'in', 'or', 'that', 'this',
                              'localhost', 'only', 'also', 'which', 'when', 'serve'})


# a number that is no port: a duration, a count, a size ("14 days", "3 replicas", "512 mb")
_NOT_A_PORT_AFTER = re.compile(r'\s*(?:days?|d\b|weeks?|w\b|hours?|h\b|minutes?|mins?|seconds?|secs?|replicas?|copies|'
                               r'instances|lines?|entries|mb|gb|kb|m\b|g\b|%|percent|times|users?|\.\d|:\d|/)', re.IGNORECASE)


def _ports_described(template: TemplateInfo, text: str, params: dict[str, Any]) -> None:
    """Ports said by what they are for, in the words of the template's own form: "management web UI 9000"
    (RabbitMQ's "Host port for the management web UI"), "clients connect on 5673" ("… for AMQP clients"),
    "serve DNS on 5354", "git over ssh on 10022". A number goes to the one port whose label, description
    or name has a word among the few said just before it that no other port of the template has."""
    ports = [n for n in template.params if n == 'port' or n.endswith('_port')]
    if len(ports) < 2:
        return
    def one(word: str) -> str:   # "clients" and "client" alike
        return word[:-1] if word.endswith('s') and not word.endswith(('ss', 'us')) and len(word) > 3 else word
    own = {one(w) for w in re.findall(r'[a-z0-9]+', template.id.lower())}
    words = {n: {one(w) for w in re.findall(r'[a-z]+', f'{template.label(n)} {template.description_of(n)} '
                                                       f'{n.replace("_", " ")}'.lower())
                 if w not in _NOT_DESCRIPTIVE and len(w) > 1} for n in ports}
    distinctive = {n: {w for w in ws if all(w not in words[o] for o in ports if o != n) and w not in own}
                   for n, ws in words.items()}
    used = {v for k, v in params.items() if k == 'port' or k.endswith('_port')}
    for match in re.finditer(r'(?<![\w.:/@-])(\d{2,5})(?![\w.@-])', text):
        value = int(match.group(1))
        if value in used or not 1 <= value <= 65535 or _NOT_A_PORT_AFTER.match(text[match.end():]):
            continue
        before = re.split(r'[,;:()]', text[:match.start()])[-1].lower()
        said = [one(w) for w in re.findall(r'[a-z]+', before)[-5:]]
        fits = [n for n in ports if n not in params and distinctive[n] & set(said)]
        if len(fits) == 1:
            params[fits[0]] = value
            used.add(value)


def _said_as(template: TemplateInfo, name: str) -> list[list[str]]:
    """What else a parameter is called: its label's words that say which one it is ("Mongo Express web
    port" -> web: the template's own name and the word port say nothing), and for a value that is not a
    port, the head of its description ("Access key of the root account" -> access key)."""
    own = set(re.findall(r'[a-z0-9]+', f'{template.id} {template.title}'.lower()))
    plain = [w for w in name.split('_') if w != 'port']
    label = [w for w in re.findall(r'[a-z0-9]+', template.label(name).lower()) if w not in own and w != 'port']
    out = [label] if label and label != plain else []
    head = re.match(r'\s*([A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}?)\s+(?:of|for|that|clients|\()\b',
                    template.description_of(name))
    if head and not (name == 'port' or name.endswith('_port')):
        words = [w for w in head.group(1).lower().split() if w not in own and w not in ('the', 'a', 'an')]
        if words and words != plain and words != label and words[0] not in ('host', 'space-separated'):
            out.append(words)
    return out


# the words a quoted value is said after when it is a setting's value, not the container's name
VALUE_OF = re.compile(r"\b(?:pass(?:word|wd|wort)?|pas+w\w*|pw|pwd|secret|token|key|user(?:name)?|login|database|db|schema|"
                      r"email|e-mail|domain|url|timezone|tz|command|cmd)\b[^'\"`,;]{0,24}$", re.IGNORECASE)


def a_value(quoted: str, clause: Clause) -> bool:
    """Whether a quoted word is the value of a setting ("admin pasword 'grafana4me'", "the password must be
    'katze123'"), not the name of the container."""
    at = clause.raw.find(quoted)
    return at > 0 and bool(VALUE_OF.search(clause.raw[:at].rstrip('\'"` ')))


VALUE = (r'(?:(?:(?:is\s+)?set\s+to|(?:should|will|must|can|could|(?:has|have|needs?|ought)\s+to)\s+be(?:\s+(?:called|named))?|'
          r'be|is|of|to|as|called|named)\s+|'
          r'(?:(?:is\s+|comes?\s+|lives?\s+|sits?\s+|goes\s+)?(?:from|at|under|in)\s+)(?=/|~/|https?://)|'   # "media from /srv/x"
          r'[=:]\s*)?\s*'
          r'(?:"([^"]+)"|\'([^\']+)\'|([^\s,;]+))')


ZONE_NAME = re.compile(r'(?<![\w/])(?:(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)'
                       r'/[A-Za-z][A-Za-z_-]+(?:/[A-Za-z][A-Za-z_-]+)?|UTC)(?![\w/])', re.IGNORECASE)


REGIONS = ('Europe', 'America', 'Asia', 'Africa', 'Australia', 'Pacific', 'Atlantic', 'Indian', 'Antarctica')


@functools.cache
def _zones() -> tuple[dict[str, str], dict[str, str]]:
    """The time zone database of this machine: each zone by its lower-case name, and each by its city ("new york" ->
    America/New_York; the first region of REGIONS wins a city two regions share)."""
    try:
        names = zoneinfo.available_timezones()
    except Exception:   # noqa: BLE001  (no time zone database here: zone names are still read by their shape)
        names = set()
    by_name = {n.lower(): n for n in names}
    cities: dict[str, str] = {}
    for region in REGIONS:
        for name in sorted(n for n in names if n.startswith(region + '/')):
            cities.setdefault(name.rsplit('/', 1)[1].replace('_', ' ').lower(), name)
    return by_name, cities


@functools.cache
def _city_starts() -> frozenset[str]:
    return frozenset(city.split()[0] for city in _zones()[1])


TIME_AFTER = re.compile(r'^\s*(?:local\s+)?(?:time|timezone|time\s+zone|tz)\b', re.IGNORECASE)


TIME_BEFORE = re.compile(r'\b(?:time[- ]?zone|tz|clock|clocks)\b(?:\s+(?:is|=|:|of|to|set\s+to|should\s+be|in|on))?[\s:=]*$'
                         r'|\b(?:we(?:\'re|\s+are)|i(?:\'m|\s+am)|based|located|live|sit|sits|users\s+are)\s+(?:\w+\s+)?(?:in|on)\s+$',
                         re.IGNORECASE)


WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def time_zone_said(text: str) -> str | None:
    """The time zone a request gives, in the time zone database's spelling: "Europe/Berlin" (any case), "UTC",
    or a city of the database said as a time ("on Lisbon time", "timezone Berlin", "we're in Chicago")."""
    by_name, cities = _zones()
    named = ZONE_NAME.search(text)
    if named:
        return by_name.get(named.group(0).lower(), named.group(0) if named.group(0)[0].isupper() else None) or 'UTC'
    starts = _city_starts()
    words = list(WORD.finditer(text))
    for index, first in enumerate(words):
        if first.group(0).lower() not in starts:
            continue
        for size in (3, 2, 1):   # "Ho Chi Minh", "New York", "Berlin": the longest city first
            if index + size > len(words):
                continue
            last = words[index + size - 1]
            said = ' '.join(w.group(0).lower() for w in words[index:index + size])
            if said in cities and (TIME_AFTER.match(text[last.end():]) or TIME_BEFORE.search(text[:first.start()])):
                return cities[said]
    return None
