"""Sending feedback rounds and reminders, each exactly once, and a manager's "send now".

When they are due is decided by :mod:`collab_app.services.feedback.due_dates`. A newer round
cancels the older rounds' pending reminders; paused schedules send neither rounds nor reminders
(a manager's "send now" works while paused).

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
from datetime import datetime, timedelta

from sqlalchemy.sql import ColumnElement
from sqlmodel import Session, select

from collab_app.i18n import normalize_locale
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
from collab_app.services import clock, permissions
from collab_app.services.claims import claim
from collab_app.services.errors import Conflict, ValidationError
from collab_app.services.feedback.access import managed_project
from collab_app.services.feedback.due_dates import (
    DEFAULT_TIMEZONE,
    REQUEST_LIFETIME,
    following_due_on,
    local_date,
    next_due_at,
    next_due_on,
    reminder_due_at,
)
from collab_app.services.feedback.presenter import MailText, mail_text, reminder_mail
from collab_app.services.feedback.schedule_settings import schedule_of
from collab_app.services.mail import outbox
from collab_app.services.tokens import hash_token, new_token
from collab_app.services.viewer import Viewer
from collab_app.settings import public_base_url

logger = logging.getLogger(__name__)

# "Send now" is refused this soon after the previous round (a double click, two managers).
SEND_NOW_COOLDOWN = timedelta(minutes=10)


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
class Recipient:
    """Who a round's form link goes to, at which address and in which language."""

    contact_id: int
    email: str
    locale: str
    name: str


def form_link(token: str) -> str:
    """Return the public URL of a feedback form token.

    Args:
        token: The secret token.

    Returns:
        The absolute URL.
    """
    return f"{public_base_url()}/feedback/{token}"


def queue_mail(
    session: Session,
    project: Project,
    *,
    kind: str,
    to_email: str,
    mail: MailText,
    dedup_key: str,
    link: str = "",
) -> OutboxMessage:
    """Queue a feedback mail of a project in the outbox (flushes; the caller commits).

    Args:
        project: The project it is about.
        kind: The outbox kind (``feedback_request``, ``feedback_reminder``, ``feedback_recap``).
        to_email: The recipient.
        mail: Its texts.
        dedup_key: Unique key: a second message with it is not queued.
        link: The form link it carries, if any.

    Returns:
        The outbox message.
    """
    return outbox.enqueue(
        session,
        collective_id=project.collective_id,
        project_id=project.id,
        kind=kind,
        to_email=to_email,
        subject=mail.subject,
        body=mail.body,
        link=link,
        dedup_key=dedup_key,
    )


def recipients(session: Session, schedule: FeedbackSchedule) -> list[Recipient]:
    """Return who a round goes to now: active extra emails and current client members.

    A contact chosen among the project's members is asked at their current address and in their
    current language, and only while they are still a client of the project.

    Args:
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
                    ProjectMember.role == permissions.CLIENT,
                    User.id.in_(user_ids),
                )
            ).all()
        }
    result = []
    for contact in rows:
        if contact.user_id is None:
            result.append(Recipient(contact.id, contact.email, contact.locale, ""))
        elif (user := clients.get(contact.user_id)) is not None:
            locale = normalize_locale(user.locale or contact.locale)
            result.append(Recipient(contact.id, user.email, locale, user.display_name))
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
    claimed = claim(
        session,
        FeedbackSchedule,
        FeedbackSchedule.id == schedule.id,
        FeedbackSchedule.rounds_sent == seen,
        *(() if manual else (FeedbackSchedule.status == "active",)),
        rounds_sent=seen + 1,
        next_due_on=after,
        last_round_at=now,
        updated_at=now,
    )
    if claimed != 1:
        session.rollback()
        return None
    sequence = seen + 1
    # Only the newest request of a contact gets a reminder.
    claim(
        session,
        FeedbackRequest,
        FeedbackRequest.schedule_id == schedule.id,
        FeedbackRequest.contact_id.in_([p.contact_id for p in people]),
        *_reminder_pending(),
        reminder_due_at=None,
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
        message = queue_mail(
            session,
            project,
            kind="feedback_request",
            to_email=person.email,
            mail=mail_text(
                "request",
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
    session.commit()
    session.refresh(schedule)
    return sent


def _reminder_pending() -> tuple[ColumnElement[bool], ...]:
    """A request whose reminder is still to send: unanswered, not reminded, one planned."""
    return (
        FeedbackRequest.answered_at.is_(None),
        FeedbackRequest.reminded_at.is_(None),
        FeedbackRequest.reminder_due_at.is_not(None),
    )


def _due_reminder_ids(session: Session, now: datetime) -> list[int]:
    """Ids of the requests whose reminder is due (unanswered, unexpired, schedule active)."""
    rows = session.exec(
        select(FeedbackRequest.id)
        .join(FeedbackSchedule, FeedbackSchedule.id == FeedbackRequest.schedule_id)
        .where(
            FeedbackSchedule.status == "active",
            *_reminder_pending(),
            FeedbackRequest.reminder_due_at <= now,
            FeedbackRequest.expires_at > now,
        )
        .order_by(FeedbackRequest.id)
    ).all()
    return list(rows)


def send_due_reminders(session: Session, *, now: datetime) -> int:
    """Queue the reminders that are due, each exactly once; commits per reminder.

    Args:
        now: Current time (aware UTC).

    Returns:
        How many reminders were queued by this call.
    """
    queued = 0
    for request_id in _due_reminder_ids(session, now):
        claimed = claim(
            session,
            FeedbackRequest,
            FeedbackRequest.id == request_id,
            *_reminder_pending(),
            reminded_at=now,
        )
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
        queue_mail(
            session,
            project,
            kind="feedback_reminder",
            to_email=request.email,
            mail=reminder_mail(
                request.locale,
                collective=collective.name,
                project=project.name,
                link=original.link,
                expires_on=local_date(
                    request.expires_at, _schedule_tz(session, request.schedule_id)
                ),
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


def send_now(
    session: Session, viewer: Viewer, *, project_id: object, now: datetime | None = None
) -> int:
    """Queue a request to every contact who was not sent one in the last 10 minutes (managers).

    The cooldown is per contact: a contact just added gets a link even if the others got one a
    minute ago (they are skipped, not asked twice). The next round follows ``interval_days``
    later. Works while paused too (the schedule stays paused).

    Args:
        viewer: A manager of the project.
        now: Current time.

    Returns:
        How many requests were queued.

    Raises:
        ValidationError: No schedule or no contact.
        Conflict: Every contact was sent a link less than 10 minutes ago, or a round is being
            sent at this very moment by someone else.
    """
    access = managed_project(session, viewer, project_id)
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
