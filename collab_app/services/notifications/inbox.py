"""The in-app inbox: what a person may read of their notifications, counted and listed in SQL.

The permission rule is applied again on every read (``visible_clause``): the notification's
audience against the person's current role, its task and its comment through the same clauses
as the board. A task hidden from the client after the fact leaves the client's inbox and count.
Loading the inbox is a constant number of queries whatever its size: the projects and roles
(three), the count (one) and the newest lines with their names and titles (one).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, exists, false, func, or_, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from collab_app.i18n.moments import format_datetime
from collab_app.models import Comment, Notification, Project, Task, User
from collab_app.services import clock, permissions
from collab_app.services.errors import NotFound
from collab_app.services.stored_messages import write_stored
from collab_app.services.viewer import Viewer

INBOX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class NotificationView:
    """One inbox line: who did what, and where it leads."""

    id: int
    kind: str
    text: str
    path: str
    when: str
    unread: bool


@dataclass(frozen=True, slots=True)
class InboxGroup:
    """The lines of one project."""

    project_id: int
    project_name: str
    items: tuple[NotificationView, ...]


@dataclass(frozen=True, slots=True)
class InboxView:
    """The inbox: unread count and the newest lines grouped by project."""

    unread: int
    groups: tuple[InboxGroup, ...]


def viewer_roles(session: Session, viewer: Viewer) -> dict[int, str]:
    """Return the viewer's role on every project they belong to (three queries).

    Returns:
        Project id -> effective role.
    """
    projects = session.exec(permissions.visible_projects_query(viewer)).all()
    roles = permissions.project_roles_of(session, viewer, projects)
    return {pid: role for pid, role in roles.items() if role}


def visible_clause(user_id: int, roles: dict[int, str]):  # noqa: ANN201 - a SQLAlchemy clause
    """Return the SQL condition on ``Notification`` for what a person may read now.

    Args:
        user_id: The person.
        roles: Their project roles (``viewer_roles``).

    Returns:
        A boolean SQL expression.
    """
    by_role: dict[str, list[int]] = {}
    for project_id, role in roles.items():
        if role in permissions.AUDIENCES_BY_ROLE:
            by_role.setdefault(role, []).append(project_id)
    if not by_role:
        return false()
    parts = []
    for role, ids in sorted(by_role.items()):
        task_ok = exists(
            select(Task.id).where(
                Task.id == Notification.task_id,
                Task.deleted_at.is_(None),
                permissions.task_visibility_clause(role, user_id),
            )
        )
        comment_ok = exists(
            select(Comment.id).where(
                Comment.id == Notification.comment_id,
                Comment.deleted_at.is_(None),
                permissions.comment_visibility_clause(role),
            )
        )
        parts.append(
            and_(
                Notification.project_id.in_(ids),
                Notification.audience.in_(permissions.AUDIENCES_BY_ROLE[role]),
                or_(Notification.task_id.is_(None), task_ok),
                or_(Notification.comment_id.is_(None), comment_ok),
            )
        )
    return and_(Notification.user_id == user_id, or_(*parts))


def unread_count(session: Session, viewer: Viewer, roles: dict[int, str] | None = None) -> int:
    """Return how many notifications the viewer may read and has not read.

    Args:
        roles: Their roles when already read.

    Returns:
        The count.
    """
    roles = viewer_roles(session, viewer) if roles is None else roles
    return session.exec(
        select(func.count(Notification.id)).where(
            visible_clause(viewer.user_id, roles), Notification.read_at.is_(None)
        )
    ).one()


def notification_text(kind: str, params: str, *, actor: str, task: str, locale: str) -> str:
    """Write one notification as a sentence in a language.

    Args:
        kind: Its kind.
        params: Its JSON parameters.
        actor: Who caused it ("" for the jobs).
        task: The task's title ("" when it is not about a task).
        locale: ``en`` or ``fr``.

    Returns:
        The sentence.
    """
    return write_stored(f"notifications.kind.{kind}", params, locale, actor=actor, task=task)


def visible_rows(
    session: Session,
    user_id: int,
    roles: dict[int, str],
    *,
    limit: int,
    where=None,  # noqa: ANN001
) -> list[tuple[Notification, str, str, str]]:
    """Read notifications a person may read with their project name, actor and task title.

    Args:
        user_id: The person.
        roles: Their project roles.
        limit: At most this many, newest first.
        where: An extra condition (e.g. only pending mails).

    Returns:
        (notification, project name, actor name, task title) rows in one query.
    """
    # Aliases: the visibility clause's EXISTS on ``Task`` must not correlate with this join.
    actor, task = aliased(User), aliased(Task)
    query = (
        select(Notification, Project.name, actor.display_name, task.title)
        .join(Project, Project.id == Notification.project_id)
        .outerjoin(actor, actor.id == Notification.actor_id)
        .outerjoin(task, task.id == Notification.task_id)
        .where(visible_clause(user_id, roles))
    )
    if where is not None:
        query = query.where(where)
    rows = session.exec(query.order_by(Notification.id.desc()).limit(limit)).all()
    return [(n, project or "", name or "", title or "") for n, project, name, title in rows]


def load_inbox(
    session: Session, viewer: Viewer, *, locale: str | None = None, limit: int = INBOX_LIMIT
) -> InboxView:
    """Return the viewer's newest notifications grouped by project, and the unread count.

    Args:
        locale: Language of the sentences (default the viewer's).
        limit: How many of the newest lines.

    Returns:
        The inbox.
    """
    language = locale or viewer.locale
    roles = viewer_roles(session, viewer)
    count = unread_count(session, viewer, roles)
    groups: dict[int, tuple[str, list[NotificationView]]] = {}
    for row, project, actor, task in visible_rows(session, viewer.user_id, roles, limit=limit):
        line = NotificationView(
            id=row.id,
            kind=row.kind,
            text=notification_text(row.kind, row.params, actor=actor, task=task, locale=language),
            path=row.path,
            when=format_datetime(row.created_at, language, viewer.timezone),
            unread=row.read_at is None,
        )
        groups.setdefault(row.project_id, (project, []))[1].append(line)
    return InboxView(
        unread=count,
        groups=tuple(
            InboxGroup(project_id=pid, project_name=name, items=tuple(items))
            for pid, (name, items) in groups.items()
        ),
    )


def mark_read(session: Session, viewer: Viewer, *, notification_id: object) -> None:
    """Mark one of the viewer's notifications as read (someone else's id does nothing visible).

    Raises:
        NotFound: Not a notification the viewer may read.
    """
    nid = permissions.coerce_id(notification_id)
    roles = viewer_roles(session, viewer)
    found = session.exec(
        select(Notification.id).where(Notification.id == nid, visible_clause(viewer.user_id, roles))
    ).first()
    if found is None:
        raise NotFound()
    session.exec(
        update(Notification)
        .where(Notification.id == nid, Notification.read_at.is_(None))
        .values(read_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    session.commit()


def mark_all_read(session: Session, viewer: Viewer) -> int:
    """Mark every notification of the viewer as read.

    Returns:
        How many were unread.
    """
    changed = session.exec(
        update(Notification)
        .where(Notification.user_id == viewer.user_id, Notification.read_at.is_(None))
        .values(read_at=clock.now())
        .execution_options(synchronize_session=False)
    ).rowcount
    session.commit()
    return changed
