"""The client's weekly update: a progress mail to the client contacts, scheduled by a manager.

Once a week, at a day and hour in the project's time zone (its revision terms' zone), each
client contact of the project gets the client version of the weekly recap (what they may see,
read as them) with its link. Exactly once, as the feedback schedule: a runner claims week
``n + 1`` with ``UPDATE ... WHERE weeks_sent = n`` and writes the mails in the same
transaction; the outbox's unique ``dedup_key`` is a second guard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import update
from sqlmodel import Session, select

from collab_app.i18n import translate
from collab_app.models import ClientUpdateSchedule, Project, RevisionTerms, User
from collab_app.services import clock, permissions, working_days
from collab_app.services.errors import ValidationError
from collab_app.services.mail import outbox
from collab_app.services.notifications.recipients import project_people
from collab_app.services.projects import recap
from collab_app.services.viewer import Viewer
from collab_app.settings import public_base_url

WEEKDAYS = tuple(range(7))  # Monday = 0


@dataclass(frozen=True, slots=True)
class WeeklyUpdateView:
    """A project's weekly update settings as the manager sees them."""

    enabled: bool
    weekday: int
    hour: int
    timezone: str


def _project_zone(session: Session, project_id: int) -> str:
    zone = session.exec(
        select(RevisionTerms.timezone).where(RevisionTerms.project_id == project_id)
    ).first()
    return zone or "Europe/Paris"


def get_weekly_update(session: Session, viewer: Viewer, *, project_id: object) -> WeeklyUpdateView:
    """Return the weekly update settings of a project (managers only).

    Args:
        viewer: A manager of the project.

    Returns:
        The settings (off, Monday 9:00 when never set).
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    row = session.exec(
        select(ClientUpdateSchedule).where(ClientUpdateSchedule.project_id == access.project.id)
    ).first()
    zone = _project_zone(session, access.project.id)
    if row is None:
        return WeeklyUpdateView(enabled=False, weekday=0, hour=9, timezone=zone)
    return WeeklyUpdateView(row.enabled, row.weekday, row.hour, zone)


def _small_int(value: object, high: int, key: str, field: str) -> int:
    text = (
        str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else ""
    )
    if not (text.isascii() and text.isdigit() and int(text) <= high):
        raise ValidationError(key, field=field)
    return int(text)


def set_weekly_update(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    enabled: object,
    weekday: object,
    hour: object,
) -> WeeklyUpdateView:
    """Turn the client's weekly update on or off and choose its day and hour (managers only).

    Args:
        viewer: A manager of the project.
        enabled: Whether to send it.
        weekday: 0 (Monday) to 6 (Sunday).
        hour: 0-23, in the project's time zone.

    Returns:
        The settings kept.

    Raises:
        ValidationError: A bad day or hour.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    day = _small_int(weekday, 6, "notifications.weekday_invalid", "weekday")
    at = _small_int(hour, 23, "notifications.hour_invalid", "hour")
    pid = access.project.id
    row = session.exec(
        select(ClientUpdateSchedule).where(ClientUpdateSchedule.project_id == pid)
    ).first()
    if row is None:
        row = ClientUpdateSchedule(project_id=pid, created_by_id=viewer.user_id)
    row.enabled, row.weekday, row.hour = enabled is True, day, at
    row.timezone = _project_zone(session, pid)
    row.updated_at = clock.now()
    session.add(row)
    session.commit()
    return get_weekly_update(session, viewer, project_id=pid)


def latest_slot(now: datetime, timezone: str, weekday: int, hour: int) -> datetime:
    """Return the latest weekly slot (day and hour in a zone) at or before ``now``.

    Args:
        now: Current time.
        timezone: IANA zone name.
        weekday: 0 (Monday) to 6.
        hour: 0-23.

    Returns:
        The slot, aware UTC.
    """
    zone = working_days.zone(timezone)
    local = now.astimezone(zone)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    slot = datetime.combine(day, time(hour), tzinfo=zone)
    if slot > now:
        slot = datetime.combine(day - timedelta(days=7), time(hour), tzinfo=zone)
    return slot.astimezone(UTC)


def _send_week(session: Session, schedule: ClientUpdateSchedule, slot: datetime) -> int:
    project = session.get(Project, schedule.project_id)
    link = f"{public_base_url()}/projects/{project.id}/recap"
    local_day = slot.astimezone(working_days.zone(schedule.timezone)).date()
    sent = 0
    for user in session.exec(
        select(User).where(
            User.id.in_(project_people(session, project.id, permissions.CLIENT_ROLES))
        )
    ).all():
        reader = Viewer(user.id, user.email, user.display_name, user.locale, user.timezone)
        view = recap.project_recap(
            session, reader, project_id=project.id, today=local_day, locale=user.locale
        )
        body = recap.recap_text(view, user.locale) + "\n" + link + "\n"
        outbox.enqueue(
            session,
            collective_id=project.collective_id,
            project_id=project.id,
            kind="client_weekly_update",
            to_email=user.email,
            subject=translate("notifications.weekly_subject", user.locale, project=project.name),
            body=body,
            link=link,
            dedup_key=f"weekly:{project.id}:{local_day.isoformat()}:{user.id}",
        )
        sent += 1
    return sent


def send_due_weekly_updates(session: Session, *, now: datetime | None = None) -> int:
    """Send each enabled weekly update whose slot has come and was not sent yet.

    A slot earlier than the last change of the settings is not sent (turning the update on on
    a Thursday for Mondays does not mail at once).

    Args:
        now: Current time.

    Returns:
        How many mails were written.
    """
    now = now or clock.now()
    sent = 0
    for schedule in session.exec(
        select(ClientUpdateSchedule).where(ClientUpdateSchedule.enabled.is_(True))
    ).all():
        slot = latest_slot(now, schedule.timezone, schedule.weekday, schedule.hour)
        slot_day = slot.astimezone(working_days.zone(schedule.timezone)).date().isoformat()
        if slot < schedule.updated_at or schedule.last_sent_for == slot_day:
            continue
        claimed = session.exec(
            update(ClientUpdateSchedule)
            .where(
                ClientUpdateSchedule.id == schedule.id,
                ClientUpdateSchedule.weeks_sent == schedule.weeks_sent,
            )
            .values(weeks_sent=schedule.weeks_sent + 1, last_sent_for=slot_day)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            session.rollback()
            continue
        sent += _send_week(session, schedule, slot)
        session.commit()
    return sent
