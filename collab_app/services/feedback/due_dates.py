"""When feedback rounds and reminders are due: the schedule's calendar.

All in the schedule's time zone, by default the client contact's:

- round 1 is due ``first_delay_days`` (14) after the project's start date, at ``send_hour`` (9:00)
  local time; each later round ``interval_days`` (30) after the previous round's date. Day
  arithmetic is done on local calendar dates, then converted to UTC, so month ends and DST
  changes need no special case (9:00 in Paris is 08:00 UTC in winter and 07:00 UTC in summer);
- a round sent more than a day late (feedback turned on mid-project, the app was down, the
  schedule was resumed after its date) or by "send now" restarts the rhythm from the day it was
  sent, so a client never receives two requests a few days apart;
- one reminder ``reminder_delay_days`` (3) after a request, at ``send_hour``, if still
  unanswered;
- a form link expires 30 days after it was sent.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from collab_app.models import (
    FeedbackSchedule,
    Project,
)

DEFAULT_FIRST_DELAY_DAYS = 14
DEFAULT_INTERVAL_DAYS = 30
DEFAULT_REMINDER_DELAY_DAYS = 3
DEFAULT_SEND_HOUR = 9
DEFAULT_TIMEZONE = "Europe/Paris"
REQUEST_LIFETIME = timedelta(days=30)
# A round sent later than this after its due time restarts the rhythm from the day it was sent.
LATE_AFTER = timedelta(days=1)


@cache
def zone(name: str) -> ZoneInfo:
    """Return the time zone of an IANA name.

    Args:
        name: e.g. ``Europe/Paris``.

    Returns:
        The zone.

    Raises:
        ValueError: Unknown name.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown time zone: {name!r}") from exc


def local_to_utc(day: date, hour: int, tz: str) -> datetime:
    """Return the UTC time of ``hour``:00 on a local calendar day.

    A local time skipped by a DST change (02:00 on the last Sunday of March in Paris) moves
    forward by the gap; a repeated one (02:00 in late October) is the first occurrence.

    Args:
        day: Local date.
        hour: Local hour, 0-23.
        tz: IANA time zone name.

    Returns:
        Aware UTC datetime.
    """
    local = datetime.combine(day, time(hour), tzinfo=zone(tz))
    return local.astimezone(UTC)


def local_date(moment: datetime, tz: str) -> date:
    """Return the local calendar date of an aware time.

    Args:
        moment: Aware datetime.
        tz: IANA time zone name.

    Returns:
        The date in that zone.
    """
    return moment.astimezone(zone(tz)).date()


def series_dates(
    start: date,
    count: int,
    *,
    first_delay_days: int = DEFAULT_FIRST_DELAY_DAYS,
    interval_days: int = DEFAULT_INTERVAL_DAYS,
) -> list[date]:
    """Return the local dates of the first rounds of an on-time schedule.

    Args:
        start: The project's start date.
        count: How many rounds.
        first_delay_days: Days from the start to round 1.
        interval_days: Days between rounds.

    Returns:
        ``count`` dates.
    """
    first = start + timedelta(days=first_delay_days)
    return [first + timedelta(days=interval_days * k) for k in range(count)]


def next_due_on(schedule: FeedbackSchedule, project: Project) -> date:
    """Return the local date of the schedule's next round.

    Args:
        schedule: The schedule.
        project: Its project (round 1 follows its start date, even if that changes).

    Returns:
        The date.
    """
    if schedule.rounds_sent == 0 or schedule.next_due_on is None:
        return project.start_date + timedelta(days=schedule.first_delay_days)
    return schedule.next_due_on


def next_due_at(schedule: FeedbackSchedule, project: Project) -> datetime:
    """Return the (aware UTC) time of the schedule's next round.

    Args:
        schedule: The schedule.
        project: Its project.

    Returns:
        The time.
    """
    return local_to_utc(next_due_on(schedule, project), schedule.send_hour, schedule.timezone)


def following_due_on(
    schedule: FeedbackSchedule, *, due_on: date, sent_at: datetime, manual: bool
) -> date:
    """Return the date of the round after one sent at ``sent_at`` for ``due_on``.

    Args:
        schedule: The schedule.
        due_on: The local date the sent round was due.
        sent_at: When it was actually sent.
        manual: It was a "send now".

    Returns:
        The next round's local date.
    """
    interval = timedelta(days=schedule.interval_days)
    due_at = local_to_utc(due_on, schedule.send_hour, schedule.timezone)
    if manual or sent_at - due_at > LATE_AFTER:
        return local_date(sent_at, schedule.timezone) + interval
    return due_on + interval


def reminder_due_at(schedule: FeedbackSchedule, sent_at: datetime) -> datetime | None:
    """Return when the reminder of a request sent at ``sent_at`` is due (None: no reminder).

    Args:
        schedule: The schedule.
        sent_at: When the request was sent.

    Returns:
        Aware UTC time at ``send_hour`` local, ``reminder_delay_days`` local days later.
    """
    if schedule.reminder_delay_days <= 0:
        return None
    day = local_date(sent_at, schedule.timezone) + timedelta(days=schedule.reminder_delay_days)
    return local_to_utc(day, schedule.send_hour, schedule.timezone)


def viewer_zone(timezone: str) -> str:
    """Return a viewer's time zone if it is known, else the default one.

    Args:
        timezone: An IANA name, possibly empty or unknown.

    Returns:
        A usable IANA name.
    """
    try:
        zone(timezone)
    except ValueError:
        return DEFAULT_TIMEZONE
    return timezone
