"""Revision terms: what counts as a revision, response time, price, contact, lead, calendar.

Managers set the terms; the team and the client read them. The counting and overage rules
live in ``counting``; deliverables with their own terms in ``deliverables``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlmodel import Session, select

from collab_app.models import (
    CollectiveMember,
    Project,
    ProjectMember,
    RevisionTerms,
    User,
)
from collab_app.models.revisions import OVERAGE_MODES, parse_holidays
from collab_app.services import clock, permissions
from collab_app.services.amounts import read_cents
from collab_app.services.errors import NotFound, ValidationError
from collab_app.services.project_lock import lock_project
from collab_app.services.revisions.access import names_of
from collab_app.services.revisions.deliverables import deliverable_views
from collab_app.services.revisions.presenter.builders import terms_settings, terms_view
from collab_app.services.revisions.presenter.views import Option, TermsSettings, TermsView
from collab_app.services.revisions.text import clean_choice, clean_int, clean_text
from collab_app.services.revisions.trace import record
from collab_app.services.viewer import Viewer

MAX_RESPONSE_DAYS = 60
MAX_PRICE_CENTS = 10**11
HOLIDAYS_MAX = 100


@dataclass(frozen=True, slots=True)
class TermsForm:
    """The terms form as a manager sent it: values of any type, each checked by ``update_terms``.

    The amounts are typed in the manager's notation; an empty one reads as 0.
    """

    counts_text: object  # what counts as a revision (shown to the client)
    excluded_text: object  # what does not (shown to the client)
    response_days: object  # committed response time, 0-60 working days
    overage_mode: object  # ``fixed`` or ``hourly``
    overage_price: object = "0"  # fixed mode: the price of an extra round
    overage_hours: object = "0"  # hourly mode: the estimated hours of a round
    hourly_rate: object = "0"  # hourly mode: the rate per hour
    contact_id: object = None  # the designated contact (a client of the project), or empty
    lead_id: object = None  # the lead receiving rounds (manager or member), or empty
    holidays: object = ""  # ISO days, one a line, not counted as working days


def load_terms(session: Session, project_id: int) -> RevisionTerms:
    """Return the project's terms, or unsaved defaults when none were set.

    Args:
        project_id: The project.

    Returns:
        The terms (never added to the session when they are defaults).
    """
    terms = session.exec(
        select(RevisionTerms)
        .where(RevisionTerms.project_id == project_id)
        .execution_options(populate_existing=True)
    ).first()
    return terms or RevisionTerms(project_id=project_id)


def overage_price_cents(terms: RevisionTerms) -> int:
    """Return the price of one round beyond the included ones.

    Args:
        terms: The project's terms.

    Returns:
        Cents: the fixed price, or estimate x hourly rate rounded half up to the cent.
    """
    if terms.overage_mode == "hourly":
        exact = Decimal(terms.overage_estimate_minutes) * Decimal(terms.hourly_rate_cents) / 60
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return terms.overage_price_cents


def holidays_of(terms: RevisionTerms) -> frozenset:
    """Return the holidays of the terms' work calendar.

    Args:
        terms: The terms.

    Returns:
        Dates.
    """
    return parse_holidays(terms.holidays)


def clean_price(value: object, *, field: str, locale: str | None = None) -> int:
    """Return an amount typed in the reader's notation as cents (0 up to a billion euros).

    Args:
        value: Typed text, or cents as an int.
        field: The form field, for errors.
        locale: The reader's language (None: only amounts every language reads alike).

    Returns:
        Cents.

    Raises:
        ValidationError: Not an amount, ambiguous, negative or too large.
    """
    if isinstance(value, bool):
        raise ValidationError("form.amount_invalid", field=field)
    if isinstance(value, int):
        cents = value
    else:
        if not isinstance(value, str) or not value.strip():
            raise ValidationError("form.amount_invalid", field=field)
        cents = read_cents(value, locale, field=field, invalid_key="form.amount_invalid")
    if cents < 0:
        raise ValidationError("form.amount_negative", field=field)
    if cents > MAX_PRICE_CENTS:
        raise ValidationError("form.amount_invalid", field=field)
    return cents


def clean_hours(value: object, *, field: str) -> int:
    """Return a duration typed in hours (``2``, ``1,5``, ``1.25``) as minutes.

    Args:
        value: Typed text.
        field: The form field, for errors.

    Returns:
        Minutes (rounded half up), 0 to 1000 hours.

    Raises:
        ValidationError: Not a duration in range.
    """
    text = str(value if isinstance(value, str | int) and not isinstance(value, bool) else "x")
    text = text.strip().replace(",", ".") or "0"
    try:
        hours = Decimal(text)
    except ArithmeticError as exc:
        raise ValidationError("revisions.hours_invalid", field=field) from exc
    if not hours.is_finite() or not 0 <= hours <= 1000:
        raise ValidationError("revisions.hours_invalid", field=field)
    return int((hours * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def read_terms(session: Session, project: Project, terms: RevisionTerms, locale: str) -> TermsView:
    """Read the terms as the team and the client see them.

    Args:
        project: The project.
        terms: Its terms.
        locale: ``en`` or ``fr``.

    Returns:
        The terms' view.
    """
    return terms_view(
        terms,
        project,
        overage_price_cents=overage_price_cents(terms),
        names=names_of(session, {terms.client_contact_id, terms.lead_id}),
        deliverables=deliverable_views(session, project.id),
        locale=locale,
    )


def _people(session: Session, project: Project, roles: tuple[str, ...]) -> list[tuple[int, str]]:
    rows = session.exec(
        select(User.id, User.display_name)
        .join(ProjectMember, ProjectMember.user_id == User.id)
        .where(ProjectMember.project_id == project.id, ProjectMember.role.in_(roles))
        .order_by(User.display_name)
    ).all()
    return list(rows)


def _team_ids(session: Session, project: Project) -> set[int]:
    admins = session.exec(
        select(CollectiveMember.user_id).where(
            CollectiveMember.collective_id == project.collective_id,
            CollectiveMember.role.in_(permissions.COLLECTIVE_ADMIN_ROLES),
        )
    ).all()
    return set(admins) | {uid for uid, _ in _people(session, project, permissions.TEAM_ROLES)}


def get_settings(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en"
) -> TermsSettings:
    """Return the terms form's values (managers).

    Args:
        viewer: A manager of the project.
        locale: For the amounts.

    Returns:
        The settings.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    project = access.project
    terms = load_terms(session, project.id)
    team = sorted(
        names_of(session, _team_ids(session, project)).items(), key=lambda p: p[1].lower()
    )

    contacts = tuple(
        Option(str(uid), name) for uid, name in _people(session, project, permissions.CLIENT_ROLES)
    )
    leads = tuple(Option(str(uid), name) for uid, name in team)
    return terms_settings(terms, contacts, leads, locale)


