"""Every use of Reflex internals (names outside its public API) in one place.

A Reflex upgrade may move or rename any of them; ``tests/unit/infra/test_reflex_adapter.py``
checks each one and names the internal that broke. Public names are used wherever Reflex 0.10
has one (``rx.BaseStateToken``, ``rx.event.no_args_event_spec``, ``Var.to``).

Internals used:

- ``reflex_base.registry.RegistrationContext``: the running app, for its load events.
- ``EventNamespace._token_manager``: whether a tab's socket is still connected.
- ``reflex_base.constants.state.FIELD_MARKER``: the suffix of state var names in a payload.
- ``Var._var_type``: whether a var holds text.
- ``EventNamespace.emit_update``, ``StateUpdate``, ``Event.from_event_type``: events pushed to a
  tab outside of any event handler.
- ``reflex_base.environment.environment.REFLEX_SKIP_COMPILE``: start without compiling.
- ``reflex.utils.exec.run_backend_prod``: the production backend, frontend mounted.
- ``granian.server.Server``: the server class Reflex builds, given an option Reflex lacks.
"""

from __future__ import annotations

import os
from typing import Any

import granian.server
import reflex as rx
from reflex.event import Event
from reflex.state import StateUpdate
from reflex.utils import exec as reflex_exec
from reflex_base.constants.state import FIELD_MARKER
from reflex_base.environment import environment
from reflex_base.registry import RegistrationContext

# Drag and drop handlers that send nothing to the server (public since 0.10).
no_args_event_spec = rx.event.no_args_event_spec


def current_app() -> rx.App:
    """Return the app being served (the one whose pages were registered).

    Returns:
        The app.
    """
    return RegistrationContext.get().app


def state_token(token: str, state_cls: type[rx.State]) -> rx.BaseStateToken:
    """Return the key of one tab's state, for ``app.modify_state``.

    Args:
        token: Reflex's per-tab token.
        state_cls: The state class to reach.

    Returns:
        The state token.
    """
    return rx.BaseStateToken(ident=token, cls=state_cls)


async def is_token_connected(app: Any, token: str) -> bool | None:
    """Ask Reflex whether a tab's socket is connected.

    Args:
        app: The running app.
        token: Reflex's per-tab token.

    Returns:
        Whether it is connected; None when the app has no token manager (not serving yet).
    """
    manager = getattr(getattr(app, "event_namespace", None), "_token_manager", None)
    if manager is None:
        return None
    return await manager.is_token_connected(token)


async def push_events(app: Any, token: str, events: Any) -> None:
    """Send events (a redirect...) to one tab, from outside any event handler.

    Args:
        app: The running app.
        token: Reflex's per-tab token.
        events: An event spec or a list of them.
    """
    update = StateUpdate(events=Event.from_event_type(events))
    await app.event_namespace.emit_update(update=update, token=token)


def field_name(payload_var_name: str) -> str:
    """The state field behind a var name as the browser sends it (``auth_token_rx_state_``).

    Args:
        payload_var_name: The var's name in an event payload.

    Returns:
        The field name.
    """
    return payload_var_name.removesuffix(FIELD_MARKER)


def holds_text(var: rx.Var) -> bool:
    """Whether a var is typed as text.

    Args:
        var: The var.

    Returns:
        True for a ``str`` var.
    """
    return var._var_type is str


def js_number(expression: str) -> rx.Var:
    """A number var computed by a JavaScript expression in the browser.

    Args:
        expression: The JavaScript expression.

    Returns:
        The var, typed as an ``int``.
    """
    return rx.Var(expression).to(int)


def _respawn_failed_workers() -> None:
    """Have granian fork a crashed worker again instead of stopping the whole backend.

    Reflex imports the app once in granian's main process and forks the workers from it, so a
    new worker answers within a second or two, while the other workers keep serving (their
    tabs' states live in Redis); a full restart under the supervisor re-imports and evaluates
    the whole app first (several seconds). A worker that crashes again within seconds of its
    respawn still stops the backend (granian's crash-loop guard), and the supervisor restarts
    it. Reflex builds granian's ``Server`` itself, without that option: it is set here, on the
    class Reflex imports when it starts serving.
    """
    base = granian.server.Server

    class RespawningServer(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            kwargs.setdefault("respawn_failed_workers", True)
            super().__init__(*args, **kwargs)

    granian.server.Server = RespawningServer


def run_compiled_backend(host: str, port: int) -> None:
    """Serve the already compiled app: backend and built frontend, without compiling again.

    Args:
        host: Interface to listen on.
        port: Port.
    """
    # Reflex's own switch (an internal variable) to skip compiling the pages at start-up.
    os.environ[environment.REFLEX_SKIP_COMPILE.name] = "true"
    _respawn_failed_workers()
    reflex_exec.run_backend_prod(host, port, mount_frontend_compiled_app=True)
