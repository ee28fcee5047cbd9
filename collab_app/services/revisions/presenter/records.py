"""What the revision services read for the pages: typed values (rows, cents, aware datetimes).

The services fill these records from rows already filtered for the viewer; the builders of
this package turn them into views. Nothing here is formatted or translated.
"""

from __future__ import annotations

from dataclasses import dataclass

from collab_app.models import ChangeOrder, RevisionComment, RevisionItem, RevisionRound
from collab_app.models import RevisionTerms as Terms
from collab_app.services.files.views import FileView
from collab_app.services.revisions.presenter.views import (
    Abilities,
    DeliverableView,
    Option,
    TaskRef,
)


@dataclass(frozen=True, slots=True)
class ItemRecord:
    """A request the viewer may see, with what is looked up around it."""

    row: RevisionItem
    round_number: int  # 0 for a draft
    deliverable: str
    created_by: str
    tasks: tuple[TaskRef, ...]
    change_order: ChangeOrder | None
    files: tuple[FileView, ...]
    can_attach: bool
    can_remove: bool = False
    # Read for the team only (``requests.team_item_records``): who triaged it, and whether the
    # viewer may propose a change order for it.
    triaged_by: str = ""
    can_propose_change: bool = False


@dataclass(frozen=True, slots=True)
class RoundRecord:
    """A round with its response time, lateness and the counts of the viewer's requests."""

    row: RevisionRound
    submitted_by: str
    timezone: str  # the terms' zone, where the deadline's day ends
    days_taken: int
    late: bool
    price_cents: int | None  # None: the viewer sees no price, or the round is not billable
    currency: str
    item_count: int
    resolved_count: int


@dataclass(frozen=True, slots=True)
class ChangeOrderRecord:
    """A change order with its round and the names of who proposed and decided it."""

    row: ChangeOrder
    round_id: int
    round_number: int
    created_by: str
    decided_by: str
    currency: str
    files: tuple[FileView, ...]
    can_attach: bool


@dataclass(frozen=True, slots=True)
class TermsRecord:
    """The project's terms as read by the team and the client."""

    terms: Terms
    included_rounds: int
    overage_price_cents: int
    currency: str
    contact_name: str
    lead_name: str
    deliverables: tuple[DeliverableView, ...]


@dataclass(frozen=True, slots=True)
class CounterRecord:
    """Where the project stands in its included rounds."""

    current: int
    included: int
    next_number: int
    next_price_cents: int
    currency: str


@dataclass(frozen=True, slots=True)
class DraftRecord:
    """The round being composed and what submitting it costs."""

    id: int
    requests: tuple[ItemRecord, ...]
    number: int
    billable: bool
    price_cents: int
    currency: str
    over_deliverables: tuple[str, ...]
    can_edit: bool
    can_submit: bool
    overage_needs_client: bool


@dataclass(frozen=True, slots=True)
class OverviewRecord:
    """The project's revisions page read for the viewer (guests: only ``items``)."""

    project_id: int
    project_name: str
    abilities: Abilities
    terms: TermsRecord | None
    counter: CounterRecord | None
    draft: DraftRecord | None
    rounds: tuple[RoundRecord, ...]
    change_orders: tuple[ChangeOrderRecord, ...]
    items: tuple[ItemRecord, ...]
    decisions: tuple[ChangeOrderRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class RoundPageRecord:
    """One round's page read for the viewer; ``team_items`` empty unless on the team."""

    project_id: int
    project_name: str
    abilities: Abilities
    round: RoundRecord
    items: tuple[ItemRecord, ...]
    team_items: tuple[ItemRecord, ...]  # with the team's fields
    change_orders: tuple[ChangeOrderRecord, ...]
    comments: tuple[tuple[RevisionComment, str], ...]  # (message, its author's name)
    task_options: tuple[Option, ...]
