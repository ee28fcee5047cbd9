"""The arithmetic of a (partial) credit note: what is credited, and who gives back what.

Pure functions over what remains uncredited on an issued invoice (no database, no float):

1. :func:`choose_amounts` turns the manager's choice (some lines, each whole or for an amount,
   and/or one amount spread over the chosen lines) into cents per line, never more than what
   remains on each line;
2. :func:`plan_credit` divides each line's credited amount between the members and the
   collective fee in proportion to what each still holds on that line, with the split engine's
   largest-remainder rule and its seeded tie-break (seed: the credit note's number and the
   line). So, on every line, the members' parts plus the fee part equal the credited amount to
   the cent, nobody gives back more than they still hold, and crediting everything that remains
   gives back exactly each remaining share;
3. VAT is recomputed per member share at the share's frozen rate, cumulatively: after any
   number of credit notes, the VAT credited on a share is the VAT of everything credited on it
   (rounded half up as at issue time), so crediting a whole invoice in several notes gives back
   exactly its VAT.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from collab_app.i18n import format_money
from collab_app.services.billing.split import parse_amount
from collab_app.services.billing.split_engine import VAT_EXEMPT_MENTION
from collab_app.services.billing.split_engine.allocate import (
    largest_remainder,
    member_key,
    tie_seed,
)
from collab_app.services.errors import ValidationError
from collab_app.services.shared_views import view_from

FEE = 0  # key of the collective fee among the parts of a line (user ids start at 1)


@dataclass(frozen=True, slots=True)
class LineLeft:
    """What remains uncredited on one line of an issued invoice."""

    key: str
    label: str
    basis: str
    position: int
    params_json: str
    amount_cents: int
    remaining_cents: int
    parts: dict[int, int] = field(default_factory=dict)  # user id (or FEE) -> cents remaining


@dataclass(frozen=True, slots=True)
class ShareLeft:
    """A member's frozen VAT status and what was credited on their share so far."""

    user_id: int
    name: str
    rate_bp: int | None
    credited_base_cents: int
    credited_vat_cents: int


@dataclass(frozen=True, slots=True)
class CreditedPart:
    """What one member (or the fee) gives back on one line."""

    key: str
    label: str
    basis: str
    line_credit_cents: int
    line_remaining_cents: int
    held_cents: int
    exact_cents: Decimal
    cents: int
    rounding_cent: bool


@dataclass(frozen=True, slots=True)
class MemberCredit:
    """A member's part of the credit note, with its VAT."""

    user_id: int
    name: str
    base_cents: int
    rate_bp: int | None
    vat_cents: int
    parts: tuple[CreditedPart, ...]


@dataclass(frozen=True, slots=True)
class CreditPlan:
    """Everything a credit note holds, in positive cents (the note stores them negated)."""

    lines: tuple[tuple[LineLeft, int, int], ...]  # (line, credited, fee part)
    members: tuple[MemberCredit, ...]
    fee_cents: int
    fee_vat_cents: int
    by_rate: tuple[tuple[int | None, int, int], ...]  # (rate, base, vat), exempt last
    total_before_tax_cents: int
    total_vat_cents: int
    mentions: tuple[str, ...]


def vat_of(base_cents: int, rate_bp: int | None) -> int:
    """Return the VAT of a share, rounded half up to the cent (as at issue time).

    Args:
        base_cents: Share before tax (>= 0).
        rate_bp: Rate in basis points, None when exempt.

    Returns:
        VAT cents.
    """
    if rate_bp is None:
        return 0
    return (2 * base_cents * rate_bp + 10_000) // 20_000


def choose_amounts(
    lines: tuple[LineLeft, ...],
    chosen: Mapping[str, object] | None,
    amount: object,
    locale: str = "en",
) -> dict[str, int]:
    """Turn the manager's choice into credited cents per line.

    Args:
        lines: What remains on each line.
        chosen: Line key -> typed amount ("" = all that remains on it); None with no
            ``amount``: every line, whole (an empty mapping with no amount is refused).
        amount: One amount spread over the chosen lines (every line when none is chosen) in
            proportion to what remains on them; lines then take no amount of their own.
        locale: For the amount named in an error.

    Returns:
        Line key -> cents (> 0), in line order.

    Raises:
        ValidationError: Unknown line, bad or zero amount, or more than what remains.
    """
    by_key = {line.key: line for line in lines}
    chosen_given = chosen is not None
    chosen = dict(chosen or {})
    for key in chosen:
        if not isinstance(key, str) or key not in by_key:
            raise ValidationError("revenue.credit_unknown_line")
    total = parse_amount(amount, field_name="credit_amount", locale=locale)
    if chosen_given and not chosen and total is None:
        raise ValidationError("revenue.credit_nothing_left")
    picked = [line for line in lines if line.key in chosen] or list(lines)
    result: dict[str, int] = {}
    if total is not None:
        if any(str(chosen[key] or "").strip() for key in chosen):
            raise ValidationError("revenue.credit_amount_or_lines", field="credit_amount")
        left = sum(line.remaining_cents for line in picked)
        _check_cents(total, left, "credit_amount", "", locale)
        weights = [line.remaining_cents for line in picked]
        cents, _, _ = largest_remainder(total, weights, 0)
        result = {line.key: c for line, c in zip(picked, cents, strict=True) if c}
    else:
        for line in picked:
            typed = parse_amount(
                chosen.get(line.key), field_name=f"credit_{line.key}", locale=locale
            )
            cents = line.remaining_cents if typed is None else typed
            if typed is None and not cents:
                continue  # nothing left on this line
            _check_cents(cents, line.remaining_cents, f"credit_{line.key}", line.label, locale)
            result[line.key] = cents
    if not result:
        raise ValidationError("revenue.credit_nothing_left")
    return result


