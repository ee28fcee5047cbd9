"""Managers' changes to a board's columns: add, rename, reorder, delete an empty one, WIP limit.

Every change records an internal history line and commits (``history.record_and_commit``); the
change signal's session hook moves the project's change version at that commit.
"""

from __future__ import annotations

from sqlalchemy import func, update
from sqlmodel import Session, select

from collab_app.models import BoardColumn, Task
from collab_app.services import permissions
from collab_app.services.board.columns import (
    MAX_COLUMNS,
    column_ref,
    project_columns,
    require_managed,
)
from collab_app.services.board.history import record_and_commit
from collab_app.services.board.limits import clean_index, clean_name
from collab_app.services.errors import Conflict, ValidationError
from collab_app.services.project_lock import lock_project
from collab_app.services.viewer import Viewer

COLUMN_NAME_MAX = 60
WIP_LIMIT_MAX = 999


def _clean_column_name(name: object) -> str:
    return clean_name(
        name,
        required="board.column_name_required",
        too_long="board.column_name_too_long",
        limit=COLUMN_NAME_MAX,
    )


def _clean_wip_limit(wip_limit: object) -> int | None:
    if wip_limit is None or (isinstance(wip_limit, str) and not wip_limit.strip()):
        return None
    if isinstance(wip_limit, str) and wip_limit.strip().isdigit() and len(wip_limit) < 6:
        wip_limit = int(wip_limit.strip())
    if (
        isinstance(wip_limit, bool)
        or not isinstance(wip_limit, int)
        or not 1 <= wip_limit <= WIP_LIMIT_MAX
    ):
        raise ValidationError("board.wip_invalid", field="wip_limit", max=WIP_LIMIT_MAX)
    return wip_limit


def _renumber(session: Session, ordered: list[BoardColumn]) -> None:
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            session.add(item)


def _set(
    session: Session,
    viewer: Viewer,
    column: BoardColumn,
    field: str,
    value: object,
    kind: str,
    /,
    **detail: object,
) -> None:
    """Change one field of a column, if it changes, with its history line; then commit."""
    if getattr(column, field) == value:
        return
    lock_project(session, column.project_id)
    setattr(column, field, value)
    session.add(column)
    record_and_commit(
        session, project_id=column.project_id, actor_id=viewer.user_id, kind=kind, **detail
    )


def add_column(
    session: Session, viewer: Viewer, *, project_id: object, name: str, wip_limit: object = None
) -> int:
    """Add a column at the right end of the board (managers).

    Args:
        viewer: A manager of the project.
        name: Column name (1-60 characters).
        wip_limit: None/empty for no limit, else 1-999.

    Returns:
        The new column's id.

    Raises:
        ValidationError: Bad name or limit, or already 20 columns.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.BOARD_MANAGE_ROLES
    )
    cleaned, limit = _clean_column_name(name), _clean_wip_limit(wip_limit)
    pid = access.project.id
    lock_project(session, pid)
    columns = project_columns(session, pid)
    if len(columns) >= MAX_COLUMNS:
        raise ValidationError("board.too_many_columns", field="name", max=MAX_COLUMNS)
    column = BoardColumn(project_id=pid, name=cleaned, position=len(columns), wip_limit=limit)
    session.add(column)
    session.flush()
    column_id = column.id
    record_and_commit(
        session, project_id=pid, actor_id=viewer.user_id, kind="column_added", column=cleaned
    )
    return column_id


def rename_column(session: Session, viewer: Viewer, *, column_id: object, name: str) -> None:
    """Rename a column (managers); a default column then shows this name in every language.

    Args:
        viewer: A manager of the project.
        name: New name (1-60 characters).
    """
    column, _ = require_managed(session, viewer, BoardColumn, column_id)
    cleaned = _clean_column_name(name)
    detail = {"old": column_ref(column), "new": cleaned}
    _set(session, viewer, column, "name", cleaned, "column_renamed", **detail)


def set_wip_limit(
    session: Session, viewer: Viewer, *, column_id: object, wip_limit: object
) -> None:
    """Set or clear a column's WIP limit (managers). The limit is soft: moves past it ask first.

    Args:
        viewer: A manager of the project.
        wip_limit: None/empty to clear, else 1-999 (int or digits).
    """
    column, _ = require_managed(session, viewer, BoardColumn, column_id)
    limit = _clean_wip_limit(wip_limit)
    kind = "column_limit" if limit else "column_limit_cleared"
    _set(
        session,
        viewer,
        column,
        "wip_limit",
        limit,
        kind,
        column=column_ref(column),
        limit=limit or 0,
    )


def move_column(session: Session, viewer: Viewer, *, column_id: object, index: object) -> None:
    """Move a column to another place on the board (managers); positions stay dense.

    Args:
        viewer: A manager of the project.
        index: New 0-based place (clamped).
    """
    column, _ = require_managed(session, viewer, BoardColumn, column_id)
    at = clean_index(index)
    pid = column.project_id
    lock_project(session, pid)
    others = [c for c in project_columns(session, pid) if c.id != column.id]
    at = min(at, len(others))
    ordered = [*others[:at], column, *others[at:]]
    if [c.position for c in ordered] == list(range(len(ordered))) and column.position == at:
        return
    _renumber(session, ordered)
    record_and_commit(
        session,
        project_id=pid,
        actor_id=viewer.user_id,
        kind="column_moved",
        column=column_ref(column),
    )


def delete_column(session: Session, viewer: Viewer, *, column_id: object) -> None:
    """Delete an empty column (managers); at least one column always remains.

    Deleted-with-undo tasks still parked in the column move to the first remaining column, so
    that undo keeps working.

    Args:
        viewer: A manager of the project.

    Raises:
        Conflict: The column still has cards (``board.column_not_empty``) or is the last one
            (``board.last_column``).
    """
    column, _ = require_managed(session, viewer, BoardColumn, column_id)
    pid = column.project_id
    lock_project(session, pid)
    live = session.exec(
        select(func.count())
        .select_from(Task)
        .where(Task.column_id == column.id, Task.deleted_at.is_(None))
    ).one()
    if live:
        raise Conflict("board.column_not_empty", count=live)
    others = [c for c in project_columns(session, pid) if c.id != column.id]
    if not others:
        raise Conflict("board.last_column")
    session.exec(
        update(Task)
        .where(Task.column_id == column.id)
        .values(column_id=others[0].id, position=10**6)
        .execution_options(synchronize_session=False)
    )
    ref = column_ref(column)
    session.delete(column)
    _renumber(session, others)
    record_and_commit(
        session, project_id=pid, actor_id=viewer.user_id, kind="column_deleted", column=ref
    )
