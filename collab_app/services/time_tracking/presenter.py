"""What the time screens and exports show: entries, report rows and task options.

The services read typed values (minutes, dates, ids); this module turns them into the frozen
views states put in their vars, with the shared formatters of :mod:`collab_app.i18n`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from collab_app.i18n import format_date, translate
from collab_app.models import TimeEntry
from collab_app.services.shared_views import view_from


@dataclass(frozen=True, slots=True)
class EntryView:
    """One time entry as its reader may see it."""

    id: int
    project_id: int
    project_name: str
    user_id: int
    person: str
    work_date: str
    work_date_label: str
    minutes: int
    duration: str
    kind: str
    task_title: str
    note: str
    can_delete: bool


@dataclass(frozen=True, slots=True)
class ReportRow:
    """Time of one person on one project over the period."""

    project_id: int
    project_name: str
    user_id: int
    person: str
    production_minutes: int
    management_minutes: int
    total_minutes: int
    production: str
    management: str
    total: str


@dataclass(frozen=True, slots=True)
class TimeReport:
    """A report over a period: rows per project and person, totals, and the entries."""

    start: str
    end: str
    rows: tuple[ReportRow, ...]
    total_minutes: int
    total: str
    entries: tuple[EntryView, ...]
    truncated: bool


@dataclass(frozen=True, slots=True)
class TaskOption:
    """A task time can be logged on."""

    id: int
    title: str


def format_duration(minutes: int) -> str:
    """Format minutes as ``7 h 30`` (same in both languages).

    Args:
        minutes: Whole minutes.

    Returns:
        The text.
    """
    hours, rest = divmod(int(minutes), 60)
    return f"{hours} h {rest:02d}"


def hidden_task_label(locale: str) -> str:
    """What an entry shows instead of the title of a task its reader may no longer see.

    Args:
        locale: The reader's language.

    Returns:
        The translated label.
    """
    return translate("revenue.task_not_visible", locale)


def entry_view(
    entry: TimeEntry,
    *,
    project_name: str,
    person: str,
    task_title: str,
    can_delete: bool,
    locale: str,
) -> EntryView:
    """Project one time entry for its reader.

    Args:
        entry: The entry (already filtered by the readable clause).
        project_name: Its project's name.
        person: Who logged it.
        task_title: Its task's title as the reader may see it ("" for none).
        can_delete: Whether the reader may delete it.
        locale: The reader's language.

    Returns:
        The view.
    """
    return view_from(
        EntryView,
        entry,
        project_name=project_name,
        person=person,
        work_date=entry.work_date.isoformat(),
        work_date_label=format_date(entry.work_date, locale),
        duration=format_duration(entry.minutes),
        task_title=task_title,
        can_delete=can_delete,
    )


def report_row(
    project_id: int, project_name: str, user_id: int, person: str, production: int, management: int
) -> ReportRow:
    """Project one person's minutes on one project over a period.

    Args:
        project_id: The project.
        project_name: Its name.
        user_id: The person.
        person: Their display name.
        production: Production minutes.
        management: Management minutes.

    Returns:
        The row.
    """
    return ReportRow(
        project_id=project_id,
        project_name=project_name,
        user_id=user_id,
        person=person,
        production_minutes=production,
        management_minutes=management,
        total_minutes=production + management,
        production=format_duration(production),
        management=format_duration(management),
        total=format_duration(production + management),
    )


def time_report(
    first: date,
    last: date,
    rows: tuple[ReportRow, ...],
    entries: list[EntryView],
    *,
    limit: int,
) -> TimeReport:
    """Assemble a report from its rows and its entries (at most ``limit`` listed).

    Args:
        first: First day.
        last: Last day.
        rows: Rows per project and person.
        entries: The entries read (possibly one more than ``limit``).
        limit: How many entries are listed.

    Returns:
        The report; totals cover every row.
    """
    total = sum(r.total_minutes for r in rows)
    return TimeReport(
        start=first.isoformat(),
        end=last.isoformat(),
        rows=rows,
        total_minutes=total,
        total=format_duration(total),
        entries=tuple(entries[:limit]),
        truncated=len(entries) > limit,
    )
