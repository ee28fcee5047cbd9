"""Feedback results for the team: NPS, response rate, answers and the monthly trend.

NPS: promoters answer 9-10, passives 8, detractors 0-6 (7 cannot be chosen);
``NPS = % promoters - % detractors``, from -100 to 100, rounded half away from zero to a whole
number, computed exactly (fractions, no float). No answers: ``None``, not 0.

Response rate: answered requests out of the *closed* ones (answered, or expired unanswered), so
a round sent this morning does not drag the rate down while the client still has 30 days.

Managers and members of a project read its results; per collective, a viewer reads the
aggregate of the projects on which they are manager or member (owners and admins: all).
Guests and clients get ``PermissionDenied`` on a project, ``NotFound`` on a collective they do
not belong to.

Improvement actions (what the collective changes in response) are recorded by managers, read by
the team, and the client-visible ones are mailed to the feedback contacts as a recap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction

from sqlalchemy import case, func, update
from sqlmodel import Session, select

from collab_app.i18n import translate
from collab_app.i18n.moments import format_datetime
from collab_app.models import (
    Collective,
    FeedbackAction,
    FeedbackAnswer,
    FeedbackContact,
    FeedbackRecap,
    FeedbackRequest,
    FeedbackSchedule,
    Project,
    ProjectMember,
    Task,
    User,
)
from collab_app.services import clock, permissions, projects
from collab_app.services.errors import Conflict, NotFound, ValidationError
from collab_app.services.feedback.calls import call_done_clause
from collab_app.services.feedback.manage import clean_text, schedule_of
from collab_app.services.feedback.schedule import DEFAULT_TIMEZONE, recipients, zone
from collab_app.services.mail import outbox
from collab_app.services.viewer import Viewer

ACTION_STATUSES = ("planned", "in_progress", "done")
MANAGER = ("manager",)


@dataclass(frozen=True, slots=True)
class NpsSummary:
    """Counts and NPS of a set of scores; percentages are whole numbers, None if no answer."""

    total: int
    promoters: int
    passives: int
    detractors: int
    nps: int | None
    promoters_pct: int | None
    detractors_pct: int | None


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One month of the trend chart, with the number of answers behind it."""

    month: str  # "YYYY-MM" in the viewer's time zone
    answers: int
    nps: int | None  # None for a month without answers (a gap in the chart)


@dataclass(frozen=True, slots=True)
class AnswerView:
    """One answer as the team reads it."""

    id: int
    project_id: int
    project_name: str
    submitted_at: str  # "3 Jan 2027, 09:00" in the viewer's time zone and language
    respondent: str  # name; managers also get the address of contacts without an account
    score: int
    category: str  # "promoter" | "passive" | "detractor"
    ranking: str
    appreciated: tuple[str, ...]  # the non-empty texts only
    improvements: tuple[str, ...]
    comment: str
    needs_call: bool  # a call is still to offer (flagged, and not done yet)
    followup_task_id: int | None
    call_done: bool  # flagged, and the call was marked done or its task closed
    call_outcome: str  # what came of the call, as noted when marking it done


@dataclass(frozen=True, slots=True)
class ResultsView:
    """Results of one project or of a collective's projects."""

    scope: str  # "project" | "collective"
    id: int
    name: str
    summary: NpsSummary
    requests_sent: int
    answered: int
    pending: int
    expired: int
    response_rate: int | None  # % of closed requests that were answered
    needs_call: int  # calls still to offer
    calls_done: int
    trend: tuple[TrendPoint, ...]
    answers: tuple[AnswerView, ...]  # newest first


@dataclass(frozen=True, slots=True)
class ActionView:
    """An improvement action recorded by a manager."""

    id: int
    text: str
    status: str  # "planned" | "in_progress" | "done"
    share_with_client: bool
    answer_id: int | None
    created_by: str
    created_at: str  # "3 Jan 2027, 09:00" in the viewer's time zone and language


def category_of(score: int) -> str:
    """Return ``promoter`` (9-10), ``passive`` (7-8) or ``detractor`` (0-6).

    Args:
        score: 0-10.

    Returns:
        The category.
    """
    if score >= 9:
        return "promoter"
    if score >= 7:
        return "passive"
    return "detractor"


def _percent(part: int, whole: int) -> int:
    """Whole percentage, rounded half away from zero, exactly."""
    value = Fraction(100 * part, whole)
    sign = -1 if value < 0 else 1
    return sign * int(abs(value) + Fraction(1, 2))


