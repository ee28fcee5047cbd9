"""What the split calculator shows: drafts, deliverables, a draft's lines and its preview.

- :class:`DraftSummary`: a draft in the project's list; :class:`DeliverableView`: a milestone
  or bonus;
- :class:`LineUI` / :class:`CellUI` / :class:`ShareUI`: a draft's lines, cells and shares in the
  split calculator (managers), from a :class:`~collab_app.services.billing.split.Computed`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from collab_app.i18n import format_money, translate
from collab_app.models import Deliverable, Invoice
from collab_app.services.billing.presenter.invoices import MoneyRow
from collab_app.services.billing.presenter.rates import vat_label
from collab_app.services.billing.split import Computed, SplitDraft
from collab_app.services.billing.split_engine import describe_fee, describe_member
from collab_app.services.billing.vat_disclosure import revealed_names
from collab_app.services.shared_views import view_from


@dataclass(frozen=True, slots=True)
class DraftSummary:
    """A draft in the list of a project's drafts."""

    id: int
    title: str
    lines: int
    updated: str


@dataclass(frozen=True, slots=True)
class DeliverableView:
    """A milestone or bonus, for the project's managers."""

    id: int
    kind: str
    name: str
    amount: str
    invoiced: bool


@dataclass(frozen=True, slots=True)
class CellUI:
    """One person's input (share or weight) on a line, and what they get from it."""

    member_id: int
    name: str
    value: str
    result: str


@dataclass(frozen=True, slots=True)
class LineUI:
    """One line of the draft in the calculator."""

    key: str
    basis: str
    label: str
    amount: str
    method: str
    period_start: str
    period_end: str
    computed_amount: str
    cells: list[CellUI] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ShareUI:
    """One person's total in the preview, with VAT and explanation."""

    member_id: int
    name: str
    amount: str
    vat: str
    explanation: list[str] = field(default_factory=list)


def draft_summary(invoice: Invoice, lines: int) -> DraftSummary:
    """Project a draft for the list of a project's drafts.

    Args:
        invoice: The draft.
        lines: How many lines it has.

    Returns:
        The summary (``updated``: the day of its last change, ISO).
    """
    return DraftSummary(
        id=invoice.id,
        title=invoice.title,
        lines=lines,
        updated=invoice.updated_at.date().isoformat(),
    )


def deliverable_view(row: Deliverable, locale: str, currency: str) -> DeliverableView:
    """Project a milestone or bonus for the project's managers.

    Args:
        row: The deliverable.
        locale: For its amount.
        currency: The project's currency.

    Returns:
        The view.
    """
    return view_from(
        DeliverableView,
        row,
        amount=format_money(row.amount_cents, locale, currency),
        invoiced=row.invoiced_invoice_id is not None,
    )


def preview_fields(computed: Computed, lang: str) -> dict[str, Any]:
    """Project a computed split into the calculator's preview vars.

    Args:
        computed: The split and its VAT.
        lang: The reader's language.

    Returns:
        Var name -> value (shares, chart, totals, VAT rows, mentions, fee explanation and the
        VAT-breakdown disclosure warning).
    """
    money = lambda cents: format_money(cents, lang)  # noqa: E731
    result, vat = computed.result, computed.vat
    vat_by_member = {s.member_id: s for s in vat.shares}
    chart = [
        {"name": m.name, "amount": m.total_cents // 100} for m in result.members if m.total_cents
    ]
    if result.collective_fee_cents:
        chart.append(
            {"name": translate("revenue.fee", lang), "amount": result.collective_fee_cents // 100}
        )
    revealed = revealed_names(vat, {m.member_id: m.name for m in result.members})
    return {
        "shares": [
            ShareUI(
                member_id=m.member_id,
                name=m.name,
                amount=money(m.total_cents),
                vat=vat_label(vat_by_member[m.member_id].rate_bp, lang)
                if m.member_id in vat_by_member
                else "",
                explanation=list(describe_member(m, lang)),
            )
            for m in result.members
            if m.lines
        ],
        "chart": chart,
        "total": money(result.total_cents),
        "fee_amount": money(result.collective_fee_cents),
        "distributed": money(result.distributed_cents),
        "vat_rows": [
            MoneyRow(f"{vat_label(r.rate_bp, lang)} · {money(r.base_cents)}", money(r.vat_cents))
            for r in vat.by_rate
        ],
        "total_vat": money(vat.total_vat_cents),
        "total_incl": money(vat.total_cents),
        "mentions": list(vat.legal_mentions),
        "vat_disclosure": translate("revenueui.vat_disclosure", lang, names=revealed)
        if revealed
        else "",
        "fee_explanation": list(describe_fee(result, lang)) if result.fee_percent else [],
    }


def line_rows(
    draft: SplitDraft, roster: list[tuple[int, str]], computed: Computed | None, lang: str
) -> list[LineUI]:
    """Project the draft's lines, with each person's input and computed amount.

    Args:
        draft: The draft being edited.
        roster: (user id, name) of the people who can be paid.
        computed: Its split, or None when it cannot be computed.
        lang: The reader's language.

    Returns:
        One row per line.
    """
    money = lambda cents: format_money(cents, lang)  # noqa: E731
    per_line: dict[tuple[str, int], int] = {}
    amounts: dict[str, str] = {}
    if computed is not None:
        for line in computed.result.lines:
            amounts[line.line_id] = money(line.amount_cents)
            for allocation in line.allocations:
                per_line[(line.line_id, allocation.member_id)] = allocation.cents
    return [
        view_from(
            LineUI,
            line,
            computed_amount=amounts.get(line.key, ""),
            cells=[
                CellUI(
                    member_id=uid,
                    name=name,
                    value=line.value_of(uid),
                    result=money(per_line[(line.key, uid)]) if (line.key, uid) in per_line else "",
                )
                for uid, name in roster
            ],
        )
        for line in draft.lines
    ]
