"""Managers' board setup: columns (add, rename, reorder, delete empty, WIP limit) and labels.

A substate of the board: it reloads the board after each change. The services check that the
viewer manages the project on every call, whatever ids are sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from collab_app.services import board
from collab_app.state.board import BoardState
from collab_app.state.forms import form_text
from collab_app.state.session import guarded

SAVED = "form.saved"


class BoardSetupState(BoardState):
    """Handlers of the manager's "Columns and labels" panel."""

    def _add(self, service: Callable[..., Any], *clear: str, **arguments: Any):
        """Create through ``service``, then empty the creation form's fields."""
        done = self._act(service, done=SAVED, project_id=self._project_id(), **arguments)
        return [done, *(rx.set_value(i, "") for i in clear)]

    @rx.event
    @guarded
    def add_column(self, form_data: dict[str, Any]):
        """Add a column at the end of the board.

        Args:
            form_data: ``name`` and ``wip_limit`` (empty: none).
        """
        return self._add(
            board.add_column,
            "new-column-name",
            "new-column-wip",
            name=form_text(form_data, "name"),
            wip_limit=form_text(form_data, "wip_limit") or None,
        )

    @rx.event
    @guarded
    def save_column(self, form_data: dict[str, Any]):
        """Rename a column and set its WIP limit.

        Args:
            form_data: ``column_id``, ``name`` and ``wip_limit`` (empty: none).
        """
        column_id = form_text(form_data, "column_id")
        name = form_text(form_data, "name")
        current = next((c for c in self.columns if str(c.id) == str(column_id)), None)
        if current is None or current.name != name:
            self._call(board.rename_column, column_id=column_id, name=name)
        limit = form_text(form_data, "wip_limit") or None
        return self._act(board.set_wip_limit, done=SAVED, column_id=column_id, wip_limit=limit)

    @rx.event
    @guarded
    def shift_column(self, column_id: int, delta: int):
        """Move a column one place left (-1) or right (+1).

        Args:
            column_id: The column.
            delta: -1 or 1.
        """
        self._clear_errors()
        ids = [c.id for c in self.columns]
        if delta not in (-1, 1) or column_id not in ids:
            return
        index = max(0, ids.index(column_id) + delta)
        self._act(board.move_column, column_id=column_id, index=index)

    @rx.event
    @guarded
    def delete_column(self, column_id: int):
        """Delete an empty column.

        Args:
            column_id: The column.
        """
        return self._act(board.delete_column, done=SAVED, column_id=column_id)

    @rx.event
    @guarded
    def add_label(self, form_data: dict[str, Any]):
        """Create a label.

        Args:
            form_data: ``name`` and ``color``.
        """
        return self._add(
            board.create_label,
            "new-label-name",
            name=form_text(form_data, "name"),
            color=form_text(form_data, "color"),
        )

    @rx.event
    @guarded
    def save_label(self, form_data: dict[str, Any]):
        """Rename or recolour a label.

        Args:
            form_data: ``label_id``, ``name`` and ``color``.
        """
        return self._act(
            board.update_label,
            done=SAVED,
            label_id=form_text(form_data, "label_id"),
            name=form_text(form_data, "name"),
            color=form_text(form_data, "color"),
        )

    @rx.event
    @guarded
    def delete_label(self, label_id: int):
        """Delete a label (it leaves every card).

        Args:
            label_id: The label.
        """
        return self._act(board.delete_label, done=SAVED, label_id=label_id)
