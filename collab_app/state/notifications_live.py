"""Live bell counts: each tab's bell re-counts when a notification for its person is written.

The per-person signal is the newest notification id of each watched person, read for all of
them in one indexed query (``ix_notification_inbox``) every ``POLL_INTERVAL`` seconds. When it
moves, the tab's ``BellState._bell_refresh()`` counts again through the permission rule as
that tab's own viewer, so a count never includes what the person may not read. Only a number
is kept per tab here: no data, no viewer.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

from sqlalchemy import func
from sqlmodel import select

from collab_app.db import run_with_async_io, session_scope
from collab_app.models import Notification
from collab_app.reflex_adapter import state_token
from collab_app.state.live import _is_connected

POLL_INTERVAL = 0.5
logger = logging.getLogger(__name__)

# client token -> (bell state class, user id, newest notification id seen)
_bells: dict[str, tuple[type, int, int]] = {}
_lock = threading.Lock()


def newest_ids(user_ids: set[int]) -> dict[int, int]:
    """Return the newest notification id of each person (0 when none).

    Args:
        user_ids: The people.

    Returns:
        User id -> id.
    """
    if not user_ids:
        return {}
    with session_scope() as session:
        rows = session.exec(
            select(Notification.user_id, func.max(Notification.id))
            .where(Notification.user_id.in_(user_ids))
            .group_by(Notification.user_id)
        ).all()
    found = dict(rows)
    return {uid: found.get(uid) or 0 for uid in user_ids}


def watch_bell(client_token: str, state_cls: type, user_id: int, newest: int) -> None:
    """Remember that this tab shows the bell of this person.

    Args:
        client_token: Reflex's per-tab token (an address, not a proof of identity).
        state_cls: The bell state class.
        user_id: The signed-in person (from the session token, never from the client).
        newest: The newest notification id counted.
    """
    if client_token:
        with _lock:
            _bells[client_token] = (state_cls, user_id, newest)


def unwatch_bell(client_token: str) -> None:
    """Forget a tab's bell.

    Args:
        client_token: Reflex's per-tab token.
    """
    with _lock:
        _bells.pop(client_token, None)


async def _refresh(app: Any, token: str, state_cls: type) -> None:
    async with app.modify_state(state_token(token, state_cls)) as root:
        state = await root.get_state(state_cls)
        await run_with_async_io(state._bell_refresh)


async def _tick(app: Any) -> None:
    with _lock:
        snapshot = dict(_bells)
    if not snapshot:
        return
    newest = await asyncio.to_thread(newest_ids, {uid for _, uid, _ in snapshot.values()})
    for token, (state_cls, user_id, seen) in snapshot.items():
        if newest.get(user_id, 0) == seen:
            continue
        if not await _is_connected(app, token):
            unwatch_bell(token)
            continue
        try:
            await _refresh(app, token, state_cls)
        except Exception:
            logger.exception("bell refresh failed")


async def watch_bells(app: Any) -> None:
    """Lifespan task: refresh the bells whose person got a notification, until the app stops.

    Args:
        app: The Reflex app.
    """
    while True:
        try:
            await _tick(app)
        except asyncio.CancelledError:
            raise
        except Exception:  # the database may be away for a moment: keep watching
            logger.debug("bell tick failed", exc_info=True)
        await asyncio.sleep(POLL_INTERVAL)
