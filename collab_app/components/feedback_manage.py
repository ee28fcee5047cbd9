"""A project's feedback settings, requests, outbox and improvement actions (project page)."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import labelled, submit_button
from collab_app.components.i18n import t, tf
from collab_app.components.layout import card
from collab_app.components.outbox import outbox_kind
from collab_app.services.feedback import (
    ACTION_STATUSES,
    ActionView,
    AnswerView,
    ClientCandidate,
    ContactView,
    RequestView,
)
from collab_app.services.mail.outbox import OutboxView
from collab_app.state.feedback import ProjectFeedbackState as S
from collab_app.state.session import SessionState


def _status_badge(status: rx.Var) -> rx.Component:
    return rx.badge(
        rx.match(
            status,
            ("active", t("feedback.status_active")),
            ("paused", t("feedback.status_paused")),
            t("feedback.status_none"),
        ),
        color_scheme=rx.match(status, ("active", "green"), ("paused", "amber"), "gray"),
        size="2",
        id="fb-schedule-status",
    )


def _contact_row(contact: rx.Var[ContactView]) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(
                rx.cond(contact.name != "", contact.name, contact.email),
                weight="medium",
                size="2",
                class_name="fb-break",
            ),
            rx.cond(
                (contact.name != "") & (contact.email != ""),
                rx.text(contact.email, size="1", color_scheme="gray", class_name="fb-break"),
            ),
            spacing="0",
            class_name="fb-grow",
        ),
        rx.badge(contact.locale.upper(), variant="outline"),
        rx.cond(
            S.fb_is_manager,
            rx.button(
                t("feedback.remove_contact"),
                on_click=S.remove_contact(contact.id),
                size="1",
                variant="ghost",
                color_scheme="red",
            ),
        ),
        align="center",
        width="100%",
        class_name="fb-contact",
    )


def _candidate_option(candidate: rx.Var[ClientCandidate]) -> rx.Component:
    return rx.el.option(
        candidate.name + " (" + candidate.email + ")", value=candidate.user_id.to_string()
    )


def _add_contact_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading(t("feedback.add_contact"), size="3"),
            rx.cond(
                S.candidates.length() > 0,
                labelled(
                    "contact_user_id",
                    "feedback_ui.contact_client",
                    rx.el.select(
                        rx.el.option(t("feedback_ui.choose"), value=""),
                        rx.foreach(S.candidates, _candidate_option),
                        id="contact_user_id",
                        name="contact_user_id",
                        class_name="native-select",
                    ),
                ),
            ),
            labelled(
                "contact_email",
                "feedback_ui.contact_email",
                rx.input(
                    id="contact_email",
                    name="contact_email",
                    type="email",
                    max_length=254,
                    size="3",
                    width="100%",
                ),
            ),
            labelled(
                "contact_locale",
                "feedback_ui.contact_locale",
                rx.el.select(
                    rx.el.option(t("feedback_ui.lang_fr"), value="fr"),
                    rx.el.option(t("feedback_ui.lang_en"), value="en"),
                    id="contact_locale",
                    name="contact_locale",
                    class_name="native-select",
                ),
            ),
            submit_button("feedback.add_contact"),
            spacing="3",
            width="100%",
        ),
        on_submit=S.add_contact,
        reset_on_submit=False,
        width="100%",
    )


def _number_field(name: str, label_key: str, value: rx.Var, low: int, high: int) -> rx.Component:
    return labelled(
        name,
        label_key,
        rx.input(
            id=name,
            name=name,
            type="number",
            min=low,
            max=high,
            step=1,
            input_mode="numeric",
            default_value=value.to_string(),
            size="3",
            width="100%",
        ),
    )


def _settings_form() -> rx.Component:
    schedule = S.schedule
    return rx.form(
        rx.vstack(
            rx.heading(t("feedback_ui.schedule"), size="3"),
            rx.box(
                _number_field(
                    "first_delay_days",
                    "feedback.first_delay_days",
                    schedule.first_delay_days,
                    0,
                    365,
                ),
                _number_field(
                    "interval_days", "feedback.interval_days", schedule.interval_days, 7, 365
                ),
                _number_field(
                    "reminder_delay_days",
                    "feedback.reminder_delay_days",
                    schedule.reminder_delay_days,
                    0,
                    14,
                ),
                _number_field("send_hour", "feedback.send_hour", schedule.send_hour, 0, 23),
                class_name="fb-settings-grid",
            ),
            labelled(
                "timezone",
                "feedback.timezone",
                rx.input(
                    id="timezone",
                    name="timezone",
                    default_value=schedule.timezone,
                    max_length=64,
                    size="3",
                    width="100%",
                ),
                hint_key="feedback_ui.timezone_hint",
            ),
            submit_button("form.save"),
            spacing="3",
            width="100%",
        ),
        on_submit=S.save_settings,
        no_validate=True,  # the service's messages, next to each field, in the page's language
        key=S.settings_version.to_string() + "-" + schedule.status,
        width="100%",
    )


def schedule_card() -> rx.Component:
    """Status, next request, contacts; managers also get the controls and the settings.

    Returns:
        The card.
    """
    schedule = S.schedule
    return card(
        rx.hstack(
            rx.heading(t("feedback.schedule_title"), size="4"),
            _status_badge(schedule.status),
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            schedule.configured,
            rx.vstack(
                rx.text(
                    tf(
                        "feedback.schedule_intro",
                        first=schedule.first_delay_days,
                        interval=schedule.interval_days,
                        reminder=schedule.reminder_delay_days,
                    ),
                    size="2",
                ),
                rx.cond(
                    schedule.next_due != "",
                    rx.text(
                        tf("feedback.next_due", when=schedule.next_due),
                        weight="medium",
                        id="fb-next-due",
                    ),
                    rx.text(t("feedback_ui.no_next"), weight="medium", id="fb-next-due"),
                ),
                rx.cond(
                    schedule.last_round != "",
                    rx.text(tf("feedback_ui.last_round", when=schedule.last_round), size="2"),
                ),
                rx.text(
                    tf("feedback_ui.rounds_sent", n=schedule.rounds_sent),
                    " · ",
                    tf("feedback_ui.times_in", tz=schedule.timezone),
                    size="2",
                    color_scheme="gray",
                ),
                spacing="1",
                width="100%",
            ),
            rx.text(t("feedback_ui.not_set_up"), size="2"),
        ),
        rx.cond(
            S.fb_is_manager & schedule.configured,
            rx.vstack(
                rx.hstack(
                    rx.cond(
                        schedule.status == "paused",
                        rx.button(t("feedback.resume"), on_click=S.resume, variant="soft"),
                        rx.button(t("feedback.pause"), on_click=S.pause, variant="soft"),
                    ),
                    rx.button(t("feedback.send_now"), on_click=S.send_now, id="fb-send-now"),
                    wrap="wrap",
                    spacing="2",
                ),
                rx.text(
                    tf("feedback_ui.send_now_hint", interval=schedule.interval_days),
                    size="1",
                    color_scheme="gray",
                ),
                spacing="2",
                width="100%",
            ),
        ),
        rx.heading(t("feedback.contacts"), size="3"),
        rx.cond(
            S.contacts.length() > 0,
            rx.vstack(rx.foreach(S.contacts, _contact_row), spacing="2", width="100%"),
            rx.text(t("feedback_ui.no_contact"), size="2"),
        ),
        rx.cond(
            S.fb_is_manager,
            rx.vstack(
                _add_contact_form(),
                rx.separator(),
                _settings_form(),
                spacing="4",
                width="100%",
            ),
            rx.text(t("feedback_ui.members_read_only"), size="1", color_scheme="gray"),
        ),
        id="fb-schedule",
    )


def _request_row(request: rx.Var[RequestView]) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(request.email, size="2", weight="medium", class_name="fb-break"),
            rx.text(
                tf("feedback_ui.round", n=request.sequence),
                " · ",
                request.sent_at,
                " · ",
                tf("feedback_ui.expires", when=request.expires_at),
                size="1",
                color_scheme="gray",
            ),
            spacing="0",
        ),
        rx.spacer(),
        rx.cond(request.manual, rx.badge(t("feedback_ui.manual"), variant="outline")),
        rx.cond(request.reminded, rx.badge(t("feedback_ui.reminded"), variant="outline")),
        rx.badge(
            rx.match(
                request.status,
                ("answered", t("feedback.request_answered")),
                ("expired", t("feedback.request_expired")),
                t("feedback.request_pending"),
            ),
            color_scheme=rx.match(
                request.status, ("answered", "green"), ("expired", "gray"), "amber"
            ),
        ),
        align="center",
        width="100%",
        wrap="wrap",
        class_name="fb-row",
    )


def requests_card() -> rx.Component:
    """The form links sent, with their state (managers).

    Returns:
        The card.
    """
    return card(
        rx.heading(t("feedback_ui.requests"), size="4"),
        rx.cond(
            S.fb_requests.length() > 0,
            rx.vstack(rx.foreach(S.fb_requests, _request_row), spacing="0", width="100%"),
            rx.text(t("feedback_ui.no_requests"), size="2"),
        ),
        id="fb-requests",
    )


def _link_used(message: rx.Var[OutboxView]) -> rx.Var[bool]:
    """An answered, expired or replaced form link: shown as such, never offered to copy."""
    return (message.link_state != "") & (message.link_state != "open")


def _outbox_row(message: rx.Var[OutboxView]) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(message.to_email, weight="medium", size="2", class_name="fb-break"),
            rx.badge(outbox_kind(message.kind), variant="soft", class_name="fb-outbox-kind"),
            rx.cond(
                _link_used(message),
                rx.badge(
                    rx.match(
                        message.link_state,
                        ("answered", t("outbox.link_answered")),
                        ("expired", t("outbox.link_expired")),
                        t("outbox.link_replaced"),
                    ),
                    color_scheme=rx.cond(message.link_state == "answered", "green", "gray"),
                    class_name="fb-outbox-state",
                ),
                rx.badge(
                    rx.cond(message.sent, t("outbox.sent"), t("outbox.pending")),
                    color_scheme=rx.cond(message.sent, "green", "amber"),
                    class_name="fb-outbox-state",
                ),
            ),
            wrap="wrap",
            align="center",
        ),
        rx.text(message.subject, size="2"),
        rx.cond(
            (message.link != "") & ~message.sent & ~_link_used(message),
            rx.hstack(
                rx.text(message.link, class_name="link-box fb-outbox-link"),
                rx.button(
                    t("form.copy"),
                    on_click=[rx.set_clipboard(message.link), rx.toast.info(t("form.copied"))],
                    size="1",
                    variant="soft",
                ),
                align="center",
                width="100%",
            ),
        ),
        spacing="1",
        width="100%",
        class_name="fb-row",
    )


def outbox_card() -> rx.Component:
    """The project's outgoing mails, with each link to copy while no SMTP is configured.

    Returns:
        The card.
    """
    return card(
        rx.heading(t("feedback_ui.outbox"), size="4"),
        rx.cond(
            S.smtp_configured,
            rx.text(t("feedback_ui.outbox_smtp"), size="2", color_scheme="gray"),
            rx.callout(t("feedback_ui.outbox_no_smtp"), color_scheme="blue", size="1"),
        ),
        rx.cond(
            S.outbox_messages.length() > 0,
            rx.vstack(rx.foreach(S.outbox_messages, _outbox_row), spacing="0", width="100%"),
            rx.text(t("feedback_ui.outbox_empty"), size="2"),
        ),
        id="fb-outbox",
    )


def _status_option(status: str) -> rx.Component:
    return rx.el.option(t(f"feedback.action_status.{status}"), value=status)


def _action_row(action: rx.Var[ActionView]) -> rx.Component:
    return rx.vstack(
        rx.text(action.text, class_name="fb-comment"),
        rx.hstack(
            rx.badge(
                rx.match(
                    action.status,
                    *[(s, t(f"feedback.action_status.{s}")) for s in ACTION_STATUSES],
                    action.status,
                ),
                color_scheme=rx.match(
                    action.status, ("done", "green"), ("in_progress", "blue"), "gray"
                ),
            ),
            rx.badge(
                rx.cond(
                    action.share_with_client, t("feedback_ui.shared"), t("feedback_ui.internal")
                ),
                variant="outline",
            ),
            rx.text(
                tf("feedback_ui.by", name=action.created_by, when=action.created_at),
                size="1",
                color_scheme="gray",
            ),
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
                    *[_status_option(s) for s in ACTION_STATUSES],
                    value=action.status,
                    on_change=lambda value: S.set_action_status(action.id, value),
                    class_name="native-select fb-inline-select",
                    aria_label=t("feedback_ui.action_status"),
                ),
                rx.button(
                    rx.cond(
                        action.share_with_client, t("feedback_ui.unshare"), t("feedback_ui.share")
                    ),
                    on_click=S.set_action_shared(action.id, ~action.share_with_client),
                    size="1",
                    variant="soft",
                ),
                rx.button(
                    t("form.delete"),
                    on_click=S.delete_action(action.id),
                    size="1",
                    variant="ghost",
                    color_scheme="red",
                ),
                wrap="wrap",
                align="center",
            ),
        ),
        spacing="2",
        width="100%",
        class_name="fb-row",
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
    return rx.form(
        rx.vstack(
            rx.heading(t("feedback.action_add"), size="3"),
            labelled(
                "action_text",
                "feedback_ui.action_text",
                rx.text_area(
                    id="action_text", name="action_text", rows="2", size="3", width="100%"
                ),
            ),
            rx.cond(
                S.answers.length() > 0,
                labelled(
                    "action_answer_id",
                    "feedback_ui.action_answer",
                    rx.el.select(
                        rx.el.option(t("feedback_ui.no_answer_link"), value=""),
                        rx.foreach(S.answers, _answer_option),
                        id="action_answer_id",
                        name="action_answer_id",
                        class_name="native-select",
                    ),
                ),
            ),
            rx.el.label(
                rx.el.input(
                    type="checkbox",
                    name="action_share",
                    id="action_share",
                    default_checked=True,
                    value="on",
                ),
                " ",
                t("feedback.action_share"),
                class_name="fb-check",
            ),
            submit_button("feedback.action_add"),
            spacing="3",
            width="100%",
        ),
        on_submit=S.add_action,
        width="100%",
    )


def actions_card() -> rx.Component:
    """Improvement actions; managers record them and send the client recap.

    Returns:
        The card.
    """
    return card(
        rx.heading(t("feedback.actions"), size="4"),
        rx.cond(
            S.actions.length() > 0,
            rx.vstack(rx.foreach(S.actions, _action_row), spacing="0", width="100%"),
            rx.text(t("feedback_ui.no_actions"), size="2"),
        ),
        rx.cond(
            S.fb_is_manager,
            rx.vstack(
                rx.button(t("feedback.send_recap"), on_click=S.send_recap, variant="soft"),
                rx.text(t("feedback_ui.recap_hint"), size="1", color_scheme="gray"),
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
        rx.el.input(type="hidden", name="answer_id", value=answer.id.to_string()),
        rx.vstack(
            rx.el.label(t("feedback_ui.call_outcome"), html_for=field, class_name="field-label"),
            rx.text_area(id=field, name="call_outcome", rows="2", size="2", width="100%"),
            rx.cond(
                SessionState.field_errors[field],
                rx.text(
                    SessionState.field_errors[field], color_scheme="red", size="2", role="alert"
                ),
            ),
            rx.button(t("feedback_ui.mark_call_done"), type="submit", size="2", variant="soft"),
            spacing="2",
            width="100%",
        ),
        on_submit=S.mark_call_done,
        class_name="fb-call-form",
        width="100%",
    )
