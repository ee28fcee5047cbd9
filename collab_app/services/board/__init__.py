"""The Kanban board: the one module the UI imports for boards, tasks, columns and labels.

Reading (here): ``load_board`` (with filters, and "preview as client" for managers),
``get_task_detail``, ``my_tasks``, ``list_activity``, ``list_assignable``.
Writing (re-exported from ``board_tasks``, ``board_people`` and ``board_setup``): tasks, moves,
assignees/labels/watchers, columns and labels. Comments live in ``comments``, the weekly digest
in ``recap``.

Every query goes through ``collab_app.services.permissions`` (filtered in SQL). A task the
viewer may not see is ``NotFound``, exactly like a missing id, whatever id is sent. Loading a
board costs a constant number of queries, whatever the number of cards.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, select

from collab_app.models import (
    Activity,
    BoardColumn,
    Task,
    TaskAssignee,
    TaskLabel,
    TaskWatcher,
    User,
)
from collab_app.models.board import TASK_PRIORITIES
from collab_app.services import permissions
from collab_app.services.board.comments import task_comments
from collab_app.services.board.common import (
    activity_views,
    build_cards,
    column_label,
    done_column_id,
    iso_utc,
    locale_for,
    project_columns,
    viewer_today,
)
from collab_app.services.board.people import (
    assignable_people,
    set_assignees,
    set_labels,
    set_watchers,
    set_watching,
)
from collab_app.services.board.setup import (
    add_column,
    create_default_columns,
    create_label,
    delete_column,
    delete_label,
    ensure_default_columns,
    move_column,
    project_labels,
    rename_column,
    set_wip_limit,
    update_label,
)
from collab_app.services.board.tasks import (
    create_task,
    delete_task,
    move_task,
    restore_task,
    update_task,
)
from collab_app.services.board.validate import (
    DUE_FILTERS,
    LABEL_COLORS,
    SEARCH_MAX,
)
from collab_app.services.board.views import (
    UNCHANGED,
    ActivityView,
    BoardFilters,
    BoardView,
    CardView,
    ColumnView,
    CommentView,
    LabelView,
    MyTaskView,
    PersonView,
    TaskDetail,
    WipLimitReached,
)
from collab_app.services.errors import NotFound, ValidationError
from collab_app.services.markdown import render_markdown
from collab_app.services.viewer import Viewer

__all__ = [
    "LABEL_COLORS",
    "TASK_PRIORITIES",
    "UNCHANGED",
    "ActivityView",
    "BoardFilters",
    "BoardView",
    "CardView",
    "ColumnView",
    "CommentView",
    "LabelView",
    "MyTaskView",
    "PersonView",
    "TaskDetail",
    "WipLimitReached",
    "add_column",
    "clear_shared_boards",
    "create_default_columns",
    "create_label",
    "create_task",
    "delete_column",
    "delete_label",
    "delete_task",
    "ensure_default_columns",
    "get_task_detail",
    "list_activity",
    "list_assignable",
    "load_board",
    "move_column",
    "move_task",
    "my_tasks",
    "preview_as_client",
    "rename_column",
    "restore_task",
    "set_assignees",
    "set_labels",
    "set_watchers",
    "set_watching",
    "set_wip_limit",
    "update_label",
    "update_task",
]

ACTIVITY_PAGE_MAX = 200
_PRIORITY_RANK = {p: i for i, p in enumerate(reversed(TASK_PRIORITIES))}


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


# The columns of a task a card needs (not its description): rows, not ORM objects, are several
# times cheaper to read, and a board is read on every live refresh of every tab.
_CARD_COLUMNS = (
    Task.id,
    Task.project_id,
    Task.column_id,
    Task.position,
    Task.title,
    Task.priority,
    Task.due_date,
    Task.hidden_from_client,
    Task.is_blocked,
    Task.version,
)
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
        session: Database session.
        viewer: Anyone on the project.
        project_id: Id received from the client.
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
    visible = permissions.visible_tasks_clause(access, viewer)
    clauses = _filter_clauses(filters, viewer, today, done_id)
    tasks = session.exec(
        select(*_CARD_COLUMNS)
        .where(visible, *clauses)
        .order_by(Task.column_id, Task.position, Task.id)
    ).all()
    if clauses:
        counts: dict[int, int] = {}
        for column_id in session.exec(select(Task.column_id).where(visible)).all():
            counts[column_id] = counts.get(column_id, 0) + 1
    else:
        counts = {}
        for task in tasks:
            counts[task.column_id] = counts.get(task.column_id, 0) + 1
    cards = build_cards(
        session,
        viewer,
        tasks,
        today=today,
        done_column_ids={done_id} if done_id else set(),
        roles={pid: access.role},
        watching=watching,
        ids_query=select(Task.id).where(visible, *clauses),
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


def preview_as_client(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    filters: BoardFilters | None = None,
    today: date | None = None,
    locale: str | None = None,
) -> BoardView:
    """Return the board exactly as the project's client sees it (managers only).

    Args:
        session: Database session.
        viewer: A manager of the project.
        project_id: Id received from the client.
        filters: Optional filters.
        today: The viewer's today.
        locale: Language of default column names.

    Returns:
        The client's board (``preview`` is True).
    """
    return load_board(
        session,
        viewer,
        project_id=project_id,
        filters=filters,
        today=today,
        as_role="client",
        locale=locale,
    )


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
        session: Database session.
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
    done_id = done_column_id(columns)
    card = build_cards(
        session,
        viewer,
        [task],
        today=today or viewer_today(viewer),
        done_column_ids={done_id} if done_id else set(),
        roles={task.project_id: access.role},
    )[0]
    column = next((c for c in columns if c.id == task.column_id), None)
    watchers = session.exec(
        select(User.id, User.display_name)
        .join(TaskWatcher, TaskWatcher.user_id == User.id)
        .where(TaskWatcher.task_id == task.id)
        .order_by(User.display_name, User.id)
    ).all()
    creator = session.get(User, task.created_by_id)
    history = session.exec(
        select(Activity)
        .where(
            Activity.task_id == task.id,
            permissions.visible_activity_clause(access, viewer),
        )
        .order_by(Activity.created_at.desc(), Activity.id.desc())
        .limit(ACTIVITY_PAGE_MAX)
    ).all()
    editable = access is real and permissions.can_edit_task(access)
    return TaskDetail(
        id=task.id,
        project_id=task.project_id,
        column_id=task.column_id,
        column_name=column_label(column, lang) if column else "",
        title=task.title,
        description=task.description if editable else "",
        description_html=render_markdown(task.description),
        priority=task.priority,
        due_date=card.due_date,
        due_state=card.due_state,
        hidden=card.hidden,
        blocked=task.is_blocked,
        version=task.version,
        created_by=PersonView(task.created_by_id, creator.display_name if creator else ""),
        created_at=iso_utc(task.created_at),
        updated_at=iso_utc(task.updated_at),
        assignees=card.assignees,
        watchers=tuple(PersonView(i, n) for i, n in watchers),
        labels=card.labels,
        watching=card.watching,
        comments=task_comments(session, viewer, access, task.id),
        activity=activity_views(session, history, locale=lang),
        role=access.role,
        preview=access is not real,
        can_edit=editable,
        can_move=access is real and permissions.can_move_task(access),
        can_set_hidden=access is real and permissions.can_manage_board(access),
        comment_visibilities=permissions.comment_visibilities(access)
        if access is real and permissions.can_comment(session, access, viewer)
        else (),
    )


def list_activity(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    limit: int = 50,
    as_role: str | None = None,
    locale: str | None = None,
) -> tuple[ActivityView, ...]:
    """Return a project's latest history lines that the viewer may read, newest first.

    Args:
        session: Database session.
        viewer: Anyone on the project.
        project_id: Id received from the client.
        limit: How many lines (1-200).
        as_role: ``"client"`` for a manager's preview.
        locale: Language of the sentences.

    Returns:
        The lines, with task titles.
    """
    real = permissions.require_project(session, viewer, project_id)
    access = permissions.preview_access(real, as_role)
    count = limit if isinstance(limit, int) and not isinstance(limit, bool) else 50
    rows = session.exec(
        select(Activity)
        .where(permissions.visible_activity_clause(access, viewer))
        .order_by(Activity.created_at.desc(), Activity.id.desc())
        .limit(max(1, min(count, ACTIVITY_PAGE_MAX)))
    ).all()
    return activity_views(session, rows, locale=locale_for(viewer, locale), titles=True)


def list_assignable(
    session: Session, viewer: Viewer, *, project_id: object
) -> tuple[PersonView, ...]:
    """Return who may be assigned to or watch the project's tasks (for the team's pickers).

    Args:
        session: Database session.
        viewer: A manager or member of the project.
        project_id: Id received from the client.

    Returns:
        People sorted by name.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.TASK_EDIT_ROLES
    )
    return _sorted_people(session, access)


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
        session: Database session.
        viewer: The signed-in person.
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
