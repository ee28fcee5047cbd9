"""Database engine and sessions, shared by the app, the CLI commands and the tests."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from collab_app.settings import database_url

# Seconds to wait for PostgreSQL to accept a connection.
CONNECT_TIMEOUT = 5


def make_engine(url: str) -> Engine:
    """Create an engine tuned for the given backend.

    SQLite gets WAL mode, a busy timeout and enforced foreign keys so that the embedded default
    behaves like PostgreSQL under the app's light concurrency.

    Args:
        url: SQLAlchemy database URL.

    Returns:
        The engine.
    """
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    # A pooled connection is checked before use (a database restart or a cut link leaves dead
    # ones behind), and reaching an unreachable server gives up after a few seconds instead of
    # the system's two minutes, so a handler can report "retrying" (see state.session.guarded).
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        connect_args={"connect_timeout": CONNECT_TIMEOUT},
    )


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
    with Session(get_engine(), expire_on_commit=False) as session:
        try:
            yield session
        except BaseException:
            session.rollback()
            raise
