"""Revision terms: what counts as a revision, response time, price, contact, lead, deliverables.

Managers set the terms; the team and the client read them. The counting and overage rules
live in ``revisions_counting``.
"""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, select

from collab_app.i18n import format_number
from collab_app.models import (
    CollectiveMember,
    Project,
    ProjectMember,
    RevisionDeliverable,
    RevisionItem,
    RevisionTerms,
    User,
)
from collab_app.models.revisions import OVERAGE_MODES, parse_holidays
from collab_app.services import clock, permissions
from collab_app.services.errors import Conflict, NotFound, ValidationError
from collab_app.services.revisions.common import (
    MAX_RESPONSE_DAYS,
    finish,
    load_terms,
    lock_project,
    money,
    names_of,
    overage_price_cents,
    record,
)
from collab_app.services.revisions.counting import deliverable_rounds
from collab_app.services.revisions.input import (
    REASON_MAX,
    clean_choice,
    clean_hours,
    clean_int,
    clean_price,
    clean_text,
)
from collab_app.services.revisions.views import (
    DeliverableView,
    Option,
    TermsSettings,
    TermsView,
)
from collab_app.services.viewer import Viewer

DELIVERABLE_NAME_MAX = 80
MAX_DELIVERABLES = 50
HOLIDAYS_MAX = 100


def _deliverables(session: Session, project_id: int) -> tuple[DeliverableView, ...]:
    used = deliverable_rounds(session, project_id)
    rows = session.exec(
        select(RevisionDeliverable)
        .where(RevisionDeliverable.project_id == project_id)
        .order_by(RevisionDeliverable.name)
    ).all()
    return tuple(
        DeliverableView(
            id=d.id,
            name=d.name,
            included_rounds=-1 if d.included_rounds is None else d.included_rounds,
            rounds_used=used.get(d.id, 0),
            note=d.note,
        )
        for d in rows
    )


def terms_view(session: Session, project: Project, terms: RevisionTerms, locale: str) -> TermsView:
    """Return the terms as the team and the client read them.

    Args:
        session: Database session.
        project: The project.
        terms: Its terms.
        locale: For the price.

    Returns:
        The view.
    """
    names = names_of(session, {terms.client_contact_id, terms.lead_id})
    return TermsView(
        included_rounds=project.included_rounds,
        counts_text=terms.counts_text,
        excluded_text=terms.excluded_text,
        response_days=terms.response_days,
        overage_price=money(overage_price_cents(terms), locale, project.currency),
        overage_price_cents=overage_price_cents(terms),
        contact_name=names.get(terms.client_contact_id or 0, ""),
        lead_name=names.get(terms.lead_id or 0, ""),
        deliverables=_deliverables(session, project.id),
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


def _hours_text(minutes: int) -> str:
    value = (Decimal(minutes) / 60).quantize(Decimal("0.01")).normalize()
    return f"{value:f}"


def get_settings(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en"
) -> TermsSettings:
    """Return the terms form's values (managers).

    Args:
        session: Database session.
        viewer: A manager of the project.
        project_id: Id received from the client.
        locale: For the amounts.

    Returns:
        The settings.
    """
    access = permissions.require_project(session, viewer, project_id, roles=("manager",))
    project = access.project
    terms = load_terms(session, project.id)
    team = sorted(
        names_of(session, _team_ids(session, project)).items(), key=lambda p: p[1].lower()
    )

    def amount(cents: int) -> str:
        return format_number(Decimal(cents).scaleb(-2), locale, places=2, grouping=False)

    return TermsSettings(
        counts_text=terms.counts_text,
        excluded_text=terms.excluded_text,
        response_days=terms.response_days,
        overage_mode=terms.overage_mode,
        overage_price=amount(terms.overage_price_cents),
        overage_hours=_hours_text(terms.overage_estimate_minutes),
        hourly_rate=amount(terms.hourly_rate_cents),
        contact_id=str(terms.client_contact_id or ""),
        lead_id=str(terms.lead_id or ""),
        holidays="\n".join(sorted(d.isoformat() for d in parse_holidays(terms.holidays))),
        contacts=tuple(
            Option(str(uid), name) for uid, name in _people(session, project, ("client",))
        ),
        leads=tuple(Option(str(uid), name) for uid, name in team),
    )


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


def update_terms(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    counts_text: object,
    excluded_text: object,
    response_days: object,
    overage_mode: object,
    overage_price: object = "0",
    overage_hours: object = "0",
    hourly_rate: object = "0",
    contact_id: object = None,
    lead_id: object = None,
    holidays: object = "",
) -> None:
    """Save the project's revision terms (managers). Included rounds stay in the project.

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        counts_text: What counts as a revision (shown to the client).
        excluded_text: What does not (shown to the client).
        response_days: Committed response time, 0-60 working days.
        overage_mode: ``fixed`` or ``hourly``.
        overage_price: Fixed price of an extra round.
        overage_hours: Hourly mode: estimated hours of a round.
        hourly_rate: Hourly mode: rate per hour.
        contact_id: The designated client contact (a client of the project) or empty.
        lead_id: The lead receiving rounds (manager or member of the project) or empty.
        holidays: ISO dates, one per line, not counted as working days.

    Raises:
        ValidationError: A bad field.
        NotFound: The contact or lead is not a client / team member of the project.
    """
    access = permissions.require_project(session, viewer, project_id, roles=("manager",))
    project = access.project
    counts = clean_text(counts_text, field="counts_text")
    excluded = clean_text(excluded_text, field="excluded_text")
    days = clean_int(response_days, field="response_days", low=0, high=MAX_RESPONSE_DAYS)
    mode = clean_choice(overage_mode, OVERAGE_MODES, field="overage_mode")
    price = (
        clean_price(overage_price, field="overage_price", locale=viewer.locale)
        if mode == "fixed"
        else 0
    )
    minutes = clean_hours(overage_hours, field="overage_hours") if mode == "hourly" else 0
    rate = (
        clean_price(hourly_rate, field="hourly_rate", locale=viewer.locale)
        if mode == "hourly"
        else 0
    )
    clients = {uid for uid, _ in _people(session, project, ("client",))}
    contact = _clean_person(session, project, contact_id, clients, "contact_id")
    lead = _clean_person(session, project, lead_id, _team_ids(session, project), "lead_id")
    days_off = _clean_holidays(holidays)
    lock_project(session, project.id)
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
        project_id=project.id,
        actor_id=viewer.user_id,
        kind="terms_updated",
        at=now,
        response_days=days,
        price_cents=overage_price_cents(terms),
        contact_id=contact,
        lead_id=lead,
    )
    finish(session, project.id)


