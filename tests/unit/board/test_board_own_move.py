"""The mover's own move, shown from the board the tab holds: exactly what a re-read would show."""

from __future__ import annotations

from datetime import timedelta

import pytest

from collab_app.services import board
from collab_app.state.board import END, BoardState
from collab_app.state.board_layout import BUCKET_VARS, SLOT_VARS, VERSION_VARS, layout_for
from tests.unit.board.support import TODAY, make_board


class _Tab:
    """The board state's vars of one tab, as ``BoardState._load`` leaves them."""

    def __init__(self, layout, view) -> None:
        for name, value in layout.frontend_values().items():
            setattr(self, name, value)
        self._places = layout.places
        self._due_dates, self._due_today = layout.due_dates, layout.today
        self.filtered = view.filtered
        self.preview = view.preview
        self.can_create = view.can_create

    def show_own_move(self, task_id, column_id, index, version) -> bool:
        return BoardState._show_own_move(self, task_id, column_id, index, version)

    def layout_vars(self) -> dict:
        names = ["columns", *SLOT_VARS, *VERSION_VARS, *BUCKET_VARS]
        return {name: getattr(self, name) for name in names} | {"places": self._places}


def _read(session, viewer, project_id):
    view = board.load_board(session, viewer, project_id=project_id, today=TODAY, shared=True)
    return view, layout_for(view, "en", TODAY)


def _expected(session, viewer, project_id) -> dict:
    _, layout = _read(session, viewer, project_id)
    return layout.frontend_values() | {"places": layout.places}


@pytest.fixture
def b(session, world):
    board.clear_shared_boards()
    made = make_board(session, world)
    for title in ("Brief", "Moodboard", "Sitemap"):
        board.create_task(
            session,
            world.manager,
            project_id=world.project.id,
            fields=board.TaskFields(title=title),
        )
    yield made
    board.clear_shared_boards()


def _tab(session, viewer, project_id) -> _Tab:
    return _Tab(*reversed(_read(session, viewer, project_id)))


def _move(session, viewer, tab, task_id, column_id, index, *, confirm=False) -> bool:
    version = tab._places[task_id][2]
    board.move_task(
        session,
        viewer,
        task_id=task_id,
        column_id=column_id,
        index=index,
        expected_version=version,
        confirm_over_limit=confirm,
        with_card=False,
    )
    return tab.show_own_move(task_id, column_id, index, version)


@pytest.mark.parametrize(
    ("target", "index"),
    [("review", 0), ("review", END), ("doing", 1), ("todo", 2), ("todo", 0), ("todo", END)],
)
def test_the_shown_move_equals_a_fresh_read(session, world, b, target, index):
    tab = _tab(session, world.member, world.project.id)
    assert _move(session, world.member, tab, b.shared.id, getattr(b, target), index)
    assert tab.layout_vars() == _expected(session, world.member, world.project.id)


def test_several_moves_in_a_row_stay_exact(session, world, b):
    tab = _tab(session, world.manager, world.project.id)
    for task_id, column, index in (
        (b.shared.id, b.doing, 0),
        (b.hidden.id, b.doing, END),
        (b.shared.id, b.doing, 5),
        (b.team_only.id, b.todo, 1),
    ):
        assert _move(session, world.manager, tab, task_id, column, index)
    assert tab.layout_vars() == _expected(session, world.manager, world.project.id)


def test_wip_flag_follows_the_new_count(session, world, b):
    board.set_wip_limit(session, world.manager, column_id=b.review, wip_limit=1)
    tab = _tab(session, world.manager, world.project.id)
    assert _move(session, world.manager, tab, b.shared.id, b.review, 0, confirm=True)
    review = next(c for c in tab.columns if c.id == b.review)
    assert review.count == 2 and review.over_limit
    assert tab.layout_vars() == _expected(session, world.manager, world.project.id)


def test_boards_it_cannot_rearrange_exactly_are_read_again(session, world, b):
    guest = _tab(session, world.guest, world.project.id)  # sees only some cards
    assert not _move(session, world.guest, guest, b.shared.id, b.doing, 0)
    filtered = _tab(session, world.manager, world.project.id)
    filtered.filtered = True
    assert not _move(session, world.manager, filtered, b.hidden.id, b.doing, 0)


