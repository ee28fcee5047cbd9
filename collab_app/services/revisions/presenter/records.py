"""What the revision services read for the pages: typed values (rows, cents, aware datetimes).

The services fill these records from rows already filtered for the viewer; the builders of
this package turn them into views. Nothing here is formatted or translated.
"""

from __future__ import annotations

from dataclasses import dataclass

from collab_app.models import ChangeOrder, RevisionItem, RevisionRound
from collab_app.services.files.views import FileView
from collab_app.services.revisions.presenter.views import TaskRef


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
class OverageCheck:
    """What submitting a round would mean: its number and whether it is billable, at what price."""

    number: int
    included: int
    billable: bool
    price_cents: int
    over_deliverables: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DraftRecord:
    """The round being composed, what submitting it means and what the viewer may do with it."""

    id: int
    requests: tuple[ItemRecord, ...]
    check: OverageCheck
    currency: str
    can_edit: bool
    can_submit: bool
    overage_needs_client: bool
