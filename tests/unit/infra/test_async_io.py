"""Handlers wait for PostgreSQL without blocking the event loop (issue #20, item 3).

A ``guarded`` handler, a ``with_async_io`` handler and a live refresh run their code on the
loop's thread (their state changes stay under Reflex's state lock), but every query suspends
only them: other coroutines of the loop run meanwhile. On SQLite (a local file) the same work
runs inline. Each test checks what its database promises: run with TEST_DATABASE_URL for
PostgreSQL (``make test`` runs the unit tests on both).
"""

from __future__ import annotations

import asyncio
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from collab_app import db
from collab_app.db import async_twin, run_with_async_io, session_scope
from collab_app.state import live
from collab_app.state.async_io import with_async_io
from collab_app.state.session import guarded

QUERIES = 5


@pytest.fixture(autouse=True)
def _close_async_twin(use_test_db):
    """Close the asyncio engine's connections with the test's database."""
    yield
    if use_test_db.dialect.name == "postgresql":
        asyncio.run(async_twin(use_test_db).dispose())


def _is_postgres() -> bool:
    return db.get_engine().dialect.name == "postgresql"


class _Tab:
    """What a handler needs of a state: the message helpers ``guarded`` uses."""

    form_error = ""

    def _t(self, key, **params):
        return key


def _queries(record: dict) -> str:
    """A handler body: a few queries, noting where it ran and how far the loop got meanwhile."""
    record["thread"] = threading.current_thread()
    record["ticks_before"] = record["ticks"]()
    with session_scope() as session:
        record["async_driver"] = session.get_bind().dialect.is_async
        for _ in range(QUERIES):
            session.exec(text("SELECT 1")).one()
    record["ticks_after"] = record["ticks"]()
    return "done"


async def _with_ticker(run) -> tuple[object, dict]:
    """Run ``run(record)`` while another coroutine counts the loop's turns."""
    ticks = 0
    stop = asyncio.Event()

    async def ticker():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0)

    record: dict = {"ticks": lambda: ticks}
    task = asyncio.create_task(ticker())
    await asyncio.sleep(0)
    try:
        result = await run(record)
    finally:
        stop.set()
        await task
    return result, record


def _assert_off_loop_waits(record: dict) -> None:
    assert record["thread"] is threading.main_thread()  # state changes stay on the loop
    if _is_postgres():
        assert record["async_driver"]
        # The other coroutine ran while the handler waited for its queries.
        assert record["ticks_after"] - record["ticks_before"] >= QUERIES
    else:  # SQLite: inline, the plain driver, the loop not switched mid-transaction
        assert not record["async_driver"]
        assert record["ticks_after"] == record["ticks_before"]


def test_a_guarded_handler_lets_the_loop_run_while_it_queries(use_test_db):
    @guarded
    def handler(self, record):
        return _queries(record)

    async def run(record):
        return [item async for item in handler(_Tab(), record)]

    out, record = asyncio.run(_with_ticker(run))
    assert out == ["done"]
    _assert_off_loop_waits(record)


def test_a_page_load_lets_the_loop_run_while_it_queries(use_test_db):
    @with_async_io
    def load(self, record):
        return _queries(record)

    async def run(record):
        return await load(_Tab(), record)

    out, record = asyncio.run(_with_ticker(run))
    assert out == "done"
    _assert_off_loop_waits(record)


def test_a_live_refresh_lets_the_loop_run_while_it_queries(use_test_db, monkeypatch):
    class Page:
        record: dict

        def _live_refresh(self, known=None):
            _queries(self.record)

    page = Page()

    class Modify:
        async def __aenter__(self):
            return self

        async def __aexit__(self, *exc):
            return False

        async def get_state(self, _cls):
            return page

    class App:
        def modify_state(self, _token):
            return Modify()

    async def run(record):
        page.record = record
        await live._refresh(App(), "tab", live._Watch(Page, {1: 0}), {})

    _, record = asyncio.run(_with_ticker(run))
    _assert_off_loop_waits(record)


def test_outside_the_bridge_sessions_stay_synchronous(use_test_db):
    with session_scope() as session:
        assert not session.get_bind().dialect.is_async


def test_errors_of_the_work_reach_the_caller(use_test_db):
    def failing():
        with session_scope() as session:
            session.exec(text("SELECT no_such_column FROM no_such_table"))

    with pytest.raises(DBAPIError):
        asyncio.run(run_with_async_io(failing))


