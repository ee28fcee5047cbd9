"""Reading revisions: the project's revisions page and a round's page, filtered per viewer.

Every list is selected through ``permissions.visible_revision_items_clause`` and the role; the
team's extra fields (time spent, internal notes, internal messages) are only ever put into the
team's own views, so a client's or guest's views cannot carry them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from sqlmodel import Session, select

from collab_app.models import (
    ChangeOrder,
    RevisionComment,
    RevisionDeliverable,
    RevisionItem,
    RevisionItemTask,
    RevisionRound,
    RevisionTerms,
    Task,
)
from collab_app.services import clock, permissions, working_days
from collab_app.services.files.views import attached_files
from collab_app.services.permissions import ProjectAccess
from collab_app.services.revisions.common import (
    RESOLVED,
    can_draft,
    can_price,
    can_remove_item,
    duration_label,
    holidays_of,
    is_contact,
    is_lead,
    last_day_label,
    load_terms,
    money,
    names_of,
    require_round,
    when_label,
)
from collab_app.services.revisions.counting import counter_view, overage_check
from collab_app.services.revisions.terms import terms_view
from collab_app.services.revisions.views import (
    Abilities,
    ChangeOrderView,
    CommentView,
    DraftView,
    ItemTeamView,
    ItemView,
    Option,
    RevisionsOverview,
    RoundDetail,
    RoundSummary,
    TaskRef,
)
from collab_app.services.viewer import Viewer

ACTIVE_CHANGE_ORDER = ("proposed", "approved")
TASK_OPTIONS_MAX = 500


def abilities(
    session: Session, terms: RevisionTerms, viewer: Viewer, access: ProjectAccess
) -> Abilities:
    """Return what the viewer may do on the revisions pages.

    Args:
        session: Database session.
        terms: The project's terms.
        viewer: The signed-in person.
        access: Their access to the project.

    Returns:
        The abilities.
    """
    contact = is_contact(terms, viewer, access)
    return Abilities(
        role=access.role,
        is_team=access.is_team,
        is_contact=contact,
        is_lead=is_lead(terms, viewer, access),
        can_edit_terms=access.is_manager,
        can_draft=can_draft(terms, viewer, access),
        can_triage=access.is_team,
        can_propose=can_price(terms, viewer, access),
        can_decide=contact,
        can_comment=(access.is_team or access.is_client)
        and permissions.can_comment(session, access, viewer),
        can_export=permissions.can_see_revision_internals(access),
    )


def _change_orders_by_item(session: Session, item_ids: list[int]) -> dict[int, ChangeOrder]:
    """The change order that speaks for each item: the active one, else the latest."""
    if not item_ids:
        return {}
    rows = session.exec(
        select(ChangeOrder).where(ChangeOrder.item_id.in_(item_ids)).order_by(ChangeOrder.id)
    ).all()
    found: dict[int, ChangeOrder] = {}
    for order in rows:
        current = found.get(order.item_id)
        if current is None or current.status not in ACTIVE_CHANGE_ORDER:
            found[order.item_id] = order
    return found


def item_views(
    session: Session,
    viewer: Viewer,
    access: ProjectAccess,
    items: list[RevisionItem],
    numbers: dict[int, int],
    locale: str,
) -> list[ItemView]:
    """Build the shared views of items the viewer may see.

    Args:
        session: Database session.
        viewer: The signed-in person.
        access: Their access to the project.
        items: Items already filtered for the viewer.
        numbers: Round id -> number (0 for a draft).
        locale: For dates.

    Returns:
        Views in the same order.
    """
    ids = [i.id for i in items]
    tasks: dict[int, list[TaskRef]] = defaultdict(list)
    if ids:
        rows = session.exec(
            select(RevisionItemTask.item_id, Task.id, Task.title)
            .join(Task, Task.id == RevisionItemTask.task_id)
            .where(
                RevisionItemTask.item_id.in_(ids),
                permissions.visible_tasks_clause(access, viewer),
            )
            .order_by(Task.title, Task.id)
        ).all()
        for item_id, task_id, title in rows:
            tasks[item_id].append(TaskRef(task_id, title))
    deliverables = dict(
        session.exec(
            select(RevisionDeliverable.id, RevisionDeliverable.name).where(
                RevisionDeliverable.project_id == access.project.id
            )
        ).all()
    )
    names = names_of(session, {i.created_by_id for i in items})
    orders = {} if access.is_guest else _change_orders_by_item(session, ids)
    on_items = attached_files(session, viewer, access, "request", ids, locale=locale)
    views = []
    for i in items:
        order = orders.get(i.id)
        views.append(
            ItemView(
                id=i.id,
                round_id=i.round_id,
                round_number=numbers.get(i.round_id, 0),
                position=i.position,
                description=i.description,
                deliverable=deliverables.get(i.deliverable_id or 0, ""),
                priority=i.priority,
                attachment_url=i.attachment_url,
                kind=i.kind,
                # A request of a draft round is a draft until the round is sent.
                status="draft" if numbers.get(i.round_id, 0) == 0 else i.status,
                reason=i.reason,
                reply=i.reply,
                created_by=names.get(i.created_by_id, ""),
                created_label=when_label(i.created_at, viewer, locale),
                tasks=tuple(tasks.get(i.id, ())),
                change_order_id=order.id if order else 0,
                change_order_status=order.status if order else "",
                files=tuple(on_items.get(i.id, ())),
                can_attach=i.created_by_id == viewer.user_id and not access.is_guest,
            )
        )
    return views


def team_item_views(
    session: Session,
    viewer: Viewer,
    access: ProjectAccess,
    terms: RevisionTerms,
    items: list[RevisionItem],
    shared: list[ItemView],
    locale: str,
) -> list[ItemTeamView]:
    """Add the team-only fields to item views (never call this for a client or guest).

    Args:
        session: Database session.
        viewer: A manager or member.
        access: Their access.
        terms: The project's terms.
        items: The rows behind ``shared``.
        shared: The shared views, same order.
        locale: For dates.

    Returns:
        The team's views.

    Raises:
        PermissionError: Called for someone outside the team (a programming error).
    """
    if not permissions.can_see_revision_internals(access):
        raise PermissionError("team views are for the team only")
    names = names_of(session, {i.triaged_by_id for i in items})
    may_price = can_price(terms, viewer, access)
    return [
        ItemTeamView(
            item=view,
            internal_note=row.internal_note,
            minutes_spent=row.minutes_spent,
            time_label=duration_label(row.minutes_spent, locale),
            triaged_by=names.get(row.triaged_by_id or 0, ""),
            triaged_label=when_label(row.triaged_at, viewer, locale),
            can_propose_change=may_price
            and row.kind == "scope_change"
            and row.status == "open"
            and view.change_order_status not in ACTIVE_CHANGE_ORDER,
        )
        for row, view in zip(items, shared, strict=True)
    ]


def round_summaries(
    session: Session,
    viewer: Viewer,
    access: ProjectAccess,
    terms: RevisionTerms,
    rounds: list[RevisionRound],
    locale: str,
) -> list[RoundSummary]:
    """Build round summaries with response times and lateness.

    Args:
        session: Database session.
        viewer: The signed-in person.
        access: Their access (guests get no price and counts of their visible items only).
        terms: The project's terms.
        rounds: Rounds the viewer may see.
        locale: For dates and prices.

    Returns:
        Summaries in the same order.
    """
    ids = [r.id for r in rounds]
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    if ids:
        for round_id, status in session.exec(
            select(RevisionItem.round_id, RevisionItem.status).where(
                RevisionItem.round_id.in_(ids),
                permissions.visible_revision_items_clause(access, viewer),
            )
        ).all():
            counts[round_id][0] += 1
            counts[round_id][1] += status in RESOLVED
    names = names_of(session, {r.submitted_by_id for r in rounds})
    holidays = holidays_of(terms)
    now = clock.now()
    show_price = permissions.can_see_revision_prices(access)
    summaries = []
    for r in rounds:
        days_taken, late = 0, False
        if r.submitted_at is not None:
            end = r.first_response_at or now
            days_taken = working_days.working_days_taken(
                r.submitted_at, end, terms.timezone, holidays
            )
            late = r.deadline_at is not None and end >= r.deadline_at
        summaries.append(
            RoundSummary(
                id=r.id,
                number=r.number or 0,
                status=r.status,
                submitted_by=names.get(r.submitted_by_id or 0, ""),
                submitted_label=when_label(r.submitted_at, viewer, locale),
                on_behalf=r.on_behalf,
                deadline_label=last_day_label(r.deadline_at, terms.timezone, locale),
                responded_label=when_label(r.first_response_at, viewer, locale),
                days_taken=days_taken,
                answered=r.first_response_at is not None,
                late=late,
                billable=r.billable and show_price,
                price=money(r.overage_price_cents, locale, access.project.currency)
                if r.billable and show_price
                else "",
                closed_label=when_label(r.closed_at, viewer, locale),
                item_count=counts[r.id][0],
                resolved_count=counts[r.id][1],
            )
        )
    return summaries


def change_order_views(
    session: Session,
    viewer: Viewer,
    access: ProjectAccess,
    orders: list[ChangeOrder],
    locale: str,
) -> list[ChangeOrderView]:
    """Build change-order views (team and client only; guests see none).

    Args:
        session: Database session.
        viewer: The signed-in person.
        access: Their access.
        orders: Change orders of the project.
        locale: For dates and prices.

    Returns:
        Views in the same order.
    """
    if not permissions.can_see_revision_prices(access):
        return []
    item_rounds = dict(
        session.exec(
            select(RevisionItem.id, RevisionItem.round_id).where(
                RevisionItem.id.in_([o.item_id for o in orders])
            )
        ).all()
    )
    numbers = dict(
        session.exec(
            select(RevisionRound.id, RevisionRound.number).where(
                RevisionRound.id.in_(set(item_rounds.values()))
            )
        ).all()
    )
    names = names_of(session, {o.created_by_id for o in orders} | {o.decided_by_id for o in orders})
    on_orders = attached_files(
        session, viewer, access, "order", [o.id for o in orders], locale=locale
    )
    return [
        ChangeOrderView(
            id=o.id,
            item_id=o.item_id,
            round_id=item_rounds.get(o.item_id, 0),
            round_number=numbers.get(item_rounds.get(o.item_id, 0)) or 0,
            description=o.description,
            price=money(o.price_cents, locale, access.project.currency),
            price_cents=o.price_cents,
            delay_days=o.delay_days,
            status=o.status,
            created_by=names.get(o.created_by_id, ""),
            created_label=when_label(o.created_at, viewer, locale),
            decided_by=names.get(o.decided_by_id or 0, ""),
            decided_label=when_label(o.decided_at, viewer, locale),
            decline_reason=o.decline_reason,
            files=tuple(on_orders.get(o.id, ())),
            can_attach=o.created_by_id == viewer.user_id,
        )
        for o in orders
    ]


def _visible_items(
    session: Session, viewer: Viewer, access: ProjectAccess, round_ids: list[int] | None = None
) -> list[RevisionItem]:
    query = select(RevisionItem).where(permissions.visible_revision_items_clause(access, viewer))
    if round_ids is not None:
        query = query.where(RevisionItem.round_id.in_(round_ids))
    return list(session.exec(query.order_by(RevisionItem.round_id, RevisionItem.position)).all())


def overview(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en"
) -> RevisionsOverview:
    """Return the project's revisions page for the viewer.

    Args:
        session: Database session.
        viewer: Anyone on the project.
        project_id: Id received from the client.
        locale: For dates and prices.

    Returns:
        The overview (guests: only the items linked to their tasks).
    """
    access = permissions.require_project(session, viewer, project_id)
    project = access.project
    terms = load_terms(session, project.id)
    able = abilities(session, terms, viewer, access)
    rounds = list(
        session.exec(
            select(RevisionRound)
            .where(RevisionRound.project_id == project.id)
            .order_by(RevisionRound.number.desc(), RevisionRound.id.desc())
        ).all()
    )
    numbers = {r.id: r.number or 0 for r in rounds}
    if access.is_guest:
        items = _visible_items(session, viewer, access)
        return RevisionsOverview(
            project_id=project.id,
            project_name=project.name,
            abilities=able,
            terms=None,
            counter=None,
            draft=None,
            rounds=(),
            change_orders=(),
            items=tuple(item_views(session, viewer, access, items, numbers, locale)),
        )
    draft_row = next((r for r in rounds if r.status == "draft"), None)
    draft = None
    rows = _visible_items(session, viewer, access, [draft_row.id]) if draft_row else []
    if rows:  # an emptied draft is not shown (the next request added fills it again)
        check = overage_check(session, project, terms, draft_row.id)
        draft = DraftView(
            id=draft_row.id,
            requests=tuple(
                replace(view, can_remove=able.can_draft and can_remove_item(row, viewer, access))
                for row, view in zip(
                    rows, item_views(session, viewer, access, rows, numbers, locale), strict=True
                )
            ),
            number=check.number,
            billable=check.billable,
            price=money(check.price_cents, locale, project.currency),
            price_cents=check.price_cents,
            over_deliverables=", ".join(check.over_deliverables),
            can_edit=able.can_draft,
            can_submit=able.can_draft and bool(rows) and (not check.billable or able.is_contact),
            overage_needs_client=check.billable and not able.is_contact,
        )
    submitted = [r for r in rounds if r.status != "draft"]
    views = change_order_views(
        session, viewer, access, _project_orders(session, project.id), locale
    )
    return RevisionsOverview(
        project_id=project.id,
        project_name=project.name,
        abilities=able,
        terms=terms_view(session, project, terms, locale),
        counter=counter_view(session, project, terms, locale),
        draft=draft,
        rounds=tuple(round_summaries(session, viewer, access, terms, submitted, locale)),
        change_orders=tuple(views),
        items=(),
        decisions=tuple(v for v in views if v.status == "proposed") if able.can_decide else (),
    )


def _project_orders(session: Session, project_id: int) -> list[ChangeOrder]:
    return list(
        session.exec(
            select(ChangeOrder)
            .where(ChangeOrder.project_id == project_id)
            .order_by(ChangeOrder.created_at.desc(), ChangeOrder.id.desc())
        ).all()
    )


def pending_decisions(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en"
) -> tuple[ChangeOrderView, ...]:
    """Return the change orders waiting for this viewer's decision (the client contact).

    For the project's overview: the contact sees what to decide where they look, not only
    in a mail. Anyone else gets none.

    Args:
        session: Database session.
        viewer: Anyone on the project.
        project_id: Id received from the client.
        locale: For prices and dates.

    Returns:
        Proposed change orders, newest first; empty unless the viewer decides them.
    """
    access = permissions.require_project(session, viewer, project_id)
    terms = load_terms(session, access.project.id)
    if not is_contact(terms, viewer, access):
        return ()
    proposed = [o for o in _project_orders(session, access.project.id) if o.status == "proposed"]
    return tuple(change_order_views(session, viewer, access, proposed, locale))


def _comments(
    session: Session, viewer: Viewer, access: ProjectAccess, round_id: int, locale: str
) -> list[CommentView]:
    if access.is_guest or not (access.is_team or access.is_client):
        return []
    query = select(RevisionComment).where(RevisionComment.round_id == round_id)
    if not permissions.can_see_revision_internals(access):
        query = query.where(RevisionComment.visibility == "client")
    rows = session.exec(query.order_by(RevisionComment.created_at, RevisionComment.id)).all()
    names = names_of(session, {c.author_id for c in rows})
    return [
        CommentView(
            id=c.id,
            author=names.get(c.author_id, ""),
            body=c.body,
            visibility=c.visibility,
            when=when_label(c.created_at, viewer, locale),
        )
        for c in rows
    ]


def task_options(session: Session, viewer: Viewer, access: ProjectAccess) -> tuple[Option, ...]:
    """Return the tasks the viewer may link to items (team: the project's live tasks).

    Args:
        session: Database session.
        viewer: The signed-in person.
        access: Their access.

    Returns:
        Options (value = task id).
    """
    if not access.is_team:
        return ()
    rows = session.exec(
        select(Task.id, Task.title)
        .where(permissions.visible_tasks_clause(access, viewer))
        .order_by(Task.title, Task.id)
        .limit(TASK_OPTIONS_MAX)
    ).all()
    return tuple(Option(str(tid), title) for tid, title in rows)


def round_detail(
    session: Session, viewer: Viewer, *, round_id: object, locale: str = "en"
) -> RoundDetail:
    """Return a round's page for the viewer.

    Args:
        session: Database session.
        viewer: Anyone who may see the round.
        round_id: Id received from the client.
        locale: For dates and prices.

    Returns:
        The round (team: with the team's item views).
    """
    found, access = require_round(session, viewer, round_id)
    project = access.project
    terms = load_terms(session, project.id)
    rows = _visible_items(session, viewer, access, [found.id])
    numbers = {found.id: found.number or 0}
    shared = item_views(session, viewer, access, rows, numbers, locale)
    team = (
        team_item_views(session, viewer, access, terms, rows, shared, locale)
        if permissions.can_see_revision_internals(access)
        else []
    )
    orders = list(
        session.exec(
            select(ChangeOrder)
            .where(ChangeOrder.item_id.in_([i.id for i in rows]))
            .order_by(ChangeOrder.created_at, ChangeOrder.id)
        ).all()
    )
    return RoundDetail(
        project_id=project.id,
        project_name=project.name,
        abilities=abilities(session, terms, viewer, access),
        round=round_summaries(session, viewer, access, terms, [found], locale)[0],
        items=tuple(shared),
        team_items=tuple(team),
        change_orders=tuple(change_order_views(session, viewer, access, orders, locale)),
        comments=tuple(_comments(session, viewer, access, found.id, locale)),
        task_options=task_options(session, viewer, access),
    )
