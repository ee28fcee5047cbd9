"""The managers' "Columns and labels" panel under the board."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import initially, kept_form, label_chip, select_field
from collab_app.components.forms import field, hidden, keyed_options, submit_button
from collab_app.components.i18n import t
from collab_app.components.layout import blocks, row
from collab_app.components.ui import heading
from collab_app.services.board import LABEL_COLORS, LabelView
from collab_app.services.board.presenter import ColumnHeader
from collab_app.state.board import BoardState
from collab_app.state.board_setup import BoardSetupState


def _input(
    label_key: str, control_id: str, name: str, value: object, **props: object
) -> rx.Component:
    """A labelled input of a setup form, showing ``value`` at first (None: empty)."""
    return field(
        label_key, control_id, rx.input(id=control_id, name=name, **props, **initially(value))
    )


def _name_field(label_key: str, control_id: str, limit: int, value: object = None) -> rx.Component:
    return _input(label_key, control_id, "name", value, max_length=limit, required=True)


def _wip_field(control_id: str, value: object = None) -> rx.Component:
    return _input(
        "boardui.setup.wip", control_id, "wip_limit", value, type="number", min=1, max=999
    )


def _color_field(control_id: str, value: object = None) -> rx.Component:
    colors = [(color, f"boardui.color.{color}") for color in LABEL_COLORS]
    return select_field(
        "boardui.setup.label_color",
        control_id,
        *keyed_options(colors),
        name="color",
        **initially(value),
    )


def _small_button(*children: object, **props: object) -> rx.Component:
    return rx.button(*children, type="button", size="2", variant="soft", **props)


def _row_form(
    id_field: str,
    row_id: rx.Var,
    fields: list[rx.Component],
    buttons: list[rx.Component],
    *lead: rx.Component,
    **props: object,
) -> rx.Component:
    """One column's or label's form: what leads it, its fields, Save and its other buttons."""
    return kept_form(
        # The id travels in the form: a submit handler cannot see the list's loop variable.
        hidden(id_field, row_id.to_string()),
        *lead,
        rx.box(*fields, class_name="setup-fields"),
        row(
            submit_button("form.save", size="2"),
            *buttons,
        ),
        **props,
    )


@rx.memo
def setup_column_row(
    column_id: rx.Var[int],
    name: rx.Var[str],
    wip_limit: rx.Var[int],
    is_first: rx.Var[bool],
    is_last: rx.Var[bool],
) -> rx.Component:
    """One column's form: name, WIP limit, shift left or right, delete.

    A memo component fed by numbers, strings and booleans, which keep their value when a card
    moves (the column headers arrive as new objects then, their counts changed): a move does
    not re-render the setup panel's forms (issue #20, the card move's browser share).

    Args:
        column_id: The column's id.
        name: Its name.
        wip_limit: Its WIP limit (0: none).
        is_first: Whether it is the first column (no "left").
        is_last: Whether it is the last column (no "right").

    Returns:
        The column's row.
    """
    prefix = "col-" + column_id.to_string()
    wip = rx.cond(wip_limit > 0, wip_limit.to_string(), "")
    return rx.box(
        _row_form(
            "column_id",
            column_id,
            [
                _name_field("boardui.setup.column_name", prefix + "-name", 60, name),
                _wip_field(prefix + "-wip", wip),
            ],
            [
                _small_button(
                    "← ",
                    t("boardui.setup.left"),
                    disabled=is_first,
                    on_click=BoardSetupState.shift_column(column_id, -1),
                ),
                _small_button(
                    t("boardui.setup.right"),
                    " →",
                    disabled=is_last,
                    on_click=BoardSetupState.shift_column(column_id, 1),
                ),
                _small_button(
                    t("boardui.setup.delete_column"),
                    color_scheme="red",
                    on_click=BoardSetupState.delete_column(column_id),
                ),
            ],
            on_submit=BoardSetupState.save_column,
            # Re-mount with fresh defaults after a change elsewhere.
            key=column_id.to_string() + name + wip_limit.to_string(),
        ),
        class_name="setup-row",
        aria_label=name,
        role="group",
    )


def _column_row(column: rx.Var[ColumnHeader], index: rx.Var[int]) -> rx.Component:
    return setup_column_row(
        column_id=column.id,
        name=column.name,
        wip_limit=column.wip_limit,
        is_first=index == 0,
        is_last=index == BoardState.columns.length() - 1,
        key=column.id,
    )


@rx.memo
def setup_label_row(label: rx.Var[LabelView]) -> rx.Component:
    """One label's form: name, colour, delete.

    A memo component: a label the board's update did not change keeps its object in the
    browser, so a card move does not re-render the labels' forms.

    Args:
        label: The label.

    Returns:
        The label's row.
    """
    prefix = "label-" + label.id.to_string()
    return rx.box(
        _row_form(
            "label_id",
            label.id,
            [
                _name_field("boardui.setup.label_name", prefix + "-name", 40, label.name),
                _color_field(prefix + "-color", label.color),
            ],
            [
                _small_button(
                    t("boardui.setup.delete_label"),
                    color_scheme="red",
                    on_click=BoardSetupState.delete_label(label.id),
                ),
            ],
            rx.hstack(label_chip(label), spacing="2"),
            on_submit=BoardSetupState.save_label,
            key=label.id.to_string() + label.name + label.color,
        ),
        class_name="setup-row",
    )


def _label_row(label: rx.Var[LabelView]) -> rx.Component:
    return setup_label_row(label=label, key=label.id)


def _add_form(
    kind: str, name_limit: int, other_field: rx.Component, on_submit: object
) -> rx.Component:
    """The form adding a column or a label: its name and its other field."""
    title_key = f"boardui.setup.add_{kind}"
    return rx.form(
        heading(title_key, size="3", as_="h3"),
        rx.box(
            _name_field(f"boardui.setup.{kind}_name", f"new-{kind}-name", name_limit),
            other_field,
            class_name="setup-fields",
        ),
        rx.button(t(title_key), type="submit"),
        on_submit=on_submit,
        reset_on_submit=True,
        class_name="stack-form setup-row",
    )


def _setup_part(title_key: str, rows: rx.Component, add_form: rx.Component) -> rx.Component:
    """The columns' or the labels' half of the panel."""
    return blocks(heading(title_key, as_="h2"), rows, add_form, spacing="3")


def board_setup() -> rx.Component:
    """Columns (rename, WIP limit, reorder, delete, add) and labels (edit, delete, add).

    Returns:
        A disclosure, closed by default.
    """
    return rx.el.details(
        rx.el.summary(t("boardui.setup"), class_name="filters-summary"),
        rx.box(
            _setup_part(
                "boardui.setup.columns",
                rx.foreach(BoardState.columns, _column_row),
                _add_form("column", 60, _wip_field("new-column-wip"), BoardSetupState.add_column),
            ),
            _setup_part(
                "boardui.setup.labels",
                rx.foreach(BoardState.labels, _label_row),
                _add_form("label", 40, _color_field("new-label-color"), BoardSetupState.add_label),
            ),
            class_name="grid-2",
        ),
        class_name="board-setup",
        id="board-setup",
    )
