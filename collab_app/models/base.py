"""Shared helpers for tables."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Return the current time as a naive UTC datetime, the form stored in every table.

    Returns:
        Naive datetime in UTC.
    """
    return datetime.now(UTC).replace(tzinfo=None)
