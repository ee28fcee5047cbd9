"""Form fields with a visible label (their accessible name) and their error next to them."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from collab_app.components.i18n import t
from collab_app.state.session import SessionState


def field_error(name: str | rx.Var, *, with_id: bool = True) -> rx.Component:
    """The error message of one field, announced to screen readers.

    Args:
        name: The field's name.
        with_id: Give the message the id ``<name>-error`` (fields named by a constant).

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
            **({"id": f"{name}-error"} if with_id else {}),
        ),
    )


def field(label_key: str, name: str | rx.Var, control: rx.Component) -> rx.Component:
    """A control with its visible label above it (its errors show elsewhere: a toast).

    Args:
        label_key: Message key of the label.
        name: The control's id.
        control: The control.

    Returns:
        The block.
    """
    return rx.vstack(
        rx.el.label(t(label_key), html_for=name, class_name="field-label"),
        control,
        spacing="1",
        width="100%",
        align="stretch",
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


def _props(defaults: dict[str, object], props: dict[str, object]) -> dict[str, object]:
    """The defaults overridden by ``props``; a prop given as None is left out."""
    merged = {**defaults, **props}
    return {key: value for key, value in merged.items() if value is not None}


def input_field(
    name: str,
    label_key: str,
    *,
    hint_key: str = "",
    control: Callable[..., rx.Component] = rx.input,
    **props: object,
) -> rx.Component:
    """A labelled input (or text area) whose id and form name are ``name``, full width, large.

    Args:
        name: Form field name and element id.
        label_key: Message key of the label.
        hint_key: Optional hint message key.
        control: The control's component (``rx.input``, ``rx.text_area``).
        **props: Control props (``type``, ``max_length``...); None drops a default.

    Returns:
        The field block.
    """
    control_props = _props({"width": "100%", "size": "3"}, props)
    return labelled(name, label_key, control(id=name, name=name, **control_props), hint_key)


def native_select(
    element_id: str | rx.Var, *options: rx.Component, **props: object
) -> rx.Component:
    """A native ``<select>`` with the app's look (phones show their own picker).

    Args:
        element_id: Element id, and form field name unless ``name`` is given.
        *options: The options.
        **props: Extra props (``name``, ``default_value``, ``on_change``...).

    Returns:
        The select.
    """
    props.setdefault("name", element_id)
    props.setdefault("class_name", "native-select")
    return rx.el.select(*options, id=element_id, **props)


def choice_field(
    name: str, label_key: str, *options: rx.Component, hint_key: str = "", **props: object
) -> rx.Component:
    """A labelled native select whose id and form name are ``name``.

    Args:
        name: Form field name and element id.
        label_key: Message key of the label.
        *options: The options (``rx.el.option``, ``rx.foreach``...).
        hint_key: Optional hint message key.
        **props: Extra select props (``default_value``...).

    Returns:
        The field block.
    """
    return labelled(name, label_key, native_select(name, *options, **props), hint_key)


def optional_choice(
    name: str,
    label_key: str,
    blank_key: str,
    items: rx.Var,
    render: Callable[[rx.Var], rx.Component],
) -> rx.Component:
    """A labelled select offered only when there is something to choose; it may stay blank.

    Args:
        name: Form field name and element id.
        label_key: Message key of the label.
        blank_key: Message key of the blank first option.
        items: The choices.
        render: Builds one choice's option.

    Returns:
        The field block, shown when ``items`` is not empty.
    """
    options = (blank_option(blank_key), rx.foreach(items, render))
    return rx.cond(items.length() > 0, choice_field(name, label_key, *options))


def blank_option(label_key: str, **props: object) -> rx.Component:
    """The empty first option of a select ("None", "Choose…").

    Args:
        label_key: Message key of its text.
        **props: Extra option props (``disabled``).

    Returns:
        The option.
    """
    return rx.el.option(t(label_key), value="", **props)


def option_of(option: rx.Var) -> rx.Component:
    """An option from a view with ``text`` and ``value`` (``Option``).

    Args:
        option: The option view.

    Returns:
        The option.
    """
    return rx.el.option(option.text, value=option.value)


def keyed_options(options: list[tuple[str, str]]) -> list[rx.Component]:
    """Options from (value, message key) pairs.

    Args:
        options: The pairs.

    Returns:
        The options.
    """
    return [rx.el.option(t(label), value=value) for value, label in options]


def hidden(name: str, value: rx.Var | str) -> rx.Component:
    """A hidden form field.

    Args:
        name: Its form name.
        value: Its value.

    Returns:
        The input.
    """
    return rx.el.input(type="hidden", name=name, value=value)


def check_field(
    name: str, label_key: str, *, label_props: dict[str, object] | None = None, **props: object
) -> rx.Component:
    """A checkbox inside its label, id and form name ``name``.

    Args:
        name: Form field name and element id.
        label_key: Message key of the label.
        label_props: Props of the label (default: ``html_for`` the box).
        **props: Checkbox props (``default_checked``...).

    Returns:
        The label with its box.
    """
    box = rx.el.input(type="checkbox", name=name, id=name, **props)
    return rx.el.label(box, " ", t(label_key), **(label_props or {"html_for": name}))


def stacked_form(*children: rx.Component, on_submit: object, **props: object) -> rx.Component:
    """A full-width form whose fields stand one under the other.

    Args:
        *children: Fields and buttons.
        on_submit: The submit handler.
        **props: Form props (``key``, ``reset_on_submit``...); ``spacing`` goes to the stack.

    Returns:
        The form.
    """
    spacing = props.pop("spacing", "3")
    return rx.form(
        rx.vstack(*children, spacing=spacing, width="100%"),
        on_submit=on_submit,
        **_props({"width": "100%"}, props),
    )


def text_field(
    name: str,
    label_key: str,
    *,
    type_: str = "text",
    autocomplete: str = "off",
    **props: object,
) -> rx.Component:
    """A labelled single-line input, empty, optional and 200 characters long unless told.

    Args:
        name: Form field name and element id.
        label_key: Message key of the label.
        type_: HTML input type.
        autocomplete: HTML autocomplete hint.
        **props: ``hint_key``, ``default_value``, ``required``, ``max_length`` and other
            input props.

    Returns:
        The field block.
    """
    props = {"default_value": "", "required": False, "max_length": 200, **props}
    return input_field(name, label_key, type=type_, auto_complete=autocomplete, **props)


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
        native_select(name, *keyed_options(options), default_value=default_value),
    )


def form_error(**props: object) -> rx.Component:
    """The form-level error message, when there is one.

    Args:
        **props: Extra callout props (``id``).

    Returns:
        A callout.
    """
    return rx.cond(
        SessionState.form_error != "",
        rx.callout(
            SessionState.form_error, color_scheme="red", role="alert", width="100%", **props
        ),
    )


def submit_button(label_key: str, **props: object) -> rx.Component:
    """The submit button of a form.

    Args:
        label_key: Message key of its text.
        **props: Extra button props.

    Returns:
        The button.
    """
    return rx.button(t(label_key), type="submit", **{"size": "3", **props})
