"""The Net Promoter Score of feedback answers.

NPS: promoters answer 9-10, passives 8, detractors 0-6 (7 cannot be chosen);
``NPS = % promoters - % detractors``, from -100 to 100, rounded half away from zero to a whole
number, computed exactly (fractions, no float). No answers: ``None``, not 0.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class NpsSummary:
    """Counts and NPS of a set of scores; percentages are whole numbers, None if no answer."""

    total: int
    promoters: int
    passives: int
    detractors: int
    nps: int | None
    promoters_pct: int | None
    detractors_pct: int | None


def category_of(score: int) -> str:
    """Return ``promoter`` (9-10), ``passive`` (7-8) or ``detractor`` (0-6).

    Args:
        score: 0-10.

    Returns:
        The category.
    """
    if score >= 9:
        return "promoter"
    if score >= 7:
        return "passive"
    return "detractor"


def percent(part: int, whole: int) -> int:
    """Return a whole percentage, rounded half away from zero, computed exactly.

    Args:
        part: The part (may be negative, for the NPS).
        whole: The whole, not 0.

    Returns:
        The percentage.
    """
    value = Fraction(100 * part, whole)
    sign = -1 if value < 0 else 1
    return sign * int(abs(value) + Fraction(1, 2))


def nps_of(scores: Iterable[int]) -> NpsSummary:
    """Compute the NPS of some scores.

    Args:
        scores: Scores 0-10.

    Returns:
        The summary; ``nps`` is None when there are no scores.
    """
    counts = Counter(category_of(s) for s in scores)
    total = sum(counts.values())
    promoters, passives, detractors = counts["promoter"], counts["passive"], counts["detractor"]
    if not total:
        return NpsSummary(0, 0, 0, 0, None, None, None)
    return NpsSummary(
        total=total,
        promoters=promoters,
        passives=passives,
        detractors=detractors,
        nps=percent(promoters - detractors, total),
        promoters_pct=percent(promoters, total),
        detractors_pct=percent(detractors, total),
    )
