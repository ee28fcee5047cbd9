"""Time entries: logging time on a project (optionally a task), deleting it, listing it.

Who logs: managers, members and guests of the project (clients never). Who reads: a project's
managers read everyone's time on it; everyone else reads only their own
(:func:`readable_clause`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, false, or_
from sqlmodel import Session, select

from collab_app.models import Project, Task, TimeEntry, User
from collab_app.models.revenue import TIME_KINDS
from collab_app.services import clock, permissions
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from collab_app.services.rows import commit_new
from collab_app.services.time_tracking.periods import MAX_PERIOD_DAYS, parse_day, parse_duration
from collab_app.services.time_tracking.presenter import (
    EntryView,
    TaskOption,
    entry_view,
    hidden_task_label,
)
from collab_app.services.viewer import Viewer

MAX_NOTE = 200
MAX_LISTED = 500


def log_time(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    work_date: object,
    duration: object,
    kind: object = "production",
    task_id: object = None,
    note: object = "",
    now: datetime | None = None,
) -> int:
    """Log time on a project, optionally on one of its tasks the viewer can see.

    Args:
        viewer: A manager, member or guest of the project.
        work_date: Day worked, ISO; not after tomorrow.
        duration: Duration as typed (see :func:`parse_duration`).
        kind: ``production`` or ``management``.
        task_id: Optional task id received from the client (empty for none).
        note: Optional short note.
        now: Current time (tests).

    Returns:
        The new entry's id.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.TIME_LOG_ROLES
    )
    day = parse_day(work_date, field="work_date")
    today = (now or clock.now()).date()
    if day > today + timedelta(days=1) or day < today - timedelta(days=MAX_PERIOD_DAYS):
        raise ValidationError("revenue.work_date_out_of_range", field="work_date")
    minutes = parse_duration(duration)
    if kind not in TIME_KINDS:
        raise ValidationError("revenue.kind_invalid", field="kind")
    text = note.strip() if isinstance(note, str) else ""
    if len(text) > MAX_NOTE:
        raise ValidationError("revenue.note_too_long", field="note", max=MAX_NOTE)
    tid = None
    if not permissions.no_id_chosen(task_id):
        task = permissions.require_task(session, viewer, task_id).task
        if task.project_id != access.project.id:
            raise NotFound()
        tid = task.id
    entry = TimeEntry(
        project_id=access.project.id,
        user_id=viewer.user_id,
        task_id=tid,
        work_date=day,
        minutes=minutes,
        kind=str(kind),
        note=text,
    )
    return commit_new(session, entry)


def delete_time(session: Session, viewer: Viewer, *, entry_id: object) -> None:
    """Delete a time entry: one's own, or any on a project one manages.

    Issued invoices keep their frozen split, so deleting time never changes them.
    """
    eid = permissions.coerce_id(entry_id)
    entry = session.get(TimeEntry, eid)
    if entry is None:
        raise NotFound()
    access = permissions.require_project(session, viewer, entry.project_id)
    if entry.user_id != viewer.user_id:
        if not access.is_manager:
            raise NotFound()
    elif access.role not in permissions.TIME_LOG_ROLES:
        raise PermissionDenied()
    session.delete(entry)
    session.commit()


