"""Triage, item states, answers, time, task links, response times and closing rounds."""

from __future__ import annotations

import pytest
from sqlmodel import select

from collab_app.models import OutboxMessage, RevisionItem, RevisionTimeEntry
from collab_app.services import revisions
from collab_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.unit.revisions.support import (
    event_kinds,
    fake_clock,  # noqa: F401 - fixture
    make_tasks,
    outbox_keys,
    round_row,
    set_terms,
    submit_round,
)


@pytest.fixture
def submitted(session, world, fake_clock):  # noqa: F811
    set_terms(session, world, included=3)
    rid = submit_round(session, world, ["Bigger logo", "New blog section", "Make it pop"])
    items = session.exec(
        select(RevisionItem).where(RevisionItem.round_id == rid).order_by(RevisionItem.position)
    ).all()
    return rid, [i.id for i in items]


def item(session, item_id):
    return session.exec(
        select(RevisionItem)
        .where(RevisionItem.id == item_id)
        .execution_options(populate_existing=True)
    ).one()


def summary(session, viewer, rid):
    return revisions.round_detail(session, viewer, round_id=rid).round


def test_the_team_triages_items(session, world, submitted):
    _rid, (logo, blog, pop) = submitted
    revisions.triage_item(session, world.member, item_id=logo, kind="revision")
    revisions.triage_item(session, world.manager, item_id=blog, kind="scope_change")
    revisions.triage_item(
        session, world.manager, item_id=pop, kind="not_actionable", reason="Too vague: which part?"
    )
    assert item(session, logo).kind == "revision" and item(session, logo).status == "open"
    assert item(session, blog).kind == "scope_change" and item(session, blog).status == "open"
    declined = item(session, pop)
    assert (declined.kind, declined.status, declined.reason) == (
        "not_actionable",
        "declined",
        "Too vague: which part?",
    )
    assert declined.triaged_by_id == world.manager.user_id
    # A resolved item is final.
    with pytest.raises(Conflict):
        revisions.triage_item(session, world.manager, item_id=pop, kind="revision")
    # Re-triage while open is allowed.
    revisions.triage_item(session, world.manager, item_id=logo, kind="scope_change")
    assert item(session, logo).kind == "scope_change"


def test_not_actionable_needs_a_reason_and_kinds_are_checked(session, world, submitted):
    _, (logo, *_) = submitted
    with pytest.raises(ValidationError) as error:
        revisions.triage_item(session, world.manager, item_id=logo, kind="not_actionable")
    assert error.value.field == "reason"
    with pytest.raises(ValidationError):
        revisions.triage_item(session, world.manager, item_id=logo, kind="maybe")


@pytest.mark.parametrize("role", ["client", "guest"])
def test_clients_and_guests_do_not_triage(session, world, submitted, role):
    _, (logo, *_) = submitted
    viewer = getattr(world, role)
    with pytest.raises((PermissionDenied, NotFound)):
        revisions.triage_item(session, viewer, item_id=logo, kind="revision")
    with pytest.raises((PermissionDenied, NotFound)):
        revisions.set_status(session, viewer, item_id=logo, status="done")
    with pytest.raises((PermissionDenied, NotFound)):
        revisions.log_time(session, viewer, item_id=logo, minutes=30)
    with pytest.raises(NotFound):
        revisions.triage_item(session, world.outsider, item_id=logo, kind="revision")


def test_item_states(session, world, submitted):
    _, (logo, blog, _) = submitted
    with pytest.raises(Conflict) as untriaged:
        revisions.set_status(session, world.member, item_id=logo, status="in_progress")
    assert untriaged.value.code == "revisions.triage_first"
    revisions.triage_item(session, world.member, item_id=logo, kind="revision")
    revisions.set_status(session, world.member, item_id=logo, status="in_progress")
    revisions.set_status(session, world.member, item_id=logo, status="open")
    revisions.set_status(session, world.member, item_id=logo, status="in_progress")
    revisions.set_status(session, world.member, item_id=logo, status="done")
    assert item(session, logo).status == "done"
    with pytest.raises(Conflict):
        revisions.set_status(session, world.member, item_id=logo, status="in_progress")
    with pytest.raises(ValidationError):
        revisions.set_status(session, world.member, item_id=blog, status="declined")
    revisions.set_status(
        session, world.member, item_id=blog, status="declined", reason="Duplicate of item 1"
    )
    assert item(session, blog).reason == "Duplicate of item 1"
    with pytest.raises(ValidationError):
        revisions.set_status(session, world.member, item_id=blog, status="archived")


