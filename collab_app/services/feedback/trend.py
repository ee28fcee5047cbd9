"""The monthly NPS trend of feedback answers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from collab_app.services.feedback.due_dates import zone
from collab_app.services.feedback.nps import nps_of


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One month of the trend chart, with the number of answers behind it."""

    month: str  # "YYYY-MM" in the viewer's time zone
    answers: int
    nps: int | None  # None for a month without answers (a gap in the chart)


def _month(moment: datetime, tz: str) -> tuple[int, int]:
    local = moment.astimezone(zone(tz))
    return local.year, local.month


def trend_of(points: Iterable[tuple[datetime, int]], tz: str) -> list[TrendPoint]:
    """Group (time, score) pairs by local month, every month from the first to the last.

    Args:
        points: Submission times (aware) and scores.
        tz: Time zone deciding which month an answer falls in.

    Returns:
        One point per month, oldest first; months without answers have ``nps`` None.
    """
    by_month: dict[tuple[int, int], list[int]] = {}
    for moment, score in points:
        by_month.setdefault(_month(moment, tz), []).append(score)
    if not by_month:
        return []
    (year, month), last = min(by_month), max(by_month)
    result = []
    while (year, month) <= last:
        scores = by_month.get((year, month), [])
        result.append(TrendPoint(f"{year:04d}-{month:02d}", len(scores), nps_of(scores).nps))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result
