"""Messages stored as a key and JSON parameters (history lines, notifications), written out."""

from __future__ import annotations

import json

from collab_app.i18n import param_text, translate


def write_stored(key: str, params: str | None, locale: str, **fixed: str) -> str:
    """Write a stored message in a language.

    Args:
        key: The message key.
        params: Its JSON parameters as stored; malformed or not an object: none.
        locale: ``en`` or ``fr``.
        **fixed: Parameters known by the caller (the actor's name, the task's title…).

    Returns:
        The sentence, each stored parameter written by ``i18n.param_text``.
    """
    try:
        values = json.loads(params or "{}")
    except ValueError:
        values = {}
    if not isinstance(values, dict):
        values = {}
    texts = {str(k): param_text(v, locale) for k, v in values.items()}
    return translate(key, locale, **fixed, **texts)
