"""The masking and scrubbing rules without an engine: what counts as a secret, what a typed
password looks like, how literals leave a compose document, one-line names, the log guard.
(What the app shows is tested against the real engine in tests/history/test_secrets_masked.py.)"""
from __future__ import annotations

import logging
import secrets
import time
from pathlib import Path

import pytest
import yaml

from deployer.compose.loader import load_project
from deployer.models import ContainerSummary
from deployer.secrets import MASK, Secrets, guard_logging, lift_literals, looks_secret
from deployer.text import one_line


def _secrets(tmp_path: Path, **stacks: dict[str, str]) -> Secrets:
    folder = tmp_path / 'secrets'
    folder.mkdir(exist_ok=True)
    for name, values in stacks.items():
        (folder / f'{name}.yaml').write_text(yaml.safe_dump(values))
    return Secrets(folder)


def _row(labels: dict[str, str], cid: str = 'c' * 64) -> ContainerSummary:
    return ContainerSummary(id=cid, short_id=cid[:12], name='web', image='img', state='running', status='Up',
                            health=None, created=0.0, started_at=None, ports=[], stack='blog', service='web',
                            labels=labels)


# ---- names ----------------------------------------------------------------------------------------

@pytest.mark.parametrize('name', ['MYSQL_ROOT_PASSWORD', 'password', 'API_TOKEN', 'REDISCLI_AUTH', 'app_key',
                                  'JWT_SECRET', 'dbPassword', 'AWS_SECRET_ACCESS_KEY'])
def test_secret_looking_names(name):
    assert looks_secret(name)


@pytest.mark.parametrize('name', ['MODE', 'PORT', 'GREETING', 'POSTGRES_PASSWORD_FILE', 'TZ'])
def test_names_that_do_not_hold_a_secret(name):
    assert not looks_secret(name)


# ---- one line ---------------------------------------------------------------------------------------

@pytest.mark.parametrize('raw, clean', [
    ('blog', 'blog'),
    ('feed\n\nReason: forged\nActor: admin', 'feed Reason: forged Actor: admin'),
    ('\x1b[31mred\x1b[0m name', 'red name'),
    ('title\x1b]0;owned\x07 here', 'title here'),
    ('a\x00b\x7fc\x9bd', 'abcd'),
    ('evil\u202etxt.exe and \u2066iso\u2069 \u200emark', 'eviltxt.exe and iso mark'),
    ('tab\tand\r\nline\u2028sep', 'tab and line sep'),
    ('  padded   words  ', 'padded words'),
])
def test_one_line_strips_control_characters_escapes_and_bidi(raw, clean):
    assert one_line(raw) == clean


def test_one_line_limits_the_length():
    assert one_line('x' * 900) == 'x' * 500 and one_line('y' * 900, 20) == 'y' * 20


# ---- typed passwords ----------------------------------------------------------------------------

@pytest.mark.parametrize('typed, shown', [
    ('run redis with REDIS_PASSWORD=hunter2 and port 6379', f'run redis with REDIS_PASSWORD={MASK} and port 6379'),
    ('deploy postgres with password s3cret', f'deploy postgres with password {MASK}'),
    ('deploy redis as cache with password=hunter2', f'deploy redis as cache with password={MASK}'),
    ('set the admin password to "two words" now', f'set the admin password to {MASK} now'),
    ('run app with API_TOKEN: abc123 then show logs', f'run app with API_TOKEN: {MASK} then show logs'),
    ('redis-server --requirepass hunter2 --appendonly yes', f'redis-server --requirepass {MASK} --appendonly yes'),
    ('connect to postgres://admin:pw123456@db:5432/app', f'connect to postgres://admin:{MASK}@db:5432/app'),
    # nothing to hide
    ('deploy wordpress with a generated password and port 8080', None),
    ('restart the blog database', None),
    ('run app with MODE=fast PASSWORD_FILE=/run/secrets/pw', None),
    ('reveal-secrets button on the stack page', None),
])
def test_scrub_masks_passwords_typed_into_a_command(tmp_path, typed, shown):
    assert _secrets(tmp_path).scrub(typed) == (typed if shown is None else shown)


def test_scrub_masks_known_values_and_the_values_a_plan_carries(tmp_path):
    known = _secrets(tmp_path, blog={'password': 'Generated1234'})
    assert known.scrub('login with Generated1234 or plain5678', ['plain5678']) == f'login with {MASK} or {MASK}'
    assert known.scrub_value({'env': {'MODE': 'x', 'DB_PASSWORD': 'typed'}, 'names': ['password']}) == {
        'env': {'MODE': 'x', 'DB_PASSWORD': MASK}, 'names': ['password']}


# ---- masking known values --------------------------------------------------------------------------

def test_every_stack_secret_is_masked_wherever_it_appears(tmp_path):
    known = _secrets(tmp_path, blog={'password': 'aB3dE5gH7jK9', 'short': 'abc'}, shop={'DB_PASSWORD': 'aB3dE5gH7jK9xyz'})
    assert known.mask('redis-server --requirepass aB3dE5gH7jK9') == f'redis-server --requirepass {MASK}'
    assert known.mask('x aB3dE5gH7jK9xyz y') == f'x {MASK} y'   # the longer value whole, not a prefix of it
    assert known.mask('abc is too short to mask') == 'abc is too short to mask'
    plain = {'com.docker.compose.project': 'blog', 'traefik.enable': 'true'}
    assert known.summary(_row(plain)).labels is plain           # untouched rows are the same objects
    row = _row({'auth': 'user:aB3dE5gH7jK9', 'com.docker.compose.project': 'blog'})
    assert known.summary(row).labels == {'auth': f'user:{MASK}', 'com.docker.compose.project': 'blog'}
    assert row.labels['auth'] == 'user:aB3dE5gH7jK9'            # the cached row is not changed


