"""Outgoing mail, delivered by SMTP when configured, else shown to managers to copy."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from collab_app.models.base import utcnow


class OutboxMessage(SQLModel, table=True):
    """One message to send. ``dedup_key`` makes enqueueing idempotent across app instances."""

    id: int | None = Field(default=None, primary_key=True)
    collective_id: int = Field(foreign_key="collective.id", index=True)
    project_id: int | None = Field(default=None, foreign_key="project.id", index=True)
    kind: str = Field(max_length=32)
    to_email: str = Field(max_length=254)
    subject: str = Field(max_length=200)
    body: str
    link: str = Field(default="", max_length=500)
    # One-click unsubscribe address sent as the ``List-Unsubscribe`` header ("" for none).
    list_unsubscribe: str = Field(
        default="", max_length=500, sa_column_kwargs={"server_default": ""}
    )
    dedup_key: str = Field(unique=True, max_length=200)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    sent_at: datetime | None = None
    attempts: int = 0
    last_error: str = Field(default="", max_length=500)
    # Delivery claims (collab_app.services.mail.delivery): a runner owns a row while
    # ``claimed_until`` is in the future, so two app instances never send the same row; a crashed
    # runner's claim lapses.
    claimed_by: str = Field(default="", max_length=64)
    claimed_until: datetime | None = None
    # After a failed attempt, the row is retried no earlier than this (exponential back-off).
    next_attempt_at: datetime | None = None
