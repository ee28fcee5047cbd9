"""Partial credit notes: exact sums, never over-credited, VAT per rate, roles, exports."""

from __future__ import annotations

import csv
import io
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from collab_app.i18n import format_money
from collab_app.models import Deliverable, Invoice, InvoiceLine, InvoiceShare
from collab_app.services.billing import credits as invoice_credits
from collab_app.services.billing import deliverables, exports, invoices, rates
from collab_app.services.billing import issued as invoice_views
from collab_app.services.billing import pdf as invoice_pdf
from collab_app.services.billing.credit_split import vat_of
from collab_app.services.billing.split import SplitDraft
from collab_app.services.errors import Conflict, NotFound, ValidationError
from tests.unit.billing.helpers import complete_identity, design_and_bonus_lines

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _identity(session, world):
    complete_identity(session, world.collective.id)


def _issued(session, world, *, fee="10"):
    """Issue 3,000.00 (shares 50/30/20) + 1,000.01 (equal weights) with a fee."""
    for person, exempt in ((world.manager, False), (world.member, True), (world.guest, False)):
        rates.save_profile(
            session, person, rate="500", rate_unit="day", vat_exempt=exempt, vat_rate="20"
        )
    draft_id = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    lines = design_and_bonus_lines(world)
    draft = SplitDraft(fee_percent=fee, client_name="Client SA", lines=lines)
    invoices.save_draft(session, world.manager, invoice_id=draft_id, draft=draft)
    invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW)
    return draft_id


def _notes(session, invoice_id):
    return session.exec(
        select(Invoice).where(Invoice.credits_invoice_id == invoice_id).order_by(Invoice.sequence)
    ).all()


def _shares(session, invoice_id):
    rows = session.exec(select(InvoiceShare).where(InvoiceShare.invoice_id == invoice_id)).all()
    return {s.user_id: s for s in rows}


def _check_note_adds_up(note, shares):
    snapshot = json.loads(note.snapshot_json)
    member_base = sum(s.base_cents for s in shares.values())
    assert member_base + note.fee_cents == note.total_before_tax_cents
    assert sum(line["fee_cents"] for line in snapshot["lines"]) == note.fee_cents
    assert sum(line["amount_cents"] for line in snapshot["lines"]) == note.total_before_tax_cents
    assert sum(r["base_cents"] for r in snapshot["by_rate"]) == note.total_before_tax_cents
    assert sum(r["vat_cents"] for r in snapshot["by_rate"]) == note.vat_cents
    assert note.vat_cents == sum(s.vat_cents for s in shares.values()) + snapshot["fee_vat_cents"]
    assert note.total_cents == note.total_before_tax_cents + note.vat_cents
    for share in shares.values():
        detail = json.loads(share.detail_json)
        assert detail["credit"] is True
        assert sum(line["cents"] for line in detail["lines"]) == share.base_cents


def test_partial_credit_by_lines_splits_back_to_the_cent(session, world):
    first = _issued(session, world)
    number = invoices.credit(
        session,
        world.manager,
        invoice_id=first,
        lines={"l1": "1 000,00", "l2": ""},  # 1,000 of Design, all of the bonus
        reason="Design phase shortened",
        now=NOW,
        locale="fr",
    )
    assert number == "00002"
    (note,) = _notes(session, first)
    assert note.total_before_tax_cents == -(100_000 + 100_001)
    shares = _shares(session, note.id)
    _check_note_adds_up(note, shares)
    # Design: 1,000 of 3,000 with a 10 % fee: fee 100, members 450/270/180 (50/30/20 of 900).
    # Bonus (all of it): fee 100.00, members 300.00 / 300.00 / 300.01 or a rotation of it.
    m, b, g = world.manager.user_id, world.member.user_id, world.guest.user_id
    assert note.fee_cents == -(10_000 + 10_000)
    by_line = {
        uid: {line["line_id"]: line["cents"] for line in json.loads(s.detail_json)["lines"]}
        for uid, s in shares.items()
    }
    assert (by_line[m]["l1"], by_line[b]["l1"], by_line[g]["l1"]) == (-45_000, -27_000, -18_000)
    assert sorted(by_line[uid]["l2"] for uid in (m, b, g)) == [-30_001, -30_000, -30_000]
    # The member is VAT exempt; the others 20 % of their credited base.
    assert shares[b].vat_cents == 0 and shares[b].vat_rate_bp is None
    assert shares[m].vat_cents == -vat_of(-shares[m].base_cents, 2000)
    snapshot = json.loads(note.snapshot_json)
    assert snapshot["reason"] == "Design phase shortened" and snapshot["partial"] is True
    assert "TVA non applicable, art. 293 B du CGI" in snapshot["mentions"]
    # The bonus line is fully credited: only Design remains, for 2,000.00.
    options = invoice_credits.credit_options(session, world.manager, invoice_id=first)
    assert [(o.key, o.remaining_cents) for o in options] == [("l1", 200_000), ("l2", 0)]


