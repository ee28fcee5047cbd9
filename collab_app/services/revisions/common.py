"""Shared internals of the revision services: terms, checks, input cleaning, trace, mail, labels.

The public entry points live in ``revisions`` (rounds), ``revisions_terms``,
``revisions_triage``, ``change_orders`` and ``revisions_export``.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import update
from sqlmodel import Session, select

from collab_app.i18n import format_date, format_money, normalize_locale, translate
from collab_app.i18n.grammar import elide
from collab_app.i18n.moments import format_datetime
from collab_app.models import (
    Collective,
    Project,
    RevisionEvent,
    RevisionItem,
    RevisionRound,
    RevisionTerms,
    User,
)
from collab_app.models.revisions import parse_holidays
from collab_app.services import notifications, permissions, projects, working_days
from collab_app.services.errors import NotFound, PermissionDenied
from collab_app.services.mail import outbox
from collab_app.services.viewer import Viewer
from collab_app.settings import public_base_url

MAX_RESPONSE_DAYS = 60
MAX_DELAY_DAYS = 365
MAX_MINUTES = 24 * 60
MAX_ITEMS_PER_ROUND = 100
RESOLVED = ("done", "declined")


# --- Terms and who is who -------------------------------------------------------------------


def load_terms(session: Session, project_id: int) -> RevisionTerms:
    """Return the project's terms, or unsaved defaults when none were set.

    Args:
        session: Database session.
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


def is_contact(terms: RevisionTerms, viewer: Viewer, access: permissions.ProjectAccess) -> bool:
    """The designated client contact: the only client who submits rounds and decides.

    Args:
        terms: The project's terms.
        viewer: The signed-in person.
        access: Their access to the project.

    Returns:
        Whether the viewer is the designated contact (and still a client of the project).
    """
    return access.is_client and terms.client_contact_id == viewer.user_id


def is_lead(terms: RevisionTerms, viewer: Viewer, access: permissions.ProjectAccess) -> bool:
    """The lead who receives the rounds (a manager or member of the project).

    Args:
        terms: The project's terms.
        viewer: The signed-in person.
        access: Their access to the project.

    Returns:
        Whether the viewer is the lead.
    """
    return access.is_team and terms.lead_id == viewer.user_id


def can_draft(terms: RevisionTerms, viewer: Viewer, access: permissions.ProjectAccess) -> bool:
    """Who composes a round: the designated contact, or the lead or a manager on their behalf.

    Args:
        terms: The project's terms.
        viewer: The signed-in person.
        access: Their access to the project.

    Returns:
        Whether allowed.
    """
    return is_contact(terms, viewer, access) or is_lead(terms, viewer, access) or access.is_manager


def can_remove_item(item: RevisionItem, viewer: Viewer, access: permissions.ProjectAccess) -> bool:
    """Who takes a request out of a draft: its author, or a manager (of anyone's).

    Args:
        item: The request.
        viewer: The signed-in person (already allowed to compose the round).
        access: Their access to the project.

    Returns:
        Whether allowed.
    """
    return access.is_manager or item.created_by_id == viewer.user_id


def can_price(terms: RevisionTerms, viewer: Viewer, access: permissions.ProjectAccess) -> bool:
    """Who proposes change orders (prices): managers and the lead.

    Args:
        terms: The project's terms.
        viewer: The signed-in person.
        access: Their access to the project.

    Returns:
        Whether allowed.
    """
    return access.is_manager or is_lead(terms, viewer, access)


# --- Loading what the viewer may see --------------------------------------------------------


def lock_project(session: Session, project_id: int) -> None:
    """Serialize writes on a project's rounds (row lock on PostgreSQL; SQLite locks on write).

    Args:
        session: Database session.
        project_id: The project.
    """
    session.exec(select(Project.id).where(Project.id == project_id).with_for_update())


def require_round(
    session: Session,
    viewer: Viewer,
    round_id: object,
    *,
    roles: tuple[str, ...] = permissions.PROJECT_ROLES,
) -> tuple[RevisionRound, permissions.ProjectAccess]:
    """Return a round the viewer may see, checking the role for the action.

    A guest sees a round only when it is submitted and holds an item the guest may see.

    Args:
        session: Database session.
        viewer: The signed-in person.
        round_id: The id received from the client, of any type.
        roles: Roles allowed to perform the action.

    Returns:
        The round (freshly read) and the viewer's access to its project.

    Raises:
        NotFound: Unknown id or not visible.
        PermissionDenied: The viewer sees the round but their role is not among ``roles``.
    """
    rid = permissions.coerce_id(round_id)
    project_id = session.exec(
        select(RevisionRound.project_id).where(RevisionRound.id == rid)
    ).first()
    if project_id is None:
        raise NotFound()
    access = permissions.require_project(session, viewer, project_id)
    found = session.exec(
        select(RevisionRound)
        .where(RevisionRound.id == rid)
        .execution_options(populate_existing=True)
    ).one()
    if access.is_guest:
        visible = session.exec(
            select(RevisionItem.id).where(
                RevisionItem.round_id == rid,
                permissions.visible_revision_items_clause(access, viewer),
            )
        ).first()
        if visible is None:
            raise NotFound()
    elif not (access.is_team or access.is_client):
        raise NotFound()
    if access.role not in roles:
        raise PermissionDenied()
    return found, access


