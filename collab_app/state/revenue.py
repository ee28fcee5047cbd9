"""The split calculator (managers): drafts, lines, shares and weights, live totals, issuing.

Only a project's managers may see its money, so every money var here is filled only after a
service has confirmed the manager role (``invoices.load_draft``/``preview`` raise ``NotFound``
for anyone else); a non-manager's tab keeps these vars empty. The draft being edited lives in
the backend-only ``_draft``; every edit re-validates its input, rebuilds ``_draft`` and asks the
service for a new preview (which checks the role again), so totals update at once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import reflex as rx

from collab_app.services import permissions
from collab_app.services.billing import deliverables, invoices, presenter, rates
from collab_app.services.billing.presenter import (
    CellUI,
    DeliverableView,
    DraftSummary,
    LineUI,
    MoneyRow,
    RateRow,
    ShareUI,
)
from collab_app.services.billing.split import Computed, LineDraft, SplitDraft
from collab_app.services.errors import DomainError, ValidationError
from collab_app.services.viewer import Viewer
from collab_app.state.forms import form_text
from collab_app.state.project_page import ProjectPageMixin
from collab_app.state.session import PageState, guarded, page_load

__all__ = ["CellUI", "LineUI", "ShareUI", "SplitState"]

DRAFT_FIELDS = (
    "fee_percent",
    "title",
    "client_name",
    "client_address",
    "due_date",
    "client_siren",
    "client_vat_number",
    "client_delivery_address",
)
LINE_FIELDS = ("label", "amount", "method", "period_start", "period_end")
MAX_TEXT = 300


class SplitState(ProjectPageMixin, PageState):
    """The split calculator of one project."""

    split_project_id: int = 0
    project_name: str = ""
    drafts: list[DraftSummary] = []
    deliverable_rows: list[DeliverableView] = []
    rate_rows: list[RateRow] = []
    # The open draft.
    draft_id: int = 0
    fee_percent: str = "0"
    title: str = ""
    client_name: str = ""
    client_address: str = ""
    due_date: str = ""
    client_siren: str = ""
    client_vat_number: str = ""
    client_delivery_address: str = ""
    lines: list[LineUI] = []
    dirty: bool = False
    # Its preview.
    preview_error: str = ""
    vat_disclosure: str = ""
    billing_fix_url: str = ""
    billing_missing: str = ""
    shares: list[ShareUI] = []
    chart: list[dict[str, Any]] = []
    total: str = ""
    fee_amount: str = ""
    distributed: str = ""
    vat_rows: list[MoneyRow] = []
    total_vat: str = ""
    total_incl: str = ""
    mentions: list[str] = []
    fee_explanation: list[str] = []
    _draft: SplitDraft | None = None
    _roster: list[tuple[int, str]] = []

    def _reset_page(self) -> None:
        self.split_project_id, self.project_name = 0, ""
        self.billing_fix_url, self.billing_missing = "", ""
        self.drafts, self.deliverable_rows, self.rate_rows = [], [], []
        self._close()

    def _close(self) -> None:
        self._set_draft(SplitDraft(), dirty=False)
        self.draft_id, self._draft, self._roster, self.lines = 0, None, [], []
        self._clear_preview()

    def _clear_preview(self) -> None:
        self.preview_error, self.shares, self.chart = "", [], []
        self.vat_disclosure = ""
        self.total = self.fee_amount = self.distributed = ""
        self.total_vat = self.total_incl = ""
        self.vat_rows, self.mentions, self.fee_explanation = [], [], []

    load = page_load()

    def _load(self, session: Any, viewer: Viewer) -> None:
        # Live, so a manager who loses the role loses the money in this tab at once.
        detail = self._open_project(session, viewer)
        is_manager = permissions.abilities_for(detail.role).is_manager
        if not is_manager:
            self._reset_page()
        self.split_project_id, self.project_name = detail.id, detail.name
        if not is_manager:
            return
        self._check_billing(session, viewer, detail.collective_id)
        self._load_lists(session, viewer)
        query = self.router.url.query_parameters.get("draft", "")
        if self.dirty and self.draft_id:
            # A live refresh while the manager edits: keep the edits, recompute their preview.
            self._preview(session, viewer)
        elif query:
            self._open(session, viewer, query)

    def _check_billing(self, session: Any, viewer: Viewer, collective_id: int) -> None:
        """Say before any attempt to issue which invoicing details the collective still lacks."""
        missing = invoices.missing_billing(session, viewer, project_id=self.split_project_id)
        self.billing_missing = ", ".join(self._t(f"revenue.billing_field_{m}") for m in missing)
        self.billing_fix_url = f"/collectives/{collective_id}/billing" if missing else ""

    def _load_lists(self, session: Any, viewer: Viewer) -> None:
        pid = self.split_project_id
        self.drafts = invoices.list_drafts(session, viewer, project_id=pid)
        self.deliverable_rows = deliverables.list_deliverables(
            session, viewer, project_id=pid, locale=self.lang
        )
        self.rate_rows = rates.list_rates(session, viewer, project_id=pid, locale=self.lang)

    def _open(self, session: Any, viewer: Viewer, draft_id: object) -> None:
        data = invoices.load_draft(session, viewer, invoice_id=draft_id)
        if data.project_id != self.split_project_id:
            raise ValidationError("error.not_found")
        self.draft_id = data.invoice_id
        self._roster = [(p.user_id, p.name) for p in data.roster]
        self._set_draft(data.draft, dirty=False)
        self._preview(session, viewer)

    def _set_draft(self, draft: SplitDraft, *, dirty: bool = True) -> None:
        self._draft, self.dirty = draft, dirty
        # The fee and the client block are edited as plain vars, one per draft field.
        for name in DRAFT_FIELDS:
            setattr(self, name, getattr(draft, name))

    def _preview(self, session: Any, viewer: Viewer) -> None:
        self._clear_preview()
        computed: Computed | None = None
        try:
            computed = invoices.preview(
                session, viewer, invoice_id=self.draft_id, draft=self._draft
            )
        except ValidationError as error:
            self.preview_error = self._error_text(error)
        self._show(computed)

    def _show(self, computed: Computed | None) -> None:
        if computed is not None:
            for name, value in presenter.preview_fields(computed, self.lang).items():
                setattr(self, name, value)
        self.lines = presenter.line_rows(
            self._draft or SplitDraft(), self._roster, computed, self.lang
        )

    def _edit(self, draft: SplitDraft) -> None:
        self._set_draft(draft)
        self._with_viewer(self._preview)

    def _require_open(self) -> SplitDraft:
        if self._draft is None or not self.draft_id:
            raise ValidationError("error.not_found")
        return self._draft

    def _reload_lists(self) -> None:
        self._with_viewer(self._load_lists)

    # --- drafts ------------------------------------------------------------------------------

    @rx.event
    @guarded
    def new_draft(self):
        """Start a draft with everything not invoiced yet, and open it."""
        draft_id = self._call(invoices.create_draft, project_id=self._project_id())
        self._call(self._open, draft_id=draft_id)
        self._reload_lists()

    @rx.event
    @guarded
    def open_draft(self, draft_id: int):
        """Open a saved draft in the calculator.

        Args:
            draft_id: Id of one of the project's drafts (checked by the service).
        """
        self._close()
        self._call(self._open, draft_id=draft_id)

    @rx.event
    @guarded
    def close_draft(self):
        """Close the calculator (unsaved edits are dropped)."""
        self._close()

    @rx.event
    @guarded
    def delete_draft(self, draft_id: int):
        """Delete a draft.

        Args:
            draft_id: Id of one of the project's drafts (checked by the service).
        """
        self._call(invoices.delete_draft, invoice_id=draft_id)
        if draft_id == self.draft_id:
            self._close()
        self._reload_lists()

    @rx.event
    @guarded
    def save(self):
        """Save the open draft."""
        draft = self._require_open()
        self._call(invoices.save_draft, invoice_id=self.draft_id, draft=draft)
        self.dirty = False
        self._reload_lists()
        return rx.toast.success(self._t("revenueui.draft_saved"))

    @rx.event
    @guarded
    def issue(self):
        """Save the open draft, issue it as the next invoice, and show the invoice."""
        draft = self._require_open()
        invoice_id = self.draft_id
        try:
            number = self._call(self._save_and_issue, invoice_id=invoice_id, draft=draft)
        except ValidationError as error:
            if error.code == "revenue.billing_incomplete":
                self.billing_missing = str(error.params["missing"])
                self.billing_fix_url = f"/collectives/{error.params['collective_id']}/billing"
            raise
        self._close()
        return [
            rx.toast.success(self._t("revenueui.issued", number=number)),
            rx.redirect(f"/projects/{self.split_project_id}/invoices?invoice={invoice_id}"),
        ]

    def _save_and_issue(
        self, session: Any, viewer: Viewer, *, invoice_id: int, draft: SplitDraft
    ) -> str:
        invoices.save_draft(session, viewer, invoice_id=invoice_id, draft=draft)
        return invoices.issue(session, viewer, invoice_id=invoice_id, locale=self.lang)

    # --- editing -----------------------------------------------------------------------------

    @rx.event
    @guarded
    def set_draft_field(self, name: str, value: str):
        """Change the fee or the client block of the open draft.

        Args:
            name: One of ``DRAFT_FIELDS``.
            value: The typed text.
        """
        draft = self._require_open()
        if name not in DRAFT_FIELDS or not isinstance(value, str) or len(value) > MAX_TEXT:
            raise ValidationError("revenue.line_invalid", line="")
        self._edit(replace(draft, **{name: value}))

    @rx.event
    @guarded
    def set_line_field(self, key: str, name: str, value: str):
        """Change a line's label, amount, method or period.

        Args:
            key: The line's key.
            name: One of ``LINE_FIELDS``.
            value: The typed text.
        """
        draft = self._require_open()
        if name not in LINE_FIELDS or not isinstance(value, str) or len(value) > MAX_TEXT:
            raise ValidationError("revenue.line_invalid", line="")
        self._edit(self._map_line(draft, key, lambda line: replace(line, **{name: value})))

    @rx.event
    @guarded
    def set_cell(self, key: str, member_id: int, value: str):
        """Change one person's share or weight on a line.

        Args:
            key: The line's key.
            member_id: A person on the roster.
            value: The typed share (percent) or weight.
        """
        draft = self._require_open()
        if member_id not in {uid for uid, _ in self._roster} or not isinstance(value, str):
            raise ValidationError("revenue.member_not_on_project", line="")
        text = value.strip()[:20]

        def change(line: LineDraft) -> LineDraft:
            values = [(uid, v) for uid, v in line.values if uid != member_id]
            if text:
                values.append((member_id, text))
            return replace(line, values=tuple(sorted(values)))

        self._edit(self._map_line(draft, key, change))

    @staticmethod
    def _map_line(draft: SplitDraft, key: object, change: Any) -> SplitDraft:
        if not any(line.key == key for line in draft.lines):
            raise ValidationError("revenue.line_invalid", line="")
        return replace(
            draft, lines=tuple(change(line) if line.key == key else line for line in draft.lines)
        )

    @rx.event
    @guarded
    def add_line(self, basis: str):
        """Add an empty line of a basis to the open draft.

        Args:
            basis: ``milestone``, ``time``, ``bonus`` or ``fixed``.
        """
        draft = self._require_open()
        self._edit(
            self._call(invoices.add_line, invoice_id=self.draft_id, draft=draft, basis=basis)
        )

    @rx.event
    @guarded
    def remove_line(self, key: str):
        """Remove a line from the open draft.

        Args:
            key: The line's key.
        """
        draft = self._require_open()
        self._edit(replace(draft, lines=tuple(x for x in draft.lines if x.key != key)))

    # --- deliverables and rates --------------------------------------------------------------

    @rx.event
    @guarded
    def add_deliverable(self, form_data: dict[str, Any]):
        """Add a milestone or a bonus to the project.

        Args:
            form_data: ``deliverable_kind``, ``deliverable_name``, ``deliverable_amount``.
        """
        self._call(
            deliverables.add_deliverable,
            project_id=self._project_id(),
            kind=form_text(form_data, "deliverable_kind"),
            name=form_text(form_data, "deliverable_name"),
            amount=form_text(form_data, "deliverable_amount"),
        )
        self._reload_lists()
        return [rx.set_value("deliverable_name", ""), rx.set_value("deliverable_amount", "")]

    @rx.event
    @guarded
    def delete_deliverable(self, deliverable_id: int):
        """Delete a deliverable not invoiced yet.

        Args:
            deliverable_id: Its id (checked by the service).
        """
        self._call(deliverables.delete_deliverable, deliverable_id=deliverable_id)
        self._reload_lists()

    @rx.event
    @guarded
    def save_rate(self, form_data: dict[str, Any]):
        """Set one person's rate on the project (empty: back to their default).

        Args:
            form_data: ``rate_user``, ``rate``, ``rate_unit``, ``management_rate``.
        """
        self._call(
            rates.set_project_rate,
            project_id=self._project_id(),
            user_id=form_text(form_data, "rate_user"),
            rate=form_text(form_data, "rate"),
            rate_unit=form_text(form_data, "rate_unit"),
            management_rate=form_text(form_data, "management_rate"),
        )
        self._reload_lists()
        if self._draft is not None:
            try:
                self._with_viewer(self._preview)
            except DomainError:
                self._clear_preview()
        return rx.toast.success(self._t("form.saved"))
