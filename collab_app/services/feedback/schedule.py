"""When feedback rounds and reminders are due, and sending each of them exactly once.

Calendar rules (all in the schedule's time zone, by default the client contact's):

- round 1 is due ``first_delay_days`` (14) after the project's start date, at ``send_hour`` (9:00)
  local time; each later round ``interval_days`` (30) after the previous round's date. Day
  arithmetic is done on local calendar dates, then converted to UTC, so month ends and DST
  changes need no special case (9:00 in Paris is 08:00 UTC in winter and 07:00 UTC in summer);
- a round sent more than a day late (feedback turned on mid-project, the app was down, the
  schedule was resumed after its date) or by "send now" restarts the rhythm from the day it was
  sent, so a client never receives two requests a few days apart;
- one reminder ``reminder_delay_days`` (3) after a request, at ``send_hour``, if still
  unanswered; a newer round cancels the older rounds' pending reminders; paused schedules send
  neither rounds nor reminders;
- a form link expires 30 days after it was sent.

Exactly once, even with several app instances running the job at the same moment: a runner
claims round ``n + 1`` with ``UPDATE feedbackschedule SET rounds_sent = n + 1 WHERE rounds_sent =
n`` and a reminder with ``UPDATE feedbackrequest SET reminded_at = now WHERE reminded_at IS NULL``.
On PostgreSQL the losing UPDATE waits for the winner's commit and then matches no row; on SQLite
writers are serialized by the database lock. The outbox's unique ``dedup_key`` and the unique
``(schedule, sequence, contact)`` of requests are a second, independent guard.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import update
from sqlmodel import Session, select

from collab_app.i18n import format_date, normalize_locale, translate
from collab_app.models import (
    Collective,
    FeedbackContact,
    FeedbackRequest,
    FeedbackSchedule,
    OutboxMessage,
    Project,
    ProjectMember,
    User,
)
from collab_app.services import clock, projects
from collab_app.services.mail import outbox
from collab_app.services.tokens import hash_token, new_token
from collab_app.settings import public_base_url

logger = logging.getLogger(__name__)

DEFAULT_FIRST_DELAY_DAYS = 14
DEFAULT_INTERVAL_DAYS = 30
DEFAULT_REMINDER_DELAY_DAYS = 3
DEFAULT_SEND_HOUR = 9
DEFAULT_TIMEZONE = "Europe/Paris"
REQUEST_LIFETIME = timedelta(days=30)
# A round sent later than this after its due time restarts the rhythm from the day it was sent.
LATE_AFTER = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class SentRequest:
    """A form link just created; ``token`` exists only here and in the outbox message."""

    request_id: int
    contact_id: int
    email: str
    sequence: int
    token: str
    link: str


@dataclass(frozen=True, slots=True)
class DueReport:
    """What one pass of :func:`enqueue_due` did."""

    rounds: int = 0
    requests: int = 0
    reminders: int = 0
    errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Recipient:
    contact_id: int
    email: str
    locale: str
    name: str


# --- calendar -------------------------------------------------------------------------------


@cache
def zone(name: str) -> ZoneInfo:
    """Return the time zone of an IANA name.

    Args:
        name: e.g. ``Europe/Paris``.

    Returns:
        The zone.

    Raises:
        ValueError: Unknown name.
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown time zone: {name!r}") from exc


def local_to_utc(day: date, hour: int, tz: str) -> datetime:
    """Return the UTC time of ``hour``:00 on a local calendar day.

    A local time skipped by a DST change (02:00 on the last Sunday of March in Paris) moves
    forward by the gap; a repeated one (02:00 in late October) is the first occurrence.

    Args:
        day: Local date.
        hour: Local hour, 0-23.
        tz: IANA time zone name.

    Returns:
        Aware UTC datetime.
    """
    local = datetime.combine(day, time(hour), tzinfo=zone(tz))
    return local.astimezone(UTC)


def local_date(moment: datetime, tz: str) -> date:
    """Return the local calendar date of an aware time.

    Args:
        moment: Aware datetime.
        tz: IANA time zone name.

    Returns:
        The date in that zone.
    """
    return moment.astimezone(zone(tz)).date()


def series_dates(
    start: date,
    count: int,
    *,
    first_delay_days: int = DEFAULT_FIRST_DELAY_DAYS,
    interval_days: int = DEFAULT_INTERVAL_DAYS,
) -> list[date]:
    """Return the local dates of the first rounds of an on-time schedule.

    Args:
        start: The project's start date.
        count: How many rounds.
        first_delay_days: Days from the start to round 1.
        interval_days: Days between rounds.

    Returns:
        ``count`` dates.
    """
    first = start + timedelta(days=first_delay_days)
    return [first + timedelta(days=interval_days * k) for k in range(count)]


