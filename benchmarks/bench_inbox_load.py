"""Benchmark of the notification inbox: a person with 10,000 notifications opens it.

Run from the repository root: ``.venv/bin/python -m benchmarks.bench_inbox_load [runs]``
(``make bench`` runs it with the others). Builds a fresh SQLite database (or the PostgreSQL
database given as ``INBOX_BENCH_DATABASE_URL``, which it empties first) with one project of
200 tasks and 10,000 notifications for each of two people, a manager and a client (whose
inbox is filtered hardest: client audience, hidden tasks, internal comments), then times
``notifications.load_inbox`` (the unread count and the 100 newest lines grouped by project, the
permission rule re-applied in SQL) on the server, without a browser. Goal: p95 under 300 ms.
Figures only, not a test.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, SQLModel

import collab_app.models  # noqa: F401 - registers every table
from benchmarks import harness
from collab_app.db import make_engine
from collab_app.models import (
    BoardColumn,
    Collective,
    CollectiveMember,
    Comment,
    Notification,
    Project,
    ProjectMember,
    Task,
    User,
)
from collab_app.services import notifications
from collab_app.services.notifications.catalog import KIND_CATEGORY
from collab_app.services.viewer import Viewer

NOTIFICATIONS = 10_000
TASKS = 200
GOAL_MS = 300
KINDS = ("comment", "mention", "assigned", "task_moved", "due_tomorrow")


def _seed(session: Session) -> dict[str, Viewer]:
    """One project, its people, tasks and comments, and 10,000 notifications for two people."""
    people = {
        role: User(email=f"{role}@bench.example", display_name=role.title(), password_hash="x")
        for role in ("owner", "manager", "member", "client")
    }
    session.add_all(people.values())
    session.flush()
    collective = Collective(name="Bench")
    session.add(collective)
    session.flush()
    session.add(
        CollectiveMember(collective_id=collective.id, user_id=people["owner"].id, role="owner")
    )
    project = Project(
        collective_id=collective.id, name="Inbox", client_name="Client", start_date=date(2026, 1, 1)
    )
    session.add(project)
    session.flush()
    for role in ("manager", "member", "client"):
        session.add(ProjectMember(project_id=project.id, user_id=people[role].id, role=role))
    column = BoardColumn(project_id=project.id, default_key="board.col_todo")
    session.add(column)
    session.flush()
    tasks = [
        Task(
            project_id=project.id,
            column_id=column.id,
            title=f"Task {n}",
            position=n,
            hidden_from_client=n % 5 == 0,
            created_by_id=people["owner"].id,
        )
        for n in range(TASKS)
    ]
    session.add_all(tasks)
    session.flush()
    comments = [
        Comment(
            task_id=task.id,
            author_id=people["member"].id,
            body="A comment",
            visibility="client" if n % 2 else "internal",
        )
        for n, task in enumerate(tasks)
    ]
    session.add_all(comments)
    session.flush()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for role in ("manager", "client"):
        rows = []
        for n in range(NOTIFICATIONS):
            kind = KINDS[n % len(KINDS)]
            task = tasks[n % TASKS]
            comment = comments[n % TASKS] if kind in ("comment", "mention") else None
            rows.append(
                Notification(
                    user_id=people[role].id,
                    project_id=project.id,
                    actor_id=people["member"].id,
                    kind=kind,
                    category=KIND_CATEGORY[kind],
                    audience="everyone"
                    if comment is None or comment.visibility == "client"
                    else "team",
                    task_id=task.id,
                    comment_id=comment.id if comment else None,
                    path=f"/projects/{project.id}/tasks/{task.id}",
                    created_at=start + timedelta(minutes=n),
                    mail_after=start + timedelta(minutes=n + 2),
                    read_at=None if n % 3 else start,
                    mail_state="mailed",
                )
            )
        session.add_all(rows)
        session.flush()
    session.commit()
    return {
        role: Viewer(people[role].id, people[role].email, role.title(), "en", "Europe/Paris")
        for role in ("manager", "client")
    }


def measure(session: Session, viewer: Viewer, runs: int) -> tuple[list[float], int, int]:
    """Time ``load_inbox``; returns the samples (ms), the unread count and the lines shown."""
    for _ in range(3):  # warm-up: caches, statement compilation
        notifications.load_inbox(session, viewer)
    samples = []
    view = None
    for _ in range(runs):
        session.expire_all()
        began = time.perf_counter()
        view = notifications.load_inbox(session, viewer)
        samples.append((time.perf_counter() - began) * 1000)
    lines = sum(len(g.items) for g in view.groups)
    return samples, view.unread, lines


def main(argv: list[str] | None = None) -> None:
    """Seed, measure, print, append the table to RESULTS.md and report the goal."""
    argv = sys.argv[1:] if argv is None else argv
    quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
    runs = int(argv[0]) if argv else (10 if quick else 40)
    url = os.environ.get("INBOX_BENCH_DATABASE_URL", "")
    with tempfile.TemporaryDirectory() as folder:
        database_url = url or f"sqlite:///{Path(folder) / 'inbox.db'}"
        engine = make_engine(database_url)
        SQLModel.metadata.drop_all(engine)
        SQLModel.metadata.create_all(engine)
        try:
            with Session(engine) as session:
                viewers = _seed(session)
                if engine.dialect.name == "postgresql":  # as autovacuum would after a load
                    session.connection().exec_driver_sql("ANALYZE")
                    session.commit()
                results = {role: measure(session, viewer, runs) for role, viewer in viewers.items()}
        finally:
            if url:  # leave the given database empty again
                SQLModel.metadata.drop_all(engine)
            engine.dispose()
    backend = database_url.split(":", 1)[0]
    rows = []
    worst = 0.0
    for role, (samples, unread, lines) in results.items():
        stats = harness.summarize(samples)
        worst = max(worst, stats["p95"])
        rows.append(
            [
                f"{role} ({NOTIFICATIONS:,} notifications, {unread:,} unread, {lines} lines)",
                str(len(samples)),
                harness.fmt_ms(statistics.median(samples)),
                harness.fmt_ms(stats["p95"]),
            ]
        )
    table = harness.markdown_table(["inbox of", "n", "median", "p95"], rows)
    print(table)
    harness.append_results(
        f"Inbox load, {NOTIFICATIONS:,} notifications ({backend})",
        table,
        "notifications.load_inbox on the server: unread count and the 100 newest lines, the "
        "permission rule re-applied in SQL (constant number of queries).",
    )
    harness.report_goal(
        f"inbox load, {NOTIFICATIONS:,} notifications, p95 ({backend})",
        f"< {GOAL_MS} ms",
        harness.fmt_ms(worst),
        worst < GOAL_MS,
    )


if __name__ == "__main__":
    main()
