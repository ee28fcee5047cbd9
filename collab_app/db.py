"""Database engine and sessions, shared by the app, the CLI commands and the tests.

The app's event handlers and live refreshes never wait for a database server on the event
loop: they run through ``run_with_async_io``, in which every ``session_scope`` talks to
PostgreSQL through psycopg's asyncio mode. The services stay plain synchronous SQLAlchemy code;
each of their round trips suspends only the handler that made it (SQLAlchemy's greenlet bridge,
the one behind ``AsyncSession``), and the loop serves the other tabs meanwhile. SQLite, a
library call on a local file rather than a round trip, runs inline as before. Everything else
(CLI, jobs, downloads, tests) uses the ordinary engine.
"""

from __future__ import annotations

import asyncio
import functools
import time
import weakref
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.util.concurrency import greenlet_spawn, in_greenlet
from sqlmodel import Session, create_engine

from collab_app.services.change_signal import track_changes
from collab_app.settings import database_url

# Seconds to wait for PostgreSQL to accept a connection.
CONNECT_TIMEOUT = 5
# PostgreSQL connections per process, and per engine. At most POOL_SIZE handlers run their
# database work at once (the others wait without blocking the loop), so even a handler that
# nests a second session (a page load reading live versions) never waits for a free connection.
POOL_SIZE = 10
POOL_OVERFLOW = 20
T = TypeVar("T")

# Every session moves the change signal of the projects it writes to.
track_changes(Session)


# A pooled PostgreSQL connection unused for longer than this is checked before it is used again
# (``_check_idle_connections``).
PING_AFTER_IDLE = 1.0


def _engine_options(url: str) -> dict[str, Any]:
    """Options of an engine for ``url``, the same for the synchronous and the asyncio driver."""
    if url.startswith("sqlite"):
        return {"connect_args": {"check_same_thread": False, "timeout": 30}}
    # Reaching an unreachable server gives up after a few seconds instead of the system's two
    # minutes, so a handler can report "retrying" (see state.session.guarded). Pooled
    # connections are checked by ``_check_idle_connections``, not before every use.
    return {
        "pool_size": POOL_SIZE,
        "max_overflow": POOL_OVERFLOW,
        "connect_args": {"connect_timeout": CONNECT_TIMEOUT},
    }


def _check_idle_connections(engine: Engine) -> None:
    """Check a pooled connection before use when it has been idle for ``PING_AFTER_IDLE`` s.

    A database restart or a cut link leaves dead connections in the pool; one that was idle is
    pinged when taken out and replaced if it is dead. One given back less than a second ago is
    not: under load every checkout would pay a round trip for it, one network delay of every
    event and refresh that reads (50 ms each behind ``bench_event_loop``'s proxy) and about
    0.1 ms of CPU through the asyncio bridge (2 % of a card move's 5.4 ms in-process). The
    rare dead one among them fails its first statement; SQLAlchemy then drops the pool's
    connections and the handler retries on a fresh one (``state.session.guarded``).

    Args:
        engine: A PostgreSQL engine (or an asyncio engine's ``sync_engine``).
    """
    dialect = engine.dialect

    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["collab_checked_in"] = time.monotonic()

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("collab_checked_in")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE:
            return  # just connected, or in use a moment ago
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as error:
            if dialect.is_disconnect(error, dbapi_connection, None):
                # The pool replaces the connection and tries again.
                raise DisconnectionError() from error
            raise

    event.listen(engine.pool, "checkin", checked_in)
    event.listen(engine.pool, "checkout", checkout)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine tuned for the given backend.

    SQLite gets WAL mode, a busy timeout and enforced foreign keys so that the embedded default
    behaves like PostgreSQL under the app's light concurrency.

    Args:
        url: SQLAlchemy database URL.

    Returns:
        The engine.
    """
    engine = create_engine(url, **_engine_options(url))
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        _check_idle_connections(engine)
    return engine


# The asyncio twin of each PostgreSQL engine in use (the app's, or a test's database).
_async_twins: weakref.WeakKeyDictionary[Engine, AsyncEngine] = weakref.WeakKeyDictionary()
# Per event loop: how many ``run_with_async_io`` calls may use the database at once.
_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary()
)


def async_twin(engine: Engine) -> AsyncEngine:
    """Return an engine on the same PostgreSQL database as ``engine``, with psycopg's asyncio mode.

    Created once per engine, with the same options.

    Args:
        engine: A synchronous PostgreSQL engine made by ``make_engine``.

    Returns:
        The asyncio engine.
    """
    twin = _async_twins.get(engine)
    if twin is None:
        url = engine.url.set(drivername="postgresql+psycopg_async")
        rendered = url.render_as_string(hide_password=False)
        twin = create_async_engine(rendered, **_engine_options(rendered))
        _check_idle_connections(twin.sync_engine)
        _async_twins[engine] = twin
    return twin


def _uses_async_io(engine: Engine) -> bool:
    """Whether database work on ``engine`` goes through the asyncio bridge (PostgreSQL).

    SQLite answers from a local file within the call: running it inline keeps each
    transaction short (an SQLite write lock held across loop turns would make every other
    writer of the process wait for it).
    """
    return engine.dialect.name == "postgresql"


def queries_are_awaited() -> bool:
    """Whether ``run_with_async_io`` suspends its work at each query (PostgreSQL) or runs it inline.

    Returns:
        True when the configured database goes through the asyncio bridge.
    """
    return _uses_async_io(get_engine())


async def run_with_async_io(work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run synchronous code on the event loop, its database round trips awaited, not waited.

    On PostgreSQL each ``session_scope`` opened by ``work`` uses the asyncio twin of the
    engine: a query suspends ``work`` (and only it) until the answer comes; at most
    ``POOL_SIZE`` such works run at once per loop. ``work`` itself runs on the loop's thread,
    so it may change Reflex state like any handler. On SQLite it simply runs.

    Args:
        work: A synchronous callable (an event handler, a live refresh).
        *args: Its arguments.
        **kwargs: Its keyword arguments.

    Returns:
        What ``work`` returns (its exceptions propagate).
    """
    if not queries_are_awaited():
        return work(*args, **kwargs)
    loop = asyncio.get_running_loop()
    slots = _slots.get(loop)
    if slots is None:
        slots = _slots[loop] = asyncio.Semaphore(POOL_SIZE)
    async with slots:
        return await greenlet_spawn(work, *args, **kwargs)


@functools.cache
def get_engine() -> Engine:
    """Return the process-wide engine for the configured database.

    Returns:
        The engine.
    """
    return make_engine(database_url())


@contextmanager
def session_scope(info: Mapping[str, Any] | None = None) -> Iterator[Session]:
    """Open a session on the configured database; the caller commits.

    Args:
        info: Entries the session's ``info`` starts with (checks made beforehand, see
            ``auth.known_sessions`` and ``permissions.known_roles``).

    Yields:
        A session, closed on exit (rolled back if an exception escapes).
    """
    engine = get_engine()
    # Inside ``run_with_async_io`` the same session API goes through the asyncio driver.
    bind = async_twin(engine).sync_engine if in_greenlet() and _uses_async_io(engine) else engine
    with Session(bind, expire_on_commit=False, info=dict(info or {})) as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
