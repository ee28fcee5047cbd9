"""Who sees which tasks and history lines of a board, and who may change them.

Managers and members see every live task of the project; a guest sees only the tasks they are
assigned to or watch; a client sees only tasks not hidden from the client. A deleted task
(``deleted_at`` set) is seen by nobody except the team restoring it. History: the team sees
all; a guest sees the lines of the tasks they see; a client sees the ``client_visible`` lines
of the tasks they see. A manager may read the board as the client does (``preview_access``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, false, or_, true
from sqlmodel import Session, select

from collab_app.models import (
    Activity,
    CollectiveMember,
    Project,
    ProjectMember,
    Task,
    TaskAssignee,
    TaskWatcher,
)
from collab_app.services.errors import NotFound, PermissionDenied
from collab_app.services.permissions.access import (
    ProjectAccess,
    coerce_id,
    join_memberships,
    remember_access,
)
from collab_app.services.permissions.roles import (
    CLIENT,
    GUEST,
    PREVIEW_ROLES,
    PROJECT_ROLES,
    TEAM_ROLES,
    is_project_role,
    project_role_for,
)
from collab_app.services.viewer import Viewer


@dataclass(frozen=True, slots=True)
class TaskAccess:
    """A task the viewer may see, with the viewer's access to its project."""

    task: Task
    access: ProjectAccess


def task_visibility_clause(role: str, user_id: int):  # noqa: ANN201 - a SQLAlchemy clause
    """Return the SQL condition on ``Task`` for what a role sees (project and deletion aside).

    Args:
        role: Effective project role.
        user_id: The viewer's user id (a guest's own assignments and watches).

    Returns:
        A boolean SQL expression.
    """
    if role in TEAM_ROLES:
        return true()
    if role == GUEST:
        return or_(
            Task.id.in_(select(TaskAssignee.task_id).where(TaskAssignee.user_id == user_id)),
            Task.id.in_(select(TaskWatcher.task_id).where(TaskWatcher.user_id == user_id)),
        )
    if role == CLIENT:
        return Task.hidden_from_client.is_(False)
    return false()


def visible_tasks_clause(access: ProjectAccess, viewer: Viewer):  # noqa: ANN201
    """Return the SQL condition selecting the live tasks of a project the viewer may see.

    Args:
        access: The viewer's access to the project (possibly a manager's client preview).

    Returns:
        A boolean SQL expression on ``Task``.
    """
    return and_(
        Task.project_id == access.project.id,
        Task.deleted_at.is_(None),
        task_visibility_clause(access.role, viewer.user_id),
    )


@functools.cache
def visible_tasks_template(role: str):  # noqa: ANN201 - a SQLAlchemy clause
    """``visible_tasks_clause`` for a role, built once, with ``:project_id`` and ``:viewer_id``.

    For statements built once and run with those two values bound (a board's re-read).

    Args:
        role: The effective role the tasks are read for.

    Returns:
        A boolean SQL expression on ``Task`` with two bound parameters.
    """
    return and_(
        Task.project_id == bindparam("project_id"),
        Task.deleted_at.is_(None),
        task_visibility_clause(role, bindparam("viewer_id")),
    )


def per_role_clause(roles: dict[int, str], clause_for: Callable[[str], Any]):  # noqa: ANN201
    """Combine a per-role condition over several projects, one branch per role present.

    Args:
        roles: Project id -> the viewer's effective role (from ``project_roles_of``).
        clause_for: The condition for one role (e.g. ``comment_visibility_clause``).

    Returns:
        A boolean SQL expression on rows joined with their ``Task``; false when ``roles`` is
        empty.
    """
    by_role: dict[str, list[int]] = {}
    for project_id, role in roles.items():
        by_role.setdefault(role, []).append(project_id)
    if not by_role:
        return false()
    return or_(
        *(and_(Task.project_id.in_(ids), clause_for(role)) for role, ids in sorted(by_role.items()))
    )


def visible_tasks_across_clause(viewer: Viewer, roles: dict[int, str]):  # noqa: ANN201
    """Return the SQL condition selecting live tasks the viewer may see in several projects.

    Args:
        roles: Project id -> the viewer's effective role (from ``project_roles_of``).

    Returns:
        A boolean SQL expression on ``Task``.
    """
    known = {pid: role for pid, role in roles.items() if is_project_role(role)}
    if not known:
        return false()
    return and_(
        Task.deleted_at.is_(None),
        per_role_clause(known, lambda role: task_visibility_clause(role, viewer.user_id)),
    )