def _check_cents(cents: int, left: int, field_name: str, label: str, locale: str) -> None:
    if cents <= 0:
        raise ValidationError("revenue.credit_amount_zero", field=field_name)
    if cents > left:
        raise ValidationError(
            "revenue.credit_too_much",
            field=field_name,
            line=label,
            left=format_money(left, locale),
        )


def plan_credit(
    lines: tuple[LineLeft, ...],
    amounts: Mapping[str, int],
    shares: Mapping[int, ShareLeft],
    *,
    number: str,
    fee_rate_bp: int | None,
    fee_credited_base_cents: int,
    fee_credited_vat_cents: int,
) -> CreditPlan:
    """Divide credited amounts between members and the fee, then recompute VAT.

    Args:
        lines: What remains on each line.
        amounts: Credited cents per line (from :func:`choose_amounts`).
        shares: Each member's VAT status and previous credits.
        number: The credit note's number (tie-break seed).
        fee_rate_bp: The frozen VAT rate of the collective fee (None: exempt or no fee).
        fee_credited_base_cents: Fee credited by earlier credit notes.
        fee_credited_vat_cents: VAT on the fee credited by earlier credit notes.

    Returns:
        The plan.
    """
    per_member: dict[int, list[CreditedPart]] = {}
    planned: list[tuple[LineLeft, int, int]] = []
    fee_total = 0
    for line in lines:
        credit = amounts.get(line.key, 0)
        if not credit:
            continue
        holders = sorted((k for k in line.parts if k != FEE), key=member_key)
        order = [*holders, FEE]
        weights = [line.parts.get(k, 0) for k in order]
        cents, extra, exact = largest_remainder(credit, weights, tie_seed(number, line.key))
        fee_part = cents[-1]
        fee_total += fee_part
        planned.append((line, credit, fee_part))
        for index, uid in enumerate(holders):
            if not cents[index]:
                continue
            per_member.setdefault(uid, []).append(
                view_from(
                    CreditedPart,
                    line,
                    line_credit_cents=credit,
                    line_remaining_cents=line.remaining_cents,
                    held_cents=weights[index],
                    exact_cents=exact[index],
                    cents=cents[index],
                    rounding_cent=extra[index],
                )
            )
    members = []
    for uid in sorted(per_member, key=member_key):
        parts = tuple(per_member[uid])
        share = shares.get(uid) or ShareLeft(uid, "", None, 0, 0)
        base = sum(p.cents for p in parts)
        vat = vat_of(share.credited_base_cents + base, share.rate_bp) - share.credited_vat_cents
        members.append(MemberCredit(uid, share.name, base, share.rate_bp, vat, parts))
    fee_vat = 0
    if fee_total:
        fee_vat = vat_of(fee_credited_base_cents + fee_total, fee_rate_bp) - fee_credited_vat_cents
    rates: dict[int | None, tuple[int, int]] = {}
    every = [(m.rate_bp, m.base_cents, m.vat_cents) for m in members]
    if fee_total:
        every.append((fee_rate_bp, fee_total, fee_vat))
    for rate, base, vat in every:
        old_base, old_vat = rates.get(rate, (0, 0))
        rates[rate] = (old_base + base, old_vat + vat)
    by_rate = tuple(
        (rate, base, vat)
        for rate, (base, vat) in sorted(rates.items(), key=lambda i: (i[0] is None, i[0] or 0))
    )
    before = sum(credit for _, credit, _ in planned)
    vat_total = sum(vat for _, _, vat in every)
    return CreditPlan(
        lines=tuple(planned),
        members=tuple(members),
        fee_cents=fee_total,
        fee_vat_cents=fee_vat,
        by_rate=by_rate,
        total_before_tax_cents=before,
        total_vat_cents=vat_total,
        mentions=(VAT_EXEMPT_MENTION,) if None in rates and rates[None][0] else (),
    )
