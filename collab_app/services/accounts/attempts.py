"""Sign-in and sign-up attempts, recorded and counted atomically against their limits."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import func, or_
from sqlmodel import Session, select

from collab_app.models import LoginAttempt
from collab_app.services.errors import AttemptsInFlight, RateLimited

# A sign-in still "being checked" after this long crashed: it counts as a failure.
PENDING_EXPIRY = timedelta(minutes=1)


def _lock_key(name: str) -> int:
    """A signed 64-bit number for a PostgreSQL advisory lock on a rate-limit key."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def reserve_attempt(
    session: Session,
    *,
    kind: str,
    email: str,
    client_key: str,
    now: datetime,
    window: timedelta,
    limits: tuple[tuple[object, int], ...],
    refusal: str,
    pending: bool = False,
) -> int:
    """Record one attempt and count it with its predecessors atomically, or refuse it.

    Counting then inserting in two steps lets a burst of concurrent attempts all see the same
    count under the limit (40 simultaneous sign-ins once got 10 passwords checked against a
    limit of 5). Here the keys are locked first (PostgreSQL: transaction advisory locks, always
    taken in the same order; SQLite: the insert takes the database's write lock), the attempt
    is inserted, and the count that includes it decides. The row is committed before the slow
    password check, so concurrent attempts see it.

    Args:
        session: Database session; committed (or rolled back when refused) here.
        kind: ``sign_in`` or ``sign_up``.
        email: The normalized address tried.
        client_key: The client's key.
        now: Current time.
        window: How far back attempts count.
        limits: (``LoginAttempt`` column, most attempts allowed in the window) pairs.
        refusal: The message key of the refusal.
        pending: Record it as being checked (a sign-in whose password is hashed next).

    Returns:
        The id of the recorded attempt.

    Raises:
        RateLimited: One of the limits is reached; nothing is recorded.
        AttemptsInFlight: Only attempts still being checked fill the limit: retry shortly.
    """
    client_key = (client_key or "unknown")[:128]
    values = {LoginAttempt.email: email, LoginAttempt.client_key: client_key}
    if session.get_bind().dialect.name == "postgresql":
        for name in sorted(f"{kind}:{column.key}:{values[column]}" for column, _ in limits):
            session.exec(select(func.pg_advisory_xact_lock(_lock_key(name))))
    attempt = LoginAttempt(
        kind=kind, email=email, client_key=client_key, attempted_at=now, pending=pending
    )
    session.add(attempt)
    session.flush()
    attempt_id = attempt.id
    since = now - window
    settled = or_(LoginAttempt.pending.is_(False), LoginAttempt.attempted_at < now - PENDING_EXPIRY)
    for column, maximum in limits:
        total, done = session.exec(
            select(func.count(), func.count().filter(settled)).where(
                LoginAttempt.kind == kind,
                column == values[column],
                LoginAttempt.attempted_at >= since,
            )
        ).one()
        if total > maximum:
            session.rollback()
            if done < maximum:
                raise AttemptsInFlight()
            raise RateLimited(refusal, minutes=int(window.total_seconds() // 60))
    session.commit()
    return attempt_id
