"""Claims: the conditional updates that make a step happen exactly once.

Shared by the areas: feedback's rounds, reminders, answers and follow-ups, and revisions'
submissions, decisions and versioned writes. A runner claims a step with one
``UPDATE ... WHERE <still to do>``; the database lets only one runner's update match the row. On
PostgreSQL the losing UPDATE waits for the winner's commit and then matches no row; on SQLite
writers are serialized by the database lock.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session


def claim(session: Session, model: type, *conditions: ColumnElement[bool], **values: Any) -> int:
    """Set ``values`` on the rows of ``model`` matching ``conditions``; the caller commits.

    The session's loaded objects are not synchronized: re-read them (``populate_existing``) or
    refresh them after the commit.

    Args:
        model: The table's model.
        *conditions: What the rows must still match (the claim's guard).
        **values: The columns to set.

    Returns:
        How many rows matched (1: this runner won the claim).
    """
    statement = update(model).where(*conditions).values(**values)
    return session.exec(statement.execution_options(synchronize_session=False)).rowcount
