"""SMTP delivery of the outbox (``OutboxMessage``), each row at most once across app instances.

Configured by ``SMTP_HOST`` (and ``SMTP_PORT``, ``SMTP_USER``, ``SMTP_PASSWORD``, ``SMTP_FROM``,
see ``collab_app.settings.smtp_settings``). Without ``SMTP_FROM`` a message is sent from
``feedback@<the collective's mail domain>``, but only when the operator lists that domain in
``SMTP_VERIFIED_DOMAINS`` (anyone can create a collective and type any domain); otherwise it
is not sent and its ``last_error`` says why.

Sending limits: a collective sends at most ``MAIL_DAILY_LIMIT`` messages in any 24 hours
(``MAIL_DAILY_LIMIT_NEW`` during its first ``NEW_COLLECTIVE_AGE``), so a new account cannot
make the app mail thousands of addresses; the rest wait (``deferred``), nothing is lost. A sent
message keeps no link: its secret link is removed from the stored row once delivered (a
feedback request's when its reminder is queued, which re-sends it).

Port 465 speaks TLS from the start; on other ports STARTTLS is used
whenever the server offers it.

Claims: a runner takes a row with ``UPDATE outboxmessage SET claimed_by = me, claimed_until =
now + 10 min WHERE id = ? AND sent_at IS NULL AND (claimed_until IS NULL OR claimed_until <
now)`` and commits before talking to the SMTP server. On PostgreSQL the second runner's UPDATE
waits for the first one's commit and then matches nothing; SQLite serializes writers. So two
instances never send the same row. A runner that dies mid-send leaves a claim that lapses after
10 minutes; the row is then retried, which is the one case where a message could be sent twice
(SMTP offers no exactly-once hand-over; the lease makes that window small).

Failures: ``attempts`` grows, ``last_error`` keeps the reason, and the row is retried after an
exponential back-off (1, 2, 4 ... minutes, at most 6 hours) up to ``MAX_ATTEMPTS`` times. A
permanent refusal (5xx for the recipient) stops at once.
"""

from __future__ import annotations

import logging
import os
import smtplib
import socket
import ssl
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from sqlalchemy import func, or_, update
from sqlmodel import Session, select

from collab_app.models import Collective, OutboxMessage
from collab_app.services import clock
from collab_app.services.mail import outbox
from collab_app.settings import smtp_settings

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
CLAIM_LEASE = timedelta(minutes=10)
MAX_BACKOFF = timedelta(hours=6)
DEFAULT_SENDER_LOCAL_PART = "feedback"
DEFAULT_DAILY_LIMIT = 300
DEFAULT_DAILY_LIMIT_NEW = 30
NEW_COLLECTIVE_AGE = timedelta(days=14)
SENDING_WINDOW = timedelta(days=1)
# Over its daily limit, a collective's next message is looked at again after this pause.
QUOTA_PAUSE = timedelta(hours=1)
QUOTA_REACHED = "daily sending limit of this collective reached; sent later"


class MailerConfigError(ValueError):
    """The SMTP settings are unusable (e.g. a port that is not a number)."""


@dataclass(frozen=True, slots=True)
class SmtpConfig:
    """How to reach the SMTP server."""

    host: str
    port: int = 25
    user: str = ""
    password: str = ""
    sender: str = ""
    timeout: float = 30.0
    verified_domains: frozenset[str] = frozenset()
    daily_limit: int = DEFAULT_DAILY_LIMIT
    daily_limit_new: int = DEFAULT_DAILY_LIMIT_NEW

    @classmethod
    def from_settings(cls, values: dict[str, str] | None = None) -> SmtpConfig | None:
        """Build the config from ``collab_app.settings.smtp_settings()``.

        Args:
            values: The settings dict; default read from the environment.

        Returns:
            The config, or None when ``SMTP_HOST`` is not set.

        Raises:
            MailerConfigError: ``SMTP_PORT`` is not a port number.
        """
        values = smtp_settings() if values is None else values
        if not values:
            return None
        raw_port = str(values.get("port") or "25").strip()
        if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
            raise MailerConfigError(f"SMTP_PORT is not a port number: {raw_port!r}")
        return cls(
            host=values["host"],
            port=int(raw_port),
            user=values.get("user", ""),
            password=values.get("password", ""),
            sender=values.get("sender", "").strip(),
            verified_domains=frozenset(
                d.strip().lower().strip("@")
                for d in values.get("verified_domains", "").split(",")
                if d.strip()
            ),
            daily_limit=_count(values.get("daily_limit"), DEFAULT_DAILY_LIMIT, "MAIL_DAILY_LIMIT"),
            daily_limit_new=_count(
                values.get("daily_limit_new"), DEFAULT_DAILY_LIMIT_NEW, "MAIL_DAILY_LIMIT_NEW"
            ),
        )


