"""Frozen splits: a member's split stored on its ``InvoiceShare`` and explained years later.

A :class:`~collab_app.services.billing.split_engine.MemberSplit` is stored as JSON on its share
(:func:`member_to_json`) and read back (:func:`member_from_json`) to write its explanation in the
reader's language (:mod:`collab_app.services.billing.presenter.explanations`), without touching
time or rates again.
"""

from __future__ import annotations

import json
from decimal import Decimal

from collab_app.services.billing.split_engine import (
    Basis,
    FixedOrigin,
    LineExplanation,
    MemberSplit,
    Method,
)


def member_to_json(member: MemberSplit) -> str:
    """Serialize a member's split (for ``InvoiceShare.detail_json``).

    Args:
        member: From the split result.

    Returns:
        JSON text.
    """
    return json.dumps(
        {
            "member_id": member.member_id,
            "name": member.name,
            "total_cents": member.total_cents,
            "lines": [_explanation_to_dict(line) for line in member.lines],
        },
        ensure_ascii=False,
    )


def _explanation_to_dict(line: LineExplanation) -> dict[str, object]:
    return {
        "line_id": line.line_id,
        "label": line.label,
        "basis": line.basis.value,
        "method": line.method.value,
        "origin": line.origin.value if line.origin else None,
        "line_amount_cents": line.line_amount_cents,
        "fee_cents": line.fee_cents,
        "distributable_cents": line.distributable_cents,
        "quantity": str(line.quantity),
        "quantity_total": str(line.quantity_total),
        "minutes": line.minutes,
        "management_minutes": line.management_minutes,
        "exact_cents": str(line.exact_cents),
        "cents": line.cents,
        "rounding_cent": line.rounding_cent,
    }


def member_from_json(text: str) -> MemberSplit:
    """Read back a member's split stored by :func:`member_to_json`.

    Args:
        text: JSON text.

    Returns:
        The member split.
    """
    data = json.loads(text or "{}")
    lines = tuple(
        LineExplanation(
            line_id=d["line_id"],
            label=d["label"],
            basis=Basis(d["basis"]),
            method=Method(d["method"]),
            origin=FixedOrigin(d["origin"]) if d.get("origin") else None,
            line_amount_cents=int(d["line_amount_cents"]),
            fee_cents=int(d["fee_cents"]),
            distributable_cents=int(d["distributable_cents"]),
            quantity=Decimal(d["quantity"]),
            quantity_total=Decimal(d["quantity_total"]),
            minutes=int(d["minutes"]),
            management_minutes=int(d["management_minutes"]),
            exact_cents=Decimal(d["exact_cents"]),
            cents=int(d["cents"]),
            rounding_cent=bool(d["rounding_cent"]),
        )
        for d in data.get("lines", [])
    )
    return MemberSplit(
        member_id=data.get("member_id", 0),
        name=data.get("name", ""),
        total_cents=int(data.get("total_cents", 0)),
        lines=lines,
    )
