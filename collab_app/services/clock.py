"""The current time, in one place so tests can move it."""

from __future__ import annotations

from datetime import datetime

from collab_app.models.base import utcnow


def now() -> datetime:
    """Return the current aware UTC time.

    Returns:
        The time.
    """
    return utcnow()
