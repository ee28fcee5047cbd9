"""The board's WIP-limit confirmation, in a substate of the board state.

Opening or closing it changes only this state's vars: the browser re-renders the dialog, not
the columns. What to repeat once the viewer confirms stays server-side (``_pending``); the
repeat goes through the board state's own handlers (``_move``, ``_create``) with the
confirmation, and the services check everything again.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.state.board import BoardState
from collab_app.state.session import guarded


class BoardWipState(BoardState):
    """Asks before a card goes into a column at its WIP limit (a soft limit)."""

    wip_open: bool = False
    wip_message: str = ""
    _pending: dict[str, Any] = {}

    def _open_wip(self, pending: dict[str, Any], message: str) -> None:
        self._pending = pending
        self.wip_message = message
        self.wip_open = True

    def _close_dialog(self) -> None:
        self._pending = {}
        self.wip_open = False

    @rx.event
    @guarded
    def confirm_wip(self):
        """Go ahead past a column's WIP limit (the soft limit the viewer was warned about)."""
        self._clear_errors()
        pending = self._pending
        self._close_dialog()
        board: BoardState = self.parent_state
        if pending.get("kind") == "move":
            return board._move(
                pending["task_id"], pending["column_id"], pending["index"], pending["version"], True
            )
        if pending.get("kind") == "create":
            return board._create(pending["fields"], pending["column_id"], True)
        return None

    @rx.event
    def cancel_wip(self):
        """Leave the card where it was."""
        self._close_dialog()
