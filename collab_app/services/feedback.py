"""Client feedback forms: schedule settings, the public no-login form, follow-up and actions.

Who may do what:

- managers of the project configure the schedule and its contacts, pause, resume, "send now",
  list the requests, record improvement actions and send their recap to the client;
- managers and members read the schedule (emails only for managers), the answers and the
  results (``collab_app.services.feedback_results``);
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

The schedule's calendar and the sending job live in ``feedback_schedule``; results and NPS in
``feedback_results``. Every name a caller needs is importable from here.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, update
from sqlmodel import Session, select

from collab_app.i18n import SUPPORTED_LOCALES, normalize_locale, translate
from collab_app.models import (
    Collective,
    CollectiveMember,
    FeedbackAction,
    FeedbackAnswer,
    FeedbackContact,
    FeedbackRecap,
    FeedbackRequest,
    FeedbackSchedule,
    Project,
    ProjectMember,
    User,
)
from collab_app.services import board, clock, outbox, permissions, projects
from collab_app.services.auth import normalize_email, validate_timezone, viewer_for
from collab_app.services.errors import Conflict, NotFound, ValidationError
from collab_app.services.feedback_results import (  # noqa: F401 - re-exported
    AnswerView,
    NpsSummary,
    ResultsView,
    TrendPoint,
    category_of,
    collective_results,
    nps_of,
    project_results,
)
from collab_app.services.feedback_schedule import (  # noqa: F401 - re-exported
    DEFAULT_FIRST_DELAY_DAYS,
    DEFAULT_INTERVAL_DAYS,
    DEFAULT_REMINDER_DELAY_DAYS,
    DEFAULT_SEND_HOUR,
    DEFAULT_TIMEZONE,
    REQUEST_LIFETIME,
    DueReport,
    SentRequest,
    enqueue_due,
    format_local,
    local_date,
    next_due_at,
    recipients,
    send_round,
)
from collab_app.services.tokens import hash_token
from collab_app.services.viewer import Viewer

logger = logging.getLogger(__name__)

SCORES = (0, 1, 2, 3, 4, 5, 6, 8, 9, 10)
RANKINGS = ("top1", "top10", "top25", "top50", "bottom50")
GOOD_RANKINGS = ("top1", "top10")
CALL_BELOW_SCORE = 8
MAX_TEXT = 1000
MAX_ITEMS = 3
ACTION_STATUSES = ("planned", "in_progress", "done")
DELAY_LIMITS = {
    "first_delay_days": (0, 365),
    "interval_days": (7, 365),
    "reminder_delay_days": (0, 14),
}
# "Send now" is refused this soon after the previous round (a double click, two managers).
SEND_NOW_COOLDOWN = timedelta(minutes=10)
# A runner creating a follow-up task owns the answer this long (then another may retry).
FOLLOWUP_LEASE = timedelta(minutes=10)
MANAGER = ("manager",)


# --- views ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContactView:
    """A feedback contact; ``email`` is empty for members (managers only see addresses)."""

    id: int
    user_id: int | None
    name: str
    email: str
    locale: str


@dataclass(frozen=True, slots=True)
class ClientCandidate:
    """A client member of the project a manager may pick as contact."""

    user_id: int
    name: str
    email: str
    is_contact: bool


@dataclass(frozen=True, slots=True)
class ScheduleView:
    """A project's feedback schedule; ``configured`` is False (and defaults shown) if none."""

    project_id: int
    configured: bool
    status: str  # "none" | "active" | "paused"
    first_delay_days: int
    interval_days: int
    reminder_delay_days: int
    send_hour: int
    timezone: str
    rounds_sent: int
    next_due: str  # local "YYYY-MM-DD HH:MM" in ``timezone``; "" if paused or nobody to ask
    last_round: str  # same format, "" before the first round
    contacts: tuple[ContactView, ...]
    candidates: tuple[ClientCandidate, ...]  # managers only
    can_edit: bool


