"""Collectives, their members, projects, project roles and invitations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint, true
from sqlmodel import Field, SQLModel

from collab_app.models.base import utcnow


class Collective(SQLModel, table=True):
    """A group of freelancers selling projects together."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    mail_domain: str = Field(default="", max_length=120)
    created_at: datetime = Field(default_factory=utcnow)


class CollectiveMember(SQLModel, table=True):
    """A user's role in a collective: owner, admin or member."""

    __table_args__ = (UniqueConstraint("collective_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    collective_id: int = Field(foreign_key="collective.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    role: str = Field(max_length=16)
    created_at: datetime = Field(default_factory=utcnow)


class Project(SQLModel, table=True):
    """A client project run by a collective."""

    id: int | None = Field(default=None, primary_key=True)
    collective_id: int = Field(foreign_key="collective.id", index=True)
    name: str = Field(max_length=120)
    client_name: str = Field(max_length=120)
    start_date: date
    quote_cents: int = 0
    currency: str = Field(default="EUR", max_length=3)
    included_rounds: int = 2
    billing_model: str = Field(default="milestone", max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    # Bumped on every change visible on the project's screens; viewers reload when it moves.
    change_version: int = 0


class ProjectMember(SQLModel, table=True):
    """A user's role on one project: manager, member, guest or client."""

    __table_args__ = (UniqueConstraint("project_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    role: str = Field(max_length=16)
    # Clients only: False makes a read-only client (sees the project, may not comment).
    can_comment: bool = Field(default=True, sa_column_kwargs={"server_default": true()})
    created_at: datetime = Field(default_factory=utcnow)


class Invitation(SQLModel, table=True):
    """A single-use link inviting an email to a collective or to one project."""

    id: int | None = Field(default=None, primary_key=True)
    collective_id: int = Field(foreign_key="collective.id", index=True)
    project_id: int | None = Field(default=None, foreign_key="project.id", index=True)
    email: str = Field(max_length=254)
    role: str = Field(max_length=16)
    token_hash: str = Field(index=True, unique=True, max_length=64)
    invited_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    accepted_at: datetime | None = None
    accepted_by_id: int | None = Field(default=None, foreign_key="user.id")
    revoked_at: datetime | None = None
