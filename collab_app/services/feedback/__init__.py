"""Client feedback forms: the public no-login form, the follow-up rule, and the whole API.

This is the module callers import: it re-exports the managers' side (``feedback_manage``:
schedule, contacts, pause/resume, "send now"), the results (``feedback_results``: NPS, response
rate, trend, improvement actions and their recap) and the sending engine
(``feedback_schedule``: calendar, rounds, reminders, ``enqueue_due``).

Who may do what:

- managers of the project configure the schedule and its contacts, pause, resume, "send now",
  list the requests, record improvement actions and send their recap to the client;
- managers and members read the schedule (emails only for managers), the answers and the
  results;
- guests and clients get ``PermissionDenied`` (they can see the project, not this), anyone
  else ``NotFound``, as everywhere in ``collab_app.services.permissions``;
- the client answers through the link alone: the token is the credential (256 random bits, only
  its SHA-256 stored, single use, 30 days).

The form's rules: the score (0-10 without 7) and the ranking are required; all texts are
optional, because a two-tap answer is worth far more than no answer on a phone, and each is at
most 1,000 characters. Up to 3 "appreciated" and 3 "to improve" texts.

Follow-up rule: a score below 8, or a ranking below the top 10%, flags the answer "ask for a
30-minute call" and creates an internal task (hidden from the client) on the project's board,
assigned to the project's manager, through :func:`_create_followup_task`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, update
from sqlmodel import Session, select

from collab_app.i18n import format_date, normalize_locale, translate
from collab_app.models import (
    Collective,
    CollectiveMember,
    FeedbackAnswer,
    FeedbackContact,
    FeedbackRequest,
    FeedbackSchedule,
    Project,
    ProjectMember,
    RevisionTerms,
    User,
)
from collab_app.models.revisions import parse_holidays
from collab_app.services import board, clock, notifications, permissions, projects, working_days
from collab_app.services.accounts.auth import viewer_for
from collab_app.services.errors import Conflict, NotFound, ValidationError
from collab_app.services.feedback.calls import mark_call_done  # noqa: F401 - re-exported
from collab_app.services.feedback.manage import (  # noqa: F401 - re-exported
    DELAY_LIMITS,
    MAX_TEXT,
    SEND_NOW_COOLDOWN,
    ClientCandidate,
    ContactView,
    RequestView,
    ScheduleView,
    add_contact,
    clean_text,
    configure_schedule,
    get_schedule,
    list_requests,
    pause_schedule,
    project_outbox,
    remove_contact,
    request_status,
    resume_schedule,
    schedule_of,
    send_now,
)
from collab_app.services.feedback.results import (  # noqa: F401 - re-exported
    ACTION_STATUSES,
    ActionView,
    AnswerView,
    NpsSummary,
    ResultsView,
    TrendPoint,
    add_action,
    category_of,
    collective_results,
    delete_action,
    list_actions,
    nps_of,
    project_results,
    send_recap,
    trend_of,
    update_action,
)
from collab_app.services.feedback.schedule import (  # noqa: F401 - re-exported
    DEFAULT_FIRST_DELAY_DAYS,
    DEFAULT_INTERVAL_DAYS,
    DEFAULT_REMINDER_DELAY_DAYS,
    DEFAULT_SEND_HOUR,
    DEFAULT_TIMEZONE,
    REQUEST_LIFETIME,
    DueReport,
    SentRequest,
    enqueue_due,
    local_date,
    next_due_at,
    recipients,
    send_round,
)
from collab_app.services.tokens import hash_token
from collab_app.settings import public_base_url

logger = logging.getLogger(__name__)

SCORES = (0, 1, 2, 3, 4, 5, 6, 8, 9, 10)
RANKINGS = ("top1", "top10", "top25", "top50", "bottom50")
GOOD_RANKINGS = ("top1", "top10")
CALL_BELOW_SCORE = 8
MAX_ITEMS = 3
# The follow-up call is due this many working days after the answer.
FOLLOWUP_WORKING_DAYS = 2
# A runner creating a follow-up task owns the answer this long (then another may retry).
FOLLOWUP_LEASE = timedelta(minutes=10)


# --- views ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormView:
    """What the public form page shows for a token (no sign-in)."""

    status: str  # "open" | "answered" | "expired" | "unknown"
    locale: str  # the recipient's language, or the fallback for unknown links
    project_name: str
    collective_name: str
    expires_on: str  # local date "YYYY-MM-DD", "" when unknown
    scores: tuple[int, ...] = SCORES
    rankings: tuple[str, ...] = RANKINGS
    max_items: int = MAX_ITEMS
    max_text_length: int = MAX_TEXT


@dataclass(frozen=True, slots=True)
class SubmitResult:
    """The thank-you page's facts; nothing internal (not the follow-up flag)."""

    locale: str
    project_name: str
    collective_name: str


