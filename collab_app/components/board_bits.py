"""Small pieces shared by the board's screens: priority, due date, labels, flags, drag targets."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_components_core.el.elements.typography import Div

from collab_app.components.forms import (
    choice_field,
    field,
    input_field,
    keyed_options,
    native_select,
    submit_button,
)
from collab_app.components.i18n import t
from collab_app.components.layout import row
from collab_app.components.ui import coded, confirm_dialog
from collab_app.reflex_adapter import no_args_event_spec
from collab_app.services.board import LabelView

PRIORITY_COLORS = (("urgent", "red"), ("high", "orange"), ("low", "gray"))


class DragDiv(Div):
    """A ``<div>`` with the browser's native drag-and-drop events (no JS library needed)."""

    on_drag_start: rx.EventHandler[no_args_event_spec]
    on_drag_end: rx.EventHandler[no_args_event_spec]
    on_drag_over: rx.EventHandler[no_args_event_spec]
    on_drag_enter: rx.EventHandler[no_args_event_spec]
    on_drag_leave: rx.EventHandler[no_args_event_spec]
    on_drop: rx.EventHandler[no_args_event_spec]


drag_div = DragDiv.create


def priority_text(priority: rx.Var) -> rx.Var:
    """The priority's name in the tab's language.

    Args:
        priority: ``low``, ``normal``, ``high`` or ``urgent``.

    Returns:
        A text Var.
    """
    return coded("board.priority.", ("low", "high", "urgent"), priority, other="normal")


def priority_badge(priority: rx.Var) -> rx.Component:
    """A coloured badge with the priority.

    Args:
        priority: The priority code.

    Returns:
        The badge.
    """
    return rx.badge(
        priority_text(priority),
        color_scheme=rx.match(priority, *PRIORITY_COLORS, "blue"),
        variant=rx.cond(priority == "urgent", "solid", "soft"),
        class_name="priority-badge",
    )


def due_badge(label: rx.Var, state: rx.Var) -> rx.Component:
    """The due date, highlighted when overdue (red) or due soon (amber).

    Args:
        label: The date as written for the viewer.
        state: ``overdue``, ``soon`` or ``none``.

    Returns:
        The badge (nothing without a date).
    """
    return rx.cond(
        label != "",
        rx.badge(
            rx.icon("clock", size=12, aria_hidden="true"),
            label,
            rx.cond(
                state == "overdue",
                rx.text.span(" · ", t("board.due.overdue")),
                rx.cond(state == "soon", rx.text.span(" · ", t("board.due.soon"))),
            ),
            color_scheme=rx.match(state, ("overdue", "red"), ("soon", "amber"), "gray"),
            variant=rx.cond(state == "overdue", "solid", "soft"),
            class_name=rx.match(
                state, ("overdue", "due due-overdue"), ("soon", "due due-soon"), "due"
            ),
        ),
    )


def label_chip(label: rx.Var[LabelView]) -> rx.Component:
    """One label in its colour.

    Args:
        label: The label.

    Returns:
        The chip.
    """
    return rx.badge(label.name, color_scheme=label.color, variant="surface", class_name="label")


def icon_badge(icon: str, label_key: str, color: str, **props: object) -> rx.Component:
    """A badge led by an icon (a card's flags, a comment's visibility).

    Args:
        icon: The Lucide icon's name.
        label_key: Message key of its text.
        color: Its colour.
        **props: Extra badge props (``variant``, ``class_name``).

    Returns:
        The badge.
    """
    return rx.badge(
        rx.icon(icon, size=12, aria_hidden="true"), t(label_key), color_scheme=color, **props
    )


def hidden_badge() -> rx.Component:
    """Marks a card hidden from the client (only ever shown to the team).

    Returns:
        The badge.
    """
    return icon_badge("eye-off", "board.hidden_from_client", "gray", class_name="hidden-badge")


def blocked_badge() -> rx.Component:
    """Marks a blocked card.

    Returns:
        The badge.
    """
    return icon_badge("ban", "board.blocked", "red", variant="outline")


def preview_banner(**props: object) -> rx.Component:
    """The banner saying the page shows what the client sees.

    Args:
        **props: Extra callout props (``id``).

    Returns:
        The banner.
    """
    return rx.callout(t("board.preview_banner"), color_scheme="orange", width="100%", **props)


def select_field(
    label_key: str, element_id: str | rx.Var, *options: rx.Component, **props: object
) -> rx.Component:
    """A native select with its visible label above it (``field`` of a ``native_select``).

    Args:
        label_key: Message key of the label.
        element_id: The select's id (and form name unless ``name`` is given).
        *options: The options.
        **props: Extra select props (``name``, ``default_value``, ``on_change``...).

    Returns:
        The block.
    """
    return field(label_key, element_id, native_select(element_id, *options, **props))


