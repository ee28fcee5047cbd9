"""Properties of the credit-note arithmetic over random invoices and credit sequences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from collab_app.services.billing import credit_split as cs

RATES = st.sampled_from([None, 550, 1000, 2000])


@st.composite
def invoices_and_credits(draw):
    members = draw(st.integers(min_value=1, max_value=4))
    rates = {uid: draw(RATES) for uid in range(1, members + 1)}
    lines = []
    for index in range(draw(st.integers(min_value=1, max_value=3))):
        parts = {uid: draw(st.integers(min_value=0, max_value=500_000)) for uid in rates}
        parts[cs.FEE] = draw(st.integers(min_value=0, max_value=50_000))
        if sum(parts.values()) == 0:
            parts[1] = 1
        lines.append((f"l{index}", parts))
    credits = draw(
        st.lists(st.tuples(st.integers(0, 2), st.integers(1, 10**6)), min_size=1, max_size=5)
    )
    return rates, lines, credits, draw(RATES)


def _state(lines, taken):
    return tuple(
        cs.LineLeft(
            key=key,
            label=key,
            basis="fixed",
            position=i,
            params_json="{}",
            amount_cents=sum(parts.values()),
            remaining_cents=sum(parts.values()) - sum(taken[key].values()),
            parts={k: v - taken[key].get(k, 0) for k, v in parts.items()},
        )
        for i, (key, parts) in enumerate(lines)
    )


@settings(max_examples=60, deadline=None)
@given(invoices_and_credits())
def test_credits_add_up_never_exceed_and_the_rest_gives_back_exactly(case):
    rates, lines, credits, fee_rate = case
    taken = {key: {} for key, _ in lines}
    base = {uid: 0 for uid in rates}
    vat = {uid: 0 for uid in rates}
    fee_base = fee_vat = 0
    requests = [*credits, (None, None)]  # finally: everything that remains
    for number, (which, cents) in enumerate(requests, start=2):
        state = _state(lines, taken)
        if which is None:
            amounts = {line.key: line.remaining_cents for line in state if line.remaining_cents}
        else:
            line = state[which % len(state)]
            if not line.remaining_cents:
                continue
            amounts = {line.key: min(cents, line.remaining_cents)}
        if not amounts:
            break
        shares = {
            uid: cs.ShareLeft(uid, str(uid), rates[uid], base[uid], vat[uid]) for uid in rates
        }
        plan = cs.plan_credit(
            state,
            amounts,
            shares,
            number=f"{number:05d}",
            fee_rate_bp=fee_rate,
            fee_credited_base_cents=fee_base,
            fee_credited_vat_cents=fee_vat,
        )
        # Each line: members' parts + fee part == credited amount, nobody beyond what they hold.
        for line, credited, fee_part in plan.lines:
            given_back = {
                m.user_id: sum(p.cents for p in m.parts if p.key == line.key) for m in plan.members
            }
            assert sum(given_back.values()) + fee_part == credited == amounts[line.key]
            for uid, cents in given_back.items():
                assert 0 <= cents <= line.parts.get(uid, 0)
            assert 0 <= fee_part <= line.parts.get(cs.FEE, 0)
            for uid, cents in given_back.items():
                taken[line.key][uid] = taken[line.key].get(uid, 0) + cents
            taken[line.key][cs.FEE] = taken[line.key].get(cs.FEE, 0) + fee_part
        assert plan.total_before_tax_cents == sum(amounts.values())
        assert sum(b for _, b, _ in plan.by_rate) == plan.total_before_tax_cents
        assert sum(v for _, _, v in plan.by_rate) == plan.total_vat_cents
        for member in plan.members:
            base[member.user_id] += member.base_cents
            vat[member.user_id] += member.vat_cents
            assert member.vat_cents >= 0
        fee_base += plan.fee_cents
        fee_vat += plan.fee_vat_cents
    # After the final "everything that remains", each share and its VAT are given back exactly.
    for key, parts in lines:
        assert all(taken[key].get(k, 0) == v for k, v in parts.items())
    for uid, rate in rates.items():
        held = sum(parts[uid] for _, parts in lines)
        assert base[uid] == held
        assert vat[uid] == cs.vat_of(held, rate)
    assert fee_base == sum(parts[cs.FEE] for _, parts in lines)
    assert fee_vat == cs.vat_of(fee_base, fee_rate)
