"""What billing shows of rates: a person's profile, project rates, VAT rates in percent."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from collab_app.i18n import format_money, format_number, translate
from collab_app.models import BillingProfile
from collab_app.services.billing.payees import RateInfo
from collab_app.services.billing.split_engine import VAT_EXEMPT_MENTION
from collab_app.services.shared_views import view_from


@dataclass(frozen=True, slots=True)
class ProfileView:
    """A person's own billing profile, formatted for their form."""

    rate: str
    rate_unit: str
    hours_per_day: int
    vat_exempt: bool
    vat_rate: str


@dataclass(frozen=True, slots=True)
class RateRow:
    """One person's rate on a project, for its managers."""

    user_id: int
    name: str
    role: str
    rate: str
    rate_unit: str
    management_rate: str
    from_project: bool


def format_bp(bp: int, locale: str | None) -> str:
    """Format basis points as a percent number: ``20``, ``5,5``.

    Args:
        bp: Basis points.
        locale: ``en`` or ``fr``.

    Returns:
        The text.
    """
    return format_number(Decimal(bp).scaleb(-2), locale)


def amount_text(cents: int | None, locale: str) -> str:
    """Format an amount for a form field: the number without the currency sign.

    Args:
        cents: The amount, None for none.
        locale: ``en`` or ``fr``.

    Returns:
        The text, empty for None.
    """
    if cents is None:
        return ""
    return format_money(cents, locale).replace("€", "").replace("\u00a0", "").strip()


def vat_label(rate_bp: int | None, locale: str) -> str:
    """Return the label of a VAT rate (``VAT 20 %``) or the exemption mention.

    Args:
        rate_bp: Basis points, None when exempt.
        locale: ``en`` or ``fr``.

    Returns:
        The label.
    """
    if rate_bp is None:
        return VAT_EXEMPT_MENTION
    return translate("split.vat.rate", locale, rate=format_bp(rate_bp, locale))


def profile_view(profile: BillingProfile, locale: str) -> ProfileView:
    """Project a person's own billing profile for their form.

    Args:
        profile: The saved profile, or an unsaved one with the defaults.
        locale: For amounts and the VAT rate.

    Returns:
        The view.
    """
    return view_from(
        ProfileView,
        profile,
        rate=amount_text(profile.rate_cents, locale),
        vat_rate=format_bp(profile.vat_rate_bp, locale),
    )


def rate_row(user_id: int, name: str, role: str, rate: RateInfo, locale: str) -> RateRow:
    """Project one person's rate on a project for its managers.

    Args:
        user_id: The person.
        name: Their display name.
        role: Their role on the project.
        rate: Their effective rate there.
        locale: For amounts.

    Returns:
        The row.
    """
    return RateRow(
        user_id=user_id,
        name=name,
        role=role,
        rate=amount_text(rate.rate_cents, locale),
        rate_unit=rate.rate_unit,
        management_rate=amount_text(rate.management_rate_cents, locale),
        from_project=rate.from_project,
    )
