"""Pure units, no engine: log parsing, ANSI to HTML, stats arithmetic, settings, the store,
the token and the import boundaries of ``deployer/``."""

from __future__ import annotations

import hmac
import json
import stat
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from deployer import auth
from deployer.errors import InvalidInput
from deployer.logs import LineSplitter, grep, parse_time, split_lines
from deployer.settings import Settings
from deployer.stats import compute
from deployer.store import Store
from pages.ansi import to_html

ROOT = Path(__file__).resolve().parent.parent


# ---- deployer.logs ------------------------------------------------------------------------------

@pytest.mark.parametrize(('value', 'expected'), [
    (None, None), ('', None),
    (1_700_000_000, 1_700_000_000.0), (1_700_000_000.5, 1_700_000_000.5),
    ('1700000000', 1_700_000_000.0), (' 1700000000.25 ', 1_700_000_000.25),
    ('2024-01-02T03:04:05Z', datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc).timestamp()),
    ('2024-01-02T03:04:05', datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc).timestamp()),
    ('2024-01-02T05:04:05+02:00', datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc).timestamp()),
])
def test_parse_time_absolute(value, expected):
    assert parse_time(value) == expected


@pytest.mark.parametrize(('text', 'seconds_ago'), [
    ('10m', 600), ('1h', 3600), ('1h30m', 5400), ('2d', 172_800), ('1.5s', 1.5), ('1d2h3m4s', 93_784),
])
def test_parse_time_durations_count_back_from_now(text, seconds_ago):
    assert parse_time(text, now=1_000_000.0) == 1_000_000.0 - seconds_ago


def test_parse_time_duration_defaults_to_the_current_time():
    assert abs(parse_time('1h') - (time.time() - 3600)) < 5


@pytest.mark.parametrize('text', ['yesterday', '10 minutes', 'h', '1x', '2024-13-45', '0', '-5', '1m-2s'])
def test_parse_time_rejects_what_it_cannot_read(text):
    with pytest.raises(InvalidInput) as info:
        parse_time(text, name='since')
    assert 'since' in info.value.message


@pytest.mark.parametrize('text', ['nan', 'inf', '-inf', '1e20'])
def test_parse_time_rejects_times_no_clock_can_show(text):
    """NaN, infinity and times past the year 9999 are bad input, not something to hand the engine."""
    with pytest.raises(InvalidInput):
        parse_time(text, name='since')


def test_split_lines():
    assert split_lines(b'') == []
    assert split_lines(b'one\ntwo') == ['one', 'two']
    assert split_lines(b'one\n\ntwo\n') == ['one', '', 'two']
    assert split_lines(b'crlf\r\nend\r\n') == ['crlf', 'end']
    assert split_lines('héllo ✓\n'.encode()) == ['héllo ✓']
    assert split_lines(b'bad \xff byte\n') == ['bad \ufffd byte']


def test_line_splitter_joins_chunks_into_whole_lines():
    splitter = LineSplitter()
    assert splitter.feed(b'li') == []
    assert splitter.feed(b'ne 1\nline') == ['line 1']
    assert splitter.feed(b' 2\r\nline 3\nline 4\n') == ['line 2', 'line 3', 'line 4']
    assert splitter.feed(b'') == []
    assert splitter.flush() == []
    euro = '€'.encode()
    assert splitter.feed(b'price ' + euro[:1]) == []  # a chunk may end inside a character
    assert splitter.feed(euro[1:] + b'5\npartial') == ['price €5']
    assert splitter.flush() == ['partial']
    assert splitter.flush() == []


def test_grep_is_a_case_insensitive_substring_filter():
    lines = ['GET / 200', 'ERROR disk full', 'warn: Disk almost full', '']
    assert grep(lines, None) == lines
    assert grep(lines, '') == lines
    assert grep(lines, 'disk') == ['ERROR disk full', 'warn: Disk almost full']
    assert grep(lines, 'ERROR') == ['ERROR disk full']
    assert grep(lines, '.*') == []  # plain text, not a regular expression


