"""My tasks: the tasks assigned to the viewer across all their projects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from collab_app.models import BoardColumn, Task, TaskAssignee
from collab_app.models.board import TASK_PRIORITIES
from collab_app.services import permissions
from collab_app.services.board.cards import CardView, build_cards, locale_for, viewer_today
from collab_app.services.board.columns import column_label, done_column_id
from collab_app.services.viewer import Viewer

_PRIORITY_RANK = {p: i for i, p in enumerate(reversed(TASK_PRIORITIES))}


@dataclass(frozen=True, slots=True)
class MyTaskView:
    """A task assigned to the viewer, in the cross-project "My tasks" list."""

    card: CardView
    project_name: str
    column_name: str
    is_done: bool


def my_tasks(
    session: Session,
    viewer: Viewer,
    *,
    include_done: bool = False,
    today: date | None = None,
    locale: str | None = None,
) -> tuple[MyTaskView, ...]:
    """Return the tasks assigned to the viewer across all their projects.

    Sorted by due date (undated last), then priority (urgent first), then title. Each project's
    visibility rule applies (a constant number of queries, whatever the number of projects).

    Args:
        include_done: Also list tasks in done columns.
        today: The viewer's today.
        locale: Language of default column names.

    Returns:
        The tasks.
    """
    projects = session.exec(permissions.visible_projects_query(viewer)).all()
    if not projects:
        return ()
    roles = permissions.project_roles_of(session, viewer, list(projects))
    names = {p.id: p.name for p in projects}
    columns = session.exec(
        select(BoardColumn)
        .where(BoardColumn.project_id.in_(list(names)))
        .order_by(BoardColumn.project_id, BoardColumn.position, BoardColumn.id)
    ).all()
    per_project: dict[int, list[BoardColumn]] = {}
    for column in columns:
        per_project.setdefault(column.project_id, []).append(column)
    done_ids = {done_column_id(cols) for cols in per_project.values()} - {None}
    query = (
        select(Task)
        .join(TaskAssignee, TaskAssignee.task_id == Task.id)
        .where(
            TaskAssignee.user_id == viewer.user_id,
            permissions.visible_tasks_across_clause(viewer, roles),
        )
        .execution_options(populate_existing=True)
    )
    if not include_done and done_ids:
        query = query.where(Task.column_id.not_in(done_ids))
    tasks = session.exec(query).all()
    tasks = sorted(
        tasks,
        key=lambda t: (
            t.due_date is None,
            t.due_date or date.max,
            _PRIORITY_RANK.get(t.priority, 9),
            t.title.lower(),
            t.id,
        ),
    )
    cards = build_cards(
        session,
        viewer,
        tasks,
        today=today or viewer_today(viewer),
        done_column_ids=done_ids,
        roles=roles,
    )
    lang = locale_for(viewer, locale)
    column_names = {c.id: column_label(c, lang) for c in columns}
    return tuple(
        MyTaskView(
            card=card,
            project_name=names.get(card.project_id, ""),
            column_name=column_names.get(card.column_id, ""),
            is_done=card.column_id in done_ids,
        )
        for card in cards
    )
