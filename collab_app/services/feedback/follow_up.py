"""The follow-up of a flagged answer: an internal "ask for a 30-minute call" task on the board.

A score below 8, or a ranking below the top 10%, flags the answer; the task is created once,
even with several runners, and retried by the job when creating it failed.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import or_
from sqlalchemy.sql import ColumnElement
from sqlmodel import Session, select

from collab_app.i18n import normalize_locale
from collab_app.models import (
    CollectiveMember,
    FeedbackAnswer,
    FeedbackContact,
    FeedbackRequest,
    Project,
    ProjectMember,
    RevisionTerms,
    User,
)
from collab_app.models.revisions import parse_holidays
from collab_app.services import board, clock, permissions, working_days
from collab_app.services.accounts.auth import viewer_for
from collab_app.services.claims import claim
from collab_app.services.feedback.due_dates import DEFAULT_TIMEZONE, local_date
from collab_app.services.feedback.presenter import followup_text
from collab_app.settings import public_base_url

logger = logging.getLogger(__name__)

# The follow-up call is due this many working days after the answer.
FOLLOWUP_WORKING_DAYS = 2
# A runner creating a follow-up task owns the answer this long (then another may retry).
FOLLOWUP_LEASE = timedelta(minutes=10)


def project_manager(session: Session, project: Project) -> User | None:
    """Return who follows up on feedback.

    The project's first manager, else the collective's first owner or admin.

    Args:
        project: The project.

    Returns:
        The user, or None if the project has neither.
    """
    user = session.exec(
        select(User)
        .join(ProjectMember, ProjectMember.user_id == User.id)
        .where(ProjectMember.project_id == project.id, ProjectMember.role == permissions.MANAGER)
        .order_by(ProjectMember.id)
    ).first()
    if user is not None:
        return user
    return session.exec(
        select(User)
        .join(CollectiveMember, CollectiveMember.user_id == User.id)
        .where(
            CollectiveMember.collective_id == project.collective_id,
            CollectiveMember.role.in_(permissions.COLLECTIVE_ADMIN_ROLES),
        )
        .order_by(CollectiveMember.id)
    ).first()


def respondent_of(session: Session, answer: FeedbackAnswer) -> tuple[str, str]:
    """Return who answered: their name (empty for an address without an account) and address.

    Args:
        answer: The answer.

    Returns:
        (name, email), the email as the link was sent to.
    """
    row = session.exec(
        select(FeedbackRequest.email, User.display_name)
        .join(FeedbackContact, FeedbackContact.id == FeedbackRequest.contact_id)
        .join(User, User.id == FeedbackContact.user_id, isouter=True)
        .where(FeedbackRequest.id == answer.request_id)
    ).first()
    if row is None:
        return "", ""
    email, name = row
    return name or "", email


def _create_followup_task(session: Session, project: Project, answer: FeedbackAnswer) -> int:
    """Create the internal "ask for a 30-minute call" task for the project's manager.

    The ONE place where feedback touches the board, through the board's own service (so the
    task gets its position, activity line and change signal like any other). It is created as
    the manager, hidden from the client, assigned to the manager, high priority, due two working
    days after the answer, written in the manager's language, past any WIP limit. Its title names
    the respondent, its description gives their address and the link to the answer. The
    board's service commits.

    Args:
        project: The answer's project.
        answer: The flagged answer.

    Returns:
        The task's id.

    Raises:
        LookupError: The project has no manager, owner or admin to give the task to.
    """
    manager = project_manager(session, project)
    if manager is None:
        raise LookupError("no manager to follow up")
    locale = normalize_locale(manager.locale)
    today = local_date(answer.submitted_at, manager.timezone or DEFAULT_TIMEZONE)
    name, email = respondent_of(session, answer)
    text = followup_text(
        locale,
        name=name,
        email=email,
        client=project.client_name,
        link=f"{public_base_url()}/projects/{project.id}/feedback#answer-{answer.id}",
        answered_on=today,
        score=answer.score,
        ranking=answer.ranking,
        improvements=[t for t in (answer.improve_1, answer.improve_2, answer.improve_3) if t],
        comment=answer.comment,
    )
    # Counted like the revision terms' response times: working days, the project's holidays.
    holidays = parse_holidays(
        session.exec(
            select(RevisionTerms.holidays).where(RevisionTerms.project_id == project.id)
        ).first()
        or ""
    )
    board.ensure_default_columns(session, project.id)  # projects made before the board
    card = board.create_task(
        session,
        viewer_for(manager),
        project_id=project.id,
        fields=board.TaskFields(
            title=text.title,
            description=text.description,
            priority="high",
            due_date=working_days.add_working_days(today, FOLLOWUP_WORKING_DAYS, holidays),
            hidden_from_client=True,
        ),
        assignee_ids=[manager.id],
        confirm_over_limit=True,
        locale=locale,
    )
    return card.id


def _followup_missing(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """A flagged answer without its task, that no runner is creating right now."""
    return (
        FeedbackAnswer.needs_call.is_(True),
        FeedbackAnswer.followup_task_id.is_(None),
        or_(
            FeedbackAnswer.followup_claimed_until.is_(None),
            FeedbackAnswer.followup_claimed_until < now,
        ),
    )


def run_followup(session: Session, answer_id: int, *, now: datetime | None = None) -> int | None:
    """Create the follow-up task of a flagged answer, unless it exists or is being created.

    The answer is claimed first (``followup_claimed_until``, committed), so two runners never
    create two tasks for it. A failure is logged, kept in ``followup_error`` and retried by the
    job once the claim lapses (10 minutes). If the process dies right after the board committed
    the task and before the answer records it, the retry creates a second task: the only,
    narrow, duplicate case.

    Args:
        answer_id: The answer.
        now: Current time.

    Returns:
        The new task's id, or None (not flagged, done already, claimed by another, or failed).
    """
    now = now or clock.now()
    claimed = claim(
        session,
        FeedbackAnswer,
        FeedbackAnswer.id == answer_id,
        *_followup_missing(now),
        followup_claimed_until=now + FOLLOWUP_LEASE,
    )
    session.commit()
    if claimed != 1:
        return None
    answer = session.get(FeedbackAnswer, answer_id, populate_existing=True)
    project = session.get(Project, answer.project_id)
    try:
        task_id = _create_followup_task(session, project, answer)
    except Exception as exc:  # the answer is safe; the job retries after the lease
        session.rollback()
        logger.exception("follow-up task for feedback answer %s failed", answer_id)
        error = f"{exc.__class__.__name__}: {exc}"[:300]
        claim(session, FeedbackAnswer, FeedbackAnswer.id == answer_id, followup_error=error)
        session.commit()
        return None
    claim(
        session,
        FeedbackAnswer,
        FeedbackAnswer.id == answer_id,
        followup_task_id=task_id,
        followup_error="",
        followup_claimed_until=None,
    )
    session.commit()
    session.refresh(answer)
    return task_id


def retry_followups(session: Session, *, now: datetime | None = None, limit: int = 50) -> int:
    """Create the follow-up tasks still missing (failed or interrupted earlier); for the job.

    Args:
        now: Current time.
        limit: At most this many answers per call.

    Returns:
        How many tasks were created.
    """
    now = now or clock.now()
    ids = session.exec(
        select(FeedbackAnswer.id)
        .where(*_followup_missing(now))
        .order_by(FeedbackAnswer.id)
        .limit(limit)
    ).all()
    return sum(1 for answer_id in ids if run_followup(session, answer_id, now=now) is not None)
