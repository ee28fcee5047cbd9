"""Live updates: every open view of a project re-reads its own projection when the project moves.

How it works, and why it cannot leak:

1. ``Project.change_version`` moves in the same transaction as any change visible on a
   project's screens (the session hook of ``services.change_signal``). The database is the only
   thing shared, so writes from another worker, another host or a CLI job are seen the same way.
2. Each backend process remembers, for the browser tabs connected to it, which project a tab
   shows and which page state shows it (``watch``). Nothing else is kept: no data, no viewer.
3. A lifespan task (``watch_projects``) reads the versions of the watched projects every
   ``POLL_INTERVAL`` seconds in one query (at once when a handler of this process ``poke``s it).
   When a version moves, it opens each watching tab's state with ``app.modify_state`` and calls
   its ``_live_refresh()`` (through ``db.run_with_async_io``, so the refresh's queries do not
   block the other tabs; in one process on SQLite, one tab at a time, each after the events
   this process is handling: ``_events_first``), which re-runs the page's loader through the
   services as that tab's own viewer — the permission rule decides again what this viewer may
   see, so a client never receives a hidden card, not even for an instant. Reflex sends only
   the changed vars. With PostgreSQL or Redis, the sessions and project roles of the tabs a
   tick refreshes are checked together (``_check_tabs``: a few queries for all of them, the
   rule of each tab's own check), and the refreshes of the next ``CHECKS_MAX_AGE`` seconds use
   those answers instead of reading the same rows once per tab.
4. Each process also remembers which session every signed-in tab connected to it belongs to
   (``watch_session``: the hash of its session token, as stored in the database). Every
   ``SESSION_POLL_INTERVAL`` seconds (at once after a sign-out or password change in this
   process, ``session_ended``) the same task asks the database which of these sessions still
   hold, in one query. A tab whose session was signed out, revoked by a password change or
   went idle — in any worker, on any host — has every state reset (what the session gate does
   to a reconnecting tab whose session is not valid) and is sent to sign in, without waiting
   for an event of its own; nothing it held stays stored under its tab token.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import select

from collab_app.db import queries_are_awaited, run_with_async_io, session_scope
from collab_app.models import Project
from collab_app.reflex_adapter import (
    events_in_progress,
    is_token_connected,
    keeps_states_in_redis,
    push_events,
    state_token,
)
from collab_app.services import change_signal, permissions
from collab_app.services.accounts import auth
from collab_app.services.tokens import hash_token

POLL_INTERVAL = 0.2
# How often the open tabs' sessions are checked (sooner after a sign-out in this process).
SESSION_POLL_INTERVAL = 1.0
# Tabs refreshed concurrently in one tick when a refresh waits on the network (see
# ``_refreshes_wait_on_network``).
REFRESH_PARALLEL = 8
# Before each refresh (or batch of refreshes), a tick lets this process's queued and running
# events go first (see ``_events_first``), looking every EVENTS_FIRST_POLL seconds.
EVENTS_FIRST_POLL = 0.002
# ... but never waits longer than it has spent refreshing, plus this: under a stream of events
# the live updates still get at least half of the loop.
EVENTS_FIRST_GRACE = 0.02
# When a refresh's reads wait on the network (PostgreSQL, Redis), a tick checks the sessions
# and project roles of the tabs it refreshes all together, for the refreshes of the next
# CHECKS_MAX_AGE seconds, then checks the rest again: a session ended or a role taken away is
# seen by a refresh at most this late, as a change is. In one process on SQLite each refresh
# checks its own: cheaper refreshes there were only more of them, taking the events' turns
# (300 tabs paced: p95 101 and 119 ms against 79 and 87 ms, alternating).
CHECKS_MAX_AGE = POLL_INTERVAL
logger = logging.getLogger(__name__)


@dataclass
class _Watch:
    state_cls: type
    # project id -> the version the tab's data was read at (or before).
    versions: dict[int, int]


_watches: dict[str, _Watch] = {}
_lock = threading.Lock()
# Tab token -> hash of the session token its state belongs to (signed-in tabs only).
_tab_sessions: dict[str, str] = {}
_sessions_due = False
_sessions_checked_at = 0.0
_wakeup: asyncio.Event | None = None
_loop: asyncio.AbstractEventLoop | None = None
# The app's base state (``SessionState``), given by ``state.session`` when it is defined: this
# module sits below it (the session state imports it), so it is handed the class, not importing it.
_session_state: type | None = None


def use_session_state(state_cls: type) -> None:
    """Name the base state whose ``_end_session_in_tab`` empties a tab whose session ended.

    Args:
        state_cls: ``collab_app.state.session.SessionState``.
    """
    global _session_state
    _session_state = state_cls


def current_versions(project_ids: set[int]) -> dict[int, int]:
    """Return the change counters of projects (missing projects are left out).

    Args:
        project_ids: The projects.

    Returns:
        Project id -> ``change_version``.
    """
    return _read_versions(project_ids) if project_ids else {}


def watch(client_token: str, state_cls: type, versions: dict[int, int]) -> None:
    """Remember that this tab shows these projects through this page state.

    Args:
        client_token: Reflex's per-tab token (an address, not a proof of identity).
        state_cls: The page state to refresh.
        versions: Each project shown, with the version its data was read at (or before).
    """
    if not client_token:
        return
    with _lock:
        _watches[client_token] = _Watch(state_cls, dict(versions))


def advance(client_token: str, project_id: int, *, shown: int, now: int) -> bool:
    """Note that a tab already shows a project at version ``now`` (it made that change itself).

    Only from the version the tab's watch still holds (``shown``): a tick that has seen
    something newer since keeps its refresh.

    Args:
        client_token: Reflex's per-tab token.
        project_id: The project.
        shown: The version the tab's page was showing before its own change.
        now: The version its change gave the project, nothing of anyone else's in between.

    Returns:
        Whether the watch moved (no refresh of the tab for its own change).
    """
    with _lock:
        watched = _watches.get(client_token)
        if watched is None or watched.versions.get(project_id) != shown:
            return False
        watched.versions[project_id] = now
        return True


def unwatch(client_token: str) -> None:
    """Forget the tab (it left project pages or disconnected).

    Args:
        client_token: Reflex's per-tab token.
    """
    with _lock:
        _watches.pop(client_token, None)


def watch_session(client_token: str, session_token: str) -> None:
    """Remember which session this tab's state belongs to (``""``: the tab is signed out).

    Args:
        client_token: Reflex's per-tab token.
        session_token: The session token the tab's viewer was resolved from.
    """
    if not client_token:
        return
    with _lock:
        if session_token:
            _tab_sessions[client_token] = hash_token(session_token)
        else:
            _tab_sessions.pop(client_token, None)


def session_ended() -> None:
    """A session ended in this process (sign-out, password change): check the open tabs now."""
    global _sessions_due
    _sessions_due = True
    poke()


def poke() -> None:
    """Ask the watcher to look now, not at the next tick (safe from any thread)."""
    loop, event = _loop, _wakeup
    if loop is None or event is None:
        return
    with contextlib.suppress(RuntimeError):  # loop closed during shutdown
        loop.call_soon_threadsafe(event.set)


def watched_count() -> int:
    """Return how many tabs this process is watching for (for benchmarks and tests).

    Returns:
        The count.
    """
    with _lock:
        return len(_watches)


def _read_versions(project_ids: set[int]) -> dict[int, int]:
    with session_scope() as session:
        rows = session.exec(
            select(Project.id, Project.change_version).where(Project.id.in_(project_ids))
        ).all()
    return dict(rows)


async def _is_connected(app: Any, token: str) -> bool:
    try:
        return await is_token_connected(app, token) is not False
    except Exception:  # an unreachable token store must not stop live updates
        logger.debug("could not ask whether %s is connected", token, exc_info=True)
        return True


async def _refresh(app: Any, token: str, watched: _Watch, known: Mapping[str, Any]) -> None:
    """Re-read one tab's page under its state lock; its queries do not block the loop."""
    async with app.modify_state(state_token(token, watched.state_cls)) as root:
        state = await root.get_state(watched.state_cls)
        await run_with_async_io(state._live_refresh, known)


