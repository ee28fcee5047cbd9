"""A browser tab of collab_app, spoken over socket.io from Python.

The security sweeps and the benchmarks need many tabs at once, each seeing exactly the frames a
browser would see, without the cost of a browser. This client speaks Reflex 0.10's protocol the
way ``.web/utils/state.js`` does:

- it connects to ``/_event`` with the tab token in the query string and the boot event
  (``hydrate_and_load``) in the socket.io CONNECT packet, carrying the browser-stored values (the
  session cookie) and the page's router data;
- it sends each event as ``{"name", "payload", "router_data"}`` on the ``event`` channel and
  applies the ``delta`` of every update it receives to :attr:`ReflexWsClient.state`.

Reflex processes one tab's (non-background) events strictly in order and sends nothing for an
event that changed nothing, so :meth:`ReflexWsClient.call` follows each event with a marker event
(the root state's ``set_is_hydrated(True)``, which touches no data) and waits for the marker's
update: everything the event sent directly arrived before it. Events the handler chains run after
the marker, and so do background handlers (``@rx.event(background=True)``), which Reflex runs
outside the tab's queue; ``settle`` waits a little for them.

Example::

    token = mint_session(database_url, "alice@atelier-nord.example")
    client = ReflexWsClient(base_url, session_token=token)
    await client.connect("/projects/1/board")
    updates = await client.call(event_name(BoardState, "move_task"), {"task_id": 3})
    await client.close()
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import re
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import socketio

ROOT_STATE = "reflex___state____state"
# The suffix Reflex gives every state var name on the wire.
FIELD_MARKER = "_rx_state_"
HYDRATED_VAR = f"is_hydrated{FIELD_MARKER}"
SESSION_STATE = f"{ROOT_STATE}.collab_app___state___session____session_state"
SESSION_COOKIE_VAR = f"{SESSION_STATE}.auth_token{FIELD_MARKER}"
LANGUAGE_COOKIE_VAR = f"{SESSION_STATE}.lang_choice{FIELD_MARKER}"
_MARKER_EVENT = f"{ROOT_STATE}.set_is_hydrated"
ON_LOAD_EVENT = f"{ROOT_STATE}.reflex___state____on_load_internal_state.on_load_internal"
# Reflex serves socket.io at the path /_event and uses the same string as the namespace (the
# browser's socket.io client takes the URL's path as the namespace).
NAMESPACE = "/_event"


def event_name(state_cls: type, handler: str) -> str:
    """Return the wire name of a state's event handler.

    Args:
        state_cls: The Reflex state class.
        handler: The handler's method name.

    Returns:
        E.g. ``reflex___state____state.collab_app___state___board____board_state.move_task``.
    """
    return f"{state_cls.get_full_name()}.{handler}"


def run_async(coro: Any) -> Any:
    """Run a coroutine to completion on a fresh event loop in a worker thread.

    Under pytest, once a browser test has run, Playwright's sync API keeps an event loop running
    in the main thread, where ``asyncio.run`` refuses to start another.

    Args:
        coro: The coroutine.

    Returns:
        What it returns.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def mint_session(database_url: str, email: str) -> str:
    """Open a real session for an existing account, as signing in would.

    Args:
        database_url: The app's database.
        email: The account's email.

    Returns:
        The session token to put in the session cookie.
    """
    from sqlmodel import Session, create_engine, select

    from collab_app.models import User
    from collab_app.services.accounts import auth

    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            user = session.exec(select(User).where(User.email == email.lower())).one()
            return auth.start_session(session, user_id=user.id)
    finally:
        engine.dispose()


def _route_patterns() -> list[tuple[re.Pattern[str], list[str]]]:
    from collab_app import routes

    patterns = []
    for value in vars(routes).values():
        if isinstance(value, str) and value.startswith("/") and "[" in value:
            names = re.findall(r"\[(\w+)\]", value)
            regex = re.escape(value)
            for name in names:
                regex = regex.replace(re.escape(f"[{name}]"), r"([^/]+)")
            patterns.append((re.compile(f"^{regex}/?$"), names))
    return patterns


_PATTERNS: list[tuple[re.Pattern[str], list[str]]] | None = None


def router_data(path: str) -> dict[str, Any]:
    """Build the router data a browser sends with its events on ``path``.

    The browser adds the route's dynamic arguments (React Router's params) to the query; the
    backend reads them from there.

    Args:
        path: The page path, possibly with a query string.

    Returns:
        The ``router_data`` of an event.
    """
    global _PATTERNS
    if _PATTERNS is None:
        _PATTERNS = _route_patterns()
    parts = urlsplit(path)
    query: dict[str, str] = {}
    if parts.query:
        for pair in parts.query.split("&"):
            key, _, value = pair.partition("=")
            query[key] = value
    for regex, names in _PATTERNS:
        match = regex.match(parts.path)
        if match:
            query.update(zip(names, match.groups(), strict=True))
            break
    data: dict[str, Any] = {"pathname": parts.path or "/", "asPath": path}
    if query:
        data["query"] = query
    return data


