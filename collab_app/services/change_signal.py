"""The change signal of a project: its ``change_version``, moved by every visible change.

Open screens of a project reload when its ``change_version`` moves (``state.live``). No service
moves it by hand: :func:`track_changes` hooks every session, so that each write reaches it.

- Rows written through the ORM (``session.add``, attribute changes, ``session.delete``) are
  noted before each flush: a row with a ``project_id`` notes its project; a row without one
  the project of the row its foreign key points to (a task's assignees, watchers, labels and
  comments, a review item's versions, an invoice's lines, a feedback schedule's contacts);
  the ``Project`` row notes itself (unless only its ``change_version`` moved). A row loaded
  and given back the same values is not a change.
- Bulk ``update()`` / ``delete()`` statements note the projects of the rows their ``WHERE``
  matches, read just before the statement runs; a statement whose rows all belong to one project
  the caller already holds (a version-guarded write of a task read in the same transaction) names
  it with :func:`of_project` instead, and nothing is read.
- Rows a project screen never shows (:data:`_UNSEEN`: a person's notifications, mutes, mails
  waiting in the outbox, schedules of jobs) move nothing.
- :func:`mark_changed` notes a project by hand, for the few changes no project row records
  (a collective's membership shows on all its projects).

The noted projects move once each, when the transaction commits: after all its other writes,
like the manual calls did, so that row locks are still taken in the same order (rows first,
then the projects, by id), and a transaction rolled back moves nothing.

Each process also numbers its own commits that moved projects (:func:`changes_mark`,
:func:`changed_here_since`): a check read a moment ago (the live task's, see
``permissions.known_roles``) holds a project row that may predate a change this process has
committed since, and a tab's own change must never be shown older than it is.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, event, inspect, select, update
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session

from collab_app.models import Notification, NotificationMute, OutboxMessage, Project
from collab_app.models.notifications import ClientUpdateSchedule

# ``session.info`` keys: projects noted in the open transaction, and rows (table -> ids) whose
# project is still to be read.
_PROJECTS = "change_signal.projects"
_PARENTS = "change_signal.parents"
# ``session.info`` key: the versions the committing transaction gave the projects it moved
# (kept after the commit, see ``committed_versions``).
_WRITTEN = "change_signal.written"
# Execution option marking the signal's own update of ``change_version`` (not a change).
_BUMP = "change_signal_bump"
# Execution option of a bulk statement naming the one project all its rows belong to.
_OF_PROJECT = "change_signal_project"
# Project-scoped rows no project screen shows: a person's inbox and mutes, mails on their way,
# the weekly client update's schedule.
_UNSEEN: frozenset[type] = frozenset(
    {Notification, NotificationMute, OutboxMessage, ClientUpdateSchedule}
)


# This process's commits that moved projects, numbered: the latest number, and each project's
# latest (plain ints: a process's few projects; the lock keeps the numbering in order).
_commits_lock = threading.Lock()
_last_commit = 0
_last_commit_of: dict[int, int] = {}


def changes_mark() -> int:
    """A mark of the project changes this process has committed so far.

    Take it before reading what ``changed_here_since`` should be compared with: a commit not
    counted in it may not be in that read either.

    Returns:
        The number of this process's latest commit that moved a project.
    """
    return _last_commit


def changed_here_since(project_id: int, mark: int) -> bool:
    """Whether this process committed a change of the project after ``mark`` was taken.

    Args:
        project_id: The project.
        mark: What ``changes_mark`` returned.

    Returns:
        True when a read made after the mark may miss one of this process's changes.
    """
    return _last_commit_of.get(project_id, 0) > mark


def _after_commit(session: OrmSession) -> None:
    """Number the commit that moved projects (once the database has it)."""
    global _last_commit
    moved = session.info.get(_WRITTEN)
    if moved:
        with _commits_lock:
            _last_commit += 1
            for project_id in moved:
                _last_commit_of[project_id] = _last_commit


def mark_changed(session: Session, project_id: int | None) -> None:
    """Note a change of a project no row of it records; it moves when the session commits.

    Args:
        project_id: The project (``None`` is ignored).
    """
    if project_id is not None:
        session.info.setdefault(_PROJECTS, set()).add(project_id)


def of_project(project_id: int) -> dict[str, int]:
    """Execution options of a bulk ``update()``/``delete()`` whose rows are all in one project.

    The statement's project is then noted as given, instead of read from the rows its ``WHERE``
    matches (one query less per write). Only for rows the caller read in the same transaction
    and whose ``project_id`` the statement does not change.

    Args:
        project_id: The project of every row the statement may touch.

    Returns:
        Options for ``Executable.execution_options``.
    """
    return {_OF_PROJECT: project_id}


def _note(session: OrmSession, rows: Iterable[Any], *, dirty: bool) -> None:
    """Note the projects of ORM rows about to be written."""
    for row in rows:
        model = type(row)
        if model in _UNSEEN:
            continue
        if model is Project:
            if not (dirty and _only_version_moved(row)):
                mark_changed(session, row.id)  # a new project has no id yet: nobody watches it
            continue
        if dirty and not session.is_modified(row, include_collections=False):
            continue
        if hasattr(model, "project_id"):
            mark_changed(session, row.project_id)
        elif (parent := _parent_of(model)) is not None:
            key, table = parent
            parents = session.info.setdefault(_PARENTS, {})
            parents.setdefault(table, set()).add(getattr(row, key))


@functools.cache
def _parent_of(model: type) -> tuple[str, Table] | None:
    """A model without ``project_id``: its foreign key to a row that has one, if any.

    Assignees, watchers, labels and comments hang on their task, a review's versions on its
    item, an invoice's lines on the invoice, a feedback contact on its schedule...
    """
    table = getattr(model, "__table__", None)
    for column in table.columns if table is not None else ():
        for key in column.foreign_keys:
            if "project_id" in key.column.table.c and key.column.name == "id":
                return column.key, key.column.table
    return None


def _only_version_moved(project: Project) -> bool:
    """Whether a loaded project's only pending change (if any) is its ``change_version``."""
    changed = {
        attribute.key for attribute in inspect(project).attrs if attribute.history.has_changes()
    }
    return changed <= {"change_version"}


