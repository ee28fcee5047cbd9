"""The legal mentions of a French B2B invoice or credit note, in the reader's language.

Written from what was frozen when the document was issued (the issuer block of its snapshot,
copied from the collective's billing identity), so a later change of the collective's terms
never changes an issued invoice. Code de commerce L441-9 and L441-10, CGI art. 242 nonies A:

- the nature of the operation (services: the collective sells work);
- invoices: the due date and payment term, the late-payment penalty rate (the agreed one, or
  the legal default: the ECB's refinancing rate plus 10 points), the fixed 40 € indemnity for
  recovery costs, and the early-payment discount or that there is none;
- credit notes: the invoice they correct, with its number and date;
- the option for VAT on debits when the collective chose it;
- the VAT exemption mention of each exempt base (frozen in the snapshot, in French as the law
  words it).

Documents issued before these terms were frozen (no ``vat_on_debits`` in their issuer block)
keep exactly the mentions they were issued with.
"""

from __future__ import annotations

from datetime import date

from collab_app.i18n import format_date, format_money, format_percent, translate
from collab_app.i18n.plurals import translate_count

RECOVERY_INDEMNITY_CENTS = 4000  # Code de commerce D441-5: 40 euros per late invoice.


def payment_terms(issue_date: date | None, due_date: date | None, locale: str) -> str:
    """Return the payment terms sentence of an invoice (also the Factur-X payment terms).

    Args:
        issue_date: The invoice's date.
        due_date: The invoice's due date.
        locale: ``en`` or ``fr``.

    Returns:
        e.g. ``Payment by bank transfer by 9 Oct 2026 (30 days from the invoice date).``
    """
    days = (due_date - issue_date).days if due_date and issue_date else 0
    return translate_count(
        "revenue.mention_payment", days, locale, due=format_date(due_date, locale)
    )


def penalty_terms(issuer: dict, locale: str) -> str:
    """Return the late-payment penalty mention.

    Args:
        issuer: The frozen issuer block.
        locale: ``en`` or ``fr``.

    Returns:
        The agreed rate per year, or the legal default rate.
    """
    rate = issuer.get("late_penalty_bp")
    if rate is None:
        return translate("revenue.mention_penalty_legal", locale)
    return translate("revenue.mention_penalty", locale, rate=format_percent(int(rate), locale))


def indemnity_terms(locale: str, currency: str = "EUR") -> str:
    """Return the fixed recovery indemnity mention.

    Args:
        locale: ``en`` or ``fr``.
        currency: The invoice's currency.

    Returns:
        The mention with 40 € formatted for the reader.
    """
    amount = format_money(RECOVERY_INDEMNITY_CENTS, locale, currency)
    return translate("revenue.mention_indemnity", locale, amount=amount)


def discount_terms(issuer: dict, locale: str) -> str:
    """Return the early-payment discount mention (or that there is none).

    Args:
        issuer: The frozen issuer block.
        locale: ``en`` or ``fr``.

    Returns:
        The mention.
    """
    text = str(issuer.get("early_discount") or "").strip()
    if not text:
        return translate("revenue.mention_no_discount", locale)
    return translate("revenue.mention_discount", locale, terms=text)


def legal_mentions(
    snapshot: dict,
    *,
    kind: str,
    issue_date: date | None,
    due_date: date | None,
    locale: str,
    currency: str = "EUR",
    corrects: tuple[str, date | None] | None = None,
) -> tuple[str, ...]:
    """Return every legal mention of an issued document, in print order.

    Args:
        snapshot: The document's frozen snapshot (issuer block and exemption mentions).
        kind: ``invoice`` or ``credit_note``.
        issue_date: The issue date.
        due_date: The due date (invoices).
        locale: ``en`` or ``fr``.
        currency: The document's currency.
        corrects: For a credit note, the corrected invoice's number and issue date.

    Returns:
        The mentions.
    """
    issuer = snapshot.get("issuer", {}) or {}
    exemptions = tuple(snapshot.get("mentions", []))
    if "vat_on_debits" not in issuer:
        return exemptions
    mentions = [translate("revenue.mention_services", locale)]
    if kind == "credit_note" and corrects is not None:
        number, issued = corrects
        mentions.append(
            translate(
                "revenue.mention_corrects", locale, number=number, date=format_date(issued, locale)
            )
        )
    else:
        mentions += [
            payment_terms(issue_date, due_date, locale),
            penalty_terms(issuer, locale),
            indemnity_terms(locale, currency),
            discount_terms(issuer, locale),
        ]
    if issuer.get("vat_on_debits"):
        mentions.append(translate("revenue.mention_vat_on_debits", locale))
    return (*mentions, *exemptions)
