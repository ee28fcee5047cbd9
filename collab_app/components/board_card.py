"""The board's columns and cards, with native drag-and-drop and a "Move…" button on each card."""

from __future__ import annotations

import reflex as rx

from collab_app.components.board_bits import (
    blocked_badge,
    drag_div,
    due_badge,
    hidden_badge,
    label_chip,
    priority_badge,
)
from collab_app.components.i18n import t, tf
from collab_app.components.ui import muted, small_button
from collab_app.reflex_adapter import js_number
from collab_app.services.board.presenter import BoardCard, ColumnHeader
from collab_app.state.board import BoardState
from collab_app.state.board_layout import BUCKET_VARS, CARD_BUCKETS, SLOT_VARS, VERSION_VARS
from collab_app.state.board_move import BoardMoveState

# The board's column slots (see ``state.board_layout``): each column's card ids and their
# versions, picked in the browser by the column's index.
_SLOTS = rx.Var.create([getattr(BoardState, name) for name in SLOT_VARS])
_VERSIONS = rx.Var.create([getattr(BoardState, name) for name in VERSION_VARS])
# The card being dragged and its version when picked up (set by ``_DRAG_DATA_JS`` below), read
# by the drop: a drag-and-drop is one event to the server.
_DRAGGED_TASK = js_number("(window.__collabDrag?.taskId ?? 0)")
_DRAGGED_VERSION = js_number("(window.__collabDrag?.version ?? 0)")


@rx.memo
def board_card(
    card: rx.Var[BoardCard], version: rx.Var[int], can_move: rx.Var[bool], href: rx.Var[str]
) -> rx.Component:
    """One card: title, priority, due date, labels, assignees, flags, comments, "Move…".

    A memo component that reads no board var itself: what it shows comes in its props, so
    after a move or a dialog opening React re-renders only the cards whose data changed (the
    cards of untouched buckets keep the same objects), not the whole board.

    Args:
        card: The card.
        version: Its version on the board the viewer holds (``data-version``: what a drop
            of this card sends for the stale-move check).
        can_move: Whether the viewer may move cards.
        href: The card's task page.

    Returns:
        The card, draggable for those who may move it.
    """
    return drag_div(
        rx.link(
            card.title,
            href=href,
            class_name="card-title",
            draggable=False,
        ),
        rx.hstack(
            priority_badge(card.priority),
            due_badge(card.due_label, card.due_state),
            rx.cond(card.blocked, blocked_badge()),
            rx.cond(card.hidden, hidden_badge()),
            spacing="1",
            wrap="wrap",
        ),
        rx.cond(
            card.labels.length() > 0,
            rx.hstack(rx.foreach(card.labels, label_chip), spacing="1", wrap="wrap"),
        ),
        rx.hstack(
            rx.cond(
                card.assignees != "",
                rx.hstack(
                    rx.icon("user", size=12, aria_hidden="true"),
                    rx.text(card.assignees, size="1"),
                    spacing="1",
                    align="center",
                    class_name="card-people",
                ),
            ),
            rx.spacer(),
            rx.cond(
                card.comment_count > 0,
                rx.hstack(
                    rx.icon("message-circle", size=12, aria_hidden="true"),
                    rx.text(
                        tf("boardui.card.comments", count=card.comment_count), class_name="sr-only"
                    ),
                    rx.text(card.comment_count, size="1", aria_hidden="true"),
                    spacing="1",
                    align="center",
                    class_name="card-comments",
                ),
            ),
            rx.cond(
                can_move,
                small_button(
                    "boardui.card.move",
                    BoardMoveState.open_move(card.id),
                    variant="soft",
                    class_name="card-move",
                    aria_label=t("boardui.card.move") + " " + card.title,
                    # The dialog is opened by the server, not a Radix trigger: say it here.
                    aria_haspopup="dialog",
                ),
            ),
            align="center",
            spacing="2",
            width="100%",
        ),
        draggable=can_move,
        on_drag_over=rx.prevent_default,
        on_drop=BoardState.drop_on_card(
            card.id, _DRAGGED_TASK, _DRAGGED_VERSION
        ).stop_propagation.prevent_default,
        class_name=rx.cond(card.hidden, "board-card is-hidden", "board-card"),
        id=f"card-{card.id}",
        data_testid="board-card",
        data_version=version,
    )


