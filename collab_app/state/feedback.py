"""A project's client feedback for its team: results, answers, actions, schedule and outbox.

Only managers and members of the project get anything here: for guests and clients the
services refuse (``PermissionDenied``) and the page shows the same "not found" as for a missing
project, with every var left empty, so no answer, score or figure ever reaches their browser.
Managers also get the schedule's addresses, the sent requests and the outbox with the links.
Every handler passes the route's project id to the services, which check the role again.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from collab_app.i18n.grammar import of_name
from collab_app.i18n.plurals import translate_count
from collab_app.services import feedback, projects
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from collab_app.services.feedback import (
    ActionView,
    ClientCandidate,
    ContactView,
    RequestView,
    ScheduleView,
)
from collab_app.services.feedback.results import AnswerView
from collab_app.services.mail.outbox import OutboxView
from collab_app.services.viewer import Viewer
from collab_app.settings import smtp_settings
from collab_app.state.async_io import with_async_io
from collab_app.state.feedback_views import (
    ChartPoint,
    Figures,
    GridLine,
    chart_points,
    chart_width,
    figures_of,
    grid_lines,
    line_segments,
)
from collab_app.state.forms import form_text
from collab_app.state.session import PageState, guarded


def _checked(form_data: Any, key: str) -> bool:
    """A checkbox of a form payload: Reflex sends its ``checked`` (a bool), FormData ``"on"``."""
    value = form_data.get(key) if isinstance(form_data, dict) else None
    return value is True or value == "on"


class ProjectFeedbackState(PageState):
    """Projection of one project's feedback for a manager or member."""

    fb_project_id: int = 0
    fb_project_name: str = ""
    fb_collective_id: int = 0
    fb_collective_name: str = ""
    fb_of_collective: str = ""  # "of Atelier Nord" / "d'Atelier Nord", in the tab's language
    fb_is_manager: bool = False
    figures: Figures | None = None
    answers: list[AnswerView] = []
    chart: list[ChartPoint] = []
    chart_lines: list[str] = []
    chart_grid: list[GridLine] = []
    chart_min_width: str = ""
    actions: list[ActionView] = []
    schedule: ScheduleView | None = None
    contacts: list[ContactView] = []
    # Managers only: client members not yet asked, requests sent, outgoing mails.
    candidates: list[ClientCandidate] = []
    fb_requests: list[RequestView] = []
    outbox_messages: list[OutboxView] = []
    smtp_configured: bool = False
    # Bumped after saving the settings so the form re-mounts with the saved values.
    settings_version: int = 0

    def _project_id(self) -> str:
        return self._route_arg("project_id")

    def _reset_page(self) -> None:
        self.fb_project_id, self.fb_project_name = 0, ""
        self.fb_collective_id, self.fb_collective_name = 0, ""
        self.fb_of_collective = ""
        self.fb_is_manager = False
        self.figures = None
        self.answers, self.chart, self.chart_lines, self.chart_grid = [], [], [], []
        self.chart_min_width = ""
        self.actions, self.contacts, self.candidates = [], [], []
        self.schedule = None
        self.fb_requests, self.outbox_messages = [], []
        self.smtp_configured = False

    @rx.event
    @with_async_io
    def load(self):
        """``on_load``: check the session, then load this page's projection."""
        self._clear_errors()
        return self._load_page()

    def _load(self, session: Any, viewer: Viewer) -> None:
        pid = self._project_id()
        try:
            # First: refuses guests and clients before anything is read.
            schedule = feedback.get_schedule(session, viewer, project_id=pid)
        except PermissionDenied as error:
            raise NotFound() from error
        # Live: a new answer, a request sent by the job, another manager's change re-load this.
        self._watch_project(schedule.project_id)
        project = projects.get_project(session, viewer, project_id=pid, locale=self.lang)
        results = feedback.project_results(session, viewer, project_id=pid)
        manager = schedule.can_edit
        self.fb_project_id = project.id
        self.fb_project_name = project.name
        self.fb_collective_id = project.collective_id
        self.fb_collective_name = project.collective_name
        self.fb_of_collective = of_name(project.collective_name, self.lang)
        self.fb_is_manager = manager
        self.schedule = schedule
        self.contacts = list(schedule.contacts)
        self.candidates = [c for c in schedule.candidates if not c.is_contact] if manager else []
        self.figures = figures_of(results)
        self.answers = list(results.answers)
        self.chart = chart_points(results.trend)
        self.chart_lines = line_segments(self.chart)
        self.chart_grid = grid_lines() if self.chart else []
        self.chart_min_width = chart_width(self.chart)
        self.actions = feedback.list_actions(session, viewer, project_id=pid)
        if manager:
            self.fb_requests = feedback.list_requests(session, viewer, project_id=pid, limit=50)
            self.outbox_messages = feedback.project_outbox(
                session, viewer, project_id=pid, limit=50
            )
            self.smtp_configured = smtp_settings() is not None
        else:
            self.fb_requests, self.outbox_messages = [], []

    # --- schedule (managers) -------------------------------------------------------------------

    @rx.event
    @guarded
    def save_settings(self, form_data: dict[str, Any]):
        """Save the schedule's delays, sending hour and time zone.

        Args:
            form_data: ``first_delay_days``, ``interval_days``, ``reminder_delay_days``,
                ``send_hour``, ``timezone``.
        """
        self._clear_errors()
        self._with_viewer(
            lambda session, viewer: feedback.configure_schedule(
                session,
                viewer,
                project_id=self._project_id(),
                first_delay_days=form_text(form_data, "first_delay_days").strip(),
                interval_days=form_text(form_data, "interval_days").strip(),
                reminder_delay_days=form_text(form_data, "reminder_delay_days").strip(),
                send_hour=form_text(form_data, "send_hour").strip(),
                timezone=form_text(form_data, "timezone").strip() or None,
            )
        )
        self.settings_version += 1
        self._reload()
        return rx.toast.success(self._t("form.saved"))

    @rx.event
    @guarded
    def add_contact(self, form_data: dict[str, Any]):
        """Add a client of the project, or an extra email address, as feedback contact.

        Args:
            form_data: ``contact_user_id`` or ``contact_email`` with ``contact_locale``.
        """
        self._clear_errors()
        user_id = form_text(form_data, "contact_user_id")
        email = form_text(form_data, "contact_email")
        try:
            self._with_viewer(
                lambda session, viewer: feedback.add_contact(
                    session,
                    viewer,
                    project_id=self._project_id(),
                    user_id=user_id or None,
                    email="" if user_id else email,
                    locale=form_text(form_data, "contact_locale"),
                )
            )
        except ValidationError as error:
            field = {"user_id": "contact_user_id", "email": "contact_email"}.get(error.field or "")
            error.field = field or ("contact_user_id" if user_id else "contact_email")
            raise
        self._reload()
        return [
            rx.set_value("contact_email", ""),
            rx.toast.success(self._t("feedback_ui.contact_added")),
        ]

    @rx.event
    @guarded
    def remove_contact(self, contact_id: int):
        """Stop asking a contact (past answers stay).

        Args:
            contact_id: A contact of this project's schedule.
        """
        self._with_viewer(
            lambda session, viewer: feedback.remove_contact(
                session, viewer, project_id=self._project_id(), contact_id=contact_id
            )
        )
        self._reload()

    @rx.event
    @guarded
    def pause(self):
        """Stop sending requests and reminders."""
        self._clear_errors()
        self._with_viewer(
            lambda session, viewer: feedback.pause_schedule(
                session, viewer, project_id=self._project_id()
            )
        )
        self._reload()
        return rx.toast.info(self._t("feedback_ui.paused"))

    @rx.event
    @guarded
    def resume(self):
        """Send again on schedule."""
        self._clear_errors()
        self._with_viewer(
            lambda session, viewer: feedback.resume_schedule(
                session, viewer, project_id=self._project_id()
            )
        )
        self._reload()
        return rx.toast.info(self._t("feedback_ui.resumed"))

    @rx.event
    @guarded
    def send_now(self):
        """Queue a form link to every contact right away."""
        self._clear_errors()
        count = self._with_viewer(
            lambda session, viewer: feedback.send_now(
                session, viewer, project_id=self._project_id()
            )
        )
        self._reload()
        return rx.toast.success(translate_count("feedback.sent_now", count, self.lang))

    # --- improvement actions (managers) -------------------------------------------------------

    @rx.event
    @guarded
    def add_action(self, form_data: dict[str, Any]):
        """Record what the collective will change.

        Args:
            form_data: ``action_text``, ``action_answer_id`` (optional), ``action_share``.
        """
        self._clear_errors()
        try:
            self._with_viewer(
                lambda session, viewer: feedback.add_action(
                    session,
                    viewer,
                    project_id=self._project_id(),
                    text=form_text(form_data, "action_text"),
                    answer_id=form_text(form_data, "action_answer_id") or None,
                    share_with_client=_checked(form_data, "action_share"),
                )
            )
        except ValidationError as error:
            error.field = "action_text" if error.field in (None, "text") else error.field
            raise
        self._reload()
        return [
            rx.set_value("action_text", ""),
            rx.toast.success(self._t("feedback_ui.action_added")),
        ]

    @rx.event
    @guarded
    def set_action_status(self, action_id: int, status: str):
        """Change an action's status.

        Args:
            action_id: An action of this project.
            status: ``planned``, ``in_progress`` or ``done``.
        """
        self._with_viewer(
            lambda session, viewer: feedback.update_action(
                session,
                viewer,
                project_id=self._project_id(),
                action_id=action_id,
                status=status,
            )
        )
        self._reload()

    @rx.event
    @guarded
    def set_action_shared(self, action_id: int, shared: bool):
        """Include an action in the client recap, or not.

        Args:
            action_id: An action of this project.
            shared: Whether the client may see it.
        """
        self._with_viewer(
            lambda session, viewer: feedback.update_action(
                session,
                viewer,
                project_id=self._project_id(),
                action_id=action_id,
                share_with_client=shared is True,
            )
        )
        self._reload()

    @rx.event
    @guarded
    def delete_action(self, action_id: int):
        """Delete an action.

        Args:
            action_id: An action of this project.
        """
        self._with_viewer(
            lambda session, viewer: feedback.delete_action(
                session, viewer, project_id=self._project_id(), action_id=action_id
            )
        )
        self._reload()

    @rx.event
    @guarded
    def mark_call_done(self, form_data: dict[str, Any]):
        """Record that an answer's follow-up call was held, with what came of it.

        Args:
            form_data: ``answer_id`` and ``call_outcome``.
        """
        self._clear_errors()
        answer_id = form_text(form_data, "answer_id")
        try:
            self._with_viewer(
                lambda session, viewer: feedback.mark_call_done(
                    session,
                    viewer,
                    project_id=self._project_id(),
                    answer_id=answer_id,
                    outcome=form_text(form_data, "call_outcome"),
                )
            )
        except ValidationError as error:
            error.field = f"call_outcome_{answer_id}"  # the form under that answer
            raise
        self._reload()
        return rx.toast.success(self._t("feedback_ui.call_marked_done"))

    @rx.event
    @guarded
    def send_recap(self):
        """Mail the client-visible actions to the feedback contacts."""
        self._clear_errors()
        count = self._with_viewer(
            lambda session, viewer: feedback.send_recap(
                session, viewer, project_id=self._project_id()
            )
        )
        self._reload()
        return rx.toast.success(translate_count("feedback.recap_sent", count, self.lang))
