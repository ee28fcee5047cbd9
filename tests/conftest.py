"""The shared cast of the unit tests; the database fixtures come from :mod:`testkit.db`."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlmodel import Session

from testkit import factories


@dataclass
class World:
    """A collective with one project and one person per role, plus an outsider."""

    collective: object
    project: object
    owner: object
    manager: object
    member: object
    guest: object
    client: object
    outsider: object
    other_project: object


@pytest.fixture
def world(session: Session) -> World:
    """Build the standard cast used by permission tests."""
    owner = factories.make_user(session, "Owner")
    manager = factories.make_user(session, "Manager")
    member = factories.make_user(session, "Member")
    guest = factories.make_user(session, "Guest")
    client = factories.make_user(session, "Client")
    outsider = factories.make_user(session, "Outsider")
    collective = factories.make_collective(session, owner, "Atelier")
    for person in (manager, member):
        factories.add_collective_member(session, collective, person, "member")
    project = factories.make_project(session, collective, "Website")
    factories.add_project_member(session, project, manager, "manager")
    factories.add_project_member(session, project, member, "member")
    factories.add_project_member(session, project, guest, "guest")
    factories.add_project_member(session, project, client, "client")
    other_collective = factories.make_collective(session, outsider, "Elsewhere")
    other_project = factories.make_project(session, other_collective, "Secret")
    return World(
        collective=collective,
        project=project,
        owner=owner,
        manager=manager,
        member=member,
        guest=guest,
        client=client,
        outsider=outsider,
        other_project=other_project,
    )
