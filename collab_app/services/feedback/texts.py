"""What people type into feedback's forms: free texts (answers, call outcomes, actions), numbers."""

from __future__ import annotations

import unicodedata

from collab_app.services.errors import ValidationError

MAX_TEXT = 1000


def whole_number(raw: object, digits: int) -> int | None:
    """Read a whole number a form sent: an int, or ASCII digits as text.

    Args:
        raw: What the form sent (a bool is not a number).
        digits: At most this many leading digits are read (huge inputs stay cheap).

    Returns:
        The number, or None when ``raw`` is not one.
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    text = raw.strip() if isinstance(raw, str) else ""
    if text and text.isascii() and text.isdigit():
        return int(text[:digits])
    return None


def clean_text(raw: object, field: str) -> str:
    """Return a text field without control characters, trimmed, at most 1,000 characters.

    Args:
        raw: What the form sent (None is empty).
        field: Form field for errors.

    Returns:
        The cleaned text, with line ends normalized to a line feed.

    Raises:
        ValidationError: Not text, or too long.
    """
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise ValidationError("feedback.text_invalid", field=field)
    kept = "".join(
        ch
        for ch in raw.replace("\r\n", "\n").replace("\r", "\n")
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    ).strip()
    if len(kept) > MAX_TEXT:
        raise ValidationError("feedback.text_too_long", field=field, max=MAX_TEXT)
    return kept
