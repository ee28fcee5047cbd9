"""A project's issued invoices and credit notes, each reader seeing only their part.

The services project every figure for the reader's role before it reaches a var: managers get
everything, members the totals and their own share, guests only their own share on invoices
that pay them, clients the invoices without any split.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.services.billing import credits as invoice_credits
from collab_app.services.billing import invoices, issued
from collab_app.services.billing.presenter import CreditLineOption, InvoiceDetail, InvoiceSummary
from collab_app.services.viewer import Viewer
from collab_app.state.forms import form_text
from collab_app.state.project_page import ProjectPageMixin
from collab_app.state.session import PageState, guarded, page_load


class InvoicesState(ProjectPageMixin, PageState):
    """The invoices page of one project."""

    inv_project_id: int = 0
    project_name: str = ""
    role: str = ""
    invoice_rows: list[InvoiceSummary] = []
    detail: InvoiceDetail | None = None
    credit_lines: list[CreditLineOption] = []
    credit_form_key: int = 0

    @rx.var
    def pdf_url(self) -> str:
        """Download link of the open invoice's PDF (the route checks the session again)."""
        return f"/api/revenue/invoices/{self.detail.id}/pdf" if self.detail else ""

    @rx.var
    def facturx_url(self) -> str:
        """Download link of the open invoice's Factur-X e-invoice (checked like the PDF)."""
        return f"/api/revenue/invoices/{self.detail.id}/facturx.pdf" if self.detail else ""

    @rx.var
    def split_csv_url(self) -> str:
        """Download link of the open invoice's split as CSV."""
        return f"/api/revenue/invoices/{self.detail.id}/split.csv" if self.detail else ""

    def _reset_page(self) -> None:
        self.inv_project_id, self.project_name, self.role = 0, "", ""
        self.invoice_rows, self.detail, self.credit_lines = [], None, []

    load = page_load()

    def _load(self, session: Any, viewer: Viewer) -> None:
        # New or credited invoices appear without a reload (each viewer re-reads its own view).
        project = self._open_project(session, viewer)
        pid = project.id
        self.inv_project_id, self.project_name = project.id, project.name
        self.role = project.role
        self.invoice_rows = issued.list_invoices(session, viewer, project_id=pid, locale=self.lang)
        wanted = self.router.url.query_parameters.get("invoice", "")
        if wanted:
            self._open(session, viewer, wanted)

    def _open(self, session: Any, viewer: Viewer, invoice_id: object) -> None:
        detail = issued.get_invoice(session, viewer, invoice_id=invoice_id, locale=self.lang)
        if detail.project_id != self.inv_project_id:
            detail = None
        self.detail = detail
        self.credit_lines = []
        if detail is not None and detail.can_credit:
            self.credit_lines = list(
                invoice_credits.credit_options(
                    session, viewer, invoice_id=detail.id, locale=self.lang
                )
            )

    @rx.event
    @guarded
    def open_invoice(self, invoice_id: int):
        """Show one invoice.

        Args:
            invoice_id: Its id (checked by the service).
        """
        self.detail, self.credit_lines = None, []
        self._call(self._open, invoice_id=invoice_id)

    @rx.event
    @guarded
    def close_invoice(self):
        """Go back to the list."""
        self.detail, self.credit_lines = None, []

    @rx.event
    @guarded
    def credit(self):
        """Credit everything that remains on the open invoice (managers)."""
        if self.detail is None:
            return None
        return self._credit(invoice_id=self.detail.id)

    def _credit(self, **arguments: Any):
        """Issue a credit note on the open invoice, show the list and the invoice again."""
        number = self._call(invoices.credit, **arguments)
        self._reload()
        self._call(self._open, invoice_id=arguments["invoice_id"])
        return rx.toast.success(self._t("revenueui.credited", number=number))

    @rx.event
    @guarded
    def credit_partial(self, form_data: dict[str, Any]):
        """Credit part of the open invoice: amounts per line or one amount, with a reason.

        Args:
            form_data: ``credit_<line key>`` amounts, ``credit_amount``, ``credit_reason``.
        """
        if self.detail is None or not isinstance(form_data, dict):
            return None
        invoice_id = self.detail.id
        keys = {line.key for line in self.credit_lines}
        lines = {
            key: form_text(form_data, f"credit_{key}")
            for key in keys
            if form_text(form_data, f"credit_{key}").strip()
        }
        toast = self._credit(
            invoice_id=invoice_id,
            lines=lines,
            amount=form_text(form_data, "credit_amount"),
            reason=form_text(form_data, "credit_reason"),
            locale=self.lang,
        )
        self.credit_form_key += 1
        return toast
