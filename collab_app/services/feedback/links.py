"""The form links sent to clients: their state, the list managers read, and the outbox's view.

A form link is ``pending`` until answered or expired (30 days); in the outbox, a pending link
superseded by a newer one for the same contact is ``replaced``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from collab_app.models import (
    FeedbackRequest,
    OutboxMessage,
)
from collab_app.services import clock
from collab_app.services.feedback.access import managed_project
from collab_app.services.feedback.schedule_settings import schedule_of
from collab_app.services.mail import outbox
from collab_app.services.mail.outbox import OutboxView
from collab_app.services.viewer import Viewer


@dataclass(frozen=True, slots=True)
class RequestView:
    """One form link sent, as listed to managers (never the link: see the outbox)."""

    id: int
    sequence: int
    email: str
    sent: datetime
    expires: datetime
    timezone: str  # the schedule's, in which the times are shown
    status: str  # "pending" | "answered" | "expired"
    reminded: bool
    manual: bool
    # Shown: "3 Jan 2027, 09:00" in ``timezone`` and the viewer's language (see the presenter).
    sent_at: str = ""
    expires_at: str = ""


# Outbox kinds whose link is a feedback form link (the request's, or re-sent by its reminder).
FORM_LINK_KINDS = ("feedback_request", "feedback_reminder")


def project_outbox(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    limit: int = 50,
    now: datetime | None = None,
) -> list[OutboxView]:
    """Return the project's outgoing mails with what became of their form links (managers).

    A form link is ``answered``, ``expired``, ``replaced`` (the contact was sent a newer one)
    or ``open``; only an open link is worth copying.

    Args:
        viewer: A manager of the project.
        limit: How many of the newest messages.
        now: Current time.

    Returns:
        Messages, newest first.
    """
    messages = outbox.list_for_project(session, viewer, project_id=project_id, limit=limit)
    links = {m.link for m in messages if m.kind in FORM_LINK_KINDS and m.link}
    if not links:
        return messages
    now = now or clock.now()
    rows = session.exec(
        select(OutboxMessage.link, FeedbackRequest)
        .join(FeedbackRequest, FeedbackRequest.outbox_message_id == OutboxMessage.id)
        .where(OutboxMessage.link.in_(links))
    ).all()
    contact_ids = {request.contact_id for _, request in rows}
    newest = dict(
        session.exec(
            select(FeedbackRequest.contact_id, func.max(FeedbackRequest.id))
            .where(FeedbackRequest.contact_id.in_(contact_ids))
            .group_by(FeedbackRequest.contact_id)
        ).all()
    )
    states = {}
    for link, request in rows:
        state = request_status(request, now)
        if state == "pending":
            state = "open" if newest.get(request.contact_id) == request.id else "replaced"
        states[link] = state
    return [
        replace(m, link_state=states.get(m.link, "")) if m.kind in FORM_LINK_KINDS else m
        for m in messages
    ]


def request_status(request: FeedbackRequest, now: datetime) -> str:
    """Return ``answered``, ``expired`` or ``pending`` for a form link at ``now``.

    Args:
        request: The request.
        now: Current time.

    Returns:
        The status.
    """
    if request.answered_at is not None:
        return "answered"
    if request.expires_at <= now:
        return "expired"
    return "pending"


def list_requests(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    limit: int = 100,
    now: datetime | None = None,
) -> list[RequestView]:
    """Return the project's sent form links, newest first (managers).

    Args:
        viewer: A manager of the project.
        limit: How many of the newest.
        now: Current time.

    Returns:
        The requests.
    """
    access = managed_project(session, viewer, project_id)
    now = now or clock.now()
    schedule = schedule_of(session, access.project.id)
    if schedule is None:
        return []
    rows = session.exec(
        select(FeedbackRequest)
        .where(FeedbackRequest.schedule_id == schedule.id)
        .order_by(FeedbackRequest.sent_at.desc(), FeedbackRequest.id.desc())
        .limit(max(1, min(int(limit), 500)))
    ).all()
    return [
        RequestView(
            id=r.id,
            sequence=r.sequence,
            email=r.email,
            sent=r.sent_at,
            expires=r.expires_at,
            timezone=schedule.timezone,
            status=request_status(r, now),
            reminded=r.reminded_at is not None,
            manual=r.manual,
        )
        for r in rows
    ]