async def _refresh_one(
    app: Any, token: str, watched: _Watch, moved: dict[int, int], known: Mapping[str, Any]
) -> None:
    if not await _is_connected(app, token):
        unwatch(token)
        return
    with _lock:
        if _watches.get(token) is watched:
            watched.versions.update(moved)
    try:
        await _refresh(app, token, watched, known)
    except Exception:
        logger.exception("live refresh failed for a tab of projects %s", sorted(moved))


def _check_tabs(due: list[tuple[str, _Watch, dict[int, int]]]) -> dict[str, Any]:
    """Check the sessions and project roles of tabs about to be refreshed, all at once.

    Each refresh still runs its page's services as its own viewer; they take these answers
    instead of reading the same session and membership rows once per tab.
    """
    with _lock:
        hashes = {token: _tab_sessions[token] for token, _, _ in due if token in _tab_sessions}
    mark = change_signal.changes_mark()  # before the reads: see ``permissions.known_roles``
    with session_scope() as session:
        viewers = auth.resolve_sessions(session, set(hashes.values()))
        # Each tab's viewer on the projects it shows, not every viewer on every project.
        wanted = {
            (viewer.user_id, pid)
            for token, watched, _ in due
            if (viewer := viewers.get(hashes.get(token, ""))) is not None
            for pid in watched.versions
        }
        roles = permissions.check_projects(session, wanted)
    return {**auth.known_sessions(viewers), **permissions.known_roles(roles, mark=mark)}


