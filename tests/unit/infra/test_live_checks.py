"""With PostgreSQL or Redis, a live tick checks the sessions and roles of its tabs together (#20).

Each refresh still runs its page's services as its tab's viewer; the answers of the tick's
two queries replace the session and membership reads each refresh made on its own.
"""

from __future__ import annotations

import asyncio

import pytest

from collab_app.db import session_scope
from collab_app.services import permissions
from collab_app.services.accounts import auth
from collab_app.services.errors import NotFound
from collab_app.state import live
from testkit.factories import PASSWORD
from tests.unit.board.support import QueryCounter


def test_a_tick_checks_its_tabs_sessions_and_roles_in_one_go(
    use_test_db, session, world, monkeypatch
):
    monkeypatch.setattr(live, "_tab_sessions", {})
    tokens = {}
    for who in ("member", "guest", "outsider"):
        person = getattr(world, who)
        _, tokens[who] = auth.sign_in(
            session, email=person.email, password=PASSWORD, client_key=who
        )
        live.watch_session(f"tab-{who}", tokens[who])
    _, signed_out = auth.sign_in(
        session, email=world.manager.email, password=PASSWORD, client_key="gone"
    )
    live.watch_session("tab-gone", signed_out)
    auth.sign_out(session, token=signed_out)
    pid = world.project.id
    due = [
        (f"tab-{who}", live._Watch(object, {pid: 0}), {pid: 1})
        for who in ("member", "guest", "outsider", "gone", "anonymous")
    ]

    known = live._check_tabs(due)

    with session_scope(known) as fresh, QueryCounter(fresh) as counter:
        for who, role in (("member", "member"), ("guest", "guest")):
            viewer = auth.resolve_session(fresh, tokens[who])
            assert viewer.user_id == getattr(world, who).user_id
            assert permissions.require_project(fresh, viewer, pid).role == role
        outsider = auth.resolve_session(fresh, tokens["outsider"])
        with pytest.raises(NotFound):
            permissions.require_project(fresh, outsider, pid)
        assert auth.resolve_session(fresh, signed_out) is None
    assert counter.count == 0


@pytest.mark.parametrize("on_the_network", [True, False])
def test_checks_older_than_their_limit_are_made_again(use_test_db, monkeypatch, on_the_network):
    class Clock:
        now = 0.0

        def monotonic(self) -> float:
            return self.now

    clock, checked, given = Clock(), [], []

    def check_tabs(due):
        checked.append(len(due))
        return {"round": len(checked)}

    async def refresh_one(app, token, watched, moved, known):
        given.append(known.get("round"))
        clock.now += 0.01

    class App:
        from reflex.istate.manager.memory import StateManagerMemory

        state_manager = StateManagerMemory()

    monkeypatch.setattr(live, "time", clock)
    monkeypatch.setattr(live, "events_in_progress", lambda app: 0)
    monkeypatch.setattr(live, "queries_are_awaited", lambda: on_the_network)
    monkeypatch.setattr(live, "CHECKS_MAX_AGE", 0.085)
    monkeypatch.setattr(
        live, "_watches", {f"tab-{i}": live._Watch(object, {1: 0}) for i in range(20)}
    )
    monkeypatch.setattr(live, "_read_versions", lambda project_ids: dict.fromkeys(project_ids, 5))
    monkeypatch.setattr(live, "_check_tabs", check_tabs)
    monkeypatch.setattr(live, "_refresh_one", refresh_one)

    asyncio.run(live._tick(App()))

    if on_the_network:
        # Batches of eight, 10 ms a refresh: each check covers the tabs still to refresh and
        # serves the batches of the next 85 ms.
        assert live.REFRESH_PARALLEL == 8
        assert checked == [20, 4]
        assert given == [1] * 16 + [2] * 4
    else:
        # In one process on SQLite each refresh checks its own session and role.
        assert checked == []
        assert given == [None] * 20
