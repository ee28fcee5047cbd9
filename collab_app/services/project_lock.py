"""The per-project write lock: how concurrent writes to one project are put in order.

Every write that reads a project's rows to decide what to write (board positions, revision
numbering, change orders) takes this lock first, before any other row of the project, so two
writers always lock in the same order and can never deadlock. The lock lasts until the
transaction ends (commit or rollback).

Two strengths, one place (the board and the revisions area used to declare their own):

- ``lock_project(session, project_id)``: PostgreSQL ``FOR NO KEY UPDATE`` of the project's row.
  Board writes serialize on it while inserts that merely reference the project (history lines,
  notifications, other areas' rows) go on unblocked.
- ``lock_project(session, project_id, hold_references=True)``: ``FOR UPDATE``. It also holds back
  other transactions' inserts of rows referencing the project (their foreign-key check takes
  ``FOR KEY SHARE`` on it) until this one ends: the revisions area numbers rounds and items from
  what exists and must not see a row appear under it.

On SQLite both do nothing (no statement: SQLite has no row lock): the first write of the
transaction takes the database's write lock instead, so callers write before they read what the
lock protects.
"""

from __future__ import annotations

from sqlalchemy import bindparam
from sqlmodel import Session, select

from collab_app.models import Project

# Built once (a card move takes the lock on every drop): the SQL is compiled and cached once.
_LOCKS = {
    hold: select(Project.id)
    .where(Project.id == bindparam("project_id"))
    .with_for_update(key_share=not hold)
    for hold in (False, True)
}


def lock_project(session: Session, project_id: int, *, hold_references: bool = False) -> None:
    """Take the project's write lock for the rest of the transaction.

    Args:
        project_id: The project (already checked against the viewer by the caller).
        hold_references: Also hold back other transactions' inserts referencing the project
            (``FOR UPDATE`` instead of ``FOR NO KEY UPDATE``).
    """
    if session.get_bind().dialect.name == "sqlite":
        return  # SQLite has no row lock: the transaction's first write takes its write lock
    session.exec(_LOCKS[hold_references], params={"project_id": project_id}).first()
