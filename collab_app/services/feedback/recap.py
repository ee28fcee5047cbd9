"""The recap of improvement actions mailed to the client's feedback contacts.

Only the actions a manager shared with the client are listed, each with its status, in each
contact's language; a recap with nothing new since the previous one is refused.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from collab_app.models import (
    Collective,
    FeedbackAction,
    FeedbackRecap,
    FeedbackSchedule,
)
from collab_app.services import clock
from collab_app.services.claims import claim
from collab_app.services.errors import Conflict, ValidationError
from collab_app.services.feedback.access import managed_project
from collab_app.services.feedback.presenter import recap_mail
from collab_app.services.feedback.schedule_settings import schedule_of
from collab_app.services.feedback.sending import queue_mail, recipients
from collab_app.services.viewer import Viewer


def send_recap(
    session: Session, viewer: Viewer, *, project_id: object, now: datetime | None = None
) -> int:
    """Mail the client-visible actions, with their status, to every feedback contact (managers).

    Only actions marked ``share_with_client`` are listed, in each contact's language. Refused
    when nothing was added or changed since the previous recap.

    Args:
        viewer: A manager of the project.
        now: Current time.

    Returns:
        How many messages were queued.

    Raises:
        ValidationError: No contact, or no shared action.
        Conflict: Nothing new since the last recap.
    """
    access = managed_project(session, viewer, project_id)
    now = now or clock.now()
    project = access.project
    schedule = schedule_of(session, project.id)
    if schedule is None:
        raise ValidationError("feedback.no_contacts")
    # Lock the schedule row first, so that two managers clicking together send one recap.
    claim(session, FeedbackSchedule, FeedbackSchedule.id == schedule.id, updated_at=now)
    people = recipients(session, schedule)
    if not people:
        session.rollback()
        raise ValidationError("feedback.no_contacts")
    actions = session.exec(
        select(FeedbackAction)
        .where(FeedbackAction.project_id == project.id, FeedbackAction.share_with_client.is_(True))
        .order_by(FeedbackAction.created_at, FeedbackAction.id)
    ).all()
    if not actions:
        session.rollback()
        raise ValidationError("feedback.recap_empty")
    last = session.exec(
        select(func.max(FeedbackRecap.created_at)).where(FeedbackRecap.project_id == project.id)
    ).one()
    if last is not None and max(a.updated_at for a in actions) <= last:
        session.rollback()
        raise Conflict("feedback.recap_nothing_new")
    recap = FeedbackRecap(
        project_id=project.id,
        collective_id=project.collective_id,
        created_by_id=viewer.user_id,
        created_at=now,
        actions_count=len(actions),
        recipients_count=len(people),
    )
    session.add(recap)
    session.flush()
    collective = session.get(Collective, project.collective_id)
    shared = [(a.text, a.status) for a in actions]
    for person in people:
        queue_mail(
            session,
            project,
            kind="feedback_recap",
            to_email=person.email,
            mail=recap_mail(
                person.locale, collective=collective.name, project=project.name, actions=shared
            ),
            dedup_key=f"feedback-recap:{recap.id}:{person.contact_id}",
        )
    session.commit()
    return len(people)
