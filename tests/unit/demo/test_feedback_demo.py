"""The feedback part of the demo data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from collab_app.demo import seed_foundation
from collab_app.demo.feedback import EXTRA_CONTACT, seed_feedback
from collab_app.models import FeedbackAnswer, OutboxMessage, Task
from collab_app.services import board, clock, feedback
from collab_app.services.errors import PermissionDenied


@pytest.fixture
def demo(session):
    world = seed_foundation(session)
    created = seed_feedback(session, world)
    return world, created


def test_demo_schedule_answers_and_links(session, demo):
    world, created = demo
    alice, david = world.users["alice"], world.users["david"]
    now = clock.now()
    schedule = feedback.get_schedule(session, alice, project_id=world.project.id)
    assert (schedule.status, schedule.rounds_sent) == ("active", 2)
    assert {c.email for c in schedule.contacts} == {"david@client.example", EXTRA_CONTACT}
    results = feedback.project_results(session, alice, project_id=world.project.id)
    assert sorted(a.score for a in results.answers) == [5, 9, 10]
    assert results.summary.nps == 33  # 2 promoters, 1 detractor out of 3
    assert (results.requests_sent, results.pending, results.needs_call) == (4, 1, 1)
    assert sum(p.answers for p in results.trend) == 3
    pending = created.pending_link.rsplit("/", 1)[1]
    answered = created.answered_link.rsplit("/", 1)[1]
    assert feedback.open_form(session, token=pending, now=now).status == "open"
    assert feedback.open_form(session, token=pending, now=now).locale == "fr"
    assert feedback.open_form(session, token=answered, now=now).status == "answered"
    # The detractor's follow-up: an internal task for Alice that David never sees.
    detractor = session.exec(select(FeedbackAnswer).where(FeedbackAnswer.score == 5)).one()
    assert detractor.needs_call and detractor.followup_task_id
    task = session.get(Task, detractor.followup_task_id)
    assert task.hidden_from_client
    david_board = board.load_board(session, david, project_id=world.project.id)
    assert all(c.id != task.id for col in david_board.columns for c in col.cards)
    actions = feedback.list_actions(session, alice, project_id=world.project.id)
    assert [a.answer_id for a in actions] == [detractor.id]
    with pytest.raises(PermissionDenied):
        feedback.project_results(session, world.users["chloe"], project_id=world.project.id)
    with pytest.raises(PermissionDenied):
        feedback.project_results(session, david, project_id=world.project.id)


def test_demo_outbox_and_job_state(session, demo):
    _, created = demo
    rows = session.exec(select(OutboxMessage).where(OutboxMessage.kind == "feedback_request")).all()
    unsent = [m for m in rows if m.sent_at is None]
    assert [m.link for m in unsent] == [created.pending_link]
    assert all(m.created_at < clock.now() - timedelta(hours=1) for m in rows)
    # Nothing is due right now: the next round is a month away, the reminder in a few days.
    now = clock.now()
    report = feedback.enqueue_due(session, now=now)
    assert (report.requests, report.reminders) == (0, 0)
    later = feedback.enqueue_due(session, now=now + timedelta(days=3, hours=12))
    assert (later.requests, later.reminders) == (0, 1)
