"""A project's time: quick entry (phone first), latest entries, report with CSV, own rate."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import form_error, labelled, submit_button, text_field
from collab_app.components.i18n import colon, t
from collab_app.components.layout import card, page
from collab_app.components.project_nav import project_nav
from collab_app.components.revenue import kind_label
from collab_app.services.time_tracking import EntryView, ReportRow, TaskOption
from collab_app.state.time_tracking import TimeState

S = TimeState


def _task_option(task: rx.Var[TaskOption]) -> rx.Component:
    return rx.el.option(task.title, value=task.id.to_string())


def _entry_form() -> rx.Component:
    return card(
        rx.heading(t("revenueui.log_time"), size="4"),
        rx.form(
            rx.vstack(
                text_field(
                    "work_date",
                    "revenueui.work_date",
                    type_="date",
                    default_value=S.today,
                    required=True,
                ),
                labelled(
                    "duration",
                    "revenueui.duration",
                    rx.input(
                        id="duration",
                        name="duration",
                        input_mode="decimal",
                        placeholder="1,5 · 1:30 · 90m",
                        required=True,
                        width="100%",
                        size="3",
                        max_length=12,
                    ),
                    "revenueui.duration_hint",
                ),
                labelled(
                    "kind",
                    "revenueui.kind",
                    rx.el.select(
                        rx.el.option(t("revenue.kind_production"), value="production"),
                        rx.el.option(t("revenue.kind_management"), value="management"),
                        id="kind",
                        name="kind",
                        class_name="native-select",
                    ),
                ),
                labelled(
                    "task",
                    "revenueui.task",
                    rx.el.select(
                        rx.el.option(t("revenueui.no_task"), value=""),
                        rx.foreach(S.tasks, _task_option),
                        id="task",
                        name="task",
                        class_name="native-select",
                    ),
                ),
                text_field("note", "revenueui.note", max_length=200),
                submit_button("revenueui.log", width="100%", id="log-time"),
                spacing="3",
                width="100%",
            ),
            on_submit=S.log_time,
            width="100%",
        ),
    )


def _entry(entry: rx.Var[EntryView]) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(entry.work_date_label, " · ", entry.duration, weight="medium"),
            rx.text(
                kind_label(entry.kind),
                rx.cond(entry.task_title != "", " · ", ""),
                entry.task_title,
                size="1",
                color_scheme="gray",
            ),
            rx.cond(entry.note != "", rx.text(entry.note, size="1")),
            spacing="0",
        ),
        rx.spacer(),
        rx.cond(
            entry.can_delete,
            rx.button(
                "×",
                on_click=S.delete_entry(entry.id),
                variant="ghost",
                color_scheme="red",
                aria_label=t("revenueui.delete"),
            ),
        ),
        width="100%",
        align="center",
        class_name="time-entry",
    )


def _report_row(row: rx.Var[ReportRow]) -> rx.Component:
    return rx.el.tr(
        rx.el.td(row.person),
        rx.el.td(row.production, class_name="num"),
        rx.el.td(row.management, class_name="num"),
        rx.el.td(row.total, class_name="num"),
    )


def _person_option(person: rx.Var[tuple[int, str]]) -> rx.Component:
    return rx.el.option(person[1], value=person[0].to_string())


def _report() -> rx.Component:
    return card(
        rx.heading(t("revenueui.report"), size="4"),
        rx.form(
            rx.hstack(
                text_field(
                    "period_start",
                    "revenueui.time_from",
                    type_="date",
                    default_value=S.period_start,
                ),
                text_field(
                    "period_end", "revenueui.time_to", type_="date", default_value=S.period_end
                ),
                rx.cond(
                    S.is_manager,
                    labelled(
                        "report_user",
                        "revenueui.person",
                        rx.el.select(
                            rx.el.option(t("revenueui.everyone"), value=""),
                            rx.foreach(S.people, _person_option),
                            id="report_user",
                            name="report_user",
                            class_name="native-select",
                        ),
                    ),
                ),
                submit_button("revenueui.show"),
                align="end",
                wrap="wrap",
                spacing="3",
                width="100%",
            ),
            on_submit=S.run_report,
            width="100%",
        ),
        rx.box(
            rx.el.table(
                rx.el.thead(
                    rx.el.tr(
                        rx.el.th(t("revenueui.person")),
                        rx.el.th(t("revenue.kind_production")),
                        rx.el.th(t("revenue.kind_management")),
                        rx.el.th(t("revenue.csv_total")),
                    )
                ),
                rx.el.tbody(rx.foreach(S.report_rows, _report_row)),
                class_name="report-table",
            ),
            class_name="table-scroll",
        ),
        rx.hstack(
            rx.text(
                t("revenue.csv_total"), colon(), S.report_total, weight="bold", id="report-total"
            ),
            rx.spacer(),
            rx.link(t("revenueui.download_csv"), href=S.csv_url, is_external=True, id="time-csv"),
            width="100%",
        ),
        rx.foreach(S.report_entries, _entry),
    )


def _profile() -> rx.Component:
    p = S.profile
    return card(
        rx.heading(t("revenueui.my_profile"), size="4"),
        rx.text(t("revenueui.my_profile_hint"), size="2", color_scheme="gray"),
        rx.form(
            rx.vstack(
                text_field("rate", "revenueui.default_rate", default_value=p.rate, max_length=20),
                labelled(
                    "rate_unit",
                    "revenueui.rate_unit",
                    rx.el.select(
                        rx.el.option(t("revenueui.per_day"), value="day"),
                        rx.el.option(t("revenueui.per_hour"), value="hour"),
                        id="rate_unit",
                        name="rate_unit",
                        default_value=p.rate_unit,
                        class_name="native-select",
                    ),
                ),
                rx.el.label(
                    rx.el.input(
                        type="checkbox",
                        name="vat_exempt",
                        id="vat_exempt",
                        default_checked=p.vat_exempt,
                    ),
                    " ",
                    t("revenueui.vat_exempt"),
                    html_for="vat_exempt",
                ),
                text_field(
                    "vat_rate", "revenueui.vat_rate", default_value=p.vat_rate, max_length=6
                ),
                submit_button("form.save"),
                spacing="3",
                width="100%",
            ),
            on_submit=S.save_profile,
            key=p.rate + p.rate_unit + p.vat_rate,
            width="100%",
        ),
    )


def time_page() -> rx.Component:
    return page(
        rx.cond(
            S.time_project_id > 0,
            rx.vstack(
                project_nav(S.time_project_id, S.project_name),
                form_error(),
                rx.cond(
                    S.can_log,
                    rx.box(
                        rx.vstack(
                            _entry_form(),
                            card(
                                rx.heading(t("revenueui.my_latest"), size="4"),
                                rx.foreach(S.recent, _entry),
                            ),
                            spacing="4",
                            width="100%",
                        ),
                        rx.vstack(
                            _report(),
                            rx.cond(S.profile, _profile()),
                            spacing="4",
                            width="100%",
                        ),
                        class_name="grid-2",
                    ),
                    rx.callout(t("revenueui.time_team_only"), id="time-team-only", width="100%"),
                ),
                spacing="4",
                width="100%",
            ),
        )
    )
