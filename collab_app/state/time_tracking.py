"""A project's time page: quick entry (phone first), the viewer's latest entries, the report.

Managers read everyone's time on the project; everyone else only their own (the services
filter). The viewer's own billing profile (default rate, VAT status) is edited here too: it is
their own figure, never anyone else's.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import reflex as rx

from collab_app.services import permissions, time_tracking
from collab_app.services.billing import rates
from collab_app.services.billing.presenter import ProfileView
from collab_app.services.board.cards import viewer_today
from collab_app.services.time_tracking import EntryView, ReportRow, TaskOption
from collab_app.services.viewer import Viewer
from collab_app.state.forms import form_text
from collab_app.state.project_page import ProjectPageMixin
from collab_app.state.session import PageState, guarded, page_load


class TimeState(ProjectPageMixin, PageState):
    """Time entries and report of one project."""

    time_project_id: int = 0
    project_name: str = ""
    today: str = ""
    tasks: list[TaskOption] = []
    recent: list[EntryView] = []
    people: list[tuple[int, str]] = []
    period_start: str = ""
    period_end: str = ""
    report_user: str = ""
    report_rows: list[ReportRow] = []
    report_entries: list[EntryView] = []
    report_total: str = ""
    profile: ProfileView | None = None

    @rx.var
    def csv_url(self) -> str:
        """Download link of the report as CSV (the route checks the session again)."""
        query = {"start": self.period_start, "end": self.period_end}
        query["project"] = str(self.time_project_id)
        if self.report_user:
            query["user"] = self.report_user
        return f"/api/revenue/time.csv?{urlencode(query)}"

    def _reset_page(self) -> None:
        self.time_project_id, self.project_name = 0, ""
        self.tasks, self.recent, self.people = [], [], []
        self.report_rows, self.report_entries, self.report_total = [], [], ""
        self.profile = None

    load = page_load()

    def _load(self, session: Any, viewer: Viewer) -> None:
        project = self._open_project(session, viewer)
        pid = project.id
        self._reset_page()
        self.time_project_id, self.project_name = project.id, project.name
        able = permissions.abilities_for(project.role)
        today = viewer_today(viewer)
        self.today = today.isoformat()
        if not self.period_end:
            self.period_start = (today - timedelta(days=30)).isoformat()
            self.period_end = today.isoformat()
        if not able.can_log_time:
            return
        self.tasks = time_tracking.task_options(session, viewer, project_id=pid)
        self.recent = time_tracking.recent_entries(
            session, viewer, project_id=pid, locale=self.lang
        )
        self.profile = rates.get_profile(session, viewer, locale=self.lang)
        if able.is_manager:  # managers see everyone's time
            people = rates.list_rates(session, viewer, project_id=project.id, locale=self.lang)
            self.people = [(row.user_id, row.name) for row in people]
        self._report(session, viewer)

    def _report(self, session: Any, viewer: Viewer) -> None:
        report = time_tracking.time_report(
            session,
            viewer,
            criteria=time_tracking.ReportCriteria(
                start=self.period_start,
                end=self.period_end,
                project_id=self.time_project_id,
                user_id=self.report_user or None,
            ),
            locale=self.lang,
        )
        self._show_report(report)

    def _show_report(self, report: time_tracking.TimeReport) -> None:
        self.report_rows = list(report.rows)
        self.report_entries = list(report.entries[:100])
        self.report_total = report.total

    @rx.event
    @guarded
    def log_time(self, form_data: dict[str, Any]):
        """Log time from the quick-entry form.

        Args:
            form_data: ``work_date``, ``duration``, ``kind``, ``task``, ``note``.
        """
        self._act(
            time_tracking.log_time,
            project_id=self._project_id(),
            work_date=form_text(form_data, "work_date"),
            duration=form_text(form_data, "duration"),
            kind=form_text(form_data, "kind"),
            task_id=form_text(form_data, "task") or None,
            note=form_text(form_data, "note"),
        )
        return [
            rx.set_value("duration", ""),
            rx.set_value("note", ""),
            rx.toast.success(self._t("revenueui.time_logged")),
        ]

    @rx.event
    @guarded
    def delete_entry(self, entry_id: int):
        """Delete a time entry (one's own, or any as a manager).

        Args:
            entry_id: Its id (checked by the service).
        """
        self._act(time_tracking.delete_time, entry_id=entry_id)

    @rx.event
    @guarded
    def run_report(self, form_data: dict[str, Any]):
        """Report another period or person.

        Args:
            form_data: ``period_start``, ``period_end``, ``report_user``.
        """
        start, end = form_text(form_data, "period_start"), form_text(form_data, "period_end")
        user = form_text(form_data, "report_user")[:12]
        report = self._call(
            time_tracking.time_report,
            criteria=time_tracking.ReportCriteria(
                start=start, end=end, project_id=self.time_project_id, user_id=user or None
            ),
            locale=self.lang,
        )
        self.period_start, self.period_end, self.report_user = start, end, user
        self._show_report(report)

    @rx.event
    @guarded
    def save_profile(self, form_data: dict[str, Any]):
        """Save the viewer's default rate and VAT status.

        Args:
            form_data: ``rate``, ``rate_unit``, ``vat_exempt``, ``vat_rate``.
        """
        return self._act(
            rates.save_profile,
            done="form.saved",
            rate=form_text(form_data, "rate"),
            rate_unit=form_text(form_data, "rate_unit"),
            vat_exempt=form_text(form_data, "vat_exempt") in ("on", "true", "1"),
            vat_rate=form_text(form_data, "vat_rate") or "20",
        )
