"""All tables; importing this module registers them in ``SQLModel.metadata``."""

from collab_app.models.accounts import AuthSession, LoginAttempt, User
from collab_app.models.collectives import (
    Collective,
    CollectiveMember,
    Invitation,
    Project,
    ProjectMember,
)
from collab_app.models.outbox import OutboxMessage

__all__ = [
    "AuthSession",
    "Collective",
    "CollectiveMember",
    "Invitation",
    "LoginAttempt",
    "OutboxMessage",
    "Project",
    "ProjectMember",
    "User",
]
