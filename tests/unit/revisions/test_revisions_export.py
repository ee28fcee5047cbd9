"""The revision history as CSV."""

from __future__ import annotations

import csv
import io

import pytest
from sqlmodel import select

from collab_app.models import RevisionItem
from collab_app.services import revisions
from collab_app.services.revisions import export as revisions_export
from tests.unit.revisions.support import (
    fake_clock,  # noqa: F401 - fixture
    set_terms,
    submit_round,
)


@pytest.fixture
def history(session, world, fake_clock):  # noqa: F811
    world.project.name = "Café Été / Site"
    session.add(world.project)
    session.commit()
    set_terms(session, world, included=2)
    rid = submit_round(session, world, ['=HYPERLINK("http://evil")', "Add a shop"])
    formula, shop = session.exec(
        select(RevisionItem.id).where(RevisionItem.round_id == rid).order_by(RevisionItem.position)
    ).all()
    fake_clock.advance(hours=1)
    revisions.triage_item(session, world.member, item_id=formula, kind="revision")
    revisions.log_time(session, world.member, item_id=formula, minutes=40)
    revisions.set_internal_note(session, world.member, item_id=formula, note="secret")
    revisions.triage_item(session, world.manager, item_id=shop, kind="scope_change")
    order_id = revisions.propose(
        session, world.manager, item_id=shop, description="Shop", price="1500", delay_days=4
    )
    fake_clock.advance(hours=1)
    revisions.decide(
        session, world.client, change_order_id=order_id, approve=True, expected_price_cents=150000
    )
    revisions.set_status(session, world.member, item_id=formula, status="done")
    revisions.add_item(session, world.client, project_id=world.project.id, description="Next")
    return rid, order_id


def rows(text):
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("role", ["owner", "manager", "member"])
def test_team_exports_the_whole_history(session, world, history, role):
    _rid, order_id = history
    text, filename = revisions.export_history(
        session, getattr(world, role), project_id=world.project.id, locale="en"
    )
    assert filename == "revisions-caf-t-site.csv"
    table = rows(text)
    assert table[0] == ["When (UTC)", "Who", "Round", "Request", "Change order", "Event", "Details"]
    events = [r[5] for r in table[1:]]
    assert events[:3] == ["Terms updated", "Round started (draft)", "Request added"]
    for expected in (
        "Round submitted",
        "First response",
        "Request triaged",
        "Time recorded",
        "Internal note changed",
        "Change order proposed",
        "Change order approved",
        "Request state changed",
        "Round started (draft)",
    ):
        assert expected in events
    approved = next(r for r in table if r[5] == "Change order approved")
    assert approved[1] == "Client"
    assert approved[2] == "1"
    assert approved[4] == str(order_id)
    assert "price: €1,500.00" in approved[6]
    assert approved[0] == "2026-03-11T11:00:00+00:00"
    triaged = next(r for r in table if r[5] == "Request triaged")
    assert "triage: Revision" in triaged[6]
    time_row = next(r for r in table if r[5] == "Time recorded")
    assert time_row[6] == "minutes: 40"
    # Never a live formula in a cell.
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in table for cell in row)


def test_cells_that_look_like_formulas_are_neutralised(session, world, history):
    from collab_app.models import User

    user = session.get(User, world.client.user_id)
    user.display_name = "=cmd|'/C calc'!A0"
    session.add(user)
    session.commit()
    text, _ = revisions.export_history(session, world.owner, project_id=world.project.id)
    approved = next(r for r in rows(text) if r[5] == "Change order approved")
    assert approved[1] == "'=cmd|'/C calc'!A0"
    assert revisions_export._cell("-1+2") == "'-1+2"
    assert revisions_export._cell("@SUM(A1)") == "'@SUM(A1)"
    assert revisions_export._cell("plain") == "plain"


def test_export_in_french(session, world, history):
    text, _ = revisions.export_history(
        session, world.owner, project_id=world.project.id, locale="fr"
    )
    table = rows(text)
    assert table[0][0] == "Quand (UTC)"
    approved = next(r for r in table if r[5] == "Avenant accepté")
    assert "prix : " not in approved[6] and "prix: 1\u202f500,00\u00a0€" in approved[6]


def test_request_column_names_the_item(session, world, history):
    text, _ = revisions.export_history(session, world.owner, project_id=world.project.id)
    shop_rows = [r for r in rows(text) if "Add a shop" in r[3]]
    assert shop_rows and all(r[3].startswith("#") for r in shop_rows)
