"""Notification pages: the inbox, e-mail settings, and the one-click unsubscribe page."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import hidden, keyed_options, native_select, submit_button
from collab_app.components.i18n import t
from collab_app.components.layout import card, public_page, stacked_page
from collab_app.components.ui import bullet_list, muted, section, small_button
from collab_app.state.notifications import (
    CategoryRow,
    InboxLine,
    InboxState,
    NotificationSettingsState,
    ProjectRow,
    UnsubscribeState,
)

MODES = ("immediate", "digest", "never")
WEEKDAY_KEYS = tuple(f"notifications.weekday.{n}" for n in range(7))


def _line(line: rx.Var[InboxLine]) -> rx.Component:
    return rx.fragment(
        rx.cond(
            line.project_name != "",
            rx.heading(line.project_name, size="3", as_="h2", class_name="inbox-project"),
        ),
        rx.el.li(
            rx.hstack(
                rx.cond(line.unread, rx.box(class_name="unread-dot", aria_hidden="true")),
                rx.link(
                    line.text,
                    href=line.path,
                    on_click=InboxState.open_line(line.id).prevent_default,
                    weight=rx.cond(line.unread, "bold", "regular"),
                    class_name="inbox-link",
                ),
                align="center",
                spacing="2",
            ),
            rx.hstack(
                muted(line.when),
                rx.cond(
                    line.unread,
                    small_button(
                        "notifications.mark_read", InboxState.mark_read(line.id), variant="ghost"
                    ),
                ),
                spacing="2",
                align="center",
            ),
            class_name=rx.cond(line.unread, "inbox-line unread", "inbox-line"),
        ),
    )


def inbox_page() -> rx.Component:
    """The inbox: newest notifications grouped by project.

    Returns:
        The page.
    """
    return stacked_page(
        rx.hstack(
            rx.heading(t("notifications.inbox"), size="6", as_="h1"),
            rx.spacer(),
            rx.link(t("notifications.settings"), href="/notifications/settings"),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            InboxState.unread_total > 0,
            rx.button(
                t("notifications.mark_all_read"),
                on_click=InboxState.mark_all_read,
                variant="outline",
                id="mark-all-read",
            ),
        ),
        bullet_list(
            InboxState.lines, _line, "notifications.none", "inbox", list_id="inbox", empty_size=None
        ),
        spacing="3",
    )


def _hours() -> list[rx.Component]:
    return [rx.el.option(f"{h:02d}:00", value=str(h)) for h in range(24)]


def _setting(label: rx.Var, select: rx.Component, *after: rx.Component) -> rx.Component:
    """A setting's label on the left, its select on the right."""
    return rx.hstack(
        rx.el.label(label, html_for=select.id, class_name="field-label"),
        rx.spacer(),
        select,
        *after,
        width="100%",
        align="center",
        wrap="wrap",
    )


def _category(row: rx.Var[CategoryRow]) -> rx.Component:
    return _setting(
        row.label,
        native_select(
            "mode-" + row.category,
            *keyed_options([(mode, f"notifications.mode.{mode}") for mode in MODES]),
            value=row.mode,
            on_change=lambda mode: NotificationSettingsState.set_mode(row.category, mode),
        ),
    )


def _weekly_form(row: rx.Var[ProjectRow]) -> rx.Component:
    suffix = row.project_id.to_string()
    return rx.form(
        hidden("project_id", suffix),
        rx.hstack(
            rx.checkbox(
                t("notifications.weekly_on"),
                name="enabled",
                default_checked=row.weekly_enabled,
                id="weekly-enabled-" + suffix,
            ),
            native_select(
                "weekly-day-" + suffix,
                *(rx.el.option(t(key), value=str(n)) for n, key in enumerate(WEEKDAY_KEYS)),
                name="weekday",
                default_value=row.weekly_day,
                aria_label=t("notifications.weekly_day"),
            ),
            native_select(
                "weekly-hour-" + suffix,
                *_hours(),
                name="hour",
                default_value=row.weekly_hour,
                aria_label=t("notifications.weekly_hour"),
            ),
            muted(row.timezone),
            submit_button("form.save", size="1"),
            spacing="2",
            align="center",
            wrap="wrap",
        ),
        on_submit=NotificationSettingsState.save_weekly,
        reset_on_submit=False,
    )


def _project(row: rx.Var[ProjectRow]) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(row.name, weight="medium"),
            rx.spacer(),
            rx.checkbox(
                t("notifications.mute"),
                checked=row.muted,
                on_change=lambda muted: NotificationSettingsState.toggle_mute(
                    row.project_id, muted
                ),
            ),
            width="100%",
            align="center",
            wrap="wrap",
        ),
        rx.cond(
            row.manages,
            rx.vstack(
                rx.text(t("notifications.weekly_title"), size="2", weight="medium"),
                muted(t("notifications.weekly_help")),
                _weekly_form(row),
                spacing="1",
            ),
        ),
        spacing="2",
        width="100%",
        class_name="settings-project",
    )


def settings_page() -> rx.Component:
    """E-mail preferences, digest hour, project mutes and weekly client updates.

    Returns:
        The page.
    """
    return stacked_page(
        rx.heading(t("notifications.settings"), size="6", as_="h1"),
        section(
            "notifications.by_mail",
            rx.foreach(NotificationSettingsState.categories, _category),
            _setting(
                t("notifications.digest_hour"),
                native_select(
                    "digest-hour",
                    *_hours(),
                    value=NotificationSettingsState.digest_hour,
                    on_change=NotificationSettingsState.set_digest_hour,
                ),
                muted(NotificationSettingsState.timezone),
            ),
            as_="h2",
        ),
        section(
            "notifications.projects",
            rx.foreach(NotificationSettingsState.projects, _project),
            as_="h2",
        ),
        spacing="3",
    )


def unsubscribe_page() -> rx.Component:
    """The page a mail's unsubscribe link opens: done at once, no sign-in needed.

    Returns:
        The page.
    """
    return public_page(
        card(
            rx.cond(
                UnsubscribeState.done,
                rx.vstack(
                    rx.heading(t("notifications.unsubscribed_title"), size="5", id="unsubscribed"),
                    rx.text(t("notifications.unsubscribed_text"), " ", UnsubscribeState.what),
                    rx.link(t("notifications.settings"), href="/notifications/settings"),
                    spacing="2",
                ),
                rx.vstack(
                    rx.heading(t("notifications.unsubscribe_unknown"), size="5"),
                    rx.link(t("notifications.settings"), href="/notifications/settings"),
                    spacing="2",
                ),
            )
        )
    )
