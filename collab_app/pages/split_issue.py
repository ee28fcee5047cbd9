"""Issuing from the split calculator: the confirmation and what may hold it back.

The confirmation warns when the legal VAT breakdown of the client invoice gives one member's
share away (:mod:`collab_app.services.billing.vat_disclosure`); the notice says which
invoicing details
the collective still lacks, with the link to complete them.
"""

from __future__ import annotations

import reflex as rx

from collab_app.components.i18n import t
from collab_app.components.ui import confirm_dialog
from collab_app.state.revenue import SplitState

S = SplitState


def issue_dialog() -> rx.Component:
    """The "Issue the invoice" button and its confirmation.

    Returns:
        The dialog.
    """
    return confirm_dialog(
        title_key="revenueui.issue_title",
        description=t("revenueui.issue_text"),
        confirm=rx.button(t("revenueui.issue"), on_click=S.issue, id="confirm-issue"),
        trigger=rx.button(t("revenueui.issue"), id="issue-invoice", disabled=S.preview_error != ""),
        details=rx.cond(
            S.vat_disclosure != "",
            rx.callout(
                S.vat_disclosure, color_scheme="amber", margin_top="0.75em", id="vat-disclosure"
            ),
        ),
        row=rx.hstack,
    )


def billing_notice() -> rx.Component:
    """The notice of missing invoicing details (managers), with the link to the screen.

    Returns:
        The notice, shown only when something is missing.
    """
    return rx.cond(
        S.billing_fix_url != "",
        rx.callout(
            rx.text(
                t("revenueui.billing_incomplete_notice"),
                " ",
                S.billing_missing,
                ". ",
                rx.link(t("revenueui.billing_fix"), href=S.billing_fix_url, id="billing-fix-link"),
            ),
            color_scheme="amber",
            id="billing-incomplete",
            width="100%",
        ),
    )
