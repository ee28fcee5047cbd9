"""A collective's invoicing identity (owners and admins): view, edit, what is still missing."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import (
    check_field,
    form_error,
    input_field,
    stacked_form,
    submit_button,
    text_field,
)
from collab_app.components.i18n import t
from collab_app.components.layout import card, page_when
from collab_app.components.ui import muted
from collab_app.state.collective_billing import CollectiveBillingState

S = CollectiveBillingState


def _status() -> rx.Component:
    return rx.cond(
        S.billing.complete,
        rx.callout(t("revenueui.billing_complete"), color_scheme="green", id="billing-complete"),
        rx.callout(
            t("revenueui.billing_missing") + " " + S.missing_labels.join(", "),
            color_scheme="amber",
            id="billing-missing",
        ),
    )


def _field(name: str, label_key: str, max_length: int, **props: object) -> rx.Component:
    """A text field showing the billing identity's value of the same name."""
    value = getattr(S.billing, name)
    return text_field(name, label_key, default_value=value, max_length=max_length, **props)


def _check(name: str, label_key: str) -> rx.Component:
    value = getattr(S.billing, name)
    return check_field(name, label_key, default_checked=value)


def _form() -> rx.Component:
    return stacked_form(
        _field("legal_name", "revenueui.billing_legal_name", 120),
        input_field(
            "address",
            "revenueui.billing_address",
            control=rx.text_area,
            default_value=S.billing.address,
            max_length=300,
            rows="3",
            size=None,
        ),
        _field("siret", "revenueui.billing_siret", 20),
        _field(
            "vat_number", "revenueui.billing_vat_number", 20, hint_key="revenueui.billing_vat_hint"
        ),
        _field("iban", "revenueui.billing_iban", 42),
        _field("bic", "revenueui.billing_bic", 11),
        _field("payment_days", "revenueui.billing_payment_days", 3, type_="number"),
        _check("fee_vat_exempt", "revenueui.billing_fee_exempt"),
        _field("fee_vat_rate", "revenueui.billing_fee_vat", 6),
        rx.heading(t("revenueui.billing_terms"), size="3"),
        _field(
            "late_penalty_rate",
            "revenueui.billing_late_penalty",
            8,
            hint_key="revenueui.billing_late_penalty_hint",
        ),
        _field("early_discount", "revenueui.billing_early_discount", 200),
        _check("vat_on_debits", "revenueui.billing_vat_on_debits"),
        submit_button("revenueui.billing_save", id="save-billing"),
        on_submit=S.save,
        key=S.form_key.to_string(),
    )


def collective_billing_page() -> rx.Component:
    return page_when(
        S.billing,
        rx.link("← ", S.billing.collective_name, href=f"/collectives/{S.billing.collective_id}"),
        rx.heading(t("revenueui.billing_title"), size="6"),
        muted(t("revenueui.billing_hint"), size="2"),
        _status(),
        form_error(),
        card(_form()),
        max_width="40em",
    )
