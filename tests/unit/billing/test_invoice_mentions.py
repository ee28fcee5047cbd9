"""Legal mentions of French B2B invoices and credit notes (Code de commerce L441-9, L441-10)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from sqlmodel import select

from collab_app.models import Invoice
from collab_app.services.billing import identity as collective_billing
from collab_app.services.billing import invoices, payees, rates
from collab_app.services.billing import issued as invoice_views
from collab_app.services.billing import pdf as invoice_pdf
from collab_app.services.billing.identity import BillingErrors
from collab_app.services.billing.pdf import FONT_DIR
from collab_app.services.billing.split import LineDraft, SplitDraft
from collab_app.services.billing.split_engine import VAT_EXEMPT_MENTION
from collab_app.services.errors import ValidationError
from tests.unit.billing.helpers import VALID

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
FORM = {**VALID, "payment_days": "30", "fee_vat_rate": "20"}
CLIENT = {
    "client_name": "Boulangerie Dupont",
    "client_address": "8 rue des Fours, 33000 Bordeaux",
    "client_siren": "482 135 670",
    "client_vat_number": "FR58482135670",
    "client_delivery_address": "21 cours Victor Hugo, 33000 Bordeaux",
}


def _save(session, world, **values):
    collective_billing.save_billing(
        session,
        world.owner,
        collective_id=world.collective.id,
        values={**FORM, **values},
        vat_on_debits=values.pop("vat_on_debits", False),
    )


def _issue(session, world, **client) -> int:
    draft_id = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    line = LineDraft(
        key="l1",
        basis="milestone",
        label="Design",
        amount="1000",
        method="shares",
        values=((world.manager.user_id, "100"),),
    )
    draft = SplitDraft(lines=(line,), **{**CLIENT, **client})
    invoices.save_draft(session, world.manager, invoice_id=draft_id, draft=draft)
    invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW)
    return draft_id


def _pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_terms_are_set_on_the_billing_screen_and_frozen_into_the_invoice(session, world):
    _save(
        session,
        world,
        late_penalty_rate="12.15",
        early_discount="2 % for payment within 8 days.",
        vat_on_debits=True,
    )
    view = collective_billing.get_billing(
        session, world.owner, collective_id=world.collective.id, locale="fr"
    )
    assert (view.late_penalty_rate, view.early_discount, view.vat_on_debits) == (
        "12,15",
        "2 % for payment within 8 days.",
        True,
    )
    invoice_id = _issue(session, world)
    detail = invoice_views.get_invoice(session, world.client, invoice_id=invoice_id, locale="fr")
    mentions = [
        " ".join(m.replace("\u00a0", " ").replace("\u202f", " ").split()) for m in detail.mentions
    ]
    assert mentions == [
        "Nature de l'opération : prestation de services.",
        "Paiement par virement au plus tard le 1 avr. 2026 (30 jours à compter de la date de "
        "facture).",
        "Pénalités de retard : 12,15 % par an, exigibles dès le lendemain de l'échéance.",
        "Indemnité forfaitaire pour frais de recouvrement en cas de retard de paiement : "
        "40,00 € (art. D441-5 du Code de commerce).",
        "Escompte pour paiement anticipé : 2 % for payment within 8 days.",
        "Option pour le paiement de la taxe d'après les débits.",
    ]
    assert detail.client_lines == (
        "8 rue des Fours, 33000 Bordeaux",
        "SIREN 482135670",
        "N° TVA intracommunautaire FR58482135670",
        "Lieu de livraison\u00a0: 21 cours Victor Hugo, 33000 Bordeaux",
    )
    text = _pdf_text(
        invoice_pdf.invoice_pdf(session, world.client, invoice_id=invoice_id, locale="fr")[1]
    )
    for mention in (*mentions, "SIREN 482135670", "Lieu de livraison : 21 cours Victor Hugo"):
        assert mention[:60] in text
    # Changing the terms later never changes the issued invoice.
    _save(session, world, late_penalty_rate="", early_discount="", vat_on_debits=False)
    again = invoice_views.get_invoice(session, world.client, invoice_id=invoice_id, locale="fr")
    assert again.mentions == detail.mentions


def test_legal_default_penalty_no_discount_and_exemption_in_english(session, world):
    _save(session, world)

    rates.save_profile(
        session, world.manager, rate="500", rate_unit="day", vat_exempt=True, vat_rate="20"
    )
    invoice_id = _issue(session, world, client_delivery_address="8 rue des Fours, 33000 Bordeaux")
    detail = invoice_views.get_invoice(session, world.member, invoice_id=invoice_id, locale="en")
    assert detail.mentions[2].startswith(
        "Late-payment penalties: the European Central Bank's refinancing rate plus 10 percentage"
    )
    assert detail.mentions[3].startswith(
        "Fixed indemnity for recovery costs in case of late payment: €40.00"
    )
    assert "No discount for early payment." in detail.mentions
    assert not any("debits" in m for m in detail.mentions)
    assert detail.mentions[-1] == VAT_EXEMPT_MENTION
    # The delivery place is the client's address: not printed twice.
    assert not any("delivery" in line for line in detail.client_lines)


def test_a_credit_note_names_the_invoice_it_corrects(session, world):
    _save(session, world)
    invoice_id = _issue(session, world)
    invoices.credit(session, world.manager, invoice_id=invoice_id, now=NOW)
    note = session.exec(select(Invoice).where(Invoice.credits_invoice_id == invoice_id)).one()
    detail = invoice_views.get_invoice(session, world.client, invoice_id=note.id, locale="en")
    assert detail.mentions[:2] == (
        "Nature of the operation: provision of services.",
        "Credit note correcting invoice 00001 of 2 Mar 2026.",
    )
    assert not any("penalties" in m for m in detail.mentions)
    assert detail.client_lines[1] == "SIREN 482135670"  # copied from the invoice
    text = _pdf_text(invoice_pdf.invoice_pdf(session, world.client, invoice_id=note.id)[1])
    assert "Credit note correcting invoice 00001 of 2 Mar 2026." in text


def test_invoices_issued_before_the_terms_keep_their_mentions(session, world):
    _save(session, world)
    invoice_id = _issue(session, world)
    row = session.get(Invoice, invoice_id)
    snapshot = json.loads(row.snapshot_json)
    for key in ("late_penalty_bp", "early_discount", "vat_on_debits"):
        snapshot["issuer"].pop(key)
    snapshot["mentions"] = [VAT_EXEMPT_MENTION]
    row.snapshot_json = json.dumps(snapshot)
    session.add(row)
    session.commit()
    detail = invoice_views.get_invoice(session, world.client, invoice_id=invoice_id)
    assert detail.mentions == (VAT_EXEMPT_MENTION,)


@pytest.mark.parametrize(
    "typed,locale,stored",
    [("", "en", None), ("12.15", "en", 1215), ("12,15", "fr", 1215), ("10 %", "fr", 1000)],
)
def test_penalty_rate_is_read_in_the_readers_language(session, world, typed, locale, stored):
    world.owner.__class__  # noqa: B018 - the owner's language decides how the rate is read
    from dataclasses import replace

    owner = replace(world.owner, locale=locale)
    collective_billing.save_billing(
        session,
        owner,
        collective_id=world.collective.id,
        values={**FORM, "late_penalty_rate": typed},
    )

    assert payees.collective_billing(session, world.collective.id).late_penalty_bp == stored


@pytest.mark.parametrize("typed", ["0", "abc", "100.01", "12,15"])
def test_wrong_penalty_rates_are_refused(session, world, typed):
    with pytest.raises(BillingErrors) as caught:
        collective_billing.save_billing(
            session,
            world.owner,
            collective_id=world.collective.id,
            values={**FORM, "late_penalty_rate": typed},
        )
    assert caught.value.errors == {"late_penalty_rate": ("revenue.billing_penalty_rate", {})}


@pytest.mark.parametrize(
    "client,field,code",
    [
        ({"client_siren": "48213567"}, "client_siren", "revenue.billing_siren_format"),
        ({"client_siren": "482135671"}, "client_siren", "revenue.billing_siren_checksum"),
        ({"client_vat_number": "DE12345678X"}, "client_vat_number", "revenue.billing_vat_format"),
        (
            {"client_vat_number": "FR40303265045"},
            "client_vat_number",
            "revenue.billing_vat_siren",
        ),
    ],
)
def test_client_identifiers_are_checked_on_the_draft(session, world, client, field, code):
    draft_id = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    with pytest.raises(ValidationError) as caught:
        invoices.save_draft(
            session,
            world.manager,
            invoice_id=draft_id,
            draft=SplitDraft(**{**CLIENT, **client}),
        )
    assert (caught.value.code, caught.value.field) == (code, field)


def test_the_pdf_embeds_the_shipped_font_so_every_host_prints_the_same(session, world):

    assert (FONT_DIR / "DejaVuSans.ttf").is_file() and (FONT_DIR / "LICENSE-DejaVu.txt").is_file()
    _save(session, world)
    draft_id = invoices.create_draft(session, world.manager, project_id=world.project.id, now=NOW)
    line = LineDraft(
        key="l1",
        basis="milestone",
        label="Cœur de site « vitrine »",
        amount="1234,5",
        method="shares",
        values=((world.manager.user_id, "100"),),
    )
    invoices.save_draft(
        session, world.manager, invoice_id=draft_id, draft=SplitDraft(lines=(line,), **CLIENT)
    )
    invoices.issue(session, world.manager, invoice_id=draft_id, now=NOW)
    _, data = invoice_pdf.invoice_pdf(session, world.client, invoice_id=draft_id, locale="fr")
    reader = PdfReader(io.BytesIO(data))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVuSans" in name for name in fonts)  # embedded subsets, no core font
    text = _pdf_text(data)
    assert "Cœur de site « vitrine »" in text and "1 234,50 €" in text
    assert "EUR" not in text
    assert reader.trailer["/Root"]["/OutputIntents"]  # PDF/A output intent (sRGB)


@pytest.mark.parametrize(
    "typed,locale,cents",
    [("12,500", "fr", 1250), ("12,500", "en", 1_250_000), ("1 000,01", "en", 100_001)],
)
def test_draft_amounts_are_read_the_editors_way_when_ambiguous(
    session, world, typed, locale, cents
):
    from dataclasses import replace

    editor = replace(world.manager, locale=locale)
    draft_id = invoices.create_draft(session, editor, project_id=world.project.id, now=NOW)
    line = LineDraft(
        key="l1",
        basis="milestone",
        label="Design",
        amount=typed,
        method="shares",
        values=((world.manager.user_id, "100"),),
    )
    draft = SplitDraft(lines=(line,), **CLIENT)
    assert (
        invoices.preview(session, editor, invoice_id=draft_id, draft=draft).result.total_cents
        == cents
    )
    invoices.save_draft(session, editor, invoice_id=draft_id, draft=draft)
    stored = invoices.load_draft(session, world.manager, invoice_id=draft_id).draft.lines[0].amount
    assert stored == f"{cents // 100}.{cents % 100:02d}"  # neutral: anyone reads it alike
