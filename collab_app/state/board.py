"""A project's Kanban board: cards, filters, create, move (drag-and-drop and "Move to…"), undo.

Every handler goes through ``collab_app.services.board`` with the ids it receives; the services
check permissions and visibility each time. The versions sent back with a move are read from
this state's server-side copy of the board the viewer last loaded (never from an event).
Identity-free, viewer-projected views only are kept in frontend vars.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

import reflex as rx

from collab_app.reflex_adapter import stored_value
from collab_app.services import board, change_signal, permissions
from collab_app.services.board import (
    BoardFilters,
    LabelView,
    PersonView,
    WipLimitReached,
    clean_version,
)
from collab_app.services.board.presenter import BoardCard, ColumnHeader
from collab_app.services.errors import Conflict, DomainError, NotFound, ValidationError
from collab_app.services.viewer import Viewer
from collab_app.state import live
from collab_app.state.async_io import with_async_io
from collab_app.state.board_layout import (
    BUCKET_VARS,
    CARD_BUCKETS,
    EMPTY,
    SLOT_VARS,
    BoardLayout,
    changed_vars,
    layout_for,
    load_parts,
    own_move,
)
from collab_app.state.forms import form_text
from collab_app.state.session import PageState, guarded

FILTER_NAMES = ("assignee", "label", "priority", "due")
# Index meaning "after the last card" (the services clamp it).
END = 10**6


class _Found(NamedTuple):
    """A card of the loaded board: its column, place among the cards shown, data, version."""

    column: ColumnHeader
    index: int
    card: BoardCard
    position: int
    version: int
    shown_in_column: int


def _move_reporting_versions(session: Any, viewer: Viewer, **arguments: Any) -> dict[int, int]:
    """``board.move_task``, then the project versions its commit wrote (``_skip_own_refresh``)."""
    board.move_task(session, viewer, **arguments)
    return change_signal.committed_versions(session)


class BoardState(PageState):
    """Projection of one project's board for the viewer (or a manager's client preview)."""

    board_project_id: int = 0
    project_name: str = ""
    role: str = ""
    # The board, laid out so a move sends little (see ``state.board_layout``): column headers,
    # the ids of each column's cards (slot i = columns[i]) and their versions, each card's data
    # in a bucket.
    columns: list[ColumnHeader] = []
    col_cards_0: list[int] = []
    col_cards_1: list[int] = []
    col_cards_2: list[int] = []
    col_cards_3: list[int] = []
    col_cards_4: list[int] = []
    col_cards_5: list[int] = []
    col_cards_6: list[int] = []
    col_cards_7: list[int] = []
    col_cards_8: list[int] = []
    col_cards_9: list[int] = []
    col_cards_10: list[int] = []
    col_cards_11: list[int] = []
    col_cards_12: list[int] = []
    col_cards_13: list[int] = []
    col_cards_14: list[int] = []
    col_cards_15: list[int] = []
    col_cards_16: list[int] = []
    col_cards_17: list[int] = []
    col_cards_18: list[int] = []
    col_cards_19: list[int] = []
    col_versions_0: list[int] = []
    col_versions_1: list[int] = []
    col_versions_2: list[int] = []
    col_versions_3: list[int] = []
    col_versions_4: list[int] = []
    col_versions_5: list[int] = []
    col_versions_6: list[int] = []
    col_versions_7: list[int] = []
    col_versions_8: list[int] = []
    col_versions_9: list[int] = []
    col_versions_10: list[int] = []
    col_versions_11: list[int] = []
    col_versions_12: list[int] = []
    col_versions_13: list[int] = []
    col_versions_14: list[int] = []
    col_versions_15: list[int] = []
    col_versions_16: list[int] = []
    col_versions_17: list[int] = []
    col_versions_18: list[int] = []
    col_versions_19: list[int] = []
    cards_0: dict[str, BoardCard] = {}
    cards_1: dict[str, BoardCard] = {}
    cards_2: dict[str, BoardCard] = {}
    cards_3: dict[str, BoardCard] = {}
    cards_4: dict[str, BoardCard] = {}
    cards_5: dict[str, BoardCard] = {}
    cards_6: dict[str, BoardCard] = {}
    cards_7: dict[str, BoardCard] = {}
    cards_8: dict[str, BoardCard] = {}
    cards_9: dict[str, BoardCard] = {}
    cards_10: dict[str, BoardCard] = {}
    cards_11: dict[str, BoardCard] = {}
    cards_12: dict[str, BoardCard] = {}
    cards_13: dict[str, BoardCard] = {}
    cards_14: dict[str, BoardCard] = {}
    cards_15: dict[str, BoardCard] = {}
    labels: list[LabelView] = []
    # Team only: who may be assigned (assignee filter and new-card form).
    people: list[PersonView] = []
    card_count: int = 0
    filtered: bool = False
    can_create: bool = False
    can_move: bool = False
    can_manage: bool = False
    preview: bool = False
    change_version: int = 0
    # Filters (their values are re-validated by the service on every load).
    filter_assignee: str = ""
    filter_label: str = ""
    filter_priority: str = ""
    filter_due: str = ""
    filter_text: str = ""
    # New-card form.
    create_open: bool = False
    # The dialogs' vars are in substates (opening one re-renders the dialog, not the columns):
    # "Move to…" in ``state.board_move``, the WIP confirmation in ``state.board_wip``.
    # Undo bar after a delete.
    undo_text: str = ""
    _undo_task_id: int = 0
    _loaded_project: str = ""
    # Card id -> (column id, position, version) of the board the viewer last loaded.
    _places: dict[int, tuple[int, int, int]] = {}
    # Due dates of the cards shown, and the day their due states were computed for (see
    # ``BoardLayout``): the mover's own move recomputes a due state entering or leaving done.
    _due_dates: dict[int, Any] = {}
    _due_today: Any = None
    # During ``load``: the layout to show once the page is loaded (sent in parts, ``load_parts``).
    _deferring: bool = False
    _pending_layout: Any = None

    # --- loading -----------------------------------------------------------------------------

    def _reset_page(self) -> None:
        self._show(EMPTY)
        self.labels, self.people = [], []
        self.project_name, self.role = "", ""
        self.card_count, self.board_project_id = 0, 0
        self.can_create = self.can_move = self.can_manage = False
        self.create_open = False
        # The dialogs (substates, when this tab has them loaded) close too.
        for dialog in self.substates.values():
            if isinstance(dialog, BoardState):
                dialog._close_dialog()
        if self._loaded_project != self._project_id():
            self.filter_assignee = self.filter_label = self.filter_priority = ""
            self.filter_due = self.filter_text = ""
            self.preview = False
            self.undo_text, self._undo_task_id = "", 0

    @rx.event
    @with_async_io
    def load(self):
        """``on_load``: check the session, then load the board (a big one in several messages)."""
        self._clear_errors()
        self._deferring = True
        try:
            result = self._load_page()
        finally:
            self._deferring = False
        self._loaded_project = self._project_id()
        deleted = self.router.url.query_parameters.get("deleted", "")
        if deleted and not self.not_found:
            # Coming from a task page that deleted this card: offer to undo it.
            try:
                self._undo_task_id = int(deleted)
                self.undo_text = self._t("boardui.deleted_plain")
            except ValueError:
                self._undo_task_id = 0
        layout, self._pending_layout = self._pending_layout or EMPTY, None
        parts = load_parts([self.get_value(name) for name in BUCKET_VARS], layout)
        if len(parts) == 1:
            self._show(layout)
            return result
        return self._show_in_parts(parts, layout, result)

    def _show_in_parts(
        self, parts: list[dict[str, Any]], layout: BoardLayout, result: Any
    ) -> Iterator[Any]:
        """Send a loaded board in several messages (each ``yield`` sends what changed so far).

        Reflex runs the generator ``load`` returns after the database work, under the same
        state lock: no other event of the tab runs between the messages.

        Args:
            parts: The vars of each message (``load_parts``).
            layout: The board's layout, whose server-side part is kept once it is shown.
            result: What the page load returned (a redirect, a toast), sent last.

        Yields:
            Nothing until the last message, then ``result``.
        """
        for part in parts[:-1]:
            changed_vars(self, part)
            yield None
        changed_vars(self, parts[-1])
        self._keep(layout)
        yield result

    def _filters(self) -> BoardFilters:
        return BoardFilters(
            assignee=self.filter_assignee or None,
            label=self.filter_label or None,
            priority=self.filter_priority,
            due=self.filter_due,
            text=self.filter_text,
        )

    def _show(self, layout: BoardLayout) -> None:
        """Put a board layout in the vars, assigning only those that changed.

        During ``load`` the layout is kept for the end of the load instead (the last one wins).
        """
        if self._deferring:
            self._pending_layout = layout
            return
        changed_vars(self, layout.frontend_values())
        self._keep(layout)

    def _keep(self, layout: BoardLayout) -> None:
        """Keep the server-side part of the layout shown (places, due dates, their day)."""
        self._places = layout.places
        self._due_dates, self._due_today = layout.due_dates, layout.today

    def _close_dialog(self) -> None:
        """Close this substate's dialog: overridden by the dialogs' substates."""

    def _open_wip(self, pending: dict[str, Any], message: str) -> None:
        """Ask before going past a WIP limit: overridden by its substate (``state.board_wip``)."""

    def _ask_wip(self, pending: dict[str, Any], error: WipLimitReached) -> None:
        """Open the WIP confirmation with what to do once the viewer confirms.

        Args:
            pending: ``kind`` (``move`` or ``create``) and the arguments to repeat.
            error: The service's refusal (its message names the column and its limit).
        """
        for dialog in self.substates.values():
            if isinstance(dialog, BoardState):
                dialog._open_wip(pending, self._error_text(error))

    def _load(self, session: Any, viewer: Viewer) -> None:
        # The shared projection (see ``board.load_board``): the board shows no per-viewer
        # "watching" flag, and tabs on the same board then hold the same card objects.
        pid = self._project_id()
        try:
            view = board.load_board(
                session,
                viewer,
                project_id=pid,
                filters=self._filters(),
                as_role=permissions.CLIENT if self.preview else None,
                locale=self.lang,
                shared=True,
                with_people=True,
            )
        except ValidationError:
            # A filter that no longer applies (e.g. a deleted label): show everything.
            self.filter_assignee = self.filter_label = self.filter_priority = ""
            self.filter_due = self.filter_text = ""
            view = board.load_board(
                session,
                viewer,
                project_id=pid,
                as_role=permissions.CLIENT if self.preview else None,
                locale=self.lang,
                shared=True,
                with_people=True,
            )
        # Show this project live in this tab. The version comes from the same read as the
        # permission check, made before the cards were read: a change in between is seen as
        # new and refreshed, never missed (and no extra query).
        live.watch(
            self.router.session.client_token, type(self), {view.project_id: view.change_version}
        )
        layout = layout_for(view, self.lang, board.viewer_today(viewer))
        self._show(layout)
        values: dict[str, Any] = {
            "board_project_id": view.project_id,
            "project_name": view.project_name,
            "role": view.role,
            "preview": view.preview,
            "change_version": view.change_version,
            "labels": list(view.labels),
            "card_count": view.card_count,
            "filtered": view.filtered,
            "can_create": view.can_create,
            "can_move": view.can_move,
            "can_manage": view.can_manage,
        }
        if view.can_create:
            values["people"] = list(view.people)
        elif not view.filtered:
            values["people"] = layout.people
        changed_vars(self, values)

    # --- filters -----------------------------------------------------------------------------

    @rx.event
    @guarded
    def set_filter(self, name: str, value: str):
        """Narrow the board by assignee, label, priority or due date.

        Args:
            name: ``assignee``, ``label``, ``priority`` or ``due``.
            value: The filter's value (checked by the service); empty for any.
        """
        self._clear_errors()
        if name not in FILTER_NAMES or not isinstance(value, str) or len(value) > 20:
            raise ValidationError("board.filter_invalid")
        setattr(self, f"filter_{name}", value)
        self._reload()

    @rx.event
    @guarded
    def search(self, form_data: dict[str, Any]):
        """Search titles and descriptions.

        Args:
            form_data: ``q``, the text to look for.
        """
        self._clear_errors()
        self.filter_text = form_text(form_data, "q")[:100]
        self._reload()

    @rx.event
    @guarded
    def clear_filters(self):
        """Show every card again."""
        self._clear_errors()
        had_text = self.filter_text != ""
        self.filter_assignee = self.filter_label = self.filter_priority = ""
        self.filter_due = self.filter_text = ""
        self._reload()
        return rx.set_value("board-search", "") if had_text else None

    @rx.event
    @guarded
    def toggle_preview(self):
        """Managers: show the board exactly as the client sees it (or leave that preview)."""
        self._clear_errors()
        wanted = not self.preview
        self.preview = wanted
        try:
            self._reload()
        except DomainError:
            self.preview = False
            raise

    # --- cards lookups -----------------------------------------------------------------------

    def _find(self, task_id: object) -> _Found:
        """Return a card of the loaded board with its column, displayed index and version.

        Raises:
            NotFound: Not on the board the viewer last loaded.
        """
        try:
            tid = permissions.coerce_id(task_id)
        except NotFound:
            raise NotFound() from None
        place = self._places.get(tid)
        if place is None:
            raise NotFound()
        column_id, position, version = place
        for slot, column in enumerate(self.columns):
            if column.id == column_id:
                ids = list(getattr(self, SLOT_VARS[slot]))
                card = getattr(self, BUCKET_VARS[tid % CARD_BUCKETS]).get(str(tid))
                if card is None or tid not in ids:
                    break
                return _Found(column, ids.index(tid), card, position, version, len(ids))
        raise NotFound()

    def _index_of(self, found: _Found) -> int:
        """Place of a card among the cards the viewer sees in its column (filters aside)."""
        if self.filtered and self.can_create:
            return found.position  # the team sees every card: positions are dense
        return found.index

    def _column_exists(self, column_id: object) -> ColumnHeader:
        for column in self.columns:
            if str(column.id) == str(column_id):
                return column
        raise NotFound(field="column_id")

    # --- moving ------------------------------------------------------------------------------

    def _move(self, task_id: int, column_id: int, index: int, version: int, confirm: bool):
        """Move through the service; ask before exceeding a WIP limit; reload on conflict."""
        try:
            committed = self._call(
                _move_reporting_versions,
                task_id=task_id,
                column_id=column_id,
                index=index,
                expected_version=version,
                confirm_over_limit=confirm,
                locale=self.lang,
                with_card=False,
            )
        except WipLimitReached as error:
            pending = {"kind": "move", "task_id": task_id, "column_id": column_id}
            self._ask_wip({**pending, "index": index, "version": version}, error)
            return None
        except Conflict:
            self._reload()
            raise
        if not self._show_own_move(task_id, column_id, index, version):
            self._reload()
            return None
        self._skip_own_refresh(committed)
        return None

    def _skip_own_refresh(self, committed: dict[int, int]) -> None:
        """After a move shown exactly, skip the live refresh it would cause in this tab.

        When the move took the project from the version this tab shows to the next one, with
        nothing of anyone else's in between, the tab already shows that next version: its
        re-read would find nothing to change (a 200-card board read again for nothing after
        each move). Otherwise the refresh comes as before and shows what others changed.
        """
        pid, shown = self.board_project_id, self.change_version
        now = committed.get(pid)
        if now == shown + 1 and live.advance(
            self.router.session.client_token, pid, shown=shown, now=now
        ):
            self.change_version = now

    def _show_own_move(self, task_id: int, column_id: int, index: int, version: int) -> bool:
        """Show the viewer's own move at once by rearranging the board this tab already holds.

        Re-reading the whole board would put that read on the mover's round trip. The tab's
        watched version is left as it was, so the live refresh that the move triggers (see
        ``live``) re-reads the board within a tick and corrects anything someone else changed
        meanwhile. Only where the service's placement is known exactly: the team's unfiltered
        board (every card shown, positions dense); a card entering or leaving the done column
        gets its due state recomputed (``own_move``).

        Args:
            task_id: The moved card (the service accepted the move).
            column_id: Its new column.
            index: Its index among the column's other cards (clamped, as the service does).
            version: The card's version before the move (the move added one).

        Returns:
            Whether the move is shown; False when the board must be re-read instead.
        """
        if self.filtered or self.preview or not self.can_create:
            return False
        moved = own_move(
            self.columns,
            [getattr(self, name) for name in SLOT_VARS],
            stored_value(self, BUCKET_VARS[task_id % CARD_BUCKETS]),
            self._places,
            task_id=task_id,
            column_id=column_id,
            index=index,
            version=version,
            due_dates=self._due_dates,
            today=self._due_today,
        )
        if moved is None:
            return False
        values, places = moved
        changed_vars(self, values)
        self._places = places
        return True

    def _move_card(self, task_id: object, version: int, column_id: object, index: int):
        found = self._find(task_id)
        target = self._column_exists(column_id)
        return self._move(found.card.id, target.id, index, version or found.version, False)

    @rx.event
    @guarded
    def drop_on_card(self, before_task_id: int, task_id: int, version: int):
        """Drop a dragged card just before another card.

        A drag-and-drop is this one event: the drop carries the dragged card and its version
        when the viewer picked it up (the card's ``data-version`` on the board, from its
        column's ``col_versions_<i>``), so a card someone else changed during the drag is
        refused as stale, never silently overwritten.

        Args:
            before_task_id: The card it is dropped on.
            task_id: The dragged card.
            version: The dragged card's version when the viewer picked it up.
        """
        self._clear_errors()
        if not task_id or str(task_id) == str(before_task_id):
            return None  # nothing of the board's dragged (a file, a text), or dropped on itself
        source, seen = self._find(task_id), clean_version(version)
        target = self._find(before_task_id)
        index = self._index_of(target)
        if source.column.id == target.column.id and self._index_of(source) < index:
            index -= 1  # the card leaves its old place first
        return self._move(source.card.id, target.column.id, index, seen, False)

    @rx.event
    @guarded
    def drop_on_column(self, column_id: int, task_id: int, version: int):
        """Drop a dragged card at the end of a column (one event, as ``drop_on_card``).

        Args:
            column_id: The target column.
            task_id: The dragged card.
            version: The dragged card's version when the viewer picked it up.
        """
        self._clear_errors()
        if not task_id:
            return None
        source, seen = self._find(task_id), clean_version(version)
        target = self._column_exists(column_id)
        return self._move(source.card.id, target.id, END, seen, False)

    # --- create, delete, undo ----------------------------------------------------------------

    @rx.event
    def toggle_create(self):
        """Show or hide the new-card form."""
        self.create_open = not self.create_open

    def _create(self, fields: board.TaskFields, column_id: str | None, confirm: bool):
        try:
            card = self._call(
                board.create_task,
                project_id=self._project_id(),
                fields=fields,
                column_id=column_id,
                confirm_over_limit=confirm,
                locale=self.lang,
            )
        except WipLimitReached as error:
            self._ask_wip({"kind": "create", "fields": fields, "column_id": column_id}, error)
            return None
        self._reload()
        self.create_open = False
        return [
            rx.set_value("new-title", ""),
            rx.set_value("new-description", ""),
            rx.toast.success(self._t("boardui.created"), id=f"created-{card.id}"),
        ]

    @rx.event
    @guarded
    def create(self, form_data: dict[str, Any]):
        """Create a card (managers and members).

        Args:
            form_data: ``title``, ``column_id``, ``priority``, ``due_date``, ``description``,
                and ``hidden`` (managers) from the new-card form.
        """
        self._clear_errors()
        fields = board.TaskFields(
            title=form_text(form_data, "title"),
            priority=form_text(form_data, "priority") or "normal",
            due_date=form_text(form_data, "due_date") or None,
            description=form_text(form_data, "description"),
            hidden_from_client=bool(form_text(form_data, "hidden")),
        )
        return self._create(fields, form_text(form_data, "column_id") or None, False)

    @rx.event
    @guarded
    def undo_delete(self):
        """Restore the card deleted last."""
        self._clear_errors()
        task_id, self._undo_task_id = self._undo_task_id, 0
        self.undo_text = ""
        if not task_id:
            return None
        return self._act(board.restore_task, done="boardui.restored", task_id=task_id)

    @rx.event
    def dismiss_undo(self):
        """Hide the Undo bar."""
        self.undo_text, self._undo_task_id = "", 0
