"""A collective's invoicing identity, edited by its owners and admins.

Everything here is filled only after :func:`collab_app.services.billing.identity.get_billing`
has confirmed the owner or admin role; anyone else gets the "not found" page and no var is
filled. Saving goes through the service again (which checks the role and every field). When
fields are wrong, each gets its own translated message and nothing typed is lost: the form keeps
its values (the inputs are re-mounted only after a successful save).
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.services.billing import identity as collective_billing
from collab_app.services.billing.identity import FIELDS, BillingErrors
from collab_app.services.billing.presenter import BillingView
from collab_app.services.viewer import Viewer
from collab_app.state.collective_page import CollectivePageMixin
from collab_app.state.forms import form_text
from collab_app.state.session import PageState, guarded, page_load


class CollectiveBillingState(CollectivePageMixin, PageState):
    """The billing page of one collective."""

    billing: BillingView | None = None
    missing_labels: list[str] = []
    form_key: int = 0

    def _reset_page(self) -> None:
        self.billing, self.missing_labels = None, []

    load = page_load()

    def _load(self, session: Any, viewer: Viewer) -> None:
        self._watch_collective(session, viewer)
        self.billing = collective_billing.get_billing(
            session, viewer, collective_id=self._collective_id(), locale=self.lang
        )
        self.missing_labels = [
            self._t(f"revenue.billing_field_{name}") for name in self.billing.missing
        ]

    @rx.event
    @guarded
    def save(self, form_data: dict[str, Any]):
        """Check and save the identity; every wrong field gets its own message.

        Args:
            form_data: The form's fields (see ``collective_billing.FIELDS``), ``fee_vat_rate``
                and the ``fee_vat_exempt`` and ``vat_on_debits`` checkboxes.
        """
        values = {name: form_text(form_data, name) for name in (*FIELDS, "fee_vat_rate")}
        exempt = form_text(form_data, "fee_vat_exempt") in ("on", "true", "1")
        debits = form_text(form_data, "vat_on_debits") in ("on", "true", "1")
        try:
            self._call(
                collective_billing.save_billing,
                collective_id=self._collective_id(),
                values=values,
                fee_vat_exempt=exempt,
                vat_on_debits=debits,
            )
        except BillingErrors as errors:
            self.field_errors = {
                field: self._t(code, **params) for field, (code, params) in errors.errors.items()
            }
            return rx.toast.error(self._t("revenueui.billing_fix_errors"), id="domain-error")
        self._reload()
        self.form_key += 1
        return rx.toast.success(self._t("revenueui.billing_saved"))