def nps_of(scores: Iterable[int]) -> NpsSummary:
    """Compute the NPS of some scores.

    Args:
        scores: Scores 0-10.

    Returns:
        The summary; ``nps`` is None when there are no scores.
    """
    counts = Counter(category_of(s) for s in scores)
    total = sum(counts.values())
    promoters, passives, detractors = counts["promoter"], counts["passive"], counts["detractor"]
    if not total:
        return NpsSummary(0, 0, 0, 0, None, None, None)
    return NpsSummary(
        total=total,
        promoters=promoters,
        passives=passives,
        detractors=detractors,
        nps=_percent(promoters - detractors, total),
        promoters_pct=_percent(promoters, total),
        detractors_pct=_percent(detractors, total),
    )


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


def _viewer_tz(viewer: Viewer) -> str:
    try:
        zone(viewer.timezone)
    except ValueError:
        return DEFAULT_TIMEZONE
    return viewer.timezone


def _results(
    session: Session,
    viewer: Viewer,
    *,
    scope: str,
    scope_id: int,
    name: str,
    project_ids: list[int],
    managed_ids: set[int],
    limit: int,
    now: datetime,
) -> ResultsView:
    tz = _viewer_tz(viewer)
    if not project_ids:
        empty = nps_of([])
        return ResultsView(scope, scope_id, name, empty, 0, 0, 0, 0, None, 0, 0, (), ())
    sent, answered, expired = session.exec(
        select(
            func.count(FeedbackRequest.id),
            func.count(FeedbackRequest.answered_at),
            func.coalesce(
                func.sum(
                    case(
                        (
                            (FeedbackRequest.answered_at.is_(None))
                            & (FeedbackRequest.expires_at <= now),
                            1,
                        ),
                        else_=0,
                    )
                ),
                0,
            ),
        ).where(FeedbackRequest.project_id.in_(project_ids))
    ).one()
    closed = answered + expired
    done = call_done_clause()
    scored = session.exec(
        select(FeedbackAnswer.submitted_at, FeedbackAnswer.score, FeedbackAnswer.needs_call, done)
        .outerjoin(Task, Task.id == FeedbackAnswer.followup_task_id)
        .where(FeedbackAnswer.project_id.in_(project_ids))
    ).all()
    rows = session.exec(
        select(FeedbackAnswer, FeedbackRequest.email, User.display_name, Project.name, done)
        .outerjoin(Task, Task.id == FeedbackAnswer.followup_task_id)
        .join(FeedbackRequest, FeedbackRequest.id == FeedbackAnswer.request_id)
        .join(FeedbackContact, FeedbackContact.id == FeedbackRequest.contact_id)
        .join(User, User.id == FeedbackContact.user_id, isouter=True)
        .join(Project, Project.id == FeedbackAnswer.project_id)
        .where(FeedbackAnswer.project_id.in_(project_ids))
        .order_by(FeedbackAnswer.submitted_at.desc(), FeedbackAnswer.id.desc())
        .limit(max(1, min(int(limit), 1000)))
    ).all()
    answers = tuple(
        AnswerView(
            id=a.id,
            project_id=a.project_id,
            project_name=project_name,
            submitted_at=format_datetime(a.submitted_at, viewer.locale, tz),
            respondent=user_name or (email if a.project_id in managed_ids else ""),
            score=a.score,
            category=category_of(a.score),
            ranking=a.ranking,
            appreciated=tuple(t for t in (a.appreciated_1, a.appreciated_2, a.appreciated_3) if t),
            improvements=tuple(t for t in (a.improve_1, a.improve_2, a.improve_3) if t),
            comment=a.comment,
            needs_call=a.needs_call and not call_done,
            followup_task_id=a.followup_task_id or None,
            call_done=a.needs_call and bool(call_done),
            call_outcome=a.call_outcome,
        )
        for a, email, user_name, project_name, call_done in rows
    )
    return ResultsView(
        scope=scope,
        id=scope_id,
        name=name,
        summary=nps_of(score for _, score, _, _ in scored),
        requests_sent=sent,
        answered=answered,
        pending=sent - answered - expired,
        expired=expired,
        response_rate=_percent(answered, closed) if closed else None,
        needs_call=sum(1 for _, _, flagged, held in scored if flagged and not held),
        calls_done=sum(1 for _, _, flagged, held in scored if flagged and held),
        trend=tuple(trend_of(((moment, score) for moment, score, _, _ in scored), tz)),
        answers=answers,
    )


