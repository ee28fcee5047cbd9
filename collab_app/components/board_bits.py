"""Small pieces shared by the board's screens: priority, due date, labels, flags, drag targets."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_components_core.el.elements.typography import Div

from collab_app.components.forms import labelled, submit_button
from collab_app.components.i18n import t
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
    return rx.match(
        priority,
        ("low", t("board.priority.low")),
        ("high", t("board.priority.high")),
        ("urgent", t("board.priority.urgent")),
        t("board.priority.normal"),
    )


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


def hidden_badge() -> rx.Component:
    """Marks a card hidden from the client (only ever shown to the team).

    Returns:
        The badge.
    """
    return rx.badge(
        rx.icon("eye-off", size=12, aria_hidden="true"),
        t("board.hidden_from_client"),
        color_scheme="gray",
        class_name="hidden-badge",
    )


def blocked_badge() -> rx.Component:
    """Marks a blocked card.

    Returns:
        The badge.
    """
    return rx.badge(
        rx.icon("ban", size=12, aria_hidden="true"),
        t("board.blocked"),
        color_scheme="red",
        variant="outline",
    )


def preview_banner(**props: object) -> rx.Component:
    """The banner saying the page shows what the client sees.

    Args:
        **props: Extra callout props (``id``).

    Returns:
        The banner.
    """
    return rx.callout(t("board.preview_banner"), color_scheme="orange", width="100%", **props)


def native_select(element_id: str, *children: rx.Component, **props: object) -> rx.Component:
    """A native ``<select>`` with the app's look (phones show their own picker).

    Args:
        element_id: Element id (and form field name unless ``name`` is given).
        *children: The options.
        **props: Extra props (``name``, ``default_value``, ``on_change``, ...).

    Returns:
        The select.
    """
    props.setdefault("name", element_id)
    return rx.el.select(*children, id=element_id, class_name="native-select", **props)


def field(label_key: str, name: str, control: rx.Component) -> rx.Component:
    """A control with its visible label above it.

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


# The priorities in the order of the pickers, with their message keys.
PRIORITIES = (
    ("low", "board.priority.low"),
    ("normal", "board.priority.normal"),
    ("high", "board.priority.high"),
    ("urgent", "board.priority.urgent"),
)


def _initially(value: object) -> dict[str, object]:
    """The ``default_value`` prop when there is one (an empty new-card form has none)."""
    return {} if value is None else {"default_value": value}


def title_field(value: object = None) -> rx.Component:
    """A card's title field (one line, up to 200 characters).

    Args:
        value: The current title (None: an empty field).

    Returns:
        The labelled field.
    """
    control = rx.input(id="title", name="title", max_length=200, required=True, **_initially(value))
    return labelled("title", "boardui.field.title", control)


def priority_field(value: object = "normal") -> rx.Component:
    """A card's priority picker.

    Args:
        value: The priority chosen at first.

    Returns:
        The labelled picker.
    """
    options = [rx.el.option(t(key), value=code) for code, key in PRIORITIES]
    picker = native_select("priority", *options, default_value=value)
    return labelled("priority", "boardui.field.priority", picker)


def due_field(value: object = None) -> rx.Component:
    """A card's due date field.

    Args:
        value: The current due date, ISO (None: empty).

    Returns:
        The labelled field.
    """
    control = rx.input(id="due_date", name="due_date", type="date", **_initially(value))
    return labelled("due_date", "boardui.field.due_date", control)


def description_field(value: object = None, rows: str = "3") -> rx.Component:
    """A card's Markdown description field.

    Args:
        value: The current description (None: empty).
        rows: The text area's height.

    Returns:
        The labelled field.
    """
    control = rx.text_area(
        id="description", name="description", rows=rows, max_length=20000, **_initially(value)
    )
    return labelled("description", "boardui.field.description", control)


def check_box(name: str, box_id: str, label_key: str, checked: object = None) -> rx.Component:
    """A checkbox with its label after it (a card's "blocked" or "hidden" flag).

    Args:
        name: The form field.
        box_id: The element id.
        label_key: Message key of the label.
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
    return rx.el.label(box, " ", t(label_key), html_for=box_id, class_name="check-label")


def save_or_cancel(submit_key: str, on_cancel: object) -> rx.Component:
    """A form's submit button and its Cancel button.

    Args:
        submit_key: Message key of the submit button.
        on_cancel: What Cancel does.

    Returns:
        The buttons.
    """
    return rx.hstack(
        submit_button(submit_key),
        rx.button(t("form.cancel"), type="button", variant="soft", size="3", on_click=on_cancel),
        spacing="2",
        wrap="wrap",
    )


def wip_dialog(state: Any) -> rx.Component:
    """Asks before putting a card into a column at its WIP limit (board and task page).

    Args:
        state: The page's state: its ``wip_open``, ``wip_message``, ``confirm_wip`` and
            ``cancel_wip``.

    Returns:
        The dialog.
    """
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title(t("boardui.wip.title")),
            rx.alert_dialog.description(state.wip_message),
            rx.hstack(
                rx.alert_dialog.cancel(
                    rx.button(t("form.cancel"), variant="soft", on_click=state.cancel_wip)
                ),
                rx.alert_dialog.action(
                    rx.button(
                        t("boardui.wip.confirm"), color_scheme="amber", on_click=state.confirm_wip
                    )
                ),
                spacing="3",
                justify="end",
                margin_top="1em",
                wrap="wrap",
            ),
            max_width="28rem",
        ),
        open=state.wip_open,
    )