def _clean_person(
    session: Session, project: Project, raw: object, allowed: set[int], field: str
) -> int | None:
    if raw in (None, ""):
        return None
    try:
        uid = permissions.coerce_id(raw)
    except NotFound as exc:
        raise NotFound(field=field) from exc
    if uid not in allowed:
        raise NotFound(field=field)
    return uid


def _clean_holidays(value: object) -> str:
    text = clean_text(value, field="holidays", max_len=HOLIDAYS_MAX * 12)
    lines = [part.strip() for part in text.replace(",", "\n").splitlines() if part.strip()]
    days = parse_holidays("\n".join(lines))
    if len(days) != len(set(lines)) or len(days) > HOLIDAYS_MAX:
        raise ValidationError("revisions.holidays_invalid", field="holidays")
    return "\n".join(sorted(d.isoformat() for d in days))


def update_terms(session: Session, viewer: Viewer, *, project_id: object, form: TermsForm) -> None:
    """Save the project's revision terms (managers). Included rounds stay in the project.

    Args:
        viewer: A manager of the project.
        form: The terms as typed (see ``TermsForm``).

    Raises:
        ValidationError: A bad field.
        NotFound: The contact or lead is not a client / team member of the project.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    project = access.project
    counts = clean_text(form.counts_text, field="counts_text")
    excluded = clean_text(form.excluded_text, field="excluded_text")
    days = clean_int(form.response_days, field="response_days", low=0, high=MAX_RESPONSE_DAYS)
    mode = clean_choice(form.overage_mode, OVERAGE_MODES, field="overage_mode")
    price = (
        clean_price(form.overage_price, field="overage_price", locale=viewer.locale)
        if mode == "fixed"
        else 0
    )
    minutes = clean_hours(form.overage_hours, field="overage_hours") if mode == "hourly" else 0
    rate = (
        clean_price(form.hourly_rate, field="hourly_rate", locale=viewer.locale)
        if mode == "hourly"
        else 0
    )
    clients = {uid for uid, _ in _people(session, project, permissions.CLIENT_ROLES)}
    contact = _clean_person(session, project, form.contact_id, clients, "contact_id")
    team = _team_ids(session, project)
    lead = _clean_person(session, project, form.lead_id, team, "lead_id")
    days_off = _clean_holidays(form.holidays)
    lock_project(session, project.id, hold_references=True)
    terms = load_terms(session, project.id)
    terms.counts_text, terms.excluded_text, terms.response_days = counts, excluded, days
    terms.overage_mode, terms.overage_price_cents = mode, price
    terms.overage_estimate_minutes, terms.hourly_rate_cents = minutes, rate
    terms.client_contact_id, terms.lead_id, terms.holidays = contact, lead, days_off
    now = clock.now()
    terms.updated_at, terms.updated_by_id = now, viewer.user_id
    session.add(terms)
    record(
        session,
        project.id,
        viewer.user_id,
        "terms_updated",
        now,
        response_days=days,
        price_cents=overage_price_cents(terms),
        contact_id=contact,
        lead_id=lead,
    )
    session.commit()
