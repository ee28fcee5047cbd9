"""Links between an invoice and its credit notes: numbers, and what they took back per share.

Plain reads without permission checks: callers have already checked that the viewer may read
the invoice (:func:`collab_app.services.billing.issued.require_issued`).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, select

from collab_app.models import Invoice, InvoiceShare


def credited_shares(session: Session, invoice: Invoice) -> dict[int, int]:
    """Return what credit notes took back from each share of an invoice (cents, <= 0).

    Args:
        invoice: An issued invoice.

    Returns:
        User id -> credited cents (only people with a credit).
    """
    rows = session.exec(
        select(InvoiceShare.user_id, InvoiceShare.base_cents)
        .join(Invoice, Invoice.id == InvoiceShare.invoice_id)
        .where(Invoice.credits_invoice_id == invoice.id)
    ).all()
    credited: dict[int, int] = {}
    for user_id, cents in rows:
        credited[user_id] = credited.get(user_id, 0) + cents
    return credited


def number_of(session: Session, invoice_id: int | None) -> str:
    """Return an invoice's number ("" for None or unknown).

    Args:
        invoice_id: The invoice.

    Returns:
        Its number.
    """
    if invoice_id is None:
        return ""
    return session.exec(select(Invoice.number).where(Invoice.id == invoice_id)).first() or ""


def reference_of(session: Session, invoice_id: int | None) -> tuple[str, date | None] | None:
    """Return the number and issue date of an invoice (None for None or unknown).

    Args:
        invoice_id: The invoice, e.g. the one a credit note corrects.

    Returns:
        (number, issue date), or None.
    """
    if invoice_id is None:
        return None
    row = session.exec(
        select(Invoice.number, Invoice.issue_date).where(Invoice.id == invoice_id)
    ).first()
    return (row[0], row[1]) if row else None


def credit_notes(session: Session, invoice_id: int) -> list[tuple[str, int]]:
    """Return the credit notes of an invoice, oldest first.

    Args:
        invoice_id: The credited invoice.

    Returns:
        (number, total before tax in cents, negative) pairs.
    """
    return list(
        session.exec(
            select(Invoice.number, Invoice.total_before_tax_cents)
            .where(Invoice.credits_invoice_id == invoice_id)
            .order_by(Invoice.sequence)
        ).all()
    )