def series_times(
    start: date,
    count: int,
    *,
    tz: str = DEFAULT_TIMEZONE,
    send_hour: int = DEFAULT_SEND_HOUR,
    first_delay_days: int = DEFAULT_FIRST_DELAY_DAYS,
    interval_days: int = DEFAULT_INTERVAL_DAYS,
) -> list[datetime]:
    """Return the UTC due times of the first rounds of an on-time schedule.

    Args:
        start: The project's start date.
        count: How many rounds.
        tz: The schedule's time zone.
        send_hour: Local hour of sending.
        first_delay_days: Days from the start to round 1.
        interval_days: Days between rounds.

    Returns:
        ``count`` aware UTC datetimes.
    """
    dates = series_dates(
        start, count, first_delay_days=first_delay_days, interval_days=interval_days
    )
    return [local_to_utc(d, send_hour, tz) for d in dates]


def next_due_on(schedule: FeedbackSchedule, project: Project) -> date:
    """Return the local date of the schedule's next round.

    Args:
        schedule: The schedule.
        project: Its project (round 1 follows its start date, even if that changes).

    Returns:
        The date.
    """
    if schedule.rounds_sent == 0 or schedule.next_due_on is None:
        return project.start_date + timedelta(days=schedule.first_delay_days)
    return schedule.next_due_on


def next_due_at(schedule: FeedbackSchedule, project: Project) -> datetime:
    """Return the (aware UTC) time of the schedule's next round.

    Args:
        schedule: The schedule.
        project: Its project.

    Returns:
        The time.
    """
    return local_to_utc(next_due_on(schedule, project), schedule.send_hour, schedule.timezone)


def following_due_on(
    schedule: FeedbackSchedule, *, due_on: date, sent_at: datetime, manual: bool
) -> date:
    """Return the date of the round after one sent at ``sent_at`` for ``due_on``.

    Args:
        schedule: The schedule.
        due_on: The local date the sent round was due.
        sent_at: When it was actually sent.
        manual: It was a "send now".

    Returns:
        The next round's local date.
    """
    interval = timedelta(days=schedule.interval_days)
    due_at = local_to_utc(due_on, schedule.send_hour, schedule.timezone)
    if manual or sent_at - due_at > LATE_AFTER:
        return local_date(sent_at, schedule.timezone) + interval
    return due_on + interval


def reminder_due_at(schedule: FeedbackSchedule, sent_at: datetime) -> datetime | None:
    """Return when the reminder of a request sent at ``sent_at`` is due (None: no reminder).

    Args:
        schedule: The schedule.
        sent_at: When the request was sent.

    Returns:
        Aware UTC time at ``send_hour`` local, ``reminder_delay_days`` local days later.
    """
    if schedule.reminder_delay_days <= 0:
        return None
    day = local_date(sent_at, schedule.timezone) + timedelta(days=schedule.reminder_delay_days)
    return local_to_utc(day, schedule.send_hour, schedule.timezone)


def form_link(token: str) -> str:
    """Return the public URL of a feedback form token.

    Args:
        token: The secret token.

    Returns:
        The absolute URL.
    """
    return f"{public_base_url()}/feedback/{token}"


# --- sending ----------------------------------------------------------------------------------


def recipients(session: Session, schedule: FeedbackSchedule) -> list[_Recipient]:
    """Return who a round goes to now: active extra emails and current client members.

    A contact chosen among the project's members is asked at their current address and in their
    current language, and only while they are still a client of the project.

    Args:
        session: Database session.
        schedule: The schedule.

    Returns:
        Recipients in contact order.
    """
    rows = session.exec(
        select(FeedbackContact)
        .where(FeedbackContact.schedule_id == schedule.id, FeedbackContact.active.is_(True))
        .order_by(FeedbackContact.id)
    ).all()
    user_ids = [c.user_id for c in rows if c.user_id is not None]
    clients: dict[int, User] = {}
    if user_ids:
        clients = {
            u.id: u
            for u in session.exec(
                select(User)
                .join(ProjectMember, ProjectMember.user_id == User.id)
                .where(
                    ProjectMember.project_id == schedule.project_id,
                    ProjectMember.role == "client",
                    User.id.in_(user_ids),
                )
            ).all()
        }
    result = []
    for contact in rows:
        if contact.user_id is None:
            result.append(_Recipient(contact.id, contact.email, contact.locale, ""))
        elif (user := clients.get(contact.user_id)) is not None:
            locale = normalize_locale(user.locale or contact.locale)
            result.append(_Recipient(contact.id, user.email, locale, user.display_name))
    return result


