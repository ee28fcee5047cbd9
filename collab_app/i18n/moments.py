"""The one way a stored time is written for a reader: ``3 Jan 2027, 09:00`` in English.

In French ``3 janv. 2027, 09:00``.

Every page and mail that shows a moment (revision rounds, feedback requests and answers, task
comments) goes through :func:`format_datetime`, so one language has one date format
everywhere; the date part is :func:`collab_app.i18n.format_date`.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from collab_app.i18n import format_date


def _zone(name: str | None) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def format_datetime(moment: datetime | None, locale: str | None, tz: str | None) -> str:
    """Write an aware time in a time zone, for a reader of a language.

    Args:
        moment: Aware time (naive is taken as UTC), or None.
        locale: ``en`` or ``fr``.
        tz: IANA zone name of the reader (unknown or empty: UTC).

    Returns:
        ``12 Mar 2026, 14:05`` / ``12 mars 2026, 14:05``; "" for None.
    """
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zoneinfo.ZoneInfo("UTC"))
    local = moment.astimezone(_zone(tz))
    return f"{format_date(local.date(), locale)}, {local:%H:%M}"
