"""The event bus's typed channels (issue 12): a subscriber gets only its channel's events, on
the loop, from any thread; every event names the engine it came from."""
from __future__ import annotations

import asyncio
import threading

import pytest

from deployer.bus import EventBus, call_soon
from deployer.history import Record
from deployer.models import ContainerEvent, EngineState
from deployer.stacks.converge import Progress


def test_each_channel_delivers_only_its_own_events():
    bus = EventBus()
    seen: dict[str, list] = {'containers': [], 'engine': [], 'progress': []}
    bus.containers.subscribe(seen['containers'].append)
    bus.engine.subscribe(seen['engine'].append)
    unsubscribe = bus.progress.subscribe(seen['progress'].append)
    bus.publish(ContainerEvent('start', 'abc', 'web', 1.0))
    bus.publish(EngineState(reachable=False, error='gone'))
    bus.publish(Progress('blog', 'creating', 'web: creating'))
    unsubscribe()
    bus.publish(Progress('blog', 'done', 'deployed'))
    assert [e.name for e in seen['containers']] == ['web']
    assert [e.error for e in seen['engine']] == ['gone']
    assert [e.phase for e in seen['progress']] == ['creating']
    assert seen['containers'][0].engine == seen['engine'][0].engine == 'local'
    with pytest.raises(TypeError, match='no channel carries str'):
        bus.publish('anything')


def test_a_record_channel_exists_for_the_history():
    bus = EventBus()
    assert bus.records.kind is Record and bus.channel('records') is bus.records


def test_events_from_a_thread_arrive_on_the_loop_and_streams_pick_channels():
    async def scenario() -> tuple[list, list]:
        loop = asyncio.get_running_loop()
        bus = EventBus()
        bus.bind(loop)
        threads: list[bool] = []
        bus.containers.subscribe(lambda e: threads.append(threading.current_thread() is threading.main_thread()))
        stream = bus.stream(bus.engine)
        first = asyncio.ensure_future(anext(stream))
        await asyncio.sleep(0)
        worker = threading.Thread(target=lambda: (bus.publish(ContainerEvent('die', 'abc', 'web', 1.0)),
                                                  bus.publish(EngineState(reachable=True))))
        worker.start()
        worker.join()
        got = await asyncio.wait_for(first, 5)
        await stream.aclose()
        return threads, [got]

    threads, streamed = asyncio.run(scenario())
    assert threads == [True]                      # called on the loop's thread, not the worker's
    assert [type(e).__name__ for e in streamed] == ['EngineState']


def test_call_soon_says_when_the_loop_is_gone():
    loop = asyncio.new_event_loop()
    loop.close()
    assert call_soon(loop, print) is False
    assert call_soon(None, print) is False


def test_a_page_gate_hands_over_what_came_during_its_first_read_after_it():
    """The dashboard subscribes, then lists; a health change published while the list is being
    read must end up on top of the list, not under it (the list may predate it)."""
    from pages.frame import EventGate

    bus = EventBus()
    gate = EventGate(bus.containers, subscribe_with=lambda channel, handler: channel.subscribe(handler))
    shown: dict[str, str | None] = {}
    bus.publish(ContainerEvent('health', 'c1', 'sick', 1.0, None, 'unhealthy'))  # during the read
    shown['c1'] = 'starting'                                                     # what the read returned
    gate.open(lambda e: shown.__setitem__(e.id, e.health))
    assert shown == {'c1': 'unhealthy'}
    bus.publish(ContainerEvent('health', 'c1', 'sick', 2.0, None, 'healthy'))   # later: straight through
    assert shown == {'c1': 'healthy'}
