"""Feedback results for the team: figures, response rate, answers and their trend.

Response rate: answered requests out of the *closed* ones (answered, or expired unanswered), so
a round sent this morning does not drag the rate down while the client still has 30 days.

Managers and members of a project read its results; per collective, a viewer reads the
aggregate of the projects on which they are manager or member (owners and admins: all).
Guests and clients get ``PermissionDenied`` on a project, ``NotFound`` on a collective they do
not belong to.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func
from sqlmodel import Session, select

from collab_app.models import (
    FeedbackAnswer,
    FeedbackContact,
    FeedbackRequest,
    Project,
    ProjectMember,
    Task,
    User,
)
from collab_app.services import clock, permissions
from collab_app.services.feedback.access import read_project
from collab_app.services.feedback.calls import call_done_clause
from collab_app.services.feedback.due_dates import viewer_zone
from collab_app.services.feedback.nps import NpsSummary, category_of, nps_of, percent
from collab_app.services.feedback.trend import TrendPoint, trend_of
from collab_app.services.viewer import Viewer


@dataclass(frozen=True, slots=True)
class AnswerView:
    """One answer as the team reads it."""

    id: int
    project_id: int
    project_name: str
    submitted: datetime
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
    submitted_at: str = ""  # shown: "3 Jan 2027, 09:00" in the viewer's zone (the presenter)


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
    tz = viewer_zone(viewer.timezone)
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
            submitted=a.submitted_at,
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
        response_rate=percent(answered, closed) if closed else None,
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
        viewer: A manager or member of the project.
        limit: How many of the newest answers to list (the figures use all).
        now: Current time (decides which requests expired).

    Returns:
        The results.

    Raises:
        NotFound: Unknown project or not on it.
        PermissionDenied: Guests and clients.
    """
    access = read_project(session, viewer, project_id)
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
        viewer: A member of the collective.
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
        managed = {pid for pid, r in rows if r == permissions.MANAGER}
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
