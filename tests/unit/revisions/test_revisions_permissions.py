"""Who sees what of the revisions: per role, hidden fields, and ids from anywhere."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import select

from collab_app.models import RevisionItem
from collab_app.services import revisions
from collab_app.services.errors import NotFound, PermissionDenied
from collab_app.services.revisions import ItemView, RoundSummary
from tests.unit.revisions.support import (
    GARBAGE_IDS,
    fake_clock,  # noqa: F401 - fixture
    make_tasks,
    set_terms,
    submit_round,
)

SECRET_NOTE = "Internal: client is slow to pay"
SECRET_COMMENT = "Internal: margin is thin here"


@pytest.fixture
def scene(session, world, fake_clock):  # noqa: F811
    """One submitted round, three items linked differently, notes, time, an internal message."""
    set_terms(session, world, included=1, price="250")
    tasks = make_tasks(session, world)
    rid = submit_round(session, world, ["Banner colour", "Margin page", "Team chore"])
    banner, margin, chore = session.exec(
        select(RevisionItem.id).where(RevisionItem.round_id == rid).order_by(RevisionItem.position)
    ).all()
    m = world.member
    revisions.link_task(session, m, item_id=banner, task_id=tasks.shared)
    revisions.link_task(session, m, item_id=margin, task_id=tasks.hidden)
    revisions.link_task(session, m, item_id=chore, task_id=tasks.team_only)
    revisions.set_internal_note(session, m, item_id=banner, note=SECRET_NOTE)
    revisions.log_time(session, m, item_id=banner, minutes=777)
    revisions.add_comment(session, m, round_id=rid, body=SECRET_COMMENT)
    revisions.triage_item(session, m, item_id=margin, kind="scope_change")
    revisions.propose(
        session, world.manager, item_id=margin, description="Margin page", price="480"
    )
    # A billable second round the client confirmed, and a draft.
    second = revisions.add_item(session, world.client, project_id=world.project.id, description="b")
    revisions.submit_round(
        session, world.client, round_id=second, confirm_billable=True, expected_price_cents=25000
    )
    draft = revisions.add_item(session, world.client, project_id=world.project.id, description="d")
    return {
        "round": rid,
        "second": second,
        "draft": draft,
        "items": (banner, margin, chore),
        "tasks": tasks,
    }


def flatten(view) -> str:
    return repr(view)


def test_view_objects_for_everyone_have_no_internal_fields():
    fields = {f.name for f in dataclasses.fields(ItemView)} | {
        f.name for f in dataclasses.fields(RoundSummary)
    }
    assert not fields & {"internal_note", "minutes_spent", "time_label", "note", "minutes"}


@pytest.mark.parametrize("role", ["owner", "manager", "member"])
def test_team_sees_everything(session, world, scene, role):
    viewer = getattr(world, role)
    detail = revisions.round_detail(session, viewer, round_id=scene["round"])
    assert len(detail.items) == 3 and len(detail.team_items) == 3
    banner = detail.team_items[0]
    assert (banner.internal_note, banner.minutes_spent, banner.time_label) == (
        SECRET_NOTE,
        777,
        "12 h 57",
    )
    assert SECRET_COMMENT in [c.body for c in detail.comments]
    overview = revisions.overview(session, viewer, project_id=world.project.id)
    assert [r.number for r in overview.rounds] == [2, 1]
    assert overview.rounds[0].price == "€250.00"
    assert overview.draft is not None
    assert detail.abilities.can_export and detail.abilities.can_triage


def test_client_sees_rounds_items_counters_and_prices_but_no_internals(session, world, scene):
    client = world.client
    detail = revisions.round_detail(session, client, round_id=scene["round"])
    assert [i.description for i in detail.items] == ["Banner colour", "Margin page", "Team chore"]
    assert detail.team_items == ()
    assert [c.visibility for c in detail.comments] == []
    assert detail.task_options == ()
    overview = revisions.overview(session, client, project_id=world.project.id)
    assert overview.counter.current == 2 and overview.counter.included == 1
    assert overview.rounds[0].price == "€250.00"
    assert [o.price for o in overview.change_orders] == ["€480.00"]
    everything = flatten(detail) + flatten(overview)
    for secret in (SECRET_NOTE, SECRET_COMMENT, "777", "12 h 57", "Margin review"):
        assert secret not in everything
    assert not detail.abilities.can_export and not detail.abilities.can_triage
    with pytest.raises(PermissionDenied):
        revisions.export_history(session, client, project_id=world.project.id)


def test_guest_sees_only_items_linked_to_their_tasks(session, world, scene):
    guest = world.guest
    banner, margin, chore = scene["items"]
    overview = revisions.overview(session, guest, project_id=world.project.id)
    assert [i.id for i in overview.items] == [banner]
    assert overview.items[0].tasks[0].title == "Homepage banner"
    assert overview.items[0].change_order_status == ""
    assert (overview.terms, overview.counter, overview.draft) == (None, None, None)
    assert overview.rounds == () and overview.change_orders == ()
    detail = revisions.round_detail(session, guest, round_id=scene["round"])
    assert [i.id for i in detail.items] == [banner]
    assert detail.team_items == () and detail.comments == () and detail.change_orders == ()
    assert detail.round.price == "" and detail.round.item_count == 1
    everything = flatten(detail) + flatten(overview)
    for secret in (SECRET_NOTE, SECRET_COMMENT, "777", "480", "250", "Margin page"):
        assert secret not in everything
    # Rounds without an item the guest sees, and drafts, do not exist for the guest.
    for round_id in (scene["second"], scene["draft"]):
        with pytest.raises(NotFound):
            revisions.round_detail(session, guest, round_id=round_id)
    for item_id in (margin, chore):
        with pytest.raises(NotFound):
            revisions.reply_to_item(session, guest, item_id=item_id, reply="x")
    with pytest.raises(PermissionDenied):
        revisions.reply_to_item(session, guest, item_id=banner, reply="x")
    with pytest.raises(PermissionDenied):
        revisions.export_history(session, guest, project_id=world.project.id)


def test_guest_does_not_learn_that_a_round_was_billed(session, world, scene):
    [item_id] = session.exec(
        select(RevisionItem.id).where(RevisionItem.round_id == scene["second"])
    ).all()
    revisions.link_task(session, world.member, item_id=item_id, task_id=scene["tasks"].shared)
    team = revisions.round_detail(session, world.member, round_id=scene["second"])
    assert team.round.billable and team.round.price == "€250.00"
    guest = revisions.round_detail(session, world.guest, round_id=scene["second"])
    assert (guest.round.billable, guest.round.price) == (False, "")
    assert "250" not in repr(guest)


def test_guest_loses_items_when_unassigned(session, world, scene):
    from collab_app.models import TaskAssignee

    banner = scene["items"][0]
    link = session.exec(
        select(TaskAssignee).where(TaskAssignee.task_id == scene["tasks"].shared)
    ).one()
    session.delete(link)
    session.commit()
    assert revisions.overview(session, world.guest, project_id=world.project.id).items == ()
    with pytest.raises(NotFound):
        revisions.reply_to_item(session, world.guest, item_id=banner, reply="x")


def test_outsider_sees_nothing(session, world, scene):
    o = world.outsider
    with pytest.raises(NotFound):
        revisions.overview(session, o, project_id=world.project.id)
    for round_id in (scene["round"], scene["draft"]):
        with pytest.raises(NotFound):
            revisions.round_detail(session, o, round_id=round_id)
    with pytest.raises(NotFound):
        revisions.export_history(session, o, project_id=world.project.id)


ITEM_CALLS = {
    "remove": lambda s, v, i: revisions.remove_item(s, v, item_id=i),
    "triage": lambda s, v, i: revisions.triage_item(s, v, item_id=i, kind="revision"),
    "status": lambda s, v, i: revisions.set_status(s, v, item_id=i, status="done"),
    "reply": lambda s, v, i: revisions.reply_to_item(s, v, item_id=i, reply="x"),
    "note": lambda s, v, i: revisions.set_internal_note(s, v, item_id=i, note="x"),
    "time": lambda s, v, i: revisions.log_time(s, v, item_id=i, minutes=5),
    "link": lambda s, v, i: revisions.link_task(s, v, item_id=i, task_id=1),
    "unlink": lambda s, v, i: revisions.unlink_task(s, v, item_id=i, task_id=1),
}
ROUND_CALLS = {
    "detail": lambda s, v, r: revisions.round_detail(s, v, round_id=r),
    "submit": lambda s, v, r: revisions.submit_round(s, v, round_id=r),
    "comment": lambda s, v, r: revisions.add_comment(s, v, round_id=r, body="x"),
}
PROJECT_CALLS = {
    "overview": lambda s, v, p: revisions.overview(s, v, project_id=p),
    "add": lambda s, v, p: revisions.add_item(s, v, project_id=p, description="x"),
    "export": lambda s, v, p: revisions.export_history(s, v, project_id=p),
}


@pytest.mark.parametrize("garbage", GARBAGE_IDS)
def test_garbage_ids_are_not_found(session, world, scene, garbage):
    for call in ITEM_CALLS.values():
        with pytest.raises(NotFound):
            call(session, world.manager, garbage)
    for call in ROUND_CALLS.values():
        with pytest.raises(NotFound):
            call(session, world.client, garbage)
    for call in PROJECT_CALLS.values():
        with pytest.raises(NotFound):
            call(session, world.manager, garbage)


def test_other_projects_ids_are_not_found(session, world, scene):
    """Ids of the first project, used by the outsider who manages another project."""
    banner = scene["items"][0]
    for name, call in ITEM_CALLS.items():
        with pytest.raises(NotFound):
            call(session, world.outsider, banner)
        assert name
    for call in ROUND_CALLS.values():
        with pytest.raises(NotFound):
            call(session, world.outsider, scene["round"])
