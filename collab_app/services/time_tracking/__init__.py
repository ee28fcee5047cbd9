"""Time tracking: log time on a project (optionally a task), list it, report it over a period.

Who logs: managers, members and guests of the project (clients never). Who reads: a project's
managers read everyone's time on it; everyone else reads only their own. The report groups the
readable entries per project and per person, over any period, and is exported as CSV by
:mod:`collab_app.services.billing.exports`.
"""

from collab_app.services.time_tracking.entries import (
    delete_time,
    list_entries,
    log_time,
    readable_clause,
    recent_entries,
    task_options,
)
from collab_app.services.time_tracking.periods import parse_day, parse_duration, parse_period
from collab_app.services.time_tracking.presenter import (
    EntryView,
    ReportRow,
    TaskOption,
    TimeReport,
    format_duration,
    hidden_task_label,
)
from collab_app.services.time_tracking.report import ReportCriteria, period_condition, time_report

__all__ = [
    "EntryView",
    "ReportCriteria",
    "ReportRow",
    "TaskOption",
    "TimeReport",
    "delete_time",
    "format_duration",
    "hidden_task_label",
    "list_entries",
    "log_time",
    "parse_day",
    "parse_duration",
    "parse_period",
    "period_condition",
    "readable_clause",
    "recent_entries",
    "task_options",
    "time_report",
]