@dataclass(frozen=True, slots=True)
class RequestView:
    """One form link sent, as listed to managers (never the link: see the outbox)."""

    id: int
    sequence: int
    email: str
    sent_at: str  # local, schedule time zone
    expires_at: str
    status: str  # "pending" | "answered" | "expired"
    reminded: bool
    manual: bool


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


@dataclass(frozen=True, slots=True)
class ActionView:
    """An improvement action recorded by a manager."""

    id: int
    text: str
    status: str  # "planned" | "in_progress" | "done"
    share_with_client: bool
    answer_id: int | None
    created_by: str
    created_at: str  # viewer's local "YYYY-MM-DD HH:MM"


# --- schedule ---------------------------------------------------------------------------------


def _schedule_of(session: Session, project_id: int) -> FeedbackSchedule | None:
    return session.exec(
        select(FeedbackSchedule).where(FeedbackSchedule.project_id == project_id)
    ).first()


def _schedule_view(
    session: Session, access: permissions.ProjectAccess, schedule: FeedbackSchedule | None
) -> ScheduleView:
    project = access.project
    manager = access.is_manager
    contacts: list[ContactView] = []
    contact_user_ids: set[int] = set()
    if schedule is not None:
        rows = session.exec(
            select(FeedbackContact, User)
            .join(User, User.id == FeedbackContact.user_id, isouter=True)
            .where(FeedbackContact.schedule_id == schedule.id, FeedbackContact.active.is_(True))
            .order_by(FeedbackContact.id)
        ).all()
        for contact, user in rows:
            if user is not None:
                contact_user_ids.add(user.id)
            contacts.append(
                ContactView(
                    id=contact.id,
                    user_id=contact.user_id,
                    name=user.display_name if user else "",
                    email=(user.email if user else contact.email) if manager else "",
                    locale=normalize_locale(user.locale if user else contact.locale),
                )
            )
    candidates: tuple[ClientCandidate, ...] = ()
    if manager:
        candidates = tuple(
            ClientCandidate(u.id, u.display_name, u.email, u.id in contact_user_ids)
            for u in _client_members(session, project.id)
        )
    if schedule is None:
        tz = _default_timezone(session, project.id, None)
        return ScheduleView(
            project_id=project.id,
            configured=False,
            status="none",
            first_delay_days=DEFAULT_FIRST_DELAY_DAYS,
            interval_days=DEFAULT_INTERVAL_DAYS,
            reminder_delay_days=DEFAULT_REMINDER_DELAY_DAYS,
            send_hour=DEFAULT_SEND_HOUR,
            timezone=tz,
            rounds_sent=0,
            next_due="",
            last_round="",
            contacts=(),
            candidates=candidates,
            can_edit=manager,
        )
    show_next = schedule.status == "active" and bool(contacts)
    return ScheduleView(
        project_id=project.id,
        configured=True,
        status=schedule.status,
        first_delay_days=schedule.first_delay_days,
        interval_days=schedule.interval_days,
        reminder_delay_days=schedule.reminder_delay_days,
        send_hour=schedule.send_hour,
        timezone=schedule.timezone,
        rounds_sent=schedule.rounds_sent,
        next_due=format_local(next_due_at(schedule, project), schedule.timezone)
        if show_next
        else "",
        last_round=format_local(schedule.last_round_at, schedule.timezone),
        contacts=tuple(contacts),
        candidates=candidates,
        can_edit=manager,
    )


def _client_members(session: Session, project_id: int) -> list[User]:
    return list(
        session.exec(
            select(User)
            .join(ProjectMember, ProjectMember.user_id == User.id)
            .where(ProjectMember.project_id == project_id, ProjectMember.role == "client")
            .order_by(User.display_name, User.id)
        ).all()
    )


