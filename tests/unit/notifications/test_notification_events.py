"""The services raise their notifications: change orders, late and answered rounds, feedback
calls, invoices and credit notes (each in the transaction of the change)."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from collab_app.models import Notification, RevisionItem
from collab_app.services import feedback
from collab_app.services.billing import invoices
from collab_app.services.revisions import change_orders
from collab_app.services.revisions import triage as revisions_triage
from tests.unit.billing.helpers import complete_identity
from tests.unit.billing.test_invoices import NOW, _new_draft, _rates, _time
from tests.unit.feedback.test_feedback import ROUND1, outbox_rows, setup_schedule, token_of
from tests.unit.feedback.test_feedback_journeys import _flagged_answer
from tests.unit.revisions.support import (  # noqa: F401 - fake_clock is a fixture
    fake_clock,
    set_terms,
    submit_round,
)
from tests.unit.revisions.test_revisions_change_orders import propose, scope  # noqa: F401 - fixture


def rows(session, kind):
    return sorted(
        session.exec(
            select(Notification.user_id, Notification.mail_state).where(Notification.kind == kind)
        ).all()
    )


def test_change_order_proposed_to_the_client_decided_to_the_team(
    session,
    world,
    scope,  # noqa: F811
    fake_clock,  # noqa: F811
):
    _, shop, _ = scope
    order_id = propose(session, world.manager, shop)
    # The client contact already gets the change-order mail: inbox only.
    assert rows(session, "change_order_proposed") == [(world.client.user_id, "skipped")]
    change_orders.decide(
        session, world.client, change_order_id=order_id, approve=False, reason="Too expensive"
    )
    assert rows(session, "change_order_decided") == sorted(
        [
            (world.owner.user_id, "pending"),
            (world.manager.user_id, "skipped"),  # the lead, mailed by the revision service
            (world.member.user_id, "pending"),
        ]
    )


def test_a_round_acknowledged_late_tells_the_managers_and_its_answer_the_client(
    session,
    world,
    fake_clock,  # noqa: F811
):
    set_terms(session, world)
    round_id = submit_round(session, world, ["Bigger logo"])
    [item_id] = session.exec(select(RevisionItem.id).where(RevisionItem.round_id == round_id)).all()
    fake_clock.advance(days=20)  # well past the committed response time
    revisions_triage.triage_item(session, world.member, item_id=item_id, kind="revision")
    assert rows(session, "round_late") == sorted(
        [(world.owner.user_id, "pending"), (world.manager.user_id, "pending")]
    )
    revisions_triage.set_status(session, world.member, item_id=item_id, status="done")
    # The client contact is mailed by the revision service: the notification is inbox only.
    assert rows(session, "round_answered") == [(world.client.user_id, "skipped")]


def test_a_feedback_answer_asking_for_a_call_tells_the_managers(session, world):
    setup_schedule(session, world)
    feedback.enqueue_due(session, now=ROUND1)
    [request] = outbox_rows(session, "feedback_request")
    _flagged_answer(session, world, token_of(request))
    assert rows(session, "feedback_call") == sorted(
        [(world.owner.user_id, "pending"), (world.manager.user_id, "pending")]
    )


def test_invoice_and_credit_note_issued_tell_the_client(session, world):
    complete_identity(session, world.project.collective_id)
    _rates(session, world)
    _time(session, world)
    first = _new_draft(session, world)
    invoices.issue(session, world.manager, invoice_id=first, now=NOW)
    assert rows(session, "invoice_issued") == [(world.client.user_id, "pending")]
    invoices.credit(session, world.manager, invoice_id=first, now=NOW + timedelta(hours=1))
    assert rows(session, "credit_note_issued") == [(world.client.user_id, "pending")]
