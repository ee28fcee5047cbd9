"""Typed domain errors. Each carries a message key from ``collab_app.i18n`` and its parameters."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a service raises on purpose; its ``code`` is a message key."""

    default_code = "error.generic"

    def __init__(
        self, code: str | None = None, *, field: str | None = None, **params: object
    ) -> None:
        """Create the error.

        Args:
            code: Message key; defaults to the class's ``default_code``.
            field: The form field the error belongs to, when there is one.
            **params: Values interpolated into the translated message.
        """
        self.code = code or self.default_code
        self.field = field
        self.params = params
        super().__init__(self.code)


class NotFound(DomainError):
    """The object does not exist, or the viewer may not know that it exists."""

    default_code = "error.not_found"


class PermissionDenied(DomainError):
    """The viewer may see the object but not do this to it."""

    default_code = "error.forbidden"


class ValidationError(DomainError):
    """The input is malformed or breaks a rule."""

    default_code = "error.invalid"


class Conflict(DomainError):
    """Someone else changed the object meanwhile."""

    default_code = "error.conflict"


class RateLimited(DomainError):
    """Too many attempts in a short time."""

    default_code = "auth.rate_limited"


class AttemptsInFlight(RateLimited):
    """The limit is taken by attempts still being checked: try again in a moment."""

    default_code = "auth.busy"