def _before_flush(session: OrmSession, _context: Any, _instances: Any) -> None:
    _note(session, session.new, dirty=False)
    _note(session, session.dirty, dirty=True)
    _note(session, session.deleted, dirty=False)


def _on_execute(state: ORMExecuteState) -> Any:
    """Note the projects whose rows a bulk ``update()``/``delete()`` is about to touch."""
    if not (state.is_update or state.is_delete):
        return None
    model = state.statement.entity_description.get("entity")
    if model is None or model in _UNSEEN or state.execution_options.get(_BUMP):
        return None
    known = state.execution_options.get(_OF_PROJECT)
    if known is not None:
        mark_changed(state.session, known)
        return None
    where = state.statement.whereclause
    if model is Project:
        query = select(Project.id)
    elif hasattr(model, "project_id"):
        query = select(model.project_id)
    elif (parent := _parent_of(model)) is not None:
        key, table = parent
        rows = select(getattr(model, key))
        query = select(table.c.project_id).where(
            table.c.id.in_(rows if where is None else rows.where(where))
        )
        where = None
    else:
        return None
    if where is not None:
        query = query.where(where)
    for project_id in state.session.execute(query.distinct()).scalars():
        mark_changed(state.session, project_id)
    return None


def _before_commit(session: OrmSession) -> None:
    """Move every noted project once, after the transaction's other writes."""
    session.flush()
    for table, ids in session.info.pop(_PARENTS, {}).items():
        found = session.execute(select(table.c.project_id).where(table.c.id.in_(sorted(ids))))
        for project_id in found.scalars():
            mark_changed(session, project_id)
    written = session.info[_WRITTEN] = {}
    for project_id in sorted(session.info.pop(_PROJECTS, set())):
        version = session.execute(
            update(Project)
            .where(Project.id == project_id)
            .values(change_version=Project.change_version + 1)
            .returning(Project.change_version)
            .execution_options(**{_BUMP: True})
        ).scalar_one_or_none()
        if version is not None:
            written[project_id] = version


def committed_versions(session: Session) -> dict[int, int]:
    """The change versions the session's last commit gave the projects it moved.

    Read in the committing transaction, after its writes: a project at ``v + 1`` here was at
    ``v`` just before this commit's change, with nothing of anyone else's in between.

    Args:
        session: A session that has committed (empty before, and after a rollback).

    Returns:
        Project id -> its change version as this commit left it.
    """
    return dict(session.info.get(_WRITTEN, {}))


def _forget(session: OrmSession, *_args: Any) -> None:
    """A rolled back transaction moves nothing."""
    session.info.pop(_PROJECTS, None)
    session.info.pop(_PARENTS, None)
    session.info.pop(_WRITTEN, None)


def track_changes(session_class: type[OrmSession] = Session) -> None:
    """Hook every session of ``session_class`` so that each visible write moves its project.

    Idempotent; ``collab_app.db`` calls it once for the app, the CLI, the jobs and the tests.

    Args:
        session_class: The session class to hook.
    """
    hooks = (
        ("before_flush", _before_flush),
        ("do_orm_execute", _on_execute),
        ("before_commit", _before_commit),
        ("after_commit", _after_commit),
        ("after_rollback", _forget),
        ("after_soft_rollback", _forget),
    )
    for name, hook in hooks:
        if not event.contains(session_class, name, hook):
            event.listen(session_class, name, hook)