def visible_activity_clause(access: ProjectAccess, viewer: Viewer):  # noqa: ANN201
    """Return the SQL condition selecting the history lines the viewer may read.

    Args:
        access: The viewer's access to the project.

    Returns:
        A boolean SQL expression on ``Activity``.
    """
    if access.is_team:
        return Activity.project_id == access.project.id
    visible_task_ids = select(Task.id).where(visible_tasks_clause(access, viewer))
    if access.is_guest:
        return and_(
            Activity.project_id == access.project.id, Activity.task_id.in_(visible_task_ids)
        )
    return and_(
        Activity.project_id == access.project.id,
        Activity.client_visible.is_(True),
        or_(Activity.task_id.is_(None), Activity.task_id.in_(visible_task_ids)),
    )


# Built once: every card action starts with this check.
_TASK_WITH_ROLES = (
    join_memberships(
        select(Task, Project, CollectiveMember.role, ProjectMember.role).join(
            Project, Project.id == Task.project_id
        ),
        bindparam("viewer_id"),
    )
    .where(Task.id == bindparam("task_id"))
    .execution_options(populate_existing=True)
)


def require_task(
    session: Session,
    viewer: Viewer,
    task_id: object,
    *,
    roles: tuple[str, ...] = PROJECT_ROLES,
    deleted: bool = False,
) -> TaskAccess:
    """Return a task the viewer may see, checking the role for the action.

    Args:
        task_id: The id received from the client, of any type.
        roles: Roles allowed to perform the action.
        deleted: Look for a deleted task instead (to restore it): only the team sees those.

    Returns:
        The task (freshly read) and the viewer's project access.

    Raises:
        NotFound: Unknown id, not visible to the viewer, or (not) deleted.
        PermissionDenied: The viewer sees the task but their role is not among ``roles``.
    """
    tid = coerce_id(task_id)
    # The task, its project and the viewer's memberships in one statement; a second one only
    # where visibility depends on more than the role (guests, clients).
    row = session.exec(
        _TASK_WITH_ROLES, params={"viewer_id": viewer.user_id, "task_id": tid}
    ).first()
    role = project_role_for(row[2], row[3]) if row is not None else None
    if role is None:
        raise NotFound()
    task, access = row[0], remember_access(session, viewer, ProjectAccess(row[1], role))
    if deleted:
        visible = task.deleted_at is not None and access.is_team
    else:
        visible = task.deleted_at is None and (
            access.is_team
            or session.exec(
                select(Task.id).where(Task.id == tid, visible_tasks_clause(access, viewer))
            ).first()
            is not None
        )
    if not visible:
        raise NotFound()
    if access.role not in roles:
        raise PermissionDenied()
    return TaskAccess(task=task, access=access)


def can_edit_task(access: ProjectAccess) -> bool:
    """Whether the viewer creates, edits, deletes and restores tasks (managers and members)."""
    return access.abilities.can_edit_tasks


def can_move_task(access: ProjectAccess) -> bool:
    """Whether the viewer moves the tasks they see (not a client: clients are read-only)."""
    return access.abilities.can_move_tasks


def can_manage_board(access: ProjectAccess) -> bool:
    """Whether the viewer manages columns, WIP limits, labels and "hidden from client" flags."""
    return access.abilities.can_manage_board


def preview_access(access: ProjectAccess, as_role: str | None) -> ProjectAccess:
    """Return the access to read a project with, for "preview as client".

    A manager may read the board as a client reads it: the same visibility rules apply to the
    returned access, so the preview cannot differ from what the client sees. Never use the
    returned access for a write.

    Args:
        access: The viewer's real access.
        as_role: None (no preview) or ``client``.

    Returns:
        The real access, or a read-only copy with the previewed role.

    Raises:
        PermissionDenied: The viewer is not a manager, or the role cannot be previewed.
    """
    if as_role is None or as_role == "":
        return access
    if not access.abilities.can_preview_as_client or as_role not in PREVIEW_ROLES:
        raise PermissionDenied("board.preview_managers_only")
    return ProjectAccess(project=access.project, role=as_role)
