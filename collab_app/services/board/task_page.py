"""A task's page: all the viewer may see of one task (description, people, comments, history).

A task the viewer may not see is ``NotFound``, exactly like a missing id, whatever id is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from collab_app.models import Task, TaskWatcher, User
from collab_app.services import permissions
from collab_app.services.board.cards import CardView, PersonView, locale_for
from collab_app.services.board.columns import column_label, project_columns
from collab_app.services.board.comments import CommentView, task_comments
from collab_app.services.board.history import ActivityView, visible_history
from collab_app.services.board.positions import card_for
from collab_app.services.errors import NotFound
from collab_app.services.markdown import render_markdown
from collab_app.services.viewer import Viewer


@dataclass(frozen=True, slots=True)
class TaskDetail:
    """A task with everything the viewer may see of it, for the task dialog/page.

    ``card`` is the task as the board shows it to the viewer (title, priority, due date,
    assignees, labels, flags, version). ``description`` (Markdown source) is only given to those
    who may edit it; ``description_html`` is safe HTML. ``comment_visibilities`` lists what the
    viewer may choose for a new comment, the default first (empty in a preview).
    """

    card: CardView
    project_name: str
    column_name: str
    description: str
    description_html: str
    created_by: PersonView
    created_at: datetime
    updated_at: datetime
    watchers: tuple[PersonView, ...]
    comments: tuple[CommentView, ...]
    activity: tuple[ActivityView, ...]
    role: str
    preview: bool
    can_edit: bool
    can_move: bool
    can_set_hidden: bool
    comment_visibilities: tuple[str, ...]
    # Where the viewer may move the task: (column id, name) in board order (empty otherwise).
    columns: tuple[tuple[int, str], ...] = ()


def get_task_detail(
    session: Session,
    viewer: Viewer,
    *,
    task_id: object,
    today: date | None = None,
    as_role: str | None = None,
    locale: str | None = None,
) -> TaskDetail:
    """Return a task with its description, comments, people, labels and history.

    Args:
        viewer: Anyone who sees the task.
        task_id: Id received from the client (from a URL: any text).
        today: The viewer's today, for the due state.
        as_role: ``"client"`` for a manager's preview.
        locale: Language of column names and history lines.

    Returns:
        The detail.

    Raises:
        NotFound: The viewer (or the previewed client) may not see the task.
        PermissionDenied: ``as_role`` from someone who is not a manager.
    """
    ta = permissions.require_task(session, viewer, task_id)
    real = ta.access
    access = permissions.preview_access(real, as_role)
    task = ta.task
    if access is not real:
        still = session.exec(
            select(Task.id).where(
                Task.id == task.id, permissions.visible_tasks_clause(access, viewer)
            )
        ).first()
        if still is None:
            raise NotFound()
    lang = locale_for(viewer, locale)
    columns = project_columns(session, task.project_id)
    card = card_for(session, viewer, task, access, today=today, columns=columns)
    column = next((c for c in columns if c.id == task.column_id), None)
    watchers = session.exec(
        select(User.id, User.display_name)
        .join(TaskWatcher, TaskWatcher.user_id == User.id)
        .where(TaskWatcher.task_id == task.id)
        .order_by(User.display_name, User.id)
    ).all()
    creator = session.get(User, task.created_by_id)
    editable = access is real and permissions.can_edit_task(access)
    movable = access is real and permissions.can_move_task(access)
    return TaskDetail(
        card=card,
        project_name=real.project.name,
        column_name=column_label(column, lang) if column else "",
        description=task.description if editable else "",
        description_html=render_markdown(task.description),
        created_by=PersonView(task.created_by_id, creator.display_name if creator else ""),
        created_at=task.created_at,
        updated_at=task.updated_at,
        watchers=tuple(PersonView(i, n) for i, n in watchers),
        comments=task_comments(session, viewer, access, task.id),
        activity=visible_history(session, viewer, access, locale=lang, task_id=task.id),
        role=access.role,
        preview=access is not real,
        can_edit=editable,
        can_move=movable,
        can_set_hidden=access is real and permissions.can_manage_board(access),
        comment_visibilities=permissions.comment_visibilities(access)
        if access is real and permissions.can_comment(session, access, viewer)
        else (),
        columns=tuple((c.id, column_label(c, lang)) for c in columns) if movable else (),
    )
