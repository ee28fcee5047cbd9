"""The PostgreSQL engine survives a lost link: dead pooled connections are replaced, and an
unreachable server is given up on quickly so the person sees "retrying", not a frozen page."""

import socket
import time

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from collab_app.db import CONNECT_TIMEOUT, make_engine


def test_postgres_engine_checks_pooled_connections_before_use():
    engine = make_engine("postgresql://postgres@127.0.0.1:1/nowhere")
    assert engine.pool._pre_ping is True
    assert 0 < CONNECT_TIMEOUT <= 10


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
