"""The handler sweep again, in tabs whose access was taken away while they were open.

Issue #15: access must not outlive its reason. Three people open the demo project's board while
they may see everything on it (each tab receives the hidden task: the control), then lose it:

- ``ex_admin``, an admin of the collective (a manager of every project), is removed from it;
- ``demoted``, a member of the project, accepts an invitation as a guest (member -> guest);
- ``revoked``, a member's second session, is signed out from elsewhere.

The tabs of all three must lose the hidden data live: the first two boards re-read through the
permission rule, the revoked session's tab is reset and sent to sign in (the sign-out is written
straight to the database, as another worker would: the tab's process learns it from there).
Then each tab, still open with its stored state, first fires a burst of the board's handlers at
once (forged ids, no waiting between them) and then runs the full sweep of its new role
(``other`` for the former admin, ``guest`` for the demoted member, ``anonymous`` for the revoked
session) from ``test_handler_sweep``. After the change no frame may carry what the new role may
not see, no table may change, every message is translated, and every tab still answers.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass

import pytest
from sqlmodel import Session, select

from collab_app.db import make_engine
from collab_app.models import CollectiveMember, ProjectMember, User
from collab_app.services import projects
from collab_app.services.accounts import auth, collectives, invitations
from testkit.reflex_ws import ReflexWsClient, mint_session, run_async
from tests.security.planted import ROLE_EMAILS, Planted
from tests.security.test_handler_sweep import (
    CALL_TIMEOUT,
    Call,
    RolePlan,
    _message_patterns,
    _own_rows,
    _restore,
    build_world,
    changes,
    form_fields,
    plan_role,
    plant_other_round,
    run_plan,
    snapshot,
    swept_handlers,
    tab_problems,
)
from tests.security.test_sessions import _redirects_to_sign_in

pytestmark = pytest.mark.timeout(400)

# Not the sweep's plausible password: its change_password call must not succeed.
PASSWORD = "actor-own-password-2026"


@dataclass
class Actor:
    """Someone whose access changes while their tab is open."""

    name: str
    new_role: str  # the sweep role whose plan they run afterwards
    email: str
    token: str
    client: ReflexWsClient | None = None
    changed_at: int = 0  # index of the first frame received after the change


def _viewer(session: Session, email: str):
    user = session.exec(select(User).where(User.email == email)).one()
    return auth.viewer_for(user)


def _make_actors(database_url: str, planted: Planted, demo: int, collective: int) -> list[Actor]:
    """Create the former admin and the member to demote; a second session for the revoked one."""
    engine = make_engine(database_url)
    tag = uuid.uuid4().hex[:8]
    emails = {
        "ex_admin": f"ex-admin-{tag}@sweep.example",
        "demoted": f"demoted-{tag}@sweep.example",
    }
    try:
        with Session(engine) as session:
            for name, email in emails.items():
                user = auth.sign_up(
                    session,
                    email=email,
                    display_name=name,
                    password=PASSWORD,
                    client_key=f"sweep-{tag}-{name}",
                )
                role = "admin" if name == "ex_admin" else "member"
                session.add(CollectiveMember(collective_id=collective, user_id=user.id, role=role))
                if name == "demoted":
                    session.add(ProjectMember(project_id=demo, user_id=user.id, role="member"))
            session.commit()
    finally:
        engine.dispose()
    return [
        Actor(
            "ex_admin", "other", emails["ex_admin"], mint_session(database_url, emails["ex_admin"])
        ),
        Actor("demoted", "guest", emails["demoted"], mint_session(database_url, emails["demoted"])),
        Actor(
            "revoked",
            "anonymous",
            ROLE_EMAILS["member"],
            mint_session(database_url, ROLE_EMAILS["member"]),
        ),
    ]


def _take_access_away(database_url: str, actor: Actor, demo: int, collective: int) -> None:
    """Remove the admin, demote the member through an invitation, or revoke the session."""
    engine = make_engine(database_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            owner = _viewer(session, ROLE_EMAILS["manager"])
            if actor.name == "revoked":
                auth.sign_out(session, token=actor.token)
                return
            person = _viewer(session, actor.email)
            if actor.name == "ex_admin":
                collectives.remove_member(
                    session, owner, collective_id=collective, user_id=person.user_id
                )
                return
            created = projects.invite(
                session, owner, project_id=demo, email=person.email, role="guest"
            )
            invitations.accept(session, person, token=created.link.rsplit("/", 1)[-1])
    finally:
        engine.dispose()


def _holds(client: ReflexWsClient, text: str) -> bool:
    return text in json.dumps(client.state)


async def _burst(client: ReflexWsClient, plan: RolePlan) -> None:
    """Send the calls of the plan's first pages all at once, then wait for them to be answered."""
    calls: list[Call] = [call for _, page_calls in plan.pages[:3] for call in page_calls][:60]
    await asyncio.gather(*(client.send(c.handler.wire_name, c.payload) for c in calls))
    await client.call("reflex___state____state.set_is_hydrated", {"value": True}, timeout=60)


