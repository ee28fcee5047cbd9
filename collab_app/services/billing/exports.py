"""CSV exports: the time report and an invoice's split, in the reader's language.

Both go through the same permission rules as the screens: the time report holds only the
entries the viewer may read (:func:`collab_app.services.time_tracking.readable_clause`); the
split holds every share for managers, the member's own share (and the invoice total) for a
member, and only their own share for a guest paid on the invoice. Clients get ``NotFound``.

The rows and the file's notation come from :mod:`collab_app.services.billing.presenter.exports`.
"""

from __future__ import annotations

from sqlmodel import Session, select

from collab_app.models import InvoiceShare
from collab_app.services import time_tracking
from collab_app.services.billing import presenter
from collab_app.services.billing.issued import require_issued
from collab_app.services.billing.links import credited_shares
from collab_app.services.errors import NotFound
from collab_app.services.viewer import Viewer

MAX_ROWS = 100_000


def time_csv(
    session: Session, viewer: Viewer, *, criteria: time_tracking.ReportCriteria, locale: str = "en"
) -> tuple[str, bytes]:
    """Export the time the viewer may read over a period, one entry per row.

    Args:
        criteria: The period, and optionally one project and one person (as the report).
        locale: The reader's language.

    Returns:
        (file name, CSV bytes).
    """
    first, last, condition = time_tracking.period_condition(session, viewer, criteria)
    entries = time_tracking.list_entries(
        session, viewer, condition=condition, locale=locale, limit=MAX_ROWS
    )
    rows = presenter.time_rows(entries, locale)
    return f"time-{first.isoformat()}-{last.isoformat()}.csv", presenter.csv_bytes(rows, locale)


def split_csv(
    session: Session, viewer: Viewer, *, invoice_id: object, locale: str = "en"
) -> tuple[str, bytes]:
    """Export an issued invoice's split: one row per member and line, then member totals.

    Args:
        viewer: A manager, a member, or a guest paid on the invoice.
        locale: The reader's language.

    Returns:
        (file name, CSV bytes).

    Raises:
        NotFound: Unknown invoice, or a client (the split is internal).
    """
    issued = require_issued(session, viewer, invoice_id)
    invoice, access = issued.invoice, issued.access
    if access.is_client:
        raise NotFound()
    if access.is_manager:
        shares = list(
            session.exec(
                select(InvoiceShare)
                .where(InvoiceShare.invoice_id == invoice.id)
                .order_by(InvoiceShare.name)
            ).all()
        )
    else:
        shares = [issued.own_share] if issued.own_share else []
    credited = credited_shares(session, invoice) if invoice.kind == "invoice" else {}
    rows = presenter.split_rows(
        invoice, shares, credited, locale, manager=access.is_manager, private=access.is_guest
    )
    return f"split-{invoice.number}.csv", presenter.csv_bytes(rows, locale)
