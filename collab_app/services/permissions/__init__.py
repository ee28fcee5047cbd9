"""The single place that answers "may this viewer see or do this?".

Roles:
- collective: ``owner``, ``admin``, ``member``;
- project: ``manager``, ``member``, ``guest``, ``client``. A collective owner or admin is a
  manager of every project of the collective.

Anything the viewer may not see is reported as ``NotFound``, exactly like a missing id, so ids
cannot be probed. ``PermissionDenied`` is only raised when the viewer can already see the object.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, false, or_, true
from sqlmodel import Session, select

from collab_app.models import (
    Activity,
    ChangeOrder,
    Collective,
    CollectiveMember,
    Comment,
    Project,
    ProjectFile,
    ProjectMember,
    RevisionItem,
    RevisionItemTask,
    RevisionRound,
    Task,
    TaskAssignee,
    TaskWatcher,
)
from collab_app.services.errors import NotFound, PermissionDenied
from collab_app.services.viewer import Viewer

COLLECTIVE_ROLES = ("owner", "admin", "member")
COLLECTIVE_ADMIN_ROLES = ("owner", "admin")
PROJECT_ROLES = ("manager", "member", "guest", "client")
TEAM_ROLES = ("manager", "member")


@dataclass(frozen=True, slots=True)
class ProjectAccess:
    """A project together with the viewer's effective role on it."""

    project: Project
    role: str

    @property
    def is_manager(self) -> bool:
        """Managers run the project: settings, members, columns, money."""
        return self.role == "manager"

    @property
    def is_team(self) -> bool:
        """Managers and members see and edit every task."""
        return self.role in TEAM_ROLES

    @property
    def is_guest(self) -> bool:
        """Guests see only the tasks they are assigned to or watch."""
        return self.role == "guest"

    @property
    def is_client(self) -> bool:
        """Clients see only what is shared with the client."""
        return self.role == "client"

    @property
    def can_see_project_money(self) -> bool:
        """Quote, rates, costs and splits of the whole project."""
        return self.role == "manager"


def collective_role(session: Session, viewer: Viewer, collective_id: int) -> str | None:
    """Return the viewer's role in a collective, or None.

    Args:
        session: Database session.
        viewer: The signed-in person.
        collective_id: Any integer; unknown ids give None.

    Returns:
        ``owner``, ``admin``, ``member`` or None.
    """
    return session.exec(
        select(CollectiveMember.role).where(
            CollectiveMember.collective_id == collective_id,
            CollectiveMember.user_id == viewer.user_id,
        )
    ).first()


def require_collective(
    session: Session, viewer: Viewer, collective_id: object, *, admin: bool = False
) -> tuple[Collective, str]:
    """Return a collective the viewer belongs to, with their role.

    Args:
        session: Database session.
        viewer: The signed-in person.
        collective_id: The id received from the client, of any type.
        admin: Require the owner or admin role.

    Returns:
        (collective, role).

    Raises:
        NotFound: Unknown id, or the viewer is not a member.
        PermissionDenied: ``admin`` was asked and the viewer is a plain member.
    """
    cid = coerce_id(collective_id)
    role = collective_role(session, viewer, cid)
    collective = session.get(Collective, cid) if role else None
    if collective is None:
        raise NotFound()
    if admin and role not in COLLECTIVE_ADMIN_ROLES:
        raise PermissionDenied()
    return collective, role


def coerce_id(raw: object) -> int:
    """Turn an id received from a client into a positive int, or raise NotFound.

    Args:
        raw: Whatever the client sent.

    Returns:
        The id.

    Raises:
        NotFound: Not a positive integer of sane size.
    """
    if isinstance(raw, bool):
        raise NotFound()
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 12:
        value = int(raw)
    else:
        raise NotFound()
    if not 0 < value < 2**53:
        raise NotFound()
    return value


def _role_from(collective_role: str | None, member_role: str | None) -> str | None:
    """The effective project role from the two memberships read with the project."""
    if collective_role in COLLECTIVE_ADMIN_ROLES:
        return "manager"
    return member_role


