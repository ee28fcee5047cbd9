"""A project's revision rounds: counter, the round being composed, rounds, change orders, terms.

Phone-first for the client (one column, big targets); the team's tools (terms, deliverables,
export) follow below on the same page.
"""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import (
    form_error,
    input_field,
    option_of,
    optional_choice,
    select_field,
    stacked_form,
    submit_button,
)
from collab_app.components.i18n import t, tf, tfn
from collab_app.components.layout import blocks, card, project_frame
from collab_app.components.revisions import change_order_body, counter_block, item_body, round_row
from collab_app.components.revisions_terms import terms_card, terms_settings
from collab_app.components.ui import confirm_dialog, list_section, muted, section
from collab_app.services.revisions import ChangeOrderView, ItemView
from collab_app.state.revisions import RevisionsState as S


def _add_item_form() -> rx.Component:
    return stacked_form(
        input_field(
            "description",
            "revisions.ui.description",
            control=rx.text_area,
            required=True,
            max_length=2000,
            rows="3",
        ),
        optional_choice(
            "deliverable_id",
            "revisions.ui.deliverable",
            "revisions.ui.no_deliverable",
            S.deliverable_options,
            option_of,
        ),
        select_field(
            "priority",
            "revisions.ui.priority",
            [
                ("normal", "revisions.priority.normal"),
                ("high", "revisions.priority.high"),
                ("low", "revisions.priority.low"),
            ],
            default_value="normal",
        ),
        input_field(
            "attachment_url",
            "revisions.ui.attachment_url",
            hint_key="revisions.ui.attachment_hint",
            type="url",
            placeholder="https://",
            max_length=500,
        ),
        submit_button("revisions.ui.add_item", variant="soft", width="100%"),
        on_submit=S.add_item,
        key=S.item_form_key.to_string(),
    )


def _draft_item(item: rx.Var[ItemView]) -> rx.Component:
    return rx.box(
        item_body(item, S.rev_project_id),
        rx.cond(
            item.can_remove,
            rx.button(
                t("form.remove"),
                on_click=S.remove_item(item.id),
                variant="ghost",
                color_scheme="red",
                size="2",
                aria_label=t("revisions.ui.remove_item"),
            ),
        ),
        class_name="rev-item",
    )


def _billable_warning() -> rx.Component:
    draft = S.rev_draft
    return rx.callout.root(
        rx.callout.text(
            tf(
                "revisions.ui.billable_warning",
                n=draft.number,
                total=S.rev_counter.included,
                price=draft.price,
            ),
            rx.cond(
                draft.over_deliverables != "",
                rx.text(
                    tf("revisions.ui.over_deliverables", names=draft.over_deliverables),
                    size="2",
                ),
            ),
        ),
        color_scheme="amber",
        role="status",
        id="rev-billable-warning",
        width="100%",
    )


def _composer() -> rx.Component:
    draft = S.rev_draft
    return card(
        rx.heading(
            rx.cond(
                draft,
                tf("revisions.ui.composing", n=draft.number),
                t("revisions.ui.new_round"),
            ),
            size="4",
            as_="h2",
        ),
        muted(t("revisions.ui.compose_help"), size="2"),
        rx.cond(
            draft,
            rx.fragment(
                rx.cond(draft.billable, _billable_warning()),
                rx.foreach(draft.requests, _draft_item),
            ),
        ),
        rx.cond(S.rev_abilities.can_draft, _add_item_form()),
        rx.cond(
            draft,
            rx.cond(
                draft.can_submit,
                rx.button(
                    rx.cond(
                        draft.billable,
                        t("revisions.ui.submit_billable"),
                        tf("revisions.ui.submit", n=draft.requests.length()),
                    ),
                    on_click=S.submit_round,
                    size="3",
                    width="100%",
                    id="rev-submit",
                ),
                rx.cond(
                    draft.overage_needs_client,
                    rx.text(t("revisions.ui.client_must_confirm"), size="2", color_scheme="amber"),
                ),
            ),
        ),
        id="rev-composer",
    )


# The buttons' row of the two money dialogs below.
_DIALOG_FOOTER = {"spacing": "3", "justify": "end", "margin_top": "1em", "wrap": "wrap"}


def _confirm_dialog() -> rx.Component:
    draft = S.rev_draft
    return confirm_dialog(
        title_key="revisions.ui.confirm_title",
        description=rx.cond(
            draft,
            tf(
                "revisions.ui.confirm_text",
                n=draft.number,
                total=S.rev_counter.included,
                price=draft.price,
            ),
            "",
        ),
        confirm=rx.button(
            rx.cond(draft, tf("revisions.ui.confirm_button", price=draft.price), ""),
            color_scheme="amber",
            on_click=S.confirm_submit,
            id="rev-confirm",
        ),
        on_cancel=S.cancel_submit,
        footer=_DIALOG_FOOTER,
        max_width="28rem",
        open=S.confirm_open,
    )


