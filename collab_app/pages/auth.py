"""Sign-in, sign-up and profile pages."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import form_error, labelled, submit_button, text_field
from collab_app.components.i18n import t
from collab_app.components.layout import card, page, public_page
from collab_app.state.auth import TIMEZONES, ProfileState, SignInState, SignUpState


def signin() -> rx.Component:
    return public_page(
        card(
            rx.heading(t("auth.sign_in"), size="6"),
            rx.form(
                rx.vstack(
                    form_error(),
                    text_field(
                        "email", "auth.email", type_="email", autocomplete="username", required=True
                    ),
                    text_field(
                        "password",
                        "auth.password",
                        type_="password",
                        autocomplete="current-password",
                        required=True,
                        max_length=256,
                    ),
                    submit_button("auth.sign_in", width="100%"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=SignInState.sign_in,
                width="100%",
            ),
            rx.text(
                t("auth.no_account"),
                " ",
                rx.link(t("auth.sign_up"), href="/signup"),
                size="2",
            ),
        )
    )


def signup() -> rx.Component:
    return public_page(
        card(
            rx.heading(t("auth.sign_up"), size="6"),
            rx.form(
                rx.vstack(
                    form_error(),
                    text_field(
                        "email", "auth.email", type_="email", autocomplete="email", required=True
                    ),
                    text_field(
                        "display_name",
                        "auth.display_name",
                        autocomplete="name",
                        required=True,
                        max_length=80,
                    ),
                    text_field(
                        "password",
                        "auth.password",
                        type_="password",
                        autocomplete="new-password",
                        hint_key="auth.password_hint",
                        required=True,
                        max_length=256,
                    ),
                    submit_button("auth.sign_up", width="100%"),
                    spacing="3",
                    width="100%",
                ),
                on_submit=SignUpState.sign_up,
                width="100%",
            ),
            rx.text(
                t("auth.have_account"), " ", rx.link(t("auth.sign_in"), href="/signin"), size="2"
            ),
        )
    )


def profile() -> rx.Component:
    return page(
        rx.vstack(
            rx.heading(t("profile.title"), size="7"),
            rx.box(
                card(
                    rx.form(
                        rx.vstack(
                            text_field(
                                "display_name",
                                "auth.display_name",
                                default_value=ProfileState.display_name,
                                max_length=80,
                            ),
                            labelled(
                                "locale",
                                "profile.language",
                                rx.el.select(
                                    rx.el.option(t("profile.language_auto"), value=""),
                                    rx.el.option("English", value="en"),
                                    rx.el.option("Français", value="fr"),
                                    id="locale",
                                    name="locale",
                                    default_value=ProfileState.locale,
                                    class_name="native-select",
                                ),
                            ),
                            labelled(
                                "timezone",
                                "profile.timezone",
                                rx.fragment(
                                    rx.el.input(
                                        id="timezone",
                                        name="timezone",
                                        list="timezones",
                                        default_value=ProfileState.timezone,
                                        class_name="native-select",
                                        auto_complete="off",
                                    ),
                                    rx.el.datalist(
                                        *[rx.el.option(value=zone) for zone in TIMEZONES],
                                        id="timezones",
                                    ),
                                ),
                            ),
                            form_error(),
                            submit_button("form.save"),
                            spacing="3",
                            width="100%",
                        ),
                        on_submit=ProfileState.save_profile,
                        width="100%",
                    ),
                ),
                card(
                    rx.heading(t("profile.password_section"), size="4"),
                    rx.form(
                        rx.vstack(
                            text_field(
                                "current_password",
                                "profile.current_password",
                                type_="password",
                                autocomplete="current-password",
                                max_length=256,
                            ),
                            text_field(
                                "new_password",
                                "profile.new_password",
                                type_="password",
                                autocomplete="new-password",
                                hint_key="auth.password_hint",
                                max_length=256,
                            ),
                            submit_button("profile.change_password"),
                            spacing="3",
                            width="100%",
                        ),
                        on_submit=ProfileState.change_password,
                        width="100%",
                    ),
                ),
                class_name="grid-2",
            ),
            spacing="4",
            width="100%",
        )
    )
