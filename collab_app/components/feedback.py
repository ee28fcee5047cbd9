"""Feedback results for the team: headline figures, the monthly trend chart, answer cards.

Shared by the project page and the collective page; each passes its own state's Vars.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from collab_app.components.i18n import t, tf, tfn
from collab_app.components.layout import card
from collab_app.components.ui import muted, text_block
from collab_app.services.feedback import RANKINGS, AnswerView
from collab_app.services.feedback.presenter import ChartPoint, Figures, GridLine
from collab_app.state.session import SessionState


def ranking_text(ranking: rx.Var) -> rx.Var:
    """The translated ranking (``top10`` -> "In the top 10%").

    Args:
        ranking: The ranking code.

    Returns:
        A string Var.
    """
    return rx.match(ranking, *[(code, t(f"feedback.ranking.{code}")) for code in RANKINGS], ranking)


def category_color(category: rx.Var) -> rx.Var:
    """Colour of a score's category: promoters green, passives amber, detractors red."""
    return rx.match(category, ("promoter", "green"), ("passive", "amber"), "red")


def _figure(label: rx.Var, value: rx.Var, detail: rx.Component, value_id: str) -> rx.Component:
    return rx.vstack(
        rx.text(value, class_name="fb-big", id=value_id),
        rx.text(label, size="2", weight="medium"),
        detail,
        spacing="1",
        class_name="fb-figure-cell",
    )


def figures_row(figures: rx.Var[Figures]) -> rx.Component:
    """NPS, response rate and calls to offer, side by side (also on phones).

    Args:
        figures: The figures Var (not None).

    Returns:
        A card.
    """
    return card(
        rx.box(
            _figure(
                t("feedback.nps"),
                figures.nps_text,
                muted(
                    rx.cond(
                        figures.answers > 0,
                        tfn("feedback_ui.answers_of", figures.answers),
                        t("feedback.no_answers"),
                    )
                ),
                "fb-nps",
            ),
            _figure(
                t("feedback.response_rate"),
                figures.response_rate_text,
                muted(
                    rx.cond(
                        figures.closed > 0,
                        figures.answered.to_string() + " / " + figures.closed.to_string(),
                        t("feedback_ui.no_rate"),
                    )
                ),
                "fb-rate",
            ),
            _figure(
                t("feedback_ui.calls"),
                figures.needs_call.to_string(),
                muted(tfn("feedback_ui.calls_done", figures.calls_done), id="fb-calls-done"),
                "fb-calls",
            ),
            class_name="fb-figures",
        ),
        rx.cond(
            figures.answers > 0,
            rx.hstack(
                rx.badge(t("feedback.promoters"), " ", figures.promoters, color_scheme="green"),
                rx.badge(t("feedback.passives"), " ", figures.passives, color_scheme="amber"),
                rx.badge(t("feedback.detractors"), " ", figures.detractors, color_scheme="red"),
                wrap="wrap",
                spacing="2",
                id="fb-nps-counts",
            ),
        ),
        rx.el.details(
            rx.el.summary(t("feedback_ui.how_computed"), class_name="fb-summary"),
            rx.vstack(
                rx.text(t("feedback.nps_help"), size="1"),
                rx.cond(
                    figures.closed > 0,
                    rx.text(
                        tf(
                            "feedback.response_rate_help",
                            answered=figures.answered,
                            closed=figures.closed,
                            pending=figures.pending,
                        ),
                        size="1",
                    ),
                ),
                rx.text(t("feedback_ui.calls_help"), size="1"),
                spacing="1",
                padding_top="0.4em",
            ),
            class_name="fb-help",
        ),
    )


def _grid_line(line: rx.Var[GridLine]) -> rx.Component:
    return rx.box(class_name="fb-gridline", style={"top": line.top})


def _y_label(line: rx.Var[GridLine]) -> rx.Component:
    return rx.el.span(line.text, class_name="fb-ylabel", style={"top": line.top})


def _month(point: rx.Var[ChartPoint]) -> rx.Var:
    return rx.cond(SessionState.lang == "fr", point.month_fr, point.month_en)


