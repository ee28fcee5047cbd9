"""Projects: creation, listing, settings, members and invitations of guests and clients."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from collab_app.i18n import format_date, format_money
from collab_app.models import Collective, CollectiveMember, Project, ProjectMember, User
from collab_app.services import permissions
from collab_app.services.accounts import invitations
from collab_app.services.accounts.collectives import MemberView, validate_name
from collab_app.services.amounts import read_cents
from collab_app.services.board.columns import create_default_columns
from collab_app.services.errors import NotFound, PermissionDenied, ValidationError
from collab_app.services.viewer import Viewer

BILLING_MODELS = ("milestone", "time", "mixed")
MAX_ROUNDS = 50


@dataclass(frozen=True, slots=True)
class ProjectSummary:
    """A project as listed for the viewer."""

    id: int
    name: str
    client_name: str
    collective_id: int
    collective_name: str
    role: str
    start_date: str


@dataclass(frozen=True, slots=True)
class ProjectDetail:
    """A project's settings as the viewer may see them; ``quote`` is empty unless allowed."""

    id: int
    collective_id: int
    collective_name: str
    name: str
    client_name: str
    start_date: str
    start_date_label: str
    quote: str
    included_rounds: int
    billing_model: str
    role: str


@dataclass(frozen=True, slots=True)
class ProjectInput:
    """Validated project fields."""

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
    project = Project(
        collective_id=collective.id,
        name=data.name,
        client_name=data.client_name,
        start_date=data.start_date,
        quote_cents=data.quote_cents,
        included_rounds=data.included_rounds,
        billing_model=data.billing_model,
    )
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
    project.name, project.client_name = data.name, data.client_name
    project.start_date, project.quote_cents = data.start_date, data.quote_cents
    project.included_rounds, project.billing_model = data.included_rounds, data.billing_model
    session.add(project)
    session.commit()


def collective_project_ids(session: Session, viewer: Viewer, *, collective_id: object) -> set[int]:
    """Return the ids of every project of a collective the viewer belongs to.

    For a collective's pages to follow its projects' change signal (no project data).

    Args:
        viewer: A member of the collective.

    Returns:
        The project ids.
    """
    collective, _ = permissions.require_collective(session, viewer, collective_id)
    return set(session.exec(select(Project.id).where(Project.collective_id == collective.id)).all())


def list_projects(session: Session, viewer: Viewer) -> list[ProjectSummary]:
    """Return every project the viewer may see, with their role on it.

    Returns:
        Projects sorted by name.
    """
    projects = session.exec(permissions.visible_projects_query(viewer).order_by(Project.name)).all()
    if not projects:
        return []
    roles = permissions.project_roles_of(session, viewer, list(projects))
    names = dict(
        session.exec(
            select(Collective.id, Collective.name).where(
                Collective.id.in_({p.collective_id for p in projects})
            )
        ).all()
    )
    return [
        ProjectSummary(
            id=p.id,
            name=p.name,
            client_name=p.client_name,
            collective_id=p.collective_id,
            collective_name=names.get(p.collective_id, ""),
            role=roles[p.id],
            start_date=p.start_date.isoformat(),
        )
        for p in projects
    ]


def get_project(
    session: Session, viewer: Viewer, *, project_id: object, locale: str = "en"
) -> ProjectDetail:
    """Return a project's details as the viewer may see them.

    Args:
        locale: For formatting the quote.

    Returns:
        The details; the quote only for managers.
    """
    access = permissions.require_project(session, viewer, project_id)
    p = access.project
    collective = session.get(Collective, p.collective_id)
    return ProjectDetail(
        id=p.id,
        collective_id=p.collective_id,
        collective_name=collective.name,
        name=p.name,
        client_name=p.client_name,
        start_date=p.start_date.isoformat(),
        start_date_label=format_date(p.start_date, locale),
        quote=format_money(p.quote_cents, locale, p.currency)
        if access.can_see_project_money
        else "",
        included_rounds=p.included_rounds,
        billing_model=p.billing_model,
        role=access.role,
    )


