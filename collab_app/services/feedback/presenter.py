"""Feedback, as people read it: mails, the follow-up task's text and the team's display views.

The services return typed values (datetimes, dates, counts); this module alone turns them into
text with the shared formatters of ``collab_app.i18n``. No Reflex here: states, mails and the
board's follow-up task all use it.

The trend chart is plain HTML and CSS with one SVG polyline, so it needs no chart library and
its text stays legible on phones: one column per month (month, and the number of answers
behind the point under it), dots placed in percent of the plot, a line through consecutive
months that have answers, and a gap for a month without any.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from collab_app.i18n import format_date, translate
from collab_app.i18n.moments import format_datetime
from collab_app.services.feedback.actions import ActionView
from collab_app.services.feedback.due_dates import viewer_zone
from collab_app.services.feedback.links import RequestView
from collab_app.services.feedback.nps import NpsSummary
from collab_app.services.feedback.results import ResultsView
from collab_app.services.feedback.schedule_settings import ScheduleView
from collab_app.services.feedback.trend import TrendPoint
from collab_app.services.shared_views import view_from
from collab_app.services.viewer import Viewer


@dataclass(frozen=True, slots=True)
class MailText:
    """A mail's subject and body, in its recipient's language."""

    subject: str
    body: str


def mail_text(
    kind: str, locale: str, *, collective: str, project: str, **params: object
) -> MailText:
    """Return a feedback mail (``feedback.mail_<kind>_subject`` / ``_body``).

    Args:
        kind: ``request``, ``reminder`` or ``recap``.
        locale: The recipient's language.
        collective: The collective's name.
        project: The project's name.
        **params: The body's other parameters.

    Returns:
        The mail's texts.
    """
    names = {"collective": collective, "project": project}
    return MailText(
        subject=translate(f"feedback.mail_{kind}_subject", locale, **names),
        body=translate(f"feedback.mail_{kind}_body", locale, **names, **params),
    )


def reminder_mail(
    locale: str, *, collective: str, project: str, link: str, expires_on: date
) -> MailText:
    """Return the reminder of a form link, with the link's last day.

    Args:
        locale: The recipient's language.
        collective: The collective's name.
        project: The project's name.
        link: The form link (the original request's).
        expires_on: The link's last local day.

    Returns:
        The mail's texts.
    """
    return mail_text(
        "reminder",
        locale,
        collective=collective,
        project=project,
        link=link,
        expires=format_date(expires_on, locale),
    )


def recap_mail(
    locale: str, *, collective: str, project: str, actions: Sequence[tuple[str, str]]
) -> MailText:
    """Return the recap of the client-visible improvement actions.

    Args:
        locale: The recipient's language.
        collective: The collective's name.
        project: The project's name.
        actions: (text, status) of each action, in order.

    Returns:
        The mail's texts.
    """
    lines = "\n".join(
        f"- {text} ({translate(f'feedback.action_status.{status}', locale)})"
        for text, status in actions
    )
    return mail_text("recap", locale, collective=collective, project=project, actions=lines)


@dataclass(frozen=True, slots=True)
class FollowupText:
    """The follow-up task's title and description, in the manager's language."""

    title: str
    description: str


def followup_text(
    locale: str,
    *,
    name: str,
    email: str,
    client: str,
    link: str,
    answered_on: date,
    score: int,
    ranking: str,
    improvements: Sequence[str],
    comment: str,
) -> FollowupText:
    """Return the "ask for a 30-minute call" task's texts.

    The name and the day make two respondents' (or two rounds') cards tell themselves apart.

    Args:
        locale: The manager's language.
        name: The respondent's name (empty for an address without an account).
        email: The respondent's address.
        client: The project's client.
        link: The answer's address in the app.
        answered_on: The answer's local day.
        score: The score.
        ranking: The ranking's code.
        improvements: The non-empty "to improve" texts.
        comment: The comment.

    Returns:
        The texts; the title on one line, at most 200 characters.
    """
    who = name or email
    day = format_date(answered_on, locale)
    title = translate(
        "feedback.followup_title", locale, name=who, client=client, score=score, date=day
    )
    description = translate(
        "feedback.followup_description",
        locale,
        name=who,
        email=email,
        link=link,
        date=day,
        score=score,
        ranking=translate(f"feedback.ranking.{ranking}", locale),
        improvements="\n".join(f"- {text}" for text in improvements) or "-",
        comment=comment or "-",
    )
    return FollowupText(" ".join(title.split())[:200], description)


# --- dates and times, as the team reads them ---------------------------------------------------


def schedule_shown(view: ScheduleView, locale: str) -> ScheduleView:
    """Return a schedule with its next and last rounds written out, in its own time zone.

    Args:
        view: The service's schedule.
        locale: The reader's language.

    Returns:
        The schedule, ``next_due`` and ``last_round`` set ("3 Jan 2027, 09:00"; "" for none).
    """
    return replace(
        view,
        next_due=format_datetime(view.next_due_at, locale, view.timezone),
        last_round=format_datetime(view.last_round_at, locale, view.timezone),
    )


def requests_shown(requests: Sequence[RequestView], locale: str) -> list[RequestView]:
    """Return sent form links with their times written out, in the schedule's time zone.

    Args:
        requests: The service's requests.
        locale: The reader's language.

    Returns:
        The requests, ``sent_at`` and ``expires_at`` set.
    """
    return [
        replace(
            r,
            sent_at=format_datetime(r.sent, locale, r.timezone),
            expires_at=format_datetime(r.expires, locale, r.timezone),
        )
        for r in requests
    ]


def results_shown(results: ResultsView, viewer: Viewer) -> ResultsView:
    """Return results whose answers carry their submission time written out.

    Args:
        results: The service's results.

    Returns:
        The results, each answer's ``submitted_at`` set.
    """
    tz = viewer_zone(viewer.timezone)
    answers = tuple(
        replace(a, submitted_at=format_datetime(a.submitted, viewer.locale, tz))
        for a in results.answers
    )
    return replace(results, answers=answers)


def actions_shown(actions: Sequence[ActionView], viewer: Viewer) -> list[ActionView]:
    """Return improvement actions with their creation time written out.

    Args:
        actions: The service's actions.

    Returns:
        The actions, ``created_at`` set.
    """
    tz = viewer_zone(viewer.timezone)
    return [replace(a, created_at=format_datetime(a.created, viewer.locale, tz)) for a in actions]


def expiry_shown(day: date | None) -> tuple[str, str]:
    """Return a form link's last day written for reading in English and in French.

    Args:
        day: The link's last local day, or None.

    Returns:
        (English, French), e.g. ("23 Dec 2026", "23 déc. 2026"); empty for None.
    """
    return format_date(day, "en"), format_date(day, "fr")


# --- figures and the trend chart -----------------------------------------------------------------

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


def _rate_text(rate: int | None) -> str:
    """A response rate (``75 %``), or ``–`` when there is none."""
    return "–" if rate is None else f"{rate} %"


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
    return view_from(
        Figures,
        summary,
        results,
        answers=summary.total,
        nps_text=signed(summary.nps),
        promoters_pct=summary.promoters_pct or 0,
        detractors_pct=summary.detractors_pct or 0,
        closed=closed,
        response_rate_text=_rate_text(results.response_rate),
    )


@dataclass(frozen=True, slots=True)
class ProjectFigures:
    """One project's line in the collective's table."""

    project_id: int
    name: str
    client_name: str
    answers: int
    nps_text: str
    response_rate_text: str
    needs_call: int


def project_figures(
    project_id: int, name: str, client_name: str, results: ResultsView
) -> ProjectFigures:
    """Return one project's line in the collective's table.

    Args:
        project_id: The project.
        name: Its name.
        client_name: Its client's name.
        results: Its results.

    Returns:
        The line.
    """
    return ProjectFigures(
        project_id=project_id,
        name=name,
        client_name=client_name,
        answers=results.summary.total,
        nps_text=signed(results.summary.nps),
        response_rate_text=_rate_text(results.response_rate),
        needs_call=results.needs_call,
    )


def _top(nps: float) -> float:
    return round(PLOT_MARGIN + (100 - nps) / 200 * (100 - 2 * PLOT_MARGIN), 2)


def grid_lines() -> list[GridLine]:
    """Return the chart's horizontal reference lines (+100, +50, 0, -50, -100).

    Returns:
        The lines.
    """
    return [GridLine(f"{_top(v)}%", signed(v)) for v in GRID_VALUES]


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
            view_from(
                ChartPoint,
                point,
                month_en=month_name(year, month, "en"),
                month_fr=month_name(year, month, "fr"),
                year=str(year) if index == 0 or month == 1 else "",
                nps_text=signed(point.nps),
                left=f"{x}%",
                top=f"{y}%",
                size=f"{0.6 + min(point.answers, 10) * 0.06:.2f}rem",
                x=x,
                y=y,
            )
        )
    return points


def chart_of(
    trend: Sequence[TrendPoint],
) -> tuple[list[ChartPoint], list[str], list[GridLine], str]:
    """Return everything the trend chart draws: points, line runs, grid and minimum width.

    Args:
        trend: The service's monthly points, oldest first.

    Returns:
        (points, polyline point lists, grid lines (none without points), CSS minimum width).
    """
    points = chart_points(trend)
    # Each month keeps a readable column: below that, the chart scrolls sideways.
    width = f"{len(points) * COLUMN_REM}rem"
    return points, line_segments(points), grid_lines() if points else [], width


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
