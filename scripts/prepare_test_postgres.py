"""Prepare the PostgreSQL database used by the second unit-test run.

Prints nothing and exits 0 when the database named by ``TEST_DATABASE_URL`` (default
``postgresql://postgres@127.0.0.1:5432/collab_test``) exists or was just created; exits 3 when
the server does not answer, so ``scripts/test.sh`` can report the run as skipped.
"""

from __future__ import annotations

import os
import sys

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/collab_test"
UNREACHABLE = 3


def main() -> int:
    """Create the test database if missing.

    Returns:
        0 when ready, 3 when PostgreSQL is not reachable, 1 on any other error.
    """
    url = make_url(os.environ.get("TEST_DATABASE_URL") or DEFAULT_URL)
    params = {
        "host": url.host or "127.0.0.1",
        "port": url.port or 5432,
        "user": url.username or "postgres",
        "password": url.password,
        "connect_timeout": 3,
    }
    try:
        admin = psycopg.connect(dbname="postgres", autocommit=True, **params)
    except psycopg.OperationalError as error:
        print(f"PostgreSQL at {params['host']}:{params['port']} not reachable: {error}".strip())
        return UNREACHABLE
    with admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (url.database,)
        ).fetchone()
        if not exists:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(url.database)))
            print(f"created database {url.database}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
