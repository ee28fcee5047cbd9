"""A project's improvement actions and the "call held" form (project feedback page)."""

from __future__ import annotations

import reflex as rx

from collab_app.components.feedback_manage import fb_row
from collab_app.components.forms import (
    check_field,
    field_error,
    hidden,
    input_field,
    keyed_options,
    optional_choice,
    stacked_form,
    submit_button,
)
from collab_app.components.i18n import t, tf
from collab_app.components.ui import (
    danger_button,
    heading,
    list_or_empty,
    match_badge,
    muted,
    section,
    small_button,
)
from collab_app.services.feedback import ACTION_STATUSES, ActionView, AnswerView
from collab_app.state.feedback import ProjectFeedbackState as S

ACTION_COLORS = {"done": "green", "in_progress": "blue"}


def _action_row(action: rx.Var[ActionView]) -> rx.Component:
    return fb_row(
        rx.vstack,
        rx.text(action.text, class_name="fb-comment"),
        rx.hstack(
            match_badge(
                action.status,
                [
                    (s, f"feedback.action_status.{s}", ACTION_COLORS.get(s, "gray"))
                    for s in ACTION_STATUSES
                ],
                (action.status, "gray"),
            ),
            rx.badge(
                rx.cond(
                    action.share_with_client, t("feedback_ui.shared"), t("feedback_ui.internal")
                ),
                variant="outline",
            ),
            muted(tf("feedback_ui.by", name=action.created_by, when=action.created_at)),
            rx.cond(
                action.answer_id,
                rx.link(
                    t("feedback_ui.linked_answer"),
                    href="#answer-" + action.answer_id.to_string(),
                    size="1",
                ),
            ),
            wrap="wrap",
            align="center",
        ),
        rx.cond(
            S.fb_is_manager,
            rx.hstack(
                rx.el.select(
                    *keyed_options([(s, f"feedback.action_status.{s}") for s in ACTION_STATUSES]),
                    value=action.status,
                    on_change=lambda value: S.set_action_status(action.id, value),
                    class_name="native-select fb-inline-select",
                    aria_label=t("feedback_ui.action_status"),
                ),
                small_button(
                    rx.cond(
                        action.share_with_client, t("feedback_ui.unshare"), t("feedback_ui.share")
                    ),
                    S.set_action_shared(action.id, ~action.share_with_client),
                    variant="soft",
                ),
                danger_button("form.delete", S.delete_action(action.id)),
                wrap="wrap",
                align="center",
            ),
        ),
        spacing="2",
    )


def _answer_option(answer: rx.Var[AnswerView]) -> rx.Component:
    return rx.el.option(
        answer.submitted_at
        + " · "
        + answer.score.to_string()
        + "/10"
        + rx.cond(answer.respondent != "", " · " + answer.respondent, ""),
        value=answer.id.to_string(),
    )


def _add_action_form() -> rx.Component:
    return stacked_form(
        heading("feedback.action_add", size="3"),
        input_field("action_text", "feedback_ui.action_text", control=rx.text_area, rows="2"),
        optional_choice(
            "action_answer_id",
            "feedback_ui.action_answer",
            "feedback_ui.no_answer_link",
            S.answers,
            _answer_option,
        ),
        check_field(
            "action_share",
            "feedback.action_share",
            label_props={"class_name": "fb-check"},
            default_checked=True,
            value="on",
        ),
        submit_button("feedback.action_add"),
        on_submit=S.add_action,
    )


def actions_card() -> rx.Component:
    """Improvement actions; managers record them and send the client recap.

    Returns:
        The card.
    """
    return section(
        "feedback.actions",
        list_or_empty(S.actions, _action_row, "feedback_ui.no_actions"),
        rx.cond(
            S.fb_is_manager,
            rx.vstack(
                rx.button(t("feedback.send_recap"), on_click=S.send_recap, variant="soft"),
                muted(t("feedback_ui.recap_hint")),
                rx.separator(),
                _add_action_form(),
                spacing="3",
                width="100%",
            ),
        ),
        id="fb-actions",
    )


def mark_call_form(answer: rx.Var[AnswerView]) -> rx.Component:
    """The "call held" form under an answer still asking for a call (the team).

    Args:
        answer: The answer.

    Returns:
        The form.
    """
    field = "call_outcome_" + answer.id.to_string()
    return rx.form(
        hidden("answer_id", answer.id.to_string()),
        rx.vstack(
            rx.el.label(t("feedback_ui.call_outcome"), html_for=field, class_name="field-label"),
            rx.text_area(id=field, name="call_outcome", rows="2", size="2", width="100%"),
            field_error(field, with_id=False),
            submit_button("feedback_ui.mark_call_done", size="2", variant="soft"),
            spacing="2",
            width="100%",
        ),
        on_submit=S.mark_call_done,
        class_name="fb-call-form",
        width="100%",
    )