def test_never_more_than_what_remains_and_the_rest_gives_back_exactly(session, world):
    first = _issued(session, world)
    original = session.get(Invoice, first)
    with pytest.raises(ValidationError) as caught:
        invoices.credit(
            session, world.manager, invoice_id=first, lines={"l1": "3,000.01"}, reason="x"
        )
    assert caught.value.code == "revenue.credit_too_much"
    assert caught.value.params == {"line": "Design", "left": "€3,000.00"}
    with pytest.raises(ValidationError) as caught:
        invoices.credit(
            session, world.manager, invoice_id=first, amount="4000,02", reason="x", locale="fr"
        )
    assert caught.value.code == "revenue.credit_too_much"
    left = caught.value.params["left"].replace("\u202f", " ").replace("\u00a0", " ")
    assert left == "4 000,01 €"
    for bad in ({"l1": "0"}, {"l1": "-5"}, {"l1": "abc"}, {"nope": ""}, {"l1": "1", "l9": ""}):
        with pytest.raises(ValidationError):
            invoices.credit(session, world.manager, invoice_id=first, lines=bad, reason="x")
    with pytest.raises(ValidationError) as caught:
        invoices.credit(session, world.manager, invoice_id=first, lines={"l1": "10"})
    assert caught.value.code == "revenue.credit_reason_required"
    with pytest.raises(ValidationError) as caught:
        invoices.credit(session, world.manager, invoice_id=first, lines={}, reason="x")
    assert caught.value.code == "revenue.credit_nothing_left"
    with pytest.raises(ValidationError):
        invoices.credit(
            session, world.manager, invoice_id=first, lines={"l1": "5"}, amount="5", reason="x"
        )
    assert _notes(session, first) == []  # nothing refused took a number or wrote anything

    # One amount spread over every line, then three more partial notes, then the rest.
    invoices.credit(
        session, world.manager, invoice_id=first, amount="333,33", reason="Delay", locale="fr"
    )
    for typed, reason in (({"l1": "0,01"}, "a"), ({"l2": "0,02"}, "b"), ({"l1": "777,77"}, "c")):
        invoices.credit(
            session, world.manager, invoice_id=first, lines=typed, reason=reason, locale="fr"
        )
    invoices.credit(session, world.manager, invoice_id=first, now=NOW)  # all that remains
    with pytest.raises(Conflict):
        invoices.credit(session, world.manager, invoice_id=first)
    notes = _notes(session, first)
    assert [n.number for n in notes] == ["00002", "00003", "00004", "00005", "00006"]
    for note in notes:
        _check_note_adds_up(note, _shares(session, note.id))
    # Invoice + credit notes cancel out exactly: lines, fee, every share, every VAT.
    for attr in ("total_before_tax_cents", "fee_cents", "vat_cents", "total_cents"):
        assert getattr(original, attr) + sum(getattr(n, attr) for n in notes) == 0, attr
    for uid, share in _shares(session, first).items():
        given_back = [_shares(session, n.id).get(uid) for n in notes]
        assert share.base_cents + sum(s.base_cents for s in given_back if s) == 0
        assert share.vat_cents + sum(s.vat_cents for s in given_back if s) == 0
    rows = session.exec(select(InvoiceLine).where(InvoiceLine.invoice_id.in_([first]))).all()
    for row in rows:
        credited = session.exec(
            select(InvoiceLine.amount_cents).where(
                InvoiceLine.invoice_id.in_([n.id for n in notes]),
                InvoiceLine.line_key == row.line_key,
            )
        ).all()
        assert row.amount_cents + sum(credited) == 0
    detail = invoice_views.get_invoice(session, world.manager, invoice_id=first)
    assert not detail.can_credit and detail.credited_by_number.count(",") == 4


def test_concurrent_credit_notes_do_not_over_credit(engine, session, world):
    first = _issued(session, world, fee="0")
    barrier = threading.Barrier(4)

    def work(_):
        with Session(engine, expire_on_commit=False) as own:
            barrier.wait(timeout=30)
            try:
                return invoices.credit(
                    own, world.manager, invoice_id=first, amount="1500", reason="Race"
                )
            except ValidationError as error:
                return error

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(4)))
    numbers = sorted(r for r in results if isinstance(r, str))
    refused = [r for r in results if isinstance(r, ValidationError)]
    # 4,000.01 holds two credits of 1,500 and not a third.
    assert numbers == ["00002", "00003"] and len(refused) == 2
    assert all(r.code == "revenue.credit_too_much" for r in refused)
    session.expire_all()
    notes = _notes(session, first)
    assert sum(n.total_before_tax_cents for n in notes) == -300_000
    # The refused credits gave their numbers back: the next document is 00004.
    assert invoices.credit(session, world.manager, invoice_id=first) == "00004"


