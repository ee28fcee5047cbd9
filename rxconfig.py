"""Reflex configuration, read from the environment so the same code runs embedded or scaled out.

- ``DATABASE_URL`` (or ``REFLEX_DB_URL``): SQLAlchemy URL; default a SQLite file in ``data/``.
- ``REFLEX_REDIS_URL``: when set, Reflex keeps state in Redis and may run several workers.
- ``APP_ORIGIN``: the public origin (e.g. https://collab.example.org); in production the websocket
  accepts only this origin.
"""

import os

import reflex as rx

from collab_app.settings import allowed_origins, database_url

config = rx.Config(
    app_name="collab_app",
    db_url=database_url(),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    cors_allowed_origins=allowed_origins(),
    plugins=[rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="teal", radius="medium"))],
    disable_plugins=[rx.plugins.SitemapPlugin],
    frozen_lockfile=os.environ.get("COLLAB_FROZEN_LOCKFILE", "1") == "1",
)
