"""Writing a new row on its own: add it, commit it and hand back its id."""

from __future__ import annotations

from sqlmodel import Session, SQLModel


def commit_new(session: Session, row: SQLModel) -> int:
    """Add a new row, commit it and return the id the database gave it.

    The id is read after the flush and before the commit, which expires the row: the caller gets
    it without a second read.

    Args:
        session: The database session; committed here.
        row: The new row (a table with an ``id`` primary key).

    Returns:
        The row's id.
    """
    session.add(row)
    session.flush()
    row_id = row.id
    session.commit()
    return row_id
