"""``compute_split``: validate an invoice, divide each line, explain each member's amount.

The rules (order of operations, rounding, tie-break) are documented in the package
docstring, :mod:`collab_app.services.billing.split_engine`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from collab_app.services.billing.split_engine.allocate import (
    exact_sum,
    integer_weights,
    largest_remainder,
    member_key,
    plain_decimal,
    round_half_up,
    tie_seed,
    to_decimal,
    to_fraction,
)
from collab_app.services.billing.split_engine.errors import (
    AmountTooLarge,
    DuplicateId,
    EmptyInvoice,
    FeeOutOfRange,
    InvalidId,
    InvalidNumber,
    InvalidShares,
    MissingRate,
    NegativeAmount,
    NoTimeLogged,
    SharesOverHundred,
    SharesUnderHundred,
    SplitError,
    UnknownMember,
    ZeroWeights,
)
from collab_app.services.billing.split_engine.model import (
    MAX_AMOUNT_CENTS,
    MAX_MINUTES_PER_ENTRY,
    MAX_RATE_CENTS,
    MAX_WEIGHT,
    Allocation,
    BonusLine,
    FixedLine,
    FixedOrigin,
    Line,
    LineExplanation,
    LineSplit,
    Member,
    MemberId,
    MemberSplit,
    Method,
    MilestoneLine,
    RateUnit,
    ShareUnit,
    SplitInput,
    SplitResult,
    TimeEntry,
    TimeKind,
    TimeLine,
)

_ID_TYPES = (int, str)
_HUNDRED = Fraction(100)
_MAX_LINE_ID = 200
_MAX_SHARE_PERCENT = 10**6  # a single share above 100 % is reported by the sum check


@dataclass(frozen=True, slots=True)
class _Rates:
    """A member's rates in cents per minute (``None``: no rate)."""

    production: Fraction | None
    management: Fraction | None


@dataclass(slots=True)
class _Participant:
    """A member's weight on one line and what it stands for."""

    member_id: MemberId
    weight: Fraction
    quantity: Fraction
    minutes: int = 0
    management_minutes: int = 0


def compute_split(data: SplitInput) -> SplitResult:
    """Split an invoice between its members, exactly to the cent.

    Args:
        data: The invoice: roster with rates, lines, collective fee.

    Returns:
        Every member's total with its line-by-line explanation, each line's split and the
        collective fee. Shares add up exactly to each line amount minus its fee; member totals
        plus the fee add up exactly to the invoice total.

    Raises:
        SplitError: A subclass naming the impossible input (see ``split_engine.errors``).
    """
    if not isinstance(data.invoice_number, str):
        raise InvalidId(field="invoice_number", name="invoice_number", line="", member="")
    members = tuple(data.members or ())
    roster = _roster(members)
    fee = _fee(data.fee_percent)
    lines = tuple(data.lines or ())
    if not lines:
        raise EmptyInvoice(field="lines")
    seen: set[str] = set()
    splits: list[LineSplit] = []
    explanations: dict[MemberId, list[LineExplanation]] = {m.member_id: [] for m in members}
    total = 0
    for line in lines:
        line_id = _line_id(line)
        if line_id in seen:
            raise DuplicateId(field="lines", line=line_id, member="")
        seen.add(line_id)
        split, participants, quantity_total = _split_line(
            data.invoice_number, line_id, line, roster, fee
        )
        total += split.amount_cents
        if total > MAX_AMOUNT_CENTS:
            raise AmountTooLarge(
                "split.error.total_too_large", field="lines", maximum=MAX_AMOUNT_CENTS
            )
        splits.append(split)
        for participant, allocation in zip(participants, split.allocations, strict=True):
            explanations[participant.member_id].append(
                _explain(split, participant, allocation, quantity_total)
            )
    member_splits = tuple(
        MemberSplit(
            member_id=member.member_id,
            name=member.name,
            total_cents=sum(item.cents for item in explanations[member.member_id]),
            lines=tuple(explanations[member.member_id]),
        )
        for member in members
    )
    return SplitResult(
        invoice_number=data.invoice_number,
        fee_percent=plain_decimal(fee),
        total_cents=total,
        collective_fee_cents=sum(split.fee_cents for split in splits),
        members=member_splits,
        lines=tuple(splits),
    )


