"""A project's client feedback for its team: results, answers, actions, schedule and outbox.

Only managers and members of the project get anything here: for guests and clients the
services refuse (``PermissionDenied``) and the page shows the same "not found" as for a missing
project, with every var left empty, so no answer, score or figure ever reaches their browser.
Managers also get the schedule's addresses, the sent requests and the outbox with the links.
Every handler passes the route's project id to the services, which check the role again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from collab_app.i18n.grammar import of_name
from collab_app.i18n.plurals import translate_count
from collab_app.services import feedback, projects
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from collab_app.services.feedback import (
    ActionView,
    AnswerView,
    ClientCandidate,
    ContactView,
    RequestView,
    ScheduleView,
)
from collab_app.services.feedback.presenter import (
    ChartPoint,
    Figures,
    GridLine,
    actions_shown,
    chart_of,
    figures_of,
    requests_shown,
    results_shown,
    schedule_shown,
)
from collab_app.services.mail.outbox import OutboxView
from collab_app.services.viewer import Viewer
from collab_app.settings import smtp_settings
from collab_app.state.forms import form_text
from collab_app.state.session import PageState, guarded, page_load


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

    load = page_load(clear_errors=True)

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
        results = results_shown(feedback.project_results(session, viewer, project_id=pid), viewer)
        manager = schedule.can_edit
        self.fb_project_id = project.id
        self.fb_project_name = project.name
        self.fb_collective_id = project.collective_id
        self.fb_collective_name = project.collective_name
        self.fb_of_collective = of_name(project.collective_name, self.lang)
        self.fb_is_manager = manager
        self.schedule = schedule_shown(schedule, viewer.locale)
        self.contacts = list(schedule.contacts)
        self.candidates = [c for c in schedule.candidates if not c.is_contact] if manager else []
        self.figures = figures_of(results)
        self.answers = list(results.answers)
        self.chart, self.chart_lines, self.chart_grid, self.chart_min_width = chart_of(
            results.trend
        )
        self.actions = actions_shown(feedback.list_actions(session, viewer, project_id=pid), viewer)
        if manager:
            self.fb_requests = requests_shown(
                feedback.list_requests(session, viewer, project_id=pid, limit=50), viewer.locale
            )
            self.outbox_messages = feedback.project_outbox(
                session, viewer, project_id=pid, limit=50
            )
            self.smtp_configured = smtp_settings() is not None
        else:
            self.fb_requests, self.outbox_messages = [], []

    def _change(self, service: Callable[..., Any], /, *, done: str = "", **arguments: Any):
        """Run a change of this project's feedback (``_act`` with the route's project id)."""
        return self._act(service, done=done, project_id=self._project_id(), **arguments)

    def _counted(self, service: Callable[..., int], key: str):
        """Run a change that queues mails, then confirm how many (``key`` counts them)."""
        count = self._call(service, project_id=self._project_id())
        self._reload()
        return rx.toast.success(translate_count(key, count, self.lang))

    def _set_paused(self, paused: bool, key: str):
        """Pause or resume the schedule, and say so."""
        self._change(feedback.set_paused, paused=paused)
        return rx.toast.info(self._t(key))

    # --- schedule (managers) -------------------------------------------------------------------

    @rx.event
    @guarded
    def save_settings(self, form_data: dict[str, Any]):
        """Save the schedule's delays, sending hour and time zone.

        Args:
            form_data: ``first_delay_days``, ``interval_days``, ``reminder_delay_days``,
                ``send_hour``, ``timezone``.
        """
        delays = ("first_delay_days", "interval_days", "reminder_delay_days", "send_hour")
        settings = feedback.ScheduleSettings(
            timezone=form_text(form_data, "timezone").strip() or None,
            **{name: form_text(form_data, name).strip() for name in delays},
        )
        done = self._change(feedback.configure_schedule, done="form.saved", settings=settings)
        self.settings_version += 1
        return done

    @rx.event
    @guarded
    def add_contact(self, form_data: dict[str, Any]):
        """Add a client of the project, or an extra email address, as feedback contact.

        Args:
            form_data: ``contact_user_id`` or ``contact_email`` with ``contact_locale``.
        """
        user_id = form_text(form_data, "contact_user_id")
        try:
            done = self._change(
                feedback.add_contact,
                done="feedback_ui.contact_added",
                user_id=user_id or None,
                email="" if user_id else form_text(form_data, "contact_email"),
                locale=form_text(form_data, "contact_locale"),
            )
        except ValidationError as error:
            field = {"user_id": "contact_user_id", "email": "contact_email"}.get(error.field or "")
            error.field = field or ("contact_user_id" if user_id else "contact_email")
            raise
        return [rx.set_value("contact_email", ""), done]

    @rx.event
    @guarded
    def remove_contact(self, contact_id: int):
        """Stop asking a contact (past answers stay).

        Args:
            contact_id: A contact of this project's schedule.
        """
        self._change(feedback.remove_contact, contact_id=contact_id)

    @rx.event
    @guarded
    def pause(self):
        """Stop sending requests and reminders."""
        return self._set_paused(True, "feedback_ui.paused")

    @rx.event
    @guarded
    def resume(self):
        """Send again on schedule."""
        return self._set_paused(False, "feedback_ui.resumed")

    @rx.event
    @guarded
    def send_now(self):
        """Queue a form link to every contact right away."""
        return self._counted(feedback.send_now, "feedback.sent_now")

    # --- improvement actions (managers) -------------------------------------------------------

    @rx.event
    @guarded
    def add_action(self, form_data: dict[str, Any]):
        """Record what the collective will change.

        Args:
            form_data: ``action_text``, ``action_answer_id`` (optional), ``action_share``.
        """
        try:
            done = self._change(
                feedback.add_action,
                done="feedback_ui.action_added",
                text=form_text(form_data, "action_text"),
                answer_id=form_text(form_data, "action_answer_id") or None,
                share_with_client=_checked(form_data, "action_share"),
            )
        except ValidationError as error:
            error.field = "action_text" if error.field in (None, "text") else error.field
            raise
        return [rx.set_value("action_text", ""), done]

    @rx.event
    @guarded
    def set_action_status(self, action_id: int, status: str):
        """Change an action's status.

        Args:
            action_id: An action of this project.
            status: ``planned``, ``in_progress`` or ``done``.
        """
        self._change(feedback.update_action, action_id=action_id, status=status)

    @rx.event
    @guarded
    def set_action_shared(self, action_id: int, shared: bool):
        """Include an action in the client recap, or not.

        Args:
            action_id: An action of this project.
            shared: Whether the client may see it.
        """
        self._change(feedback.update_action, action_id=action_id, share_with_client=shared is True)

    @rx.event
    @guarded
    def delete_action(self, action_id: int):
        """Delete an action.

        Args:
            action_id: An action of this project.
        """
        self._change(feedback.delete_action, action_id=action_id)

    @rx.event
    @guarded
    def mark_call_done(self, form_data: dict[str, Any]):
        """Record that an answer's follow-up call was held, with what came of it.

        Args:
            form_data: ``answer_id`` and ``call_outcome``.
        """
        answer_id = form_text(form_data, "answer_id")
        try:
            return self._change(
                feedback.mark_call_done,
                done="feedback_ui.call_marked_done",
                answer_id=answer_id,
                outcome=form_text(form_data, "call_outcome"),
            )
        except ValidationError as error:
            error.field = f"call_outcome_{answer_id}"  # the form under that answer
            raise

    @rx.event
    @guarded
    def send_recap(self):
        """Mail the client-visible actions to the feedback contacts."""
        return self._counted(feedback.send_recap, "feedback.recap_sent")
