"""The views of the revisions pages, built from what the services read.

Each builder takes typed records, the reader (for its time zone) and the language (``en`` or
``fr``), and writes every amount, date and word with ``labels``. A view field that shows a
column or a record's value as it was read takes it by name (``_as_read``); the builder writes
the others. The services compose the pages (``RevisionsOverview``, ``RoundDetail``) from these.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from collab_app.models import Project, RevisionComment, RevisionTerms
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
    DraftRecord,
    ItemRecord,
    RoundRecord,
)
from collab_app.services.revisions.presenter.views import (
    ChangeOrderView,
    CommentView,
    CounterView,
    DeliverableView,
    DraftView,
    ItemTeamView,
    ItemView,
    Option,
    RoundSummary,
    TermsSettings,
    TermsView,
)
from collab_app.services.viewer import Viewer

R = TypeVar("R")
V = TypeVar("V")


def each(
    build: Callable[[R, Viewer, str], V], records: Iterable[R], viewer: Viewer, locale: str
) -> tuple[V, ...]:
    """Build the views of records, in their order.

    Args:
        build: The builder of one view (``item_view``, ``round_summary``...).
        records: What the services read.
        locale: ``en`` or ``fr``.

    Returns:
        The views.
    """
    return tuple(build(record, viewer, locale) for record in records)


def _as_read(source: object, *names: str) -> dict[str, Any]:
    """The values of ``names`` on a row or a record, for the view fields that show them as read."""
    return {name: getattr(source, name) for name in names}


def item_view(record: ItemRecord, viewer: Viewer, locale: str) -> ItemView:
    """Build a request's view, as everyone allowed to see it sees it."""
    row, order = record.row, record.change_order
    return ItemView(
        **_as_read(row, "id", "round_id", "position", "description", "priority", "kind"),
        **_as_read(row, "attachment_url", "reason", "reply"),
        **_as_read(record, "round_number", "deliverable", "created_by", "tasks", "can_remove"),
        # A request of a draft round is a draft until the round is sent.
        status="draft" if record.round_number == 0 else row.status,
        created_label=when_label(row.created_at, viewer, locale),
        change_order_id=order.id if order else 0,
        change_order_status=order.status if order else "",
        files=record.files,
        can_attach=record.can_attach,
    )


def team_item_view(record: ItemRecord, viewer: Viewer, locale: str) -> ItemTeamView:
    """Build a request's view with what only the team reads."""
    row = record.row
    return ItemTeamView(
        **_as_read(row, "internal_note", "minutes_spent"),
        **_as_read(record, "triaged_by", "can_propose_change"),
        item=item_view(record, viewer, locale),
        time_label=duration_label(row.minutes_spent),
        triaged_label=when_label(row.triaged_at, viewer, locale),
    )


def round_summary(record: RoundRecord, viewer: Viewer, locale: str) -> RoundSummary:
    """Build a round's summary."""
    row = record.row
    return RoundSummary(
        **_as_read(row, "id", "status", "on_behalf"),
        **_as_read(record, "submitted_by", "days_taken", "late", "item_count", "resolved_count"),
        number=row.number or 0,
        submitted_label=when_label(row.submitted_at, viewer, locale),
        deadline_label=last_day_label(row.deadline_at, record.timezone, locale),
        responded_label=when_label(row.first_response_at, viewer, locale),
        answered=row.first_response_at is not None,
        billable=record.price_cents is not None,
        price=""
        if record.price_cents is None
        else money(record.price_cents, locale, record.currency),
        closed_label=when_label(row.closed_at, viewer, locale),
    )


def change_order_view(record: ChangeOrderRecord, viewer: Viewer, locale: str) -> ChangeOrderView:
    """Build a change order's view."""
    row = record.row
    return ChangeOrderView(
        **_as_read(row, "id", "item_id", "description", "price_cents", "delay_days", "status"),
        **_as_read(record, "round_id", "round_number", "created_by", "decided_by", "files"),
        price=money(row.price_cents, locale, record.currency),
        created_label=when_label(row.created_at, viewer, locale),
        decided_label=when_label(row.decided_at, viewer, locale),
        decline_reason=row.decline_reason,
        can_attach=record.can_attach,
    )


def comment_view(entry: tuple[RevisionComment, str], viewer: Viewer, locale: str) -> CommentView:
    """Build a round's message."""
    row, author = entry
    return CommentView(
        **_as_read(row, "id", "body", "visibility"),
        author=author,
        when=when_label(row.created_at, viewer, locale),
    )


def terms_view(
    terms: RevisionTerms,
    project: Project,
    *,
    overage_price_cents: int,
    names: Mapping[int, str],
    deliverables: tuple[DeliverableView, ...],
    locale: str,
) -> TermsView:
    """Build the terms as the team and the client read them.

    Args:
        terms: The project's terms.
        project: The project (its included rounds and currency).
        overage_price_cents: The price of a round beyond the included ones.
        names: Display names by user id (the contact's and the lead's at least).
        deliverables: The deliverables and their own terms.
        locale: ``en`` or ``fr``.

    Returns:
        The view.
    """
    return TermsView(
        **_as_read(terms, "counts_text", "excluded_text", "response_days"),
        included_rounds=project.included_rounds,
        overage_price=money(overage_price_cents, locale, project.currency),
        overage_price_cents=overage_price_cents,
        contact_name=names.get(terms.client_contact_id or 0, ""),
        lead_name=names.get(terms.lead_id or 0, ""),
        deliverables=deliverables,
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
        **_as_read(terms, "counts_text", "excluded_text", "response_days", "overage_mode"),
        overage_price=amount_field(terms.overage_price_cents, locale),
        overage_hours=hours_field(terms.overage_estimate_minutes),
        hourly_rate=amount_field(terms.hourly_rate_cents, locale),
        contact_id=str(terms.client_contact_id or ""),
        lead_id=str(terms.lead_id or ""),
        holidays="\n".join(sorted(d.isoformat() for d in parse_holidays(terms.holidays))),
        contacts=contacts,
        leads=leads,
    )


def counter_view(
    project: Project, *, current: int, next_number: int, next_price_cents: int, locale: str
) -> CounterView:
    """Build the counter ("Round 2 of 3 included").

    Args:
        project: The project (its included rounds and currency).
        current: How many rounds were submitted.
        next_number: The number the next submitted round gets.
        next_price_cents: The price of a round beyond the included ones.
        locale: ``en`` or ``fr``.

    Returns:
        The view.
    """
    included = project.included_rounds
    return CounterView(
        current=current,
        included=included,
        remaining=max(included - current, 0),
        next_number=next_number,
        next_billable=next_number > included,
        next_price=money(next_price_cents, locale, project.currency),
    )


def draft_view(record: DraftRecord, viewer: Viewer, locale: str) -> DraftView:
    """Build the round being composed."""
    check = record.check
    return DraftView(
        **_as_read(check, "number", "billable", "price_cents"),
        **_as_read(record, "id", "can_edit", "can_submit", "overage_needs_client"),
        requests=each(item_view, record.requests, viewer, locale),
        price=money(check.price_cents, locale, record.currency),
        over_deliverables=", ".join(check.over_deliverables),
    )
