"""The views of the revisions pages: one frozen class per thing shown.

A client's or a guest's views never carry time spent, internal notes or internal messages:
those live only in the team's views (``ItemTeamView``, ``TermsSettings``), which are built for
the team and nobody else. Guests get no prices either (the price fields are empty strings).
"""

from __future__ import annotations

from dataclasses import dataclass

from collab_app.services.files.views import FileView
from collab_app.services.shared_views import Option


@dataclass(frozen=True, slots=True)
class DeliverableView:
    """A deliverable and its own terms; ``included_rounds`` is -1 when the project's apply."""

    id: int
    name: str
    included_rounds: int
    rounds_used: int
    note: str


@dataclass(frozen=True, slots=True)
class TermsView:
    """The terms as shown to the team and the client."""

    included_rounds: int
    counts_text: str
    excluded_text: str
    response_days: int
    overage_price: str
    overage_price_cents: int
    contact_name: str
    lead_name: str
    deliverables: tuple[DeliverableView, ...]


@dataclass(frozen=True, slots=True)
class TermsSettings:
    """The terms form's current values (managers only)."""

    counts_text: str
    excluded_text: str
    response_days: int
    overage_mode: str
    overage_price: str
    overage_hours: str
    hourly_rate: str
    contact_id: str
    lead_id: str
    holidays: str
    contacts: tuple[Option, ...]
    leads: tuple[Option, ...]


@dataclass(frozen=True, slots=True)
class CounterView:
    """Where the project stands: ``current`` submitted rounds out of ``included``.

    ``next_billable`` tells whether the next round is beyond the included ones (at project
    level; a deliverable's own limit shows on the draft), ``next_price`` its price.
    """

    current: int
    included: int
    remaining: int
    next_number: int
    next_billable: bool
    next_price: str


@dataclass(frozen=True, slots=True)
class TaskRef:
    """A linked board task the viewer may see."""

    id: int
    title: str


@dataclass(frozen=True, slots=True)
class ItemView:
    """A request as everyone allowed to see it sees it (no time, no internal note)."""

    id: int
    round_id: int
    round_number: int
    position: int
    description: str
    deliverable: str
    priority: str
    attachment_url: str
    kind: str
    status: str
    reason: str
    reply: str
    created_by: str
    created_label: str
    tasks: tuple[TaskRef, ...]
    change_order_id: int
    change_order_status: str
    can_remove: bool = False  # in a draft: its author, or a manager
    # The files attached to the request that the viewer may see, and whether the viewer (its
    # author, never a guest) may attach more.
    files: tuple[FileView, ...] = ()
    can_attach: bool = False


@dataclass(frozen=True, slots=True)
class ItemTeamView:
    """A request with what only the team sees."""

    item: ItemView
    internal_note: str
    minutes_spent: int
    time_label: str
    triaged_by: str
    triaged_label: str
    can_propose_change: bool


@dataclass(frozen=True, slots=True)
class RoundSummary:
    """A round in lists and as the head of its page."""

    id: int
    number: int
    status: str
    submitted_by: str
    submitted_label: str
    on_behalf: bool
    deadline_label: str  # the last day to answer: "9 Dec 2026" (ends at midnight, terms' zone)
    responded_label: str
    days_taken: int
    answered: bool
    late: bool
    billable: bool
    price: str
    closed_label: str
    item_count: int
    resolved_count: int


@dataclass(frozen=True, slots=True)
class DraftView:
    """The round being composed, and what submitting it means."""

    id: int
    requests: tuple[ItemView, ...]
    number: int
    billable: bool
    price: str
    price_cents: int
    over_deliverables: str
    can_edit: bool
    can_submit: bool
    overage_needs_client: bool


@dataclass(frozen=True, slots=True)
class ChangeOrderView:
    """A change order as the team and the client see it."""

    id: int
    item_id: int
    round_id: int
    round_number: int
    description: str
    price: str
    price_cents: int
    delay_days: int
    status: str
    created_by: str
    created_label: str
    decided_by: str
    decided_label: str
    decline_reason: str
    # As a request's: the attached files the viewer may see; its author may attach more.
    files: tuple[FileView, ...] = ()
    can_attach: bool = False


@dataclass(frozen=True, slots=True)
class CommentView:
    """A message on a round."""

    id: int
    author: str
    body: str
    visibility: str
    when: str


@dataclass(frozen=True, slots=True)
class Abilities:
    """What the viewer may do on the revisions pages (the services check again)."""

    role: str
    is_team: bool
    is_contact: bool
    is_lead: bool
    can_edit_terms: bool
    can_draft: bool
    can_triage: bool
    can_propose: bool
    can_decide: bool
    can_comment: bool
    can_export: bool


@dataclass(frozen=True, slots=True)
class RevisionsOverview:
    """The revisions page of a project for the viewer.

    Guests get only ``items`` (those linked to their tasks); ``terms``, ``counter`` and
    ``draft`` are None and the lists empty for them. The team and the client get no ``items``
    (they read the requests on the rounds' pages).
    """

    project_id: int
    project_name: str
    abilities: Abilities
    terms: TermsView | None = None
    counter: CounterView | None = None
    draft: DraftView | None = None  # None too when the draft has no request left
    rounds: tuple[RoundSummary, ...] = ()
    change_orders: tuple[ChangeOrderView, ...] = ()
    items: tuple[ItemView, ...] = ()
    decisions: tuple[ChangeOrderView, ...] = ()  # change orders waiting for this viewer


@dataclass(frozen=True, slots=True)
class RoundDetail:
    """One round's page. ``team_items`` is empty unless the viewer is on the team."""

    project_id: int
    project_name: str
    abilities: Abilities
    round: RoundSummary
    items: tuple[ItemView, ...]
    team_items: tuple[ItemTeamView, ...]
    change_orders: tuple[ChangeOrderView, ...]
    comments: tuple[CommentView, ...]
    task_options: tuple[Option, ...]