def _count(count: rx.Var[int], wip_limit: rx.Var[int], over_limit: rx.Var[bool]) -> rx.Component:
    return rx.badge(
        count.to_string(),
        rx.cond(wip_limit > 0, " / " + wip_limit.to_string(), ""),
        rx.cond(over_limit, rx.text.span(" · ", t("boardui.over_limit"))),
        color_scheme=rx.cond(over_limit, "red", "gray"),
        variant=rx.cond(over_limit, "solid", "soft"),
        class_name=rx.cond(over_limit, "column-count over-limit", "column-count"),
    )


@rx.memo
def board_column(
    column_id: rx.Var[int],
    name: rx.Var[str],
    count: rx.Var[int],
    wip_limit: rx.Var[int],
    over_limit: rx.Var[bool],
    card_ids: rx.Var[list[int]],
    card_versions: rx.Var[list[int]],
    can_move: rx.Var[bool],
    task_path: rx.Var[str],
    task_query: rx.Var[str],
    cards_0: rx.Var[dict[str, BoardCard]],
    cards_1: rx.Var[dict[str, BoardCard]],
    cards_2: rx.Var[dict[str, BoardCard]],
    cards_3: rx.Var[dict[str, BoardCard]],
    cards_4: rx.Var[dict[str, BoardCard]],
    cards_5: rx.Var[dict[str, BoardCard]],
    cards_6: rx.Var[dict[str, BoardCard]],
    cards_7: rx.Var[dict[str, BoardCard]],
    cards_8: rx.Var[dict[str, BoardCard]],
    cards_9: rx.Var[dict[str, BoardCard]],
    cards_10: rx.Var[dict[str, BoardCard]],
    cards_11: rx.Var[dict[str, BoardCard]],
    cards_12: rx.Var[dict[str, BoardCard]],
    cards_13: rx.Var[dict[str, BoardCard]],
    cards_14: rx.Var[dict[str, BoardCard]],
    cards_15: rx.Var[dict[str, BoardCard]],
) -> rx.Component:
    """A column: its name, count (and WIP limit), its cards; cards dropped on it go to its end.

    A memo component that reads no board var itself, fed by props that keep their value when
    the column did not change: numbers and strings compare by value, ``card_ids`` is the
    column's slot var (only a move into or out of the column replaces it), the ``cards_<b>``
    buckets are the board's card buckets (a move replaces none). After a move, React then
    re-renders the two columns it touched, not all of them (the ``columns`` header list
    arrives as new objects on every move).

    Args:
        column_id: The column's id.
        name: Its name.
        count: How many cards it holds (for the viewer).
        wip_limit: Its WIP limit (0: none shown).
        over_limit: Whether it holds more cards than its WIP limit.
        card_ids: The ids of its cards, in order (its slot var).
        card_versions: Their versions, in the same order (its version slot var).
        can_move: Whether the viewer may move cards.
        task_path: The project's task URL up to the task id (``/projects/<id>/tasks/``).
        task_query: What follows the task id (the client preview's ``?as=client``).
        cards_0: Card bucket 0 (each ``cards_<b>``: the board's bucket var of that number).
        cards_1: Card bucket 1.
        cards_2: Card bucket 2.
        cards_3: Card bucket 3.
        cards_4: Card bucket 4.
        cards_5: Card bucket 5.
        cards_6: Card bucket 6.
        cards_7: Card bucket 7.
        cards_8: Card bucket 8.
        cards_9: Card bucket 9.
        cards_10: Card bucket 10.
        cards_11: Card bucket 11.
        cards_12: Card bucket 12.
        cards_13: Card bucket 13.
        cards_14: Card bucket 14.
        cards_15: Card bucket 15.

    Returns:
        The column.
    """
    buckets = rx.Var.create(
        [
            *(cards_0, cards_1, cards_2, cards_3, cards_4, cards_5, cards_6, cards_7),
            *(cards_8, cards_9, cards_10, cards_11, cards_12, cards_13, cards_14, cards_15),
        ]
    )
    return drag_div(
        rx.hstack(
            rx.heading(name, size="3", as_="h2", class_name="column-name"),
            _count(count, wip_limit, over_limit),
            align="center",
            justify="between",
            width="100%",
            class_name="column-header",
        ),
        rx.vstack(
            rx.foreach(
                card_ids,
                lambda card_id, index: board_card(
                    card=buckets[card_id % CARD_BUCKETS][card_id.to_string()],
                    version=card_versions[index],
                    can_move=can_move,
                    href=task_path + card_id.to_string() + task_query,
                    key=card_id,
                ),
            ),
            rx.cond(
                card_ids.length() == 0,
                muted(t("boardui.empty_column")),
            ),
            spacing="2",
            width="100%",
            class_name="column-cards",
        ),
        on_drag_over=rx.prevent_default,
        on_drop=BoardState.drop_on_column(
            column_id, _DRAGGED_TASK, _DRAGGED_VERSION
        ).prevent_default,
        class_name=rx.cond(over_limit, "board-column over-limit", "board-column"),
        id=f"column-{column_id}",
        role="region",
        aria_label=name,
    )