async def _tick(app: Any) -> None:
    with _lock:
        snapshot = dict(_watches)
    if not snapshot:
        return
    wanted = {pid for w in snapshot.values() for pid in w.versions}
    versions = await asyncio.to_thread(_read_versions, wanted)
    due = []
    for token, watched in snapshot.items():
        moved = {
            pid: versions[pid]
            for pid, seen in watched.versions.items()
            if pid in versions and versions[pid] != seen
        }
        if moved:
            due.append((token, watched, moved))
    parallel = REFRESH_PARALLEL if _refreshes_wait_on_network(app) else 1
    started, waited = time.monotonic(), 0.0
    known: dict[str, Any] = {}
    checked_at = -math.inf
    for start in range(0, len(due), parallel):
        refreshing = time.monotonic() - started - waited
        waited += await _events_first(app, at_most=refreshing + EVENTS_FIRST_GRACE - waited)
        # Only where a refresh's reads wait on the network (see ``CHECKS_MAX_AGE``).
        if parallel > 1 and time.monotonic() - checked_at > CHECKS_MAX_AGE:
            checked_at = time.monotonic()
            known = await run_with_async_io(_check_tabs, due[start:])
        batch = due[start : start + parallel]
        await asyncio.gather(*(_refresh_one(app, *entry, known) for entry in batch))


async def _events_first(app: Any, *, at_most: float) -> float:
    """Wait while the tabs' events are queued or running, for at most ``at_most`` seconds.

    A tab's own action (a move, a comment, a page) is answered before other tabs' views are
    brought up to date: each refresh otherwise takes its turn on the loop between the steps of
    the events. 300 tabs paced on SQLite, alternating runs: p95 89-118 -> 65-81 ms with each
    wait capped at 50 ms, 68 and 70 ms with this cap (60 ms in a full ``make bench``); median
    step 33-41 -> 21-28 ms. With PostgreSQL + Redis and 3 workers, where a tick refreshes eight
    tabs at once: p95 3.8-5.0 s -> 0.70-0.75 s, median 1.0-1.9 s -> 0.19-0.24 s
    (benchmarks/README.md).

    Args:
        app: The running app.
        at_most: The longest wait allowed now.

    Returns:
        The seconds waited.
    """
    began = time.monotonic()
    while events_in_progress(app) and time.monotonic() - began < at_most:
        await asyncio.sleep(EVENTS_FIRST_POLL)
    return time.monotonic() - began


