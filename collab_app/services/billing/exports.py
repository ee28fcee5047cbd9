"""CSV exports: the time report and an invoice's split, in the reader's language.

Both go through the same permission rules as the screens: the time report holds only the
entries the viewer may read (:func:`collab_app.services.time_tracking.readable_clause`); the
split holds every share for managers, the member's own share (and the invoice total) for a
member, and only their own share for a guest paid on the invoice. Clients get ``NotFound``.

French files use ``;`` as separator and ``,`` as decimal mark (what spreadsheets expect there);
English ones ``,`` and ``.``. Files start with a UTF-8 byte-order mark. Text typed by people is
defused against spreadsheet formulas (a leading ``=``, ``+``, ``-``, ``@`` gets a quote).
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

from sqlmodel import Session, select

from collab_app.i18n import format_money, format_number, normalize_locale, translate
from collab_app.models import InvoiceShare
from collab_app.services import time_tracking
from collab_app.services.billing.credit_split import describe_share
from collab_app.services.billing.issued import require_issued
from collab_app.services.billing.links import credited_shares
from collab_app.services.billing.presenter import vat_label
from collab_app.services.billing.snapshots import member_from_json
from collab_app.services.billing.split_engine.explain import basis_label
from collab_app.services.errors import NotFound
from collab_app.services.viewer import Viewer

MAX_ROWS = 100_000


def _defuse(value: str) -> str:
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv(rows: list[list[str]], locale: str) -> bytes:
    buffer = io.StringIO()
    delimiter = ";" if normalize_locale(locale) == "fr" else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _hours(minutes: int, locale: str) -> str:
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return format_number(hours, locale, places=2, grouping=False)


def time_csv(
    session: Session,
    viewer: Viewer,
    *,
    start: object,
    end: object,
    project_id: object = None,
    user_id: object = None,
    locale: str = "en",
) -> tuple[str, bytes]:
    """Export the time the viewer may read over a period, one entry per row.

    Args:
        session: Database session.
        viewer: The signed-in person.
        start: First day, ISO.
        end: Last day, ISO.
        project_id: One project, or None for all the viewer's projects.
        user_id: Only this person, or None.
        locale: The reader's language.

    Returns:
        (file name, CSV bytes).
    """
    first, last, condition = time_tracking.period_condition(
        session, viewer, start=start, end=end, project_id=project_id, user_id=user_id
    )
    entries = time_tracking.list_entries(
        session, viewer, condition=condition, locale=locale, limit=MAX_ROWS
    )
    t = lambda key: translate(f"revenue.csv_{key}", locale)  # noqa: E731
    rows = [[t(k) for k in ("date", "project", "person", "kind", "task", "hours", "note")]]
    for e in reversed(entries):
        rows.append(
            [
                e.work_date,
                _defuse(e.project_name),
                _defuse(e.person),
                translate(f"revenue.kind_{e.kind}", locale),
                _defuse(e.task_title),
                _hours(e.minutes, locale),
                _defuse(e.note),
            ]
        )
    total = sum(e.minutes for e in entries)
    rows.append([t("total"), "", "", "", "", _hours(total, locale), ""])
    return f"time-{first.isoformat()}-{last.isoformat()}.csv", _csv(rows, locale)


def split_csv(
    session: Session, viewer: Viewer, *, invoice_id: object, locale: str = "en"
) -> tuple[str, bytes]:
    """Export an issued invoice's split: one row per member and line, then member totals.

    Args:
        session: Database session.
        viewer: A manager, a member, or a guest paid on the invoice.
        invoice_id: Id received from the client.
        locale: The reader's language.

    Returns:
        (file name, CSV bytes).

    Raises:
        NotFound: Unknown invoice, or a client (the split is internal).
    """
    issued = require_issued(session, viewer, invoice_id)
    invoice, access = issued.invoice, issued.access
    if access.is_client:
        raise NotFound()
    if access.is_manager:
        shares = list(
            session.exec(
                select(InvoiceShare)
                .where(InvoiceShare.invoice_id == invoice.id)
                .order_by(InvoiceShare.name)
            ).all()
        )
    else:
        shares = [issued.own_share] if issued.own_share else []
    money = lambda cents: format_money(cents, locale, invoice.currency)  # noqa: E731
    t = lambda key: translate(f"revenue.csv_{key}", locale)  # noqa: E731
    rows = [[t(k) for k in ("invoice", "person", "line", "basis", "amount", "explanation")]]
    private = access.is_guest
    credited = credited_shares(session, invoice) if invoice.kind == "invoice" else {}
    for share in shares:
        member = member_from_json(share.detail_json)
        sentences = describe_share(share.detail_json, locale, private=private)
        for line, sentence in zip(member.lines, sentences, strict=False):
            rows.append(
                [
                    invoice.number,
                    _defuse(share.name),
                    _defuse(line.label),
                    basis_label(line.basis, locale),
                    money(line.cents),
                    _defuse(sentence),
                ]
            )
        rows.append(
            [
                invoice.number,
                _defuse(share.name),
                t("share_total"),
                vat_label(share.vat_rate_bp, locale),
                money(share.base_cents),
                f"{translate('revenue.total_vat', locale)} {money(share.vat_cents)}",
            ]
        )
        if credited.get(share.user_id):
            taken = credited[share.user_id]
            rows.append([invoice.number, _defuse(share.name), t("credited"), "", money(taken), ""])
            rows.append(
                [
                    invoice.number,
                    _defuse(share.name),
                    t("net"),
                    "",
                    money(share.base_cents + taken),
                    "",
                ]
            )
    if access.is_manager:
        rows.append([invoice.number, "", t("fee"), "", money(invoice.fee_cents), ""])
    if not private:
        rows.append(
            [invoice.number, "", t("invoice_total"), "", money(invoice.total_before_tax_cents), ""]
        )
    return f"split-{invoice.number}.csv", _csv(rows, locale)
