"""The revisions pages as each viewer sees them: the project's overview and a round's page.

Every list is selected through ``permissions.visible_revision_items_clause`` and the role; the
team's extra fields (time spent, internal notes, internal messages) are only ever put into the
team's own views, so a client's or guest's views cannot carry them.
"""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session, select

from collab_app.models import ChangeOrder, RevisionRound
from collab_app.services import permissions
from collab_app.services.revisions.access import abilities, can_remove_item, require_round
from collab_app.services.revisions.change_orders import change_order_views, project_orders
from collab_app.services.revisions.counting import counter_view, overage_check
from collab_app.services.revisions.messages import comment_views
from collab_app.services.revisions.presenter import (
    DraftView,
    RevisionsOverview,
    RoundDetail,
    money,
)
from collab_app.services.revisions.requests import (
    item_views,
    task_options,
    team_item_views,
    visible_items,
)
from collab_app.services.revisions.rounds import round_summaries
from collab_app.services.revisions.terms import load_terms, terms_view
from collab_app.services.viewer import Viewer


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
        items = visible_items(session, viewer, access)
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
    rows = visible_items(session, viewer, access, [draft_row.id]) if draft_row else []
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
    views = change_order_views(session, viewer, access, project_orders(session, project.id), locale)
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
    rows = visible_items(session, viewer, access, [found.id])
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
        comments=tuple(comment_views(session, viewer, access, found.id, locale)),
        task_options=task_options(session, viewer, access),
    )