def _count(raw: str | None, default: int, name: str) -> int:
    text = (raw or "").strip()
    if not text:
        return default
    if not text.isdigit():
        raise MailerConfigError(f"{name} is not a number: {text!r}")
    return int(text)


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    """What one delivery pass did."""

    sent: int = 0
    failed: int = 0  # attempts that failed (retried later unless ``gave_up``)
    deferred: int = 0  # held back by the collective's daily limit (sent later)
    gave_up: int = 0  # rows that will not be retried any more
    errors: tuple[str, ...] = ()


def sender_for(config: SmtpConfig, collective: Collective | None) -> str:
    """Return the From address of a collective's messages.

    Args:
        config: SMTP settings.
        collective: The message's collective.

    Returns:
        ``SMTP_FROM``, else ``feedback@<mail_domain>`` when the operator verified that domain,
        else "" (cannot send).
    """
    if config.sender:
        return config.sender
    domain = (collective.mail_domain if collective else "").strip().strip("@").lower()
    if not domain or domain not in config.verified_domains:
        return ""
    return f"{DEFAULT_SENDER_LOCAL_PART}@{domain}"


def daily_limit(config: SmtpConfig, collective: Collective | None, now: datetime) -> int:
    """Return how many messages a collective may send in 24 hours.

    Args:
        config: SMTP settings.
        collective: The message's collective.
        now: Current time.

    Returns:
        The smaller limit while the collective is new.
    """
    if collective is None or collective.created_at > now - NEW_COLLECTIVE_AGE:
        return config.daily_limit_new
    return config.daily_limit


def _sent_recently(session: Session, collective_id: int, now: datetime) -> int:
    return session.exec(
        select(func.count())
        .select_from(OutboxMessage)
        .where(
            OutboxMessage.collective_id == collective_id,
            OutboxMessage.sent_at.is_not(None),
            OutboxMessage.sent_at > now - SENDING_WINDOW,
        )
    ).one()


def _defer(session: Session, message_id: int, worker: str, now: datetime) -> None:
    """Release a claimed row untouched but for a later look (no attempt is used up)."""
    session.exec(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.claimed_by == worker)
        .values(
            claimed_by="",
            claimed_until=None,
            next_attempt_at=now + QUOTA_PAUSE,
            last_error=QUOTA_REACHED,
        )
        .execution_options(synchronize_session=False)
    )
    session.commit()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def build_email(message: OutboxMessage, sender: str, now: datetime) -> EmailMessage:
    """Turn an outbox row into a plain-text UTF-8 mail.

    Args:
        message: The row.
        sender: From address.
        now: Date header.

    Returns:
        The mail.
    """
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message.to_email
    mail["Subject"] = _one_line(message.subject)
    mail["Date"] = format_datetime(now)
    domain = sender.rpartition("@")[2] or None
    mail["Message-ID"] = make_msgid(idstring=f"outbox{message.id}", domain=domain)
    mail["Auto-Submitted"] = "auto-generated"
    mail["X-Collab-Message-Kind"] = message.kind
    if message.list_unsubscribe:
        mail["List-Unsubscribe"] = f"<{message.list_unsubscribe}>"
    mail.set_content(message.body)
    return mail


def _backoff(attempts: int) -> timedelta:
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _claim(session: Session, message_id: int, worker: str, now: datetime) -> bool:
    claimed = session.exec(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.attempts < MAX_ATTEMPTS,
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
        )
        .values(claimed_by=worker, claimed_until=now + CLAIM_LEASE)
        .execution_options(synchronize_session=False)
    ).rowcount
    session.commit()
    return claimed == 1


def _candidates(session: Session, now: datetime, limit: int) -> list[int]:
    """Ids of unsent rows that are due and not claimed by a live runner, oldest first."""
    return list(
        session.exec(
            select(OutboxMessage.id)
            .where(
                OutboxMessage.sent_at.is_(None),
                OutboxMessage.attempts < MAX_ATTEMPTS,
                or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
                or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now),
            )
            .order_by(OutboxMessage.id)
            .limit(limit)
        ).all()
    )