def test_scope_change_cannot_start_before_approval(session, world, submitted):
    _, (_, blog, _) = submitted
    revisions.triage_item(session, world.manager, item_id=blog, kind="scope_change")
    for status in ("in_progress", "done"):
        with pytest.raises(Conflict) as held:
            revisions.set_status(session, world.manager, item_id=blog, status=status)
        assert held.value.code == "revisions.awaiting_approval"
    assert item(session, blog).status == "open"


def test_round_closes_when_every_item_is_resolved_and_the_client_is_told(
    session,
    world,
    submitted,
    fake_clock,  # noqa: F811
):
    rid, (logo, blog, pop) = submitted
    for item_id in (logo, blog):
        revisions.triage_item(session, world.member, item_id=item_id, kind="revision")
    revisions.triage_item(
        session, world.member, item_id=pop, kind="not_actionable", reason="Unclear"
    )
    revisions.set_status(session, world.member, item_id=logo, status="done")
    assert round_row(session, rid).status == "submitted"
    fake_clock.advance(hours=2)
    revisions.set_status(session, world.member, item_id=blog, status="done")
    row = round_row(session, rid)
    assert (row.status, row.closed_at) == ("closed", fake_clock.now)
    message = session.exec(
        select(OutboxMessage).where(OutboxMessage.dedup_key == f"revision-round-closed:{rid}")
    ).one()
    assert message.to_email.startswith("client.")
    assert "round 1" in message.subject and f"/revisions/{rid}" in message.link
    assert summary(session, world.client, rid).status == "closed"
    assert summary(session, world.client, rid).resolved_count == 3
    # Items of a closed round no longer change (time may still be recorded afterwards).
    with pytest.raises(Conflict):
        revisions.reply_to_item(session, world.member, item_id=logo, reply="x")
    with pytest.raises(Conflict):
        revisions.triage_item(session, world.member, item_id=logo, kind="revision")
    assert revisions.log_time(session, world.member, item_id=logo, minutes=15) == 15
    assert outbox_keys(session).count(f"revision-round-closed:{rid}") == 1


def test_first_response_and_lateness_in_working_days(
    session,
    world,
    submitted,
    fake_clock,  # noqa: F811
):
    rid, (logo, blog, _) = submitted
    # Submitted Wed 10:00; internal work is not a response.
    fake_clock.advance(days=1)
    revisions.set_internal_note(session, world.member, item_id=logo, note="Check fonts")
    revisions.log_time(session, world.member, item_id=logo, minutes=45)
    revisions.add_comment(session, world.member, round_id=rid, body="Who takes it?")
    row = round_row(session, rid)
    assert row.first_response_at is None
    view = summary(session, world.client, rid)
    assert (view.answered, view.days_taken, view.late) == (False, 1, False)
    # Mon 16 Mar, still within 3 working days (Thu, Fri, Mon).
    fake_clock.advance(days=4)
    view = summary(session, world.client, rid)
    assert (view.days_taken, view.late) == (3, False)
    # Tue 17 Mar: late while unanswered.
    fake_clock.advance(days=1)
    view = summary(session, world.manager, rid)
    assert (view.answered, view.days_taken, view.late) == (False, 4, True)
    revisions.reply_to_item(session, world.manager, item_id=blog, reply="On it.")
    answered_at = fake_clock.now
    fake_clock.advance(days=7)
    revisions.triage_item(session, world.manager, item_id=logo, kind="revision")
    row = round_row(session, rid)
    assert (row.first_response_at, row.first_response_by_id) == (answered_at, world.manager.user_id)
    view = summary(session, world.client, rid)
    assert (view.answered, view.days_taken, view.late) == (True, 4, True)
    assert event_kinds(session, world.project.id).count("round_first_response") == 1


