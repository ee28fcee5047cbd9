"""The views of the revisions pages, built from what the services read.

Each builder takes typed records, the reader (for its time zone) and the language (``en`` or
``fr``), and writes every amount, date and word with ``labels``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from collab_app.models import RevisionComment, RevisionTerms
from collab_app.models.revisions import parse_holidays
from collab_app.services.revisions.presenter.labels import (
    amount_field,
    duration_label,
    hours_field,
    last_day_label,
    money,
    when_label,
)
from collab_app.services.revisions.presenter.records import (
    ChangeOrderRecord,
    CounterRecord,
    DraftRecord,
    ItemRecord,
    OverviewRecord,
    RoundPageRecord,
    RoundRecord,
    TermsRecord,
)
from collab_app.services.revisions.presenter.views import (
    ChangeOrderView,
    CommentView,
    CounterView,
    DraftView,
    ItemTeamView,
    ItemView,
    Option,
    RevisionsOverview,
    RoundDetail,
    RoundSummary,
    TermsSettings,
    TermsView,
)
from collab_app.services.viewer import Viewer

R = TypeVar("R")
V = TypeVar("V")


def _each(
    build: Callable[[R, Viewer, str], V], records: Iterable[R], viewer: Viewer, locale: str
) -> tuple[V, ...]:
    """Build the views of records, in their order."""
    return tuple(build(record, viewer, locale) for record in records)


def _item(record: ItemRecord, viewer: Viewer, locale: str) -> ItemView:
    """A request as everyone allowed to see it sees it."""
    row, order = record.row, record.change_order
    return ItemView(
        id=row.id,
        round_id=row.round_id,
        round_number=record.round_number,
        position=row.position,
        description=row.description,
        deliverable=record.deliverable,
        priority=row.priority,
        attachment_url=row.attachment_url,
        kind=row.kind,
        # A request of a draft round is a draft until the round is sent.
        status="draft" if record.round_number == 0 else row.status,
        reason=row.reason,
        reply=row.reply,
        created_by=record.created_by,
        created_label=when_label(row.created_at, viewer, locale),
        tasks=record.tasks,
        change_order_id=order.id if order else 0,
        change_order_status=order.status if order else "",
        can_remove=record.can_remove,
        files=record.files,
        can_attach=record.can_attach,
    )


def _team_item(record: ItemRecord, viewer: Viewer, locale: str) -> ItemTeamView:
    """A request with what only the team reads."""
    row = record.row
    return ItemTeamView(
        item=_item(record, viewer, locale),
        internal_note=row.internal_note,
        minutes_spent=row.minutes_spent,
        time_label=duration_label(row.minutes_spent),
        triaged_by=record.triaged_by,
        triaged_label=when_label(row.triaged_at, viewer, locale),
        can_propose_change=record.can_propose_change,
    )


def _round(record: RoundRecord, viewer: Viewer, locale: str) -> RoundSummary:
    """A round's summary."""
    row = record.row
    return RoundSummary(
        id=row.id,
        number=row.number or 0,
        status=row.status,
        submitted_by=record.submitted_by,
        submitted_label=when_label(row.submitted_at, viewer, locale),
        on_behalf=row.on_behalf,
        deadline_label=last_day_label(row.deadline_at, record.timezone, locale),
        responded_label=when_label(row.first_response_at, viewer, locale),
        days_taken=record.days_taken,
        answered=row.first_response_at is not None,
        late=record.late,
        billable=record.price_cents is not None,
        price=""
        if record.price_cents is None
        else money(record.price_cents, locale, record.currency),
        closed_label=when_label(row.closed_at, viewer, locale),
        item_count=record.item_count,
        resolved_count=record.resolved_count,
    )


def change_order_view(record: ChangeOrderRecord, viewer: Viewer, locale: str) -> ChangeOrderView:
    """Build a change order's view.

    Args:
        record: The change order.
        locale: ``en`` or ``fr``.

    Returns:
        The view.
    """
    row = record.row
    return ChangeOrderView(
        id=row.id,
        item_id=row.item_id,
        round_id=record.round_id,
        round_number=record.round_number,
        description=row.description,
        price=money(row.price_cents, locale, record.currency),
        price_cents=row.price_cents,
        delay_days=row.delay_days,
        status=row.status,
        created_by=record.created_by,
        created_label=when_label(row.created_at, viewer, locale),
        decided_by=record.decided_by,
        decided_label=when_label(row.decided_at, viewer, locale),
        decline_reason=row.decline_reason,
        files=record.files,
        can_attach=record.can_attach,
    )


