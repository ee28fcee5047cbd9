"""Small display views of feedback results, built from the services' views (no Reflex here).

The trend chart is plain HTML and CSS with one SVG polyline, so it needs no chart library and
its text stays legible on phones: one column per month (month, and the number of answers
behind the point under it), dots placed in percent of the plot, a line through consecutive
months that have answers, and a gap for a month without any.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from collab_app.i18n import format_date
from collab_app.services.feedback.results import NpsSummary, ResultsView, TrendPoint

# Share of the plot's height kept free above +100 and below -100, in percent.
PLOT_MARGIN = 8
GRID_VALUES = (100, 50, 0, -50, -100)
# Width of one month's column: below that, the chart scrolls sideways instead of squeezing.
COLUMN_REM = 2.4


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One month of the trend, placed on the chart."""

    month: str  # "YYYY-MM"
    month_en: str  # "Oct"
    month_fr: str  # "oct."
    year: str  # "2026" on the first column and on January, else ""
    answers: int
    nps: int | None
    nps_text: str  # "+33", "-10", "0" or "–"
    left: str  # CSS position of the dot, e.g. "12.5%"
    top: str  # e.g. "46%"; the baseline (NPS 0) for a month without answers
    size: str  # dot diameter, grows a little with the number of answers, e.g. "0.8rem"
    x: float  # the same position in the 0-100 coordinates of the line's SVG
    y: float


@dataclass(frozen=True, slots=True)
class GridLine:
    """A horizontal reference line of the chart."""

    top: str
    text: str


@dataclass(frozen=True, slots=True)
class Figures:
    """The headline figures of a results view, pre-formatted where language does not matter."""

    answers: int
    nps: int | None
    nps_text: str
    promoters: int
    passives: int
    detractors: int
    promoters_pct: int
    detractors_pct: int
    requests_sent: int
    answered: int
    pending: int
    closed: int
    response_rate: int | None
    response_rate_text: str
    needs_call: int  # calls still to offer
    calls_done: int


def signed(value: int | None) -> str:
    """Format an NPS with its sign (``+33``, ``-10``, ``0``), or ``–`` when there is none.

    Args:
        value: The NPS or None.

    Returns:
        The text.
    """
    if value is None:
        return "–"
    return f"+{value}" if value > 0 else str(value)


def figures_of(results: ResultsView) -> Figures:
    """Return the headline figures of a project's or a collective's results.

    Args:
        results: The service's view.

    Returns:
        The figures.
    """
    summary: NpsSummary = results.summary
    closed = results.answered + results.expired
    return Figures(
        answers=summary.total,
        nps=summary.nps,
        nps_text=signed(summary.nps),
        promoters=summary.promoters,
        passives=summary.passives,
        detractors=summary.detractors,
        promoters_pct=summary.promoters_pct or 0,
        detractors_pct=summary.detractors_pct or 0,
        requests_sent=results.requests_sent,
        answered=results.answered,
        pending=results.pending,
        closed=closed,
        response_rate=results.response_rate,
        response_rate_text="–" if results.response_rate is None else f"{results.response_rate} %",
        needs_call=results.needs_call,
        calls_done=results.calls_done,
    )


def _top(nps: float) -> float:
    return round(PLOT_MARGIN + (100 - nps) / 200 * (100 - 2 * PLOT_MARGIN), 2)


def grid_lines() -> list[GridLine]:
    """Return the chart's horizontal reference lines (+100, +50, 0, -50, -100).

    Returns:
        The lines.
    """
    return [GridLine(f"{_top(v)}%", signed(v)) for v in GRID_VALUES]


def chart_width(points: Sequence[ChartPoint]) -> str:
    """Return the chart's minimum width (CSS), so each month keeps a readable column.

    Args:
        points: The chart's points.

    Returns:
        e.g. ``"33rem"``.
    """
    return f"{len(points) * COLUMN_REM}rem"


def chart_points(trend: Sequence[TrendPoint]) -> list[ChartPoint]:
    """Place each month of a trend on the chart.

    Args:
        trend: The service's monthly points, oldest first.

    Returns:
        One point per month.
    """
    count = len(trend)
    points = []
    for index, point in enumerate(trend):
        year, month = (int(part) for part in point.month.split("-"))
        x = round((index + 0.5) / count * 100, 2)
        y = _top(point.nps if point.nps is not None else 0)
        points.append(
            ChartPoint(
                month=point.month,
                month_en=month_name(year, month, "en"),
                month_fr=month_name(year, month, "fr"),
                year=str(year) if index == 0 or month == 1 else "",
                answers=point.answers,
                nps=point.nps,
                nps_text=signed(point.nps),
                left=f"{x}%",
                top=f"{y}%",
                size=f"{0.6 + min(point.answers, 10) * 0.06:.2f}rem",
                x=x,
                y=y,
            )
        )
    return points


def month_name(year: int, month: int, locale: str) -> str:
    """Return a month's short name: ``Oct`` / ``oct.``.

    Args:
        year: The year.
        month: 1-12.
        locale: ``en`` or ``fr``.

    Returns:
        The text.
    """
    return format_date(date(year, month, 1), locale).split(" ")[1]


def line_segments(points: Sequence[ChartPoint]) -> list[str]:
    """Return the SVG ``points`` strings of the line: one per run of months with answers.

    Args:
        points: The chart's points.

    Returns:
        Polyline point lists (``"x,y x,y"`` in 0-100 coordinates); a lone month is its dot only.
    """
    runs: list[list[ChartPoint]] = [[]]
    for point in points:
        if point.nps is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(point)
    return [" ".join(f"{p.x},{p.y}" for p in run) for run in runs if len(run) > 1]
