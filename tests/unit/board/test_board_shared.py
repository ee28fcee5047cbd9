"""The board's shared projections (live refreshes) and the board state's var layout."""

from __future__ import annotations

import pytest

from collab_app.services import board
from collab_app.services.errors import NotFound
from collab_app.state.board_layout import (
    BUCKET_VARS,
    CARD_BUCKETS,
    EMPTY,
    SLOT_VARS,
    changed_vars,
    layout_for,
    load_parts,
)
from testkit import factories
from tests.unit.board.support import TODAY, make_board


@pytest.fixture
def b(session, world):
    board.clear_shared_boards()
    made = make_board(session, world)
    yield made
    board.clear_shared_boards()


def titles(view):
    return sorted(c.title for col in view.columns for c in col.cards)


def shared(session, viewer, project_id, **kwargs):
    return board.load_board(
        session, viewer, project_id=project_id, today=TODAY, shared=True, **kwargs
    )


def move_shared_card_to_done(session, world, b):
    board.move_task(
        session,
        world.manager,
        task_id=b.shared.id,
        column_id=b.done,
        index=0,
        expected_version=b.shared.version,
    )


def test_team_viewers_share_one_projection_per_version(session, world, b):
    first = shared(session, world.manager, world.project.id)
    again = shared(session, world.member, world.project.id)
    assert again is not first  # manager and member are different roles
    assert shared(session, world.owner, world.project.id) is first  # owner: manager role
    assert titles(first) == titles(
        board.load_board(session, world.manager, project_id=world.project.id, today=TODAY)
    )
    # Every card says "not watched": nothing of one viewer leaks to another through it.
    assert not any(c.watching for col in first.columns for c in col.cards)


def test_a_change_makes_a_new_projection(session, world, b):
    before = shared(session, world.manager, world.project.id)
    move_shared_card_to_done(session, world, b)
    after = shared(session, world.manager, world.project.id)
    assert after is not before
    assert after.change_version > before.change_version
    done = next(col for col in after.columns if col.id == b.done)
    assert done.cards[0].id == b.shared.id


def test_client_and_guests_never_get_the_team_projection(session, world, b):
    team = shared(session, world.manager, world.project.id)
    assert "Secret margin" in titles(team)
    client = shared(session, world.client, world.project.id)
    assert "Secret margin" not in titles(client)
    assert "Team chore" in titles(client)  # not hidden from the client
    guest = shared(session, world.guest, world.project.id)
    assert titles(guest) == ["Shared homepage", "Watched logo"]
    # A second guest, same role, sees only their own tasks (none): never the first guest's.
    stranger = factories.make_user(session, "Other guest")
    factories.add_project_member(session, world.project, stranger, "guest")
    assert titles(shared(session, stranger, world.project.id)) == []


def test_a_manager_preview_is_the_client_projection(session, world, b):
    preview = shared(session, world.manager, world.project.id, as_role="client")
    assert preview.preview and preview.role == "client"
    assert "Secret margin" not in titles(preview)


def test_shared_reads_still_check_the_viewer(session, world, b):
    shared(session, world.manager, world.project.id)
    with pytest.raises(NotFound):
        shared(session, world.outsider, world.project.id)


def test_layout_spreads_cards_over_slots_and_buckets(session, world, b):
    view = shared(session, world.manager, world.project.id)
    layout = layout_for(view, "en", TODAY)
    assert layout_for(view, "en", TODAY) is layout
    values = layout.frontend_values()
    assert [c.id for c in values["columns"]] == [c.id for c in view.columns]
    for slot, column in enumerate(view.columns):
        assert values[SLOT_VARS[slot]] == [c.id for c in column.cards]
        for card in column.cards:
            bucket = values[BUCKET_VARS[card.id % CARD_BUCKETS]]
            assert bucket[str(card.id)].title == card.title
            assert layout.places[card.id] == (column.id, card.position, card.version)
    assert values[SLOT_VARS[len(view.columns)]] == []


class _Vars:
    def __init__(self, **values):
        self.__dict__.update(values)
        self.assigned = []

    def __setattr__(self, name, value):
        if name != "assigned":
            self.assigned.append(name)
        super().__setattr__(name, value)


def test_only_changed_vars_are_assigned():
    state = _Vars(a=[1, 2], b={"x": 1}, c="same")
    changed_vars(state, {"a": [1, 2], "b": {"x": 2}, "c": "same"})
    assert state.assigned == ["b"]
    assert state.b == {"x": 2}