def _default_timezone(session: Session, project_id: int, viewer: Viewer | None) -> str:
    """The recipient's zone (first client of the project), else the manager's, else Paris."""
    clients = _client_members(session, project_id)
    for candidate in (clients[0].timezone if clients else "", viewer.timezone if viewer else ""):
        if candidate:
            try:
                return validate_timezone(candidate)
            except ValidationError:
                continue
    return DEFAULT_TIMEZONE


def _int_in_range(raw: object, field: str, low: int, high: int, key: str) -> int:
    if isinstance(raw, bool):
        raise ValidationError(key, field=field, min=low, max=high)
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():
        value = int(raw.strip()[:6])
    else:
        raise ValidationError(key, field=field, min=low, max=high)
    if not low <= value <= high:
        raise ValidationError(key, field=field, min=low, max=high)
    return value


def _get_or_create_schedule(
    session: Session, viewer: Viewer, project: Project, now: datetime
) -> FeedbackSchedule:
    schedule = _schedule_of(session, project.id)
    if schedule is None:
        schedule = FeedbackSchedule(
            project_id=project.id,
            collective_id=project.collective_id,
            timezone=_default_timezone(session, project.id, viewer),
            created_by_id=viewer.user_id,
            created_at=now,
            updated_at=now,
        )
        session.add(schedule)
        session.flush()
    return schedule


def get_schedule(session: Session, viewer: Viewer, *, project_id: object) -> ScheduleView:
    """Return the project's feedback schedule (managers and members).

    Args:
        session: Database session.
        viewer: A manager or member of the project.
        project_id: Id received from the client.

    Returns:
        The schedule; ``configured`` is False when none was set up yet.

    Raises:
        NotFound: Unknown project or not on it.
        PermissionDenied: Guests and clients.
    """
    access = permissions.require_project(session, viewer, project_id, roles=permissions.TEAM_ROLES)
    return _schedule_view(session, access, _schedule_of(session, access.project.id))


def configure_schedule(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    first_delay_days: object = DEFAULT_FIRST_DELAY_DAYS,
    interval_days: object = DEFAULT_INTERVAL_DAYS,
    reminder_delay_days: object = DEFAULT_REMINDER_DELAY_DAYS,
    send_hour: object = DEFAULT_SEND_HOUR,
    timezone: str | None = None,
    now: datetime | None = None,
) -> ScheduleView:
    """Create or change the project's schedule (managers). A new schedule starts active.

    Changing the delays moves the next round: round 1 always follows the project's start date;
    later rounds follow the previous round's date with the new interval.

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        first_delay_days: Days from the project's start to round 1 (0-365).
        interval_days: Days between rounds (7-365).
        reminder_delay_days: Days from a request to its reminder (0-14; 0 = no reminder).
        send_hour: Local hour of sending (0-23).
        timezone: IANA zone; default the client's, else the manager's, else Europe/Paris.
        now: Current time.

    Returns:
        The schedule.

    Raises:
        ValidationError: A value out of range or an unknown time zone.
    """
    access = permissions.require_project(session, viewer, project_id, roles=MANAGER)
    now = now or clock.now()
    values = {
        name: _int_in_range(raw, name, *DELAY_LIMITS[name], "feedback.delay_invalid")
        for name, raw in (
            ("first_delay_days", first_delay_days),
            ("interval_days", interval_days),
            ("reminder_delay_days", reminder_delay_days),
        )
    }
    hour = _int_in_range(send_hour, "send_hour", 0, 23, "feedback.hour_invalid")
    tz = None
    if timezone:
        try:
            tz = validate_timezone(timezone)
        except ValidationError as exc:
            raise ValidationError("feedback.timezone_invalid", field="timezone") from exc
    schedule = _get_or_create_schedule(session, viewer, access.project, now)
    if schedule.rounds_sent and schedule.last_round_at is not None:
        last_on = local_date(schedule.last_round_at, tz or schedule.timezone)
        if values["interval_days"] != schedule.interval_days:
            schedule.next_due_on = last_on + timedelta(days=values["interval_days"])
    for name, value in values.items():
        setattr(schedule, name, value)
    schedule.send_hour = hour
    if tz:
        schedule.timezone = tz
    schedule.updated_at = now
    session.add(schedule)
    projects.bump_version(session, access.project.id)
    session.commit()
    return _schedule_view(session, access, schedule)


