"""Time tracking: log time on a project (optionally a task), list it, report it over a period.

Who logs: managers, members and guests of the project (clients never). Who reads: a project's
managers read everyone's time on it; everyone else reads only their own. The report groups the
readable entries per project and per person, over any period, and is exported as CSV by
:mod:`collab_app.services.billing.exports`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, and_, false, func, or_
from sqlmodel import Session, select

from collab_app.i18n import format_date, translate
from collab_app.models import Project, Task, TimeEntry, User
from collab_app.models.revenue import TIME_KINDS
from collab_app.services import clock, permissions
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from collab_app.services.projects import bump_version
from collab_app.services.viewer import Viewer

LOG_ROLES = ("manager", "member", "guest")
MAX_MINUTES = 24 * 60
MAX_NOTE = 200
MAX_PERIOD_DAYS = 3 * 366
MAX_LISTED = 500
_DURATION = re.compile(r"^(?:(\d{1,2})\s*[h:]\s*(\d{0,2})\s*(?:m|min)?|(\d{1,4})\s*(?:m|min))$")


@dataclass(frozen=True, slots=True)
class EntryView:
    """One time entry as its reader may see it."""

    id: int
    project_id: int
    project_name: str
    user_id: int
    person: str
    work_date: str
    work_date_label: str
    minutes: int
    duration: str
    kind: str
    task_title: str
    note: str
    can_delete: bool


@dataclass(frozen=True, slots=True)
class ReportRow:
    """Time of one person on one project over the period."""

    project_id: int
    project_name: str
    user_id: int
    person: str
    production_minutes: int
    management_minutes: int
    total_minutes: int
    production: str
    management: str
    total: str


@dataclass(frozen=True, slots=True)
class TimeReport:
    """A report over a period: rows per project and person, totals, and the entries."""

    start: str
    end: str
    rows: tuple[ReportRow, ...]
    total_minutes: int
    total: str
    entries: tuple[EntryView, ...]
    truncated: bool


@dataclass(frozen=True, slots=True)
class TaskOption:
    """A task time can be logged on."""

    id: int
    title: str


def format_duration(minutes: int) -> str:
    """Format minutes as ``7 h 30`` (same in both languages).

    Args:
        minutes: Whole minutes.

    Returns:
        The text.
    """
    hours, rest = divmod(int(minutes), 60)
    return f"{hours} h {rest:02d}"


def parse_duration(text: object) -> int:
    """Parse a duration typed on a phone: ``1.5``, ``1,5`` (hours), ``1:30``, ``1h30``, ``90m``.

    Args:
        text: What was typed.

    Returns:
        Whole minutes, 1 to 1440.

    Raises:
        ValidationError: Not a duration, or outside one minute to 24 hours.
    """
    raw = str(text or "").strip().lower() if isinstance(text, str | int) else ""
    minutes: int | None = None
    match = _DURATION.match(raw)
    if match:
        if match.group(3) is not None:
            minutes = int(match.group(3))
        else:
            extra = match.group(2) or "0"
            minutes = int(match.group(1)) * 60 + int(extra) if int(extra) < 60 else None
    elif re.fullmatch(r"\d{1,2}(?:[.,]\d{1,2})?", raw):
        whole, _, frac = raw.replace(",", ".").partition(".")
        hundredths = int(whole) * 100 + int((frac or "0").ljust(2, "0"))
        # Hours with decimals, rounded half up to the minute (integers only).
        minutes = (hundredths * 60 + 50) // 100
    if minutes is None or not 0 < minutes <= MAX_MINUTES:
        raise ValidationError("revenue.duration_invalid", field="duration")
    return minutes


def parse_day(text: object, *, field: str) -> date:
    """Parse an ISO date typed in a date input.

    Args:
        text: ``YYYY-MM-DD``.
        field: Form field named in errors.

    Returns:
        The date.

    Raises:
        ValidationError: Not a date.
    """
    try:
        return date.fromisoformat(str(text or "").strip()[:10])
    except ValueError as exc:
        raise ValidationError("form.date_invalid", field=field) from exc


def parse_period(start: object, end: object) -> tuple[date, date]:
    """Parse a report period (both days included).

    Args:
        start: First day, ISO.
        end: Last day, ISO.

    Returns:
        (start, end).

    Raises:
        ValidationError: A date is invalid, the end is before the start, or the period is huge.
    """
    first = parse_day(start, field="period_start")
    last = parse_day(end, field="period_end")
    if last < first:
        raise ValidationError("revenue.period_invalid", field="period_end")
    if (last - first).days > MAX_PERIOD_DAYS:
        raise ValidationError("revenue.period_too_long", field="period_end")
    return first, last


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
        session: Database session; committed here.
        viewer: A manager, member or guest of the project.
        project_id: Id received from the client.
        work_date: Day worked, ISO; not after tomorrow.
        duration: Duration as typed (see :func:`parse_duration`).
        kind: ``production`` or ``management``.
        task_id: Optional task id received from the client (empty for none).
        note: Optional short note.
        now: Current time (tests).

    Returns:
        The new entry's id.
    """
    access = permissions.require_project(session, viewer, project_id, roles=LOG_ROLES)
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
    if task_id not in (None, "", 0, "0"):
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
    session.add(entry)
    session.flush()
    entry_id = entry.id
    bump_version(session, access.project.id)
    session.commit()
    return entry_id


