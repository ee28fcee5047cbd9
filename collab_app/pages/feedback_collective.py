"""Client feedback across a collective's projects (NPS per collective and per project)."""

from __future__ import annotations

import reflex as rx

from collab_app.components.feedback import answers_list, figures_row, figures_table, trend_chart
from collab_app.components.i18n import t, tf
from collab_app.components.layout import page_when
from collab_app.components.ui import muted, section
from collab_app.state.feedback_collective import CollectiveFeedbackState as S
from collab_app.state.feedback_collective import ProjectFigures


def _project_row(row: rx.Var[ProjectFigures]) -> rx.Component:
    return rx.el.tr(
        rx.el.td(
            rx.link(row.name, href="/projects/" + row.project_id.to_string() + "/feedback"),
            rx.el.div(row.client_name, class_name="fb-muted"),
        ),
        rx.el.td(row.nps_text, class_name="fb-num"),
        rx.el.td(row.answers.to_string(), class_name="fb-num"),
        rx.el.td(row.response_rate_text, class_name="fb-num"),
        rx.el.td(row.needs_call.to_string(), class_name="fb-num"),
    )


def _projects_card() -> rx.Component:
    return section(
        "feedback_ui.by_project",
        rx.box(
            figures_table(
                "feedback_ui.project",
                (
                    "feedback.nps",
                    "feedback_ui.answers",
                    "feedback.response_rate",
                    "feedback_ui.calls",
                ),
                S.fbc_projects,
                _project_row,
                id="fb-projects",
            ),
            class_name="fb-table-wrap",
        ),
    )


def collective_feedback_page() -> rx.Component:
    return page_when(
        S.fbc_figures,
        rx.heading(
            tf("feedback_ui.collective_title", collective=S.fbc_collective_name),
            size="6",
        ),
        rx.hstack(
            muted(t("feedback_ui.collective_scope"), size="2"),
            rx.link(
                S.fbc_collective_name,
                href="/collectives/" + S.fbc_collective_id.to_string(),
                size="2",
            ),
            wrap="wrap",
        ),
        figures_row(S.fbc_figures),
        rx.box(
            trend_chart(S.fbc_chart, S.fbc_chart_lines, S.fbc_chart_grid, S.fbc_chart_width),
            _projects_card(),
            class_name="grid-2 fb-align-start",
        ),
        answers_list(S.fbc_answers, show_project=True),
    )