# ---- pages.ansi ---------------------------------------------------------------------------------

def test_to_html_plain_and_empty_lines():
    assert to_html('hello world') == '<div>hello world</div>'
    assert to_html('') == '<div>&nbsp;</div>'


def test_to_html_colours():
    assert to_html('\x1b[31mred\x1b[0m plain') == '<div><span style="color:#cd3131">red</span> plain</div>'
    assert to_html('\x1b[1;92mok\x1b[22m!') == (
        '<div><span style="font-weight:bold;color:#23d18b">ok</span><span style="color:#23d18b">!</span></div>')
    assert to_html('\x1b[42;30mbg\x1b[49mfg\x1b[39mnone') == (
        '<div><span style="background:#0dbc79;color:#000000">bg</span>'
        '<span style="color:#000000">fg</span>none</div>')
    assert to_html('\x1b[2K\x1b[1Gprogress\x1b]0;title\x07') == '<div>progress</div>'


def test_to_html_escapes_markup():
    out = to_html('<script>alert("x")</script> & more')
    assert '<script' not in out
    assert out == '<div>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</div>'
    coloured = to_html('\x1b[33m<img src=x onerror=alert(1)>\x1b[0m')
    assert '<img' not in coloured and '&lt;img' in coloured


def test_to_html_marks_the_search_term():
    assert to_html('Error: disk error', 'error') == '<div><mark>Error</mark>: disk <mark>error</mark></div>'
    assert to_html('\x1b[31mfatal\x1b[0m', 'TAL') == '<div><span style="color:#cd3131">fa<mark>tal</mark></span></div>'
    assert to_html('a<b>c', '<b>') == '<div>a<mark>&lt;b&gt;</mark>c</div>'
    assert to_html('\x1b[31mred', '31m') == '<div><span style="color:#cd3131">red</span></div>'


# ---- deployer.stats -----------------------------------------------------------------------------

def _sample(**memory_stats):
    """A stats sample as a cgroup v2 engine sends it (ids and network figures cut short)."""
    return {
        'read': '2026-11-26T13:22:41.1Z', 'preread': '2026-11-26T13:22:40.1Z', 'pids_stats': {'current': 3},
        'cpu_stats': {'cpu_usage': {'total_usage': 1_250_000_000, 'usage_in_kernelmode': 250_000_000,
                                    'usage_in_usermode': 1_000_000_000},
                      'system_cpu_usage': 40_000_000_000, 'online_cpus': 2, 'throttling_data': {}},
        'precpu_stats': {'cpu_usage': {'total_usage': 1_000_000_000, 'usage_in_kernelmode': 200_000_000,
                                       'usage_in_usermode': 800_000_000},
                         'system_cpu_usage': 38_000_000_000, 'online_cpus': 2, 'throttling_data': {}},
        'memory_stats': memory_stats or {'usage': 10_485_760, 'limit': 104_857_600,
                                         'stats': {'inactive_file': 2_097_152, 'active_file': 1_048_576, 'anon': 4}},
        'networks': {'eth0': {'rx_bytes': 1180, 'tx_bytes': 0}},
    }


def test_stats_compute_cpu_and_memory():
    figures = compute(_sample())
    assert figures.cpu_percent == 25.0  # 0.25 s of 2 s system time, times 2 CPUs
    assert figures.memory_usage == 8_388_608  # usage minus the inactive page cache
    assert figures.memory_limit == 104_857_600
    assert figures.memory_percent == 8.0
    assert abs(figures.read_at - time.time()) < 5


def test_stats_compute_cgroup_v1_sample():
    sample = _sample(usage=10_485_760, limit=0, stats={'total_inactive_file': 1_048_576})
    del sample['cpu_stats']['online_cpus']
    sample['cpu_stats']['cpu_usage']['percpu_usage'] = [1, 2, 3, 4]
    figures = compute(sample)
    assert figures.cpu_percent == 50.0
    assert (figures.memory_usage, figures.memory_limit, figures.memory_percent) == (9_437_184, 0, 0.0)


