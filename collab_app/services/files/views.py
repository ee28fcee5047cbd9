"""The files area's one presenter: what a viewer may see of files, folders and deliverables.

Rows are read through ``permissions.visible_files_clause`` (filtered in SQL), then turned into
frozen views holding only display text, so states can put them in frontend vars.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import ColumnElement
from sqlmodel import Session, select
from sqlmodel.sql.expression import Select

from collab_app.i18n import format_file_size, translate
from collab_app.i18n.moments import format_datetime
from collab_app.models import (
    Comment,
    FileFolder,
    ProjectFile,
    ReviewItem,
    ReviewVersion,
    Task,
    User,
)
from collab_app.services import permissions
from collab_app.services.files.sniffing import is_inline
from collab_app.services.viewer import Viewer


@dataclass(frozen=True, slots=True)
class FileView:
    """One file as a row of the list."""

    id: int
    name: str
    size: str
    uploader: str
    uploaded_at: str
    version: str
    status: str
    shared: bool
    # On a comment, a revision request or a change order: it follows that one's visibility
    # and is not shared or taken back by itself.
    attached: bool
    locked: bool
    folder_id: int
    task_title: str
    download_url: str
    view_url: str
    thumb_url: str
    is_image: bool
    is_pdf: bool
    purge_on: str


TRASH_DAYS = 30
API_PREFIX = "/api/files"


@dataclass(frozen=True, slots=True)
class FolderView:
    """A folder with how many files the viewer sees in it."""

    id: int
    name: str
    count: int


def _urls(file: ProjectFile) -> tuple[str, str, str]:
    base = f"{API_PREFIX}/{file.id}"
    view = f"{base}/view" if is_inline(file.mime) else ""
    thumb = f"{base}/thumb" if file.thumb_blob_id is not None else ""
    return f"{base}/download", view, thumb


def file_views(
    session: Session,
    viewer: Viewer,
    access: permissions.ProjectAccess,
    files: list[ProjectFile],
    *,
    locale: str,
) -> list[FileView]:
    """Turn already-filtered files into views.

    Args:
        access: Their access to the project.
        files: Files the viewer may see.
        locale: ``en`` or ``fr``.

    Returns:
        Views in the given order.
    """
    if not files:
        return []
    # Each lookup only when a file needs it: a task without attachments costs no query here.
    user_ids = {f.uploaded_by_id for f in files}
    names = dict(
        session.exec(select(User.id, User.display_name).where(User.id.in_(user_ids))).all()
    )
    version_ids = {f.review_version_id for f in files if f.review_version_id}
    versions = (
        {
            v.id: (v, item)
            for v, item in session.exec(
                select(ReviewVersion, ReviewItem)
                .join(ReviewItem, ReviewItem.id == ReviewVersion.review_item_id)
                .where(ReviewVersion.id.in_(version_ids))
            ).all()
        }
        if version_ids
        else {}
    )
    comment_ids = {f.comment_id for f in files if f.comment_id}
    shared_comments = (
        set(
            session.exec(
                select(Comment.id).where(
                    Comment.id.in_(comment_ids), Comment.visibility == "client"
                )
            ).all()
        )
        if comment_ids
        else set()
    )
    task_ids = {f.task_id for f in files if f.task_id}
    titles = (
        dict(session.exec(select(Task.id, Task.title).where(Task.id.in_(task_ids))).all())
        if task_ids
        else {}
    )
    views = []
    for found in files:
        download, view, thumb = _urls(found)
        version, status, locked = "1", "", False
        if found.review_version_id in versions:
            version_row, item = versions[found.review_version_id]
            version = str(version_row.number)
            locked = item.approved_version_id == version_row.id
            status = translate(f"files.status_{item.status}", locale)
            if version_row.number != item.current_version:
                status = translate("files.status_superseded", locale)
        shared = found.visibility == "client"
        if found.comment_id is not None:
            shared = found.comment_id in shared_comments
        attached = (found.comment_id, found.revision_item_id, found.change_order_id) != (
            None,
            None,
            None,
        )
        purge_on = ""
        if found.deleted_at is not None:
            purge_on = format_datetime(
                found.deleted_at + timedelta(days=TRASH_DAYS), locale, viewer.timezone
            )
        views.append(
            FileView(
                id=found.id,
                name=found.name,
                size=format_file_size(found.size, locale),
                uploader=names.get(found.uploaded_by_id, ""),
                uploaded_at=format_datetime(found.created_at, locale, viewer.timezone),
                version=version,
                status=status,
                shared=shared,
                attached=attached,
                locked=locked,
                folder_id=found.folder_id or 0,
                task_title=titles.get(found.task_id, "") if found.task_id else "",
                download_url=download,
                view_url=view,
                thumb_url=thumb,
                is_image=found.mime.startswith("image/") and bool(view),
                is_pdf=found.mime == "application/pdf",
                purge_on=purge_on,
            )
        )
    return views


def list_files(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    folder_id: object = None,
    trash: bool = False,
    locale: str = "en",
) -> list[FileView]:
    """List the files of a project (or of one folder, or the trash) the viewer may see.

    Args:
        folder_id: Only this folder (0 or None: all files).
        trash: List the trash instead (managers).
        locale: ``en`` or ``fr``.

    Returns:
        Newest first.

    Raises:
        NotFound: Unknown or hidden project.
        PermissionDenied: The trash asked by someone who is not a manager.
    """
    roles = permissions.FILE_TRASH_ROLES if trash else permissions.PROJECT_ROLES
    access = permissions.require_project(session, viewer, project_id, roles=roles)
    in_folder = []
    chosen = permissions.optional_id(folder_id)
    if chosen is not None:
        in_folder.append(ProjectFile.folder_id == chosen)
    return _newest_first(session, viewer, access, *in_folder, trash=trash, locale=locale)


def _newest_first(
    session: Session,
    viewer: Viewer,
    access: permissions.ProjectAccess,
    *conditions: ColumnElement[bool],
    trash: bool = False,
    locale: str,
) -> list[FileView]:
    """The files the viewer may see (in the trash or out of it) among ``conditions``, as views."""
    rows = session.exec(
        select(ProjectFile)
        .where(permissions.visible_files_clause(access, viewer, trash=trash), *conditions)
        .order_by(ProjectFile.created_at.desc(), ProjectFile.id.desc())
    ).all()
    return file_views(session, viewer, access, list(rows), locale=locale)


def _task_preview(
    session: Session, viewer: Viewer, task_id: object, as_role: str | None
) -> tuple[permissions.TaskAccess, permissions.ProjectAccess]:
    """The viewer's access to a task, and to its project as ``as_role`` would see it."""
    task_access = permissions.require_task(session, viewer, task_id)
    return task_access, permissions.preview_access(task_access.access, as_role)


