"""Client feedback across a collective's projects: NPS, response rate, trend, answers.

The services decide the scope: a member of the collective sees the aggregate of the projects
they work on as manager or member (owners and admins: all of them); someone outside the
collective gets "not found". Guests and clients are not members of the collective.
"""

from __future__ import annotations

from typing import Any

from collab_app.services import feedback, projects
from collab_app.services.errors import PermissionDenied
from collab_app.services.feedback import AnswerView
from collab_app.services.feedback.presenter import (
    ChartPoint,
    Figures,
    GridLine,
    ProjectFigures,
    chart_of,
    figures_of,
    project_figures,
    results_shown,
)
from collab_app.services.permissions import TEAM_ROLES
from collab_app.services.viewer import Viewer
from collab_app.state.collective_page import CollectivePageMixin
from collab_app.state.session import PageState, page_load

ANSWERS_SHOWN = 50


class CollectiveFeedbackState(CollectivePageMixin, PageState):
    """Projection of a collective's feedback for one of its members."""

    fbc_collective_id: int = 0
    fbc_collective_name: str = ""
    fbc_figures: Figures | None = None
    fbc_projects: list[ProjectFigures] = []
    fbc_answers: list[AnswerView] = []
    fbc_chart: list[ChartPoint] = []
    fbc_chart_lines: list[str] = []
    fbc_chart_grid: list[GridLine] = []
    fbc_chart_width: str = ""

    def _reset_page(self) -> None:
        self.fbc_collective_id, self.fbc_collective_name = 0, ""
        self.fbc_figures = None
        self.fbc_projects, self.fbc_answers = [], []
        self.fbc_chart, self.fbc_chart_lines, self.fbc_chart_grid = [], [], []
        self.fbc_chart_width = ""

    load = page_load()

    def _load(self, session: Any, viewer: Viewer) -> None:
        cid = self._collective_id()
        collective = self._open_collective(session, viewer)
        results = results_shown(
            feedback.collective_results(session, viewer, collective_id=cid, limit=ANSWERS_SHOWN),
            viewer,
        )
        rows = []
        for project in projects.list_projects(session, viewer):
            if project.collective_id != collective.id or project.role not in TEAM_ROLES:
                continue
            try:
                one = feedback.project_results(session, viewer, project_id=project.id, limit=1)
            except PermissionDenied:
                continue
            rows.append(project_figures(project.id, project.name, project.client_name, one))
        self.fbc_collective_id = collective.id
        self.fbc_collective_name = collective.name
        self.fbc_figures = figures_of(results)
        self.fbc_projects = rows
        self.fbc_answers = list(results.answers)
        self.fbc_chart, self.fbc_chart_lines, self.fbc_chart_grid, self.fbc_chart_width = chart_of(
            results.trend
        )
