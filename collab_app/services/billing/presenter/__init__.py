"""What billing shows: the one presentation boundary of the area.

The billing services read and compute typed values (cents, dates, split results); this package
turns them into the frozen view objects the states, the PDF, Factur-X and the CSV exports use,
with the shared formatters of :mod:`collab_app.i18n`. One view class per concept, by subject:

- issued invoices and credit notes per role, and what can be credited (``invoices``);
- the split calculator: drafts, deliverables, a draft's lines and preview (``calculator``);
- rates: a person's profile, project rates, VAT rates (``rates``);
- the collective's invoicing identity (``identity``);
- the CSV exports: the time report, an invoice's split (``exports``).
"""

from collab_app.services.billing.presenter.calculator import (
    CellUI,
    DeliverableView,
    DraftSummary,
    LineUI,
    ShareUI,
    deliverable_view,
    draft_summary,
    line_rows,
    preview_fields,
)
from collab_app.services.billing.presenter.exports import csv_bytes, split_rows, time_rows
from collab_app.services.billing.presenter.identity import BillingView, billing_view
from collab_app.services.billing.presenter.invoices import (
    CreditLineOption,
    InvoiceDetail,
    InvoiceSummary,
    MoneyRow,
    ShareView,
    client_lines,
    credit_option,
    invoice_detail,
    invoice_summary,
    share_view,
)
from collab_app.services.billing.presenter.rates import (
    ProfileView,
    RateRow,
    amount_text,
    format_bp,
    profile_view,
    rate_row,
    vat_label,
)

__all__ = [
    "BillingView",
    "CellUI",
    "CreditLineOption",
    "DeliverableView",
    "DraftSummary",
    "InvoiceDetail",
    "InvoiceSummary",
    "LineUI",
    "MoneyRow",
    "ProfileView",
    "RateRow",
    "ShareUI",
    "ShareView",
    "amount_text",
    "billing_view",
    "client_lines",
    "credit_option",
    "csv_bytes",
    "deliverable_view",
    "draft_summary",
    "format_bp",
    "invoice_detail",
    "invoice_summary",
    "line_rows",
    "preview_fields",
    "profile_view",
    "rate_row",
    "share_view",
    "split_rows",
    "time_rows",
    "vat_label",
]
