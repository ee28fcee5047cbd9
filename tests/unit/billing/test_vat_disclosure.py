"""When the legal VAT breakdown of the client invoice reveals one member's share."""

from __future__ import annotations

from collab_app.services.billing.split_engine import VatStatus, compute_vat
from collab_app.services.billing.vat_disclosure import revealed_members, revealed_names

STANDARD, EXEMPT = VatStatus.standard(2000), VatStatus.exempt()


def _vat(shares, statuses, fee=0, fee_status=None):
    return compute_vat(shares, statuses, collective_fee_cents=fee, collective_status=fee_status)


def test_one_exempt_member_among_taxed_ones_is_revealed():
    vat = _vat({1: 50_000, 2: 30_000, 3: 20_000}, {1: STANDARD, 2: STANDARD, 3: EXEMPT})
    assert revealed_members(vat) == (3,)
    assert revealed_names(vat, {1: "Alice", 2: "Bruno", 3: "Chloé"}) == "Chloé"
    # The exempt base printed for the client is exactly her share.
    exempt_row = next(r for r in vat.by_rate if r.rate_bp is None)
    assert exempt_row.base_cents == 20_000


def test_two_exempt_members_or_a_shared_rate_reveal_nobody():
    statuses = {1: STANDARD, 2: STANDARD, 3: EXEMPT, 4: EXEMPT}
    assert revealed_members(_vat({1: 5, 2: 3, 3: 2, 4: 1}, statuses)) == ()
    # Everyone taxed alike: one base for all.
    assert revealed_members(_vat({1: 10, 2: 20}, {1: STANDARD, 2: STANDARD})) == ()
    # The only taxed member among exempt ones is revealed by the 20 % base.
    statuses = {1: STANDARD, 2: EXEMPT, 3: EXEMPT}
    assert revealed_members(_vat({1: 50_000, 2: 30_000, 3: 20_000}, statuses)) == (1,)


def test_the_collective_fee_at_the_same_rate_hides_the_share():
    statuses = {1: STANDARD, 2: EXEMPT, 3: STANDARD}
    shares = {1: 50_000, 2: 20_000, 3: 10_000}
    assert revealed_members(_vat(shares, statuses, fee=5_000, fee_status=EXEMPT)) == ()
    # A taxed fee leaves the exempt member alone at her rate again.
    assert revealed_members(_vat(shares, statuses, fee=5_000, fee_status=STANDARD)) == (2,)


def test_a_member_alone_at_a_reduced_rate_is_revealed_too():
    statuses = {1: STANDARD, 2: STANDARD, 3: VatStatus.standard(1000)}
    assert revealed_members(_vat({1: 1, 2: 2, 3: 3}, statuses)) == (3,)


def test_a_single_person_or_a_zero_share_reveals_nothing_more_than_the_total():
    assert revealed_members(_vat({1: 10_000}, {1: EXEMPT})) == ()
    # A member with nothing on the invoice does not count as a contributor.
    vat = _vat({1: 10_000, 2: 0}, {1: STANDARD, 2: EXEMPT})
    assert revealed_members(vat) == ()
    # Two people, different rates: each base is one person's share.
    assert revealed_members(_vat({1: 10_000, 2: 5_000}, {1: STANDARD, 2: EXEMPT})) == (1, 2)
