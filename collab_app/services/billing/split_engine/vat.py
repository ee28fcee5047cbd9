"""VAT per member share.

Each member invoices their own share, so VAT is computed **per share**: ``vat = share x rate``
rounded half up to the cent, for each member separately; the invoice's VAT is the sum of
these rounded amounts (it may differ by a few cents from ``total x rate`` rounded once, by at
most half a cent per share). A VAT-exempt micro-entrepreneur's share carries no VAT and the
legal mention :data:`VAT_EXEMPT_MENTION`. The collective fee is one more share, taxed with the
collective's own status; a fee above zero without a status is refused rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from collab_app.services.billing.split_engine.allocate import member_key
from collab_app.services.billing.split_engine.errors import (
    InvalidNumber,
    InvalidVat,
    NegativeAmount,
)
from collab_app.services.billing.split_engine.model import MAX_AMOUNT_CENTS, MemberId, SplitResult

VAT_EXEMPT_MENTION = "TVA non applicable, art. 293 B du CGI"
"""Legal mention of the French VAT franchise (``franchise en base``); not translated."""

MAX_VAT_RATE_BP = 10_000


@dataclass(frozen=True, slots=True)
class VatStatus:
    """A member's VAT status: a rate in basis points (2000 = 20 %), or exempt (``None``)."""

    rate_bp: int | None

    @classmethod
    def standard(cls, rate_bp: int) -> VatStatus:
        """Return a status charging VAT at ``rate_bp`` basis points.

        Args:
            rate_bp: e.g. 2000 for 20 %, 550 for 5.5 %.

        Returns:
            The status.
        """
        return cls(rate_bp=rate_bp)

    @classmethod
    def exempt(cls) -> VatStatus:
        """Return the status of a micro-entrepreneur under art. 293 B du CGI."""
        return cls(rate_bp=None)

    @property
    def is_exempt(self) -> bool:
        """Whether no VAT is charged."""
        return self.rate_bp is None

    @property
    def legal_mention(self) -> str:
        """The legal mention to print, empty unless exempt."""
        return VAT_EXEMPT_MENTION if self.rate_bp is None else ""


@dataclass(frozen=True, slots=True)
class ShareVat:
    """VAT on one share.

    Attributes:
        member_id: The member, or ``None`` for the collective fee.
        base_cents: Share before tax.
        rate_bp: VAT rate in basis points, ``None`` when exempt.
        vat_cents: VAT, rounded half up.
        legal_mention: :data:`VAT_EXEMPT_MENTION` when exempt, else empty.
    """

    member_id: MemberId | None
    base_cents: int
    rate_bp: int | None
    vat_cents: int
    legal_mention: str

    @property
    def total_cents(self) -> int:
        """Share including VAT."""
        return self.base_cents + self.vat_cents


@dataclass(frozen=True, slots=True)
class VatRateTotal:
    """Bases and VAT of every share at one rate (``None``: exempt), for the invoice footer."""

    rate_bp: int | None
    base_cents: int
    vat_cents: int


@dataclass(frozen=True, slots=True)
class VatSummary:
    """VAT of a whole invoice.

    Attributes:
        shares: One per member share, in the given order (zero shares without a status are
            left out).
        collective: VAT on the collective fee, ``None`` when there is no fee.
        by_rate: Totals per rate, exempt last.
        total_before_tax_cents: Sum of the bases.
        total_vat_cents: Sum of the per-share VAT.
        total_cents: Before tax plus VAT.
        legal_mentions: Mentions to print on the invoice (deduplicated).
    """

    shares: tuple[ShareVat, ...]
    collective: ShareVat | None
    by_rate: tuple[VatRateTotal, ...]
    total_before_tax_cents: int
    total_vat_cents: int
    total_cents: int
    legal_mentions: tuple[str, ...]


