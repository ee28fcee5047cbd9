"""Mails of notifications: right away (bursts grouped), in a daily digest, or never.

A pass (``deliver_pending``, run by ``collab_app.jobs``) takes each person's pending
notifications, checks them again through the permission rule (one hidden since is skipped),
applies their preferences and mutes, and writes the mails into the outbox. The outbox row and
the ``pending -> mailed`` flip of its notifications commit together, and the flip is a
conditional ``UPDATE ... WHERE mail_state = 'pending'`` that must change every row, so two
runners never mail the same notification (PostgreSQL also skips rows another runner has
locked, ``FOR UPDATE SKIP LOCKED``). A runner that dies before its commit leaves the rows
pending for the next pass; once committed, the outbox delivers the mail with its own claims.

Bursts: a notification waits ``BURST_WINDOW_MINUTES`` (its ``mail_after``) so that others of
the same person and category join the same mail. Digests are sent at the person's digest hour
in their time zone, with everything pending from before that hour.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, update
from sqlmodel import Session, select

from collab_app.i18n import translate
from collab_app.i18n.plurals import translate_count
from collab_app.models import Notification, Project, User
from collab_app.services import clock, working_days
from collab_app.services.accounts.auth import viewer_for
from collab_app.services.mail import outbox
from collab_app.services.notifications.inbox import notification_text, viewer_roles, visible_rows
from collab_app.services.notifications.preferences import (
    digest_hour_of,
    modes_of,
    muted_projects,
)
from collab_app.services.notifications.unsubscribe import DIGEST, PREFERENCES_PATH, new_link
from collab_app.settings import public_base_url

logger = logging.getLogger(__name__)


class _Taken(Exception):
    """Another runner changed these notifications first: this runner leaves them."""


@dataclass(frozen=True, slots=True)
class NotificationDelivery:
    """What one pass did."""

    mails: int = 0
    mailed: int = 0  # notifications put into mails
    skipped: int = 0  # notifications never to be mailed (preference, mute, no longer visible)
    errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Line:
    id: int
    category: str
    project_id: int
    project: str
    text: str
    link: str
    created_at: datetime
    mail_after: datetime


def digest_moment(now: datetime, timezone: str, hour: int) -> datetime:
    """Return the latest digest time at or before ``now``: ``hour``:00 in the person's zone.

    Args:
        now: Current time (aware).
        timezone: IANA zone name (an unknown one counts as UTC).
        hour: The digest hour, 0-23.

    Returns:
        The moment, aware UTC.
    """
    zone = working_days.zone(timezone)
    local_day = now.astimezone(zone).date()
    moment = datetime.combine(local_day, time(hour), tzinfo=zone)
    if moment > now:
        moment = datetime.combine(local_day - timedelta(days=1), time(hour), tzinfo=zone)
    return moment.astimezone(UTC)


def _pending_ids(session: Session, user_id: int) -> list[int]:
    query = select(Notification.id).where(
        Notification.user_id == user_id, Notification.mail_state == "pending"
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return list(session.exec(query.order_by(Notification.id)).all())


def _flip(session: Session, ids: list[int], state: str, outbox_id: int | None = None) -> None:
    if not ids:
        return
    changed = session.exec(
        update(Notification)
        .where(Notification.id.in_(ids), Notification.mail_state == "pending")
        .values(mail_state=state, outbox_id=outbox_id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != len(ids):
        raise _Taken()


def _lines(session: Session, user: User, ids: list[int]) -> list[_Line]:
    """The pending notifications the person may still read, oldest first, written out."""
    roles = viewer_roles(session, viewer_for(user))
    rows = visible_rows(session, user.id, roles, limit=len(ids), where=Notification.id.in_(ids))
    base = public_base_url()
    lines = [
        _Line(
            id=n.id,
            category=n.category,
            project_id=n.project_id,
            project=project,
            text=notification_text(n.kind, n.params, actor=actor, task=task, locale=user.locale),
            link=f"{base}{n.path}" if n.path else base,
            created_at=n.created_at,
            mail_after=n.mail_after,
        )
        for n, project, actor, task in rows
    ]
    return sorted(lines, key=lambda line: line.id)


def _enqueue(
    session: Session, user: User, lines: list[_Line], *, digest: bool, category: str
) -> int:
    locale = user.locale
    unsubscribe = new_link(session, user.id, DIGEST if digest else category)
    if digest:
        subject = translate_count("notifications.mail.digest_subject", len(lines), locale)
        intro = translate("notifications.mail.digest_intro", locale, name=user.display_name)
        label = translate("notifications.mode.digest", locale)
    else:
        subject = (
            translate(
                "notifications.mail.subject_single",
                locale,
                project=lines[0].project,
                text=lines[0].text,
            )
            if len(lines) == 1
            else translate("notifications.mail.subject_many", locale, count=len(lines))
        )
        intro = translate("notifications.mail.intro", locale, name=user.display_name)
        label = translate(f"notifications.category.{category}", locale)
    body = [intro, ""]
    for line in lines:
        body += [f"[{line.project}] {line.text}", f"  {line.link}"]
    body += [
        "",
        translate("notifications.mail.unsubscribe", locale, category=label, link=unsubscribe),
        translate(
            "notifications.mail.preferences", locale, link=f"{public_base_url()}{PREFERENCES_PATH}"
        ),
    ]
    projects = {line.project_id for line in lines}
    first_project = session.get(Project, lines[0].project_id)
    message = outbox.enqueue(
        session,
        collective_id=first_project.collective_id,
        project_id=first_project.id if len(projects) == 1 else None,
        kind="notification_digest" if digest else "notification",
        to_email=user.email,
        subject=subject,
        body="\n".join(body) + "\n",
        link=lines[0].link,
        dedup_key=f"notify:{user.id}:{lines[0].id}:{len(lines)}",
        list_unsubscribe=unsubscribe,
    )
    _flip(session, [line.id for line in lines], "mailed", message.id)
    return len(lines)


def _deliver_person(session: Session, user_id: int, now: datetime) -> tuple[int, int, int]:
    """Mail or skip one person's due notifications; returns (mails, mailed, skipped)."""
    ids = _pending_ids(session, user_id)
    user = session.get(User, user_id)
    if not ids or user is None:
        return 0, 0, 0
    lines = _lines(session, user, ids)
    modes = modes_of(session, user_id)
    muted = muted_projects(session, user_id)
    readable = {line.id for line in lines}
    skipped = [i for i in ids if i not in readable]
    skipped += [
        line.id for line in lines if line.project_id in muted or modes[line.category] == "never"
    ]
    wanted = [line for line in lines if line.id not in set(skipped)]
    _flip(session, skipped, "skipped")
    # One mail never mixes collectives: each collective's outbox (which its owners read) holds
    # only its own projects' lines.
    collective_of = dict(
        session.exec(
            select(Project.id, Project.collective_id).where(
                Project.id.in_({line.project_id for line in wanted})
            )
        ).all()
    )
    mails = mailed = 0
    immediate: dict[tuple[int, str], list[_Line]] = {}
    for line in wanted:
        if modes[line.category] == "immediate":
            key = (collective_of[line.project_id], line.category)
            immediate.setdefault(key, []).append(line)
    for (_, category), group in sorted(immediate.items()):
        if min(line.mail_after for line in group) <= now:
            mailed += _enqueue(session, user, group, digest=False, category=category)
            mails += 1
    moment = digest_moment(now, user.timezone, digest_hour_of(session, user_id))
    digests: dict[int, list[_Line]] = {}
    for line in wanted:
        if modes[line.category] == "digest" and line.created_at <= moment:
            digests.setdefault(collective_of[line.project_id], []).append(line)
    for _, group in sorted(digests.items()):
        mailed += _enqueue(session, user, group, digest=True, category=DIGEST)
        mails += 1
    return mails, mailed, len(skipped)


