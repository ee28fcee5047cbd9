"""Small pieces shared by the board's screens: priority, due date, labels, flags, drag targets."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.el.elements.typography import Div

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
