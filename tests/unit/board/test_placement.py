"""The placement rule (``board.placed``): pure, shared by the move service and the board page."""

from __future__ import annotations

import pytest

from collab_app.services.board import placed


@pytest.mark.parametrize(
    ("others", "at", "expected"),
    [
        ([], 0, [9]),
        ([], 5, [9]),
        ([1, 2, 3], 0, [9, 1, 2, 3]),
        ([1, 2, 3], 1, [1, 9, 2, 3]),
        ([1, 2, 3], 3, [1, 2, 3, 9]),
        ([1, 2, 3], 10**6, [1, 2, 3, 9]),
    ],
)
def test_a_card_goes_before_the_card_at_its_index_or_at_the_end(others, at, expected):
    assert placed(others, 9, at) == expected


def test_the_index_counts_among_the_cards_the_mover_sees():
    # A guest sees 2 and 4 only: index 1 means "just before 4", whatever lies between.
    assert placed([1, 2, 3, 4, 5], 9, 1, seen=[2, 4]) == [1, 2, 3, 9, 4, 5]
    # Past the last card seen: just after it, before the cards the guest does not see.
    assert placed([1, 2, 3, 4, 5], 9, 7, seen=[2, 4]) == [1, 2, 3, 4, 9, 5]
    # Sees none: at the very end.
    assert placed([1, 2], 9, 0, seen=[]) == [1, 2, 9]


def test_the_inputs_are_left_as_they_were():
    others = [1, 2]
    placed(others, 9, 0)
    assert others == [1, 2]