def _with_roles(query, viewer: Viewer):  # noqa: ANN001 - a SQLAlchemy select
    """Join the viewer's collective and project memberships onto a select of ``Project``.

    One statement instead of three: every handler starts with this check.
    """
    return query.outerjoin(
        CollectiveMember,
        and_(
            CollectiveMember.collective_id == Project.collective_id,
            CollectiveMember.user_id == viewer.user_id,
        ),
    ).outerjoin(
        ProjectMember,
        and_(ProjectMember.project_id == Project.id, ProjectMember.user_id == viewer.user_id),
    )


def require_project(
    session: Session, viewer: Viewer, project_id: object, *, roles: tuple[str, ...] = PROJECT_ROLES
) -> ProjectAccess:
    """Return a project the viewer belongs to, checking the role.

    Args:
        session: Database session.
        viewer: The signed-in person.
        project_id: The id received from the client, of any type.
        roles: Roles allowed to perform the action.

    Returns:
        The project with the viewer's role.

    Raises:
        NotFound: Unknown id, or the viewer has no role on it.
        PermissionDenied: The viewer's role is not among ``roles``.
    """
    pid = coerce_id(project_id)
    row = session.exec(
        _with_roles(select(Project, CollectiveMember.role, ProjectMember.role), viewer).where(
            Project.id == pid
        )
    ).first()
    role = _role_from(row[1], row[2]) if row is not None else None
    if role is None:
        raise NotFound()
    if role not in roles:
        raise PermissionDenied()
    return ProjectAccess(project=row[0], role=role)


def visible_projects_query(viewer: Viewer):  # noqa: ANN201 - a SQLAlchemy Select
    """Select the projects the viewer may see (filtered in SQL).

    Args:
        viewer: The signed-in person.

    Returns:
        A select of Project rows.
    """
    admin_collectives = select(CollectiveMember.collective_id).where(
        CollectiveMember.user_id == viewer.user_id,
        CollectiveMember.role.in_(COLLECTIVE_ADMIN_ROLES),
    )
    member_projects = select(ProjectMember.project_id).where(
        ProjectMember.user_id == viewer.user_id
    )
    return select(Project).where(
        or_(Project.collective_id.in_(admin_collectives), Project.id.in_(member_projects))
    )


def project_roles_of(session: Session, viewer: Viewer, projects: list[Project]) -> dict[int, str]:
    """Return the viewer's role for each of several projects in two queries.

    Args:
        session: Database session.
        viewer: The signed-in person.
        projects: Projects already known to be visible.

    Returns:
        Mapping project id -> role.
    """
    admin_collectives = set(
        session.exec(
            select(CollectiveMember.collective_id).where(
                CollectiveMember.user_id == viewer.user_id,
                CollectiveMember.role.in_(COLLECTIVE_ADMIN_ROLES),
            )
        ).all()
    )
    direct = dict(
        session.exec(
            select(ProjectMember.project_id, ProjectMember.role).where(
                ProjectMember.user_id == viewer.user_id,
                ProjectMember.project_id.in_([p.id for p in projects]),
            )
        ).all()
    )
    return {
        p.id: "manager" if p.collective_id in admin_collectives else direct.get(p.id, "")
        for p in projects
    }


# --- Board: tasks, comments and activity -----------------------------------------------------
#
# Tasks: managers and members see every live task of the project; a guest sees only the tasks
# they are assigned to or watch; a client sees only tasks not hidden from the client. A deleted
# task (``deleted_at`` set) is seen by nobody except the team restoring it.
# Comments: visible with their task; a client sees only ``client`` comments.
# Activity: the team sees all; a guest sees the lines of the tasks they see; a client sees the
# ``client_visible`` lines of the tasks they see.

TASK_EDIT_ROLES = TEAM_ROLES
TASK_MOVE_ROLES = ("manager", "member", "guest")
BOARD_MANAGE_ROLES = ("manager",)
PREVIEW_ROLES = ("client",)


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
    if role == "guest":
        return or_(
            Task.id.in_(select(TaskAssignee.task_id).where(TaskAssignee.user_id == user_id)),
            Task.id.in_(select(TaskWatcher.task_id).where(TaskWatcher.user_id == user_id)),
        )
    if role == "client":
        return Task.hidden_from_client.is_(False)
    return false()


def visible_tasks_clause(access: ProjectAccess, viewer: Viewer):  # noqa: ANN201
    """Return the SQL condition selecting the live tasks of a project the viewer may see.

    Args:
        access: The viewer's access to the project (possibly a manager's client preview).
        viewer: The signed-in person.

    Returns:
        A boolean SQL expression on ``Task``.
    """
    return and_(
        Task.project_id == access.project.id,
        Task.deleted_at.is_(None),
        task_visibility_clause(access.role, viewer.user_id),
    )


def visible_tasks_across_clause(viewer: Viewer, roles: dict[int, str]):  # noqa: ANN201
    """Return the SQL condition selecting live tasks the viewer may see in several projects.

    Args:
        viewer: The signed-in person.
        roles: Project id -> the viewer's effective role (from ``project_roles_of``).

    Returns:
        A boolean SQL expression on ``Task``.
    """
    by_role: dict[str, list[int]] = {}
    for project_id, role in roles.items():
        if role in PROJECT_ROLES:
            by_role.setdefault(role, []).append(project_id)
    if not by_role:
        return false()
    return and_(
        Task.deleted_at.is_(None),
        or_(
            *(
                and_(Task.project_id.in_(ids), task_visibility_clause(role, viewer.user_id))
                for role, ids in sorted(by_role.items())
            )
        ),
    )


def comment_visibility_clause(role: str):  # noqa: ANN201 - a SQLAlchemy clause
    """Return the SQL condition on ``Comment.visibility`` for a role (task visibility aside).

    Args:
        role: Effective project role.

    Returns:
        True for the team and guests; ``visibility = 'client'`` for a client.
    """
    if role in TEAM_ROLES or role == "guest":
        return true()
    if role == "client":
        return Comment.visibility == "client"
    return false()


def comment_visibility_across_clause(roles: dict[int, str]):  # noqa: ANN201
    """Return the condition on ``Comment`` joined with its ``Task`` for several projects.

    Args:
        roles: Project id -> effective role.

    Returns:
        A boolean SQL expression.
    """
    by_role: dict[str, list[int]] = {}
    for project_id, role in roles.items():
        by_role.setdefault(role, []).append(project_id)
    if not by_role:
        return false()
    return or_(
        *(
            and_(Task.project_id.in_(ids), comment_visibility_clause(role))
            for role, ids in sorted(by_role.items())
        )
    )


def visible_comments_clause(access: ProjectAccess, viewer: Viewer):  # noqa: ANN201
    """Return the SQL condition selecting the comments the viewer may read.

    Args:
        access: The viewer's access to the project.
        viewer: The signed-in person.

    Returns:
        A boolean SQL expression on ``Comment``.
    """
    return and_(
        Comment.deleted_at.is_(None),
        Comment.task_id.in_(select(Task.id).where(visible_tasks_clause(access, viewer))),
        comment_visibility_clause(access.role),
    )


