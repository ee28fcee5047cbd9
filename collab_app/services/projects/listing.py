"""The projects a viewer may see: listed, or one with its settings."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from collab_app.i18n import format_date, format_money
from collab_app.models import Collective, Project
from collab_app.services import permissions
from collab_app.services.viewer import Viewer


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