def _comment(entry: tuple[RevisionComment, str], viewer: Viewer, locale: str) -> CommentView:
    """A round's message."""
    row, author = entry
    return CommentView(
        id=row.id,
        author=author,
        body=row.body,
        visibility=row.visibility,
        when=when_label(row.created_at, viewer, locale),
    )


def _terms(record: TermsRecord, locale: str) -> TermsView:
    """The terms as the team and the client read them."""
    terms = record.terms
    return TermsView(
        included_rounds=record.included_rounds,
        counts_text=terms.counts_text,
        excluded_text=terms.excluded_text,
        response_days=terms.response_days,
        overage_price=money(record.overage_price_cents, locale, record.currency),
        overage_price_cents=record.overage_price_cents,
        contact_name=record.contact_name,
        lead_name=record.lead_name,
        deliverables=record.deliverables,
    )


def terms_settings(
    terms: RevisionTerms, contacts: tuple[Option, ...], leads: tuple[Option, ...], locale: str
) -> TermsSettings:
    """Build the terms form's current values (managers); holidays one ISO day a line.

    Args:
        terms: The project's terms.
        contacts: The clients who may be the contact.
        leads: The team members who may be the lead.
        locale: ``en`` or ``fr`` (the amounts' notation).

    Returns:
        The settings.
    """
    return TermsSettings(
        counts_text=terms.counts_text,
        excluded_text=terms.excluded_text,
        response_days=terms.response_days,
        overage_mode=terms.overage_mode,
        overage_price=amount_field(terms.overage_price_cents, locale),
        overage_hours=hours_field(terms.overage_estimate_minutes),
        hourly_rate=amount_field(terms.hourly_rate_cents, locale),
        contact_id=str(terms.client_contact_id or ""),
        lead_id=str(terms.lead_id or ""),
        holidays="\n".join(sorted(d.isoformat() for d in parse_holidays(terms.holidays))),
        contacts=contacts,
        leads=leads,
    )


def _counter(record: CounterRecord, locale: str) -> CounterView:
    """The counter ("Round 2 of 3 included")."""
    return CounterView(
        current=record.current,
        included=record.included,
        remaining=max(record.included - record.current, 0),
        next_number=record.next_number,
        next_billable=record.next_number > record.included,
        next_price=money(record.next_price_cents, locale, record.currency),
    )


def _draft(record: DraftRecord, viewer: Viewer, locale: str) -> DraftView:
    """The round being composed."""
    return DraftView(
        id=record.id,
        requests=_each(_item, record.requests, viewer, locale),
        number=record.number,
        billable=record.billable,
        price=money(record.price_cents, locale, record.currency),
        price_cents=record.price_cents,
        over_deliverables=", ".join(record.over_deliverables),
        can_edit=record.can_edit,
        can_submit=record.can_submit,
        overage_needs_client=record.overage_needs_client,
    )


def overview_view(record: OverviewRecord, viewer: Viewer, locale: str) -> RevisionsOverview:
    """Build the project's revisions page.

    Args:
        record: The page as read for the viewer.
        locale: ``en`` or ``fr``.

    Returns:
        The page's view.
    """
    return RevisionsOverview(
        project_id=record.project_id,
        project_name=record.project_name,
        abilities=record.abilities,
        terms=_terms(record.terms, locale) if record.terms else None,
        counter=_counter(record.counter, locale) if record.counter else None,
        draft=_draft(record.draft, viewer, locale) if record.draft else None,
        rounds=_each(_round, record.rounds, viewer, locale),
        change_orders=_each(change_order_view, record.change_orders, viewer, locale),
        items=_each(_item, record.items, viewer, locale),
        decisions=_each(change_order_view, record.decisions, viewer, locale),
    )


def round_view(record: RoundPageRecord, viewer: Viewer, locale: str) -> RoundDetail:
    """Build a round's page (the team's requests only when the record has them).

    Args:
        record: The round's page as read for the viewer.
        locale: The language, ``en`` or ``fr``.

    Returns:
        The round's view.
    """
    return RoundDetail(
        project_id=record.project_id,
        project_name=record.project_name,
        abilities=record.abilities,
        round=_round(record.round, viewer, locale),
        items=_each(_item, record.items, viewer, locale),
        team_items=_each(_team_item, record.team_items, viewer, locale),
        change_orders=_each(change_order_view, record.change_orders, viewer, locale),
        comments=_each(_comment, record.comments, viewer, locale),
        task_options=record.task_options,
    )
