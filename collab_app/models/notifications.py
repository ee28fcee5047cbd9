"""Notifications: the inbox rows, e-mail preferences, project mutes and unsubscribe links.

A ``Notification`` is written in the same transaction as the change that causes it. Its mail is
written later by the jobs (``collab_app.services.notifications.delivery``) into the outbox, in
one transaction that also flips ``mail_state`` from ``pending`` with a conditional update, so
each notification reaches at most one mail and none is lost when a worker dies.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from collab_app.models.base import utcnow


class Notification(SQLModel, table=True):
    """One thing that happened, for one person.

    ``audience`` is the least role the notification needs, checked again whenever it is shown
    or mailed: ``everyone`` (any role that sees the task and comment), ``team`` (never a
    client) or ``managers``. ``task_id`` and ``comment_id`` are re-checked through the
    permission rule too, so a task hidden from the client later leaves the client's inbox.
    """

    __table_args__ = (
        Index("ix_notification_inbox", "user_id", "id"),
        Index("ix_notification_mail", "mail_state", "mail_after"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id")
    project_id: int = Field(foreign_key="project.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    kind: str = Field(max_length=32)
    category: str = Field(max_length=16)
    audience: str = Field(default="everyone", max_length=12)
    task_id: int | None = Field(default=None, foreign_key="task.id", index=True)
    comment_id: int | None = Field(default=None, foreign_key="comment.id")
    # Link path inside the app and message parameters (JSON) that are not re-read at show time.
    path: str = Field(default="", max_length=300)
    params: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    # Unique logical key for events raised by jobs (due tomorrow, overdue), else None.
    dedup_key: str | None = Field(default=None, unique=True, max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    read_at: datetime | None = None
    # ``pending`` until a delivery pass decides: ``mailed`` (in ``outbox_id``) or ``skipped``.
    mail_state: str = Field(default="pending", max_length=8)
    mail_after: datetime = Field(default_factory=utcnow)
    outbox_id: int | None = Field(default=None, foreign_key="outboxmessage.id")


class NotificationPreference(SQLModel, table=True):
    """How one person wants the mails of one category: ``immediate``, ``digest`` or ``never``."""

    __table_args__ = (UniqueConstraint("user_id", "category"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    category: str = Field(max_length=16)
    mode: str = Field(default="immediate", max_length=10)


class NotificationSettings(SQLModel, table=True):
    """A person's digest hour (in their own time zone, ``User.timezone``)."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", unique=True)
    digest_hour: int = 8


class NotificationMute(SQLModel, table=True):
    """A project whose notifications a person does not want by mail."""

    __table_args__ = (UniqueConstraint("user_id", "project_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    project_id: int = Field(foreign_key="project.id")


class UnsubscribeToken(SQLModel, table=True):
    """A one-click unsubscribe link of one mail: only the SHA-256 of the token is stored."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    user_id: int = Field(foreign_key="user.id", index=True)
    category: str = Field(max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    used_at: datetime | None = None


class ClientUpdateSchedule(SQLModel, table=True):
    """A project's weekly progress mail to its client contacts (one per project).

    ``weeks_sent`` is the counter a runner claims with ``UPDATE ... WHERE weeks_sent = n`` (as
    the feedback schedule does), so one app instance only sends each week's mail.
    """

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", unique=True)
    enabled: bool = True
    weekday: int = 0  # Monday = 0, in the project's time zone
    hour: int = 9
    timezone: str = Field(default="Europe/Paris", max_length=64)  # the project's, when set up
    weeks_sent: int = 0
    last_sent_for: str = Field(default="", max_length=10)  # ISO date of the last week's slot
    created_by_id: int = Field(foreign_key="user.id")
    updated_at: datetime = Field(default_factory=utcnow)
