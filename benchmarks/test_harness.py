"""The benchmark harness's pure helpers and its board seeding (benchmarks are not tests)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from sqlmodel import Session, select

from benchmarks import harness, seed
from collab_app.demo import seed_foundation
from collab_app.models import Activity, Task, TaskAssignee, User
from collab_app.services import board
from collab_app.services.accounts.auth import viewer_for


def test_summarize_reports_nearest_rank_percentiles() -> None:
    samples = [float(v) for v in range(100, 0, -1)]  # 1..100, unordered
    stats = harness.summarize(samples)
    assert stats == {"n": 100, "median": 50.5, "p95": 95.0, "p99": 99.0, "min": 1.0, "max": 100.0}


def test_summarize_small_and_odd_samples() -> None:
    assert harness.summarize([7.0]) == {
        "n": 1,
        "median": 7.0,
        "p95": 7.0,
        "p99": 7.0,
        "min": 7.0,
        "max": 7.0,
    }
    stats = harness.summarize([3, 1, 2, 10, 4])
    assert (stats["median"], stats["p95"], stats["max"]) == (3.0, 10.0, 10.0)
    with pytest.raises(ValueError):
        harness.summarize([])


def test_percentile_is_a_sample() -> None:
    values = [12.0, 30.0, 11.0, 50.0]
    assert harness.percentile(values, 50) == 12.0
    assert harness.percentile(values, 75) == 30.0
    assert harness.percentile(values, 100) == 50.0
    assert harness.percentile(values, 0) == 11.0


def test_steal_is_the_hypervisors_share_of_the_cpu_time_between_two_marks(monkeypatch) -> None:
    # user nice system idle iowait irq softirq steal guest guest_nice
    stats = iter(
        [
            "cpu  100 0 50 800 10 0 5 35 0 0\ncpu0 1 2 3\n",
            "cpu  400 0 100 1100 10 0 10 380 7 0\ncpu0 1 2 3\n",
        ]
    )
    monkeypatch.setattr(harness, "_read", lambda path: next(stats))
    since, until = harness.cpu_time_mark(), harness.cpu_time_mark()
    assert since == (35, 1000)
    assert until == (380, 2000)
    assert harness.steal_percent(since, until) == pytest.approx(34.5)
    assert harness.steal_percent(until, until) is None  # no time went by
    monkeypatch.setattr(harness, "_read", lambda path: "")  # not Linux
    assert harness.cpu_time_mark() == (0, 0)


def test_markdown_table_escapes_and_checks_widths() -> None:
    table = harness.markdown_table(["goal", "met?"], [["p95 | p99", "yes"], [1.5, True]])
    assert table == ("| goal | met? |\n|---|---|\n| p95 \\| p99 | yes |\n| 1.5 | True |\n")
    with pytest.raises(ValueError):
        harness.markdown_table(["a", "b"], [["only one"]])


def test_summary_row_ratios_to_baseline() -> None:
    app = {"n": 30, "median": 90.0, "p95": 150.0, "p99": 180.0}
    base = {"n": 30, "median": 60.0, "p95": 100.0, "p99": 110.0}
    assert harness.summary_row("move", app, base) == [
        "move",
        "30",
        "90.0 ms",
        "150 ms",
        "180 ms",
        "1.50x",
        "1.50x",
    ]
    assert harness.summary_row("counter", base, None)[-2:] == ["1.00x", "1.00x"]
    assert harness.ratio(1.0, 0.0) == "n/a"


def test_report_goal_and_append_results(tmp_path, monkeypatch) -> None:
    goals, results = tmp_path / "goals.jsonl", tmp_path / "RESULTS.md"
    monkeypatch.setenv("BENCH_GOALS_FILE", str(goals))
    monkeypatch.setenv("BENCH_RESULTS", str(results))
    monkeypatch.setattr(harness, "machine_description", lambda: "test machine, 2 cores")
    harness.report_goal("board load 500", "< 1500 ms", "900 ms", True)
    harness.report_goal("split", "< 50 ms", "n/a", None)
    harness.report_goal("move", "<= 1.5x", "3x", False, cause="rendering 40 ms")
    lines = [json.loads(line) for line in goals.read_text().splitlines()]
    assert lines == [
        {
            "name": "board load 500",
            "goal": "< 1500 ms",
            "measured": "900 ms",
            "met": True,
            "cause": "",
        },
        {"name": "split", "goal": "< 50 ms", "measured": "n/a", "met": None, "cause": ""},
        {
            "name": "move",
            "goal": "<= 1.5x",
            "measured": "3x",
            "met": False,
            "cause": "rendering 40 ms",
        },
    ]
    harness.append_results("Board load", "| a |\n|---|\n| 1 |\n", notes="warm cache")
    harness.append_results("Card move", "| b |\n|---|\n| 2 |\n")
    text = results.read_text()
    assert text.startswith("# Benchmark results")
    assert text.count("test machine, 2 cores") == 2
    assert text.index("## Board load") < text.index("warm cache") < text.index("## Card move")


def test_seed_board_writes_what_the_services_would(session: Session) -> None:
    seed_foundation(session)
    made = seed.seed_board(session, cards=60)
    assert len(made.card_ids) == 60 and len(made.column_ids) == 4
    # Dense positions 0..n-1 in every column, as the board services keep them.
    per_column: dict[int, list[int]] = {}
    for task in session.exec(select(Task).where(Task.project_id == made.project_id)):
        per_column.setdefault(task.column_id, []).append(task.position)
    assert {c: sorted(p) for c, p in per_column.items()} == {
        c: list(range(len(p))) for c, p in per_column.items()
    }
    assert Counter(len(p) for p in per_column.values()) and len(per_column) == 4
    created = session.exec(
        select(Activity.task_id).where(
            Activity.project_id == made.project_id, Activity.kind == "task_created"
        )
    ).all()
    assert sorted(created) == sorted(made.card_ids)

    def viewer(role: str):
        email = seed.ROLE_EMAILS[role]
        return viewer_for(session.exec(select(User).where(User.email == email)).one())

    assert board.load_board(session, viewer("manager"), project_id=made.project_id).card_count == 60
    client_view = board.load_board(session, viewer("client"), project_id=made.project_id)
    client_ids = {card.id for column in client_view.columns for card in column.cards}
    assert len(made.hidden_ids) == 6 and client_ids == set(made.card_ids) - set(made.hidden_ids)
    guest_view = board.load_board(session, viewer("guest"), project_id=made.project_id)
    guest_ids = {card.id for column in guest_view.columns for card in column.cards}
    assert guest_ids == set(made.guest_ids) and len(guest_ids) == 12


def test_add_members_join_the_project(session: Session) -> None:
    seed_foundation(session)
    made = seed.seed_board(session, cards=3)
    emails = seed.add_members(session, made.project_id, 3)
    assert emails == [f"bench-member-{n}@bench.example" for n in range(3)]
    newcomer = viewer_for(session.exec(select(User).where(User.email == emails[2])).one())
    view = board.load_board(session, newcomer, project_id=made.project_id)
    assert view.can_move and view.card_count == 3
    assigned = session.exec(select(TaskAssignee.user_id)).all()
    assert newcomer.user_id not in assigned


def test_runner_discovers_bench_modules_and_tables_goals() -> None:
    from benchmarks import run_all

    names = run_all.discover()
    assert "bench_card_move" in names and "bench_split_engine" in names
    assert all(n.startswith("bench_") for n in names) and names == sorted(names)
    assert run_all.discover("card_move, bench_split_engine") == [
        "bench_card_move",
        "bench_split_engine",
    ]
    table = run_all.summary_table(
        [
            {"bench": "bench_a", "name": "p95", "goal": "<= 1.5x", "measured": "1.2x", "met": True},
            {"bench": "bench_b", "name": "(run)", "goal": "-", "measured": "exit 1", "met": None},
            {
                "bench": "bench_c",
                "name": "p95",
                "goal": "<= 1.5x",
                "measured": "3x",
                "met": False,
                "cause": "rendering 40 ms",
            },
            {
                "bench": "bench_d",
                "name": "p95",
                "goal": "<= 1.5x",
                "measured": "1x",
                "met": True,
                "cause": "only shown when a goal is missed",
            },
        ]
    )
    rows = table.splitlines()
    assert rows[0].endswith("| met? | measured cause of the gap |")
    assert rows[2] == "| bench_a | p95 | <= 1.5x | 1.2x | yes |  |"
    assert rows[3].endswith("| exit 1 | not measured |  |")
    assert rows[4].endswith("| 3x | **no** | rendering 40 ms |")
    assert rows[5].endswith("| 1x | yes |  |")
