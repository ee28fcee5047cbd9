"""Periodic jobs: queue due feedback requests and reminders, deliver the outbox, purge old files.

- ``run_due(now=None)``: one pass; safe to run from several app instances at the same moment
  (each round, reminder and outbox row is claimed by exactly one runner).
- ``python -m collab_app.jobs run-due``: the same, for cron; prints what it did, exits 1 with a
  one-line message (no traceback) when something failed.
- ``periodic_jobs()``: an async loop for the running app. Wire it with
  ``app.register_lifespan_task(periodic_jobs)``; ``JOBS_INTERVAL_SECONDS`` (default 300) sets the
  period, 0 disables it (e.g. when cron runs the command instead).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import select

from collab_app import db
from collab_app.models import OutboxMessage
from collab_app.services import clock, feedback, notifications
from collab_app.services import files as project_files
from collab_app.services.mail import delivery as mailer
from collab_app.services.projects import weekly

logger = logging.getLogger(__name__)

DEFAULT_INTERVAL_SECONDS = 300
MIGRATE_HINT = "Is the database reachable and migrated? Run: python -m collab_app.manage migrate"


@dataclass(frozen=True, slots=True)
class JobReport:
    """What one ``run_due`` pass did."""

    rounds: int = 0
    requests: int = 0
    reminders: int = 0
    followups: int = 0
    notification_mails: int = 0  # mails of notifications written into the outbox
    smtp_configured: bool = False
    sent: int = 0
    failed: int = 0
    waiting: int = 0  # unsent outbox rows left after the pass
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.errors

    def summary(self) -> str:
        """One human line describing the pass.

        Returns:
            The text.
        """
        parts = [
            f"feedback requests queued: {self.requests} ({self.rounds} round(s))",
            f"reminders queued: {self.reminders}",
        ]
        if self.followups:
            parts.append(f"follow-up tasks created: {self.followups}")
        if self.notification_mails:
            parts.append(f"notification mails queued: {self.notification_mails}")
        if self.smtp_configured:
            parts.append(f"mails sent: {self.sent}, failed: {self.failed}")
        else:
            parts.append("SMTP not configured: mails stay in the outbox for managers to copy")
        parts.append(f"outbox waiting: {self.waiting}")
        return "; ".join(parts)


def run_due(now: datetime | None = None) -> JobReport:
    """Queue due requests and reminders for every active schedule, then deliver the outbox.

    Args:
        now: Current time (aware UTC); default the clock.

    Returns:
        What was done. Failures of single schedules or mails are in ``errors``.

    Raises:
        mailer.MailerConfigError: Unusable SMTP settings.
        sqlalchemy.exc.SQLAlchemyError: The database cannot be reached.
    """
    now = now or clock.now()
    config = mailer.SmtpConfig.from_settings()
    errors: list[str] = []
    with db.session_scope() as session:
        due = feedback.enqueue_due(session, now=now)
        errors.extend(due.errors)
        try:
            followups = feedback.retry_followups(session, now=now)
        except Exception as exc:  # the board must not stop the mails
            session.rollback()
            logger.exception("follow-up retry failed")
            errors.append(f"follow-ups: {exc.__class__.__name__}: {exc}")
            followups = 0
        notified = notifications.run_jobs(
            session, now=now, steps=(("weekly updates", weekly.send_due_weekly_updates),)
        )
        errors.extend(notified.errors)
        try:
            # Files 30 days in a trash, and chunks of uploads that died half-way.
            project_files.purge_expired(session, now=now)
            project_files.purge_incomplete(session, now=now)
            session.commit()
        except Exception as exc:  # the files must not stop the mails either
            session.rollback()
            logger.exception("file purge failed")
            errors.append(f"files: {exc.__class__.__name__}: {exc}")
        delivery = mailer.DeliveryReport()
        if config is not None:
            delivery = mailer.deliver_outbox(session, config=config, now=now)
            errors.extend(delivery.errors)
        waiting = session.exec(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.sent_at.is_(None), OutboxMessage.attempts < mailer.MAX_ATTEMPTS
            )
        ).one()
        session.commit()
    return JobReport(
        rounds=due.rounds,
        requests=due.requests,
        reminders=due.reminders,
        followups=followups,
        notification_mails=notified.mails,
        smtp_configured=config is not None,
        sent=delivery.sent,
        failed=delivery.failed,
        waiting=waiting,
        errors=tuple(errors),
    )


def interval_seconds() -> float:
    """Return the period of the in-app job from ``JOBS_INTERVAL_SECONDS`` (0 disables).

    Returns:
        Seconds; the default when the variable is missing or not a number.
    """
    raw = os.environ.get("JOBS_INTERVAL_SECONDS", "").strip()
    try:
        value = float(raw) if raw else DEFAULT_INTERVAL_SECONDS
    except ValueError:
        logger.warning(
            "JOBS_INTERVAL_SECONDS=%r is not a number; using %s", raw, DEFAULT_INTERVAL_SECONDS
        )
        return DEFAULT_INTERVAL_SECONDS
    return max(value, 0.0)


async def periodic_jobs(interval: float | None = None, *, first_delay: float = 5.0) -> None:
    """Run :func:`run_due` every ``interval`` seconds until cancelled (a lifespan task).

    Each pass runs in a worker thread so the event loop stays free; a failing pass is logged and
    the loop goes on.

    Args:
        interval: Seconds between passes; default ``JOBS_INTERVAL_SECONDS`` (0: return at once).
        first_delay: Seconds to wait after start-up before the first pass.
    """
    period = interval_seconds() if interval is None else interval
    if period <= 0:
        logger.info("periodic jobs disabled")
        return
    await asyncio.sleep(first_delay)
    while True:
        try:
            report = await asyncio.to_thread(run_due)
            if report.errors:
                logger.warning("run-due: %s; errors: %s", report.summary(), report.errors)
            elif report.requests or report.reminders or report.sent:
                logger.info("run-due: %s", report.summary())
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("run-due failed")
        await asyncio.sleep(period)


def describe_error(exc: BaseException) -> str:
    """Return one line naming an error, without SQL statements or tracebacks.

    Args:
        exc: The error.

    Returns:
        ``Type: first line of the message``; database errors name the driver's error.
    """
    cause = getattr(exc, "orig", None) if isinstance(exc, SQLAlchemyError) else None
    shown = cause if cause is not None else exc
    lines = str(shown).strip().splitlines()
    return f"{shown.__class__.__name__}: {lines[0] if lines else ''}".rstrip(": ")


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m collab_app.jobs run-due``.

    Args:
        argv: Arguments (default ``sys.argv[1:]``).

    Returns:
        Exit status: 0 done, 1 something failed, 2 bad usage.
    """
    parser = argparse.ArgumentParser(
        prog="python -m collab_app.jobs",
        description="Queue due feedback requests and reminders, then deliver the outbox.",
    )
    parser.add_argument("command", choices=["run-due"], help="the job to run")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.CRITICAL)  # the summary below is the output
    if args.command == "run-due":
        try:
            report = run_due()
        except Exception as exc:  # a CLI prints a clear line, not a traceback
            print(f"run-due failed: {describe_error(exc)}", file=sys.stderr)
            if isinstance(exc, SQLAlchemyError):
                print(MIGRATE_HINT, file=sys.stderr)
            return 1
        print(report.summary())
        if report.errors:
            for error in report.errors:
                print(f"error: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