# --- the public form --------------------------------------------------------------------------


def _find_request(session: Session, token: object) -> FeedbackRequest | None:
    if not isinstance(token, str) or not token or len(token) > 200 or not token.isascii():
        return None
    return session.exec(
        select(FeedbackRequest).where(FeedbackRequest.token_hash == hash_token(token))
    ).first()


def open_form(
    session: Session, *, token: object, fallback_locale: str = "en", now: datetime | None = None
) -> FormView:
    """Describe the form behind a link (no sign-in: the token is the credential).

    Args:
        session: Database session.
        token: The token from the link.
        fallback_locale: Language for an unknown link (e.g. negotiated from the browser).
        now: Current time.

    Returns:
        The view; ``status`` tells the page what to show.
    """
    now = now or clock.now()
    request = _find_request(session, token)
    if request is None:
        return FormView("unknown", normalize_locale(fallback_locale), "", "", "")
    project = session.get(Project, request.project_id)
    collective = session.get(Collective, request.collective_id)
    tz = session.get(FeedbackSchedule, request.schedule_id).timezone
    return FormView(
        status="open" if (s := request_status(request, now)) == "pending" else s,
        locale=normalize_locale(request.locale),
        project_name=project.name,
        collective_name=collective.name,
        expires_on=local_date(request.expires_at, tz).isoformat(),
    )


def _clean_items(raw: object, field: str) -> list[str]:
    if raw is None:
        items: list[object] = []
    elif isinstance(raw, str):
        items = [raw]
    elif isinstance(raw, Sequence):
        items = list(raw)
    else:
        raise ValidationError("feedback.text_invalid", field=field)
    cleaned = [clean_text(item, f"{field}_{i + 1}") for i, item in enumerate(items)]
    cleaned = [text for text in cleaned if text]
    if len(cleaned) > MAX_ITEMS:
        raise ValidationError("feedback.too_many_items", field=field, max=MAX_ITEMS)
    return cleaned + [""] * (MAX_ITEMS - len(cleaned))


