"""Shared helpers for tables."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime, the form every table stores.

    SQLModel's datetime columns refuse naive values and always return aware UTC ones, so code
    never mixes the two.

    Returns:
        Aware datetime in UTC.
    """
    return datetime.now(UTC)
