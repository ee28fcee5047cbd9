"""The managers' "Columns and labels" panel under the board."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import label_chip, native_select
from collab_app.components.i18n import t
from collab_app.services.board import LABEL_COLORS, LabelView
from collab_app.services.board.presenter import ColumnHeader
from collab_app.state.board import BoardState
from collab_app.state.board_setup import BoardSetupState


def _small_field(label_key: str, control_id: str, control: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.el.label(t(label_key), html_for=control_id, class_name="field-label"),
        control,
        spacing="1",
        align="stretch",
    )


def _column_row(column: rx.Var[ColumnHeader], index: rx.Var[int]) -> rx.Component:
    prefix = "col-" + column.id.to_string()
    return rx.box(
        rx.form(
            # The id travels in the form: a submit handler cannot see the list's loop variable.
            rx.el.input(type="hidden", name="column_id", value=column.id.to_string()),
            rx.box(
                _small_field(
                    "boardui.setup.column_name",
                    prefix + "-name",
                    rx.input(
                        id=prefix + "-name",
                        name="name",
                        default_value=column.name,
                        max_length=60,
                        required=True,
                    ),
                ),
                _small_field(
                    "boardui.setup.wip",
                    prefix + "-wip",
                    rx.input(
                        id=prefix + "-wip",
                        name="wip_limit",
                        type="number",
                        min=1,
                        max=999,
                        default_value=rx.cond(
                            column.wip_limit > 0, column.wip_limit.to_string(), ""
                        ),
                    ),
                ),
                class_name="setup-fields",
            ),
            rx.hstack(
                rx.button(t("form.save"), type="submit", size="2"),
                rx.button(
                    "← ",
                    t("boardui.setup.left"),
                    type="button",
                    size="2",
                    variant="soft",
                    disabled=index == 0,
                    on_click=BoardSetupState.shift_column(column.id, -1),
                ),
                rx.button(
                    t("boardui.setup.right"),
                    " →",
                    type="button",
                    size="2",
                    variant="soft",
                    disabled=index == BoardState.columns.length() - 1,
                    on_click=BoardSetupState.shift_column(column.id, 1),
                ),
                rx.button(
                    t("boardui.setup.delete_column"),
                    type="button",
                    size="2",
                    variant="soft",
                    color_scheme="red",
                    on_click=BoardSetupState.delete_column(column.id),
                ),
                spacing="2",
                wrap="wrap",
            ),
            on_submit=BoardSetupState.save_column,
            reset_on_submit=False,
            # Re-mount with fresh defaults after a change elsewhere.
            key=column.id.to_string() + column.name + column.wip_limit.to_string(),
            class_name="stack-form",
        ),
        class_name="setup-row",
        aria_label=column.name,
        role="group",
    )


def _color_options() -> list[rx.Component]:
    return [rx.el.option(t(f"boardui.color.{c}"), value=c) for c in LABEL_COLORS]


def _label_row(label: rx.Var[LabelView]) -> rx.Component:
    prefix = "label-" + label.id.to_string()
    return rx.box(
        rx.form(
            rx.el.input(type="hidden", name="label_id", value=label.id.to_string()),
            rx.hstack(
                label_chip(label),
                spacing="2",
            ),
            rx.box(
                _small_field(
                    "boardui.setup.label_name",
                    prefix + "-name",
                    rx.input(
                        id=prefix + "-name",
                        name="name",
                        default_value=label.name,
                        max_length=40,
                        required=True,
                    ),
                ),
                _small_field(
                    "boardui.setup.label_color",
                    prefix + "-color",
                    native_select(
                        prefix + "-color",
                        *_color_options(),
                        name="color",
                        default_value=label.color,
                    ),
                ),
                class_name="setup-fields",
            ),
            rx.hstack(
                rx.button(t("form.save"), type="submit", size="2"),
                rx.button(
                    t("boardui.setup.delete_label"),
                    type="button",
                    size="2",
                    variant="soft",
                    color_scheme="red",
                    on_click=BoardSetupState.delete_label(label.id),
                ),
                spacing="2",
                wrap="wrap",
            ),
            on_submit=BoardSetupState.save_label,
            reset_on_submit=False,
            key=label.id.to_string() + label.name + label.color,
            class_name="stack-form",
        ),
        class_name="setup-row",
    )


def _add_column() -> rx.Component:
    return rx.form(
        rx.heading(t("boardui.setup.add_column"), size="3", as_="h3"),
        rx.box(
            _small_field(
                "boardui.setup.column_name",
                "new-column-name",
                rx.input(id="new-column-name", name="name", max_length=60, required=True),
            ),
            _small_field(
                "boardui.setup.wip",
                "new-column-wip",
                rx.input(id="new-column-wip", name="wip_limit", type="number", min=1, max=999),
            ),
            class_name="setup-fields",
        ),
        rx.button(t("boardui.setup.add_column"), type="submit"),
        on_submit=BoardSetupState.add_column,
        reset_on_submit=True,
        class_name="stack-form setup-row",
    )


def _add_label() -> rx.Component:
    return rx.form(
        rx.heading(t("boardui.setup.add_label"), size="3", as_="h3"),
        rx.box(
            _small_field(
                "boardui.setup.label_name",
                "new-label-name",
                rx.input(id="new-label-name", name="name", max_length=40, required=True),
            ),
            _small_field(
                "boardui.setup.label_color",
                "new-label-color",
                native_select("new-label-color", *_color_options(), name="color"),
            ),
            class_name="setup-fields",
        ),
        rx.button(t("boardui.setup.add_label"), type="submit"),
        on_submit=BoardSetupState.add_label,
        reset_on_submit=True,
        class_name="stack-form setup-row",
    )


def board_setup() -> rx.Component:
    """Columns (rename, WIP limit, reorder, delete, add) and labels (edit, delete, add).

    Returns:
        A disclosure, closed by default.
    """
    return rx.el.details(
        rx.el.summary(t("boardui.setup"), class_name="filters-summary"),
        rx.box(
            rx.vstack(
                rx.heading(t("boardui.setup.columns"), size="4", as_="h2"),
                rx.foreach(BoardState.columns, _column_row),
                _add_column(),
                spacing="3",
                width="100%",
            ),
            rx.vstack(
                rx.heading(t("boardui.setup.labels"), size="4", as_="h2"),
                rx.foreach(BoardState.labels, _label_row),
                _add_label(),
                spacing="3",
                width="100%",
            ),
            class_name="grid-2",
        ),
        class_name="board-setup",
        id="board-setup",
    )
