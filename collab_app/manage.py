"""Command line for database chores; imports no Reflex.

Usage::

    python -m collab_app.manage migrate              # upgrade the configured database to head
    python -m collab_app.manage makemigration "msg"  # autogenerate a migration from the models
    python -m collab_app.manage check-migrations     # fail if the models differ from migrations
    python -m collab_app.manage seed-if-empty        # create the demo data on an empty database

The database is the one ``collab_app.settings.database_url()`` names (``DATABASE_URL``, else
``REFLEX_DB_URL``, else the SQLite file ``data/collab_app.db``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import make_url
from sqlmodel import Session, SQLModel, select

from collab_app.settings import PROJECT_ROOT, database_url


def _redacted(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def alembic_config(url: str | None = None, *, quiet: bool = False) -> Config:
    """Build the Alembic configuration of the project.

    Args:
        url: Database URL to use instead of the configured one.
        quiet: Leave logging unconfigured (no per-step INFO lines).

    Returns:
        The Alembic configuration.
    """
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    if url:
        config.attributes["database_url"] = url
    if quiet:
        config.attributes["configure_logger"] = False
    return config


def migrate(url: str | None = None) -> None:
    """Upgrade the database to the latest migration.

    Args:
        url: Database URL; defaults to the configured database.
    """
    target = url or database_url()
    print(f"migrate: upgrading {_redacted(target)} to head")
    command.upgrade(alembic_config(target), "head")


def makemigration(message: str) -> None:
    """Autogenerate a migration from the difference between the models and the migrations.

    The comparison runs against a scratch SQLite database upgraded to the current head, so the
    result does not depend on the state of any developer's database.

    Args:
        message: The migration's message (becomes part of its file name).
    """
    with tempfile.TemporaryDirectory(prefix="collab-makemigration-") as tmp:
        scratch = f"sqlite:///{Path(tmp) / 'scratch.db'}"
        config = alembic_config(scratch)
        command.upgrade(config, "head")
        command.revision(config, message=message, autogenerate=True)


def _describe(item: object) -> str:
    """Summarize one entry of alembic's ``compare_metadata`` result in one line."""
    if isinstance(item, list):  # column modifications come as a list of tuples
        return "; ".join(_describe(entry) for entry in item)
    if not isinstance(item, tuple) or not item:
        return repr(item)[:200]
    operation, *rest = item
    names = []
    for part in rest:
        name = getattr(part, "name", None)
        table = getattr(getattr(part, "table", None), "name", None)
        if name is not None:
            names.append(f"{table}.{name}" if table and table != name else str(name))
        elif isinstance(part, str):
            names.append(part)
    return f"{operation} {' '.join(names)}".strip()


def check_migrations() -> bool:
    """Tell whether the migrations produce exactly the schema the models describe.

    Returns:
        True when a scratch SQLite database upgraded to head matches ``SQLModel.metadata``.
    """
    import collab_app.models  # noqa: F401 - registers every table
    from collab_app.db import make_engine

    with tempfile.TemporaryDirectory(prefix="collab-checkmigrations-") as tmp:
        scratch = f"sqlite:///{Path(tmp) / 'scratch.db'}"
        command.upgrade(alembic_config(scratch, quiet=True), "head")
        engine = make_engine(scratch)
        try:
            with engine.connect() as connection:
                context = MigrationContext.configure(
                    connection, opts={"compare_type": True, "render_as_batch": True}
                )
                diff = compare_metadata(context, SQLModel.metadata)
        finally:
            engine.dispose()
    if diff:
        print("check-migrations: the models differ from the migrations:")
        for item in diff:
            print(f"  {_describe(item)}")
        print('Run: python -m collab_app.manage makemigration "describe the change"')
        return False
    print("check-migrations: migrations match the models")
    return True


def seed_if_empty(url: str | None = None) -> bool:
    """Create the demo data when the database has no user.

    Args:
        url: Database URL; defaults to the configured database.

    Returns:
        True if the demo data was created, False if the database already had users.
    """
    from collab_app.db import make_engine
    from collab_app.models import User

    target = url or database_url()
    engine = make_engine(target)
    try:
        if not inspect(engine).has_table(User.__tablename__):
            sys.exit("seed-if-empty: the database has no tables; run `migrate` first")
        with Session(engine, expire_on_commit=False) as session:
            if session.exec(select(User.id).limit(1)).first() is not None:
                print("seed-if-empty: the database already has users; demo data not created")
                return False
            from collab_app import demo

            demo.seed(session)
            session.commit()
    finally:
        engine.dispose()
    print(f"seed-if-empty: demo data created in {_redacted(target)}")
    return True


def main(argv: list[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns:
        The process exit code.
    """
    parser = argparse.ArgumentParser(prog="python -m collab_app.manage", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="upgrade the database to the latest migration")
    make = commands.add_parser("makemigration", help="autogenerate a migration from the models")
    make.add_argument("message", help="short description, e.g. 'add task table'")
    commands.add_parser("check-migrations", help="fail if the models differ from the migrations")
    commands.add_parser("seed-if-empty", help="create the demo data when there is no user")
    args = parser.parse_args(argv)
    if args.command == "migrate":
        migrate()
    elif args.command == "makemigration":
        makemigration(args.message)
    elif args.command == "check-migrations":
        return 0 if check_migrations() else 1
    elif args.command == "seed-if-empty":
        seed_if_empty()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
