"""Small pieces of the revenue screens: basis badges, money rows, explanation lists."""

from __future__ import annotations

import reflex as rx

from collab_app.components.i18n import t
from collab_app.components.ui import coded_badge

# A rate's units: (value, message key), for the rate selects.
RATE_UNITS = [("day", "revenueui.per_day"), ("hour", "revenueui.per_hour")]


def basis_badge(basis: rx.Var) -> rx.Component:
    """A badge naming a line's basis (milestone, time, bonus, fixed).

    Args:
        basis: The basis code.

    Returns:
        The badge.
    """
    colors = {"bonus": "amber", "time": "blue", "fixed": "purple"}
    return coded_badge(
        "split.basis.", ("milestone", "time", "bonus", "fixed"), basis, colors, "green"
    )


def money_row(
    label: rx.Var | str, amount: rx.Var | str, id_: str = "", *, bold: bool = False
) -> rx.Component:
    """A label on the left, an amount on the right.

    Args:
        label: The label.
        amount: The formatted amount.
        id_: Element id of the amount (for tests and links).
        bold: Emphasize the row.

    Returns:
        The row.
    """
    weight = "bold" if bold else "regular"
    props = {"id": id_} if id_ else {}
    return rx.hstack(
        rx.text(label, weight=weight),
        rx.spacer(),
        rx.text(amount, weight=weight, class_name="money", **props),
        width="100%",
        align="center",
    )


def sentence_list(sentences: rx.Var) -> rx.Component:
    """An explanation: one sentence per line.

    Args:
        sentences: A list Var of strings.

    Returns:
        The list.
    """
    return rx.el.ul(
        rx.foreach(sentences, lambda s: rx.el.li(rx.text(s, size="2"))),
        class_name="explanation",
    )


def kind_label(kind: rx.Var) -> rx.Component:
    """The name of a kind of time.

    Args:
        kind: ``production`` or ``management``.

    Returns:
        The text.
    """
    return rx.cond(kind == "management", t("revenue.kind_management"), t("revenue.kind_production"))
