"""Terms, composing and submitting rounds: counting, overage confirmation, billable lines."""

from __future__ import annotations

import pytest
from sqlmodel import select

from collab_app.models import Project, RevisionItem, RevisionTerms
from collab_app.services import revisions
from collab_app.services.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from collab_app.services.revisions import OverageConfirmationNeeded
from tests.unit.revisions.support import (
    billable_lines,
    event_kinds,
    fake_clock,  # noqa: F401 - fixture
    outbox_keys,
    round_row,
    set_terms,
    submit_round,
)


@pytest.fixture
def terms(session, world, fake_clock):  # noqa: F811
    set_terms(session, world, included=2, price="300")
    return world


def overview(session, viewer, world, locale="en"):
    return revisions.overview(session, viewer, project_id=world.project.id, locale=locale)


# --- Terms --------------------------------------------------------------------------------------


def test_terms_are_read_by_client_and_team_and_set_by_managers_only(session, terms):
    world = terms
    for viewer in (world.owner, world.manager, world.member, world.client):
        view = overview(session, viewer, world).terms
        assert view.included_rounds == 2
        assert view.response_days == 3
        assert view.overage_price == "€300.00"
        assert view.overage_price_cents == 30_000
        assert view.contact_name == "Client"
        assert view.lead_name == "Manager"
        assert "copy, colours" in view.counts_text
    for viewer in (world.member, world.client, world.guest):
        with pytest.raises(PermissionDenied):
            revisions.update_terms(
                session,
                viewer,
                project_id=world.project.id,
                form=revisions.TermsForm("", "", 1, "fixed"),
            )
    with pytest.raises(NotFound):
        revisions.get_settings(session, world.outsider, project_id=world.project.id)
    assert overview(session, world.guest, world).terms is None


def test_included_rounds_stay_in_the_project(session, terms):
    world = terms
    world.project.included_rounds = 5
    session.add(world.project)
    session.commit()
    view = overview(session, world.client, world)
    assert view.terms.included_rounds == 5
    assert view.counter.included == 5
    assert not hasattr(RevisionTerms, "included_rounds")


def test_hourly_overage_price_is_estimate_times_rate_rounded_half_up(session, terms):
    world = terms
    set_terms(session, world, overage_mode="hourly", overage_hours="2,5", hourly_rate="85.01")
    row = session.exec(select(RevisionTerms)).one()
    assert (row.overage_estimate_minutes, row.hourly_rate_cents) == (150, 8501)
    # 150 min x 85.01 €/h = 212.525 € -> 212.53 €
    assert overview(session, world.client, world).terms.overage_price_cents == 21_253
    settings = revisions.get_settings(
        session, world.owner, project_id=world.project.id, locale="fr"
    )
    assert (settings.overage_hours, settings.hourly_rate) == ("2.5", "85,01")


@pytest.mark.parametrize(
    "field,value",
    [
        ("response_days", "-1"),
        ("response_days", "61"),
        ("response_days", "two"),
        ("overage_mode", "barter"),
        ("overage_price", "-5"),
        ("overage_price", "abc"),
        ("holidays", "2026-13-01"),
        ("counts_text", "x" * 6000),
    ],
)
def test_terms_validation(session, terms, field, value):
    with pytest.raises(ValidationError) as error:
        set_terms(session, terms, **{field: value})
    assert error.value.field == field


def test_contact_and_lead_must_be_a_client_and_a_team_member_of_the_project(session, terms):
    world = terms
    with pytest.raises(NotFound):
        set_terms(session, world, contact_id=world.member.user_id)
    with pytest.raises(NotFound):
        set_terms(session, world, lead_id=world.client.user_id)
    with pytest.raises(NotFound):
        set_terms(session, world, lead_id=world.outsider.user_id)
    set_terms(session, world, lead_id=world.owner.user_id)  # a collective owner is a manager
    assert overview(session, world.client, world).terms.lead_name == "Owner"


def test_deliverables_with_their_own_limits(session, terms):
    world = terms
    logo = revisions.add_deliverable(
        session, world.owner, project_id=world.project.id, name="Logo", included_rounds="1"
    )
    with pytest.raises(Conflict):
        revisions.add_deliverable(session, world.owner, project_id=world.project.id, name=" logo ")
    with pytest.raises(PermissionDenied):
        revisions.add_deliverable(session, world.member, project_id=world.project.id, name="Site")
    pid = world.project.id
    rid = revisions.add_item(
        session, world.client, project_id=pid, description="Bolder", deliverable_id=logo
    )
    revisions.submit_round(session, world.client, round_id=rid)
    # Round 2 is within the project's 2 rounds, but the logo had its 1 included round.
    rid = revisions.add_item(
        session, world.client, project_id=pid, description="Thinner", deliverable_id=str(logo)
    )
    draft = overview(session, world.client, world).draft
    assert (draft.number, draft.billable, draft.over_deliverables) == (2, True, "Logo")
    with pytest.raises(OverageConfirmationNeeded):
        revisions.submit_round(session, world.client, round_id=rid)
    with pytest.raises(Conflict):
        revisions.delete_deliverable(session, world.owner, project_id=pid, deliverable_id=logo)
    with pytest.raises(NotFound):
        revisions.add_item(
            session, world.client, project_id=pid, description="x", deliverable_id=999_999
        )


