"""What billing shows of a collective's invoicing identity, to its owners and admins."""

from __future__ import annotations

from dataclasses import dataclass

from collab_app.models import Collective, CollectiveBilling
from collab_app.services.billing.presenter.rates import format_bp
from collab_app.services.shared_views import view_from


@dataclass(frozen=True, slots=True)
class BillingView:
    """The identity as its editors see it, with what an invoice still needs."""

    collective_id: int
    collective_name: str
    legal_name: str
    address: str
    siret: str
    vat_number: str
    iban: str
    bic: str
    payment_days: str
    fee_vat_exempt: bool
    fee_vat_rate: str
    late_penalty_rate: str
    early_discount: str
    vat_on_debits: bool
    missing: tuple[str, ...]
    complete: bool


def billing_view(
    collective: Collective, row: CollectiveBilling, missing: tuple[str, ...], locale: str
) -> BillingView:
    """Project a collective's invoicing identity for its editors.

    Args:
        collective: The collective.
        row: Its invoicing settings.
        missing: The fields an invoice still needs.
        locale: For the fee's VAT rate and the late-penalty rate.

    Returns:
        The view.
    """
    return view_from(
        BillingView,
        row,
        collective_id=collective.id,
        collective_name=collective.name,
        payment_days=str(row.payment_days),
        fee_vat_rate=format_bp(row.fee_vat_rate_bp, locale),
        late_penalty_rate=""
        if row.late_penalty_bp is None
        else format_bp(row.late_penalty_bp, locale),
        missing=missing,
        complete=not missing,
    )
