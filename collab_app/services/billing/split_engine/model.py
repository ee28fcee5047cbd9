"""Inputs and outputs of the split engine: enums, bounds and frozen dataclasses.

Everything here is plain data: the rules live in :mod:`.compute`, :mod:`.allocate` and
:mod:`.vat`. Money is integer cents; quantities are ``int`` or ``Decimal`` (a ``float`` is
rejected by the engine).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar, TypeAlias

__all__ = [
    "MAX_AMOUNT_CENTS",
    "Allocation",
    "Basis",
    "BonusLine",
    "FixedLine",
    "FixedOrigin",
    "Line",
    "LineExplanation",
    "LineSplit",
    "Member",
    "MemberId",
    "MemberSplit",
    "Method",
    "MilestoneLine",
    "RateUnit",
    "ShareUnit",
    "SplitInput",
    "SplitResult",
    "TimeEntry",
    "TimeKind",
    "TimeLine",
]

MemberId: TypeAlias = int | str
"""A member's identity: a user id (``int``) or any non-empty ``str`` key."""

Number: TypeAlias = int | Decimal
"""A quantity given to the engine: never a ``float``."""

MAX_AMOUNT_CENTS = 10**12
"""Upper bound of a line amount and of the invoice total (ten billion euros)."""
MAX_MINUTES_PER_ENTRY = 1_000_000
"""Upper bound of one time entry, in minutes."""
MAX_RATE_CENTS = 10**9
"""Upper bound of a rate, in cents per hour or per day."""
MAX_WEIGHT = 10**9
"""Upper bound of one bonus weight."""
MAX_DECIMAL_PLACES = 6
"""Most decimal places accepted in a share, weight, rate or fee."""
EXACT_PLACES = 6
"""Decimal places of a cent kept in the reported exact shares (display only)."""


class Basis(StrEnum):
    """How a line is billed to the client."""

    MILESTONE = "milestone"
    TIME = "time"
    BONUS = "bonus"
    FIXED = "fixed"


class Method(StrEnum):
    """How a line's amount is divided between members."""

    SHARES = "shares"
    """Agreed shares fixed upfront (percent or basis points)."""
    TIME_SPENT = "time_spent"
    """Minutes each member invested on the deliverable."""
    TIME_RATE = "time_rate"
    """Each member's time multiplied by their rate."""
    WEIGHTS = "weights"
    """Agreed contribution weights."""


class ShareUnit(StrEnum):
    """Unit of agreed shares: they must add up to 100 percent or 10,000 basis points."""

    PERCENT = "percent"
    BASIS_POINTS = "basis_points"


class TimeKind(StrEnum):
    """What a time entry was spent on."""

    PRODUCTION = "production"
    MANAGEMENT = "management"


class RateUnit(StrEnum):
    """Unit of a member's rate."""

    HOUR = "hour"
    DAY = "day"


class FixedOrigin(StrEnum):
    """Where a fixed billable line comes from."""

    OVERAGE = "overage"
    CHANGE_ORDER = "change_order"
    OTHER = "other"


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    """A member taking part in the split, with their rate on this project.

    Attributes:
        member_id: The member's identity.
        rate_cents: Rate in cents per ``rate_unit``; ``None`` when the member has no rate (then
            they may not log time on a ``time`` line).
        rate_unit: ``hour`` or ``day``.
        management_rate_cents: Rate for project-management time, same unit; defaults to
            ``rate_cents``.
        hours_per_day: Hours in a billed day, used to turn a day rate into minutes.
        name: Display name, for explanations only.
    """

    member_id: MemberId
    rate_cents: Number | None = None
    rate_unit: RateUnit = RateUnit.HOUR
    management_rate_cents: Number | None = None
    hours_per_day: Number = 7
    name: str = ""


@dataclass(frozen=True, slots=True)
class TimeEntry:
    """Minutes a member logged, as production or project management."""

    member_id: MemberId
    minutes: int
    kind: TimeKind = TimeKind.PRODUCTION


@dataclass(frozen=True, slots=True, kw_only=True)
class MilestoneLine:
    """A deliverable at a fixed price, split by agreed ``shares`` OR by ``time_entries``.

    Attributes:
        line_id: Identity of the line, unique on the invoice (also seeds the tie-break).
        amount_cents: Price of the deliverable.
        shares: Member -> agreed share, in ``share_unit``; must add up to exactly 100 % / 10,000 bp.
        share_unit: ``percent`` (``Decimal`` allowed) or ``basis_points`` (integers).
        time_entries: Time invested on this deliverable (used when ``shares`` is ``None``).
        label: Text shown in explanations.
    """

    basis: ClassVar[Basis] = Basis.MILESTONE
    line_id: str
    amount_cents: int
    shares: Mapping[MemberId, Number] | None = None
    share_unit: ShareUnit = ShareUnit.PERCENT
    time_entries: Sequence[TimeEntry] = ()
    label: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class FixedLine:
    """A billable line from an overage round or a change order, assigned like a milestone.

    Attributes:
        line_id: Identity of the line, unique on the invoice.
        amount_cents: Amount billed.
        shares: Member -> agreed share (see :class:`MilestoneLine`).
        share_unit: ``percent`` or ``basis_points``.
        time_entries: Time spent on it (used when ``shares`` is ``None``).
        origin: ``overage``, ``change_order`` or ``other``.
        label: Text shown in explanations.
    """

    basis: ClassVar[Basis] = Basis.FIXED
    line_id: str
    amount_cents: int
    shares: Mapping[MemberId, Number] | None = None
    share_unit: ShareUnit = ShareUnit.PERCENT
    time_entries: Sequence[TimeEntry] = ()
    origin: FixedOrigin = FixedOrigin.CHANGE_ORDER
    label: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeLine:
    """Time billed at each member's rate, project-management time included.

    Attributes:
        line_id: Identity of the line, unique on the invoice.
        time_entries: The time billed.
        amount_cents: The agreed amount, split in proportion to time x rate; ``None`` to bill
            the sum of time x rate (rounded half up to the cent).
        label: Text shown in explanations.
    """

    basis: ClassVar[Basis] = Basis.TIME
    line_id: str
    time_entries: Sequence[TimeEntry]
    amount_cents: int | None = None
    label: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class BonusLine:
    """A performance bonus split by agreed contribution weights.

    Attributes:
        line_id: Identity of the line, unique on the invoice.
        amount_cents: Bonus amount.
        weights: Member -> contribution weight (any non-negative scale, not all zero).
        label: Text shown in explanations.
    """

    basis: ClassVar[Basis] = Basis.BONUS
    line_id: str
    amount_cents: int
    weights: Mapping[MemberId, Number]
    label: str = ""


