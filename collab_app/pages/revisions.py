"""A project's revision rounds: counter, the round being composed, rounds, change orders, terms.

Phone-first for the client (one column, big targets); the team's tools (terms, deliverables,
export) follow below on the same page.
"""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import form_error, labelled, select_field, submit_button
from collab_app.components.i18n import t, tf, tfn
from collab_app.components.layout import card, page
from collab_app.components.project_nav import project_nav
from collab_app.components.revisions import change_order_body, counter_block, item_body, round_row
from collab_app.components.revisions_terms import terms_card, terms_settings
from collab_app.services.revisions.views import ChangeOrderView, ItemView, Option
from collab_app.state.revisions import RevisionsState as S


def _option(option: rx.Var[Option]) -> rx.Component:
    return rx.el.option(option.text, value=option.value)


def _add_item_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            labelled(
                "description",
                "revisions.ui.description",
                rx.text_area(
                    id="description",
                    name="description",
                    required=True,
                    max_length=2000,
                    rows="3",
                    width="100%",
                    size="3",
                ),
            ),
            rx.cond(
                S.deliverable_options.length() > 0,
                labelled(
                    "deliverable_id",
                    "revisions.ui.deliverable",
                    rx.el.select(
                        rx.el.option(t("revisions.ui.no_deliverable"), value=""),
                        rx.foreach(S.deliverable_options, _option),
                        id="deliverable_id",
                        name="deliverable_id",
                        class_name="native-select",
                    ),
                ),
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
            labelled(
                "attachment_url",
                "revisions.ui.attachment_url",
                rx.input(
                    id="attachment_url",
                    name="attachment_url",
                    type="url",
                    placeholder="https://",
                    max_length=500,
                    width="100%",
                    size="3",
                ),
                hint_key="revisions.ui.attachment_hint",
            ),
            submit_button("revisions.ui.add_item", variant="soft", width="100%"),
            spacing="3",
            width="100%",
        ),
        on_submit=S.add_item,
        key=S.item_form_key.to_string(),
        width="100%",
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
        rx.text(t("revisions.ui.compose_help"), size="2", color_scheme="gray"),
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


def _confirm_dialog() -> rx.Component:
    draft = S.rev_draft
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("revisions.ui.confirm_title")),
            rx.alert_dialog.description(
                rx.cond(
                    draft,
                    tf(
                        "revisions.ui.confirm_text",
                        n=draft.number,
                        total=S.rev_counter.included,
                        price=draft.price,
                    ),
                    "",
                ),
            ),
            rx.flex(
                rx.alert_dialog.cancel(
                    rx.button(t("form.cancel"), variant="soft", on_click=S.cancel_submit)
                ),
                rx.alert_dialog.action(
                    rx.button(
                        rx.cond(draft, tf("revisions.ui.confirm_button", price=draft.price), ""),
                        color_scheme="amber",
                        on_click=S.confirm_submit,
                        id="rev-confirm",
                    )
                ),
                spacing="3",
                justify="end",
                margin_top="1em",
                wrap="wrap",
            ),
            max_width="28rem",
        ),
        open=S.confirm_open,
    )


def _approve_dialog(order: rx.Var[ChangeOrderView]) -> rx.Component:
    """Approving commits money: the client confirms, seeing the amount and the delay again."""
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(
                tf("revisions.ui.approve", price=order.price),
                color_scheme="green",
                size="3",
                class_name="rev-approve",
            )
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("revisions.ui.approve_title")),
            rx.alert_dialog.description(
                tf("revisions.ui.approve_text", price=order.price),
                " ",
                tfn("revisions.ui.approve_delay", order.delay_days),
            ),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(t("form.cancel"), variant="soft")),
                rx.alert_dialog.action(
                    rx.button(
                        tf("revisions.ui.approve_confirm", price=order.price),
                        color_scheme="green",
                        on_click=S.approve_change_order(order.id),
                        class_name="rev-approve-confirm",
                    )
                ),
                spacing="3",
                justify="end",
                margin_top="1em",
                wrap="wrap",
            ),
            max_width="28rem",
        ),
    )


def _decision(order: rx.Var[ChangeOrderView]) -> rx.Component:
    return rx.cond(
        order.status == "proposed",
        card(
            change_order_body(order),
            rx.cond(
                S.decline_id == order.id,
                rx.form(
                    rx.vstack(
                        labelled(
                            "co_reason",
                            "revisions.ui.decline_reason",
                            rx.text_area(
                                id="co_reason", name="co_reason", max_length=1000, width="100%"
                            ),
                        ),
                        rx.hstack(
                            rx.button(t("revisions.ui.decline"), type="submit", color_scheme="red"),
                            rx.button(t("form.cancel"), on_click=S.close_decline, variant="soft"),
                            spacing="2",
                            wrap="wrap",
                        ),
                        width="100%",
                    ),
                    on_submit=S.decline_change_order,
                    width="100%",
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
    return card(
        rx.heading(t("revisions.ui.rounds"), size="4", as_="h2"),
        rx.cond(
            S.rev_rounds.length() == 0,
            rx.text(t("revisions.ui.no_rounds"), color_scheme="gray", size="2"),
            rx.vstack(
                rx.foreach(S.rev_rounds, lambda r: round_row(r, S.rev_project_id)),
                spacing="2",
                width="100%",
            ),
        ),
    )


def _change_orders() -> rx.Component:
    return rx.cond(
        S.rev_change_orders.length() > 0,
        card(
            rx.heading(t("revisions.ui.change_orders"), size="4", as_="h2"),
            rx.foreach(S.rev_change_orders, _change_order_history),
        ),
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
    return rx.vstack(
        rx.text(t("revisions.ui.guest_intro"), size="2", color_scheme="gray"),
        rx.cond(
            S.rev_guest_items.length() == 0,
            rx.text(t("revisions.ui.guest_none"), size="2"),
            rx.foreach(S.rev_guest_items, _guest_item),
        ),
        spacing="3",
        width="100%",
    )


def _team_tools() -> rx.Component:
    return rx.cond(
        S.rev_abilities.can_export,
        card(
            rx.heading(t("revisions.ui.history"), size="4", as_="h2"),
            rx.text(t("revisions.ui.history_help"), size="2", color_scheme="gray"),
            rx.button(
                t("revisions.ui.export"),
                on_click=S.export_csv,
                variant="soft",
                id="rev-export",
            ),
        ),
    )


def _main() -> rx.Component:
    return rx.vstack(
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
        spacing="4",
        width="100%",
    )


def revisions_page() -> rx.Component:
    return page(
        rx.cond(
            S.rev_project_id > 0,
            rx.vstack(
                project_nav(S.rev_project_id, S.rev_project_name),
                rx.heading(t("revisions.ui.title"), size="5", as_="h1"),
                form_error(),
                rx.cond(S.abilities.is_guest, _guest_section(), _main()),
                spacing="4",
                width="100%",
                class_name="rev-page",
            ),
        )
    )
