"""Rates: a person's default rate and VAT status, and per-project rates set by managers.

A person sees and edits their own billing profile (their default rate and VAT status). Project
rates are money of the project: only its managers read or write them. The split uses
:func:`~collab_app.services.billing.payees.effective_rates` (project rate, else profile default,
else no rate).
"""

from __future__ import annotations

from sqlmodel import Session, select

from collab_app.models import BillingProfile, ProjectRate
from collab_app.models.base import utcnow
from collab_app.models.revenue import RATE_UNITS
from collab_app.services import permissions
from collab_app.services.amounts import read_cents
from collab_app.services.billing import presenter
from collab_app.services.billing.payees import effective_rates, paid_people
from collab_app.services.billing.presenter import ProfileView, RateRow
from collab_app.services.errors import NotFound, ValidationError
from collab_app.services.viewer import Viewer

MAX_RATE_CENTS = 10**8  # one million euros per hour or day


def parse_rate(
    text: object, *, field: str, optional: bool = False, locale: str | None = None
) -> int | None:
    """Parse a typed rate into cents.

    Args:
        text: What was typed, in the reader's notation.
        field: Form field named in errors.
        optional: An empty value gives None instead of an error.
        locale: The reader's language (None: only amounts every language reads alike).

    Returns:
        Cents, or None when empty and optional.

    Raises:
        ValidationError: Not an amount, negative or too large.
    """
    raw = str(text or "").strip() if isinstance(text, str | int) else ""
    if not raw:
        if optional:
            return None
        raise ValidationError("revenue.rate_invalid", field=field)
    cents = read_cents(raw, locale, field=field, invalid_key="revenue.rate_invalid")
    if not 0 <= cents <= MAX_RATE_CENTS:
        raise ValidationError("revenue.rate_invalid", field=field)
    return cents


def _unit(value: object) -> str:
    if value not in RATE_UNITS:
        raise ValidationError("revenue.rate_unit_invalid", field="rate_unit")
    return str(value)


def parse_vat_rate(text: object) -> int:
    """Parse a VAT rate in percent (``20``, ``5,5``) into basis points.

    Args:
        text: The typed rate.

    Returns:
        Basis points (2000 for 20 %).

    Raises:
        ValidationError: Not a rate between 0 and 100 % with at most two decimals.
    """
    raw = str(text or "").strip().replace(",", ".").rstrip("%").strip()
    try:
        whole, _, frac = raw.partition(".")
        if not whole.isdigit() or (frac and (not frac.isdigit() or len(frac) > 2)):
            raise ValueError(raw)
        bp = int(whole) * 100 + int((frac or "0").ljust(2, "0"))
    except ValueError as exc:
        raise ValidationError("revenue.vat_rate_invalid", field="vat_rate") from exc
    if bp > 10_000:
        raise ValidationError("revenue.vat_rate_invalid", field="vat_rate")
    return bp


def get_profile(session: Session, viewer: Viewer, *, locale: str = "en") -> ProfileView:
    """Return the viewer's own billing profile (defaults when none was saved).

    Args:
        locale: For formatting amounts.

    Returns:
        The profile.
    """
    return presenter.profile_view(_profile(session, viewer.user_id), locale)


def _profile(session: Session, user_id: int) -> BillingProfile:
    return session.exec(
        select(BillingProfile).where(BillingProfile.user_id == user_id)
    ).first() or BillingProfile(user_id=user_id)


def save_profile(
    session: Session,
    viewer: Viewer,
    *,
    rate: object,
    rate_unit: object,
    vat_exempt: bool,
    vat_rate: object,
) -> None:
    """Save the viewer's default rate and VAT status.

    Args:
        viewer: The signed-in person (only their own profile).
        rate: Default rate as typed; empty for none.
        rate_unit: ``hour`` or ``day``.
        vat_exempt: Micro-entrepreneur under art. 293 B du CGI.
        vat_rate: VAT rate in percent when not exempt.
    """
    cents = parse_rate(rate, field="rate", optional=True, locale=viewer.locale)
    unit = _unit(rate_unit)
    bp = 0 if vat_exempt is True else parse_vat_rate(vat_rate)
    profile = _profile(session, viewer.user_id)
    profile.rate_cents, profile.rate_unit = cents, unit
    profile.vat_exempt = vat_exempt is True
    if not profile.vat_exempt:
        profile.vat_rate_bp = bp
    profile.updated_at = utcnow()
    session.add(profile)
    session.commit()


def list_rates(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en"
) -> list[RateRow]:
    """Return the rate of everyone paid on a project (managers only).

    Args:
        viewer: A manager of the project.
        locale: For formatting.

    Returns:
        One row per person.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    people = paid_people(session, access.project.id)
    rates = effective_rates(session, access.project.id, {uid for uid, _, _ in people})
    return [presenter.rate_row(uid, name, role, rates[uid], locale) for uid, name, role in people]


def set_project_rate(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    user_id: object,
    rate: object,
    rate_unit: object,
    management_rate: object = "",
) -> None:
    """Set someone's rate on a project (managers); an empty rate goes back to their default.

    Args:
        viewer: A manager of the project.
        user_id: Id received from the client; must be paid on the project.
        rate: Rate as typed; empty to remove the project rate.
        rate_unit: ``hour`` or ``day``.
        management_rate: Rate of project-management time, empty for the same rate.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    uid = permissions.coerce_id(user_id)
    if uid not in {p[0] for p in paid_people(session, access.project.id)}:
        raise NotFound()
    cents = parse_rate(rate, field="rate", optional=True, locale=viewer.locale)
    unit = _unit(rate_unit)
    management = parse_rate(
        management_rate, field="management_rate", optional=True, locale=viewer.locale
    )
    row = session.exec(
        select(ProjectRate).where(
            ProjectRate.project_id == access.project.id, ProjectRate.user_id == uid
        )
    ).first()
    if cents is None:
        if row is not None:
            session.delete(row)
    else:
        row = row or ProjectRate(project_id=access.project.id, user_id=uid, rate_cents=cents)
        row.rate_cents, row.rate_unit, row.management_rate_cents = cents, unit, management
        row.updated_at = utcnow()
        session.add(row)
    session.commit()
