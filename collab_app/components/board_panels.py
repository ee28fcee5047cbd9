"""Panels and dialogs of the board page: filters, new card, "Move to…", WIP confirmation, undo."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import (
    PRIORITIES,
    check_box,
    delete_card_button,
    description_field,
    due_field,
    kept_form,
    priority_field,
    save_or_cancel,
    select_field,
    title_field,
)
from collab_app.components.forms import (
    blank_option,
    keyed_options,
    stacked_form,
    submit_button,
)
from collab_app.components.i18n import t, tf
from collab_app.components.layout import blocks, row
from collab_app.components.ui import small_button
from collab_app.services.board import LabelView, PersonView
from collab_app.services.board.presenter import ColumnHeader
from collab_app.state.board import BoardState
from collab_app.state.board_move import BoardMoveState


def _named_option(item: rx.Var[ColumnHeader | PersonView | LabelView]) -> rx.Component:
    """An option naming a column, a person or a label, valued by its id."""
    return rx.el.option(item.name, value=item.id.to_string())


def _filter_select(name: str, label_key: str, value: rx.Var, *options: rx.Component):
    return select_field(
        label_key,
        f"filter-{name}",
        blank_option("boardui.filter.any"),
        *options,
        value=value,
        on_change=lambda v: BoardState.set_filter(name, v),
    )


def filters_bar() -> rx.Component:
    """Search box plus a "Filters" disclosure with assignee, label, priority and due date.

    Returns:
        The bar.
    """
    return blocks(
        rx.form(
            rx.hstack(
                rx.el.label(
                    t("boardui.filter.text"), html_for="board-search", class_name="sr-only"
                ),
                rx.input(
                    id="board-search",
                    name="q",
                    type="search",
                    placeholder=t("boardui.filter.text"),
                    default_value=BoardState.filter_text,
                    max_length=100,
                    class_name="board-search",
                ),
                rx.button(t("boardui.filter.apply"), type="submit", variant="soft"),
                spacing="2",
                width="100%",
            ),
            on_submit=BoardState.search,
            width="100%",
        ),
        rx.el.details(
            rx.el.summary(t("boardui.filters"), class_name="filters-summary"),
            rx.box(
                _filter_select(
                    "assignee",
                    "boardui.filter.assignee",
                    BoardState.filter_assignee,
                    *keyed_options(
                        [("me", "board.filter.assignee_me"), ("none", "board.filter.assignee_none")]
                    ),
                    rx.foreach(BoardState.people, _named_option),
                ),
                _filter_select(
                    "label",
                    "boardui.filter.label",
                    BoardState.filter_label,
                    rx.foreach(BoardState.labels, _named_option),
                ),
                _filter_select(
                    "priority",
                    "boardui.filter.priority",
                    BoardState.filter_priority,
                    *keyed_options(PRIORITIES),
                ),
                _filter_select(
                    "due",
                    "boardui.filter.due",
                    BoardState.filter_due,
                    *keyed_options(
                        [("overdue", "board.filter.due_overdue"), ("week", "board.filter.due_week")]
                    ),
                ),
                class_name="filters-grid",
            ),
            class_name="filters",
        ),
        rx.cond(
            BoardState.filtered,
            row(
                rx.text(
                    tf("boardui.filter.active", count=BoardState.card_count),
                    id="filter-summary",
                    size="2",
                ),
                small_button("boardui.filter.clear", BoardState.clear_filters, variant="soft"),
                align="center",
                spacing="3",
            ),
        ),
        spacing="2",
    )


def new_card_form() -> rx.Component:
    """The new-card form (managers and members).

    Returns:
        The form, shown when opened.
    """
    return rx.cond(
        BoardState.create_open,
        rx.card(
            kept_form(
                rx.box(
                    title_field(),
                    select_field(
                        "boardui.field.column",
                        "new-column",
                        rx.foreach(BoardState.columns, _named_option),
                        name="column_id",
                    ),
                    priority_field(),
                    due_field(),
                    class_name="form-grid",
                ),
                description_field(),
                rx.cond(
                    BoardState.can_manage,
                    check_box("hidden", "new-hidden", "boardui.field.hidden"),
                ),
                save_or_cancel("boardui.create_card", BoardState.toggle_create),
                on_submit=BoardState.create,
                width="100%",
            ),
            width="100%",
        ),
    )


# The "Move to…" dialog's keyboard and pointer handling, installed once per page: Escape or a
# press outside the dialog closes it (through its Cancel button, so the server closes it), and
# the card whose "Move…" button opened it is remembered, to give that button the focus back.
_MOVE_DIALOG_JS = """
if (!window.__collabMoveDialog) {
  window.__collabMoveDialog = true;
  const open = () => document.getElementById('move-dialog');
  const cancel = () => document.querySelector('#move-dialog .move-cancel')?.click();
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && open()) cancel();
  });
  document.addEventListener('pointerdown', (e) => {
    if (open() && !e.target.closest?.('#move-dialog, .card-move')) cancel();
  }, true);
  document.addEventListener('click', (e) => {
    const card = e.target.closest?.('.card-move')?.closest('.board-card');
    if (card) window.__collabMoveReturn = card.id;
  }, true);
  // A submitted move closes the dialog when its update arrives. Its focused button or field
  // leaves the dialog once the event has left (a task later, while the server works): removing
  // the focused element in the same commit that inserts the moved card forced a style and
  // layout pass of the whole board inside that commit (issue #20). The focus then goes back
  // to the card's "Move…" button as on every closing (_MOVE_FOCUS_BACK_JS).
  document.addEventListener('submit', (e) => {
    if (!e.target.closest?.('#move-dialog')) return;
    setTimeout(() => {
      const focused = document.activeElement;
      if (focused && focused !== document.body && open()?.contains(focused)) focused.blur();
    }, 0);
  }, true);
}
"""
# Where the focus goes when the dialog closes: the "Move…" button of its card, wherever the
# card is now (a move re-creates it in its new column), without scrolling the board to it (on
# a phone the page stays on the column the viewer was looking at, as before).
_MOVE_FOCUS_BACK_JS = (
    "const card = window.__collabMoveReturn && document.getElementById(window.__collabMoveReturn);"
    " card?.querySelector('.card-move')?.focus({preventScroll: true});"
)


def move_dialog() -> rx.Component:
    """The "Move to…" dialog: a column and a place, or one step up/down; no dragging needed.

    A non-modal dialog (``role="dialog"``, labelled by its title, described by the card's
    title) shown in place, not Radix's modal dialog: that one's focus trap, scroll lock and
    hiding of the rest of the page re-laid out the whole 200-card board on every opening and
    closing (issue #20). The focus moves to its first field when it opens and back to the
    card's "Move…" button when it closes; Escape, Cancel or a press outside close it.

    Returns:
        The dialog, while open.
    """
    return rx.box(
        rx.cond(BoardMoveState.move_open, _move_dialog_box()),
        on_mount=rx.call_script(_MOVE_DIALOG_JS),
        class_name="move-dialog-host",
    )


def _move_dialog_box() -> rx.Component:
    return rx.el.div(
        rx.heading(t("boardui.move.title"), size="5", as_="h2", id="move-dialog-title"),
        rx.text(
            BoardMoveState.move_title,
            id="move-dialog-description",
            class_name="move-task-title",
            color_scheme="gray",
        ),
        stacked_form(
            select_field(
                "boardui.move.column",
                "move_column_id",
                rx.foreach(BoardState.columns, _named_option),
                default_value=BoardMoveState.move_column,
                auto_focus=True,
            ),
            select_field(
                "boardui.move.position",
                "move_position",
                *keyed_options([("bottom", "boardui.move.bottom"), ("top", "boardui.move.top")]),
                default_value="bottom",
            ),
            submit_button("boardui.move.submit", width="100%"),
            on_submit=BoardMoveState.move_submit,
        ),
        row(
            _step_button("↑ ", "boardui.move.up", -1, BoardMoveState.move_is_first),
            _step_button("↓ ", "boardui.move.down", 1, BoardMoveState.move_is_last),
            margin_top="1em",
        ),
        row(
            rx.cond(BoardState.can_create, delete_card_button(BoardMoveState.delete_card)),
            rx.spacer(),
            rx.button(
                t("form.cancel"),
                on_click=BoardMoveState.close_move,
                variant="outline",
                class_name="move-cancel",
            ),
            margin_top="1em",
            width="100%",
        ),
        role="dialog",
        aria_labelledby="move-dialog-title",
        aria_describedby="move-dialog-description",
        id="move-dialog",
        class_name="move-dialog",
        on_unmount=rx.call_script(_MOVE_FOCUS_BACK_JS),
    )


def _step_button(arrow: str, label_key: str, step: int, disabled: rx.Var) -> rx.Component:
    """Moves the card one place up (-1) or down (1) in its column."""
    return rx.button(
        arrow,
        t(label_key),
        on_click=BoardMoveState.move_step(step),
        disabled=disabled,
        variant="soft",
    )


def undo_bar() -> rx.Component:
    """After a delete: what was deleted and an Undo button.

    Returns:
        The bar, when there is something to undo.
    """
    return rx.cond(
        BoardState.undo_text != "",
        rx.callout.root(
            row(
                rx.callout.text(BoardState.undo_text),
                small_button("boardui.undo", BoardState.undo_delete),
                rx.button(
                    "×",
                    on_click=BoardState.dismiss_undo,
                    size="1",
                    variant="ghost",
                    aria_label=t("boardui.dismiss"),
                ),
                align="center",
                spacing="3",
            ),
            color_scheme="blue",
            width="100%",
            role="status",
            id="undo-bar",
        ),
    )
