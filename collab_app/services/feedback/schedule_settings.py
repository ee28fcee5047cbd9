"""A project's feedback schedule: its settings, who is asked, pause and resume.

- managers of the project configure the schedule, pause and resume it;
- managers and members read the schedule (addresses only for managers);
- guests and clients get ``PermissionDenied`` (they can see the project, not this), anyone
  else ``NotFound``, as everywhere in ``collab_app.services.permissions``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, select

from collab_app.i18n import normalize_locale
from collab_app.models import (
    FeedbackContact,
    FeedbackSchedule,
    Project,
    ProjectMember,
    User,
)
from collab_app.services import clock, permissions
from collab_app.services.accounts.auth import validate_timezone
from collab_app.services.errors import ValidationError
from collab_app.services.feedback.access import managed_project, read_project
from collab_app.services.feedback.due_dates import (
    DEFAULT_FIRST_DELAY_DAYS,
    DEFAULT_INTERVAL_DAYS,
    DEFAULT_REMINDER_DELAY_DAYS,
    DEFAULT_SEND_HOUR,
    DEFAULT_TIMEZONE,
    local_date,
    next_due_at,
)
from collab_app.services.feedback.texts import whole_number
from collab_app.services.viewer import Viewer

DELAY_LIMITS = {
    "first_delay_days": (0, 365),
    "interval_days": (7, 365),
    "reminder_delay_days": (0, 14),
}
# "Send now" is refused this soon after the previous round (a double click, two managers).


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
    next_due_at: datetime | None  # None if paused or nobody to ask
    last_round_at: datetime | None  # None before the first round
    contacts: tuple[ContactView, ...]
    candidates: tuple[ClientCandidate, ...]  # managers only
    can_edit: bool
    # Shown: "3 Jan 2027, 09:00" in ``timezone`` and the viewer's language (see the presenter).
    next_due: str = ""
    last_round: str = ""


@dataclass(frozen=True, slots=True)
class ScheduleSettings:
    """A schedule's settings as a manager typed them (checked by ``configure_schedule``).

    The values come from the client, of any type; the defaults are a new schedule's.
    """

    first_delay_days: object = DEFAULT_FIRST_DELAY_DAYS  # from the project's start (0-365)
    interval_days: object = DEFAULT_INTERVAL_DAYS  # between rounds (7-365)
    reminder_delay_days: object = DEFAULT_REMINDER_DELAY_DAYS  # 0-14; 0 = no reminder
    send_hour: object = DEFAULT_SEND_HOUR  # local hour of sending (0-23)
    timezone: str | None = None  # IANA zone; None: the client's, else the manager's, else Paris


def _clean_settings(settings: ScheduleSettings) -> tuple[dict[str, int], str | None]:
    """Check typed settings: (whole numbers by field name, the zone if one was given)."""
    numbers = {
        name: _int_in_range(
            getattr(settings, name), name, *DELAY_LIMITS[name], "feedback.delay_invalid"
        )
        for name in DELAY_LIMITS
    }
    numbers["send_hour"] = _int_in_range(
        settings.send_hour, "send_hour", 0, 23, "feedback.hour_invalid"
    )
    tz = None
    if settings.timezone:
        try:
            tz = validate_timezone(settings.timezone)
        except ValidationError as exc:
            raise ValidationError("feedback.timezone_invalid", field="timezone") from exc
    return numbers, tz


def schedule_of(session: Session, project_id: int) -> FeedbackSchedule | None:
    """Return a project's schedule row, or None (no permission check: for services).

    Args:
        project_id: The project.

    Returns:
        The row or None.
    """
    return session.exec(
        select(FeedbackSchedule).where(FeedbackSchedule.project_id == project_id)
    ).first()


def _contacts_of(session: Session, schedule: FeedbackSchedule, manager: bool) -> list[ContactView]:
    rows = session.exec(
        select(FeedbackContact, User)
        .join(User, User.id == FeedbackContact.user_id, isouter=True)
        .where(FeedbackContact.schedule_id == schedule.id, FeedbackContact.active.is_(True))
        .order_by(FeedbackContact.id)
    ).all()
    return [
        ContactView(
            id=contact.id,
            user_id=contact.user_id,
            name=user.display_name if user else "",
            email=(user.email if user else contact.email) if manager else "",
            locale=normalize_locale(user.locale if user else contact.locale),
        )
        for contact, user in rows
    ]


def schedule_view(
    session: Session, access: permissions.ProjectAccess, schedule: FeedbackSchedule | None
) -> ScheduleView:
    """Return the view of a project's schedule for a viewer whose access was checked.

    Args:
        access: The viewer's access to the project.
        schedule: Its schedule, or None before one was set up.

    Returns:
        The view (defaults shown when there is no schedule).
    """
    project = access.project
    manager = access.is_manager
    contacts = _contacts_of(session, schedule, manager) if schedule is not None else []
    asked = {c.user_id for c in contacts if c.user_id is not None}
    candidates = tuple(
        ClientCandidate(u.id, u.display_name, u.email, u.id in asked)
        for u in (client_members(session, project.id) if manager else ())
    )
    configured = schedule is not None
    if schedule is None:  # shown as a new one would be: the defaults, the client's time zone
        schedule = FeedbackSchedule(
            project_id=project.id,
            collective_id=project.collective_id,
            status="none",
            timezone=_default_timezone(session, project.id, None),
        )
    show_next = schedule.status == "active" and bool(contacts)
    return ScheduleView(
        project_id=project.id,
        configured=configured,
        status=schedule.status,
        first_delay_days=schedule.first_delay_days,
        interval_days=schedule.interval_days,
        reminder_delay_days=schedule.reminder_delay_days,
        send_hour=schedule.send_hour,
        timezone=schedule.timezone,
        rounds_sent=schedule.rounds_sent,
        next_due_at=next_due_at(schedule, project) if show_next else None,
        last_round_at=schedule.last_round_at,
        contacts=tuple(contacts),
        candidates=candidates,
        can_edit=manager,
    )


def client_members(session: Session, project_id: int) -> list[User]:
    """Return the project's members with the client role, by name.

    Args:
        project_id: The project.

    Returns:
        The users.
    """
    return list(
        session.exec(
            select(User)
            .join(ProjectMember, ProjectMember.user_id == User.id)
            .where(ProjectMember.project_id == project_id, ProjectMember.role == permissions.CLIENT)
            .order_by(User.display_name, User.id)
        ).all()
    )


def _default_timezone(session: Session, project_id: int, viewer: Viewer | None) -> str:
    """The recipient's zone (first client of the project), else the manager's, else Paris."""
    clients = client_members(session, project_id)
    for candidate in (clients[0].timezone if clients else "", viewer.timezone if viewer else ""):
        if candidate:
            try:
                return validate_timezone(candidate)
            except ValidationError:
                continue
    return DEFAULT_TIMEZONE


def _int_in_range(raw: object, field: str, low: int, high: int, key: str) -> int:
    value = whole_number(raw, 6)
    if value is None or not low <= value <= high:
        raise ValidationError(key, field=field, min=low, max=high)
    return value


def get_or_create_schedule(
    session: Session, viewer: Viewer, project: Project, now: datetime
) -> FeedbackSchedule:
    """Return the project's schedule, created (flushed) with the default settings if none.

    Args:
        viewer: The manager setting it up.
        project: The project.
        now: Current time.

    Returns:
        The schedule.
    """
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
        viewer: A manager or member of the project.

    Returns:
        The schedule; ``configured`` is False when none was set up yet.

    Raises:
        NotFound: Unknown project or not on it.
        PermissionDenied: Guests and clients.
    """
    access = read_project(session, viewer, project_id)
    return schedule_view(session, access, schedule_of(session, access.project.id))


