"""The public feedback form: phone first, in the recipient's language, no account."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import field_error, form_error
from collab_app.components.i18n import t, tf
from collab_app.components.layout import blocks, card, public_page
from collab_app.components.ui import muted
from collab_app.services.feedback import MAX_ITEMS, MAX_TEXT, RANKINGS, SCORES
from collab_app.state.feedback_form import FeedbackFormState
from collab_app.state.session import SessionState


def _legend(key: str, *, required: bool = False, **params: rx.Var) -> rx.Component:
    return rx.el.legend(
        tf(key, **params) if params else t(key),
        rx.el.span(" (", t("feedback_ui.required"), ")", class_name="fb-required")
        if required
        else rx.fragment(),
        class_name="fb-legend",
    )


def _choice(name: str, value: str, label: rx.Var | str, kind: str, **props: str) -> rx.Component:
    """A radio button and its label, in a cell of class ``fb-<kind>-cell``."""
    choice_id = f"{name}-{value}"
    return rx.box(
        rx.el.input(
            type="radio",
            name=name,
            value=value,
            id=choice_id,
            class_name="fb-choice-input",
            **props,
        ),
        rx.el.label(label, html_for=choice_id, class_name=f"fb-{kind}"),
        class_name=f"fb-{kind}-cell",
    )


def _score_choice(score: int) -> rx.Component:
    return _choice(
        "score", str(score), str(score), "score", aria_describedby="score-help score-error"
    )


def _score_question() -> rx.Component:
    form = FeedbackFormState.form
    return rx.el.fieldset(
        _legend("feedback.q_score", required=True, collective=form.collective_name),
        rx.box(*[_score_choice(score) for score in SCORES], class_name="fb-scores"),
        rx.hstack(
            muted("0 = ", t("feedback.score_low")),
            muted("10 = ", t("feedback.score_high")),
            justify="between",
            width="100%",
            wrap="wrap",
        ),
        rx.text(t("feedback.score_help"), size="2", id="score-help", class_name="fb-help"),
        field_error("score"),
        id="score-field",
        class_name="fb-fieldset",
    )


def _ranking_choice(code: str) -> rx.Component:
    return _choice("ranking", code, t(f"feedback.ranking.{code}"), "rank")


def _ranking_question() -> rx.Component:
    return rx.el.fieldset(
        _legend("feedback.q_ranking", required=True),
        rx.vstack(*[_ranking_choice(code) for code in RANKINGS], spacing="2", width="100%"),
        field_error("ranking"),
        id="ranking-field",
        class_name="fb-fieldset",
    )


def _text_input(name: str, label: rx.Var, *, rows: str = "2") -> rx.Component:
    return rx.box(
        rx.el.label(label, html_for=name, class_name="fb-item-label"),
        rx.text_area(
            id=name,
            name=name,
            rows=rows,
            size="3",
            width="100%",
            resize="vertical",
            aria_describedby=f"{name}-error",
        ),
        field_error(name),
        id=f"{name}-field",
        class_name="fb-item",
    )


def _items_question(field: str, key: str) -> rx.Component:
    return rx.el.fieldset(
        _legend(key),
        *[
            _text_input(f"{field}_{i}", tf("feedback_ui.item", n=str(i)))
            for i in range(1, MAX_ITEMS + 1)
        ],
        class_name="fb-fieldset",
    )


def _comment_question() -> rx.Component:
    return rx.el.fieldset(
        _legend("feedback.q_comment"),
        _text_input("comment", t("feedback.comment"), rows="3"),
        class_name="fb-fieldset",
    )


def _form() -> rx.Component:
    form = FeedbackFormState.form
    return blocks(
        rx.heading(
            # French puts a space before "?": keep it from starting a line on its own.
            tf("feedback.form_title", project=form.project_name).replace(" ?", "\u00a0?"),
            size="6",
            as_="h1",
        ),
        rx.text(tf("feedback.form_intro", collective=form.collective_name)),
        muted(
            tf(
                "feedback.expires_on",
                date=rx.cond(
                    SessionState.lang == "fr",
                    FeedbackFormState.expires_fr,
                    FeedbackFormState.expires_en,
                ),
            ),
            size="2",
        ),
        rx.form(
            rx.vstack(
                form_error(id="form-error"),
                _score_question(),
                _ranking_question(),
                _items_question("appreciated", "feedback.q_appreciated"),
                _items_question("improvements", "feedback.q_improve"),
                _comment_question(),
                muted(tf("feedback_ui.max_chars_hint", max=f"{MAX_TEXT:,}".replace(",", "\u202f"))),
                rx.button(
                    rx.cond(
                        FeedbackFormState.submitting, t("feedback_ui.sending"), t("feedback.submit")
                    ),
                    type="submit",
                    size="4",
                    width="100%",
                    loading=FeedbackFormState.submitting,
                    id="feedback-submit",
                ),
                spacing="5",
                width="100%",
                align="stretch",
            ),
            on_submit=FeedbackFormState.submit,
            no_validate=True,
            width="100%",
            id="feedback-form",
        ),
        spacing="3",
    )


def _message(title_key: str, text: rx.Var, color: str) -> rx.Component:
    return blocks(
        rx.heading(t(title_key), size="6", as_="h1"),
        rx.callout(text, color_scheme=color, role="status", width="100%"),
        spacing="3",
    )


def feedback_form_page() -> rx.Component:
    form = FeedbackFormState.form
    return public_page(
        card(
            rx.box(id="feedback-status"),
            rx.match(
                FeedbackFormState.form_status,
                ("loading", rx.center(rx.spinner(size="3"), padding="2em")),
                ("open", _form()),
                (
                    "thanks",
                    rx.vstack(
                        _message(
                            "feedback_ui.thanks_title",
                            tf("feedback.thanks", collective=form.collective_name),
                            "green",
                        ),
                        muted(t("feedback_ui.thanks_close"), size="2"),
                        width="100%",
                    ),
                ),
                (
                    "answered",
                    _message("feedback_ui.answered_title", t("feedback.already_answered"), "blue"),
                ),
                (
                    "expired",
                    _message("feedback_ui.expired_title", t("feedback.link_expired"), "amber"),
                ),
                _message("feedback_ui.unknown_title", t("feedback.link_unknown"), "red"),
            ),
            id="feedback-card",
        )
    )
