"""Where cards stand, and how board writes stay consistent under concurrency.

- The placement rule (``placed``): one pure function, used by the services and by the board
  page's optimistic display of the viewer's own move.
- The per-project lock (``project_lock.lock_project``): every board write takes it first.
- Dense positions 0..n-1 in each column (``write_positions``, ``place_task``).
- Version-guarded updates (``guarded_update``): a task changes only at the version the viewer
  last saw, else ``Conflict("board.stale")``.
- ``finish_task_change``: read the card back, commit (the commit moves the change version).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from sqlalchemy import bindparam, true, update
from sqlmodel import Session, select

from collab_app.models import BoardColumn, Task
from collab_app.services import change_signal, clock, permissions
from collab_app.services.board.cards import CardView, build_cards, viewer_today
from collab_app.services.board.columns import done_column_id, project_columns
from collab_app.services.errors import Conflict, NotFound
from collab_app.services.project_lock import lock_project
from collab_app.services.viewer import Viewer

# --- The placement rule --------------------------------------------------------------------------


def placed(
    others: Sequence[int], task_id: int, at: int, seen: Sequence[int] | None = None
) -> list[int]:
    """Return a column's order with a task put at a place among the cards someone sees.

    The task goes just before the card seen at index ``at``, or just after the last card seen
    when ``at`` is past the end (at the very end when none is seen). Pure: no database.

    Args:
        others: The column's other cards, in board order.
        task_id: The card being placed.
        at: Its index among the cards seen (non-negative).
        seen: The cards of ``others`` the mover sees, in board order (None: all of them).

    Returns:
        The column's new order.
    """
    visible = list(others) if seen is None else list(seen)
    if at < len(visible):
        slot = others.index(visible[at])
    elif visible:
        slot = others.index(visible[-1]) + 1
    else:
        slot = len(others)
    return [*others[:slot], task_id, *others[slot:]]


# --- Locks and positions -------------------------------------------------------------------------


def lock_columns(session: Session, project_id: int, column_ids: Iterable[int]) -> None:
    """Lock the project's board, then check the columns still exist before reordering them.

    Args:
        project_id: The project the columns must belong to.
        column_ids: The columns.

    Raises:
        NotFound: A column disappeared meanwhile.
    """
    lock_project(session, project_id)
    wanted = sorted(set(column_ids))
    found = session.exec(
        select(BoardColumn.id)
        .where(BoardColumn.id.in_(wanted), BoardColumn.project_id == project_id)
        .order_by(BoardColumn.id)
    ).all()
    if len(found) != len(wanted):
        raise NotFound()


# Built once (a move reads two columns' positions): the live tasks of some columns in board
# order, with or without the task being placed.
_LIVE_IN_COLUMNS = (
    select(Task.column_id, Task.id, Task.position)
    .where(Task.column_id.in_(bindparam("column_ids", expanding=True)), Task.deleted_at.is_(None))
    .order_by(Task.column_id, Task.position, Task.id)
)
_LIVE_IN_COLUMNS_BUT_ONE = _LIVE_IN_COLUMNS.where(Task.id != bindparam("exclude"))


def columns_positions(
    session: Session, column_ids: Iterable[int], *, exclude: int | None = None
) -> dict[int, dict[int, int]]:
    """Return the live tasks of some columns in board order, with their stored positions.

    Args:
        column_ids: The columns (one query for all).
        exclude: A task to leave out (the one being placed).

    Returns:
        Column id -> (task id -> position, in board order); every asked column is present.
    """
    wanted = sorted(set(column_ids))
    found: dict[int, dict[int, int]] = {cid: {} for cid in wanted}
    if exclude is None:
        rows = session.exec(_LIVE_IN_COLUMNS, params={"column_ids": wanted})
    else:
        rows = session.exec(
            _LIVE_IN_COLUMNS_BUT_ONE, params={"column_ids": wanted, "exclude": exclude}
        )
    for column_id, task_id, position in rows:
        found[column_id][task_id] = position
    return found


def column_positions(
    session: Session, column_id: int, *, exclude: int | None = None
) -> dict[int, int]:
    """Return the live tasks of a column in board order, with their stored positions.

    Args:
        column_id: The column.
        exclude: A task to leave out (the one being placed).

    Returns:
        Task id -> position, in board order.
    """
    return columns_positions(session, (column_id,), exclude=exclude)[column_id]


# Built once: a move rewrites a few dozen positions, and building a statement per call (or a
# CASE with a branch per task) cost more than running it.
_TASKS = Task.__table__
_SET_POSITION = (
    update(_TASKS)
    .where(_TASKS.c.id == bindparam("task_id"), _TASKS.c.column_id == bindparam("in_column"))
    .values(position=bindparam("new_position"))
)


def write_positions(
    session: Session,
    column_id: int,
    ordered_ids: Sequence[int],
    current: Mapping[int, int] | None = None,
) -> None:
    """Store dense positions 0..n-1 for a column's live tasks, writing only those that moved.

    Args:
        column_id: The column (guards the update).
        ordered_ids: The column's live tasks in their new order.
        current: Task id -> stored position, when the caller has just read them (in this
            transaction, after its first write); read here otherwise.
    """
    if not ordered_ids:
        return
    if current is None:
        current = dict(
            session.exec(select(Task.id, Task.position).where(Task.id.in_(ordered_ids))).all()
        )
    write_orders(session, {column_id: (ordered_ids, current)})


def write_orders(
    session: Session, orders: Mapping[int, tuple[Sequence[int], Mapping[int, int]]]
) -> None:
    """Store dense positions in several columns at once (one statement for all of them).

    Args:
        orders: Column id -> (its live tasks in their new order, task id -> stored position as
            just read in this transaction, after its first write).
    """
    changes = [
        {"task_id": tid, "in_column": column_id, "new_position": i}
        for column_id, (ordered_ids, current) in orders.items()
        for i, tid in enumerate(ordered_ids)
        if current.get(tid) != i
    ]
    if changes:
        session.connection().execute(_SET_POSITION, changes)


def renumber_column(session: Session, column_id: int) -> None:
    """Close the gaps a card left in a column (positions dense again).

    Args:
        column_id: The column.
    """
    left = column_positions(session, column_id)
    write_positions(session, column_id, list(left), left)


def place_task(session: Session, column_id: int, task_id: int, index: int | None) -> None:
    """Put a task at an index of its column and renumber the column densely.

    Args:
        session: Database session (the task's column is already written).
        column_id: The task's column.
        task_id: The task.
        index: Position among the other live tasks; None for the end.
    """
    places = column_positions(session, column_id, exclude=task_id)
    at = len(places) if index is None else max(0, index)
    write_positions(session, column_id, placed(list(places), task_id, at), places)


# --- Version-guarded task writes -----------------------------------------------------------------


def clean_version(version: object) -> int:
    """Read the version a client sends back with an edit.

    Args:
        version: An int or digit string.

    Returns:
        The version.

    Raises:
        Conflict: Anything that cannot be the current version (``board.stale``).
    """
    if isinstance(version, int) and not isinstance(version, bool) and 0 < version < 2**31:
        return version
    if isinstance(version, str) and version.isascii() and version.isdigit() and len(version) < 10:
        return int(version)
    raise Conflict("board.stale")


def expect_version(task: Task, expected_version: object) -> int:
    """Check early that the version a client sent is the task's current one.

    Args:
        task: The task as just read.
        expected_version: What the client sent.

    Returns:
        The version.

    Raises:
        Conflict: ``board.stale``.
    """
    expected = clean_version(expected_version)
    if expected != task.version:
        raise Conflict("board.stale")
    return expected


def guarded_update(
    session: Session, task: Task, expected: int | None, *, deleted: bool = False, **values: object
) -> None:
    """Apply ``values`` and bump the version, only if the task is still as expected.

    One ``UPDATE ... WHERE id = ? AND version = ?``: when it changes no row, someone else
    changed the task meanwhile; the transaction is rolled back and nothing is overwritten. The
    change signal is given the task's project (read in this transaction), not left to read it.

    Args:
        task: The task.
        expected: The version the viewer last saw (None: any version).
        deleted: The task must be deleted (an undo), instead of live.
        **values: Columns to set.

    Raises:
        Conflict: ``board.stale``.
    """
    version = true() if expected is None else Task.version == expected
    state = Task.deleted_at.is_not(None) if deleted else Task.deleted_at.is_(None)
    # A write moving the task to another project would change two: let the signal read them.
    known = {} if "project_id" in values else change_signal.of_project(task.project_id)
    result = session.exec(
        update(Task)
        .where(Task.id == task.id, version, state)
        .values(version=Task.version + 1, updated_at=clock.now(), **values)
        .execution_options(synchronize_session=False, **known)
    )
    if result.rowcount != 1:
        session.rollback()
        raise Conflict("board.stale")


def reload_task(session: Session, task_id: int) -> Task:
    """Read a task again, bypassing the session's cached copy.

    Args:
        task_id: The task.

    Returns:
        The task.
    """
    return session.exec(
        select(Task).where(Task.id == task_id).execution_options(populate_existing=True)
    ).one()


def card_for(
    session: Session,
    viewer: Viewer,
    task: Task,
    access: permissions.ProjectAccess,
    *,
    today: date | None = None,
    columns: Sequence[BoardColumn] | None = None,
) -> CardView:
    """Build one card for a task the viewer may see (after a change, or for its page).

    Args:
        task: The task (freshly read).
        access: The access the card is projected for.
        today: The viewer's today (default: now in their time zone).
        columns: The project's columns, when the caller has just read them.

    Returns:
        The card.
    """
    if columns is None:
        columns = project_columns(session, task.project_id)
    done = done_column_id(columns)
    return build_cards(
        session,
        viewer,
        [task],
        today=today or viewer_today(viewer),
        done_column_ids={done} if done else set(),
        roles={task.project_id: access.role},
    )[0]


def finish_task_change(
    session: Session,
    viewer: Viewer,
    task_id: int,
    access: permissions.ProjectAccess,
    *,
    with_card: bool = True,
) -> CardView | None:
    """Build the task's card, then commit (the commit moves the project's change version).

    The card is read inside the change's transaction, while it still holds the task's row
    (and, on SQLite, the write lock): it shows exactly what this change wrote. Read after the
    commit, it could show someone else's later change instead (a concurrent move's version).

    Args:
        task_id: The changed task.
        access: The viewer's access to its project.
        with_card: Read the card back (callers that re-read the whole board pass False and
            save the card's five queries).

    Returns:
        The card, or None without ``with_card``.
    """
    card = card_for(session, viewer, reload_task(session, task_id), access) if with_card else None
    session.commit()
    return card
