"""The history store on real TinyDB files in temporary dirs: appends, reads, filters, cursor
pages, segments sealed at SEGMENT_SIZE, reopening, and read copies rebuilt after a loss.

Every query is checked against a brute-force filter of what was appended, walking every page.
"""
from __future__ import annotations

import json
import shutil
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from deployer.errors import InvalidInput, NotFound
from deployer.history import SEGMENT_SIZE, History, Record

STACKS = ('blog', 'shop', 'wiki', 'mail', None)
ACTIONS = ('deploy', 'scale', 'remove', 'rollback', 'container.restart', 'template.import')
SOURCES = ('ui', 'rest', 'nl', 'system')
BASE = 1_700_000_000.0
COUNT = 3 * SEGMENT_SIZE + 37   # three sealed segments and a partly filled one


def _fields(i: int) -> dict:
    """The i-th record (0-based) of the shared history: a deterministic mix of everything."""
    stack = STACKS[i % len(STACKS)]
    return {
        'source': SOURCES[(i // 3) % len(SOURCES)], 'actor': f'actor-{i % 7}', 'action': ACTIONS[(i * 7) % len(ACTIONS)],
        'target': stack or f'container-{i}', 'stack': stack, 'reason': f'POST /thing/{i}',
        'params': {'i': i, 'env': {'MODE': 'x' * (i % 5)}}, 'ok': i % 11 != 3, 'result': f'result {i}',
        'error': None if i % 11 != 3 else f'failure number {i}', 'duration_ms': i * 1.5,
        'revision': None if i % 4 else f'{i:040x}', 'at': BASE + i * 10,
    }


def _expected(records: list[dict], **filters) -> list[int]:
    """Ids newest first that a brute-force reading of the filters selects."""
    chosen = []
    for rid, data in enumerate(records, start=1):
        if any(filters.get(k) is not None and data[k] != filters[k] for k in ('stack', 'action', 'source', 'ok')):
            continue
        if filters.get('since') is not None and data['at'] < filters['since']:
            continue
        if filters.get('until') is not None and data['at'] > filters['until']:
            continue
        chosen.append(rid)
    return chosen[::-1]


def _walk(history: History, limit: int, **filters) -> tuple[list[int], int]:
    """Every page from newest to oldest: the ids in order and the number of pages."""
    ids: list[int] = []
    cursor, pages = None, 0
    while True:
        page = history.query(cursor=cursor, limit=limit, **filters)
        pages += 1
        assert len(page.records) <= limit
        ids.extend(r.id for r in page.records)
        if page.next_cursor is None:
            return ids, pages
        assert page.records, 'a page with a next cursor must not be empty'
        assert page.next_cursor == page.records[-1].id
        cursor = page.next_cursor
        assert pages < 2000, 'pagination does not end'


FILTERS = [
    {},
    {'stack': 'blog'},
    {'stack': 'nope'},
    {'action': 'deploy'},
    {'source': 'rest'},
    {'ok': False},
    {'ok': True},
    {'since': BASE + 3000},
    {'until': BASE + 2000},
    {'since': BASE + 1000, 'until': BASE + 5000},
    {'stack': 'shop', 'action': 'scale'},
    {'stack': 'wiki', 'source': 'nl', 'ok': True},
    {'stack': 'blog', 'action': 'deploy', 'ok': False},
    {'action': 'remove', 'source': 'ui', 'ok': True, 'since': BASE + 500, 'until': BASE + 6000},
    {'stack': 'mail', 'action': 'rollback', 'source': 'system', 'ok': False, 'since': BASE, 'until': BASE + 99999},
    {'since': BASE + COUNT * 10 + 1},           # after everything
]


@pytest.fixture(scope='module')
def filled(tmp_path_factory) -> tuple[Path, list[dict], list[Record]]:
    """A history folder with COUNT records (closed again); each test copies it."""
    folder = tmp_path_factory.mktemp('history-filled') / 'history'
    history = History(folder)
    records = [_fields(i) for i in range(COUNT)]
    appended = [history.append(**data) for data in records]
    history.close()
    return folder, records, appended


@pytest.fixture
def copy(filled, tmp_path) -> tuple[Path, list[dict], list[Record]]:
    folder, records, appended = filled
    target = tmp_path / 'history'
    shutil.copytree(folder, target)
    return target, records, appended


def _same(record: Record, data: dict, rid: int) -> None:
    assert record.id == rid
    assert record.time == data['at']
    for key in ('source', 'actor', 'action', 'target', 'stack', 'reason', 'params', 'ok', 'result', 'error',
                'duration_ms', 'revision'):
        assert getattr(record, key) == data[key], (rid, key)


def test_append_returns_the_record_and_get_reads_it_back(tmp_path):
    history = History(tmp_path / 'history')
    first = history.append(source='rest', actor='api token', action='deploy', target='blog', stack='blog',
                           reason='POST /deploy', params={'env': {'MODE': 'one'}}, result='1 created',
                           duration_ms=12.34567, revision='a' * 40)
    second = history.append(source='ui', actor='session', action='container.stop', target='web-1', ok=False,
                            error='it is not running')
    assert (first.id, second.id) == (1, 2)
    assert first.duration_ms == 12.346
    assert history.get(1) == first
    assert history.get(2) == second
    assert history.count() == 2
    assert second.stack is None and second.revision is None and second.error == 'it is not running'
    assert first.time <= second.time
    history.close()


def test_long_texts_are_cut(tmp_path):
    history = History(tmp_path / 'history')
    record = history.append(source='nl', actor='me', action='deploy', target='x', reason='r' * 5000,
                            result='s' * 5000, error='e' * 5000, ok=False)
    assert len(record.reason) == len(record.result) == len(record.error) == 2000
    assert history.get(record.id) == record


def test_records_span_several_sealed_segments(copy):
    folder, records, appended = copy
    names = sorted(p.name for p in folder.iterdir())
    segments = [n for n in names if n.endswith('.json') and not n.endswith('.index.json')]
    assert segments == [f'seg-{n:06d}.json' for n in range(1, 5)], names
    for n in (1, 2, 3):  # sealed: a read copy and an index each
        assert f'seg-{n:06d}.records.jsonl' in names and f'seg-{n:06d}.index.json' in names
        index = json.loads((folder / f'seg-{n:06d}.index.json').read_text())
        assert [row[0] for row in index] == list(range((n - 1) * SEGMENT_SIZE + 1, n * SEGMENT_SIZE + 1))
        lines = (folder / f'seg-{n:06d}.records.jsonl').read_text().splitlines()
        assert len(lines) == SEGMENT_SIZE
        tiny = json.loads((folder / f'seg-{n:06d}.json').read_text())['_default']
        assert len(tiny) == SEGMENT_SIZE
    assert 'seg-000004.index.json' not in names   # the active segment is not sealed yet
    assert len(json.loads((folder / 'seg-000004.json').read_text())['_default']) == COUNT - 3 * SEGMENT_SIZE
    history = History(folder)
    assert history.count() == COUNT
    for rid in (1, SEGMENT_SIZE, SEGMENT_SIZE + 1, 2 * SEGMENT_SIZE, 3 * SEGMENT_SIZE + 1, COUNT):
        _same(history.get(rid), records[rid - 1], rid)
    assert [r.id for r in appended] == list(range(1, COUNT + 1))
    history.close()


def test_every_record_reads_back_after_reopening(copy):
    folder, records, appended = copy
    history = History(folder)
    for rid in range(1, COUNT + 1):
        assert history.get(rid) == appended[rid - 1]
    history.close()


@pytest.mark.parametrize('limit', [1, 7, 50, 500])
def test_filtered_pages_walk_every_match_once_newest_first(copy, limit):
    folder, records, _ = copy
    history = History(folder)
    for filters in FILTERS:
        if limit == 1 and len(_expected(records, **filters)) > 300:
            continue  # one record a page: the small selections are enough
        expected = _expected(records, **filters)
        ids, pages = _walk(history, limit, **filters)
        assert ids == expected, filters
        assert pages == max(1, -(-len(expected) // limit)), filters  # no empty page at the end
    history.close()


def test_pages_hold_whole_records_matching_the_filters(copy):
    folder, records, _ = copy
    history = History(folder)
    page = history.query(stack='blog', action='deploy', ok=False, limit=5)
    assert page.records
    for record in page.records:
        _same(record, records[record.id - 1], record.id)
        assert (record.stack, record.action, record.ok) == ('blog', 'deploy', False)
        assert record.error == f'failure number {record.id - 1}'
    newest = history.query(limit=3)
    assert [r.id for r in newest.records] == [COUNT, COUNT - 1, COUNT - 2]
    assert newest.next_cursor == COUNT - 2
    history.close()


def test_a_cursor_continues_below_itself_with_any_filter(copy):
    folder, records, _ = copy
    history = History(folder)
    for cursor in (1, 2, SEGMENT_SIZE + 1, 600, COUNT, COUNT + 100):
        page = history.query(cursor=cursor, limit=500)
        expected = [rid for rid in range(min(cursor, COUNT + 1) - 1, 0, -1)][:500]
        assert [r.id for r in page.records] == expected, cursor
        filtered = history.query(cursor=cursor, limit=500, stack='shop')
        assert [r.id for r in filtered.records] == [rid for rid in _expected(records, stack='shop') if rid < cursor][:500]
    history.close()


def test_a_filter_that_matches_nothing_gives_an_empty_last_page(copy):
    folder, _, _ = copy
    history = History(folder)
    for filters in ({'stack': 'nope'}, {'action': 'nope'}, {'since': BASE + 10**7}, {'until': BASE - 1},
                    {'stack': 'blog', 'source': 'rest', 'since': BASE + 10**7}):
        page = history.query(**filters)
        assert page.records == [] and page.next_cursor is None, filters
    history.close()


def test_reopening_after_close_keeps_everything_and_appends_continue(copy):
    folder, records, appended = copy
    history = History(folder)
    before = {tuple(sorted(f.items())): _walk(history, 50, **f)[0] for f in FILTERS}
    history.close()
    reopened = History(folder)
    assert reopened.count() == COUNT
    for filters in FILTERS:
        assert _walk(reopened, 50, **filters)[0] == before[tuple(sorted(filters.items()))]
    new = reopened.append(source='ui', actor='me', action='deploy', target='blog', stack='blog', at=BASE + 10**6)
    assert new.id == COUNT + 1
    reopened.close()
    again = History(folder)
    assert again.get(COUNT + 1) == new
    assert again.query(stack='blog', limit=1).records == [new]
    assert again.get(1) == appended[0]
    again.close()


@pytest.mark.parametrize('lost', ['index', 'records', 'both'])
def test_a_sealed_segment_that_lost_its_read_copy_is_rebuilt_on_open(copy, lost):
    folder, records, appended = copy
    pristine = {n: ((folder / f'seg-{n:06d}.index.json').read_bytes(), (folder / f'seg-{n:06d}.records.jsonl').read_bytes())
                for n in (1, 2, 3)}
    for n in (1, 3):
        if lost in ('index', 'both'):
            (folder / f'seg-{n:06d}.index.json').unlink()
        if lost in ('records', 'both'):
            (folder / f'seg-{n:06d}.records.jsonl').unlink()
    history = History(folder)
    assert history.count() == COUNT
    for n in (1, 2, 3):
        assert (folder / f'seg-{n:06d}.index.json').read_bytes() == pristine[n][0], n
        assert (folder / f'seg-{n:06d}.records.jsonl').read_bytes() == pristine[n][1], n
    for rid in (1, 100, SEGMENT_SIZE, 2 * SEGMENT_SIZE + 1, 3 * SEGMENT_SIZE):
        assert history.get(rid) == appended[rid - 1]
    for filters in FILTERS:
        assert _walk(history, 100, **filters)[0] == _expected(records, **filters), filters
    history.close()


def test_a_full_segment_left_unsealed_is_sealed_by_the_next_append(tmp_path):
    """A crash right after the SEGMENT_SIZE-th append, before the next one sealed it."""
    folder = tmp_path / 'history'
    history = History(folder)
    records = [_fields(i) for i in range(2 * SEGMENT_SIZE)]
    for data in records:
        history.append(**data)
    history.close()
    assert not (folder / 'seg-000002.index.json').exists()
    reopened = History(folder)
    assert reopened.count() == 2 * SEGMENT_SIZE
    extra = reopened.append(**_fields(2 * SEGMENT_SIZE))
    assert extra.id == 2 * SEGMENT_SIZE + 1
    assert (folder / 'seg-000002.index.json').exists() and (folder / 'seg-000003.json').exists()
    assert [r.id for r in reopened.query(limit=2).records] == [extra.id, extra.id - 1]
    reopened.close()
    again = History(folder)
    records.append(_fields(2 * SEGMENT_SIZE))
    for filters in FILTERS[:8]:
        assert _walk(again, 200, **filters)[0] == _expected(records, **filters), filters
    again.close()


def test_unknown_ids_are_not_found(copy, tmp_path):
    folder, _, _ = copy
    history = History(folder)
    for rid in (0, -1, COUNT + 1, 10**9):
        with pytest.raises(NotFound):
            history.get(rid)
    empty = History(tmp_path / 'empty')
    with pytest.raises(NotFound):
        empty.get(1)
    assert empty.count() == 0
    page = empty.query()
    assert page.records == [] and page.next_cursor is None
    history.close()
    empty.close()


def test_bad_source_and_limit_are_invalid_input(tmp_path):
    history = History(tmp_path / 'history')
    for source in ('web', '', 'REST'):
        with pytest.raises(InvalidInput):
            history.append(source=source, actor='a', action='deploy', target='x')
    assert history.count() == 0
    history.append(source='rest', actor='a', action='deploy', target='x')
    for limit in (0, -5, 501, 10**6):
        with pytest.raises(InvalidInput):
            history.query(limit=limit)
    assert len(history.query(limit=500).records) == 1
    assert len(history.query(limit=1).records) == 1
    history.close()


def test_files_are_private(copy, tmp_path):
    folder, _, _ = copy
    history = History(folder)
    history.append(source='rest', actor='a', action='deploy', target='x')
    history.close()
    fresh = History(tmp_path / 'fresh')
    fresh.append(source='rest', actor='a', action='deploy', target='x')
    fresh.close()
    assert (tmp_path / 'fresh').stat().st_mode & 0o077 == 0
    for path in [*folder.iterdir(), *(tmp_path / 'fresh').iterdir()]:
        assert path.stat().st_mode & 0o077 == 0, path


def test_appends_from_many_threads_get_unique_consecutive_ids(tmp_path):
    history = History(tmp_path / 'history')
    per_thread = SEGMENT_SIZE // 2

    def work(n: int) -> list[int]:
        return [history.append(source='system', actor=f'thread-{n}', action='tick', target=str(i), params={'n': n}).id
                for i in range(per_thread)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = [rid for chunk in pool.map(work, range(4)) for rid in chunk]
    assert sorted(ids) == list(range(1, 4 * per_thread + 1))
    history.close()
    reopened = History(tmp_path / 'history')
    walked = _walk(reopened, 500, action='tick')[0]
    assert walked == sorted(ids, reverse=True)
    actors = Counter(reopened.get(rid).actor for rid in walked)
    assert actors == {f'thread-{n}': per_thread for n in range(4)}
    reopened.close()
