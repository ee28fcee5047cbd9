"""Database engine and sessions, shared by the app, the CLI commands and the tests.

The app's event handlers and live refreshes never wait for the database on the event loop:
they run through ``run_with_async_io``, in which every ``session_scope`` talks to the database
through an asyncio driver (psycopg's async mode, aiosqlite). The services stay plain
synchronous SQLAlchemy code; each of their round trips suspends only the handler that made it
(SQLAlchemy's greenlet bridge, the one behind ``AsyncSession``), and the loop serves the other
tabs meanwhile. Everything else (CLI, jobs, downloads, tests) uses the ordinary engine.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.util.concurrency import greenlet_spawn, in_greenlet
from sqlmodel import Session, create_engine

from collab_app.settings import database_url

# Seconds to wait for PostgreSQL to accept a connection.
CONNECT_TIMEOUT = 5
# PostgreSQL connections per process: at most this many handlers hold one at once.
POOL_SIZE = 10
POOL_OVERFLOW = 20
T = TypeVar("T")


def _engine_options(url: str) -> dict[str, Any]:
    """Options of an engine for ``url``, the same for the synchronous and the asyncio driver."""
    if url.startswith("sqlite"):
        return {"connect_args": {"check_same_thread": False, "timeout": 30}}
    # A pooled connection is checked before use (a database restart or a cut link leaves dead
    # ones behind), and reaching an unreachable server gives up after a few seconds instead of
    # the system's two minutes, so a handler can report "retrying" (see state.session.guarded).
    return {
        "pool_pre_ping": True,
        "pool_size": POOL_SIZE,
        "max_overflow": POOL_OVERFLOW,
        "connect_args": {"connect_timeout": CONNECT_TIMEOUT},
    }


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
    return engine


# The asyncio twin of each synchronous engine in use (the app's, or a test's database).
_async_twins: weakref.WeakKeyDictionary[Engine, AsyncEngine] = weakref.WeakKeyDictionary()


def async_twin(engine: Engine) -> AsyncEngine:
    """Return an engine on the same database as ``engine`` through an asyncio driver.

    Created once per engine, with the same options and SQLite settings.

    Args:
        engine: A synchronous engine made by ``make_engine``.

    Returns:
        The asyncio engine.
    """
    twin = _async_twins.get(engine)
    if twin is None:
        url = engine.url
        if url.get_backend_name() == "sqlite":
            url = url.set(drivername="sqlite+aiosqlite")
        elif url.get_backend_name() == "postgresql":
            url = url.set(drivername="postgresql+psycopg_async")
        rendered = url.render_as_string(hide_password=False)
        twin = create_async_engine(rendered, **_engine_options(rendered))
        if rendered.startswith("sqlite"):
            event.listen(twin.sync_engine, "connect", _sqlite_pragmas)
        _async_twins[engine] = twin
    return twin


async def run_with_async_io(work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run synchronous code on the event loop, its database round trips awaited, not waited.

    Each ``session_scope`` opened by ``work`` uses the asyncio twin of the engine: a query
    suspends ``work`` (and only it) until the answer comes. ``work`` itself runs on the loop's
    thread, so it may change Reflex state like any handler.

    Args:
        work: A synchronous callable (an event handler, a live refresh).
        *args: Its arguments.
        **kwargs: Its keyword arguments.

    Returns:
        What ``work`` returns (its exceptions propagate).
    """
    return await greenlet_spawn(work, *args, **kwargs)


@functools.cache
def get_engine() -> Engine:
    """Return the process-wide engine for the configured database.

    Returns:
        The engine.
    """
    return make_engine(database_url())


@contextmanager
def session_scope() -> Iterator[Session]:
    """Open a session on the configured database; the caller commits.

    Yields:
        A session, closed on exit (rolled back if an exception escapes).
    """
    engine = get_engine()
    # Inside ``run_with_async_io`` the same session API goes through the asyncio driver.
    bind = async_twin(engine).sync_engine if in_greenlet() else engine
    with Session(bind, expire_on_commit=False) as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
