"""The time report: the readable entries of a period, per project and per person.

Exported as CSV by :mod:`collab_app.services.billing.exports` over the same condition
(:func:`period_condition`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, func
from sqlmodel import Session, select

from collab_app.models import Project, TimeEntry, User
from collab_app.services import permissions
from collab_app.services.time_tracking import presenter
from collab_app.services.time_tracking.entries import MAX_LISTED, list_entries, readable_clause
from collab_app.services.time_tracking.periods import parse_period
from collab_app.services.time_tracking.presenter import TimeReport
from collab_app.services.viewer import Viewer


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportCriteria:
    """What a time report (and its CSV export) covers, as received from the client.

    Checked by :func:`period_condition`, the one place that reads it.

    Attributes:
        start: First day, ISO.
        end: Last day, ISO (included).
        project_id: One project (id received from the client), or None for every project.
        user_id: Only this person (id received from the client), or None/empty for all.
    """

    start: object
    end: object
    project_id: object = None
    user_id: object = None


def period_condition(
    session: Session, viewer: Viewer, criteria: ReportCriteria
) -> tuple[date, date, ColumnElement[bool]]:
    """Return the period and the SQL condition on the entries the viewer may read in it.

    Returns:
        (first day, last day, condition).

    Raises:
        ValidationError: The period is invalid.
        NotFound: ``criteria.project_id`` is not a project the viewer is on.
    """
    first, last = parse_period(criteria.start, criteria.end)
    condition = and_(
        readable_clause(session, viewer, criteria.project_id),
        TimeEntry.work_date >= first,
        TimeEntry.work_date <= last,
    )
    if criteria.user_id not in (None, "", 0, "0"):
        condition = and_(condition, TimeEntry.user_id == permissions.coerce_id(criteria.user_id))
    return first, last, condition


def time_report(
    session: Session, viewer: Viewer, *, criteria: ReportCriteria, locale: str = "en"
) -> TimeReport:
    """Report the time the viewer may read over a period, per project and per person.

    Args:
        criteria: The period, and optionally one project and one person.
        locale: For dates.

    Returns:
        The report (at most ``MAX_LISTED`` entries listed; totals cover everything).
    """
    first, last, condition = period_condition(session, viewer, criteria)
    sums = session.exec(
        select(
            TimeEntry.project_id,
            Project.name,
            TimeEntry.user_id,
            User.display_name,
            TimeEntry.kind,
            func.sum(TimeEntry.minutes),
        )
        .join(Project, Project.id == TimeEntry.project_id)
        .join(User, User.id == TimeEntry.user_id)
        .where(condition)
        .group_by(TimeEntry.project_id, Project.name, TimeEntry.user_id, User.display_name)
        .group_by(TimeEntry.kind)
    ).all()
    grouped: dict[tuple[int, int], list] = {}
    for pid, pname, uid, person, kind, minutes in sums:
        row = grouped.setdefault((pid, uid), [pname, person, 0, 0])
        row[2 if kind == "production" else 3] += int(minutes or 0)
    rows = tuple(
        presenter.report_row(pid, pname, uid, person, prod, mgmt)
        for (pid, uid), (pname, person, prod, mgmt) in sorted(
            grouped.items(), key=lambda item: (item[1][0].lower(), item[1][1].lower())
        )
    )
    entries = list_entries(session, viewer, condition=condition, locale=locale)
    return presenter.time_report(first, last, rows, entries, limit=MAX_LISTED)
