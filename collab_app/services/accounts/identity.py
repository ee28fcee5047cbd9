"""The fields of an account: email address, display name, password, language, time zone."""

from __future__ import annotations

import zoneinfo
from functools import cache

from email_validator import EmailNotValidError, validate_email

from collab_app.services.accounts.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from collab_app.services.errors import ValidationError

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


def validate_name(
    name: str,
    *,
    field: str = "name",
    max_length: int = 120,
    required: str = "form.required",
    too_long: str = "form.too_long",
) -> str:
    """Return a trimmed, non-empty name of bounded length (spaces collapsed).

    Args:
        name: Typed name.
        field: Form field for the error.
        max_length: Longest accepted.
        required: Message key when empty.
        too_long: Message key when too long.

    Returns:
        The cleaned name.

    Raises:
        ValidationError: Empty or too long.
    """
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ValidationError(required, field=field)
    if len(cleaned) > max_length:
        raise ValidationError(too_long, field=field, max=max_length)
    return cleaned


def validate_display_name(name: str) -> str:
    """Return the trimmed display name, between 1 and 80 characters.

    Args:
        name: What the person typed.

    Returns:
        The trimmed name.

    Raises:
        ValidationError: Empty or too long.
    """
    return validate_name(
        name,
        field="display_name",
        max_length=80,
        required="auth.name_required",
        too_long="auth.name_too_long",
    )


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


def locale_or_default(locale: str) -> str:
    """Return a supported language code, or ``""`` for "from the browser".

    Args:
        locale: What the client sent.

    Returns:
        ``en``, ``fr`` or ``""``.
    """
    return locale if locale in SUPPORTED_LOCALES else ""