def project_results(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    limit: int = 200,
    now: datetime | None = None,
) -> ResultsView:
    """Return a project's feedback results (managers and members).

    Args:
        session: Database session.
        viewer: A manager or member of the project.
        project_id: Id received from the client.
        limit: How many of the newest answers to list (the figures use all).
        now: Current time (decides which requests expired).

    Returns:
        The results.

    Raises:
        NotFound: Unknown project or not on it.
        PermissionDenied: Guests and clients.
    """
    access = permissions.require_project(session, viewer, project_id, roles=permissions.TEAM_ROLES)
    project = access.project
    return _results(
        session,
        viewer,
        scope="project",
        scope_id=project.id,
        name=project.name,
        project_ids=[project.id],
        managed_ids={project.id} if access.is_manager else set(),
        limit=limit,
        now=now or clock.now(),
    )


def collective_results(
    session: Session,
    viewer: Viewer,
    *,
    collective_id: object,
    limit: int = 200,
    now: datetime | None = None,
) -> ResultsView:
    """Return the feedback results of a collective's projects (aggregated).

    Only the projects the viewer works on as manager or member count (owners and admins: all).

    Args:
        session: Database session.
        viewer: A member of the collective.
        collective_id: Id received from the client.
        limit: How many of the newest answers to list (the figures use all).
        now: Current time.

    Returns:
        The results.

    Raises:
        NotFound: Unknown collective or not a member of it.
    """
    collective, role = permissions.require_collective(session, viewer, collective_id)
    if role in permissions.COLLECTIVE_ADMIN_ROLES:
        project_ids = list(
            session.exec(select(Project.id).where(Project.collective_id == collective.id)).all()
        )
        managed = set(project_ids)
    else:
        rows = session.exec(
            select(Project.id, ProjectMember.role)
            .join(ProjectMember, ProjectMember.project_id == Project.id)
            .where(
                Project.collective_id == collective.id,
                ProjectMember.user_id == viewer.user_id,
                ProjectMember.role.in_(permissions.TEAM_ROLES),
            )
        ).all()
        project_ids = [pid for pid, _ in rows]
        managed = {pid for pid, r in rows if r == "manager"}
    return _results(
        session,
        viewer,
        scope="collective",
        scope_id=collective.id,
        name=collective.name,
        project_ids=project_ids,
        managed_ids=managed,
        limit=limit,
        now=now or clock.now(),
    )


# --- improvement actions and recap --------------------------------------------------------


def _action_view(action: FeedbackAction, author: str, viewer: Viewer) -> ActionView:
    return ActionView(
        id=action.id,
        text=action.text,
        status=action.status,
        share_with_client=action.share_with_client,
        answer_id=action.answer_id,
        created_by=author,
        created_at=format_datetime(action.created_at, viewer.locale, _viewer_tz(viewer)),
    )


def list_actions(session: Session, viewer: Viewer, *, project_id: object) -> list[ActionView]:
    """Return the project's improvement actions, oldest first (managers and members).

    Args:
        session: Database session.
        viewer: A manager or member of the project.
        project_id: Id received from the client.

    Returns:
        The actions.
    """
    access = permissions.require_project(session, viewer, project_id, roles=permissions.TEAM_ROLES)
    return _actions_of(session, access.project.id, viewer)


def _actions_of(session: Session, project_id: int, viewer: Viewer) -> list[ActionView]:
    rows = session.exec(
        select(FeedbackAction, User.display_name)
        .join(User, User.id == FeedbackAction.created_by_id)
        .where(FeedbackAction.project_id == project_id)
        .order_by(FeedbackAction.created_at, FeedbackAction.id)
    ).all()
    return [_action_view(action, name, viewer) for action, name in rows]


def _clean_action_text(text: object) -> str:
    cleaned = clean_text(text, "text")
    if not cleaned:
        raise ValidationError("feedback.action_text_required", field="text")
    return cleaned


