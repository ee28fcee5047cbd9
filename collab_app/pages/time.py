"""A project's time: quick entry (phone first), latest entries, report with CSV, own rate."""

from __future__ import annotations

import reflex as rx

from collab_app.components.forms import (
    blank_option,
    check_field,
    choice_field,
    form_error,
    input_field,
    keyed_options,
    stacked_form,
    submit_button,
    text_field,
)
from collab_app.components.i18n import colon, t
from collab_app.components.layout import blocks, project_frame
from collab_app.components.revenue import RATE_UNITS, kind_label
from collab_app.components.ui import delete_cross, download_link, muted, section
from collab_app.services.time_tracking import EntryView, ReportRow, TaskOption
from collab_app.state.time_tracking import TimeState

S = TimeState


def _task_option(task: rx.Var[TaskOption]) -> rx.Component:
    return rx.el.option(task.title, value=task.id.to_string())


def _entry_form() -> rx.Component:
    return section(
        "revenueui.log_time",
        stacked_form(
            text_field(
                "work_date",
                "revenueui.work_date",
                type_="date",
                default_value=S.today,
                required=True,
            ),
            input_field(
                "duration",
                "revenueui.duration",
                hint_key="revenueui.duration_hint",
                input_mode="decimal",
                placeholder="1,5 · 1:30 · 90m",
                required=True,
                max_length=12,
            ),
            choice_field(
                "kind",
                "revenueui.kind",
                *keyed_options(
                    [
                        ("production", "revenue.kind_production"),
                        ("management", "revenue.kind_management"),
                    ]
                ),
            ),
            choice_field(
                "task",
                "revenueui.task",
                blank_option("revenueui.no_task"),
                rx.foreach(S.tasks, _task_option),
            ),
            text_field("note", "revenueui.note", max_length=200),
            submit_button("revenueui.log", width="100%", id="log-time"),
            on_submit=S.log_time,
        ),
    )


def _entry(entry: rx.Var[EntryView]) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(entry.work_date_label, " · ", entry.duration, weight="medium"),
            muted(
                kind_label(entry.kind),
                rx.cond(entry.task_title != "", " · ", ""),
                entry.task_title,
            ),
            rx.cond(entry.note != "", rx.text(entry.note, size="1")),
            spacing="0",
        ),
        rx.spacer(),
        rx.cond(entry.can_delete, delete_cross(S.delete_entry(entry.id), "revenueui.delete")),
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


def _report_form() -> rx.Component:
    return rx.form(
        rx.hstack(
            text_field(
                "period_start", "revenueui.time_from", type_="date", default_value=S.period_start
            ),
            text_field("period_end", "revenueui.time_to", type_="date", default_value=S.period_end),
            rx.cond(
                S.abilities.is_manager,
                choice_field(
                    "report_user",
                    "revenueui.person",
                    blank_option("revenueui.everyone"),
                    rx.foreach(S.people, _person_option),
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
    )


def _report() -> rx.Component:
    headers = (
        "revenueui.person",
        "revenue.kind_production",
        "revenue.kind_management",
        "revenue.csv_total",
    )
    return section(
        "revenueui.report",
        _report_form(),
        rx.box(
            rx.el.table(
                rx.el.thead(rx.el.tr(*[rx.el.th(t(key)) for key in headers])),
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
            download_link("revenueui.download_csv", S.csv_url, "time-csv"),
            width="100%",
        ),
        rx.foreach(S.report_entries, _entry),
    )


def _profile() -> rx.Component:
    p = S.profile
    return section(
        "revenueui.my_profile",
        stacked_form(
            text_field("rate", "revenueui.default_rate", default_value=p.rate, max_length=20),
            choice_field(
                "rate_unit",
                "revenueui.rate_unit",
                *keyed_options(RATE_UNITS),
                default_value=p.rate_unit,
            ),
            check_field("vat_exempt", "revenueui.vat_exempt", default_checked=p.vat_exempt),
            text_field("vat_rate", "revenueui.vat_rate", default_value=p.vat_rate, max_length=6),
            submit_button("form.save"),
            on_submit=S.save_profile,
            key=p.rate + p.rate_unit + p.vat_rate,
        ),
        hint_key="revenueui.my_profile_hint",
    )


def time_page() -> rx.Component:
    return project_frame(
        S.time_project_id,
        S.project_name,
        form_error(),
        rx.cond(
            S.abilities.can_log_time,
            rx.box(
                blocks(_entry_form(), section("revenueui.my_latest", rx.foreach(S.recent, _entry))),
                blocks(_report(), rx.cond(S.profile, _profile())),
                class_name="grid-2",
            ),
            rx.callout(t("revenueui.time_team_only"), id="time-team-only", width="100%"),
        ),
    )