def _roster(members: Sequence[Member]) -> dict[MemberId, _Rates]:
    roster: dict[MemberId, _Rates] = {}
    for member in members:
        if not isinstance(member, Member):
            raise InvalidId(field="members", name="members", line="", member="")
        member_id = member.member_id
        if type(member_id) not in _ID_TYPES or member_id == "":
            raise InvalidId(field="members", name="member_id", line="", member=str(member_id))
        if member_id in roster:
            raise DuplicateId("split.error.duplicate_member", field="members", member=member_id)
        roster[member_id] = _rates(member)
    return roster


def _rates(member: Member) -> _Rates:
    label = str(member.member_id)
    if member.rate_unit == RateUnit.HOUR:
        minutes_per_unit = Fraction(60)
    elif member.rate_unit == RateUnit.DAY:
        hours = to_fraction(member.hours_per_day, field="hours_per_day", member=label, maximum=24)
        if hours == 0:
            raise InvalidNumber(field="hours_per_day", name="hours_per_day", line="", member=label)
        minutes_per_unit = 60 * hours
    else:
        raise InvalidNumber(field="rate_unit", name="rate_unit", line="", member=label)
    production = None
    if member.rate_cents is not None:
        rate = to_fraction(
            member.rate_cents, field="rate_cents", member=label, maximum=MAX_RATE_CENTS
        )
        production = rate / minutes_per_unit
    management = production
    if member.management_rate_cents is not None:
        rate = to_fraction(
            member.management_rate_cents,
            field="management_rate_cents",
            member=label,
            maximum=MAX_RATE_CENTS,
        )
        management = rate / minutes_per_unit
    return _Rates(production=production, management=management)


def _fee(value: object) -> Fraction:
    try:
        return to_fraction(value, field="fee_percent", maximum=100)
    except (NegativeAmount, AmountTooLarge) as exc:
        raise FeeOutOfRange(field="fee_percent", fee=str(value)) from exc


def _line_id(line: Line) -> str:
    line_id = getattr(line, "line_id", None)
    if not isinstance(line_id, str) or not line_id.strip() or len(line_id) > _MAX_LINE_ID:
        raise InvalidId(field="lines", name="line_id", line=str(line_id)[:_MAX_LINE_ID], member="")
    return line_id


