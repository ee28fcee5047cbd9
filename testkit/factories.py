"""Builders of rows for tests: fast (one password hash per run), explicit, DB-backed."""

from __future__ import annotations

import functools
import itertools
from datetime import date

from sqlmodel import Session

from collab_app.models import Collective, CollectiveMember, Project, ProjectMember, User
from collab_app.services.accounts.auth import viewer_for
from collab_app.services.accounts.passwords import hash_password
from collab_app.services.viewer import Viewer

PASSWORD = "correct-horse-battery"
_counter = itertools.count(1)


@functools.cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


def make_user(session: Session, name: str | None = None, *, locale: str = "en") -> Viewer:
    """Create a user whose password is ``PASSWORD``.

    Args:
        session: Database session; committed here.
        name: Display name; also the email's local part.
        locale: Preferred language.

    Returns:
        The user's viewer.
    """
    n = next(_counter)
    name = name or f"user{n}"
    user = User(
        email=f"{name.lower()}.{n}@example.org",
        display_name=name,
        password_hash=_password_hash(),
        locale=locale,
    )
    session.add(user)
    session.commit()
    session.refresh(user)
    return viewer_for(user)


def make_collective(session: Session, owner: Viewer, name: str = "Collective") -> Collective:
    """Create a collective owned by ``owner``.

    Args:
        session: Database session; committed here.
        owner: The owner.
        name: Its name.

    Returns:
        The collective.
    """
    collective = Collective(name=name)
    session.add(collective)
    session.flush()
    session.add(CollectiveMember(collective_id=collective.id, user_id=owner.user_id, role="owner"))
    session.commit()
    session.refresh(collective)
    return collective


def add_collective_member(
    session: Session, collective: Collective, viewer: Viewer, role: str
) -> None:
    """Add someone to a collective.

    Args:
        session: Database session; committed here.
        collective: The collective.
        viewer: The person.
        role: owner, admin or member.
    """
    session.add(CollectiveMember(collective_id=collective.id, user_id=viewer.user_id, role=role))
    session.commit()


def make_project(session: Session, collective: Collective, name: str = "Project") -> Project:
    """Create a project in a collective, with nobody on it yet.

    Args:
        session: Database session; committed here.
        collective: Its collective.
        name: Its name.

    Returns:
        The project.
    """
    project = Project(
        collective_id=collective.id,
        name=name,
        client_name="Client SA",
        start_date=date(2026, 1, 5),
        quote_cents=1_200_000,
    )
    session.add(project)
    session.commit()
    session.refresh(project)
    return project


def add_project_member(session: Session, project: Project, viewer: Viewer, role: str) -> None:
    """Put someone on a project with a role.

    Args:
        session: Database session; committed here.
        project: The project.
        viewer: The person.
        role: manager, member, guest or client.
    """
    session.add(ProjectMember(project_id=project.id, user_id=viewer.user_id, role=role))
    session.commit()
