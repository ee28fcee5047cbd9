"""Translated text in components: both languages are compiled in and the state's ``lang`` picks."""

from __future__ import annotations

import re

import reflex as rx

from collab_app.i18n import catalogue
from collab_app.reflex_adapter import holds_text
from collab_app.state.session import SessionState


def t(key: str) -> rx.Var:
    """Return a Var holding the message in the tab's current language.

    Args:
        key: Message key; an unknown key fails at compile time, not in front of a user.

    Returns:
        A string Var.
    """
    english, french = catalogue()[key]
    return rx.cond(SessionState.lang == "fr", french, english)


def colon() -> rx.Var:
    """The colon after a label, with French typography: ``Reason: `` / ``Motif : ``.

    Returns:
        A string Var.
    """
    return t("common.colon")


def _fill(template: str, params: dict[str, rx.Var | str | int]) -> rx.Var:
    out: rx.Var = rx.Var.create("")
    for i, part in enumerate(re.split(r"{(\w+)}", template)):
        if i % 2:
            value = rx.Var.create(params[part])
            # Text goes in as it is; numbers are written out (to_string would quote text).
            out = out + (value.to(str) if holds_text(value) else value.to_string())
        elif part:
            out = out + part
    return out


def tf(key: str, **params: rx.Var | str | int) -> rx.Var:
    """Translated text with its ``{placeholders}`` filled from Vars, in the tab's language.

    Args:
        key: Message key (unknown keys fail at compile time).
        **params: A value for each placeholder.

    Returns:
        A string Var.
    """
    english, french = catalogue()[key]
    return rx.cond(SessionState.lang == "fr", _fill(french, params), _fill(english, params))


def tfn(key: str, count: rx.Var | int, **params: rx.Var | str | int) -> rx.Var:
    """A counted message (``<key>.one`` / ``<key>.other``) in the tab's language, real plural.

    French takes the singular for 0 and 1, English for 1 only (see ``collab_app.i18n.plurals``).
    ``count`` also fills ``{n}`` unless another value is given.

    Args:
        key: Message key without its ending.
        count: The number (a Var or an int).
        **params: Values of the other placeholders.

    Returns:
        A string Var.
    """
    number = rx.Var.create(count)
    params.setdefault("n", number)
    en_one, fr_one = catalogue()[f"{key}.one"]
    en_other, fr_other = catalogue()[f"{key}.other"]
    french = rx.cond((number < 2) & (number > -2), _fill(fr_one, params), _fill(fr_other, params))
    english = rx.cond(
        (number == 1) | (number == -1), _fill(en_one, params), _fill(en_other, params)
    )
    return rx.cond(SessionState.lang == "fr", french, english)
