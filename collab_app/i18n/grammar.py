"""French grammar the catalogue cannot hold alone: "de" before a name starting with a vowel.

"Avis de tous les projets d'Atelier Nord", not "de Atelier Nord": the elision depends on the
name, which is only known when the text is written.
"""

from __future__ import annotations

import re

from collab_app.i18n import normalize_locale, translate

# "de" then a word starting with a vowel ("h" and "y" vary by word: left as they are).
_DE_BEFORE_VOWEL = re.compile(r"\b([Dd])e (?=[AEIOUÀÂÄÆÉÈÊËÎÏÔŒÙÛÜaeiouàâäæéèêëîïôœùûü])")


def elide(text: str, locale: str | None) -> str:
    """In French, write "de" as "d'" before a vowel: ``de Atelier Nord`` -> ``d'Atelier Nord``.

    Args:
        text: A text in ``locale``.
        locale: ``en`` (unchanged) or ``fr``.

    Returns:
        The text with the elisions made.
    """
    if normalize_locale(locale) != "fr":
        return text
    return _DE_BEFORE_VOWEL.sub(lambda m: f"{m.group(1)}'", text)


def of_name(name: str, locale: str | None) -> str:
    """``of Atelier Nord`` / ``d'Atelier Nord`` (``de Studio B``): a name as a complement.

    Args:
        name: A collective's, project's or person's name.
        locale: ``en`` or ``fr``.

    Returns:
        The text.
    """
    return elide(translate("common.of_name", locale, name=name), locale)
