"""Fifty people move the same card at once: no silent overwrite (issue: live collaboration).

Each mover reads the card's version at a random moment, then moves it to another column with
that version, as a browser would. Against PostgreSQL when TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import random
import threading

from sqlalchemy import func
from sqlmodel import Session, select

from collab_app.models import Activity, Task
from collab_app.services import board
from collab_app.services.errors import Conflict
from tests.unit.board.support import make_board

MOVERS = 50


def test_fifty_concurrent_moves_of_one_card(session, world):
    b = make_board(session, world)
    engine = session.get_bind()
    columns = [b.todo, b.doing, b.review, b.done]
    people = [world.manager, world.member, world.owner]
    start_version = session.get(Task, b.shared.id).version
    moves_before = session.exec(
        select(func.count())
        .select_from(Activity)
        .where(Activity.task_id == b.shared.id, Activity.kind.in_(("task_moved", "task_reordered")))
    ).one()
    barrier = threading.Barrier(MOVERS)
    accepted: list[int] = []
    # A move to where the card already is (first of its column) writes nothing: not a write.
    unchanged: list[tuple[int, int]] = []
    refused: list[str] = []
    unexpected: list[BaseException] = []
    rng = random.Random(7)
    plans = [(people[i % 3], columns[rng.randrange(4)], rng.random() / 50) for i in range(MOVERS)]

    def mover(viewer, column_id, pause):
        with Session(engine, expire_on_commit=False) as s:
            barrier.wait()
            threading.Event().wait(pause)
            seen = s.get(Task, b.shared.id).version
            try:
                card = board.move_task(
                    s,
                    viewer,
                    task_id=b.shared.id,
                    column_id=column_id,
                    index=0,
                    expected_version=seen,
                    confirm_over_limit=True,
                )
                if card.version == seen:
                    unchanged.append((seen, card.version))
                else:
                    assert card.version == seen + 1
                    accepted.append(card.version)
            except Conflict as exc:
                refused.append(exc.code)
            except BaseException as exc:  # collected and asserted below
                unexpected.append(exc)

    threads = [threading.Thread(target=mover, args=plan) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)

    assert unexpected == []
    assert len(accepted) + len(unchanged) + len(refused) == MOVERS
    assert accepted, "at least one move must win"
    # Every refused writer was told so, with the conflict message (no silent loss).
    assert set(refused) <= {"board.stale"}
    session.expire_all()
    task = session.get(Task, b.shared.id)
    # The version rose by exactly the number of accepted writes, each one a distinct step.
    assert task.version == start_version + len(accepted)
    assert sorted(accepted) == list(range(start_version + 1, task.version + 1))
    # Each accepted move left an activity row.
    moves_after = session.exec(
        select(func.count())
        .select_from(Activity)
        .where(Activity.task_id == b.shared.id, Activity.kind.in_(("task_moved", "task_reordered")))
    ).one()
    assert moves_after - moves_before == len(accepted)


def test_a_move_returns_what_it_wrote_even_if_another_move_follows_at_once(session, world):
    """The card returned is the move's own write, not a later move made right after its commit.

    The second move is made at the worst moment: just after the first one commits, before it
    returns (where the card used to be read back).
    """
    b = make_board(session, world)
    engine = session.get_bind()
    seen = session.get(Task, b.shared.id).version

    def move(s, column_id, version):
        return board.move_task(
            s,
            world.manager,
            task_id=b.shared.id,
            column_id=column_id,
            index=0,
            expected_version=version,
            confirm_over_limit=True,
        )

    class InterruptedSession(Session):
        """Lets another person move the card as soon as this session commits."""

        def commit(self):
            super().commit()
            with Session(engine, expire_on_commit=False) as other:
                move(other, b.done, seen + 1)

    with InterruptedSession(engine, expire_on_commit=False) as mover:
        card = move(mover, b.review, seen)
    assert (card.version, card.column_id) == (seen + 1, b.review)
    session.expire_all()
    assert session.get(Task, b.shared.id).version == seen + 2
