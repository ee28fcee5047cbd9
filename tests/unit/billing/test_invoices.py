"""Drafts, issuing, frozen snapshots, credit notes, VAT per share and role projections."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlmodel import select

from collab_app.i18n import format_money
from collab_app.models import Deliverable, Invoice, InvoiceShare
from collab_app.services import time_tracking
from collab_app.services.billing import deliverables, invoices, rates
from collab_app.services.billing import issued as invoice_views
from collab_app.services.billing.snapshots import member_from_json
from collab_app.services.billing.split import LineDraft, SplitDraft
from collab_app.services.billing.split_engine import VAT_EXEMPT_MENTION
from collab_app.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.unit.billing.helpers import (
    complete_identity,
    design_and_bonus_lines,
    manager_only_draft,
)

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
GARBAGE = [None, "", "abc", -1, 0, 2**60, "1; DROP TABLE invoice", 1.5, True, [], {}]


@pytest.fixture(autouse=True)
def _identity(session, world):
    complete_identity(session, world.collective.id, world.other_project.collective_id)


def _rates(session, world):
    for person, cents, exempt in ((world.manager, 60_000, False), (world.member, 40_000, True)):
        rates.save_profile(
            session,
            person,
            rate=str(cents // 100),
            rate_unit="day",
            vat_exempt=exempt,
            vat_rate="20",
        )
    rates.save_profile(
        session, world.guest, rate="50", rate_unit="hour", vat_exempt=True, vat_rate=""
    )


def _time(session, world):
    pid = world.project.id
    for person, duration, kind in (
        (world.manager, "7", "production"),
        (world.manager, "3:30", "management"),
        (world.member, "7", "production"),
        (world.guest, "4", "production"),
    ):
        time_tracking.log_time(
            session,
            person,
            project_id=pid,
            work_date="2026-02-10",
            duration=duration,
            kind=kind,
            now=NOW,
        )


def _draft(world, *, fee="0", extra=()):
    return SplitDraft(
        fee_percent=fee,
        client_name="Client SA",
        client_address="1 rue de la Paix, Paris",
        due_date="2026-04-01",
        title="Website, phase 1",
        lines=(
            *design_and_bonus_lines(world),
            LineDraft(
                key="l3",
                basis="time",
                label="Time",
                method="time_rate",
                period_start="2026-02-01",
                period_end="2026-02-28",
            ),
            *extra,
        ),
    )


def _new_draft(session, world, **kwargs):
    draft_id = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    invoices.save_draft(session, world.manager, invoice_id=draft_id, draft=_draft(world, **kwargs))
    return draft_id


def test_preview_adds_up_and_issue_freezes_the_split(session, world):
    _rates(session, world)
    _time(session, world)
    draft_id = _new_draft(session, world, fee="10")
    listed = invoices.list_drafts(session, world.owner, project_id=world.project.id)
    assert [(d.id, d.lines, d.title) for d in listed] == [(draft_id, 3, "Website, phase 1")]
    computed = invoices.preview(
        session, world.manager, invoice_id=draft_id, draft=_draft(world, fee="10")
    )
    result = computed.result
    # Time line: manager 10.5 h at 600/7 per hour, member 7 h at 400/7, guest 4 h at 50.
    time_line = next(line for line in result.lines if line.line_id == "l3")
    assert time_line.amount_cents == 90_000 + 40_000 + 20_000
    assert result.total_cents == 300_000 + 100_001 + 150_000
    assert sum(m.total_cents for m in result.members) + result.collective_fee_cents == (
        result.total_cents
    )

    number = invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW)
    assert number == "00001"
    invoice = session.get(Invoice, draft_id)
    assert invoice.status == "issued" and invoice.sequence == 1
    assert invoice.total_before_tax_cents == result.total_cents
    shares = session.exec(select(InvoiceShare).where(InvoiceShare.invoice_id == draft_id)).all()
    assert sum(s.base_cents for s in shares) + invoice.fee_cents == invoice.total_cents - (
        invoice.vat_cents
    )
    before = invoice_views.get_invoice(session, world.manager, invoice_id=draft_id)

    # Later changes to rates and time do not alter the issued invoice.
    rates.save_profile(
        session, world.manager, rate="9999", rate_unit="hour", vat_exempt=True, vat_rate=""
    )
    time_tracking.log_time(
        session,
        world.member,
        project_id=world.project.id,
        work_date="2026-02-11",
        duration="8",
        now=NOW,
    )
    after = invoice_views.get_invoice(session, world.manager, invoice_id=draft_id)
    assert after == before
    # The issued invoice is no longer a draft: it cannot be edited, issued again or deleted.
    for call in (invoices.load_draft, invoices.delete_draft):
        with pytest.raises(NotFound):
            call(session, world.manager, invoice_id=draft_id)
    with pytest.raises(NotFound):
        invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW)


def test_vat_is_computed_per_share_with_the_exempt_mention(session, world):
    _rates(session, world)
    _time(session, world)
    draft_id = _new_draft(session, world, fee="10")
    invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW)
    invoice = session.get(Invoice, draft_id)
    shares = {
        s.user_id: s
        for s in session.exec(select(InvoiceShare).where(InvoiceShare.invoice_id == draft_id))
    }
    manager, member = shares[world.manager.user_id], shares[world.member.user_id]
    assert manager.vat_rate_bp == 2000
    assert manager.vat_cents == (manager.base_cents * 2000 + 5000) // 10_000
    assert member.vat_rate_bp is None and member.vat_cents == 0
    assert member.legal_mention == VAT_EXEMPT_MENTION
    # The collective's fee is taxed at its own (default 20 %) rate.
    fee_vat = (invoice.fee_cents * 2000 + 5000) // 10_000
    assert invoice.vat_cents == manager.vat_cents + fee_vat
    assert invoice.total_cents == invoice.total_before_tax_cents + invoice.vat_cents
    detail = invoice_views.get_invoice(session, world.client, invoice_id=draft_id, locale="fr")
    assert VAT_EXEMPT_MENTION in detail.mentions
    assert detail.shares == ()
    assert len(detail.vat_rows) == 2


def test_all_exempt_invoice_has_no_vat(session, world):
    for person in (world.manager, world.member, world.guest):
        rates.save_profile(
            session, person, rate="500", rate_unit="day", vat_exempt=True, vat_rate=""
        )
    draft_id = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    draft = SplitDraft(
        client_name="Client SA",
        lines=(
            LineDraft(
                key="l1",
                basis="milestone",
                label="All",
                amount="1000",
                method="shares",
                values=((world.manager.user_id, "60"), (world.member.user_id, "40")),
            ),
        ),
    )
    invoices.save_draft(session, world.manager, invoice_id=draft_id, draft=draft)
    invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW)
    invoice = session.get(Invoice, draft_id)
    assert invoice.vat_cents == 0 and invoice.total_cents == 100_000


def test_credit_note_takes_the_next_number_and_negates_everything(session, world):
    _rates(session, world)
    _time(session, world)
    first = _new_draft(session, world)
    invoices.issue(session, world.manager, invoice_id=first, now=NOW)
    number = invoices.credit(session, world.manager, invoice_id=first, now=NOW)
    assert number == "00002"
    note = session.exec(select(Invoice).where(Invoice.credits_invoice_id == first)).one()
    original = session.get(Invoice, first)
    assert note.kind == "credit_note" and note.sequence == 2
    assert note.total_cents == -original.total_cents
    assert note.vat_cents == -original.vat_cents
    note_shares = {
        s.user_id: s.base_cents
        for s in session.exec(select(InvoiceShare).where(InvoiceShare.invoice_id == note.id))
    }
    original_shares = {
        s.user_id: s.base_cents
        for s in session.exec(select(InvoiceShare).where(InvoiceShare.invoice_id == first))
    }
    assert note_shares == {uid: -cents for uid, cents in original_shares.items()}
    detail = invoice_views.get_invoice(session, world.member, invoice_id=note.id)
    assert detail.credits_number == "00001"
    assert detail.shares[0].amount.startswith("-")
    with pytest.raises(Conflict):
        invoices.credit(session, world.manager, invoice_id=first, now=NOW)
    with pytest.raises(Conflict):
        invoices.credit(session, world.manager, invoice_id=note.id, now=NOW)
    # A failed credit gave its number back: the next invoice is 00003.
    again = _new_draft(session, world)
    assert invoices.issue(session, world.manager, invoice_id=again, now=NOW) == "00003"


def test_deliverables_are_billed_once_and_released_by_a_credit_note(session, world):
    _rates(session, world)
    did = deliverables.add_deliverable(
        session,
        world.manager,
        project_id=world.project.id,
        kind="milestone",
        name="Mockups",
        amount="1200",
        split={world.manager.user_id: "50", world.member.user_id: "50"},
    )
    first = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    data = invoices.load_draft(session, world.manager, invoice_id=first)
    line = data.draft.lines[0]
    assert (line.label, line.source, line.source_id, line.method) == (
        "Mockups",
        "deliverable",
        did,
        "shares",
    )
    # Keep only the milestone line (the default time line has no time logged).
    draft = replace(data.draft, lines=(line,))
    invoices.save_draft(session, world.manager, invoice_id=first, draft=draft)
    second = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    invoices.save_draft(session, world.manager, invoice_id=second, draft=draft)
    invoices.issue(session, world.manager, invoice_id=first, now=NOW)
    assert session.get(Deliverable, did).invoiced_invoice_id == first
    with pytest.raises(Conflict):
        invoices.issue(session, world.manager, invoice_id=second, now=NOW)
    assert session.get(Invoice, second).status == "draft"
    with pytest.raises(Conflict):
        deliverables.delete_deliverable(session, world.manager, deliverable_id=did)
    invoices.credit(session, world.manager, invoice_id=first, now=NOW)
    session.expire_all()
    assert session.get(Deliverable, did).invoiced_invoice_id is None
    # The number given back by the failed issue was reused: still no gap.
    assert invoices.issue(session, world.manager, invoice_id=second, now=NOW) == "00003"


def test_impossible_split_is_refused_before_taking_a_number(session, world):
    _rates(session, world)
    draft_id = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    bad = SplitDraft(
        client_name="Client SA",
        lines=(
            LineDraft(
                key="l1",
                basis="milestone",
                label="Design",
                amount="100",
                method="shares",
                values=((world.manager.user_id, "70"), (world.member.user_id, "40")),
            ),
        ),
    )
    invoices.save_draft(session, world.manager, invoice_id=draft_id, draft=bad)
    with pytest.raises(ValidationError) as error:
        invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW)
    assert error.value.code == "split.error.shares_over_100"
    good = replace(bad, lines=(replace(bad.lines[0], values=((world.manager.user_id, "100"),)),))
    invoices.save_draft(session, world.manager, invoice_id=draft_id, draft=good)
    assert invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW) == "00001"


def test_drafts_refuse_outsiders_and_bad_shapes(session, world):
    draft_id = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    bad_people = SplitDraft(
        client_name="x",
        lines=(
            LineDraft(
                key="l1",
                basis="milestone",
                label="A",
                amount="1",
                method="shares",
                values=((world.outsider.user_id, "100"),),
            ),
        ),
    )
    with pytest.raises(ValidationError):
        invoices.save_draft(session, world.manager, invoice_id=draft_id, draft=bad_people)
    with pytest.raises(ValidationError):
        invoices.save_draft(
            session,
            world.manager,
            invoice_id=draft_id,
            draft=SplitDraft(lines=(LineDraft(key="l1", basis="nope", label="", method="x"),)),
        )
    with pytest.raises(ValidationError):
        invoices.save_draft(
            session,
            world.manager,
            invoice_id=draft_id,
            draft=SplitDraft(
                lines=(LineDraft(key="../x", basis="bonus", label="", method="weights"),)
            ),
        )


@pytest.mark.parametrize("role", ["member", "guest", "client", "outsider"])
def test_only_managers_touch_drafts(session, world, role):
    draft_id = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    viewer = getattr(world, role)
    for call in (invoices.load_draft, invoices.delete_draft):
        with pytest.raises(NotFound):
            call(session, viewer, invoice_id=draft_id)
    with pytest.raises(NotFound):
        invoices.issue(session, viewer, invoice_id=draft_id, now=NOW)
    with pytest.raises(NotFound):
        invoices.save_draft(session, viewer, invoice_id=draft_id, draft=SplitDraft())
    with pytest.raises(NotFound):
        invoices.add_line(session, viewer, invoice_id=draft_id, draft=SplitDraft(), basis="fixed")
    expected = PermissionDenied if role != "outsider" else NotFound
    with pytest.raises(expected):
        invoices.create_draft(session, viewer, project_id=world.project.id, now=NOW)
    if role != "outsider":
        assert invoices.list_drafts(session, viewer, project_id=world.project.id) == []


def test_add_line_gives_a_new_empty_line_to_managers_only(session, world):
    draft_id = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    draft = invoices.add_line(
        session, world.manager, invoice_id=draft_id, draft=SplitDraft(), basis="fixed"
    )
    assert [(line.key, line.basis, line.label) for line in draft.lines] == [("l1", "fixed", "")]
    with pytest.raises(ValidationError):
        invoices.add_line(session, world.manager, invoice_id=draft_id, draft=draft, basis="x")
    with pytest.raises(NotFound):
        invoices.add_line(session, world.manager, invoice_id="nope", draft=draft, basis="fixed")


def test_garbage_ids_are_not_found(session, world):
    _rates(session, world)
    _time(session, world)
    issued = _new_draft(session, world)
    invoices.issue(session, world.manager, invoice_id=issued, now=NOW)
    for raw in GARBAGE:
        for call in (invoices.load_draft, invoices.delete_draft, invoices.credit):
            with pytest.raises(NotFound):
                call(session, world.manager, invoice_id=raw)
        with pytest.raises(NotFound):
            invoice_views.get_invoice(session, world.manager, invoice_id=raw)
        with pytest.raises(NotFound):
            invoices.create_draft(session, world.manager, project_id=raw)
    with pytest.raises(NotFound):
        invoice_views.get_invoice(session, world.outsider, invoice_id=issued)


def test_each_role_sees_only_its_part_of_an_issued_invoice(session, world):
    _rates(session, world)
    _time(session, world)
    draft_id = _new_draft(session, world, fee="10")
    invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW)
    invoice = session.get(Invoice, draft_id)
    shares = {
        s.user_id: s
        for s in session.exec(select(InvoiceShare).where(InvoiceShare.invoice_id == draft_id))
    }

    manager = invoice_views.get_invoice(session, world.manager, invoice_id=draft_id)
    assert {s.user_id for s in manager.shares} == set(shares)
    assert manager.fee != "" and manager.can_credit

    member = invoice_views.get_invoice(session, world.member, invoice_id=draft_id)
    assert [s.user_id for s in member.shares] == [world.member.user_id]
    assert member.total != "" and member.fee == "" and not member.can_credit
    assert any("Design" in sentence for sentence in member.shares[0].explanation)

    guest = invoice_views.get_invoice(session, world.guest, invoice_id=draft_id)
    assert [s.user_id for s in guest.shares] == [world.guest.user_id]
    assert guest.total == guest.total_before_tax == "" and guest.lines == ()
    assert not guest.can_pdf
    # The guest's explanation names no other money figure than their own amounts.

    own = {format_money(line.cents, "en") for line in _member_lines(shares[world.guest.user_id])}
    own.add(format_money(shares[world.guest.user_id].base_cents, "en"))
    text = " ".join(guest.shares[0].explanation)
    for figure in (
        format_money(invoice.total_cents, "en"),
        format_money(invoice.total_before_tax_cents, "en"),
        format_money(300_000, "en"),
        format_money(shares[world.manager.user_id].base_cents, "en"),
    ):
        assert figure not in text
    assert all(("€" not in part) or any(o in part for o in own) for part in text.split(", "))

    client = invoice_views.get_invoice(session, world.client, invoice_id=draft_id)
    assert client.shares == () and client.fee == "" and client.total != ""
    assert client.can_pdf and not client.can_credit

    # Lists follow the same rules.
    assert (
        invoice_views.list_invoices(session, world.client, project_id=world.project.id)[0].my_share
        == ""
    )
    guest_list = invoice_views.list_invoices(session, world.guest, project_id=world.project.id)
    assert guest_list[0].total == "" and guest_list[0].my_share != ""


def test_guest_not_paid_does_not_see_the_invoice(session, world):
    _rates(session, world)
    draft_id = manager_only_draft(session, world, amount="100", label="A", now=NOW)
    invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW)
    with pytest.raises(NotFound):
        invoice_views.get_invoice(session, world.guest, invoice_id=draft_id)
    assert invoice_views.list_invoices(session, world.guest, project_id=world.project.id) == []


def _member_lines(share):

    return member_from_json(share.detail_json).lines
