"""The outbox: every outgoing mail is a row first, delivered by SMTP when configured."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from collab_app.models import OutboxMessage
from collab_app.services import permissions
from collab_app.services.shared_views import view_from
from collab_app.services.viewer import Viewer
from collab_app.settings import smtp_settings

# Every kind of message; each has a label ``outbox.kind.<kind>`` in both languages (a unit test
# checks it) and ``enqueue`` refuses any other, so a raw kind never reaches a page.
KINDS = (
    "invitation",
    "feedback_request",
    "feedback_reminder",
    "feedback_recap",
    "change_order_proposed",
    "change_order_approved",
    "change_order_declined",
    "revision_round_submitted",
    "revision_round_closed",
    "notification",
    "notification_digest",
    "client_weekly_update",
)
# A person's own notification mails: never listed in the managers' outbox (they are many,
# personal, and carry no link for a manager to copy).
PERSONAL_KINDS = ("notification", "notification_digest")
# What became of a single-use link a message carries ("" when the message has none to track).
LINK_STATES = ("open", "answered", "expired", "replaced")


@dataclass(frozen=True, slots=True)
class OutboxView:
    """One message as shown to managers, with the link to copy while no SMTP is configured.

    ``link_state`` is filled in by the area owning the link (feedback form links: ``open``,
    ``answered``, ``expired`` or ``replaced`` by a newer one); only an ``open`` or untracked
    link is offered to copy.
    """

    id: int
    kind: str
    to_email: str
    subject: str
    link: str
    created_at: str
    sent: bool
    link_state: str = ""


def enqueue(
    session: Session,
    *,
    collective_id: int,
    kind: str,
    to_email: str,
    subject: str,
    body: str,
    link: str = "",
    dedup_key: str,
    project_id: int | None = None,
    list_unsubscribe: str = "",
) -> OutboxMessage:
    """Add a message unless one with the same ``dedup_key`` exists; flushes, the caller commits.

    The unique ``dedup_key`` is what makes sending idempotent even when two app instances
    enqueue the same reminder at the same moment: the second insert fails and is ignored.

    Args:
        collective_id: Collective the message belongs to.
        kind: ``invitation``, ``feedback_request``, ``feedback_reminder``...
        to_email: Recipient.
        subject: Subject line.
        body: Plain-text body.
        link: The link the message carries, shown to managers to copy.
        dedup_key: Unique key of this logical message.
        project_id: Project the message belongs to, if any.
        list_unsubscribe: One-click unsubscribe address for the ``List-Unsubscribe`` header.

    Returns:
        The new or already existing message.

    Raises:
        ValueError: An unknown ``kind`` (a programming error: add it to ``KINDS`` and label it).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown outbox kind: {kind!r}")
    existing = session.exec(
        select(OutboxMessage).where(OutboxMessage.dedup_key == dedup_key)
    ).first()
    if existing is not None:
        return existing
    message = OutboxMessage(
        collective_id=collective_id,
        project_id=project_id,
        kind=kind,
        to_email=to_email,
        subject=subject[:200],
        body=body,
        link=link,
        dedup_key=dedup_key,
        list_unsubscribe=list_unsubscribe,
    )
    nested = session.begin_nested()
    try:
        session.add(message)
        session.flush()
    except IntegrityError:
        nested.rollback()
        return session.exec(select(OutboxMessage).where(OutboxMessage.dedup_key == dedup_key)).one()
    nested.commit()
    return message


# Kinds whose link is still needed after delivery: a feedback request's reminder re-sends it
# (only the token's hash is kept anywhere else). Its link goes when the reminder is queued.
LINK_KEPT_AFTER_SENDING = ("feedback_request",)
LINK_REMOVED = "[link removed once sent]"


def forget_link(session: Session, message: OutboxMessage) -> None:
    """Remove a delivered message's secret link from the stored row; the caller commits.

    Args:
        message: The message (its link reached the recipient).
    """
    if message.link:
        message.body = message.body.replace(message.link, LINK_REMOVED)
        message.link = ""
        session.add(message)


def _view(message: OutboxMessage, *, with_link: bool) -> OutboxView:
    return view_from(
        OutboxView,
        message,
        link=message.link if with_link else "",
        created_at=message.created_at.isoformat(timespec="minutes"),
        sent=message.sent_at is not None,
        link_state="",  # filled in by the area owning the link
    )


def links_shown() -> bool:
    """Whether managers see the links to copy: only while no SMTP server sends them.

    A link opens an invitation or a client's feedback form; once mail delivers it, nobody else
    needs it (a manager could otherwise answer a client's form).

    Returns:
        True without ``SMTP_HOST``.
    """
    return smtp_settings() is None


def list_for_collective(
    session: Session, viewer: Viewer, *, collective_id: object, limit: int = 100
) -> list[OutboxView]:
    """Return the collective's recent outgoing messages (owners and admins only).

    Args:
        limit: How many of the newest to return.

    Returns:
        Messages, newest first.
    """
    collective, _ = permissions.require_collective(session, viewer, collective_id, admin=True)
    return _newest(session, OutboxMessage.collective_id == collective.id, limit)


def list_for_project(
    session: Session, viewer: Viewer, *, project_id: object, limit: int = 100
) -> list[OutboxView]:
    """Return a project's recent outgoing messages (project managers only).

    Args:
        limit: How many of the newest to return.

    Returns:
        Messages, newest first.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    return _newest(session, OutboxMessage.project_id == access.project.id, limit)


def _newest(session: Session, scope, limit: int) -> list[OutboxView]:  # noqa: ANN001
    """The newest messages of a collective or project, personal notification mails aside."""
    rows = session.exec(
        select(OutboxMessage)
        .where(scope, OutboxMessage.kind.not_in(PERSONAL_KINDS))
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
        .limit(limit)
    ).all()
    return [_view(m, with_link=links_shown()) for m in rows]
