"""Only the browser that proves a tab's session gets the tab's stored state.

Reflex keeps each tab's state on the server under the tab token, and the token travels in the
websocket URL (so it can end up in proxy or access logs). On every (re)connect the browser
boots with ``hydrate_and_load``, which applies the cookies it presents and sends the whole
stored state tree before the page's ``on_load`` checks anyone. A tab token alone would then
revive the last page — hidden titles included — and, since the stored session cookie value
stays in the state, events sent on a socket that skipped the boot would even act as its owner.

This middleware runs before every event, under the tab's state lock:

- on the boot event, it resolves the session cookie the browser presents; unless that is the
  very session the stored state belongs to and it is still valid (not signed out, not revoked
  by a password change, not idle), every state of the tab is reset to its defaults before the
  snapshot is taken. The connection is then recorded as the one that presented its cookies;
- on any other event, a connection that never booted (its socket id is not the recorded one)
  gets the same reset first: it starts as an anonymous tab.

What a viewer typed is kept across an ordinary reconnect of their own browser (same valid
session). Nothing from the stored tree is sent to a connection before this check.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import reflex as rx

from collab_app.db import session_scope
from collab_app.reflex_adapter import field_name
from collab_app.services.accounts import auth
from collab_app.state.session import SessionState

if TYPE_CHECKING:
    from reflex.state import BaseState, StateUpdate

# The events a browser boots a connection with (the second is Reflex's older name).
BOOT_EVENTS = frozenset(
    f"{rx.State.get_full_name()}.{name}" for name in ("hydrate_and_load", "hydrate")
)


def _session_is_valid(token: str) -> bool:
    with session_scope() as session:
        return auth.resolve_session(session, token) is not None


def presented_session_token(payload: Any) -> str:
    """Return the session cookie a boot event carries (``""`` when none or malformed).

    Args:
        payload: The boot event's payload, as the browser sent it.

    Returns:
        The token.
    """
    browser_vars = payload.get("vars") if isinstance(payload, dict) else None
    if not isinstance(browser_vars, dict):
        return ""
    for name, value in browser_vars.items():
        # Read as Reflex applies them: "<state full name>.<var><marker>".
        state_name, _, var_name = str(name).rpartition(".")
        if state_name == SessionState.get_full_name() and field_name(var_name) == "auth_token":
            return value if isinstance(value, str) else ""
    return ""


class SessionGate(rx.Middleware):
    """Drop a tab's stored state before any of it reaches a connection that did not prove it."""

    async def preprocess(self, app: Any, state: BaseState, event: Any) -> StateUpdate | None:
        """Check the connection before the event runs; never answers the event itself.

        Args:
            app: The Reflex app.
            state: The tab's root state (locked for this event).
            event: The event about to run.

        Returns:
            None: the event always runs (after the reset, when one was due).
        """
        tab = await state.get_state(SessionState)
        connection = tab.router.session.session_id
        if event.name in BOOT_EVENTS:
            presented = presented_session_token(event.payload)
            same_session = bool(presented) and presented == tab.auth_token
            # A tab no event ever reached holds nothing to drop (a new tab: no reset to pay).
            pristine = not (tab._connection_sid or tab.auth_token or tab.signed_in)
            if not pristine and not (
                same_session and await asyncio.to_thread(_session_is_valid, presented)
            ):
                await tab._forget_everything()
            tab._connection_sid = connection
        elif tab._connection_sid != connection:
            await tab._forget_everything()
            tab._connection_sid = connection
        return None
