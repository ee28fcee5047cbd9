"""The signed-in person on whose behalf a service runs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Viewer:
    """Identity of the person asking, resolved from a valid session token only."""

    user_id: int
    email: str
    display_name: str
    locale: str
    timezone: str
