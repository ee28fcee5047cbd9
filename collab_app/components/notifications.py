"""The header bell: a link to the inbox with the live unread count."""

from __future__ import annotations

import reflex as rx

from collab_app.components.i18n import t
from collab_app.state.notifications import BellState


def bell() -> rx.Component:
    """The bell with the unread count (hidden at zero), linking to the inbox.

    Returns:
        The link.
    """
    return rx.link(
        rx.icon("bell", size=18, aria_hidden="true"),
        rx.cond(
            BellState.unread > 0,
            rx.badge(BellState.unread, color_scheme="red", radius="full", id="bell-count"),
        ),
        href="/notifications",
        aria_label=t("notifications.inbox"),
        id="bell",
        class_name="bell",
        on_mount=BellState.load,
        display="inline-flex",
        align_items="center",
        gap="0.25em",
    )
