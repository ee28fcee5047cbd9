"""Random secrets handed to browsers, of which only a hash is stored."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> str:
    """Return a fresh URL-safe secret with 256 bits of entropy.

    Returns:
        The token.
    """
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """Return the SHA-256 hex digest under which a token is stored.

    A fast hash is right here: the token is random and long, so it cannot be guessed offline.

    Args:
        token: The secret token.

    Returns:
        64 hex characters.
    """
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