def _approve_dialog(order: rx.Var[ChangeOrderView]) -> rx.Component:
    """Approving commits money: the client confirms, seeing the amount and the delay again."""
    return confirm_dialog(
        title_key="revisions.ui.approve_title",
        description=(
            tf("revisions.ui.approve_text", price=order.price),
            " ",
            tfn("revisions.ui.approve_delay", order.delay_days),
        ),
        confirm=rx.button(
            tf("revisions.ui.approve_confirm", price=order.price),
            color_scheme="green",
            on_click=S.approve_change_order(order.id),
            class_name="rev-approve-confirm",
        ),
        trigger=rx.button(
            tf("revisions.ui.approve", price=order.price),
            color_scheme="green",
            size="3",
            class_name="rev-approve",
        ),
        footer=_DIALOG_FOOTER,
        max_width="28rem",
    )


def _decision(order: rx.Var[ChangeOrderView]) -> rx.Component:
    return rx.cond(
        order.status == "proposed",
        card(
            change_order_body(order),
            rx.cond(
                S.decline_id == order.id,
                stacked_form(
                    input_field(
                        "co_reason",
                        "revisions.ui.decline_reason",
                        control=rx.text_area,
                        max_length=1000,
                        size=None,
                    ),
                    rx.hstack(
                        rx.button(t("revisions.ui.decline"), type="submit", color_scheme="red"),
                        rx.button(t("form.cancel"), on_click=S.close_decline, variant="soft"),
                        spacing="2",
                        wrap="wrap",
                    ),
                    on_submit=S.decline_change_order,
                ),
                rx.hstack(
                    _approve_dialog(order),
                    rx.button(
                        t("revisions.ui.decline"),
                        on_click=S.open_decline(order.id),
                        variant="soft",
                        color_scheme="red",
                        size="3",
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
            ),
            class_name="rev-decision",
        ),
    )


def _decisions() -> rx.Component:
    return rx.cond(
        S.rev_decisions.length() > 0,
        rx.vstack(
            rx.heading(t("revisions.ui.awaiting_you"), size="4", as_="h2"),
            rx.foreach(S.rev_decisions, _decision),
            width="100%",
            spacing="3",
            id="rev-decisions",
        ),
    )


def _change_order_history(order: rx.Var[ChangeOrderView]) -> rx.Component:
    return rx.box(
        change_order_body(order, S.rev_project_id),
        rx.link(
            tf("revisions.ui.round_n", n=order.round_number),
            href=f"/projects/{S.rev_project_id}/revisions/{order.round_id}",
            size="2",
        ),
        class_name="rev-item",
    )


def _rounds() -> rx.Component:
    return section(
        "revisions.ui.rounds",
        rx.cond(
            S.rev_rounds.length() == 0,
            muted(t("revisions.ui.no_rounds"), size="2"),
            rx.vstack(
                rx.foreach(S.rev_rounds, lambda r: round_row(r, S.rev_project_id)),
                spacing="2",
                width="100%",
            ),
        ),
        as_="h2",
    )


def _change_orders() -> rx.Component:
    return list_section(
        "revisions.ui.change_orders", S.rev_change_orders, _change_order_history, as_="h2"
    )


def _guest_item(item: rx.Var[ItemView]) -> rx.Component:
    return card(
        rx.link(
            tf("revisions.ui.round_n", n=item.round_number),
            href=f"/projects/{S.rev_project_id}/revisions/{item.round_id}",
            weight="bold",
        ),
        item_body(item, S.rev_project_id),
    )


def _guest_section() -> rx.Component:
    return blocks(
        muted(t("revisions.ui.guest_intro"), size="2"),
        rx.cond(
            S.rev_guest_items.length() == 0,
            rx.text(t("revisions.ui.guest_none"), size="2"),
            rx.foreach(S.rev_guest_items, _guest_item),
        ),
        spacing="3",
    )


def _team_tools() -> rx.Component:
    return rx.cond(
        S.rev_abilities.can_export,
        section(
            "revisions.ui.history",
            rx.button(
                t("revisions.ui.export"), on_click=S.export_csv, variant="soft", id="rev-export"
            ),
            as_="h2",
            hint_key="revisions.ui.history_help",
        ),
    )


def _main() -> rx.Component:
    return blocks(
        card(counter_block(S.rev_counter), class_name="rev-counter-card"),
        _decisions(),
        rx.box(
            rx.box(
                rx.cond(S.rev_abilities.can_draft | S.rev_draft, _composer()),
                _rounds(),
                class_name="rev-column",
            ),
            rx.box(
                _change_orders(),
                terms_card(),
                _team_tools(),
                rx.cond(S.rev_settings, terms_settings()),
                class_name="rev-column",
            ),
            class_name="rev-grid",
        ),
        _confirm_dialog(),
    )


def revisions_page() -> rx.Component:
    return project_frame(
        S.rev_project_id,
        S.rev_project_name,
        rx.heading(t("revisions.ui.title"), size="5", as_="h1"),
        form_error(),
        rx.cond(S.abilities.is_guest, _guest_section(), _main()),
        class_name="rev-page",
    )
