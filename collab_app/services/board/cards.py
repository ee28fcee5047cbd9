"""Cards: a task as the board shows it, projected for one viewer, and its due state.

The values here (``PersonView``, ``LabelView``, ``CardView``) are typed: dates are ``date``
objects, never text; ``collab_app.services.board.presenter`` writes them for the pages.
"""

from __future__ import annotations

import functools
import operator
import zoneinfo
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import Row, Select, bindparam, func
from sqlmodel import Session, select

from collab_app.i18n import normalize_locale
from collab_app.models import Comment, Label, Task, TaskAssignee, TaskLabel, TaskWatcher, User
from collab_app.services import clock, permissions
from collab_app.services.shared_views import PersonView
from collab_app.services.viewer import Viewer

# A task is "due soon" when due today or within this many days.
DUE_SOON_DAYS = 2
DUE_FILTERS = ("overdue", "week")


class DueState(StrEnum):
    """How pressing a due date is for the viewer today."""

    OVERDUE = "overdue"
    SOON = "soon"
    NONE = "none"


DUE_STATES = tuple(DueState)


@dataclass(frozen=True, slots=True)
class LabelView:
    """A label; ``color`` is one of ``LABEL_COLORS``."""

    id: int
    name: str
    color: str


@dataclass(frozen=True, slots=True)
class CardView:
    """A task as a card, projected for one viewer.

    ``due_date`` is the date or None; ``hidden`` (hidden from the client) is only ever True for
    the team; ``comment_count`` counts the comments this viewer may read; ``version`` must be
    sent back with any edit or move.
    """

    id: int
    project_id: int
    column_id: int
    position: int
    title: str
    priority: str
    due_date: date | None
    due_state: DueState
    assignees: tuple[PersonView, ...]
    labels: tuple[LabelView, ...]
    watching: bool
    comment_count: int
    hidden: bool
    blocked: bool
    version: int


def locale_for(viewer: Viewer, locale: str | None) -> str:
    """Return the locale to write in: the one asked, else the viewer's, else English.

    Args:
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

    Returns:
        The local date.
    """
    return clock.now().astimezone(_zone(viewer)).date()


def local_midnight_utc(viewer: Viewer, day: date) -> datetime:
    """Return the (aware, UTC) time at which ``day`` starts in the viewer's time zone.

    Args:
        day: A local date.

    Returns:
        Aware UTC datetime.
    """
    return datetime.combine(day, time.min, tzinfo=_zone(viewer)).astimezone(UTC)


def due_state(due: date | None, today: date, *, done: bool) -> DueState:
    """Classify a due date: overdue, soon (within ``DUE_SOON_DAYS``) or none.

    Args:
        due: The due date.
        today: Today in the viewer's time zone.
        done: Whether the task is in the done column (never overdue then).

    Returns:
        The state.
    """
    if due is None or done:
        return DueState.NONE
    if due < today:
        return DueState.OVERDUE
    if due <= today + timedelta(days=DUE_SOON_DAYS):
        return DueState.SOON
    return DueState.NONE


# The live tasks of one project: a board's batched reads select by it instead of binding the
# id of every card (for a board of hundreds of cards, binding cost more than the queries).
_TASKS_OF_PROJECT = select(Task.id).where(
    Task.project_id == bindparam("project_id"), Task.deleted_at.is_(None)
)


@functools.lru_cache(maxsize=256)
def _card_reads(by_project: bool, roles: tuple[tuple[int, str], ...]) -> tuple[Select, ...]:
    """The four batched reads of ``build_cards``, built once per shape (and comment rule).

    Building these expressions cost about as much as running them, on every board re-read.
    """
    ids = _TASKS_OF_PROJECT if by_project else bindparam("ids", expanding=True)
    return _reads_of(ids, roles)


def _reads_of(ids: object, roles: tuple[tuple[int, str], ...]) -> tuple[Select, ...]:
    assignees = (
        select(TaskAssignee.task_id, User.id, User.display_name)
        .join(User, User.id == TaskAssignee.user_id)
        .where(TaskAssignee.task_id.in_(ids))
        .order_by(User.display_name, User.id)
    )
    labels = (
        select(TaskLabel.task_id, Label.id, Label.name, Label.color)
        .join(Label, Label.id == TaskLabel.label_id)
        .where(TaskLabel.task_id.in_(ids))
        .order_by(func.lower(Label.name), Label.id)
    )
    watched = select(TaskWatcher.task_id).where(
        TaskWatcher.task_id.in_(ids), TaskWatcher.user_id == bindparam("viewer_id")
    )
    counts = (
        select(Comment.task_id, func.count())
        .join(Task, Task.id == Comment.task_id)
        .where(
            Comment.task_id.in_(ids),
            Comment.deleted_at.is_(None),
            permissions.comment_visibility_across_clause(dict(roles)),
        )
        .group_by(Comment.task_id)
    )
    return assignees, labels, watched, counts


