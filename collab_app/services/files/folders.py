"""Folders of a project's files (one level, the team's)."""

from __future__ import annotations

from sqlmodel import Session

from collab_app.models import FileFolder
from collab_app.services import permissions
from collab_app.services.errors import ValidationError
from collab_app.services.files.names import add_named
from collab_app.services.viewer import Viewer

FOLDER_NAME_MAX = 80
MAX_FOLDERS = 200


def create_folder(session: Session, viewer: Viewer, *, project_id: object, name: object) -> int:
    """Create a folder.

    Args:
        viewer: A manager or member of the project.
        name: 1-80 characters, unique in the project.

    Returns:
        The folder's id.

    Raises:
        NotFound: Unknown or hidden project.
        PermissionDenied: Not the team.
        ValidationError: Empty, too long, taken, or too many folders.
    """
    access = permissions.require_project(session, viewer, project_id, roles=permissions.TEAM_ROLES)
    text = name.strip() if isinstance(name, str) else ""
    if not text or len(text) > FOLDER_NAME_MAX or any(ord(c) < 32 for c in text):
        raise ValidationError("files.folder_name_invalid", field="folder", max=FOLDER_NAME_MAX)
    folder = add_named(
        session,
        FileFolder,
        project_id=access.project.id,
        name=text,
        by=viewer.user_id,
        limit=MAX_FOLDERS,
        field="folder",
        too_many="files.too_many_folders",
        taken="files.folder_exists",
    )
    folder_id = folder.id
    session.commit()
    return folder_id