def task_options(session: Session, viewer: Viewer, *, project_id: object) -> list[TaskOption]:
    """Return the tasks of a project the viewer may log time on (those they see).

    Args:
        viewer: Someone who logs time on the project.

    Returns:
        Up to 300 tasks, by title.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.TIME_LOG_ROLES
    )
    rows = session.exec(
        select(Task.id, Task.title)
        .where(permissions.visible_tasks_clause(access, viewer))
        .order_by(Task.title)
        .limit(300)
    ).all()
    return [TaskOption(id=tid, title=title) for tid, title in rows]


def readable_clause(session: Session, viewer: Viewer, project_id: object = None):  # noqa: ANN201
    """Return the SQL condition on ``TimeEntry`` for what the viewer may read.

    Managers read every entry of the projects they manage; anyone else reads their own entries
    on the projects they are on (clients: nothing).

    Args:
        project_id: Restrict to one project (id received from the client), or None for all.

    Returns:
        A boolean SQL expression.

    Raises:
        NotFound: ``project_id`` is not a project the viewer is on.
    """
    if project_id is not None:
        access = permissions.require_project(session, viewer, project_id)
        roles = {access.project.id: access.role}
    else:
        projects = session.exec(permissions.visible_projects_query(viewer)).all()
        roles = permissions.project_roles_of(session, viewer, list(projects))
    managed = [pid for pid, role in roles.items() if role == permissions.MANAGER]
    own = [pid for pid, role in roles.items() if role in permissions.OWN_TIME_ROLES]
    clauses = []
    if managed:
        clauses.append(TimeEntry.project_id.in_(managed))
    if own:
        clauses.append(and_(TimeEntry.project_id.in_(own), TimeEntry.user_id == viewer.user_id))
    return or_(*clauses) if clauses else false()


def list_entries(
    session: Session,
    viewer: Viewer,
    *,
    condition: ColumnElement[bool],
    locale: str = "en",
    limit: int | None = None,
) -> list[EntryView]:
    """Return entries matching a condition already built by :func:`readable_clause`.

    Args:
        viewer: The signed-in person (for "may delete").
        condition: SQL condition including the readable clause.
        locale: For dates.
        limit: At most this many (default ``MAX_LISTED + 1``).

    Returns:
        Entries, most recent day first.
    """
    rows = session.exec(
        select(TimeEntry, Project.name, User.display_name)
        .join(Project, Project.id == TimeEntry.project_id)
        .join(User, User.id == TimeEntry.user_id)
        .where(condition)
        .order_by(TimeEntry.work_date.desc(), TimeEntry.id.desc())
        .limit(limit or MAX_LISTED + 1)
    ).all()
    managed: set[int] = set()
    titles: dict[int, str] = {}
    if rows:
        projects = session.exec(
            select(Project).where(Project.id.in_({e.project_id for e, *_ in rows}))
        ).all()
        roles = permissions.project_roles_of(session, viewer, list(projects))
        managed = {pid for pid, role in roles.items() if role == permissions.MANAGER}
        titles = _visible_titles(session, viewer, roles, {e.task_id for e, *_ in rows})
    hidden = hidden_task_label(locale)
    return [
        entry_view(
            e,
            project_name=pname,
            person=person,
            task_title=titles.get(e.task_id, hidden) if e.task_id is not None else "",
            can_delete=e.user_id == viewer.user_id or e.project_id in managed,
            locale=locale,
        )
        for e, pname, person in rows
    ]


def _visible_titles(
    session: Session, viewer: Viewer, roles: dict[int, str], task_ids: set[int | None]
) -> dict[int, str]:
    """Titles of the entries' tasks the viewer may see now (the permission rule, in SQL).

    An entry outlives the reason its author could see the task (unassigned, no longer
    watching, hidden from the client, deleted): its title is given only as far as the task is
    visible today, never from the join alone.
    """
    wanted = {tid for tid in task_ids if tid is not None}
    if not wanted:
        return {}
    rows = session.exec(
        select(Task.id, Task.title).where(
            Task.id.in_(wanted), permissions.visible_tasks_across_clause(viewer, roles)
        )
    ).all()
    return dict(rows)


def recent_entries(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en", limit: int = 10
) -> list[EntryView]:
    """Return the viewer's own latest entries on a project (for the quick-entry screen).

    Args:
        locale: For dates.
        limit: How many.

    Returns:
        Entries, most recent first.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.TIME_LOG_ROLES
    )
    condition = and_(TimeEntry.project_id == access.project.id, TimeEntry.user_id == viewer.user_id)
    return list_entries(session, viewer, condition=condition, locale=locale, limit=limit)