def _dot(point: rx.Var[ChartPoint]) -> rx.Component:
    return rx.cond(
        point.answers > 0,
        rx.box(
            rx.el.span(point.nps_text, class_name="fb-value"),
            class_name="fb-dot",
            style={"left": point.left, "top": point.top, "width": point.size, "height": point.size},
            title=_month(point)
            + " "
            + point.month.split("-")[0]
            + ": NPS "
            + point.nps_text
            + ", n="
            + point.answers.to_string(),
        ),
    )


def _column(point: rx.Var[ChartPoint]) -> rx.Component:
    return rx.box(
        rx.el.span(_month(point), class_name="fb-xmonth"),
        rx.el.span(point.year, class_name="fb-xyear"),
        rx.el.span(
            "n=" + point.answers.to_string(),
            class_name=rx.cond(point.answers > 0, "fb-count", "fb-count fb-count-zero"),
        ),
        class_name="fb-xcol",
    )


def _table_row(point: rx.Var[ChartPoint]) -> rx.Component:
    return rx.el.tr(
        rx.el.td(point.month),
        rx.el.td(point.nps_text, class_name="fb-num"),
        rx.el.td(point.answers.to_string(), class_name="fb-num"),
    )


def figures_table(
    label_key: str,
    number_keys: tuple[str, ...],
    rows: rx.Var[list],
    render: Callable[[rx.Var], rx.Component],
    **props: object,
) -> rx.Component:
    """A table of feedback figures: a label column, then right-aligned numbers.

    Args:
        label_key: Message key of the first column's heading.
        number_keys: Message keys of the number columns' headings.
        rows: The rows.
        render: Builds one row (an ``rx.el.tr``).
        **props: Extra table props (``id``).

    Returns:
        The table.
    """
    return rx.el.table(
        rx.el.thead(
            rx.el.tr(
                rx.el.th(t(label_key)),
                *[rx.el.th(t(key), class_name="fb-num") for key in number_keys],
            )
        ),
        rx.el.tbody(rx.foreach(rows, render)),
        class_name="fb-table",
        **props,
    )


def trend_chart(
    points: rx.Var[list[ChartPoint]],
    lines: rx.Var[list[str]],
    grid: rx.Var[list[GridLine]],
    min_width: rx.Var[str],
) -> rx.Component:
    """The monthly NPS trend with the number of answers behind each point.

    Args:
        points: One point per month.
        lines: Polyline point lists (runs of months with answers), 0-100 coordinates.
        grid: Horizontal reference lines.
        min_width: The chart's minimum width (CSS); narrower screens scroll it sideways.

    Returns:
        A card with the chart, its caption and the figures as a table.
    """
    return card(
        rx.heading(t("feedback.trend"), size="4"),
        rx.cond(
            points.length() > 0,
            rx.vstack(
                rx.el.figure(
                    rx.box(
                        rx.box(rx.foreach(grid, _y_label), class_name="fb-yaxis"),
                        rx.box(
                            rx.box(
                                rx.box(
                                    rx.el.svg(
                                        rx.foreach(
                                            lines,
                                            lambda pts: rx.el.svg.polyline(
                                                points=pts, class_name="fb-line"
                                            ),
                                        ),
                                        view_box="0 0 100 100",
                                        preserve_aspect_ratio="none",
                                        class_name="fb-lines",
                                        aria_hidden="true",
                                    ),
                                    rx.foreach(grid, _grid_line),
                                    rx.foreach(points, _dot),
                                    class_name="fb-plot",
                                ),
                                rx.box(
                                    rx.foreach(points, _column),
                                    class_name="fb-xaxis",
                                    style={
                                        "grid_template_columns": "repeat("
                                        + points.length().to_string()
                                        + ", minmax(0, 1fr))"
                                    },
                                ),
                                class_name="fb-plot-inner",
                                style={"min_width": min_width},
                            ),
                            class_name="fb-plot-scroll",
                        ),
                        class_name="fb-chart",
                        role="img",
                        aria_label=t("feedback.trend"),
                    ),
                    rx.el.figcaption(t("feedback_ui.chart_caption"), class_name="fb-caption"),
                    class_name="fb-figure",
                    id="fb-trend",
                ),
                rx.el.details(
                    rx.el.summary(t("feedback_ui.chart_table"), class_name="fb-summary"),
                    figures_table(
                        "feedback_ui.month",
                        ("feedback.nps", "feedback_ui.answers"),
                        points,
                        _table_row,
                    ),
                ),
                spacing="2",
                width="100%",
            ),
            rx.text(t("feedback.no_answers"), size="2"),
        ),
    )


