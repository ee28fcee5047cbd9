"""``python -m collab_app.demo [--reset] [--port N]``: load the demo data.

The demo's links (feedback forms, invitations, mails in the outbox) point to the app's public
origin, read from the same settings as the running app (``APP_ORIGIN``, else
``http://localhost:$PORT``, see ``collab_app.settings.public_base_url``). ``--port`` sets
``PORT`` for this run, for an app served on another port than 3000 without ``APP_ORIGIN``.
"""

from __future__ import annotations

import argparse
import os
import sys

from sqlalchemy import inspect
from sqlmodel import SQLModel, select

import collab_app.models
from collab_app import db
from collab_app.demo import DEMO_PASSWORD, DEMO_USERS, seed
from collab_app.settings import public_base_url


def _database_is_empty() -> bool:
    with db.session_scope() as session:
        return session.exec(select(collab_app.models.User.id).limit(1)).first() is None


def _empty_database() -> None:
    engine = db.get_engine()
    existing = set(inspect(engine).get_table_names())
    with engine.begin() as connection:
        for table in reversed(SQLModel.metadata.sorted_tables):
            if table.name in existing:
                connection.execute(table.delete())


def main(argv: list[str] | None = None) -> int:
    """Seed the demo; refuse a non-empty database unless ``--reset``.

    Args:
        argv: Command-line arguments.

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(prog="python -m collab_app.demo", description=__doc__)
    parser.add_argument("--reset", action="store_true", help="delete ALL data first, then seed")
    parser.add_argument(
        "--port",
        type=int,
        help="port the app is served on, for the demo's links (default: $PORT, else 3000)",
    )
    args = parser.parse_args(argv)
    if args.port is not None:
        if not 0 < args.port < 65536:
            parser.error("--port must be between 1 and 65535")
        os.environ["PORT"] = str(args.port)
    try:
        if not _database_is_empty():
            if not args.reset:
                print(
                    "The database already holds data; nothing was changed. "
                    "Run with --reset to delete everything and load the demo.",
                    file=sys.stderr,
                )
                return 2
            _empty_database()
        with db.session_scope() as session:
            seed(session)
    except Exception as exc:  # a CLI prints a clear line, not a traceback
        print(f"Could not load the demo data: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        print("Is the database migrated? Run: python -m collab_app.manage migrate", file=sys.stderr)
        return 1
    print(f"Demo data loaded; its links point to {public_base_url()}.")
    print("Sign in with any of these (password: " + DEMO_PASSWORD + "):")
    for email, name, _ in DEMO_USERS.values():
        print(f"  {email}  ({name})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
