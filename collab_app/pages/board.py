"""A project's Kanban board: columns and cards, filters, new card, moves, manager tools."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import preview_banner, wip_dialog
from collab_app.components.board_card import board_columns, column_jumps
from collab_app.components.board_panels import (
    filters_bar,
    move_dialog,
    new_card_form,
    undo_bar,
)
from collab_app.components.board_setup import board_setup
from collab_app.components.forms import form_error
from collab_app.components.i18n import t
from collab_app.components.layout import project_frame, row
from collab_app.components.ui import muted, toggle_button
from collab_app.state.board import BoardState
from collab_app.state.board_wip import BoardWipState


def _toolbar() -> rx.Component:
    return row(
        rx.cond(
            BoardState.can_create,
            rx.button(
                "+ ",
                t("boardui.new_card"),
                on_click=BoardState.toggle_create,
                id="new-card-button",
                aria_expanded=BoardState.create_open,
            ),
        ),
        rx.cond(
            BoardState.abilities.can_preview_as_client,
            toggle_button(
                BoardState.preview,
                "boardui.preview_exit",
                "boardui.preview_client",
                BoardState.toggle_preview,
                variant=rx.cond(BoardState.preview, "solid", "outline"),
                color_scheme="orange",
                id="preview-toggle",
            ),
        ),
        align="center",
    )


def _role_hint() -> rx.Component:
    return rx.cond(
        BoardState.preview,
        preview_banner(id="preview-banner"),
        rx.cond(
            BoardState.abilities.is_guest,
            muted(t("boardui.guest_scope"), size="2"),
            rx.cond(BoardState.abilities.is_client, muted(t("boardui.read_only"), size="2")),
        ),
    )


def board_page() -> rx.Component:
    """The board page.

    Returns:
        The page.
    """
    return project_frame(
        BoardState.board_project_id,
        BoardState.project_name,
        row(_toolbar(), _role_hint(), spacing="3", width="100%"),
        form_error(),
        undo_bar(),
        new_card_form(),
        filters_bar(),
        column_jumps(),
        board_columns(),
        rx.cond(BoardState.can_manage, board_setup()),
        move_dialog(),
        wip_dialog(BoardWipState),
        wide=True,
        spacing="3",
        class_name="board-page",
    )