# The fields of a task a card needs (not its description), and the columns to select them: rows,
# not ORM objects, are several times cheaper to read, and a board is read on every live refresh.
_CARD_FIELDS = (
    "id",
    "project_id",
    "column_id",
    "position",
    "title",
    "priority",
    "due_date",
    "hidden_from_client",
    "is_blocked",
    "version",
)
CARD_COLUMNS = tuple(getattr(Task, name) for name in _CARD_FIELDS)
_card_fields_of = operator.attrgetter(*_CARD_FIELDS)


def _card_fields(tasks: Sequence[Task | Row]) -> Sequence[tuple]:
    """Each task's ``_CARD_FIELDS``, in that order.

    Rows selected with ``CARD_COLUMNS`` already are those tuples: unpacking a row costs a
    thirtieth of reading its fields by name (0.6 µs each), which a 100-card board did 1,500 times.
    """
    first = tasks[0]
    if isinstance(first, Row) and first._fields == _CARD_FIELDS:
        return tasks
    return [_card_fields_of(task) for task in tasks]


def build_cards(
    session: Session,
    viewer: Viewer,
    tasks: Sequence[Task | Row],
    *,
    today: date,
    done_column_ids: set[int],
    roles: dict[int, str],
    watching: bool = True,
    project_id: int | None = None,
    ids_query: Select | None = None,
) -> list[CardView]:
    """Project already-filtered tasks into cards with four batched queries, whatever their count.

    Args:
        tasks: Tasks the viewer may see (ORM tasks, or rows selected with ``CARD_COLUMNS``).
        today: Today in the viewer's time zone.
        done_column_ids: Columns meaning "done" (never overdue).
        roles: Project id -> the role the cards are projected for (decides the hidden flag and
            which comments are counted).
        watching: Whether to read the viewer's own watches (False: every card says not
            watched, and the cards depend on no one's identity beyond the visibility rule).
        project_id: The one project all ``tasks`` belong to, when they are all its live tasks
            or most of them (a team's whole board): the batched queries then read by project,
            through statements built once, instead of binding every task's id.
        ids_query: Else a select of exactly these tasks' ids (a filtered board, or one of a
            guest or client): the batched queries use it, so a guest's five cards on a board
            of thousands read five cards' people, not the board's.

    Returns:
        Cards in the order of ``tasks``.
    """
    if not tasks:
        return []
    rules = tuple(sorted(roles.items()))
    params: dict[str, object] = {"viewer_id": viewer.user_id}
    if project_id is not None:
        reads = _card_reads(True, rules)
        params["project_id"] = project_id
    elif ids_query is not None:
        reads = _reads_of(ids_query, rules)
    else:
        reads = _card_reads(False, rules)
        params["ids"] = [t.id for t in tasks]
    assignees: dict[int, list[PersonView]] = defaultdict(list)
    for task_id, user_id, name in session.exec(reads[0], params=params):
        assignees[task_id].append(PersonView(user_id, name))
    labels: dict[int, list[LabelView]] = defaultdict(list)
    for task_id, label_id, name, color in session.exec(reads[1], params=params):
        labels[task_id].append(LabelView(label_id, name, color))
    watched = set(session.exec(reads[2], params=params).all()) if watching else set()
    counts = dict(session.exec(reads[3], params=params).all())
    team_projects = {pid for pid, role in roles.items() if role in permissions.TEAM_ROLES}
    # Built field by field (not ``view_from``): a board's re-read builds hundreds of cards.
    return [
        CardView(
            id=tid,
            project_id=project_id,
            column_id=column_id,
            position=position,
            title=title,
            priority=priority,
            due_date=due_date,
            due_state=due_state(due_date, today, done=column_id in done_column_ids),
            assignees=tuple(assignees[tid]) if tid in assignees else (),
            labels=tuple(labels[tid]) if tid in labels else (),
            watching=tid in watched,
            comment_count=counts.get(tid, 0),
            hidden=hidden_from_client and project_id in team_projects,
            blocked=is_blocked,
            version=version,
        )
        for (
            tid,
            project_id,
            column_id,
            position,
            title,
            priority,
            due_date,
            hidden_from_client,
            is_blocked,
            version,
        ) in _card_fields(tasks)
    ]
