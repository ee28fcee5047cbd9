"""A project's client feedback for its team (not found for guests and clients)."""

from __future__ import annotations

import reflex as rx

from collab_app.components.feedback import answers_list, figures_row, trend_chart
from collab_app.components.feedback_actions import actions_card, mark_call_form
from collab_app.components.feedback_manage import outbox_card, requests_card, schedule_card
from collab_app.components.forms import form_error
from collab_app.components.i18n import t, tf
from collab_app.components.layout import project_frame
from collab_app.state.feedback import ProjectFeedbackState as S


def project_feedback_page() -> rx.Component:
    return project_frame(
        S.fb_project_id,
        S.fb_project_name,
        rx.hstack(
            rx.heading(t("feedback.results_title"), size="5", as_="h2"),
            rx.spacer(),
            rx.link(
                tf("feedback_ui.collective_link", of_collective=S.fb_of_collective),
                href="/collectives/" + S.fb_collective_id.to_string() + "/feedback",
                size="2",
            ),
            align="center",
            wrap="wrap",
            width="100%",
        ),
        form_error(),
        figures_row(S.figures),
        rx.box(
            trend_chart(S.chart, S.chart_lines, S.chart_grid, S.chart_min_width),
            schedule_card(),
            class_name="grid-2 fb-align-start",
        ),
        rx.box(
            answers_list(S.answers, call_form=mark_call_form),
            actions_card(),
            class_name="grid-2 fb-align-start",
        ),
        rx.cond(
            S.fb_is_manager,
            rx.box(requests_card(), outbox_card(), class_name="grid-2 fb-align-start"),
        ),
        shown=S.figures,
    )
