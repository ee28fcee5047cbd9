"""Who reads which comments of a board, and who may write or edit them.

Comments are visible with their task; a client reads only ``client`` comments. Everyone on a
project comments, except a client a manager made read-only; authors alone edit their own.
"""

from __future__ import annotations

import functools

from sqlalchemy import and_, bindparam, false, true, union_all
from sqlmodel import Session, select

from collab_app.models import Comment, ProjectMember, Task, User
from collab_app.services.permissions.access import (
    ProjectAccess,
    coerce_id,
    parent_id,
    visible_row,
)
from collab_app.services.permissions.roles import CLIENT, WORKER_ROLES
from collab_app.services.permissions.tasks import (
    TaskAccess,
    per_role_clause,
    require_task,
    task_visibility_clause,
    visible_tasks_clause,
)
from collab_app.services.viewer import Viewer


def comment_visibility_clause(role: str):  # noqa: ANN201 - a SQLAlchemy clause
    """Return the SQL condition on ``Comment.visibility`` for a role (task visibility aside).

    Args:
        role: Effective project role.

    Returns:
        True for the team and guests; ``visibility = 'client'`` for a client.
    """
    if role in WORKER_ROLES:
        return true()
    if role == CLIENT:
        return Comment.visibility == "client"
    return false()


def comment_visibility_across_clause(roles: dict[int, str]):  # noqa: ANN201
    """Return the condition on ``Comment`` joined with its ``Task`` for several projects.

    Args:
        roles: Project id -> effective role.

    Returns:
        A boolean SQL expression.
    """
    return per_role_clause(roles, comment_visibility_clause)


def readers(
    session: Session,
    *,
    roles: dict[int, str],
    task_id: int | None = None,
    comment_id: int | None = None,
) -> set[int]:
    """Return who, among several people of a project, may read a task and one of its comments.

    The rule of ``visible_tasks_clause`` and ``visible_comments_clause`` applied to each
    person in one query (a branch per role present, the person's id bound in SQL where the rule
    depends on who they are), instead of one query per person: a task on a project of thirty
    people is one round trip whoever writes or mentions there.

    Args:
        roles: User id -> effective role on the task's project (``project_roles``).
        task_id: The task, or None for no condition on a task.
        comment_id: One of its comments, or None for no condition on a comment.

    Returns:
        The user ids of ``roles`` who may read both (all of them when both ids are None).
    """
    if not roles:
        return set()
    if task_id is None and comment_id is None:
        return set(roles)
    by_role: dict[str, list[int]] = {}
    for user_id, role in roles.items():
        by_role.setdefault(role, []).append(user_id)
    shape = (tuple(sorted(by_role)), task_id is not None, comment_id is not None)
    params: dict[str, object] = {f"ids_{i}": by_role[role] for i, role in enumerate(shape[0])}
    params.update(task_id=task_id, comment_id=comment_id)
    return set(session.execute(_readers_statement(shape), params).scalars())


@functools.cache
def _readers_statement(shape: tuple[tuple[str, ...], bool, bool]):
    """The statement of ``readers`` for the roles present and the conditions, built once.

    Building the rule's expressions costs more than the query: a page asks this several times.
    """
    role_names, with_task, with_comment = shape
    branches = []
    for index, role in enumerate(role_names):
        # The task and the comment are single rows joined to each person, so that the rule's
        # subqueries (a guest's assignments and watches) correlate with ``User.id``.
        branch = select(User.id).where(User.id.in_(bindparam(f"ids_{index}", expanding=True)))
        if with_task:
            branch = branch.join(Task, Task.id == bindparam("task_id")).where(
                Task.deleted_at.is_(None), task_visibility_clause(role, User.id)
            )
        if with_comment:
            branch = branch.join(Comment, Comment.id == bindparam("comment_id")).where(
                Comment.deleted_at.is_(None), comment_visibility_clause(role)
            )
        branches.append(branch)
    return union_all(*branches) if len(branches) > 1 else branches[0]


def visible_comments_clause(access: ProjectAccess, viewer: Viewer):  # noqa: ANN201
    """Return the SQL condition selecting the comments the viewer may read.

    Args:
        access: The viewer's access to the project.

    Returns:
        A boolean SQL expression on ``Comment``.
    """
    return and_(
        Comment.deleted_at.is_(None),
        Comment.task_id.in_(select(Task.id).where(visible_tasks_clause(access, viewer))),
        comment_visibility_clause(access.role),
    )


def require_comment(
    session: Session, viewer: Viewer, comment_id: object
) -> tuple[Comment, TaskAccess]:
    """Return a comment the viewer may read, with its task.

    Args:
        comment_id: The id received from the client, of any type.

    Returns:
        (comment, task access).

    Raises:
        NotFound: Unknown or deleted comment, or one the viewer may not read.
    """
    cid = coerce_id(comment_id)
    task_access = require_task(session, viewer, parent_id(session, Comment.task_id, cid))
    clause = visible_comments_clause(task_access.access, viewer)
    return visible_row(session, Comment, cid, clause), task_access


def comment_visibilities(access: ProjectAccess) -> tuple[str, ...]:
    """Return the visibilities the viewer may give a comment, the default first.

    Args:
        access: The viewer's access to the project.

    Returns:
        ``("internal", "client")`` for the team and guests, ``("client",)`` for a client.
    """
    if access.is_client:
        return ("client",)
    if access.role in WORKER_ROLES:
        return ("internal", "client")
    return ()


def can_comment(session: Session, access: ProjectAccess, viewer: Viewer) -> bool:
    """Whether the viewer may write comments on the project (tasks and revision rounds).

    Everyone on a project may, except a client whose "can comment" switch a manager turned off
    (a read-only client: an accountant, an executive who only follows the project).

    Args:
        access: The viewer's access to the project.

    Returns:
        Whether allowed.
    """
    if not access.is_client:
        return True
    allowed = session.exec(
        select(ProjectMember.can_comment).where(
            ProjectMember.project_id == access.project.id,
            ProjectMember.user_id == viewer.user_id,
        )
    ).first()
    return allowed is True


def can_edit_comment(viewer: Viewer, comment: Comment) -> bool:
    """Authors, and only they, edit and delete their own comments.

    Args:
        comment: A comment the viewer can read.

    Returns:
        Whether allowed.
    """
    return comment.author_id == viewer.user_id and comment.deleted_at is None