def send_round(
    session: Session,
    schedule: FeedbackSchedule,
    project: Project,
    *,
    now: datetime,
    manual: bool = False,
    skip: Collection[int] = (),
) -> list[SentRequest] | None:
    """Claim the schedule's next round and queue one form link per recipient; commits.

    Args:
        session: Database session; committed (or rolled back) here.
        schedule: The schedule, as read by the caller.
        project: Its project.
        now: Current time; the requests' ``sent_at``.
        manual: A manager's "send now" (allowed while paused; restarts the rhythm).
        skip: Contact ids left out of this round ("send now" skips those just asked).

    Returns:
        The created requests, ``[]`` if nobody is to be asked, or None if another runner
        claimed this round first (the schedule changed since the caller read it).
    """
    people = [p for p in recipients(session, schedule) if p.contact_id not in skip]
    if not people:
        return []
    seen = schedule.rounds_sent
    due_on = next_due_on(schedule, project)
    after = following_due_on(schedule, due_on=due_on, sent_at=now, manual=manual)
    claim = update(FeedbackSchedule).where(
        FeedbackSchedule.id == schedule.id, FeedbackSchedule.rounds_sent == seen
    )
    if not manual:
        claim = claim.where(FeedbackSchedule.status == "active")
    claimed = session.exec(
        claim.values(
            rounds_sent=seen + 1, next_due_on=after, last_round_at=now, updated_at=now
        ).execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        session.rollback()
        return None
    sequence = seen + 1
    # Only the newest request of a contact gets a reminder.
    session.exec(
        update(FeedbackRequest)
        .where(
            FeedbackRequest.schedule_id == schedule.id,
            FeedbackRequest.contact_id.in_([p.contact_id for p in people]),
            FeedbackRequest.answered_at.is_(None),
            FeedbackRequest.reminded_at.is_(None),
            FeedbackRequest.reminder_due_at.is_not(None),
        )
        .values(reminder_due_at=None)
        .execution_options(synchronize_session=False)
    )
    collective = session.get(Collective, project.collective_id)
    remind_at = reminder_due_at(schedule, now)
    sent: list[SentRequest] = []
    for person in people:
        # Trade-off: only the token's hash is stored on the request, so a leaked copy of the
        # request table (an export, a backup) cannot answer forms. The link itself must reach
        # the client, so the outbox row carries it in clear text (body and ``link``): managers
        # copy it from there when no SMTP is configured, and the reminder re-sends it. Whoever
        # can read the outbox table could therefore answer in the client's name until the link
        # is answered or expires (30 days); generating the token at send time and never keeping
        # it elsewhere keeps that window as small as the product allows.
        token = new_token()
        request = FeedbackRequest(
            schedule_id=schedule.id,
            project_id=project.id,
            collective_id=project.collective_id,
            contact_id=person.contact_id,
            sequence=sequence,
            manual=manual,
            email=person.email,
            locale=person.locale,
            token_hash=hash_token(token),
            sent_at=now,
            expires_at=now + REQUEST_LIFETIME,
            reminder_due_at=remind_at,
        )
        session.add(request)
        session.flush()
        link = form_link(token)
        message = outbox.enqueue(
            session,
            collective_id=project.collective_id,
            project_id=project.id,
            kind="feedback_request",
            to_email=person.email,
            subject=translate(
                "feedback.mail_request_subject",
                person.locale,
                collective=collective.name,
                project=project.name,
            ),
            body=translate(
                "feedback.mail_request_body",
                person.locale,
                collective=collective.name,
                project=project.name,
                link=link,
                days=REQUEST_LIFETIME.days,
            ),
            link=link,
            dedup_key=f"feedback:{schedule.id}:{sequence}:{person.contact_id}:request",
        )
        request.outbox_message_id = message.id
        session.add(request)
        sent.append(SentRequest(request.id, person.contact_id, person.email, sequence, token, link))
    projects.bump_version(session, project.id)
    session.commit()
    session.refresh(schedule)
    return sent


def _due_reminder_ids(session: Session, now: datetime) -> list[int]:
    """Ids of the requests whose reminder is due (unanswered, unexpired, schedule active)."""
    rows = session.exec(
        select(FeedbackRequest.id)
        .join(FeedbackSchedule, FeedbackSchedule.id == FeedbackRequest.schedule_id)
        .where(
            FeedbackSchedule.status == "active",
            FeedbackRequest.answered_at.is_(None),
            FeedbackRequest.reminded_at.is_(None),
            FeedbackRequest.reminder_due_at.is_not(None),
            FeedbackRequest.reminder_due_at <= now,
            FeedbackRequest.expires_at > now,
        )
        .order_by(FeedbackRequest.id)
    ).all()
    return list(rows)


def send_due_reminders(session: Session, *, now: datetime) -> int:
    """Queue the reminders that are due, each exactly once; commits per reminder.

    Args:
        session: Database session.
        now: Current time (aware UTC).

    Returns:
        How many reminders were queued by this call.
    """
    queued = 0
    for request_id in _due_reminder_ids(session, now):
        claimed = session.exec(
            update(FeedbackRequest)
            .where(
                FeedbackRequest.id == request_id,
                FeedbackRequest.reminded_at.is_(None),
                FeedbackRequest.answered_at.is_(None),
                FeedbackRequest.reminder_due_at.is_not(None),
            )
            .values(reminded_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            session.rollback()
            continue
        request = session.get(FeedbackRequest, request_id, populate_existing=True)
        original = (
            session.get(OutboxMessage, request.outbox_message_id)
            if request.outbox_message_id
            else None
        )
        if original is None or not original.link:
            # Without the original message the link cannot be rebuilt (only its hash is kept).
            logger.warning("feedback request %s: no link to remind, reminder skipped", request_id)
            session.commit()
            continue
        project = session.get(Project, request.project_id)
        collective = session.get(Collective, request.collective_id)
        expires_on = local_date(request.expires_at, _schedule_tz(session, request.schedule_id))
        outbox.enqueue(
            session,
            collective_id=request.collective_id,
            project_id=request.project_id,
            kind="feedback_reminder",
            to_email=request.email,
            subject=translate(
                "feedback.mail_reminder_subject",
                request.locale,
                collective=collective.name,
                project=project.name,
            ),
            body=translate(
                "feedback.mail_reminder_body",
                request.locale,
                collective=collective.name,
                project=project.name,
                link=original.link,
                expires=format_date(expires_on, request.locale),
            ),
            link=original.link,
            dedup_key=(
                f"feedback:{request.schedule_id}:{request.sequence}:{request.contact_id}:reminder"
            ),
        )
        if original.sent_at is not None:
            # Delivered: the reminder now carries the link; the request's row needs it no more.
            outbox.forget_link(session, original)
        session.commit()
        queued += 1
    return queued


def _schedule_tz(session: Session, schedule_id: int) -> str:
    tz = session.exec(
        select(FeedbackSchedule.timezone).where(FeedbackSchedule.id == schedule_id)
    ).first()
    return tz or DEFAULT_TIMEZONE


def enqueue_due(session: Session, *, now: datetime | None = None) -> DueReport:
    """Queue every due round of every active schedule, then every due reminder.

    Safe to run from several app instances at once: each round and reminder is claimed by one.
    A failing schedule is logged and reported without stopping the others.

    Args:
        session: Database session; committed here.
        now: Current time (aware UTC).

    Returns:
        What was queued by this call.
    """
    now = now or clock.now()
    rows = session.exec(
        select(FeedbackSchedule, Project)
        .join(Project, Project.id == FeedbackSchedule.project_id)
        .where(FeedbackSchedule.status == "active")
        .order_by(FeedbackSchedule.id)
    ).all()
    rounds = requests = 0
    errors: list[str] = []
    for schedule, project in rows:
        try:
            if next_due_at(schedule, project) > now:
                continue
            sent = send_round(session, schedule, project, now=now)
        except Exception as exc:  # one broken schedule must not block the others
            session.rollback()
            logger.exception("feedback schedule %s failed", schedule.id)
            errors.append(f"schedule {schedule.id}: {exc.__class__.__name__}: {exc}")
            continue
        if sent:
            rounds += 1
            requests += len(sent)
    try:
        reminders = send_due_reminders(session, now=now)
    except Exception as exc:
        session.rollback()
        logger.exception("feedback reminders failed")
        errors.append(f"reminders: {exc.__class__.__name__}: {exc}")
        reminders = 0
    return DueReport(rounds=rounds, requests=requests, reminders=reminders, errors=tuple(errors))
