"""Feedback results (NPS, response rate, trend), follow-up tasks, improvement actions, recap."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from collab_app.models import FeedbackAnswer, Task, TaskAssignee
from collab_app.services import board, feedback
from collab_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from collab_app.services.feedback import nps_of, trend_of
from testkit import factories
from tests.unit.feedback.test_feedback import (
    ROUND1,
    answer,
    at,
    outbox_rows,
    requests_of,
    setup_schedule,
    token_of,
)

# --- NPS maths ----------------------------------------------------------------------------


def test_nps_categories_and_rounding():
    summary = nps_of([10, 9, 8, 6, 0])
    assert (summary.promoters, summary.passives, summary.detractors) == (2, 1, 2)
    assert summary.nps == 0
    assert nps_of([10, 9, 8]).nps == 67  # 66.67 rounds to 67
    assert nps_of([10, 6, 6]).nps == -33  # -33.33
    assert nps_of([9, 9, 8, 8, 6, 6, 6, 6]).nps == -25
    assert nps_of([10, 9, 6, 6, 6, 8, 8, 8]).nps == -13  # -12.5 rounds away from zero
    assert nps_of([10, 8, 8, 8, 8, 8, 8, 8]).nps == 13  # 12.5
    assert nps_of([10] * 3).nps == 100 and nps_of([0, 1, 2]).nps == -100
    assert nps_of([8, 8]).nps == 0
    empty = nps_of([])
    assert (empty.total, empty.nps, empty.promoters_pct) == (0, None, None)
    assert nps_of([10, 9, 8, 6]).promoters_pct == 50
    assert nps_of([10, 9, 8, 6]).detractors_pct == 25


@given(st.lists(st.sampled_from(feedback.SCORES), min_size=1, max_size=60))
def test_nps_matches_definition(scores):
    summary = nps_of(scores)
    promoters = sum(1 for s in scores if s >= 9)
    detractors = sum(1 for s in scores if s <= 6)
    exact = 100 * (promoters - detractors) / len(scores)
    assert abs(summary.nps - exact) <= 0.5
    assert summary.promoters + summary.passives + summary.detractors == len(scores)
    assert -100 <= summary.nps <= 100


def test_trend_per_month_with_counts_and_gaps():
    points = [
        (at(2026, 1, 31, 23, 30), 10),  # Feb 1 00:30 in Paris
        (at(2026, 1, 10), 3),
        (at(2026, 1, 12), 9),
        (at(2026, 4, 2), 8),
    ]
    trend = trend_of(points, "Europe/Paris")
    assert [(p.month, p.answers, p.nps) for p in trend] == [
        ("2026-01", 2, 0),
        ("2026-02", 1, 100),
        ("2026-03", 0, None),
        ("2026-04", 1, 0),
    ]
    utc = trend_of(points, "UTC")
    assert [(p.month, p.answers) for p in utc][:2] == [("2026-01", 3), ("2026-02", 0)]
    assert trend_of([], "UTC") == []
    across_year = trend_of([(at(2026, 12, 5), 9), (at(2027, 1, 5), 9)], "UTC")
    assert [p.month for p in across_year] == ["2026-12", "2027-01"]


# --- results --------------------------------------------------------------------------------


def answered_world(session, world):
    """Three rounds to client + extra email; some answered, one expired, one pending."""
    setup_schedule(session, world, extra_emails=["boss@client.example"])
    feedback.enqueue_due(session, now=ROUND1)  # round 1: Jan 19
    r1 = outbox_rows(session, "feedback_request")
    answer(session, token_of(r1[0]), score=10, ranking="top1", now=at(2026, 1, 20))
    answer(session, token_of(r1[1]), score=6, ranking="top25", now=at(2026, 1, 21))
    feedback.enqueue_due(session, now=at(2026, 2, 18, 8))  # round 2: Feb 18
    r2 = outbox_rows(session, "feedback_request")[2:]
    answer(session, token_of(r2[0]), score=8, ranking="top10", now=at(2026, 2, 19))
    # r2[1] is never answered and expires on Mar 20.
    feedback.enqueue_due(session, now=at(2026, 3, 20, 8))  # round 3: Mar 20
    r3 = outbox_rows(session, "feedback_request")[4:]
    answer(session, token_of(r3[0]), score=9, ranking="top10", now=at(2026, 3, 21))
    return at(2026, 3, 22)  # r3[1] pending


def test_project_results(session, world):
    now = answered_world(session, world)
    results = feedback.project_results(session, world.manager, project_id=world.project.id, now=now)
    assert (results.scope, results.name) == ("project", "Website")
    assert results.summary.total == 4
    assert (results.summary.promoters, results.summary.passives) == (2, 1)
    assert results.summary.detractors == 1
    assert results.summary.nps == 25
    assert (results.requests_sent, results.answered, results.expired, results.pending) == (
        6,
        4,
        1,
        1,
    )
    assert results.response_rate == 80  # 4 answered of 5 closed
    assert results.needs_call == 1
    assert [(p.month, p.answers, p.nps) for p in results.trend] == [
        ("2026-01", 2, 0),
        ("2026-02", 1, 0),
        ("2026-03", 1, 100),
    ]
    newest = results.answers[0]
    assert (newest.score, newest.category, newest.ranking) == (9, "promoter", "top10")
    assert newest.respondent == "Client"
    detractor = next(a for a in results.answers if a.score == 6)
    assert detractor.respondent == "boss@client.example"  # managers see the address
    assert detractor.needs_call and detractor.followup_task_id


def test_members_see_results_without_addresses(session, world):
    now = answered_world(session, world)
    results = feedback.project_results(session, world.member, project_id=world.project.id, now=now)
    assert results.summary.nps == 25
    assert {a.respondent for a in results.answers} == {"Client", ""}


@pytest.mark.parametrize("who", ["guest", "client"])
def test_guests_and_clients_see_no_results(session, world, who):
    answered_world(session, world)
    person = getattr(world, who)
    with pytest.raises(PermissionDenied):
        feedback.project_results(session, person, project_id=world.project.id)
    with pytest.raises(PermissionDenied):
        feedback.list_actions(session, person, project_id=world.project.id)
    with pytest.raises(NotFound):
        feedback.collective_results(session, person, collective_id=world.collective.id)


def test_outsiders_see_no_results(session, world):
    answered_world(session, world)
    with pytest.raises(NotFound):
        feedback.project_results(session, world.outsider, project_id=world.project.id)
    with pytest.raises(NotFound):
        feedback.collective_results(session, world.outsider, collective_id=world.collective.id)
    with pytest.raises(NotFound):
        feedback.project_results(session, world.manager, project_id="1 OR 1=1")


def test_collective_results_cover_the_viewers_projects(session, world):
    now = answered_world(session, world)
    # A second project of the collective, on which the member is not.
    other = factories.make_project(session, world.collective, "Shop")
    factories.add_project_member(session, other, world.manager, "manager")
    factories.add_project_member(session, other, world.client, "client")
    utc = feedback.ScheduleSettings(timezone="UTC")
    feedback.configure_schedule(session, world.manager, project_id=other.id, settings=utc)
    feedback.add_contact(session, world.manager, project_id=other.id, user_id=world.client.user_id)
    feedback.enqueue_due(session, now=now)
    token = token_of(outbox_rows(session, "feedback_request")[-1])
    answer(session, token, score=2, ranking="bottom50", now=now + timedelta(hours=1))
    later = now + timedelta(hours=2)
    owner = feedback.collective_results(
        session, world.owner, collective_id=world.collective.id, now=later
    )
    assert (owner.scope, owner.summary.total, owner.summary.nps) == ("collective", 5, 0)
    assert {a.project_name for a in owner.answers} == {"Website", "Shop"}
    member = feedback.collective_results(
        session, world.member, collective_id=world.collective.id, now=later
    )
    assert member.summary.total == 4
    assert {a.project_name for a in member.answers} == {"Website"}


def test_results_without_answers(session, world):
    results = feedback.project_results(session, world.manager, project_id=world.project.id)
    assert (results.summary.nps, results.response_rate, results.trend, results.answers) == (
        None,
        None,
        (),
        (),
    )


# --- follow-up rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "ranking", "flagged"),
    [
        (10, "top1", False),
        (9, "top10", False),
        (8, "top10", False),
        (6, "top1", True),
        (0, "top1", True),
        (10, "top25", True),
        (9, "top50", True),
        (8, "bottom50", True),
    ],
)
def test_followup_rule(score, ranking, flagged):
    assert feedback.needs_call(score, ranking) is flagged


def test_flagged_answer_creates_hidden_task_for_the_manager(session, world):
    setup_schedule(session, world)
    feedback.enqueue_due(session, now=ROUND1)
    token = token_of(outbox_rows(session, "feedback_request")[0])
    answer(
        session,
        token,
        score=9,
        ranking="top25",
        improvements=["Faster replies"],
        now=at(2026, 1, 20, 10),
    )
    stored = session.exec(select(FeedbackAnswer)).one()
    assert stored.needs_call is True and stored.followup_task_id
    task = session.get(Task, stored.followup_task_id)
    assert task.hidden_from_client is True and task.project_id == world.project.id
    assert "Client" in task.title and "9/10" in task.title and "30" in task.description
    assert "Faster replies" in task.description
    assert task.due_date.isoformat() == "2026-01-22"
    assignees = session.exec(select(TaskAssignee.user_id).where(TaskAssignee.task_id == task.id))
    assert list(assignees) == [world.manager.user_id]
    # The client's board does not show it; the manager's does.
    client_board = board.load_board(session, world.client, project_id=world.project.id)
    assert all(c.id != task.id for col in client_board.columns for c in col.cards)
    with pytest.raises(NotFound):
        board.get_task_detail(session, world.client, task_id=task.id)
    manager_board = board.load_board(session, world.manager, project_id=world.project.id)
    assert any(c.id == task.id for col in manager_board.columns for c in col.cards)


def test_good_answer_creates_no_task(session, world):
    setup_schedule(session, world)
    feedback.enqueue_due(session, now=ROUND1)
    answer(session, token_of(outbox_rows(session, "feedback_request")[0]), score=10, ranking="top1")
    assert session.exec(select(Task)).all() == []
    assert session.exec(select(FeedbackAnswer)).one().needs_call is False


def test_board_failure_keeps_answer_and_job_retries(session, world, monkeypatch):
    setup_schedule(session, world)
    feedback.enqueue_due(session, now=ROUND1)
    token = token_of(outbox_rows(session, "feedback_request")[0])

    def broken(*args, **kwargs):
        raise RuntimeError("board down")

    monkeypatch.setattr(board, "create_task", broken)
    answer(session, token, score=3, ranking="top1", now=at(2026, 1, 20))
    stored = session.exec(select(FeedbackAnswer)).one()
    assert stored.followup_task_id is None and "board down" in stored.followup_error
    assert feedback.open_form(session, token=token, now=at(2026, 1, 20)).status == "answered"
    monkeypatch.undo()
    # Within the lease nobody retries; after it, the job does, once.
    assert feedback.retry_followups(session, now=at(2026, 1, 20, 0, 5)) == 0
    assert feedback.retry_followups(session, now=at(2026, 1, 20, 0, 11)) == 1
    assert feedback.retry_followups(session, now=at(2026, 1, 20, 0, 30)) == 0
    session.expire_all()
    stored = session.exec(select(FeedbackAnswer)).one()
    assert stored.followup_task_id and stored.followup_error == ""
    assert len(session.exec(select(Task)).all()) == 1


# --- improvement actions and recap -----------------------------------------------------------


def test_actions_and_recap(session, world):
    answered_world(session, world)
    pid = world.project.id
    detractor = session.exec(select(FeedbackAnswer).where(FeedbackAnswer.score == 6)).one()
    first = feedback.add_action(
        session,
        world.manager,
        project_id=pid,
        text="Weekly status call",
        answer_id=detractor.id,
        now=at(2026, 3, 22),
    )
    internal = feedback.add_action(
        session,
        world.manager,
        project_id=pid,
        text="Review our internal rates",
        share_with_client=False,
        now=at(2026, 3, 22),
    )
    assert (first.status, first.answer_id, first.created_by) == ("planned", detractor.id, "Manager")
    assert [a.text for a in feedback.list_actions(session, world.member, project_id=pid)] == [
        "Weekly status call",
        "Review our internal rates",
    ]
    assert feedback.send_recap(session, world.manager, project_id=pid, now=at(2026, 3, 23)) == 2
    recaps = outbox_rows(session, "feedback_recap")
    assert [m.to_email.split(".")[0] for m in recaps] == ["client", "boss@client"]
    assert "Weekly status call (Planned)" in recaps[0].body
    assert "Weekly status call (Prévu)" in recaps[1].body
    assert all(internal.text not in m.body for m in recaps)
    with pytest.raises(Conflict):
        feedback.send_recap(session, world.manager, project_id=pid, now=at(2026, 3, 24))
    feedback.update_action(
        session,
        world.manager,
        project_id=pid,
        action_id=first.id,
        status="done",
        now=at(2026, 3, 25),
    )
    assert feedback.send_recap(session, world.manager, project_id=pid, now=at(2026, 3, 26)) == 2
    assert "Weekly status call (Done)" in outbox_rows(session, "feedback_recap")[2].body


def test_action_permissions_and_validation(session, world):
    setup_schedule(session, world)
    pid = world.project.id
    for who in ("member", "guest", "client"):
        with pytest.raises(PermissionDenied):
            feedback.add_action(session, getattr(world, who), project_id=pid, text="x")
    with pytest.raises(NotFound):
        feedback.add_action(session, world.outsider, project_id=pid, text="x")
    with pytest.raises(ValidationError) as err:
        feedback.add_action(session, world.manager, project_id=pid, text="   ")
    assert err.value.code == "feedback.action_text_required"
    with pytest.raises(ValidationError):
        feedback.add_action(session, world.manager, project_id=pid, text="y" * 1001)
    with pytest.raises(NotFound):
        feedback.add_action(session, world.manager, project_id=pid, text="z", answer_id=999)
    action = feedback.add_action(session, world.manager, project_id=pid, text="Faster replies")
    with pytest.raises(ValidationError):
        feedback.update_action(
            session, world.manager, project_id=pid, action_id=action.id, status="maybe"
        )
    with pytest.raises(NotFound):
        feedback.update_action(
            session, world.manager, project_id=world.other_project.id, action_id=action.id
        )
    # An action of another project is not found through this project.
    other = factories.make_project(session, world.collective, "Other")
    with pytest.raises(NotFound):
        feedback.delete_action(session, world.owner, project_id=other.id, action_id=action.id)
    feedback.delete_action(session, world.manager, project_id=pid, action_id=action.id)
    assert feedback.list_actions(session, world.manager, project_id=pid) == []
    with pytest.raises(ValidationError) as err:
        feedback.send_recap(session, world.manager, project_id=pid)
    assert err.value.code == "feedback.recap_empty"


def test_requests_list_statuses(session, world):
    now = answered_world(session, world)
    listed = feedback.list_requests(session, world.manager, project_id=world.project.id, now=now)
    assert [(r.sequence, r.status) for r in listed] == [
        (3, "pending"),
        (3, "answered"),
        (2, "expired"),
        (2, "answered"),
        (1, "answered"),
        (1, "answered"),
    ]
    assert [r.email for r in listed][:2] == ["boss@client.example", requests_of(session)[4].email]
    assert len(requests_of(session)) == 6
