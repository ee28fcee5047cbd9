"""What the client invoice's legal VAT breakdown gives away about the internal split.

French invoices must show the taxable base of each VAT rate (CGI art. 242 nonies A), and the
client invoice does: one "VAT x % on base" row per rate, and the exempt base under the mention
"TVA non applicable, art. 293 B du CGI". Member names and per-member amounts never appear on
it. But when a rate's base comes from a single member's share (typically the one VAT-exempt
micro-entrepreneur of the invoice), that row *is* their share. We keep the legal breakdown and
warn the manager before issuing, naming who is concerned, so they issue knowingly.

No disclosure is reported when a single person is paid on the whole invoice (the total already
says it) or when the collective fee shares the rate (the base is then a sum).
"""

from __future__ import annotations

from collections.abc import Mapping

from collab_app.services.billing.split_engine.vat import VatSummary


def revealed_members(vat: VatSummary) -> tuple[int, ...]:
    """Return the members whose share alone makes a VAT rate's base on the client invoice.

    Args:
        vat: The VAT summary of a split.

    Returns:
        Member ids, in the summary's order (empty when nothing is revealed).
    """
    contributors: dict[int | None, list[object]] = {}
    rows = [s for s in vat.shares if s.base_cents > 0]
    if vat.collective is not None and vat.collective.base_cents > 0:
        rows.append(vat.collective)
    if len(rows) < 2:
        return ()
    for row in rows:
        contributors.setdefault(row.rate_bp, []).append(row.member_id)
    revealed = []
    for row in rows:
        alone = contributors[row.rate_bp] == [row.member_id]
        if alone and row.member_id is not None:
            revealed.append(row.member_id)
    return tuple(revealed)


def revealed_names(vat: VatSummary, names: Mapping[int, str]) -> str:
    """Return the names of :func:`revealed_members`, comma separated (empty when none).

    Args:
        vat: The VAT summary of a split.
        names: Member id -> display name.

    Returns:
        e.g. ``Chloé Petit`` or ``Chloé Petit, Bruno Leroy``.
    """
    return ", ".join(names.get(uid, str(uid)) for uid in revealed_members(vat))
