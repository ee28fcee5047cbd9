"""Days, periods and durations as typed in the time forms (phone first)."""

from __future__ import annotations

import re
from datetime import date

from collab_app.services.errors import ValidationError

MAX_MINUTES = 24 * 60
MAX_PERIOD_DAYS = 3 * 366
_DURATION = re.compile(r"^(?:(\d{1,2})\s*[h:]\s*(\d{0,2})\s*(?:m|min)?|(\d{1,4})\s*(?:m|min))$")


def parse_duration(text: object) -> int:
    """Parse a duration typed on a phone: ``1.5``, ``1,5`` (hours), ``1:30``, ``1h30``, ``90m``.

    Args:
        text: What was typed.

    Returns:
        Whole minutes, 1 to 1440.

    Raises:
        ValidationError: Not a duration, or outside one minute to 24 hours.
    """
    raw = str(text or "").strip().lower() if isinstance(text, str | int) else ""
    minutes: int | None = None
    match = _DURATION.match(raw)
    if match:
        if match.group(3) is not None:
            minutes = int(match.group(3))
        else:
            extra = match.group(2) or "0"
            minutes = int(match.group(1)) * 60 + int(extra) if int(extra) < 60 else None
    elif re.fullmatch(r"\d{1,2}(?:[.,]\d{1,2})?", raw):
        whole, _, frac = raw.replace(",", ".").partition(".")
        hundredths = int(whole) * 100 + int((frac or "0").ljust(2, "0"))
        # Hours with decimals, rounded half up to the minute (integers only).
        minutes = (hundredths * 60 + 50) // 100
    if minutes is None or not 0 < minutes <= MAX_MINUTES:
        raise ValidationError("revenue.duration_invalid", field="duration")
    return minutes


def parse_day(text: object, *, field: str) -> date:
    """Parse an ISO date typed in a date input.

    Args:
        text: ``YYYY-MM-DD``.
        field: Form field named in errors.

    Returns:
        The date.

    Raises:
        ValidationError: Not a date.
    """
    try:
        return date.fromisoformat(str(text or "").strip()[:10])
    except ValueError as exc:
        raise ValidationError("form.date_invalid", field=field) from exc


def parse_period(start: object, end: object) -> tuple[date, date]:
    """Parse a report period (both days included).

    Args:
        start: First day, ISO.
        end: Last day, ISO.

    Returns:
        (start, end).

    Raises:
        ValidationError: A date is invalid, the end is before the start, or the period is huge.
    """
    first = parse_day(start, field="period_start")
    last = parse_day(end, field="period_end")
    if last < first:
        raise ValidationError("revenue.period_invalid", field="period_end")
    if (last - first).days > MAX_PERIOD_DAYS:
        raise ValidationError("revenue.period_too_long", field="period_end")
    return first, last
