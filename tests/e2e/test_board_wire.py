"""What the board sends on the wire when its "Move to…" dialog opens and closes (issue #20).

The dialog's vars live in a substate of the board state (``state.board_move``): opening or
closing it must not send any var of the board state itself, or the browser re-renders every
column of the board (the columns read the board state).
"""

from __future__ import annotations

from sqlalchemy import create_engine, text

from benchmarks.ws_load import board_layout
from collab_app.state.board import BoardState
from collab_app.state.board_move import BoardMoveState
from tests.e2e.helpers import DEMO_USERS
from tests.support.reflex_ws import ReflexWsClient, event_name, mint_session, run_async


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
