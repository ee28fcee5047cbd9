"""Reading untrusted form payloads: any client can send any arguments to any handler."""

from __future__ import annotations

from typing import Any

from collab_app.services import projects

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


def project_form_input(form_data: Any, locale: str | None = None) -> projects.ProjectInput:
    """Validate the project form (new project and project settings share it).

    Args:
        form_data: What the client sent as the form's data.
        locale: The reader's language, for the quote.

    Returns:
        The validated input.

    Raises:
        ValidationError: A field is invalid (the error names the field).
    """
    return projects.validate_input(
        name=form_text(form_data, "name"),
        client_name=form_text(form_data, "client_name"),
        start_date=form_text(form_data, "start_date"),
        quote=form_text(form_data, "quote"),
        included_rounds=form_text(form_data, "included_rounds"),
        billing_model=form_text(form_data, "billing_model"),
        locale=locale,
    )
