"""The revisions pages as each viewer sees them: the project's overview and a round's page.

Every list is selected through ``permissions.visible_revision_items_clause`` and the role; the
team's extra fields (time spent, internal notes, internal messages) are only ever read into the
team's own records, so a client's or guest's views cannot carry them. Each part of a page is
read as typed records and written by its builder in the presenter; the page is composed here.
"""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session, select

from collab_app.models import ChangeOrder, RevisionRound
from collab_app.services import permissions
from collab_app.services.revisions.access import abilities, require_round
from collab_app.services.revisions.change_orders import change_order_records, project_orders
from collab_app.services.revisions.counting import overage_check, read_counter
from collab_app.services.revisions.messages import comment_records
from collab_app.services.revisions.presenter.builders import (
    change_order_view,
    comment_view,
    draft_view,
    each,
    item_view,
    round_summary,
    team_item_view,
)
from collab_app.services.revisions.presenter.records import DraftRecord
from collab_app.services.revisions.presenter.views import RevisionsOverview, RoundDetail
from collab_app.services.revisions.requests import (
    item_records,
    task_options,
    team_item_records,
    visible_items,
)
from collab_app.services.revisions.rounds import round_records
from collab_app.services.revisions.terms import load_terms, read_terms
from collab_app.services.viewer import Viewer


def overview(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en"
) -> RevisionsOverview:
    """Return the project's revisions page for the viewer.

    Args:
        viewer: Anyone on the project.
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
        records = item_records(session, viewer, access, items, numbers, locale)
        return RevisionsOverview(
            project_id=project.id,
            project_name=project.name,
            abilities=able,
            items=each(item_view, records, viewer, locale),
        )
    draft_row = next((r for r in rounds if r.status == "draft"), None)
    draft = None
    rows = visible_items(session, viewer, access, [draft_row.id]) if draft_row else []
    if rows:  # an emptied draft is not shown (the next request added fills it again)
        check = overage_check(session, project, terms, draft_row.id)
        draft = DraftRecord(
            id=draft_row.id,
            requests=tuple(
                replace(
                    record,
                    can_remove=able.can_draft
                    and permissions.can_remove_request(row, viewer, access),
                )
                for row, record in zip(
                    rows, item_records(session, viewer, access, rows, numbers, locale), strict=True
                )
            ),
            check=check,
            currency=project.currency,
            can_edit=able.can_draft,
            can_submit=able.can_draft and bool(rows) and (not check.billable or able.is_contact),
            overage_needs_client=check.billable and not able.is_contact,
        )
    submitted = [r for r in rounds if r.status != "draft"]
    orders = each(
        change_order_view,
        change_order_records(session, viewer, access, project_orders(session, project.id), locale),
        viewer,
        locale,
    )
    return RevisionsOverview(
        project_id=project.id,
        project_name=project.name,
        abilities=able,
        terms=read_terms(session, project, terms, locale),
        counter=read_counter(session, project, terms, locale),
        draft=draft_view(draft, viewer, locale) if draft else None,
        rounds=each(
            round_summary, round_records(session, viewer, access, terms, submitted), viewer, locale
        ),
        change_orders=orders,
        decisions=tuple(o for o in orders if o.status == "proposed") if able.can_decide else (),
    )


def round_detail(
    session: Session, viewer: Viewer, *, round_id: object, locale: str = "en"
) -> RoundDetail:
    """Return a round's page for the viewer.

    Args:
        viewer: Anyone who may see the round.
        locale: For dates and prices.

    Returns:
        The round (team: with the team's item views).
    """
    found, access = require_round(session, viewer, round_id)
    project = access.project
    terms = load_terms(session, project.id)
    rows = visible_items(session, viewer, access, [found.id])
    shared = item_records(session, viewer, access, rows, {found.id: found.number or 0}, locale)
    team = (
        team_item_records(session, viewer, access, terms, shared)
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
    summary = round_records(session, viewer, access, terms, [found])[0]
    return RoundDetail(
        project_id=project.id,
        project_name=project.name,
        abilities=abilities(session, terms, viewer, access),
        round=round_summary(summary, viewer, locale),
        items=each(item_view, shared, viewer, locale),
        team_items=each(team_item_view, team, viewer, locale),
        change_orders=each(
            change_order_view,
            change_order_records(session, viewer, access, orders, locale),
            viewer,
            locale,
        ),
        comments=each(
            comment_view, comment_records(session, viewer, access, found.id), viewer, locale
        ),
        task_options=task_options(session, viewer, access),
    )