def test_many_handlers_at_once_with_nested_sessions_never_run_out_of_connections(use_test_db):
    """Three times more works than connections, each nesting a second session, all finish.

    At most ``POOL_SIZE`` works use the database at once, so nesting cannot exhaust the pool.
    """

    def nested() -> int:
        with session_scope() as outer:
            outer.exec(text("SELECT 1")).one()
            with session_scope() as inner:
                return inner.exec(text("SELECT 2")).one()[0]

    async def many():
        return await asyncio.wait_for(
            asyncio.gather(
                *(run_with_async_io(nested) for _ in range(3 * (db.POOL_SIZE + db.POOL_OVERFLOW)))
            ),
            timeout=60,
        )

    assert asyncio.run(many()) == [2] * 3 * (db.POOL_SIZE + db.POOL_OVERFLOW)


def test_generators_and_coroutines_are_refused():
    def gen(self):
        yield 1

    async def coro(self):
        return 1

    for handler in (gen, coro):
        with pytest.raises(TypeError):
            with_async_io(handler)


def _run_tick(monkeypatch, refresh_one, *, tabs: int, states_in_redis: bool = False) -> None:
    """Run one live tick over ``tabs`` tabs whose project moved, with a fake ``_refresh_one``."""
    from reflex.istate.manager.memory import StateManagerMemory
    from reflex.istate.manager.redis import StateManagerRedis

    class App:
        state_manager = (
            StateManagerRedis.__new__(StateManagerRedis)
            if states_in_redis
            else StateManagerMemory()
        )

    monkeypatch.setattr(
        live, "_watches", {f"tab-{i}": live._Watch(object, {1: 0}) for i in range(tabs)}
    )
    monkeypatch.setattr(live, "_read_versions", lambda project_ids: dict.fromkeys(project_ids, 5))
    monkeypatch.setattr(live, "_refresh_one", refresh_one)
    asyncio.run(live._tick(App()))


@pytest.mark.parametrize("states_in_redis", [False, True])
def test_a_tick_refreshes_tabs_together_only_when_a_refresh_waits_on_the_network(
    use_test_db, monkeypatch, states_in_redis
):
    running = most = 0

    async def refresh_one(app, token, watched, moved, known):
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.001)
        running -= 1

    _run_tick(
        monkeypatch, refresh_one, tabs=3 * live.REFRESH_PARALLEL, states_in_redis=states_in_redis
    )

    # In one process on SQLite a refresh never waits, so one at a time keeps each loop turn short.
    waits_on_network = states_in_redis or _is_postgres()
    assert most == (live.REFRESH_PARALLEL if waits_on_network else 1)


class _Clock:
    """``live``'s clock, moved by the fake refreshes and event checks (no real time measured)."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now


def _tick_with_events(
    monkeypatch, in_progress, tabs: int = 10, *, states_in_redis: bool = False
) -> tuple[list[float], _Clock]:
    """Run one tick over ``tabs`` tabs; return when each refresh started."""
    clock = _Clock()
    started: list[float] = []

    async def refresh_one(app, token, watched, moved, known):
        started.append(clock.now)
        clock.now += 0.002  # a refresh's own work

    def events(app) -> int:
        clock.now += 0.001  # a look at the event queue, then a turn of the loop
        return 1 if in_progress(clock.now) else 0

    monkeypatch.setattr(live, "events_in_progress", events)
    monkeypatch.setattr(live, "time", clock)
    monkeypatch.setattr(live, "EVENTS_FIRST_POLL", 0)
    # SQLite's queries never wait on the network, whatever the test database; Redis's states do.
    monkeypatch.setattr(live, "queries_are_awaited", lambda: False)
    _run_tick(monkeypatch, refresh_one, tabs=tabs, states_in_redis=states_in_redis)
    return started, clock


@pytest.mark.parametrize("states_in_redis", [False, True])
def test_a_tick_lets_the_tabs_events_finish_before_refreshing(
    use_test_db, monkeypatch, states_in_redis
):
    event_ends = live.EVENTS_FIRST_GRACE / 2
    started, _ = _tick_with_events(
        monkeypatch, lambda now: now < event_ends, states_in_redis=states_in_redis
    )
    assert len(started) == 10
    assert started[0] >= event_ends
    # Once the events are done, the refreshes follow one another without waiting.
    assert started[-1] - started[0] <= 9 * (0.002 + 0.001) + 1e-9


@pytest.mark.parametrize("states_in_redis", [False, True])
def test_a_stream_of_events_cannot_hold_the_live_updates_back(
    use_test_db, monkeypatch, states_in_redis
):
    started, clock = _tick_with_events(
        monkeypatch, lambda now: True, tabs=20, states_in_redis=states_in_redis
    )
    assert len(started) == 20
    # No longer waiting than refreshing (20 x 2 ms), plus the grace and one look per wait.
    refreshing = 20 * 0.002
    assert clock.now <= 2 * refreshing + live.EVENTS_FIRST_GRACE + 20 * 0.001 + 1e-9
