"""Smoke test of the Reflex internals the app relies on (all in ``collab_app.reflex_adapter``).

After a Reflex upgrade, a failure here names the internal that moved: fix the adapter, not the
callers.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import re
from pathlib import Path

import granian.server
import pytest
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


# --- states built on demand (memory per tab, issue #20) ---------------------------------------


def _tree_names(state) -> set[str]:
    names = {state.get_full_name()}
    for substate in state.substates.values():
        names |= _tree_names(substate)
    return names


def _all_state_classes(cls) -> list:
    return [cls, *(c for sub in cls.get_substates() for c in _all_state_classes(sub))]


def test_state_managers_can_build_states_on_demand():
    from reflex.istate.manager import StateManager, _release_state_tree
    from reflex.istate.manager.disk import StateManagerDisk
    from reflex.istate.manager.memory import StateManagerMemory
    from reflex.state import BaseState

    _internal(
        "StateManager.create",
        isinstance(inspect.getattr_static(StateManager, "create"), classmethod),
    )
    _internal(
        "BaseState.__init__(init_substates=)",
        "init_substates" in inspect.signature(BaseState.__init__).parameters,
    )
    _internal(
        "BaseState._get_state_from_redis",
        inspect.iscoroutinefunction(BaseState._get_state_from_redis),
    )
    _internal(
        "BaseState.dict(include_computed=, initial=)",
        {"include_computed", "initial"} <= set(inspect.signature(BaseState.dict).parameters),
    )
    _internal(
        "StateManagerMemory._get_or_create_state",
        callable(getattr(StateManagerMemory, "_get_or_create_state", None)),
    )
    for name in ("load_state", "set_state_for_substate", "_coerce_token", "_purge_expired_states"):
        _internal(f"StateManagerDisk.{name}", callable(getattr(StateManagerDisk, name, None)))
    for name in ("states", "_token_last_touched"):
        _internal(f"StateManagerDisk.{name}", name in StateManagerDisk.__dataclass_fields__)
    _internal("_release_state_tree", callable(_release_state_tree))


def test_the_live_ticks_can_ask_where_states_live_and_which_events_are_in_progress():
    from reflex.app import App
    from reflex.istate.manager import StateManager
    from reflex.istate.manager.redis import StateManagerRedis
    from reflex_base.event.processor.event_processor import EventProcessor

    _internal(
        "App.state_manager", isinstance(inspect.getattr_static(App, "state_manager"), property)
    )
    _internal("StateManagerRedis", issubclass(StateManagerRedis, StateManager))
    _internal("App._event_processor", "_event_processor" in App.__dataclass_fields__)
    _internal(
        "EventProcessor._tasks/_queue",
        {"_tasks", "_queue"} <= set(EventProcessor.__dataclass_fields__),
    )


def test_the_disk_manager_looks_for_expired_state_files_at_most_once_a_minute(monkeypatch):
    from reflex.istate.manager.disk import StateManagerDisk

    from collab_app import reflex_adapter

    scans = []
    monkeypatch.setattr(StateManagerDisk, "_purge_expired_states", lambda self: scans.append(1))
    now = [1000.0]
    monkeypatch.setattr(reflex_adapter.time, "monotonic", lambda: now[0])
    # Without ``__post_init__``: no states folder is created for this test.
    manager = reflex_adapter.OnDemandDiskStateManager.__new__(
        reflex_adapter.OnDemandDiskStateManager
    )

    manager._purge_expired_states()  # the first cycle (Reflex also purges at start-up)
    for _ in range(50):  # write cycles within the minute
        now[0] += 1.0
        manager._purge_expired_states()
    assert len(scans) == 1
    now[0] += 10.0
    manager._purge_expired_states()
    assert len(scans) == 2


def test_an_event_builds_only_the_states_it_reaches():
    from collab_app.state.board import BoardState
    from collab_app.state.board_move import BoardMoveState
    from collab_app.state.session import SessionState
    from collab_app.state.time_tracking import TimeState

    reflex_adapter.build_states_on_demand()
    manager = reflex_adapter.OnDemandMemoryStateManager()

    async def scenario():
        hydrate = await manager.get_state(reflex_adapter.state_token("tab", rx.State))
        assert _tree_names(hydrate) == {rx.State.get_full_name()}  # the hydrate builds no page
        # The session gate reaches the session, the parent of every page: no page is built.
        await hydrate.get_state(SessionState)
        assert _tree_names(hydrate) == {rx.State.get_full_name(), SessionState.get_full_name()}
        root = await manager.get_state(reflex_adapter.state_token("tab", BoardState))
        assert root is hydrate
        built = _tree_names(root)
        # The board, its parents and its dialogs; no other page.
        assert BoardMoveState.get_full_name() in built
        assert TimeState.get_full_name() not in built
        assert len(built) < len(_all_state_classes(rx.State))
        # A handler reaching another state gets it, built fresh, in the same tree.
        board = root.get_substate(BoardState._get_substate_path())
        time_state = await board.get_state(TimeState)
        assert (
            time_state.parent_state.get_full_name() == TimeState.get_parent_state().get_full_name()
        )
        assert await board.get_state(TimeState) is time_state
        other = await manager.get_state(reflex_adapter.state_token("other-tab", BoardState))
        assert other is not root
        return root

    root = asyncio.run(scenario())
    # The full snapshot (the hydrate's) still holds every state, with its defaults.
    eager = rx.State(_reflex_internal_init=True)
    assert root.dict() == eager.dict()
    assert root.dict(initial=True) == eager.dict(initial=True)


def test_a_snapshot_sends_what_a_built_tree_would_hold(monkeypatch):
    from collab_app.state.board import BoardState

    reflex_adapter.build_states_on_demand()
    manager = reflex_adapter.OnDemandMemoryStateManager()

    async def scenario():
        root = await manager.get_state(reflex_adapter.state_token("tab", BoardState))
        board = await root.get_state(BoardState)
        board.project_name = "Atlas"
        return root

    root = asyncio.run(scenario())
    eager = rx.State(_reflex_internal_init=True)
    eager.get_substate(BoardState._get_substate_path()).project_name = "Atlas"
    assert root.dict() == eager.dict()


def test_a_tab_restored_from_disk_gets_its_written_states_back(monkeypatch, tmp_path):
    from reflex.utils import prerequisites

    from collab_app.state.board import BoardState
    from collab_app.state.time_tracking import TimeState

    reflex_adapter.build_states_on_demand()
    monkeypatch.setattr(prerequisites, "get_states_dir", lambda: tmp_path)
    token = reflex_adapter.state_token("tab", BoardState)

    async def write():
        manager = reflex_adapter.OnDemandDiskStateManager()
        root = await manager.get_state(token)
        board = await root.get_state(BoardState)
        board.project_name = "Atlas"
        await manager.set_state_for_substate(token, root)

    async def restore():
        manager = reflex_adapter.OnDemandDiskStateManager()
        root = await manager.get_state(reflex_adapter.state_token("tab", rx.State))
        assert TimeState.get_full_name() not in _tree_names(root)
        board = await root.get_state(BoardState)
        fresh = await manager.get_state(reflex_adapter.state_token("new-tab", BoardState))
        return board, await fresh.get_state(BoardState)

    asyncio.run(write())
    board, other_tab = asyncio.run(restore())
    assert board.project_name == "Atlas"
    assert other_tab.project_name == ""


def test_reflex_creates_the_on_demand_managers():
    from reflex.istate.manager import StateManager
    from reflex_base import constants
    from reflex_base.config import get_config

    reflex_adapter.build_states_on_demand()
    config = get_config()
    previous = config.state_manager_mode
    try:
        config.state_manager_mode = constants.StateManagerMode.MEMORY
        assert type(StateManager.create()) is reflex_adapter.OnDemandMemoryStateManager
    finally:
        config.state_manager_mode = previous


def test_a_var_value_is_read_without_its_proxy():
    from collab_app.services.shared_views import PersonView
    from collab_app.state.board import BoardState

    board = rx.State(_reflex_internal_init=True).get_substate(BoardState._get_substate_path())
    people = [PersonView(1, "Ada")]
    board.people = people
    _internal("Field.__get__ wraps a list in a proxy", type(board.people) is not list)
    _internal("a state's __dict__ holds its own vars", board.__dict__.get("people") is people)
    assert reflex_adapter.stored_value(board, "people") is people
    # A var declared on a parent state (the session's language) is read through it.
    assert "lang" not in board.__dict__
    assert reflex_adapter.stored_value(board, "lang") == board.lang
    # Only a different value needs assigning; the same object is not compared field by field.
    assert not reflex_adapter.differs(board, "people", people)
    assert not reflex_adapter.differs(board, "people", [PersonView(1, "Ada")])
    assert reflex_adapter.differs(board, "people", [PersonView(2, "Bo")])


def test_the_build_runs_the_root_theme_rule_after_postcss_import():
    import reflex_base

    template = Path(reflex_base.__file__).parent / ".templates" / "web" / "postcss.config.js"
    _internal("Reflex's postcss.config.js template", template.is_file())
    written = reflex_adapter._add_root_theme_rule(template.read_text())
    _internal('postcss.config.js\'s "postcss-import" line', written != template.read_text())
    # Right after postcss-import (which inlines Radix Themes' stylesheet), once on every build.
    order = [line.strip().split(":")[0] for line in written.splitlines() if line.strip()]
    assert order[order.index('"postcss-import"') + 1] == '"./postcss-radix-root-theme.js"'
    assert reflex_adapter._add_root_theme_rule(written) == written
    plugin = reflex_adapter.RadixRootThemeRule()
    assert [path for path, _ in plugin.get_static_assets()] == ["postcss-radix-root-theme.js"]
    modified = []
    plugin.pre_compile(add_modify_task=lambda path, fn: modified.append((path, fn)))
    assert modified == [("postcss.config.js", reflex_adapter._add_root_theme_rule)]


def test_the_build_replaces_the_color_mode_provider_that_sets_the_theme_class():
    import reflex_base

    template = (
        Path(reflex_base.__file__).parent
        / ".templates"
        / "web"
        / "components"
        / "reflex"
        / "radix_themes_color_mode_provider.js"
    )
    _internal("Reflex's radix_themes_color_mode_provider.js template", template.is_file())
    _internal(
        "the provider's effect setting the theme element's class",
        reflex_adapter._COLOR_MODE_PROVIDER_EFFECT in template.read_text(),
    )
    written = reflex_adapter._color_mode_from_document(template.read_text())
    assert "classList" not in written and "export default function" in written
    # Every build runs it again on what the previous one left.
    assert reflex_adapter._color_mode_from_document(written) == written
    with pytest.raises(RuntimeError, match="radix_themes_color_mode_provider"):
        reflex_adapter._color_mode_from_document("export default () => null;")
    modified = []
    reflex_adapter.ColorModeFromDocument().pre_compile(
        add_modify_task=lambda path, fn: modified.append((path, fn))
    )
    assert modified == [
        (
            "components/reflex/radix_themes_color_mode_provider.js",
            reflex_adapter._color_mode_from_document,
        )
    ]


def test_waiters_for_a_tab_state_lock_are_woken_again_without_a_release(monkeypatch):
    from reflex.istate.manager.memory import StateManagerMemory
    from reflex.istate.manager.redis import StateManagerRedis

    fields = StateManagerRedis.__dataclass_fields__
    _internal("StateManagerRedis._lock_waiters", "_lock_waiters" in fields)
    notify = "_notify_next_waiter"
    _internal(f"StateManagerRedis.{notify}", hasattr(StateManagerRedis, notify))
    manager = StateManagerRedis.__new__(StateManagerRedis)
    manager._debug_enabled = False
    first, second = asyncio.Event(), asyncio.Event()
    manager._lock_waiters = {b"tab_lock": [first, second]}
    monkeypatch.setattr(reflex_adapter, "LOCK_RECHECK_INTERVAL", 0.001)

    class App:
        state_manager = manager

    async def run() -> None:
        task = asyncio.create_task(reflex_adapter.recheck_state_lock_waiters(App()))
        # No release came from Redis: the first waiter is woken to try the lock again...
        await asyncio.wait_for(first.wait(), timeout=5)
        assert not second.is_set()
        # ... and once it is away (it took the lock), the next one.
        manager._lock_waiters[b"tab_lock"].remove(first)
        await asyncio.wait_for(second.wait(), timeout=5)
        task.cancel()

    asyncio.run(run())

    class InProcess:
        state_manager = StateManagerMemory()

    # States in the process: no lock to wait for, the task ends at once.
    asyncio.run(asyncio.wait_for(reflex_adapter.recheck_state_lock_waiters(InProcess()), 1))


def test_events_in_progress_counts_running_and_queued_events():
    import asyncio
    from types import SimpleNamespace

    from collab_app.reflex_adapter import events_in_progress

    queue: asyncio.Queue = asyncio.Queue()
    queue.put_nowait("an event not picked up yet")
    running = {"tx-1": object(), "tx-2": object()}
    app = SimpleNamespace(_event_processor=SimpleNamespace(_tasks=running, _queue=queue))
    assert events_in_progress(app) == 3
    # Before the app's event processor starts (or with no queue yet), nothing is in progress.
    assert events_in_progress(SimpleNamespace(_event_processor=None)) == 0
    assert (
        events_in_progress(
            SimpleNamespace(_event_processor=SimpleNamespace(_tasks={}, _queue=None))
        )
        == 0
    )


LOCK_TEST_REDIS_URL = "redis://127.0.0.1:6379/6"


def _redis_manager(*, oplock: bool, lock_expiration: int):
    """A real Redis state manager on a test database, with short locks."""
    import redis
    from redis.asyncio import Redis
    from reflex.istate.manager.redis import StateManagerRedis

    try:
        redis.Redis.from_url(LOCK_TEST_REDIS_URL).flushdb()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    manager = StateManagerRedis(
        redis=Redis.from_url(LOCK_TEST_REDIS_URL),
        lock_expiration=lock_expiration,
        lock_warning_threshold=lock_expiration // 2,
        oplock_hold_time_ms=lock_expiration // 4,
    )
    manager._oplock_enabled = oplock
    return manager


def _work_longer_than_the_lock(manager, *, keepalive: bool, work_s: float) -> tuple[bool, list]:
    """A tab's event holding its state lock for ``work_s``: was its change saved? Errors seen."""
    token = reflex_adapter.state_token("lock-probe-tab", rx.State)
    errors: list = []

    class App:
        state_manager = manager

    async def scenario() -> bool:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda _loop, context: errors.append(context["exception"]))
        keeper = asyncio.create_task(reflex_adapter.keep_state_locks_alive(App()))
        if keepalive:
            await asyncio.sleep(0)  # started, like a lifespan task before the first event
        else:
            keeper.cancel()
        try:
            async with manager.modify_state(token) as state:
                await asyncio.sleep(work_s)  # e.g. waiting for a database slot
                state.is_hydrated = True
        except Exception as error:  # the state write refused at the end of the event
            errors.append(error)
        for lease in list(manager._local_leases.values()):  # the opportunistic lock's flush
            with contextlib.suppress(Exception):
                await lease
        keeper.cancel()
        fresh = await manager.get_state(token)
        await manager.close()
        return fresh.is_hydrated

    return asyncio.run(scenario()), errors


