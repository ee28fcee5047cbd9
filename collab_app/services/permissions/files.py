"""Who sees which files of a project.

The team sees every file of the project; a guest sees only the files attached to a task the
guest sees; a client sees only files shared with the client (``visibility = 'client'``) that are
not attached to a task hidden from the client. A file attached to a task comment follows the
comment: beyond the team, only a live client-visible comment's files are seen (by whoever sees
its task); one attached to a revision request or a change order follows it too: the team and
the client see it, a guest never. Files in the trash are seen by the team only, and only in the
trash. Deliverables under review are the team's and the client's (issue #17).
"""

from __future__ import annotations

from sqlalchemy import and_, false, or_
from sqlmodel import Session, select

from collab_app.models import ChangeOrder, Comment, ProjectFile, RevisionItem, Task
from collab_app.services.errors import PermissionDenied
from collab_app.services.permissions.access import (
    ProjectAccess,
    coerce_id,
    parent_id,
    require_project,
    visible_row,
)
from collab_app.services.permissions.revisions import (
    can_see_revision_prices,
    visible_revision_items_clause,
)
from collab_app.services.permissions.roles import PROJECT_ROLES
from collab_app.services.permissions.tasks import visible_tasks_clause
from collab_app.services.viewer import Viewer


def visible_files_clause(access: ProjectAccess, viewer: Viewer, *, trash: bool = False):  # noqa: ANN201
    """Return the SQL condition selecting the files of a project the viewer may see.

    Args:
        access: The viewer's access to the project.
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
    access = require_project(session, viewer, parent_id(session, ProjectFile.project_id, fid))
    found = visible_row(
        session, ProjectFile, fid, visible_files_clause(access, viewer, trash=trash)
    )
    if access.role not in roles:
        raise PermissionDenied()
    return found, access
