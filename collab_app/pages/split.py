"""The split calculator: drafts, lines with shares or weights, live totals and chart, issuing."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import (
    field_error,
    form_error,
    hidden,
    keyed_options,
    select_field,
    stacked_form,
    submit_button,
    text_field,
)
from collab_app.components.i18n import t
from collab_app.components.layout import blocks, card, project_frame
from collab_app.components.revenue import RATE_UNITS, basis_badge, money_row, sentence_list
from collab_app.components.ui import danger_button, delete_cross, muted, section, small_button
from collab_app.pages.split_issue import billing_notice, issue_dialog
from collab_app.services.billing.presenter import DeliverableView, DraftSummary, RateRow
from collab_app.state.revenue import CellUI, LineUI, ShareUI, SplitState

S = SplitState


def _draft_field(name: str, label_key: str, value: rx.Var, **props: object) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label_key), html_for=f"draft-{name}", class_name="field-label"),
        rx.input(
            id=f"draft-{name}",
            value=value,
            on_change=lambda v: S.set_draft_field(name, v),
            width="100%",
            **props,
        ),
        field_error(name),
        spacing="1",
        width="100%",
    )


def _invoice_card() -> rx.Component:
    return card(
        rx.heading(t("revenueui.invoice_details"), size="4"),
        rx.box(
            _draft_field("client_name", "revenueui.client_name", S.client_name, max_length=120),
            _draft_field("client_address", "revenueui.client_address", S.client_address),
            _draft_field("client_siren", "revenueui.client_siren", S.client_siren, max_length=11),
            _draft_field(
                "client_vat_number",
                "revenueui.client_vat_number",
                S.client_vat_number,
                max_length=20,
            ),
            _draft_field(
                "client_delivery_address",
                "revenueui.client_delivery_address",
                S.client_delivery_address,
                max_length=300,
            ),
            _draft_field("due_date", "revenue.due_date", S.due_date, type="date"),
            _draft_field("title", "revenueui.title", S.title, max_length=120),
            _draft_field(
                "fee_percent", "revenueui.fee_percent", S.fee_percent, input_mode="decimal"
            ),
            class_name="grid-2",
        ),
    )


def _cell(line: rx.Var[LineUI], cell: rx.Var[CellUI]) -> rx.Component:
    editable = (line.method == "shares") | (line.method == "weights")
    return rx.hstack(
        rx.text(cell.name, size="2", class_name="split-cell-name"),
        rx.cond(
            editable,
            rx.input(
                value=cell.value,
                on_change=lambda v: S.set_cell(line.key, cell.member_id, v),
                input_mode="decimal",
                aria_label=rx.cond(
                    line.method == "weights", t("revenueui.weight_of"), t("revenueui.share_of")
                )
                + " "
                + cell.name,
                placeholder=rx.cond(line.method == "weights", "0", "0 %"),
                class_name="split-cell-input",
            ),
        ),
        rx.text(cell.result, size="2", weight="medium", class_name="split-cell-result"),
        align="center",
        spacing="2",
        class_name="split-cell",
    )


def _method_select(line: rx.Var[LineUI]) -> rx.Component:
    return rx.el.select(
        *keyed_options([("shares", "split.method.shares"), ("time", "split.method.time_spent")]),
        value=line.method,
        on_change=lambda v: S.set_line_field(line.key, "method", v),
        aria_label=t("revenueui.method"),
        class_name="native-select",
    )


def _line_input(line: rx.Var[LineUI], field: str, label_key: str, **props: object):
    """An input bound to one field of a line, named by its label."""
    return rx.input(
        value=line[field],
        on_change=lambda v: S.set_line_field(line.key, field, v),
        aria_label=t(label_key),
        **props,
    )


def _line(line: rx.Var[LineUI]) -> rx.Component:
    timed = (line.method == "time") | (line.method == "time_rate")
    return rx.card(
        rx.vstack(
            rx.hstack(
                basis_badge(line.basis),
                rx.spacer(),
                rx.text(line.computed_amount, weight="bold", class_name="line-amount"),
                delete_cross(S.remove_line(line.key), "revenueui.remove_line"),
                align="center",
                width="100%",
            ),
            rx.box(
                _line_input(
                    line,
                    "label",
                    "revenueui.line_label",
                    placeholder=t("revenueui.line_label"),
                    max_length=200,
                ),
                _line_input(
                    line,
                    "amount",
                    "revenueui.line_amount",
                    placeholder=rx.cond(
                        line.basis == "time", t("revenueui.amount_from_time"), "0,00"
                    ),
                    input_mode="decimal",
                ),
                rx.cond(
                    (line.basis == "milestone") | (line.basis == "fixed"), _method_select(line)
                ),
                class_name="grid-3",
            ),
            rx.cond(
                timed,
                rx.hstack(
                    rx.text(t("revenueui.time_from"), size="2"),
                    _line_input(line, "period_start", "revenueui.time_from", type="date"),
                    rx.text(t("revenueui.time_to"), size="2"),
                    _line_input(line, "period_end", "revenueui.time_to", type="date"),
                    align="center",
                    wrap="wrap",
                ),
            ),
            rx.box(rx.foreach(line.cells, lambda c: _cell(line, c)), class_name="split-cells"),
            spacing="2",
            width="100%",
        ),
        id="line-" + line.key,
        width="100%",
    )


def _share(share: rx.Var[ShareUI]) -> rx.Component:
    return rx.el.details(
        rx.el.summary(
            rx.hstack(
                rx.text(share.name, weight="medium"),
                rx.spacer(),
                rx.text(share.amount, weight="bold", class_name="share-amount"),
                width="100%",
            ),
        ),
        muted(share.vat),
        sentence_list(share.explanation),
        id="share-" + share.member_id.to_string(),
        class_name="share-row",
    )


def _results() -> rx.Component:
    return card(
        rx.heading(t("revenueui.result"), size="4"),
        rx.cond(
            S.preview_error != "",
            rx.callout(S.preview_error, color_scheme="amber", role="status", id="preview-error"),
            rx.vstack(
                rx.recharts.bar_chart(
                    rx.recharts.bar(
                        data_key="amount", fill="#12a594", name="€", is_animation_active=False
                    ),
                    rx.recharts.x_axis(data_key="name"),
                    rx.recharts.y_axis(),
                    rx.recharts.graphing_tooltip(),
                    data=S.chart,
                    width="100%",
                    height=220,
                ),
                rx.foreach(S.shares, _share),
                rx.divider(),
                money_row(t("revenueui.total_before_tax"), S.total, "split-total", bold=True),
                money_row(t("revenue.fee"), S.fee_amount, "split-fee"),
                money_row(t("revenueui.distributed"), S.distributed, "split-distributed"),
                rx.foreach(S.vat_rows, lambda r: money_row(r.label, r.amount)),
                money_row(t("revenue.total"), S.total_incl, "split-total-incl", bold=True),
                rx.foreach(S.mentions, lambda m: rx.text(m, size="1", class_name="legal-mention")),
                sentence_list(S.fee_explanation),
                spacing="2",
                width="100%",
            ),
        ),
    )


def _editor() -> rx.Component:
    return blocks(
        rx.hstack(
            rx.heading(t("revenueui.draft"), " #", S.draft_id, size="5"),
            rx.cond(S.dirty, rx.badge(t("revenueui.unsaved"), color_scheme="amber")),
            rx.spacer(),
            rx.button(t("revenueui.save_draft"), on_click=S.save, variant="soft", id="save-draft"),
            issue_dialog(),
            rx.button(t("revenueui.close"), on_click=S.close_draft, variant="ghost"),
            wrap="wrap",
            align="center",
            spacing="2",
            width="100%",
        ),
        form_error(),
        billing_notice(),
        rx.box(
            rx.vstack(
                _invoice_card(),
                rx.foreach(S.lines, _line),
                rx.hstack(
                    *[
                        rx.button(
                            "+ ",
                            t(f"split.basis.{basis}"),
                            on_click=S.add_line(basis),
                            variant="outline",
                            size="2",
                        )
                        for basis in ("milestone", "time", "bonus", "fixed")
                    ],
                    wrap="wrap",
                    spacing="2",
                ),
                spacing="3",
                width="100%",
            ),
            rx.box(_results(), class_name="split-results"),
            class_name="split-layout",
        ),
        spacing="3",
    )


def _draft_row(draft: rx.Var[DraftSummary]) -> rx.Component:
    return rx.hstack(
        rx.text(t("revenueui.draft"), " #", draft.id, " ", draft.title, weight="medium"),
        muted(draft.lines, " ", t("revenueui.lines")),
        rx.spacer(),
        small_button("revenueui.open", S.open_draft(draft.id)),
        danger_button("revenueui.delete", S.delete_draft(draft.id), variant="soft"),
        align="center",
        wrap="wrap",
        width="100%",
    )


def _deliverable_row(d: rx.Var[DeliverableView]) -> rx.Component:
    return rx.hstack(
        basis_badge(d.kind),
        rx.text(d.name),
        rx.spacer(),
        rx.text(d.amount),
        rx.cond(
            d.invoiced,
            rx.badge(t("revenueui.invoiced"), color_scheme="green"),
            delete_cross(S.delete_deliverable(d.id), "revenueui.delete"),
        ),
        align="center",
        width="100%",
    )


def _rate_row(r: rx.Var[RateRow]) -> rx.Component:
    uid = r.user_id.to_string()
    return rx.form(
        rx.hstack(
            rx.text(r.name, class_name="rate-name"),
            hidden("rate_user", uid),
            rx.input(
                name="rate",
                default_value=r.rate,
                aria_label=t("revenueui.rate") + " " + r.name,
                input_mode="decimal",
                class_name="rate-input",
            ),
            rx.el.select(
                *keyed_options(RATE_UNITS),
                name="rate_unit",
                default_value=r.rate_unit,
                class_name="native-select rate-unit",
                aria_label=t("revenueui.rate_unit"),
            ),
            rx.input(
                name="management_rate",
                default_value=r.management_rate,
                aria_label=t("revenueui.management_rate") + " " + r.name,
                placeholder=t("revenueui.management_rate"),
                class_name="rate-input",
            ),
            submit_button("form.save", size="1", variant="soft"),
            align="center",
            wrap="wrap",
            width="100%",
        ),
        on_submit=S.save_rate,
        key=uid + r.rate + r.rate_unit + r.management_rate,
        width="100%",
    )


def _overview() -> rx.Component:
    return blocks(
        form_error(),
        billing_notice(),
        rx.box(
            section(
                "revenueui.drafts",
                rx.foreach(S.drafts, _draft_row),
                rx.button(t("revenueui.new_draft"), on_click=S.new_draft, id="new-draft"),
                hint_key="revenueui.drafts_hint",
            ),
            section(
                "revenueui.deliverables",
                rx.foreach(S.deliverable_rows, _deliverable_row),
                stacked_form(
                    select_field(
                        "deliverable_kind",
                        "revenueui.kind",
                        [("milestone", "split.basis.milestone"), ("bonus", "split.basis.bonus")],
                        default_value="milestone",
                    ),
                    text_field("deliverable_name", "revenueui.name", max_length=120),
                    text_field("deliverable_amount", "revenueui.amount_eur", max_length=20),
                    submit_button("revenueui.add"),
                    on_submit=S.add_deliverable,
                    spacing="2",
                ),
            ),
            section(
                "revenueui.rates",
                rx.foreach(S.rate_rows, _rate_row),
                hint_key="revenueui.rates_hint",
            ),
            class_name="grid-2",
        ),
        spacing="3",
    )


def split_page() -> rx.Component:
    return project_frame(
        S.split_project_id,
        S.project_name,
        rx.cond(
            S.abilities.is_manager,
            rx.cond(S.draft_id > 0, _editor(), _overview()),
            rx.callout(t("revenueui.split_managers_only"), id="split-managers-only", width="100%"),
        ),
        wide=True,
    )
