"""Password hashing with argon2, bounded so a burst of sign-ins cannot starve the machine."""

from __future__ import annotations

import threading

from passlib.context import CryptContext

MIN_PASSWORD_LENGTH = 12
# Argon2 hashes anything, but a megabyte "password" is a denial-of-service, not a password.
MAX_PASSWORD_LENGTH = 256

_context = CryptContext(schemes=["argon2"], deprecated="auto")
# Hashing takes tens of milliseconds of CPU: at most two at once on a 2-core machine, so event
# handling (run on the event loop while hashing runs in worker threads) keeps a core.
_hashing_slots = threading.BoundedSemaphore(2)
# Verified against when the email is unknown, so that both paths cost the same.
_DUMMY_HASH = _context.hash("not-a-real-password-but-constant-work")


def hash_password(password: str) -> str:
    """Hash a password with the current argon2 parameters.

    Args:
        password: The plain password.

    Returns:
        The encoded hash.
    """
    with _hashing_slots:
        return _context.hash(password)


def verify_password(password: str, password_hash: str | None) -> tuple[bool, str | None]:
    """Check a password, doing the same work whether or not a hash exists.

    Args:
        password: The plain password offered.
        password_hash: The stored hash, or None for an unknown account.

    Returns:
        (matches, new_hash) where new_hash is set when the hash should be upgraded.
    """
    with _hashing_slots:
        if password_hash is None:
            _context.verify(password, _DUMMY_HASH)
            return False, None
        try:
            return _context.verify_and_update(password, password_hash)
        except (ValueError, TypeError):
            return False, None
