"""Client feedback: schedules, contacts, single-use form links, answers and improvement actions.

Times are aware UTC datetimes (``collab_app.models.base.utcnow``). Calendar dates that belong to
a time zone (the day a round is due) are stored as ``date`` next to the schedule's IANA zone name.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from collab_app.models.base import utcnow


class FeedbackSchedule(SQLModel, table=True):
    """When a project's client contacts are asked for feedback (one schedule per project).

    A *round* asks every active contact once. ``rounds_sent`` is the round counter: a runner
    claims round ``n + 1`` with ``UPDATE ... WHERE rounds_sent = n``, which only one app instance
    can win. The first round is due ``first_delay_days`` after the project's start date; later
    rounds are due on ``next_due_on`` (a date in ``timezone``) at ``send_hour`` local time.
    """

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", unique=True, index=True)
    collective_id: int = Field(foreign_key="collective.id", index=True)
    status: str = Field(default="active", max_length=16)  # "active" | "paused"
    first_delay_days: int = 14
    interval_days: int = 30
    reminder_delay_days: int = 3
    send_hour: int = 9
    timezone: str = Field(default="Europe/Paris", max_length=64)
    rounds_sent: int = 0
    # Local date of the next round once at least one round was sent (else computed from the
    # project's start date, so that a later change of the start date is followed).
    next_due_on: date | None = None
    last_round_at: datetime | None = None
    created_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    paused_at: datetime | None = None


class FeedbackContact(SQLModel, table=True):
    """Someone asked for feedback: a project member with the client role, or an extra email."""

    __table_args__ = (UniqueConstraint("schedule_id", "email"),)

    id: int | None = Field(default=None, primary_key=True)
    schedule_id: int = Field(foreign_key="feedbackschedule.id", index=True)
    user_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    email: str = Field(max_length=254)
    locale: str = Field(default="fr", max_length=5)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class FeedbackRequest(SQLModel, table=True):
    """One form link sent to one contact in one round. Only the SHA-256 of its token is stored."""

    __table_args__ = (UniqueConstraint("schedule_id", "sequence", "contact_id"),)

    id: int | None = Field(default=None, primary_key=True)
    schedule_id: int = Field(foreign_key="feedbackschedule.id", index=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    collective_id: int = Field(foreign_key="collective.id", index=True)
    contact_id: int = Field(foreign_key="feedbackcontact.id", index=True)
    sequence: int  # the round number, from 1
    manual: bool = False  # sent by "send now" rather than by the schedule
    email: str = Field(max_length=254)
    locale: str = Field(default="fr", max_length=5)
    token_hash: str = Field(unique=True, index=True, max_length=64)
    sent_at: datetime = Field(default_factory=utcnow, index=True)
    expires_at: datetime
    reminder_due_at: datetime | None = Field(default=None, index=True)
    reminded_at: datetime | None = None
    answered_at: datetime | None = None
    outbox_message_id: int | None = Field(default=None, foreign_key="outboxmessage.id")


class FeedbackAnswer(SQLModel, table=True):
    """A client's answer to one request (at most one per request)."""

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="feedbackrequest.id", unique=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    collective_id: int = Field(foreign_key="collective.id", index=True)
    submitted_at: datetime = Field(default_factory=utcnow, index=True)
    locale: str = Field(default="fr", max_length=5)
    score: int  # 0-10, never 7
    ranking: str = Field(max_length=16)  # top1 | top10 | top25 | top50 | bottom50
    appreciated_1: str = Field(default="", max_length=1000)
    appreciated_2: str = Field(default="", max_length=1000)
    appreciated_3: str = Field(default="", max_length=1000)
    improve_1: str = Field(default="", max_length=1000)
    improve_2: str = Field(default="", max_length=1000)
    improve_3: str = Field(default="", max_length=1000)
    comment: str = Field(default="", max_length=1000)
    # Follow-up rule: score < 8 or ranking below top 10% -> ask for a 30-minute call.
    needs_call: bool = False
    followup_task_id: int | None = None  # the internal board task, once created
    followup_error: str = Field(default="", max_length=300)
    # A runner creating the task owns the answer until then (see services.feedback.run_followup).
    followup_claimed_until: datetime | None = None
    # The call was held (marked on the answer, with what came of it). Closing the follow-up
    # task on the board also counts as done; see services.feedback_calls.
    call_done_at: datetime | None = None
    call_done_by_id: int | None = None  # a user id; kept when that user leaves
    call_outcome: str = Field(default="", max_length=1000, sa_column_kwargs={"server_default": ""})


class FeedbackAction(SQLModel, table=True):
    """Something the collective will change in response to feedback, recorded by a manager."""

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    collective_id: int = Field(foreign_key="collective.id", index=True)
    answer_id: int | None = Field(default=None, foreign_key="feedbackanswer.id")
    text: str = Field(max_length=1000)
    status: str = Field(default="planned", max_length=16)  # planned | in_progress | done
    share_with_client: bool = True
    created_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class FeedbackRecap(SQLModel, table=True):
    """A recap of the client-visible actions, mailed to the project's feedback contacts."""

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    collective_id: int = Field(foreign_key="collective.id", index=True)
    created_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    actions_count: int = 0
    recipients_count: int = 0
