"""A big board's page load is sent in several bounded messages, the cards before the columns."""

from __future__ import annotations

import pytest

from collab_app.services import board
from collab_app.state.board_layout import (
    BUCKET_VARS,
    CARD_BUCKETS,
    EMPTY,
    SLOT_VARS,
    layout_for,
    load_parts,
)
from tests.unit.board.support import TODAY, make_board


@pytest.fixture
def b(session, world):
    board.clear_shared_boards()
    made = make_board(session, world)
    for n in range(30):
        board.create_task(
            session,
            world.manager,
            project_id=world.project.id,
            fields=board.TaskFields(title=f"Card {n}"),
        )
    yield made
    board.clear_shared_boards()


def _layout(session, viewer, project_id, **filters):
    view = board.load_board(
        session,
        viewer,
        project_id=project_id,
        today=TODAY,
        shared=True,
        filters=board.BoardFilters(**filters),
    )
    return layout_for(view, "en", TODAY)


def _apply(held: dict, parts: list[dict]) -> list[dict]:
    """What the tab holds after each message."""
    seen = []
    for part in parts:
        held = held | part
        seen.append(held)
    return seen


def _listed_cards_are_there(held: dict) -> bool:
    return all(
        str(card_id) in held[BUCKET_VARS[card_id % CARD_BUCKETS]]
        for slot in SLOT_VARS
        for card_id in held[slot]
    )


def _cards_in(part: dict) -> int:
    return sum(len(part[name]) for name in BUCKET_VARS if name in part)


def test_a_small_board_is_one_message(session, world, b):
    layout = _layout(session, world.manager, world.project.id)
    assert load_parts(EMPTY.buckets, layout) == [layout.frontend_values()]


def test_a_big_board_sends_its_cards_in_bounded_messages_before_the_columns(session, world, b):
    layout = _layout(session, world.manager, world.project.id)
    total = sum(len(bucket) for bucket in layout.buckets)
    parts = load_parts(EMPTY.buckets, layout, cards_per_message=10)

    assert len(parts) >= 4
    assert all(_cards_in(part) <= 10 or len(part) == 1 for part in parts[:-1])
    assert sum(_cards_in(part) for part in parts) == total
    assert not any(name in part for part in parts[:-1] for name in (*SLOT_VARS, "columns"))
    held = _apply(EMPTY.frontend_values(), parts)
    assert held[-1] == layout.frontend_values()
    assert all(_listed_cards_are_there(h) for h in held)


def test_a_tab_showing_another_board_keeps_its_cards_until_its_columns_go(session, world, b):
    full = _layout(session, world.manager, world.project.id)
    narrowed = _layout(session, world.manager, world.project.id, text="Card 1")
    for before, after in ((narrowed, full), (full, narrowed), (full, EMPTY)):
        parts = load_parts(before.buckets, after, cards_per_message=10)
        held = _apply(before.frontend_values(), parts)
        assert held[-1] == after.frontend_values()
        assert all(_listed_cards_are_there(h) for h in held)


def test_reloading_the_board_shown_sends_nothing(session, world, b):
    layout = _layout(session, world.manager, world.project.id)
    again = _layout(session, world.manager, world.project.id)
    parts = load_parts(layout.buckets, again, cards_per_message=10)
    assert parts == [again.frontend_values()]
