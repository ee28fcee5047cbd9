"""A complete collective invoicing identity for tests that issue invoices."""

from __future__ import annotations

from sqlmodel import Session, select

from collab_app.models import CollectiveBilling

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
