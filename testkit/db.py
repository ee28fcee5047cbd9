"""Database fixtures: a fresh SQLite file per test, or PostgreSQL when TEST_DATABASE_URL is set.

A pytest plugin (``-p testkit.db`` in ``pyproject.toml``), so tests and the benchmarks' own tests
share it.

Per-test cost is kept small, since several hundred tests each get an empty database:

- SQLite: the schema is created once per run in a template file; each test gets a copy of it
  (a file copy instead of 42 ``CREATE TABLE``, each its own fsync).
- PostgreSQL: the schema is created once per run; after each test every table is emptied with
  ``DELETE`` (foreign-key triggers off for that transaction) and the id sequences restart at 1,
  which is what ``TRUNCATE ... RESTART IDENTITY`` did, at a fraction of its cost.
- Commits do not wait for the disk (``synchronous=OFF`` / ``synchronous_commit=off``): only
  durability across a power cut changes, never what a test can observe.
- Password hashing uses cheap argon2 parameters under tests only (production ones cost about
  half a second a hash); ``tests/unit/accounts/test_password_parameters.py`` checks the
  production ones.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from passlib.context import CryptContext
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel

import collab_app.models  # noqa: F401 - registers every table
from collab_app.db import make_engine
from collab_app.services.accounts import passwords
from testkit import factories

# The production hashing context, kept for the test that checks its parameters.
PRODUCTION_PASSWORD_CONTEXT = passwords._context
PRODUCTION_DUMMY_HASH = passwords._DUMMY_HASH
# Cheap, but still argon2id; different from every parameter set a test writes by hand.
TEST_PASSWORD_CONTEXT = CryptContext(
    schemes=["argon2"],
    deprecated="auto",
    argon2__rounds=1,
    argon2__memory_cost=256,
    argon2__parallelism=1,
)


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_context", TEST_PASSWORD_CONTEXT)
        patch.setattr(passwords, "_DUMMY_HASH", TEST_PASSWORD_CONTEXT.hash("not-a-real-password"))
        factories._password_hash.cache_clear()
        yield
    factories._password_hash.cache_clear()


def _no_fsync(engine: Engine) -> None:
    """Commit without waiting for the disk: test databases are thrown away."""
    statement = (
        "PRAGMA synchronous=OFF"
        if engine.dialect.name == "sqlite"
        else "SET synchronous_commit TO off"
    )

    @event.listens_for(engine, "connect")
    def _settings(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(statement)
        cursor.close()
        if engine.dialect.name != "sqlite":
            dbapi_connection.commit()


@pytest.fixture(scope="session")
def _pg_engine() -> Iterator[Engine | None]:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield None
        return
    engine = make_engine(url)
    _no_fsync(engine)
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file holding the empty schema, made once per run."""
    path = tmp_path_factory.mktemp("schema") / "template.db"
    engine = make_engine(f"sqlite:///{path}")
    _no_fsync(engine)
    SQLModel.metadata.create_all(engine)
    engine.dispose()  # the last connection closing folds the WAL into the file
    return path


def _empty_postgres(engine: Engine) -> None:
    """Delete every row and restart every id sequence, as ``TRUNCATE ... RESTART IDENTITY``.

    ``DELETE`` of the few rows a test wrote costs milliseconds where ``TRUNCATE`` of 42 tables
    costs most of a second. A role that may not switch foreign-key triggers off (not a
    superuser) gets the ``TRUNCATE``.
    """
    tables = list(reversed(SQLModel.metadata.sorted_tables))
    try:
        with engine.begin() as connection:
            # Rows go in any order: foreign-key triggers are off for this transaction only.
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            for table in tables:
                connection.execute(text(f'DELETE FROM "{table.name}"'))
            connection.execute(
                text(
                    "SELECT setval(s.oid, 1, false) FROM pg_class s "
                    "JOIN pg_namespace n ON n.oid = s.relnamespace "
                    "WHERE s.relkind = 'S' AND n.nspname = current_schema()"
                )
            )
    except DBAPIError:
        names = ", ".join(f'"{t.name}"' for t in tables)
        with engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def engine(
    _pg_engine: Engine | None, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Engine]:
    """An empty database with every table: PostgreSQL if configured, else a SQLite file."""
    if _pg_engine is not None:
        yield _pg_engine
        _empty_postgres(_pg_engine)
        return
    path = tmp_path / "test.db"
    shutil.copyfile(request.getfixturevalue("_sqlite_template"), path)
    engine = make_engine(f"sqlite:///{path}")
    _no_fsync(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the test database."""
    with Session(engine, expire_on_commit=False) as db_session:
        yield db_session


@pytest.fixture
def use_test_db(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """Point the app's own ``session_scope`` (used by jobs and CLIs) at the test database."""
    from collab_app import db

    monkeypatch.setattr(db, "get_engine", lambda: engine)
    return engine
