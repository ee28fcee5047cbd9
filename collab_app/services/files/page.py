"""Everything the Files page of a project shows a viewer, read in one session."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from collab_app.i18n import format_file_size
from collab_app.services import permissions
from collab_app.services.files.limits import used_bytes
from collab_app.services.files.views import FileView, FolderView, list_files, list_folders
from collab_app.services.viewer import Viewer
from collab_app.settings import file_limits


@dataclass(frozen=True, slots=True)
class FilesPageView:
    """The Files page of one project for one viewer."""

    project_id: int
    project_name: str
    folders: list[FolderView]
    files: list[FileView]
    trash: list[FileView]
    usage: str
    max_size: str


def files_page(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    folder_id: object = None,
    locale: str = "en",
) -> FilesPageView:
    """Read the Files page: folders, files and the trash (managers); deliverables are revisions'.

    Args:
        folder_id: Show only this folder (team), or every file.
        locale: ``en`` or ``fr``.

    Returns:
        The page's view; the quota usage only for managers.

    Raises:
        NotFound: Unknown or hidden project, or a folder of another project.
    """
    access = permissions.require_project(session, viewer, project_id)
    pid = access.project.id
    folders = list_folders(session, viewer, project_id=pid)
    if not permissions.no_id_chosen(folder_id) and not any(
        f.id == permissions.coerce_id(folder_id) for f in folders
    ):
        folder_id = None
    limits = file_limits()
    usage = ""
    if access.is_manager:
        usage = (
            f"{format_file_size(used_bytes(session, access.project.collective_id), locale)} / "
            f"{format_file_size(limits['quota_bytes'], locale)}"
        )
    return FilesPageView(
        project_id=pid,
        project_name=access.project.name,
        folders=folders,
        files=list_files(session, viewer, project_id=pid, folder_id=folder_id, locale=locale),
        trash=(
            list_files(session, viewer, project_id=pid, trash=True, locale=locale)
            if access.is_manager
            else []
        ),
        usage=usage,
        max_size=format_file_size(limits["max_bytes"], locale),
    )