def compute_vat(
    shares: Mapping[MemberId, int] | Iterable[tuple[MemberId, int]],
    statuses: Mapping[MemberId, VatStatus],
    *,
    collective_fee_cents: int = 0,
    collective_status: VatStatus | None = None,
) -> VatSummary:
    """Compute VAT share by share, and the invoice totals.

    Args:
        shares: Member -> share in cents (or pairs), before tax.
        statuses: Member -> VAT status; required for every share above zero.
        collective_fee_cents: The collective fee, taxed as one more share.
        collective_status: The collective's VAT status; required when the fee is above zero.

    Returns:
        Per-share VAT, totals per rate and for the invoice, legal mentions.

    Raises:
        InvalidVat: A status is missing or a rate is outside 0 to 10,000 basis points.
        InvalidNumber: A share is not an integer.
        NegativeAmount: A share is negative.
    """
    pairs = list(shares.items()) if isinstance(shares, Mapping) else list(shares)
    rows: list[ShareVat] = []
    for member_id, base in pairs:
        status = statuses.get(member_id)
        if status is None and _cents(base, str(member_id)) == 0:
            continue  # a member with nothing to invoice needs no status
        rows.append(_share_vat(member_id, base, status))
    collective = None
    if collective_fee_cents or collective_status is not None:
        collective = _share_vat(None, collective_fee_cents, collective_status)
    every = [*rows, *([collective] if collective else [])]
    rates: dict[int | None, tuple[int, int]] = {}
    for row in every:
        base, vat = rates.get(row.rate_bp, (0, 0))
        rates[row.rate_bp] = (base + row.base_cents, vat + row.vat_cents)
    by_rate = tuple(
        VatRateTotal(rate_bp=rate, base_cents=base, vat_cents=vat)
        for rate, (base, vat) in sorted(
            rates.items(), key=lambda item: (item[0] is None, item[0] or 0)
        )
    )
    before = sum(row.base_cents for row in every)
    vat_total = sum(row.vat_cents for row in every)
    mentions = tuple(dict.fromkeys(row.legal_mention for row in every if row.legal_mention))
    return VatSummary(
        shares=tuple(rows),
        collective=collective,
        by_rate=by_rate,
        total_before_tax_cents=before,
        total_vat_cents=vat_total,
        total_cents=before + vat_total,
        legal_mentions=mentions,
    )


def vat_for_split(
    result: SplitResult,
    statuses: Mapping[MemberId, VatStatus],
    *,
    collective_status: VatStatus | None = None,
) -> VatSummary:
    """Compute the VAT of a computed split (members in canonical order, then the fee).

    Args:
        result: The split.
        statuses: Member -> VAT status.
        collective_status: The collective's status, required when the split keeps a fee.

    Returns:
        The VAT summary; ``total_before_tax_cents == result.total_cents``.
    """
    ordered = sorted(result.members, key=lambda member: member_key(member.member_id))
    return compute_vat(
        [(member.member_id, member.total_cents) for member in ordered],
        statuses,
        collective_fee_cents=result.collective_fee_cents,
        collective_status=collective_status,
    )


def _cents(value: object, member: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidNumber(field="shares", name="shares", line="", member=member)
    if value < 0:
        raise NegativeAmount(field="shares", name="shares", line="", member=member)
    if value > MAX_AMOUNT_CENTS:
        raise InvalidNumber(field="shares", name="shares", line="", member=member)
    return value


def _share_vat(member_id: MemberId | None, base: object, status: VatStatus | None) -> ShareVat:
    label = "collective" if member_id is None else str(member_id)
    cents = _cents(base, label)
    if status is None:
        raise InvalidVat("split.error.missing_vat_status", field="vat", member=label)
    rate = status.rate_bp
    if rate is None:
        return ShareVat(member_id, cents, None, 0, VAT_EXEMPT_MENTION)
    if isinstance(rate, bool) or not isinstance(rate, int) or not 0 <= rate <= MAX_VAT_RATE_BP:
        raise InvalidVat(field="vat", member=label, rate=str(rate))
    vat = (2 * cents * rate + MAX_VAT_RATE_BP) // (2 * MAX_VAT_RATE_BP)
    return ShareVat(member_id, cents, rate, vat, "")