def _finish(
    session: Session,
    message_id: int,
    worker: str,
    *,
    now: datetime,
    error: str = "",
    give_up: bool = False,
) -> None:
    values: dict[str, object] = {"claimed_by": "", "claimed_until": None}
    if not error:
        values |= {"sent_at": now, "last_error": ""}
        # The secret link has reached its recipient: the stored row no longer holds it
        # (unless a reminder still has to re-send it, see ``outbox.LINK_KEPT_AFTER_SENDING``).
        row = session.get(OutboxMessage, message_id, populate_existing=True)
        if row.kind not in outbox.LINK_KEPT_AFTER_SENDING:
            outbox.forget_link(session, row)
    else:
        row = session.get(OutboxMessage, message_id, populate_existing=True)
        attempts = MAX_ATTEMPTS if give_up else row.attempts + 1
        values |= {
            "attempts": attempts,
            "last_error": error[:500],
            "next_attempt_at": now + _backoff(attempts),
        }
    session.exec(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.claimed_by == worker)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    session.commit()


class _Connection:
    """One SMTP connection, opened on first use and reopened after a failure."""

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self.client: smtplib.SMTP | None = None

    def get(self) -> smtplib.SMTP:
        if self.client is None:
            config = self.config
            context = ssl.create_default_context()
            if config.port == 465:
                client: smtplib.SMTP = smtplib.SMTP_SSL(
                    config.host, config.port, timeout=config.timeout, context=context
                )
            else:
                client = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
                client.ehlo()
                if client.has_extn("starttls"):
                    client.starttls(context=context)
                    client.ehlo()
            if config.user:
                client.login(config.user, config.password)
            self.client = client
        return self.client

    def drop(self) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (smtplib.SMTPException, OSError):
                self.client.close()
            self.client = None


def _is_permanent(exc: Exception) -> bool:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    return False


def deliver_outbox(
    session: Session,
    *,
    config: SmtpConfig | None = None,
    now: datetime | None = None,
    limit: int = 100,
    worker: str | None = None,
) -> DeliveryReport:
    """Send the unsent outbox rows by SMTP, claiming each so no other runner sends it.

    Args:
        session: Database session; committed here (each claim and each result).
        config: SMTP settings; default from the environment.
        now: Current time (claims, ``sent_at``, back-off).
        limit: At most this many rows per call.
        worker: Name of this runner in claims; default host, process and a random part.

    Returns:
        What was sent and what failed. Nothing is done when SMTP is not configured.
    """
    config = config or SmtpConfig.from_settings()
    if config is None:
        return DeliveryReport()
    now = now or clock.now()
    worker = worker or f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    connection = _Connection(config)
    sent = failed = gave_up = deferred = 0
    errors: list[str] = []
    sent_by_collective: dict[int, int] = {}
    try:
        for message_id in _candidates(session, now, limit):
            if not _claim(session, message_id, worker, now):
                continue  # another runner has it
            message = session.get(OutboxMessage, message_id, populate_existing=True)
            collective = session.get(Collective, message.collective_id)
            cid = message.collective_id
            if cid not in sent_by_collective:
                sent_by_collective[cid] = _sent_recently(session, cid, now)
            if sent_by_collective[cid] >= daily_limit(config, collective, now):
                _defer(session, message_id, worker, now)
                deferred += 1
                continue
            sender = sender_for(config, collective)
            error, permanent = "", False
            if not sender:
                error = (
                    "no sender: set SMTP_FROM, or list the collective's mail domain in "
                    "SMTP_VERIFIED_DOMAINS"
                )
            else:
                try:
                    mail = build_email(message, sender, now)
                    connection.get().send_message(mail)
                except (smtplib.SMTPException, OSError, ValueError) as exc:
                    error = f"{exc.__class__.__name__}: {exc}"
                    permanent = _is_permanent(exc)
                    if not isinstance(exc, smtplib.SMTPRecipientsRefused):
                        connection.drop()
            _finish(session, message_id, worker, now=now, error=error, give_up=permanent)
            if not error:
                sent += 1
                sent_by_collective[cid] += 1
                continue
            failed += 1
            logger.warning("outbox message %s not sent: %s", message_id, error)
            errors.append(f"message {message_id}: {error}")
            row = session.get(OutboxMessage, message_id, populate_existing=True)
            if row.attempts >= MAX_ATTEMPTS:
                gave_up += 1
    finally:
        connection.drop()
    return DeliveryReport(
        sent=sent, failed=failed, gave_up=gave_up, deferred=deferred, errors=tuple(errors)
    )
