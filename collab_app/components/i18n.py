"""Translated text in components: both languages are compiled in and the state's ``lang`` picks."""

from __future__ import annotations

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
