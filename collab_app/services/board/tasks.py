"""Changes to tasks: create, edit, delete with undo, move/reorder, assignees, labels, watchers.

Rules (all checked through ``collab_app.services.permissions``):

- managers and members create, edit, delete and restore any task; only managers change the
  "hidden from client" flag;
- guests move the tasks they see and watch/unwatch them; clients are read-only on tasks (they
  may watch the tasks they see);
- a task the viewer may not see is ``NotFound``, whatever id is sent.

Edits and moves carry the version the viewer last saw: the write is a single
``UPDATE ... WHERE id = ? AND version = ?``; when no row changes, someone else changed the task
meanwhile and ``Conflict("board.stale")`` is raised (nothing is overwritten). Every change
records a history line and bumps the project's change version before committing.
"""

from __future__ import annotations

from sqlalchemy import func, update
from sqlmodel import Session, select

from collab_app.models import BoardColumn, Task, TaskAssignee, TaskLabel
from collab_app.services import clock, notifications, permissions, projects
from collab_app.services.board.common import (
    card_for,
    column_label,
    column_ref,
    done_column_id,
    locale_for,
    project_columns,
    record,
    todo_column_id,
)
from collab_app.services.board.people import check_labels, check_people
from collab_app.services.board.validate import (
    clean_bool,
    clean_description,
    clean_due_date,
    clean_index,
    clean_priority,
    clean_title,
)
from collab_app.services.board.views import UNCHANGED, CardView, WipLimitReached
from collab_app.services.board.writes import (
    column_positions,
    column_task_ids,
    expect_version,
    finish_task_change,
    guarded_update,
    lock_columns,
    lock_project,
    place_task,
    write_positions,
)
from collab_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from collab_app.services.notifications.catalog import REVIEW_COLUMN_KEY
from collab_app.services.viewer import Viewer


def _target_column(
    session: Session, project_id: int, column_id: object, *, default_first: bool = False
) -> BoardColumn:
    if column_id is None and default_first:
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


def _check_wip(
    session: Session, column: BoardColumn, *, confirm: bool, locale: str, exclude: int | None
) -> None:
    if column.wip_limit is None or confirm:
        return
    query = select(func.count()).select_from(Task)
    query = query.where(Task.column_id == column.id, Task.deleted_at.is_(None))
    if exclude is not None:
        query = query.where(Task.id != exclude)
    count = session.exec(query).one()
    if count >= column.wip_limit:
        raise WipLimitReached(
            column=column_label(column, locale), limit=column.wip_limit, count=count
        )


