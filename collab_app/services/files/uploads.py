"""Receiving a file: checks before any byte is stored, streaming into storage, recording it.

1. ``prepare_upload`` checks the viewer, the target (folder, task, comment, revision
   request, change order, deliverable version), the name and the announced size against the
   limit and the collective's quota, and returns a ticket; a refused file costs nothing.
2. ``stream_into`` writes the body chunk by chunk (one chunk's buffer in memory), refuses
   a body longer than announced, and drops the chunks if anything goes wrong.
3. ``finish_upload`` checks everything again with the real size, sniffs the type from the first
   bytes, keeps the thumbnail made in a worker thread, and records the file in one transaction:
   until then nothing is visible, so a dead upload leaves no half file.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass

from sqlmodel import Session, select

from collab_app.models import (
    ChangeOrder,
    FileFolder,
    ProjectFile,
    ReviewItem,
    ReviewVersion,
    RevisionItem,
)
from collab_app.services import clock, permissions
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from collab_app.services.files.limits import check_size
from collab_app.services.files.names import clean_name
from collab_app.services.files.sniffing import SNIFF_BYTES, sniff
from collab_app.services.files.storage import BlobStorage, delete_blob
from collab_app.services.rows import commit_new
from collab_app.services.viewer import Viewer
from collab_app.settings import file_limits


@dataclass(frozen=True, slots=True, kw_only=True)
class UploadTarget:
    """Where in its project an upload goes; each id names a column of the file's row.

    As asked, every id is received from the client (None, empty or 0: none); in an
    :class:`UploadTicket`, the checked ids. A file has at most one owner whose visibility it
    follows (see :func:`prepare_upload`).

    Attributes:
        folder_id: A folder of the project (team only).
        task_id: A task the viewer sees (required for a guest).
        review_version_id: The current version of a deliverable under review (team only).
        comment_id: A task comment the viewer wrote; the file goes to the comment's task and
            has the comment's visibility (an internal comment's file is the team's).
        revision_item_id: A revision request the viewer wrote (team or client); its files are
            seen by the team and the client, never by a guest.
        change_order_id: A change order the viewer proposed; as a request's files.
    """

    folder_id: object = None
    task_id: object = None
    review_version_id: object = None
    comment_id: object = None
    revision_item_id: object = None
    change_order_id: object = None


@dataclass(frozen=True, slots=True)
class UploadTicket:
    """What a checked upload may write: where, under which name, how many bytes."""

    project_id: int
    collective_id: int
    name: str
    size: int
    target: UploadTarget
    visibility: str


@dataclass(frozen=True, slots=True)
class StoredBytes:
    """A complete blob written by ``stream_into``."""

    blob_id: int
    size: int
    sha256: str
    head: bytes


def _check_folder(session: Session, access: permissions.ProjectAccess, raw: object) -> int | None:
    folder_id = permissions.optional_id(raw)
    if folder_id is None:
        return None
    found = session.exec(
        select(FileFolder.id).where(
            FileFolder.id == folder_id, FileFolder.project_id == access.project.id
        )
    ).first()
    if found is None or not access.is_team:
        raise NotFound(field="folder")
    return folder_id


def _check_task(session: Session, viewer: Viewer, access: permissions.ProjectAccess, raw: object):
    task_id = permissions.optional_id(raw)
    if task_id is None:
        if access.is_guest:
            raise PermissionDenied("files.guest_task_only")
        return None
    task_access = permissions.require_task(session, viewer, task_id)
    if task_access.task.project_id != access.project.id:
        raise NotFound(field="task")
    return task_id


def _check_comment(
    session: Session, viewer: Viewer, access: permissions.ProjectAccess, raw: object
) -> tuple[int, int, str] | None:
    """Return (comment id, its task id, its visibility) for a comment the viewer wrote."""
    comment_id = permissions.optional_id(raw)
    if comment_id is None:
        return None
    comment, task_access = permissions.require_comment(session, viewer, comment_id)
    if task_access.task.project_id != access.project.id:
        raise NotFound(field="comment")
    if not permissions.can_edit_comment(viewer, comment):
        raise PermissionDenied("files.author_only")
    return comment.id, comment.task_id, comment.visibility


def _check_request(
    session: Session, viewer: Viewer, access: permissions.ProjectAccess, raw: object
) -> int | None:
    """Return the id of a revision request of the project that the viewer wrote and sees."""
    item_id = permissions.optional_id(raw)
    if item_id is None:
        return None
    author = session.exec(
        select(RevisionItem.created_by_id).where(
            RevisionItem.id == item_id,
            permissions.visible_revision_items_clause(access, viewer),
        )
    ).first()
    # Guests never attach there: a request's files are the team's and the client's.
    if author is None or access.is_guest:
        raise NotFound(field="request")
    if author != viewer.user_id:
        raise PermissionDenied("files.author_only")
    return item_id


def _check_change_order(
    session: Session, viewer: Viewer, access: permissions.ProjectAccess, raw: object
) -> int | None:
    """Return the id of a change order of the project that the viewer proposed and sees."""
    order_id = permissions.optional_id(raw)
    if order_id is None:
        return None
    author = session.exec(
        select(ChangeOrder.created_by_id).where(
            ChangeOrder.id == order_id,
            ChangeOrder.project_id == access.project.id,
            ChangeOrder.item_id.in_(
                select(RevisionItem.id).where(
                    permissions.visible_revision_items_clause(access, viewer)
                )
            ),
        )
    ).first()
    if author is None or not permissions.can_see_revision_prices(access):
        raise NotFound(field="order")
    if author != viewer.user_id:
        raise PermissionDenied("files.author_only")
    return order_id


def _check_version(session: Session, access: permissions.ProjectAccess, raw: object) -> int | None:
    version_id = permissions.optional_id(raw)
    if version_id is None:
        return None
    row = session.exec(
        select(ReviewVersion, ReviewItem)
        .join(ReviewItem, ReviewItem.id == ReviewVersion.review_item_id)
        .where(ReviewVersion.id == version_id, ReviewItem.project_id == access.project.id)
    ).first()
    if row is None or not access.is_team:
        raise NotFound(field="version")
    version, item = row
    if version.number != item.current_version:
        raise PermissionDenied("files.version_not_current")
    if item.status == "approved":
        raise PermissionDenied("files.approved_locked")
    return version_id


def prepare_upload(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    name: object,
    size: object,
    target: UploadTarget | None = None,
    locale: str = "en",
) -> UploadTicket:
    """Check an upload before any byte is stored.

    Args:
        session: Database session (read only).
        viewer: The uploader: team, a guest (on a task they see) or the client (shared files).
        name: The file name as typed.
        size: The announced size in bytes.
        target: Where in the project it goes (None: the project's files, no folder).
        locale: Language of sizes in messages.

    Returns:
        The ticket for ``stream_into`` and ``finish_upload``.

    Raises:
        NotFound: Unknown or hidden project, folder, task, version, comment, request or change
            order, or a task other than the comment's.
        PermissionDenied: A guest without a task; an approved (locked) deliverable; a comment,
            request or change order written by someone else.
        ValidationError: A bad name, an empty or too big file, over quota.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.FILE_UPLOAD_ROLES
    )
    clean = clean_name(name)
    asked = target or UploadTarget()
    folder = _check_folder(session, access, asked.folder_id)
    comment = _check_comment(session, viewer, access, asked.comment_id)
    if comment is not None and permissions.optional_id(asked.task_id) not in (None, comment[1]):
        raise NotFound(field="task")
    request = _check_request(session, viewer, access, asked.revision_item_id)
    order = _check_change_order(session, viewer, access, asked.change_order_id)
    task = _check_task(session, viewer, access, comment[1] if comment else asked.task_id)
    version = _check_version(session, access, asked.review_version_id)
    # A file belongs to one owner whose visibility it follows: a comment (with its own task),
    # a request or a change order alone, never one of them plus a folder, a version or another
    # owner (whose wider audience would otherwise show it). No page asks for such a mix.
    owners = [comment, request, order, version, folder, None if comment else task]
    if (comment or request or order) and sum(o is not None for o in owners) > 1:
        raise NotFound()
    checked_size = check_size(session, access.project.collective_id, size, locale=locale)
    # The team's files are internal until shared; a deliverable's version is what the client
    # reviews, and a client's own upload is of course visible to the client. A comment's file
    # has the comment's visibility, whatever else is asked.
    shared = access.is_client or version is not None or request is not None or order is not None
    if comment is not None:
        shared = comment[2] == permissions.CLIENT_VISIBILITY
    return UploadTicket(
        project_id=access.project.id,
        collective_id=access.project.collective_id,
        name=clean,
        size=checked_size,
        target=UploadTarget(
            folder_id=folder,
            task_id=task,
            review_version_id=version,
            comment_id=comment[0] if comment else None,
            revision_item_id=request,
            change_order_id=order,
        ),
        visibility="client" if shared else "internal",
    )


