"""Revenue: time entries, rates, deliverables, invoices with their frozen split, numbering.

Money is integer cents. Rates have a unit (``hour`` or ``day``). Decimal quantities typed by
people (agreed shares in percent, contribution weights, the collective fee) are stored as their
canonical decimal text so that nothing passes through a float.

Where a rate comes from (documented choice): a person's default rate lives in their
:class:`BillingProfile` (one per user, with their VAT status, since a freelancer bills every
collective the same way); a project manager may override it per project with a
:class:`ProjectRate`. The split engine receives the project rate when there is one, else the
profile's.

An :class:`Invoice` is a draft (the calculator's saved split: editable lines in
:class:`InvoiceLine`, no number) until it is issued. Issuing gives it the next number of its
collective's unbroken sequence (:class:`InvoiceCounter`), computes the split once and freezes
it: the lines' amounts, each member's :class:`InvoiceShare` (with its explanation as JSON) and
the VAT totals are stored, and nothing later reads time entries or rates for it again. A
credit note is an issued ``Invoice`` of kind ``credit_note`` with negative amounts and its own
number in the same sequence, referencing the invoice it corrects.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from collab_app.models.base import utcnow

TIME_KINDS = ("production", "management")
RATE_UNITS = ("hour", "day")
LINE_BASES = ("milestone", "time", "bonus", "fixed")
INVOICE_KINDS = ("invoice", "credit_note")
INVOICE_STATUSES = ("draft", "issued")
DELIVERABLE_KINDS = ("milestone", "bonus")


class BillingProfile(SQLModel, table=True):
    """A person's default rate and VAT status, used on every project unless overridden.

    ``vat_exempt`` marks a micro-entrepreneur under the VAT franchise (art. 293 B du CGI): their
    share carries no VAT and the legal mention. Otherwise ``vat_rate_bp`` (2000 = 20 %) applies.
    """

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", unique=True, index=True)
    rate_cents: int | None = None
    rate_unit: str = Field(default="day", max_length=8)
    hours_per_day: int = 7
    vat_exempt: bool = False
    vat_rate_bp: int = 2000
    updated_at: datetime = Field(default_factory=utcnow)


class ProjectRate(SQLModel, table=True):
    """A member's rate on one project, set by a manager (overrides the profile's default)."""

    __table_args__ = (UniqueConstraint("project_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    rate_cents: int
    rate_unit: str = Field(default="day", max_length=8)
    management_rate_cents: int | None = None
    hours_per_day: int = 7
    updated_at: datetime = Field(default_factory=utcnow)


class TimeEntry(SQLModel, table=True):
    """Time someone logged on a project (optionally on one task): production or management."""

    __table_args__ = (
        Index("ix_timeentry_project_date", "project_id", "work_date"),
        Index("ix_timeentry_user_date", "user_id", "work_date"),
    )

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id")
    user_id: int = Field(foreign_key="user.id")
    task_id: int | None = Field(default=None, foreign_key="task.id")
    work_date: date
    minutes: int
    kind: str = Field(default="production", max_length=12)
    note: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)


class Deliverable(SQLModel, table=True):
    """A milestone (fixed price, agreed shares or time invested) or a performance bonus.

    ``split_json`` maps user id -> agreed share in percent (milestone; empty: split by time
    invested) or -> contribution weight (bonus), as decimal text. ``invoiced_invoice_id`` is set
    when an issued invoice bills it (cleared again by a credit note).
    """

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True)
    kind: str = Field(default="milestone", max_length=12)
    name: str = Field(max_length=120)
    amount_cents: int = 0
    split_json: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    position: int = 0
    invoiced_invoice_id: int | None = Field(default=None, foreign_key="invoice.id")
    created_at: datetime = Field(default_factory=utcnow)


class CollectiveBilling(SQLModel, table=True):
    """How a collective invoices: the issuer block of its invoices and the VAT of its fee.

    Edited by the collective's owners and admins (:mod:`collab_app.services.billing.identity`);
    an invoice cannot be issued until the identity is complete, and issuing copies it into the
    invoice's snapshot, so later edits never change an issued invoice.
    """

    id: int | None = Field(default=None, primary_key=True)
    collective_id: int = Field(foreign_key="collective.id", unique=True, index=True)
    legal_name: str = Field(default="", max_length=120)
    address: str = Field(default="", max_length=300)
    siret: str = Field(default="", max_length=20)
    vat_number: str = Field(default="", max_length=20)
    iban: str = Field(default="", max_length=40)
    bic: str = Field(default="", max_length=11)
    fee_vat_exempt: bool = False
    fee_vat_rate_bp: int = 2000
    payment_days: int = 30
    # Payment terms printed on every invoice (Code de commerce L441-9 and L441-10): the
    # late-payment penalty rate in basis points (None: the legal default, the ECB's refinancing
    # rate plus 10 points), the early-payment discount ("" prints that there is none), and the
    # option to pay VAT on debits (CGI art. 269, 2-c) instead of on receipts for services.
    late_penalty_bp: int | None = None
    early_discount: str = Field(default="", max_length=200)
    vat_on_debits: bool = False
    updated_at: datetime = Field(default_factory=utcnow)


class InvoiceCounter(SQLModel, table=True):
    """The last number issued by a collective; incremented in the issuing transaction.

    The row is locked by ``UPDATE ... SET last_number = last_number + 1`` until the invoice is
    committed, so concurrent issues wait for each other and a rolled-back issue leaves no gap.
    """

    collective_id: int = Field(foreign_key="collective.id", primary_key=True)
    last_number: int = 0


class Invoice(SQLModel, table=True):
    """A draft split, an issued client invoice, or a credit note.

    Drafts: ``status = 'draft'``, no number, editable lines, ``draft_key`` seeds tie-breaks.
    Issued: ``sequence``/``number`` from the collective's counter, totals and ``snapshot_json``
    (the frozen split: lines, fee, VAT by rate, legal mentions) never change again.
    """

    __table_args__ = (
        UniqueConstraint("collective_id", "sequence"),
        Index("ix_invoice_project_status", "project_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    collective_id: int = Field(foreign_key="collective.id", index=True)
    project_id: int = Field(foreign_key="project.id")
    kind: str = Field(default="invoice", max_length=12)
    status: str = Field(default="draft", max_length=8)
    title: str = Field(default="", max_length=120)
    sequence: int | None = None
    number: str = Field(default="", max_length=20)
    credits_invoice_id: int | None = Field(default=None, foreign_key="invoice.id")
    fee_percent: str = Field(default="0", max_length=20)
    client_name: str = Field(default="", max_length=120)
    client_address: str = Field(default="", max_length=300)
    # The client's identifiers (SIREN mandatory on B2B invoices in France; VAT number for
    # Factur-X) and where the service is delivered when it is not the client's address.
    client_siren: str = Field(default="", max_length=9)
    client_vat_number: str = Field(default="", max_length=20)
    client_delivery_address: str = Field(default="", max_length=300)
    issue_date: date | None = None
    due_date: date | None = None
    currency: str = Field(default="EUR", max_length=3)
    total_before_tax_cents: int = 0
    fee_cents: int = 0
    vat_cents: int = 0
    total_cents: int = 0
    snapshot_json: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    version: int = 1
    created_by_id: int = Field(foreign_key="user.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    issued_at: datetime | None = None


class InvoiceLine(SQLModel, table=True):
    """A line of a draft (with its split parameters) or of an issued invoice (frozen amount).

    ``params_json`` holds the split parameters: ``method`` (``shares``, ``time``, ``weights``,
    ``time_rate``), ``values`` (user id -> decimal text), ``period_start``/``period_end``.
    ``source``/``source_id`` name what the line bills (``deliverable``, ``billable`` or empty).
    """

    __table_args__ = (Index("ix_invoiceline_invoice_position", "invoice_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id")
    position: int = 0
    line_key: str = Field(max_length=40)
    basis: str = Field(max_length=12)
    label: str = Field(max_length=200)
    amount_cents: int | None = None
    params_json: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    source: str = Field(default="", max_length=16)
    source_id: int | None = None


class InvoiceShare(SQLModel, table=True):
    """One member's frozen share of an issued invoice, VAT and explanation included.

    ``detail_json`` is the member's split (lines with basis, quantities, exact and rounded
    cents) from which explanations are written in the reader's language.
    """

    __table_args__ = (UniqueConstraint("invoice_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    name: str = Field(default="", max_length=80)
    base_cents: int = 0
    vat_rate_bp: int | None = None
    vat_cents: int = 0
    legal_mention: str = Field(default="", max_length=80)
    detail_json: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