def require_item(
    session: Session,
    viewer: Viewer,
    item_id: object,
    *,
    roles: tuple[str, ...] = permissions.PROJECT_ROLES,
) -> tuple[RevisionItem, RevisionRound, permissions.ProjectAccess]:
    """Return an item the viewer may see, with its round, checking the role for the action.

    Args:
        session: Database session.
        viewer: The signed-in person.
        item_id: The id received from the client, of any type.
        roles: Roles allowed to perform the action.

    Returns:
        (item, round, access), freshly read.

    Raises:
        NotFound: Unknown id or not visible.
        PermissionDenied: The viewer sees the item but their role is not among ``roles``.
    """
    iid = permissions.coerce_id(item_id)
    project_id = session.exec(select(RevisionItem.project_id).where(RevisionItem.id == iid)).first()
    if project_id is None:
        raise NotFound()
    access = permissions.require_project(session, viewer, project_id)
    item = session.exec(
        select(RevisionItem)
        .where(RevisionItem.id == iid, permissions.visible_revision_items_clause(access, viewer))
        .execution_options(populate_existing=True)
    ).first()
    if item is None:
        raise NotFound()
    if access.role not in roles:
        raise PermissionDenied()
    found_round = session.exec(
        select(RevisionRound)
        .where(RevisionRound.id == item.round_id)
        .execution_options(populate_existing=True)
    ).one()
    return item, found_round, access


def names_of(session: Session, user_ids: set[int | None]) -> dict[int, str]:
    """Return display names of people.

    Args:
        session: Database session.
        user_ids: Ids (None ignored).

    Returns:
        Id -> display name.
    """
    wanted = {uid for uid in user_ids if uid}
    if not wanted:
        return {}
    return dict(session.exec(select(User.id, User.display_name).where(User.id.in_(wanted))).all())


# --- Trace, change signal, mail -------------------------------------------------------------


def record(
    session: Session,
    *,
    project_id: int,
    actor_id: int,
    kind: str,
    at: datetime,
    round_id: int | None = None,
    item_id: int | None = None,
    change_order_id: int | None = None,
    client_visible: bool = True,
    **detail: object,
) -> None:
    """Add a line to the revision trace.

    Args:
        session: Database session; the caller commits.
        project_id: The project.
        actor_id: Who did it.
        kind: What happened (``round_submitted``, ``item_triaged``...).
        at: When.
        round_id: The round concerned.
        item_id: The item concerned.
        change_order_id: The change order concerned.
        client_visible: False for internal facts.
        **detail: JSON-able parameters.
    """
    session.add(
        RevisionEvent(
            project_id=project_id,
            round_id=round_id,
            item_id=item_id,
            change_order_id=change_order_id,
            actor_id=actor_id,
            kind=kind,
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True),
            client_visible=client_visible,
            created_at=at,
        )
    )


def finish(session: Session, project_id: int) -> None:
    """Bump the project's change version and commit.

    Args:
        session: Database session.
        project_id: The project.
    """
    projects.bump_version(session, project_id)
    session.commit()


