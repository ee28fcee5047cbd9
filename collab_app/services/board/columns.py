"""A project's columns: the default ones, their names in each language, "to do" and "done".

Column changes by managers are in ``column_edits``; this module only reads columns and creates
the default ones (for a new project, see ``services.projects``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import bindparam
from sqlmodel import Session, select

from collab_app.i18n import translate
from collab_app.models import BoardColumn, Label
from collab_app.services import permissions
from collab_app.services.errors import NotFound
from collab_app.services.viewer import Viewer

TODO_KEY = "board.col_todo"
DONE_KEY = "board.col_done"
DEFAULT_COLUMN_KEYS = (TODO_KEY, "board.col_in_progress", "board.col_review", DONE_KEY)
MAX_COLUMNS = 20

# A board row that belongs to one project (a column or a label).
Owned = TypeVar("Owned", BoardColumn, Label)


def create_default_columns(session: Session, project_id: int) -> None:
    """Add the four default columns to a new project (no permission check; the caller commits).

    Their names are message keys, so each viewer reads them in their own language.

    Args:
        project_id: The new project.
    """
    for position, key in enumerate(DEFAULT_COLUMN_KEYS):
        session.add(BoardColumn(project_id=project_id, default_key=key, position=position))
    session.flush()


def ensure_default_columns(session: Session, project_id: int) -> bool:
    """Give a project without any column the default ones (for projects made before the board).

    Args:
        session: Database session; the caller commits.
        project_id: The project.

    Returns:
        True when columns were added.
    """
    exists = session.exec(
        select(BoardColumn.id).where(BoardColumn.project_id == project_id).limit(1)
    ).first()
    if exists is not None:
        return False
    create_default_columns(session, project_id)
    return True


def column_label(column: BoardColumn, locale: str) -> str:
    """Return a column's name in a language: its own name, or its default name translated.

    Args:
        column: The column.
        locale: ``en`` or ``fr``.

    Returns:
        The name.
    """
    return column.name or translate(column.default_key, locale)


def column_ref(column: BoardColumn) -> str:
    """Return what a history line stores for a column: its name, or its default key.

    Args:
        column: The column.

    Returns:
        A name or a message key (translated when the line is read).
    """
    return column.name or column.default_key


def _column_with_key(
    columns: Sequence[BoardColumn], key: str, fallback: BoardColumn | None
) -> int | None:
    for column in columns:
        if column.default_key == key:
            return column.id
    return fallback.id if fallback is not None else None


def done_column_id(columns: Sequence[BoardColumn]) -> int | None:
    """Return the column meaning "done": the default Done column, else the last one.

    Args:
        columns: The project's columns sorted by position.

    Returns:
        Its id, or None when there are no columns.
    """
    return _column_with_key(columns, DONE_KEY, columns[-1] if columns else None)


def todo_column_id(columns: Sequence[BoardColumn]) -> int | None:
    """Return the column meaning "to do": the default To do column, else the first one.

    Args:
        columns: The project's columns sorted by position.

    Returns:
        Its id, or None when there are no columns.
    """
    return _column_with_key(columns, TODO_KEY, columns[0] if columns else None)


# Built once: every board read and every card move runs it.
_PROJECT_COLUMNS = (
    select(BoardColumn)
    .where(BoardColumn.project_id == bindparam("project_id"))
    .order_by(BoardColumn.position, BoardColumn.id)
    .execution_options(populate_existing=True)
)


def project_columns(session: Session, project_id: int) -> list[BoardColumn]:
    """Return a project's columns sorted by position.

    Args:
        project_id: The project.

    Returns:
        The columns.
    """
    return list(session.exec(_PROJECT_COLUMNS, params={"project_id": project_id}).all())


def require_managed(
    session: Session, viewer: Viewer, model: type[Owned], raw_id: object
) -> tuple[Owned, permissions.ProjectAccess]:
    """Return a column or label of a project the viewer manages, read afresh.

    Args:
        model: ``BoardColumn`` or ``Label``.
        raw_id: Id received from the client, of any type.

    Returns:
        (row, access).

    Raises:
        NotFound: Unknown row, or on a project the viewer is not on.
        PermissionDenied: The viewer is on the project but not a manager.
    """
    # Re-read the row: a concurrent edit may have changed it since this session last saw it.
    row = session.exec(
        select(model)
        .where(model.id == permissions.coerce_id(raw_id))
        .execution_options(populate_existing=True)
    ).first()
    if row is None:
        raise NotFound()
    access = permissions.require_project(
        session, viewer, row.project_id, roles=permissions.BOARD_MANAGE_ROLES
    )
    return row, access
