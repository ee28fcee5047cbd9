"""Payees: who is paid on a project, at which rate, with which VAT status; the collective's fee.

What a split reads (no permission check: its callers have done it). A person's rate on a project
is the project rate set by its managers, else their profile default, else none
(:mod:`collab_app.services.billing.rates` edits both).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from collab_app.models import BillingProfile, CollectiveBilling, ProjectMember, ProjectRate, User
from collab_app.services import permissions
from collab_app.services.billing.split_engine import VatStatus


@dataclass(frozen=True, slots=True)
class RateInfo:
    """The rate the split uses for one person on one project."""

    rate_cents: int | None
    rate_unit: str
    management_rate_cents: int | None
    hours_per_day: int
    from_project: bool


def paid_people(session: Session, project_id: int) -> list[tuple[int, str, str]]:
    """Return who can be paid on a project: its managers, members and guests.

    Args:
        project_id: The project.

    Returns:
        (user id, display name, role), sorted by name.
    """
    rows = session.exec(
        select(User.id, User.display_name, ProjectMember.role)
        .join(ProjectMember, ProjectMember.user_id == User.id)
        .where(
            ProjectMember.project_id == project_id, ProjectMember.role.in_(permissions.PAID_ROLES)
        )
        .order_by(User.display_name)
    ).all()
    return [(uid, name, role) for uid, name, role in rows]


def effective_rates(session: Session, project_id: int, user_ids: set[int]) -> dict[int, RateInfo]:
    """Return the rate of each person on a project (no permission check: callers have done it).

    Args:
        project_id: The project.
        user_ids: The people.

    Returns:
        User id -> rate (``rate_cents`` None when neither a project nor a profile rate exists).
    """
    if not user_ids:
        return {}
    project = {
        r.user_id: r
        for r in session.exec(
            select(ProjectRate).where(
                ProjectRate.project_id == project_id, ProjectRate.user_id.in_(user_ids)
            )
        ).all()
    }
    profiles = {
        p.user_id: p
        for p in session.exec(
            select(BillingProfile).where(BillingProfile.user_id.in_(user_ids))
        ).all()
    }
    rates: dict[int, RateInfo] = {}
    for uid in user_ids:
        if uid in project:
            r = project[uid]
            rates[uid] = RateInfo(
                r.rate_cents, r.rate_unit, r.management_rate_cents, r.hours_per_day, True
            )
        elif uid in profiles:
            p = profiles[uid]
            rates[uid] = RateInfo(p.rate_cents, p.rate_unit, None, p.hours_per_day, False)
        else:
            rates[uid] = RateInfo(None, "day", None, 7, False)
    return rates


def vat_statuses(session: Session, user_ids: set[int]) -> dict[int, VatStatus]:
    """Return each person's VAT status (standard 20 % when they never set one).

    Args:
        user_ids: The people.

    Returns:
        User id -> status.
    """
    profiles = {
        p.user_id: p
        for p in session.exec(
            select(BillingProfile).where(BillingProfile.user_id.in_(user_ids or {0}))
        ).all()
    }
    statuses: dict[int, VatStatus] = {}
    for uid in user_ids:
        p = profiles.get(uid)
        if p is not None and p.vat_exempt:
            statuses[uid] = VatStatus.exempt()
        else:
            statuses[uid] = VatStatus.standard(p.vat_rate_bp if p else 2000)
    return statuses


def collective_billing(session: Session, collective_id: int) -> CollectiveBilling:
    """Return a collective's invoicing settings (defaults, unsaved, when none exist).

    Args:
        collective_id: The collective.

    Returns:
        The settings row.
    """
    return session.exec(
        select(CollectiveBilling).where(CollectiveBilling.collective_id == collective_id)
    ).first() or CollectiveBilling(collective_id=collective_id)


def collective_vat_status(billing: CollectiveBilling) -> VatStatus:
    """Return the VAT status of the collective's fee.

    Args:
        billing: The collective's settings.

    Returns:
        The status.
    """
    if billing.fee_vat_exempt:
        return VatStatus.exempt()
    return VatStatus.standard(billing.fee_vat_rate_bp)
