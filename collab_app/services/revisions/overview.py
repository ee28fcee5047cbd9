"""The revisions pages as each viewer sees them: the project's overview and a round's page.

Every list is selected through ``permissions.visible_revision_items_clause`` and the role; the
team's extra fields (time spent, internal notes, internal messages) are only ever read into the
team's own records, so a client's or guest's views cannot carry them. The pages are read as
typed records here and written by the presenter's ``overview_view`` and ``round_view``.
"""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session, select

from collab_app.models import ChangeOrder, RevisionRound
from collab_app.services import permissions
from collab_app.services.revisions.access import abilities, require_round
from collab_app.services.revisions.change_orders import change_order_records, project_orders
from collab_app.services.revisions.counting import counter_record, overage_check
from collab_app.services.revisions.messages import comment_records
from collab_app.services.revisions.presenter.builders import overview_view, round_view
from collab_app.services.revisions.presenter.records import (
    DraftRecord,
    OverviewRecord,
    RoundPageRecord,
)
from collab_app.services.revisions.presenter.views import RevisionsOverview, RoundDetail
from collab_app.services.revisions.requests import (
    item_records,
    task_options,
    team_item_records,
    visible_items,
)
from collab_app.services.revisions.rounds import round_records
from collab_app.services.revisions.terms import load_terms, terms_record
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
    return overview_view(_read_overview(session, viewer, project_id, locale), viewer, locale)


def _read_overview(
    session: Session, viewer: Viewer, project_id: object, locale: str
) -> OverviewRecord:
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
        return OverviewRecord(
            project_id=project.id,
            project_name=project.name,
            abilities=able,
            terms=None,
            counter=None,
            draft=None,
            rounds=(),
            change_orders=(),
            items=tuple(item_records(session, viewer, access, items, numbers, locale)),
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
            number=check.number,
            billable=check.billable,
            price_cents=check.price_cents,
            currency=project.currency,
            over_deliverables=tuple(check.over_deliverables),
            can_edit=able.can_draft,
            can_submit=able.can_draft and bool(rows) and (not check.billable or able.is_contact),
            overage_needs_client=check.billable and not able.is_contact,
        )
    submitted = [r for r in rounds if r.status != "draft"]
    orders = change_order_records(
        session, viewer, access, project_orders(session, project.id), locale
    )
    return OverviewRecord(
        project_id=project.id,
        project_name=project.name,
        abilities=able,
        terms=terms_record(session, project, terms),
        counter=counter_record(session, project, terms),
        draft=draft,
        rounds=tuple(round_records(session, viewer, access, terms, submitted)),
        change_orders=tuple(orders),
        items=(),
        decisions=tuple(o for o in orders if o.row.status == "proposed") if able.can_decide else (),
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
    return round_view(_read_round(session, viewer, round_id, locale), viewer, locale)


def _read_round(session: Session, viewer: Viewer, round_id: object, locale: str) -> RoundPageRecord:
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
    return RoundPageRecord(
        project_id=project.id,
        project_name=project.name,
        abilities=abilities(session, terms, viewer, access),
        round=round_records(session, viewer, access, terms, [found])[0],
        items=tuple(shared),
        team_items=tuple(team),
        change_orders=tuple(change_order_records(session, viewer, access, orders, locale)),
        comments=tuple(comment_records(session, viewer, access, found.id)),
        task_options=task_options(session, viewer, access),
    )
