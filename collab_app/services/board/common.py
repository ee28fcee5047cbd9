"""Shared internals of the board services: dates, columns, history lines, positions, cards.

The public entry points live in ``collab_app.services.board``; this module holds what the
board, comments and recap services share.
"""

from __future__ import annotations

import json
import zoneinfo
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, func
from sqlmodel import Session, select

from collab_app.i18n import catalogue, normalize_locale, translate
from collab_app.models import (
    Activity,
    BoardColumn,
    Comment,
    Label,
    Task,
    TaskAssignee,
    TaskLabel,
    TaskWatcher,
    User,
)
from collab_app.services import clock, permissions
from collab_app.services.board.validate import DONE_KEY, DUE_SOON_DAYS, TODO_KEY
from collab_app.services.board.views import ActivityView, CardView, LabelView, PersonView
from collab_app.services.viewer import Viewer

# --- Small helpers -----------------------------------------------------------------------------


def locale_for(viewer: Viewer, locale: str | None) -> str:
    """Return the locale to write in: the one asked, else the viewer's, else English.

    Args:
        viewer: The signed-in person.
        locale: The page's language, if known.

    Returns:
        ``en`` or ``fr``.
    """
    return normalize_locale(locale or viewer.locale)


def _zone(viewer: Viewer) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(viewer.timezone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def viewer_today(viewer: Viewer) -> date:
    """Return today's date in the viewer's time zone.

    Args:
        viewer: The signed-in person.

    Returns:
        The local date.
    """
    return clock.now().astimezone(_zone(viewer)).date()


def local_midnight_utc(viewer: Viewer, day: date) -> datetime:
    """Return the (aware, UTC) time at which ``day`` starts in the viewer's time zone.

    Args:
        viewer: The signed-in person.
        day: A local date.

    Returns:
        Aware UTC datetime.
    """
    return datetime.combine(day, time.min, tzinfo=_zone(viewer)).astimezone(UTC)


def iso_utc(moment: datetime | None) -> str:
    """Format a stored time as ISO 8601 in UTC with a ``Z``.

    Args:
        moment: The time (aware; a naive one is taken as UTC), or None.

    Returns:
        e.g. ``2026-03-02T09:15:00Z``, or empty.
    """
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(timespec="seconds") + "Z"


def column_label(column: BoardColumn, locale: str) -> str:
    """Return a column's name in a language: its own name, or its default name translated.

    Args:
        column: The column.
        locale: ``en`` or ``fr``.

    Returns:
        The name.
    """
    return column.name or translate(column.default_key, locale)


def column_ref(column: BoardColumn) -> str:
    """Return what a history line stores for a column: its name, or its default key.

    Args:
        column: The column.

    Returns:
        A name or a message key (translated when the line is read).
    """
    return column.name or column.default_key


def done_column_id(columns: Sequence[BoardColumn]) -> int | None:
    """Return the column meaning "done": the default Done column, else the last one.

    Args:
        columns: The project's columns sorted by position.

    Returns:
        Its id, or None when there are no columns.
    """
    for column in columns:
        if column.default_key == DONE_KEY:
            return column.id
    return columns[-1].id if columns else None


def todo_column_id(columns: Sequence[BoardColumn]) -> int | None:
    """Return the column meaning "to do": the default To do column, else the first one.

    Args:
        columns: The project's columns sorted by position.

    Returns:
        Its id, or None when there are no columns.
    """
    for column in columns:
        if column.default_key == TODO_KEY:
            return column.id
    return columns[0].id if columns else None


def due_state(due: date | None, today: date, *, done: bool) -> str:
    """Classify a due date: ``overdue``, ``soon`` (within ``DUE_SOON_DAYS``) or ``none``.

    Args:
        due: The due date.
        today: Today in the viewer's time zone.
        done: Whether the task is in the done column (never overdue then).

    Returns:
        The state.
    """
    if due is None or done:
        return "none"
    if due < today:
        return "overdue"
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return "soon"
    return "none"


def project_columns(session: Session, project_id: int) -> list[BoardColumn]:
    """Return a project's columns sorted by position.

    Args:
        session: Database session.
        project_id: The project.

    Returns:
        The columns.
    """
    return list(
        session.exec(
            select(BoardColumn)
            .where(BoardColumn.project_id == project_id)
            .order_by(BoardColumn.position, BoardColumn.id)
            .execution_options(populate_existing=True)
        ).all()
    )


# --- History -----------------------------------------------------------------------------------


def record(
    session: Session,
    *,
    project_id: int,
    actor_id: int,
    kind: str,
    task_id: int | None = None,
    client_visible: bool = True,
    **detail: object,
) -> None:
    """Add a history line (the caller commits).

    Args:
        session: Database session.
        project_id: The project.
        actor_id: Who did it.
        kind: e.g. ``task_moved``; its message is ``board.activity.<kind>``.
        task_id: The task concerned, if any.
        client_visible: False for internal matters.
        **detail: Message parameters (names, column refs, lists of field keys).
    """
    session.add(
        Activity(
            project_id=project_id,
            task_id=task_id,
            actor_id=actor_id,
            kind=kind,
            detail=json.dumps(detail, ensure_ascii=False),
            created_at=clock.now(),
            client_visible=client_visible,
        )
    )


def param_text(value: object, locale: str) -> str:
    """Write a stored message parameter in a language (lists joined, board keys translated).

    Args:
        value: The parameter as stored in JSON.
        locale: ``en`` or ``fr``.

    Returns:
        The text.
    """
    if isinstance(value, list):
        return ", ".join(param_text(item, locale) for item in value) or "—"
    text = str(value)
    if text.startswith("board.") and text in catalogue():
        return translate(text, locale)
    return text


def activity_text(kind: str, detail: str, actor: str, locale: str) -> str:
    """Write a history line in a language.

    Args:
        kind: The line's kind.
        detail: Its JSON parameters.
        actor: The actor's display name.
        locale: ``en`` or ``fr``.

    Returns:
        The sentence.
    """
    try:
        params = json.loads(detail or "{}")
    except ValueError:
        params = {}
    if not isinstance(params, dict):
        params = {}
    texts = {str(k): param_text(v, locale) for k, v in params.items()}
    return translate(f"board.activity.{kind}", locale, actor=actor, **texts)


def activity_views(
    session: Session, rows: Sequence[Activity], *, locale: str, titles: bool = False
) -> tuple[ActivityView, ...]:
    """Turn already-filtered history rows into views (two queries at most).

    Args:
        session: Database session.
        rows: Activity rows the viewer may read.
        locale: Language of the sentences.
        titles: Also give the task titles (for project-wide feeds).

    Returns:
        The views, in the order given.
    """
    if not rows:
        return ()
    names = dict(
        session.exec(
            select(User.id, User.display_name).where(User.id.in_({r.actor_id for r in rows}))
        ).all()
    )
    task_titles: dict[int, str] = {}
    task_ids = {r.task_id for r in rows if r.task_id is not None}
    if titles and task_ids:
        task_titles = dict(
            session.exec(select(Task.id, Task.title).where(Task.id.in_(task_ids))).all()
        )
    return tuple(
        ActivityView(
            id=r.id,
            task_id=r.task_id,
            task_title=task_titles.get(r.task_id, "") if r.task_id else "",
            actor=PersonView(r.actor_id, names.get(r.actor_id, "")),
            kind=r.kind,
            text=activity_text(r.kind, r.detail, names.get(r.actor_id, ""), locale),
            created_at=iso_utc(r.created_at),
        )
        for r in rows
    )


# --- Cards -------------------------------------------------------------------------------------


def build_cards(
    session: Session,
    viewer: Viewer,
    tasks: Sequence[Task],
    *,
    today: date,
    done_column_ids: set[int],
    roles: dict[int, str],
    watching: bool = True,
    ids_query: Select | None = None,
) -> list[CardView]:
    """Project already-filtered tasks into cards with four batched queries, whatever their count.

    Args:
        session: Database session.
        viewer: The signed-in person.
        tasks: Tasks the viewer may see.
        today: Today in the viewer's time zone.
        done_column_ids: Columns meaning "done" (never overdue).
        roles: Project id -> the role the cards are projected for (decides the hidden flag and
            which comments are counted).
        watching: Whether to read the viewer's own watches (False: every card says not
            watched, and the cards depend on no one's identity beyond the visibility rule).
        ids_query: A select of exactly these tasks' ids (a whole board's own condition): the
            batched queries then use it instead of binding every id, which for a board of
            hundreds of cards cost more than the queries themselves.

    Returns:
        Cards in the order of ``tasks``.
    """
    if not tasks:
        return []
    ids = ids_query if ids_query is not None else [t.id for t in tasks]
    assignees: dict[int, list[PersonView]] = defaultdict(list)
    for task_id, user_id, name in session.exec(
        select(TaskAssignee.task_id, User.id, User.display_name)
        .join(User, User.id == TaskAssignee.user_id)
        .where(TaskAssignee.task_id.in_(ids))
        .order_by(User.display_name, User.id)
    ):
        assignees[task_id].append(PersonView(user_id, name))
    labels: dict[int, list[LabelView]] = defaultdict(list)
    for task_id, label_id, name, color in session.exec(
        select(TaskLabel.task_id, Label.id, Label.name, Label.color)
        .join(Label, Label.id == TaskLabel.label_id)
        .where(TaskLabel.task_id.in_(ids))
        .order_by(func.lower(Label.name), Label.id)
    ):
        labels[task_id].append(LabelView(label_id, name, color))
    watched = (
        set(
            session.exec(
                select(TaskWatcher.task_id).where(
                    TaskWatcher.task_id.in_(ids), TaskWatcher.user_id == viewer.user_id
                )
            ).all()
        )
        if watching
        else set()
    )
    counts = dict(
        session.exec(
            select(Comment.task_id, func.count())
            .join(Task, Task.id == Comment.task_id)
            .where(
                Comment.task_id.in_(ids),
                Comment.deleted_at.is_(None),
                permissions.comment_visibility_across_clause(roles),
            )
            .group_by(Comment.task_id)
        ).all()
    )
    return [
        CardView(
            id=t.id,
            project_id=t.project_id,
            column_id=t.column_id,
            position=t.position,
            title=t.title,
            priority=t.priority,
            due_date=t.due_date.isoformat() if t.due_date else "",
            due_state=due_state(t.due_date, today, done=t.column_id in done_column_ids),
            assignees=tuple(assignees[t.id]),
            labels=tuple(labels[t.id]),
            watching=t.id in watched,
            comment_count=counts.get(t.id, 0),
            hidden=t.hidden_from_client and roles.get(t.project_id) in permissions.TEAM_ROLES,
            blocked=t.is_blocked,
            version=t.version,
        )
        for t in tasks
    ]


def card_for(
    session: Session, viewer: Viewer, task: Task, access: permissions.ProjectAccess
) -> CardView:
    """Build one card for a task the viewer may see, after a change.

    Args:
        session: Database session.
        viewer: The signed-in person.
        task: The task (freshly read).
        access: The viewer's access to the task's project.

    Returns:
        The card.
    """
    done = done_column_id(project_columns(session, task.project_id))
    return build_cards(
        session,
        viewer,
        [task],
        today=viewer_today(viewer),
        done_column_ids={done} if done else set(),
        roles={task.project_id: access.role},
    )[0]
