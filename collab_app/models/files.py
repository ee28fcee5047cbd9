"""Project files, their stored bytes, and the deliverables the client reviews (issue #17).

- ``FileBlob`` / ``FileChunk``: bytes kept in the configured database, in chunks written one
  short transaction at a time (a 25 MB upload never sits whole in memory). A blob is
  ``complete`` only once its last chunk is written; nothing points to an incomplete one, so an
  upload that dies half-way leaves no visible file (the jobs purge such leftovers).
- ``FileFolder``: one level of folders inside a project's files.
- ``ProjectFile``: a file as people see it: the name as typed, its sniffed type, who uploaded
  it and when, ``internal`` (team) or ``client`` (shared with the client), optionally attached
  to a task, a task comment, a revision request or a change order (whose visibility it then
  follows) or to a version of a reviewed deliverable; ``deleted_at`` puts it in the trash.
- ``ReviewItem``: a deliverable the client reviews ("Logo"), shown as "Deliverable"/"Livrable"
  (``Deliverable`` already names the billing milestones of ``models.revenue``).
- ``ReviewVersion``: version 1, 2... of a review item; its files carry ``review_version_id``.
- ``ReviewDecision``: the trace of approvals, change requests and reopenings.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from collab_app.models.base import utcnow

FILE_VISIBILITIES = ("internal", "client")
FILE_NAME_MAX = 255
REVIEW_STATUSES = ("in_review", "changes_requested", "approved")
DECISION_KINDS = ("approved", "changes_requested", "reopened")


class FileBlob(SQLModel, table=True):
    """Stored bytes; ``complete`` once every chunk is written."""

    id: int | None = Field(default=None, primary_key=True)
    size: int = 0
    sha256: str = Field(default="", max_length=64)
    complete: bool = False
    created_at: datetime = Field(default_factory=utcnow)


class FileChunk(SQLModel, table=True):
    """One chunk of a blob, in order of ``seq``."""

    __table_args__ = (UniqueConstraint("blob_id", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    blob_id: int = Field(foreign_key="fileblob.id", index=True)
    seq: int
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class FileFolder(SQLModel, table=True):
    """A folder of a project's files."""

    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    name: str = Field(max_length=80)
    created_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)


class ReviewItem(SQLModel, table=True):
    """A deliverable the client reviews, version after version."""

    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    name: str = Field(max_length=80)
    status: str = Field(default="in_review", max_length=20)
    current_version: int = 0
    # A ``ReviewVersion`` id; no foreign key, which would make the two tables depend on each
    # other (a cycle that table creation and emptying cannot order).
    approved_version_id: int | None = None
    created_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)


class ReviewVersion(SQLModel, table=True):
    """Version ``number`` of a review item; its files point to it."""

    __table_args__ = (UniqueConstraint("review_item_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    review_item_id: int = Field(foreign_key="reviewitem.id", index=True)
    number: int
    note: str = Field(default="", max_length=500)
    created_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)


class ReviewDecision(SQLModel, table=True):
    """An approval, a change request or a reopening, with who, when and which version."""

    id: int | None = Field(default=None, primary_key=True)
    review_item_id: int = Field(foreign_key="reviewitem.id", index=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    version_id: int = Field(foreign_key="reviewversion.id")
    kind: str = Field(max_length=20)
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    actor_id: int = Field(foreign_key="user.id")
    at: datetime = Field(default_factory=utcnow)
    revision_item_id: int | None = Field(default=None, foreign_key="revisionitem.id")


class ProjectFile(SQLModel, table=True):
    """A file of a project, as people see it."""

    __table_args__ = (Index("ix_projectfile_project_deleted", "project_id", "deleted_at"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id")
    collective_id: int = Field(foreign_key="collective.id", index=True)
    folder_id: int | None = Field(default=None, foreign_key="filefolder.id")
    task_id: int | None = Field(default=None, foreign_key="task.id", index=True)
    review_version_id: int | None = Field(default=None, foreign_key="reviewversion.id", index=True)
    # A file attached to a task comment also carries the comment's task: who sees the task and
    # the comment (never a guest or the client for an internal one) sees the file.
    comment_id: int | None = Field(default=None, foreign_key="comment.id", index=True)
    # Files attached to a revision request or a change order are seen by whoever sees it
    # beyond guests (the team and the client).
    revision_item_id: int | None = Field(default=None, foreign_key="revisionitem.id", index=True)
    change_order_id: int | None = Field(default=None, foreign_key="changeorder.id", index=True)
    name: str = Field(max_length=FILE_NAME_MAX)
    size: int
    mime: str = Field(max_length=100)
    blob_id: int = Field(foreign_key="fileblob.id")
    thumb_blob_id: int | None = Field(default=None, foreign_key="fileblob.id")
    visibility: str = Field(default="internal", max_length=10)
    uploaded_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    deleted_at: datetime | None = None
    deleted_by_id: int | None = Field(default=None, foreign_key="user.id")