def test_stats_compute_skips_the_first_sample():
    sample = _sample()
    sample['precpu_stats'] = {'cpu_usage': {'total_usage': 0}, 'throttling_data': {}}
    assert compute(sample) is None
    assert compute({}) is None


# ---- deployer.settings --------------------------------------------------------------------------

def test_settings_defaults():
    settings = Settings.from_env({})
    assert (settings.host, settings.port) == ('127.0.0.1', 8080)
    assert settings.data_dir == Path.home() / '.dockerdeployer'
    assert (settings.token, settings.docker_host) == (None, None)
    assert (settings.read_only, settings.stats) == (False, True)


def test_settings_from_the_environment():
    settings = Settings.from_env({
        'DEPLOYER_HOST': '0.0.0.0', 'DEPLOYER_PORT': '9000', 'DEPLOYER_DATA_DIR': '~/dd-data',
        'DEPLOYER_TOKEN': 'a-long-token', 'DOCKER_HOST': 'unix:///tmp/x.sock', 'DEPLOYER_READ_ONLY': 'yes',
    })
    assert (settings.host, settings.port, settings.token) == ('0.0.0.0', 9000, 'a-long-token')
    assert settings.data_dir == Path.home() / 'dd-data'
    assert settings.docker_host == 'unix:///tmp/x.sock'
    assert settings.read_only is True


@pytest.mark.parametrize(('env', 'words'), [
    ({'DEPLOYER_PORT': 'eighty'}, 'DEPLOYER_PORT'), ({'DEPLOYER_PORT': '0'}, 'DEPLOYER_PORT'),
    ({'DEPLOYER_PORT': '65536'}, 'DEPLOYER_PORT'), ({'DEPLOYER_TOKEN': 'short'}, 'DEPLOYER_TOKEN'),
])
def test_settings_refuse_bad_values(env, words):
    with pytest.raises(InvalidInput) as info:
        Settings.from_env(env)
    assert words in info.value.message


# ---- deployer.store -----------------------------------------------------------------------------

def test_store_round_trip_in_a_valid_json_file(tmp_path):
    path = tmp_path / 'state.json'
    store = Store(path)
    assert store.get('missing', 'fallback') == 'fallback'
    store.set('pref.theme', 'dark')
    store.set('pref.columns', {'name': True, 'ports': [80, 443]})
    store.set('pref.theme', 'light')
    store.close()

    data = json.loads(path.read_text())
    assert sorted(doc['key'] for doc in data['state'].values()) == ['pref.columns', 'pref.theme']
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ['state.json']  # no temp file left behind

    reopened = Store(path)
    assert reopened.get('pref.theme') == 'light'
    assert reopened.get('pref.columns') == {'name': True, 'ports': [80, 443]}
    reopened.close()


# ---- deployer.auth ------------------------------------------------------------------------------

def test_generated_token_is_kept_in_a_private_file(tmp_path):
    token = auth.load_or_create_token(tmp_path, None)
    path = tmp_path / 'token'
    assert len(token) >= 16
    assert path.read_text().strip() == token
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert auth.load_or_create_token(tmp_path, None) == token  # the same on the next start


def test_configured_token_wins_and_is_not_written(tmp_path):
    assert auth.load_or_create_token(tmp_path, 'configured-token') == 'configured-token'
    assert not (tmp_path / 'token').exists()


