"""Examples of the revenue-split engine: bases, fee, rounding, tie-break, errors, VAT, texts."""

from __future__ import annotations

import hashlib
import string
from decimal import Decimal as D

import pytest

from collab_app.i18n import format_money, messages_of, translate
from collab_app.services import errors as base_errors
from collab_app.services.billing import split_engine as se
from collab_app.services.billing.split_engine import (
    VAT_EXEMPT_MENTION,
    Basis,
    BonusLine,
    FixedLine,
    FixedOrigin,
    Member,
    Method,
    MilestoneLine,
    RateUnit,
    ShareUnit,
    SplitInput,
    TimeEntry,
    TimeKind,
    TimeLine,
    VatStatus,
    compute_split,
    compute_vat,
    describe_fee,
    describe_member,
    vat_for_split,
)

ALICE, BRUNO, CHLOE = 1, 2, 3


def roster(**overrides):
    members = {
        ALICE: Member(member_id=ALICE, rate_cents=6000, name="alice"),
        BRUNO: Member(
            member_id=BRUNO, rate_cents=56000, rate_unit=RateUnit.DAY, hours_per_day=7, name="bruno"
        ),
        CHLOE: Member(member_id=CHLOE, rate_cents=4000, management_rate_cents=8000, name="chloe"),
    }
    members.update(overrides)
    return list(members.values())


def split(*lines, fee=0, number="INV-2025-001", members=None):
    return compute_split(
        SplitInput(
            invoice_number=number,
            members=roster() if members is None else members,
            lines=list(lines),
            fee_percent=fee,
        )
    )


def shares_of(result, line_index=0):
    return {a.member_id: a.cents for a in result.lines[line_index].allocations}