def test_answer_within_the_deadline_is_not_late(session, world, submitted, fake_clock):  # noqa: F811
    rid, (logo, *_) = submitted
    fake_clock.advance(days=2)  # Friday
    revisions.triage_item(session, world.member, item_id=logo, kind="revision")
    view = summary(session, world.client, rid)
    assert (view.answered, view.days_taken, view.late) == (True, 2, False)


def test_a_client_visible_message_from_the_team_counts_as_response(
    session,
    world,
    submitted,
    fake_clock,  # noqa: F811
):
    rid, _ = submitted
    revisions.add_comment(session, world.client, round_id=rid, body="Any news?")
    assert round_row(session, rid).first_response_at is None
    revisions.add_comment(
        session, world.manager, round_id=rid, body="Tomorrow.", visibility="client"
    )
    assert round_row(session, rid).first_response_at == fake_clock.now


def test_time_spent_adds_up_per_person(session, world, submitted):
    _, (logo, *_) = submitted
    assert revisions.log_time(session, world.member, item_id=logo, minutes="30") == 30
    assert revisions.log_time(session, world.manager, item_id=logo, minutes=95) == 125
    assert item(session, logo).minutes_spent == 125
    entries = session.exec(select(RevisionTimeEntry.user_id, RevisionTimeEntry.minutes)).all()
    assert sorted(entries) == sorted([(world.member.user_id, 30), (world.manager.user_id, 95)])
    for bad in (0, -5, 1441, "1h", 2.5, True):
        with pytest.raises(ValidationError):
            revisions.log_time(session, world.member, item_id=logo, minutes=bad)


def test_link_tasks_of_the_same_project_only(session, world, submitted):
    _, (logo, blog, _) = submitted
    tasks = make_tasks(session, world)
    revisions.link_task(session, world.member, item_id=logo, task_id=tasks.shared)
    revisions.link_task(session, world.member, item_id=logo, task_id=str(tasks.hidden))
    revisions.link_task(session, world.member, item_id=logo, task_id=tasks.shared)  # again
    with pytest.raises(NotFound):
        revisions.link_task(session, world.member, item_id=blog, task_id=tasks.other)
    with pytest.raises(NotFound):
        revisions.link_task(session, world.member, item_id=blog, task_id=10**9)
    team = revisions.round_detail(session, world.member, round_id=item(session, logo).round_id)
    linked = {t.title for t in team.items[0].tasks}
    assert linked == {"Homepage banner", "Margin review"}
    # The client sees only the task not hidden from the client.
    client = revisions.round_detail(session, world.client, round_id=item(session, logo).round_id)
    assert [t.title for t in client.items[0].tasks] == ["Homepage banner"]
    revisions.unlink_task(session, world.member, item_id=logo, task_id=tasks.hidden)
    team = revisions.round_detail(session, world.member, round_id=item(session, logo).round_id)
    assert [t.title for t in team.items[0].tasks] == ["Homepage banner"]
    with pytest.raises(NotFound):
        revisions.unlink_task(session, world.member, item_id=logo, task_id=tasks.hidden)


def test_draft_items_cannot_be_triaged(session, world, submitted):
    from collab_app.services import revisions

    draft = revisions.add_item(session, world.client, project_id=world.project.id, description="x")
    draft_item = session.exec(select(RevisionItem.id).where(RevisionItem.round_id == draft)).one()
    with pytest.raises(Conflict) as error:
        revisions.triage_item(session, world.manager, item_id=draft_item, kind="revision")
    assert error.value.code == "revisions.not_submitted"


def test_comments_visibility(session, world, submitted):
    rid, _ = submitted
    revisions.add_comment(session, world.member, round_id=rid, body="Internal: margin low")
    revisions.add_comment(
        session, world.client, round_id=rid, body="Please hurry", visibility="internal"
    )
    team = revisions.round_detail(session, world.member, round_id=rid).comments
    client = revisions.round_detail(session, world.client, round_id=rid).comments
    assert [c.body for c in team] == ["Internal: margin low", "Please hurry"]
    assert [(c.body, c.visibility) for c in client] == [("Please hurry", "client")]
    with pytest.raises((PermissionDenied, NotFound)):
        revisions.add_comment(session, world.guest, round_id=rid, body="hi")
    with pytest.raises(ValidationError):
        revisions.add_comment(session, world.member, round_id=rid, body="  ")