def test_people_come_with_the_board_for_the_team_only(session, world, b):
    team = shared(session, world.manager, world.project.id, with_people=True)
    names = [p.name for p in team.people]
    assert names == [
        p.name for p in board.list_assignable(session, world.manager, project_id=world.project.id)
    ]
    assert "Guest" in names and "Client" not in names
    assert shared(session, world.client, world.project.id, with_people=True).people == ()
    assert shared(session, world.manager, world.project.id).people == ()


def test_unchanged_cards_are_the_same_objects_across_versions(session, world, b):
    before = layout_for(shared(session, world.manager, world.project.id), "en", TODAY)
    board.move_task(
        session,
        world.manager,
        task_id=b.hidden.id,
        column_id=b.review,
        index=0,
        expected_version=b.hidden.version,
    )
    after = layout_for(shared(session, world.manager, world.project.id), "en", TODAY)
    assert after is not before
    old = {k: v for bucket in before.buckets for k, v in bucket.items()}
    new = {k: v for bucket in after.buckets for k, v in bucket.items()}
    assert old.keys() == new.keys()
    for key, card in new.items():
        assert card is old[key]  # display data unchanged by a move: identity, cheap to compare
    assert after.places[b.hidden.id][0] == b.review != before.places[b.hidden.id][0]


# --- a page load in parts (``load_parts``) ------------------------------------------------------


def _add_cards(session, world, count: int = 30) -> None:
    for n in range(count):
        board.create_task(
            session,
            world.manager,
            project_id=world.project.id,
            fields=board.TaskFields(title=f"Card {n}"),
        )


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


def _assert_replayed(held: dict, parts: list[dict], final: dict) -> None:
    """Apply the messages in order: each card listed is always there, the end is ``final``."""
    for part in parts:
        held = held | part
        assert _listed_cards_are_there(held)
    assert held == final


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
    _add_cards(session, world)
    layout = _layout(session, world.manager, world.project.id)
    total = sum(len(bucket) for bucket in layout.buckets)
    parts = load_parts(EMPTY.buckets, layout, cards_per_message=10)

    assert len(parts) >= 4
    assert all(_cards_in(part) <= 10 or len(part) == 1 for part in parts[:-1])
    assert sum(_cards_in(part) for part in parts) == total
    assert not any(name in part for part in parts[:-1] for name in (*SLOT_VARS, "columns"))
    _assert_replayed(EMPTY.frontend_values(), parts, layout.frontend_values())


def test_a_tab_showing_another_board_keeps_its_cards_until_its_columns_go(session, world, b):
    _add_cards(session, world)
    full = _layout(session, world.manager, world.project.id)
    narrowed = _layout(session, world.manager, world.project.id, text="Card 1")
    for before, after in ((narrowed, full), (full, narrowed), (full, EMPTY)):
        parts = load_parts(before.buckets, after, cards_per_message=10)
        _assert_replayed(before.frontend_values(), parts, after.frontend_values())


def test_reloading_the_board_shown_sends_nothing(session, world, b):
    _add_cards(session, world)
    layout = _layout(session, world.manager, world.project.id)
    again = _layout(session, world.manager, world.project.id)
    parts = load_parts(layout.buckets, again, cards_per_message=10)
    assert parts == [again.frontend_values()]


def test_a_refresh_checked_before_a_change_made_here_never_shows_the_board_before_it(
    session, world, b
):
    """The live task's checks, read a moment before a tab's own move, cannot show it undone.

    A tick checks its tabs together; a tab's move can commit between those checks and that
    tab's refresh (the tick lets events go first). The checked project row still has the
    version before the move, and a board shared under that version (built for another tab)
    would put the card back where it was, with its old version: the mover's next move of it
    would be refused as stale.
    """
    from sqlmodel import Session

    from collab_app.services import change_signal, permissions

    viewers = (world.manager, world.owner)  # one projection: same role
    mark = change_signal.changes_mark()
    # Read in the live task's own session, its rows kept as read (like ``db.session_scope``).
    with Session(session.get_bind(), expire_on_commit=False) as check_session:
        wanted = {(v.user_id, world.project.id) for v in viewers}
        checked = permissions.check_projects(check_session, wanted)
    known = permissions.known_roles(checked, mark=mark)

    def refresh(viewer):
        with Session(session.get_bind(), info=dict(known)) as tab_session:
            return shared(tab_session, viewer, world.project.id)

    before = refresh(world.owner)  # another tab's refresh, before the move
    move_shared_card_to_done(session, world, b)
    session.commit()
    after = refresh(world.manager)  # the mover's own refresh, with the same checks
    assert after.change_version > before.change_version
    done = next(col for col in after.columns if col.id == b.done)
    moved = next(card for card in done.cards if card.id == b.shared.id)
    assert moved.version == b.shared.version + 1