def add_deliverable(
    session: Session,
    viewer: Viewer,
    *,
    project_id: object,
    name: object,
    included_rounds: object = "",
    note: object = "",
) -> int:
    """Add a deliverable, optionally with its own number of included rounds (managers).

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        name: 1-80 characters, unique in the project.
        included_rounds: Empty (the project's count applies) or 0-50.
        note: What counts as a revision for this deliverable (shown to the client).

    Returns:
        The new deliverable's id.
    """
    access = permissions.require_project(session, viewer, project_id, roles=("manager",))
    pid = access.project.id
    cleaned = clean_text(
        name, field="deliverable_name", max_len=DELIVERABLE_NAME_MAX, required=True
    )
    cleaned = " ".join(cleaned.split())
    rounds = None
    if str(included_rounds or "").strip():
        rounds = clean_int(included_rounds, field="deliverable_rounds", low=0, high=50)
    cleaned_note = clean_text(note, field="deliverable_note", max_len=REASON_MAX // 2)
    lock_project(session, pid)
    existing = session.exec(
        select(RevisionDeliverable.name).where(RevisionDeliverable.project_id == pid)
    ).all()
    if any(n.lower() == cleaned.lower() for n in existing):
        raise Conflict("revisions.deliverable_exists", field="deliverable_name")
    if len(existing) >= MAX_DELIVERABLES:
        raise ValidationError("revisions.too_many_deliverables", field="deliverable_name")
    deliverable = RevisionDeliverable(
        project_id=pid, name=cleaned, included_rounds=rounds, note=cleaned_note
    )
    session.add(deliverable)
    session.flush()
    record(
        session,
        project_id=pid,
        actor_id=viewer.user_id,
        kind="deliverable_added",
        at=clock.now(),
        name=cleaned,
        included_rounds=rounds,
    )
    new_id = deliverable.id
    finish(session, pid)
    return new_id


def delete_deliverable(
    session: Session, viewer: Viewer, *, project_id: object, deliverable_id: object
) -> None:
    """Remove a deliverable no item refers to (managers).

    Args:
        session: Database session; committed here.
        viewer: A manager of the project.
        project_id: Id received from the client.
        deliverable_id: Id received from the client.

    Raises:
        NotFound: Not a deliverable of this project.
        Conflict: Items refer to it.
    """
    access = permissions.require_project(session, viewer, project_id, roles=("manager",))
    did = permissions.coerce_id(deliverable_id)
    deliverable = session.exec(
        select(RevisionDeliverable).where(
            RevisionDeliverable.id == did, RevisionDeliverable.project_id == access.project.id
        )
    ).first()
    if deliverable is None:
        raise NotFound()
    used = session.exec(select(RevisionItem.id).where(RevisionItem.deliverable_id == did)).first()
    if used is not None:
        raise Conflict("revisions.deliverable_in_use")
    record(
        session,
        project_id=access.project.id,
        actor_id=viewer.user_id,
        kind="deliverable_removed",
        at=clock.now(),
        name=deliverable.name,
    )
    session.delete(deliverable)
    finish(session, access.project.id)


def deliverable_options(session: Session, project_id: int) -> tuple[Option, ...]:
    """Return the deliverables to choose from when adding an item.

    Args:
        session: Database session.
        project_id: The project.

    Returns:
        Options (value = id).
    """
    rows = session.exec(
        select(RevisionDeliverable.id, RevisionDeliverable.name)
        .where(RevisionDeliverable.project_id == project_id)
        .order_by(RevisionDeliverable.name)
    ).all()
    return tuple(Option(str(did), name) for did, name in rows)
