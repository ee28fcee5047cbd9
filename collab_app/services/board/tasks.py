"""Tasks: create, edit, delete with undo (and restore).

Rules (all checked through ``collab_app.services.permissions``):

- managers and members create, edit, delete and restore any task; only managers change the
  "hidden from client" flag;
- a task the viewer may not see is ``NotFound``, whatever id is sent.

Edits carry the version the viewer last saw: the write is a single
``UPDATE ... WHERE id = ? AND version = ?``; when no row changes, someone else changed the task
meanwhile and ``Conflict("board.stale")`` is raised (nothing is overwritten). Every change
records a history line and commits (the commit moves the project's change version). Moves are in
``moves``; assignees, watchers and labels in ``people``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from collab_app.models import BoardColumn, Task, TaskAssignee, TaskLabel
from collab_app.models.board import TASK_DESCRIPTION_MAX, TASK_PRIORITIES, TASK_TITLE_MAX
from collab_app.services import clock, notifications, permissions
from collab_app.services.board.cards import CardView, locale_for
from collab_app.services.board.columns import column_ref, done_column_id, project_columns
from collab_app.services.board.history import about_task, record, record_and_commit
from collab_app.services.board.labels import check_labels
from collab_app.services.board.limits import clean_bool, clean_index, clean_name
from collab_app.services.board.moves import check_wip
from collab_app.services.board.people import check_people
from collab_app.services.board.positions import (
    card_for,
    expect_version,
    finish_task_change,
    guarded_update,
    lock_columns,
    place_task,
    renumber_column,
)
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from collab_app.services.project_lock import lock_project
from collab_app.services.viewer import Viewer


class _Unchanged:
    """Marker of a field left as it is (``UNCHANGED``)."""

    _instance: _Unchanged | None = None

    def __new__(cls) -> _Unchanged:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNCHANGED"

    def __bool__(self) -> bool:
        return False


UNCHANGED = _Unchanged()


def clean_title(title: object) -> str:
    """Return a trimmed one-line title.

    Args:
        title: What was typed.

    Returns:
        The title.

    Raises:
        ValidationError: Empty or longer than 200 characters.
    """
    return clean_name(
        title,
        required="board.title_required",
        too_long="board.title_too_long",
        limit=TASK_TITLE_MAX,
        field="title",
    )


def clean_description(description: object) -> str:
    """Return a Markdown description with normalized line ends.

    Args:
        description: What was typed (None means empty).

    Returns:
        The description.

    Raises:
        ValidationError: Not text, or longer than 20 000 characters.
    """
    if description is None:
        return ""
    if not isinstance(description, str):
        raise ValidationError("board.value_invalid", field="description")
    cleaned = description.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if len(cleaned) > TASK_DESCRIPTION_MAX:
        raise ValidationError(
            "board.description_too_long", field="description", max=TASK_DESCRIPTION_MAX
        )
    return cleaned


def clean_priority(priority: object) -> str:
    """Check a priority.

    Args:
        priority: ``low``, ``normal``, ``high`` or ``urgent``.

    Returns:
        The priority.

    Raises:
        ValidationError: Anything else.
    """
    if priority not in TASK_PRIORITIES:
        raise ValidationError("board.priority_invalid", field="priority")
    return str(priority)


def clean_due_date(due: object) -> date | None:
    """Parse a due date.

    Args:
        due: None or empty (no due date), a ``date``, or ISO ``YYYY-MM-DD`` text.

    Returns:
        The date or None.

    Raises:
        ValidationError: Not a date, or outside years 2000-2100.
    """
    if due is None or (isinstance(due, str) and not due.strip()):
        return None
    if isinstance(due, datetime):
        due = due.date()
    if isinstance(due, str):
        try:
            due = date.fromisoformat(due.strip()[:10])
        except ValueError as exc:
            raise ValidationError("board.due_invalid", field="due_date") from exc
    if not isinstance(due, date) or not 2000 <= due.year <= 2100:
        raise ValidationError("board.due_invalid", field="due_date")
    return due


def _target_column(session: Session, project_id: int, column_id: object) -> BoardColumn:
    if column_id is None:
        columns = project_columns(session, project_id)
        if not columns:
            raise NotFound(field="column_id")
        return columns[0]
    cid = permissions.coerce_id(column_id)
    column = session.exec(
        select(BoardColumn)
        .where(BoardColumn.id == cid, BoardColumn.project_id == project_id)
        .execution_options(populate_existing=True)
    ).first()
    if column is None:
        raise NotFound(field="column_id")
    return column


@dataclass(frozen=True, slots=True)
class TaskFields:
    """A task's editable fields as a form sends them, validated by ``cleaned``.

    A field left ``UNCHANGED`` keeps its value in an edit, and takes its default for a new task
    (no title: ``board.title_required``).

    Attributes:
        title: 1-200 characters, one line.
        description: Markdown, up to 20 000 characters (None: empty).
        priority: ``low``, ``normal`` (the default), ``high`` or ``urgent``.
        due_date: ISO date, ``date`` or None; None or empty clears it.
        is_blocked: Whether the task is blocked.
        hidden_from_client: Hidden from the project's clients (managers only, when it changes).
    """

    title: object = UNCHANGED
    description: object = UNCHANGED
    priority: object = UNCHANGED
    due_date: object = UNCHANGED
    is_blocked: object = UNCHANGED
    hidden_from_client: object = UNCHANGED

    def cleaned(self, task: Task | None = None) -> dict[str, object]:
        """Validate the fields, in the form's order.

        Args:
            task: The task being edited: only the fields sent and different from its values
                are returned. None for a new task: every field, with its default if not sent.

        Returns:
            Column name -> clean value.

        Raises:
            ValidationError: The first bad field.
        """
        values: dict[str, object] = {}
        for column, (clean, default) in _FIELD_RULES.items():
            raw = getattr(self, column)
            if raw is UNCHANGED and task is not None:
                continue
            new = clean(default if raw is UNCHANGED else raw)
            if task is None or new != getattr(task, column):
                values[column] = new
        return values


_FIELD_RULES: dict[str, tuple[Callable[[object], object], object]] = {
    "title": (clean_title, ""),
    "description": (clean_description, ""),
    "priority": (clean_priority, "normal"),
    "due_date": (clean_due_date, None),
    "is_blocked": (lambda value: clean_bool(value, "is_blocked"), False),
    "hidden_from_client": (lambda value: clean_bool(value, "hidden"), False),
}


def create_task(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    fields: TaskFields,
    column_id: object = None,
    index: object = None,
    assignee_ids: object = (),
    label_ids: object = (),
    confirm_over_limit: bool = False,
    locale: str | None = None,
) -> CardView:
    """Create a task (managers and members).

    Args:
        viewer: A manager or member of the project.
        fields: The task's fields (``hidden_from_client``: managers only).
        column_id: Target column (default: the first column).
        index: Place in the column (default: at the end).
        assignee_ids: People of the project's team or its guests.
        label_ids: Labels of the project.
        confirm_over_limit: The viewer confirmed adding to a column at its WIP limit.
        locale: Language of the column name in a WIP message.

    Returns:
        The new card.

    Raises:
        PermissionDenied: Guest or client; or a member asking for a hidden task.
        NotFound: Unknown column, assignee or label id for this project.
        ValidationError: A bad field.
        WipLimitReached: The column is full and ``confirm_over_limit`` is False.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.TASK_EDIT_ROLES
    )
    pid = access.project.id
    values = fields.cleaned()
    if values["hidden_from_client"] and not permissions.can_manage_board(access):
        raise PermissionDenied("board.hidden_managers_only")
    at = None if index is None else clean_index(index)
    people = check_people(session, access, assignee_ids, "assignees")
    labels = check_labels(session, access, label_ids)
    column = _target_column(session, pid, column_id)
    lock_columns(session, pid, [column.id])
    check_wip(
        session, column, confirm=confirm_over_limit, locale=locale_for(viewer, locale), exclude=None
    )
    now = clock.now()
    done = column.id == done_column_id(project_columns(session, pid))
    task = Task(
        **values,
        project_id=pid,
        column_id=column.id,
        position=10**6,
        created_by_id=viewer.user_id,
        created_at=now,
        updated_at=now,
        completed_at=now if done else None,
    )
    session.add(task)
    session.flush()
    place_task(session, column.id, task.id, at)
    session.add_all(TaskAssignee(task_id=task.id, user_id=uid) for uid in people)
    session.add_all(TaskLabel(task_id=task.id, label_id=lid) for lid in labels)
    session.flush()
    notifications.task_assigned(session, actor_id=viewer.user_id, task=task, user_ids=set(people))
    record(session, **about_task(viewer, task), kind="task_created", column=column_ref(column))
    return finish_task_change(session, viewer, task.id, access)


