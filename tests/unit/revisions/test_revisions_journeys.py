"""Revisions and change orders, tried as the client and the lead would (issue #16 items 7-12)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from collab_app.models import Comment, ProjectMember, RevisionComment, RevisionItem
from collab_app.services import board, projects, revisions
from collab_app.services.board import comments
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.unit.revisions.support import (
    fake_clock,  # noqa: F401 - fixture
    make_tasks,
    set_terms,
    submit_round,
)


@pytest.fixture
def terms(session, world, fake_clock):  # noqa: F811
    set_terms(session, world, included=3, price="300")
    return world


def _items(session, round_id):
    return session.exec(
        select(RevisionItem.id).where(RevisionItem.round_id == round_id).order_by(RevisionItem.id)
    ).all()


def _overview(session, viewer, world, locale="en"):
    return revisions.overview(session, viewer, project_id=world.project.id, locale=locale)


# --- item 7: a choice is never made for the user ---------------------------------------------


def test_triage_and_task_link_require_a_choice(session, terms):
    world = terms
    rid = submit_round(session, world, ["Bigger logo"])
    (item_id,) = _items(session, rid)
    make_tasks(session, world)
    with pytest.raises(ValidationError) as err:
        revisions.triage_item(session, world.member, item_id=item_id, kind="")
    assert err.value.code == "revisions.choose_kind"
    with pytest.raises(ValidationError) as err:
        revisions.link_task(session, world.member, item_id=item_id, task_id="")
    assert (err.value.code, err.value.field) == ("revisions.choose_task", "task_id")
    assert session.get(RevisionItem, item_id).kind == ""


# --- item 9: whose draft it is ---------------------------------------------------------------


def test_draft_requests_show_their_author_a_draft_status_and_who_may_remove_them(session, terms):
    world = terms
    pid = world.project.id
    revisions.add_item(session, world.client, project_id=pid, description="Client's idea")
    draft_id = revisions.add_item(session, world.manager, project_id=pid, description="Lead's")
    client_item, manager_item = _items(session, draft_id)

    draft = _overview(session, world.client, world).draft
    by_id = {r.id: r for r in draft.requests}
    assert {r.status for r in draft.requests} == {"draft"}
    assert by_id[manager_item].created_by == "Manager"
    assert (by_id[client_item].can_remove, by_id[manager_item].can_remove) == (True, False)
    with pytest.raises(PermissionDenied) as err:
        revisions.remove_item(session, world.client, item_id=manager_item)
    assert err.value.code == "revisions.remove_own_only"
    manager_view = {r.id: r for r in _overview(session, world.manager, world).draft.requests}
    assert manager_view[client_item].can_remove and manager_view[manager_item].can_remove

    # A manager removes anyone's; an emptied draft is not shown any more.
    revisions.remove_item(session, world.manager, item_id=client_item)
    revisions.remove_item(session, world.manager, item_id=manager_item)
    assert _overview(session, world.client, world).draft is None
    # Once sent, the requests are open.
    rid = submit_round(session, world, ["Bigger logo"])
    assert [
        i.status for i in revisions.round_detail(session, world.client, round_id=rid).items
    ] == ["open"]


# --- item 10: "by 9 Dec", not "before 10 Dec, 00:00" -----------------------------------------


def test_the_deadline_reads_as_the_last_day_to_answer(session, terms):
    world = terms
    # Wed 11 Mar 2026 10:00 Paris + 3 working days: answer expected by Monday 16 March.
    rid = submit_round(session, world)
    summary = revisions.round_detail(session, world.client, round_id=rid, locale="fr").round
    assert summary.deadline_label == "16 mars 2026"
    english = revisions.round_detail(session, world.client, round_id=rid, locale="en").round
    assert english.deadline_label == "16 Mar 2026"


# --- item 11: the client sees what waits for their decision ----------------------------------


def test_pending_change_orders_wait_for_the_contact_on_the_overview(session, terms):
    world = terms
    rid = submit_round(session, world, ["Add a shop"])
    (shop,) = _items(session, rid)
    revisions.triage_item(session, world.member, item_id=shop, kind="scope_change")
    order_id = revisions.propose(
        session, world.manager, item_id=shop, description="Shop", price="450", delay_days=4
    )
    pid = world.project.id
    waiting = revisions.pending_decisions(session, world.client, project_id=pid, locale="fr")
    assert [(o.id, o.price_cents, o.delay_days) for o in waiting] == [(order_id, 45000, 4)]
    assert "450,00" in waiting[0].price
    assert [o.id for o in _overview(session, world.client, world).decisions] == [order_id]
    for someone in (world.manager, world.member, world.guest):
        assert revisions.pending_decisions(session, someone, project_id=pid) == ()
        assert _overview(session, someone, world).decisions == ()
    with pytest.raises(NotFound):
        revisions.pending_decisions(session, world.outsider, project_id=pid)
    revisions.decide(
        session, world.client, change_order_id=order_id, approve=True, expected_price_cents=45000
    )
    assert revisions.pending_decisions(session, world.client, project_id=pid) == ()


# --- item 12: a read-only client ---------------------------------------------------------------


def test_a_read_only_client_sees_but_cannot_comment(session, terms):
    world = terms
    pid = world.project.id
    tasks = make_tasks(session, world)
    rid = submit_round(session, world)
    members = {m.user_id: m for m in projects.list_members(session, world.manager, project_id=pid)}
    assert members[world.client.user_id].can_comment is True  # the default

    posted = comments.add_comment(session, world.client, task_id=tasks.shared, body="Before")
    for refused in (world.member, world.client, world.outsider):
        with pytest.raises((PermissionDenied, NotFound)):
            projects.set_client_can_comment(
                session, refused, project_id=pid, user_id=world.client.user_id, allowed=False
            )
    with pytest.raises(ValidationError):
        projects.set_client_can_comment(
            session, world.manager, project_id=pid, user_id=world.member.user_id, allowed=False
        )
    with pytest.raises(ValidationError):
        projects.set_client_can_comment(
            session, world.manager, project_id=pid, user_id=world.client.user_id, allowed="no"
        )
    projects.set_client_can_comment(
        session, world.manager, project_id=pid, user_id=world.client.user_id, allowed=False
    )

    before = (
        len(session.exec(select(Comment)).all()),
        len(session.exec(select(RevisionComment)).all()),
    )
    with pytest.raises(PermissionDenied) as err:
        comments.add_comment(session, world.client, task_id=tasks.shared, body="Hello")
    assert err.value.code == "board.read_only_client"
    with pytest.raises(PermissionDenied):
        comments.edit_comment(session, world.client, comment_id=posted.id, body="Changed")
    with pytest.raises(PermissionDenied):
        revisions.add_comment(session, world.client, round_id=rid, body="Hello")
    after = (
        len(session.exec(select(Comment)).all()),
        len(session.exec(select(RevisionComment)).all()),
    )
    assert after == before
    # Still sees the project; the pages hide the comment forms.
    assert _overview(session, world.client, world).abilities.can_comment is False
    assert (
        board.get_task_detail(session, world.client, task_id=tasks.shared).comment_visibilities
        == ()
    )
    # The team is never read-only; switching back lets the client comment again.
    comments.add_comment(session, world.member, task_id=tasks.shared, body="Team")
    projects.set_client_can_comment(
        session, world.manager, project_id=pid, user_id=world.client.user_id, allowed=True
    )
    comments.add_comment(session, world.client, task_id=tasks.shared, body="Back")
    assert (
        session.exec(
            select(ProjectMember.can_comment).where(
                ProjectMember.project_id == pid, ProjectMember.user_id == world.client.user_id
            )
        ).one()
        is True
    )
