"""Smoke test of the Reflex internals the app relies on (all in ``collab_app.reflex_adapter``).

After a Reflex upgrade, a failure here names the internal that moved: fix the adapter, not the
callers.
"""

from __future__ import annotations

import asyncio
import inspect
import re
from pathlib import Path

import granian.server
import reflex as rx

from collab_app import reflex_adapter

APP_DIR = Path(reflex_adapter.__file__).parent


def _internal(name: str, condition: bool) -> None:
    assert condition, f"Reflex internal changed: {name} (see collab_app/reflex_adapter.py)"


def test_the_running_app_is_reachable():
    from reflex_base.registry import RegistrationContext

    _internal("reflex_base.registry.RegistrationContext.get", callable(RegistrationContext.get))
    _internal("RegistrationContext.app", "app" in inspect.getsource(RegistrationContext))


def test_a_tabs_state_token():
    token = reflex_adapter.state_token("tab-1", rx.State)
    _internal("rx.BaseStateToken(ident=, cls=)", (token.ident, token.cls) == ("tab-1", rx.State))


def test_the_token_manager_answers_whether_a_tab_is_connected():
    from reflex.app import EventNamespace
    from reflex.utils.token_manager import TokenManager

    _internal(
        "EventNamespace._token_manager",
        "self._token_manager" in inspect.getsource(EventNamespace.__init__),
    )
    _internal(
        "TokenManager.is_token_connected",
        inspect.iscoroutinefunction(getattr(TokenManager, "is_token_connected", None)),
    )

    class Manager:
        async def is_token_connected(self, token: str) -> bool:
            return token == "on"

    class App:
        event_namespace = type("Namespace", (), {"_token_manager": Manager()})()

    assert asyncio.run(reflex_adapter.is_token_connected(App(), "on")) is True
    assert asyncio.run(reflex_adapter.is_token_connected(object(), "on")) is None


def test_events_can_be_pushed_to_a_tab():
    from reflex.app import EventNamespace

    _internal("EventNamespace.emit_update", callable(getattr(EventNamespace, "emit_update", None)))
    sent = []

    class Namespace:
        async def emit_update(self, *, update, token):
            sent.append((update, token))

    app = type("App", (), {"event_namespace": Namespace()})()
    asyncio.run(reflex_adapter.push_events(app, "tab", rx.redirect("/signin")))
    update, token = sent[0]
    _internal("StateUpdate(events=Event.from_event_type(...))", token == "tab")
    _internal("Event.from_event_type", update.events[0].name.endswith("_redirect"))


def test_payload_var_names_carry_the_field_marker():
    marked = rx.State.get_full_name() + ".auth_token" + "_rx_state_"
    name = marked.rpartition(".")[2]
    _internal(
        "reflex_base.constants.state.FIELD_MARKER", reflex_adapter.field_name(name) == "auth_token"
    )


def test_var_types_and_js_numbers():
    _internal("Var._var_type", reflex_adapter.holds_text(rx.Var.create("a")))
    _internal("Var._var_type", not reflex_adapter.holds_text(rx.Var.create(1)))
    number = reflex_adapter.js_number("(window.x ?? 0)")
    _internal("Var.to(int)", str(number) == "(window.x ?? 0)" and number._var_type is int)


def test_no_args_event_spec_is_public():
    _internal("rx.event.no_args_event_spec", callable(reflex_adapter.no_args_event_spec))


def test_serving_without_compiling():
    from reflex.utils import exec as reflex_exec
    from reflex_base.environment import environment

    _internal(
        "environment.REFLEX_SKIP_COMPILE",
        environment.REFLEX_SKIP_COMPILE.name.endswith("SKIP_COMPILE"),
    )
    parameters = inspect.signature(reflex_exec.run_backend_prod).parameters
    _internal(
        "reflex.utils.exec.run_backend_prod(mount_frontend_compiled_app=)",
        "mount_frontend_compiled_app" in parameters,
    )
    _internal("granian.server.Server", isinstance(granian.server.Server, type))
    _internal(
        "granian Server(respawn_failed_workers=)",
        "respawn_failed_workers" in inspect.signature(granian.server.Server.__init__).parameters,
    )


def test_no_reflex_internal_is_used_outside_the_adapter():
    internal = re.compile(
        r"from reflex_base\.(registry|constants|environment|event)|reflex\.istate|reflex\.utils\."
        r"|_token_manager|FIELD_MARKER|_var_type|REFLEX_SKIP_COMPILE|granian|StateUpdate\("
    )
    offenders = [
        f"{path.relative_to(APP_DIR.parent)}:{number}"
        for path in sorted(APP_DIR.rglob("*.py"))
        if path.name != "reflex_adapter.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if internal.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []
