"""Revenue-split engine: who earns what on an invoice, exactly to the cent, with reasons.

Pure Python: no database, no Reflex, no ``float``. Money is integer cents; quantities are
``int`` or ``Decimal`` and become exact fractions internally.

Input (:class:`SplitInput`): a roster of :class:`Member` (with their hour or day rate and an
optional project-management rate), lines of any mix of bases, and an optional collective fee:

* :class:`MilestoneLine` — a deliverable at a fixed price, divided by agreed ``shares`` (percent,
  up to 6 decimals, or integer basis points; they must add up to exactly 100 % / 10,000 bp) or,
  when no shares are given, by the minutes each member invested on it (production and
  management minutes count alike).
* :class:`FixedLine` — a billable line from an overage round or an approved change order,
  divided exactly like a milestone.
* :class:`TimeLine` — each member's minutes x rate (management minutes at the management
  rate). With ``amount_cents`` the amount is divided in proportion to time x rate; without it,
  the line amount is the exact sum of time x rate rounded half up to the cent, then divided
  in the same proportions.
* :class:`BonusLine` — a performance bonus divided by contribution weights (any scale).

Order of operations, for each line, independently:

1. the line amount (given, or derived for a time line as above);
2. the collective fee: ``amount x fee_percent / 100`` rounded **half up** to the cent, kept by the
   collective (so the fee total is the sum of per-line fees, not the fee of the total);
3. the rest, ``distributable = amount - fee``, is divided between the line's members in
   proportion to their weights with the largest-remainder method:

   * every exact share ``distributable x w / W`` (a rational number, computed exactly) is
     floored to the cent;
   * the leftover cents (always fewer than the members with a non-zero remainder) are handed
     out one at a time, to the largest fractional remainders first;
   * **tie-break**: members whose remainders are equal and who cannot all receive a cent are
     listed in canonical order (integer ids ascending, then string ids ascending) and that list
     is rotated left by ``seed % len(group)``; the first ones in the rotated list get the
     cents. ``seed`` (:func:`tie_seed`) is the first 8 bytes, big-endian, of the SHA-256 of
     ``invoice_number``, the unit separator U+001F and ``line_id``, UTF-8 encoded. Different
     lines and invoices start the rotation at different members, so over many splits the
     extra cents spread evenly over the tied members; the same invoice always gives the same
     result, whatever the order of the roster or of the mappings given.

Hence, on every line, ``fee + sum(shares) == amount`` exactly, no share is negative, every
rounded share is the floor of its exact share or one cent more, a member with a zero weight
gets nothing, and member totals plus the collective fee equal the invoice total exactly.

Bounds: a line amount and the invoice total are at most ``MAX_AMOUNT_CENTS`` (10**12 cents);
shares, weights, rates and the fee take at most 6 decimal places; a ``float``, a ``bool`` or a
negative value is refused. A draft without an invoice number passes its draft key as
``invoice_number`` (the tie-break then changes once the invoice is numbered, which is why
issuing freezes the split).

Output (:class:`SplitResult`): per member, their total and one :class:`LineExplanation` per
line they take part in (basis, method, quantity, exact ``Decimal`` share of the line's
distributable amount, rounded cents, whether a rounding cent was added); per line, its
:class:`LineSplit`; the collective fee total.
Exact shares are reported with 6 decimals of a cent (half-even) — the allocation itself uses
exact rationals. :mod:`.explain` turns explanations into English or French sentences.

VAT (:func:`compute_vat`, :func:`vat_for_split`) is computed per member share, rounded half up
per share; see :mod:`.vat`.

Impossible inputs raise :class:`~collab_app.services.billing.split_engine.errors.SplitError`
subclasses of ``ValidationError`` whose codes are ``split.error.*`` message keys.
"""

from collab_app.services.billing.split_engine import errors, model
from collab_app.services.billing.split_engine.allocate import (
    largest_remainder,
    member_key,
    tie_seed,
)
from collab_app.services.billing.split_engine.compute import compute_split
from collab_app.services.billing.split_engine.errors import *  # noqa: F403
from collab_app.services.billing.split_engine.explain import (
    basis_label,
    describe_fee,
    describe_line,
    describe_member,
)
from collab_app.services.billing.split_engine.model import *  # noqa: F403
from collab_app.services.billing.split_engine.vat import (
    VAT_EXEMPT_MENTION,
    ShareVat,
    VatRateTotal,
    VatStatus,
    VatSummary,
    compute_vat,
    vat_for_split,
)

# The engine's data and errors are exported as their modules declare them.
__all__ = [
    *errors.__all__,
    *model.__all__,
    "VAT_EXEMPT_MENTION",
    "ShareVat",
    "VatRateTotal",
    "VatStatus",
    "VatSummary",
    "basis_label",
    "compute_split",
    "compute_vat",
    "describe_fee",
    "describe_line",
    "describe_member",
    "largest_remainder",
    "member_key",
    "tie_seed",
    "vat_for_split",
]
