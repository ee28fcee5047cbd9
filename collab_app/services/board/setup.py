"""Board setup by managers: columns (add, rename, reorder, delete empty, WIP limit) and labels.

Every change records a history line (internal: ``client_visible=False``) and bumps the project's
change version before committing.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import delete, func, update
from sqlmodel import Session, select

from collab_app.models import BoardColumn, Label, Task, TaskLabel
from collab_app.services import clock, permissions, projects
from collab_app.services.board.common import column_ref, project_columns, record
from collab_app.services.board.validate import (
    COLUMN_NAME_MAX,
    DEFAULT_COLUMN_KEYS,
    LABEL_COLORS,
    LABEL_NAME_MAX,
    WIP_LIMIT_MAX,
    clean_index,
)
from collab_app.services.board.views import LabelView
from collab_app.services.board.writes import lock_project
from collab_app.services.errors import Conflict, NotFound, ValidationError
from collab_app.services.viewer import Viewer

# A board row that belongs to one project (a column or a label).
_Owned = TypeVar("_Owned", BoardColumn, Label)

MAX_COLUMNS = 20
MAX_LABELS = 50


def create_default_columns(session: Session, project_id: int) -> None:
    """Add the four default columns to a new project (no permission check; the caller commits).

    Their names are message keys, so each viewer reads them in their own language.

    Args:
        session: Database session.
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


def _clean_column_name(name: object) -> str:
    cleaned = " ".join(name.split()) if isinstance(name, str) else ""
    if not cleaned:
        raise ValidationError("board.column_name_required", field="name")
    if len(cleaned) > COLUMN_NAME_MAX:
        raise ValidationError("board.column_name_too_long", field="name", max=COLUMN_NAME_MAX)
    return cleaned


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


def _require_managed(
    session: Session, viewer: Viewer, model: type[_Owned], raw_id: object
) -> tuple[_Owned, permissions.ProjectAccess]:
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


def require_column(
    session: Session, viewer: Viewer, column_id: object
) -> tuple[BoardColumn, permissions.ProjectAccess]:
    """Return a column of a project the viewer manages.

    Args:
        session: Database session.
        viewer: The signed-in person.
        column_id: Id received from the client, of any type.

    Returns:
        (column, access).

    Raises:
        NotFound: Unknown column, or on a project the viewer is not on.
        PermissionDenied: The viewer is on the project but not a manager.
    """
    return _require_managed(session, viewer, BoardColumn, column_id)


def _finish(session: Session, project_id: int) -> None:
    projects.bump_version(session, project_id)
    session.commit()