def add_contact(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    user_id: object = None,
    email: str = "",
    locale: str = "",
    now: datetime | None = None,
) -> ScheduleView:
    """Add a feedback contact (managers): a client member of the project, or an extra email.

    Creates the schedule with default settings if the project has none yet.

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        user_id: A user with the client role on this project; or None with ``email``.
        email: An extra address (someone at the client without an account).
        locale: Language of the extra address's mails and form: ``en`` or ``fr``; default
            the manager's. Contacts with an account get their own language.
        now: Current time.

    Returns:
        The schedule.

    Raises:
        ValidationError: Neither or an invalid address, not a client, already a contact.
        NotFound: ``user_id`` is not a member of the project.
    """
    access = permissions.require_project(session, viewer, project_id, roles=MANAGER)
    now = now or clock.now()
    project = access.project
    contact_user: User | None = None
    if user_id not in (None, ""):
        uid = permissions.coerce_id(user_id)
        role = session.exec(
            select(ProjectMember.role).where(
                ProjectMember.project_id == project.id, ProjectMember.user_id == uid
            )
        ).first()
        if role is None:
            raise NotFound()
        if role != "client":
            raise ValidationError("feedback.contact_not_client", field="user_id")
        contact_user = session.get(User, uid)
        address = contact_user.email
        language = normalize_locale(contact_user.locale)
    elif (email or "").strip():
        address = normalize_email(email)
        if locale and locale not in SUPPORTED_LOCALES:
            raise ValidationError("feedback.locale_invalid", field="locale")
        language = locale or normalize_locale(viewer.locale)
    else:
        raise ValidationError("feedback.contact_required", field="email")
    schedule = _get_or_create_schedule(session, viewer, project, now)
    existing = session.exec(
        select(FeedbackContact).where(
            FeedbackContact.schedule_id == schedule.id, FeedbackContact.email == address
        )
    ).first()
    if existing is not None and existing.active:
        raise ValidationError("feedback.contact_exists", field="email")
    if contact_user is not None:
        # The same person may have been added before under their address, or with another one.
        duplicate = session.exec(
            select(FeedbackContact.id).where(
                FeedbackContact.schedule_id == schedule.id,
                FeedbackContact.user_id == contact_user.id,
                FeedbackContact.active.is_(True),
            )
        ).first()
        if duplicate is not None:
            raise ValidationError("feedback.contact_exists", field="user_id")
    contact = existing or FeedbackContact(schedule_id=schedule.id, email=address, created_at=now)
    contact.active = True
    contact.user_id = contact_user.id if contact_user else None
    contact.locale = language
    session.add(contact)
    schedule.updated_at = now
    session.add(schedule)
    projects.bump_version(session, project.id)
    session.commit()
    return _schedule_view(session, access, schedule)


def remove_contact(
    session: Session, viewer: Viewer, *, project_id: object, contact_id: object
) -> ScheduleView:
    """Stop asking a contact (managers); their past requests and answers stay.

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        contact_id: Id received from the client.

    Returns:
        The schedule.

    Raises:
        NotFound: Unknown contact or not of this project.
    """
    access = permissions.require_project(session, viewer, project_id, roles=MANAGER)
    cid = permissions.coerce_id(contact_id)
    schedule = _schedule_of(session, access.project.id)
    contact = session.get(FeedbackContact, cid)
    if schedule is None or contact is None or contact.schedule_id != schedule.id:
        raise NotFound()
    contact.active = False
    session.add(contact)
    # Their pending reminders are not sent any more.
    session.exec(
        update(FeedbackRequest)
        .where(
            FeedbackRequest.contact_id == contact.id,
            FeedbackRequest.reminded_at.is_(None),
            FeedbackRequest.answered_at.is_(None),
        )
        .values(reminder_due_at=None)
        .execution_options(synchronize_session=False)
    )
    projects.bump_version(session, access.project.id)
    session.commit()
    return _schedule_view(session, access, schedule)


