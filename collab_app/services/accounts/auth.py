"""Accounts and sessions: sign-up, sign-in with rate limits, session tokens, profile changes."""

from __future__ import annotations

import hashlib
import zoneinfo
from datetime import datetime, timedelta
from functools import cache

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import delete, func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from collab_app.models import AuthSession, LoginAttempt, User
from collab_app.services import clock
from collab_app.services.accounts.passwords import (
    MAX_PASSWORD_LENGTH,
    MIN_PASSWORD_LENGTH,
    hash_password,
    verify_password,
)
from collab_app.services.errors import AttemptsInFlight, RateLimited, ValidationError
from collab_app.services.tokens import hash_token, new_token
from collab_app.services.viewer import Viewer

SESSION_IDLE_EXPIRY = timedelta(days=14)
# last_seen is written at most this often, so that every click does not become a write.
LAST_SEEN_RESOLUTION = timedelta(minutes=5)
RATE_LIMIT_WINDOW = timedelta(minutes=15)
RATE_LIMIT_MAX_FAILURES = 5
# A sign-in still "being checked" after this long crashed: it counts as a failure.
PENDING_EXPIRY = timedelta(minutes=1)
# Accounts created from one client (IP address) per window.
SIGN_UP_WINDOW = timedelta(hours=1)
SIGN_UP_MAX_PER_CLIENT = 10
SUPPORTED_LOCALES = ("en", "fr")


def normalize_email(raw: str) -> str:
    """Validate an email address (no DNS) and return its normalized, lower-cased form.

    Args:
        raw: What the person typed.

    Returns:
        The normalized address.

    Raises:
        ValidationError: The address is malformed.
    """
    candidate = (raw or "").strip()
    if not candidate or len(candidate) > 254:
        raise ValidationError("auth.email_invalid", field="email")
    try:
        info = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValidationError("auth.email_invalid", field="email") from exc
    return info.normalized.lower()


@cache
def _known_timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(name: str) -> str:
    """Return the IANA time zone name if it is known.

    Args:
        name: e.g. ``Europe/Paris``.

    Returns:
        The same name.

    Raises:
        ValidationError: Unknown zone.
    """
    if name not in _known_timezones():
        raise ValidationError("profile.timezone_invalid", field="timezone")
    return name


def validate_display_name(name: str) -> str:
    """Return the trimmed display name, between 1 and 80 characters.

    Args:
        name: What the person typed.

    Returns:
        The trimmed name.

    Raises:
        ValidationError: Empty or too long.
    """
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ValidationError("auth.name_required", field="display_name")
    if len(cleaned) > 80:
        raise ValidationError("auth.name_too_long", field="display_name", max=80)
    return cleaned


