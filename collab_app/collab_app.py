"""Builds the Reflex app and registers its pages; nothing else lives here.

No ``from __future__ import annotations``: Reflex evaluates the exception handler's annotations.
"""

import logging

import reflex as rx

from collab_app import file_routes, revenue_downloads
from collab_app.collector import tune_collector
from collab_app.i18n import translate
from collab_app.jobs import periodic_jobs
from collab_app.page_table import PAGES
from collab_app.reflex_adapter import (
    build_states_on_demand,
    keep_state_locks_alive,
    recheck_state_lock_waiters,
)
from collab_app.security_headers import SecurityHeaders
from collab_app.state import live, notifications_live
from collab_app.state.connection_gate import SessionGate

logger = logging.getLogger("collab_app")


def backend_exception_handler(exception: Exception) -> rx.event.EventSpec:
    """Log an unexpected error and show a plain message: no trace ever reaches the browser.

    Args:
        exception: What escaped an event handler.

    Returns:
        A toast in both languages (the failing state's language is not known here).
    """
    logger.exception("Unhandled error in an event handler", exc_info=exception)
    return rx.toast.error(
        f"{translate('error.generic', 'en')} / {translate('error.generic', 'fr')}",
        id="backend-error",
    )


# Each tab builds only the states it reaches (memory per tab, issue #20).
build_states_on_demand()

app = rx.App(
    stylesheets=["/styles.css"],
    backend_exception_handler=backend_exception_handler,
    head_components=[rx.el.meta(name="viewport", content="width=device-width, initial-scale=1")],
    # Cookie-checked file downloads (invoice PDF, split and time CSV), project files (upload,
    # download, previews), then security headers (a Content-Security-Policy, no framing...)
    # on every answer, the pages included.
    api_transformer=[revenue_downloads.api(), file_routes.api(), SecurityHeaders],
)

# A tab's stored state reaches only the connection that proves its session (issue #15).
app.add_middleware(SessionGate())

# Fewer, shorter pauses of the garbage collector under load (see ``collab_app.collector``).
app.register_lifespan_task(tune_collector)
app.register_lifespan_task(live.watch_projects)
# With Redis, an event waiting for its tab's state lock looks again twice a second.
app.register_lifespan_task(recheck_state_lock_waiters)
# With Redis, a tab's state lock does not expire while this process still works under it.
app.register_lifespan_task(keep_state_locks_alive)
# The header bell's unread count follows each person's new notifications.
app.register_lifespan_task(notifications_live.watch_bells)

# Due feedback requests, reminders and outbox delivery, without cron (JOBS_INTERVAL_SECONDS).
app.register_lifespan_task(periodic_jobs)

for page in PAGES:
    app.add_page(page.component, route=page.route, title=page.title, on_load=page.on_load)
