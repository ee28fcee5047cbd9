"""Why a member gets their amount: the sentences under each share of an invoice or credit note.

A full explanation names every figure of the split (:func:`describe_member`); a guest's
(``private``) names only their own quantity and amount; a credit note's share says per line what
was credited and what the member gives back.
"""

from __future__ import annotations

import json

from collab_app.i18n import format_money, translate
from collab_app.services.billing.snapshots import member_from_json
from collab_app.services.billing.split_engine import MemberSplit, Method
from collab_app.services.billing.split_engine.explain import (
    basis_label,
    describe_member,
    format_minutes,
    format_number,
    member_total,
)


def describe_private(member: MemberSplit, locale: str | None) -> tuple[str, ...]:
    """Explain a member's amount without any other money figure (for guests).

    Each sentence names the line, its basis, the member's own quantity (share, hours, weight)
    and what they are paid; neither the line's amount nor anyone else's figures appear.

    Args:
        member: The member's split.
        locale: ``en`` or ``fr``.

    Returns:
        The sentences, then the total.
    """
    sentences = []
    for line in member.lines:
        params: dict[str, object] = {
            "line": line.label,
            "basis": basis_label(line.basis, locale),
            "amount": format_money(line.cents, locale),
        }
        if line.method == Method.SHARES:
            params["share"] = format_number(line.quantity, locale)
        elif line.method == Method.WEIGHTS:
            params["weight"] = format_number(line.quantity, locale)
            params["total_weight"] = format_number(line.quantity_total, locale)
        else:
            params["hours"] = format_minutes(line.minutes + line.management_minutes)
        sentences.append(
            translate(f"revenue.explain_private.{line.method.value}", locale, **params)
        )
    return (*sentences, member_total(member, locale))


def describe_share(detail_json: str, locale: str | None, *, private: bool) -> tuple[str, ...]:
    """Explain a frozen share: an invoice's (the split's reasons) or a credit note's.

    A credit note's share says, per line, what was credited, what the member still held on
    it and what they give back (guests: only what they give back).

    Args:
        detail_json: ``InvoiceShare.detail_json``.
        locale: ``en`` or ``fr``.
        private: Leave out every other money figure (guests).

    Returns:
        The sentences, then the total.
    """
    member = member_from_json(detail_json)
    if not json.loads(detail_json or "{}").get("credit"):
        if private:
            return describe_private(member, locale)
        return describe_member(member, locale)
    money = lambda cents: format_money(cents, locale)  # noqa: E731
    sentences = []
    for line in member.lines:
        if private:
            text = translate(
                "revenue.credit_explain_private", locale, line=line.label, amount=money(line.cents)
            )
        else:
            text = translate(
                "revenue.credit_explain",
                locale,
                line=line.label,
                credited=money(-line.line_amount_cents),
                remaining=money(int(line.quantity_total)),
                held=money(int(line.quantity)),
                amount=money(line.cents),
            )
            if line.rounding_cent:
                text = f"{text} ({translate('split.explain.rounding_cent', locale)})"
        sentences.append(text)
    return (*sentences, member_total(member, locale))
