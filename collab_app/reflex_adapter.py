"""Every use of Reflex internals (names outside its public API) in one place.

A Reflex upgrade may move or rename any of them; ``tests/unit/infra/test_reflex_adapter.py``
checks each one and names the internal that broke. Public names are used wherever Reflex 0.10
has one (``rx.BaseStateToken``, ``rx.event.no_args_event_spec``, ``Var.to``).

Internals used:

- ``reflex_base.registry.RegistrationContext``: the running app, for its load events.
- ``EventNamespace._token_manager``: whether a tab's socket is still connected.
- ``reflex_base.constants.state.FIELD_MARKER``: the suffix of state var names in a payload.
- ``Var._var_type``: whether a var holds text.
- A state's ``__dict__`` holds its vars' values (``Field.__get__`` wraps mutable ones in a
  ``MutableProxy`` whose ``__wrapped__`` is the value): read without the proxy to compare.
- ``EventNamespace.emit_update``, ``StateUpdate``, ``Event.from_event_type``: events pushed to a
  tab outside of any event handler.
- ``reflex_base.environment.environment.REFLEX_SKIP_COMPILE``: start without compiling.
- ``reflex.utils.exec.run_backend_prod``: the production backend, frontend mounted.
- ``granian.server.Server``: the server class Reflex builds, given an option Reflex lacks.
- The ``postcss.config.js`` Reflex writes into ``.web`` (its ``"postcss-import"`` line): a
  PostCSS step of our own after it (``RadixRootThemeRule``).
- The ``components/reflex/radix_themes_color_mode_provider.js`` Reflex writes into ``.web`` (the
  effect setting the theme element's class): replaced (``ColorModeFromDocument``).
- ``StateManager.create``, ``StateManagerMemory._get_or_create_state``,
  ``StateManagerDisk.get_state``/``load_state``/``states``/``_token_last_touched``,
  ``BaseState.__init__(init_substates=)``, ``BaseState.substates``,
  ``BaseState._get_state_from_redis``, ``BaseState.dict``, ``_release_state_tree``: each tab
  builds only the states its events reach (see ``build_states_on_demand``).
- ``StateManagerDisk._purge_expired_states``: called after every write cycle; ours runs it once a
  minute (``OnDemandDiskStateManager``).
- ``App._event_processor`` and its ``_tasks`` and ``_queue``: how many events are queued or
  running (``events_in_progress``).
- ``App.state_manager`` and ``reflex.istate.manager.redis.StateManagerRedis``: whether tab states
  live in Redis (``keeps_states_in_redis``).
- ``StateManagerRedis._lock_waiters`` and ``_notify_next_waiter``: the events waiting for a tab's
  state lock, woken again every half second (``recheck_state_lock_waiters``).
- ``StateManagerRedis._lock`` (an async context manager yielding the lock's id), ``_lock_key``,
  ``lock_expiration`` and ``redis``: the tab state locks this process holds, kept from expiring
  while it works under them (``keep_state_locks_alive``).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import time
from typing import Any

import granian.server
import reflex as rx
from reflex.event import Event
from reflex.istate.manager import StateManager, _release_state_tree
from reflex.istate.manager.disk import StateManagerDisk
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.token import BaseStateToken
from reflex.state import BaseState, StateUpdate
from reflex.utils import exec as reflex_exec
from reflex_base.constants.state import FIELD_MARKER
from reflex_base.environment import environment
from reflex_base.registry import RegistrationContext

logger = logging.getLogger(__name__)

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


def events_in_progress(app: Any) -> int:
    """Count the tabs' events this process has received and not finished yet.

    Args:
        app: The running app.

    Returns:
        Events queued or running (0 before the app's event processor starts).
    """
    processor = getattr(app, "_event_processor", None)
    if processor is None:
        return 0
    queue = processor._queue
    return len(processor._tasks) + (queue.qsize() if queue is not None else 0)


def keeps_states_in_redis(app: Any) -> bool:
    """Whether the app's tab states live in Redis (each read and write a network round trip).

    Args:
        app: The running app.

    Returns:
        True for Reflex's Redis state manager; False for the in-process ones.
    """
    return _is_redis(app.state_manager)


def _is_redis(manager: StateManager) -> bool:
    from reflex.istate.manager.redis import StateManagerRedis

    return isinstance(manager, StateManagerRedis)


# How often a tab's event waiting for its state's Redis lock looks at the lock again, whether
# or not Redis said it was released (see ``recheck_state_lock_waiters``).
LOCK_RECHECK_INTERVAL = 0.5


async def recheck_state_lock_waiters(app: Any) -> None:
    """Lifespan task: with Redis, wake a waiter for a tab's state lock every half second.

    Reflex's Redis state manager wakes one waiter per lock release, and otherwise rechecks only
    when its wait times out, after the lock's whole expiration (``redis_lock_expiration``, 10 s).
    A woken waiter that then leaves without the lock (it found the state already held in this
    process) takes that wake-up with it: under saturation with PostgreSQL + Redis about one
    action in 2,000 was answered 10.55 s late, the next waiter sleeping on a free lock
    (benchmarks/README.md). Waking the first waiter of each lock every
    ``LOCK_RECHECK_INTERVAL`` makes it try the lock again (one Redis ``SET NX``); a waiter that
    finds it still held waits again.

    Args:
        app: The Reflex app (passed by Reflex to lifespan tasks that name an ``app`` parameter).
    """
    manager = app.state_manager
    if not _is_redis(manager):
        return
    while True:
        await asyncio.sleep(LOCK_RECHECK_INTERVAL)
        for lock_key in list(manager._lock_waiters):
            manager._notify_next_waiter(lock_key)


# A lock is kept alive at most this long after it was taken (a handler stuck for longer
# should not keep its tab's state from everyone else until the process ends).
LOCK_KEEPALIVE_MAX_SECONDS = 60.0
# Each held lock's expiry is pushed back this many times per expiration period.
LOCK_KEEPALIVE_PER_EXPIRATION = 3
# The attribute of a Redis state manager listing the locks it holds in this process:
# lock key -> (lock id, taken at).
_HELD_LOCKS = "_collab_held_locks"
# Extend each lock still held by the given id; one round trip for all of them.
_EXTEND_OWN_LOCKS = """
local extended = 0
for i, key in ipairs(KEYS) do
    if redis.call('GET', key) == ARGV[i + 1] then
        redis.call('PEXPIRE', key, ARGV[1])
        extended = extended + 1
    end
end
return extended
"""


def _track_held_locks(manager_cls: type) -> None:
    """Wrap ``manager_cls._lock``: managers list the locks they hold (``held_state_locks``)."""
    original = manager_cls._lock
    if getattr(original, "_tracks_held_locks", False):
        return

    @contextlib.asynccontextmanager
    async def tracked(self: Any, token: Any, event_name: str | None = None) -> Any:
        async with original(self, token, event_name=event_name) as lock_id:
            held = held_state_locks(self)
            key = self._lock_key(token)
            held[key] = (lock_id, time.monotonic())
            try:
                yield lock_id
            finally:
                if held.get(key, (None,))[0] == lock_id:
                    del held[key]

    tracked._tracks_held_locks = True  # type: ignore[attr-defined]
    manager_cls._lock = tracked


def held_state_locks(manager: Any) -> dict[bytes, tuple[bytes, float]]:
    """The tab state locks a Redis state manager holds in this process (key -> id, since).

    Args:
        manager: A Redis state manager.

    Returns:
        Its live list (empty until ``keep_state_locks_alive`` tracks the locks).
    """
    held = manager.__dict__.get(_HELD_LOCKS)
    if held is None:
        held = manager.__dict__[_HELD_LOCKS] = {}
    return held


async def extend_held_state_locks(manager: Any) -> int:
    """Push back the expiry of the tab state locks ``manager`` holds (if still its own).

    Args:
        manager: A Redis state manager.

    Returns:
        How many locks were extended.
    """
    now = time.monotonic()
    held = [
        (key, lock_id)
        for key, (lock_id, since) in list(held_state_locks(manager).items())
        if now - since < LOCK_KEEPALIVE_MAX_SECONDS
    ]
    if not held:
        return 0
    return await manager.redis.eval(
        _EXTEND_OWN_LOCKS,
        len(held),
        *(key for key, _ in held),
        manager.lock_expiration,
        *(lock_id for _, lock_id in held),
    )


async def keep_state_locks_alive(app: Any) -> None:
    """Lifespan task: with Redis, a tab's state lock does not expire while this process works.

    A tab's event (or a live refresh, or the opportunistic lock's lease) holds the tab's state
    lock in Redis for at most ``redis_lock_expiration`` (10 s), after which Reflex refuses to
    write the state it changed (``LockExpiredError``). Past the host's capacity, events wait
    for a database slot while holding that lock: the log showed locks held 6-10 s, then hundreds
    of refused writes; each left its tab with an old card version, so the tab's next move was
    refused as stale (benchmarks/README.md). Every third of the expiration, the locks this
    process still holds get their full expiration again (only where the lock's id is still
    ours), for at most ``LOCK_KEEPALIVE_MAX_SECONDS`` after they were taken. A process that
    dies stops extending: its locks expire as before.

    Args:
        app: The Reflex app (passed by Reflex to lifespan tasks that name an ``app`` parameter).
    """
    manager = app.state_manager
    if not _is_redis(manager):
        return
    _track_held_locks(type(manager))
    interval = manager.lock_expiration / 1000 / LOCK_KEEPALIVE_PER_EXPIRATION
    while True:
        await asyncio.sleep(interval)
        try:
            await extend_held_state_locks(manager)
        except Exception:  # Redis away for a moment: try again next time
            logger.warning("could not extend the tab state locks", exc_info=True)


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


def stored_value(state: BaseState, name: str) -> Any:
    """The value a state var holds, without the proxy Reflex wraps mutable values in.

    For comparing only (never mutate it: the change would not be sent). Reflex keeps a var's
    value in the ``__dict__`` of the state that declares it; reading it through the attribute
    wraps a list or dict in a ``MutableProxy`` every time, which costs more than the comparison
    when a live refresh compares a board's 40 vars in every tab.

    Args:
        state: A state instance.
        name: One of its vars (declared on its own class or inherited).

    Returns:
        The value.
    """
    try:
        return state.__dict__[name]
    except KeyError:  # inherited from a parent state, or not set yet
        value = getattr(state, name)
        return getattr(value, "__wrapped__", value)


def differs(state: BaseState, name: str, value: Any) -> bool:
    """Whether a state var holds something other than ``value`` (assign it only then).

    Reflex sends every assigned var, whole, so unchanged values are not assigned. The same
    object (a shared layout's bucket, one ``Abilities`` per role) is never compared field by
    field.

    Args:
        state: A state instance.
        name: One of its vars.
        value: The value it should hold.

    Returns:
        True when the var must be assigned.
    """
    stored = stored_value(state, name)
    return stored is not value and stored != value


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


# A PostCSS plugin (ES module in ``.web``) run on the bundled stylesheet after ``postcss-import``
# has inlined Radix Themes': it takes ``:root:where(:has(.radix-themes[data-is-root-theme=…]…))``
# out of the two rules giving the page its color scheme. Chromium re-matches that ``:has()``
# against the whole document on every insertion, which makes moving one card restyle the whole
# board (issue #20: 2.8 ms of a move's render on a 600-card board). Reflex's color mode already
# writes ``color-scheme`` on ``<html>`` (inline style), and the theme's own element keeps its
# rule: the page looks the same.
_ROOT_THEME_PLUGIN_FILE = "postcss-radix-root-theme.js"
_ROOT_THEME_PLUGIN_JS = """\
// Written by collab_app.reflex_adapter.RadixRootThemeRule (see there why).
const ROOT_THEME = ":has(.radix-themes[data-is-root-theme";
const plugin = () => ({
  postcssPlugin: "collab-radix-root-theme",
  Rule(rule) {
    if (!rule.selector.includes(ROOT_THEME)) return;
    const kept = rule.selectors.filter((selector) => !selector.includes(ROOT_THEME));
    if (kept.length > 0) rule.selectors = kept;
    else rule.remove();
  },
});
plugin.postcss = true;
export default plugin;
"""
_POSTCSS_IMPORT_LINE = '"postcss-import": {},'


def _add_root_theme_rule(postcss_config: str) -> str:
    """Reflex's ``postcss.config.js`` with our plugin right after ``postcss-import``.

    Args:
        postcss_config: The file as Reflex wrote it (or as a previous build left it).

    Returns:
        The file running the plugin once.

    Raises:
        RuntimeError: When Reflex's file no longer has its ``postcss-import`` line.
    """
    entry = f'"./{_ROOT_THEME_PLUGIN_FILE}": {{}},'
    if entry in postcss_config:
        return postcss_config
    if _POSTCSS_IMPORT_LINE not in postcss_config:
        msg = f"Reflex's postcss.config.js has no {_POSTCSS_IMPORT_LINE} line (reflex_adapter)"
        raise RuntimeError(msg)
    return postcss_config.replace(_POSTCSS_IMPORT_LINE, f"{_POSTCSS_IMPORT_LINE}\n    {entry}", 1)


class RadixRootThemeRule(rx.plugins.Plugin):
    """Build plugin: the app's stylesheet without Radix Themes' document-wide ``:has()`` rule.

    Listed in ``rxconfig.py``'s plugins, after Radix Themes'.
    """

    def get_static_assets(self, **context: Any) -> list[tuple[str, str]]:
        """The PostCSS plugin's file, written into ``.web``.

        Args:
            context: Reflex's plugin context (unused).

        Returns:
            Its path in ``.web`` and its source.
        """
        return [(_ROOT_THEME_PLUGIN_FILE, _ROOT_THEME_PLUGIN_JS)]

    def pre_compile(self, **context: Any) -> None:
        """Have the build's PostCSS configuration run it.

        Args:
            context: Reflex's pre-compile context (its ``add_modify_task``).
        """
        context["add_modify_task"]("postcss.config.js", _add_root_theme_rule)


# Reflex's ``RadixThemesColorModeProvider`` copies the resolved color mode onto the theme's
# element as a ``light``/``dark`` class in an effect. Its first run comes before Reflex's
# ThemeProvider has read the browser's preference, so a dark-scheme browser got ``light`` on the
# theme's element for a frame or more at every page load (65 ms measured, longer under load: a
# light flash over the dark page). ``<html>`` already carries the right class from Reflex's head
# script, before the first paint, and its ThemeProvider keeps it up to date; Radix Themes' tokens
# reach the theme's element through it (``.dark :where(.radix-themes:not(.light))``). The
# provider is rewritten to leave the element's class alone.
_COLOR_MODE_PROVIDER_FILE = "components/reflex/radix_themes_color_mode_provider.js"
_COLOR_MODE_PROVIDER_JS = """\
// Written by collab_app.reflex_adapter.ColorModeFromDocument (see there why): the theme's element
// takes its light or dark scheme from <html>'s class.
export default function RadixThemesColorModeProvider({ children }) {
  return children;
}
"""
_COLOR_MODE_PROVIDER_EFFECT = "radixRoot.classList.add(resolvedTheme)"


def _color_mode_from_document(provider_js: str) -> str:
    """Our color mode provider in place of Reflex's.

    Args:
        provider_js: The file as Reflex wrote it (or as a previous build left it).

    Returns:
        Our provider.

    Raises:
        RuntimeError: When Reflex's provider no longer sets the class it is replaced for.
    """
    if provider_js == _COLOR_MODE_PROVIDER_JS:
        return provider_js
    if _COLOR_MODE_PROVIDER_EFFECT not in provider_js:
        msg = (
            f"Reflex's {_COLOR_MODE_PROVIDER_FILE} no longer runs {_COLOR_MODE_PROVIDER_EFFECT}"
            " (reflex_adapter)"
        )
        raise RuntimeError(msg)
    return _COLOR_MODE_PROVIDER_JS


class ColorModeFromDocument(rx.plugins.Plugin):
    """Build plugin: the theme's element follows ``<html>``'s light or dark class from the start.

    Listed in ``rxconfig.py``'s plugins, after Radix Themes'.
    """

    def pre_compile(self, **context: Any) -> None:
        """Have the build rewrite Reflex's color mode provider.

        Args:
            context: Reflex's pre-compile context (its ``add_modify_task``).
        """
        context["add_modify_task"](_COLOR_MODE_PROVIDER_FILE, _color_mode_from_document)


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


# --- states built on demand ------------------------------------------------------------------
#
# Reflex's memory and disk state managers build every state of the app (35 here) for every
# tab, although a tab reaches a handful: the board's tab reaches the root, the session, the
# board and its dialogs, the header's bell and Reflex's internal states. Reflex's Redis manager
# already builds a tab's tree piece by piece (only the states an event needs); the classes
# below give the single-process managers the same rule:
#
# - an event (or ``app.modify_state``) on a state builds that state, its parents, its own
#   substates and the states whose computed vars depend on it (Reflex's
#   ``_get_required_state_classes`` for Redis), except that an event of the root state (the
#   hydrate) does not build the whole tree;
# - ``await state.get_state(OtherState)`` builds ``OtherState``, its parents and its
#   dependents when the tab has not built it yet (Reflex would otherwise ask Redis for it),
#   not its substates: the session gate reaches ``SessionState``, the parent of every page;
# - ``dict()``, the full snapshot the hydrate sends, still holds every state: a state the tab
#   has not built is sent with its defaults, from a throw-away instance (what the eager tree
#   would hold), so the browser sees exactly what it saw before.
#
# A state built later starts from its defaults, as the eager tree's would have been: nothing of
# another tab is ever reused. Measured: ``benchmarks/bench_memory.py`` (README "Findings").


@functools.cache
def _required_states(
    state_cls: type[BaseState], with_substates: bool
) -> tuple[type[BaseState], ...]:
    """The states an event of ``state_cls`` (or a ``get_state``) needs, parents first.

    Args:
        state_cls: The state the event (or the ``get_state``) reaches.
        with_substates: Also its substates (an event's, except the root's).

    Returns:
        The state classes to build, ordered by depth.
    """
    required: set[type[BaseState]] = set()

    def add(cls: type[BaseState], with_substates: bool) -> None:
        if with_substates:
            for substate in cls.get_substates():
                add(substate, with_substates=True)
        if cls in required:
            return
        required.add(cls)
        for dependent in cls._get_potentially_dirty_states():
            add(dependent, with_substates=False)
        if (parent := cls.get_parent_state()) is not None:
            add(parent, with_substates=False)

    add(state_cls, with_substates=with_substates and state_cls.get_parent_state() is not None)
    return tuple(sorted(required, key=lambda cls: len(cls._get_substate_path())))


def _attach(root: BaseState, state_cls: type[BaseState], stored: BaseState | None = None):
    """Return the tab's instance of ``state_cls``, building it (and its parents) if missing.

    Args:
        root: The tab's root state.
        state_cls: The state class.
        stored: An instance to attach when the tab has none yet (restored from disk).

    Returns:
        The instance in the tab's tree.
    """
    chain = []
    cls: type[BaseState] | None = state_cls
    while cls is not None and cls.get_parent_state() is not None:
        chain.append(cls)
        cls = cls.get_parent_state()
    state = root
    for cls in reversed(chain):
        name = cls.get_name()
        substate = state.substates.get(name)
        if substate is None:
            if stored is not None and cls is state_cls:
                substate = stored
                substate.parent_state = state
            else:
                substate = cls(parent_state=state, init_substates=False, _reflex_internal_init=True)
            state.substates[name] = substate
        state = substate
    return state


def _build_required(root: BaseState, state_cls: type[BaseState], for_event: bool = True) -> None:
    for cls in _required_states(state_cls, for_event):
        _attach(root, cls)


def _new_root(state_cls: type[BaseState]) -> BaseState:
    return state_cls.get_root_state()(init_substates=False, _reflex_internal_init=True)


class OnDemandMemoryStateManager(StateManagerMemory):
    """Reflex's memory state manager, building each tab's states on demand."""

    def _get_or_create_state(self, token: Any) -> Any:
        if not isinstance(token, BaseStateToken):
            return super()._get_or_create_state(token)
        root = self.states.get(token.cache_key)
        if root is None:
            root = self.states[token.cache_key] = _new_root(token.cls)
        _build_required(root, token.cls)
        return root


class OnDemandDiskStateManager(StateManagerDisk):
    """Reflex's disk state manager, building each tab's states on demand.

    Restoring a tab from disk attaches the states it had written (Reflex writes a state once
    it changed); the others are built when an event reaches them, like a new tab's.

    It also looks for expired state files at most once every ``PURGE_INTERVAL`` seconds.
    Reflex lists and stats every file of its states folder after each write cycle, and a cycle
    runs whenever the oldest queued write comes due: with hundreds of tabs, many times a
    second (300 tabs paced, one step each 40 s: 45 % of the worker's samples, in a thread
    holding the GIL). States expire after hours (``token_expiration``), so a minute's delay
    before a file is removed changes nothing.
    """

    PURGE_INTERVAL = 60.0
    _purged_at: float | None = None

    def _purge_expired_states(self) -> None:
        now = time.monotonic()
        if self._purged_at is not None and now - self._purged_at < self.PURGE_INTERVAL:
            return
        self._purged_at = now
        super()._purge_expired_states()

    async def get_state(self, token: Any) -> Any:
        """Return the tab's root state, with what the token's state needs built.

        Args:
            token: The tab and the state an event reaches.

        Returns:
            The tab's root state (what Reflex's disk manager returns).
        """
        token = self._coerce_token(token)
        if not isinstance(token, BaseStateToken):
            return await super().get_state(token)
        key = token.cache_key
        self._token_last_touched[key] = (time.time(), token)
        root = self.states.get(key)
        if root is None:
            root = await self._restore(token)
            root = self.states.setdefault(key, root)
        _build_required(root, token.cls)
        return root

    async def _restore(self, token: BaseStateToken) -> BaseState:
        root_cls = token.cls.get_root_state()
        stored_root = await self.load_state(token.with_cls(root_cls))
        root = stored_root if isinstance(stored_root, root_cls) else _new_root(root_cls)
        pending = list(root_cls.get_substates())
        while pending:  # parents before their substates
            cls = pending.pop()
            pending.extend(cls.get_substates())
            stored = await self.load_state(token.with_cls(cls))
            if isinstance(stored, cls):
                _attach(root, cls, stored)
        return root


_reflex_create_manager = StateManager.create.__func__
_reflex_state_from_redis = BaseState._get_state_from_redis
_reflex_dict = BaseState.dict


def _create_manager(cls: type[StateManager]) -> StateManager:
    manager = _reflex_create_manager(cls)
    if type(manager) is StateManagerMemory:
        return OnDemandMemoryStateManager()
    if type(manager) is StateManagerDisk:
        return OnDemandDiskStateManager()
    return manager  # Redis: already builds only what an event needs


def _served_by_redis() -> bool:
    from reflex.istate.manager import get_state_manager

    try:
        return _is_redis(get_state_manager())
    except LookupError:  # outside any event context (tests): no Redis to ask
        return False


async def _get_state_on_demand(self: BaseState, state_cls: type[BaseState]) -> BaseState:
    root = self._get_root_state()
    if state_cls.get_root_state() is not type(root) or _served_by_redis():
        return await _reflex_state_from_redis(self, state_cls)
    _build_required(root, state_cls, for_event=False)
    return root._get_state_from_cache(state_cls)


def _dict_with_unbuilt(
    self: BaseState, include_computed: bool = True, initial: bool = False, **kwargs: Any
) -> dict[str, Any]:
    snapshot = _reflex_dict(self, include_computed=include_computed, initial=initial, **kwargs)
    for state_cls in self.get_substates():
        if state_cls.get_name() in self.substates:
            continue
        # What the eager tree would hold: a fresh instance (and its substates) under this one.
        defaults = state_cls(parent_state=self, _reflex_internal_init=True)
        try:
            snapshot.update(
                defaults.dict(include_computed=include_computed, initial=initial, **kwargs)
            )
        finally:
            _release_state_tree(defaults)
    return snapshot


def build_states_on_demand() -> None:
    """Have Reflex's memory and disk state managers build each tab's states on demand.

    Call before creating the ``rx.App`` (it creates its state manager). Redis is unchanged.
    """
    StateManager.create = classmethod(_create_manager)
    BaseState._get_state_from_redis = _get_state_on_demand
    BaseState.dict = _dict_with_unbuilt
