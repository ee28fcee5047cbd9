"""All tables; importing this module registers them in ``SQLModel.metadata``."""

from collab_app.models.accounts import AuthSession, LoginAttempt, User
from collab_app.models.board import (
    Activity,
    BoardColumn,
    Comment,
    Label,
    Task,
    TaskAssignee,
    TaskLabel,
    TaskWatcher,
)
from collab_app.models.collectives import (
    Collective,
    CollectiveMember,
    Invitation,
    Project,
    ProjectMember,
)
from collab_app.models.feedback import (
    FeedbackAction,
    FeedbackAnswer,
    FeedbackContact,
    FeedbackRecap,
    FeedbackRequest,
    FeedbackSchedule,
)
from collab_app.models.outbox import OutboxMessage

__all__ = [
    "Activity",
    "AuthSession",
    "BoardColumn",
    "Collective",
    "CollectiveMember",
    "Comment",
    "FeedbackAction",
    "FeedbackAnswer",
    "FeedbackContact",
    "FeedbackRecap",
    "FeedbackRequest",
    "FeedbackSchedule",
    "Invitation",
    "Label",
    "LoginAttempt",
    "OutboxMessage",
    "Project",
    "ProjectMember",
    "Task",
    "TaskAssignee",
    "TaskLabel",
    "TaskWatcher",
    "User",
]