def _texts(label_key: str, texts: rx.Var[list[str]]) -> rx.Component:
    return rx.cond(
        texts.length() > 0,
        rx.vstack(
            rx.text(t(label_key), size="2", weight="bold"),
            rx.el.ul(rx.foreach(texts, lambda text: rx.el.li(text)), class_name="fb-list"),
            spacing="1",
            width="100%",
        ),
    )


def _call_badge(shown: rx.Var, label_key: str, color: str, class_name: str) -> rx.Component:
    badge = rx.badge(
        t(label_key), color_scheme=color, variant="surface", size="2", class_name=class_name
    )
    return rx.cond(shown, badge)


def answer_card(
    answer: rx.Var[AnswerView],
    *,
    show_project: bool = False,
    call_form: Callable[[rx.Var[AnswerView]], rx.Component] | None = None,
) -> rx.Component:
    """One client answer as the team reads it.

    Args:
        answer: The answer.
        show_project: Name the project (collective view).
        call_form: Builds the "call held" form of an answer still asking for a call.

    Returns:
        The card.
    """
    return card(
        rx.hstack(
            rx.badge(
                answer.score.to_string() + "/10",
                color_scheme=category_color(answer.category),
                size="3",
                variant="solid",
                class_name="fb-score-badge",
            ),
            rx.badge(ranking_text(answer.ranking), variant="soft", size="2"),
            _call_badge(answer.needs_call, "feedback.needs_call", "orange", "fb-needs-call"),
            _call_badge(answer.call_done, "feedback_ui.call_done", "green", "fb-call-done"),
            wrap="wrap",
            align="center",
            spacing="2",
        ),
        muted(
            answer.submitted_at,
            " · ",
            rx.cond(answer.respondent != "", answer.respondent, t("feedback_ui.client_contact")),
            rx.cond(show_project, rx.fragment(" · ", answer.project_name)),
            size="2",
        ),
        _texts("feedback.appreciated", answer.appreciated),
        _texts("feedback.to_improve", answer.improvements),
        text_block(
            "feedback.comment",
            answer.comment,
            label_size="2",
            text_class="fb-comment",
            container=rx.vstack,
            spacing="1",
            width="100%",
        ),
        rx.cond(
            answer.call_outcome != "",
            rx.text(
                tf("feedback_ui.call_outcome_was", outcome=answer.call_outcome),
                size="2",
                class_name="fb-comment fb-call-outcome",
            ),
        ),
        rx.cond(answer.needs_call, call_form(answer)) if call_form else rx.fragment(),
        rx.cond(
            answer.followup_task_id,
            rx.link(
                t("feedback_ui.followup_task"),
                href="/projects/"
                + answer.project_id.to_string()
                + "/tasks/"
                + answer.followup_task_id.to_string(),
                size="2",
            ),
        ),
        id="answer-" + answer.id.to_string(),
        class_name="fb-answer",
    )


def answers_list(
    answers: rx.Var[list[AnswerView]],
    *,
    show_project: bool = False,
    call_form: Callable[[rx.Var[AnswerView]], rx.Component] | None = None,
) -> rx.Component:
    """Every answer, newest first.

    Args:
        answers: The answers.
        show_project: Name each answer's project.
        call_form: Builds the "call held" form of an answer still asking for a call.

    Returns:
        The section.
    """
    return rx.vstack(
        rx.heading(t("feedback_ui.answers"), size="5"),
        rx.cond(
            answers.length() > 0,
            rx.vstack(
                rx.foreach(
                    answers,
                    lambda a: answer_card(a, show_project=show_project, call_form=call_form),
                ),
                spacing="3",
                width="100%",
            ),
            rx.text(t("feedback.no_answers")),
        ),
        spacing="3",
        width="100%",
        id="fb-answers",
    )