def test_a_deploy_makes_its_values_known_before_its_file_exists(tmp_path):
    known = _secrets(tmp_path)
    with known.pending(['Pending12345']):
        assert known.mask('Pending12345') == MASK
    assert known.mask('Pending12345') == 'Pending12345'        # the deploy failed: no file, not a secret
    (tmp_path / 'secrets' / 'blog.yaml').write_text(yaml.safe_dump({'password': 'Pending12345'}))
    with known.pending(['Pending12345']):
        pass
    assert known.mask('Pending12345') == MASK                  # stored by the deploy: known from its file


def test_a_containers_own_secret_env_masks_its_own_labels(tmp_path):
    known = _secrets(tmp_path)
    cid = 'd' * 64
    known.learn({'Id': cid, 'Config': {'Env': ['DB_PASSWORD=ownvalue99', 'MODE=ownvalue99x', 'ALLOW_PASSWORD=yes']}})
    assert known.summary(_row({'dsn': 'u:ownvalue99@db'}, cid)).labels == {'dsn': f'u:{MASK}@db'}
    assert known.summary(_row({'dsn': 'u:ownvalue99@db'}, 'e' * 64)).labels == {'dsn': 'u:ownvalue99@db'}


def test_masking_a_long_container_list_stays_cheap(tmp_path):
    """GET /containers masks every row: with 120 known values, 500 rows of 12 labels; the
    second list (the cache hands out the same label dicts) costs look-ups only."""
    known = _secrets(tmp_path, **{f's{i}': {'password': secrets.token_urlsafe(18), 'key': secrets.token_hex(32)}
                                  for i in range(60)})
    rows = [_row({f'label.{j}': f'value {j} of container {i} {secrets.token_hex(8)}' for j in range(12)}, f'{i:064d}')
            for i in range(500)]
    first = time.perf_counter()
    [known.summary(c) for c in rows]
    second = time.perf_counter()
    [known.summary(c) for c in rows]
    done = time.perf_counter()
    assert done - second < 0.05 and done - second < (second - first) / 3, (second - first, done - second)


# ---- literals in compose documents ----------------------------------------------------------------

def test_literal_secrets_leave_the_document_and_interpolate_back(tmp_path):
    document = {'services': {
        'db': {'image': 'mysql', 'environment': {'MYSQL_ROOT_PASSWORD': 'lit-pw-123', 'MYSQL_ALLOW_EMPTY_PASSWORD': 'no',
                                                 'MYSQL_PASSWORD_FILE': '/run/secrets/pw', 'TZ': 'UTC',
                                                 'REF_PASSWORD': '${GIVEN}', 'DOLLAR_PASSWORD': 'a$$b'},
               'healthcheck': {'test': ['CMD', 'mysqladmin', 'ping', '-plit-pw-123']}},
        'app': {'image': 'app', 'environment': ['DB_PASSWORD=lit-pw-123', 'API_KEY=k3y-v4lue', 'MODE=x', 'BARE']}}}
    rewritten, lifted = lift_literals(document, taken=['GIVEN'])
    assert lifted == {'DB_MYSQL_ROOT_PASSWORD': 'lit-pw-123', 'APP_API_KEY': 'k3y-v4lue'}
    assert 'lit-pw-123' not in yaml.safe_dump(rewritten) and 'k3y-v4lue' not in yaml.safe_dump(rewritten)
    db = rewritten['services']['db']
    assert db['environment'] == {'MYSQL_ROOT_PASSWORD': '${DB_MYSQL_ROOT_PASSWORD}', 'MYSQL_ALLOW_EMPTY_PASSWORD': 'no',
                                 'MYSQL_PASSWORD_FILE': '/run/secrets/pw', 'TZ': 'UTC', 'REF_PASSWORD': '${GIVEN}',
                                 'DOLLAR_PASSWORD': 'a$$b'}
    assert rewritten['services']['app']['environment'] == ['DB_PASSWORD=${DB_MYSQL_ROOT_PASSWORD}',
                                                           'API_KEY=${APP_API_KEY}', 'MODE=x', 'BARE']
    # the containers get exactly what the literal document gave them
    env = {'GIVEN': 'given'}
    before = load_project(document, name='lift', env=env, working_dir=tmp_path)
    after = load_project(rewritten, name='lift', env={**env, **lifted}, working_dir=tmp_path)
    for name in ('db', 'app'):
        assert after.services[name].environment == before.services[name].environment
    assert after.services['db'].healthcheck == before.services['db'].healthcheck
    assert lift_literals(document, taken=['GIVEN']) == (rewritten, lifted)   # the same document, the same names


def test_documents_without_literal_secrets_are_left_alone():
    document = {'services': {'web': {'image': 'nginx', 'environment': {'DB_PASSWORD': '${pw}', 'FLAG_AUTH': 'true'}}}}
    assert lift_literals(document) == (document, {})


# ---- the log --------------------------------------------------------------------------------------

def test_log_lines_are_one_lined_and_masked(tmp_path, caplog):
    known = _secrets(tmp_path, blog={'password': 'LogSecret123'})
    previous = logging.getLogRecordFactory()
    guard_logging(known)
    try:
        with caplog.at_level(logging.INFO, logger='test.secrets'):
            logging.getLogger('test.secrets').info('stack %s: failed with LogSecret123', 'evil\nFORGED line\x1b[2J')
            try:
                raise ValueError('bad value LogSecret123')
            except ValueError:
                logging.getLogger('test.secrets').exception('oops')
    finally:
        logging.setLogRecordFactory(previous)
    text = caplog.text
    assert 'LogSecret123' not in text and MASK in text
    assert 'evil FORGED line' in text and '\x1b' not in text
