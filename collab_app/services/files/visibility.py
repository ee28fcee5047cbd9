"""Sharing a file with the client, or taking it back (internal to the team)."""

from __future__ import annotations

from sqlmodel import Session

from collab_app.services import permissions
from collab_app.services.errors import PermissionDenied
from collab_app.services.viewer import Viewer


def set_shared(session: Session, viewer: Viewer, *, file_id: object, shared: object) -> None:
    """Share a file with the client, or make it internal again.

    Making it internal takes it off the client's open pages at once: the project's change
    version moves and every open page re-reads its files through the permission rule.

    Args:
        viewer: A manager or member.
        shared: True to share with the client, False for internal.

    Raises:
        NotFound: Unknown or hidden file.
        PermissionDenied: Not the team, a file of a deliverable version (always shared) or
            one attached to a comment, a request or a change order (it follows what it is on).
    """
    found, _access = permissions.require_file(
        session, viewer, file_id, roles=permissions.TEAM_ROLES
    )
    if found.review_version_id is not None:
        raise PermissionDenied("files.version_always_shared")
    if (found.comment_id, found.revision_item_id, found.change_order_id) != (None, None, None):
        raise PermissionDenied("files.follows_attachment")
    found.visibility = "client" if shared is True else "internal"
    session.add(found)
    session.commit()
