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
from collab_app.models.revenue import (
    BillingProfile,
    CollectiveBilling,
    Deliverable,
    Invoice,
    InvoiceCounter,
    InvoiceLine,
    InvoiceShare,
    ProjectRate,
    TimeEntry,
)

__all__ = [
    "Activity",
    "AuthSession",
    "BillingProfile",
    "BoardColumn",
    "Collective",
    "CollectiveBilling",
    "CollectiveMember",
    "Comment",
    "Deliverable",
    "FeedbackAction",
    "FeedbackAnswer",
    "FeedbackContact",
    "FeedbackRecap",
    "FeedbackRequest",
    "FeedbackSchedule",
    "Invitation",
    "Invoice",
    "InvoiceCounter",
    "InvoiceLine",
    "InvoiceShare",
    "Label",
    "LoginAttempt",
    "OutboxMessage",
    "Project",
    "ProjectMember",
    "ProjectRate",
    "Task",
    "TaskAssignee",
    "TaskLabel",
    "TaskWatcher",
    "TimeEntry",
    "User",
]