@pytest.mark.parametrize("oplock", [False, True], ids=["lock", "opportunistic lock"])
def test_a_tab_state_lock_does_not_expire_while_its_event_works(monkeypatch, oplock):
    from reflex.istate.manager.redis import StateManagerRedis
    from reflex_base.utils.exceptions import LockExpiredError

    _internal("StateManagerRedis._lock", inspect.isfunction(StateManagerRedis._lock))
    _internal("StateManagerRedis._lock_key", callable(StateManagerRedis._lock_key))
    _internal(
        "StateManagerRedis.lock_expiration",
        "lock_expiration" in StateManagerRedis.__dataclass_fields__,
    )
    # Without the keepalive, an event working longer than the lock's expiration loses its
    # change: Reflex refuses the write (the case this guards against).
    manager = _redis_manager(oplock=oplock, lock_expiration=400)
    saved, errors = _work_longer_than_the_lock(manager, keepalive=False, work_s=0.9)
    assert not saved
    assert any(isinstance(e, LockExpiredError) for e in errors), errors
    # With it, the lock is extended while the event works, and the change is saved.
    manager = _redis_manager(oplock=oplock, lock_expiration=400)
    saved, errors = _work_longer_than_the_lock(manager, keepalive=True, work_s=0.9)
    assert saved
    assert errors == []
    # But not for ever: past LOCK_KEEPALIVE_MAX_SECONDS a stuck event lets its lock go.
    monkeypatch.setattr(reflex_adapter, "LOCK_KEEPALIVE_MAX_SECONDS", 0.2)
    manager = _redis_manager(oplock=oplock, lock_expiration=400)
    saved, errors = _work_longer_than_the_lock(manager, keepalive=True, work_s=0.9)
    assert not saved


def test_only_locks_still_held_by_this_process_are_extended():
    manager = _redis_manager(oplock=False, lock_expiration=400)
    token = reflex_adapter.state_token("lock-probe-tab", rx.State)

    async def scenario() -> None:
        reflex_adapter._track_held_locks(type(manager))
        key = manager._lock_key(token)
        async with manager._lock(token) as lock_id:
            assert reflex_adapter.held_state_locks(manager)[key][0] == lock_id
            # Someone else took the lock meanwhile (ours expired): theirs is left alone.
            await manager.redis.set(key, b"someone-else", px=300)
            assert await reflex_adapter.extend_held_state_locks(manager) == 0
            assert await manager.redis.pttl(key) <= 300
            await manager.redis.set(key, lock_id, px=300)
            assert await reflex_adapter.extend_held_state_locks(manager) == 1
            assert await manager.redis.pttl(key) > 300
        assert key not in reflex_adapter.held_state_locks(manager)
        assert await reflex_adapter.extend_held_state_locks(manager) == 0
        await manager.close()

    asyncio.run(scenario())
