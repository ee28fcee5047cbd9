"""Change orders: proposal, the client's approval or refusal, billable lines, nothing early."""

from __future__ import annotations

import pytest
from sqlmodel import select

from collab_app.models import ChangeOrder, RevisionItem
from collab_app.services import revisions
from collab_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.unit.revisions.support import (
    GARBAGE_IDS,
    billable_lines,
    event_kinds,
    fake_clock,  # noqa: F401 - fixture
    make_tasks,
    outbox_keys,
    round_row,
    set_terms,
    submit_round,
)


@pytest.fixture
def scope(session, world, fake_clock):  # noqa: F811
    set_terms(session, world, included=3)
    rid = submit_round(session, world, ["Add a shop", "Bigger logo"])
    shop, logo = session.exec(
        select(RevisionItem.id).where(RevisionItem.round_id == rid).order_by(RevisionItem.position)
    ).all()
    revisions.triage_item(session, world.member, item_id=shop, kind="scope_change")
    revisions.triage_item(session, world.member, item_id=logo, kind="revision")
    return rid, shop, logo


def propose(session, viewer, item_id, price="1,200.00", delay=5):
    return revisions.propose(
        session,
        viewer,
        item_id=item_id,
        description="Online shop: 10 products, card payment",
        price=price,
        delay_days=delay,
    )


def item(session, item_id):
    return session.exec(
        select(RevisionItem)
        .where(RevisionItem.id == item_id)
        .execution_options(populate_existing=True)
    ).one()


def order(session, order_id):
    return session.exec(
        select(ChangeOrder)
        .where(ChangeOrder.id == order_id)
        .execution_options(populate_existing=True)
    ).one()


def test_managers_and_the_lead_propose_for_open_scope_changes_only(session, world, scope):
    _, shop, logo = scope
    with pytest.raises(PermissionDenied):
        propose(session, world.member, shop)  # a member who is not the lead
    with pytest.raises((PermissionDenied, NotFound)):
        propose(session, world.client, shop)
    with pytest.raises(Conflict):
        propose(session, world.manager, logo)  # a revision, not a scope change
    order_id = propose(session, world.manager, shop)  # the lead
    row = order(session, order_id)
    assert (row.price_cents, row.delay_days, row.status) == (120_000, 5, "proposed")
    with pytest.raises(Conflict):
        propose(session, world.owner, shop)  # one active change order per item
    # Re-triaging an item with an active change order is refused.
    with pytest.raises(Conflict):
        revisions.triage_item(session, world.member, item_id=shop, kind="revision")
    assert f"change-order-proposed:{order_id}" in outbox_keys(session)


@pytest.mark.parametrize(
    "field,kwargs",
    [
        ("co_price", {"price": "-1"}),
        ("co_price", {"price": "lots"}),
        ("co_delay", {"delay": "400"}),
        ("co_delay", {"delay": "soon"}),
    ],
)
def test_proposal_validation(session, world, scope, field, kwargs):
    _, shop, _ = scope
    with pytest.raises(ValidationError) as error:
        propose(session, world.manager, shop, **kwargs)
    assert error.value.field == field


def test_client_approval_creates_a_billable_line_and_lets_work_start(
    session,
    world,
    scope,
    fake_clock,  # noqa: F811
):
    _, shop, _ = scope
    order_id = propose(session, world.manager, shop)
    with pytest.raises(Conflict):
        revisions.set_status(session, world.manager, item_id=shop, status="in_progress")
    for viewer in (world.manager, world.owner, world.member):
        with pytest.raises(PermissionDenied):
            revisions.decide(
                session, viewer, change_order_id=order_id, approve=True, expected_price_cents=120000
            )
    with pytest.raises(NotFound):
        revisions.decide(session, world.guest, change_order_id=order_id, approve=True)
    # Approval carries the price the client saw.
    with pytest.raises(Conflict):
        revisions.decide(
            session, world.client, change_order_id=order_id, approve=True, expected_price_cents=1
        )
    with pytest.raises(Conflict):
        revisions.decide(session, world.client, change_order_id=order_id, approve="yes")
    fake_clock.advance(hours=3)
    status = revisions.decide(
        session,
        world.client,
        change_order_id=order_id,
        approve=True,
        expected_price_cents=120_000,
        locale="en",
    )
    assert status == "approved"
    row = order(session, order_id)
    assert (row.status, row.decided_by_id, row.decided_at) == (
        "approved",
        world.client.user_id,
        fake_clock.now,
    )
    [line] = billable_lines(session, world.project.id)
    assert (line.source, line.source_id, line.amount_cents) == ("change_order", order_id, 120_000)
    assert line.description == "Change order: Online shop: 10 products, card payment"
    assert line.invoiced_invoice_id is None
    with pytest.raises(Conflict):
        revisions.decide(
            session, world.client, change_order_id=order_id, approve=False, expected_price_cents=0
        )
    revisions.set_status(session, world.manager, item_id=shop, status="in_progress")
    revisions.set_status(session, world.manager, item_id=shop, status="done")
    assert item(session, shop).status == "done"
    assert "change_order_approved" in event_kinds(session, world.project.id)
    assert f"change-order-decided:{order_id}" in outbox_keys(session)


