"""Database fixtures: a fresh SQLite file per test, or PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

import collab_app.models  # noqa: F401 - registers every table
from collab_app.db import make_engine
from tests import factories


@pytest.fixture(scope="session")
def _pg_engine() -> Iterator[Engine | None]:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        yield None
        return
    engine = make_engine(url)
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(_pg_engine: Engine | None, tmp_path) -> Iterator[Engine]:
    """An empty database with every table: PostgreSQL if configured, else a SQLite file."""
    if _pg_engine is not None:
        yield _pg_engine
        tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
        with _pg_engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        return
    engine = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    SQLModel.metadata.create_all(engine)
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


@dataclass
class World:
    """A collective with one project and one person per role, plus an outsider."""

    collective: object
    project: object
    owner: object
    manager: object
    member: object
    guest: object
    client: object
    outsider: object
    other_project: object


@pytest.fixture
def world(session: Session) -> World:
    """Build the standard cast used by permission tests."""
    owner = factories.make_user(session, "Owner")
    manager = factories.make_user(session, "Manager")
    member = factories.make_user(session, "Member")
    guest = factories.make_user(session, "Guest")
    client = factories.make_user(session, "Client")
    outsider = factories.make_user(session, "Outsider")
    collective = factories.make_collective(session, owner, "Atelier")
    for person in (manager, member):
        factories.add_collective_member(session, collective, person, "member")
    project = factories.make_project(session, collective, "Website")
    factories.add_project_member(session, project, manager, "manager")
    factories.add_project_member(session, project, member, "member")
    factories.add_project_member(session, project, guest, "guest")
    factories.add_project_member(session, project, client, "client")
    other_collective = factories.make_collective(session, outsider, "Elsewhere")
    other_project = factories.make_project(session, other_collective, "Secret")
    return World(
        collective=collective,
        project=project,
        owner=owner,
        manager=manager,
        member=member,
        guest=guest,
        client=client,
        outsider=outsider,
        other_project=other_project,
    )
