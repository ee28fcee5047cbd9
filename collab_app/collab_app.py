"""Builds the Reflex app and registers its pages; nothing else lives here.

No ``from __future__ import annotations``: Reflex evaluates the exception handler's annotations.
"""

import logging

import reflex as rx

from collab_app import file_routes, revenue_downloads, routes
from collab_app.i18n import translate
from collab_app.jobs import periodic_jobs
from collab_app.pages.auth import profile, signin, signup
from collab_app.pages.board import board_page
from collab_app.pages.collective import collective_page
from collab_app.pages.collective_billing import collective_billing_page
from collab_app.pages.feedback import project_feedback_page
from collab_app.pages.feedback_collective import collective_feedback_page
from collab_app.pages.feedback_form import feedback_form_page
from collab_app.pages.files import files_page
from collab_app.pages.home import home
from collab_app.pages.invite import invite_page
from collab_app.pages.invoices import invoices_page
from collab_app.pages.my_tasks import my_tasks_page
from collab_app.pages.notifications import inbox_page, settings_page, unsubscribe_page
from collab_app.pages.project import project_page
from collab_app.pages.recap import recap_page
from collab_app.pages.revisions import revisions_page
from collab_app.pages.revisions_round import revision_round_page
from collab_app.pages.split import split_page
from collab_app.pages.task import task_page
from collab_app.pages.time import time_page
from collab_app.security_headers import SecurityHeaders
from collab_app.state import live, notifications_live
from collab_app.state.auth import ProfileState, SignInState
from collab_app.state.board import BoardState
from collab_app.state.collective import CollectiveState
from collab_app.state.collective_billing import CollectiveBillingState
from collab_app.state.connection_gate import SessionGate
from collab_app.state.dashboard import DashboardState
from collab_app.state.feedback import ProjectFeedbackState
from collab_app.state.feedback_collective import CollectiveFeedbackState
from collab_app.state.feedback_form import FeedbackFormState
from collab_app.state.files import FilesState
from collab_app.state.invite import InviteState
from collab_app.state.invoices import InvoicesState
from collab_app.state.my_tasks import MyTasksState
from collab_app.state.notifications import (
    InboxState,
    NotificationSettingsState,
    UnsubscribeState,
)
from collab_app.state.project import ProjectState
from collab_app.state.recap import RecapState
from collab_app.state.revenue import SplitState
from collab_app.state.revisions import RevisionsState
from collab_app.state.revisions_round import RevisionRoundState
from collab_app.state.session import SessionState
from collab_app.state.task import TaskState
from collab_app.state.time_tracking import TimeState

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

app.register_lifespan_task(live.watch_projects)
# The header bell's unread count follows each person's new notifications.
app.register_lifespan_task(notifications_live.watch_bells)

# Due feedback requests, reminders and outbox delivery, without cron (JOBS_INTERVAL_SECONDS).
app.register_lifespan_task(periodic_jobs)

app.add_page(signin, route=routes.SIGN_IN, title="Sign in · collab", on_load=SignInState.load)
app.add_page(signup, route=routes.SIGN_UP, title="Sign up · collab", on_load=SignInState.load)
app.add_page(home, route=routes.HOME, title="collab", on_load=DashboardState.load)
app.add_page(profile, route=routes.PROFILE, title="Profile · collab", on_load=ProfileState.load)
app.add_page(
    collective_page,
    route=routes.COLLECTIVE,
    title="Collective · collab",
    on_load=CollectiveState.load,
)
app.add_page(
    project_page, route=routes.PROJECT, title="Project · collab", on_load=ProjectState.load
)
app.add_page(
    invite_page, route=routes.INVITE, title="Invitation · collab", on_load=InviteState.load
)
app.add_page(board_page, route=routes.BOARD, title="Board · collab", on_load=BoardState.load)
app.add_page(task_page, route=routes.TASK, title="Task · collab", on_load=TaskState.load)
app.add_page(recap_page, route=routes.RECAP, title="Recap · collab", on_load=RecapState.load)
app.add_page(
    my_tasks_page, route=routes.MY_TASKS, title="My tasks · collab", on_load=MyTasksState.load
)
app.add_page(
    inbox_page,
    route=routes.NOTIFICATIONS,
    title="Notifications · collab",
    on_load=InboxState.load,
)
app.add_page(
    settings_page,
    route=routes.NOTIFICATION_SETTINGS,
    title="Notification settings · collab",
    on_load=NotificationSettingsState.load,
)
app.add_page(
    unsubscribe_page,
    route=routes.UNSUBSCRIBE,
    title="Unsubscribe · collab",
    on_load=UnsubscribeState.load,
)
app.add_page(time_page, route=routes.TIME, title="Time · collab", on_load=TimeState.load)
app.add_page(split_page, route=routes.SPLIT, title="Split · collab", on_load=SplitState.load)
app.add_page(
    invoices_page, route=routes.INVOICES, title="Invoices · collab", on_load=InvoicesState.load
)
app.add_page(
    collective_billing_page,
    route=routes.COLLECTIVE_BILLING,
    title="Invoicing details · collab",
    on_load=CollectiveBillingState.load,
)
app.add_page(
    project_feedback_page,
    route=routes.PROJECT_FEEDBACK,
    title="Feedback · collab",
    on_load=ProjectFeedbackState.load,
)
app.add_page(
    collective_feedback_page,
    route=routes.COLLECTIVE_FEEDBACK,
    title="Feedback · collab",
    on_load=CollectiveFeedbackState.load,
)
app.add_page(
    feedback_form_page,
    route=routes.FEEDBACK_FORM,
    title="Feedback · collab",
    on_load=FeedbackFormState.load,
)
app.add_page(
    revisions_page,
    route=routes.REVISIONS,
    title="Revisions · collab",
    on_load=RevisionsState.load,
)
app.add_page(
    revision_round_page,
    route=routes.REVISION_ROUND,
    title="Revision round · collab",
    on_load=RevisionRoundState.load,
)
app.add_page(files_page, route=routes.FILES, title="Files · collab", on_load=FilesState.load)
app.add_page(
    lambda: rx.fragment(),
    route="/404",
    title="Not found · collab",
    on_load=SessionState.load_public,
)