def delete_time(session: Session, viewer: Viewer, *, entry_id: object) -> None:
    """Delete a time entry: one's own, or any on a project one manages.

    Issued invoices keep their frozen split, so deleting time never changes them.

    Args:
        session: Database session; committed here.
        viewer: The signed-in person.
        entry_id: Id received from the client.
    """
    eid = permissions.coerce_id(entry_id)
    entry = session.get(TimeEntry, eid)
    if entry is None:
        raise NotFound()
    access = permissions.require_project(session, viewer, entry.project_id)
    if entry.user_id != viewer.user_id:
        if not access.is_manager:
            raise NotFound()
    elif access.role not in LOG_ROLES:
        raise PermissionDenied()
    session.delete(entry)
    bump_version(session, entry.project_id)
    session.commit()


def task_options(session: Session, viewer: Viewer, *, project_id: object) -> list[TaskOption]:
    """Return the tasks of a project the viewer may log time on (those they see).

    Args:
        session: Database session.
        viewer: Someone who logs time on the project.
        project_id: Id received from the client.

    Returns:
        Up to 300 tasks, by title.
    """
    access = permissions.require_project(session, viewer, project_id, roles=LOG_ROLES)
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
        session: Database session.
        viewer: The signed-in person.
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
    managed = [pid for pid, role in roles.items() if role == "manager"]
    own = [pid for pid, role in roles.items() if role in ("member", "guest")]
    clauses = []
    if managed:
        clauses.append(TimeEntry.project_id.in_(managed))
    if own:
        clauses.append(and_(TimeEntry.project_id.in_(own), TimeEntry.user_id == viewer.user_id))
    return or_(*clauses) if clauses else false()


def time_report(
    session: Session,
    viewer: Viewer,
    *,
    start: object,
    end: object,
    project_id: object = None,
    user_id: object = None,
    locale: str = "en",
) -> TimeReport:
    """Report the time the viewer may read over a period, per project and per person.

    Args:
        session: Database session.
        viewer: The signed-in person.
        start: First day, ISO.
        end: Last day, ISO (included).
        project_id: One project (id received from the client), or None for every project.
        user_id: Only this person (id received from the client), or None/empty for all.
        locale: For dates.

    Returns:
        The report (at most ``MAX_LISTED`` entries listed; totals cover everything).
    """
    first, last = parse_period(start, end)
    condition = and_(
        readable_clause(session, viewer, project_id),
        TimeEntry.work_date >= first,
        TimeEntry.work_date <= last,
    )
    if user_id not in (None, "", 0, "0"):
        condition = and_(condition, TimeEntry.user_id == permissions.coerce_id(user_id))
    sums = session.exec(
        select(
            TimeEntry.project_id,
            Project.name,
            TimeEntry.user_id,
            User.display_name,
            TimeEntry.kind,
            func.sum(TimeEntry.minutes),
        )
        .join(Project, Project.id == TimeEntry.project_id)
        .join(User, User.id == TimeEntry.user_id)
        .where(condition)
        .group_by(TimeEntry.project_id, Project.name, TimeEntry.user_id, User.display_name)
        .group_by(TimeEntry.kind)
    ).all()
    grouped: dict[tuple[int, int], list] = {}
    for pid, pname, uid, person, kind, minutes in sums:
        row = grouped.setdefault((pid, uid), [pname, person, 0, 0])
        row[2 if kind == "production" else 3] += int(minutes or 0)
    rows = tuple(
        ReportRow(
            project_id=pid,
            project_name=pname,
            user_id=uid,
            person=person,
            production_minutes=prod,
            management_minutes=mgmt,
            total_minutes=prod + mgmt,
            production=format_duration(prod),
            management=format_duration(mgmt),
            total=format_duration(prod + mgmt),
        )
        for (pid, uid), (pname, person, prod, mgmt) in sorted(
            grouped.items(), key=lambda item: (item[1][0].lower(), item[1][1].lower())
        )
    )
    entries = list_entries(session, viewer, condition=condition, locale=locale)
    total = sum(r.total_minutes for r in rows)
    return TimeReport(
        start=first.isoformat(),
        end=last.isoformat(),
        rows=rows,
        total_minutes=total,
        total=format_duration(total),
        entries=tuple(entries[:MAX_LISTED]),
        truncated=len(entries) > MAX_LISTED,
    )


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
        session: Database session.
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
        managed = {pid for pid, role in roles.items() if role == "manager"}
        titles = _visible_titles(session, viewer, roles, {e.task_id for e, *_ in rows})
    hidden = hidden_task_label(locale)
    return [
        EntryView(
            id=e.id,
            project_id=e.project_id,
            project_name=pname,
            user_id=e.user_id,
            person=person,
            work_date=e.work_date.isoformat(),
            work_date_label=format_date(e.work_date, locale),
            minutes=e.minutes,
            duration=format_duration(e.minutes),
            kind=e.kind,
            task_title=titles.get(e.task_id, hidden) if e.task_id is not None else "",
            note=e.note,
            can_delete=e.user_id == viewer.user_id or e.project_id in managed,
        )
        for e, pname, person in rows
    ]


def hidden_task_label(locale: str) -> str:
    """What an entry shows instead of the title of a task its reader may no longer see.

    Args:
        locale: The reader's language.

    Returns:
        The translated label.
    """
    return translate("revenue.task_not_visible", locale)


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
        session: Database session.
        viewer: The signed-in person.
        project_id: Id received from the client.
        locale: For dates.
        limit: How many.

    Returns:
        Entries, most recent first.
    """
    access = permissions.require_project(session, viewer, project_id, roles=LOG_ROLES)
    condition = and_(TimeEntry.project_id == access.project.id, TimeEntry.user_id == viewer.user_id)
    return list_entries(session, viewer, condition=condition, locale=locale, limit=limit)
