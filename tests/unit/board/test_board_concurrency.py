"""Concurrent writers on one board (real threads, one session each): no lost or mixed writes."""

from __future__ import annotations

import random
import threading

import pytest
from sqlmodel import Session, select

from collab_app.models import Task
from collab_app.services import board
from collab_app.services.errors import Conflict
from tests.unit.board.support import make_board, positions


def run_threads(engine, workers):
    """Run each ``worker(session)`` in its own thread and session; return their errors."""
    barrier = threading.Barrier(len(workers))
    errors: list[BaseException] = []

    def target(work):
        with Session(engine, expire_on_commit=False) as session:
            barrier.wait()
            try:
                work(session)
            except BaseException as exc:  # collected and asserted by the test
                errors.append(exc)

    threads = [threading.Thread(target=target, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.fixture
def b(session, world):
    return make_board(session, world)


def test_concurrent_moves_of_different_cards_keep_positions_dense(engine, session, world, b):
    extra = [
        board.create_task(
            session,
            world.member,
            project_id=world.project.id,
            fields=board.TaskFields(title=f"T{i}"),
        )
        for i in range(4)
    ]
    cards = [b.shared, b.hidden, *extra]
    columns = [b.todo, b.review]

    def mover(card, seed):
        def work(s):
            rng = random.Random(seed)
            version = card.version
            for _ in range(6):
                moved = board.move_task(
                    s,
                    world.member,
                    task_id=card.id,
                    column_id=rng.choice(columns),
                    index=rng.randint(0, 5),
                    expected_version=version,
                )
                version = moved.version

        return work

    errors = run_threads(session.get_bind(), [mover(c, i) for i, c in enumerate(cards)])
    assert errors == []
    session.expire_all()
    for column_id in columns:
        assert positions(session, column_id) == list(range(len(positions(session, column_id))))
    placed = session.exec(
        select(Task.id).where(Task.column_id.in_(columns), Task.deleted_at.is_(None))
    ).all()
    assert sorted(placed) == sorted([c.id for c in cards] + [b.team_only.id])


def test_two_people_moving_the_same_card_one_wins(engine, session, world, b):
    outcomes: list[str] = []

    def mover(viewer, column_id):
        def work(s):
            try:
                board.move_task(
                    s,
                    viewer,
                    task_id=b.shared.id,
                    column_id=column_id,
                    index=0,
                    expected_version=b.shared.version,
                )
                outcomes.append(f"moved:{column_id}")
            except Conflict as exc:
                outcomes.append(exc.code)

        return work

    errors = run_threads(
        session.get_bind(), [mover(world.member, b.review), mover(world.manager, b.done)]
    )
    assert errors == []
    assert sorted(outcomes)[0] == "board.stale" and sorted(outcomes)[1].startswith("moved:")
    winner = int(next(o for o in outcomes if o.startswith("moved:")).split(":")[1])
    session.expire_all()
    task = session.get(Task, b.shared.id)
    assert (task.column_id, task.version) == (winner, b.shared.version + 1)


def test_column_reorders_and_card_moves_do_not_deadlock(engine, session, world, b):
    def reorder(s):
        for i in range(6):
            board.move_column(s, world.manager, column_id=b.review, index=i % 4)

    def shuffle(s):
        version = b.team_only.version
        for i in range(6):
            moved = board.move_task(
                s,
                world.member,
                task_id=b.team_only.id,
                column_id=(b.todo, b.review, b.doing)[i % 3],
                index=0,
                expected_version=version,
            )
            version = moved.version

    def edit(s):
        version = b.shared.version
        for i in range(6):
            version = board.update_task(
                s,
                world.member,
                task_id=b.shared.id,
                expected_version=version,
                fields=board.TaskFields(title=f"v{i}"),
            ).version

    assert run_threads(session.get_bind(), [reorder, shuffle, edit]) == []
    session.expire_all()
    assert positions(session, b.todo) == list(range(len(positions(session, b.todo))))