def list_folders(session: Session, viewer: Viewer, *, project_id: object) -> list[FolderView]:
    """List a project's folders with the number of files the viewer sees in each.

    Only the team sees folders (a guest's and a client's files are listed flat, so an empty
    folder name never tells them of files they cannot see).

    Returns:
        Folders by name; empty for guests and clients.
    """
    access = permissions.require_project(session, viewer, project_id)
    if not access.is_team:
        return []
    folders = session.exec(
        select(FileFolder)
        .where(FileFolder.project_id == access.project.id)
        .order_by(FileFolder.name)
    ).all()
    counts: dict[int, int] = {}
    for folder in session.exec(
        select(ProjectFile.folder_id).where(permissions.visible_files_clause(access, viewer))
    ):
        if folder is not None:
            counts[folder] = counts.get(folder, 0) + 1
    return [FolderView(id=f.id, name=f.name, count=counts.get(f.id, 0)) for f in folders]


def list_task_files(
    session: Session,
    viewer: Viewer,
    *,
    task_id: object,
    as_role: str | None = None,
    locale: str = "en",
) -> list[FileView]:
    """List the files attached to a task itself (not to its comments) that the viewer may see.

    Args:
        as_role: ``client`` for a manager's client preview.
        locale: ``en`` or ``fr``.

    Returns:
        Newest first.

    Raises:
        NotFound: Unknown or hidden task.
        PermissionDenied: A preview asked by someone who is not a manager.
    """
    task_access, access = _task_preview(session, viewer, task_id, as_role)
    return _newest_first(
        session,
        viewer,
        access,
        ProjectFile.task_id == task_access.task.id,
        ProjectFile.comment_id.is_(None),
        locale=locale,
    )


def list_comment_files(
    session: Session,
    viewer: Viewer,
    *,
    task_id: object,
    as_role: str | None = None,
    locale: str = "en",
) -> dict[int, list[FileView]]:
    """List the files attached to a task's comments that the viewer may see, per comment.

    Args:
        as_role: ``client`` for a manager's client preview.
        locale: ``en`` or ``fr``.

    Returns:
        Comment id -> its files, in the order they were attached.

    Raises:
        NotFound: Unknown or hidden task.
        PermissionDenied: A preview asked by someone who is not a manager.
    """
    task_access, access = _task_preview(session, viewer, task_id, as_role)
    comment_ids = select(Comment.id).where(Comment.task_id == task_access.task.id)
    return attached_files(session, viewer, access, "comment", comment_ids, locale=locale)


ATTACHMENT_COLUMNS = {
    "comment": ProjectFile.comment_id,
    "request": ProjectFile.revision_item_id,
    "order": ProjectFile.change_order_id,
}


def attached_files(
    session: Session,
    viewer: Viewer,
    access: permissions.ProjectAccess,
    target: str,
    ids: Iterable[int] | Select,
    *,
    locale: str,
) -> dict[int, list[FileView]]:
    """Return the files attached to comments, revision requests or change orders, per owner.

    Args:
        access: Their access to the project (possibly a client preview).
        target: ``comment``, ``request`` or ``order``.
        ids: The owners' ids (a list, or a select of ids).
        locale: ``en`` or ``fr``.

    Returns:
        Owner id -> the files the viewer may see, in the order they were attached; owners
        without such files are absent.
    """
    column = ATTACHMENT_COLUMNS[target]
    rows = list(
        session.exec(
            select(ProjectFile)
            .where(permissions.visible_files_clause(access, viewer), column.in_(ids))
            .order_by(ProjectFile.created_at, ProjectFile.id)
        ).all()
    )
    per_owner: dict[int, list[FileView]] = {}
    views = file_views(session, viewer, access, rows, locale=locale)
    for row, view in zip(rows, views, strict=True):
        per_owner.setdefault(getattr(row, column.key), []).append(view)
    return per_owner