Line: TypeAlias = MilestoneLine | FixedLine | TimeLine | BonusLine


@dataclass(frozen=True, slots=True, kw_only=True)
class SplitInput:
    """Everything the engine needs to split one invoice.

    Attributes:
        invoice_number: Invoice number (or draft key); seeds the tie-break with each line id.
        members: The roster; every member named by a line must be in it. Output keeps its order.
        lines: The invoice lines, any mix of bases, in invoice order.
        fee_percent: Collective fee in percent (0 to 100), kept before distribution.
    """

    invoice_number: str
    members: Sequence[Member]
    lines: Sequence[Line]
    fee_percent: Number = 0


@dataclass(frozen=True, slots=True)
class Allocation:
    """One member's part of one line.

    Attributes:
        member_id: The member.
        exact_cents: Exact share in cents (``EXACT_PLACES`` decimals, half-even for display).
        cents: Rounded share paid.
        rounding_cent: Whether the member received one of the line's leftover cents.
    """

    member_id: MemberId
    exact_cents: Decimal
    cents: int
    rounding_cent: bool


@dataclass(frozen=True, slots=True)
class LineSplit:
    """How one line was split.

    Attributes:
        line_id: The line.
        label: Its label.
        basis: Billing basis.
        method: Division method.
        origin: Origin of a ``fixed`` line, else ``None``.
        amount_cents: Line amount (derived for a ``time`` line without amount).
        fee_exact_cents: Exact collective fee on this line.
        fee_cents: Collective fee kept, rounded half up.
        distributable_cents: ``amount_cents - fee_cents``, divided between members.
        tie_seed: Seed of the tie-break rotation for this line.
        allocations: One per participating member, in canonical member order.
    """

    line_id: str
    label: str
    basis: Basis
    method: Method
    origin: FixedOrigin | None
    amount_cents: int
    fee_exact_cents: Decimal
    fee_cents: int
    distributable_cents: int
    tie_seed: int
    allocations: tuple[Allocation, ...]


@dataclass(frozen=True, slots=True)
class LineExplanation:
    """Why a member receives what they receive on one line.

    Attributes:
        line_id: The line.
        label: Its label.
        basis: Billing basis (milestone, time, bonus, fixed).
        method: Division method (shares, time_spent, time_rate, weights).
        origin: Origin of a ``fixed`` line, else ``None``.
        line_amount_cents: Line amount.
        fee_cents: Collective fee kept on the line.
        distributable_cents: What was divided.
        quantity: The member's part of the basis: share in percent, minutes, time x rate in
            cents, or weight.
        quantity_total: The same quantity for all members of the line.
        minutes: Production minutes of the member on the line (time-based methods).
        management_minutes: Project-management minutes of the member on the line.
        exact_cents: Exact share in cents (``EXACT_PLACES`` decimals).
        cents: Rounded share paid.
        rounding_cent: Whether one leftover cent was added by the largest-remainder rule.
    """

    line_id: str
    label: str
    basis: Basis
    method: Method
    origin: FixedOrigin | None
    line_amount_cents: int
    fee_cents: int
    distributable_cents: int
    quantity: Decimal
    quantity_total: Decimal
    minutes: int
    management_minutes: int
    exact_cents: Decimal
    cents: int
    rounding_cent: bool


@dataclass(frozen=True, slots=True)
class MemberSplit:
    """A member's total and its explanation, line by line."""

    member_id: MemberId
    name: str
    total_cents: int
    lines: tuple[LineExplanation, ...]


@dataclass(frozen=True, slots=True)
class SplitResult:
    """The split of a whole invoice.

    Attributes:
        invoice_number: The invoice.
        fee_percent: Collective fee in percent.
        total_cents: Invoice total before tax (sum of line amounts).
        collective_fee_cents: Sum of the fees kept on each line.
        members: One per roster member, in roster order (zero when on no line).
        lines: One per invoice line, in invoice order.
    """

    invoice_number: str
    fee_percent: Decimal
    total_cents: int
    collective_fee_cents: int
    members: tuple[MemberSplit, ...]
    lines: tuple[LineSplit, ...]

    @property
    def distributed_cents(self) -> int:
        """Total paid to members: ``total_cents - collective_fee_cents``."""
        return self.total_cents - self.collective_fee_cents

    def member(self, member_id: MemberId) -> MemberSplit:
        """Return one member's split.

        Args:
            member_id: The member.

        Returns:
            Their split.

        Raises:
            KeyError: The member is not on the roster.
        """
        for member in self.members:
            if member.member_id == member_id and type(member.member_id) is type(member_id):
                return member
        raise KeyError(member_id)

    def totals(self) -> dict[MemberId, int]:
        """Return member id -> total cents."""
        return {member.member_id: member.total_cents for member in self.members}