def list_members(session: Session, viewer: Viewer, *, project_id: object) -> list[MemberView]:
    """Return the people on a project; emails only for its managers.

    Args:
        viewer: Anyone on the project.

    Returns:
        Members sorted by role then name.
    """
    access = permissions.require_project(session, viewer, project_id)
    rows = session.exec(
        select(User, ProjectMember.role, ProjectMember.can_comment)
        .join(ProjectMember, ProjectMember.user_id == User.id)
        .where(ProjectMember.project_id == access.project.id)
        .order_by(User.display_name)
    ).all()
    order = {role: i for i, role in enumerate(permissions.PROJECT_ROLES)}
    members = [
        MemberView(
            user_id=u.id,
            display_name=u.display_name,
            email=u.email if access.is_manager else "",
            role=r,
            can_comment=bool(may_comment),
        )
        for u, r, may_comment in rows
    ]
    return sorted(members, key=lambda m: (order.get(m.role, 9), m.display_name.lower()))


def add_collective_member(
    session: Session, viewer: Viewer, *, project_id: object, user_id: object, role: str
) -> None:
    """Put a member of the project's collective on the project as manager or member.

    Args:
        viewer: A manager of the project.
        user_id: Id received from the client; must be in the same collective.
        role: ``manager`` or ``member``.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    if role not in permissions.TEAM_ROLES:
        raise ValidationError("invite.role_invalid", field="role")
    uid = permissions.coerce_id(user_id)
    in_collective = session.exec(
        select(CollectiveMember.id).where(
            CollectiveMember.collective_id == access.project.collective_id,
            CollectiveMember.user_id == uid,
        )
    ).first()
    if in_collective is None:
        raise NotFound()
    member = session.exec(
        select(ProjectMember).where(
            ProjectMember.project_id == access.project.id, ProjectMember.user_id == uid
        )
    ).first()
    if member is None:
        member = ProjectMember(project_id=access.project.id, user_id=uid, role=role)
    member.role = role
    session.add(member)
    session.commit()


def remove_member(session: Session, viewer: Viewer, *, project_id: object, user_id: object) -> None:
    """Take someone off a project (managers; a manager cannot remove themself).

    Args:
        viewer: A manager of the project.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    uid = permissions.coerce_id(user_id)
    if uid == viewer.user_id:
        raise PermissionDenied("project.cannot_remove_self")
    member = _membership(session, access.project.id, uid)
    session.delete(member)
    session.commit()


def invite(
    session: Session, viewer: Viewer, *, project_id: object, email: str, role: str
) -> invitations.CreatedInvitation:
    """Invite a guest freelancer or a client to one project (managers).

    Args:
        viewer: A manager of the project.
        email: Invitee.
        role: ``guest`` or ``client``.

    Returns:
        The invitation and its link.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    if role not in permissions.PROJECT_INVITABLE_ROLES:
        raise ValidationError("invite.role_invalid", field="role")
    collective = session.get(Collective, access.project.collective_id)
    return invitations.create(
        session, viewer, collective=collective, project=access.project, email=email, role=role
    )


def set_client_can_comment(
    session: Session, viewer: Viewer, *, project_id: object, user_id: object, allowed: object
) -> None:
    """Let a client of the project comment, or make them read-only (managers).

    A read-only client still sees everything shared with the client; the comment services
    refuse them (``permissions.can_comment``).

    Args:
        viewer: A manager of the project.
        user_id: Id received from the client; a client of this project.
        allowed: True to let them comment (the default of every client), False for read-only.

    Raises:
        NotFound: Not a member of the project.
        ValidationError: The person is not a client of the project, or ``allowed`` not a bool.
    """
    access = permissions.require_project(
        session, viewer, project_id, roles=permissions.MANAGER_ROLES
    )
    if not isinstance(allowed, bool):
        raise ValidationError("project.can_comment_invalid")
    uid = permissions.coerce_id(user_id)
    member = _membership(session, access.project.id, uid)
    if member.role != permissions.CLIENT:
        raise ValidationError("project.can_comment_clients_only")
    member.can_comment = allowed
    session.add(member)
    session.commit()


def _membership(session: Session, project_id: int, user_id: int) -> ProjectMember:
    """Return a person's membership of a project, ``NotFound`` when they have none."""
    member = session.exec(
        select(ProjectMember).where(
            ProjectMember.project_id == project_id, ProjectMember.user_id == user_id
        )
    ).first()
    if member is None:
        raise NotFound()
    return member
