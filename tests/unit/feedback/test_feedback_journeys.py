"""Feedback, tried as a manager would (issue #16): outbox labels and link states, the follow-up
call (whom, when, done), the per-contact "send now" cooldown, one date format everywhere."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlmodel import select

from collab_app.i18n import catalogue, translate
from collab_app.i18n.moments import format_datetime
from collab_app.models import BoardColumn, FeedbackAnswer, RevisionTerms, Task, User
from collab_app.services import board, feedback
from collab_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from collab_app.services.feedback import presenter
from collab_app.services.mail import outbox
from collab_app.services.revisions.presenter.labels import when_label
from tests.unit.feedback.test_feedback import (
    ROUND1,
    answer,
    at,
    outbox_rows,
    requests_of,
    setup_schedule,
    token_of,
)

# 2026-01-23 is a Friday.
FRIDAY = at(2026, 1, 23, 10)


def test_every_outbox_kind_has_a_label_in_both_languages():
    messages = catalogue()
    for kind in outbox.KINDS:
        english, french = messages[f"outbox.kind.{kind}"]
        assert english and french and "_" not in english + french
    for kind in ("change_order_proposed", "revision_round_submitted", "revision_round_closed"):
        assert kind in outbox.KINDS


def test_an_unlabelled_outbox_kind_is_refused(session, world):
    with pytest.raises(ValueError):
        outbox.enqueue(
            session,
            collective_id=world.collective.id,
            kind="something_new",
            to_email="a@example.org",
            subject="s",
            body="b",
            dedup_key="k",
        )


def test_outbox_says_what_became_of_each_form_link(session, world):
    setup_schedule(session, world, extra_emails=["boss@client.example", "cfo@client.example"])
    pid = world.project.id
    feedback.enqueue_due(session, now=ROUND1)
    client_msg, boss_msg, cfo_msg = outbox_rows(session, "feedback_request")
    answer(session, token_of(client_msg), now=ROUND1 + timedelta(hours=1))
    # A newer link to the CFO (round 2, sent by "send now") replaces their first one.
    feedback.remove_contact(
        session, world.manager, project_id=pid, contact_id=requests_of(session)[1].contact_id
    )
    feedback.send_now(session, world.manager, project_id=pid, now=ROUND1 + timedelta(days=2))
    states = {
        (m.to_email, m.link): m.link_state
        for m in feedback.project_outbox(
            session, world.manager, project_id=pid, now=ROUND1 + timedelta(days=3)
        )
    }
    newest_cfo = outbox_rows(session, "feedback_request")[-1]
    assert states[(client_msg.to_email, client_msg.link)] == "answered"
    assert states[(boss_msg.to_email, boss_msg.link)] == "open"
    assert states[(cfo_msg.to_email, cfo_msg.link)] == "replaced"
    assert states[(newest_cfo.to_email, newest_cfo.link)] == "open"
    later = feedback.project_outbox(
        session, world.manager, project_id=pid, now=ROUND1 + timedelta(days=31)
    )
    assert {m.link_state for m in later if m.link == boss_msg.link} == {"expired"}
    with pytest.raises(PermissionDenied):
        feedback.project_outbox(session, world.member, project_id=pid)


def _flagged_answer(session, world, token, *, when=FRIDAY, score=5):
    answer(session, token, score=score, ranking="top25", now=when)
    session.expire_all()
    return session.exec(select(FeedbackAnswer).order_by(FeedbackAnswer.id.desc())).first()


def test_followup_task_names_the_respondent_links_the_answer_due_in_working_days(session, world):
    setup_schedule(session, world, extra_emails=["boss@client.example"])
    feedback.enqueue_due(session, now=ROUND1)
    client_msg, boss_msg = outbox_rows(session, "feedback_request")
    first = _flagged_answer(session, world, token_of(client_msg))
    second = _flagged_answer(session, world, token_of(boss_msg))
    task1, task2 = (
        session.get(Task, first.followup_task_id),
        session.get(Task, second.followup_task_id),
    )
    client_user = session.get(User, world.client.user_id)
    assert client_user.display_name in task1.title and "5/10" in task1.title
    assert "boss@client.example" in task2.title
    assert task1.title != task2.title
    assert client_user.email in task1.description
    assert f"/projects/{world.project.id}/feedback#answer-{first.id}" in task1.description
    # Friday's answer is due two working days later: Tuesday, not Sunday.
    assert task1.due_date == date(2026, 1, 27)


def test_followup_due_date_skips_the_projects_holidays(session, world):
    session.add(RevisionTerms(project_id=world.project.id, holidays="2026-01-26"))
    session.commit()
    setup_schedule(session, world)
    feedback.enqueue_due(session, now=ROUND1)
    flagged = _flagged_answer(session, world, token_of(outbox_rows(session, "feedback_request")[0]))
    assert session.get(Task, flagged.followup_task_id).due_date == date(2026, 1, 28)


def test_a_call_is_done_when_its_task_is_closed_or_when_marked_on_the_answer(session, world):
    setup_schedule(session, world, extra_emails=["boss@client.example"])
    pid = world.project.id
    feedback.enqueue_due(session, now=ROUND1)
    client_msg, boss_msg = outbox_rows(session, "feedback_request")
    first = _flagged_answer(session, world, token_of(client_msg))
    second = _flagged_answer(session, world, token_of(boss_msg))
    results = feedback.project_results(session, world.manager, project_id=pid)
    assert (results.needs_call, results.calls_done) == (2, 0)

    # Closing the follow-up task on the board clears the first call.
    done_column = session.exec(
        select(BoardColumn).where(
            BoardColumn.project_id == pid, BoardColumn.default_key == "board.col_done"
        )
    ).one()
    task = session.get(Task, first.followup_task_id)
    board.move_task(
        session,
        world.manager,
        task_id=task.id,
        column_id=done_column.id,
        index=0,
        expected_version=task.version,
    )
    results = feedback.project_results(session, world.manager, project_id=pid)
    assert (results.needs_call, results.calls_done) == (1, 1)
    views = {a.id: a for a in results.answers}
    assert views[first.id].call_done and not views[first.id].needs_call
    assert views[second.id].needs_call

    # The second is marked done on the answer, with what came of it.
    with pytest.raises(ValidationError):
        feedback.mark_call_done(
            session, world.member, project_id=pid, answer_id=second.id, outcome=" "
        )
    with pytest.raises(PermissionDenied):
        feedback.mark_call_done(
            session, world.client, project_id=pid, answer_id=second.id, outcome="ok"
        )
    with pytest.raises(NotFound):
        feedback.mark_call_done(
            session,
            world.manager,
            project_id=world.other_project.id,
            answer_id=second.id,
            outcome="ok",
        )
    feedback.mark_call_done(
        session, world.member, project_id=pid, answer_id=second.id, outcome="Faster replies agreed"
    )
    with pytest.raises(Conflict):
        feedback.mark_call_done(
            session, world.member, project_id=pid, answer_id=second.id, outcome="again"
        )
    results = feedback.project_results(session, world.manager, project_id=pid)
    assert (results.needs_call, results.calls_done) == (0, 2)
    assert {a.id: a.call_outcome for a in results.answers}[second.id] == "Faster replies agreed"


def test_send_now_cooldown_is_per_contact(session, world):
    setup_schedule(session, world)
    pid = world.project.id
    now = at(2026, 1, 10, 14, 30)
    assert feedback.send_now(session, world.manager, project_id=pid, now=now) == 1
    with pytest.raises(Conflict):
        feedback.send_now(session, world.manager, project_id=pid, now=now + timedelta(minutes=1))
    # A contact just added was never sent a link: "send now" sends it theirs, and only theirs.
    feedback.add_contact(
        session, world.manager, project_id=pid, email="new@client.example", locale="fr"
    )
    assert (
        feedback.send_now(session, world.manager, project_id=pid, now=now + timedelta(minutes=2))
        == 1
    )
    assert [r.email for r in requests_of(session)][-1] == "new@client.example"
    assert len(requests_of(session)) == 2
    assert (
        feedback.send_now(session, world.manager, project_id=pid, now=now + timedelta(minutes=13))
        == 2
    )


def test_feedback_dates_read_like_the_revision_pages_in_each_language(session, world):
    setup_schedule(session, world, extra_emails=["boss@client.example"])
    pid = world.project.id
    feedback.send_now(session, world.manager, project_id=pid, now=at(2027, 1, 3, 8))
    listed = presenter.requests_shown(
        feedback.list_requests(session, world.manager, project_id=pid, now=at(2027, 1, 3, 9)), "en"
    )
    assert listed[0].sent_at == "3 Jan 2027, 09:00"
    assert listed[0].expires_at == "2 Feb 2027, 09:00"
    french = replace(world.manager, locale="fr")
    listed = presenter.requests_shown(
        feedback.list_requests(session, french, project_id=pid, now=at(2027, 1, 3, 9)), "fr"
    )
    assert listed[0].sent_at == "3 janv. 2027, 09:00"
    schedule = feedback.get_schedule(session, french, project_id=pid)
    assert presenter.schedule_shown(schedule, "fr").last_round == ("3 janv. 2027, 09:00")
    feedback.enqueue_due(session, now=at(2027, 1, 6, 8))
    bodies = {m.to_email: m.body for m in outbox_rows(session, "feedback_reminder")}
    assert "2 févr. 2027" in bodies["boss@client.example"]  # a French contact
    assert "2 Feb 2027" in bodies[session.get(User, world.client.user_id).email]


def test_one_date_time_function_for_revisions_boards_and_feedback(world):
    moment = at(2027, 1, 3, 8)
    assert format_datetime(moment, "fr", "Europe/Paris") == "3 janv. 2027, 09:00"
    assert format_datetime(moment, "en", "Europe/Paris") == "3 Jan 2027, 09:00"
    assert when_label(moment, world.manager, "fr") == format_datetime(
        moment, "fr", world.manager.timezone
    )
    assert translate("outbox.kind.change_order_proposed", "fr") == "Avenant à décider"
