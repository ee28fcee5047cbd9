"""Typed errors of the split engine; each carries a ``split.error.*`` message key.

All of them are :class:`collab_app.services.errors.ValidationError`, so callers that only
know the generic type still show a translated message. ``field`` names the input at fault
(``fee_percent``, ``lines``, ``shares``, ``weights``, ``time_entries``, ``amount_cents``...) and
``params`` hold ``line`` (the line id) and ``member`` when relevant.
"""

from __future__ import annotations

from collab_app.services.errors import ValidationError

__all__ = [
    "AmountTooLarge",
    "DuplicateId",
    "EmptyInvoice",
    "FeeOutOfRange",
    "InvalidId",
    "InvalidNumber",
    "InvalidShares",
    "InvalidVat",
    "MissingRate",
    "NegativeAmount",
    "NoTimeLogged",
    "SharesOverHundred",
    "SharesUnderHundred",
    "SplitError",
    "TooPrecise",
    "UnknownMember",
    "ZeroWeights",
]


class SplitError(ValidationError):
    """Base of every split-engine error."""

    default_code = "split.error.invalid"


class EmptyInvoice(SplitError):
    """The invoice has no line."""

    default_code = "split.error.empty_invoice"


class DuplicateId(SplitError):
    """Two lines share an id, or a member is twice on the roster."""

    default_code = "split.error.duplicate_line"


class InvalidId(SplitError):
    """A line id or member id has the wrong type or is empty."""

    default_code = "split.error.invalid_id"


class UnknownMember(SplitError):
    """A line names a member who is not on the roster."""

    default_code = "split.error.unknown_member"


class InvalidNumber(SplitError):
    """A quantity is not an ``int``/``Decimal`` (a ``float`` is refused), or is not finite."""

    default_code = "split.error.invalid_number"


class NegativeAmount(SplitError):
    """A line amount, share, weight, rate or time is negative."""

    default_code = "split.error.negative_amount"


class AmountTooLarge(SplitError):
    """An amount or quantity exceeds its bound (``MAX_AMOUNT_CENTS`` for money)."""

    default_code = "split.error.amount_too_large"


class TooPrecise(SplitError):
    """A decimal quantity has more than ``MAX_DECIMAL_PLACES`` decimal places."""

    default_code = "split.error.too_precise"


class FeeOutOfRange(SplitError):
    """The collective fee is not between 0 and 100 percent."""

    default_code = "split.error.fee_out_of_range"


class InvalidShares(SplitError):
    """Agreed shares are impossible: base of the two errors below, and of both/neither given."""

    default_code = "split.error.shares_missing"


class SharesOverHundred(InvalidShares):
    """Agreed shares add up to more than 100 %."""

    default_code = "split.error.shares_over_100"


class SharesUnderHundred(InvalidShares):
    """Agreed shares add up to less than 100 %."""

    default_code = "split.error.shares_under_100"


class NoTimeLogged(SplitError):
    """A time-based line has no minute logged."""

    default_code = "split.error.no_time"


class MissingRate(SplitError):
    """A member logged time on a ``time`` line but has no rate; or every rate is zero."""

    default_code = "split.error.missing_rate"


class ZeroWeights(SplitError):
    """A bonus has no weight or only zero weights."""

    default_code = "split.error.zero_weights"


class InvalidVat(SplitError):
    """A VAT status is missing or its rate is outside 0 to 10,000 basis points."""

    default_code = "split.error.vat_rate_out_of_range"
