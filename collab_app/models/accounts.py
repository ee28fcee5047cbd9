"""Users, their sign-in sessions and sign-in attempts."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from collab_app.models.base import utcnow


class User(SQLModel, table=True):
    """A person with an account; ``email`` is stored normalized and lower-cased."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True, max_length=254)
    display_name: str = Field(max_length=80)
    password_hash: str = Field(max_length=255)
    locale: str = Field(default="", max_length=5)
    timezone: str = Field(default="Europe/Paris", max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    password_changed_at: datetime = Field(default_factory=utcnow)


class AuthSession(SQLModel, table=True):
    """A signed-in browser. Only the SHA-256 of the browser's random token is stored."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    token_hash: str = Field(index=True, unique=True, max_length=64)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None


class LoginAttempt(SQLModel, table=True):
    """A sign-in whose password was checked and failed, or a sign-up; kept to rate-limit them.

    ``kind`` is ``sign_in`` or ``sign_up``. A sign-in's row is written (atomically with the count
    of its predecessors) before its password is checked and removed when the password is right.
    """

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="sign_in", index=True, max_length=16)
    # A sign-in whose password is being checked right now (it counts against the limit).
    pending: bool = False
    email: str = Field(index=True, max_length=254)
    client_key: str = Field(index=True, max_length=128)
    attempted_at: datetime = Field(default_factory=utcnow, index=True)