def mark_first_response(
    session: Session, found_round: RevisionRound, viewer: Viewer, at: datetime
) -> None:
    """Record the team's first answer to a submitted round (only the first one counts).

    Args:
        session: Database session; the caller commits.
        found_round: The round.
        viewer: The team member answering.
        at: When.
    """
    if found_round.status == "draft" or found_round.first_response_at is not None:
        return
    result = session.exec(
        update(RevisionRound)
        .where(RevisionRound.id == found_round.id, RevisionRound.first_response_at.is_(None))
        .values(first_response_at=at, first_response_by_id=viewer.user_id)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 1:
        found_round.first_response_at = at
        found_round.first_response_by_id = viewer.user_id
        record(
            session,
            project_id=found_round.project_id,
            actor_id=viewer.user_id,
            kind="round_first_response",
            at=at,
            round_id=found_round.id,
            number=found_round.number,
        )
        if found_round.deadline_at is not None and at > found_round.deadline_at:
            notifications.project_event(
                session,
                project_id=found_round.project_id,
                actor_id=viewer.user_id,
                kind="round_late",
                roles=("manager",),
                audience="managers",
                path=f"/projects/{found_round.project_id}/revisions/{found_round.id}",
                params={"number": found_round.number},
            )


def notify(
    session: Session,
    *,
    project_id: int,
    user_id: int | None,
    kind: str,
    dedup_key: str,
    message: str,
    path: str,
    **params: object,
) -> None:
    """Queue a mail to one person of the project, in their language (once per ``dedup_key``).

    Args:
        session: Database session; the caller commits.
        project_id: The project.
        user_id: The recipient (nothing is sent for None).
        kind: Outbox kind.
        dedup_key: Unique key of this logical message.
        message: Message key prefix: ``<message>_subject`` and ``<message>_body``.
        path: Link path in the app.
        **params: Message parameters (``project``, ``collective`` and ``link`` are added;
            ``price_cents`` also gives ``price``, written in the recipient's language).
    """
    user = session.get(User, user_id) if user_id else None
    if user is None:
        return
    project = session.get(Project, project_id)
    collective = session.get(Collective, project.collective_id)
    link = f"{public_base_url()}{path}"
    values = {"project": project.name, "collective": collective.name, "link": link, **params}
    if "price_cents" in params:
        values["price"] = money(int(params["price_cents"]), user.locale, project.currency)
    outbox.enqueue(
        session,
        collective_id=project.collective_id,
        project_id=project_id,
        kind=kind,
        to_email=user.email,
        subject=elide(translate(f"{message}_subject", user.locale, **values), user.locale),
        body=elide(translate(f"{message}_body", user.locale, **values), user.locale),
        link=link,
        dedup_key=dedup_key,
    )


def close_round_if_resolved(
    session: Session, found_round: RevisionRound, viewer: Viewer, at: datetime
) -> bool:
    """Close a submitted round once every item is done or declined, and tell the client.

    Args:
        session: Database session; the caller commits.
        found_round: The round.
        viewer: Who resolved the last item.
        at: When.

    Returns:
        Whether the round was closed now.
    """
    if found_round.status != "submitted":
        return False
    statuses = session.exec(
        select(RevisionItem.status).where(RevisionItem.round_id == found_round.id)
    ).all()
    if not statuses or any(s not in RESOLVED for s in statuses):
        return False
    result = session.exec(
        update(RevisionRound)
        .where(RevisionRound.id == found_round.id, RevisionRound.status == "submitted")
        .values(status="closed", closed_at=at)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    found_round.status, found_round.closed_at = "closed", at
    record(
        session,
        project_id=found_round.project_id,
        actor_id=viewer.user_id,
        kind="round_closed",
        at=at,
        round_id=found_round.id,
        number=found_round.number,
    )
    terms = load_terms(session, found_round.project_id)
    notify(
        session,
        project_id=found_round.project_id,
        user_id=terms.client_contact_id or found_round.submitted_by_id,
        kind="revision_round_closed",
        dedup_key=f"revision-round-closed:{found_round.id}",
        message="revisions.mail_closed",
        path=f"/projects/{found_round.project_id}/revisions/{found_round.id}",
        number=found_round.number,
    )
    notifications.project_event(
        session,
        project_id=found_round.project_id,
        actor_id=viewer.user_id,
        kind="round_answered",
        roles=("client",),
        mailed_elsewhere=(terms.client_contact_id or found_round.submitted_by_id,),
        path=f"/projects/{found_round.project_id}/revisions/{found_round.id}",
        params={"number": found_round.number},
    )
    return True


# --- Labels ---------------------------------------------------------------------------------


def when_label(moment: datetime | None, viewer: Viewer, locale: str) -> str:
    """Write a stored time in the viewer's time zone: ``12 Mar 2026, 14:05``.

    Args:
        moment: Aware time or None.
        viewer: Whose time zone.
        locale: ``en`` or ``fr``.

    Returns:
        The label, or "".
    """
    return format_datetime(moment, locale, viewer.timezone)


def last_day_label(deadline: datetime | None, tz: str, locale: str) -> str:
    """Write a response deadline as the last day to answer: ``9 Dec 2026``.

    A deadline is the start of the day after the last working day (see ``working_days``):
    ``10 Dec 2026, 00:00`` reads as "by 9 Dec 2026", the end of that day in the terms' zone.

    Args:
        deadline: Aware time or None.
        tz: The terms' time zone.
        locale: ``en`` or ``fr``.

    Returns:
        The day, or "".
    """
    if deadline is None:
        return ""
    last_moment = deadline.astimezone(working_days.zone(tz)) - timedelta(microseconds=1)
    return format_date(last_moment.date(), locale)


def money(cents: int, locale: str, currency: str = "EUR") -> str:
    """Format cents for the viewer.

    Args:
        cents: Amount.
        locale: ``en`` or ``fr``.
        currency: ISO code.

    Returns:
        The text.
    """
    return format_money(cents, normalize_locale(locale), currency)


def duration_label(minutes: int, locale: str) -> str:
    """Write minutes as ``1 h 30`` (``0 h 00`` for nothing).

    Args:
        minutes: Duration.
        locale: Unused today (the notation reads the same in both languages).

    Returns:
        The label.
    """
    del locale
    hours, rest = divmod(max(minutes, 0), 60)
    return f"{hours} h {rest:02d}"
