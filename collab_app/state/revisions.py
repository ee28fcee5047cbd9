"""The revisions page of a project.

It shows the counter, the terms, the round being composed, the rounds and the change orders;
managers edit the terms there and the team exports the history as CSV.

Every var here is sent to the browser: they hold only the views the services built for this
viewer (a client's views carry no time, cost or internal note). Every handler sends ids from
the URL or from the client back to the services, which check them again; prices to confirm
are taken from this state's own copy of what was shown, never from the event.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.services import permissions, revisions
from collab_app.services.errors import Conflict
from collab_app.services.revisions import (
    Abilities,
    ChangeOrderView,
    CounterView,
    DraftView,
    ItemView,
    Option,
    OverageConfirmationNeeded,
    RoundSummary,
    TermsSettings,
    TermsView,
)
from collab_app.services.viewer import Viewer
from collab_app.state.forms import form_text
from collab_app.state.session import PageState, guarded, page_load

# The terms form's fields, named as ``revisions.TermsForm``'s; an empty amount reads as 0.
TERMS_FIELDS = (
    "counts_text",
    "excluded_text",
    "response_days",
    "overage_mode",
    "contact_id",
    "lead_id",
    "holidays",
)
TERMS_AMOUNTS = ("overage_price", "overage_hours", "hourly_rate")


class RevisionsState(PageState):
    """Projection of a project's revisions for the viewer."""

    rev_project_id: int = 0
    rev_project_name: str = ""
    rev_abilities: Abilities | None = None
    rev_terms: TermsView | None = None
    rev_counter: CounterView | None = None
    rev_draft: DraftView | None = None
    rev_rounds: list[RoundSummary] = []
    rev_change_orders: list[ChangeOrderView] = []
    # Change orders waiting for this viewer's decision (the client contact only).
    rev_decisions: list[ChangeOrderView] = []
    rev_guest_items: list[ItemView] = []
    deliverable_options: list[Option] = []
    # Managers only: the terms form.
    rev_settings: TermsSettings | None = None
    # The "this round is billable" confirmation, and the change order being declined.
    confirm_open: bool = False
    decline_id: int = 0
    # Bumped after each added item so the form re-mounts empty.
    item_form_key: int = 0

    def _reset_page(self) -> None:
        self.rev_project_id, self.rev_project_name = 0, ""
        self.rev_abilities = self.rev_terms = self.rev_counter = None
        self.rev_draft = self.rev_settings = None
        self.rev_rounds, self.rev_change_orders, self.rev_guest_items = [], [], []
        self.rev_decisions = []
        self.deliverable_options = []
        self.confirm_open, self.decline_id = False, 0

    load = page_load(clear_errors=True)

    def _load(self, session: Any, viewer: Viewer) -> None:
        pid = self._project_id()
        self._watch_project(permissions.coerce_id(pid))
        view = revisions.overview(session, viewer, project_id=pid, locale=self.lang)
        self.rev_project_id, self.rev_project_name = view.project_id, view.project_name
        self.rev_abilities, self.rev_terms, self.rev_counter = (
            view.abilities,
            view.terms,
            view.counter,
        )
        self.rev_draft = view.draft
        self.rev_rounds, self.rev_change_orders = list(view.rounds), list(view.change_orders)
        self.rev_decisions = list(view.decisions)
        self.rev_guest_items = list(view.items)
        self.deliverable_options = (
            list(revisions.deliverable_options(session, view.project_id))
            if view.abilities.can_draft
            else []
        )
        self.rev_settings = (
            revisions.get_settings(session, viewer, project_id=pid, locale=self.lang)
            if view.abilities.can_edit_terms
            else None
        )
        if self.rev_draft is None:
            self.confirm_open = False
        if self.decline_id and not any(
            o.id == self.decline_id and o.status == "proposed" for o in self.rev_change_orders
        ):
            self.decline_id = 0

    # --- composing and submitting ---------------------------------------------------------------

    @rx.event
    @guarded
    def add_item(self, form_data: dict[str, Any]):
        """Add a request to the round being composed.

        Args:
            form_data: ``description``, ``deliverable_id``, ``priority``, ``attachment_url``.
        """
        toast = self._act(
            revisions.add_item,
            done="revisions.ui.item_added",
            project_id=self._project_id(),
            description=form_text(form_data, "description"),
            deliverable_id=form_text(form_data, "deliverable_id") or None,
            priority=form_text(form_data, "priority") or "normal",
            attachment_url=form_text(form_data, "attachment_url"),
        )
        self.item_form_key += 1
        return toast

    @rx.event
    @guarded
    def remove_item(self, item_id: int):
        """Take a request out of the round being composed.

        Args:
            item_id: The request's id (checked by the service).
        """
        self._act(revisions.remove_item, item_id=item_id)

    @rx.event
    @guarded
    def submit_round(self):
        """Submit the draft; a billable round first asks for confirmation of its price."""
        self._clear_errors()
        if self.rev_draft is None:
            return None
        if self.rev_draft.billable:
            self.confirm_open = True
            return None
        return self._submit(confirm=False)

    @rx.event
    @guarded
    def confirm_submit(self):
        """Submit a billable round at the price shown in the confirmation."""
        self._clear_errors()
        if self.rev_draft is None:
            self.confirm_open = False
            return None
        return self._submit(confirm=True)

    @rx.event
    def cancel_submit(self):
        """Close the confirmation without submitting."""
        self.confirm_open = False

    def _submit(self, *, confirm: bool):
        draft_id, price = self.rev_draft.id, self.rev_draft.price_cents
        try:
            number = self._call(
                revisions.submit_round,
                round_id=draft_id,
                confirm_billable=confirm,
                expected_price_cents=price if confirm else None,
                locale=self.lang,
            )
        except OverageConfirmationNeeded:
            # The round became billable meanwhile: show the price and ask.
            self._reload()
            self.confirm_open = self.rev_draft is not None
            return None
        except Conflict:
            self.confirm_open = False
            self._reload()
            raise
        self.confirm_open = False
        self._reload()
        return rx.toast.success(self._t("revisions.ui.submitted", number=number))

    # --- change orders ------------------------------------------------------------------------

    def _shown_price(self, change_order_id: int) -> int | None:
        for order in self.rev_change_orders:
            if order.id == change_order_id:
                return order.price_cents
        return None

    def _decide(self, change_order_id: int, *, done: str, **arguments: Any):
        """Send the contact's decision; the page is re-read whatever the answer."""
        try:
            self._call(
                revisions.decide, change_order_id=change_order_id, locale=self.lang, **arguments
            )
        finally:
            self._reload()
        return rx.toast.success(self._t(done))

    @rx.event
    @guarded
    def approve_change_order(self, change_order_id: int):
        """Approve a change order at the price shown (the designated client contact).

        Args:
            change_order_id: Its id (checked by the service).
        """
        return self._decide(
            change_order_id,
            done="revisions.ui.co_approved",
            approve=True,
            expected_price_cents=self._shown_price(change_order_id),
        )

    @rx.event
    def open_decline(self, change_order_id: int):
        """Ask for the reason of a refusal.

        Args:
            change_order_id: The change order (the service checks it on submit).
        """
        self._clear_errors()
        self.decline_id = change_order_id if isinstance(change_order_id, int) else 0

    @rx.event
    def close_decline(self):
        """Close the refusal form."""
        self.decline_id = 0

    @rx.event
    @guarded
    def decline_change_order(self, form_data: dict[str, Any]):
        """Decline the change order being declined, with an optional reason.

        Args:
            form_data: ``co_reason``.
        """
        toast = self._decide(
            self.decline_id,
            done="revisions.ui.co_declined",
            approve=False,
            reason=form_text(form_data, "co_reason"),
        )
        self.decline_id = 0
        return toast

    # --- terms (managers) and export (team) ----------------------------------------------------

    @rx.event
    @guarded
    def save_terms(self, form_data: dict[str, Any]):
        """Save the revision terms.

        Args:
            form_data: The terms form's fields.
        """
        form = revisions.TermsForm(
            **{name: form_text(form_data, name) for name in TERMS_FIELDS},
            **{name: form_text(form_data, name) or "0" for name in TERMS_AMOUNTS},
        )
        return self._act(
            revisions.update_terms, done="form.saved", project_id=self._project_id(), form=form
        )

    @rx.event
    @guarded
    def add_deliverable(self, form_data: dict[str, Any]):
        """Add a deliverable with its own terms.

        Args:
            form_data: ``deliverable_name``, ``deliverable_rounds``, ``deliverable_note``.
        """
        toast = self._act(
            revisions.add_deliverable,
            done="form.saved",
            project_id=self._project_id(),
            name=form_text(form_data, "deliverable_name"),
            included_rounds=form_text(form_data, "deliverable_rounds"),
            note=form_text(form_data, "deliverable_note"),
        )
        return [rx.set_value("deliverable_name", ""), toast]

    @rx.event
    @guarded
    def delete_deliverable(self, deliverable_id: int):
        """Remove a deliverable no request refers to.

        Args:
            deliverable_id: Its id (checked by the service).
        """
        self._act(
            revisions.delete_deliverable,
            project_id=self._project_id(),
            deliverable_id=deliverable_id,
        )

    @rx.event
    @guarded
    def export_csv(self):
        """Download the revision history as CSV (the team; checked by the service)."""
        text, filename = self._call(
            revisions.export_history, project_id=self._project_id(), locale=self.lang
        )
        # A byte-order mark lets spreadsheet programs read the accents right.
        return rx.download(data="\ufeff" + text, filename=filename, mime_type="text/csv")