def test_only_managers_credit(session, world):
    first = _issued(session, world)
    # The collective's owner manages every project of it; these people do not.
    for viewer in (world.member, world.guest, world.client, world.outsider):
        with pytest.raises(NotFound):
            invoice_credits.credit_options(session, viewer, invoice_id=first)
        with pytest.raises(NotFound):
            invoices.credit(session, viewer, invoice_id=first, lines={"l1": "10"}, reason="x")
    for garbage in (None, "", "abc", -1, 0, 2**60, 1.5, True, [], {}):
        with pytest.raises(NotFound):
            invoices.credit(session, world.manager, invoice_id=garbage, lines={"l1": "1"})
    with pytest.raises(ValidationError):
        invoices.credit(session, world.manager, invoice_id=first, lines=["l1"], reason="x")
    assert _notes(session, first) == []


def test_members_see_their_credited_share_and_exports_hold_the_note(session, world):
    first = _issued(session, world)
    invoices.credit(
        session, world.manager, invoice_id=first, lines={"l1": "1000"}, reason="Scope cut"
    )
    (note,) = _notes(session, first)
    member = invoice_views.get_invoice(session, world.member, invoice_id=first, locale="en")
    (own,) = member.shares
    assert own.credited == "-€270.00"
    assert member.credited_total == "-€1,000.00" and member.remaining_total == "€3,000.01"
    on_note = invoice_views.get_invoice(session, world.member, invoice_id=note.id)
    (own_note,) = on_note.shares
    assert own_note.amount == "-€270.00"
    assert "€1,000.00 credited out of €3,000.00 still invoiced" in own_note.explanation[0]
    guest = invoice_views.get_invoice(session, world.guest, invoice_id=note.id)
    assert guest.shares[0].explanation[0] == "Design: credit note, your part -€180.00"
    client = invoice_views.get_invoice(session, world.client, invoice_id=note.id)
    assert client.shares == () and client.credit_reason == "Scope cut"
    _, pdf = invoice_pdf.invoice_pdf(session, world.client, invoice_id=note.id, locale="fr")
    text = " ".join(
        "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        .replace("\u202f", " ")
        .replace("\u00a0", " ")
        .split()
    )
    assert "Avoir n° 00002" in text and "Motif : Scope cut" in text
    assert "Total HT -1 000,00 €" in text
    for name in ("Manager", "Member", "Guest"):
        assert name not in text
    _, csv_bytes = exports.split_csv(session, world.manager, invoice_id=note.id, locale="en")
    csv_text = csv_bytes.decode("utf-8-sig")
    assert "-€450.00" in csv_text and "-€270.00" in csv_text and "-€180.00" in csv_text
    assert "-€1,000.00" in csv_text
    # The invoice's own split, as the member downloads it, shows what was credited on his share.
    _, own_csv = exports.split_csv(session, world.member, invoice_id=first, locale="en")
    rows = list(csv.reader(io.StringIO(own_csv.decode("utf-8-sig"))))
    mine = {row[2]: row[4] for row in rows[1:] if row[1] == "Member"}
    assert mine["Credited by credit notes"] == "-€270.00"
    net = 300_000 * 9 // 10 * 30 // 100 + 30_000 - 27_000  # 810.00 + 300.00 bonus - 270.00
    assert mine["Share after credit notes"] == format_money(net, "en") == "€840.00"


def test_a_deliverable_is_released_only_once_its_line_is_fully_credited(session, world):
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
    line = next(line for line in data.draft.lines if line.source_id == did)
    invoices.save_draft(
        session, world.manager, invoice_id=first, draft=replace(data.draft, lines=(line,))
    )
    invoices.issue(session, world.manager, invoice_id=first, now=NOW)
    invoices.credit(
        session, world.manager, invoice_id=first, lines={line.key: "200"}, reason="Late"
    )
    session.expire_all()
    assert session.get(Deliverable, did).invoiced_invoice_id == first
    invoices.credit(session, world.manager, invoice_id=first, lines={line.key: ""}, reason="Gone")
    session.expire_all()
    assert session.get(Deliverable, did).invoiced_invoice_id is None
    notes = _notes(session, first)
    assert [n.total_before_tax_cents for n in notes] == [-20_000, -100_000]
