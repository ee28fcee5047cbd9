"""The revenue demo: rates, time of three people, milestones, bonus, one invoice, one draft."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from collab_app.demo import seed_foundation
from collab_app.demo.revenue import seed_revenue
from collab_app.models import Deliverable, Invoice, InvoiceShare, TimeEntry
from collab_app.services.billing import invoices
from collab_app.services.billing import issued as invoice_views
from collab_app.services.billing.split_engine import VAT_EXEMPT_MENTION

NOW = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)


def test_revenue_demo(session):
    world = seed_foundation(session)
    demo = seed_revenue(session, world, now=NOW)
    users = world.users
    kinds = {(e.user_id, e.kind) for e in session.exec(select(TimeEntry)).all()}
    assert (users["alice"].user_id, "management") in kinds
    assert (users["alice"].user_id, "production") in kinds
    assert (users["bruno"].user_id, "production") in kinds
    assert (users["chloe"].user_id, "production") in kinds
    rows = session.exec(select(Deliverable)).all()
    assert sorted((d.kind, d.name) for d in rows) == [
        ("bonus", "Prime de lancement"),
        ("milestone", "Intégration"),
        ("milestone", "Maquettes"),
    ]

    invoice = session.get(Invoice, demo.invoice_id)
    assert (invoice.status, invoice.number) == ("issued", "00001")
    assert invoice.total_before_tax_cents == 420_000
    assert invoice.fee_cents == 21_000
    shares = {
        s.user_id: s
        for s in session.exec(select(InvoiceShare).where(InvoiceShare.invoice_id == invoice.id))
    }
    # 95 % of 4 200 € split 40/40/20.
    assert shares[users["alice"].user_id].base_cents == 159_600
    assert shares[users["chloe"].user_id].base_cents == 79_800
    assert shares[users["chloe"].user_id].legal_mention == VAT_EXEMPT_MENTION
    assert invoice.vat_cents == (159_600 * 2 * 20 + 21_000 * 20 + 50) // 100

    draft = invoices.load_draft(session, users["alice"], invoice_id=demo.draft_id)
    assert {line.basis for line in draft.draft.lines} == {"milestone", "bonus", "time"}
    computed = invoices.preview(
        session, users["alice"], invoice_id=demo.draft_id, draft=draft.draft
    )
    assert computed.result.total_cents > 560_000 + 80_000
    detail = invoice_views.get_invoice(session, users["chloe"], invoice_id=demo.invoice_id)
    assert [s.name for s in detail.shares] == ["Chloé Petit"]
    assert detail.total == ""


def test_demo_invoice_carries_every_legal_mention(session):
    world = seed_foundation(session)
    demo = seed_revenue(session, world, now=NOW)
    detail = invoice_views.get_invoice(
        session, world.users["david"], invoice_id=demo.invoice_id, locale="fr"
    )
    text = " ".join(detail.mentions).replace("\u00a0", " ").replace("\u202f", " ")
    for expected in (
        "prestation de services",  # nature of the operation
        "Paiement par virement au plus tard le",  # due date and terms
        "Pénalités de retard",  # penalty rate
        "40,00 €",  # recovery indemnity
        "Escompte pour paiement anticipé",  # discount terms
        "d'après les débits",  # VAT on debits
        VAT_EXEMPT_MENTION,  # exempt base (Chloé)
    ):
        assert expected in text
    assert detail.due_date and detail.due_date != detail.issue_date
    client = " ".join(detail.client_lines)
    assert "SIREN 482135670" in client and "FR58482135670" in client
    assert "Lieu de livraison" in client  # the shop differs from the billing address
