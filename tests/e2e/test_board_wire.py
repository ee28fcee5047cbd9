"""What the board sends on the wire when its "Move to…" dialog opens and closes (issue #20).

The dialog's vars live in a substate of the board state (``state.board_move``): opening or
closing it must not send any var of the board state itself, or the browser re-renders every
column of the board (the columns read the board state).
"""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import create_engine, text

from benchmarks.ws_load import board_layout, board_vars, card_version
from collab_app.i18n import catalogue
from collab_app.state.board import BoardState
from collab_app.state.board_layout import CARD_BUCKETS
from collab_app.state.board_move import BoardMoveState
from testkit.reflex_ws import ReflexWsClient, event_name, mint_session, run_async
from tests.e2e.helpers import DEMO_USERS


def _first_project(database_url: str) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT min(id) FROM project")).scalar_one()
    finally:
        engine.dispose()


def _states_in(updates) -> set[str]:
    return {name for update in updates for name in update.delta}


def test_opening_and_closing_the_move_dialog_sends_no_board_var(app_server) -> None:
    token = mint_session(app_server.database_url, DEMO_USERS["owner"])
    board_path = f"/projects/{_first_project(app_server.database_url)}/board"
    board_state, dialog_state = BoardState.get_full_name(), BoardMoveState.get_full_name()

    async def scenario() -> None:
        tab = ReflexWsClient(app_server.base_url, session_token=token)
        await tab.connect(board_path, timeout=60)
        try:
            card_id = next(ids[0] for ids in board_layout(tab).values() if ids)
            opened = await tab.call(event_name(BoardMoveState, "open_move"), {"task_id": card_id})
            assert tab.var(dialog_state, "move_open") is True
            assert dialog_state in _states_in(opened)
            closed = await tab.call(event_name(BoardMoveState, "close_move"))
            assert tab.var(dialog_state, "move_open") is False
            assert board_state not in _states_in(opened) | _states_in(closed)
        finally:
            await tab.close()

    run_async(scenario())


# The start of the stale-move message ("board.stale"), in either language.
STALE = tuple(text[:20] for text in catalogue()["board.stale"])


def test_a_drop_is_one_event_carrying_the_version_at_pick_up(app_server) -> None:
    """A drag-and-drop sends only its drop, with the card's version when it was picked up.

    Both tabs pick the same card up; the second one's drop lands first. The first one's drop
    still carries the version it picked up, so it is refused as stale instead of silently
    moving the card again.
    """
    token = mint_session(app_server.database_url, DEMO_USERS["owner"])
    board_path = f"/projects/{_first_project(app_server.database_url)}/board"
    drop = event_name(BoardState, "drop_on_column")

    async def scenario() -> None:
        first = ReflexWsClient(app_server.base_url, session_token=token)
        second = ReflexWsClient(app_server.base_url, session_token=token)
        await first.connect(board_path, timeout=60)
        await second.connect(board_path, timeout=60)
        try:
            columns = board_vars(first)["columns"]
            free = [int(c["id"]) for c in columns if not c["wip_limit"]]
            assert len(free) >= 2, columns
            before = {i for ids in board_layout(first).values() for i in ids}
            title = f"One-event drop {time.time_ns()}"
            await first.call(
                event_name(BoardState, "create"),
                {"form_data": {"title": title, "column_id": str(free[0])}},
            )
            (card_id,) = {i for ids in board_layout(first).values() for i in ids} - before
            # The column may already hold cards: wait for this one on the second tab.
            await second.wait_until(lambda: card_id in board_layout(second)[free[0]], timeout=10)
            picked_up = card_version(first, card_id)
            assert picked_up > 0 and card_version(second, card_id) == picked_up

            moved = await second.call(
                drop, {"column_id": free[1], "task_id": card_id, "version": picked_up}
            )
            assert card_id in board_layout(second)[free[1]]
            assert card_version(second, card_id) == picked_up + 1
            assert not any(update.value("session_state", "form_error") for update in moved)

            refused = await first.call(
                drop, {"column_id": free[0], "task_id": card_id, "version": picked_up}
            )
            errors = [update.value("session_state", "form_error") or "" for update in refused]
            assert any(text.startswith(STALE) for text in errors), errors
            await first.wait_until(lambda: card_id in board_layout(first)[free[1]], timeout=10)
            assert card_id not in board_layout(first)[free[0]]
        finally:
            await first.close()
            await second.close()

    run_async(scenario())


def _listed_cards_missing(held: dict) -> list[int]:
    """Card ids a column of the tab lists but its card bucket lacks (wire suffix removed)."""
    return [
        card_id
        for name, ids in held.items()
        if name.startswith("col_cards_")
        for card_id in ids
        if str(card_id) not in held.get(f"cards_{card_id % CARD_BUCKETS}", {})
    ]


def test_a_big_board_loads_in_bounded_messages_listing_no_missing_card(app_server) -> None:
    """A 120-card board comes in several messages of under 20 KB, each card before its column.

    The server's websocket keeps, per connection, a write buffer the size of the largest
    message it sent (issue #20, goal 4). Checked on the first load and on coming back to the
    board from a card's page, message by message, as the tab applies them.
    """
    from sqlmodel import Session

    from benchmarks.seed import seed_board
    from collab_app.db import make_engine

    engine = make_engine(app_server.database_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            made = seed_board(session, cards=120, name="Wire: a big board")
    finally:
        engine.dispose()
    token = mint_session(app_server.database_url, DEMO_USERS["member"])
    board_state = BoardState.get_full_name()
    task_path = f"/projects/{made.project_id}/tasks/{made.card_ids[0]}"

    def held_now() -> dict:
        values = tab.state.get(board_state, {})
        return {k.removesuffix("_rx_state_"): v for k, v in values.items()}

    async def shown_after(start: int, held: dict) -> list[int]:
        """Replay the board's messages since ``start`` over what the tab ``held`` before."""
        await tab.wait_until(
            lambda: sum(len(ids) for ids in board_layout(tab).values()) == 120, timeout=30
        )
        await asyncio.sleep(0.5)
        for update in tab.updates[start:]:
            values = update.delta.get(board_state, {})
            held = held | {k.removesuffix("_rx_state_"): v for k, v in values.items()}
            assert _listed_cards_missing(held) == []
        return [u.size for u in tab.updates[start:]]

    tab = ReflexWsClient(app_server.base_url, session_token=token)

    async def scenario() -> None:
        try:
            await tab.connect(made.board_path, timeout=60)
            first = await shown_after(0, {})
            assert max(first) < 20_000, first
            assert len([size for size in first if size > 2_000]) >= 4, first
            await tab.navigate(task_path, timeout=60)
            start, before = len(tab.updates), held_now()
            await tab.navigate(made.board_path, timeout=60)
            back = await shown_after(start, before)
            assert max(back) < 20_000, back
        finally:
            await tab.close()

    run_async(scenario())
