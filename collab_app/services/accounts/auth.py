"""Accounts and sessions: sign-up, sign-in with rate limits, session tokens, profile changes.

The rules of each field are in ``identity``; attempts are counted against the limits in
``attempts``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from collab_app.models import AuthSession, LoginAttempt, User
from collab_app.services import clock
from collab_app.services.accounts.attempts import reserve_attempt
from collab_app.services.accounts.identity import (
    SUPPORTED_LOCALES,
    locale_or_default,
    normalize_email,
    validate_display_name,
    validate_password,
    validate_timezone,
)
from collab_app.services.accounts.passwords import (
    MAX_PASSWORD_LENGTH,
    hash_password,
    verify_password,
)
from collab_app.services.errors import ValidationError
from collab_app.services.shared_views import view_from
from collab_app.services.tokens import hash_token, new_token
from collab_app.services.viewer import Viewer

SESSION_IDLE_EXPIRY = timedelta(days=14)
# last_seen is written at most this often, so that every click does not become a write.
LAST_SEEN_RESOLUTION = timedelta(minutes=5)
RATE_LIMIT_WINDOW = timedelta(minutes=15)
RATE_LIMIT_MAX_FAILURES = 5
# Accounts created from one client (IP address) per window.
SIGN_UP_WINDOW = timedelta(hours=1)
SIGN_UP_MAX_PER_CLIENT = 10


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
    reserve_attempt(
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
        locale=locale_or_default(locale),
    )
    session.add(user)
    try:
        session.commit()
    except IntegrityError as exc:  # a concurrent sign-up with the same address won the race
        session.rollback()
        raise ValidationError("auth.email_taken", field="email") from exc
    session.refresh(user)
    return user


def start_session(session: Session, *, user_id: int, now: datetime | None = None) -> str:
    """Open a session for a user who just proved who they are (e.g. right after sign-up).

    Args:
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
    attempt_id = reserve_attempt(
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


def viewer_for(user: User | Row) -> Viewer:
    """Build the viewer identity of a user.

    Args:
        user: The user row (or a result row with its ``id``, ``email``, ``display_name``,
            ``locale`` and ``timezone`` columns).

    Returns:
        The viewer.
    """
    return view_from(Viewer, user, user_id=user.id)


# Built once: every event of every tab and every live refresh resolves its session. Plain
# columns, not ORM rows: loading two ORM objects cost twice the query itself.
_SESSIONS = (
    select(
        AuthSession.id.label("session_id"),
        AuthSession.token_hash,
        AuthSession.last_seen_at,
        User.id,
        User.email,
        User.display_name,
        User.locale,
        User.timezone,
    )
    .join(User, User.id == AuthSession.user_id)
    .where(AuthSession.revoked_at.is_(None))
)
_SESSION_BY_HASH = _SESSIONS.where(AuthSession.token_hash == bindparam("token_hash"))
_SESSIONS_BY_HASH = _SESSIONS.where(
    AuthSession.token_hash.in_(bindparam("token_hashes", expanding=True))
)
# Key of ``Session.info`` holding sessions resolved beforehand (``resolve_sessions``).
_RESOLVED = "auth.resolved_sessions"


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
    token_hash = hash_token(token)
    known = session.info.get(_RESOLVED)
    if known is not None and token_hash in known:
        return known[token_hash]
    now = now or clock.now()
    row = session.exec(_SESSION_BY_HASH, params={"token_hash": token_hash}).first()
    if row is None or row.last_seen_at < now - SESSION_IDLE_EXPIRY:
        return None
    if now - row.last_seen_at > LAST_SEEN_RESOLUTION:
        _move_last_seen(session, [row.session_id], now)
    return viewer_for(row)


def resolve_sessions(
    session: Session, token_hashes: set[str], *, now: datetime | None = None
) -> dict[str, Viewer | None]:
    """``resolve_session`` for many sessions at once, known by their hashes (one query).

    The same rule: a revoked or idle session resolves to None, and last-seen moves the same
    way. The live task checks the tabs it is about to refresh with it (``known_sessions``).

    Args:
        token_hashes: ``hash_token`` of the session tokens.
        now: Current time (tests pass it).

    Returns:
        Every given hash -> its viewer, or None.
    """
    found: dict[str, Viewer | None] = dict.fromkeys(token_hashes)
    now = now or clock.now()
    live = _live_sessions(session, token_hashes, now)
    _move_last_seen(
        session,
        [row.session_id for row in live if now - row.last_seen_at > LAST_SEEN_RESOLUTION],
        now,
    )
    found.update((row.token_hash, viewer_for(row)) for row in live)
    return found


def known_sessions(resolved: dict[str, Viewer | None]) -> dict[str, object]:
    """``Session.info`` entries that let ``resolve_session`` answer from ``resolve_sessions``.

    Args:
        resolved: What ``resolve_sessions`` returned, a moment ago.

    Returns:
        Entries for a new database session's ``info``.
    """
    return {_RESOLVED: resolved}


def _move_last_seen(session: Session, session_ids: list[int], now: datetime) -> None:
    if session_ids:
        session.exec(
            update(AuthSession).where(AuthSession.id.in_(session_ids)).values(last_seen_at=now)
        )
        session.commit()


def live_session_hashes(
    session: Session, token_hashes: set[str], *, now: datetime | None = None
) -> set[str]:
    """Return those of the given session hashes that ``resolve_session`` would still accept.

    Read-only (last-seen is not moved): the live watcher asks this for every open tab at once,
    so that a tab whose session ended elsewhere is emptied without waiting for its next event.

    Args:
        token_hashes: ``hash_token`` of the tabs' session tokens.
        now: Current time (tests pass it).

    Returns:
        The hashes of sessions neither revoked nor idle for longer than the expiry.
    """
    return {row.token_hash for row in _live_sessions(session, token_hashes, now or clock.now())}


def _live_sessions(session: Session, token_hashes: set[str], now: datetime) -> list[Row]:
    """The sessions of these hashes that are neither revoked nor idle (one query, none if empty)."""
    if not token_hashes:
        return []
    rows = session.exec(_SESSIONS_BY_HASH, params={"token_hashes": sorted(token_hashes)}).all()
    return [row for row in rows if row.last_seen_at >= now - SESSION_IDLE_EXPIRY]


def sign_out(session: Session, *, token: str, now: datetime | None = None) -> None:
    """Revoke the session of this token (no error if it is already gone).

    Args:
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