def parse_score(raw: object) -> int:
    """Validate the recommendation score: a whole number 0-10, not 7.

    Args:
        raw: What the form sent (int, or digits as text).

    Returns:
        The score.

    Raises:
        ValidationError: Missing, not a whole number 0-10, or 7 (with its own message).
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ValidationError("feedback.score_required", field="score")
    if isinstance(raw, bool):
        raise ValidationError("feedback.score_invalid", field="score")
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():
        value = int(raw.strip()[:3])
    else:
        raise ValidationError("feedback.score_invalid", field="score")
    if not 0 <= value <= 10:
        raise ValidationError("feedback.score_invalid", field="score")
    if value == 7:
        raise ValidationError("feedback.score_seven", field="score")
    return value


def needs_call(score: int, ranking: str) -> bool:
    """The follow-up rule: a score below 8, or a ranking below the top 10%.

    Args:
        score: 0-10.
        ranking: One of ``RANKINGS``.

    Returns:
        Whether to ask the client for a 30-minute call.
    """
    return score < CALL_BELOW_SCORE or ranking not in GOOD_RANKINGS


def submit_answer(
    session: Session,
    *,
    token: object,
    score: object,
    ranking: object,
    appreciated: object = (),
    improvements: object = (),
    comment: object = "",
    now: datetime | None = None,
) -> SubmitResult:
    """Record the client's answer to a form link, exactly once.

    The link's state is checked before the fields, so an expired or used link says so even if
    the form is incomplete. Two simultaneous submissions of one link: one wins, the other gets
    "already answered", and the first answer is kept.

    Args:
        session: Database session; committed here.
        token: The token from the link.
        score: 0-10 without 7 (required).
        ranking: ``top1``, ``top10``, ``top25``, ``top50`` or ``bottom50`` (required).
        appreciated: Up to 3 texts (optional), each at most 1,000 characters.
        improvements: Up to 3 texts (optional), each at most 1,000 characters.
        comment: Optional free text, at most 1,000 characters.
        now: Current time.

    Returns:
        What the thank-you page shows.

    Raises:
        NotFound: ``feedback.link_unknown``.
        ValidationError: ``feedback.link_expired``, or an invalid field (``field`` set).
        Conflict: ``feedback.already_answered``.
    """
    now = now or clock.now()
    request = _find_request(session, token)
    if request is None:
        raise NotFound("feedback.link_unknown")
    status = request_status(request, now)
    if status == "answered":
        raise Conflict("feedback.already_answered")
    if status == "expired":
        raise ValidationError("feedback.link_expired")
    value = parse_score(score)
    if ranking is None or ranking == "":
        raise ValidationError("feedback.ranking_required", field="ranking")
    if ranking not in RANKINGS:
        raise ValidationError("feedback.ranking_invalid", field="ranking")
    liked = _clean_items(appreciated, "appreciated")
    to_improve = _clean_items(improvements, "improvements")
    note = clean_text(comment, "comment")
    claimed = session.exec(
        update(FeedbackRequest)
        .where(
            FeedbackRequest.id == request.id,
            FeedbackRequest.answered_at.is_(None),
            FeedbackRequest.expires_at > now,
        )
        .values(answered_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        session.rollback()
        raise Conflict("feedback.already_answered")
    answer = FeedbackAnswer(
        request_id=request.id,
        project_id=request.project_id,
        collective_id=request.collective_id,
        submitted_at=now,
        locale=normalize_locale(request.locale),
        score=value,
        ranking=str(ranking),
        appreciated_1=liked[0],
        appreciated_2=liked[1],
        appreciated_3=liked[2],
        improve_1=to_improve[0],
        improve_2=to_improve[1],
        improve_3=to_improve[2],
        comment=note,
        needs_call=needs_call(value, str(ranking)),
    )
    session.add(answer)
    project = session.get(Project, request.project_id)
    if answer.needs_call:
        notifications.project_event(
            session,
            project_id=project.id,
            actor_id=None,
            kind="feedback_call",
            roles=("manager",),
            audience="managers",
            path=f"/projects/{project.id}/feedback",
        )
    projects.bump_version(session, project.id)
    session.commit()
    if answer.needs_call:
        # After the answer is safe: a board problem must never lose it (the job retries).
        try:
            run_followup(session, answer.id, now=now)
        except Exception:
            session.rollback()
            logger.exception("follow-up of feedback answer %s failed", answer.id)
    collective = session.get(Collective, project.collective_id)
    return SubmitResult(answer.locale, project.name, collective.name)


# --- follow-up ----------------------------------------------------------------------------


def project_manager(session: Session, project: Project) -> User | None:
    """Return who follows up on feedback.

    The project's first manager, else the collective's first owner or admin.

    Args:
        session: Database session.
        project: The project.

    Returns:
        The user, or None if the project has neither.
    """
    user = session.exec(
        select(User)
        .join(ProjectMember, ProjectMember.user_id == User.id)
        .where(ProjectMember.project_id == project.id, ProjectMember.role == "manager")
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
        session: Database session.
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
        session: Database session.
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
    improvements = "\n".join(
        f"- {text}" for text in (answer.improve_1, answer.improve_2, answer.improve_3) if text
    )
    answered_on = format_date(today, locale)
    # The name and the day make two respondents' (or two rounds') cards tell themselves apart.
    title = translate(
        "feedback.followup_title",
        locale,
        name=name or email,
        client=project.client_name,
        score=answer.score,
        date=answered_on,
    )
    description = translate(
        "feedback.followup_description",
        locale,
        name=name or email,
        email=email,
        link=f"{public_base_url()}/projects/{project.id}/feedback#answer-{answer.id}",
        date=answered_on,
        score=answer.score,
        ranking=translate(f"feedback.ranking.{answer.ranking}", locale),
        improvements=improvements or "-",
        comment=answer.comment or "-",
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
        title=" ".join(title.split())[:200],
        description=description,
        priority="high",
        due_date=working_days.add_working_days(today, FOLLOWUP_WORKING_DAYS, holidays),
        assignee_ids=[manager.id],
        hidden_from_client=True,
        confirm_over_limit=True,
        locale=locale,
    )
    return card.id


def run_followup(session: Session, answer_id: int, *, now: datetime | None = None) -> int | None:
    """Create the follow-up task of a flagged answer, unless it exists or is being created.

    The answer is claimed first (``followup_claimed_until``, committed), so two runners never
    create two tasks for it. A failure is logged, kept in ``followup_error`` and retried by the
    job once the claim lapses (10 minutes). If the process dies right after the board committed
    the task and before the answer records it, the retry creates a second task: the only,
    narrow, duplicate case.

    Args:
        session: Database session; committed here.
        answer_id: The answer.
        now: Current time.

    Returns:
        The new task's id, or None (not flagged, done already, claimed by another, or failed).
    """
    now = now or clock.now()
    claimed = session.exec(
        update(FeedbackAnswer)
        .where(
            FeedbackAnswer.id == answer_id,
            FeedbackAnswer.needs_call.is_(True),
            FeedbackAnswer.followup_task_id.is_(None),
            or_(
                FeedbackAnswer.followup_claimed_until.is_(None),
                FeedbackAnswer.followup_claimed_until < now,
            ),
        )
        .values(followup_claimed_until=now + FOLLOWUP_LEASE)
        .execution_options(synchronize_session=False)
    ).rowcount
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
        session.exec(
            update(FeedbackAnswer)
            .where(FeedbackAnswer.id == answer_id)
            .values(followup_error=f"{exc.__class__.__name__}: {exc}"[:300])
            .execution_options(synchronize_session=False)
        )
        session.commit()
        return None
    session.exec(
        update(FeedbackAnswer)
        .where(FeedbackAnswer.id == answer_id)
        .values(followup_task_id=task_id, followup_error="", followup_claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    session.commit()
    session.refresh(answer)
    return task_id


def retry_followups(session: Session, *, now: datetime | None = None, limit: int = 50) -> int:
    """Create the follow-up tasks still missing (failed or interrupted earlier); for the job.

    Args:
        session: Database session; committed here.
        now: Current time.
        limit: At most this many answers per call.

    Returns:
        How many tasks were created.
    """
    now = now or clock.now()
    ids = session.exec(
        select(FeedbackAnswer.id)
        .where(
            FeedbackAnswer.needs_call.is_(True),
            FeedbackAnswer.followup_task_id.is_(None),
            or_(
                FeedbackAnswer.followup_claimed_until.is_(None),
                FeedbackAnswer.followup_claimed_until < now,
            ),
        )
        .order_by(FeedbackAnswer.id)
        .limit(limit)
    ).all()
    return sum(1 for answer_id in ids if run_followup(session, answer_id, now=now) is not None)
