"""Reflex configuration, read from the environment so the same code runs embedded or scaled out.

- ``DATABASE_URL`` (or ``REFLEX_DB_URL``): SQLAlchemy URL; default a SQLite file in ``data/``.
- ``REFLEX_REDIS_URL``: when set, Reflex keeps state in Redis and may run several workers.
- ``APP_ORIGIN``: the public origin (e.g. https://collab.example.org); in production the websocket
  accepts only this origin.
- ``REFLEX_OPLOCK_ENABLED``: with Redis, on unless set to 0 (see below).
"""

import os

import reflex as rx

from collab_app.reflex_adapter import ColorModeFromDocument, RadixRootThemeRule
from collab_app.settings import allowed_origins, database_url

if os.environ.get("REFLEX_REDIS_URL"):
    # A tab's events and live refreshes all run on the worker holding its websocket, so that
    # worker may keep the tab's state between them (Reflex's opportunistic lock) instead of
    # reading and writing it in Redis each time: live propagation to 50 viewers, p95 658 ->
    # 484 ms (benchmarks/README.md). Another worker that needs the state asks for it back.
    os.environ.setdefault("REFLEX_OPLOCK_ENABLED", "1")

config = rx.Config(
    app_name="collab_app",
    db_url=database_url(),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    cors_allowed_origins=allowed_origins(),
    plugins=[
        rx.plugins.RadixThemesPlugin(theme=rx.theme(accent_color="teal", radius="medium")),
        # Radix Themes' stylesheet without its document-wide ``:has()`` rule (issue #20).
        RadixRootThemeRule(),
        # The theme's element takes <html>'s light or dark class, without a light first frame.
        ColorModeFromDocument(),
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
    frozen_lockfile=os.environ.get("COLLAB_FROZEN_LOCKFILE", "1") == "1",
)