def create_task(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    title: str,
    column_id: object = None,
    index: object = None,
    description: str = "",
    priority: str = "normal",
    due_date: object = None,
    assignee_ids: object = (),
    label_ids: object = (),
    is_blocked: bool = False,
    hidden_from_client: bool = False,
    confirm_over_limit: bool = False,
    locale: str | None = None,
) -> CardView:
    """Create a task (managers and members).

    Args:
        session: Database session; committed here.
        viewer: A manager or member of the project.
        project_id: Id received from the client.
        title: 1-200 characters, one line.
        column_id: Target column (default: the first column).
        index: Place in the column (default: at the end).
        description: Markdown, up to 20 000 characters.
        priority: ``low``, ``normal``, ``high`` or ``urgent``.
        due_date: ISO date, ``date`` or None.
        assignee_ids: People of the project's team or its guests.
        label_ids: Labels of the project.
        is_blocked: Whether the task is blocked.
        hidden_from_client: Managers only.
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
    cleaned_title, cleaned_description = clean_title(title), clean_description(description)
    cleaned_priority, due = clean_priority(priority), clean_due_date(due_date)
    blocked, hidden = clean_bool(is_blocked, "is_blocked"), clean_bool(hidden_from_client, "hidden")
    if hidden and not permissions.can_manage_board(access):
        raise PermissionDenied("board.hidden_managers_only")
    at = None if index is None else clean_index(index)
    people = check_people(session, access, assignee_ids, "assignees")
    labels = check_labels(session, access, label_ids)
    column = _target_column(session, pid, column_id, default_first=True)
    lock_columns(session, pid, [column.id])
    _check_wip(
        session, column, confirm=confirm_over_limit, locale=locale_for(viewer, locale), exclude=None
    )
    now = clock.now()
    done = column.id == done_column_id(project_columns(session, pid))
    task = Task(
        project_id=pid,
        column_id=column.id,
        title=cleaned_title,
        description=cleaned_description,
        position=10**6,
        priority=cleaned_priority,
        due_date=due,
        hidden_from_client=hidden,
        is_blocked=blocked,
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
    record(
        session,
        project_id=pid,
        actor_id=viewer.user_id,
        task_id=task.id,
        kind="task_created",
        column=column_ref(column),
    )
    return finish_task_change(session, viewer, task.id, access)


def update_task(
    session: Session,
    viewer: Viewer,
    *,
    task_id: object,
    expected_version: object,
    title: object = UNCHANGED,
    description: object = UNCHANGED,
    priority: object = UNCHANGED,
    due_date: object = UNCHANGED,
    is_blocked: object = UNCHANGED,
    hidden_from_client: object = UNCHANGED,
) -> CardView:
    """Edit a task's fields (managers and members); fields left out keep their value.

    Args:
        session: Database session; committed here.
        viewer: A manager or member of the project.
        task_id: Id received from the client.
        expected_version: The version the viewer last saw.
        title: New title.
        description: New Markdown description.
        priority: New priority.
        due_date: New due date; None or empty clears it.
        is_blocked: New blocked flag.
        hidden_from_client: New hidden flag (managers only, when it changes).

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
    values: dict[str, object] = {}
    if title is not UNCHANGED and (new := clean_title(title)) != task.title:
        values["title"] = new
    if description is not UNCHANGED and (new := clean_description(description)) != (
        task.description
    ):
        values["description"] = new
    if priority is not UNCHANGED and (new := clean_priority(priority)) != task.priority:
        values["priority"] = new
    if due_date is not UNCHANGED and (new := clean_due_date(due_date)) != task.due_date:
        values["due_date"] = new
    if is_blocked is not UNCHANGED and (new := clean_bool(is_blocked, "is_blocked")) != (
        task.is_blocked
    ):
        values["is_blocked"] = new
    if hidden_from_client is not UNCHANGED and (
        new := clean_bool(hidden_from_client, "hidden")
    ) != (task.hidden_from_client):
        if not permissions.can_manage_board(access):
            raise PermissionDenied("board.hidden_managers_only")
        values["hidden_from_client"] = new
    expected = expect_version(task, expected_version)
    if not values:
        return card_for(session, viewer, task, access)
    lock_project(session, task.project_id)
    guarded_update(session, task, expected, **values)
    base = {"project_id": task.project_id, "actor_id": viewer.user_id, "task_id": task.id}
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


def _order_after_move(
    session: Session,
    viewer: Viewer,
    access: permissions.ProjectAccess,
    task_id: int,
    others: list[int],
    at: int,
) -> list[int]:
    """Return a column's order with the task at ``at`` among the cards the viewer sees.

    Args:
        session: Database session.
        viewer: The mover.
        access: The mover's access to the project.
        task_id: The moved task.
        others: The column's other live tasks, in board order.
        at: Index among the cards of the column that the viewer sees.

    Returns:
        Task ids, in the column's new order.
    """
    if access.is_team:
        visible = others  # the team sees every live task
    else:
        seen = set(
            session.exec(
                select(Task.id).where(
                    Task.id.in_(others), permissions.visible_tasks_clause(access, viewer)
                )
            ).all()
        )
        visible = [tid for tid in others if tid in seen]
    if at < len(visible):
        slot = others.index(visible[at])
    elif visible:
        slot = others.index(visible[-1]) + 1
    else:
        slot = len(others)
    return [*others[:slot], task_id, *others[slot:]]


def _check_change_order(
    session: Session, task: Task, target: BoardColumn, columns: list[BoardColumn]
) -> None:
    """Nothing starts before approval: a task held by a scope change stays in "to do".

    Raises:
        ValidationError: ``revisions.awaiting_approval`` when the task would leave "to do"
            while a change order it depends on is not approved.
    """
    from collab_app.services.revisions.change_orders import task_awaiting_approval

    if target.id != todo_column_id(columns) and task_awaiting_approval(session, task.id):
        raise ValidationError("revisions.awaiting_approval")


def _column_of(columns: list[BoardColumn], column_id: object) -> BoardColumn:
    cid = permissions.coerce_id(column_id)
    for column in columns:
        if column.id == cid:
            return column
    raise NotFound(field="column_id")