def visible_activity_clause(access: ProjectAccess, viewer: Viewer):  # noqa: ANN201
    """Return the SQL condition selecting the history lines the viewer may read.

    Args:
        access: The viewer's access to the project.
        viewer: The signed-in person.

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
        session: Database session.
        viewer: The signed-in person.
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
        _with_roles(
            select(Task, Project, CollectiveMember.role, ProjectMember.role).join(
                Project, Project.id == Task.project_id
            ),
            viewer,
        )
        .where(Task.id == tid)
        .execution_options(populate_existing=True)
    ).first()
    role = _role_from(row[2], row[3]) if row is not None else None
    if role is None:
        raise NotFound()
    task, access = row[0], ProjectAccess(project=row[1], role=role)
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


def require_comment(
    session: Session, viewer: Viewer, comment_id: object
) -> tuple[Comment, TaskAccess]:
    """Return a comment the viewer may read, with its task.

    Args:
        session: Database session.
        viewer: The signed-in person.
        comment_id: The id received from the client, of any type.

    Returns:
        (comment, task access).

    Raises:
        NotFound: Unknown or deleted comment, or one the viewer may not read.
    """
    cid = coerce_id(comment_id)
    task_id = session.exec(select(Comment.task_id).where(Comment.id == cid)).first()
    if task_id is None:
        raise NotFound()
    task_access = require_task(session, viewer, task_id)
    comment = session.exec(
        select(Comment)
        .where(Comment.id == cid, visible_comments_clause(task_access.access, viewer))
        .execution_options(populate_existing=True)
    ).first()
    if comment is None:
        raise NotFound()
    return comment, task_access


def can_edit_task(access: ProjectAccess) -> bool:
    """Managers and members create, edit, delete and restore tasks.

    Args:
        access: The viewer's access to the project.

    Returns:
        Whether allowed.
    """
    return access.role in TASK_EDIT_ROLES


def can_move_task(access: ProjectAccess) -> bool:
    """The team and guests (on the tasks they see) move tasks; clients are read-only.

    Args:
        access: The viewer's access to the project.

    Returns:
        Whether allowed.
    """
    return access.role in TASK_MOVE_ROLES


def can_manage_board(access: ProjectAccess) -> bool:
    """Managers manage columns, WIP limits, labels and the "hidden from client" flag.

    Args:
        access: The viewer's access to the project.

    Returns:
        Whether allowed.
    """
    return access.role in BOARD_MANAGE_ROLES


def comment_visibilities(access: ProjectAccess) -> tuple[str, ...]:
    """Return the visibilities the viewer may give a comment, the default first.

    Args:
        access: The viewer's access to the project.

    Returns:
        ``("internal", "client")`` for the team and guests, ``("client",)`` for a client.
    """
    if access.is_client:
        return ("client",)
    if access.is_team or access.is_guest:
        return ("internal", "client")
    return ()


def can_comment(session: Session, access: ProjectAccess, viewer: Viewer) -> bool:
    """Whether the viewer may write comments on the project (tasks and revision rounds).

    Everyone on a project may, except a client whose "can comment" switch a manager turned off
    (a read-only client: an accountant, an executive who only follows the project).

    Args:
        session: Database session.
        access: The viewer's access to the project.
        viewer: The signed-in person.

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
        viewer: The signed-in person.
        comment: A comment the viewer can read.

    Returns:
        Whether allowed.
    """
    return comment.author_id == viewer.user_id and comment.deleted_at is None


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
    if not access.is_manager or as_role not in PREVIEW_ROLES:
        raise PermissionDenied("board.preview_managers_only")
    return ProjectAccess(project=access.project, role=as_role)


# --- Revisions: rounds, items, change orders -------------------------------------------------
#
# Managers and members see every round and item, with time spent and internal notes. A client
# sees the project's rounds and items without time or internal notes, and the prices it must
# approve. A guest sees only the items of submitted rounds linked to a task the guest sees, and
# no money, time, terms or messages.


def visible_revision_items_clause(access: ProjectAccess, viewer: Viewer):  # noqa: ANN201
    """Return the SQL condition selecting the revision items of a project the viewer may see.

    Args:
        access: The viewer's access to the project.
        viewer: The signed-in person.

    Returns:
        A boolean SQL expression on ``RevisionItem``.
    """
    in_project = RevisionItem.project_id == access.project.id
    if access.is_team or access.is_client:
        return in_project
    if access.is_guest:
        linked_to_visible = select(RevisionItemTask.item_id).where(
            RevisionItemTask.task_id.in_(
                select(Task.id).where(visible_tasks_clause(access, viewer))
            )
        )
        submitted = select(RevisionRound.id).where(
            RevisionRound.project_id == access.project.id, RevisionRound.status != "draft"
        )
        return and_(
            in_project,
            RevisionItem.id.in_(linked_to_visible),
            RevisionItem.round_id.in_(submitted),
        )
    return false()


def can_see_revision_internals(access: ProjectAccess) -> bool:
    """Time spent, internal notes, internal messages and the export: the team only.

    Args:
        access: The viewer's access to the project.

    Returns:
        Whether allowed.
    """
    return access.is_team


def can_see_revision_prices(access: ProjectAccess) -> bool:
    """Round and change-order prices: the team and the client (who must approve them).

    Args:
        access: The viewer's access to the project.

    Returns:
        Whether allowed.
    """
    return access.is_team or access.is_client


# --- Files (issue #17) -----------------------------------------------------------------------
#
# The team sees every file of the project; a guest sees only the files attached to a task the
# guest sees; a client sees only files shared with the client (``visibility = 'client'``) that
# are not attached to a task hidden from the client. A file attached to a task comment follows
# the comment: beyond the team, only a live client-visible comment's files are seen (by whoever
# sees its task); one attached to a revision request or a change order follows it too: the team
# and the client see it, a guest never. Files in the trash are seen by the team only, and only
# in the trash. Deliverables under review are the team's and the client's.

FILE_UPLOAD_ROLES = ("manager", "member", "guest", "client")
FILE_DELETE_ROLES = TEAM_ROLES
FILE_TRASH_ROLES = ("manager",)
REVIEW_READ_ROLES = ("manager", "member", "client")


def visible_files_clause(access: ProjectAccess, viewer: Viewer, *, trash: bool = False):  # noqa: ANN201
    """Return the SQL condition selecting the files of a project the viewer may see.

    Args:
        access: The viewer's access to the project.
        viewer: The signed-in person.
        trash: Select the files in the trash instead (the team only).

    Returns:
        A boolean SQL expression on ``ProjectFile``.
    """
    in_project = and_(
        ProjectFile.project_id == access.project.id,
        ProjectFile.deleted_at.is_not(None) if trash else ProjectFile.deleted_at.is_(None),
    )
    if access.is_team:
        return in_project
    if trash:
        return false()
    visible_task_ids = select(Task.id).where(visible_tasks_clause(access, viewer))
    # A file on a comment follows the comment, whatever its own flag says: beyond the team,
    # only the files of live client-visible comments (an internal comment's are the team's).
    shared_comment_ids = select(Comment.id).where(
        Comment.deleted_at.is_(None), Comment.visibility == "client"
    )
    if access.is_guest:
        # Only files of tasks the guest sees: never a revision request's or a change order's.
        return and_(
            in_project,
            ProjectFile.task_id.in_(visible_task_ids),
            or_(ProjectFile.comment_id.is_(None), ProjectFile.comment_id.in_(shared_comment_ids)),
        )
    if access.is_client:
        # A request's or change order's files follow it: the client sees those it sees.
        visible_item_ids = select(RevisionItem.id).where(
            visible_revision_items_clause(access, viewer)
        )
        visible_order_ids = select(ChangeOrder.id).where(
            ChangeOrder.project_id == access.project.id,
            ChangeOrder.item_id.in_(visible_item_ids),
        )
        unattached = and_(
            ProjectFile.comment_id.is_(None),
            ProjectFile.revision_item_id.is_(None),
            ProjectFile.change_order_id.is_(None),
        )
        return and_(
            in_project,
            or_(
                and_(unattached, ProjectFile.visibility == "client"),
                ProjectFile.comment_id.in_(shared_comment_ids),
                ProjectFile.revision_item_id.in_(visible_item_ids),
                ProjectFile.change_order_id.in_(visible_order_ids)
                if can_see_revision_prices(access)
                else false(),
            ),
            or_(ProjectFile.task_id.is_(None), ProjectFile.task_id.in_(visible_task_ids)),
        )
    return false()


def require_file(
    session: Session,
    viewer: Viewer,
    file_id: object,
    *,
    roles: tuple[str, ...] = PROJECT_ROLES,
    trash: bool = False,
) -> tuple[ProjectFile, ProjectAccess]:
    """Return a file the viewer may see, with the viewer's access to its project.

    Args:
        session: Database session.
        viewer: The signed-in person.
        file_id: The id received from the client, of any type.
        roles: Roles allowed to perform the action.
        trash: Look in the trash instead.

    Returns:
        (file, access).

    Raises:
        NotFound: Unknown id or not visible to the viewer (same answer).
        PermissionDenied: Visible, but the viewer's role is not among ``roles``.
    """
    fid = coerce_id(file_id)
    project_id = session.exec(select(ProjectFile.project_id).where(ProjectFile.id == fid)).first()
    if project_id is None:
        raise NotFound()
    access = require_project(session, viewer, project_id)
    found = session.exec(
        select(ProjectFile)
        .where(ProjectFile.id == fid, visible_files_clause(access, viewer, trash=trash))
        .execution_options(populate_existing=True)
    ).first()
    if found is None:
        raise NotFound()
    if access.role not in roles:
        raise PermissionDenied()
    return found, access