def _set_status(
    session: Session, viewer: Viewer, project_id: object, status: str, now: datetime | None
) -> ScheduleView:
    access = permissions.require_project(session, viewer, project_id, roles=MANAGER)
    schedule = _schedule_of(session, access.project.id)
    if schedule is None:
        raise ValidationError("feedback.no_schedule")
    now = now or clock.now()
    if schedule.status != status:
        schedule.status = status
        schedule.paused_at = now if status == "paused" else None
        schedule.updated_at = now
        session.add(schedule)
        projects.bump_version(session, access.project.id)
        session.commit()
    return _schedule_view(session, access, schedule)


def pause_schedule(
    session: Session, viewer: Viewer, *, project_id: object, now: datetime | None = None
) -> ScheduleView:
    """Stop sending requests and reminders until resumed (managers).

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        now: Current time.

    Returns:
        The schedule.
    """
    return _set_status(session, viewer, project_id, "paused", now)


def resume_schedule(
    session: Session, viewer: Viewer, *, project_id: object, now: datetime | None = None
) -> ScheduleView:
    """Start sending again (managers).

    A round whose date passed during the pause is sent at the next run of the job, and the
    rhythm restarts from that day.

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        now: Current time.

    Returns:
        The schedule.
    """
    return _set_status(session, viewer, project_id, "active", now)


