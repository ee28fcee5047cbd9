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
from collab_app.state.board import BoardState
from collab_app.state.board_display import BoardCardUI, ColumnUI
from collab_app.state.board_layout import BUCKET_VARS, CARD_BUCKETS, SLOT_VARS
from collab_app.state.board_move import BoardMoveState

# The board's vars (see ``state.board_layout``): each column slot's card ids, and the card
# buckets, picked in the browser by index.
_SLOTS = rx.Var.create([getattr(BoardState, name) for name in SLOT_VARS])
_BUCKETS = rx.Var.create([getattr(BoardState, name) for name in BUCKET_VARS])


def card_of(card_id: rx.Var[int]) -> rx.Var[BoardCardUI]:
    """The display data of a card of the board, from its bucket.

    Args:
        card_id: The card's id.

    Returns:
        The card.
    """
    return _BUCKETS[card_id % CARD_BUCKETS][card_id.to_string()]


def task_href(card_id: rx.Var) -> rx.Var:
    """The URL of a card's task page on this board's project (in the client's preview too).

    Args:
        card_id: The task's id.

    Returns:
        A string Var.
    """
    return f"/projects/{BoardState.board_project_id}/tasks/{card_id}" + rx.cond(
        BoardState.preview, "?as=client", ""
    )


@rx.memo
def board_card(
    card: rx.Var[BoardCardUI], can_move: rx.Var[bool], href: rx.Var[str]
) -> rx.Component:
    """One card: title, priority, due date, labels, assignees, flags, comments, "Move…".

    A memo component that reads no board var itself: what it shows comes in its props, so
    after a move or a dialog opening React re-renders only the cards whose data changed (the
    cards of untouched buckets keep the same objects), not the whole board.

    Args:
        card: The card.
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
                rx.button(
                    t("boardui.card.move"),
                    on_click=BoardMoveState.open_move(card.id),
                    size="1",
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
        on_drag_start=BoardState.drag_start(card.id),
        on_drag_over=rx.prevent_default,
        on_drop=BoardState.drop_on_card(card.id).stop_propagation.prevent_default,
        class_name=rx.cond(card.hidden, "board-card is-hidden", "board-card"),
        id=f"card-{card.id}",
        data_testid="board-card",
    )


def _count(column: rx.Var[ColumnUI]) -> rx.Component:
    return rx.badge(
        column.count.to_string(),
        rx.cond(column.wip_limit > 0, " / " + column.wip_limit.to_string(), ""),
        rx.cond(column.over_limit, rx.text.span(" · ", t("boardui.over_limit"))),
        color_scheme=rx.cond(column.over_limit, "red", "gray"),
        variant=rx.cond(column.over_limit, "solid", "soft"),
        class_name=rx.cond(column.over_limit, "column-count over-limit", "column-count"),
    )


def board_column(column: rx.Var[ColumnUI], card_ids: rx.Var[list[int]]) -> rx.Component:
    """A column: its name, count (and WIP limit), its cards; cards dropped on it go to its end.

    Args:
        column: The column.
        card_ids: The ids of its cards, in order.

    Returns:
        The column.
    """
    return drag_div(
        rx.hstack(
            rx.heading(column.name, size="3", as_="h2", class_name="column-name"),
            _count(column),
            align="center",
            justify="between",
            width="100%",
            class_name="column-header",
        ),
        rx.vstack(
            rx.foreach(
                card_ids,
                lambda card_id: board_card(
                    card=card_of(card_id),
                    can_move=BoardState.can_move,
                    href=task_href(card_id),
                    key=card_id,
                ),
            ),
            rx.cond(
                card_ids.length() == 0,
                rx.text(t("boardui.empty_column"), size="1", color_scheme="gray"),
            ),
            spacing="2",
            width="100%",
            class_name="column-cards",
        ),
        on_drag_over=rx.prevent_default,
        on_drop=BoardState.drop_on_column(column.id).prevent_default,
        class_name=rx.cond(column.over_limit, "board-column over-limit", "board-column"),
        id=f"column-{column.id}",
        role="region",
        aria_label=column.name,
    )


# Firefox starts a native drag only when the drag carries data; the card id is enough.
_DRAG_DATA_JS = """
if (!window.__collabDragData) {
  window.__collabDragData = true;
  document.addEventListener('dragstart', (e) => {
    const card = e.target && e.target.closest && e.target.closest('.board-card');
    if (card && e.dataTransfer) {
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', card.id);
    }
  }, true);
}
"""


def _jump(column: rx.Var[ColumnUI]) -> rx.Component:
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
        rx.foreach(BoardState.columns, lambda column, i: board_column(column, _SLOTS[i])),
        class_name="board-scroll",
        id="board",
        on_mount=rx.call_script(_DRAG_DATA_JS),
    )