def validate_password(password: str, *, field: str = "password") -> str:
    """Check a new password's length.

    Args:
        password: The new password.
        field: The form field to attach the error to.

    Returns:
        The password unchanged.

    Raises:
        ValidationError: Too short or too long.
    """
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise ValidationError("auth.password_too_short", field=field, min=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError("auth.password_too_long", field=field, max=MAX_PASSWORD_LENGTH)
    return password


def _locale_or_default(locale: str) -> str:
    return locale if locale in SUPPORTED_LOCALES else ""


def sign_up(
    session: Session,
    *,
    email: str,
    display_name: str,
    password: str,
    locale: str = "",
    client_key: str = "",
    now: datetime | None = None,
) -> User:
    """Create an account (at most ``SIGN_UP_MAX_PER_CLIENT`` per client and hour).

    Args:
        session: Database session; committed here.
        email: Address typed by the person.
        display_name: Name shown to others.
        password: At least 12 characters.
        locale: ``en``, ``fr`` or empty for "from the browser".
        client_key: Identifies the client (its IP address) for the limit.
        now: Current time (tests pass it).

    Returns:
        The new user.

    Raises:
        ValidationError: Bad field, or the email is already registered.
        RateLimited: Too many sign-ups from this client recently.
    """
    normalized = normalize_email(email)
    name = validate_display_name(display_name)
    validate_password(password)
    # Counted whether or not the address is free: probing addresses costs the same allowance.
    _reserve_attempt(
        session,
        kind="sign_up",
        email=normalized,
        client_key=client_key,
        now=now or clock.now(),
        window=SIGN_UP_WINDOW,
        limits=((LoginAttempt.client_key, SIGN_UP_MAX_PER_CLIENT),),
        refusal="auth.sign_up_rate_limited",
    )
    if session.exec(select(User.id).where(User.email == normalized)).first() is not None:
        raise ValidationError("auth.email_taken", field="email")
    user = User(
        email=normalized,
        display_name=name,
        password_hash=hash_password(password),
        locale=_locale_or_default(locale),
    )
    session.add(user)
    try:
        session.commit()
    except IntegrityError as exc:  # a concurrent sign-up with the same address won the race
        session.rollback()
        raise ValidationError("auth.email_taken", field="email") from exc
    session.refresh(user)
    return user


def _lock_key(name: str) -> int:
    """A signed 64-bit number for a PostgreSQL advisory lock on a rate-limit key."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def _reserve_attempt(
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


def start_session(session: Session, *, user_id: int, now: datetime | None = None) -> str:
    """Open a session for a user who just proved who they are (e.g. right after sign-up).

    Args:
        session: Database session; committed here.
        user_id: The user.
        now: Current time.

    Returns:
        The session token for the browser.
    """
    token = _create_session(session, user_id, now or clock.now())
    session.commit()
    return token


def _create_session(session: Session, user_id: int, now: datetime) -> str:
    token = new_token()
    session.add(
        AuthSession(user_id=user_id, token_hash=hash_token(token), created_at=now, last_seen_at=now)
    )
    return token


def sign_in(
    session: Session, *, email: str, password: str, client_key: str, now: datetime | None = None
) -> tuple[User, str]:
    """Check credentials and open a session.

    Failed attempts are limited per account and per client (5 per 15 minutes). An unknown email
    costs the same hashing work as a known one.

    Args:
        session: Database session; committed here.
        email: Address typed by the person.
        password: Password typed by the person.
        client_key: Identifies the client (its IP address) for the per-client limit.
        now: Current time (tests pass it).

    Returns:
        (user, session token). Only the token's hash is stored.

    Raises:
        RateLimited: Too many recent failures for this account or client.
        AttemptsInFlight: The limit is taken by sign-ins still being checked (retry shortly).
        ValidationError: Wrong email or password (one message for both).
    """
    now = now or clock.now()
    client_key = (client_key or "unknown")[:128]
    try:
        normalized = normalize_email(email)
    except ValidationError:
        normalized = (email or "").strip().lower()[:254]
    # The attempt counts from before its password is checked: a failure settles it, a
    # success removes it.
    attempt_id = _reserve_attempt(
        session,
        kind="sign_in",
        email=normalized,
        client_key=client_key,
        now=now,
        window=RATE_LIMIT_WINDOW,
        limits=(
            (LoginAttempt.email, RATE_LIMIT_MAX_FAILURES),
            (LoginAttempt.client_key, RATE_LIMIT_MAX_FAILURES),
        ),
        refusal="auth.rate_limited",
        pending=True,
    )
    user = session.exec(select(User).where(User.email == normalized)).first()
    ok, new_hash = verify_password(
        (password or "")[:MAX_PASSWORD_LENGTH], user.password_hash if user else None
    )
    if not ok or user is None:
        session.exec(
            update(LoginAttempt).where(LoginAttempt.id == attempt_id).values(pending=False)
        )
        session.commit()
        raise ValidationError("auth.bad_credentials", field="password")
    if new_hash:
        user.password_hash = new_hash
        session.add(user)
    session.exec(
        delete(LoginAttempt).where(LoginAttempt.kind == "sign_in", LoginAttempt.email == normalized)
    )
    token = _create_session(session, user.id, now)
    session.commit()
    session.refresh(user)
    return user, token


def viewer_for(user: User) -> Viewer:
    """Build the viewer identity of a user.

    Args:
        user: The user row.

    Returns:
        The viewer.
    """
    return Viewer(
        user_id=user.id,
        email=user.email,
        display_name=user.display_name,
        locale=user.locale,
        timezone=user.timezone,
    )


def resolve_session(session: Session, token: str, *, now: datetime | None = None) -> Viewer | None:
    """Return the viewer a session token belongs to, or None if it is unknown, revoked or idle.

    Args:
        session: Database session; committed when last-seen moves.
        token: The browser's token.
        now: Current time (tests pass it).

    Returns:
        The viewer or None.
    """
    if not token or len(token) > 200:
        return None
    now = now or clock.now()
    row = session.exec(
        select(AuthSession, User)
        .join(User, User.id == AuthSession.user_id)
        .where(AuthSession.token_hash == hash_token(token), AuthSession.revoked_at.is_(None))
    ).first()
    if row is None:
        return None
    auth_session, user = row
    if auth_session.last_seen_at < now - SESSION_IDLE_EXPIRY:
        return None
    if now - auth_session.last_seen_at > LAST_SEEN_RESOLUTION:
        auth_session.last_seen_at = now
        session.add(auth_session)
        session.commit()
    return viewer_for(user)


def live_session_hashes(
    session: Session, token_hashes: set[str], *, now: datetime | None = None
) -> set[str]:
    """Return those of the given session hashes that ``resolve_session`` would still accept.

    Read-only (last-seen is not moved): the live watcher asks this for every open tab at once,
    so that a tab whose session ended elsewhere is emptied without waiting for its next event.

    Args:
        session: Database session.
        token_hashes: ``hash_token`` of the tabs' session tokens.
        now: Current time (tests pass it).

    Returns:
        The hashes of sessions neither revoked nor idle for longer than the expiry.
    """
    if not token_hashes:
        return set()
    cutoff = (now or clock.now()) - SESSION_IDLE_EXPIRY
    rows = session.exec(
        select(AuthSession.token_hash).where(
            AuthSession.token_hash.in_(token_hashes),
            AuthSession.revoked_at.is_(None),
            AuthSession.last_seen_at >= cutoff,
        )
    ).all()
    return set(rows)


def sign_out(session: Session, *, token: str, now: datetime | None = None) -> None:
    """Revoke the session of this token (no error if it is already gone).

    Args:
        session: Database session; committed here.
        token: The browser's token.
        now: Current time.
    """
    if not token:
        return
    session.exec(
        update(AuthSession)
        .where(AuthSession.token_hash == hash_token(token), AuthSession.revoked_at.is_(None))
        .values(revoked_at=now or clock.now())
    )
    session.commit()


def change_password(
    session: Session,
    viewer: Viewer,
    *,
    current_password: str,
    new_password: str,
    now: datetime | None = None,
) -> str:
    """Change the viewer's password, revoke all their sessions and open a fresh one.

    Args:
        session: Database session; committed here.
        viewer: The signed-in person.
        current_password: Proves the person at the keyboard knows the password.
        new_password: At least 12 characters.
        now: Current time.

    Returns:
        The token of the new session for the current browser.

    Raises:
        ValidationError: Wrong current password or a too-short new one.
    """
    now = now or clock.now()
    validate_password(new_password, field="new_password")
    user = session.get(User, viewer.user_id)
    ok, _ = verify_password((current_password or "")[:MAX_PASSWORD_LENGTH], user.password_hash)
    if not ok:
        raise ValidationError("profile.current_password_wrong", field="current_password")
    user.password_hash = hash_password(new_password)
    user.password_changed_at = now
    session.add(user)
    session.exec(
        update(AuthSession)
        .where(AuthSession.user_id == user.id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    token = _create_session(session, user.id, now)
    session.commit()
    return token


def update_profile(
    session: Session, viewer: Viewer, *, display_name: str, locale: str, timezone: str
) -> Viewer:
    """Change the viewer's display name, language and time zone.

    Args:
        session: Database session; committed here.
        viewer: The signed-in person.
        display_name: New name.
        locale: ``en``, ``fr`` or empty for "from the browser".
        timezone: IANA zone name.

    Returns:
        The updated viewer.

    Raises:
        ValidationError: A field is invalid.
    """
    name = validate_display_name(display_name)
    if locale not in ("", *SUPPORTED_LOCALES):
        raise ValidationError("profile.locale_invalid", field="locale")
    zone = validate_timezone(timezone)
    user = session.get(User, viewer.user_id)
    user.display_name, user.locale, user.timezone = name, locale, zone
    session.add(user)
    session.commit()
    session.refresh(user)
    return viewer_for(user)
