"""What the client types into the revision forms: texts, choices, whole numbers, a price seen.

Every function takes what the client sent (any type, any size) and returns a clean value or
raises ``ValidationError`` with the form field. Links are cleaned with the requests that carry
them, amounts and hours with the terms.
"""

from __future__ import annotations

import unicodedata

from collab_app.services.errors import ValidationError

TEXT_MAX = 5_000
REASON_MAX = 1_000


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


def expected_cents(value: object) -> int | None:
    """Read back the price a page showed and the client confirms (cents), or None.

    Args:
        value: What the client sent: cents as an int or digits.

    Returns:
        The cents, or None for anything else (which then never equals a price).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 15:
        return int(value)
    return None
