"""Client feedback, the managers' side: schedule settings, contacts, pause/resume, "send now".

- managers of the project configure the schedule and its contacts, pause, resume, "send now",
  and list the requests;
- managers and members read the schedule (addresses only for managers);
- guests and clients get ``PermissionDenied`` (they can see the project, not this), anyone
  else ``NotFound``, as everywhere in ``collab_app.services.permissions``.

Import these through ``collab_app.services.feedback``, which re-exports every public name.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, select

from collab_app.i18n import SUPPORTED_LOCALES, normalize_locale
from collab_app.i18n.moments import format_datetime
from collab_app.models import (
    FeedbackContact,
    FeedbackRequest,
    FeedbackSchedule,
    OutboxMessage,
    Project,
    ProjectMember,
    User,
)
from collab_app.services import clock, permissions, projects
from collab_app.services.accounts.auth import normalize_email, validate_timezone
from collab_app.services.errors import Conflict, NotFound, ValidationError
from collab_app.services.feedback.schedule import (
    DEFAULT_FIRST_DELAY_DAYS,
    DEFAULT_INTERVAL_DAYS,
    DEFAULT_REMINDER_DELAY_DAYS,
    DEFAULT_SEND_HOUR,
    DEFAULT_TIMEZONE,
    local_date,
    next_due_at,
    send_round,
)
from collab_app.services.mail import outbox
from collab_app.services.mail.outbox import OutboxView
from collab_app.services.viewer import Viewer

MAX_TEXT = 1000
DELAY_LIMITS = {
    "first_delay_days": (0, 365),
    "interval_days": (7, 365),
    "reminder_delay_days": (0, 14),
}
# "Send now" is refused this soon after the previous round (a double click, two managers).
SEND_NOW_COOLDOWN = timedelta(minutes=10)
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
    next_due: str  # "3 Jan 2027, 09:00" in ``timezone``; "" if paused or nobody to ask
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
    sent_at: str  # "3 Jan 2027, 09:00" in the schedule's time zone, the viewer's language
    expires_at: str
    status: str  # "pending" | "answered" | "expired"
    reminded: bool
    manual: bool


# --- schedule ---------------------------------------------------------------------------------


def schedule_of(session: Session, project_id: int) -> FeedbackSchedule | None:
    """Return a project's schedule row, or None (no permission check: for services).

    Args:
        session: Database session.
        project_id: The project.

    Returns:
        The row or None.
    """
    return session.exec(
        select(FeedbackSchedule).where(FeedbackSchedule.project_id == project_id)
    ).first()


def _schedule_view(
    session: Session,
    access: permissions.ProjectAccess,
    schedule: FeedbackSchedule | None,
    locale: str,
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
        next_due=format_datetime(next_due_at(schedule, project), locale, schedule.timezone)
        if show_next
        else "",
        last_round=format_datetime(schedule.last_round_at, locale, schedule.timezone),
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
    schedule = schedule_of(session, project.id)
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
    return _schedule_view(session, access, schedule_of(session, access.project.id), viewer.locale)


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
    return _schedule_view(session, access, schedule, viewer.locale)


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
    return _schedule_view(session, access, schedule, viewer.locale)


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
    schedule = schedule_of(session, access.project.id)
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
    return _schedule_view(session, access, schedule, viewer.locale)


def _set_status(
    session: Session, viewer: Viewer, project_id: object, status: str, now: datetime | None
) -> ScheduleView:
    access = permissions.require_project(session, viewer, project_id, roles=MANAGER)
    schedule = schedule_of(session, access.project.id)
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
    return _schedule_view(session, access, schedule, viewer.locale)


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
    """Queue a request to every contact who was not sent one in the last 10 minutes (managers).

    The cooldown is per contact: a contact just added gets a link even if the others got one a
    minute ago (they are skipped, not asked twice). The next round follows ``interval_days``
    later. Works while paused too (the schedule stays paused).

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        now: Current time.

    Returns:
        How many requests were queued.

    Raises:
        ValidationError: No schedule or no contact.
        Conflict: Every contact was sent a link less than 10 minutes ago, or a round is being
            sent at this very moment by someone else.
    """
    access = permissions.require_project(session, viewer, project_id, roles=MANAGER)
    now = now or clock.now()
    schedule = schedule_of(session, access.project.id)
    if schedule is None:
        raise ValidationError("feedback.no_schedule")
    just_sent = set(
        session.exec(
            select(FeedbackRequest.contact_id).where(
                FeedbackRequest.schedule_id == schedule.id,
                FeedbackRequest.sent_at > now - SEND_NOW_COOLDOWN,
            )
        ).all()
    )
    sent = send_round(session, schedule, access.project, now=now, manual=True, skip=just_sent)
    if sent is None or (not sent and just_sent):
        raise Conflict("feedback.just_sent", minutes=int(SEND_NOW_COOLDOWN.total_seconds() // 60))
    if not sent:
        raise ValidationError("feedback.no_contacts")
    return len(sent)


# Outbox kinds whose link is a feedback form link (the request's, or re-sent by its reminder).
FORM_LINK_KINDS = ("feedback_request", "feedback_reminder")


def project_outbox(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    limit: int = 50,
    now: datetime | None = None,
) -> list[OutboxView]:
    """Return the project's outgoing mails with what became of their form links (managers).

    A form link is ``answered``, ``expired``, ``replaced`` (the contact was sent a newer one)
    or ``open``; only an open link is worth copying.

    Args:
        session: Database session.
        viewer: A manager of the project.
        project_id: Id received from the client.
        limit: How many of the newest messages.
        now: Current time.

    Returns:
        Messages, newest first.
    """
    messages = outbox.list_for_project(session, viewer, project_id=project_id, limit=limit)
    links = {m.link for m in messages if m.kind in FORM_LINK_KINDS and m.link}
    if not links:
        return messages
    now = now or clock.now()
    rows = session.exec(
        select(OutboxMessage.link, FeedbackRequest)
        .join(FeedbackRequest, FeedbackRequest.outbox_message_id == OutboxMessage.id)
        .where(OutboxMessage.link.in_(links))
    ).all()
    contact_ids = {request.contact_id for _, request in rows}
    newest = dict(
        session.exec(
            select(FeedbackRequest.contact_id, func.max(FeedbackRequest.id))
            .where(FeedbackRequest.contact_id.in_(contact_ids))
            .group_by(FeedbackRequest.contact_id)
        ).all()
    )
    states = {}
    for link, request in rows:
        state = request_status(request, now)
        if state == "pending":
            state = "open" if newest.get(request.contact_id) == request.id else "replaced"
        states[link] = state
    return [
        replace(m, link_state=states.get(m.link, "")) if m.kind in FORM_LINK_KINDS else m
        for m in messages
    ]


def request_status(request: FeedbackRequest, now: datetime) -> str:
    """Return ``answered``, ``expired`` or ``pending`` for a form link at ``now``.

    Args:
        request: The request.
        now: Current time.

    Returns:
        The status.
    """
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
    schedule = schedule_of(session, access.project.id)
    if schedule is None:
        return []
    language = normalize_locale(viewer.locale)
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
            sent_at=format_datetime(r.sent_at, language, schedule.timezone),
            expires_at=format_datetime(r.expires_at, language, schedule.timezone),
            status=request_status(r, now),
            reminded=r.reminded_at is not None,
            manual=r.manual,
        )
        for r in rows
    ]


# --- text fields ------------------------------------------------------------------------------


def clean_text(raw: object, field: str) -> str:
    """Return a text field without control characters, trimmed, at most 1,000 characters.

    Args:
        raw: What the form sent (None is empty).
        field: Form field for errors.

    Returns:
        The cleaned text, with line ends normalized to a line feed.

    Raises:
        ValidationError: Not text, or too long.
    """
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
