"""Reading typed amounts in the reader's language, with field-by-field messages.

:func:`collab_app.i18n.parse_money` reads the text with Babel in the reader's locale; this
module turns its refusals into :class:`~collab_app.services.errors.ValidationError` for one form
field: an ambiguous amount (``12,500`` where the language is unknown, ``12.500`` in French) gets
``amount.ambiguous``, which says how to write it; anything else the caller's own key.
"""

from __future__ import annotations

from collab_app.i18n import AmountError, parse_money
from collab_app.services.errors import ValidationError


def read_cents(
    text: object, locale: str | None, *, field: str, invalid_key: str, **params: object
) -> int:
    """Return a typed amount in cents, read the way the reader writes numbers.

    Args:
        text: What was typed (a str; anything else is invalid).
        locale: The reader's language (``en``, ``fr``), or None when unknown.
        field: The form field named in the error.
        invalid_key: Message key for an amount that cannot be read.
        **params: Parameters of that message.

    Returns:
        Cents (may be negative: callers decide what they accept).

    Raises:
        ValidationError: ``amount.ambiguous`` or ``invalid_key``, for ``field``.
    """
    if not isinstance(text, str):
        raise ValidationError(invalid_key, field=field, **params)
    try:
        return parse_money(text, locale)
    except AmountError as error:
        if error.ambiguous:
            raise ValidationError(
                "amount.ambiguous", field=field, text=text.strip()[:20]
            ) from error
        raise ValidationError(invalid_key, field=field, **params) from error
