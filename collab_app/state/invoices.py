"""A project's issued invoices and credit notes, each reader seeing only their part.

The services project every figure for the reader's role before it reaches a var: managers get
everything, members the totals and their own share, guests only their own share on invoices
that pay them, clients the invoices without any split.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.services import invoice_views, invoices, permissions, projects
from collab_app.services.invoice_views import InvoiceDetail, InvoiceSummary
from collab_app.services.viewer import Viewer
from collab_app.state.session import PageState, guarded


class InvoicesState(PageState):
    """The invoices page of one project."""

    inv_project_id: int = 0
    project_name: str = ""
    role: str = ""
    invoice_rows: list[InvoiceSummary] = []
    detail: InvoiceDetail | None = None

    @rx.var
    def pdf_url(self) -> str:
        """Download link of the open invoice's PDF (the route checks the session again)."""
        return f"/api/revenue/invoices/{self.detail.id}/pdf" if self.detail else ""

    @rx.var
    def split_csv_url(self) -> str:
        """Download link of the open invoice's split as CSV."""
        return f"/api/revenue/invoices/{self.detail.id}/split.csv" if self.detail else ""

    def _project_id(self) -> str:
        return self._route_arg("project_id")

    def _reset_page(self) -> None:
        self.inv_project_id, self.project_name, self.role = 0, "", ""
        self.invoice_rows, self.detail = [], None

    @rx.event
    def load(self):
        """``on_load``: check the session, then load this page's projection."""
        return self._load_page()

    def _load(self, session: Any, viewer: Viewer) -> None:
        pid = self._project_id()
        # New or credited invoices appear without a reload (each viewer re-reads its own view).
        self._watch_project(permissions.coerce_id(pid))
        project = projects.get_project(session, viewer, project_id=pid, locale=self.lang)
        self.inv_project_id, self.project_name = project.id, project.name
        self.role = project.role
        self.invoice_rows = invoice_views.list_invoices(
            session, viewer, project_id=pid, locale=self.lang
        )
        wanted = self.router.url.query_parameters.get("invoice", "")
        if wanted:
            self._open(session, viewer, wanted)

    def _open(self, session: Any, viewer: Viewer, invoice_id: object) -> None:
        detail = invoice_views.get_invoice(session, viewer, invoice_id=invoice_id, locale=self.lang)
        if detail.project_id != self.inv_project_id:
            detail = None
        self.detail = detail

    @rx.event
    @guarded
    def open_invoice(self, invoice_id: int):
        """Show one invoice.

        Args:
            invoice_id: Its id (checked by the service).
        """
        self._clear_errors()
        self.detail = None
        self._with_viewer(lambda session, viewer: self._open(session, viewer, invoice_id))

    @rx.event
    @guarded
    def close_invoice(self):
        """Go back to the list."""
        self.detail = None

    @rx.event
    @guarded
    def credit(self):
        """Cancel the open invoice with a credit note (managers)."""
        self._clear_errors()
        if self.detail is None:
            return None
        invoice_id = self.detail.id
        number = self._with_viewer(
            lambda session, viewer: invoices.credit(session, viewer, invoice_id=invoice_id)
        )
        self._with_viewer(self._load)
        self._with_viewer(lambda session, viewer: self._open(session, viewer, invoice_id))
        return rx.toast.success(self._t("revenueui.credited", number=number))
