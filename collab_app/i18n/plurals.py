"""Messages that depend on a count: real plurals instead of "day(s)".

A counted message has two keys, ``<key>.one`` and ``<key>.other``. French uses the singular for
0 and 1 ("0 jour ouvré", "1 jour ouvré", "3 jours ouvrés"), English only for 1 ("0 working
days", "1 working day").
"""

from __future__ import annotations

from collab_app.i18n import normalize_locale, translate


def is_singular(count: int, locale: str | None) -> bool:
    """Whether a count takes the singular form in a language.

    Args:
        count: The number.
        locale: ``en`` or ``fr``.

    Returns:
        True for the ``.one`` form.
    """
    if normalize_locale(locale) == "fr":
        return abs(count) < 2
    return abs(count) == 1


def translate_count(key: str, count: int, locale: str | None, **params: object) -> str:
    """Translate a counted message; ``count`` is also given to the text as ``{n}`` unless set.

    Args:
        key: The message key without its ``.one`` / ``.other`` ending.
        count: The number the text is about.
        locale: ``en`` or ``fr``.
        **params: Other placeholders.

    Returns:
        The text in the right form.
    """
    form = "one" if is_singular(count, locale) else "other"
    params.setdefault("n", count)
    return translate(f"{key}.{form}", locale, **params)
