"""The board's "Move to…" dialog, in a substate of the board state.

Opening or closing the dialog changes only this state's vars: the browser re-renders the
dialog, not the columns that read the board state (on a 200-card board, the columns' ``Foreach``
re-ran on every opening). The card and its version stay server-side (``_move_task_id``,
``_move_version``); every move goes through the board state's own checks (``_find``, ``_move``).
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.services import board
from collab_app.services.errors import Conflict, ValidationError
from collab_app.state.board import END, BoardState
from collab_app.state.forms import form_text
from collab_app.state.session import guarded


class BoardMoveState(BoardState):
    """The "Move to…" dialog of one card of the loaded board."""

    move_open: bool = False
    move_title: str = ""
    move_column: str = ""
    move_is_first: bool = False
    move_is_last: bool = False
    # The card the dialog is about, and its version when the viewer opened it: a live refresh
    # meanwhile must not turn a stale move into a silent overwrite.
    _move_task_id: int = 0
    _move_version: int = 0

    def _board(self) -> BoardState:
        """The board state this dialog belongs to (its vars and checks)."""
        return self.parent_state

    def _close_dialog(self) -> None:
        self.move_open = False
        self._move_task_id = self._move_version = 0

    @rx.event
    @guarded
    def open_move(self, task_id: int):
        """Open the "Move to…" dialog for a card.

        Args:
            task_id: A card on the loaded board.
        """
        self._clear_errors()
        found = self._board()._find(task_id)
        self._move_task_id, self._move_version = found.card.id, found.version
        self.move_title = found.card.title
        self.move_column = str(found.column.id)
        self.move_is_first = found.index == 0
        self.move_is_last = found.index == found.shown_in_column - 1
        self.move_open = True

    @rx.event
    def close_move(self):
        """Close the "Move to…" dialog."""
        self._close_dialog()

    @rx.event
    @guarded
    def move_submit(self, form_data: dict[str, Any]):
        """Move the dialog's card to the top or the bottom of a column.

        Args:
            form_data: ``move_column_id`` and ``move_position`` (``top`` or ``bottom``).
        """
        self._clear_errors()
        self.move_open = False
        index = 0 if form_text(form_data, "move_position") == "top" else END
        return self._board()._move_card(
            self._move_task_id, self._move_version, form_text(form_data, "move_column_id"), index
        )

    @rx.event
    @guarded
    def move_step(self, delta: int):
        """Move the dialog's card one place up (-1) or down (+1) in its column.

        Args:
            delta: -1 or 1.
        """
        self._clear_errors()
        self.move_open = False
        if delta not in (-1, 1):
            raise ValidationError("board.index_invalid")
        tab = self._board()
        found = tab._find(self._move_task_id)
        index = max(0, tab._index_of(found) + delta)
        version = self._move_version or found.version
        return tab._move(found.card.id, found.column.id, index, version, False)

    @rx.event
    @guarded
    def delete_card(self):
        """Delete the card of the "Move to…" dialog; an Undo button brings it back."""
        self._clear_errors()
        self.move_open = False
        tab = self._board()
        found = tab._find(self._move_task_id)
        card, version = found.card, self._move_version or found.version
        try:
            tab._call(board.delete_task, task_id=card.id, expected_version=version)
        except Conflict:
            tab._reload()
            raise
        tab._undo_task_id = card.id
        tab.undo_text = self._t("boardui.deleted", title=card.title)
        tab._reload()