def add_action(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    text: object,
    answer_id: object = None,
    share_with_client: bool = True,
    now: datetime | None = None,
) -> ActionView:
    """Record an improvement action (managers).

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        text: What the collective will change (1-1,000 characters).
        answer_id: The answer it responds to, if any (must be of this project).
        share_with_client: Include it in the client recap.
        now: Current time.

    Returns:
        The action.
    """
    access = permissions.require_project(session, viewer, project_id, roles=MANAGER)
    now = now or clock.now()
    cleaned = _clean_action_text(text)
    aid = None
    if answer_id not in (None, ""):
        aid = permissions.coerce_id(answer_id)
        answer = session.get(FeedbackAnswer, aid)
        if answer is None or answer.project_id != access.project.id:
            raise NotFound()
    action = FeedbackAction(
        project_id=access.project.id,
        collective_id=access.project.collective_id,
        answer_id=aid,
        text=cleaned,
        share_with_client=bool(share_with_client),
        created_by_id=viewer.user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(action)
    projects.bump_version(session, access.project.id)
    session.commit()
    return _action_view(action, viewer.display_name, viewer)


def update_action(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    action_id: object,
    text: object = None,
    status: object = None,
    share_with_client: bool | None = None,
    now: datetime | None = None,
) -> ActionView:
    """Change an improvement action's text, status or sharing (managers).

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        action_id: Id received from the client.
        text: New text, or None to keep.
        status: ``planned``, ``in_progress``, ``done``, or None to keep.
        share_with_client: New sharing, or None to keep.
        now: Current time.

    Returns:
        The action.
    """
    access = permissions.require_project(session, viewer, project_id, roles=MANAGER)
    action = session.get(FeedbackAction, permissions.coerce_id(action_id))
    if action is None or action.project_id != access.project.id:
        raise NotFound()
    if text is not None:
        action.text = _clean_action_text(text)
    if status is not None:
        if status not in ACTION_STATUSES:
            raise ValidationError("feedback.action_status_invalid", field="status")
        action.status = str(status)
    if share_with_client is not None:
        action.share_with_client = bool(share_with_client)
    action.updated_at = now or clock.now()
    session.add(action)
    projects.bump_version(session, access.project.id)
    session.commit()
    author = session.get(User, action.created_by_id)
    return _action_view(action, author.display_name if author else "", viewer)


def delete_action(
    session: Session, viewer: Viewer, *, project_id: object, action_id: object
) -> None:
    """Delete an improvement action (managers).

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        action_id: Id received from the client.
    """
    access = permissions.require_project(session, viewer, project_id, roles=MANAGER)
    action = session.get(FeedbackAction, permissions.coerce_id(action_id))
    if action is None or action.project_id != access.project.id:
        raise NotFound()
    session.delete(action)
    projects.bump_version(session, access.project.id)
    session.commit()


def send_recap(
    session: Session, viewer: Viewer, *, project_id: object, now: datetime | None = None
) -> int:
    """Mail the client-visible actions, with their status, to every feedback contact (managers).

    Only actions marked ``share_with_client`` are listed, in each contact's language. Refused
    when nothing was added or changed since the previous recap.

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        now: Current time.

    Returns:
        How many messages were queued.

    Raises:
        ValidationError: No contact, or no shared action.
        Conflict: Nothing new since the last recap.
    """
    access = permissions.require_project(session, viewer, project_id, roles=MANAGER)
    now = now or clock.now()
    project = access.project
    schedule = schedule_of(session, project.id)
    if schedule is None:
        raise ValidationError("feedback.no_contacts")
    # Lock the schedule row first, so that two managers clicking together send one recap.
    session.exec(
        update(FeedbackSchedule)
        .where(FeedbackSchedule.id == schedule.id)
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )
    people = recipients(session, schedule)
    if not people:
        session.rollback()
        raise ValidationError("feedback.no_contacts")
    actions = session.exec(
        select(FeedbackAction)
        .where(FeedbackAction.project_id == project.id, FeedbackAction.share_with_client.is_(True))
        .order_by(FeedbackAction.created_at, FeedbackAction.id)
    ).all()
    if not actions:
        session.rollback()
        raise ValidationError("feedback.recap_empty")
    last = session.exec(
        select(func.max(FeedbackRecap.created_at)).where(FeedbackRecap.project_id == project.id)
    ).one()
    if last is not None and max(a.updated_at for a in actions) <= last:
        session.rollback()
        raise Conflict("feedback.recap_nothing_new")
    recap = FeedbackRecap(
        project_id=project.id,
        collective_id=project.collective_id,
        created_by_id=viewer.user_id,
        created_at=now,
        actions_count=len(actions),
        recipients_count=len(people),
    )
    session.add(recap)
    session.flush()
    collective = session.get(Collective, project.collective_id)
    for person in people:
        lines = "\n".join(
            f"- {a.text} ({translate(f'feedback.action_status.{a.status}', person.locale)})"
            for a in actions
        )
        outbox.enqueue(
            session,
            collective_id=project.collective_id,
            project_id=project.id,
            kind="feedback_recap",
            to_email=person.email,
            subject=translate(
                "feedback.mail_recap_subject",
                person.locale,
                collective=collective.name,
                project=project.name,
            ),
            body=translate(
                "feedback.mail_recap_body",
                person.locale,
                collective=collective.name,
                project=project.name,
                actions=lines,
            ),
            dedup_key=f"feedback-recap:{recap.id}:{person.contact_id}",
        )
    projects.bump_version(session, project.id)
    session.commit()
    return len(people)
