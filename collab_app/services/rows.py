"""Rows written and read the same way in every area: a new row committed, ordered rows re-read."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, select

M = TypeVar("M", bound=SQLModel)


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


def fresh_in_order(session: Session, model: type[M], *where: Any) -> list[M]:
    """Return the rows of a positioned table that match, by position then id, freshly read.

    The rows already in the session are overwritten with what the database holds now
    (``populate_existing``): another transaction may have moved or changed them.

    Args:
        session: The database session.
        model: A table with ``position`` and ``id`` columns (invoice lines, tasks).
        *where: The conditions (the parent, what the viewer may see).

    Returns:
        The rows.
    """
    return list(
        session.exec(
            select(model)
            .where(*where)
            .order_by(model.position, model.id)
            .execution_options(populate_existing=True)
        ).all()
    )