# --- Composing ----------------------------------------------------------------------------------


def test_only_the_contact_the_lead_and_managers_compose_rounds(session, terms):
    world = terms
    pid = world.project.id
    other_client = world.outsider
    assert revisions.add_item(session, world.client, project_id=pid, description="A")
    assert revisions.add_item(session, world.manager, project_id=pid, description="B")
    assert revisions.add_item(session, world.owner, project_id=pid, description="C")
    with pytest.raises(PermissionDenied):
        revisions.add_item(session, world.member, project_id=pid, description="D")
    with pytest.raises(PermissionDenied):
        revisions.add_item(session, world.guest, project_id=pid, description="E")
    with pytest.raises(NotFound):
        revisions.add_item(session, other_client, project_id=pid, description="F")
    draft = overview(session, world.client, world).draft
    assert [i.description for i in draft.requests] == ["A", "B", "C"]
    assert [i.position for i in draft.requests] == [0, 1, 2]
    # All three went into one single draft.
    assert len({i.round_id for i in draft.requests}) == 1


def test_a_second_client_may_read_but_not_compose(session, terms):
    from testkit import factories

    world = terms
    colleague = factories.make_user(session, "Colleague")
    factories.add_project_member(session, world.project, colleague, "client")
    with pytest.raises(PermissionDenied):
        revisions.add_item(session, colleague, project_id=world.project.id, description="x")
    rid = revisions.add_item(session, world.client, project_id=world.project.id, description="y")
    view = overview(session, colleague, world)
    assert view.draft.id == rid and not view.draft.can_submit and not view.abilities.can_draft


@pytest.mark.parametrize(
    "field,kwargs",
    [
        ("description", {"description": "   "}),
        ("description", {"description": "x" * 2001}),
        ("description", {"description": 42}),
        ("priority", {"description": "ok", "priority": "asap"}),
        ("attachment_url", {"description": "ok", "attachment_url": "javascript:alert(1)"}),
        ("attachment_url", {"description": "ok", "attachment_url": "ftp://files.example/x"}),
        ("attachment_url", {"description": "ok", "attachment_url": "https://"}),
        ("attachment_url", {"description": "ok", "attachment_url": "https://a b.example"}),
        ("attachment_url", {"description": "ok", "attachment_url": "//evil.example/x"}),
        (
            "attachment_url",
            {"description": "ok", "attachment_url": "https://x.example/" + "a" * 500},
        ),
    ],
)
def test_item_validation(session, terms, field, kwargs):
    with pytest.raises(ValidationError) as error:
        revisions.add_item(session, terms.client, project_id=terms.project.id, **kwargs)
    assert error.value.field == field


def test_item_keeps_a_valid_link_and_removal_renumbers(session, terms):
    world = terms
    pid = world.project.id
    revisions.add_item(
        session,
        world.client,
        project_id=pid,
        description="See mock-up",
        attachment_url="  https://files.example.org/mock-up.pdf?v=2  ",
        priority="high",
    )
    revisions.add_item(session, world.client, project_id=pid, description="Second")
    revisions.add_item(session, world.client, project_id=pid, description="Third")
    items = overview(session, world.client, world).draft.requests
    assert items[0].attachment_url == "https://files.example.org/mock-up.pdf?v=2"
    assert items[0].priority == "high"
    revisions.remove_item(session, world.client, item_id=items[0].id)
    items = overview(session, world.client, world).draft.requests
    assert [(i.description, i.position) for i in items] == [("Second", 0), ("Third", 1)]
    with pytest.raises(PermissionDenied):
        revisions.remove_item(session, world.member, item_id=items[0].id)


# --- Submitting: counting and overage -----------------------------------------------------------


def test_counter_and_numbering_within_the_included_rounds(session, terms):
    world = terms
    counter = overview(session, world.client, world).counter
    assert (counter.current, counter.included, counter.remaining, counter.next_number) == (
        0,
        2,
        2,
        1,
    )
    assert not counter.next_billable
    first = submit_round(session, world, ["Logo bigger", "Fix typo"])
    second = submit_round(session, world, ["Darker blue"], viewer=world.manager)
    assert (round_row(session, first).number, round_row(session, second).number) == (1, 2)
    assert round_row(session, second).on_behalf is True
    assert round_row(session, first).billable is False
    counter = overview(session, world.member, world).counter
    assert (counter.current, counter.remaining, counter.next_number) == (2, 0, 3)
    assert counter.next_billable and counter.next_price == "€300.00"
    assert billable_lines(session, world.project.id) == []
    assert event_kinds(session, world.project.id).count("round_submitted") == 2
    # The lead is told of each submission, once.
    assert outbox_keys(session) == [
        f"revision-round-submitted:{first}",
        f"revision-round-submitted:{second}",
    ]