def test_client_refusal_declines_the_item_and_may_close_the_round(session, world, scope):
    rid, shop, logo = scope
    order_id = propose(session, world.manager, shop)
    revisions.set_status(session, world.member, item_id=logo, status="done")
    assert round_row(session, rid).status == "submitted"
    revisions.decide(
        session, world.client, change_order_id=order_id, approve=False, reason="Not this year"
    )
    row = order(session, order_id)
    assert (row.status, row.decline_reason) == ("declined", "Not this year")
    shop_row = item(session, shop)
    assert (shop_row.status, shop_row.reason) == ("declined", "Not this year")
    assert billable_lines(session, world.project.id) == []
    assert round_row(session, rid).status == "closed"
    # A new proposal for a declined item is refused: the item is resolved.
    with pytest.raises(Conflict):
        propose(session, world.manager, shop)


def test_views_of_change_orders_per_role(session, world, scope):
    rid, shop, _ = scope
    order_id = propose(session, world.manager, shop, price="99.90")
    for viewer in (world.client, world.member):
        [view] = revisions.overview(
            session, viewer, project_id=world.project.id, locale="en"
        ).change_orders
        assert (view.id, view.price, view.price_cents, view.status) == (
            order_id,
            "€99.90",
            9990,
            "proposed",
        )
        assert view.round_id == rid and view.round_number == 1
    assert revisions.overview(session, world.guest, project_id=world.project.id).change_orders == ()
    client_detail = revisions.round_detail(session, world.client, round_id=rid)
    assert [i.change_order_status for i in client_detail.items] == ["proposed", ""]
    assert client_detail.abilities.can_decide
    assert not revisions.round_detail(session, world.member, round_id=rid).abilities.can_decide


def test_task_awaiting_approval_hook(session, world, scope):
    _, shop, logo = scope
    tasks = make_tasks(session, world)
    revisions.link_task(session, world.member, item_id=shop, task_id=tasks.shared)
    revisions.link_task(session, world.member, item_id=logo, task_id=tasks.team_only)
    assert revisions.task_awaiting_approval(session, tasks.shared)
    assert not revisions.task_awaiting_approval(session, tasks.team_only)
    order_id = propose(session, world.manager, shop)
    assert revisions.task_awaiting_approval(session, tasks.shared)
    revisions.decide(
        session, world.client, change_order_id=order_id, approve=True, expected_price_cents=120000
    )
    assert not revisions.task_awaiting_approval(session, tasks.shared)


@pytest.mark.parametrize("garbage", GARBAGE_IDS)
def test_garbage_change_order_ids(session, world, scope, garbage):
    with pytest.raises(NotFound):
        revisions.decide(session, world.client, change_order_id=garbage, approve=True)
    with pytest.raises(NotFound):
        revisions.propose(
            session, world.manager, item_id=garbage, description="x", price="1", delay_days=0
        )


def test_board_refuses_to_start_a_task_held_by_an_unapproved_change_order(session):
    """Nothing starts before approval: the board keeps a held task in "to do"."""
    from sqlmodel import select

    from collab_app.demo import seed_foundation
    from collab_app.demo.board import seed_board
    from collab_app.demo.revisions import seed_revisions
    from collab_app.models import BoardColumn, ChangeOrder, RevisionItem, RevisionItemTask, Task
    from collab_app.services import board as board_service
    from collab_app.services.errors import ValidationError as Refused
    from collab_app.services.revisions import task_awaiting_approval

    demo = seed_foundation(session)
    seed_board(session, demo)
    seed_revisions(session, demo)
    pending = session.exec(select(ChangeOrder).where(ChangeOrder.status == "proposed")).first()
    assert pending is not None
    item = session.get(RevisionItem, pending.item_id)
    task = session.exec(
        select(Task).where(Task.project_id == demo.project.id, Task.deleted_at.is_(None))
    ).first()
    session.add(
        RevisionItemTask(item_id=item.id, task_id=task.id, linked_by_id=demo.users["alice"].user_id)
    )
    session.commit()
    assert item.status == "open"
    assert task_awaiting_approval(session, task.id)
    columns = session.exec(
        select(BoardColumn)
        .where(BoardColumn.project_id == demo.project.id)
        .order_by(BoardColumn.position)
    ).all()
    todo, in_progress = columns[0], columns[1]
    alice = demo.users["alice"]
    card = board_service.move_task(
        session, alice, task_id=task.id, column_id=todo.id, index=0,
        expected_version=session.get(Task, task.id).version, confirm_over_limit=True,
    )  # fmt: skip
    with pytest.raises(Refused) as err:
        board_service.move_task(
            session, alice, task_id=task.id, column_id=in_progress.id, index=0,
            expected_version=card.version, confirm_over_limit=True,
        )  # fmt: skip
    assert err.value.code == "revisions.awaiting_approval"
