"""Notifications: events, the inbox, mentions, e-mail preferences, delivery and digests.

Events are written by the services in the same transaction as the change that causes them
(``events``); recipients are chosen by the permission rule then and again whenever a
notification is shown (``inbox``) or mailed (``delivery``). No Reflex imports here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from collab_app.services.notifications.catalog import CATEGORIES, KIND_CATEGORY, KINDS, MODES
from collab_app.services.notifications.delivery import (
    NotificationDelivery,
    deliver_pending,
    digest_moment,
)
from collab_app.services.notifications.due import raise_due_dates
from collab_app.services.notifications.events import (
    comment_added,
    comment_edited,
    project_event,
    task_assigned,
    task_blocked,
    task_moved,
)
from collab_app.services.notifications.inbox import (
    InboxGroup,
    InboxView,
    NotificationView,
    load_inbox,
    mark_all_read,
    mark_read,
    unread_count,
)
from collab_app.services.notifications.mentions import (
    check_mentions,
    mention_candidates,
    mention_offers,
)
from collab_app.services.notifications.preferences import (
    CategoryChoice,
    PreferencesView,
    ProjectMuteChoice,
    get_preferences,
    set_digest_hour,
    set_mode,
    set_muted,
)
from collab_app.services.notifications.unsubscribe import unsubscribe

__all__ = [
    "CATEGORIES",
    "KINDS",
    "KIND_CATEGORY",
    "MODES",
    "CategoryChoice",
    "InboxGroup",
    "InboxView",
    "NotificationDelivery",
    "NotificationView",
    "PreferencesView",
    "ProjectMuteChoice",
    "check_mentions",
    "comment_added",
    "comment_edited",
    "deliver_pending",
    "digest_moment",
    "get_preferences",
    "load_inbox",
    "mark_all_read",
    "mark_read",
    "mention_candidates",
    "mention_offers",
    "project_event",
    "raise_due_dates",
    "run_jobs",
    "set_digest_hour",
    "set_mode",
    "set_muted",
    "task_assigned",
    "task_blocked",
    "task_moved",
    "unread_count",
    "unsubscribe",
]


def run_jobs(
    session: Session,
    *,
    now: datetime,
    steps: tuple[tuple[str, Callable[..., object]], ...] = (),
) -> NotificationDelivery:
    """The notifications' part of a job pass: due dates, the other areas' mail steps, the mails.

    Args:
        now: Current time.
        steps: ``(name, step(session, now=now))`` of other areas writing mails first (the
            projects' weekly updates); a failing step is rolled back and the others still run.

    Returns:
        What the mail pass did; a failure of an earlier step is in ``errors``.
    """
    errors: list[str] = []
    for name, step in (("due dates", raise_due_dates), *steps):
        try:
            step(session, now=now)
        except Exception as exc:  # the other steps and the mails must still run
            session.rollback()
            errors.append(f"{name}: {exc.__class__.__name__}: {exc}")
    done = deliver_pending(session, now=now)
    return NotificationDelivery(
        mails=done.mails,
        mailed=done.mailed,
        skipped=done.skipped,
        errors=tuple(errors) + done.errors,
    )
