"""The Kanban board: columns, tasks, their people and labels, comments and activity history.

Visibility of every row here is decided in SQL by ``collab_app.services.permissions``; the
tables only carry the facts it needs (``hidden_from_client``, comment ``visibility``, activity
``client_visible``, ``deleted_at``).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from collab_app.models.base import utcnow

TASK_TITLE_MAX = 200
TASK_DESCRIPTION_MAX = 20_000
COMMENT_BODY_MAX = 10_000
TASK_PRIORITIES = ("low", "normal", "high", "urgent")
COMMENT_VISIBILITIES = ("internal", "client")


class BoardColumn(SQLModel, table=True):
    """A column of a project's board.

    The four default columns carry a ``default_key`` (``board.col_todo``, ...) and an empty
    ``name``, so that each viewer reads them in their own language until a manager renames them.
    The key stays after a rename: it tells which column means "to do" and "done".
    """

    __table_args__ = (Index("ix_boardcolumn_project_position", "project_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id")
    name: str = Field(default="", max_length=60)
    default_key: str = Field(default="", max_length=40)
    position: int = 0
    wip_limit: int | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Task(SQLModel, table=True):
    """A card on the board. ``version`` grows on every edit or move (optimistic concurrency).

    ``position`` is dense (0..n-1) among the live tasks of a column; ``deleted_at`` marks a
    task deleted with undo (it keeps its column and position to come back to).
    ``completed_at`` is set when the task enters the done column and cleared when it leaves.
    """

    __table_args__ = (
        Index("ix_task_column_position", "column_id", "deleted_at", "position"),
        Index("ix_task_project_deleted", "project_id", "deleted_at"),
        Index("ix_task_project_due", "project_id", "due_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id")
    column_id: int = Field(foreign_key="boardcolumn.id")
    title: str = Field(max_length=TASK_TITLE_MAX)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    position: int = 0
    priority: str = Field(default="normal", max_length=8)
    due_date: date | None = None
    hidden_from_client: bool = False
    is_blocked: bool = False
    version: int = 1
    created_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    completed_at: datetime | None = None
    deleted_at: datetime | None = None


class TaskAssignee(SQLModel, table=True):
    """A person assigned to a task (team member or guest)."""

    __table_args__ = (UniqueConstraint("task_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id")
    user_id: int = Field(foreign_key="user.id", index=True)


class TaskWatcher(SQLModel, table=True):
    """A person following a task. A guest sees the tasks they watch."""

    __table_args__ = (UniqueConstraint("task_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id")
    user_id: int = Field(foreign_key="user.id", index=True)


class Label(SQLModel, table=True):
    """A coloured label of one project; ``color`` is a key of the fixed palette."""

    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    name: str = Field(max_length=40)
    color: str = Field(default="gray", max_length=16)
    created_at: datetime = Field(default_factory=utcnow)


class TaskLabel(SQLModel, table=True):
    """A label put on a task."""

    __table_args__ = (UniqueConstraint("task_id", "label_id"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id")
    label_id: int = Field(foreign_key="label.id", index=True)


class Comment(SQLModel, table=True):
    """A comment on a task: ``internal`` (team only) or ``client`` (the client sees it too)."""

    __table_args__ = (Index("ix_comment_task_created", "task_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id")
    author_id: int = Field(foreign_key="user.id", index=True)
    body: str = Field(sa_column=Column(Text, nullable=False))
    visibility: str = Field(default="internal", max_length=8)
    created_at: datetime = Field(default_factory=utcnow)
    edited_at: datetime | None = None
    deleted_at: datetime | None = None


class Activity(SQLModel, table=True):
    """One line of history. ``detail`` is a JSON object of message parameters.

    ``client_visible`` is False for anything internal by nature (internal comments, the hidden
    flag, board setup); a client additionally sees a task's lines only while it sees the task.
    """

    __table_args__ = (
        Index("ix_activity_project_created", "project_id", "created_at"),
        Index("ix_activity_task_created", "task_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id")
    task_id: int | None = Field(default=None, foreign_key="task.id")
    actor_id: int = Field(foreign_key="user.id")
    kind: str = Field(max_length=32)
    detail: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    created_at: datetime = Field(default_factory=utcnow)
    client_visible: bool = True
