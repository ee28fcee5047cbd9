"""Pieces of the outbox lists (the collective's and a project's)."""

from __future__ import annotations

import reflex as rx

from collab_app.components.i18n import t
from collab_app.services.mail.outbox import KINDS


def outbox_kind(kind: rx.Var) -> rx.Var:
    """The translated name of a kind of outgoing mail (never the raw kind).

    Args:
        kind: One of ``services.outbox.KINDS``.

    Returns:
        The label.
    """
    return rx.match(kind, *[(k, t(f"outbox.kind.{k}")) for k in KINDS], t("outbox.kind_other"))
