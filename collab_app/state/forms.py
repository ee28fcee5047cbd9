"""Reading untrusted form payloads: any client can send any arguments to any handler."""

from __future__ import annotations

from typing import Any

# Far above any legitimate field; services apply the real per-field limits.
MAX_FIELD_CHARS = 50_000


def form_text(form_data: Any, key: str) -> str:
    """Return a form field as a string, or "" when the payload is not what a form sends.

    Args:
        form_data: What the client sent as the form's data.
        key: Field name.

    Returns:
        The string value (never None); oversized values are cut to a bound the services reject.
    """
    if not isinstance(form_data, dict):
        return ""
    value = form_data.get(key, "")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return str(value)[:MAX_FIELD_CHARS]
