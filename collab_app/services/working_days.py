"""Working days (Monday to Friday, minus an optional list of holidays) and response deadlines.

The rules, in one place:

- A working day is a Monday to Friday that is not in ``holidays``.
- "Respond within N working days" of a submission made on local day D means: by the end of the
  N-th working day strictly after D (N = 0: by the end of D). The deadline is the start of the
  next local day, as an aware UTC time; an answer at or after it is late.
- The time a response took is the number of working days strictly after the submission's local
  day, up to and including the response's local day (same day: 0; Friday -> Monday: 1).

Local days are taken in the terms' time zone (a project's work calendar, default Europe/Paris).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta

MAX_DAYS = 366


def zone(name: str) -> zoneinfo.ZoneInfo:
    """Return a time zone by name, UTC when the name is unknown.

    Args:
        name: IANA name, e.g. ``Europe/Paris``.

    Returns:
        The zone.
    """
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def is_working_day(day: date, holidays: Collection[date] = ()) -> bool:
    """Tell whether a date is a working day.

    Args:
        day: The date.
        holidays: Dates not worked.

    Returns:
        True from Monday to Friday unless a holiday.
    """
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, holidays: Collection[date] = ()) -> date:
    """Return the ``days``-th working day strictly after ``start`` (``start`` itself for 0).

    Args:
        start: The starting date.
        days: How many working days (0 to 366).
        holidays: Dates not worked.

    Returns:
        The date.

    Raises:
        ValueError: ``days`` out of range.
    """
    if not 0 <= days <= MAX_DAYS:
        raise ValueError("days out of range")
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            left -= 1
    return day


def working_days_between(start: date, end: date, holidays: Collection[date] = ()) -> int:
    """Count the working days ``d`` with ``start < d <= end`` (0 when ``end <= start``).

    Args:
        start: First date (excluded).
        end: Last date (included).
        holidays: Dates not worked.

    Returns:
        The count.
    """
    if end <= start:
        return 0
    span = (end - start).days
    full_weeks, rest = divmod(span, 7)
    count = full_weeks * 5
    for offset in range(1, rest + 1):
        if (start + timedelta(days=offset)).weekday() < 5:
            count += 1
    count -= sum(1 for h in holidays if start < h <= end and h.weekday() < 5)
    return count


def local_day(moment: datetime, tz: str) -> date:
    """Return the local date of an aware time in a zone.

    Args:
        moment: Aware datetime (a naive one is taken as UTC).
        tz: Zone name.

    Returns:
        The local date.
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone(tz)).date()


def response_deadline(
    submitted_at: datetime, days: int, tz: str, holidays: Collection[date] = ()
) -> datetime:
    """Return when a response becomes late: the start of the day after the last allowed day.

    Args:
        submitted_at: Submission time (aware).
        days: Committed response time in working days.
        tz: Zone of the work calendar.
        holidays: Dates not worked.

    Returns:
        Aware UTC datetime.
    """
    last = add_working_days(local_day(submitted_at, tz), days, holidays)
    next_day = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone(tz))
    return next_day.astimezone(UTC)


def working_days_taken(
    submitted_at: datetime, answered_at: datetime, tz: str, holidays: Collection[date] = ()
) -> int:
    """Return how many working days a response took (same local day: 0).

    Args:
        submitted_at: Submission time (aware).
        answered_at: Response time, or now for a round not answered yet (aware).
        tz: Zone of the work calendar.
        holidays: Dates not worked.

    Returns:
        The count.
    """
    return working_days_between(local_day(submitted_at, tz), local_day(answered_at, tz), holidays)