def configure_schedule(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    settings: ScheduleSettings | None = None,
    now: datetime | None = None,
) -> ScheduleView:
    """Create or change the project's schedule (managers). A new schedule starts active.

    Changing the delays moves the next round: round 1 always follows the project's start date;
    later rounds follow the previous round's date with the new interval.

    Args:
        viewer: A manager of the project.
        settings: The delays, the sending hour and the zone; None: the defaults.
        now: Current time.

    Returns:
        The schedule.

    Raises:
        ValidationError: A value out of range or an unknown time zone.
    """
    access = managed_project(session, viewer, project_id)
    now = now or clock.now()
    numbers, tz = _clean_settings(settings or ScheduleSettings())
    schedule = get_or_create_schedule(session, viewer, access.project, now)
    if schedule.rounds_sent and schedule.last_round_at is not None:
        last_on = local_date(schedule.last_round_at, tz or schedule.timezone)
        if numbers["interval_days"] != schedule.interval_days:
            schedule.next_due_on = last_on + timedelta(days=numbers["interval_days"])
    for name, value in numbers.items():
        setattr(schedule, name, value)
    if tz:
        schedule.timezone = tz
    schedule.updated_at = now
    session.add(schedule)
    session.commit()
    return schedule_view(session, access, schedule)


def set_paused(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    paused: bool,
    now: datetime | None = None,
) -> ScheduleView:
    """Pause the schedule (no requests nor reminders until resumed) or resume it (managers).

    After a resume, a round whose date passed during the pause is sent at the next run of the
    job, and the rhythm restarts from that day.

    Args:
        viewer: A manager of the project.
        paused: True to pause, False to resume.
        now: Current time.

    Returns:
        The schedule.

    Raises:
        ValidationError: The project has no schedule.
    """
    access = managed_project(session, viewer, project_id)
    schedule = schedule_of(session, access.project.id)
    if schedule is None:
        raise ValidationError("feedback.no_schedule")
    now = now or clock.now()
    status = "paused" if paused else "active"
    if schedule.status != status:
        schedule.status = status
        schedule.paused_at = now if paused else None
        schedule.updated_at = now
        session.add(schedule)
        session.commit()
    return schedule_view(session, access, schedule)
