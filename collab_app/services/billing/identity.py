"""A collective's invoicing identity: read and edited by its owners and admins only.

The identity (legal name, address, SIRET, VAT number, IBAN/BIC, payment term, VAT of the
collective's fee) is printed on every invoice the collective issues. Anyone else, plain members
included, gets ``NotFound`` exactly as for an unknown collective: bank details stay with the
people who run the collective.

Saving checks every field at once and reports all the wrong ones together
(:class:`BillingErrors`); nothing is written unless every field is valid. Empty fields are
accepted (the identity may be filled in little by little); :func:`require_complete` refuses to
issue an invoice while a field needed on it is still empty, naming the missing ones.
"""

from __future__ import annotations

from sqlmodel import Session

from collab_app.i18n import translate
from collab_app.models.base import utcnow
from collab_app.services import permissions
from collab_app.services.billing import identifiers, payees, presenter, rates
from collab_app.services.billing.presenter import BillingView
from collab_app.services.errors import NotFound, ValidationError
from collab_app.services.viewer import Viewer

FIELDS = (
    "legal_name",
    "address",
    "siret",
    "vat_number",
    "iban",
    "bic",
    "payment_days",
    "late_penalty_rate",
    "early_discount",
)


class BillingErrors(ValidationError):
    """Several fields are wrong; ``errors`` maps each field to its (key, params)."""

    def __init__(self, errors: dict[str, tuple[str, dict[str, object]]]) -> None:
        """Create the error from the first one, keeping them all.

        Args:
            errors: Field -> (message key, parameters); not empty.
        """
        field, (code, params) = next(iter(errors.items()))
        super().__init__(code, field=field, **params)
        self.errors = errors


def _checked(value: object) -> bool:
    return value is True or str(value).lower() in ("true", "on", "1")


def _require_admin(session: Session, viewer: Viewer, collective_id: object):
    collective, role = permissions.require_collective(session, viewer, collective_id)
    if role not in permissions.COLLECTIVE_ADMIN_ROLES:
        raise NotFound()
    return collective


def missing_fields(session: Session, collective_id: int) -> tuple[str, ...]:
    """Return the identity fields an invoice of this collective still needs.

    Args:
        collective_id: The collective.

    Returns:
        Field names, empty when complete.
    """
    row = payees.collective_billing(session, collective_id)
    return identifiers.missing_for_issuing(
        {name: getattr(row, name, "") for name in FIELDS}, fee_vat_exempt=row.fee_vat_exempt
    )


def require_complete(session: Session, collective_id: int, locale: str = "en") -> None:
    """Refuse to issue while the collective's identity lacks something printed on invoices.

    Args:
        collective_id: The issuing collective.
        locale: Language of the missing fields' names in the message.

    Raises:
        ValidationError: ``revenue.billing_incomplete`` with ``missing`` (translated names,
            comma separated) and ``collective_id`` (for the link to the settings screen).
    """
    missing = missing_fields(session, collective_id)
    if missing:
        names = ", ".join(translate(f"revenue.billing_field_{m}", locale) for m in missing)
        raise ValidationError(
            "revenue.billing_incomplete",
            missing=names,
            collective_id=collective_id,
            fields=missing,
        )


def get_billing(
    session: Session, viewer: Viewer, *, collective_id: object, locale: str = "en"
) -> BillingView:
    """Return a collective's invoicing identity (owners and admins).

    Args:
        locale: For the fee's VAT rate.

    Returns:
        The identity.

    Raises:
        NotFound: Unknown collective, or the viewer is not its owner or an admin.
    """
    collective = _require_admin(session, viewer, collective_id)
    row = payees.collective_billing(session, collective.id)
    missing = missing_fields(session, collective.id)
    return presenter.billing_view(collective, row, missing, locale)


def save_billing(
    session: Session,
    viewer: Viewer,
    *,
    collective_id: object,
    values: dict[str, object],
    fee_vat_exempt: object = False,
    vat_on_debits: object = False,
) -> None:
    """Check and save a collective's invoicing identity (owners and admins).

    Issued invoices keep the identity copied when they were issued.

    Args:
        values: Typed text per field of :data:`FIELDS` plus ``fee_vat_rate``.
        fee_vat_exempt: The collective's fee carries no VAT (art. 293 B du CGI).
        vat_on_debits: The collective opted to pay VAT on debits (printed on invoices).

    Raises:
        NotFound: Unknown collective, or the viewer is not its owner or an admin.
        BillingErrors: One or more fields are wrong (nothing saved).
    """
    collective = _require_admin(session, viewer, collective_id)
    exempt = _checked(fee_vat_exempt)
    cleaned: dict[str, object] = {}
    errors: dict[str, tuple[str, dict[str, object]]] = {}

    def attempt(name: str, check) -> None:  # noqa: ANN001
        try:
            cleaned[name] = check(values.get(name))
        except ValidationError as error:
            errors[error.field or name] = (error.code, error.params)

    attempt("legal_name", lambda v: identifiers.clean_text(v, field="legal_name", max_length=120))
    attempt("address", lambda v: identifiers.clean_text(v, field="address", max_length=300))
    attempt("siret", identifiers.clean_siret)
    attempt(
        "vat_number",
        lambda v: identifiers.clean_vat_number(v, siret=str(cleaned.get("siret") or "")),
    )
    attempt("iban", identifiers.clean_iban)
    attempt("bic", identifiers.clean_bic)
    attempt("payment_days", identifiers.clean_payment_days)
    attempt(
        "late_penalty_bp",
        lambda _: identifiers.clean_penalty_rate(values.get("late_penalty_rate"), viewer.locale),
    )
    attempt(
        "early_discount",
        lambda v: identifiers.clean_text(v, field="early_discount", max_length=200).replace(
            "\n", " "
        ),
    )
    if not exempt:
        try:
            cleaned["fee_vat_rate_bp"] = rates.parse_vat_rate(values.get("fee_vat_rate"))
        except ValidationError as error:
            errors["fee_vat_rate"] = (error.code, error.params)
    if errors:
        raise BillingErrors(errors)
    row = payees.collective_billing(session, collective.id)
    for name, value in cleaned.items():
        setattr(row, name, value)
    row.fee_vat_exempt = exempt
    row.vat_on_debits = _checked(vat_on_debits)
    row.updated_at = utcnow()
    session.add(row)
    session.commit()


def issuer_snapshot(session: Session, collective_id: int) -> dict[str, str]:
    """Return the issuer block copied into an invoice when it is issued.

    Args:
        collective_id: The issuing collective.

    Returns:
        Name, address, SIRET, VAT number, IBAN, BIC and the payment terms (term, penalty
        rate, early-payment discount, VAT on debits).
    """
    row = payees.collective_billing(session, collective_id)
    return {
        "name": row.legal_name,
        "address": row.address,
        "siret": row.siret,
        "vat_number": row.vat_number,
        "iban": row.iban,
        "bic": row.bic,
        "payment_days": str(row.payment_days),
        "late_penalty_bp": row.late_penalty_bp,
        "early_discount": row.early_discount,
        "vat_on_debits": row.vat_on_debits,
    }
