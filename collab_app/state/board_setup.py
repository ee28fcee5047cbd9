"""Managers' board setup: columns (add, rename, reorder, delete empty, WIP limit) and labels.

A substate of the board: it reloads the board after each change. The services check that the
viewer manages the project on every call, whatever ids are sent.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.services import board
from collab_app.state.board import BoardState
from collab_app.state.forms import form_text
from collab_app.state.session import guarded


class BoardSetupState(BoardState):
    """Handlers of the manager's "Columns and labels" panel."""

    def _done(self, *clear: str):
        self._reload()
        return [rx.toast.success(self._t("form.saved")), *(rx.set_value(i, "") for i in clear)]

    @rx.event
    @guarded
    def add_column(self, form_data: dict[str, Any]):
        """Add a column at the end of the board.

        Args:
            form_data: ``name`` and ``wip_limit`` (empty: none).
        """
        self._clear_errors()
        self._with_viewer(
            lambda session, viewer: board.add_column(
                session,
                viewer,
                project_id=self._project_id(),
                name=form_text(form_data, "name"),
                wip_limit=form_text(form_data, "wip_limit") or None,
            )
        )
        return self._done("new-column-name", "new-column-wip")

    @rx.event
    @guarded
    def save_column(self, form_data: dict[str, Any]):
        """Rename a column and set its WIP limit.

        Args:
            form_data: ``column_id``, ``name`` and ``wip_limit`` (empty: none).
        """
        self._clear_errors()
        column_id = form_text(form_data, "column_id")
        name = form_text(form_data, "name")
        limit = form_text(form_data, "wip_limit")

        def work(session: Any, viewer: Any) -> None:
            current = next((c for c in self.columns if str(c.id) == str(column_id)), None)
            if current is None or current.name != name:
                board.rename_column(session, viewer, column_id=column_id, name=name)
            board.set_wip_limit(session, viewer, column_id=column_id, wip_limit=limit or None)

        self._with_viewer(work)
        return self._done()

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
            return None
        index = max(0, ids.index(column_id) + delta)
        self._with_viewer(
            lambda session, viewer: board.move_column(
                session, viewer, column_id=column_id, index=index
            )
        )
        self._reload()
        return None

    @rx.event
    @guarded
    def delete_column(self, column_id: int):
        """Delete an empty column.

        Args:
            column_id: The column.
        """
        self._clear_errors()
        self._with_viewer(
            lambda session, viewer: board.delete_column(session, viewer, column_id=column_id)
        )
        return self._done()

    @rx.event
    @guarded
    def add_label(self, form_data: dict[str, Any]):
        """Create a label.

        Args:
            form_data: ``name`` and ``color``.
        """
        self._clear_errors()
        self._with_viewer(
            lambda session, viewer: board.create_label(
                session,
                viewer,
                project_id=self._project_id(),
                name=form_text(form_data, "name"),
                color=form_text(form_data, "color"),
            )
        )
        return self._done("new-label-name")

    @rx.event
    @guarded
    def save_label(self, form_data: dict[str, Any]):
        """Rename or recolour a label.

        Args:
            form_data: ``label_id``, ``name`` and ``color``.
        """
        self._clear_errors()
        label_id = form_text(form_data, "label_id")
        self._with_viewer(
            lambda session, viewer: board.update_label(
                session,
                viewer,
                label_id=label_id,
                name=form_text(form_data, "name"),
                color=form_text(form_data, "color"),
            )
        )
        return self._done()

    @rx.event
    @guarded
    def delete_label(self, label_id: int):
        """Delete a label (it leaves every card).

        Args:
            label_id: The label.
        """
        self._clear_errors()
        self._with_viewer(
            lambda session, viewer: board.delete_label(session, viewer, label_id=label_id)
        )
        return self._done()