def _amount(value: object, line_id: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidNumber(field="amount_cents", name="amount_cents", line=line_id, member="")
    if value < 0:
        raise NegativeAmount(field="amount_cents", name="amount_cents", line=line_id, member="")
    return _bounded(value, line_id, field="amount_cents")


def _bounded(amount: int, line_id: str, *, field: str) -> int:
    """A line amount at most ``MAX_AMOUNT_CENTS``; ``field`` is what the error points at."""
    if amount > MAX_AMOUNT_CENTS:
        raise AmountTooLarge(
            field=field, name="amount_cents", line=line_id, member="", maximum=MAX_AMOUNT_CENTS
        )
    return amount


def _split_line(
    invoice_number: str, line_id: str, line: Line, roster: dict[MemberId, _Rates], fee: Fraction
) -> tuple[LineSplit, list[_Participant], Decimal]:
    origin = None
    if isinstance(line, MilestoneLine | FixedLine):
        amount = _amount(line.amount_cents, line_id)
        method, participants = _shares_or_time(line, line_id, roster)
        if isinstance(line, FixedLine):
            try:
                origin = FixedOrigin(line.origin)
            except ValueError as exc:
                raise InvalidNumber(field="origin", name="origin", line=line_id, member="") from exc
    elif isinstance(line, TimeLine):
        method = Method.TIME_RATE
        participants = _time_rate(line.time_entries, line_id, roster)
        value = exact_sum([p.weight for p in participants])
        if line.amount_cents is None:
            amount = _bounded(round_half_up(value), line_id, field="time_entries")
        else:
            amount = _amount(line.amount_cents, line_id)
            if amount and not value:
                raise MissingRate("split.error.zero_rates", field="time_entries", line=line_id)
    elif isinstance(line, BonusLine):
        amount = _amount(line.amount_cents, line_id)
        method = Method.WEIGHTS
        participants = _weights(line.weights, line_id, roster)
    else:
        raise SplitError("split.error.unknown_line_type", field="lines", line=line_id)
    participants.sort(key=lambda participant: member_key(participant.member_id))
    fee_exact = amount * fee / _HUNDRED
    fee_cents = round_half_up(fee_exact)
    distributable = amount - fee_cents
    seed = tie_seed(invoice_number, line_id)
    cents, extra, exact = largest_remainder(
        distributable, integer_weights([p.weight for p in participants]), seed
    )
    allocations = tuple(
        Allocation(member_id=p.member_id, exact_cents=e, cents=c, rounding_cent=x)
        for p, e, c, x in zip(participants, exact, cents, extra, strict=True)
    )
    split = LineSplit(
        line_id=line_id,
        label=line.label or line_id,
        basis=line.basis,
        method=method,
        origin=origin,
        amount_cents=amount,
        fee_exact_cents=to_decimal(fee_exact),
        fee_cents=fee_cents,
        distributable_cents=distributable,
        tie_seed=seed,
        allocations=allocations,
    )
    quantity_total = exact_sum([p.quantity for p in participants])
    return split, participants, plain_decimal(quantity_total)


def _check_member(
    member_id: object, line_id: str, roster: Mapping[MemberId, _Rates], field: str
) -> None:
    if type(member_id) not in _ID_TYPES or member_id not in roster:
        raise UnknownMember(field=field, line=line_id, member=str(member_id))


def _shares_or_time(
    line: MilestoneLine | FixedLine, line_id: str, roster: dict[MemberId, _Rates]
) -> tuple[Method, list[_Participant]]:
    entries = line.time_entries or ()
    has_time = bool(entries)
    if line.shares is not None and has_time:
        raise InvalidShares("split.error.shares_and_time", field="shares", line=line_id)
    if line.shares is not None:
        return Method.SHARES, _shares(line.shares, line.share_unit, line_id, roster)
    if not has_time:
        raise InvalidShares("split.error.shares_missing", field="shares", line=line_id)
    time = _aggregate_time(entries, line_id, roster)
    participants = [
        _Participant(
            member_id=member_id,
            weight=Fraction(production + management),
            quantity=Fraction(production + management),
            minutes=production,
            management_minutes=management,
        )
        for member_id, (production, management) in time.items()
    ]
    if not any(p.weight for p in participants):
        raise NoTimeLogged(field="time_entries", line=line_id)
    return Method.TIME_SPENT, participants


def _shares(
    shares: Mapping[MemberId, object],
    unit: ShareUnit,
    line_id: str,
    roster: dict[MemberId, _Rates],
) -> list[_Participant]:
    if not isinstance(shares, Mapping):
        raise InvalidShares("split.error.shares_missing", field="shares", line=line_id)
    if unit == ShareUnit.PERCENT:
        scale, places, integer, whole = Fraction(1), 6, False, _HUNDRED
    elif unit == ShareUnit.BASIS_POINTS:
        scale, places, integer, whole = Fraction(1, 100), 0, True, Fraction(10_000)
    else:
        raise InvalidNumber(field="share_unit", name="share_unit", line=line_id, member="")
    participants = []
    for member_id, share in shares.items():
        _check_member(member_id, line_id, roster, "shares")
        value = to_fraction(
            share,
            field="shares",
            line=line_id,
            member=str(member_id),
            maximum=_MAX_SHARE_PERCENT,
            places=places,
            integer=integer,
        )
        participants.append(_Participant(member_id=member_id, weight=value, quantity=value * scale))
    total = exact_sum([p.weight for p in participants])
    if total != whole:
        error = SharesOverHundred if total > whole else SharesUnderHundred
        raise error(field="shares", line=line_id, total=str(plain_decimal(total * scale)))
    return participants


def _weights(
    weights: Mapping[MemberId, object], line_id: str, roster: dict[MemberId, _Rates]
) -> list[_Participant]:
    if not isinstance(weights, Mapping):
        raise ZeroWeights(field="weights", line=line_id)
    participants = []
    for member_id, weight in weights.items():
        _check_member(member_id, line_id, roster, "weights")
        value = to_fraction(
            weight, field="weights", line=line_id, member=str(member_id), maximum=MAX_WEIGHT
        )
        participants.append(_Participant(member_id=member_id, weight=value, quantity=value))
    if not any(p.weight for p in participants):
        raise ZeroWeights(field="weights", line=line_id)
    return participants


def _aggregate_time(
    entries: Sequence[TimeEntry], line_id: str, roster: dict[MemberId, _Rates]
) -> dict[MemberId, tuple[int, int]]:
    # The hot loop of the engine (thousands of entries): locals only, checks on a fast path.
    production: dict[MemberId, int] = {}
    management: dict[MemberId, int] = {}
    get_production, get_management = production.get, management.get
    production_kind, management_kind = TimeKind.PRODUCTION, TimeKind.MANAGEMENT
    maximum = MAX_MINUTES_PER_ENTRY
    for entry in entries:
        member_id = entry.member_id
        minutes = entry.minutes
        kind = entry.kind
        id_type = type(member_id)
        if (id_type is not int and id_type is not str) or member_id not in roster:
            raise UnknownMember(field="time_entries", line=line_id, member=str(member_id))
        if type(minutes) is not int or minutes < 0 or minutes > maximum:
            _bad_minutes(minutes, line_id, str(member_id))
        if kind is production_kind:
            production[member_id] = get_production(member_id, 0) + minutes
        elif kind is management_kind:
            management[member_id] = get_management(member_id, 0) + minutes
        elif kind == production_kind:
            production[member_id] = get_production(member_id, 0) + minutes
        elif kind == management_kind:
            management[member_id] = get_management(member_id, 0) + minutes
        else:
            raise InvalidNumber(
                field="time_entries", name="kind", line=line_id, member=str(member_id)
            )
    return {
        member_id: (get_production(member_id, 0), get_management(member_id, 0))
        for member_id in {**production, **management}
    }


def _bad_minutes(minutes: object, line_id: str, member: str) -> None:
    to_fraction(
        minutes, field="time_entries", line=line_id, member=member, maximum=MAX_MINUTES_PER_ENTRY
    )
    raise InvalidNumber(field="time_entries", name="minutes", line=line_id, member=member)


def _time_rate(
    entries: Sequence[TimeEntry], line_id: str, roster: dict[MemberId, _Rates]
) -> list[_Participant]:
    time = _aggregate_time(entries or (), line_id, roster)
    if not any(production + management for production, management in time.values()):
        raise NoTimeLogged(field="time_entries", line=line_id)
    participants = []
    for member_id, (production, management) in time.items():
        rates = roster[member_id]
        value = exact_sum(
            [
                _minutes_value(minutes, rate, line_id, member_id)
                for minutes, rate in (
                    (production, rates.production),
                    (management, rates.management),
                )
                if minutes
            ]
        )
        participants.append(
            _Participant(
                member_id=member_id,
                weight=value,
                quantity=value,
                minutes=production,
                management_minutes=management,
            )
        )
    return participants


def _minutes_value(
    minutes: int, rate: Fraction | None, line_id: str, member_id: MemberId
) -> Fraction:
    if rate is None:
        raise MissingRate(field="time_entries", line=line_id, member=str(member_id))
    return Fraction(minutes * rate.numerator, rate.denominator)


def _explain(
    split: LineSplit, participant: _Participant, allocation: Allocation, quantity_total: Decimal
) -> LineExplanation:
    return LineExplanation(
        line_id=split.line_id,
        label=split.label,
        basis=split.basis,
        method=split.method,
        origin=split.origin,
        line_amount_cents=split.amount_cents,
        fee_cents=split.fee_cents,
        distributable_cents=split.distributable_cents,
        quantity=plain_decimal(participant.quantity),
        quantity_total=quantity_total,
        minutes=participant.minutes,
        management_minutes=participant.management_minutes,
        exact_cents=allocation.exact_cents,
        cents=allocation.cents,
        rounding_cent=allocation.rounding_cent,
    )
