"""Demo data: the "Atelier Nord" collective and its "Boulangerie Dupont website" project.

``python -m collab_app.demo`` seeds an empty database; ``--reset`` empties a non-empty one first.
Each area adds its part in its own module (board, feedback, ...), called from ``seed``.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from collab_app.demo.board import seed_board
from collab_app.demo.feedback import seed_feedback
from collab_app.demo.revenue import seed_revenue
from collab_app.demo.revisions import seed_revisions
from collab_app.demo.world import DemoWorld
from collab_app.models import Collective, CollectiveMember, Project, ProjectMember, User
from collab_app.services import clock
from collab_app.services.accounts.auth import viewer_for
from collab_app.services.accounts.passwords import hash_password
from collab_app.services.viewer import Viewer

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - documented demo credential
DEMO_USERS = {
    # key: (email, display name, locale)
    "alice": ("alice@atelier-nord.example", "Alice Martin", "fr"),
    "bruno": ("bruno@atelier-nord.example", "Bruno Leroy", "fr"),
    "chloe": ("chloe@freelance.example", "Chloé Petit", "en"),
    "david": ("david@client.example", "David Dupont", "fr"),
}


def seed_foundation(session: Session) -> DemoWorld:
    """Create the collective, its people, and two projects.

    Args:
        session: Database session; committed here.

    Returns:
        The created rows, for the other areas' seeders.
    """
    password_hash = hash_password(DEMO_PASSWORD)
    users: dict[str, Viewer] = {}
    for key, (email, name, locale) in DEMO_USERS.items():
        user = User(email=email, display_name=name, password_hash=password_hash, locale=locale)
        session.add(user)
        session.flush()
        users[key] = viewer_for(user)
    collective = Collective(name="Atelier Nord", mail_domain="atelier-nord.example")
    session.add(collective)
    session.flush()
    session.add(
        CollectiveMember(collective_id=collective.id, user_id=users["alice"].user_id, role="owner")
    )
    session.add(
        CollectiveMember(collective_id=collective.id, user_id=users["bruno"].user_id, role="member")
    )
    today = clock.now().date()
    project = Project(
        collective_id=collective.id,
        name="Boulangerie Dupont website",
        client_name="Boulangerie Dupont",
        start_date=today - timedelta(days=45),
        quote_cents=1_240_000,
        included_rounds=3,
        billing_model="mixed",
    )
    # A project only the collective works on: the guest and the client must never see it.
    internal_project = Project(
        collective_id=collective.id,
        name="Atelier Nord brand refresh",
        client_name="Atelier Nord",
        start_date=today - timedelta(days=10),
        quote_cents=0,
        included_rounds=1,
        billing_model="time",
    )
    session.add(project)
    session.add(internal_project)
    session.flush()
    for key, role in (
        ("alice", "manager"),
        ("bruno", "member"),
        ("chloe", "guest"),
        ("david", "client"),
    ):
        session.add(ProjectMember(project_id=project.id, user_id=users[key].user_id, role=role))
    session.add(
        ProjectMember(
            project_id=internal_project.id, user_id=users["bruno"].user_id, role="manager"
        )
    )
    session.commit()
    return DemoWorld(
        collective=collective, project=project, internal_project=internal_project, users=users
    )


def seed(session: Session) -> DemoWorld:
    """Create the whole demo on an empty database.

    Args:
        session: Database session; committed here.

    Returns:
        The foundation's rows.
    """
    world = seed_foundation(session)
    seed_board(session, world)
    seed_revenue(session, world)
    seed_feedback(session, world)
    seed_revisions(session, world)
    return world
