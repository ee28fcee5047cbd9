"""The server profile's counting (benchmarks are not tests; their helpers are)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time

import pytest

from benchmarks import server_profile

LOOP = "BaseEventLoop._run_once (asyncio/base_events.py:1922)"
PROCESS = "process_event (reflex_base/event/processor/base_state_processor.py:346)"
DROP = "BoardState.drop_on_column (collab_app/state/board.py:526)"
MOVE = "move_task (collab_app/services/board/moves.py:207)"
EXECUTE = "DefaultDialect.do_execute (sqlalchemy/engine/default.py:1192)"
DELTA = "BaseState.get_delta (reflex/state.py:1900)"
TICK = "_tick (collab_app/state/live.py:300)"
EMIT = "AsyncServer.emit (socketio/async_server.py:180)"
STORE = "StateManagerDisk.set_state_for_substate (reflex/istate/manager/disk.py:251)"
GUARD = "guarded.<locals>.wrapper (collab_app/state/session.py:71)"


def raw(*stacks: tuple[list[str], int]) -> list[str]:
    return [f"{';'.join(frames)} {count}" for frames, count in stacks]


def test_a_sample_counts_in_its_innermost_known_layer_and_its_work() -> None:
    profile = server_profile.parse(
        raw(
            ([LOOP, PROCESS, GUARD, DROP, MOVE, EXECUTE], 6),  # a query of the handler
            ([LOOP, PROCESS, GUARD, DROP, MOVE], 2),  # the service's own code
            ([LOOP, PROCESS, DELTA], 1),  # Reflex after the handler
            ([LOOP, TICK, EXECUTE], 3),  # a live refresh's query
            ([LOOP, EMIT], 4),  # sending
            (["_worker (concurrent/futures/thread.py:83)", STORE], 3),  # a state written
            ([LOOP], 2),  # the loop itself
            ([], 2),  # native code, no Python frame: left out
            (["Thread.run (threading.py:982)", "Condition.wait (threading.py:327)"], 5),  # waits
        )
    )
    assert (profile.samples, profile.left_out) == (21, 7)
    assert profile.by_layer == {
        "database": 9,
        "app code": 2,
        "Reflex": 4,
        "socket.io + server": 4,
        "asyncio loop, threads, native": 2,
    }
    assert profile.by_work == {
        "BoardState.drop_on_column": 8,
        server_profile.AROUND: 1,
        server_profile.LIVE: 3,
        server_profile.STORE: 3,
        server_profile.OTHER_WORK: 6,
    }
    assert profile.by_work_layer[("BoardState.drop_on_column", "database")] == 6
    assert profile.handlers() == [("BoardState.drop_on_column", 8)]


def test_work_in_a_greenlet_counts_for_the_handler_or_refresh_that_started_it() -> None:
    psycopg = "AsyncCursor.execute (psycopg/cursor_async.py:97)"
    profile = server_profile.parse(
        raw(
            ([DROP, MOVE, EXECUTE], 4),  # the handler's own greenlet on PostgreSQL
            (
                [
                    LOOP,
                    PROCESS,
                    GUARD,
                    "greenlet_spawn (sqlalchemy/util/_concurrency_py3k.py:1)",
                    psycopg,
                ],
                3,
            ),
            (["PageState._live_refresh (collab_app/state/session.py:533)", EXECUTE], 2),
            (["page_load.<locals>.load (collab_app/state/session.py:390)", EXECUTE], 1),
        )
    )
    assert profile.by_work == {
        "BoardState.drop_on_column": 4,
        server_profile.AWAITED: 3,
        server_profile.LIVE: 2,
        server_profile.PAGE_LOADS: 1,
    }
    assert sum(n for _, n in profile.handlers()) == 8


def test_an_events_cost_splits_by_layer_in_the_samples_proportions() -> None:
    profile = server_profile.parse(raw(([DROP, EXECUTE], 3), ([DROP, MOVE], 1)))
    assert profile.layer_ms(8.0) == {"database": 6.0, "app code": 2.0}


def test_the_description_gives_layers_then_work() -> None:
    profile = server_profile.parse(
        raw(([PROCESS, DROP, EXECUTE], 50), ([TICK, EXECUTE], 25), ([EMIT], 25))
    )
    profile.seconds = 10
    text = profile.describe()
    assert text.startswith("py-spy, 100 samples in 10 s after the measure: ")
    assert "by layer database 75 %, socket.io + server 25 %;" in text
    assert "event handlers 50 % (drop_on_column 50 %; the database layer 50 %)" in text
    assert "live refreshes 25 %" in text
    assert server_profile.Profile().describe() == "no sample"
    native = server_profile.parse([f"{DROP} 3", " 1"])
    assert "samples in 0 s after the measure (and 1 of threads waiting or without a" in (
        native.describe()
    )


def test_lines_that_are_not_samples_are_skipped() -> None:
    profile = server_profile.parse(["", "garbage", f"{DROP} 2", f"{DROP} x"])
    assert profile.samples == 2


def test_no_profile_without_py_spy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server_profile, "py_spy", lambda: None)
    assert asyncio.run(server_profile.record([1], seconds=1)) is None


@pytest.mark.skipif(server_profile.py_spy() is None, reason="py-spy is not installed")
def test_record_samples_a_running_python_process() -> None:
    busy = "def spin():\n    while True:\n        sum(range(1000))\nspin()\n"
    child = subprocess.Popen([sys.executable, "-c", busy])
    try:
        time.sleep(0.3)
        profile = asyncio.run(server_profile.record([child.pid], seconds=1))
    finally:
        child.kill()
        child.wait()
    assert profile is not None, "py-spy gave no sample (wrong options, or ptrace refused)"
    assert profile.samples >= 20
    assert profile.by_work == {server_profile.OTHER_WORK: profile.samples}
