"""Every page of the app: its route, component, title and load handler, in one table.

``collab_app.py`` registers them in a loop; the route constants themselves live in
``collab_app.routes`` (pages link to each other through them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import reflex as rx

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
from collab_app.routes import (
    BOARD,
    COLLECTIVE,
    COLLECTIVE_BILLING,
    COLLECTIVE_FEEDBACK,
    FEEDBACK_FORM,
    FILES,
    HOME,
    INVITE,
    INVOICES,
    MY_TASKS,
    NOT_FOUND,
    NOTIFICATION_SETTINGS,
    NOTIFICATIONS,
    PROFILE,
    PROJECT,
    PROJECT_FEEDBACK,
    RECAP,
    REVISION_ROUND,
    REVISIONS,
    SIGN_IN,
    SIGN_UP,
    SPLIT,
    TASK,
    TIME,
    UNSUBSCRIBE,
)
from collab_app.state.auth import ProfileState, SignInState
from collab_app.state.board import BoardState
from collab_app.state.collective import CollectiveState
from collab_app.state.collective_billing import CollectiveBillingState
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


def _not_found() -> rx.Component:
    return rx.fragment()


@dataclass(frozen=True, slots=True)
class Page:
    """One page: where it is served, what it shows, its browser title, what loads its data."""

    route: str
    component: Callable[[], rx.Component]
    title: str
    on_load: Any


def _page(route: str, component: Callable[[], rx.Component], name: str, state: Any) -> Page:
    """A signed-in or public page titled "<name> · collab", loaded by its state's ``load``.

    Args:
        route: Where the page is served (a ``collab_app.routes`` constant).
        component: The function that builds the page.
        name: The page's own part of the browser title.
        state: The page's state class; its ``load`` handler is the page's ``on_load``.

    Returns:
        The table row.
    """
    return Page(route, component, f"{name} · collab", state.load)


PAGES: tuple[Page, ...] = (
    _page(SIGN_IN, signin, "Sign in", SignInState),
    _page(SIGN_UP, signup, "Sign up", SignInState),
    Page(HOME, home, "collab", DashboardState.load),
    _page(PROFILE, profile, "Profile", ProfileState),
    _page(COLLECTIVE, collective_page, "Collective", CollectiveState),
    _page(PROJECT, project_page, "Project", ProjectState),
    _page(INVITE, invite_page, "Invitation", InviteState),
    _page(BOARD, board_page, "Board", BoardState),
    _page(TASK, task_page, "Task", TaskState),
    _page(RECAP, recap_page, "Recap", RecapState),
    _page(MY_TASKS, my_tasks_page, "My tasks", MyTasksState),
    _page(NOTIFICATIONS, inbox_page, "Notifications", InboxState),
    _page(NOTIFICATION_SETTINGS, settings_page, "Notification settings", NotificationSettingsState),
    _page(UNSUBSCRIBE, unsubscribe_page, "Unsubscribe", UnsubscribeState),
    _page(TIME, time_page, "Time", TimeState),
    _page(SPLIT, split_page, "Split", SplitState),
    _page(INVOICES, invoices_page, "Invoices", InvoicesState),
    _page(COLLECTIVE_BILLING, collective_billing_page, "Invoicing details", CollectiveBillingState),
    _page(PROJECT_FEEDBACK, project_feedback_page, "Feedback", ProjectFeedbackState),
    _page(COLLECTIVE_FEEDBACK, collective_feedback_page, "Feedback", CollectiveFeedbackState),
    _page(FEEDBACK_FORM, feedback_form_page, "Feedback", FeedbackFormState),
    _page(REVISIONS, revisions_page, "Revisions", RevisionsState),
    _page(REVISION_ROUND, revision_round_page, "Revision round", RevisionRoundState),
    _page(FILES, files_page, "Files", FilesState),
    Page(NOT_FOUND, _not_found, "Not found · collab", SessionState.load_public),
)
