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


def _form() -> rx.Component:
    b = S.billing
    return stacked_form(
        text_field(
            "legal_name",
            "revenueui.billing_legal_name",
            default_value=b.legal_name,
            max_length=120,
        ),
        input_field(
            "address",
            "revenueui.billing_address",
            control=rx.text_area,
            default_value=b.address,
            max_length=300,
            rows="3",
            size=None,
        ),
        text_field("siret", "revenueui.billing_siret", default_value=b.siret, max_length=20),
        text_field(
            "vat_number",
            "revenueui.billing_vat_number",
            default_value=b.vat_number,
            hint_key="revenueui.billing_vat_hint",
            max_length=20,
        ),
        text_field("iban", "revenueui.billing_iban", default_value=b.iban, max_length=42),
        text_field("bic", "revenueui.billing_bic", default_value=b.bic, max_length=11),
        text_field(
            "payment_days",
            "revenueui.billing_payment_days",
            default_value=b.payment_days,
            type_="number",
            max_length=3,
        ),
        check_field(
            "fee_vat_exempt", "revenueui.billing_fee_exempt", default_checked=b.fee_vat_exempt
        ),
        text_field(
            "fee_vat_rate",
            "revenueui.billing_fee_vat",
            default_value=b.fee_vat_rate,
            max_length=6,
        ),
        rx.heading(t("revenueui.billing_terms"), size="3"),
        text_field(
            "late_penalty_rate",
            "revenueui.billing_late_penalty",
            default_value=b.late_penalty_rate,
            hint_key="revenueui.billing_late_penalty_hint",
            max_length=8,
        ),
        text_field(
            "early_discount",
            "revenueui.billing_early_discount",
            default_value=b.early_discount,
            max_length=200,
        ),
        check_field(
            "vat_on_debits", "revenueui.billing_vat_on_debits", default_checked=b.vat_on_debits
        ),
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
