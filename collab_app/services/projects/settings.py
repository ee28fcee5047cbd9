"""A project's settings: the form's fields validated once, creation and changes."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlmodel import Session

from collab_app.models import Project, ProjectMember
from collab_app.services import permissions
from collab_app.services.accounts.collectives import validate_name
from collab_app.services.amounts import read_cents
from collab_app.services.board.columns import create_default_columns
from collab_app.services.errors import ValidationError
from collab_app.services.viewer import Viewer

BILLING_MODELS = ("milestone", "time", "mixed")
MAX_ROUNDS = 50


@dataclass(frozen=True, slots=True)
class ProjectInput:
    """Validated project fields, named as the project's columns."""

    name: str
    client_name: str
    start_date: date
    quote_cents: int
    included_rounds: int
    billing_model: str


def validate_input(
    *,
    name: str,
    client_name: str,
    start_date: str,
    quote: str,
    included_rounds: str | int,
    billing_model: str,
    locale: str | None = None,
) -> ProjectInput:
    """Validate the fields of the project form.

    Args:
        name: Project name.
        client_name: Client's name.
        start_date: ISO date ``YYYY-MM-DD``.
        quote: Amount in the reader's notation.
        included_rounds: Revision rounds included in the quote (0-50).
        billing_model: ``milestone``, ``time`` or ``mixed``.
        locale: The reader's language, for the quote (None: unambiguous amounts only).

    Returns:
        The validated fields.

    Raises:
        ValidationError: The first invalid field.
    """
    cleaned_name = validate_name(name, field="name")
    cleaned_client = validate_name(client_name, field="client_name")
    try:
        start = date.fromisoformat((start_date or "").strip())
    except ValueError as exc:
        raise ValidationError("form.date_invalid", field="start_date") from exc
    quote_cents = 0
    if str(quote or "").strip():
        quote_cents = read_cents(quote, locale, field="quote", invalid_key="form.amount_invalid")
    if quote_cents < 0:
        raise ValidationError("form.amount_negative", field="quote")
    try:
        rounds = int(str(included_rounds).strip())
    except ValueError as exc:
        raise ValidationError("project.rounds_invalid", field="included_rounds") from exc
    if not 0 <= rounds <= MAX_ROUNDS:
        raise ValidationError("project.rounds_invalid", field="included_rounds")
    if billing_model not in BILLING_MODELS:
        raise ValidationError("project.billing_invalid", field="billing_model")
    return ProjectInput(cleaned_name, cleaned_client, start, quote_cents, rounds, billing_model)


def create_project(
    session: Session, viewer: Viewer, *, collective_id: object, data: ProjectInput
) -> int:
    """Create a project in a collective the viewer belongs to; the viewer becomes its manager.

    Args:
        viewer: Any member of the collective.
        data: Validated fields.

    Returns:
        The new project's id.
    """
    collective, _ = permissions.require_collective(session, viewer, collective_id)
    project = Project(collective_id=collective.id, **asdict(data))
    session.add(project)
    session.flush()
    session.add(
        ProjectMember(project_id=project.id, user_id=viewer.user_id, role=permissions.MANAGER)
    )
    create_default_columns(session, project.id)
    session.commit()
    return project.id


def update_project(
    session: Session, viewer: Viewer, *, project_id: object, data: ProjectInput
) -> None:
    """Change a project's settings (managers).

    Args:
        viewer: A manager of the project.
        data: Validated fields.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    project = access.project
    for column, value in asdict(data).items():
        setattr(project, column, value)
    session.add(project)
    session.commit()