# The priorities in the order of the pickers, with their message keys.
PRIORITIES = (
    ("low", "board.priority.low"),
    ("normal", "board.priority.normal"),
    ("high", "board.priority.high"),
    ("urgent", "board.priority.urgent"),
)


def initially(value: object) -> dict[str, object]:
    """The ``default_value`` prop when there is one (an empty new-card form has none)."""
    return {} if value is None else {"default_value": value}


def _plain_input(name: str, label_key: str, value: object, **props: object) -> rx.Component:
    """A card form's labelled input at its natural size, showing ``value`` (None: empty)."""
    return input_field(name, label_key, width=None, size=None, **props, **initially(value))


def title_field(value: object = None) -> rx.Component:
    """A card's title field (one line, up to 200 characters).

    Args:
        value: The current title (None: an empty field).

    Returns:
        The labelled field.
    """
    return _plain_input("title", "boardui.field.title", value, max_length=200, required=True)


def priority_field(value: object = "normal") -> rx.Component:
    """A card's priority picker.

    Args:
        value: The priority chosen at first.

    Returns:
        The labelled picker.
    """
    options = keyed_options(PRIORITIES)
    return choice_field("priority", "boardui.field.priority", *options, default_value=value)


def due_field(value: object = None) -> rx.Component:
    """A card's due date field.

    Args:
        value: The current due date, ISO (None: empty).

    Returns:
        The labelled field.
    """
    return _plain_input("due_date", "boardui.field.due_date", value, type="date")


def description_field(value: object = None, rows: str = "3") -> rx.Component:
    """A card's Markdown description field.

    Args:
        value: The current description (None: empty).
        rows: The text area's height.

    Returns:
        The labelled field.
    """
    return _plain_input(
        "description",
        "boardui.field.description",
        value,
        control=rx.text_area,
        rows=rows,
        max_length=20000,
    )


def check_box(
    name: str | rx.Var, box_id: str | rx.Var, label: str | rx.Component, checked: object = None
) -> rx.Component:
    """A checkbox with its label after it (a card's flag, a person or label to pick).

    Args:
        name: The form field.
        box_id: The element id.
        label: Message key of the label, or the label itself.
        checked: Whether it starts checked (None: unchecked).

    Returns:
        The label holding the box.
    """
    box = rx.el.input(
        type="checkbox",
        name=name,
        id=box_id,
        **({} if checked is None else {"default_checked": checked}),
    )
    text = t(label) if isinstance(label, str) else label
    return rx.el.label(box, " ", text, html_for=box_id, class_name="check-label")


def save_or_cancel(submit_key: str, on_cancel: object, size: str = "3") -> rx.Component:
    """A form's submit button and its Cancel button.

    Args:
        submit_key: Message key of the submit button.
        on_cancel: What Cancel does.
        size: The buttons' size.

    Returns:
        The buttons.
    """
    return row(
        submit_button(submit_key, size=size),
        rx.button(t("form.cancel"), type="button", variant="soft", size=size, on_click=on_cancel),
    )


def kept_form(*children: rx.Component, on_submit: object, **props: object) -> rx.Component:
    """A form that keeps what was typed after a submit (the server may refuse it).

    Args:
        *children: Its fields and buttons.
        on_submit: The submit handler.
        **props: Extra form props (``key``, ``width``...); ``class_name`` defaults to
            ``stack-form``.

    Returns:
        The form.
    """
    props.setdefault("class_name", "stack-form")
    return rx.form(*children, on_submit=on_submit, reset_on_submit=False, **props)


def delete_card_button(on_click: object, **props: object) -> rx.Component:
    """The red "Delete card" button (move dialog, task page).

    Args:
        on_click: The event.
        **props: Extra button props (``id``).

    Returns:
        The button.
    """
    return rx.button(
        t("boardui.delete_card"), on_click=on_click, color_scheme="red", variant="soft", **props
    )


def wip_dialog(state: Any) -> rx.Component:
    """Asks before putting a card into a column at its WIP limit (board and task page).

    Args:
        state: The page's state: its ``wip_open``, ``wip_message``, ``confirm_wip`` and
            ``cancel_wip``.

    Returns:
        The dialog.
    """
    return confirm_dialog(
        title_key="boardui.wip.title",
        description=state.wip_message,
        confirm=rx.button(
            t("boardui.wip.confirm"), color_scheme="amber", on_click=state.confirm_wip
        ),
        on_cancel=state.cancel_wip,
        footer={"spacing": "3", "justify": "end", "margin_top": "1em", "wrap": "wrap"},
        row=rx.hstack,
        open=state.wip_open,
        max_width="28rem",
    )
