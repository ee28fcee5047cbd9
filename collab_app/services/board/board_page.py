"""Reading a project's board: its columns and cards as one viewer may see them, with filters.

Every query goes through ``collab_app.services.permissions`` (filtered in SQL). Loading a board
costs a constant number of queries, whatever the number of cards; ``shared=True`` reuses a
board this process already built for the same projection (live refreshes of many tabs).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select
from sqlmodel import Session, select

from collab_app.models import Task, TaskAssignee, TaskLabel
from collab_app.models.board import TASK_PRIORITIES
from collab_app.services import permissions
from collab_app.services.board.cards import (
    CARD_COLUMNS,
    DUE_FILTERS,
    CardView,
    LabelView,
    PersonView,
    build_cards,
    locale_for,
    viewer_today,
)
from collab_app.services.board.columns import column_label, done_column_id, project_columns
from collab_app.services.board.labels import project_labels
from collab_app.services.board.limits import SEARCH_MAX
from collab_app.services.board.people import assignable_people
from collab_app.services.errors import NotFound, ValidationError
from collab_app.services.viewer import Viewer


@dataclass(frozen=True, slots=True)
class ColumnView:
    """A board column with its cards.

    ``count`` is the number of live cards in the column (for the team: all of them, whatever
    the filters; for guests and clients: those they see). ``wip_limit`` and ``over_limit``
    are only given to the team (None / False otherwise).
    """

    id: int
    name: str
    position: int
    count: int
    wip_limit: int | None
    over_limit: bool
    is_done: bool
    cards: tuple[CardView, ...]


@dataclass(frozen=True, slots=True)
class BoardFilters:
    """What the board is narrowed to; empty values mean "any".

    ``assignee``: a user id, ``"me"`` or ``"none"`` (unassigned); ``label``: a label id;
    ``priority``: one of the priorities; ``due``: ``overdue`` or ``week`` (due within the next
    7 days, today included); ``text``: searched in titles and descriptions (case-insensitive).
    """

    assignee: object = None
    label: object = None
    priority: str = ""
    due: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class BoardView:
    """A project's board as one viewer sees it.

    ``role`` is the role the board was built for (``client`` in a manager's preview, where
    ``preview`` is True); ``change_version`` is the project's change counter (reload when it
    moves); ``card_count`` counts the cards shown (after filters). ``can_*`` say which
    controls to show; the services check again on every call.
    """

    project_id: int
    project_name: str
    role: str
    preview: bool
    change_version: int
    columns: tuple[ColumnView, ...]
    labels: tuple[LabelView, ...]
    card_count: int
    filtered: bool
    can_create: bool
    can_move: bool
    can_manage: bool
    can_comment: bool
    # Who may be assigned (the team's pickers); only filled when asked (``with_people``).
    people: tuple[PersonView, ...] = ()


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filter_clauses(
    filters: BoardFilters, viewer: Viewer, today: date, done_id: int | None
) -> list[object]:
    """Translate filters into SQL conditions on ``Task`` (input checked like any client data)."""
    clauses: list[object] = []
    if filters.assignee not in (None, ""):
        if filters.assignee == "none":
            clauses.append(Task.id.not_in(select(TaskAssignee.task_id)))
        else:
            try:
                uid = (
                    viewer.user_id
                    if filters.assignee == "me"
                    else permissions.coerce_id(filters.assignee)
                )
            except NotFound as exc:
                raise ValidationError("board.filter_invalid", field="assignee") from exc
            clauses.append(
                Task.id.in_(select(TaskAssignee.task_id).where(TaskAssignee.user_id == uid))
            )
    if filters.label not in (None, ""):
        try:
            lid = permissions.coerce_id(filters.label)
        except NotFound as exc:
            raise ValidationError("board.filter_invalid", field="label") from exc
        clauses.append(Task.id.in_(select(TaskLabel.task_id).where(TaskLabel.label_id == lid)))
    if filters.priority:
        if filters.priority not in TASK_PRIORITIES:
            raise ValidationError("board.filter_invalid", field="priority")
        clauses.append(Task.priority == filters.priority)
    if filters.due:
        if filters.due not in DUE_FILTERS:
            raise ValidationError("board.filter_invalid", field="due")
        if filters.due == "overdue":
            clauses.append(Task.due_date < today)
            if done_id is not None:
                clauses.append(Task.column_id != done_id)
        else:
            clauses.append(Task.due_date.between(today, today + timedelta(days=6)))
    text = " ".join(filters.text.split())[:SEARCH_MAX] if isinstance(filters.text, str) else ""
    if text:
        pattern = _like(text)
        clauses.append(
            Task.title.ilike(pattern, escape="\\") | Task.description.ilike(pattern, escape="\\")
        )
    return clauses


# Boards built for ``shared=True`` calls, by everything that decides their content: see
# ``_shared_key``. Small: a process holds the few boards its tabs show, one per role and version.
_SHARED_MAX = 64
_shared: OrderedDict[tuple, Any] = OrderedDict()
_shared_lock = threading.Lock()


def clear_shared_boards() -> None:
    """Forget the boards kept for ``shared=True`` calls (tests switching databases)."""
    with _shared_lock:
        _shared.clear()


def _shared_key(
    access: permissions.ProjectAccess,
    viewer: Viewer,
    *,
    preview: bool,
    filters: BoardFilters,
    today: date,
    lang: str,
) -> tuple:
    """What a board built without the viewer's own watches depends on.

    The project's data at its ``change_version`` (every visible change bumps it), the role the
    cards are projected for (visibility, hidden flags, comment counts, controls), the viewer's
    own id wherever visibility or a filter depends on who they are (guests see their own
    tasks; "assigned to me"), the preview flag, the filters, the viewer's today (due states) and
    the language (column names, due labels).
    """
    personal = access.role not in permissions.TEAM_ROLES or filters.assignee == "me"
    return (
        access.project.id,
        access.project.change_version,
        access.role,
        viewer.user_id if personal else 0,
        preview,
        repr(filters),
        today,
        lang,
    )


def load_board(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    filters: BoardFilters | None = None,
    today: date | None = None,
    as_role: str | None = None,
    locale: str | None = None,
    shared: bool = False,
    with_people: bool = False,
) -> BoardView:
    """Return a project's board as the viewer may see it, in a constant number of queries.

    Args:
        viewer: Anyone on the project.
        filters: Narrow the cards shown (column counts for the team stay unfiltered).
        today: The viewer's today (default: now in the viewer's time zone), for due states.
        as_role: ``"client"`` for a manager's preview: the board exactly as the client sees it,
            produced by the same permission rule.
        locale: Language of the default column names (default: the viewer's).
        shared: The caller does not need the viewer's own watches (every card says not
            watched). The permission check runs as always; then a board this process already
            built for the same project version, role (and person where visibility depends on
            who they are), filters, day and language is reused instead of read again. Live
            refreshes of many tabs showing one board use it.
        with_people: Also list who may be assigned (as ``list_assignable``), for viewers who
            may create cards (empty for the others).

    Returns:
        The board.

    Raises:
        NotFound: The viewer is not on the project.
        PermissionDenied: ``as_role`` from someone who is not a manager.
        ValidationError: A malformed filter.
    """
    real = permissions.require_project(session, viewer, project_id)
    access = permissions.preview_access(real, as_role)
    today = today or viewer_today(viewer)
    lang = locale_for(viewer, locale)
    filters = filters or BoardFilters()
    if not shared:
        return _build_board(
            session, viewer, access, real, filters, today, lang, watching=True, people=with_people
        )
    projection = _shared_key(
        access, viewer, preview=access is not real, filters=filters, today=today, lang=lang
    )
    key = (*projection, with_people)
    with _shared_lock:
        found = _shared.get(key)
        if found is not None:
            _shared.move_to_end(key)
            return found
    view = _build_board(
        session, viewer, access, real, filters, today, lang, watching=False, people=with_people
    )
    with _shared_lock:
        _shared[key] = view
        while len(_shared) > _SHARED_MAX:
            _shared.popitem(last=False)
    return view


@functools.cache
def _unfiltered_cards(role: str) -> Select:
    """The cards of a whole board for a role, built once (every live refresh reads one)."""
    return (
        select(*CARD_COLUMNS)
        .where(permissions.visible_tasks_template(role))
        .order_by(Task.column_id, Task.position, Task.id)
    )


def _build_board(
    session: Session,
    viewer: Viewer,
    access: permissions.ProjectAccess,
    real: permissions.ProjectAccess,
    filters: BoardFilters,
    today: date,
    lang: str,
    *,
    watching: bool,
    people: bool,
) -> BoardView:
    """Read a board for ``access`` (see ``load_board``)."""
    pid = access.project.id
    columns = project_columns(session, pid)
    done_id = done_column_id(columns)
    clauses = _filter_clauses(filters, viewer, today, done_id)
    whole = access.is_team and not clauses
    visible = None if whole else permissions.visible_tasks_clause(access, viewer)
    if clauses:
        tasks = session.exec(
            select(*CARD_COLUMNS)
            .where(visible, *clauses)
            .order_by(Task.column_id, Task.position, Task.id)
        ).all()
        # The column counts stay those of the whole board the viewer sees.
        in_columns = session.exec(select(Task.column_id).where(visible)).all()
    else:
        tasks = session.exec(
            _unfiltered_cards(access.role), params={"project_id": pid, "viewer_id": viewer.user_id}
        ).all()
        in_columns = [task.column_id for task in tasks]
    counts: dict[int, int] = {}
    for column_id in in_columns:
        counts[column_id] = counts.get(column_id, 0) + 1
    cards = build_cards(
        session,
        viewer,
        tasks,
        today=today,
        done_column_ids={done_id} if done_id else set(),
        roles={pid: access.role},
        watching=watching,
        # A team's whole board by project (statements built once); a filtered board, or a
        # guest's or client's, by its own condition (they may see few of many cards).
        project_id=pid if whole else None,
        ids_query=None if whole else select(Task.id).where(visible, *clauses),
    )
    by_column: dict[int, list[CardView]] = {}
    for card in cards:
        by_column.setdefault(card.column_id, []).append(card)
    team = access.is_team
    column_views = tuple(
        ColumnView(
            id=c.id,
            name=column_label(c, lang),
            position=c.position,
            count=counts.get(c.id, 0),
            wip_limit=c.wip_limit if team else None,
            over_limit=team and c.wip_limit is not None and counts.get(c.id, 0) > c.wip_limit,
            is_done=c.id == done_id,
            cards=tuple(by_column.get(c.id, ())),
        )
        for c in columns
    )
    can_create = permissions.can_edit_task(access)
    return BoardView(
        project_id=pid,
        project_name=access.project.name,
        role=access.role,
        preview=access is not real,
        change_version=access.project.change_version,
        columns=column_views,
        labels=project_labels(session, pid),
        card_count=len(cards),
        filtered=bool(clauses),
        can_create=can_create,
        can_move=permissions.can_move_task(access),
        can_manage=permissions.can_manage_board(access),
        can_comment=access is real and bool(permissions.comment_visibilities(access)),
        people=_sorted_people(session, access) if people and can_create else (),
    )


def _sorted_people(session: Session, access: permissions.ProjectAccess) -> tuple[PersonView, ...]:
    people = assignable_people(session, access.project.id, access.project.collective_id)
    return tuple(
        PersonView(uid, name)
        for uid, name in sorted(people.items(), key=lambda p: (p[1].lower(), p[0]))
    )


def list_assignable(
    session: Session, viewer: Viewer, *, project_id: object
) -> tuple[PersonView, ...]:
    """Return who may be assigned to or watch the project's tasks (for the team's pickers).

    Args:
        viewer: A manager or member of the project.

    Returns:
        People sorted by name.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.TASK_EDIT_ROLES
    )
    return _sorted_people(session, access)