def _due_in(session, world, task, days: int):
    return board.update_task(
        session,
        world.manager,
        task_id=task.id,
        expected_version=task.version,
        fields=board.TaskFields(due_date=(TODAY + timedelta(days=days)).isoformat()),
    )


@pytest.mark.parametrize(("days", "before"), [(-3, "overdue"), (1, "soon"), (20, "none")])
def test_a_due_card_entering_and_leaving_done_shows_what_a_read_would(
    session, world, b, days, before
):
    _due_in(session, world, b.team_only, days)
    tab = _tab(session, world.manager, world.project.id)
    card = getattr(tab, BUCKET_VARS[b.team_only.id % len(BUCKET_VARS)])[str(b.team_only.id)]
    assert card.due_state == before  # on the tests' day (the layout's own ``today``)
    # Done is never overdue nor soon: the card's due state changes with the move.
    assert _move(session, world.manager, tab, b.team_only.id, b.done, 0)
    assert tab.layout_vars() == _expected(session, world.manager, world.project.id)
    assert _move(session, world.manager, tab, b.team_only.id, b.todo, 1)
    assert tab.layout_vars() == _expected(session, world.manager, world.project.id)
    assert _move(session, world.manager, tab, b.shared.id, b.done, 0)  # no due date


def test_a_due_card_is_read_again_when_its_date_is_not_known(session, world, b):
    _due_in(session, world, b.team_only, -3)
    tab = _tab(session, world.manager, world.project.id)
    tab._due_dates = {}  # a layout kept before the due dates were (an older tab's state)
    assert not _move(session, world.manager, tab, b.team_only.id, b.done, 0)


def test_a_move_reports_the_version_it_gave_its_project(session, world, b):
    from sqlmodel import Session

    from collab_app.services import change_signal

    view, _ = _read(session, world.manager, world.project.id)
    tab = _tab(session, world.manager, world.project.id)
    assert _move(session, world.manager, tab, b.shared.id, b.doing, 0)
    assert change_signal.committed_versions(session) == {world.project.id: view.change_version + 1}
    # Someone else's change in between: the mover's next move is not the one after it.
    board.create_task(
        session, world.member, project_id=world.project.id, fields=board.TaskFields(title="X")
    )
    assert _move(session, world.manager, tab, b.hidden.id, b.doing, 0)
    assert change_signal.committed_versions(session) == {world.project.id: view.change_version + 3}
    # A session that has not committed reports nothing.
    with Session(session.get_bind()) as fresh:
        assert change_signal.committed_versions(fresh) == {}


class _BoardTab:
    """What ``BoardState._skip_own_refresh`` reads and writes of a tab."""

    def __init__(self, token: str, project_id: int, version: int) -> None:
        self.board_project_id, self.change_version = project_id, version

        class Router:
            class session:  # Reflex's ``router.session``
                client_token = token

        self.router = Router


@pytest.fixture
def watches(monkeypatch):
    from collab_app.state import live

    monkeypatch.setattr(live, "_watches", {})
    return live


def test_a_tab_is_not_refreshed_for_its_own_move_with_nothing_else_in_between(watches):
    watches.watch("tab", BoardState, {7: 41})
    tab = _BoardTab("tab", 7, 41)
    BoardState._skip_own_refresh(tab, {7: 42})
    assert (tab.change_version, watches._watches["tab"].versions) == (42, {7: 42})


@pytest.mark.parametrize(
    ("watched", "committed"),
    [
        (41, {7: 43}),  # someone else's change came first: the refresh shows it
        (42, {7: 42}),  # a tick already saw the move: its refresh is on its way
        (41, {}),  # nothing committed
        (41, {8: 42}),  # another project
    ],
)
def test_the_refresh_stays_when_the_tab_may_miss_something(watches, watched, committed):
    watches.watch("tab", BoardState, {7: watched})
    tab = _BoardTab("tab", 7, 41)
    BoardState._skip_own_refresh(tab, committed)
    assert (tab.change_version, watches._watches["tab"].versions) == (41, {7: watched})