def update_task(
    session: Session,
    viewer: Viewer,
    *,
    task_id: object,
    expected_version: object,
    fields: TaskFields,
) -> CardView:
    """Edit a task's fields (managers and members); fields left ``UNCHANGED`` keep their value.

    Args:
        viewer: A manager or member of the project.
        expected_version: The version the viewer last saw.
        fields: The new values (``hidden_from_client``: managers only, when it changes).

    Returns:
        The card after the change.

    Raises:
        NotFound: The viewer may not see the task.
        PermissionDenied: Guest or client; or a member changing the hidden flag.
        Conflict: ``board.stale`` when someone changed the task meanwhile.
        ValidationError: A bad field.
    """
    ta = permissions.require_task(session, viewer, task_id, roles=permissions.TASK_EDIT_ROLES)
    task, access = ta.task, ta.access
    values = fields.cleaned(task)
    if "hidden_from_client" in values and not permissions.can_manage_board(access):
        raise PermissionDenied("board.hidden_managers_only")
    expected = expect_version(task, expected_version)
    if not values:
        return card_for(session, viewer, task, access)
    lock_project(session, task.project_id)
    guarded_update(session, task, expected, **values)
    base = about_task(viewer, task)
    fields = [f"board.field.{name}" for name in values if name not in ("hidden_from_client",)]
    if "is_blocked" in values:
        fields.remove("board.field.is_blocked")
        record(session, **base, kind="task_blocked" if values["is_blocked"] else "task_unblocked")
        if values["is_blocked"]:
            notifications.task_blocked(session, actor_id=viewer.user_id, task=task)
    if fields:
        record(session, **base, kind="task_updated", fields=fields)
    if "hidden_from_client" in values:
        kind = "task_hidden" if values["hidden_from_client"] else "task_shown"
        record(session, **base, kind=kind, client_visible=False)
    return finish_task_change(session, viewer, task.id, access)