async def stream_into(
    storage: BlobStorage, body: AsyncIterator[bytes], *, expected_size: int
) -> StoredBytes:
    """Write a request body into storage, one chunk at a time, off the event loop.

    Args:
        storage: Where the bytes go.
        body: The body's pieces, as the server receives them.
        expected_size: The size checked by ``prepare_upload``; a longer body is refused.

    Returns:
        The complete blob.

    Raises:
        ValidationError: ``files.size_mismatch`` when the body is longer or shorter.
    """
    chunk_bytes = file_limits()["chunk_bytes"]
    writer = await asyncio.to_thread(storage.writer)
    # One buffer of a chunk's size, filled from the received pieces and written whole, then
    # filled again: the upload holds that buffer and one received piece, never a second copy
    # of a chunk (joining the pieces did: a 20 MB upload's peak RSS growth 904-1,720 KiB
    # against 576-668 KiB with the buffer, alternating runs, benchmarks/README.md).
    buffer = memoryview(bytearray(chunk_bytes))
    filled = 0
    head = b""
    received = 0
    try:
        async for piece in body:
            received += len(piece)
            if received > expected_size:
                raise ValidationError("files.size_mismatch", field="file")
            if len(head) < SNIFF_BYTES:
                head += piece[: SNIFF_BYTES - len(head)]
            rest = memoryview(piece)
            while rest:
                taken = min(chunk_bytes - filled, len(rest))
                buffer[filled : filled + taken] = rest[:taken]
                filled, rest = filled + taken, rest[taken:]
                if filled == chunk_bytes:
                    # The loop waits for the write, so the buffer is not refilled meanwhile.
                    await asyncio.to_thread(writer.write, buffer)
                    filled = 0
        if received != expected_size:
            raise ValidationError("files.size_mismatch", field="file")
        if filled:
            await asyncio.to_thread(writer.write, buffer[:filled])
        blob_id, size, digest = await asyncio.to_thread(writer.finish)
    except BaseException:
        await asyncio.shield(asyncio.to_thread(writer.abort))
        raise
    return StoredBytes(blob_id=blob_id, size=size, sha256=digest, head=head)


