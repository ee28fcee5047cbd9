"""A project's invoices and credit notes: list, detail, PDF and split downloads, credit."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import (
    field_error,
    form_error,
    input_field,
    stacked_form,
    submit_button,
)
from collab_app.components.i18n import colon, t, tf
from collab_app.components.layout import blocks, card, project_frame
from collab_app.components.revenue import money_row, sentence_list
from collab_app.components.ui import (
    confirm_dialog,
    download_link,
    muted,
    section,
    small_button,
)
from collab_app.services.billing.presenter import CreditLineOption, InvoiceSummary, ShareView
from collab_app.state.invoices import InvoicesState

S = InvoicesState


def _kind(kind: rx.Var) -> rx.Component:
    return rx.badge(
        rx.cond(kind == "credit_note", t("revenue.credit_note"), t("revenue.invoice")),
        color_scheme=rx.cond(kind == "credit_note", "orange", "blue"),
    )


def _row(row: rx.Var[InvoiceSummary]) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.vstack(
                rx.hstack(
                    _kind(row.kind),
                    rx.text("n° ", row.number, weight="bold"),
                    rx.cond(row.credited, rx.badge(t("revenueui.credited_badge"))),
                    align="center",
                    wrap="wrap",
                ),
                rx.text(row.title, size="2"),
                muted(row.issue_date),
                spacing="1",
            ),
            rx.spacer(),
            rx.vstack(
                rx.cond(row.total != "", rx.text(row.total, weight="bold")),
                rx.cond(
                    row.my_share != "",
                    rx.text(t("revenueui.my_share"), colon(), row.my_share, size="2"),
                ),
                small_button(
                    "revenueui.open",
                    S.open_invoice(row.id),
                    aria_label=t("revenueui.open") + " " + row.number,
                ),
                align="end",
                spacing="1",
            ),
            width="100%",
            wrap="wrap",
        ),
        width="100%",
        class_name="invoice-row",
    )


def _share(share: rx.Var[ShareView]) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(share.name, weight="medium"),
                rx.spacer(),
                rx.text(share.amount, weight="bold", class_name="share-amount"),
                width="100%",
            ),
            muted(share.vat_label, colon(), share.vat, " · ", t("revenue.total"), " ", share.total),
            rx.cond(
                share.credited != "",
                rx.text(
                    t("revenueui.share_credited"),
                    colon(),
                    share.credited,
                    size="1",
                    color_scheme="orange",
                    class_name="share-credited",
                ),
            ),
            sentence_list(share.explanation),
            spacing="1",
            width="100%",
        ),
        id="share-" + share.user_id.to_string(),
        width="100%",
    )


def _invoice_block() -> rx.Component:
    d = S.detail
    return card(
        rx.text(tf("revenue.issuer_line", name=d.issuer_name), size="2"),
        rx.text(tf("revenue.client_line", name=d.client_name), size="2"),
        rx.foreach(d.client_lines, lambda line: rx.text(line, size="2", class_name="client-line")),
        rx.text(
            tf("revenue.issue_date_line", date=d.issue_date),
            " · ",
            tf("revenue.due_date_line", date=d.due_date),
            size="2",
        ),
        rx.foreach(d.lines, lambda r: money_row(r.label, r.amount)),
        rx.divider(),
        money_row(
            t("revenue.total_before_tax"), d.total_before_tax, "invoice-before-tax", bold=True
        ),
        rx.foreach(d.vat_rows, lambda r: money_row(r.label, r.amount)),
        money_row(t("revenue.total_vat"), d.total_vat, "invoice-vat"),
        money_row(t("revenue.total"), d.total, "invoice-total", bold=True),
        rx.foreach(d.mentions, lambda m: rx.text(m, size="1", class_name="legal-mention")),
        rx.cond(
            d.credit_reason != "",
            rx.text(t("revenueui.credit_reason"), colon(), d.credit_reason, id="credit-reason"),
        ),
        rx.cond(
            d.credited_total != "",
            rx.vstack(
                rx.divider(),
                money_row(t("revenueui.credited_total"), d.credited_total, "invoice-credited"),
                money_row(
                    t("revenueui.remaining_total"),
                    d.remaining_total,
                    "invoice-remaining",
                    bold=True,
                ),
                width="100%",
                spacing="1",
            ),
        ),
    )


def _credit_line(line: rx.Var[CreditLineOption]) -> rx.Component:
    name = "credit_" + line.key
    return rx.vstack(
        rx.el.label(
            line.label,
            " · ",
            t("revenueui.credit_remaining"),
            " ",
            line.remaining,
            html_for=name,
            class_name="field-label",
        ),
        rx.input(id=name, name=name, width="100%", input_mode="decimal", max_length=20),
        field_error(name),
        spacing="1",
        width="100%",
    )


def _credit_form() -> rx.Component:
    return section(
        "revenueui.credit_partial",
        stacked_form(
            rx.foreach(S.credit_lines, _credit_line),
            input_field("credit_amount", "revenueui.credit_amount", max_length=20, size=None),
            input_field("credit_reason", "revenueui.credit_reason", max_length=200, size=None),
            submit_button(
                "revenueui.credit_issue", id="issue-partial-credit", color_scheme="orange"
            ),
            on_submit=S.credit_partial,
            key=S.credit_form_key.to_string(),
            spacing="2",
        ),
        hint_key="revenueui.credit_partial_hint",
        id="partial-credit",
    )


def _credit_all_dialog() -> rx.Component:
    return confirm_dialog(
        title_key="revenueui.credit_all_title",
        description=t("revenueui.credit_all_text"),
        confirm=rx.button(
            t("revenueui.credit"), on_click=S.credit, color_scheme="orange", id="confirm-credit"
        ),
        trigger=rx.button(
            t("revenueui.credit"), color_scheme="orange", variant="soft", id="credit-invoice"
        ),
        row=rx.hstack,
    )


def _detail() -> rx.Component:
    d = S.detail
    return blocks(
        rx.hstack(
            rx.button("← ", t("revenueui.back"), on_click=S.close_invoice, variant="ghost"),
            rx.heading(
                rx.cond(d.kind == "credit_note", t("revenue.credit_note"), t("revenue.invoice")),
                " n° ",
                d.number,
                size="5",
                id="invoice-number",
            ),
            rx.spacer(),
            rx.cond(
                d.can_pdf,
                rx.hstack(
                    download_link("revenueui.download_pdf", S.pdf_url, "invoice-pdf"),
                    download_link("revenueui.download_facturx", S.facturx_url, "invoice-facturx"),
                    spacing="3",
                    wrap="wrap",
                ),
            ),
            rx.cond(
                S.abilities.can_see_shares,
                download_link("revenueui.download_split", S.split_csv_url, "split-csv"),
            ),
            rx.cond(d.can_credit, _credit_all_dialog()),
            align="center",
            wrap="wrap",
            spacing="3",
            width="100%",
        ),
        rx.cond(d.title != "", rx.text(d.title, weight="medium")),
        rx.cond(
            d.credits_number != "",
            rx.callout(t("revenueui.credits") + " " + d.credits_number, color_scheme="orange"),
        ),
        rx.cond(
            d.credited_by_number != "",
            rx.callout(
                t("revenueui.credited_by") + " " + d.credited_by_number, color_scheme="orange"
            ),
        ),
        rx.cond(d.show_invoice, _invoice_block()),
        rx.cond(d.can_credit, _credit_form()),
        rx.cond(
            d.shares.length() > 0,
            rx.vstack(
                rx.heading(
                    rx.cond(
                        S.abilities.can_see_project_money,
                        t("revenueui.split"),
                        t("revenueui.my_share"),
                    ),
                    size="4",
                ),
                rx.foreach(d.shares, _share),
                rx.cond(d.fee != "", money_row(t("revenue.fee"), d.fee, "invoice-fee")),
                sentence_list(d.fee_explanation),
                spacing="2",
                width="100%",
            ),
        ),
        spacing="3",
    )


def _list() -> rx.Component:
    return blocks(
        rx.cond(
            S.invoice_rows.length() > 0,
            rx.foreach(S.invoice_rows, _row),
            muted(t("revenueui.no_invoices"), size=None, id="no-invoices"),
        ),
        rx.cond(
            S.abilities.can_see_project_money,
            rx.link(
                t("revenueui.go_split"), href="/projects/" + S.inv_project_id.to_string() + "/split"
            ),
        ),
        spacing="3",
    )


def invoices_page() -> rx.Component:
    return project_frame(
        S.inv_project_id, S.project_name, form_error(), rx.cond(S.detail, _detail(), _list())
    )