def add_column(
    session: Session, viewer: Viewer, *, project_id: object, name: str, wip_limit: object = None
) -> int:
    """Add a column at the right end of the board (managers).

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
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
    record(
        session,
        project_id=pid,
        actor_id=viewer.user_id,
        kind="column_added",
        client_visible=False,
        column=cleaned,
    )
    _finish(session, pid)
    return column.id


def rename_column(session: Session, viewer: Viewer, *, column_id: object, name: str) -> None:
    """Rename a column (managers); a default column then shows this name in every language.

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        column_id: Id received from the client.
        name: New name (1-60 characters).
    """
    column, _ = require_column(session, viewer, column_id)
    cleaned = _clean_column_name(name)
    before = column_ref(column)
    if cleaned == column.name:
        return
    lock_project(session, column.project_id)
    column.name = cleaned
    session.add(column)
    record(
        session,
        project_id=column.project_id,
        actor_id=viewer.user_id,
        kind="column_renamed",
        client_visible=False,
        old=before,
        new=cleaned,
    )
    _finish(session, column.project_id)


def set_wip_limit(
    session: Session, viewer: Viewer, *, column_id: object, wip_limit: object
) -> None:
    """Set or clear a column's WIP limit (managers). The limit is soft: moves past it ask first.

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        column_id: Id received from the client.
        wip_limit: None/empty to clear, else 1-999 (int or digits).
    """
    column, _ = require_column(session, viewer, column_id)
    limit = _clean_wip_limit(wip_limit)
    if limit == column.wip_limit:
        return
    lock_project(session, column.project_id)
    column.wip_limit = limit
    session.add(column)
    record(
        session,
        project_id=column.project_id,
        actor_id=viewer.user_id,
        kind="column_limit" if limit else "column_limit_cleared",
        client_visible=False,
        column=column_ref(column),
        limit=limit or 0,
    )
    _finish(session, column.project_id)


def move_column(session: Session, viewer: Viewer, *, column_id: object, index: object) -> None:
    """Move a column to another place on the board (managers); positions stay dense.

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        column_id: Id received from the client.
        index: New 0-based place (clamped).
    """
    column, _ = require_column(session, viewer, column_id)
    at = clean_index(index)
    pid = column.project_id
    lock_project(session, pid)
    others = [c for c in project_columns(session, pid) if c.id != column.id]
    at = min(at, len(others))
    ordered = [*others[:at], column, *others[at:]]
    if [c.position for c in ordered] == list(range(len(ordered))) and column.position == at:
        return
    for position, item in enumerate(ordered):
        if item.position != position:
            item.position = position
            session.add(item)
    record(
        session,
        project_id=pid,
        actor_id=viewer.user_id,
        kind="column_moved",
        client_visible=False,
        column=column_ref(column),
    )
    _finish(session, pid)


def delete_column(session: Session, viewer: Viewer, *, column_id: object) -> None:
    """Delete an empty column (managers); at least one column always remains.

    Deleted-with-undo tasks still parked in the column move to the first remaining column, so
    that undo keeps working.

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        column_id: Id received from the client.

    Raises:
        Conflict: The column still has cards (``board.column_not_empty``) or is the last one
            (``board.last_column``).
    """
    column, _ = require_column(session, viewer, column_id)
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
    for position, item in enumerate(others):
        if item.position != position:
            item.position = position
            session.add(item)
    record(
        session,
        project_id=pid,
        actor_id=viewer.user_id,
        kind="column_deleted",
        client_visible=False,
        column=ref,
    )
    _finish(session, pid)


# --- Labels --------------------------------------------------------------------------------------


def _clean_label(
    session: Session, project_id: int, name: object, color: object, *, skip: int | None
):
    cleaned = " ".join(name.split()) if isinstance(name, str) else ""
    if not cleaned:
        raise ValidationError("board.label_name_required", field="name")
    if len(cleaned) > LABEL_NAME_MAX:
        raise ValidationError("board.label_name_too_long", field="name", max=LABEL_NAME_MAX)
    if color not in LABEL_COLORS:
        raise ValidationError("board.label_color_invalid", field="color")
    clash = session.exec(
        select(Label.id).where(
            Label.project_id == project_id,
            func.lower(Label.name) == cleaned.lower(),
            Label.id != (skip or 0),
        )
    ).first()
    if clash is not None:
        raise ValidationError("board.label_name_taken", field="name")
    return cleaned, str(color)


def require_label(
    session: Session, viewer: Viewer, label_id: object
) -> tuple[Label, permissions.ProjectAccess]:
    """Return a label of a project the viewer manages.

    Args:
        session: Database session.
        viewer: The signed-in person.
        label_id: Id received from the client, of any type.

    Returns:
        (label, access).

    Raises:
        NotFound: Unknown label, or on a project the viewer is not on.
        PermissionDenied: The viewer is on the project but not a manager.
    """
    return _require_managed(session, viewer, Label, label_id)


def create_label(
    session: Session, viewer: Viewer, *, project_id: object, name: str, color: str
) -> LabelView:
    """Create a project label (managers).

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        name: 1-40 characters, unique in the project (case-insensitive).
        color: One of ``LABEL_COLORS``.

    Returns:
        The label.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.BOARD_MANAGE_ROLES
    )
    pid = access.project.id
    lock_project(session, pid)
    cleaned, color = _clean_label(session, pid, name, color, skip=None)
    count = session.exec(select(func.count()).select_from(Label).where(Label.project_id == pid))
    if count.one() >= MAX_LABELS:
        raise ValidationError("board.too_many_labels", field="name", max=MAX_LABELS)
    label = Label(project_id=pid, name=cleaned, color=color, created_at=clock.now())
    session.add(label)
    session.flush()
    record(
        session,
        project_id=pid,
        actor_id=viewer.user_id,
        kind="label_added",
        client_visible=False,
        label=cleaned,
    )
    _finish(session, pid)
    return LabelView(label.id, label.name, label.color)


def update_label(
    session: Session, viewer: Viewer, *, label_id: object, name: str, color: str
) -> LabelView:
    """Rename or recolour a label (managers).

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        label_id: Id received from the client.
        name: 1-40 characters, unique in the project.
        color: One of ``LABEL_COLORS``.

    Returns:
        The label.
    """
    label, _ = require_label(session, viewer, label_id)
    lock_project(session, label.project_id)
    cleaned, color = _clean_label(session, label.project_id, name, color, skip=label.id)
    if (cleaned, color) != (label.name, label.color):
        old = label.name
        label.name, label.color = cleaned, color
        session.add(label)
        record(
            session,
            project_id=label.project_id,
            actor_id=viewer.user_id,
            kind="label_updated",
            client_visible=False,
            old=old,
            new=cleaned,
        )
        _finish(session, label.project_id)
    return LabelView(label.id, label.name, label.color)


def delete_label(session: Session, viewer: Viewer, *, label_id: object) -> None:
    """Delete a label and take it off every task (managers).

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        label_id: Id received from the client.
    """
    label, _ = require_label(session, viewer, label_id)
    pid, name = label.project_id, label.name
    lock_project(session, pid)
    session.exec(delete(TaskLabel).where(TaskLabel.label_id == label.id))
    session.delete(label)
    record(
        session,
        project_id=pid,
        actor_id=viewer.user_id,
        kind="label_deleted",
        client_visible=False,
        label=name,
    )
    _finish(session, pid)


def project_labels(session: Session, project_id: int) -> tuple[LabelView, ...]:
    """Return a project's labels sorted by name (labels are visible to everyone on the project).

    Args:
        session: Database session.
        project_id: The project.

    Returns:
        The labels.
    """
    rows = session.exec(
        select(Label.id, Label.name, Label.color)
        .where(Label.project_id == project_id)
        .order_by(func.lower(Label.name), Label.id)
    ).all()
    return tuple(LabelView(i, n, c) for i, n, c in rows)
