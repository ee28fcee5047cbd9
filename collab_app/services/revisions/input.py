"""Cleaning what the client sends to the revision services (any type, any size).

Every function returns a clean value or raises ``ValidationError`` with the form field.
"""

from __future__ import annotations

import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlsplit

from collab_app.services.amounts import read_cents
from collab_app.services.errors import ValidationError

TEXT_MAX = 5_000
REASON_MAX = 1_000
URL_MAX = 500
MAX_PRICE_CENTS = 10**11


def clean_text(
    value: object, *, field: str, max_len: int = TEXT_MAX, required: bool = False
) -> str:
    """Return a cleaned multi-line text (control characters dropped, NFC, trimmed).

    Args:
        value: What the client sent.
        field: The form field, for errors.
        max_len: Longest accepted length.
        required: Refuse an empty text.

    Returns:
        The text.

    Raises:
        ValidationError: Not text, empty when required, or too long.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError("revisions.text_invalid", field=field)
    text = unicodedata.normalize("NFC", value)
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()
    if required and not text:
        raise ValidationError("revisions.text_required", field=field)
    if len(text) > max_len:
        raise ValidationError("revisions.text_too_long", field=field, max=max_len)
    return text


def clean_url(value: object, *, field: str = "attachment_url") -> str:
    """Return an optional http(s) link, or "".

    Args:
        value: What the client sent.
        field: The form field, for errors.

    Returns:
        The URL as typed (trimmed), or "".

    Raises:
        ValidationError: Not an absolute http or https URL with a host.
    """
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        raise ValidationError("revisions.url_invalid", field=field)
    url = value.strip()
    if not url:
        return ""
    if len(url) > URL_MAX or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise ValidationError("revisions.url_invalid", field=field)
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise ValidationError("revisions.url_invalid", field=field) from exc
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise ValidationError("revisions.url_invalid", field=field)
    return url


def clean_choice(value: object, choices: tuple[str, ...], *, field: str) -> str:
    """Return a value that must be one of ``choices``.

    Args:
        value: What the client sent.
        choices: Allowed values.
        field: The form field, for errors.

    Returns:
        The value.

    Raises:
        ValidationError: Not one of them.
    """
    if not isinstance(value, str) or value not in choices:
        raise ValidationError("revisions.choice_invalid", field=field)
    return value


def clean_int(value: object, *, field: str, low: int, high: int) -> int:
    """Return an integer within bounds.

    Args:
        value: What the client sent (int or digits).
        field: The form field, for errors.
        low: Smallest accepted.
        high: Largest accepted.

    Returns:
        The number.

    Raises:
        ValidationError: Not an integer in range.
    """
    if isinstance(value, bool):
        raise ValidationError("revisions.number_invalid", field=field, low=low, high=high)
    if isinstance(value, str):
        text = value.strip()
        if not (text.lstrip("-").isascii() and text.lstrip("-").isdigit()) or len(text) > 12:
            raise ValidationError("revisions.number_invalid", field=field, low=low, high=high)
        value = int(text)
    if not isinstance(value, int) or not low <= value <= high:
        raise ValidationError("revisions.number_invalid", field=field, low=low, high=high)
    return value


def clean_price(value: object, *, field: str, locale: str | None = None) -> int:
    """Return an amount typed in the reader's notation as cents (0 up to a billion euros).

    Args:
        value: Typed text, or cents as an int.
        field: The form field, for errors.
        locale: The reader's language (None: only amounts every language reads alike).

    Returns:
        Cents.

    Raises:
        ValidationError: Not an amount, ambiguous, negative or too large.
    """
    if isinstance(value, bool):
        raise ValidationError("form.amount_invalid", field=field)
    if isinstance(value, int):
        cents = value
    else:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError("form.amount_invalid", field=field)
        cents = read_cents(value, locale, field=field, invalid_key="form.amount_invalid")
    if cents < 0:
        raise ValidationError("form.amount_negative", field=field)
    if cents > MAX_PRICE_CENTS:
        raise ValidationError("form.amount_invalid", field=field)
    return cents


def clean_hours(value: object, *, field: str) -> int:
    """Return a duration typed in hours (``2``, ``1,5``, ``1.25``) as minutes.

    Args:
        value: Typed text.
        field: The form field, for errors.

    Returns:
        Minutes (rounded half up), 0 to 1000 hours.

    Raises:
        ValidationError: Not a duration in range.
    """
    text = str(value if isinstance(value, str | int) and not isinstance(value, bool) else "x")
    text = text.strip().replace(",", ".") or "0"
    try:
        hours = Decimal(text)
    except ArithmeticError as exc:
        raise ValidationError("revisions.hours_invalid", field=field) from exc
    if not hours.is_finite() or not 0 <= hours <= 1000:
        raise ValidationError("revisions.hours_invalid", field=field)
    return int((hours * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
