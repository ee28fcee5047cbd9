"""The kernel's write of a new row: committed, its id handed back."""

from __future__ import annotations

from sqlmodel import Session, select

from collab_app.models import User
from collab_app.services.new_rows import commit_new


def test_commits_the_row_and_returns_its_id(session: Session) -> None:
    row = User(email="new-row@example.test", display_name="New row", password_hash="x")
    row_id = commit_new(session, row)
    assert isinstance(row_id, int) and row_id > 0
    assert not session.new and not session.dirty
    session.rollback()  # nothing left to roll back: the row was committed
    found = session.exec(select(User).where(User.email == "new-row@example.test")).one()
    assert found.id == row_id
