"""The kernel's row helpers: a new row committed with its id, positioned rows re-read in order."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, select, update

from collab_app.models import BoardColumn, User
from collab_app.services.rows import commit_new, fresh_in_order


def test_commit_new_commits_the_row_and_returns_its_id(session: Session) -> None:
    row = User(email="new-row@example.test", display_name="New row", password_hash="x")
    row_id = commit_new(session, row)
    assert isinstance(row_id, int) and row_id > 0
    assert not session.new and not session.dirty
    session.rollback()  # nothing left to roll back: the row was committed
    found = session.exec(select(User).where(User.email == "new-row@example.test")).one()
    assert found.id == row_id


def test_fresh_in_order_sorts_by_position_then_id_and_rereads(
    session: Session, engine: Engine, world
) -> None:
    pid = world.project.id
    others = world.other_project.id
    for name, position in (("b", 2), ("a", 1), ("c", 1), ("elsewhere", 0)):
        session.add(
            BoardColumn(
                project_id=others if name == "elsewhere" else pid, name=name, position=position
            )
        )
    session.commit()
    mine = fresh_in_order(session, BoardColumn, BoardColumn.project_id == pid)
    assert [c.name for c in mine if c.name in ("a", "b", "c")] == ["a", "c", "b"]
    # Another session's change reaches the rows this session already holds.
    with Session(engine) as other:
        other.exec(update(BoardColumn).where(BoardColumn.name == "b").values(position=0))
        other.commit()
    reread = fresh_in_order(session, BoardColumn, BoardColumn.project_id == pid)
    assert [c.name for c in reread if c.name in ("a", "b", "c")] == ["b", "a", "c"]
    assert next(c for c in reread if c.name == "b").position == 0  # not the stale 2
    assert all(c.project_id == pid for c in reread)
