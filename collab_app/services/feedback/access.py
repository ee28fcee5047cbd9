"""Who reaches a project's feedback: the policy's feedback roles, checked in one place.

Managers configure the schedule, the contacts and the links, record actions and send the
recap; the team reads the schedule, the results and the actions (``FEEDBACK_MANAGE_ROLES`` and
``FEEDBACK_READ_ROLES`` of ``services/permissions``, which the pages' abilities read too).
"""

from __future__ import annotations

from sqlmodel import Session

from collab_app.services import permissions
from collab_app.services.viewer import Viewer


def managed_project(
    session: Session, viewer: Viewer, project_id: object
) -> permissions.ProjectAccess:
    """Return the viewer's access to a project whose feedback they manage (managers).

    Raises:
        NotFound: Unknown project or not on it.
        PermissionDenied: On the project without managing its feedback.
    """
    return permissions.require_project(
        session, viewer, project_id, roles=permissions.FEEDBACK_MANAGE_ROLES
    )


def read_project(session: Session, viewer: Viewer, project_id: object) -> permissions.ProjectAccess:
    """Return the viewer's access to a project whose feedback they may read (the team).

    Raises:
        NotFound: Unknown project or not on it.
        PermissionDenied: On the project without reading its feedback (guests and clients).
    """
    return permissions.require_project(
        session, viewer, project_id, roles=permissions.FEEDBACK_READ_ROLES
    )
