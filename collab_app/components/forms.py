"""Form fields with a visible label (their accessible name) and their error next to them."""

from __future__ import annotations

import reflex as rx

from collab_app.components.i18n import t
from collab_app.state.session import SessionState


def field_error(name: str) -> rx.Component:
    """The error message of one field, announced to screen readers.

    Args:
        name: The field's name.

    Returns:
        The error text, shown only when there is one.
    """
    return rx.cond(
        SessionState.field_errors[name],
        rx.text(
            SessionState.field_errors[name],
            color_scheme="red",
            size="2",
            role="alert",
            id=f"{name}-error",
        ),
    )


def labelled(name: str, label_key: str, control: rx.Component, hint_key: str = "") -> rx.Component:
    """Wrap a control with its label, optional hint and error.

    Args:
        name: Field name; the control must have ``id=name``.
        label_key: Message key of the label.
        control: The input, select or textarea.
        hint_key: Optional message key of a hint under the label.

    Returns:
        The field block.
    """
    return rx.vstack(
        rx.el.label(t(label_key), html_for=name, class_name="field-label"),
        rx.cond(hint_key != "", rx.text(t(hint_key), size="1", color_scheme="gray"))
        if hint_key
        else rx.fragment(),
        control,
        field_error(name),
        spacing="1",
        width="100%",
        align="stretch",
    )


def text_field(
    name: str,
    label_key: str,
    *,
    type_: str = "text",
    hint_key: str = "",
    autocomplete: str = "off",
    default_value: str | rx.Var = "",
    required: bool = False,
    max_length: int = 200,
) -> rx.Component:
    """A labelled single-line input.

    Args:
        name: Form field name and element id.
        label_key: Message key of the label.
        type_: HTML input type.
        hint_key: Optional hint message key.
        autocomplete: HTML autocomplete hint.
        default_value: Initial value.
        required: Mark as required for the browser too.
        max_length: Characters accepted by the input.

    Returns:
        The field block.
    """
    return labelled(
        name,
        label_key,
        rx.input(
            id=name,
            name=name,
            type=type_,
            auto_complete=autocomplete,
            default_value=default_value,
            required=required,
            max_length=max_length,
            width="100%",
            size="3",
        ),
        hint_key,
    )


def select_field(
    name: str,
    label_key: str,
    options: list[tuple[str, str]],
    *,
    default_value: str | rx.Var = "",
) -> rx.Component:
    """A labelled native select (works well on phones).

    Args:
        name: Form field name and element id.
        label_key: Message key of the label.
        options: (value, message key) pairs.
        default_value: Selected value.

    Returns:
        The field block.
    """
    return labelled(
        name,
        label_key,
        rx.el.select(
            *[rx.el.option(t(label), value=value) for value, label in options],
            id=name,
            name=name,
            default_value=default_value,
            class_name="native-select",
        ),
    )


def form_error() -> rx.Component:
    """The form-level error message, when there is one.

    Returns:
        A callout.
    """
    return rx.cond(
        SessionState.form_error != "",
        rx.callout(SessionState.form_error, color_scheme="red", role="alert", width="100%"),
    )


def submit_button(label_key: str, **props: object) -> rx.Component:
    """The submit button of a form.

    Args:
        label_key: Message key of its text.
        **props: Extra button props.

    Returns:
        The button.
    """
    return rx.button(t(label_key), type="submit", size="3", **props)