def test_token_checks(monkeypatch):
    compared = []
    original = hmac.compare_digest

    def compare_digest(a, b):
        compared.append((a, b))
        return original(a, b)

    monkeypatch.setattr(auth.hmac, 'compare_digest', compare_digest)
    checker = auth.TokenAuth('s3cret-token')
    assert checker.check_token('s3cret-token')
    assert not checker.check_token('s3cret-tokeN')
    assert not checker.check_token('s3cret')
    assert not checker.check_token('')
    assert not checker.check_token(None)
    assert not checker.check_token('sécret-token')
    assert checker.check_bearer('Bearer s3cret-token')
    assert checker.check_bearer('bearer  s3cret-token ')
    assert not checker.check_bearer('Basic s3cret-token')
    assert not checker.check_bearer('s3cret-token')
    assert not checker.check_bearer(None)
    assert not checker.check_bearer('Bearer ')
    assert len(compared) == 6  # every non-empty comparison went through compare_digest
    # sessions: random ids, never derived from the token (tests/test_frontdoor.py has the rest)
    first, second = checker.sessions.create(), checker.sessions.create()
    assert first != second and 's3cret-token' not in first
    assert checker.sessions.valid(first) and not checker.sessions.valid(first[:-1]) and not checker.sessions.valid(None)
    assert not auth.TokenAuth('other-token-value').sessions.valid(first)


# ---- import boundaries --------------------------------------------------------------------------

_IMPORTS_SCRIPT = """
import ast, json, sys
found = {}
for path in sys.argv[1:]:
    names = set()
    for node in ast.walk(ast.parse(open(path, encoding='utf-8').read(), filename=path)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    found[path] = sorted(names)
print(json.dumps(found))
"""


def _imports_of(paths: list[Path]) -> dict[Path, set[str]]:
    """Absolute imports of each module, read with ast in a fresh interpreter: in this long test
    process CPython 3.11.7's ast.parse once failed with "SystemError: AST constructor recursion
    depth mismatch" (CPython gh-106905, pytest-dev/pytest#10763)."""
    out = subprocess.run([sys.executable, '-c', _IMPORTS_SCRIPT, *map(str, paths)], capture_output=True,
                         text=True, check=True, timeout=60)
    return {Path(path): set(names) for path, names in json.loads(out.stdout).items()}


def test_deployer_imports_no_web_framework():
    imports = _imports_of(sorted((ROOT / 'deployer').rglob('*.py')))
    assert imports
    for path, names in imports.items():
        frameworks = {name for name in names if name.split('.')[0] in ('nicegui', 'fastapi', 'starlette')}
        assert not frameworks, f'{path.relative_to(ROOT)} imports {frameworks}'


def test_only_the_engine_package_imports_docker():
    imports = _imports_of(sorted((ROOT / 'deployer').rglob('*.py')))
    importers = {path.relative_to(ROOT).as_posix() for path, names in imports.items()
                 if any(name.split('.')[0] in ('docker', 'requests', 'urllib3') for name in names)}
    assert importers == {'deployer/engine/client.py', 'deployer/engine/stack.py', 'deployer/engine/errors.py',
                         'deployer/engine/images.py', 'deployer/engine/exec.py', 'deployer/engine/ssh.py'}
    # the converters read the engine's JSON without calling it: no client there
    convert = imports[ROOT / 'deployer' / 'engine' / 'convert.py']
    assert not {name for name in convert if name.split('.')[0] in ('docker', 'requests', 'urllib3')}


