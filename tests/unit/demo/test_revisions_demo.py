"""The revisions part of the demo: two closed rounds, one open, change orders approved/pending."""

from __future__ import annotations

from collections import Counter

from sqlmodel import select

from collab_app.demo import seed
from collab_app.models import (
    BillableLine,
    ChangeOrder,
    Project,
    RevisionItem,
    RevisionItemTask,
    RevisionRound,
    User,
)
from collab_app.services import revisions
from collab_app.services.accounts.auth import viewer_for


def _viewer(session, email):
    return viewer_for(session.exec(select(User).where(User.email == email)).one())


def test_demo_rounds_change_orders_and_lines(session):
    world = seed(session)
    pid = world.project.id
    rounds = session.exec(
        select(RevisionRound).where(RevisionRound.project_id == pid).order_by(RevisionRound.number)
    ).all()
    assert [(r.number, r.status) for r in rounds] == [
        (1, "closed"),
        (2, "closed"),
        (3, "submitted"),
    ]
    assert all(not r.billable for r in rounds)
    open_items = session.exec(
        select(RevisionItem).where(RevisionItem.round_id == rounds[2].id)
    ).all()
    assert Counter(i.status for i in open_items) == Counter(
        {"open": 2, "in_progress": 1, "done": 1}
    )
    assert sorted(i.kind for i in open_items) == ["", "revision", "revision", "scope_change"]
    orders = session.exec(select(ChangeOrder).order_by(ChangeOrder.id)).all()
    assert [(o.status, o.price_cents) for o in orders] == [
        ("approved", 180_000),
        ("proposed", 60_000),
    ]
    [line] = session.exec(select(BillableLine)).all()
    assert (line.source, line.source_id, line.amount_cents) == (
        "change_order",
        orders[0].id,
        180_000,
    )
    # A request of the open round is linked to a task of the guest's.
    assert session.exec(select(RevisionItemTask)).first() is not None


def test_demo_as_seen_by_each_side(session):
    world = seed(session)
    pid = world.project.id
    david = _viewer(session, "david@client.example")
    chloe = _viewer(session, "chloe@freelance.example")
    alice = _viewer(session, "alice@atelier-nord.example")
    client = revisions.overview(session, david, project_id=pid, locale="fr")
    assert (client.counter.current, client.counter.included) == (3, 3)
    assert client.counter.next_billable and client.counter.next_price == "350,00\u00a0€"
    assert client.abilities.can_decide
    late = [r.number for r in client.rounds if r.late]
    assert late == [2]
    assert [o.status for o in client.change_orders] == ["proposed", "approved"]
    guest = revisions.overview(session, chloe, project_id=pid)
    assert len(guest.items) == 1 and guest.items[0].status == "in_progress"
    team = revisions.round_detail(session, alice, round_id=client.rounds[0].id)
    assert any(ti.internal_note for ti in team.team_items)
    assert session.get(Project, pid).included_rounds == 3