def test_a_round_beyond_the_included_ones_needs_the_clients_confirmation_of_its_price(
    session,
    terms,
    fake_clock,  # noqa: F811
):
    world = terms
    pid = world.project.id
    submit_round(session, world)
    submit_round(session, world)
    rid = revisions.add_item(session, world.client, project_id=pid, description="Extra")
    draft = overview(session, world.client, world, locale="fr").draft
    assert (draft.number, draft.billable, draft.price_cents) == (3, True, 30_000)
    assert draft.price == "300,00\u00a0€"
    assert draft.can_submit and not draft.overage_needs_client

    with pytest.raises(OverageConfirmationNeeded) as needed:
        revisions.submit_round(session, world.client, round_id=rid)
    assert needed.value.params["number"] == 3
    assert round_row(session, rid).status == "draft"
    # The team cannot confirm a billable round for the client.
    team_view = overview(session, world.manager, world).draft
    assert team_view.overage_needs_client and not team_view.can_submit
    with pytest.raises(PermissionDenied):
        revisions.submit_round(
            session, world.manager, round_id=rid, confirm_billable=True, expected_price_cents=30000
        )
    # A price that is not the current one is refused (the manager changed it meanwhile).
    set_terms(session, world, price="350")
    with pytest.raises(Conflict) as changed:
        revisions.submit_round(
            session, world.client, round_id=rid, confirm_billable=True, expected_price_cents=30000
        )
    assert changed.value.code == "revisions.price_changed"
    assert billable_lines(session, pid) == []

    revisions.submit_round(
        session,
        world.client,
        round_id=rid,
        confirm_billable=True,
        expected_price_cents="35000",
        locale="fr",
    )
    row = round_row(session, rid)
    assert (row.number, row.billable, row.overage_price_cents) == (3, True, 35_000)
    assert row.overage_confirmed_by_id == world.client.user_id
    assert row.overage_confirmed_at == fake_clock.now
    [line] = billable_lines(session, pid)
    assert (line.source, line.source_id, line.amount_cents, line.currency) == (
        "overage",
        rid,
        35_000,
        "EUR",
    )
    assert line.invoiced_invoice_id is None
    assert line.created_by_id == world.client.user_id
    assert line.description.startswith("Tour de révision supplémentaire n° 3 (2 inclus)")
    assert "overage_confirmed" in event_kinds(session, pid)
    # The price stays frozen when the terms change later.
    set_terms(session, world, price="999")
    [summary] = [r for r in overview(session, world.client, world).rounds if r.id == rid]
    assert summary.billable and summary.price == "€350.00"


def test_submitting_twice_or_empty_is_refused(session, terms):
    world = terms
    rid = submit_round(session, world)
    with pytest.raises(Conflict):
        revisions.submit_round(session, world.client, round_id=rid)
    with pytest.raises(Conflict):
        revisions.remove_item(
            session,
            world.client,
            item_id=session.exec(select(RevisionItem.id)).first(),
        )
    # An emptied draft cannot be submitted.
    draft = revisions.add_item(session, world.client, project_id=world.project.id, description="x")
    only = overview(session, world.client, world).draft.requests[0].id
    revisions.remove_item(session, world.client, item_id=only)
    with pytest.raises(Conflict) as empty:
        revisions.submit_round(session, world.client, round_id=draft)
    assert empty.value.code == "revisions.round_empty"


def test_no_included_rounds_and_no_price_still_asks_and_bills_nothing(session, terms):
    world = terms
    set_terms(session, world, included=0, price="0")
    rid = revisions.add_item(session, world.client, project_id=world.project.id, description="x")
    with pytest.raises(OverageConfirmationNeeded):
        revisions.submit_round(session, world.client, round_id=rid)
    revisions.submit_round(
        session, world.client, round_id=rid, confirm_billable=True, expected_price_cents=0
    )
    assert round_row(session, rid).billable
    assert billable_lines(session, world.project.id) == []


def test_response_deadline_is_fixed_at_submission(session, terms, fake_clock):  # noqa: F811
    world = terms
    rid = submit_round(session, world)
    row = round_row(session, rid)
    assert row.submitted_at == fake_clock.now
    # Wed 11 Mar 10:00 Paris + 3 working days -> late from Tue 17 Mar 00:00 Paris.
    assert row.deadline_at.isoformat() == "2026-03-16T23:00:00+00:00"
    assert row.response_days == 3


def test_draft_rounds_are_separate_per_project(session, terms):
    world = terms
    other = session.get(Project, world.other_project.id)
    with pytest.raises(NotFound):
        revisions.add_item(session, world.client, project_id=other.id, description="x")
    rid = revisions.add_item(session, world.client, project_id=world.project.id, description="y")
    with pytest.raises(NotFound):
        revisions.submit_round(session, world.outsider, round_id=rid)
