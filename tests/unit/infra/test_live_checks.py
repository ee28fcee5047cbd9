"""The live watcher resolves the sessions of a tick's tabs together, in one query.

Each tab's refresh then re-reads its page as the viewer checked for it (``TabCheck``: the
viewer its session gives, as ``resolve_session`` would, None once the session ended), and only
while the tab still holds that session. The page's loader checks project access itself, after
any event of the tab that came first.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from collab_app.services import permissions
from collab_app.services.accounts import auth
from collab_app.services.tokens import hash_token
from collab_app.state import live
from collab_app.state import session as session_state
from testkit.factories import PASSWORD
from tests.unit.board.support import QueryCounter


class _Page:
    """Stands for a page state class (the watcher only keeps it)."""


@pytest.fixture
def tabs(monkeypatch):
    monkeypatch.setattr(live, "_tab_sessions", {})
    monkeypatch.setattr(live, "_watches", {})


def _signed_in(session, viewer, tab: str) -> str:
    token = auth.sign_in(session, email=viewer.email, password=PASSWORD, client_key=tab)[1]
    live.watch_session(tab, token)
    return token


def test_a_ticks_tabs_are_checked_together(use_test_db, session, world, tabs):
    project = world.project.id
    tokens = {
        "member-tab": _signed_in(session, world.member, "member-tab"),
        "guest-tab": _signed_in(session, world.guest, "guest-tab"),
        "ended-tab": _signed_in(session, world.client, "ended-tab"),
        "outsider-tab": _signed_in(session, world.outsider, "outsider-tab"),
    }
    auth.sign_out(session, token=tokens["ended-tab"])
    due = [
        (tab, live._Watch(_Page, {project: 1}), {project: 2}) for tab in (*tokens, "signed-out-tab")
    ]

    with QueryCounter(session) as counter:
        checks = live._check_tabs(due)
    assert counter.count == 1  # one query for every tab's session, not one per tab

    assert set(checks) == set(tokens)  # a tab without a session resolves nothing
    for tab, token in tokens.items():
        assert checks[tab].session_hash == hash_token(token)
        expected = auth.resolve_session(session, token)
        assert checks[tab].viewer == expected
        assert (expected is None) == (tab == "ended-tab")


def test_nothing_is_read_for_tabs_without_a_session(use_test_db, session, world, tabs):
    due = [("public-tab", live._Watch(_Page, {world.project.id: 1}), {world.project.id: 2})]
    with QueryCounter(session) as counter:
        assert live._check_tabs(due) == {}
    assert counter.count == 0


class _Tab:
    """Borrows the page base's live refresh, with what it calls recorded."""

    _live_refresh = session_state.PageState._live_refresh
    _holds_session = session_state.SessionState._holds_session

    def __init__(self, auth_token: str) -> None:
        self.auth_token = auth_token
        self.router = SimpleNamespace(session=SimpleNamespace(client_token="tab"))
        self.events: list[object] = []

    def _with_viewer(self, work):
        self.events.append("resolved its own session")

    def _load_with_abilities(self, session, viewer):
        # The loader checks the project itself, in the refresh's own session.
        role = permissions.require_project(session, viewer, self.project_id).role
        self.events.append(("loaded", viewer.user_id, role))

    def _reset_page(self):
        self.events.append("reset")

    def _apply_viewer(self, viewer):
        self.events.append(("viewer", viewer))


def test_a_refresh_uses_its_check_only_for_the_session_it_holds(
    use_test_db, session, world, tabs, monkeypatch
):
    token = _signed_in(session, world.member, "tab")
    project = world.project.id
    watched = live._Watch(_Page, {project: 1})
    check = live._check_tabs([("tab", watched, {project: 2})])["tab"]

    tab = _Tab(token)
    tab.project_id = project
    tab._live_refresh(check)
    # Re-read as the checked viewer (its session not resolved again).
    assert tab.events == [("loaded", world.member.user_id, "member")]

    other = _Tab("a-token-of-another-session")
    other._live_refresh(check)
    assert other.events == ["resolved its own session"]
    unchecked = _Tab(token)
    unchecked._live_refresh(None)
    assert unchecked.events == ["resolved its own session"]

    ended = []
    monkeypatch.setattr(live, "session_ended", lambda: ended.append(True))
    gone = _Tab(token)
    gone._live_refresh(live.TabCheck(check.session_hash, None))
    assert gone.events == ["reset", ("viewer", None)] and ended == [True]
