"""A project's feedback settings, requests and outbox (project page)."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from collab_app.components.forms import (
    choice_field,
    input_field,
    keyed_options,
    optional_choice,
    stacked_form,
    submit_button,
)
from collab_app.components.i18n import t, tf
from collab_app.components.layout import card
from collab_app.components.outbox import outbox_kind
from collab_app.components.ui import (
    copy_button,
    danger_button,
    heading,
    list_or_empty,
    match_badge,
    muted,
    section,
)
from collab_app.services.feedback import (
    ClientCandidate,
    ContactView,
    RequestView,
)
from collab_app.services.mail.outbox import OutboxView
from collab_app.state.feedback import ProjectFeedbackState as S


def _status_badge(status: rx.Var) -> rx.Component:
    return match_badge(
        status,
        [
            ("active", "feedback.status_active", "green"),
            ("paused", "feedback.status_paused", "amber"),
        ],
        ("feedback.status_none", "gray"),
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
                muted(contact.email, class_name="fb-break"),
            ),
            spacing="0",
            class_name="fb-grow",
        ),
        rx.badge(contact.locale.upper(), variant="outline"),
        rx.cond(
            S.fb_is_manager,
            danger_button("feedback.remove_contact", S.remove_contact(contact.id)),
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
    return stacked_form(
        heading("feedback.add_contact", size="3"),
        optional_choice(
            "contact_user_id",
            "feedback_ui.contact_client",
            "feedback_ui.choose",
            S.candidates,
            _candidate_option,
        ),
        input_field("contact_email", "feedback_ui.contact_email", type="email", max_length=254),
        choice_field(
            "contact_locale",
            "feedback_ui.contact_locale",
            *keyed_options([("fr", "feedback_ui.lang_fr"), ("en", "feedback_ui.lang_en")]),
        ),
        submit_button("feedback.add_contact"),
        on_submit=S.add_contact,
        reset_on_submit=False,
    )


def _number_field(name: str, label_key: str, value: rx.Var, low: int, high: int) -> rx.Component:
    return input_field(
        name,
        label_key,
        type="number",
        min=low,
        max=high,
        step=1,
        input_mode="numeric",
        default_value=value.to_string(),
    )


def _settings_form() -> rx.Component:
    schedule = S.schedule
    return stacked_form(
        heading("feedback_ui.schedule", size="3"),
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
        input_field(
            "timezone",
            "feedback.timezone",
            hint_key="feedback_ui.timezone_hint",
            default_value=schedule.timezone,
            max_length=64,
        ),
        submit_button("form.save"),
        on_submit=S.save_settings,
        no_validate=True,  # the service's messages, next to each field, in the page's language
        key=S.settings_version.to_string() + "-" + schedule.status,
    )


def schedule_card() -> rx.Component:
    """Status, next request, contacts; managers also get the controls and the settings.

    Returns:
        The card.
    """
    schedule = S.schedule
    return card(
        rx.hstack(
            heading("feedback.schedule_title"),
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
                muted(
                    tf("feedback_ui.rounds_sent", n=schedule.rounds_sent),
                    " · ",
                    tf("feedback_ui.times_in", tz=schedule.timezone),
                    size="2",
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
                muted(tf("feedback_ui.send_now_hint", interval=schedule.interval_days)),
                spacing="2",
                width="100%",
            ),
        ),
        heading("feedback.contacts", size="3"),
        list_or_empty(S.contacts, _contact_row, "feedback_ui.no_contact", spacing="2"),
        rx.cond(
            S.fb_is_manager,
            rx.vstack(
                _add_contact_form(),
                rx.separator(),
                _settings_form(),
                spacing="4",
                width="100%",
            ),
            muted(t("feedback_ui.members_read_only")),
        ),
        id="fb-schedule",
    )


def fb_row(
    stack: Callable[..., rx.Component], *children: rx.Component, **props: object
) -> rx.Component:
    """A full-width row of one of the feedback lists.

    Args:
        stack: ``rx.hstack`` or ``rx.vstack``.
        *children: The row's content.
        **props: Extra stack props.

    Returns:
        The row.
    """
    return stack(*children, width="100%", class_name="fb-row", **props)


def _request_row(request: rx.Var[RequestView]) -> rx.Component:
    return fb_row(
        rx.hstack,
        rx.vstack(
            rx.text(request.email, size="2", weight="medium", class_name="fb-break"),
            muted(
                tf("feedback_ui.round", n=request.sequence),
                " · ",
                request.sent_at,
                " · ",
                tf("feedback_ui.expires", when=request.expires_at),
            ),
            spacing="0",
        ),
        rx.spacer(),
        rx.cond(request.manual, rx.badge(t("feedback_ui.manual"), variant="outline")),
        rx.cond(request.reminded, rx.badge(t("feedback_ui.reminded"), variant="outline")),
        match_badge(
            request.status,
            [
                ("answered", "feedback.request_answered", "green"),
                ("expired", "feedback.request_expired", "gray"),
            ],
            ("feedback.request_pending", "amber"),
        ),
        align="center",
        wrap="wrap",
    )


def requests_card() -> rx.Component:
    """The form links sent, with their state (managers).

    Returns:
        The card.
    """
    return section(
        "feedback_ui.requests",
        list_or_empty(S.fb_requests, _request_row, "feedback_ui.no_requests"),
        id="fb-requests",
    )


def _link_used(message: rx.Var[OutboxView]) -> rx.Var[bool]:
    """An answered, expired or replaced form link: shown as such, never offered to copy."""
    return (message.link_state != "") & (message.link_state != "open")


def _outbox_row(message: rx.Var[OutboxView]) -> rx.Component:
    return fb_row(
        rx.vstack,
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
                copy_button(message.link),
                align="center",
                width="100%",
            ),
        ),
        spacing="1",
    )


def outbox_card() -> rx.Component:
    """The project's outgoing mails, with each link to copy while no SMTP is configured.

    Returns:
        The card.
    """
    return section(
        "feedback_ui.outbox",
        rx.cond(
            S.smtp_configured,
            muted(t("feedback_ui.outbox_smtp"), size="2"),
            rx.callout(t("feedback_ui.outbox_no_smtp"), color_scheme="blue", size="1"),
        ),
        list_or_empty(S.outbox_messages, _outbox_row, "feedback_ui.outbox_empty"),
        id="fb-outbox",
    )
