"""Every page of the app: its route, component, title and load handler, in one table.

``collab_app.py`` registers them in a loop; the route constants themselves live in
``collab_app.routes`` (pages link to each other through them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import reflex as rx

from collab_app import routes
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


PAGES: tuple[Page, ...] = (
    Page(routes.SIGN_IN, signin, "Sign in · collab", SignInState.load),
    Page(routes.SIGN_UP, signup, "Sign up · collab", SignInState.load),
    Page(routes.HOME, home, "collab", DashboardState.load),
    Page(routes.PROFILE, profile, "Profile · collab", ProfileState.load),
    Page(routes.COLLECTIVE, collective_page, "Collective · collab", CollectiveState.load),
    Page(routes.PROJECT, project_page, "Project · collab", ProjectState.load),
    Page(routes.INVITE, invite_page, "Invitation · collab", InviteState.load),
    Page(routes.BOARD, board_page, "Board · collab", BoardState.load),
    Page(routes.TASK, task_page, "Task · collab", TaskState.load),
    Page(routes.RECAP, recap_page, "Recap · collab", RecapState.load),
    Page(routes.MY_TASKS, my_tasks_page, "My tasks · collab", MyTasksState.load),
    Page(routes.NOTIFICATIONS, inbox_page, "Notifications · collab", InboxState.load),
    Page(
        routes.NOTIFICATION_SETTINGS,
        settings_page,
        "Notification settings · collab",
        NotificationSettingsState.load,
    ),
    Page(routes.UNSUBSCRIBE, unsubscribe_page, "Unsubscribe · collab", UnsubscribeState.load),
    Page(routes.TIME, time_page, "Time · collab", TimeState.load),
    Page(routes.SPLIT, split_page, "Split · collab", SplitState.load),
    Page(routes.INVOICES, invoices_page, "Invoices · collab", InvoicesState.load),
    Page(
        routes.COLLECTIVE_BILLING,
        collective_billing_page,
        "Invoicing details · collab",
        CollectiveBillingState.load,
    ),
    Page(
        routes.PROJECT_FEEDBACK,
        project_feedback_page,
        "Feedback · collab",
        ProjectFeedbackState.load,
    ),
    Page(
        routes.COLLECTIVE_FEEDBACK,
        collective_feedback_page,
        "Feedback · collab",
        CollectiveFeedbackState.load,
    ),
    Page(routes.FEEDBACK_FORM, feedback_form_page, "Feedback · collab", FeedbackFormState.load),
    Page(routes.REVISIONS, revisions_page, "Revisions · collab", RevisionsState.load),
    Page(
        routes.REVISION_ROUND,
        revision_round_page,
        "Revision round · collab",
        RevisionRoundState.load,
    ),
    Page(routes.FILES, files_page, "Files · collab", FilesState.load),
    Page(routes.NOT_FOUND, _not_found, "Not found · collab", SessionState.load_public),
)