def _refreshes_wait_on_network(app: Any) -> bool:
    """Whether a refresh waits on the network: its tab's state in Redis, its queries PostgreSQL's.

    Then a tick refreshes ``REFRESH_PARALLEL`` tabs at once, overlapping those waits. Otherwise
    a refresh never waits, so several at once gain nothing and each puts its steps into every
    turn of the event loop (a tab's event needs about ten turns, and each turn got longer): one
    at a time. Either way the events go first (``_events_first``). One at a time, 300 tabs
    paced on SQLite: median step 60-73 -> 37-46 ms, p95 136-173 -> 122-139 ms (alternating
    runs, benchmarks/README.md).
    """
    return keeps_states_in_redis(app) or queries_are_awaited()


def _live_sessions(token_hashes: set[str]) -> set[str]:
    with session_scope() as session:
        return auth.live_session_hashes(session, token_hashes)


async def _empty_tab(app: Any, token: str, token_hash: str) -> None:
    """Reset a tab whose session ended and send it to sign in (if it still belongs to it)."""
    if _session_state is None:
        return
    try:
        # The reset vars reach the browser when this block ends (Reflex sends the delta).
        async with app.modify_state(state_token(token, _session_state)) as root:
            tab = await root.get_state(_session_state)
            redirect = await tab._end_session_in_tab(token_hash)
        if redirect is not None:
            unwatch(token)
            if await _is_connected(app, token):
                await push_events(app, token, redirect)
    except Exception:
        logger.exception("could not empty a tab whose session ended")
    finally:
        with _lock:
            if _tab_sessions.get(token) == token_hash:
                del _tab_sessions[token]


async def _end_sessions(app: Any) -> None:
    """Empty the tabs of this process whose session is no longer valid (see the module doc)."""
    global _sessions_due, _sessions_checked_at
    now = time.monotonic()
    if not _sessions_due and now - _sessions_checked_at < SESSION_POLL_INTERVAL:
        return
    _sessions_due, _sessions_checked_at = False, now
    with _lock:
        snapshot = dict(_tab_sessions)
    if not snapshot:
        return
    alive = await asyncio.to_thread(_live_sessions, set(snapshot.values()))
    ended = [(token, digest) for token, digest in snapshot.items() if digest not in alive]
    for start in range(0, len(ended), REFRESH_PARALLEL):
        batch = ended[start : start + REFRESH_PARALLEL]
        await asyncio.gather(*(_empty_tab(app, *entry) for entry in batch))


async def watch_projects(app: Any) -> None:
    """Lifespan task: refresh the tabs whose project changed, empty those whose session ended.

    Args:
        app: The Reflex app (passed by Reflex to lifespan tasks that name an ``app`` parameter).
    """
    global _wakeup, _loop
    _loop = asyncio.get_running_loop()
    _wakeup = asyncio.Event()
    failing = False
    while True:
        try:
            # Sessions first: a tab whose session ended is emptied, not refreshed.
            await _end_sessions(app)
            await _tick(app)
        except asyncio.CancelledError:
            raise
        except Exception:  # the database may be away for a moment: keep watching
            # One traceback per outage, not five a second, so the log stays readable.
            if not failing:
                logger.warning("live updates paused: the tick failed", exc_info=True)
            failing = True
        else:
            if failing:
                logger.warning("live updates resumed")
            failing = False
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(_wakeup.wait(), timeout=POLL_INTERVAL)
        _wakeup.clear()