def expected_seed(number, line_id):
    digest = hashlib.sha256(f"{number}\x1f{line_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


# --- bases -----------------------------------------------------------------------------------


def test_milestone_split_by_percent_shares():
    result = split(
        MilestoneLine(
            line_id="logo",
            amount_cents=100_000,
            shares={ALICE: D("50"), BRUNO: D("30"), CHLOE: D("20")},
        )
    )
    assert shares_of(result) == {ALICE: 50_000, BRUNO: 30_000, CHLOE: 20_000}
    assert result.totals() == {ALICE: 50_000, BRUNO: 30_000, CHLOE: 20_000}
    assert result.total_cents == 100_000
    assert result.collective_fee_cents == 0
    line = result.member(ALICE).lines[0]
    assert (line.basis, line.method) == (Basis.MILESTONE, Method.SHARES)
    assert line.quantity == D("50")
    assert line.exact_cents == D("50000")
    assert line.rounding_cent is False


def test_milestone_split_by_basis_points_with_decimal_percent_equivalent():
    by_bp = split(
        MilestoneLine(
            line_id="site",
            amount_cents=99_999,
            shares={ALICE: 3333, BRUNO: 3333, CHLOE: 3334},
            share_unit=ShareUnit.BASIS_POINTS,
        )
    )
    by_percent = split(
        MilestoneLine(
            line_id="site",
            amount_cents=99_999,
            shares={ALICE: D("33.33"), BRUNO: D("33.33"), CHLOE: D("33.34")},
        )
    )
    # 33.33 % of 999.99 = 333.296667 -> 333.29 (+1?), 33.34 % = 333.396666 -> 333.39 (+1?)
    assert shares_of(by_bp) == shares_of(by_percent)
    assert sum(shares_of(by_bp).values()) == 99_999
    assert by_bp.member(ALICE).lines[0].quantity == D("33.33")
    assert by_bp.member(CHLOE).lines[0].exact_cents == D("33339.666600")


def test_milestone_split_by_time_invested_counts_management_time():
    result = split(
        MilestoneLine(
            line_id="m",
            amount_cents=100_000,
            time_entries=[
                TimeEntry(ALICE, 60),
                TimeEntry(ALICE, 30, TimeKind.MANAGEMENT),
                TimeEntry(BRUNO, 30),
            ],
        )
    )
    assert shares_of(result) == {ALICE: 75_000, BRUNO: 25_000}
    explanation = result.member(ALICE).lines[0]
    assert explanation.method == Method.TIME_SPENT
    assert (explanation.minutes, explanation.management_minutes) == (60, 30)
    assert (explanation.quantity, explanation.quantity_total) == (D(90), D(120))
    assert result.member(CHLOE).total_cents == 0
    assert result.member(CHLOE).lines == ()


def test_time_line_amount_derived_from_time_and_rates():
    # alice 60 min at 60.00/h = 60.00; bruno 45 min at 560.00/day of 7 h = 60.00;
    # chloe 30 min management at 80.00/h = 40.00 plus 15 min production at 40.00/h = 10.00.
    result = split(
        TimeLine(
            line_id="t",
            time_entries=[
                TimeEntry(ALICE, 60),
                TimeEntry(BRUNO, 45),
                TimeEntry(CHLOE, 30, TimeKind.MANAGEMENT),
                TimeEntry(CHLOE, 15),
            ],
        )
    )
    assert result.lines[0].amount_cents == 17_000
    assert shares_of(result) == {ALICE: 6_000, BRUNO: 6_000, CHLOE: 5_000}
    chloe = result.member(CHLOE).lines[0]
    assert chloe.method == Method.TIME_RATE
    assert chloe.quantity == D("5000")
    assert chloe.quantity_total == D("17000")


def test_time_line_derived_amount_is_rounded_half_up():
    # 30 minutes at 1 cent an hour = half a cent -> the line bills one cent.
    members = [Member(member_id=ALICE, rate_cents=1)]
    result = split(TimeLine(line_id="t", time_entries=[TimeEntry(ALICE, 30)]), members=members)
    assert result.total_cents == 1
    assert result.totals() == {ALICE: 1}
    # 29 minutes = 0.4833 cent -> zero.
    result = split(TimeLine(line_id="t", time_entries=[TimeEntry(ALICE, 29)]), members=members)
    assert result.total_cents == 0
    assert result.totals() == {ALICE: 0}


def test_time_line_with_given_amount_is_split_by_time_times_rate():
    result = split(
        TimeLine(
            line_id="t",
            amount_cents=1_000,
            time_entries=[TimeEntry(ALICE, 60), TimeEntry(CHLOE, 60)],
        )
    )
    # 60.00 vs 40.00 -> 60 % / 40 %
    assert shares_of(result) == {ALICE: 600, CHLOE: 400}


def test_bonus_split_by_decimal_weights():
    result = split(
        BonusLine(
            line_id="bonus",
            amount_cents=3_000,
            weights={ALICE: D("1.5"), BRUNO: 1, CHLOE: D("0.5")},
        )
    )
    assert shares_of(result) == {ALICE: 1_500, BRUNO: 1_000, CHLOE: 500}
    assert result.member(ALICE).lines[0].quantity_total == D(3)


def test_zero_weight_member_gets_nothing_even_with_leftover_cents():
    result = split(
        BonusLine(line_id="b", amount_cents=100, weights={ALICE: 1, BRUNO: 2, CHLOE: 0}),
    )
    # 33.33 / 66.67 -> bruno holds the largest remainder
    assert shares_of(result) == {ALICE: 33, BRUNO: 67, CHLOE: 0}
    bruno = result.member(BRUNO).lines[0]
    assert bruno.rounding_cent is True
    assert bruno.exact_cents == D("66.666667")


def test_fixed_line_from_change_order_split_like_a_milestone():
    result = split(
        FixedLine(
            line_id="co-1",
            amount_cents=50_001,
            shares={ALICE: 5_000, CHLOE: 5_000},
            share_unit=ShareUnit.BASIS_POINTS,
            origin=FixedOrigin.CHANGE_ORDER,
            label="Extra page",
        )
    )
    cents = shares_of(result)
    assert sorted(cents.values()) == [25_000, 25_001]
    assert result.lines[0].basis == Basis.FIXED
    assert result.lines[0].origin == FixedOrigin.CHANGE_ORDER
    assert result.lines[0].label == "Extra page"


def test_mixed_invoice_with_fee_sums_exactly():
    result = split(
        MilestoneLine(line_id="m1", amount_cents=100_000, shares={ALICE: 40, BRUNO: 40, CHLOE: 20}),
        MilestoneLine(
            line_id="m2",
            amount_cents=100_001,
            time_entries=[TimeEntry(ALICE, 90), TimeEntry(BRUNO, 90), TimeEntry(CHLOE, 90)],
        ),
        TimeLine(line_id="t", time_entries=[TimeEntry(ALICE, 125), TimeEntry(CHLOE, 40)]),
        BonusLine(line_id="b", amount_cents=10_000, weights={ALICE: 1, BRUNO: 1, CHLOE: 1}),
        FixedLine(line_id="f", amount_cents=5_000, shares={ALICE: 100}),
        fee=D("7.5"),
    )
    # fees: 7 500 + 7 500.075 -> 7 500 + time line 12 500 + 2 666.67 = 15 166.67 -> 15 167
    # (7.5 % = 1 137.5 -> 1 138, half up) + 750 + 375
    assert [line.fee_cents for line in result.lines] == [7_500, 7_500, 1_138, 750, 375]
    assert result.lines[2].amount_cents == 15_167
    assert result.collective_fee_cents == 17_263
    assert result.total_cents == 100_000 + 100_001 + 15_167 + 10_000 + 5_000
    assert sum(result.totals().values()) + result.collective_fee_cents == result.total_cents
    for line in result.lines:
        assert line.fee_cents + sum(a.cents for a in line.allocations) == line.amount_cents
    assert result.fee_percent == D("7.5")
    assert result.distributed_cents == result.total_cents - 17_263


def test_fee_is_rounded_half_up_per_line():
    result = split(
        BonusLine(line_id="a", amount_cents=1_010, weights={ALICE: 1}),
        BonusLine(line_id="b", amount_cents=1_001, weights={ALICE: 1}),
        fee=5,
    )
    # 5 % of 10.10 = 0.505 -> 0.51 ; 5 % of 10.01 = 0.5005 -> 0.50
    assert [line.fee_cents for line in result.lines] == [51, 50]
    assert [line.fee_exact_cents for line in result.lines] == [D("50.500000"), D("50.050000")]
    assert result.totals()[ALICE] == 1_010 - 51 + 1_001 - 50


def test_full_fee_leaves_nothing_to_members():
    result = split(BonusLine(line_id="b", amount_cents=999, weights={ALICE: 1, BRUNO: 1}), fee=100)
    assert result.collective_fee_cents == 999
    assert result.totals() == {ALICE: 0, BRUNO: 0, CHLOE: 0}


# --- rounding and tie-break ------------------------------------------------------------------


def test_largest_remainder_wins_over_tie_break():
    # weights 1:2 on 10 cents = 3.33 / 6.67, whatever the line id
    for line_id in ("a", "b", "c", "d", "e", "f"):
        result = split(BonusLine(line_id=line_id, amount_cents=10, weights={ALICE: 1, BRUNO: 2}))
        assert shares_of(result) == {ALICE: 3, BRUNO: 7}


def test_tie_break_follows_documented_rotation():
    for line_id in ("L1", "L2", "L3", "L4", "L5", "L6"):
        result = split(
            BonusLine(line_id=line_id, amount_cents=100, weights={CHLOE: 1, ALICE: 1, BRUNO: 1})
        )
        seed = expected_seed("INV-2025-001", line_id)
        assert result.lines[0].tie_seed == seed
        winner = [ALICE, BRUNO, CHLOE][seed % 3]
        assert shares_of(result)[winner] == 34
        assert sorted(shares_of(result).values()) == [33, 33, 34]
        assert [a.member_id for a in result.lines[0].allocations if a.rounding_cent] == [winner]


def test_tie_break_does_not_always_favour_the_same_member():
    winners = set()
    for index in range(30):
        result = split(
            BonusLine(line_id=f"L{index}", amount_cents=100, weights={ALICE: 1, BRUNO: 1, CHLOE: 1})
        )
        winners |= {a.member_id for a in result.lines[0].allocations if a.rounding_cent}
    assert winners == {ALICE, BRUNO, CHLOE}


def test_tie_break_rotates_inside_the_tied_group_only():
    # 6 cents on weights 2:2:1 = 2.4 / 2.4 / 1.2: the leftover cent goes to alice or bruno.
    seen = set()
    for index in range(20):
        result = split(
            BonusLine(line_id=f"L{index}", amount_cents=6, weights={ALICE: 2, BRUNO: 2, CHLOE: 1})
        )
        cents = shares_of(result)
        assert cents[CHLOE] == 1
        seed = expected_seed("INV-2025-001", f"L{index}")
        winner = [ALICE, BRUNO][seed % 2]
        assert cents[winner] == 3
        seen.add(winner)
    assert seen == {ALICE, BRUNO}


def test_largest_remainder_function_directly():
    cents, extra, exact = se.largest_remainder(100, [1, 1, 1], seed=4)
    assert cents == [33, 34, 33]  # seed 4 % 3 = 1: the second member first
    assert extra == [False, True, False]
    assert exact == [D("33.333333")] * 3
    assert se.largest_remainder(0, [0, 0], seed=1) == ([0, 0], [False, False], [D(0), D(0)])
    # rotated order 2, 3, 0, 1: three leftover cents skip the member at index 1
    assert se.largest_remainder(7, [1, 1, 1, 1], seed=2)[0] == [2, 1, 2, 2]


def test_same_input_same_output_whatever_the_order():
    lines = [
        BonusLine(line_id="b", amount_cents=1_001, weights={ALICE: 1, BRUNO: 1, CHLOE: 1}),
        MilestoneLine(
            line_id="m",
            amount_cents=2_002,
            time_entries=[TimeEntry(CHLOE, 10), TimeEntry(ALICE, 10), TimeEntry(BRUNO, 10)],
        ),
    ]
    reordered = [
        BonusLine(line_id="b", amount_cents=1_001, weights={CHLOE: 1, BRUNO: 1, ALICE: 1}),
        MilestoneLine(
            line_id="m",
            amount_cents=2_002,
            time_entries=[TimeEntry(BRUNO, 10), TimeEntry(CHLOE, 10), TimeEntry(ALICE, 10)],
        ),
    ]
    first = split(*lines, fee=D("3.3"))
    assert split(*lines, fee=D("3.3")) == first
    other = split(*reordered, fee=D("3.3"), members=list(reversed(roster())))
    assert other.totals() == first.totals()
    assert other.lines == first.lines
    assert [m.member_id for m in other.members] == [CHLOE, BRUNO, ALICE]  # roster order kept


def test_plain_strings_are_accepted_for_enums():
    result = split(
        MilestoneLine(
            line_id="m",
            amount_cents=300,
            time_entries=[TimeEntry(ALICE, 20, "management"), TimeEntry(BRUNO, 10, "production")],
        ),
        FixedLine(line_id="f", amount_cents=10, shares={ALICE: 10_000}, share_unit="basis_points"),
        members=[Member(member_id=ALICE), Member(member_id=BRUNO)],
    )
    assert result.totals() == {ALICE: 210, BRUNO: 100}
    assert result.member(ALICE).lines[0].management_minutes == 20


def test_string_and_integer_member_ids_mix():
    members = [Member(member_id="zoe"), Member(member_id=7), Member(member_id="adam")]
    result = split(
        BonusLine(line_id="b", amount_cents=10, weights={"zoe": 1, 7: 1, "adam": 1}),
        members=members,
    )
    assert [a.member_id for a in result.lines[0].allocations] == [7, "adam", "zoe"]
    assert sum(result.totals().values()) == 10


# --- errors ----------------------------------------------------------------------------------


def _milestone(**kwargs):
    return MilestoneLine(line_id="m", amount_cents=kwargs.pop("amount_cents", 1_000), **kwargs)


ERROR_CASES = [
    ("empty", lambda: split(), se.EmptyInvoice, "split.error.empty_invoice"),
    (
        "shares over 100",
        lambda: split(_milestone(shares={ALICE: 60, BRUNO: D("40.5")})),
        se.SharesOverHundred,
        "split.error.shares_over_100",
    ),
    (
        "shares under 100",
        lambda: split(_milestone(shares={ALICE: 60, BRUNO: 30})),
        se.SharesUnderHundred,
        "split.error.shares_under_100",
    ),
    (
        "basis points over",
        lambda: split(
            _milestone(shares={ALICE: 10_001}, share_unit=ShareUnit.BASIS_POINTS),
        ),
        se.SharesOverHundred,
        "split.error.shares_over_100",
    ),
    (
        "fractional basis points",
        lambda: split(
            _milestone(shares={ALICE: D("10000.5")}, share_unit=ShareUnit.BASIS_POINTS),
        ),
        se.InvalidNumber,
        "split.error.invalid_number",
    ),
    (
        "shares and time",
        lambda: split(_milestone(shares={ALICE: 100}, time_entries=[TimeEntry(ALICE, 1)])),
        se.InvalidShares,
        "split.error.shares_and_time",
    ),
    (
        "neither shares nor time",
        lambda: split(_milestone()),
        se.InvalidShares,
        "split.error.shares_missing",
    ),
    (
        "no time on time line",
        lambda: split(TimeLine(line_id="t", time_entries=[])),
        se.NoTimeLogged,
        "split.error.no_time",
    ),
    (
        "only zero minutes on a milestone by time",
        lambda: split(_milestone(time_entries=[TimeEntry(ALICE, 0)])),
        se.NoTimeLogged,
        "split.error.no_time",
    ),
    (
        "zero weights",
        lambda: split(BonusLine(line_id="b", amount_cents=10, weights={ALICE: 0, BRUNO: 0})),
        se.ZeroWeights,
        "split.error.zero_weights",
    ),
    (
        "no weights",
        lambda: split(BonusLine(line_id="b", amount_cents=10, weights={})),
        se.ZeroWeights,
        "split.error.zero_weights",
    ),
    (
        "unknown member in shares",
        lambda: split(_milestone(shares={99: 100})),
        se.UnknownMember,
        "split.error.unknown_member",
    ),
    (
        "unknown member in time",
        lambda: split(TimeLine(line_id="t", time_entries=[TimeEntry("ghost", 10)])),
        se.UnknownMember,
        "split.error.unknown_member",
    ),
    (
        "bool is not a member id",
        lambda: split(BonusLine(line_id="b", amount_cents=10, weights={True: 1})),
        se.UnknownMember,
        "split.error.unknown_member",
    ),
    (
        "negative amount",
        lambda: split(_milestone(amount_cents=-1, shares={ALICE: 100})),
        se.NegativeAmount,
        "split.error.negative_amount",
    ),
    (
        "negative share",
        lambda: split(_milestone(shares={ALICE: 110, BRUNO: -10})),
        se.NegativeAmount,
        "split.error.negative_amount",
    ),
    (
        "negative weight",
        lambda: split(BonusLine(line_id="b", amount_cents=10, weights={ALICE: D("-1")})),
        se.NegativeAmount,
        "split.error.negative_amount",
    ),
    (
        "negative minutes",
        lambda: split(TimeLine(line_id="t", time_entries=[TimeEntry(ALICE, -5)])),
        se.NegativeAmount,
        "split.error.negative_amount",
    ),
    (
        "negative rate",
        lambda: split(
            BonusLine(line_id="b", amount_cents=1, weights={ALICE: 1}),
            members=[Member(member_id=ALICE, rate_cents=-1)],
        ),
        se.NegativeAmount,
        "split.error.negative_amount",
    ),
    (
        "fee above 100",
        lambda: split(_milestone(shares={ALICE: 100}), fee=D("100.01")),
        se.FeeOutOfRange,
        "split.error.fee_out_of_range",
    ),
    (
        "fee below 0",
        lambda: split(_milestone(shares={ALICE: 100}), fee=-1),
        se.FeeOutOfRange,
        "split.error.fee_out_of_range",
    ),
    (
        "float fee",
        lambda: split(_milestone(shares={ALICE: 100}), fee=7.5),
        se.InvalidNumber,
        "split.error.invalid_number",
    ),
    (
        "float share",
        lambda: split(_milestone(shares={ALICE: 100.0})),
        se.InvalidNumber,
        "split.error.invalid_number",
    ),
    (
        "NaN weight",
        lambda: split(BonusLine(line_id="b", amount_cents=1, weights={ALICE: D("NaN")})),
        se.InvalidNumber,
        "split.error.invalid_number",
    ),
    (
        "decimal amount",
        lambda: split(_milestone(amount_cents=D("10.5"), shares={ALICE: 100})),
        se.InvalidNumber,
        "split.error.invalid_number",
    ),
    (
        "too precise share",
        lambda: split(_milestone(shares={ALICE: D("99.9999999"), BRUNO: D("0.0000001")})),
        se.TooPrecise,
        "split.error.too_precise",
    ),
    (
        "line amount too large",
        lambda: split(_milestone(amount_cents=10**12 + 1, shares={ALICE: 100})),
        se.AmountTooLarge,
        "split.error.amount_too_large",
    ),
    (
        "invoice total too large",
        lambda: split(
            _milestone(amount_cents=10**12, shares={ALICE: 100}),
            MilestoneLine(line_id="m2", amount_cents=1, shares={ALICE: 100}),
        ),
        se.AmountTooLarge,
        "split.error.total_too_large",
    ),
    (
        "derived time amount too large",
        lambda: split(
            TimeLine(line_id="t", time_entries=[TimeEntry(ALICE, 1_000_000)] * 20),
            members=[Member(member_id=ALICE, rate_cents=10**8)],
        ),
        se.AmountTooLarge,
        "split.error.amount_too_large",
    ),
    (
        "missing rate",
        lambda: split(
            TimeLine(line_id="t", time_entries=[TimeEntry(ALICE, 10)]),
            members=[Member(member_id=ALICE)],
        ),
        se.MissingRate,
        "split.error.missing_rate",
    ),
    (
        "zero rates with an amount",
        lambda: split(
            TimeLine(line_id="t", amount_cents=100, time_entries=[TimeEntry(ALICE, 10)]),
            members=[Member(member_id=ALICE, rate_cents=0)],
        ),
        se.MissingRate,
        "split.error.zero_rates",
    ),
    (
        "duplicate line id",
        lambda: split(_milestone(shares={ALICE: 100}), _milestone(shares={ALICE: 100})),
        se.DuplicateId,
        "split.error.duplicate_line",
    ),
    (
        "duplicate member",
        lambda: split(
            _milestone(shares={ALICE: 100}),
            members=[Member(member_id=ALICE), Member(member_id=ALICE)],
        ),
        se.DuplicateId,
        "split.error.duplicate_member",
    ),
    (
        "empty line id",
        lambda: split(MilestoneLine(line_id=" ", amount_cents=1, shares={ALICE: 100})),
        se.InvalidId,
        "split.error.invalid_id",
    ),
    (
        "unknown line type",
        lambda: split(object()),
        se.InvalidId,
        "split.error.invalid_id",
    ),
    (
        "unknown kind of time",
        lambda: split(TimeLine(line_id="t", time_entries=[TimeEntry(ALICE, 10, "holiday")])),
        se.InvalidNumber,
        "split.error.invalid_number",
    ),
    (
        "float minutes",
        lambda: split(TimeLine(line_id="t", time_entries=[TimeEntry(ALICE, 10.0)])),
        se.InvalidNumber,
        "split.error.invalid_number",
    ),
    (
        "minutes over the bound",
        lambda: split(TimeLine(line_id="t", time_entries=[TimeEntry(ALICE, 1_000_001)])),
        se.AmountTooLarge,
        "split.error.amount_too_large",
    ),
    (
        "unknown origin",
        lambda: split(FixedLine(line_id="f", amount_cents=1, shares={ALICE: 100}, origin="gift")),
        se.InvalidNumber,
        "split.error.invalid_number",
    ),
    (
        "zero hours per day",
        lambda: split(
            _milestone(shares={ALICE: 100}),
            members=[
                Member(member_id=ALICE, rate_cents=1, rate_unit=RateUnit.DAY, hours_per_day=0)
            ],
        ),
        se.InvalidNumber,
        "split.error.invalid_number",
    ),
]


@pytest.mark.parametrize(
    ("build", "error_type", "code"),
    [case[1:] for case in ERROR_CASES],
    ids=[case[0] for case in ERROR_CASES],
)
def test_impossible_inputs_raise_typed_errors(build, error_type, code):
    with pytest.raises(error_type) as caught:
        build()
    error = caught.value
    assert isinstance(error, base_errors.ValidationError)
    assert isinstance(error, se.SplitError)
    assert error.code == code
    assert code in messages_of("split")
    for locale in ("en", "fr"):
        text = translate(error.code, locale, **error.params)
        assert text != code
        assert "{" not in text, text


def test_shares_error_reports_the_total_in_percent():
    with pytest.raises(se.SharesOverHundred) as caught:
        split(_milestone(shares={ALICE: 6_000, BRUNO: 4_050}, share_unit=ShareUnit.BASIS_POINTS))
    assert caught.value.params["total"] == "100.5"
    assert caught.value.params["line"] == "m"
    assert caught.value.field == "shares"


def test_unknown_member_error_names_member_and_line():
    with pytest.raises(se.UnknownMember) as caught:
        split(BonusLine(line_id="bonus-q3", amount_cents=10, weights={ALICE: 1, 42: 1}))
    assert caught.value.params["member"] == "42"
    assert caught.value.params["line"] == "bonus-q3"


# --- VAT -------------------------------------------------------------------------------------


def test_vat_is_rounded_half_up_per_share_and_summed():
    summary = compute_vat(
        {ALICE: 10_001, BRUNO: 10_003, CHLOE: 5_000},
        {
            ALICE: VatStatus.standard(2_000),
            BRUNO: VatStatus.standard(2_000),
            CHLOE: VatStatus.exempt(),
        },
    )
    # 2000.2 -> 2000 ; 2000.6 -> 2001 ; exempt -> 0
    assert [row.vat_cents for row in summary.shares] == [2_000, 2_001, 0]
    assert summary.total_vat_cents == 4_001
    assert summary.total_before_tax_cents == 25_004
    assert summary.total_cents == 29_005
    assert summary.legal_mentions == (VAT_EXEMPT_MENTION,)
    assert VAT_EXEMPT_MENTION == "TVA non applicable, art. 293 B du CGI"
    assert summary.shares[2].legal_mention == VAT_EXEMPT_MENTION
    assert summary.shares[0].legal_mention == ""
    assert [(r.rate_bp, r.base_cents, r.vat_cents) for r in summary.by_rate] == [
        (2_000, 20_004, 4_001),
        (None, 5_000, 0),
    ]


def test_vat_half_cent_rounds_up():
    summary = compute_vat(
        [(ALICE, 100), (BRUNO, 10)], {ALICE: VatStatus(550), BRUNO: VatStatus(550)}
    )
    # 5.5 -> 6 ; 0.55 -> 1
    assert [row.vat_cents for row in summary.shares] == [6, 1]


def test_vat_for_split_includes_collective_fee_and_matches_invoice_total():
    result = split(
        BonusLine(line_id="b", amount_cents=100_000, weights={ALICE: 1, BRUNO: 1, CHLOE: 2}),
        fee=10,
    )
    summary = vat_for_split(
        result,
        {ALICE: VatStatus(2_000), BRUNO: VatStatus.exempt(), CHLOE: VatStatus(2_000)},
        collective_status=VatStatus(2_000),
    )
    assert summary.total_before_tax_cents == result.total_cents == 100_000
    assert summary.collective is not None
    assert summary.collective.base_cents == 10_000
    # alice 22 500 -> 4 500, chloe 45 000 -> 9 000, fee 10 000 -> 2 000, bruno exempt
    assert summary.total_vat_cents == 15_500
    assert summary.legal_mentions == (VAT_EXEMPT_MENTION,)


def test_vat_refuses_missing_status_and_bad_rate():
    with pytest.raises(se.InvalidVat) as caught:
        compute_vat({ALICE: 100}, {})
    assert caught.value.code == "split.error.missing_vat_status"
    with pytest.raises(se.InvalidVat) as caught:
        compute_vat({ALICE: 100}, {ALICE: VatStatus(10_001)})
    assert caught.value.code == "split.error.vat_rate_out_of_range"
    with pytest.raises(se.InvalidVat):
        compute_vat({ALICE: 100}, {ALICE: VatStatus(2_000)}, collective_fee_cents=5)
    with pytest.raises(se.NegativeAmount):
        compute_vat({ALICE: -1}, {ALICE: VatStatus(2_000)})
    # a member with nothing to invoice needs no status
    assert compute_vat({ALICE: 0}, {}).shares == ()


# --- texts -----------------------------------------------------------------------------------


def _placeholders(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_messages_have_both_languages_and_same_placeholders():
    for key, (english, french) in messages_of("split").items():
        assert key.startswith("split."), key
        assert english.strip() and french.strip(), key
        assert _placeholders(english) == _placeholders(french), key


def test_every_error_default_code_has_a_message():
    classes = [
        value
        for value in vars(se).values()
        if isinstance(value, type) and issubclass(value, se.SplitError)
    ]
    assert len(classes) >= 15
    for cls in classes:
        assert cls.default_code in messages_of("split"), cls


def test_explanations_in_english_and_french():
    result = split(
        MilestoneLine(
            line_id="m", amount_cents=10_000, shares={ALICE: 50, BRUNO: 50}, label="Logo design"
        ),
        TimeLine(
            line_id="t",
            time_entries=[TimeEntry(ALICE, 90), TimeEntry(ALICE, 30, TimeKind.MANAGEMENT)],
            label="Support",
        ),
        BonusLine(line_id="b", amount_cents=10_001, weights={ALICE: 1, BRUNO: 1, CHLOE: 1}),
        fee=10,
    )
    english = describe_member(result.member(ALICE), "en")
    assert english[0] == (
        "Logo design (Milestone): agreed share of 50 % of €90.00 = €45.00, paid €45.00"
    )
    # 90 min + 30 min of management at 60.00/h = 120.00, fee 12.00
    assert english[1] == (
        "Support (Time spent): 2 h 00 (0 h 30 of project management) × your rate = €120.00 "
        "out of €120.00, share of €108.00 = €108.00, paid €108.00"
    )
    alice_total = result.member(ALICE).total_cents
    assert alice_total in (4_500 + 10_800 + 3_000, 4_500 + 10_800 + 3_001)
    assert english[-1] == f"Total for alice: {format_money(alice_total, 'en')}"
    french = describe_member(result.member(ALICE), "fr")
    assert french[0].startswith("Logo design (Jalon)\u00a0: part convenue de 50 % de 90,00")
    assert "dont 0 h 30 de gestion de projet" in french[1]
    # bonus: 100.01 - 10.00 fee = 90.01 over three -> exactly one rounding cent
    rounded = [
        line
        for member in result.members
        for line in describe_member(member, "en")
        if line.endswith("(+1 cent from rounding, largest remainder)")
    ]
    assert len(rounded) == 1
    assert "b (Performance bonus): contribution weight 1 out of 3" in rounded[0]
    assert "= €30.00333333, paid €30.01" in rounded[0]
    fee_text = describe_fee(result, "fr")
    assert fee_text[-1] == "Commission du collectif (10 %)\u00a0: 32,00\u00a0€"
    assert fee_text[0] == (
        "Logo design\u00a0: commission du collectif de 10 % retenue avant la répartition\u00a0: "
        "10,00\u00a0€ sur 100,00\u00a0€"
    )