def delete_task(
    session: Session, viewer: Viewer, *, task_id: object, expected_version: object = None
) -> None:
    """Delete a task with undo (managers and members): it disappears until ``restore_task``.

    Args:
        viewer: A manager or member of the project.
        expected_version: The version the viewer last saw (None: delete whatever the version).

    Raises:
        NotFound: The viewer may not see the task.
        PermissionDenied: Guest or client.
        Conflict: ``board.stale`` when a version is given and someone changed the task.
    """
    ta = permissions.require_task(session, viewer, task_id, roles=permissions.TASK_EDIT_ROLES)
    task = ta.task
    expected = None if expected_version is None else expect_version(task, expected_version)
    lock_columns(session, task.project_id, [task.column_id])
    guarded_update(session, task, expected, deleted_at=clock.now())
    renumber_column(session, task.column_id)
    record_and_commit(session, **about_task(viewer, task), kind="task_deleted")


def restore_task(session: Session, viewer: Viewer, *, task_id: object) -> CardView:
    """Undo a deletion (managers and members): the task returns to its column and place.

    Args:
        viewer: A manager or member of the project.
        task_id: Id of a deleted task.

    Returns:
        The restored card.

    Raises:
        NotFound: No deleted task with that id on a project the viewer is on as team.
        PermissionDenied: Never for guests/clients (they get NotFound).
    """
    ta = permissions.require_task(
        session, viewer, task_id, roles=permissions.TASK_EDIT_ROLES, deleted=True
    )
    task, access = ta.task, ta.access
    lock_columns(session, task.project_id, [task.column_id])
    guarded_update(session, task, None, deleted=True, deleted_at=None)
    place_task(session, task.column_id, task.id, task.position)
    record(session, **about_task(viewer, task), kind="task_restored")
    return finish_task_change(session, viewer, task.id, access)
