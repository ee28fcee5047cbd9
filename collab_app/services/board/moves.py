"""Moving a card: to a place in another column, or within its column; WIP limits.

The whole path of a move: ``move_task`` here, and the placement rule, the project lock and the
version-guarded update in ``positions``. ``index`` counts among the cards of the target column
that the mover sees; positions stay dense; a move carries the version the mover last saw, and a
task someone else changed meanwhile is refused (``Conflict("board.stale")``).
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from collab_app.models import BoardColumn, Task
from collab_app.services import clock, notifications, permissions
from collab_app.services.board.cards import CardView, locale_for
from collab_app.services.board.columns import (
    column_label,
    column_ref,
    done_column_id,
    project_columns,
    todo_column_id,
)
from collab_app.services.board.history import about_task, record
from collab_app.services.board.limits import clean_index
from collab_app.services.board.positions import (
    card_for,
    column_positions,
    columns_positions,
    expect_version,
    finish_task_change,
    guarded_update,
    placed,
    write_orders,
)
from collab_app.services.errors import Conflict, NotFound, ValidationError
from collab_app.services.notifications.catalog import REVIEW_COLUMN_KEY
from collab_app.services.project_lock import lock_project
from collab_app.services.revisions.change_orders import task_awaiting_approval
from collab_app.services.viewer import Viewer


class WipLimitReached(Conflict):
    """The target column is at or past its WIP limit: ask, then retry with confirmation.

    ``params`` carry ``column`` (its name in the viewer's language) and ``limit``.
    """

    default_code = "board.wip_confirm"


def check_wip(
    session: Session, column: BoardColumn, *, confirm: bool, locale: str, exclude: int | None
) -> None:
    """Refuse to add a card to a column at its WIP limit, unless the viewer confirmed.

    Args:
        session: Database session (the project is locked).
        column: The target column.
        confirm: The viewer confirmed going past the limit.
        locale: Language of the column's name in the question.
        exclude: The card being moved (not counted).

    Raises:
        WipLimitReached: The column is full and ``confirm`` is False.
    """
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


def _seen_order(
    session: Session,
    viewer: Viewer,
    access: permissions.ProjectAccess,
    task_id: int,
    others: list[int],
    at: int,
) -> list[int]:
    """Return a column's order with the task at ``at`` among the cards the viewer sees."""
    if access.is_team:
        return placed(others, task_id, at)  # the team sees every live task
    seen = set(
        session.exec(
            select(Task.id).where(
                Task.id.in_(others), permissions.visible_tasks_clause(access, viewer)
            )
        ).all()
    )
    return placed(others, task_id, at, [tid for tid in others if tid in seen])


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
        viewer: The team, or a guest on a task they see.
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
        ValidationError: ``revisions.awaiting_approval`` when the task would leave "to do"
            while a change order it depends on is not approved (nothing starts before
            approval).
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
    moving = target.id != source_id
    if moving:
        if target.id != todo_column_id(columns) and task_awaiting_approval(session, task.id):
            raise ValidationError("revisions.awaiting_approval")
        check_wip(
            session,
            target,
            # WIP limits and counts are the team's: a guest's board shows neither, and the
            # prompt would tell her how many cards she does not see.
            confirm=confirm_over_limit or not access.is_team,
            locale=locale_for(viewer, locale),
            exclude=task.id,
        )
    else:
        current = list(column_positions(session, source_id))
        others = [tid for tid in current if tid != task.id]
        if _seen_order(session, viewer, access, task.id, others, at) == current:
            # Nothing changed: the card as read under the lock, then commit (releases it).
            card = card_for(session, viewer, task, access) if with_card else None
            session.commit()
            return card
    values: dict[str, object] = {"column_id": target.id}
    if moving:
        values["completed_at"] = clock.now() if target.id == done_column_id(columns) else None
    # Write first: on SQLite this takes the write lock, so the orders read next are current.
    guarded_update(session, task, expected, **values)
    # Both columns' orders in one read, their new positions in one write: the target with the
    # task placed, the source (on a move) closed up.
    positions = columns_positions(session, {target.id, source_id}, exclude=task.id)
    places = positions[target.id]
    order = _seen_order(session, viewer, access, task.id, list(places), at)
    orders = {target.id: (order, places)}
    if moving:
        left = positions[source_id]
        orders[source_id] = (list(left), left)
    write_orders(session, orders)
    line = about_task(viewer, task)
    if moving:
        record(session, **line, kind="task_moved", old=column_ref(source), new=column_ref(target))
        if target.id == done_column_id(columns) or target.default_key == REVIEW_COLUMN_KEY:
            notifications.task_moved(
                session, actor_id=viewer.user_id, task=task, column=column_ref(target)
            )
    else:
        record(
            session, **line, kind="task_reordered", client_visible=False, column=column_ref(target)
        )
    return finish_task_change(session, viewer, task.id, access, with_card=with_card)