def finish_upload(
    session: Session,
    viewer: Viewer,
    ticket: UploadTicket,
    stored: StoredBytes,
    *,
    thumb_blob_id: int | None = None,
    locale: str = "en",
) -> int:
    """Record an uploaded file, checking access and quota again with the real size.

    Args:
        viewer: The uploader.
        ticket: From ``prepare_upload``.
        stored: From ``stream_into``.
        thumb_blob_id: A thumbnail already stored, if one could be made.
        locale: Language of sizes in messages.

    Returns:
        The new file's id.

    Raises:
        NotFound, PermissionDenied, ValidationError: As ``prepare_upload``; the stored bytes
        are then deleted.
    """
    try:
        again = prepare_upload(
            session,
            viewer,
            project_id=ticket.project_id,
            name=ticket.name,
            size=stored.size,
            target=ticket.target,
            locale=locale,
        )
    except Exception:
        session.rollback()
        for blob_id in (stored.blob_id, thumb_blob_id):
            if blob_id is not None:
                delete_blob(session, blob_id)
        session.commit()
        raise
    row = ProjectFile(
        project_id=again.project_id,
        collective_id=again.collective_id,
        **asdict(again.target),
        name=again.name,
        size=stored.size,
        mime=sniff(stored.head),
        blob_id=stored.blob_id,
        thumb_blob_id=thumb_blob_id,
        visibility=again.visibility,
        uploaded_by_id=viewer.user_id,
        created_at=clock.now(),
    )
    return commit_new(session, row)
