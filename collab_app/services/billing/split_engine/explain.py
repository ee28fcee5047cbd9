"""Human-readable explanations of a split, in English or French."""

from __future__ import annotations

from decimal import Decimal

from collab_app import i18n
from collab_app.i18n import format_money, translate
from collab_app.services.billing.split_engine.model import (
    Basis,
    LineExplanation,
    LineSplit,
    MemberSplit,
    Method,
    SplitResult,
)


def basis_label(basis: Basis, locale: str | None) -> str:
    """Return the translated name of a billing basis.

    Args:
        basis: milestone, time, bonus or fixed.
        locale: ``en`` or ``fr``.

    Returns:
        e.g. ``Milestone`` / ``Jalon``.
    """
    return translate(f"split.basis.{basis.value}", locale)


def format_number(value: Decimal, locale: str | None) -> str:
    """Format a decimal quantity for a locale (``33.5`` / ``33,5``), with Babel.

    Args:
        value: The quantity.
        locale: ``en`` or ``fr``.

    Returns:
        The text.
    """
    return i18n.format_number(value, locale)


def format_exact_money(exact_cents: Decimal, locale: str | None) -> str:
    """Format an exact amount of cents as money, keeping every significant decimal.

    Args:
        exact_cents: Exact cents, e.g. ``Decimal("33333.333333")``.
        locale: ``en`` or ``fr``.

    Returns:
        e.g. ``€333.33333333`` or ``333,33333333 €``.
    """
    return i18n.format_exact_money(exact_cents, locale)


def format_minutes(minutes: int) -> str:
    """Format a duration as ``12 h 05``.

    Args:
        minutes: Whole minutes.

    Returns:
        The text, same in both languages.
    """
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}"


def describe_line(explanation: LineExplanation, locale: str | None) -> str:
    """Explain one member's amount on one line.

    Args:
        explanation: From ``MemberSplit.lines``.
        locale: ``en`` or ``fr``.

    Returns:
        One sentence, with the rounding cent noted when one was added.
    """
    basis = basis_label(explanation.basis, locale)
    if explanation.origin is not None:
        basis = f"{basis}, {translate(f'split.origin.{explanation.origin.value}', locale)}"
    params: dict[str, object] = {
        "line": explanation.label,
        "basis": basis,
        "distributable": format_money(explanation.distributable_cents, locale),
        "exact": format_exact_money(explanation.exact_cents, locale),
        "amount": format_money(explanation.cents, locale),
    }
    method = explanation.method
    if method == Method.SHARES:
        params["share"] = format_number(explanation.quantity, locale)
    elif method == Method.TIME_SPENT:
        params["hours"] = format_minutes(int(explanation.quantity))
        params["total_hours"] = format_minutes(int(explanation.quantity_total))
    elif method == Method.TIME_RATE:
        params["hours"] = format_minutes(explanation.minutes + explanation.management_minutes)
        params["management"] = format_minutes(explanation.management_minutes)
        params["value"] = format_exact_money(explanation.quantity, locale)
        params["total_value"] = format_exact_money(explanation.quantity_total, locale)
    else:
        params["weight"] = format_number(explanation.quantity, locale)
        params["total_weight"] = format_number(explanation.quantity_total, locale)
    key = f"split.explain.{method.value}"
    if method == Method.TIME_RATE and explanation.management_minutes:
        key = "split.explain.time_rate_management"
    text = translate(key, locale, **params)
    if explanation.rounding_cent:
        text = f"{text} ({translate('split.explain.rounding_cent', locale)})"
    return text


def describe_member(member: MemberSplit, locale: str | None) -> tuple[str, ...]:
    """Explain a member's total: one sentence per line, then the total.

    Args:
        member: From ``SplitResult.members``.
        locale: ``en`` or ``fr``.

    Returns:
        The sentences.
    """
    return (*(describe_line(line, locale) for line in member.lines), member_total(member, locale))


def member_total(member: MemberSplit, locale: str | None) -> str:
    """Return the last sentence of every explanation of a member's amount: their total.

    Args:
        member: The member's split.
        locale: ``en`` or ``fr``.

    Returns:
        The sentence.
    """
    return translate(
        "split.explain.member_total",
        locale,
        member=member.name or str(member.member_id),
        amount=format_money(member.total_cents, locale),
    )


def describe_fee(result: SplitResult, locale: str | None) -> tuple[str, ...]:
    """Explain the collective fee: one sentence per line with a fee, then the total.

    Args:
        result: The split.
        locale: ``en`` or ``fr``.

    Returns:
        The sentences (just the total when the fee is zero).
    """
    fee = format_number(result.fee_percent, locale)
    lines = tuple(_describe_line_fee(line, fee, locale) for line in result.lines if line.fee_cents)
    total = translate(
        "split.explain.fee_total",
        locale,
        fee=fee,
        amount=format_money(result.collective_fee_cents, locale),
    )
    return (*lines, total)


def _describe_line_fee(line: LineSplit, fee: str, locale: str | None) -> str:
    return translate(
        "split.explain.fee_line",
        locale,
        line=line.label,
        fee=fee,
        amount=format_money(line.fee_cents, locale),
        line_amount=format_money(line.amount_cents, locale),
    )
