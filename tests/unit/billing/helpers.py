"""Shared pieces of the invoice tests: a complete invoicing identity, the usual split lines."""

from __future__ import annotations

from sqlmodel import Session, select

from collab_app.models import CollectiveBilling
from collab_app.services.billing import invoices
from collab_app.services.billing.split import LineDraft, SplitDraft

VALID = {
    "legal_name": "Atelier SCOP",
    "address": "12 quai des Chartrons, 33000 Bordeaux",
    "siret": "91234567500009",
    "vat_number": "FR65912345675",
    "iban": "FR08 3000 4000 0500 0012 3456 789",
    "bic": "BNPAFRPPXXX",
}


def complete_identity(session: Session, *collective_ids: int) -> None:
    """Give collectives a complete invoicing identity (so their invoices can be issued).

    Args:
        session: Database session; committed here.
        *collective_ids: The collectives.
    """
    for collective_id in collective_ids:
        row = session.exec(
            select(CollectiveBilling).where(CollectiveBilling.collective_id == collective_id)
        ).first() or CollectiveBilling(collective_id=collective_id)
        for name, value in VALID.items():
            setattr(row, name, value)
        session.add(row)
    session.commit()


def design_and_bonus_lines(world) -> tuple[LineDraft, LineDraft]:
    """Return 3,000.00 split 50/30/20 and a 1,000.01 bonus in equal weights.

    Shared by the manager, the member and the guest of ``world``: cents that do not divide
    evenly, so rounding is exercised.
    """
    m, b, g = world.manager.user_id, world.member.user_id, world.guest.user_id
    return (
        LineDraft(
            key="l1",
            basis="milestone",
            label="Design",
            amount="3000",
            method="shares",
            values=((m, "50"), (b, "30"), (g, "20")),
        ),
        LineDraft(
            key="l2",
            basis="bonus",
            label="Launch bonus",
            amount="1000,01",
            method="weights",
            values=((m, "1"), (b, "1"), (g, "1")),
        ),
    )


def manager_only_draft(session: Session, world, *, amount: str, label: str, now) -> int:
    """Save a draft of one milestone line paid entirely to ``world``'s manager.

    Returns:
        The draft invoice's id.
    """
    draft_id = invoices.create_draft(session, world.manager, project_id=world.project.id, now=now)
    line = LineDraft(
        key="l1",
        basis="milestone",
        label=label,
        amount=amount,
        method="shares",
        values=((world.manager.user_id, "100"),),
    )
    draft = SplitDraft(client_name="Client SA", lines=(line,))
    invoices.save_draft(session, world.manager, invoice_id=draft_id, draft=draft)
    return draft_id
