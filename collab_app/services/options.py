"""A choice offered in a select, shared by every area's views (board, revisions, billing)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Option:
    """A choice of a native select: value and text."""

    value: str
    text: str