def test_access_taken_away_while_tabs_are_open(app_server, planted: Planted) -> None:
    """Removal, demotion, revocation: open tabs lose the data live, every handler refuses."""
    database_url, base = app_server.database_url, app_server.base_url
    handlers = swept_handlers()
    all_fields = form_fields()
    plant_other_round(database_url, planted)
    world = build_world(database_url, planted, snapshot(database_url))
    demo, collective = world.demo, world.demo_collective
    actors = _make_actors(database_url, planted, demo, collective)
    hidden = planted.marker("HIDDENTASK")
    board = f"/projects/{demo}/board"
    plans = {a.name: plan_role(a.new_role, handlers, world, planted, all_fields) for a in actors}

    async def scenario():
        for actor in actors:
            actor.client = ReflexWsClient(base, session_token=actor.token)
            await actor.client.connect(board, timeout=CALL_TIMEOUT)
            assert any(hidden.pattern.search(f) for f in actor.client.raw_frames), (
                f"control: {actor.name} did not see the hidden task before the change"
            )
        # The admin also has the collective's page and the project list open.
        admin_token = next(a.token for a in actors if a.name == "ex_admin")
        collective_tab = ReflexWsClient(base, session_token=admin_token)
        await collective_tab.connect(f"/collectives/{collective}", timeout=CALL_TIMEOUT)
        home_tab = ReflexWsClient(base, session_token=admin_token)
        await home_tab.connect("/", timeout=CALL_TIMEOUT)
        assert collective_tab.var("collective_state", "members"), "control: no members shown"
        assert any(p["id"] == demo for p in home_tab.var("dashboard_state", "projects") or [])
        hidden_title = f"LEAK-{planted.run}-HIDDENTASK"
        # One change at a time (the demotion first: the admin's removal refreshes every board
        # of the collective), each board losing the hidden card live before the next.
        for actor in sorted(actors, key=lambda a: ("demoted", "ex_admin", "revoked").index(a.name)):
            actor.changed_at = len(actor.client.raw_frames)
            await asyncio.to_thread(_take_access_away, database_url, actor, demo, collective)
            await actor.client.wait_until(
                lambda a=actor: not _holds(a.client, hidden_title), timeout=15
            )
        # The revoked session's tab was emptied and sent to sign in without an event of its own.
        revoked = next(a.client for a in actors if a.name == "revoked")
        await revoked.wait_until(lambda: _redirects_to_sign_in(revoked.updates), timeout=15)
        assert revoked.var("session_state", "signed_in") is False
        # The removed admin's other tabs lose the collective live too.
        await collective_tab.wait_until(
            lambda: not collective_tab.var("collective_state", "members"), timeout=15
        )
        await home_tab.wait_until(
            lambda: all(p["id"] != demo for p in home_tab.var("dashboard_state", "projects")),
            timeout=15,
        )
        await collective_tab.close()
        await home_tab.close()
        before = snapshot(database_url)
        own = _own_rows(database_url, {a.name: a.token for a in actors}, world)
        own["user"] |= {key for key, row in before.tables["user"].items() if row["email"] in emails}
        try:
            for actor in actors:
                await _burst(actor.client, plans[actor.name])
            results = await asyncio.gather(*(run_plan(a.client, plans[a.name]) for a in actors))
        finally:
            after = snapshot(database_url)
            _restore(database_url, before)
            for actor in actors:
                await actor.client.close()
        return before, after, results, own

    emails = {a.email for a in actors}
    before, after, results, own = run_async(scenario())
    problems = [f"database: {line}" for line in changes(before, after, own_rows=own)]
    patterns = _message_patterns()
    for actor, result in zip(actors, results, strict=True):
        forbidden = [m for m in planted.markers if actor.new_role not in m.allowed]
        if actor.name == "demoted":  # a guest with no assignment: not even the guest's tasks
            forbidden += [m for m in planted.markers if m.name in ("GUESTTASK", "WATCHEDTASK")]
        # Only what arrived after the change counts (before it, the old role saw it rightly).
        frames = actor.client.raw_frames[actor.changed_at :]
        problems += tab_problems(actor.name, result, frames, forbidden, patterns)
    calls = sum(plans[a.name].size for a in actors)
    answered = sum(len(r.messages) for r in results)
    print(f"\naccess-change sweep: {calls} calls after the changes, {answered} with a message")
    # The calls really ran and were refused (most answer "not found" or "sign in").
    assert answered > calls // 10, f"only {answered} of {calls} calls showed a message"
    assert not problems, "\n".join(problems[:60])
