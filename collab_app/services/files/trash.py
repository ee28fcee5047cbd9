"""The trash: a deleted file stays 30 days, restorable by a manager; purge is the real delete."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from collab_app.models import ProjectFile, ReviewItem, ReviewVersion
from collab_app.services import clock, permissions
from collab_app.services.errors import PermissionDenied
from collab_app.services.files.storage import delete_blob
from collab_app.services.files.views import TRASH_DAYS
from collab_app.services.viewer import Viewer


def is_locked(session: Session, found: ProjectFile) -> bool:
    """Whether a file belongs to an approved version (it can no longer be deleted).

    Args:
        found: The file.

    Returns:
        True when its deliverable's approved version is the file's version.
    """
    if found.review_version_id is None:
        return False
    approved = session.exec(
        select(ReviewItem.approved_version_id)
        .join(ReviewVersion, ReviewVersion.review_item_id == ReviewItem.id)
        .where(ReviewVersion.id == found.review_version_id)
    ).first()
    return approved == found.review_version_id


def delete_file(session: Session, viewer: Viewer, *, file_id: object) -> None:
    """Move a file to the trash.

    Args:
        viewer: A manager or member.

    Raises:
        NotFound: Unknown or hidden file.
        PermissionDenied: Not the team, or the file of an approved version.
    """
    found, _access = permissions.require_file(
        session, viewer, file_id, roles=permissions.FILE_DELETE_ROLES
    )
    if is_locked(session, found):
        raise PermissionDenied("files.approved_locked")
    _set_deleted(session, found, at=clock.now(), by=viewer.user_id)


def restore_file(session: Session, viewer: Viewer, *, file_id: object) -> None:
    """Bring a file back from the trash.

    Args:
        viewer: A manager.

    Raises:
        NotFound: Not in the trash, or hidden.
        PermissionDenied: Not a manager.
    """
    _set_deleted(session, _in_trash(session, viewer, file_id), at=None, by=None)


def _set_deleted(
    session: Session, found: ProjectFile, *, at: datetime | None, by: int | None
) -> None:
    """Put a file in the trash (``at``, ``by`` set) or take it out (None), and commit."""
    found.deleted_at, found.deleted_by_id = at, by
    session.add(found)
    session.commit()


def _in_trash(session: Session, viewer: Viewer, file_id: object) -> ProjectFile:
    """A file of the trash, for a manager (else NotFound or PermissionDenied)."""
    found, _access = permissions.require_file(
        session, viewer, file_id, roles=permissions.FILE_TRASH_ROLES, trash=True
    )
    return found


def _purge(session: Session, found: ProjectFile) -> None:
    blobs = [found.blob_id, found.thumb_blob_id]
    session.delete(found)
    session.flush()
    for blob_id in blobs:
        if blob_id is not None:
            delete_blob(session, blob_id)


def purge_file(session: Session, viewer: Viewer, *, file_id: object) -> None:
    """Delete a file from the trash for good (its bytes too).

    Args:
        viewer: A manager.

    Raises:
        NotFound: Not in the trash, or hidden.
        PermissionDenied: Not a manager.
    """
    _purge(session, _in_trash(session, viewer, file_id))
    session.commit()


def purge_expired(session: Session, *, now: datetime | None = None) -> int:
    """Purge every file that has been in a trash for more than 30 days (a periodic job).

    Args:
        now: The current time (tests).

    Returns:
        How many files were purged.
    """
    limit = (now or clock.now()) - timedelta(days=TRASH_DAYS)
    expired = session.exec(
        select(ProjectFile).where(
            ProjectFile.deleted_at.is_not(None), ProjectFile.deleted_at < limit
        )
    ).all()
    for found in expired:
        _purge(session, found)
    session.commit()
    return len(expired)
