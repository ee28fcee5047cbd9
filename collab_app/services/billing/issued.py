"""Reading issued invoices and credit notes, each reader seeing only their part.

- managers: everything (lines, totals, VAT, the collective fee, every member's share and
  explanation);
- members: the invoice (lines, totals, VAT) and their own share with its full explanation;
- guests: only their own share, with an explanation that names no other money figure, and only
  on invoices that pay them (any other invoice is ``NotFound``);
- clients: the issued invoice (lines, totals, VAT, legal mentions), never the split.

Drafts are never read here (the calculator in :mod:`collab_app.services.billing.invoices` is for
managers). Everything is read from the frozen rows written at issue time and projected by
:mod:`collab_app.services.billing.presenter`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from collab_app.models import Invoice, InvoiceShare
from collab_app.services import permissions
from collab_app.services.billing import presenter
from collab_app.services.billing.drafts import lines_of
from collab_app.services.billing.links import (
    credit_notes,
    credited_shares,
    number_of,
    reference_of,
)
from collab_app.services.billing.presenter import InvoiceDetail, InvoiceSummary, ShareView
from collab_app.services.errors import NotFound
from collab_app.services.permissions import ProjectAccess
from collab_app.services.viewer import Viewer


@dataclass(frozen=True, slots=True)
class IssuedAccess:
    """An issued invoice the viewer may read, with their access and own share row."""

    invoice: Invoice
    access: ProjectAccess
    own_share: InvoiceShare | None


def require_managed(
    session: Session, viewer: Viewer, invoice_id: object, *, status: str
) -> tuple[Invoice, ProjectAccess]:
    """Return a draft or an issued invoice of a project the viewer manages.

    Args:
        invoice_id: Id received from the client, of any type.
        status: ``draft`` or ``issued``: what the caller works on.

    Returns:
        The invoice and the viewer's access to its project.

    Raises:
        NotFound: Unknown, of another status, or the viewer is not a manager of its project.
    """
    invoice = session.get(Invoice, permissions.coerce_id(invoice_id))
    if invoice is None:
        raise NotFound()
    access = permissions.require_project(session, viewer, invoice.project_id)
    if not access.is_manager or invoice.status != status:
        raise NotFound()
    return invoice, access


def require_issued(session: Session, viewer: Viewer, invoice_id: object) -> IssuedAccess:
    """Return an issued invoice the viewer may read.

    Args:
        invoice_id: Id received from the client, of any type.

    Returns:
        The invoice, the viewer's access and their own share (if any).

    Raises:
        NotFound: Unknown, a draft, or not readable by the viewer (a guest it does not pay).
    """
    invoice = session.get(Invoice, permissions.coerce_id(invoice_id))
    if invoice is None or invoice.status != "issued":
        raise NotFound()
    access = permissions.require_project(session, viewer, invoice.project_id)
    own = session.exec(
        select(InvoiceShare).where(
            InvoiceShare.invoice_id == invoice.id, InvoiceShare.user_id == viewer.user_id
        )
    ).first()
    if access.role not in permissions.INVOICE_ROLES and (not access.is_guest or own is None):
        raise NotFound()
    return IssuedAccess(invoice=invoice, access=access, own_share=own)


def _shares(session: Session, issued: IssuedAccess, locale: str) -> tuple[ShareView, ...]:
    access, invoice = issued.access, issued.invoice
    credited = credited_shares(session, invoice) if invoice.kind == "invoice" else {}
    if access.is_manager:
        rows = session.exec(
            select(InvoiceShare)
            .where(InvoiceShare.invoice_id == invoice.id)
            .order_by(InvoiceShare.name)
        ).all()
        return tuple(
            presenter.share_view(
                r, invoice, locale, private=False, credited=credited.get(r.user_id, 0)
            )
            for r in rows
        )
    if issued.own_share is None or access.is_client:
        return ()
    own = issued.own_share
    return (
        presenter.share_view(
            own, invoice, locale, private=access.is_guest, credited=credited.get(own.user_id, 0)
        ),
    )


def get_invoice(
    session: Session, viewer: Viewer, *, invoice_id: object, locale: str = "en"
) -> InvoiceDetail:
    """Return an issued invoice or credit note as the viewer may see it.

    Args:
        locale: For amounts, dates and explanations.

    Returns:
        The projected detail.
    """
    issued = require_issued(session, viewer, invoice_id)
    invoice = issued.invoice
    return presenter.invoice_detail(
        invoice,
        issued.access,
        line_rows=lines_of(session, invoice.id),
        notes=credit_notes(session, invoice.id),
        credits_number=number_of(session, invoice.credits_invoice_id),
        corrects=reference_of(session, invoice.credits_invoice_id),
        shares=_shares(session, issued, locale),
        locale=locale,
    )


def list_invoices(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en"
) -> list[InvoiceSummary]:
    """Return a project's issued invoices and credit notes the viewer may read.

    Managers, members and clients see every issued document with its total (members also their
    own share); a guest sees only those that pay them, with their share and no total.

    Args:
        viewer: Someone on the project.
        locale: For amounts and dates.

    Returns:
        Newest first.
    """
    access = permissions.require_project(session, viewer, project_id)
    query = select(Invoice).where(
        Invoice.project_id == access.project.id, Invoice.status == "issued"
    )
    if access.is_guest:
        query = query.where(
            Invoice.id.in_(
                select(InvoiceShare.invoice_id).where(InvoiceShare.user_id == viewer.user_id)
            )
        )
    invoices = session.exec(query.order_by(Invoice.sequence.desc())).all()
    own: dict[int, int] = {}
    if invoices and not access.is_client:
        own = dict(
            session.exec(
                select(InvoiceShare.invoice_id, InvoiceShare.base_cents).where(
                    InvoiceShare.user_id == viewer.user_id,
                    InvoiceShare.invoice_id.in_([i.id for i in invoices]),
                )
            ).all()
        )
    credited = set(
        session.exec(
            select(Invoice.credits_invoice_id).where(
                Invoice.credits_invoice_id.in_([i.id for i in invoices] or [0])
            )
        ).all()
    )
    return [
        presenter.invoice_summary(
            i,
            locale=locale,
            show_total=not access.is_guest,
            own_cents=own.get(i.id),
            credited=i.id in credited,
        )
        for i in invoices
    ]
