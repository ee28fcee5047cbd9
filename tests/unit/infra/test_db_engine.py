"""The PostgreSQL engine survives a lost link: dead pooled connections are replaced, and an
unreachable server is given up on quickly so the person sees "retrying", not a frozen page."""

import asyncio
import socket
import time

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.util.concurrency import greenlet_spawn

from collab_app import db
from collab_app.db import CONNECT_TIMEOUT, make_engine

# Any PostgreSQL database will do: the tests only ask for their own connection's pid.
PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def _postgres_engine():
    try:
        psycopg.connect(PG_URL, connect_timeout=2).close()
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    return make_engine(PG_URL)


def _backend_pid(connection) -> int:
    return connection.execute(text("SELECT pg_backend_pid()")).scalar_one()


def _terminate(pid: int) -> None:
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    time.sleep(0.1)  # the server closes the socket


def test_postgres_engine_gives_up_quickly_and_does_not_ping_every_checkout():
    engine = make_engine("postgresql://postgres@127.0.0.1:1/nowhere")
    assert engine.pool._pre_ping is False  # idle connections only (see _check_idle_connections)
    assert 0 < CONNECT_TIMEOUT <= 10


@pytest.mark.parametrize("through", ["sync", "asyncio"])
def test_a_dead_pooled_connection_is_replaced_once_it_has_been_idle(monkeypatch, through):
    engine = _postgres_engine()
    if through == "asyncio":  # the handlers' path: the asyncio twin, driven from a greenlet
        twin = db.async_twin(engine).sync_engine

        def run(work):
            return asyncio.run(greenlet_spawn(lambda: _on(twin, work)))
    else:

        def run(work):
            return _on(engine, work)

    try:
        first = run(_backend_pid)
        _terminate(first)
        monkeypatch.setattr(db, "PING_AFTER_IDLE", 0.0)  # idle long enough: pinged, replaced
        second = run(_backend_pid)
        assert second != first
    finally:
        engine.dispose()


def _on(engine, work):
    with engine.connect() as connection:
        return work(connection)


def test_a_connection_given_back_a_moment_ago_is_not_pinged(monkeypatch):
    engine = _postgres_engine()
    pings = []
    original = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda c: pings.append(c) or original(c))
    try:
        for _ in range(3):
            _on(engine, _backend_pid)
        assert pings == []  # under load: no round trip before each use
        monkeypatch.setattr(db, "PING_AFTER_IDLE", 0.0)
        _on(engine, _backend_pid)
        assert len(pings) == 1
        # A dead one in use a moment ago fails its first statement (the handler retries on
        # a fresh connection, state.session.guarded), and the pool then starts afresh.
        monkeypatch.setattr(db, "PING_AFTER_IDLE", 60.0)
        _terminate(_on(engine, _backend_pid))
        with pytest.raises(OperationalError):
            _on(engine, _backend_pid)
        _on(engine, _backend_pid)
    finally:
        engine.dispose()


def test_unanswering_server_is_given_up_on_after_the_timeout(monkeypatch):
    # A listener that never completes the PostgreSQL handshake (like a silent network).
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    port = silent.getsockname()[1]
    monkeypatch.setattr("collab_app.db.CONNECT_TIMEOUT", 2)
    engine = make_engine(f"postgresql://postgres@127.0.0.1:{port}/nowhere")
    started = time.monotonic()
    try:
        with pytest.raises(OperationalError), engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    finally:
        silent.close()
        engine.dispose()
    assert time.monotonic() - started < 10
