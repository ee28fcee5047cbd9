"""What the CSV exports hold: the time report and an invoice's split, in the reader's language.

French files use ``;`` as separator and ``,`` as decimal mark (what spreadsheets expect there);
English ones ``,`` and ``.``. Files start with a UTF-8 byte-order mark. Text typed by people is
defused against spreadsheet formulas (a leading ``=``, ``+``, ``-``, ``@`` gets a quote).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from collab_app.i18n import format_money, format_number, normalize_locale, translate
from collab_app.models import Invoice, InvoiceShare
from collab_app.services.billing.presenter.explanations import describe_share
from collab_app.services.billing.presenter.rates import vat_label
from collab_app.services.billing.snapshots import member_from_json
from collab_app.services.billing.split_engine.explain import basis_label
from collab_app.services.time_tracking.presenter import EntryView


def _defuse(value: str) -> str:
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def csv_bytes(rows: list[list[str]], locale: str) -> bytes:
    """Write rows as a CSV file in the reader's notation, with a byte-order mark.

    Args:
        rows: The rows, already formatted.
        locale: ``fr`` gives ``;`` separators, ``en`` commas.

    Returns:
        The file's bytes (UTF-8).
    """
    buffer = io.StringIO()
    delimiter = ";" if normalize_locale(locale) == "fr" else ","
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _hours(minutes: int, locale: str) -> str:
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return format_number(hours, locale, places=2, grouping=False)


def time_rows(entries: Sequence[EntryView], locale: str) -> list[list[str]]:
    """Return the rows of the time report: a header, one row per entry (oldest first), a total.

    Args:
        entries: The entries, most recent first.
        locale: The reader's language.

    Returns:
        The rows.
    """
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
    return rows


def split_rows(
    invoice: Invoice,
    shares: Sequence[InvoiceShare],
    credited: Mapping[int, int],
    locale: str,
    *,
    manager: bool,
    private: bool,
) -> list[list[str]]:
    """Return the rows of an invoice's split: per member and line, then member totals.

    Args:
        invoice: The issued invoice.
        shares: The shares the reader may see.
        credited: User id -> what credit notes took back from their share (cents).
        locale: The reader's language.
        manager: Add the collective's fee.
        private: A guest: no invoice total, explanations without other figures.

    Returns:
        The rows.
    """
    money = lambda cents: format_money(cents, locale, invoice.currency)  # noqa: E731
    t = lambda key: translate(f"revenue.csv_{key}", locale)  # noqa: E731
    rows = [[t(k) for k in ("invoice", "person", "line", "basis", "amount", "explanation")]]
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
    if manager:
        rows.append([invoice.number, "", t("fee"), "", money(invoice.fee_cents), ""])
    if not private:
        rows.append(
            [invoice.number, "", t("invoice_total"), "", money(invoice.total_before_tax_cents), ""]
        )
    return rows
