"""One revision round: its requests and answers; the team's triage; messages."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import (
    form_error,
    input_field,
    select_field,
    stacked_form,
    submit_button,
)
from collab_app.components.i18n import t, tf
from collab_app.components.layout import blocks, card, project_frame
from collab_app.components.revisions import (
    billable_badge,
    change_order_body,
    item_body,
    response_text,
    round_status_badge,
)
from collab_app.components.revisions_team import team_item_card
from collab_app.components.ui import list_section, muted, section
from collab_app.services.revisions import CommentView, ItemView
from collab_app.state.revisions_round import RevisionRoundState as R


def _head() -> rx.Component:
    r = R.rr_round
    return card(
        rx.hstack(
            rx.heading(tf("revisions.ui.round_n", n=r.number), size="5", as_="h1"),
            round_status_badge(r.status),
            rx.cond(r.late, rx.badge(t("revisions.ui.late"), color_scheme="red")),
            billable_badge(r.billable, r.price),
            wrap="wrap",
            spacing="2",
            align="center",
        ),
        rx.cond(
            r.submitted_label != "",
            rx.text(
                tf("revisions.ui.submitted_by", who=r.submitted_by, when=r.submitted_label),
                rx.cond(r.on_behalf, rx.text.span(" ", t("revisions.ui.on_behalf"))),
                size="2",
            ),
        ),
        rx.cond(r.submitted_label != "", rx.text(response_text(r), size="2", id="rev-response")),
        rx.text(
            tf("revisions.ui.resolved_count", done=r.resolved_count, total=r.item_count),
            size="2",
        ),
        rx.cond(
            r.status == "closed",
            rx.callout(
                tf("revisions.ui.closed_notice", when=r.closed_label),
                color_scheme="green",
                role="status",
                id="rev-closed",
            ),
        ),
        rx.cond(
            r.status == "draft",
            rx.callout(t("revisions.ui.draft_notice"), color_scheme="gray"),
        ),
    )


def _item(item: rx.Var[ItemView]) -> rx.Component:
    return card(
        rx.text(tf("revisions.ui.item_n", n=item.position + 1), weight="bold"),
        item_body(item, R.rr_project_id),
        class_name="rev-item-card",
    )


def _comment(comment: rx.Var[CommentView]) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text(comment.author, weight="bold", size="2"),
            muted(comment.when),
            rx.cond(
                comment.visibility == "internal",
                rx.badge(t("revisions.ui.internal"), color_scheme="gray", variant="outline"),
            ),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        rx.text(comment.body, size="2", class_name="rev-text rev-pre"),
        class_name="rev-comment",
    )


def _messages() -> rx.Component:
    able = R.rr_abilities
    return rx.cond(
        R.abilities.can_see_revision_messages,
        section(
            "revisions.ui.messages",
            rx.cond(
                R.rr_comments.length() == 0,
                muted(t("revisions.ui.no_messages"), size="2"),
                rx.foreach(R.rr_comments, _comment),
            ),
            rx.cond(
                able.can_comment,
                _message_form(),
                muted(t("board.read_only_client"), size="2"),
            ),
            as_="h2",
        ),
    )


def _message_form() -> rx.Component:
    able = R.rr_abilities
    return stacked_form(
        input_field(
            "comment",
            "revisions.ui.message",
            control=rx.text_area,
            required=True,
            max_length=5000,
            rows="3",
            size=None,
        ),
        rx.cond(
            able.is_team,
            select_field(
                "visibility",
                "revisions.ui.visibility",
                [
                    ("internal", "revisions.ui.visibility_internal"),
                    ("client", "revisions.ui.visibility_client"),
                ],
                default_value="internal",
            ),
        ),
        submit_button("revisions.ui.post"),
        on_submit=R.post_comment,
    )


def _change_orders() -> rx.Component:
    return list_section(
        "revisions.ui.change_orders",
        R.rr_change_orders,
        lambda o: rx.box(change_order_body(o, R.rr_project_id), class_name="rev-item"),
        rx.cond(
            R.rr_abilities.can_decide & R.has_pending_decision,
            rx.link(t("revisions.ui.decide_there"), href=f"/projects/{R.rr_project_id}/revisions"),
        ),
        as_="h2",
    )


def revision_round_page() -> rx.Component:
    return project_frame(
        R.rr_project_id,
        R.rr_project_name,
        rx.link(
            "← ",
            t("revisions.ui.all_rounds"),
            href=f"/projects/{R.rr_project_id}/revisions",
            size="2",
        ),
        _head(),
        form_error(),
        rx.cond(
            R.rr_team_items.length() > 0,
            blocks(rx.foreach(R.rr_team_items, team_item_card), spacing="3"),
            blocks(rx.foreach(R.rr_items, _item), spacing="3"),
        ),
        _change_orders(),
        _messages(),
        shown=R.rr_round,
        class_name="rev-page",
    )
