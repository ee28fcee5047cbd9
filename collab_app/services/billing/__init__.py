"""Billing: rates, deliverables, draft splits, issued invoices, credit notes and their files.

The public API of the area, by concept:

- rates (``rates``): each person's default rate and VAT status, and project rates; who is
  paid on a project at which rate (``payees``);
- deliverables (``deliverables``): milestones and bonuses billed on a project;
- drafts and issuing (``invoices``, ``drafts``, ``split``): the managers' split calculator;
- issued invoices per role (``issued``), credit notes (``credits``);
- the collective's invoicing identity (``identity``);
- files: the client PDF (``pdf``), Factur-X (``facturx``), CSV exports (``exports``);
- what the screens and files show (``presenter``).

Internals (numbering, links, mentions, identifiers, snapshots, the split engine and its adapter)
are used by these modules only.
"""

from collab_app.services.billing.credits import credit_options
from collab_app.services.billing.deliverables import (
    add_deliverable,
    delete_deliverable,
    list_deliverables,
)
from collab_app.services.billing.exports import split_csv, time_csv
from collab_app.services.billing.facturx import facturx_pdf
from collab_app.services.billing.identity import (
    FIELDS,
    BillingErrors,
    get_billing,
    save_billing,
)
from collab_app.services.billing.invoices import (
    DraftData,
    RosterPerson,
    add_line,
    create_draft,
    credit,
    delete_draft,
    issue,
    list_drafts,
    load_draft,
    missing_billing,
    preview,
    save_draft,
)
from collab_app.services.billing.issued import get_invoice, list_invoices
from collab_app.services.billing.pdf import invoice_pdf
from collab_app.services.billing.presenter import (
    BillingView,
    CellUI,
    CreditLineOption,
    DeliverableView,
    DraftSummary,
    InvoiceDetail,
    InvoiceSummary,
    LineUI,
    MoneyRow,
    ProfileView,
    RateRow,
    ShareUI,
    ShareView,
)
from collab_app.services.billing.rates import (
    get_profile,
    list_rates,
    save_profile,
    set_project_rate,
)
from collab_app.services.billing.split import Computed, LineDraft, SplitDraft

__all__ = [
    "FIELDS",
    "BillingErrors",
    "BillingView",
    "CellUI",
    "Computed",
    "CreditLineOption",
    "DeliverableView",
    "DraftData",
    "DraftSummary",
    "InvoiceDetail",
    "InvoiceSummary",
    "LineDraft",
    "LineUI",
    "MoneyRow",
    "ProfileView",
    "RateRow",
    "RosterPerson",
    "ShareUI",
    "ShareView",
    "SplitDraft",
    "add_deliverable",
    "add_line",
    "create_draft",
    "credit",
    "credit_options",
    "delete_deliverable",
    "delete_draft",
    "facturx_pdf",
    "get_billing",
    "get_invoice",
    "get_profile",
    "invoice_pdf",
    "issue",
    "list_deliverables",
    "list_drafts",
    "list_invoices",
    "list_rates",
    "load_draft",
    "missing_billing",
    "preview",
    "save_billing",
    "save_draft",
    "save_profile",
    "set_project_rate",
    "split_csv",
    "time_csv",
]
