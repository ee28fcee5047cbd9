"""Sign-in, sign-up and profile pages."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import (
    blank_option,
    choice_field,
    form_error,
    labelled,
    stacked_form,
    submit_button,
    text_field,
)
from collab_app.components.i18n import t
from collab_app.components.layout import card, public_page, stacked_page
from collab_app.components.ui import heading, section
from collab_app.state.auth import TIMEZONES, ProfileState, SignInState, SignUpState


def _account_form(
    title_key: str, on_submit: object, *fields: rx.Component, other: tuple[str, str, str]
) -> rx.Component:
    """A public sign-in/sign-up card: the fields, the button, a link to the other form."""
    question_key, link_key, href = other
    return public_page(
        card(
            heading(title_key, size="6"),
            stacked_form(
                form_error(),
                *fields,
                submit_button(title_key, width="100%"),
                on_submit=on_submit,
            ),
            rx.text(t(question_key), " ", rx.link(t(link_key), href=href), size="2"),
        )
    )


def _password(name: str, label_key: str, autocomplete: str, **props: object) -> rx.Component:
    return text_field(
        name,
        label_key,
        type_="password",
        autocomplete=autocomplete,
        max_length=256,
        **props,
    )


def signin() -> rx.Component:
    return _account_form(
        "auth.sign_in",
        SignInState.sign_in,
        text_field("email", "auth.email", type_="email", autocomplete="username", required=True),
        _password("password", "auth.password", "current-password", required=True),
        other=("auth.no_account", "auth.sign_up", "/signup"),
    )


def signup() -> rx.Component:
    return _account_form(
        "auth.sign_up",
        SignUpState.sign_up,
        text_field("email", "auth.email", type_="email", autocomplete="email", required=True),
        text_field(
            "display_name", "auth.display_name", autocomplete="name", required=True, max_length=80
        ),
        _password(
            "password",
            "auth.password",
            "new-password",
            hint_key="auth.password_hint",
            required=True,
        ),
        other=("auth.have_account", "auth.sign_in", "/signin"),
    )


def profile() -> rx.Component:
    return stacked_page(
        heading("profile.title", size="7"),
        rx.box(
            card(
                stacked_form(
                    text_field(
                        "display_name",
                        "auth.display_name",
                        default_value=ProfileState.display_name,
                        max_length=80,
                    ),
                    choice_field(
                        "locale",
                        "profile.language",
                        blank_option("profile.language_auto"),
                        rx.el.option("English", value="en"),
                        rx.el.option("Français", value="fr"),
                        default_value=ProfileState.locale,
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
                    on_submit=ProfileState.save_profile,
                ),
            ),
            section(
                "profile.password_section",
                stacked_form(
                    _password("current_password", "profile.current_password", "current-password"),
                    _password(
                        "new_password",
                        "profile.new_password",
                        "new-password",
                        hint_key="auth.password_hint",
                    ),
                    submit_button("profile.change_password"),
                    on_submit=ProfileState.change_password,
                ),
            ),
            class_name="grid-2",
        ),
    )