def test_importing_the_service_loads_no_web_framework():
    code = ('import sys, deployer.service; '
            'print(sorted({m.split(".")[0] for m in sys.modules} & {"nicegui", "fastapi", "starlette"}))')
    result = subprocess.run([sys.executable, '-c', code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '[]'


def test_front_ends_reach_the_engine_only_through_the_service():
    """api/ and pages/ call the facade (deployer.service) and its value types; the engine
    package, the stack manager and the parser stay behind it."""
    imports = _imports_of(sorted([*(ROOT / 'api').rglob('*.py'), *(ROOT / 'pages').rglob('*.py')]))
    behind = ('deployer.engine', 'deployer.stacks.manager', 'deployer.stacks.converge.Deployment', 'deployer.nlp.rules',
              'deployer.nlp.execute', 'docker')
    for path, names in imports.items():
        reached = sorted(name for name in names if name.startswith(behind))
        assert not reached, f'{path.relative_to(ROOT)} imports {reached}'


def test_the_service_parts_do_not_import_the_facade():
    """Services are given what they need (constructor arguments, the Operations protocol): none
    imports deployer.service back, so there is no circle."""
    parts = [ROOT / 'deployer' / name for name in ('service_stacks.py', 'service_nlp.py')]
    parts += sorted((ROOT / 'deployer' / 'nlp').glob('*.py')) + sorted((ROOT / 'deployer' / 'stacks').glob('*.py'))
    for path, names in _imports_of(parts).items():
        assert 'deployer.service' not in names, path.relative_to(ROOT)
    relative = [p for p in parts if 'from ..service import' in p.read_text() or 'from .service import' in p.read_text()]
    assert relative == []


def test_counts_read_as_english():
    from deployer.text import count
    assert [count(n, 'template') for n in (0, 1, 2, 1500)] == ['0 templates', '1 template', '2 templates',
                                                               '1,500 templates']
    assert count(1, 'container') == '1 container' and count(3, 'entry', 'entries') == '3 entries'


# ---- deployer.engine.errors ---------------------------------------------------------------------

def _engine_404(explanation: str) -> Exception:
    import docker.errors
    import requests
    response = requests.Response()
    response.status_code = 404
    return docker.errors.NotFound('404 Client Error: Not Found', response=response, explanation=explanation)


def test_a_404_about_something_else_says_what_the_engine_said():
    """Creating a network when the engine has no address pool left answers 404: that is not
    'network not found' (what the deploy said before), it is the engine's reason."""
    from deployer.engine.errors import translate
    from deployer.errors import DeployerError, NotFound
    error = translate(_engine_404('could not find an available, non-overlapping IPv4 address pool among the '
                                  'defaults to assign to the network'), "network 'shop_default'")
    assert type(error) is DeployerError
    assert str(error) == ("the Docker engine refused network 'shop_default': could not find an available, "
                          'non-overlapping IPv4 address pool among the defaults to assign to the network')
    missing = translate(_engine_404('No such container: web-01'), "container 'web-01'")
    assert isinstance(missing, NotFound) and str(missing) == "container 'web-01' not found"
    assert str(translate(_engine_404('network shop_default not found'))) == 'network shop_default not found'


# ---- deployer.stats: the hour of samples --------------------------------------------------------

def test_the_ring_keeps_the_last_samples_in_order_and_windows_them():
    from deployer.stats import Ring
    ring = Ring(4)
    for second in range(6):
        ring.add(1000.0 + second, {'cpu': float(second), 'memory': 10.0 * second, 'net_rx': 1.5})
    kept = ring.since(0)
    assert kept['t'] == [1002.0, 1003.0, 1004.0, 1005.0] and kept['cpu'] == [2.0, 3.0, 4.0, 5.0]
    assert kept['net_rx'] == [1.5] * 4 and kept['block_write'] == [0.0] * 4
    assert ring.since(1004.0)['memory'] == [40.0, 50.0]


def test_rates_come_from_the_counters_of_two_samples():
    from deployer.stats import _rates
    before = {'read': '2026-12-03T10:00:00.000000000Z', 'networks': {'eth0': {'rx_bytes': 1000, 'tx_bytes': 10}},
              'blkio_stats': {'io_service_bytes_recursive': [{'op': 'Read', 'value': 0}, {'op': 'Write', 'value': 0}]}}
    after = {'read': '2026-12-03T10:00:02.500000000Z', 'networks': {'eth0': {'rx_bytes': 6000, 'tx_bytes': 10}},
             'blkio_stats': {'io_service_bytes_recursive': [{'op': 'Read', 'value': 2500}, {'op': 'Write', 'value': 500}]}}
    assert _rates(before, after) == {'net_rx': 2000.0, 'net_tx': 0.0, 'block_read': 1000.0, 'block_write': 200.0}
    assert _rates(after, before) == {}    # time went backwards: no figure rather than a wrong one