@dataclass
class Update:
    """One update the server sent: its delta, frontend events, and arrival time."""

    delta: dict[str, dict[str, Any]]
    events: list[dict[str, Any]]
    received_at: float
    size: int

    def value(self, state: str, var: str) -> Any:
        """Return a var's new value in this update, or None when absent.

        Args:
            state: The state's full name (or its last part, e.g. ``board_state``).
            var: The var name, with or without the wire suffix.

        Returns:
            The value, or None.
        """
        name = var if var.endswith(FIELD_MARKER) else var + FIELD_MARKER
        for state_name, values in self.delta.items():
            if (state_name == state or state_name.endswith(f"____{state}")) and name in values:
                return values[name]
        return None


@dataclass
class ReflexWsClient:
    """One tab of the app: a socket.io connection with its own tab token and session cookie.

    Attributes:
        base_url: The app's origin, e.g. ``http://127.0.0.1:3000``.
        session_token: The session cookie's value; None for an anonymous visitor.
        client_token: The tab token (Reflex's ``client_token``); a fresh one by default.
        origin: The ``Origin`` header sent with the websocket handshake.
        lang: The language cookie (``en``/``fr``), if any.
        state: The tab's state so far: ``{full state name: {var name: value}}``.
        updates: Every update received, in order (with ``keep_history=False``: only those
            received while a call or wait was in progress, until the last of them ends).
        raw_frames: The exact text of every update frame received (for leak searches), kept
            like ``updates``.
        bytes_received: The total size of those frames.
        received: How many updates arrived in all (``updates`` may hold fewer).
        path: The page the tab is on.
        keep_history: Keep every update (tests read them afterwards). A load generator with
            hundreds of tabs turns it off: the kept frames grew its heap without bound, and
            the garbage collector's full passes over that heap stopped every tab's clock for up
            to 1.1 s (``bench_concurrent_users``, benchmarks/README.md).
    """

    base_url: str
    session_token: str | None = None
    client_token: str = field(default_factory=lambda: str(uuid.uuid4()))
    origin: str | None = None
    lang: str | None = None
    state: dict[str, dict[str, Any]] = field(default_factory=dict)
    updates: list[Update] = field(default_factory=list)
    raw_frames: list[str] = field(default_factory=list)
    bytes_received: int = 0
    received: int = 0
    path: str = "/"
    keep_history: bool = True
    # How many calls or waits are reading ``updates`` now (``keep_history=False`` keeps them).
    _readers: int = field(default=0, repr=False)
    _sio: socketio.AsyncClient | None = field(default=None, repr=False)
    _arrived: asyncio.Condition | None = field(default=None, repr=False)

    @property
    def connected(self) -> bool:
        """Whether the websocket is open."""
        return self._sio is not None and self._sio.connected

    def _storage_vars(self) -> dict[str, str]:
        values = {}
        if self.session_token:
            values[SESSION_COOKIE_VAR] = self.session_token
        if self.lang:
            values[LANGUAGE_COOKIE_VAR] = self.lang
        return values

    async def _on_update(self, data: Any) -> None:
        text = data if isinstance(data, str) else json.dumps(data, separators=(",", ":"))
        payload = json.loads(text) if isinstance(data, str) else data
        update = Update(
            delta=payload.get("delta") or {},
            events=payload.get("events") or [],
            received_at=time.perf_counter(),
            size=len(text.encode()),
        )
        self.bytes_received += update.size
        self.received += 1
        for state_name, values in update.delta.items():
            self.state.setdefault(state_name, {}).update(values)
        if self.keep_history or self._readers:
            self.raw_frames.append(text)
            self.updates.append(update)
        assert self._arrived is not None
        async with self._arrived:
            self._arrived.notify_all()

    def _since(self, start: int) -> list[Update]:
        """Return the updates received after the ``start``-th (an absolute count)."""
        dropped = self.received - len(self.updates)  # never kept, or cleared after a read
        return self.updates[max(0, start - dropped) :]

    @contextlib.contextmanager
    def _reading(self) -> Iterator[int]:
        """Keep the updates that arrive while a call or wait reads them; yield the start count."""
        self._readers += 1
        try:
            yield self.received
        finally:
            self._readers -= 1
            if not self.keep_history and not self._readers:
                self.updates.clear()
                self.raw_frames.clear()

    async def connect(self, path: str = "/", *, timeout: float = 20.0) -> list[Update]:
        """Open the websocket on ``path`` and wait until the page's ``on_load`` has run.

        Args:
            path: The page, as in the browser's address bar (without the origin).
            timeout: Seconds to wait for the page to be hydrated.

        Returns:
            The updates received while loading.
        """
        self.path = path
        self._arrived = asyncio.Condition()
        # Reflex's frontend sends frames as JSON text; keep python-socketio from decoding
        # numbers or binary attachments differently than the browser would.
        self._sio = socketio.AsyncClient(reconnection=False)
        self._sio.on("event", self._on_update, namespace=NAMESPACE)
        boot = {
            "name": f"{ROOT_STATE}.hydrate_and_load",
            "payload": {"vars": self._storage_vars()} if self._storage_vars() else {},
            "router_data": router_data(path),
        }
        headers = {"Origin": self.origin or self.base_url}
        with self._reading() as start:
            await self._sio.connect(
                f"{self.base_url}?token={self.client_token}",
                socketio_path="/_event",
                transports=["websocket"],
                headers=headers,
                auth={"event": boot},
                namespaces=[NAMESPACE],
                wait_timeout=timeout,
            )
            await self._wait_hydrated(start, timeout)
            return self._since(start)

    async def _wait_hydrated(self, start: int, timeout: float) -> None:
        def hydrated() -> bool:
            return any(update.value(ROOT_STATE, HYDRATED_VAR) for update in self._since(start))

        await self.wait_until(hydrated, timeout=timeout)

    async def navigate(self, path: str, *, timeout: float = 20.0) -> list[Update]:
        """Go to another page in the same tab (client-side navigation) and wait for its load.

        Args:
            path: The page.
            timeout: Seconds to wait.

        Returns:
            The updates received while loading.
        """
        self.path = path
        with self._reading() as start:
            await self.send(ON_LOAD_EVENT)
            await self._wait_hydrated(start, timeout)
            return self._since(start)

    async def send(self, name: str, payload: dict[str, Any] | None = None) -> None:
        """Send one event without waiting for anything.

        Args:
            name: The event's wire name (see :func:`event_name`).
            payload: The handler's keyword arguments.
        """
        if self._sio is None:
            raise RuntimeError("connect() first")
        await self._sio.emit(
            "event",
            {"name": name, "payload": payload or {}, "router_data": router_data(self.path)},
            namespace=NAMESPACE,
        )

    async def call(
        self,
        name: str,
        payload: dict[str, Any] | None = None,
        *,
        timeout: float = 10.0,
        settle: float = 0.0,
    ) -> list[Update]:
        """Send one event and return the updates it caused.

        Args:
            name: The event's wire name (see :func:`event_name`).
            payload: The handler's keyword arguments.
            timeout: Seconds to wait for the event to be processed.
            settle: Extra seconds to wait for events the handler chained.

        Returns:
            The updates received for it (the marker's own update excluded).
        """
        with self._reading() as start:
            await self.send(name, payload)
            await self.send(_MARKER_EVENT, {"value": True})

            def marker_seen() -> bool:
                return any(self._is_marker(update) for update in self._since(start))

            await self.wait_until(marker_seen, timeout=timeout)
            if settle:
                await asyncio.sleep(settle)
            return [update for update in self._since(start) if not self._is_marker(update)]

    @staticmethod
    def _is_marker(update: Update) -> bool:
        return update.delta == {ROOT_STATE: {HYDRATED_VAR: True}} and not update.events

    async def wait_until(self, predicate: Callable[[], bool], *, timeout: float) -> None:
        """Wait until ``predicate()`` holds, re-checking after each update.

        Args:
            predicate: Checked now and after every update.
            timeout: Seconds to wait.

        Raises:
            TimeoutError: It did not hold in time (or the connection closed).
        """
        assert self._arrived is not None
        deadline = time.monotonic() + timeout
        async with self._arrived:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self.connected:
                    raise TimeoutError(f"no such update within {timeout:.1f}s on {self.path}")
                try:
                    await asyncio.wait_for(self._arrived.wait(), remaining)
                except TimeoutError:
                    continue

    async def wait_for_update(
        self, predicate: Callable[[Update], bool] | None = None, *, timeout: float = 5.0
    ) -> Update:
        """Wait for the next update (e.g. a live refresh pushed by another tab's change).

        Args:
            predicate: Only an update for which it holds counts; any update by default.
            timeout: Seconds to wait.

        Returns:
            The first matching update received after this call.
        """
        with self._reading() as start:

            def matching() -> Update | None:
                for update in self._since(start):
                    if predicate is None or predicate(update):
                        return update
                return None

            await self.wait_until(lambda: matching() is not None, timeout=timeout)
            found = matching()
            assert found is not None
            return found

    def var(self, state: str, var: str) -> Any:
        """Return a var's current value in this tab.

        Args:
            state: The state's full name or its last part (e.g. ``board_state``).
            var: The var name, with or without the wire suffix.

        Returns:
            The value, or None if the tab never received it.
        """
        name = var if var.endswith(FIELD_MARKER) else var + FIELD_MARKER
        for state_name, values in self.state.items():
            if state_name == state or state_name.endswith(f"____{state}"):
                return values.get(name)
        return None

    async def close(self) -> None:
        """Close the websocket."""
        if self._sio is not None:
            await self._sio.disconnect()
            self._sio = None