def send_now(
    session: Session, viewer: Viewer, *, project_id: object, now: datetime | None = None
) -> int:
    """Queue a request to every contact right away (managers).

    The next round follows ``interval_days`` later. Works while paused too (the schedule stays
    paused).

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        now: Current time.

    Returns:
        How many requests were queued.

    Raises:
        ValidationError: No schedule or no contact.
        Conflict: A round was sent less than 10 minutes ago, or at this very moment by
            someone else.
    """
    access = permissions.require_project(session, viewer, project_id, roles=MANAGER)
    now = now or clock.now()
    schedule = _schedule_of(session, access.project.id)
    if schedule is None:
        raise ValidationError("feedback.no_schedule")
    if schedule.last_round_at is not None and now - schedule.last_round_at < SEND_NOW_COOLDOWN:
        raise Conflict("feedback.just_sent", minutes=int(SEND_NOW_COOLDOWN.total_seconds() // 60))
    sent = send_round(session, schedule, access.project, now=now, manual=True)
    if sent is None:
        raise Conflict("feedback.just_sent", minutes=int(SEND_NOW_COOLDOWN.total_seconds() // 60))
    if not sent:
        raise ValidationError("feedback.no_contacts")
    return len(sent)


def _request_status(request: FeedbackRequest, now: datetime) -> str:
    if request.answered_at is not None:
        return "answered"
    if request.expires_at <= now:
        return "expired"
    return "pending"


def list_requests(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    limit: int = 100,
    now: datetime | None = None,
) -> list[RequestView]:
    """Return the project's sent form links, newest first (managers).

    Args:
        session: Database session.
        viewer: A manager of the project.
        project_id: Id received from the client.
        limit: How many of the newest.
        now: Current time.

    Returns:
        The requests.
    """
    access = permissions.require_project(session, viewer, project_id, roles=MANAGER)
    now = now or clock.now()
    schedule = _schedule_of(session, access.project.id)
    if schedule is None:
        return []
    rows = session.exec(
        select(FeedbackRequest)
        .where(FeedbackRequest.schedule_id == schedule.id)
        .order_by(FeedbackRequest.sent_at.desc(), FeedbackRequest.id.desc())
        .limit(max(1, min(int(limit), 500)))
    ).all()
    return [
        RequestView(
            id=r.id,
            sequence=r.sequence,
            email=r.email,
            sent_at=format_local(r.sent_at, schedule.timezone),
            expires_at=format_local(r.expires_at, schedule.timezone),
            status=_request_status(r, now),
            reminded=r.reminded_at is not None,
            manual=r.manual,
        )
        for r in rows
    ]


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
        status="open" if (s := _request_status(request, now)) == "pending" else s,
        locale=normalize_locale(request.locale),
        project_name=project.name,
        collective_name=collective.name,
        expires_on=local_date(request.expires_at, tz).isoformat(),
    )


def _clean_text(raw: object, field: str) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise ValidationError("feedback.text_invalid", field=field)
    kept = "".join(
        ch
        for ch in raw.replace("\r\n", "\n").replace("\r", "\n")
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    ).strip()
    if len(kept) > MAX_TEXT:
        raise ValidationError("feedback.text_too_long", field=field, max=MAX_TEXT)
    return kept


def _clean_items(raw: object, field: str) -> list[str]:
    if raw is None:
        items: list[object] = []
    elif isinstance(raw, str):
        items = [raw]
    elif isinstance(raw, Sequence):
        items = list(raw)
    else:
        raise ValidationError("feedback.text_invalid", field=field)
    cleaned = [_clean_text(item, f"{field}_{i + 1}") for i, item in enumerate(items)]
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
    status = _request_status(request, now)
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
    note = _clean_text(comment, "comment")
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


def _create_followup_task(session: Session, project: Project, answer: FeedbackAnswer) -> int:
    """Create the internal "ask for a 30-minute call" task for the project's manager.

    The ONE place where feedback touches the board, through the board's own service (so the
    task gets its position, activity line and change signal like any other). It is created as
    the manager, hidden from the client, assigned to the manager, high priority, due two days
    after the answer, written in the manager's language, past any WIP limit. The board's service
    commits.

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
    improvements = "\n".join(
        f"- {text}" for text in (answer.improve_1, answer.improve_2, answer.improve_3) if text
    )
    title = translate(
        "feedback.followup_title", locale, client=project.client_name, score=answer.score
    )
    description = translate(
        "feedback.followup_description",
        locale,
        date=today.isoformat(),
        score=answer.score,
        ranking=translate(f"feedback.ranking.{answer.ranking}", locale),
        improvements=improvements or "-",
        comment=answer.comment or "-",
    )
    board.ensure_default_columns(session, project.id)  # projects made before the board
    card = board.create_task(
        session,
        viewer_for(manager),
        project_id=project.id,
        title=" ".join(title.split())[:200],
        description=description,
        priority="high",
        due_date=today + timedelta(days=2),
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


# --- improvement actions and recap --------------------------------------------------------


def _action_view(action: FeedbackAction, author: str, tz: str) -> ActionView:
    return ActionView(
        id=action.id,
        text=action.text,
        status=action.status,
        share_with_client=action.share_with_client,
        answer_id=action.answer_id,
        created_by=author,
        created_at=format_local(action.created_at, tz),
    )


def _viewer_tz(viewer: Viewer) -> str:
    try:
        return validate_timezone(viewer.timezone)
    except ValidationError:
        return DEFAULT_TIMEZONE


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
    return _actions_of(session, access.project.id, _viewer_tz(viewer))


def _actions_of(session: Session, project_id: int, tz: str) -> list[ActionView]:
    rows = session.exec(
        select(FeedbackAction, User.display_name)
        .join(User, User.id == FeedbackAction.created_by_id)
        .where(FeedbackAction.project_id == project_id)
        .order_by(FeedbackAction.created_at, FeedbackAction.id)
    ).all()
    return [_action_view(action, name, tz) for action, name in rows]


def _clean_action_text(text: object) -> str:
    cleaned = _clean_text(text, "text")
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
    return _action_view(action, viewer.display_name, _viewer_tz(viewer))


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
    return _action_view(action, author.display_name if author else "", _viewer_tz(viewer))


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
    schedule = _schedule_of(session, project.id)
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