def deliver_pending(
    session: Session, *, now: datetime | None = None, limit: int = 500
) -> NotificationDelivery:
    """Turn due notifications into outbox mails (or skip them), each person in one transaction.

    Args:
        session: Database session; committed here, once per person.
        now: Current time (default the clock).
        limit: At most this many people per pass.

    Returns:
        What was done; a failure for one person is in ``errors`` and does not stop the others.
    """
    now = now or clock.now()
    people = session.exec(
        select(Notification.user_id)
        .where(Notification.mail_state == "pending", Notification.created_at <= now)
        .group_by(Notification.user_id)
        .order_by(func.min(Notification.id))
        .limit(limit)
    ).all()
    session.commit()
    mails = mailed = skipped = 0
    errors: list[str] = []
    for user_id in people:
        try:
            done = _deliver_person(session, user_id, now)
            session.commit()
        except _Taken:
            session.rollback()
            continue
        except Exception as exc:  # one person's failure must not stop the others' mails
            session.rollback()
            logger.exception("notification mails for user %s failed", user_id)
            errors.append(f"notifications of user {user_id}: {exc.__class__.__name__}: {exc}")
            continue
        mails, mailed, skipped = mails + done[0], mailed + done[1], skipped + done[2]
    return NotificationDelivery(mails=mails, mailed=mailed, skipped=skipped, errors=tuple(errors))
