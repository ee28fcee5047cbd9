"""Demo data of client feedback: a schedule, past answers, a follow-up, a pending request.

Called from ``collab_app.demo.seed`` after the foundation (and after the board, whose columns
the follow-up task lands in; missing columns are created by the board service).
Everything goes through the feedback services, with past times, so the demo looks exactly like a
project where the schedule has been running:

- round 1 (project start + 14 days): David answers 9 / top 10% (promoter); the accounting
  address answers 5 / top 50% (detractor: flagged "ask for a 30-minute call", with its internal
  follow-up task for Alice) and Alice records an improvement action;
- round 2 (start + 44 days, i.e. yesterday): David answers 10 / top 1%; the accounting address
  has not answered yet (pending; its reminder is due in two days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from collab_app.demo.world import DemoWorld
from collab_app.models import (
    FeedbackAnswer,
    FeedbackRequest,
    FeedbackSchedule,
    OutboxMessage,
)
from collab_app.services import clock, feedback

EXTRA_CONTACT = "compta@boulangerie-dupont.example"


@dataclass(frozen=True, slots=True)
class FeedbackDemo:
    """What the feedback demo created; the links open the public form (e.g. in e2e tests)."""

    schedule_id: int
    pending_link: str
    answered_link: str


def seed_feedback(
    session: Session, world: DemoWorld, *, now: datetime | None = None
) -> FeedbackDemo:
    """Add the feedback part of the demo to the foundation's project.

    Args:
        session: Database session; committed here.
        world: The foundation, whose client project gets the feedback.
        now: Current time; default the clock. Rounds are placed relative to the project's start.

    Returns:
        The schedule and two form links: one pending, one already answered.
    """
    now = now or clock.now()
    project = world.project
    alice, david = world.users["alice"], world.users["david"]
    feedback.configure_schedule(
        session,
        alice,
        project_id=project.id,
        settings=feedback.ScheduleSettings(timezone="Europe/Paris"),
        now=now,
    )
    feedback.add_contact(session, alice, project_id=project.id, user_id=david.user_id, now=now)
    feedback.add_contact(
        session, alice, project_id=project.id, email=EXTRA_CONTACT, locale="fr", now=now
    )
    schedule = session.exec(
        select(FeedbackSchedule).where(FeedbackSchedule.project_id == project.id)
    ).one()

    def send_due_round() -> list[feedback.SentRequest]:
        due = feedback.next_due_at(schedule, project)
        sent = feedback.send_round(session, schedule, project, now=min(due, now))
        return sorted(sent or [], key=lambda s: s.email != david.email)

    def answer(sent: feedback.SentRequest, at: datetime, score: int, **texts: object) -> None:
        feedback.submit_answer(session, token=sent.token, score=score, now=at, **texts)

    first = send_due_round()
    round_1_at = schedule.last_round_at
    answer(
        first[0],
        round_1_at + timedelta(days=1, hours=2),
        9,
        ranking="top10",
        appreciated=["Clear weekly updates", "The new logo", "Always on time"],
        improvements=["More photos of the bread on the home page"],
    )
    answer(
        first[1],
        round_1_at + timedelta(days=2, hours=5),
        5,
        ranking="top50",
        appreciated=["Le design"],
        improvements=["Les factures arrivent en retard", "Réponses lentes aux e-mails"],
        comment="Nous aimerions un point régulier.",
    )
    detractor_id = session.exec(
        select(FeedbackAnswer.id)
        .join(FeedbackRequest, FeedbackRequest.id == FeedbackAnswer.request_id)
        .where(FeedbackRequest.id == first[1].request_id)
    ).one()
    feedback.add_action(
        session,
        alice,
        project_id=project.id,
        text="Un point de 15 minutes chaque semaine / A 15-minute check-in every week",
        answer_id=detractor_id,
        now=round_1_at + timedelta(days=3),
    )
    second = send_due_round()
    round_2_at = schedule.last_round_at
    answer(
        second[0],
        min(round_2_at + timedelta(hours=3), now),
        10,
        ranking="top1",
        appreciated=["Online ordering works great", "Fast fixes"],
        comment="Merci !",
    )
    # Past mails were delivered when their request was sent; the pending request's mail stays
    # unsent in the outbox, where managers see the link to copy.
    requests = session.exec(
        select(FeedbackRequest).where(FeedbackRequest.schedule_id == schedule.id)
    ).all()
    for request in requests:
        delivered = request.sent_at if request.id != second[1].request_id else None
        session.exec(
            update(OutboxMessage)
            .where(OutboxMessage.id == request.outbox_message_id)
            .values(created_at=request.sent_at, sent_at=delivered)
            .execution_options(synchronize_session=False)
        )
    session.commit()
    return FeedbackDemo(
        schedule_id=schedule.id, pending_link=second[1].link, answered_link=second[0].link
    )
