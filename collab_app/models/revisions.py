"""Revision rounds framed by the quote, change orders, and the billable lines they produce.

- ``RevisionTerms``: one row per project: what counts as a revision (free text shown to the
  client), the committed response time in working days, the price of a round beyond the
  included ones, the designated client contact (the only client who submits rounds) and the
  lead who receives them. The number of included rounds stays ``Project.included_rounds``.
- ``RevisionDeliverable``: optional per-deliverable terms (its own included rounds and note).
- ``RevisionRound``: one consolidated batch of requests. ``draft`` while being composed,
  ``submitted`` once sent (it then has a ``number``), ``closed`` when every item is resolved.
- ``RevisionItem``: one request in a round, triaged by the team; ``internal_note`` and the time
  entries are team-only.
- ``ChangeOrder``: a priced proposal for an item triaged as a scope change; the client approves
  or declines it; the linked work does not start before approval.
- ``BillableLine``: what the invoicing feature bills (see its docstring: the contract).
- ``RevisionEvent``: the trace — every round, item, decision and approval with who and when.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from collab_app.models.base import utcnow

ITEM_DESCRIPTION_MAX = 2_000
ITEM_PRIORITIES = ("low", "normal", "high")
ITEM_KINDS = ("revision", "scope_change", "not_actionable")
ITEM_STATUSES = ("open", "in_progress", "done", "declined")
ROUND_STATUSES = ("draft", "submitted", "closed")
CHANGE_ORDER_STATUSES = ("proposed", "approved", "declined")
OVERAGE_MODES = ("fixed", "hourly")
BILLABLE_SOURCES = ("overage", "change_order")


class RevisionTerms(SQLModel, table=True):
    """A project's revision terms; absent until a manager saves them (defaults then apply).

    The price of an extra round is ``overage_price_cents`` in ``fixed`` mode, or
    ``overage_estimate_minutes`` x ``hourly_rate_cents`` / 60 (rounded half up) in ``hourly``
    mode. Holidays are ISO dates, one per line, skipped like weekends in response times.
    """

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", unique=True)
    counts_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    excluded_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    response_days: int = 3
    overage_mode: str = Field(default="fixed", max_length=8)
    overage_price_cents: int = 0
    overage_estimate_minutes: int = 0
    hourly_rate_cents: int = 0
    client_contact_id: int | None = Field(default=None, foreign_key="user.id")
    lead_id: int | None = Field(default=None, foreign_key="user.id")
    holidays: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    timezone: str = Field(default="Europe/Paris", max_length=64)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by_id: int | None = Field(default=None, foreign_key="user.id")


class RevisionDeliverable(SQLModel, table=True):
    """A deliverable of the project; ``included_rounds`` None means the project's count applies."""

    __table_args__ = (UniqueConstraint("project_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    name: str = Field(max_length=80)
    included_rounds: int | None = None
    note: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utcnow)


class RevisionRound(SQLModel, table=True):
    """One consolidated batch of revision requests.

    ``number`` is given at submission (1, 2, ...; unique per project). ``deadline_at`` is the
    committed response deadline computed at submission in working days; ``first_response_at``
    is the team's first answer (a triage, a reply or a client-visible comment). A round beyond
    the included ones is ``billable``; its price at confirmation is kept in
    ``overage_price_cents`` (and in a ``BillableLine``).
    """

    __table_args__ = (
        UniqueConstraint("project_id", "number"),
        Index("ix_revisionround_project_status", "project_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id")
    number: int | None = None
    status: str = Field(default="draft", max_length=12)
    created_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    submitted_by_id: int | None = Field(default=None, foreign_key="user.id")
    submitted_at: datetime | None = None
    on_behalf: bool = False
    response_days: int = 0
    deadline_at: datetime | None = None
    first_response_at: datetime | None = None
    first_response_by_id: int | None = Field(default=None, foreign_key="user.id")
    billable: bool = False
    overage_price_cents: int = 0
    overage_confirmed_by_id: int | None = Field(default=None, foreign_key="user.id")
    overage_confirmed_at: datetime | None = None
    closed_at: datetime | None = None


class RevisionItem(SQLModel, table=True):
    """One request of a round. ``kind`` is empty until triaged.

    Client-visible: description, deliverable, priority, attachment link, kind, status, ``reason``
    (why it was declined or not actionable) and ``reply`` (the team's answer). Team-only:
    ``internal_note`` and the time entries.
    """

    __table_args__ = (Index("ix_revisionitem_round_position", "round_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="revisionround.id")
    project_id: int = Field(foreign_key="project.id", index=True)
    position: int = 0
    description: str = Field(sa_column=Column(Text, nullable=False))
    deliverable_id: int | None = Field(default=None, foreign_key="revisiondeliverable.id")
    priority: str = Field(default="normal", max_length=8)
    attachment_url: str = Field(default="", max_length=500)
    created_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    kind: str = Field(default="", max_length=16)
    triaged_by_id: int | None = Field(default=None, foreign_key="user.id")
    triaged_at: datetime | None = None
    status: str = Field(default="open", max_length=12)
    status_changed_at: datetime | None = None
    status_changed_by_id: int | None = Field(default=None, foreign_key="user.id")
    reason: str = Field(default="", max_length=1000)
    reply: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    internal_note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    minutes_spent: int = 0
    version: int = 1


class RevisionItemTask(SQLModel, table=True):
    """A board task of the same project linked to an item."""

    __table_args__ = (UniqueConstraint("item_id", "task_id"),)

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="revisionitem.id")
    task_id: int = Field(foreign_key="task.id", index=True)
    linked_by_id: int = Field(foreign_key="user.id")
    linked_at: datetime = Field(default_factory=utcnow)


class RevisionTimeEntry(SQLModel, table=True):
    """Minutes a team member spent on an item (team-only; summed in ``minutes_spent``)."""

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="revisionitem.id", index=True)
    user_id: int = Field(foreign_key="user.id")
    minutes: int
    created_at: datetime = Field(default_factory=utcnow)


class RevisionComment(SQLModel, table=True):
    """A message on a round: ``client`` (the client side sees it) or ``internal`` (team only)."""

    __table_args__ = (Index("ix_revisioncomment_round_created", "round_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="revisionround.id")
    author_id: int = Field(foreign_key="user.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    visibility: str = Field(default="internal", max_length=8)
    created_at: datetime = Field(default_factory=utcnow)


class ChangeOrder(SQLModel, table=True):
    """A priced proposal for work outside the brief, approved or declined by the client.

    ``delay_days`` is the impact on the schedule in working days. ``decided_*`` record the
    client's decision with its time. Approval creates a ``BillableLine``.
    """

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    item_id: int = Field(foreign_key="revisionitem.id", index=True)
    description: str = Field(sa_column=Column(Text, nullable=False))
    price_cents: int
    delay_days: int = 0
    status: str = Field(default="proposed", max_length=10)
    created_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    decided_by_id: int | None = Field(default=None, foreign_key="user.id")
    decided_at: datetime | None = None
    decline_reason: str = Field(default="", max_length=1000)


class BillableLine(SQLModel, table=True):
    """Something to bill the client beyond the quote; the contract with invoicing follows.

    - Written only by the revision services, once per source (unique ``source`` +
      ``source_id``), in the same transaction as the client's confirmation: ``source`` is
      ``overage`` (``source_id`` = ``RevisionRound.id``, a round beyond the included ones the
      client confirmed) or ``change_order`` (``source_id`` = ``ChangeOrder.id``, approved by the
      client). Lines are never deleted or changed by the revision services afterwards.
    - ``amount_cents`` is the amount before tax in ``currency`` (the project's at creation);
      ``description`` is ready to print, in the language of the client who confirmed it.
    - ``created_at`` is the confirmation time (aware UTC); ``created_by_id`` the client who
      confirmed.
    - ``invoiced_invoice_id`` is NULL until the invoicing feature puts the line on an invoice;
      invoicing sets it (and only invoicing). Unbilled lines of a project: ``project_id = ? AND
      invoiced_invoice_id IS NULL`` (indexed).
    - Visibility: money — managers (and the team, per the revisions rules); a client sees the
      price it approved. Read them through services, never straight into a client's view.
    """

    __table_args__ = (
        UniqueConstraint("source", "source_id"),
        Index("ix_billableline_project_invoice", "project_id", "invoiced_invoice_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id")
    source: str = Field(max_length=16)
    source_id: int
    description: str = Field(max_length=300)
    amount_cents: int
    currency: str = Field(default="EUR", max_length=3)
    created_at: datetime = Field(default_factory=utcnow)
    created_by_id: int | None = Field(default=None, foreign_key="user.id")
    invoiced_invoice_id: int | None = None


class RevisionEvent(SQLModel, table=True):
    """One line of the revision trace.

    ``detail`` is a JSON object of message parameters; ``client_visible`` is False for internal
    facts (notes, time, internal comments).
    """

    __table_args__ = (Index("ix_revisionevent_project_created", "project_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id")
    round_id: int | None = Field(default=None, foreign_key="revisionround.id")
    item_id: int | None = Field(default=None, foreign_key="revisionitem.id")
    change_order_id: int | None = Field(default=None, foreign_key="changeorder.id")
    actor_id: int = Field(foreign_key="user.id")
    kind: str = Field(max_length=32)
    detail: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    client_visible: bool = True
    created_at: datetime = Field(default_factory=utcnow)


def parse_holidays(text: str) -> frozenset[date]:
    """Read the holidays list of ``RevisionTerms`` (ISO dates; bad lines are ignored).

    Args:
        text: One ISO date per line (commas also separate).

    Returns:
        The dates.
    """
    days = set()
    for part in (text or "").replace(",", "\n").splitlines():
        try:
            days.add(date.fromisoformat(part.strip()))
        except ValueError:
            continue
    return frozenset(days)
