"""Translated text in components: both languages are compiled in and the state's ``lang`` picks."""

from __future__ import annotations

import re

import reflex as rx

from collab_app.i18n import catalogue
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


def _fill(template: str, params: dict[str, rx.Var | str | int]) -> rx.Var:
    out: rx.Var = rx.Var.create("")
    for i, part in enumerate(re.split(r"{(\w+)}", template)):
        if i % 2:
            value = rx.Var.create(params[part])
            # Text goes in as it is; numbers are written out (to_string would quote text).
            out = out + (value.to(str) if value._var_type is str else value.to_string())
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
