"""The invitation page, reached from a single-use link."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import form_error
from collab_app.components.i18n import t
from collab_app.components.layout import card, public_page
from collab_app.components.people import role_badge
from collab_app.state.invite import InviteState


def invite_page() -> rx.Component:
    preview = InviteState.preview
    return public_page(
        card(
            rx.heading(t("invite.title"), size="6"),
            rx.cond(
                InviteState.invite_error != "",
                rx.callout(
                    InviteState.invite_error, color_scheme="red", role="alert", id="invite-error"
                ),
            ),
            rx.cond(
                preview,
                rx.vstack(
                    rx.text(
                        rx.cond(
                            preview.project_name != "",
                            preview.project_name,
                            preview.collective_name,
                        ),
                        weight="bold",
                        size="4",
                    ),
                    rx.text(preview.collective_name, color_scheme="gray"),
                    role_badge(preview.role),
                    rx.text(t("invite.for_email").replace("{email}", preview.email), size="2"),
                    rx.cond(
                        preview.status == "open",
                        rx.cond(
                            InviteState.signed_in,
                            rx.vstack(
                                form_error(),
                                rx.button(
                                    t("invite.accept"), on_click=InviteState.accept, size="3"
                                ),
                            ),
                            rx.vstack(
                                rx.text(t("invite.sign_in_first"), size="2"),
                                rx.hstack(
                                    rx.link(
                                        t("auth.sign_in"),
                                        href="/signin?next="
                                        + rx.Var.create(InviteState.router.url.path),
                                    ),
                                    rx.link(
                                        t("auth.sign_up"),
                                        href="/signup?next="
                                        + rx.Var.create(InviteState.router.url.path),
                                    ),
                                    spacing="4",
                                ),
                            ),
                        ),
                    ),
                    spacing="2",
                ),
            ),
        )
    )