def move_task(
    session: Session,
    viewer: Viewer,
    *,
    task_id: object,
    column_id: object,
    index: object,
    expected_version: object,
    confirm_over_limit: bool = False,
    locale: str | None = None,
    with_card: bool = True,
) -> CardView | None:
    """Move a task to a place in a column (the same column reorders it); order persists.

    ``index`` counts among the cards of the target column that the viewer sees (for the team
    that is every card): the task goes just before the card the viewer sees at ``index``, or
    after the last card the viewer sees when ``index`` is past the end. Positions stay dense.

    Args:
        session: Database session; committed here.
        viewer: The team, or a guest on a task they see.
        task_id: Id received from the client.
        column_id: Target column of the same project.
        index: 0-based place in the target column.
        expected_version: The version the viewer last saw.
        confirm_over_limit: The viewer confirmed moving into a column at its WIP limit.
        locale: Language of the column name in a WIP message.
        with_card: Return the moved card (the board re-reads everything and passes False).

    Returns:
        The card after the move (None without ``with_card``).

    Raises:
        NotFound: The viewer may not see the task, or the column is not on its board.
        PermissionDenied: A client.
        Conflict: ``board.stale`` when someone changed or moved the task meanwhile.
        WipLimitReached: Moving into another column at its limit without confirmation.
    """
    ta = permissions.require_task(session, viewer, task_id, roles=permissions.TASK_MOVE_ROLES)
    task, access = ta.task, ta.access
    at = clean_index(index)
    expected = expect_version(task, expected_version)
    source_id = task.column_id
    # The columns are read once, under the project's lock: they cannot change until commit.
    lock_project(session, task.project_id)
    columns = project_columns(session, task.project_id)
    target = _column_of(columns, column_id)
    source = next((c for c in columns if c.id == source_id), None)
    if source is None:
        raise NotFound()
    if target.id != source_id:
        _check_change_order(session, task, target, columns)
        _check_wip(
            session,
            target,
            # WIP limits and counts are the team's: a guest's board shows neither, and the
            # prompt would tell her how many cards she does not see.
            confirm=confirm_over_limit or not access.is_team,
            locale=locale_for(viewer, locale),
            exclude=task.id,
        )
    else:
        current = column_task_ids(session, source_id)
        others = [tid for tid in current if tid != task.id]
        if _order_after_move(session, viewer, access, task.id, others, at) == current:
            # Nothing changed: the card as read under the lock, then commit (releases it).
            card = card_for(session, viewer, task, access) if with_card else None
            session.commit()
            return card
    values: dict[str, object] = {"column_id": target.id}
    if target.id != source_id:
        values["completed_at"] = clock.now() if target.id == done_column_id(columns) else None
    # Write first: on SQLite this takes the write lock, so the orders read next are current.
    guarded_update(session, task, expected, **values)
    places = column_positions(session, target.id, exclude=task.id)
    order = _order_after_move(session, viewer, access, task.id, list(places), at)
    write_positions(session, target.id, order, places)
    if target.id != source_id:
        left = column_positions(session, source_id)
        write_positions(session, source_id, list(left), left)
        record(
            session,
            project_id=task.project_id,
            actor_id=viewer.user_id,
            task_id=task.id,
            kind="task_moved",
            old=column_ref(source),
            new=column_ref(target),
        )
        if target.id == done_column_id(columns) or target.default_key == REVIEW_COLUMN_KEY:
            notifications.task_moved(
                session, actor_id=viewer.user_id, task=task, column=column_ref(target)
            )
    else:
        record(
            session,
            project_id=task.project_id,
            actor_id=viewer.user_id,
            task_id=task.id,
            kind="task_reordered",
            client_visible=False,
            column=column_ref(target),
        )
    return finish_task_change(session, viewer, task.id, access, with_card=with_card)


def delete_task(
    session: Session, viewer: Viewer, *, task_id: object, expected_version: object = None
) -> None:
    """Delete a task with undo (managers and members): it disappears until ``restore_task``.

    Args:
        session: Database session; committed here.
        viewer: A manager or member of the project.
        task_id: Id received from the client.
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
    write_positions(session, task.column_id, column_task_ids(session, task.column_id))
    record(
        session,
        project_id=task.project_id,
        actor_id=viewer.user_id,
        task_id=task.id,
        kind="task_deleted",
        client_visible=False,
    )
    projects.bump_version(session, task.project_id)
    session.commit()


def restore_task(session: Session, viewer: Viewer, *, task_id: object) -> CardView:
    """Undo a deletion (managers and members): the task returns to its column and place.

    Args:
        session: Database session; committed here.
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
    result = session.exec(
        update(Task)
        .where(Task.id == task.id, Task.deleted_at.is_not(None))
        .values(deleted_at=None, version=Task.version + 1, updated_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.rollback()
        raise Conflict("board.stale")
    place_task(session, task.column_id, task.id, task.position)
    record(
        session,
        project_id=task.project_id,
        actor_id=viewer.user_id,
        task_id=task.id,
        kind="task_restored",
    )
    return finish_task_change(session, viewer, task.id, access)