def _column(column: rx.Var[ColumnHeader], slot: rx.Var[int]) -> rx.Component:
    """The memo column of a header of ``BoardState.columns``, fed by primitive props."""
    return board_column(
        column_id=column.id,
        name=column.name,
        count=column.count,
        wip_limit=column.wip_limit,
        over_limit=column.over_limit,
        card_ids=_SLOTS[slot],
        card_versions=_VERSIONS[slot],
        can_move=BoardState.can_move,
        task_path=f"/projects/{BoardState.board_project_id}/tasks/",
        task_query=rx.cond(BoardState.preview, "?as=client", ""),
        key=column.id,
        **{bucket: getattr(BoardState, bucket) for bucket in BUCKET_VARS},
    )


# A drag remembers the card and its version at pick-up for the drop (one event to the server);
# Firefox starts a native drag only when the drag carries data, the card id is enough.
_DRAG_DATA_JS = """
if (!window.__collabDragData) {
  window.__collabDragData = true;
  document.addEventListener('dragstart', (e) => {
    const card = e.target && e.target.closest && e.target.closest('.board-card');
    window.__collabDrag = card ? {
      taskId: Number(card.id.slice(5)), version: Number(card.dataset.version),
    } : null;
    if (card && e.dataTransfer) {
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', card.id);
    }
  }, true);
  document.addEventListener('dragend', () => { window.__collabDrag = null; }, true);
}
"""


def _jump(column: rx.Var[ColumnHeader]) -> rx.Component:
    target = "document.getElementById('column-" + column.id.to_string() + "')"
    return rx.el.button(
        column.name,
        " ",
        rx.text.span(column.count, class_name="jump-count"),
        type="button",
        on_click=rx.call_script(
            target + "?.scrollIntoView({behavior: 'smooth', block: 'nearest', inline: 'start'})"
        ),
        class_name=rx.cond(column.over_limit, "column-jump over-limit", "column-jump"),
    )


def column_jumps() -> rx.Component:
    """Links to each column, for phones where one column fills the screen.

    Returns:
        The links (hidden on wide screens).
    """
    return rx.el.nav(
        rx.foreach(BoardState.columns, _jump),
        class_name="column-jumps",
        aria_label=t("boardui.setup.columns"),
    )


def board_columns() -> rx.Component:
    """Every column side by side; they scroll horizontally inside the board area only.

    Returns:
        The board area.
    """
    return rx.box(
        rx.foreach(BoardState.columns, _column),
        class_name="board-scroll",
        id="board",
        on_mount=rx.call_script(_DRAG_DATA_JS),
    )
