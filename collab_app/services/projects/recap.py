"""The weekly progress recap of a project: done this week, in progress, next due dates, blocked.

It is the "over-communicate" digest a lead sends the client. Everyone reads it through the same
task visibility rule as the board (a client reads the client-visible version; a manager can ask
for that client version with ``as_client=True``). Managers also get it as plain text to copy.

Definitions: "this week" is the last 7 days including today (viewer's time zone); "done" means
in the done column (entered during the period); "in progress" means neither in the "to do" nor
in the done column; "next due dates" lists unfinished dated tasks, overdue ones first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from sqlmodel import Session, select

from collab_app.i18n import translate
from collab_app.models import ReviewDecision, ReviewItem, ReviewVersion, Task, TaskAssignee, User
from collab_app.services import permissions
from collab_app.services.board.cards import (
    DueState,
    due_state,
    local_midnight_utc,
    locale_for,
    viewer_today,
)
from collab_app.services.board.columns import (
    column_label,
    done_column_id,
    project_columns,
    todo_column_id,
)
from collab_app.services.rows import fresh_in_order
from collab_app.services.viewer import Viewer

UPCOMING_MAX = 10
PERIOD_DAYS = 7


@dataclass(frozen=True, slots=True)
class RecapItem:
    """One task in the recap."""

    task_id: int
    title: str
    column_name: str
    due_date: date | None
    due_state: DueState
    assignees: tuple[str, ...]
    blocked: bool


@dataclass(frozen=True, slots=True)
class RecapView:
    """The recap as the viewer (or the previewed client) may see it.

    ``period_start``/``period_end`` are the period's first and last days; ``plain_text`` is
    only filled for managers.
    """

    project_id: int
    project_name: str
    role: str
    preview: bool
    period_start: date
    period_end: date
    done: tuple[RecapItem, ...]
    in_progress: tuple[RecapItem, ...]
    upcoming: tuple[RecapItem, ...]
    blocked: tuple[RecapItem, ...]
    plain_text: str
    # Deliverables the client approved during the period (team and client; #17).
    approvals: tuple[str, ...] = ()


def _section(title: str, lines: list[str], empty: str) -> list[str]:
    return [title, *(f"- {line}" for line in lines or [empty]), ""]


def recap_text(recap: RecapView, locale: str) -> str:
    """Write a recap as plain text, ready to paste into an email.

    Args:
        recap: The recap.
        locale: ``en`` or ``fr``.

    Returns:
        The text.
    """
    empty = translate("board.recap.nothing", locale)

    def line(item: RecapItem, *, due: bool = False, column: bool = False) -> str:
        text = item.title
        if due and item.due_date:
            text = f"{item.due_date.isoformat()} — {text}"
            if item.due_state == "overdue":
                text += f" ({translate('board.due.overdue', locale)})"
        if column and item.column_name:
            text += f" [{item.column_name}]"
        return text

    lines = [
        translate(
            "board.recap.heading",
            locale,
            project=recap.project_name,
            start=recap.period_start.isoformat(),
            end=recap.period_end.isoformat(),
        ),
        "",
    ]
    lines += _section(translate("board.recap.done", locale), [line(i) for i in recap.done], empty)
    lines += _section(
        translate("board.recap.in_progress", locale),
        [line(i, column=True) for i in recap.in_progress],
        empty,
    )
    lines += _section(
        translate("board.recap.upcoming", locale),
        [line(i, due=True) for i in recap.upcoming],
        empty,
    )
    lines += _section(
        translate("board.recap.blocked", locale), [line(i) for i in recap.blocked], empty
    )
    if recap.approvals:
        lines += _section(translate("files.recap_section", locale), list(recap.approvals), empty)
    return "\n".join(lines).rstrip() + "\n"


def project_recap(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    today: date | None = None,
    as_client: bool = False,
    locale: str | None = None,
) -> RecapView:
    """Return the project's recap for the viewer.

    Args:
        viewer: Anyone on the project (each sees the tasks they may see).
        today: The viewer's today (default: now in their time zone).
        as_client: A manager asking for the client's version (what to send the client).
        locale: Language of column names and of the plain text.

    Returns:
        The recap (``plain_text`` only for managers).

    Raises:
        NotFound: The viewer is not on the project.
        PermissionDenied: ``as_client`` from someone who is not a manager.
    """
    real = permissions.require_project(session, viewer, project_id)
    access = permissions.preview_access(real, "client" if as_client is True else None)
    pid = access.project.id
    today = today or viewer_today(viewer)
    lang = locale_for(viewer, locale)
    start = today - timedelta(days=PERIOD_DAYS - 1)
    since = local_midnight_utc(viewer, start)
    columns = project_columns(session, pid)
    order = {c.id: i for i, c in enumerate(columns)}
    names = {c.id: column_label(c, lang) for c in columns}
    done_id, todo_id = done_column_id(columns), todo_column_id(columns)
    tasks = fresh_in_order(session, Task, permissions.visible_tasks_clause(access, viewer))
    people: dict[int, list[str]] = defaultdict(list)
    if tasks:
        for task_id, name in session.exec(
            select(TaskAssignee.task_id, User.display_name)
            .join(User, User.id == TaskAssignee.user_id)
            .where(TaskAssignee.task_id.in_([t.id for t in tasks]))
            .order_by(User.display_name)
        ):
            people[task_id].append(name)

    def item(task: Task) -> RecapItem:
        return RecapItem(
            task_id=task.id,
            title=task.title,
            column_name=names.get(task.column_id, ""),
            due_date=task.due_date,
            due_state=due_state(task.due_date, today, done=task.column_id == done_id),
            assignees=tuple(people[task.id]),
            blocked=task.is_blocked,
        )

    done = sorted(
        (t for t in tasks if t.column_id == done_id and t.completed_at and t.completed_at >= since),
        key=lambda t: (t.completed_at, t.id),
        reverse=True,
    )
    open_tasks = [t for t in tasks if t.column_id != done_id]
    in_progress = sorted(
        (t for t in open_tasks if t.column_id != todo_id),
        key=lambda t: (order.get(t.column_id, 0), t.position, t.id),
    )
    upcoming = sorted(
        (t for t in open_tasks if t.due_date is not None), key=lambda t: (t.due_date, t.id)
    )[:UPCOMING_MAX]
    blocked = [t for t in open_tasks if t.is_blocked]
    recap = RecapView(
        project_id=pid,
        project_name=access.project.name,
        role=access.role,
        preview=access is not real,
        period_start=start,
        period_end=today,
        done=tuple(item(t) for t in done),
        in_progress=tuple(item(t) for t in in_progress),
        upcoming=tuple(item(t) for t in upcoming),
        blocked=tuple(item(t) for t in blocked),
        plain_text="",
        approvals=approvals_since(session, access, since, lang),
    )
    if not real.is_manager:
        return recap
    return replace(recap, plain_text=recap_text(recap, lang))


def approvals_since(
    session: Session, access: permissions.ProjectAccess, since: datetime, locale: str
) -> tuple[str, ...]:
    """Lines for the weekly recap: deliverables approved since a moment (team and client).

    Read here rather than through ``services.files``: the files area reaches the revision
    rounds, whose notifications send this recap, so an import of the files package would
    close a circle.

    Args:
        access: The reader's access to the project (already checked).
        since: Start of the period (aware UTC).
        locale: ``en`` or ``fr``.

    Returns:
        ``Logo, version 2 — approved by David Dupont`` lines, oldest first; none for a guest.
    """
    if access.role not in permissions.REVIEW_READ_ROLES:
        return ()
    rows = session.exec(
        select(ReviewItem.name, ReviewVersion.number, User.display_name)
        .select_from(ReviewDecision)
        .join(ReviewItem, ReviewItem.id == ReviewDecision.review_item_id)
        .join(ReviewVersion, ReviewVersion.id == ReviewDecision.version_id)
        .join(User, User.id == ReviewDecision.actor_id)
        .where(
            ReviewDecision.project_id == access.project.id,
            ReviewDecision.kind == "approved",
            ReviewDecision.at >= since,
        )
        .order_by(ReviewDecision.at, ReviewDecision.id)
    ).all()
    return tuple(
        translate("files.recap_approved", locale, name=name, number=number, who=who)
        for name, number, who in rows
    )
