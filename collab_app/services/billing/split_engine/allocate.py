"""Exact arithmetic: number checks, largest-remainder allocation and the tie-break seed.

Quantities become :class:`fractions.Fraction` (exact rationals built from ``int``/``Decimal``),
then integer weights over a common denominator, so every comparison below is between
integers: no rounding happens before the final floor, and no ``float`` is ever involved.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from collab_app.services.billing.split_engine.errors import (
    AmountTooLarge,
    InvalidNumber,
    NegativeAmount,
    TooPrecise,
)
from collab_app.services.billing.split_engine.model import (
    EXACT_PLACES,
    MAX_DECIMAL_PLACES,
    MemberId,
)


def tie_seed(invoice_number: str, line_id: str) -> int:
    """Return the tie-break seed of a line: the first 8 bytes of a SHA-256, big-endian.

    Args:
        invoice_number: Invoice number (or draft key).
        line_id: Line id.

    Returns:
        A non-negative integer below 2**64.
    """
    text = f"{invoice_number}\x1f{line_id}"
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    return int.from_bytes(digest[:8], "big")


def member_key(member_id: MemberId) -> tuple[int, int, str]:
    """Canonical sort key of a member id: integers first (numerically), then strings.

    Args:
        member_id: An ``int`` or ``str`` id.

    Returns:
        A key that totally orders mixed ids.
    """
    if isinstance(member_id, int):
        return (0, member_id, "")
    return (1, 0, member_id)


def to_fraction(
    value: object,
    *,
    field: str,
    line: str = "",
    member: str = "",
    maximum: int,
    places: int = MAX_DECIMAL_PLACES,
    integer: bool = False,
) -> Fraction:
    """Check a quantity and return it as an exact fraction.

    Args:
        value: ``int`` or finite ``Decimal`` (``bool``, ``float`` and ``str`` are refused).
        field: Input field named in errors.
        line: Line id named in errors.
        member: Member id named in errors.
        maximum: Largest accepted value.
        places: Most decimal places accepted.
        integer: Only whole numbers are accepted.

    Returns:
        The exact value.

    Raises:
        InvalidNumber: Wrong type, not finite, or not whole when ``integer``.
        NegativeAmount: Below zero.
        AmountTooLarge: Above ``maximum``.
        TooPrecise: More than ``places`` decimal places.
    """
    params = {"name": field, "line": line, "member": member}
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InvalidNumber(field=field, **params)
    if isinstance(value, Decimal) and not value.is_finite():
        raise InvalidNumber(field=field, **params)
    if value < 0:
        raise NegativeAmount(field=field, **params)
    if value > maximum:
        raise AmountTooLarge(field=field, maximum=maximum, **params)
    if isinstance(value, int):
        return Fraction(value)
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -(places + 40):
        raise TooPrecise(field=field, places=places, **params)
    exact = Fraction(value)
    if integer and exact.denominator != 1:
        raise InvalidNumber(field=field, **params)
    if (10**places) % exact.denominator:
        raise TooPrecise(field=field, places=places, **params)
    return exact


def round_half_up(value: Fraction) -> int:
    """Round a non-negative fraction to the nearest integer, halves up.

    Args:
        value: A fraction >= 0.

    Returns:
        The rounded integer.
    """
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def to_decimal(value: Fraction, places: int = EXACT_PLACES) -> Decimal:
    """Return a fraction as a ``Decimal`` with ``places`` decimals, rounded half-even.

    Exact whenever the fraction has a terminating expansion within ``places`` decimals.

    Args:
        value: A fraction >= 0.
        places: Decimal places kept.

    Returns:
        The decimal value.
    """
    return ratio_to_decimal(value.numerator, value.denominator, places)


def plain_decimal(value: Fraction, places: int = EXACT_PLACES) -> Decimal:
    """Return a fraction as a ``Decimal`` without trailing zeros nor exponent notation.

    Args:
        value: A fraction >= 0.
        places: Most decimal places kept (half-even beyond).

    Returns:
        e.g. ``Decimal("12.5")``, ``Decimal("600")``.
    """
    if value.denominator == 1:
        return Decimal(value.numerator)
    rounded = ratio_to_decimal(value.numerator, value.denominator, places)
    integral = rounded.to_integral_value()
    return integral.quantize(Decimal(1)) if rounded == integral else rounded.normalize()


def ratio_to_decimal(numerator: int, denominator: int, places: int = EXACT_PLACES) -> Decimal:
    """Return ``numerator / denominator`` as a ``Decimal`` with ``places`` decimals (half-even).

    Args:
        numerator: Integer >= 0.
        denominator: Integer > 0.
        places: Decimal places kept.

    Returns:
        The decimal value.
    """
    quotient, remainder = divmod(numerator * 10**places, denominator)
    doubled = 2 * remainder
    if doubled > denominator or (doubled == denominator and quotient % 2):
        quotient += 1
    return Decimal(f"{quotient}E-{places}")


def exact_sum(values: Sequence[Fraction]) -> Fraction:
    """Add fractions exactly over their common denominator (one normalisation, not one per term).

    Args:
        values: Fractions.

    Returns:
        Their exact sum.
    """
    if not values:
        return Fraction(0)
    common = math.lcm(*(value.denominator for value in values))
    return Fraction(sum(v.numerator * (common // v.denominator) for v in values), common)


def integer_weights(weights: Sequence[Fraction]) -> list[int]:
    """Scale exact weights to integers with the same proportions.

    Args:
        weights: Non-negative fractions.

    Returns:
        Integers ``w * lcm(denominators)``.
    """
    common = math.lcm(*(weight.denominator for weight in weights)) if weights else 1
    return [weight.numerator * (common // weight.denominator) for weight in weights]


def largest_remainder(
    total: int, weights: Sequence[int], seed: int
) -> tuple[list[int], list[bool], list[Decimal]]:
    """Divide ``total`` cents in proportion to integer ``weights`` (largest-remainder method).

    Each exact share ``total * w / W`` is floored; the leftover cents (fewer than the number
    of members with a non-zero remainder) go one each to the largest remainders. Members with
    equal remainders who cannot all get a cent are taken in their given order rotated left by
    ``seed % len(group)``. Callers pass weights in canonical member order.

    Args:
        total: Cents to divide (>= 0).
        weights: Non-negative integer weights; their sum must be > 0 unless ``total`` is 0.
        seed: Tie-break seed.

    Returns:
        ``(cents, rounding_cent, exact_cents)``, aligned with ``weights``.
    """
    count = len(weights)
    weight_sum = sum(weights)
    if total == 0 or weight_sum == 0:
        return [0] * count, [False] * count, [Decimal(0)] * count
    floors: list[int] = []
    remainders: list[int] = []
    exact: list[Decimal] = []
    for weight in weights:
        numerator = total * weight
        quotient, remainder = divmod(numerator, weight_sum)
        floors.append(quotient)
        remainders.append(remainder)
        exact.append(ratio_to_decimal(numerator, weight_sum))
    extra = [False] * count
    leftover = total - sum(floors)
    order = sorted(range(count), key=lambda index: -remainders[index])
    start = 0
    while leftover > 0:
        end = start
        while end < count and remainders[order[end]] == remainders[order[start]]:
            end += 1
        group = order[start:end]
        if len(group) > leftover:
            shift = seed % len(group)
            group = group[shift:] + group[:shift]
        for index in group[:leftover]:
            extra[index] = True
        leftover -= min(leftover, len(group))
        start = end
    cents = [floor + 1 if bonus else floor for floor, bonus in zip(floors, extra, strict=True)]
    return cents, extra, exact
